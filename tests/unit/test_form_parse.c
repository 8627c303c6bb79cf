/* The form and register file parsers on broken input (issue 13, F10):
 * refused with a message naming the line, never a crash or a leak (the
 * ASan build of test.sh finds both). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/form.h"
#include "core/register.h"
#include "util/embedded.h"

static void load_elements(catalog *c) {
  char err[300];
  memset(c, 0, sizeof *c);
  const embedded_file *el = embedded_find("elements.txt");
  assert_non_null(el);
  assert_int_equal(catalog_load_elements(c, el->data, err, sizeof err), 0);
}

/* "pair / x": the slash right after "pair" left a length of -1 to copy */
static void test_pair_without_left_side(void **state) {
  (void)state;
  catalog c;
  load_elements(&c);
  char err[300] = "";
  assert_int_equal(catalog_add_form(&c, "form x\ncol A = pair / x\n", err, sizeof err), -1);
  assert_non_null(strstr(err, "line 2"));
  assert_int_equal(catalog_add_form(&c, "form x\ncol A = pair  / conf_count default\n", err, sizeof err), -1);
  assert_int_equal(c.nforms, 0);
  catalog_release(&c);
}

static void test_pair_still_read(void **state) {
  (void)state;
  catalog c;
  load_elements(&c);
  char err[300] = "";
  assert_int_equal(catalog_add_form(&c, "form x\ncol A = pair conf_count default / conf_people default\n", err,
                                    sizeof err), 0);
  assert_int_equal(c.forms[0].cols[0].kind, BIND_PAIR);
  assert_int_equal(c.forms[0].cols[0].b.element, catalog_element(&c, "conf_people"));
  catalog_release(&c);
}

/* a second `rows list` replaced the first register's name without freeing it */
static void test_rows_list_twice(void **state) {
  (void)state;
  catalog c;
  load_elements(&c);
  char err[300] = "";
  assert_int_equal(catalog_add_form(&c, "form x\nrows list models\nrows list letters\n", err, sizeof err), 0);
  assert_string_equal(c.forms[0].list, "letters");
  assert_int_equal(catalog_add_form(&c, "form y\nrows list models\nrows bad\n", err, sizeof err), -1);
  catalog_release(&c);
}

static const char reg_head[] = "register t\ndate date\nfield date date required Ngày\n"
                               "field kind enum required Loại\n  option a A\n  option b B\n";

static int parse_reg(const char *tail, reg_def *r, char *err) {
  char text[1024];
  snprintf(text, sizeof text, "%s%s", reg_head, tail);
  catalog c;
  load_elements(&c);
  int rc = reg_parse(r, &c, text, err, 300);
  if (rc == 0) reg_release(r);
  catalog_release(&c);
  return rc;
}

/* a count rule with two `when`s: the second replaces the first (whose value leaked) */
static void test_rule_with_two_whens(void **state) {
  (void)state;
  reg_def r;
  char err[300] = "";
  int rc = parse_reg("count conf_count default when kind=a when kind=b\n", &r, err);
  assert_int_equal(rc, 0);
  assert_int_equal(parse_reg("count conf_count default when kind=a when nofield=b\n", &r, err), -1);
  assert_non_null(strstr(err, "line 7"));
}

/* a register never crashes on lines cut short or repeated */
static void test_register_odd_lines(void **state) {
  (void)state;
  static const char *const tails[] = {
      "count conf_count\n",  "sum conf_count x\n", "require kind when kind=\n", "check date <= \n",
      "ref\n",               "ref a b c replaces\n", "overdue date while kind\n", "todo \n",
      "transition a b own\ntransition a b own\n", "option x\n", "require x when y\nrequire x when y\n",
  };
  for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
    reg_def r;
    char err[300] = "";
    parse_reg(tails[i], &r, err);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_pair_without_left_side), cmocka_unit_test(test_pair_still_read),
      cmocka_unit_test(test_rows_list_twice),        cmocka_unit_test(test_rule_with_two_whens),
      cmocka_unit_test(test_register_odd_lines),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
