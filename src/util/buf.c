#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die_oom(void) {
  fputs("out of memory\n", stderr);
  abort();
}

void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) die_oom();
  return p;
}

void *xcalloc(size_t n, size_t m) {
  void *p = calloc(n ? n : 1, m ? m : 1);
  if (!p) die_oom();
  return p;
}

void *xrealloc(void *p, size_t n) {
  p = realloc(p, n ? n : 1);
  if (!p) die_oom();
  return p;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xstrndup(const char *s, size_t n) {
  char *p = xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = 0;
  return p;
}

/* An empty buffer points here and owns no memory (git's strbuf_slopbuf), so
 * `return buf_detach(&b, NULL);` leaves nothing to release. Never written. */
static char buf_empty[1];

void buf_init(buf *b, size_t max) {
  b->s = buf_empty;
  b->len = b->cap = 0;
  b->max = max;
  b->overflow = 0;
}

void buf_release(buf *b) {
  if (b->cap) free(b->s);
  b->s = NULL;
  b->len = b->cap = 0;
}

void buf_reset(buf *b) {
  b->len = 0;
  if (b->cap) b->s[0] = 0;
  b->overflow = 0;
}

static int buf_grow(buf *b, size_t extra) {
  size_t need = b->len + extra + 1;
  if (b->max && b->len + extra > b->max) {
    b->overflow = 1;
    return -1;
  }
  if (need <= b->cap) return 0;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need) cap *= 2;
  b->s = b->cap ? xrealloc(b->s, cap) : xmalloc(cap);
  b->cap = cap;
  return 0;
}

void buf_add(buf *b, const void *p, size_t n) {
  if (buf_grow(b, n)) return;
  memcpy(b->s + b->len, p, n);
  b->len += n;
  b->s[b->len] = 0;
}

void buf_adds(buf *b, const char *s) { buf_add(b, s, strlen(s)); }

void buf_addc(buf *b, char c) { buf_add(b, &c, 1); }

void buf_vaddf(buf *b, const char *fmt, va_list ap) {
  va_list cp;
  va_copy(cp, ap);
  int n = vsnprintf(NULL, 0, fmt, cp);
  va_end(cp);
  if (n < 0 || buf_grow(b, (size_t)n)) return;
  vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
}

void buf_addf(buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  buf_vaddf(b, fmt, ap);
  va_end(ap);
}

char *buf_detach(buf *b, size_t *len) {
  char *s = b->cap ? b->s : xcalloc(1, 1);
  if (len) *len = b->len;
  buf_init(b, b->max);
  return s;
}
