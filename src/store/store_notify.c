/* Notifications: the stored events addressed to a unit (a report returned,
 * approved, reopened; a reminder from the unit above), each user's read
 * marks (of stored and computed notices alike, by the notice's id), and the
 * users' e-mail addresses for the daily digest. */
#include "store/store.h"
#include "store/store_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *NOTIFY_SCHEMA =
    "CREATE TABLE IF NOT EXISTS notifications(id INTEGER PRIMARY KEY, unit_id INTEGER NOT NULL REFERENCES units(id),"
    " kind TEXT NOT NULL, text TEXT NOT NULL, url TEXT NOT NULL, at TEXT NOT NULL, by_login TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS notifications_unit ON notifications(unit_id, id);"
    "CREATE TABLE IF NOT EXISTS notify_reads(user_id INTEGER NOT NULL REFERENCES users(id), nid TEXT NOT NULL,"
    " at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')), PRIMARY KEY(user_id, nid));";

int store_notify_schema(store *s, dv_err *e) {
  char *msg = NULL;
  if (sqlite3_exec(s->db, NOTIFY_SCHEMA, NULL, NULL, &msg) != SQLITE_OK) {
    dv_fail(e, DV_EDB, 0, "", "lỗi cơ sở dữ liệu: %s", msg ? msg : "?");
    sqlite3_free(msg);
    return DV_EDB;
  }
  sqlite3_stmt *st = NULL;
  int have = sqlite3_prepare_v2(s->db, "SELECT email FROM users", -1, &st, NULL) == SQLITE_OK;
  sqlite3_finalize(st);
  if (!have && sqlite3_exec(s->db, "ALTER TABLE users ADD COLUMN email TEXT", NULL, NULL, NULL) != SQLITE_OK)
    return store_fail(s, e, "users.email");
  return 0;
}

int store_notify_insert(store *s, const notify_row *n, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "INSERT INTO notifications(unit_id, kind, text, url, at, by_login) VALUES(?,?,?,?,?,?)");
  if (!st) return store_fail(s, e, "thông báo");
  sqlite3_bind_int64(st, 1, n->unit_id);
  store_bind_text(st, 2, n->kind);
  store_bind_text(st, 3, n->text);
  store_bind_text(st, 4, n->url);
  store_bind_text(st, 5, n->at);
  store_bind_text(st, 6, n->by_login);
  return store_step_done(s, st, "thông báo", e);
}

int store_notify_list(store *s, int64_t unit_id, int64_t user_id, int limit, notify_cb cb, void *ctx) {
  sqlite3_stmt *st = store_prep(s, "SELECT n.id, n.kind, n.text, n.url, n.at, EXISTS(SELECT 1 FROM notify_reads r"
                             " WHERE r.user_id=?1 AND r.nid='e' || n.id) FROM notifications n WHERE n.unit_id=?2"
                             " ORDER BY n.id DESC LIMIT ?3");
  if (!st) return DV_EDB;
  sqlite3_bind_int64(st, 1, user_id);
  sqlite3_bind_int64(st, 2, unit_id);
  sqlite3_bind_int(st, 3, limit);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    notify_row n = {sqlite3_column_int64(st, 0), unit_id, (const char *)sqlite3_column_text(st, 1),
                    (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
                    (const char *)sqlite3_column_text(st, 4), NULL, sqlite3_column_int(st, 5)};
    cb(ctx, &n);
  }
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? 0 : DV_EDB;
}

int store_notify_unread_stored(store *s, int64_t unit_id, int64_t user_id) {
  sqlite3_stmt *st = store_prep(s, "SELECT count(*) FROM notifications n WHERE n.unit_id=?2 AND NOT EXISTS(SELECT 1"
                             " FROM notify_reads r WHERE r.user_id=?1 AND r.nid='e' || n.id)");
  if (!st) return 0;
  sqlite3_bind_int64(st, 1, user_id);
  sqlite3_bind_int64(st, 2, unit_id);
  int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
  sqlite3_finalize(st);
  return n;
}

int store_notify_unit(store *s, int64_t id, int64_t *unit_id) {
  sqlite3_stmt *st = store_prep(s, "SELECT unit_id FROM notifications WHERE id=?");
  if (!st) return DV_EDB;
  sqlite3_bind_int64(st, 1, id);
  int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : DV_ENOTFOUND;
  if (!rc) *unit_id = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return rc;
}

int store_notify_is_read(store *s, int64_t user_id, const char *nid) {
  sqlite3_stmt *st = store_prep(s, "SELECT 1 FROM notify_reads WHERE user_id=? AND nid=?");
  if (!st) return 0;
  sqlite3_bind_int64(st, 1, user_id);
  store_bind_text(st, 2, nid);
  int r = sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  return r;
}

int store_notify_mark_read(store *s, int64_t user_id, const char *nid, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "INSERT OR IGNORE INTO notify_reads(user_id, nid) VALUES(?,?)");
  if (!st) return store_fail(s, e, "đánh dấu đã đọc");
  sqlite3_bind_int64(st, 1, user_id);
  store_bind_text(st, 2, nid);
  return store_step_done(s, st, "đánh dấu đã đọc", e);
}

int store_user_email_set(store *s, int64_t user_id, const char *email, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "UPDATE users SET email=? WHERE id=?");
  if (!st) return store_fail(s, e, "địa chỉ thư");
  store_bind_text(st, 1, email && *email ? email : NULL);
  sqlite3_bind_int64(st, 2, user_id);
  return store_step_done(s, st, "địa chỉ thư", e);
}

int store_user_email(store *s, int64_t user_id, char *out, int outlen) {
  *out = 0;
  sqlite3_stmt *st = store_prep(s, "SELECT email FROM users WHERE id=?");
  if (!st) return DV_EDB;
  sqlite3_bind_int64(st, 1, user_id);
  if (sqlite3_step(st) == SQLITE_ROW) store_col_copy(st, 0, out, (size_t)outlen);
  sqlite3_finalize(st);
  return 0;
}

int store_user_emails(store *s, user_email_cb cb, void *ctx) {
  sqlite3_stmt *st = store_prep(s, "SELECT login, email FROM users WHERE email IS NOT NULL AND email<>'' AND disabled=0"
                             " ORDER BY login");
  if (!st) return DV_EDB;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    cb(ctx, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1));
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? 0 : DV_EDB;
}
