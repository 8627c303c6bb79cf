#include "core/view.h"
#include "util/buf.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct pair {
  int dst, src;
} pair;

static int cmp_pair(const void *a, const void *b) {
  const pair *x = a, *y = b;
  return x->dst != y->dst ? (x->dst > y->dst) - (x->dst < y->dst) : (x->src > y->src) - (x->src < y->src);
}

void tview_build(tview *v, const tree *t, int day, int first, int last) {
  memset(v, 0, sizeof *v);
  v->day = day, v->first = first, v->last = last;
  pair *p = xmalloc(sizeof *p * (size_t)(t->n + 1));
  int n = 0, sorted = 1;
  for (int i = 0; i < t->n; i++) {
    if (!unit_valid_during(&t->u[i], first, last)) continue;
    int d = tree_target_on(t, i, day);
    if (d < 0) continue;
    if (n && (d < p[n - 1].dst || (d == p[n - 1].dst && i < p[n - 1].src))) sorted = 0;
    p[n++] = (pair){d, i};
  }
  if (!sorted) qsort(p, (size_t)n, sizeof *p, cmp_pair);
  v->n = n;
  v->dst = xmalloc(sizeof(int) * (size_t)(n + 1));
  v->src = xmalloc(sizeof(int) * (size_t)(n + 1));
  v->level = xmalloc((size_t)n + 1);
  v->run_end = xmalloc(sizeof(int) * (size_t)(n + 1));
  for (int k = 0; k < n; k++) {
    v->dst[k] = p[k].dst, v->src[k] = p[k].src;
    v->level[k] = t->level[p[k].dst];
    v->maps |= p[k].dst != p[k].src;
  }
  for (int k = n - 1; k >= 0; k--) v->run_end[k] = k + 1 < n && v->level[k + 1] == v->level[k] ? v->run_end[k + 1] : k + 1;
  free(p);
}

void tview_release(tview *v) {
  free(v->dst), free(v->src), free(v->level), free(v->run_end);
  memset(v, 0, sizeof *v);
}

static int lower_bound(const int *a, int n, int x) {
  int lo = 0, hi = n;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

void tview_run(const tview *v, int lo, int hi, int *k0, int *k1) {
  *k0 = lower_bound(v->dst, v->n, lo);
  *k1 = lower_bound(v->dst, v->n, hi);
}

static double value_at(const cube_slice *s, int pos) {
  return s->count[pos] ? s->rec[pos] : s->entered ? s->entered[pos] : NAN;
}

double cube_view_sum(const cube_slice *s, const tview *v, int k0, int k1) {
  if (!s) return NAN;
  double sum = 0;
  int any = 0;
  for (int k = k0; k < k1; k++) {
    double x = value_at(s, v->src[k]);
    if (isnan(x)) continue;
    sum += x;
    any = 1;
  }
  return any ? sum : NAN;
}

/* records only (no value entered by hand in the slice): the pairs of one
 * target level come in runs (a province, then its communes), each summed
 * in two registers without a branch on the data */
static void records_level_sums(const cube_slice *s, const tview *v, int k0, int k1, double *sum, int *any) {
  const int32_t *cnt = s->count;
  const double *rec = s->rec;
  for (int k = k0; k < k1;) {
    int l = v->level[k], e = v->run_end[k] < k1 ? v->run_end[k] : k1, h = 0;
    double a0 = 0, a1 = 0;
    for (; k + 1 < e; k += 2) {
      int p = v->src[k], q = v->src[k + 1];
      a0 += rec[p] * (cnt[p] != 0);
      a1 += rec[q] * (cnt[q] != 0);
      h |= cnt[p] | cnt[q];
    }
    if (k < e) {
      a0 += rec[v->src[k]] * (cnt[v->src[k]] != 0);
      h |= cnt[v->src[k]];
      k++;
    }
    sum[l] += a0 + a1;
    any[l] |= h != 0;
  }
}

void cube_view_level_sums(const cube_slice *s, const tview *v, int k0, int k1, double *out) {
  double sum[TREE_MAX_LEVELS + 1] = {0};
  int any[TREE_MAX_LEVELS + 1] = {0};
  if (s && !s->entered) records_level_sums(s, v, k0, k1, sum, any);
  for (int k = k0; s && s->entered && k < k1; k++) {
    double x = value_at(s, v->src[k]);
    if (isnan(x)) continue;
    sum[v->level[k]] += x;
    any[v->level[k]] = 1;
  }
  for (int l = 0; l <= TREE_MAX_LEVELS; l++) out[l] = any[l] ? sum[l] : NAN;
}
