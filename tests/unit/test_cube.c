/* cube: record counts win over entered values, blank stays apart from 0. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "core/cube.h"

/* a number that is not blank and equals want exactly */
#define assert_num(v, want)                                                                                    \
  do {                                                                                                         \
    double v_ = (v);                                                                                           \
    if (isnan(v_) || v_ != (double)(want)) fail_msg("%s = %g, expected %g", #v, v_, (double)(want));          \
  } while (0)
#define assert_blank(v)                                                                                        \
  do {                                                                                                         \
    double v_ = (v);                                                                                           \
    if (!isnan(v_)) fail_msg("%s = %g, expected blank", #v, v_);                                              \
  } while (0)

static void test_key_distinct_and_nonzero(void **state) {
  (void)state;
  assert_true(cube_key(0, 0, 0) != 0);
  assert_true(cube_key(1, 0, 5) != cube_key(0, 1, 5));
  assert_true(cube_key(0, 1, 5) != cube_key(0, 0, 5));
  assert_true(cube_key(0, 0, 6) != cube_key(0, 0, 5));
  assert_true(cube_key(3, 7, 0x7e700) == cube_key(3, 7, 0x7e700));
}

static void test_unit_value_rules(void **state) {
  (void)state;
  cube c;
  cube_init(&c, 5);
  uint64_t k = cube_key(2, 1, 1234);
  assert_null(cube_get(&c, k));
  assert_blank(cube_unit_value(NULL, 0));

  cube_count_add(&c, k, 0, 3);      /* records only */
  cube_set_entered(&c, k, 1, 7);    /* entered only */
  cube_count_add(&c, k, 2, 2);      /* both: records win */
  cube_set_entered(&c, k, 2, 40);
  cube_set_entered(&c, k, 3, 0);    /* an entered 0 is a value */
  /* unit 4: nothing, blank */
  const cube_slice *s = cube_get(&c, k);
  assert_non_null(s);
  assert_num(cube_unit_value(s, 0), 3);
  assert_num(cube_unit_value(s, 1), 7);
  assert_num(cube_unit_value(s, 2), 2);
  assert_num(cube_unit_value(s, 3), 0);
  assert_blank(cube_unit_value(s, 4));

  /* records removed down to 0: the entered value shows again */
  cube_count_add(&c, k, 2, -2);
  assert_num(cube_unit_value(s, 2), 40);
  /* an entered value can be cleared back to blank */
  cube_set_entered(&c, k, 1, NAN);
  assert_blank(cube_unit_value(s, 1));

  /* other keys are untouched */
  assert_null(cube_get(&c, cube_key(2, 1, 1235)));
  assert_null(cube_get(&c, cube_key(2, 2, 1234)));
  cube_release(&c);
}

static void test_out_of_range_positions_ignored(void **state) {
  (void)state;
  cube c;
  cube_init(&c, 3);
  uint64_t k = cube_key(0, 0, 1);
  cube_count_add(&c, k, -1, 5);
  cube_count_add(&c, k, 3, 5);
  cube_set_entered(&c, k, 3, 5);
  assert_null(cube_get(&c, k));
  cube_release(&c);
}

static void test_range_sum(void **state) {
  (void)state;
  cube c;
  cube_init(&c, 6);
  uint64_t k = cube_key(1, 0, 99);
  assert_blank(cube_range_sum(NULL, 0, 6));
  cube_count_add(&c, k, 1, 4);
  cube_set_entered(&c, k, 2, 10);
  cube_count_add(&c, k, 3, 1);
  cube_set_entered(&c, k, 3, 100); /* hidden by the record */
  cube_set_entered(&c, k, 5, 0);
  const cube_slice *s = cube_get(&c, k);
  assert_num(cube_range_sum(s, 0, 6), 15);
  assert_num(cube_range_sum(s, 1, 3), 14);
  assert_num(cube_range_sum(s, 3, 4), 1);
  assert_blank(cube_range_sum(s, 0, 1)); /* all blank */
  assert_blank(cube_range_sum(s, 4, 5));
  assert_blank(cube_range_sum(s, 2, 2)); /* empty range */
  assert_num(cube_range_sum(s, 4, 6), 0); /* blank + entered 0 = 0, not blank */
  assert_num(cube_range_sum(s, 5, 6), 0);
  cube_release(&c);
}

static void test_level_sums(void **state) {
  (void)state;
  /* positions: 0 L1, 1 L2, 2 L3, 3 L3, 4 L2, 5 L3, 6 L3 */
  const uint8_t levels[] = {1, 2, 3, 3, 2, 3, 3};
  cube c;
  cube_init(&c, 7);
  uint64_t k = cube_key(4, 2, 7);
  cube_count_add(&c, k, 1, 2);    /* L2 */
  cube_set_entered(&c, k, 4, 5);  /* L2 */
  cube_count_add(&c, k, 2, 1);    /* L3 */
  cube_set_entered(&c, k, 6, 0);  /* L3: entered 0 */
  const cube_slice *s = cube_get(&c, k);
  double out[TREE_MAX_LEVELS + 1];
  cube_level_sums(s, levels, 0, 7, out);
  assert_blank(out[1]);
  assert_num(out[2], 7);
  assert_num(out[3], 1);
  for (int l = 4; l <= TREE_MAX_LEVELS; l++) assert_blank(out[l]);

  /* a sub-range: the second district only */
  cube_level_sums(s, levels, 4, 7, out);
  assert_blank(out[1]);
  assert_num(out[2], 5);
  assert_num(out[3], 0); /* only the entered 0: zero, not blank */

  /* the first district's communes only */
  cube_level_sums(s, levels, 2, 4, out);
  assert_blank(out[2]);
  assert_num(out[3], 1);

  /* no slice: every level blank */
  cube_level_sums(NULL, levels, 0, 7, out);
  for (int l = 1; l <= TREE_MAX_LEVELS; l++) assert_blank(out[l]);
  cube_release(&c);
}

static void test_many_keys_grow_table(void **state) {
  (void)state;
  enum { NKEYS = 3000, NUNITS = 4 };
  cube c;
  cube_init(&c, NUNITS);
  int cap0 = c.cap;
  for (int i = 0; i < NKEYS; i++) {
    uint64_t k = cube_key(i % 37, i / 37, 2023 * 256 + i % 5);
    cube_count_add(&c, k, i % NUNITS, i + 1);
    cube_set_entered(&c, k, (i + 1) % NUNITS, -(double)i);
  }
  assert_int_equal(c.used, NKEYS);
  assert_true(c.cap > 256);
  assert_true(c.cap > cap0);
  assert_true(c.used * 4 <= c.cap * 3);
  for (int i = 0; i < NKEYS; i++) {
    const cube_slice *s = cube_get(&c, cube_key(i % 37, i / 37, 2023 * 256 + i % 5));
    if (!s) fail_msg("key %d lost", i);
    assert_num(cube_unit_value(s, i % NUNITS), i + 1);
    assert_num(cube_unit_value(s, (i + 1) % NUNITS), -(double)i);
    assert_blank(cube_unit_value(s, (i + 2) % NUNITS));
    assert_num(cube_range_sum(s, 0, NUNITS), 1);
  }
  assert_null(cube_get(&c, cube_key(36, NKEYS, 0)));
  cube_release(&c);
}

static void test_count_accumulates(void **state) {
  (void)state;
  cube c;
  cube_init(&c, 2);
  uint64_t k = cube_key(0, 0, 1);
  for (int i = 0; i < 10; i++) cube_count_add(&c, k, 1, 1);
  cube_count_add(&c, k, 1, -3);
  assert_num(cube_unit_value(cube_get(&c, k), 1), 7);
  assert_int_equal(c.used, 1);
  cube_release(&c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_key_distinct_and_nonzero),
      cmocka_unit_test(test_unit_value_rules),
      cmocka_unit_test(test_out_of_range_positions_ignored),
      cmocka_unit_test(test_range_sum),
      cmocka_unit_test(test_level_sums),
      cmocka_unit_test(test_many_keys_grow_table),
      cmocka_unit_test(test_count_accumulates),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
