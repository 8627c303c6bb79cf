/* urlenc: an application/x-www-form-urlencoded body split and decoded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "util/urlenc.h"

static int collect(void *ctx, const char *k, size_t kn, const char *v, size_t vn) {
  char *out = ctx;
  size_t n = strlen(out);
  snprintf(out + n, 256 - n, "[%.*s=%.*s]", (int)kn, k, (int)vn, v);
  return strcmp(k, "stop") ? 0 : 7;
}

static void test_pairs_decoded(void **state) {
  (void)state;
  char out[256] = "";
  const char *s = "name=H%E1%BA%A3i+Ph%C3%B2ng&x=&&y&=skipped&z=1%2B1";
  assert_int_equal(urlenc_parse(s, strlen(s), collect, out), 0);
  assert_string_equal(out, "[name=Hải Phòng][x=][y=][z=1+1]");
}

static void test_bad_escapes_refused(void **state) {
  (void)state;
  char out[256] = "", dec[8];
  size_t n;
  assert_int_equal(urlenc_parse("a=%zz", 5, collect, out), -1);
  assert_int_equal(urlenc_parse("a=%4", 4, collect, out), -1);
  assert_int_equal(urlenc_decode("%", 1, dec, &n), -1);
  assert_int_equal(urlenc_decode("%41", 3, dec, &n), 0);
  assert_string_equal(dec, "A");
  assert_string_equal(out, "");
}

static void test_callback_stops(void **state) {
  (void)state;
  char out[256] = "";
  assert_int_equal(urlenc_parse("a=1&stop=2&b=3", 14, collect, out), 7);
  assert_string_equal(out, "[a=1][stop=2]");
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_pairs_decoded), cmocka_unit_test(test_bad_escapes_refused),
                                     cmocka_unit_test(test_callback_stops)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
