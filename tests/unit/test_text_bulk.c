/* text: the helpers of bulk imports must give exactly what text_nfc and
 * text_fold give (text_nfc_fast says when a copy is the NFC; text_fold_append
 * folds into a buffer), on Vietnamese, decomposed, other scripts and invalid
 * UTF-8, and every code point below U+2000. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/text.h"
#include <utf8proc.h>

static const char *const samples[] = {
    "", "ABC xyz 123", "Hải Phòng", "ĐỒNG đường Thừa Thiên Huế", "Bà Rịa – Vũng Tàu",
    "Đối thoại với Nhân dân về xây dựng nông thôn mới, \"kiểu mẫu\"\n<b>&</b>",
    "Ha\xCC\x89i Pho\xCC\x80ng",           /* decomposed (NFD) */
    "Ǆemo ÅngStröm e\xCC\x81 ẞ ß ﬁ Ω ǅ İ", /* casefolds to more than one letter, non-Latin */
    "tab\tand\r\ncontrol \x01 chars", "日本語 テキスト", "emoji 😀 end", "\xC3\x28", /* invalid */
    "\xE1\xBB", "ok \xFF", "\xED\xA0\x80 surrogate", "\xC0\xAF overlong",
};

/* text_fold_append onto a buffer that already holds text equals that text
 * followed by text_fold, or fails where text_fold fails and leaves it */
static void check_fold_append(const char *s) {
  buf b;
  buf_init(&b, 0);
  buf_adds(&b, "prefix|");
  char *want = text_fold(s);
  int rc = text_fold_append(&b, s);
  if (!want) {
    assert_int_equal(rc, -1);
    assert_string_equal(b.s, "prefix|");
  } else {
    assert_int_equal(rc, 0);
    assert_int_equal(b.len, strlen("prefix|") + strlen(want));
    assert_string_equal(b.s + strlen("prefix|"), want);
  }
  free(want);
  buf_release(&b);
}

/* when text_nfc_fast says yes, the string is valid and its own NFC */
static void check_nfc_fast(const char *s) {
  char *nfc = text_nfc(s);
  if (text_nfc_fast(s, strlen(s))) {
    assert_non_null(nfc);
    assert_string_equal(nfc, s);
  }
  free(nfc);
}

static void test_samples(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
    check_fold_append(samples[i]);
    check_nfc_fast(samples[i]);
  }
  assert_int_equal(text_nfc_fast("Hải Phòng", strlen("Hải Phòng")), 1);
  assert_int_equal(text_nfc_fast("Ha\xCC\x89i", 4), 0);         /* needs composing */
  assert_int_equal(text_nfc_fast("\xC3\x28", 2), 0);            /* invalid */
  assert_int_equal(text_nfc_fast("a\0b", 3), 0);                 /* a NUL byte */
}

/* every code point below U+2000 and the Vietnamese block, alone and in a word */
static void test_every_code_point(void **state) {
  (void)state;
  for (utf8proc_int32_t cp = 1; cp < 0x2000; cp++) {
    char one[8], word[32];
    utf8proc_ssize_t k = utf8proc_encode_char(cp, (utf8proc_uint8_t *)one);
    one[k] = 0;
    snprintf(word, sizeof word, "Xin %s chào", one);
    check_fold_append(one);
    check_fold_append(word);
    check_nfc_fast(one);
    check_nfc_fast(word);
  }
}

/* a capped buffer that cannot take the text: no write past its cap */
static void test_capped_buffer(void **state) {
  (void)state;
  buf b;
  buf_init(&b, 8);
  buf_adds(&b, "12345");
  text_fold_append(&b, "Hải Phòng Hải Phòng");
  assert_true(b.len <= 8);
  assert_true(b.overflow);
  buf_release(&b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_samples),
      cmocka_unit_test(test_every_code_point),
      cmocka_unit_test(test_capped_buffer),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
