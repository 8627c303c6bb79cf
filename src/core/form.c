#include "core/form.h"
#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *vt_names[] = {"integer", "number", "percent", "text", "yesno", "count_note"};
static const char *agg_names[] = {"sum", "average", "max", "last", "none"};

const char *value_type_name(value_type t) { return vt_names[t]; }

static int lookup_name(const char *const *names, int n, const char *s) {
  for (int i = 0; i < n; i++)
    if (strcmp(names[i], s) == 0) return i;
  return -1;
}

int catalog_element(const catalog *c, const char *code) {
  for (int i = 0; i < c->nelements; i++)
    if (strcmp(c->elements[i].code, code) == 0) return i;
  return -1;
}

int catalog_combo(const catalog *c, const char *code) {
  for (int i = 0; i < c->ncombos; i++)
    if (strcmp(c->combos[i], code) == 0) return i;
  return -1;
}

static int intern_combo(catalog *c, const char *code);
int catalog_intern_combo(catalog *c, const char *code) { return intern_combo(c, code); }

static int intern_combo(catalog *c, const char *code) {
  int i = catalog_combo(c, code);
  if (i >= 0) return i;
  c->combos = xrealloc(c->combos, sizeof(char *) * (size_t)(c->ncombos + 1));
  c->combos[c->ncombos] = xstrdup(code);
  return c->ncombos++;
}

const form *catalog_form(const catalog *c, const char *code) {
  for (int i = 0; i < c->nforms; i++)
    if (strcmp(c->forms[i].code, code) == 0) return &c->forms[i];
  return NULL;
}

/* next line of text into a fresh string, comments and blank lines skipped */
static char *next_line(const char **p, int *lineno) {
  while (**p) {
    const char *e = strchr(*p, '\n');
    size_t n = e ? (size_t)(e - *p) : strlen(*p);
    char *line = xstrndup(*p, n);
    *p += n + (e ? 1 : 0);
    (*lineno)++;
    char *s = line;
    while (*s == ' ' || *s == '\t') s++;
    if (*s && *s != '#') return line;
    free(line);
  }
  return NULL;
}

int catalog_load_elements(catalog *c, const char *text, char *err, int errlen) {
  const char *p = text;
  int ln = 0;
  char *line;
  while ((line = next_line(&p, &ln))) {
    char code[64], type[32], agg[16];
    int off = 0;
    if (sscanf(line, "%63s %31s %15s %n", code, type, agg, &off) != 3 || !line[off]) {
      snprintf(err, (size_t)errlen, "elements.txt line %d: expected code type aggregation name", ln);
      free(line);
      return -1;
    }
    int t = lookup_name(vt_names, 6, type), a = lookup_name(agg_names, 5, agg);
    if (t < 0 || a < 0) {
      snprintf(err, (size_t)errlen, "elements.txt line %d: unknown type or aggregation", ln);
      free(line);
      return -1;
    }
    c->elements = xrealloc(c->elements, sizeof(data_element) * (size_t)(c->nelements + 1));
    c->elements[c->nelements++] = (data_element){xstrdup(code), xstrdup(line + off), (value_type)t, (aggregation)a};
    free(line);
  }
  return 0;
}

static char **split_path(const char *s, int *depth) {
  char **out = NULL;
  int n = 0;
  for (;;) {
    const char *bar = strstr(s, " | ");
    size_t len = bar ? (size_t)(bar - s) : strlen(s);
    out = xrealloc(out, sizeof(char *) * (size_t)(n + 2));
    out[n++] = xstrndup(s, len);
    if (!bar) break;
    s = bar + 3;
  }
  out[n] = NULL;
  *depth = n;
  return out;
}

static int parse_scope(const char *s, scope *sc) {
  static const char *names[] = {"@row", "@self", "@below", "@self_below", "@subtree"};
  int i = lookup_name(names, 5, s);
  if (i < 0) return -1;
  *sc = (scope)i;
  return 0;
}

static int parse_ref(catalog *c, const char *s, data_ref *r) {
  char el[64], combo[96], sc[24] = "@row";
  int n = sscanf(s, "%63s %95s %23s", el, combo, sc);
  if (n < 2) return -1;
  r->element = catalog_element(c, el);
  if (r->element < 0) return -1;
  r->combo = intern_combo(c, combo);
  return parse_scope(sc, &r->sc);
}

static int parse_sum(form_col *col, const char *s, int ncols_before) {
  char *copy = xstrdup(s), *save = NULL;
  for (char *tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
    int a, b;
    if (sscanf(tok, "%d-%d", &a, &b) != 2) b = a = (int)strtol(tok, NULL, 10);
    if (a < 1 || b < a || b > ncols_before + 64) {
      free(copy);
      return -1;
    }
    for (int i = a; i <= b; i++) {
      col->sum = xrealloc(col->sum, sizeof(int) * (size_t)(col->nsum + 1));
      col->sum[col->nsum++] = i - 1;
    }
  }
  free(copy);
  return col->nsum ? 0 : -1;
}

static int parse_binding(catalog *c, form_col *col, const char *b, int ncols) {
  if (strncmp(b, "sum ", 4) == 0) {
    col->kind = BIND_SUM;
    return parse_sum(col, b + 4, ncols);
  }
  if (strncmp(b, "list ", 5) == 0) {
    col->kind = BIND_LIST;
    col->field = xstrdup(b + 5);
    return 0;
  }
  if (strncmp(b, "pair ", 5) == 0) {
    const char *slash = strstr(b + 5, " / "); /* after "pair ": "pair / x" has no left side */
    if (!slash) return -1;
    char *left = xstrndup(b + 5, (size_t)(slash - b - 5));
    int rc = parse_ref(c, left, &col->a) || parse_ref(c, slash + 3, &col->b);
    free(left);
    col->kind = BIND_PAIR;
    return rc ? -1 : 0;
  }
  col->kind = BIND_DATA;
  return parse_ref(c, b, &col->a);
}

static int form_directive(form *f, const char *line) {
  if (!strcmp(line, "breakdown kinds")) {
    f->by_kind = 1;
    return 0;
  }
  if (!strcmp(line, "reporters above_commune")) {
    f->above_commune = 1;
    return 0;
  }
  if (!strcmp(line, "column_numbers 1") || !strcmp(line, "column_numbers 01")) {
    f->colnums = line[strlen("column_numbers ")] == '0' ? 2 : 1;
    return 0;
  }
  static const char *keys[] = {"form ", "title ", "row_header ", "row_label ", "total_label ", "rows "};
  char **slots[] = {&f->code, &f->title, &f->row_header, &f->row_label, &f->total_label, NULL};
  for (int i = 0; i < 6; i++) {
    size_t k = strlen(keys[i]);
    if (strncmp(line, keys[i], k) != 0) continue;
    const char *v = line + k;
    if (slots[i]) {
      free(*slots[i]);
      *slots[i] = xstrdup(v);
      return 0;
    }
    if (strcmp(v, "self") == 0) f->rows = ROWS_SELF;
    else if (strcmp(v, "levels") == 0) f->rows = ROWS_LEVELS;
    else if (strncmp(v, "list ", 5) == 0) f->rows = ROWS_LIST, free(f->list), f->list = xstrdup(v + 5);
    else return -1;
    return 0;
  }
  return -1;
}

/* "check error|warning EL COMBO <=|>= EL COMBO message" */
static int form_add_rule(catalog *c, form *f, const char *spec) {
  char level[16], el1[64], co1[96], op[4], el2[64], co2[96];
  int off = 0;
  if (sscanf(spec, "%15s %63s %95s %3s %63s %95s %n", level, el1, co1, op, el2, co2, &off) != 6 || !spec[off]) return -1;
  form_rule r = {{catalog_element(c, el1), intern_combo(c, co1), SCOPE_SUBTREE},
                 {catalog_element(c, el2), intern_combo(c, co2), SCOPE_SUBTREE},
                 !strcmp(op, ">="), !strcmp(level, "error"), xstrdup(spec + off)};
  f->rules = xrealloc(f->rules, sizeof(form_rule) * (size_t)(f->nrules + 1));
  f->rules[f->nrules++] = r;
  if (r.left.element < 0 || r.right.element < 0) return -1;
  if ((strcmp(op, "<=") && strcmp(op, ">=")) || (strcmp(level, "error") && strcmp(level, "warning"))) return -1;
  return 0;
}

static int form_add_col(catalog *c, form *f, const char *spec) {
  const char *eq = strstr(spec, " = ");
  if (!eq) return -1;
  f->cols = xrealloc(f->cols, sizeof(form_col) * (size_t)(f->ncols + 1));
  form_col *col = &f->cols[f->ncols];
  memset(col, 0, sizeof *col);
  char *path = xstrndup(spec, (size_t)(eq - spec));
  col->path = split_path(path, &col->depth);
  free(path);
  f->ncols++;
  return parse_binding(c, col, eq + 3, f->ncols);
}

static void form_release(form *f) {
  for (int i = 0; i < f->ncols; i++) {
    for (int d = 0; d < f->cols[i].depth; d++) free(f->cols[i].path[d]);
    free(f->cols[i].path), free(f->cols[i].sum), free(f->cols[i].field);
  }
  for (int i = 0; i < f->nrules; i++) free(f->rules[i].message);
  free(f->rules);
  free(f->cols), free(f->code), free(f->title), free(f->row_header), free(f->row_label);
  free(f->total_label), free(f->list);
}

int catalog_add_form(catalog *c, const char *text, char *err, int errlen) {
  form f;
  memset(&f, 0, sizeof f);
  const char *p = text;
  int ln = 0, rc = 0;
  char *line;
  while (rc == 0 && (line = next_line(&p, &ln))) {
    if (strncmp(line, "col ", 4) == 0) rc = form_add_col(c, &f, line + 4);
    else if (strncmp(line, "check ", 6) == 0) rc = form_add_rule(c, &f, line + 6);
    else rc = form_directive(&f, line);
    if (rc) snprintf(err, (size_t)errlen, "form %s line %d: cannot read \"%.60s\"", f.code ? f.code : "?", ln, line);
    free(line);
  }
  for (int i = 0; rc == 0 && i < f.ncols; i++)
    for (int k = 0; k < f.cols[i].nsum; k++)
      if (f.cols[i].sum[k] >= f.ncols || f.cols[i].sum[k] == i) {
        snprintf(err, (size_t)errlen, "form %s column %d: sum refers to column %d", f.code, i + 1, f.cols[i].sum[k] + 1);
        rc = -1;
      }
  if (rc == 0 && !f.code) {
    snprintf(err, (size_t)errlen, "form without a code");
    rc = -1;
  }
  if (rc) {
    form_release(&f);
    return -1;
  }
  c->forms = xrealloc(c->forms, sizeof(form) * (size_t)(c->nforms + 1));
  c->forms[c->nforms++] = f;
  return 0;
}

int catalog_pair_used(const catalog *c, int element, int combo) {
  for (int i = 0; i < c->nforms; i++)
    for (int k = 0; k < c->forms[i].ncols; k++) {
      const form_col *col = &c->forms[i].cols[k];
      if (col->kind != BIND_DATA && col->kind != BIND_PAIR) continue;
      if ((col->a.element == element && col->a.combo == combo) ||
          (col->kind == BIND_PAIR && col->b.element == element && col->b.combo == combo))
        return 1;
    }
  return 0;
}

void catalog_release(catalog *c) {
  for (int i = 0; i < c->nelements; i++) free(c->elements[i].code), free(c->elements[i].name);
  for (int i = 0; i < c->ncombos; i++) free(c->combos[i]);
  for (int i = 0; i < c->nforms; i++) form_release(&c->forms[i]);
  free(c->elements), free(c->combos), free(c->forms);
  memset(c, 0, sizeof *c);
}

/* --- which cells take input (form_inputs) --- */

static int own_scope(scope sc) { return sc == SCOPE_ROW || sc == SCOPE_SELF; }
static int area_scope(scope sc) { return sc == SCOPE_SUBTREE || sc == SCOPE_SELF_BELOW; }

static int same_ref(const data_ref *a, const data_ref *b) { return a->element == b->element && a->combo == b->combo; }

/* 1 if some column of f binds r's element/option with an own scope */
static int has_own_column(const form *f, const data_ref *r) {
  for (int i = 0; i < f->ncols; i++) {
    const form_col *col = &f->cols[i];
    if (col->kind != BIND_DATA && col->kind != BIND_PAIR) continue;
    if (same_ref(&col->a, r) && own_scope(col->a.sc)) return 1;
    if (col->kind == BIND_PAIR && same_ref(&col->b, r) && own_scope(col->b.sc)) return 1;
  }
  return 0;
}

/* 1 if a column before `upto` already takes input for r */
static int typed_before(const form *f, const form_input *in, int upto, const data_ref *r) {
  for (int i = 0; i < upto; i++) {
    if (!in[i].editable) continue;
    if (same_ref(&f->cols[i].a, r)) return 1;
    if (in[i].pair && same_ref(&f->cols[i].b, r)) return 1;
  }
  return 0;
}

static int ref_typable(const form *f, const form_input *in, int col, const data_ref *r, int *area) {
  if (typed_before(f, in, col, r)) return 0;
  if (own_scope(r->sc)) return 1;
  if (area_scope(r->sc) && !has_own_column(f, r)) {
    *area = 1;
    return 1;
  }
  return 0;
}

void form_inputs(const form *f, form_input *out) {
  for (int i = 0; i < f->ncols; i++) {
    const form_col *col = &f->cols[i];
    form_input *x = &out[i];
    memset(x, 0, sizeof *x);
    if (col->kind != BIND_DATA && col->kind != BIND_PAIR) continue;
    x->pair = col->kind == BIND_PAIR;
    int area = 0;
    x->editable = ref_typable(f, out, i, &col->a, &area) && (!x->pair || ref_typable(f, out, i, &col->b, &area));
    x->area = area;
  }
}

void form_inputs_at(const form *f, form_counted_fn counted, void *ctx, form_input *out) {
  form_inputs(f, out);
  for (int i = 0; i < f->ncols; i++) {
    form_input *x = &out[i];
    if (!x->editable) continue;
    x->counted = counted(ctx, &f->cols[i].a) || (x->pair && counted(ctx, &f->cols[i].b));
    if (x->counted) x->editable = 0;
  }
}

int value_all_digits(const char *s) {
  if (!*s) return 0;
  for (; *s; s++)
    if (*s < '0' || *s > '9') return 0;
  return 1;
}

/* "1.865" -> "1865" when the dots group thousands; else unchanged */
void value_drop_thousand_dots(char *s) {
  const char *dot = strchr(s, '.');
  if (!dot) return;
  size_t lead = (size_t)(dot - s);
  if (lead < 1 || lead > 3) return;
  for (const char *p = dot; *p; p += 4) {
    if (p[0] == ',' || !p[0]) break;
    if (p[0] != '.' || !(p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9' && p[3] >= '0' && p[3] <= '9'))
      return;
    if (p[4] && p[4] != '.' && p[4] != ',') return;
  }
  char *o = s;
  for (const char *p = s; *p; p++)
    if (*p != '.') *o++ = *p;
  *o = 0;
}
