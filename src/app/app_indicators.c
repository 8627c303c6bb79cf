/* Indicators computed live: from the cube (models by area) or from the
 * records of a register (establishments, conclusions, dialogues). */
#include "app/app_internal.h"
#include "core/indicator.h"
#include "util/buf.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void indicator_result_release(indicator_result *r) {
  free(r->children);
  memset(r, 0, sizeof *r);
}

static void finish(indicator_value *v) { v->value = v->denominator > 0 ? 100.0 * v->numerator / v->denominator : NAN; }

static void name_unit(app *a, indicator_value *v, int pos) {
  snprintf(v->unit, sizeof v->unit, "%s", a->t.u[pos].code);
  snprintf(v->unit_name, sizeof v->unit_name, "%s", a->t.u[pos].name);
}

/* the result rows: the unit, then its children (valid in the period) */
static void prepare(app *a, indicator_result *out, int pos, const period *p) {
  int first, last;
  period_window(p, &a->cfg, &first, &last);
  name_unit(a, &out->total, pos);
  for (int c = pos + 1; c < a->t.u[pos].end; c = a->t.u[c].end) {
    if (!unit_valid_during(&a->t.u[c], first, last)) continue;
    out->children = xrealloc(out->children, sizeof(indicator_value) * (size_t)(out->nchildren + 1));
    indicator_value *v = &out->children[out->nchildren++];
    memset(v, 0, sizeof *v);
    name_unit(a, v, c);
  }
}

/* the row (child index, or -1 for none) a unit position falls in */
static int child_of(app *a, const indicator_result *out, int root, int p) {
  for (int c = root + 1, i = 0; c < a->t.u[root].end; c = a->t.u[c].end) {
    if (i < out->nchildren && !strcmp(out->children[i].unit, a->t.u[c].code)) {
      if (tree_in_subtree(&a->t, c, p)) return i;
      i++;
    }
  }
  return -1;
}

static void add(app *a, indicator_result *out, int root, int p, double num, double den) {
  out->total.numerator += num;
  out->total.denominator += den;
  int c = child_of(a, out, root, p);
  if (c >= 0) out->children[c].numerator += num, out->children[c].denominator += den;
}

/* a unit that a "units of level L" indicator counts: an area (a body is
 * not a commune), of the level, existing in the period, of the types */
static int counted_unit(app *a, const indicator_params *ip, int u, int first, int last) {
  const unit_node *n = &a->t.u[u];
  return n->kind == KIND_AREA && a->t.level[u] == ip->level && unit_valid_during(n, first, last) &&
         unit_types_hold(ip->unit_types, n->type);
}

/* --level below the unit; --unit-type: each item the type of some area of
 * that level in the tree (the message lists them) */
static int check_units_param(app *a, const indicator_params *ip, int root, dv_err *e) {
  if (ip->level <= a->t.u[root].level || ip->level > a->t.maxlevel)
    return dv_fail(e, DV_EINVAL, 0, "level", "--level phải là một cấp dưới đơn vị");
  if (!ip->unit_types) return 0;
  char item[128];
  for (const char *p = ip->unit_types; unit_types_next(&p, item, sizeof item);) {
    int found = 0;
    for (int u = 0; *item && !found && u < a->t.n; u++)
      found = a->t.u[u].kind == KIND_AREA && a->t.level[u] == ip->level && a->t.u[u].type &&
              !strcmp(a->t.u[u].type, item);
    if (found) continue;
    buf known; /* the types of that level, each once */
    buf_init(&known, 0);
    for (int u = 0; u < a->t.n; u++) {
      const char *ty = a->t.u[u].type;
      if (a->t.u[u].kind != KIND_AREA || a->t.level[u] != ip->level || !ty || !*ty) continue;
      int seen = 0;
      for (int v = 0; v < u && !seen; v++)
        seen = a->t.u[v].kind == KIND_AREA && a->t.level[v] == ip->level && a->t.u[v].type && !strcmp(a->t.u[v].type, ty);
      if (!seen) buf_addf(&known, "%s%s", known.len ? ", " : "", ty);
    }
    int rc = dv_fail(e, DV_EINVAL, 0, "unit_type", "--unit-type không hợp lệ: \"%s\" (loại đơn vị cấp %d: %s)", item,
                     ip->level, known.len ? known.s : "không có");
    buf_release(&known);
    return rc;
  }
  return 0;
}

/* share of units of a level with at least min models in the area that year */
static int models_coverage(app *a, const indicator_params *ip, const period *p, int root, indicator_result *out,
                           dv_err *e) {
  if (!ip->area || !*ip->area) return dv_fail(e, DV_EINVAL, 0, "area", "thiếu --area (nong_thon_moi, do_thi, chuyen_doi_so, khac)");
  const reg_def *mr = app_register(a, "models");
  int af = mr ? reg_field_index(mr, "areas") : -1;
  if (af < 0 || reg_option_index(&mr->fields[af], ip->area) < 0)
    return dv_fail(e, DV_EINVAL, 0, "area", "--area không hợp lệ: %s (nong_thon_moi, do_thi, chuyen_doi_so, khac)", ip->area);
  if (check_units_param(a, ip, root, e)) return e->code;
  if (ip->min < 1) return dv_fail(e, DV_EINVAL, 0, "min", "--min phải từ 1 trở lên");
  period year = {PERIOD_YEAR, p->year, 0};
  int el = catalog_element(&a->cat, "models_area"), co = catalog_combo(&a->cat, ip->area);
  const cube_slice *s = el >= 0 && co >= 0 ? cube_get(&a->c, cube_key(el, co, period_key(&year))) : NULL;
  int first, last;
  period_window(p, &a->cfg, &first, &last);
  for (int u = root; u < a->t.u[root].end; u++) {
    if (!counted_unit(a, ip, u, first, last)) continue;
    double n = cube_range_sum(s, u, a->t.u[u].end);
    add(a, out, root, u, !isnan(n) && n >= ip->min, 1);
  }
  return 0;
}

typedef enum { EST_DOSSIER, EST_CERTIFICATE, CONCLUSIONS } record_indicator;

/* one record into numerator and denominator */
static void count_one(app *a, const reg_def *r, const record *rec, record_indicator which, int first, int last,
                      double *num, double *den) {
  const char *const *v = (const char *const *)rec->values;
  *num = *den = 0;
  if (which != CONCLUSIONS) { /* the status on the period's last day */
    int land = reg_field_index(r, "uses_land"), st = reg_field_index(r, "status");
    int don = reg_field_index(r, "dossier_on"), con = reg_field_index(r, "certificate_on");
    if (strcmp(v[land], "yes")) return;
    *den = 1;
    land_stage s = land_stage_on(v[st], don >= 0 ? v[don] : "", con >= 0 ? v[con] : "", last);
    *num = which == EST_DOSSIER ? s != LAND_NONE : s == LAND_CERTIFICATE;
    return;
  }
  int due = reg_field_index(r, "due"), done = reg_field_index(r, "done_date"), st = reg_field_index(r, "status"), d;
  if (date_parse(v[due], &d) || d < first || d > last) return;
  *den = 1;
  *num = !strcmp(v[st], "done") && *v[done] && strcmp(v[done], v[due]) <= 0;
}

static int from_records(app *a, const indicator_params *ip, const char *reg, record_indicator which,
                        const period *p, int root, indicator_result *out, dv_err *e) {
  const reg_def *r = app_register(a, reg);
  if (!r) return dv_fail(e, DV_EINVAL, 0, "name", "chưa có sổ %s", reg);
  /* conclusions count by responsible_unit, which need not lie under the dialogue's unit (the record's) */
  record_query q = {r->code, which == CONCLUSIONS ? 0 : a->t.u[root].id, -2000000000, 2000000000, NULL, NULL, NULL, 0, 0, 0, 0, NULL};
  record *rows;
  int n, total, first, last;
  period_window(p, &a->cfg, &first, &last);
  int rc = app_record_rows(a, NULL, r, &q, &rows, &n, &total, e);
  int uf = reg_field_index(r, which == CONCLUSIONS ? "responsible_unit" : "unit");
  for (int i = 0; !rc && i < n; i++) {
    double num, den;
    count_one(a, r, &rows[i], which, first, last, &num, &den);
    int pos = which != CONCLUSIONS ? tree_find_id(&a->t, rows[i].unit_id)
              : uf >= 0 ? app_record_unitref_pos(a, r, (const char *const *)rows[i].values, uf) : -1;
    if (den > 0 && pos >= 0 && tree_in_subtree(&a->t, root, pos)) add(a, out, root, pos, num, den);
  }
  records_free(rows, n);
  /* the plan's fixed base ("trên tổng số 130 cơ sở") for the unit; its
   * children keep their own (their land-using establishments) */
  if (!rc && ip->base > 0) out->total.denominator = ip->base;
  return rc;
}

/* units of a level (of the types) where, in the period, the head of the
 * Party committee held a dialogue and the head of government held one (a
 * co-chaired one counts for both). A dialogue counts for the area it was
 * held in: its unit, or the area of the body that recorded it. */
static int dialogue_heads(app *a, const indicator_params *ip, const period *p, int root, indicator_result *out,
                          dv_err *e) {
  if (!ip->level) return dv_fail(e, DV_EINVAL, 0, "level", "thiếu --level (cấp của các đơn vị được tính)");
  if (check_units_param(a, ip, root, e)) return e->code;
  const reg_def *r = app_register(a, "dialogues");
  int cf = r ? reg_field_index(r, "chair") : -1;
  if (cf < 0) return dv_fail(e, DV_EINVAL, 0, "name", "chưa có sổ dialogues");
  int first, last, n, total;
  period_window(p, &a->cfg, &first, &last);
  record_query q = {r->code, a->t.u[root].id, first, last, NULL, NULL, NULL, 0, 0, 0, 0, NULL};
  record *rows;
  int rc = app_record_rows(a, NULL, r, &q, &rows, &n, &total, e);
  unsigned char *heads = rc ? NULL : xcalloc((size_t)a->t.n, 1);
  for (int i = 0; !rc && i < n; i++) {
    int pos = tree_find_id(&a->t, rows[i].unit_id);
    while (pos >= 0 && a->t.u[pos].kind != KIND_AREA) pos = a->t.u[pos].parent;
    if (pos >= 0) heads[pos] |= (unsigned char)dialogue_heads_of(rows[i].values[cf]);
  }
  records_free(rows, n);
  for (int u = root; !rc && u < a->t.u[root].end; u++)
    if (counted_unit(a, ip, u, first, last)) add(a, out, root, u, heads[u] == HEADS_BOTH, 1);
  free(heads);
  return rc;
}

static int compute(app *a, const indicator_params *ip, const period *p, int pos, indicator_result *out, dv_err *e) {
  const char *n = out->name;
  int by_units = !strcmp(n, "models_coverage") || !strcmp(n, "dialogue_heads");
  int est = !strcmp(n, "establishments_dossier") || !strcmp(n, "establishments_certificate");
  if (!by_units && !est && strcmp(n, "conclusions_on_time"))
    return dv_fail(e, DV_EINVAL, 0, "name", "không có chỉ số %s (models_coverage, dialogue_heads, establishments_dossier, "
                   "establishments_certificate, conclusions_on_time)", n);
  if (ip->unit_types && !by_units)
    return dv_fail(e, DV_EINVAL, 0, "unit_type", "--unit-type chỉ dùng với models_coverage và dialogue_heads");
  if (ip->base && !est)
    return dv_fail(e, DV_EINVAL, 0, "base", "--base chỉ dùng với establishments_dossier và establishments_certificate");
  if (ip->base < 0) return dv_fail(e, DV_EINVAL, 0, "base", "--base phải là số nguyên dương: %d", ip->base);
  if (!strcmp(n, "models_coverage")) return models_coverage(a, ip, p, pos, out, e);
  if (!strcmp(n, "dialogue_heads")) return dialogue_heads(a, ip, p, pos, out, e);
  if (est) return from_records(a, ip, "establishments", !strcmp(n, "establishments_dossier") ? EST_DOSSIER : EST_CERTIFICATE,
                               p, pos, out, e);
  return from_records(a, ip, "conclusions", CONCLUSIONS, p, pos, out, e);
}

int app_indicator(app *a, const user *u, const char *name, const indicator_params *ip, const char *period_id,
                  const char *unit_code, indicator_result *out, dv_err *e) {
  memset(out, 0, sizeof *out);
  period p;
  if (!period_id || period_parse(period_id, &p))
    return dv_fail(e, DV_EINVAL, 0, "period", "kỳ báo cáo không hợp lệ: %s", period_id ? period_id : "");
  snprintf(out->name, sizeof out->name, "%s", name ? name : "");
  period_format(&p, out->period);
  pthread_rwlock_rdlock(&a->lock);
  int pos, rc = app_unit_resolve(a, unit_code, app_period_day(a, &p), &pos, e);
  if (!rc && !app_can_read(a, u, pos)) rc = app_unit_forbidden(a, u, unit_code, pos, app_period_day(a, &p), e);
  if (!rc) {
    prepare(a, out, pos, &p);
    rc = compute(a, ip, &p, pos, out, e);
  }
  pthread_rwlock_unlock(&a->lock);
  finish(&out->total);
  for (int i = 0; i < out->nchildren; i++) finish(&out->children[i]);
  if (rc) indicator_result_release(out);
  return rc;
}
