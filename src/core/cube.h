/* The roll-up cube. For each key (element, option combo, period) it keeps
 * dense arrays over the units in DFS order: what the unit's register
 * records add up to there (a count, or a sum of a field such as the
 * participants), how many records contributed, and the value the unit
 * entered by hand (NaN = none). A unit's value in a cell is its records'
 * total where records contributed, its entered value otherwise, and blank
 * (NaN) where it has neither: records win, and blank stays different from 0. A subtree total is then a range
 * sum and a by-level breakdown one pass over the range.
 *
 * Not thread-safe by itself: the model guards it with a read-write lock. */
#ifndef DV_CUBE_H
#define DV_CUBE_H
#include "core/tree.h"
#include <stdint.h>

typedef struct cube_slice {
  uint64_t key;
  int32_t *count;  /* records contributing */
  double *rec;     /* their total */
  double *entered; /* NULL until a value is entered in this slice */
} cube_slice;

typedef struct cube {
  int nunits;
  cube_slice *slots; /* open addressing, key 0 = empty */
  int cap, used;
} cube;

uint64_t cube_key(int element, int combo, int period_key);
void cube_init(cube *c, int nunits);
void cube_release(cube *c);
/* NULL when nothing was ever stored under key */
const cube_slice *cube_get(const cube *c, uint64_t key);
/* a record adds (or, with n = -1 and -value, removes) value */
void cube_record_add(cube *c, uint64_t key, int pos, double value, int n);
/* a record counted as 1 */
void cube_count_add(cube *c, uint64_t key, int pos, int delta);
void cube_set_entered(cube *c, uint64_t key, int pos, double v);
/* the unit's own value, NaN for blank */
double cube_unit_value(const cube_slice *s, int pos);
/* sum over positions [lo, hi), NaN when all are blank */
double cube_range_sum(const cube_slice *s, int lo, int hi);
/* sums over [lo, hi) split by level: out[l] for l in 1..TREE_MAX_LEVELS,
 * NaN where every unit of that level is blank */
void cube_level_sums(const cube_slice *s, const uint8_t *levels, int lo, int hi, double *out);
#endif
