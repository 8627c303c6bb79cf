/* The Vietnamese lunar calendar, public holidays and working days.
 *
 * Letters to the head of a party committee are classified and answered
 * within deadlines counted in working days (Circular 05/2021/TT-TTCP, the
 * Law on Complaints and the Law on Denunciations), so deadlines skip
 * weekends and public holidays, and Tết and Giỗ Tổ follow the lunar
 * calendar.
 *
 * Days are day numbers (days since 1970-01-01) as in core/period.h.
 *
 * The lunar calendar is Hồ Ngọc Đức's algorithm: astronomical new moons and
 * major solar terms after Jean Meeus, reckoned at UTC+7, which is what makes
 * the Vietnamese calendar differ from the Chinese one (Tết 1985, 2007). It
 * gives the same lunar date as his published code for every day of
 * 1900-2199, except two days where that code gives lunar day 0 (2054-05-07,
 * 2062-04-09). lunar_to_solar refuses lunar years outside 1800-2299.
 * No global state, no allocation. */
#ifndef DV_CALENDAR_H
#define DV_CALENDAR_H

/* lunar dates: lyear is the solar year in which its Tết falls; lmonth 1-12
 * (1 = tháng Giêng, 12 = tháng Chạp); lday 1-30; leap 1 for the leap
 * (nhuận) month, which follows the ordinary month of the same number */

/* 0 and *day set, or -1 if that lunar date does not exist (no such leap
 * month that year, day 30 of a 29-day month, fields out of range) */
int lunar_to_solar(int lyear, int lmonth, int lday, int leap, int *day);
void solar_to_lunar(int day, int *lyear, int *lmonth, int *lday, int *leap);
/* the leap month of a lunar year (1-12), or 0 if that year has none */
int lunar_leap_month(int lyear);

/* Public holidays after the Labour Code 2019, article 112 (and the Labour
 * Code 2012 for years before 2021, which differs only in giving a single day
 * for Quốc khánh). Years before 2013 are computed with the same rules, not
 * the historical ones.
 *
 * This is a default list: the Prime Minister fixes the actual Tết schedule
 * every year and an admin edits the stored list. The defaults:
 *   - Tết Nguyên đán: the last day of the lunar year (29 or 30 tháng Chạp)
 *     and mùng 1 to mùng 4;
 *   - Quốc khánh: 2/9 and the day before, 1/9 (the law lets the government
 *     pick 1/9 or 3/9; 1/9 gives the days off that were decided in 2022,
 *     2023, 2025 and, through its nghỉ bù, 2024, but not 2021 (3/9));
 *   - a holiday on a Saturday or Sunday gives a compensatory day (nghỉ bù)
 *     on the next day that is neither a weekend nor already a day off. */
typedef struct holiday {
  int day;
  char name[64]; /* UTF-8, Vietnamese: "Giỗ Tổ Hùng Vương", "Nghỉ bù Quốc khánh" */
} holiday;

/* at most this many holidays in a year (11 days off, each with a nghỉ bù) */
#define HOLIDAYS_MAX 24

/* writes min(count, max) holidays of the year to out, sorted by day, and
 * returns the count; pass max >= HOLIDAYS_MAX to get them all. Years
 * 1900-2199; 0 for other years. */
int holidays_of_year(int year, holiday *out, int max);

/* A working calendar: Monday to Friday minus holidays. holidays is a sorted
 * array of day numbers owned by the caller (loaded from the database, where
 * an admin can edit it); NULL or n = 0 means no holidays. Holidays on
 * weekends and duplicates are harmless. A NULL calendar is a calendar
 * without holidays. */
typedef struct workcal {
  const int *holidays;
  int n;
} workcal;

int workcal_is_workday(const workcal *c, int day);
/* the n-th working day after day: the day of receipt does not count, so
 * n = 10 is the deadline for "10 ngày làm việc". n = 0 returns day;
 * n < 0 is treated as 0. */
int workcal_add(const workcal *c, int day, int n);
/* working days in (from, to]; negative when to < from, so that
 * workcal_between(c, deadline, today) > 0 counts the days overdue.
 * workcal_between(c, d, workcal_add(c, d, n)) == n. */
int workcal_between(const workcal *c, int from, int to);
/* a public holiday (skipped by working-day deadlines) */
typedef struct holiday_row {
  int day;
  char name[96];
} holiday_row;
#endif
