#include "core/register.h"
#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *type_names[] = {"date", "unit", "enum", "set", "text", "longtext", "int", "yesno", "period",
                                   "symbol", "login", "year", "unitref"};

int reg_field_index(const reg_def *r, const char *name) {
  for (int i = 0; i < r->nfields; i++)
    if (strcmp(r->fields[i].name, name) == 0) return i;
  return -1;
}

int reg_field_max_chars(const reg_field *f) {
  switch (f->type) {
  case FT_TEXT: return 2000;
  case FT_LONGTEXT: return 20000;
  case FT_LOGIN: return 40;
  case FT_SYMBOL: return 64;
  default: return 0;
  }
}

int reg_option_index(const reg_field *f, const char *code) {
  for (int i = 0; i < f->nopt; i++)
    if (strcmp(f->opts[i].code, code) == 0) return i;
  return -1;
}

/* next non-comment line; indented lines keep a leading marker */
static char *next_line(const char **p, int *ln, int *indented) {
  while (**p) {
    const char *e = strchr(*p, '\n');
    size_t n = e ? (size_t)(e - *p) : strlen(*p);
    char *line = xstrndup(*p, n);
    *p += n + (e ? 1 : 0);
    (*ln)++;
    char *s = line;
    while (*s == ' ' || *s == '\t') s++;
    if (*s && *s != '#') {
      *indented = s != line;
      memmove(line, s, strlen(s) + 1);
      return line;
    }
    free(line);
  }
  return NULL;
}

static int parse_field(reg_def *r, char *args) {
  char name[64], type[16], req[64];
  int off = 0;
  if (r->nfields == REG_MAX_FIELDS || sscanf(args, "%63s %15s %63s %n", name, type, req, &off) != 3) return -1;
  reg_field *f = &r->fields[r->nfields];
  memset(f, 0, sizeof *f);
  f->type = (field_type)-1;
  for (int i = 0; i < (int)(sizeof type_names / sizeof *type_names); i++)
    if (!strcmp(type, type_names[i])) f->type = (field_type)i;
  if ((int)f->type < 0) return -1;
  /* flags: required|optional, then ,private ,search ,list ,noimport */
  f->required = strncmp(req, "required", 8) == 0;
  if (!f->required && strncmp(req, "optional", 8)) return -1;
  f->private_ = strstr(req, ",private") != NULL;
  f->search = strstr(req, ",search") != NULL;
  f->list = strstr(req, ",list") != NULL;
  f->noimport = strstr(req, ",noimport") != NULL;
  f->column = strstr(req, ",column") != NULL;
  f->progress = strstr(req, ",progress") != NULL;
  f->assign = strstr(req, ",assign") != NULL;
  f->name = xstrdup(name);
  f->label = xstrdup(args + off);
  r->nfields++;
  return 0;
}

static int parse_option(reg_def *r, char *args) {
  if (!r->nfields) return -1;
  reg_field *f = &r->fields[r->nfields - 1];
  char code[64];
  int off = 0;
  if (sscanf(args, "%63s %n", code, &off) != 1 || !args[off]) return -1;
  f->opts = xrealloc(f->opts, sizeof(reg_option) * (size_t)(f->nopt + 1));
  f->opts[f->nopt++] = (reg_option){xstrdup(code), xstrdup(args + off)};
  return 0;
}

/* "FIELD=VALUE" */
static int parse_when(reg_def *r, const char *s, int *field, char **value) {
  const char *eq = strchr(s, '=');
  if (!eq) return -1;
  char name[64];
  snprintf(name, sizeof name, "%.*s", (int)(eq - s), s);
  *field = reg_field_index(r, name);
  free(*value); /* a second `when` replaces the first */
  *value = xstrdup(eq + 1);
  return *field < 0 ? -1 : 0;
}

static int parse_rule(reg_def *r, const catalog *cat, rule_kind kind, char *args) {
  char *tok[12], *save = NULL;
  int n = 0;
  for (char *t = strtok_r(args, " ", &save); t && n < 12; t = strtok_r(NULL, " ", &save)) tok[n++] = t;
  int need = kind == RULE_SUM ? 3 : 2;
  if (n < need) return -1;
  reg_rule ru = {kind, catalog_element(cat, tok[0]), NULL, -1, -1, -1, NULL};
  if (ru.element < 0) return -1;
  if (kind != RULE_COUNT && (ru.value_field = reg_field_index(r, tok[1])) < 0) return -1;
  ru.combo = xstrdup(kind == RULE_TEXT ? "default" : tok[need - 1]);
  for (int i = need; i + 1 < n; i += 2) {
    if (!strcmp(tok[i], "on")) ru.date_field = reg_field_index(r, tok[i + 1]);
    else if (!strcmp(tok[i], "when")) parse_when(r, tok[i + 1], &ru.when_field, &ru.when_value);
    else ru.date_field = -2;
  }
  r->rules = xrealloc(r->rules, sizeof(reg_rule) * (size_t)(r->nrules + 1));
  r->rules[r->nrules++] = ru;
  if (ru.date_field == -2 || (ru.when_value && ru.when_field < 0)) return -1;
  if ((n - need) % 2) return -1;
  return 0;
}

static int parse_check(reg_def *r, char *args) {
  char a[64], op[4], b[64];
  int off = 0;
  if (sscanf(args, "%63s %3s %63s %n", a, op, b, &off) != 3 || !args[off]) return -1;
  reg_check c = {reg_field_index(r, a), reg_field_index(r, b), !strcmp(op, "<=") ? CHECK_LE : CHECK_GE,
                 xstrdup(args + off)};
  r->checks = xrealloc(r->checks, sizeof(reg_check) * (size_t)(r->nchecks + 1));
  r->checks[r->nchecks++] = c;
  return c.left < 0 || c.right < 0 || (strcmp(op, "<=") && strcmp(op, ">=")) ? -1 : 0;
}

static int parse_require(reg_def *r, char *args) {
  char f[64], when[8], cond[128];
  if (sscanf(args, "%63s %7s %127s", f, when, cond) != 3 || strcmp(when, "when")) return -1;
  reg_require q = {reg_field_index(r, f), -1, NULL};
  int rc = parse_when(r, cond, &q.when_field, &q.when_value);
  r->reqs = xrealloc(r->reqs, sizeof(reg_require) * (size_t)(r->nreqs + 1));
  r->reqs[r->nreqs++] = q;
  return rc || q.field < 0 ? -1 : 0;
}

/* date, period and kindfield may name a field declared further down */
typedef struct refs {
  char date[64], period[64], kind[64], stage[64], ref_date[64], ref_unit[64];
  char due[64], open[64], todo[64];
} refs;

static int parse_ref(reg_def *r, char *args, refs *rf) {
  char reg[64], word[16] = "", list[256] = "";
  int n = sscanf(args, "%63s %63s %63s %15s %255s", reg, rf->ref_date, rf->ref_unit, word, list);
  if (n != 3 && (n != 5 || strcmp(word, "replaces"))) return -1;
  free(r->ref_register), free(r->ref_replaces);
  r->ref_register = xstrdup(reg);
  r->ref_replaces = n == 5 ? xstrdup(list) : NULL;
  return 0;
}

/* overdue DUE while FIELD=a|b */
static int parse_overdue(reg_def *r, char *args, refs *rf) {
  char word[16], cond[192];
  if (sscanf(args, "%63s %15s %191s", rf->due, word, cond) != 3 || strcmp(word, "while")) return -1;
  char *eq = strchr(cond, '=');
  if (!eq || !eq[1]) return -1;
  *eq = 0;
  snprintf(rf->open, sizeof rf->open, "%s", cond);
  free(r->open_value);
  r->open_value = xstrdup(eq + 1);
  return 0;
}

/* todo FIELD heading */
static int parse_todo(reg_def *r, char *args, refs *rf) {
  int off = 0;
  if (sscanf(args, "%63s %n", rf->todo, &off) != 1 || !args[off]) return -1;
  free(r->todo_title);
  r->todo_title = xstrdup(args + off);
  return 0;
}

/* the follow-up fields: a due date, the enum that keeps a record open, the unit that acts */
static int resolve_followup(reg_def *r, const refs *rf) {
  r->due_field = *rf->due ? reg_field_index(r, rf->due) : -1;
  r->open_field = *rf->open ? reg_field_index(r, rf->open) : -1;
  r->todo_field = *rf->todo ? reg_field_index(r, rf->todo) : -1;
  if (*rf->due && (r->due_field < 0 || r->fields[r->due_field].type != FT_DATE)) return -1;
  if (*rf->open && (r->open_field < 0 || r->fields[r->open_field].type != FT_ENUM)) return -1;
  if (r->due_field >= 0 && r->open_field < 0) return -1;
  if (*rf->todo && (r->todo_field < 0 || r->fields[r->todo_field].type != FT_UNITREF || r->due_field < 0)) return -1;
  return 0;
}

static int resolve(reg_def *r, const refs *rf) {
  r->date_field = *rf->date ? reg_field_index(r, rf->date) : -1;
  r->period_field = *rf->period ? reg_field_index(r, rf->period) : -1;
  r->kind_field = *rf->kind ? reg_field_index(r, rf->kind) : -1;
  r->stage_field = *rf->stage ? reg_field_index(r, rf->stage) : -1;
  if (r->ref_register) {
    r->ref_date = reg_field_index(r, rf->ref_date);
    r->ref_unit = reg_field_index(r, rf->ref_unit);
    if (r->ref_date < 0 || r->ref_unit < 0) return -1;
  }
  if (resolve_followup(r, rf)) return -1;
  if ((*rf->period && r->period_field < 0) || (*rf->kind && r->kind_field < 0)) return -1;
  if (*rf->stage && (r->stage_field < 0 || r->fields[r->stage_field].type != FT_ENUM)) return -1;
  if (r->date_field < 0) return *rf->date || r->nrules ? -1 : 0; /* no date: a register of state, never counted */
  field_type t = r->fields[r->date_field].type;
  return t == FT_DATE || t == FT_YEAR ? 0 : -1;
}

static int parse_transition(reg_def *r, char *args) {
  char from[64], to[64], by[16];
  if (sscanf(args, "%63s %63s %15s", from, to, by) != 3) return -1;
  if (strcmp(by, "own") && strcmp(by, "above")) return -1;
  r->trans = xrealloc(r->trans, sizeof(reg_transition) * (size_t)(r->ntrans + 1));
  r->trans[r->ntrans++] = (reg_transition){xstrdup(from), xstrdup(to), strcmp(by, "own") ? ACTOR_ABOVE : ACTOR_OWN};
  return 0;
}


int reg_when_matches(const char *list, const char *value) {
  size_t n = strlen(value);
  for (const char *p = list; *p;) {
    const char *bar = strchr(p, '|');
    size_t len = bar ? (size_t)(bar - p) : strlen(p);
    if (len == n && !strncmp(p, value, n)) return 1;
    p += len + (bar ? 1 : 0);
  }
  return 0;
}

int reg_is_open(const reg_def *r, const char *const *values) {
  return r->open_field < 0 || reg_when_matches(r->open_value, values[r->open_field]);
}

int reg_replaces(const reg_def *r, const char *name) {
  size_t n = strlen(name);
  for (const char *p = r->ref_replaces; p && *p;) {
    const char *comma = strchr(p, ',');
    size_t len = comma ? (size_t)(comma - p) : strlen(p);
    if (len == n && !strncmp(p, name, n)) return 1;
    p += len + (comma ? 1 : 0);
  }
  return 0;
}

const reg_transition *reg_transition_find(const reg_def *r, const char *from, const char *to) {
  for (int i = 0; i < r->ntrans; i++)
    if (!strcmp(r->trans[i].from, from) && !strcmp(r->trans[i].to, to)) return &r->trans[i];
  return NULL;
}

static int parse_line(reg_def *r, const catalog *cat, char *line, refs *rf) {
  if (!strcmp(line, "attachments")) return r->attachments = 1, 0;
  char *sp = strchr(line, ' ');
  if (!sp) return -1;
  *sp = 0;
  char *args = sp + 1, *key = line;
  if (!strcmp(key, "register")) return free(r->code), r->code = xstrdup(args), 0;
  if (!strcmp(key, "title")) return free(r->title), r->title = xstrdup(args), 0;
  if (!strcmp(key, "item")) return free(r->item), r->item = xstrdup(args), 0;
  if (!strcmp(key, "field")) return parse_field(r, args);
  if (!strcmp(key, "option")) return parse_option(r, args);
  if (!strcmp(key, "date")) return snprintf(rf->date, sizeof rf->date, "%s", args), 0;
  if (!strcmp(key, "period")) return snprintf(rf->period, sizeof rf->period, "%s", args), 0;
  if (!strcmp(key, "kindfield")) return snprintf(rf->kind, sizeof rf->kind, "%s", args), 0;
  if (!strcmp(key, "ref")) return parse_ref(r, args, rf);
  if (!strcmp(key, "overdue")) return parse_overdue(r, args, rf);
  if (!strcmp(key, "todo")) return parse_todo(r, args, rf);
  if (!strcmp(key, "attachments")) return r->attachments = 1, 0;
  if (!strcmp(key, "stage")) return snprintf(rf->stage, sizeof rf->stage, "%s", args), 0;
  if (!strcmp(key, "transition")) return parse_transition(r, args);
  if (!strcmp(key, "count")) return parse_rule(r, cat, RULE_COUNT, args);
  if (!strcmp(key, "sum")) return parse_rule(r, cat, RULE_SUM, args);
  if (!strcmp(key, "text")) return parse_rule(r, cat, RULE_TEXT, args);
  if (!strcmp(key, "check")) return parse_check(r, args);
  if (!strcmp(key, "require")) return parse_require(r, args);
  return -1;
}

int reg_parse(reg_def *r, const catalog *cat, const char *text, char *err, int errlen) {
  memset(r, 0, sizeof *r);
  r->date_field = r->period_field = r->kind_field = r->stage_field = -1;
  r->due_field = r->open_field = r->todo_field = -1;
  const char *p = text;
  int ln = 0, ind, rc = 0;
  char *line;
  refs rf = {"", "", "", "", "", "", "", "", ""};
  while (!rc && (line = next_line(&p, &ln, &ind))) {
    rc = parse_line(r, cat, line, &rf);
    if (rc) snprintf(err, (size_t)errlen, "register %s line %d: cannot read \"%.60s\"", r->code ? r->code : "?", ln, line);
    free(line);
  }
  if (!rc && (!r->code || resolve(r, &rf))) {
    snprintf(err, (size_t)errlen, "register %s: needs a code, and a date field if it counts; date, period, kindfield, stage, overdue, todo must name fields of the right type",
             r->code ? r->code : "?");
    rc = -1;
  }
  if (rc) reg_release(r);
  return rc;
}

void reg_release(reg_def *r) {
  for (int i = 0; i < r->nfields; i++) {
    reg_field *f = &r->fields[i];
    for (int k = 0; k < f->nopt; k++) free(f->opts[k].code), free(f->opts[k].label);
    free(f->opts), free(f->name), free(f->label);
  }
  for (int i = 0; i < r->nrules; i++) free(r->rules[i].combo), free(r->rules[i].when_value);
  for (int i = 0; i < r->nchecks; i++) free(r->checks[i].message);
  for (int i = 0; i < r->nreqs; i++) free(r->reqs[i].when_value);
  for (int i = 0; i < r->ntrans; i++) free(r->trans[i].from), free(r->trans[i].to);
  free(r->trans), free(r->ref_register), free(r->ref_replaces), free(r->open_value), free(r->todo_title);
  free(r->rules), free(r->checks), free(r->reqs), free(r->code), free(r->title), free(r->item);
  memset(r, 0, sizeof *r);
}

/* appends s[0..n) to a combo of length *len, cut at 95 bytes */
static void combo_add(char *out, size_t *len, const char *s, size_t n) {
  if (n > 95 - *len) n = 95 - *len;
  memcpy(out + *len, s, n);
  *len += n;
  out[*len] = 0;
}

/* the field named by p[0..n), or -1 */
static int field_named(const reg_def *r, const char *p, size_t n) {
  for (int i = 0; i < r->nfields; i++)
    if (strlen(r->fields[i].name) == n && !memcmp(r->fields[i].name, p, n)) return i;
  return -1;
}

/* expands "{a}.{b}" with the record's values; a set field gives one combo
 * per member. Returns the number of combos written (at most max, at most 8).
 * Counting runs it for every record imported: built with copies, not printf. */
static int expand_combo(const reg_def *r, const char *tmpl, const char *const *values, char out[][96], int max) {
  size_t len[8] = {0};
  int n = 1;
  if (max > 8) max = 8;
  out[0][0] = 0;
  for (const char *s = tmpl; *s && n > 0;) {
    const char *open = strchr(s, '{'), *close = open ? strchr(open, '}') : NULL;
    size_t lit = open && close ? (size_t)(open - s) : strlen(s);
    for (int i = 0; i < n; i++) combo_add(out[i], &len[i], s, lit);
    if (!open || !close) break;
    int f = field_named(r, open + 1, (size_t)(close - open - 1));
    const char *v = f >= 0 ? values[f] : "";
    if (!*v) return 0; /* an empty field: the record is in no such cell */
    if (r->fields[f].type == FT_SET) {
      /* one combo per member: multiply the current prefixes */
      const char *part[8];
      size_t plen[8];
      int np = 0;
      for (const char *q = v; *q && np < 8;) {
        const char *semi = strchr(q, ';');
        size_t l = semi ? (size_t)(semi - q) : strlen(q);
        part[np] = q;
        plen[np++] = l < 63 ? l : 63;
        q += l + (semi ? 1 : 0);
      }
      int m = 0;
      char tmp[8][96];
      size_t tlen[8];
      for (int i = 0; i < n; i++)
        for (int k = 0; k < np && m < max; k++, m++) {
          memcpy(tmp[m], out[i], len[i] + 1);
          tlen[m] = len[i];
          combo_add(tmp[m], &tlen[m], part[k], plen[k]);
        }
      for (int i = 0; i < m; i++) memcpy(out[i], tmp[i], tlen[i] + 1), len[i] = tlen[i];
      n = m;
    } else {
      for (int i = 0; i < n; i++) combo_add(out[i], &len[i], v, strlen(v));
    }
    s = close + 1;
  }
  return n;
}

int reg_contributions(const reg_def *r, const char *const *values, const int *days, int period_day, reg_contrib *out,
                      int max) {
  int n = 0;
  for (int i = 0; i < r->nrules && n < max; i++) {
    const reg_rule *ru = &r->rules[i];
    if (ru->kind == RULE_TEXT) continue; /* listed at report time */
    if (ru->when_field >= 0 && !reg_when_matches(ru->when_value, values[ru->when_field])) continue;
    int day = ru->date_field >= 0 ? days[ru->date_field] : (period_day >= 0 ? period_day : days[r->date_field]);
    if (day < 0) continue;
    double v = 1;
    if (ru->kind == RULE_SUM) {
      const char *s = values[ru->value_field];
      if (!*s) continue; /* an empty number adds nothing, not 0 */
      v = strtod(s, NULL);
    }
    char combos[8][96];
    int nc = expand_combo(r, ru->combo, values, combos, 8);
    for (int k = 0; k < nc && n < max; k++) {
      out[n].element = ru->element;
      memcpy(out[n].combo, combos[k], strlen(combos[k]) + 1); /* both 96 bytes */
      out[n].day = day;
      out[n].value = v;
      n++;
    }
  }
  return n;
}

/* matches one part of a combo template ("{chair}" or a literal) against a
 * part of the combo; a field part adds its condition */
static int part_matches(const reg_def *r, const char *tp, size_t tn, const char *cp, size_t cn, reg_source *src) {
  if (tn < 2 || tp[0] != '{' || tp[tn - 1] != '}') return tn == cn && !memcmp(tp, cp, cn);
  int f = field_named(r, tp + 1, tn - 2);
  if (f < 0 || src->ncond >= REG_MAX_CONDS || cn >= sizeof src->cond[0].value) return 0;
  reg_cond *c = &src->cond[src->ncond++];
  c->field = f;
  memcpy(c->value, cp, cn);
  c->value[cn] = 0;
  return reg_option_index(&r->fields[f], c->value) >= 0;
}

/* the combo against the rule's template, part by part (parts split at '.') */
static int combo_matches(const reg_def *r, const char *tmpl, const char *combo, reg_source *src) {
  const char *t = tmpl, *c = combo;
  for (;;) {
    const char *td = strchr(t, '.'), *cd = strchr(c, '.');
    size_t tn = td ? (size_t)(td - t) : strlen(t), cn = cd ? (size_t)(cd - c) : strlen(c);
    if (!part_matches(r, t, tn, c, cn, src)) return 0;
    if (!td || !cd) return !td && !cd;
    t = td + 1, c = cd + 1;
  }
}

int reg_sources(const reg_def *regs, int nregs, int element, const char *combo, reg_source *out, int max) {
  int n = 0;
  for (int i = 0; i < nregs && n < max; i++)
    for (int k = 0; k < regs[i].nrules && n < max; k++) {
      const reg_rule *ru = &regs[i].rules[k];
      if (ru->kind == RULE_TEXT || ru->element != element) continue;
      reg_source *s = &out[n];
      memset(s, 0, sizeof *s);
      s->reg = &regs[i];
      s->rule = ru;
      s->date_field = ru->date_field;
      if (!combo_matches(&regs[i], ru->combo, combo, s)) continue;
      if (ru->when_field >= 0 && s->ncond < REG_MAX_CONDS) {
        s->cond[s->ncond].field = ru->when_field;
        snprintf(s->cond[s->ncond++].value, sizeof s->cond[0].value, "%s", ru->when_value);
      }
      n++;
    }
  return n;
}

int reg_cond_matches(const reg_field *f, const char *list, const char *value) {
  if (f->type != FT_SET) return reg_when_matches(list, value);
  for (const char *p = value; *p;) {
    const char *semi = strchr(p, ';');
    size_t len = semi ? (size_t)(semi - p) : strlen(p);
    char one[96];
    snprintf(one, sizeof one, "%.*s", (int)len, p);
    if (reg_when_matches(list, one)) return 1;
    p += len + (semi ? 1 : 0);
  }
  return 0;
}

int symbol_parse(const char *symbol, char *kind, int kindlen) {
  const char *dash = strchr(symbol, '-'), *slash = dash ? strchr(dash, '/') : NULL;
  if (!dash || !slash || dash == symbol || slash == dash + 1 || !slash[1]) return -1;
  for (const char *p = symbol; p < dash; p++)
    if (*p < '0' || *p > '9') return -1;
  for (const char *p = slash + 1; *p; p++)
    if (*p == ' ' || *p == ',') return -1;
  char k[32];
  snprintf(k, sizeof k, "%.*s", (int)(slash - dash - 1), dash + 1);
  if (!strcmp(k, "QĐ")) snprintf(k, sizeof k, "QD");
  if (!strcmp(k, "ĐA")) snprintf(k, sizeof k, "DA");
  snprintf(kind, (size_t)kindlen, "%s", k);
  return 0;
}
