/* text: the Vietnamese search fold, NFC, UTF-8 validation, trim. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"
#include <utf8proc.h>

static void check_fold(const char *s, const char *want) {
  char *f = text_fold(s);
  assert_non_null(f);
  assert_string_equal(f, want);
  free(f);
}

static void test_fold_vietnamese(void **state) {
  (void)state;
  check_fold("Hải Phòng", "hai phong");
  check_fold("Đà Nẵng", "da nang");
  check_fold("ĐỒNG", "dong");
  check_fold("đường", "duong");
  check_fold("Thừa Thiên Huế", "thua thien hue");
  check_fold("Quận, huyện", "quan, huyen");
  check_fold("Bà Rịa – Vũng Tàu", "ba ria – vung tau");
  check_fold("ABC xyz 123", "abc xyz 123");
  check_fold("", "");
}

static void test_fold_nfd_equals_nfc(void **state) {
  (void)state;
  /* "Hải Phòng" decomposed: a + U+0309 hook above, o + U+0300 grave */
  const char *nfd = "Ha\xCC\x89i Pho\xCC\x80ng";
  const char *nfc = "H\xE1\xBA\xA3i Ph\xC3\xB2ng";
  assert_string_not_equal(nfd, nfc);
  check_fold(nfd, "hai phong");
  check_fold(nfc, "hai phong");
  /* "Nẵng" decomposed: a + U+0306 breve + U+0303 tilde */
  check_fold("N" "a\xCC\x86\xCC\x83" "ng", "nang");
}

static void test_nfc(void **state) {
  (void)state;
  char *s = text_nfc("Ha\xCC\x89i Pho\xCC\x80ng");
  assert_non_null(s);
  assert_string_equal(s, "Hải Phòng");
  free(s);
  s = text_nfc("Hải Phòng"); /* already NFC: unchanged, marks kept */
  assert_non_null(s);
  assert_string_equal(s, "Hải Phòng");
  free(s);
  s = text_nfc("Đà Nẵng");
  assert_string_equal(s, "Đà Nẵng");
  free(s);
}

/* text.c takes a fast path for strings made only of U+0000-U+02FF and
 * U+1E00-U+1EFF: every pair of those code points must give what utf8proc
 * itself gives, for NFC and for the fold (U+0110/U+0111 fold to d). */
static utf8proc_int32_t fold_d(utf8proc_int32_t cp, void *data) {
  (void)data;
  return cp == 0x0110 || cp == 0x0111 || cp == 0x0189 ? 'd' : cp;
}

static void test_fast_path_pairs(void **state) {
  (void)state;
  for (int i = 1; i < 0x400; i++)
    for (int j = 1; j < 0x400; j++) {
      utf8proc_int32_t a = i < 0x300 ? i : 0x1E00 + i - 0x300, b = j < 0x300 ? j : 0x1E00 + j - 0x300;
      utf8proc_uint8_t s[16] = {0}, *want = NULL;
      utf8proc_encode_char(b, s + utf8proc_encode_char(a, s));
      char *nfc = text_nfc((char *)s), *fold = text_fold((char *)s);
      want = utf8proc_NFC(s);
      if (strcmp(nfc, (char *)want)) fail_msg("NFC differs for U+%04X U+%04X", (unsigned)a, (unsigned)b);
      free(want);
      utf8proc_map_custom(s, 0, &want, UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD |
                          UTF8PROC_COMPOSE, fold_d, NULL);
      if (strcmp(fold, (char *)want)) fail_msg("fold differs for U+%04X U+%04X", (unsigned)a, (unsigned)b);
      free(want), free(nfc), free(fold);
    }
}

static void test_invalid_utf8_rejected(void **state) {
  (void)state;
  static const char *bad[] = {
      "abc\xFF",          /* never valid */
      "\xC3",             /* truncated 2-byte */
      "H\xE1\xBA",        /* truncated 3-byte */
      "\x80x",            /* lone continuation */
      "\xC0\xAF",         /* overlong '/' */
      "\xED\xA0\x80",     /* UTF-16 surrogate */
      "\xF4\x90\x80\x80", /* past U+10FFFF */
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    if (text_valid_utf8(bad[i], strlen(bad[i]))) fail_msg("case %zu accepted as UTF-8", i);
    if (text_fold(bad[i])) fail_msg("case %zu folded", i);
    if (text_nfc(bad[i])) fail_msg("case %zu normalised", i);
  }
}

static void test_valid_utf8(void **state) {
  (void)state;
  assert_int_equal(text_valid_utf8("", 0), 1);
  assert_int_equal(text_valid_utf8("Hải Phòng", strlen("Hải Phòng")), 1);
  assert_int_equal(text_valid_utf8("\xF0\x9F\x98\x80", 4), 1); /* U+1F600 */
  /* an embedded NUL is refused */
  assert_int_equal(text_valid_utf8("a\0b", 3), 0);
  /* the length bounds the check: a truncated tail counts */
  assert_int_equal(text_valid_utf8("\xE1\xBA\xA3", 2), 0);
}

static void test_trim(void **state) {
  (void)state;
  char a[] = "  Hải Phòng \t";
  assert_string_equal(text_trim(a), "Hải Phòng");
  assert_ptr_equal(text_trim(a), a);
  char b[] = "   ";
  assert_string_equal(text_trim(b), "");
  char c[] = "x";
  assert_string_equal(text_trim(c), "x");
  char d[] = "";
  assert_string_equal(text_trim(d), "");
}

/* characters, not bytes: the field limits count what a reader sees (the form's maxlength) */
static void test_chars(void **state) {
  (void)state;
  assert_int_equal(text_chars(""), 0);
  assert_int_equal(text_chars("abc"), 3);
  assert_int_equal(text_chars("Hải Phòng"), 9);   /* 12 bytes */
  assert_int_equal(text_chars("ệ"), 1);           /* 3 bytes */
  assert_int_equal(text_chars("Đ\xF0\x9F\x98\x80"), 2); /* a 4-byte emoji counts once */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fold_vietnamese),
      cmocka_unit_test(test_fold_nfd_equals_nfc),
      cmocka_unit_test(test_nfc),
      cmocka_unit_test(test_fast_path_pairs),
      cmocka_unit_test(test_invalid_utf8_rejected),
      cmocka_unit_test(test_valid_utf8),
      cmocka_unit_test(test_trim),
      cmocka_unit_test(test_chars),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
