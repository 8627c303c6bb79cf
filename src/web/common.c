/* Small helpers shared by the pages: argument defaults, unit lookups under
 * the model's read lock, Vietnamese dates. */
#include "web/web_int.h"
#include <stdio.h>
#include <string.h>

void form_label(const char *code, char *out, size_t n) {
  if (strncmp(code, "bieu-", 5) == 0) snprintf(out, n, "Biểu %s", code + 5);
  else snprintf(out, n, "%s", code);
}

int user_pos(const tree *t, const user *u) {
  int p = tree_find_id(t, u->unit_id);
  return p >= 0 && p < t->n ? p : -1;
}

int unit_pos_of(ctx *c, const char *code) { return app_unit_pos_readable(c->a, &c->u, code, NULL); }

int unit_code_at(ctx *c, int pos, char *out, size_t n) {
  const tree *t = app_read_begin(c->a);
  int ok = pos >= 0 && pos < t->n;
  if (ok) snprintf(out, n, "%s", t->u[pos].code);
  app_read_end(c->a);
  return ok ? 0 : -1;
}

const char *default_period_id(ctx *c) {
  period p = app_default_period(c->a, c->u.unit_id ? &c->u : NULL);
  char id[8];
  period_format(&p, id);
  return c_strdup(c, id);
}

const char *period_arg(ctx *c, period *p) {
  const char *v = param(c, "period");
  if (!v || !*v)
    *p = app_default_period(c->a, c->u.unit_id ? &c->u : NULL);
  else if (strlen(v) > 7 || period_parse(v, p))
    return NULL;
  char id[8];
  period_format(p, id);
  return c_strdup(c, id);
}

const char *c_excerpt(ctx *c, const char *s, size_t max) {
  size_t n = strcspn(s, "\n");
  int cut = n > max;
  if (cut) {
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
  }
  char *o = c_alloc(c, n + 4);
  memcpy(o, s, n);
  if (cut) memcpy(o + n, "…", 4);
  return o;
}

const form *form_arg_or_400(ctx *c, const char **code) {
  const char *v = param(c, "form");
  if (!v || !*v) v = "bieu-1";
  const form *f = catalog_form(app_catalog(c->a), v);
  if (!f) reply_html_error(c, 400, "Không có biểu này", "Hãy chọn một biểu trong danh sách.");
  if (code) *code = v;
  return f;
}

const char *period_arg_or_400(ctx *c, period *p) {
  const char *id = period_arg(c, p);
  if (!id) reply_html_error(c, 400, "Kỳ báo cáo không hợp lệ", PERIOD_HINT);
  return id;
}

const char *unit_arg(ctx *c) {
  const char *v = param(c, "unit");
  return v && *v ? v : c->u.unit_code;
}

static int digits(const char *s, int min, int max, int *v) {
  int n = 0;
  *v = 0;
  while (s[n] >= '0' && s[n] <= '9') {
    if (n == max) return -1;
    *v = *v * 10 + (s[n] - '0');
    n++;
  }
  return n >= min ? n : -1;
}

const char *c_date_vn(ctx *c, int day) {
  char s[11];
  date_format_vn(day, s);
  return c_strdup(c, s);
}

int parse_date_vn(const char *s, int *day) {
  if (!s) return -1;
  if (strlen(s) == 10 && s[4] == '-') return date_parse(s, day);
  int d, m, y, k;
  if ((k = digits(s, 1, 2, &d)) < 0 || s[k] != '/') return -1;
  s += k + 1;
  if ((k = digits(s, 1, 2, &m)) < 0 || s[k] != '/') return -1;
  s += k + 1;
  if ((k = digits(s, 4, 4, &y)) < 0 || s[k]) return -1;
  if (!date_valid(y, m, d)) return -1;
  *day = date_from_ymd(y, m, d);
  return 0;
}
