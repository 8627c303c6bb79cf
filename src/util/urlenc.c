#include "util/urlenc.h"
#include "util/buf.h"
#include <stdlib.h>

static int hexval(int ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

int urlenc_decode(const char *s, size_t n, char *out, size_t *outn) {
  size_t o = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '+') {
      out[o++] = ' ';
    } else if (s[i] == '%') {
      if (i + 2 >= n) return -1;
      int hi = hexval((unsigned char)s[i + 1]), lo = hexval((unsigned char)s[i + 2]);
      if (hi < 0 || lo < 0) return -1;
      out[o++] = (char)(hi * 16 + lo);
      i += 2;
    } else {
      out[o++] = s[i];
    }
  }
  out[o] = 0;
  *outn = o;
  return 0;
}

int urlenc_parse(const char *s, size_t n, urlenc_pair_fn fn, void *ctx) {
  char *k = xmalloc(n + 1), *v = xmalloc(n + 1);
  size_t i = 0;
  int rc = 0;
  while (rc == 0 && i < n) {
    size_t end = i;
    while (end < n && s[end] != '&') end++;
    size_t eq = i;
    while (eq < end && s[eq] != '=') eq++;
    size_t kn = 0, vn = 0;
    if (end > i) {
      rc = urlenc_decode(s + i, eq - i, k, &kn);
      if (rc == 0) rc = urlenc_decode(s + (eq < end ? eq + 1 : end), eq < end ? end - eq - 1 : 0, v, &vn);
      if (rc == 0 && kn) rc = fn(ctx, k, kn, v, vn);
    }
    i = end + 1;
  }
  free(k);
  free(v);
  return rc;
}
