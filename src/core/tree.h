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

typedef struct tree {
  int n;
  unit_node *u;          /* in DFS pre-order */
  uint8_t *level;        /* level per position, for fast by-level passes */
  int maxlevel;
  level_name levels[TREE_MAX_LEVELS + 1];
  /* lookup tables */
  int64_t *ids_sorted; int *ids_pos;
  int *code_order;       /* positions sorted by code */
} tree;

/* takes the nodes (their strings too); returns 0 or -1 with err (a cycle, a
 * missing parent, a level out of range) */
int tree_build(tree *t, unit_node *nodes, int n, char *err, int errlen);
void tree_release(tree *t);
void tree_set_level_name(tree *t, int level, const char *name, const char *cap, const char *shortn);
int tree_find_code(const tree *t, const char *code);
int tree_find_id(const tree *t, int64_t id);
/* 1 if position p lies in the subtree of a */
static inline int tree_in_subtree(const tree *t, int a, int p) { return p >= a && p < t->u[a].end; }
/* 1 if the unit existed at some day of [first, last] */
static inline int unit_valid_during(const unit_node *u, int first, int last) {
  return !(u->valid_to && u->valid_to < first) && !(u->valid_from && u->valid_from > last);
}
/* the committee name of a unit: "Thành ủy Hải Phòng", "Huyện ủy An Lão" */
void tree_committee_name(const tree *t, int p, char *out, int n);
/* the unit's name without its type word: "Hải Phòng" */
const char *unit_short_name(const char *name, const char *type);
#endif
