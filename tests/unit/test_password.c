/* password: the policy for a new password (core/password.h) with the shipped list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/password.h"
#include "util/embedded.h"

static pw_problem check(const char *pw, const char *login) {
  const embedded_file *f = embedded_find("common-passwords.txt");
  assert_non_null(f);
  return password_problem(pw, login, f->data, f->len);
}

/* the review's passwords (issue 13, F3) and the like */
static void test_refused(void **state) {
  (void)state;
  assert_int_equal(check("12345678", "canbo"), PW_SHORT);
  assert_int_equal(check("password", "canbo"), PW_SHORT);
  assert_int_equal(check("        ", "canbo"), PW_SHORT);
  assert_int_equal(check("          ", "canbo"), PW_REPEATED); /* ten spaces */
  assert_int_equal(check("aaaaaaaaaaaa", "canbo"), PW_REPEATED);
  assert_int_equal(check("ưưưưưưưưưưưư", "canbo"), PW_REPEATED);
  assert_int_equal(check("1234567890", "canbo"), PW_COMMON);
  assert_int_equal(check("password123", "canbo"), PW_COMMON);
  assert_int_equal(check("PassWord123", "canbo"), PW_COMMON); /* any case */
  assert_int_equal(check("qwertyuiop", "canbo"), PW_COMMON);
  assert_int_equal(check("matkhau123", "canbo"), PW_COMMON);
  assert_int_equal(check("canbo.hb01", "canbo.hb01"), PW_LOGIN);
  assert_int_equal(check("CanBo.HB01", "canbo.hb01"), PW_LOGIN);
  assert_int_equal(check("tab\there12345", "canbo"), PW_CONTROL);
  assert_int_equal(check("bad\xff\xfe utf-8 here", "canbo"), PW_CONTROL);
  char longpw[PASSWORD_MAX_CHARS + 2];
  memset(longpw, 'x', sizeof longpw - 1);
  longpw[0] = 'y';
  longpw[sizeof longpw - 1] = 0;
  assert_int_equal(check(longpw, "canbo"), PW_LONG);
}

static void test_accepted(void **state) {
  (void)state;
  assert_int_equal(check("Mat-khau-cua-HB-2025", "canbo.hb"), PW_OK);
  assert_int_equal(check("pheduyet123", "pheduyet"), PW_OK); /* the login and more */
  assert_int_equal(check("tiếngviệt", "canbo"), PW_SHORT);   /* 9 characters, 13 bytes */
  assert_int_equal(check("tiếng việt", "canbo"), PW_OK);     /* 10 characters */
  assert_int_equal(check("aaaaaaaaab", "canbo"), PW_OK);
  assert_int_equal(check("1234567890x", NULL), PW_OK);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_refused),
      cmocka_unit_test(test_accepted),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
