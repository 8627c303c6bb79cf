/* doc_html: the official document as HTML — every text escaped, inline
 * markup as <strong>/<em>, footnotes numbered through the document with their
 * own markup, "Nơi nhận" printed like the DOCX (punctuation, italics, sub-lists), annex tables with merged
 * headers (a list annex without a label column). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "export/doc_html.h"

static int has(const buf *b, const char *s) { return strstr(b->s, s) != NULL; }

static int occurrences(const char *s, const char *sub) {
  int n = 0;
  for (const char *p = s; (p = strstr(p, sub)); p += strlen(sub)) n++;
  return n;
}

static void test_inline(void **state) {
  (void)state;
  buf b, notes;
  buf_init(&b, 0);
  buf_init(&notes, 0);
  int fn = 0;
  doc_html_inline(&b, "**Đậm** và *nghiêng*^[Chú thích *nghiêng* <b>]; \\* sao\ndòng 2", &fn, &notes);
  assert_string_equal(b.s, "<strong>Đậm</strong> và <em>nghiêng</em>"
                           "<sup class=\"od-fnref\"><a href=\"#od-fn-1\" id=\"od-fnref-1\">1</a></sup>; * sao<br>dòng 2");
  assert_int_equal(fn, 1);
  assert_string_equal(notes.s, "<li id=\"od-fn-1\" value=\"1\">Chú thích <em>nghiêng</em> &lt;b&gt;</li>");
  /* without a notes buffer the footnotes are dropped */
  buf_reset(&b);
  doc_html_inline(&b, "a^[b]c", &fn, NULL);
  assert_string_equal(b.s, "ac");
  assert_int_equal(fn, 1);
  buf_release(&b);
  buf_release(&notes);
}

static rtable *table(int list) {
  rtable *t = calloc(1, sizeof *t);
  t->row_header = strdup(list ? "" : "Cấp");
  t->ncols = 3;
  t->paths = calloc(3, sizeof(char **));
  t->depth = calloc(3, sizeof(int));
  const char *p[3][2] = {{"Định kỳ", "Cấp ủy"}, {"Định kỳ", "Chính quyền"}, {"Tổng <số>", NULL}};
  for (int i = 0; i < 3; i++) {
    t->depth[i] = p[i][1] ? 2 : 1;
    t->paths[i] = calloc(3, sizeof(char *));
    for (int d = 0; d < t->depth[i]; d++) t->paths[i][d] = strdup(p[i][d]);
  }
  rrow *r = rtable_add_row(t, "Cộng");
  r->is_total = 1;
  r->cells[0] = (rcell){CELL_NUM, 1865, NULL};
  r->cells[1] = (rcell){CELL_TEXT, 0, strdup("x & y")};
  return t;
}

static void test_document(void **state) {
  (void)state;
  official_doc d;
  official_doc_init(&d);
  d.parent_body = strdup("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG");
  d.issuer = strdup("THÀNH ỦY");
  d.number = strdup("Số 361-BC/TU");
  d.date_line = strdup("Hải Phòng, ngày 19 tháng 6 năm 2023");
  d.kind_title = strdup("BÁO CÁO");
  d.subtitle = strdup("sơ kết;\nphương hướng <2023>");
  official_doc_add_para(&d, DP_PART, "Phần thứ nhất");
  official_doc_add_para(&d, DP_HEADING, "I. <ĐẶC ĐIỂM>");
  official_doc_add_para(&d, DP_BODY, "Một^[Chú thích một] hai^[Chú thích hai]");
  official_doc_add_para(&d, DP_BODY, "<script>alert(1)</script>");
  official_doc_add_recipient(&d, "Ban Dân vận Trung ương (*để b/c*),");
  official_doc_add_recipient(&d, "Các đồng chí BDVTU:");
  official_doc_add_recipient(&d, "+ Trưởng ban");
  official_doc_add_recipient(&d, "Lưu Văn phòng.");
  d.sign_on_behalf = strdup("T/M BAN THƯỜNG VỤ");
  d.sign_position = strdup("PHÓ BÍ THƯ");
  d.sign_name = strdup("Đỗ Mạnh Hiến");
  rtable *t = table(0), *l = table(1);
  official_doc_add_annex(&d, t, "BẢNG TỔNG HỢP SỐ LIỆU", "Kết quả \"đối thoại\"", "(Kèm theo Báo cáo số 361-BC/TU)");
  official_doc_add_annex(&d, l, "BẢNG TỔNG HỢP", "Danh mục", "");
  buf b;
  buf_init(&b, 0);
  doc_write_html(&b, &d);

  assert_true(has(&b, "<p class=\"od-parent\">ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG</p><p class=\"od-org\">THÀNH ỦY</p>"));
  assert_true(has(&b, "<p class=\"od-no\">Số 361-BC/TU</p>"));
  assert_true(has(&b, "<p class=\"od-party\">ĐẢNG CỘNG SẢN VIỆT NAM</p>"));
  assert_true(has(&b, "<span class=\"od-sub\">sơ kết;<br>phương hướng &lt;2023&gt;</span>"));
  assert_true(has(&b, "<h2 class=\"od-part\">Phần thứ nhất</h2><h3 class=\"od-heading\">I. &lt;ĐẶC ĐIỂM&gt;</h3>"));
  assert_false(has(&b, "<script>"));
  assert_true(has(&b, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  /* footnotes numbered in order, listed after the signature */
  assert_true(has(&b, "id=\"od-fnref-2\">2</a>"));
  assert_true(has(&b, "<li id=\"od-fn-2\" value=\"2\">Chú thích hai</li>"));
  assert_true(strstr(b.s, "od-signer") < strstr(b.s, "od-notes"));
  /* Nơi nhận as the DOCX prints it: "- X," and "." after the last whatever was typed, the
   * italics kept, a list heading keeps its ":", its "+" items one step in; by HD 36 (upright,
   * underlined: the class without od-recv-state) */
  assert_true(has(&b, "<p class=\"od-recv\">Nơi nhận:</p>"));
  assert_true(has(&b, "<li>- Ban Dân vận Trung ương (<em>để b/c</em>),</li><li>- Các đồng chí BDVTU:</li>"
                      "<li class=\"od-sub\">+ Trưởng ban,</li><li>- Lưu Văn phòng.</li>"));
  /* annexes: caption, title and the "(Kèm theo …)" line; merged header; numbers as 1.865 */
  assert_int_equal(occurrences(b.s, "<section class=\"od-sheet od-annex\""), 2);
  assert_true(has(&b, "<span class=\"od-caption\">BẢNG TỔNG HỢP SỐ LIỆU</span> Kết quả &quot;đối thoại&quot;"));
  assert_true(has(&b, "<p class=\"od-attached\">(Kèm theo Báo cáo số 361-BC/TU)</p>"));
  assert_true(has(&b, "<th scope=\"col\" colspan=\"2\">Định kỳ</th>"));
  assert_true(has(&b, "<th scope=\"col\" rowspan=\"2\">Tổng &lt;số&gt;</th>"));
  assert_true(has(&b, "<tr class=\"od-total\"><th scope=\"row\">Cộng</th><td class=\"num\">1.865</td>"
                      "<td class=\"txt\">x &amp; y</td><td></td></tr>"));
  /* the list annex: one header row of the last path parts, no label column */
  const char *list = strstr(b.s, "od-list");
  assert_non_null(list);
  assert_true(strstr(list, "<thead><tr><th scope=\"col\">Cấp ủy</th><th scope=\"col\">Chính quyền</th>"));
  assert_true(strstr(list, "<tr class=\"od-total\"><td class=\"num\">1.865</td>"));
  assert_int_equal(occurrences(b.s, "<article"), 1);
  assert_int_equal(occurrences(b.s, "</article>"), 1);

  buf_release(&b);
  official_doc_release(&d);
  rtable_release(t);
  rtable_release(l);
  free(t);
  free(l);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_inline),
      cmocka_unit_test(test_document),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
