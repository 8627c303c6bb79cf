#include "export/report_out.h"
#include "util/esc.h"
#include "util/i18n.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* a header, title or row label in the request's language (util/i18n.h);
 * the cells' own text is data and stays as entered */
static void esc_label(buf *b, const char *s) { tr_esc_html(b, s); }

static void json_num(buf *b, double v) {
  if (v == floor(v) && fabs(v) < 1e15) buf_addf(b, "%.0f", v);
  else buf_addf(b, "%.15g", v);
}

static void json_cell(buf *b, const rcell *c) {
  if (c->kind == CELL_NUM) json_num(b, c->num);
  else if (c->kind == CELL_TEXT) esc_json(b, c->text);
  else buf_adds(b, "null");
}

static void json_rows(buf *b, const rtable *t) {
  buf_addc(b, '[');
  for (int r = 0; r < t->nrows; r++) {
    buf_adds(b, r ? ",{\"label\":" : "{\"label\":");
    esc_json(b, t->rows[r].label);
    buf_adds(b, ",\"values\":[");
    for (int c = 0; c < t->ncols; c++) {
      if (c) buf_addc(b, ',');
      json_cell(b, &t->rows[r].cells[c]);
    }
    buf_adds(b, "]}");
  }
  buf_addc(b, ']');
}

void report_write_json(buf *b, const rtable *t) {
  buf_adds(b, "{\"form\":");
  esc_json(b, t->form);
  buf_adds(b, ",\"period\":");
  esc_json(b, t->period);
  buf_adds(b, ",\"unit\":");
  esc_json(b, t->unit_code);
  buf_adds(b, ",\"unit_name\":");
  esc_json(b, t->unit_name);
  buf_adds(b, ",\"title\":");
  esc_json(b, t->title);
  buf_adds(b, ",\"columns\":[");
  for (int i = 0; i < t->ncols; i++) {
    buf_adds(b, i ? ",[" : "[");
    for (int d = 0; d < t->depth[i]; d++) {
      if (d) buf_addc(b, ',');
      esc_json(b, t->paths[i][d]);
    }
    buf_addc(b, ']');
  }
  buf_adds(b, "],\"rows\":");
  json_rows(b, t);
  if (t->compare) {
    buf_adds(b, ",\"compare\":{\"period\":");
    esc_json(b, t->compare->period);
    buf_adds(b, ",\"rows\":");
    json_rows(b, t->compare);
    buf_addc(b, '}');
  }
  buf_adds(b, ",\"warnings\":[");
  for (int i = 0; i < t->nwarnings; i++) {
    if (i) buf_addc(b, ',');
    esc_json(b, t->warnings[i]);
  }
  buf_adds(b, "]}\n");
}

void report_write_csv(buf *b, const rtable *t) {
  int depth = 0;
  for (int i = 0; i < t->ncols; i++)
    if (t->depth[i] > depth) depth = t->depth[i];
  for (int d = 0; d < depth; d++) {
    esc_csv(b, d == 0 ? t->row_header : "");
    for (int i = 0; i < t->ncols; i++) {
      buf_addc(b, ',');
      if (d < t->depth[i]) esc_csv(b, t->paths[i][d]);
    }
    buf_addc(b, '\n');
  }
  for (int r = 0; r < t->nrows; r++) {
    esc_csv(b, t->rows[r].label);
    for (int c = 0; c < t->ncols; c++) {
      const rcell *cell = &t->rows[r].cells[c];
      buf_addc(b, ',');
      if (cell->kind == CELL_NUM) json_num(b, cell->num);
      else if (cell->kind == CELL_TEXT) esc_csv(b, cell->text);
    }
    buf_addc(b, '\n');
  }
}

void format_number_vn(buf *b, double v) {
  if (isnan(v)) return;
  if (v != floor(v)) {
    char s[64];
    snprintf(s, sizeof s, "%.2f", v);
    for (char *p = s; *p; p++)
      if (*p == '.') *p = ',';
    buf_adds(b, s);
    return;
  }
  char s[32];
  snprintf(s, sizeof s, "%.0f", fabs(v));
  if (v < 0) buf_addc(b, '-');
  int n = (int)strlen(s);
  for (int i = 0; i < n; i++) {
    if (i && (n - i) % 3 == 0) buf_addc(b, '.');
    buf_addc(b, s[i]);
  }
}

void report_write_html_head(buf *b, const rtable *t) {
  rhead *cells;
  int n = rtable_head_cells(t, &cells), depth = rtable_head_depth(t);
  buf_adds(b, "<thead>");
  for (int d = 0, k = 0; d < depth; d++) {
    buf_adds(b, "<tr>");
    if (d == 0) {
      buf_addf(b, "<th scope=\"col\" rowspan=\"%d\">", depth);
      esc_label(b, t->row_header);
      buf_adds(b, "</th>");
    }
    for (; k < n && cells[k].row == d; k++) {
      buf_adds(b, "<th scope=\"col\"");
      if (cells[k].cols > 1) buf_addf(b, " colspan=\"%d\"", cells[k].cols);
      if (cells[k].rows > 1) buf_addf(b, " rowspan=\"%d\"", cells[k].rows);
      buf_addc(b, '>');
      esc_label(b, cells[k].text);
      buf_adds(b, "</th>");
    }
    buf_adds(b, "</tr>");
  }
  if (t->colnums) { /* the seed's numbering row (B: the names; A, the row number, is the seed's own column) */
    buf_adds(b, "<tr class=\"colnums\"><th scope=\"col\">B</th>");
    for (int i = 0; i < t->ncols; i++) buf_addf(b, t->colnums == 2 ? "<th scope=\"col\">%02d</th>" : "<th scope=\"col\">%d</th>", i + 1);
    buf_adds(b, "</tr>");
  }
  buf_adds(b, "</thead>");
  free(cells);
}

/* --- comparisons ------------------------------------------------------------ */

int report_compare_is_last_year(const rtable *t) {
  period p, q;
  if (!t->compare || !t->period || !t->compare->period || period_parse(t->period, &p) ||
      period_parse(t->compare->period, &q))
    return 0;
  return p.kind == q.kind && p.idx == q.idx && q.year == p.year - 1;
}

void report_compare_heading(const rtable *t, char *out, size_t n) {
  if (!n) return;
  out[0] = 0;
  if (!t->compare || !t->compare->period) return;
  if (report_compare_is_last_year(t)) snprintf(out, n, "Cùng kỳ năm trước (%s)", t->compare->period);
  else snprintf(out, n, "So với %s", t->compare->period);
}

const rrow *report_compare_row(const rtable *t, int r) {
  const rtable *c = t->compare;
  if (!c || c->ncols != t->ncols || r < 0 || r >= t->nrows) return NULL;
  const rrow *row = &t->rows[r];
  /* a unit's row (a drill-down, the unit's own row) is that unit's row */
  if (row->unit_pos >= 0 && !row->is_total) {
    for (int k = 0; k < c->nrows; k++)
      if (c->rows[k].unit_pos == row->unit_pos && !c->rows[k].is_total) return &c->rows[k];
    return NULL;
  }
  if (r < c->nrows && c->rows[r].is_total == row->is_total && strcmp(c->rows[r].label, row->label) == 0)
    return &c->rows[r];
  for (int k = 0; k < c->nrows; k++)
    if (c->rows[k].is_total == row->is_total && c->rows[k].level == row->level &&
        strcmp(c->rows[k].label, row->label) == 0)
      return &c->rows[k];
  return NULL;
}

int report_change(const rcell *cur, const rcell *prev, double *diff, double *pct) {
  if (!cur || !prev || cur->kind != CELL_NUM || prev->kind != CELL_NUM || !isfinite(cur->num) ||
      !isfinite(prev->num))
    return 0;
  *diff = cur->num - prev->num;
  if (prev->num == 0 || *diff == 0) return 1;
  *pct = *diff / fabs(prev->num) * 100;
  return 2;
}

/* "+" or the minus sign U+2212 (not "-": Vietnamese documents print the sign) */
static void change_sign(buf *b, double v) {
  if (v > 0) buf_addc(b, '+');
  else if (v < 0) buf_adds(b, "\xE2\x88\x92");
}

void format_change_vn(buf *b, double diff) {
  double a = fabs(diff);
  if (a != floor(a)) a = round(a * 100) / 100;
  change_sign(b, a == 0 ? 0 : diff);
  format_number_vn(b, a);
}

void format_pct_change_vn(buf *b, double pct) {
  double a = round(fabs(pct) * 10) / 10, ip = floor(a);
  int tenth = (int)round((a - ip) * 10);
  change_sign(b, a == 0 ? 0 : pct);
  format_number_vn(b, ip);
  if (tenth) buf_addf(b, ",%d", tenth);
  buf_addc(b, '%');
}

/* --- the HTML document ---------------------------------------------------------- */

static void html_cell(buf *b, const rcell *cell) {
  if (cell && cell->kind == CELL_NUM) {
    buf_adds(b, "<td class=\"n\">");
    format_number_vn(b, cell->num);
  } else {
    buf_adds(b, "<td>");
    if (cell && cell->kind == CELL_TEXT) esc_html(b, cell->text);
  }
  buf_adds(b, "</td>");
}

/* under row r: the comparison period's values, then the change */
static void html_compare_rows(buf *b, const rtable *t, int r, const char *head) {
  const rrow *row = &t->rows[r], *prev = report_compare_row(t, r);
  buf_adds(b, "<tr class=\"cmp\"><th scope=\"row\">");
  esc_label(b, head);
  buf_adds(b, "</th>");
  for (int c = 0; c < t->ncols; c++) html_cell(b, prev ? &prev->cells[c] : NULL);
  buf_adds(b, "</tr><tr class=\"chg\"><th scope=\"row\">Tăng (+), giảm (−)</th>");
  for (int c = 0; c < t->ncols; c++) {
    double diff, pct;
    int k = prev ? report_change(&row->cells[c], &prev->cells[c], &diff, &pct) : 0;
    buf_adds(b, k ? "<td class=\"n\">" : "<td>");
    if (k) format_change_vn(b, diff);
    if (k == 2) {
      buf_adds(b, "<br><small>");
      format_pct_change_vn(b, pct);
      buf_adds(b, "</small>");
    }
    buf_adds(b, "</td>");
  }
  buf_adds(b, "</tr>");
}

void report_write_html(buf *b, const rtable *t) {
  char head[96];
  report_compare_heading(t, head, sizeof head);
  buf_adds(b, "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>");
  esc_label(b, t->title);
  buf_adds(b, "</title><style>table{border-collapse:collapse}th,td{border:1px solid #000;padding:2px 4px}"
              "td.n{text-align:right;white-space:nowrap}tr.cmp th,tr.chg th{font-weight:400;font-style:italic}"
              "tr.chg td{border-bottom-width:2px}</style></head><body><h1>BẢNG TỔNG HỢP SỐ LIỆU</h1><h2>");
  esc_label(b, t->title);
  buf_adds(b, "</h2>");
  if (head[0]) {
    buf_adds(b, "<p>Dưới mỗi dòng: <strong>");
    esc_label(b, head);
    buf_adds(b, "</strong> (số liệu kỳ ");
    esc_html(b, t->compare->period);
    buf_adds(b, " tính trên các đơn vị của kỳ ");
    esc_html(b, t->period);
    buf_adds(b, ") và mức tăng, giảm của kỳ này so với kỳ đó.</p>");
  }
  buf_adds(b, "<table>");
  report_write_html_head(b, t);
  buf_adds(b, "<tbody>");
  for (int r = 0; r < t->nrows; r++) {
    buf_adds(b, "<tr><th scope=\"row\">");
    esc_label(b, t->rows[r].label);
    buf_adds(b, "</th>");
    for (int c = 0; c < t->ncols; c++) html_cell(b, &t->rows[r].cells[c]);
    buf_adds(b, "</tr>");
    if (head[0]) html_compare_rows(b, t, r, head);
  }
  buf_adds(b, "</tbody></table></body></html>\n");
}
