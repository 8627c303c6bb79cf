/* application/x-www-form-urlencoded bodies ("a=1&b=x+y%C3%A0"): the pairs
 * split at '&' and '=', each name and value decoded (%XX, '+' a space).
 * Pure bytes, no allocation visible to the caller. Query strings are
 * decoded by libmicrohttpd before they reach the server's code. */
#ifndef DV_URLENC_H
#define DV_URLENC_H
#include <stddef.h>

/* decodes s[0..n) into out (at least n+1 bytes, NUL-terminated), its
 * length in *outn; -1 on a bad escape (a '%' not followed by two hex digits) */
int urlenc_decode(const char *s, size_t n, char *out, size_t *outn);

/* called with each decoded pair whose name is not empty; non-zero stops */
typedef int (*urlenc_pair_fn)(void *ctx, const char *k, size_t kn, const char *v, size_t vn);
/* every pair of s[0..n) in order ("a" alone is a pair with an empty value);
 * 0, -1 on a bad escape, or what fn returned when it stopped */
int urlenc_parse(const char *s, size_t n, urlenc_pair_fn fn, void *ctx);
#endif
