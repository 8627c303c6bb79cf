#include "cli/cli.h"
#include <stdio.h>
#include <string.h>

/* danvan user add DB --login L --unit CODE --role ROLE; the password from stdin */
int cmd_user(int argc, char **argv) {
  if (argc < 3 || strcmp(argv[1], "add"))
    return cli_error("cách dùng: danvan user add DB --login L --unit CODE --role admin|approver|officer|viewer");
  const char *login = cli_opt(argc, argv, "--login"), *unit = cli_opt(argc, argv, "--unit");
  const char *rs = cli_opt(argc, argv, "--role");
  role r;
  if (!login || !unit || !rs) return cli_error("thiếu --login, --unit hoặc --role");
  if (role_parse(rs, &r)) return cli_error("vai trò không hợp lệ: %s (admin, approver, officer, viewer)", rs);
  char pw[256];
  if (!fgets(pw, sizeof pw, stdin)) return cli_error("không đọc được mật khẩu từ đầu vào chuẩn");
  pw[strcspn(pw, "\r\n")] = 0;
  app *a = cli_open(argv[2]);
  if (!a) return 1;
  dv_err e;
  int rc = app_user_add(a, NULL, login, pw, unit, r, &e);
  app_close(a);
  if (rc) return cli_fail(&e);
  printf("Đã tạo tài khoản %s (%s) tại đơn vị %s\n", login, rs, unit);
  return 0;
}
