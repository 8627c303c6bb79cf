/* MHD glue: the request context, body parsing, sessions, CSRF, the route
 * table and the reply helpers.
 *
 * libmicrohttpd 0.9.75 calls the access handler several times per request:
 * the first call only creates the context and returns MHD_YES (queueing
 * there would cost keep-alive), the following ones hand over the body, and
 * the last one (upload size 0) dispatches and queues the response. The
 * context is freed in the completed callback. */
#include "web/web.h"
#include "web/conns.h"
#include "util/esc.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/urlenc.h"
#include "util/json_body.h"
#include "web/web_int.h"
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <signal.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* --- pool ----------------------------------------------------------------- */

static void *pool_keep(pool *p, void *ptr) {
  if (p->n == p->cap) {
    p->cap = p->cap ? p->cap * 2 : 32;
    p->p = xrealloc(p->p, sizeof(void *) * (size_t)p->cap);
  }
  p->p[p->n++] = ptr;
  return ptr;
}

static void pool_release(pool *p) {
  for (int i = 0; i < p->n; i++) free(p->p[i]);
  free(p->p);
  memset(p, 0, sizeof *p);
}

void *c_alloc(ctx *c, size_t n) { return pool_keep(&c->mem, xcalloc(1, n)); }

char *c_strdup(ctx *c, const char *s) { return pool_keep(&c->mem, xstrdup(s ? s : "")); }

char *c_printf(ctx *c, const char *fmt, ...) {
  buf b;
  buf_init(&b, 0);
  va_list ap;
  va_start(ap, fmt);
  tr_vaddf(&b, fmt, ap); /* in the request's language */
  va_end(ap);
  return pool_keep(&c->mem, buf_detach(&b, NULL));
}

char *c_url(ctx *c, const char *path, ...) {
  buf b;
  buf_init(&b, 0);
  buf_adds(&b, path);
  va_list ap;
  va_start(ap, path);
  int first = strchr(path, '?') == NULL;
  for (const char *k; (k = va_arg(ap, const char *));) {
    const char *v = va_arg(ap, const char *);
    if (!v) continue;
    buf_addc(&b, first ? '?' : '&');
    first = 0;
    esc_url(&b, k);
    buf_addc(&b, '=');
    esc_url(&b, v);
  }
  va_end(ap);
  return pool_keep(&c->mem, buf_detach(&b, NULL));
}

/* --- key/value lists ------------------------------------------------------- */

/* -1, with the field named in c->bad_field, if the key or the value holds a
 * control character (text_find_control: NUL and the C0 controls but tab and
 * line breaks; each field's type decides further, in app) */
static int refuse_controls(ctx *c, const char *k, size_t kn, const char *v, size_t vn) {
  long i = text_find_control(v, vn), ik = text_find_control(k, kn);
  if (i < 0 && ik < 0) return 0;
  size_t named = ik >= 0 ? (size_t)ik : kn;
  c->bad_field = text_valid_utf8(k, named) ? pool_keep(&c->mem, xstrndup(k, named)) : "?";
  c->bad_char = (unsigned char)(ik >= 0 ? k[ik] : v[i]);
  return -1;
}

static int kv_add(ctx *c, kvlist *l, const char *k, size_t kn, const char *v, size_t vn) {
  if (l->n >= WEB_MAX_FIELDS || refuse_controls(c, k, kn, v, vn)) return -1;
  if (l->n == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 16;
    l->v = xrealloc(l->v, sizeof(kv) * (size_t)l->cap); /* freed in ctx_free */
  }
  l->v[l->n].key = pool_keep(&c->mem, xstrndup(k, kn));
  l->v[l->n].val = pool_keep(&c->mem, xstrndup(v, vn));
  l->n++;
  return 0;
}

static const char *kv_get(const kvlist *l, const char *name) {
  for (int i = 0; i < l->n; i++)
    if (strcmp(l->v[i].key, name) == 0) return l->v[i].val;
  return NULL;
}

/* appends to the value of the last pair (a multipart field given in
 * pieces); the old value stays in the pool until the request ends */
static int kv_append_last(ctx *c, kvlist *l, const char *v, size_t vn) {
  if (!l->n || refuse_controls(c, l->v[l->n - 1].key, strlen(l->v[l->n - 1].key), v, vn)) return -1;
  const char *old = l->v[l->n - 1].val;
  size_t on = strlen(old);
  char *nv = c_alloc(c, on + vn + 1);
  memcpy(nv, old, on);
  memcpy(nv + on, v, vn);
  nv[on + vn] = 0;
  l->v[l->n - 1].val = nv;
  return 0;
}

const char *arg(ctx *c, const char *name) { return kv_get(&c->args, name); }
const char *field(ctx *c, const char *name) { return kv_get(&c->form, name); }
const char *param(ctx *c, const char *name) {
  const char *v = arg(c, name);
  return v ? v : field(c, name);
}

long long parse_id(const char *s, long long max) {
  if (!s || !*s || strlen(s) > 18) return -1;
  long long v = 0;
  for (const char *p = s; *p; p++) {
    if (*p < '0' || *p > '9') return -1;
    v = v * 10 + (*p - '0');
  }
  if (v < 1 || v > max) return -1;
  return v;
}

int is_hex64(const char *s) {
  if (!s || strlen(s) != 64) return 0;
  for (const char *p = s; *p; p++)
    if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))) return 0;
  return 1;
}

/* --- body parsing ---------------------------------------------------------- */

/* one pair of an urlencoded body into c->form: a control character named
 * first, then UTF-8 checked */
static int form_pair(void *cls, const char *k, size_t kn, const char *v, size_t vn) {
  ctx *c = cls;
  if (kv_add(c, &c->form, k, kn, v, vn)) return -1;
  return text_valid_utf8(k, kn) && text_valid_utf8(v, vn) ? 0 : -1;
}

static int parse_urlencoded(ctx *c, const char *s, size_t n) { return urlenc_parse(s, n, form_pair, c) ? -1 : 0; }

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
                                   const char *value, size_t value_size) {
  ctx *c = cls;
  (void)kind;
  if (!value) value = "", value_size = 0;
  if (kv_add(c, &c->args, key, key_size, value, value_size) || !text_valid_utf8(key, key_size) ||
      !text_valid_utf8(value, value_size)) {
    c->bad_args = 1;
    return MHD_NO;
  }
  return MHD_YES;
}

static int header_starts(ctx *c, const char *name, const char *prefix) {
  const char *v = MHD_lookup_connection_value(c->conn, MHD_HEADER_KIND, name);
  return v && strncasecmp(v, prefix, strlen(prefix)) == 0;
}

/* MHD's post processor hands over multipart parts piece by piece: a text
 * field goes into c->form (pieces appended), the first file part into
 * c->upload; later file parts are dropped and flagged. */
static enum MHD_Result post_iter(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                                 const char *content_type, const char *transfer_encoding, const char *data,
                                 uint64_t off, size_t size) {
  ctx *c = cls;
  (void)kind, (void)content_type, (void)transfer_encoding;
  if (!key) return MHD_YES;
  if (filename) {
    if (!c->upload_name) {
      if (off != 0) return MHD_YES;
      c->upload_name = c_strdup(c, filename);
      c->upload_field = c_strdup(c, key);
    } else if (strcmp(c->upload_name, filename) || strcmp(c->upload_field, key) || off != c->upload.len) {
      c->upload_extra = 1;
      return MHD_YES;
    }
    if (size) buf_add(&c->upload, data, size);
    return c->upload.overflow ? MHD_NO : MHD_YES;
  }
  int last_is_key = c->form.n && strcmp(c->form.v[c->form.n - 1].key, key) == 0;
  if (off > 0 && last_is_key) return kv_append_last(c, &c->form, data, size) ? MHD_NO : MHD_YES;
  return kv_add(c, &c->form, key, strlen(key), data ? data : "", data ? size : 0) ? MHD_NO : MHD_YES;
}

/* a string of a JSON body: -1 (c->bad_field set) if it holds a control character */
static int json_string_ok(void *cls, const char *k, size_t kn, const char *v, size_t vn) {
  return refuse_controls(cls, k, kn, v, vn);
}

/* 0, or an HTTP status to answer with */
static int parse_body(ctx *c) {
  if (c->multipart) {
    if (c->pp_bad) return 400;
    for (int i = 0; i < c->form.n; i++)
      if (!text_valid_utf8(c->form.v[i].key, strlen(c->form.v[i].key)) ||
          !text_valid_utf8(c->form.v[i].val, strlen(c->form.v[i].val)))
        return 400;
    if (c->upload_name && !text_valid_utf8(c->upload_name, strlen(c->upload_name))) return 400;
    return 0;
  }
  if (c->body.len == 0) return 0;
  if (header_starts(c, MHD_HTTP_HEADER_CONTENT_TYPE, "application/x-www-form-urlencoded"))
    return parse_urlencoded(c, c->body.s, c->body.len) ? 400 : 0;
  if (header_starts(c, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json")) {
    c->json = json_body_parse(c->body.s, c->body.len, json_string_ok, c);
    return c->json ? 0 : 400;
  }
  return 415;
}

/* --- replies --------------------------------------------------------------- */

void reply_text(ctx *c, int status, const char *ctype, const char *text) {
  buf_reset(&c->out);
  buf_adds(&c->out, text);
  c->status = status;
  c->ctype = ctype;
}

void reply_json(ctx *c, int status) {
  c->status = status;
  c->ctype = "application/json; charset=utf-8";
}

void reply_json_error(ctx *c, int status, const char *msg) {
  buf_reset(&c->out);
  buf_adds(&c->out, "{\"error\":");
  buf m;
  buf_init(&m, 0);
  tr_add(&m, msg, strlen(msg));
  esc_json(&c->out, m.s);
  buf_release(&m);
  buf_adds(&c->out, "}\n");
  reply_json(c, status);
}

void reply_redirect(ctx *c, const char *url) {
  buf_reset(&c->out);
  c->location = c_strdup(c, url);
  c->status = 303;
  c->ctype = "text/plain; charset=utf-8";
}

/* every cookie is Secure when the server is behind TLS (setting server.secure_cookies) */
void reply_add_cookie(ctx *c, const char *name, const char *value, const char *attrs) {
  if (c->ncookies >= 3) return;
  c->cookies[c->ncookies++] = c_printf(c, "%s=%s; %s%s", name, value, attrs, app_secure_cookies(c->a) ? "; Secure" : "");
}

void reply_html_error(ctx *c, int status, const char *title, const char *msg) {
  buf_reset(&c->out);
  page_begin(c, title);
  h_tag(&c->out, "h1", title);
  h_open(&c->out, "p", "class", "notice", NULL);
  h_text(&c->out, msg);
  h_close(&c->out, "p");
  h_open(&c->out, "p", NULL);
  h_link(&c->out, "/", "Về trang chủ");
  h_close(&c->out, "p");
  page_end(c);
  c->status = status;
  c->ctype = "text/html; charset=utf-8";
}

int http_status_of(int code) {
  switch (code) {
  case DV_OK: return 200;
  case DV_EINVAL: return 400;
  case DV_ENOTFOUND: return 404;
  case DV_EFORBIDDEN: return 403;
  case DV_EAUTH: return 401;
  case DV_ECONFLICT: return 409;
  case DV_ETOOLARGE: return 413;
  case DV_ETHROTTLED: return 429;
  default: return 500;
  }
}

int csrf_ok(ctx *c, const char *given) {
  if (!c->logged_in || !given || strlen(given) != 64 || strlen(c->csrf) != 64) return 0;
  return sodium_memcmp(given, c->csrf, 64) == 0;
}

void web_random_hex(char out[65]) {
  unsigned char r[32];
  randombytes_buf(r, sizeof r);
  sodium_bin2hex(out, 65, r, sizeof r);
}

/* --- sessions -------------------------------------------------------------- */

static void load_session(ctx *c) {
  const char *tok = MHD_lookup_connection_value(c->conn, MHD_COOKIE_KIND, "dv_session");
  if (!is_hex64(tok)) return;
  if (app_session(c->a, tok, &c->u, c->csrf) != 0) return;
  c->logged_in = 1;
  memcpy(c->token, tok, 65);
}

/* --- language ------------------------------------------------------------- */

/* ?lang= (which also sets the cookie and a signed-in user's preference),
 * else the lang cookie, else the user's preference, else Vietnamese; called
 * once the session is known */
/* the language a request asks for without a session: ?lang=, else the cookie;
 * -1 when it asks for none */
static int asked_lang(ctx *c, dv_lang *l) {
  if (i18n_parse(arg(c, "lang"), l) == 0) return 0;
  return i18n_parse(MHD_lookup_connection_value(c->conn, MHD_COOKIE_KIND, "lang"), l);
}

static void choose_lang(ctx *c) {
  dv_lang l = LANG_VI;
  const char *q = arg(c, "lang");
  if (q && i18n_parse(q, &l) == 0) {
    reply_add_cookie(c, "lang", i18n_code(l), "Path=/; Max-Age=31536000; SameSite=Lax");
    dv_err e;
    if (c->logged_in && strcmp(c->u.lang, q) != 0 && app_user_set_lang(c->a, &c->u, q, &e) == 0)
      snprintf(c->u.lang, sizeof c->u.lang, "%s", q);
  } else if (i18n_parse(MHD_lookup_connection_value(c->conn, MHD_COOKIE_KIND, "lang"), &l) != 0) {
    if (i18n_parse(c->logged_in ? c->u.lang : NULL, &l) != 0) l = LANG_VI;
  }
  i18n_set(l);
}

/* --- routes ----------------------------------------------------------------- */

enum {
  R_SESSION = 1, /* read the session cookie */
  R_PAGE = 2,    /* HTML page: without a session, 303 to /login */
  R_API = 4,     /* JSON API: without a session, 401 */
  R_ADMIN = 8,   /* admins only: 403 */
  R_CSRF = 16,   /* form POST: the csrf field must match the session */
  R_HCSRF = 32,  /* API write: X-CSRF-Token must match the session */
  R_PREFIX = 64  /* path is a prefix ("/dialogues/" + id) */
};

typedef struct route {
  const char *method, *path;
  int flags;
  handler_fn fn;
} route;

/* the reform page (page_admin.c) */
void page_reform(ctx *c);
void page_reform_post(ctx *c);

static const route routes[] = {
    {"GET", "/healthz", 0, page_healthz},
    {"GET", "/static/app.css", 0, static_css},
    {"GET", "/static/app.js", 0, static_js},
    {"GET", "/static/icon.svg", 0, static_icon},
    {"GET", "/login", R_SESSION, page_login},
    {"POST", "/login", R_SESSION, page_login_post},
    {"POST", "/logout", R_SESSION, page_logout},
    {"GET", "/", R_SESSION | R_PAGE, page_home},
    {"GET", "/units", R_SESSION | R_PAGE, page_units},
    {"GET", "/report", R_SESSION | R_PAGE, page_report},
    {"GET", "/entry", R_SESSION | R_PAGE, page_entry},
    {"POST", "/entry", R_SESSION | R_PAGE | R_CSRF, page_entry_post},
    {"POST", "/entry/import", R_SESSION | R_PAGE | R_CSRF, page_entry_import},
    {"GET", "/dialogues", R_SESSION | R_PAGE | R_PREFIX, page_dialogues_moved},
    {"GET", "/registers", R_SESSION | R_PAGE, page_registers},
    {"GET", "/r/", R_SESSION | R_PAGE | R_PREFIX, page_reg_get},
    {"POST", "/r/", R_SESSION | R_PAGE | R_CSRF | R_PREFIX, page_reg_post},
    {"GET", "/attachments/", R_SESSION | R_PAGE | R_PREFIX, page_attachment},
    {"GET", "/indicators", R_SESSION | R_PAGE, page_indicators},
    {"GET", "/plans", R_SESSION | R_PAGE, page_plans},
    {"GET", "/plans/view", R_SESSION | R_PAGE, page_plan_view},
    {"POST", "/plans/item", R_SESSION | R_PAGE | R_CSRF, page_plan_item_post},
    {"GET", "/plans/cascade", R_SESSION | R_PAGE, page_plan_cascade},
    {"GET", "/plans/import", R_SESSION | R_PAGE, page_plan_import},
    {"POST", "/plans/import", R_SESSION | R_PAGE | R_CSRF, page_plan_import_post},
    {"GET", "/plans/export", R_SESSION | R_PAGE, page_plan_export},
    {"GET", "/documents/report", R_SESSION | R_PAGE, page_doc_report},
    {"POST", "/documents/report", R_SESSION | R_PAGE | R_CSRF, page_doc_report_post},
    {"POST", "/documents/report/issue", R_SESSION | R_PAGE | R_CSRF, page_doc_report_issue},
    {"GET", "/documents/report/preview", R_SESSION | R_PAGE, page_doc_preview},
    {"GET", "/documents/style.css", R_SESSION, page_doc_style},
    {"GET", "/documents/report.docx", R_SESSION | R_PAGE, page_doc_report_file},
    {"GET", "/documents/report.pdf", R_SESSION | R_PAGE, page_doc_report_file},
    {"GET", "/documents/plan.docx", R_SESSION | R_PAGE, page_doc_plan_file},
    {"GET", "/documents/plan.pdf", R_SESSION | R_PAGE, page_doc_plan_file},
    {"POST", "/submission", R_SESSION | R_PAGE | R_CSRF, page_submission_post},
    {"GET", "/completeness", R_SESSION | R_PAGE, page_completeness},
    {"POST", "/completeness/remind", R_SESSION | R_PAGE | R_CSRF, page_remind_post},
    {"GET", "/notifications", R_SESSION | R_PAGE, page_notifications},
    {"POST", "/notifications/open", R_SESSION | R_PAGE | R_CSRF, page_notification_open},
    {"GET", "/values/history", R_SESSION | R_PAGE, page_value_history},
    {"GET", "/users", R_SESSION | R_PAGE | R_ADMIN, page_users},
    {"POST", "/users", R_SESSION | R_PAGE | R_ADMIN | R_CSRF, page_users_post},
    {"GET", "/account", R_SESSION | R_PAGE, page_account},
    {"POST", "/account", R_SESSION | R_PAGE | R_CSRF, page_account_post},
    {"GET", "/audit", R_SESSION | R_PAGE | R_ADMIN, page_audit},
    {"GET", "/holidays", R_SESSION | R_PAGE | R_ADMIN, page_holidays},
    {"POST", "/holidays", R_SESSION | R_PAGE | R_ADMIN | R_CSRF, page_holidays_post},
    {"GET", "/reform", R_SESSION | R_PAGE | R_ADMIN, page_reform},
    {"POST", "/reform", R_SESSION | R_PAGE | R_ADMIN | R_CSRF, page_reform_post},
    {"POST", "/api/session", 0, api_session_post},
    {"GET", "/api/session", R_SESSION | R_API, api_session_get},
    {"DELETE", "/api/session", R_SESSION | R_API | R_HCSRF, api_session_delete},
    {"GET", "/api/report", R_SESSION | R_API, api_report},
    {"GET", "/api/units", R_SESSION | R_API, api_units},
    {"GET", "/api/indicator", R_SESSION | R_API, api_indicator},
    {"GET", "/api/submission", R_SESSION | R_API, api_submission_get},
    {"POST", "/api/submission", R_SESSION | R_API | R_HCSRF, api_submission_post},
    {"GET", "/api/submissions/waiting", R_SESSION | R_API, api_submissions_waiting},
    {"GET", "/api/completeness", R_SESSION | R_API, api_completeness},
    {"GET", "/api/notifications", R_SESSION | R_API, api_notifications},
    {"POST", "/api/notifications/", R_SESSION | R_API | R_HCSRF | R_PREFIX, api_notification_post},
    {"GET", "/api/registers", R_SESSION | R_API, api_registers},
    {"GET", "/api/registers/", R_SESSION | R_API | R_PREFIX, api_register_get},
    {"POST", "/api/registers/", R_SESSION | R_API | R_HCSRF | R_PREFIX, api_register_post},
    {"DELETE", "/api/registers/", R_SESSION | R_API | R_HCSRF | R_PREFIX, api_register_delete},
};

static int path_matches(const route *r, const char *path) {
  if (r->flags & R_PREFIX) return strncmp(path, r->path, strlen(r->path)) == 0 && path[strlen(r->path)];
  return strcmp(path, r->path) == 0;
}

static int method_matches(const route *r, const char *method) {
  if (strcmp(r->method, method) == 0) return 1;
  return strcmp(r->method, "GET") == 0 && strcmp(method, "HEAD") == 0;
}

static int is_api(const char *path) { return strncmp(path, "/api/", 5) == 0; }

static void reply_error(ctx *c, int status, const char *msg) {
  static const char *titles[] = {"Yêu cầu không hợp lệ", "Chưa đăng nhập", "Không có quyền truy cập",
                                 "Không tìm thấy", "Phương thức không được hỗ trợ", "Đang nạp dữ liệu"};
  const char *title = status == 401 ? titles[1] : status == 503 ? titles[5] : status == 403 ? titles[2] : status == 404 ? titles[3]
                      : status == 405 ? titles[4] : titles[0];
  if (is_api(c->path)) reply_json_error(c, status, msg);
  else reply_html_error(c, status, title, msg);
}

/* the path and query of this request, re-encoded */
static const char *current_url(ctx *c);

/* The dialogue pages moved under /r/ with the other registers: old links
 * and bookmarks land on the same page there. */
void page_dialogues_moved(ctx *c) {
  size_t n = strlen("/dialogues");
  if (c->path[n] && c->path[n] != '/') {
    reply_error(c, 404, "Không tìm thấy trang");
    return;
  }
  const char *rest = current_url(c) + n;
  size_t len = strlen("/r/dialogues") + strlen(rest) + 1;
  char *url = c_alloc(c, len);
  snprintf(url, len, "/r/dialogues%s", rest);
  reply_redirect(c, url);
}

static const char *current_url(ctx *c) {
  buf b;
  buf_init(&b, 8192);
  buf_adds(&b, c->path);
  for (int i = 0; i < c->args.n; i++) {
    buf_addc(&b, i ? '&' : '?');
    esc_url(&b, c->args.v[i].key);
    buf_addc(&b, '=');
    esc_url(&b, c->args.v[i].val);
  }
  const char *s = b.overflow ? c->path : c_strdup(c, b.s);
  buf_release(&b);
  return s;
}

/* checks what the route needs before its handler runs; 0 = go on */
static int guard(ctx *c, const route *r) {
  if (r->flags & R_SESSION) load_session(c);
  choose_lang(c);
  if ((r->flags & R_PAGE) && !c->logged_in) {
    reply_redirect(c, strcmp(c->path, "/") == 0 ? "/login" : c_url(c, "/login", "next", current_url(c), NULL));
    return -1;
  }
  if ((r->flags & R_API) && !c->logged_in) {
    reply_json_error(c, 401, "Chưa đăng nhập hoặc phiên làm việc đã hết hạn.");
    return -1;
  }
  if ((r->flags & R_ADMIN) && c->u.role != ROLE_ADMIN) {
    reply_error(c, 403, "Chức năng này chỉ dành cho quản trị viên.");
    return -1;
  }
  if ((r->flags & R_CSRF) && !csrf_ok(c, field(c, "csrf"))) {
    reply_error(c, 403, "Biểu mẫu đã hết hạn hoặc không hợp lệ (mã CSRF). Hãy tải lại trang rồi thử lại.");
    return -1;
  }
  if ((r->flags & R_HCSRF) &&
      !csrf_ok(c, MHD_lookup_connection_value(c->conn, MHD_HEADER_KIND, "X-CSRF-Token"))) {
    reply_json_error(c, 403, "Thiếu hoặc sai tiêu đề X-CSRF-Token.");
    return -1;
  }
  return 0;
}

/* the refusal of a field that held a control character, named */
static const char *control_refusal(ctx *c) {
  return c_printf(c, "Trường \"%s\" có ký tự điều khiển (mã 0x%02X): không được nhận.", c->bad_field, c->bad_char);
}

static void dispatch(ctx *c) {
  dv_lang l;
  i18n_set(asked_lang(c, &l) == 0 ? l : LANG_VI); /* for the errors before a route; guard decides */
  if (c->bad_args) {
    reply_error(c, 400, c->bad_field ? control_refusal(c) : "Tham số trên địa chỉ không hợp lệ.");
    return;
  }
  int body = parse_body(c);
  if (body) {
    reply_error(c, body, c->bad_field ? control_refusal(c) : body == 415 ? "Kiểu nội dung không được hỗ trợ."
                                                                            : "Nội dung gửi lên không hợp lệ.");
    c->status = body;
    return;
  }
  if (app_ready(c->a) != 1 && strncmp(c->path, "/static/", 8) != 0) {
    c->retry_after = 1; /* the model is still loading (app_open_serving) */
    reply_error(c, 503, "Máy chủ đang nạp dữ liệu, xin thử lại sau giây lát.");
    return;
  }
  int path_known = 0;
  for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
    const route *r = &routes[i];
    if (!path_matches(r, c->path)) continue;
    path_known = 1;
    if (!method_matches(r, c->method)) continue;
    app_refresh(c->a); /* the command line may have changed data */
    if (guard(c, r) == 0) r->fn(c);
    return;
  }
  if (path_known) reply_error(c, 405, "Phương thức không được hỗ trợ ở địa chỉ này.");
  else reply_error(c, 404, "Không có trang này.");
}

/* --- MHD callbacks ---------------------------------------------------------- */

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static ctx *ctx_new(app *a, struct MHD_Connection *conn, const char *url, const char *method) {
  ctx *c = xcalloc(1, sizeof *c);
  c->a = a;
  c->conn = conn;
  snprintf(c->method, sizeof c->method, "%s", method);
  c->path = pool_keep(&c->mem, xstrdup(url));
  buf_init(&c->body, WEB_BODY_MAX);
  buf_init(&c->out, WEB_OUT_MAX);
  buf_init(&c->upload, 0);
  c->body_max = WEB_BODY_MAX;
  c->t0 = now_ms();
  if (!text_valid_utf8(c->path, strlen(c->path))) c->bad_args = 1;
  MHD_get_connection_values_n(conn, MHD_GET_ARGUMENT_KIND, collect_arg, c);
  return c;
}

static void ctx_free(ctx *c) {
  if (!c) return;
  if (c->json) json_decref(c->json);
  if (c->pp) MHD_destroy_post_processor(c->pp);
  buf_release(&c->upload);
  free(c->args.v);
  free(c->form.v);
  buf_release(&c->body);
  buf_release(&c->out);
  pool_release(&c->mem);
  free(c);
}

static void add_security_headers(struct MHD_Response *r) {
  MHD_add_response_header(r, "Content-Security-Policy",
                          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                          "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'");
  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(r, "X-Frame-Options", "DENY");
  MHD_add_response_header(r, "Referrer-Policy", "same-origin");
}

static enum MHD_Result queue_reply(ctx *c) {
  if (c->status == 0) reply_error(c, 500, "Lỗi máy chủ.");
  if (c->out.overflow) reply_text(c, 500, "text/plain; charset=utf-8", "Kết quả quá lớn.\n");
  size_t len;
  char *body = buf_detach(&c->out, &len);
  struct MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
  if (!r) {
    free(body);
    return MHD_NO;
  }
  add_security_headers(r);
  MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, c->ctype ? c->ctype : "text/plain; charset=utf-8");
  MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, c->cache ? c->cache : "no-store");
  if (c->location) MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, c->location);
  if (c->disposition) MHD_add_response_header(r, "Content-Disposition", c->disposition);
  if (c->retry_after) {
    char ra[16];
    snprintf(ra, sizeof ra, "%d", c->retry_after);
    MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, ra);
  }
  for (int i = 0; i < c->ncookies; i++) MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, c->cookies[i]);
  enum MHD_Result ok = MHD_queue_response(c->conn, (unsigned)c->status, r);
  MHD_destroy_response(r);
  c->done = 1;
  fprintf(stderr, "%s %s %d %zu %.1fms\n", c->method, c->path, c->status, len, now_ms() - c->t0);
  return ok;
}

static int content_length_too_big(struct MHD_Connection *conn, size_t max) {
  const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
  if (!cl) return 0;
  char *end;
  errno = 0;
  unsigned long long n = strtoull(cl, &end, 10);
  return errno != 0 || *end || n > max;
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* uploads may be larger than other bodies, on their own routes only:
 * POST /r/REG/import (a CSV file), POST /r/REG/ID/attachments and POST
 * /entry/import (an XLSX workbook) */
static size_t body_cap(const char *method, const char *url) {
  if (strcmp(method, "POST") == 0 && strcmp(url, "/entry/import") == 0) return WEB_XLSX_MAX;
  if (strcmp(method, "POST") != 0 || strncmp(url, "/r/", 3) != 0) return WEB_BODY_MAX;
  if (ends_with(url, "/import")) return WEB_IMPORT_MAX;
  if (ends_with(url, "/attachments")) return WEB_ATTACH_BODY_MAX;
  return WEB_BODY_MAX;
}

static void too_large(ctx *c) {
  char msg[96];
  if (c->body_max == WEB_ATTACH_BODY_MAX)
    snprintf(msg, sizeof msg, "Tệp đính kèm quá lớn (tối đa %u MB).", ATTACH_MAX >> 20);
  else
    snprintf(msg, sizeof msg, "Dữ liệu gửi lên quá lớn (tối đa %zu MiB).", c->body_max >> 20);
  reply_error(c, 413, msg);
  c->status = 413;
}

/* a multipart/form-data POST: set up the post processor, the upload buffer */
static void multipart_begin(ctx *c) {
  if (strcmp(c->method, "POST") != 0 || !header_starts(c, MHD_HTTP_HEADER_CONTENT_TYPE, "multipart/form-data")) return;
  c->multipart = 1;
  buf_release(&c->upload);
  buf_init(&c->upload, c->body_max);
  c->pp = MHD_create_post_processor(c->conn, 32 * 1024, post_iter, c);
  if (!c->pp) c->pp_bad = 1; /* no boundary */
}

/* one piece of a multipart body; past the cap it is dropped (answered 413) */
static void multipart_feed(ctx *c, const char *data, size_t n) {
  c->received += n;
  if (c->too_large || c->received > c->body_max) {
    if (!c->too_large) {
      c->too_large = 1;
      buf_release(&c->upload);
      buf_init(&c->upload, 0);
    }
    c->discarded += n;
    return;
  }
  if (c->pp && !c->pp_bad && MHD_post_process(c->pp, data, n) != MHD_YES) c->pp_bad = 1;
}

static void multipart_end(ctx *c) {
  if (!c->pp) return;
  if (MHD_destroy_post_processor(c->pp) != MHD_YES) c->pp_bad = 1;
  c->pp = NULL;
}

struct web {
  struct MHD_Daemon *d;
  app *a;
  conns *conns;
};

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_size,
                                  void **con_cls) {
  (void)version;
  web *w = cls;
  if (*con_cls == conns_refused) return MHD_NO; /* answered 414 already */
  ctx *c = *con_cls;
  if (!c) {
    conns_request_begins(w->conns, conn);
    c = ctx_new(w->a, conn, url, method);
    *con_cls = c;
    c->body_max = body_cap(method, url);
    /* refuse an announced oversized body before reading it (no 100-continue) */
    if (content_length_too_big(conn, c->body_max)) {
      too_large(c);
      return queue_reply(c);
    }
    multipart_begin(c);
    return MHD_YES;
  }
  if (c->done) {
    *upload_size = 0;
    return MHD_YES;
  }
  if (*upload_size && c->multipart) {
    multipart_feed(c, upload_data, *upload_size);
    *upload_size = 0;
    return c->discarded > WEB_DISCARD_MAX ? MHD_NO : MHD_YES;
  }
  if (*upload_size) {
    /* a chunked body past the cap is read and dropped, then answered 413;
     * one that goes on and on loses its connection */
    if (!c->too_large) buf_add(&c->body, upload_data, *upload_size);
    else c->discarded += *upload_size;
    if (c->body.overflow && !c->too_large) {
      c->too_large = 1;
      buf_release(&c->body);
      buf_init(&c->body, WEB_BODY_MAX);
    }
    *upload_size = 0;
    return c->discarded > WEB_DISCARD_MAX ? MHD_NO : MHD_YES;
  }
  multipart_end(c);
  if (c->too_large) {
    too_large(c);
    return queue_reply(c);
  }
  dispatch(c);
  enum MHD_Result ok = queue_reply(c);
  i18n_set(LANG_VI); /* the next request on this thread starts anew */
  return ok;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
  web *w = cls;
  (void)toe;
  if (*con_cls != conns_refused) ctx_free(*con_cls);
  *con_cls = NULL;
  conns_request_ends(w->conns, conn);
}

/* --- the server ------------------------------------------------------------- */

int web_parse_listen(const char *s, char *host, int hostlen, int *port) {
  if (!s) return -1;
  const char *colon = strrchr(s, ':');
  if (!colon) return -1;
  const char *h = s;
  size_t hn = (size_t)(colon - s);
  if (hn >= 2 && h[0] == '[' && h[hn - 1] == ']') h++, hn -= 2;
  if (hn == 0 || hn >= (size_t)hostlen) return -1;
  long long p = parse_id(colon + 1, 65535);
  if (p < 1) return -1;
  memcpy(host, h, hn);
  host[hn] = 0;
  *port = (int)p;
  return 0;
}

static int thread_count(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  if (n < 4) n = 4;
  if (n > 16) n = 16;
  return (int)n;
}

/* the soft limit on open files raised (within the hard one) so that
 * server.connections can be reached, with room for the database's */
static void allow_files(int connections) {
  struct rlimit r;
  rlim_t want = (rlim_t)connections + 256;
  if (getrlimit(RLIMIT_NOFILE, &r) || r.rlim_cur >= want) return;
  r.rlim_cur = r.rlim_max < want ? r.rlim_max : want;
  setrlimit(RLIMIT_NOFILE, &r);
}

static struct MHD_Daemon *start_daemon(web *w, const struct sockaddr *addr, int v6, const server_limits *l) {
  unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
  /* 256 KiB of memory per connection: headers and a URL of WEB_URL_MAX
   * bytes with WEB_ARGS_MAX arguments fit (conns_check_uri refuses more) */
  return MHD_start_daemon(
      flags, 0, NULL, NULL, on_request, w, MHD_OPTION_SOCK_ADDR, addr, MHD_OPTION_THREAD_POOL_SIZE,
      (unsigned)thread_count(), MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(256 * 1024),
      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)l->timeout, MHD_OPTION_CONNECTION_LIMIT, (unsigned)l->connections,
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)l->per_ip, MHD_OPTION_NOTIFY_CONNECTION, conns_notify,
      w->conns, MHD_OPTION_URI_LOG_CALLBACK, conns_check_uri, w->conns, MHD_OPTION_NOTIFY_COMPLETED,
      on_completed, w, MHD_OPTION_END);
}

web *web_start(app *a, const char *listen_addr) {
  char host[256], portstr[8];
  int port;
  if (web_parse_listen(listen_addr, host, sizeof host, &port)) {
    fprintf(stderr, "Địa chỉ lắng nghe không hợp lệ: %s (cần dạng ĐỊA_CHỈ:CỔNG, ví dụ 127.0.0.1:8080)\n",
            listen_addr ? listen_addr : "");
    return NULL;
  }
  if (sodium_init() < 0) {
    fprintf(stderr, "libsodium: init failed\n");
    return NULL;
  }
  snprintf(portstr, sizeof portstr, "%d", port);
  struct addrinfo hints = {0}, *ai = NULL;
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  if (getaddrinfo(host, portstr, &hints, &ai) || !ai) {
    fprintf(stderr, "Không phân giải được địa chỉ %s\n", host);
    return NULL;
  }
  server_limits l;
  app_server_limits(a, &l);
  allow_files(l.connections);
  web *w = xcalloc(1, sizeof *w);
  w->a = a;
  w->conns = conns_new(l.header_timeout);
  w->d = w->conns ? start_daemon(w, ai->ai_addr, ai->ai_family == AF_INET6, &l) : NULL;
  freeaddrinfo(ai);
  if (!w->d) {
    fprintf(stderr, "Không mở được cổng %s (cổng đang được dùng hoặc không có quyền).\n", listen_addr);
    conns_free(w->conns);
    free(w);
    return NULL;
  }
  return w;
}

void web_stop(web *w) {
  if (!w) return;
  MHD_stop_daemon(w->d);
  conns_free(w->conns);
  free(w);
}

int web_serve(app *a, const char *listen_addr, volatile int *stop) {
  web *w = web_start(a, listen_addr);
  if (!w) return -1;
  while (!stop || !*stop) {
    struct timespec ts = {0, 200 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  web_stop(w);
  return 0;
}
