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
  int level, kind, line, valid_from, valid_to; /* a body's level: 0 until its area's is known */
  int depth; /* a body: how many bodies above it in the file, so parents are written first */
  int64_t id;
  int continues; /* an edition import: the position of the unit it continues, else -1 */
} unit_in;

static int cmp_level(const void *a, const void *b) {
  const unit_in *x = a, *y = b;
  if (x->level != y->level) return x->level - y->level;
  if ((x->kind != KIND_AREA) != (y->kind != KIND_AREA)) return (x->kind != KIND_AREA) - (y->kind != KIND_AREA);
  return x->depth != y->depth ? x->depth - y->depth : x->line - y->line;
}

/* a level's default names from the unit types found there */
static void level_names_of(char **types, int n, int level, char *name, char *cap, char *shortn) {
  int prov = 0, dist = 0, comm = 0, city_only = n > 0;
  for (int i = 0; i < n; i++) {
    const char *t = types[i];
    if (!strcmp(t, "Tỉnh") || !strcmp(t, "Thành phố trực thuộc trung ương")) prov = 1;
    if (strcmp(t, "Thành phố trực thuộc trung ương")) city_only = 0;
    if (!strcmp(t, "Quận") || !strcmp(t, "Huyện") || !strcmp(t, "Thị xã") || !strncmp(t, "Thành phố thuộc", 17))
      dist = 1;
    if (!strcmp(t, "Xã") || !strcmp(t, "Phường") || !strcmp(t, "Thị trấn") || !strcmp(t, "Đặc khu")) comm = 1;
  }
  const char *nm, *cp, *sh;
  if (prov) nm = city_only ? "Thành phố" : "Tỉnh, thành phố", cp = "Cấp tỉnh", sh = "Tỉnh";
  else if (dist) nm = "Quận, huyện", cp = "Cấp huyện", sh = "Huyện";
  else if (comm) nm = "Xã, phường", cp = "Cấp xã", sh = "Xã";
  else if (level == 1) nm = "Trung ương", cp = "Cấp trung ương", sh = "Trung ương";
  else nm = cp = sh = NULL;
  if (nm) {
    snprintf(name, 64, "%s", nm), snprintf(cap, 64, "%s", cp), snprintf(shortn, 64, "%s", sh);
    return;
  }
  snprintf(name, 64, "Cấp %d", level), snprintf(cap, 64, "Cấp %d", level), snprintf(shortn, 64, "Cấp %d", level);
}

static int has_level_name(const tree *t, int from_day, int level) {
  for (int k = 0; k < t->ned; k++)
    if (t->ed[k].from_day == from_day) return t->ed[k].levels[level].name != NULL;
  return 0;
}

/* Names the levels of the edition from from_day that have no name yet,
 * from the types of the file's units at each level and of the units
 * already there; names given before (by an admin, or the demo's "Thành
 * phố") are kept. */
static void name_levels(app *a, store *s, const unit_in *v, int n, int from_day, dv_err *e) {
  for (int l = 1; l <= TREE_MAX_LEVELS; l++) {
    if (has_level_name(&a->t, from_day, l)) continue;
    char **types = NULL;
    int nt = 0;
    for (int i = 0; i < n; i++)
      if (v[i].level == l && v[i].kind == KIND_AREA) types = xrealloc(types, sizeof *types * (size_t)(nt + 1)), types[nt++] = v[i].type;
    int present = nt > 0;
    for (int p = 0; from_day == 0 && p < a->t.n; p++) /* a first edition grown by more files */
      if (a->t.u[p].level == l && a->t.u[p].kind == KIND_AREA) types = xrealloc(types, sizeof *types * (size_t)(nt + 1)), types[nt++] = a->t.u[p].type, present = 1;
    if (present) {
      char name[64], cap[64], shortn[64];
      level_names_of(types, nt, l, name, cap, shortn);
      store_level_set(s, from_day, l, name, cap, shortn, e);
    }
    free(types);
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

static int cmp_code(const void *x, const void *y) {
  return strcmp((*(unit_in *const *)x)->code, (*(unit_in *const *)y)->code);
}

/* in a file's units sorted by code */
static unit_in *find_in_file(unit_in **sorted, int n, const char *code) {
  unit_in key = {.code = (char *)code}, *kp = &key;
  unit_in **r = bsearch(&kp, sorted, (size_t)n, sizeof *sorted, cmp_code);
  return r ? *r : NULL;
}

/* a code twice in the file: named at its later line */
static int no_duplicate_codes(unit_in **sorted, int n, const header *h, dv_err *e) {
  for (int i = 1; i < n; i++)
    if (!strcmp(sorted[i]->code, sorted[i - 1]->code)) {
      int line = sorted[i]->line > sorted[i - 1]->line ? sorted[i]->line : sorted[i - 1]->line;
      return bad(e, h, line, "code", "mã đơn vị lặp lại trong tệp", sorted[i]->code);
    }
  return 0;
}

typedef struct unit_import {
  app *a;
  const header *h;
  unit_in *v, **sorted; /* file order (then level order); the same by code */
  int n;
  int from; /* an edition import: its first day; 0 = units added to the tree */
} unit_import;

static int check_fields(const unit_import *im, const unit_in *u, dv_err *e) {
  const header *h = im->h;
  if (!u->code[0]) return bad(e, h, u->line, "code", "thiếu mã đơn vị", "");
  if (strlen(u->code) > 30) return bad(e, h, u->line, "code", "mã quá dài", u->code);
  for (const char *p = u->code; *p; p++)
    if ((unsigned char)*p <= ' ' || *p == ',') return bad(e, h, u->line, "code", "mã có ký tự không hợp lệ", u->code);
  if (!u->name[0]) return bad(e, h, u->line, "name", "thiếu tên đơn vị", "");
  if (!u->type[0]) return bad(e, h, u->line, "type", "thiếu loại đơn vị", "");
  if (u->kind != KIND_AREA && !u->parent[0])
    return bad(e, h, u->line, "parent_code", "cơ quan, tổ chức phải thuộc một địa bàn: thiếu mã", "");
  if (u->level < 1 || u->level > TREE_MAX_LEVELS) return bad(e, h, u->line, "level", "cấp phải là số từ 1 đến 8", "");
  if (u->kind == KIND_AREA && u->level == 1 && u->parent[0])
    return bad(e, h, u->line, "parent_code", "đơn vị cấp 1 không có cấp trên", u->parent);
  if (u->level > 1 && !u->parent[0]) return bad(e, h, u->line, "parent_code", "thiếu mã đơn vị cấp trên", "");
  if (im->from && (u->valid_from || u->valid_to))
    return bad(e, h, u->line, u->valid_from ? "valid_from" : "valid_to", "tệp của một kỳ mới (--valid-from) không ghi ngày riêng từng đơn vị", "");
  if (!im->from && app_unit_pos(im->a, u->code) >= 0) return bad(e, h, u->line, "code", "mã đơn vị đã có", u->code);
  return 0;
}

/* the level and kind of the parent (in the file, else in the database; an
 * edition's units have their parent in the file); 0 if there is none */
static int parent_of(const unit_import *im, const unit_in *u, int *kind) {
  const unit_in *p = find_in_file(im->sorted, im->n, u->parent);
  if (p) return *kind = p->kind, p->level;
  int pos = im->from ? -1 : app_unit_pos(im->a, u->parent);
  return pos >= 0 ? (*kind = im->a->t.u[pos].kind, im->a->t.u[pos].level) : 0;
}

/* a body without a level takes its area's; bodies under bodies after them */
static void body_levels(unit_import *im) {
  for (int changed = 1, round = 0; changed && round <= im->n; round++) {
    changed = 0;
    for (int i = 0; i < im->n; i++) {
      unit_in *u = &im->v[i];
      if (u->kind == KIND_AREA || !u->parent[0]) continue;
      int pk = KIND_AREA, pl = parent_of(im, u, &pk);
      const unit_in *p = pk != KIND_AREA ? find_in_file(im->sorted, im->n, u->parent) : NULL;
      int depth = p ? p->depth + 1 : 0;
      if ((!u->level && pl) || u->depth != depth) {
        if (!u->level) u->level = pl;
        u->depth = depth;
        changed = 1;
      }
    }
  }
}

/* an area lies one level below its parent area; a body is at its parent's
 * level */
static int check_parent(const unit_import *im, const unit_in *u, dv_err *e) {
  if (!u->parent[0]) return 0;
  const header *h = im->h;
  int pkind = KIND_AREA, plevel = parent_of(im, u, &pkind);
  if (!plevel && im->from && !find_in_file(im->sorted, im->n, u->parent))
    return bad(e, h, u->line, "parent_code", "đơn vị cấp trên không có trong tệp của kỳ mới", u->parent);
  if (!plevel) return bad(e, h, u->line, "parent_code", "không có đơn vị cấp trên mã", u->parent);
  if (u->kind == KIND_AREA && pkind != KIND_AREA)
    return bad(e, h, u->line, "parent_code", "địa bàn không thể thuộc cơ quan, tổ chức", u->parent);
  char lv[16];
  snprintf(lv, sizeof lv, "%d", u->level);
  if (u->kind != KIND_AREA && plevel != u->level)
    return bad(e, h, u->line, "level", "cơ quan, tổ chức ở cấp của địa bàn (để trống hoặc ghi đúng cấp), không phải", lv);
  if (u->kind == KIND_AREA && plevel != u->level - 1)
    return bad(e, h, u->line, "level", "cấp phải bằng cấp của đơn vị cấp trên + 1, không phải", lv);
  return 0;
}

/* An edition from day `from`: a unit of the file continues the unit open
 * the day before with the same code, name and parent (the parent itself
 * continuing); the others begin on `from`. Units are taken in level order,
 * so a parent is decided before its children. */
static void find_continuing(unit_import *im) {
  const tree *t = &im->a->t;
  for (int i = 0; i < im->n; i++) {
    unit_in *u = &im->v[i];
    u->continues = -1;
    int p = tree_find_code_on(t, u->code, im->from - 1);
    if (p < 0 || strcmp(t->u[p].name, u->name) || t->u[p].level != u->level) continue;
    int want_parent = -1;
    if (u->parent[0]) {
      const unit_in *pu = find_in_file(im->sorted, im->n, u->parent);
      if (!pu || pu->continues < 0) continue;
      want_parent = pu->continues;
    }
    if (t->u[p].parent == want_parent) u->continues = p;
  }
}

/* the index by code, made again after the file's units are reordered */
static void resort(unit_import *im) {
  for (int i = 0; i < im->n; i++) im->sorted[i] = &im->v[i];
  qsort(im->sorted, (size_t)im->n, sizeof *im->sorted, cmp_code);
}

static int64_t parent_id_of(const unit_import *im, const unit_in *u) {
  if (!u->parent[0]) return 0;
  const unit_in *p = find_in_file(im->sorted, im->n, u->parent);
  if (p) return p->id;
  int pos = app_unit_pos(im->a, u->parent);
  return pos >= 0 ? im->a->t.u[pos].id : 0;
}

/* a unit added without dates lives as long as its parent */
static void inherit_validity(const unit_import *im, unit_in *u) {
  if (im->from || !u->parent[0] || find_in_file(im->sorted, im->n, u->parent)) return;
  int pos = app_unit_pos(im->a, u->parent);
  if (pos < 0) return;
  if (!u->valid_from) u->valid_from = im->a->t.u[pos].valid_from;
  if (!u->valid_to) u->valid_to = im->a->t.u[pos].valid_to;
}

/* the write: units closed, inserted (parents first), levels named */
static int write_units(unit_import *im, store *s, dv_err *e) {
  app *a = im->a;
  int rc = 0;
  if (im->from) { /* every unit open the day before that the file does not continue ends then */
    char *kept = xcalloc((size_t)a->t.n + 1, 1);
    for (int i = 0; i < im->n; i++)
      if (im->v[i].continues >= 0) kept[im->v[i].continues] = 1;
    for (int p = 0; !rc && p < a->t.n; p++)
      if (!kept[p] && unit_valid_on(&a->t.u[p], im->from - 1)) rc = store_unit_close(s, a->t.u[p].id, im->from - 1, e);
    free(kept);
  }
  for (int i = 0; !rc && i < im->n; i++) {
    unit_in *u = &im->v[i];
    if (u->continues >= 0) {
      u->id = a->t.u[u->continues].id;
      continue;
    }
    if (im->from) u->valid_from = im->from;
    else inherit_validity(im, u);
    unit_row row = {u->code, u->name, u->type, u->level, u->kind, u->valid_from, u->valid_to, parent_id_of(im, u)};
    rc = store_unit_insert(s, &row, &u->id, e);
  }
  if (!rc) name_levels(a, s, im->v, im->n, im->from ? im->from : tree_edition_on(&a->t, 0)->from_day, e);
  return rc;
}

static void free_units(unit_in *v, int n) {
  for (int i = 0; i < n; i++) free(v[i].code), free(v[i].name), free(v[i].type), free(v[i].parent);
  free(v);
}

/* every unit of the file read; the first error stops */
static int read_units(const char *file, const char *data, size_t len, header *h, unit_in **out, int *count, dv_err *e) {
  static const char *const req[] = {"code", "name", "type", "level", "parent_code"};
  static const char *const opt[] = {"valid_from", "valid_to", "kind"};
  csv_reader r;
  csv_init(&r, data, len);
  int rc = read_header(&r, file, req, 5, opt, 3, h, e);
  unit_in *v = NULL;
  int n = 0, cap = 0, got;
  while (!rc && (got = csv_next(&r)) != 0) {
    if (got < 0) {
      rc = dv_fail(e, DV_EINVAL, r.record_line, "", "%s: %s", file, r.err);
      break;
    }
    if ((rc = row_width(&r, h, 8, e))) break;
    if (n == cap) v = xrealloc(v, sizeof *v * (size_t)(cap = cap ? cap * 2 : 256));
    unit_in *u = &v[n++];
    memset(u, 0, sizeof *u);
    u->line = r.record_line;
    u->continues = -1;
    u->code = text_trim(xstrdup(fld(&r, h, 0)));
    u->name = text_nfc(fld(&r, h, 1));
    u->type = text_nfc(fld(&r, h, 2));
    text_trim(u->name), text_trim(u->type);
    u->parent = text_trim(xstrdup(fld(&r, h, 4)));
    const char *kind = fld(&r, h, 7);
    u->kind = unit_kind_parse(kind);
    if (u->kind < 0)
      rc = bad(e, h, u->line, "kind", "loại phải là area, party, front, organisation, government, agency, police, "
                                     "military hoặc court, không phải", kind);
    char *end;
    const char *lv = fld(&r, h, 3);
    long l = strtol(lv, &end, 10);
    u->level = (*lv && !*end) ? (int)l : u->kind > 0 && !*lv ? 0 : -1; /* a body may leave it to its area */
    if (!rc && u->level < 0) rc = bad(e, h, u->line, "level", "cấp không phải số nguyên", lv);
    if (!rc) rc = validity(h, u, fld(&r, h, 5), fld(&r, h, 6), e);
  }
  csv_release(&r);
  *out = v;
  *count = n;
  return rc;
}

/* an edition must come after every unit already there begins */
static int edition_in_order(app *a, const char *file, int from, dv_err *e) {
  char d[16];
  for (int p = 0; p < a->t.n; p++)
    if (a->t.u[p].valid_from >= from) {
      date_format_vn(a->t.u[p].valid_from, d);
      return dv_fail(e, DV_ECONFLICT, 0, "valid_from", "%s: đã có đơn vị (%s) bắt đầu từ %s: nhập các kỳ theo thứ tự thời gian",
                     file, a->t.u[p].code, d);
    }
  return 0;
}

int app_import_units_from(app *a, const char *file, const char *data, size_t len, int valid_from, dv_err *e) {
  header h;
  unit_import im = {.a = a, .h = &h, .from = valid_from};
  int rc = read_units(file, data, len, &h, &im.v, &im.n, e);
  store *s = app_store(a);
  pthread_rwlock_wrlock(&a->lock);
  im.sorted = xmalloc(sizeof *im.sorted * (size_t)(im.n + 1));
  if (im.n) resort(&im);
  if (!rc) rc = no_duplicate_codes(im.sorted, im.n, &h, e);
  if (!rc && valid_from) rc = edition_in_order(a, file, valid_from, e);
  if (!rc) body_levels(&im);
  for (int i = 0; !rc && i < im.n; i++) rc = check_fields(&im, &im.v[i], e); /* in file order */
  for (int i = 0; !rc && i < im.n; i++) rc = check_parent(&im, &im.v[i], e);
  if (!rc) {
    qsort(im.v, (size_t)im.n, sizeof *im.v, cmp_level);
    resort(&im);
    if (valid_from) find_continuing(&im);
    rc = store_begin(s, e);
    if (!rc) rc = write_units(&im, s, e);
    if (!rc) {
      audit_import(s, NULL, valid_from ? "import.units.edition" : "import.units", file, im.n, e);
      rc = store_commit(s, e);
    } else store_rollback(s);
    if (!rc) rc = app_model_load(a, s, e);
  }
  pthread_rwlock_unlock(&a->lock);
  free(im.sorted);
  free_units(im.v, im.n);
  return rc;
}

int app_import_units(app *a, const char *file, const char *data, size_t len, dv_err *e) {
  return app_import_units_from(a, file, data, len, 0, e);
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
    if (plan_value(a, u, fld(&r, &h, 0), fld(&r, &h, 1), fld(&r, &h, 3), app_period_day(a, &p), fld(&r, &h, 4),
                   r.record_line, &v[n - 1], &sub))
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

/* ---------------- the mapping of a reform (old_code,new_code,share) ---------------- */

typedef struct map_row {
  int old_pos, new_pos, line, part;
} map_row;

static int cmp_map_row(const void *x, const void *y) {
  const map_row *a = x, *b = y;
  if (a->old_pos != b->old_pos) return a->old_pos - b->old_pos;
  return a->line - b->line; /* the file's order */
}

/* one row resolved: the old code on the day before, the new one on the day */
static int map_row_read(app *a, csv_reader *r, const header *h, int day, map_row *m, dv_err *e) {
  const char *oc = fld(r, h, 0), *nc = fld(r, h, 1), *share = fld(r, h, 2);
  char d[11];
  m->line = r->record_line;
  m->old_pos = tree_find_code_on(&a->t, oc, day - 1);
  m->new_pos = tree_find_code_on(&a->t, nc, day);
  char what[96];
  if (m->old_pos < 0) {
    date_format_vn(day - 1, d);
    snprintf(what, sizeof what, "không có đơn vị mã này ngày %s", d);
    return bad(e, h, m->line, "old_code", *oc ? what : "thiếu mã đơn vị cũ", oc);
  }
  if (m->new_pos < 0) {
    date_format_vn(day, d);
    snprintf(what, sizeof what, "không có đơn vị mã này ngày %s", d);
    return bad(e, h, m->line, "new_code", *nc ? what : "thiếu mã đơn vị mới", nc);
  }
  if (strcmp(share, "whole") && strcmp(share, "part")) return bad(e, h, m->line, "share", "phải là whole hoặc part, không phải", share);
  m->part = share[0] == 'p';
  const unit_node *o = &a->t.u[m->old_pos];
  if (m->old_pos != m->new_pos && (!o->valid_to || o->valid_to != day - 1))
    return bad(e, h, m->line, "old_code", "đơn vị cũ không kết thúc vào ngày trước ngày chuyển đổi", oc);
  return 0;
}

/* each pair once; an old unit given whole goes to one new unit */
static int map_rows_check(const map_row *m, int n, const header *h, const tree *t, dv_err *e) {
  for (int i = 1; i < n; i++) {
    if (m[i].old_pos != m[i - 1].old_pos) continue;
    const map_row *later = m[i].line > m[i - 1].line ? &m[i] : &m[i - 1];
    for (int j = i - 1; j >= 0 && m[j].old_pos == m[i].old_pos; j--)
      if (m[j].new_pos == m[i].new_pos) return bad(e, h, later->line, "new_code", "cặp mã cũ–mới lặp lại", t->u[m[i].new_pos].code);
    if (!m[i].part || !m[i - 1].part)
      return bad(e, h, later->line, "share", "đơn vị cũ chia cho nhiều đơn vị mới phải ghi part", t->u[m[i].old_pos].code);
  }
  return 0;
}

/* The successor an old unit's work goes to in comparisons: the one an
 * admin chose before, if still listed; else the new unit that took its
 * code (the GSO gives a reused code to the commune that holds the old one),
 * else the one that took its name, else the first listed. */
static int map_primary(app *a, const map_row *m, int n) {
  const tree *t = &a->t;
  const unit_node *o = &t->u[m[0].old_pos];
  if (t->succ[m[0].old_pos] >= 0)
    for (int i = 0; i < n; i++)
      if (m[i].new_pos == t->succ[m[0].old_pos]) return i;
  for (int i = 0; i < n; i++)
    if (!strcmp(t->u[m[i].new_pos].code, o->code)) return i;
  for (int i = 0; i < n; i++)
    if (!strcmp(t->u[m[i].new_pos].short_name, o->short_name)) return i;
  return 0;
}

static int map_write(app *a, store *s, map_row *m, int n, dv_err *e) {
  int rc = 0;
  for (int i = 0; !rc && i < n;) {
    int j = i;
    while (j < n && m[j].old_pos == m[i].old_pos) j++;
    int primary = i + map_primary(a, &m[i], j - i);
    for (int k = i; !rc && k < j; k++)
      if (m[k].old_pos != m[k].new_pos) /* a unit that continues maps onto itself */
        rc = store_successor_put(s, a->t.u[m[k].old_pos].id, a->t.u[m[k].new_pos].id, m[k].part ? "part" : "whole",
                                 k == primary, e);
    i = j;
  }
  return rc;
}

int app_import_unit_mapping(app *a, const char *file, const char *data, size_t len, int day, int *count, dv_err *e) {
  static const char *const req[] = {"old_code", "new_code", "share"};
  csv_reader r;
  header h;
  csv_init(&r, data, len);
  int rc = read_header(&r, file, req, 3, NULL, 0, &h, e), got, n = 0, cap = 0;
  map_row *m = NULL;
  pthread_rwlock_wrlock(&a->lock);
  while (!rc && (got = csv_next(&r)) != 0) {
    if (got < 0) {
      rc = dv_fail(e, DV_EINVAL, r.record_line, "", "%s: %s", file, r.err);
      break;
    }
    if ((rc = row_width(&r, &h, 3, e))) break;
    if (n == cap) m = xrealloc(m, sizeof *m * (size_t)(cap = cap ? cap * 2 : 1024));
    rc = map_row_read(a, &r, &h, day, &m[n++], e);
  }
  csv_release(&r);
  if (!rc && n) qsort(m, (size_t)n, sizeof *m, cmp_map_row);
  if (!rc) rc = map_rows_check(m, n, &h, &a->t, e);
  store *s = app_store(a);
  if (!rc) rc = store_begin(s, e);
  if (!rc) {
    rc = map_write(a, s, m, n, e);
    if (!rc) audit_import(s, NULL, "import.unit_mapping", file, n, e);
    if (!rc) rc = store_commit(s, e);
    else store_rollback(s);
    if (!rc) rc = app_model_load(a, s, e);
  }
  pthread_rwlock_unlock(&a->lock);
  free(m);
  if (!rc) *count = n;
  return rc;
}
