/* Admin pages: users (list, add, disable or enable, a new password) and the audit log
 * (newest first, paged).
 * The route table lets only admins in; the app checks again. */
#include "util/mail.h"
#include "web/web_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AUDIT_PAGE 50

/* --- users ---------------------------------------------------------------------- */

typedef struct user_form {
  const char *login, *unit, *role, *email;
  const char *err_login, *err_password, *err_unit, *err_role, *err_email, *top_err;
} user_form;

/* the opening of a one-row form on /users: its action and the row's login */
static void row_form_open(ctx *c, const user_row *r, const char *action, const char *cls) {
  h_open(&c->out, "form", "method", "post", "action", "/users", "class", cls, NULL);
  h_csrf(c);
  h_hidden(&c->out, "action", action);
  h_hidden(&c->out, "login", r->login);
}

/* the user's address for the daily digest, changed in place ("" clears it) */
static void user_email_form(ctx *c, const user_row *r) {
  buf *b = &c->out;
  char email[256];
  app_user_email_get(c->a, r->id, email, sizeof email);
  row_form_open(c, r, "email", "inline");
  h_open(b, "input", "type", "email", "name", "email", "value", email, "maxlength", "254", "aria-label",
         c_printf(c, "Thư điện tử của %s", r->login), NULL);
  h_lit(b, " <button type=\"submit\">Lưu</button></form>");
}

/* an approver's forms (routing, docs/access.md): codes, comma-separated; empty = every form */
static void user_forms_form(ctx *c, const user_row *r) {
  buf *b = &c->out;
  char forms[512];
  app_user_forms_get(c->a, r->login, forms, sizeof forms);
  row_form_open(c, r, "forms", "inline forms");
  h_open(b, "input", "type", "text", "name", "forms", "value", forms, "maxlength", "500", "placeholder", "mọi biểu",
         "title", "Biểu người này phê duyệt, cách nhau bằng dấu phẩy (bieu-6,bieu-7); để trống: mọi biểu",
         "aria-label", c_printf(c, "Biểu %s phê duyệt", r->login), NULL);
  h_lit(b, " <button type=\"submit\">Lưu</button></form>");
}

/* a form of one button on the user of the row: action disable or enable */
static void user_button_form(ctx *c, const user_row *r, const char *action, const char *label) {
  buf *b = &c->out;
  row_form_open(c, r, action, "inline");
  h_open(b, "button", "type", "submit", "aria-label", c_printf(c, "%s %s", label, r->login), NULL);
  h_text(b, label);
  h_lit(b, "</button></form>");
}

/* a new password for the user (their sessions end) */
static void user_password_form(ctx *c, const user_row *r) {
  buf *b = &c->out;
  row_form_open(c, r, "passwd", "inline");
  h_open(b, "input", "type", "password", "name", "password", "autocomplete", "new-password", "minlength", "10",
         "maxlength", "128", "aria-label", c_printf(c, "Mật khẩu mới của %s", r->login), NULL);
  h_lit(b, " <button type=\"submit\">Đặt mật khẩu</button></form>");
}

/* state, and what the admin may do: not to their own account (the page Tài khoản is for it) */
static void user_account_cells(ctx *c, const user_row *r) {
  buf *b = &c->out;
  h_lit(b, "<td>");
  h_text(b, r->disabled ? "Đã khóa" : "Đang dùng");
  h_lit(b, "</td><td>");
  if (!strcmp(r->login, c->u.login)) {
    h_link(b, "/account", "Đổi ở trang Tài khoản");
    h_lit(b, "</td>");
    return;
  }
  user_password_form(c, r);
  h_lit(b, " ");
  if (r->disabled) user_button_form(c, r, "enable", "Mở khóa");
  else user_button_form(c, r, "disable", "Khóa");
  h_lit(b, "</td>");
}

static void users_table(ctx *c, const user_row *rows, int n) {
  buf *b = &c->out;
  h_lit(b, "<div class=\"table-wrap\" role=\"region\" aria-label=\"Danh sách người dùng\" tabindex=\"0\">"
           "<table class=\"list\"><thead><tr><th scope=\"col\">Tên đăng nhập</th><th scope=\"col\">Đơn vị</th>"
           "<th scope=\"col\">Mã đơn vị</th><th scope=\"col\">Vai trò</th><th scope=\"col\">Thư điện tử (thư tổng hợp)</th>"
           "<th scope=\"col\">Trạng thái</th><th scope=\"col\">Tài khoản</th></tr></thead><tbody>");
  const tree *t = app_read_begin(c->a);
  for (int i = 0; i < n; i++) {
    int p = tree_find_id(t, rows[i].unit_id);
    h_lit(b, "<tr><td>");
    h_text(b, rows[i].login);
    h_lit(b, "</td><td>");
    h_text(b, p >= 0 ? t->u[p].name : "");
    h_lit(b, "</td><td>");
    h_text(b, rows[i].unit_code);
    h_lit(b, "</td><td>");
    h_text(b, role_label_vn(rows[i].role));
    if (rows[i].role == ROLE_APPROVER) user_forms_form(c, &rows[i]);
    h_lit(b, "</td><td>");
    user_email_form(c, &rows[i]);
    h_lit(b, "</td>");
    user_account_cells(c, &rows[i]);
    h_lit(b, "</tr>");
  }
  app_read_end(c->a);
  if (!n) h_lit(b, "<tr><td colspan=\"7\" class=\"empty\">Chưa có người dùng.</td></tr>");
  h_lit(b, "</tbody></table></div>");
}

static void user_add_form(ctx *c, const user_form *uf) {
  buf *b = &c->out;
  h_lit(b, "<section aria-labelledby=\"add\"><h2 id=\"add\">Thêm người dùng</h2>");
  if (uf->top_err) {
    h_open(b, "div", "class", "alert", "role", "alert", NULL);
    h_text(b, uf->top_err);
    h_close(b, "div");
  }
  h_lit(b, "<form method=\"post\" action=\"/users\" class=\"stack\">");
  h_csrf(c);
  h_field(b, "login", "Tên đăng nhập", "text", uf->login, uf->err_login,
          "3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang");
  h_field(b, "password", "Mật khẩu", "password", "", uf->err_password,
          "Ít nhất 10 ký tự; không phải mật khẩu phổ biến, không trùng tên đăng nhập");
  h_field(b, "email", "Thư điện tử (không bắt buộc)", "email", uf->email, uf->err_email,
          "Nhận thư tổng hợp thông báo chưa đọc mỗi ngày");
  h_lit(b, "<div class=\"field\">");
  h_unit_select(c, "unit", "Đơn vị", uf->unit ? uf->unit : c->u.unit_code, uf->err_unit, NULL);
  h_lit(b, "</div><div class=\"field\"><label for=\"f-role\">Vai trò</label><select id=\"f-role\" name=\"role\">");
  static const role roles[] = {ROLE_VIEWER, ROLE_OFFICER, ROLE_APPROVER, ROLE_ADMIN};
  for (int i = 0; i < 4; i++)
    h_option(b, role_name(roles[i]), role_label_vn(roles[i]),
             uf->role ? strcmp(uf->role, role_name(roles[i])) == 0 : roles[i] == ROLE_OFFICER);
  h_lit(b, "</select>");
  h_error_for(b, "e-role", uf->err_role);
  h_lit(b, "</div><p class=\"buttons\"><button type=\"submit\" class=\"primary\">Thêm người dùng</button></p>"
           "</form></section>");
}

static void users_page(ctx *c, const user_form *uf) {
  buf *b = &c->out;
  user_row *rows = NULL;
  int n = 0;
  dv_err e = {0};
  int rc = app_user_list(c->a, &c->u, &rows, &n, &e);
  if (rc) {
    free(rows);
    reply_html_error(c, http_status_of(rc), "Không xem được danh sách người dùng", e.msg);
    return;
  }
  page_begin(c, "Người dùng");
  h_lit(b, "<h1>Người dùng</h1>");
  const char *added = arg(c, "added"), *mailed = arg(c, "email"), *done = arg(c, "ok");
  if (done) {
    h_lit(b, "<p class=\"ok\" role=\"status\">");
    h_text(b, done);
    h_lit(b, "</p>");
  }
  if (mailed) {
    h_lit(b, "<p class=\"ok\" role=\"status\">Đã lưu địa chỉ thư của ");
    h_text(b, mailed);
    h_lit(b, ".</p>");
  }
  if (added) {
    h_lit(b, "<p class=\"ok\" role=\"status\">Đã thêm người dùng ");
    h_text(b, added);
    h_lit(b, ".</p>");
  }
  h_lit(b, "<p class=\"hint\">Mỗi người dùng chỉ xem và sửa số liệu của đơn vị mình và các đơn vị trực thuộc. "
           "Vai trò: Xem (chỉ đọc), Cán bộ (nhập số liệu), Phê duyệt, Quản trị.</p>");
  users_table(c, rows, n);
  free(rows);
  user_add_form(c, uf);
  page_end(c);
  page_send(c);
}

void page_users(ctx *c) {
  user_form uf = {0};
  users_page(c, &uf);
}

/* action=forms: the forms an approver decides */
static void user_forms_post(ctx *c) {
  const char *login = field(c, "login"), *forms = field(c, "forms");
  dv_err e = {0};
  int rc = app_user_forms_set(c->a, &c->u, login, forms ? forms : "", &e);
  if (!rc) {
    reply_redirect(c, c_url(c, "/users", "ok", c_printf(c, "Đã lưu các biểu %s phê duyệt.", login), NULL));
    return;
  }
  user_form uf = {0};
  uf.top_err = c_printf(c, "%s: %s", login ? login : "", e.msg);
  users_page(c, &uf);
  if (c->status == 200 || c->status == 0) c->status = rc == DV_EFORBIDDEN ? 403 : rc == DV_ENOTFOUND ? 404 : 422;
}

/* action=email: the address of one user */
static void user_email_post(ctx *c) {
  const char *login = field(c, "login"), *email = field(c, "email");
  dv_err e = {0};
  if (login && email && !app_user_email_set(c->a, &c->u, login, email, &e)) {
    reply_redirect(c, c_url(c, "/users", "email", login, NULL));
    return;
  }
  user_form uf = {0};
  uf.top_err = c_printf(c, "%s: %s", login ? login : "", e.msg[0] ? e.msg : "thiếu địa chỉ thư");
  users_page(c, &uf);
  if (c->status == 200 || c->status == 0) c->status = e.code && e.code != DV_EINVAL ? http_status_of(e.code) : 422;
}

/* action=disable|enable|passwd: one user's account; the user's sessions end at once
 * (but for enable) */
static void user_account_post(ctx *c, const char *action) {
  const char *login = field(c, "login"), *password = field(c, "password");
  dv_err e = {0};
  int passwd = !strcmp(action, "passwd"), disable = !strcmp(action, "disable");
  int rc = passwd ? app_user_set_password(c->a, &c->u, login, password ? password : "", &e)
                  : app_user_set_disabled(c->a, &c->u, login, disable, &e);
  if (!rc) {
    const char *ok = passwd ? c_printf(c, "Đã đặt mật khẩu mới cho %s; các phiên làm việc của tài khoản đã kết thúc.", login)
                     : disable ? c_printf(c, "Đã khóa tài khoản %s.", login)
                               : c_printf(c, "Đã mở khóa tài khoản %s.", login);
    reply_redirect(c, c_url(c, "/users", "ok", ok, NULL));
    return;
  }
  user_form uf = {0};
  uf.top_err = c_printf(c, "%s: %s", login ? login : "", e.msg);
  users_page(c, &uf);
  if (c->status == 200 || c->status == 0) c->status = rc == DV_EFORBIDDEN ? 403 : rc == DV_ENOTFOUND ? 404 : 422;
}

void page_users_post(ctx *c) {
  const char *action = field(c, "action");
  if (action && !strcmp(action, "email")) {
    user_email_post(c);
    return;
  }
  if (action && !strcmp(action, "forms")) {
    user_forms_post(c);
    return;
  }
  if (action && (!strcmp(action, "disable") || !strcmp(action, "enable") || !strcmp(action, "passwd"))) {
    user_account_post(c, action);
    return;
  }
  user_form uf = {0};
  const char *password = field(c, "password");
  uf.login = field(c, "login");
  uf.unit = field(c, "unit");
  uf.role = field(c, "role");
  uf.email = field(c, "email");
  role r = ROLE_VIEWER;
  int errors = 0;
  if (!uf.login || !*uf.login || strlen(uf.login) > 64) uf.err_login = "Nhập tên đăng nhập (tối đa 40 ký tự).", errors++;
  if (!password || !*password) uf.err_password = "Nhập mật khẩu.", errors++;
  if (!uf.unit || !*uf.unit || strlen(uf.unit) > 31) uf.err_unit = "Chọn đơn vị.", errors++;
  if (!uf.role || role_parse(uf.role, &r)) uf.err_role = "Chọn vai trò.", errors++;
  if (uf.email && *uf.email && !mail_address_ok(uf.email)) uf.err_email = "Địa chỉ thư không hợp lệ (dạng ten@don-vi.gov.vn).", errors++;
  if (!errors) {
    dv_err e = {0};
    int rc = app_user_add(c->a, &c->u, uf.login, password, uf.unit, r, &e);
    if (rc == 0 && uf.email && *uf.email) rc = app_user_email_set(c->a, &c->u, uf.login, uf.email, &e);
    if (rc == 0) {
      reply_redirect(c, c_url(c, "/users", "added", uf.login, NULL));
      return;
    }
    const char *msg = c_strdup(c, e.msg);
    if (strcmp(e.field, "login") == 0) uf.err_login = msg;
    else if (strcmp(e.field, "password") == 0) uf.err_password = msg;
    else if (strcmp(e.field, "unit") == 0) uf.err_unit = msg;
    else uf.top_err = msg;
  }
  users_page(c, &uf);
  if (c->status == 200 || c->status == 0) c->status = 422;
}

/* --- audit ----------------------------------------------------------------------- */

static void audit_json(buf *b, const char *label, const char *json) {
  if (!json || !*json) return;
  h_lit(b, "<details><summary>");
  h_text(b, label);
  h_lit(b, "</summary><pre>");
  h_text(b, json);
  h_lit(b, "</pre></details>");
}

void page_audit(ctx *c) {
  buf *b = &c->out;
  const char *pg = arg(c, "page");
  long long page = pg && *pg ? parse_id(pg, 1000000) : 1;
  if (page < 1) page = 1;
  audit_row *rows = NULL;
  int n = 0;
  dv_err e = {0};
  /* one row more than shown tells whether a next page exists */
  int rc = app_audit_list(c->a, &c->u, AUDIT_PAGE + 1, (int)((page - 1) * AUDIT_PAGE), &rows, &n, &e);
  if (rc) {
    audit_rows_free(rows, n);
    reply_html_error(c, http_status_of(rc), "Không xem được nhật ký", e.msg);
    return;
  }
  page_begin(c, "Nhật ký thay đổi");
  h_lit(b, "<h1>Nhật ký thay đổi</h1><p class=\"hint\">Mới nhất trước. Mỗi thay đổi ghi người làm, thời điểm, "
           "giá trị trước và sau.</p><div class=\"table-wrap\" role=\"region\" aria-label=\"Nhật ký\" tabindex=\"0\">"
           "<table class=\"list\"><thead><tr><th scope=\"col\">Thời điểm</th><th scope=\"col\">Người dùng</th>"
           "<th scope=\"col\">Thao tác</th><th scope=\"col\">Đối tượng</th><th scope=\"col\">Trước / sau</th>"
           "</tr></thead><tbody>");
  int shown = n > AUDIT_PAGE ? AUDIT_PAGE : n;
  for (int i = 0; i < shown; i++) {
    const audit_row *r = &rows[i];
    h_lit(b, "<tr><td class=\"nowrap\">");
    h_time(b, r->at, 1);
    h_lit(b, "</td><td>");
    h_text(b, r->login[0] ? r->login : "(dòng lệnh)");
    h_lit(b, "</td><td>");
    h_text(b, r->action);
    h_lit(b, "</td><td>");
    h_text(b, r->entity);
    if (r->entity_id) {
      h_lit(b, " #");
      h_int(b, r->entity_id);
    }
    h_lit(b, "</td><td>");
    audit_json(b, "Trước", r->before);
    audit_json(b, "Sau", r->after);
    h_lit(b, "</td></tr>");
  }
  if (!shown) h_lit(b, "<tr><td colspan=\"5\" class=\"empty\">Nhật ký trống.</td></tr>");
  h_lit(b, "</tbody></table></div><nav class=\"pager\" aria-label=\"Phân trang\">");
  if (page > 1) {
    h_open(b, "a", "href", c_printf(c, "/audit?page=%lld", page - 1), "rel", "prev", NULL);
    h_lit(b, "← Mới hơn</a> ");
  }
  h_lit(b, "<span>Trang ");
  h_int(b, page);
  h_lit(b, "</span>");
  if (n > AUDIT_PAGE) {
    h_lit(b, " ");
    h_open(b, "a", "href", c_printf(c, "/audit?page=%lld", page + 1), "rel", "next", NULL);
    h_lit(b, "Cũ hơn →</a>");
  }
  h_lit(b, "</nav>");
  page_end(c);
  page_send(c);
  audit_rows_free(rows, n);
}

/* --- public holidays ----------------------------------------------------------- */

/* GET /holidays?year=Y: the year's days off (working-day deadlines skip them),
 * with a form to add one and a button to remove each. Admins only. */
static void holidays_page(ctx *c, int year, const char *err, const char *date, const char *name) {
  buf *b = &c->out;
  holiday_row *rows = NULL;
  int n = 0;
  app_holiday_list(c->a, year, &rows, &n);
  page_begin(c, "Ngày nghỉ lễ");
  h_lit(b, "<h1>Ngày nghỉ lễ, Tết</h1><p class=\"hint\">Hạn xử lý đơn, thư tính theo ngày làm việc: "
           "bỏ thứ Bảy, Chủ nhật và các ngày dưới đây. Tết Nguyên đán và Giỗ Tổ Hùng Vương được tính theo âm "
           "lịch; hãy sửa theo lịch nghỉ chính thức được công bố hằng năm.</p>");
  h_lit(b, "<form method=\"get\" action=\"/holidays\" class=\"filters\"><div class=\"field\"><label for=\"f-year\">Năm"
           "</label><input id=\"f-year\" name=\"year\" inputmode=\"numeric\" size=\"6\" value=\"");
  buf_addf(b, "%d", year);
  h_lit(b, "\"></div><button type=\"submit\">Xem</button></form>");
  h_lit(b, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th scope=\"col\">Ngày</th>"
           "<th scope=\"col\">Tên</th><th scope=\"col\"></th></tr></thead><tbody>");
  for (int i = 0; i < n; i++) {
    char iso[11];
    date_format_iso(rows[i].day, iso);
    h_lit(b, "<tr><td>");
    h_date(b, rows[i].day);
    h_lit(b, "</td><td>");
    h_text(b, rows[i].name);
    h_lit(b, "</td><td><form method=\"post\" action=\"/holidays\">");
    h_csrf(c);
    h_open(b, "input", "type", "hidden", "name", "date", "value", iso, NULL);
    h_lit(b, "<input type=\"hidden\" name=\"action\" value=\"remove\"><button type=\"submit\">Bỏ</button></form></td></tr>");
  }
  if (!n) h_lit(b, "<tr><td colspan=\"3\" class=\"empty\">Chưa có ngày nghỉ nào trong năm này.</td></tr>");
  h_lit(b, "</tbody></table></div>");
  free(rows);
  h_lit(b, "<section aria-labelledby=\"add\"><h2 id=\"add\">Thêm ngày nghỉ</h2>");
  if (err) {
    h_open(b, "div", "class", "alert", "role", "alert", NULL);
    h_text(b, err);
    h_close(b, "div");
  }
  h_lit(b, "<form method=\"post\" action=\"/holidays\" class=\"stack\"><input type=\"hidden\" name=\"action\" value=\"set\">");
  h_csrf(c);
  h_field(b, "date", "Ngày", "text", date ? date : "", NULL, "Ngày/tháng/năm, ví dụ 02/09/2025");
  h_field(b, "name", "Tên ngày nghỉ", "text", name ? name : "", NULL, "Ví dụ: Nghỉ bù Quốc khánh");
  h_lit(b, "<p class=\"buttons\"><button type=\"submit\" class=\"primary\">Lưu</button></p></form></section>");
  page_end(c);
  page_send(c);
}

static int year_arg(ctx *c) {
  const char *y = arg(c, "year");
  int year = y ? atoi(y) : 0;
  if (year < 1900 || year > 2199) {
    int mo, dd;
    date_to_ymd(app_today(c->a), &year, &mo, &dd);
  }
  return year;
}

void page_holidays(ctx *c) { holidays_page(c, year_arg(c), NULL, NULL, NULL); }

void page_holidays_post(ctx *c) {
  const char *action = field(c, "action"), *date = field(c, "date"), *name = field(c, "name");
  int day, set = action && !strcmp(action, "set");
  char iso[11] = "";
  if (!date || parse_date_vn(date, &day)) {
    holidays_page(c, year_arg(c), "Ngày không hợp lệ (ngày/tháng/năm).", date, name);
    c->status = 422;
    return;
  }
  date_format_iso(day, iso);
  dv_err e = {0};
  int rc = app_holiday_set(c->a, &c->u, iso, set ? (name ? name : "") : NULL, &e);
  int y, m, d;
  date_to_ymd(day, &y, &m, &d);
  if (rc) {
    holidays_page(c, y, e.msg, date, name);
    c->status = http_status_of(rc) == 500 ? 422 : http_status_of(rc);
    return;
  }
  char ys[8];
  snprintf(ys, sizeof ys, "%d", y);
  reply_redirect(c, c_url(c, "/holidays", "year", ys, NULL));
}

/* --- the reform: successors of split units, users of dissolved units ----------- */

/* GET /reform: the old units that ended the day before the newest edition and
 * have several successors, each with a select of its candidates (the primary
 * is where its work goes in comparisons); the users whose unit no longer
 * exists, each with a form to move them (the suggested successor filled in)
 * and one to disable them. Admins only. err_key names the form an error
 * belongs to (an old unit code or a login). */
static void reform_page(ctx *c, const char *err_key, const char *err) {
  buf *b = &c->out;
  dissolved_user *users = NULL;
  int nu = 0;
  dv_err e = {0};
  int rc = app_user_list_dissolved(c->a, &c->u, &users, &nu, &e);
  if (rc) {
    reply_html_error(c, http_status_of(rc), "Không xem được trang sắp xếp đơn vị", e.msg);
    return;
  }
  page_begin(c, "Sắp xếp đơn vị hành chính");
  h_lit(b, "<h1>Sắp xếp đơn vị hành chính</h1>");
  const char *ok = arg(c, "ok");
  if (ok) {
    h_lit(b, "<p class=\"ok\" role=\"status\">");
    h_text(b, ok);
    h_lit(b, "</p>");
  }
  const tree *t = app_read_begin(c->a);
  int day = tree_edition_on(t, 0)->from_day;
  char iso[11] = "";
  if (day) date_format_iso(day, iso);
  successor_row *rows = NULL;
  int n = 0;
  app_successor_list(c->a, -1, &rows, &n);
  h_lit(b, "<section aria-labelledby=\"split\"><h2 id=\"split\">Đơn vị cũ chia tách</h2><p class=\"hint\">"
           "Đơn vị kết thúc ngày ");
  if (day) h_date(b, day - 1);
  h_lit(b, " và chuyển về nhiều đơn vị mới. Đơn vị kế tiếp chính nhận số liệu của đơn vị cũ khi so sánh "
           "với các kỳ trước.</p><div class=\"table-wrap\"><table class=\"list\"><thead><tr>"
           "<th scope=\"col\">Mã cũ</th><th scope=\"col\">Đơn vị cũ</th><th scope=\"col\">Đơn vị kế tiếp chính</th>"
           "</tr></thead><tbody>");
  int shown = 0;
  for (int i = 0; day && i < n;) {
    int j = i, o = rows[i].old_pos;
    while (j < n && rows[j].old_pos == o) j++;
    if (j - i > 1 && t->u[o].valid_to + 1 == day && app_can_read(c->a, &c->u, o)) {
      shown++;
      h_lit(b, "<tr><td>");
      h_text(b, t->u[o].code);
      h_lit(b, "</td><td>");
      h_text(b, t->u[o].name);
      h_lit(b, "</td><td><form method=\"post\" action=\"/reform\" class=\"inline\">");
      h_csrf(c);
      h_lit(b, "<input type=\"hidden\" name=\"action\" value=\"successor\">");
      h_open(b, "input", "type", "hidden", "name", "old", "value", t->u[o].code, NULL);
      h_open(b, "input", "type", "hidden", "name", "on", "value", iso, NULL);
      const char *id = c_printf(c, "s-%s", t->u[o].code);
      h_open(b, "label", "for", id, "class", "visually-hidden", NULL);
      h_lit(b, "Đơn vị kế tiếp chính của ");
      h_text(b, t->u[o].name);
      h_lit(b, "</label>");
      h_open(b, "select", "id", id, "name", "new", NULL);
      for (int k = i; k < j; k++) {
        const unit_node *nw = &t->u[rows[k].new_pos];
        h_option(b, nw->code, c_printf(c, "%s %s%s", nw->code, nw->name, rows[k].primary ? " (chính)" : ""),
                 rows[k].primary);
      }
      h_lit(b, "</select> <button type=\"submit\">Chọn</button>");
      if (err_key && !strcmp(err_key, t->u[o].code)) {
        h_open(b, "p", "class", "error", "role", "alert", NULL);
        h_text(b, err);
        h_close(b, "p");
      }
      h_lit(b, "</form></td></tr>");
    }
    i = j;
  }
  if (!shown) h_lit(b, "<tr><td colspan=\"3\" class=\"empty\">Không có đơn vị cũ nào chia tách.</td></tr>");
  h_lit(b, "</tbody></table></div></section>");
  free(rows);
  app_read_end(c->a);

  h_lit(b, "<section aria-labelledby=\"people\"><h2 id=\"people\">Tài khoản của đơn vị không còn</h2>"
           "<p class=\"hint\">Chuyển tài khoản sang đơn vị mới (mã đơn vị có hiệu lực hôm nay) hoặc khóa tài "
           "khoản.</p><div class=\"table-wrap\"><table class=\"list\"><thead><tr><th scope=\"col\">Tên đăng nhập</th>"
           "<th scope=\"col\">Đơn vị cũ</th><th scope=\"col\">Gợi ý</th><th scope=\"col\">Chuyển</th>"
           "<th scope=\"col\">Khóa</th></tr></thead><tbody>");
  for (int i = 0; i < nu; i++) {
    const dissolved_user *d = &users[i];
    h_lit(b, "<tr><td>");
    h_text(b, d->login);
    h_lit(b, "</td><td>");
    h_text(b, c_printf(c, "%s %s", d->unit_code, d->unit_name));
    h_lit(b, "</td><td>");
    h_text(b, d->suggested_code[0] ? c_printf(c, "%s %s", d->suggested_code, d->suggested_name) : "");
    h_lit(b, "</td><td><form method=\"post\" action=\"/reform\" class=\"inline\">");
    h_csrf(c);
    h_lit(b, "<input type=\"hidden\" name=\"action\" value=\"move\">");
    h_open(b, "input", "type", "hidden", "name", "login", "value", d->login, NULL);
    const char *id = c_printf(c, "m-%s", d->login);
    h_open(b, "label", "for", id, "class", "visually-hidden", NULL);
    h_lit(b, "Mã đơn vị mới của ");
    h_text(b, d->login);
    h_lit(b, "</label>");
    h_open(b, "input", "id", id, "name", "unit", "size", "8", "value", d->suggested_code, NULL);
    h_lit(b, " <button type=\"submit\">Chuyển</button>");
    if (err_key && !strcmp(err_key, d->login)) {
      h_open(b, "p", "class", "error", "role", "alert", NULL);
      h_text(b, err);
      h_close(b, "p");
    }
    h_lit(b, "</form></td><td><form method=\"post\" action=\"/reform\" class=\"inline\">");
    h_csrf(c);
    h_lit(b, "<input type=\"hidden\" name=\"action\" value=\"disable\">");
    h_open(b, "input", "type", "hidden", "name", "login", "value", d->login, NULL);
    h_lit(b, "<button type=\"submit\">Khóa tài khoản</button></form></td></tr>");
  }
  if (!nu) h_lit(b, "<tr><td colspan=\"5\" class=\"empty\">Không có tài khoản nào thuộc đơn vị không còn.</td></tr>");
  h_lit(b, "</tbody></table></div></section>");
  if (err_key && !*err_key) {
    h_open(b, "div", "class", "alert", "role", "alert", NULL);
    h_text(b, err);
    h_close(b, "div");
  }
  free(users);
  page_end(c);
  page_send(c);
}

void page_reform(ctx *c) { reform_page(c, NULL, NULL); }

void page_reform_post(ctx *c) {
  const char *action = field(c, "action"), *login = field(c, "login");
  dv_err e = {0};
  int rc;
  const char *key = "", *ok = NULL;
  if (action && !strcmp(action, "successor")) {
    const char *old = field(c, "old"), *nw = field(c, "new"), *on = field(c, "on");
    int day = 0;
    key = old ? old : "";
    if (!on || date_parse(on, &day)) rc = dv_fail(&e, DV_EINVAL, 0, "on", "ngày không hợp lệ");
    else rc = app_successor_choose(c->a, &c->u, old, nw, day, &e);
    if (!rc) ok = c_printf(c, "Đã chọn %s làm đơn vị kế tiếp chính của %s.", nw, old);
  } else if (action && !strcmp(action, "move")) {
    const char *unit = field(c, "unit");
    key = login ? login : "";
    rc = app_user_move(c->a, &c->u, login, unit && *unit ? unit : "", &e);
    if (!rc) ok = c_printf(c, "Đã chuyển tài khoản %s sang đơn vị %s.", login, unit);
  } else if (action && !strcmp(action, "disable")) {
    key = login ? login : "";
    rc = app_user_set_disabled(c->a, &c->u, login, 1, &e);
    if (!rc) ok = c_printf(c, "Đã khóa tài khoản %s.", login);
  } else rc = dv_fail(&e, DV_EINVAL, 0, "action", "thao tác không hợp lệ");
  if (!rc) {
    reply_redirect(c, c_url(c, "/reform", "ok", ok, NULL));
    return;
  }
  if (rc == DV_EFORBIDDEN) {
    reply_html_error(c, 403, "Không được phép", e.msg);
    return;
  }
  reform_page(c, key, c_strdup(c, e.msg));
  if (c->status == 200 || c->status == 0) c->status = 422;
}
