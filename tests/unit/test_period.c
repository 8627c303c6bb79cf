/* period: dates, period ids, calendar and cut-off windows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/period.h"

static const period_cfg CAL = {0};
static const period_cfg CUT15 = {15};

static int day_of(const char *iso) {
  int d = -1;
  if (date_parse(iso, &d) != 0) fail_msg("date_parse(%s) failed", iso);
  return d;
}

static period parse_ok(const char *id) {
  period p;
  if (period_parse(id, &p) != 0) fail_msg("period_parse(%s) failed", id);
  return p;
}

/* the window of a period id, compared as ISO dates */
static void check_window(const char *id, const period_cfg *c, const char *first, const char *last) {
  period p = parse_ok(id);
  int a, b;
  char fa[11], fb[11];
  period_window(&p, c, &a, &b);
  date_format_iso(a, fa);
  date_format_iso(b, fb);
  assert_string_equal(fa, first);
  assert_string_equal(fb, last);
}

static void test_date_epoch_and_known_days(void **state) {
  (void)state;
  assert_int_equal(date_from_ymd(1970, 1, 1), 0);
  assert_int_equal(date_from_ymd(2000, 1, 1), 10957);
  assert_int_equal(date_from_ymd(2023, 1, 1), 19358);
  assert_int_equal(date_from_ymd(1900, 1, 1), -25567);
  assert_int_equal(day_of("2023-01-01"), 19358);
  assert_int_equal(day_of("2999-12-31"), 376199);
}

static void test_date_parse_strict(void **state) {
  (void)state;
  int d = 12345;
  assert_int_equal(date_parse("2023-02-29", &d), -1);
  assert_int_equal(d, 12345); /* untouched on failure */
  assert_int_equal(date_parse("2024-02-29", &d), 0);
  assert_int_equal(d, date_from_ymd(2024, 2, 29));
  assert_int_equal(date_parse("2000-02-29", &d), 0);  /* divisible by 400 */
  assert_int_equal(date_parse("2100-02-29", &d), -1); /* divisible by 100 */
  static const char *bad[] = {
      "",           "2023-1-01",   "2023-01-1",  "2023/01/01",  "01/02/2023", "2023-00-10", "2023-13-01",
      "2023-04-31", "2023-01-32",  "2023-01-00", "20230101",    " 2023-01-01", "2023-01-01 ", "2023-01-01x",
      "2o23-01-01", "+023-01-01",  "-023-01-01", "1899-12-31",  "abc",         "2023-0a-01", "3000-01-01",
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    if (date_parse(bad[i], &d) == 0) fail_msg("date_parse accepted \"%s\"", bad[i]);
}

static void test_date_round_trip(void **state) {
  (void)state;
  /* every day of 1999..2025 (leap days and century rules included) */
  int start = date_from_ymd(1999, 1, 1), stop = date_from_ymd(2026, 1, 1);
  for (int day = start; day < stop; day++) {
    char iso[11];
    int y, m, d, back;
    date_format_iso(day, iso);
    assert_int_equal(date_parse(iso, &back), 0);
    assert_int_equal(back, day);
    date_to_ymd(day, &y, &m, &d);
    assert_true(date_valid(y, m, d));
    assert_int_equal(date_from_ymd(y, m, d), day);
  }
  assert_int_equal(stop - start, 27 * 365 + 7); /* 2000 04 08 12 16 20 24 */
}

static void test_date_format(void **state) {
  (void)state;
  char out[11];
  int d = day_of("2023-06-14");
  date_format_iso(d, out);
  assert_string_equal(out, "2023-06-14");
  date_format_vn(d, out);
  assert_string_equal(out, "14/06/2023");
  date_format_vn(day_of("2024-12-05"), out);
  assert_string_equal(out, "05/12/2024");
}

static void test_weekday(void **state) {
  (void)state;
  assert_int_equal(date_weekday(0), 3);                    /* 1970-01-01 Thursday */
  assert_int_equal(date_weekday(-1), 2);                   /* 1969-12-31 Wednesday */
  assert_int_equal(date_weekday(day_of("1900-01-01")), 0); /* Monday */
  assert_int_equal(date_weekday(day_of("2023-01-01")), 6); /* Sunday */
  assert_int_equal(date_weekday(day_of("2024-02-29")), 3); /* Thursday */
  assert_int_equal(date_weekday(day_of("2025-07-01")), 1); /* Tuesday */
}

static void test_period_parse_and_format(void **state) {
  (void)state;
  static const struct {
    const char *id;
    period_kind kind;
    int idx;
  } ok[] = {
      {"2023", PERIOD_YEAR, 0},     {"2023S1", PERIOD_HALF, 1},    {"2023S2", PERIOD_HALF, 2},
      {"2023Q1", PERIOD_QUARTER, 1}, {"2023Q2", PERIOD_QUARTER, 2}, {"2023Q3", PERIOD_QUARTER, 3},
      {"2023Q4", PERIOD_QUARTER, 4}, {"202301", PERIOD_MONTH, 1},   {"202309", PERIOD_MONTH, 9},
      {"202310", PERIOD_MONTH, 10},  {"202312", PERIOD_MONTH, 12},  {"2023C9", PERIOD_NINE, 0},
  };
  for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
    period p = parse_ok(ok[i].id);
    assert_int_equal(p.kind, ok[i].kind);
    assert_int_equal(p.year, 2023);
    assert_int_equal(p.idx, ok[i].idx);
    char out[8];
    period_format(&p, out);
    assert_string_equal(out, ok[i].id);
  }
  for (int m = 1; m <= 12; m++) {
    char id[8], out[8];
    snprintf(id, sizeof id, "2024%02d", m);
    period p = parse_ok(id);
    assert_int_equal(p.kind, PERIOD_MONTH);
    assert_int_equal(p.idx, m);
    period_format(&p, out);
    assert_string_equal(out, id);
  }
}

static void test_period_parse_rejects(void **state) {
  (void)state;
  static const char *bad[] = {"2023S3", "2023S0", "2023Q5",  "2023Q0",  "202313", "202300", "2023M1",
                              "abc",    "",       "abcd",    "23",      "20231",  "2023s1", "2023q1",
                              "2023C8", "2023C",  "2023S1x", "2023-01", "1899",   "2023 ",  "02023"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    period p;
    if (period_parse(bad[i], &p) == 0) fail_msg("period_parse accepted \"%s\"", bad[i]);
  }
}

static void test_window_calendar(void **state) {
  (void)state;
  check_window("2023", &CAL, "2023-01-01", "2023-12-31");
  check_window("2023S1", &CAL, "2023-01-01", "2023-06-30");
  check_window("2023S2", &CAL, "2023-07-01", "2023-12-31");
  check_window("2023Q1", &CAL, "2023-01-01", "2023-03-31");
  check_window("2023Q2", &CAL, "2023-04-01", "2023-06-30");
  check_window("2023Q3", &CAL, "2023-07-01", "2023-09-30");
  check_window("2023Q4", &CAL, "2023-10-01", "2023-12-31");
  check_window("202302", &CAL, "2023-02-01", "2023-02-28");
  check_window("202402", &CAL, "2024-02-01", "2024-02-29");
  check_window("202312", &CAL, "2023-12-01", "2023-12-31");
  check_window("2023C9", &CAL, "2023-01-01", "2023-09-30");
  /* a NULL config means calendar windows */
  check_window("2023S1", NULL, "2023-01-01", "2023-06-30");
}

static void test_window_cutoff_15(void **state) {
  (void)state;
  check_window("2023S1", &CUT15, "2022-12-15", "2023-06-14");
  check_window("2023S2", &CUT15, "2023-06-15", "2023-12-14");
  check_window("2023", &CUT15, "2022-12-15", "2023-12-14");
  check_window("202301", &CUT15, "2022-12-15", "2023-01-14");
  check_window("202303", &CUT15, "2023-02-15", "2023-03-14");
  check_window("202312", &CUT15, "2023-11-15", "2023-12-14");
  check_window("2023Q1", &CUT15, "2022-12-15", "2023-03-14");
  check_window("2023Q4", &CUT15, "2023-09-15", "2023-12-14");
  check_window("2023C9", &CUT15, "2022-12-15", "2023-09-14");
}

static void test_windows_tile_the_year(void **state) {
  (void)state;
  /* consecutive months leave no gap and no overlap, in both modes */
  const period_cfg *cfgs[] = {&CAL, &CUT15};
  for (int k = 0; k < 2; k++) {
    int prev_last = 0;
    for (int y = 2022; y <= 2024; y++)
      for (int m = 1; m <= 12; m++) {
        period p = {PERIOD_MONTH, y, m};
        int a, b;
        period_window(&p, cfgs[k], &a, &b);
        if (prev_last) assert_int_equal(a, prev_last + 1);
        assert_true(b >= a + 27 && b <= a + 30);
        prev_last = b;
      }
  }
}

/* the ids of the periods containing a day, joined by spaces */
static void check_of_day(const char *iso, const period_cfg *c, const char *want) {
  period out[PERIODS_PER_DAY];
  int n = period_of_day(day_of(iso), c, out);
  assert_true(n >= 4 && n <= PERIODS_PER_DAY);
  char got[64] = "";
  for (int i = 0; i < n; i++) {
    char id[8];
    period_format(&out[i], id);
    if (i) strcat(got, " ");
    strcat(got, id);
    /* each reported period does contain the day */
    assert_true(period_contains_day(&out[i], c, day_of(iso)));
  }
  assert_string_equal(got, want);
}

static void test_period_of_day(void **state) {
  (void)state;
  check_of_day("2023-01-01", &CAL, "2023 2023S1 2023Q1 202301 2023C9");
  check_of_day("2023-06-30", &CAL, "2023 2023S1 2023Q2 202306 2023C9");
  check_of_day("2023-07-01", &CAL, "2023 2023S2 2023Q3 202307 2023C9");
  check_of_day("2023-09-30", &CAL, "2023 2023S2 2023Q3 202309 2023C9");
  check_of_day("2023-10-01", &CAL, "2023 2023S2 2023Q4 202310");
  check_of_day("2023-12-20", &CAL, "2023 2023S2 2023Q4 202312");
  /* cut-off 15: the 15th starts the next reporting month */
  check_of_day("2023-12-20", &CUT15, "2024 2024S1 2024Q1 202401 2024C9");
  check_of_day("2023-12-14", &CUT15, "2023 2023S2 2023Q4 202312");
  check_of_day("2023-06-14", &CUT15, "2023 2023S1 2023Q2 202306 2023C9");
  check_of_day("2023-06-15", &CUT15, "2023 2023S2 2023Q3 202307 2023C9");
  check_of_day("2023-09-14", &CUT15, "2023 2023S2 2023Q3 202309 2023C9");
  check_of_day("2023-09-15", &CUT15, "2023 2023S2 2023Q4 202310");
}

static void test_period_of_day_agrees_with_windows(void **state) {
  (void)state;
  /* for every day of two years: a period contains the day iff period_of_day lists it */
  const period_cfg *cfgs[] = {&CAL, &CUT15};
  for (int k = 0; k < 2; k++)
    for (int day = day_of("2023-01-01"); day <= day_of("2024-12-31"); day++) {
      period out[PERIODS_PER_DAY];
      int n = period_of_day(day, cfgs[k], out);
      int listed[PERIODS_PER_DAY] = {0};
      for (int y = 2023; y <= 2025; y++) {
        period all[20];
        int na = 0;
        all[na++] = (period){PERIOD_YEAR, y, 0};
        all[na++] = (period){PERIOD_NINE, y, 0};
        for (int i = 1; i <= 2; i++) all[na++] = (period){PERIOD_HALF, y, i};
        for (int i = 1; i <= 4; i++) all[na++] = (period){PERIOD_QUARTER, y, i};
        for (int i = 1; i <= 12; i++) all[na++] = (period){PERIOD_MONTH, y, i};
        for (int i = 0; i < na; i++) {
          int in = period_contains_day(&all[i], cfgs[k], day);
          int found = 0;
          for (int j = 0; j < n; j++)
            if (period_key(&out[j]) == period_key(&all[i])) found = 1, listed[j] = 1;
          if (in != found) {
            char id[8], iso[11];
            period_format(&all[i], id);
            date_format_iso(day, iso);
            fail_msg("cfg %d: %s contains %s = %d, listed = %d", k, id, iso, in, found);
          }
        }
      }
      for (int j = 0; j < n; j++) assert_true(listed[j]);
    }
}

static void test_period_contains(void **state) {
  (void)state;
  period y = parse_ok("2023"), s1 = parse_ok("2023S1"), s2 = parse_ok("2023S2"), q2 = parse_ok("2023Q2"),
         q3 = parse_ok("2023Q3"), m6 = parse_ok("202306"), m7 = parse_ok("202307"), c9 = parse_ok("2023C9"),
         m10 = parse_ok("202310"), y24 = parse_ok("2024"), m2401 = parse_ok("202401");
  const period_cfg *cfgs[] = {&CAL, &CUT15};
  for (int k = 0; k < 2; k++) {
    const period_cfg *c = cfgs[k];
    assert_true(period_contains(&y, &s1, c));
    assert_true(period_contains(&y, &y, c));
    assert_true(period_contains(&s1, &q2, c));
    assert_true(period_contains(&s1, &m6, c));
    assert_true(period_contains(&s2, &m7, c));
    assert_true(period_contains(&q3, &m7, c));
    assert_true(period_contains(&c9, &q3, c));
    assert_true(period_contains(&c9, &s1, c));
    assert_false(period_contains(&s1, &y, c));
    assert_false(period_contains(&s1, &m7, c));
    assert_false(period_contains(&q2, &m7, c));
    assert_false(period_contains(&c9, &m10, c));
    assert_false(period_contains(&c9, &y, c));
    assert_false(period_contains(&y, &m2401, c));
    assert_true(period_contains(&y24, &m2401, c));
  }
}

static void test_period_contains_day(void **state) {
  (void)state;
  period s1 = parse_ok("2023S1");
  assert_true(period_contains_day(&s1, &CAL, day_of("2023-01-01")));
  assert_false(period_contains_day(&s1, &CAL, day_of("2022-12-31")));
  assert_true(period_contains_day(&s1, &CUT15, day_of("2022-12-15")));
  assert_false(period_contains_day(&s1, &CUT15, day_of("2022-12-14")));
  assert_true(period_contains_day(&s1, &CUT15, day_of("2023-06-14")));
  assert_false(period_contains_day(&s1, &CUT15, day_of("2023-06-15")));
}

static void test_period_key_unique(void **state) {
  (void)state;
  int keys[200], n = 0;
  for (int y = 2023; y <= 2024; y++) {
    period all[20];
    int na = 0;
    all[na++] = (period){PERIOD_YEAR, y, 0};
    all[na++] = (period){PERIOD_NINE, y, 0};
    for (int i = 1; i <= 2; i++) all[na++] = (period){PERIOD_HALF, y, i};
    for (int i = 1; i <= 4; i++) all[na++] = (period){PERIOD_QUARTER, y, i};
    for (int i = 1; i <= 12; i++) all[na++] = (period){PERIOD_MONTH, y, i};
    for (int i = 0; i < na; i++) keys[n++] = period_key(&all[i]);
  }
  assert_int_equal(n, 40);
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++)
      if (keys[i] == keys[j]) fail_msg("periods %d and %d share key %d", i, j, keys[i]);
}

static void test_label_vn(void **state) {
  (void)state;
  char out[64];
  period p = parse_ok("2023S1");
  period_label_vn(&p, out, sizeof out);
  assert_string_equal(out, "6 tháng đầu năm 2023");
  p = parse_ok("2023S2");
  period_label_vn(&p, out, sizeof out);
  assert_string_equal(out, "6 tháng cuối năm 2023");
  p = parse_ok("2023C9");
  period_label_vn(&p, out, sizeof out);
  assert_string_equal(out, "9 tháng năm 2023");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_date_epoch_and_known_days),
      cmocka_unit_test(test_date_parse_strict),
      cmocka_unit_test(test_date_round_trip),
      cmocka_unit_test(test_date_format),
      cmocka_unit_test(test_weekday),
      cmocka_unit_test(test_period_parse_and_format),
      cmocka_unit_test(test_period_parse_rejects),
      cmocka_unit_test(test_window_calendar),
      cmocka_unit_test(test_window_cutoff_15),
      cmocka_unit_test(test_windows_tile_the_year),
      cmocka_unit_test(test_period_of_day),
      cmocka_unit_test(test_period_of_day_agrees_with_windows),
      cmocka_unit_test(test_period_contains),
      cmocka_unit_test(test_period_contains_day),
      cmocka_unit_test(test_period_key_unique),
      cmocka_unit_test(test_label_vn),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
