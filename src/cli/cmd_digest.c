#include "cli/cli.h"
#include <stdio.h>
#include <string.h>

/* danvan digest DB [--dry-run]: the digest of unread notifications, now */
int cmd_digest(int argc, char **argv) {
  int dry = argc == 3 && !strcmp(argv[2], "--dry-run");
  if (argc != 2 && !dry) return cli_error("cách dùng: danvan digest DB [--dry-run]");
  app *a = cli_open(argv[1]);
  if (!a) return 1;
  buf out;
  buf_init(&out, 0);
  dv_err e;
  int sent = 0, rc = app_digest(a, dry, &out, &sent, &e);
  app_close(a);
  if (out.len) fwrite(out.s, 1, out.len, stdout);
  buf_release(&out);
  if (rc) return cli_fail(&e);
  printf(dry ? "Thử: %d thư (không gửi)\n" : "Đã gửi %d thư\n", sent);
  return 0;
}
