/* calendar: the lunar calendar, public holidays, working-day deadlines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/period.h"

static int ymd(int y, int m, int d) { return date_from_ymd(y, m, d); }

static void assert_lunar(int y, int m, int d, int ly, int lm, int ld, int leap) {
  int gy, gm, gd, gl, day;
  solar_to_lunar(ymd(y, m, d), &gy, &gm, &gd, &gl);
  if (gy != ly || gm != lm || gd != ld || gl != leap)
    fail_msg("%04d-%02d-%02d: lunar %d/%d%s/%d, expected %d/%d%s/%d", y, m, d, gd, gm, gl ? "n" : "", gy,
             ld, lm, leap ? "n" : "", ly);
  assert_int_equal(lunar_to_solar(ly, lm, ld, leap, &day), 0);
  assert_int_equal(day, ymd(y, m, d));
}

static void test_tet_nguyen_dan(void **state) {
  (void)state;
  assert_lunar(2020, 1, 25, 2020, 1, 1, 0);
  assert_lunar(2021, 2, 12, 2021, 1, 1, 0);
  assert_lunar(2022, 2, 1, 2022, 1, 1, 0);
  assert_lunar(2023, 1, 22, 2023, 1, 1, 0);
  assert_lunar(2024, 2, 10, 2024, 1, 1, 0);
  assert_lunar(2025, 1, 29, 2025, 1, 1, 0);
  assert_lunar(2026, 2, 17, 2026, 1, 1, 0);
  /* UTC+7 is what makes these differ from the Chinese calendar
   * (1985-02-20, 2007-02-18, 1968-01-30) */
  assert_lunar(1985, 1, 21, 1985, 1, 1, 0);
  assert_lunar(2007, 2, 17, 2007, 1, 1, 0);
  assert_lunar(1968, 1, 29, 1968, 1, 1, 0);
}

static void test_gio_to_hung_vuong(void **state) {
  (void)state;
  assert_lunar(2023, 4, 29, 2023, 3, 10, 0);
  assert_lunar(2024, 4, 18, 2024, 3, 10, 0);
  assert_lunar(2025, 4, 7, 2025, 3, 10, 0);
  assert_lunar(2026, 4, 26, 2026, 3, 10, 0);
}

static void test_leap_months(void **state) {
  (void)state;
  assert_int_equal(lunar_leap_month(2023), 2);
  assert_lunar(2023, 3, 22, 2023, 2, 1, 1);
  assert_lunar(2023, 2, 20, 2023, 2, 1, 0);
  assert_int_equal(lunar_leap_month(2020), 4);
  assert_lunar(2020, 5, 23, 2020, 4, 1, 1);
  assert_int_equal(lunar_leap_month(2025), 6);
  assert_int_equal(lunar_leap_month(2017), 6);
  assert_int_equal(lunar_leap_month(2014), 9);
  assert_int_equal(lunar_leap_month(2012), 4);
  /* 2033: a leap 11th month, the year Chinese calendars disagree on */
  assert_int_equal(lunar_leap_month(2033), 11);
  assert_lunar(2033, 12, 22, 2033, 11, 1, 1);
  assert_int_equal(lunar_leap_month(2024), 0);
  assert_int_equal(lunar_leap_month(2026), 0);
}

static void test_lunar_dates_that_do_not_exist(void **state) {
  (void)state;
  int day = -12345;
  /* no leap month in 2024, and not leap 3 in 2023 */
  assert_int_equal(lunar_to_solar(2024, 2, 1, 1, &day), -1);
  assert_int_equal(lunar_to_solar(2023, 3, 1, 1, &day), -1);
  /* the years of Giáp Thìn and Ất Tỵ ended on 29 tháng Chạp: no "30 Tết" */
  assert_int_equal(lunar_to_solar(2024, 12, 30, 0, &day), -1);
  assert_int_equal(lunar_to_solar(2025, 12, 30, 0, &day), -1);
  assert_int_equal(day, -12345);
  assert_int_equal(lunar_to_solar(2024, 12, 29, 0, &day), 0);
  assert_int_equal(day, ymd(2025, 1, 28));
  /* Quý Mão did have one */
  assert_int_equal(lunar_to_solar(2023, 12, 30, 0, &day), 0);
  assert_int_equal(day, ymd(2024, 2, 9));
  assert_int_equal(lunar_to_solar(2024, 13, 1, 0, &day), -1);
  assert_int_equal(lunar_to_solar(2024, 0, 1, 0, &day), -1);
  assert_int_equal(lunar_to_solar(2024, 1, 0, 0, &day), -1);
  assert_int_equal(lunar_to_solar(2024, 1, 31, 0, &day), -1);
}

/* every day of 1900-2199 converts back to itself, and the lunar days run
 * 1, 2, ... 29 or 30, 1, ... with month and year changing only on day 1 */
static void test_round_trip_1900_2199(void **state) {
  (void)state;
  int first = ymd(1900, 1, 1), last = ymd(2199, 12, 31);
  int py = 0, pm = 0, pd = 0, pl = 0;
  for (int day = first; day <= last; day++) {
    int ly, lm, ld, leap, back = 0;
    solar_to_lunar(day, &ly, &lm, &ld, &leap);
    if (lunar_to_solar(ly, lm, ld, leap, &back) != 0 || back != day)
      fail_msg("day %d: %d/%d%s/%d -> %d", day, ld, lm, leap ? "n" : "", ly, back);
    if (day > first && ld != pd + 1) {
      assert_int_equal(ld, 1);
      assert_true(pd == 29 || pd == 30);
      /* the next month: a leap one of the same number, or the next number */
      int same = leap && !pl && lm == pm && ly == py;
      int next = !leap && (lm == pm % 12 + 1) && ly == py + (pm == 12);
      if (!same && !next) fail_msg("day %d: %d%s/%d after %d%s/%d", day, lm, leap ? "n" : "", ly, pm, pl ? "n" : "", py);
      if (leap) assert_int_equal(lunar_leap_month(ly), lm);
    }
    if (day > first && ld != 1) assert_true(ly == py && lm == pm && leap == pl);
    py = ly, pm = lm, pd = ld, pl = leap;
  }
}

/* Tết always falls between 21 January and 20 February */
static void test_tet_window_1900_2199(void **state) {
  (void)state;
  for (int y = 1900; y <= 2199; y++) {
    int tet;
    assert_int_equal(lunar_to_solar(y, 1, 1, 0, &tet), 0);
    if (tet < ymd(y, 1, 21) || tet > ymd(y, 2, 20)) fail_msg("Tết %d on day %d", y, tet);
  }
}

static int find(const holiday *h, int n, int day, const char *name) {
  for (int i = 0; i < n; i++)
    if (h[i].day == day) return name == NULL || strcmp(h[i].name, name) == 0;
  return 0;
}

static void assert_sorted(const holiday *h, int n) {
  for (int i = 1; i < n; i++) assert_true(h[i - 1].day < h[i].day);
}

static void test_holidays_2024(void **state) {
  (void)state;
  holiday h[HOLIDAYS_MAX];
  int n = holidays_of_year(2024, h, HOLIDAYS_MAX);
  assert_int_equal(n, 14);
  assert_sorted(h, n);
  assert_true(find(h, n, ymd(2024, 1, 1), "Tết Dương lịch"));
  /* Tết Giáp Thìn: 30 tháng Chạp (Friday) to mùng 4, two weekend days */
  assert_true(find(h, n, ymd(2024, 2, 9), "Tết Nguyên đán (30 tháng Chạp)"));
  assert_true(find(h, n, ymd(2024, 2, 10), "Tết Nguyên đán (mùng 1)"));
  assert_true(find(h, n, ymd(2024, 2, 13), "Tết Nguyên đán (mùng 4)"));
  assert_true(find(h, n, ymd(2024, 2, 14), "Nghỉ bù Tết Nguyên đán"));
  assert_true(find(h, n, ymd(2024, 2, 15), "Nghỉ bù Tết Nguyên đán"));
  assert_true(find(h, n, ymd(2024, 4, 18), "Giỗ Tổ Hùng Vương"));
  assert_true(find(h, n, ymd(2024, 4, 30), "Ngày Chiến thắng"));
  assert_true(find(h, n, ymd(2024, 5, 1), "Ngày Quốc tế Lao động"));
  /* 1/9 is a Sunday: its nghỉ bù is 3/9, as the government decided */
  assert_true(find(h, n, ymd(2024, 9, 1), NULL));
  assert_true(find(h, n, ymd(2024, 9, 2), "Quốc khánh"));
  assert_true(find(h, n, ymd(2024, 9, 3), "Nghỉ bù Quốc khánh"));
}

/* 2023 cascades: Giỗ Tổ on Saturday, 30/4 on Sunday, 1/5 on Monday give
 * 2/5 and 3/5 off, which is what the government announced */
static void test_holidays_2023_cascade(void **state) {
  (void)state;
  holiday h[HOLIDAYS_MAX];
  int n = holidays_of_year(2023, h, HOLIDAYS_MAX);
  assert_int_equal(n, 17);
  assert_sorted(h, n);
  assert_true(find(h, n, ymd(2023, 1, 2), "Nghỉ bù Tết Dương lịch"));
  assert_true(find(h, n, ymd(2023, 1, 21), "Tết Nguyên đán (30 tháng Chạp)"));
  assert_true(find(h, n, ymd(2023, 1, 26), "Nghỉ bù Tết Nguyên đán"));
  assert_true(find(h, n, ymd(2023, 1, 27), "Nghỉ bù Tết Nguyên đán"));
  assert_true(find(h, n, ymd(2023, 5, 2), "Nghỉ bù Giỗ Tổ Hùng Vương"));
  assert_true(find(h, n, ymd(2023, 5, 3), "Nghỉ bù Ngày Chiến thắng"));
  assert_true(find(h, n, ymd(2023, 9, 4), "Nghỉ bù Quốc khánh"));
  assert_false(find(h, n, ymd(2023, 5, 4), NULL));
}

static void test_holidays_2022_and_before_2021(void **state) {
  (void)state;
  holiday h[HOLIDAYS_MAX];
  int n = holidays_of_year(2022, h, HOLIDAYS_MAX);
  assert_true(find(h, n, ymd(2022, 5, 2), "Nghỉ bù Ngày Chiến thắng"));
  assert_true(find(h, n, ymd(2022, 5, 3), "Nghỉ bù Ngày Quốc tế Lao động"));
  /* the Labour Code 2012: Quốc khánh is 2/9 only */
  n = holidays_of_year(2019, h, HOLIDAYS_MAX);
  assert_true(find(h, n, ymd(2019, 9, 2), "Quốc khánh"));
  assert_false(find(h, n, ymd(2019, 9, 1), NULL));
  assert_false(find(h, n, ymd(2019, 9, 3), NULL));
}

static void test_holidays_2025_and_shared_days(void **state) {
  (void)state;
  holiday h[HOLIDAYS_MAX];
  int n = holidays_of_year(2025, h, HOLIDAYS_MAX);
  /* Ất Tỵ: no 30 Tết, and mùng 4 on a Saturday */
  assert_true(find(h, n, ymd(2025, 1, 28), "Tết Nguyên đán (29 tháng Chạp)"));
  assert_true(find(h, n, ymd(2025, 2, 1), "Tết Nguyên đán (mùng 4)"));
  assert_true(find(h, n, ymd(2025, 2, 3), "Nghỉ bù Tết Nguyên đán"));
  assert_true(find(h, n, ymd(2025, 4, 7), "Giỗ Tổ Hùng Vương"));
  /* Giỗ Tổ fell on 30/4 in 1947: one day off, both names */
  n = holidays_of_year(1947, h, HOLIDAYS_MAX);
  assert_true(find(h, n, ymd(1947, 4, 30), "Giỗ Tổ Hùng Vương và Ngày Chiến thắng"));
}

static void test_holidays_limits(void **state) {
  (void)state;
  holiday h[HOLIDAYS_MAX + 1];
  memset(h, 0x55, sizeof h);
  int n = holidays_of_year(2024, h, 3);
  assert_int_equal(n, 14);
  assert_int_equal(h[2].day, ymd(2024, 2, 10));
  assert_int_equal((unsigned char)h[3].name[0], 0x55); /* untouched */
  assert_int_equal(holidays_of_year(1899, h, HOLIDAYS_MAX), 0);
  assert_int_equal(holidays_of_year(2200, h, HOLIDAYS_MAX), 0);
  for (int y = 1900; y <= 2199; y++) {
    n = holidays_of_year(y, h, HOLIDAYS_MAX);
    assert_true(n >= 10 && n <= HOLIDAYS_MAX);
    assert_sorted(h, n);
    for (int i = 0; i < n; i++) {
      int yy, mm, dd;
      date_to_ymd(h[i].day, &yy, &mm, &dd);
      assert_int_equal(yy, y);
      if (strncmp(h[i].name, "Nghỉ bù", strlen("Nghỉ bù")) == 0) assert_true(date_weekday(h[i].day) < 5);
    }
  }
}

/* the default holidays of some years, as a caller loads them */
typedef struct cal_days {
  int d[4 * HOLIDAYS_MAX];
  workcal c;
} cal_days;

static void load_years(cal_days *cd, int y1, int y2) {
  holiday h[HOLIDAYS_MAX];
  cd->c.n = 0;
  for (int y = y1; y <= y2; y++) {
    int n = holidays_of_year(y, h, HOLIDAYS_MAX);
    for (int i = 0; i < n; i++) cd->d[cd->c.n++] = h[i].day;
  }
  cd->c.holidays = cd->d;
}

static void test_workdays_weekends(void **state) {
  (void)state;
  workcal none = {NULL, 0};
  /* Friday 2024-03-01 */
  assert_int_equal(workcal_add(&none, ymd(2024, 3, 1), 0), ymd(2024, 3, 1));
  assert_int_equal(workcal_add(&none, ymd(2024, 3, 1), 1), ymd(2024, 3, 4));
  assert_int_equal(workcal_add(&none, ymd(2024, 3, 1), 5), ymd(2024, 3, 8));
  /* received on a Saturday: the Monday is the first working day */
  assert_int_equal(workcal_add(&none, ymd(2024, 3, 2), 1), ymd(2024, 3, 4));
  assert_int_equal(workcal_add(NULL, ymd(2024, 3, 2), 10), ymd(2024, 3, 15));
  assert_int_equal(workcal_add(NULL, ymd(2024, 3, 2), -3), ymd(2024, 3, 2));
  assert_false(workcal_is_workday(NULL, ymd(2024, 3, 2)));
  assert_false(workcal_is_workday(&none, ymd(2024, 3, 3)));
  assert_true(workcal_is_workday(&none, ymd(2024, 3, 4)));
  assert_int_equal(workcal_between(NULL, ymd(2024, 3, 1), ymd(2024, 3, 4)), 1);
  assert_int_equal(workcal_between(NULL, ymd(2024, 3, 2), ymd(2024, 3, 3)), 0);
  assert_int_equal(workcal_between(NULL, ymd(2024, 3, 4), ymd(2024, 3, 1)), -1);
  assert_int_equal(workcal_between(NULL, ymd(2024, 3, 4), ymd(2024, 3, 4)), 0);
}

static void test_workdays_across_tet_2024(void **state) {
  (void)state;
  cal_days cd;
  load_years(&cd, 2024, 2024);
  /* Monday 5/2: 6, 7, 8/2, then 9-15/2 off, then 16, 19-23, 26/2 */
  assert_int_equal(workcal_add(&cd.c, ymd(2024, 2, 5), 10), ymd(2024, 2, 26));
  assert_int_equal(workcal_add(&cd.c, ymd(2024, 2, 5), 3), ymd(2024, 2, 8));
  assert_int_equal(workcal_add(&cd.c, ymd(2024, 2, 5), 4), ymd(2024, 2, 16));
  assert_int_equal(workcal_between(&cd.c, ymd(2024, 2, 5), ymd(2024, 2, 26)), 10);
  assert_false(workcal_is_workday(&cd.c, ymd(2024, 2, 14)));
  /* the 2024 decision (8/2 to 14/2 off) as an admin would store it */
  int decided[] = {ymd(2024, 2, 8), ymd(2024, 2, 9), ymd(2024, 2, 12), ymd(2024, 2, 13), ymd(2024, 2, 14)};
  workcal c = {decided, 5};
  assert_int_equal(workcal_add(&c, ymd(2024, 2, 5), 3), ymd(2024, 2, 15));
  assert_int_equal(workcal_add(&c, ymd(2024, 2, 5), 10), ymd(2024, 2, 26));
}

static void test_workdays_across_30_4(void **state) {
  (void)state;
  cal_days cd;
  load_years(&cd, 2023, 2024);
  /* Friday 26/4/2024: 29/4, then 30/4 and 1/5 off, then 2/5, 3/5 */
  assert_int_equal(workcal_add(&cd.c, ymd(2024, 4, 26), 3), ymd(2024, 5, 3));
  /* Friday 28/4/2023: 29/4 to 3/5 off, so Thursday 4/5 is the first */
  assert_int_equal(workcal_add(&cd.c, ymd(2023, 4, 28), 1), ymd(2023, 5, 4));
  assert_int_equal(workcal_between(&cd.c, ymd(2023, 4, 28), ymd(2023, 5, 4)), 1);
}

static void test_workdays_across_year_end(void **state) {
  (void)state;
  cal_days cd;
  load_years(&cd, 2022, 2025);
  /* 30/12/2022 Friday: 1/1/2023 Sunday, its nghỉ bù Monday 2/1 */
  assert_int_equal(workcal_add(&cd.c, ymd(2022, 12, 30), 1), ymd(2023, 1, 3));
  /* 27/12/2024 Friday: 30, 31/12, (1/1 off), 2, 3, 6/1 */
  assert_int_equal(workcal_add(&cd.c, ymd(2024, 12, 27), 5), ymd(2025, 1, 6));
  assert_int_equal(workcal_between(&cd.c, ymd(2024, 12, 27), ymd(2025, 1, 6)), 5);
}

static void test_workdays_leap_years(void **state) {
  (void)state;
  /* 29/2/2024 is a Thursday and a working day */
  assert_int_equal(workcal_add(NULL, ymd(2024, 2, 28), 1), ymd(2024, 2, 29));
  assert_int_equal(workcal_add(NULL, ymd(2024, 2, 28), 2), ymd(2024, 3, 1));
  assert_int_equal(workcal_add(NULL, ymd(2023, 2, 28), 2), ymd(2023, 3, 2));
  /* 2100 is not a leap year: Friday 26/2/2100 + 1 is Monday 1/3 */
  assert_int_equal(date_weekday(ymd(2100, 2, 26)), 4);
  assert_int_equal(workcal_add(NULL, ymd(2100, 2, 26), 1), ymd(2100, 3, 1));
  /* 2000 is: Monday 28/2/2000 + 1 is Tuesday 29/2 */
  assert_int_equal(workcal_add(NULL, ymd(2000, 2, 28), 1), ymd(2000, 2, 29));
  assert_int_equal(workcal_between(NULL, ymd(2024, 1, 31), ymd(2024, 2, 29)), 21);
  assert_int_equal(workcal_between(NULL, ymd(2023, 12, 31), ymd(2024, 12, 31)), 262);
}

/* holidays on weekends, duplicates and days before 1970 change nothing odd */
static void test_workcal_odd_lists(void **state) {
  (void)state;
  int days[] = {ymd(1969, 12, 31), ymd(2024, 3, 2), ymd(2024, 3, 5), ymd(2024, 3, 5), ymd(2024, 3, 6)};
  workcal c = {days, 5};
  assert_false(workcal_is_workday(&c, ymd(1969, 12, 31)));
  assert_int_equal(workcal_between(&c, ymd(1969, 12, 29), ymd(1970, 1, 2)), 3);
  assert_int_equal(workcal_between(&c, ymd(2024, 3, 1), ymd(2024, 3, 8)), 3);
  assert_int_equal(workcal_add(&c, ymd(2024, 3, 1), 2), ymd(2024, 3, 7));
  workcal empty = {days, 0};
  assert_true(workcal_is_workday(&empty, ymd(2024, 3, 5)));
}

/* workcal_between agrees with counting day by day, and undoes workcal_add */
static void test_between_matches_counting(void **state) {
  (void)state;
  cal_days cd;
  load_years(&cd, 2023, 2026);
  int base = ymd(2022, 12, 20);
  unsigned seed = 12345;
  for (int i = 0; i < 3000; i++) {
    seed = seed * 1103515245u + 12345u;
    int from = base + (int)(seed >> 8) % 1400;
    seed = seed * 1103515245u + 12345u;
    int to = from + (int)(seed >> 8) % 120;
    int count = 0;
    for (int d = from + 1; d <= to; d++) count += workcal_is_workday(&cd.c, d);
    assert_int_equal(workcal_between(&cd.c, from, to), count);
    assert_int_equal(workcal_between(&cd.c, to, from), -count);
    int n = (int)(seed >> 4) % 40;
    int due = workcal_add(&cd.c, from, n);
    assert_int_equal(workcal_between(&cd.c, from, due), n);
    if (n > 0) assert_true(workcal_is_workday(&cd.c, due));
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tet_nguyen_dan),
      cmocka_unit_test(test_gio_to_hung_vuong),
      cmocka_unit_test(test_leap_months),
      cmocka_unit_test(test_lunar_dates_that_do_not_exist),
      cmocka_unit_test(test_round_trip_1900_2199),
      cmocka_unit_test(test_tet_window_1900_2199),
      cmocka_unit_test(test_holidays_2024),
      cmocka_unit_test(test_holidays_2023_cascade),
      cmocka_unit_test(test_holidays_2022_and_before_2021),
      cmocka_unit_test(test_holidays_2025_and_shared_days),
      cmocka_unit_test(test_holidays_limits),
      cmocka_unit_test(test_workdays_weekends),
      cmocka_unit_test(test_workdays_across_tet_2024),
      cmocka_unit_test(test_workdays_across_30_4),
      cmocka_unit_test(test_workdays_across_year_end),
      cmocka_unit_test(test_workdays_leap_years),
      cmocka_unit_test(test_workcal_odd_lists),
      cmocka_unit_test(test_between_matches_counting),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
