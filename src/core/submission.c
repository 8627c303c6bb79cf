#include "core/submission.h"
#include <string.h>

/* a returned report counts as not (yet) submitted */
const char *submission_state(const submission *s, int today) {
  if (s->on_time >= 0 && strcmp(s->status, "returned") && strcmp(s->status, "draft")) return s->on_time ? "on_time" : "late";
  return today > s->due_day ? "missing" : "pending";
}
