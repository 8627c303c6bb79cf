/* The list index (core/recindex.h) against a plain model: every entry in an
 * array, filtered and sorted (day, id descending) for each query. Random
 * adds (in and out of id order), removes and queries over windows, unit
 * ranges (the whole tree among them), offsets and limits must give the same
 * page and total. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>
#include "core/recindex.h"

typedef struct plain {
  int day, unit;
  int64_t id;
  int alive;
} plain;

static unsigned rnd_state = 12345;
static unsigned rnd(void) { return rnd_state = rnd_state * 1103515245u + 12345u, rnd_state >> 8; }

static int newest_first(const void *a, const void *b) {
  const plain *x = a, *y = b;
  if (x->day != y->day) return y->day - x->day;
  return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

/* the plain model's page */
static int plain_page(plain *all, int n, int first, int last, int lo, int hi, int offset, int limit, int64_t *ids,
                      int *total) {
  plain *sel = malloc(sizeof *sel * (size_t)(n ? n : 1));
  int k = 0, out = 0;
  for (int i = 0; i < n; i++)
    if (all[i].alive && all[i].day >= first && all[i].day <= last && all[i].unit >= lo && all[i].unit < hi)
      sel[k++] = all[i];
  qsort(sel, (size_t)k, sizeof *sel, newest_first);
  for (int i = offset; i < k && out < limit; i++) ids[out++] = sel[i].id;
  *total = k;
  free(sel);
  return out;
}

static void check_queries(const recindex *x, plain *all, int n, int rounds) {
  int64_t a[64], b[64];
  for (int q = 0; q < rounds; q++) {
    int first = 19000 + (int)(rnd() % 400), last = first + (int)(rnd() % 300) - 20;
    int lo = (int)(rnd() % 50), hi = lo + (int)(rnd() % 60), offset = (int)(rnd() % 30), limit = 1 + (int)(rnd() % 40);
    if (q % 5 == 0) lo = 0, hi = 1000; /* the whole tree: counted by buckets */
    int ta, tb;
    int na = recindex_page(x, first, last, lo, hi, offset, limit, a, &ta);
    int nb = plain_page(all, n, first, last, lo, hi, offset, limit, b, &tb);
    assert_int_equal(ta, tb);
    assert_int_equal(na, nb);
    for (int i = 0; i < na; i++) assert_int_equal(a[i], b[i]);
  }
}

static void test_matches_plain_model(void **state) {
  (void)state;
  enum { N = 4000 };
  plain *all = calloc(N, sizeof *all);
  recindex x = {0};
  for (int i = 0; i < N; i++) {
    /* mostly increasing ids, some written out of order (an import's ids, an edit's re-add) */
    int64_t id = rnd() % 10 ? i + 1 : (int64_t)(rnd() % (unsigned)(i + 1)) + 100000;
    all[i] = (plain){19000 + (int)(rnd() % 365), (int)(rnd() % 100), id, 1};
    recindex_add(&x, all[i].day, all[i].id, all[i].unit);
  }
  assert_int_equal(x.n, N);
  check_queries(&x, all, N, 300);
  for (int i = 0; i < N; i += 3) { /* a delete, and an edit that moves a record to another day */
    assert_int_equal(recindex_remove(&x, all[i].day, all[i].id), 0);
    all[i].alive = 0;
  }
  assert_int_equal(recindex_remove(&x, all[0].day, all[0].id), -1); /* not there any more */
  assert_int_equal(recindex_remove(&x, 5, 1), -1);                  /* a day before the range */
  check_queries(&x, all, N, 300);
  assert_int_equal(x.unusable, 0);
  recindex_release(&x);
  free(all);
}

/* a bulk load in any order, sorted once, answers as the same entries added one by one */
static void test_bulk_load(void **state) {
  (void)state;
  enum { N = 3000 };
  plain *all = calloc(N, sizeof *all);
  recindex x = {0};
  for (int i = 0; i < N; i++) {
    all[i] = (plain){19000 + (int)(rnd() % 200), (int)(rnd() % 100), (int64_t)(rnd() % 1000000), 1};
    recindex_append(&x, all[i].day, all[i].id, all[i].unit);
  }
  recindex_sort(&x);
  check_queries(&x, all, N, 200);
  assert_int_equal(recindex_remove(&x, all[0].day, all[0].id), 0); /* then kept in order by remove and add */
  recindex_add(&x, 19050, 5, 7);
  all[0] = (plain){19050, 7, 5, 1};
  check_queries(&x, all, N, 100);
  recindex_release(&x);
  free(all);
}

static void test_days_out_of_range(void **state) {
  (void)state;
  recindex x = {0};
  recindex_add(&x, 20000, 1, 0);
  recindex_add(&x, -1, 2, 0); /* a record without a day: the index cannot answer for it */
  assert_int_equal(x.unusable, 1);
  int64_t ids[4];
  int total;
  assert_int_equal(recindex_page(&x, 0, 30000, 0, 1, 0, 4, ids, &total), 1);
  assert_int_equal(total, 1);
  assert_int_equal(recindex_page(&x, 20001, 19000, 0, 1, 0, 4, ids, &total), 0); /* an empty window */
  assert_int_equal(total, 0);
  recindex_release(&x);
  recindex empty = {0};
  assert_int_equal(recindex_page(&empty, 0, 30000, 0, 10, 0, 4, ids, &total), 0);
  assert_int_equal(total, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_matches_plain_model),
      cmocka_unit_test(test_bulk_load),
      cmocka_unit_test(test_days_out_of_range),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
