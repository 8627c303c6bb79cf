/* GET /report: an annex as an HTML table laid out like the seed (merged
 * multi-row header), with drill-down from level rows to the units of that
 * level, selectors for form, period, unit and a period to compare with, and
 * CSV / XLSX / JSON links; above the table, the unit's submission of the
 * annex for the period and the steps the user may take (page_submissions.c).
 * The unit code resolves on the period's tree (its last day), and so do the
 * breadcrumbs, the level names and the drill-down links. With ?compare=P2
 * every row is followed by P2's values counted on this period's tree and
 * the change (export/report_out.h: report_compare_row, report_change). */
#include "export/report_out.h"
#include "web/web_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* what the report page needs from the tree, copied under the read lock: the
 * unit of the code on the period's tree (its last day; 22561 is Phường Ninh
 * Diêm in 2024 and Phường Đông Ninh Hòa from 2025), and the levels and
 * their names of that tree */
typedef struct unit_view {
  int pos, level, can_write;
  char name[256];
  int nanc;                 /* ancestors from the user's unit down, excluding the unit */
  char anc_code[TREE_MAX_LEVELS][32], anc_name[TREE_MAX_LEVELS][128];
  int levels_below[TREE_MAX_LEVELS + 1]; /* 1 if units of that level of the period's tree lie under the unit */
  char level_name[TREE_MAX_LEVELS + 1][64];
} unit_view;

/* 1 if unit q is on the annex's tree, as the annex counts it (core/report.c):
 * a period begun under an earlier edition (2025, across the reform) is on
 * the tree of its last day; any other, the units that existed in it */
static int on_period_tree(const tree *t, int q, int first, int last, int day) {
  if (first < tree_edition_on(t, day)->from_day) return unit_valid_on(&t->u[q], day);
  return unit_valid_during(&t->u[q], first, last);
}

static int unit_view_load(ctx *c, const char *code, const period *per, unit_view *v) {
  memset(v, 0, sizeof *v);
  period_cfg cfg = app_period_cfg(c->a);
  int first, last;
  period_window(per, &cfg, &first, &last);
  const tree *t = app_read_begin(c->a);
  int day = app_period_day(c->a, per);
  int p = app_unit_pos_on(c->a, code, day), up = user_pos(t, &c->u);
  v->pos = p;
  if (p >= 0 && up >= 0 && tree_in_subtree(t, up, p)) {
    v->level = t->u[p].level;
    snprintf(v->name, sizeof v->name, "%s", t->u[p].name);
    int chain[TREE_MAX_LEVELS + 1], n = 0;
    for (int q = t->u[p].parent; q >= 0 && tree_in_subtree(t, up, q) && n < TREE_MAX_LEVELS; q = t->u[q].parent)
      chain[n++] = q;
    for (int i = 0; i < n; i++) {
      int q = chain[n - 1 - i];
      snprintf(v->anc_code[i], sizeof v->anc_code[i], "%s", t->u[q].code);
      snprintf(v->anc_name[i], sizeof v->anc_name[i], "%s", t->u[q].name);
    }
    v->nanc = n;
    for (int q = p + 1; q < t->u[p].end; q++)
      if (on_period_tree(t, q, first, last, day)) v->levels_below[t->level[q]] = 1;
    const tree_edition *ed = tree_edition_on(t, day);
    for (int l = 1; l <= TREE_MAX_LEVELS; l++)
      snprintf(v->level_name[l], sizeof v->level_name[l], "%s", ed->levels[l].name ? ed->levels[l].name : "");
  }
  app_read_end(c->a);
  if (p >= 0) v->can_write = app_can_write(c->a, &c->u, p);
  return p;
}

/* --- the comparison period (?compare=P2) -------------------------------------- */

/* periods of one kind numbered in a row (2025S2 then 2026S1), so a
 * comparison can keep its distance when the period changes */
static int period_per_year(period_kind k) {
  return k == PERIOD_HALF ? 2 : k == PERIOD_QUARTER ? 4 : k == PERIOD_MONTH ? 12 : 1;
}
static int period_ordinal(const period *p) {
  int n = period_per_year(p->kind);
  return n == 1 ? p->year : p->year * n + p->idx - 1;
}
static period period_at(period_kind k, int ordinal) {
  int n = period_per_year(k);
  period p = {k, n == 1 ? ordinal : ordinal / n, n == 1 ? 0 : ordinal % n + 1};
  return p;
}
static int same_period(const period *a, const period *b) {
  return a->kind == b->kind && a->year == b->year && a->idx == b->idx;
}

/* ?compare=P2 as a period id; NULL when absent or empty; *bad when it is
 * not a period. The filter form sends the period its choice was offered
 * for (compare_of): when the period has changed since, the choice keeps its
 * meaning ("Cùng kỳ năm trước" of 2026 is 2025, not the 2025S1 offered for
 * 2026S1; "Kỳ liền trước" of 2026Q3 is 2026Q2) */
static const char *compare_arg(ctx *c, const period *p, int *bad) {
  const char *v = arg(c, "compare"), *of = arg(c, "compare_of");
  period q, o;
  *bad = 0;
  if (!v || !*v) return NULL;
  if (strlen(v) > 7 || period_parse(v, &q)) {
    *bad = 1;
    return NULL;
  }
  if (of && strlen(of) <= 7 && !period_parse(of, &o) && !same_period(&o, p)) {
    if (q.kind == o.kind && p->kind == o.kind) q = period_at(p->kind, period_ordinal(p) + period_ordinal(&q) - period_ordinal(&o));
    else if (q.kind == o.kind && q.idx == o.idx) q = (period){p->kind, p->year - (o.year - q.year), p->idx};
    if (q.year < 1900) return NULL;
  }
  char id[8];
  period_format(&q, id);
  return c_strdup(c, id);
}

/* "Năm 2025", "6 tháng đầu năm 2024 (2024S1)" */
static const char *period_choice_label(ctx *c, const period *q) {
  char id[8], label[64];
  period_format(q, id);
  period_label_vn(q, label, sizeof label);
  if (label[0] >= 'a' && label[0] <= 'z') label[0] = (char)(label[0] - 'a' + 'A');
  return q->kind == PERIOD_YEAR ? c_strdup(c, label) : c_printf(c, "%s (%s)", label, id);
}

/* "So sánh với": none, the same period one to three years before, the
 * period just before, the two previous years, and the period asked for
 * when it is none of these */
static void compare_select(ctx *c, const period *p, const char *selected) {
  buf *b = &c->out;
  period opts[8];
  const char *labels[8];
  int n = 0;
  char id[8];
  opts[n] = (period){p->kind, p->year - 1, p->idx};
  period_format(&opts[n], id);
  labels[n++] = c_printf(c, "Cùng kỳ năm trước (%s)", id);
  if (p->kind == PERIOD_HALF || p->kind == PERIOD_QUARTER || p->kind == PERIOD_MONTH) {
    opts[n] = period_at(p->kind, period_ordinal(p) - 1);
    period_format(&opts[n], id);
    labels[n++] = c_printf(c, "Kỳ liền trước (%s)", id);
  }
  for (int k = 2; k <= 3; k++) {
    opts[n] = (period){p->kind, p->year - k, p->idx};
    period_format(&opts[n], id);
    labels[n++] = p->kind == PERIOD_YEAR ? c_printf(c, "Năm %d", p->year - k) : c_printf(c, "Cùng kỳ năm %d (%s)", p->year - k, id);
  }
  if (p->kind != PERIOD_YEAR)
    for (int k = 1; k <= 2; k++) {
      opts[n] = (period){PERIOD_YEAR, p->year - k, 0};
      labels[n++] = c_printf(c, "Năm %d", p->year - k);
    }
  period sel;
  int have = selected && !period_parse(selected, &sel), listed = 0;
  h_lit(b, "<label for=\"f-compare\">So sánh với</label>");
  h_open(b, "select", "id", "f-compare", "name", "compare", NULL);
  h_option(b, "", "Không so sánh", !have);
  for (int i = 0; i < n; i++) {
    if (opts[i].year < 1900) continue;
    period_format(&opts[i], id);
    int on = have && same_period(&opts[i], &sel);
    listed |= on;
    h_option(b, id, labels[i], on);
  }
  if (have && !listed) h_option(b, selected, period_choice_label(c, &sel), 1);
  h_close(b, "select");
}

static void breadcrumb(ctx *c, const unit_view *v, const char *form_code, const char *period_id, const char *cmp) {
  buf *b = &c->out;
  if (!v->nanc) return;
  h_lit(b, "<nav class=\"crumbs\" aria-label=\"Đơn vị cấp trên\"><ol>");
  for (int i = 0; i < v->nanc; i++) {
    h_lit(b, "<li>");
    h_link(b,
           c_url(c, "/report", "form", form_code, "period", period_id, "unit", v->anc_code[i], "compare", cmp, NULL),
           v->anc_name[i]);
    h_lit(b, "</li>");
  }
  h_lit(b, "<li aria-current=\"page\">");
  h_text(b, v->name);
  h_lit(b, "</li></ol></nav>");
}

static void selectors(ctx *c, const char *form_code, const period *p, const char *period_id, const char *unit,
                      const char *cmp) {
  buf *b = &c->out;
  h_lit(b, "<form method=\"get\" action=\"/report\" class=\"filters\">");
  h_hidden(b, "compare_of", period_id);
  h_lit(b, "<div class=\"field\">");
  h_form_select(c, "form", form_code);
  h_lit(b, "</div><div class=\"field\">");
  h_period_select(c, "period", period_id, 0);
  h_lit(b, "</div><div class=\"field\">");
  h_unit_select(c, "unit", "Đơn vị", unit, NULL, period_id);
  h_lit(b, "</div><div class=\"field\">");
  compare_select(c, p, cmp);
  h_lit(b, "</div><div class=\"field actions\"><button type=\"submit\">Xem biểu</button></div></form>");
}

/* a list annex (Biểu 4) numbers its rows in its own STT column */
static int has_labels(ctx *c, const rtable *t) {
  const form *f = catalog_form(app_catalog(c->a), t->form);
  return !f || f->rows != ROWS_LIST;
}

static void cell(buf *b, const rcell *x) {
  if (x && x->kind == CELL_NUM) {
    h_lit(b, "<td class=\"num\">");
    h_num(b, x->num);
  } else if (x && x->kind == CELL_TEXT) {
    h_lit(b, "<td class=\"txt\">");
    h_text(b, x->text);
  } else {
    h_lit(b, "<td>");
  }
  h_lit(b, "</td>");
}

/* the unit and level (0: any) whose own values make data column k of a row;
 * 0, or -1 where no single range does (a kind row, a unit and the level below) */
static int cell_scope(ctx *c, const form *f, const rtable *t, const rrow *row, int k, int level_arg,
                      const unit_view *v, const char **unit, int *level) {
  char code[64];
  *unit = t->unit_code;
  *level = level_arg;
  if (level_arg) { /* one row per unit of the level (and its bodies), then their total */
    if (row->is_total) return 0;
    if (row->unit_pos < 0 || unit_code_at(c, row->unit_pos, code, sizeof code)) return -1;
    *unit = c_strdup(c, code);
    return 0;
  }
  if (f->rows == ROWS_LEVELS) {
    *level = row->is_total ? 0 : row->level;
    return row->is_total || row->level > 0 ? 0 : -1;
  }
  switch (f->cols[k].a.sc) {
  case SCOPE_ROW:
  case SCOPE_SELF: *level = v->level; return 0;
  case SCOPE_BELOW: *level = v->level + 1; return 0;
  case SCOPE_SUBTREE: return 0;
  default: return -1;
  }
}

/* a number inside a cell, linked where it leads (or plain) */
static void num_link(ctx *c, const char *url, double v) {
  if (url) h_open(&c->out, "a", "href", url, NULL);
  h_num(&c->out, v);
  if (url) h_close(&c->out, "a");
}

/* "12/340": each of the pair's numbers opens its own records or history */
static void pair_cell(ctx *c, const form_col *col, const char *text, const char *unit, const char *period_id,
                      int level) {
  char *slash;
  double x = strtod(text, &slash), y = *slash == '/' ? strtod(slash + 1, NULL) : 0;
  h_lit(&c->out, "<td class=\"num pair\">");
  num_link(c, drill_cell_url(c, col->a.element, col->a.combo, unit, period_id, level), x);
  h_lit(&c->out, "/");
  num_link(c, drill_cell_url(c, col->b.element, col->b.combo, unit, period_id, level), y);
  h_lit(&c->out, "</td>");
}

/* a list form's row names its record, and opens it */
static void record_cell(ctx *c, const char *reg, int64_t id, const char *text) {
  h_lit(&c->out, "<td class=\"txt\">");
  h_open(&c->out, "a", "href", c_printf(c, "/r/%s/%lld", reg, (long long)id), NULL);
  h_text(&c->out, text);
  h_lit(&c->out, "</a></td>");
}

/* a number of the annex and where it leads (docs/entry.md): the records
 * that make it, the history of a hand-entered value, or for a formula the
 * units behind it */
static void linked_cell(ctx *c, const form *f, const rtable *t, const rrow *row, int k, int level_arg,
                        const unit_view *v) {
  buf *b = &c->out;
  const rcell *x = &row->cells[k];
  const char *unit, *url = NULL;
  int level;
  if (f && k == 1 && row->record_id && f->list && x->kind == CELL_TEXT) {
    record_cell(c, f->list, row->record_id, x->text);
    return;
  }
  if (f && k < f->ncols && f->cols[k].kind == BIND_PAIR && x->kind == CELL_TEXT &&
      !cell_scope(c, f, t, row, k, level_arg, v, &unit, &level)) {
    pair_cell(c, &f->cols[k], x->text, unit, t->period, level);
    return;
  }
  if (!f || k >= f->ncols || x->kind != CELL_NUM || cell_scope(c, f, t, row, k, level_arg, v, &unit, &level)) {
    cell(b, x);
    return;
  }
  if (f->cols[k].kind == BIND_SUM) url = c_url(c, "/completeness", "form", t->form, "period", t->period, "unit", unit, NULL);
  else if (f->cols[k].kind == BIND_DATA) url = drill_cell_url(c, f->cols[k].a.element, f->cols[k].a.combo, unit, t->period, level);
  if (!url) {
    cell(b, x);
    return;
  }
  h_lit(b, "<td class=\"num\">");
  h_open(b, "a", "href", url, NULL);
  h_num(b, x->num);
  h_lit(b, "</a></td>");
}

/* the change of one cell: "+12" and under it "+5,2%"; blank when either
 * period has no number there */
static void change_cell(buf *b, const rcell *cur, const rcell *prev) {
  double diff = 0, pct = 0;
  int k = prev ? report_change(cur, prev, &diff, &pct) : 0;
  if (!k) {
    h_lit(b, "<td></td>");
    return;
  }
  buf s;
  buf_init(&s, 64);
  format_change_vn(&s, diff);
  h_open(b, "td", "class", diff > 0 ? "num up" : diff < 0 ? "num down" : "num", NULL);
  h_text(b, s.s);
  if (k == 2) {
    buf_reset(&s);
    format_pct_change_vn(&s, pct);
    h_open(b, "span", "class", "pct", NULL);
    h_text(b, s.s);
    h_close(b, "span");
  }
  h_close(b, "td");
  buf_release(&s);
}

/* under row r: the comparison period's values, then the change; each
 * label names its row for a screen reader ("Xã, phường — Cùng kỳ …") */
static void compare_rows(ctx *c, const rtable *t, int r, const char *head) {
  buf *b = &c->out;
  const rrow *row = &t->rows[r], *prev = report_compare_row(t, r);
  const char *total = row->is_total ? "cmp total-cmp" : "cmp";
  h_open(b, "tr", "class", total, NULL);
  h_open(b, "th", "scope", "row", NULL);
  h_open(b, "span", "class", "visually-hidden", NULL);
  h_text(b, c_printf(c, "%s — ", row->label));
  h_close(b, "span");
  h_text(b, head);
  h_close(b, "th");
  for (int k = 0; k < t->ncols; k++) cell(b, prev ? &prev->cells[k] : NULL);
  h_close(b, "tr");
  h_open(b, "tr", "class", row->is_total ? "chg total-cmp" : "chg", NULL);
  h_open(b, "th", "scope", "row", NULL);
  h_open(b, "span", "class", "visually-hidden", NULL);
  h_text(b, c_printf(c, "%s — ", row->label));
  h_close(b, "span");
  h_lit(b, "Tăng (+), giảm (−)");
  h_close(b, "th");
  for (int k = 0; k < t->ncols; k++) change_cell(b, &row->cells[k], prev ? &prev->cells[k] : NULL);
  h_close(b, "tr");
}

/* the row label: a level row links to its drill-down, a unit row (other
 * than the unit itself) to that unit's annex */
static void row_label(ctx *c, const rtable *t, const rrow *r, int level_arg, const unit_view *v, const char *cmp) {
  buf *b = &c->out;
  h_open(b, "th", "scope", "row", NULL);
  if (r->level > 0 && !level_arg) {
    char lv[8];
    snprintf(lv, sizeof lv, "%d", r->level);
    h_open(b, "a", "href",
           c_url(c, "/report", "form", t->form, "period", t->period, "unit", t->unit_code, "level", lv, "compare", cmp,
                 NULL),
           "title", "Xem từng đơn vị của cấp này", NULL);
    h_text(b, r->label);
    h_close(b, "a");
  } else if (r->unit_pos >= 0 && r->unit_pos != v->pos) {
    char code[64];
    if (unit_code_at(c, r->unit_pos, code, sizeof code) == 0)
      h_link(b, c_url(c, "/report", "form", t->form, "period", t->period, "unit", code, "compare", cmp, NULL),
             r->label);
    else
      h_text(b, r->label);
  } else {
    h_text(b, r->label);
  }
  h_close(b, "th");
}

static void annex_table(ctx *c, const rtable *t, int level_arg, const unit_view *v, const char *cmp) {
  buf *b = &c->out;
  const form *f = catalog_form(app_catalog(c->a), t->form);
  int labels = has_labels(c, t);
  char head[96];
  report_compare_heading(t, head, sizeof head);
  h_lit(b, "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"annex-title\" tabindex=\"0\">");
  h_open(b, "table", "class", head[0] ? "annex compared" : "annex", "aria-describedby", head[0] ? "cmp-note" : NULL,
         NULL);
  if (labels) {
    report_write_html_head(b, t);
  } else {
    /* a list annex (Biểu 4) has no label column: one header row */
    h_lit(b, "<thead><tr>");
    for (int i = 0; i < t->ncols; i++) {
      h_open(b, "th", "scope", "col", NULL);
      h_text(b, t->depth[i] ? t->paths[i][t->depth[i] - 1] : "");
      h_close(b, "th");
    }
    h_lit(b, "</tr></thead>");
  }
  for (int r = 0; r < t->nrows; r++) {
    const rrow *row = &t->rows[r];
    /* with a comparison each row is a group of three: its own, the other
     * period's, the change */
    if (head[0] || r == 0) h_lit(b, "<tbody>");
    h_open(b, "tr", "class", row->is_total ? "total" : NULL, NULL);
    if (labels) row_label(c, t, row, level_arg, v, cmp);
    for (int k = 0; k < t->ncols; k++) linked_cell(c, f, t, row, k, level_arg, v);
    h_close(b, "tr");
    if (head[0] && labels) compare_rows(c, t, r, head);
    if (head[0] || r == t->nrows - 1) h_lit(b, "</tbody>");
  }
  if (t->nrows == 0) {
    char span[16];
    snprintf(span, sizeof span, "%d", t->ncols + labels);
    h_lit(b, "<tbody>");
    h_open(b, "tr", NULL);
    h_open(b, "td", "colspan", span, "class", "empty", NULL);
    h_lit(b, "Chưa có dữ liệu cho kỳ này.</td></tr></tbody>");
  }
  h_lit(b, "</table></div>");
}

static void problem_items(buf *b, const rtable *t, int from, int to) {
  for (int i = from; i < to && i < t->nwarnings; i++) h_tag(b, "li", t->warnings[i]);
}

void h_rule_problems(ctx *c, const rtable *t) {
  buf *b = &c->out;
  int errors = t->errors, warnings = t->warnings_total - t->errors;
  if (!t->warnings_total) return;
  h_lit(b, "<section class=\"rule-problems\" id=\"rule-problems\" aria-labelledby=\"rule-h\">"
           "<h2 id=\"rule-h\">Kiểm tra số liệu</h2>");
  if (errors) {
    h_lit(b, "<div class=\"alert\"><p><strong>");
    h_int(b, errors);
    h_lit(b, " lỗi</strong> — phải sửa trước khi gửi báo cáo:</p><ul>");
    problem_items(b, t, 0, errors);
    h_lit(b, "</ul></div>");
  }
  if (warnings > 0) {
    h_lit(b, "<div class=\"notice\"><p><strong>");
    h_int(b, warnings);
    h_lit(b, " cảnh báo</strong> — số liệu vẫn được lưu; khi gửi báo cáo cần xác nhận đã xem:</p><ul>");
    problem_items(b, t, errors, t->nwarnings);
    if (t->warnings_total > t->nwarnings) {
      h_lit(b, "<li>và ");
      h_int(b, t->warnings_total - t->nwarnings);
      h_lit(b, " cảnh báo khác.</li>");
    }
    h_lit(b, "</ul></div>");
  }
  h_lit(b, "</section>");
}

/* what the rows under each row are, above the table */
static void compare_note(ctx *c, const rtable *t) {
  buf *b = &c->out;
  char head[96], now[64], then[64];
  period p, q;
  report_compare_heading(t, head, sizeof head);
  if (!head[0] || period_parse(t->period, &p) || period_parse(t->compare->period, &q)) return;
  period_label_vn(&p, now, sizeof now);
  period_label_vn(&q, then, sizeof then);
  h_open(b, "div", "class", "cmp-note", "id", "cmp-note", NULL);
  h_open(b, "h2", "id", "cmp-head", NULL);
  h_text(b, head);
  h_close(b, "h2");
  h_open(b, "p", NULL);
  h_text(b, c_printf(c, "Dưới mỗi dòng: số liệu %s tính trên các đơn vị của %s (số liệu của đơn vị đã sáp nhập, "
                        "giải thể được cộng vào đơn vị kế thừa), rồi mức tăng (+), giảm (−) của %s so với kỳ đó. "
                        "Ô trống: kỳ đó chưa có số liệu; không tính tăng, giảm khi một trong hai kỳ để trống.",
                     then, now, now));
  h_close(b, "p");
  h_close(b, "div");
}

static void drill_links(ctx *c, const rtable *t, const unit_view *v, int level_arg, const char *cmp) {
  buf *b = &c->out;
  int any = 0;
  for (int l = v->level + 1; l <= TREE_MAX_LEVELS; l++) any |= v->levels_below[l];
  if (!any && !level_arg) return;
  h_lit(b, "<p class=\"drill\">Xem theo từng đơn vị: ");
  const char *sep = "";
  if (level_arg) {
    h_link(b, c_url(c, "/report", "form", t->form, "period", t->period, "unit", t->unit_code, "compare", cmp, NULL),
           "bảng tổng hợp");
    sep = " · ";
  }
  for (int l = v->level + 1; l <= TREE_MAX_LEVELS; l++) {
    if (!v->levels_below[l]) continue;
    char lv[8];
    snprintf(lv, sizeof lv, "%d", l);
    h_text(b, sep);
    sep = " · ";
    if (l == level_arg) {
      h_open(b, "strong", NULL);
      h_text(b, v->level_name[l][0] ? v->level_name[l] : lv);
      h_close(b, "strong");
    } else {
      h_link(b,
             c_url(c, "/report", "form", t->form, "period", t->period, "unit", t->unit_code, "level", lv, "compare",
                   cmp, NULL),
             v->level_name[l][0] ? v->level_name[l] : lv);
    }
  }
  h_lit(b, "</p>");
}

static void title_block(ctx *c, const rtable *t, const period *p, const unit_view *v, int level_arg) {
  buf *b = &c->out;
  char plabel[64], flabel[32];
  period_label_vn(p, plabel, sizeof plabel);
  form_label(t->form, flabel, sizeof flabel);
  h_print_head(c, t->unit_code, t->period);
  h_lit(b, "<header class=\"annex-head\"><p class=\"kicker\">");
  h_text(b, flabel);
  h_lit(b, " · ");
  h_text(b, t->unit_name);
  h_lit(b, "</p><h1 id=\"annex-title\">");
  /* the seed prints "BẢNG TỔNG HỢP SỐ LIỆU" above the title unless the title
   * already says it */
  const form *f = catalog_form(app_catalog(c->a), t->form);
  if (f && f->rows == ROWS_LIST) h_lit(b, "<span class=\"caps\">BẢNG TỔNG HỢP</span> ");
  else if (strncmp(t->title, "Bảng tổng hợp", strlen("Bảng tổng hợp")) != 0)
    h_lit(b, "<span class=\"caps\">BẢNG TỔNG HỢP SỐ LIỆU</span> ");
  h_text(b, t->title);
  h_lit(b, " ");
  h_text(b, plabel);
  h_lit(b, "</h1>");
  if (level_arg) {
    h_lit(b, "<p class=\"sub\">Chi tiết theo đơn vị cấp: ");
    h_text(b, v->level_name[level_arg][0] ? v->level_name[level_arg] : "");
    h_lit(b, "</p>");
  }
  h_lit(b, "</header>");
}

static void actions(ctx *c, const rtable *t, const unit_view *v, int level_arg, const form *f, const char *cmp) {
  buf *b = &c->out;
  char lv[8];
  snprintf(lv, sizeof lv, "%d", level_arg);
  h_lit(b, "<ul class=\"actions\">");
  h_lit(b, "<li><button type=\"button\" data-print hidden>In</button></li>");
  h_lit(b, "<li>");
  h_link(b, c_url(c, "/report", "form", t->form, "period", t->period, "unit", t->unit_code, "level",
                  level_arg ? lv : NULL, "format", "csv", NULL),
         "Tải CSV");
  h_lit(b, "</li><li>");
  h_link(b, c_url(c, "/report", "form", t->form, "period", t->period, "unit", t->unit_code, "level",
                  level_arg ? lv : NULL, "format", "xlsx", NULL),
         "Tải XLSX");
  h_lit(b, "</li><li>");
  h_link(b, c_url(c, "/api/report", "form", t->form, "period", t->period, "unit", t->unit_code, "level",
                  level_arg ? lv : NULL, "compare", cmp, NULL),
         "JSON (API)");
  h_lit(b, "</li>");
  if (entry_has_inputs(app_catalog(c->a), f)) {
    h_lit(b, "<li>");
    h_link(b, c_url(c, "/entry", "form", t->form, "period", t->period, "unit", t->unit_code, NULL),
           v->can_write ? "Nhập số liệu của đơn vị" : "Xem số liệu nhập của đơn vị");
    h_lit(b, "</li>");
  }
  h_lit(b, "</ul>");
}

static void csv_reply(ctx *c, const rtable *t) {
  buf_reset(&c->out);
  buf_adds(&c->out, "\xEF\xBB\xBF"); /* BOM: spreadsheet programs then read UTF-8 */
  report_write_csv(&c->out, t);
  c->status = 200;
  c->ctype = "text/csv; charset=utf-8";
  char name[96];
  int o = 0;
  const char *parts[] = {t->form, "-", t->unit_code, "-", t->period, ".csv"};
  for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
    for (const char *s = parts[i]; *s && o < (int)sizeof name - 1; s++)
      name[o++] = ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
                   *s == '-' || *s == '.')
                      ? *s
                      : '_';
  name[o] = 0;
  c->disposition = c_printf(c, "attachment; filename=\"%s\"", name);
}

/* the annex as a workbook (app_report_xlsx): the cells the user may fill in
 * are left open, and the file comes back through the entry page */
static void xlsx_reply(ctx *c, const char *form_code, const char *unit, const char *period_id, int level) {
  buf x;
  buf_init(&x, WEB_OUT_MAX);
  dv_err e = {0};
  int rc = app_report_xlsx(c->a, &c->u, form_code, unit, period_id, level, &x, &e);
  if (rc) {
    buf_release(&x);
    reply_html_error(c, http_status_of(rc), rc == DV_EFORBIDDEN ? "Không có quyền truy cập" : "Không xuất được biểu",
                     e.msg);
    return;
  }
  buf_release(&c->out);
  c->out = x;
  c->status = 200;
  c->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  char name[96];
  int o = 0;
  char lv[16] = "";
  if (level) snprintf(lv, sizeof lv, "-cap%d", level);
  const char *parts[] = {form_code, "-", unit, "-", period_id, lv, ".xlsx"};
  for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
    for (const char *s = parts[i]; *s && o < (int)sizeof name - 1; s++)
      name[o++] = ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
                   *s == '-' || *s == '.')
                      ? *s
                      : '_';
  name[o] = 0;
  c->disposition = c_printf(c, "attachment; filename=\"%s\"", name);
}

void page_report(ctx *c) { page_report_show(c, NULL); }

void page_report_show(ctx *c, const sub_flash *fl) {
  const char *form_code;
  const form *f = form_arg_or_400(c, &form_code);
  if (!f) return;
  period p;
  const char *period_id = period_arg_or_400(c, &p);
  if (!period_id) return;
  const char *lv = arg(c, "level");
  long long level = lv && *lv ? parse_id(lv, TREE_MAX_LEVELS) : 0;
  if (level < 0) {
    reply_html_error(c, 400, "Cấp không hợp lệ", "Tham số level phải là số cấp (1, 2, 3…).");
    return;
  }
  int bad_cmp;
  const char *cmp = compare_arg(c, &p, &bad_cmp);
  if (bad_cmp) {
    reply_html_error(c, 400, "Kỳ so sánh không hợp lệ", PERIOD_HINT);
    return;
  }
  const char *unit = unit_arg(c);
  const char *fmt = arg(c, "format");
  if (fmt && strcmp(fmt, "xlsx") == 0) {
    xlsx_reply(c, f->code, unit, period_id, (int)level);
    return;
  }
  /* a list of documents (Biểu 4) has nothing to compare: the page says so
   * instead of refusing (the form above may have kept the choice) */
  const char *cmp_off = cmp && f->rows == ROWS_LIST ? cmp : NULL;
  if (cmp_off || (fmt && strcmp(fmt, "csv") == 0)) cmp = NULL;

  rtable t;
  dv_err e = {0};
  report_args ra = {f->code, unit, period_id, cmp, (int)level};
  int rc = app_report_ex(c->a, &c->u, &ra, &t, &e);
  if (rc) {
    rtable_release(&t);
    reply_html_error(c, http_status_of(rc), rc == DV_EFORBIDDEN ? "Không có quyền truy cập" : "Không xem được biểu",
                     e.msg);
    return;
  }
  if (fmt && strcmp(fmt, "csv") == 0) {
    csv_reply(c, &t);
    rtable_release(&t);
    return;
  }
  unit_view v;
  unit_view_load(c, t.unit_code, &p, &v);
  char flabel[32];
  form_label(t.form, flabel, sizeof flabel);
  page_begin(c, c_printf(c, "%s · %s", flabel, t.unit_name));
  breadcrumb(c, &v, t.form, t.period, cmp);
  if (arg(c, "saved")) h_lit(&c->out, "<p class=\"ok\" role=\"status\">Đã lưu số liệu. Biểu dưới đây đã tính lại.</p>");
  title_block(c, &t, &p, &v, (int)level);
  selectors(c, t.form, &p, t.period, t.unit_code, cmp ? cmp : cmp_off);
  actions(c, &t, &v, (int)level, f, cmp);
  if (!level) h_submission_box(c, &t, fl);
  if (f->rows != ROWS_LIST) drill_links(c, &t, &v, (int)level, cmp);
  if (cmp_off) {
    h_open(&c->out, "p", "class", "notice", NULL);
    h_text(&c->out, c_printf(c, "%s là danh sách văn bản, không so sánh giữa các kỳ.", flabel));
    h_close(&c->out, "p");
  }
  compare_note(c, &t);
  annex_table(c, &t, (int)level, &v, cmp);
  if (!level) h_rule_problems(c, &t);
  int from_registers = h_register_sources(c, f, t.unit_code, t.period);
  if (f->rows != ROWS_LIST && from_registers)
    h_lit(&c->out, "<p class=\"hint\">0: có số liệu bằng 0. Cột tổng và cột theo cấp được tính tự động, "
                   "không nhập tay.</p>");
  else if (f->rows != ROWS_LIST)
    h_lit(&c->out, "<p class=\"hint\">Ô trống: chưa có số liệu; 0: có số liệu bằng 0. "
                   "Cột tổng và cột theo cấp được tính tự động, không nhập tay.</p>");
  page_end(c);
  page_send(c);
  rtable_release(&t);
}
