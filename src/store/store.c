#include "store/store.h"
#include "store/store_int.h"
#include "util/buf.h"
#include "util/text.h"
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A unit is a code over a span of days: GSO codes were reused by the 2025
 * reform (22561 was Phường Ninh Diêm, is Phường Đông Ninh Hòa), so a code
 * is unique only together with its validity. valid_to is the last day. */
#define UNITS_TABLE(create)                                                                      \
  create "(id INTEGER PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL,"                      \
         " type TEXT NOT NULL, level INTEGER NOT NULL, parent_id INTEGER REFERENCES units(id),"  \
         " valid_from INTEGER, valid_to INTEGER, kind TEXT NOT NULL DEFAULT 'area');"

/* level names per edition: the tree from from_day on (0 = the first) */
#define LEVEL_NAMES_TABLE                                                                                  \
  "CREATE TABLE IF NOT EXISTS level_names(from_day INTEGER NOT NULL, level INTEGER NOT NULL,"            \
  " name TEXT NOT NULL, cap TEXT NOT NULL, short TEXT NOT NULL, PRIMARY KEY(from_day, level));"

/* The names of bodies change with time, as units do: the Party committee's
 * board for this work was the Ban Dân vận (plans "KH/BDVTU") until it merged
 * with the Ban Tuyên giáo on 1 July 2025 (day 20270). An admin adds or
 * changes a name from a day (danvan bodies); these are the defaults. */
#define BODY_NAMES_TABLE                                                                                    \
  "CREATE TABLE IF NOT EXISTS body_names(body TEXT NOT NULL, from_day INTEGER NOT NULL, name TEXT NOT NULL,"  \
  " abbrev TEXT NOT NULL, PRIMARY KEY(body, from_day));"                                                     \
  "INSERT OR IGNORE INTO body_names VALUES('board', 0, 'Ban Dân vận', 'BDV'),"                              \
  " ('board', 20270, 'Ban Tuyên giáo và Dân vận', 'BTGDV');"

static const char *SCHEMA =
    "CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    UNITS_TABLE("CREATE TABLE units")
    "CREATE INDEX units_parent ON units(parent_id);"
    "CREATE INDEX units_code ON units(code, valid_from);"
    "CREATE TABLE users(id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE, pwhash TEXT NOT NULL,"
    " unit_id INTEGER NOT NULL REFERENCES units(id), role TEXT NOT NULL, created_at TEXT NOT NULL"
    " DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
    "CREATE TABLE sessions(token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),"
    " csrf_hash TEXT NOT NULL, expires INTEGER NOT NULL);"
    "CREATE TABLE data_values(element TEXT NOT NULL, combo TEXT NOT NULL, period TEXT NOT NULL,"
    " unit_id INTEGER NOT NULL REFERENCES units(id), num REAL, text TEXT, user_id INTEGER,"
    " updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    " PRIMARY KEY(element, combo, period, unit_id));"
    "CREATE TABLE audit(id INTEGER PRIMARY KEY, at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    " user_id INTEGER, login TEXT NOT NULL, action TEXT NOT NULL, entity TEXT NOT NULL, entity_id INTEGER,"
    " before TEXT, after TEXT);";

int store_fail(store *s, dv_err *e, const char *what) {
  return dv_fail(e, DV_EDB, 0, "", "lỗi cơ sở dữ liệu (%s): %s", what, sqlite3_errmsg(s->db));
}

sqlite3_stmt *store_prep(store *s, const char *sql) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
    fprintf(stderr, "sql prepare failed: %s: %s\n", sqlite3_errmsg(s->db), sql);
    return NULL;
  }
  return st;
}

void store_bind_text(sqlite3_stmt *st, int i, const char *v) {
  if (v) sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
  else sqlite3_bind_null(st, i);
}

char *store_col_dup(sqlite3_stmt *st, int i) {
  const unsigned char *t = sqlite3_column_text(st, i);
  return t ? xstrdup((const char *)t) : NULL;
}

void store_col_copy(sqlite3_stmt *st, int i, char *out, size_t n) {
  const unsigned char *t = sqlite3_column_text(st, i);
  snprintf(out, n, "%s", t ? (const char *)t : "");
}

int store_scan_end(store *s, sqlite3_stmt *st, int last_step, const char *what, dv_err *e) {
  if (!st) return store_fail(s, e, what);
  int rc = last_step == SQLITE_DONE ? 0 : store_fail(s, e, what);
  sqlite3_finalize(st);
  return rc;
}

/* steps a write statement once and finalizes it: 0, or the database error naming what */
int store_step_done(store *s, sqlite3_stmt *st, const char *what, dv_err *e) {
  int rc = st && sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, what);
  sqlite3_finalize(st);
  return rc;
}

int store_open(store *s, const char *path, int create, dv_err *e) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  memset(s, 0, sizeof *s);
  if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
    dv_fail(e, DV_EDB, 0, "", "không mở được cơ sở dữ liệu %s: %s", path, s->db ? sqlite3_errmsg(s->db) : "");
    sqlite3_close(s->db);
    s->db = NULL;
    return DV_EDB;
  }
  sqlite3_busy_timeout(s->db, 5000);
  /* A new database gets 8 kB pages (SQLite's default is 4 kB): the records
   * table and its index take fewer, shallower pages, and a bulk import
   * spends a sixth less in SQLite (bench: the bare insert of 1,000,000
   * records 270,000 -> 315,000 rows per CPU-second; 16 kB gave 345,000 but
   * made every scattered row read, as in a province's lists, cost 40-70%
   * more, where 8 kB costs 10-20%). The size is fixed once the file is in
   * WAL mode, so it is set first; on an existing file it does nothing. */
  if (create) sqlite3_exec(s->db, "PRAGMA page_size=8192", NULL, NULL, NULL);
  sqlite3_exec(s->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", NULL, NULL,
               NULL);
  return 0;
}

void store_close(store *s) {
  sqlite3_finalize(s->ins_audit);
  sqlite3_finalize(s->ins_record);
  sqlite3_finalize(s->ins_private);
  sqlite3_finalize(s->cnt_record);
  sqlite3_finalize(s->set_fold);
  s->ins_audit = s->ins_record = s->ins_private = NULL;
  s->cnt_record = s->set_fold = NULL;
  if (s->db) sqlite3_close_v2(s->db);
  s->db = NULL;
}

static int exec(store *s, const char *sql, dv_err *e) {
  char *msg = NULL;
  if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
    dv_fail(e, DV_EDB, 0, "", "lỗi cơ sở dữ liệu: %s", msg ? msg : "?");
    sqlite3_free(msg);
    return DV_EDB;
  }
  return 0;
}

int store_begin(store *s, dv_err *e) { return exec(s, "BEGIN IMMEDIATE", e); }

/* A large import inserts into the records index at random places; with
 * SQLite's default 2 MB page cache the transaction keeps spilling and
 * re-reading index pages (bench: 1M records 10.4 s -> 8.6 s). The cache grows
 * only for the transaction, so server threads keep small connections. */
int store_begin_bulk(store *s, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "PRAGMA cache_size");
  int saved = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
  sqlite3_finalize(st);
  if (saved && sqlite3_exec(s->db, "PRAGMA cache_size=-65536", NULL, NULL, NULL) == SQLITE_OK) s->saved_cache = saved;
  /* the application checked every unit of the file against its tree, so the
   * foreign-key lookups would only repeat that (about 5% of an import) */
  sqlite3_exec(s->db, "PRAGMA foreign_keys=OFF", NULL, NULL, NULL);
  s->bulk = 1;
  return store_begin(s, e);
}

static void end_bulk(store *s) {
  if (s->bulk) sqlite3_exec(s->db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
  s->bulk = 0;
  if (!s->saved_cache) return;
  char sql[48];
  snprintf(sql, sizeof sql, "PRAGMA cache_size=%d", s->saved_cache);
  sqlite3_exec(s->db, sql, NULL, NULL, NULL);
  s->saved_cache = 0;
}

int store_commit(store *s, dv_err *e) {
  int rc = exec(s, "COMMIT", e);
  if (!rc) end_bulk(s);
  return rc;
}

void store_rollback(store *s) {
  sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  s->reg_id = 0; /* it may have been given in the transaction undone */
  end_bulk(s);
}
int store_create_schema(store *s, dv_err *e) { return exec(s, SCHEMA, e) || store_records_schema(s, e) ? DV_EDB : 0; }

int64_t store_change_mark(store *s) {
  sqlite3_stmt *st = store_prep(s, "SELECT COALESCE(sum(n), 0) FROM change_marks WHERE instance IS NOT ?");
  store_bind_text(st, 1, s->instance);
  int64_t v = 0;
  if (st && sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

int store_setting_get(store *s, const char *key, char *out, int outlen) {
  sqlite3_stmt *st = store_prep(s, "SELECT value FROM settings WHERE key=?");
  int rc = DV_ENOTFOUND;
  store_bind_text(st, 1, key);
  if (sqlite3_step(st) == SQLITE_ROW) {
    store_col_copy(st, 0, out, (size_t)outlen);
    rc = 0;
  }
  sqlite3_finalize(st);
  return rc;
}

int store_setting_set(store *s, const char *key, const char *value, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "INSERT INTO settings(key,value) VALUES(?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value");
  store_bind_text(st, 1, key);
  store_bind_text(st, 2, value);
  int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "settings");
  sqlite3_finalize(st);
  return rc;
}

/* ---------------- units ---------------- */

int store_units_load(store *s, unit_node **nodes, int *n, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "SELECT id, COALESCE(parent_id,0), code, name, type, level, valid_from, valid_to, kind"
                             " FROM units");
  int cap = 1024;
  *n = 0;
  *nodes = xmalloc(sizeof(unit_node) * (size_t)cap);
  int step;
  while ((step = sqlite3_step(st)) == SQLITE_ROW) {
    if (*n == cap) *nodes = xrealloc(*nodes, sizeof(unit_node) * (size_t)(cap *= 2));
    unit_node *u = &(*nodes)[(*n)++];
    memset(u, 0, sizeof *u);
    u->id = sqlite3_column_int64(st, 0);
    u->parent_id = sqlite3_column_int64(st, 1);
    u->code = store_col_dup(st, 2);
    u->name = store_col_dup(st, 3);
    u->type = store_col_dup(st, 4);
    u->level = sqlite3_column_int(st, 5);
    u->valid_from = sqlite3_column_int(st, 6); /* NULL reads as 0: open */
    u->valid_to = sqlite3_column_int(st, 7);
    int k = unit_kind_parse((const char *)sqlite3_column_text(st, 8));
    u->kind = k < 0 ? KIND_AREA : k;
    u->short_name = xstrdup(unit_short_name(u->name, u->type));
    buf f;
    buf_init(&f, 0);
    char *fn = text_fold(u->name);
    buf_addf(&f, "%s %s", u->code, fn ? fn : "");
    free(fn);
    u->fold = buf_detach(&f, NULL);
    buf_release(&f);
  }
  return store_scan_end(s, st, step, "units", e);
}

int store_levels_load(store *s, tree *t, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "SELECT from_day, level, name, cap, short FROM level_names ORDER BY from_day, level");
  int step;
  while ((step = sqlite3_step(st)) == SQLITE_ROW)
    tree_set_level_name(t, sqlite3_column_int(st, 0), sqlite3_column_int(st, 1), (const char *)sqlite3_column_text(st, 2),
                        (const char *)sqlite3_column_text(st, 3), (const char *)sqlite3_column_text(st, 4));
  return store_scan_end(s, st, step, "level_names", e);
}

int store_level_set(store *s, int from_day, int level, const char *name, const char *cap, const char *shortn,
                    dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "INSERT INTO level_names(from_day,level,name,cap,short) VALUES(?,?,?,?,?)"
                             " ON CONFLICT(from_day,level) DO UPDATE"
                             " SET name=excluded.name, cap=excluded.cap, short=excluded.short");
  sqlite3_bind_int(st, 1, from_day);
  sqlite3_bind_int(st, 2, level);
  store_bind_text(st, 3, name);
  store_bind_text(st, 4, cap);
  store_bind_text(st, 5, shortn);
  return store_step_done(s, st, "level_names", e);
}

int store_unit_close(store *s, int64_t id, int valid_to, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "UPDATE units SET valid_to=? WHERE id=?");
  sqlite3_bind_int(st, 1, valid_to);
  sqlite3_bind_int64(st, 2, id);
  return store_step_done(s, st, "units", e);
}

/* ---------------- names of bodies ---------------- */

int store_body_names_load(store *s, body_name_cb cb, void *ctx) {
  sqlite3_stmt *st = store_prep(s, "SELECT body, from_day, name, abbrev FROM body_names ORDER BY body, from_day");
  while (st && sqlite3_step(st) == SQLITE_ROW)
    cb(ctx, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1), (const char *)sqlite3_column_text(st, 2),
       (const char *)sqlite3_column_text(st, 3));
  sqlite3_finalize(st);
  return 0;
}

int store_body_name_set(store *s, const char *body, int from_day, const char *name, const char *abbrev, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "INSERT INTO body_names(body,from_day,name,abbrev) VALUES(?,?,?,?)"
                             " ON CONFLICT(body,from_day) DO UPDATE SET name=excluded.name, abbrev=excluded.abbrev");
  store_bind_text(st, 1, body);
  sqlite3_bind_int(st, 2, from_day);
  store_bind_text(st, 3, name);
  store_bind_text(st, 4, abbrev);
  return store_step_done(s, st, "body_names", e);
}

/* ---------------- successors (the mapping of a reform) ---------------- */

int store_successor_put(store *s, int64_t old_id, int64_t new_id, const char *share, int primary, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "INSERT INTO unit_successors(old_id,new_id,share,is_primary) VALUES(?,?,?,?)"
                             " ON CONFLICT(old_id,new_id) DO UPDATE SET share=excluded.share, is_primary=excluded.is_primary");
  sqlite3_bind_int64(st, 1, old_id);
  sqlite3_bind_int64(st, 2, new_id);
  store_bind_text(st, 3, share);
  sqlite3_bind_int(st, 4, primary);
  return store_step_done(s, st, "unit_successors", e);
}

int store_successor_set_primary(store *s, int64_t old_id, int64_t new_id, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "UPDATE unit_successors SET is_primary=(new_id=?) WHERE old_id=?");
  sqlite3_bind_int64(st, 1, new_id);
  sqlite3_bind_int64(st, 2, old_id);
  return store_step_done(s, st, "unit_successors", e);
}

int store_successors_load(store *s, successor_cb cb, void *ctx) {
  sqlite3_stmt *st = store_prep(s, "SELECT old_id, new_id, share, is_primary FROM unit_successors ORDER BY old_id, new_id");
  while (st && sqlite3_step(st) == SQLITE_ROW)
    cb(ctx, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), (const char *)sqlite3_column_text(st, 2),
       sqlite3_column_int(st, 3));
  sqlite3_finalize(st);
  return 0;
}

/* Databases made before editions: units.code was UNIQUE and level names were
 * one table of levels. The units table is rebuilt without the constraint
 * (ids kept, so every reference stays) and the names become those of the
 * first edition. One transaction; foreign keys off meanwhile, so dropping
 * the old table cascades nowhere. */
static int units_need_editions(store *s) {
  sqlite3_stmt *st = store_prep(s, "SELECT EXISTS(SELECT 1 FROM sqlite_schema WHERE type='table' AND name='levels')"
                             " OR EXISTS(SELECT 1 FROM sqlite_schema WHERE type='table' AND name='units'"
                             " AND sql LIKE '%code TEXT NOT NULL UNIQUE%')");
  int old = st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return old;
}

static const char *UNITS_MIGRATE =
    UNITS_TABLE("CREATE TABLE units_new")
    "INSERT INTO units_new(id, code, name, type, level, parent_id, valid_from, valid_to)"
    " SELECT id, code, name, type, level, parent_id, valid_from, valid_to FROM units ORDER BY id;"
    "DROP TABLE units;"
    "ALTER TABLE units_new RENAME TO units;"
    "CREATE INDEX units_parent ON units(parent_id);"
    "CREATE INDEX units_code ON units(code, valid_from);"
    LEVEL_NAMES_TABLE
    "INSERT INTO level_names(from_day, level, name, cap, short) SELECT 0, level, name, cap, short FROM levels;"
    "DROP TABLE levels;";

static int migrate_units(store *s, dv_err *e) {
  if (!units_need_editions(s)) return 0;
  sqlite3_exec(s->db, "PRAGMA foreign_keys=OFF", NULL, NULL, NULL);
  int rc = store_begin(s, e);
  if (!rc && units_need_editions(s)) rc = exec(s, UNITS_MIGRATE, e);
  if (!rc) rc = store_commit(s, e);
  else store_rollback(s);
  sqlite3_exec(s->db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
  if (rc) fprintf(stderr, "units: migration to editions failed: %s\n", e->msg);
  return rc;
}

int store_unit_insert(store *s, const unit_row *u, int64_t *id, dv_err *e) {
  sqlite3_stmt *st =
      store_prep(s, "INSERT INTO units(code,name,type,level,parent_id,valid_from,valid_to,kind) VALUES(?,?,?,?,?,?,?,?)");
  if (u->valid_from) sqlite3_bind_int(st, 6, u->valid_from);
  if (u->valid_to) sqlite3_bind_int(st, 7, u->valid_to);
  store_bind_text(st, 1, u->code);
  store_bind_text(st, 2, u->name);
  store_bind_text(st, 3, u->type);
  sqlite3_bind_int(st, 4, u->level);
  if (u->parent_id) sqlite3_bind_int64(st, 5, u->parent_id);
  else sqlite3_bind_null(st, 5);
  store_bind_text(st, 8, unit_kind_code(u->kind));
  int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "units");
  if (!rc && id) *id = sqlite3_last_insert_rowid(s->db);
  sqlite3_finalize(st);
  return rc;
}

/* ---------------- values ---------------- */

int store_values_load(store *s, value_cb cb, void *ctx, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "SELECT element, combo, period, unit_id, num, text FROM data_values");
  int step;
  while ((step = sqlite3_step(st)) == SQLITE_ROW) {
    int has = sqlite3_column_type(st, 4) != SQLITE_NULL;
    cb(ctx, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
       (const char *)sqlite3_column_text(st, 2), sqlite3_column_int64(st, 3), has,
       has ? sqlite3_column_double(st, 4) : 0, (const char *)sqlite3_column_text(st, 5));
  }
  return store_scan_end(s, st, step, "data_values", e);
}

int store_value_get(store *s, const char *element, const char *combo, const char *period_id, int64_t unit_id,
                    int *has_num, double *num, char **text) {
  sqlite3_stmt *st = store_prep(s, "SELECT num, text FROM data_values WHERE element=? AND combo=? AND period=? AND unit_id=?");
  store_bind_text(st, 1, element);
  store_bind_text(st, 2, combo);
  store_bind_text(st, 3, period_id);
  sqlite3_bind_int64(st, 4, unit_id);
  int found = 0;
  *has_num = 0;
  *text = NULL;
  if (sqlite3_step(st) == SQLITE_ROW) {
    found = 1;
    *has_num = sqlite3_column_type(st, 0) != SQLITE_NULL;
    *num = sqlite3_column_double(st, 0);
    *text = store_col_dup(st, 1);
  }
  sqlite3_finalize(st);
  return found;
}

int store_value_put(store *s, const char *element, const char *combo, const char *period_id, int64_t unit_id,
                    int has_num, double num, const char *text, int64_t user_id, int *old_has_num, double *old_num,
                    char **old_text, dv_err *e) {
  int existed = store_value_get(s, element, combo, period_id, unit_id, old_has_num, old_num, old_text);
  sqlite3_stmt *st;
  if (!has_num && !text) {
    st = store_prep(s, "DELETE FROM data_values WHERE element=? AND combo=? AND period=? AND unit_id=?");
  } else {
    st = store_prep(s, "INSERT INTO data_values(element,combo,period,unit_id,num,text,user_id) VALUES(?,?,?,?,?,?,?)"
                 " ON CONFLICT DO UPDATE SET num=excluded.num, text=excluded.text, user_id=excluded.user_id,"
                 " updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now')");
    if (has_num) sqlite3_bind_double(st, 5, num);
    else sqlite3_bind_null(st, 5);
    store_bind_text(st, 6, text);
    if (user_id) sqlite3_bind_int64(st, 7, user_id);
    else sqlite3_bind_null(st, 7);
  }
  store_bind_text(st, 1, element);
  store_bind_text(st, 2, combo);
  store_bind_text(st, 3, period_id);
  sqlite3_bind_int64(st, 4, unit_id);
  int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "data_values");
  sqlite3_finalize(st);
  return rc ? rc : existed;
}

#define SUBTREE_CTE                                                                                               \
  "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT u.id FROM units u JOIN sub ON u.parent_id=sub.id) "

/* ---------------- users, sessions ---------------- */

int store_user_insert(store *s, const char *login, const char *pwhash, int64_t unit_id, role r, int64_t *id,
                      dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "INSERT INTO users(login,pwhash,unit_id,role) VALUES(?,?,?,?)");
  store_bind_text(st, 1, login);
  store_bind_text(st, 2, pwhash);
  sqlite3_bind_int64(st, 3, unit_id);
  store_bind_text(st, 4, role_name(r));
  int step = sqlite3_step(st);
  int rc = 0;
  if (step == SQLITE_CONSTRAINT) rc = dv_fail(e, DV_ECONFLICT, 0, "login", "tài khoản %s đã có", login);
  else if (step != SQLITE_DONE) rc = store_fail(s, e, "users");
  if (!rc && id) *id = sqlite3_last_insert_rowid(s->db);
  sqlite3_finalize(st);
  return rc;
}

static void read_user(sqlite3_stmt *st, user *u) {
  memset(u, 0, sizeof *u);
  u->id = sqlite3_column_int64(st, 0);
  store_col_copy(st, 1, u->login, sizeof u->login);
  u->unit_id = sqlite3_column_int64(st, 2);
  store_col_copy(st, 3, u->unit_code, sizeof u->unit_code);
  role r = ROLE_VIEWER;
  role_parse((const char *)sqlite3_column_text(st, 4), &r);
  u->role = r;
}

int store_user_by_login(store *s, const char *login, user *u, char *hash, int hashlen, int *disabled) {
  sqlite3_stmt *st = store_prep(s, "SELECT us.id, us.login, us.unit_id, un.code, us.role, us.pwhash, us.disabled FROM users us"
                             " JOIN units un ON un.id=us.unit_id WHERE us.login=?");
  store_bind_text(st, 1, login);
  int rc = DV_ENOTFOUND;
  if (sqlite3_step(st) == SQLITE_ROW && (disabled || !sqlite3_column_int(st, 6))) {
    read_user(st, u);
    store_col_copy(st, 5, hash, (size_t)hashlen);
    if (disabled) *disabled = sqlite3_column_int(st, 6);
    rc = 0;
  }
  sqlite3_finalize(st);
  return rc;
}

int store_user_list(store *s, user_row **rows, int *n, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "SELECT us.id, us.login, us.unit_id, un.code, us.role, us.disabled FROM users us"
                             " JOIN units un ON un.id=us.unit_id ORDER BY us.login");
  *n = 0;
  *rows = NULL;
  int step;
  while ((step = sqlite3_step(st)) == SQLITE_ROW) {
    user u;
    read_user(st, &u);
    *rows = xrealloc(*rows, sizeof(user_row) * (size_t)(*n + 1));
    user_row *r = &(*rows)[(*n)++];
    r->id = u.id;
    r->unit_id = u.unit_id;
    snprintf(r->login, sizeof r->login, "%s", u.login);
    snprintf(r->unit_code, sizeof r->unit_code, "%s", u.unit_code);
    r->role = u.role;
    r->disabled = sqlite3_column_int(st, 5);
  }
  return store_scan_end(s, st, step, "users", e);
}

int store_session_insert(store *s, const char *token_hash, int64_t user_id, const char *csrf_hash, int64_t expires,
                         dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "INSERT INTO sessions(token_hash,user_id,csrf_hash,expires) VALUES(?,?,?,?)");
  store_bind_text(st, 1, token_hash);
  sqlite3_bind_int64(st, 2, user_id);
  store_bind_text(st, 3, csrf_hash);
  sqlite3_bind_int64(st, 4, expires);
  int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "sessions");
  sqlite3_finalize(st);
  return rc;
}

int store_session_get(store *s, const char *token_hash, int64_t now, user *u, char csrf_hash[65]) {
  sqlite3_stmt *st = store_prep(s, "SELECT us.id, us.login, us.unit_id, un.code, us.role, se.csrf_hash, us.lang FROM sessions se"
                             " JOIN users us ON us.id=se.user_id JOIN units un ON un.id=us.unit_id"
                             " WHERE se.token_hash=? AND se.expires>? AND NOT us.disabled");
  store_bind_text(st, 1, token_hash);
  sqlite3_bind_int64(st, 2, now);
  int rc = DV_EAUTH;
  if (sqlite3_step(st) == SQLITE_ROW) {
    read_user(st, u);
    store_col_copy(st, 5, csrf_hash, 65);
    store_col_copy(st, 6, u->lang, sizeof u->lang);
    rc = 0;
  }
  sqlite3_finalize(st);
  return rc;
}

void store_session_delete(store *s, const char *token_hash) {
  sqlite3_stmt *st = store_prep(s, "DELETE FROM sessions WHERE token_hash=?");
  store_bind_text(st, 1, token_hash);
  sqlite3_step(st);
  sqlite3_finalize(st);
}

int store_sessions_end(store *s, int64_t user_id, const char *keep_hash, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "DELETE FROM sessions WHERE user_id=? AND token_hash IS NOT ?");
  sqlite3_bind_int64(st, 1, user_id);
  if (keep_hash) store_bind_text(st, 2, keep_hash);
  int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "sessions");
  sqlite3_finalize(st);
  return rc;
}

void store_sessions_purge(store *s, int64_t now) {
  sqlite3_stmt *st = store_prep(s, "DELETE FROM sessions WHERE expires<=?");
  sqlite3_bind_int64(st, 1, now);
  sqlite3_step(st);
  sqlite3_finalize(st);
}

/* sessions made before CSRF tokens were hashed held them in clear (column csrf): they end,
 * and the column takes the hash; the index deletes a user's sessions at once */
static int sessions_csrf_hash(store *s, dv_err *e) {
  sqlite3_stmt *st = NULL;
  int have = sqlite3_prepare_v2(s->db, "SELECT csrf_hash FROM sessions", -1, &st, NULL) == SQLITE_OK;
  sqlite3_finalize(st);
  if (!have && exec(s, "BEGIN IMMEDIATE; DELETE FROM sessions; ALTER TABLE sessions RENAME COLUMN csrf TO csrf_hash;"
                       " COMMIT", e)) {
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return DV_EDB;
  }
  return exec(s, "CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id)", e);
}

/* databases made before bodies: every unit an area */
static int units_kind_column(store *s, dv_err *e) {
  sqlite3_stmt *st = NULL;
  int have = sqlite3_prepare_v2(s->db, "SELECT kind FROM units", -1, &st, NULL) == SQLITE_OK;
  sqlite3_finalize(st);
  if (have) return 0;
  return exec(s, "ALTER TABLE units ADD COLUMN kind TEXT NOT NULL DEFAULT 'area'", e);
}

/* users made before the English interface get users.lang */
static int users_lang_column(store *s, dv_err *e) {
  sqlite3_stmt *st = NULL;
  int have = sqlite3_prepare_v2(s->db, "SELECT lang FROM users", -1, &st, NULL) == SQLITE_OK;
  sqlite3_finalize(st);
  if (have) return 0;
  return exec(s, "ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT ''", e);
}

int store_user_set_lang(store *s, int64_t user_id, const char *lang, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "UPDATE users SET lang=? WHERE id=?");
  store_bind_text(st, 1, lang);
  sqlite3_bind_int64(st, 2, user_id);
  int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "users");
  sqlite3_finalize(st);
  return rc;
}

int store_users_schema(store *s, dv_err *e) {
  if (users_lang_column(s, e) || sessions_csrf_hash(s, e)) return DV_EDB;
  /* the forms an approver decides (none listed: every form) */
  if (exec(s, "CREATE TABLE IF NOT EXISTS approver_forms(user_id INTEGER NOT NULL REFERENCES users(id),"
              " form TEXT NOT NULL, PRIMARY KEY(user_id, form))", e))
    return DV_EDB;
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(s->db, "SELECT disabled FROM users", -1, &st, NULL) != SQLITE_OK)
    if (sqlite3_exec(s->db, "ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0", NULL, NULL, NULL) !=
        SQLITE_OK) {
      sqlite3_finalize(st);
      return store_fail(s, e, "users");
    }
  sqlite3_finalize(st);
  return 0;
}

int store_user_set_unit(store *s, int64_t user_id, int64_t unit_id, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "UPDATE users SET unit_id=? WHERE id=?");
  sqlite3_bind_int64(st, 1, unit_id);
  sqlite3_bind_int64(st, 2, user_id);
  int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "users");
  sqlite3_finalize(st);
  return rc;
}

int store_user_set_disabled(store *s, int64_t user_id, int disabled, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "UPDATE users SET disabled=? WHERE id=?");
  sqlite3_bind_int(st, 1, disabled);
  sqlite3_bind_int64(st, 2, user_id);
  int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "users");
  sqlite3_finalize(st);
  return rc || !disabled ? rc : store_sessions_end(s, user_id, NULL, e);
}

int store_user_set_password(store *s, int64_t user_id, const char *pwhash, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "UPDATE users SET pwhash=? WHERE id=?");
  store_bind_text(st, 1, pwhash);
  sqlite3_bind_int64(st, 2, user_id);
  int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "users");
  sqlite3_finalize(st);
  return rc;
}

/* ---------------- audit ---------------- */

int store_audit(store *s, int64_t user_id, const char *login, const char *action, const char *entity,
                int64_t entity_id, const char *before, const char *after, dv_err *e) {
  if (!s->ins_audit)
    s->ins_audit = store_prep(s, "INSERT INTO audit(user_id,login,action,entity,entity_id,before,after) VALUES(?,?,?,?,?,?,?)");
  sqlite3_stmt *st = s->ins_audit;
  sqlite3_reset(st);
  if (user_id) sqlite3_bind_int64(st, 1, user_id);
  else sqlite3_bind_null(st, 1);
  store_bind_text(st, 2, login);
  store_bind_text(st, 3, action);
  store_bind_text(st, 4, entity);
  if (entity_id) sqlite3_bind_int64(st, 5, entity_id);
  else sqlite3_bind_null(st, 5);
  store_bind_text(st, 6, before);
  store_bind_text(st, 7, after);
  if (sqlite3_step(st) != SQLITE_DONE) return store_fail(s, e, "audit");
  /* every change is audited, so this counts the changes each process made */
  sqlite3_stmt *mk = store_prep(s, "INSERT INTO change_marks(instance, n) VALUES(?, 1)"
                             " ON CONFLICT(instance) DO UPDATE SET n = n + 1");
  store_bind_text(mk, 1, s->instance);
  int rc = sqlite3_step(mk) == SQLITE_DONE ? 0 : store_fail(s, e, "change_marks");
  sqlite3_finalize(mk);
  return rc;
}

int store_audit_list(store *s, int limit, int offset, audit_row **rows, int *n, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "SELECT id, at, login, action, entity, COALESCE(entity_id,0), before, after FROM audit"
                             " ORDER BY id DESC LIMIT ? OFFSET ?");
  sqlite3_bind_int(st, 1, limit);
  sqlite3_bind_int(st, 2, offset);
  *n = 0;
  *rows = NULL;
  int step;
  while ((step = sqlite3_step(st)) == SQLITE_ROW) {
    *rows = xrealloc(*rows, sizeof(audit_row) * (size_t)(*n + 1));
    audit_row *r = &(*rows)[(*n)++];
    r->id = sqlite3_column_int64(st, 0);
    store_col_copy(st, 1, r->at, sizeof r->at);
    store_col_copy(st, 2, r->login, sizeof r->login);
    store_col_copy(st, 3, r->action, sizeof r->action);
    store_col_copy(st, 4, r->entity, sizeof r->entity);
    r->entity_id = sqlite3_column_int64(st, 5);
    r->before = store_col_dup(st, 6);
    r->after = store_col_dup(st, 7);
  }
  return store_scan_end(s, st, step, "audit", e);
}

int store_value_history(store *s, const char *element, const char *combo, const char *period_id, value_change **rows,
                        int *n, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "SELECT at, login, json_extract(after, '$.unit'), json_extract(before, '$.value'),"
                             " json_extract(after, '$.value.value') FROM audit WHERE entity='value'"
                             " AND json_extract(after, '$.element')=?1 AND json_extract(after, '$.combo')=?2"
                             " AND json_extract(after, '$.period')=?3 ORDER BY id");
  *n = 0;
  *rows = NULL;
  if (!st) return store_fail(s, e, "audit");
  store_bind_text(st, 1, element);
  store_bind_text(st, 2, combo);
  store_bind_text(st, 3, period_id);
  while (sqlite3_step(st) == SQLITE_ROW) {
    *rows = xrealloc(*rows, sizeof(value_change) * (size_t)(*n + 1));
    value_change *r = &(*rows)[(*n)++];
    store_col_copy(st, 0, r->at, sizeof r->at);
    store_col_copy(st, 1, r->login, sizeof r->login);
    store_col_copy(st, 2, r->unit, sizeof r->unit);
    r->before = store_col_dup(st, 3);
    r->after = store_col_dup(st, 4);
  }
  sqlite3_finalize(st);
  return 0;
}

/* ---------------- register records ---------------- */

/* Records are keyed by an integer register id (`reg`, from the table
 * `registers`), so the index every list, scan and import uses is
 * (integer, integer, integer): smaller and cheaper to insert into than with
 * the register's text (bench: the bare insert 240,000 -> 290,000 rows per
 * CPU-second). The text `register` is kept in each row so that SQL by hand
 * (the sqlite3 shell, tests, the benchmark's baselines) still reads it. */
/* Who may see a record's personal data follows its origin (docs/privacy.md):
 * the unit that first recorded it (set on insert, never changed; a unit is
 * never deleted, so no foreign key) and whether it is its handler's alone
 * (set once, never cleared). */
#define RECORDS_ORIGIN_COLUMNS " first_unit_id INTEGER, handler_only INTEGER NOT NULL DEFAULT 0"
#define RECORDS_TABLE(create)                                                                                 \
  create "(id INTEGER PRIMARY KEY, reg INTEGER NOT NULL REFERENCES registers(id),"                                  \
         " register TEXT NOT NULL, unit_id INTEGER NOT NULL REFERENCES units(id), day INTEGER NOT NULL,"           \
         " data TEXT NOT NULL, fold TEXT NOT NULL, created_by INTEGER,"                                            \
         " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"                               \
         " updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"                               \
         RECORDS_ORIGIN_COLUMNS ");"

static const char *RECORDS_SCHEMA =
    LEVEL_NAMES_TABLE
    "CREATE TABLE IF NOT EXISTS unit_successors(old_id INTEGER NOT NULL REFERENCES units(id),"
    " new_id INTEGER NOT NULL REFERENCES units(id), share TEXT NOT NULL, is_primary INTEGER NOT NULL DEFAULT 0,"
    " PRIMARY KEY(old_id, new_id));"
    BODY_NAMES_TABLE
    "CREATE TABLE IF NOT EXISTS registers(id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);"
    RECORDS_TABLE("CREATE TABLE IF NOT EXISTS records")
    "CREATE INDEX IF NOT EXISTS records_reg_unit_day ON records(reg, unit_id, day);"
    "CREATE TABLE IF NOT EXISTS attachments(id INTEGER PRIMARY KEY, record_id INTEGER NOT NULL REFERENCES records(id)"
    " ON DELETE CASCADE, name TEXT NOT NULL, type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL,"
    " data BLOB NOT NULL, created_by INTEGER, created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
    "CREATE INDEX IF NOT EXISTS attachments_record ON attachments(record_id);"
    "CREATE TABLE IF NOT EXISTS record_events(id INTEGER PRIMARY KEY, record_id INTEGER NOT NULL REFERENCES records(id)"
    " ON DELETE CASCADE, day INTEGER NOT NULL, user_id INTEGER, login TEXT NOT NULL, from_stage TEXT NOT NULL,"
    " to_stage TEXT NOT NULL, comment TEXT NOT NULL,"
    " at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
    "CREATE INDEX IF NOT EXISTS record_events_record ON record_events(record_id);"
    "CREATE TABLE IF NOT EXISTS submissions(form TEXT NOT NULL, period TEXT NOT NULL, unit_id INTEGER NOT NULL"
    " REFERENCES units(id), status TEXT NOT NULL, submitted_day INTEGER, submitted_at TEXT, submitted_by TEXT,"
    " decided_at TEXT, decided_by TEXT, comment TEXT, due_day INTEGER, on_time INTEGER,"
    " PRIMARY KEY(form, period, unit_id));"
    "CREATE TABLE IF NOT EXISTS change_marks(instance TEXT PRIMARY KEY, n INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS holidays(day INTEGER PRIMARY KEY, name TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS record_private(record_id INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,"
    " data TEXT NOT NULL);";

/* the records table of databases made before `reg`: (register TEXT, ...)
 * with the index records(register, unit_id, day) */
static int records_need_reg(store *s) {
  sqlite3_stmt *st = store_prep(s, "SELECT EXISTS(SELECT 1 FROM sqlite_schema WHERE type='table' AND name='records')"
                             " AND NOT EXISTS(SELECT 1 FROM pragma_table_info('records') WHERE name='reg')");
  int old = st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return old;
}

/* Moves an older records table to the layout above, in one transaction:
 * every register found gets its id, the rows are copied with their ids (so
 * attachments, events and personal data still point at them) and the index
 * is rebuilt on the integer. Foreign keys are off meanwhile: dropping the
 * old table must not cascade to the tables that refer to records. */
static const char *RECORDS_MIGRATE =
    "CREATE TABLE IF NOT EXISTS registers(id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);"
    "INSERT OR IGNORE INTO registers(code) SELECT DISTINCT register FROM records ORDER BY register;"
    RECORDS_TABLE("CREATE TABLE records_new")
    "INSERT INTO records_new(id, reg, register, unit_id, day, data, fold, created_by, created_at, updated_at)"
    " SELECT r.id, g.id, r.register, r.unit_id, r.day, r.data, r.fold, r.created_by, r.created_at, r.updated_at"
    " FROM records r JOIN registers g ON g.code = r.register ORDER BY r.id;"
    "DROP TABLE records;"
    "ALTER TABLE records_new RENAME TO records;"
    "CREATE INDEX records_reg_unit_day ON records(reg, unit_id, day);";

static int migrate_records(store *s, dv_err *e) {
  if (!records_need_reg(s)) return 0;
  sqlite3_exec(s->db, "PRAGMA foreign_keys=OFF", NULL, NULL, NULL);
  int rc = store_begin(s, e);
  if (!rc && records_need_reg(s)) { /* another process may have moved it meanwhile */
    rc = exec(s, RECORDS_MIGRATE, e);
    if (!rc) {
      sqlite3_stmt *st = store_prep(s, "SELECT count(*) FROM records r LEFT JOIN registers g ON g.id = r.reg"
                                 " WHERE g.code IS NOT r.register");
      if (!st || sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) != 0)
        rc = dv_fail(e, DV_EDB, 0, "", "lỗi cơ sở dữ liệu: records migration left rows without their register");
      sqlite3_finalize(st);
    }
  }
  if (!rc) rc = store_commit(s, e);
  else store_rollback(s);
  sqlite3_exec(s->db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
  if (rc) fprintf(stderr, "records: migration to integer register ids failed: %s\n", e->msg);
  return rc;
}

/* the origin columns, added to a records table made before them (empty:
 * store_records_origin_fill fills them) */
static int records_have_origin(store *s) {
  sqlite3_stmt *st = NULL;
  int have = sqlite3_prepare_v2(s->db, "SELECT first_unit_id FROM records", -1, &st, NULL) == SQLITE_OK;
  sqlite3_finalize(st);
  return have;
}

/* the origin columns, added to a records table made before them (both or
 * neither; store_records_origin_fill fills them) */
static int records_origin_columns(store *s, dv_err *e) {
  if (records_have_origin(s)) return 0;
  int rc = store_begin(s, e);
  if (!rc && !records_have_origin(s)) /* another process may have added them meanwhile */
    rc = exec(s, "ALTER TABLE records ADD COLUMN first_unit_id INTEGER;"
                 "ALTER TABLE records ADD COLUMN handler_only INTEGER NOT NULL DEFAULT 0;", e);
  if (!rc) return store_commit(s, e);
  store_rollback(s);
  return rc;
}

int store_records_schema(store *s, dv_err *e) {
  return migrate_units(s, e) || units_kind_column(s, e) || migrate_records(s, e) || exec(s, RECORDS_SCHEMA, e) ||
                 records_origin_columns(s, e) || store_plans_schema(s, e) ||
                 store_documents_schema(s, e) || store_users_schema(s, e) ||
                 store_notify_schema(s, e)
             ? DV_EDB
             : 0;
}

/* The id of a register code; with create, one is given to a code seen for
 * the first time (inside the caller's write transaction). 0 if none.
 * The last code inserted is cached: an import inserts a million records of
 * one register. A rollback forgets it, as the id may have been rolled back. */
static int64_t register_id(store *s, const char *code, int create, dv_err *e) {
  if (s->reg_id && !strcmp(s->reg_code, code)) return s->reg_id;
  sqlite3_stmt *st = store_prep(s, "SELECT id FROM registers WHERE code=?");
  store_bind_text(st, 1, code);
  int64_t id = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
  sqlite3_finalize(st);
  if (!id && create) {
    st = store_prep(s, "INSERT INTO registers(code) VALUES(?)");
    store_bind_text(st, 1, code);
    if (st && sqlite3_step(st) == SQLITE_DONE) id = sqlite3_last_insert_rowid(s->db);
    else store_fail(s, e, "registers");
    sqlite3_finalize(st);
  }
  if (id && strlen(code) < sizeof s->reg_code) {
    snprintf(s->reg_code, sizeof s->reg_code, "%s", code);
    s->reg_id = id;
  }
  return id;
}

/* a register's id inside a query, from its code: SQLite computes it once and
 * searches the index records(reg, unit_id, day) with it */
#define REG_ID(param) "(SELECT id FROM registers WHERE code=" param ")"
/* every record of a register, read in rowid order: the ids come from the
 * index, sorted, so that each table page is read once (start-up counting
 * 1,000,000 dialogues, 16 kB pages: 3.9 s in the index's order, 1.8 s so) */
#define REG_ROWIDS(param) "rowid IN (SELECT rowid FROM records WHERE reg=" REG_ID(param) ")"

int store_records_scan_fields(store *s, const char *reg, const char *const *names, int n, record_fields_cb cb,
                              void *ctx, dv_err *e) {
  buf sql;
  buf_init(&sql, 0);
  buf_adds(&sql, "SELECT unit_id");
  for (int i = 0; i < n; i++) buf_addf(&sql, ", json_extract(data, '$.' || ?%d)", i + 2);
  buf_adds(&sql, " FROM records WHERE " REG_ROWIDS("?1"));
  sqlite3_stmt *st = store_prep(s, sql.s);
  buf_release(&sql);
  if (!st) return store_fail(s, e, "records");
  store_bind_text(st, 1, reg);
  for (int i = 0; i < n; i++) store_bind_text(st, i + 2, names[i]);
  const char *vals[64];
  while (sqlite3_step(st) == SQLITE_ROW) {
    for (int i = 0; i < n && i < 64; i++) {
      const unsigned char *t = sqlite3_column_text(st, i + 1);
      vals[i] = t ? (const char *)t : "";
    }
    cb(ctx, sqlite3_column_int64(st, 0), vals);
  }
  sqlite3_finalize(st);
  return 0;
}

int store_records_scan(store *s, const char *reg, record_scan_cb cb, void *ctx, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "SELECT id, unit_id, data FROM records WHERE " REG_ROWIDS("?"));
  if (!st) return store_fail(s, e, "records");
  store_bind_text(st, 1, reg);
  while (sqlite3_step(st) == SQLITE_ROW)
    cb(ctx, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), (const char *)sqlite3_column_text(st, 2));
  sqlite3_finalize(st);
  return 0;
}

static int put_private(store *s, int64_t id, const char *priv, dv_err *e) {
  if (priv && !s->ins_private) /* kept: an import of letters writes 100,000 senders */
    s->ins_private = store_prep(s, "INSERT INTO record_private(record_id, data) VALUES(?,?) ON CONFLICT(record_id)"
                             " DO UPDATE SET data=excluded.data");
  sqlite3_stmt *st = priv ? s->ins_private : store_prep(s, "DELETE FROM record_private WHERE record_id=?");
  if (!st) return store_fail(s, e, "record_private");
  sqlite3_bind_int64(st, 1, id);
  if (priv) sqlite3_bind_text(st, 2, priv, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "record_private");
  if (priv) sqlite3_reset(st);
  else sqlite3_finalize(st);
  return rc;
}

int store_record_insert(store *s, const char *reg, int64_t unit_id, int day, const char *data, const char *priv,
                        const char *fold, int handler_only, int64_t user_id, int64_t *id, dv_err *e) {
  int64_t reg_id = register_id(s, reg, 1, e);
  if (!reg_id) return DV_EDB;
  if (!s->ins_record)
    s->ins_record = store_prep(s, "INSERT INTO records(reg,register,unit_id,day,data,fold,created_by,created_at,updated_at,"
                            "first_unit_id,handler_only) VALUES(?,?,?3,?,?,?,?,?8,?8,?3,?9)");
  sqlite3_stmt *st = s->ins_record;
  if (!st) return store_fail(s, e, "records");
  sqlite3_reset(st);
  time_t now = time(NULL); /* formatted once a second, not twice a row by SQLite */
  if (now != s->now_time) {
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(s->now_iso, sizeof s->now_iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
    s->now_time = now;
  }
  /* every value outlives the step: bound without a copy */
  sqlite3_bind_int64(st, 1, reg_id);
  sqlite3_bind_text(st, 2, reg, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 3, unit_id);
  sqlite3_bind_int(st, 4, day);
  sqlite3_bind_text(st, 5, data, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 6, fold, -1, SQLITE_STATIC);
  if (user_id) sqlite3_bind_int64(st, 7, user_id);
  else sqlite3_bind_null(st, 7);
  sqlite3_bind_text(st, 8, s->now_iso, -1, SQLITE_STATIC);
  sqlite3_bind_int(st, 9, handler_only != 0);
  if (sqlite3_step(st) != SQLITE_DONE) return store_fail(s, e, "records");
  *id = sqlite3_last_insert_rowid(s->db);
  return priv ? put_private(s, *id, priv, e) : 0;
}

int store_record_update(store *s, int64_t id, int64_t unit_id, int day, const char *data, const char *priv,
                        const char *fold, int handler_only, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "UPDATE records SET unit_id=?, day=?, data=?, fold=?, handler_only=max(handler_only, ?),"
                             " updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id=?");
  sqlite3_bind_int64(st, 1, unit_id);
  sqlite3_bind_int(st, 2, day);
  store_bind_text(st, 3, data);
  store_bind_text(st, 4, fold);
  sqlite3_bind_int(st, 5, handler_only != 0);
  sqlite3_bind_int64(st, 6, id);
  int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "records");
  sqlite3_finalize(st);
  return rc ? rc : put_private(s, id, priv, e);
}

/* The history of each record of register ?1 in the audit, since its id was
 * last deleted (ids of deleted records may be given again): the unit its
 * first entry names (the `before` of a change, the `after` of a creation:
 * codes, as the audit keeps them) and whether any entry had ?2 = ?3. */
#define ORIGIN_HISTORY                                                                                              \
  "WITH dels AS (SELECT entity_id AS rid, max(id) AS last FROM audit WHERE entity=?1 AND action=?1 || '.delete'"    \
  "  GROUP BY entity_id),"                                                                                          \
  " hist AS (SELECT a.entity_id AS rid, min(a.id) AS first,"                                                        \
  "  COALESCE(json_extract(a.before, '$.unit'), json_extract(a.after, '$.unit')) AS code,"                          \
  "  total(COALESCE(json_extract(a.before, '$.' || ?2) = ?3, 0) OR COALESCE(json_extract(a.after, '$.' || ?2) = ?3, 0))" \
  "   AS was"                                                                                                       \
  "  FROM audit a LEFT JOIN dels d ON d.rid = a.entity_id"                                                          \
  "  WHERE a.entity=?1 AND a.action IN (?1 || '.create', ?1 || '.update', ?1 || '.move') AND a.id > COALESCE(d.last, 0)" \
  "  GROUP BY a.entity_id)"

int store_records_origin_fill(store *s, const char *reg, const char *field, const char *value, dv_err *e) {
  /* the unit of a code on the record's day; another of that code if none was valid then */
  static const char *with_history =
      ORIGIN_HISTORY " UPDATE records SET"
      " first_unit_id = COALESCE((SELECT min(u.id) FROM units u WHERE u.code = h.code"
      "  AND (COALESCE(u.valid_from, 0) = 0 OR u.valid_from <= records.day)"
      "  AND (COALESCE(u.valid_to, 0) = 0 OR u.valid_to >= records.day)),"
      "  (SELECT min(u.id) FROM units u WHERE u.code = h.code), records.unit_id),"
      " handler_only = max(handler_only, h.was > 0)"
      " FROM hist h WHERE h.rid = records.id AND records.reg = " REG_ID("?1") " AND records.first_unit_id IS NULL";
  static const char *without =
      "UPDATE records SET first_unit_id = unit_id,"
      " handler_only = max(handler_only, COALESCE(json_extract(data, '$.' || ?2) = ?3, 0))"
      " WHERE reg = " REG_ID("?1") " AND first_unit_id IS NULL";
  int rc = 0;
  for (int pass = 0; pass < 2 && !rc; pass++) {
    sqlite3_stmt *st = store_prep(s, pass ? without : with_history);
    if (!st) return store_fail(s, e, "records");
    store_bind_text(st, 1, reg);
    store_bind_text(st, 2, field);
    store_bind_text(st, 3, value);
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "records");
    sqlite3_finalize(st);
  }
  return rc;
}

int store_record_set_fold(store *s, int64_t id, const char *fold, dv_err *e) {
  if (!s->set_fold) s->set_fold = store_prep(s, "UPDATE records SET fold=? WHERE id=?"); /* kept: every record once */
  sqlite3_stmt *st = s->set_fold;
  if (!st) return store_fail(s, e, "records");
  store_bind_text(st, 1, fold);
  sqlite3_bind_int64(st, 2, id);
  int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "records");
  sqlite3_reset(st);
  return rc;
}

int store_record_delete(store *s, int64_t id, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "DELETE FROM records WHERE id=?");
  sqlite3_bind_int64(st, 1, id);
  int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "records");
  sqlite3_finalize(st);
  return rc;
}

/* the origin columns of a select, after the others: a record made before
 * they were filled counts from its own unit */
#define ORIGIN_SELECT "COALESCE(r.first_unit_id, r.unit_id), r.handler_only"

static void origin_of_row(sqlite3_stmt *st, int col, record_origin *o) {
  o->unit_id = sqlite3_column_int64(st, col);
  o->handler_only = sqlite3_column_int(st, col + 1) != 0;
}

int store_record_get(store *s, const char *reg, int64_t id, int64_t *unit_id, char **data, char **priv,
                     record_origin *origin) {
  sqlite3_stmt *st = store_prep(s, "SELECT r.unit_id, r.data, p.data, " ORIGIN_SELECT " FROM records r LEFT JOIN"
                             " record_private p ON p.record_id=r.id WHERE r.id=? AND r.reg=" REG_ID("?"));
  sqlite3_bind_int64(st, 1, id);
  store_bind_text(st, 2, reg);
  int rc = DV_ENOTFOUND;
  if (sqlite3_step(st) == SQLITE_ROW) {
    *unit_id = sqlite3_column_int64(st, 0);
    *data = store_col_dup(st, 1);
    *priv = store_col_dup(st, 2);
    if (origin) origin_of_row(st, 3, origin);
    rc = 0;
  }
  sqlite3_finalize(st);
  return rc;
}

/* " FROM records r WHERE ..." for store_record_list. by_rowid: the rows are
 * read from the table in rowid order (the ids the index finds, sorted
 * first) rather than in the index's order, where every row would be a jump
 * to another page (the exemplary models of VN, 100,000 models read, 16 kB
 * pages: 0.35 -> 0.15 s). A count without filters is answered by the index
 * alone, and a unit's own list comes in the index's order already sorted:
 * those read the index's way. */
static void record_list_from(buf *sql, const record_query *q, int by_rowid) {
  /* the unit condition is chosen here rather than by a CASE in SQL, so that
   * SQLite can use the index records(reg, unit_id, day) */
  const char *units = q->own_only                ? " AND unit_id=?1"
                      : q->unit_ids && q->kinds ? " AND unit_id IN (SELECT k.id FROM json_each(?11) j JOIN units k"
                                                  " ON k.id=j.value WHERE instr(?10, ',' || k.kind || ',') > 0)"
                      : q->unit_ids             ? " AND unit_id IN (SELECT value FROM json_each(?11))"
                      : q->kinds                ? " AND unit_id IN (SELECT k.id FROM sub JOIN units k ON k.id=sub.id"
                                                  " WHERE instr(?10, ',' || k.kind || ',') > 0)"
                      : q->root_unit_id         ? " AND unit_id IN (SELECT id FROM sub)"
                                                : "";
  buf_adds(sql, " FROM records r WHERE ");
  if (by_rowid) buf_adds(sql, "r.rowid IN (SELECT rowid FROM records WHERE ");
  buf_addf(sql, "reg=" REG_ID("?2") "%s AND day BETWEEN ?3 AND ?4", units);
  if (by_rowid) buf_adds(sql, ")");
  buf_adds(sql, " AND (?5 IS NULL OR instr(r.fold, ?5) > 0)"
                " AND (?6 IS NULL OR json_extract(r.data, '$.' || ?6) = ?7"
                "      OR instr(';' || json_extract(r.data, '$.' || ?6) || ';', ';' || ?7 || ';') > 0)");
}

int store_record_list(store *s, const record_query *q, int with_private, record_row_cb cb, void *ctx, int *total,
                      dv_err *e) {
  int filtered = (q->fold && *q->fold) || (q->field && *q->field);
  buf sql;
  buf_init(&sql, 0);
  buf kinds; /* ",front,organisation," */
  buf_init(&kinds, 0);
  buf_addc(&kinds, ',');
  for (int k = 0; k < KIND_COUNT; k++)
    if (q->kinds >> k & 1u) buf_addf(&kinds, "%s,", unit_kind_code(k));
  buf_adds(&sql, SUBTREE_CTE "SELECT count(*)");
  record_list_from(&sql, q, filtered);
  int rc = 0;
  for (int pass = 0; pass < 2 && !rc; pass++) {
    sqlite3_stmt *st = store_prep(s, sql.s);
    if (!st) {
      rc = store_fail(s, e, "records");
      break;
    }
    sqlite3_bind_int64(st, 1, q->root_unit_id);
    store_bind_text(st, 2, q->reg);
    sqlite3_bind_int(st, 3, q->first_day);
    sqlite3_bind_int(st, 4, q->last_day);
    store_bind_text(st, 5, q->fold && *q->fold ? q->fold : NULL);
    store_bind_text(st, 6, q->field && *q->field ? q->field : NULL);
    store_bind_text(st, 7, q->value ? q->value : "");
    if (q->kinds) store_bind_text(st, 10, kinds.s);
    if (q->unit_ids) store_bind_text(st, 11, q->unit_ids);
    if (pass == 0) {
      *total = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    } else {
      sqlite3_bind_int(st, 8, q->limit > 0 ? q->limit : -1);
      sqlite3_bind_int(st, 9, q->offset);
      record_origin o;
      while (sqlite3_step(st) == SQLITE_ROW) {
        origin_of_row(st, 4, &o);
        cb(ctx, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), (const char *)sqlite3_column_text(st, 2),
           (const char *)sqlite3_column_text(st, 3), &o);
      }
    }
    sqlite3_finalize(st);
    buf_reset(&sql);
    buf_addf(&sql, SUBTREE_CTE "SELECT r.id, r.unit_id, r.data, %s, " ORIGIN_SELECT,
             with_private ? "(SELECT data FROM record_private WHERE record_id=r.id)" : "NULL");
    record_list_from(&sql, q, !q->own_only);
    buf_adds(&sql, " ORDER BY r.day DESC, r.id DESC LIMIT ?8 OFFSET ?9");
  }
  buf_release(&sql);
  buf_release(&kinds);
  return rc;
}

int store_record_keys(store *s, const char *reg, record_key_cb cb, void *ctx, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "SELECT id, unit_id, day FROM records WHERE reg=" REG_ID("?1"));
  if (!st) return store_fail(s, e, "records");
  store_bind_text(st, 1, reg);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    cb(ctx, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
       sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 2));
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? 0 : store_fail(s, e, "records");
}

int store_records_by_id(store *s, const char *reg, const int64_t *ids, int n, int with_private, record_row_cb cb,
                        void *ctx, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, with_private ? "SELECT r.id, r.unit_id, r.data, (SELECT data FROM record_private WHERE"
                                            " record_id=r.id), " ORIGIN_SELECT " FROM records r WHERE r.id=?1 AND"
                                            " r.reg=" REG_ID("?2")
                                          : "SELECT r.id, r.unit_id, r.data, NULL, " ORIGIN_SELECT
                                            " FROM records r WHERE r.id=?1 AND r.reg=" REG_ID("?2"));
  if (!st) return store_fail(s, e, "records");
  store_bind_text(st, 2, reg);
  int rc = SQLITE_DONE;
  for (int i = 0; i < n && (rc == SQLITE_DONE || rc == SQLITE_ROW); i++) {
    sqlite3_bind_int64(st, 1, ids[i]);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      record_origin o;
      origin_of_row(st, 4, &o);
      cb(ctx, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), (const char *)sqlite3_column_text(st, 2),
         (const char *)sqlite3_column_text(st, 3), &o);
    }
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : store_fail(s, e, "records");
}

int store_record_count(store *s, const char *reg, int64_t unit_id, int first, int last, const char *field,
                       const char *value) {
  if (!s->cnt_record)
    s->cnt_record = store_prep(s, "SELECT count(*) FROM records WHERE reg=" REG_ID("?1") " AND unit_id=?2 AND day BETWEEN ?3"
                            " AND ?4 AND (?5 IS NULL OR json_extract(data, '$.' || ?5) = ?6)");
  sqlite3_stmt *st = s->cnt_record;
  if (!st) return -1;
  store_bind_text(st, 1, reg);
  sqlite3_bind_int64(st, 2, unit_id);
  sqlite3_bind_int(st, 3, first);
  sqlite3_bind_int(st, 4, last);
  store_bind_text(st, 5, field);
  store_bind_text(st, 6, value ? value : "");
  int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  return n;
}

int store_holidays_load(store *s, int **days, int *n) {
  sqlite3_stmt *st = store_prep(s, "SELECT day FROM holidays ORDER BY day");
  int cap = 0;
  *days = NULL;
  *n = 0;
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    if (*n == cap) *days = xrealloc(*days, sizeof(int) * (size_t)(cap = cap ? cap * 2 : 64));
    (*days)[(*n)++] = sqlite3_column_int(st, 0);
  }
  sqlite3_finalize(st);
  return 0;
}

int store_holiday_put(store *s, int day, const char *name, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, name ? "INSERT INTO holidays(day,name) VALUES(?,?) ON CONFLICT(day) DO UPDATE SET name=excluded.name"
                                  : "DELETE FROM holidays WHERE day=?");
  sqlite3_bind_int(st, 1, day);
  if (name) store_bind_text(st, 2, name);
  int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "holidays");
  sqlite3_finalize(st);
  return rc;
}

int store_attachment_insert(store *s, int64_t record_id, const char *name, const char *type, const void *data,
                            size_t len, const char *sha256, int64_t user_id, int64_t *id, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "INSERT INTO attachments(record_id,name,type,size,sha256,data,created_by)"
                             " VALUES(?,?,?,?,?,?,?)");
  sqlite3_bind_int64(st, 1, record_id);
  store_bind_text(st, 2, name);
  store_bind_text(st, 3, type);
  sqlite3_bind_int64(st, 4, (sqlite3_int64)len);
  store_bind_text(st, 5, sha256);
  sqlite3_bind_blob(st, 6, data, (int)len, SQLITE_TRANSIENT);
  if (user_id) sqlite3_bind_int64(st, 7, user_id);
  else sqlite3_bind_null(st, 7);
  int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "attachments");
  if (!rc) *id = sqlite3_last_insert_rowid(s->db);
  sqlite3_finalize(st);
  return rc;
}

int store_attachment_list(store *s, int64_t record_id, attachment_info **rows, int *n) {
  sqlite3_stmt *st = store_prep(s, "SELECT id, name, type, size, sha256, created_at FROM attachments WHERE record_id=?"
                             " ORDER BY id");
  sqlite3_bind_int64(st, 1, record_id);
  *rows = NULL;
  *n = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    *rows = xrealloc(*rows, sizeof(attachment_info) * (size_t)(*n + 1));
    attachment_info *a = &(*rows)[(*n)++];
    a->id = sqlite3_column_int64(st, 0);
    a->record_id = record_id;
    store_col_copy(st, 1, a->name, sizeof a->name);
    store_col_copy(st, 2, a->type, sizeof a->type);
    a->size = (size_t)sqlite3_column_int64(st, 3);
    store_col_copy(st, 4, a->sha256, sizeof a->sha256);
    store_col_copy(st, 5, a->created_at, sizeof a->created_at);
  }
  sqlite3_finalize(st);
  return 0;
}

int store_attachment_get(store *s, int64_t id, attachment_info *info, char **data) {
  sqlite3_stmt *st = store_prep(s, "SELECT record_id, name, type, size, sha256, created_at, data FROM attachments WHERE id=?");
  sqlite3_bind_int64(st, 1, id);
  int rc = DV_ENOTFOUND;
  if (sqlite3_step(st) == SQLITE_ROW) {
    info->id = id;
    info->record_id = sqlite3_column_int64(st, 0);
    store_col_copy(st, 1, info->name, sizeof info->name);
    store_col_copy(st, 2, info->type, sizeof info->type);
    info->size = (size_t)sqlite3_column_int64(st, 3);
    store_col_copy(st, 4, info->sha256, sizeof info->sha256);
    store_col_copy(st, 5, info->created_at, sizeof info->created_at);
    *data = xmalloc(info->size + 1);
    memcpy(*data, sqlite3_column_blob(st, 6), info->size);
    rc = 0;
  }
  sqlite3_finalize(st);
  return rc;
}

int store_record_register(store *s, int64_t id, char *reg, int len) {
  sqlite3_stmt *st = store_prep(s, "SELECT register FROM records WHERE id=?");
  sqlite3_bind_int64(st, 1, id);
  int rc = DV_ENOTFOUND;
  if (sqlite3_step(st) == SQLITE_ROW) {
    store_col_copy(st, 0, reg, (size_t)len);
    rc = 0;
  }
  sqlite3_finalize(st);
  return rc;
}

int store_event_insert(store *s, int64_t record_id, int day, int64_t user_id, const char *login, const char *from,
                       const char *to, const char *comment, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "INSERT INTO record_events(record_id,day,user_id,login,from_stage,to_stage,comment)"
                             " VALUES(?,?,?,?,?,?,?)");
  sqlite3_bind_int64(st, 1, record_id);
  sqlite3_bind_int(st, 2, day);
  if (user_id) sqlite3_bind_int64(st, 3, user_id);
  else sqlite3_bind_null(st, 3);
  store_bind_text(st, 4, login);
  store_bind_text(st, 5, from);
  store_bind_text(st, 6, to);
  store_bind_text(st, 7, comment);
  int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "record_events");
  sqlite3_finalize(st);
  return rc;
}

int store_event_list(store *s, int64_t record_id, stage_event **rows, int *n) {
  sqlite3_stmt *st = store_prep(s, "SELECT day, login, from_stage, to_stage, comment, at FROM record_events"
                             " WHERE record_id=? ORDER BY id");
  sqlite3_bind_int64(st, 1, record_id);
  *rows = NULL;
  *n = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    *rows = xrealloc(*rows, sizeof(stage_event) * (size_t)(*n + 1));
    stage_event *ev = &(*rows)[(*n)++];
    date_format_iso(sqlite3_column_int(st, 0), ev->date);
    store_col_copy(st, 1, ev->login, sizeof ev->login);
    store_col_copy(st, 2, ev->from, sizeof ev->from);
    store_col_copy(st, 3, ev->to, sizeof ev->to);
    ev->comment = store_col_dup(st, 4);
    store_col_copy(st, 5, ev->at, sizeof ev->at);
  }
  sqlite3_finalize(st);
  return 0;
}

static void read_submission(sqlite3_stmt *st, submission *out) {
  memset(out, 0, sizeof *out);
  store_col_copy(st, 0, out->status, sizeof out->status);
  out->submitted_day = sqlite3_column_type(st, 1) == SQLITE_NULL ? 0 : sqlite3_column_int(st, 1);
  store_col_copy(st, 2, out->submitted_at, sizeof out->submitted_at);
  store_col_copy(st, 3, out->submitted_by, sizeof out->submitted_by);
  store_col_copy(st, 4, out->decided_at, sizeof out->decided_at);
  store_col_copy(st, 5, out->decided_by, sizeof out->decided_by);
  store_col_copy(st, 6, out->comment, sizeof out->comment);
  out->due_day = sqlite3_column_int(st, 7);
  out->on_time = sqlite3_column_type(st, 8) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 8);
}

#define SUBMISSION_COLS "status, submitted_day, submitted_at, submitted_by, decided_at, decided_by, comment, due_day, on_time"

int store_submission_get(store *s, const char *form_code, const char *period_id, int64_t unit_id, submission *out) {
  sqlite3_stmt *st = store_prep(s, "SELECT " SUBMISSION_COLS " FROM submissions WHERE form=? AND period=? AND unit_id=?");
  store_bind_text(st, 1, form_code);
  store_bind_text(st, 2, period_id);
  sqlite3_bind_int64(st, 3, unit_id);
  int rc = DV_ENOTFOUND;
  memset(out, 0, sizeof *out);
  snprintf(out->status, sizeof out->status, "draft");
  out->on_time = -1;
  if (sqlite3_step(st) == SQLITE_ROW) {
    read_submission(st, out);
    rc = 0;
  }
  sqlite3_finalize(st);
  return rc;
}

int store_submission_put(store *s, const char *form_code, const char *period_id, int64_t unit_id, const submission *v,
                         dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "INSERT INTO submissions(form, period, unit_id, " SUBMISSION_COLS ")"
                             " VALUES(?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(form, period, unit_id) DO UPDATE SET"
                             " status=excluded.status, submitted_day=excluded.submitted_day,"
                             " submitted_at=excluded.submitted_at, submitted_by=excluded.submitted_by,"
                             " decided_at=excluded.decided_at, decided_by=excluded.decided_by,"
                             " comment=excluded.comment, due_day=excluded.due_day, on_time=excluded.on_time");
  store_bind_text(st, 1, form_code);
  store_bind_text(st, 2, period_id);
  sqlite3_bind_int64(st, 3, unit_id);
  store_bind_text(st, 4, v->status);
  if (v->submitted_day) sqlite3_bind_int(st, 5, v->submitted_day);
  store_bind_text(st, 6, *v->submitted_at ? v->submitted_at : NULL);
  store_bind_text(st, 7, *v->submitted_by ? v->submitted_by : NULL);
  store_bind_text(st, 8, *v->decided_at ? v->decided_at : NULL);
  store_bind_text(st, 9, *v->decided_by ? v->decided_by : NULL);
  store_bind_text(st, 10, v->comment);
  sqlite3_bind_int(st, 11, v->due_day);
  if (v->on_time >= 0) sqlite3_bind_int(st, 12, v->on_time);
  int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "submissions");
  sqlite3_finalize(st);
  return rc;
}

int store_submissions_approved(store *s, submission_key **rows, int *n) {
  return store_submissions_in(s, "approved", rows, n);
}

int store_submissions_in(store *s, const char *status, submission_key **rows, int *n) {
  sqlite3_stmt *st = store_prep(s, "SELECT form, period, unit_id FROM submissions WHERE status=?");
  store_bind_text(st, 1, status);
  *rows = NULL;
  *n = 0;
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    *rows = xrealloc(*rows, sizeof(submission_key) * (size_t)(*n + 1));
    submission_key *k = &(*rows)[(*n)++];
    store_col_copy(st, 0, k->form, sizeof k->form);
    store_col_copy(st, 1, k->period, sizeof k->period);
    k->unit_id = sqlite3_column_int64(st, 2);
  }
  sqlite3_finalize(st);
  return 0;
}

int store_approvers(store *s, approver_row **rows, int *n) {
  sqlite3_stmt *st = store_prep(s, "SELECT unit_id, login, coalesce((SELECT group_concat(form, ',') FROM (SELECT form"
                             " FROM approver_forms f WHERE f.user_id=users.id ORDER BY form)), '')"
                             " FROM users WHERE role='approver' AND NOT disabled ORDER BY unit_id, login");
  *rows = NULL;
  *n = 0;
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    *rows = xrealloc(*rows, sizeof(approver_row) * (size_t)(*n + 1));
    approver_row *r = &(*rows)[(*n)++];
    r->unit_id = sqlite3_column_int64(st, 0);
    store_col_copy(st, 1, r->login, sizeof r->login);
    store_col_copy(st, 2, r->forms, sizeof r->forms);
  }
  sqlite3_finalize(st);
  return 0;
}

int store_approver_forms_set(store *s, int64_t user_id, const char *const *forms, int n, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "DELETE FROM approver_forms WHERE user_id=?");
  sqlite3_bind_int64(st, 1, user_id);
  int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "approver_forms");
  sqlite3_finalize(st);
  for (int i = 0; !rc && i < n; i++) {
    st = store_prep(s, "INSERT OR IGNORE INTO approver_forms(user_id, form) VALUES(?,?)");
    sqlite3_bind_int64(st, 1, user_id);
    store_bind_text(st, 2, forms[i]);
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, "approver_forms");
    sqlite3_finalize(st);
  }
  return rc;
}

int store_holidays_list(store *s, int first, int last, holiday_row **rows, int *n) {
  sqlite3_stmt *st = store_prep(s, "SELECT day, name FROM holidays WHERE day BETWEEN ? AND ? ORDER BY day");
  sqlite3_bind_int(st, 1, first);
  sqlite3_bind_int(st, 2, last);
  *rows = NULL;
  *n = 0;
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    *rows = xrealloc(*rows, sizeof(holiday_row) * (size_t)(*n + 1));
    holiday_row *h = &(*rows)[(*n)++];
    h->day = sqlite3_column_int(st, 0);
    store_col_copy(st, 1, h->name, sizeof h->name);
  }
  sqlite3_finalize(st);
  return 0;
}
