/* vntime: stored UTC timestamps shown in Asia/Ho_Chi_Minh (+07). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/vntime.h"

static const char *vn(const char *iso, int sec) {
  static char out[40];
  time_format_vn(iso, sec, out, sizeof out);
  return out;
}

static void test_offset(void **st) {
  (void)st;
  assert_string_equal(vn("2023-06-19T08:30:00Z", 0), "19/06/2023 15:30");
  assert_string_equal(vn("2023-06-19T08:30:05Z", 1), "19/06/2023 15:30:05");
  assert_string_equal(vn("2023-06-19 08:30:05", 1), "19/06/2023 15:30:05");
}

static void test_crosses_midnight_and_year(void **st) {
  (void)st;
  assert_string_equal(vn("2024-03-05T18:30:00Z", 0), "06/03/2024 01:30");
  assert_string_equal(vn("2023-12-31T17:00:00Z", 1), "01/01/2024 00:00:00");
  assert_string_equal(vn("2024-02-28T20:59:59Z", 1), "29/02/2024 03:59:59");
}

static void test_not_a_timestamp_is_kept(void **st) {
  (void)st;
  assert_string_equal(vn("", 0), "");
  assert_string_equal(vn("2023-06-19", 0), "2023-06-19");
  assert_string_equal(vn("2023-13-19T08:30:00Z", 0), "2023-13-19T08:30:00Z");
  assert_string_equal(vn("2023-06-19T25:30:00Z", 0), "2023-06-19T25:30:00Z");
  char small[8];
  time_format_vn("2023-06-19T08:30:00Z", 0, small, sizeof small);
  assert_int_equal(strlen(small), 7);
}

static void test_day_in_vn(void **st) {
  (void)st;
  /* 2024-03-05T17:00:00Z is midnight in Hà Nội: already 6 March */
  time_t t = (time_t)19787 * 86400 + 17 * 3600;
  assert_int_equal(day_in_vn(t - 1), 19787);
  assert_int_equal(day_in_vn(t), 19788);
  assert_int_equal(day_in_vn_of("2024-03-05T16:59:59Z"), 19787);
  assert_int_equal(day_in_vn_of("2024-03-05T17:00:00Z"), 19788);
  assert_int_equal(day_in_vn_of(""), -1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_offset),
      cmocka_unit_test(test_crosses_midnight_and_year),
      cmocka_unit_test(test_not_a_timestamp_is_kept),
      cmocka_unit_test(test_day_in_vn),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
