/* throttle: failed-attempt counters in a fixed table (util/throttle.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "util/throttle.h"

static const throttle_rule rule = {3, 60, 600, 1};     /* like a login's: a success clears it */
static const throttle_rule counted = {3, 60, 600, 0};  /* like an address's */

static int begin1(throttle *t, const char *key, const throttle_rule *r, int64_t now) {
  const char *k[] = {key};
  const throttle_rule *rr[] = {r};
  return throttle_begin(t, k, rr, 1, now);
}

static void end1(throttle *t, const char *key, const throttle_rule *r, int ok, int64_t now) {
  const char *k[] = {key};
  const throttle_rule *rr[] = {r};
  throttle_end(t, k, rr, 1, ok, now);
}

/* a failed attempt at now: it must have been allowed */
static void fail_at(throttle *t, const char *key, const throttle_rule *r, int64_t now) {
  assert_int_equal(begin1(t, key, r, now), 0);
  end1(t, key, r, 0, now);
}

static void test_free_then_doubling(void **state) {
  (void)state;
  throttle *t = throttle_new(64);
  int64_t now = 1000;
  fail_at(t, "l:a", &rule, now);
  fail_at(t, "l:a", &rule, now);
  assert_int_equal(begin1(t, "l:a", &rule, now), 0); /* the third is still free */
  end1(t, "l:a", &rule, 0, now);
  assert_int_equal(begin1(t, "l:a", &rule, now), 1); /* then 1 s */
  now += 1;
  fail_at(t, "l:a", &rule, now);
  assert_int_equal(begin1(t, "l:a", &rule, now), 2);
  now += 2;
  fail_at(t, "l:a", &rule, now);
  assert_int_equal(begin1(t, "l:a", &rule, now), 4);
  assert_int_equal(begin1(t, "l:a", &rule, now + 3), 1);
  assert_int_equal(begin1(t, "l:b", &rule, now), 0); /* another key is not touched */
  end1(t, "l:b", &rule, -1, now);
  throttle_free(t);
}

static void test_cap(void **state) {
  (void)state;
  throttle *t = throttle_new(64);
  int64_t now = 0;
  for (int i = 0; i < 40; i++) {
    int w;
    while ((w = begin1(t, "k", &rule, now)) > 0) {
      assert_true(w <= 60);
      now += w;
    }
    end1(t, "k", &rule, 0, now);
  }
  assert_int_equal(begin1(t, "k", &rule, now), 60);
  throttle_free(t);
}

static void test_success(void **state) {
  (void)state;
  throttle *t = throttle_new(64);
  for (int i = 0; i < 2; i++) fail_at(t, "l:a", &rule, 10);
  assert_int_equal(begin1(t, "l:a", &rule, 10), 0);
  end1(t, "l:a", &rule, 1, 10); /* a success clears a login's failures */
  for (int i = 0; i < 3; i++) fail_at(t, "l:a", &rule, 10);
  assert_int_equal(begin1(t, "l:a", &rule, 10), 1);
  /* an address: successes are not counted, failures stay */
  for (int i = 0; i < 100; i++) {
    assert_int_equal(begin1(t, "a:x", &counted, 10), 0);
    end1(t, "a:x", &counted, 1, 10);
  }
  fail_at(t, "a:x", &counted, 10);
  fail_at(t, "a:x", &counted, 10);
  assert_int_equal(begin1(t, "a:x", &counted, 10), 0);
  end1(t, "a:x", &counted, 1, 10);
  fail_at(t, "a:x", &counted, 10);
  assert_int_equal(begin1(t, "a:x", &counted, 10), 1);
  throttle_free(t);
}

static void test_forget(void **state) {
  (void)state;
  throttle *t = throttle_new(64);
  for (int i = 0; i < 3; i++) fail_at(t, "k", &rule, 100);
  assert_int_equal(begin1(t, "k", &rule, 100), 1);
  assert_int_equal(begin1(t, "k", &rule, 100 + 599), 0); /* allowed again, still counted */
  end1(t, "k", &rule, 0, 699);
  assert_int_equal(begin1(t, "k", &rule, 699), 2);
  fail_at(t, "k", &rule, 699 + 600 + 1); /* forgotten: free again */
  assert_int_equal(begin1(t, "k", &rule, 1300), 0);
  throttle_free(t);
}

/* parallel attempts: past the free ones, one at a time */
static void test_in_flight(void **state) {
  (void)state;
  throttle *t = throttle_new(64);
  for (int i = 0; i < 3; i++) assert_int_equal(begin1(t, "k", &rule, 5), 0);
  assert_int_equal(begin1(t, "k", &rule, 5), 1); /* three in progress: the fourth waits */
  for (int i = 0; i < 3; i++) end1(t, "k", &rule, 0, 5);
  assert_int_equal(begin1(t, "k", &rule, 5), 1);
  throttle_free(t);
}

/* several keys: all or none begin, the longest wait is told */
static void test_keys_together(void **state) {
  (void)state;
  throttle *t = throttle_new(64);
  for (int i = 0; i < 3; i++) fail_at(t, "a:x", &counted, 0);
  fail_at(t, "a:x", &counted, 1); /* waits 2 s */
  const char *k[] = {"l:new", "a:x"};
  const throttle_rule *r[] = {&rule, &counted};
  assert_int_equal(throttle_begin(t, k, r, 2, 1), 2);
  for (int i = 0; i < 3; i++) fail_at(t, "l:new", &rule, 1); /* nothing was counted for l:new */
  assert_int_equal(throttle_begin(t, k, r, 2, 3), 0);
  throttle_end(t, k, r, 2, 0, 3);
  assert_int_equal(begin1(t, "a:x", &counted, 3), 4);
  assert_int_equal(begin1(t, "l:new", &rule, 3), 2);
  throttle_free(t);
}

/* the table never grows; a flood of one-failure keys does not push out a key with many */
/* on the server's clock in milliseconds a wait of 1 s is a whole second, even for a
 * failure at the end of one: the 429 of test_accounts came by chance otherwise */
static void test_whole_seconds(void **state) {
  (void)state;
  throttle *t = throttle_new(64);
  const char *k[] = {"a:x"};
  const throttle_rule *rr[] = {&rule};
  for (int i = 0; i < 3; i++) {
    assert_int_equal(throttle_begin_ms(t, k, rr, 1, 1999), 0);
    throttle_end_ms(t, k, rr, 1, 0, 1999);
  }
  assert_int_equal(throttle_begin_ms(t, k, rr, 1, 2001), 1); /* 2 ms later: still waiting */
  assert_int_equal(throttle_begin_ms(t, k, rr, 1, 2998), 1);
  assert_int_equal(throttle_begin_ms(t, k, rr, 1, 2999), 0);
  throttle_free(t);
}

static void test_bounded(void **state) {
  (void)state;
  throttle *t = throttle_new(256);
  for (int i = 0; i < 6; i++) {
    int w = begin1(t, "l:target", &rule, i * 100);
    assert_int_equal(w, 0);
    end1(t, "l:target", &rule, 0, i * 100);
  }
  int64_t now = 500;
  int w0 = begin1(t, "l:target", &rule, now);
  assert_true(w0 > 0);
  char key[32];
  for (int i = 0; i < 100000; i++) {
    snprintf(key, sizeof key, "a:%d", i);
    fail_at(t, key, &counted, now);
  }
  assert_true(throttle_used(t) <= 256);
  assert_int_equal(begin1(t, "l:target", &rule, now), w0);
  throttle_free(t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_free_then_doubling), cmocka_unit_test(test_cap),
      cmocka_unit_test(test_success),            cmocka_unit_test(test_forget),
      cmocka_unit_test(test_in_flight),          cmocka_unit_test(test_keys_together),
      cmocka_unit_test(test_bounded),            cmocka_unit_test(test_whole_seconds),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
