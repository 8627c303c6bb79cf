#include "core/recindex.h"
#include "util/buf.h"
#include <stdlib.h>
#include <string.h>

/* the bucket of day, made (and the range grown) if needed */
static rec_day *bucket(recindex *x, int day) {
  if (!x->nb) {
    x->first = day;
    x->nb = 1;
    x->b = xcalloc(1, sizeof *x->b);
  } else if (day < x->first) {
    int grow = x->first - day;
    x->b = xrealloc(x->b, sizeof *x->b * (size_t)(x->nb + grow));
    memmove(x->b + grow, x->b, sizeof *x->b * (size_t)x->nb);
    memset(x->b, 0, sizeof *x->b * (size_t)grow);
    x->first = day;
    x->nb += grow;
  } else if (day >= x->first + x->nb) {
    int nb = day - x->first + 1;
    x->b = xrealloc(x->b, sizeof *x->b * (size_t)nb);
    memset(x->b + x->nb, 0, sizeof *x->b * (size_t)(nb - x->nb));
    x->nb = nb;
  }
  return &x->b[day - x->first];
}

/* the first index of d whose id is >= id */
static int lower_bound(const rec_day *d, int64_t id) {
  int lo = 0, hi = d->n;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (d->k[mid].id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* room for one more entry on day (NULL if the day is out of range), at the end or, in order,
 * where id goes */
static rec_key *slot(recindex *x, int day, int64_t id, int in_order) {
  if (day < RECINDEX_MIN_DAY || day > RECINDEX_MAX_DAY) {
    x->unusable = 1;
    return NULL;
  }
  rec_day *d = bucket(x, day);
  if (d->n == d->cap) d->k = xrealloc(d->k, sizeof *d->k * (size_t)(d->cap = d->cap ? d->cap * 2 : 4));
  int at = in_order && d->n && d->k[d->n - 1].id > id ? lower_bound(d, id) : d->n;
  memmove(d->k + at + 1, d->k + at, sizeof *d->k * (size_t)(d->n - at));
  d->n++;
  x->n++;
  return &d->k[at];
}

static void put(recindex *x, int day, int64_t id, int unit, int in_order) {
  rec_key *k = slot(x, day, id, in_order);
  if (!k) return;
  *k = (rec_key){id, unit};
  if (unit > x->max_unit) x->max_unit = unit;
}

void recindex_add(recindex *x, int day, int64_t id, int unit) { put(x, day, id, unit, 1); }
void recindex_append(recindex *x, int day, int64_t id, int unit) { put(x, day, id, unit, 0); }

static int by_id(const void *a, const void *b) {
  const rec_key *x = a, *y = b;
  return x->id < y->id ? -1 : x->id > y->id;
}

void recindex_sort(recindex *x) {
  for (int i = 0; i < x->nb; i++)
    if (x->b[i].n > 1) qsort(x->b[i].k, (size_t)x->b[i].n, sizeof *x->b[i].k, by_id);
}

int recindex_remove(recindex *x, int day, int64_t id) {
  if (day < x->first || day >= x->first + x->nb) return -1;
  rec_day *d = &x->b[day - x->first];
  int at = lower_bound(d, id);
  if (at == d->n || d->k[at].id != id) return -1;
  memmove(d->k + at, d->k + at + 1, sizeof *d->k * (size_t)(d->n - at - 1));
  d->n--;
  x->n--;
  return 0;
}

int recindex_page(const recindex *x, int first, int last, int lo, int hi, int offset, int limit, int64_t *ids,
                  int *total) {
  int from = first > x->first ? first - x->first : 0;
  int to = last < x->first + x->nb - 1 ? last - x->first : x->nb - 1;
  int seen = 0, out = 0;
  if (lo <= 0 && hi > x->max_unit) { /* every entry is in the range (the root's list): counted by buckets */
    for (int b = to; b >= from; b--) {
      const rec_day *d = &x->b[b];
      for (int i = d->n - 1; i >= 0 && out < limit; i--)
        if (seen + (d->n - 1 - i) >= offset) ids[out++] = d->k[i].id;
      seen += d->n;
    }
    *total = seen;
    return out;
  }
  for (int b = to; b >= from; b--) {
    const rec_day *d = &x->b[b];
    for (int i = d->n - 1; i >= 0; i--) {
      if (d->k[i].unit < lo || d->k[i].unit >= hi) continue;
      if (seen++ >= offset && out < limit) ids[out++] = d->k[i].id;
    }
  }
  *total = seen;
  return out;
}

void recindex_release(recindex *x) {
  for (int i = 0; i < x->nb; i++) free(x->b[i].k);
  free(x->b);
  memset(x, 0, sizeof *x);
}
