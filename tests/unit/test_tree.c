/* tree: DFS pre-order numbering, lookups, build errors, committee names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tree.h"

static unit_node node(int64_t id, int64_t parent_id, int level, const char *code, const char *name, const char *type) {
  unit_node u;
  memset(&u, 0, sizeof u);
  u.id = id;
  u.parent_id = parent_id;
  u.level = level;
  u.code = strdup(code);
  u.name = strdup(name);
  u.type = type ? strdup(type) : NULL;
  u.valid_from = INT32_MIN;
  u.valid_to = INT32_MAX;
  return u;
}

/* on failure tree_build leaves the strings with the caller */
static void free_nodes(unit_node *nodes, int n) {
  for (int i = 0; i < n; i++) {
    free(nodes[i].code), free(nodes[i].name), free(nodes[i].type);
    free(nodes[i].short_name), free(nodes[i].fold);
  }
}

/* Hải Phòng with two districts of two communes each, given in scrambled order.
 * Code order: 11299 < 11302 < 11527 < 11533 < 303 < 31 < 318, so the DFS is
 *   0 31 Hải Phòng [0,7)
 *   1 303 Hồng Bàng [1,4)   2 11299   3 11302
 *   4 318 An Lão    [4,7)   5 11527   6 11533 */
static int build_hp(tree *t) {
  unit_node n[] = {
      node(30, 20, 3, "11533", "Xã An Tiến", "Xã"),
      node(20, 10, 2, "318", "Huyện An Lão", "Huyện"),
      node(32, 21, 3, "11299", "Phường Hoàng Văn Thụ", "Phường"),
      node(10, 0, 1, "31", "Thành phố Hải Phòng", "Thành phố trực thuộc trung ương"),
      node(31, 20, 3, "11527", "Thị trấn An Lão", "Thị trấn"),
      node(21, 10, 2, "303", "Quận Hồng Bàng", "Quận"),
      node(33, 21, 3, "11302", "Phường Minh Khai", "Phường"),
  };
  char err[200] = "";
  int rc = tree_build(t, n, 7, err, sizeof err);
  if (rc) fail_msg("tree_build: %s", err);
  return rc;
}

static void test_dfs_order_ranges_parents_levels(void **state) {
  (void)state;
  tree t;
  build_hp(&t);
  assert_int_equal(t.n, 7);
  static const char *codes[] = {"31", "303", "11299", "11302", "318", "11527", "11533"};
  static const int ends[] = {7, 4, 3, 4, 7, 6, 7};
  static const int parents[] = {-1, 0, 1, 1, 0, 4, 4};
  static const int levels[] = {1, 2, 3, 3, 2, 3, 3};
  static const int64_t ids[] = {10, 21, 32, 33, 20, 31, 30};
  for (int p = 0; p < 7; p++) {
    assert_string_equal(t.u[p].code, codes[p]);
    assert_int_equal(t.u[p].end, ends[p]);
    assert_int_equal(t.u[p].parent, parents[p]);
    assert_int_equal(t.u[p].level, levels[p]);
    assert_int_equal(t.level[p], levels[p]);
    assert_int_equal(t.u[p].id, ids[p]);
  }
  assert_int_equal(t.maxlevel, 3);
  assert_string_equal(t.u[0].name, "Thành phố Hải Phòng");
  assert_string_equal(t.u[4].type, "Huyện");
  assert_true(tree_in_subtree(&t, 0, 6));
  assert_true(tree_in_subtree(&t, 1, 3));
  assert_true(tree_in_subtree(&t, 4, 4));
  assert_false(tree_in_subtree(&t, 1, 4));
  assert_false(tree_in_subtree(&t, 4, 3));
  assert_false(tree_in_subtree(&t, 2, 3));
  tree_release(&t);
}

static void test_find_code_and_id(void **state) {
  (void)state;
  tree t;
  build_hp(&t);
  assert_int_equal(tree_find_code(&t, "31"), 0);
  assert_int_equal(tree_find_code(&t, "303"), 1);
  assert_int_equal(tree_find_code(&t, "318"), 4);
  assert_int_equal(tree_find_code(&t, "11533"), 6);
  assert_int_equal(tree_find_code(&t, "3"), -1);
  assert_int_equal(tree_find_code(&t, "319"), -1);
  assert_int_equal(tree_find_code(&t, ""), -1);
  assert_int_equal(tree_find_id(&t, 10), 0);
  assert_int_equal(tree_find_id(&t, 20), 4);
  assert_int_equal(tree_find_id(&t, 21), 1);
  assert_int_equal(tree_find_id(&t, 30), 6);
  assert_int_equal(tree_find_id(&t, 33), 3);
  assert_int_equal(tree_find_id(&t, 0), -1);
  assert_int_equal(tree_find_id(&t, 11), -1);
  assert_int_equal(tree_find_id(&t, 99), -1);
  tree_release(&t);
}

static void test_several_roots(void **state) {
  (void)state;
  unit_node n[] = {
      node(2, 0, 1, "31", "Thành phố Hải Phòng", "Thành phố trực thuộc trung ương"),
      node(3, 2, 2, "318", "Huyện An Lão", "Huyện"),
      node(1, 0, 1, "01", "Thành phố Hà Nội", "Thành phố trực thuộc trung ương"),
  };
  char err[200];
  tree t;
  assert_int_equal(tree_build(&t, n, 3, err, sizeof err), 0);
  assert_string_equal(t.u[0].code, "01");
  assert_int_equal(t.u[0].end, 1);
  assert_int_equal(t.u[0].parent, -1);
  assert_string_equal(t.u[1].code, "31");
  assert_int_equal(t.u[1].end, 3);
  assert_int_equal(t.u[1].parent, -1);
  assert_int_equal(t.u[2].parent, 1);
  tree_release(&t);
}

static void test_empty_tree(void **state) {
  (void)state;
  tree t;
  char err[100];
  assert_int_equal(tree_build(&t, NULL, 0, err, sizeof err), 0);
  assert_int_equal(t.n, 0);
  assert_int_equal(tree_find_code(&t, "31"), -1);
  assert_int_equal(tree_find_id(&t, 1), -1);
  tree_release(&t);
}

static void test_missing_parent(void **state) {
  (void)state;
  unit_node n[] = {
      node(1, 0, 1, "31", "Thành phố Hải Phòng", "Thành phố trực thuộc trung ương"),
      node(2, 77, 2, "318", "Huyện An Lão", "Huyện"),
  };
  char err[200] = "";
  tree t;
  assert_int_equal(tree_build(&t, n, 2, err, sizeof err), -1);
  assert_non_null(strstr(err, "318"));
  assert_non_null(strstr(err, "cấp trên"));
  assert_int_equal(t.n, 0);
  free_nodes(n, 2);
}

static void test_cycle(void **state) {
  (void)state;
  unit_node n[] = {
      node(1, 0, 1, "31", "Thành phố Hải Phòng", "Thành phố trực thuộc trung ương"),
      node(2, 3, 2, "318", "Huyện An Lão", "Huyện"),
      node(3, 2, 3, "11527", "Thị trấn An Lão", "Thị trấn"),
  };
  char err[200] = "";
  tree t;
  assert_int_equal(tree_build(&t, n, 3, err, sizeof err), -1);
  assert_non_null(strstr(err, "vòng lặp"));
  assert_int_equal(t.n, 0);
  assert_null(t.u);
  free_nodes(n, 3);

  /* a unit that is its own parent */
  unit_node self[] = {node(5, 5, 1, "X", "X", NULL)};
  assert_int_equal(tree_build(&t, self, 1, err, sizeof err), -1);
  assert_non_null(strstr(err, "vòng lặp"));
  free_nodes(self, 1);
}

static void test_child_level_not_below_parent(void **state) {
  (void)state;
  unit_node n[] = {
      node(1, 0, 2, "31", "Thành phố Hải Phòng", "Thành phố trực thuộc trung ương"),
      node(2, 1, 2, "318", "Huyện An Lão", "Huyện"),
  };
  char err[200] = "";
  tree t;
  assert_int_equal(tree_build(&t, n, 2, err, sizeof err), -1);
  assert_non_null(strstr(err, "318"));
  assert_int_equal(t.n, 0);
  free_nodes(n, 2);

  unit_node up[] = {
      node(1, 0, 2, "31", "Thành phố Hải Phòng", "Thành phố trực thuộc trung ương"),
      node(2, 1, 1, "318", "Huyện An Lão", "Huyện"),
  };
  assert_int_equal(tree_build(&t, up, 2, err, sizeof err), -1);
  assert_non_null(strstr(err, "318"));
  free_nodes(up, 2);
}

static void test_level_out_of_range(void **state) {
  (void)state;
  char err[200] = "";
  tree t;
  unit_node zero[] = {node(1, 0, 0, "31", "Hải Phòng", NULL)};
  assert_int_equal(tree_build(&t, zero, 1, err, sizeof err), -1);
  assert_non_null(strstr(err, "31"));
  free_nodes(zero, 1);
  unit_node deep[] = {node(1, 0, TREE_MAX_LEVELS + 1, "31", "Hải Phòng", NULL)};
  assert_int_equal(tree_build(&t, deep, 1, err, sizeof err), -1);
  free_nodes(deep, 1);
}

static void test_committee_names(void **state) {
  (void)state;
  tree t;
  build_hp(&t);
  char out[128];
  tree_committee_name(&t, 0, out, sizeof out);
  assert_string_equal(out, "Thành ủy Hải Phòng");
  tree_committee_name(&t, 1, out, sizeof out);
  assert_string_equal(out, "Quận ủy Hồng Bàng");
  tree_committee_name(&t, 4, out, sizeof out);
  assert_string_equal(out, "Huyện ủy An Lão");
  tree_committee_name(&t, 6, out, sizeof out);
  assert_string_equal(out, "Đảng ủy xã An Tiến");
  tree_committee_name(&t, 5, out, sizeof out);
  assert_string_equal(out, "Đảng ủy thị trấn An Lão");
  tree_committee_name(&t, 2, out, sizeof out);
  assert_string_equal(out, "Đảng ủy phường Hoàng Văn Thụ");
  /* an explicit short name wins */
  t.u[0].short_name = strdup("TP Hải Phòng");
  tree_committee_name(&t, 0, out, sizeof out);
  assert_string_equal(out, "Thành ủy TP Hải Phòng");
  /* the output is bounded by n */
  char small[10];
  tree_committee_name(&t, 4, small, sizeof small);
  assert_int_equal(strlen(small), sizeof small - 1);
  tree_release(&t);
}

static void test_committee_name_other_types(void **state) {
  (void)state;
  unit_node n[] = {
      node(1, 0, 1, "22", "Tỉnh Quảng Ninh", "Tỉnh"),
      node(2, 1, 2, "206", "Thị xã Quảng Yên", "Thị xã"),
      node(3, 1, 2, "193", "Thành phố Hạ Long", "Thành phố thuộc tỉnh"),
      node(4, 1, 2, "900", "Ban Dân vận Tỉnh ủy", "Cơ quan"),
  };
  char err[200];
  tree t;
  assert_int_equal(tree_build(&t, n, 4, err, sizeof err), 0);
  char out[128];
  tree_committee_name(&t, tree_find_code(&t, "22"), out, sizeof out);
  assert_string_equal(out, "Tỉnh ủy Quảng Ninh");
  tree_committee_name(&t, tree_find_code(&t, "206"), out, sizeof out);
  assert_string_equal(out, "Thị ủy Quảng Yên");
  tree_committee_name(&t, tree_find_code(&t, "193"), out, sizeof out);
  assert_string_equal(out, "Thành ủy Hạ Long");
  /* not an administrative unit: its name as it is */
  tree_committee_name(&t, tree_find_code(&t, "900"), out, sizeof out);
  assert_string_equal(out, "Ban Dân vận Tỉnh ủy");
  tree_release(&t);
}

static void test_unit_short_name(void **state) {
  (void)state;
  assert_string_equal(unit_short_name("Thành phố Hải Phòng", "Thành phố trực thuộc trung ương"), "Hải Phòng");
  assert_string_equal(unit_short_name("Huyện An Lão", "Huyện"), "An Lão");
  assert_string_equal(unit_short_name("Xã An Tiến", "Xã"), "An Tiến");
  assert_string_equal(unit_short_name("Thị trấn An Lão", "Thị trấn"), "An Lão");
  assert_string_equal(unit_short_name("Ban Dân vận", "Cơ quan"), "Ban Dân vận");
  assert_string_equal(unit_short_name("Xãhội", NULL), "Xãhội"); /* a type word only before a space */
}

static void test_level_names(void **state) {
  (void)state;
  tree t;
  build_hp(&t);
  tree_set_level_name(&t, 0, 2, "Quận, huyện", "Cấp huyện", "Huyện");
  tree_set_level_name(&t, 0, 2, "Quận, huyện, thị xã", "Cấp huyện", "Huyện"); /* replaces */
  tree_set_level_name(&t, 0, 0, "x", "x", "x");                                /* ignored */
  tree_set_level_name(&t, 0, TREE_MAX_LEVELS + 1, "x", "x", "x");              /* ignored */
  assert_string_equal(t.ed[0].levels[2].name, "Quận, huyện, thị xã");
  assert_string_equal(t.ed[0].levels[2].cap, "Cấp huyện");
  assert_string_equal(t.ed[0].levels[2].shortn, "Huyện");
  assert_null(t.ed[0].levels[0].name);
  assert_null(t.ed[0].levels[1].name);
  tree_release(&t);
}

/* A larger random forest, given shuffled: check every structural invariant. */
static void test_random_forest_invariants(void **state) {
  (void)state;
  enum { N = 600 };
  unit_node *n = calloc(N, sizeof *n);
  uint32_t seed = 12345;
  int roots_given = 0;
#define NEXT() (seed = seed * 1103515245u + 12345u, (seed >> 8) % 1000003u)
  for (int i = 0; i < N; i++) {
    int64_t parent = 0;
    int level = 1;
    if (i >= 5) { /* five roots, then each unit under an earlier one */
      int p = (int)(NEXT() % (uint32_t)i);
      if (n[p].level < TREE_MAX_LEVELS) parent = n[p].id, level = n[p].level + 1;
    }
    char code[24]; /* random order, unique through the suffix */
    snprintf(code, sizeof code, "K%06u-%d", (unsigned)(NEXT() % 1000000u), i);
    n[i] = node(1000 + i * 7, parent, level, code, code, NULL);
    if (!parent) roots_given++;
  }
  for (int i = N - 1; i > 0; i--) { /* shuffle */
    int j = (int)(NEXT() % (uint32_t)(i + 1));
    unit_node tmp = n[i];
    n[i] = n[j], n[j] = tmp;
  }
#undef NEXT
  tree t;
  char err[200];
  assert_int_equal(tree_build(&t, n, N, err, sizeof err), 0);
  free(n); /* the array is ours; the strings now belong to the tree */
  assert_int_equal(t.n, N);
  int roots = 0;
  for (int p = 0; p < N; p++) {
    const unit_node *u = &t.u[p];
    assert_true(u->end > p && u->end <= N);
    assert_int_equal(tree_find_id(&t, u->id), p);
    assert_int_equal(tree_find_code(&t, u->code), p);
    if (u->parent < 0) {
      roots++;
      assert_int_equal(u->level, 1);
      continue;
    }
    /* the parent comes before, and its range holds the whole subtree */
    assert_true(u->parent < p);
    assert_true(u->end <= t.u[u->parent].end);
    assert_int_equal(u->level, t.u[u->parent].level + 1);
    /* a unit's subtree is exactly the positions whose ancestor chain meets it */
    for (int q = 0; q < N; q++) {
      int a = q;
      while (a >= 0 && a != p) a = t.u[a].parent;
      if ((a == p) != tree_in_subtree(&t, p, q)) fail_msg("unit %d, position %d", p, q);
    }
  }
  assert_true(roots_given >= 5);
  assert_int_equal(roots, roots_given);
  /* siblings (and roots) come in code order */
  for (int p = 0; p < N; p++) {
    int prev = -1;
    for (int q = p + 1; q < t.u[p].end; q = t.u[q].end) {
      assert_int_equal(t.u[q].parent, p);
      if (prev >= 0) assert_true(strcmp(t.u[prev].code, t.u[q].code) < 0);
      prev = q;
    }
  }
  for (int q = 0, prev = -1; q < N; prev = q, q = t.u[q].end)
    if (prev >= 0) assert_true(strcmp(t.u[prev].code, t.u[q].code) < 0);
  tree_release(&t);
}

/* The seed's reporting duties rest on the commune level: a ward's Front and a
 * village are below a commune, a ward and a district are not. */
static void test_commune_level(void **state) {
  (void)state;
  assert_true(unit_type_is_commune("Xã") && unit_type_is_commune("Phường") && unit_type_is_commune("Thị trấn"));
  assert_true(unit_type_is_commune("Đặc khu"));
  assert_false(unit_type_is_commune("Quận") || unit_type_is_commune("Thôn") || unit_type_is_commune(NULL));
  unit_node n[] = {
      node(10, 0, 1, "31", "Thành phố Hải Phòng", "Thành phố trực thuộc trung ương"),
      node(20, 10, 2, "11311", "Phường Hồng Bàng", "Phường"),
      node(30, 20, 2, "11311-MT", "Ủy ban MTTQ phường Hồng Bàng", "Ủy ban Mặt trận"),
      node(40, 20, 3, "11311-T1", "Tổ dân phố số 1", "Tổ dân phố"),
      node(50, 10, 1, "31-MT", "Ủy ban MTTQ thành phố", "Ủy ban Mặt trận"),
  };
  n[2].kind = n[4].kind = KIND_FRONT;
  tree t;
  char err[200] = "";
  assert_int_equal(tree_build(&t, n, 5, err, sizeof err), 0);
  assert_false(tree_below_commune(&t, tree_find_code(&t, "31")));
  assert_false(tree_below_commune(&t, tree_find_code(&t, "11311")));
  assert_false(tree_below_commune(&t, tree_find_code(&t, "31-MT")));
  assert_true(tree_below_commune(&t, tree_find_code(&t, "11311-MT")));
  assert_true(tree_below_commune(&t, tree_find_code(&t, "11311-T1")));
  tree_release(&t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_dfs_order_ranges_parents_levels),
      cmocka_unit_test(test_find_code_and_id),
      cmocka_unit_test(test_several_roots),
      cmocka_unit_test(test_empty_tree),
      cmocka_unit_test(test_missing_parent),
      cmocka_unit_test(test_cycle),
      cmocka_unit_test(test_child_level_not_below_parent),
      cmocka_unit_test(test_level_out_of_range),
      cmocka_unit_test(test_committee_names),
      cmocka_unit_test(test_committee_name_other_types),
      cmocka_unit_test(test_unit_short_name),
      cmocka_unit_test(test_level_names),
      cmocka_unit_test(test_random_forest_invariants),
      cmocka_unit_test(test_commune_level),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
