/* Deadlines of reports: each rule across month ends, year ends and leap years. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "core/schedule.h"

static int day(int y, int m, int d) { return date_from_ymd(y, m, d); }

static int due(const char *rule, const char *pid, int cutoff, const int *hol, int nhol) {
  due_rule r;
  period p;
  period_cfg cfg = {cutoff};
  workcal wc = {hol, nhol};
  assert_int_equal(due_rule_parse(rule, &r), 0);
  assert_int_equal(period_parse(pid, &p), 0);
  return due_day(&r, &p, &cfg, &wc);
}

static void test_day_of_last_month(void **state) {
  (void)state;
  /* "trước ngày 15 của tháng cuối quý" */
  assert_int_equal(due("day:15", "2023Q1", 0, NULL, 0), day(2023, 3, 15));
  assert_int_equal(due("day:15", "2023S1", 0, NULL, 0), day(2023, 6, 15));
  assert_int_equal(due("day:15", "2023", 0, NULL, 0), day(2023, 12, 15));
  assert_int_equal(due("day:15", "2023C9", 0, NULL, 0), day(2023, 9, 15));
  /* a month shorter than the day: its last day, leap years included */
  assert_int_equal(due("day:31", "202302", 0, NULL, 0), day(2023, 2, 28));
  assert_int_equal(due("day:31", "202402", 0, NULL, 0), day(2024, 2, 29));
  assert_int_equal(due("day:30", "202402", 0, NULL, 0), day(2024, 2, 29));
  assert_int_equal(due("day:31", "2023Q2", 0, NULL, 0), day(2023, 6, 30));
  /* with Decree 09 windows the calendar month of the period's end still names the day */
  assert_int_equal(due("day:15", "2023S1", 15, NULL, 0), day(2023, 6, 15));
}

static void test_workdays_after(void **state) {
  (void)state;
  /* calendar: 2023S1 ends Friday 30/6; 2 working days later is Tuesday 4/7 */
  assert_int_equal(due("workdays:2", "2023S1", 0, NULL, 0), day(2023, 7, 4));
  /* cut-off 15: 2023S1 ends Wednesday 14/6 -> Friday 16/6 */
  assert_int_equal(due("workdays:2", "2023S1", 15, NULL, 0), day(2023, 6, 16));
  /* across the year end and 1/1 as a holiday: 2023 ends Sunday 31/12; Monday 1/1 is off */
  int hol[] = {day(2024, 1, 1)};
  assert_int_equal(due("workdays:2", "2023", 0, hol, 1), day(2024, 1, 3));
  /* across a leap day: 202402 ends Thursday 29/2/2024 -> Friday 1/3 */
  assert_int_equal(due("workdays:1", "202402", 0, NULL, 0), day(2024, 3, 1));
  assert_int_equal(due("workdays:0", "202401", 0, NULL, 0), day(2024, 1, 31));
}

static void test_fixed(void **state) {
  (void)state;
  /* "báo cáo xong trước ngày 10/3/2024" for the year 2023 */
  assert_int_equal(due("fixed:03-10", "2023", 0, NULL, 0), day(2024, 3, 10));
  assert_int_equal(due("fixed:07-05", "2023S1", 0, NULL, 0), day(2023, 7, 5));
  assert_int_equal(due("fixed:06-30", "2023S1", 0, NULL, 0), day(2023, 6, 30));
  /* 29 February in a year without it: the 28th */
  assert_int_equal(due("fixed:02-29", "2023", 0, NULL, 0), day(2024, 2, 29));
  assert_int_equal(due("fixed:02-29", "2024", 0, NULL, 0), day(2025, 2, 28));
}

static void test_rules_parse(void **state) {
  (void)state;
  due_rule r;
  const char *bad[] = {"", "day:", "day:0", "day:32", "workdays:-1", "workdays:x", "fixed:13-01", "fixed:02-30",
                       "fixed:3-10", "weekly", NULL};
  for (int i = 0; bad[i]; i++) assert_int_equal(due_rule_parse(bad[i], &r), -1);
  char out[32];
  assert_int_equal(due_rule_parse("fixed:03-10", &r), 0);
  due_rule_format(&r, out, sizeof out);
  assert_string_equal(out, "fixed:03-10");
  report_cycle c;
  period p;
  assert_int_equal(report_cycle_parse("S,Y,C9", &c), 0);
  period_parse("2023S1", &p);
  assert_true(report_cycle_has(&c, &p));
  period_parse("2023Q1", &p);
  assert_false(report_cycle_has(&c, &p));
  assert_int_equal(report_cycle_parse("S,W", &c), -1);
  assert_int_equal(report_cycle_parse("", &c), -1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_day_of_last_month),
      cmocka_unit_test(test_workdays_after),
      cmocka_unit_test(test_fixed),
      cmocka_unit_test(test_rules_parse),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
