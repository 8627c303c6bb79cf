/* CSV imports: strict and all or nothing. Every row is checked first; only a
 * file without errors is written, in one transaction, with one audit entry. */
#include "app/app_internal.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/text.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct header {
  const char *file;
  int idx[16]; /* column index per expected name, -1 if absent */
} header;

/* required names first, then optional; any other column is an error */
static int read_header(csv_reader *r, const char *file, const char *const *req, int nreq, const char *const *opt,
                       int nopt, header *h, dv_err *e) {
  h->file = file;
  int rc = csv_next(r);
  if (rc < 0) return dv_fail(e, DV_EINVAL, r->record_line, "", "%s: %s", file, r->err);
  if (rc == 0) return dv_fail(e, DV_EINVAL, 1, "", "%s: tệp rỗng, thiếu dòng tiêu đề", file);
  for (int i = 0; i < nreq + nopt; i++) h->idx[i] = csv_col(r->fields, r->nfields, i < nreq ? req[i] : opt[i - nreq]);
  for (int i = 0; i < nreq; i++)
    if (h->idx[i] < 0) return dv_fail(e, DV_EINVAL, 1, req[i], "%s: dòng 1: thiếu cột \"%s\"", file, req[i]);
  for (int c = 0; c < r->nfields; c++) {
    int known = 0;
    for (int i = 0; i < nreq + nopt; i++) known |= h->idx[i] == c;
    if (!known) return dv_fail(e, DV_EINVAL, 1, r->fields[c], "%s: dòng 1: cột không xác định \"%s\"", file, r->fields[c]);
    for (int d = 0; d < c; d++)
      if (strcmp(r->fields[c], r->fields[d]) == 0)
        return dv_fail(e, DV_EINVAL, 1, r->fields[c], "%s: dòng 1: cột \"%s\" lặp lại", file, r->fields[c]);
  }
  return 0;
}

/* the field of column i of the current record, "" if the column is absent */
static const char *fld(csv_reader *r, const header *h, int i) {
  int c = h->idx[i];
  return c >= 0 && c < r->nfields ? r->fields[c] : "";
}

static int row_width(csv_reader *r, const header *h, int ncols, dv_err *e) {
  int want = 0;
  for (int i = 0; i < ncols; i++)
    if (h->idx[i] >= 0) want++;
  if (r->nfields != want)
    return dv_fail(e, DV_EINVAL, r->record_line, "", "%s: dòng %d: có %d trường, cần %d", h->file, r->record_line,
                   r->nfields, want);
  for (int i = 0; i < r->nfields; i++)
    if (!text_valid_utf8(r->fields[i], strlen(r->fields[i])))
      return dv_fail(e, DV_EINVAL, r->record_line, "", "%s: dòng %d, cột %d: không phải UTF-8 hợp lệ", h->file,
                     r->record_line, i + 1);
  return 0;
}

static int bad(dv_err *e, const header *h, int line, const char *field, const char *what, const char *value) {
  return dv_fail(e, DV_EINVAL, line, field, "%s: dòng %d, trường \"%s\": %s \"%s\"", h->file, line, field, what, value);
}

static void audit_import(store *s, const user *u, const char *what, const char *file, int count, dv_err *e) {
  buf b;
  buf_init(&b, 0);
  buf_addf(&b, "{\"file\":\"%s\",\"rows\":%d}", "", count);
  buf_reset(&b);
  buf_adds(&b, "{\"file\":");
  buf_adds(&b, "\"");
  for (const char *p = file; *p; p++)
    if (*p != '"' && *p != '\\' && (unsigned char)*p >= 0x20) buf_addc(&b, *p);
  buf_addf(&b, "\",\"rows\":%d}", count);
  int64_t uid;
  const char *login;
  actor_of(u, &uid, &login);
  store_audit(s, uid, login, what, "import", 0, NULL, b.s, e);
  buf_release(&b);
}

/* ---------------- units ---------------- */

typedef struct unit_in {
  char *code, *name, *type, *parent;
  int level, line, valid_from, valid_to;
  int64_t id;
} unit_in;

static int cmp_level(const void *a, const void *b) {
  const unit_in *x = a, *y = b;
  return x->level != y->level ? x->level - y->level : x->line - y->line;
}

/* default level names from the unit types found at each level */
/* names levels that have none yet; names already given (by an admin, or
 * the demo's "Thành phố") are kept when more units are imported */
static void name_levels(app *a, store *s, int maxlevel, dv_err *e) {
  char tmp[8];
  for (int l = 1; l <= maxlevel && l <= TREE_MAX_LEVELS; l++) {
    if (a->t.levels[l].name) continue;
    char **types;
    int n, prov = 0, dist = 0, comm = 0, city_only = 1;
    store_level_types(s, l, &types, &n);
    for (int i = 0; i < n; i++) {
      const char *t = types[i];
      if (!strcmp(t, "Tỉnh") || !strcmp(t, "Thành phố trực thuộc trung ương")) prov = 1;
      if (strcmp(t, "Thành phố trực thuộc trung ương")) city_only = 0;
      if (!strcmp(t, "Quận") || !strcmp(t, "Huyện") || !strcmp(t, "Thị xã") || !strncmp(t, "Thành phố thuộc", 17))
        dist = 1;
      if (!strcmp(t, "Xã") || !strcmp(t, "Phường") || !strcmp(t, "Thị trấn") || !strcmp(t, "Đặc khu")) comm = 1;
      free(types[i]);
    }
    free(types);
    char name[64], cap[64], shortn[64];
    snprintf(tmp, sizeof tmp, "%d", l);
    if (prov) snprintf(name, 64, "%s", city_only ? "Thành phố" : "Tỉnh, thành phố"), snprintf(cap, 64, "Cấp tỉnh"),
        snprintf(shortn, 64, "Tỉnh");
    else if (dist) snprintf(name, 64, "Quận, huyện"), snprintf(cap, 64, "Cấp huyện"), snprintf(shortn, 64, "Huyện");
    else if (comm) snprintf(name, 64, "Xã, phường"), snprintf(cap, 64, "Cấp xã"), snprintf(shortn, 64, "Xã");
    else if (l == 1) snprintf(name, 64, "Trung ương"), snprintf(cap, 64, "Cấp trung ương"), snprintf(shortn, 64, "Trung ương");
    else snprintf(name, 64, "Cấp %s", tmp), snprintf(cap, 64, "Cấp %s", tmp), snprintf(shortn, 64, "Cấp %s", tmp);
    char have[8];
    (void)have;
    store_level_set(s, l, name, cap, shortn, e);
  }
}

/* optional validity dates of a unit (the 2025 reform ends many units) */
static int validity(const header *h, unit_in *u, const char *from, const char *to, dv_err *e) {
  u->valid_from = u->valid_to = 0;
  if (*from && date_parse(from, &u->valid_from)) return bad(e, h, u->line, "valid_from", "ngày không hợp lệ", from);
  if (*to && date_parse(to, &u->valid_to)) return bad(e, h, u->line, "valid_to", "ngày không hợp lệ", to);
  if (u->valid_from && u->valid_to && u->valid_from > u->valid_to) return bad(e, h, u->line, "valid_to", "ngày kết thúc trước ngày bắt đầu", to);
  return 0;
}

static int cmp_code(const void *x, const void *y) { return strcmp(((const unit_in *)x)->code, ((const unit_in *)y)->code); }

/* in a file's units sorted by code */
static const unit_in *find_in_file(const unit_in *sorted, int n, const char *code) {
  unit_in key = {.code = (char *)code};
  return bsearch(&key, sorted, (size_t)n, sizeof *sorted, cmp_code);
}

/* a code twice in the file: named at its later line */
static int no_duplicate_codes(unit_in *sorted, int n, const header *h, dv_err *e) {
  for (int i = 1; i < n; i++)
    if (!strcmp(sorted[i].code, sorted[i - 1].code)) {
      int line = sorted[i].line > sorted[i - 1].line ? sorted[i].line : sorted[i - 1].line;
      return bad(e, h, line, "code", "mã đơn vị lặp lại trong tệp", sorted[i].code);
    }
  return 0;
}

static int check_unit(app *a, store *s, unit_in *u, unit_in *all, int n, const header *h, dv_err *e) {
  if (!u->code[0]) return bad(e, h, u->line, "code", "thiếu mã đơn vị", "");
  if (strlen(u->code) > 30) return bad(e, h, u->line, "code", "mã quá dài", u->code);
  for (const char *p = u->code; *p; p++)
    if ((unsigned char)*p <= ' ' || *p == ',') return bad(e, h, u->line, "code", "mã có ký tự không hợp lệ", u->code);
  if (!u->name[0]) return bad(e, h, u->line, "name", "thiếu tên đơn vị", "");
  if (!u->type[0]) return bad(e, h, u->line, "type", "thiếu loại đơn vị", "");
  if (u->level < 1 || u->level > TREE_MAX_LEVELS) return bad(e, h, u->line, "level", "cấp phải là số từ 1 đến 8", "");
  if (app_unit_pos(a, u->code) >= 0) return bad(e, h, u->line, "code", "mã đơn vị đã có", u->code);
  if (u->level == 1 && u->parent[0]) return bad(e, h, u->line, "parent_code", "đơn vị cấp 1 không có cấp trên", u->parent);
  if (u->level > 1 && !u->parent[0]) return bad(e, h, u->line, "parent_code", "thiếu mã đơn vị cấp trên", "");
  if (!u->parent[0]) return 0;
  int plevel = 0;
  const unit_in *p = find_in_file(all, n, u->parent);
  if (p) plevel = p->level;
  if (!plevel) {
    int pos = app_unit_pos(a, u->parent);
    if (pos >= 0) plevel = a->t.u[pos].level;
  }
  if (!plevel) return bad(e, h, u->line, "parent_code", "không có đơn vị cấp trên mã", u->parent);
  if (plevel != u->level - 1) {
    char lv[16];
    snprintf(lv, sizeof lv, "%d", u->level);
    return bad(e, h, u->line, "level", "cấp phải bằng cấp của đơn vị cấp trên + 1, không phải", lv);
  }
  return 0;
}

static void free_units(unit_in *v, int n) {
  for (int i = 0; i < n; i++) free(v[i].code), free(v[i].name), free(v[i].type), free(v[i].parent);
  free(v);
}

int app_import_units(app *a, const char *file, const char *data, size_t len, dv_err *e) {
  static const char *const req[] = {"code", "name", "type", "level", "parent_code"};
  static const char *const opt[] = {"valid_from", "valid_to"};
  csv_reader r;
  header h;
  csv_init(&r, data, len);
  int rc = read_header(&r, file, req, 5, opt, 2, &h, e);
  unit_in *v = NULL;
  int n = 0, cap = 0, got;
  while (!rc && (got = csv_next(&r)) != 0) {
    if (got < 0) {
      rc = dv_fail(e, DV_EINVAL, r.record_line, "", "%s: %s", file, r.err);
      break;
    }
    if ((rc = row_width(&r, &h, 7, e))) break;
    if (n == cap) v = xrealloc(v, sizeof *v * (size_t)(cap = cap ? cap * 2 : 256));
    unit_in *u = &v[n++];
    memset(u, 0, sizeof *u);
    u->line = r.record_line;
    u->code = text_trim(xstrdup(fld(&r, &h, 0)));
    u->name = text_nfc(fld(&r, &h, 1));
    u->type = text_nfc(fld(&r, &h, 2));
    text_trim(u->name), text_trim(u->type);
    u->parent = text_trim(xstrdup(fld(&r, &h, 4)));
    char *end;
    const char *lv = fld(&r, &h, 3);
    long l = strtol(lv, &end, 10);
    u->level = (*lv && !*end) ? (int)l : -1;
    if (u->level < 0) rc = bad(e, &h, u->line, "level", "cấp không phải số nguyên", lv);
    if (!rc) rc = validity(&h, u, fld(&r, &h, 5), fld(&r, &h, 6), e);
  }
  csv_release(&r);
  store *s = app_store(a);
  pthread_rwlock_wrlock(&a->lock);
  unit_in *sorted = xmalloc(sizeof *v * (size_t)(n + 1)); /* shallow copies for lookups */
  if (n) memcpy(sorted, v, sizeof *v * (size_t)n);
  qsort(sorted, (size_t)n, sizeof *v, cmp_code);
  if (!rc) rc = no_duplicate_codes(sorted, n, &h, e);
  for (int i = 0; !rc && i < n; i++) rc = check_unit(a, s, &v[i], sorted, n, &h, e); /* in file order */
  free(sorted);
  if (!rc) {
    qsort(v, (size_t)n, sizeof *v, cmp_level);
    rc = store_begin(s, e);
    int maxlevel = 0;
    for (int i = 0; !rc && i < n; i++) {
      int64_t pid = v[i].parent[0] ? store_unit_id(s, v[i].parent) : 0;
      rc = store_unit_insert(s, v[i].code, v[i].name, v[i].type, v[i].level, pid, v[i].valid_from, v[i].valid_to,
                             &v[i].id, e);
      if (v[i].level > maxlevel) maxlevel = v[i].level;
    }
    if (!rc) {
      name_levels(a, s, maxlevel, e);
      audit_import(s, NULL, "import.units", file, n, e);
      rc = store_commit(s, e);
    }
    if (rc) store_rollback(s);
    else rc = app_model_load(a, s, e);
  }
  pthread_rwlock_unlock(&a->lock);
  free_units(v, n);
  return rc;
}

/* ---------------- values ---------------- */

typedef struct cell_ref {
  const value_plan *v;
  const char *period;
} cell_ref;

static int cmp_cell(const void *x, const void *y) {
  const cell_ref *a = x, *b = y;
  if (a->v->element != b->v->element) return a->v->element - b->v->element;
  if (a->v->combo != b->v->combo) return a->v->combo - b->v->combo;
  if (a->v->pos != b->v->pos) return a->v->pos - b->v->pos;
  int c = strcmp(a->period, b->period);
  return c ? c : a->v->line - b->v->line;
}

/* a cell given twice in one file is an error, not "the last one wins" */
static int no_duplicate_cells(const value_plan *v, char **periods, int n, const char *file, dv_err *e) {
  cell_ref *c = xmalloc(sizeof *c * (size_t)(n + 1));
  for (int i = 0; i < n; i++) c[i] = (cell_ref){&v[i], periods[i]};
  qsort(c, (size_t)n, sizeof *c, cmp_cell);
  int rc = 0;
  for (int i = 1; !rc && i < n; i++)
    if (c[i].v->element == c[i - 1].v->element && c[i].v->combo == c[i - 1].v->combo && c[i].v->pos == c[i - 1].v->pos &&
        !strcmp(c[i].period, c[i - 1].period))
      rc = dv_fail(e, DV_EINVAL, c[i].v->line, "value", "%s: dòng %d, trường \"value\": ô số liệu này đã có ở dòng %d",
                   file, c[i].v->line, c[i - 1].v->line);
  free(c);
  return rc;
}

int app_import_values(app *a, const user *u, const char *file, const char *data, size_t len, int *count, dv_err *e) {
  static const char *const req[] = {"element", "combo", "period", "unit", "value"};
  csv_reader r;
  header h;
  csv_init(&r, data, len);
  int rc = read_header(&r, file, req, 5, NULL, 0, &h, e);
  value_plan *v = NULL;
  char **periods = NULL;
  int n = 0, cap = 0, got;
  pthread_rwlock_wrlock(&a->lock);
  while (!rc && (got = csv_next(&r)) != 0) {
    if (got < 0) {
      rc = dv_fail(e, DV_EINVAL, r.record_line, "", "%s: %s", file, r.err);
      break;
    }
    if ((rc = row_width(&r, &h, 5, e))) break;
    if (n == cap) {
      cap = cap ? cap * 2 : 1024;
      v = xrealloc(v, sizeof *v * (size_t)cap);
      periods = xrealloc(periods, sizeof(char *) * (size_t)cap);
    }
    memset(&v[n], 0, sizeof v[n]);
    periods[n] = xstrdup(fld(&r, &h, 2));
    n++;
    period p;
    if (period_parse(periods[n - 1], &p)) {
      rc = bad(e, &h, r.record_line, "period", "kỳ báo cáo không hợp lệ", periods[n - 1]);
      break;
    }
    dv_err sub;
    if (plan_value(a, u, fld(&r, &h, 0), fld(&r, &h, 1), fld(&r, &h, 3), fld(&r, &h, 4), r.record_line, &v[n - 1], &sub))
      rc = dv_fail(e, sub.code, r.record_line, sub.field, "%s: dòng %d, trường \"%s\": %s", file, r.record_line,
                   sub.field, sub.msg);
    v[n - 1].line = r.record_line;
  }
  csv_release(&r);
  if (!rc) rc = no_duplicate_cells(v, periods, n, file, e);
  if (!rc) rc = put_values(a, u, v, periods, n, e);
  if (!rc) {
    audit_import(app_store(a), u, "import.values", file, n, e);
    *count = n;
  }
  pthread_rwlock_unlock(&a->lock);
  free_plans(v, n);
  for (int i = 0; i < n; i++) free(periods[i]);
  free(periods);
  return rc;
}
