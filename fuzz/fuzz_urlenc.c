/* libFuzzer: an application/x-www-form-urlencoded body (util/urlenc.c), each
 * pair checked as the server does (controls, UTF-8); a decoded pair is
 * never longer than its text. */
#include "util/text.h"
#include "util/urlenc.h"
#include <stdint.h>

typedef struct seen {
  size_t limit;
} seen;

static int pair(void *ctx, const char *k, size_t kn, const char *v, size_t vn) {
  const seen *s = ctx;
  if (kn + vn > s->limit || k[kn] || v[vn]) __builtin_trap();
  if (text_find_control(k, kn) >= 0 || text_find_control(v, vn) >= 0) return -1;
  return text_valid_utf8(k, kn) && text_valid_utf8(v, vn) ? 0 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  seen s = {size};
  urlenc_parse((const char *)data, size, pair, &s);
  return 0;
}
