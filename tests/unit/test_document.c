/* document: the official document as data — the date line (leading zeros
 * for days below 10 and months 1, 2), the number, the layout parameters,
 * and the inline markup split into runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/document.h"
#include "core/period.h"
#include "util/buf.h"

static void check_date(const char *place, int y, int m, int d, const char *want) {
  char *s = doc_date_line(place, date_from_ymd(y, m, d));
  assert_string_equal(s, want);
  free(s);
}

static void test_date_line(void **state) {
  (void)state;
  check_date("Hải Phòng", 2023, 6, 19, "Hải Phòng, ngày 19 tháng 6 năm 2023");
  check_date("Gia Sàng", 2024, 1, 5, "Gia Sàng, ngày 05 tháng 01 năm 2024");
  check_date("Hà Nội", 2023, 3, 9, "Hà Nội, ngày 09 tháng 3 năm 2023");
  check_date("Hà Nội", 2023, 2, 28, "Hà Nội, ngày 28 tháng 02 năm 2023");
  check_date("Hà Nội", 2023, 12, 31, "Hà Nội, ngày 31 tháng 12 năm 2023");
  check_date("Hà Nội", 2023, 10, 10, "Hà Nội, ngày 10 tháng 10 năm 2023");
  check_date("Hà Nội", 2024, 2, 29, "Hà Nội, ngày 29 tháng 02 năm 2024");
  check_date("", 2023, 11, 1, "ngày 01 tháng 11 năm 2023");
  check_date(NULL, 2023, 6, 19, "ngày 19 tháng 6 năm 2023");
}

static void test_number(void **state) {
  (void)state;
  char *s = doc_number(361, "BC/TU");
  assert_string_equal(s, "Số 361-BC/TU");
  free(s);
  s = doc_number(11, "KH/ĐU");
  assert_string_equal(s, "Số 11-KH/ĐU");
  free(s);
  s = doc_number(0, "BC/TU"); /* not numbered yet: a blank written by hand when signed */
  assert_string_equal(s, "Số     -BC/TU");
  free(s);
}

static void test_style_default(void **state) {
  (void)state;
  doc_style s;
  doc_style_default(&s);
  assert_string_equal(s.font, "Times New Roman");
  assert_true(s.body_pt == 14 && s.table_pt == 11);
  assert_true(s.margin_top_mm == 20 && s.margin_bottom_mm == 20 && s.margin_left_mm == 30 && s.margin_right_mm == 15);
  assert_true(s.line_spacing == 1.15 && s.first_indent_mm == 12.7 && s.space_after_pt == 6);
  assert_int_equal(s.annex_landscape, 1);
  for (int i = 0; i < doc_style_nkeys; i++) { /* every key documented and settable to its default */
    char err[128] = "";
    assert_non_null(doc_style_keys[i].description);
    assert_int_equal(doc_style_set(&s, doc_style_keys[i].key, doc_style_keys[i].fallback, err, sizeof err), 0);
  }
}

static void test_style_set(void **state) {
  (void)state;
  doc_style s;
  doc_style_default(&s);
  char err[160] = "";
  assert_int_equal(doc_style_set(&s, "doc.body_pt", "13", err, sizeof err), 0);
  assert_true(s.body_pt == 13);
  assert_int_equal(doc_style_set(&s, "doc.margin_left_mm", "35", err, sizeof err), 0);
  assert_true(s.margin_left_mm == 35);
  assert_int_equal(doc_style_set(&s, "doc.line_spacing", "1.5", err, sizeof err), 0);
  assert_true(s.line_spacing == 1.5);
  assert_int_equal(doc_style_set(&s, "doc.annex_landscape", "0", err, sizeof err), 0);
  assert_int_equal(s.annex_landscape, 0);
  assert_int_equal(doc_style_set(&s, "doc.font", "Liberation Serif", err, sizeof err), 0);
  assert_string_equal(s.font, "Liberation Serif");

  /* unknown key: refused, named in the message */
  err[0] = 0;
  assert_int_equal(doc_style_set(&s, "doc.colour", "red", err, sizeof err), -1);
  assert_non_null(strstr(err, "doc.colour"));
  /* bad values leave the parameter as it was */
  const char *bad[][2] = {{"doc.body_pt", "abc"},
                          {"doc.body_pt", ""},
                          {"doc.body_pt", "25"},
                          {"doc.body_pt", "7"},
                          {"doc.body_pt", "nan"},
                          {"doc.body_pt", "14pt"},
                          {"doc.margin_top_mm", "-1"},
                          {"doc.line_spacing", "0.5"},
                          {"doc.annex_landscape", "2"},
                          {"doc.annex_landscape", "yes"},
                          {"doc.font", ""},
                          {"doc.font", "Times<b>"},
                          {"doc.font", "A & B"}};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    err[0] = 0;
    if (doc_style_set(&s, bad[i][0], bad[i][1], err, sizeof err) != -1)
      fail_msg("%s=%s accepted", bad[i][0], bad[i][1]);
    assert_true(err[0] != 0);
  }
  assert_true(s.body_pt == 13 && s.margin_top_mm == 20 && s.line_spacing == 1.5 && s.annex_landscape == 0);
  assert_string_equal(s.font, "Liberation Serif");
  /* no message buffer: still refused, nothing written */
  assert_int_equal(doc_style_set(&s, "doc.body_pt", "99", NULL, 0), -1);
}

/* the runs of text as "[flags]text|…" with b, i, f flags */
static char *runs_str(const char *text) {
  doc_run *runs;
  char *storage;
  int n = doc_runs(text, &runs, &storage);
  buf b;
  buf_init(&b, 0);
  for (int i = 0; i < n; i++) {
    if (i) buf_addc(&b, '|');
    if (runs[i].bold || runs[i].italic || runs[i].footnote)
      buf_addf(&b, "[%s%s%s]", runs[i].bold ? "b" : "", runs[i].italic ? "i" : "", runs[i].footnote ? "f" : "");
    buf_add(&b, runs[i].text, (size_t)runs[i].len);
  }
  free(runs);
  free(storage);
  return buf_detach(&b, NULL);
}

static void check_runs(const char *text, const char *want) {
  char *got = runs_str(text);
  if (strcmp(got, want)) fail_msg("doc_runs(\"%s\"): got \"%s\", want \"%s\"", text, got, want);
  free(got);
}

static void test_runs(void **state) {
  (void)state;
  check_runs("", "");
  check_runs("Hải Phòng", "Hải Phòng");
  check_runs("a **b** c", "a |[b]b| c");
  check_runs("chủ đề “*Hải Phòng tỏa sáng miền cửa biển*”", "chủ đề “|[i]Hải Phòng tỏa sáng miền cửa biển|”");
  check_runs("**đậm *nghiêng* đậm**", "[b]đậm |[bi]nghiêng|[b] đậm");
  check_runs("***cả hai***", "[bi]cả hai");
  /* a footnote is placed where it is written; its text is plain */
  check_runs("127.818 đảng viên^[Số liệu đến ngày 31/5/2023.]; có 161",
             "127.818 đảng viên|[f]Số liệu đến ngày 31/5/2023.|; có 161");
  check_runs("x^[chú thích có *sao* và **đậm**]y", "x|[f]chú thích có *sao* và **đậm**|y");
  check_runs("**đậm^[ghi chú]**", "[b]đậm|[bf]ghi chú");
  check_runs("a^[xem [1] và [2]]b", "a|[f]xem [1] và [2]|b"); /* brackets nested */
  check_runs("a^[x]^[y]", "a|[f]x|[f]y");
  /* escapes */
  check_runs("5 \\* 3 = 15", "5 * 3 = 15");
  check_runs("\\*\\*không đậm\\*\\*", "**không đậm**");
  check_runs("\\^[không phải chú thích]", "^[không phải chú thích]");
  check_runs("a\\\\b", "a\\b");
  check_runs("a\\b", "a\\b"); /* a backslash before anything else is kept */
  /* a footnote's text stays markup (escapes kept) for the writer to split again */
  check_runs("x^[a \\] b]y", "x|[f]a \\] b|y");
  check_runs("^[*Dân vận khéo*]", "[f]*Dân vận khéo*");
  /* an unclosed footnote is kept as text */
  check_runs("văn bản^[chưa đóng", "văn bản^[chưa đóng");
  check_runs("a^[b [c] d", "a^[b [c] d");
  check_runs("^[", "^[");
  /* an unclosed bold runs to the end */
  check_runs("a **b", "a |[b]b");
  check_runs("*", "");
  check_runs("**", "");
}

static rtable *tiny_table(void) {
  rtable *t = calloc(1, sizeof *t);
  t->row_header = strdup("Tên đơn vị");
  return t;
}

/* building and releasing a document leaves nothing behind (ASan) */
static void test_keep_empty_levels(void **state) {
  (void)state;
  doc_style s;
  doc_style_default(&s);
  assert_false(doc_style_keeps_empty(&s, 1));
  assert_int_equal(doc_style_set(&s, "doc.keep_empty_levels", "1,3", NULL, 0), 0);
  assert_true(doc_style_keeps_empty(&s, 1));
  assert_false(doc_style_keeps_empty(&s, 2));
  assert_true(doc_style_keeps_empty(&s, 3));
  assert_int_equal(doc_style_set(&s, "doc.keep_empty_levels", "1;2", NULL, 0), -1);
}

static void check_issuer(const char *committee, const char *parent_area, const char *board, const char *want_parent,
                         const char *want_issuer) {
  char *parent, *issuer;
  doc_party_issuer(committee, parent_area, board, &parent, &issuer);
  assert_string_equal(parent, want_parent);
  assert_string_equal(issuer, want_issuer);
  free(parent), free(issuer);
}

/* Hướng dẫn 36-HD/VPTW: a Tỉnh ủy or Thành ủy by its name alone; a Ban under
 * its committee; a district or commune committee under "ĐẢNG BỘ" + the area above */
static void test_party_issuer(void **state) {
  (void)state;
  check_issuer("Thành ủy Hải Phòng", NULL, NULL, "", "THÀNH ỦY HẢI PHÒNG");
  check_issuer("Tỉnh ủy Lạng Sơn", "", NULL, "", "TỈNH ỦY LẠNG SƠN");
  check_issuer("Thành ủy Hải Phòng", NULL, "Ban Dân vận", "THÀNH ỦY HẢI PHÒNG", "BAN DÂN VẬN");
  check_issuer("Thành ủy Hải Phòng", NULL, "Ban Tuyên giáo và Dân vận", "THÀNH ỦY HẢI PHÒNG", "BAN TUYÊN GIÁO VÀ DÂN VẬN");
  check_issuer("Quận ủy Ngô Quyền", "Thành phố Hải Phòng", NULL, "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "QUẬN ỦY NGÔ QUYỀN");
  check_issuer("Huyện ủy Định Hóa", "Tỉnh Thái Nguyên", NULL, "ĐẢNG BỘ TỈNH THÁI NGUYÊN", "HUYỆN ỦY ĐỊNH HÓA");
  check_issuer("Đảng ủy phường Máy Chai", "Quận Ngô Quyền", NULL, "ĐẢNG BỘ QUẬN NGÔ QUYỀN", "ĐẢNG ỦY PHƯỜNG MÁY CHAI");
}

static void test_official_doc(void **state) {
  (void)state;
  official_doc d;
  official_doc_init(&d);
  assert_true(d.style.body_pt == 14); /* defaults from the start */
  for (int i = 0; i < 100; i++) official_doc_add_para(&d, i % 2 ? DP_BODY : DP_HEADING, "đoạn");
  official_doc_add_para(&d, DP_CENTER, NULL);
  assert_int_equal(d.nparas, 101);
  assert_string_equal(d.paras[100].text, "");
  assert_int_equal(d.paras[0].kind, DP_HEADING);
  official_doc_add_recipient(&d, "Ban Dân vận Trung ương");
  official_doc_add_recipient(&d, NULL);
  assert_int_equal(d.nrecipients, 2);
  assert_string_equal(d.recipients[1], "");
  rtable *t = tiny_table();
  official_doc_add_annex(&d, t, "BẢNG TỔNG HỢP SỐ LIỆU", "Kết quả", NULL);
  assert_int_equal(d.nannexes, 1);
  assert_ptr_equal(d.annexes[0].table, t);
  assert_string_equal(d.annexes[0].attached, "");
  d.issuer = strdup("THÀNH ỦY");
  official_doc_release(&d);
  assert_int_equal(d.nparas, 0);
  assert_null(d.paras);
  rtable_release(t); /* the annex's table belongs to the caller */
  free(t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_date_line), cmocka_unit_test(test_number), cmocka_unit_test(test_style_default),
      cmocka_unit_test(test_style_set), cmocka_unit_test(test_runs),   cmocka_unit_test(test_official_doc),
      cmocka_unit_test(test_party_issuer), cmocka_unit_test(test_keep_empty_levels),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
