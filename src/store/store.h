/* store: every SQL statement of the system lives here, over one SQLite
 * connection per thread (WAL mode, busy timeout, foreign keys). Functions
 * return 0 on success or a negative dv_code with the error in e. */
#ifndef DV_STORE_H
#define DV_STORE_H
#include "core/audit.h"
#include "core/calendar.h"
#include "core/notice.h"
#include "core/plan.h"
#include "core/record.h"
#include "core/submission.h"
#include "core/tree.h"
#include "core/user.h"
#include "util/err.h"
#include "core/tree.h"
#include <stdint.h>

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
typedef struct store {
  sqlite3 *db;
  char instance[33]; /* the process's model: its own changes need no reload */
  char now_iso[24];  /* the current second, for timestamps of inserted records */
  long now_time;
  sqlite3_stmt *ins_audit, *ins_record, *ins_private; /* cached: imports insert many */
  sqlite3_stmt *cnt_record;                           /* cached: an import checks each row */
  sqlite3_stmt *set_fold;                             /* cached: a recompute of every fold */
  char reg_code[32]; /* the register last inserted into and its id (records.reg) */
  int64_t reg_id;
  int saved_cache; /* page cache size to restore after a bulk transaction; 0 = none */
  int bulk;        /* in a bulk transaction: foreign keys off until it ends */
} store;

int store_open(store *s, const char *path, int create, dv_err *e);
void store_close(store *s);
int store_begin(store *s, dv_err *e);
/* BEGIN for a large import: a 64 MB page cache until the commit or rollback */
int store_begin_bulk(store *s, dv_err *e);
int store_commit(store *s, dv_err *e);
void store_rollback(store *s);
int store_create_schema(store *s, dv_err *e);
/* the register tables (also added to databases made before them) */
int store_records_schema(store *s, dv_err *e);
/* how many changes other processes (another server, the command line) made:
 * when it grows, the model must be reloaded */
int64_t store_change_mark(store *s);

/* --- settings --- */
int store_setting_get(store *s, const char *key, char *out, int outlen);
int store_setting_set(store *s, const char *key, const char *value, dv_err *e);

/* --- units and levels --- */
int store_units_load(store *s, unit_node **nodes, int *n, dv_err *e);
int store_levels_load(store *s, tree *t, dv_err *e);
/* names a level of the edition from from_day (0 = the first) */
int store_level_set(store *s, int from_day, int level, const char *name, const char *cap, const char *shortn,
                    dv_err *e);
/* valid_to: the unit's last day */
int store_unit_close(store *s, int64_t id, int valid_to, dv_err *e);
/* the successors of closed units (a reform's mapping): share "whole" or
 * "part"; the primary one is where the unit's work goes in comparisons */
int store_successor_put(store *s, int64_t old_id, int64_t new_id, const char *share, int primary, dv_err *e);
/* makes new_id the only primary successor of old_id */
int store_successor_set_primary(store *s, int64_t old_id, int64_t new_id, dv_err *e);
/* names of bodies from a day on ("board": Ban Dân vận, then Ban Tuyên giáo và Dân vận) */
typedef void (*body_name_cb)(void *ctx, const char *body, int from_day, const char *name, const char *abbrev);
int store_body_names_load(store *s, body_name_cb cb, void *ctx);
int store_body_name_set(store *s, const char *body, int from_day, const char *name, const char *abbrev, dv_err *e);
typedef void (*successor_cb)(void *ctx, int64_t old_id, int64_t new_id, const char *share, int primary);
int store_successors_load(store *s, successor_cb cb, void *ctx);
/* valid_from / valid_to: day numbers, 0 when open */
typedef struct unit_row {
  const char *code, *name, *type;
  int level, kind, valid_from, valid_to; /* dates 0 = open */
  int64_t parent_id;                      /* 0 for a root */
} unit_row;
int store_unit_insert(store *s, const unit_row *u, int64_t *id, dv_err *e);

/* --- values --- */
typedef void (*value_cb)(void *ctx, const char *element, const char *combo, const char *period_id, int64_t unit_id,
                         int has_num, double num, const char *text);
int store_values_load(store *s, value_cb cb, void *ctx, dv_err *e);
/* text NULL and has_num 0 = delete; old value returned in old_* (old_text
 * malloc'd or NULL); returns 1 if a value existed before */
int store_value_put(store *s, const char *element, const char *combo, const char *period_id, int64_t unit_id,
                    int has_num, double num, const char *text, int64_t user_id, int *old_has_num, double *old_num,
                    char **old_text, dv_err *e);
int store_value_get(store *s, const char *element, const char *combo, const char *period_id, int64_t unit_id,
                    int *has_num, double *num, char **text);

/* --- users and sessions --- */
int store_user_insert(store *s, const char *login, const char *pwhash, int64_t unit_id, role r, int64_t *id,
                      dv_err *e);
/* fills u and the stored hash; DV_ENOTFOUND if no such login. disabled NULL: enabled users
 * only; else any user, and *disabled says whether it is */
int store_user_by_login(store *s, const char *login, user *u, char *hash, int hashlen, int *disabled);
int store_user_list(store *s, user_row **rows, int *n, dv_err *e);
/* users.disabled, users.lang and sessions.csrf_hash (added to, or moved in, older databases
 * on open); moving, disabling (which deletes the user's sessions) or enabling, a new
 * password hash */
int store_users_schema(store *s, dv_err *e);
int store_user_set_unit(store *s, int64_t user_id, int64_t unit_id, dv_err *e);
int store_user_set_disabled(store *s, int64_t user_id, int disabled, dv_err *e);
int store_user_set_password(store *s, int64_t user_id, const char *pwhash, dv_err *e);
/* users.lang, the interface language chosen ("" = none) */
int store_user_set_lang(store *s, int64_t user_id, const char *lang, dv_err *e);
/* a session is kept by the hashes of its token and of its CSRF token, never the tokens */
int store_session_insert(store *s, const char *token_hash, int64_t user_id, const char *csrf_hash, int64_t expires,
                         dv_err *e);
int store_session_get(store *s, const char *token_hash, int64_t now, user *u, char csrf_hash[65]);
void store_session_delete(store *s, const char *token_hash);
/* deletes the user's sessions but the one of keep_hash (NULL: all) */
int store_sessions_end(store *s, int64_t user_id, const char *keep_hash, dv_err *e);
/* deletes the sessions expired at now */
void store_sessions_purge(store *s, int64_t now);

/* --- audit --- */
int store_audit(store *s, int64_t user_id, const char *login, const char *action, const char *entity,
                int64_t entity_id, const char *before, const char *after, dv_err *e);
int store_audit_list(store *s, int limit, int offset, audit_row **rows, int *n, dv_err *e);
/* the audit entries of one value cell (element, combo, period) of any unit, oldest first */
int store_value_history(store *s, const char *element, const char *combo, const char *period_id, value_change **rows,
                        int *n, dv_err *e);

/* --- public holidays (working-day deadlines); an admin edits them --- */
int store_holidays_load(store *s, int **days, int *n);
/* name NULL = remove */
int store_holiday_put(store *s, int day, const char *name, dv_err *e);
int store_holidays_list(store *s, int first, int last, holiday_row **rows, int *n);

/* --- attachments of register records (stored in the database, checksummed) --- */
int store_attachment_insert(store *s, int64_t record_id, const char *name, const char *type, const void *data,
                            size_t len, const char *sha256, int64_t user_id, int64_t *id, dv_err *e);
/* caller frees *rows */
int store_attachment_list(store *s, int64_t record_id, attachment_info **rows, int *n);
/* *data malloc'd (info->size bytes); DV_ENOTFOUND */
int store_attachment_get(store *s, int64_t id, attachment_info *info, char **data);
/* the register code of a record */
int store_record_register(store *s, int64_t id, char *reg, int len);

/* --- stage history of register records (models: registered -> ... -> commended) --- */
int store_event_insert(store *s, int64_t record_id, int day, int64_t user_id, const char *login, const char *from,
                       const char *to, const char *comment, dv_err *e);
/* caller frees with stage_events_free */
int store_event_list(store *s, int64_t record_id, stage_event **rows, int *n);

/* --- submissions (form x period x unit) --- */
/* DV_ENOTFOUND (and out set to a draft) when none was made yet */
int store_submission_get(store *s, const char *form_code, const char *period_id, int64_t unit_id, submission *out);
int store_submission_put(store *s, const char *form_code, const char *period_id, int64_t unit_id, const submission *v,
                         dv_err *e);
typedef struct submission_key {
  char form[32], period[8];
  int64_t unit_id;
} submission_key;
/* every approved submission (what is locked); caller frees */
int store_submissions_approved(store *s, submission_key **rows, int *n);
/* every submission in that status ("submitted": waiting for a decision); caller frees */
int store_submissions_in(store *s, const char *status, submission_key **rows, int *n);
/* the enabled users of role approver, by unit id then login, each with the
 * forms they decide (comma-separated, "" = every form); caller frees */
typedef struct approver_row {
  int64_t unit_id;
  char login[64];
  char forms[512];
} approver_row;
int store_approvers(store *s, approver_row **rows, int *n);
/* replaces the forms the user decides (n 0: every form) */
int store_approver_forms_set(store *s, int64_t user_id, const char *const *forms, int n, dv_err *e);

/* --- register records (generic: one table, fields as a JSON object) --- */
typedef void (*record_scan_cb)(void *ctx, int64_t id, int64_t unit_id, const char *data);
int store_records_scan(store *s, const char *reg, record_scan_cb cb, void *ctx, dv_err *e);
/* only the named fields of every record (SQLite extracts them: no JSON parsing here) */
typedef void (*record_fields_cb)(void *ctx, int64_t unit_id, const char *const *values);
int store_records_scan_fields(store *s, const char *reg, const char *const *names, int n, record_fields_cb cb,
                              void *ctx, dv_err *e);
/* Where a record's personal data belongs (docs/privacy.md): the unit that
 * first recorded it, and whether it is its handler's alone. */
typedef struct record_origin {
  int64_t unit_id;
  int handler_only;
} record_origin;
/* the origin is the record's unit; handler_only marks it its handler's alone */
int store_record_insert(store *s, const char *reg, int64_t unit_id, int day, const char *data, const char *priv,
                        const char *fold, int handler_only, int64_t user_id, int64_t *id, dv_err *e);
/* the origin's unit stays; handler_only can set the mark, never clear it */
int store_record_update(store *s, int64_t id, int64_t unit_id, int day, const char *data, const char *priv,
                        const char *fold, int handler_only, dv_err *e);
/* Fills the origin of the records of register reg made before it was kept:
 * the unit named by a record's first audit entry, else its own; handler's
 * alone if the record or any of its audit entries had field = value. The
 * caller holds a transaction. */
int store_records_origin_fill(store *s, const char *reg, const char *field, const char *value, dv_err *e);
int store_record_delete(store *s, int64_t id, dv_err *e);
/* replaces the search text of a record (a recompute of every fold) */
int store_record_set_fold(store *s, int64_t id, const char *fold, dv_err *e);
/* *data and *priv malloc'd (priv NULL if none); origin (may be NULL) filled; DV_ENOTFOUND */
int store_record_get(store *s, const char *reg, int64_t id, int64_t *unit_id, char **data, char **priv,
                     record_origin *origin);
typedef struct record_query {
  const char *reg;
  int64_t root_unit_id;   /* the subtree; 0 = every unit */
  int first_day, last_day;
  const char *fold;       /* NULL = no text search */
  const char *field, *value; /* NULL = no field filter; a set field matches a member */
  int limit, offset;
  int own_only;           /* records of the root unit itself, not its subtree */
  unsigned kinds;         /* 0 = every unit of the subtree; else only units of these kinds (1 << unit_kind) */
  const char *unit_ids;   /* NULL, or a JSON array of unit ids: exactly these units instead of the subtree */
} record_query;
typedef void (*record_row_cb)(void *ctx, int64_t id, int64_t unit_id, const char *data, const char *priv,
                              const record_origin *origin);
int store_record_list(store *s, const record_query *q, int with_private, record_row_cb cb, void *ctx, int *total,
                      dv_err *e);
/* every record of register reg as (id, unit id, day): the app's list index (core/recindex.h) */
typedef void (*record_key_cb)(void *ctx, int64_t id, int64_t unit_id, int day);
int store_record_keys(store *s, const char *reg, record_key_cb cb, void *ctx, dv_err *e);
/* the records of register reg with these ids, in that order (an id not of reg is left out), as
 * store_record_list gives them */
int store_records_by_id(store *s, const char *reg, const int64_t *ids, int n, int with_private, record_row_cb cb,
                        void *ctx, dv_err *e);
/* how many records of register reg the unit itself holds on days first..last
 * whose field (unless NULL) is value; -1 on a database error */
int store_record_count(store *s, const char *reg, int64_t unit_id, int first, int last, const char *field,
                       const char *value);

/* --- plans (core/plan.h): plans, their sections and headings, items,
 * targets and progress notes; the SQL is in store_plans.c --- */
/* the plan tables (also added to databases made before them) */
int store_plans_schema(store *s, dv_err *e);

/* --- report documents (store_documents.c) --- */
int store_documents_schema(store *s, dv_err *e);
typedef struct store_doc_row {
  int64_t id;
  char *data; /* JSON, owned */
  char updated_at[32], updated_by[64];
} store_doc_row;
/* 1 found (out filled), 0 none, -1 error */
int store_report_doc_get(store *s, int64_t unit_id, const char *period, store_doc_row *out);
int store_report_doc_put(store *s, int64_t unit_id, const char *period, const char *data, const char *login,
                         int64_t *id, dv_err *e);
/* the issued report's DOCX (appended to docx when given) and when it was
 * issued: 1 found, 0 none, -1 error */
int store_report_issue_get(store *s, int64_t unit_id, const char *period, buf *docx, char *issued_at, size_t n);
/* stores (or, re-issued, replaces) the issued DOCX */
int store_report_issue_put(store *s, int64_t unit_id, const char *period, const buf *docx, const char *login,
                           int64_t *id, dv_err *e);
/* the highest number the unit gave its reports of this symbol dated in the year (0 if none) */
int store_report_doc_max_number(store *s, int64_t unit_id, const char *symbol, int year);
/* the plans with that symbol: up to max ids and unit ids; returns the count */
int store_plans_by_symbol(store *s, const char *symbol, int64_t *ids, int64_t *unit_ids, int max);
/* writes a plan in the caller's transaction: *id 0 inserts, else replaces
 * that plan's content and keeps its id (links to it stay). source_ids[i] is
 * the source plan of block i (0 = none); the snapshot of the source text is
 * the block's item.source_text. */
int store_plan_save(store *s, int64_t *id, const plan_doc *p, int64_t unit_id, int64_t basis_id,
                    const int64_t *source_ids, dv_err *e);
/* the plan as a document (item statuses and source snapshots included); DV_ENOTFOUND */
int store_plan_load(store *s, int64_t id, plan_doc *out, int64_t *unit_id);
/* every plan (title malloc'd; unit_name and overdue left to the caller) */
int store_plan_list(store *s, plan_info **rows, int *n);
int64_t store_plan_basis_id(store *s, int64_t id);
/* every item of a plan (0 = of all plans): its plan, number, due text, status */
typedef void (*plan_item_cb)(void *ctx, int64_t plan_id, int year, const char *number, const char *due,
                             const char *status);
int store_plan_items_scan(store *s, int64_t plan_id, plan_item_cb cb, void *ctx);
/* the items of other plans that took up an item of this plan */
typedef void (*plan_taker_cb)(void *ctx, int64_t plan_id, const char *symbol, int64_t unit_id, int year,
                              const char *number, const char *due, const char *status, const char *source_number,
                              const char *source_text);
int store_plan_takers(store *s, int64_t plan_id, plan_taker_cb cb, void *ctx);
/* this plan's items with a source: the snapshot, and the source's text now (NULL if removed) */
typedef void (*plan_source_cb)(void *ctx, const char *number, int64_t source_plan_id, const char *source_symbol,
                               int64_t source_unit_id, const char *source_number, const char *then, const char *now);
int store_plan_sources(store *s, int64_t plan_id, plan_source_cb cb, void *ctx);
/* an item's current text (malloc'd); DV_ENOTFOUND */
int store_plan_item_text(store *s, int64_t plan_id, const char *number, char **text);
int store_plan_item_status(store *s, int64_t plan_id, const char *number, const char *status, dv_err *e);
/* the snapshot of the item's source becomes the source's text now */
int store_plan_item_ack(store *s, int64_t plan_id, const char *number, dv_err *e);
int store_plan_note_add(store *s, int64_t plan_id, const char *number, int day, int64_t user_id, const char *login,
                        const char *status, const char *note, const char *evidence, dv_err *e);
/* oldest first; caller frees with plan_notes_free */
int store_plan_notes(store *s, int64_t plan_id, const char *number, plan_note **rows, int *n);
/* --- notifications (store_notify.c): events addressed to a unit, each
 * user's read marks by notice id ("e12" for stored event 12, a computed
 * notice's own id), users' e-mail addresses --- */
int store_notify_schema(store *s, dv_err *e);
typedef struct notify_row {
  int64_t id, unit_id;
  const char *kind, *text, *url, *at, *by_login;
  int read; /* by the user listed for */
} notify_row;
int store_notify_insert(store *s, const notify_row *n, dv_err *e);
typedef void (*notify_cb)(void *ctx, const notify_row *n);
/* the unit's newest events (at most limit), with user_id's read marks */
int store_notify_list(store *s, int64_t unit_id, int64_t user_id, int limit, notify_cb cb, void *ctx);
/* how many of the unit's events the user has not read */
int store_notify_unread_stored(store *s, int64_t unit_id, int64_t user_id);
/* the unit an event is addressed to; DV_ENOTFOUND */
int store_notify_unit(store *s, int64_t id, int64_t *unit_id);
int store_notify_is_read(store *s, int64_t user_id, const char *nid);
int store_notify_mark_read(store *s, int64_t user_id, const char *nid, dv_err *e);
/* email "" or NULL clears it */
int store_user_email_set(store *s, int64_t user_id, const char *email, dv_err *e);
/* "" if none */
int store_user_email(store *s, int64_t user_id, char *out, int outlen);
typedef void (*user_email_cb)(void *ctx, const char *login, const char *email);
/* the enabled users with an address */
int store_user_emails(store *s, user_email_cb cb, void *ctx);
#endif
