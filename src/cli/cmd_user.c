#include "cli/cli.h"
#include "util/mail.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int user_usage(void) {
  return cli_error("cách dùng: danvan user add DB --login L --unit CODE --role admin|approver|officer|viewer [--email E]\n"
                   "          danvan user passwd DB --login L   (mật khẩu mới từ đầu vào chuẩn)\n"
                   "          danvan user disable|enable DB --login L\n"
                   "          danvan user list DB\n"
                   "          danvan user email DB --login L --email E   (\"\" xóa địa chỉ)\n"
                   "          danvan user move DB --login L --unit CODE\n"
                   "          danvan user forms DB --login L --forms bieu-5,bieu-6   (\"\" mọi biểu)\n"
                   "          danvan user dissolved DB");
}

/* the password: one line of standard input, never echoed */
static int read_password(char *pw, size_t n) {
  if (!fgets(pw, (int)n, stdin)) return cli_error("không đọc được mật khẩu từ đầu vào chuẩn");
  pw[strcspn(pw, "\r\n")] = 0;
  return 0;
}

/* danvan user list DB: login, unit code, role, enabled|disabled (tab-separated) */
static int user_list(int argc, char **argv, const char *db) {
  (void)argc, (void)argv;
  app *a = cli_open(db);
  if (!a) return 1;
  user_row *rows;
  int n;
  dv_err e;
  int rc = app_user_list(a, NULL, &rows, &n, &e);
  for (int i = 0; !rc && i < n; i++)
    printf("%s\t%s\t%s\t%s\n", rows[i].login, rows[i].unit_code, role_name(rows[i].role),
           rows[i].disabled ? "disabled" : "enabled");
  if (!rc) free(rows);
  app_close(a);
  return rc ? cli_fail(&e) : 0;
}

/* danvan user dissolved DB: login, unit code, unit name, suggested code, suggested name (tab-separated) */
static int user_dissolved(int argc, char **argv, const char *db) {
  (void)argc, (void)argv;
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
static int user_email(int argc, char **argv, const char *db) {
  const char *login = cli_opt(argc, argv, "--login"), *email = cli_opt(argc, argv, "--email");
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
static int user_forms(int argc, char **argv, const char *db) {
  const char *login = cli_opt(argc, argv, "--login"), *forms = cli_opt(argc, argv, "--forms");
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

/* danvan user move DB --login L --unit CODE */
static int user_move(int argc, char **argv, const char *db) {
  const char *login = cli_opt(argc, argv, "--login"), *unit = cli_opt(argc, argv, "--unit");
  if (!login || !unit) return cli_error("thiếu --login hoặc --unit");
  app *a = cli_open(db);
  if (!a) return 1;
  dv_err e;
  int rc = app_user_move(a, NULL, login, unit, &e);
  app_close(a);
  if (rc) return cli_fail(&e);
  printf("Đã chuyển tài khoản %s sang đơn vị %s\n", login, unit);
  return 0;
}

/* danvan user disable|enable DB --login L: the user's sessions end on disable */
static int user_state(int argc, char **argv, const char *db) {
  const char *login = cli_opt(argc, argv, "--login");
  int disable = !strcmp(argv[1], "disable");
  if (!login) return cli_error("thiếu --login");
  app *a = cli_open(db);
  if (!a) return 1;
  dv_err e;
  int rc = app_user_set_disabled(a, NULL, login, disable, &e);
  app_close(a);
  if (rc) return cli_fail(&e);
  printf(disable ? "Đã khóa tài khoản %s\n" : "Đã mở khóa tài khoản %s\n", login);
  return 0;
}

/* danvan user passwd DB --login L; the new password from stdin; the user's sessions end */
static int user_passwd(int argc, char **argv, const char *db) {
  const char *login = cli_opt(argc, argv, "--login");
  if (!login) return cli_error("thiếu --login");
  char pw[600];
  if (read_password(pw, sizeof pw)) return 1;
  app *a = cli_open(db);
  if (!a) return 1;
  dv_err e;
  int rc = app_user_set_password(a, NULL, login, pw, &e);
  sodium_memzero(pw, sizeof pw);
  app_close(a);
  if (rc) return cli_fail(&e);
  printf("Đã đặt mật khẩu mới cho %s; các phiên làm việc của tài khoản đã kết thúc\n", login);
  return 0;
}

/* danvan user add DB --login L --unit CODE --role ROLE [--email E]; the password from stdin */
static int user_add(int argc, char **argv, const char *db) {
  const char *login = cli_opt(argc, argv, "--login"), *unit = cli_opt(argc, argv, "--unit");
  const char *rs = cli_opt(argc, argv, "--role"), *email = cli_opt(argc, argv, "--email");
  role r;
  if (!login || !unit || !rs) return cli_error("thiếu --login, --unit hoặc --role");
  if (role_parse(rs, &r)) return cli_error("vai trò không hợp lệ: %s (admin, approver, officer, viewer)", rs);
  if (email && *email && !mail_address_ok(email)) return cli_error("địa chỉ thư không hợp lệ: %s", email);
  char pw[600];
  if (read_password(pw, sizeof pw)) return 1;
  app *a = cli_open(db);
  if (!a) return 1;
  dv_err e;
  int rc = app_user_add(a, NULL, login, pw, unit, r, &e);
  sodium_memzero(pw, sizeof pw);
  if (!rc && email) rc = app_user_email_set(a, NULL, login, email, &e);
  app_close(a);
  if (rc) return cli_fail(&e);
  printf("Đã tạo tài khoản %s (%s) tại đơn vị %s\n", login, rs, unit);
  return 0;
}

static const struct {
  const char *name;
  int (*fn)(int argc, char **argv, const char *db);
} user_commands[] = {
    {"add", user_add},       {"passwd", user_passwd}, {"disable", user_state},     {"enable", user_state},
    {"list", user_list},     {"email", user_email},   {"move", user_move},         {"dissolved", user_dissolved},
    {"forms", user_forms},
};

/* danvan user ACTION DB [options] */
int cmd_user(int argc, char **argv) {
  if (argc < 3) return user_usage();
  for (size_t i = 0; i < sizeof user_commands / sizeof user_commands[0]; i++)
    if (!strcmp(argv[1], user_commands[i].name)) return user_commands[i].fn(argc, argv, argv[2]);
  return user_usage();
}
