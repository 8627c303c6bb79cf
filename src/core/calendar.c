#include "core/calendar.h"
#include "core/period.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- lunar calendar (Hồ Ngọc Đức, "Âm lịch Việt Nam") ----
 *
 * The Julian day numbers (JDN) and constants below are his, so the code can
 * be checked line by line against the published algorithm. */

#define CAL_PI 3.14159265358979323846
#define DEG (CAL_PI / 180)
/* Vietnam keeps the calendar at UTC+7 (since 1968) */
#define TZ 7.0
/* JDN of 1970-01-01, to move between day numbers and JDN */
#define JDN_EPOCH 2440588
/* the new moon of 1900-01-01 (k = 0) and the mean synodic month */
#define NEW_MOON_0 2415021.076998695
#define SYNODIC 29.530588853

/* Julian date (UT) of the k-th new moon after 1900-01-01: Meeus, with the
 * periodic terms down to 0.0004 day, which is enough to put every new moon
 * of 1800-2299 on the right local day */
static double new_moon(int k) {
  double t = k / 1236.85, t2 = t * t, t3 = t2 * t;
  double jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * DEG);
  double m = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * DEG;
  double mp = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * DEG;
  double f = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * DEG;
  double c = (0.1734 - 0.000393 * t) * sin(m) + 0.0021 * sin(2 * m);
  c += -0.4068 * sin(mp) + 0.0161 * sin(2 * mp) - 0.0004 * sin(3 * mp);
  c += 0.0104 * sin(2 * f) - 0.0051 * sin(m + mp) - 0.0074 * sin(m - mp);
  c += 0.0004 * sin(2 * f + m) - 0.0004 * sin(2 * f - m) - 0.0006 * sin(2 * f + mp);
  c += 0.0010 * sin(2 * f - mp) + 0.0005 * sin(2 * mp + m);
  /* ephemeris time to universal time */
  double dt = t < -11 ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
                      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd + c - dt;
}

/* apparent longitude of the sun, radians in [0, 2π), at Julian date jd */
static double sun_longitude(double jd) {
  double t = (jd - 2451545.0) / 36525, t2 = t * t;
  double m = (357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * DEG;
  double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(m);
  dl += (0.019993 - 0.000101 * t) * sin(2 * m) + 0.000290 * sin(3 * m);
  double l = (l0 + dl) * DEG;
  return l - 2 * CAL_PI * floor(l / (2 * CAL_PI));
}

/* JDN of the local day on which the k-th new moon falls */
static int new_moon_day(int k) { return (int)floor(new_moon(k) + 0.5 + TZ / 24); }

/* which 30° arc (0-11) the sun is in at the local midnight that starts jdn;
 * a lunar month that starts and ends in the same arc holds no major solar
 * term, and the first such month of a leap year is the leap month */
static int sun_arc(int jdn) { return (int)floor(sun_longitude(jdn - 0.5 - TZ / 24) / CAL_PI * 6); }

/* nearest k for a month starting at jdn */
static int moon_index(int jdn) { return (int)floor((jdn - NEW_MOON_0) / SYNODIC + 0.5); }

/* JDN of the start of month 11 of lunar year y, the month that holds the
 * winter solstice: every lunar year is anchored there */
static int month11(int y) {
  int off = date_from_ymd(y, 12, 31) + JDN_EPOCH - 2415021;
  int k = (int)floor(off / SYNODIC);
  int nm = new_moon_day(k);
  /* the sun already past 270°: that new moon comes after the solstice */
  if (sun_arc(nm) >= 9) nm = new_moon_day(k - 1);
  return nm;
}

/* between the months 11 at a11 and b11 lie 13 months (b11 - a11 > 365),
 * one of them leap: its offset from a11 (1-12) */
static int leap_offset(int a11) {
  int k = moon_index(a11);
  int i = 1, arc = sun_arc(new_moon_day(k + 1)), last;
  do {
    last = arc;
    i++;
    arc = sun_arc(new_moon_day(k + i));
  } while (arc != last && i < 14);
  return i - 1;
}

/* the month number (1-12) of the leap month at offset lo from month 11 */
static int leap_month_at(int lo) { return (lo + 9) % 12 + 1; }

/* the leap month (1-12) of the span from a11 to b11, or 0 */
static int span_leap_month(int a11, int b11) {
  return b11 - a11 > 365 ? leap_month_at(leap_offset(a11)) : 0;
}

void solar_to_lunar(int day, int *lyear, int *lmonth, int *lday, int *leap) {
  int jdn = day + JDN_EPOCH, y, m, d;
  date_to_ymd(day, &y, &m, &d);
  /* the last new moon on or before jdn; the published code stops at k and
   * so gives lunar day 0 on 2054-05-07 and 2062-04-09, where the true new
   * moon lags the mean one by more than the estimate allows */
  int k = (int)floor((jdn - NEW_MOON_0) / SYNODIC) + 1;
  int start = new_moon_day(k);
  while (start > jdn) start = new_moon_day(--k);
  int a11 = month11(y), b11 = a11;
  *lyear = y;
  if (a11 >= start) {
    a11 = month11(y - 1);
  } else {
    *lyear = y + 1;
    b11 = month11(y + 1);
  }
  *lday = jdn - start + 1;
  int diff = (int)floor((start - a11) / 29.0);
  *leap = 0;
  *lmonth = diff + 11;
  if (b11 - a11 > 365) {
    int lo = leap_offset(a11);
    if (diff >= lo) *lmonth = diff + 10;
    if (diff == lo) *leap = 1;
  }
  if (*lmonth > 12) *lmonth -= 12;
  /* months 11 and 12 at the start of the span belong to the year before */
  if (*lmonth >= 11 && diff < 4) *lyear -= 1;
}

int lunar_leap_month(int lyear) {
  int a = month11(lyear - 1), b = month11(lyear);
  int m = span_leap_month(a, b);
  if (m >= 1 && m <= 10) return m;
  /* a leap 11 or 12 comes after this year's month 11 */
  m = span_leap_month(b, month11(lyear + 1));
  return m >= 11 ? m : 0;
}

/* index of the new moon that starts a lunar month, or -1 if no such month */
static int lunar_month_k(int lyear, int lmonth, int leap, int *k) {
  int a11 = lmonth < 11 ? month11(lyear - 1) : month11(lyear);
  int b11 = lmonth < 11 ? month11(lyear) : month11(lyear + 1);
  int off = (lmonth + 1) % 12; /* months after month 11 */
  int lo = b11 - a11 > 365 ? leap_offset(a11) : 0;
  if (leap && (!lo || leap_month_at(lo) != lmonth)) return -1;
  if (lo && (leap || off >= lo)) off++;
  *k = moon_index(a11) + off;
  return 0;
}

int lunar_to_solar(int lyear, int lmonth, int lday, int leap, int *day) {
  int k;
  if (lyear < 1800 || lyear > 2299 || lmonth < 1 || lmonth > 12 || lday < 1 || lday > 30) return -1;
  if (lunar_month_k(lyear, lmonth, leap != 0, &k) < 0) return -1;
  int start = new_moon_day(k);
  if (lday > new_moon_day(k + 1) - start) return -1;
  *day = start + lday - 1 - JDN_EPOCH;
  return 0;
}

/* ---- public holidays ---- */

typedef struct hlist {
  holiday h[HOLIDAYS_MAX];
  const char *base[HOLIDAYS_MAX]; /* what a nghỉ bù is for */
  int n;
} hlist;

/* index of day in the list, or -1 */
static int hl_find(const hlist *l, int day) {
  for (int i = 0; i < l->n; i++)
    if (l->h[i].day == day) return i;
  return -1;
}

/* Two holidays on one day (Giỗ Tổ on 30/4 in 1947) make one day off: the
 * law gives a nghỉ bù only for a weekly rest day, so they share an entry. */
static void hl_add(hlist *l, int day, const char *name, const char *base) {
  int i = hl_find(l, day);
  if (i >= 0) {
    char both[sizeof l->h[i].name];
    /* the names are short: both always fit */
    snprintf(both, sizeof both, "%s và %s", l->h[i].name, name);
    memcpy(l->h[i].name, both, sizeof both);
    return;
  }
  if (l->n >= HOLIDAYS_MAX) return; /* cannot happen: 11 days and 11 nghỉ bù */
  l->h[l->n].day = day;
  snprintf(l->h[l->n].name, sizeof l->h[l->n].name, "%s", name);
  l->base[l->n] = base;
  l->n++;
}

static int is_weekend(int day) { return date_weekday(day) >= 5; }

static void add_tet(hlist *l, int year) {
  static const char *const names[] = {"Tết Nguyên đán (mùng 1)", "Tết Nguyên đán (mùng 2)",
                                       "Tết Nguyên đán (mùng 3)", "Tết Nguyên đán (mùng 4)"};
  int tet, ly, lm, ld, leap;
  if (lunar_to_solar(year, 1, 1, 0, &tet) < 0) return;
  solar_to_lunar(tet - 1, &ly, &lm, &ld, &leap);
  hl_add(l, tet - 1, ld == 30 ? "Tết Nguyên đán (30 tháng Chạp)" : "Tết Nguyên đán (29 tháng Chạp)",
         "Tết Nguyên đán");
  for (int i = 0; i < 4; i++) hl_add(l, tet + i, names[i], "Tết Nguyên đán");
}

static void add_fixed(hlist *l, int year) {
  int gio_to;
  hl_add(l, date_from_ymd(year, 1, 1), "Tết Dương lịch", "Tết Dương lịch");
  if (lunar_to_solar(year, 3, 10, 0, &gio_to) == 0)
    hl_add(l, gio_to, "Giỗ Tổ Hùng Vương", "Giỗ Tổ Hùng Vương");
  hl_add(l, date_from_ymd(year, 4, 30), "Ngày Chiến thắng", "Ngày Chiến thắng");
  hl_add(l, date_from_ymd(year, 5, 1), "Ngày Quốc tế Lao động", "Ngày Quốc tế Lao động");
  /* the Labour Code 2019 added the adjacent day from 2021 */
  if (year >= 2021) hl_add(l, date_from_ymd(year, 9, 1), "Quốc khánh (nghỉ liền kề)", "Quốc khánh");
  hl_add(l, date_from_ymd(year, 9, 2), "Quốc khánh", "Quốc khánh");
}

static void sort_days(hlist *l) {
  for (int i = 1; i < l->n; i++)
    for (int j = i; j > 0 && l->h[j].day < l->h[j - 1].day; j--) {
      holiday t = l->h[j];
      const char *b = l->base[j];
      l->h[j] = l->h[j - 1], l->base[j] = l->base[j - 1];
      l->h[j - 1] = t, l->base[j - 1] = b;
    }
}

/* in date order, so that a later holiday's nghỉ bù skips an earlier one's */
static void add_compensatory(hlist *l) {
  int n = l->n;
  for (int i = 0; i < n; i++) {
    if (!is_weekend(l->h[i].day)) continue;
    int d = l->h[i].day + 1;
    while (is_weekend(d) || hl_find(l, d) >= 0) d++;
    char name[64];
    snprintf(name, sizeof name, "Nghỉ bù %s", l->base[i]);
    hl_add(l, d, name, l->base[i]);
  }
}

int holidays_of_year(int year, holiday *out, int max) {
  hlist l;
  if (year < 1900 || year > 2199) return 0;
  l.n = 0;
  add_fixed(&l, year);
  add_tet(&l, year);
  sort_days(&l);
  add_compensatory(&l);
  sort_days(&l);
  for (int i = 0; i < l.n && i < max; i++) out[i] = l.h[i];
  return l.n;
}

/* ---- working days ---- */

/* 1 if day is in the calendar's holiday list */
static int is_holiday(const workcal *c, int day) {
  if (!c || !c->holidays) return 0;
  int lo = 0, hi = c->n;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (c->holidays[mid] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo < c->n && c->holidays[lo] == day;
}

int workcal_is_workday(const workcal *c, int day) { return !is_weekend(day) && !is_holiday(c, day); }

int workcal_add(const workcal *c, int day, int n) {
  /* deadlines are tens of days, so a day-by-day walk is cheap */
  while (n > 0) {
    day++;
    if (workcal_is_workday(c, day)) n--;
  }
  return day;
}

/* Mondays to Fridays from a fixed Monday up to day, so that the weekdays of
 * any range are a difference of two counts */
static long weekdays_upto(int day) {
  long x = (long)day + 3; /* 0 on Monday 1969-12-29 */
  long weeks = x >= 0 ? x / 7 : -((-x + 6) / 7);
  long rem = x - weeks * 7;
  return weeks * 5 + (rem < 5 ? rem + 1 : 5);
}

/* weekday holidays in (from, to], each day once */
static int holidays_between(const workcal *c, int from, int to) {
  if (!c || !c->holidays) return 0;
  int lo = 0, hi = c->n, count = 0;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (c->holidays[mid] <= from) lo = mid + 1;
    else hi = mid;
  }
  for (int i = lo; i < c->n && c->holidays[i] <= to; i++)
    if (!is_weekend(c->holidays[i]) && (i == lo || c->holidays[i] != c->holidays[i - 1])) count++;
  return count;
}

int workcal_between(const workcal *c, int from, int to) {
  if (to < from) return -workcal_between(c, to, from);
  return (int)(weekdays_upto(to) - weekdays_upto(from)) - holidays_between(c, from, to);
}
