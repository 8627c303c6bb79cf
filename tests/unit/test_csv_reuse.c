/* csv: the reader keeps every record's fields in one buffer reused from
 * record to record; fields longer than the buffer so far (it grows in the
 * middle of a record, so earlier fields move), quoted and plain, empty ones,
 * and many records must all read back exactly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/csv.h"

#define NREC 300
#define NF 5

/* field f of record r: lengths from 0 to about 3,000 bytes */
static void field_text(int r, int f, buf *out) {
  buf_reset(out);
  int len = (r * 37 + f * 101) % (r % 10 == 0 ? 3000 : 40);
  for (int i = 0; i < len; i++) buf_addc(out, (char)('a' + (r + f + i) % 26));
  if (f == 2 && r % 3 == 0) buf_adds(out, ", \"quoted\"\nline");
  if (f == 4 && r % 7 == 0) buf_adds(out, "Hải Phòng");
}

static void test_many_records(void **state) {
  (void)state;
  buf csv, t;
  buf_init(&csv, 0);
  buf_init(&t, 0);
  for (int r = 0; r < NREC; r++) {
    for (int f = 0; f < NF; f++) {
      field_text(r, f, &t);
      if (f) buf_addc(&csv, ',');
      if (strpbrk(t.s, ",\"\n")) {
        buf_addc(&csv, '"');
        for (const char *p = t.s; *p; p++) {
          if (*p == '"') buf_addc(&csv, '"');
          buf_addc(&csv, *p);
        }
        buf_addc(&csv, '"');
      } else {
        buf_adds(&csv, t.s);
      }
    }
    buf_adds(&csv, r % 2 ? "\r\n" : "\n");
  }
  csv_reader c;
  csv_init(&c, csv.s, csv.len);
  for (int r = 0; r < NREC; r++) {
    assert_int_equal(csv_next(&c), 1);
    assert_int_equal(c.nfields, NF);
    for (int f = 0; f < NF; f++) {
      field_text(r, f, &t);
      assert_string_equal(c.fields[f], t.s);
    }
  }
  assert_int_equal(csv_next(&c), 0);
  csv_release(&c);
  buf_release(&csv);
  buf_release(&t);
}

/* after an error the reader can be released; a fresh one reads again */
static void test_error_then_release(void **state) {
  (void)state;
  const char *text = "a,b\n\"open,c\n";
  csv_reader c;
  csv_init(&c, text, strlen(text));
  assert_int_equal(csv_next(&c), 1);
  assert_string_equal(c.fields[1], "b");
  assert_int_equal(csv_next(&c), -1);
  assert_non_null(strstr(c.err, "nháy kép"));
  csv_release(&c);
  csv_init(&c, "x\n", 2);
  assert_int_equal(csv_next(&c), 1);
  assert_string_equal(c.fields[0], "x");
  csv_release(&c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_many_records),
      cmocka_unit_test(test_error_then_release),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
