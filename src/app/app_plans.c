/* Plans: import and export of the text format (docs/plans.md), the cascade
 * from an upper plan to the lower plans that took its items up, targets
 * measured live, and the progress of items. Plans are not part of the
 * in-memory model: they are read from the database when asked for, and the
 * model lock is held only to look units up. */
#include "app/app_internal.h"
#include "util/buf.h"
#include "util/esc.h"
#include "util/text.h"
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SAME_SYMBOL_MAX 64 /* plans of one symbol (at different units) looked at */
#define NOTE_MAX 4000
#define EVIDENCE_MAX 1000

void plan_infos_free(plan_info *rows, int n) {
  for (int i = 0; i < n; i++) free(rows[i].title);
  free(rows);
}

void plan_notes_free(plan_note *rows, int n) {
  for (int i = 0; i < n; i++) free(rows[i].note), free(rows[i].evidence);
  free(rows);
}

void target_results_free(target_result *rows, int n) {
  for (int i = 0; i < n; i++) free(rows[i].below);
  free(rows);
}

void plan_cascade_release(plan_cascade *c) {
  free(c->info.title);
  for (int i = 0; i < c->nitems; i++) {
    plan_link *l = &c->items[i];
    free(l->text), free(l->takers), free(l->source_then), free(l->source_now), free(l->source_diff);
  }
  free(c->items);
  memset(c, 0, sizeof *c);
}

/* an error at a line of a file: "FILE: dòng N, "directive": msg" */
static int fail_at(dv_err *e, int code, const char *file, int line, const char *dir, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static int fail_at(dv_err *e, int code, const char *file, int line, const char *dir, const char *fmt, ...) {
  char msg[320];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (dir && *dir) return dv_fail(e, code, line, dir, "%s: dòng %d, \"%s\": %s", file, line, dir, msg);
  return dv_fail(e, code, line, "", "%s: dòng %d: %s", file, line, msg);
}

/* ---------------- access and lookup (caller holds the model lock) ---------------- */

/* a plan of a unit above or below the user's own: a lower unit reads the
 * plan it implements, an upper unit the plans that implement its own */
static int may_read_plan(app *a, const user *u, int pos) {
  if (!u) return 1;
  int up = tree_find_id(&a->t, u->unit_id);
  return up >= 0 && pos >= 0 && (tree_in_subtree(&a->t, up, pos) || tree_in_subtree(&a->t, pos, up));
}

typedef enum { FOUND = 0, NONE = 1, AMBIGUOUS = 2 } lookup;

/* The plan a symbol names. unit_code: exactly that unit's. Else, referred
 * to from a plan at from_pos (>= 0): the plan of the nearest unit above or
 * at from_pos, else the only one. Else the only one. units gets the codes
 * of the candidates when ambiguous. */
static lookup resolve(app *a, store *s, const char *symbol, const char *unit_code, int from_pos, int64_t *id,
                      int *pos, char *units, size_t unitslen) {
  int64_t ids[SAME_SYMBOL_MAX], uids[SAME_SYMBOL_MAX];
  int n = store_plans_by_symbol(s, symbol, ids, uids, SAME_SYMBOL_MAX), best = -1;
  if (n > SAME_SYMBOL_MAX) n = SAME_SYMBOL_MAX;
  int want = unit_code ? app_unit_pos(a, unit_code) : -1;
  for (int i = 0; i < n; i++) {
    int p = tree_find_id(&a->t, uids[i]);
    if (p < 0) continue;
    if (unit_code ? p == want : from_pos >= 0 && tree_in_subtree(&a->t, p, from_pos) && (best < 0 || p > *pos))
      best = i, *pos = p; /* in pre-order the nearest unit above has the greatest position */
  }
  if (best < 0 && !unit_code && n == 1) best = 0, *pos = tree_find_id(&a->t, uids[0]);
  if (best >= 0 && *pos >= 0) return *id = ids[best], FOUND;
  if (unit_code || n < 2) return NONE;
  if (units) {
    buf b;
    buf_init(&b, 0);
    for (int i = 0; i < n && i < 8; i++) {
      int p = tree_find_id(&a->t, uids[i]);
      buf_addf(&b, "%s%s", i ? ", " : "", p >= 0 ? a->t.u[p].code : "?");
    }
    snprintf(units, unitslen, "%s", b.s);
    buf_release(&b);
  }
  return AMBIGUOUS;
}

/* a plan named by the user, which they may read */
static int find_plan(app *a, store *s, const user *u, const char *symbol, const char *unit_code, int64_t *id, int *pos,
                     dv_err *e) {
  char units[256] = "";
  if (!symbol || !*symbol) return dv_fail(e, DV_EINVAL, 0, "plan", "thiếu số, ký hiệu kế hoạch");
  if (unit_code && app_unit_pos(a, unit_code) < 0) return dv_fail(e, DV_ENOTFOUND, 0, "unit", "không có đơn vị mã %s", unit_code);
  switch (resolve(a, s, symbol, unit_code, -1, id, pos, units, sizeof units)) {
  case FOUND: break;
  case NONE:
    if (unit_code) return dv_fail(e, DV_ENOTFOUND, 0, "plan", "đơn vị %s không có kế hoạch %s", unit_code, symbol);
    return dv_fail(e, DV_ENOTFOUND, 0, "plan", "không có kế hoạch %s", symbol);
  case AMBIGUOUS:
    return dv_fail(e, DV_EINVAL, 0, "unit", "có nhiều kế hoạch số %s (của các đơn vị %s): chọn đơn vị (--unit)", symbol, units);
  }
  if (!may_read_plan(a, u, *pos)) return dv_fail(e, DV_EFORBIDDEN, 0, "plan", "kế hoạch %s ngoài phạm vi của bạn", symbol);
  return 0;
}

static void item_deadline(app *a, plan_item *it, int year, int today) {
  it->deadline = plan_due_deadline(&it->due, year, &a->cfg);
  it->overdue = plan_overdue(it->status, it->deadline, today);
}

/* ---------------- import ---------------- */

/* the first line that is not valid UTF-8 (or holds a NUL), 0 if none */
static int bad_utf8_line(const char *text, size_t len) {
  int line = 1;
  for (const char *p = text, *end = text + len; p < end; line++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (!text_valid_utf8(p, n)) return line;
    p += n + 1;
  }
  return 0;
}

static int is_value_target(const plan_target *t) { return !strncmp(t->indicator, "value:", 6); }

/* value:ELEMENT.COMBO -> element and combo */
static void split_value(const char *ind, char *el, size_t ellen, char *combo, size_t combolen) {
  const char *s = ind + 6, *dot = strchr(s, '.');
  snprintf(el, ellen, "%.*s", (int)(dot ? dot - s : (ptrdiff_t)strlen(s)), s);
  snprintf(combo, combolen, "%s", dot ? dot + 1 : "");
}

static int check_target(app *a, const char *file, int pos, int day, const plan_target *t, dv_err *e) {
  if (*t->unit) {
    int tp = app_unit_pos_on(a, t->unit, day);
    if (tp < 0) return fail_at(e, DV_EINVAL, file, t->line, "target", "không có đơn vị mã %s", t->unit);
    if (!tree_in_subtree(&a->t, pos, tp))
      return fail_at(e, DV_EINVAL, file, t->line, "target", "đơn vị %s không thuộc đơn vị ban hành kế hoạch", t->unit);
  }
  int coverage = !strcmp(t->indicator, "models_coverage"), heads = !strcmp(t->indicator, "dialogue_heads");
  int est = !strcmp(t->indicator, "establishments_dossier") || !strcmp(t->indicator, "establishments_certificate");
  if (!coverage && (*t->area || t->min))
    return fail_at(e, DV_EINVAL, file, t->line, "target", "area=, min= chỉ dùng với models_coverage");
  if (!coverage && !heads && (t->level || *t->unit_types))
    return fail_at(e, DV_EINVAL, file, t->line, "target", "level=, unit_type= chỉ dùng với models_coverage và dialogue_heads");
  if (!est && t->base)
    return fail_at(e, DV_EINVAL, file, t->line, "target",
                   "base= chỉ dùng với establishments_dossier và establishments_certificate");
  if (coverage && (!*t->area || !t->level))
    return fail_at(e, DV_EINVAL, file, t->line, "target", "models_coverage cần area= và level= (min= mặc định 1)");
  if (heads && !t->level) return fail_at(e, DV_EINVAL, file, t->line, "target", "dialogue_heads cần level=");
  if (!is_value_target(t)) return 0;
  char el[96], combo[96];
  split_value(t->indicator, el, sizeof el, combo, sizeof combo);
  int ei = catalog_element(&a->cat, el), ci = catalog_combo(&a->cat, combo);
  if (ei < 0) return fail_at(e, DV_EINVAL, file, t->line, "target", "không có chỉ tiêu %s", el);
  if (ci < 0 || !catalog_pair_used(&a->cat, ei, ci))
    return fail_at(e, DV_EINVAL, file, t->line, "target", "chỉ tiêu %s không có phân tổ %s", el, combo);
  if (a->cat.elements[ei].type == VT_TEXT)
    return fail_at(e, DV_EINVAL, file, t->line, "target", "chỉ tiêu %s là văn bản, không so sánh được", el);
  return 0;
}

/* units, leads, partners and targets against the model: the units of the
 * plan's day (a 2024 plan names the 2024 units, a 2026 plan the new ones) */
static int check_units(app *a, const user *u, const char *file, const plan_doc *p, dv_err *e) {
  pthread_rwlock_rdlock(&a->lock);
  int pos = app_unit_pos_on(a, p->unit, p->day), rc = 0;
  if (pos < 0) rc = fail_at(e, DV_EINVAL, file, p->unit_line, "unit", "không có đơn vị mã %s", p->unit);
  else if (!app_can_write(a, u, pos))
    rc = fail_at(e, DV_EFORBIDDEN, file, p->unit_line, "unit", "bạn không được lập kế hoạch cho đơn vị %s", p->unit);
  for (int i = 0; !rc && i < p->nblocks; i++) {
    const plan_item *it = &p->blocks[i].item;
    if (p->blocks[i].kind != PLAN_ITEM) continue;
    if (*it->lead && app_unit_pos_on(a, it->lead, p->day) < 0)
      rc = fail_at(e, DV_EINVAL, file, it->lead_line, "lead", "không có đơn vị mã %s", it->lead);
    for (int k = 0; !rc && k < it->npartners; k++)
      if (app_unit_pos_on(a, it->partners[k], p->day) < 0)
        rc = fail_at(e, DV_EINVAL, file, it->partners_line, "partners", "không có đơn vị mã %s", it->partners[k]);
    for (int k = 0; !rc && k < it->ntargets; k++) rc = check_target(a, file, pos, p->day, &it->targets[k], e);
  }
  pthread_rwlock_unlock(&a->lock);
  return rc;
}

static void target_scope(const plan_doc *p, const plan_target *t, const char **unit, char period_id[8]) {
  *unit = *t->unit ? t->unit : p->unit;
  if (*t->period) snprintf(period_id, 8, "%s", t->period);
  else snprintf(period_id, 8, "%d", p->year);
}

/* an indicator target must compute (its name and parameters are those of
 * the indicator engine): evaluated once, without the model lock held */
static int check_indicators(app *a, const char *file, const plan_doc *p, dv_err *e) {
  for (int i = 0; i < p->nblocks; i++) {
    const plan_item *it = &p->blocks[i].item;
    for (int k = 0; p->blocks[i].kind == PLAN_ITEM && k < it->ntargets; k++) {
      const plan_target *t = &it->targets[k];
      if (is_value_target(t)) continue;
      const char *unit;
      char per[8];
      target_scope(p, t, &unit, per);
      indicator_params ip = {t->area, t->min ? t->min : 1, t->level, *t->unit_types ? t->unit_types : NULL, t->base};
      indicator_result r;
      dv_err sub;
      if (app_indicator(a, NULL, t->indicator, &ip, per, unit, &r, &sub))
        return fail_at(e, DV_EINVAL, file, t->line, "target", "%s", sub.msg);
      indicator_result_release(&r);
    }
  }
  return 0;
}

/* the snapshots a plan being replaced holds, kept for the sources it keeps */
typedef struct snapshot {
  int64_t plan_id;
  char *number, *text;
} snapshot;
typedef struct snapshots {
  snapshot *v;
  int n;
} snapshots;

static void keep_snapshot(void *ctx, const char *number, int64_t source_plan_id, const char *source_symbol,
                          int64_t source_unit_id, const char *source_number, const char *then, const char *now) {
  snapshots *ss = ctx;
  ss->v = xrealloc(ss->v, sizeof(snapshot) * (size_t)(ss->n + 1));
  ss->v[ss->n++] = (snapshot){source_plan_id, xstrdup(source_number), xstrdup(then)};
}

static void snapshots_release(snapshots *ss) {
  for (int i = 0; i < ss->n; i++) free(ss->v[i].number), free(ss->v[i].text);
  free(ss->v);
}

static int resolve_ref(app *a, store *s, const char *file, int line, const char *dir, const char *symbol, int from_pos,
                       int64_t *id, dv_err *e) {
  char units[256] = "";
  int pos;
  switch (resolve(a, s, symbol, NULL, from_pos, id, &pos, units, sizeof units)) {
  case FOUND: return 0;
  case NONE: return fail_at(e, DV_EINVAL, file, line, dir, "chưa có kế hoạch %s (nhập kế hoạch cấp trên trước)", symbol);
  case AMBIGUOUS:
    return fail_at(e, DV_EINVAL, file, line, dir,
                   "có nhiều kế hoạch số %s (của các đơn vị %s), không có kế hoạch nào của đơn vị cấp trên", symbol, units);
  }
  return 0;
}

/* basis and sources: they must exist; each source item gets its snapshot */
static int link_plan(app *a, store *s, const char *file, plan_doc *p, int pos, int64_t id, int64_t *basis_id,
                     int64_t *source_ids, dv_err *e) {
  *basis_id = 0;
  if (*p->basis) {
    if (resolve_ref(a, s, file, p->basis_line, "basis", p->basis, pos, basis_id, e)) return DV_EINVAL;
    for (int64_t k = *basis_id, steps = 0; id && k && steps < 1000; k = store_plan_basis_id(s, k), steps++)
      if (k == id) return fail_at(e, DV_EINVAL, file, p->basis_line, "basis", "căn cứ vòng quanh: kế hoạch %s lại căn cứ vào kế hoạch này", p->basis);
  }
  snapshots old = {NULL, 0};
  if (id) store_plan_sources(s, id, keep_snapshot, &old);
  int rc = 0;
  for (int i = 0; !rc && i < p->nblocks; i++) {
    plan_item *it = &p->blocks[i].item;
    if (p->blocks[i].kind != PLAN_ITEM || !*it->source_plan) continue;
    rc = resolve_ref(a, s, file, it->source_line, "source", it->source_plan, pos, &source_ids[i], e);
    if (rc) break;
    if (source_ids[i] == id) {
      rc = fail_at(e, DV_EINVAL, file, it->source_line, "source", "một mục không lấy từ chính kế hoạch này");
      break;
    }
    char *now;
    if (store_plan_item_text(s, source_ids[i], it->source_number, &now)) {
      rc = fail_at(e, DV_EINVAL, file, it->source_line, "source", "kế hoạch %s không có mục %s", it->source_plan,
                   it->source_number);
      break;
    }
    free(it->source_text);
    it->source_text = now; /* taken up now, unless the plan being replaced took it up before */
    for (int k = 0; k < old.n; k++)
      if (old.v[k].plan_id == source_ids[i] && !strcmp(old.v[k].number, it->source_number)) {
        free(it->source_text);
        it->source_text = xstrdup(old.v[k].text);
        break;
      }
  }
  snapshots_release(&old);
  return rc;
}

static char *audit_text(store *s, int64_t id, const plan_doc *p) {
  plan_doc old;
  int have_old = id && !store_plan_load(s, id, &old, NULL);
  buf b, t;
  buf_init(&b, 0);
  buf_init(&t, 0);
  plan_print(have_old ? &old : p, &t);
  buf_adds(&b, "{\"symbol\":");
  esc_json(&b, p->symbol);
  buf_adds(&b, ",\"unit\":");
  esc_json(&b, p->unit);
  buf_adds(&b, ",\"text\":");
  esc_json(&b, t.s);
  buf_addc(&b, '}');
  buf_release(&t);
  if (have_old) plan_doc_release(&old);
  return buf_detach(&b, NULL);
}

static int write_plan(app *a, const user *u, const char *file, plan_doc *p, int replace, dv_err *e) {
  store *s = app_store(a);
  int64_t *source_ids = xcalloc((size_t)p->nblocks + 1, sizeof *source_ids);
  int64_t id = 0, basis_id = 0, ids[SAME_SYMBOL_MAX], uids[SAME_SYMBOL_MAX];
  char *before = NULL;
  pthread_rwlock_rdlock(&a->lock);
  int pos = app_unit_pos_on(a, p->unit, p->day), began = 0, rc = 0;
  if (pos < 0) rc = fail_at(e, DV_EINVAL, file, p->unit_line, "unit", "không có đơn vị mã %s", p->unit);
  if (!rc) rc = store_begin(s, e), began = !rc;
  if (!rc) {
    int n = store_plans_by_symbol(s, p->symbol, ids, uids, SAME_SYMBOL_MAX);
    for (int i = 0; i < n && i < SAME_SYMBOL_MAX; i++)
      if (uids[i] == a->t.u[pos].id) id = ids[i];
    if (id && !replace)
      rc = fail_at(e, DV_ECONFLICT, file, p->symbol_line, "plan",
                   "đơn vị %s đã có kế hoạch %s (nhập lại với --replace để thay nội dung)", p->unit, p->symbol);
  }
  int existed = id != 0;
  if (!rc) rc = link_plan(a, s, file, p, pos, id, &basis_id, source_ids, e);
  if (!rc && existed) before = audit_text(s, id, p);
  if (!rc) rc = store_plan_save(s, &id, p, a->t.u[pos].id, basis_id, source_ids, e);
  if (!rc) {
    char *after = audit_text(s, 0, p);
    int64_t uid;
    const char *login;
    actor_of(u, &uid, &login);
    rc = store_audit(s, uid, login, existed ? "plan.replace" : "plan.import", "plan", id, before, after, e);
    free(after);
  }
  if (!rc) rc = store_commit(s, e);
  if (rc && began) store_rollback(s);
  pthread_rwlock_unlock(&a->lock);
  free(before);
  free(source_ids);
  return rc;
}

int app_plan_import(app *a, const user *u, const char *file, const char *text, size_t len, int replace, dv_err *e) {
  int bad = bad_utf8_line(text, len);
  if (bad) return fail_at(e, DV_EINVAL, file, bad, "", "không phải UTF-8 hợp lệ");
  plan_doc p;
  plan_error pe;
  int rc = 0;
  if (plan_parse(&p, text, len, &pe)) rc = fail_at(e, DV_EINVAL, file, pe.line, pe.directive, "%s", pe.msg);
  if (!rc) rc = check_units(a, u, file, &p, e);
  if (!rc) rc = check_indicators(a, file, &p, e);
  if (!rc) rc = write_plan(a, u, file, &p, replace, e);
  plan_doc_release(&p);
  return rc;
}

/* ---------------- reading ---------------- */

int app_plan_export(app *a, const user *u, const char *symbol, const char *unit_code, buf *out, dv_err *e) {
  store *s = app_store(a);
  int64_t id;
  int pos;
  pthread_rwlock_rdlock(&a->lock);
  int rc = find_plan(a, s, u, symbol, unit_code, &id, &pos, e);
  pthread_rwlock_unlock(&a->lock);
  if (rc) return rc;
  plan_doc p;
  if (store_plan_load(s, id, &p, NULL)) return dv_fail(e, DV_ENOTFOUND, 0, "plan", "không có kế hoạch %s", symbol);
  plan_print(&p, out);
  plan_doc_release(&p);
  return 0;
}

typedef struct overdue_ctx {
  app *a;
  plan_info *rows;
  int n, today;
} overdue_ctx;

static void count_overdue(void *ctx, int64_t plan_id, int year, const char *number, const char *due, const char *status) {
  overdue_ctx *oc = ctx;
  plan_item it;
  memset(&it, 0, sizeof it);
  if (*due && plan_due_parse(due, &it.due)) return;
  plan_status_parse(status, &it.status);
  item_deadline(oc->a, &it, year, oc->today);
  if (!it.overdue) return;
  for (int i = 0; i < oc->n; i++)
    if (oc->rows[i].id == plan_id) {
      oc->rows[i].overdue++;
      return;
    }
}

/* every plan with its overdue count; no access filter */
static void list_all(app *a, store *s, int64_t only, plan_info **rows, int *n) {
  store_plan_list(s, rows, n);
  overdue_ctx oc = {a, *rows, *n, app_today(a)};
  if (only) { /* one plan: count only its items */
    for (int i = 0; i < *n; i++)
      if ((*rows)[i].id == only) oc.rows = &(*rows)[i], oc.n = 1;
  }
  store_plan_items_scan(s, only, count_overdue, &oc);
}

static void name_units(app *a, plan_info *r) {
  int p = tree_find_id(&a->t, r->unit_id);
  snprintf(r->unit_name, sizeof r->unit_name, "%s", p >= 0 ? a->t.u[p].name : "");
}

int app_plan_list(app *a, const user *u, plan_info **rows, int *n, dv_err *e) {
  store *s = app_store(a);
  plan_info *all;
  int nall;
  list_all(a, s, 0, &all, &nall);
  *rows = xcalloc((size_t)nall + 1, sizeof **rows);
  *n = 0;
  pthread_rwlock_rdlock(&a->lock);
  for (int i = 0; i < nall; i++) {
    if (!may_read_plan(a, u, tree_find_id(&a->t, all[i].unit_id))) {
      free(all[i].title);
      continue;
    }
    name_units(a, &all[i]);
    (*rows)[(*n)++] = all[i];
  }
  pthread_rwlock_unlock(&a->lock);
  free(all);
  (void)e;
  return 0;
}

/* the plan's row of the list */
static void plan_info_of(app *a, store *s, int64_t id, plan_info *info) {
  plan_info *all;
  int n;
  memset(info, 0, sizeof *info);
  list_all(a, s, id, &all, &n);
  for (int i = 0; i < n; i++) {
    if (all[i].id == id) {
      *info = all[i];
      all[i].title = NULL;
      pthread_rwlock_rdlock(&a->lock);
      name_units(a, info);
      pthread_rwlock_unlock(&a->lock);
    }
  }
  plan_infos_free(all, n);
}

int app_plan_get(app *a, const user *u, const char *symbol, const char *unit_code, plan_doc *out, plan_info *info,
                 dv_err *e) {
  store *s = app_store(a);
  int64_t id;
  int pos;
  plan_doc_init(out);
  pthread_rwlock_rdlock(&a->lock);
  int rc = find_plan(a, s, u, symbol, unit_code, &id, &pos, e);
  pthread_rwlock_unlock(&a->lock);
  if (rc) return rc;
  if (store_plan_load(s, id, out, NULL)) return dv_fail(e, DV_ENOTFOUND, 0, "plan", "không có kế hoạch %s", symbol);
  int today = app_today(a);
  for (int i = 0; i < out->nblocks; i++)
    if (out->blocks[i].kind == PLAN_ITEM) item_deadline(a, &out->blocks[i].item, out->year, today);
  if (info) plan_info_of(a, s, id, info);
  return 0;
}

/* ---------------- cascade ---------------- */

typedef struct cascade_ctx {
  app *a;
  const user *u;
  plan_cascade *c;
  int today;
} cascade_ctx;

static plan_link *link_of(plan_cascade *c, const char *number) {
  for (int i = 0; i < c->nitems; i++)
    if (!strcmp(c->items[i].number, number)) return &c->items[i];
  return NULL;
}

static void add_taker(void *ctx, int64_t plan_id, const char *symbol, int64_t unit_id, int year, const char *number,
                      const char *due, const char *status, const char *source_number, const char *source_text) {
  cascade_ctx *cc = ctx;
  app *a = cc->a;
  plan_link *l = link_of(cc->c, source_number);
  int pos = tree_find_id(&a->t, unit_id);
  if (!l || pos < 0 || !may_read_plan(a, cc->u, pos)) return;
  l->takers = xrealloc(l->takers, sizeof(plan_taker) * (size_t)(l->ntakers + 1));
  plan_taker *t = &l->takers[l->ntakers++];
  memset(t, 0, sizeof *t);
  snprintf(t->plan, sizeof t->plan, "%s", symbol);
  snprintf(t->unit, sizeof t->unit, "%s", a->t.u[pos].code);
  snprintf(t->unit_name, sizeof t->unit_name, "%s", a->t.u[pos].name);
  snprintf(t->number, sizeof t->number, "%s", number);
  plan_item it;
  memset(&it, 0, sizeof it);
  if (*due) plan_due_parse(due, &it.due);
  plan_status_parse(status, &it.status);
  item_deadline(a, &it, year, cc->today);
  t->status = it.status;
  t->overdue = it.overdue;
  t->outdated = strcmp(source_text, l->text) != 0;
  (void)plan_id;
}

static void add_source(void *ctx, const char *number, int64_t source_plan_id, const char *source_symbol,
                       int64_t source_unit_id, const char *source_number, const char *then, const char *now) {
  cascade_ctx *cc = ctx;
  plan_link *l = link_of(cc->c, number);
  int pos = tree_find_id(&cc->a->t, source_unit_id);
  if (!l) return;
  snprintf(l->source_plan, sizeof l->source_plan, "%s", source_symbol);
  snprintf(l->source_unit, sizeof l->source_unit, "%s", pos >= 0 ? cc->a->t.u[pos].code : "");
  snprintf(l->source_number, sizeof l->source_number, "%s", source_number);
  l->source_then = xstrdup(then);
  l->source_now = now ? xstrdup(now) : NULL;
  l->source_changed = !now || strcmp(then, now) != 0;
  l->source_diff = l->source_changed ? plan_word_diff(then, now ? now : "") : NULL;
  (void)source_plan_id;
}

int app_plan_cascade(app *a, const user *u, const char *symbol, const char *unit_code, plan_cascade *out, dv_err *e) {
  memset(out, 0, sizeof *out);
  plan_doc p;
  int rc = app_plan_get(a, u, symbol, unit_code, &p, &out->info, e);
  if (rc) return rc;
  out->items = xcalloc((size_t)p.nblocks + 1, sizeof *out->items);
  for (int i = 0; i < p.nblocks; i++) {
    const plan_block *b = &p.blocks[i];
    if (b->kind != PLAN_ITEM) continue;
    plan_link *l = &out->items[out->nitems++];
    snprintf(l->number, sizeof l->number, "%s", b->item.number);
    l->text = xstrdup(b->text);
    l->status = b->item.status;
    l->overdue = b->item.overdue;
  }
  plan_doc_release(&p);
  store *s = app_store(a);
  cascade_ctx cc = {a, u, out, app_today(a)};
  pthread_rwlock_rdlock(&a->lock);
  store_plan_takers(s, out->info.id, add_taker, &cc);
  store_plan_sources(s, out->info.id, add_source, &cc);
  pthread_rwlock_unlock(&a->lock);
  return 0;
}

/* ---------------- targets ---------------- */

/* how far a value is from meeting the target: the larger, the worse */
static double shortfall(const plan_target *t, double v) {
  switch (t->cmp) {
  case PLAN_CMP_GE:
  case PLAN_CMP_GT: return t->threshold - v;
  case PLAN_CMP_LE:
  case PLAN_CMP_LT: return v - t->threshold;
  case PLAN_CMP_EQ: return fabs(v - t->threshold);
  }
  return 0;
}

static void add_below(target_result *r, const char *unit, const char *name, double v) {
  if (isnan(v) || plan_target_state(r->t.cmp, r->t.threshold, v) != TARGET_NOT_YET) return;
  r->below = xrealloc(r->below, sizeof(target_child) * (size_t)(r->nbelow + 1));
  int i = r->nbelow++;
  while (i > 0 && shortfall(&r->t, r->below[i - 1].value) < shortfall(&r->t, v)) { /* worst first */
    r->below[i] = r->below[i - 1];
    i--;
  }
  target_child *c = &r->below[i];
  snprintf(c->unit, sizeof c->unit, "%s", unit);
  snprintf(c->unit_name, sizeof c->unit_name, "%s", name);
  c->value = v;
}

static double parse_value(const char *s) {
  char *end;
  errno = 0;
  double v = *s ? strtod(s, &end) : NAN;
  return *s && !*end && !errno && isfinite(v) ? v : NAN;
}

static void eval_value(app *a, const user *u, const char *unit, const char *period_id, target_result *r) {
  char el[96], combo[96], v[256];
  split_value(r->t.indicator, el, sizeof el, combo, sizeof combo);
  r->numerator = r->denominator = NAN;
  if (app_value_get(a, u, el, combo, period_id, unit, v, sizeof v)) {
    snprintf(r->error, sizeof r->error, "đơn vị %s ngoài phạm vi của bạn", unit);
    return;
  }
  r->value = parse_value(v);
  if (isnan(r->value))
    snprintf(r->error, sizeof r->error, *v ? "giá trị \"%s\" không phải số" : "đơn vị chưa nhập giá trị%s", v);
  /* the children's own values */
  period p;
  int first = 0, last = 0, nkids = 0;
  char(*kids)[2][160] = NULL;
  if (period_parse(period_id, &p)) return;
  period_window(&p, &a->cfg, &first, &last);
  pthread_rwlock_rdlock(&a->lock);
  int pos = app_unit_pos(a, unit);
  for (int c = pos + 1; pos >= 0 && c < a->t.u[pos].end; c = a->t.u[c].end) {
    if (!unit_valid_during(&a->t.u[c], first, last)) continue;
    kids = xrealloc(kids, sizeof *kids * (size_t)(nkids + 1));
    snprintf(kids[nkids][0], 160, "%s", a->t.u[c].code);
    snprintf(kids[nkids][1], 160, "%s", a->t.u[c].name);
    nkids++;
  }
  pthread_rwlock_unlock(&a->lock);
  for (int i = 0; i < nkids; i++)
    if (!app_value_get(a, u, el, combo, period_id, kids[i][0], v, sizeof v)) add_below(r, kids[i][0], kids[i][1], parse_value(v));
  free(kids);
}

static void eval_indicator(app *a, const user *u, const char *unit, const char *period_id, target_result *r) {
  indicator_params ip = {r->t.area, r->t.min ? r->t.min : 1, r->t.level, *r->t.unit_types ? r->t.unit_types : NULL,
                         r->t.base};
  indicator_result ir;
  dv_err sub;
  r->value = r->numerator = r->denominator = NAN;
  if (app_indicator(a, u, r->t.indicator, &ip, period_id, unit, &ir, &sub)) {
    snprintf(r->error, sizeof r->error, "%s", sub.msg);
    return;
  }
  r->value = ir.total.value;
  r->numerator = ir.total.numerator;
  r->denominator = ir.total.denominator;
  if (isnan(r->value)) snprintf(r->error, sizeof r->error, "mẫu số bằng 0: chưa có dữ liệu");
  for (int i = 0; i < ir.nchildren; i++) add_below(r, ir.children[i].unit, ir.children[i].unit_name, ir.children[i].value);
  indicator_result_release(&ir);
}

int app_plan_targets(app *a, const user *u, const char *symbol, const char *unit_code, target_result **rows, int *n,
                     dv_err *e) {
  plan_doc p;
  *rows = NULL;
  *n = 0;
  int rc = app_plan_get(a, u, symbol, unit_code, &p, NULL, e);
  if (rc) return rc;
  for (int i = 0; i < p.nblocks; i++) {
    const plan_item *it = &p.blocks[i].item;
    for (int k = 0; p.blocks[i].kind == PLAN_ITEM && k < it->ntargets; k++) {
      *rows = xrealloc(*rows, sizeof(target_result) * (size_t)(*n + 1));
      target_result *r = &(*rows)[(*n)++];
      memset(r, 0, sizeof *r);
      snprintf(r->item, sizeof r->item, "%s", it->number);
      r->t = it->targets[k];
      const char *unit;
      target_scope(&p, &r->t, &unit, r->period);
      snprintf(r->unit, sizeof r->unit, "%s", unit);
      pthread_rwlock_rdlock(&a->lock);
      int pos = app_unit_pos(a, unit);
      snprintf(r->unit_name, sizeof r->unit_name, "%s", pos >= 0 ? a->t.u[pos].name : "");
      pthread_rwlock_unlock(&a->lock);
      if (is_value_target(&r->t)) eval_value(a, u, unit, r->period, r);
      else eval_indicator(a, u, unit, r->period, r);
      r->state = plan_target_state(r->t.cmp, r->t.threshold, r->value);
    }
  }
  plan_doc_release(&p);
  return 0;
}

/* ---------------- progress ---------------- */

/* "REGISTER:ID" of a record the user may read, or an http(s) URL */
static int check_evidence(app *a, store *s, const user *u, const char *ev, dv_err *e) {
  if (strlen(ev) > EVIDENCE_MAX) return dv_fail(e, DV_EINVAL, 0, "evidence", "liên kết minh chứng quá dài");
  for (const char *p = ev; *p; p++)
    if ((unsigned char)*p <= ' ') return dv_fail(e, DV_EINVAL, 0, "evidence", "liên kết minh chứng không được có dấu cách");
  if (!strncmp(ev, "https://", 8) || !strncmp(ev, "http://", 7)) return 0;
  const char *colon = strchr(ev, ':');
  char reg[64], *end;
  if (!colon || colon - ev >= (ptrdiff_t)sizeof reg)
    return dv_fail(e, DV_EINVAL, 0, "evidence", "minh chứng phải là SỔ:SỐ (vd. documents:12) hoặc một địa chỉ http(s)");
  snprintf(reg, sizeof reg, "%.*s", (int)(colon - ev), ev);
  errno = 0;
  long long id = strtoll(colon + 1, &end, 10);
  const reg_def *r = app_register(a, reg);
  if (!r) return dv_fail(e, DV_EINVAL, 0, "evidence", "không có sổ %s", reg);
  int64_t unit_id;
  char *data = NULL, *priv = NULL;
  int missing = !colon[1] || *end || errno || id <= 0 || store_record_get(s, r->code, id, &unit_id, &data, &priv, NULL);
  free(data);
  free(priv);
  if (missing) return dv_fail(e, DV_EINVAL, 0, "evidence", "sổ %s không có bản ghi số %s", reg, colon + 1);
  if (!app_can_read(a, u, tree_find_id(&a->t, unit_id)))
    return dv_fail(e, DV_EFORBIDDEN, 0, "evidence", "bản ghi %s ngoài phạm vi của bạn", ev);
  return 0;
}

typedef struct source_state {
  const char *number;
  int found, gone;
} source_state;

static void find_source(void *ctx, const char *number, int64_t source_plan_id, const char *source_symbol,
                        int64_t source_unit_id, const char *source_number, const char *then, const char *now) {
  source_state *ss = ctx;
  if (strcmp(number, ss->number)) return;
  ss->found = 1;
  ss->gone = now == NULL;
}

static char *item_audit(const char *number, const char *status, const char *note, const char *evidence, int ack) {
  buf b;
  buf_init(&b, 0);
  buf_adds(&b, "{\"item\":");
  esc_json(&b, number);
  buf_adds(&b, ",\"status\":");
  esc_json(&b, status);
  if (note && *note) buf_adds(&b, ",\"note\":"), esc_json(&b, note);
  if (evidence && *evidence) buf_adds(&b, ",\"evidence\":"), esc_json(&b, evidence);
  if (ack) buf_adds(&b, ",\"ack_source\":true");
  buf_addc(&b, '}');
  return buf_detach(&b, NULL);
}

/* checks the change and writes it; caller holds the model lock */
static int update_item(app *a, store *s, const user *u, int64_t id, int pos, const plan_doc *p, const char *number,
                       const plan_status *status, const char *note, const char *evidence, int ack, dv_err *e) {
  const plan_block *b = plan_find_item(p, number);
  if (!b) return dv_fail(e, DV_ENOTFOUND, 0, "item", "kế hoạch %s không có mục %s", p->symbol, number);
  const plan_item *it = &b->item;
  int lead = *it->lead ? app_unit_pos(a, it->lead) : -1;
  if (u && !app_can_write(a, u, pos) && !(lead >= 0 && app_can_write(a, u, lead)))
    return dv_fail(e, DV_EFORBIDDEN, 0, "user", "chỉ cán bộ của đơn vị ban hành hoặc đơn vị chủ trì được cập nhật mục %s", number);
  if (evidence && *evidence && check_evidence(a, s, u, evidence, e)) return e->code;
  if (ack) {
    source_state ss = {number, 0, 0};
    store_plan_sources(s, id, find_source, &ss);
    if (!ss.found) return dv_fail(e, DV_EINVAL, 0, "item", "mục %s không lấy từ kế hoạch cấp trên", number);
    if (ss.gone) return dv_fail(e, DV_ECONFLICT, 0, "item", "mục nguồn %s %s không còn trong kế hoạch cấp trên", it->source_plan, it->source_number);
  }
  const char *to = plan_status_name(status ? *status : it->status);
  char *before = item_audit(number, plan_status_name(it->status), NULL, NULL, 0);
  char *after = item_audit(number, to, note, evidence, ack);
  int64_t uid;
  const char *login;
  actor_of(u, &uid, &login);
  int rc = store_begin(s, e);
  if (!rc && status) rc = store_plan_item_status(s, id, number, to, e);
  if (!rc && ack) rc = store_plan_item_ack(s, id, number, e);
  if (!rc) rc = store_plan_note_add(s, id, number, app_today(a), uid, login, to, note, evidence, e);
  if (!rc) rc = store_audit(s, uid, login, "plan.item", "plan", id, before, after, e);
  if (!rc) rc = store_commit(s, e);
  else store_rollback(s);
  free(before);
  free(after);
  return rc;
}

int app_plan_item_update(app *a, const user *u, const char *symbol, const char *unit_code, const char *number,
                         const char *status, const char *note, const char *evidence, int ack_source, dv_err *e) {
  plan_status st;
  if (!number || !*number) return dv_fail(e, DV_EINVAL, 0, "item", "thiếu số mục");
  if (status && plan_status_parse(status, &st)) {
    if (!strcmp(status, "overdue")) return dv_fail(e, DV_EINVAL, 0, "status", "\"overdue\" (quá hạn) được tính từ thời hạn");
    return dv_fail(e, DV_EINVAL, 0, "status", "trạng thái không hợp lệ: %s (not_started, in_progress, done)", status);
  }
  if (note && (strlen(note) > NOTE_MAX || !text_valid_utf8(note, strlen(note))))
    return dv_fail(e, DV_EINVAL, 0, "note", "ghi chú quá dài (tối đa %d byte) hoặc không phải UTF-8", NOTE_MAX);
  if (!status && !(note && *note) && !(evidence && *evidence) && !ack_source)
    return dv_fail(e, DV_EINVAL, 0, "", "không có gì để cập nhật (trạng thái, ghi chú, minh chứng)");
  store *s = app_store(a);
  int64_t id;
  int pos;
  pthread_rwlock_rdlock(&a->lock);
  int rc = find_plan(a, s, u, symbol, unit_code, &id, &pos, e);
  plan_doc p;
  plan_doc_init(&p);
  if (!rc && store_plan_load(s, id, &p, NULL)) rc = dv_fail(e, DV_ENOTFOUND, 0, "plan", "không có kế hoạch %s", symbol);
  if (!rc) rc = update_item(a, s, u, id, pos, &p, number, status ? &st : NULL, note, evidence, ack_source, e);
  pthread_rwlock_unlock(&a->lock);
  plan_doc_release(&p);
  return rc;
}

int app_plan_notes(app *a, const user *u, const char *symbol, const char *unit_code, const char *number,
                   plan_note **rows, int *n, dv_err *e) {
  store *s = app_store(a);
  int64_t id;
  int pos;
  *rows = NULL;
  *n = 0;
  pthread_rwlock_rdlock(&a->lock);
  int rc = find_plan(a, s, u, symbol, unit_code, &id, &pos, e);
  pthread_rwlock_unlock(&a->lock);
  return rc ? rc : store_plan_notes(s, id, number ? number : "", rows, n);
}
