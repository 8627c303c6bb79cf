/* GET/POST /entry: a grid laid out like the annex for one unit. Only the
 * unit's own values are typed; totals, formulas and by-level columns are
 * computed and shown read-only, and a value the unit's records make (the
 * dialogues of Biểu 5 where it has dialogues) is shown computed with its
 * count, linked to those records (form_inputs_at, docs/entry.md).
 * The form's rules are checked at the field: an error refuses the save and
 * keeps what was typed, a warning is saved and shown. A locked period or a
 * reader without write rights gets a read-only view that says why.
 *
 * Which cells take input: a data column whose scope is @row or @self. A
 * column over the unit's whole area (@subtree, @self_below) takes the unit's
 * own part only when the form has no @self column for the same element and
 * option, so that Biểu 3 (all @subtree) can still be filled in; its area
 * total is shown beside the input. An element/option is typed once per form. */
#include "export/report_out.h"
#include "web/web_int.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VALUE_MAX 4000 /* bytes of one typed value */

typedef struct entry_cell {
  int editable, pair, area; /* area: the input is the unit's own part of an area total */
  int counted;              /* the unit's records make the value: shown computed, linked to them */
  const char *stale;        /* counted: the value typed before the records came ("" none) */
  int clear;                /* counted: the user asked to drop that stale value */
  const data_ref *ref[2];
  const char *val[2];       /* current or submitted text, pool-owned */
  const char *err;          /* message next to the field */
} entry_cell;

typedef struct entry {
  const form *f;
  const catalog *cat;
  const char *form_code, *period_id, *unit;
  period p;
  int pos, level, can_write;
  char unit_name[256];
  entry_cell *cells;
  rtable t;       /* the computed row (headers too) */
  rtable checks;  /* the annex over the unit's area: its rule errors and warnings */
  int row;        /* index of the unit's row in t, -1 if none */
  const char *top_err;
  const char *locked; /* why the values cannot change (an approval), or NULL */
  const char *imported, *import_err; /* the result of an XLSX import */
} entry;


/* which cells take input: the rule of form_inputs_at (core/form.c), shared
 * with the XLSX and the imports; at_unit 0: the form's rule alone */
static void plan_cells(ctx *c, entry *en, int at_unit) {
  en->cells = xcalloc((size_t)en->f->ncols + 1, sizeof(entry_cell));
  form_input *in = xcalloc((size_t)en->f->ncols + 1, sizeof *in);
  if (at_unit) {
    app_read_begin(c->a);
    app_form_inputs(c->a, en->f, &en->p, en->pos, in);
    app_read_end(c->a);
  } else {
    form_inputs(en->f, in);
  }
  for (int i = 0; i < en->f->ncols; i++) {
    const form_col *col = &en->f->cols[i];
    entry_cell *x = &en->cells[i];
    if (col->kind != BIND_DATA && col->kind != BIND_PAIR) continue;
    x->ref[0] = &col->a;
    x->pair = in[i].pair;
    if (x->pair) x->ref[1] = &col->b;
    x->editable = in[i].editable;
    x->counted = in[i].counted;
    x->area = in[i].area;
  }
  free(in);
}

int entry_has_inputs(const catalog *cat, const form *f) {
  if (f->rows == ROWS_LIST) return 0;
  entry en;
  memset(&en, 0, sizeof en);
  en.cat = cat;
  en.f = f;
  plan_cells(NULL, &en, 0);
  int any = 0;
  for (int i = 0; i < f->ncols; i++) any |= en.cells[i].editable;
  free(en.cells);
  return any;
}

static void entry_release(entry *en) {
  free(en->cells);
  rtable_release(&en->t);
  rtable_release(&en->checks);
}

/* an approval of this annex for the unit, or of an annex sharing one of its
 * cells for a unit above, locks the values: say so before anyone types */
static void lock_check(ctx *c, entry *en) {
  submission s;
  dv_err e = {0};
  if (app_submission_get(c->a, &c->u, en->f->code, en->period_id, en->unit, &s, &e) == 0 &&
      !strcmp(s.status, "approved")) {
    char day[11] = "";
    int d = day_in_vn_of(s.decided_at);
    if (d >= 0) date_format_vn(d, day);
    en->locked = c_printf(c, "Đã khóa — phê duyệt%s%s%s%s. Số liệu không sửa được; muốn sửa, đề nghị người phê "
                             "duyệt của cấp trên mở lại báo cáo (ở trang biểu, mục Tình trạng báo cáo).",
                          s.decided_by[0] ? " bởi " : "", s.decided_by, day[0] ? " ngày " : "", day);
    return;
  }
  char fcode[32], pid[8], flabel[32], plabel[64];
  int upos = -1, found = 0;
  const tree *t = app_read_begin(c->a);
  for (int i = 0; i < en->f->ncols && !found; i++) {
    const entry_cell *x = &en->cells[i];
    for (int k = 0; x->ref[0] && k < 1 + x->pair && !found; k++)
      found = app_value_lock_of(c->a, x->ref[k]->element, en->period_id, en->pos, fcode, pid, &upos);
  }
  const char *uname = found && upos >= 0 ? c_strdup(c, t->u[upos].name) : "đơn vị cấp trên";
  app_read_end(c->a);
  period lp;
  if (!found || period_parse(pid, &lp)) return;
  form_label(fcode, flabel, sizeof flabel);
  period_label_vn(&lp, plabel, sizeof plabel);
  en->locked = c_printf(c, "Đã khóa — %s, %s của %s (gồm số liệu của đơn vị này) đã được phê duyệt. Muốn sửa, đề "
                           "nghị người phê duyệt cấp trên mở lại báo cáo đó.",
                        flabel, plabel, uname);
}

/* loads form, period, unit and the computed row; 0 or an HTTP status with
 * the page already written */
static int entry_load(ctx *c, entry *en) {
  memset(en, 0, sizeof *en);
  en->row = -1;
  en->cat = app_catalog(c->a);
  en->f = form_arg_or_400(c, &en->form_code);
  if (!en->f) return 400;
  if (en->f->rows == ROWS_LIST) {
    reply_html_error(c, 400, "Biểu này không nhập số", "Biểu này là danh mục văn bản, lấy từ sổ văn bản.");
    return 400;
  }
  en->period_id = period_arg_or_400(c, &en->p);
  if (!en->period_id) return 400;
  en->unit = unit_arg(c);
  /* the unit of the code on the period's tree (its last day): a code reused
   * by the 2025 reform names another unit before and after it */
  dv_err e = {0};
  const tree *t = app_read_begin(c->a);
  int up = user_pos(t, &c->u);
  int rc = app_unit_resolve(c->a, en->unit, app_period_day(c->a, &en->p), &en->pos, &e);
  int visible = !rc && up >= 0 && tree_in_subtree(t, up, en->pos);
  dv_err why = {0};
  if (!rc && !visible) app_unit_forbidden(c->a, &c->u, en->unit, en->pos, app_period_day(c->a, &en->p), &why);
  if (visible) {
    en->level = t->u[en->pos].level;
    snprintf(en->unit_name, sizeof en->unit_name, "%s", t->u[en->pos].name);
  }
  app_read_end(c->a);
  if (rc) {
    /* unknown, or not a unit in that period: the message says why
     * ("đơn vị 06 không còn từ 01/07/2025 (…)") */
    reply_html_error(c, http_status_of(rc), rc == DV_ENOTFOUND ? "Không tìm thấy" : "Đơn vị không có trong kỳ này",
                     c_printf(c, "Không mở được: %s.", e.msg));
    return http_status_of(rc);
  }
  if (!visible) {
    reply_html_error(c, 403, "Không có quyền truy cập", c_printf(c, "Không mở được: %s.", why.msg));
    return 403;
  }
  en->can_write = app_can_write(c->a, &c->u, en->pos);
  int drill = en->f->rows == ROWS_LEVELS ? en->level : 0;
  rc = app_report(c->a, &c->u, en->f->code, en->unit, en->period_id, drill, &en->t, &e);
  if (rc) {
    reply_html_error(c, http_status_of(rc), "Không mở được biểu", e.msg);
    return http_status_of(rc);
  }
  for (int r = 0; r < en->t.nrows; r++)
    if (en->t.rows[r].unit_pos == en->pos && !en->t.rows[r].is_total) en->row = r;
  if (drill && app_report(c->a, &c->u, en->f->code, en->unit, en->period_id, 0, &en->checks, &e))
    memset(&en->checks, 0, sizeof en->checks);
  plan_cells(c, en, 1);
  lock_check(c, en);
  return 0;
}

/* the annex's problems over the unit's area (rules, entered values against records) */
static const rtable *checks_of(const entry *en) { return en->f->rows == ROWS_LEVELS ? &en->checks : &en->t; }

/* the first editable cell of a rule, for its message at the field */
static entry_cell *rule_cell(entry *en, const form_rule *fr) {
  for (int side = 0; side < 2; side++)
    for (int i = 0; i < en->f->ncols; i++) {
      entry_cell *x = &en->cells[i];
      const data_ref *d = side ? &fr->right : &fr->left;
      for (int k = 0; x->editable && k < 1 + x->pair; k++)
        if (x->ref[k]->element == d->element && x->ref[k]->combo == d->combo) return x;
    }
  return NULL;
}

/* a broken error rule of the saved values, at its field */
static void rule_errors_at_fields(ctx *c, entry *en) {
  for (int i = 0; i < en->f->nrules; i++) {
    const form_rule *fr = &en->f->rules[i];
    char msg[600];
    entry_cell *x = fr->error ? rule_cell(en, fr) : NULL;
    if (x && !x->err && app_rule_broken(c->a, fr, &en->p, en->pos, msg, sizeof msg))
      x->err = c_printf(c, "Lỗi: %s", msg);
  }
}

static const char *own_value(ctx *c, const entry *en, const data_ref *r) {
  char out[VALUE_MAX + 1];
  app_value_get(c->a, &c->u, en->cat->elements[r->element].code, en->cat->combos[r->combo], en->period_id, en->unit,
                out, sizeof out);
  return c_strdup(c, out);
}

/* the typed values, and where records now count, a value typed before them */
static void load_current_values(ctx *c, entry *en) {
  for (int i = 0; i < en->f->ncols; i++) {
    entry_cell *x = &en->cells[i];
    for (int k = 0; x->editable && k < 1 + x->pair; k++) x->val[k] = own_value(c, en, x->ref[k]);
    if (x->counted && !x->pair) x->stale = own_value(c, en, x->ref[0]);
  }
}

/* --- checking typed values -------------------------------------------------- */

/* normalises a typed value in place; NULL or a Vietnamese message */
static const char *check_value(const data_element *el, char *s) {
  char *start = s;
  while (*start == ' ') start++;
  memmove(s, start, strlen(start) + 1);
  size_t n = strlen(s);
  while (n && s[n - 1] == ' ') s[--n] = 0;
  if (!*s) return NULL;
  if (n > VALUE_MAX) return "Quá dài.";
  switch (el->type) {
  case VT_INTEGER:
    value_drop_thousand_dots(s);
    return value_all_digits(s) && strlen(s) <= 12 ? NULL : "Phải là số nguyên không âm, ví dụ 1.865.";
  case VT_COUNT_NOTE: {
    char tmp[VALUE_MAX + 1];
    snprintf(tmp, sizeof tmp, "%s", s);
    value_drop_thousand_dots(tmp);
    if (value_all_digits(tmp)) snprintf(s, n + 1, "%s", tmp);
    return NULL; /* a number or a short note */
  }
  case VT_NUMBER:
  case VT_PERCENT: {
    if (strchr(s, ',')) {
      value_drop_thousand_dots(s);
      for (char *p = s; *p; p++)
        if (*p == ',') *p = '.';
    }
    char *end;
    double v = strtod(s, &end);
    if (*end || !isfinite(v)) return "Phải là một số, ví dụ 12,5.";
    if (el->type == VT_PERCENT && (v < 0 || v > 100)) return "Tỷ lệ phải từ 0 đến 100.";
    return NULL;
  }
  case VT_YESNO:
    if (!strcmp(s, "có") || !strcmp(s, "không") || !strcmp(s, "yes") || !strcmp(s, "no")) return NULL;
    return "Chỉ nhận \"có\" hoặc \"không\".";
  case VT_TEXT: return NULL;
  }
  return NULL;
}

/* reads the submitted fields into the cells; the number of errors */
static int read_submitted(ctx *c, entry *en) {
  int errors = 0;
  for (int i = 0; i < en->f->ncols; i++) {
    entry_cell *x = &en->cells[i];
    const char *clear = field(c, c_printf(c, "clear_v%d", i));
    x->clear = x->counted && !x->pair && clear && !strcmp(clear, "1");
    if (!x->editable) continue;
    for (int k = 0; k < 1 + x->pair; k++) {
      char name[24];
      snprintf(name, sizeof name, k ? "v%db" : "v%d", i);
      const char *raw = field(c, name);
      char *v = c_strdup(c, raw ? raw : "");
      const char *err = strlen(v) > VALUE_MAX ? "Quá dài." : check_value(&en->cat->elements[x->ref[k]->element], v);
      x->val[k] = v;
      if (err && !x->err) {
        x->err = err;
        errors++;
      }
    }
  }
  return errors;
}

/* the app names a failing value by element (and option): find its cell;
 * 1 if it is shown there */
static int place_app_error(ctx *c, entry *en, const dv_err *e) {
  for (int i = 0; i < en->f->ncols; i++) {
    entry_cell *x = &en->cells[i];
    if (!x->editable) continue;
    for (int k = 0; k < 1 + x->pair; k++) {
      const data_element *el = &en->cat->elements[x->ref[k]->element];
      char both[160];
      snprintf(both, sizeof both, "%s.%s", el->code, en->cat->combos[x->ref[k]->combo]);
      size_t n = strlen(el->code);
      int named = strcmp(e->field, both) == 0 ||
                  (strncmp(e->msg, el->code, n) == 0 && e->msg[n] == ':' && x->val[k] && *x->val[k]);
      if (named) {
        x->err = c_strdup(c, e->msg); /* e is the caller's, gone before the page is written */
        return 1;
      }
    }
  }
  return 0;
}

/* --- the grid ----------------------------------------------------------------- */

static const char *col_label(ctx *c, const rtable *t, int i) {
  buf b;
  buf_init(&b, 4096);
  for (int d = 0; d < t->depth[i]; d++) {
    if (d) buf_adds(&b, " › ");
    buf_adds(&b, t->paths[i][d]);
  }
  const char *s = c_strdup(c, b.s);
  buf_release(&b);
  return s;
}

static void computed_value(buf *b, const entry *en, int i) {
  if (en->row < 0) return;
  const rcell *x = &en->t.rows[en->row].cells[i];
  if (x->kind == CELL_NUM) h_num(b, x->num);
  else if (x->kind == CELL_TEXT) h_text(b, x->text);
}

static void input_for(ctx *c, const entry *en, int i, int k, const char *label) {
  buf *b = &c->out;
  const entry_cell *x = &en->cells[i];
  const data_element *el = &en->cat->elements[x->ref[k]->element];
  char id[24], eid[24];
  snprintf(id, sizeof id, k ? "v%db" : "v%d", i);
  snprintf(eid, sizeof eid, "e-v%d", i);
  const char *aria = x->pair ? c_printf(c, "%s (%s)", label, k ? "số sau dấu /" : "số trước dấu /") : label;
  if (el->type == VT_TEXT) {
    h_open(b, "textarea", "id", id, "name", id, "rows", "4", "aria-label", aria, "aria-invalid",
           x->err ? "true" : NULL, "aria-describedby", x->err ? eid : NULL, NULL);
    h_text(b, x->val[k]);
    h_close(b, "textarea");
    return;
  }
  const char *mode = el->type == VT_INTEGER ? "numeric" : el->type == VT_COUNT_NOTE ? NULL : "decimal";
  h_open(b, "input", "id", id, "name", id, "type", "text", "inputmode", mode, "value", x->val[k], "aria-label", aria,
         "autocomplete", "off", "class", el->type == VT_COUNT_NOTE ? "note" : "n", "aria-invalid",
         x->err ? "true" : NULL, "aria-describedby", x->err ? eid : NULL, NULL);
}

/* a value the unit's records make: its count, linked to those records */
static void counted_cell(ctx *c, const entry *en, int i, const char *col) {
  buf *b = &c->out;
  const entry_cell *x = &en->cells[i];
  const char *url = drill_records_url(c, x->ref[0]->element, x->ref[0]->combo, en->unit, en->period_id, en->level);
  h_open(b, "td", "class", "computed fed", "data-col", col, "title", "Đếm từ sổ theo dõi: bấm để xem các bản ghi",
         NULL);
  if (url) h_open(b, "a", "href", url, NULL);
  computed_value(b, en, i);
  if (url) h_close(b, "a");
  if (x->stale && *x->stale && en->can_write && !en->locked) { /* the annex warns about it until it goes */
    const char *id = c_printf(c, "clear-v%d", i);
    h_lit(b, "<span class=\"area\">Số nhập tay cũ ");
    h_text(b, x->stale);
    h_lit(b, " không được dùng. ");
    h_open(b, "input", "type", "checkbox", "id", id, "name", c_printf(c, "clear_v%d", i), "value", "1", NULL);
    h_open(b, "label", "for", id, NULL);
    h_lit(b, "Bỏ số này</label></span>");
  }
  h_close(b, "td");
}

static void grid_cell(ctx *c, const entry *en, int i) {
  buf *b = &c->out;
  const entry_cell *x = &en->cells[i];
  const char *col = c_printf(c, "%d", i);
  if (x->counted) {
    counted_cell(c, en, i, col);
    return;
  }
  if (!x->editable) {
    h_open(b, "td", "class", "computed", "data-col", col, "title", "Tính tự động", NULL);
    computed_value(b, en, i);
    h_close(b, "td");
    return;
  }
  if (!en->can_write || en->locked) { /* a read-only view: the values, no field */
    h_open(b, "td", "class", "ro", "data-col", col, NULL);
    computed_value(b, en, i);
    h_close(b, "td");
    return;
  }
  const char *label = col_label(c, &en->t, i);
  h_open(b, "td", "class", x->err ? "input has-err" : "input", "data-col", col, NULL);
  input_for(c, en, i, 0, label);
  if (x->pair) {
    h_lit(b, "<span class=\"slash\" aria-hidden=\"true\">/</span>");
    input_for(c, en, i, 1, label);
  }
  if (x->area && en->row >= 0 && en->t.rows[en->row].cells[i].kind != CELL_NULL) {
    h_lit(b, "<span class=\"area\">Cả địa bàn: ");
    computed_value(b, en, i);
    h_lit(b, "</span>");
  }
  char eid[24];
  snprintf(eid, sizeof eid, "e-v%d", i);
  h_error_for(b, eid, x->err);
  h_close(b, "td");
}

static void error_summary(ctx *c, const entry *en) {
  buf *b = &c->out;
  int any = en->top_err != NULL;
  for (int i = 0; i < en->f->ncols; i++) any |= en->cells[i].err != NULL;
  if (!any) return;
  h_lit(b, "<div class=\"alert\" role=\"alert\" tabindex=\"-1\" id=\"errors\"><p>Chưa lưu: hãy sửa các ô sau.</p><ul>");
  if (en->top_err) h_tag(b, "li", en->top_err);
  for (int i = 0; i < en->f->ncols; i++) {
    if (!en->cells[i].err) continue;
    char href[24];
    snprintf(href, sizeof href, "#v%d", i);
    h_lit(b, "<li>");
    h_link(b, href, col_label(c, &en->t, i));
    h_lit(b, ": ");
    h_text(b, en->cells[i].err);
    h_lit(b, "</li>");
  }
  h_lit(b, "</ul></div>");
}

/* the workbook of this grid: the annex of the unit (a by-level annex drilled
 * to the unit's own level, as the grid shows it) */
static const char *xlsx_url(ctx *c, const entry *en) {
  char lv[8];
  snprintf(lv, sizeof lv, "%d", en->level);
  return c_url(c, "/report", "form", en->f->code, "period", en->period_id, "unit", en->unit, "level",
               en->f->rows == ROWS_LEVELS ? lv : NULL, "format", "xlsx", NULL);
}

static void import_form(ctx *c, const entry *en) {
  buf *b = &c->out;
  h_lit(b, "<section class=\"xlsx-import\" aria-labelledby=\"xlsx-h\"><h2 id=\"xlsx-h\">Nhập từ tệp XLSX</h2><p>");
  h_link(b, xlsx_url(c, en), "Tải biểu XLSX");
  h_lit(b, ", điền số liệu của đơn vị vào các ô để mở (chọn ô sẽ thấy lời nhắc «Ô nhập số liệu»; các ô khác được tính "
           "tự động và bị khóa), rồi nhập lại tệp ở đây. "
           "Tệp của biểu theo từng đơn vị cấp dưới (ở trang biểu tổng hợp) cũng nhập được ở đây. Chỉ các ô đã thay "
           "đổi được ghi; một ô sai thì không ghi ô nào.</p>");
  h_open(b, "form", "method", "post", "action", "/entry/import", "enctype", "multipart/form-data", "class",
         "stack upload", NULL);
  h_csrf(c);
  h_hidden(b, "form", en->f->code);
  h_hidden(b, "period", en->period_id);
  h_hidden(b, "unit", en->unit);
  h_lit(b, "<div class=\"field\"><label for=\"f-xlsx\">Tệp XLSX</label>");
  h_open(b, "input", "type", "file", "id", "f-xlsx", "name", "file", "required", "", "accept",
         ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", NULL);
  h_lit(b, "</div><p class=\"buttons\"><button type=\"submit\">Nhập tệp</button></p></form></section>");
}

static void entry_page(ctx *c, entry *en) {
  buf *b = &c->out;
  char flabel[32], plabel[64];
  form_label(en->f->code, flabel, sizeof flabel);
  period_label_vn(&en->p, plabel, sizeof plabel);
  page_begin(c, c_printf(c, "Nhập %s · %s", flabel, en->unit_name));
  h_print_head(c, en->unit, en->period_id);
  h_lit(b, "<header class=\"annex-head\"><p class=\"kicker\">");
  h_text(b, en->can_write && !en->locked ? "Nhập số liệu" : "Số liệu đã nhập (chỉ xem)");
  h_lit(b, " · ");
  h_text(b, flabel);
  h_lit(b, "</p><h1 id=\"annex-title\">");
  h_text(b, en->t.title);
  h_lit(b, " ");
  h_text(b, plabel);
  h_lit(b, "</h1><p class=\"sub\">");
  h_text(b, en->unit_name);
  h_lit(b, "</p></header>");

  h_lit(b, "<form method=\"get\" action=\"/entry\" class=\"filters\"><div class=\"field\">");
  h_form_select(c, "form", en->f->code);
  h_lit(b, "</div><div class=\"field\">");
  h_period_select(c, "period", en->period_id, 0);
  h_lit(b, "</div><div class=\"field\">");
  h_unit_select(c, "unit", "Đơn vị", en->unit, NULL, en->period_id);
  h_lit(b, "</div><div class=\"field actions\"><button type=\"submit\">Mở</button></div></form>");

  if (en->imported) {
    h_lit(b, "<p class=\"ok\" role=\"status\" id=\"import-result\">");
    h_text(b, en->imported);
    h_lit(b, "</p>");
  }
  if (en->import_err) {
    h_lit(b, "<div class=\"alert\" role=\"alert\" tabindex=\"-1\" id=\"import-error\"><p><strong>Không nhập được tệp "
             "XLSX; chưa ghi ô nào.</strong> ");
    h_text(b, en->import_err);
    h_lit(b, "</p></div>");
  }
  error_summary(c, en);
  h_lit(b, "<p class=\"hint\">Chỉ nhập số liệu của chính đơn vị. Ô xám được tính tự động (tổng, công thức, "
           "theo cấp) hoặc đếm từ sổ theo dõi (bấm vào số để xem các bản ghi) và không nhập tay. Để trống nghĩa là "
           "chưa có số liệu; 0 là có số liệu bằng 0.</p>");
  if (en->locked) {
    h_lit(b, "<div class=\"locked-banner\" role=\"status\" id=\"locked\"><p>");
    h_text(b, en->locked);
    h_lit(b, "</p><p>");
    h_link(b, c_printf(c, "%s#submission", c_url(c, "/report", "form", en->f->code, "period", en->period_id, "unit",
                                                 en->unit, NULL)),
           "Xem tình trạng báo cáo");
    h_lit(b, "</p></div>");
  } else if (!en->can_write) {
    h_lit(b, "<p class=\"notice\">Tài khoản của bạn chỉ có quyền xem.</p>");
  }

  h_open(b, "form", "method", "post", "action", "/entry", "class", "entry", NULL);
  h_csrf(c);
  h_hidden(b, "form", en->f->code);
  h_hidden(b, "period", en->period_id);
  h_hidden(b, "unit", en->unit);
  h_lit(b, "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"annex-title\" tabindex=\"0\">"
           "<table class=\"annex grid\">");
  report_write_html_head(b, &en->t);
  h_lit(b, "<tbody><tr><th scope=\"row\">");
  h_text(b, en->row >= 0 ? en->t.rows[en->row].label : en->unit_name);
  h_lit(b, "</th>");
  for (int i = 0; i < en->f->ncols; i++) grid_cell(c, en, i);
  h_lit(b, "</tr></tbody></table></div>");
  if (en->can_write && !en->locked)
    h_lit(b, "<p class=\"buttons\"><button type=\"submit\" class=\"primary\">Lưu số liệu</button> ");
  else h_lit(b, "<p class=\"buttons\">");
  h_link(b, c_url(c, "/report", "form", en->f->code, "period", en->period_id, "unit", en->unit, NULL), "Xem biểu tổng hợp");
  h_lit(b, "</p></form>");
  h_rule_problems(c, checks_of(en));
  if (en->can_write && !en->locked) import_form(c, en);
  page_end(c);
  page_send(c);
}

void page_entry(ctx *c) {
  entry en;
  if (entry_load(c, &en)) {
    entry_release(&en);
    return;
  }
  load_current_values(c, &en);
  rule_errors_at_fields(c, &en);
  entry_page(c, &en);
  entry_release(&en);
}

/* entry_load for a change: 0, or the page (an error, 403 for a reader) written */
static int entry_load_writable(ctx *c, entry *en) {
  int rc = entry_load(c, en);
  if (!rc && !en->can_write) {
    reply_html_error(c, 403, "Không có quyền nhập", "Tài khoản của bạn chỉ có quyền xem số liệu của đơn vị này.");
    rc = 403;
  }
  if (rc) entry_release(en);
  return rc;
}

void page_entry_post(ctx *c) {
  entry en;
  if (entry_load_writable(c, &en)) return;
  int errors = read_submitted(c, &en);
  if (!errors) {
    int n = 0;
    value_in *v = c_alloc(c, sizeof(value_in) * (size_t)(2 * en.f->ncols + 1));
    for (int i = 0; i < en.f->ncols; i++) {
      entry_cell *x = &en.cells[i];
      if (x->clear) v[n++] = (value_in){en.cat->elements[x->ref[0]->element].code, en.cat->combos[x->ref[0]->combo], ""};
      for (int k = 0; x->editable && k < 1 + x->pair; k++)
        v[n++] = (value_in){en.cat->elements[x->ref[k]->element].code, en.cat->combos[x->ref[k]->combo], x->val[k]};
    }
    dv_err e = {0};
    int rc = n ? app_values_put(c->a, &c->u, en.period_id, en.unit, v, n, &e) : 0;
    if (rc == 0) {
      reply_redirect(c, c_url(c, "/report", "form", en.f->code, "period", en.period_id, "unit", en.unit, "saved", "1",
                              NULL));
      entry_release(&en);
      return;
    }
    if (rc == DV_ECONFLICT) en.top_err = c_printf(c, "Không lưu được vì %s.", e.msg);
    else if (!place_app_error(c, &en, &e)) en.top_err = c_strdup(c, e.msg);
    c->status = http_status_of(rc) == 500 ? 500 : rc == DV_ECONFLICT ? 409 : 422;
  } else {
    c->status = 422;
  }
  entry_page(c, &en);
  entry_release(&en);
}

/* the last component of an uploaded file's name ("C:\\fakepath\\a.xlsx" -> "a.xlsx") */
static const char *upload_base(const char *s) {
  const char *p = s;
  for (const char *q = s; *q; q++)
    if (*q == '/' || *q == '\\') p = q + 1;
  return p;
}

void page_entry_import(ctx *c) {
  entry en;
  if (entry_load_writable(c, &en)) return;
  const char *name = c->upload_name ? upload_base(c->upload_name) : "";
  if (!*name || c->upload_extra) {
    en.import_err = c->upload_extra ? "Mỗi lần chỉ nhập một tệp." : "Hãy chọn tệp XLSX để nhập.";
    c->status = 422;
  } else {
    int n = 0;
    dv_err e = {0};
    int rc = app_import_xlsx(c->a, &c->u, name, c->upload.s, c->upload.len, &n, &e);
    if (rc) {
      en.import_err = c_strdup(c, e.msg);
      c->status = rc == DV_EFORBIDDEN ? 403 : rc == DV_ECONFLICT ? 409 : 422;
    } else {
      /* the grid again, with the values just written */
      entry_release(&en);
      if (entry_load(c, &en)) {
        entry_release(&en);
        return;
      }
      en.imported = n ? c_printf(c, "Đã nhập %d ô thay đổi từ tệp %s. Biểu đã tính lại.", n, name)
                      : c_printf(c, "Tệp %s không có ô nào thay đổi so với biểu hiện tại.", name);
    }
  }
  load_current_values(c, &en);
  entry_page(c, &en);
  entry_release(&en);
}
