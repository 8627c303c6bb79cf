/* The dialogue register: list with filters and paging, create, edit,
 * delete. A saved change goes through app_dialogue_save, which updates the
 * roll-up at once, so Biểu 5 shows it at every level above. */
#include "web/web_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { F_DATE, F_UNIT, F_TYPE, F_CHAIR, F_TITLE, F_PARTICIPANTS, F_ISSUES, F_CONCLUSIONS, F_COUNT };
static const char *const field_names[F_COUNT] = {"date",  "unit",         "type",   "chair",
                                                 "title", "participants", "issues", "conclusions"};
static const size_t field_max[F_COUNT] = {32, 32, 32, 32, 2000, 16, 20000, 20000};

typedef struct dlg_form {
  int64_t id;
  const char *val[F_COUNT];
  const char *err[F_COUNT];
  const char *top_err;
  const char *delete_err;
  int can_write;
} dlg_form;

#define DIALOGUE_ID_MAX 1000000000000000LL

/* --- list ------------------------------------------------------------------------ */

static const char *unit_name_of(ctx *c, const char *code) {
  const tree *t = app_read_begin(c->a);
  int p = tree_find_code(t, code);
  const char *s = c_strdup(c, p >= 0 ? t->u[p].name : code);
  app_read_end(c->a);
  return s;
}

static void list_filters(ctx *c, const char *unit, const char *period_id, const char *q) {
  buf *b = &c->out;
  h_lit(b, "<form method=\"get\" action=\"/dialogues\" class=\"filters\"><div class=\"field\">");
  h_unit_select(c, "unit", "Đơn vị (cả các đơn vị trực thuộc)", unit, NULL);
  h_lit(b, "</div><div class=\"field\">");
  h_period_select(c, "period", period_id, 1);
  h_lit(b, "</div><div class=\"field grow\"><label for=\"f-q\">Tìm trong tên cuộc đối thoại</label>");
  h_open(b, "input", "id", "f-q", "name", "q", "type", "search", "value", q ? q : "", NULL);
  h_lit(b, "</div><div class=\"field actions\"><button type=\"submit\">Lọc</button></div></form>");
}

static void list_table(ctx *c, const dialogue *rows, int n) {
  buf *b = &c->out;
  h_lit(b, "<div class=\"table-wrap\" role=\"region\" aria-label=\"Danh sách cuộc đối thoại\" tabindex=\"0\">"
           "<table class=\"list\"><thead><tr><th scope=\"col\">Ngày</th><th scope=\"col\">Đơn vị tổ chức</th>"
           "<th scope=\"col\">Hình thức</th><th scope=\"col\">Chủ trì</th><th scope=\"col\">Nội dung</th>"
           "<th scope=\"col\">Số người tham dự</th></tr></thead><tbody>");
  for (int i = 0; i < n; i++) {
    const dialogue *d = &rows[i];
    h_lit(b, "<tr><td class=\"nowrap\">");
    h_date(b, d->date);
    h_lit(b, "</td><td>");
    h_text(b, unit_name_of(c, d->unit_code));
    h_lit(b, "</td><td>");
    h_text(b, d->type >= 0 && d->type < 3 ? dlg_type_labels[d->type] : "");
    h_lit(b, "</td><td>");
    h_text(b, d->chair >= 0 && d->chair < 3 ? dlg_chair_labels[d->chair] : "");
    h_lit(b, "</td><td>");
    h_link(b, c_printf(c, "/dialogues/%lld", (long long)d->id), d->title && *d->title ? d->title : "(không tên)");
    h_lit(b, "</td><td class=\"num\">");
    if (d->participants >= 0) h_int(b, d->participants);
    h_lit(b, "</td></tr>");
  }
  if (!n) h_lit(b, "<tr><td colspan=\"6\" class=\"empty\">Không có cuộc đối thoại nào.</td></tr>");
  h_lit(b, "</tbody></table></div>");
}

static void free_dialogues(dialogue *rows, int n) {
  for (int i = 0; i < n; i++) dialogue_release(&rows[i]);
  free(rows);
}

void page_dialogues(ctx *c) {
  buf *b = &c->out;
  const char *unit = unit_arg(c), *q = arg(c, "q"), *period_id = arg(c, "period");
  period p;
  if (period_id && *period_id && (strlen(period_id) > 7 || period_parse(period_id, &p))) {
    reply_html_error(c, 400, "Kỳ báo cáo không hợp lệ", "Kỳ báo cáo có dạng 2023, 2023S1, 2023Q2, 2023C9 hoặc 202305.");
    return;
  }
  if (q && strlen(q) > 200) q = NULL;
  const char *pg = arg(c, "page");
  long long page = pg && *pg ? parse_id(pg, 1000000) : 1;
  if (page < 1) page = 1;
  dialogue_filter f = {unit, period_id && *period_id ? period_id : NULL, q && *q ? q : NULL, WEB_PAGE_SIZE,
                       (int)((page - 1) * WEB_PAGE_SIZE)};
  dialogue *rows = NULL;
  int n = 0, total = 0;
  dv_err e = {0};
  int rc = app_dialogue_list(c->a, &c->u, &f, &rows, &n, &total, &e);
  if (rc) {
    free_dialogues(rows, n);
    reply_html_error(c, http_status_of(rc), "Không xem được sổ đối thoại", e.msg);
    return;
  }
  page_begin(c, "Sổ đối thoại");
  h_lit(b, "<h1>Sổ đối thoại của người đứng đầu với Nhân dân</h1>");
  const char *saved = arg(c, "saved"), *deleted = arg(c, "deleted");
  if (saved) h_lit(b, "<p class=\"ok\" role=\"status\">Đã lưu cuộc đối thoại. Biểu 5 đã được cập nhật.</p>");
  if (deleted) h_lit(b, "<p class=\"ok\" role=\"status\">Đã xóa cuộc đối thoại. Biểu 5 đã được cập nhật.</p>");
  if (c->u.role >= ROLE_OFFICER) {
    h_lit(b, "<p class=\"buttons\">");
    h_open(b, "a", "href", c_url(c, "/dialogues/new", "unit", unit, NULL), "class", "button primary", NULL);
    h_lit(b, "Ghi cuộc đối thoại mới</a> ");
    h_link(b, c_url(c, "/report", "form", "bieu-5", "unit", unit, "period", period_id && *period_id ? period_id : NULL,
                    NULL),
           "Xem Biểu 5");
    h_lit(b, "</p>");
  }
  list_filters(c, unit, period_id, q);
  list_table(c, rows, n);
  static const char *const keep[] = {"unit", "period", "q", NULL};
  h_pager(c, "/dialogues", (int)page, total, keep);
  page_end(c);
  page_send(c);
  free_dialogues(rows, n);
}

/* --- the form ------------------------------------------------------------------------ */

static void radio_group(ctx *c, dlg_form *df, int fld, const char *legend, const char *const *codes,
                        const char *const *labels) {
  buf *b = &c->out;
  const char *name = field_names[fld];
  char eid[32];
  snprintf(eid, sizeof eid, "e-%s", name);
  h_open(b, "fieldset", "class", "radios", "aria-describedby", df->err[fld] ? eid : NULL, NULL);
  h_tag(b, "legend", legend);
  for (int i = 0; i < 3; i++) {
    char id[48];
    snprintf(id, sizeof id, "f-%s-%d", name, i);
    h_lit(b, "<div class=\"radio\">");
    h_open(b, "input", "type", "radio", "id", id, "name", name, "value", codes[i], "checked",
           df->val[fld] && strcmp(df->val[fld], codes[i]) == 0 ? "" : NULL, "required", i == 0 ? "" : NULL, NULL);
    h_open(b, "label", "for", id, NULL);
    h_text(b, labels[i]);
    h_lit(b, "</label></div>");
  }
  h_error_for(b, eid, df->err[fld]);
  h_close(b, "fieldset");
}

static void delete_form(ctx *c, const dlg_form *df) {
  buf *b = &c->out;
  h_lit(b, "<section class=\"danger\" aria-labelledby=\"del\"><h2 id=\"del\">Xóa cuộc đối thoại</h2>");
  h_open(b, "form", "method", "post", "action", c_printf(c, "/dialogues/%lld/delete", (long long)df->id),
         "data-confirm", "Xóa cuộc đối thoại này? Biểu 5 sẽ được tính lại.", NULL);
  h_csrf(c);
  h_lit(b, "<div class=\"check\"><input type=\"checkbox\" id=\"f-confirm\" name=\"confirm\" value=\"1\" required>"
           "<label for=\"f-confirm\">Tôi xác nhận xóa bản ghi này</label></div>");
  h_error_for(b, "e-confirm", df->delete_err);
  h_lit(b, "<p class=\"buttons\"><button type=\"submit\" class=\"danger\">Xóa</button></p></form></section>");
}

static void dialogue_page(ctx *c, dlg_form *df) {
  buf *b = &c->out;
  page_begin(c, df->id ? "Sửa cuộc đối thoại" : "Ghi cuộc đối thoại mới");
  h_lit(b, "<p class=\"crumbs-inline\"><a href=\"/dialogues\">← Sổ đối thoại</a></p>");
  h_tag(b, "h1", df->id ? "Cuộc đối thoại" : "Ghi cuộc đối thoại mới");
  if (df->top_err) {
    h_open(b, "div", "class", "alert", "role", "alert", NULL);
    h_text(b, df->top_err);
    h_close(b, "div");
  }
  const char *action = df->id ? c_printf(c, "/dialogues/%lld", (long long)df->id) : "/dialogues";
  h_open(b, "form", "method", "post", "action", action, "class", "stack", NULL);
  h_csrf(c);
  h_open(b, "fieldset", "class", "plain", "disabled", df->can_write ? NULL : "", NULL);
  if (!df->can_write) h_lit(b, "<p class=\"notice\">Bạn chỉ có quyền xem cuộc đối thoại này.</p>");
  h_field(b, "date", "Ngày đối thoại", "text", df->val[F_DATE], df->err[F_DATE], "Dạng ngày/tháng/năm, ví dụ 30/03/2023");
  h_lit(b, "<div class=\"field\">");
  h_unit_select(c, "unit", "Đơn vị tổ chức", df->val[F_UNIT], df->err[F_UNIT]);
  h_lit(b, "</div>");
  radio_group(c, df, F_TYPE, "Hình thức đối thoại", dlg_type_codes, dlg_type_labels);
  radio_group(c, df, F_CHAIR, "Người chủ trì", dlg_chair_codes, dlg_chair_labels);
  h_field(b, "title", "Tên, chủ đề cuộc đối thoại", "text", df->val[F_TITLE], df->err[F_TITLE], NULL);
  h_field(b, "participants", "Số người tham dự", "text", df->val[F_PARTICIPANTS], df->err[F_PARTICIPANTS],
          "Để trống nếu không rõ");
  h_field(b, "issues", "Vấn đề Nhân dân nêu", "textarea", df->val[F_ISSUES], df->err[F_ISSUES], NULL);
  h_field(b, "conclusions", "Kết luận của người chủ trì", "textarea", df->val[F_CONCLUSIONS], df->err[F_CONCLUSIONS],
          NULL);
  if (df->can_write) h_lit(b, "<p class=\"buttons\"><button type=\"submit\" class=\"primary\">Lưu</button> "
                              "<a href=\"/dialogues\">Hủy</a></p>");
  h_lit(b, "</fieldset></form>");
  if (df->id && df->can_write) delete_form(c, df);
  page_end(c);
  page_send(c);
}

/* --- reading and checking --------------------------------------------------------- */

static void form_from_dialogue(ctx *c, dlg_form *df, const dialogue *d) {
  char date[11];
  date_format_vn(d->date, date);
  df->id = d->id;
  df->val[F_DATE] = c_strdup(c, date);
  df->val[F_UNIT] = c_strdup(c, d->unit_code);
  df->val[F_TYPE] = d->type >= 0 && d->type < 3 ? dlg_type_codes[d->type] : "";
  df->val[F_CHAIR] = d->chair >= 0 && d->chair < 3 ? dlg_chair_codes[d->chair] : "";
  df->val[F_TITLE] = c_strdup(c, d->title);
  df->val[F_PARTICIPANTS] = d->participants >= 0 ? c_printf(c, "%d", d->participants) : "";
  df->val[F_ISSUES] = c_strdup(c, d->issues);
  df->val[F_CONCLUSIONS] = c_strdup(c, d->conclusions);
}

static int code_index(const char *const *codes, const char *v) {
  for (int i = 0; v && i < 3; i++)
    if (strcmp(codes[i], v) == 0) return i;
  return -1;
}

/* "1.250" or "1250" -> 1250; -1 when empty; -2 when bad */
static long long parse_count_vn(const char *s) {
  if (!s || !*s) return -1;
  long long v = 0;
  int digits = 0;
  for (const char *p = s; *p; p++) {
    if (*p == '.') continue;
    if (*p < '0' || *p > '9' || ++digits > 9) return -2;
    v = v * 10 + (*p - '0');
  }
  return digits ? v : -2;
}

/* fills d from the submitted fields; the number of errors */
static int form_read(ctx *c, dlg_form *df, dialogue *d) {
  int errors = 0;
  for (int i = 0; i < F_COUNT; i++) {
    const char *v = field(c, field_names[i]);
    df->val[i] = c_strdup(c, v ? v : "");
    if (strlen(df->val[i]) > field_max[i]) df->err[i] = "Quá dài.", errors++;
  }
  if (errors) return errors;
  char *date = c_strdup(c, df->val[F_DATE]);
  while (*date == ' ') date++;
  for (size_t n = strlen(date); n && date[n - 1] == ' '; n--) date[n - 1] = 0;
  if (parse_date_vn(date, &d->date)) df->err[F_DATE] = "Ngày không hợp lệ: nhập dạng ngày/tháng/năm, ví dụ 30/03/2023.", errors++;
  if (!*df->val[F_UNIT]) df->err[F_UNIT] = "Chọn đơn vị tổ chức.", errors++;
  snprintf(d->unit_code, sizeof d->unit_code, "%s", df->val[F_UNIT]);
  if ((d->type = code_index(dlg_type_codes, df->val[F_TYPE])) < 0) df->err[F_TYPE] = "Chọn hình thức đối thoại.", errors++;
  if ((d->chair = code_index(dlg_chair_codes, df->val[F_CHAIR])) < 0) df->err[F_CHAIR] = "Chọn người chủ trì.", errors++;
  const char *title = df->val[F_TITLE];
  while (*title == ' ') title++;
  if (!*title) df->err[F_TITLE] = "Nhập tên hoặc chủ đề cuộc đối thoại.", errors++;
  long long np = parse_count_vn(df->val[F_PARTICIPANTS]);
  if (np < -1 || np > 10000000) df->err[F_PARTICIPANTS] = "Số người phải là số nguyên không âm.", errors++;
  d->participants = (int)(np < 0 ? -1 : np);
  d->title = xstrdup(df->val[F_TITLE]);
  d->issues = xstrdup(df->val[F_ISSUES]);
  d->conclusions = xstrdup(df->val[F_CONCLUSIONS]);
  return errors;
}

/* shows an app error next to the field it names, else above the form */
static void place_error(dlg_form *df, ctx *c, const dv_err *e) {
  for (int i = 0; i < F_COUNT; i++)
    if (strcmp(e->field, field_names[i]) == 0) {
      df->err[i] = c_strdup(c, e->msg);
      return;
    }
  df->top_err = c_strdup(c, e->msg);
}

static void save(ctx *c, int64_t id) {
  dlg_form df = {0};
  df.id = id;
  df.can_write = 1;
  dialogue d = {0};
  d.id = id;
  int errors = form_read(c, &df, &d);
  dv_err e = {0};
  int rc = errors ? DV_EINVAL : app_dialogue_save(c->a, &c->u, &d, &e);
  dialogue_release(&d);
  if (rc == 0) {
    reply_redirect(c, "/dialogues?saved=1");
    return;
  }
  if (!errors) place_error(&df, c, &e);
  if (rc == DV_ENOTFOUND) {
    reply_html_error(c, 404, "Không tìm thấy", "Không có cuộc đối thoại này.");
    return;
  }
  dialogue_page(c, &df);
  c->status = rc == DV_EFORBIDDEN ? 403 : 422;
}

/* --- handlers -------------------------------------------------------------------- */

void page_dialogue_new(ctx *c) {
  dlg_form df = {0};
  df.can_write = c->u.role >= ROLE_OFFICER;
  df.val[F_UNIT] = unit_arg(c);
  char today[11];
  date_format_vn((int)(time(NULL) / 86400), today);
  df.val[F_DATE] = c_strdup(c, today);
  dialogue_page(c, &df);
}

void page_dialogue_create(ctx *c) { save(c, 0); }

/* "/dialogues/ID" or "/dialogues/ID/delete": the id, and *del */
static long long item_id(ctx *c, int *del) {
  const char *rest = c->path + strlen("/dialogues/");
  const char *slash = strchr(rest, '/');
  *del = 0;
  char id[24];
  size_t n = slash ? (size_t)(slash - rest) : strlen(rest);
  if (n == 0 || n >= sizeof id) return -1;
  memcpy(id, rest, n);
  id[n] = 0;
  if (slash) {
    if (strcmp(slash, "/delete") != 0) return -1;
    *del = 1;
  }
  return parse_id(id, DIALOGUE_ID_MAX);
}

static int load_item(ctx *c, long long id, dlg_form *df) {
  dialogue d = {0};
  dv_err e = {0};
  int rc = app_dialogue_get(c->a, &c->u, id, &d, &e);
  if (rc) {
    reply_html_error(c, http_status_of(rc), rc == DV_ENOTFOUND ? "Không tìm thấy" : "Không có quyền truy cập",
                     rc == DV_ENOTFOUND ? "Không có cuộc đối thoại này." : e.msg);
    return rc;
  }
  form_from_dialogue(c, df, &d);
  const tree *t = app_read_begin(c->a);
  int pos = tree_find_code(t, d.unit_code);
  app_read_end(c->a);
  df->can_write = pos >= 0 && app_can_write(c->a, &c->u, pos);
  dialogue_release(&d);
  return 0;
}

void page_dialogue_item(ctx *c) {
  int del;
  long long id = item_id(c, &del);
  if (id < 0 || del) {
    reply_html_error(c, 404, "Không tìm thấy", "Không có trang này.");
    return;
  }
  dlg_form df = {0};
  if (load_item(c, id, &df)) return;
  dialogue_page(c, &df);
}

void page_dialogue_item_post(ctx *c) {
  int del;
  long long id = item_id(c, &del);
  if (id < 0) {
    reply_html_error(c, 404, "Không tìm thấy", "Không có trang này.");
    return;
  }
  if (!del) {
    save(c, id);
    return;
  }
  const char *confirm = field(c, "confirm");
  if (!confirm || strcmp(confirm, "1") != 0) {
    dlg_form df = {0};
    if (load_item(c, id, &df)) return;
    df.delete_err = "Hãy đánh dấu ô xác nhận trước khi xóa.";
    dialogue_page(c, &df);
    c->status = 422;
    return;
  }
  dv_err e = {0};
  int rc = app_dialogue_delete(c->a, &c->u, id, &e);
  if (rc) {
    reply_html_error(c, http_status_of(rc), rc == DV_ENOTFOUND ? "Không tìm thấy" : "Không xóa được", e.msg);
    return;
  }
  reply_redirect(c, "/dialogues?deleted=1");
}
