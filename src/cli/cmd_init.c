#include "cli/cli.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* danvan init DB [--demo] */
int cmd_init(int argc, char **argv) {
  if (argc < 2 || argv[1][0] == '-') return cli_error("cách dùng: danvan init DB [--demo]");
  int demo = argc > 2 && strcmp(argv[2], "--demo") == 0;
  if (argc > 2 && !demo) return cli_error("tùy chọn không rõ: %s", argv[2]);
  dv_err e;
  if (app_create(argv[1], &e)) return cli_fail(&e);
  if (!demo) {
    printf("Đã tạo %s\n", argv[1]);
    return 0;
  }
  app *a = cli_open(argv[1]);
  if (!a) return 1;
  int rc = app_load_demo(a, &e);
  app_close(a);
  if (rc) {
    unlink(argv[1]);
    return cli_fail(&e);
  }
  printf("Đã tạo %s với dữ liệu mẫu Hải Phòng, 6 tháng đầu năm 2023.\n"
         "Tài khoản: admin / admin-dv-123 (quản trị, Thành phố Hải Phòng); xem README.\n", argv[1]);
  return 0;
}
