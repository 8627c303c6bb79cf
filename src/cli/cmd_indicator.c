#include "cli/cli.h"
#include "util/esc.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void number(buf *b, double v) {
  if (isnan(v)) buf_adds(b, "null");
  else if (v == floor(v)) buf_addf(b, "%.0f", v);
  else buf_addf(b, "%.2f", v);
}

static void value_json(buf *b, const indicator_value *v, int with_unit) {
  if (with_unit) {
    buf_adds(b, "\"unit\":");
    esc_json(b, v->unit);
    buf_adds(b, ",\"unit_name\":");
    esc_json(b, v->unit_name);
    buf_addc(b, ',');
  }
  buf_adds(b, "\"numerator\":");
  number(b, v->numerator);
  buf_adds(b, ",\"denominator\":");
  number(b, v->denominator);
  buf_adds(b, ",\"value\":");
  number(b, v->value);
}

/* --base N: a whole number from 1 */
static int parse_base(const char *s, int *out) {
  char *end;
  errno = 0;
  long v = s && *s ? strtol(s, &end, 10) : 0;
  if (!s || !*s || *end || errno || v < 1 || v > 100000000) return -1;
  *out = (int)v;
  return 0;
}

/* danvan indicator DB --name NAME --period P --unit CODE [--area A --min N --level L] [--unit-type T[,T…]]
 *   [--base N] [--format json] */
int cmd_indicator(int argc, char **argv) {
  if (argc < 2 || argv[1][0] == '-')
    return cli_error("cách dùng: danvan indicator DB --name NAME --period P --unit CODE [--area A --min N --level L] "
                     "[--unit-type T[,T…]] [--base N]");
  const char *name = cli_opt(argc, argv, "--name"), *per = cli_opt(argc, argv, "--period");
  const char *unit = cli_opt(argc, argv, "--unit"), *fmt = cli_opt(argc, argv, "--format");
  if (!name || !per || !unit) return cli_error("thiếu --name, --period hoặc --unit");
  if (fmt && strcmp(fmt, "json")) return cli_error("định dạng không hỗ trợ: %s (json)", fmt);
  const char *mn = cli_opt(argc, argv, "--min"), *lv = cli_opt(argc, argv, "--level");
  const char *ut = cli_opt(argc, argv, "--unit-type"), *bs = cli_opt(argc, argv, "--base");
  indicator_params ip = {cli_opt(argc, argv, "--area"), mn ? atoi(mn) : 1, lv ? atoi(lv) : 0, ut, 0};
  if (ut && !*ut) return cli_error("--unit-type trống (loại đơn vị, vd. Xã hoặc \"Phường,Thị trấn\")");
  if (bs && parse_base(bs, &ip.base)) return cli_error("--base phải là số nguyên dương (số cơ sở của kế hoạch): %s", bs);
  app *a = cli_open(argv[1]);
  if (!a) return 1;
  indicator_result r;
  dv_err e;
  int rc = app_indicator(a, NULL, name, &ip, per, unit, &r, &e);
  app_close(a);
  if (rc) return cli_fail(&e);
  buf b;
  buf_init(&b, 0);
  buf_adds(&b, "{\"indicator\":");
  esc_json(&b, r.name);
  buf_adds(&b, ",\"unit\":");
  esc_json(&b, r.total.unit);
  buf_adds(&b, ",\"period\":");
  esc_json(&b, r.period);
  buf_addc(&b, ',');
  value_json(&b, &r.total, 0);
  buf_adds(&b, ",\"children\":[");
  for (int i = 0; i < r.nchildren; i++) {
    buf_adds(&b, i ? ",{" : "{");
    value_json(&b, &r.children[i], 1);
    buf_addc(&b, '}');
  }
  buf_adds(&b, "]}\n");
  fwrite(b.s, 1, b.len, stdout);
  buf_release(&b);
  indicator_result_release(&r);
  return 0;
}
