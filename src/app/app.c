/* The model shared by all threads, connections, access rules and reports. */
#include "app/app_internal.h"
#include "core/calendar.h"
#include "core/period.h"
#include "core/vntime.h"
#include "util/buf.h"
#include "util/embedded.h"
#include "util/i18n.h"
#include "util/esc.h"
#include "util/text.h"
#include <math.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


void actor_of(const user *u, int64_t *id, const char **login) {
  *id = u ? u->id : 0;
  *login = u ? u->login : "(dòng lệnh)";
}

/* ---------------- connections ---------------- */

static __thread store *tls_store;
static __thread int tls_gen;
static int next_gen = 1;

store *app_store(app *a) {
  if (tls_store && tls_gen == a->gen) return tls_store;
  store *s = xcalloc(1, sizeof *s);
  dv_err e;
  if (store_open(s, a->path, 0, &e)) {
    fprintf(stderr, "%s\n", e.msg);
    free(s);
    return NULL;
  }
  pthread_mutex_lock(&a->conns_lock);
  a->conns = xrealloc(a->conns, sizeof(store *) * (size_t)(a->nconns + 1));
  a->conns[a->nconns++] = s;
  pthread_mutex_unlock(&a->conns_lock);
  snprintf(s->instance, sizeof s->instance, "%s", a->instance);
  tls_store = s;
  tls_gen = a->gen;
  return s;
}

/* ---------------- the model ---------------- */

int app_forms_load(catalog *c, dv_err *e) {
  char err[300];
  const embedded_file *el = embedded_find("elements.txt");
  if (!el || catalog_load_elements(c, el->data, err, sizeof err))
    return dv_fail(e, DV_EINVAL, 0, "", "%s", el ? err : "elements.txt missing from the build");
  for (const embedded_file *f = embedded_files; f->name; f++) {
    size_t n = strlen(f->name);
    if (n < 5 || strcmp(f->name + n - 5, ".form") != 0) continue;
    if (catalog_add_form(c, f->data, err, sizeof err)) return dv_fail(e, DV_EINVAL, 0, "", "%s", err);
  }
  return 0;
}

typedef struct load_ctx {
  app *a;
} load_ctx;

static void load_value(void *ctx, const char *element, const char *combo, const char *period_id, int64_t unit_id,
                       int has_num, double num, const char *text) {
  app *a = ((load_ctx *)ctx)->a;
  int el = catalog_element(&a->cat, element), co = catalog_combo(&a->cat, combo), pos = tree_find_id(&a->t, unit_id);
  period p;
  if (el < 0 || co < 0 || pos < 0 || period_parse(period_id, &p)) return; /* a form no longer uses it */
  if (has_num) cube_set_entered(&a->c, cube_key(el, co, period_key(&p)), pos, num);
  if (text) app_text_set(a, el, co, period_key(&p), pos, text);
}

void app_text_set(app *a, int element, int combo, int pkey, int pos, const char *text) {
  for (int i = 0; i < a->ntexts; i++) {
    text_value *t = &a->texts[i];
    if (t->element == element && t->combo == combo && t->pkey == pkey && t->pos == pos) {
      free(t->text);
      t->text = text ? xstrdup(text) : NULL;
      return;
    }
  }
  if (!text) return;
  a->texts = xrealloc(a->texts, sizeof(text_value) * (size_t)(a->ntexts + 1));
  a->texts[a->ntexts++] = (text_value){element, combo, pkey, pos, xstrdup(text)};
}

static int setting_int(store *s, const char *key, int dflt) {
  char v[32];
  return store_setting_get(s, key, v, sizeof v) == 0 ? atoi(v) : dflt;
}

static void load_settings(app *a, store *s) {
  a->deadline.classify_workdays = setting_int(s, "deadline.classify_workdays", 10);
  a->deadline.complaint_days = setting_int(s, "deadline.complaint_days", 30);
  a->deadline.denunciation_days = setting_int(s, "deadline.denunciation_days", 30);
  a->today = setting_int(s, "clock.today", 0);
  a->server.secure_cookies = setting_int(s, "server.secure_cookies", 0);
  a->server.trust_proxy = setting_int(s, "server.trust_proxy", 0);
  free(a->holidays);
  store_holidays_load(s, &a->holidays, &a->nholidays);
}

static int server_setting(app *a, const int *v) {
  pthread_rwlock_rdlock(&a->lock);
  int on = *v;
  pthread_rwlock_unlock(&a->lock);
  return on;
}
int app_secure_cookies(app *a) { return server_setting(a, &a->server.secure_cookies); }
int app_trust_proxy(app *a) { return server_setting(a, &a->server.trust_proxy); }

int app_today(app *a) {
  if (a->today) return a->today;
  return day_in_vn(time(NULL)); /* today in Vietnam */
}

time_t app_now(app *a) {
  time_t t = time(NULL);
  if (!a->today) return t;
  const long vn = 7 * 3600; /* Vietnam's offset: the day of clock.today is a Vietnamese day */
  return (time_t)a->today * 86400 + (t + vn) % 86400 - vn;
}

void app_now_iso(app *a, char out[32]) {
  time_t t = app_now(a);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* the n-th working day after day: weekends and public holidays skipped */
int app_add_workdays(app *a, int day, int n) {
  workcal c = {a->holidays, a->nholidays};
  return workcal_add(&c, day, n);
}

void app_model_release(app *a) {
  app_views_release(a);
  app_recindex_release(a);
  tree_release(&a->t);
  cube_release(&a->c);
  for (int i = 0; i < a->ntexts; i++) free(a->texts[i].text);
  free(a->texts);
  a->texts = NULL;
  a->ntexts = 0;
}

int app_model_load(app *a, store *s, dv_err *e) {
  app_model_release(a);
  a->model_gen++;
  unit_node *nodes;
  int n;
  char err[300];
  int rc = store_units_load(s, &nodes, &n, e);
  if (rc || tree_build(&a->t, nodes, n, err, sizeof err)) {
    for (int i = 0; i < n; i++) {
      free(nodes[i].code), free(nodes[i].name), free(nodes[i].type), free(nodes[i].short_name), free(nodes[i].fold);
    }
    free(nodes);
    return rc ? rc : dv_fail(e, DV_EINVAL, 0, "", "%s", err);
  }
  free(nodes);
  if (store_levels_load(s, &a->t, e)) return e->code;
  tree_editions_finish(&a->t);
  app_successors_load(a, s);
  app_bodies_load(a, s);
  cube_init(&a->c, a->t.n);
  char cut[16];
  a->cfg.cutoff_day = store_setting_get(s, "period.cutoff_day", cut, sizeof cut) == 0 ? atoi(cut) : 0;
  load_ctx lc = {a};
  if (store_values_load(s, load_value, &lc, e) || app_registers_count_all(a, s, e)) return e->code;
  app_recindex_load(a, s);
  load_settings(a, s);
  app_locks_load(a, s);
  a->seen_mark = store_change_mark(s);
  return 0;
}


/* the database checked and brought to the current schema, forms and
 * registers read: everything but the model (model_open) */
static app *app_open_shell(const char *path, dv_err *e) {
  store probe;
  if (store_open(&probe, path, 0, e)) return NULL;
  char v[16];
  if (store_setting_get(&probe, "schema.version", v, sizeof v)) {
    store_close(&probe);
    dv_fail(e, DV_EINVAL, 0, "", "%s không phải cơ sở dữ liệu danvan (chạy danvan init trước)", path);
    return NULL;
  }
  store_close(&probe);
  app *a = xcalloc(1, sizeof *a);
  a->path = xstrdup(path);
  a->gen = __atomic_fetch_add(&next_gen, 1, __ATOMIC_SEQ_CST);
  unsigned char rnd[16];
  randombytes_buf(rnd, sizeof rnd);
  sodium_bin2hex(a->instance, sizeof a->instance, rnd, sizeof rnd);
  pthread_rwlock_init(&a->lock, NULL);
  pthread_mutex_init(&a->record_writes, NULL);
  pthread_mutex_init(&a->conns_lock, NULL);
  pthread_mutex_init(&a->views_lock, NULL);
  app_accounts_init(a);
  /* tables added since the database was made; records moved to the current layout */
  if (store_records_schema(app_store(a), e) || app_forms_load(&a->cat, e) || app_registers_load(a, e)) {
    app_close(a);
    return NULL;
  }
  return a;
}

/* the model: tree, values, every register's records counted into the cube */
static int model_open(app *a, dv_err *e) {
  return app_model_load(a, app_store(a), e) || app_records_refold(a, e) || app_records_origin(a, e);
}

app *app_open(const char *path, dv_err *e) {
  app *a = app_open_shell(path, e);
  if (a && model_open(a, e)) {
    app_close(a);
    return NULL;
  }
  if (a) a->ready = 1;
  return a;
}

/* the loader thread of app_open_serving: the model under the write lock */
static void *model_loader(void *arg) {
  app *a = arg;
  dv_err e = {0};
  pthread_rwlock_wrlock(&a->lock);
  int rc = model_open(a, &e);
  pthread_rwlock_unlock(&a->lock);
  if (rc) fprintf(stderr, "danvan: loading %s failed: %s\n", a->path, e.msg);
  __atomic_store_n(&a->ready, rc ? -1 : 1, __ATOMIC_RELEASE);
  return NULL;
}

app *app_open_serving(const char *path, dv_err *e) {
  app *a = app_open_shell(path, e);
  if (!a) return NULL;
  if (pthread_create(&a->loader, NULL, model_loader, a)) {
    app_close(a);
    dv_fail(e, DV_EDB, 0, "", "không tạo được luồng nạp dữ liệu");
    return NULL;
  }
  a->has_loader = 1;
  return a;
}

int app_ready(app *a) { return __atomic_load_n(&a->ready, __ATOMIC_ACQUIRE); }

void app_close(app *a) {
  if (!a) return;
  if (a->has_loader) pthread_join(a->loader, NULL);
  for (int i = 0; i < a->nconns; i++) {
    store_close(a->conns[i]);
    free(a->conns[i]);
  }
  if (tls_gen == a->gen) tls_store = NULL;
  free(a->conns);
  app_model_release(a);
  app_registers_release(a);
  free(a->holidays);
  free(a->bodies);
  free(a->locks);
  app_accounts_release(a);
  catalog_release(&a->cat);
  pthread_rwlock_destroy(&a->lock);
  pthread_mutex_destroy(&a->conns_lock);
  pthread_mutex_destroy(&a->views_lock);
  pthread_mutex_destroy(&a->record_writes);
  free(a->path);
  free(a);
}

/* Another process (an import from the command line) may have changed the
 * database: reload the model before answering. */
void app_refresh(app *a) {
  store *s = app_store(a);
  if (!s) return;
  pthread_rwlock_rdlock(&a->lock);
  int64_t seen = __atomic_load_n(&a->seen_mark, __ATOMIC_SEQ_CST);
  pthread_rwlock_unlock(&a->lock);
  if (store_change_mark(s) <= seen) return;
  pthread_rwlock_wrlock(&a->lock);
  dv_err e;
  if (store_change_mark(s) > a->seen_mark && app_model_load(a, s, &e))
    fprintf(stderr, "danvan: the model could not be reloaded: %s\n", e.msg);
  pthread_rwlock_unlock(&a->lock);
}

const tree *app_read_begin(app *a) {
  pthread_rwlock_rdlock(&a->lock);
  return &a->t;
}
void app_read_end(app *a) { pthread_rwlock_unlock(&a->lock); }
const catalog *app_catalog(app *a) { return &a->cat; }
period_cfg app_period_cfg(app *a) { return a->cfg; }

period app_default_period(app *a, const user *u) {
  int day = app_today(a);
  const tree *t = app_read_begin(a);
  int pos = u ? tree_find_id(t, u->unit_id) : -1;
  if (pos >= 0 && t->u[pos].valid_to && t->u[pos].valid_to < day) day = t->u[pos].valid_to;
  app_read_end(a);
  period ps[PERIODS_PER_DAY];
  int n = period_of_day(day, &a->cfg, ps);
  for (int i = 0; i < n; i++)
    if (ps[i].kind == PERIOD_HALF) return ps[i];
  return ps[0];
}

int app_unit_pos(app *a, const char *code) { return code ? tree_find_code(&a->t, code) : -1; }

/* ---------------- access ---------------- */

static int user_pos(app *a, const user *u) { return tree_find_id(&a->t, u->unit_id); }

/* A user at an area reads its subtree, bodies included. A user at a body
 * reads its own subtree and, in the subtree of its area, the bodies of its
 * family (the Front: every Front and member organisation below): never an
 * area's own records (docs/access.md). */
int app_can_read(app *a, const user *u, int pos) {
  if (!u) return 1;
  const tree *t = &a->t;
  int up = user_pos(a, u);
  if (up < 0 || pos < 0) return 0;
  if (tree_in_subtree(t, up, pos)) return 1;
  if (t->u[up].kind == KIND_AREA) return 0;
  int area = tree_area_of(t, up);
  return area >= 0 && tree_in_subtree(t, area, pos) && (unit_kind_family(t->u[up].kind) >> t->u[pos].kind & 1u);
}

int app_reads_as_body(app *a, const user *u, int pos, unsigned *kinds) {
  const tree *t = &a->t;
  int up = u ? user_pos(a, u) : -1;
  *kinds = 0;
  if (up < 0 || pos < 0 || t->u[up].kind == KIND_AREA || t->u[pos].kind != KIND_AREA) return 0;
  int area = tree_area_of(t, up);
  if (area < 0 || !tree_in_subtree(t, area, pos)) return 0;
  *kinds = unit_kind_family(t->u[up].kind);
  return 1;
}

int app_can_write(app *a, const user *u, int pos) {
  return app_can_read(a, u, pos) && (!u || u->role >= ROLE_OFFICER);
}

int app_unit_search(app *a, const user *u, const char *query, int max, int **pos, int *n) {
  char *q = text_fold(query ? query : "");
  if (!q) q = xstrdup("");
  pthread_rwlock_rdlock(&a->lock);
  int root = u ? user_pos(a, u) : 0;
  int lo = root < 0 ? 0 : root, hi = root < 0 ? 0 : (u ? a->t.u[root].end : a->t.n);
  *n = 0;
  *pos = xmalloc(sizeof(int) * (size_t)(max + 1));
  for (int p = lo; p < hi && *n < max; p++)
    if (!*q || strstr(a->t.u[p].fold, q)) (*pos)[(*n)++] = p;
  pthread_rwlock_unlock(&a->lock);
  free(q);
  return 0;
}

/* ---------------- reports ---------------- */

typedef struct text_ctx {
  app *a;
  const period *p;
  int pkey;
  char *listed; /* owned: the last list built from records */
} text_ctx;

/* a register's text rule: the named field of the matching records of the subtree, "; "-joined */
static char *listed_text(app *a, const reg_def *r, const reg_rule *ru, int pos, const period *p) {
  record_query q = {r->code, a->t.u[pos].id, 0, 0, NULL, NULL, NULL, 0, 0, 0, 0, NULL}; /* all: the rule filters */
  period_window(p, &a->cfg, &q.first_day, &q.last_day);
  if (ru->when_field >= 0 && !strchr(ru->when_value, '|')) { /* let SQLite pick the few that match */
    q.field = r->fields[ru->when_field].name;
    q.value = ru->when_value;
  }
  record *rows;
  int n, total;
  dv_err e;
  if (app_record_rows(a, NULL, r, &q, &rows, &n, &total, &e)) return NULL;
  buf b;
  buf_init(&b, 0);
  for (int i = n - 1; i >= 0; i--) {
    if (ru->when_field >= 0 && !reg_when_matches(ru->when_value, rows[i].values[ru->when_field])) continue;
    buf_adds(&b, b.len ? "; " : "");
    buf_adds(&b, rows[i].values[ru->value_field]);
  }
  records_free(rows, n);
  if (!b.len) {
    buf_release(&b);
    return NULL;
  }
  return buf_detach(&b, NULL);
}

/* the unit's own text where it wrote one, else a list from the registers */
static const char *text_lookup(void *ctx, int element, int combo, int pos) {
  text_ctx *tc = ctx;
  app *a = tc->a;
  for (int i = 0; i < a->ntexts; i++) {
    const text_value *t = &a->texts[i];
    if (t->element == element && t->combo == combo && t->pkey == tc->pkey && t->pos == pos) return t->text;
  }
  for (int i = 0; i < a->nregs; i++)
    for (int k = 0; k < a->regs[i].nrules; k++) {
      const reg_rule *ru = &a->regs[i].rules[k];
      if (ru->kind != RULE_TEXT || ru->element != element) continue;
      free(tc->listed);
      tc->listed = listed_text(a, &a->regs[i], ru, pos, tc->p);
      if (tc->listed) return tc->listed;
    }
  return NULL;
}


static int cmp_doc_date(const void *x, const void *y) {
  const record *a = x, *b = y;
  int c = strcmp(a->values[2], b->values[2]); /* documents.reg: field 3 is the date */
  return c ? c : (a->id > b->id) - (a->id < b->id);
}

/* Biểu 4: the documents the unit itself issued as committee in the period */
static void list_rows(app *a, rtable *out, int pos, const period *p) {
  const reg_def *r = app_register(a, "documents");
  if (!r) return;
  char pid[8];
  period_format(p, pid);
  record_query q = {r->code, a->t.u[pos].id, 0, 0, NULL, "issued_by", "cap_uy", 0, 0, 1, 0, NULL};
  period_window(p, &a->cfg, &q.first_day, &q.last_day);
  record *rows;
  int n, total;
  dv_err e;
  app_record_rows(a, NULL, r, &q, &rows, &n, &total, &e);
  if (n > 1) qsort(rows, (size_t)n, sizeof *rows, cmp_doc_date); /* rows is NULL when n = 0 */
  int kind = reg_field_index(r, "kind"), sym = reg_field_index(r, "symbol"), sum = reg_field_index(r, "summary");
  int date = reg_field_index(r, "date");
  for (int i = 0; i < n; i++) {
    char stt[16], vn[11];
    snprintf(stt, sizeof stt, "%d", i + 1);
    rrow *row = rtable_add_row(out, stt);
    row->record_id = rows[i].id;
    const reg_field *kf = &r->fields[kind];
    int k = reg_option_index(kf, rows[i].values[kind]), day = 0;
    buf b;
    buf_init(&b, 0);
    buf_addf(&b, "%s số %s", k >= 0 ? kf->opts[k].label : rows[i].values[kind], rows[i].values[sym]);
    date_parse(rows[i].values[date], &day);
    date_format_vn(day, vn);
    row->cells[0] = (rcell){CELL_NUM, i + 1, NULL};
    row->cells[1] = (rcell){CELL_TEXT, 0, buf_detach(&b, NULL)};
    row->cells[2] = (rcell){CELL_TEXT, 0, xstrdup(rows[i].values[sum])};
    row->cells[3] = (rcell){CELL_TEXT, 0, xstrdup(vn)};
    buf_release(&b);
  }
  records_free(rows, n);
}

/* The annex on the tree of `day`: a period after the last reform counts
 * each unit's own work; one that began before it (2025 on the 2025 tree,
 * or a comparison with 2024) counts the work of the units of its window
 * into where they went (app_view). */
static void report_fill(app *a, const form *f, int pos, const period *p, int day, int drill_level, int compare,
                        unsigned kinds, rtable *out) {
  int first, last;
  period_window(p, &a->cfg, &first, &last);
  tview scratch = {0};
  const tview *v = NULL;
  if (compare || first < tree_edition_on(&a->t, day)->from_day) v = app_view(a, day, first, last, &scratch);
  text_ctx tc = {a, p, period_key(p), NULL};
  report_req r = {&a->cat, f, &a->t, &a->c, pos, *p, f->rows == ROWS_LIST ? 0 : drill_level, text_lookup, &tc, &a->cfg,
                  day, v && v->maps ? v : NULL, app_body_name(a, "board", day, NULL), kinds};
  report_compute(out, &r);
  if (f->rows == ROWS_LIST && !kinds) list_rows(a, out, pos, p); /* the committee's own documents */
  free(tc.listed);
  if (v == &scratch) tview_release(&scratch);
}

/* the day whose tree an annex of the period is on: its last */
int app_period_day(app *a, const period *p) {
  int first, last;
  period_window(p, &a->cfg, &first, &last);
  return last;
}

/* the annex of form f for the unit at pos; caller holds a lock */
int app_report_locked(app *a, const user *u, const form *f, int pos, const period *p, int drill_level, rtable *out,
                      dv_err *e) {
  memset(out, 0, sizeof *out);
  const char *unit_code = pos >= 0 ? a->t.u[pos].code : "";
  if (pos < 0) return dv_fail(e, DV_ENOTFOUND, 0, "unit", "không có đơn vị mã %s", unit_code);
  int day = app_period_day(a, p), maxlevel = tree_edition_on(&a->t, day)->maxlevel;
  if (!maxlevel) maxlevel = a->t.maxlevel;
  unsigned kinds = 0;
  if (!app_can_read(a, u, pos) && !app_reads_as_body(a, u, pos, &kinds))
    return app_unit_forbidden(a, u, unit_code, pos, day, e);
  /* the unit's own level gives its own row (the entry page of a by-level form) */
  if (drill_level && (drill_level < a->t.u[pos].level || drill_level > maxlevel))
    return dv_fail(e, DV_EINVAL, 0, "level", "cấp %d không nằm dưới đơn vị %s (cấp %d)", drill_level, unit_code,
                   a->t.u[pos].level);
  report_fill(a, f, pos, p, day, drill_level, 0, kinds, out);
  return 0;
}

/* the same annex for period `cp`, on the tree of the annex's own period */
static int report_compare(app *a, const user *u, const form *f, int pos, const period *p, const period *cp,
                          int drill_level, rtable *out, dv_err *e) {
  if (f->rows == ROWS_LIST)
    return dv_fail(e, DV_EINVAL, 0, "compare", "%s là danh sách văn bản, không so sánh giữa các kỳ", f->code);
  out->compare = xcalloc(1, sizeof *out->compare);
  unsigned kinds = 0;
  if (!app_can_read(a, u, pos)) app_reads_as_body(a, u, pos, &kinds);
  report_fill(a, f, pos, cp, app_period_day(a, p), drill_level, 1, kinds, out->compare);
  return 0;
}

int app_report_ex(app *a, const user *u, const report_args *ra, rtable *out, dv_err *e) {
  memset(out, 0, sizeof *out);
  const form *f = catalog_form(&a->cat, ra->form ? ra->form : "");
  if (!f) return dv_fail(e, DV_EINVAL, 0, "form", "không có biểu %s", ra->form ? ra->form : "");
  period p, cp;
  if (!ra->period || period_parse(ra->period, &p))
    return dv_fail(e, DV_EINVAL, 0, "period", "kỳ báo cáo không hợp lệ: %s", ra->period ? ra->period : "");
  if (ra->compare && period_parse(ra->compare, &cp))
    return dv_fail(e, DV_EINVAL, 0, "compare", "kỳ so sánh không hợp lệ: %s", ra->compare);
  if (ra->level < 0 || ra->level > TREE_MAX_LEVELS)
    return dv_fail(e, DV_EINVAL, 0, "level", "cấp không hợp lệ: %d", ra->level);
  app_refresh(a);
  pthread_rwlock_rdlock(&a->lock);
  int pos, rc = app_unit_resolve(a, ra->unit, app_period_day(a, &p), &pos, e);
  if (!rc) rc = app_report_locked(a, u, f, pos, &p, ra->level, out, e);
  if (!rc && ra->compare) rc = report_compare(a, u, f, pos, &p, &cp, ra->level, out, e);
  pthread_rwlock_unlock(&a->lock);
  if (rc) rtable_release(out);
  return rc;
}

int app_report(app *a, const user *u, const char *form_code, const char *unit_code, const char *period_id,
               int drill_level, rtable *out, dv_err *e) {
  report_args ra = {form_code, unit_code, period_id, NULL, drill_level};
  return app_report_ex(a, u, &ra, out, e);
}
