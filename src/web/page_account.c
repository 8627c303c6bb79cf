/* The user's own account (GET/POST /account): a new password in place of the current one
 * (the user's other sessions end, this one goes on) and "Đăng xuất mọi nơi" (every session
 * of the user ends, this one too). docs/access.md, "Accounts". */
#include "web/web_int.h"
#include <string.h>

typedef struct account_form {
  const char *err_old, *err_new, *err_confirm, *top_err;
} account_form;

static void account_page(ctx *c, const account_form *af) {
  buf *b = &c->out;
  buf_reset(b);
  page_begin(c, "Tài khoản");
  h_lit(b, "<h1>Tài khoản</h1>");
  if (arg(c, "changed")) h_lit(b, "<p class=\"ok\" role=\"status\">Đã đổi mật khẩu. Các phiên làm việc khác của bạn đã kết thúc.</p>");
  if (af->top_err) {
    h_open(b, "div", "class", "alert", "role", "alert", NULL);
    h_text(b, af->top_err);
    h_close(b, "div");
  }
  h_lit(b, "<section aria-labelledby=\"pw\"><h2 id=\"pw\">Đổi mật khẩu</h2>"
           "<form method=\"post\" action=\"/account\" class=\"stack\">");
  h_csrf(c);
  h_hidden(b, "action", "password");
  h_field(b, "old", "Mật khẩu hiện tại", "password", "", af->err_old, NULL);
  h_field(b, "new", "Mật khẩu mới", "password", "", af->err_new,
          "Ít nhất 10 ký tự; không phải mật khẩu phổ biến, không trùng tên đăng nhập");
  h_field(b, "confirm", "Nhập lại mật khẩu mới", "password", "", af->err_confirm, NULL);
  h_lit(b, "<p class=\"buttons\"><button type=\"submit\" class=\"primary\">Đổi mật khẩu</button></p></form></section>"
           "<section aria-labelledby=\"all\"><h2 id=\"all\">Đăng xuất mọi nơi</h2><p class=\"hint\">Kết thúc mọi phiên "
           "làm việc của tài khoản này, trên mọi máy (kể cả máy này). Dùng khi quên đăng xuất ở máy khác hoặc nghi "
           "người khác biết mật khẩu.</p><form method=\"post\" action=\"/account\">");
  h_csrf(c);
  h_hidden(b, "action", "logout_all");
  h_lit(b, "<p class=\"buttons\"><button type=\"submit\">Đăng xuất mọi nơi</button></p></form></section>");
  page_end(c);
  page_send(c);
}

void page_account(ctx *c) {
  account_form af = {0};
  account_page(c, &af);
}

static void password_post(ctx *c) {
  const char *old = field(c, "old"), *nw = field(c, "new"), *confirm = field(c, "confirm");
  account_form af = {0};
  dv_err e = {0};
  int rc = DV_EINVAL, wait = 0;
  if (!old || !*old) af.err_old = "Nhập mật khẩu hiện tại.";
  else if (!nw || !confirm || strcmp(nw, confirm)) af.err_confirm = "Hai lần nhập mật khẩu mới không giống nhau.";
  else rc = app_password_change(c->a, &c->u, c->token, old, nw, &wait, &e);
  if (!rc) {
    reply_redirect(c, "/account?changed=1");
    return;
  }
  const char *msg = c_strdup(c, e.msg);
  if (rc == DV_EINVAL && !strcmp(e.field, "old")) af.err_old = msg;
  else if (rc == DV_EINVAL && !strcmp(e.field, "password")) af.err_new = msg;
  else if (e.msg[0]) af.top_err = msg;
  int st = rc == DV_ETHROTTLED ? login_refused_status(c, rc, wait) : rc == DV_EINVAL ? 422 : http_status_of(rc);
  account_page(c, &af);
  c->status = st;
}

void page_account_post(ctx *c) {
  const char *action = field(c, "action");
  if (action && !strcmp(action, "password")) {
    password_post(c);
    return;
  }
  if (!action || strcmp(action, "logout_all")) {
    reply_html_error(c, 400, "Yêu cầu không hợp lệ", "Thao tác không hợp lệ.");
    return;
  }
  dv_err e = {0};
  if (app_logout_everywhere(c->a, &c->u, &e)) {
    reply_html_error(c, 500, "Lỗi máy chủ", e.msg);
    return;
  }
  reply_redirect(c, "/login");
  reply_add_cookie(c, "dv_session", "", SESSION_COOKIE_ATTRS "; Max-Age=0");
}
