#include "cli/cli.h"
#include "export/xlsx_in.h"
#include <stdio.h>
#include <string.h>

/* danvan import xlsx DB FILE [--user LOGIN]: the values of an annex
 * workbook (danvan report --format xlsx) filled in offline. Without --user
 * the command line acts unrestricted; with it, as that user (their units,
 * their role). */
int cmd_import_xlsx(int argc, char **argv) {
  const char *pos[3] = {NULL, NULL, NULL};
  int np = 0;
  for (int i = 2; i < argc; i++) {
    if (!strcmp(argv[i], "--user") && i + 1 < argc) {
      i++;
      continue;
    }
    if (argv[i][0] == '-' && argv[i][1] == '-') return cli_error("tùy chọn không xác định: %s", argv[i]);
    if (np < 3) pos[np] = argv[i];
    np++;
  }
  if (np != 2) return cli_error("cách dùng: danvan import xlsx DB FILE [--user LOGIN]");
  const char *login = cli_opt(argc, argv, "--user");
  buf data;
  buf_init(&data, 0);
  app *a = NULL;
  if (cli_read_file(pos[1], XLSX_IN_MAX, &data) || !(a = cli_open(pos[0]))) {
    buf_release(&data);
    return 1;
  }
  dv_err e;
  user u;
  int n = 0, rc = login ? app_user_find(a, login, &u, &e) : 0;
  if (!rc) rc = app_import_xlsx(a, login ? &u : NULL, pos[1], data.s, data.len, &n, &e);
  app_close(a);
  buf_release(&data);
  if (rc) return cli_fail(&e);
  if (n) printf("Đã nhập %d ô thay đổi từ %s\n", n, pos[1]);
  else printf("Không có ô nào thay đổi trong %s\n", pos[1]);
  return 0;
}
