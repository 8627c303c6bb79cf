#include "core/period.h"
#include <stdio.h>
#include <string.h>

/* civil-from-days and days-from-civil after H. Hinnant */
int date_from_ymd(int y, int m, int d) {
  y -= m <= 2;
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void date_to_ymd(int z, int *y, int *m, int *d) {
  z += 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yoe + era * 400 + (*m <= 2);
}

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m) {
  static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : n[m - 1];
}

int date_valid(int y, int m, int d) {
  return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

static int digits(const char *s, int n) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

int date_parse(const char *s, int *day) {
  if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return -1;
  int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
  if (y < 0 || m < 0 || d < 0 || !date_valid(y, m, d)) return -1;
  *day = date_from_ymd(y, m, d);
  return 0;
}

void date_format_iso(int day, char out[11]) {
  int y, m, d;
  date_to_ymd(day, &y, &m, &d);
  snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m, d);
}

void date_format_vn(int day, char out[11]) {
  int y, m, d;
  date_to_ymd(day, &y, &m, &d);
  snprintf(out, 11, "%02d/%02d/%04d", d, m, y % 10000);
}

int date_weekday(int day) { return ((day % 7) + 7 + 3) % 7; }

int period_parse(const char *s, period *p) {
  size_t n = strlen(s);
  if (n < 4) return -1;
  int y = digits(s, 4);
  if (y < 1900 || y > 2999) return -1;
  memset(p, 0, sizeof *p);
  p->year = y;
  if (n == 4) {
    p->kind = PERIOD_YEAR;
    return 0;
  }
  if (n == 6 && s[4] == 'S' && (s[5] == '1' || s[5] == '2')) {
    p->kind = PERIOD_HALF;
    p->idx = s[5] - '0';
    return 0;
  }
  if (n == 6 && s[4] == 'Q' && s[5] >= '1' && s[5] <= '4') {
    p->kind = PERIOD_QUARTER;
    p->idx = s[5] - '0';
    return 0;
  }
  if (n == 6 && s[4] == 'C' && s[5] == '9') {
    p->kind = PERIOD_NINE;
    return 0;
  }
  if (n == 6) {
    int m = digits(s + 4, 2);
    if (m < 1 || m > 12) return -1;
    p->kind = PERIOD_MONTH;
    p->idx = m;
    return 0;
  }
  return -1;
}

void period_format(const period *p, char out[8]) {
  /* years are 1900..2999 (period_parse), so 7 characters always fit */
  switch (p->kind) {
  case PERIOD_YEAR: snprintf(out, 8, "%04d", p->year); break;
  case PERIOD_HALF: snprintf(out, 8, "%04dS%d", p->year, p->idx); break;
  case PERIOD_QUARTER: snprintf(out, 8, "%04dQ%d", p->year, p->idx); break;
  case PERIOD_MONTH: snprintf(out, 8, "%04d%02d", p->year, p->idx); break;
  case PERIOD_NINE: snprintf(out, 8, "%04dC9", p->year); break;
  }
}

/* the reporting months a period spans */
static void month_span(const period *p, int *m1, int *m2) {
  *m1 = 1, *m2 = 12;
  switch (p->kind) {
  case PERIOD_YEAR: *m1 = 1, *m2 = 12; break;
  case PERIOD_HALF: *m1 = p->idx == 1 ? 1 : 7, *m2 = *m1 + 5; break;
  case PERIOD_QUARTER: *m1 = 3 * p->idx - 2, *m2 = *m1 + 2; break;
  case PERIOD_MONTH: *m1 = *m2 = p->idx; break;
  case PERIOD_NINE: *m1 = 1, *m2 = 9; break;
  }
}

void period_window(const period *p, const period_cfg *c, int *first, int *last) {
  int m1, m2, y = p->year;
  month_span(p, &m1, &m2);
  if (!c || c->cutoff_day <= 1) {
    *first = date_from_ymd(y, m1, 1);
    *last = date_from_ymd(y, m2, days_in_month(y, m2));
    return;
  }
  int py = m1 == 1 ? y - 1 : y, pm = m1 == 1 ? 12 : m1 - 1;
  *first = date_from_ymd(py, pm, c->cutoff_day);
  *last = date_from_ymd(y, m2, c->cutoff_day - 1);
}

int period_contains_day(const period *p, const period_cfg *c, int day) {
  int a, b;
  period_window(p, c, &a, &b);
  return day >= a && day <= b;
}

int period_contains(const period *outer, const period *inner, const period_cfg *c) {
  int a, b, x, y;
  period_window(outer, c, &a, &b);
  period_window(inner, c, &x, &y);
  return x >= a && y <= b;
}

int period_of_day(int day, const period_cfg *c, period out[PERIODS_PER_DAY]) {
  int y, m, d;
  date_to_ymd(day, &y, &m, &d);
  if (c && c->cutoff_day > 1 && d >= c->cutoff_day) {
    if (++m == 13) m = 1, y++;
  }
  int n = 0;
  out[n++] = (period){PERIOD_YEAR, y, 0};
  out[n++] = (period){PERIOD_HALF, y, m <= 6 ? 1 : 2};
  out[n++] = (period){PERIOD_QUARTER, y, (m + 2) / 3};
  out[n++] = (period){PERIOD_MONTH, y, m};
  if (m <= 9) out[n++] = (period){PERIOD_NINE, y, 0};
  return n;
}

int period_key(const period *p) { return (p->year << 8) | ((int)p->kind << 4) | p->idx; }

void period_label_vn(const period *p, char *out, int n) {
  static const char *roman[] = {"", "I", "II", "III", "IV"};
  switch (p->kind) {
  case PERIOD_YEAR: snprintf(out, (size_t)n, "năm %d", p->year); break;
  case PERIOD_HALF:
    snprintf(out, (size_t)n, "6 tháng %s năm %d", p->idx == 1 ? "đầu" : "cuối", p->year);
    break;
  case PERIOD_QUARTER: snprintf(out, (size_t)n, "quý %s năm %d", roman[p->idx], p->year); break;
  case PERIOD_MONTH: snprintf(out, (size_t)n, "tháng %d năm %d", p->idx, p->year); break;
  case PERIOD_NINE: snprintf(out, (size_t)n, "9 tháng năm %d", p->year); break;
  }
}
