#include "cli/cli.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int export_one(app *a, const reg_def *r, const record_filter *f, int xlsx, buf *out, dv_err *e) {
  return xlsx ? app_record_export_xlsx(a, NULL, r, f, out, e) : app_record_export(a, NULL, r, f, out, e);
}

/* without --unit: every root's records, one CSV (one header line); an XLSX
 * list is of one unit, so several roots need --unit */
static int export_roots(app *a, const reg_def *r, record_filter *f, int xlsx, buf *out, dv_err *e) {
  const tree *t = app_read_begin(a);
  int nroots = 0, rc = 0;
  char **codes = xcalloc((size_t)t->n + 1, sizeof(char *));
  for (int p = 0; p < t->n; p = t->u[p].end) codes[nroots++] = xstrdup(t->u[p].code);
  app_read_end(a);
  if (xlsx && nroots > 1) rc = dv_fail(e, DV_EINVAL, 0, "unit", "có %d đơn vị cấp cao nhất: chọn một bằng --unit", nroots);
  for (int i = 0; !rc && i < nroots; i++) {
    buf one;
    buf_init(&one, 0);
    f->unit_code = codes[i];
    rc = export_one(a, r, f, xlsx, &one, e);
    const char *body = i ? strchr(one.s, '\n') : NULL; /* the header line once */
    if (!rc) buf_adds(out, i ? (body ? body + 1 : "") : one.s);
    buf_release(&one);
  }
  if (!nroots && !rc) { /* no units: the header alone */
    f->unit_code = "";
    rc = export_one(a, r, f, xlsx, out, e);
  }
  for (int i = 0; i < nroots; i++) free(codes[i]);
  free(codes);
  return rc;
}

/* danvan export REGISTER DB [--unit CODE] [--period P] [--format csv|xlsx]
 * [--out FILE]: the register's CSV in its import format, or an XLSX list for
 * reading (xlsx needs --out). A sender's identity (letters) is written only
 * for the records of the unit itself, never for the units under it. */
int cmd_export(int argc, char **argv) {
  if (argc >= 2 && !strcmp(argv[1], "plan")) return cmd_export_plan(argc, argv);
  if (argc < 3 || argv[2][0] == '-')
    return cli_error("cách dùng: danvan export REGISTER DB [--unit CODE] [--period P] [--format csv|xlsx] [--out FILE]");
  const char *format = cli_opt(argc, argv, "--format"), *path = cli_opt(argc, argv, "--out");
  int xlsx = format && !strcmp(format, "xlsx");
  if (format && !xlsx && strcmp(format, "csv")) return cli_error("định dạng không hỗ trợ: %s (csv, xlsx)", format);
  if (xlsx && !path) return cli_error("--format xlsx cần --out TỆP");
  app *a = cli_open(argv[2]);
  if (!a) return 1;
  const reg_def *r = app_register(a, argv[1]);
  dv_err e;
  int rc = 0;
  if (!r) rc = dv_fail(&e, DV_EINVAL, 0, "", "không có sổ \"%s\"", argv[1]);
  buf out;
  buf_init(&out, 0);
  if (!rc) {
    const char *unit = cli_opt(argc, argv, "--unit");
    record_filter f = {unit, cli_opt(argc, argv, "--period"), NULL, NULL, NULL, 0, 0};
    rc = unit ? export_one(a, r, &f, xlsx, &out, &e) : export_roots(a, r, &f, xlsx, &out, &e);
  }
  int wrc = 0;
  if (!rc && path) wrc = cli_write_file(path, out.s, out.len);
  else if (!rc) fwrite(out.s, 1, out.len, stdout);
  buf_release(&out);
  app_close(a);
  return rc ? cli_fail(&e) : wrc;
}
