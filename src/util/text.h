/* Text helpers over utf8proc: NFC normalisation and the one search fold
 * (NFD, strip combining marks, casefold, đ/Đ -> d) used everywhere that
 * matches Vietnamese text, so "hai phong" finds "Hải Phòng". */
#ifndef DV_TEXT_H
#define DV_TEXT_H
#include <stddef.h>

/* 1 if s[0..n) is valid UTF-8 without NUL bytes */
int text_valid_utf8(const char *s, size_t n);
/* NFC copy of s (caller frees), or NULL if s is not valid UTF-8 */
char *text_nfc(const char *s);
/* search fold of s (caller frees), or NULL if s is not valid UTF-8 */
char *text_fold(const char *s);
/* NFC copies in upper or lower case ("Hải Phòng" -> "HẢI PHÒNG"), caller
 * frees; NULL if s is not valid UTF-8 */
char *text_upper(const char *s);
char *text_lower(const char *s);
/* trims ASCII spaces in place, returns s */
char *text_trim(char *s);
#endif
