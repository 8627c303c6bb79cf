#include "cli/cli.h"
#include <stdio.h>
#include <string.h>

#define IMPORT_MAX (512u << 20)

static int usage(void) {
  return cli_error("cách dùng: danvan import units|values|REGISTER DB FILE | danvan import xlsx DB FILE [--user LOGIN]\n"
                   "  danvan import units DB FILE --valid-from YYYY-MM-DD   (một kỳ mới của cây đơn vị từ ngày đó)\n"
                   "  danvan import unit-mapping DB FILE --on YYYY-MM-DD    (old_code,new_code,share)\n"
                   "  REGISTER: dialogues, documents, conferences, inspections, letters, receptions, supervisions, criticisms");
}

/* --valid-from / --on: a date that exists, or -1 with the error printed */
static int date_opt(int argc, char **argv, const char *name, int required) {
  const char *v = cli_opt(argc, argv, name);
  int day;
  if (!v) return required ? (cli_error("thiếu %s YYYY-MM-DD", name), -1) : 0;
  if (date_parse(v, &day)) return cli_error("%s: ngày không hợp lệ \"%s\" (YYYY-MM-DD)", name, v), -1;
  return day;
}

/* the file read and the database opened; NULL (the error printed) otherwise */
static app *open_with(const char *db, const char *file, buf *data) {
  buf_init(data, 0);
  app *a = NULL;
  if (cli_read_file(file, IMPORT_MAX, data) || !(a = cli_open(db))) buf_release(data);
  return a;
}

/* danvan import units DB FILE [--valid-from D] | unit-mapping DB FILE --on D */
static int import_units(int argc, char **argv) {
  int mapping = !strcmp(argv[1], "unit-mapping");
  int day = date_opt(argc, argv, mapping ? "--on" : "--valid-from", mapping);
  if (day < 0) return 1;
  if (argc != (day || mapping ? 6 : 4)) return usage();
  buf data;
  app *a = open_with(argv[2], argv[3], &data);
  if (!a) return 1;
  dv_err e;
  int n = 0;
  int rc = mapping ? app_import_unit_mapping(a, argv[3], data.s, data.len, day, &n, &e)
                   : app_import_units_from(a, argv[3], data.s, data.len, day, &e);
  app_close(a);
  buf_release(&data);
  if (rc) return cli_fail(&e);
  if (mapping) printf("Đã nhập %d dòng chuyển đổi đơn vị từ %s\n", n, argv[3]);
  else printf("Đã nhập đơn vị từ %s\n", argv[3]);
  return 0;
}

/* danvan import units|values|REGISTER DB FILE */
int cmd_import(int argc, char **argv) {
  if (argc >= 2 && !strcmp(argv[1], "plan")) return cmd_import_plan(argc, argv);
  if (argc >= 2 && !strcmp(argv[1], "xlsx")) return cmd_import_xlsx(argc, argv);
  if (argc >= 4 && (!strcmp(argv[1], "units") || !strcmp(argv[1], "unit-mapping"))) return import_units(argc, argv);
  if (argc != 4) return usage();
  const char *what = argv[1];
  buf data;
  app *a = open_with(argv[2], argv[3], &data);
  if (!a) return 1;
  dv_err e;
  int n = 0, rc;
  const reg_def *r = app_register(a, what);
  if (!strcmp(what, "values")) rc = app_import_values(a, NULL, argv[3], data.s, data.len, &n, &e);
  else if (r) rc = app_record_import(a, NULL, r, argv[3], data.s, data.len, &n, &e);
  else rc = dv_fail(&e, DV_EINVAL, 0, "", "không nhập được \"%s\": không có sổ này", what);
  app_close(a);
  buf_release(&data);
  if (rc) return cli_fail(&e);
  printf("Đã nhập %d dòng từ %s\n", n, argv[3]);
  return 0;
}
