/* Report documents: the narrative and header fields of a unit's report for
 * a period, kept as one JSON text per (unit, period). */
#include "store/store.h"
#include "store/store_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *DOCUMENTS_SCHEMA =
    "CREATE TABLE IF NOT EXISTS report_docs(id INTEGER PRIMARY KEY, unit_id INTEGER NOT NULL REFERENCES units(id),"
    " period TEXT NOT NULL, data TEXT NOT NULL, updated_by TEXT NOT NULL,"
    " updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')), UNIQUE(unit_id, period));"
    /* an issued report: its DOCX as signed, so that every later export is those bytes */
    "CREATE TABLE IF NOT EXISTS report_issues(id INTEGER PRIMARY KEY, unit_id INTEGER NOT NULL REFERENCES units(id),"
    " period TEXT NOT NULL, docx BLOB NOT NULL, issued_by TEXT NOT NULL,"
    " issued_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')), UNIQUE(unit_id, period));";

int store_documents_schema(store *s, dv_err *e) {
  char *msg = NULL;
  if (sqlite3_exec(s->db, DOCUMENTS_SCHEMA, NULL, NULL, &msg) == SQLITE_OK) return 0;
  dv_fail(e, DV_EDB, 0, "", "lỗi cơ sở dữ liệu: %s", msg ? msg : "?");
  sqlite3_free(msg);
  return DV_EDB;
}

int store_report_doc_get(store *s, int64_t unit_id, const char *period_id, store_doc_row *out) {
  memset(out, 0, sizeof *out);
  sqlite3_stmt *st = store_prep(s, "SELECT id, data, updated_at, updated_by FROM report_docs WHERE unit_id=? AND period=?");
  if (!st) return -1;
  sqlite3_bind_int64(st, 1, unit_id);
  store_bind_text(st, 2, period_id);
  int found = sqlite3_step(st) == SQLITE_ROW;
  if (found) {
    out->id = sqlite3_column_int64(st, 0);
    out->data = store_col_dup(st, 1);
    store_col_copy(st, 2, out->updated_at, sizeof out->updated_at);
    store_col_copy(st, 3, out->updated_by, sizeof out->updated_by);
  }
  sqlite3_finalize(st);
  return found;
}

int store_report_doc_put(store *s, int64_t unit_id, const char *period_id, const char *data, const char *login,
                         int64_t *id, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "INSERT INTO report_docs(unit_id, period, data, updated_by) VALUES(?,?,?,?)"
                             " ON CONFLICT(unit_id, period) DO UPDATE SET data=excluded.data,"
                             " updated_by=excluded.updated_by, updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now')"
                             " RETURNING id");
  if (!st) return store_fail(s, e, "lưu văn bản");
  sqlite3_bind_int64(st, 1, unit_id);
  store_bind_text(st, 2, period_id);
  store_bind_text(st, 3, data);
  store_bind_text(st, 4, login);
  int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : store_fail(s, e, "lưu văn bản");
  if (!rc) *id = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return rc;
}

int store_report_doc_max_number(store *s, int64_t unit_id, const char *symbol, int year) {
  sqlite3_stmt *st = store_prep(s, "SELECT max(json_extract(data,'$.number')) FROM report_docs WHERE unit_id=?"
                             " AND json_extract(data,'$.symbol')=? AND substr(json_extract(data,'$.date'),1,4)=?");
  if (!st) return 0;
  char y[8];
  snprintf(y, sizeof y, "%04d", year);
  sqlite3_bind_int64(st, 1, unit_id);
  store_bind_text(st, 2, symbol);
  store_bind_text(st, 3, y);
  int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
  sqlite3_finalize(st);
  return n;
}

int store_report_issue_get(store *s, int64_t unit_id, const char *period_id, buf *docx, char *issued_at, size_t n) {
  sqlite3_stmt *st = store_prep(s, "SELECT docx, issued_at FROM report_issues WHERE unit_id=? AND period=?");
  if (!st) return -1;
  sqlite3_bind_int64(st, 1, unit_id);
  store_bind_text(st, 2, period_id);
  int found = sqlite3_step(st) == SQLITE_ROW;
  if (found && docx) buf_add(docx, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0));
  if (found && issued_at) store_col_copy(st, 1, issued_at, n);
  sqlite3_finalize(st);
  return found;
}

int store_report_issue_put(store *s, int64_t unit_id, const char *period_id, const buf *docx, const char *login,
                           int64_t *id, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "INSERT INTO report_issues(unit_id, period, docx, issued_by) VALUES(?,?,?,?)"
                             " ON CONFLICT(unit_id, period) DO UPDATE SET docx=excluded.docx,"
                             " issued_by=excluded.issued_by, issued_at=strftime('%Y-%m-%dT%H:%M:%SZ','now')"
                             " RETURNING id");
  if (!st) return store_fail(s, e, "ban hành văn bản");
  sqlite3_bind_int64(st, 1, unit_id);
  store_bind_text(st, 2, period_id);
  sqlite3_bind_blob(st, 3, docx->s, (int)docx->len, SQLITE_TRANSIENT);
  store_bind_text(st, 4, login);
  int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : store_fail(s, e, "ban hành văn bản");
  if (!rc) *id = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return rc;
}
