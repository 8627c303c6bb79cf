/* form + report: the embedded forms load, and computed annexes have the
 * right rows, sums, by-level values and blank-versus-zero cells. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "util/embedded.h"

static const char *FORM_FILES[] = {"bieu-1.form", "bieu-2.form", "bieu-3.form", "bieu-4.form",
                                   "bieu-5.form", "bieu-6.form", "bieu-7.form"};

/* The test area, positions in DFS order (children by code):
 *   0 31    Thành phố Hải Phòng    level 1
 *   1 303   Quận Hồng Bàng         level 2
 *   2 11299 Phường Hoàng Văn Thụ   level 3
 *   3 11302 Phường Minh Khai       level 3
 *   4 11305 Phường Phan Bội Châu   level 3
 *   5 318   Huyện An Lão           level 2
 *   6 11527 Thị trấn An Lão        level 3
 *   7 11533 Xã An Tiến             level 3 */
enum { P = 0, D1 = 1, C11 = 2, C12 = 3, C13 = 4, D2 = 5, C21 = 6, C22 = 7, NUNITS = 8 };

typedef struct fixture {
  catalog cat;
  tree t;
  cube c;
  period p;     /* 2023S1 */
  period other; /* 2023S2, whose data must never show in 2023S1 */
} fixture;

static unit_node node(int64_t id, int64_t parent_id, int level, const char *code, const char *name, const char *type) {
  unit_node u;
  memset(&u, 0, sizeof u);
  u.id = id, u.parent_id = parent_id, u.level = level;
  u.code = strdup(code), u.name = strdup(name), u.type = strdup(type);
  return u;
}

static void load_catalog(catalog *cat) {
  char err[256] = "";
  memset(cat, 0, sizeof *cat);
  const embedded_file *el = embedded_find("elements.txt");
  assert_non_null(el);
  if (catalog_load_elements(cat, el->data, err, sizeof err)) fail_msg("elements.txt: %s", err);
  for (size_t i = 0; i < sizeof FORM_FILES / sizeof *FORM_FILES; i++) {
    const embedded_file *f = embedded_find(FORM_FILES[i]);
    if (!f) fail_msg("%s is not embedded", FORM_FILES[i]);
    if (catalog_add_form(cat, f->data, err, sizeof err)) fail_msg("%s: %s", FORM_FILES[i], err);
  }
}

static void build_tree(tree *t) {
  unit_node n[] = {
      node(7, 5, 3, "11533", "Xã An Tiến", "Xã"),
      node(4, 2, 3, "11305", "Phường Phan Bội Châu", "Phường"),
      node(1, 0, 1, "31", "Thành phố Hải Phòng", "Thành phố trực thuộc trung ương"),
      node(6, 5, 3, "11527", "Thị trấn An Lão", "Thị trấn"),
      node(2, 1, 2, "303", "Quận Hồng Bàng", "Quận"),
      node(3, 2, 3, "11299", "Phường Hoàng Văn Thụ", "Phường"),
      node(5, 1, 2, "318", "Huyện An Lão", "Huyện"),
      node(8, 2, 3, "11302", "Phường Minh Khai", "Phường"),
  };
  char err[200] = "";
  if (tree_build(t, n, NUNITS, err, sizeof err)) fail_msg("tree_build: %s", err);
  tree_set_level_name(t, 0, 1, "Thành phố", "Cấp thành phố", "Thành phố");
  tree_set_level_name(t, 0, 2, "Quận, huyện", "Cấp huyện", "Huyện");
  tree_set_level_name(t, 0, 3, "Xã, phường", "Cấp xã", "Xã");
}

static uint64_t key(fixture *fx, const char *el, const char *combo, const period *p) {
  int e = catalog_element(&fx->cat, el), c = catalog_combo(&fx->cat, combo);
  if (e < 0 || c < 0) fail_msg("unknown %s %s", el, combo);
  return cube_key(e, c, period_key(p));
}

static void count(fixture *fx, const char *el, const char *combo, int pos, int n) {
  cube_count_add(&fx->c, key(fx, el, combo, &fx->p), pos, n);
}

static void enter(fixture *fx, const char *el, const char *combo, int pos, double v) {
  cube_set_entered(&fx->c, key(fx, el, combo, &fx->p), pos, v);
}

/* The data behind every report test (period 2023S1). */
static void fill_cube(fixture *fx) {
  cube_init(&fx->c, fx->t.n);
  /* Biểu 5: dialogues */
  count(fx, "dialogues", "dinh_ky.cap_uy", P, 2);
  count(fx, "dialogues", "dinh_ky.cap_uy", D1, 1);
  enter(fx, "dialogues", "dinh_ky.cap_uy", D2, 3);
  count(fx, "dialogues", "dinh_ky.cap_uy", C11, 1);
  count(fx, "dialogues", "dinh_ky.cap_uy", C12, 2);
  enter(fx, "dialogues", "dinh_ky.cap_uy", C21, 4);
  count(fx, "dialogues", "dinh_ky.cap_uy", C22, 1);
  enter(fx, "dialogues", "dinh_ky.cap_uy", C22, 9); /* hidden: records win */
  enter(fx, "dialogues", "dinh_ky.chinh_quyen", C13, 0);
  count(fx, "dialogues", "chuyen_de.cap_uy", D1, 5);
  /* the same cell in another period */
  cube_count_add(&fx->c, key(fx, "dialogues", "dinh_ky.cap_uy", &fx->other), P, 100);
  cube_count_add(&fx->c, key(fx, "dialogues", "dot_xuat.cap_uy", &fx->other), C11, 100);

  /* Biểu 1 */
  count(fx, "conf_count", "cap_uy", P, 3);
  count(fx, "conf_count", "cap_uy", D1, 2);
  enter(fx, "conf_count", "cap_uy", D2, 1);
  count(fx, "conf_count", "cap_uy", C11, 7); /* communes are not in Biểu 1 */
  enter(fx, "conf_people", "cap_uy", P, 150);
  enter(fx, "doc_count", "cap_uy", D1, 0);
  count(fx, "insp_count", "cap_uy.kiem_tra", P, 1);
  count(fx, "reception_sessions", "default", P, 2);
  count(fx, "reception_sessions", "default", D1, 1);
  count(fx, "reception_sessions", "default", D2, 1);
  enter(fx, "reception_people", "default", P, 40);
  enter(fx, "reception_people", "default", D1, 25);

  /* Biểu 3 */
  count(fx, "models_registered", "default", P, 1);
  count(fx, "models_registered", "default", C11, 2);
  enter(fx, "models_registered", "default", D2, 3);
  enter(fx, "models_recognised", "ca_nhan", C21, 0);
  count(fx, "models_by_field", "kinh_te.tap_the", C22, 4);
}

static int setup(void **state) {
  fixture *fx = calloc(1, sizeof *fx);
  load_catalog(&fx->cat);
  build_tree(&fx->t);
  assert_int_equal(period_parse("2023S1", &fx->p), 0);
  assert_int_equal(period_parse("2023S2", &fx->other), 0);
  fill_cube(fx);
  *state = fx;
  return 0;
}

static int teardown(void **state) {
  fixture *fx = *state;
  cube_release(&fx->c);
  tree_release(&fx->t);
  catalog_release(&fx->cat);
  free(fx);
  return 0;
}

static void compute(fixture *fx, rtable *out, const char *form_code, int unit, int drill, report_text_fn fn, void *ctx) {
  const form *f = catalog_form(&fx->cat, form_code);
  if (!f) fail_msg("form %s not loaded", form_code);
  report_req r = {.cat = &fx->cat, .f = f, .t = &fx->t, .c = &fx->c, .unit = unit, .p = fx->p,
                  .drill_level = drill, .text = fn, .text_ctx = ctx};
  report_compute(out, &r);
}

static void expect_num(const rtable *t, int row, int col, double want) {
  assert_true(row < t->nrows && col < t->ncols);
  const rcell *c = &t->rows[row].cells[col];
  if (c->kind != CELL_NUM || c->num != want)
    fail_msg("row %d (%s) col %d: kind %d num %g, expected number %g", row, t->rows[row].label, col + 1, c->kind,
             c->num, want);
}

static void expect_null(const rtable *t, int row, int col) {
  assert_true(row < t->nrows && col < t->ncols);
  const rcell *c = &t->rows[row].cells[col];
  if (c->kind != CELL_NULL)
    fail_msg("row %d (%s) col %d: kind %d num %g, expected blank", row, t->rows[row].label, col + 1, c->kind, c->num);
}

static void expect_text(const rtable *t, int row, int col, const char *want) {
  assert_true(row < t->nrows && col < t->ncols);
  const rcell *c = &t->rows[row].cells[col];
  if (c->kind != CELL_TEXT) fail_msg("row %d col %d: kind %d, expected text \"%s\"", row, col + 1, c->kind, want);
  assert_string_equal(c->text, want);
}

/* ---- the catalog ---- */

static void test_catalog_loads_embedded_forms(void **state) {
  fixture *fx = *state;
  assert_int_equal(fx->cat.nelements, 26); /* 25 printed in the annexes + models_area for the indicators */
  assert_int_equal(fx->cat.nforms, 7);
  int e = catalog_element(&fx->cat, "models_recognised");
  assert_true(e >= 0);
  assert_int_equal(fx->cat.elements[e].type, VT_COUNT_NOTE);
  assert_int_equal(fx->cat.elements[e].agg, AGG_SUM);
  assert_string_equal(fx->cat.elements[e].name, "Số mô hình được công nhận trong năm");
  e = catalog_element(&fx->cat, "models_exemplary");
  assert_int_equal(fx->cat.elements[e].type, VT_TEXT);
  assert_int_equal(fx->cat.elements[e].agg, AGG_NONE);
  assert_string_equal(value_type_name(VT_COUNT_NOTE), "count_note");
  assert_int_equal(catalog_element(&fx->cat, "nope"), -1);

  const form *f5 = catalog_form(&fx->cat, "bieu-5");
  assert_non_null(f5);
  assert_int_equal(f5->rows, ROWS_LEVELS);
  assert_int_equal(f5->ncols, 13);
  assert_string_equal(f5->total_label, "Cộng");
  assert_int_equal(f5->cols[3].kind, BIND_SUM);
  assert_int_equal(f5->cols[3].nsum, 3);
  assert_int_equal(f5->cols[3].sum[0], 0);
  assert_int_equal(f5->cols[3].sum[2], 2);
  assert_int_equal(f5->cols[12].nsum, 3);
  assert_int_equal(f5->cols[12].sum[1], 7);
  assert_int_equal(f5->cols[0].kind, BIND_DATA);
  assert_int_equal(f5->cols[0].a.sc, SCOPE_ROW);
  assert_int_equal(f5->cols[0].depth, 2);
  assert_string_equal(f5->cols[0].path[0], "Đối thoại định kỳ (số cuộc)");
  assert_string_equal(f5->cols[0].path[1], "Người đứng đầu cấp ủy");
  assert_int_equal(f5->cols[12].depth, 1);

  const form *f1 = catalog_form(&fx->cat, "bieu-1");
  assert_non_null(f1);
  assert_int_equal(f1->rows, ROWS_SELF);
  assert_int_equal(f1->ncols, 36);
  assert_int_equal(f1->cols[33].kind, BIND_PAIR);
  assert_int_equal(f1->cols[33].a.sc, SCOPE_SELF_BELOW);
  assert_int_equal(f1->cols[35].b.sc, SCOPE_BELOW);
  assert_int_equal(f1->cols[2].a.sc, SCOPE_SELF);

  const form *f4 = catalog_form(&fx->cat, "bieu-4");
  assert_int_equal(f4->rows, ROWS_LIST);
  assert_string_equal(f4->list, "documents");
  assert_int_equal(f4->cols[0].kind, BIND_LIST);
  assert_null(catalog_form(&fx->cat, "bieu-8"));

  int dlg = catalog_element(&fx->cat, "dialogues");
  assert_true(catalog_pair_used(&fx->cat, dlg, catalog_combo(&fx->cat, "dot_xuat.dong_chu_tri")));
  assert_false(catalog_pair_used(&fx->cat, dlg, catalog_combo(&fx->cat, "default")));
  assert_true(catalog_pair_used(&fx->cat, catalog_element(&fx->cat, "reception_people"),
                                catalog_combo(&fx->cat, "default")));
}

/* a malformed form is refused with its line number, and nothing is added */
static void expect_form_error(const char *text, const char *needle) {
  catalog cat;
  load_catalog(&cat);
  int before = cat.nforms;
  char err[256] = "";
  assert_int_equal(catalog_add_form(&cat, text, err, sizeof err), -1);
  if (!strstr(err, needle)) fail_msg("error \"%s\" does not contain \"%s\"", err, needle);
  assert_int_equal(cat.nforms, before);
  catalog_release(&cat);
}

static void test_malformed_forms_rejected(void **state) {
  (void)state;
  expect_form_error("form bad\nrows self\ncol A | B = no_such_element default\n", "line 3");
  expect_form_error("form bad\nbogus directive\ncol A = dialogues default\n", "line 2");
  expect_form_error("# comment\n\nform bad\nrows sideways\n", "line 4");
  expect_form_error("form bad\nrows levels\ncol A without binding\n", "line 3");
  expect_form_error("form bad\nrows self\ncol A = dialogues default @nowhere\n", "line 3");
  expect_form_error("form bad\nrows self\ncol A = pair dialogues default dialogues default\n", "line 3");
  expect_form_error("form bad\nrows self\ncol A = dialogues default\ncol B = sum x\n", "line 4");
  expect_form_error("form bad\nrows self\ncol A = dialogues default\ncol B = sum 0\n", "line 4");
  expect_form_error("form bad\nrows self\ncol A = dialogues default\ncol B = sum 3-2\n", "line 4");
  /* a sum naming a column that does not exist, or itself */
  expect_form_error("form bad\nrows self\ncol A = dialogues default\ncol B = sum 1 3\n", "column 2");
  expect_form_error("form bad\nrows self\ncol A = dialogues default\ncol B = sum 1-2\n", "column 2");
  /* no code */
  expect_form_error("rows self\ncol A = dialogues default\n", "code");
}

static void test_good_form_text_accepted(void **state) {
  (void)state;
  catalog cat;
  load_catalog(&cat);
  char err[256] = "";
  const char *text = "# a comment\n"
                     "form mini\n"
                     "\n"
                     "title Mini\n"
                     "rows levels\n"
                     "col Nhóm | A = dialogues dinh_ky.cap_uy\n"
                     "col Nhóm | B = conf_count brand_new.combo @subtree\n"
                     "col Cộng = sum 1-2\n";
  assert_int_equal(catalog_add_form(&cat, text, err, sizeof err), 0);
  const form *f = catalog_form(&cat, "mini");
  assert_non_null(f);
  assert_string_equal(f->title, "Mini");
  assert_int_equal(f->ncols, 3);
  assert_int_equal(f->cols[1].a.sc, SCOPE_SUBTREE);
  assert_true(catalog_combo(&cat, "brand_new.combo") >= 0);
  assert_int_equal(f->cols[1].a.combo, catalog_combo(&cat, "brand_new.combo"));
  catalog_release(&cat);
}

static void test_bad_elements_rejected(void **state) {
  (void)state;
  catalog cat;
  char err[256] = "";
  memset(&cat, 0, sizeof cat);
  assert_int_equal(catalog_load_elements(&cat, "# x\na integer sum Name A\nb decimal sum Name B\n", err, sizeof err), -1);
  assert_non_null(strstr(err, "line 3"));
  catalog_release(&cat);
  memset(&cat, 0, sizeof cat);
  assert_int_equal(catalog_load_elements(&cat, "a integer sum\n", err, sizeof err), -1); /* no name */
  assert_non_null(strstr(err, "line 1"));
  catalog_release(&cat);
}

/* ---- Biểu 5: rows per level, then the total ---- */

static void test_bieu5_levels(void **state) {
  fixture *fx = *state;
  rtable t;
  compute(fx, &t, "bieu-5", P, 0, NULL, NULL);
  assert_string_equal(t.form, "bieu-5");
  assert_string_equal(t.period, "2023S1");
  assert_string_equal(t.unit_code, "31");
  assert_string_equal(t.unit_name, "Thành phố Hải Phòng");
  assert_string_equal(t.row_header, "Cấp");
  assert_int_equal(t.ncols, 13);
  assert_string_equal(t.paths[3][0], "Đối thoại định kỳ (số cuộc)");
  assert_string_equal(t.paths[3][1], "Cộng");
  assert_null(t.paths[3][2]);
  assert_int_equal(t.depth[3], 2);
  assert_string_equal(t.paths[12][0], "Tổng (số cuộc)");
  assert_null(t.paths[12][1]);

  assert_int_equal(t.nrows, 4);
  static const char *labels[] = {"Thành phố", "Quận, huyện", "Xã, phường", "Cộng"};
  for (int r = 0; r < 4; r++) {
    assert_string_equal(t.rows[r].label, labels[r]);
    assert_int_equal(t.rows[r].is_total, r == 3);
    assert_int_equal(t.rows[r].level, r < 3 ? r + 1 : 0);
  }
  enum { L1, L2, L3, TOT };
  /* định kỳ, cấp ủy: records or entered, by the level of the unit */
  expect_num(&t, L1, 0, 2);
  expect_num(&t, L2, 0, 4);  /* 1 counted + 3 entered */
  expect_num(&t, L3, 0, 8);  /* 1 + 2 + 4 + 1 (the entered 9 is hidden) */
  expect_num(&t, TOT, 0, 14);
  /* định kỳ, chính quyền: only an entered 0 at a commune */
  expect_null(&t, L1, 1);
  expect_null(&t, L2, 1);
  expect_num(&t, L3, 1, 0);
  expect_num(&t, TOT, 1, 0);
  /* định kỳ, đồng chủ trì: nothing anywhere */
  for (int r = 0; r < 4; r++) expect_null(&t, r, 2);
  /* định kỳ, Cộng */
  expect_num(&t, L1, 3, 2);
  expect_num(&t, L2, 3, 4);
  expect_num(&t, L3, 3, 8);
  expect_num(&t, TOT, 3, 14);
  /* chuyên đề: district level only */
  expect_null(&t, L1, 4);
  expect_num(&t, L2, 4, 5);
  expect_null(&t, L3, 4);
  expect_num(&t, TOT, 4, 5);
  expect_null(&t, L1, 7);
  expect_num(&t, L2, 7, 5);
  expect_null(&t, L3, 7);
  expect_num(&t, TOT, 7, 5);
  /* đột xuất: data only in 2023S2, so blank here, Cộng too */
  for (int r = 0; r < 4; r++) {
    expect_null(&t, r, 8);
    expect_null(&t, r, 11);
  }
  /* Tổng = the three Cộng */
  expect_num(&t, L1, 12, 2);
  expect_num(&t, L2, 12, 9);
  expect_num(&t, L3, 12, 8);
  expect_num(&t, TOT, 12, 19);
  rtable_release(&t);
}

static void test_bieu5_for_a_district(void **state) {
  fixture *fx = *state;
  rtable t;
  compute(fx, &t, "bieu-5", D2, 0, NULL, NULL);
  assert_string_equal(t.unit_code, "318");
  assert_int_equal(t.nrows, 3); /* no province row under a district */
  assert_string_equal(t.rows[0].label, "Quận, huyện");
  assert_string_equal(t.rows[1].label, "Xã, phường");
  assert_string_equal(t.rows[2].label, "Cộng");
  expect_num(&t, 0, 0, 3);
  expect_num(&t, 1, 0, 5);
  expect_num(&t, 2, 0, 8);
  expect_null(&t, 0, 1); /* the entered 0 is at a commune of the other district */
  expect_null(&t, 1, 1);
  expect_null(&t, 2, 1);
  expect_null(&t, 2, 4);
  expect_num(&t, 2, 12, 8);
  rtable_release(&t);
}

static void test_bieu5_other_period(void **state) {
  fixture *fx = *state;
  rtable t;
  const form *f = catalog_form(&fx->cat, "bieu-5");
  report_req r = {.cat = &fx->cat, .f = f, .t = &fx->t, .c = &fx->c, .unit = P, .p = fx->other};
  report_compute(&t, &r);
  assert_string_equal(t.period, "2023S2");
  expect_num(&t, 0, 0, 100);
  expect_null(&t, 1, 0);
  expect_num(&t, 2, 8, 100);
  expect_num(&t, 3, 12, 200);
  expect_null(&t, 3, 4);
  rtable_release(&t);
}

static void test_bieu5_drill_communes(void **state) {
  fixture *fx = *state;
  rtable t;
  compute(fx, &t, "bieu-5", P, 3, NULL, NULL);
  assert_string_equal(t.row_header, "Đơn vị");
  assert_int_equal(t.nrows, 6);
  static const char *names[] = {"Phường Hoàng Văn Thụ", "Phường Minh Khai", "Phường Phan Bội Châu",
                                "Thị trấn An Lão", "Xã An Tiến", "Cộng"};
  static const int pos[] = {C11, C12, C13, C21, C22, -1};
  for (int r = 0; r < 6; r++) {
    assert_string_equal(t.rows[r].label, names[r]);
    assert_int_equal(t.rows[r].unit_pos, pos[r]);
    assert_int_equal(t.rows[r].is_total, r == 5);
  }
  expect_num(&t, 0, 0, 1);
  expect_num(&t, 1, 0, 2);
  expect_null(&t, 2, 0);
  expect_num(&t, 3, 0, 4);
  expect_num(&t, 4, 0, 1);
  expect_num(&t, 5, 0, 8);
  expect_null(&t, 0, 1);
  expect_num(&t, 2, 1, 0);
  expect_num(&t, 5, 1, 0);
  /* Cộng per unit */
  expect_num(&t, 0, 3, 1);
  expect_num(&t, 2, 3, 0);
  expect_num(&t, 5, 3, 8);
  for (int r = 0; r < 6; r++) expect_null(&t, r, 4);
  expect_num(&t, 5, 12, 8);
  rtable_release(&t);
}

static void test_bieu5_drill_districts(void **state) {
  fixture *fx = *state;
  rtable t;
  compute(fx, &t, "bieu-5", P, 2, NULL, NULL);
  assert_int_equal(t.nrows, 3);
  assert_string_equal(t.rows[0].label, "Quận Hồng Bàng");
  assert_string_equal(t.rows[1].label, "Huyện An Lão");
  expect_num(&t, 0, 0, 1);
  expect_num(&t, 1, 0, 3);
  expect_num(&t, 2, 0, 4);
  expect_num(&t, 0, 4, 5);
  expect_null(&t, 1, 4);
  expect_num(&t, 2, 4, 5);
  expect_num(&t, 0, 12, 6);
  expect_num(&t, 1, 12, 3);
  expect_num(&t, 2, 12, 9);
  rtable_release(&t);

  /* within one district, only its own communes */
  compute(fx, &t, "bieu-5", D1, 3, NULL, NULL);
  assert_int_equal(t.nrows, 4);
  assert_int_equal(t.rows[0].unit_pos, C11);
  assert_int_equal(t.rows[2].unit_pos, C13);
  expect_num(&t, 3, 0, 3);
  rtable_release(&t);
}

/* ---- Biểu 1: one row, @self and @below, pairs ---- */

static void test_bieu1_self_row(void **state) {
  fixture *fx = *state;
  rtable t;
  compute(fx, &t, "bieu-1", P, 0, NULL, NULL);
  assert_int_equal(t.ncols, 36);
  assert_int_equal(t.nrows, 1);
  assert_string_equal(t.rows[0].label, "Thành ủy Hải Phòng");
  assert_int_equal(t.rows[0].unit_pos, P);
  assert_int_equal(t.rows[0].is_total, 0);
  assert_string_equal(t.row_header, "Tên đơn vị");
  /* {cap+0} and {cap+1} in the headers */
  assert_int_equal(t.depth[2], 3);
  assert_string_equal(t.paths[2][1], "Cấp thành phố");
  assert_string_equal(t.paths[2][2], "Số hội nghị");
  assert_string_equal(t.paths[4][1], "Cấp huyện");
  assert_string_equal(t.paths[0][1], "Tổng số");
  assert_string_equal(t.paths[12][2], "Cấp thành phố");
  assert_string_equal(t.paths[35][1], "Cấp huyện");

  /* conferences: self 3, below = the districts only (2 + 1), communes' 7 left out */
  expect_num(&t, 0, 2, 3);
  expect_num(&t, 0, 4, 3);
  expect_num(&t, 0, 0, 6);
  /* people: self 150, below blank, total 150 */
  expect_num(&t, 0, 3, 150);
  expect_null(&t, 0, 5);
  expect_num(&t, 0, 1, 150);
  /* documents: self blank, below an entered 0, total 0 */
  expect_null(&t, 0, 7);
  expect_num(&t, 0, 8, 0);
  expect_num(&t, 0, 6, 0);
  /* inspections: one at the city itself */
  expect_num(&t, 0, 12, 1);
  expect_null(&t, 0, 15);
  expect_num(&t, 0, 9, 1);
  expect_null(&t, 0, 10);
  for (int c = 18; c <= 26; c++) expect_null(&t, 0, c);
  /* letters: nothing */
  for (int c = 27; c <= 32; c++) expect_null(&t, 0, c);
  /* reception sessions / people */
  expect_text(&t, 0, 34, "2/40");
  expect_text(&t, 0, 35, "2/25");
  expect_text(&t, 0, 33, "4/65");
  rtable_release(&t);
}

static void test_bieu1_district(void **state) {
  fixture *fx = *state;
  rtable t;
  compute(fx, &t, "bieu-1", D2, 0, NULL, NULL);
  assert_string_equal(t.rows[0].label, "Huyện ủy An Lão");
  assert_string_equal(t.paths[2][1], "Cấp huyện");
  assert_string_equal(t.paths[4][1], "Cấp xã");
  expect_num(&t, 0, 2, 1); /* entered */
  expect_null(&t, 0, 4);
  expect_num(&t, 0, 0, 1);
  /* one side of a pair blank: printed as 0; both blank: a blank cell */
  expect_text(&t, 0, 34, "1/0");
  expect_null(&t, 0, 35);
  expect_text(&t, 0, 33, "1/0");
  rtable_release(&t);

  compute(fx, &t, "bieu-1", D1, 0, NULL, NULL);
  assert_string_equal(t.rows[0].label, "Quận ủy Hồng Bàng");
  expect_num(&t, 0, 2, 2);
  expect_num(&t, 0, 4, 7); /* its commune's conferences are "below" a district */
  expect_num(&t, 0, 0, 9);
  expect_num(&t, 0, 7, 0);
  expect_null(&t, 0, 8);
  expect_text(&t, 0, 34, "1/25");
  rtable_release(&t);
}

/* ---- Biểu 3: subtree sums and text cells ---- */

typedef struct text_calls {
  int n;
  int exemplary, recognised, tap_the;
  int bad_element; /* called for an element that is not text or count_note */
  const catalog *cat;
} text_calls;

static const char *text_of(void *ctx, int el, int combo, int unit_pos) {
  text_calls *tc = ctx;
  tc->n++;
  value_type ty = tc->cat->elements[el].type;
  if (ty != VT_TEXT && ty != VT_COUNT_NOTE) tc->bad_element++;
  if (el == tc->exemplary && unit_pos == P) return "Mô hình \"Dân vận khéo\" <bảo vệ môi trường>";
  if (el == tc->recognised && combo == tc->tap_the && unit_pos == P) return "Chưa tiến hành xét duyệt";
  return NULL;
}

static void test_bieu3_text_cells(void **state) {
  fixture *fx = *state;
  text_calls tc = {.exemplary = catalog_element(&fx->cat, "models_exemplary"),
                   .recognised = catalog_element(&fx->cat, "models_recognised"),
                   .tap_the = catalog_combo(&fx->cat, "tap_the"),
                   .cat = &fx->cat};
  rtable t;
  compute(fx, &t, "bieu-3", P, 0, text_of, &tc);
  assert_int_equal(t.ncols, 15);
  assert_int_equal(t.nrows, 1);
  assert_string_equal(t.rows[0].label, "Thành ủy Hải Phòng");
  expect_num(&t, 0, 0, 6);                              /* 1 + 2 + 3 over the subtree */
  expect_text(&t, 0, 1, "Chưa tiến hành xét duyệt");    /* count_note: a note in place of a number */
  expect_num(&t, 0, 2, 0);                              /* an entered 0 wins over the note */
  expect_num(&t, 0, 3, 4);
  expect_null(&t, 0, 4);
  expect_null(&t, 0, 13);
  expect_text(&t, 0, 14, "Mô hình \"Dân vận khéo\" <bảo vệ môi trường>"); /* raw: escaping is the writer's */
  assert_int_equal(tc.bad_element, 0);
  assert_true(tc.n >= 2);
  rtable_release(&t);

  /* another unit: the callback has nothing, the cells stay blank */
  tc.n = 0;
  compute(fx, &t, "bieu-3", D1, 0, text_of, &tc);
  expect_num(&t, 0, 0, 2);
  expect_null(&t, 0, 1);
  expect_null(&t, 0, 14);
  assert_true(tc.n >= 2);
  rtable_release(&t);

  /* no callback at all */
  compute(fx, &t, "bieu-3", P, 0, NULL, NULL);
  expect_null(&t, 0, 1);
  expect_null(&t, 0, 14);
  expect_num(&t, 0, 0, 6);
  rtable_release(&t);
}

static void test_list_form_headers_only(void **state) {
  fixture *fx = *state;
  rtable t;
  compute(fx, &t, "bieu-4", P, 0, NULL, NULL);
  assert_int_equal(t.nrows, 0);
  assert_int_equal(t.ncols, 4);
  assert_string_equal(t.title, "Danh mục các văn bản lãnh đạo, chỉ đạo của Thành ủy Hải Phòng về công tác dân vận");
  rtable_release(&t);
}

static void test_report_expand(void **state) {
  fixture *fx = *state;
  char *s = report_expand(&fx->t, D1, 0, "{committee}: {cap+0} / {cap+1} / {short+1} {unknown} {cap+5} {");
  assert_string_equal(s, "Quận ủy Hồng Bàng: Cấp huyện / Cấp xã / Xã {unknown} Cấp dưới {");
  free(s);
  s = report_expand(&fx->t, P, 0, "no placeholders");
  assert_string_equal(s, "no placeholders");
  free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_catalog_loads_embedded_forms),
      cmocka_unit_test(test_malformed_forms_rejected),
      cmocka_unit_test(test_good_form_text_accepted),
      cmocka_unit_test(test_bad_elements_rejected),
      cmocka_unit_test(test_bieu5_levels),
      cmocka_unit_test(test_bieu5_for_a_district),
      cmocka_unit_test(test_bieu5_other_period),
      cmocka_unit_test(test_bieu5_drill_communes),
      cmocka_unit_test(test_bieu5_drill_districts),
      cmocka_unit_test(test_bieu1_self_row),
      cmocka_unit_test(test_bieu1_district),
      cmocka_unit_test(test_bieu3_text_cells),
      cmocka_unit_test(test_list_form_headers_only),
      cmocka_unit_test(test_report_expand),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
