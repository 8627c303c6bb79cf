/* XLSX: an annex out as a workbook, the same workbook back in (the values a
 * unit filled in offline), and a register list out.
 *
 * Which cells of an annex take a value is one rule for the web entry grid
 * and for the import: form_inputs (core/form.h) for the column, and for
 * the row, a row that shows one unit's own values (the unit's row of a
 * one-row annex, the unit's own level row of a by-level annex, the unit
 * rows of a drill-down). A cell is then open unless the unit's value there
 * is counted from a register (records win), the user may not write the
 * unit, or an approval locks it.
 *
 * The import compares three values of every cell: the sheet's, the one it
 * had when the workbook was downloaded (the hidden sheet "danvan-values")
 * and the annex's now. Only what the user changed (sheet != downloaded) is
 * theirs to write, and only where nobody changed it since (now ==
 * downloaded); a cell changed on both sides to different values refuses
 * the whole file. The downloaded values decide nothing else: a forged one
 * can only skip a cell or refuse the file; every write still goes through
 * plan_value/put_values (validation, lock, one transaction, audit), and a
 * changed cell that is not open is refused with the reason. */
#include "app/app_documents.h"
#include "app/app_internal.h"
#include "export/xlsx_in.h"
#include "export/xlsx_out.h"
#include "util/esc.h"
#include "util/text.h"
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { CELL_OPEN, CELL_COMPUTED, CELL_RECORDS, CELL_FORBIDDEN, CELL_LOCKED } cell_state;

/* why a cell takes no value; "" when it does */
typedef struct cell_rule {
  int pos;        /* the unit whose own value the cell shows, -1 if none */
  int area;       /* the unit's own part of an area total is typed here */
  cell_state state;
  char why[360];
} cell_rule;

#define XLSX_VALUE_MAX 4000 /* bytes of one typed value, as on the entry page */
#define WHY_COMPUTED "ô này được tính tự động (tổng, công thức, theo cấp hoặc cả địa bàn), không nhập tay"

/* the unit whose own values row r shows, or -1 */
static int row_unit(app *a, const form *f, const rtable *t, int r, int drill, int unit) {
  const rrow *row = &t->rows[r];
  if (row->is_total || f->rows == ROWS_LIST) return -1;
  if (drill || f->rows == ROWS_SELF) return row->unit_pos;
  if (row->level == a->t.u[unit].level) return unit; /* the unit alone is on its own level */
  return -1;
}

/* the rule of one open cell beyond form_inputs_at: the user's right and the locks */
static void rule_of_writer(app *a, const user *u, const form_col *col, int pair, const char *pid, cell_rule *x) {
  dv_err le;
  if (!app_can_write(a, u, x->pos)) {
    x->state = CELL_FORBIDDEN;
    snprintf(x->why, sizeof x->why, "không có quyền nhập số liệu cho đơn vị %s", a->t.u[x->pos].code);
  } else if (app_value_locked(a, col->a.element, pid, x->pos, &le) ||
             (pair && app_value_locked(a, col->b.element, pid, x->pos, &le))) {
    x->state = CELL_LOCKED;
    snprintf(x->why, sizeof x->why, "%s", le.msg);
  }
}

/* the rule of every cell of t (nrows * ncols): app_form_inputs for the
 * row's unit, the grid's rule; caller holds a lock */
static cell_rule *cell_rules(app *a, const user *u, const form *f, const rtable *t, int drill, int unit,
                             const period *p) {
  cell_rule *out = xcalloc((size_t)t->nrows * (size_t)t->ncols + 1, sizeof *out);
  form_input *in = xcalloc((size_t)f->ncols + 1, sizeof *in);
  char pid[8];
  period_format(p, pid);
  for (int r = 0; r < t->nrows; r++) {
    int pos = row_unit(a, f, t, r, drill, unit);
    if (pos >= 0) app_form_inputs(a, f, p, pos, in);
    for (int c = 0; c < t->ncols; c++) {
      cell_rule *x = &out[r * t->ncols + c];
      x->pos = pos;
      const form_col *col = c < f->ncols ? &f->cols[c] : NULL;
      if (pos >= 0 && col && in[c].counted && !(drill && in[c].pair)) {
        x->state = CELL_RECORDS;
        snprintf(x->why, sizeof x->why, "số liệu này được đếm từ sổ theo dõi của %s, không nhập tay; hãy sửa trong sổ",
                 a->t.u[pos].name);
        continue;
      }
      /* a drill-down row shows no pairs (report.c): nothing to type there */
      if (pos < 0 || !col || !in[c].editable || (drill && in[c].pair)) {
        x->state = CELL_COMPUTED;
        snprintf(x->why, sizeof x->why, "%s", WHY_COMPUTED);
        continue;
      }
      x->area = in[c].area && !drill;
      rule_of_writer(a, u, col, in[c].pair, pid, x);
    }
  }
  free(in);
  return out;
}

/* --- out ------------------------------------------------------------------------- */

/* A drill-down row shows a unit's own value in every data column (report.c),
 * so a column of the same element and option as an open one repeats it: on
 * the sheet it refers to the open cell, and follows what is typed there. */
static int *mirrors(const form *f, const rtable *t, const unsigned char *open) {
  int *m = xmalloc(sizeof(int) * ((size_t)t->nrows * (size_t)t->ncols + 1));
  for (int r = 0; r < t->nrows; r++)
    for (int c = 0; c < t->ncols; c++) {
      int *x = &m[r * t->ncols + c];
      *x = -1;
      if (open[r * t->ncols + c] || c >= f->ncols || f->cols[c].kind != BIND_DATA) continue;
      for (int k = 0; k < t->ncols && k < f->ncols && *x < 0; k++)
        if (open[r * t->ncols + k] && f->cols[k].kind == BIND_DATA && f->cols[k].a.element == f->cols[c].a.element &&
            f->cols[k].a.combo == f->cols[c].a.combo)
          *x = k;
    }
  return m;
}

int app_report_xlsx(app *a, const user *u, const char *form_code, const char *unit_code, const char *period_id,
                    int drill, buf *out, dv_err *e) {
  const form *f = catalog_form(&a->cat, form_code ? form_code : "");
  if (!f) return dv_fail(e, DV_EINVAL, 0, "form", "không có biểu %s", form_code ? form_code : "");
  period p;
  if (!period_id || period_parse(period_id, &p))
    return dv_fail(e, DV_EINVAL, 0, "period", "kỳ báo cáo không hợp lệ: %s", period_id ? period_id : "");
  if (drill < 0 || drill > TREE_MAX_LEVELS) return dv_fail(e, DV_EINVAL, 0, "level", "cấp không hợp lệ: %d", drill);
  if (f->rows == ROWS_LIST) drill = 0;
  app_refresh(a);
  pthread_rwlock_rdlock(&a->lock);
  int pos, day = app_period_day(a, &p);
  rtable t;
  memset(&t, 0, sizeof t);
  int rc = app_unit_resolve(a, unit_code, day, &pos, e);
  if (!rc) rc = app_report_locked(a, u, f, pos, &p, drill, &t, e);
  unsigned char *open = NULL;
  int *mirror = NULL;
  char lname[96] = "";
  if (!rc) {
    cell_rule *rules = cell_rules(a, u, f, &t, drill, pos, &p);
    size_t n = (size_t)t.nrows * (size_t)t.ncols;
    open = xcalloc(n + 1, 1);
    for (size_t i = 0; i < n; i++) open[i] = rules[i].state == CELL_OPEN;
    if (drill) mirror = mirrors(f, &t, open);
    free(rules);
    const level_name *ln = drill ? &tree_edition_on(&a->t, day)->levels[drill] : NULL;
    if (ln && ln->name) snprintf(lname, sizeof lname, "%s", ln->name);
  }
  pthread_rwlock_unlock(&a->lock);
  char *attached = NULL; /* the annex as printed names the report it goes with */
  report_doc rd;
  dv_err ignore;
  if (!rc && !drill && !app_report_doc_get(a, u, unit_code, period_id, &rd, &ignore)) {
    attached = app_report_attached_line(&rd);
    report_doc_release(&rd);
  }
  if (!rc) {
    char plabel[64], err[300];
    period_label_vn(&p, plabel, sizeof plabel);
    xlsx_annex x = {&t, f, drill, plabel, lname[0] ? lname : NULL, open, mirror, attached};
    if (xlsx_write_annex(&x, out, err, sizeof err)) rc = dv_fail(e, DV_EDB, 0, "", "%s", err);
  }
  free(attached);
  free(open);
  free(mirror);
  rtable_release(&t);
  return rc;
}

/* --- in: reading the sheet ------------------------------------------------------------ */

typedef struct import_job {
  app *a;
  const user *u;
  const char *file, *sheet_name;
  const xlsx_sheet *sheet;
  dv_err *e;
  const xlsx_sheet *downloaded; /* the values as downloaded; NULL for a danvan-annex-1 workbook */
  int version;                  /* of the workbook's format: 1, 2 or 3 */
  xlsx_layout lay;              /* where the writer of that version put the table */
} import_job;

/* an error naming the file, the sheet and the cell */
static int cell_fail(import_job *j, int code, int row, int col, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int cell_fail(import_job *j, int code, int row, int col, const char *fmt, ...) {
  char what[360], cell[16];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(what, sizeof what, fmt, ap);
  va_end(ap);
  xlsx_cell_name(row, col, cell);
  dv_fail(j->e, code, row + 1, cell, "%s: trang tính \"%s\", ô %s: %s", j->file, j->sheet_name, cell, what);
  return code;
}

/* a cell's text, trimmed and NFC (caller frees); NULL for anything but text */
static char *cell_text(const xlsx_cell *x) {
  if (!x || x->kind != XV_TEXT) return NULL;
  char *s = text_nfc(x->text);
  return s ? text_trim(s) : xstrdup("");
}

static int is_blank(const xlsx_cell *x) {
  if (!x || x->kind == XV_BLANK) return 1;
  if (x->kind != XV_TEXT) return 0;
  for (const char *p = x->text; *p; p++)
    if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') return 0;
  return 1;
}

/* bytes of s that hold at most max bytes without cutting a character */
static size_t clip_utf8(const char *s, size_t max) {
  size_t n = strlen(s);
  if (n <= max) return n;
  while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80) max--;
  return max;
}

/* a short quotation of what the cell holds, for messages */
static void cell_show(const xlsx_cell *x, char *out, size_t n) {
  if (is_blank(x)) snprintf(out, n, "ô trống");
  else if (x->kind == XV_NUM) snprintf(out, n, "%.15g", x->num);
  else if (x->kind == XV_BOOL) snprintf(out, n, "%s", x->num ? "TRUE" : "FALSE");
  else {
    char *s = cell_text(x);
    const char *t = s ? s : x->text;
    size_t k = clip_utf8(t, 80);
    snprintf(out, n, "\"%.*s%s\"", (int)k, t, t[k] ? "…" : "");
    free(s);
  }
}

static int text_is(const xlsx_cell *x, const char *want) {
  char *s = cell_text(x);
  int same = s ? !strcmp(s, want) : !*want && is_blank(x);
  if (!s && x && x->kind == XV_NUM) { /* a header "1" typed as a number */
    char num[32];
    snprintf(num, sizeof num, "%.15g", x->num);
    same = !strcmp(num, want);
  }
  free(s);
  return same;
}

/* the sheet "danvan": key in column A, value in column B */
static const char *meta_get(const xlsx_sheet *m, const char *key, int *row) {
  for (int r = 0; r < 32; r++) {
    const xlsx_cell *k = xlsx_cell_get(m, r, 0), *v = xlsx_cell_get(m, r, 1);
    if (k && k->kind == XV_TEXT && !strcmp(k->text, key)) {
      *row = r;
      return v && v->kind == XV_TEXT ? v->text : "";
    }
  }
  *row = -1;
  return NULL;
}

/* the header texts (and column numbers), the row labels, nothing outside
 * the table; the TT numbers are the writer's and not read */
static int check_layout(import_job *j, const rtable *t) {
  const xlsx_layout *l = &j->lay;
  xlsx_head *h;
  int n = xlsx_annex_head(t, l, &h), rows = l->first_row - l->head_row;
  int rc = 0, first = l->first_row, width = l->ncols;
  unsigned char *anchor = xcalloc((size_t)rows * (size_t)width + 1, 1);
  for (int k = 0; !rc && k < n; k++) {
    const xlsx_cell *x = xlsx_cell_get(j->sheet, h[k].row, h[k].col);
    anchor[(h[k].row - l->head_row) * width + h[k].col] = 1;
    if (!text_is(x, h[k].text)) {
      char got[120];
      cell_show(x, got, sizeof got);
      size_t w = clip_utf8(h[k].text, 80);
      rc = cell_fail(j, DV_EINVAL, h[k].row, h[k].col, "tiêu đề cột khác mẫu (%s thay vì \"%.*s%s\"); tệp không theo "
                     "mẫu biểu hiện hành, hãy tải lại biểu", got, (int)w, h[k].text, h[k].text[w] ? "…" : "");
    }
  }
  free(h);
  for (int r = 0; !rc && r < t->nrows; r++) {
    const xlsx_cell *x = xlsx_cell_get(j->sheet, first + r, l->label_col);
    if (!text_is(x, t->rows[r].label)) {
      char got[120];
      cell_show(x, got, sizeof got);
      size_t w = clip_utf8(t->rows[r].label, 80);
      rc = cell_fail(j, DV_EINVAL, first + r, l->label_col, "tên hàng khác mẫu (%s thay vì \"%.*s%s\"); tệp không "
                     "theo mẫu biểu hiện hành, hãy tải lại biểu", got, (int)w, t->rows[r].label,
                     t->rows[r].label[w] ? "…" : "");
    }
  }
  for (int i = 0; !rc && i < j->sheet->ncells; i++) {
    const xlsx_cell *x = &j->sheet->cells[i];
    if (x->row < l->head_row || is_blank(x)) continue; /* the title lines are free */
    if (x->row >= first + t->nrows || x->col >= width)
      rc = cell_fail(j, DV_EINVAL, x->row, x->col, "nằm ngoài bảng số liệu (biểu có %d hàng, %d cột); hãy xóa ô này",
                     t->nrows, width);
    else if (x->row < first && !anchor[(x->row - l->head_row) * width + x->col])
      rc = cell_fail(j, DV_EINVAL, x->row, x->col, "nằm trong ô gộp của tiêu đề, phải để trống");
  }
  free(anchor);
  return rc;
}

/* --- in: the values --------------------------------------------------------------------- */

/* a non-negative integer typed as text ("1865", "1.865"); 0 or -1 */
static int text_count(const char *s, double *v) {
  char tmp[48];
  if (strlen(s) >= sizeof tmp) return -1;
  snprintf(tmp, sizeof tmp, "%s", s);
  value_drop_thousand_dots(tmp);
  if (!value_all_digits(tmp) || strlen(tmp) > 12) return -1;
  *v = strtod(tmp, NULL);
  return 0;
}

/* a number typed as text ("12,5", "12.5", "1.865"); 0 or -1 */
static int text_number(const char *s, double *v) {
  if (!text_count(s, v)) return 0;
  char tmp[64];
  if (!*s || strlen(s) >= sizeof tmp) return -1;
  snprintf(tmp, sizeof tmp, "%s", s);
  for (char *p = tmp; *p; p++)
    if (*p == ',') *p = '.';
  char *end;
  *v = strtod(tmp, &end);
  return *end || !isfinite(*v) ? -1 : 0;
}

/* the sheet's value as a number, if it is one (a number, or a count typed as text) */
static int sheet_number(const xlsx_cell *x, double *v) {
  if (x && x->kind == XV_NUM) {
    *v = x->num;
    return 0;
  }
  char *s = cell_text(x);
  int rc = s ? text_number(s, v) : -1;
  free(s);
  return rc;
}

static int close_to(double a, double b) { return fabs(a - b) <= 1e-9 * (fabs(a) > 1 ? fabs(a) : 1); }

/* 1 if the sheet's cell says what the annex says */
static int unchanged(const xlsx_cell *x, const rcell *c) {
  if (is_blank(x)) return c->kind == CELL_NULL || (c->kind == CELL_TEXT && !c->text[0]);
  if (x->kind == XV_ERROR) return 0;
  if (x->kind == XV_BOOL) return c->kind == CELL_NUM && c->num == x->num;
  double v;
  if (c->kind == CELL_NUM) return !sheet_number(x, &v) && close_to(v, c->num);
  if (c->kind == CELL_TEXT) {
    char *s = cell_text(x);
    int same = s && !strcmp(s, c->text);
    free(s);
    return same;
  }
  return 0;
}

static void num_text(double v, char *out, size_t n) {
  if (v == floor(v) && fabs(v) < 1e15) snprintf(out, n, "%.0f", v);
  else snprintf(out, n, "%.15g", v);
}

/* 1 if the sheet's cell x holds what the cell held when the workbook was
 * downloaded (d, from the values sheet; NULL = blank). The export writes d
 * as a number, a text or nothing; anything else matches nothing. */
static int as_downloaded(const xlsx_cell *x, const xlsx_cell *d) {
  if (is_blank(d)) return is_blank(x);
  if (is_blank(x)) return 0;
  double v;
  if (d->kind == XV_NUM) return !sheet_number(x, &v) && close_to(v, d->num);
  if (d->kind != XV_TEXT) return 0;
  char *a = cell_text(x), *b = cell_text(d);
  int same = a && b && !strcmp(a, b);
  free(a), free(b);
  return same;
}

/* the annex's value for messages: 12, "ghi chú" or "ô trống" */
static void rcell_show(const rcell *c, char *out, size_t n) {
  if (c->kind == CELL_NUM) num_text(c->num, out, n);
  else if (c->kind == CELL_TEXT && c->text[0])
    snprintf(out, n, "\"%.*s%s\"", (int)clip_utf8(c->text, 60), c->text, c->text[clip_utf8(c->text, 60)] ? "…" : "");
  else snprintf(out, n, "ô trống");
}

/* a shown value cut to about max bytes (a whole character, "…" added), so
 * that three fit in one message */
static void shorten(char *s, size_t max) {
  size_t k = clip_utf8(s, max);
  if (!s[k]) return;
  snprintf(s + k, 8, "%s", s[0] == '"' ? "…\"" : "…");
}

/* the sheet's value as the text plan_value takes for element el; 0, or -1
 * with why */
static int raw_value(const data_element *el, const xlsx_cell *x, char **out, char *why, size_t wn) {
  *out = NULL;
  if (is_blank(x)) {
    *out = xstrdup("");
    return 0;
  }
  char shown[120], num[48];
  cell_show(x, shown, sizeof shown);
  if (x->kind == XV_ERROR) return snprintf(why, wn, "ô có lỗi công thức (%s)", x->text), -1;
  int integer = el->type == VT_INTEGER || el->type == VT_COUNT_NOTE;
  if (x->kind == XV_BOOL) {
    if (el->type != VT_YESNO) return snprintf(why, wn, "giá trị đúng/sai %s không dùng được ở ô này", shown), -1;
    *out = xstrdup(x->num ? "yes" : "no");
    return 0;
  }
  if (x->kind == XV_NUM) {
    if (integer && (x->num < 0 || x->num != floor(x->num) || x->num >= 1e12))
      return snprintf(why, wn, "%s không phải số nguyên không âm", shown), -1;
    if (el->type == VT_YESNO) {
      if (x->num != 0 && x->num != 1) return snprintf(why, wn, "chỉ nhận \"có\" hoặc \"không\", không phải %s", shown), -1;
      *out = xstrdup(x->num ? "yes" : "no");
      return 0;
    }
    num_text(x->num, num, sizeof num);
    *out = xstrdup(num);
    return 0;
  }
  char *s = cell_text(x);
  double v;
  int rc = 0;
  if (strlen(s) > XLSX_VALUE_MAX) {
    free(s);
    return snprintf(why, wn, "quá dài (tối đa %d byte, như ở trang nhập liệu)", XLSX_VALUE_MAX), -1;
  }
  switch (el->type) {
  case VT_INTEGER:
    if (text_count(s, &v)) rc = -1, snprintf(why, wn, "có chữ %s trong ô số (cần số nguyên không âm)", shown);
    else num_text(v, num, sizeof num), *out = xstrdup(num);
    break;
  case VT_COUNT_NOTE: /* a count, or a note in its place */
    if (!text_count(s, &v)) num_text(v, num, sizeof num), *out = xstrdup(num);
    else *out = xstrdup(s);
    break;
  case VT_NUMBER:
  case VT_PERCENT:
    if (text_number(s, &v)) rc = -1, snprintf(why, wn, "có chữ %s trong ô số", shown);
    else num_text(v, num, sizeof num), *out = xstrdup(num);
    break;
  case VT_YESNO:
    if (!strcmp(s, "có") || !strcmp(s, "yes")) *out = xstrdup("yes");
    else if (!strcmp(s, "không") || !strcmp(s, "no")) *out = xstrdup("no");
    else rc = -1, snprintf(why, wn, "chỉ nhận \"có\" hoặc \"không\", không phải %s", shown);
    break;
  case VT_TEXT: *out = xstrdup(s); break;
  }
  free(s);
  return rc;
}

/* "3/5" -> 3 and 5 (each a count, "" = blank); 0 or -1 */
static int split_pair(const xlsx_cell *x, char *a, char *b, size_t n) {
  a[0] = b[0] = 0;
  if (is_blank(x)) return 0;
  char *s = cell_text(x);
  char *slash = s ? strchr(s, '/') : NULL;
  int rc = -1;
  if (slash) {
    *slash = 0;
    char *l = text_trim(s), *r = text_trim(slash + 1);
    double va, vb;
    if (!text_count(l, &va) && !text_count(r, &vb)) {
      num_text(va, a, n);
      num_text(vb, b, n);
      rc = 0;
    }
  }
  free(s);
  return rc;
}

/* the pieces of "a/b" as shown in the annex (a blank half shows 0) */
static void shown_pair(const rcell *c, char *a, char *b, size_t n) {
  a[0] = b[0] = 0;
  if (c->kind != CELL_TEXT) return;
  const char *slash = strchr(c->text, '/');
  if (!slash) return;
  snprintf(a, n, "%.*s", (int)(slash - c->text), c->text);
  snprintf(b, n, "%s", slash + 1);
}

typedef struct changes {
  value_plan *v;
  char **periods;
  int *row, *col; /* the sheet cell of each value */
  int n, cap, cells;
} changes;

static int add_change(import_job *j, changes *ch, const data_ref *d, int pos, const char *raw, const char *period_id,
                      int row, int col) {
  if (ch->n == ch->cap) {
    ch->cap = ch->cap ? ch->cap * 2 : 64;
    ch->v = xrealloc(ch->v, sizeof *ch->v * (size_t)ch->cap);
    ch->periods = xrealloc(ch->periods, sizeof(char *) * (size_t)ch->cap);
    ch->row = xrealloc(ch->row, sizeof(int) * (size_t)ch->cap);
    ch->col = xrealloc(ch->col, sizeof(int) * (size_t)ch->cap);
  }
  app *a = j->a;
  value_plan *vp = &ch->v[ch->n];
  memset(vp, 0, sizeof *vp);
  dv_err sub;
  period p;
  int day = period_parse(period_id, &p) ? 0 : app_period_day(a, &p);
  if (plan_value(a, j->u, a->cat.elements[d->element].code, a->cat.combos[d->combo], a->t.u[pos].code, day, raw,
                 ch->n + 1, vp, &sub)) {
    free(vp->text);
    return cell_fail(j, sub.code, row, col, "%s", sub.msg);
  }
  vp->line = ch->n + 1;
  ch->periods[ch->n] = (char *)period_id;
  ch->row[ch->n] = row, ch->col[ch->n] = col;
  ch->n++;
  return 0;
}

/* an area total typed on the unit's one-row annex: the unit's own part is
 * the new total less what the units below it have (which stays) */
static int area_part(import_job *j, const data_ref *d, int pos, const period *p, const rcell *now, char **raw, int row,
                     int col) {
  double total_now = now->kind == CELL_NUM ? now->num : NAN, v;
  double own = cube_unit_value(cube_get(&j->a->c, cube_key(d->element, d->combo, period_key(p))), pos);
  double rest = isnan(total_now) ? NAN : isnan(own) ? total_now : total_now - own;
  char num[48];
  if (!**raw) {
    if (!isnan(rest))
      return cell_fail(j, DV_EINVAL, row, col, "ô là tổng cả địa bàn, các đơn vị cấp dưới đã có %.15g: không để trống "
                       "được", rest);
    return 0;
  }
  if (text_number(*raw, &v)) {
    if (!isnan(rest)) return cell_fail(j, DV_EINVAL, row, col, "ô là tổng cả địa bàn, cần một số");
    return 0; /* a note in place of the count, the unit's own */
  }
  double part = isnan(rest) ? v : v - rest;
  if (part < 0)
    return cell_fail(j, DV_EINVAL, row, col, "ô là tổng cả địa bàn: không được nhỏ hơn phần của các đơn vị cấp dưới "
                     "(%.15g)", rest);
  num_text(part, num, sizeof num);
  free(*raw);
  *raw = xstrdup(num);
  return 0;
}

/* one changed cell: its value(s) into ch */
static int take_cell(import_job *j, changes *ch, const form *f, int c, const cell_rule *rule, const xlsx_cell *x,
                     const rcell *now, const period *p, const char *period_id, int row, int col) {
  const form_col *fc = &f->cols[c];
  app *a = j->a;
  char why[300];
  if (fc->kind == BIND_PAIR) {
    char na[32], nb[32], oa[32], ob[32];
    if (split_pair(x, na, nb, sizeof na)) {
      char shown[120];
      cell_show(x, shown, sizeof shown);
      return cell_fail(j, DV_EINVAL, row, col, "cần hai số nguyên dạng a/b (ví dụ 3/120), không phải %s", shown);
    }
    shown_pair(now, oa, ob, sizeof oa);
    int blank = !na[0];
    if ((blank || strcmp(na, oa)) && add_change(j, ch, &fc->a, rule->pos, na, period_id, row, col)) return -1;
    if ((blank || strcmp(nb, ob)) && add_change(j, ch, &fc->b, rule->pos, nb, period_id, row, col)) return -1;
    return 0;
  }
  char *raw;
  if (raw_value(&a->cat.elements[fc->a.element], x, &raw, why, sizeof why)) return cell_fail(j, DV_EINVAL, row, col, "%s", why);
  int rc = rule->area ? area_part(j, &fc->a, rule->pos, p, now, &raw, row, col) : 0;
  if (!rc) rc = add_change(j, ch, &fc->a, rule->pos, raw, period_id, row, col);
  free(raw);
  return rc;
}

/* the sheet's number at the annex's row r, column c: 0 (NaN for blank), or -1
 * when it holds something else */
static int sheet_num_at(const import_job *j, int r, int c, double *v) {
  const xlsx_cell *x = xlsx_cell_get(j->sheet, j->lay.first_row + r, j->lay.first_col + c);
  *v = NAN;
  if (is_blank(x)) return 0;
  return sheet_number(x, v);
}

/* A computed cell whose formula a program dropped (values pasted, another
 * spreadsheet) still agrees with the cells it is computed from on the sheet:
 * a sum column with its row's summed cells, a total with the rows above it,
 * a repeated cell of a drill-down with the typed one. Then it is no change. */
static int sheet_consistent(const import_job *j, const form *f, const rtable *t, const cell_rule *rules, int drill,
                            int r, int c) {
  if (c >= f->ncols) return 0;
  const form_col *fc = &f->cols[c];
  double want = NAN, v, got;
  if (sheet_num_at(j, r, c, &got)) return 0;
  if (fc->kind == BIND_SUM) {
    for (int k = 0; k < fc->nsum; k++) {
      if (sheet_num_at(j, r, fc->sum[k], &v)) return 0;
      if (!isnan(v)) want = isnan(want) ? v : want + v;
    }
  } else if (t->rows[r].is_total && fc->kind == BIND_DATA) {
    for (int k = 0; k < r; k++) {
      if (t->rows[k].is_total) continue;
      if (sheet_num_at(j, k, c, &v)) return 0;
      if (!isnan(v)) want = isnan(want) ? v : want + v;
    }
  } else if (drill && fc->kind == BIND_DATA && rules[r * t->ncols + c].pos >= 0) {
    int same = -1;
    for (int k = 0; k < t->ncols && k < f->ncols && same < 0; k++)
      if (rules[r * t->ncols + k].state == CELL_OPEN && f->cols[k].kind == BIND_DATA &&
          f->cols[k].a.element == fc->a.element && f->cols[k].a.combo == fc->a.combo)
        same = k;
    if (same < 0 || sheet_num_at(j, r, same, &want)) return 0;
  } else {
    return 0;
  }
  return isnan(want) ? isnan(got) : !isnan(got) && close_to(want, got);
}

static int collect_changes(import_job *j, const form *f, const rtable *t, const cell_rule *rules, int drill,
                           const period *p, const char *period_id, changes *ch) {
  for (int r = 0; r < t->nrows; r++)
    for (int c = 0; c < t->ncols; c++) {
      int row = j->lay.first_row + r, col = j->lay.first_col + c;
      const xlsx_cell *x = xlsx_cell_get(j->sheet, row, col);
      const cell_rule *rule = &rules[r * t->ncols + c];
      const rcell *now = &t->rows[r].cells[c];
      /* the spreadsheet's own sums of what was typed: computed, not read (an
       * error there comes from a typed cell, which says what is wrong) */
      if (x && x->formula && rule->state != CELL_OPEN) continue;
      if (x && x->kind == XV_ERROR) return cell_fail(j, DV_EINVAL, row, col, "ô có lỗi công thức (%s)", x->text);
      if (unchanged(x, now)) continue; /* nothing to write, whoever changed what */
      /* as downloaded: not the user's change, whatever the cell holds now */
      const xlsx_cell *d = j->downloaded ? xlsx_cell_get(j->downloaded, row, col) : NULL;
      if (j->downloaded && as_downloaded(x, d)) continue;
      if (rule->state == CELL_LOCKED) return cell_fail(j, DV_ECONFLICT, row, col, "%s", rule->why);
      if (rule->state == CELL_FORBIDDEN) return cell_fail(j, DV_EFORBIDDEN, row, col, "%s", rule->why);
      if (rule->state == CELL_COMPUTED && sheet_consistent(j, f, t, rules, drill, r, c)) continue;
      if (rule->state != CELL_OPEN) {
        char was[120];
        rcell_show(now, was, sizeof was);
        return cell_fail(j, DV_EINVAL, row, col, "%s (biểu hiện có %s ở ô này; nếu số liệu vừa thay đổi, hãy tải lại biểu)",
                         rule->why, was);
      }
      /* the user changed it, and so did someone else since the download */
      if (j->downloaded && !unchanged(d, now)) {
        char was[120], then[120], typed[120];
        rcell_show(now, was, sizeof was);
        cell_show(d, then, sizeof then);
        cell_show(x, typed, sizeof typed);
        shorten(was, 48), shorten(then, 48), shorten(typed, 48);
        if (unchanged(NULL, now))
          return cell_fail(j, DV_ECONFLICT, row, col, "số liệu đã bị xóa sau khi tải tệp (lúc tải: %s, trong tệp: %s) — "
                           "hãy tải lại tệp", then, typed);
        return cell_fail(j, DV_ECONFLICT, row, col, "số liệu đã được sửa thành %s sau khi tải tệp (lúc tải: %s, trong "
                         "tệp: %s) — hãy tải lại tệp", was, then, typed);
      }
      int before = ch->n;
      if (take_cell(j, ch, f, c, rule, x, now, p, period_id, row, col)) return -1;
      if (ch->n > before) ch->cells++;
    }
  return 0;
}

static void changes_release(changes *ch) {
  free_plans(ch->v, ch->n);
  free(ch->periods), free(ch->row), free(ch->col);
}

static void audit_xlsx(app *a, const user *u, const char *file, const rtable *t, int level, int cells, dv_err *e) {
  buf b;
  buf_init(&b, 0);
  buf_adds(&b, "{\"file\":");
  esc_json(&b, file);
  buf_adds(&b, ",\"form\":");
  esc_json(&b, t->form);
  buf_adds(&b, ",\"period\":");
  esc_json(&b, t->period);
  buf_adds(&b, ",\"unit\":");
  esc_json(&b, t->unit_code);
  buf_addf(&b, ",\"level\":%d,\"cells\":%d}", level, cells);
  int64_t uid;
  const char *login;
  actor_of(u, &uid, &login);
  store_audit(app_store(a), uid, login, "import.xlsx", "import", 0, NULL, b.s, e);
  buf_release(&b);
}

/* the hidden sheet: which annex this is */
typedef struct meta {
  const form *f;
  period p;
  const char *period_id, *unit, *sheet;
  int level;
  int pos; /* the unit, on the period's tree */
} meta;

static int read_meta(import_job *j, const xlsx_book *b, meta *m) {
  app *a = j->a;
  const xlsx_sheet *ms = xlsx_sheet_find(b, XLSX_META_SHEET);
  j->sheet_name = XLSX_META_SHEET;
  if (!ms)
    return dv_fail(j->e, DV_EINVAL, 0, "", "%s: không có trang tính \"%s\": tệp không phải biểu XLSX do hệ thống xuất "
                   "ra (hãy tải biểu XLSX ở trang biểu tổng hợp rồi điền vào đó)", j->file, XLSX_META_SHEET);
  j->sheet = ms;
  int row;
  const char *fmt = meta_get(ms, "format", &row);
  int v1 = fmt && !strcmp(fmt, XLSX_ANNEX_FORMAT_V1);
  j->version = !fmt ? 0 : v1 ? 1 : !strcmp(fmt, XLSX_ANNEX_FORMAT_V2) ? 2 : !strcmp(fmt, XLSX_ANNEX_FORMAT) ? 3 : 0;
  if (!j->version)
    return cell_fail(j, DV_EINVAL, row < 0 ? 0 : row, 1, "phiên bản tệp không nhận được (cần %s)", XLSX_ANNEX_FORMAT);
  /* a workbook of version 1 kept no values as downloaded: compared with the annex now, as it was then */
  j->downloaded = v1 ? NULL : xlsx_sheet_find(b, XLSX_VALUES_SHEET);
  if (!v1 && !j->downloaded)
    return dv_fail(j->e, DV_EINVAL, 0, "", "%s: không có trang tính \"%s\" (số liệu lúc tải tệp): tệp đã bị sửa ngoài "
                   "các ô nhập liệu; hãy tải lại biểu", j->file, XLSX_VALUES_SHEET);
  const char *fc = meta_get(ms, "form", &row);
  m->f = fc ? catalog_form(&a->cat, fc) : NULL;
  if (!m->f) return cell_fail(j, DV_EINVAL, row < 0 ? 1 : row, 1, "không có biểu \"%s\"", fc ? fc : "");
  if (m->f->rows == ROWS_LIST)
    return cell_fail(j, DV_EINVAL, row, 1, "biểu %s là danh mục lấy từ sổ theo dõi, không nhập từ tệp", m->f->code);
  m->period_id = meta_get(ms, "period", &row);
  if (!m->period_id || period_parse(m->period_id, &m->p))
    return cell_fail(j, DV_EINVAL, row < 0 ? 2 : row, 1, "kỳ báo cáo không hợp lệ");
  m->unit = meta_get(ms, "unit", &row);
  dv_err why;
  if (!m->unit || app_unit_resolve(a, m->unit, app_period_day(a, &m->p), &m->pos, &why))
    return cell_fail(j, DV_EINVAL, row < 0 ? 3 : row, 1, "%s", m->unit ? why.msg : "thiếu mã đơn vị");
  const char *lv = meta_get(ms, "level", &row);
  char *end;
  long l = lv ? strtol(lv, &end, 10) : -1;
  if (!lv || !*lv || *end || l < 0 || l > TREE_MAX_LEVELS)
    return cell_fail(j, DV_EINVAL, row < 0 ? 4 : row, 1, "cấp không hợp lệ");
  m->level = (int)l;
  m->sheet = meta_get(ms, "sheet", &row);
  if (!m->sheet) return cell_fail(j, DV_EINVAL, 5, 1, "thiếu tên trang tính của biểu");
  j->sheet = xlsx_sheet_find(b, m->sheet);
  if (!j->sheet)
    return dv_fail(j->e, DV_EINVAL, 0, "", "%s: không có trang tính \"%s\" (tên trang tính của biểu không được đổi)",
                   j->file, m->sheet);
  j->sheet_name = m->sheet;
  return 0;
}

int app_import_xlsx(app *a, const user *u, const char *file, const void *data, size_t len, int *count, dv_err *e) {
  *count = 0;
  xlsx_book b;
  char err[300];
  if (xlsx_read(&b, data, len, err, sizeof err)) return dv_fail(e, DV_EINVAL, 0, "", "%s: %s", file, err);
  import_job j = {a, u, file, XLSX_META_SHEET, NULL, e, NULL, 0, {0}};
  meta m;
  rtable t;
  memset(&t, 0, sizeof t);
  changes ch;
  memset(&ch, 0, sizeof ch);
  cell_rule *rules = NULL;
  char pid[8];
  app_refresh(a);
  pthread_rwlock_wrlock(&a->lock);
  int rc = read_meta(&j, &b, &m);
  if (!rc) {
    period_format(&m.p, pid);
    rc = app_report_locked(a, u, m.f, m.pos, &m.p, m.level, &t, e);
    if (rc) { /* the annex the file names cannot be shown to this user */
      char msg[sizeof e->msg];
      snprintf(msg, sizeof msg, "%s", e->msg);
      dv_fail(e, rc, 0, e->field, "%s: %s", file, msg);
    }
  }
  if (!rc) {
    xlsx_annex_layout(&t, 1, j.version, &j.lay); /* a list is refused by read_meta */
    rc = check_layout(&j, &t);
  }
  if (!rc) {
    rules = cell_rules(a, u, m.f, &t, m.level, m.pos, &m.p);
    rc = collect_changes(&j, m.f, &t, rules, m.level, &m.p, pid, &ch);
  }
  if (!rc && ch.n) {
    rc = put_values(a, u, ch.v, ch.periods, ch.n, e);
    /* a lock found at the last moment (or a database error): name the cell */
    if (rc && e->line >= 1 && e->line <= ch.n) {
      char msg[sizeof e->msg];
      snprintf(msg, sizeof msg, "%s", e->msg);
      int k = e->line - 1;
      cell_fail(&j, rc, ch.row[k], ch.col[k], "%s", msg);
    }
  }
  if (!rc) {
    audit_xlsx(a, u, file, &t, m.level, ch.cells, e);
    *count = ch.cells;
  }
  pthread_rwlock_unlock(&a->lock);
  free(rules);
  changes_release(&ch);
  rtable_release(&t);
  xlsx_book_release(&b);
  return rc;
}

/* --- a register list out ----------------------------------------------------------------- */

static const char *option_label(const reg_field *f, const char *code) {
  int k = reg_option_index(f, code);
  return k >= 0 ? f->opts[k].label : code;
}

/* a field's value as a reader wants it: labels for codes, unit names */
static char *shown_value(app *a, const reg_def *r, const record *rec, int field) {
  const reg_field *f = &r->fields[field];
  const char *v = rec->values[field];
  if (!v || !*v) return xstrdup("");
  buf b;
  buf_init(&b, 0);
  int pos;
  switch (f->type) {
  case FT_ENUM: buf_adds(&b, option_label(f, v)); break;
  case FT_SET:
    for (const char *s = v; *s;) {
      const char *semi = strchr(s, ';');
      size_t n = semi ? (size_t)(semi - s) : strlen(s);
      char *code = xstrndup(s, n);
      buf_adds(&b, b.len ? "; " : "");
      buf_adds(&b, option_label(f, code));
      free(code);
      s += n + (semi ? 1 : 0);
    }
    break;
  case FT_YESNO: buf_adds(&b, !strcmp(v, "yes") ? "Có" : !strcmp(v, "no") ? "Không" : v); break;
  case FT_UNITREF:
    pos = app_record_unitref_pos(a, r, (const char *const *)rec->values, field);
    buf_adds(&b, pos >= 0 ? a->t.u[pos].name : v);
    break;
  default: buf_adds(&b, v);
  }
  return buf_detach(&b, NULL);
}

static xlsx_col_kind col_kind(const reg_field *f) {
  switch (f->type) {
  case FT_DATE: return XCOL_DATE;
  case FT_INT: return XCOL_INT;
  case FT_YEAR: return XCOL_YEAR;
  case FT_LONGTEXT: return XCOL_LONG;
  default: return XCOL_TEXT;
  }
}

int app_record_export_xlsx(app *a, const user *u, const reg_def *r, const record_filter *f, buf *out, dv_err *e) {
  record *rows = NULL;
  int n = 0;
  int rc = app_record_export_rows(a, u, r, f, &rows, &n, e);
  if (rc) {
    records_free(rows, n);
    return rc;
  }
  /* the unit field becomes two columns: its code and its name */
  int ncols = 0, fields[REG_MAX_FIELDS + 1], unit_col[REG_MAX_FIELDS + 1];
  const char *heads[REG_MAX_FIELDS * 2 + 1];
  xlsx_col_kind kinds[REG_MAX_FIELDS * 2 + 1];
  for (int i = 0; i < r->nfields; i++) {
    const reg_field *fd = &r->fields[i];
    if (fd->noimport) continue;
    if (fd->type == FT_UNIT) {
      heads[ncols] = "Mã đơn vị", kinds[ncols] = XCOL_TEXT, fields[ncols] = i, unit_col[ncols++] = 1;
      heads[ncols] = fd->label, kinds[ncols] = XCOL_TEXT, fields[ncols] = i, unit_col[ncols++] = 2;
    } else {
      heads[ncols] = fd->label, kinds[ncols] = col_kind(fd), fields[ncols] = i, unit_col[ncols++] = 0;
    }
  }
  char **cells = xcalloc((size_t)n * (size_t)ncols + 1, sizeof(char *));
  pthread_rwlock_rdlock(&a->lock);
  const char *code = f->unit_code && *f->unit_code ? f->unit_code : u ? u->unit_code : a->t.n ? a->t.u[0].code : "";
  int root = app_unit_pos(a, code);
  char subtitle[400];
  char plabel[64] = "tất cả các kỳ";
  period p;
  if (f->period && *f->period && !period_parse(f->period, &p)) period_label_vn(&p, plabel, sizeof plabel);
  snprintf(subtitle, sizeof subtitle, "Đơn vị: %s (cả các đơn vị trực thuộc) — Kỳ: %s — %d bản ghi",
           root >= 0 ? a->t.u[root].name : code, plabel, n);
  for (int k = 0; k < n; k++)
    for (int c = 0; c < ncols; c++) {
      const char *v = rows[k].values[fields[c]];
      int pos = unit_col[c] == 2 ? tree_find_id(&a->t, rows[k].unit_id) : -1;
      cells[(size_t)k * (size_t)ncols + (size_t)c] =
          unit_col[c] == 1 ? xstrdup(v) : unit_col[c] == 2 ? xstrdup(pos >= 0 ? a->t.u[pos].name : v)
                                                            : shown_value(a, r, &rows[k], fields[c]);
    }
  pthread_rwlock_unlock(&a->lock);
  xlsx_list l = {r->title, r->title, subtitle, ncols, heads, kinds, n, (const char *const *)cells};
  char err[300];
  if (xlsx_write_list(&l, out, err, sizeof err)) rc = dv_fail(e, DV_EDB, 0, "", "%s", err);
  for (size_t i = 0; i < (size_t)n * (size_t)ncols; i++) free(cells[i]);
  free(cells);
  records_free(rows, n);
  return rc;
}
