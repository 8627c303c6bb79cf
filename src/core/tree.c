#include "core/tree.h"
#include "util/buf.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct id_ix {
  int64_t id;
  int ix;
} id_ix;

static int cmp_id_ix(const void *a, const void *b) {
  int64_t x = ((const id_ix *)a)->id, y = ((const id_ix *)b)->id;
  return x < y ? -1 : x > y;
}

static const struct {
  const char *code, *label;
  unsigned family;
} kinds[KIND_COUNT] = {
    [KIND_AREA] = {"area", "Địa bàn (cấp ủy)", 1u << KIND_AREA},
    [KIND_PARTY] = {"party", "Cơ quan của cấp ủy", 1u << KIND_PARTY},
    [KIND_FRONT] = {"front", "Mặt trận Tổ quốc", (1u << KIND_FRONT) | (1u << KIND_ORGANISATION)},
    [KIND_ORGANISATION] = {"organisation", "Tổ chức chính trị - xã hội", 1u << KIND_ORGANISATION},
    [KIND_GOVERNMENT] = {"government", "Chính quyền (Ủy ban nhân dân)", 1u << KIND_GOVERNMENT},
    [KIND_AGENCY] = {"agency", "Sở, ban, ngành", 1u << KIND_AGENCY},
    [KIND_POLICE] = {"police", "Công an", 1u << KIND_POLICE},
    [KIND_MILITARY] = {"military", "Quân sự", 1u << KIND_MILITARY},
    [KIND_COURT] = {"court", "Tòa án", 1u << KIND_COURT},
};

const char *unit_kind_code(int kind) { return kind >= 0 && kind < KIND_COUNT ? kinds[kind].code : "area"; }
const char *unit_kind_label(int kind) { return kind >= 0 && kind < KIND_COUNT ? kinds[kind].label : ""; }
unsigned unit_kind_family(int kind) { return kind >= 0 && kind < KIND_COUNT ? kinds[kind].family : 0; }

int unit_kind_parse(const char *code) {
  if (!code || !*code) return KIND_AREA;
  for (int k = 0; k < KIND_COUNT; k++)
    if (!strcmp(code, kinds[k].code)) return k;
  return -1;
}

/* bodies before areas, then by code: an area's own block (itself and its
 * bodies) is contiguous */
static int cmp_node_code(const void *a, const void *b) {
  const unit_node *x = a, *y = b;
  int bx = x->kind == KIND_AREA, by = y->kind == KIND_AREA;
  return bx != by ? bx - by : strcmp(x->code, y->code);
}

static int lookup(const id_ix *map, int n, int64_t id) {
  id_ix key = {id, 0};
  const id_ix *r = bsearch(&key, map, (size_t)n, sizeof *map, cmp_id_ix);
  return r ? r->ix : -1;
}

/* children of each input node as a CSR array, in input (code) order */
static int link_children(unit_node *in, int n, const id_ix *map, int *par, int *off, int *kids, char *err,
                         int errlen) {
  memset(off, 0, sizeof(int) * (size_t)(n + 1));
  for (int i = 0; i < n; i++) {
    par[i] = -1;
    if (!in[i].parent_id) continue;
    par[i] = lookup(map, n, in[i].parent_id);
    if (par[i] < 0) {
      snprintf(err, (size_t)errlen, "đơn vị %s: không tìm thấy đơn vị cấp trên", in[i].code);
      return -1;
    }
    off[par[i] + 1]++;
  }
  for (int i = 0; i < n; i++) off[i + 1] += off[i];
  int *fill = xcalloc((size_t)n, sizeof(int));
  for (int i = 0; i < n; i++)
    if (par[i] >= 0) kids[off[par[i]] + fill[par[i]]++] = i;
  free(fill);
  return 0;
}

typedef struct frame {
  int ix, next_kid, pos;
} frame;

static int number_dfs(tree *t, unit_node *in, int n, const int *par, const int *off, const int *kids) {
  frame *st = xmalloc(sizeof(frame) * (size_t)(n + 1));
  int pos = 0;
  for (int r = 0; r < n; r++) {
    if (par[r] >= 0) continue;
    int sp = 0;
    st[sp++] = (frame){r, off[r], pos};
    t->u[pos] = in[r];
    t->u[pos++].parent = -1;
    while (sp) {
      frame *f = &st[sp - 1];
      if (f->next_kid == off[f->ix + 1]) {
        t->u[f->pos].end = pos;
        sp--;
        continue;
      }
      int c = kids[f->next_kid++];
      t->u[pos] = in[c];
      t->u[pos].parent = f->pos;
      st[sp++] = (frame){c, off[c], pos++};
    }
  }
  free(st);
  return pos;
}

/* by code, then the newest first */
static int cmp_pos_code(const void *a, const void *b, void *ctx) {
  const tree *t = ctx;
  const unit_node *x = &t->u[*(const int *)a], *y = &t->u[*(const int *)b];
  int c = strcmp(x->code, y->code);
  return c ? c : (y->valid_from > x->valid_from) - (y->valid_from < x->valid_from);
}

static void build_indexes(tree *t) {
  t->level = xmalloc((size_t)t->n + 1);
  t->ids_sorted = xmalloc(sizeof(int64_t) * (size_t)(t->n + 1));
  t->ids_pos = xmalloc(sizeof(int) * (size_t)(t->n + 1));
  id_ix *m = xmalloc(sizeof(id_ix) * (size_t)(t->n + 1));
  t->maxlevel = 0;
  for (int i = 0; i < t->n; i++) {
    t->level[i] = (uint8_t)t->u[i].level;
    if (t->u[i].level > t->maxlevel) t->maxlevel = t->u[i].level;
    m[i] = (id_ix){t->u[i].id, i};
  }
  qsort(m, (size_t)t->n, sizeof *m, cmp_id_ix);
  for (int i = 0; i < t->n; i++) t->ids_sorted[i] = m[i].id, t->ids_pos[i] = m[i].ix;
  free(m);
  t->code_order = xmalloc(sizeof(int) * (size_t)(t->n + 1));
  t->succ = xmalloc(sizeof(int) * (size_t)(t->n + 1));
  for (int i = 0; i < t->n; i++) t->code_order[i] = i, t->succ[i] = -1;
  qsort_r(t->code_order, (size_t)t->n, sizeof(int), cmp_pos_code, t);
}

/* an area lies below its parent area; a body is at its area's level and
 * has no area under it */
static int check_level(const tree *t, int i, char *err, int errlen) {
  const unit_node *u = &t->u[i];
  int p = u->parent;
  if (p < 0) {
    if (u->kind == KIND_AREA) return 0;
    snprintf(err, (size_t)errlen, "đơn vị %s: cơ quan, tổ chức phải thuộc một địa bàn", u->code);
    return -1;
  }
  if (u->kind != KIND_AREA) {
    if (u->level == t->u[p].level) return 0;
    snprintf(err, (size_t)errlen, "đơn vị %s: cấp %d của cơ quan, tổ chức phải là cấp của địa bàn (%d)", u->code,
             u->level, t->u[p].level);
    return -1;
  }
  if (t->u[p].kind != KIND_AREA) {
    snprintf(err, (size_t)errlen, "đơn vị %s: địa bàn không thể thuộc cơ quan, tổ chức %s", u->code, t->u[p].code);
    return -1;
  }
  if (u->level > t->u[p].level) return 0;
  snprintf(err, (size_t)errlen, "đơn vị %s: cấp %d không thấp hơn cấp của đơn vị cấp trên", u->code, u->level);
  return -1;
}

int tree_build(tree *t, unit_node *in, int n, char *err, int errlen) {
  memset(t, 0, sizeof *t);
  t->ned = 1;
  if (n > 0) qsort(in, (size_t)n, sizeof *in, cmp_node_code); /* in may be NULL when n is 0 */
  for (int i = 0; i < n; i++) {
    if (in[i].level < 1 || in[i].level > TREE_MAX_LEVELS) {
      snprintf(err, (size_t)errlen, "đơn vị %s: cấp %d ngoài khoảng 1..%d", in[i].code, in[i].level, TREE_MAX_LEVELS);
      return -1;
    }
  }
  id_ix *map = xmalloc(sizeof(id_ix) * (size_t)(n + 1));
  for (int i = 0; i < n; i++) map[i] = (id_ix){in[i].id, i};
  qsort(map, (size_t)n, sizeof *map, cmp_id_ix);
  int *par = xmalloc(sizeof(int) * (size_t)(n + 1)), *off = xmalloc(sizeof(int) * (size_t)(n + 1)),
      *kids = xmalloc(sizeof(int) * (size_t)(n + 1));
  int rc = link_children(in, n, map, par, off, kids, err, errlen);
  if (rc == 0) {
    t->u = xcalloc((size_t)n + 1, sizeof(unit_node));
    t->n = n;
    int reached = number_dfs(t, in, n, par, off, kids);
    if (reached != n) {
      snprintf(err, (size_t)errlen, "cây đơn vị có vòng lặp (%d/%d đơn vị)", reached, n);
      free(t->u);
      t->u = NULL;
      t->n = 0;
      rc = -1;
    }
  }
  for (int i = 0; rc == 0 && i < n; i++) rc = check_level(t, i, err, errlen);
  free(map), free(par), free(off), free(kids);
  if (rc) {
    if (t->u) memset(t->u, 0, sizeof(unit_node) * (size_t)n); /* strings stay with the caller's nodes */
    free(t->u);
    memset(t, 0, sizeof *t);
    return -1;
  }
  build_indexes(t);
  return 0;
}

void tree_release(tree *t) {
  for (int i = 0; i < t->n; i++) {
    free(t->u[i].code), free(t->u[i].name), free(t->u[i].type);
    free(t->u[i].short_name), free(t->u[i].fold);
  }
  for (int k = 0; k < t->ned; k++)
    for (int l = 0; l <= TREE_MAX_LEVELS; l++) {
      level_name *ln = &t->ed[k].levels[l];
      free(ln->name), free(ln->cap), free(ln->shortn);
    }
  free(t->u), free(t->level), free(t->ids_sorted), free(t->ids_pos), free(t->code_order), free(t->succ);
  memset(t, 0, sizeof *t);
}

/* the edition starting on from_day, made (in order) if it is new; NULL when full */
static tree_edition *edition_at(tree *t, int from_day) {
  if (t->ned == 0) t->ned = 1;
  int k = 0;
  while (k < t->ned && t->ed[k].from_day < from_day) k++;
  if (k < t->ned && t->ed[k].from_day == from_day) return &t->ed[k];
  if (t->ned == TREE_MAX_EDITIONS) return NULL;
  memmove(&t->ed[k + 1], &t->ed[k], sizeof *t->ed * (size_t)(t->ned - k));
  memset(&t->ed[k], 0, sizeof *t->ed);
  t->ed[k].from_day = from_day;
  t->ned++;
  return &t->ed[k];
}

void tree_set_level_name(tree *t, int from_day, int level, const char *name, const char *cap, const char *shortn) {
  tree_edition *ed = level >= 1 && level <= TREE_MAX_LEVELS ? edition_at(t, from_day) : NULL;
  if (!ed) return;
  level_name *l = &ed->levels[level];
  free(l->name), free(l->cap), free(l->shortn);
  l->name = xstrdup(name);
  l->cap = xstrdup(cap);
  l->shortn = xstrdup(shortn);
}

void tree_editions_finish(tree *t) {
  if (t->ned == 0) t->ned = 1;
  for (int k = 0; k < t->ned; k++) {
    int first = t->ed[k].from_day, last = k + 1 < t->ned ? t->ed[k + 1].from_day - 1 : INT_MAX;
    t->ed[k].maxlevel = 0;
    for (int i = 0; i < t->n; i++)
      if (t->u[i].level > t->ed[k].maxlevel && unit_valid_during(&t->u[i], first, last)) t->ed[k].maxlevel = t->u[i].level;
  }
}

const tree_edition *tree_edition_on(const tree *t, int day) {
  int k = t->ned > 0 ? t->ned - 1 : 0;
  if (day > 0)
    while (k > 0 && t->ed[k].from_day > day) k--;
  return &t->ed[k];
}

/* the first index of code_order holding code, or -1 */
static int first_of_code(const tree *t, const char *code) {
  int lo = 0, hi = t->n;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (strcmp(t->u[t->code_order[mid]].code, code) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < t->n && !strcmp(t->u[t->code_order[lo]].code, code) ? lo : -1;
}

int tree_find_code(const tree *t, const char *code) {
  int i = first_of_code(t, code);
  return i < 0 ? -1 : t->code_order[i];
}

int tree_find_code_on(const tree *t, const char *code, int day) {
  for (int i = first_of_code(t, code); i >= 0 && i < t->n && !strcmp(t->u[t->code_order[i]].code, code); i++)
    if (unit_valid_on(&t->u[t->code_order[i]], day)) return t->code_order[i];
  return -1;
}

int tree_find_code_before(const tree *t, const char *code, int day) {
  for (int i = first_of_code(t, code); i >= 0 && i < t->n && !strcmp(t->u[t->code_order[i]].code, code); i++) {
    const unit_node *u = &t->u[t->code_order[i]];
    if (u->valid_to && u->valid_to < day) return t->code_order[i];
  }
  return -1;
}

int tree_target_on(const tree *t, int p, int day) {
  for (int hops = 0; p >= 0 && hops < 64; hops++) {
    const unit_node *u = &t->u[p];
    if (u->valid_from && u->valid_from > day) return -1; /* newer than that tree */
    if (!u->valid_to || u->valid_to >= day) return p;
    p = t->succ[p] >= 0 ? t->succ[p] : u->parent;
  }
  return -1;
}

int tree_find_id(const tree *t, int64_t id) {
  int lo = 0, hi = t->n - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (t->ids_sorted[mid] == id) return t->ids_pos[mid];
    if (t->ids_sorted[mid] < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

const char *unit_short_name(const char *name, const char *type) {
  static const char *words[] = {"Thành phố", "Tỉnh", "Quận", "Huyện", "Thị xã", "Phường", "Xã", "Thị trấn", "Đặc khu"};
  for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
    size_t k = strlen(words[i]);
    if (strncmp(name, words[i], k) == 0 && name[k] == ' ') return name + k + 1;
  }
  (void)type;
  return name;
}

int unit_type_is_commune(const char *type) {
  static const char *types[] = {"Xã", "Phường", "Thị trấn", "Đặc khu"};
  for (size_t i = 0; type && i < sizeof types / sizeof *types; i++)
    if (!strcmp(type, types[i])) return 1;
  return 0;
}

int tree_below_commune(const tree *t, int p) {
  for (int q = t->u[p].parent; q >= 0; q = t->u[q].parent)
    if (t->u[q].kind == KIND_AREA && unit_type_is_commune(t->u[q].type)) return 1;
  return 0;
}

/* The party committee of an administrative unit is named after its type. */
void tree_committee_name(const tree *t, int p, char *out, int n) {
  const unit_node *u = &t->u[p];
  const char *ty = u->type ? u->type : "";
  const char *c = NULL;
  if (strncmp(ty, "Thành phố", strlen("Thành phố")) == 0) c = "Thành ủy";
  else if (strcmp(ty, "Tỉnh") == 0) c = "Tỉnh ủy";
  else if (strcmp(ty, "Quận") == 0) c = "Quận ủy";
  else if (strcmp(ty, "Huyện") == 0) c = "Huyện ủy";
  else if (strcmp(ty, "Thị xã") == 0) c = "Thị ủy";
  else if (strcmp(ty, "Phường") == 0) c = "Đảng ủy phường";
  else if (strcmp(ty, "Xã") == 0) c = "Đảng ủy xã";
  else if (strcmp(ty, "Thị trấn") == 0) c = "Đảng ủy thị trấn";
  else if (strcmp(ty, "Đặc khu") == 0) c = "Đảng ủy đặc khu";
  if (c) snprintf(out, (size_t)n, "%s %s", c, u->short_name ? u->short_name : unit_short_name(u->name, ty));
  else snprintf(out, (size_t)n, "%s", u->name);
}
