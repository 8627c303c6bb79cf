#include "util/err.h"
#include "util/buf.h"
#include "util/i18n.h"
#include <stdarg.h>
#include <stdio.h>

int dv_fail(dv_err *e, int code, int line, const char *field, const char *fmt, ...) {
  if (!e) return code;
  e->code = code;
  e->line = line;
  snprintf(e->field, sizeof e->field, "%s", field ? field : "");
  va_list ap;
  va_start(ap, fmt);
  buf m; /* the message in the request's language (util/i18n.h) */
  buf_init(&m, 0);
  tr_vaddf(&m, fmt, ap);
  va_end(ap);
  snprintf(e->msg, sizeof e->msg, "%s", m.s);
  buf_release(&m);
  return code;
}
