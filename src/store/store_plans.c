/* Plans in the database. A plan's blocks (sections, headings, items) keep
 * their print order in `seq`; targets and progress notes name their item
 * by number, so they survive a replacement of the plan's content. A lower
 * item links to its source by the source plan's id and the item's number,
 * with the text it took up (source_text). */
#include "store/store.h"
#include "store/store_int.h"
#include "util/buf.h"
#include "util/text.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *PLANS_SCHEMA =
    "CREATE TABLE IF NOT EXISTS plans(id INTEGER PRIMARY KEY, symbol TEXT NOT NULL,"
    " unit_id INTEGER NOT NULL REFERENCES units(id), day INTEGER NOT NULL, year INTEGER NOT NULL,"
    " title TEXT NOT NULL, basis TEXT, basis_id INTEGER REFERENCES plans(id), place TEXT, signer TEXT,"
    " recipients TEXT, preamble TEXT, issuer TEXT, created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    " updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')), UNIQUE(unit_id, symbol));"
    "CREATE INDEX IF NOT EXISTS plans_symbol ON plans(symbol);"
    "CREATE TABLE IF NOT EXISTS plan_sections(plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,"
    " seq INTEGER NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY(plan_id, seq));"
    "CREATE TABLE IF NOT EXISTS plan_items(id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plans(id)"
    " ON DELETE CASCADE, seq INTEGER NOT NULL, number TEXT NOT NULL, text TEXT NOT NULL, lead TEXT, partners TEXT,"
    " due TEXT, status TEXT NOT NULL DEFAULT 'not_started', source_plan_id INTEGER REFERENCES plans(id),"
    " source_number TEXT, source_text TEXT, UNIQUE(plan_id, number));"
    "CREATE INDEX IF NOT EXISTS plan_items_source ON plan_items(source_plan_id, source_number);"
    "CREATE TABLE IF NOT EXISTS plan_targets(plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,"
    " item TEXT NOT NULL, seq INTEGER NOT NULL, indicator TEXT NOT NULL, comparator TEXT NOT NULL,"
    " threshold REAL NOT NULL, area TEXT, min INTEGER, level INTEGER, unit TEXT, period TEXT,"
    " unit_types TEXT, base INTEGER, PRIMARY KEY(plan_id, item, seq));"
    "CREATE TABLE IF NOT EXISTS plan_progress(id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plans(id)"
    " ON DELETE CASCADE, item TEXT NOT NULL, day INTEGER NOT NULL, user_id INTEGER, login TEXT NOT NULL,"
    " status TEXT NOT NULL, note TEXT NOT NULL, evidence TEXT NOT NULL,"
    " at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
    "CREATE INDEX IF NOT EXISTS plan_progress_item ON plan_progress(plan_id, item);";

static void bind_id(sqlite3_stmt *st, int i, int64_t id) {
  if (id) sqlite3_bind_int64(st, i, id);
  else sqlite3_bind_null(st, i);
}

static const char *col(sqlite3_stmt *st, int i) { return (const char *)sqlite3_column_text(st, i); }

/* runs a prepared statement to its end */
static int done(store *s, sqlite3_stmt *st, dv_err *e, const char *what) {
  int rc = st && sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, e, what);
  sqlite3_finalize(st);
  return rc;
}

int store_plans_schema(store *s, dv_err *e) {
  char *msg = NULL;
  if (sqlite3_exec(s->db, PLANS_SCHEMA, NULL, NULL, &msg) != SQLITE_OK) {
    dv_fail(e, DV_EDB, 0, "", "lỗi cơ sở dữ liệu: %s", msg ? msg : "?");
    sqlite3_free(msg);
    return DV_EDB;
  }
  sqlite3_stmt *st = NULL; /* tables made before the plan's opening text had a column */
  if (sqlite3_prepare_v2(s->db, "SELECT preamble FROM plans", -1, &st, NULL) != SQLITE_OK)
    sqlite3_exec(s->db, "ALTER TABLE plans ADD COLUMN preamble TEXT", NULL, NULL, NULL);
  sqlite3_finalize(st);
  st = NULL; /* nor its issuer lines (issue 14) */
  if (sqlite3_prepare_v2(s->db, "SELECT issuer FROM plans", -1, &st, NULL) != SQLITE_OK)
    sqlite3_exec(s->db, "ALTER TABLE plans ADD COLUMN issuer TEXT", NULL, NULL, NULL);
  sqlite3_finalize(st);
  st = NULL; /* nor targets their unit types and base (issue 11) */
  if (sqlite3_prepare_v2(s->db, "SELECT unit_types, base FROM plan_targets", -1, &st, NULL) != SQLITE_OK &&
      (sqlite3_exec(s->db, "ALTER TABLE plan_targets ADD COLUMN unit_types TEXT", NULL, NULL, &msg) != SQLITE_OK ||
       sqlite3_exec(s->db, "ALTER TABLE plan_targets ADD COLUMN base INTEGER", NULL, NULL, &msg) != SQLITE_OK)) {
    sqlite3_finalize(st);
    dv_fail(e, DV_EDB, 0, "", "lỗi cơ sở dữ liệu: %s", msg ? msg : "?");
    sqlite3_free(msg);
    return DV_EDB;
  }
  sqlite3_finalize(st);
  return 0;
}

int store_plans_by_symbol(store *s, const char *symbol, int64_t *ids, int64_t *unit_ids, int max) {
  sqlite3_stmt *st = store_prep(s, "SELECT id, unit_id FROM plans WHERE symbol=? ORDER BY id");
  int n = 0;
  store_bind_text(st, 1, symbol);
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    if (n < max) ids[n] = sqlite3_column_int64(st, 0), unit_ids[n] = sqlite3_column_int64(st, 1);
    n++;
  }
  sqlite3_finalize(st);
  return n;
}

/* ---------------- writing ---------------- */

static char *joined(char *const *v, int n, const char *sep) {
  if (!n) return NULL;
  buf b;
  buf_init(&b, 0);
  for (int i = 0; i < n; i++) {
    if (i) buf_adds(&b, sep);
    buf_adds(&b, v[i]);
  }
  return buf_detach(&b, NULL);
}

static int save_header(store *s, int64_t *id, const plan_doc *p, int64_t unit_id, int64_t basis_id, dv_err *e) {
  char *signer = p->signer[0] ? joined(p->signer, 3, " | ") : NULL;
  char *recipients = joined(p->recipients, p->nrecipients, "\n");
  char *issuer = p->issuer[0] ? joined(p->issuer, p->issuer[1] ? 2 : 1, " | ") : NULL;
  sqlite3_stmt *st = store_prep(s, *id ? "UPDATE plans SET symbol=?1, unit_id=?2, day=?3, year=?4, title=?5, basis=?6,"
                                   " basis_id=?7, place=?8, signer=?9, recipients=?10, preamble=?12, issuer=?13,"
                                   " updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id=?11"
                                 : "INSERT INTO plans(symbol, unit_id, day, year, title, basis, basis_id, place, signer,"
                                   " recipients, preamble, issuer) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?12,?13)");
  store_bind_text(st, 1, p->symbol);
  sqlite3_bind_int64(st, 2, unit_id);
  sqlite3_bind_int(st, 3, p->day);
  sqlite3_bind_int(st, 4, p->year);
  store_bind_text(st, 5, p->title);
  store_bind_text(st, 6, *p->basis ? p->basis : NULL);
  bind_id(st, 7, basis_id);
  store_bind_text(st, 8, p->place);
  store_bind_text(st, 9, signer);
  store_bind_text(st, 10, recipients);
  if (*id) sqlite3_bind_int64(st, 11, *id);
  store_bind_text(st, 12, p->preamble);
  store_bind_text(st, 13, issuer);
  int rc = done(s, st, e, "plans");
  free(signer);
  free(issuer);
  free(recipients);
  if (!rc && !*id) *id = sqlite3_last_insert_rowid(s->db);
  return rc;
}

static int clear_content(store *s, int64_t id, dv_err *e) {
  static const char *sql[] = {"DELETE FROM plan_sections WHERE plan_id=?", "DELETE FROM plan_items WHERE plan_id=?",
                              "DELETE FROM plan_targets WHERE plan_id=?"};
  for (int i = 0; i < 3; i++) {
    sqlite3_stmt *st = store_prep(s, sql[i]);
    sqlite3_bind_int64(st, 1, id);
    if (done(s, st, e, "plans")) return DV_EDB;
  }
  return 0;
}

static int save_target(store *s, int64_t id, const char *number, int seq, const plan_target *t, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "INSERT INTO plan_targets(plan_id, item, seq, indicator, comparator, threshold, area, min,"
                             " level, unit, period, unit_types, base) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
  sqlite3_bind_int64(st, 1, id);
  store_bind_text(st, 2, number);
  sqlite3_bind_int(st, 3, seq);
  store_bind_text(st, 4, t->indicator);
  store_bind_text(st, 5, plan_cmp_name(t->cmp));
  sqlite3_bind_double(st, 6, t->threshold);
  store_bind_text(st, 7, *t->area ? t->area : NULL);
  if (t->min) sqlite3_bind_int(st, 8, t->min);
  if (t->level) sqlite3_bind_int(st, 9, t->level);
  store_bind_text(st, 10, *t->unit ? t->unit : NULL);
  store_bind_text(st, 11, *t->period ? t->period : NULL);
  store_bind_text(st, 12, *t->unit_types ? t->unit_types : NULL);
  if (t->base) sqlite3_bind_int(st, 13, t->base);
  return done(s, st, e, "plan_targets");
}

static int save_item(store *s, int64_t id, int seq, const plan_block *b, int64_t source_id, dv_err *e) {
  const plan_item *it = &b->item;
  char due[16];
  plan_due_format(&it->due, due, sizeof due);
  char *partners = joined(it->partners, it->npartners, ";");
  sqlite3_stmt *st = store_prep(s, "INSERT INTO plan_items(plan_id, seq, number, text, lead, partners, due, status,"
                             " source_plan_id, source_number, source_text) VALUES(?,?,?,?,?,?,?,?,?,?,?)");
  sqlite3_bind_int64(st, 1, id);
  sqlite3_bind_int(st, 2, seq);
  store_bind_text(st, 3, it->number);
  store_bind_text(st, 4, b->text);
  store_bind_text(st, 5, *it->lead ? it->lead : NULL);
  store_bind_text(st, 6, partners);
  store_bind_text(st, 7, *due ? due : NULL);
  store_bind_text(st, 8, plan_status_name(it->status));
  bind_id(st, 9, source_id);
  store_bind_text(st, 10, source_id ? it->source_number : NULL);
  store_bind_text(st, 11, source_id ? it->source_text : NULL);
  int rc = done(s, st, e, "plan_items");
  free(partners);
  for (int i = 0; !rc && i < it->ntargets; i++) rc = save_target(s, id, it->number, i, &it->targets[i], e);
  return rc;
}

int store_plan_save(store *s, int64_t *id, const plan_doc *p, int64_t unit_id, int64_t basis_id,
                    const int64_t *source_ids, dv_err *e) {
  int rc = (*id ? clear_content(s, *id, e) : 0) || save_header(s, id, p, unit_id, basis_id, e) ? DV_EDB : 0;
  for (int i = 0; !rc && i < p->nblocks; i++) {
    const plan_block *b = &p->blocks[i];
    if (b->kind == PLAN_ITEM) {
      rc = save_item(s, *id, i, b, source_ids[i], e);
      continue;
    }
    sqlite3_stmt *st = store_prep(s, "INSERT INTO plan_sections(plan_id, seq, kind, title, text) VALUES(?,?,?,?,?)");
    sqlite3_bind_int64(st, 1, *id);
    sqlite3_bind_int(st, 2, i);
    store_bind_text(st, 3, b->kind == PLAN_SECTION ? "section" : "heading");
    store_bind_text(st, 4, b->title);
    store_bind_text(st, 5, b->text);
    rc = done(s, st, e, "plan_sections");
  }
  return rc;
}

/* ---------------- reading ---------------- */

static char **split(const char *s, char sep, int *n) {
  char **v = NULL;
  *n = 0;
  if (!s || !*s) return NULL;
  for (const char *p = s;;) {
    const char *q = strchr(p, sep);
    v = xrealloc(v, sizeof(char *) * (size_t)(*n + 1));
    v[(*n)++] = q ? xstrndup(p, (size_t)(q - p)) : xstrdup(p);
    if (!q) return v;
    p = q + 1;
  }
}

static int load_header(store *s, int64_t id, plan_doc *out, int64_t *unit_id) {
  sqlite3_stmt *st = store_prep(s, "SELECT p.symbol, u.code, p.day, p.year, p.title, p.basis, p.place, p.signer, p.recipients,"
                             " p.unit_id, p.preamble, p.issuer FROM plans p JOIN units u ON u.id=p.unit_id WHERE p.id=?");
  sqlite3_bind_int64(st, 1, id);
  int rc = DV_ENOTFOUND;
  if (st && sqlite3_step(st) == SQLITE_ROW) {
    store_col_copy(st, 0, out->symbol, sizeof out->symbol);
    store_col_copy(st, 1, out->unit, sizeof out->unit);
    out->day = sqlite3_column_int(st, 2);
    out->year = sqlite3_column_int(st, 3);
    out->title = store_col_dup(st, 4);
    store_col_copy(st, 5, out->basis, sizeof out->basis);
    out->place = store_col_dup(st, 6);
    int n;
    char **signer = split(col(st, 7), '|', &n);
    for (int i = 0; i < n; i++) {
      if (i < 3) out->signer[i] = xstrdup(text_trim(signer[i]));
      free(signer[i]);
    }
    free(signer);
    out->recipients = split(col(st, 8), '\n', &out->nrecipients);
    if (unit_id) *unit_id = sqlite3_column_int64(st, 9);
    out->preamble = store_col_dup(st, 10);
    char **issuer = split(col(st, 11), '|', &n);
    for (int i = 0; i < n; i++) {
      if (i < 2) out->issuer[i] = xstrdup(text_trim(issuer[i]));
      free(issuer[i]);
    }
    free(issuer);
    rc = 0;
  }
  sqlite3_finalize(st);
  return rc;
}

static plan_block *add_block(plan_doc *p) {
  p->blocks = xrealloc(p->blocks, sizeof(plan_block) * (size_t)(p->nblocks + 1));
  plan_block *b = &p->blocks[p->nblocks++];
  memset(b, 0, sizeof *b);
  return b;
}

static void load_targets(store *s, int64_t id, plan_doc *out) {
  sqlite3_stmt *st = store_prep(s, "SELECT item, indicator, comparator, threshold, area, min, level, unit, period,"
                             " unit_types, base FROM plan_targets WHERE plan_id=? ORDER BY item, seq");
  sqlite3_bind_int64(st, 1, id);
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    plan_block *b = plan_find_item(out, col(st, 0));
    if (!b) continue;
    plan_item *it = &b->item;
    it->targets = xrealloc(it->targets, sizeof(plan_target) * (size_t)(it->ntargets + 1));
    plan_target *t = &it->targets[it->ntargets++];
    memset(t, 0, sizeof *t);
    store_col_copy(st, 1, t->indicator, sizeof t->indicator);
    plan_cmp_parse(col(st, 2), &t->cmp);
    t->threshold = sqlite3_column_double(st, 3);
    store_col_copy(st, 4, t->area, sizeof t->area);
    t->min = sqlite3_column_int(st, 5);
    t->level = sqlite3_column_int(st, 6);
    store_col_copy(st, 7, t->unit, sizeof t->unit);
    store_col_copy(st, 8, t->period, sizeof t->period);
    store_col_copy(st, 9, t->unit_types, sizeof t->unit_types);
    t->base = sqlite3_column_int(st, 10);
  }
  sqlite3_finalize(st);
}

int store_plan_load(store *s, int64_t id, plan_doc *out, int64_t *unit_id) {
  plan_doc_init(out);
  if (load_header(s, id, out, unit_id)) return DV_ENOTFOUND;
  /* sections, headings and items in print order */
  sqlite3_stmt *st = store_prep(s, "SELECT seq, kind, title, text, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
                             " FROM plan_sections WHERE plan_id=?1 UNION ALL"
                             " SELECT i.seq, 'item', i.number, i.text, i.lead, i.partners, i.due, i.status,"
                             " sp.symbol, i.source_number, i.source_text FROM plan_items i"
                             " LEFT JOIN plans sp ON sp.id=i.source_plan_id WHERE i.plan_id=?1 ORDER BY 1");
  sqlite3_bind_int64(st, 1, id);
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    plan_block *b = add_block(out);
    const char *kind = col(st, 1);
    b->text = store_col_dup(st, 3);
    if (strcmp(kind, "item")) {
      b->kind = strcmp(kind, "section") ? PLAN_HEADING : PLAN_SECTION;
      b->title = store_col_dup(st, 2);
      continue;
    }
    plan_item *it = &b->item;
    b->kind = PLAN_ITEM;
    store_col_copy(st, 2, it->number, sizeof it->number);
    store_col_copy(st, 4, it->lead, sizeof it->lead);
    it->partners = split(col(st, 5), ';', &it->npartners);
    if (col(st, 6)) plan_due_parse(col(st, 6), &it->due);
    plan_status_parse(col(st, 7), &it->status);
    store_col_copy(st, 8, it->source_plan, sizeof it->source_plan);
    store_col_copy(st, 9, it->source_number, sizeof it->source_number);
    it->source_text = store_col_dup(st, 10);
  }
  sqlite3_finalize(st);
  load_targets(s, id, out);
  return 0;
}

int store_plan_list(store *s, plan_info **rows, int *n) {
  sqlite3_stmt *st = store_prep(s, "SELECT p.id, p.symbol, u.code, COALESCE(p.basis, ''), COALESCE(bu.code, ''), p.day, p.year,"
                             " p.title, (SELECT count(*) FROM plan_items WHERE plan_id=p.id),"
                             " (SELECT count(*) FROM plan_items WHERE plan_id=p.id AND status='done'),"
                             " (SELECT count(*) FROM plan_targets WHERE plan_id=p.id), p.unit_id"
                             " FROM plans p JOIN units u ON u.id=p.unit_id LEFT JOIN plans b ON b.id=p.basis_id"
                             " LEFT JOIN units bu ON bu.id=b.unit_id ORDER BY p.year DESC, u.code, p.symbol");
  *rows = NULL;
  *n = 0;
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    *rows = xrealloc(*rows, sizeof(plan_info) * (size_t)(*n + 1));
    plan_info *r = &(*rows)[(*n)++];
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    store_col_copy(st, 1, r->symbol, sizeof r->symbol);
    store_col_copy(st, 2, r->unit, sizeof r->unit);
    store_col_copy(st, 3, r->basis, sizeof r->basis);
    store_col_copy(st, 4, r->basis_unit, sizeof r->basis_unit);
    date_format_iso(sqlite3_column_int(st, 5), r->date);
    r->year = sqlite3_column_int(st, 6);
    r->title = store_col_dup(st, 7);
    r->items = sqlite3_column_int(st, 8);
    r->done = sqlite3_column_int(st, 9);
    r->targets = sqlite3_column_int(st, 10);
    r->unit_id = sqlite3_column_int64(st, 11);
  }
  sqlite3_finalize(st);
  return 0;
}

int64_t store_plan_basis_id(store *s, int64_t id) {
  sqlite3_stmt *st = store_prep(s, "SELECT COALESCE(basis_id, 0) FROM plans WHERE id=?");
  sqlite3_bind_int64(st, 1, id);
  int64_t v = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
  sqlite3_finalize(st);
  return v;
}

int store_plan_items_scan(store *s, int64_t plan_id, plan_item_cb cb, void *ctx) {
  sqlite3_stmt *st = store_prep(s, "SELECT i.plan_id, p.year, i.number, COALESCE(i.due, ''), i.status FROM plan_items i"
                             " JOIN plans p ON p.id=i.plan_id WHERE ?1 = 0 OR i.plan_id=?1 ORDER BY i.plan_id, i.seq");
  sqlite3_bind_int64(st, 1, plan_id);
  while (st && sqlite3_step(st) == SQLITE_ROW)
    cb(ctx, sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1), col(st, 2), col(st, 3), col(st, 4));
  sqlite3_finalize(st);
  return 0;
}

int store_plan_takers(store *s, int64_t plan_id, plan_taker_cb cb, void *ctx) {
  sqlite3_stmt *st = store_prep(s, "SELECT p.id, p.symbol, p.unit_id, p.year, i.number, COALESCE(i.due, ''), i.status,"
                             " i.source_number, COALESCE(i.source_text, '') FROM plan_items i"
                             " JOIN plans p ON p.id=i.plan_id WHERE i.source_plan_id=? ORDER BY p.unit_id, p.id, i.seq");
  sqlite3_bind_int64(st, 1, plan_id);
  while (st && sqlite3_step(st) == SQLITE_ROW)
    cb(ctx, sqlite3_column_int64(st, 0), col(st, 1), sqlite3_column_int64(st, 2), sqlite3_column_int(st, 3),
       col(st, 4), col(st, 5), col(st, 6), col(st, 7), col(st, 8));
  sqlite3_finalize(st);
  return 0;
}

int store_plan_sources(store *s, int64_t plan_id, plan_source_cb cb, void *ctx) {
  sqlite3_stmt *st = store_prep(s, "SELECT i.number, i.source_plan_id, sp.symbol, sp.unit_id, i.source_number,"
                             " COALESCE(i.source_text, ''), si.text FROM plan_items i"
                             " JOIN plans sp ON sp.id=i.source_plan_id"
                             " LEFT JOIN plan_items si ON si.plan_id=i.source_plan_id AND si.number=i.source_number"
                             " WHERE i.plan_id=? ORDER BY i.seq");
  sqlite3_bind_int64(st, 1, plan_id);
  while (st && sqlite3_step(st) == SQLITE_ROW)
    cb(ctx, col(st, 0), sqlite3_column_int64(st, 1), col(st, 2), sqlite3_column_int64(st, 3), col(st, 4), col(st, 5),
       col(st, 6));
  sqlite3_finalize(st);
  return 0;
}

int store_plan_item_text(store *s, int64_t plan_id, const char *number, char **text) {
  sqlite3_stmt *st = store_prep(s, "SELECT text FROM plan_items WHERE plan_id=? AND number=?");
  sqlite3_bind_int64(st, 1, plan_id);
  store_bind_text(st, 2, number);
  int rc = DV_ENOTFOUND;
  *text = NULL;
  if (st && sqlite3_step(st) == SQLITE_ROW) {
    *text = store_col_dup(st, 0);
    rc = 0;
  }
  sqlite3_finalize(st);
  return rc;
}

int store_plan_item_status(store *s, int64_t plan_id, const char *number, const char *status, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "UPDATE plan_items SET status=? WHERE plan_id=? AND number=?");
  store_bind_text(st, 1, status);
  sqlite3_bind_int64(st, 2, plan_id);
  store_bind_text(st, 3, number);
  return done(s, st, e, "plan_items");
}

int store_plan_item_ack(store *s, int64_t plan_id, const char *number, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "UPDATE plan_items SET source_text=(SELECT si.text FROM plan_items si"
                             " WHERE si.plan_id=plan_items.source_plan_id AND si.number=plan_items.source_number)"
                             " WHERE plan_id=? AND number=?");
  sqlite3_bind_int64(st, 1, plan_id);
  store_bind_text(st, 2, number);
  return done(s, st, e, "plan_items");
}

int store_plan_note_add(store *s, int64_t plan_id, const char *number, int day, int64_t user_id, const char *login,
                        const char *status, const char *note, const char *evidence, dv_err *e) {
  sqlite3_stmt *st = store_prep(s, "INSERT INTO plan_progress(plan_id, item, day, user_id, login, status, note, evidence)"
                             " VALUES(?,?,?,?,?,?,?,?)");
  sqlite3_bind_int64(st, 1, plan_id);
  store_bind_text(st, 2, number);
  sqlite3_bind_int(st, 3, day);
  bind_id(st, 4, user_id);
  store_bind_text(st, 5, login);
  store_bind_text(st, 6, status);
  store_bind_text(st, 7, note ? note : "");
  store_bind_text(st, 8, evidence ? evidence : "");
  return done(s, st, e, "plan_progress");
}

int store_plan_notes(store *s, int64_t plan_id, const char *number, plan_note **rows, int *n) {
  sqlite3_stmt *st = store_prep(s, "SELECT day, login, status, note, evidence, at FROM plan_progress"
                             " WHERE plan_id=? AND item=? ORDER BY id");
  sqlite3_bind_int64(st, 1, plan_id);
  store_bind_text(st, 2, number);
  *rows = NULL;
  *n = 0;
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    *rows = xrealloc(*rows, sizeof(plan_note) * (size_t)(*n + 1));
    plan_note *r = &(*rows)[(*n)++];
    memset(r, 0, sizeof *r);
    date_format_iso(sqlite3_column_int(st, 0), r->date);
    store_col_copy(st, 1, r->login, sizeof r->login);
    store_col_copy(st, 2, r->status, sizeof r->status);
    r->note = store_col_dup(st, 3);
    r->evidence = store_col_dup(st, 4);
    store_col_copy(st, 5, r->at, sizeof r->at);
  }
  sqlite3_finalize(st);
  return 0;
}
