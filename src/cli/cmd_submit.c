#include "cli/cli.h"
#include "export/completeness_out.h"
#include "util/esc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *names[] = {"submit", "approve", "return", "reopen"};

/* danvan submit|approve|return|reopen DB --form F --period P --unit U --user LOGIN [--comment C] [--ack] */
int cmd_submission(int argc, char **argv) {
  sub_action act = SUB_SUBMIT;
  for (int i = 0; i < 4; i++)
    if (!strcmp(argv[0], names[i])) act = (sub_action)i;
  if (argc < 2 || argv[1][0] == '-')
    return cli_error("cách dùng: danvan %s DB --form F --period P --unit U --user LOGIN [--comment C] [--ack]", argv[0]);
  const char *form_code = cli_opt(argc, argv, "--form"), *per = cli_opt(argc, argv, "--period");
  const char *unit = cli_opt(argc, argv, "--unit"), *login = cli_opt(argc, argv, "--user");
  int ack = 0;
  for (int i = 2; i < argc; i++) ack |= !strcmp(argv[i], "--ack");
  if (!form_code || !per || !unit || !login) return cli_error("thiếu --form, --period, --unit hoặc --user");
  app *a = cli_open(argv[1]);
  if (!a) return 1;
  user u;
  dv_err e;
  int warnings = 0;
  int rc = app_user_find(a, login, &u, &e);
  if (!rc) rc = app_submission_act(a, &u, act, form_code, per, unit, cli_opt(argc, argv, "--comment"), ack, &warnings, &e);
  submission s;
  if (!rc) rc = app_submission_get(a, &u, form_code, per, unit, &s, &e);
  app_close(a);
  if (rc) return cli_fail(&e);
  printf("%s %s %s: %s%s\n", form_code, per, unit, s.status,
         act == SUB_SUBMIT ? (s.on_time ? " (đúng hạn)" : " (quá hạn)") : "");
  return 0;
}

/* danvan completeness DB --form F --period P --unit U [--format json] */
int cmd_completeness(int argc, char **argv) {
  if (argc < 2 || argv[1][0] == '-') return cli_error("cách dùng: danvan completeness DB --form F --period P --unit U --format json");
  const char *form_code = cli_opt(argc, argv, "--form"), *per = cli_opt(argc, argv, "--period");
  const char *unit = cli_opt(argc, argv, "--unit"), *fmt = cli_opt(argc, argv, "--format");
  if (!form_code || !per || !unit) return cli_error("thiếu --form, --period hoặc --unit");
  if (fmt && strcmp(fmt, "json")) return cli_error("định dạng không hỗ trợ: %s (json)", fmt);
  app *a = cli_open(argv[1]);
  if (!a) return 1;
  int today = app_today(a);
  completeness_row *rows;
  int n;
  dv_err e;
  level_tally lv[TREE_MAX_LEVELS + 1];
  int rc = app_completeness(a, NULL, form_code, per, unit, &rows, &n, &e);
  if (!rc) rc = app_completeness_levels(a, NULL, form_code, per, unit, lv, &e);
  buf b;
  buf_init(&b, 0);
  if (!rc) {
    const tree *t = app_read_begin(a);
    completeness_write_json(&b, form_code, per, unit, rows, n, lv, t, today);
    app_read_end(a);
  }
  app_close(a);
  free(rows);
  if (rc) return cli_fail(&e);
  fwrite(b.s, 1, b.len, stdout);
  buf_release(&b);
  return 0;
}
