#include "app/app_documents.h"
#include "app/app_doc_check.h"
#include "cli/cli.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE                                                                                                \
  "cách dùng: danvan document DB --report --unit U --period P --format docx|pdf --out FILE\n"               \
  "           danvan document DB --plan SỐ --format docx|pdf --out FILE\n"                                   \
  "           danvan document DB --report --unit U --period P --show | --load FILE.json [--user LOGIN]\n"   \
  "           danvan document DB --report --unit U --period P --issue --user LOGIN"

static int has_flag(int argc, char **argv, const char *name) {
  for (int i = 2; i < argc; i++)
    if (!strcmp(argv[i], name)) return 1;
  return 0;
}

static int write_out(const char *path, const buf *b) {
  FILE *f = !strcmp(path, "-") ? stdout : fopen(path, "wb");
  if (!f) return cli_error("không ghi được %s", path);
  size_t n = fwrite(b->s, 1, b->len, f);
  int bad = (f != stdout ? fclose(f) : fflush(f)) != 0 || n != b->len;
  return bad ? cli_error("không ghi được %s", path) : 0;
}

/* --show prints the stored fields; --load sets them from a JSON file */
static int doc_fields(app *a, const user *u, const char *unit, const char *period_id, const char *load) {
  dv_err e;
  if (load) {
    buf in;
    buf_init(&in, 0);
    if (cli_read_file(load, 4u << 20, &in)) return cli_error("không đọc được %s", load);
    int rc = app_report_doc_load(a, u, unit, period_id, in.s, &e);
    buf_release(&in);
    if (rc && e.field[0]) return cli_error("%s: trường \"%s\": %s", load, e.field, e.msg);
    if (rc) return cli_error("%s: %s", load, e.msg);
    printf("đã lưu văn bản của %s kỳ %s\n", unit, period_id);
    return 0;
  }
  report_doc d;
  if (app_report_doc_get(a, u, unit, period_id, &d, &e)) return cli_fail(&e);
  char *json = report_doc_to_json(&d); /* and, not stored, the next number of the kind, when issued */
  printf("%.*s,\"next_number\":%d,\"issued_at\":\"%s\"}\n", (int)strlen(json) - 1, json, d.next_number, d.issued_at);
  free(json);
  report_doc_release(&d);
  return 0;
}

/* the report's sentences whose linked figure the annex no longer gives, on
 * stderr: a warning, the file is written all the same */
static void warn_stale(app *a, const user *u, const char *unit, const char *period_id) {
  report_doc d;
  dv_err e;
  if (app_report_doc_get(a, u, unit, period_id, &d, &e)) return;
  doc_stale *st;
  int n;
  app_report_doc_stale(a, u, &d, &st, &n);
  for (int i = 0; i < n; i++) {
    buf b;
    buf_init(&b, 0);
    doc_stale_describe(&st[i], &b);
    fprintf(stderr, "cảnh báo: %s\n", b.s);
    buf_release(&b);
  }
  doc_stale_release(st, n);
  report_doc_release(&d);
}

/* danvan document DB (--report --unit U --period P | --plan SYMBOL) --format docx|pdf --out FILE */
int cmd_document(int argc, char **argv) {
  if (argc < 3 || argv[1][0] == '-') return cli_error(USAGE);
  const char *unit = cli_opt(argc, argv, "--unit"), *period_id = cli_opt(argc, argv, "--period");
  const char *plan = cli_opt(argc, argv, "--plan"), *format = cli_opt(argc, argv, "--format");
  const char *out = cli_opt(argc, argv, "--out"), *load = cli_opt(argc, argv, "--load");
  int report = has_flag(argc, argv, "--report"), show = has_flag(argc, argv, "--show");
  int issue = has_flag(argc, argv, "--issue");
  if (report == !!plan) return cli_error("chọn một: --report hoặc --plan SỐ\n%s", USAGE);
  if (report && (!unit || !period_id)) return cli_error("--report cần --unit và --period");
  if (issue && (!report || !cli_opt(argc, argv, "--user"))) return cli_error("--issue cần --report và --user LOGIN");
  if (!show && !load && !issue && (!format || !out)) return cli_error("thiếu --format hoặc --out\n%s", USAGE);
  app *a = cli_open(argv[1]);
  if (!a) return 1;
  user u, *actor = NULL;
  const char *login = cli_opt(argc, argv, "--user");
  dv_err e;
  int rc = 0;
  if (login && app_user_find(a, login, &u, &e)) rc = cli_fail(&e);
  else if (login) actor = &u;
  if (!rc && issue) {
    rc = app_report_doc_issue(a, actor, unit, period_id, &e) ? cli_fail(&e) : 0;
    if (!rc) printf("đã ban hành báo cáo của %s kỳ %s: số liệu các biểu được giữ nguyên như lúc ban hành\n", unit, period_id);
  } else if (!rc && (show || load)) rc = report ? doc_fields(a, actor, unit, period_id, load) : cli_error("--show/--load chỉ dùng với --report");
  else if (!rc) {
    buf b;
    buf_init(&b, 0);
    rc = app_document_file(a, actor, report ? "report" : "plan", report ? unit : plan, period_id, format, &b, NULL, &e);
    rc = rc ? cli_fail(&e) : write_out(out, &b);
    if (!rc && report) warn_stale(a, actor, unit, period_id);
    buf_release(&b);
  }
  app_close(a);
  return rc;
}
