/* danvan units DB list [--on YYYY-MM-DD] [--unit CODE] [--format csv|json]
 * danvan units DB successors [--on YYYY-MM-DD] [--unit CODE] [--format csv|json]
 * danvan units DB successor OLD NEW --on YYYY-MM-DD */
#include "cli/cli.h"
#include "util/esc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void) {
  return cli_error("cách dùng: danvan units DB list [--on YYYY-MM-DD] [--unit MÃ] [--format csv|json]\n"
                   "          danvan units DB successors [--on YYYY-MM-DD] [--unit MÃ] [--format csv|json]\n"
                   "          danvan units DB successor MÃ_CŨ MÃ_MỚI --on YYYY-MM-DD");
}

static int list_successors(app *a, int day, const char *unit, const char *fmt) {
  const tree *t = app_read_begin(a);
  int root = -1;
  if (unit) {
    root = tree_find_code_on(t, unit, day - 1);
    if (root < 0) {
      app_read_end(a);
      return cli_error("không có đơn vị %s ngày trước ngày hiệu lực", unit);
    }
  }
  successor_row *rows;
  int n;
  app_successor_list(a, -1, &rows, &n);
  int json = !strcmp(fmt, "json");
  buf b;
  buf_init(&b, 0);
  buf_adds(&b, json ? "[" : "old_code,old_name,new_code,new_name,share,primary\n");
  int first = 1;
  for (int i = 0; i < n; i++) {
    const unit_node *o = &t->u[rows[i].old_pos], *nw = &t->u[rows[i].new_pos];
    if (o->valid_to + 1 != day) continue; /* units that ended the day before */
    if (root >= 0 && !tree_in_subtree(t, root, rows[i].old_pos)) continue;
    if (json) {
      buf_adds(&b, first ? "\n" : ",\n");
      buf_adds(&b, "{\"old_code\":");
      esc_json(&b, o->code);
      buf_adds(&b, ",\"old_name\":");
      esc_json(&b, o->name);
      buf_adds(&b, ",\"new_code\":");
      esc_json(&b, nw->code);
      buf_adds(&b, ",\"new_name\":");
      esc_json(&b, nw->name);
      buf_adds(&b, ",\"share\":");
      esc_json(&b, rows[i].share);
      buf_addf(&b, ",\"primary\":%s}", rows[i].primary ? "true" : "false");
    } else {
      esc_csv(&b, o->code), buf_adds(&b, ",");
      esc_csv(&b, o->name), buf_adds(&b, ",");
      esc_csv(&b, nw->code), buf_adds(&b, ",");
      esc_csv(&b, nw->name), buf_adds(&b, ",");
      esc_csv(&b, rows[i].share);
      buf_addf(&b, ",%d\n", rows[i].primary ? 1 : 0);
    }
    first = 0;
  }
  if (json) buf_adds(&b, "\n]\n");
  app_read_end(a);
  free(rows);
  fwrite(b.s, 1, b.len, stdout);
  buf_release(&b);
  return 0;
}

/* the units valid on day under unit (all roots without one), areas and
 * their bodies, in the import format of units.csv: a file that imports
 * back into an empty database */
static int list_units(app *a, int day, const char *unit, const char *fmt) {
  const tree *t = app_read_begin(a);
  int lo = 0, hi = t->n;
  if (unit) {
    lo = tree_find_code_on(t, unit, day);
    if (lo < 0) {
      app_read_end(a);
      return cli_error("không có đơn vị %s vào ngày đó", unit);
    }
    hi = t->u[lo].end;
  }
  int json = !strcmp(fmt, "json");
  buf b;
  buf_init(&b, 0);
  buf_adds(&b, json ? "[" : "code,name,type,level,parent_code,kind\n");
  for (int p = lo, first = 1; p < hi; p++) {
    const unit_node *u = &t->u[p];
    if (!unit_valid_on(u, day)) continue;
    const char *parent = u->parent >= 0 && p != lo ? t->u[u->parent].code : "";
    if (json) {
      buf_adds(&b, first ? "\n{\"code\":" : ",\n{\"code\":");
      esc_json(&b, u->code);
      buf_adds(&b, ",\"name\":"), esc_json(&b, u->name);
      buf_adds(&b, ",\"type\":"), esc_json(&b, u->type);
      buf_addf(&b, ",\"level\":%d,\"parent_code\":", u->level);
      esc_json(&b, parent);
      buf_addf(&b, ",\"kind\":\"%s\"}", unit_kind_code(u->kind));
    } else {
      esc_csv(&b, u->code), buf_addc(&b, ',');
      esc_csv(&b, u->name), buf_addc(&b, ',');
      esc_csv(&b, u->type);
      buf_addf(&b, ",%d,", u->level);
      esc_csv(&b, parent);
      buf_addf(&b, ",%s\n", unit_kind_code(u->kind));
    }
    first = 0;
  }
  if (json) buf_adds(&b, "\n]\n");
  app_read_end(a);
  fwrite(b.s, 1, b.len, stdout);
  buf_release(&b);
  return 0;
}

int cmd_units(int argc, char **argv) {
  if (argc < 3) return usage();
  const char *on = cli_opt(argc, argv, "--on");
  int day = 0;
  if (date_parse(on ? on : "2025-07-01", &day)) return cli_error("ngày không hợp lệ \"%s\" (YYYY-MM-DD)", on);
  if (!strcmp(argv[2], "list")) {
    const char *fmt = cli_opt(argc, argv, "--format");
    if (!fmt) fmt = "csv";
    if (strcmp(fmt, "csv") && strcmp(fmt, "json")) return cli_error("định dạng không hợp lệ \"%s\" (csv, json)", fmt);
    app *a = cli_open(argv[1]);
    if (!a) return 1;
    int rc = list_units(a, on ? day : app_today(a), cli_opt(argc, argv, "--unit"), fmt);
    app_close(a);
    return rc;
  }
  if (!strcmp(argv[2], "successors")) {
    const char *fmt = cli_opt(argc, argv, "--format");
    if (!fmt) fmt = "csv";
    if (strcmp(fmt, "csv") && strcmp(fmt, "json")) return cli_error("định dạng không hợp lệ \"%s\" (csv, json)", fmt);
    app *a = cli_open(argv[1]);
    if (!a) return 1;
    int rc = list_successors(a, day, cli_opt(argc, argv, "--unit"), fmt);
    app_close(a);
    return rc;
  }
  if (!strcmp(argv[2], "successor")) {
    if (argc < 5 || !on) return usage();
    app *a = cli_open(argv[1]);
    if (!a) return 1;
    dv_err e;
    int rc = app_successor_choose(a, NULL, argv[3], argv[4], day, &e);
    app_close(a);
    if (rc) return cli_fail(&e);
    printf("Đơn vị kế tiếp chính của %s từ %s: %s\n", argv[3], on, argv[4]);
    return 0;
  }
  return usage();
}
