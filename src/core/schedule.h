/* When a report is due. A rule is text, so an office can set it per form:
 *   day:15        day 15 of the last month of the period ("trước ngày 15 của
 *                 tháng cuối quý"; the last day if the month is shorter)
 *   workdays:2    the 2nd working day after the period's last day (its
 *                 cut-off, under Decree 09/2019 windows)
 *   fixed:03-10   the first 10 March on or after the period's last day
 *                 ("báo cáo xong trước ngày 10/3/2024" for the year 2023) */
#ifndef DV_SCHEDULE_H
#define DV_SCHEDULE_H
#include "core/calendar.h"
#include "core/period.h"

typedef enum { DUE_DAY_OF_LAST_MONTH, DUE_WORKDAYS_AFTER, DUE_FIXED } due_kind;

typedef struct due_rule {
  due_kind kind;
  int n;          /* day of month, or working days */
  int month, day; /* DUE_FIXED */
} due_rule;

/* 0, or -1 if the text is not a rule */
int due_rule_parse(const char *s, due_rule *r);
void due_rule_format(const due_rule *r, char *out, int n);
/* the deadline (day number) of a period's report */
int due_day(const due_rule *r, const period *p, const period_cfg *cfg, const workcal *wc);

/* which kinds of period a form is reported for: "S,Y", "Q", "M,C9"… */
typedef struct report_cycle {
  int kinds; /* bit (1 << period_kind) */
} report_cycle;
int report_cycle_parse(const char *s, report_cycle *c);
int report_cycle_has(const report_cycle *c, const period *p);
#endif
