/* buf: a growable byte string, always NUL-terminated, never NULL once
 * initialised (git's strbuf). A buffer may carry a hard cap: appends past it
 * set `overflow` instead of growing, so a request cannot grow memory without
 * bound (curl's dynbuf). Memory errors abort (see xalloc). */
#ifndef DV_BUF_H
#define DV_BUF_H
#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
  char *s;
  size_t len, cap;
  size_t max;      /* 0 = unbounded */
  int overflow;    /* set when an append hit max */
} buf;

void buf_init(buf *b, size_t max);
void buf_release(buf *b);
void buf_reset(buf *b);
void buf_add(buf *b, const void *p, size_t n);
void buf_adds(buf *b, const char *s);
void buf_addc(buf *b, char c);
void buf_addf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vaddf(buf *b, const char *fmt, va_list ap);
/* hands the string to the caller, who frees it; b is left empty and holds
 * no memory, so a buffer that ends in a detach needs no release */
char *buf_detach(buf *b, size_t *len);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
#endif
