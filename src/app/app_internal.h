/* Private to src/app: the shared model and helpers used by app*.c. */
#ifndef DV_APP_INTERNAL_H
#define DV_APP_INTERNAL_H
#include "app/app.h"
#include "core/recindex.h"
#include "core/cube.h"
#include "core/form.h"
#include "core/view.h"
#include "store/store.h"
#include <pthread.h>

typedef struct text_value {
  int element, combo, pkey, pos;
  char *text;
} text_value;

#define APP_MAX_VIEWS 64

struct app {
  char *path;
  int gen;                 /* tells thread-local connections which app they belong to */
  int ready;               /* 1 once the model is loaded, -1 if loading failed (atomic) */
  pthread_t loader;        /* app_open_serving's loading thread, joined by app_close */
  int has_loader;
  pthread_rwlock_t lock;   /* guards the model below */
  pthread_mutex_t record_writes; /* one record write at a time: its checks and SQL under the read
                                    lock (readers go on), its counting under the write lock */
  int model_gen;           /* +1 at each app_model_load (under the write lock) */
  tree t;
  cube c;
  catalog cat;
  period_cfg cfg;
  body_name *bodies;       /* by body, then from_day (table body_names) */
  int nbodies;
  text_value *texts;
  int ntexts;
  int64_t seen_mark;       /* other processes' changes the model reflects */
  char instance[33];       /* this process's mark on its changes */
  reg_def *regs;           /* registers/NAME.reg */
  int nregs;
  recindex *rix;           /* per register (regs' order): the list index, part of the model */
  struct {
    int classify_workdays, complaint_days, denunciation_days;
  } deadline;              /* letters: settings deadline.* */
  int *holidays;           /* sorted day numbers (table holidays) */
  int nholidays;
  int today;               /* 0 = the clock; tests set a fixed day */
  submission_key *locks;   /* approved submissions: what is locked */
  int nlocks;
  pthread_mutex_t views_lock; /* guards the cache of views (app_units.c) */
  tview *views[APP_MAX_VIEWS];
  int nviews;
  pthread_mutex_t conns_lock;
  store **conns;           /* every thread's connection, closed by app_close */
  int nconns;
  struct throttle *logins; /* failed logins per login and address (app_accounts.c) */
  int64_t sessions_purged; /* when expired sessions were last deleted */
  struct {
    int secure_cookies, trust_proxy;
  } server;                /* settings server.* */
};

/* this thread's connection to a's database */
store *app_store(app *a);
/* (re)loads tree, levels, values and records into the model; caller holds the write lock */
int app_model_load(app *a, store *s, dv_err *e);
void app_model_release(app *a);
/* position of a unit by code in the model (the newest of that code), or -1 */
int app_unit_pos(app *a, const char *code);
/* the primary successors into the tree; caller holds the write lock */
void app_successors_load(app *a, store *s);
/* the view of the tree of day over [first, last], cached (see app_units.c); caller holds a lock */
const tview *app_view(app *a, int day, int first, int last, tview *scratch);
/* the user of login, enabled or not, in the actor's subtree (actor NULL: the command line) */
int app_user_target(app *a, const user *actor, const char *login, user *u, dv_err *e);
/* the names of bodies into the model; caller holds the write lock */
void app_bodies_load(app *a, store *s);
/* frees the cached views; caller holds the write lock */
void app_views_release(app *a);
void app_text_set(app *a, int element, int combo, int pkey, int pos, const char *text);
/* one checked aggregate value, ready to write */
typedef struct value_plan {
  int element, combo, pos, has_num;
  int line; /* in an import file */
  double num;
  char *text;
} value_plan;
/* the unit code resolves on day (the period's last: app_period_day) */
int plan_value(app *a, const user *u, const char *element, const char *combo, const char *unit_code, int day,
               const char *raw, int line, value_plan *vp, dv_err *e);
/* writes checked values (one period id each) in one transaction, then the cube; caller holds the write lock */
int put_values(app *a, const user *u, value_plan *vp, char **periods, int n, dv_err *e);
void free_plans(value_plan *v, int n);
int app_registers_load(app *a, dv_err *e);
void app_registers_release(app *a);
/* recomputes the search text of every stored record when the stored fold
 * version is not the current one (records saved before unit names were in it) */
int app_records_refold(app *a, dv_err *e);
/* the origin of records made before it was kept (docs/privacy.md), once */
int app_records_origin(app *a, dv_err *e);
/* counts every register's records into the cube; caller holds the write lock */
int app_registers_count_all(app *a, store *s, dv_err *e);
/* the list index of every register (core/recindex.h), from the store; and its release */
void app_recindex_load(app *a, store *s);
void app_recindex_release(app *a);
/* records by a store query, without access checks or private fields; caller holds a lock */
int app_record_rows(app *a, const user *u, const reg_def *r, const record_query *q, record **rows, int *n,
                    int *total, dv_err *e);
/* fills out->due and out->overdue */
void app_record_deadline(app *a, const reg_def *r, record *out);
int app_add_workdays(app *a, int day, int n);
/* app_report with the unit's position; caller holds a lock */
int app_report_locked(app *a, const user *u, const form *f, int pos, const period *p, int drill_level, rtable *out,
                      dv_err *e);
/* the records app_record_export writes (private fields only for the
 * filter's own unit), oldest first; caller frees with records_free */
int app_record_export_rows(app *a, const user *u, const reg_def *r, const record_filter *f, record **rows, int *n,
                           dv_err *e);
/* the demo's reporting history */
int app_demo_submissions(app *a, const char *data, size_t len, dv_err *e);
/* reloads the approved submissions; caller holds the write lock */
void app_locks_load(app *a, store *s);
/* the login throttle's table (app_open, app_close) */
void app_accounts_init(app *a);
void app_accounts_release(app *a);
/* the actor's id and login for audit entries */
void actor_of(const user *u, int64_t *id, const char **login);
/* --- notifications (app_notify.c) --- */
typedef struct owed_report {
  const char *form; /* the catalog's code */
  period p;
  int due;
} owed_report;
/* the reports the unit at pos owes with a deadline in [first, last]
 * (app_submissions.c); caller holds a lock and frees *out */
int app_reports_owed(app *a, int pos, int first, int last, owed_report **out, int *n);
/* the notice of a decision (approved, returned, reopened) to the unit at
 * pos, in the caller's transaction; nothing for a submit */
int app_notify_submission(app *a, store *s, const user *u, sub_action act, const char *form_code,
                          const char *period_id, int pos, const submission *after, dv_err *e);
/* 1 if key is a notification or e-mail setting (smtp.url, smtp.from,
 * site.url, digest.hour, notify.days, notify.overdue_days) */
int app_notify_key(const char *key);
/* checks its value: 0 with the stored text in out, or DV_EINVAL */
int app_notify_setting(const char *key, const char *value, char *out, size_t n, dv_err *e);
/* 1 if key is a connection limit (server.connections, server.per_ip_connections,
 * server.header_timeout, server.timeout; app_server.c) */
int app_server_key(const char *key);
/* checks its value: 0 with the stored text in out, or DV_EINVAL */
int app_server_setting(const char *key, const char *value, char *out, size_t n, dv_err *e);
#endif
