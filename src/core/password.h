/* The password policy (docs/access.md, "Accounts"): what a new password must be. No I/O:
 * the list of common passwords is given as text (data/common-passwords.txt, one a line,
 * lower case, sorted). */
#ifndef DV_PASSWORD_H
#define DV_PASSWORD_H
#include <stddef.h>

#define PASSWORD_MIN_CHARS 10
#define PASSWORD_MAX_CHARS 128

typedef enum {
  PW_OK,
  PW_SHORT,    /* fewer than PASSWORD_MIN_CHARS characters */
  PW_LONG,     /* more than PASSWORD_MAX_CHARS */
  PW_CONTROL,  /* not UTF-8, or a control character (tab, newline…) */
  PW_REPEATED, /* one character over and over ("          ", "aaaaaaaaaa") */
  PW_LOGIN,    /* the login itself, letters in any case */
  PW_COMMON    /* in the list, letters in any case */
} pw_problem;

/* what is wrong with pw as the password of login (NULL: none known), PW_OK if nothing */
pw_problem password_problem(const char *pw, const char *login, const char *common, size_t common_len);
#endif
