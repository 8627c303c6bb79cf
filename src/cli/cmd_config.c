#include "cli/cli.h"
#include <stdio.h>
#include <string.h>

/* danvan config DB KEY VALUE */
int cmd_config(int argc, char **argv) {
  if (argc != 4) return cli_error("cách dùng: danvan config DB KEY VALUE (period.cutoff_day, deadline.*, clock.today)");
  app *a = cli_open(argv[1]);
  if (!a) return 1;
  dv_err e;
  int rc = app_setting_set(a, argv[2], argv[3], &e);
  app_close(a);
  if (rc) return cli_fail(&e);
  printf("%s = %s\n", argv[2], argv[3]);
  return 0;
}

/* danvan holidays DB set YYYY-MM-DD NAME | remove YYYY-MM-DD */
int cmd_holidays(int argc, char **argv) {
  int set = argc == 5 && !strcmp(argv[2], "set"), rm = argc == 4 && !strcmp(argv[2], "remove");
  if (!set && !rm) return cli_error("cách dùng: danvan holidays DB set YYYY-MM-DD TÊN | remove YYYY-MM-DD");
  app *a = cli_open(argv[1]);
  if (!a) return 1;
  dv_err e;
  int rc = app_holiday_set(a, NULL, argv[3], set ? argv[4] : NULL, &e);
  app_close(a);
  return rc ? cli_fail(&e) : 0;
}
