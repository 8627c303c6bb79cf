/* Drill-down from a number (issue 12 item 6, docs/entry.md): a number
 * counted from records opens the register list of exactly those records,
 * /r/REG?unit=U&period=P[&level=L][&date=FIELD]&f_FIELD=VALUE… (the
 * conditions are core's reg_sources: the options the cell's combo names and
 * the rule's `when`); a hand-entered number opens its history from the
 * audit log (GET /values/history). */
#include "web/web_int.h"
#include "util/esc.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the first register rule that makes (element, combo) */
static int first_source(ctx *c, int element, int combo, reg_source *out) {
  int n = 0;
  while (app_register_at(c->a, n)) n++;
  const catalog *cat = app_catalog(c->a);
  if (!n || combo < 0 || combo >= cat->ncombos) return 0;
  return reg_sources(app_register_at(c->a, 0), n, element, cat->combos[combo], out, 1);
}

const char *drill_records_url(ctx *c, int element, int combo, const char *unit, const char *period_id, int level) {
  reg_source s;
  if (!first_source(c, element, combo, &s)) return NULL;
  buf u;
  buf_init(&u, 0);
  buf_adds(&u, "/r/");
  esc_url(&u, s.reg->code);
  buf_adds(&u, "?unit=");
  esc_url(&u, unit);
  buf_adds(&u, "&period=");
  esc_url(&u, period_id);
  if (level > 0) buf_addf(&u, "&level=%d", level);
  if (s.date_field >= 0) {
    buf_adds(&u, "&date=");
    esc_url(&u, s.reg->fields[s.date_field].name);
  }
  for (int i = 0; i < s.ncond; i++) {
    buf_adds(&u, "&f_");
    esc_url(&u, s.reg->fields[s.cond[i].field].name);
    buf_addc(&u, '=');
    esc_url(&u, s.cond[i].value);
  }
  const char *out = c_strdup(c, u.s);
  buf_release(&u);
  return out;
}

const char *drill_history_url(ctx *c, int element, int combo, const char *unit, const char *period_id, int level) {
  const catalog *cat = app_catalog(c->a);
  char lv[8];
  snprintf(lv, sizeof lv, "%d", level);
  return c_url(c, "/values/history", "element", cat->elements[element].code, "combo", cat->combos[combo], "period",
               period_id, "unit", unit, "level", level > 0 ? lv : NULL, NULL);
}

const char *drill_cell_url(ctx *c, int element, int combo, const char *unit, const char *period_id, int level) {
  int o = app_cell_origin(c->a, element, combo, period_id, unit, level);
  if (o & ORIGIN_RECORDS) return drill_records_url(c, element, combo, unit, period_id, level);
  if (o & ORIGIN_ENTERED) return drill_history_url(c, element, combo, unit, period_id, level);
  return NULL;
}

/* --- GET /values/history ------------------------------------------------------- */

/* an audit time (ISO, UTC) as Hà Nội's local time: "07/12/2026 16:30" */
static void local_time(buf *b, const char *at) {
  int day, hh = 0, mm = 0;
  char d[11] = "";
  if (strlen(at) >= 16) memcpy(d, at, 10);
  if (!d[0] || date_parse(d, &day) || sscanf(at + 11, "%d:%d", &hh, &mm) != 2) {
    h_text(b, at);
    return;
  }
  hh += 7; /* Asia/Ho_Chi_Minh: UTC+7, no daylight saving */
  if (hh >= 24) hh -= 24, day++;
  h_date(b, day);
  buf_addf(b, " %02d:%02d", hh, mm);
}

static void value_text(buf *b, const char *v) {
  char *end;
  double x = v ? strtod(v, &end) : NAN;
  if (!v) h_lit(b, "—");
  else if (*v && !*end) h_num(b, x);
  else h_text(b, v);
}

/* "11329 Phường Máy Chai" */
static const char *unit_label(ctx *c, const char *code) {
  const tree *t = app_read_begin(c->a);
  int pos = unit_pos_of(c, code);
  const char *s = pos >= 0 ? c_printf(c, "%s %s", code, t->u[pos].name) : c_strdup(c, code);
  app_read_end(c->a);
  return s;
}

static void history_table(ctx *c, const value_change *rows, int n) {
  buf *b = &c->out;
  h_lit(b, "<div class=\"table-wrap\" role=\"region\" aria-label=\"Lịch sử\" tabindex=\"0\"><table class=\"list\" "
           "id=\"value-history\"><thead><tr><th scope=\"col\">Thời điểm</th><th scope=\"col\">Người sửa</th>"
           "<th scope=\"col\">Đơn vị</th><th scope=\"col\">Trước → sau</th></tr></thead><tbody>");
  for (int i = 0; i < n; i++) {
    h_lit(b, "<tr><td class=\"nowrap\">");
    local_time(b, rows[i].at);
    h_lit(b, "</td><td>");
    h_text(b, rows[i].login[0] ? rows[i].login : "(dòng lệnh, nhập tệp)");
    h_lit(b, "</td><td>");
    h_text(b, unit_label(c, rows[i].unit));
    h_lit(b, "</td><td>");
    value_text(b, rows[i].before);
    h_lit(b, " → ");
    value_text(b, rows[i].after);
    h_lit(b, "</td></tr>");
  }
  if (!n) h_lit(b, "<tr><td colspan=\"4\" class=\"empty\">Chưa có thay đổi nào được ghi.</td></tr>");
  h_lit(b, "</tbody></table></div>");
}

void page_value_history(ctx *c) {
  const catalog *cat = app_catalog(c->a);
  const char *el = arg(c, "element"), *co = arg(c, "combo"), *pid = arg(c, "period"), *lv = arg(c, "level");
  int element = el ? catalog_element(cat, el) : -1, combo = co ? catalog_combo(cat, co) : -1;
  period p;
  long long level = lv && *lv ? parse_id(lv, TREE_MAX_LEVELS) : 0;
  if (element < 0 || combo < 0 || !pid || period_parse(pid, &p) || level < 0) {
    reply_html_error(c, 400, "Yêu cầu không hợp lệ", "Thiếu hoặc sai chỉ tiêu, phân tổ, kỳ hoặc cấp.");
    return;
  }
  value_change *rows;
  int n;
  dv_err e = {0};
  int rc = app_value_history(c->a, &c->u, el, co, pid, unit_arg(c), (int)level, &rows, &n, &e);
  if (rc) {
    value_changes_free(rows, n);
    reply_html_error(c, http_status_of(rc), "Không xem được lịch sử", e.msg);
    return;
  }
  char plabel[64];
  period_label_vn(&p, plabel, sizeof plabel);
  page_begin(c, "Lịch sử số liệu nhập tay");
  h_lit(&c->out, "<h1>Lịch sử số liệu nhập tay</h1><p class=\"sub\">");
  h_text(&c->out, c_printf(c, "%s (%s) · %s · đơn vị %s và các đơn vị trực thuộc", cat->elements[element].name, co,
                           plabel, unit_arg(c)));
  h_lit(&c->out, "</p><p class=\"hint\">Mỗi lần nhập, sửa hoặc xóa: ai, lúc nào (giờ Việt Nam), giá trị trước và "
                 "sau. — là ô trống.</p>");
  history_table(c, rows, n);
  page_end(c);
  page_send(c);
  value_changes_free(rows, n);
}
