#include "core/report.h"
#include "util/buf.h"
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* {committee}, {cap+K}, {short+K} */
char *report_expand(const tree *t, int unit, int day, const char *text) {
  const tree_edition *ed = tree_edition_on(t, day);
  buf b;
  buf_init(&b, 0);
  for (const char *s = text; *s;) {
    const char *open = strchr(s, '{');
    if (!open) {
      buf_adds(&b, s);
      break;
    }
    buf_add(&b, s, (size_t)(open - s));
    const char *close = strchr(open, '}');
    if (!close) {
      buf_adds(&b, open);
      break;
    }
    char key[32];
    snprintf(key, sizeof key, "%.*s", (int)(close - open - 1), open + 1);
    int k = 0, lvl;
    if (strcmp(key, "committee") == 0) {
      char name[256];
      tree_committee_name(t, unit, name, sizeof name);
      buf_adds(&b, name);
    } else if (sscanf(key, "cap+%d", &k) == 1 || sscanf(key, "short+%d", &k) == 1) {
      lvl = t->u[unit].level + k;
      const level_name *ln = lvl <= TREE_MAX_LEVELS ? &ed->levels[lvl] : NULL;
      const char *v = ln ? (key[0] == 'c' ? ln->cap : ln->shortn) : NULL;
      if (v) buf_adds(&b, v);
      else if (lvl > (ed->maxlevel ? ed->maxlevel : t->maxlevel)) buf_adds(&b, "Cấp dưới"); /* below the lowest level (a commune's chi bộ) */
      else buf_addf(&b, "Cấp %d", lvl);
    } else {
      buf_add(&b, open, (size_t)(close - open + 1));
    }
    s = close + 1;
  }
  return buf_detach(&b, NULL);
}

int rtable_head_depth(const rtable *t) {
  int d = 1;
  for (int i = 0; i < t->ncols; i++)
    if (t->depth[i] > d) d = t->depth[i];
  return d;
}

/* columns i and j share the header path down to row d */
static int same_head(const rtable *t, int i, int j, int d) {
  if (t->depth[i] <= d || t->depth[j] <= d) return 0;
  if ((t->depth[i] == d + 1) != (t->depth[j] == d + 1)) return 0;
  for (int k = 0; k <= d; k++)
    if (strcmp(t->paths[i][k], t->paths[j][k])) return 0;
  return 1;
}

int rtable_head_cells(const rtable *t, rhead **out) {
  int depth = rtable_head_depth(t), n = 0;
  rhead *c = xcalloc((size_t)(depth * t->ncols + 1), sizeof *c);
  for (int d = 0; d < depth; d++)
    for (int i = 0; i < t->ncols;) {
      if (t->depth[i] <= d) {
        if (d == 0) c[n++] = (rhead){0, i, depth, 1, ""}; /* a column without a header */
        i++;
        continue;
      }
      int span = 1;
      while (i + span < t->ncols && same_head(t, i, i + span, d)) span++;
      c[n++] = (rhead){d, i, t->depth[i] == d + 1 ? depth - d : 1, span, t->paths[i][d]};
      i += span;
    }
  *out = c;
  return n;
}

rrow *rtable_add_row(rtable *t, const char *label) {
  if (t->nrows == t->caprows) {
    t->caprows = t->caprows ? t->caprows * 2 : 8;
    t->rows = xrealloc(t->rows, sizeof(rrow) * (size_t)t->caprows);
  }
  rrow *r = &t->rows[t->nrows++];
  memset(r, 0, sizeof *r);
  r->label = xstrdup(label);
  r->unit_pos = -1;
  r->cells = xcalloc((size_t)t->ncols + 1, sizeof(rcell));
  return r;
}

void rtable_release(rtable *t) {
  for (int i = 0; i < t->ncols; i++) {
    for (int d = 0; t->paths[i][d]; d++) free(t->paths[i][d]);
    free(t->paths[i]);
  }
  for (int r = 0; r < t->nrows; r++) {
    for (int c = 0; c < t->ncols; c++) free(t->rows[r].cells[c].text);
    free(t->rows[r].cells);
    free(t->rows[r].label);
  }
  if (t->compare) {
    rtable_release(t->compare);
    free(t->compare);
  }
  for (int i = 0; i < t->nwarnings; i++) free(t->warnings[i]);
  free(t->warnings);
  free(t->paths), free(t->depth), free(t->rows);
  free(t->form), free(t->title), free(t->period), free(t->unit_code), free(t->unit_name), free(t->row_header);
  memset(t, 0, sizeof *t);
}

static void set_num(rcell *c, double v) {
  if (isnan(v)) return;
  c->kind = CELL_NUM;
  c->num = v;
}

static double add_nan(double a, double b) {
  if (isnan(a)) return b;
  if (isnan(b)) return a;
  return a + b;
}

/* the work of a source unit if its kind is asked for */
static int kind_counts(const report_req *r, int src) { return !r->kinds || (r->kinds >> r->t->u[src].kind & 1u); }

/* the sums one unit at a time, for a kind mask or a breakdown by kind: by
 * level, in all, and (bykind not NULL) by level and the source's kind (a
 * view's sources by their own kind) */
static void unit_sums(const report_req *r, const cube_slice *s, int lo, int hi, double *lv, double *total,
                      double (*bykind)[KIND_COUNT]) {
  for (int l = 0; l <= TREE_MAX_LEVELS; l++) {
    lv[l] = NAN;
    for (int k = 0; bykind && k < KIND_COUNT; k++) bykind[l][k] = NAN;
  }
  *total = NAN;
  int k0 = lo, k1 = hi;
  if (r->view) tview_run(r->view, lo, hi, &k0, &k1);
  for (int k = k0; s && k < k1; k++) {
    int src = r->view ? r->view->src[k] : k, lvl = r->view ? r->view->level[k] : r->t->level[k];
    if (!kind_counts(r, src)) continue;
    double x = cube_unit_value(s, src);
    lv[lvl] = add_nan(lv[lvl], x);
    *total = add_nan(*total, x);
    if (bykind) bykind[lvl][r->t->u[src].kind] = add_nan(bykind[lvl][r->t->u[src].kind], x);
  }
}

/* The sums over positions [lo, hi) of the report's tree: each unit's own
 * work, or with a view the work counted into them. */
static double sum_range(const report_req *r, const cube_slice *s, int lo, int hi) {
  if (r->kinds) {
    double lv[TREE_MAX_LEVELS + 1], total;
    unit_sums(r, s, lo, hi, lv, &total, NULL);
    return total;
  }
  if (!r->view) return hi == lo + 1 ? cube_unit_value(s, lo) : cube_range_sum(s, lo, hi);
  int k0, k1;
  tview_run(r->view, lo, hi, &k0, &k1);
  return cube_view_sum(s, r->view, k0, k1);
}

static void level_sums(const report_req *r, const cube_slice *s, int lo, int hi, double *out) {
  if (r->kinds) {
    double total;
    unit_sums(r, s, lo, hi, out, &total, NULL);
    return;
  }
  if (!r->view) {
    cube_level_sums(s, r->t->level, lo, hi, out);
    return;
  }
  int k0, k1;
  tview_run(r->view, lo, hi, &k0, &k1);
  cube_view_level_sums(s, r->view, k0, k1, out);
}

static const cube_slice *slice_of(const report_req *r, int element, int combo) {
  return cube_get(r->c, cube_key(element, combo, period_key(&r->p)));
}

/* the value of a data reference for a row about unit `u` (self scopes) */
static double ref_value(const report_req *r, const data_ref *d, int u) {
  const cube_slice *s = slice_of(r, d->element, d->combo);
  const tree *t = r->t;
  double lv[TREE_MAX_LEVELS + 1];
  switch (d->sc) {
  case SCOPE_ROW:
  case SCOPE_SELF: return sum_range(r, s, u, tree_self_end(t, u)); /* the unit and its bodies */
  case SCOPE_SUBTREE: return sum_range(r, s, u, t->u[u].end);
  case SCOPE_BELOW:
  case SCOPE_SELF_BELOW: {
    int below = t->u[u].level + 1;
    level_sums(r, s, u + 1, t->u[u].end, lv);
    double v = below <= TREE_MAX_LEVELS ? lv[below] : NAN;
    return d->sc == SCOPE_BELOW ? v : add_nan(sum_range(r, s, u, tree_self_end(t, u)), v);
  }
  }
  return NAN;
}

/* 1865 -> "1.865", 12.5 -> "12,5" (the annexes' own way) */
static void num_vn(buf *b, double v) {
  char raw[64];
  snprintf(raw, sizeof raw, "%.15g", fabs(v));
  char *dot = strchr(raw, '.');
  size_t ilen = dot ? (size_t)(dot - raw) : strlen(raw);
  if (v < 0) buf_addc(b, '-');
  for (size_t i = 0; i < ilen; i++) {
    if (i && (ilen - i) % 3 == 0) buf_addc(b, '.');
    buf_addc(b, raw[i]);
  }
  if (dot) {
    buf_addc(b, ',');
    buf_adds(b, dot + 1);
  }
}

static void fmt_num(buf *b, double v) {
  if (isnan(v)) return;
  if (v == floor(v) && fabs(v) < 1e15) buf_addf(b, "%.0f", v);
  else buf_addf(b, "%g", v);
}

static void data_cell(const report_req *r, const form_col *col, int u, rcell *out) {
  const data_element *el = &r->cat->elements[col->a.element];
  if (col->kind == BIND_PAIR) {
    double a = ref_value(r, &col->a, u), b = ref_value(r, &col->b, u);
    if (isnan(a) && isnan(b)) return;
    buf s;
    buf_init(&s, 0);
    fmt_num(&s, isnan(a) ? 0 : a);
    buf_addc(&s, '/');
    fmt_num(&s, isnan(b) ? 0 : b);
    out->kind = CELL_TEXT;
    out->text = buf_detach(&s, NULL);
    return;
  }
  if (el->type != VT_TEXT) set_num(out, ref_value(r, &col->a, u));
  if (out->kind == CELL_NULL && (el->type == VT_TEXT || el->type == VT_COUNT_NOTE) && r->text) {
    const char *txt = r->text(r->text_ctx, col->a.element, col->a.combo, u);
    if (txt) {
      out->kind = CELL_TEXT;
      out->text = xstrdup(txt);
    }
  }
}

/* sum columns after the data cells of a row are known */
static void formula_cells(const form *f, rcell *cells) {
  for (int i = 0; i < f->ncols; i++) {
    const form_col *col = &f->cols[i];
    if (col->kind != BIND_SUM) continue;
    double v = NAN;
    for (int k = 0; k < col->nsum; k++)
      if (cells[col->sum[k]].kind == CELL_NUM) v = add_nan(v, cells[col->sum[k]].num);
    set_num(&cells[i], v);
  }
}

/* report_expand, then {board} */
static char *expand(const report_req *r, const char *text) {
  char *s = report_expand(r->t, r->unit, r->day, text);
  if (!strstr(s, "{board}")) return s;
  buf b;
  buf_init(&b, 0);
  for (const char *p = s, *at; *p; p = at + strlen("{board}")) {
    if (!(at = strstr(p, "{board}"))) {
      buf_adds(&b, p);
      break;
    }
    buf_add(&b, p, (size_t)(at - p));
    buf_adds(&b, r->board ? r->board : "Ban Dân vận");
  }
  free(s);
  return buf_detach(&b, NULL);
}

static void headers(rtable *out, const report_req *r) {
  const form *f = r->f;
  out->ncols = f->ncols;
  out->paths = xcalloc((size_t)f->ncols + 1, sizeof(char **));
  out->depth = xcalloc((size_t)f->ncols + 1, sizeof(int));
  for (int i = 0; i < f->ncols; i++) {
    out->depth[i] = f->cols[i].depth;
    out->paths[i] = xcalloc((size_t)f->cols[i].depth + 1, sizeof(char *));
    for (int d = 0; d < f->cols[i].depth; d++) out->paths[i][d] = expand(r, f->cols[i].path[d]);
  }
}

static void self_row(rtable *out, const report_req *r) {
  char *label = expand(r, r->f->row_label ? r->f->row_label : "{committee}");
  rrow *row = rtable_add_row(out, label);
  free(label);
  row->unit_pos = r->unit;
  for (int i = 0; i < r->f->ncols; i++)
    if (r->f->cols[i].kind == BIND_DATA || r->f->cols[i].kind == BIND_PAIR) data_cell(r, &r->f->cols[i], r->unit, &row->cells[i]);
  formula_cells(r->f, row->cells);
}

/* the levels that have a unit of the report's tree under (and at) the unit,
 * and per level the kinds of body there (a mask; those asked for) */
static void levels_present(const report_req *r, int *present, unsigned *kinds) {
  const tree *t = r->t;
  int first, last;
  period_window(&r->p, r->cfg, &first, &last);
  for (int i = r->unit; i < t->u[r->unit].end; i++)
    if (r->view ? unit_valid_on(&t->u[i], r->view->day) : unit_valid_during(&t->u[i], first, last)) {
      present[t->level[i]] = 1;
      if (t->u[i].kind != KIND_AREA && kind_counts(r, i)) kinds[t->level[i]] |= 1u << t->u[i].kind;
    }
}

/* the level rows, each followed (breakdown kinds) by a row per kind of body
 * there; rowof[l], kindrow[l][k] their indexes, -1 if none */
static void add_level_rows(rtable *out, const report_req *r, int *rowof, int (*kindrow)[KIND_COUNT]) {
  const tree_edition *ed = tree_edition_on(r->t, r->day);
  int present[TREE_MAX_LEVELS + 1] = {0};
  unsigned kinds[TREE_MAX_LEVELS + 1] = {0};
  levels_present(r, present, kinds);
  for (int l = 1; l <= TREE_MAX_LEVELS; l++) {
    rowof[l] = -1;
    for (int k = 0; k < KIND_COUNT; k++) kindrow[l][k] = -1;
    if (!present[l]) continue;
    const char *name = ed->levels[l].name;
    char fallback[32];
    snprintf(fallback, sizeof fallback, "Cấp %d", l);
    rrow *row = rtable_add_row(out, name ? name : fallback);
    row->level = l;
    rowof[l] = out->nrows - 1;
    for (int k = 1; r->f->by_kind && k < KIND_COUNT; k++) {
      if (!(kinds[l] >> k & 1u)) continue;
      char label[96];
      snprintf(label, sizeof label, "trong đó: %s", unit_kind_label(k));
      rtable_add_row(out, label);
      kindrow[l][k] = out->nrows - 1;
    }
  }
}

/* one pass per data column fills every level row */
static void level_rows(rtable *out, const report_req *r) {
  const tree *t = r->t;
  int u = r->unit, lo = u, hi = t->u[u].end;
  int rowof[TREE_MAX_LEVELS + 1], kindrow[TREE_MAX_LEVELS + 1][KIND_COUNT];
  add_level_rows(out, r, rowof, kindrow);
  rrow *total = rtable_add_row(out, r->f->total_label ? r->f->total_label : "Tổng");
  total->is_total = 1;
  int totalrow = out->nrows - 1;
  for (int i = 0; i < r->f->ncols; i++) {
    const form_col *col = &r->f->cols[i];
    if (col->kind != BIND_DATA) continue;
    double lv[TREE_MAX_LEVELS + 1], sum = NAN, all, bykind[TREE_MAX_LEVELS + 1][KIND_COUNT];
    const cube_slice *s = slice_of(r, col->a.element, col->a.combo);
    if (r->f->by_kind) unit_sums(r, s, lo, hi, lv, &all, bykind);
    else level_sums(r, s, lo, hi, lv);
    for (int l = 1; l <= TREE_MAX_LEVELS; l++) {
      if (rowof[l] < 0) continue;
      set_num(&out->rows[rowof[l]].cells[i], lv[l]);
      sum = add_nan(sum, lv[l]);
      for (int k = 1; r->f->by_kind && k < KIND_COUNT; k++)
        if (kindrow[l][k] >= 0) set_num(&out->rows[kindrow[l][k]].cells[i], bykind[l][k]);
    }
    set_num(&out->rows[totalrow].cells[i], sum);
  }
  for (int k = 0; k < out->nrows; k++) formula_cells(r->f, out->rows[k].cells);
}

/* the units of one level under the unit, each with its own values */
static void drill_rows(rtable *out, const report_req *r) {
  const tree *t = r->t;
  int u = r->unit;
  rrow *total = NULL;
  int first, last;
  period_window(&r->p, r->cfg, &first, &last);
  for (int p = u; p < t->u[u].end; p++) {
    /* areas of the level, each with its bodies (a body is no row of its own) */
    if (t->level[p] != r->drill_level || (t->u[p].kind != KIND_AREA && p != u)) continue;
    /* not a unit in that period, or not on the report's tree */
    if (r->view ? !unit_valid_on(&t->u[p], r->view->day) : !unit_valid_during(&t->u[p], first, last)) continue;
    rrow *row = rtable_add_row(out, t->u[p].name);
    row->unit_pos = p;
    for (int i = 0; i < r->f->ncols; i++) {
      const form_col *col = &r->f->cols[i];
      if (col->kind != BIND_DATA) continue;
      set_num(&row->cells[i], sum_range(r, slice_of(r, col->a.element, col->a.combo), p, tree_self_end(t, p)));
    }
  }
  int nunits = out->nrows;
  total = rtable_add_row(out, r->f->total_label ? r->f->total_label : "Tổng");
  total->is_total = 1;
  for (int i = 0; i < r->f->ncols; i++) {
    double sum = NAN;
    for (int k = 0; k < nunits; k++)
      if (out->rows[k].cells[i].kind == CELL_NUM) sum = add_nan(sum, out->rows[k].cells[i].num);
    if (r->f->cols[i].kind == BIND_DATA) set_num(&total->cells[i], sum);
  }
  for (int k = 0; k < out->nrows; k++) formula_cells(r->f, out->rows[k].cells);
}

/* 1 if an earlier column reads the same element and combo (warn once) */
static int f_same_ref(const form *f, int col, const data_ref *d) {
  for (int i = 0; i < col; i++)
    if ((f->cols[i].kind == BIND_DATA || f->cols[i].kind == BIND_PAIR) && f->cols[i].a.element == d->element &&
        f->cols[i].a.combo == d->combo && f->cols[i].a.sc == d->sc)
      return 1;
  return 0;
}

static void warn(rtable *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(rtable *out, const char *fmt, ...) {
  if (out->warnings_total++ >= REPORT_MAX_WARNINGS) return;
  buf b;
  buf_init(&b, 0);
  va_list ap;
  va_start(ap, fmt);
  buf_vaddf(&b, fmt, ap);
  va_end(ap);
  out->warnings = xrealloc(out->warnings, sizeof(char *) * (size_t)(out->nwarnings + 1));
  out->warnings[out->nwarnings++] = buf_detach(&b, NULL);
}

/* whether the annex shows unit p's own value in this cell */
static int in_scope(const report_req *r, const data_ref *d, int p) {
  if (r->f->rows != ROWS_SELF || d->sc == SCOPE_SUBTREE) return 1;
  int below = r->t->level[p] == r->t->u[r->unit].level + 1, own = p < tree_self_end(r->t, r->unit);
  if (d->sc == SCOPE_BELOW) return below;
  if (d->sc == SCOPE_SELF_BELOW) return own || below;
  return own;
}

/* every data cell of the form over the subtree: entered values that
 * disagree with the records that replace them */
static void cross_checks(rtable *out, const report_req *r) {
  const tree *t = r->t;
  for (int i = 0; i < r->f->ncols; i++) {
    const form_col *col = &r->f->cols[i];
    if (col->kind != BIND_DATA && col->kind != BIND_PAIR) continue;
    for (int k = 0; k < (col->kind == BIND_PAIR ? 2 : 1); k++) {
      const data_ref *d = k ? &col->b : &col->a;
      if (i > 0 && !k && col->kind == BIND_DATA && f_same_ref(r->f, i, d)) continue;
      const cube_slice *s = cube_get(r->c, cube_key(d->element, d->combo, period_key(&r->p)));
      for (int p = r->unit; s && p < t->u[r->unit].end; p++)
        if (in_scope(r, d, p) && s->count[p] && s->entered && !isnan(s->entered[p]) && s->entered[p] != s->rec[p])
          warn(out, "%s, %s (%s): nhập tay %g nhưng sổ theo dõi ghi %g — dùng số của sổ", t->u[p].name,
               r->cat->elements[d->element].name, r->cat->combos[d->combo], s->entered[p], s->rec[p]);
    }
  }
}

int form_rule_broken(const form_rule *fr, double left, double right) {
  return !isnan(left) && !isnan(right) && !(fr->ge ? left >= right : left <= right);
}

void form_rule_message(const form_rule *fr, double left, double right, char *out, size_t n) {
  buf x, y;
  buf_init(&x, 32);
  buf_init(&y, 32);
  num_vn(&x, left);
  num_vn(&y, right);
  snprintf(out, n, "%s (%s %s %s)", fr->message, x.s, fr->ge ? "<" : ">", y.s);
  buf_release(&x);
  buf_release(&y);
}

/* the form's own validation rules over the unit's area: the errors first
 * (out->errors of them), then the warnings */
static void rule_checks(rtable *out, const report_req *r) {
  if (r->drill_level) return;
  for (int pass = 1; pass >= 0; pass--)
    for (int i = 0; i < r->f->nrules; i++) {
      const form_rule *fr = &r->f->rules[i];
      if (fr->error != pass) continue;
      int end = r->t->u[r->unit].end;
      double x = sum_range(r, slice_of(r, fr->left.element, fr->left.combo), r->unit, end);
      double y = sum_range(r, slice_of(r, fr->right.element, fr->right.combo), r->unit, end);
      if (!form_rule_broken(fr, x, y)) continue;
      char msg[600];
      form_rule_message(fr, x, y, msg, sizeof msg);
      out->errors += fr->error;
      warn(out, "%s: %s", fr->error ? "Lỗi" : "Cảnh báo", msg);
    }
}

void report_compute(rtable *out, const report_req *r) {
  memset(out, 0, sizeof *out);
  char pid[8];
  period_format(&r->p, pid);
  out->form = xstrdup(r->f->code);
  out->title = expand(r, r->f->title ? r->f->title : r->f->code);
  out->period = xstrdup(pid);
  out->unit_code = xstrdup(r->t->u[r->unit].code);
  out->unit_name = xstrdup(r->t->u[r->unit].name);
  out->row_header = xstrdup(r->drill_level ? "Đơn vị" : r->f->row_header ? r->f->row_header : "");
  out->colnums = r->f->colnums;
  headers(out, r);
  if (r->f->rows == ROWS_LIST) return;
  if (r->drill_level) drill_rows(out, r);
  else if (r->f->rows == ROWS_SELF) self_row(out, r);
  else level_rows(out, r);
  rule_checks(out, r);
  if (!r->view && !r->kinds) cross_checks(out, r); /* a hand-entered value is checked in its own unit's tree */
}
