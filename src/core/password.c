/* The password policy: length in characters, no control characters, not one repeated
 * character, not the login, not a common password. */
#include "core/password.h"
#include "util/text.h"
#include <string.h>
#include <strings.h>

static int has_control(const char *s) {
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if (*p < 0x20 || *p == 0x7f) return 1;
  return 0;
}

/* one code point repeated: every character the same byte sequence as the first */
static int one_repeated(const char *s) {
  size_t k = 1;
  while (s[k] && ((unsigned char)s[k] & 0xc0) == 0x80) k++;
  size_t n = strlen(s);
  if (n % k) return 0;
  for (size_t i = k; i < n; i += k)
    if (memcmp(s + i, s, k)) return 0;
  return 1;
}

/* 1 if a line of the list equals pw, ASCII letters in any case */
static int in_list(const char *pw, const char *list, size_t len) {
  size_t n = strlen(pw);
  const char *end = list + len;
  for (const char *line = list; line < end;) {
    const char *nl = memchr(line, '\n', (size_t)(end - line));
    size_t ln = (size_t)((nl ? nl : end) - line);
    if (ln == n && strncasecmp(line, pw, n) == 0) return 1;
    line += ln + 1;
  }
  return 0;
}

pw_problem password_problem(const char *pw, const char *login, const char *common, size_t common_len) {
  if (!text_valid_utf8(pw, strlen(pw)) || has_control(pw)) return PW_CONTROL;
  size_t chars = text_chars(pw);
  if (chars < PASSWORD_MIN_CHARS) return PW_SHORT;
  if (chars > PASSWORD_MAX_CHARS) return PW_LONG;
  if (one_repeated(pw)) return PW_REPEATED;
  if (login && strcasecmp(pw, login) == 0) return PW_LOGIN;
  if (common && in_list(pw, common, common_len)) return PW_COMMON;
  return PW_OK;
}
