/* Writers for a computed annex (rtable): JSON (the API contract), CSV and
 * HTML; and the pieces of a comparison (t->compare) that the HTML writer
 * and the annex page share: its heading, the row compared with a row, the
 * change of a cell and how it is printed. */
#ifndef DV_REPORT_OUT_H
#define DV_REPORT_OUT_H
#include "core/report.h"
#include "util/buf.h"

/* {"form","period","unit","title","columns":[[path...]...],"rows":[{"label","values":[...]}]} */
void report_write_json(buf *b, const rtable *t);
/* one header line per header row, then a line per row; blank = empty field */
void report_write_csv(buf *b, const rtable *t);
/* the header rows of an annex as <thead> with colspan/rowspan merged like
 * the seed; every text escaped */
void report_write_html_head(buf *b, const rtable *t);
/* a standalone HTML document of the annex; with t->compare, under each row
 * the comparison period's values and the change (report_compare_heading) */
void report_write_html(buf *b, const rtable *t);
/* numbers as in Vietnamese documents: 1.865 */
void format_number_vn(buf *b, double v);

/* --- comparisons (t->compare: the same annex for another period) --- */
/* 1 if the comparison is the same period one year earlier (2026S1 and 2025S1) */
int report_compare_is_last_year(const rtable *t);
/* the heading of t's comparison: "Cùng kỳ năm trước (2025S1)" for the same
 * period a year earlier, else "So với 2024"; "" without one */
void report_compare_heading(const rtable *t, char *out, size_t n);
/* the row of t->compare that row r of t is compared with: the same unit
 * (drill-down rows), else the row at the same place with the same label;
 * NULL if none */
const rrow *report_compare_row(const rtable *t, int r);
/* the change from prev to cur: 0 when either is blank or not a number (no
 * change shown); 1 and *diff; 2 and *pct as well (prev is not 0 and the value
 * changed) */
int report_change(const rcell *cur, const rcell *prev, double *diff, double *pct);
/* a change as printed: "+12", "−3" (U+2212 minus), "0", "+1.865" */
void format_change_vn(buf *b, double diff);
/* a change in percent with one decimal: "+5,2%", "−41,4%", "+100%" */
void format_pct_change_vn(buf *b, double pct);
#endif
