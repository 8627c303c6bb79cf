/* The JSON API. Responses are written straight into the buffer through
 * esc_json; request bodies are parsed by jansson (duplicates rejected).
 *
 *   POST   /api/session   {"login","password"} -> cookie + {"login","unit","role","csrf"}
 *   GET    /api/session   the current session
 *   DELETE /api/session   logs out (needs X-CSRF-Token)
 *   GET    /api/report?form=&period=&unit=[&level=][&compare=]   the annex (report_write_json);
 *          errors {"error","field"}
 *   GET    /api/units?q=&limit=[&scope=all]   the user's subtree, or every unit
 *   /api/registers...  see below */
#include "export/report_out.h"
#include "util/esc.h"
#include "util/i18n.h"
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
  int wait = 0, rc = DV_EAUTH;
  if (strlen(l) <= 64 && strlen(p) <= 512 && strlen(l) == json_string_length(login) &&
      strlen(p) == json_string_length(password))
    rc = app_login(c->a, l, p, client_address(c), token, &wait, &e);
  if (!rc) rc = app_session(c->a, token, &u, csrf);
  if (rc) {
    int st = login_refused_status(c, rc, wait);
    reply_json_error(c, st, st == 429 ? e.msg : "Sai tên đăng nhập hoặc mật khẩu.");
    return;
  }
  session_body(c, &u, csrf);
  reply_add_cookie(c, "dv_session", token, SESSION_COOKIE_ATTRS);
}

void api_session_get(ctx *c) { session_body(c, &c->u, c->csrf); }

void api_session_delete(ctx *c) {
  app_logout(c->a, c->token);
  reply_text(c, 200, "application/json; charset=utf-8", "{\"ok\":true}\n");
  reply_add_cookie(c, "dv_session", "", SESSION_COOKIE_ATTRS "; Max-Age=0");
}

/* {"error","field"}: field names the offending parameter when there is one */
static void reply_json_error_field(ctx *c, int status, const char *msg, const char *fieldname) {
  buf *b = &c->out;
  buf_reset(b);
  buf_adds(b, "{\"error\":");
  esc_json(b, tr(msg)); /* in the request's language */
  if (fieldname && *fieldname) {
    buf_adds(b, ",\"field\":");
    esc_json(b, fieldname);
  }
  buf_adds(b, "}\n");
  reply_json(c, status);
}

/* a period parameter: NULL when absent or not a period */
static const char *period_param(ctx *c, const char *name, period *p) {
  const char *v = arg(c, name);
  return v && strlen(v) <= 7 && !period_parse(v, p) ? v : NULL;
}

void api_report(ctx *c) {
  const char *form_code = arg(c, "form");
  if (!form_code || !catalog_form(app_catalog(c->a), form_code)) {
    reply_json_error_field(c, 400, "Tham số form không hợp lệ (bieu-1 … bieu-7).", "form");
    return;
  }
  period p, cp;
  const char *pid = period_param(c, "period", &p);
  if (!pid) {
    reply_json_error_field(c, 400, "Tham số period không hợp lệ (ví dụ 2023S1).", "period");
    return;
  }
  /* compare= (empty) is no comparison, as the page's "Không so sánh" */
  const char *cmp = arg(c, "compare");
  if (cmp && !*cmp) cmp = NULL;
  if (cmp && !period_param(c, "compare", &cp)) {
    reply_json_error_field(c, 400, "Tham số compare không hợp lệ: kỳ so sánh có dạng như period (ví dụ 2025S1).",
                           "compare");
    return;
  }
  const char *lv = arg(c, "level");
  long long level = lv && *lv ? parse_id(lv, TREE_MAX_LEVELS) : 0;
  if (level < 0) {
    reply_json_error_field(c, 400, "Tham số level không hợp lệ.", "level");
    return;
  }
  rtable t;
  dv_err e = {0};
  report_args ra = {form_code, unit_arg(c), pid, cmp, (int)level};
  int rc = app_report_ex(c->a, &c->u, &ra, &t, &e);
  if (rc) {
    rtable_release(&t);
    reply_json_error_field(c, http_status_of(rc), e.msg, e.field);
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
  /* scope=all: every unit (a unit-reference field names any unit; names are public) */
  const char *sc = arg(c, "scope");
  app_unit_search(c->a, sc && !strcmp(sc, "all") ? NULL : &c->u, q ? q : "", (int)limit, &pos, &n);
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


/* --- registers -------------------------------------------------------------------
 *
 *   GET    /api/registers                 the definitions: fields, types, options
 *   GET    /api/registers/REG?unit=&period=&q=&field=&value=&limit=&offset=
 *          -> {"register","total","records":[{"id","values":{field:string}}]}
 *             (private fields only where the reader may see them; letters
 *             also carry "due" and "overdue")
 *   GET    /api/registers/REG/ID          one record, same shape
 *   POST   /api/registers/REG             {field:string} -> {"id"}; 400/403 {"error","field"}
 *   POST   /api/registers/REG/ID          the same, changing the fields given
 *   DELETE /api/registers/REG/ID          -> {"ok":true}
 * Writes need the X-CSRF-Token header. */

#define API_RECORD_ID_MAX 1000000000000000LL

static const char *field_type_name(field_type t) {
  static const char *const names[] = {"date", "unit",   "enum",   "set",    "text", "longtext",
                                      "int",  "yesno",  "period", "symbol", "login", "year"};
  return (unsigned)t < sizeof names / sizeof *names ? names[t] : "text";
}

void api_registers(ctx *c) {
  buf *b = &c->out;
  buf_reset(b);
  buf_adds(b, "{\"registers\":[");
  for (int i = 0; i < app_register_count(c->a); i++) {
    const reg_def *r = app_register_at(c->a, i);
    buf_adds(b, i ? ",{\"code\":" : "{\"code\":");
    esc_json(b, r->code);
    buf_adds(b, ",\"title\":");
    esc_json(b, r->title);
    buf_adds(b, ",\"fields\":[");
    for (int k = 0; k < r->nfields; k++) {
      const reg_field *f = &r->fields[k];
      buf_adds(b, k ? ",{\"name\":" : "{\"name\":");
      esc_json(b, f->name);
      buf_adds(b, ",\"label\":");
      esc_json(b, f->label);
      buf_addf(b, ",\"type\":\"%s\",\"required\":%s,\"private\":%s,\"list\":%s", field_type_name(f->type),
               f->required ? "true" : "false", f->private_ ? "true" : "false", f->list ? "true" : "false");
      if (f->nopt) {
        buf_adds(b, ",\"options\":[");
        for (int o = 0; o < f->nopt; o++) {
          buf_adds(b, o ? ",{\"code\":" : "{\"code\":");
          esc_json(b, f->opts[o].code);
          buf_adds(b, ",\"label\":");
          esc_json(b, f->opts[o].label);
          buf_addc(b, '}');
        }
        buf_addc(b, ']');
      }
      buf_addc(b, '}');
    }
    buf_adds(b, "]}");
  }
  buf_adds(b, "]}\n");
  reply_json(c, 200);
}

/* "/api/registers/REG" or "/api/registers/REG/ID": the register (NULL: the
 * reply is a 404) and *id (0 when none) */
static const reg_def *api_reg_path(ctx *c, long long *id) {
  const char *rest = c->path + strlen("/api/registers/");
  const char *slash = strchr(rest, '/');
  char code[64];
  size_t n = slash ? (size_t)(slash - rest) : strlen(rest);
  const reg_def *r = NULL;
  *id = 0;
  if (n > 0 && n < sizeof code) {
    memcpy(code, rest, n);
    code[n] = 0;
    r = app_register(c->a, code);
  }
  if (r && slash && (*id = parse_id(slash + 1, API_RECORD_ID_MAX)) < 0) r = NULL;
  if (!r) reply_json_error(c, 404, "Không có sổ hoặc bản ghi này.");
  return r;
}

static void record_json(buf *b, const reg_def *r, const record *rec) {
  buf_addf(b, "{\"id\":%lld,\"values\":{", (long long)rec->id);
  int k = 0;
  for (int i = 0; i < r->nfields; i++) {
    if (r->fields[i].private_ && !rec->private_ok) continue;
    if (k++) buf_addc(b, ',');
    esc_json(b, r->fields[i].name);
    buf_addc(b, ':');
    esc_json(b, rec->values[i] ? rec->values[i] : "");
  }
  buf_addc(b, '}');
  if (rec->due[0]) {
    buf_adds(b, ",\"due\":");
    esc_json(b, rec->due);
    buf_addf(b, ",\"overdue\":%s", rec->overdue ? "true" : "false");
  }
  buf_addc(b, '}');
}

void api_register_get(ctx *c) {
  long long id;
  const reg_def *r = api_reg_path(c, &id);
  if (!r) return;
  buf *b = &c->out;
  dv_err e = {0};
  if (id) {
    record rec;
    int rc = app_record_get(c->a, &c->u, r, id, &rec, &e);
    if (rc) {
      reply_json_error(c, http_status_of(rc), e.msg);
      return;
    }
    buf_reset(b);
    buf_adds(b, "{\"register\":");
    esc_json(b, r->code);
    buf_adds(b, ",\"record\":");
    record_json(b, r, &rec);
    buf_adds(b, "}\n");
    record_release(&rec);
    reply_json(c, 200);
    return;
  }
  const char *pid = arg(c, "period"), *q = arg(c, "q"), *fld = arg(c, "field"), *val = arg(c, "value");
  long long limit = limit_arg(c, "limit", 50, 500);
  const char *off = arg(c, "offset");
  long long offset = off && *off && strcmp(off, "0") != 0 ? parse_id(off, 1000000000) : 0;
  period p;
  if (limit < 1 || offset < 0 || (q && strlen(q) > 200) || (fld && strlen(fld) > 64) || (val && strlen(val) > 200) ||
      (pid && *pid && (strlen(pid) > 7 || period_parse(pid, &p)))) {
    reply_json_error(c, 400, "Tham số period, q, field, value, limit hoặc offset không hợp lệ.");
    return;
  }
  /* a register without dates (a register of state) has no periods */
  record_filter f = {unit_arg(c), pid && *pid && r->date_field >= 0 ? pid : NULL, q && *q ? q : NULL,
                     fld && *fld ? fld : NULL, val, (int)limit, (int)offset};
  record *rows = NULL;
  int n = 0, total = 0;
  int rc = app_record_list(c->a, &c->u, r, &f, &rows, &n, &total, &e);
  if (rc) {
    records_free(rows, n);
    reply_json_error_field(c, http_status_of(rc), e.msg, e.field);
    return;
  }
  buf_reset(b);
  buf_adds(b, "{\"register\":");
  esc_json(b, r->code);
  buf_addf(b, ",\"total\":%d,\"records\":[", total);
  for (int i = 0; i < n; i++) {
    if (i) buf_addc(b, ',');
    record_json(b, r, &rows[i]);
  }
  buf_adds(b, "]}\n");
  records_free(rows, n);
  reply_json(c, 200);
}

static void field_error_json(buf *b, const dv_err *e) {
  buf_adds(b, "{\"field\":");
  esc_json(b, e->field);
  buf_adds(b, ",\"error\":");
  esc_json(b, e->msg);
  buf_addc(b, '}');
}

/* 400 with "error" and "field" of the first error (what app_record_save
 * said) and "errors": [{"field","error"}] of all of them, the first first */
static void record_errors_reply(ctx *c, const reg_def *r, const char *const *vals, const dv_err *first) {
  dv_err errs[REG_MAX_FIELDS];
  int n = app_record_check(c->a, &c->u, r, vals, errs, REG_MAX_FIELDS);
  buf *b = &c->out;
  buf_reset(b);
  buf_adds(b, "{\"error\":");
  esc_json(b, first->msg);
  if (first->field[0]) {
    buf_adds(b, ",\"field\":");
    esc_json(b, first->field);
  }
  buf_adds(b, ",\"errors\":[");
  field_error_json(b, first);
  for (int i = 0; i < n && i < REG_MAX_FIELDS; i++) {
    if (!strcmp(errs[i].field, first->field) && !strcmp(errs[i].msg, first->msg)) continue;
    buf_addc(b, ',');
    field_error_json(b, &errs[i]);
  }
  buf_adds(b, "]}\n");
  reply_json(c, 400);
}

void api_register_post(ctx *c) {
  long long id;
  const reg_def *r = api_reg_path(c, &id);
  if (!r) return;
  if (!json_is_object(c->json)) {
    reply_json_error(c, 400, "Cần một đối tượng JSON {\"trường\": \"giá trị\", ...}.");
    return;
  }
  const char *vals[REG_MAX_FIELDS] = {0};
  char nums[REG_MAX_FIELDS][24];
  record cur;
  memset(&cur, 0, sizeof cur);
  dv_err e = {0};
  if (id) {
    /* an update changes the fields given; the others stay (private ones the
     * writer may not see are passed as NULL: the app keeps them) */
    int rc = app_record_get(c->a, &c->u, r, id, &cur, &e);
    if (rc) {
      reply_json_error_field(c, http_status_of(rc), e.msg, e.field);
      return;
    }
    for (int i = 0; i < r->nfields; i++)
      vals[i] = r->fields[i].private_ && !cur.private_ok ? NULL : cur.values[i];
  } else {
    for (int i = 0; i < r->nfields; i++) vals[i] = "";
  }
  const char *key;
  json_t *v;
  json_object_foreach(c->json, key, v) {
    int i = reg_field_index(r, key);
    const char *bad = NULL;
    if (i < 0) bad = "trường không có trong sổ";
    else if (json_is_string(v) && strlen(json_string_value(v)) == json_string_length(v)) vals[i] = json_string_value(v);
    else if (json_is_integer(v) && json_integer_value(v) >= 0) {
      snprintf(nums[i], sizeof nums[i], "%lld", (long long)json_integer_value(v));
      vals[i] = nums[i];
    } else if (json_is_null(v)) vals[i] = r->fields[i].private_ ? NULL : "";
    else bad = "giá trị phải là chuỗi";
    if (bad) {
      record_release(&cur);
      reply_json_error_field(c, 400, c_printf(c, "trường \"%s\": %s", key, bad), key);
      return;
    }
  }
  int64_t rid = id;
  int rc = app_record_save(c->a, &c->u, r, &rid, vals, &e);
  if (rc == DV_EINVAL) record_errors_reply(c, r, vals, &e);
  else if (rc) reply_json_error_field(c, http_status_of(rc), e.msg, e.field);
  record_release(&cur);
  if (rc) return;
  buf_reset(&c->out);
  buf_addf(&c->out, "{\"id\":%lld}\n", (long long)rid);
  reply_json(c, 200);
}

void api_register_delete(ctx *c) {
  long long id;
  const reg_def *r = api_reg_path(c, &id);
  if (!r) return;
  if (!id) {
    reply_json_error(c, 405, "Cần địa chỉ /api/registers/SỔ/MÃ_BẢN_GHI.");
    return;
  }
  dv_err e = {0};
  int rc = app_record_delete(c->a, &c->u, r, id, &e);
  if (rc) {
    reply_json_error_field(c, http_status_of(rc), e.msg, e.field);
    return;
  }
  reply_text(c, 200, "application/json; charset=utf-8", "{\"ok\":true}\n");
}
