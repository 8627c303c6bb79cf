#include "cli/cli.h"
#include <stdio.h>
#include <string.h>

static const char *type_names[] = {"date", "unit", "enum", "set", "text", "longtext", "int", "yesno", "period",
                                   "symbol", "login", "year", "unitref"};
static const char *rule_names[] = {"count", "sum", "text"};

static void show(const catalog *c, const reg_def *r) {
  printf("%s — %s\nCSV: ", r->code, r->title);
  for (int i = 0, first = 1; i < r->nfields; i++)
    if (!r->fields[i].noimport) printf("%s%s", first ? "" : ",", r->fields[i].name), first = 0;
  printf("\n");
  for (int i = 0; i < r->nfields; i++) {
    const reg_field *f = &r->fields[i];
    printf("  %-20s %-8s %-9s%s%s %s\n", f->name, type_names[f->type], f->required ? "required" : "optional",
           f->private_ ? " private" : "", f->column ? " column" : "", f->label);
    for (int k = 0; k < f->nopt; k++) printf("  %22s %s = %s\n", "", f->opts[k].code, f->opts[k].label);
  }
  for (int i = 0; i < r->nrules; i++) {
    const reg_rule *u = &r->rules[i];
    printf("  %s %s", rule_names[u->kind], c->elements[u->element].code);
    if (u->kind != RULE_COUNT) printf(" %s", r->fields[u->value_field].name);
    if (u->kind != RULE_TEXT) printf(" %s", u->combo);
    if (u->date_field >= 0) printf(" on %s", r->fields[u->date_field].name);
    if (u->when_field >= 0) printf(" when %s=%s", r->fields[u->when_field].name, u->when_value);
    printf("\n");
  }
  for (int i = 0; i < r->nchecks; i++)
    printf("  check %s %s %s\n", r->fields[r->checks[i].left].name, r->checks[i].op == CHECK_LE ? "<=" : ">=",
           r->fields[r->checks[i].right].name);
  if (r->attachments) printf("  attachments\n");
  if (r->stage_field >= 0) printf("  stage %s\n", r->fields[r->stage_field].name);
  for (int i = 0; i < r->ntrans; i++)
    printf("  transition %s %s %s\n", r->trans[i].from, r->trans[i].to, r->trans[i].by == ACTOR_OWN ? "own" : "above");
  if (r->ref_register)
    printf("  ref %s %s %s%s%s\n", r->ref_register, r->fields[r->ref_date].name, r->fields[r->ref_unit].name,
           r->ref_replaces ? " replaces " : "", r->ref_replaces ? r->ref_replaces : "");
  if (r->due_field >= 0)
    printf("  overdue %s while %s=%s\n", r->fields[r->due_field].name, r->fields[r->open_field].name, r->open_value);
  if (r->todo_field >= 0) printf("  todo %s %s\n", r->fields[r->todo_field].name, r->todo_title);
  for (int i = 0; i < r->nreqs; i++)
    printf("  require %s when %s=%s\n", r->fields[r->reqs[i].field].name, r->fields[r->reqs[i].when_field].name,
           r->reqs[i].when_value);
}

/* danvan registers DB list | show REGISTER */
int cmd_registers(int argc, char **argv) {
  if (argc < 3) return cli_error("cách dùng: danvan registers DB list | danvan registers DB show REGISTER");
  app *a = cli_open(argv[1]);
  if (!a) return 1;
  int rc = 0;
  if (!strcmp(argv[2], "list")) {
    for (int i = 0; i < app_register_count(a); i++) printf("%s\t%s\n", app_register_at(a, i)->code, app_register_at(a, i)->title);
  } else if (!strcmp(argv[2], "show") && argc > 3 && app_register(a, argv[3])) {
    show(app_catalog(a), app_register(a, argv[3]));
  } else {
    rc = cli_error("không có sổ %s", argc > 3 ? argv[3] : "");
  }
  app_close(a);
  return rc;
}
