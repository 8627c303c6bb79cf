#include "util/text.h"
#include "util/buf.h"
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

char *text_nfc(const char *s) {
  if (!text_valid_utf8(s, strlen(s))) return NULL;
  return (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
}

/* Đ (U+0110), đ (U+0111) and the rarer Ɖ (U+0189) do not decompose. */
static utf8proc_int32_t fold_d(utf8proc_int32_t cp, void *data) {
  (void)data;
  if (cp == 0x0110 || cp == 0x0111 || cp == 0x0189) return 'd';
  return cp;
}

char *text_fold(const char *s) {
  utf8proc_uint8_t *out = NULL;
  if (!text_valid_utf8(s, strlen(s))) return NULL;
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
