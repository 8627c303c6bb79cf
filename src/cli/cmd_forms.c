#include "cli/cli.h"
#include "core/form.h"
#include <stdio.h>
#include <string.h>

static const char *scope_names[] = {"", "@self", "@below", "@self_below", "@subtree"};

static void print_ref(const catalog *c, const data_ref *r) {
  printf("%s %s%s%s", c->elements[r->element].code, c->combos[r->combo], r->sc ? " " : "", scope_names[r->sc]);
}

static void show(const catalog *c, const form *f) {
  printf("%s — %s\n", f->code, f->title);
  for (int i = 0; i < f->ncols; i++) {
    const form_col *col = &f->cols[i];
    printf("%3d  ", i + 1);
    for (int d = 0; d < col->depth; d++) printf("%s%s", d ? " > " : "", col->path[d]);
    printf("\n     = ");
    if (col->kind == BIND_DATA) print_ref(c, &col->a);
    else if (col->kind == BIND_PAIR) print_ref(c, &col->a), printf(" / "), print_ref(c, &col->b);
    else if (col->kind == BIND_LIST) printf("list %s", col->field);
    else {
      printf("sum");
      for (int k = 0; k < col->nsum; k++) printf(" %d", col->sum[k] + 1);
    }
    printf("\n");
  }
}

/* danvan forms list | danvan forms show FORM */
int cmd_forms(int argc, char **argv) {
  catalog c = {0};
  dv_err e;
  if (app_forms_load(&c, &e)) return cli_fail(&e);
  int rc = 0;
  if (argc >= 2 && !strcmp(argv[1], "list")) {
    for (int i = 0; i < c.nforms; i++) printf("%s\t%s\n", c.forms[i].code, c.forms[i].title);
  } else if (argc >= 3 && !strcmp(argv[1], "show")) {
    const form *f = catalog_form(&c, argv[2]);
    if (f) show(&c, f);
    else rc = cli_error("không có biểu %s", argv[2]);
  } else {
    rc = cli_error("cách dùng: danvan forms list | danvan forms show FORM");
  }
  catalog_release(&c);
  return rc;
}
