/* csv: the RFC 4180 reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "util/csv.h"

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
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
