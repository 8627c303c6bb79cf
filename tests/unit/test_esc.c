/* esc: the one escaping function per output language. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "util/esc.h"

typedef void (*esc_fn)(buf *, const char *);

/* escapes s with fn and compares the whole output */
static void check(esc_fn fn, const char *s, const char *want) {
  buf b;
  buf_init(&b, 0);
  fn(&b, s);
  assert_string_equal(b.s, want);
  buf_release(&b);
}

static void test_html(void **state) {
  (void)state;
  check(esc_html, "", "");
  check(esc_html, "Hải Phòng", "Hải Phòng");
  check(esc_html, "a & b", "a &amp; b");
  check(esc_html, "<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  check(esc_html, "\"q\"", "&quot;q&quot;");
  check(esc_html, "&amp;", "&amp;amp;"); /* not idempotent on purpose */
  check(esc_html, NULL, "");
}

static void test_html_appends(void **state) {
  (void)state;
  buf b;
  buf_init(&b, 0);
  buf_adds(&b, "<p>");
  esc_html(&b, "1 < 2");
  buf_adds(&b, "</p>");
  assert_string_equal(b.s, "<p>1 &lt; 2</p>");
  buf_release(&b);
}

static void test_json(void **state) {
  (void)state;
  check(esc_json, "", "\"\"");
  check(esc_json, "Đà Nẵng", "\"Đà Nẵng\"");
  check(esc_json, "say \"hi\"", "\"say \\\"hi\\\"\"");
  check(esc_json, "C:\\dir", "\"C:\\\\dir\"");
  check(esc_json, "a\nb\rc\td", "\"a\\nb\\rc\\td\"");
  check(esc_json, "\x01\x1f", "\"\\u0001\\u001f\"");
  check(esc_json, "\b\f", "\"\\u0008\\u000c\"");
  check(esc_json, "</script>", "\"\\u003c/script>\"");
  check(esc_json, NULL, "\"\"");
}

static void test_csv(void **state) {
  (void)state;
  check(esc_csv, "plain", "plain");
  check(esc_csv, "", "");
  check(esc_csv, "Hải Phòng", "Hải Phòng");
  check(esc_csv, "Quận, huyện", "\"Quận, huyện\"");
  check(esc_csv, "say \"hi\"", "\"say \"\"hi\"\"\"");
  check(esc_csv, "two\nlines", "\"two\nlines\"");
  check(esc_csv, "cr\rhere", "\"cr\rhere\"");
  check(esc_csv, "\"", "\"\"\"\"");
}

static void test_url(void **state) {
  (void)state;
  check(esc_url, "abcXYZ019-_.~", "abcXYZ019-_.~");
  check(esc_url, "a b&c=d/e?f", "a%20b%26c%3Dd%2Fe%3Ff");
  check(esc_url, "Hải", "H%E1%BA%A3i");
  check(esc_url, "100%", "100%25");
  check(esc_url, "+#", "%2B%23");
  check(esc_url, "", "");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_html),
      cmocka_unit_test(test_html_appends),
      cmocka_unit_test(test_json),
      cmocka_unit_test(test_csv),
      cmocka_unit_test(test_url),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
