/* mail: the addresses accepted (nothing that can add a header or a
 * recipient), the subject as RFC 2047 words that never cut a character,
 * the body in base64 with CRLF line ends. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "util/mail.h"

static void test_addresses(void **state) {
  (void)state;
  assert_true(mail_address_ok("can.bo@example.vn"));
  assert_true(mail_address_ok("a+b_c-d@so-noi-vu.gov.vn"));
  static const char *bad[] = {"", "a@", "@b.vn", "ab.vn", "a@b", "a@@b.vn", "a@b@c.vn", "a b@c.vn",
                              "a@b.vn\r\nBcc: x@y.vn", "a@b.vn,x@y.vn", "a@b.vn;x@y.vn", "<a@b.vn>",
                              "\"a\"@b.vn", "tên@b.vn", NULL};
  for (int i = 0; bad[i]; i++) assert_false(mail_address_ok(bad[i]));
  assert_false(mail_address_ok(NULL));
}

/* the decoded text of every =?UTF-8?B?…?= word of a header value, concatenated */
static char *decode_words(const char *v) {
  char *out = calloc(1, strlen(v) + 1);
  size_t n = 0;
  for (const char *p = strstr(v, "=?UTF-8?B?"); p; p = strstr(p, "=?UTF-8?B?")) {
    p += 10;
    const char *end = strstr(p, "?=");
    assert_non_null(end);
    unsigned char chunk[128];
    size_t k;
    assert_int_equal(sodium_base642bin(chunk, sizeof chunk, p, (size_t)(end - p), NULL, &k, NULL,
                                       sodium_base64_VARIANT_ORIGINAL), 0);
    /* each word is whole UTF-8 on its own: it never starts with a continuation byte */
    assert_true(k == 0 || (chunk[0] & 0xC0) != 0x80);
    memcpy(out + n, chunk, k);
    n += k;
    p = end + 2;
  }
  return out;
}

/* a login goes over plain smtp:// only to a relay on this machine */
static void test_local_relay(void **state) {
  (void)state;
  assert_true(mail_url_local("smtp://127.0.0.1:2525"));
  assert_true(mail_url_local("smtp://localhost"));
  assert_true(mail_url_local("smtp://[::1]:25"));
  assert_false(mail_url_local("smtp://127.0.0.10:25"));
  assert_false(mail_url_local("smtp://localhost.example.vn:25"));
  assert_false(mail_url_local("smtp://mail.hochiminhcity.gov.vn:587"));
  assert_false(mail_url_local("smtps://127.0.0.1:465"));
}

static void test_compose(void **state) {
  (void)state;
  const char *subject = "Thông báo công tác dân vận: 12 việc chưa đọc — Phường Máy Chai, Quận Ngô Quyền";
  buf m;
  buf_init(&m, 0);
  mail_compose(&m, "danvan@example.vn", "can.bo@example.vn", subject, "Dòng một\nDòng hai\n");
  assert_non_null(strstr(m.s, "\r\nFrom: danvan@example.vn\r\n"));
  assert_non_null(strstr(m.s, "\r\nTo: can.bo@example.vn\r\n"));
  assert_non_null(strstr(m.s, "Content-Type: text/plain; charset=UTF-8\r\n"));
  const char *s = strstr(m.s, "Subject: "), *e = strstr(s, "\r\nMIME-Version");
  char *hdr = strndup(s, (size_t)(e - s));
  for (char *line = hdr; line; line = strstr(line + 1, "\r\n")) { /* folded lines of at most 78 bytes */
    char *next = strstr(line + 1, "\r\n");
    assert_true((next ? next - line : (long)strlen(line)) <= 78);
  }
  char *text = decode_words(hdr);
  assert_string_equal(text, subject);
  const char *body = strstr(m.s, "\r\n\r\n") + 4;
  unsigned char plain[256];
  size_t k;
  assert_int_equal(sodium_base642bin(plain, sizeof plain - 1, body, strlen(body), "\r\n", &k, NULL,
                                     sodium_base64_VARIANT_ORIGINAL), 0);
  plain[k] = 0;
  assert_string_equal((char *)plain, "Dòng một\r\nDòng hai\r\n");
  free(text);
  free(hdr);
  buf_release(&m);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_addresses), cmocka_unit_test(test_compose),
                                     cmocka_unit_test(test_local_relay)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
