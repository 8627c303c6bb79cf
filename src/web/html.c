/* The HTML template layer: every byte of HTML that a page writes goes
 * through here. Untrusted text only reaches the output through esc_html
 * (h_text, attribute values); markup comes from string literals (h_lit) or
 * from tag and attribute names that are checked to be plain names. */
#include "util/esc.h"
#include "util/i18n.h"
#include "web/web_int.h"
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- primitives ------------------------------------------------------------ */

/* --- English at the output layer (docs/i18n.md) ------------------------------
 * A literal's text between tags and its human attribute values are looked
 * up in the catalogue; so is every h_text string. Tags, names and the other
 * attribute values are copied as they are. */

static int human_attr(const char *name, size_t n) {
  static const char *names[] = {"title", "placeholder", "aria-label", "alt", "label", NULL};
  for (int i = 0; names[i]; i++)
    if (strlen(names[i]) == n && strncmp(names[i], name, n) == 0) return 1;
  return 0;
}

/* copies the markup of a tag from p up to its '>' (or the end of the
 * literal), translating human attribute values; returns where it stopped */
static const char *lit_tag(buf *b, const char *p) {
  while (*p && *p != '>') {
    const char *q = strstr(p, "=\"");
    const char *gt = strchr(p, '>');
    if (!q || (gt && gt < q)) break;
    const char *name = q;
    while (name > p && name[-1] != ' ') name--;
    const char *v = q + 2, *ve = strchr(v, '"');
    if (!ve) break;
    buf_add(b, p, (size_t)(v - p));
    if (human_attr(name, (size_t)(q - name))) tr_add(b, v, (size_t)(ve - v));
    else buf_add(b, v, (size_t)(ve - v));
    p = ve;
    buf_addc(b, *p++);
  }
  const char *gt = strchr(p, '>');
  const char *e = gt ? gt + 1 : p + strlen(p);
  buf_add(b, p, (size_t)(e - p));
  return e;
}

/* a literal in English: a literal that begins inside a tag ("\">Sửa</a>")
 * has its tail copied first; <script> and <style> bodies are left alone */
static void lit_en(buf *b, const char *p) {
  const char *lt = strchr(p, '<'), *gt = strchr(p, '>');
  if (gt && (!lt || gt < lt)) p = lit_tag(b, p);
  while (*p) {
    if (*p == '<') {
      int raw = strncmp(p, "<script", 7) == 0 || strncmp(p, "<style", 6) == 0;
      p = lit_tag(b, p);
      const char *end = raw ? strstr(p, "</") : NULL;
      if (end) {
        buf_add(b, p, (size_t)(end - p));
        p = end;
      }
      continue;
    }
    const char *e = strchr(p, '<');
    if (!e) e = p + strlen(p);
    tr_add_lit(b, p, (size_t)(e - p));
    p = e;
  }
}

void h_raw_literal(buf *b, const char *lit) {
  if (i18n_get() == LANG_EN) lit_en(b, lit);
  else buf_adds(b, lit);
}

void h_text(buf *b, const char *s) { tr_esc_html(b, s); }

/* an attribute value written through h_open: human text is translated
 * (title, placeholder, aria-label, alt, label; the value of a button) */
static void attr_value(buf *b, const char *name, const char *value, int button) {
  if (i18n_get() == LANG_EN && (human_attr(name, strlen(name)) || (button && strcmp(name, "value") == 0))) {
    buf t;
    buf_init(&t, 0);
    tr_add(&t, value, strlen(value));
    esc_html(b, t.s);
    buf_release(&t);
    return;
  }
  esc_html(b, value);
}

/* an <input type="submit|button"> (its value is a label) */
static int is_button_input(const char *tag, va_list ap) {
  if (strcmp(tag, "input") != 0) return 0;
  va_list cp;
  va_copy(cp, ap);
  int button = 0;
  for (const char *name; (name = va_arg(cp, const char *));) {
    const char *value = va_arg(cp, const char *);
    if (strcmp(name, "type") == 0 && value && (strcmp(value, "submit") == 0 || strcmp(value, "button") == 0))
      button = 1;
  }
  va_end(cp);
  return button;
}

/* tag and attribute names: [a-z0-9-]+, so page code cannot smuggle markup
 * through a name */
static int plain_name(const char *s) {
  if (!s || !*s) return 0;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-')) return 0;
  return 1;
}

static void h_vopen(buf *b, const char *tag, va_list ap) {
  if (!plain_name(tag)) {
    fprintf(stderr, "html: refused tag name\n");
    return;
  }
  int button = is_button_input(tag, ap);
  buf_addc(b, '<');
  buf_adds(b, tag);
  for (const char *name; (name = va_arg(ap, const char *));) {
    const char *value = va_arg(ap, const char *);
    if (!value) continue;
    if (!plain_name(name)) {
      fprintf(stderr, "html: refused attribute name\n");
      continue;
    }
    buf_addc(b, ' ');
    buf_adds(b, name);
    buf_adds(b, "=\"");
    attr_value(b, name, value, button);
    buf_addc(b, '"');
  }
  buf_addc(b, '>');
}

void h_open(buf *b, const char *tag, ...) {
  va_list ap;
  va_start(ap, tag);
  h_vopen(b, tag, ap);
  va_end(ap);
}

void h_close(buf *b, const char *tag) {
  if (!plain_name(tag)) return;
  buf_adds(b, "</");
  buf_adds(b, tag);
  buf_addc(b, '>');
}

void h_tag(buf *b, const char *tag, const char *text) {
  h_open(b, tag, NULL);
  h_text(b, text);
  h_close(b, tag);
}

void h_link(buf *b, const char *url, const char *text) {
  h_open(b, "a", "href", url, NULL);
  h_text(b, text);
  h_close(b, "a");
}

void fmt_int_vn(char *out, size_t n, long long v) {
  char digits[32], tmp[48];
  unsigned long long a = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
  int len = snprintf(digits, sizeof digits, "%llu", a), o = 0;
  if (v < 0) tmp[o++] = '-';
  for (int i = 0; i < len; i++) {
    if (i > 0 && (len - i) % 3 == 0) tmp[o++] = '.';
    tmp[o++] = digits[i];
  }
  tmp[o] = 0;
  snprintf(out, n, "%s", tmp);
}

void h_int(buf *b, long long v) {
  char s[48];
  fmt_int_vn(s, sizeof s, v);
  buf_adds(b, s);
}

void h_num(buf *b, double v) {
  if (isnan(v) || isinf(v)) return;
  if (v == floor(v) && fabs(v) < 1e15) {
    h_int(b, (long long)v);
    return;
  }
  double a = fabs(v);
  if (a >= 1e15) {
    buf_addf(b, "%g", v);
    return;
  }
  char tmp[64];
  snprintf(tmp, sizeof tmp, "%.2f", a);
  char *dot = strchr(tmp, '.');
  char *end = tmp + strlen(tmp);
  while (end > dot + 1 && end[-1] == '0') *--end = 0;
  long long ip = (long long)floor(a);
  if (v < 0) buf_addc(b, '-');
  h_int(b, ip);
  if (dot && dot[1]) {
    buf_addc(b, ',');
    buf_adds(b, dot + 1);
  }
}

/* a share in percent with one decimal, "35,5%"; NaN (no denominator) "—" */
void h_percent(buf *b, double v) {
  if (isnan(v) || isinf(v)) {
    h_lit(b, "—");
    return;
  }
  h_num(b, round(v * 10) / 10);
  h_lit(b, "%");
}

/* a horizontal bar for a share of 0..100 as inline SVG (no script, no
 * inline style: the CSP allows neither); NaN draws the empty track */
void h_bar(buf *b, double v) {
  h_lit(b, "<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\" "
           "focusable=\"false\"><rect class=\"bar-bg\" width=\"100\" height=\"10\"></rect>");
  if (!isnan(v) && !isinf(v)) {
    char w[16];
    snprintf(w, sizeof w, "%.1f", v < 0 ? 0 : v > 100 ? 100 : v);
    h_open(b, "rect", "class", "bar-fg", "width", w, "height", "10", NULL);
    h_close(b, "rect");
  }
  h_lit(b, "</svg>");
}

/* <svg class="cls" viewBox="0 0 w h" ...>: the numbers are formatted here
 * and the label escaped. A label makes it an image with that name; NULL
 * hides it from assistive technology (its numbers are written beside it). */
void h_svg_open(buf *b, const char *cls, int w, int h, const char *label) {
  buf_addf(b, "<svg viewBox=\"0 0 %d %d\" focusable=\"false\" class=\"", w < 1 ? 1 : w, h < 1 ? 1 : h);
  esc_html(b, cls ? cls : "");
  if (label) {
    buf_adds(b, "\" role=\"img\" aria-label=\"");
    esc_html(b, label);
    buf_adds(b, "\">");
  } else {
    buf_adds(b, "\" aria-hidden=\"true\">");
  }
}

void h_date(buf *b, int day) {
  char s[11];
  date_format_vn(day, s);
  buf_adds(b, s);
}

void h_time(buf *b, const char *iso_utc, int with_seconds) {
  char s[40];
  time_format_vn(iso_utc, with_seconds, s, sizeof s);
  h_text(b, s);
}

void h_print_head(ctx *c, const char *unit_code, const char *period_id) {
  char name[256] = "", plabel[64] = "Tất cả các kỳ", iso[32], at[40];
  int pos = unit_code && *unit_code ? unit_pos_of(c, unit_code) : -1;
  const tree *t = app_read_begin(c->a);
  if (pos >= 0 && pos < t->n) snprintf(name, sizeof name, "%s", t->u[pos].name);
  app_read_end(c->a);
  period p;
  if (period_id && *period_id && strlen(period_id) <= 7 && period_parse(period_id, &p) == 0)
    period_label_vn(&p, plabel, sizeof plabel);
  app_now_iso(c->a, iso);
  time_format_vn(iso, 0, at, sizeof at);
  buf *b = &c->out;
  h_lit(b, "<div class=\"print-head\"><span>Đơn vị: <strong>");
  h_text(b, name[0] ? name : unit_code ? unit_code : "");
  h_lit(b, "</strong></span><span>Kỳ: <strong>");
  h_text(b, plabel);
  h_lit(b, "</strong></span><span>In lúc ");
  h_text(b, at);
  h_lit(b, "</span></div>");
}

/* --- layout ------------------------------------------------------------------ */

static void nav_item(ctx *c, const char *path, const char *text) {
  size_t n = strlen(path);
  int here = strcmp(c->path, path) == 0 || (n > 1 && strncmp(c->path, path, n) == 0) ||
             (strcmp(path, "/registers") == 0 && strncmp(c->path, "/r/", 3) == 0);
  h_open(&c->out, "li", NULL);
  h_open(&c->out, "a", "href", path, "aria-current", here ? "page" : NULL, NULL);
  h_text(&c->out, text);
  h_lit(&c->out, "</a></li>");
}

static void header_user(ctx *c) {
  char name[256] = "";
  const tree *t = app_read_begin(c->a);
  int p = user_pos(t, &c->u);
  if (p >= 0) snprintf(name, sizeof name, "%s", t->u[p].name);
  app_read_end(c->a);
  buf *b = &c->out;
  h_open(b, "div", "class", "who", NULL);
  h_open(b, "span", NULL);
  h_open(b, "a", "href", "/account", "title", "Tài khoản: đổi mật khẩu, đăng xuất mọi nơi", NULL);
  h_text(b, c->u.login);
  h_lit(b, "</a> · ");
  h_text(b, role_label_vn(c->u.role));
  h_lit(b, " · ");
  h_text(b, name);
  h_close(b, "span");
  h_open(b, "form", "method", "post", "action", "/logout", "class", "inline", NULL);
  h_csrf(c);
  h_lit(b, "<button type=\"submit\" class=\"link\">Đăng xuất</button></form></div>");
}

/* "English" / "Tiếng Việt": this page (path and arguments) in the other
 * language; the choice is then remembered (server.c) */
static void lang_switch(ctx *c) {
  int en = i18n_get() == LANG_EN;
  buf u;
  buf_init(&u, 8192);
  buf_adds(&u, c->path);
  char sep = '?';
  for (int i = 0; i < c->args.n; i++) {
    if (strcmp(c->args.v[i].key, "lang") == 0) continue;
    buf_addc(&u, sep);
    sep = '&';
    esc_url(&u, c->args.v[i].key);
    buf_addc(&u, '=');
    esc_url(&u, c->args.v[i].val);
  }
  buf_addf(&u, "%clang=%s", sep, en ? "vi" : "en");
  h_open(&c->out, "a", "class", "lang-switch", "href", u.overflow ? (en ? "/?lang=vi" : "/?lang=en") : u.s,
         "hreflang", en ? "vi" : "en", "lang", en ? "vi" : "en", NULL);
  buf_adds(&c->out, en ? "Tiếng Việt" : "English"); /* i18n: none (a language's own name) */
  h_close(&c->out, "a");
  buf_release(&u);
}

void page_begin(ctx *c, const char *title) {
  buf *b = &c->out;
  h_lit(b, "<!doctype html>\n");
  h_open(b, "html", "lang", i18n_code(i18n_get()), NULL);
  h_lit(b, "<head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
  h_open(b, "title", NULL);
  h_text(b, title);
  h_lit(b, " — Dân vận</title>"
           "<link rel=\"stylesheet\" href=\"/static/app.css\">");
  if (c->stylesheet) h_open(b, "link", "rel", "stylesheet", "href", c->stylesheet, NULL);
  h_lit(b, "<link rel=\"icon\" href=\"/static/icon.svg\" type=\"image/svg+xml\">");
  if (i18n_get() == LANG_EN) h_lit(b, "<script src=\"/static/app.js?lang=en\" defer></script>");
  else h_lit(b, "<script src=\"/static/app.js\" defer></script>");
  h_lit(b, "</head>\n<body>"
           "<a class=\"skip\" href=\"#main\">Bỏ qua, đến nội dung chính</a>"
           "<header class=\"top\"><a class=\"brand\" href=\"/\">Công tác dân vận</a>");
  if (c->logged_in) {
    /* the button folds the menu on a phone; without the script it stays hidden and the menu open */
    h_lit(b, "<button type=\"button\" class=\"menu-btn\" aria-controls=\"menu\" aria-expanded=\"false\" hidden>"
             "Menu</button><div class=\"menu\" id=\"menu\">");
    h_lit(b, "<nav aria-label=\"Chức năng chính\"><ul>");
    nav_item(c, "/units", "Đơn vị");
    nav_item(c, "/report", "Biểu tổng hợp");
    nav_item(c, "/r/dialogues", "Đối thoại");
    nav_item(c, "/registers", "Sổ theo dõi");
    nav_item(c, "/plans", "Kế hoạch");
    nav_item(c, "/documents/report", "Báo cáo (văn bản)");
    nav_item(c, "/indicators", "Chỉ số");
    nav_item(c, "/completeness", "Tiến độ báo cáo");
    if (c->u.role == ROLE_ADMIN) {
      nav_item(c, "/users", "Người dùng");
      nav_item(c, "/audit", "Nhật ký");
      nav_item(c, "/reform", "Sắp xếp đơn vị");
      nav_item(c, "/holidays", "Ngày nghỉ");
    }
    h_lit(b, "</ul></nav>");
    h_bell(c);
    header_user(c);
    h_lit(b, "</div>");
  }
  lang_switch(c);
  h_lit(b, "</header>\n<main id=\"main\" tabindex=\"-1\">");
}

void page_end(ctx *c) {
  h_lit(&c->out, "</main>\n<footer class=\"foot\">Hệ thống thông tin công tác dân vận · danvan</footer>"
                 "</body></html>\n");
}

void page_send(ctx *c) {
  if (!c->status) c->status = 200;
  c->ctype = "text/html; charset=utf-8";
}

/* --- form pieces ------------------------------------------------------------- */

void h_hidden(buf *b, const char *name, const char *value) {
  h_open(b, "input", "type", "hidden", "name", name, "value", value ? value : "", NULL);
}

void h_csrf(ctx *c) { h_hidden(&c->out, "csrf", c->csrf); }

void h_error_for(buf *b, const char *id, const char *msg) {
  if (!msg || !*msg) return;
  h_open(b, "p", "class", "err", "id", id, NULL);
  h_text(b, msg);
  h_close(b, "p");
}

void h_field(buf *b, const char *name, const char *label, const char *type, const char *value, const char *err,
             const char *hint) {
  char id[80], eid[84], hid[84], desc[180] = "";
  snprintf(id, sizeof id, "f-%s", name);
  snprintf(eid, sizeof eid, "e-%s", name);
  snprintf(hid, sizeof hid, "h-%s", name);
  if (hint) snprintf(desc, sizeof desc, "%s", hid);
  if (err && *err) snprintf(desc + strlen(desc), sizeof desc - strlen(desc), "%s%s", *desc ? " " : "", eid);
  h_open(b, "div", "class", "field", NULL);
  h_open(b, "label", "for", id, NULL);
  h_text(b, label);
  h_close(b, "label");
  if (strcmp(type, "textarea") == 0) {
    h_open(b, "textarea", "id", id, "name", name, "rows", "4", "aria-invalid", err && *err ? "true" : NULL,
           "aria-describedby", *desc ? desc : NULL, NULL);
    h_text(b, value);
    h_close(b, "textarea");
  } else {
    h_open(b, "input", "id", id, "name", name, "type", type, "value", value ? value : "", "aria-invalid",
           err && *err ? "true" : NULL, "aria-describedby", *desc ? desc : NULL, NULL);
  }
  if (hint) {
    h_open(b, "p", "class", "hint", "id", hid, NULL);
    h_text(b, hint);
    h_close(b, "p");
  }
  h_error_for(b, eid, err);
  h_close(b, "div");
}

void h_option(buf *b, const char *value, const char *label, int selected) {
  h_open(b, "option", "value", value, "selected", selected ? "" : NULL, NULL);
  h_text(b, label);
  h_close(b, "option");
}

static void period_option(buf *b, const period *p, const char *selected) {
  char id[8], label[64];
  period_format(p, id);
  period_label_vn(p, label, sizeof label);
  if (label[0] >= 'a' && label[0] <= 'z') label[0] = (char)(label[0] - 'a' + 'A'); /* "Năm 2023" */
  h_option(b, id, label, selected && strcmp(id, selected) == 0);
}

void h_period_select(ctx *c, const char *name, const char *selected, int allow_all) {
  h_period_select_ex(c, name, "Kỳ báo cáo", selected, allow_all ? "Tất cả các kỳ" : NULL, NULL);
}

void h_period_select_ex(ctx *c, const char *name, const char *label, const char *selected, const char *empty_label,
                        const char *err) {
  buf *b = &c->out;
  period sel;
  int have = selected && *selected && strlen(selected) <= 7 && period_parse(selected, &sel) == 0;
  int last, first = 2020, mo, dd;
  date_to_ymd(app_today(c->a), &last, &mo, &dd);
  if (have && sel.year > last) last = sel.year;
  if (have && sel.year < first) first = sel.year;
  char id[80], eid[84];
  snprintf(id, sizeof id, "f-%s", name);
  snprintf(eid, sizeof eid, "e-%s", name);
  h_open(b, "label", "for", id, NULL);
  h_text(b, label);
  h_close(b, "label");
  h_open(b, "select", "id", id, "name", name, "aria-invalid", err && *err ? "true" : NULL, "aria-describedby",
         err && *err ? eid : NULL, NULL);
  if (empty_label) h_option(b, "", empty_label, !have);
  /* a month or another kind not in the list below stays selectable */
  if (have && sel.kind == PERIOD_MONTH) period_option(b, &sel, selected);
  for (int y = last; y >= first; y--) {
    char year[8];
    snprintf(year, sizeof year, "%d", y);
    h_open(b, "optgroup", "label", year, NULL);
    period list[] = {{PERIOD_YEAR, y, 0},    {PERIOD_HALF, y, 1},    {PERIOD_HALF, y, 2},
                     {PERIOD_NINE, y, 0},    {PERIOD_QUARTER, y, 1}, {PERIOD_QUARTER, y, 2},
                     {PERIOD_QUARTER, y, 3}, {PERIOD_QUARTER, y, 4}};
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++) period_option(b, &list[i], have ? selected : NULL);
    h_close(b, "optgroup");
  }
  h_close(b, "select");
  h_error_for(b, eid, err);
}

/* units deeper than this under the user's unit make the select too long */
#define UNIT_SELECT_MAX 600

/* the options of the user's subtree: with a period, the units of its tree
 * (valid on its last day), which a code names unambiguously; without one,
 * every unit, a closed one marked "(đến 30/06/2025)" (a code reused by the
 * new tree is then two options: a record's date tells them apart) */
void h_unit_select(ctx *c, const char *name, const char *label, const char *selected, const char *err,
                   const char *period_id) {
  buf *b = &c->out;
  char id[40], eid[44];
  snprintf(id, sizeof id, "f-%s", name);
  snprintf(eid, sizeof eid, "e-%s", name);
  h_open(b, "label", "for", id, NULL);
  h_text(b, label);
  h_close(b, "label");
  const tree *t = app_read_begin(c->a);
  int p0 = user_pos(t, &c->u);
  period per;
  int day = period_id && *period_id && !period_parse(period_id, &per) ? app_period_day(c->a, &per) : 0;
  int sel = selected && *selected ? app_unit_pos_readable(c->a, &c->u, selected, day ? period_id : NULL) : -1;
  if (p0 >= 0 && t->u[p0].end - p0 <= UNIT_SELECT_MAX) {
    h_open(b, "select", "id", id, "name", name, "data-units", "", "aria-invalid", err && *err ? "true" : NULL,
           "aria-describedby", err && *err ? eid : NULL, NULL);
    for (int p = p0; p < t->u[p0].end; p++) {
      if (day && !unit_valid_on(&t->u[p], day)) continue;
      buf lab;
      buf_init(&lab, 0);
      for (int d = t->u[p0].level; d < t->u[p].level; d++) buf_adds(&lab, "\xC2\xA0\xC2\xA0\xC2\xA0");
      buf_adds(&lab, t->u[p].name);
      if (!day && t->u[p].valid_to) {
        char to[11];
        date_format_vn(t->u[p].valid_to, to);
        buf_addf(&lab, " (đến %s)", to);
      }
      h_option(b, t->u[p].code, lab.s, p == sel);
      buf_release(&lab);
    }
    h_close(b, "select");
  } else {
    h_open(b, "input", "id", id, "name", name, "type", "text", "value", selected ? selected : "", "autocomplete",
           "off", "data-unit-search", "mine", "aria-invalid", err && *err ? "true" : NULL, "aria-describedby",
           err && *err ? eid : NULL, NULL);
    h_lit(b, "<p class=\"hint\">Nhập mã đơn vị (tra cứu ở trang <a href=\"/units\">Đơn vị</a>).</p>");
  }
  app_read_end(c->a);
  h_error_for(b, eid, err);
}

void h_form_select(ctx *c, const char *name, const char *selected) {
  buf *b = &c->out;
  const catalog *cat = app_catalog(c->a);
  char id[40];
  snprintf(id, sizeof id, "f-%s", name);
  h_open(b, "label", "for", id, NULL);
  h_lit(b, "Biểu</label>");
  h_open(b, "select", "id", id, "name", name, NULL);
  for (int i = 0; i < cat->nforms; i++) {
    char label[32];
    form_label(cat->forms[i].code, label, sizeof label);
    h_option(b, cat->forms[i].code, label, selected && strcmp(selected, cat->forms[i].code) == 0);
  }
  h_close(b, "select");
}

/* "path?k=v&...&page=N" keeping the named arguments of this request */
static char *pager_url(ctx *c, const char *path, const char *const *keep, int page) {
  buf u;
  buf_init(&u, 0);
  buf_adds(&u, path);
  char sep = '?';
  for (int i = 0; keep && keep[i]; i++) {
    const char *v = arg(c, keep[i]);
    if (!v) continue; /* present but empty is kept: "period=" means all periods */
    buf_addc(&u, sep);
    sep = '&';
    esc_url(&u, keep[i]);
    buf_addc(&u, '=');
    esc_url(&u, v);
  }
  buf_addf(&u, "%cpage=%d", sep, page);
  char *s = c_strdup(c, u.s);
  buf_release(&u);
  return s;
}

void h_pager(ctx *c, const char *path, int page, int total, const char *const *keep) {
  h_pager_n(c, path, page, total, WEB_PAGE_SIZE, keep);
}

void h_pager_n(ctx *c, const char *path, int page, int total, int per_page, const char *const *keep) {
  buf *b = &c->out;
  int pages = total > 0 ? (total + per_page - 1) / per_page : 1;
  h_lit(b, "<nav class=\"pager\" aria-label=\"Phân trang\">");
  if (page > 1) {
    h_open(b, "a", "href", pager_url(c, path, keep, page - 1), "rel", "prev", NULL);
    h_lit(b, "← Trang trước</a> ");
  }
  h_open(b, "span", NULL);
  h_lit(b, "Trang ");
  h_int(b, page);
  h_lit(b, "/");
  h_int(b, pages);
  h_lit(b, " · ");
  h_int(b, total);
  h_lit(b, " bản ghi</span>");
  if (page < pages) {
    h_lit(b, " ");
    h_open(b, "a", "href", pager_url(c, path, keep, page + 1), "rel", "next", NULL);
    h_lit(b, "Trang sau →</a>");
  }
  h_lit(b, "</nav>");
}
