/* A view of the tree of one day over a period window: every unit that was
 * valid during the window, counted where its work belongs on that day's
 * tree (tree_target_on). A 2025 annex on the 2025 tree counts the old
 * communes' first half into their new communes, a 2026 annex compared with
 * 2024 counts every 2024 unit into its successor; a dissolved district's
 * work goes to its province.
 *
 * The pairs (target, source) are sorted by target, so the sources counted
 * into a subtree of the day's tree [pos, end) are one contiguous run. */
#ifndef DV_VIEW_H
#define DV_VIEW_H
#include "core/cube.h"
#include "core/tree.h"

typedef struct tview {
  int day, first, last; /* the tree of `day`; the window [first, last] */
  int n;
  int *dst, *src;       /* n pairs, by dst then src */
  uint8_t *level;       /* the level of dst */
  int *run_end;         /* the end of the run of pairs whose dst has the level of pair k */
  int maps;             /* some unit counts into another: 0 means the plain tree gives the same sums */
} tview;

void tview_build(tview *v, const tree *t, int day, int first, int last);
void tview_release(tview *v);
/* the run of pairs whose target lies in [lo, hi): [*k0, *k1) */
void tview_run(const tview *v, int lo, int hi, int *k0, int *k1);

/* the same sums as cube.h, over the pairs [k0, k1): a target's own value
 * (its run of sources), a subtree's total, its sums by the target's level */
double cube_view_sum(const cube_slice *s, const tview *v, int k0, int k1);
void cube_view_level_sums(const cube_slice *s, const tview *v, int k0, int k1, double *out);
#endif
