#include "cli/cli.h"
#include <stdio.h>
#include <string.h>

#define IMPORT_MAX (512u << 20)

static int usage(void) {
  return cli_error("cách dùng: danvan import units|values|REGISTER DB FILE | danvan import xlsx DB FILE [--user LOGIN]\n"
                   "  REGISTER: dialogues, documents, conferences, inspections, letters, receptions, supervisions, criticisms");
}

/* danvan import units|values|REGISTER DB FILE */
int cmd_import(int argc, char **argv) {
  if (argc >= 2 && !strcmp(argv[1], "plan")) return cmd_import_plan(argc, argv);
  if (argc >= 2 && !strcmp(argv[1], "xlsx")) return cmd_import_xlsx(argc, argv);
  if (argc != 4) return usage();
  const char *what = argv[1];
  buf data;
  buf_init(&data, 0);
  app *a = NULL;
  if (cli_read_file(argv[3], IMPORT_MAX, &data) || !(a = cli_open(argv[2]))) {
    buf_release(&data);
    return 1;
  }
  dv_err e;
  int n = 0, rc;
  const reg_def *r = app_register(a, what);
  if (!strcmp(what, "units")) rc = app_import_units(a, argv[3], data.s, data.len, &e);
  else if (!strcmp(what, "values")) rc = app_import_values(a, NULL, argv[3], data.s, data.len, &n, &e);
  else if (r) rc = app_record_import(a, NULL, r, argv[3], data.s, data.len, &n, &e);
  else rc = dv_fail(&e, DV_EINVAL, 0, "", "không nhập được \"%s\": không có sổ này", what);
  app_close(a);
  buf_release(&data);
  if (rc) return cli_fail(&e);
  if (strcmp(what, "units")) printf("Đã nhập %d dòng từ %s\n", n, argv[3]);
  else printf("Đã nhập đơn vị từ %s\n", argv[3]);
  return 0;
}
