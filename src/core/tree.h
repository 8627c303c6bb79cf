/* The unit tree, numbered in DFS pre-order so that every subtree is the
 * contiguous range [pos, end) of positions. Built from rows in any order;
 * children are ordered by code. Levels are data (1 = top); the levels
 * table names them ("Quận, huyện"; "Cấp huyện"; "Huyện"). */
#ifndef DV_TREE_H
#define DV_TREE_H
#include <stdint.h>

#define TREE_MAX_LEVELS 8

/* What a unit is: an administrative area with its Party committee, or a
 * body working in an area (a body's parent is its area or another body;
 * its level is its area's, so its work counts at the area's level). */
typedef enum unit_kind {
  KIND_AREA,         /* "area": an administrative unit and its Party committee */
  KIND_PARTY,        /* "party": an organ of a committee (Ban Tuyên giáo và Dân vận) */
  KIND_FRONT,        /* "front": the Fatherland Front committee */
  KIND_ORGANISATION, /* "organisation": a member organisation of the Front */
  KIND_GOVERNMENT,   /* "government": the People's Committee (UBND) */
  KIND_AGENCY,       /* "agency": a department (Sở), a state agency */
  KIND_POLICE,
  KIND_MILITARY,
  KIND_COURT,
  KIND_COUNT
} unit_kind;
/* "area", "front", …; the Vietnamese label ("Mặt trận Tổ quốc") */
const char *unit_kind_code(int kind);
const char *unit_kind_label(int kind);
/* the kind of a code, -1 if none ("" is area) */
int unit_kind_parse(const char *code);
/* the kinds a body's officers see in their area (the Front sees the
 * member organisations too), as a bit mask */
unsigned unit_kind_family(int kind);

typedef struct unit_node {
  int64_t id;       /* database id */
  int64_t parent_id;/* 0 for a root */
  char *code, *name, *type, *short_name, *fold; /* fold: search key */
  int level;
  int kind;         /* unit_kind */
  int valid_from, valid_to; /* day numbers; 0 = open (no unit ends on 1/1/1970) */
  int parent;       /* position of the parent, -1 for a root */
  int end;          /* one past the last position of the subtree */
} unit_node;

typedef struct level_name {
  char *name;  /* row label: "Quận, huyện" */
  char *cap;   /* column header: "Cấp huyện" */
  char *shortn;/* short column header: "Huyện" */
} level_name;

/* An edition of the tree: the hierarchy from a day on (the 2024 tree from
 * the beginning, the 2025 tree from 1/7/2025), with its own level names
 * (level 2 was "Quận, huyện" until 30/6/2025 and is "Xã, phường" after). */
#define TREE_MAX_EDITIONS 16
typedef struct tree_edition {
  int from_day;     /* 0 for the first */
  int maxlevel;     /* the lowest level of a unit valid during the edition */
  level_name levels[TREE_MAX_LEVELS + 1];
} tree_edition;

typedef struct tree {
  int n;
  unit_node *u;          /* in DFS pre-order */
  uint8_t *level;        /* level per position, for fast by-level passes */
  int maxlevel;          /* over every edition */
  tree_edition ed[TREE_MAX_EDITIONS]; /* by from_day; ed[0].from_day = 0 */
  int ned;
  int *succ;             /* per position: the successor a closed unit's records
                            go to in comparisons (the mapping's primary), -1 */
  /* lookup tables */
  int64_t *ids_sorted; int *ids_pos;
  int *code_order;       /* positions sorted by code, then newest first */
} tree;

/* takes the nodes (their strings too); returns 0 or -1 with err (a cycle, a
 * missing parent, a level out of range) */
int tree_build(tree *t, unit_node *nodes, int n, char *err, int errlen);
void tree_release(tree *t);
/* names a level in the edition that starts on from_day (made if new) */
void tree_set_level_name(tree *t, int from_day, int level, const char *name, const char *cap, const char *shortn);
/* after the level names: each edition's lowest level */
void tree_editions_finish(tree *t);
/* the edition in force on day (day <= 0: the newest) */
const tree_edition *tree_edition_on(const tree *t, int day);
/* the edition of a unit's last day (the newest for a unit still open) */
static inline const tree_edition *tree_unit_edition(const tree *t, int p) { return tree_edition_on(t, t->u[p].valid_to); }
/* the unit of that code: the one valid on day, or -1 (none that day) */
int tree_find_code_on(const tree *t, const char *code, int day);
/* the newest unit of that code (the current one where the code was reused) */
int tree_find_code(const tree *t, const char *code);
/* the newest unit of that code before the one valid on day; -1 if none */
int tree_find_code_before(const tree *t, const char *code, int day);
int tree_find_id(const tree *t, int64_t id);
/* the area of position p: p itself, or the nearest area above a body */
static inline int tree_area_of(const tree *t, int p) {
  while (p >= 0 && t->u[p].kind != KIND_AREA) p = t->u[p].parent;
  return p;
}
/* the end of the unit's own block: an area and the bodies under it (its
 * children are ordered bodies first), or a body's subtree — what the
 * unit's "own" column counts */
static inline int tree_self_end(const tree *t, int p) {
  int q = p + 1;
  if (t->u[p].kind != KIND_AREA) return t->u[p].end;
  while (q < t->u[p].end && t->u[q].kind != KIND_AREA) q = t->u[q].end;
  return q;
}
/* 1 if position p lies in the subtree of a */
static inline int tree_in_subtree(const tree *t, int a, int p) { return p >= a && p < t->u[a].end; }
/* 1 if the unit existed at some day of [first, last] */
static inline int unit_valid_during(const unit_node *u, int first, int last) {
  return !(u->valid_to && u->valid_to < first) && !(u->valid_from && u->valid_from > last);
}
static inline int unit_valid_on(const unit_node *u, int day) { return unit_valid_during(u, day, day); }
/* where unit p's work is counted on the tree of day: p itself while it is
 * valid; after its end its successor's target (a commune's primary new
 * commune, else its parent's: a dissolved district goes to its province's
 * successor); -1 for a unit that begins after day or has no successor */
int tree_target_on(const tree *t, int p, int day);
/* the committee name of a unit: "Thành ủy Hải Phòng", "Huyện ủy An Lão" */
void tree_committee_name(const tree *t, int p, char *out, int n);
/* the unit's name without its type word: "Hải Phòng" */
const char *unit_short_name(const char *name, const char *type);
/* 1 for the types of the commune level (Xã, Phường, Thị trấn, Đặc khu) */
int unit_type_is_commune(const char *type);
/* 1 if an area above p (not p itself) is of a commune type: a village, or
 * a body of a commune */
int tree_below_commune(const tree *t, int p);
#endif
