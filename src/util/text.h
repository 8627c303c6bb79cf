/* Text helpers over utf8proc: NFC normalisation and the one search fold
 * (NFD, strip combining marks, casefold, đ/Đ -> d) used everywhere that
 * matches Vietnamese text, so "hai phong" finds "Hải Phòng". */
#ifndef DV_TEXT_H
#define DV_TEXT_H
#include <stddef.h>

/* 1 if s[0..n) is valid UTF-8 without NUL bytes */
int text_valid_utf8(const char *s, size_t n);
/* the index of the first control character of s[0..n) — NUL and the C0
 * controls but tab, LF and CR — or -1 when there is none */
long text_find_control(const char *s, size_t n);
/* NFC copy of s (caller frees), or NULL if s is not valid UTF-8 */
char *text_nfc(const char *s);
/* search fold of s (caller frees), or NULL if s is not valid UTF-8 */
char *text_fold(const char *s);
/* NFC copies in upper or lower case ("Hải Phòng" -> "HẢI PHÒNG"), caller
 * frees; NULL if s is not valid UTF-8 */
char *text_upper(const char *s);
char *text_lower(const char *s);
/* the number of code points of UTF-8 text s (its continuation bytes not counted) */
size_t text_chars(const char *s);
/* trims ASCII spaces in place, returns s */
char *text_trim(char *s);

/* For bulk imports (no allocation per value): */
/* 1 if s[0..n) is valid UTF-8 without NUL bytes and already NFC (ASCII or
 * precomposed Vietnamese, text_nfc's fast path: a copy is its NFC); 0 if it
 * may need normalising or is not valid (text_nfc tells which) */
int text_nfc_fast(const char *s, size_t n);
/* appends the search fold of s to b, byte for byte what text_fold returns;
 * -1 (b unchanged) if s is not valid UTF-8 */
struct buf;
int text_fold_append(struct buf *b, const char *s);
#endif
