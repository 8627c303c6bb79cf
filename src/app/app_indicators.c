/* Indicators computed live: from the cube (models by area) or from the
 * records of a register of state (establishments, conclusions). */
#include "app/app_internal.h"
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

/* share of units of a level with at least min models in the area that year */
static int models_coverage(app *a, const indicator_params *ip, const period *p, int root, indicator_result *out,
                           dv_err *e) {
  if (!ip->area || !*ip->area) return dv_fail(e, DV_EINVAL, 0, "area", "thiếu --area (nong_thon_moi, do_thi, chuyen_doi_so, khac)");
  const reg_def *mr = app_register(a, "models");
  int af = mr ? reg_field_index(mr, "areas") : -1;
  if (af < 0 || reg_option_index(&mr->fields[af], ip->area) < 0)
    return dv_fail(e, DV_EINVAL, 0, "area", "--area không hợp lệ: %s (nong_thon_moi, do_thi, chuyen_doi_so, khac)", ip->area);
  if (ip->level <= a->t.u[root].level || ip->level > a->t.maxlevel)
    return dv_fail(e, DV_EINVAL, 0, "level", "--level phải là một cấp dưới đơn vị");
  if (ip->min < 1) return dv_fail(e, DV_EINVAL, 0, "min", "--min phải từ 1 trở lên");
  period year = {PERIOD_YEAR, p->year, 0};
  int el = catalog_element(&a->cat, "models_area"), co = catalog_combo(&a->cat, ip->area);
  const cube_slice *s = el >= 0 && co >= 0 ? cube_get(&a->c, cube_key(el, co, period_key(&year))) : NULL;
  int first, last;
  period_window(p, &a->cfg, &first, &last);
  for (int u = root; u < a->t.u[root].end; u++) {
    if (a->t.level[u] != ip->level || !unit_valid_during(&a->t.u[u], first, last)) continue;
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
  if (which != CONCLUSIONS) {
    int land = reg_field_index(r, "uses_land"), st = reg_field_index(r, "status");
    if (strcmp(v[land], "yes")) return;
    *den = 1;
    *num = which == EST_DOSSIER ? strcmp(v[st], "none") != 0 : strcmp(v[st], "certificate") == 0;
    return;
  }
  int due = reg_field_index(r, "due"), done = reg_field_index(r, "done_date"), st = reg_field_index(r, "status"), d;
  if (date_parse(v[due], &d) || d < first || d > last) return;
  *den = 1;
  *num = !strcmp(v[st], "done") && *v[done] && strcmp(v[done], v[due]) <= 0;
}

static int from_records(app *a, const char *reg, record_indicator which, const period *p, int root,
                        indicator_result *out, dv_err *e) {
  const reg_def *r = app_register(a, reg);
  if (!r) return dv_fail(e, DV_EINVAL, 0, "name", "chưa có sổ %s", reg);
  /* conclusions count by responsible_unit, which need not lie under the dialogue's unit (the record's) */
  record_query q = {r->code, which == CONCLUSIONS ? 0 : a->t.u[root].id, -2000000000, 2000000000, NULL, NULL, NULL, 0, 0, 0, 0};
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
  return rc;
}

static int compute(app *a, const indicator_params *ip, const period *p, int pos, indicator_result *out, dv_err *e) {
  const char *n = out->name;
  if (!strcmp(n, "models_coverage")) return models_coverage(a, ip, p, pos, out, e);
  if (!strcmp(n, "establishments_dossier")) return from_records(a, "establishments", EST_DOSSIER, p, pos, out, e);
  if (!strcmp(n, "establishments_certificate")) return from_records(a, "establishments", EST_CERTIFICATE, p, pos, out, e);
  if (!strcmp(n, "conclusions_on_time")) return from_records(a, "conclusions", CONCLUSIONS, p, pos, out, e);
  return dv_fail(e, DV_EINVAL, 0, "name", "không có chỉ số %s (models_coverage, establishments_dossier, "
                 "establishments_certificate, conclusions_on_time)", n);
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
