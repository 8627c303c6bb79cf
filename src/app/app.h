/* The application layer: what the CLI and the web both call. It owns the
 * in-memory model (unit tree, form catalog, roll-up cube) shared by all
 * threads under a read-write lock, and gives each thread its own SQLite
 * connection. Every change goes to the database in one transaction with
 * its audit entry, then into the cube, so reports are live.
 *
 * Access: a user sees and changes only the subtree of their unit; roles are
 * admin > approver > officer > viewer (viewer reads only). */
#ifndef DV_APP_H
#define DV_APP_H
#include "core/period.h"
#include "core/form.h"
#include "core/report.h"
#include "core/audit.h"
#include "core/calendar.h"
#include "core/notice.h"
#include "core/plan.h"
#include "core/record.h"
#include "core/submission.h"
#include "core/tree.h"
#include "core/user.h"
#include "util/buf.h"
#include "util/err.h"
#include <stddef.h>
#include <stdint.h>
#include <time.h>



typedef struct app app;

/* opens an existing database and loads the model */
app *app_open(const char *path, dv_err *e);
/* the server's opening: checks the database and returns at once; the model
 * loads in a thread of its own. Until app_ready says 1 nothing but
 * app_ready, app_close and the connection limits (app_server_limits) may be
 * called (docs/benchmarks.md, "Restart") */
app *app_open_serving(const char *path, dv_err *e);
/* 1 once the model is loaded, 0 while it loads, -1 if loading failed */
int app_ready(app *a);
void app_close(app *a);
/* reloads the model if another process (the command line) changed data */
void app_refresh(app *a);
/* the model under a read lock: call app_read_end when done */
const tree *app_read_begin(app *a);
void app_read_end(app *a);
const catalog *app_catalog(app *a);
period_cfg app_period_cfg(app *a);
/* the period a page shows when none is asked: the half-year that holds
 * app_today, or, if the user's unit ended before it, the half-year that holds
 * the unit's last day (an officer of a dissolved district sees its last
 * reports, a commune of the new tree its current half) */
period app_default_period(app *a, const user *u);

/* --- sessions and users (app_accounts.c, docs/access.md "Accounts") --- */
/* A new session of login: its token (64 hex chars) into token. address: the client's (an
 * IPv6 /64 as one), NULL if none. DV_EAUTH for a wrong login or password (audited
 * session.fail); DV_ETHROTTLED after too many failures of the login or the address, with
 * the seconds to wait in *retry_after (may be NULL). */
int app_login(app *a, const char *login, const char *password, const char *address, char token[65],
              int *retry_after, dv_err *e);
/* the user of a session token and its CSRF token (64 hex chars) */
int app_session(app *a, const char *token, user *u, char csrf[65]);
void app_logout(app *a, const char *token);
/* ends every session of u ("Đăng xuất mọi nơi"); audited session.logout_all */
int app_logout_everywhere(app *a, const user *u, dv_err *e);
/* u's new password in place of old (checked and throttled as a login: DV_ETHROTTLED,
 * *retry_after): the policy applies, u's other sessions end (the one of token goes on);
 * audited user.password. A wrong old password: DV_EINVAL, field "old". */
int app_password_change(app *a, const user *u, const char *token, const char *old, const char *password,
                        int *retry_after, dv_err *e);
/* the password policy applies (field "password"): at least 10 characters, not a common
 * password, not the login */
int app_user_add(app *a, const user *actor, const char *login, const char *password, const char *unit_code,
                 role r, dv_err *e); /* actor NULL = the command line */
/* an admin (NULL: the command line) sets login's password: the policy applies, the user's
 * sessions end; audited user.password */
int app_user_set_password(app *a, const user *actor, const char *login, const char *password, dv_err *e);
/* users in the actor's subtree; caller frees *rows */
int app_user_list(app *a, const user *actor, user_row **rows, int *n, dv_err *e);
/* --- users across the reform (app_data.c) --- */
typedef struct dissolved_user {
  int64_t id;
  char login[64], unit_code[32], unit_name[128];
  char suggested_code[32], suggested_name[128]; /* tree_target_on today; "" if none */
  role role;
} dissolved_user;
/* enabled users (admin's subtree) whose unit is not valid on app_today; caller frees */
int app_user_list_dissolved(app *a, const user *actor, dissolved_user **rows, int *n, dv_err *e);
/* the user's unit becomes unit_code (valid today, in the actor's subtree); audited "user.move" */
int app_user_move(app *a, const user *actor, const char *login, const char *unit_code, dv_err *e);
/* the user's interface language ("vi" or "en", the ?lang= switch); audited "user.lang" */
int app_user_set_lang(app *a, const user *u, const char *lang, dv_err *e);
/* disabled 1: the user can no longer log in, their sessions are deleted; audited
 * "user.disable" ("user.enable" for 0); nothing when the account is already so */
int app_user_set_disabled(app *a, const user *actor, const char *login, int disabled, dv_err *e);
/* settings server.secure_cookies (cookies with Secure: TLS in front) and server.trust_proxy
 * (the client's address from X-Real-IP on connections from the proxy on this machine) */
int app_secure_cookies(app *a);
int app_trust_proxy(app *a);

/* 1 if u may see the unit at position pos / may change data there */
/* a user at a body asking for an area of its own area's subtree reads
 * that area's annexes restricted to the bodies of its family: 1 and the
 * kinds as a mask, else 0 */
int app_reads_as_body(app *a, const user *u, int pos, unsigned *kinds);
int app_can_read(app *a, const user *u, int pos);
int app_can_write(app *a, const user *u, int pos);

/* --- units --- */
/* positions of units whose folded name or code contains the folded query,
 * within the user's subtree, at most max; caller frees */
int app_unit_search(app *a, const user *u, const char *query, int max, int **pos, int *n);

/* --- annexes --- */
/* drill_level 0 = the annex as printed; else the units of that level */
int app_report(app *a, const user *u, const char *form, const char *unit_code, const char *period, int drill_level,
               rtable *out, dv_err *e);

/* the annex, and beside it (out->compare) the same annex for another period
 * counted on this period's tree: the unit code resolves on the period's
 * last day, and a period begun before a reform counts the old units' work
 * into their successors */
typedef struct report_args {
  const char *form, *unit, *period;
  const char *compare; /* NULL = none */
  int level;           /* the drill level, 0 = as printed */
} report_args;
int app_report_ex(app *a, const user *u, const report_args *ra, rtable *out, dv_err *e);
/* the last day of a period's window: the day whose tree its annex is on */
int app_period_day(app *a, const period *p);

/* --- XLSX (app_xlsx.c; the workbook's layout in export/xlsx_out.h) --- */
/* the annex as a workbook; the cells the user may type into (the unit's
 * own values, not counted from a register, not locked) are left unlocked */
int app_report_xlsx(app *a, const user *u, const char *form, const char *unit_code, const char *period, int drill_level,
                    buf *out, dv_err *e);
/* a workbook of app_report_xlsx filled in offline: its layout must be the
 * annex's as it is now; the open cells that differ from the annex become
 * entered values (a cleared cell clears), any other changed cell is
 * refused; all or nothing, errors name the sheet and the cell (e->field);
 * *count = cells changed */
int app_import_xlsx(app *a, const user *u, const char *file, const void *data, size_t len, int *count, dv_err *e);

/* --- aggregate values --- */
typedef struct value_in {
  const char *element, *combo, *value; /* value "" = clear */
} value_in;
/* the value a unit entered by hand for one cell, as text ("" if none) */
int app_value_get(app *a, const user *u, const char *element, const char *combo, const char *period,
                  const char *unit_code, char *out, int outlen);
/* all or nothing; each value validated against its element's type */
/* 1 if the unit's own value of (element, combo) in the period is made by its
 * records (records win, core/cube.h): no hand-entered value is taken there
 * (docs/entry.md); caller holds a lock */
int app_value_counted(app *a, int element, int combo, const period *p, int pos);
/* form_inputs_at (core/form.h) for the unit at pos in period p, by
 * app_value_counted: the one rule of the entry grid, the XLSX and the
 * imports; caller holds a lock */
void app_form_inputs(app *a, const form *f, const period *p, int pos, form_input *out);
/* where an annex cell's value comes from: the units of unit_code's subtree
 * (level > 0: of that level) in (element, combo, period); ORIGIN_RECORDS if
 * records of some unit make it, ORIGIN_ENTERED if a hand-entered value of
 * some unit (without records) does; 0 blank */
/* 1 if the form's rule fr does not hold over the area of the unit at pos in
 * the period (the annex's check, report.c); msg gets "message (1.865 > 9)" */
int app_rule_broken(app *a, const form_rule *fr, const period *p, int pos, char *msg, size_t n);
#define ORIGIN_RECORDS 1
#define ORIGIN_ENTERED 2
int app_cell_origin(app *a, int element, int combo, const char *period_id, const char *unit_code, int level);
int app_values_put(app *a, const user *u, const char *period, const char *unit_code, const value_in *v, int n,
                   dv_err *e);

/* --- audit --- */
/* the changes of (element, combo, period) by the units of unit_code's
 * subtree (level > 0: of that level only) that u may read, oldest first;
 * caller frees with value_changes_free */
int app_value_history(app *a, const user *u, const char *element, const char *combo, const char *period_id,
                      const char *unit_code, int level, value_change **rows, int *n, dv_err *e);
void value_changes_free(value_change *rows, int n);
/* admins only; newest first */
int app_audit_list(app *a, const user *u, int limit, int offset, audit_row **rows, int *n, dv_err *e);
void audit_rows_free(audit_row *rows, int n);

/* --- imports (all or nothing; errors name line and field) --- */
int app_import_units(app *a, const char *file, const char *data, size_t len, dv_err *e);
/* --- units through time (app_units.c) ---
 * valid_from > 0: the file is a new edition of the whole tree from that
 * day: a unit with the same code, name and parent as one open the day
 * before continues it; every other unit open the day before ends then;
 * the file's other units begin that day; its levels get their own names.
 * valid_from 0: the units are added to the tree (as before editions). */
int app_import_units_from(app *a, const char *file, const char *data, size_t len, int valid_from, dv_err *e);
/* old_code,new_code,share: old codes resolve on the day before `day`, new
 * ones on `day`; each old unit's primary successor (where its work goes in
 * comparisons) is the admin's earlier choice, else the new unit with its
 * code, else with its name, else the first listed */
int app_import_unit_mapping(app *a, const char *file, const char *data, size_t len, int day, int *count, dv_err *e);
typedef struct body_name {
  char body[16], name[128], abbrev[16];
  int from_day;
} body_name;
/* every name of every body, by body and day; valid until the model reloads */
const body_name *app_body_names(app *a, int *n);
/* the name a body had on day ("board": "Ban Dân vận" until 30/06/2025, then
 * "Ban Tuyên giáo và Dân vận"), and its abbreviation in symbols ("BDV",
 * "BTGDV"); "" if none. Names are data: danvan bodies DB set … */
const char *app_body_name(app *a, const char *body, int day, const char **abbrev);
/* a body's name from a day on (admin or the command line), audited */
int app_body_name_set(app *a, const user *u, const char *body, int from_day, const char *name, const char *abbrev,
                      dv_err *e);
/* 1 if abbrev is one the body ever had (a plan's "KH/BDVTU" or "KH/BTGDVTU") */
int app_body_abbrev_known(app *a, const char *body, const char *symbol_suffix);
/* the unit of that code on the period's tree (its last day); the newest
 * when period_id is not a period; caller holds a lock (app_read_begin) */
int app_unit_pos_period(app *a, const char *code, const char *period_id);
/* app_unit_pos_period for a reader: without a period, of the units that
 * carried the code (newest first) the first the user may read — a ward
 * officer of 2024 names their own ward, not the new ward that took its
 * code; caller holds a lock */
int app_unit_pos_readable(app *a, const user *u, const char *code, const char *period_id);
/* the edition (level names) of the period's tree; the newest when period_id
 * is not a period; caller holds a lock */
const tree_edition *app_period_edition(app *a, const char *period_id);
/* the unit of that code valid on day (day <= 0: the newest), or -1 */
int app_unit_pos_on(app *a, const char *code, int day);
/* the same, or an error that says why ("đơn vị 164 (Huyện ...) không còn
 * từ 01/07/2025; nay thuộc 31 ..."); caller holds a lock */
int app_unit_resolve(app *a, const char *code, int day, int *pos, dv_err *e);
/* DV_EFORBIDDEN for a unit (pos, -1 if none) outside the user's area on the day, saying so
 * when the code is the user's own unit that does not exist then; caller holds a lock */
int app_unit_forbidden(app *a, const user *u, const char *code, int pos, int day, dv_err *e);
/* the refusal of a write to the unit at pos: out of the user's scope
 * (app_unit_forbidden), or, in scope, no write right (a viewer) */
int app_unit_unwritable(app *a, const user *u, const char *code, int pos, int day, dv_err *e);
typedef struct successor_row {
  int old_pos, new_pos, primary;
  char share[8];
} successor_row;
/* the successor rows (old_pos -1: all); caller holds a lock and frees *rows */
int app_successor_list(app *a, int old_pos, successor_row **rows, int *n);
/* an admin makes new_code the primary successor of the unit old_code that
 * ended the day before `day`; audited */
int app_successor_choose(app *a, const user *u, const char *old_code, const char *new_code, int day, dv_err *e);
int app_import_values(app *a, const user *u, const char *file, const char *data, size_t len, int *count,
                      dv_err *e);

/* --- registers (registers/NAME.reg): documents, conferences, inspections,
 * letters, receptions, supervisions, criticisms --- */
int app_register_count(app *a);
const reg_def *app_register_at(app *a, int i);
const reg_def *app_register(app *a, const char *code); /* NULL if none */

void record_release(record *r);
/* the unit a unit-reference field of a record names, on the record's day;
 * -1; caller holds a lock (app_read_begin) */
int app_record_unitref_pos(app *a, const reg_def *r, const char *const *v, int field);
void records_free(record *rows, int n);

typedef struct record_filter {
  const char *unit_code; /* subtree root; NULL = the user's unit */
  const char *period;    /* NULL = all */
  const char *query;     /* diacritic-insensitive text search */
  const char *field, *value; /* an enum or set field equal to / holding value */
  int limit, offset;     /* limit 0 = all */
} record_filter;
/* the records of one annex cell (reg_sources, docs/entry.md), beyond a record_filter */
typedef struct cell_filter {
  int level;             /* > 0: only records of units of that level */
  const char *date;      /* NULL: the period by the register's date; else by this date field */
  int nconds;            /* field conditions, all must hold; a value "a|b" is any of them */
  const char *cond_field[REG_MAX_CONDS], *cond_value[REG_MAX_CONDS];
} cell_filter;

int app_record_list(app *a, const user *u, const reg_def *r, const record_filter *f, record **rows, int *n,
                    int *total, dv_err *e);
/* app_record_list refined by cf (NULL: none); *total counts what both select */
int app_record_list_cell(app *a, const user *u, const reg_def *r, const record_filter *f, const cell_filter *cf,
                         record **rows, int *n, int *total, dv_err *e);
int app_record_get(app *a, const user *u, const reg_def *r, int64_t id, record *out, dv_err *e);
/* DV_ECONFLICT with the words of app_record_save's refusal when an approved
 * report counts the record (it can be neither changed nor deleted), and in
 * ref (may be NULL) that report, where it is reopened; else 0 */
typedef struct lock_ref {
  char form[32], period[8], unit[32];
} lock_ref;
int app_record_lock(app *a, const reg_def *r, const record *rec, lock_ref *ref, dv_err *e);
/* validates values (one per field) and saves; *id 0 = create. On error
 * e->field names the field. Private fields the user may not see are kept
 * as they were when given as NULL. */
int app_record_save(app *a, const user *u, const reg_def *r, int64_t *id, const char *const *values, dv_err *e);
/* every error of the values at once, as app_record_save words them (each
 * naming its field), the first max of them into errs; their number, 0 if
 * the values would pass app_record_save's checks of the fields. A NULL
 * value (a private field kept) is not checked. */
int app_record_check(app *a, const user *u, const reg_def *r, const char *const *values, dv_err *errs, int max);
int app_record_delete(app *a, const user *u, const reg_def *r, int64_t id, dv_err *e);
int app_record_import(app *a, const user *u, const reg_def *r, const char *file, const char *data, size_t len,
                      int *count, dv_err *e);
/* CSV in the import format of what the filter selects; private fields only
 * for records of the filter's own unit, and only for readers allowed them */
int app_record_export(app *a, const user *u, const reg_def *r, const record_filter *f, buf *out, dv_err *e);
/* the same records as an XLSX list: Vietnamese headings, labels for
 * codes, unit names, real dates */
int app_record_export_xlsx(app *a, const user *u, const reg_def *r, const record_filter *f, buf *out, dv_err *e);
/* records whose unit-reference FIELD names the user's own unit (the
 * conclusions a unit is responsible for, wherever the dialogue was held),
 * newest first; private fields never included */
int app_record_assigned(app *a, const user *u, const reg_def *r, const char *field, const char *period_id,
                        record **rows, int *n, int *total, dv_err *e);
/* letters past their deadline and not closed, in the subtree (period NULL = all) */
int app_record_overdue(app *a, const user *u, const reg_def *r, const char *unit_code, const char *period_id,
                       int *count, dv_err *e);
/* 1 if u may see the private fields of a new record of that unit with those
 * values (a stored record: record.private_ok; the rule is docs/privacy.md) */
int app_record_private_ok(app *a, const user *u, const reg_def *r, int unit_pos, const char *const *values);

/* --- indicators: numerator / denominator for a unit and each child ---
 * models_coverage (area, min, level): share of the units of level L under
 *   the unit with at least N models in that area registered in the year;
 * establishments_dossier, establishments_certificate: land-using religious
 *   establishments with a dossier (or a certificate) / with a certificate,
 *   over land-using establishments;
 * conclusions_on_time: dialogue conclusions due in the period and done by
 *   their due date, over those due in the period;
 * dialogue_heads (level, unit_types): share of the areas of level L where,
 *   in the period, the head of the Party committee and the head of
 *   government each held a dialogue (a co-chaired one counts for both).
 * models_coverage and dialogue_heads count areas only (not bodies), of
 * unit_types when given; establishments count the status on the period's
 * last day (core/indicator.h), over base when given. */
typedef struct indicator_params {
  const char *area; /* models_coverage */
  int min, level;   /* level: models_coverage, dialogue_heads */
  const char *unit_types; /* models_coverage, dialogue_heads: "Xã", "Phường,Thị trấn"; NULL = every type */
  int base;         /* establishments_*: the unit's denominator (the plan's fixed base); 0 = the records' */
} indicator_params;
typedef struct indicator_value {
  char unit[32], unit_name[160];
  double numerator, denominator, value; /* value in percent, NaN when the denominator is 0 */
} indicator_value;
typedef struct indicator_result {
  char name[48], period[8];
  indicator_value total;
  indicator_value *children;
  int nchildren;
} indicator_result;
int app_indicator(app *a, const user *u, const char *name, const indicator_params *ip, const char *period_id,
                  const char *unit_code, indicator_result *out, dv_err *e);
void indicator_result_release(indicator_result *r);

/* --- the reporting cycle: a submission per form x period x unit ---
 * draft -> submitted (by the unit's officers/approvers; warnings must be
 * acknowledged) -> approved | returned (with a comment) by an approver of
 * the unit it is routed to (app_submission_route) or an admin above;
 * approved -> reopened (returned) by the same, audited.
 * Approval locks the unit's subtree: hand-entered values of the form's
 * elements for that period, and register records counted into the form
 * with a date in the period, cannot change until it is reopened. */
/* Routing (docs/access.md): a form's submissions of a unit go to the
 * nearest unit above with an approver of that form (a user of role approver
 * who lists no forms, or lists it); when no unit above has one, to the top
 * unit. pos -1 for a top unit; approvers: their logins,
 * ", "-separated ("" when none: the top unit's admins decide). Caller
 * holds a lock. */
typedef struct submission_route {
  int pos;
  char unit_code[32], unit_name[160], approvers[256];
} submission_route;
void app_submission_route(app *a, int pos, const char *form, submission_route *out);
/* who may take the step on the unit at pos: its own officers submit; the
 * form's approvers of the unit it is routed to, or admins above it, decide;
 * caller holds a lock */
int app_submission_may(app *a, const user *u, sub_action act, int pos, const char *form);
/* the forms an approver decides: comma-separated codes, "" for every form;
 * admins only (actor NULL: the command line); audited as user.forms */
int app_user_forms_set(app *a, const user *actor, const char *login, const char *forms, dv_err *e);
/* the forms an approver decides, comma-separated ("" every form, or not an approver) */
void app_user_forms_get(app *a, const char *login, char *out, size_t n);
/* the submissions waiting for the user's decision: routed to their unit,
 * for an approver or admin there; oldest first; caller frees */
typedef struct waiting_row {
  char form[32], period[8], unit[32], unit_name[160], submitted_by[64];
  int submitted_day;
} waiting_row;
int app_submissions_waiting(app *a, const user *u, waiting_row **rows, int *n);
/* ack: the submitter saw the warnings; warnings_out (may be NULL) gets their count */
int app_submission_act(app *a, const user *u, sub_action act, const char *form, const char *period_id,
                       const char *unit_code, const char *comment, int ack, int *warnings_out, dv_err *e);
int app_submission_get(app *a, const user *u, const char *form, const char *period_id, const char *unit_code,
                       submission *out, dv_err *e);
/* the unit's direct children (valid in the period) and each one's submission */
int app_today(app *a);
/* the time of an act: now, or with clock.today set, that day at the real time of day in
 * Vietnam; the only clock (issue 15): pages and acts read this, never time() */
time_t app_now(app *a);
/* app_now as ISO 8601 UTC, "2026-12-07T23:30:05Z" */
void app_now_iso(app *a, char out[32]);
int app_completeness(app *a, const user *u, const char *form, const char *period_id, const char *unit_code,
                     completeness_row **rows, int *n, dv_err *e);
/* of the units that report the form to the unit for the period (its
 * children that report it, or the unit itself when none does), how many
 * have it not approved; *units their number (0 when the form is not asked
 * for the period). No access check: the caller has read the annex. */
int app_unapproved(app *a, const char *form_code, const char *period_id, const char *unit_code, int *units);
/* every unit of the subtree under the unit that reports the form, counted
 * by level and timeliness (index: the level) */
int app_completeness_levels(app *a, const user *u, const char *form, const char *period_id, const char *unit_code,
                            level_tally out[TREE_MAX_LEVELS + 1], dv_err *e);
/* DV_ECONFLICT with a message if (element's forms, period, unit) is locked by an approval */
int app_value_locked(app *a, int element, const char *period_id, int pos, dv_err *e);
/* the approval that locks element's values of the unit at pos in the
 * period: 1 with its form code (32 bytes), period id (8) and unit position,
 * 0 if none; caller holds a lock */
int app_value_lock_of(app *a, int element, const char *period_id, int pos, char *form_code, char *lock_period,
                      int *unit_pos);
/* the same for a register record of that register at that unit, counted on
 * that day; ref (may be NULL) gets the locking report */
int app_record_locked(app *a, const reg_def *r, int pos, int day, lock_ref *ref, dv_err *e);
/* a user by login (for the command line's --user) */
int app_user_find(app *a, const char *login, user *u, dv_err *e);

/* --- stages (a register's `stage` field moves only by its transitions) --- */
/* moves record id to stage `to` on date (YYYY-MM-DD, NULL = today) with a
 * comment; refused, with nothing changed, unless the register allows that
 * step and the user's role and unit may take it */
int app_record_transition(app *a, const user *u, const reg_def *r, int64_t id, const char *to, const char *date,
                          const char *comment, dv_err *e);
/* the stages a user may move the record to now (codes, at most max) */
int app_record_next_stages(app *a, const user *u, const reg_def *r, int64_t id, const char **out, int max);
int app_record_history(app *a, const user *u, const reg_def *r, int64_t id, stage_event **rows, int *n, dv_err *e);
void stage_events_free(stage_event *rows, int n);

/* --- attachments (documents: PDF, DOCX, PNG, JPEG; at most ATTACH_MAX bytes;
 * the type is checked by content; stored with its SHA-256) --- */
int app_attachment_add(app *a, const user *u, const reg_def *r, int64_t record_id, const char *name,
                       const void *data, size_t len, int64_t *id, dv_err *e);
/* caller frees *rows */
int app_attachment_list(app *a, const user *u, const reg_def *r, int64_t record_id, attachment_info **rows, int *n,
                        dv_err *e);
/* *data malloc'd */
int app_attachment_get(app *a, const user *u, int64_t id, attachment_info *info, char **data, dv_err *e);

/* settings: period.cutoff_day (0 = calendar windows, 2..28 = cut-off day);
 * deadline.classify_workdays, deadline.complaint_days,
 * deadline.denunciation_days (letters); clock.today (YYYY-MM-DD, or 0 for
 * the real clock: for training and tests) */
int app_setting_set(app *a, const char *key, const char *value, dv_err *e);

/* the web server's limits (server.*, read when it starts; docs/contract.md) */
typedef struct server_limits {
  int connections;    /* at once, in all */
  int per_ip;         /* at once from one address; 0 = no cap */
  int header_timeout; /* seconds to send a request's headers */
  int timeout;        /* seconds a connection may stay silent */
} server_limits;
void app_server_limits(app *a, server_limits *l);

/* public holidays (skipped by working-day deadlines); name NULL removes */
int app_holiday_set(app *a, const user *u, const char *date, const char *name, dv_err *e);
/* the holidays of a year (day numbers and names); caller frees */
int app_holiday_list(app *a, int year, holiday_row **rows, int *n);

/* the forms and elements embedded in the binary */
int app_forms_load(catalog *c, dv_err *e);

/* --- creating a database --- */
/* creates the schema in a new file; refuses an existing file */
int app_create(const char *path, dv_err *e);
/* loads the embedded Hải Phòng 2023 demo into a new database */
int app_load_demo(app *a, dv_err *e);
/* --- plans (kế hoạch; the text format of docs/plans.md) ---
 * A plan belongs to its issuing unit; its symbol is unique per unit. A user
 * reads the plans of units above and below their own (a lower unit reads
 * the plan it implements), and changes those of their subtree. Where a
 * symbol names plans of several units, unit_code (NULL = the only one)
 * chooses; basis and source symbols in a file resolve to the plan of the
 * nearest unit above (or the same as) the plan's unit, else the only one. */
void plan_infos_free(plan_info *rows, int n);
/* all or nothing, audited; errors name the line and directive (e->line,
 * e->field). replace: a plan of the same symbol and unit is replaced (its
 * id, and so every link to it, kept); without it that is refused. */
int app_plan_import(app *a, const user *u, const char *file, const char *text, size_t len, int replace, dv_err *e);
/* the canonical text */
int app_plan_export(app *a, const user *u, const char *symbol, const char *unit_code, buf *out, dv_err *e);
/* the plans the user may read, by year (newest first), unit, symbol */
int app_plan_list(app *a, const user *u, plan_info **rows, int *n, dv_err *e);
/* a plan with each item's deadline, overdue flag and source snapshot */
int app_plan_get(app *a, const user *u, const char *symbol, const char *unit_code, plan_doc *out, plan_info *info,
                 dv_err *e);

/* the cascade of a plan, item by item */
typedef struct plan_taker {       /* a lower plan's item that took this item up */
  char plan[PLAN_SYMBOL_MAX], unit[PLAN_CODE_MAX], unit_name[160], number[PLAN_NUMBER_MAX];
  plan_status status;
  int overdue;
  int outdated;                   /* it took up a text that has changed since */
} plan_taker;
typedef struct plan_link {
  char number[PLAN_NUMBER_MAX];
  char *text;                     /* owned */
  plan_status status;
  int overdue;
  plan_taker *takers;             /* as an upper item */
  int ntakers;
  /* as a lower item: where it came from; "" if nowhere */
  char source_plan[PLAN_SYMBOL_MAX], source_unit[PLAN_CODE_MAX], source_number[PLAN_NUMBER_MAX];
  char *source_then;              /* the source's text when taken up, owned */
  char *source_now;               /* its text now, owned; NULL if the item was removed */
  int source_changed;
  char *source_diff;              /* word diff then -> now (plan_word_diff), owned; NULL if unchanged */
} plan_link;
typedef struct plan_cascade {
  plan_info info;
  plan_link *items;
  int nitems;
} plan_cascade;
int app_plan_cascade(app *a, const user *u, const char *symbol, const char *unit_code, plan_cascade *out, dv_err *e);
void plan_cascade_release(plan_cascade *c);

/* targets evaluated live: the indicator (or value:ELEMENT.COMBO, the unit's
 * own entered value) for the target's unit (default the plan's) and period
 * (default the plan's year); see plan_target_state for the states */
typedef struct target_child {
  char unit[PLAN_CODE_MAX], unit_name[160];
  double value;
} target_child;
typedef struct target_result {
  char item[PLAN_NUMBER_MAX];
  plan_target t;                  /* as written in the plan */
  char unit[PLAN_CODE_MAX], unit_name[160], period[8];
  double value, numerator, denominator; /* NaN when none */
  target_state state;
  char error[300];                /* why there is no value, "" if there is */
  target_child *below;            /* the children that do not meet it, worst first, owned */
  int nbelow;
} target_result;
int app_plan_targets(app *a, const user *u, const char *symbol, const char *unit_code, target_result **rows, int *n,
                     dv_err *e);
void target_results_free(target_result *rows, int n);

/* progress of an item, audited: status (NULL = unchanged), a note and an
 * evidence link ("REGISTER:ID" of a register record, or an http(s) URL);
 * ack_source: the lower unit has read its source's new text (the snapshot
 * becomes the current text). Officers of the plan's unit, or of the item's
 * lead unit, or above them. */
int app_plan_item_update(app *a, const user *u, const char *symbol, const char *unit_code, const char *number,
                         const char *status, const char *note, const char *evidence, int ack_source, dv_err *e);
int app_plan_notes(app *a, const user *u, const char *symbol, const char *unit_code, const char *number,
                   plan_note **rows, int *n, dv_err *e);
void plan_notes_free(plan_note *rows, int n);
/* --- notifications (app_notify.c; docs/notifications.md) ---
 * Stored events, written in the transaction of the act: a report returned,
 * approved or reopened (to the submitting unit), a reminder from a unit
 * above (to the late child). Computed on read from the clock: a report due
 * within notify.days (due_soon) or past its deadline (overdue, for
 * notify.overdue_days), an open conclusion or recommendation the unit is
 * responsible for, or a letter it handles, near its deadline
 * (deadline_soon) or past it (deadline_overdue). A user sees the notices of
 * their own unit; read marks are per user and per id, and a computed id
 * names its object (kind.form.period.unit, kind.register.record), so a
 * mark stays from day to day. */
/* unread first, then newest; caller frees with notices_free */
int app_notifications(app *a, const user *u, notice **items, int *n, int *unread, dv_err *e);
void notices_free(notice *items, int n);
/* marks one of the user's notices read; DV_ENOTFOUND if it is not theirs */
int app_notification_read(app *a, const user *u, const char *id, dv_err *e);
/* 1 if u may remind the children of the unit (an officer or above who may write there) */
int app_may_remind(app *a, const user *u, const char *unit_code);
/* "Nhắc": a reminder to every child of the unit that has not sent the form
 * for the period past its deadline; one audit entry (notify.remind) each;
 * *sent = how many; DV_EINVAL when none is late */
int app_remind_late(app *a, const user *u, const char *form_code, const char *period_id, const char *unit_code,
                    int *sent, dv_err *e);
/* a user's e-mail address for the digest ("" clears it); audited user.email */
int app_user_email_set(app *a, const user *actor, const char *login, const char *email, dv_err *e);
int app_user_email_get(app *a, int64_t user_id, char *out, int n);
/* the digest: one message per enabled user with an address and unread
 * notices, through smtp.url from smtp.from, links under site.url; each
 * audited digest.send. dry_run: the messages as text into out, nothing sent. */
int app_digest(app *a, int dry_run, buf *out, int *sent, dv_err *e);
/* the server's daily run: with digest.hour set, the digest once a day
 * (app_today's) from that hour of Vietnam's time (UTC+7); 1 if it ran now,
 * 0 if not due, or the error */
int app_digest_daily(app *a, int *sent, dv_err *e);
#endif
