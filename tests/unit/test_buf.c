/* buf: growth, the hard cap, detach. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

static void test_init_is_empty_string(void **state) {
  (void)state;
  buf b;
  buf_init(&b, 0);
  assert_non_null(b.s);
  assert_string_equal(b.s, "");
  assert_int_equal(b.len, 0);
  assert_int_equal(b.overflow, 0);
  buf_release(&b);
  assert_null(b.s);
}

static void test_appends_and_growth(void **state) {
  (void)state;
  buf b;
  buf_init(&b, 0);
  buf_adds(&b, "Hải");
  buf_addc(&b, ' ');
  buf_add(&b, "Phòng!!", strlen("Phòng"));
  buf_addf(&b, " %d/%s", 2023, "S1");
  assert_string_equal(b.s, "Hải Phòng 2023/S1");
  assert_int_equal(b.len, strlen("Hải Phòng 2023/S1"));

  /* far past the initial capacity: contents intact, always NUL-terminated */
  buf_reset(&b);
  for (int i = 0; i < 10000; i++) buf_addc(&b, (char)('a' + i % 26));
  assert_int_equal(b.len, 10000);
  assert_true(b.cap > 10000);
  assert_int_equal(b.s[10000], 0);
  assert_int_equal(b.s[0], 'a');
  assert_int_equal(b.s[9999], 'a' + 9999 % 26);
  for (int i = 0; i < 10000; i++)
    if (b.s[i] != 'a' + i % 26) fail_msg("byte %d is %c", i, b.s[i]);

  /* a formatted append longer than the spare room */
  buf_reset(&b);
  char big[300];
  memset(big, 'x', sizeof big - 1);
  big[sizeof big - 1] = 0;
  buf_addf(&b, "<%s>", big);
  assert_int_equal(b.len, 301);
  assert_int_equal(b.s[0], '<');
  assert_int_equal(b.s[300], '>');
  assert_int_equal(b.s[301], 0);
  buf_release(&b);
}

static void test_embedded_nul_bytes(void **state) {
  (void)state;
  buf b;
  buf_init(&b, 0);
  buf_add(&b, "a\0b", 3);
  assert_int_equal(b.len, 3);
  assert_memory_equal(b.s, "a\0b", 4);
  buf_release(&b);
}

static void test_cap_sets_overflow(void **state) {
  (void)state;
  buf b;
  buf_init(&b, 8);
  buf_adds(&b, "12345678"); /* exactly the cap: fine */
  assert_int_equal(b.overflow, 0);
  assert_string_equal(b.s, "12345678");
  buf_addc(&b, '9'); /* one past: refused, flagged */
  assert_int_equal(b.overflow, 1);
  assert_string_equal(b.s, "12345678");
  assert_int_equal(b.len, 8);
  buf_release(&b);

  buf_init(&b, 5);
  buf_adds(&b, "ab");
  buf_addf(&b, "%s", "cdefgh"); /* would reach 8 > 5 */
  assert_int_equal(b.overflow, 1);
  assert_string_equal(b.s, "ab");
  buf_reset(&b); /* reset clears the flag, the cap stays */
  assert_int_equal(b.overflow, 0);
  assert_int_equal(b.max, 5);
  buf_adds(&b, "abcdef");
  assert_int_equal(b.overflow, 1);
  assert_string_equal(b.s, "");
  buf_release(&b);
}

static void test_cap_large_input_never_grows(void **state) {
  (void)state;
  buf b;
  buf_init(&b, 100);
  for (int i = 0; i < 1000; i++) buf_adds(&b, "0123456789");
  assert_int_equal(b.len, 100);
  assert_int_equal(b.overflow, 1);
  assert_true(b.cap <= 128);
  buf_release(&b);
}

static void test_detach_hands_over(void **state) {
  (void)state;
  buf b;
  buf_init(&b, 50);
  buf_adds(&b, "Đà Nẵng");
  size_t len = 0;
  char *s = buf_detach(&b, &len);
  assert_string_equal(s, "Đà Nẵng");
  assert_int_equal(len, strlen("Đà Nẵng"));
  /* b is left empty and usable, with the same cap */
  assert_non_null(b.s);
  assert_ptr_not_equal(b.s, s);
  assert_string_equal(b.s, "");
  assert_int_equal(b.len, 0);
  assert_int_equal(b.max, 50);
  buf_adds(&b, "x");
  assert_string_equal(b.s, "x");
  assert_string_equal(s, "Đà Nẵng");
  free(s);
  s = buf_detach(&b, NULL);
  assert_string_equal(s, "x");
  free(s);
  buf_release(&b);
}

/* The idiom `return buf_detach(&b, NULL);` must not leak: detach leaves the
 * buffer owning nothing (LeakSanitizer checks this in the ASan build). */
static char *render(const char *name) {
  buf b;
  buf_init(&b, 0);
  buf_addf(&b, "Thành ủy %s", name);
  return buf_detach(&b, NULL);
}

static void test_detach_leaves_nothing_to_release(void **state) {
  (void)state;
  char *s = render("Hải Phòng");
  assert_string_equal(s, "Thành ủy Hải Phòng");
  free(s);
  buf b;
  buf_init(&b, 0);
  free(buf_detach(&b, NULL)); /* detaching an empty buffer gives a string to free */
  size_t len = 99;
  s = buf_detach(&b, &len);
  assert_string_equal(s, "");
  assert_int_equal(len, 0);
  free(s);
  assert_int_equal(b.cap, 0); /* owns no memory */
  assert_string_equal(b.s, "");
  /* releasing twice, or a detached buffer, is harmless */
  buf_release(&b);
  buf_release(&b);
}

static void test_reset_keeps_buffer_usable(void **state) {
  (void)state;
  buf b;
  buf_init(&b, 0);
  buf_reset(&b); /* on a buffer that never grew */
  assert_string_equal(b.s, "");
  buf_adds(&b, "abc");
  buf_reset(&b);
  assert_string_equal(b.s, "");
  assert_int_equal(b.len, 0);
  buf_add(&b, "", 0);
  assert_string_equal(b.s, "");
  buf_adds(&b, "d");
  assert_string_equal(b.s, "d");
  buf_release(&b);
}

static void test_xstrndup(void **state) {
  (void)state;
  char *s = xstrndup("abcdef", 3);
  assert_string_equal(s, "abc");
  free(s);
  s = xstrdup("");
  assert_string_equal(s, "");
  free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_init_is_empty_string),
      cmocka_unit_test(test_appends_and_growth),
      cmocka_unit_test(test_embedded_nul_bytes),
      cmocka_unit_test(test_cap_sets_overflow),
      cmocka_unit_test(test_cap_large_input_never_grows),
      cmocka_unit_test(test_detach_hands_over),
      cmocka_unit_test(test_detach_leaves_nothing_to_release),
      cmocka_unit_test(test_reset_keeps_buffer_usable),
      cmocka_unit_test(test_xstrndup),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
