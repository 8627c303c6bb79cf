/* The JSON API. Responses are written straight into the buffer through
 * esc_json; request bodies are parsed by jansson (duplicates rejected).
 *
 *   POST   /api/session   {"login","password"} -> cookie + {"login","unit","role","csrf"}
 *   GET    /api/session   the current session
 *   DELETE /api/session   logs out (needs X-CSRF-Token)
 *   GET    /api/report?form=&period=&unit=[&level=]   the annex (report_write_json)
 *   GET    /api/units?q=&limit=
 *   GET    /api/dialogues?unit=&period=&q=&limit=&offset= */
#include "export/report_out.h"
#include "util/esc.h"
#include "web/web_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void session_body(ctx *c, const user *u, const char *csrf) {
  buf *b = &c->out;
  buf_reset(b);
  buf_adds(b, "{\"login\":");
  esc_json(b, u->login);
  buf_adds(b, ",\"unit\":");
  esc_json(b, u->unit_code);
  buf_adds(b, ",\"role\":");
  esc_json(b, role_name(u->role));
  buf_adds(b, ",\"csrf\":");
  esc_json(b, csrf);
  buf_adds(b, "}\n");
  reply_json(c, 200);
}

void api_session_post(ctx *c) {
  json_t *login = c->json ? json_object_get(c->json, "login") : NULL;
  json_t *password = c->json ? json_object_get(c->json, "password") : NULL;
  if (!json_is_string(login) || !json_is_string(password)) {
    reply_json_error(c, 400, "Cần JSON {\"login\": \"...\", \"password\": \"...\"}.");
    return;
  }
  const char *l = json_string_value(login), *p = json_string_value(password);
  char token[65], csrf[65];
  user u;
  dv_err e = {0};
  if (strlen(l) > 64 || strlen(p) > 256 || strlen(l) != json_string_length(login) ||
      strlen(p) != json_string_length(password) || app_login(c->a, l, p, token, &e) != 0 ||
      app_session(c->a, token, &u, csrf) != 0) {
    reply_json_error(c, 401, "Sai tên đăng nhập hoặc mật khẩu.");
    return;
  }
  session_body(c, &u, csrf);
  reply_add_cookie(c, "dv_session", token, "HttpOnly; SameSite=Strict; Path=/");
}

void api_session_get(ctx *c) { session_body(c, &c->u, c->csrf); }

void api_session_delete(ctx *c) {
  app_logout(c->a, c->token);
  reply_text(c, 200, "application/json; charset=utf-8", "{\"ok\":true}\n");
  reply_add_cookie(c, "dv_session", "", "HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
}

void api_report(ctx *c) {
  const char *form_code = arg(c, "form");
  if (!form_code || !catalog_form(app_catalog(c->a), form_code)) {
    reply_json_error(c, 400, "Tham số form không hợp lệ (bieu-1 … bieu-7).");
    return;
  }
  period p;
  const char *pid = arg(c, "period");
  if (!pid || strlen(pid) > 7 || period_parse(pid, &p)) {
    reply_json_error(c, 400, "Tham số period không hợp lệ (ví dụ 2023S1).");
    return;
  }
  const char *lv = arg(c, "level");
  long long level = lv && *lv ? parse_id(lv, TREE_MAX_LEVELS) : 0;
  if (level < 0) {
    reply_json_error(c, 400, "Tham số level không hợp lệ.");
    return;
  }
  rtable t;
  dv_err e = {0};
  int rc = app_report(c->a, &c->u, form_code, unit_arg(c), pid, (int)level, &t, &e);
  if (rc) {
    rtable_release(&t);
    reply_json_error(c, http_status_of(rc), e.msg);
    return;
  }
  buf_reset(&c->out);
  report_write_json(&c->out, &t);
  rtable_release(&t);
  reply_json(c, 200);
}

static long long limit_arg(ctx *c, const char *name, long long dflt, long long max) {
  const char *v = arg(c, name);
  if (!v || !*v) return dflt;
  return parse_id(v, max);
}

void api_units(ctx *c) {
  const char *q = arg(c, "q");
  long long limit = limit_arg(c, "limit", 50, 1000);
  if (limit < 1 || (q && strlen(q) > 200)) {
    reply_json_error(c, 400, "Tham số q hoặc limit không hợp lệ.");
    return;
  }
  int *pos = NULL, n = 0;
  app_unit_search(c->a, &c->u, q ? q : "", (int)limit, &pos, &n);
  buf *b = &c->out;
  buf_reset(b);
  buf_adds(b, "{\"units\":[");
  const tree *t = app_read_begin(c->a);
  for (int i = 0, k = 0; i < n; i++) {
    if (pos[i] < 0 || pos[i] >= t->n) continue;
    const unit_node *u = &t->u[pos[i]];
    buf_adds(b, k++ ? ",{\"code\":" : "{\"code\":");
    esc_json(b, u->code);
    buf_adds(b, ",\"name\":");
    esc_json(b, u->name);
    buf_addf(b, ",\"level\":%d,\"parent\":", u->level);
    if (u->parent >= 0) esc_json(b, t->u[u->parent].code);
    else buf_adds(b, "null");
    buf_addc(b, '}');
  }
  app_read_end(c->a);
  buf_adds(b, "]}\n");
  free(pos);
  reply_json(c, 200);
}

void api_dialogues(ctx *c) {
  const char *pid = arg(c, "period"), *q = arg(c, "q");
  long long limit = limit_arg(c, "limit", 50, 500);
  const char *off = arg(c, "offset");
  long long offset = off && *off && strcmp(off, "0") != 0 ? parse_id(off, 1000000000) : 0;
  period p;
  if (limit < 1 || offset < 0 || (q && strlen(q) > 200) ||
      (pid && *pid && (strlen(pid) > 7 || period_parse(pid, &p)))) {
    reply_json_error(c, 400, "Tham số period, q, limit hoặc offset không hợp lệ.");
    return;
  }
  dialogue_filter f = {unit_arg(c), pid && *pid ? pid : NULL, q && *q ? q : NULL, (int)limit, (int)offset};
  dialogue *rows = NULL;
  int n = 0, total = 0;
  dv_err e = {0};
  int rc = app_dialogue_list(c->a, &c->u, &f, &rows, &n, &total, &e);
  buf *b = &c->out;
  buf_reset(b);
  if (rc) {
    reply_json_error(c, http_status_of(rc), e.msg);
  } else {
    buf_addf(b, "{\"total\":%d,\"dialogues\":[", total);
    for (int i = 0; i < n; i++) {
      const dialogue *d = &rows[i];
      char iso[11];
      date_format_iso(d->date, iso);
      buf_addf(b, "%s{\"id\":%lld,\"date\":\"%s\",\"unit\":", i ? "," : "", (long long)d->id, iso);
      esc_json(b, d->unit_code);
      buf_adds(b, ",\"type\":");
      esc_json(b, d->type >= 0 && d->type < 3 ? dlg_type_codes[d->type] : "");
      buf_adds(b, ",\"chair\":");
      esc_json(b, d->chair >= 0 && d->chair < 3 ? dlg_chair_codes[d->chair] : "");
      buf_adds(b, ",\"title\":");
      esc_json(b, d->title ? d->title : "");
      if (d->participants >= 0) buf_addf(b, ",\"participants\":%d}", d->participants);
      else buf_adds(b, ",\"participants\":null}");
    }
    buf_adds(b, "]}\n");
    reply_json(c, 200);
  }
  for (int i = 0; i < n; i++) dialogue_release(&rows[i]);
  free(rows);
}
