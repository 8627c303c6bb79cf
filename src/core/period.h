/* Dates and reporting periods.
 *
 * A date is a day number (days since 1970-01-01). A period id is DHIS2-like:
 * "2023" (year), "2023S1"/"2023S2" (six months), "2023Q1".."2023Q4",
 * "202305" (month), and "2023C9", the cumulative nine months (January to
 * September) that Kết luận 215-KL/TW asks for.
 *
 * Windows are calendar months by default. With a cut-off day c (Decree
 * 09/2019 uses 15), the reporting month m runs from day c of month m-1 to day
 * c-1 of month m, so 2023S1 is 15/12/2022 - 14/06/2023. Every period is a run
 * of reporting months, so callers never see which mode is in force. */
#ifndef DV_PERIOD_H
#define DV_PERIOD_H

typedef enum { PERIOD_YEAR, PERIOD_HALF, PERIOD_QUARTER, PERIOD_MONTH, PERIOD_NINE } period_kind;

typedef struct period {
  period_kind kind;
  int year;
  int idx; /* half 1-2, quarter 1-4, month 1-12; 0 for year and nine */
} period;

typedef struct period_cfg {
  int cutoff_day; /* 0 = calendar windows, else 2..28 */
} period_cfg;

#define PERIODS_PER_DAY 5

/* date helpers */
int date_from_ymd(int y, int m, int d);
void date_to_ymd(int day, int *y, int *m, int *d);
int date_valid(int y, int m, int d);
/* strict "YYYY-MM-DD"; 0 and *day set, or -1 */
int date_parse(const char *s, int *day);
void date_format_iso(int day, char out[11]);
/* dd/mm/yyyy as in Vietnamese documents */
void date_format_vn(int day, char out[11]);
/* 0 = Monday ... 6 = Sunday */
int date_weekday(int day);

int period_parse(const char *s, period *p);
void period_format(const period *p, char out[8]);
/* inclusive window of days */
void period_window(const period *p, const period_cfg *c, int *first, int *last);
int period_contains_day(const period *p, const period_cfg *c, int day);
/* 1 if every day of inner lies in outer */
int period_contains(const period *outer, const period *inner, const period_cfg *c);
/* the periods that contain a day: year, half, quarter, month and, for
 * reporting months 1-9, the nine-month period; returns the count */
int period_of_day(int day, const period_cfg *c, period out[PERIODS_PER_DAY]);
/* a compact integer key, unique per period */
int period_key(const period *p);
/* Vietnamese label: "6 tháng đầu năm 2023", "Quý I năm 2023"... */
void period_label_vn(const period *p, char *out, int n);
#endif
