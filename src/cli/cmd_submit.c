#include "cli/cli.h"
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
  char lvname[TREE_MAX_LEVELS + 1][96] = {{0}};
  const tree *t = app_read_begin(a);
  for (int l = 1; l <= TREE_MAX_LEVELS; l++)
    snprintf(lvname[l], sizeof lvname[l], "%s", t->levels[l].name ? t->levels[l].name : "");
  app_read_end(a);
  app_close(a);
  if (rc) {
    free(rows);
    return cli_fail(&e);
  }
  buf b;
  buf_init(&b, 0);
  buf_adds(&b, "{\"form\":");
  esc_json(&b, form_code);
  buf_adds(&b, ",\"period\":");
  esc_json(&b, per);
  buf_adds(&b, ",\"unit\":");
  esc_json(&b, unit);
  buf_adds(&b, ",\"children\":[");
  for (int i = 0; i < n; i++) {
    const submission *s = &rows[i].s;
    char due[11];
    date_format_iso(s->due_day, due);
    buf_adds(&b, i ? ",{\"unit\":" : "{\"unit\":");
    esc_json(&b, rows[i].unit);
    buf_adds(&b, ",\"unit_name\":");
    esc_json(&b, rows[i].unit_name);
    buf_adds(&b, ",\"status\":");
    esc_json(&b, s->status);
    buf_adds(&b, ",\"submitted_at\":");
    if (*s->submitted_at) esc_json(&b, s->submitted_at);
    else buf_adds(&b, "null");
    buf_adds(&b, ",\"on_time\":");
    buf_adds(&b, s->on_time < 0 ? "null" : s->on_time ? "true" : "false");
    buf_addf(&b, ",\"due\":\"%s\",\"state\":\"%s\"}", due, submission_state(s, today));
  }
  buf_adds(&b, "],\"levels\":[");
  for (int l = 1, k = 0; l <= TREE_MAX_LEVELS; l++) {
    if (!lv[l].units) continue;
    buf_addf(&b, "%s{\"level\":%d,\"name\":", k++ ? "," : "", l);
    esc_json(&b, lvname[l]);
    buf_addf(&b, ",\"units\":%d,\"on_time\":%d,\"late\":%d,\"missing\":%d,\"pending\":%d}", lv[l].units,
             lv[l].on_time, lv[l].late, lv[l].missing, lv[l].pending);
  }
  buf_adds(&b, "]}\n");
  fwrite(b.s, 1, b.len, stdout);
  buf_release(&b);
  free(rows);
  return 0;
}
