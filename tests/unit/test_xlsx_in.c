/* xlsx_in: reading workbooks from memory. The workbooks are made here with
 * libzip, part by part, so each test says exactly what the file holds; one
 * more is written by xlsx_out and read back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "export/xlsx_in.h"
#include "export/xlsx_out.h"
#include "util/buf.h"

typedef struct part {
  const char *name;
  const char *data; /* NUL-terminated unless len is given */
  size_t len;
} part;

/* a zip of the parts, in memory */
static void make_zip(const part *parts, int n, buf *out) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  assert_non_null(src);
  zip_source_keep(src);
  zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
  assert_non_null(z);
  for (int i = 0; i < n; i++) {
    size_t len = parts[i].len ? parts[i].len : strlen(parts[i].data);
    zip_source_t *s = zip_source_buffer(z, parts[i].data, len, 0);
    assert_true(zip_file_add(z, parts[i].name, s, ZIP_FL_ENC_UTF_8) >= 0);
  }
  assert_int_equal(zip_close(z), 0);
  assert_int_equal(zip_source_open(src), 0);
  char chunk[4096];
  zip_int64_t got;
  buf_init(out, 0);
  while ((got = zip_source_read(src, chunk, sizeof chunk)) > 0) buf_add(out, chunk, (size_t)got);
  zip_source_close(src);
  zip_source_free(src);
  zip_error_fini(&ze);
}

static const char ROOT_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\""
    " Target=\"xl/workbook.xml\"/></Relationships>";

static const char WORKBOOK[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
    " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"Biểu 1\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"danvan\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>"
    "</sheets></workbook>";

static const char WORKBOOK_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\""
    " Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\""
    " Target=\"/xl/worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\""
    " Target=\"sharedStrings.xml\"/></Relationships>";

/* a rich text string (two runs) and one with a phonetic run that is not part of the value */
static const char SST[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"3\" uniqueCount=\"3\">"
    "<si><t>Tên đơn vị</t></si>"
    "<si><r><rPr><b/></rPr><t>Số </t></r><r><t xml:space=\"preserve\">hội nghị</t></r></si>"
    "<si><t>Ngô</t><rPh sb=\"0\" eb=\"1\"><t>NO</t></rPh></si>"
    "</sst>";

static const char SHEET1[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<cols><col min=\"1\" max=\"1\" width=\"20\"/></cols><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" s=\"3\"/></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c><c r=\"B3\"><v>1865</v></c>"
    "<c r=\"C3\"><f>SUM(B3,B3)</f><v>3730</v></c><c r=\"D3\" t=\"str\"><f>IF(1,\"\",1)</f><v></v></c>"
    "<c r=\"E3\" t=\"inlineStr\"><is><t>3/120</t></is></c><c r=\"F3\" t=\"b\"><v>1</v></c>"
    "<c r=\"G3\" t=\"e\"><v>#REF!</v></c><c t=\"n\"><v>2.5</v></c></row>"
    "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:A2\"/></mergeCells></worksheet>";

/* prefixed names, as some writers produce */
static const char SHEET2[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheetData>"
    "<x:row r=\"2\"><x:c r=\"B2\" t=\"inlineStr\"><x:is><x:t>bieu-1</x:t></x:is></x:c></x:row>"
    "</x:sheetData></x:worksheet>";

static int read_parts(const part *parts, int n, xlsx_book *b, char *err, size_t errlen) {
  buf z;
  make_zip(parts, n, &z);
  int rc = xlsx_read(b, z.s, z.len, err, errlen);
  buf_release(&z);
  return rc;
}

static void test_cell_names(void **state) {
  (void)state;
  char s[16];
  xlsx_cell_name(0, 0, s);
  assert_string_equal(s, "A1");
  xlsx_cell_name(3, 2, s);
  assert_string_equal(s, "C4");
  xlsx_cell_name(0, 25, s);
  assert_string_equal(s, "Z1");
  xlsx_cell_name(0, 26, s);
  assert_string_equal(s, "AA1");
  xlsx_cell_name(1048575, 16383, s);
  assert_string_equal(s, "XFD1048576");
}

static void test_minimal_workbook(void **state) {
  (void)state;
  const part parts[] = {{"_rels/.rels", ROOT_RELS, 0},         {"xl/workbook.xml", WORKBOOK, 0},
                        {"xl/_rels/workbook.xml.rels", WORKBOOK_RELS, 0}, {"xl/sharedStrings.xml", SST, 0},
                        {"xl/worksheets/sheet1.xml", SHEET1, 0}, {"xl/worksheets/sheet2.xml", SHEET2, 0}};
  xlsx_book b;
  char err[300] = "";
  assert_int_equal(read_parts(parts, 6, &b, err, sizeof err), 0);
  assert_int_equal(b.nsheets, 2);
  assert_string_equal(b.sheets[0].name, "Biểu 1");
  assert_false(b.sheets[0].hidden);
  assert_true(b.sheets[1].hidden);
  const xlsx_sheet *s = xlsx_sheet_find(&b, "Biểu 1");
  assert_non_null(s);
  assert_null(xlsx_sheet_find(&b, "Biểu 2"));
  const xlsx_cell *c = xlsx_cell_get(s, 0, 0);
  assert_int_equal(c->kind, XV_TEXT);
  assert_string_equal(c->text, "Tên đơn vị");
  assert_string_equal(xlsx_cell_get(s, 0, 1)->text, "Số hội nghị"); /* runs concatenated */
  assert_null(xlsx_cell_get(s, 0, 2));                              /* a styled blank holds nothing */
  assert_string_equal(xlsx_cell_get(s, 2, 0)->text, "Ngô");         /* no phonetic run */
  c = xlsx_cell_get(s, 2, 1);
  assert_int_equal(c->kind, XV_NUM);
  assert_true(c->num == 1865);
  assert_false(c->formula);
  c = xlsx_cell_get(s, 2, 2);
  assert_true(c->formula);
  assert_true(c->num == 3730);
  c = xlsx_cell_get(s, 2, 3);
  assert_int_equal(c->kind, XV_TEXT); /* a formula giving "" */
  assert_string_equal(c->text, "");
  assert_string_equal(xlsx_cell_get(s, 2, 4)->text, "3/120");
  c = xlsx_cell_get(s, 2, 5);
  assert_int_equal(c->kind, XV_BOOL);
  assert_true(c->num == 1);
  c = xlsx_cell_get(s, 2, 6);
  assert_int_equal(c->kind, XV_ERROR);
  assert_string_equal(c->text, "#REF!");
  c = xlsx_cell_get(s, 2, 7); /* no r: the one after G3 */
  assert_non_null(c);
  assert_true(c->num == 2.5);
  assert_null(xlsx_cell_get(s, 1, 0));
  s = xlsx_sheet_find(&b, "danvan");
  assert_string_equal(xlsx_cell_get(s, 1, 1)->text, "bieu-1");
  xlsx_book_release(&b);
}

static void expect_error(const part *parts, int n, const char *want1, const char *want2) {
  xlsx_book b;
  char err[300] = "";
  assert_int_equal(read_parts(parts, n, &b, err, sizeof err), -1);
  if (!strstr(err, want1) || (want2 && !strstr(err, want2))) fail_msg("error \"%s\" lacks \"%s\"", err, want1);
  assert_int_equal(b.nsheets, 0);
  xlsx_book_release(&b);
}

static void test_malformed_xml_names_part_and_line(void **state) {
  (void)state;
  static const char broken[] = "<?xml version=\"1.0\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/"
                               "spreadsheetml/2006/main\">\n<sheetData><row r=\"1\"><c r=\"A1\"><v>1</c></row>";
  const part parts[] = {{"_rels/.rels", ROOT_RELS, 0},         {"xl/workbook.xml", WORKBOOK, 0},
                        {"xl/_rels/workbook.xml.rels", WORKBOOK_RELS, 0}, {"xl/sharedStrings.xml", SST, 0},
                        {"xl/worksheets/sheet1.xml", broken, 0}, {"xl/worksheets/sheet2.xml", SHEET2, 0}};
  expect_error(parts, 6, "xl/worksheets/sheet1.xml", "dòng 3");
  expect_error(parts, 6, "XML không hợp lệ", NULL);
}

static void test_doctype_refused(void **state) {
  (void)state;
  static const char laughs[] = "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY a \"aaaaaaaaaa\">]>"
                               "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&a;</t>"
                               "</si></sst>";
  const part parts[] = {{"_rels/.rels", ROOT_RELS, 0},         {"xl/workbook.xml", WORKBOOK, 0},
                        {"xl/_rels/workbook.xml.rels", WORKBOOK_RELS, 0}, {"xl/sharedStrings.xml", laughs, 0},
                        {"xl/worksheets/sheet1.xml", SHEET1, 0}, {"xl/worksheets/sheet2.xml", SHEET2, 0}};
  expect_error(parts, 6, "DOCTYPE", "xl/sharedStrings.xml");
}

static void test_bad_cells(void **state) {
  (void)state;
  static const char bad_index[] = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                                  "<sheetData><row r=\"4\"><c r=\"C4\" t=\"s\"><v>9</v></c></row></sheetData></worksheet>";
  static const char twice[] = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                              "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"A1\"><v>2</v></c></row>"
                              "</sheetData></worksheet>";
  static const char bad_ref[] = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                                "<sheetData><row r=\"1\"><c r=\"A0\"><v>1</v></c></row></sheetData></worksheet>";
  static const char bad_num[] = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                                "<sheetData><row r=\"1\"><c r=\"B1\"><v>12abc</v></c></row></sheetData></worksheet>";
  const char *sheets[] = {bad_index, twice, bad_ref, bad_num};
  const char *want[] = {"ô C4", "ô A1 có hai lần", "A0", "ô B1"};
  for (int i = 0; i < 4; i++) {
    const part parts[] = {{"_rels/.rels", ROOT_RELS, 0},         {"xl/workbook.xml", WORKBOOK, 0},
                          {"xl/_rels/workbook.xml.rels", WORKBOOK_RELS, 0}, {"xl/sharedStrings.xml", SST, 0},
                          {"xl/worksheets/sheet1.xml", sheets[i], 0}, {"xl/worksheets/sheet2.xml", SHEET2, 0}};
    expect_error(parts, 6, want[i], NULL);
  }
}

static void test_missing_parts(void **state) {
  (void)state;
  const part no_wb[] = {{"_rels/.rels", ROOT_RELS, 0}, {"xl/worksheets/sheet1.xml", SHEET1, 0}};
  expect_error(no_wb, 2, "thiếu phần xl/workbook.xml", NULL);
  const part no_sheet[] = {{"_rels/.rels", ROOT_RELS, 0}, {"xl/workbook.xml", WORKBOOK, 0},
                           {"xl/_rels/workbook.xml.rels", WORKBOOK_RELS, 0}, {"xl/sharedStrings.xml", SST, 0},
                           {"xl/worksheets/sheet1.xml", SHEET1, 0}};
  expect_error(no_sheet, 5, "thiếu phần xl/worksheets/sheet2.xml", NULL);
}

static void test_not_a_zip(void **state) {
  (void)state;
  xlsx_book b;
  char err[300];
  assert_int_equal(xlsx_read(&b, "element,combo\n", 14, err, sizeof err), -1);
  assert_non_null(strstr(err, "không phải tệp XLSX"));
  const part parts[] = {{"_rels/.rels", ROOT_RELS, 0}, {"xl/workbook.xml", WORKBOOK, 0}};
  buf z;
  make_zip(parts, 2, &z);
  assert_int_equal(xlsx_read(&b, z.s, z.len / 2, err, sizeof err), -1); /* cut in the middle */
  assert_non_null(strstr(err, "không phải tệp XLSX"));
  assert_int_equal(xlsx_read(&b, z.s, XLSX_IN_MAX + 1, err, sizeof err), -1); /* the size is checked first */
  assert_non_null(strstr(err, "quá lớn"));
  buf_release(&z);
}

/* a part that inflates past the cap is refused before it is all in memory */
static void test_zip_bomb(void **state) {
  (void)state;
  size_t big = XLSX_PART_MAX + 1;
  char *zeros = calloc(big, 1);
  assert_non_null(zeros);
  const part parts[] = {{"_rels/.rels", ROOT_RELS, 0}, {"xl/workbook.xml", WORKBOOK, 0},
                        {"xl/_rels/workbook.xml.rels", WORKBOOK_RELS, 0}, {"xl/sharedStrings.xml", zeros, big}};
  buf z;
  make_zip(parts, 4, &z);
  free(zeros);
  assert_true(z.len < XLSX_IN_MAX);
  xlsx_book b;
  char err[300];
  assert_int_equal(xlsx_read(&b, z.s, z.len, err, sizeof err), -1);
  assert_non_null(strstr(err, "xl/sharedStrings.xml"));
  assert_non_null(strstr(err, "quá lớn"));
  buf_release(&z);
}

/* what xlsx_out writes, xlsx_in reads: header anchors where xlsx_annex_head
 * says, numbers as numbers, blank as nothing, the hidden sheets (the
 * values as downloaded at the annex sheet's addresses, 0 kept apart from
 * blank) */
static void test_annex_round_trip(void **state) {
  (void)state;
  rtable t;
  memset(&t, 0, sizeof t);
  t.form = xstrdup("bieu-9");
  t.title = xstrdup("Thử nghiệm");
  t.period = xstrdup("2023S1");
  t.unit_code = xstrdup("31");
  t.unit_name = xstrdup("Thành phố Hải Phòng");
  t.row_header = xstrdup("Cấp");
  t.ncols = 3;
  t.paths = calloc(4, sizeof(char **));
  t.depth = calloc(4, sizeof(int));
  const char *paths[3][3] = {{"Đối thoại", "Định kỳ", NULL}, {"Đối thoại", "Chuyên đề", NULL}, {"Tổng", NULL, NULL}};
  for (int i = 0; i < 3; i++) {
    t.paths[i] = calloc(3, sizeof(char *));
    for (int d = 0; paths[i][d]; d++) t.paths[i][d] = xstrdup(paths[i][d]), t.depth[i] = d + 1;
  }
  rrow *r = rtable_add_row(&t, "Thành phố");
  r->cells[0] = (rcell){CELL_NUM, 1865, NULL};
  r->cells[2] = (rcell){CELL_TEXT, 0, xstrdup("3/120")};
  r = rtable_add_row(&t, "Cộng");
  r->is_total = 1;
  r->cells[0] = (rcell){CELL_NUM, 1865, NULL};
  r->cells[1] = (rcell){CELL_NUM, 0, NULL};
  xlsx_annex x = {&t, NULL, 0, "6 tháng đầu năm 2023", NULL, NULL, NULL, NULL};
  buf out;
  buf_init(&out, 0);
  char err[300];
  assert_int_equal(xlsx_write_annex(&x, &out, err, sizeof err), 0);
  xlsx_book b;
  assert_int_equal(xlsx_read(&b, out.s, out.len, err, sizeof err), 0);
  const xlsx_sheet *s = xlsx_sheet_find(&b, "Biểu 9");
  assert_non_null(s);
  xlsx_layout l;
  xlsx_annex_layout(&t, 1, 3, &l);
  assert_int_equal(l.tt_col, 0);
  assert_int_equal(l.label_col, 1);
  assert_int_equal(l.first_col, 2);
  assert_int_equal(l.numbers_row, -1); /* the form asks for no column numbers */
  xlsx_head *h;
  int n = xlsx_annex_head(&t, &l, &h);
  assert_int_equal(n, 6); /* TT, Cấp (2 rows), Đối thoại (2 columns), Tổng (2 rows); Định kỳ, Chuyên đề */
  for (int k = 0; k < n; k++) assert_string_equal(xlsx_cell_get(s, h[k].row, h[k].col)->text, h[k].text);
  free(h);
  int first = XLSX_ANNEX_HEAD_ROW + 2;
  assert_int_equal(l.first_row, first);
  assert_string_equal(xlsx_cell_get(s, XLSX_ANNEX_HEAD_ROW, 0)->text, "TT");
  assert_true(xlsx_cell_get(s, first, 0)->num == 1); /* the row's number */
  assert_null(xlsx_cell_get(s, first + 1, 0));       /* a total has none */
  assert_string_equal(xlsx_cell_get(s, first, 1)->text, "Thành phố");
  assert_true(xlsx_cell_get(s, first, 2)->num == 1865);
  assert_null(xlsx_cell_get(s, first, 3)); /* blank is not 0 */
  assert_string_equal(xlsx_cell_get(s, first, 4)->text, "3/120");
  const xlsx_sheet *m = xlsx_sheet_find(&b, XLSX_META_SHEET);
  assert_non_null(m);
  assert_true(m->hidden);
  assert_string_equal(xlsx_cell_get(m, 0, 1)->text, XLSX_ANNEX_FORMAT);
  assert_string_equal(xlsx_cell_get(m, 1, 1)->text, "bieu-9");
  const xlsx_sheet *v = xlsx_sheet_find(&b, XLSX_VALUES_SHEET);
  assert_non_null(v);
  assert_true(v->hidden);
  const xlsx_cell *c = xlsx_cell_get(v, first, 2);
  assert_non_null(c);
  assert_int_equal(c->kind, XV_NUM);
  assert_true(c->num == 1865);
  assert_false(c->formula);
  assert_null(xlsx_cell_get(v, first, 3)); /* blank */
  assert_string_equal(xlsx_cell_get(v, first, 4)->text, "3/120");
  c = xlsx_cell_get(v, first + 1, 2); /* a total: its value, not a formula */
  assert_true(c && c->kind == XV_NUM && c->num == 1865 && !c->formula);
  c = xlsx_cell_get(v, first + 1, 3); /* 0 is a number, not blank */
  assert_true(c && c->kind == XV_NUM && c->num == 0);
  for (int k = 0; k < v->ncells; k++) /* nothing outside the table but the note in A1 */
    assert_true((v->cells[k].row == 0 && v->cells[k].col == 0) ||
                (v->cells[k].row >= first && v->cells[k].row < first + 2 && v->cells[k].col >= 2 && v->cells[k].col <= 4));
  xlsx_book_release(&b);
  /* the seed's column numbers (Biểu 2, 3): a row under the header, the table one row lower */
  t.colnums = 2;
  buf_reset(&out);
  assert_int_equal(xlsx_write_annex(&x, &out, err, sizeof err), 0);
  assert_int_equal(xlsx_read(&b, out.s, out.len, err, sizeof err), 0);
  s = xlsx_sheet_find(&b, "Biểu 9");
  xlsx_annex_layout(&t, 1, 3, &l);
  assert_int_equal(l.numbers_row, XLSX_ANNEX_HEAD_ROW + 2);
  assert_int_equal(l.first_row, first + 1);
  const char *nums[] = {"A", "B", "01", "02", "03"};
  for (int k = 0; k < 5; k++) assert_string_equal(xlsx_cell_get(s, l.numbers_row, k)->text, nums[k]);
  assert_string_equal(xlsx_cell_get(s, l.first_row, 1)->text, "Thành phố");
  assert_true(xlsx_cell_get(xlsx_sheet_find(&b, XLSX_VALUES_SHEET), l.first_row, 2)->num == 1865);
  n = xlsx_annex_head(&t, &l, &h);
  assert_int_equal(n, 6 + 5);
  free(h);
  xlsx_annex_layout(&t, 1, 2, &l); /* a workbook of version 2: no TT, no numbers */
  assert_true(l.tt_col == -1 && l.label_col == 0 && l.first_col == 1 && l.numbers_row == -1 && l.first_row == first);
  xlsx_book_release(&b);
  buf_release(&out);
  rtable_release(&t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cell_names),
      cmocka_unit_test(test_minimal_workbook),
      cmocka_unit_test(test_malformed_xml_names_part_and_line),
      cmocka_unit_test(test_doctype_refused),
      cmocka_unit_test(test_bad_cells),
      cmocka_unit_test(test_missing_parts),
      cmocka_unit_test(test_not_a_zip),
      cmocka_unit_test(test_zip_bomb),
      cmocka_unit_test(test_annex_round_trip),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
