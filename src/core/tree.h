/* The unit tree, numbered in DFS pre-order so that every subtree is the
 * contiguous range [pos, end) of positions. Built from rows in any order;
 * children are ordered by code. Levels are data (1 = top); the levels
 * table names them ("Quận, huyện"; "Cấp huyện"; "Huyện"). */
#ifndef DV_TREE_H
#define DV_TREE_H
#include <stdint.h>

#define TREE_MAX_LEVELS 8

typedef struct unit_node {
  int64_t id;       /* database id */
  int64_t parent_id;/* 0 for a root */
  char *code, *name, *type, *short_name, *fold; /* fold: search key */
  int level;
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
#endif
