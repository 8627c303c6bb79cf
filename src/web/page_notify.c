/* Notifications: the bell in the menu, the list page, the JSON API and the
 * completeness page's "Nhắc" (docs/notifications.md).
 *
 *   GET  /api/notifications              {"unread":N,"items":[{"id","kind","text","url","at","read"}]}
 *   POST /api/notifications/ID/read      X-CSRF-Token; {"ok":true,"unread":N}; 404 if not the user's
 *   GET  /notifications                  the list; each item opens through
 *   POST /notifications/open             csrf, id: marks it read, 303 to its page
 *   POST /completeness/remind            csrf, form, period, unit: reminds the late children */
#include "util/esc.h"
#include "web/web_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *kind_label(const char *k) {
  static const char *map[][2] = {{"returned", "Bị trả lại"},      {"approved", "Đã phê duyệt"},
                                 {"reopened", "Mở lại"},          {"reminder", "Nhắc"},
                                 {"due_soon", "Sắp đến hạn"},     {"overdue", "Quá hạn"},
                                 {"deadline_soon", "Sắp đến hạn"}, {"deadline_overdue", "Quá hạn"},
                                 {"waiting", "Chờ phê duyệt"}};
  for (size_t i = 0; i < sizeof map / sizeof *map; i++)
    if (!strcmp(k, map[i][0])) return map[i][1];
  return k;
}

/* the user's notices, or NULL with the error page or JSON already written */
static notice *load(ctx *c, int *n, int *unread, int json) {
  notice *v;
  dv_err e = {0};
  int rc = app_notifications(c->a, &c->u, &v, n, unread, &e);
  if (!rc) return v;
  if (json) reply_json_error(c, http_status_of(rc), e.msg);
  else reply_html_error(c, http_status_of(rc), "Không đọc được thông báo", e.msg);
  return NULL;
}

void api_notifications(ctx *c) {
  int n, unread;
  notice *v = load(c, &n, &unread, 1);
  if (!v && c->status) return;
  buf *b = &c->out;
  buf_reset(b);
  buf_addf(b, "{\"unread\":%d,\"items\":[", unread);
  for (int i = 0; i < n; i++) {
    buf_adds(b, i ? ",{\"id\":" : "{\"id\":");
    esc_json(b, v[i].id);
    buf_adds(b, ",\"kind\":");
    esc_json(b, v[i].kind);
    buf_adds(b, ",\"text\":");
    esc_json(b, v[i].text);
    buf_adds(b, ",\"url\":");
    esc_json(b, v[i].url);
    buf_adds(b, ",\"at\":");
    esc_json(b, v[i].at);
    buf_adds(b, v[i].read ? ",\"read\":true}" : ",\"read\":false}");
  }
  buf_adds(b, "]}\n");
  notices_free(v, n);
  reply_json(c, 200);
}

/* an id as the API gives them: [A-Za-z0-9._-], at most 95 bytes */
static int id_ok(const char *s, size_t n) {
  if (!n || n > 95) return 0;
  for (size_t i = 0; i < n; i++)
    if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", s[i])) return 0;
  return 1;
}

void api_notification_post(ctx *c) {
  const char *rest = c->path + strlen("/api/notifications/");
  const char *slash = strrchr(rest, '/');
  if (!slash || strcmp(slash, "/read") || !id_ok(rest, (size_t)(slash - rest))) {
    reply_json_error(c, 404, "Không có địa chỉ này: POST /api/notifications/ID/read.");
    return;
  }
  char *id = c_strdup(c, rest);
  id[slash - rest] = 0;
  dv_err e = {0};
  int rc = app_notification_read(c->a, &c->u, id, &e);
  if (rc) {
    reply_json_error(c, http_status_of(rc), e.msg);
    return;
  }
  int n, unread;
  notice *v = load(c, &n, &unread, 1);
  if (!v && c->status) return;
  notices_free(v, n);
  buf_reset(&c->out);
  buf_addf(&c->out, "{\"ok\":true,\"unread\":%d}\n", unread);
  reply_json(c, 200);
}

/* --- the bell and the list ---------------------------------------------------- */

void h_bell(ctx *c) {
  notice *v;
  int n, unread = 0;
  dv_err e;
  if (!app_notifications(c->a, &c->u, &v, &n, &unread, &e)) notices_free(v, n);
  buf *b = &c->out;
  h_open(b, "a", "class", unread ? "bell unread" : "bell", "href", "/notifications", "aria-label",
         c_printf(c, "Thông báo: %d chưa đọc", unread), "aria-current", !strcmp(c->path, "/notifications") ? "page" : NULL,
         NULL);
  h_lit(b, "<svg viewBox=\"0 0 24 24\" width=\"18\" height=\"18\" aria-hidden=\"true\"><path fill=\"currentColor\" "
           "d=\"M12 22a2.5 2.5 0 0 0 2.5-2.5h-5A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 "
           "0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z\"/></svg> Thông báo");
  if (unread) {
    h_open(b, "span", "class", "bell-count", NULL);
    h_int(b, unread);
    h_close(b, "span");
  }
  h_close(b, "a");
}

static void notice_item(ctx *c, const notice *x) {
  buf *b = &c->out;
  int day;
  char d[11];
  h_open(b, "li", "class", x->read ? "note read" : "note unread", "data-kind", x->kind, NULL);
  h_open(b, "form", "method", "post", "action", "/notifications/open", NULL);
  h_csrf(c);
  h_hidden(b, "id", x->id);
  h_open(b, "span", "class", c_printf(c, "badge note-%s", x->kind), NULL);
  h_text(b, kind_label(x->kind));
  h_close(b, "span");
  h_lit(b, " ");
  h_open(b, "button", "type", "submit", "class", "link note-open", NULL);
  h_text(b, x->text);
  h_close(b, "button");
  snprintf(d, sizeof d, "%.10s", x->at);
  if (!date_parse(d, &day)) {
    h_lit(b, " <span class=\"hint nowrap\">");
    h_date(b, day);
    h_lit(b, "</span>");
  }
  if (!x->read) h_lit(b, " <span class=\"badge\">Chưa đọc</span>");
  h_lit(b, "</form></li>");
}

void page_notifications(ctx *c) {
  int n, unread;
  notice *v = load(c, &n, &unread, 0);
  if (!v && c->status) return;
  buf *b = &c->out;
  page_begin(c, "Thông báo");
  h_lit(b, "<h1>Thông báo</h1><p class=\"hint\">");
  if (!n) h_lit(b, "Không có thông báo nào.");
  else {
    h_int(b, unread);
    h_lit(b, " chưa đọc trong ");
    h_int(b, n);
    h_lit(b, " thông báo. Bấm vào một thông báo để mở trang cần làm; thông báo đó được đánh dấu đã đọc.");
  }
  h_lit(b, "</p><ul class=\"notes\">");
  for (int i = 0; i < n; i++) notice_item(c, &v[i]);
  h_lit(b, "</ul>");
  notices_free(v, n);
  page_end(c);
  page_send(c);
}

void page_notification_open(ctx *c) {
  const char *id = field(c, "id");
  int n, unread;
  notice *v = load(c, &n, &unread, 0);
  if (!v && c->status) return;
  const char *url = NULL;
  for (int i = 0; id && i < n; i++)
    if (!strcmp(v[i].id, id)) url = c_strdup(c, v[i].url);
  notices_free(v, n);
  dv_err e = {0};
  if (!url || app_notification_read(c->a, &c->u, id, &e)) {
    reply_html_error(c, 404, "Không có thông báo này", "Thông báo có thể đã hết hiệu lực. Hãy mở lại trang Thông báo.");
    return;
  }
  reply_redirect(c, url);
}

/* --- "Nhắc" on the completeness page ------------------------------------------- */

void h_remind_box(ctx *c, const char *form_code, const char *period_id, const char *unit, int late) {
  buf *b = &c->out;
  const char *done = arg(c, "reminded");
  if (done && parse_id(done, 100000) > 0) {
    h_lit(b, "<p class=\"notice\" role=\"status\">Đã nhắc ");
    h_text(b, done);
    h_lit(b, " đơn vị chậm gửi; người dùng của các đơn vị đó nhận được thông báo.</p>");
  }
  if (!late || !app_may_remind(c->a, &c->u, unit)) return;
  h_open(b, "form", "method", "post", "action", "/completeness/remind", "class", "remind", NULL);
  h_csrf(c);
  h_hidden(b, "form", form_code);
  h_hidden(b, "period", period_id);
  h_hidden(b, "unit", unit);
  h_lit(b, "<button type=\"submit\">Nhắc ");
  h_int(b, late);
  h_lit(b, " đơn vị quá hạn chưa gửi</button> <span class=\"hint\">Mỗi đơn vị nhận một thông báo, "
           "có đường dẫn đến biểu cần gửi.</span></form>");
}

void page_remind_post(ctx *c) {
  const char *form_code = field(c, "form"), *period_id = field(c, "period"), *unit = field(c, "unit");
  dv_err e = {0};
  int sent = 0;
  int rc = form_code && period_id && unit ? app_remind_late(c->a, &c->u, form_code, period_id, unit, &sent, &e)
                                          : dv_fail(&e, DV_EINVAL, 0, "", "thiếu biểu, kỳ hoặc đơn vị");
  if (rc) {
    reply_html_error(c, http_status_of(rc), rc == DV_EFORBIDDEN ? "Không có quyền nhắc" : "Không nhắc được", e.msg);
    return;
  }
  reply_redirect(c, c_url(c, "/completeness", "form", form_code, "period", period_id, "unit", unit, "reminded",
                          c_printf(c, "%d", sent), NULL));
}
