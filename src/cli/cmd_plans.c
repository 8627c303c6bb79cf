/* Plans on the command line: import plan, export plan, plans, target,
 * cascade, plan-item. The text format and the JSON shapes are in
 * docs/plans.md. */
#include "cli/cli.h"
#include "util/esc.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLAN_FILE_MAX (16u << 20)

static int has_flag(int argc, char **argv, const char *flag) {
  for (int i = 1; i < argc; i++)
    if (!strcmp(argv[i], flag)) return 1;
  return 0;
}

/* the n-th argument that is neither an option nor an option's value (options with a value: those in with_value) */
static const char *positional(int argc, char **argv, int n) {
  static const char *with_value[] = {"--user", "--plan", "--unit", "--format", "--item", "--status", "--note", "--evidence"};
  for (int i = 1; i < argc; i++) {
    int opt = 0;
    for (size_t k = 0; k < sizeof with_value / sizeof *with_value; k++)
      if (!strcmp(argv[i], with_value[k])) opt = 1;
    if (opt) {
      i++;
      continue;
    }
    if (argv[i][0] == '-' && argv[i][1] == '-') continue;
    if (n-- == 0) return argv[i];
  }
  return NULL;
}

/* --user LOGIN: act as that user (their scope and role); none = the command line, unrestricted */
static int as_user(app *a, int argc, char **argv, user *u, const user **up) {
  const char *login = cli_opt(argc, argv, "--user");
  *up = NULL;
  if (!login) return 0;
  dv_err e;
  if (app_user_find(a, login, u, &e)) return cli_fail(&e);
  *up = u;
  return 0;
}

/* opens the database and finds --user; NULL (the error printed) on failure */
static app *open_as(const char *db, int argc, char **argv, user *u, const user **up) {
  app *a = cli_open(db);
  if (a && as_user(a, argc, argv, u, up)) {
    app_close(a);
    return NULL;
  }
  return a;
}

static int json_only(int argc, char **argv) {
  const char *fmt = cli_opt(argc, argv, "--format");
  return fmt && strcmp(fmt, "json") ? cli_error("định dạng không hỗ trợ: %s (json)", fmt) : 0;
}

static void number(buf *b, double v) {
  if (isnan(v)) buf_adds(b, "null");
  else buf_addf(b, "%.15g", round(v * 100) / 100);
}

static void str_or_null(buf *b, const char *s) {
  if (s && *s) esc_json(b, s);
  else buf_adds(b, "null");
}

static void emit(buf *b) {
  fwrite(b->s, 1, b->len, stdout);
  buf_release(b);
}

/* danvan import plan DB FILE [--replace] [--user LOGIN] */
int cmd_import_plan(int argc, char **argv) {
  const char *db = positional(argc, argv, 1), *file = positional(argc, argv, 2);
  if (!db || !file || positional(argc, argv, 3)) return cli_error("cách dùng: danvan import plan DB FILE [--replace]");
  buf data;
  buf_init(&data, 0);
  app *a = NULL;
  user u;
  const user *up = NULL;
  if (cli_read_file(file, PLAN_FILE_MAX, &data) || !(a = cli_open(db)) || as_user(a, argc, argv, &u, &up)) {
    buf_release(&data);
    app_close(a);
    return 1;
  }
  dv_err e;
  int rc = app_plan_import(a, up, file, data.s, data.len, has_flag(argc, argv, "--replace"), &e);
  app_close(a);
  buf_release(&data);
  if (rc) return cli_fail(&e);
  printf("Đã nhập kế hoạch từ %s\n", file);
  return 0;
}

/* danvan export plan DB --plan SYMBOL [--unit CODE] */
int cmd_export_plan(int argc, char **argv) {
  const char *db = positional(argc, argv, 1), *symbol = cli_opt(argc, argv, "--plan");
  if (!db || !symbol) return cli_error("cách dùng: danvan export plan DB --plan SỐ_KÝ_HIỆU [--unit MÃ]");
  user u;
  const user *up = NULL;
  app *a = open_as(db, argc, argv, &u, &up);
  if (!a) return 1;
  buf out;
  buf_init(&out, 0);
  dv_err e;
  int rc = app_plan_export(a, up, symbol, cli_opt(argc, argv, "--unit"), &out, &e);
  app_close(a);
  if (rc) {
    buf_release(&out);
    return cli_fail(&e);
  }
  emit(&out);
  return 0;
}

/* danvan plans DB [--format json] [--user LOGIN] */
int cmd_plans(int argc, char **argv) {
  const char *db = positional(argc, argv, 0);
  if (!db) return cli_error("cách dùng: danvan plans DB [--format json]");
  if (json_only(argc, argv)) return 1;
  int json = cli_opt(argc, argv, "--format") != NULL;
  user u;
  const user *up = NULL;
  app *a = open_as(db, argc, argv, &u, &up);
  if (!a) return 1;
  plan_info *rows;
  int n;
  dv_err e;
  int rc = app_plan_list(a, up, &rows, &n, &e);
  app_close(a);
  if (rc) return cli_fail(&e);
  buf b;
  buf_init(&b, 0);
  if (json) buf_addc(&b, '[');
  for (int i = 0; i < n; i++) {
    const plan_info *r = &rows[i];
    if (!json) {
      buf_addf(&b, "%s\t%s\t%d\t%s\t%s%s%s\t%d mục, %d xong, %d quá hạn\n", r->symbol, r->unit, r->year, r->date,
               r->title ? r->title : "", *r->basis ? " ← " : "", r->basis, r->items, r->done, r->overdue);
      continue;
    }
    buf_adds(&b, i ? ",{\"symbol\":" : "{\"symbol\":");
    esc_json(&b, r->symbol);
    buf_adds(&b, ",\"unit\":");
    esc_json(&b, r->unit);
    buf_adds(&b, ",\"unit_name\":");
    esc_json(&b, r->unit_name);
    buf_adds(&b, ",\"title\":");
    esc_json(&b, r->title ? r->title : "");
    buf_adds(&b, ",\"basis\":");
    str_or_null(&b, r->basis);
    buf_adds(&b, ",\"basis_unit\":");
    str_or_null(&b, r->basis_unit);
    buf_addf(&b, ",\"year\":%d,\"date\":\"%s\",\"items\":%d,\"done\":%d,\"overdue\":%d,\"targets\":%d}", r->year, r->date,
             r->items, r->done, r->overdue, r->targets);
  }
  if (json) buf_adds(&b, "]\n");
  emit(&b);
  plan_infos_free(rows, n);
  return 0;
}

static void target_json(buf *b, const target_result *r) {
  buf_adds(b, "{\"item\":");
  esc_json(b, r->item);
  buf_adds(b, ",\"indicator\":");
  esc_json(b, r->t.indicator);
  buf_addf(b, ",\"comparator\":\"%s\",\"threshold\":%.15g", plan_cmp_name(r->t.cmp), r->t.threshold);
  if (*r->t.area) buf_adds(b, ",\"area\":"), esc_json(b, r->t.area);
  if (r->t.min) buf_addf(b, ",\"min\":%d", r->t.min);
  if (r->t.level) buf_addf(b, ",\"level\":%d", r->t.level);
  if (*r->t.unit_types) buf_adds(b, ",\"unit_type\":"), esc_json(b, r->t.unit_types);
  if (r->t.base) buf_addf(b, ",\"base\":%d", r->t.base);
  buf_adds(b, ",\"unit\":");
  esc_json(b, r->unit);
  buf_adds(b, ",\"unit_name\":");
  esc_json(b, r->unit_name);
  buf_adds(b, ",\"period\":");
  esc_json(b, r->period);
  buf_adds(b, ",\"value\":");
  number(b, r->value);
  buf_adds(b, ",\"numerator\":");
  number(b, r->numerator);
  buf_adds(b, ",\"denominator\":");
  number(b, r->denominator);
  buf_addf(b, ",\"state\":\"%s\",\"error\":", target_state_name(r->state));
  str_or_null(b, r->error);
  buf_adds(b, ",\"below\":[");
  for (int k = 0; k < r->nbelow; k++) {
    buf_adds(b, k ? ",{\"unit\":" : "{\"unit\":");
    esc_json(b, r->below[k].unit);
    buf_adds(b, ",\"unit_name\":");
    esc_json(b, r->below[k].unit_name);
    buf_adds(b, ",\"value\":");
    number(b, r->below[k].value);
    buf_addc(b, '}');
  }
  buf_adds(b, "]}");
}

/* danvan target DB --plan SYMBOL [--unit CODE] [--format json] [--user LOGIN] */
int cmd_target(int argc, char **argv) {
  const char *db = positional(argc, argv, 0), *symbol = cli_opt(argc, argv, "--plan");
  if (!db || !symbol) return cli_error("cách dùng: danvan target DB --plan SỐ_KÝ_HIỆU [--unit MÃ] --format json");
  if (json_only(argc, argv)) return 1;
  user u;
  const user *up = NULL;
  app *a = open_as(db, argc, argv, &u, &up);
  if (!a) return 1;
  target_result *rows;
  int n;
  dv_err e;
  int rc = app_plan_targets(a, up, symbol, cli_opt(argc, argv, "--unit"), &rows, &n, &e);
  app_close(a);
  if (rc) return cli_fail(&e);
  buf b;
  buf_init(&b, 0);
  buf_addc(&b, '[');
  for (int i = 0; i < n; i++) {
    if (i) buf_addc(&b, ',');
    target_json(&b, &rows[i]);
  }
  buf_adds(&b, "]\n");
  emit(&b);
  target_results_free(rows, n);
  return 0;
}

static void link_json(buf *b, const plan_link *l) {
  buf_adds(b, "{\"item\":");
  esc_json(b, l->number);
  buf_adds(b, ",\"text\":");
  esc_json(b, l->text);
  buf_addf(b, ",\"status\":\"%s\",\"overdue\":%s,\"taken_up_by\":[", plan_status_name(l->status),
           l->overdue ? "true" : "false");
  for (int k = 0; k < l->ntakers; k++) {
    const plan_taker *t = &l->takers[k];
    buf_adds(b, k ? ",{\"plan\":" : "{\"plan\":");
    esc_json(b, t->plan);
    buf_adds(b, ",\"unit\":");
    esc_json(b, t->unit);
    buf_adds(b, ",\"unit_name\":");
    esc_json(b, t->unit_name);
    buf_adds(b, ",\"item\":");
    esc_json(b, t->number);
    buf_addf(b, ",\"status\":\"%s\",\"overdue\":%s,\"outdated\":%s}", plan_status_name(t->status),
             t->overdue ? "true" : "false", t->outdated ? "true" : "false");
  }
  buf_adds(b, "],\"source\":");
  if (!*l->source_plan) {
    buf_adds(b, "null}");
    return;
  }
  buf_adds(b, "{\"plan\":");
  esc_json(b, l->source_plan);
  buf_adds(b, ",\"unit\":");
  esc_json(b, l->source_unit);
  buf_adds(b, ",\"item\":");
  esc_json(b, l->source_number);
  buf_adds(b, ",\"text_then\":");
  esc_json(b, l->source_then ? l->source_then : "");
  buf_adds(b, ",\"text_now\":");
  if (l->source_now) esc_json(b, l->source_now);
  else buf_adds(b, "null");
  buf_addf(b, ",\"changed\":%s,\"removed\":%s,\"diff\":", l->source_changed ? "true" : "false",
           l->source_now ? "false" : "true");
  if (l->source_diff) esc_json(b, l->source_diff);
  else buf_adds(b, "null");
  buf_adds(b, "}}");
}

/* danvan cascade DB --plan SYMBOL [--unit CODE] [--format json] [--user LOGIN] */
int cmd_cascade(int argc, char **argv) {
  const char *db = positional(argc, argv, 0), *symbol = cli_opt(argc, argv, "--plan");
  if (!db || !symbol) return cli_error("cách dùng: danvan cascade DB --plan SỐ_KÝ_HIỆU [--unit MÃ] --format json");
  if (json_only(argc, argv)) return 1;
  user u;
  const user *up = NULL;
  app *a = open_as(db, argc, argv, &u, &up);
  if (!a) return 1;
  plan_cascade c;
  dv_err e;
  int rc = app_plan_cascade(a, up, symbol, cli_opt(argc, argv, "--unit"), &c, &e);
  app_close(a);
  if (rc) return cli_fail(&e);
  buf b;
  buf_init(&b, 0);
  buf_adds(&b, "{\"plan\":");
  esc_json(&b, c.info.symbol);
  buf_adds(&b, ",\"unit\":");
  esc_json(&b, c.info.unit);
  buf_adds(&b, ",\"basis\":");
  str_or_null(&b, c.info.basis);
  buf_adds(&b, ",\"items\":[");
  for (int i = 0; i < c.nitems; i++) {
    if (i) buf_addc(&b, ',');
    link_json(&b, &c.items[i]);
  }
  buf_adds(&b, "]}\n");
  emit(&b);
  plan_cascade_release(&c);
  return 0;
}

static int print_notes(app *a, const user *up, const char *symbol, const char *unit, const char *item) {
  plan_note *rows;
  int n;
  dv_err e;
  if (app_plan_notes(a, up, symbol, unit, item, &rows, &n, &e)) return cli_fail(&e);
  buf b;
  buf_init(&b, 0);
  buf_addc(&b, '[');
  for (int i = 0; i < n; i++) {
    buf_adds(&b, i ? ",{\"date\":" : "{\"date\":");
    esc_json(&b, rows[i].date);
    buf_adds(&b, ",\"login\":");
    esc_json(&b, rows[i].login);
    buf_adds(&b, ",\"status\":");
    esc_json(&b, rows[i].status);
    buf_adds(&b, ",\"note\":");
    esc_json(&b, rows[i].note ? rows[i].note : "");
    buf_adds(&b, ",\"evidence\":");
    str_or_null(&b, rows[i].evidence);
    buf_adds(&b, ",\"at\":");
    esc_json(&b, rows[i].at);
    buf_addc(&b, '}');
  }
  buf_adds(&b, "]\n");
  emit(&b);
  plan_notes_free(rows, n);
  return 0;
}

/* danvan plan-item DB --plan SYMBOL [--unit CODE] --item N [--status S] [--note T] [--evidence REF]
 *   [--ack-source] [--user LOGIN]; with no change: the item's progress notes as JSON */
int cmd_plan_item(int argc, char **argv) {
  const char *db = positional(argc, argv, 0), *symbol = cli_opt(argc, argv, "--plan");
  const char *item = cli_opt(argc, argv, "--item"), *unit = cli_opt(argc, argv, "--unit");
  const char *status = cli_opt(argc, argv, "--status"), *note = cli_opt(argc, argv, "--note");
  const char *evidence = cli_opt(argc, argv, "--evidence");
  int ack = has_flag(argc, argv, "--ack-source");
  if (!db || !symbol || !item)
    return cli_error("cách dùng: danvan plan-item DB --plan SỐ_KÝ_HIỆU --item SỐ_MỤC [--status not_started|in_progress|done]"
                     " [--note GHI_CHÚ] [--evidence SỔ:SỐ|URL] [--ack-source] [--user LOGIN]");
  user u;
  const user *up = NULL;
  app *a = open_as(db, argc, argv, &u, &up);
  if (!a) return 1;
  int rc;
  if (!status && !note && !evidence && !ack) {
    rc = print_notes(a, up, symbol, unit, item);
  } else {
    dv_err e;
    rc = app_plan_item_update(a, up, symbol, unit, item, status, note, evidence, ack, &e) ? cli_fail(&e) : 0;
    if (!rc) printf("%s %s: đã cập nhật\n", symbol, item);
  }
  app_close(a);
  return rc;
}
