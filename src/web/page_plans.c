/* Plans on the web (issue 5: plans that cascade, targets that measure
 * themselves). Everything comes from the app's plan functions; this file
 * only lays it out.
 *
 *   GET  /plans                          the plans the user may read (their
 *                                        subtree and the plans above it)
 *   GET  /plans/view?plan=S[&unit=U]     the plan as a document: header,
 *                                        sections, items with lead, partners,
 *                                        due, status, source, a box when the
 *                                        upper item changed since it was taken
 *                                        up (with "Đã xem"), targets with bars
 *                                        and the units pulling them down,
 *                                        progress notes and a progress form;
 *                                        signer and "Nơi nhận"
 *   POST /plans/item                     plan, unit, item, was, status, note,
 *                                        evidence (or ack=1), csrf -> 303 back
 *                                        to the item; a refused update
 *                                        re-renders the plan with the message
 *                                        under the item's form (4xx)
 *   GET  /plans/cascade?plan=S[&unit=U]  item by item, the lower plans that
 *                                        took it up (and those that did not)
 *   GET  /plans/import, POST /plans/import   a .plan file (multipart: file,
 *                                        replace) -> 303 to the plan
 *   GET  /plans/export?plan=S[&unit=U]   the canonical text, as an attachment
 *
 * Who may change what is the app's decision; the page offers the forms only
 * where the app would accept them (officers and above of the plan's unit or
 * of the item's lead unit, or of a unit above either). */
#include "util/esc.h"
#include "web/web_int.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXCERPT_MAX 220   /* bytes of an item's text in the cascade table */
#define BELOW_SHOWN 6     /* units pulling a target down listed before "và N đơn vị khác" */

/* --- small helpers ------------------------------------------------------------------------- */

/* a symbol or unit code from the request: NULL if absent, "" if too long
 * to name anything (the app then answers "not found") */
static const char *plan_param(ctx *c, const char *name, size_t max) {
  const char *v = param(c, name);
  if (!v || !*v) return NULL;
  return strlen(v) < max ? v : "";
}

static const char *view_url(ctx *c, const char *symbol, const char *unit) {
  return c_url(c, "/plans/view", "plan", symbol, "unit", unit && *unit ? unit : NULL, NULL);
}

static const char *item_anchor(ctx *c, const char *number) { return c_printf(c, "item-%s", number); }

static const char *item_url(ctx *c, const char *symbol, const char *unit, const char *number) {
  return c_printf(c, "%s#%s", view_url(c, symbol, unit), item_anchor(c, number));
}

/* the unit's name for its code (the code itself if there is none) */
static const char *unit_name_of(ctx *c, const char *code) {
  const char *name = code;
  const tree *t = app_read_begin(c->a);
  int p = unit_pos_of(c, code);
  if (p >= 0) name = c_strdup(c, t->u[p].name);
  app_read_end(c->a);
  return name;
}

/* 1 if the user may change the plan's items at that unit (or at the lead) */
static int may_update(ctx *c, const char *plan_unit, const char *lead) {
  app_read_begin(c->a);
  int p = unit_pos_of(c, plan_unit), l = lead && *lead ? unit_pos_of(c, lead) : -1;
  int ok = (p >= 0 && app_can_write(c->a, &c->u, p)) || (l >= 0 && app_can_write(c->a, &c->u, l));
  app_read_end(c->a);
  return ok;
}

/* 1 if the unit lies in the user's subtree (its indicators can be opened) */
static int in_scope(ctx *c, const char *code) {
  app_read_begin(c->a);
  int p = unit_pos_of(c, code), ok = p >= 0 && app_can_read(c->a, &c->u, p);
  app_read_end(c->a);
  return ok;
}

static void text_n(buf *b, const char *s, size_t n) {
  char *t = xstrndup(s, n);
  h_text(b, t);
  free(t);
}

/* a text of "| " lines as paragraphs; an empty line only separates them.
 * first: written (bold) before the first line, e.g. the item's number. */
static void paragraphs(buf *b, const char *text, const char *first) {
  const char *s = text ? text : "";
  int written = 0;
  while (1) {
    size_t n = strcspn(s, "\n");
    if (n || (first && !written && !s[n])) {
      h_lit(b, "<p>");
      if (first && !written) {
        h_lit(b, "<strong class=\"item-no\">");
        h_text(b, first);
        h_lit(b, "</strong> ");
      }
      text_n(b, s, n);
      h_lit(b, "</p>");
      written = 1;
    }
    if (!s[n]) break;
    s += n + 1;
  }
}

/* "1.1" -> "1.1." as the item is numbered in the document */
static const char *printed_number(ctx *c, const char *number) {
  size_t n = strlen(number);
  return n && number[n - 1] == '.' ? number : c_printf(c, "%s.", number);
}

static const char *status_label(plan_status s) {
  return s == PLAN_DONE ? "Hoàn thành" : s == PLAN_IN_PROGRESS ? "Đang thực hiện" : "Chưa bắt đầu";
}

/* the status badge: "Quá hạn" wins over the stored status */
static void status_badge(ctx *c, plan_status s, int overdue) {
  buf *b = &c->out;
  if (overdue) {
    h_lit(b, "<span class=\"badge late\">Quá hạn</span>");
    if (s == PLAN_IN_PROGRESS) h_lit(b, " <span class=\"badge pl-in_progress\">Đang thực hiện</span>");
    return;
  }
  h_open(b, "span", "class", c_printf(c, "badge pl-%s", plan_status_name(s)), NULL);
  h_text(b, status_label(s));
  h_close(b, "span");
}

static const char *target_state_label(target_state s) {
  return s == TARGET_EXCEEDED ? "Vượt" : s == TARGET_ACHIEVED ? "Đạt" : "Chưa đạt";
}

static void target_badge(ctx *c, target_state s) {
  h_open(&c->out, "span", "class", c_printf(c, "badge tg-%s", target_state_name(s)), NULL);
  h_text(&c->out, target_state_label(s));
  h_close(&c->out, "span");
}

/* "Quý II năm 2024", "hằng quý", "tháng 10 hằng năm", "10/03/2024" */
static const char *due_text(ctx *c, const plan_due *d) {
  char s[64];
  switch (d->kind) {
  case PLAN_DUE_DATE: date_format_vn(d->day, s); return c_strdup(c, s);
  case PLAN_DUE_PERIOD:
    period_label_vn(&d->p, s, sizeof s);
    if (s[0] >= 'a' && s[0] <= 'z') s[0] = (char)(s[0] - 'a' + 'A');
    return c_strdup(c, s);
  case PLAN_DUE_MONTHLY: return "hằng tháng";
  case PLAN_DUE_QUARTERLY: return "hằng quý";
  case PLAN_DUE_YEARLY: return c_printf(c, "tháng %d hằng năm", d->month);
  default: return NULL;
  }
}

static int is_percent(const plan_target *t) { return strncmp(t->indicator, "value:", 6) != 0; }

/* a value as compared (2 decimals): "35,53%", or the entered number */
static void target_value(buf *b, const plan_target *t, double v) {
  if (isnan(v)) {
    h_lit(b, "—");
    return;
  }
  h_num(b, round(v * 100) / 100);
  if (is_percent(t)) h_lit(b, "%");
}

/* "2024" -> "năm 2024", "2024S1" -> "6 tháng đầu năm 2024" */
static const char *period_text(ctx *c, const char *id) {
  period p;
  char s[64];
  if (period_parse(id, &p)) return c_printf(c, "kỳ %s", id);
  period_label_vn(&p, s, sizeof s);
  return c_strdup(c, s);
}

/* the indicators page for a target's indicator at a unit (percent
 * indicators only: value: targets have no page of their own) */
static const char *indicator_url(ctx *c, const target_result *r, const char *unit) {
  const plan_target *t = &r->t;
  int cov = !strcmp(t->indicator, "models_coverage");
  return c_url(c, "/indicators", "name", t->indicator, "unit", unit, "period", r->period, "area",
               cov && t->area[0] ? t->area : NULL, "min", cov ? c_printf(c, "%d", t->min ? t->min : 1) : NULL,
               "level", t->level ? c_printf(c, "%d", t->level) : NULL, "unit_type",
               t->unit_types[0] ? t->unit_types : NULL, "base", t->base ? c_printf(c, "%d", t->base) : NULL, NULL);
}

/* value against threshold: the track, the value's bar coloured by the
 * state, a mark at the threshold; numbers are written beside it */
static void target_svg(ctx *c, const target_result *r) {
  buf *b = &c->out;
  const plan_target *t = &r->t;
  double v = r->value, thr = t->threshold;
  double max = is_percent(t) ? 100 : 0;
  if (!isnan(v) && v > max) max = v;
  if (thr > max) max = thr;
  if (!is_percent(t)) max *= 1.2;
  if (!(max > 0)) max = 1;
  char label[200], w[32], x[32];
  buf lb;
  buf_init(&lb, 0);
  buf_adds(&lb, "Đạt được ");
  target_value(&lb, t, v);
  buf_adds(&lb, ", yêu cầu ");
  buf_adds(&lb, target_cmp_symbol(t->cmp));
  buf_adds(&lb, " ");
  target_value(&lb, t, thr);
  snprintf(label, sizeof label, "%s", lb.s);
  buf_release(&lb);
  h_svg_open(b, "tbar", 200, 20, label);
  h_lit(b, "<rect class=\"tb-bg\" x=\"0\" y=\"5\" width=\"200\" height=\"10\"></rect>");
  if (!isnan(v)) {
    snprintf(w, sizeof w, "%.1f", (v < 0 ? 0 : v) / max * 200);
    h_open(b, "rect", "class", c_printf(c, "tb-fg tb-%s", target_state_name(r->state)), "x", "0", "y", "5", "width",
           w, "height", "10", NULL);
    h_close(b, "rect");
  }
  snprintf(x, sizeof x, "%.1f", thr / max * 200);
  h_open(b, "line", "class", "tb-thr", "x1", x, "x2", x, "y1", "0", "y2", "20", NULL);
  h_close(b, "line");
  h_close(b, "svg");
}

/* --- GET /plans ------------------------------------------------------------------------------ */

/* targets met (achieved or exceeded) and in all, evaluated live */
static void targets_met(ctx *c, const plan_info *p, int *met, int *all) {
  *met = *all = 0;
  if (!p->targets) return;
  target_result *rows = NULL;
  int n = 0;
  dv_err e = {0};
  if (app_plan_targets(c->a, &c->u, p->symbol, p->unit, &rows, &n, &e) == 0) {
    *all = n;
    for (int i = 0; i < n; i++) *met += rows[i].state != TARGET_NOT_YET;
  }
  target_results_free(rows, n);
}

void page_plans(ctx *c) {
  buf *b = &c->out;
  plan_info *rows = NULL;
  int n = 0;
  dv_err e = {0};
  int rc = app_plan_list(c->a, &c->u, &rows, &n, &e);
  if (rc) {
    reply_html_error(c, http_status_of(rc), "Kế hoạch", e.msg);
    return;
  }
  page_begin(c, "Kế hoạch");
  h_lit(b, "<h1>Kế hoạch</h1><p class=\"sub\">Kế hoạch của đơn vị, của các đơn vị trực thuộc và kế hoạch cấp trên "
           "mà đơn vị thực hiện. Tình trạng nhiệm vụ và chỉ tiêu được tính tại thời điểm xem.</p>");
  if (c->u.role >= ROLE_OFFICER)
    h_lit(b, "<ul class=\"actions\"><li><a href=\"/plans/import\">Nhập kế hoạch từ tệp</a></li></ul>");
  if (!n) {
    h_lit(b, "<p class=\"notice\">Chưa có kế hoạch nào trong phạm vi của bạn.</p>");
  } else {
    h_lit(b, "<div class=\"table-wrap\" role=\"region\" aria-label=\"Danh sách kế hoạch\" tabindex=\"0\">"
             "<table class=\"list records plans\"><thead><tr><th scope=\"col\">Số, ký hiệu</th><th scope=\"col\">Đơn vị ban hành</th>"
             "<th scope=\"col\">Trích yếu</th><th scope=\"col\">Năm</th><th scope=\"col\">Căn cứ</th>"
             "<th scope=\"col\" class=\"num\">Nhiệm vụ hoàn thành</th><th scope=\"col\" class=\"num\">Quá hạn</th>"
             "<th scope=\"col\" class=\"num\">Chỉ tiêu đạt</th></tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
      const plan_info *p = &rows[i];
      h_lit(b, "<tr><th scope=\"row\" class=\"nowrap\">");
      h_link(b, view_url(c, p->symbol, p->unit), p->symbol);
      h_lit(b, "</th><td data-label=\"Đơn vị ban hành\">");
      h_text(b, p->unit_name);
      h_lit(b, "</td><td data-label=\"Trích yếu\">");
      h_text(b, p->title ? p->title : "");
      if (p->date[0]) {
        int day;
        if (date_parse(p->date, &day) == 0) {
          h_lit(b, " <span class=\"hint nowrap\">(");
          h_date(b, day);
          h_lit(b, ")</span>");
        }
      }
      h_lit(b, "</td><td data-label=\"Năm\">");
      h_text(b, c_printf(c, "%d", p->year));
      h_lit(b, "</td><td data-label=\"Căn cứ\">");
      if (p->basis[0]) {
        h_lit(b, "Thực hiện ");
        h_open(b, "a", "href", view_url(c, p->basis, p->basis_unit), "class", "nowrap", NULL);
        h_text(b, c_printf(c, "Kế hoạch %s", p->basis));
        h_close(b, "a");
      }
      h_lit(b, "</td><td class=\"num\" data-label=\"Nhiệm vụ hoàn thành\">");
      h_int(b, p->done);
      h_lit(b, "/");
      h_int(b, p->items);
      h_lit(b, "</td><td class=\"num\" data-label=\"Quá hạn\">");
      if (p->overdue) {
        h_open(b, "span", "class", "badge late", NULL);
        h_int(b, p->overdue);
        h_close(b, "span");
      } else {
        h_lit(b, "0");
      }
      h_lit(b, "</td><td class=\"num\" data-label=\"Chỉ tiêu đạt\">");
      int met, all;
      targets_met(c, p, &met, &all);
      if (all) {
        h_int(b, met);
        h_lit(b, "/");
        h_int(b, all);
      } else {
        h_lit(b, "<span class=\"hint\">không có</span>");
      }
      h_lit(b, "</td></tr>");
    }
    h_lit(b, "</tbody></table></div><p class=\"hint\">Quá hạn: nhiệm vụ chưa hoàn thành đã qua thời hạn. "
             "Chỉ tiêu đạt: đạt hoặc vượt yêu cầu / tổng số chỉ tiêu.</p>");
  }
  plan_infos_free(rows, n);
  page_end(c);
  page_send(c);
}

/* --- GET /plans/view ------------------------------------------------------------------------- */

/* what a POST to /plans/item left for the page: a refused update (err) with
 * what was typed, or a done one (done) */
typedef struct item_flash {
  const char *item;
  const char *err, *field;
  const char *status, *note, *evidence;
  int ack;
} item_flash;

/* everything the document needs, loaded once */
typedef struct plan_view {
  plan_doc d;
  plan_info info;
  plan_cascade cas;
  int have_cas;
  target_result *targets;
  int ntargets;
  int may_plan;                  /* may update items as the plan's unit */
} plan_view;

static const plan_link *link_for(const plan_view *v, const char *number) {
  for (int i = 0; v->have_cas && i < v->cas.nitems; i++)
    if (!strcmp(v->cas.items[i].number, number)) return &v->cas.items[i];
  return NULL;
}

/* "Số 11-KH/ĐU" and the issuing unit; the date line "Gia Sàng, ngày 19
 * tháng 01 năm 2024" */
static void doc_head(ctx *c, const plan_view *v) {
  buf *b = &c->out;
  char parent[256] = "", name[256] = "";
  const tree *t = app_read_begin(c->a);
  int p = unit_pos_of(c, v->d.unit);
  if (p >= 0) {
    snprintf(name, sizeof name, "%s", t->u[p].name);
    if (t->u[p].parent >= 0) snprintf(parent, sizeof parent, "%s", t->u[t->u[p].parent].name);
  }
  app_read_end(c->a);
  h_lit(b, "<header class=\"doc-head\"><div class=\"issuer\">");
  if (parent[0]) {
    h_lit(b, "<p class=\"up\">");
    h_text(b, parent);
    h_lit(b, "</p>");
  }
  h_lit(b, "<p class=\"up strong\">");
  h_text(b, name[0] ? name : v->d.unit);
  h_lit(b, "</p><p aria-hidden=\"true\">*</p><p class=\"doc-no\">Số ");
  h_text(b, v->d.symbol);
  h_lit(b, "</p></div><div class=\"nation\"><p class=\"up strong underline\">Đảng Cộng sản Việt Nam</p>"
           "<p class=\"dateline\">");
  int y, m, d;
  date_to_ymd(v->d.day, &y, &m, &d);
  if (v->d.place && *v->d.place) {
    h_text(b, v->d.place);
    h_text(b, c_printf(c, ", ngày %02d tháng %02d năm %d", d, m, y));
  } else {
    h_text(b, c_printf(c, "Ngày %02d tháng %02d năm %d", d, m, y));
  }
  h_lit(b, "</p></div></header>");
  /* "Kế hoạch công tác dân vận năm 2024" -> KẾ HOẠCH / công tác dân vận năm 2024 */
  const char *title = v->d.title ? v->d.title : "";
  const char *rest = !strncmp(title, "Kế hoạch ", strlen("Kế hoạch ")) ? title + strlen("Kế hoạch ") : NULL;
  h_lit(b, "<h1 class=\"doc-title\"><span class=\"kind\">Kế hoạch</span> ");
  h_open(b, "span", "class", "what", NULL);
  h_text(b, rest ? rest : title);
  h_lit(b, "</span></h1>");
}

/* the box of an item whose upper item changed since it was taken up */
static void source_changed_box(ctx *c, const plan_view *v, const plan_item *it, const plan_link *l, int may,
                               const item_flash *fl) {
  buf *b = &c->out;
  const char *src = c_printf(c, "mục %s của Kế hoạch %s", l->source_number, l->source_plan);
  h_open(b, "div", "class", "src-changed", "id", c_printf(c, "changed-%s", it->number), "role", "note", NULL);
  if (!l->source_now) {
    h_lit(b, "<h4>Cấp trên đã bỏ mục này</h4><p>");
    h_text(b, c_printf(c, "Đơn vị đã nhận thực hiện %s; mục này không còn trong kế hoạch cấp trên. "
                          "Nội dung khi nhận:", src));
    h_lit(b, "</p><blockquote class=\"src-text\">");
    paragraphs(b, l->source_then, NULL);
    h_lit(b, "</blockquote></div>");
    return;
  }
  h_lit(b, "<h4>Cấp trên đã sửa nội dung</h4><p>");
  h_text(b, c_printf(c, "Nội dung %s đã thay đổi kể từ khi đơn vị nhận thực hiện.", src));
  h_lit(b, "</p>");
  if (l->source_diff) {
    h_lit(b, "<p class=\"diff-h\">Thay đổi (<del>chữ bị bỏ</del>, <ins>chữ thêm mới</ins>):</p><p class=\"diff\">");
    /* git's --word-diff=plain: [-removed-] {+added+} */
    const char *s = l->source_diff;
    while (*s) {
      const char *end = NULL;
      if (!strncmp(s, "[-", 2) && (end = strstr(s + 2, "-]"))) {
        h_lit(b, "<del>");
        text_n(b, s + 2, (size_t)(end - s - 2));
        h_lit(b, "</del>");
        s = end + 2;
      } else if (!strncmp(s, "{+", 2) && (end = strstr(s + 2, "+}"))) {
        h_lit(b, "<ins>");
        text_n(b, s + 2, (size_t)(end - s - 2));
        h_lit(b, "</ins>");
        s = end + 2;
      } else {
        size_t n = 1;
        while (s[n] && strncmp(s + n, "[-", 2) && strncmp(s + n, "{+", 2)) n++;
        text_n(b, s, n);
        s += n;
      }
    }
    h_lit(b, "</p>");
  }
  h_lit(b, "<div class=\"src-compare\"><div><p class=\"label\">Nội dung khi nhận</p><blockquote class=\"src-text then\">");
  paragraphs(b, l->source_then, NULL);
  h_lit(b, "</blockquote></div><div><p class=\"label\">Nội dung hiện nay</p><blockquote class=\"src-text now\">");
  paragraphs(b, l->source_now, NULL);
  h_lit(b, "</blockquote></div></div>");
  if (may) {
    h_open(b, "form", "method", "post", "action", "/plans/item", "class", "ack", NULL);
    h_csrf(c);
    h_hidden(b, "plan", v->d.symbol);
    h_hidden(b, "unit", v->d.unit);
    h_hidden(b, "item", it->number);
    h_hidden(b, "ack", "1");
    h_lit(b, "<button type=\"submit\">Đã xem</button> <span class=\"hint\">Ghi nhận đơn vị đã đọc nội dung mới; "
             "sửa nội dung mục của đơn vị (nếu cần) bằng cách nhập lại kế hoạch.</span>");
    if (fl && fl->err && fl->ack && !strcmp(fl->item, it->number))
      h_error_for(b, c_printf(c, "e-ack-%s", it->number), fl->err);
    h_lit(b, "</form>");
  }
  h_lit(b, "</div>");
}

static void item_targets(ctx *c, const plan_view *v, const char *number) {
  buf *b = &c->out;
  int any = 0;
  for (int i = 0; i < v->ntargets; i++) {
    const target_result *r = &v->targets[i];
    if (strcmp(r->item, number)) continue;
    if (!any++)
      h_lit(b, "<div class=\"item-targets\"><p class=\"label\">Chỉ tiêu</p><div class=\"table-wrap\">"
               "<table class=\"list records targets-tbl\"><thead><tr><th scope=\"col\">Chỉ tiêu</th>"
               "<th scope=\"col\">Yêu cầu</th><th scope=\"col\">Đạt được</th><th scope=\"col\">Biểu đồ</th>"
               "<th scope=\"col\">Tình trạng</th><th scope=\"col\">Đơn vị chưa đạt</th></tr></thead><tbody>");
    const plan_target *t = &r->t;
    int pct = is_percent(t), drill = pct && in_scope(c, r->unit);
    h_open(b, "tr", "class", c_printf(c, "target tg-row-%s", target_state_name(r->state)), "data-indicator",
           t->indicator, NULL);
    h_lit(b, "<th scope=\"row\">");
    h_text(b, target_indicator_label(c, t));
    const char *note = target_scope_note(c, t, 1);
    if (note) {
      h_lit(b, " <span class=\"hint\">(");
      h_text(b, note);
      h_lit(b, ")</span>");
    }
    h_lit(b, "<span class=\"hint target-src\">");
    h_text(b, c_printf(c, "%s · %s", r->unit_name, period_text(c, r->period)));
    h_lit(b, "</span></th><td class=\"nowrap\" data-label=\"Yêu cầu\">");
    h_text(b, target_cmp_symbol(t->cmp));
    h_lit(b, " ");
    target_value(b, t, t->threshold);
    h_lit(b, "</td><td class=\"nowrap tval\" data-label=\"Đạt được\">");
    if (r->error[0]) {
      h_open(b, "span", "class", "hint", NULL);
      h_text(b, r->error);
      h_close(b, "span");
    } else {
      h_lit(b, "<strong class=\"value\">");
      target_value(b, t, r->value);
      h_lit(b, "</strong>");
      if (pct && !isnan(r->numerator) && !isnan(r->denominator)) {
        h_lit(b, " <span class=\"hint\">(");
        h_num(b, r->numerator);
        h_lit(b, "/");
        h_num(b, r->denominator);
        h_lit(b, ")</span>");
      }
    }
    h_lit(b, "</td><td class=\"barcell\" data-label=\"Biểu đồ\">");
    target_svg(c, r);
    h_lit(b, "</td><td data-label=\"Tình trạng\">");
    target_badge(c, r->state);
    h_lit(b, "</td><td data-label=\"Đơn vị chưa đạt\" class=\"below\">");
    for (int k = 0; k < r->nbelow && k < BELOW_SHOWN; k++) {
      const target_child *ch = &r->below[k];
      if (k) h_lit(b, ", ");
      if (pct && in_scope(c, ch->unit)) h_link(b, indicator_url(c, r, ch->unit), ch->unit_name);
      else h_text(b, ch->unit_name);
      h_lit(b, " <span class=\"hint nowrap\">(");
      target_value(b, t, ch->value);
      h_lit(b, ")</span>");
    }
    if (r->nbelow > BELOW_SHOWN) {
      h_lit(b, "<details class=\"more\"><summary>");
      h_text(b, c_printf(c, "và %d đơn vị khác", r->nbelow - BELOW_SHOWN));
      h_lit(b, "</summary>");
      for (int k = BELOW_SHOWN; k < r->nbelow; k++) {
        const target_child *ch = &r->below[k];
        if (k > BELOW_SHOWN) h_lit(b, ", ");
        if (pct && in_scope(c, ch->unit)) h_link(b, indicator_url(c, r, ch->unit), ch->unit_name);
        else h_text(b, ch->unit_name);
        h_lit(b, " <span class=\"hint nowrap\">(");
        target_value(b, t, ch->value);
        h_lit(b, ")</span>");
      }
      h_lit(b, "</details>");
    }
    if (drill) {
      if (r->nbelow) h_lit(b, " · ");
      h_link(b, indicator_url(c, r, r->unit), "Xem theo đơn vị");
    }
    h_lit(b, "</td></tr>");
  }
  if (any)
    h_lit(b, "</tbody></table></div><p class=\"hint\">Biểu đồ: thanh là giá trị đạt được, vạch đứng là mức yêu cầu. "
             "Đơn vị chưa đạt: các đơn vị trực thuộc chưa đạt yêu cầu, xa nhất trước.</p></div>");
}

/* evidence: a register record ("documents:12") opens in its register, a
 * URL as itself */
static void evidence_link(ctx *c, const char *ev) {
  buf *b = &c->out;
  if (!strncmp(ev, "https://", 8) || !strncmp(ev, "http://", 7)) {
    h_open(b, "a", "href", ev, "rel", "noopener noreferrer", NULL);
    h_text(b, ev);
    h_close(b, "a");
    return;
  }
  const char *colon = strchr(ev, ':');
  if (colon && colon > ev && colon - ev < 64 && parse_id(colon + 1, 1LL << 53) > 0) {
    char reg[64];
    snprintf(reg, sizeof reg, "%.*s", (int)(colon - ev), ev);
    const reg_def *r = app_register(c->a, reg);
    if (r) {
      h_link(b, c_printf(c, "/r/%s/%s", r->code, colon + 1), c_printf(c, "%s số %s", r->title, colon + 1));
      return;
    }
  }
  h_text(b, ev);
}

static void item_notes(ctx *c, const plan_view *v, const char *number) {
  buf *b = &c->out;
  plan_note *rows = NULL;
  int n = 0;
  dv_err e = {0};
  if (app_plan_notes(c->a, &c->u, v->d.symbol, v->d.unit, number, &rows, &n, &e) || !n) {
    plan_notes_free(rows, n);
    return;
  }
  h_lit(b, "<div class=\"item-notes\"><p class=\"label\">Tiến độ thực hiện</p><ol class=\"notes\">");
  for (int i = 0; i < n; i++) {
    const plan_note *r = &rows[i];
    plan_status st = PLAN_NOT_STARTED;
    plan_status_parse(r->status, &st);
    int day;
    h_lit(b, "<li><span class=\"note-meta\">");
    if (date_parse(r->date, &day) == 0) h_date(b, day);
    else h_text(b, r->date);
    h_lit(b, " · ");
    h_text(b, r->login);
    h_lit(b, " · ");
    h_text(b, c_printf(c, "tình trạng: %s", status_label(st)));
    h_lit(b, "</span>");
    if (r->note && *r->note) {
      h_lit(b, "<span class=\"note-text\">");
      h_text(b, r->note);
      h_lit(b, "</span>");
    }
    if (r->evidence && *r->evidence) {
      h_lit(b, "<span class=\"note-ev\">Minh chứng: ");
      evidence_link(c, r->evidence);
      h_lit(b, "</span>");
    }
    h_lit(b, "</li>");
  }
  h_lit(b, "</ol></div>");
  plan_notes_free(rows, n);
}

static void progress_form(ctx *c, const plan_view *v, const plan_item *it, int k, const item_flash *fl) {
  buf *b = &c->out;
  int mine = fl && fl->err && !fl->ack && !strcmp(fl->item, it->number);
  const char *st = mine && fl->status ? fl->status : plan_status_name(it->status);
  const char *err = mine ? fl->err : NULL;
  const char *fld = mine && fl->field ? fl->field : "";
  char sid[24], nid[24], eid[24], errid[24];
  snprintf(sid, sizeof sid, "st-%d", k);
  snprintf(nid, sizeof nid, "nt-%d", k);
  snprintf(eid, sizeof eid, "ev-%d", k);
  snprintf(errid, sizeof errid, "er-%d", k);
  h_open(b, "details", "class", "item-progress", "open", mine ? "" : NULL, NULL);
  h_lit(b, "<summary>");
  h_text(b, c_printf(c, "Cập nhật tiến độ mục %s", it->number));
  h_lit(b, "</summary>");
  h_open(b, "form", "method", "post", "action", "/plans/item", "class", "progress-form", NULL);
  h_csrf(c);
  h_hidden(b, "plan", v->d.symbol);
  h_hidden(b, "unit", v->d.unit);
  h_hidden(b, "item", it->number);
  h_hidden(b, "was", plan_status_name(it->status));
  h_lit(b, "<div class=\"field\">");
  h_open(b, "label", "for", sid, NULL);
  h_lit(b, "Tình trạng</label>");
  h_open(b, "select", "id", sid, "name", "status", "aria-invalid", !strcmp(fld, "status") ? "true" : NULL, NULL);
  for (int s = PLAN_NOT_STARTED; s <= PLAN_DONE; s++)
    h_option(b, plan_status_name((plan_status)s), status_label((plan_status)s), !strcmp(st, plan_status_name((plan_status)s)));
  h_lit(b, "</select></div><div class=\"field grow\">");
  h_open(b, "label", "for", nid, NULL);
  h_lit(b, "Ghi chú tiến độ</label>");
  h_open(b, "textarea", "id", nid, "name", "note", "rows", "2", "maxlength", "4000", "aria-invalid",
         !strcmp(fld, "note") ? "true" : NULL, NULL);
  h_text(b, mine && fl->note ? fl->note : "");
  h_lit(b, "</textarea></div><div class=\"field\">");
  h_open(b, "label", "for", eid, NULL);
  h_lit(b, "Minh chứng</label>");
  h_open(b, "input", "id", eid, "name", "evidence", "type", "text", "value", mine && fl->evidence ? fl->evidence : "",
         "placeholder", "documents:12 hoặc https://…", "aria-describedby", c_printf(c, "%s-h", eid), "aria-invalid",
         !strcmp(fld, "evidence") ? "true" : NULL, NULL);
  h_open(b, "p", "class", "hint", "id", c_printf(c, "%s-h", eid), NULL);
  h_lit(b, "Bản ghi của sổ theo dõi (SỔ:SỐ, ví dụ dialogues:123) hoặc địa chỉ http(s).</p></div>");
  if (err) {
    h_open(b, "p", "class", "err", "id", errid, "role", "alert", NULL);
    h_text(b, err);
    h_close(b, "p");
  }
  h_lit(b, "<p class=\"buttons\"><button type=\"submit\" class=\"primary\">Lưu tiến độ</button></p></form></details>");
}

static void plan_item_block(ctx *c, const plan_view *v, const plan_block *bl, int k, const char *done,
                            const item_flash *fl) {
  buf *b = &c->out;
  const plan_item *it = &bl->item;
  const plan_link *l = link_for(v, it->number);
  int may = v->may_plan || may_update(c, v->d.unit, it->lead);
  const char *cls = it->overdue ? "plan-item late" : it->status == PLAN_DONE ? "plan-item done" : "plan-item";
  h_open(b, "div", "class", cls, "id", item_anchor(c, it->number), "data-item", it->number, NULL);
  h_lit(b, "<div class=\"item-body\">");
  paragraphs(b, bl->text, printed_number(c, it->number));
  h_lit(b, "</div>");
  if (done && !strcmp(done, it->number)) {
    h_lit(b, "<p class=\"ok\" role=\"status\">");
    h_text(b, arg(c, "acked") ? c_printf(c, "Đã ghi nhận: đơn vị đã xem nội dung mới của mục %s.", it->number)
                              : c_printf(c, "Đã cập nhật tiến độ mục %s.", it->number));
    h_lit(b, "</p>");
  }
  h_lit(b, "<dl class=\"item-meta\"><div><dt>Tình trạng</dt><dd class=\"item-status\">");
  status_badge(c, it->status, it->overdue);
  h_lit(b, "</dd></div>");
  const char *due = due_text(c, &it->due);
  if (due) {
    h_lit(b, "<div><dt>Thời hạn</dt><dd>");
    h_text(b, due);
    if (it->deadline && it->due.kind != PLAN_DUE_DATE && it->due.kind != PLAN_DUE_MONTHLY &&
        it->due.kind != PLAN_DUE_QUARTERLY) {
      h_lit(b, " <span class=\"hint\">(đến ");
      h_date(b, it->deadline);
      h_lit(b, ")</span>");
    }
    h_lit(b, "</dd></div>");
  }
  if (it->lead[0]) {
    h_lit(b, "<div><dt>Chủ trì</dt><dd>");
    h_text(b, unit_name_of(c, it->lead));
    h_lit(b, "</dd></div>");
  }
  if (it->npartners) {
    h_lit(b, "<div><dt>Phối hợp</dt><dd>");
    for (int i = 0; i < it->npartners; i++) {
      if (i) h_lit(b, "; ");
      h_text(b, unit_name_of(c, it->partners[i]));
    }
    h_lit(b, "</dd></div>");
  }
  if (it->source_plan[0]) {
    const char *su = l && l->source_unit[0] ? l->source_unit : NULL;
    h_lit(b, "<div><dt>Nguồn</dt><dd class=\"item-source\">");
    h_link(b, item_url(c, it->source_plan, su, it->source_number),
           c_printf(c, "Thực hiện mục %s của Kế hoạch %s", it->source_number, it->source_plan));
    h_lit(b, "</dd></div>");
  }
  if (l && l->ntakers) {
    h_lit(b, "<div><dt>Cấp dưới thực hiện</dt><dd>");
    h_link(b, c_printf(c, "%s#%s", c_url(c, "/plans/cascade", "plan", v->d.symbol, "unit", v->d.unit, NULL),
                       item_anchor(c, it->number)),
           c_printf(c, "%d đơn vị", l->ntakers));
    h_lit(b, "</dd></div>");
  }
  h_lit(b, "</dl>");
  if (l && l->source_plan[0] && l->source_changed) source_changed_box(c, v, it, l, may, fl);
  item_targets(c, v, it->number);
  item_notes(c, v, it->number);
  if (may) progress_form(c, v, it, k, fl);
  h_lit(b, "</div>");
}

static void doc_foot(ctx *c, const plan_view *v) {
  buf *b = &c->out;
  int signer = v->d.signer[0] || v->d.signer[1] || v->d.signer[2];
  if (!signer && !v->d.nrecipients) return;
  h_lit(b, "<footer class=\"doc-foot\"><div class=\"recipients\">");
  if (v->d.nrecipients) {
    h_lit(b, "<p class=\"label\">Nơi nhận:</p><ul>");
    for (int i = 0; i < v->d.nrecipients; i++) {
      const char *r = v->d.recipients[i];
      size_t n = strlen(r);
      int punct = n && strchr(",.;:", r[n - 1]);
      h_lit(b, "<li>");
      h_text(b, r);
      if (punct) h_lit(b, "</li>");
      else if (i + 1 < v->d.nrecipients) h_lit(b, ",</li>");
      else h_lit(b, ".</li>");
    }
    h_lit(b, "</ul>");
  }
  h_lit(b, "</div><div class=\"signer\">");
  if (signer) {
    for (int i = 0; i < 2; i++)
      if (v->d.signer[i] && *v->d.signer[i]) {
        h_lit(b, "<p class=\"up strong\">");
        h_text(b, v->d.signer[i]);
        h_lit(b, "</p>");
      }
    h_lit(b, "<p class=\"sign-space\" aria-hidden=\"true\"></p>");
    if (v->d.signer[2]) {
      h_lit(b, "<p class=\"strong\">");
      h_text(b, v->d.signer[2]);
      h_lit(b, "</p>");
    }
  }
  h_lit(b, "</div></footer>");
}

static void plan_view_release(plan_view *v) {
  plan_doc_release(&v->d);
  free(v->info.title);
  if (v->have_cas) plan_cascade_release(&v->cas);
  target_results_free(v->targets, v->ntargets);
}

/* several units issued a plan with this symbol: choose one */
static void choose_plan(ctx *c, const char *symbol) {
  buf *b = &c->out;
  plan_info *rows = NULL;
  int n = 0, shown = 0;
  dv_err e = {0};
  app_plan_list(c->a, &c->u, &rows, &n, &e);
  page_begin(c, c_printf(c, "Kế hoạch %s", symbol));
  h_lit(b, "<p class=\"crumbs-inline\"><a href=\"/plans\">← Kế hoạch</a></p><h1>");
  h_text(b, c_printf(c, "Có nhiều kế hoạch số %s", symbol));
  h_lit(b, "</h1><p>Chọn đơn vị ban hành:</p><ul class=\"links\">");
  for (int i = 0; i < n; i++) {
    if (strcmp(rows[i].symbol, symbol)) continue;
    h_lit(b, "<li>");
    h_link(b, view_url(c, rows[i].symbol, rows[i].unit), c_printf(c, "%s — %s", rows[i].symbol, rows[i].unit_name));
    h_lit(b, "</li>");
    shown++;
  }
  h_lit(b, "</ul>");
  if (!shown) h_lit(b, "<p class=\"notice\">Không có kế hoạch nào số này trong phạm vi của bạn.</p>");
  plan_infos_free(rows, n);
  page_end(c);
  page_send(c);
}

/* loads the plan, its cascade and targets; on failure the error page is the reply */
static int plan_view_load(ctx *c, const char *symbol, const char *unit, plan_view *v, int need_targets) {
  memset(v, 0, sizeof *v);
  dv_err e = {0};
  int rc = symbol ? app_plan_get(c->a, &c->u, symbol, unit, &v->d, &v->info, &e)
                  : dv_fail(&e, DV_EINVAL, 0, "plan", "Thiếu số, ký hiệu kế hoạch (tham số plan).");
  if (rc) {
    plan_doc_release(&v->d);
    if (rc == DV_EINVAL && symbol && !unit && !strcmp(e.field, "unit")) choose_plan(c, symbol);
    else reply_html_error(c, http_status_of(rc), rc == DV_ENOTFOUND ? "Không tìm thấy" : rc == DV_EFORBIDDEN
                                                     ? "Không có quyền truy cập" : "Yêu cầu không hợp lệ", e.msg);
    return -1;
  }
  if (app_plan_cascade(c->a, &c->u, v->d.symbol, v->d.unit, &v->cas, &e) == 0) v->have_cas = 1;
  else plan_cascade_release(&v->cas);
  if (need_targets && app_plan_targets(c->a, &c->u, v->d.symbol, v->d.unit, &v->targets, &v->ntargets, &e)) {
    target_results_free(v->targets, v->ntargets);
    v->targets = NULL, v->ntargets = 0;
  }
  v->may_plan = may_update(c, v->d.unit, NULL);
  return 0;
}

static void plan_view_page(ctx *c, const char *symbol, const char *unit, const item_flash *fl) {
  buf *b = &c->out;
  plan_view v;
  int status = c->status;
  buf_reset(b);
  if (plan_view_load(c, symbol, unit, &v, 1)) return;
  c->status = status;
  page_begin(c, c_printf(c, "Kế hoạch %s", v.d.symbol));
  h_lit(b, "<nav class=\"doc-actions\" aria-label=\"Kế hoạch\"><ul class=\"actions\"><li><a href=\"/plans\">"
           "← Danh sách kế hoạch</a></li>");
  if (v.d.basis[0]) {
    h_lit(b, "<li>Căn cứ: ");
    h_link(b, view_url(c, v.d.basis, v.info.basis_unit), c_printf(c, "Kế hoạch %s", v.d.basis));
    h_lit(b, "</li>");
  }
  h_lit(b, "<li>");
  h_link(b, c_url(c, "/plans/cascade", "plan", v.d.symbol, "unit", v.d.unit, NULL), "Cấp dưới thực hiện");
  h_lit(b, "</li><li>");
  h_link(b, c_url(c, "/plans/export", "plan", v.d.symbol, "unit", v.d.unit, NULL), "Tải tệp kế hoạch (.plan)");
  h_lit(b, "</li><li>Tải văn bản ");
  h_link(b, c_url(c, "/documents/plan.docx", "plan", v.d.symbol, NULL), "DOCX");
  h_lit(b, " / ");
  h_link(b, c_url(c, "/documents/plan.pdf", "plan", v.d.symbol, NULL), "PDF");
  h_lit(b, "</li></ul></nav>");
  /* the state at a glance */
  int met = 0, outdated = 0;
  for (int i = 0; i < v.ntargets; i++) met += v.targets[i].state != TARGET_NOT_YET;
  for (int i = 0; v.have_cas && i < v.cas.nitems; i++)
    outdated += v.cas.items[i].source_plan[0] && v.cas.items[i].source_changed;
  h_lit(b, "<ul class=\"plan-stats\" aria-label=\"Tình hình thực hiện\"><li><strong>");
  h_int(b, v.info.done);
  h_lit(b, "/");
  h_int(b, v.info.items);
  h_lit(b, "</strong> nhiệm vụ hoàn thành</li><li>");
  if (v.info.overdue) h_lit(b, "<strong class=\"late-text\">");
  else h_lit(b, "<strong>");
  h_int(b, v.info.overdue);
  h_lit(b, "</strong> nhiệm vụ quá hạn</li>");
  if (v.ntargets) {
    h_lit(b, "<li><strong>");
    h_int(b, met);
    h_lit(b, "/");
    h_int(b, v.ntargets);
    h_lit(b, "</strong> chỉ tiêu đạt</li>");
  }
  if (outdated) {
    h_lit(b, "<li><strong class=\"late-text\">");
    h_int(b, outdated);
    h_lit(b, "</strong> mục cấp trên đã sửa nội dung</li>");
  }
  h_lit(b, "</ul>");
  if (arg(c, "imported")) {
    h_lit(b, "<p class=\"ok\" role=\"status\">");
    h_text(b, c_printf(c, "Đã nhập kế hoạch %s.", v.d.symbol));
    h_lit(b, "</p>");
  }
  if (fl && fl->err) {
    /* also under the item's form, when the page shows one */
    h_lit(b, "<div class=\"alert\" role=\"alert\" id=\"errors\" tabindex=\"-1\"><p>");
    h_text(b, c_printf(c, "Không cập nhật được mục %s: %s", fl->item, fl->err));
    h_lit(b, " ");
    h_link(b, c_printf(c, "#%s", item_anchor(c, fl->item)), "Đến mục này");
    h_lit(b, "</p></div>");
  }
  h_lit(b, "<article class=\"plan-doc\">");
  doc_head(c, &v);
  if (v.d.preamble && *v.d.preamble) {
    h_lit(b, "<div class=\"doc-text preamble\">");
    paragraphs(b, v.d.preamble, NULL);
    h_lit(b, "</div>");
  }
  const char *done = arg(c, "done");
  for (int k = 0; k < v.d.nblocks; k++) {
    const plan_block *bl = &v.d.blocks[k];
    if (bl->kind == PLAN_SECTION) {
      h_lit(b, "<h2 class=\"doc-sec\">");
      h_text(b, bl->title);
      h_lit(b, "</h2>");
    } else if (bl->kind == PLAN_HEADING) {
      h_lit(b, "<h3 class=\"doc-heading\">");
      h_text(b, bl->title);
      h_lit(b, "</h3>");
    } else {
      plan_item_block(c, &v, bl, k, done, fl);
      continue;
    }
    if (bl->text && *bl->text) {
      h_lit(b, "<div class=\"doc-text\">");
      paragraphs(b, bl->text, NULL);
      h_lit(b, "</div>");
    }
  }
  doc_foot(c, &v);
  h_lit(b, "</article>");
  plan_view_release(&v);
  page_end(c);
  page_send(c);
}

void page_plan_view(ctx *c) {
  plan_view_page(c, plan_param(c, "plan", PLAN_SYMBOL_MAX), plan_param(c, "unit", PLAN_CODE_MAX), NULL);
}

/* --- POST /plans/item -------------------------------------------------------------------------- */

void page_plan_item_post(ctx *c) {
  const char *symbol = plan_param(c, "plan", PLAN_SYMBOL_MAX), *unit = plan_param(c, "unit", PLAN_CODE_MAX);
  const char *item = field(c, "item"), *status = field(c, "status"), *was = field(c, "was");
  const char *note = field(c, "note"), *evidence = field(c, "evidence");
  int ack = field(c, "ack") && !strcmp(field(c, "ack"), "1");
  if (!item || !*item || strlen(item) >= PLAN_NUMBER_MAX) {
    reply_html_error(c, 400, "Yêu cầu không hợp lệ", "Thiếu số mục cần cập nhật.");
    return;
  }
  /* a status left as it was is no change: only the note and evidence are */
  if (ack || (status && was && !strcmp(status, was))) status = NULL;
  if (status && !*status) status = NULL;
  char *n = NULL, *ev = NULL;
  if (!ack && note) {
    /* trailing blanks and a textarea's CRLF line ends are not part of the note */
    n = c_strdup(c, note);
    char *w = n;
    for (const char *r = n; *r; r++)
      if (*r != '\r') *w++ = *r;
    *w = 0;
    while (w > n && (w[-1] == ' ' || w[-1] == '\n' || w[-1] == '\t')) *--w = 0;
  }
  if (!ack && evidence) {
    ev = c_strdup(c, evidence);
    char *s = ev;
    while (*s == ' ' || *s == '\t') s++;
    ev = s;
    size_t len = strlen(ev);
    while (len && (ev[len - 1] == ' ' || ev[len - 1] == '\t')) ev[--len] = 0;
  }
  dv_err e = {0};
  int rc = app_plan_item_update(c->a, &c->u, symbol, unit, item, status, n && *n ? n : NULL, ev && *ev ? ev : NULL,
                                ack, &e);
  if (rc == 0) {
    reply_redirect(c, c_printf(c, "%s#%s", c_url(c, "/plans/view", "plan", symbol, "unit", unit, "done", item, "acked",
                                                 ack ? "1" : NULL, NULL),
                               item_anchor(c, item)));
    return;
  }
  if (rc == DV_EINVAL && !strcmp(e.field, "") && !ack)
    snprintf(e.msg, sizeof e.msg, "Không có gì để cập nhật: đổi tình trạng, hoặc ghi chú tiến độ, hoặc thêm minh chứng.");
  item_flash fl = {item, e.msg, e.field, status ? status : was, note, evidence, ack};
  c->status = http_status_of(rc);
  plan_view_page(c, symbol, unit, &fl);
}

/* --- GET /plans/cascade ------------------------------------------------------------------------ */

typedef struct lower_plan {
  const char *symbol, *unit, *unit_name;
  int taken, done, overdue, outdated;
} lower_plan;

void page_plan_cascade(ctx *c) {
  buf *b = &c->out;
  const char *symbol = plan_param(c, "plan", PLAN_SYMBOL_MAX), *unit = plan_param(c, "unit", PLAN_CODE_MAX);
  plan_view v;
  if (plan_view_load(c, symbol, unit, &v, 0)) return;
  if (!v.have_cas) {
    plan_view_release(&v);
    reply_html_error(c, 500, "Lỗi máy chủ", "Không đọc được tình hình thực hiện của kế hoạch.");
    return;
  }
  /* the lower plans: those implementing this one, and any that took an item up */
  plan_info *all = NULL;
  int nall = 0, nl = 0;
  dv_err e = {0};
  app_plan_list(c->a, &c->u, &all, &nall, &e);
  int cap = nall + 1;
  for (int i = 0; i < v.cas.nitems; i++) cap += v.cas.items[i].ntakers;
  lower_plan *low = c_alloc(c, sizeof(lower_plan) * (size_t)cap);
  for (int i = 0; i < nall; i++)
    if (!strcmp(all[i].basis, v.d.symbol) && !strcmp(all[i].basis_unit, v.d.unit))
      low[nl++] = (lower_plan){c_strdup(c, all[i].symbol), c_strdup(c, all[i].unit), c_strdup(c, all[i].unit_name), 0, 0, 0, 0};
  for (int i = 0; i < v.cas.nitems; i++)
    for (int k = 0; k < v.cas.items[i].ntakers; k++) {
      const plan_taker *t = &v.cas.items[i].takers[k];
      int j = 0;
      while (j < nl && !(!strcmp(low[j].symbol, t->plan) && !strcmp(low[j].unit, t->unit))) j++;
      if (j == nl) low[nl++] = (lower_plan){c_strdup(c, t->plan), c_strdup(c, t->unit), c_strdup(c, t->unit_name), 0, 0, 0, 0};
      low[j].taken++;
      low[j].done += t->status == PLAN_DONE;
      low[j].overdue += t->overdue;
      low[j].outdated += t->outdated;
    }
  page_begin(c, c_printf(c, "Cấp dưới thực hiện Kế hoạch %s", v.d.symbol));
  h_lit(b, "<nav class=\"doc-actions\" aria-label=\"Kế hoạch\"><ul class=\"actions\"><li>");
  h_link(b, view_url(c, v.d.symbol, v.d.unit), c_printf(c, "← Kế hoạch %s", v.d.symbol));
  h_lit(b, "</li>");
  if (v.d.basis[0]) {
    h_lit(b, "<li>");
    h_link(b, c_url(c, "/plans/cascade", "plan", v.d.basis, "unit", v.info.basis_unit, NULL),
           c_printf(c, "Kế hoạch cấp trên %s", v.d.basis));
    h_lit(b, "</li>");
  }
  h_lit(b, "</ul></nav><header class=\"annex-head\"><p class=\"kicker\">");
  h_text(b, c_printf(c, "%s · Kế hoạch %s", v.info.unit_name, v.d.symbol));
  h_lit(b, "</p><h1>Cấp dưới thực hiện kế hoạch</h1></header><p class=\"sub\">");
  h_text(b, v.d.title ? v.d.title : "");
  h_lit(b, "</p>");

  /* per lower plan */
  h_lit(b, "<section aria-labelledby=\"low-h\"><h2 id=\"low-h\">Kế hoạch cấp dưới</h2>");
  if (!nl) {
    h_lit(b, "<p class=\"notice\">Chưa có kế hoạch cấp dưới nào (trong phạm vi của bạn) thực hiện kế hoạch này.</p>");
  } else {
    h_lit(b, "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"low-h\" tabindex=\"0\">"
             "<table class=\"list records lower\"><thead><tr><th scope=\"col\">Đơn vị</th><th scope=\"col\">Kế hoạch"
             "</th><th scope=\"col\" class=\"num\">Mục đã nhận</th><th scope=\"col\" class=\"num\">Hoàn thành</th>"
             "<th scope=\"col\" class=\"num\">Quá hạn</th><th scope=\"col\" class=\"num\">Chưa cập nhật nội dung mới"
             "</th></tr></thead><tbody>");
    for (int j = 0; j < nl; j++) {
      h_lit(b, "<tr><th scope=\"row\">");
      h_text(b, low[j].unit_name);
      h_lit(b, "</th><td data-label=\"Kế hoạch\">");
      h_link(b, view_url(c, low[j].symbol, low[j].unit), low[j].symbol);
      h_lit(b, "</td><td class=\"num\" data-label=\"Mục đã nhận\">");
      h_int(b, low[j].taken);
      h_lit(b, "/");
      h_int(b, v.cas.nitems);
      h_lit(b, "</td><td class=\"num\" data-label=\"Hoàn thành\">");
      h_int(b, low[j].done);
      h_lit(b, "</td><td class=\"num\" data-label=\"Quá hạn\">");
      h_int(b, low[j].overdue);
      h_lit(b, "</td><td class=\"num\" data-label=\"Chưa cập nhật nội dung mới\">");
      h_int(b, low[j].outdated);
      h_lit(b, "</td></tr>");
    }
    h_lit(b, "</tbody></table></div>");
  }
  /* the children in the user's scope with no plan implementing this one */
  const tree *t = app_read_begin(c->a);
  int p = unit_pos_of(c, v.d.unit), missing = 0;
  for (int ch = p >= 0 ? p + 1 : 0; p >= 0 && ch < t->u[p].end; ch = t->u[ch].end) {
    if (!app_can_read(c->a, &c->u, ch)) continue;
    int has = 0;
    for (int j = 0; j < nl && !has; j++) {
      int q = unit_pos_of(c, low[j].unit);
      has = q >= 0 && tree_in_subtree(t, ch, q);
    }
    if (has) continue;
    if (!missing++) h_lit(b, "<details class=\"no-plan\"><summary>Đơn vị trực thuộc chưa có kế hoạch thực hiện"
                             "</summary><ul class=\"columns\">");
    h_lit(b, "<li>");
    h_text(b, t->u[ch].name);
    h_lit(b, "</li>");
  }
  app_read_end(c->a);
  if (missing) {
    h_lit(b, "</ul></details><p class=\"hint\">");
    h_int(b, missing);
    h_lit(b, " đơn vị trực thuộc chưa có kế hoạch thực hiện kế hoạch này.</p>");
  }
  h_lit(b, "</section>");

  /* item by item */
  h_lit(b, "<section aria-labelledby=\"items-h\"><h2 id=\"items-h\">Theo từng mục</h2>"
           "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"items-h\" tabindex=\"0\">"
           "<table class=\"list records cascade\"><thead><tr><th scope=\"col\">Mục</th><th scope=\"col\">Nội dung"
           "</th><th scope=\"col\">Tình trạng</th><th scope=\"col\">Đơn vị đã nhận</th><th scope=\"col\">Chưa nhận"
           "</th></tr></thead><tbody>");
  for (int i = 0; i < v.cas.nitems; i++) {
    const plan_link *l = &v.cas.items[i];
    h_open(b, "tr", "id", item_anchor(c, l->number), "class", l->overdue ? "late" : NULL, NULL);
    h_lit(b, "<th scope=\"row\">");
    h_link(b, item_url(c, v.d.symbol, v.d.unit, l->number), l->number);
    h_lit(b, "</th><td data-label=\"Nội dung\">");
    h_text(b, c_excerpt(c, l->text ? l->text : "", EXCERPT_MAX));
    h_lit(b, "</td><td data-label=\"Tình trạng\">");
    status_badge(c, l->status, l->overdue);
    h_lit(b, "</td><td data-label=\"Đơn vị đã nhận\"><ul class=\"takers\">");
    for (int k = 0; k < l->ntakers; k++) {
      const plan_taker *tk = &l->takers[k];
      h_lit(b, "<li>");
      h_text(b, tk->unit_name);
      h_lit(b, ": ");
      h_link(b, item_url(c, tk->plan, tk->unit, tk->number), c_printf(c, "mục %s của %s", tk->number, tk->plan));
      h_lit(b, " ");
      status_badge(c, tk->status, tk->overdue);
      if (tk->outdated) h_lit(b, " <span class=\"badge outdated\">Chưa xem nội dung mới</span>");
      h_lit(b, "</li>");
    }
    h_lit(b, "</ul></td><td data-label=\"Chưa nhận\">");
    int first = 1;
    for (int j = 0; j < nl; j++) {
      int took = 0;
      for (int k = 0; k < l->ntakers && !took; k++)
        took = !strcmp(l->takers[k].plan, low[j].symbol) && !strcmp(l->takers[k].unit, low[j].unit);
      if (took) continue;
      if (!first) h_lit(b, "; ");
      first = 0;
      h_open(b, "span", "class", "not-taken", NULL);
      h_text(b, c_printf(c, "%s (%s)", low[j].unit_name, low[j].symbol));
      h_close(b, "span");
    }
    h_lit(b, "</td></tr>");
  }
  h_lit(b, "</tbody></table></div><p class=\"hint\">Chưa xem nội dung mới: cấp trên đã sửa nội dung mục sau khi "
           "đơn vị cấp dưới nhận thực hiện, và đơn vị chưa xác nhận đã xem.</p></section>");
  plan_infos_free(all, nall);
  plan_view_release(&v);
  page_end(c);
  page_send(c);
}

/* --- GET/POST /plans/import -------------------------------------------------------------------- */

/* the last component of an uploaded file's name ("C:\fakepath\a.plan" -> "a.plan") */
static const char *base_name(const char *s) {
  const char *p = s;
  for (const char *q = s; *q; q++)
    if (*q == '/' || *q == '\\') p = q + 1;
  return p;
}

/* line n (1-based) of text[0..len), NULL if there is none */
static const char *line_of(ctx *c, const char *text, size_t len, int n) {
  const char *s = text, *end = text + len;
  for (int i = 1; i < n && s < end; i++) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    if (!nl) return NULL;
    s = nl + 1;
  }
  if (s >= end) return NULL;
  const char *nl = memchr(s, '\n', (size_t)(end - s));
  size_t k = nl ? (size_t)(nl - s) : (size_t)(end - s);
  if (k && s[k - 1] == '\r') k--;
  if (k > 300) k = 300;
  while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80 && s + k < end) k--;
  char *o = c_alloc(c, k + 1);
  memcpy(o, s, k);
  return o;
}

static void import_page(ctx *c, const char *err, const char *bad_line, int replace) {
  buf *b = &c->out;
  buf_reset(b);
  page_begin(c, "Nhập kế hoạch");
  h_lit(b, "<p class=\"crumbs-inline\"><a href=\"/plans\">← Kế hoạch</a></p><h1>Nhập kế hoạch từ tệp</h1>");
  if (err) {
    h_lit(b, "<div class=\"alert\" role=\"alert\" id=\"errors\" tabindex=\"-1\"><p><strong>Không nhập được kế hoạch."
             "</strong> ");
    h_text(b, err);
    h_lit(b, "</p>");
    if (bad_line) {
      h_lit(b, "<pre class=\"bad-line\">");
      h_text(b, bad_line);
      h_lit(b, "</pre>");
    }
    h_lit(b, "</div>");
  }
  h_lit(b, "<p>Tệp văn bản UTF-8 (<code>.plan</code>), mỗi dòng một chỉ dẫn: <code>plan</code>, <code>unit</code>, "
           "<code>date</code>, <code>year</code>, <code>title</code>, rồi các <code>section</code>, "
           "<code>heading</code>, <code>item</code> với nội dung ở các dòng bắt đầu bằng <code>| </code> và "
           "<code>lead</code>, <code>partners</code>, <code>due</code>, <code>source</code>, <code>status</code>, "
           "<code>target</code>. Nhập theo nguyên tắc <strong>tất cả hoặc không</strong>: một dòng sai thì không "
           "ghi gì, và thông báo chỉ rõ dòng cần sửa. Tệp mẫu: tải tệp của một kế hoạch có sẵn ở trang kế hoạch.</p>");
  if (c->u.role >= ROLE_OFFICER) {
    h_lit(b, "<form method=\"post\" action=\"/plans/import\" enctype=\"multipart/form-data\" class=\"stack upload\">");
    h_csrf(c);
    h_lit(b, "<div class=\"field\"><label for=\"f-file\">Tệp kế hoạch</label>");
    h_open(b, "input", "type", "file", "id", "f-file", "name", "file", "required", "", "accept", ".plan,.txt,text/plain",
           "aria-describedby", "h-file", NULL);
    h_lit(b, "<p class=\"hint\" id=\"h-file\">Tối đa 1 MiB.</p></div><div class=\"check\">");
    h_open(b, "input", "type", "checkbox", "id", "f-replace", "name", "replace", "value", "1", "checked",
           replace ? "" : NULL, NULL);
    h_lit(b, "<label for=\"f-replace\">Thay thế kế hoạch cùng số, ký hiệu của đơn vị (giữ liên kết với kế hoạch "
             "cấp dưới và các ghi chú tiến độ)</label></div><p class=\"buttons\"><button type=\"submit\" "
             "class=\"primary\">Nhập</button></p></form>");
  } else {
    h_lit(b, "<p class=\"notice\">Bạn chỉ có quyền xem, không nhập được kế hoạch.</p>");
  }
  page_end(c);
  page_send(c);
}

void page_plan_import(ctx *c) { import_page(c, NULL, NULL, 0); }

void page_plan_import_post(ctx *c) {
  int replace = field(c, "replace") != NULL;
  if (c->u.role < ROLE_OFFICER) {
    reply_html_error(c, 403, "Không có quyền truy cập", "Bạn chỉ có quyền xem, không nhập được kế hoạch.");
    return;
  }
  if (!c->upload_name || !*base_name(c->upload_name) || c->upload_extra) {
    import_page(c, c->upload_extra ? "Mỗi lần chỉ nhập một tệp." : "Chọn tệp kế hoạch để nhập.", NULL, replace);
    c->status = 422;
    return;
  }
  const char *name = base_name(c->upload_name);
  const char *text = c->upload.s ? c->upload.s : "";
  size_t len = c->upload.len;
  dv_err e = {0};
  int rc = app_plan_import(c->a, &c->u, name, text, len, replace, &e);
  if (rc) {
    import_page(c, e.msg[0] ? e.msg : "Không nhập được tệp.", e.line > 0 ? line_of(c, text, len, e.line) : NULL,
                replace);
    c->status = rc == DV_EFORBIDDEN ? 403 : 422;
    return;
  }
  /* the plan just written: its symbol and unit, from the file */
  plan_doc d;
  plan_error pe;
  const char *url = "/plans";
  if (plan_parse(&d, text, len, &pe) == 0)
    url = c_url(c, "/plans/view", "plan", d.symbol, "unit", d.unit, "imported", "1", NULL);
  plan_doc_release(&d);
  reply_redirect(c, url);
}

/* --- GET /plans/export ---------------------------------------------------------------------------- */

void page_plan_export(ctx *c) {
  const char *symbol = plan_param(c, "plan", PLAN_SYMBOL_MAX), *unit = plan_param(c, "unit", PLAN_CODE_MAX);
  buf out;
  buf_init(&out, 0);
  dv_err e = {0};
  int rc = symbol ? app_plan_export(c->a, &c->u, symbol, unit, &out, &e)
                  : dv_fail(&e, DV_EINVAL, 0, "plan", "Thiếu số, ký hiệu kế hoạch (tham số plan).");
  if (rc) {
    buf_release(&out);
    reply_html_error(c, http_status_of(rc), rc == DV_ENOTFOUND ? "Không tìm thấy" : rc == DV_EFORBIDDEN
                                                 ? "Không có quyền truy cập" : "Yêu cầu không hợp lệ", e.msg);
    return;
  }
  buf_reset(&c->out);
  buf_add(&c->out, out.s ? out.s : "", out.len);
  buf_release(&out);
  c->status = 200;
  c->ctype = "text/plain; charset=utf-8";
  /* "11-KH/ĐU" -> 11-KH-DU.plan (ASCII) and the exact name in filename* */
  buf fn;
  buf_init(&fn, 0);
  for (const unsigned char *s = (const unsigned char *)symbol; *s; s++) {
    if (s[0] == 0xC4 && (s[1] == 0x90 || s[1] == 0x91)) {
      buf_addc(&fn, s[1] == 0x90 ? 'D' : 'd');
      s++;
    } else if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-' ||
               *s == '.' || *s == '_') {
      buf_addc(&fn, (char)*s);
    } else if (*s < 0x80 || (*s & 0xC0) == 0xC0) {
      buf_addc(&fn, '-');
    }
  }
  buf full;
  buf_init(&full, 0);
  for (const char *s = symbol; *s; s++) {
    char one[2] = {*s == '/' ? '-' : *s, 0};
    esc_url(&full, one);
  }
  c->disposition = c_printf(c, "attachment; filename=\"%s.plan\"; filename*=UTF-8''%s.plan", fn.s ? fn.s : "plan",
                            full.s ? full.s : "plan");
  buf_release(&fn);
  buf_release(&full);
}
