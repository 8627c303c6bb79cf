/* Generic pages for every register declared in registers/NAME.reg
 * (documents, conferences, inspections, letters, receptions, supervisions,
 * criticisms): the list of registers, each register's list with filters
 * and paging, the record form generated from the definition, CSV import and
 * export, attachments. Validation, audit, counting into the annexes and the
 * privacy of letters' senders are the app's (app_record_*); this file only
 * turns its records into pages and the pages' input into its values.
 *
 *   GET  /registers                      the registers, with counts
 *   GET  /r/REG                          list: unit, period, a select per
 *                                        enum/set/yes-no field, search, 50 a page
 *   GET  /r/REG/export.csv               the list's records as CSV (import format)
 *   GET  /r/REG/export.xlsx              the same as an XLSX list for reading (labels, dates)
 *   GET  /r/REG/import, POST /r/REG/import   CSV upload (multipart, 32 MiB)
 *   GET  /r/REG/new, POST /r/REG         create
 *   GET  /r/REG/ID, POST /r/REG/ID       view / edit
 *   POST /r/REG/ID/delete                delete (confirm checkbox)
 *   POST /r/REG/ID/attachments           upload an attachment (documents)
 *   POST /r/REG/ID/stage                 the next stage (models: appraise, recognise…)
 *   GET  /attachments/ID                 download it */
#include "util/esc.h"
#include "util/text.h"
#include "web/web_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REG_PAGE_SIZE 50
#define RECORD_ID_MAX 1000000000000000LL
#define LIST_TEXT_MAX 220 /* bytes of a long text shown in a list cell */
#define VALUE_MAX 80000   /* bytes of one submitted value (4 × the app's longest text, in characters) */
#define QUERY_MAX 200

static const char private_note[] = "(thông tin cá nhân — chỉ đơn vị tiếp nhận xem được)";

/* --- small helpers ------------------------------------------------------------------ */

/* the registers whose records may carry files (issue 3: documents) */
static int takes_attachments(const reg_def *r) { return r->attachments; }

/* letters: the app computes a deadline (record.due) and an overdue flag */
static int has_deadlines(const reg_def *r) {
  return reg_field_index(r, "status") >= 0 && reg_field_index(r, "received") >= 0 && reg_field_index(r, "kind") >= 0;
}

/* a due date of its own (conclusions, recommendations): the app flags records past it and still open */
static int has_due(const reg_def *r) { return r->due_field >= 0; }

/* the list can be narrowed to the records past their deadline */
static int tracks_overdue(const reg_def *r) { return has_deadlines(r) || has_due(r); }

/* a register of state (religious establishments) has no date: no period filter */
static int has_dates(const reg_def *r) { return r->date_field >= 0; }

/* the stage field is moved only by transitions: shown, never typed */
static int is_stage(const reg_def *r, int i) { return r->stage_field >= 0 && i == r->stage_field; }

static int unit_field_of(const reg_def *r) {
  for (int i = 0; i < r->nfields; i++)
    if (r->fields[i].type == FT_UNIT) return i;
  return -1;
}

/* a select on the list page: enum, set and yes/no fields that are not private */
static int filterable(const reg_field *f) {
  return !f->private_ && (f->type == FT_ENUM || f->type == FT_SET || f->type == FT_YESNO);
}

int reg_feeds_form(const reg_def *r, const form *f) {
  if (f->rows == ROWS_LIST && f->list && strcmp(f->list, r->code) == 0) return 1;
  for (int k = 0; k < f->ncols; k++) {
    const form_col *col = &f->cols[k];
    if (col->kind != BIND_DATA && col->kind != BIND_PAIR) continue;
    for (int i = 0; i < r->nrules; i++)
      if (r->rules[i].element == col->a.element || (col->kind == BIND_PAIR && r->rules[i].element == col->b.element))
        return 1;
  }
  return 0;
}

static const char *unit_name_of(ctx *c, const char *code) {
  const tree *t = app_read_begin(c->a);
  int p = code && *code ? unit_pos_of(c, code) : -1;
  const char *s = c_strdup(c, p >= 0 ? t->u[p].name : code);
  app_read_end(c->a);
  return s;
}

/* the name of the unit a record's field names (its own unit, or a unit
 * reference resolved on the record's day: codes were reused in 2025) */
static const char *record_unit_name(ctx *c, const reg_def *r, const record *rec, int field) {
  const tree *t = app_read_begin(c->a);
  int p = r->fields[field].type == FT_UNIT ? tree_find_id(t, rec->unit_id)
                                           : app_record_unitref_pos(c->a, r, (const char *const *)rec->values, field);
  const char *s = c_strdup(c, p >= 0 ? t->u[p].name : rec->values[field]);
  app_read_end(c->a);
  return s;
}

/* the first letter in capitals: "đơn, thư" -> "Đơn, thư" */
static const char *cap_first(ctx *c, const char *s) {
  char *o = c_strdup(c, s);
  if (o[0] >= 'a' && o[0] <= 'z') o[0] = (char)(o[0] - 'a' + 'A');
  else if ((unsigned char)o[0] == 0xC4 && (unsigned char)o[1] == 0x91) o[1] = (char)0x90; /* đ -> Đ */
  return o;
}

/* s cut at a character boundary near max bytes, with an ellipsis */
static const char *clip(ctx *c, const char *s, size_t max) {
  size_t n = strlen(s);
  if (n <= max) return s;
  size_t k = max;
  while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
  while (k > 0 && s[k - 1] == ' ') k--;
  return c_printf(c, "%.*s…", (int)k, s);
}

static const char *option_label(const reg_field *f, const char *code) {
  int k = reg_option_index(f, code);
  return k >= 0 ? f->opts[k].label : code;
}

static void period_label_cap(const char *id, char *out, size_t n) {
  period p;
  if (strlen(id) > 7 || period_parse(id, &p)) {
    snprintf(out, n, "%s", id);
    return;
  }
  period_label_vn(&p, out, (int)n);
  if (out[0] >= 'a' && out[0] <= 'z') out[0] = (char)(out[0] - 'a' + 'A');
}

/* a stored value as people read it: option labels, dd/mm/yyyy, 1.865,
 * unit names, Có/Không */
static void h_value(ctx *c, const reg_field *f, const char *v, int in_list) {
  buf *b = &c->out;
  if (!v || !*v) return;
  int day;
  switch (f->type) {
  case FT_DATE:
    if (date_parse(v, &day) == 0) h_date(b, day);
    else h_text(b, v);
    return;
  case FT_UNIT:
  case FT_UNITREF: h_text(b, unit_name_of(c, v)); return;
  case FT_ENUM: h_text(b, option_label(f, v)); return;
  case FT_SET: {
    char *copy = c_strdup(c, v), *save = NULL;
    int k = 0;
    for (char *t = strtok_r(copy, ";", &save); t; t = strtok_r(NULL, ";", &save)) {
      if (k++) h_lit(b, "; ");
      h_text(b, option_label(f, t));
    }
    return;
  }
  case FT_INT: {
    int digits = strlen(v) <= 15;
    for (const char *p = v; *p && digits; p++) digits = *p >= '0' && *p <= '9';
    if (digits) h_int(b, atoll(v));
    else h_text(b, v);
    return;
  }
  case FT_YESNO: h_text(b, !strcmp(v, "yes") ? "Có" : !strcmp(v, "no") ? "Không" : v); return;
  case FT_PERIOD: {
    char label[64];
    period_label_cap(v, label, sizeof label);
    h_text(b, label);
    return;
  }
  case FT_LONGTEXT: h_text(b, in_list ? clip(c, v, LIST_TEXT_MAX) : v); return;
  default: h_text(b, v); return;
  }
}

/* "/r/REG", "/r/REG/new", "/r/REG/export.csv|xlsx", "/r/REG/import", "/r/REG/ID",
 * "/r/REG/ID/delete", "/r/REG/ID/attachments" */
typedef struct reg_path {
  const reg_def *r;
  long long id;    /* 0 when the path names no record */
  char action[16]; /* "" or one of the words above */
} reg_path;

static int segment(const char **s, char *out, size_t n) {
  const char *slash = strchr(*s, '/');
  size_t k = slash ? (size_t)(slash - *s) : strlen(*s);
  if (k == 0 || k >= n) return -1;
  memcpy(out, *s, k);
  out[k] = 0;
  *s = slash ? slash + 1 : NULL;
  return 0;
}

static int parse_reg_path(ctx *c, reg_path *p) {
  memset(p, 0, sizeof *p);
  const char *s = c->path + strlen("/r/");
  char code[64], seg[32];
  if (segment(&s, code, sizeof code) || !(p->r = app_register(c->a, code))) return -1;
  if (!s) return 0;
  if (segment(&s, seg, sizeof seg)) return -1;
  if (seg[0] >= '0' && seg[0] <= '9') {
    if ((p->id = parse_id(seg, RECORD_ID_MAX)) < 0) return -1;
    if (!s) return 0;
    if (segment(&s, seg, sizeof seg) || s) return -1;
    if (strcmp(seg, "delete") && strcmp(seg, "attachments") && strcmp(seg, "stage")) return -1;
  } else {
    if (s) return -1;
    if (strcmp(seg, "new") && strcmp(seg, "export.csv") && strcmp(seg, "export.xlsx") && strcmp(seg, "import")) return -1;
  }
  snprintf(p->action, sizeof p->action, "%s", seg);
  return 0;
}

/* --- list arguments -------------------------------------------------------------------- */

typedef struct list_args {
  const char *unit;
  const char *period;              /* NULL = all periods */
  const char *q;                   /* NULL = no search */
  const char *field, *value;       /* the first field filter (the exports apply it) */
  const char *sel[REG_MAX_FIELDS]; /* the value of each field's filter (f_FIELD=a or a|b) */
  cell_filter cell;                /* every field filter, level=, date=: the records of an annex cell */
  int late;                        /* overdue=1: only the records past their deadline */
  long long page;
} list_args;

static const char *filter_arg_name(ctx *c, const reg_field *f) { return c_printf(c, "f_%s", f->name); }

/* a filter value: an option (yes/no), or options "a|b" (any of them: the
 * `when` lists of the counting rules) */
static int filter_value_ok(const reg_field *f, const char *v) {
  for (const char *p = v; *p;) {
    const char *bar = strchr(p, '|');
    size_t n = bar ? (size_t)(bar - p) : strlen(p);
    char one[96];
    if (!n || n >= sizeof one) return 0;
    memcpy(one, p, n), one[n] = 0;
    int ok = f->type == FT_YESNO ? !strcmp(one, "yes") || !strcmp(one, "no") : reg_option_index(f, one) >= 0;
    if (!ok) return 0;
    p += n + (bar ? 1 : 0);
  }
  return *v != 0;
}

/* level= and date= of an annex cell's link (docs/entry.md); NULL or a message */
static const char *read_cell_args(ctx *c, const reg_def *r, list_args *la) {
  const char *lv = arg(c, "level"), *dt = arg(c, "date");
  if (lv && *lv && (la->cell.level = (int)parse_id(lv, TREE_MAX_LEVELS)) < 1) return "Cấp không hợp lệ.";
  int di = dt && *dt ? reg_field_index(r, dt) : -1;
  if (dt && *dt && (di < 0 || (r->fields[di].type != FT_DATE && r->fields[di].type != FT_YEAR)))
    return "Trường ngày không hợp lệ.";
  la->cell.date = di >= 0 ? r->fields[di].name : NULL;
  return NULL;
}

/* reads unit, period (absent = the default period, empty = all), q, the
 * field filters and the page; NULL or a message for a 400 */
static const char *read_list_args(ctx *c, const reg_def *r, list_args *la) {
  memset(la, 0, sizeof *la);
  la->unit = unit_arg(c);
  const char *pv = arg(c, "period");
  if (!pv) pv = default_period_id(c);
  period p;
  if (*pv) {
    if (strlen(pv) > 7 || period_parse(pv, &p)) return PERIOD_HINT;
    if (has_dates(r)) la->period = pv;
  }
  const char *q = arg(c, "q");
  if (q && strlen(q) > QUERY_MAX) return "Chuỗi tìm kiếm quá dài (tối đa 200 ký tự).";
  la->q = q && *q ? q : NULL;
  for (int i = 0; i < r->nfields; i++) {
    const reg_field *f = &r->fields[i];
    if (!filterable(f)) continue;
    const char *v = arg(c, filter_arg_name(c, f));
    if (!v || !*v) continue;
    if (!filter_value_ok(f, v)) return c_printf(c, "Giá trị lọc không hợp lệ cho trường \"%s\".", f->label);
    la->sel[i] = v;
    if (!la->field && !strchr(v, '|')) la->field = f->name, la->value = v;
    if (la->cell.nconds < REG_MAX_CONDS) {
      la->cell.cond_field[la->cell.nconds] = f->name;
      la->cell.cond_value[la->cell.nconds++] = v;
    }
  }
  const char *bad = read_cell_args(c, r, la);
  if (bad) return bad;
  const char *od = arg(c, "overdue");
  la->late = od && !strcmp(od, "1") && tracks_overdue(r);
  const char *pg = arg(c, "page");
  la->page = pg && *pg ? parse_id(pg, 1000000) : 1;
  if (la->page < 1) la->page = 1;
  return NULL;
}

/* path?unit=..&period=..&q=..&f_FIELD=.. for the arguments in force */
static const char *list_url(ctx *c, const char *path, const reg_def *r, const list_args *la) {
  buf u;
  buf_init(&u, 0);
  buf_adds(&u, path);
  buf_adds(&u, "?unit=");
  esc_url(&u, la->unit);
  if (has_dates(r)) {
    buf_adds(&u, "&period=");
    esc_url(&u, la->period ? la->period : "");
  }
  if (la->q) {
    buf_adds(&u, "&q=");
    esc_url(&u, la->q);
  }
  if (la->cell.level) buf_addf(&u, "&level=%d", la->cell.level);
  if (la->cell.date) {
    buf_adds(&u, "&date=");
    esc_url(&u, la->cell.date);
  }
  for (int i = 0; i < r->nfields; i++)
    if (la->sel[i]) {
      buf_adds(&u, "&f_");
      esc_url(&u, r->fields[i].name);
      buf_addc(&u, '=');
      esc_url(&u, la->sel[i]);
    }
  const char *s = c_strdup(c, u.s);
  buf_release(&u);
  return s;
}

static int feeds_any(ctx *c, const reg_def *r) {
  const catalog *cat = app_catalog(c->a);
  for (int i = 0; i < cat->nforms; i++)
    if (reg_feeds_form(r, &cat->forms[i])) return 1;
  return 0;
}

/* the registers in the order of the annexes' sources (documents first),
 * then any others in the app's order; n is app_register_count */
static void register_order(ctx *c, const reg_def **out, int n) {
  static const char *const order[] = {"documents", "conferences", "inspections",  "letters", "receptions",
                                      "supervisions", "criticisms", "models", "establishments"};
  int k = 0;
  for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
    const reg_def *r = app_register(c->a, order[i]);
    if (r) out[k++] = r;
  }
  for (int i = 0; i < n; i++) {
    const reg_def *r = app_register_at(c->a, i);
    int seen = 0;
    for (int j = 0; j < k; j++) seen |= out[j] == r;
    if (!seen) out[k++] = r;
  }
}

/* "Biểu 1 · Biểu 2" links for the forms that count r */
static void annex_links(ctx *c, const reg_def *r, const char *unit, const char *period_id) {
  buf *b = &c->out;
  const catalog *cat = app_catalog(c->a);
  int k = 0;
  for (int i = 0; i < cat->nforms; i++) {
    if (!reg_feeds_form(r, &cat->forms[i])) continue;
    char label[32];
    form_label(cat->forms[i].code, label, sizeof label);
    if (k++) h_lit(b, " · ");
    h_link(b, c_url(c, "/report", "form", cat->forms[i].code, "unit", unit, "period", period_id, NULL), label);
  }
  if (!k) h_lit(b, "—");
}

/* --- GET /registers ------------------------------------------------------------------------ */

/* counts read as a viewer would: the private fields are never loaded, so
 * a count leaves no "private.read" entry in the audit log */
static user counting_user(ctx *c) {
  user u = c->u;
  u.role = ROLE_VIEWER;
  return u;
}

static int count_records(ctx *c, const reg_def *r, const char *unit, const char *period_id, int *total, dv_err *e) {
  user u = counting_user(c);
  record_filter f = {unit, has_dates(r) ? period_id : NULL, NULL, NULL, NULL, 1, 0};
  record *rows = NULL;
  int n = 0;
  int rc = app_record_list(c->a, &u, r, &f, &rows, &n, total, e);
  records_free(rows, n);
  return rc;
}

/* open letters past their deadline, in the subtree (all periods) */
static int count_overdue(ctx *c, const reg_def *r) {
  static const char *const open_status[] = {"received", "classified", "handling"};
  user u = counting_user(c);
  int late = 0;
  for (size_t s = 0; s < sizeof open_status / sizeof *open_status; s++) {
    record_filter f = {unit_arg(c), NULL, NULL, "status", open_status[s], 0, 0};
    record *rows = NULL;
    int n = 0, total = 0;
    dv_err e = {0};
    if (app_record_list(c->a, &u, r, &f, &rows, &n, &total, &e) == 0)
      for (int i = 0; i < n; i++) late += rows[i].overdue;
    records_free(rows, n);
  }
  return late;
}

void page_registers(ctx *c) {
  buf *b = &c->out;
  const char *unit = unit_arg(c);
  const char *pv = arg(c, "period");
  if (!pv) pv = default_period_id(c);
  period p;
  if (*pv && (strlen(pv) > 7 || period_parse(pv, &p))) {
    reply_html_error(c, 400, "Kỳ báo cáo không hợp lệ", PERIOD_HINT);
    return;
  }
  const char *period_id = *pv ? pv : NULL;
  int nreg = app_register_count(c->a);
  int *totals = c_alloc(c, sizeof(int) * (size_t)(nreg + 1));
  const reg_def **regs = c_alloc(c, sizeof(reg_def *) * (size_t)(nreg + 1));
  register_order(c, regs, nreg);
  for (int i = 0; i < nreg; i++) {
    dv_err e = {0};
    int rc = count_records(c, regs[i], unit, period_id, &totals[i], &e);
    if (rc) {
      reply_html_error(c, http_status_of(rc), rc == DV_EFORBIDDEN ? "Không có quyền truy cập" : "Không xem được sổ",
                       e.msg);
      return;
    }
  }
  page_begin(c, "Sổ theo dõi");
  h_lit(b, "<h1>Sổ theo dõi</h1><p class=\"hint\">Mỗi bản ghi trong sổ được tính ngay vào các biểu tổng hợp "
           "của đơn vị và của mọi cấp trên.</p>");
  h_lit(b, "<form method=\"get\" action=\"/registers\" class=\"filters\"><div class=\"field\">");
  h_unit_select(c, "unit", "Đơn vị (cả các đơn vị trực thuộc)", unit, NULL, period_id);
  h_lit(b, "</div><div class=\"field\">");
  h_period_select(c, "period", period_id, 1);
  h_lit(b, "</div><div class=\"field actions\"><button type=\"submit\">Xem</button></div></form>");
  h_lit(b, "<div class=\"table-wrap\" role=\"region\" aria-label=\"Các sổ theo dõi\" tabindex=\"0\">"
           "<table class=\"list records\"><thead><tr><th scope=\"col\">Sổ</th>"
           "<th scope=\"col\" class=\"num\">Số bản ghi</th><th scope=\"col\">Tính vào</th>"
           "<th scope=\"col\">Thao tác</th></tr></thead><tbody>");
  for (int i = 0; i < nreg; i++) {
    const reg_def *r = regs[i];
    const char *path = c_printf(c, "/r/%s", r->code);
    h_lit(b, "<tr><th scope=\"row\">");
    h_link(b, c_url(c, path, "unit", unit, "period", period_id ? period_id : "", NULL), r->title);
    h_lit(b, "</th><td class=\"num\" data-label=\"Số bản ghi\">");
    h_int(b, totals[i]);
    if (!has_dates(r)) h_lit(b, " <span class=\"count\">(mọi kỳ)</span>");
    if (tracks_overdue(r)) {
      int late = 0;
      if (has_deadlines(r)) {
        late = count_overdue(c, r);
      } else {
        user cu = counting_user(c);
        dv_err e = {0};
        if (app_record_overdue(c->a, &cu, r, unit, NULL, &late, &e)) late = 0;
      }
      if (late) {
        h_open(b, "a", "href", c_url(c, path, "unit", unit, "period", "", "overdue", "1", NULL), "class", "badge late",
               NULL);
        h_int(b, late);
        h_lit(b, " quá hạn</a>");
      }
    }
    h_lit(b, "</td><td data-label=\"Tính vào\">");
    annex_links(c, r, unit, period_id ? period_id : default_period_id(c));
    h_lit(b, "</td><td data-label=\"Thao tác\">");
    if (c->u.role >= ROLE_OFFICER) {
      h_link(b, c_url(c, c_printf(c, "%s/new", path), "unit", unit, NULL), "Thêm mới");
      h_lit(b, " · ");
      h_link(b, c_printf(c, "%s/import", path), "Nhập CSV");
      h_lit(b, " · ");
    }
    h_link(b, c_url(c, c_printf(c, "%s/export.csv", path), "unit", unit, "period", period_id ? period_id : "", NULL),
           "Xuất CSV");
    h_lit(b, " · ");
    h_link(b, c_url(c, c_printf(c, "%s/export.xlsx", path), "unit", unit, "period", period_id ? period_id : "", NULL),
           "Tải XLSX");
    h_lit(b, "</td></tr>");
  }
  h_lit(b, "</tbody></table></div>");
  if (!period_id) h_lit(b, "<p class=\"hint\">Số bản ghi: tất cả các kỳ. Số quá hạn: đơn, thư chưa giải quyết xong "
                           "đã quá hạn xử lý, kết luận chưa hoàn thành đã quá thời hạn.</p>");
  else h_lit(b, "<p class=\"hint\">Số bản ghi: trong kỳ đã chọn. Số quá hạn: đơn, thư chưa giải quyết xong đã quá hạn "
              "xử lý, kết luận chưa hoàn thành đã quá thời hạn (mọi kỳ).</p>");
  page_end(c);
  page_send(c);
}

/* --- GET /r/REG: the list --------------------------------------------------------------------- */

/* the column that links to the record: the first listed symbol or text */
static int link_column(const reg_def *r) {
  int first = -1;
  for (int i = 0; i < r->nfields; i++) {
    if (!r->fields[i].list || r->fields[i].private_) continue;
    if (first < 0) first = i;
    if (r->fields[i].type == FT_SYMBOL || r->fields[i].type == FT_TEXT) return i;
  }
  return first;
}

static void list_filters(ctx *c, const reg_def *r, const list_args *la) {
  buf *b = &c->out;
  h_open(b, "form", "method", "get", "action", c_printf(c, "/r/%s", r->code), "class", "filters", NULL);
  h_lit(b, "<div class=\"field\">");
  h_unit_select(c, "unit", "Đơn vị (cả các đơn vị trực thuộc)", la->unit, NULL, la->period);
  h_lit(b, "</div>");
  if (has_dates(r)) {
    h_lit(b, "<div class=\"field\">");
    h_period_select(c, "period", la->period, 1);
    h_lit(b, "</div>");
  }
  for (int i = 0; i < r->nfields; i++) {
    const reg_field *f = &r->fields[i];
    if (!filterable(f)) continue;
    const char *name = filter_arg_name(c, f);
    const char *id = c_printf(c, "f-%s", name);
    h_lit(b, "<div class=\"field\">");
    h_open(b, "label", "for", id, NULL);
    h_text(b, f->label);
    h_lit(b, "</label>");
    h_open(b, "select", "id", id, "name", name, NULL);
    h_option(b, "", "Tất cả", !la->sel[i]);
    if (f->type == FT_YESNO) {
      h_option(b, "yes", "Có", la->sel[i] && !strcmp(la->sel[i], "yes"));
      h_option(b, "no", "Không", la->sel[i] && !strcmp(la->sel[i], "no"));
    }
    for (int k = 0; k < f->nopt; k++)
      h_option(b, f->opts[k].code, f->opts[k].label, la->sel[i] && !strcmp(la->sel[i], f->opts[k].code));
    if (la->sel[i] && strchr(la->sel[i], '|')) h_option(b, la->sel[i], c_printf(c, "Một trong: %s", la->sel[i]), 1);
    h_lit(b, "</select></div>");
  }
  if (la->cell.level) h_hidden(b, "level", c_printf(c, "%d", la->cell.level));
  if (la->cell.date) h_hidden(b, "date", la->cell.date);
  h_lit(b, "<div class=\"field grow\"><label for=\"f-q\">Tìm kiếm</label>");
  h_open(b, "input", "id", "f-q", "name", "q", "type", "search", "value", la->q ? la->q : "", "aria-describedby",
         "h-q", NULL);
  h_lit(b, "<p class=\"hint\" id=\"h-q\">Trong: ");
  int k = 0;
  for (int i = 0; i < r->nfields; i++)
    if (r->fields[i].search && !r->fields[i].private_) {
      if (k++) h_lit(b, ", ");
      h_text(b, r->fields[i].label);
    }
  if (k) h_lit(b, ", tên đơn vị (không phân biệt dấu)</p></div>");
  else h_lit(b, "Tên đơn vị (không phân biệt dấu)</p></div>");
  if (tracks_overdue(r)) {
    h_lit(b, "<div class=\"field check\">");
    h_open(b, "input", "type", "checkbox", "id", "f-overdue", "name", "overdue", "value", "1", "checked",
           la->late ? "" : NULL, NULL);
    h_lit(b, "<label for=\"f-overdue\">Chỉ bản ghi quá hạn</label></div>");
  }
  h_lit(b, "<div class=\"field actions\"><button type=\"submit\">Lọc</button></div></form>");
}

static void list_table(ctx *c, const reg_def *r, const record *rows, int n) {
  buf *b = &c->out;
  int link = link_column(r), deadlines = has_deadlines(r), ncols = 0;
  int duef = r->due_field;
  h_open(b, "div", "class", "table-wrap", "role", "region", "aria-label", c_printf(c, "Danh sách: %s", r->title),
         "tabindex", "0", NULL);
  h_lit(b, "<table class=\"list records\"><thead><tr>");
  for (int i = 0; i < r->nfields; i++) {
    const reg_field *f = &r->fields[i];
    if (!f->list || f->private_) continue;
    h_open(b, "th", "scope", "col", "class", f->type == FT_INT ? "num" : NULL, NULL);
    h_text(b, f->label);
    h_close(b, "th");
    ncols++;
  }
  if (deadlines) h_lit(b, "<th scope=\"col\">Hạn xử lý</th>"), ncols++;
  h_lit(b, "</tr></thead><tbody>");
  for (int k = 0; k < n; k++) {
    const record *rec = &rows[k];
    h_open(b, "tr", "class", rec->overdue ? "late" : NULL, NULL);
    for (int i = 0; i < r->nfields; i++) {
      const reg_field *f = &r->fields[i];
      if (!f->list || f->private_) continue;
      const char *cls = f->type == FT_INT ? "num" : f->type == FT_DATE ? "nowrap" : NULL;
      h_open(b, "td", "class", cls, "data-label", f->label, NULL);
      int unit = (f->type == FT_UNIT || f->type == FT_UNITREF) && *rec->values[i];
      if (i == link) {
        h_open(b, "a", "href", c_printf(c, "/r/%s/%lld", r->code, (long long)rec->id), NULL);
        if (unit) h_text(b, record_unit_name(c, r, rec, i));
        else if (*rec->values[i]) h_value(c, f, rec->values[i], 1);
        else h_lit(b, "(không có)");
        h_close(b, "a");
      } else if (unit) {
        h_text(b, record_unit_name(c, r, rec, i));
      } else {
        h_value(c, f, rec->values[i], 1);
      }
      if (i == duef && rec->overdue) h_lit(b, " <span class=\"badge late\">Quá hạn</span>");
      h_close(b, "td");
    }
    if (deadlines) {
      h_lit(b, "<td class=\"nowrap\" data-label=\"Hạn xử lý\">");
      int day;
      if (rec->due[0] && date_parse(rec->due, &day) == 0) h_date(b, day);
      if (rec->overdue) h_lit(b, " <span class=\"badge late\">Quá hạn</span>");
      h_lit(b, "</td>");
    }
    h_lit(b, "</tr>");
  }
  if (!n) {
    h_open(b, "tr", NULL);
    h_open(b, "td", "colspan", c_printf(c, "%d", ncols), "class", "empty", NULL);
    h_lit(b, "Không có bản ghi nào khớp với bộ lọc.</td></tr>");
  }
  h_lit(b, "</tbody></table></div>");
}

/* the overdue records on this page: letters by working days, conclusions by their own due date */
static void overdue_notice(ctx *c, const reg_def *r, const record *rows, int n, const char *path, const list_args *la) {
  buf *b = &c->out;
  int late = 0, letters = has_deadlines(r);
  for (int i = 0; i < n; i++) late += rows[i].overdue;
  const char *item = letters ? "đơn, thư" : r->item ? r->item : "bản ghi";
  h_open(b, "p", "class", late ? "notice" : "hint", "role", "status", NULL);
  if (late) {
    h_lit(b, "Trên trang này có <strong>");
    h_int(b, late);
    h_lit(b, "</strong> ");
    h_text(b, item);
    h_text(b, letters ? " quá hạn xử lý (chưa giải quyết xong)." : " quá hạn (chưa hoàn thành, đã qua thời hạn). ");
    if (!letters)
      h_link(b, c_url(c, path, "unit", la->unit, "period", la->period ? la->period : "", "overdue", "1", NULL),
             "Chỉ xem các bản ghi quá hạn");
  } else {
    h_lit(b, "Không có ");
    h_text(b, item);
    h_text(b, letters ? " quá hạn xử lý trên trang này." : " quá hạn trên trang này.");
  }
  if (letters) h_lit(b, " Hạn tính theo ngày làm việc, bỏ ngày nghỉ, ngày lễ, Tết.");
  h_lit(b, "</p>");
}
static void page_list(ctx *c, const reg_def *r) {
  buf *b = &c->out;
  list_args la;
  const char *bad = read_list_args(c, r, &la);
  if (bad) {
    reply_html_error(c, 400, "Bộ lọc không hợp lệ", bad);
    return;
  }
  int offset = (int)((la.page - 1) * REG_PAGE_SIZE);
  /* overdue only: the app has no such filter, so every match is read and
   * the late ones are paged here */
  record_filter f = {la.unit, la.period, la.q, la.field, la.value, la.late ? 0 : REG_PAGE_SIZE, la.late ? 0 : offset};
  record *rows = NULL;
  int n = 0, total = 0;
  dv_err e = {0};
  /* the list never shows private fields: read as a reader without them, so
   * that paging through letters leaves no "private.read" in the audit log */
  user lu = counting_user(c);
  int rc = app_record_list_cell(c->a, &lu, r, &f, &la.cell, &rows, &n, &total, &e);
  if (rc) {
    records_free(rows, n);
    reply_html_error(c, http_status_of(rc), rc == DV_EFORBIDDEN ? "Không có quyền truy cập" : "Không xem được sổ",
                     e.msg);
    return;
  }
  record *shown = rows;
  int nshown = n;
  if (la.late) {
    int k = 0; /* the late records first, in their order; all n stay owned by rows */
    for (int i = 0; i < n; i++)
      if (rows[i].overdue) {
        record tmp = rows[k];
        rows[k++] = rows[i];
        rows[i] = tmp;
      }
    total = k;
    shown = rows + (offset < k ? offset : k);
    nshown = offset < k ? (k - offset < REG_PAGE_SIZE ? k - offset : REG_PAGE_SIZE) : 0;
  }
  const char *path = c_printf(c, "/r/%s", r->code);
  page_begin(c, r->title);
  h_print_head(c, la.unit, la.period);
  h_lit(b, "<p class=\"crumbs-inline\"><a href=\"/registers\">← Sổ theo dõi</a></p>");
  h_tag(b, "h1", r->title);
  if (arg(c, "deleted"))
    h_lit(b, "<p class=\"ok\" role=\"status\">Đã xóa bản ghi. Các biểu tổng hợp đã được tính lại.</p>");
  h_lit(b, "<p class=\"buttons\">");
  if (c->u.role >= ROLE_OFFICER) {
    h_open(b, "a", "href", c_url(c, c_printf(c, "%s/new", path), "unit", la.unit, NULL), "class", "button primary",
           NULL);
    h_lit(b, "Thêm mới</a>");
    h_open(b, "a", "href", c_printf(c, "%s/import", path), "class", "button", NULL);
    h_lit(b, "Nhập CSV</a>");
  }
  h_open(b, "a", "href", list_url(c, c_printf(c, "%s/export.csv", path), r, &la), "class", "button", "download", "",
         NULL);
  h_lit(b, "Xuất CSV</a>");
  h_open(b, "a", "href", list_url(c, c_printf(c, "%s/export.xlsx", path), r, &la), "class", "button", "download", "",
         NULL);
  h_lit(b, "Tải XLSX</a></p>");
  if (feeds_any(c, r)) {
    h_lit(b, "<p class=\"feeds\">Số liệu của sổ được tính vào: ");
    annex_links(c, r, la.unit, la.period ? la.period : default_period_id(c));
    h_lit(b, "</p>");
  }
  if (!strcmp(r->code, "establishments")) h_establishments_progress(c, la.unit);
  list_filters(c, r, &la);
  if (la.late) {
    h_lit(b, "<p class=\"notice\" role=\"status\">Đang xem các bản ghi quá hạn. ");
    h_link(b, c_url(c, path, "unit", la.unit, "period", has_dates(r) ? (la.period ? la.period : "") : NULL, NULL),
           "Xem tất cả");
    h_lit(b, "</p>");
  }
  if (tracks_overdue(r) && !la.late) overdue_notice(c, r, rows, n, path, &la);
  list_table(c, r, shown, nshown);
  const char **keep = c_alloc(c, sizeof(char *) * (size_t)(r->nfields + 7));
  int nk = 0;
  keep[nk++] = "unit", keep[nk++] = "period", keep[nk++] = "q", keep[nk++] = "overdue";
  keep[nk++] = "level", keep[nk++] = "date";
  for (int i = 0; i < r->nfields; i++)
    if (filterable(&r->fields[i])) keep[nk++] = filter_arg_name(c, &r->fields[i]);
  keep[nk] = NULL;
  h_pager_n(c, path, (int)la.page, total, REG_PAGE_SIZE, keep);
  page_end(c);
  page_send(c);
  records_free(rows, n);
}

/* --- GET /r/REG/export.csv ------------------------------------------------------------------ */

static void safe_name(char *out, size_t n, const char *s) {
  size_t o = 0;
  for (; *s && o + 1 < n; s++)
    out[o++] = ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-' ||
                *s == '.')
                   ? *s
                   : '_';
  out[o] = 0;
}

static void page_export(ctx *c, const reg_def *r) {
  list_args la;
  const char *bad = read_list_args(c, r, &la);
  if (bad) {
    reply_html_error(c, 400, "Bộ lọc không hợp lệ", bad);
    return;
  }
  record_filter f = {la.unit, la.period, la.q, la.field, la.value, 0, 0};
  buf_reset(&c->out);
  buf_adds(&c->out, "\xEF\xBB\xBF"); /* BOM: spreadsheet programs then read UTF-8; the import skips it */
  dv_err e = {0};
  int rc = app_record_export(c->a, &c->u, r, &f, &c->out, &e);
  if (rc) {
    buf_reset(&c->out);
    reply_html_error(c, http_status_of(rc), rc == DV_EFORBIDDEN ? "Không có quyền truy cập" : "Không xuất được sổ",
                     e.msg);
    return;
  }
  char name[160];
  safe_name(name, sizeof name, c_printf(c, "%s-%s-%s.csv", r->code, la.unit, la.period ? la.period : "tat-ca"));
  c->status = 200;
  c->ctype = "text/csv; charset=utf-8";
  c->disposition = c_printf(c, "attachment; filename=\"%s\"", name);
}

/* --- GET /r/REG/export.xlsx: the same records as a workbook for reading ------------------------- */

static void page_export_xlsx(ctx *c, const reg_def *r) {
  list_args la;
  const char *bad = read_list_args(c, r, &la);
  if (bad) {
    reply_html_error(c, 400, "Bộ lọc không hợp lệ", bad);
    return;
  }
  record_filter f = {la.unit, la.period, la.q, la.field, la.value, 0, 0};
  buf x;
  buf_init(&x, WEB_OUT_MAX);
  dv_err e = {0};
  int rc = app_record_export_xlsx(c->a, &c->u, r, &f, &x, &e);
  if (rc) {
    buf_release(&x);
    reply_html_error(c, http_status_of(rc), rc == DV_EFORBIDDEN ? "Không có quyền truy cập" : "Không xuất được sổ",
                     e.msg);
    return;
  }
  buf_release(&c->out);
  c->out = x;
  char name[160];
  safe_name(name, sizeof name, c_printf(c, "%s-%s-%s.xlsx", r->code, la.unit, la.period ? la.period : "tat-ca"));
  c->status = 200;
  c->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  c->disposition = c_printf(c, "attachment; filename=\"%s\"", name);
}

/* --- the record form ---------------------------------------------------------------------------- */

typedef struct rec_form {
  const reg_def *r;
  long long id;
  const char *val[REG_MAX_FIELDS]; /* as shown in the inputs (dates dd/mm/yyyy) */
  const char *err[REG_MAX_FIELDS];
  int priv_edit;                   /* the private fields are shown and editable */
  int can_write;
  const char *top_err, *delete_err, *attach_err, *stage_err;
  const char *lock_msg;            /* the approval that locks the record, in words; NULL if none */
  lock_ref lock;                   /* that approval's report */
  const char *saved_id;            /* "Lưu và thêm mới": the record just saved */
  const char *stage_to, *stage_date, *stage_comment; /* a refused step, as typed */
  char due[11];
  int overdue;
  const char *unit_code, *period_id; /* where the record counts (for the annex links) */
} rec_form;

/* 1 if the user may read (and so edit) the private fields of a new record
 * of that unit with those values (a stored record says it: private_ok) */
static int new_private_ok(ctx *c, const reg_def *r, const char *unit_code, const char *const *vals) {
  const char *v[REG_MAX_FIELDS];
  for (int i = 0; i < REG_MAX_FIELDS; i++) v[i] = i < r->nfields && vals[i] ? vals[i] : "";
  app_read_begin(c->a);
  int pos = unit_code && *unit_code ? unit_pos_of(c, unit_code) : -1;
  int ok = pos >= 0 && app_record_private_ok(c->a, &c->u, r, pos, v);
  app_read_end(c->a);
  return ok;
}

/* the half-year a record counts in (or its period field), for the links to
 * the annexes; NULL if its date is not set */
static const char *record_period(ctx *c, const reg_def *r, const char *const *iso) {
  if (r->period_field >= 0 && iso[r->period_field] && *iso[r->period_field]) return c_strdup(c, iso[r->period_field]);
  int day;
  if (r->date_field < 0 || !iso[r->date_field] || !*iso[r->date_field]) return NULL;
  if (r->fields[r->date_field].type == FT_YEAR)
    return strlen(iso[r->date_field]) == 4 ? c_strdup(c, iso[r->date_field]) : NULL;
  if (date_parse(iso[r->date_field], &day)) return NULL;
  period ps[PERIODS_PER_DAY];
  period_cfg cfg = app_period_cfg(c->a);
  int np = period_of_day(day, &cfg, ps);
  for (int k = 0; k < np; k++)
    if (ps[k].kind == PERIOD_HALF) {
      char id[8];
      period_format(&ps[k], id);
      return c_strdup(c, id);
    }
  return NULL;
}

static void field_label(buf *b, const char *id, const reg_field *f) {
  h_open(b, "label", "for", id, NULL);
  h_text(b, f->label);
  if (f->required) h_lit(b, "<span class=\"req\" aria-hidden=\"true\"> *</span>");
  h_close(b, "label");
}

static const char *field_hint(const reg_def *r, const reg_field *f) {
  switch (f->type) {
  case FT_DATE: return "Ngày/tháng/năm, ví dụ 30/03/2023";
  case FT_INT: return "Số nguyên không âm";
  case FT_YEAR: return "Năm, ví dụ 2024";
  case FT_SYMBOL: return r->kind_field >= 0 ? "Ví dụ 08-NQ/TU; loại trong ký hiệu phải trùng loại văn bản đã chọn"
                                            : "Ví dụ 08-NQ/TU";
  case FT_LOGIN: return "Tài khoản đăng nhập của người dùng";
  default: return f->private_ ? "Thông tin cá nhân: chỉ cán bộ đơn vị tiếp nhận xem được; mọi lần xem được ghi nhật ký"
                              : NULL;
  }
}

/* is code one of the ;-separated codes in list */
static int in_set(const char *list, const char *code) {
  size_t n = strlen(code);
  for (const char *p = list; p && *p;) {
    const char *end = strchr(p, ';');
    size_t k = end ? (size_t)(end - p) : strlen(p);
    if (k == n && strncmp(p, code, n) == 0) return 1;
    p = end ? end + 1 : NULL;
  }
  return 0;
}

/* the most characters an input of the field takes: the app's limit, or its format's */
static int input_maxlength(const reg_field *f) {
  switch (f->type) {
  case FT_DATE: return 10;  /* dd/mm/yyyy */
  case FT_YEAR: return 4;
  case FT_INT: return 13;   /* 999.999.999 and spaces */
  default: return reg_field_max_chars(f);
  }
}

/* the field's hint with its limit ("Tối đa 2.000 ký tự.") for a text */
static const char *hint_with_limit(ctx *c, const reg_def *r, const reg_field *f) {
  const char *hint = field_hint(r, f);
  int max = reg_field_max_chars(f);
  if (!max || f->type == FT_SYMBOL || f->type == FT_LOGIN) return hint;
  buf n;
  buf_init(&n, 0);
  h_int(&n, max);
  const char *lim = c_printf(c, "Tối đa %s ký tự.", n.s);
  buf_release(&n);
  return hint ? c_printf(c, "%s. %s", hint, lim) : lim;
}

static void render_field(ctx *c, rec_form *rf, int i) {
  buf *b = &c->out;
  const reg_field *f = &rf->r->fields[i];
  const char *v = rf->val[i] ? rf->val[i] : "", *err = rf->err[i], *hint = hint_with_limit(c, rf->r, f);
  int maxlen = input_maxlength(f);
  const char *maxattr = maxlen ? c_printf(c, "%d", maxlen) : NULL;
  const char *id = c_printf(c, "f-%s", f->name), *eid = c_printf(c, "e-%s", f->name),
             *hid = c_printf(c, "h-%s", f->name);
  const char *desc = hint && err ? c_printf(c, "%s %s", hid, eid) : hint ? hid : err ? eid : NULL;
  const char *invalid = err ? "true" : NULL, *req = f->required ? "" : NULL;
  if (is_stage(rf->r, i)) {
    h_lit(b, "<div class=\"field\"><span class=\"label\">");
    h_text(b, f->label);
    h_lit(b, "</span><p class=\"stage\">");
    if (*v) h_value(c, f, v, 0);
    else h_text(b, f->nopt && rf->r->ntrans ? option_label(f, rf->r->trans[0].from) : "");
    h_lit(b, " <span class=\"hint\">(chuyển bằng các bước bên dưới)</span></p></div>");
    return;
  }
  if (f->private_ && !rf->priv_edit) {
    h_lit(b, "<div class=\"field\"><span class=\"label\">");
    h_text(b, f->label);
    h_lit(b, "</span><p class=\"private\">");
    h_text(b, private_note);
    h_lit(b, "</p></div>");
    return;
  }
  if (f->type == FT_SET) {
    h_open(b, "fieldset", "class", "checks", "aria-describedby", err ? eid : NULL, NULL);
    h_open(b, "legend", NULL);
    h_text(b, f->label);
    if (f->required) h_lit(b, "<span class=\"req\" aria-hidden=\"true\"> *</span>");
    h_close(b, "legend");
    for (int k = 0; k < f->nopt; k++) {
      const char *oid = c_printf(c, "f-%s-%d", f->name, k);
      h_lit(b, "<div class=\"check\">");
      h_open(b, "input", "type", "checkbox", "id", oid, "name", f->name, "value", f->opts[k].code, "checked",
             in_set(v, f->opts[k].code) ? "" : NULL, NULL);
      h_open(b, "label", "for", oid, NULL);
      h_text(b, f->opts[k].label);
      h_lit(b, "</label></div>");
    }
    h_error_for(b, eid, err);
    h_close(b, "fieldset");
    return;
  }
  h_lit(b, "<div class=\"field\">");
  switch (f->type) {
  case FT_UNIT:
    h_unit_select(c, f->name, f->required ? c_printf(c, "%s *", f->label) : f->label, v, err, NULL);
    err = NULL; /* printed by h_unit_select */
    break;
  case FT_PERIOD:
    h_period_select_ex(c, f->name, f->label, v, "— Không chọn —", err);
    err = NULL;
    break;
  case FT_ENUM:
  case FT_YESNO:
    field_label(b, id, f);
    h_open(b, "select", "id", id, "name", f->name, "required", req, "aria-invalid", invalid, "aria-describedby", desc,
           NULL);
    h_option(b, "", "— Chọn —", !*v);
    if (f->type == FT_YESNO) {
      h_option(b, "yes", "Có", !strcmp(v, "yes"));
      h_option(b, "no", "Không", !strcmp(v, "no"));
    }
    for (int k = 0; k < f->nopt; k++) h_option(b, f->opts[k].code, f->opts[k].label, !strcmp(v, f->opts[k].code));
    h_close(b, "select");
    break;
  case FT_LONGTEXT:
    field_label(b, id, f);
    h_open(b, "textarea", "id", id, "name", f->name, "rows", "4", "required", req, "aria-invalid", invalid,
           "aria-describedby", desc, "maxlength", maxattr, NULL);
    h_text(b, v);
    h_close(b, "textarea");
    break;
  default:
    field_label(b, id, f);
    h_open(b, "input", "id", id, "name", f->name, "type", "text", "value", v, "required", req, "aria-invalid", invalid,
           "aria-describedby", desc, "inputmode", f->type == FT_INT || f->type == FT_YEAR ? "numeric" : NULL,
           "placeholder",
           f->type == FT_DATE ? "dd/mm/yyyy" : NULL, "autocomplete",
           f->type == FT_DATE || f->type == FT_LOGIN || f->private_ ? "off" : NULL, "class",
           f->type == FT_INT || f->type == FT_DATE || f->type == FT_YEAR ? "short" : NULL, "data-unit-search",
           f->type == FT_UNITREF ? "all" : NULL, "maxlength", maxattr, NULL);
    break;
  }
  if (hint && f->type != FT_UNIT && f->type != FT_PERIOD) {
    h_open(b, "p", "class", "hint", "id", hid, NULL);
    h_text(b, hint);
    h_close(b, "p");
  }
  h_error_for(b, eid, err);
  h_lit(b, "</div>");
}

static const char *type_short(const char *mime) {
  if (!strcmp(mime, "application/pdf")) return "PDF";
  if (!strcmp(mime, "image/png")) return "PNG";
  if (!strcmp(mime, "image/jpeg")) return "JPEG";
  if (strstr(mime, "wordprocessingml")) return "DOCX";
  return mime;
}

static void h_size(buf *b, size_t n) {
  if (n < 1024) {
    h_int(b, (long long)n);
    h_lit(b, " B");
  } else if (n < (1u << 20)) {
    h_num(b, (double)((n * 10 + 512) / 1024) / 10);
    h_lit(b, " KB");
  } else {
    h_num(b, (double)((n * 10 + (1u << 19)) >> 20) / 10);
    h_lit(b, " MB");
  }
}

static void attachments_section(ctx *c, rec_form *rf) {
  buf *b = &c->out;
  attachment_info *rows = NULL;
  int n = 0;
  dv_err e = {0};
  int rc = app_attachment_list(c->a, &c->u, rf->r, rf->id, &rows, &n, &e);
  h_lit(b, "<section aria-labelledby=\"att\" id=\"attachments\"><h2 id=\"att\">Tệp đính kèm</h2>");
  if (arg(c, "attached")) h_lit(b, "<p class=\"ok\" role=\"status\">Đã tải tệp lên.</p>");
  if (rc) {
    h_open(b, "p", "class", "alert", NULL);
    h_text(b, e.msg);
    h_close(b, "p");
  } else if (!n) {
    h_lit(b, "<p class=\"hint\">Chưa có tệp đính kèm.</p>");
  } else {
    h_lit(b, "<div class=\"table-wrap\"><table class=\"list records\"><thead><tr><th scope=\"col\">Tên tệp</th>"
             "<th scope=\"col\">Loại</th><th scope=\"col\" class=\"num\">Dung lượng</th>"
             "<th scope=\"col\">SHA-256</th><th scope=\"col\">Tải lên lúc</th></tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
      h_lit(b, "<tr><td data-label=\"Tên tệp\">");
      h_link(b, c_printf(c, "/attachments/%lld", (long long)rows[i].id), rows[i].name);
      h_lit(b, "</td><td data-label=\"Loại\">");
      h_text(b, type_short(rows[i].type));
      h_lit(b, "</td><td class=\"num\" data-label=\"Dung lượng\">");
      h_size(b, rows[i].size);
      h_lit(b, "</td><td data-label=\"SHA-256\">");
      h_open(b, "code", "title", rows[i].sha256, NULL);
      h_text(b, c_printf(c, "%.12s…", rows[i].sha256));
      h_lit(b, "</code></td><td data-label=\"Tải lên lúc\">");
      h_time(b, rows[i].created_at, 0);
      h_lit(b, "</td></tr>");
    }
    h_lit(b, "</tbody></table></div>");
  }
  free(rows);
  if (rf->can_write) {
    h_open(b, "form", "method", "post", "action", c_printf(c, "/r/%s/%lld/attachments", rf->r->code, rf->id),
           "enctype", "multipart/form-data", "class", "stack upload", NULL);
    h_csrf(c);
    h_lit(b, "<div class=\"field\"><label for=\"f-file\">Tải tệp lên</label>");
    h_open(b, "input", "type", "file", "id", "f-file", "name", "file", "required", "", "accept",
           ".pdf,.docx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg", "aria-describedby",
           rf->attach_err ? "h-file e-file" : "h-file", "aria-invalid", rf->attach_err ? "true" : NULL, NULL);
    h_lit(b, "<p class=\"hint\" id=\"h-file\">PDF, DOCX, PNG hoặc JPEG, tối đa ");
    h_int(b, ATTACH_MAX >> 20);
    h_lit(b, " MB. Loại tệp được kiểm tra theo nội dung; tệp được lưu kèm mã SHA-256.</p>");
    h_error_for(b, "e-file", rf->attach_err);
    h_lit(b, "</div><p class=\"buttons\"><button type=\"submit\">Tải lên</button></p></form>");
  }
  h_lit(b, "</section>");
}

/* the stages a record went through, and the steps this user may take now */
static void stages_section(ctx *c, rec_form *rf) {
  buf *b = &c->out;
  const reg_def *r = rf->r;
  const reg_field *sf = &r->fields[r->stage_field];
  stage_event *ev = NULL;
  int nev = 0;
  dv_err e = {0};
  h_lit(b, "<section aria-labelledby=\"stg\" id=\"stages\"><h2 id=\"stg\">Các bước</h2>");
  if (arg(c, "moved")) h_lit(b, "<p class=\"ok\" role=\"status\">Đã chuyển bước.</p>");
  if (app_record_history(c->a, &c->u, r, rf->id, &ev, &nev, &e) == 0 && nev) {
    h_lit(b, "<div class=\"table-wrap\"><table class=\"list records\"><thead><tr><th scope=\"col\">Ngày</th>"
             "<th scope=\"col\">Từ</th><th scope=\"col\">Sang</th><th scope=\"col\">Người thực hiện</th>"
             "<th scope=\"col\">Ý kiến</th></tr></thead><tbody>");
    for (int i = 0; i < nev; i++) {
      int day;
      h_lit(b, "<tr><td class=\"nowrap\" data-label=\"Ngày\">");
      if (date_parse(ev[i].date, &day) == 0) h_date(b, day);
      else h_text(b, ev[i].date);
      h_lit(b, "</td><td data-label=\"Từ\">");
      h_text(b, option_label(sf, ev[i].from));
      h_lit(b, "</td><td data-label=\"Sang\">");
      h_text(b, option_label(sf, ev[i].to));
      h_lit(b, "</td><td data-label=\"Người thực hiện\">");
      h_text(b, ev[i].login);
      h_lit(b, "</td><td data-label=\"Ý kiến\">");
      h_text(b, ev[i].comment ? ev[i].comment : "");
      h_lit(b, "</td></tr>");
    }
    h_lit(b, "</tbody></table></div>");
  } else {
    h_lit(b, "<p class=\"hint\">Chưa chuyển bước nào.</p>");
  }
  stage_events_free(ev, nev);
  const char *next[32];
  int nn = rf->lock_msg ? 0 : app_record_next_stages(c->a, &c->u, r, rf->id, next, 32);
  if (rf->lock_msg) {
    h_lit(b, "<p class=\"hint\">Đã khóa: không chuyển bước được cho đến khi báo cáo được mở lại.</p>");
    if (rf->stage_err) h_error_for(b, "e-to", rf->stage_err);
    h_lit(b, "</section>");
    return;
  }
  if (nn <= 0) {
    h_lit(b, "<p class=\"hint\">Bạn không có bước nào để thực hiện ở giai đoạn này.</p>");
    if (rf->stage_err) h_error_for(b, "e-to", rf->stage_err);
    h_lit(b, "</section>");
    return;
  }
  h_lit(b, "<h3 id=\"stg-next\">Chuyển bước tiếp theo</h3>");
  h_open(b, "form", "method", "post", "action", c_printf(c, "/r/%s/%lld/stage", r->code, rf->id), "class",
         "stack stage-form", "aria-labelledby", "stg-next", NULL);
  h_csrf(c);
  h_lit(b, "<div class=\"field\"><label for=\"f-to\">Chuyển sang</label>");
  h_open(b, "select", "id", "f-to", "name", "to", "aria-invalid", rf->stage_err ? "true" : NULL, "aria-describedby",
         rf->stage_err ? "e-to" : NULL, NULL);
  for (int i = 0; i < nn; i++)
    h_option(b, next[i], option_label(sf, next[i]), rf->stage_to && !strcmp(rf->stage_to, next[i]));
  h_lit(b, "</select>");
  h_error_for(b, "e-to", rf->stage_err);
  h_lit(b, "</div>");
  char today[11];
  date_format_vn(app_today(c->a), today);
  h_field(b, "stage_date", "Ngày", "text", rf->stage_date ? rf->stage_date : today, NULL,
          "Ngày/tháng/năm, ví dụ 30/03/2023");
  h_field(b, "comment", "Ý kiến, căn cứ", "textarea", rf->stage_comment ? rf->stage_comment : "", NULL, NULL);
  h_lit(b, "<p class=\"buttons\"><button type=\"submit\" class=\"primary\">Chuyển bước</button></p></form></section>");
}

static void delete_section(ctx *c, const rec_form *rf) {
  buf *b = &c->out;
  h_lit(b, "<section class=\"danger\" aria-labelledby=\"del\"><h2 id=\"del\">Xóa bản ghi</h2>");
  h_open(b, "form", "method", "post", "action", c_printf(c, "/r/%s/%lld/delete", rf->r->code, rf->id), "data-confirm",
         "Xóa bản ghi này? Các biểu tổng hợp sẽ được tính lại.", NULL);
  h_csrf(c);
  h_lit(b, "<div class=\"check\"><input type=\"checkbox\" id=\"f-confirm\" name=\"confirm\" value=\"1\" required>"
           "<label for=\"f-confirm\">Tôi xác nhận xóa bản ghi này</label></div>");
  h_error_for(b, "e-confirm", rf->delete_err);
  h_lit(b, "<p class=\"buttons\"><button type=\"submit\" class=\"danger\">Xóa</button></p></form></section>");
}

static int editable(const rec_form *rf) { return rf->can_write && !rf->lock_msg; }

/* "Đã khóa — Biểu 5, năm 2024 của … đã được phê duyệt bởi … ngày …; muốn sửa, đề nghị …" */
static void lock_notice(ctx *c, const rec_form *rf) {
  buf *b = &c->out;
  const char *msg = rf->lock_msg, *prefix = "số liệu đã khóa: ";
  if (!strncmp(msg, prefix, strlen(prefix))) msg += strlen(prefix);
  h_lit(b, "<div class=\"notice locked-line\" id=\"lock\"><p><strong>Đã khóa</strong> — ");
  h_text(b, msg);
  h_lit(b, ".</p><p>Bản ghi được tính vào báo cáo đã phê duyệt nên không sửa, không xóa được. Người phê duyệt mở lại "
           "báo cáo ở khung ");
  h_link(b, c_printf(c, "%s#submission", c_url(c, "/report", "form", rf->lock.form, "period", rf->lock.period, "unit",
                                                rf->lock.unit, NULL)),
         "“Tình trạng báo cáo” của báo cáo đã phê duyệt");
  h_lit(b, ".</p></div>");
}

/* "Đã lưu cuộc đối thoại số 12 (xem lại)." above an empty form */
static void saved_notice(ctx *c, const rec_form *rf) {
  buf *b = &c->out;
  const char *item = rf->r->item ? rf->r->item : "bản ghi";
  h_lit(b, "<p class=\"ok\" role=\"status\" id=\"saved\">Đã lưu ");
  h_link(b, c_printf(c, "/r/%s/%s", rf->r->code, rf->saved_id), c_printf(c, "%s số %s", item, rf->saved_id));
  h_lit(b, ". Nhập tiếp bản ghi mới (đơn vị và ngày giữ như bản vừa lưu).</p>");
}

static void record_form(ctx *c, rec_form *rf) {
  buf *b = &c->out;
  const reg_def *r = rf->r;
  const char *action = rf->id ? c_printf(c, "/r/%s/%lld", r->code, rf->id) : c_printf(c, "/r/%s", r->code);
  h_open(b, "form", "method", "post", "action", action, "class", "stack record-form", "novalidate", "",
         "data-max-body", c_printf(c, "%zu", (size_t)WEB_BODY_MAX), NULL);
  h_csrf(c);
  h_lit(b, "<p class=\"hint\">Trường có dấu * là bắt buộc.</p>");
  for (int i = 0; i < r->nfields; i++) render_field(c, rf, i);
  h_lit(b, "<p class=\"form-status alert\" role=\"alert\" hidden></p>"
           "<p class=\"buttons\"><button type=\"submit\" class=\"primary\">Lưu</button> ");
  if (!rf->id) h_lit(b, "<button type=\"submit\" name=\"next\" value=\"new\">Lưu và thêm mới</button> ");
  h_link(b, c_printf(c, "/r/%s", r->code), "Hủy");
  h_lit(b, "</p></form>");
}

/* the record as text: label and value, no control */
static void record_view(ctx *c, rec_form *rf) {
  buf *b = &c->out;
  const reg_def *r = rf->r;
  if (!rf->can_write) h_lit(b, "<p class=\"notice\">Bạn chỉ có quyền xem bản ghi này.</p>");
  h_lit(b, "<dl class=\"record-view\">");
  for (int i = 0; i < r->nfields; i++) {
    const reg_field *f = &r->fields[i];
    h_lit(b, "<div><dt>");
    h_text(b, f->label);
    h_lit(b, "</dt><dd>");
    if (f->private_ && !rf->priv_edit) h_text(b, private_note);
    else if (rf->val[i] && *rf->val[i]) h_value(c, f, rf->val[i], 0);
    else h_lit(b, "<span class=\"hint\">(trống)</span>");
    h_lit(b, "</dd></div>");
  }
  h_lit(b, "</dl>");
}

/* /r/REG/new for a reader who may not write: what to do instead */
static void read_only_new(ctx *c, const rec_form *rf) {
  buf *b = &c->out;
  h_lit(b, "<p class=\"notice\" id=\"read-only\">Tài khoản của bạn chỉ có quyền xem: không thêm được ");
  h_text(b, rf->r->item ? rf->r->item : "bản ghi");
  h_lit(b, ". Muốn ghi sổ, đề nghị quản trị của đơn vị cấp quyền cán bộ.</p><p>");
  h_link(b, c_printf(c, "/r/%s", rf->r->code), c_printf(c, "Xem %s", rf->r->title));
  h_lit(b, "</p>");
}

static void record_page(ctx *c, rec_form *rf) {
  buf *b = &c->out;
  const reg_def *r = rf->r;
  const char *item = r->item ? r->item : "bản ghi";
  const char *title = rf->id ? c_printf(c, "%s số %lld", cap_first(c, item), rf->id) : c_printf(c, "Thêm %s", item);
  page_begin(c, title);
  h_lit(b, "<p class=\"crumbs-inline\">");
  int uf = unit_field_of(r);
  h_link(b, c_url(c, c_printf(c, "/r/%s", r->code), "unit", rf->id || uf < 0 ? NULL : rf->val[uf], NULL),
         c_printf(c, "← %s", r->title));
  h_lit(b, "</p><p class=\"kicker\">");
  h_text(b, r->title);
  h_lit(b, "</p>");
  h_tag(b, "h1", title);
  if (rf->id && arg(c, "saved"))
    h_lit(b, "<p class=\"ok\" role=\"status\">Đã lưu. Các biểu tổng hợp đã được tính lại.</p>");
  if (!rf->id && rf->saved_id) saved_notice(c, rf);
  if (rf->id && rf->due[0]) {
    int day;
    h_open(b, "p", "class", rf->overdue ? "notice" : "hint", NULL);
    h_lit(b, "Hạn xử lý: ");
    if (date_parse(rf->due, &day) == 0) h_date(b, day);
    if (rf->overdue) h_lit(b, " <span class=\"badge late\">Quá hạn</span>");
    h_lit(b, "</p>");
  }
  int nerr = 0;
  for (int i = 0; i < r->nfields; i++) nerr += rf->err[i] != NULL;
  if (rf->top_err) {
    h_open(b, "div", "class", "alert", "role", "alert", "id", "errors", "tabindex", "-1", NULL);
    h_text(b, rf->top_err);
    h_close(b, "div");
  } else if (nerr) {
    /* the list of errors, each a link to its field (focused by app.js) */
    h_lit(b, "<div class=\"alert\" role=\"alert\" id=\"errors\" tabindex=\"-1\"><p>Chưa lưu được, hãy sửa ");
    h_int(b, nerr);
    h_lit(b, " mục:</p><ul>");
    for (int i = 0; i < r->nfields; i++) {
      if (!rf->err[i]) continue;
      const reg_field *f = &r->fields[i];
      h_lit(b, "<li>");
      h_open(b, "a", "href", c_printf(c, f->type == FT_SET ? "#f-%s-0" : "#f-%s", f->name), NULL);
      h_text(b, f->label);
      h_lit(b, "</a>: ");
      h_text(b, rf->err[i]);
      h_lit(b, "</li>");
    }
    h_lit(b, "</ul></div>");
  }
  if (rf->lock_msg) lock_notice(c, rf);
  if (editable(rf)) record_form(c, rf);
  else if (rf->id) record_view(c, rf);
  else read_only_new(c, rf);
  if (rf->id && rf->unit_code && rf->period_id && feeds_any(c, r)) {
    char plabel[64];
    period_label_cap(rf->period_id, plabel, sizeof plabel);
    h_lit(b, "<p class=\"feeds\">Bản ghi này được tính vào (");
    h_text(b, plabel);
    h_lit(b, ", ");
    h_text(b, unit_name_of(c, rf->unit_code));
    h_lit(b, "): ");
    annex_links(c, r, rf->unit_code, rf->period_id);
    h_lit(b, "</p>");
  }
  if (rf->id && r->stage_field >= 0) stages_section(c, rf);
  if (rf->id && takes_attachments(r)) attachments_section(c, rf);
  if (rf->id && editable(rf)) delete_section(c, rf);
  page_end(c);
  page_send(c);
}

/* the form's values from a stored record */
static void form_from_record(ctx *c, rec_form *rf, const record *rec) {
  const reg_def *r = rf->r;
  rf->id = rec->id;
  for (int i = 0; i < r->nfields; i++) {
    const char *v = rec->values[i] ? rec->values[i] : "";
    int day;
    char d[11];
    if (r->fields[i].type == FT_DATE && date_parse(v, &day) == 0) {
      date_format_vn(day, d);
      v = d;
    }
    rf->val[i] = c_strdup(c, v);
  }
  int uf = unit_field_of(r);
  rf->unit_code = uf >= 0 ? c_strdup(c, rec->values[uf]) : NULL;
  rf->period_id = record_period(c, r, (const char *const *)rec->values);
  snprintf(rf->due, sizeof rf->due, "%s", rec->due);
  rf->overdue = rec->overdue;
  rf->priv_edit = rec->private_ok;
}

/* loads record id into rf; on failure the error page is already the reply */
static int load_rec_form(ctx *c, const reg_def *r, long long id, rec_form *rf) {
  memset(rf, 0, sizeof *rf);
  rf->r = r;
  record rec;
  dv_err e = {0};
  int rc = app_record_get(c->a, &c->u, r, id, &rec, &e);
  if (rc) {
    reply_html_error(c, http_status_of(rc), rc == DV_ENOTFOUND ? "Không tìm thấy" : "Không có quyền truy cập", e.msg);
    return rc;
  }
  form_from_record(c, rf, &rec);
  dv_err le = {0};
  if (app_record_lock(c->a, r, &rec, &rf->lock, &le)) rf->lock_msg = c_strdup(c, le.msg);
  const tree *t = app_read_begin(c->a);
  int pos = tree_find_id(t, rec.unit_id);
  app_read_end(c->a);
  rf->can_write = pos >= 0 && app_can_write(c->a, &c->u, pos);
  record_release(&rec);
  return 0;
}

/* "  1.865 " -> "1865"; anything else unchanged (the app says what is wrong) */
static const char *normalise_int(ctx *c, const char *s) {
  char *o = c_alloc(c, strlen(s) + 1);
  size_t k = 0;
  for (const char *p = s; *p; p++) {
    if (*p == '.' || *p == ' ') continue;
    if (*p < '0' || *p > '9') return s;
    o[k++] = *p;
  }
  o[k] = 0;
  return o;
}

static const char *trimmed(ctx *c, const char *s) {
  while (*s == ' ' || *s == '\t') s++;
  char *o = c_strdup(c, s);
  for (size_t n = strlen(o); n && (o[n - 1] == ' ' || o[n - 1] == '\t'); n--) o[n - 1] = 0;
  return o;
}

/* the submitted fields into rf->val (as typed) and out (for the app; NULL
 * keeps a private field); the number of errors found here */
static int read_post(ctx *c, rec_form *rf, const char **out) {
  const reg_def *r = rf->r;
  int errors = 0;
  for (int i = 0; i < r->nfields; i++) {
    const reg_field *f = &r->fields[i];
    out[i] = NULL;
    if (is_stage(r, i)) {
      out[i] = ""; /* the app keeps the stage (a new record: the first) */
      continue;
    }
    if (f->private_ && !rf->priv_edit) continue;
    const char *v;
    if (f->type == FT_SET) {
      buf s;
      buf_init(&s, 0);
      for (int k = 0; k < c->form.n; k++)
        if (!strcmp(c->form.v[k].key, f->name) && *c->form.v[k].val) {
          if (s.len) buf_addc(&s, ';');
          buf_adds(&s, c->form.v[k].val);
        }
      v = c_strdup(c, s.s);
      buf_release(&s);
    } else {
      v = field(c, f->name);
      v = v ? v : "";
    }
    rf->val[i] = v;
    if (strlen(v) > VALUE_MAX) {
      rf->err[i] = "Quá dài.";
      errors++;
      continue;
    }
    if (f->type == FT_DATE) {
      const char *d = trimmed(c, v);
      int day;
      if (!*d) {
        out[i] = "";
      } else if (parse_date_vn(d, &day) == 0) {
        char iso[11];
        date_format_iso(day, iso);
        out[i] = c_strdup(c, iso);
      } else {
        rf->err[i] = "Ngày không hợp lệ: nhập dạng ngày/tháng/năm, ví dụ 30/03/2023.";
        errors++;
      }
    } else if (f->type == FT_INT) {
      out[i] = normalise_int(c, trimmed(c, v));
    } else {
      out[i] = v;
    }
    /* every empty required field at once (the app stops at the first) */
    if (f->required && !rf->err[i] && out[i] && !*trimmed(c, out[i])) {
      int choice = f->type == FT_ENUM || f->type == FT_YESNO || f->type == FT_UNIT;
      rf->err[i] = f->type == FT_SET ? "Chọn ít nhất một mục." : choice ? "Hãy chọn một giá trị." : "Bắt buộc nhập.";
      errors++;
    }
  }
  return errors;
}

/* an app error next to the field it names, else above the form */
static void place_error(ctx *c, rec_form *rf, const dv_err *e) {
  int i = e->field[0] ? reg_field_index(rf->r, e->field) : -1;
  /* next to its field, the message drops its 'trường "x" (Nhãn): ' prefix */
  const char *msg = e->msg, *cut = strstr(msg, "): ");
  if (i >= 0 && strncmp(msg, "trường \"", strlen("trường \"")) == 0 && cut) msg = cap_first(c, cut + 3);
  if (i >= 0 && !is_stage(rf->r, i) && !(rf->r->fields[i].private_ && !rf->priv_edit)) rf->err[i] = c_strdup(c, msg);
  else rf->top_err = c_strdup(c, e->msg[0] ? e->msg : "Không lưu được.");
}

/* every error the app finds in the fields read without one here (the
 * app's own first error is already placed) */
static void place_all_errors(ctx *c, rec_form *rf, const char *const *out) {
  dv_err errs[REG_MAX_FIELDS];
  const char *v[REG_MAX_FIELDS];
  for (int i = 0; i < rf->r->nfields; i++) v[i] = rf->err[i] ? NULL : out[i];
  int n = app_record_check(c->a, &c->u, rf->r, v, errs, REG_MAX_FIELDS);
  for (int k = 0; k < n && k < REG_MAX_FIELDS; k++) {
    int i = errs[k].field[0] ? reg_field_index(rf->r, errs[k].field) : -1;
    if (i < 0 || !rf->err[i]) place_error(c, rf, &errs[k]);
  }
}

/* the record page, or ("Lưu và thêm mới") an empty form keeping the unit and the date */
static const char *after_save(ctx *c, const reg_def *r, long long id, int64_t rid, const char *const *out) {
  const char *next = field(c, "next");
  if (id || !next || strcmp(next, "new"))
    return c_printf(c, "/r/%s/%lld?saved=1", r->code, (long long)rid);
  int uf = unit_field_of(r), df = r->date_field;
  return c_url(c, c_printf(c, "/r/%s/new", r->code), "unit", uf >= 0 ? out[uf] : NULL, "date",
               df >= 0 ? out[df] : NULL, "saved", c_printf(c, "%lld", (long long)rid), NULL);
}

static void save(ctx *c, const reg_def *r, long long id) {
  rec_form rf;
  if (id) {
    if (load_rec_form(c, r, id, &rf)) return;
    if (!rf.can_write) {
      reply_html_error(c, 403, "Không có quyền truy cập", "Bạn chỉ có quyền xem bản ghi này.");
      return;
    }
    memset(rf.err, 0, sizeof rf.err);
  } else {
    memset(&rf, 0, sizeof rf);
    rf.r = r;
    rf.can_write = 1;
    /* on "new" the private inputs were in the form only for a user who may
     * see them; what was typed there is passed on */
    for (int i = 0; i < r->nfields; i++)
      if (r->fields[i].private_ && field(c, r->fields[i].name)) rf.priv_edit = 1;
  }
  const char *out[REG_MAX_FIELDS] = {0};
  int errors = read_post(c, &rf, out);
  int64_t rid = id;
  dv_err e = {0};
  int rc = errors ? DV_EINVAL : app_record_save(c->a, &c->u, r, &rid, out, &e);
  if (rc == 0) {
    reply_redirect(c, after_save(c, r, id, rid, out));
    return;
  }
  if (rc == DV_ENOTFOUND) {
    reply_html_error(c, 404, "Không tìm thấy", e.msg);
    return;
  }
  if (rc == DV_ECONFLICT) rf.top_err = c_printf(c, "Không lưu được vì %s.", e.msg);
  else if (!errors) place_error(c, &rf, &e);
  if (rc == DV_EINVAL) place_all_errors(c, &rf, out);
  if (!id && !rf.priv_edit) {
    int uf = unit_field_of(r);
    rf.priv_edit = new_private_ok(c, r, uf >= 0 ? out[uf] : NULL, out);
  }
  record_page(c, &rf);
  c->status = rc == DV_EFORBIDDEN ? 403 : rc == DV_ECONFLICT ? 409 : 422;
}

/* the date of a new record as shown: ?date= (the one just saved: YYYY-MM-DD,
 * or YYYY for a year), else today */
static const char *new_date(ctx *c, const reg_def *r) {
  const char *d = arg(c, "date");
  int day = app_today(c->a), year = r->fields[r->date_field].type == FT_YEAR;
  char out[11];
  if (year && d && strlen(d) == 4 && strspn(d, "0123456789") == 4) return c_strdup(c, d);
  if (!year && d && date_parse(d, &day)) day = app_today(c->a);
  date_format_vn(day, out);
  return c_strdup(c, year ? out + 6 : out);
}

static void page_new(ctx *c, const reg_def *r) {
  rec_form rf;
  memset(&rf, 0, sizeof rf);
  rf.r = r;
  rf.can_write = c->u.role >= ROLE_OFFICER;
  int uf = unit_field_of(r);
  if (uf >= 0) rf.val[uf] = unit_arg(c);
  if (r->date_field >= 0) rf.val[r->date_field] = new_date(c, r);
  const char *saved = arg(c, "saved");
  if (saved && strlen(saved) < 20 && strspn(saved, "0123456789") == strlen(saved) && *saved) rf.saved_id = saved;
  rf.priv_edit = rf.can_write && new_private_ok(c, r, uf >= 0 ? rf.val[uf] : NULL, rf.val);
  record_page(c, &rf);
}

static void page_item(ctx *c, const reg_def *r, long long id) {
  rec_form rf;
  if (load_rec_form(c, r, id, &rf)) return;
  record_page(c, &rf);
}

static void delete_post(ctx *c, const reg_def *r, long long id) {
  const char *confirm = field(c, "confirm");
  if (!confirm || strcmp(confirm, "1") != 0) {
    rec_form rf;
    if (load_rec_form(c, r, id, &rf)) return;
    rf.delete_err = "Hãy đánh dấu ô xác nhận trước khi xóa.";
    record_page(c, &rf);
    c->status = 422;
    return;
  }
  dv_err e = {0};
  int rc = app_record_delete(c->a, &c->u, r, id, &e);
  if (rc == DV_ENOTFOUND) {
    reply_html_error(c, 404, "Không tìm thấy", e.msg);
    return;
  }
  if (rc) { /* back on the record, saying why */
    rec_form rf;
    if (load_rec_form(c, r, id, &rf)) return;
    rf.top_err = c_printf(c, "Không xóa được vì %s.", e.msg);
    record_page(c, &rf);
    c->status = http_status_of(rc);
    return;
  }
  reply_redirect(c, c_printf(c, "/r/%s?deleted=1", r->code));
}

/* the last component of an uploaded file's name ("C:\fakepath\a.pdf" -> "a.pdf") */
static const char *base_name(const char *s) {
  const char *p = s;
  for (const char *q = s; *q; q++)
    if (*q == '/' || *q == '\\') p = q + 1;
  return p;
}

static void attach_post(ctx *c, const reg_def *r, long long id) {
  rec_form rf;
  if (!takes_attachments(r)) {
    reply_html_error(c, 404, "Không tìm thấy", "Sổ này không có tệp đính kèm.");
    return;
  }
  if (load_rec_form(c, r, id, &rf)) return;
  int64_t aid = 0;
  dv_err e = {0};
  int rc;
  if (!c->upload_name || !*base_name(c->upload_name)) rc = dv_fail(&e, DV_EINVAL, 0, "file", "Chọn tệp để tải lên.");
  else if (c->upload_extra) rc = dv_fail(&e, DV_EINVAL, 0, "file", "Mỗi lần chỉ tải lên một tệp.");
  else rc = app_attachment_add(c->a, &c->u, r, id, base_name(c->upload_name), c->upload.s, c->upload.len, &aid, &e);
  if (rc == 0) {
    reply_redirect(c, c_printf(c, "/r/%s/%lld?attached=1#attachments", r->code, id));
    return;
  }
  rf.attach_err = c_strdup(c, e.msg);
  record_page(c, &rf);
  c->status = rc == DV_EINVAL ? 422 : http_status_of(rc); /* 413 over ATTACH_MAX */
}

static void stage_post(ctx *c, const reg_def *r, long long id) {
  rec_form rf;
  if (r->stage_field < 0) {
    reply_html_error(c, 404, "Không tìm thấy", "Sổ này không có các bước.");
    return;
  }
  if (load_rec_form(c, r, id, &rf)) return;
  const char *to = field(c, "to"), *date = field(c, "stage_date"), *comment = field(c, "comment");
  rf.stage_to = to, rf.stage_date = date, rf.stage_comment = comment;
  dv_err e = {0};
  int rc, day;
  char iso[11] = "";
  const char *d = trimmed(c, date ? date : "");
  if (!to || !*to) rc = dv_fail(&e, DV_EINVAL, 0, "to", "Chọn bước tiếp theo.");
  else if (*d && parse_date_vn(d, &day))
    rc = dv_fail(&e, DV_EINVAL, 0, "date", "Ngày không hợp lệ: nhập dạng ngày/tháng/năm.");
  else if (comment && strlen(comment) > VALUE_MAX) rc = dv_fail(&e, DV_EINVAL, 0, "comment", "Ý kiến quá dài.");
  else {
    if (*d) date_format_iso(day, iso);
    rc = app_record_transition(c->a, &c->u, r, id, to, *iso ? iso : NULL, comment ? comment : "", &e);
  }
  if (rc == 0) {
    reply_redirect(c, c_printf(c, "/r/%s/%lld?moved=1#stages", r->code, id));
    return;
  }
  rf.stage_err = c_strdup(c, e.msg);
  record_page(c, &rf);
  c->status = rc == DV_EFORBIDDEN ? 403 : rc == DV_ECONFLICT ? 409 : 422;
}

/* --- CSV import ------------------------------------------------------------------------------ */

static const char *type_doc(ctx *c, const reg_field *f) {
  switch (f->type) {
  case FT_DATE: return "ngày, dạng YYYY-MM-DD";
  case FT_YEAR: return "năm, ví dụ 2024";
  case FT_UNIT: return "mã đơn vị";
  case FT_UNITREF: return "mã đơn vị (bất kỳ)";
  case FT_INT: return "số nguyên không âm";
  case FT_YESNO: return "yes hoặc no";
  case FT_PERIOD: return "mã kỳ báo cáo, ví dụ 2023S1";
  case FT_SYMBOL: return "số, ký hiệu như văn bản, ví dụ 08-NQ/TU";
  case FT_LOGIN: return "tài khoản người dùng";
  case FT_LONGTEXT: return "văn bản (có thể nhiều dòng)";
  case FT_TEXT: return "văn bản";
  case FT_ENUM:
  case FT_SET: {
    buf s;
    buf_init(&s, 0);
    buf_adds(&s, f->type == FT_SET ? "các mã cách nhau bởi dấu ; trong: " : "một trong: ");
    for (int k = 0; k < f->nopt; k++) buf_addf(&s, "%s%s (%s)", k ? ", " : "", f->opts[k].code, f->opts[k].label);
    const char *o = c_strdup(c, s.s);
    buf_release(&s);
    return o;
  }
  }
  return "";
}

static void import_page(ctx *c, const reg_def *r, const char *err, int count) {
  buf *b = &c->out;
  page_begin(c, c_printf(c, "Nhập CSV: %s", r->title));
  h_lit(b, "<p class=\"crumbs-inline\">");
  h_link(b, c_printf(c, "/r/%s", r->code), c_printf(c, "← %s", r->title));
  h_lit(b, "</p><h1>Nhập CSV: ");
  h_text(b, r->title);
  h_lit(b, "</h1>");
  if (err) {
    h_lit(b, "<div class=\"alert\" role=\"alert\" id=\"errors\" tabindex=\"-1\">"
             "<p><strong>Không nhập dòng nào.</strong> ");
    h_text(b, err);
    h_lit(b, "</p></div>");
  } else if (count >= 0) {
    h_lit(b, "<p class=\"ok\" role=\"status\">Đã nhập ");
    h_int(b, count);
    h_lit(b, " dòng. ");
    h_link(b, c_url(c, c_printf(c, "/r/%s", r->code), "period", "", NULL), "Xem sổ");
    h_lit(b, "</p>");
  }
  h_lit(b, "<p>Tệp CSV mã hóa UTF-8, dòng đầu là tên cột. Nhập theo nguyên tắc <strong>tất cả hoặc không</strong>: "
           "chỉ cần một dòng sai thì không dòng nào được ghi, và thông báo lỗi chỉ rõ dòng và cột cần sửa.</p>");
  if (c->u.role >= ROLE_OFFICER) {
    h_open(b, "form", "method", "post", "action", c_printf(c, "/r/%s/import", r->code), "enctype",
           "multipart/form-data", "class", "stack upload", NULL);
    h_csrf(c);
    h_lit(b, "<div class=\"field\"><label for=\"f-file\">Tệp CSV</label>");
    h_open(b, "input", "type", "file", "id", "f-file", "name", "file", "required", "", "accept", ".csv,text/csv",
           "aria-describedby", "h-file", NULL);
    h_lit(b, "<p class=\"hint\" id=\"h-file\">Tối đa 32 MiB. Có thể dùng tệp ");
    h_link(b, c_url(c, c_printf(c, "/r/%s/export.csv", r->code), "period", "", NULL), "xuất từ sổ");
    h_lit(b, " làm mẫu.</p></div><p class=\"buttons\"><button type=\"submit\" class=\"primary\">Nhập</button></p>"
             "</form>");
  } else {
    h_lit(b, "<p class=\"notice\">Bạn chỉ có quyền xem, không nhập được dữ liệu.</p>");
  }
  h_lit(b, "<h2>Các cột</h2><div class=\"table-wrap\"><table class=\"list records\"><thead><tr>"
           "<th scope=\"col\">Cột</th><th scope=\"col\">Nội dung</th><th scope=\"col\">Giá trị</th>"
           "<th scope=\"col\">Bắt buộc</th></tr></thead><tbody>");
  for (int i = 0; i < r->nfields; i++) {
    const reg_field *f = &r->fields[i];
    if (f->noimport) continue;
    h_lit(b, "<tr><td data-label=\"Cột\"><code>");
    h_text(b, f->name);
    h_lit(b, "</code></td><td data-label=\"Nội dung\">");
    h_text(b, f->label);
    if (f->private_) h_lit(b, " <span class=\"badge\">thông tin cá nhân</span>");
    h_lit(b, "</td><td data-label=\"Giá trị\">");
    h_text(b, type_doc(c, f));
    h_lit(b, "</td><td data-label=\"Bắt buộc\">");
    h_text(b, f->required ? "có" : "không");
    h_lit(b, "</td></tr>");
  }
  h_lit(b, "</tbody></table></div>");
  page_end(c);
  page_send(c);
}

static void import_post(ctx *c, const reg_def *r) {
  if (c->u.role < ROLE_OFFICER) {
    reply_html_error(c, 403, "Không có quyền truy cập", "Bạn chỉ có quyền xem, không nhập được dữ liệu.");
    return;
  }
  if (!c->upload_name || !*base_name(c->upload_name) || c->upload_extra) {
    import_page(c, r, c->upload_extra ? "Mỗi lần chỉ nhập một tệp." : "Chọn tệp CSV để nhập.", -1);
    c->status = 422;
    return;
  }
  int count = 0;
  dv_err e = {0};
  int rc = app_record_import(c->a, &c->u, r, base_name(c->upload_name), c->upload.s, c->upload.len, &count, &e);
  if (rc) {
    import_page(c, r, e.msg[0] ? e.msg : "Không nhập được tệp.", -1);
    c->status = rc == DV_EFORBIDDEN ? 403 : 422;
    return;
  }
  import_page(c, r, NULL, count);
}

/* --- dispatch ---------------------------------------------------------------------------------- */

static int reg_path_or_404(ctx *c, reg_path *p) {
  if (parse_reg_path(c, p) == 0) return 0;
  reply_html_error(c, 404, "Không tìm thấy", "Không có sổ hoặc trang này.");
  return -1;
}

void page_reg_get(ctx *c) {
  reg_path p;
  if (reg_path_or_404(c, &p)) return;
  if (p.id && !p.action[0]) page_item(c, p.r, p.id);
  else if (p.id) reply_html_error(c, 405, "Phương thức không được hỗ trợ", "Địa chỉ này chỉ nhận biểu mẫu gửi lên.");
  else if (!p.action[0]) page_list(c, p.r);
  else if (!strcmp(p.action, "new")) page_new(c, p.r);
  else if (!strcmp(p.action, "export.csv")) page_export(c, p.r);
  else if (!strcmp(p.action, "export.xlsx")) page_export_xlsx(c, p.r);
  else import_page(c, p.r, NULL, -1);
}

void page_reg_post(ctx *c) {
  reg_path p;
  if (reg_path_or_404(c, &p)) return;
  if (c->u.role < ROLE_OFFICER && strcmp(p.action, "import") != 0) {
    reply_html_error(c, 403, "Không có quyền truy cập", "Bạn chỉ có quyền xem, không thay đổi được dữ liệu.");
    return;
  }
  if (p.id && !p.action[0]) save(c, p.r, p.id);
  else if (p.id && !strcmp(p.action, "delete")) delete_post(c, p.r, p.id);
  else if (p.id && !strcmp(p.action, "stage")) stage_post(c, p.r, p.id);
  else if (p.id) attach_post(c, p.r, p.id);
  else if (!p.action[0]) save(c, p.r, 0);
  else if (!strcmp(p.action, "import")) import_post(c, p.r);
  else reply_html_error(c, 405, "Phương thức không được hỗ trợ", "Địa chỉ này không nhận biểu mẫu gửi lên.");
}

/* --- GET /attachments/ID -------------------------------------------------------------------- */

void page_attachment(ctx *c) {
  long long id = parse_id(c->path + strlen("/attachments/"), RECORD_ID_MAX);
  if (id < 0) {
    reply_html_error(c, 404, "Không tìm thấy", "Không có tệp này.");
    return;
  }
  attachment_info info;
  char *data = NULL;
  dv_err e = {0};
  int rc = app_attachment_get(c->a, &c->u, id, &info, &data, &e);
  if (rc) {
    reply_html_error(c, http_status_of(rc), rc == DV_ENOTFOUND ? "Không tìm thấy" : "Không có quyền truy cập", e.msg);
    return;
  }
  buf_reset(&c->out);
  buf_add(&c->out, data, info.size);
  free(data);
  char ascii[220];
  char *folded = text_fold(info.name); /* "Quyết định.pdf" -> "quyet dinh.pdf" for old clients */
  safe_name(ascii, sizeof ascii, folded ? folded : info.name);
  free(folded);
  buf d;
  buf_init(&d, 0);
  buf_addf(&d, "attachment; filename=\"%s\"; filename*=UTF-8''", ascii);
  esc_url(&d, info.name);
  c->disposition = c_strdup(c, d.s);
  buf_release(&d);
  c->status = 200;
  c->ctype = c_strdup(c, info.type);
  c->cache = "private, no-store";
}

/* --- under the annexes -------------------------------------------------------------------------- */

int h_register_sources(ctx *c, const form *f, const char *unit, const char *period_id) {
  buf *b = &c->out;
  int n = app_register_count(c->a), k = 0;
  const reg_def **regs = c_alloc(c, sizeof(reg_def *) * (size_t)(n + 1));
  register_order(c, regs, n);
  for (int i = 0; i < n; i++) k += reg_feeds_form(regs[i], f);
  if (!k) return 0;
  if (f->rows != ROWS_LIST)
    h_lit(b, "<p class=\"hint rule\">Số liệu tính từ sổ theo dõi; đơn vị chưa có bản ghi trong sổ thì dùng số liệu "
             "nhập tay. Ô trống: chưa có số liệu.</p>");
  h_lit(b, "<p class=\"hint\">");
  h_text(b, f->rows == ROWS_LIST ? "Danh mục lấy từ sổ: " : "Sổ theo dõi của biểu này: ");
  k = 0;
  for (int i = 0; i < n; i++) {
    const reg_def *r = regs[i];
    if (!reg_feeds_form(r, f)) continue;
    if (k++) h_lit(b, " · ");
    h_link(b, c_url(c, c_printf(c, "/r/%s", r->code), "unit", unit, "period", period_id, NULL), r->title);
  }
  h_lit(b, "</p>");
  return 1;
}
