/* The reporting cycle: submissions, approval, locks, completeness. */
#include "app/app_internal.h"
#include "core/schedule.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/esc.h"
#include "util/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *action_names[] = {"submit", "approve", "return", "reopen"};
static const char *action_vn[] = {"gửi", "phê duyệt", "trả lại", "mở lại"};

static const char *status_vn(const char *s) {
  if (!strcmp(s, "submitted")) return "đã gửi";
  if (!strcmp(s, "approved")) return "đã phê duyệt";
  if (!strcmp(s, "returned")) return "bị trả lại";
  return "chưa gửi";
}

int app_user_find(app *a, const char *login, user *u, dv_err *e) {
  char hash[256];
  if (!login || store_user_by_login(app_store(a), login, u, hash, sizeof hash, NULL))
    return dv_fail(e, DV_ENOTFOUND, 0, "user", "không có tài khoản %s", login ? login : "");
  return 0;
}

/* ---------------- locks ---------------- */

void app_locks_load(app *a, store *s) {
  free(a->locks);
  store_submissions_approved(s, &a->locks, &a->nlocks);
}

/* 1 if form f shows element el */
static int form_uses(const form *f, int el) {
  for (int i = 0; i < f->ncols; i++) {
    const form_col *c = &f->cols[i];
    if ((c->kind == BIND_DATA || c->kind == BIND_PAIR) && (c->a.element == el || (c->kind == BIND_PAIR && c->b.element == el)))
      return 1;
  }
  return 0;
}

/* 1 if records of r are counted or listed in form f */
static int register_feeds(const reg_def *r, const form *f) {
  if (f->rows == ROWS_LIST && f->list && !strcmp(f->list, r->code)) return 1;
  for (int i = 0; i < r->nrules; i++)
    if (form_uses(f, r->rules[i].element)) return 1;
  return 0;
}

/* the approval covering unit pos, by the test given, or NULL */
static const submission_key *lock_of(app *a, int pos, int (*covers)(app *, const submission_key *, const form *, void *),
                                     void *ctx) {
  for (int i = 0; i < a->nlocks; i++) {
    const submission_key *k = &a->locks[i];
    int root = tree_find_id(&a->t, k->unit_id);
    const form *f = catalog_form(&a->cat, k->form);
    if (root >= 0 && f && tree_in_subtree(&a->t, root, pos) && covers(a, k, f, ctx)) return k;
  }
  return NULL;
}

typedef struct value_lock {
  int element;
  const char *period;
} value_lock;

static int covers_value(app *a, const submission_key *k, const form *f, void *ctx) {
  const value_lock *v = ctx;
  (void)a;
  return !strcmp(k->period, v->period) && form_uses(f, v->element);
}

typedef struct record_lock {
  const reg_def *r;
  int day;
} record_lock;

static int covers_record(app *a, const submission_key *k, const form *f, void *ctx) {
  const record_lock *rl = ctx;
  period p;
  return !period_parse(k->period, &p) && period_contains_day(&p, &a->cfg, rl->day) && register_feeds(rl->r, f);
}

/* "Biểu 5, 6 tháng đầu năm 2023" */
static void annex_words(const char *form_code, const char *period_id, char *out, size_t n) {
  char plabel[64] = "";
  period p;
  if (!period_parse(period_id, &p)) period_label_vn(&p, plabel, sizeof plabel);
  if (!strncmp(form_code, "bieu-", 5)) snprintf(out, n, "Biểu %s, %s", form_code + 5, plabel[0] ? plabel : period_id);
  else snprintf(out, n, "%s, %s", form_code, plabel[0] ? plabel : period_id);
}

/* "Biểu 2 không báo cáo theo kỳ quý 1 năm 2023 (2023Q1; chu kỳ của biểu)" */
static int not_in_cycle(const char *form_code, const char *period_id, dv_err *e) {
  char what[128];
  annex_words(form_code, period_id, what, sizeof what);
  char *comma = strstr(what, ", ");
  if (comma) *comma = 0;
  return dv_fail(e, DV_EINVAL, 0, "period", "%s không báo cáo theo kỳ %s (%s; chu kỳ của biểu)", what, comma ? comma + 2 : "",
                 period_id);
}

/* "số liệu đã khóa: Biểu 5, 6 tháng đầu năm 2023 của Phường Máy Chai đã
 * được phê duyệt bởi pheduyet ngày 20/07/2023; muốn sửa, đề nghị người phê
 * duyệt của Quận Ngô Quyền mở lại báo cáo" */
static int locked(app *a, const submission_key *k, dv_err *e) {
  int root = tree_find_id(&a->t, k->unit_id), day;
  char what[128], by[160] = "", when[24] = "", who[200] = "";
  annex_words(k->form, k->period, what, sizeof what);
  submission s;
  if (!store_submission_get(app_store(a), k->form, k->period, k->unit_id, &s)) {
    if (s.decided_by[0]) snprintf(by, sizeof by, " bởi %s", s.decided_by);
    char d[11];
    if (strlen(s.decided_at) >= 10 && (snprintf(d, sizeof d, "%.10s", s.decided_at), !date_parse(d, &day))) {
      date_format_vn(day, d);
      snprintf(when, sizeof when, " ngày %s", d);
    }
  }
  submission_route r = {.pos = -1};
  if (root >= 0) app_submission_route(a, root, k->form, &r);
  if (r.pos >= 0) snprintf(who, sizeof who, "người phê duyệt của %s", r.unit_name);
  return dv_fail(e, DV_ECONFLICT, 0, "period", "số liệu đã khóa: %s của %s đã được phê duyệt%s%s; muốn sửa, đề nghị %s mở lại báo cáo",
                 what, root >= 0 ? a->t.u[root].name : "?", by, when, who[0] ? who : "quản trị");
}

int app_value_locked(app *a, int element, const char *period_id, int pos, dv_err *e) {
  value_lock v = {element, period_id};
  const submission_key *k = lock_of(a, pos, covers_value, &v);
  return k ? locked(a, k, e) : 0;
}

int app_record_locked(app *a, const reg_def *r, int pos, int day, lock_ref *ref, dv_err *e) {
  if (pos < 0 || day < 0) return 0;
  record_lock rl = {r, day};
  const submission_key *k = lock_of(a, pos, covers_record, &rl);
  int root = k ? tree_find_id(&a->t, k->unit_id) : -1;
  if (k && ref) {
    snprintf(ref->form, sizeof ref->form, "%s", k->form);
    snprintf(ref->period, sizeof ref->period, "%s", k->period);
    snprintf(ref->unit, sizeof ref->unit, "%s", root >= 0 ? a->t.u[root].code : "");
  }
  return k ? locked(a, k, e) : 0;
}

/* ---------------- acting ---------------- */

static int due_of(app *a, const char *form_code, const period *p) {
  char key[64], v[32];
  snprintf(key, sizeof key, "due.%s", form_code);
  due_rule r;
  if (store_setting_get(app_store(a), key, v, sizeof v) || due_rule_parse(v, &r)) due_rule_parse("day:15", &r);
  workcal wc = {a->holidays, a->nholidays};
  return due_day(&r, p, &a->cfg, &wc);
}

/* Which units report a form, and for which periods: settings cycle.FORM
 * ("S,Y", "Q", "M,C9"…) and reporters.FORM (levels, "2,3"); by default
 * every unit reports every form for every period. */
static int form_cycle_has(app *a, const char *form_code, const period *p) {
  char key[64], v[64];
  report_cycle c;
  snprintf(key, sizeof key, "cycle.%s", form_code);
  if (store_setting_get(app_store(a), key, v, sizeof v) || report_cycle_parse(v, &c)) return 1;
  return report_cycle_has(&c, p);
}

/* the default duty (the seed's): every area down to the commune, not the
 * bodies (their work is in their area's annex) nor the villages; a form
 * marked `reporters above_commune` (Biểu 2) not the communes either */
static int reports_by_default(app *a, const form *f, int pos) {
  const unit_node *u = &a->t.u[pos];
  if (u->kind != KIND_AREA || tree_below_commune(&a->t, pos)) return 0;
  return !(f && f->above_commune && unit_type_is_commune(u->type));
}

/* reporters.FORM: levels and kinds ("2,3", "3,front"): a unit of a listed
 * level (any, if none is listed) and of a listed kind (areas, if none is) */
static int unit_reports(app *a, const char *form_code, int pos) {
  char key[64], v[128];
  snprintf(key, sizeof key, "reporters.%s", form_code);
  if (store_setting_get(app_store(a), key, v, sizeof v)) return reports_by_default(a, catalog_form(&a->cat, form_code), pos);
  const unit_node *u = &a->t.u[pos];
  int levels = 0, level_ok = 0, kinds = 0, kind_ok = 0;
  for (char *s = v, *save = NULL, *t; (t = strtok_r(s, ", ", &save)); s = NULL) {
    int k = unit_kind_parse(t);
    if (*t >= '0' && *t <= '9') levels++, level_ok |= atoi(t) == u->level;
    else if (k >= 0) kinds++, kind_ok |= k == u->kind;
  }
  return (!levels || level_ok) && (kinds ? kind_ok : u->kind == KIND_AREA);
}

/* ---------------- routing ---------------- */

/* the approvers of every unit, by unit id (store_approvers' order) */
typedef struct approver_set {
  approver_row *rows;
  int n;
} approver_set;

static void approvers_load(app *a, approver_set *as) { store_approvers(app_store(a), &as->rows, &as->n); }
static void approvers_release(approver_set *as) { free(as->rows); }

/* 1 if the approver decides the form (an approver who lists none decides every form) */
static int decides_form(const approver_row *r, const char *form_code) {
  if (!r->forms[0]) return 1;
  size_t n = strlen(form_code);
  for (const char *p = r->forms; *p;) {
    size_t len = strcspn(p, ",");
    if (len == n && !strncmp(p, form_code, n)) return 1;
    p += len + (p[len] == ',');
  }
  return 0;
}

/* the first of the unit's approvers, or -1 */
static int approvers_first(const approver_set *as, int64_t unit_id) {
  int lo = 0, hi = as->n;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (as->rows[mid].unit_id < unit_id) lo = mid + 1;
    else hi = mid;
  }
  return lo < as->n && as->rows[lo].unit_id == unit_id ? lo : -1;
}

/* the unit's first approver of the form, or -1 */
static int approver_of(const approver_set *as, int64_t unit_id, const char *form_code) {
  for (int i = approvers_first(as, unit_id); i >= 0 && i < as->n && as->rows[i].unit_id == unit_id; i++)
    if (decides_form(&as->rows[i], form_code)) return i;
  return -1;
}

/* The one routing rule: a form's submissions of the unit at pos go to the
 * nearest unit above with an approver of that form; when none above has
 * one, to the top unit (its admins decide). -1 for a top unit. */
static int route_of(app *a, const approver_set *as, int pos, const char *form_code) {
  int top = -1;
  for (int p = a->t.u[pos].parent; p >= 0; p = a->t.u[p].parent) {
    if (approver_of(as, a->t.u[p].id, form_code) >= 0) return p;
    top = p;
  }
  return top;
}

static void route_fill(app *a, const approver_set *as, int to, const char *form_code, submission_route *out) {
  memset(out, 0, sizeof *out);
  out->pos = to;
  if (to < 0) return;
  snprintf(out->unit_code, sizeof out->unit_code, "%s", a->t.u[to].code);
  snprintf(out->unit_name, sizeof out->unit_name, "%s", a->t.u[to].name);
  size_t len = 0;
  for (int i = approvers_first(as, a->t.u[to].id); i >= 0 && i < as->n && as->rows[i].unit_id == a->t.u[to].id; i++) {
    if (!decides_form(&as->rows[i], form_code)) continue;
    int w = snprintf(out->approvers + len, sizeof out->approvers - len, "%s%s", len ? ", " : "", as->rows[i].login);
    if (w < 0 || (size_t)w >= sizeof out->approvers - len) break;
    len += (size_t)w;
  }
}

void app_submission_route(app *a, int pos, const char *form_code, submission_route *out) {
  approver_set as;
  approvers_load(a, &as);
  route_fill(a, &as, route_of(a, &as, pos, form_code), form_code, out);
  approvers_release(&as);
}

/* 1 if u is one of the approvers of its unit who decide form */
static int approver_decides(const approver_set *as, const user *u, const char *form_code) {
  for (int i = approvers_first(as, u->unit_id); i >= 0 && i < as->n && as->rows[i].unit_id == u->unit_id; i++)
    if (!strcmp(as->rows[i].login, u->login)) return decides_form(&as->rows[i], form_code);
  return 0;
}

/* the deciding unit's approvers of the form decide, and admins of any unit above */
static int may_decide(app *a, const approver_set *as, const user *u, int up, int pos, const char *form_code) {
  if (up == pos || !app_can_read(a, u, pos)) return 0;
  if (u->role == ROLE_ADMIN) return 1;
  return u->role == ROLE_APPROVER && approver_decides(as, u, form_code) && route_of(a, as, pos, form_code) == up;
}

/* who may take the step: the unit's own officers/approvers submit; the
 * approvers of the form at the unit it is routed to (or admins above) decide */
int app_submission_may(app *a, const user *u, sub_action act, int pos, const char *form_code) {
  if (!u) return 1;
  int up = tree_find_id(&a->t, u->unit_id);
  if (up < 0) return 0;
  if (act == SUB_SUBMIT) return up == pos && u->role >= ROLE_OFFICER;
  approver_set as;
  approvers_load(a, &as);
  int ok = may_decide(a, &as, u, up, pos, form_code);
  approvers_release(&as);
  return ok;
}

/* the codes of a comma-separated list, each a form of the catalog; caller frees */
static int forms_split(app *a, const char *list, char ***out, int *n, dv_err *e) {
  *out = NULL;
  *n = 0;
  for (const char *p = list; p && *p;) {
    size_t len = strcspn(p, ",");
    char *code = xstrndup(p, len);
    text_trim(code);
    if (*code && !catalog_form(&a->cat, code)) {
      dv_fail(e, DV_EINVAL, 0, "forms", "không có biểu %s", code);
      free(code);
      for (int i = 0; i < *n; i++) free((*out)[i]);
      free(*out);
      return DV_EINVAL;
    }
    if (*code) {
      *out = xrealloc(*out, sizeof(char *) * (size_t)(*n + 1));
      (*out)[(*n)++] = code;
    } else free(code);
    p += len + (p[len] == ',');
  }
  return 0;
}

static void forms_json(buf *b, const char *forms) {
  buf_adds(b, "{\"forms\":");
  esc_json(b, forms);
  buf_addc(b, '}');
}

void app_user_forms_get(app *a, const char *login, char *out, size_t n) {
  approver_set as;
  approvers_load(a, &as);
  out[0] = 0;
  for (int i = 0; i < as.n; i++)
    if (!strcmp(as.rows[i].login, login)) snprintf(out, n, "%s", as.rows[i].forms);
  approvers_release(&as);
}

int app_user_forms_set(app *a, const user *actor, const char *login, const char *forms, dv_err *e) {
  user t;
  if (actor && actor->role != ROLE_ADMIN) return dv_fail(e, DV_EFORBIDDEN, 0, "", "chỉ quản trị viên phân công biểu cho người phê duyệt");
  if (app_user_target(a, actor, login, &t, e)) return e->code;
  if (t.role != ROLE_APPROVER) return dv_fail(e, DV_EINVAL, 0, "login", "%s không phải người phê duyệt", login);
  char **codes;
  int n;
  if (forms_split(a, forms, &codes, &n, e)) return e->code;
  approver_set as;
  approvers_load(a, &as);
  int i = approvers_first(&as, t.unit_id);
  while (i >= 0 && i < as.n && strcmp(as.rows[i].login, t.login)) i++;
  buf before, after;
  buf_init(&before, 0);
  buf_init(&after, 0);
  forms_json(&before, i >= 0 && i < as.n ? as.rows[i].forms : "");
  approvers_release(&as);
  buf list;
  buf_init(&list, 0);
  for (int k = 0; k < n; k++) buf_addf(&list, "%s%s", k ? "," : "", codes[k]);
  forms_json(&after, list.s);
  int64_t uid;
  const char *by;
  actor_of(actor, &uid, &by);
  store *s = app_store(a);
  int rc = store_begin(s, e);
  if (!rc) rc = store_approver_forms_set(s, t.id, (const char *const *)codes, n, e);
  if (!rc) rc = store_audit(s, uid, by, "user.forms", "user", t.id, before.s, after.s, e);
  if (!rc) rc = store_commit(s, e);
  if (rc) store_rollback(s);
  for (int k = 0; k < n; k++) free(codes[k]);
  free(codes);
  buf_release(&before);
  buf_release(&after);
  buf_release(&list);
  return rc;
}

static int waiting_cmp(const void *x, const void *y) {
  const waiting_row *p = x, *q = y;
  return p->submitted_day != q->submitted_day ? p->submitted_day - q->submitted_day : strcmp(p->unit_name, q->unit_name);
}

int app_submissions_waiting(app *a, const user *u, waiting_row **rows, int *n) {
  submission_key *keys = NULL;
  int nk = 0;
  *rows = NULL;
  *n = 0;
  store *s = app_store(a);
  store_submissions_in(s, "submitted", &keys, &nk);
  approver_set as;
  approvers_load(a, &as);
  pthread_rwlock_rdlock(&a->lock);
  int up = u ? tree_find_id(&a->t, u->unit_id) : -1;
  for (int i = 0; up >= 0 && u->role >= ROLE_APPROVER && i < nk; i++) {
    int pos = tree_find_id(&a->t, keys[i].unit_id);
    if (pos < 0 || route_of(a, &as, pos, keys[i].form) != up) continue;
    if (u->role == ROLE_APPROVER && !approver_decides(&as, u, keys[i].form)) continue;
    *rows = xrealloc(*rows, sizeof(waiting_row) * (size_t)(*n + 1));
    waiting_row *w = &(*rows)[(*n)++];
    memset(w, 0, sizeof *w);
    snprintf(w->form, sizeof w->form, "%s", keys[i].form);
    snprintf(w->period, sizeof w->period, "%s", keys[i].period);
    snprintf(w->unit, sizeof w->unit, "%s", a->t.u[pos].code);
    snprintf(w->unit_name, sizeof w->unit_name, "%s", a->t.u[pos].name);
    submission sub;
    store_submission_get(s, keys[i].form, keys[i].period, keys[i].unit_id, &sub);
    w->submitted_day = sub.submitted_day;
    snprintf(w->submitted_by, sizeof w->submitted_by, "%s", sub.submitted_by);
  }
  pthread_rwlock_unlock(&a->lock);
  approvers_release(&as);
  free(keys);
  if (*n > 1) qsort(*rows, (size_t)*n, sizeof **rows, waiting_cmp);
  return 0;
}

static int next_status(sub_action act, const char *from, const char **to) {
  int draft = !strcmp(from, "draft") || !strcmp(from, "returned");
  switch (act) {
  case SUB_SUBMIT: *to = "submitted"; return draft;
  case SUB_APPROVE: *to = "approved"; return !strcmp(from, "submitted");
  case SUB_RETURN: *to = "returned"; return !strcmp(from, "submitted");
  case SUB_REOPEN: *to = "returned"; return !strcmp(from, "approved");
  }
  return 0;
}

/* the annex's checks for the unit: errors block a submission, warnings must
 * be acknowledged; *first gets the first error's text */
static int count_warnings(app *a, const char *form_code, const char *unit_code, const char *period_id, int *errors,
                          char *first, size_t n) {
  rtable t;
  dv_err e;
  *errors = 0;
  if (app_report(a, NULL, form_code, unit_code, period_id, 0, &t, &e)) return 0;
  int w = t.warnings_total - t.errors;
  *errors = t.errors;
  if (t.errors && t.nwarnings) snprintf(first, n, "%s", t.warnings[0]);
  rtable_release(&t);
  return w;
}

static int record_act(app *a, store *s, const user *u, sub_action act, const char *form_code, const char *period_id,
                      int pos, const submission *before, const submission *after, dv_err *e) {
  char b[256], what[32];
  int64_t uid;
  const char *login;
  actor_of(u, &uid, &login);
  snprintf(b, sizeof b, "{\"status\":\"%s\"}", before->status);
  buf jb; /* the comment (a return's or reopen's reason) stays in the log */
  buf_init(&jb, 0);
  buf_addf(&jb, "{\"form\":\"%s\",\"period\":\"%s\",\"status\":\"%s\",\"comment\":", form_code, period_id,
           after->status);
  esc_json(&jb, after->comment);
  buf_addc(&jb, '}');
  snprintf(what, sizeof what, "submission.%s", action_names[act]);
  int rc = store_begin(s, e);
  if (!rc) rc = store_submission_put(s, form_code, period_id, a->t.u[pos].id, after, e);
  if (!rc) rc = store_audit(s, uid, login, what, "submission", a->t.u[pos].id, b, jb.s, e);
  if (!rc) rc = app_notify_submission(a, s, u, act, form_code, period_id, pos, after, e);
  buf_release(&jb);
  if (!rc) rc = store_commit(s, e);
  if (rc) store_rollback(s);
  return rc;
}

/* the form is reported for the period, by the unit, and the user may act */
static int may_submit(app *a, const user *u, sub_action act, const char *form_code, const period *p, int pos,
                      dv_err *e) {
  const char *unit_code = a->t.u[pos].code;
  char pid[8];
  period_format(p, pid);
  if (!form_cycle_has(a, form_code, p))
    return not_in_cycle(form_code, pid, e);
  if (!unit_reports(a, form_code, pos))
    return dv_fail(e, DV_EINVAL, 0, "unit", "đơn vị %s không phải báo cáo biểu %s", unit_code, form_code);
  if (app_submission_may(a, u, act, pos, form_code)) return 0;
  if (act == SUB_SUBMIT) return dv_fail(e, DV_EFORBIDDEN, 0, "user", "chỉ cán bộ của đơn vị %s được gửi báo cáo", unit_code);
  submission_route r;
  app_submission_route(a, pos, form_code, &r);
  return dv_fail(e, DV_EFORBIDDEN, 0, "user",
                 "chỉ người phê duyệt của %s (nơi báo cáo của %s được gửi tới) hoặc quản trị cấp trên được quyết định",
                 r.pos >= 0 ? r.unit_name : "đơn vị cấp trên", a->t.u[pos].name);
}

int app_submission_act(app *a, const user *u, sub_action act, const char *form_code, const char *period_id,
                       const char *unit_code, const char *comment, int ack, int *warnings_out, dv_err *e) {
  period p;
  if (!catalog_form(&a->cat, form_code ? form_code : "")) return dv_fail(e, DV_EINVAL, 0, "form", "không có biểu %s", form_code ? form_code : "");
  if (!period_id || period_parse(period_id, &p)) return dv_fail(e, DV_EINVAL, 0, "period", "kỳ báo cáo không hợp lệ");
  if (comment && strlen(comment) > 1000) return dv_fail(e, DV_EINVAL, 0, "comment", "nhận xét quá dài (tối đa 1.000 ký tự)");
  if (act == SUB_RETURN && (!comment || !*comment)) return dv_fail(e, DV_EINVAL, 0, "comment", "trả lại cần ghi rõ lý do");
  int errors = 0;
  char first_error[300] = "";
  int warnings = act == SUB_SUBMIT ? count_warnings(a, form_code, unit_code, period_id, &errors, first_error,
                                                    sizeof first_error) : 0;
  if (warnings_out) *warnings_out = warnings;
  store *s = app_store(a);
  pthread_rwlock_wrlock(&a->lock);
  int pos, rc = app_unit_resolve(a, unit_code, app_period_day(a, &p), &pos, e);
  submission cur, next;
  const char *to = NULL;
  if (!rc) rc = may_submit(a, u, act, form_code, &p, pos, e);
  if (!rc) {
    store_submission_get(s, form_code, period_id, a->t.u[pos].id, &cur);
    if (!next_status(act, cur.status, &to))
      rc = dv_fail(e, DV_ECONFLICT, 0, "status", "không thể %s báo cáo đang ở trạng thái \"%s\"", action_vn[act],
                   status_vn(cur.status));
  }
  if (!rc && errors)
    rc = dv_fail(e, DV_EINVAL, 0, "rules", "biểu có %d lỗi kiểm tra, chưa gửi được: %s", errors, first_error);
  if (!rc && warnings && !ack)
    rc = dv_fail(e, DV_ECONFLICT, 0, "warnings", "biểu có %d cảnh báo: cần xác nhận đã xem trước khi gửi", warnings);
  if (!rc) {
    next = cur;
    snprintf(next.status, sizeof next.status, "%s", to);
    snprintf(next.comment, sizeof next.comment, "%s", comment ? comment : "");
    const char *login = u ? u->login : "(dòng lệnh)";
    if (act == SUB_SUBMIT) {
      next.submitted_day = app_today(a);
      app_now_iso(a, next.submitted_at);
      next.decided_at[0] = next.decided_by[0] = 0; /* a new round: the last decision is in the log */
      snprintf(next.submitted_by, sizeof next.submitted_by, "%s", login);
      next.due_day = due_of(a, form_code, &p);
      next.on_time = next.submitted_day <= next.due_day;
    } else {
      app_now_iso(a, next.decided_at);
      snprintf(next.decided_by, sizeof next.decided_by, "%s", login);
    }
    rc = record_act(a, s, u, act, form_code, period_id, pos, &cur, &next, e);
  }
  if (!rc) {
    app_locks_load(a, s);
  }
  pthread_rwlock_unlock(&a->lock);
  return rc;
}

int app_submission_get(app *a, const user *u, const char *form_code, const char *period_id, const char *unit_code,
                       submission *out, dv_err *e) {
  period p;
  if (!period_id || period_parse(period_id, &p)) return dv_fail(e, DV_EINVAL, 0, "period", "kỳ báo cáo không hợp lệ");
  pthread_rwlock_rdlock(&a->lock);
  int pos, rc = app_unit_resolve(a, unit_code, app_period_day(a, &p), &pos, e);
  if (!rc && !app_can_read(a, u, pos)) rc = app_unit_forbidden(a, u, unit_code, pos, app_period_day(a, &p), e);
  int64_t id = rc ? 0 : a->t.u[pos].id;
  pthread_rwlock_unlock(&a->lock);
  if (rc) return rc;
  if (store_submission_get(app_store(a), form_code, period_id, id, out)) out->due_day = due_of(a, form_code, &p);
  return 0;
}


/* checks form, period and access for a completeness query; caller holds the read lock */
static int completeness_args(app *a, const user *u, const char *form_code, const char *period_id,
                             const char *unit_code, period *p, int *pos, int *first, int *last, dv_err *e) {
  if (!catalog_form(&a->cat, form_code ? form_code : "")) return dv_fail(e, DV_EINVAL, 0, "form", "không có biểu %s", form_code ? form_code : "");
  if (!period_id || period_parse(period_id, p)) return dv_fail(e, DV_EINVAL, 0, "period", "kỳ báo cáo không hợp lệ");
  if (app_unit_resolve(a, unit_code, app_period_day(a, p), pos, e)) return e->code;
  if (!app_can_read(a, u, *pos)) return app_unit_forbidden(a, u, unit_code, *pos, app_period_day(a, p), e);
  period_window(p, &a->cfg, first, last);
  if (!form_cycle_has(a, form_code, p))
    return not_in_cycle(form_code, period_id, e);
  return 0;
}

/* 1 if the unit at c reports the form for the period: a unit of the
 * period's tree (its last day's: a 2025 yearly report comes from the new
 * communes, not from the districts dissolved in July) */
static int reports(app *a, const char *form_code, int c, int last) {
  return unit_valid_on(&a->t.u[c], last) && unit_reports(a, form_code, c);
}

int app_completeness(app *a, const user *u, const char *form_code, const char *period_id, const char *unit_code,
                     completeness_row **rows, int *n, dv_err *e) {
  period p;
  *rows = NULL;
  *n = 0;
  int pos, first, last;
  pthread_rwlock_rdlock(&a->lock);
  int rc = completeness_args(a, u, form_code, period_id, unit_code, &p, &pos, &first, &last, e);
  int due = rc ? 0 : due_of(a, form_code, &p);
  for (int c = pos + 1; !rc && c < a->t.u[pos].end; c = a->t.u[c].end) {
    if (!reports(a, form_code, c, last)) continue;
    *rows = xrealloc(*rows, sizeof(completeness_row) * (size_t)(*n + 1));
    completeness_row *row = &(*rows)[(*n)++];
    snprintf(row->unit, sizeof row->unit, "%s", a->t.u[c].code);
    snprintf(row->unit_name, sizeof row->unit_name, "%s", a->t.u[c].name);
    if (store_submission_get(app_store(a), form_code, period_id, a->t.u[c].id, &row->s)) row->s.due_day = due;
  }
  pthread_rwlock_unlock(&a->lock);
  return rc;
}

int app_unapproved(app *a, const char *form_code, const char *period_id, const char *unit_code, int *units) {
  period p;
  *units = 0;
  int pos, first, last, open = 0;
  pthread_rwlock_rdlock(&a->lock);
  int rc = completeness_args(a, NULL, form_code, period_id, unit_code, &p, &pos, &first, &last, NULL);
  for (int c = pos + 1; !rc && c < a->t.u[pos].end; c = a->t.u[c].end) {
    if (!reports(a, form_code, c, last)) continue;
    submission s;
    (*units)++;
    open += store_submission_get(app_store(a), form_code, period_id, a->t.u[c].id, &s) || strcmp(s.status, "approved");
  }
  if (!rc && !*units && reports(a, form_code, pos, last)) { /* a unit without reporting units: its own */
    submission s;
    *units = 1;
    open = store_submission_get(app_store(a), form_code, period_id, a->t.u[pos].id, &s) || strcmp(s.status, "approved");
  }
  pthread_rwlock_unlock(&a->lock);
  return rc ? 0 : open;
}

int app_completeness_levels(app *a, const user *u, const char *form_code, const char *period_id,
                            const char *unit_code, level_tally out[TREE_MAX_LEVELS + 1], dv_err *e) {
  period p;
  memset(out, 0, sizeof(level_tally) * (TREE_MAX_LEVELS + 1));
  int pos, first, last, today = app_today(a);
  pthread_rwlock_rdlock(&a->lock);
  int rc = completeness_args(a, u, form_code, period_id, unit_code, &p, &pos, &first, &last, e);
  int due = rc ? 0 : due_of(a, form_code, &p);
  for (int c = pos + 1; !rc && c < a->t.u[pos].end; c++) {
    if (!reports(a, form_code, c, last)) continue;
    submission s;
    if (store_submission_get(app_store(a), form_code, period_id, a->t.u[c].id, &s)) s.due_day = due;
    level_tally *t = &out[a->t.u[c].level];
    const char *st = submission_state(&s, today);
    t->units++;
    t->on_time += !strcmp(st, "on_time");
    t->late += !strcmp(st, "late");
    t->missing += !strcmp(st, "missing");
    t->pending += !strcmp(st, "pending");
  }
  pthread_rwlock_unlock(&a->lock);
  return rc;
}

/* The demo's reporting history (demo/submissions.csv: form, period, unit,
 * status, submitted, decided, comment), some units late: written as it
 * happened, dated in the past. A unit code is the unit's on the period's
 * last day (a code of 2023 may name another unit in 2026). */
int app_demo_submissions(app *a, const char *data, size_t len, dv_err *e) {
  csv_reader r;
  csv_init(&r, data, len);
  store *s = app_store(a);
  int rc = csv_next(&r) == 1 && r.nfields == 7 ? 0 : dv_fail(e, DV_EINVAL, 1, "", "submissions.csv: bad header");
  if (!rc) rc = store_begin(s, e);
  while (!rc && csv_next(&r) == 1) {
    period p;
    submission v = {0};
    int pos = -1, day;
    if (r.nfields == 7 && !period_parse(r.fields[1], &p)) pos = app_unit_pos_on(a, r.fields[2], app_period_day(a, &p));
    if (pos < 0 || date_parse(r.fields[4], &day)) {
      rc = dv_fail(e, DV_EINVAL, r.record_line, "", "submissions.csv: dòng %d không hợp lệ", r.record_line);
      break;
    }
    snprintf(v.status, sizeof v.status, "%s", r.fields[3]);
    snprintf(v.submitted_at, sizeof v.submitted_at, "%sT09:00:00Z", r.fields[4]);
    snprintf(v.submitted_by, sizeof v.submitted_by, "(dữ liệu mẫu)");
    if (*r.fields[5]) {
      snprintf(v.decided_at, sizeof v.decided_at, "%sT15:00:00Z", r.fields[5]);
      snprintf(v.decided_by, sizeof v.decided_by, "pheduyet");
    }
    snprintf(v.comment, sizeof v.comment, "%s", r.fields[6]);
    v.submitted_day = day;
    v.due_day = due_of(a, r.fields[0], &p);
    v.on_time = day <= v.due_day;
    rc = store_submission_put(s, r.fields[0], r.fields[1], a->t.u[pos].id, &v, e);
  }
  csv_release(&r);
  if (!rc) rc = store_commit(s, e);
  if (rc) store_rollback(s);
  else {
    pthread_rwlock_wrlock(&a->lock);
    app_locks_load(a, s);
    pthread_rwlock_unlock(&a->lock);
  }
  return rc;
}

/* Reports owed, for notices: a form's periods of its cycle (without a
 * cycle.FORM: the six-month and yearly reports, the seeds' cycle, not every
 * month) of the years y-1 and y of today, with a deadline in [first, last],
 * that the unit reports and has not submitted (a returned one is owed
 * again). Caller holds a lock; frees *out. */
static report_cycle owed_cycle(app *a, const char *form_code) {
  char key[64], v[64];
  report_cycle c;
  snprintf(key, sizeof key, "cycle.%s", form_code);
  if (store_setting_get(app_store(a), key, v, sizeof v) || report_cycle_parse(v, &c))
    c.kinds = 1 << PERIOD_YEAR | 1 << PERIOD_HALF;
  return c;
}

static int periods_of_years(int y, period *out) {
  int n = 0;
  for (int year = y - 1; year <= y; year++) {
    out[n++] = (period){PERIOD_YEAR, year, 0};
    out[n++] = (period){PERIOD_NINE, year, 0};
    for (int i = 1; i <= 2; i++) out[n++] = (period){PERIOD_HALF, year, i};
    for (int i = 1; i <= 4; i++) out[n++] = (period){PERIOD_QUARTER, year, i};
    for (int i = 1; i <= 12; i++) out[n++] = (period){PERIOD_MONTH, year, i};
  }
  return n;
}

int app_reports_owed(app *a, int pos, int first, int last, owed_report **out, int *n) {
  period ps[40];
  int y, m, d, np, f0, l0;
  *out = NULL;
  *n = 0;
  date_to_ymd(app_today(a), &y, &m, &d);
  np = periods_of_years(y, ps);
  for (int fi = 0; fi < a->cat.nforms; fi++) {
    const char *fc = a->cat.forms[fi].code;
    report_cycle cycle = owed_cycle(a, fc);
    for (int i = 0; i < np; i++) {
      if (!report_cycle_has(&cycle, &ps[i])) continue;
      period_window(&ps[i], &a->cfg, &f0, &l0);
      if (!reports(a, fc, pos, l0)) continue;
      int due = due_of(a, fc, &ps[i]);
      char pid[8];
      submission sub;
      period_format(&ps[i], pid);
      if (due < first || due > last) continue;
      if (!store_submission_get(app_store(a), fc, pid, a->t.u[pos].id, &sub) && strcmp(sub.status, "draft") &&
          strcmp(sub.status, "returned"))
        continue;
      *out = xrealloc(*out, sizeof(owed_report) * (size_t)(*n + 1));
      (*out)[(*n)++] = (owed_report){fc, ps[i], due};
    }
  }
  return 0;
}

int app_value_lock_of(app *a, int element, const char *period_id, int pos, char *form_code, char *lock_period,
                      int *unit_pos) {
  value_lock v = {element, period_id};
  const submission_key *k = lock_of(a, pos, covers_value, &v);
  if (!k) return 0;
  snprintf(form_code, 32, "%s", k->form);
  snprintf(lock_period, 8, "%s", k->period);
  *unit_pos = tree_find_id(&a->t, k->unit_id);
  return 1;
}
