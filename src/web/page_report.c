/* GET /report: an annex as an HTML table laid out like the seed (merged
 * multi-row header), with drill-down from level rows to the units of that
 * level, selectors for form, period and unit, and CSV / XLSX / JSON links; above
 * the table, the unit's submission of the annex for the period and the
 * steps the user may take (page_submissions.c). */
#include "export/report_out.h"
#include "web/web_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* what the report page needs from the tree, copied under the read lock */
typedef struct unit_view {
  int pos, level, can_write;
  char name[256];
  int nanc;                 /* ancestors from the user's unit down, excluding the unit */
  char anc_code[TREE_MAX_LEVELS][32], anc_name[TREE_MAX_LEVELS][128];
  int levels_below[TREE_MAX_LEVELS + 1]; /* 1 if units of that level lie under the unit */
  char level_name[TREE_MAX_LEVELS + 1][64];
} unit_view;

static int unit_view_load(ctx *c, const char *code, unit_view *v) {
  memset(v, 0, sizeof *v);
  const tree *t = app_read_begin(c->a);
  int p = tree_find_code(t, code), up = user_pos(t, &c->u);
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
    for (int q = p + 1; q < t->u[p].end; q++) v->levels_below[t->level[q]] = 1;
    const tree_edition *ed = tree_unit_edition(t, p);
    for (int l = 1; l <= TREE_MAX_LEVELS; l++)
      snprintf(v->level_name[l], sizeof v->level_name[l], "%s", ed->levels[l].name ? ed->levels[l].name : "");
  }
  app_read_end(c->a);
  if (p >= 0) v->can_write = app_can_write(c->a, &c->u, p);
  return p;
}

static void breadcrumb(ctx *c, const unit_view *v, const char *form_code, const char *period_id) {
  buf *b = &c->out;
  if (!v->nanc) return;
  h_lit(b, "<nav class=\"crumbs\" aria-label=\"Đơn vị cấp trên\"><ol>");
  for (int i = 0; i < v->nanc; i++) {
    h_lit(b, "<li>");
    h_link(b, c_url(c, "/report", "form", form_code, "period", period_id, "unit", v->anc_code[i], NULL),
           v->anc_name[i]);
    h_lit(b, "</li>");
  }
  h_lit(b, "<li aria-current=\"page\">");
  h_text(b, v->name);
  h_lit(b, "</li></ol></nav>");
}

static void selectors(ctx *c, const char *form_code, const char *period_id, const char *unit) {
  buf *b = &c->out;
  h_lit(b, "<form method=\"get\" action=\"/report\" class=\"filters\">");
  h_lit(b, "<div class=\"field\">");
  h_form_select(c, "form", form_code);
  h_lit(b, "</div><div class=\"field\">");
  h_period_select(c, "period", period_id, 0);
  h_lit(b, "</div><div class=\"field\">");
  h_unit_select(c, "unit", "Đơn vị", unit, NULL);
  h_lit(b, "</div><div class=\"field actions\"><button type=\"submit\">Xem biểu</button></div></form>");
}

/* a list annex (Biểu 4) numbers its rows in its own STT column */
static int has_labels(ctx *c, const rtable *t) {
  const form *f = catalog_form(app_catalog(c->a), t->form);
  return !f || f->rows != ROWS_LIST;
}

static void cell(buf *b, const rcell *x) {
  if (x->kind == CELL_NUM) {
    h_lit(b, "<td class=\"num\">");
    h_num(b, x->num);
  } else if (x->kind == CELL_TEXT) {
    h_lit(b, "<td class=\"txt\">");
    h_text(b, x->text);
  } else {
    h_lit(b, "<td>");
  }
  h_lit(b, "</td>");
}

/* the row label: a level row links to its drill-down, a unit row (other
 * than the unit itself) to that unit's annex */
static void row_label(ctx *c, const rtable *t, const rrow *r, int level_arg, const unit_view *v) {
  buf *b = &c->out;
  h_open(b, "th", "scope", "row", NULL);
  if (r->level > 0 && !level_arg) {
    char lv[8];
    snprintf(lv, sizeof lv, "%d", r->level);
    h_open(b, "a", "href", c_url(c, "/report", "form", t->form, "period", t->period, "unit", t->unit_code, "level", lv,
                                 NULL),
           "title", "Xem từng đơn vị của cấp này", NULL);
    h_text(b, r->label);
    h_close(b, "a");
  } else if (r->unit_pos >= 0 && r->unit_pos != v->pos) {
    char code[64];
    if (unit_code_at(c, r->unit_pos, code, sizeof code) == 0)
      h_link(b, c_url(c, "/report", "form", t->form, "period", t->period, "unit", code, NULL), r->label);
    else
      h_text(b, r->label);
  } else {
    h_text(b, r->label);
  }
  h_close(b, "th");
}

static void annex_table(ctx *c, const rtable *t, int level_arg, const unit_view *v) {
  buf *b = &c->out;
  int labels = has_labels(c, t);
  h_lit(b, "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"annex-title\" tabindex=\"0\">"
           "<table class=\"annex\">");
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
  h_lit(b, "<tbody>");
  for (int r = 0; r < t->nrows; r++) {
    const rrow *row = &t->rows[r];
    h_open(b, "tr", "class", row->is_total ? "total" : NULL, NULL);
    if (labels) row_label(c, t, row, level_arg, v);
    for (int k = 0; k < t->ncols; k++) cell(b, &row->cells[k]);
    h_close(b, "tr");
  }
  if (t->nrows == 0) {
    char span[16];
    snprintf(span, sizeof span, "%d", t->ncols + labels);
    h_open(b, "tr", NULL);
    h_open(b, "td", "colspan", span, "class", "empty", NULL);
    h_lit(b, "Chưa có dữ liệu cho kỳ này.</td></tr>");
  }
  h_lit(b, "</tbody></table></div>");
}

static void drill_links(ctx *c, const rtable *t, const unit_view *v, int level_arg) {
  buf *b = &c->out;
  int any = 0;
  for (int l = v->level + 1; l <= TREE_MAX_LEVELS; l++) any |= v->levels_below[l];
  if (!any && !level_arg) return;
  h_lit(b, "<p class=\"drill\">Xem theo từng đơn vị: ");
  const char *sep = "";
  if (level_arg) {
    h_link(b, c_url(c, "/report", "form", t->form, "period", t->period, "unit", t->unit_code, NULL),
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
      h_link(b, c_url(c, "/report", "form", t->form, "period", t->period, "unit", t->unit_code, "level", lv, NULL),
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

static void actions(ctx *c, const rtable *t, const unit_view *v, int level_arg, const form *f) {
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
                  level_arg ? lv : NULL, NULL),
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
  const char *unit = unit_arg(c);
  const char *fmt = arg(c, "format");
  if (fmt && strcmp(fmt, "xlsx") == 0) {
    xlsx_reply(c, f->code, unit, period_id, (int)level);
    return;
  }

  rtable t;
  dv_err e = {0};
  int rc = app_report(c->a, &c->u, f->code, unit, period_id, (int)level, &t, &e);
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
  unit_view_load(c, t.unit_code, &v);
  char flabel[32];
  form_label(t.form, flabel, sizeof flabel);
  page_begin(c, c_printf(c, "%s · %s", flabel, t.unit_name));
  breadcrumb(c, &v, t.form, t.period);
  if (arg(c, "saved")) h_lit(&c->out, "<p class=\"ok\" role=\"status\">Đã lưu số liệu. Biểu dưới đây đã tính lại.</p>");
  title_block(c, &t, &p, &v, (int)level);
  selectors(c, t.form, t.period, t.unit_code);
  actions(c, &t, &v, (int)level, f);
  if (!level) h_submission_box(c, &t, fl);
  if (f->rows != ROWS_LIST) drill_links(c, &t, &v, (int)level);
  annex_table(c, &t, (int)level, &v);
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
