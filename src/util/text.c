#include "util/text.h"
#include "util/buf.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int text_valid_utf8(const char *s, size_t n) {
  utf8proc_ssize_t i = 0;
  while ((size_t)i < n) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)n - i, &cp);
    if (k <= 0 || cp == 0) return 0;
    i += k;
  }
  return 1;
}

long text_find_control(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return (long)i;
  }
  return -1;
}

/* Fast paths. Vietnamese text typed today is precomposed: every code point
 * below U+0300 or in Latin Extended Additional (U+1E00-U+1EFF), and such
 * text is already NFC. Its fold is one ASCII letter per code point, taken
 * from a table that utf8proc itself fills once, so both paths agree. */
#define FAST_LIMIT 0x300
#define EXT_LO 0x1E00
#define EXT_HI 0x1EFF
static char fold_low[FAST_LIMIT], fold_ext[EXT_HI - EXT_LO + 1];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

static int fast_cp(utf8proc_int32_t cp) { return cp < FAST_LIMIT || (cp >= EXT_LO && cp <= EXT_HI); }

/* 1 if every code point of valid UTF-8 s takes the fast path */
static int all_fast(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    if ((unsigned char)s[i] < 0x80) {
      i++;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0 || !fast_cp(cp)) return 0;
    i += (size_t)k;
  }
  return 1;
}

char *text_nfc(const char *s) {
  size_t n = strlen(s);
  if (!text_valid_utf8(s, n)) return NULL;
  if (all_fast(s, n)) return xstrdup(s);
  return (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
}

/* Đ (U+0110), đ (U+0111) and the rarer Ɖ (U+0189) do not decompose. */
static utf8proc_int32_t fold_d(utf8proc_int32_t cp, void *data) {
  (void)data;
  if (cp == 0x0110 || cp == 0x0111 || cp == 0x0189) return 'd';
  return cp;
}

static char *fold_slow(const char *s);

/* the fold of one code point if it is a single ASCII byte, else 0 */
static char fold_one(utf8proc_int32_t cp) {
  utf8proc_uint8_t in[8];
  utf8proc_ssize_t k = utf8proc_encode_char(cp, in);
  in[k] = 0;
  char *f = fold_slow((const char *)in), c = 0;
  if (f && strlen(f) == 1 && (unsigned char)f[0] < 0x80) c = f[0];
  free(f);
  return c;
}

static void fill_fold_tables(void) {
  for (int cp = 1; cp < FAST_LIMIT; cp++) fold_low[cp] = fold_one(cp);
  for (int cp = EXT_LO; cp <= EXT_HI; cp++) fold_ext[cp - EXT_LO] = fold_one(cp);
}

/* NULL when some code point has no one-letter fold: then the slow path */
static char *fold_fast(const char *s, size_t n) {
  pthread_once(&fold_once, fill_fold_tables);
  char *out = xmalloc(n + 1), *o = out;
  for (size_t i = 0; i < n;) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
    char c = k > 0 && cp < FAST_LIMIT ? fold_low[cp] : k > 0 && cp >= EXT_LO && cp <= EXT_HI ? fold_ext[cp - EXT_LO] : 0;
    if (!c) {
      free(out);
      return NULL;
    }
    *o++ = c;
    i += (size_t)k;
  }
  *o = 0;
  return out;
}

char *text_fold(const char *s) {
  size_t n = strlen(s);
  if (!text_valid_utf8(s, n)) return NULL;
  char *f = all_fast(s, n) ? fold_fast(s, n) : NULL;
  return f ? f : fold_slow(s);
}

static char *fold_slow(const char *s) {
  utf8proc_uint8_t *out = NULL;
  /* COMPOSE decomposes first, so STRIPMARK sees the marks; utf8proc refuses
   * DECOMPOSE and COMPOSE together (UTF8PROC_ERROR_INVALIDOPTS). */
  utf8proc_ssize_t n = utf8proc_map_custom((const utf8proc_uint8_t *)s, 0, &out,
                                           UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_STRIPMARK |
                                               UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE,
                                           fold_d, NULL);
  if (n < 0) return NULL;
  return (char *)out;
}

char *text_trim(char *s) {
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) s[--n] = 0;
  size_t i = 0;
  while (s[i] == ' ' || s[i] == '\t') i++;
  if (i) memmove(s, s + i, n - i + 1);
  return s;
}

static utf8proc_int32_t map_case(utf8proc_int32_t c, void *upper) {
  return upper ? utf8proc_toupper(c) : utf8proc_tolower(c);
}

/* NFC copy of s in upper (or lower) case, or NULL if s is not valid UTF-8 */
static char *text_case(const char *s, int upper) {
  utf8proc_uint8_t *out = NULL;
  utf8proc_ssize_t n = utf8proc_map_custom((const utf8proc_uint8_t *)s, 0, &out,
                                           UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE, map_case,
                                           upper ? (void *)1 : NULL);
  return n < 0 ? NULL : (char *)out;
}

char *text_upper(const char *s) { return text_case(s, 1); }
char *text_lower(const char *s) { return text_case(s, 0); }

/* ---------------- bulk imports: no allocation per value ---------------- */

int text_nfc_fast(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      if (!c) return 0;
      i++;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0 || !fast_cp(cp)) return 0;
    i += (size_t)k;
  }
  return 1;
}

int text_fold_append(buf *b, const char *s) {
  size_t n = strlen(s), start = b->len;
  if (!n) return 0;
  pthread_once(&fold_once, fill_fold_tables);
  /* the fold of fast text is one byte per code point, never longer than s:
   * reserve n bytes, then write over them */
  buf_add(b, s, n);
  if (b->len != start + n) goto slow; /* a capped buffer that is full */
  char *o = b->s + start;
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)s[i];
    char f;
    if (c < 0x80) {
      f = fold_low[c];
      i++;
    } else {
      utf8proc_int32_t cp;
      utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
      if (k <= 0) goto slow;
      f = cp < FAST_LIMIT ? fold_low[cp] : cp >= EXT_LO && cp <= EXT_HI ? fold_ext[cp - EXT_LO] : 0;
      i += (size_t)k;
    }
    if (!f) goto slow;
    *o++ = f;
  }
  b->len = (size_t)(o - b->s);
  b->s[b->len] = 0;
  return 0;
slow:
  b->len = start;
  if (b->cap) b->s[start] = 0;
  char *f = text_fold(s);
  if (!f) return -1;
  buf_adds(b, f);
  free(f);
  return 0;
}

size_t text_chars(const char *s) {
  size_t n = 0;
  for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}
