/* Units through time: editions of the tree, codes resolved on a day, where a
 * closed unit's work goes (tree_target_on), and views that count a period's
 * units into the tree of another day (core/view.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/cube.h"
#include "core/tree.h"
#include "core/view.h"

#define D 20270 /* 2025-07-01: the day of the reform */

static unit_node node(int64_t id, int64_t parent_id, int level, const char *code, const char *name, int from, int to) {
  unit_node u;
  memset(&u, 0, sizeof u);
  u.id = id, u.parent_id = parent_id, u.level = level;
  u.code = strdup(code), u.name = strdup(name), u.type = strdup("x");
  u.valid_from = from, u.valid_to = to;
  return u;
}

/* Hải Phòng (31) continues; before D it has district 303 with communes 11299
 * and 11302; old province 30 has district 288 with commune 10507. From D, 31
 * has communes 11299 (the code reused: another unit) and 10510. Mapping:
 * old 11299, 11302 -> new 11299; 10507 -> 10510; 30 -> 31. */
typedef struct fixture {
  tree t;
  int p31, p303, o11299, p11302, p30, p288, p10507, n11299, p10510;
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  unit_node n[] = {
      node(1, 0, 1, "31", "Thành phố Hải Phòng", 0, 0),
      node(2, 1, 2, "303", "Quận Hồng Bàng", 0, D - 1),
      node(3, 2, 3, "11299", "Phường Hoàng Văn Thụ", 0, D - 1),
      node(4, 2, 3, "11302", "Phường Minh Khai", 0, D - 1),
      node(5, 0, 1, "30", "Tỉnh Hải Dương", 0, D - 1),
      node(6, 5, 2, "288", "Thành phố Hải Dương", 0, D - 1),
      node(7, 6, 3, "10507", "Phường Bình Hàn", 0, D - 1),
      node(8, 1, 2, "11299", "Phường Hồng Bàng", D, 0),
      node(9, 1, 2, "10510", "Phường Hải Dương", D, 0),
  };
  char err[200] = "";
  if (tree_build(&f->t, n, 9, err, sizeof err)) fail_msg("tree_build: %s", err);
  tree *t = &f->t;
  f->p31 = tree_find_id(t, 1), f->p303 = tree_find_id(t, 2), f->o11299 = tree_find_id(t, 3);
  f->p11302 = tree_find_id(t, 4), f->p30 = tree_find_id(t, 5), f->p288 = tree_find_id(t, 6);
  f->p10507 = tree_find_id(t, 7), f->n11299 = tree_find_id(t, 8), f->p10510 = tree_find_id(t, 9);
  t->succ[f->o11299] = f->n11299, t->succ[f->p11302] = f->n11299;
  t->succ[f->p10507] = f->p10510, t->succ[f->p30] = f->p31;
  tree_set_level_name(t, 0, 1, "Tỉnh, thành phố", "Cấp tỉnh", "Tỉnh");
  tree_set_level_name(t, 0, 2, "Quận, huyện", "Cấp huyện", "Huyện");
  tree_set_level_name(t, 0, 3, "Xã, phường", "Cấp xã", "Xã");
  tree_set_level_name(t, D, 1, "Tỉnh, thành phố", "Cấp tỉnh", "Tỉnh");
  tree_set_level_name(t, D, 2, "Xã, phường", "Cấp xã", "Xã");
  tree_editions_finish(t);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  tree_release(&f->t);
  free(f);
  return 0;
}

static void test_editions(void **state) {
  fixture *f = *state;
  const tree *t = &f->t;
  assert_int_equal(t->ned, 2);
  assert_string_equal(tree_edition_on(t, D - 1)->levels[2].name, "Quận, huyện");
  assert_string_equal(tree_edition_on(t, D)->levels[2].name, "Xã, phường");
  assert_string_equal(tree_edition_on(t, 0)->levels[2].name, "Xã, phường"); /* 0: the newest */
  assert_int_equal(tree_edition_on(t, D - 1)->maxlevel, 3);
  assert_int_equal(tree_edition_on(t, D + 400)->maxlevel, 2);
  assert_null(tree_edition_on(t, D)->levels[3].name);
  assert_string_equal(tree_unit_edition(t, f->p303)->levels[2].name, "Quận, huyện");
  assert_string_equal(tree_unit_edition(t, f->p31)->levels[2].name, "Xã, phường");
}

static void test_codes_by_day(void **state) {
  fixture *f = *state;
  const tree *t = &f->t;
  assert_int_equal(tree_find_code_on(t, "11299", D - 1), f->o11299);
  assert_int_equal(tree_find_code_on(t, "11299", D), f->n11299);
  assert_int_equal(tree_find_code(t, "11299"), f->n11299); /* the newest */
  assert_int_equal(tree_find_code_before(t, "11299", D), f->o11299);
  assert_int_equal(tree_find_code_before(t, "11299", D - 1), -1);
  assert_int_equal(tree_find_code_on(t, "303", D), -1);
  assert_int_equal(tree_find_code_on(t, "303", 1000), f->p303);
  assert_int_equal(tree_find_code_on(t, "10510", D - 1), -1);
  assert_int_equal(tree_find_code_on(t, "31", D - 1), f->p31);
  assert_int_equal(tree_find_code_on(t, "31", D + 5000), f->p31);
  assert_int_equal(tree_find_code_on(t, "99", D), -1);
}

static void test_targets(void **state) {
  fixture *f = *state;
  const tree *t = &f->t;
  assert_int_equal(tree_target_on(t, f->p11302, D), f->n11299);
  assert_int_equal(tree_target_on(t, f->p11302, D - 1), f->p11302);
  assert_int_equal(tree_target_on(t, f->p303, D), f->p31);   /* a district: its parent continues */
  assert_int_equal(tree_target_on(t, f->p288, D), f->p31);   /* its parent's successor */
  assert_int_equal(tree_target_on(t, f->p30, D), f->p31);
  assert_int_equal(tree_target_on(t, f->p10510, D - 1), -1); /* newer than that tree */
  assert_int_equal(tree_target_on(t, f->p31, D - 1), f->p31);
}

/* counts: one record on each of the nine units, and three more at old 11302 */
static void fill(const fixture *f, cube *c, uint64_t key) {
  cube_init(c, f->t.n);
  for (int p = 0; p < f->t.n; p++) cube_count_add(c, key, p, 1);
  cube_count_add(c, key, f->p11302, 3);
}

static void test_view_sums(void **state) {
  fixture *f = *state;
  const tree *t = &f->t;
  cube c;
  uint64_t key = cube_key(0, 0, 1);
  fill(f, &c, key);
  const cube_slice *s = cube_get(&c, key);
  tview v; /* the 2025 tree over a window spanning the reform */
  tview_build(&v, t, D + 100, D - 100, D + 100);
  assert_true(v.maps);
  assert_int_equal(v.n, 9);
  int k0, k1;
  tview_run(&v, f->p31, t->u[f->p31].end, &k0, &k1);
  assert_int_equal(k1 - k0, 9); /* old 30, 288, 10507 lie outside 31's range but count into it */
  double all = cube_view_sum(s, &v, 0, v.n);
  assert_true(all == 12.0);
  tview_run(&v, f->p31, f->p31 + 1, &k0, &k1); /* 31 itself: its own, 303, 30, 288 */
  assert_true(cube_view_sum(s, &v, k0, k1) == 4.0);
  tview_run(&v, f->n11299, f->n11299 + 1, &k0, &k1); /* new 11299: itself, old 11299, old 11302 (4) */
  assert_true(cube_view_sum(s, &v, k0, k1) == 6.0);
  double lv[TREE_MAX_LEVELS + 1];
  cube_view_level_sums(s, &v, 0, v.n, lv);
  assert_true(lv[1] == 4.0 && lv[2] == 8.0 && isnan(lv[3]));
  tview_release(&v);
  cube_release(&c);
}

static void test_view_of_an_older_window(void **state) {
  fixture *f = *state;
  const tree *t = &f->t;
  cube c;
  uint64_t key = cube_key(0, 0, 2);
  fill(f, &c, key);
  const cube_slice *s = cube_get(&c, key);
  tview v; /* a 2024 window on the 2025 tree (a comparison): no new unit counts */
  tview_build(&v, t, D + 200, D - 300, D - 100);
  assert_int_equal(v.n, 7);
  for (int k = 0; k < v.n; k++) assert_true(unit_valid_on(&t->u[v.dst[k]], D + 200));
  int k0, k1;
  tview_run(&v, f->p10510, f->p10510 + 1, &k0, &k1);
  assert_int_equal(k1 - k0, 1);
  assert_int_equal(v.src[k0], f->p10507);
  assert_true(cube_view_sum(s, &v, k0, k1) == 1.0);
  tview_release(&v);
  /* the old tree over its own window: every unit counts as itself */
  tview_build(&v, t, D - 1, D - 300, D - 1);
  assert_false(v.maps);
  assert_int_equal(v.n, 7);
  tview_release(&v);
  /* an empty slice is blank, not 0 */
  tview_build(&v, t, D + 100, D - 100, D + 100);
  assert_true(isnan(cube_view_sum(NULL, &v, 0, v.n)));
  double lv[TREE_MAX_LEVELS + 1];
  cube_view_level_sums(NULL, &v, 0, v.n, lv);
  assert_true(isnan(lv[1]));
  tview_release(&v);
  cube_release(&c);
}

/* the level sums of every run of pairs [k0, k1), records only and with a
 * hand-entered value, equal a plain loop over the pairs: the runs of one
 * target level, summed in registers, lose nothing at their ends; a unit
 * whose only record was removed (count 0) stays blank */
static void test_view_level_sums_every_run(void **state) {
  fixture *f = *state;
  const tree *t = &f->t;
  cube c;
  uint64_t rk = cube_key(0, 0, 3), ek = cube_key(0, 1, 3);
  cube_init(&c, t->n);
  for (int p = 0; p < t->n; p++)
    if (p != f->p288) cube_record_add(&c, rk, p, 10.0 + p, 1), cube_record_add(&c, ek, p, 1.0 + p, 1);
  cube_record_add(&c, rk, f->p10507, -(10.0 + f->p10507), -1); /* removed: count 0 */
  cube_set_entered(&c, ek, f->p288, 100.0);
  tview v;
  tview_build(&v, t, D + 100, D - 100, D + 100);
  for (int which = 0; which < 2; which++) {
    const cube_slice *s = cube_get(&c, which ? ek : rk);
    for (int k0 = 0; k0 <= v.n; k0++)
      for (int k1 = k0; k1 <= v.n; k1++) {
        double want[TREE_MAX_LEVELS + 1], got[TREE_MAX_LEVELS + 1];
        int any[TREE_MAX_LEVELS + 1] = {0};
        for (int l = 0; l <= TREE_MAX_LEVELS; l++) want[l] = 0;
        for (int k = k0; k < k1; k++) {
          double x = cube_unit_value(s, v.src[k]);
          if (!isnan(x)) want[v.level[k]] += x, any[v.level[k]] = 1;
        }
        cube_view_level_sums(s, &v, k0, k1, got);
        for (int l = 0; l <= TREE_MAX_LEVELS; l++) {
          if (!any[l]) assert_true(isnan(got[l]));
          else assert_true(got[l] == want[l]);
        }
      }
  }
  tview_release(&v);
  cube_release(&c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_editions),
      cmocka_unit_test(test_codes_by_day),
      cmocka_unit_test(test_targets),
      cmocka_unit_test(test_view_sums),
      cmocka_unit_test(test_view_of_an_older_window),
      cmocka_unit_test(test_view_level_sums_every_run),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
