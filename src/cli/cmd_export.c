#include "cli/cli.h"
#include <stdio.h>
#include <string.h>

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
    if (!unit) {
      const tree *t = app_read_begin(a);
      f.unit_code = t->n ? t->u[0].code : "";
      app_read_end(a);
    }
    rc = xlsx ? app_record_export_xlsx(a, NULL, r, &f, &out, &e) : app_record_export(a, NULL, r, &f, &out, &e);
  }
  int wrc = 0;
  if (!rc && path) wrc = cli_write_file(path, out.s, out.len);
  else if (!rc) fwrite(out.s, 1, out.len, stdout);
  buf_release(&out);
  app_close(a);
  return rc ? cli_fail(&e) : wrc;
}
