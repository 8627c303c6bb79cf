#include "cli/cli.h"
#include "util/mail.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int user_usage(void) {
  return cli_error("cách dùng: danvan user add DB --login L --unit CODE --role admin|approver|officer|viewer [--email E]\n"
                   "          danvan user email DB --login L --email E   (\"\" xóa địa chỉ)\n"
                   "          danvan user move DB --login L --unit CODE\n"
                   "          danvan user forms DB --login L --forms bieu-5,bieu-6   (\"\" mọi biểu)\n"
                   "          danvan user disable DB --login L\n"
                   "          danvan user dissolved DB");
}

/* danvan user dissolved DB: login, unit code, unit name, suggested code, suggested name (tab-separated) */
static int user_dissolved(const char *db) {
  app *a = cli_open(db);
  if (!a) return 1;
  dissolved_user *rows;
  int n;
  dv_err e;
  int rc = app_user_list_dissolved(a, NULL, &rows, &n, &e);
  for (int i = 0; !rc && i < n; i++)
    printf("%s\t%s\t%s\t%s\t%s\n", rows[i].login, rows[i].unit_code, rows[i].unit_name, rows[i].suggested_code,
           rows[i].suggested_name);
  if (!rc) free(rows);
  app_close(a);
  return rc ? cli_fail(&e) : 0;
}

/* danvan user email DB --login L --email E (the digest's address; "" clears it) */
static int user_email(const char *db, const char *login, const char *email) {
  if (!login || !email) return cli_error("thiếu --login hoặc --email");
  app *a = cli_open(db);
  if (!a) return 1;
  dv_err e;
  int rc = app_user_email_set(a, NULL, login, email, &e);
  app_close(a);
  if (rc) return cli_fail(&e);
  printf("Địa chỉ thư của %s: %s\n", login, *email ? email : "(không có)");
  return 0;
}

/* danvan user forms DB --login L --forms F1,F2 (the forms an approver decides; "" every form) */
static int user_forms(const char *db, const char *login, const char *forms) {
  if (!login || !forms) return cli_error("thiếu --login hoặc --forms");
  app *a = cli_open(db);
  if (!a) return 1;
  dv_err e;
  int rc = app_user_forms_set(a, NULL, login, forms, &e);
  app_close(a);
  if (rc) return cli_fail(&e);
  printf(*forms ? "%s phê duyệt các biểu: %s\n" : "%s phê duyệt mọi biểu%s\n", login, forms);
  return 0;
}

/* danvan user add DB --login L --unit CODE --role ROLE; the password from stdin */
int cmd_user(int argc, char **argv) {
  if (argc < 3) return user_usage();
  const char *login = cli_opt(argc, argv, "--login"), *unit = cli_opt(argc, argv, "--unit");
  if (!strcmp(argv[1], "dissolved")) return user_dissolved(argv[2]);
  if (!strcmp(argv[1], "email")) return user_email(argv[2], login, cli_opt(argc, argv, "--email"));
  if (!strcmp(argv[1], "forms")) return user_forms(argv[2], login, cli_opt(argc, argv, "--forms"));
  if (!strcmp(argv[1], "move") || !strcmp(argv[1], "disable")) {
    int move = !strcmp(argv[1], "move");
    if (!login || (move && !unit)) return move ? cli_error("thiếu --login hoặc --unit") : cli_error("thiếu --login");
    app *a = cli_open(argv[2]);
    if (!a) return 1;
    dv_err e;
    int rc = move ? app_user_move(a, NULL, login, unit, &e) : app_user_disable(a, NULL, login, &e);
    app_close(a);
    if (rc) return cli_fail(&e);
    if (move) printf("Đã chuyển tài khoản %s sang đơn vị %s\n", login, unit);
    else printf("Đã khóa tài khoản %s\n", login);
    return 0;
  }
  if (strcmp(argv[1], "add")) return user_usage();
  const char *rs = cli_opt(argc, argv, "--role");
  role r;
  if (!login || !unit || !rs) return cli_error("thiếu --login, --unit hoặc --role");
  if (role_parse(rs, &r)) return cli_error("vai trò không hợp lệ: %s (admin, approver, officer, viewer)", rs);
  const char *email = cli_opt(argc, argv, "--email");
  if (email && *email && !mail_address_ok(email)) return cli_error("địa chỉ thư không hợp lệ: %s", email);
  char pw[256];
  if (!fgets(pw, sizeof pw, stdin)) return cli_error("không đọc được mật khẩu từ đầu vào chuẩn");
  pw[strcspn(pw, "\r\n")] = 0;
  app *a = cli_open(argv[2]);
  if (!a) return 1;
  dv_err e;
  int rc = app_user_add(a, NULL, login, pw, unit, r, &e);
  if (!rc && email) rc = app_user_email_set(a, NULL, login, email, &e);
  app_close(a);
  if (rc) return cli_fail(&e);
  printf("Đã tạo tài khoản %s (%s) tại đơn vị %s\n", login, rs, unit);
  return 0;
}
