/* Changes to data: values, with audit; the audit log. */
#include "app/app_internal.h"
#include "util/buf.h"
#include "util/esc.h"
#include "util/text.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


/* ---------------- value parsing ---------------- */

/* strict non-negative integer (counts) */
static int parse_count(const char *s, long long *v) {
  if (!*s) return -1;
  for (const char *p = s; *p; p++)
    if (*p < '0' || *p > '9') return -1;
  if (strlen(s) > 12) return -1;
  *v = strtoll(s, NULL, 10);
  return 0;
}

static int parse_number(const char *s, double *v) {
  char *end;
  errno = 0;
  *v = strtod(s, &end);
  return (*s && !*end && !errno && isfinite(*v)) ? 0 : -1;
}

/* value text -> num and/or text per the element's type; 0 or error */
static int parse_value(const data_element *el, const char *raw, int *has_num, double *num, const char **text, int line,
                       dv_err *e) {
  long long n;
  *has_num = 0;
  *text = NULL;
  if (!*raw) return 0; /* clear */
  switch (el->type) {
  case VT_INTEGER:
    if (parse_count(raw, &n)) return dv_fail(e, DV_EINVAL, line, "value", "%s: \"%s\" không phải số nguyên không âm", el->code, raw);
    *has_num = 1, *num = (double)n;
    return 0;
  case VT_NUMBER:
  case VT_PERCENT:
    if (parse_number(raw, num)) return dv_fail(e, DV_EINVAL, line, "value", "%s: \"%s\" không phải số", el->code, raw);
    if (el->type == VT_PERCENT && (*num < 0 || *num > 100))
      return dv_fail(e, DV_EINVAL, line, "value", "%s: tỷ lệ phải từ 0 đến 100", el->code);
    *has_num = 1;
    return 0;
  case VT_YESNO:
    if (strcmp(raw, "yes") == 0 || strcmp(raw, "có") == 0) *num = 1;
    else if (strcmp(raw, "no") == 0 || strcmp(raw, "không") == 0) *num = 0;
    else return dv_fail(e, DV_EINVAL, line, "value", "%s: chỉ nhận yes/no", el->code);
    *has_num = 1;
    return 0;
  case VT_COUNT_NOTE:
    if (parse_count(raw, &n) == 0) {
      *has_num = 1, *num = (double)n;
      return 0;
    }
    *text = raw;
    return 0;
  case VT_TEXT: *text = raw; return 0;
  }
  return 0;
}

/* ---------------- values ---------------- */

int plan_value(app *a, const user *u, const char *element, const char *combo, const char *unit_code, int day,
               const char *raw, int line, value_plan *vp, dv_err *e) {
  vp->element = catalog_element(&a->cat, element);
  if (vp->element < 0) return dv_fail(e, DV_EINVAL, line, "element", "không có chỉ tiêu %s", element);
  vp->combo = catalog_combo(&a->cat, combo);
  if (vp->combo < 0 || !catalog_pair_used(&a->cat, vp->element, vp->combo))
    return dv_fail(e, DV_EINVAL, line, "combo", "chỉ tiêu %s không có phân tổ %s", element, combo);
  if (app_unit_resolve(a, unit_code, day, &vp->pos, e)) {
    e->line = line;
    return e->code;
  }
  if (!app_can_write(a, u, vp->pos))
    return dv_fail(e, DV_EFORBIDDEN, line, "unit", "không có quyền nhập số liệu cho đơn vị %s", unit_code);
  char *nfc = text_nfc(raw);
  if (!nfc) return dv_fail(e, DV_EINVAL, line, "value", "giá trị không phải UTF-8 hợp lệ");
  text_trim(nfc);
  const char *text;
  int rc = parse_value(&a->cat.elements[vp->element], nfc, &vp->has_num, &vp->num, &text, line, e);
  vp->text = text ? xstrdup(text) : NULL;
  free(nfc);
  return rc;
}

static char *value_json(int has_num, double num, const char *text) {
  buf b;
  buf_init(&b, 0);
  if (has_num) buf_addf(&b, "{\"value\":%.15g}", num);
  else if (text) {
    buf_adds(&b, "{\"value\":");
    esc_json(&b, text);
    buf_addc(&b, '}');
  } else {
    buf_release(&b);
    return NULL;
  }
  return buf_detach(&b, NULL);
}

static int write_value(app *a, store *s, const user *u, const value_plan *vp, const char *period_id, dv_err *e) {
  int old_has = 0;
  double old_num = 0;
  char *old_text = NULL;
  const data_element *el = &a->cat.elements[vp->element];
  int rc = store_value_put(s, el->code, a->cat.combos[vp->combo], period_id, a->t.u[vp->pos].id, vp->has_num,
                           vp->num, vp->text, u ? u->id : 0, &old_has, &old_num, &old_text, e);
  if (rc < 0) return rc;
  char *before = value_json(old_has, old_num, old_text), *after = value_json(vp->has_num, vp->num, vp->text);
  free(old_text);
  if ((before || after) && !(before && after && strcmp(before, after) == 0)) {
    buf ent;
    buf_init(&ent, 0);
    buf_addf(&ent, "{\"element\":\"%s\",\"combo\":\"%s\",\"period\":\"%s\",\"unit\":", el->code,
             a->cat.combos[vp->combo], period_id);
    esc_json(&ent, a->t.u[vp->pos].code);
    buf_addf(&ent, ",\"value\":%s}", after ? after : "null");
    int64_t uid;
    const char *login;
    actor_of(u, &uid, &login);
    rc = store_audit(s, uid, login, after ? "value.set" : "value.clear", "value", 0, before, ent.s, e);
    buf_release(&ent);
  } else {
    rc = 0;
  }
  free(before), free(after);
  return rc;
}

static void apply_value(app *a, const value_plan *vp, const period *p) {
  uint64_t key = cube_key(vp->element, vp->combo, period_key(p));
  cube_set_entered(&a->c, key, vp->pos, vp->has_num ? vp->num : NAN);
  app_text_set(a, vp->element, vp->combo, period_key(p), vp->pos, vp->text);
}

int app_value_get(app *a, const user *u, const char *element, const char *combo, const char *period_id,
                  const char *unit_code, char *out, int outlen) {
  out[0] = 0;
  period p;
  if (!period_id || period_parse(period_id, &p)) return DV_EINVAL;
  pthread_rwlock_rdlock(&a->lock);
  int pos = app_unit_pos_on(a, unit_code, app_period_day(a, &p));
  int ok = pos >= 0 && app_can_read(a, u, pos);
  int64_t id = ok ? a->t.u[pos].id : 0;
  pthread_rwlock_unlock(&a->lock);
  if (!ok) return DV_EFORBIDDEN;
  int has;
  double num = 0;
  char *text;
  if (store_value_get(app_store(a), element, combo, period_id, id, &has, &num, &text)) {
    if (has) snprintf(out, (size_t)outlen, "%.15g", num);
    else if (text) snprintf(out, (size_t)outlen, "%s", text);
  }
  free(text);
  return 0;
}

void free_plans(value_plan *v, int n) {
  for (int i = 0; i < n; i++) free(v[i].text);
  free(v);
}

int app_value_counted(app *a, int element, int combo, const period *p, int pos) {
  const cube_slice *s = cube_get(&a->c, cube_key(element, combo, period_key(p)));
  return s && s->count && pos >= 0 && s->count[pos] > 0;
}

int app_cell_origin(app *a, int element, int combo, const char *period_id, const char *unit_code, int level) {
  period p;
  if (!period_id || period_parse(period_id, &p)) return 0;
  pthread_rwlock_rdlock(&a->lock);
  int root = app_unit_pos_on(a, unit_code ? unit_code : "", app_period_day(a, &p)), out = 0;
  const cube_slice *s = root >= 0 ? cube_get(&a->c, cube_key(element, combo, period_key(&p))) : NULL;
  for (int i = root; s && i < a->t.u[root].end && out != (ORIGIN_RECORDS | ORIGIN_ENTERED); i++) {
    if (level > 0 && a->t.level[i] != level) continue;
    if (s->count && s->count[i] > 0) out |= ORIGIN_RECORDS;
    else if (s->entered && !isnan(s->entered[i])) out |= ORIGIN_ENTERED;
  }
  pthread_rwlock_unlock(&a->lock);
  return out;
}

typedef struct counted_at {
  app *a;
  const period *p;
  int pos;
} counted_at;

static int counted_cb(void *ctx, const data_ref *d) {
  const counted_at *c = ctx;
  return app_value_counted(c->a, d->element, d->combo, c->p, c->pos);
}

void app_form_inputs(app *a, const form *f, const period *p, int pos, form_input *out) {
  counted_at c = {a, p, pos};
  form_inputs_at(f, counted_cb, &c, out);
}

/* the register whose records make the value, for the message */
static const char *counting_register(app *a, const value_plan *vp) {
  reg_source src;
  return reg_sources(a->regs, a->nregs, vp->element, a->cat.combos[vp->combo], &src, 1) ? src.reg->title : "?";
}

/* a value the unit's records make is not typed (app_value_counted); clearing
 * one typed before the records came is fine */
static int refuse_counted(app *a, const value_plan *vp, const char *period_id, dv_err *e) {
  period p;
  if ((!vp->has_num && !vp->text) || period_parse(period_id, &p) || !app_value_counted(a, vp->element, vp->combo, &p, vp->pos)) return 0;
  char at[32] = "";
  if (vp->line > 0) snprintf(at, sizeof at, "dòng %d: ", vp->line);
  const data_element *el = &a->cat.elements[vp->element];
  return dv_fail(e, DV_EINVAL, vp->line, "value",
                 "%s%s %s của %s kỳ %s được đếm từ sổ theo dõi “%s”, không nhập tay; hãy sửa trong sổ", at, el->code,
                 a->cat.combos[vp->combo], a->t.u[vp->pos].name, period_id, counting_register(a, vp));
}

/* --- the error rules of the forms (form_rule, docs/entry.md) on a save --- */

typedef struct rule_at {
  const form_rule *fr;
  int pos;
  period p;
  double x0, y0; /* the area's totals before the save */
} rule_at;

static double area_total(app *a, const data_ref *d, const period *p, int pos) {
  const cube_slice *s = cube_get(&a->c, cube_key(d->element, d->combo, period_key(p)));
  return s ? cube_range_sum(s, pos, a->t.u[pos].end) : NAN;
}

int app_rule_broken(app *a, const form_rule *fr, const period *p, int pos, char *msg, size_t n) {
  pthread_rwlock_rdlock(&a->lock);
  int ok = pos >= 0 && pos < a->t.n;
  double x = ok ? area_total(a, &fr->left, p, pos) : NAN, y = ok ? area_total(a, &fr->right, p, pos) : NAN;
  pthread_rwlock_unlock(&a->lock);
  if (!form_rule_broken(fr, x, y)) return 0;
  form_rule_message(fr, x, y, msg, n);
  return 1;
}

static int same_cell(const data_ref *d, const value_plan *vp) { return d->element == vp->element && d->combo == vp->combo; }

/* the error rules over the areas of the units the values change, with their totals now */
static rule_at *rules_touched(app *a, const value_plan *vp, char **periods, int n, int *nr) {
  rule_at *out = NULL;
  *nr = 0;
  for (int i = 0; i < n; i++)
    for (int k = 0; k < a->cat.nforms; k++)
      for (int j = 0; j < a->cat.forms[k].nrules; j++) {
        const form_rule *fr = &a->cat.forms[k].rules[j];
        period p;
        if (!fr->error || (!same_cell(&fr->left, &vp[i]) && !same_cell(&fr->right, &vp[i])) ||
            period_parse(periods[i], &p))
          continue;
        int seen = 0;
        for (int m = 0; m < *nr && !seen; m++)
          seen = out[m].fr == fr && out[m].pos == vp[i].pos && period_key(&out[m].p) == period_key(&p);
        if (seen) continue;
        out = xrealloc(out, sizeof *out * (size_t)(*nr + 1));
        out[(*nr)++] = (rule_at){fr, vp[i].pos, p, area_total(a, &fr->left, &p, vp[i].pos),
                                 area_total(a, &fr->right, &p, vp[i].pos)};
      }
  return out;
}

/* sets the values in the cube (back: the entered values before, in old) */
static void entered_swap(app *a, const value_plan *vp, char **periods, int n, double *old, int back) {
  for (int i = 0; i < n; i++) {
    period p;
    period_parse(periods[i], &p);
    uint64_t key = cube_key(vp[i].element, vp[i].combo, period_key(&p));
    if (!back) {
      const cube_slice *s = cube_get(&a->c, key);
      old[i] = s && s->entered ? s->entered[vp[i].pos] : NAN;
    }
    cube_set_entered(&a->c, key, vp[i].pos, back ? old[i] : vp[i].has_num ? vp[i].num : NAN);
  }
}

/* the first value of the save in that rule's cells, for the message's line and field */
static const value_plan *rule_value(const rule_at *ra, const value_plan *vp, int n) {
  for (int side = 0; side < 2; side++)
    for (int i = 0; i < n; i++)
      if (vp[i].pos == ra->pos && same_cell(side ? &ra->fr->right : &ra->fr->left, &vp[i])) return &vp[i];
  return &vp[0];
}

/* a save that changes a figure of an error rule and leaves it broken is refused */
static int refuse_rules(app *a, const value_plan *vp, char **periods, int n, dv_err *e) {
  int nr, rc = 0;
  rule_at *ra = rules_touched(a, vp, periods, n, &nr);
  if (!nr) return 0;
  double *old = xmalloc(sizeof(double) * (size_t)(n + 1));
  entered_swap(a, vp, periods, n, old, 0);
  for (int m = 0; m < nr && !rc; m++) {
    double x = area_total(a, &ra[m].fr->left, &ra[m].p, ra[m].pos), y = area_total(a, &ra[m].fr->right, &ra[m].p, ra[m].pos);
    int same = (x == ra[m].x0 || (isnan(x) && isnan(ra[m].x0))) && (y == ra[m].y0 || (isnan(y) && isnan(ra[m].y0)));
    if (same || !form_rule_broken(ra[m].fr, x, y)) continue;
    const value_plan *v = rule_value(&ra[m], vp, n);
    char msg[600], at[32] = "";
    form_rule_message(ra[m].fr, x, y, msg, sizeof msg);
    if (v->line > 0) snprintf(at, sizeof at, "dòng %d: ", v->line);
    rc = dv_fail(e, DV_EINVAL, v->line, "", "%sLỗi: %s", at, msg);
    snprintf(e->field, sizeof e->field, "%s.%s", a->cat.elements[v->element].code, a->cat.combos[v->combo]);
  }
  entered_swap(a, vp, periods, n, old, 1);
  free(old), free(ra);
  return rc;
}

/* validates every value, then writes all in one transaction, then the cube */
int put_values(app *a, const user *u, value_plan *vp, char **periods, int n, dv_err *e) {
  store *s = app_store(a);
  for (int i = 0; i < n; i++) {
    if (app_value_locked(a, vp[i].element, periods[i], vp[i].pos, e)) {
      e->line = vp[i].line;
      return DV_ECONFLICT;
    }
    if (refuse_counted(a, &vp[i], periods[i], e)) return e->code;
  }
  if (refuse_rules(a, vp, periods, n, e)) return e->code;
  int rc = store_begin(s, e);
  for (int i = 0; !rc && i < n; i++) rc = write_value(a, s, u, &vp[i], periods[i], e);
  if (!rc) rc = store_commit(s, e);
  if (rc) {
    store_rollback(s);
    return rc;
  }
  for (int i = 0; i < n; i++) {
    period p;
    period_parse(periods[i], &p);
    apply_value(a, &vp[i], &p);
  }
  return 0;
}

int app_values_put(app *a, const user *u, const char *period_id, const char *unit_code, const value_in *v, int n,
                   dv_err *e) {
  period p;
  if (!period_id || period_parse(period_id, &p))
    return dv_fail(e, DV_EINVAL, 0, "period", "kỳ báo cáo không hợp lệ: %s", period_id ? period_id : "");
  pthread_rwlock_wrlock(&a->lock);
  value_plan *vp = xcalloc((size_t)n + 1, sizeof *vp);
  char **periods = xmalloc(sizeof(char *) * ((size_t)n + 1));
  int rc = 0;
  for (int i = 0; i < n; i++) periods[i] = (char *)period_id;
  for (int i = 0; !rc && i < n; i++)
    rc = plan_value(a, u, v[i].element, v[i].combo, unit_code, app_period_day(a, &p), v[i].value ? v[i].value : "", 0,
                    &vp[i], e);
  if (rc && e->field[0] == 'v' && n) snprintf(e->field, sizeof e->field, "%s.%s", v[0].element, v[0].combo);
  if (!rc) rc = put_values(a, u, vp, periods, n, e);
  pthread_rwlock_unlock(&a->lock);
  free_plans(vp, n);
  free(periods);
  return rc;
}

void value_changes_free(value_change *rows, int n) {
  for (int i = 0; i < n; i++) free(rows[i].before), free(rows[i].after);
  free(rows);
}

int app_value_history(app *a, const user *u, const char *element, const char *combo, const char *period_id,
                      const char *unit_code, int level, value_change **rows, int *n, dv_err *e) {
  period p;
  *rows = NULL, *n = 0;
  if (!period_id || period_parse(period_id, &p))
    return dv_fail(e, DV_EINVAL, 0, "period", "kỳ báo cáo không hợp lệ: %s", period_id ? period_id : "");
  int rc = store_value_history(app_store(a), element ? element : "", combo ? combo : "", period_id, rows, n, e);
  if (rc) return rc;
  pthread_rwlock_rdlock(&a->lock);
  int day = app_period_day(a, &p), root = app_unit_pos_on(a, unit_code ? unit_code : "", day);
  if (root < 0 || !app_can_read(a, u, root)) rc = dv_fail(e, DV_EFORBIDDEN, 0, "unit", "đơn vị %s ngoài phạm vi của bạn",
                                                           unit_code ? unit_code : "");
  int k = 0;
  for (int i = 0; i < *n; i++) {
    int pos = rc ? -1 : app_unit_pos_on(a, (*rows)[i].unit, day);
    int keep = pos >= 0 && tree_in_subtree(&a->t, root, pos) && (level <= 0 || a->t.level[pos] == level);
    if (keep) (*rows)[k++] = (*rows)[i];
    else free((*rows)[i].before), free((*rows)[i].after);
  }
  *n = k;
  pthread_rwlock_unlock(&a->lock);
  return rc;
}

/* ---------------- audit ---------------- */

int app_audit_list(app *a, const user *u, int limit, int offset, audit_row **rows, int *n, dv_err *e) {
  *rows = NULL;
  *n = 0;
  if (u && u->role != ROLE_ADMIN) return dv_fail(e, DV_EFORBIDDEN, 0, "", "chỉ quản trị viên được xem nhật ký");
  return store_audit_list(app_store(a), limit > 0 ? limit : 100, offset, rows, n, e);
}

void audit_rows_free(audit_row *rows, int n) {
  for (int i = 0; i < n; i++) free(rows[i].before), free(rows[i].after);
  free(rows);
}
