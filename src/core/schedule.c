#include "core/schedule.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int number(const char *s, int lo, int hi, int *out) {
  char *end;
  long v = strtol(s, &end, 10);
  if (!*s || *end || v < lo || v > hi) return -1;
  *out = (int)v;
  return 0;
}

int due_rule_parse(const char *s, due_rule *r) {
  memset(r, 0, sizeof *r);
  if (!strncmp(s, "day:", 4)) {
    r->kind = DUE_DAY_OF_LAST_MONTH;
    return number(s + 4, 1, 31, &r->n);
  }
  if (!strncmp(s, "workdays:", 9)) {
    r->kind = DUE_WORKDAYS_AFTER;
    return number(s + 9, 0, 60, &r->n);
  }
  if (!strncmp(s, "fixed:", 6) && strlen(s) == 11 && s[8] == '-') {
    char mm[3] = {s[6], s[7], 0};
    r->kind = DUE_FIXED;
    if (number(mm, 1, 12, &r->month) || number(s + 9, 1, 31, &r->day)) return -1;
    return date_valid(2024, r->month, r->day) ? 0 : -1; /* 29 Feb allowed: moved in other years */
  }
  return -1;
}

void due_rule_format(const due_rule *r, char *out, int n) {
  if (r->kind == DUE_DAY_OF_LAST_MONTH) snprintf(out, (size_t)n, "day:%d", r->n);
  else if (r->kind == DUE_WORKDAYS_AFTER) snprintf(out, (size_t)n, "workdays:%d", r->n);
  else snprintf(out, (size_t)n, "fixed:%02d-%02d", r->month, r->day);
}

/* day d of month m of year y, or the month's last day when it is shorter */
static int clamp_day(int y, int m, int d) {
  while (d > 28 && !date_valid(y, m, d)) d--;
  return date_from_ymd(y, m, d);
}

int due_day(const due_rule *r, const period *p, const period_cfg *cfg, const workcal *wc) {
  int first, last, y, m, d;
  period_window(p, cfg, &first, &last);
  switch (r->kind) {
  case DUE_DAY_OF_LAST_MONTH:
    /* the calendar month the period ends in, whatever the cut-off */
    period_window(p, NULL, &first, &last);
    date_to_ymd(last, &y, &m, &d);
    return clamp_day(y, m, r->n);
  case DUE_WORKDAYS_AFTER: return workcal_add(wc, last, r->n);
  case DUE_FIXED:
    date_to_ymd(last, &y, &m, &d);
    for (int year = y;; year++) {
      int day = clamp_day(year, r->month, r->day);
      if (day >= last) return day;
    }
  }
  return last;
}

int report_cycle_parse(const char *s, report_cycle *c) {
  static const struct {
    const char *code;
    period_kind k;
  } map[] = {{"Y", PERIOD_YEAR}, {"S", PERIOD_HALF}, {"Q", PERIOD_QUARTER}, {"M", PERIOD_MONTH}, {"C9", PERIOD_NINE}};
  c->kinds = 0;
  char *copy = strdup(s), *save = NULL;
  int rc = 0;
  for (char *t = strtok_r(copy, ",", &save); t && !rc; t = strtok_r(NULL, ",", &save)) {
    int found = 0;
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
      if (!strcmp(t, map[i].code)) c->kinds |= 1 << map[i].k, found = 1;
    rc = found ? 0 : -1;
  }
  free(copy);
  return rc || !c->kinds ? -1 : 0;
}

int report_cycle_has(const report_cycle *c, const period *p) { return (c->kinds >> p->kind) & 1; }
