/* csv: the RFC 4180 reader; the writer's guard against formulas (esc_csv)
 * and the reader's undoing of it; control characters refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "util/csv.h"
#include "util/esc.h"

static void start(csv_reader *r, const char *text) { csv_init(r, text, strlen(text)); }

/* the next record must be exactly these fields */
static void expect_record(csv_reader *r, int line, int n, const char *const *want) {
  assert_int_equal(csv_next(r), 1);
  assert_int_equal(r->record_line, line);
  assert_int_equal(r->nfields, n);
  for (int i = 0; i < n; i++) assert_string_equal(r->fields[i], want[i]);
}

static void test_plain_records(void **state) {
  (void)state;
  csv_reader r;
  start(&r, "code,name,level\nHP,Hải Phòng,1\n");
  expect_record(&r, 1, 3, (const char *[]){"code", "name", "level"});
  expect_record(&r, 2, 3, (const char *[]){"HP", "Hải Phòng", "1"});
  assert_int_equal(csv_next(&r), 0);
  assert_int_equal(csv_next(&r), 0); /* stays at the end */
  csv_release(&r);
}

static void test_no_final_newline_and_empty_fields(void **state) {
  (void)state;
  csv_reader r;
  start(&r, "a,,c\n,\nx,y,");
  expect_record(&r, 1, 3, (const char *[]){"a", "", "c"});
  expect_record(&r, 2, 2, (const char *[]){"", ""});
  expect_record(&r, 3, 3, (const char *[]){"x", "y", ""});
  assert_int_equal(csv_next(&r), 0);
  csv_release(&r);
}

static void test_quoted_fields(void **state) {
  (void)state;
  csv_reader r;
  start(&r, "\"Quận, huyện\",\"say \"\"hi\"\"\",\"\",plain\n\"\"\"\",end\n");
  expect_record(&r, 1, 4, (const char *[]){"Quận, huyện", "say \"hi\"", "", "plain"});
  expect_record(&r, 2, 2, (const char *[]){"\"", "end"});
  assert_int_equal(csv_next(&r), 0);
  csv_release(&r);
}

static void test_embedded_newlines_and_record_line(void **state) {
  (void)state;
  csv_reader r;
  start(&r, "id,note\n1,\"dòng một\ndòng hai\ndòng ba\"\n2,\"a\r\nb\"\n3,x\n");
  expect_record(&r, 1, 2, (const char *[]){"id", "note"});
  expect_record(&r, 2, 2, (const char *[]){"1", "dòng một\ndòng hai\ndòng ba"});
  expect_record(&r, 5, 2, (const char *[]){"2", "a\r\nb"});
  expect_record(&r, 7, 2, (const char *[]){"3", "x"});
  assert_int_equal(csv_next(&r), 0);
  csv_release(&r);
}

static void test_bom_and_crlf(void **state) {
  (void)state;
  csv_reader r;
  start(&r, "\xEF\xBB\xBF"
            "code,name\r\nHP,Hải Phòng\r\nAL,\"An Lão\"\r\n");
  expect_record(&r, 1, 2, (const char *[]){"code", "name"});
  assert_int_equal(csv_col(r.fields, r.nfields, "code"), 0); /* not "\xEF\xBB\xBFcode" */
  assert_int_equal(csv_col(r.fields, r.nfields, "name"), 1);
  assert_int_equal(csv_col(r.fields, r.nfields, "level"), -1);
  expect_record(&r, 2, 2, (const char *[]){"HP", "Hải Phòng"});
  expect_record(&r, 3, 2, (const char *[]){"AL", "An Lão"});
  assert_int_equal(csv_next(&r), 0);
  csv_release(&r);
}

static void test_bom_only_at_start(void **state) {
  (void)state;
  csv_reader r;
  start(&r, "a\n\xEF\xBB\xBF"
            "b\n");
  expect_record(&r, 1, 1, (const char *[]){"a"});
  expect_record(&r, 2, 1, (const char *[]){"\xEF\xBB\xBF"
                                           "b"});
  csv_release(&r);
}

static void test_blank_lines_skipped(void **state) {
  (void)state;
  csv_reader r;
  start(&r, "\n\r\na,b\n\n\r\n\nc,d\n\n");
  expect_record(&r, 3, 2, (const char *[]){"a", "b"});
  expect_record(&r, 7, 2, (const char *[]){"c", "d"});
  assert_int_equal(csv_next(&r), 0);
  csv_release(&r);
}

static void test_empty_input(void **state) {
  (void)state;
  csv_reader r;
  start(&r, "");
  assert_int_equal(csv_next(&r), 0);
  csv_release(&r);
  start(&r, "\xEF\xBB\xBF");
  assert_int_equal(csv_next(&r), 0);
  csv_release(&r);
}

static void test_unterminated_quote_names_line(void **state) {
  (void)state;
  csv_reader r;
  start(&r, "a,b\nc,d\ne,\"never closed\nmore\n");
  expect_record(&r, 1, 2, (const char *[]){"a", "b"});
  expect_record(&r, 2, 2, (const char *[]){"c", "d"});
  assert_int_equal(csv_next(&r), -1);
  assert_non_null(strstr(r.err, "dòng 3"));
  assert_non_null(strstr(r.err, "cột 2"));
  csv_release(&r);
}

static void test_quote_inside_unquoted_field(void **state) {
  (void)state;
  csv_reader r;
  start(&r, "x\ny\nab\"c,d\n");
  expect_record(&r, 1, 1, (const char *[]){"x"});
  expect_record(&r, 2, 1, (const char *[]){"y"});
  assert_int_equal(csv_next(&r), -1);
  assert_non_null(strstr(r.err, "dòng 3"));
  assert_non_null(strstr(r.err, "cột 1"));
  csv_release(&r);
}

static void test_text_after_closing_quote(void **state) {
  (void)state;
  csv_reader r;
  start(&r, "ok\n\"a\"b,c\n");
  expect_record(&r, 1, 1, (const char *[]){"ok"});
  assert_int_equal(csv_next(&r), -1);
  assert_non_null(strstr(r.err, "dòng 2"));
  csv_release(&r);
}

static void test_many_fields(void **state) {
  (void)state;
  /* more fields than the initial field array holds */
  csv_reader r;
  start(&r, "0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19\n");
  assert_int_equal(csv_next(&r), 1);
  assert_int_equal(r.nfields, 20);
  assert_string_equal(r.fields[0], "0");
  assert_string_equal(r.fields[9], "9");
  assert_string_equal(r.fields[19], "19");
  assert_int_equal(csv_col(r.fields, r.nfields, "17"), 17);
  csv_release(&r);
}

/* what esc_csv writes for s */
static void expect_written(const char *s, const char *want) {
  buf b;
  buf_init(&b, 0);
  esc_csv(&b, s);
  assert_string_equal(b.s ? b.s : "", want);
  buf_release(&b);
}

static void test_formula_cells_made_inert(void **state) {
  (void)state;
  expect_written("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  expect_written("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0");
  expect_written("+1+1", "'+1+1");
  expect_written("@SUM(A1)", "'@SUM(A1)");
  expect_written("-2+3", "'-2+3");
  expect_written("-", "'-");
  expect_written("--5", "'--5");
  expect_written("-5-", "'-5-");
  expect_written("-.5", "'-.5");
  expect_written("\tx", "'\tx");
  expect_written("\rx", "\"'\rx\"");
  expect_written("'=x", "''=x"); /* so that reading it back gives '=x */
  expect_written("''+x", "'''+x");
  /* numbers, and text that does not begin with one of = + - @ tab CR */
  expect_written("-5", "-5");
  expect_written("-1.5", "-1.5");
  expect_written("+7", "+7");
  expect_written("-1,5", "\"-1,5\"");
  expect_written("a=b", "a=b");
  expect_written("'abc", "'abc");
  expect_written("'-5", "'-5");
  expect_written(" =1", " =1");
  expect_written("", "");
}

static void test_formula_guard_round_trip(void **state) {
  (void)state;
  static const char *values[] = {"=1+1", "=HYPERLINK(\"http://x\",\"y\")", "+x", "-x", "@x", "\tx", "\rx", "'=x",
                                 "''=x", "'-x", "'", "''", "'abc", "'-5", "-5", "-1.5", "+7", "a'=b", "plain", "",
                                 "-", "=", "'\t"};
  for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
    buf b;
    buf_init(&b, 0);
    buf_adds(&b, "v,w\n");
    esc_csv(&b, values[i]);
    buf_adds(&b, ",end\n");
    csv_reader r;
    csv_init(&r, b.s, b.len);
    assert_int_equal(csv_next(&r), 1);
    assert_int_equal(csv_next(&r), 1);
    assert_int_equal(r.nfields, 2);
    assert_string_equal(r.fields[0], values[i]);
    assert_string_equal(r.fields[1], "end");
    csv_release(&r);
    buf_release(&b);
  }
}

static void test_guard_read_from_a_spreadsheet(void **state) {
  (void)state;
  /* a file saved by a spreadsheet program after our export: the apostrophe
   * of a guarded cell is taken off; any other text is left as it is */
  csv_reader r;
  start(&r, "a,b,c,d\n'=x,=y,'abc,'-5\n");
  expect_record(&r, 1, 4, (const char *[]){"a", "b", "c", "d"});
  expect_record(&r, 2, 4, (const char *[]){"=x", "=y", "'abc", "'-5"});
  csv_release(&r);
}

/* the reader must refuse text (of length n) with an error naming all of the fragments */
static void expect_refused(const char *text, size_t n, const char *const *says, int nsays) {
  csv_reader r;
  csv_init(&r, text, n);
  int got;
  while ((got = csv_next(&r)) == 1) {}
  assert_int_equal(got, -1);
  for (int i = 0; i < nsays; i++)
    if (!strstr(r.err, says[i])) fail_msg("\"%s\" is not in \"%s\"", says[i], r.err);
  csv_release(&r);
}

static void test_control_characters_refused(void **state) {
  (void)state;
  static const char nul[] = "code,title\nA,a\0b\n";
  expect_refused(nul, sizeof nul - 1, (const char *[]){"dòng 2", "cột 2", "title", "0x00"}, 4);
  static const char quoted_nul[] = "code,title\nA,\"a\0b\"\n";
  expect_refused(quoted_nul, sizeof quoted_nul - 1, (const char *[]){"dòng 2", "title", "0x00"}, 3);
  static const char bell[] = "code,title\nA,x\n\"B\x07\",y\n";
  expect_refused(bell, sizeof bell - 1, (const char *[]){"dòng 3", "cột 1", "code", "0x07"}, 4);
  static const char esc_quoted[] = "code,title\n\"a\nb\",\"line one\nline\x1b two\"\n";
  expect_refused(esc_quoted, sizeof esc_quoted - 1, (const char *[]){"dòng 2", "title", "0x1B"}, 3);
  static const char in_header[] = "co\x01" "de,title\n";
  expect_refused(in_header, sizeof in_header - 1, (const char *[]){"dòng 1", "cột 1", "0x01"}, 3);
  /* a CR alone inside an unquoted field ends the record, as before; tab,
   * and CR or LF inside quotes, are text */
  csv_reader r;
  start(&r, "a,b\nx\ty,\"two\r\nlines\"\n");
  expect_record(&r, 1, 2, (const char *[]){"a", "b"});
  expect_record(&r, 2, 2, (const char *[]){"x\ty", "two\r\nlines"});
  csv_release(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_plain_records),
      cmocka_unit_test(test_no_final_newline_and_empty_fields),
      cmocka_unit_test(test_quoted_fields),
      cmocka_unit_test(test_embedded_newlines_and_record_line),
      cmocka_unit_test(test_bom_and_crlf),
      cmocka_unit_test(test_bom_only_at_start),
      cmocka_unit_test(test_blank_lines_skipped),
      cmocka_unit_test(test_empty_input),
      cmocka_unit_test(test_unterminated_quote_names_line),
      cmocka_unit_test(test_quote_inside_unquoted_field),
      cmocka_unit_test(test_text_after_closing_quote),
      cmocka_unit_test(test_many_fields),
      cmocka_unit_test(test_formula_cells_made_inert),
      cmocka_unit_test(test_formula_guard_round_trip),
      cmocka_unit_test(test_guard_read_from_a_spreadsheet),
      cmocka_unit_test(test_control_characters_refused),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
