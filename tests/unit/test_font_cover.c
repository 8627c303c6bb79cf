/* font_cover: the font fontconfig matches for the document's family covers
 * Vietnamese letters and the typography of the seeds, not a CJK ideograph;
 * the first gap is found with its line and column in characters. And the
 * link of a figure offered from an annex (core/doc_link.h): parsed exactly,
 * printed as its number by doc_runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc_link.h"
#include "core/document.h"
#include "export/font_cover.h"

static const char *FAMILY = "Times New Roman";

static void test_vietnamese_covered(void **state) {
  (void)state;
  font_gap g;
  const char *vn = "Đảng bộ thành phố Hải Phòng: ươm mầm, ưu tiên, lề lối, quỹ, khuyến, Ỹ ỹ Ỷ ỷ ự ữ ở ợ\n"
                   "“Dân vận khéo” – 1.527,4 km² · 30/4/1975 - 30/4/2023 … ¹";
  assert_int_equal(font_cover_gap(FAMILY, vn, &g), 0);
  assert_int_equal(font_cover_gap(FAMILY, "", &g), 0);
  assert_int_equal(font_cover_gap(FAMILY, NULL, &g), 0);
}

static void test_cjk_refused(void **state) {
  (void)state;
  font_gap g = {0};
  assert_int_equal(font_cover_gap(FAMILY, "Thái độ,\nlề lối, lễ l貌, tác phong 貌", &g), 1);
  assert_int_equal(g.cp, 0x8C8C);
  assert_int_equal(g.line, 2);
  assert_int_equal(g.col, 13); /* characters, not bytes: "lề lối, lễ l" is 12 */
  char name[128];
  font_cover_font_name(FAMILY, name, sizeof name);
  assert_true(name[0] != 0);
}

static void test_link_parse(void **state) {
  (void)state;
  doc_link l;
  const char *s = "{{1.493|bieu-3:cap2:1}} mô hình";
  assert_int_equal(doc_link_parse(s, &l), 1);
  assert_int_equal(l.shown_len, 5);
  assert_memory_equal(l.shown, "1.493", 5);
  assert_string_equal(l.form, "bieu-3");
  assert_string_equal(l.row, "cap2");
  assert_int_equal(l.col, 1);
  assert_int_equal(l.len, strlen("{{1.493|bieu-3:cap2:1}}"));
  const char *bad[] = {"{{196}}", "{{196|bieu-5:tong}}", "{{196|bieu-5:dong:13}}", "{{196|bieu-5:tong:0}}",
                       "{{x|bieu-5:tong:13}}", "{196|bieu-5:tong:13}", "{{196|bieu-5:tong:13}", "{{|bieu-5:tong:13}}"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) assert_int_equal(doc_link_parse(bad[i], &l), 0);
  char *plain = doc_link_strip("được {{196|bieu-5:tong:13}} cuộc ({{5|bieu-5:cap1:13}}); {{x}}");
  assert_string_equal(plain, "được 196 cuộc (5); {{x}}");
  free(plain);
}

static void test_runs_print_number(void **state) {
  (void)state;
  doc_run *runs;
  char *storage;
  int n = doc_runs("**{{196|bieu-5:tong:13}}** cuộc^[gồm {{5|bieu-5:cap1:13}} cuộc]", &runs, &storage);
  assert_int_equal(n, 3);
  assert_int_equal(runs[0].len, 3);
  assert_memory_equal(runs[0].text, "196", 3);
  assert_true(runs[0].bold);
  assert_true(runs[2].footnote); /* a footnote stays markup: its link resolved when split again */
  char *fn = strndup(runs[2].text, (size_t)runs[2].len);
  free(runs), free(storage);
  n = doc_runs(fn, &runs, &storage);
  assert_int_equal(n, 1);
  assert_int_equal(runs[0].len, (int)strlen("gồm 5 cuộc"));
  assert_memory_equal(runs[0].text, "gồm 5 cuộc", strlen("gồm 5 cuộc"));
  free(runs), free(storage), free(fn);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_vietnamese_covered),
      cmocka_unit_test(test_cjk_refused),
      cmocka_unit_test(test_link_parse),
      cmocka_unit_test(test_runs_print_number),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
