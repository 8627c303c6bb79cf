#include "cli/cli.h"
#include <stdio.h>
#include <string.h>

/* danvan config DB KEY VALUE */
int cmd_config(int argc, char **argv) {
  if (argc != 4) return cli_error("cách dùng: danvan config DB KEY VALUE (period.cutoff_day, deadline.*, clock.today, server.*)");
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

/* danvan bodies DB list | danvan bodies DB set BODY YYYY-MM-DD NAME ABBREV */
int cmd_bodies(int argc, char **argv) {
  int list = argc == 3 && !strcmp(argv[2], "list"), set = argc == 7 && !strcmp(argv[2], "set");
  if (!list && !set)
    return cli_error("cách dùng: danvan bodies DB list | danvan bodies DB set board YYYY-MM-DD TÊN VIẾT_TẮT\n"
                     "  (vd. set board 2025-07-01 \"Ban Tuyên giáo và Dân vận\" BTGDV)");
  int day = 0;
  if (set && date_parse(argv[4], &day)) return cli_error("ngày không hợp lệ \"%s\" (YYYY-MM-DD)", argv[4]);
  app *a = cli_open(argv[1]);
  if (!a) return 1;
  dv_err e;
  int rc = 0;
  if (set) rc = app_body_name_set(a, NULL, argv[3], day, argv[5], argv[6], &e);
  int n;
  const body_name *b = set ? NULL : app_body_names(a, &n);
  for (int i = 0; b && i < n; i++) { /* body, first day ("-": from the beginning), name, abbreviation */
    char d[11] = "-";
    if (b[i].from_day) date_format_iso(b[i].from_day, d);
    printf("%s\t%s\t%s\t%s\n", b[i].body, d, b[i].name, b[i].abbrev);
  }
  app_close(a);
  return rc ? cli_fail(&e) : 0;
}
