#include "cli/cli.h"
#include <stdio.h>
#include <string.h>

#define IMPORT_MAX (512u << 20)

/* danvan import units|dialogues|values|documents DB FILE */
int cmd_import(int argc, char **argv) {
  if (argc != 4) return cli_error("cách dùng: danvan import units|dialogues|values|documents DB FILE");
  const char *what = argv[1];
  if (strcmp(what, "units") && strcmp(what, "dialogues") && strcmp(what, "values") && strcmp(what, "documents"))
    return cli_error("không nhập được \"%s\": chỉ units, dialogues, values, documents", what);
  buf data;
  buf_init(&data, 0);
  if (cli_read_file(argv[3], IMPORT_MAX, &data)) {
    buf_release(&data);
    return 1;
  }
  app *a = cli_open(argv[2]);
  if (!a) {
    buf_release(&data);
    return 1;
  }
  dv_err e;
  int n = 0, rc;
  if (!strcmp(what, "units")) rc = app_import_units(a, argv[3], data.s, data.len, &e);
  else if (!strcmp(what, "dialogues")) rc = app_import_dialogues(a, NULL, argv[3], data.s, data.len, &n, &e);
  else if (!strcmp(what, "values")) rc = app_import_values(a, NULL, argv[3], data.s, data.len, &n, &e);
  else rc = app_import_documents(a, NULL, argv[3], data.s, data.len, &n, &e);
  app_close(a);
  buf_release(&data);
  if (rc) return cli_fail(&e);
  if (strcmp(what, "units")) printf("Đã nhập %d dòng từ %s\n", n, argv[3]);
  else printf("Đã nhập đơn vị từ %s\n", argv[3]);
  return 0;
}
