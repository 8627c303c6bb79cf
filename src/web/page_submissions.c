/* The reporting cycle on the web (issue 5): a submission per form x period
 * x unit, sent by the unit's own officers and approvers, approved, returned
 * or reopened by an approver (or admin) of a unit above (app_submission_act).
 *
 *   the "Tình trạng báo cáo" box of the annex page (h_submission_box)
 *   POST /submission   form, period, unit, action (submit|approve|return|
 *                      reopen), comment, ack, csrf -> 303 back to the annex
 *                      with ?done=ACTION; a refused step re-renders the annex
 *                      with the message in the box (400/403/409)
 *   GET  /completeness?form=&period=&unit=   the children's submissions,
 *                      counts per state, and completeness over periods
 *   GET  /api/submission?form=&period=&unit=
 *   POST /api/submission  {"form","period","unit","action","comment","ack"}
 *                      + X-CSRF-Token -> the submission, or {"error","field"}
 *   GET  /api/completeness?form=&period=&unit=  the shape of
 *                      `danvan completeness --format json`
 *   GET  /api/submissions/waiting  what waits for the user's decision
 *                      (docs/contract.md)
 *   the home page's two sections (h_home_reports, h_home_children_reports)
 *
 * Who may take which step is decided by the app; the page only offers the
 * steps the app would accept (the same rule: the unit's own officers submit
 * a draft or returned report, the approvers of the unit it is routed to
 * decide, app_submission_route). Charts are
 * inline SVG drawn here, with their numbers written beside them in text. */
#include "util/esc.h"
#include "export/completeness_out.h"
#include "web/web_int.h"
#include "util/i18n.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const act_names[] = {"submit", "approve", "return", "reopen"};
#define NACTS 4

static int act_parse(const char *s, sub_action *a) {
  for (int i = 0; i < NACTS; i++)
    if (s && !strcmp(s, act_names[i])) {
      *a = (sub_action)i;
      return 0;
    }
  return -1;
}

const char *sub_status_label(const char *s) {
  if (!strcmp(s, "submitted")) return "Đã gửi";
  if (!strcmp(s, "approved")) return "Đã phê duyệt";
  if (!strcmp(s, "returned")) return "Bị trả lại";
  return "Chưa gửi";
}

/* timeliness, in display order */
static const char *const states[] = {"on_time", "late", "missing", "pending"};
#define NSTATES 4

const char *sub_state_label(const char *s) {
  if (!strcmp(s, "on_time")) return "Đúng hạn";
  if (!strcmp(s, "late")) return "Chậm";
  if (!strcmp(s, "missing")) return "Chưa gửi";
  return "Chưa đến hạn";
}

static int state_index(const char *s) {
  for (int i = 0; i < NSTATES; i++)
    if (!strcmp(s, states[i])) return i;
  return NSTATES - 1;
}

static void status_badge(buf *b, const char *status) {
  char cls[48];
  snprintf(cls, sizeof cls, "badge sub-%s", status);
  h_open(b, "span", "class", cls, NULL);
  h_text(b, sub_status_label(status));
  h_close(b, "span");
}

static void state_badge_as(buf *b, const char *state, const char *label) {
  char cls[48];
  snprintf(cls, sizeof cls, "badge st-%s", state);
  h_open(b, "span", "class", cls, NULL);
  h_text(b, label);
  h_close(b, "span");
}

static void state_badge(buf *b, const char *state) { state_badge_as(b, state, sub_state_label(state)); }

/* "2023-06-09T09:00:00Z" -> "09/06/2023 16:00", Vietnam time (UTC+7, no
 * summer time); "" for none */
static const char *when_vn(ctx *c, const char *iso) {
  char s[40];
  time_format_vn(iso, 0, s, sizeof s);
  return c_strdup(c, s);
}

/* the annex page at its submission box */
static const char *box_url(ctx *c, const char *form_code, const char *period_id, const char *unit) {
  return c_printf(c, "%s#submission", c_url(c, "/report", "form", form_code, "period", period_id, "unit", unit, NULL));
}

/* --- one submission and what the user may do with it ---------------------------- */

typedef struct sub_view {
  submission s;
  char unit_name[256];
  int top;                    /* the unit has no unit above to decide */
  submission_route route;     /* where it goes (route.pos -1 when top) */
  int can_submit, can_decide; /* by role and place, whatever the status */
  int acts;                   /* bit per sub_action the user may take now */
  int today;
} sub_view;

static int acts_of(const sub_view *v) {
  const char *st = v->s.status;
  int m = 0;
  if (v->can_submit && (!strcmp(st, "draft") || !strcmp(st, "returned"))) m |= 1 << SUB_SUBMIT;
  if (v->can_decide && !strcmp(st, "submitted")) m |= 1 << SUB_APPROVE | 1 << SUB_RETURN;
  if (v->can_decide && !strcmp(st, "approved")) m |= 1 << SUB_REOPEN;
  return m;
}

static int sub_load(ctx *c, const char *form_code, const char *period_id, const char *unit, sub_view *v, dv_err *e) {
  memset(v, 0, sizeof *v);
  if (!catalog_form(app_catalog(c->a), form_code ? form_code : ""))
    return dv_fail(e, DV_EINVAL, 0, "form", "không có biểu %s", form_code ? form_code : "");
  int rc = app_submission_get(c->a, &c->u, form_code, period_id, unit, &v->s, e);
  if (rc) return rc;
  const tree *t = app_read_begin(c->a);
  int p = app_unit_pos_period(c->a, unit, period_id);
  if (p >= 0) {
    snprintf(v->unit_name, sizeof v->unit_name, "%s", t->u[p].name);
    v->top = t->u[p].parent < 0;
    v->can_submit = app_submission_may(c->a, &c->u, SUB_SUBMIT, p, form_code);
    v->can_decide = app_submission_may(c->a, &c->u, SUB_APPROVE, p, form_code);
    app_submission_route(c->a, p, form_code, &v->route);
  }
  app_read_end(c->a);
  v->acts = acts_of(v);
  v->today = app_today(c->a);
  return 0;
}

/* --- the box on the annex page ----------------------------------------------------- */

static const char *const done_msgs[] = {
    "Đã gửi báo cáo lên cấp trên.",
    "Đã phê duyệt báo cáo. Số liệu và sổ theo dõi của đơn vị cho biểu và kỳ này đã khóa.",
    "Đã trả lại báo cáo cho đơn vị, kèm nhận xét.",
    "Đã mở lại báo cáo (đã ghi nhật ký). Đơn vị có thể sửa số liệu và gửi lại.",
};

static void info_row(buf *b, const char *label) {
  h_lit(b, "<div><dt>");
  h_text(b, label);
  h_lit(b, "</dt><dd>");
}

/* the hidden fields and the comment box of one step's form */
static void step_form_begin(ctx *c, const rtable *t, sub_action act, const char *cls, const char *confirm) {
  buf *b = &c->out;
  h_open(b, "form", "method", "post", "action", "/submission", "class", cls, "data-confirm", confirm, NULL);
  h_csrf(c);
  h_hidden(b, "form", t->form);
  h_hidden(b, "period", t->period);
  h_hidden(b, "unit", t->unit_code);
  h_hidden(b, "action", act_names[act]);
}

static void comment_box(ctx *c, sub_action act, const char *label, int required, const sub_flash *fl) {
  buf *b = &c->out;
  const char *id = c_printf(c, "f-comment-%s", act_names[act]), *eid = c_printf(c, "e-comment-%s", act_names[act]);
  int mine = fl && fl->act == (int)act;
  const char *err = mine && fl->field && !strcmp(fl->field, "comment") ? fl->err : NULL;
  h_open(b, "div", "class", "field", NULL);
  h_open(b, "label", "for", id, NULL);
  h_text(b, label);
  if (required) h_lit(b, " <span class=\"req\">(bắt buộc)</span>");
  h_close(b, "label");
  h_open(b, "textarea", "id", id, "name", "comment", "rows", "3", "maxlength", "1000", "required", required ? "" : NULL,
         "aria-invalid", err ? "true" : NULL, "aria-describedby", err ? eid : NULL, NULL);
  h_text(b, mine && fl->comment ? fl->comment : "");
  h_close(b, "textarea");
  h_error_for(b, eid, err);
  h_close(b, "div");
}

/* the warnings (not the errors: they refuse the submit, submit_refused) */
static void warnings_list(ctx *c, const rtable *t) {
  buf *b = &c->out;
  if (t->warnings_total <= t->errors) return;
  h_lit(b, "<div class=\"notice sub-warnings\"><p><strong>");
  h_int(b, t->warnings_total - t->errors);
  h_lit(b, " cảnh báo</strong> (số liệu vẫn được lưu; số liệu từ sổ theo dõi được dùng):</p><ul>");
  for (int i = t->errors; i < t->nwarnings; i++) h_tag(b, "li", t->warnings[i]);
  if (t->warnings_total > t->nwarnings) {
    h_lit(b, "<li>và ");
    h_int(b, t->warnings_total - t->nwarnings);
    h_lit(b, " cảnh báo khác.</li>");
  }
  h_lit(b, "</ul></div>");
}

/* an annex with errors is not offered for submission: the box says why */
static void submit_refused(ctx *c, const rtable *t) {
  buf *b = &c->out;
  h_lit(b, "<div class=\"sub-step\" id=\"submit-refused\"><h3>Gửi báo cáo</h3><p class=\"alert\"><strong>Chưa gửi "
           "được:</strong> biểu có ");
  h_int(b, t->errors);
  h_lit(b, " lỗi phải sửa trước khi gửi (mục Kiểm tra số liệu dưới biểu)");
  if (t->nwarnings) {
    h_lit(b, ": ");
    h_text(b, t->warnings[0]);
  }
  h_lit(b, "</p><p>");
  h_link(b, c_url(c, "/entry", "form", t->form, "period", t->period, "unit", t->unit_code, NULL),
         "Sửa số liệu ở trang nhập");
  h_lit(b, " hoặc trong sổ theo dõi, rồi gửi lại.</p></div>");
}

static void steps(ctx *c, const rtable *t, const sub_view *v, const sub_flash *fl) {
  buf *b = &c->out;
  if (!v->acts) {
    const char *st = v->s.status, *why = "Không có thao tác nào với báo cáo này lúc này.";
    if (c->u.role == ROLE_VIEWER) why = "Tài khoản của bạn chỉ có quyền xem.";
    else if (v->can_submit && !strcmp(st, "submitted")) why = "Báo cáo đã gửi, đang chờ cấp trên phê duyệt.";
    else if (v->can_submit && !strcmp(st, "approved"))
      why = "Báo cáo đã được phê duyệt. Muốn sửa số liệu, đề nghị cấp trên mở lại báo cáo.";
    else if (v->can_decide) why = "Đơn vị chưa gửi (hoặc chưa gửi lại) báo cáo: chưa có gì để phê duyệt.";
    else if (c->u.role == ROLE_APPROVER && v->route.pos >= 0 && strcmp(c->u.unit_code, v->route.unit_code))
      why = c_printf(c, "Báo cáo của đơn vị này được gửi tới %s (đơn vị gần nhất phía trên có người phê duyệt): "
                        "người phê duyệt ở đó quyết định.", v->route.unit_name);
    else if (strcmp(c->u.unit_code, t->unit_code) && c->u.role < ROLE_APPROVER)
      why = "Chỉ người phê duyệt của đơn vị cấp trên được phê duyệt, trả lại hoặc mở lại báo cáo.";
    h_open(b, "p", "class", "hint", NULL);
    h_text(b, why);
    h_close(b, "p");
    return;
  }
  h_lit(b, "<div class=\"sub-steps\">");
  if ((v->acts & (1 << SUB_SUBMIT)) && t->errors) submit_refused(c, t);
  else if (v->acts & (1 << SUB_SUBMIT)) {
    step_form_begin(c, t, SUB_SUBMIT, "sub-step", NULL);
    h_lit(b, "<h3>Gửi báo cáo</h3>");
    if (v->top) h_lit(b, "<p class=\"hint\">Đơn vị cấp cao nhất: không có cấp trên phê duyệt báo cáo này.</p>");
    if (t->warnings_total > t->errors) {
      int mine = fl && fl->act == SUB_SUBMIT && fl->field && !strcmp(fl->field, "warnings");
      h_lit(b, "<div class=\"check\">");
      h_open(b, "input", "type", "checkbox", "id", "f-ack", "name", "ack", "value", "1", "required", "", "aria-invalid",
             mine ? "true" : NULL, "aria-describedby", mine ? "e-ack" : NULL, NULL);
      h_lit(b, "<label for=\"f-ack\">Tôi đã xem các cảnh báo (số liệu vẫn gửi được)</label></div>");
      h_error_for(b, "e-ack", mine ? fl->err : NULL);
    }
    comment_box(c, SUB_SUBMIT, "Ghi chú gửi kèm (không bắt buộc)", 0, fl);
    h_lit(b, "<p class=\"buttons\"><button type=\"submit\" class=\"primary\">Gửi báo cáo</button></p></form>");
  }
  if (v->acts & (1 << SUB_APPROVE)) {
    step_form_begin(c, t, SUB_APPROVE, "sub-step", NULL);
    h_lit(b, "<h3>Phê duyệt</h3><p class=\"hint\">Phê duyệt sẽ khóa số liệu và sổ theo dõi của đơn vị (và các đơn vị "
             "trực thuộc) cho biểu và kỳ này.</p>");
    comment_box(c, SUB_APPROVE, "Nhận xét (không bắt buộc)", 0, fl);
    h_lit(b, "<p class=\"buttons\"><button type=\"submit\" class=\"primary\">Phê duyệt</button></p></form>");
  }
  if (v->acts & (1 << SUB_RETURN)) {
    step_form_begin(c, t, SUB_RETURN, "sub-step", NULL);
    h_lit(b, "<h3>Trả lại</h3>");
    comment_box(c, SUB_RETURN, "Lý do trả lại, việc đơn vị cần sửa", 1, fl);
    h_lit(b, "<p class=\"buttons\"><button type=\"submit\">Trả lại báo cáo</button></p></form>");
  }
  if (v->acts & (1 << SUB_REOPEN)) {
    step_form_begin(c, t, SUB_REOPEN, "sub-step", "Mở lại báo cáo đã phê duyệt? Số liệu sẽ được mở khóa.");
    h_lit(b, "<h3>Mở lại</h3><p class=\"hint\">Mở lại bỏ khóa số liệu; báo cáo trở về trạng thái “Bị trả lại” để "
             "đơn vị sửa và gửi lại. Việc mở lại được ghi vào nhật ký.</p>");
    comment_box(c, SUB_REOPEN, "Lý do mở lại", 0, fl);
    h_lit(b, "<p class=\"buttons\"><button type=\"submit\">Mở lại báo cáo</button></p></form>");
  }
  h_lit(b, "</div>");
}

/* the approval of a unit above (or of another annex sharing cells) that
 * locks this annex's values for the unit, as the app words it; NULL if none */
static const char *lock_from_elsewhere(ctx *c, const char *form_code, const char *period_id, const char *unit) {
  const form *f = catalog_form(app_catalog(c->a), form_code);
  const char *msg = NULL;
  dv_err e = {0};
  app_read_begin(c->a);
  int pos = app_unit_pos_period(c->a, unit, period_id);
  for (int i = 0; f && pos >= 0 && !msg && i < f->ncols; i++) {
    const form_col *col = &f->cols[i];
    if (col->kind != BIND_DATA && col->kind != BIND_PAIR) continue;
    if (app_value_locked(c->a, col->a.element, period_id, pos, &e) ||
        (col->kind == BIND_PAIR && app_value_locked(c->a, col->b.element, period_id, pos, &e)))
      msg = c_strdup(c, e.msg);
  }
  app_read_end(c->a);
  return msg;
}

/* "Sẽ gửi tới: Huyện Một (người phê duyệt: d1_appr)" */
static void route_row(ctx *c, const sub_view *v) {
  buf *b = &c->out;
  const char *st = v->s.status;
  info_row(b, !strcmp(st, "draft") || !strcmp(st, "returned") ? "Sẽ gửi tới" : "Gửi tới");
  h_open(b, "span", "class", "sub-route", NULL);
  h_text(b, v->route.unit_name);
  h_lit(b, " <span class=\"hint\">(");
  if (v->route.approvers[0]) {
    h_lit(b, "người phê duyệt: ");
    h_text(b, v->route.approvers);
  } else {
    h_lit(b, "chưa có người phê duyệt: quản trị của đơn vị quyết định");
  }
  h_lit(b, ")</span></span></dd></div>");
}

void h_submission_box(ctx *c, const rtable *t, const sub_flash *fl) {
  buf *b = &c->out;
  sub_view v;
  dv_err e = {0};
  h_lit(b, "<section class=\"subbox\" id=\"submission\" aria-labelledby=\"sub-h\">"
           "<h2 id=\"sub-h\">Tình trạng báo cáo</h2>");
  if (sub_load(c, t->form, t->period, t->unit_code, &v, &e)) {
    h_open(b, "p", "class", "alert", NULL);
    h_text(b, e.msg);
    h_lit(b, "</p></section>");
    return;
  }
  sub_action done;
  if (!fl && act_parse(arg(c, "done"), &done) == 0) {
    h_open(b, "p", "class", "ok", "role", "status", NULL);
    h_text(b, done_msgs[done]);
    h_close(b, "p");
  }
  if (fl && fl->err) {
    h_lit(b, "<div class=\"alert\" role=\"alert\" id=\"errors\" tabindex=\"-1\"><p><strong>");
    static const char *const failed[] = {"Chưa gửi được", "Chưa phê duyệt được", "Chưa trả lại được",
                                         "Chưa mở lại được"};
    h_text(b, fl->act >= 0 && fl->act < NACTS ? failed[fl->act] : "Không thực hiện được");
    h_lit(b, ":</strong> ");
    h_text(b, fl->err);
    h_lit(b, "</p></div>");
  }
  const submission *s = &v.s;
  const char *state = submission_state(s, v.today);
  h_lit(b, "<dl class=\"subinfo\">");
  info_row(b, "Trạng thái");
  status_badge(b, s->status);
  if (!strcmp(s->status, "approved")) h_lit(b, " <span class=\"badge locked\">Đã khóa</span>");
  h_lit(b, "</dd></div>");
  info_row(b, "Hạn gửi");
  h_date(b, s->due_day);
  h_lit(b, " ");
  state_badge(b, state);
  h_lit(b, "</dd></div>");
  if (s->submitted_at[0]) {
    info_row(b, "Gửi lúc");
    h_text(b, when_vn(c, s->submitted_at));
    h_lit(b, " · ");
    h_text(b, s->submitted_by);
    h_lit(b, "</dd></div>");
  }
  if (s->decided_at[0]) {
    info_row(b, !strcmp(s->status, "approved") ? "Phê duyệt lúc" : !strcmp(s->status, "returned") ? "Trả lại lúc"
                                                                                                    : "Quyết định lúc");
    h_text(b, when_vn(c, s->decided_at));
    h_lit(b, " · ");
    h_text(b, s->decided_by);
    h_lit(b, "</dd></div>");
  }
  if (v.route.pos >= 0) route_row(c, &v);
  if (s->comment[0]) {
    info_row(b, "Nhận xét");
    h_open(b, "span", "class", "sub-comment", NULL);
    h_text(b, s->comment);
    h_lit(b, "</span></dd></div>");
  }
  h_lit(b, "</dl>");
  const char *other = NULL;
  if (!strcmp(s->status, "approved"))
    h_lit(b, "<p class=\"notice locked-line\"><strong>Đã khóa.</strong> Số liệu nhập tay và các bản ghi sổ theo dõi "
             "được tính vào biểu này của đơn vị (và các đơn vị trực thuộc) trong kỳ không sửa được cho đến khi cấp "
             "trên mở lại báo cáo.</p>");
  else if ((other = lock_from_elsewhere(c, t->form, t->period, t->unit_code))) {
    h_lit(b, "<p class=\"notice locked-line\"><strong>Đã khóa từ nơi khác:</strong> ");
    h_text(b, other);
    h_lit(b, ". Số liệu của đơn vị trong kỳ không sửa được cho đến khi báo cáo đó được mở lại.</p>");
  }
  warnings_list(c, t);
  steps(c, t, &v, fl);
  h_lit(b, "</section>");
}

/* the app's refusal, with a refusal for the wrong status put in words */
static const char *explain(ctx *c, sub_action act, const dv_err *e, const char *form_code, const char *period_id,
                           const char *unit) {
  static const char *const verbs[] = {"gửi", "phê duyệt", "trả lại", "mở lại"};
  submission s;
  dv_err e2 = {0};
  if (strcmp(e->field, "status") || app_submission_get(c->a, &c->u, form_code, period_id, unit, &s, &e2))
    return c_strdup(c, e->msg);
  return c_printf(c, "Không thể %s báo cáo đang ở trạng thái “%s”.", verbs[act], sub_status_label(s.status));
}

/* POST /submission */
void page_submission_post(ctx *c) {
  const char *form_code = field(c, "form"), *action = field(c, "action"), *comment = field(c, "comment");
  const char *ack = field(c, "ack"), *unit = field(c, "unit"), *pv = field(c, "period");
  sub_action act;
  period p;
  const char *period_id = pv && *pv ? period_arg(c, &p) : NULL; /* no default period here */
  if (act_parse(action, &act) || !form_code || !catalog_form(app_catalog(c->a), form_code) || !period_id || !unit ||
      !*unit) {
    reply_html_error(c, 400, "Yêu cầu không hợp lệ", "Thiếu hoặc sai biểu, kỳ, đơn vị hay thao tác.");
    return;
  }
  dv_err e = {0};
  int warnings = 0;
  int rc = app_submission_act(c->a, &c->u, act, form_code, period_id, unit, comment ? comment : "",
                              ack && *ack && strcmp(ack, "0"), &warnings, &e);
  if (rc == 0) {
    char *url = c_url(c, "/report", "form", form_code, "period", period_id, "unit", unit, "done", act_names[act], NULL);
    reply_redirect(c, c_printf(c, "%s#submission", url));
    return;
  }
  sub_flash fl = {(int)act, explain(c, act, &e, form_code, period_id, unit), c_strdup(c, e.field), comment};
  c->status = http_status_of(rc) == 500 ? 500 : http_status_of(rc) == 404 ? 400 : http_status_of(rc);
  page_report_show(c, &fl);
}

/* --- charts -------------------------------------------------------------------- */

/* the hatching that marks "missing" in print and in grey: defined once per
 * page, referenced by every bar */
static void chart_defs(buf *b) {
  h_lit(b, "<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\" focusable=\"false\"><defs>"
           "<pattern id=\"dv-hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" "
           "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#b00020\"></rect>"
           "<rect width=\"2\" height=\"6\" fill=\"#ffffff\"></rect></pattern></defs></svg>");
}

/* a 100%-wide stacked bar of the counts per state (NSTATES); the numbers
 * are written beside it by the caller */
static void stacked_bar(ctx *c, const int *count, const char *label) {
  buf *b = &c->out;
  int total = 0;
  for (int i = 0; i < NSTATES; i++) total += count[i];
  h_svg_open(b, "sbar", 400, 16, label);
  if (label) h_tag(b, "title", label);
  h_lit(b, "<rect class=\"sbar-bg\" width=\"400\" height=\"16\"></rect>");
  double x = 0;
  for (int i = 0; i < NSTATES && total; i++) {
    if (!count[i]) continue;
    double w = 400.0 * count[i] / total;
    h_open(b, "rect", "class", c_printf(c, "seg seg-%s", states[i]), "x", c_printf(c, "%.2f", x), "width",
           c_printf(c, "%.2f", w), "height", "16", "fill", i == 2 ? "url(#dv-hatch)" : NULL, NULL);
    h_close(b, "rect");
    x += w;
  }
  h_close(b, "svg");
}

static void legend(buf *b) {
  h_lit(b, "<ul class=\"legend\" aria-hidden=\"true\">");
  for (int i = 0; i < NSTATES; i++) {
    h_lit(b, "<li>");
    h_lit(b, "<svg class=\"swatch\" viewBox=\"0 0 12 12\" focusable=\"false\">");
    h_open(b, "rect", "class", i == 0   ? "seg seg-on_time"
                               : i == 1 ? "seg seg-late"
                               : i == 2 ? "seg seg-missing"
                                        : "seg seg-pending",
           "width", "12", "height", "12", "fill", i == 2 ? "url(#dv-hatch)" : NULL, NULL);
    h_lit(b, "</rect></svg> ");
    h_text(b, sub_state_label(states[i]));
    h_lit(b, "</li>");
  }
  h_lit(b, "</ul>");
}

/* "3 đúng hạn · 1 chậm · 2 chưa gửi" (zero counts left out, except all) */
static void counts_text(ctx *c, const int *count, int total, int pct) {
  buf *b = &c->out;
  int k = 0;
  for (int i = 0; i < NSTATES; i++) {
    if (!count[i]) continue;
    if (k++) h_lit(b, " · ");
    h_open(b, "span", "class", c_printf(c, "cnt cnt-%s", states[i]), NULL);
    if (pct && total) h_percent(b, 100.0 * count[i] / total);
    else h_int(b, count[i]);
    h_lit(b, " ");
    const char *l = sub_state_label(states[i]);
    /* lower-case the first letter: "đúng hạn" */
    char low[64];
    snprintf(low, sizeof low, "%s", l);
    if (low[0] >= 'A' && low[0] <= 'Z') low[0] = (char)(low[0] - 'A' + 'a');
    else if ((unsigned char)low[0] == 0xC4 && (unsigned char)low[1] == 0x90) low[1] = (char)0x91;
    h_text(b, low);
    h_close(b, "span");
  }
  if (!k) h_lit(b, "không có đơn vị");
}

/* --- completeness ------------------------------------------------------------------ */

typedef struct comp {
  completeness_row *rows;
  int n;
  int count[NSTATES];
  int approved, submitted, returned, draft;
} comp;

static int comp_load(ctx *c, const char *form_code, const char *period_id, const char *unit, int today, comp *out,
                     dv_err *e) {
  memset(out, 0, sizeof *out);
  int rc = app_completeness(c->a, &c->u, form_code, period_id, unit, &out->rows, &out->n, e);
  if (rc) return rc;
  for (int i = 0; i < out->n; i++) {
    const submission *s = &out->rows[i].s;
    out->count[state_index(submission_state(s, today))]++;
    if (!strcmp(s->status, "approved")) out->approved++;
    else if (!strcmp(s->status, "submitted")) out->submitted++;
    else if (!strcmp(s->status, "returned")) out->returned++;
    else out->draft++;
  }
  return 0;
}

static void comp_release(comp *x) {
  free(x->rows);
  x->rows = NULL;
}

/* the four six-month periods ending with the one that holds p, and the years
 * they fall in, oldest first (each year after its second half) */
static int periods_over(const period *p, period *out) {
  int y = p->year, h;
  switch (p->kind) {
  case PERIOD_HALF: h = p->idx; break;
  case PERIOD_QUARTER: h = p->idx <= 2 ? 1 : 2; break;
  case PERIOD_MONTH: h = p->idx <= 6 ? 1 : 2; break;
  default: h = 2; break;
  }
  period halves[4];
  for (int i = 3; i >= 0; i--) {
    halves[i] = (period){PERIOD_HALF, y, h};
    if (--h == 0) h = 2, y--;
  }
  int n = 0;
  for (int i = 0; i < 4; i++) {
    out[n++] = halves[i];
    if (halves[i].idx == 2 || i == 3) out[n++] = (period){PERIOD_YEAR, halves[i].year, 0};
  }
  return n;
}

static void over_periods(ctx *c, const char *form_code, const period *p, const char *unit, int today) {
  buf *b = &c->out;
  period list[8];
  int n = periods_over(p, list);
  h_lit(b, "<section aria-labelledby=\"over-h\"><h2 id=\"over-h\">Qua các kỳ</h2>"
           "<p class=\"hint\">Tỷ lệ đơn vị trực thuộc gửi báo cáo đúng hạn, chậm và chưa gửi trong bốn kỳ 6 tháng gần "
           "nhất và các năm tương ứng.</p><figure class=\"chart\" aria-labelledby=\"over-h\">");
  legend(b);
  h_lit(b, "<div class=\"table-wrap\"><table class=\"list over\"><thead><tr><th scope=\"col\">Kỳ</th>"
           "<th scope=\"col\">Biểu đồ</th><th scope=\"col\">Tỷ lệ</th></tr></thead><tbody>");
  for (int i = 0; i < n; i++) {
    char id[8], label[64];
    period_format(&list[i], id);
    period_label_vn(&list[i], label, sizeof label);
    if (label[0] >= 'a' && label[0] <= 'z') label[0] = (char)(label[0] - 'a' + 'A');
    comp x;
    dv_err e = {0};
    int rc = comp_load(c, form_code, id, unit, today, &x, &e);
    int cur = list[i].kind == p->kind && list[i].year == p->year && list[i].idx == p->idx;
    h_open(b, "tr", "class", cur ? "current" : NULL, NULL);
    h_open(b, "th", "scope", "row", NULL);
    h_link(b, c_url(c, "/completeness", "form", form_code, "period", id, "unit", unit, NULL), label);
    h_lit(b, "</th><td class=\"barcell\">");
    if (!rc) stacked_bar(c, x.count, NULL);
    h_lit(b, "</td><td>");
    if (rc) h_text(b, e.msg);
    else counts_text(c, x.count, x.n, 1);
    h_lit(b, "</td></tr>");
    comp_release(&x);
  }
  h_lit(b, "</tbody></table></div></figure></section>");
}

typedef struct comp_unit {
  char name[256], parent_code[32], parent_name[256];
  int has_kids;
} comp_unit;

/* every reporting unit of the subtree, by level: how many sent on time, late, not yet */
static void by_level(ctx *c, const char *form_code, const char *period_id, const char *unit) {
  level_tally lv[TREE_MAX_LEVELS + 1];
  dv_err e = {0};
  if (app_completeness_levels(c->a, &c->u, form_code, period_id, unit, lv, &e)) return;
  buf *b = &c->out;
  h_lit(b, "<section aria-labelledby=\"lv-h\"><h2 id=\"lv-h\">Theo cấp (mọi đơn vị trong địa bàn)</h2>"
           "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"lv-h\" tabindex=\"0\">"
           "<table class=\"list by-level\"><thead><tr><th scope=\"col\">Cấp</th><th scope=\"col\">Số đơn vị</th>");
  for (int i = 0; i < NSTATES; i++) {
    h_lit(b, "<th scope=\"col\">");
    h_text(b, sub_state_label(states[i]));
    h_lit(b, "</th>");
  }
  h_lit(b, "</tr></thead><tbody>");
  app_read_begin(c->a);
  for (int l = 1; l <= TREE_MAX_LEVELS; l++) {
    if (!lv[l].units) continue;
    int n[NSTATES] = {lv[l].on_time, lv[l].late, lv[l].missing, lv[l].pending};
    h_lit(b, "<tr><th scope=\"row\">");
    const char *lname = app_period_edition(c->a, period_id)->levels[l].name;
    h_text(b, lname ? lname : c_printf(c, "Cấp %d", l));
    h_lit(b, "</th><td class=\"num\">");
    h_int(b, lv[l].units);
    for (int i = 0; i < NSTATES; i++) {
      h_lit(b, "</td><td class=\"num\">");
      h_int(b, n[i]);
    }
    h_lit(b, "</td></tr>");
  }
  app_read_end(c->a);
  h_lit(b, "</tbody></table></div></section>");
}

void page_completeness(ctx *c) {
  buf *b = &c->out;
  const char *form_code;
  const form *f = form_arg_or_400(c, &form_code);
  if (!f) return;
  period p;
  const char *period_id = period_arg_or_400(c, &p);
  if (!period_id) return;
  const char *unit = unit_arg(c);
  int today = app_today(c->a);
  comp x;
  dv_err e = {0};
  int rc = comp_load(c, f->code, period_id, unit, today, &x, &e);
  if (rc) {
    reply_html_error(c, http_status_of(rc), rc == DV_EFORBIDDEN ? "Không có quyền truy cập" : "Không xem được", e.msg);
    return;
  }
  comp_unit cu = {0};
  char *kids = c_alloc(c, (size_t)x.n + 1); /* 1 where the child has children */
  const tree *t = app_read_begin(c->a);
  int pos = app_unit_pos_period(c->a, unit, period_id), up = user_pos(t, &c->u);
  if (pos >= 0) {
    snprintf(cu.name, sizeof cu.name, "%s", t->u[pos].name);
    int par = t->u[pos].parent;
    if (par >= 0 && up >= 0 && tree_in_subtree(t, up, par)) {
      snprintf(cu.parent_code, sizeof cu.parent_code, "%s", t->u[par].code);
      snprintf(cu.parent_name, sizeof cu.parent_name, "%s", t->u[par].name);
    }
  }
  for (int i = 0; i < x.n; i++) {
    int q = app_unit_pos_period(c->a, x.rows[i].unit, period_id);
    kids[i] = q >= 0 && t->u[q].end > q + 1;
  }
  app_read_end(c->a);

  char flabel[32], plabel[64];
  form_label(f->code, flabel, sizeof flabel);
  period_label_vn(&p, plabel, sizeof plabel);
  page_begin(c, c_printf(c, "Tình hình gửi %s · %s", flabel, cu.name));
  h_lit(b, "<header class=\"annex-head\"><p class=\"kicker\">Tình hình gửi báo cáo · ");
  h_text(b, cu.name);
  if (cu.parent_code[0]) {
    h_lit(b, " · thuộc ");
    h_link(b, c_url(c, "/completeness", "form", f->code, "period", period_id, "unit", cu.parent_code, NULL),
           cu.parent_name);
  }
  h_lit(b, "</p><h1 id=\"comp-title\">");
  h_text(b, flabel);
  h_lit(b, " ");
  h_text(b, plabel);
  h_lit(b, ": các đơn vị trực thuộc ");
  h_text(b, cu.name);
  h_lit(b, "</h1></header>");

  h_lit(b, "<form method=\"get\" action=\"/completeness\" class=\"filters\"><div class=\"field\">");
  h_form_select(c, "form", f->code);
  h_lit(b, "</div><div class=\"field\">");
  h_period_select(c, "period", period_id, 0);
  h_lit(b, "</div><div class=\"field\">");
  h_unit_select(c, "unit", "Đơn vị", unit, NULL, period_id);
  h_lit(b, "</div><div class=\"field actions\"><button type=\"submit\">Xem</button></div></form>");
  h_lit(b, "<ul class=\"actions\"><li>");
  h_link(b, c_url(c, "/report", "form", f->code, "period", period_id, "unit", unit, NULL), "Biểu tổng hợp của đơn vị");
  h_lit(b, "</li><li>");
  h_link(b, c_url(c, "/api/completeness", "form", f->code, "period", period_id, "unit", unit, NULL), "JSON (API)");
  h_lit(b, "</li></ul>");

  if (!x.n) {
    h_lit(b, "<p class=\"notice\">Đơn vị không có đơn vị trực thuộc trong kỳ này.</p>");
    comp_release(&x);
    page_end(c);
    page_send(c);
    return;
  }
  chart_defs(b);
  /* the counts at the top, with one stacked bar */
  h_lit(b, "<section class=\"figure comp-summary\" aria-labelledby=\"sum-h\"><h2 id=\"sum-h\">");
  h_int(b, x.n);
  h_lit(b, " đơn vị trực thuộc</h2><ul class=\"state-counts\">");
  for (int i = 0; i < NSTATES; i++) {
    h_lit(b, "<li>");
    state_badge(b, states[i]);
    h_lit(b, " <strong>");
    h_int(b, x.count[i]);
    h_lit(b, "</strong></li>");
  }
  h_lit(b, "</ul>");
  buf lab;
  buf_init(&lab, 0);
  for (int i = 0; i < NSTATES; i++)
    buf_addf(&lab, "%s%s: %d", i ? ", " : "", tr(sub_state_label(states[i])), x.count[i]);
  stacked_bar(c, x.count, lab.s);
  buf_release(&lab);
  legend(b);
  h_lit(b, "<p class=\"status-counts\">Đã phê duyệt <strong>");
  h_int(b, x.approved);
  h_lit(b, "</strong> · Đã gửi, chờ duyệt <strong>");
  h_int(b, x.submitted);
  h_lit(b, "</strong> · Bị trả lại <strong>");
  h_int(b, x.returned);
  h_lit(b, "</strong> · Chưa gửi <strong>");
  h_int(b, x.draft);
  h_lit(b, "</strong></p></section>");

  h_lit(b, "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"comp-title\" tabindex=\"0\">"
           "<table class=\"list records completeness\"><thead><tr><th scope=\"col\">Đơn vị</th>"
           "<th scope=\"col\">Trạng thái</th><th scope=\"col\">Gửi lúc</th><th scope=\"col\">Hạn gửi</th>"
           "<th scope=\"col\">Thời hạn</th></tr></thead><tbody>");
  for (int i = 0; i < x.n; i++) {
    const completeness_row *r = &x.rows[i];
    const char *state = submission_state(&r->s, today);
    h_open(b, "tr", "class", c_printf(c, "st-row-%s", state), NULL);
    h_lit(b, "<th scope=\"row\">");
    h_link(b, box_url(c, f->code, period_id, r->unit),
           r->unit_name);
    if (kids[i]) {
      h_lit(b, " <span class=\"unit-links\">");
      h_link(b, c_url(c, "/completeness", "form", f->code, "period", period_id, "unit", r->unit, NULL), "cấp dưới");
      h_lit(b, "</span>");
    }
    h_lit(b, "</th><td data-label=\"Trạng thái\">");
    status_badge(b, r->s.status);
    if (r->s.comment[0] && !strcmp(r->s.status, "returned")) {
      h_lit(b, " <span class=\"sub-comment\">");
      h_text(b, r->s.comment);
      h_lit(b, "</span>");
    }
    h_lit(b, "</td><td data-label=\"Gửi lúc\" class=\"nowrap\">");
    h_text(b, when_vn(c, r->s.submitted_at));
    h_lit(b, "</td><td data-label=\"Hạn gửi\" class=\"nowrap\">");
    h_date(b, r->s.due_day);
    h_lit(b, "</td><td data-label=\"Thời hạn\">");
    state_badge(b, state);
    h_lit(b, "</td></tr>");
  }
  h_lit(b, "</tbody></table></div>");
  h_remind_box(c, f->code, period_id, unit, x.count[state_index("missing")]);
  comp_release(&x);
  by_level(c, f->code, period_id, unit);
  over_periods(c, f->code, &p, unit, today);
  page_end(c);
  page_send(c);
}

/* --- the home page ------------------------------------------------------------------ */

void h_home_reports(ctx *c, const char *unit, const char *period_id, int own_unit) {
  buf *b = &c->out;
  const catalog *cat = app_catalog(c->a);
  const tree *t = app_read_begin(c->a);
  int p = app_unit_pos_period(c->a, unit, period_id), top = p < 0 || t->u[p].parent < 0;
  app_read_end(c->a);
  if (top) return; /* no unit above to send to */
  period per;
  char plabel[64] = "";
  if (!period_parse(period_id, &per)) period_label_vn(&per, plabel, sizeof plabel);
  h_lit(b, "<section aria-labelledby=\"owe-h\" id=\"reports-due\"><h2 id=\"owe-h\">");
  h_text(b, own_unit ? "Báo cáo cần gửi" : "Báo cáo của đơn vị");
  h_lit(b, " — ");
  h_text(b, plabel);
  h_lit(b, "</h2>");
  int sent = 0, returned = 0, late = 0, nforms = 0;
  buf rows;
  buf_init(&rows, 0);
  /* rows first, so the summary line can come above them */
  for (int i = 0; i < cat->nforms; i++) {
    const form *f = &cat->forms[i];
    sub_view v;
    dv_err e = {0};
    if (sub_load(c, f->code, period_id, unit, &v, &e)) continue;
    nforms++;
    const char *state = submission_state(&v.s, v.today);
    sent += !strcmp(v.s.status, "submitted") || !strcmp(v.s.status, "approved");
    returned += !strcmp(v.s.status, "returned");
    late += !strcmp(state, "missing");
    char flabel[32];
    form_label(f->code, flabel, sizeof flabel);
    h_open(&rows, "tr", "class", !strcmp(v.s.status, "returned") || !strcmp(state, "missing") ? "late" : NULL, NULL);
    h_lit(&rows, "<th scope=\"row\">");
    h_link(&rows, box_url(c, f->code, period_id, unit),
           flabel);
    h_lit(&rows, "</th><td class=\"status\">");
    status_badge(&rows, v.s.status);
    if (!strcmp(v.s.status, "returned") && v.s.comment[0]) {
      h_lit(&rows, " <span class=\"sub-comment\">");
      h_text(&rows, v.s.comment);
      h_lit(&rows, "</span>");
    }
    h_lit(&rows, "</td><td class=\"nowrap due\"><span class=\"phone-only\">Hạn </span>");
    h_date(&rows, v.s.due_day);
    h_lit(&rows, "</td><td class=\"due-state\">");
    /* next to the status, "missing" reads better as overdue */
    state_badge_as(&rows, state, !strcmp(state, "missing") ? "Quá hạn" : sub_state_label(state));
    h_lit(&rows, "</td><td class=\"todo\">");
    if (v.acts & (1 << SUB_SUBMIT))
      h_link(&rows, box_url(c, f->code, period_id, unit),
             !strcmp(v.s.status, "returned") ? "Sửa và gửi lại" : "Gửi báo cáo");
    h_lit(&rows, "</td></tr>");
  }
  h_open(b, "p", "class", returned || late ? "notice" : "hint", NULL);
  h_int(b, sent);
  h_lit(b, "/");
  h_int(b, nforms);
  h_lit(b, " biểu đã gửi");
  if (returned) {
    h_lit(b, " · <strong>");
    h_int(b, returned);
    h_lit(b, "</strong> bị trả lại");
  }
  if (late) {
    h_lit(b, " · <strong>");
    h_int(b, late);
    h_lit(b, "</strong> quá hạn chưa gửi");
  }
  h_lit(b, ".</p><div class=\"table-wrap\" role=\"region\" aria-labelledby=\"owe-h\" tabindex=\"0\">"
           "<table class=\"list owe\"><thead><tr><th scope=\"col\">Biểu</th><th scope=\"col\">Trạng thái</th>"
           "<th scope=\"col\">Hạn gửi</th><th scope=\"col\">Thời hạn</th><th scope=\"col\">Việc cần làm</th>"
           "</tr></thead><tbody>");
  buf_adds(b, rows.s);
  buf_release(&rows);
  h_lit(b, "</tbody></table></div></section>");
}

void h_home_children_reports(ctx *c, const char *unit, const char *period_id) {
  buf *b = &c->out;
  const catalog *cat = app_catalog(c->a);
  const tree *t = app_read_begin(c->a);
  int p = app_unit_pos_period(c->a, unit, period_id), kids = p >= 0 && t->u[p].end > p + 1;
  app_read_end(c->a);
  if (!kids) return;
  int today = app_today(c->a);
  h_lit(b, "<section aria-labelledby=\"kids-rep-h\" id=\"children-reports\"><h2 id=\"kids-rep-h\">"
           "Tình hình gửi báo cáo của đơn vị cấp dưới</h2>");
  chart_defs(b);
  legend(b);
  h_lit(b, "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"kids-rep-h\" tabindex=\"0\">"
           "<table class=\"list kids-rep\"><thead><tr><th scope=\"col\">Biểu</th>"
           "<th scope=\"col\">Đúng hạn</th><th scope=\"col\">Chậm</th><th scope=\"col\">Chưa gửi</th>"
           "<th scope=\"col\">Chưa đến hạn</th><th scope=\"col\">Chờ duyệt</th><th scope=\"col\">Bị trả lại</th>"
           "<th scope=\"col\">Đã duyệt</th><th scope=\"col\">Biểu đồ</th></tr></thead><tbody>");
  for (int i = 0; i < cat->nforms; i++) {
    const form *f = &cat->forms[i];
    comp x;
    dv_err e = {0};
    if (comp_load(c, f->code, period_id, unit, today, &x, &e)) continue;
    char flabel[32];
    form_label(f->code, flabel, sizeof flabel);
    const char *url = c_url(c, "/completeness", "form", f->code, "period", period_id, "unit", unit, NULL);
    h_lit(b, "<tr><th scope=\"row\">");
    h_link(b, url, flabel);
    h_lit(b, "</th>");
    static const char *const labels[] = {"Đúng hạn", "Chậm", "Chưa gửi", "Chưa đến hạn"};
    for (int k = 0; k < NSTATES; k++) {
      h_open(b, "td", "class", "num", "data-label", labels[k], NULL);
      h_int(b, x.count[k]);
      h_close(b, "td");
    }
    h_lit(b, "<td class=\"num\" data-label=\"Chờ duyệt\">");
    if (x.submitted) h_lit(b, "<strong>");
    h_int(b, x.submitted);
    if (x.submitted) h_lit(b, "</strong>");
    h_lit(b, "</td><td class=\"num\" data-label=\"Bị trả lại\">");
    h_int(b, x.returned);
    h_lit(b, "</td><td class=\"num\" data-label=\"Đã duyệt\">");
    h_int(b, x.approved);
    h_lit(b, "</td><td class=\"barcell\">");
    stacked_bar(c, x.count, NULL);
    /* on a phone the numbers above are hidden and this line stands for them */
    h_lit(b, "<p class=\"phone-only sum\">");
    counts_text(c, x.count, x.n, 0);
    if (x.submitted) {
      h_lit(b, " · <strong>chờ duyệt ");
      h_int(b, x.submitted);
      h_lit(b, "</strong>");
    }
    if (x.returned) {
      h_lit(b, " · trả lại ");
      h_int(b, x.returned);
    }
    if (x.approved) {
      h_lit(b, " · đã duyệt ");
      h_int(b, x.approved);
    }
    h_lit(b, "</p></td></tr>");
    comp_release(&x);
  }
  h_lit(b, "</tbody></table></div>");
  h_lit(b, "</section>");
}

/* --- the API -------------------------------------------------------------------------- */

static void json_str_or_null(buf *b, const char *s) {
  if (s && *s) esc_json(b, s);
  else buf_adds(b, "null");
}

static void json_error_field(ctx *c, int status, const char *msg, const char *fieldname, int warnings) {
  buf *b = &c->out;
  buf_reset(b);
  buf_adds(b, "{\"error\":");
  esc_json(b, msg);
  if (fieldname && *fieldname) {
    buf_adds(b, ",\"field\":");
    esc_json(b, fieldname);
  }
  if (warnings > 0) buf_addf(b, ",\"warnings\":%d", warnings);
  buf_adds(b, "}\n");
  reply_json(c, status);
}

/* ,"route":{"unit","unit_name","approvers":[logins]} or null for a top unit */
static void route_json(buf *b, const submission_route *r) {
  buf_adds(b, ",\"route\":");
  if (r->pos < 0) {
    buf_adds(b, "null");
    return;
  }
  buf_adds(b, "{\"unit\":");
  esc_json(b, r->unit_code);
  buf_adds(b, ",\"unit_name\":");
  esc_json(b, r->unit_name);
  buf_adds(b, ",\"approvers\":[");
  for (const char *p = r->approvers; *p;) {
    const char *end = strstr(p, ", ");
    size_t n = end ? (size_t)(end - p) : strlen(p);
    char login[64];
    snprintf(login, sizeof login, "%.*s", (int)n, p);
    if (p != r->approvers) buf_addc(b, ',');
    esc_json(b, login);
    p = end ? end + 2 : p + n;
  }
  buf_adds(b, "]}");
}

static void submission_json(ctx *c, const char *form_code, const char *period_id, const char *unit,
                            const sub_view *v) {
  buf *b = &c->out;
  const submission *s = &v->s;
  char due[11];
  date_format_iso(s->due_day, due);
  buf_reset(b);
  buf_adds(b, "{\"form\":");
  esc_json(b, form_code);
  buf_adds(b, ",\"period\":");
  esc_json(b, period_id);
  buf_adds(b, ",\"unit\":");
  esc_json(b, unit);
  buf_adds(b, ",\"unit_name\":");
  esc_json(b, v->unit_name);
  buf_adds(b, ",\"status\":");
  esc_json(b, s->status);
  buf_adds(b, ",\"submitted_at\":");
  json_str_or_null(b, s->submitted_at);
  buf_adds(b, ",\"submitted_by\":");
  json_str_or_null(b, s->submitted_by);
  buf_adds(b, ",\"decided_at\":");
  json_str_or_null(b, s->decided_at);
  buf_adds(b, ",\"decided_by\":");
  json_str_or_null(b, s->decided_by);
  buf_adds(b, ",\"comment\":");
  esc_json(b, s->comment);
  route_json(b, &v->route);
  buf_addf(b, ",\"due\":\"%s\",\"on_time\":%s,\"state\":\"%s\",\"locked\":%s,\"actions\":[", due,
           s->on_time < 0 ? "null" : s->on_time ? "true" : "false", submission_state(s, v->today),
           !strcmp(s->status, "approved") ? "true" : "false");
  for (int i = 0, k = 0; i < NACTS; i++)
    if (v->acts & (1 << i)) buf_addf(b, "%s\"%s\"", k++ ? "," : "", act_names[i]);
  buf_adds(b, "]}\n");
  reply_json(c, 200);
}

/* form and period arguments of the GET routes; NULL after replying 400 */
static const char *api_form_period(ctx *c, const char **period_id) {
  const char *form_code = arg(c, "form");
  if (!form_code || !catalog_form(app_catalog(c->a), form_code)) {
    json_error_field(c, 400, "Tham số form không hợp lệ (bieu-1 … bieu-7).", "form", 0);
    return NULL;
  }
  period p;
  const char *pv = arg(c, "period");
  if (!pv || !*pv || !(*period_id = period_arg(c, &p))) {
    json_error_field(c, 400, "Tham số period không hợp lệ (ví dụ 2023S1).", "period", 0);
    return NULL;
  }
  return form_code;
}

void api_submission_get(ctx *c) {
  const char *period_id;
  const char *form_code = api_form_period(c, &period_id);
  if (!form_code) return;
  const char *unit = unit_arg(c);
  sub_view v;
  dv_err e = {0};
  int rc = sub_load(c, form_code, period_id, unit, &v, &e);
  if (rc) {
    json_error_field(c, http_status_of(rc), e.msg, e.field, 0);
    return;
  }
  submission_json(c, form_code, period_id, unit, &v);
}

/* GET /api/submissions/waiting */
void api_submissions_waiting(ctx *c) {
  waiting_row *rows;
  int n, today = app_today(c->a);
  app_submissions_waiting(c->a, &c->u, &rows, &n);
  buf *b = &c->out;
  buf_reset(b);
  buf_adds(b, "{\"items\":[");
  for (int i = 0; i < n; i++) {
    char day[11];
    date_format_iso(rows[i].submitted_day, day);
    buf_adds(b, i ? ",{\"form\":" : "{\"form\":");
    esc_json(b, rows[i].form);
    buf_adds(b, ",\"period\":");
    esc_json(b, rows[i].period);
    buf_adds(b, ",\"unit\":");
    esc_json(b, rows[i].unit);
    buf_adds(b, ",\"unit_name\":");
    esc_json(b, rows[i].unit_name);
    buf_adds(b, ",\"submitted_by\":");
    esc_json(b, rows[i].submitted_by);
    buf_addf(b, ",\"submitted\":\"%s\",\"days\":%d}", day, today - rows[i].submitted_day);
  }
  buf_adds(b, "]}\n");
  free(rows);
  reply_json(c, 200);
}

/* a string member of the body: NULL if absent; *bad if present but not a
 * string (or holding a NUL) */
static const char *json_str(json_t *o, const char *key, int *bad) {
  json_t *v = json_object_get(o, key);
  if (!v || json_is_null(v)) return NULL;
  if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v)) {
    *bad = 1;
    return NULL;
  }
  return json_string_value(v);
}

void api_submission_post(ctx *c) {
  if (!json_is_object(c->json)) {
    json_error_field(c, 400, "Cần JSON {\"form\",\"period\",\"unit\",\"action\",\"comment\",\"ack\"}.", NULL, 0);
    return;
  }
  int bad = 0;
  const char *form_code = json_str(c->json, "form", &bad), *pv = json_str(c->json, "period", &bad);
  const char *unit = json_str(c->json, "unit", &bad), *action = json_str(c->json, "action", &bad);
  const char *comment = json_str(c->json, "comment", &bad);
  json_t *ackv = json_object_get(c->json, "ack");
  if (bad) {
    json_error_field(c, 400, "form, period, unit, action và comment phải là chuỗi.", NULL, 0);
    return;
  }
  if (ackv && !json_is_boolean(ackv) && !json_is_null(ackv)) {
    json_error_field(c, 400, "ack phải là true hoặc false.", "ack", 0);
    return;
  }
  sub_action act;
  if (act_parse(action, &act)) {
    json_error_field(c, 400, "action phải là submit, approve, return hoặc reopen.", "action", 0);
    return;
  }
  if (!form_code || !catalog_form(app_catalog(c->a), form_code)) {
    json_error_field(c, 400, "Tham số form không hợp lệ (bieu-1 … bieu-7).", "form", 0);
    return;
  }
  period p;
  char period_id[8];
  if (!pv || strlen(pv) > 7 || period_parse(pv, &p)) {
    json_error_field(c, 400, "Tham số period không hợp lệ (ví dụ 2023S1).", "period", 0);
    return;
  }
  period_format(&p, period_id);
  if (!unit || !*unit) unit = c->u.unit_code;
  dv_err e = {0};
  int warnings = 0;
  int rc = app_submission_act(c->a, &c->u, act, form_code, period_id, unit, comment ? comment : "",
                              json_is_true(ackv), &warnings, &e);
  if (rc) {
    int st = http_status_of(rc);
    json_error_field(c, st == 404 ? 400 : st, explain(c, act, &e, form_code, period_id, unit), e.field,
                     !strcmp(e.field, "warnings") ? warnings : 0);
    return;
  }
  sub_view v;
  rc = sub_load(c, form_code, period_id, unit, &v, &e);
  if (rc) {
    json_error_field(c, http_status_of(rc), e.msg, e.field, 0);
    return;
  }
  submission_json(c, form_code, period_id, unit, &v);
}

void api_completeness(ctx *c) {
  const char *period_id;
  const char *form_code = api_form_period(c, &period_id);
  if (!form_code) return;
  const char *unit = unit_arg(c);
  int today = app_today(c->a);
  completeness_row *rows = NULL;
  int n = 0;
  level_tally lv[TREE_MAX_LEVELS + 1];
  dv_err e = {0};
  int rc = app_completeness(c->a, &c->u, form_code, period_id, unit, &rows, &n, &e);
  if (!rc) rc = app_completeness_levels(c->a, &c->u, form_code, period_id, unit, lv, &e);
  if (rc) {
    free(rows);
    json_error_field(c, http_status_of(rc), e.msg, e.field, 0);
    return;
  }
  buf_reset(&c->out);
  const tree *t = app_read_begin(c->a);
  completeness_write_json(&c->out, form_code, period_id, unit, rows, n, lv, t, today);
  app_read_end(c->a);
  free(rows);
  reply_json(c, 200);
}
