/* core/submission.h: a submission's timeliness as the completeness pages
 * and the home page count it (on time, late, missing, pending); a returned
 * report counts as not (yet) submitted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/submission.h"

static submission sub(const char *status, int on_time, int due) {
  submission s;
  memset(&s, 0, sizeof s);
  strcpy(s.status, status);
  s.on_time = on_time;
  s.due_day = due;
  return s;
}

static void test_states(void **state) {
  (void)state;
  submission s = sub("submitted", 1, 100);
  assert_string_equal(submission_state(&s, 200), "on_time");
  s = sub("approved", 0, 100);
  assert_string_equal(submission_state(&s, 50), "late");
  s = sub("draft", -1, 100);
  assert_string_equal(submission_state(&s, 100), "pending"); /* due today: not yet missing */
  assert_string_equal(submission_state(&s, 101), "missing");
  s = sub("returned", 1, 100); /* sent on time, then returned: owed again */
  assert_string_equal(submission_state(&s, 99), "pending");
  assert_string_equal(submission_state(&s, 120), "missing");
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_states)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
