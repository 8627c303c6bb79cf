#include "cli/cli.h"
#include <stdio.h>

/* danvan config DB KEY VALUE */
int cmd_config(int argc, char **argv) {
  if (argc != 4) return cli_error("cách dùng: danvan config DB period.cutoff_day N");
  app *a = cli_open(argv[1]);
  if (!a) return 1;
  dv_err e;
  int rc = app_setting_set(a, argv[2], argv[3], &e);
  app_close(a);
  if (rc) return cli_fail(&e);
  printf("%s = %s\n", argv[2], argv[3]);
  return 0;
}
