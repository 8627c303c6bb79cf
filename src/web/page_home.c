/* Login and logout, the home page of a unit, the unit tree and /healthz.
 *
 * Login CSRF: the login form has no session to bind a token to, so it uses
 * a double-submit cookie. GET /login sets dv_login=<random> (HttpOnly,
 * SameSite=Strict, Path=/login) and puts the same value in a hidden field;
 * POST /login accepts only when both are present and equal. Another site
 * can neither read the cookie nor make the browser send it (SameSite), so it
 * cannot log a victim into an account of its choosing. POST /api/session is
 * JSON only: a cross-site form cannot send application/json without a CORS
 * preflight, which this server never grants. */
#include "web/web_int.h"
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOGIN_COOKIE_ATTRS "HttpOnly; SameSite=Strict; Path=/login; Max-Age=3600"

void page_healthz(ctx *c) { reply_text(c, 200, "text/plain; charset=utf-8", "ok\n"); }

/* --- the client's address (the login throttle) ------------------------------------- */

typedef struct ipaddr {
  int family; /* AF_INET, AF_INET6 */
  unsigned char b[16];
} ipaddr;

static int ip_of_sockaddr(const struct sockaddr *sa, ipaddr *ip) {
  static const unsigned char v4mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (sa && sa->sa_family == AF_INET) {
    ip->family = AF_INET;
    memcpy(ip->b, &((const struct sockaddr_in *)sa)->sin_addr, 4);
    return 0;
  }
  if (!sa || sa->sa_family != AF_INET6) return -1;
  const unsigned char *b = ((const struct sockaddr_in6 *)sa)->sin6_addr.s6_addr;
  if (memcmp(b, v4mapped, 12) == 0) {
    ip->family = AF_INET;
    memcpy(ip->b, b + 12, 4);
  } else {
    ip->family = AF_INET6;
    memcpy(ip->b, b, 16);
  }
  return 0;
}

static int ip_is_loopback(const ipaddr *ip) {
  static const unsigned char one[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  return ip->family == AF_INET ? ip->b[0] == 127 : memcmp(ip->b, one, 16) == 0;
}

static int ip_parse(const char *s, ipaddr *ip) {
  if (s && inet_pton(AF_INET, s, ip->b) == 1) ip->family = AF_INET;
  else if (s && inet_pton(AF_INET6, s, ip->b) == 1) ip->family = AF_INET6;
  else return -1;
  return 0;
}

const char *client_address(ctx *c) {
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  ipaddr ip, real;
  if (!ci || ip_of_sockaddr(ci->client_addr, &ip)) return NULL;
  if (ip_is_loopback(&ip) && app_trust_proxy(c->a) &&
      ip_parse(MHD_lookup_connection_value(c->conn, MHD_HEADER_KIND, "X-Real-IP"), &real) == 0)
    ip = real;
  char s[INET6_ADDRSTRLEN];
  if (ip.family == AF_INET6) memset(ip.b + 8, 0, 8); /* one /64 is one client */
  inet_ntop(ip.family, ip.b, s, sizeof s);
  return c_printf(c, "%s%s", s, ip.family == AF_INET6 ? "/64" : "");
}

int login_refused_status(ctx *c, int rc, int retry_after) {
  if (rc != DV_ETHROTTLED) return 401;
  c->retry_after = retry_after;
  return 429;
}

/* a local path to go back to after login: "/x..." but not "//host" */
static const char *safe_next(const char *next) {
  if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\') return "/";
  for (const char *p = next; *p; p++)
    if ((unsigned char)*p < 0x20 || *p == '\\') return "/";
  return next;
}

static void login_form(ctx *c, const char *login, const char *err) {
  char tok[65];
  web_random_hex(tok);
  reply_add_cookie(c, "dv_login", tok, LOGIN_COOKIE_ATTRS);
  buf *b = &c->out;
  buf_reset(b);
  page_begin(c, "Đăng nhập");
  h_lit(b, "<div class=\"login\"><h1>Đăng nhập</h1>"
           "<p class=\"sub\">Hệ thống thông tin công tác dân vận</p>");
  if (err) {
    h_open(b, "div", "class", "alert", "role", "alert", NULL);
    h_text(b, err);
    h_close(b, "div");
  }
  h_lit(b, "<form method=\"post\" action=\"/login\" class=\"stack\">");
  h_hidden(b, "lcsrf", tok);
  h_hidden(b, "next", safe_next(param(c, "next")));
  h_lit(b, "<div class=\"field\"><label for=\"f-login\">Tên đăng nhập</label>");
  h_open(b, "input", "id", "f-login", "name", "login", "type", "text", "value", login ? login : "", "autocomplete",
         "username", "autocapitalize", "none", "spellcheck", "false", "required", "", "autofocus", "", NULL);
  h_lit(b, "</div><div class=\"field\"><label for=\"f-password\">Mật khẩu</label>"
           "<input id=\"f-password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>"
           "</div><p class=\"buttons\"><button type=\"submit\" class=\"primary\">Đăng nhập</button></p></form></div>");
  page_end(c);
  page_send(c);
}

void page_login(ctx *c) {
  if (c->logged_in) {
    reply_redirect(c, safe_next(arg(c, "next")));
    return;
  }
  login_form(c, NULL, NULL);
}

static int login_token_ok(ctx *c) {
  const char *cookie = MHD_lookup_connection_value(c->conn, MHD_COOKIE_KIND, "dv_login");
  const char *given = field(c, "lcsrf");
  return is_hex64(cookie) && is_hex64(given) && sodium_memcmp(cookie, given, 64) == 0;
}

void page_login_post(ctx *c) {
  const char *login = field(c, "login"), *password = field(c, "password");
  if (!login_token_ok(c)) {
    login_form(c, login, "Biểu mẫu đăng nhập đã hết hạn. Hãy nhập lại.");
    c->status = 400;
    return;
  }
  char token[65];
  dv_err e = {0};
  int wait = 0, rc = DV_EAUTH;
  if (login && password && strlen(login) <= 64 && strlen(password) <= 512)
    rc = app_login(c->a, login, password, client_address(c), token, &wait, &e);
  if (rc) {
    int st = login_refused_status(c, rc, wait);
    login_form(c, login, st == 429 ? c_printf(c, "Đăng nhập sai quá nhiều lần. Hãy thử lại sau %d giây.", wait)
                                   : "Sai tên đăng nhập hoặc mật khẩu.");
    c->status = st;
    return;
  }
  reply_redirect(c, safe_next(field(c, "next")));
  reply_add_cookie(c, "dv_session", token, SESSION_COOKIE_ATTRS);
  reply_add_cookie(c, "dv_login", "", "HttpOnly; SameSite=Strict; Path=/login; Max-Age=0");
}

void page_logout(ctx *c) {
  if (c->logged_in) {
    if (!csrf_ok(c, field(c, "csrf"))) {
      reply_html_error(c, 403, "Không có quyền truy cập", "Yêu cầu đăng xuất không hợp lệ. Hãy tải lại trang.");
      return;
    }
    app_logout(c->a, c->token);
  }
  reply_redirect(c, "/login");
  reply_add_cookie(c, "dv_session", "", SESSION_COOKIE_ATTRS "; Max-Age=0");
}

/* --- home ----------------------------------------------------------------------- */

typedef struct home_unit {
  int pos, level, nkids, can_write;
  char code[32], name[256], level_name[64], parent_code[32], parent_name[256];
  char **titles; /* expanded form titles, catalog order */
  int kid_pos[60];
  char kid_code[60][32], kid_name[60][128];
} home_unit;

static int home_load(ctx *c, const char *code, home_unit *h) {
  memset(h, 0, sizeof *h);
  const catalog *cat = app_catalog(c->a);
  const tree *t = app_read_begin(c->a);
  int up = user_pos(t, &c->u), p = unit_pos_of(c, code), rc = 0;
  if (p < 0) rc = 404;
  else if (up < 0 || !tree_in_subtree(t, up, p)) rc = 403;
  if (!rc) {
    h->pos = p;
    h->level = t->u[p].level;
    snprintf(h->code, sizeof h->code, "%s", t->u[p].code);
    snprintf(h->name, sizeof h->name, "%s", t->u[p].name);
    const level_name *ln = &tree_unit_edition(t, p)->levels[h->level];
    if (ln->name) snprintf(h->level_name, sizeof h->level_name, "%s", ln->name);
    int par = t->u[p].parent;
    if (par >= 0 && tree_in_subtree(t, up, par)) {
      snprintf(h->parent_code, sizeof h->parent_code, "%s", t->u[par].code);
      snprintf(h->parent_name, sizeof h->parent_name, "%s", t->u[par].name);
    }
    for (int q = p + 1; q < t->u[p].end && h->nkids < 60; q = t->u[q].end) {
      h->kid_pos[h->nkids] = q;
      snprintf(h->kid_code[h->nkids], 32, "%s", t->u[q].code);
      snprintf(h->kid_name[h->nkids], 128, "%s", t->u[q].name);
      h->nkids++;
    }
    h->titles = c_alloc(c, sizeof(char *) * (size_t)(cat->nforms + 1));
    for (int i = 0; i < cat->nforms; i++) {
      char *s = report_expand(t, p, 0, cat->forms[i].title ? cat->forms[i].title : cat->forms[i].code);
      h->titles[i] = c_strdup(c, s);
      free(s);
    }
  }
  app_read_end(c->a);
  if (!rc) h->can_write = app_can_write(c->a, &c->u, h->pos);
  return rc;
}

static void home_forms(ctx *c, const home_unit *h, const char *period_id) {
  buf *b = &c->out;
  const catalog *cat = app_catalog(c->a);
  h_lit(b, "<ul class=\"cards\">");
  for (int i = 0; i < cat->nforms; i++) {
    const form *f = &cat->forms[i];
    char label[32];
    form_label(f->code, label, sizeof label);
    h_lit(b, "<li class=\"card\">");
    h_open(b, "a", "href", c_url(c, "/report", "form", f->code, "period", period_id, "unit", h->code, NULL), "class",
           "card-title", NULL);
    h_open(b, "strong", NULL);
    h_text(b, label);
    h_close(b, "strong");
    h_lit(b, " ");
    h_text(b, h->titles[i]);
    h_close(b, "a");
    if (h->can_write && entry_has_inputs(cat, f)) {
      h_lit(b, " <span class=\"card-more\">");
      h_link(b, c_url(c, "/entry", "form", f->code, "period", period_id, "unit", h->code, NULL), "Nhập số liệu");
      h_lit(b, "</span>");
    }
    h_lit(b, "</li>");
  }
  h_lit(b, "</ul>");
}

static void home_children(ctx *c, const home_unit *h, const char *period_id) {
  buf *b = &c->out;
  if (!h->nkids) return;
  h_lit(b, "<section aria-labelledby=\"kids\"><h2 id=\"kids\">Đơn vị trực thuộc</h2><ul class=\"columns\">");
  for (int i = 0; i < h->nkids; i++) {
    h_lit(b, "<li>");
    h_link(b, c_url(c, "/", "unit", h->kid_code[i], "period", period_id, NULL), h->kid_name[i]);
    h_lit(b, "</li>");
  }
  h_lit(b, "</ul><p>");
  h_link(b, c_url(c, "/units", "unit", h->code, NULL), "Xem cây đơn vị đầy đủ");
  h_lit(b, "</p></section>");
}

/* --- follow-up: conclusions to carry out, recommendations to answer, overdue counts ---------------------------------------- */

#define HOME_TODO_MAX 20

typedef struct due_row {
  const char *due;
  int i;
} due_row;

static int due_row_cmp(const void *a, const void *b) {
  const due_row *x = a, *y = b;
  int d = strcmp(x->due, y->due);
  return d ? d : x->i - y->i;
}

/* the first searchable text of a record: what the list shows as its content */
static int content_field(const reg_def *r) {
  for (int i = 0; i < r->nfields; i++)
    if (r->fields[i].search && (r->fields[i].type == FT_LONGTEXT || r->fields[i].type == FT_TEXT)) return i;
  return -1;
}

/* the still-open records among rows, soonest deadline first; *late: how many are overdue */
static int todo_open(const reg_def *r, const record *rows, int n, due_row *open, int *late) {
  int k = 0;
  *late = 0;
  for (int i = 0; i < n; i++) {
    if (!reg_is_open(r, (const char *const *)rows[i].values)) continue;
    open[k].due = rows[i].values[r->due_field];
    open[k++].i = i;
    *late += rows[i].overdue;
  }
  qsort(open, (size_t)k, sizeof *open, due_row_cmp);
  return k;
}

/* one row: due date, content (a link to the record), what it follows from, state */
static void todo_row(ctx *c, const reg_def *r, const record *rec, int fct) {
  buf *b = &c->out;
  const reg_field *sf = &r->fields[r->open_field];
  int day;
  h_open(b, "tr", "class", rec->overdue ? "late" : NULL, NULL);
  h_open(b, "td", "class", "nowrap", "data-label", r->fields[r->due_field].label, NULL);
  if (date_parse(rec->values[r->due_field], &day) == 0) h_date(b, day);
  if (rec->overdue) h_lit(b, " <span class=\"badge late\">Quá hạn</span>");
  h_close(b, "td");
  h_open(b, "td", "data-label", r->fields[fct].label, NULL);
  /* the user's unit is the one named in the record: it may open it and answer */
  h_link(b, c_printf(c, "/r/%s/%lld", r->code, (long long)rec->id), rec->values[fct]);
  h_close(b, "td");
  if (r->ref_register) {
    h_open(b, "td", "data-label", r->fields[r->ref_date].label, NULL);
    if (date_parse(rec->values[r->ref_date], &day) == 0) h_date(b, day);
    h_lit(b, " · ");
    const tree *t = app_read_begin(c->a);
    int pos = tree_find_id(t, rec->unit_id); /* the ref's unit is the record's */
    h_text(b, pos >= 0 ? t->u[pos].name : rec->values[r->ref_unit]);
    app_read_end(c->a);
    h_close(b, "td");
  }
  h_open(b, "td", "data-label", sf->label, NULL);
  int o = reg_option_index(sf, rec->values[r->open_field]);
  h_text(b, o >= 0 ? sf->opts[o].label : rec->values[r->open_field]);
  h_lit(b, "</td></tr>");
}

static void todo_table(ctx *c, const reg_def *r, const record *rows, const due_row *open, int k, int fct) {
  buf *b = &c->out;
  h_open(b, "div", "class", "table-wrap", "role", "region", "aria-labelledby", c_printf(c, "todo-%s", r->code),
         "tabindex", "0", NULL);
  h_lit(b, "<table class=\"list records todo\"><thead><tr>");
  h_open(b, "th", "scope", "col", NULL), h_text(b, r->fields[r->due_field].label), h_close(b, "th");
  h_open(b, "th", "scope", "col", NULL), h_text(b, r->fields[fct].label), h_close(b, "th");
  if (r->ref_register) h_open(b, "th", "scope", "col", NULL), h_text(b, r->fields[r->ref_date].label), h_close(b, "th");
  h_open(b, "th", "scope", "col", NULL), h_text(b, r->fields[r->open_field].label), h_close(b, "th");
  h_lit(b, "</tr></thead><tbody>");
  for (int j = 0; j < k && j < HOME_TODO_MAX; j++) todo_row(c, r, &rows[open[j].i], fct);
  h_lit(b, "</tbody></table></div>");
  if (k > HOME_TODO_MAX) {
    h_lit(b, "<p class=\"hint\">Và ");
    h_int(b, k - HOME_TODO_MAX);
    h_lit(b, " ");
    h_text(b, r->item);
    h_lit(b, " khác có thời hạn muộn hơn.</p>");
  }
}

/* the open records of a register with a `todo` field naming the user's own
 * unit (conclusions to carry out, recommendations to answer), soonest
 * deadline first; nothing when there are none */
static void home_todo(ctx *c, const reg_def *r) {
  buf *b = &c->out;
  int fct = content_field(r);
  if (r->todo_field < 0 || fct < 0) return;
  record *rows = NULL;
  int n = 0, total = 0, late = 0;
  dv_err e = {0};
  if (app_record_assigned(c->a, &c->u, r, r->fields[r->todo_field].name, NULL, &rows, &n, &total, &e)) {
    h_open(b, "p", "class", "alert", NULL);
    h_text(b, e.msg);
    h_close(b, "p");
    records_free(rows, n);
    return;
  }
  due_row *open = c_alloc(c, sizeof(due_row) * (size_t)(n + 1));
  int k = todo_open(r, rows, n, open, &late);
  if (k) {
    h_open(b, "section", "aria-labelledby", c_printf(c, "todo-%s", r->code), "id", r->code, "class", "todo", NULL);
    h_open(b, "h2", "id", c_printf(c, "todo-%s", r->code), NULL);
    h_text(b, r->todo_title);
    h_close(b, "h2");
    h_open(b, "p", "class", late ? "notice" : "hint", NULL);
    h_lit(b, "Đơn vị có <strong>");
    h_int(b, k);
    h_lit(b, "</strong> ");
    h_text(b, r->item);
    h_lit(b, " chưa xong");
    if (late) {
      h_lit(b, ", trong đó <strong>");
      h_int(b, late);
      h_lit(b, "</strong> đã quá hạn");
    }
    h_lit(b, ".</p>");
    todo_table(c, r, rows, open, k, fct);
    h_close(b, "section");
  }
  records_free(rows, n);
}

/* every register's list of what the user's unit has to do */
static void home_todos(ctx *c) {
  for (int i = 0; i < app_register_count(c->a); i++) home_todo(c, app_register_at(c->a, i));
}

/* the registers whose records fall overdue: letters by working days, the
 * others by their own due date; what to call them in the line */
static const char *overdue_what(const reg_def *r) {
  return r->due_field >= 0 || !strcmp(r->code, "letters") ? r->item : NULL;
}

/* overdue records in the unit's subtree, a count per register linking to its list */
static void home_overdue(ctx *c, const home_unit *h) {
  buf *b = &c->out;
  /* counted as a viewer: no private field is read, so no audit entry */
  user cu = c->u;
  cu.role = ROLE_VIEWER;
  int nr = app_register_count(c->a), *late = c_alloc(c, sizeof(int) * (size_t)(nr + 1)), any = 0, have = 0;
  for (int i = 0; i < nr; i++) { /* -1: the register has no deadlines, or the count failed */
    const reg_def *r = app_register_at(c->a, i);
    dv_err e = {0};
    if (!overdue_what(r) || app_record_overdue(c->a, &cu, r, h->code, NULL, &late[i], &e)) late[i] = -1;
    else have++, any |= late[i] > 0;
  }
  if (!have) return;
  h_open(b, "p", "class", any ? "notice overdue-line" : "hint overdue-line", NULL);
  h_lit(b, "Quá hạn trong phạm vi đơn vị: ");
  for (int i = 0, k = 0; i < nr; i++) {
    if (late[i] < 0) continue;
    const reg_def *r = app_register_at(c->a, i);
    if (k++) h_lit(b, " · ");
    h_open(b, "a", "href", c_url(c, c_printf(c, "/r/%s", r->code), "unit", h->code, "period", "", "overdue", "1", NULL),
           NULL);
    h_lit(b, "<strong>");
    h_int(b, late[i]);
    h_lit(b, "</strong> ");
    h_text(b, overdue_what(r));
    h_close(b, "a");
  }
  h_lit(b, "</p>");
}

/* --- what waits for the user's decision (app_submission_route) ---------------------- */

#define HOME_WAITING_MAX 200

static void waiting_item(ctx *c, const waiting_row *w, int today) {
  buf *b = &c->out;
  char flabel[32], plabel[64] = "";
  period p;
  form_label(w->form, flabel, sizeof flabel);
  if (!period_parse(w->period, &p)) period_label_vn(&p, plabel, sizeof plabel);
  int days = today - w->submitted_day;
  h_lit(b, "<li>");
  h_link(b, c_printf(c, "%s#submission", c_url(c, "/report", "form", w->form, "period", w->period, "unit", w->unit, NULL)),
         c_printf(c, "%s — %s", w->unit_name, flabel));
  h_lit(b, " <span class=\"hint\">");
  h_text(b, plabel);
  h_lit(b, "</span> <span class=\"badge age\">");
  h_text(b, days > 0 ? c_printf(c, "chờ %d ngày", days) : "gửi hôm nay");
  h_lit(b, "</span></li>");
}

/* every submission routed to the user's unit, grandchildren included, oldest first */
static void home_waiting(ctx *c) {
  buf *b = &c->out;
  if (c->u.role < ROLE_APPROVER) return;
  waiting_row *rows;
  int n, today = app_today(c->a);
  app_submissions_waiting(c->a, &c->u, &rows, &n);
  h_lit(b, "<section aria-labelledby=\"waiting-h\" id=\"waiting\"><h2 id=\"waiting-h\">Báo cáo chờ bạn phê duyệt</h2>");
  if (!n) {
    h_lit(b, "<p class=\"hint\">Không có báo cáo nào đang chờ bạn phê duyệt.</p>");
  } else {
    h_lit(b, "<ul class=\"links pending\" aria-labelledby=\"waiting-h\">");
    for (int i = 0; i < n && i < HOME_WAITING_MAX; i++) waiting_item(c, &rows[i], today);
    h_lit(b, "</ul>");
    if (n > HOME_WAITING_MAX) {
      h_lit(b, "<p class=\"hint\">Và ");
      h_int(b, n - HOME_WAITING_MAX);
      h_lit(b, " báo cáo khác (mới hơn).</p>");
    }
  }
  h_lit(b, "<p class=\"hint\">Báo cáo của một đơn vị được gửi tới đơn vị gần nhất phía trên có người phê duyệt.</p>"
           "</section>");
  free(rows);
}

void page_home(ctx *c) {
  buf *b = &c->out;
  period p;
  const char *period_id = period_arg_or_400(c, &p);
  if (!period_id) return;
  home_unit h;
  int rc = home_load(c, unit_arg(c), &h);
  if (rc) {
    reply_html_error(c, rc, rc == 404 ? "Không tìm thấy" : "Không có quyền truy cập",
                     rc == 404 ? "Không có đơn vị có mã này." : "Đơn vị này ngoài phạm vi của bạn.");
    return;
  }
  char plabel[64];
  period_label_vn(&p, plabel, sizeof plabel);
  page_begin(c, h.name);
  h_lit(b, "<header class=\"annex-head\"><p class=\"kicker\">");
  h_text(b, h.level_name[0] ? h.level_name : "Đơn vị");
  h_lit(b, " · mã ");
  h_text(b, h.code);
  if (h.parent_code[0]) {
    h_lit(b, " · thuộc ");
    h_link(b, c_url(c, "/", "unit", h.parent_code, "period", period_id, NULL), h.parent_name);
  }
  h_lit(b, "</p><h1>");
  h_text(b, h.name);
  h_lit(b, "</h1></header>");
  home_overdue(c, &h);
  if (!strcmp(h.code, c->u.unit_code)) { /* what waits for the user's own action first */
    home_waiting(c);
    home_todos(c);
  }
  h_home_plans(c, h.code);

  h_lit(b, "<form method=\"get\" action=\"/\" class=\"filters\">");
  h_hidden(b, "unit", h.code);
  h_lit(b, "<div class=\"field\">");
  h_period_select(c, "period", period_id, 0);
  h_lit(b, "</div><div class=\"field actions\"><button type=\"submit\">Chọn kỳ</button></div></form>");
  h_home_reports(c, h.code, period_id, !strcmp(h.code, c->u.unit_code));
  h_home_children_reports(c, h.code, period_id);

  h_lit(b, "<section aria-labelledby=\"annexes\"><h2 id=\"annexes\">Biểu tổng hợp số liệu ");
  h_text(b, plabel);
  h_lit(b, "</h2>");
  home_forms(c, &h, period_id);
  h_lit(b, "</section>");
  h_lit(b, "<section aria-labelledby=\"docs\"><h2 id=\"docs\">Báo cáo (văn bản) ");
  h_text(b, plabel);
  h_lit(b, "</h2><ul class=\"links\"><li>");
  h_link(b, c_url(c, "/documents/report", "unit", h.code, "period", period_id, NULL),
         h.can_write ? "Soạn báo cáo (phần lời và số liệu gợi ý)" : "Xem báo cáo");
  h_lit(b, "</li><li>");
  h_link(b, c_url(c, "/documents/report/preview", "unit", h.code, "period", period_id, NULL), "Xem trước và in");
  h_lit(b, "</li><li>Tải văn bản ");
  h_link(b, c_url(c, "/documents/report.docx", "unit", h.code, "period", period_id, NULL), "DOCX");
  h_lit(b, " / ");
  h_link(b, c_url(c, "/documents/report.pdf", "unit", h.code, "period", period_id, NULL), "PDF");
  h_lit(b, "</li></ul></section>");

  h_lit(b, "<section aria-labelledby=\"dlg\"><h2 id=\"dlg\">Đối thoại với Nhân dân</h2><ul class=\"links\"><li>");
  h_link(b, c_url(c, "/r/dialogues", "unit", h.code, "period", period_id, NULL), "Sổ đối thoại của kỳ");
  h_lit(b, "</li>");
  if (h.can_write) {
    h_lit(b, "<li>");
    h_link(b, c_url(c, "/r/dialogues/new", "unit", h.code, NULL), "Ghi cuộc đối thoại mới");
    h_lit(b, "</li>");
  }
  h_lit(b, "</ul></section>");
  h_lit(b, "<section aria-labelledby=\"ind\"><h2 id=\"ind\">Chỉ số</h2><ul class=\"links\"><li>");
  h_link(b, c_url(c, "/indicators", "name", "models_coverage", "unit", h.code, "period", period_id, NULL),
         "Mô hình \"Dân vận khéo\" theo địa bàn");
  h_lit(b, "</li><li>");
  h_link(b, c_url(c, "/indicators", "name", "establishments_dossier", "unit", h.code, "period", period_id, NULL),
         "Hồ sơ đất đai của cơ sở tôn giáo");
  h_lit(b, "</li><li>");
  h_link(b, c_url(c, "/indicators", "name", "conclusions_on_time", "unit", h.code, "period", period_id, NULL),
         "Kết luận sau đối thoại hoàn thành đúng hạn");
  h_lit(b, "</li></ul></section>");
  home_children(c, &h, period_id);
  if (c->u.role == ROLE_ADMIN) {
    h_lit(b, "<section aria-labelledby=\"adm\"><h2 id=\"adm\">Quản trị</h2><ul class=\"links\">"
             "<li><a href=\"/users\">Người dùng</a></li><li><a href=\"/audit\">Nhật ký thay đổi</a></li>"
             "<li><a href=\"/reform\">Sắp xếp đơn vị hành chính (đơn vị kế thừa, người dùng)</a></li></ul></section>");
  }
  page_end(c);
  page_send(c);
}

/* --- the unit tree ------------------------------------------------------------------ */

#define TREE_FULL_MAX 3000 /* above this, the tree page shows two levels and links */

static void unit_links(ctx *c, const unit_node *u) {
  buf *b = &c->out;
  h_lit(b, "<span class=\"unit-links\">");
  h_link(b, c_url(c, "/", "unit", u->code, NULL), "Trang đơn vị");
  h_lit(b, " · ");
  h_link(b, c_url(c, "/report", "form", "bieu-1", "unit", u->code, NULL), "Biểu");
  h_lit(b, "</span>");
}

/* the name and code of a tree item, a body's kind after them */
static void item_label(buf *b, const unit_node *u) {
  h_text(b, u->name);
  h_lit(b, " <span class=\"code\">");
  h_text(b, u->code);
  h_lit(b, "</span>");
  if (u->kind != KIND_AREA) {
    h_lit(b, " <span class=\"kind\">");
    h_text(b, unit_kind_label(u->kind));
    h_lit(b, "</span>");
  }
  h_lit(b, "</span>");
}

static void tree_item(ctx *c, const tree *t, int p, int depth, int maxdepth) {
  buf *b = &c->out;
  const unit_node *u = &t->u[p];
  int kids = u->end > p + 1;
  h_open(b, "li", "data-fold", u->fold ? u->fold : "", NULL);
  if (!kids || depth >= maxdepth) {
    h_open(b, "span", "class", "unit", NULL);
    item_label(b, u);
    h_lit(b, " ");
    unit_links(c, u);
    if (kids) {
      h_lit(b, " · ");
      h_link(b, c_url(c, "/units", "unit", u->code, NULL), "Mở các đơn vị trực thuộc");
    }
    h_close(b, "li");
    return;
  }
  h_open(b, "details", "open", depth == 0 ? "" : NULL, NULL);
  h_lit(b, "<summary><span class=\"unit\">");
  item_label(b, u);
  h_lit(b, " <span class=\"count\">· ");
  h_int(b, u->end - p - 1);
  h_lit(b, " đơn vị trực thuộc</span></summary>");
  unit_links(c, u);
  h_lit(b, "<ul>");
  for (int q = p + 1; q < u->end; q = t->u[q].end) tree_item(c, t, q, depth + 1, maxdepth);
  h_lit(b, "</ul></details></li>");
}

static void search_results(ctx *c, const char *q) {
  buf *b = &c->out;
  int *pos = NULL, n = 0;
  app_unit_search(c->a, &c->u, q, 200, &pos, &n);
  h_lit(b, "<h2 id=\"results\">Kết quả tìm kiếm</h2>");
  if (!n) {
    h_lit(b, "<p>Không tìm thấy đơn vị nào.</p>");
    free(pos);
    return;
  }
  h_lit(b, "<p>");
  h_int(b, n);
  if (n >= 200) h_lit(b, " đơn vị đầu tiên:</p><ol class=\"results\">");
  else h_lit(b, " đơn vị:</p><ol class=\"results\">");
  const tree *t = app_read_begin(c->a);
  for (int i = 0; i < n; i++) {
    if (pos[i] < 0 || pos[i] >= t->n) continue;
    const unit_node *u = &t->u[pos[i]];
    h_lit(b, "<li><span class=\"unit\">");
    h_text(b, u->name);
    h_lit(b, " <span class=\"code\">");
    h_text(b, u->code);
    h_lit(b, "</span></span>");
    if (u->parent >= 0) {
      h_lit(b, " <span class=\"hint\">thuộc ");
      h_text(b, t->u[u->parent].name);
      h_lit(b, "</span>");
    }
    h_lit(b, " ");
    unit_links(c, u);
    h_lit(b, "</li>");
  }
  app_read_end(c->a);
  h_lit(b, "</ol>");
  free(pos);
}

void page_units(ctx *c) {
  buf *b = &c->out;
  const char *q = arg(c, "q");
  if (q && strlen(q) > 200) q = NULL;
  const char *root_code = unit_arg(c);
  const tree *t = app_read_begin(c->a);
  int up = user_pos(t, &c->u), root = unit_pos_of(c, root_code);
  int ok = root >= 0 && up >= 0 && tree_in_subtree(t, up, root);
  app_read_end(c->a);
  if (!ok) {
    reply_html_error(c, root < 0 ? 404 : 403, root < 0 ? "Không tìm thấy" : "Không có quyền truy cập",
                     root < 0 ? "Không có đơn vị có mã này." : "Đơn vị này ngoài phạm vi của bạn.");
    return;
  }
  page_begin(c, "Đơn vị");
  h_lit(b, "<h1>Cây đơn vị</h1>"
           "<form method=\"get\" action=\"/units\" role=\"search\" class=\"filters\"><div class=\"field grow\">"
           "<label for=\"f-q\">Tìm đơn vị theo tên hoặc mã (gõ không dấu cũng được)</label>");
  h_open(b, "input", "id", "f-q", "name", "q", "type", "search", "value", q ? q : "", "placeholder", "ví dụ: hai phong",
         NULL);
  h_lit(b, "</div><div class=\"field actions\"><button type=\"submit\">Tìm</button></div></form>");
  if (q && *q) {
    search_results(c, q);
  } else {
    h_lit(b, "<div class=\"field tree-filter\" hidden><label for=\"tree-filter\">Lọc nhanh trong cây</label>"
             "<input id=\"tree-filter\" type=\"search\" autocomplete=\"off\"></div>");
    t = app_read_begin(c->a);
    int size = t->u[root].end - root;
    h_lit(b, "<ul class=\"tree\" id=\"unit-tree\">");
    tree_item(c, t, root, 0, size <= TREE_FULL_MAX ? TREE_MAX_LEVELS : 2);
    h_lit(b, "</ul>");
    app_read_end(c->a);
  }
  page_end(c);
  page_send(c);
}
