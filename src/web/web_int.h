/* Private interface of src/web: the request context, the reply helpers,
 * the HTML template layer and the page handlers. */
#ifndef DV_WEB_INT_H
#define DV_WEB_INT_H
#include "app/app.h"
#include "core/vntime.h"
#include "util/buf.h"
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#define WEB_BODY_MAX ((size_t)1 << 20)     /* request bodies: 1 MiB, else 413 */
#define WEB_DISCARD_MAX ((size_t)16 << 20) /* past this, an oversized body closes the connection */
#define WEB_OUT_MAX ((size_t)64 << 20)     /* a response can never grow past this */
#define WEB_MAX_FIELDS 4000                /* form fields / query args per request */
#define WEB_IMPORT_MAX ((size_t)32 << 20)  /* a CSV import upload (POST /r/REG/import) */
#define WEB_XLSX_MAX ((size_t)21 << 20)    /* an XLSX upload (POST /entry/import): the reader takes 20 MiB */
#define WEB_ATTACH_BODY_MAX ((size_t)ATTACH_MAX + ((size_t)256 << 10)) /* an attachment and its form */
#define WEB_PAGE_SIZE 20                   /* rows per page in lists */

/* --- per-request state ---------------------------------------------------- */

typedef struct kv {
  char *key, *val;
} kv;

typedef struct kvlist {
  kv *v;
  int n, cap;
} kvlist;

/* every allocation of a request that is not the response body: freed at once
 * when the request completes (h2o's pool, in its simplest form) */
typedef struct pool {
  void **p;
  int n, cap;
} pool;

typedef struct ctx {
  app *a;
  const char *stylesheet; /* a page's own stylesheet after app.css, or NULL */
  struct MHD_Connection *conn;
  char method[12];
  char *path;       /* decoded path, no query string */
  kvlist args;      /* query string */
  kvlist form;      /* application/x-www-form-urlencoded body */
  json_t *json;     /* application/json body, or NULL */
  buf body;         /* raw request body, capped at WEB_BODY_MAX */
  int too_large;    /* the body hit the cap */
  size_t discarded; /* bytes dropped after that */
  int bad_args;     /* a query argument was not valid UTF-8 */
  const char *bad_field; /* pool-owned: the field or argument that held a control character */
  int bad_char;          /* and that character */
  size_t body_max;  /* this route's cap on the body: WEB_BODY_MAX, more for uploads */
  /* multipart/form-data bodies go through MHD's post processor: the text
   * fields into form, the first file part into upload */
  struct MHD_PostProcessor *pp;
  int multipart, pp_bad;
  size_t received;
  buf upload;
  char *upload_name, *upload_field; /* pool-owned; NULL when no file was sent */
  int upload_extra;                 /* a second file part was sent (ignored) */
  int done;         /* a response was queued */
  double t0;        /* start time (ms) for the access log */
  pool mem;

  /* the session, when there is one */
  int logged_in;
  user u;
  char token[65], csrf[65];

  /* the response being built */
  int status;
  const char *ctype;
  buf out;
  char *location;        /* pool-owned */
  char *cookies[3];      /* Set-Cookie values, pool-owned */
  int ncookies;
  const char *cache;     /* Cache-Control value; default no-store */
  char *disposition;     /* Content-Disposition, pool-owned */
  int retry_after;       /* seconds for a Retry-After header (429), 0: none */
} ctx;

typedef void (*handler_fn)(ctx *c);

/* pool */
void *c_alloc(ctx *c, size_t n);
char *c_strdup(ctx *c, const char *s);
char *c_printf(ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "path?k=v&k2=v2": values URL-escaped; a NULL value drops its pair; the
 * list ends with a NULL key. The result lives in the pool. */
char *c_url(ctx *c, const char *path, ...);

/* request input */
const char *arg(ctx *c, const char *name);   /* query argument or NULL */
const char *field(ctx *c, const char *name); /* form field or NULL */
/* the query argument, else the form field, else NULL */
const char *param(ctx *c, const char *name);
/* strict decimal parse: digits only, 1..max; else -1 */
long long parse_id(const char *s, long long max);
int is_hex64(const char *s);

/* replies: each sets status, content type and body */
void reply_html_error(ctx *c, int status, const char *title, const char *msg);
void reply_json_error(ctx *c, int status, const char *msg);
void reply_json(ctx *c, int status); /* body already in c->out */
void reply_redirect(ctx *c, const char *url); /* 303 See Other */
void reply_text(ctx *c, int status, const char *ctype, const char *text);
void reply_add_cookie(ctx *c, const char *name, const char *value, const char *attrs);
/* maps an app error code to an HTTP status */
int http_status_of(int code);
/* 1 if the form's csrf field matches the session's token (constant time) */
int csrf_ok(ctx *c, const char *given);

/* --- the HTML template layer (html.c) --------------------------------------
 * Page code writes HTML only through these functions. Text and attribute
 * values are escaped here; markup that is not escaped can only come from a
 * string literal (h_lit refuses anything else at compile time). Tag and
 * attribute names are checked to be [a-z0-9-]. */
void h_raw_literal(buf *b, const char *lit);
#define h_lit(b, s) h_raw_literal((b), "" s "")
void h_text(buf *b, const char *s);
/* <tag name="value" ...>: pairs end with a NULL name; a NULL value drops the
 * attribute; "" gives a boolean attribute */
void h_open(buf *b, const char *tag, ...);
void h_close(buf *b, const char *tag);
/* <tag>text</tag> */
void h_tag(buf *b, const char *tag, const char *text);
/* <a href="url">text</a> */
void h_link(buf *b, const char *url, const char *text);
/* numbers as in Vietnamese documents: 1.865 and 12,5; NaN writes nothing */
void h_num(buf *b, double v);
void h_int(buf *b, long long v);
void fmt_int_vn(char *out, size_t n, long long v);
/* dd/mm/yyyy */
void h_date(buf *b, int day);
/* a stored UTC timestamp as "dd/mm/yyyy HH:MM[:SS]" in Asia/Ho_Chi_Minh
 * (core/vntime.h): the one way pages show a time */
void h_time(buf *b, const char *iso_utc, int with_seconds);
/* names the unit and the period at the top of a printout (hidden on screen) */
void h_print_head(ctx *c, const char *unit_code, const char *period_id);
/* static_ux.c: served after app.css and app.js */
extern const char web_ux_css[], web_ux_js[];
extern const size_t web_ux_css_len, web_ux_js_len;
/* a day as "dd/mm/yyyy" in the request's memory */
const char *c_date_vn(ctx *c, int day);
/* what a date field accepts (the server takes ISO too: parse_date_vn) */
#define DATE_VN_PATTERN "[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2}"
/* a percentage with one decimal ("35,5%"), "—" for NaN (a zero denominator) */
void h_percent(buf *b, double v);
/* a bar of v percent (0..100) as inline SVG; NaN draws the empty track */
void h_bar(buf *b, double v);

/* <svg class=... viewBox="0 0 w h">; label NULL = aria-hidden; close with
 * h_close(b, "svg") */
void h_svg_open(buf *b, const char *cls, int w, int h, const char *label);

/* layout */
void page_begin(ctx *c, const char *title);
void page_end(ctx *c);
void page_send(ctx *c); /* 200 text/html from c->out unless status was set */
/* form pieces */
void h_csrf(ctx *c);
void h_hidden(buf *b, const char *name, const char *value);
void h_error_for(buf *b, const char *id, const char *msg); /* <p class="err" id=...> */
/* a labelled text-like input with its error below it */
void h_field(buf *b, const char *name, const char *label, const char *type, const char *value, const char *err,
             const char *hint);
void h_option(buf *b, const char *value, const char *label, int selected);
/* <select> of the periods around a given one, with optgroups per year;
 * allow_all adds "all periods" (value "") */
void h_period_select(ctx *c, const char *name, const char *selected, int allow_all);
/* the same with its own label, an optional first option (value "") and an
 * error below it */
void h_period_select_ex(ctx *c, const char *name, const char *label, const char *selected, const char *empty_label,
                        const char *err);
/* <select> of the units of the user's subtree (or a code input with a
 * datalist when the subtree is large) */
/* period_id: the units of that period's tree; NULL or "": every unit, closed ones marked */
void h_unit_select(ctx *c, const char *name, const char *label, const char *selected, const char *err,
                   const char *period_id);
/* <select> of the annexes */
void h_form_select(ctx *c, const char *name, const char *selected);
/* pager: "Trang trước / Trang sau" keeping the other arguments */
void h_pager(ctx *c, const char *path, int page, int total, const char *const *keep);
void h_pager_n(ctx *c, const char *path, int page, int total, int per_page, const char *const *keep);

/* helpers shared by pages */
/* the annex label "Biểu 5" for "bieu-5"; out is at least 32 bytes */
void form_label(const char *code, char *out, size_t n);
/* the unit's code for a position under the read lock, copied to out */
int unit_code_at(ctx *c, int pos, char *out, size_t n);
/* the user's own unit position, -1 if it vanished */
int user_pos(const tree *t, const user *u);
/* the unit a code in a URL names: of the units that carried it (newest
 * first) the first the user may read, else the newest; caller holds the
 * read lock */
int unit_pos_of(ctx *c, const char *code);
/* the period a page shows when none is asked (app_default_period), as an id */
const char *default_period_id(ctx *c);
/* the period argument, defaulting to default_period_id; NULL if invalid */
const char *period_arg(ctx *c, period *p);
#define PERIOD_HINT "Kỳ báo cáo có dạng 2023, 2023S1, 2023Q2, 2023C9 hoặc 202305."
/* the same, or NULL with the 400 page already written */
const char *period_arg_or_400(ctx *c, period *p);
/* the form of ?form= (default bieu-1; *code: its code as asked), or NULL with the 400 page written */
const form *form_arg_or_400(ctx *c, const char **code);
/* the first line of s, cut at a character boundary near max bytes ("…" added) */
const char *c_excerpt(ctx *c, const char *s, size_t max);
/* the unit argument, defaulting to the user's unit */
const char *unit_arg(ctx *c);
/* date "dd/mm/yyyy", "d/m/yyyy" or "YYYY-MM-DD"; 0 or -1 */
int parse_date_vn(const char *s, int *day);

/* drill-down links of a number (drill.c, docs/entry.md): the register list
 * of the records that make (element, combo) for the units of unit's subtree
 * (level > 0: of that level) in the period, NULL if no register counts it;
 * the history of the hand-entered values; drill_cell_url: the one that fits
 * where the value comes from (NULL: blank) */
const char *drill_records_url(ctx *c, int element, int combo, const char *unit, const char *period_id, int level);
const char *drill_history_url(ctx *c, int element, int combo, const char *unit, const char *period_id, int level);
const char *drill_cell_url(ctx *c, int element, int combo, const char *unit, const char *period_id, int level);
void page_value_history(ctx *c);
/* the annex's checks (page_report.c): its errors (a submit is refused until
 * they are fixed) and its warnings (saved; acknowledged on submit), each
 * named as what it is; nothing when there are none */
void h_rule_problems(ctx *c, const rtable *t);

/* 1 if the entry grid of f has a cell to type in (page_entry.c) */
int entry_has_inputs(const catalog *cat, const form *f);

/* 1 if records of r are counted into f (a data column on one of r's
 * elements, or a list of r like Biểu 4) (page_registers.c) */
int reg_feeds_form(const reg_def *r, const form *f);
/* the paragraph under an annex naming the registers that feed it and the
 * mixing rule; nothing (0) when no register feeds f */
int h_register_sources(ctx *c, const form *f, const char *unit, const char *period_id);

/* --- the reporting cycle (page_submissions.c) ------------------------------ */
/* a failed step, shown in the "Tình trạng báo cáo" box of the annex page */
typedef struct sub_flash {
  int act;             /* the sub_action that failed */
  const char *err;     /* its message */
  const char *field;   /* what it names: "comment", "warnings", "status"... */
  const char *comment; /* the comment as typed, to keep it */
} sub_flash;
/* "Chưa gửi", "Đã gửi", "Đã phê duyệt", "Bị trả lại" for a submission status */
const char *sub_status_label(const char *status);
/* "Đúng hạn", "Chậm", "Chưa gửi", "Chưa đến hạn" for submission_state() */
const char *sub_state_label(const char *state);
/* the box for the annex t (its form, period, unit): status, deadline, who and
 * when, the annex's warnings, and the steps the user may take; fl NULL or
 * the step that just failed */
void h_submission_box(ctx *c, const rtable *t, const sub_flash *fl);
/* the annex page (page_report.c), with a failed step shown in its box */
void page_report_show(ctx *c, const sub_flash *fl);
/* the home page's "Báo cáo cần gửi" (the unit's own submissions) and "Tình
 * hình gửi báo cáo của đơn vị cấp dưới" (its children's, per form) */
void h_home_reports(ctx *c, const char *unit, const char *period_id, int own_unit);
void h_home_children_reports(ctx *c, const char *unit, const char *period_id);
/* the home page's plans: the targets of the unit's plans and the items due
 * soon or overdue that fall to it (page_home_plans.c); nothing without plans */
void h_home_plans(ctx *c, const char *unit);
/* a target's indicator as a reader names it ("Tỷ lệ cơ sở tôn giáo ..."),
 * models_coverage's area as the models register labels it, and the
 * comparator as printed ("≥") (page_home_plans.c) */
const char *target_indicator_label(ctx *c, const plan_target *t);
const char *target_area_label(ctx *c, const char *code);
/* what a target counts over, as a hint after its label: "Xây dựng nông
 * thôn mới kiểu mẫu, ít nhất 3 mô hình; loại đơn vị: Xã", "trên tổng số 130
 * cơ sở"; NULL when it has no such option. with_min: the minimum too. */
const char *target_scope_note(ctx *c, const plan_target *t, int with_min);
const char *target_cmp_symbol(plan_cmp cmp);

/* --- pages and API ------------------------------------------------------- */
void page_login(ctx *c);
void page_login_post(ctx *c);
void page_logout(ctx *c);
void page_home(ctx *c);
void page_units(ctx *c);
void page_report(ctx *c);
void page_entry(ctx *c);
void page_entry_post(ctx *c);
void page_entry_import(ctx *c); /* POST /entry/import (multipart: an annex's XLSX filled in offline) */
void page_dialogues_moved(ctx *c); /* /dialogues... -> /r/dialogues... */
void page_registers(ctx *c);   /* GET /registers */
void page_reg_get(ctx *c);     /* GET /r/REG[/new|/export.csv|/import|/ID] */
void page_reg_post(ctx *c);    /* POST /r/REG[/import|/ID|/ID/delete|/ID/attachments] */
void page_attachment(ctx *c);  /* GET /attachments/ID */
void page_users(ctx *c);
void page_users_post(ctx *c); /* POST /users: add, or action email|disable|enable|passwd */
void page_account(ctx *c);      /* GET /account: one's own password, "Đăng xuất mọi nơi" */
void page_account_post(ctx *c); /* POST /account: action password|logout_all */
/* the client's address for the login throttle (page_home.c): the connection's, or behind a
 * trusted proxy on this machine (server.trust_proxy) its X-Real-IP; an IPv6 address as its
 * /64. In the request's memory. */
const char *client_address(ctx *c);
/* the session cookie dv_session (Secure added by reply_add_cookie when set so) */
#define SESSION_COOKIE_ATTRS "HttpOnly; SameSite=Strict; Path=/"
/* the answer to a login refused by app_login: 429 with Retry-After, or 401 */
int login_refused_status(ctx *c, int rc, int retry_after);
void page_audit(ctx *c);
void page_holidays(ctx *c);      /* GET /holidays?year= (admins) */
void page_holidays_post(ctx *c); /* POST /holidays: action set|remove */
void api_session_post(ctx *c);
void api_session_get(ctx *c);
void api_session_delete(ctx *c);
void api_report(ctx *c);
void api_units(ctx *c);
void page_indicators(ctx *c);  /* GET /indicators */
void api_indicator(ctx *c);    /* GET /api/indicator */
/* the establishments' progress per child of unit (above /r/establishments) */
void h_establishments_progress(ctx *c, const char *unit);
void api_registers(ctx *c);       /* GET /api/registers: the definitions */
void api_register_get(ctx *c);    /* GET /api/registers/REG[/ID] */
void api_register_post(ctx *c);   /* POST /api/registers/REG[/ID] */
void api_register_delete(ctx *c); /* DELETE /api/registers/REG/ID */
void page_submission_post(ctx *c); /* POST /submission */
void page_completeness(ctx *c);    /* GET /completeness */
void api_submission_get(ctx *c);   /* GET /api/submission */
void api_submission_post(ctx *c);  /* POST /api/submission */
void api_submissions_waiting(ctx *c); /* GET /api/submissions/waiting */
void api_completeness(ctx *c);     /* GET /api/completeness */
void page_plans(ctx *c);          /* GET /plans */
void page_plan_view(ctx *c);      /* GET /plans/view?plan=&unit= */
void page_plan_item_post(ctx *c); /* POST /plans/item */
void page_plan_cascade(ctx *c);   /* GET /plans/cascade?plan=&unit= */
void page_plan_import(ctx *c);    /* GET /plans/import */
void page_plan_import_post(ctx *c); /* POST /plans/import (multipart) */
void page_plan_export(ctx *c);    /* GET /plans/export?plan=&unit= */
void page_doc_report(ctx *c);      /* GET /documents/report?unit=&period=: the editor */
void page_doc_report_post(ctx *c); /* POST /documents/report */
void page_doc_report_issue(ctx *c); /* POST /documents/report/issue */
void page_doc_preview(ctx *c);     /* GET /documents/report/preview?unit=&period= */
void page_doc_style(ctx *c);       /* GET /documents/style.css: the doc.* settings */
void page_doc_report_file(ctx *c); /* GET /documents/report.docx|.pdf?unit=&period= */
void page_doc_plan_file(ctx *c);   /* GET /documents/plan.docx|.pdf?plan= */
void static_css(ctx *c);
void static_js(ctx *c);
void static_icon(ctx *c);
void page_healthz(ctx *c);

/* --- notifications (page_notify.c) --- */
void api_notifications(ctx *c);       /* GET /api/notifications */
void api_notification_post(ctx *c);   /* POST /api/notifications/ID/read */
void page_notifications(ctx *c);      /* GET /notifications */
void page_notification_open(ctx *c);  /* POST /notifications/open: marks read, 303 to its page */
void page_remind_post(ctx *c);        /* POST /completeness/remind */
/* the bell in the menu: a link to /notifications with the unread count */
void h_bell(ctx *c);
/* the completeness page's "Nhắc" button for the late children (late: how
 * many), for users who may send it, and the notice after sending */
void h_remind_box(ctx *c, const char *form_code, const char *period_id, const char *unit, int late);

/* random hex token for the login form's double-submit cookie */
void web_random_hex(char out[65]);
#endif
