/* The register engine: every register declared in registers/NAME.reg gets
 * validation, storage, audit, live counting into the cube, list, CSV import
 * and export from this one file. */
#include "app/app_internal.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/embedded.h"
#include "util/esc.h"
#include "util/text.h"
#include "core/sniff.h"
#include <jansson.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CONTRIBS 32

/* ---------------- definitions ---------------- */

/* a register refers to one that exists, and itemises fields it has */
static int registers_link(app *a, dv_err *e) {
  for (int i = 0; i < a->nregs; i++) {
    const reg_def *r = &a->regs[i], *t = r->ref_register ? app_register(a, r->ref_register) : NULL;
    if (r->ref_register && !t) return dv_fail(e, DV_EINVAL, 0, "", "register %s: ref to no register %s", r->code, r->ref_register);
    int named = 0, found = 0;
    for (const char *p = r->ref_replaces; p && *p; p++) named += *p == ',';
    for (int k = 0; t && r->ref_replaces && k < t->nfields; k++)
      if (reg_replaces(r, t->fields[k].name)) {
        if (t->fields[k].type != FT_INT || t->fields[k].required)
          return dv_fail(e, DV_EINVAL, 0, "", "register %s: replaces %s, not an optional number", r->code,
                         t->fields[k].name);
        found++;
      }
    if (r->ref_replaces && found != named + 1)
      return dv_fail(e, DV_EINVAL, 0, "", "register %s: replaces %s, not all fields of %s", r->code, r->ref_replaces,
                     r->ref_register);
  }
  return 0;
}

int app_registers_load(app *a, dv_err *e) {
  char err[300];
  for (const embedded_file *f = embedded_files; f->name; f++) {
    size_t n = strlen(f->name);
    if (n < 4 || strcmp(f->name + n - 4, ".reg") != 0) continue;
    a->regs = xrealloc(a->regs, sizeof(reg_def) * (size_t)(a->nregs + 1));
    if (reg_parse(&a->regs[a->nregs], &a->cat, f->data, err, sizeof err))
      return dv_fail(e, DV_EINVAL, 0, "", "%s: %s", f->name, err);
    a->nregs++;
  }
  return registers_link(a, e);
}

void app_registers_release(app *a) {
  for (int i = 0; i < a->nregs; i++) reg_release(&a->regs[i]);
  free(a->regs);
  a->regs = NULL;
  a->nregs = 0;
}

int app_register_count(app *a) { return a->nregs; }
const reg_def *app_register_at(app *a, int i) { return i >= 0 && i < a->nregs ? &a->regs[i] : NULL; }
const reg_def *app_register(app *a, const char *code) {
  for (int i = 0; code && i < a->nregs; i++)
    if (!strcmp(a->regs[i].code, code)) return &a->regs[i];
  return NULL;
}

void record_release(record *r) {
  for (int i = 0; i < REG_MAX_FIELDS; i++) free(r->values[i]);
  memset(r, 0, sizeof *r);
}

void records_free(record *rows, int n) {
  for (int i = 0; i < n; i++) record_release(&rows[i]);
  free(rows);
}

/* ---------------- values <-> JSON ---------------- */

static int unit_field(const reg_def *r) {
  for (int i = 0; i < r->nfields; i++)
    if (r->fields[i].type == FT_UNIT) return i;
  return -1;
}

/* fills out[i] (malloc'd, "" if absent) from a JSON object */
static void values_from_json(const reg_def *r, const char *data, int which, char **out) {
  json_t *o = data ? json_loads(data, 0, NULL) : NULL;
  for (int i = 0; i < r->nfields; i++) {
    if (r->fields[i].type == FT_UNIT || r->fields[i].private_ != which) continue;
    const char *s = o ? json_string_value(json_object_get(o, r->fields[i].name)) : NULL;
    free(out[i]);
    out[i] = xstrdup(s ? s : "");
  }
  json_decref(o);
}

static void add_line(buf *raw, const char *s) {
  buf_adds(raw, s);
  buf_addc(raw, '\n');
}

/* the folded search text, one a line, into out: the searchable public
 * fields, then the names of the record's unit (at pos) and of the units it
 * names, so "hai phong" finds the records of "Thành phố Hải Phòng"; raw is
 * scratch space. Bump FOLD_VERSION when what goes in changes. */
#define FOLD_VERSION "3"
static void search_fold(app *a, buf *out, buf *raw, const reg_def *r, const char *const *v, int pos) {
  buf_reset(raw);
  buf_reset(out);
  for (int i = 0; i < r->nfields; i++)
    if (r->fields[i].search && !r->fields[i].private_) add_line(raw, v[i]);
  for (int i = 0; i < r->nfields; i++) {
    field_type ty = r->fields[i].type;
    int up = ty == FT_UNIT ? pos : ty == FT_UNITREF && *v[i] ? app_record_unitref_pos(a, r, v, i) : -1;
    if (up < 0 || up >= a->t.n) continue;
    add_line(raw, a->t.u[up].name);
    if (a->t.u[up].short_name && *a->t.u[up].short_name) add_line(raw, a->t.u[up].short_name);
  }
  if (text_fold_append(out, raw->s)) buf_reset(out);
}

/* What writing a record of a register needs besides the record: the JSON
 * keys of its fields ("name":, escaped once) and buffers, reused by an
 * import for every record. */
typedef struct record_bufs {
  buf data, priv, fold, raw;
  buf keys;
  size_t key_at[REG_MAX_FIELDS], key_len[REG_MAX_FIELDS];
} record_bufs;

static void record_bufs_init(record_bufs *w, const reg_def *r) {
  buf_init(&w->data, 0);
  buf_init(&w->priv, 0);
  buf_init(&w->fold, 0);
  buf_init(&w->raw, 0);
  buf_init(&w->keys, 0);
  for (int i = 0; i < r->nfields; i++) {
    w->key_at[i] = w->keys.len;
    esc_json(&w->keys, r->fields[i].name);
    buf_addc(&w->keys, ':');
    w->key_len[i] = w->keys.len - w->key_at[i];
  }
}

static void record_bufs_release(record_bufs *w) {
  buf_release(&w->data);
  buf_release(&w->priv);
  buf_release(&w->fold);
  buf_release(&w->raw);
  buf_release(&w->keys);
}

/* The stored JSON of the public (which = 0) or private (which = 1) fields,
 * written into b (emptied first). Returns 0 when a private object would be
 * empty. */
static int values_json(buf *b, const record_bufs *w, const reg_def *r, const char *const *v, int which) {
  buf_reset(b);
  buf_addc(b, '{');
  for (int i = 0; i < r->nfields; i++) {
    const reg_field *f = &r->fields[i];
    if (f->type == FT_UNIT || f->private_ != which || (which && !*v[i])) continue;
    if (b->len > 1) buf_addc(b, ',');
    buf_add(b, w->keys.s + w->key_at[i], w->key_len[i]);
    esc_json(b, v[i]);
  }
  buf_addc(b, '}');
  return !which || b->len > 2;
}

/* ---------------- counting ---------------- */

static void days_of(app *a, const reg_def *r, const char *const *v, int *days, int *period_day) {
  for (int i = 0; i < r->nfields; i++) {
    days[i] = -1;
    if (r->fields[i].type == FT_DATE && *v[i]) date_parse(v[i], &days[i]);
    if (r->fields[i].type == FT_YEAR && *v[i]) days[i] = date_from_ymd(atoi(v[i]), 1, 1); /* counts from 1 January */
  }
  *period_day = -1;
  period p;
  int last;
  /* the calendar start of the period lies inside its window under any
   * cut-off day, so the stored day stays right if the setting changes */
  if (r->period_field >= 0 && *v[r->period_field] && period_parse(v[r->period_field], &p) == 0)
    period_window(&p, NULL, period_day, &last);
}

/* the day that places a record in periods, -1 if it has none (yet) */
static int record_day(app *a, const reg_def *r, const char *const *v) {
  int days[REG_MAX_FIELDS], day;
  days_of(a, r, v, days, &day);
  if (day < 0 && r->date_field >= 0) day = days[r->date_field];
  return day;
}

/* the day of the records table's column `day`: the one that places the
 * record in periods, 0 if it has none */
static int stored_day(app *a, const reg_def *r, const char *const *v) {
  int days[REG_MAX_FIELDS], day;
  days_of(a, r, v, days, &day);
  if (day < 0) day = r->date_field >= 0 ? days[r->date_field] : 0;
  return day;
}

/* ---------------- the list index (core/recindex.h) ---------------- */

typedef struct key_ctx {
  app *a;
  recindex *x;
  int64_t unit_id; /* the last row's unit and its position: the scan runs by unit */
  int pos;
} key_ctx;

static void key_one(void *ctx, int64_t id, int64_t unit_id, int day) {
  key_ctx *k = ctx;
  if (unit_id != k->unit_id) k->unit_id = unit_id, k->pos = tree_find_id(&k->a->t, unit_id);
  if (k->pos >= 0) recindex_append(k->x, day, id, k->pos); /* in unit order: sorted at the end */
}

void app_recindex_load(app *a, store *s) {
  a->rix = xcalloc((size_t)(a->nregs ? a->nregs : 1), sizeof *a->rix);
  for (int i = 0; i < a->nregs; i++) {
    key_ctx k = {a, &a->rix[i], 0, -1};
    dv_err e;
    if (store_record_keys(s, a->regs[i].code, key_one, &k, &e)) a->rix[i].unusable = 1;
    recindex_sort(&a->rix[i]);
  }
}

void app_recindex_release(app *a) {
  for (int i = 0; a->rix && i < a->nregs; i++) recindex_release(&a->rix[i]);
  free(a->rix);
  a->rix = NULL;
}

static recindex *rix_of(app *a, const reg_def *r) {
  long i = r - a->regs;
  return a->rix && i >= 0 && i < a->nregs ? &a->rix[i] : NULL;
}

/* a record written (sign +1) or taken away (-1), under the write lock */
static void index_record(app *a, const reg_def *r, int pos, int64_t id, const char *const *v, int sign) {
  recindex *x = rix_of(a, r);
  if (!x || pos < 0) return;
  int day = stored_day(a, r, v);
  if (sign > 0) recindex_add(x, day, id, pos);
  else if (recindex_remove(x, day, id)) x->unusable = 1; /* not where it should be: the store answers from now on */
}

/* Combo codes ("dinh_ky.cap_uy") and their catalog index, remembered while
 * many records are counted (an import, the count at start-up): the catalog
 * itself compares the code with every combo it holds. Indexes never change
 * once given, so a remembered one stays right. */
#define COMBO_SLOTS 256
typedef struct combo_memo {
  uint32_t hash; /* 0 = empty */
  int idx;
  char code[sizeof ((reg_contrib *)0)->combo];
} combo_memo;

static combo_memo *combo_memo_new(void) { return xcalloc(COMBO_SLOTS, sizeof(combo_memo)); }

/* caller holds the write lock; memo may be NULL */
static int combo_index(app *a, combo_memo *memo, const char *code) {
  if (!memo) return catalog_intern_combo(&a->cat, code);
  uint32_t h = 2166136261u;
  for (const unsigned char *p = (const unsigned char *)code; *p; p++) h = (h ^ *p) * 16777619u;
  h |= 1;
  for (unsigned k = 0, i = h % COMBO_SLOTS; k < COMBO_SLOTS; k++, i = (i + 1) % COMBO_SLOTS) {
    combo_memo *m = &memo[i];
    if (m->hash == h && !strcmp(m->code, code)) return m->idx;
    if (!m->hash) {
      m->idx = catalog_intern_combo(&a->cat, code);
      if (strlen(code) < sizeof m->code) {
        memcpy(m->code, code, strlen(code) + 1);
        m->hash = h;
      }
      return m->idx;
    }
  }
  return catalog_intern_combo(&a->cat, code); /* full */
}

/* adds (sign +1) or removes (-1) a record's contributions; caller holds the write lock */
static void count_record(app *a, const reg_def *r, int pos, const char *const *v, int sign, combo_memo *memo) {
  int days[REG_MAX_FIELDS], pday;
  reg_contrib c[MAX_CONTRIBS];
  days_of(a, r, v, days, &pday);
  int n = reg_contributions(r, v, days, pday, c, MAX_CONTRIBS);
  for (int i = 0; i < n; i++) {
    int co = combo_index(a, memo, c[i].combo); /* under the write lock */
    period ps[PERIODS_PER_DAY];
    int np = period_of_day(c[i].day, &a->cfg, ps);
    for (int k = 0; k < np; k++)
      cube_record_add(&a->c, cube_key(c[i].element, co, period_key(&ps[k])), pos, sign * c[i].value, sign);
  }
}

/* Counting reads only the short fields rules can use (dates, codes,
 * numbers): titles and summaries stay in the database. */
static int countable(const reg_field *f) {
  return !f->private_ && f->type != FT_UNIT && f->type != FT_TEXT && f->type != FT_LONGTEXT && f->type != FT_SYMBOL &&
         f->type != FT_LOGIN && f->type != FT_UNITREF;
}

typedef struct scan_ctx {
  app *a;
  const reg_def *r;
  int idx[REG_MAX_FIELDS]; /* field -> column of the scan, or -1 */
  combo_memo *memo;
} scan_ctx;

static void scan_one(void *ctx, int64_t unit_id, const char *const *vals) {
  scan_ctx *sc = ctx;
  const char *v[REG_MAX_FIELDS];
  int pos = tree_find_id(&sc->a->t, unit_id);
  for (int i = 0; i < sc->r->nfields; i++) v[i] = sc->idx[i] >= 0 ? vals[sc->idx[i]] : "";
  if (pos >= 0) count_record(sc->a, sc->r, pos, v, +1, sc->memo);
}

int app_registers_count_all(app *a, store *s, dv_err *e) {
  combo_memo *memo = combo_memo_new();
  int rc = 0;
  for (int i = 0; !rc && i < a->nregs; i++) {
    const reg_def *r = &a->regs[i];
    scan_ctx sc = {a, r, {0}, memo};
    const char *names[REG_MAX_FIELDS];
    int n = 0;
    for (int f = 0; f < r->nfields; f++) {
      sc.idx[f] = countable(&r->fields[f]) ? n : -1;
      if (sc.idx[f] >= 0) names[n++] = r->fields[f].name;
    }
    rc = r->nrules ? store_records_scan_fields(s, r->code, names, n, scan_one, &sc, e) : 0;
  }
  free(memo);
  return rc;
}

/* ---------------- validation ---------------- */

static int is_count(const char *s) {
  if (!*s || strlen(s) > 9) return 0;
  for (; *s; s++)
    if (*s < '0' || *s > '9') return 0;
  return 1;
}

/* 12345 -> "12.345" */
static void thousands(size_t n, char out[24]) {
  char d[24];
  int k = snprintf(d, sizeof d, "%zu", n), o = 0;
  for (int i = 0; i < k; i++) {
    if (i && (k - i) % 3 == 0) out[o++] = '.';
    out[o++] = d[i];
  }
  out[o] = 0;
}

static int has_control(const char *s, int allow_newline) {
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c < 0x20 && !(allow_newline && (c == '\n' || c == '\r' || c == '\t'))) return 1;
  }
  return 0;
}

static int set_valid(const reg_field *f, const char *s) {
  char *copy = xstrdup(s), *save = NULL;
  int ok = 1, seen[64] = {0};
  for (char *t = strtok_r(copy, ";", &save); ok && t; t = strtok_r(NULL, ";", &save)) {
    int k = reg_option_index(f, t);
    ok = k >= 0 && k < 64 && !seen[k];
    if (ok) seen[k] = 1;
  }
  free(copy);
  return ok && s[strlen(s) - 1] != ';' && s[0] != ';';
}

#define FAIL(fmt, ...) dv_fail(e, DV_EINVAL, line, f->name, "trường \"%s\" (%s): " fmt, f->name, f->label, ##__VA_ARGS__)

/* Unit codes and their positions, remembered over an import: the tree
 * finds a code by a binary search of string compares, about 14 a record.
 * Short codes (all of the official ones) are kept in the slot, so a hit
 * reads one slot. Positions do not move while the import holds the write
 * lock. */
typedef struct unit_slot {
  uint32_t hash; /* 0 = empty */
  int32_t pos;
  char code[8];  /* "" when the code is longer: compared in the tree */
} unit_slot;

typedef struct unit_memo {
  unit_slot *slot;
  unsigned mask;
} unit_memo;

static void unit_memo_init(unit_memo *m, int nunits) {
  unsigned cap = 1024;
  while (cap < 2u * (unsigned)nunits) cap *= 2;
  m->slot = xcalloc(cap, sizeof *m->slot);
  m->mask = cap - 1;
}

static void unit_memo_release(unit_memo *m) {
  free(m->slot);
  memset(m, 0, sizeof *m);
}

/* the unit of a code on the record's day (day < 0: the newest), through the
 * memo when there is one; a remembered unit serves the days it is valid */
static int unit_lookup(app *a, unit_memo *m, const char *code, int day) {
  if (!m) return app_unit_pos_on(a, code, day);
  uint32_t h = 2166136261u;
  size_t n = 0;
  for (; code[n]; n++) h = (h ^ (unsigned char)code[n]) * 16777619u;
  h |= 1;
  unsigned i = h & m->mask;
  for (; m->slot[i].hash; i = (i + 1) & m->mask) {
    unit_slot *sl = &m->slot[i];
    if (sl->hash == h && (n < sizeof sl->code ? !memcmp(sl->code, code, n + 1) : !strcmp(a->t.u[sl->pos].code, code))) {
      if (day < 0 ? a->t.u[sl->pos].valid_to == 0 : unit_valid_on(&a->t.u[sl->pos], day)) return sl->pos;
      break; /* the code's other unit: looked up and remembered instead */
    }
  }
  int pos = app_unit_pos_on(a, code, day);
  if (pos >= 0) { /* at most every unit: the table stays half empty */
    m->slot[i].hash = h;
    m->slot[i].pos = pos;
    if (n < sizeof m->slot[i].code) memcpy(m->slot[i].code, code, n + 1);
  }
  return pos;
}

/* a unit field's code on the record's day: refused, saying why, when no
 * unit of that code was valid then ("đơn vị 164 không còn từ 01/07/2025") */
static int check_unit_code(app *a, unit_memo *units, const reg_field *f, const char *v, int day, int line, int *pos,
                           dv_err *e) {
  *pos = unit_lookup(a, units, v, day);
  if (*pos >= 0) return 0;
  dv_err why;
  app_unit_resolve(a, v, day, pos, &why);
  return dv_fail(e, DV_EINVAL, line, f->name, "trường \"%s\" (%s): %s", f->name, f->label, why.msg);
}

/* one field, already NFC and trimmed; units: the import's memo, or NULL;
 * day: the record's (unit codes resolve on it), -1 if none */
static int check_field(app *a, const user *u, const reg_def *r, const reg_field *f, const char *v, const char *const *all,
                       int line, unit_memo *units, int day_of_record, dv_err *e) {
  if (!*v) return f->required ? FAIL("bắt buộc nhập") : 0;
  size_t max = (size_t)reg_field_max_chars(f), len = max ? text_chars(v) : 0;
  if (len > max) {
    char got[24], lim[24];
    thousands(len, got);
    thousands(max, lim);
    return FAIL("quá dài: %s ký tự, tối đa %s ký tự", got, lim);
  }
  int day;
  period p;
  char kind[32];
  switch (f->type) {
  case FT_DATE: return date_parse(v, &day) ? FAIL("ngày không hợp lệ \"%s\" (YYYY-MM-DD)", v) : 0;
  case FT_UNIT: {
    int pos, any = unit_lookup(a, units, v, -1);
    /* a unit outside the writer's area is refused as such, whatever its dates */
    if (any >= 0 && !app_can_write(a, u, any) && (pos = unit_lookup(a, units, v, day_of_record)) < 0) pos = any;
    else if (check_unit_code(a, units, f, v, day_of_record, line, &pos, e)) return e->code;
    return app_can_write(a, u, pos) ? 0 : dv_fail(e, DV_EFORBIDDEN, line, f->name, "không có quyền ghi cho đơn vị %s", v);
  }
  case FT_ENUM: return reg_option_index(f, v) < 0 ? FAIL("giá trị không hợp lệ \"%s\"", v) : 0;
  case FT_SET: return set_valid(f, v) ? 0 : FAIL("giá trị không hợp lệ \"%s\" (các mã cách nhau bởi ;)", v);
  case FT_TEXT:
  case FT_LONGTEXT: return has_control(v, 1) ? FAIL("có ký tự điều khiển") : 0;
  case FT_INT: return is_count(v) ? 0 : FAIL("phải là số nguyên không âm, không phải \"%s\"", v);
  case FT_YESNO: return strcmp(v, "yes") && strcmp(v, "no") ? FAIL("chỉ nhận yes hoặc no, không phải \"%s\"", v) : 0;
  case FT_PERIOD: return period_parse(v, &p) ? FAIL("kỳ báo cáo không hợp lệ \"%s\"", v) : 0;
  case FT_LOGIN: return has_control(v, 0) ? FAIL("tài khoản không hợp lệ") : 0;
  case FT_UNITREF: {
    int pos;
    return check_unit_code(a, units, f, v, day_of_record, line, &pos, e) ? e->code : 0;
  }
  case FT_YEAR: return strlen(v) != 4 || !is_count(v) || atoi(v) < 1900 ? FAIL("năm không hợp lệ \"%s\"", v) : 0;
  case FT_SYMBOL:
    if (symbol_parse(v, kind, sizeof kind)) return FAIL("số, ký hiệu phải có dạng 08-NQ/TU, không phải \"%s\"", v);
    if (r->kind_field >= 0 && *all[r->kind_field] && strcmp(kind, all[r->kind_field]))
      return FAIL("loại văn bản trong ký hiệu (%s) khác loại đã chọn (%s)", kind, all[r->kind_field]);
    return 0;
  }
  return 0;
}

static int compare(const reg_field *f, const char *x, const char *y) {
  if (f->type == FT_INT) return atoll(x) < atoll(y) ? -1 : atoll(x) > atoll(y);
  return strcmp(x, y); /* ISO dates order as strings */
}

/* the records of register r of the unit on that day (r's own date), or
 * whose field `field` holds `value`; NULL rows if none or on error */
static int records_of(app *a, const reg_def *r, const char *unit, int day, const char *field, const char *value,
                      record **rows) {
  *rows = NULL;
  int pos = app_unit_pos_on(a, unit, day), n = 0, total = 0;
  if (pos < 0) return 0;
  record_query q = {r->code, a->t.u[pos].id, field ? -2000000000 : day, field ? 2000000000 : day, NULL, field, value,
                    0, 0, 1, 0, NULL};
  dv_err e;
  if (app_record_rows(a, NULL, r, &q, rows, &n, &total, &e)) return 0;
  return n;
}

/* the first of the fields itemised by `by` that the record fills, or -1 */
static int itemised_total(const reg_def *t, const reg_def *by, const char *const *v) {
  for (int i = 0; i < t->nfields; i++)
    if (reg_replaces(by, t->fields[i].name) && *v[i]) return i;
  return -1;
}

/* The record it belongs to exists (a conclusion's dialogue); when these
 * records itemise totals of it (a supervision's recommendations), it
 * leaves them empty. */
static int check_ref(app *a, const reg_def *r, const char *const *v, int line, dv_err *e) {
  const reg_def *t = app_register(a, r->ref_register);
  const reg_field *f = &r->fields[r->ref_date];
  int day;
  record *rows = NULL;
  int n = t && !date_parse(v[r->ref_date], &day) ? records_of(a, t, v[r->ref_unit], day, NULL, NULL, &rows) : 0;
  int k = -1;
  for (int i = 0; r->ref_replaces && i < n && k < 0; i++) k = itemised_total(t, r, (const char *const *)rows[i].values);
  int rc = 0;
  if (!n)
    rc = dv_fail(e, DV_EINVAL, line, f->name, "trường \"%s\" (%s): không có %s nào của đơn vị %s ngày %s", f->name,
                 f->label, t && t->item ? t->item : r->ref_register, v[r->ref_unit], v[r->ref_date]);
  else if (k >= 0)
    rc = dv_fail(e, DV_EINVAL, line, f->name,
                 "trường \"%s\" (%s): %s của đơn vị %s ngày %s đã ghi tổng \"%s\"; để trống các số tổng đó rồi mới "
                 "ghi từng %s",
                 f->name, f->label, t->item, v[r->ref_unit], v[r->ref_date], t->fields[k].label, r->item);
  records_free(rows, n);
  return rc;
}

/* a record whose totals other records itemise (a supervision) leaves them
 * empty once such records exist */
/* how many records of r refer to the activity of unit (on day) dated date
 * (r's `ref`), -1 on a database error: by r's own date where it is the
 * activity's (an indexed range), else by the field */
static int referrers(app *a, const reg_def *r, const char *unit, int day, const char *date) {
  const char *by = r->date_field == r->ref_date ? NULL : r->fields[r->ref_date].name;
  int pos = app_unit_pos_on(a, unit, day);
  return pos < 0 ? 0
                 : store_record_count(app_store(a), r->code, a->t.u[pos].id, by ? -2000000000 : day,
                                      by ? 2000000000 : day, by, date);
}

static int check_itemised(app *a, const reg_def *t, const char *const *v, int line, dv_err *e) {
  int uf = unit_field(t), day = record_day(a, t, v);
  if (uf < 0 || t->date_field < 0 || day < 0) return 0;
  for (int i = 0; i < a->nregs; i++) {
    const reg_def *r = &a->regs[i];
    int k = r->ref_replaces && !strcmp(r->ref_register, t->code) ? itemised_total(t, r, v) : -1;
    if (k < 0) continue;
    int n = referrers(a, r, v[uf], day, v[t->date_field]);
    if (n < 0) return dv_fail(e, DV_EDB, line, "", "không đọc được sổ \"%s\"", r->title);
    if (n)
      return dv_fail(e, DV_EINVAL, line, t->fields[k].name,
                     "trường \"%s\" (%s): đã có %d %s ghi từng cái trong sổ \"%s\", số này được đếm từ đó; để trống",
                     t->fields[k].name, t->fields[k].label, n, r->item, r->title);
  }
  return 0;
}

/* An activity that other records refer to (a dialogue's conclusions, a
 * supervision's recommendations) keeps its unit and date and is not deleted
 * while they exist, unless another activity of that unit and day remains
 * for them; v NULL: a delete. */
static int check_referrers(app *a, const reg_def *t, char **old, char **v, dv_err *e) {
  int uf = unit_field(t), df = t->date_field, day = record_day(a, t, (const char *const *)old);
  if (uf < 0 || df < 0 || day < 0 || (v && !strcmp(old[uf], v[uf]) && !strcmp(old[df], v[df]))) return 0;
  for (int i = 0; i < a->nregs; i++) {
    const reg_def *r = &a->regs[i];
    if (!r->ref_register || strcmp(r->ref_register, t->code)) continue;
    int n = referrers(a, r, old[uf], day, old[df]);
    int pos = app_unit_pos_on(a, old[uf], day);
    if (n <= 0 || pos < 0 || store_record_count(app_store(a), t->code, a->t.u[pos].id, day, day, NULL, NULL) > 1)
      continue;
    const char *field = !v ? "id" : strcmp(old[df], v[df]) ? t->fields[df].name : t->fields[uf].name;
    return dv_fail(e, DV_ECONFLICT, 0, field, "%s này có %d %s trong sổ \"%s\"; %s chúng trước",
                   t->item ? t->item : t->title, n, r->item ? r->item : r->title, r->title,
                   v ? "đổi đơn vị, ngày của" : "xóa");
  }
  return 0;
}

/* A public text field may not repeat a private one (a model named after its
 * person, a letter's summary naming its sender): the private field would be
 * private in name only (docs/privacy.md). Compared on the search fold, so
 * case and diacritics do not hide it; private values under 4 characters are
 * ignored. */
static int check_private_echo(const reg_def *r, const char *const *v, int line, dv_err *e) {
  for (int i = 0; i < r->nfields; i++) {
    const reg_field *p = &r->fields[i];
    if (!p->private_ || text_chars(v[i]) < 4) continue;
    char *secret = text_fold(v[i]);
    for (int j = 0; secret && j < r->nfields; j++) {
      const reg_field *f = &r->fields[j];
      if (f->private_ || (f->type != FT_TEXT && f->type != FT_LONGTEXT) || !*v[j]) continue;
      char *pub = text_fold(v[j]);
      int echo = pub && strstr(pub, secret);
      free(pub);
      if (echo) {
        free(secret);
        return dv_fail(e, DV_EINVAL, line, f->name,
                       "trường \"%s\" (%s) nhắc lại \"%s\" (%s), là dữ liệu cá nhân chỉ đơn vị xử lý được xem; "
                       "bỏ thông tin đó khỏi trường \"%s\"",
                       f->name, f->label, p->name, p->label, f->name);
      }
    }
    free(secret);
  }
  return 0;
}

/* rules within one record; units: the import's memo, or NULL */
static int check_record(app *a, const user *u, const reg_def *r, const char *const *v, int line, unit_memo *units,
                        dv_err *e) {
  int day = record_day(a, r, v);
  for (int i = 0; i < r->nfields; i++) {
    int rc = check_field(a, u, r, &r->fields[i], v[i], v, line, units, day, e);
    if (rc) return rc;
  }
  for (int i = 0; i < r->nreqs; i++) {
    const reg_require *q = &r->reqs[i];
    const reg_field *f = &r->fields[q->field];
    if (reg_when_matches(q->when_value, v[q->when_field]) && !*v[q->field])
      return FAIL("bắt buộc khi %s là %s", r->fields[q->when_field].name, q->when_value);
  }
  int rc = r->ref_register ? check_ref(a, r, v, line, e) : 0;
  if (!rc) rc = check_private_echo(r, v, line, e);
  if (!rc) rc = check_itemised(a, r, v, line, e);
  if (rc) return rc;
  for (int i = 0; i < r->nchecks; i++) {
    const reg_check *c = &r->checks[i];
    const reg_field *f = &r->fields[c->left];
    if (!*v[c->left] || !*v[c->right]) continue;
    int cmp = compare(f, v[c->left], v[c->right]);
    if ((c->op == CHECK_LE && cmp > 0) || (c->op == CHECK_GE && cmp < 0)) return FAIL("%s", c->message);
  }
  return 0;
}
#undef FAIL

/* A bump allocator for the values of an import: a million records would
 * otherwise be several million small allocations. Freed all at once. */
#define ARENA_BLOCK ((size_t)1 << 20)
typedef struct arena {
  char **blocks;
  int n;
  char *p;
  size_t left;
} arena;

/* n bytes, aligned for pointers */
static void *arena_alloc(arena *ar, size_t n) {
  n = (n + 7) & ~(size_t)7;
  if (n > ar->left) {
    size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
    ar->blocks = xrealloc(ar->blocks, sizeof(char *) * (size_t)(ar->n + 1));
    ar->p = ar->blocks[ar->n++] = xmalloc(size);
    ar->left = size;
  }
  void *out = ar->p;
  ar->p += n;
  ar->left -= n;
  return out;
}

static void arena_release(arena *ar) {
  for (int i = 0; i < ar->n; i++) free(ar->blocks[i]);
  free(ar->blocks);
  memset(ar, 0, sizeof *ar);
}

/* the NFC-normalised, trimmed copy of a value, malloc'd or (ar not NULL) in
 * ar; NULL if it is not valid UTF-8 */
static char *normal_value(const reg_field *f, const char *in, arena *ar) {
  size_t n = strlen(in);
  char *out, *nfc = NULL;
  if (!text_nfc_fast(in, n)) { /* ASCII and precomposed text are their own NFC */
    if (!(nfc = text_nfc(in))) return NULL;
    in = nfc;
    n = strlen(nfc);
  }
  if (ar) {
    out = arena_alloc(ar, n + 1);
    memcpy(out, in, n + 1);
    free(nfc);
  } else {
    out = nfc ? nfc : xstrdup(in);
  }
  if (f->type == FT_TEXT || f->type == FT_LONGTEXT) text_trim(out); /* " 7" stays a bad count */
  return out;
}

/* NFC-normalised, trimmed copies of the values (NULL given = ""), malloc'd
 * or (ar not NULL) in ar */
static int normalise(const reg_def *r, const char *const *in, char **out, arena *ar, int line, dv_err *e) {
  for (int i = 0; i < r->nfields; i++) {
    out[i] = normal_value(&r->fields[i], in[i] ? in[i] : "", ar);
    if (!out[i]) {
      for (int k = 0; !ar && k < i; k++) free(out[k]), out[k] = NULL;
      return dv_fail(e, DV_EINVAL, line, r->fields[i].name, "trường \"%s\": không phải UTF-8 hợp lệ", r->fields[i].name);
    }
  }
  return 0;
}

static void free_values(const reg_def *r, char **v) {
  for (int i = 0; i < r->nfields; i++) free(v[i]), v[i] = NULL;
}

/* one error more into errs, if there is room */
static int add_error(dv_err *errs, int n, int max, const dv_err *e) {
  if (n < max) errs[n] = *e;
  return n + 1;
}

int app_record_check(app *a, const user *u, const reg_def *r, const char *const *values, dv_err *errs, int max) {
  char *v[REG_MAX_FIELDS] = {0};
  const char *in[REG_MAX_FIELDS];
  dv_err e = {0};
  for (int i = 0; i < r->nfields; i++) in[i] = values[i] ? values[i] : "";
  if (normalise(r, in, v, NULL, 0, &e)) return add_error(errs, 0, max, &e);
  int n = 0;
  pthread_rwlock_rdlock(&a->lock);
  int day = record_day(a, r, (const char *const *)v);
  /* a value not given (a private field kept) is not checked, nor the stage (moved by its steps) */
  for (int i = 0; i < r->nfields; i++)
    if (values[i] && i != r->stage_field &&
        check_field(a, u, r, &r->fields[i], v[i], (const char *const *)v, 0, NULL, day, &e))
      n = add_error(errs, n, max, &e);
  for (int i = 0; i < r->nreqs; i++) {
    const reg_require *q = &r->reqs[i];
    const reg_field *f = &r->fields[q->field];
    if (reg_when_matches(q->when_value, v[q->when_field]) && !*v[q->field]) {
      dv_fail(&e, DV_EINVAL, 0, f->name, "trường \"%s\" (%s): bắt buộc khi %s là %s", f->name, f->label,
              r->fields[q->when_field].name, q->when_value);
      n = add_error(errs, n, max, &e);
    }
  }
  if (!n && r->stage_field >= 0 && !*v[r->stage_field]) { /* as app_record_save: a new record's first stage */
    free(v[r->stage_field]);
    v[r->stage_field] = xstrdup(r->ntrans ? r->trans[0].from : "");
  }
  if (!n && check_record(a, u, r, (const char *const *)v, 0, NULL, &e)) n = add_error(errs, n, max, &e);
  pthread_rwlock_unlock(&a->lock);
  free_values(r, v);
  return n;
}

/* ---------------- personal data ---------------- */

static int has_private(const reg_def *r) {
  for (int i = 0; i < r->nfields; i++)
    if (r->fields[i].private_) return 1;
  return 0;
}

/* A denunciation (Law on Denunciations: the denouncer's identity is
 * confidential): its personal data is its handler's alone, for good. */
#define DENOUNCE_FIELD "kind"
#define DENOUNCE_VALUE "to_cao"

static int is_denunciation(const reg_def *r, const char *const *v) {
  int kind = reg_field_index(r, DENOUNCE_FIELD);
  return kind >= 0 && !strcmp(v[kind], DENOUNCE_VALUE);
}

/* u is named in a field flagged `assign` (the handler) */
static int is_handler(const reg_def *r, const user *u, const char *const *v) {
  for (int i = 0; i < r->nfields; i++)
    if (r->fields[i].assign && *v[i] && !strcmp(v[i], u->login)) return 1;
  return 0;
}

/* The rule of docs/privacy.md: the officers and approvers of the unit that
 * first recorded the record, unless it is its handler's alone; and its
 * handler, while an officer or approver of the unit that holds it (pos). A
 * change of unit or kind never widens it: the origin does not follow them. */
static int sees_private(app *a, const user *u, const reg_def *r, const record_origin *o, int pos,
                        const char *const *v) {
  if (!u || pos < 0 || (u->role != ROLE_OFFICER && u->role != ROLE_APPROVER)) return 0;
  if (u->unit_id == a->t.u[pos].id && is_handler(r, u, v)) return 1;
  return !o->handler_only && u->unit_id == o->unit_id;
}

int app_record_private_ok(app *a, const user *u, const reg_def *r, int unit_pos, const char *const *values) {
  if (unit_pos < 0) return 0;
  record_origin o = {a->t.u[unit_pos].id, is_denunciation(r, values)};
  return sees_private(a, u, r, &o, unit_pos, values);
}

/* One audit entry for a read that showed personal data, naming the records
 * it showed it of (the rows with private_shown); id: the one record read,
 * 0 for a list or an export. None when it showed none. */
static void audit_private_read(store *s, const user *u, const reg_def *r, int64_t id, const record *rows, int n) {
  buf after;
  buf_init(&after, 0);
  buf_adds(&after, "{\"records\":[");
  int shown = 0;
  for (int i = 0; i < n; i++)
    if (rows[i].private_shown) buf_addf(&after, shown++ ? ",%lld" : "%lld", (long long)rows[i].id);
  buf_adds(&after, "]}");
  int64_t uid;
  const char *login;
  dv_err e;
  actor_of(u, &uid, &login);
  if (shown) store_audit(s, uid, login, "private.read", r->code, id, NULL, after.s, &e);
  buf_release(&after);
}

/* the audit JSON of a record: personal data is never copied into the log */
static char *audit_json(const reg_def *r, const char *const *v) {
  json_t *o = json_object();
  for (int i = 0; i < r->nfields; i++) {
    const reg_field *f = &r->fields[i];
    if (f->private_) json_object_set_new(o, f->name, json_string(*v[i] ? "(dữ liệu cá nhân)" : ""));
    else json_object_set_new(o, f->name, json_string(v[i]));
  }
  char *s = json_dumps(o, JSON_COMPACT);
  json_decref(o);
  return s;
}

static int record_access(app *a, const user *u, const reg_def *r, int64_t record_id, int write, dv_err *e);

/* ---------------- reading ---------------- */

/* a stored row into a record; private fields only when allowed */
/* allow_private: 0 never, 1 by sees_private, 2 always (a command-line
 * export of what the unit itself first recorded, by whoever holds the file) */
static void fill_record(app *a, const user *u, const reg_def *r, record *out, int64_t id, int64_t unit_id,
                        const char *data, const char *priv, const record_origin *o, int allow_private) {
  memset(out, 0, sizeof *out);
  out->id = id;
  out->unit_id = unit_id;
  int pos = tree_find_id(&a->t, unit_id), uf = unit_field(r);
  values_from_json(r, data, 0, out->values);
  values_from_json(r, NULL, 1, out->values);
  if (uf >= 0) out->values[uf] = xstrdup(pos >= 0 ? a->t.u[pos].code : "");
  out->private_ok =
      allow_private == 2 || (allow_private == 1 && sees_private(a, u, r, o, pos, (const char *const *)out->values));
  if (priv && out->private_ok) {
    values_from_json(r, priv, 1, out->values);
    out->private_shown = 1;
  }
  app_record_deadline(a, r, out);
}

/* the unit named in a unit-reference field (a conclusion's responsible
 * unit) and the units above it may read the record and report progress */
static int responsible_for(app *a, const user *u, const reg_def *r, const char *const *v) {
  if (!u) return 0;
  int up = tree_find_id(&a->t, u->unit_id);
  for (int i = 0; up >= 0 && i < r->nfields; i++)
    if (r->fields[i].type == FT_UNITREF && tree_in_subtree(&a->t, up, app_unit_pos_on(a, v[i], record_day(a, r, v))))
      return 1;
  return 0;
}

/* an edit by the responsible unit changes only the progress fields */
static int progress_only(const reg_def *r, char **v, char **old, dv_err *e) {
  for (int i = 0; i < r->nfields; i++)
    if (!r->fields[i].progress && strcmp(v[i], old[i])) {
      buf may;
      buf_init(&may, 0);
      for (int k = 0; k < r->nfields; k++)
        if (r->fields[k].progress) buf_addf(&may, "%s\"%s\"", may.len ? ", " : "", r->fields[k].label);
      dv_fail(e, DV_EFORBIDDEN, 0, r->fields[i].name, "đơn vị được giao chỉ cập nhật %s (không sửa \"%s\")", may.s ? may.s : "",
              r->fields[i].label);
      buf_release(&may);
      return DV_EFORBIDDEN;
    }
  return 0;
}

int app_record_get(app *a, const user *u, const reg_def *r, int64_t id, record *out, dv_err *e) {
  memset(out, 0, sizeof *out);
  int64_t unit_id;
  char *data = NULL, *priv = NULL;
  record_origin o;
  store *s = app_store(a);
  if (store_record_get(s, r->code, id, &unit_id, &data, &priv, &o))
    return dv_fail(e, DV_ENOTFOUND, 0, "id", "không tìm thấy %s số %lld", r->item ? r->item : "bản ghi", (long long)id);
  pthread_rwlock_rdlock(&a->lock);
  int ok = app_can_read(a, u, tree_find_id(&a->t, unit_id));
  fill_record(a, u, r, out, id, unit_id, data, priv, &o, ok);
  if (!ok && !(ok = responsible_for(a, u, r, (const char *const *)out->values))) record_release(out);
  pthread_rwlock_unlock(&a->lock);
  free(data), free(priv);
  if (!ok) return dv_fail(e, DV_EFORBIDDEN, 0, "id", "bản ghi ngoài phạm vi của bạn");
  audit_private_read(s, u, r, id, out, 1);
  return 0;
}

typedef struct list_ctx {
  app *a;
  const user *u;
  const reg_def *r;
  record *rows;
  int n, cap;
  int64_t own_unit; /* exports: private fields only for this unit's records */
} list_ctx;

/* fill_record's allow_private for a row of a list (of an export: only the
 * unit's own records; by the command line, what the unit first recorded) */
static int list_allow(const list_ctx *lc, int64_t unit_id, const record_origin *o) {
  if (!lc->own_unit) return 1;
  if (!lc->u) return o->unit_id == lc->own_unit ? 2 : 0;
  return unit_id == lc->own_unit;
}

static void list_row(void *ctx, int64_t id, int64_t unit_id, const char *data, const char *priv,
                     const record_origin *o) {
  list_ctx *lc = ctx;
  if (lc->n == lc->cap) lc->rows = xrealloc(lc->rows, sizeof(record) * (size_t)(lc->cap = lc->cap ? lc->cap * 2 : 64));
  fill_record(lc->a, lc->u, lc->r, &lc->rows[lc->n++], id, unit_id, data, priv, o, list_allow(lc, unit_id, o));
}

/* resolves the filter into a query; caller holds the read lock */
static int make_query(app *a, const user *u, const reg_def *r, const record_filter *f, record_query *q, char **fold,
                      int *pos, dv_err *e) {
  /* a unit named by code is that of the period's tree (the newest without a
   * period); the user's own unit by its id, as its code may have been reused */
  const char *code = f->unit_code && *f->unit_code ? f->unit_code : NULL;
  *pos = code ? app_unit_pos_readable(a, u, code, f->period) : u ? tree_find_id(&a->t, u->unit_id) : (a->t.n ? 0 : -1);
  if (!code && u) code = u->unit_code;
  if (*pos < 0) return dv_fail(e, DV_ENOTFOUND, 0, "unit", "không có đơn vị mã %s", code ? code : "");
  unsigned kinds = 0;
  if (!app_can_read(a, u, *pos) && !app_reads_as_body(a, u, *pos, &kinds))
    return dv_fail(e, DV_EFORBIDDEN, 0, "unit", "đơn vị %s ngoài phạm vi của bạn", code);
  memset(q, 0, sizeof *q);
  q->reg = r->code;
  q->kinds = kinds; /* a body's officer at an area: the bodies of its family there */
  q->root_unit_id = a->t.u[*pos].id;
  q->first_day = -2000000000;
  q->last_day = 2000000000;
  if (f->period && *f->period) {
    period p;
    if (period_parse(f->period, &p)) return dv_fail(e, DV_EINVAL, 0, "period", "kỳ báo cáo không hợp lệ: %s", f->period);
    period_window(&p, &a->cfg, &q->first_day, &q->last_day);
  }
  if (f->field && *f->field) {
    int fi = reg_field_index(r, f->field);
    if (fi < 0 || r->fields[fi].private_ || r->fields[fi].type == FT_UNIT)
      return dv_fail(e, DV_EINVAL, 0, "field", "không lọc được theo trường %s", f->field);
    q->field = f->field;
    q->value = f->value ? f->value : "";
  }
  *fold = f->query && *f->query ? text_fold(f->query) : NULL;
  q->fold = *fold;
  q->limit = f->limit;
  q->offset = f->offset;
  return 0;
}

/* A period begun before the tree of its last day (2025 on the 2025 tree)
 * lists what the annex counts there: the records of every unit whose work
 * that tree counts into the subtree at pos (app_view), of the targets of
 * that level when level > 0. A JSON array of unit ids, or NULL when the
 * plain subtree gives the same; caller holds the read lock and frees. */
static char *view_units(app *a, int pos, const char *period_id, int level) {
  period p;
  int first, last;
  if (!period_id || !*period_id || period_parse(period_id, &p)) return NULL;
  period_window(&p, &a->cfg, &first, &last);
  int day = app_period_day(a, &p);
  if (first >= tree_edition_on(&a->t, day)->from_day) return NULL;
  tview scratch = {0};
  const tview *v = app_view(a, day, first, last, &scratch);
  char *out = NULL;
  if (v->maps) {
    int k0, k1;
    tview_run(v, pos, a->t.u[pos].end, &k0, &k1);
    buf b;
    buf_init(&b, 0);
    buf_addc(&b, '[');
    for (int k = k0; k < k1; k++)
      if (level <= 0 || v->level[k] == level) buf_addf(&b, "%s%lld", b.len > 1 ? "," : "", (long long)a->t.u[v->src[k]].id);
    buf_addc(&b, ']');
    out = buf_detach(&b, NULL);
  }
  if (v == &scratch) tview_release(&scratch);
  return out;
}

/* a filter the store cannot apply: conditions, a level, a period by another date */
static int refined(const cell_filter *f) { return f && (f->level > 0 || (f->date && *f->date) || f->nconds > 0); }

/* checks the refinements against the register; the date field's index in *date */
static int refine_check(const reg_def *r, const cell_filter *f, int *date, dv_err *e) {
  *date = -1;
  if (!f) return 0;
  if (f->date && *f->date) {
    *date = reg_field_index(r, f->date);
    if (*date < 0 || (r->fields[*date].type != FT_DATE && r->fields[*date].type != FT_YEAR))
      return dv_fail(e, DV_EINVAL, 0, "date", "sổ không có trường ngày %s", f->date);
  }
  for (int i = 0; i < f->nconds && i < REG_MAX_CONDS; i++) {
    int fi = reg_field_index(r, f->cond_field[i] ? f->cond_field[i] : "");
    if (fi < 0 || r->fields[fi].private_ || r->fields[fi].type == FT_UNIT)
      return dv_fail(e, DV_EINVAL, 0, "field", "không lọc được theo trường %s", f->cond_field[i] ? f->cond_field[i] : "");
  }
  return 0;
}

/* 1 if the record meets the refinements; window: the period's days */
static int refine_keeps(app *a, const reg_def *r, const cell_filter *f, const char *period_id, const record *rec,
                        int date, int first, int last) {
  const char *const *v = (const char *const *)rec->values;
  if (f->level > 0) {
    int pos = tree_find_id(&a->t, rec->unit_id);
    if (pos < 0 || a->t.level[pos] != f->level) return 0;
  }
  for (int i = 0; i < f->nconds && i < REG_MAX_CONDS; i++) {
    int fi = reg_field_index(r, f->cond_field[i]);
    if (!reg_cond_matches(&r->fields[fi], f->cond_value[i] ? f->cond_value[i] : "", v[fi])) return 0;
  }
  if (date < 0 || !period_id || !*period_id) return 1;
  int days[REG_MAX_FIELDS], pday;
  days_of(a, r, v, days, &pday);
  return days[date] >= first && days[date] <= last;
}

/* the refinements over every record the store selected, then the page */
static void refine(app *a, const reg_def *r, const record_filter *f, const cell_filter *cf, int date, int first,
                   int last, list_ctx *lc, int *total) {
  int k = 0;
  for (int i = 0; i < lc->n; i++) {
    if (refine_keeps(a, r, cf, f->period, &lc->rows[i], date, first, last)) {
      record tmp = lc->rows[k];
      lc->rows[k++] = lc->rows[i];
      lc->rows[i] = tmp;
    }
  }
  *total = k;
  int from = f->offset < k ? f->offset : k, to = f->limit > 0 && from + f->limit < k ? from + f->limit : k;
  for (int i = 0; i < lc->n; i++)
    if (i < from || i >= to) record_release(&lc->rows[i]);
  if (to > from) memmove(lc->rows, lc->rows + from, sizeof(record) * (size_t)(to - from));
  lc->n = to - from;
}

/* A page of a large subtree's plain list (no search, no field filter, no
 * kinds or view units) from the list index, its rows read by id: 0 or -1,
 * or 1 when the store must answer (small subtree, filters, no index);
 * under the read lock. */
#define INDEX_MIN_UNITS 64 /* below: SQLite's index records(reg, unit_id, day) is as quick */
#define INDEX_MAX_PAGE 1000
static int indexed_list(app *a, const reg_def *r, const record_query *q, int pos, list_ctx *lc, int *total,
                        dv_err *e) {
  const recindex *x = rix_of(a, r);
  if (!x || x->unusable || pos < 0 || q->fold || q->field || q->kinds || q->unit_ids || q->own_only ||
      q->limit <= 0 || q->limit > INDEX_MAX_PAGE || q->offset < 0 || a->t.u[pos].end - pos < INDEX_MIN_UNITS)
    return 1;
  int64_t ids[INDEX_MAX_PAGE];
  int n = recindex_page(x, q->first_day, q->last_day, pos, a->t.u[pos].end, q->offset, q->limit, ids, total);
  return store_records_by_id(app_store(a), r->code, ids, n, has_private(r), list_row, lc, e) ? -1 : 0;
}

static int list_records(app *a, const user *u, const reg_def *r, const record_filter *f, const cell_filter *cf,
                        int own_unit_only, list_ctx *lc, int *total, dv_err *e) {
  memset(lc, 0, sizeof *lc);
  lc->a = a, lc->u = u, lc->r = r;
  record_query q;
  char *fold = NULL, *units = NULL;
  int pos;
  store *s = app_store(a);
  pthread_rwlock_rdlock(&a->lock);
  int rc = make_query(a, u, r, f, &q, &fold, &pos, e), date = -1, first = q.first_day, last = q.last_day;
  if (!rc) rc = refine_check(r, cf, &date, e);
  cell_filter by_view; /* the level was the view's: the targets', not the records' own units' */
  if (!rc && (units = view_units(a, pos, f->period, cf ? cf->level : 0))) {
    q.unit_ids = units;
    if (cf) by_view = *cf, by_view.level = 0, cf = &by_view;
  }
  if (!rc) {
    if (own_unit_only) lc->own_unit = a->t.u[pos].id;
    if (refined(cf)) q.limit = q.offset = 0;
    if (date >= 0) q.first_day = -2000000000, q.last_day = 2000000000;
    rc = indexed_list(a, r, &q, pos, lc, total, e);
    if (rc == 1) rc = store_record_list(s, &q, has_private(r), list_row, lc, total, e);
  }
  if (!rc && refined(cf)) refine(a, r, f, cf, date, first, last, lc, total);
  pthread_rwlock_unlock(&a->lock);
  free(fold);
  free(units);
  audit_private_read(s, u, r, 0, lc->rows, lc->n);
  return rc;
}

int app_record_rows(app *a, const user *u, const reg_def *r, const record_query *q, record **rows, int *n,
                    int *total, dv_err *e) {
  list_ctx lc;
  memset(&lc, 0, sizeof lc);
  lc.a = a, lc.u = u, lc.r = r;
  int rc = store_record_list(app_store(a), q, 0, list_row, &lc, total, e);
  *rows = lc.rows;
  *n = lc.n;
  return rc;
}

int app_record_list(app *a, const user *u, const reg_def *r, const record_filter *f, record **rows, int *n,
                    int *total, dv_err *e) {
  return app_record_list_cell(a, u, r, f, NULL, rows, n, total, e);
}

int app_record_list_cell(app *a, const user *u, const reg_def *r, const record_filter *f, const cell_filter *cf,
                         record **rows, int *n, int *total, dv_err *e) {
  list_ctx lc;
  int rc = list_records(a, u, r, f, cf, 0, &lc, total, e);
  *rows = lc.rows;
  *n = lc.n;
  return rc;
}

/* ---------------- deadlines (letters) ---------------- */

/* Circular 05/2021/TT-TTCP: classify and answer within 10 working days;
 * complaints settled within 30 days of acceptance (45 if complex),
 * denunciations within 30 days (extendable). Closed letters have none. */
void app_record_deadline(app *a, const reg_def *r, record *out) {
  int st = reg_field_index(r, "status"), rec = reg_field_index(r, "received"), kind = reg_field_index(r, "kind");
  out->due[0] = 0;
  out->overdue = 0;
  if (r->due_field >= 0) { /* a due date of its own (conclusions, recommendations): overdue while open */
    int d;
    if (date_parse(out->values[r->due_field], &d)) return;
    snprintf(out->due, sizeof out->due, "%s", out->values[r->due_field]);
    out->overdue = reg_is_open(r, (const char *const *)out->values) && app_today(a) > d;
    return;
  }
  if (st < 0 || rec < 0 || kind < 0) return;
  const char *status = out->values[st];
  int day;
  if (!strcmp(status, "resolved") || !strcmp(status, "transferred") || !strcmp(status, "archived")) return;
  if (date_parse(out->values[rec], &day)) return;
  int due, cx = reg_field_index(r, "complex"), ext = reg_field_index(r, "extended");
  int complex = cx >= 0 && !strcmp(out->values[cx], "yes"), extended = ext >= 0 && !strcmp(out->values[ext], "yes");
  if (!strcmp(status, "handling") && !strcmp(out->values[kind], "khieu_nai"))
    due = day + a->deadline.complaint_days + (complex ? 15 : 0);
  else if (!strcmp(status, "handling") && !strcmp(out->values[kind], "to_cao"))
    due = day + a->deadline.denunciation_days + (extended ? 30 : 0);
  else due = app_add_workdays(a, day, a->deadline.classify_workdays);
  date_format_iso(due, out->due);
  out->overdue = app_today(a) > due;
}

/* ---------------- writing ---------------- */

/* refused if an approved report counts this record (its unit and day); ref as app_record_locked */
static int check_unlocked_ref(app *a, const reg_def *r, int pos, const char *const *v, lock_ref *ref, dv_err *e) {
  int days[REG_MAX_FIELDS], day;
  days_of(a, r, v, days, &day);
  if (day < 0) day = r->date_field >= 0 ? days[r->date_field] : -1;
  return app_record_locked(a, r, pos, day, ref, e);
}

static int check_unlocked(app *a, const reg_def *r, int pos, const char *const *v, dv_err *e) {
  return check_unlocked_ref(a, r, pos, v, NULL, e);
}

int app_record_lock(app *a, const reg_def *r, const record *rec, lock_ref *ref, dv_err *e) {
  pthread_rwlock_rdlock(&a->lock);
  int pos = tree_find_id(&a->t, rec->unit_id);
  int rc = pos >= 0 ? check_unlocked_ref(a, r, pos, (const char *const *)rec->values, ref, e) : 0;
  pthread_rwlock_unlock(&a->lock);
  return rc;
}

/* the unit a unit-reference field names, on the record's day */
int app_record_unitref_pos(app *a, const reg_def *r, const char *const *v, int field) {
  return app_unit_pos_on(a, v[field], record_day(a, r, v));
}

/* the record's unit: its code on the record's day */
static int find_unit(app *a, const reg_def *r, const char *const *v) {
  int uf = unit_field(r);
  return uf >= 0 ? app_unit_pos_on(a, v[uf], record_day(a, r, v)) : -1;
}

/* inserts or updates one checked record inside an open transaction */
/* audited as REG.action ("create", "update", "move"), except in imports
 * (action NULL: one entry for the file); w: the buffers to write it with,
 * NULL for its own */
static int write_record(app *a, store *s, const user *u, const reg_def *r, int pos, int64_t *id,
                        const char *const *v, const char *action, const char *before, record_bufs *w, dv_err *e) {
  record_bufs own;
  if (!w) record_bufs_init(w = &own, r);
  int day = stored_day(a, r, v);
  values_json(&w->data, w, r, v, 0);
  const char *data = w->data.s, *priv = values_json(&w->priv, w, r, v, 1) ? w->priv.s : NULL;
  search_fold(a, &w->fold, &w->raw, r, v, pos);
  const char *fold = w->fold.s;
  int denounced = is_denunciation(r, v);
  int rc = *id ? store_record_update(s, *id, a->t.u[pos].id, day, data, priv, fold, denounced, e)
               : store_record_insert(s, r->code, a->t.u[pos].id, day, data, priv, fold, denounced, u ? u->id : 0, id, e);
  if (!rc && action) {
    char *after = audit_json(r, v), what[48];
    int64_t uid;
    const char *login;
    actor_of(u, &uid, &login);
    snprintf(what, sizeof what, "%s.%s", r->code, action);
    rc = store_audit(s, uid, login, what, r->code, *id, before, after, e);
    free(after);
  }
  if (w == &own) record_bufs_release(&own);
  return rc;
}

/* ---------------- the search text of stored records ---------------- */

typedef struct refold {
  app *a;
  store *s;
  const reg_def *r;
  record_bufs w;
  char *v[REG_MAX_FIELDS];
  int rc;
  dv_err *e;
} refold;

static void refold_row(void *ctx, int64_t id, int64_t unit_id, const char *data) {
  refold *x = ctx;
  if (x->rc) return;
  const reg_def *r = x->r;
  int pos = tree_find_id(&x->a->t, unit_id), uf = unit_field(r);
  for (int i = 0; i < r->nfields; i++) {
    free(x->v[i]);
    x->v[i] = xstrdup(i == uf && pos >= 0 ? x->a->t.u[pos].code : "");
  }
  values_from_json(r, data, 0, x->v);
  search_fold(x->a, &x->w.fold, &x->w.raw, r, (const char *const *)x->v, pos);
  x->rc = store_record_set_fold(x->s, id, x->w.fold.s, x->e);
}

static int refold_register(app *a, store *s, const reg_def *r, dv_err *e) {
  refold x = {.a = a, .s = s, .r = r, .e = e};
  record_bufs_init(&x.w, r);
  int rc = store_records_scan(s, r->code, refold_row, &x, e) || x.rc;
  for (int i = 0; i < r->nfields; i++) free(x.v[i]);
  record_bufs_release(&x.w);
  return rc;
}

int app_records_refold(app *a, dv_err *e) {
  store *s = app_store(a);
  char v[16] = "";
  if (store_setting_get(s, "records.fold_version", v, sizeof v) == 0 && !strcmp(v, FOLD_VERSION)) return 0;
  int rc = store_begin(s, e);
  for (int i = 0; !rc && i < a->nregs; i++) rc = refold_register(a, s, &a->regs[i], e);
  if (!rc) rc = store_setting_set(s, "records.fold_version", FOLD_VERSION, e);
  if (!rc) return store_commit(s, e);
  store_rollback(s);
  return rc;
}

/* The origin of the records made before it was kept, filled once (on the
 * first open of such a database) from each record's audit history. */
#define ORIGIN_VERSION "1"
int app_records_origin(app *a, dv_err *e) {
  store *s = app_store(a);
  char v[16] = "";
  if (store_setting_get(s, "records.origin_version", v, sizeof v) == 0 && !strcmp(v, ORIGIN_VERSION)) return 0;
  int rc = store_begin(s, e);
  for (int i = 0; !rc && i < a->nregs; i++)
    rc = store_records_origin_fill(s, a->regs[i].code, DENOUNCE_FIELD, DENOUNCE_VALUE, e);
  if (!rc) rc = store_setting_set(s, "records.origin_version", ORIGIN_VERSION, e);
  if (!rc) return store_commit(s, e);
  store_rollback(s);
  return rc;
}

/* the stored record as values; private ones too (for counting and merging);
 * origin may be NULL */
static int load_values(app *a, store *s, const reg_def *r, int64_t id, char **v, int *pos, record_origin *origin,
                       dv_err *e) {
  int64_t unit_id;
  char *data, *priv;
  if (store_record_get(s, r->code, id, &unit_id, &data, &priv, origin))
    return dv_fail(e, DV_ENOTFOUND, 0, "id", "không tìm thấy %s số %lld", r->item ? r->item : "bản ghi", (long long)id);
  values_from_json(r, data, 0, v);
  values_from_json(r, priv, 1, v);
  *pos = tree_find_id(&a->t, unit_id);
  int uf = unit_field(r);
  if (uf >= 0) free(v[uf]), v[uf] = xstrdup(*pos >= 0 ? a->t.u[*pos].code : "");
  free(data), free(priv);
  return 0;
}

/* an edit keeps the stage (transitions move it); a new record starts at the
 * first stage. Imports set the stage they are given. */
static int stage_unchanged(const reg_def *r, const char *old_stage, char **v, dv_err *e) {
  if (r->stage_field < 0) return 0;
  const char *first = r->ntrans ? r->trans[0].from : "";
  const char *want = old_stage ? old_stage : first;
  if (!*v[r->stage_field]) {
    free(v[r->stage_field]);
    v[r->stage_field] = xstrdup(want);
  }
  if (strcmp(v[r->stage_field], want))
    return dv_fail(e, DV_EINVAL, 0, r->fields[r->stage_field].name,
                   "trường \"%s\": chỉ đổi được bằng các bước (thẩm định, công nhận…)", r->fields[r->stage_field].name);
  return 0;
}

/* Fields flagged `assign` (the handler, to whom the record's personal data
 * goes) are set only by approvers: an officer cannot name himself; nor can
 * an approver who does not see that data (sees: 0), or he would give it to
 * himself (docs/privacy.md). */
static int assignments_allowed(const reg_def *r, const user *u, char **old, char **v, int sees, dv_err *e) {
  for (int i = 0; u && i < r->nfields; i++) {
    const reg_field *f = &r->fields[i];
    if (!f->assign || !strcmp(v[i], old ? old[i] : "")) continue;
    if (u->role < ROLE_APPROVER)
      return dv_fail(e, DV_EFORBIDDEN, 0, f->name, "chỉ người phê duyệt được giao \"%s\"", f->label);
    if (!sees && !strcmp(v[i], u->login))
      return dv_fail(e, DV_EFORBIDDEN, 0, f->name,
                     "không tự giao \"%s\" cho chính mình khi không được xem thông tin cá nhân của %s; "
                     "người phê duyệt khác giao",
                     f->label, r->item ? r->item : "bản ghi");
  }
  return 0;
}

/* Moving a record that holds personal data to another unit is an
 * approver's act: it carries that data to nobody but the handler there
 * (docs/privacy.md). */
static int move_allowed(const reg_def *r, const user *u, int from, int to, dv_err *e) {
  int uf = unit_field(r);
  if (from == to || uf < 0 || !u || u->role >= ROLE_APPROVER || !has_private(r)) return 0;
  return dv_fail(e, DV_EFORBIDDEN, 0, r->fields[uf].name,
                 "trường \"%s\" (%s): chỉ người phê duyệt được chuyển %s sang đơn vị khác", r->fields[uf].name,
                 r->fields[uf].label, r->item ? r->item : "bản ghi");
}

/* A record write (save, delete, stage move): its checks and its transaction
 * run under the read lock, one record write at a time, so that readers of
 * annexes and lists go on meanwhile (issue 13: 32 writers held the write
 * lock nearly all the time); only counting it into the cube and the list
 * index takes the write lock. Other changes of the model (imports,
 * approvals, reloads) take the write lock for their whole length, so none
 * runs between a write's checks and its commit. */
static int write_begin(app *a) {
  pthread_mutex_lock(&a->record_writes);
  pthread_rwlock_rdlock(&a->lock);
  return a->model_gen;
}

/* after the commit: from the read lock to the write lock; 1 if the model is
 * the one the write was checked on, 0 if a reload came between (it read the
 * committed record: nothing left to count) */
static int write_counting(app *a, int gen) {
  pthread_rwlock_unlock(&a->lock);
  pthread_rwlock_wrlock(&a->lock);
  return a->model_gen == gen;
}

static void write_end(app *a) {
  pthread_rwlock_unlock(&a->lock);
  pthread_mutex_unlock(&a->record_writes);
}

int app_record_save(app *a, const user *u, const reg_def *r, int64_t *id, const char *const *values, dv_err *e) {
  char *v[REG_MAX_FIELDS] = {0}, *old[REG_MAX_FIELDS] = {0};
  store *s = app_store(a);
  int rc = normalise(r, values, v, NULL, 0, e), oldpos = -1, sees = 1;
  record_origin origin;
  const user *checker = u; /* whose rights the values are checked against */
  int gen = write_begin(a);
  if (!rc && *id) {
    rc = load_values(a, s, r, *id, old, &oldpos, &origin, e);
    if (!rc && !app_can_write(a, u, oldpos)) {
      if (u && u->role >= ROLE_OFFICER && responsible_for(a, u, r, (const char *const *)old)) {
        for (int i = 0; i < r->nfields; i++) /* what it may not see stays as it was */
          if (r->fields[i].private_ && !values[i]) free(v[i]), v[i] = xstrdup(old[i]);
        rc = progress_only(r, v, old, e);
        checker = NULL; /* the record's other fields are unchanged and were valid */
      } else {
        rc = dv_fail(e, DV_EFORBIDDEN, 0, "id", "bản ghi ngoài phạm vi của bạn");
      }
    }
    /* private fields the writer may not see stay as they were, whatever was
     * sent (refusing a differing value would let one test guesses) */
    sees = !rc && sees_private(a, u, r, &origin, oldpos, (const char *const *)old);
    for (int i = 0; !rc && i < r->nfields; i++)
      if (r->fields[i].private_ && !sees) free(v[i]), v[i] = xstrdup(old[i]);
  }
  if (!rc) rc = assignments_allowed(r, u, *id ? old : NULL, v, sees || !has_private(r), e);
  if (!rc) rc = stage_unchanged(r, *id && r->stage_field >= 0 ? old[r->stage_field] : NULL, v, e);
  if (!rc) rc = check_record(a, checker, r, (const char *const *)v, 0, NULL, e);
  int pos = rc ? -1 : find_unit(a, r, (const char *const *)v);
  if (!rc && *id) rc = move_allowed(r, u, oldpos, pos, e);
  if (!rc && oldpos >= 0) rc = check_unlocked(a, r, oldpos, (const char *const *)old, e);
  if (!rc) rc = check_unlocked(a, r, pos, (const char *const *)v, e);
  if (!rc && *id) rc = check_referrers(a, r, old, v, e);
  if (!rc) rc = store_begin(s, e);
  if (!rc) {
    char *before = *id ? audit_json(r, (const char *const *)old) : NULL;
    const char *action = !*id ? "create" : pos != oldpos ? "move" : "update";
    rc = write_record(a, s, u, r, pos, id, (const char *const *)v, action, before, NULL, e);
    free(before);
    if (!rc) rc = store_commit(s, e);
    if (rc) store_rollback(s);
  }
  if (!rc && write_counting(a, gen)) {
    if (oldpos >= 0) count_record(a, r, oldpos, (const char *const *)old, -1, NULL);
    if (oldpos >= 0) index_record(a, r, oldpos, *id, (const char *const *)old, -1);
    count_record(a, r, pos, (const char *const *)v, +1, NULL);
    index_record(a, r, pos, *id, (const char *const *)v, +1);
  }
  write_end(a);
  free_values(r, v);
  free_values(r, old);
  return rc;
}

int app_record_delete(app *a, const user *u, const reg_def *r, int64_t id, dv_err *e) {
  char *old[REG_MAX_FIELDS] = {0};
  store *s = app_store(a);
  int pos = -1;
  int gen = write_begin(a);
  int rc = load_values(a, s, r, id, old, &pos, NULL, e);
  if (!rc && !app_can_write(a, u, pos)) rc = dv_fail(e, DV_EFORBIDDEN, 0, "id", "bản ghi ngoài phạm vi của bạn");
  if (!rc) rc = check_unlocked(a, r, pos, (const char *const *)old, e);
  if (!rc) rc = check_referrers(a, r, old, NULL, e);
  if (!rc) rc = store_begin(s, e);
  if (!rc) {
    char *before = audit_json(r, (const char *const *)old), action[48];
    int64_t uid;
    const char *login;
    actor_of(u, &uid, &login);
    snprintf(action, sizeof action, "%s.delete", r->code);
    rc = store_record_delete(s, id, e);
    if (!rc) rc = store_audit(s, uid, login, action, r->code, id, before, NULL, e);
    free(before);
    if (!rc) rc = store_commit(s, e);
    if (rc) store_rollback(s);
  }
  if (!rc && write_counting(a, gen)) {
    count_record(a, r, pos, (const char *const *)old, -1, NULL);
    index_record(a, r, pos, id, (const char *const *)old, -1);
  }
  write_end(a);
  free_values(r, old);
  return rc;
}

/* ---------------- CSV ---------------- */

static int read_csv_header(const reg_def *r, csv_reader *c, const char *file, int *col, dv_err *e) {
  int got = csv_next(c);
  if (got < 0) return dv_fail(e, DV_EINVAL, c->record_line, "", "%s: %s", file, c->err);
  if (got == 0) return dv_fail(e, DV_EINVAL, 1, "", "%s: tệp rỗng, thiếu dòng tiêu đề", file);
  for (int i = 0; i < r->nfields; i++) {
    col[i] = r->fields[i].noimport ? -1 : csv_col(c->fields, c->nfields, r->fields[i].name);
    if (col[i] < 0 && (r->fields[i].required || r->fields[i].column) && !r->fields[i].noimport)
      return dv_fail(e, DV_EINVAL, 1, r->fields[i].name, "%s: dòng 1: thiếu cột \"%s\"", file, r->fields[i].name);
  }
  for (int k = 0; k < c->nfields; k++) {
    int known = 0;
    /* a repeated column first: only its first occurrence is mapped, so the
     * later one would otherwise read as unknown */
    for (int j = 0; j < k; j++)
      if (!strcmp(c->fields[j], c->fields[k]))
        return dv_fail(e, DV_EINVAL, 1, c->fields[k], "%s: dòng 1: cột \"%s\" lặp lại", file, c->fields[k]);
    for (int i = 0; i < r->nfields; i++) known |= col[i] == k;
    if (!known) return dv_fail(e, DV_EINVAL, 1, c->fields[k], "%s: dòng 1: cột không xác định \"%s\"", file, c->fields[k]);
  }
  return 0;
}

/* a checked row of an import: its values (in the import's arena, one per
 * field of the register) and its unit */
typedef struct import_row {
  char **v;
  int pos;    /* the unit's position, looked up once */
  int64_t id; /* once written */
} import_row;

static int import_rows(app *a, const user *u, const reg_def *r, csv_reader *c, const char *file, const int *col,
                       arena *ar, unit_memo *units, import_row **rows, int *n, dv_err *e) {
  int ncols = 0, cap = 0, got, rc = 0, uf = unit_field(r);
  for (int i = 0; i < r->nfields; i++) ncols += col[i] >= 0;
  while (!rc && (got = csv_next(c)) != 0) {
    int line = c->record_line;
    if (got < 0) return dv_fail(e, DV_EINVAL, line, "", "%s: %s", file, c->err);
    if (c->nfields != ncols)
      return dv_fail(e, DV_EINVAL, line, "", "%s: dòng %d: có %d trường, cần %d", file, line, c->nfields, ncols);
    const char *in[REG_MAX_FIELDS];
    for (int i = 0; i < r->nfields; i++) in[i] = col[i] >= 0 ? c->fields[col[i]] : "";
    if (*n == cap) *rows = xrealloc(*rows, sizeof(import_row) * (size_t)(cap = cap ? cap * 2 : 256));
    import_row *row = &(*rows)[(*n)++];
    row->v = arena_alloc(ar, sizeof(char *) * (size_t)r->nfields);
    row->pos = -1;
    dv_err sub;
    rc = normalise(r, in, row->v, ar, line, &sub);
    if (!rc) rc = check_record(a, u, r, (const char *const *)row->v, line, units, &sub);
    if (!rc) row->pos = uf >= 0 ? unit_lookup(a, units, row->v[uf], record_day(a, r, (const char *const *)row->v)) : -1;
    if (!rc) rc = check_unlocked(a, r, row->pos, (const char *const *)row->v, &sub);
    if (rc) {
      (*n)--; /* its values may be missing */
      rc = dv_fail(e, sub.code, line, sub.field, "%s: dòng %d, %s", file, line, sub.msg);
    }
  }
  return rc;
}

/* Counting an import into the cube runs on a thread of its own while the
 * rows are written (bench: 1,000,000 dialogues 0.3 s of 4.5 s). It touches
 * only the catalog and the cube, which the write lock the import holds
 * keeps from everyone else, and the writing touches neither; if the
 * transaction fails, the counts are taken back out (they are sums of
 * integers: exact). */
typedef struct count_job {
  app *a;
  const reg_def *r;
  const import_row *rows;
  int n, sign;
} count_job;

static void *count_rows(void *arg) {
  count_job *j = arg;
  combo_memo *memo = combo_memo_new();
  for (int i = 0; i < j->n; i++) count_record(j->a, j->r, j->rows[i].pos, (const char *const *)j->rows[i].v, j->sign, memo);
  free(memo);
  return NULL;
}

int app_record_import(app *a, const user *u, const reg_def *r, const char *file, const char *data, size_t len,
                      int *count, dv_err *e) {
  csv_reader c;
  int col[REG_MAX_FIELDS], n = 0;
  import_row *rows = NULL;
  arena ar = {0};
  unit_memo units;
  store *s = app_store(a);
  csv_init(&c, data, len);
  pthread_rwlock_wrlock(&a->lock);
  unit_memo_init(&units, a->t.n);
  int rc = read_csv_header(r, &c, file, col, e);
  if (!rc) rc = import_rows(a, u, r, &c, file, col, &ar, &units, &rows, &n, e);
  unit_memo_release(&units);
  csv_release(&c);
  if (!rc) rc = store_begin_bulk(s, e);
  count_job job = {a, r, rows, n, +1};
  pthread_t counter;
  int counting = !rc && pthread_create(&counter, NULL, count_rows, &job) == 0;
  if (!rc) {
    record_bufs w;
    record_bufs_init(&w, r);
    for (int i = 0; !rc && i < n; i++) {
      rows[i].id = 0;
      rc = write_record(a, s, u, r, rows[i].pos, &rows[i].id, (const char *const *)rows[i].v, NULL, NULL, &w, e);
    }
    record_bufs_release(&w);
    char what[48], after[96];
    int64_t uid;
    const char *login;
    actor_of(u, &uid, &login);
    snprintf(what, sizeof what, "import.%s", r->code);
    snprintf(after, sizeof after, "{\"rows\":%d}", n);
    if (!rc) rc = store_audit(s, uid, login, what, "import", 0, NULL, after, e);
    if (!rc) rc = store_commit(s, e);
    if (rc) store_rollback(s);
  }
  if (counting) pthread_join(counter, NULL);
  if (counting && rc) { /* the transaction failed: take the counts back */
    job.sign = -1;
    count_rows(&job);
  } else if (!counting && !rc) { /* no thread: count now */
    count_rows(&job);
  }
  for (int i = 0; !rc && i < n; i++) index_record(a, r, rows[i].pos, rows[i].id, (const char *const *)rows[i].v, +1);
  if (!rc) *count = n;
  pthread_rwlock_unlock(&a->lock);
  arena_release(&ar);
  free(rows);
  return rc;
}

int app_record_export(app *a, const user *u, const reg_def *r, const record_filter *f, buf *out, dv_err *e) {
  list_ctx lc;
  int total;
  int rc = list_records(a, u, r, f, NULL, 1, &lc, &total, e);
  int first = 1;
  for (int i = 0; !rc && i < r->nfields; i++) {
    if (r->fields[i].noimport) continue;
    if (!first) buf_addc(out, ',');
    buf_adds(out, r->fields[i].name);
    first = 0;
  }
  if (!rc) buf_addc(out, '\n');
  /* oldest first, as they were entered: a round trip keeps the order */
  for (int k = lc.n - 1; !rc && k >= 0; k--) {
    first = 1;
    for (int i = 0; i < r->nfields; i++) {
      if (r->fields[i].noimport) continue;
      if (!first) buf_addc(out, ',');
      esc_csv(out, lc.rows[k].values[i]);
      first = 0;
    }
    buf_addc(out, '\n');
  }
  records_free(lc.rows, lc.n);
  return rc;
}

int app_record_export_rows(app *a, const user *u, const reg_def *r, const record_filter *f, record **rows, int *n,
                           dv_err *e) {
  list_ctx lc;
  int total;
  int rc = list_records(a, u, r, f, NULL, 1, &lc, &total, e);
  for (int i = 0, k = lc.n - 1; i < k; i++, k--) { /* oldest first, as the CSV export */
    record tmp = lc.rows[i];
    lc.rows[i] = lc.rows[k];
    lc.rows[k] = tmp;
  }
  *rows = lc.rows;
  *n = lc.n;
  return rc;
}

/* ---------------- attachments ---------------- */

/* the record's unit position if u may read it (write: change it); caller holds a lock */
static int record_access(app *a, const user *u, const reg_def *r, int64_t record_id, int write, dv_err *e) {
  int64_t unit_id;
  char *data, *priv;
  if (store_record_get(app_store(a), r->code, record_id, &unit_id, &data, &priv, NULL))
    return dv_fail(e, DV_ENOTFOUND, 0, "id", "không tìm thấy bản ghi %lld", (long long)record_id);
  free(data), free(priv);
  int pos = tree_find_id(&a->t, unit_id);
  if (!(write ? app_can_write(a, u, pos) : app_can_read(a, u, pos)))
    return dv_fail(e, DV_EFORBIDDEN, 0, "id", "bản ghi ngoài phạm vi của bạn");
  return 0;
}

static int attachment_name_ok(const char *name) {
  size_t n = strlen(name);
  if (!n || n > 200 || !text_valid_utf8(name, n) || has_control(name, 0)) return 0;
  return !strchr(name, '/') && !strchr(name, '\\') && !strchr(name, '"');
}

int app_attachment_add(app *a, const user *u, const reg_def *r, int64_t record_id, const char *name,
                       const void *data, size_t len, int64_t *id, dv_err *e) {
  if (!r->attachments) return dv_fail(e, DV_EINVAL, 0, "file", "sổ %s không nhận tệp đính kèm", r->code);
  if (!attachment_name_ok(name)) return dv_fail(e, DV_EINVAL, 0, "file", "tên tệp không hợp lệ");
  if (len > ATTACH_MAX) return dv_fail(e, DV_ETOOLARGE, 0, "file", "tệp quá lớn: tối đa %u MB", ATTACH_MAX >> 20);
  const char *by_name = type_of_name(name), *by_content = sniff_type(data, len);
  if (!by_name) return dv_fail(e, DV_EINVAL, 0, "file", "chỉ nhận tệp PDF, DOCX, PNG, JPEG");
  if (!by_content || strcmp(by_name, by_content))
    return dv_fail(e, DV_EINVAL, 0, "file", "nội dung tệp %s không đúng loại tệp theo tên", name);
  unsigned char h[crypto_hash_sha256_BYTES];
  char hex[65];
  crypto_hash_sha256(h, data, len);
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  store *s = app_store(a);
  pthread_rwlock_rdlock(&a->lock);
  int rc = record_access(a, u, r, record_id, 1, e);
  pthread_rwlock_unlock(&a->lock);
  if (!rc) rc = store_begin(s, e);
  if (!rc) {
    rc = store_attachment_insert(s, record_id, name, by_content, data, len, hex, u ? u->id : 0, id, e);
    json_t *o = json_pack("{s:s, s:s, s:I, s:s}", "name", name, "type", by_content, "size", (json_int_t)len, "sha256", hex);
    char *after = json_dumps(o, JSON_COMPACT);
    int64_t uid;
    const char *login;
    actor_of(u, &uid, &login);
    if (!rc) rc = store_audit(s, uid, login, "attachment.add", r->code, record_id, NULL, after, e);
    free(after);
    json_decref(o);
    if (!rc) rc = store_commit(s, e);
    if (rc) store_rollback(s);
    }
  return rc;
}

int app_attachment_list(app *a, const user *u, const reg_def *r, int64_t record_id, attachment_info **rows, int *n,
                        dv_err *e) {
  *rows = NULL;
  *n = 0;
  pthread_rwlock_rdlock(&a->lock);
  int rc = record_access(a, u, r, record_id, 0, e);
  pthread_rwlock_unlock(&a->lock);
  return rc ? rc : store_attachment_list(app_store(a), record_id, rows, n);
}

int app_attachment_get(app *a, const user *u, int64_t id, attachment_info *info, char **data, dv_err *e) {
  store *s = app_store(a);
  char reg[64];
  *data = NULL;
  if (store_attachment_get(s, id, info, data) || store_record_register(s, info->record_id, reg, sizeof reg)) {
    free(*data);
    *data = NULL;
    return dv_fail(e, DV_ENOTFOUND, 0, "id", "không tìm thấy tệp %lld", (long long)id);
  }
  const reg_def *r = app_register(a, reg);
  pthread_rwlock_rdlock(&a->lock);
  int rc = r ? record_access(a, u, r, info->record_id, 0, e) : DV_ENOTFOUND;
  pthread_rwlock_unlock(&a->lock);
  if (rc) free(*data), *data = NULL;
  return rc;
}

/* the first unit-reference field (responsible unit), or -1 */
static int unitref_field(const reg_def *r) {
  for (int i = 0; i < r->nfields; i++)
    if (r->fields[i].type == FT_UNITREF) return i;
  return -1;
}

/* Overdue records of the subtree: by the responsible unit where the
 * register names one (conclusions), else by the record's unit (letters). */
int app_record_overdue(app *a, const user *u, const reg_def *r, const char *unit_code, const char *period_id,
                       int *count, dv_err *e) {
  record *rows;
  int n, total, rf = unitref_field(r), rc;
  *count = 0;
  if (rf < 0) {
    record_filter f = {unit_code, period_id, NULL, NULL, NULL, 0, 0};
    rc = app_record_list(a, u, r, &f, &rows, &n, &total, e);
  } else {
    pthread_rwlock_rdlock(&a->lock);
    int root = unit_code ? app_unit_pos_readable(a, u, unit_code, period_id) : u ? tree_find_id(&a->t, u->unit_id) : -1;
    rc = root < 0 ? dv_fail(e, DV_ENOTFOUND, 0, "unit", "không có đơn vị")
         : !app_can_read(a, u, root) ? dv_fail(e, DV_EFORBIDDEN, 0, "unit", "đơn vị ngoài phạm vi của bạn") : 0;
    record_query q = {r->code, 0, -2000000000, 2000000000, NULL, NULL, NULL, 0, 0, 0, 0, NULL};
    n = 0, rows = NULL;
    if (!rc) rc = app_record_rows(a, NULL, r, &q, &rows, &n, &total, e);
    for (int i = 0; i < n; i++) {
      int day = record_day(a, r, (const char *const *)rows[i].values);
      if (!tree_in_subtree(&a->t, root, app_unit_pos_on(a, rows[i].values[rf], day))) rows[i].overdue = 0;
    }
    pthread_rwlock_unlock(&a->lock);
  }
  for (int i = 0; i < n; i++) *count += rows[i].overdue;
  records_free(rows, n);
  return rc;
}

/* ---------------- stages ---------------- */

void stage_events_free(stage_event *rows, int n) {
  for (int i = 0; i < n; i++) free(rows[i].comment);
  free(rows);
}

/* the unit's own officers and approvers, or approvers of a unit strictly above it */
static int actor_may(app *a, const user *u, stage_actor by, int pos) {
  if (!u || pos < 0) return u == NULL; /* the command line acts for the system */
  int up = tree_find_id(&a->t, u->unit_id);
  if (up < 0) return 0;
  if (by == ACTOR_OWN) return up == pos && u->role >= ROLE_OFFICER;
  return up != pos && tree_in_subtree(&a->t, up, pos) && u->role >= ROLE_APPROVER;
}

static const char *option_label(const reg_field *f, const char *code) {
  int k = reg_option_index(f, code);
  return k >= 0 ? f->opts[k].label : code;
}

int app_record_transition(app *a, const user *u, const reg_def *r, int64_t id, const char *to, const char *date,
                          const char *comment, dv_err *e) {
  if (r->stage_field < 0) return dv_fail(e, DV_EINVAL, 0, "stage", "sổ %s không có các bước", r->code);
  const reg_field *sf = &r->fields[r->stage_field];
  int day = app_today(a);
  if (date && *date && date_parse(date, &day)) return dv_fail(e, DV_EINVAL, 0, "date", "ngày không hợp lệ: %s", date);
  char *cm = text_nfc(comment ? comment : "");
  if (!cm || strlen(cm) > 4000 || has_control(cm, 1)) {
    free(cm);
    return dv_fail(e, DV_EINVAL, 0, "comment", "nhận xét không hợp lệ (tối đa 4.000 ký tự)");
  }
  char *v[REG_MAX_FIELDS] = {0};
  store *s = app_store(a);
  int pos = -1;
  int gen = write_begin(a);
  int rc = load_values(a, s, r, id, v, &pos, NULL, e);
  const reg_transition *t = rc ? NULL : reg_transition_find(r, v[r->stage_field], to);
  if (!rc && !t)
    rc = dv_fail(e, DV_EINVAL, 0, "stage", "không chuyển được từ \"%s\" sang \"%s\"", option_label(sf, v[r->stage_field]),
                 option_label(sf, to));
  else if (!rc && !actor_may(a, u, t->by, pos))
    rc = dv_fail(e, DV_EFORBIDDEN, 0, "stage", "bước \"%s\" do %s thực hiện", option_label(sf, to),
                 t->by == ACTOR_OWN ? "cán bộ của đơn vị" : "người phê duyệt của đơn vị cấp trên");
  if (!rc) rc = check_unlocked(a, r, pos, (const char *const *)v, e);
  char *from = rc ? NULL : xstrdup(v[r->stage_field]);
  if (!rc) rc = store_begin(s, e);
  if (!rc) {
    char *before = audit_json(r, (const char *const *)v);
    free(v[r->stage_field]);
    v[r->stage_field] = xstrdup(to);
    rc = write_record(a, s, u, r, pos, &id, (const char *const *)v, "update", before, NULL, e);
    int64_t uid;
    const char *login;
    actor_of(u, &uid, &login);
    if (!rc) rc = store_event_insert(s, id, day, uid, login, from, to, cm, e);
    free(before);
    if (!rc) rc = store_commit(s, e);
    if (rc) store_rollback(s);
  }
  if (!rc && write_counting(a, gen)) {
    char *old[REG_MAX_FIELDS] = {0};
    for (int i = 0; i < r->nfields; i++) old[i] = xstrdup(i == r->stage_field ? from : v[i]);
    count_record(a, r, pos, (const char *const *)old, -1, NULL);
    count_record(a, r, pos, (const char *const *)v, +1, NULL);
    index_record(a, r, pos, id, (const char *const *)old, -1);
    index_record(a, r, pos, id, (const char *const *)v, +1);
    free_values(r, old);
  }
  write_end(a);
  free_values(r, v);
  free(from), free(cm);
  return rc;
}

int app_record_next_stages(app *a, const user *u, const reg_def *r, int64_t id, const char **out, int max) {
  if (r->stage_field < 0) return 0;
  char *v[REG_MAX_FIELDS] = {0};
  int pos, n = 0;
  dv_err e;
  pthread_rwlock_rdlock(&a->lock);
  if (!load_values(a, app_store(a), r, id, v, &pos, NULL, &e))
    for (int i = 0; i < r->ntrans && n < max; i++)
      if (!strcmp(r->trans[i].from, v[r->stage_field]) && actor_may(a, u, r->trans[i].by, pos)) out[n++] = r->trans[i].to;
  pthread_rwlock_unlock(&a->lock);
  free_values(r, v);
  return n;
}

int app_record_history(app *a, const user *u, const reg_def *r, int64_t id, stage_event **rows, int *n, dv_err *e) {
  *rows = NULL;
  *n = 0;
  pthread_rwlock_rdlock(&a->lock);
  int rc = record_access(a, u, r, id, 0, e);
  pthread_rwlock_unlock(&a->lock);
  return rc ? rc : store_event_list(app_store(a), id, rows, n);
}

/* keeps the rows whose field names the user's own unit on the record's day:
 * a code the new tree reused (11329 was Phường Máy Chai, it is now Phường
 * Ngô Quyền) names another unit before or after the reform */
static void keep_assigned_to(app *a, const user *u, const reg_def *r, int fi, record *rows, int *n, int *total) {
  int up = tree_find_id(&a->t, u->unit_id), k = 0;
  for (int i = 0; i < *n; i++) {
    int pos = r->fields[fi].type == FT_UNIT ? tree_find_id(&a->t, rows[i].unit_id)
                                            : app_record_unitref_pos(a, r, (const char *const *)rows[i].values, fi);
    if (pos >= 0 && pos == up) rows[k++] = rows[i];
    else record_release(&rows[i]);
  }
  *total -= *n - k;
  *n = k;
}

int app_record_assigned(app *a, const user *u, const reg_def *r, const char *field, const char *period_id,
                        record **rows, int *n, int *total, dv_err *e) {
  *rows = NULL;
  *n = *total = 0;
  int fi = reg_field_index(r, field ? field : "");
  if (fi < 0 || (r->fields[fi].type != FT_UNITREF && r->fields[fi].type != FT_UNIT))
    return dv_fail(e, DV_EINVAL, 0, "field", "trường %s không chỉ đơn vị", field ? field : "");
  if (!u) return dv_fail(e, DV_EINVAL, 0, "", "cần người dùng");
  record_query q = {r->code, 0, -2000000000, 2000000000, NULL, field, u->unit_code, 0, 0, 0, 0, NULL};
  if (period_id && *period_id) {
    period p;
    if (period_parse(period_id, &p)) return dv_fail(e, DV_EINVAL, 0, "period", "kỳ báo cáo không hợp lệ: %s", period_id);
    period_window(&p, &a->cfg, &q.first_day, &q.last_day);
  }
  pthread_rwlock_rdlock(&a->lock);
  int rc = app_record_rows(a, NULL, r, &q, rows, n, total, e);
  if (!rc) keep_assigned_to(a, u, r, fi, *rows, n, total);
  pthread_rwlock_unlock(&a->lock);
  return rc;
}
