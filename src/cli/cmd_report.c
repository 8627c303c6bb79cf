#include "cli/cli.h"
#include "export/report_out.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* danvan report DB --form bieu-N --period P --unit CODE [--format json|csv|html|xlsx] [--level L] [--out FILE]
 *   [--compare P2] (json, html: the same annex for P2 on P's tree)
 * (xlsx needs --out: a workbook is not for a terminal) */
int cmd_report(int argc, char **argv) {
  if (argc < 2 || argv[1][0] == '-')
    return cli_error("cách dùng: danvan report DB --form bieu-N --period P --unit CODE [--format json|csv]");
  const char *form_code = cli_opt(argc, argv, "--form"), *period_id = cli_opt(argc, argv, "--period");
  const char *unit = cli_opt(argc, argv, "--unit"), *format = cli_opt(argc, argv, "--format");
  const char *level = cli_opt(argc, argv, "--level"), *out = cli_opt(argc, argv, "--out");
  const char *compare = cli_opt(argc, argv, "--compare");
  if (!form_code || !period_id || !unit) return cli_error("thiếu --form, --period hoặc --unit");
  if (!format) format = "json";
  int drill = 0;
  if (level) {
    char *end;
    long l = strtol(level, &end, 10);
    if (!*level || *end || l < 1 || l > 99) return cli_error("cấp không hợp lệ: %s (--level là số từ 1)", level);
    drill = (int)l;
  }
  if (strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "html") && strcmp(format, "xlsx"))
    return cli_error("định dạng không hỗ trợ: %s (json, csv, html, xlsx)", format);
  if (!strcmp(format, "xlsx") && !out) return cli_error("--format xlsx cần --out TỆP");
  if (compare && strcmp(format, "json") && strcmp(format, "html"))
    return cli_error("--compare chỉ với --format json hoặc html");
  app *a = cli_open(argv[1]);
  if (!a) return 1;
  dv_err e;
  if (!strcmp(format, "xlsx")) {
    buf x;
    buf_init(&x, 0);
    int rc = app_report_xlsx(a, NULL, form_code, unit, period_id, drill, &x, &e);
    app_close(a);
    rc = rc ? cli_fail(&e) : cli_write_file(out, x.s, x.len);
    buf_release(&x);
    return rc;
  }
  rtable t;
  report_args ra = {form_code, unit, period_id, compare, drill};
  int rc = app_report_ex(a, NULL, &ra, &t, &e);
  if (rc) {
    app_close(a);
    return cli_fail(&e);
  }
  buf b;
  buf_init(&b, 0);
  if (!strcmp(format, "json")) report_write_json(&b, &t);
  else if (!strcmp(format, "csv")) report_write_csv(&b, &t);
  else report_write_html(&b, &t);
  rc = 0;
  if (out) rc = cli_write_file(out, b.s, b.len);
  else fwrite(b.s, 1, b.len, stdout);
  buf_release(&b);
  rtable_release(&t);
  app_close(a);
  return rc;
}
