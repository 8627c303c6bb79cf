/* Units through time: codes resolved on a day, the successors of closed
 * units (a reform's mapping), and the views that count a period's work on
 * the tree of another day. */
#include "app/app_internal.h"
#include "util/buf.h"
#include "util/esc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int app_unit_pos_on(app *a, const char *code, int day) {
  if (!code) return -1;
  return day > 0 ? tree_find_code_on(&a->t, code, day) : tree_find_code(&a->t, code);
}

int app_unit_pos_period(app *a, const char *code, const char *period_id) {
  period p;
  if (!period_id || period_parse(period_id, &p)) return app_unit_pos_on(a, code, 0);
  return app_unit_pos_on(a, code, app_period_day(a, &p));
}

int app_unit_pos_readable(app *a, const user *u, const char *code, const char *period_id) {
  int pos = app_unit_pos_period(a, code, period_id), first = pos;
  if (period_id && *period_id) return pos;
  while (pos >= 0 && !app_can_read(a, u, pos)) pos = tree_find_code_before(&a->t, code, a->t.u[pos].valid_from);
  return pos >= 0 ? pos : first;
}

const tree_edition *app_period_edition(app *a, const char *period_id) {
  period p;
  return tree_edition_on(&a->t, !period_id || period_parse(period_id, &p) ? 0 : app_period_day(a, &p));
}

int app_unit_resolve(app *a, const char *code, int day, int *pos, dv_err *e) {
  *pos = app_unit_pos_on(a, code, day);
  if (*pos >= 0) return 0;
  const tree *t = &a->t;
  int any = code ? tree_find_code(t, code) : -1;
  char d[11], d2[11];
  date_format_vn(day, d);
  if (any < 0) return dv_fail(e, DV_ENOTFOUND, 0, "unit", "không có đơn vị mã %s", code ? code : "");
  int old = tree_find_code_before(t, code, day + 1);
  if (old >= 0) {
    date_format_vn(t->u[old].valid_to + 1, d2);
    int next = tree_target_on(t, old, day);
    if (next >= 0 && next != old)
      return dv_fail(e, DV_EINVAL, 0, "unit", "đơn vị %s không còn từ %s (%s; nay thuộc %s %s)", code, d2, t->u[old].name,
                     t->u[next].code, t->u[next].name);
    return dv_fail(e, DV_EINVAL, 0, "unit", "đơn vị %s không còn từ %s (%s)", code, d2, t->u[old].name);
  }
  date_format_vn(t->u[any].valid_from, d2);
  return dv_fail(e, DV_EINVAL, 0, "unit", "đơn vị %s chưa có ngày %s (%s có từ %s)", code, d, t->u[any].name, d2);
}

/* the refusal of a unit outside the user's area; when the code is the
 * user's own and their unit does not exist on the day (a ward dissolved in
 * 2025 asked for 2026, or a new ward for 2024), says so instead */
int app_unit_forbidden(app *a, const user *u, const char *code, int pos, int day, dv_err *e) {
  const tree *t = &a->t;
  int up = u ? tree_find_id(t, u->unit_id) : -1;
  if (up < 0 || unit_valid_on(&t->u[up], day) || (pos >= 0 && strcmp(t->u[pos].code, t->u[up].code)))
    return dv_fail(e, DV_EFORBIDDEN, 0, "unit", "đơn vị %s ngoài phạm vi của bạn", code ? code : "");
  const unit_node *m = &t->u[up];
  char d[11];
  if (day < m->valid_from) {
    date_format_vn(m->valid_from, d);
    return dv_fail(e, DV_EFORBIDDEN, 0, "unit", "đơn vị của bạn (%s %s) có từ %s, sau kỳ này%s%s", m->code, m->name, d,
                   pos >= 0 ? "; mã này trong kỳ là " : "", pos >= 0 ? t->u[pos].name : "");
  }
  date_format_vn(m->valid_to + 1, d);
  int next = tree_target_on(t, up, day);
  if (next >= 0 && next != up)
    return dv_fail(e, DV_EFORBIDDEN, 0, "unit",
                   "đơn vị của bạn (%s %s) không còn từ %s; nay thuộc %s %s. Quản trị viên chuyển tài khoản sang "
                   "đơn vị mới (trang Sắp xếp đơn vị)", m->code, m->name, d, t->u[next].code, t->u[next].name);
  return dv_fail(e, DV_EFORBIDDEN, 0, "unit", "đơn vị của bạn (%s %s) không còn từ %s", m->code, m->name, d);
}

int app_unit_unwritable(app *a, const user *u, const char *code, int pos, int day, dv_err *e) {
  if (!app_can_read(a, u, pos)) return app_unit_forbidden(a, u, code, pos, day, e);
  return dv_fail(e, DV_EFORBIDDEN, 0, "unit", "tài khoản %s (%s) chỉ được xem, không có quyền ghi số liệu, văn bản của đơn vị %s",
                 u ? u->login : "", role_label_vn(u ? u->role : ROLE_VIEWER), code ? code : "");
}

/* ---------------- successors ---------------- */

typedef struct succ_ctx {
  tree *t;
} succ_ctx;

static void load_successor(void *ctx, int64_t old_id, int64_t new_id, const char *share, int primary) {
  tree *t = ((succ_ctx *)ctx)->t;
  (void)share;
  int o = tree_find_id(t, old_id), n = tree_find_id(t, new_id);
  if (primary && o >= 0 && n >= 0 && o != n) t->succ[o] = n;
}

void app_successors_load(app *a, store *s) {
  succ_ctx c = {&a->t};
  store_successors_load(s, load_successor, &c);
}

typedef struct list_ctx {
  app *a;
  int old_pos;
  successor_row *rows;
  int n;
} list_ctx;

static void list_successor(void *ctx, int64_t old_id, int64_t new_id, const char *share, int primary) {
  list_ctx *c = ctx;
  const tree *t = &c->a->t;
  int o = tree_find_id(t, old_id), n = tree_find_id(t, new_id);
  if (o < 0 || n < 0 || (c->old_pos >= 0 && o != c->old_pos)) return;
  c->rows = xrealloc(c->rows, sizeof *c->rows * (size_t)(c->n + 1));
  successor_row *r = &c->rows[c->n++];
  memset(r, 0, sizeof *r);
  r->old_pos = o, r->new_pos = n, r->primary = primary;
  snprintf(r->share, sizeof r->share, "%s", share ? share : "");
}

int app_successor_list(app *a, int old_pos, successor_row **rows, int *n) {
  list_ctx c = {a, old_pos, NULL, 0};
  store_successors_load(app_store(a), list_successor, &c);
  *rows = c.rows;
  *n = c.n;
  return 0;
}

static int may_map(const user *u) { return !u || u->role == ROLE_ADMIN; }

int app_successor_choose(app *a, const user *u, const char *old_code, const char *new_code, int day, dv_err *e) {
  if (!may_map(u)) return dv_fail(e, DV_EFORBIDDEN, 0, "", "chỉ quản trị viên chọn đơn vị kế tiếp");
  store *s = app_store(a);
  pthread_rwlock_wrlock(&a->lock);
  const tree *t = &a->t;
  int o = old_code ? tree_find_code_before(t, old_code, day) : -1;
  int n = new_code ? tree_find_code_on(t, new_code, day) : -1, rc = 0;
  char d[11];
  date_format_vn(day, d);
  if (o < 0) rc = dv_fail(e, DV_ENOTFOUND, 0, "old", "không có đơn vị %s kết thúc trước %s", old_code ? old_code : "", d);
  else if (n < 0) rc = dv_fail(e, DV_ENOTFOUND, 0, "new", "không có đơn vị %s có hiệu lực ngày %s", new_code ? new_code : "", d);
  else if (t->u[o].valid_to + 1 != day)
    rc = dv_fail(e, DV_EINVAL, 0, "old", "đơn vị %s kết thúc ngày khác (không phải ngày trước %s)", old_code, d);
  int64_t before = !rc && t->succ[o] >= 0 ? t->u[t->succ[o]].id : 0;
  if (!rc) rc = store_begin(s, e);
  if (!rc) {
    successor_row *rows;
    int nr, listed = 0;
    app_successor_list(a, o, &rows, &nr);
    for (int i = 0; i < nr; i++) listed |= rows[i].new_pos == n;
    free(rows);
    rc = listed ? 0 : store_successor_put(s, t->u[o].id, t->u[n].id, "whole", 1, e);
    if (!rc) rc = store_successor_set_primary(s, t->u[o].id, t->u[n].id, e);
    char b[96], af[96];
    snprintf(b, sizeof b, "{\"successor\":\"%s\"}", before ? t->u[tree_find_id(t, before)].code : "");
    snprintf(af, sizeof af, "{\"successor\":\"%s\"}", t->u[n].code);
    int64_t uid;
    const char *login;
    actor_of(u, &uid, &login);
    if (!rc) rc = store_audit(s, uid, login, "unit.successor", "unit", t->u[o].id, b, af, e);
    if (!rc) rc = store_commit(s, e);
    else store_rollback(s);
    if (!rc) rc = app_model_load(a, s, e);
  }
  pthread_rwlock_unlock(&a->lock);
  return rc;
}

/* ---------------- views ---------------- */

/* A view is built once per (day, window) and kept until the model is
 * reloaded (under the write lock, so no reader holds one then): building
 * one is a pass over the tree and a sort, more than a national annex
 * costs. When the cache is full the view is built into *scratch, which the
 * caller releases when the returned pointer is scratch. */
const tview *app_view(app *a, int day, int first, int last, tview *scratch) {
  pthread_mutex_lock(&a->views_lock);
  tview *v = NULL;
  for (int i = 0; i < a->nviews && !v; i++)
    if (a->views[i]->day == day && a->views[i]->first == first && a->views[i]->last == last) v = a->views[i];
  if (!v && a->nviews < APP_MAX_VIEWS) {
    v = xmalloc(sizeof *v);
    tview_build(v, &a->t, day, first, last);
    a->views[a->nviews++] = v;
  }
  pthread_mutex_unlock(&a->views_lock);
  if (v) return v;
  tview_build(scratch, &a->t, day, first, last);
  return scratch;
}

void app_views_release(app *a) {
  for (int i = 0; i < a->nviews; i++) {
    tview_release(a->views[i]);
    free(a->views[i]);
  }
  a->nviews = 0;
}

/* ---------------- names of bodies ---------------- */

static void load_body(void *ctx, const char *body, int from_day, const char *name, const char *abbrev) {
  app *a = ctx;
  a->bodies = xrealloc(a->bodies, sizeof *a->bodies * (size_t)(a->nbodies + 1));
  body_name *b = &a->bodies[a->nbodies++];
  snprintf(b->body, sizeof b->body, "%s", body);
  snprintf(b->name, sizeof b->name, "%s", name);
  snprintf(b->abbrev, sizeof b->abbrev, "%s", abbrev);
  b->from_day = from_day;
}

void app_bodies_load(app *a, store *s) {
  free(a->bodies);
  a->bodies = NULL;
  a->nbodies = 0;
  store_body_names_load(s, load_body, a);
}

const body_name *app_body_names(app *a, int *n) {
  *n = a->nbodies;
  return a->bodies;
}

const char *app_body_name(app *a, const char *body, int day, const char **abbrev) {
  const body_name *found = NULL;
  for (int i = 0; i < a->nbodies; i++) /* by from_day: the last that began by day */
    if (!strcmp(a->bodies[i].body, body) && a->bodies[i].from_day <= day) found = &a->bodies[i];
  if (abbrev) *abbrev = found ? found->abbrev : "";
  return found ? found->name : "";
}

int app_body_abbrev_known(app *a, const char *body, const char *suffix) {
  for (int i = 0; i < a->nbodies; i++) {
    size_t k = strlen(a->bodies[i].abbrev);
    if (k && !strcmp(a->bodies[i].body, body) && !strncmp(suffix, a->bodies[i].abbrev, k)) return 1;
  }
  return 0;
}

int app_body_name_set(app *a, const user *u, const char *body, int from_day, const char *name, const char *abbrev,
                      dv_err *e) {
  if (u && u->role != ROLE_ADMIN) return dv_fail(e, DV_EFORBIDDEN, 0, "", "chỉ quản trị viên đổi tên cơ quan");
  if (!body || strcmp(body, "board")) return dv_fail(e, DV_EINVAL, 0, "body", "cơ quan không xác định \"%s\" (board)", body ? body : "");
  if (!name || !*name || strlen(name) > 120) return dv_fail(e, DV_EINVAL, 0, "name", "tên phải có 1–120 ký tự");
  if (!abbrev || !*abbrev || strlen(abbrev) > 12) return dv_fail(e, DV_EINVAL, 0, "abbrev", "chữ viết tắt phải có 1–12 ký tự");
  for (const char *p = abbrev; *p; p++)
    if ((unsigned char)*p <= ' ' || *p == '/' || *p == '-')
      return dv_fail(e, DV_EINVAL, 0, "abbrev", "chữ viết tắt không có khoảng trắng, / hoặc -");
  store *s = app_store(a);
  pthread_rwlock_wrlock(&a->lock);
  const char *old = app_body_name(a, body, from_day, NULL);
  buf before, after;
  buf_init(&before, 0), buf_init(&after, 0);
  buf_adds(&before, "{\"name\":");
  esc_json(&before, old);
  buf_adds(&before, "}");
  buf_adds(&after, "{\"name\":");
  esc_json(&after, name);
  buf_addf(&after, ",\"abbrev\":");
  esc_json(&after, abbrev);
  buf_addf(&after, ",\"from_day\":%d}", from_day);
  int64_t uid;
  const char *login;
  actor_of(u, &uid, &login);
  int rc = store_begin(s, e);
  if (!rc) rc = store_body_name_set(s, body, from_day, name, abbrev, e);
  if (!rc) rc = store_audit(s, uid, login, "body.name", "body", 0, before.s, after.s, e);
  if (!rc) rc = store_commit(s, e);
  else store_rollback(s);
  if (!rc) app_bodies_load(a, s);
  pthread_rwlock_unlock(&a->lock);
  buf_release(&before), buf_release(&after);
  return rc;
}
