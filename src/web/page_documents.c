/* The report as a document (văn bản) in the browser:
 *
 *   GET  /documents/report?unit=U&period=P          the editor: header fields,
 *        one text per section of the outline, next to each the sentences the
 *        system offers from the live figures ("Chèn" appends one, app.js)
 *   GET  /documents/report?unit=U&period=P&variant=V the editor with the
 *        header fields of the variant's defaults ("dang": a Party document,
 *        "nha_nuoc": a state body's), not saved until "Lưu báo cáo"
 *   POST /documents/report                           saves (audited by the app)
 *   POST /documents/report/issue                     issues: number, date and
 *        annex figures frozen with the document (app_report_doc_issue)
 *   GET  /documents/report/preview?unit=U&period=P   the whole document as
 *        paper (export/doc_html.c), with its annexes, ready to print
 *   GET  /documents/report.docx|.pdf?unit=U&period=P the files
 *   GET  /documents/plan.docx|.pdf?plan=SYMBOL       a plan's files
 *
 * Access is the app's: reading needs the unit in the user's subtree, saving
 * write access to it. Viewers get the same page with the texts read-only. */
#include "app/app_documents.h"
#include "app/app_doc_check.h"
#include "core/doc_link.h"
#include "export/doc_html.h"
#include "util/text.h"
#include "web/web_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MIME_DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#define MIME_PDF "application/pdf"
#define SECTION_PREFIX "sec-" /* form field of a section: "sec-p1.II.1" */

/* a refused save: the form field at fault (NULL: the whole document) and
 * the message; the number and the date as typed; switched: the header
 * fields were just filled with another variant's defaults (not saved) */
typedef struct ed_flash {
  const char *field, *msg;
  const char *number_raw, *date_raw;
  int switched;
} ed_flash;

/* the two layouts, as the select "Thể thức" offers them */
static const char *const VARIANT_LABEL[] = {"Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)",
                                            "Văn bản hành chính nhà nước (Nghị định 30/2020/NĐ-CP)"};

/* what the page needs from the tree, copied under the read lock */
typedef struct ed_unit {
  char name[256];
  int can_write;
} ed_unit;

static int ed_unit_load(ctx *c, const char *code, ed_unit *v) {
  memset(v, 0, sizeof *v);
  const tree *t = app_read_begin(c->a);
  int p = unit_pos_of(c, code);
  if (p >= 0) snprintf(v->name, sizeof v->name, "%s", t->u[p].name);
  app_read_end(c->a);
  if (p >= 0) v->can_write = app_can_write(c->a, &c->u, p);
  return p;
}

/* the app's messages start in lower case ("ngày ban hành …") */
static const char *sentence(ctx *c, const char *msg) {
  char *s = c_strdup(c, msg);
  if (s[0] >= 'a' && s[0] <= 'z') s[0] = (char)(s[0] - 'a' + 'A');
  return s;
}

/* the outline's texts with the period and the board's name (app_outline_text) */
static const char *outline_text(ctx *c, const char *tmpl, const period *p) {
  buf b;
  buf_init(&b, 0);
  app_outline_text(c->a, tmpl, p, &b);
  const char *out = c_strdup(c, b.s);
  buf_release(&b);
  return out;
}

/* text with each '\n' as <br> */
static void text_lines(ctx *c, const char *s) {
  for (const char *nl; (nl = strchr(s, '\n')); s = nl + 1) {
    h_text(&c->out, c_printf(c, "%.*s", (int)(nl - s), s));
    h_lit(&c->out, "<br>");
  }
  h_text(&c->out, s);
}

static const char *report_url(ctx *c, const char *path, const char *unit, const char *period_id) {
  return c_url(c, path, "unit", unit, "period", period_id, NULL);
}

/* --- the editor ------------------------------------------------------------------- */

static const char *err_for(const ed_flash *fl, const char *name) {
  return fl && fl->field && !strcmp(fl->field, name) ? fl->msg : NULL;
}

/* a field for a reader who may not write: its label and its text, no control */
static void ro_text(ctx *c, const char *label, const char *value, const char *cls) {
  buf *b = &c->out;
  h_open(b, "div", "class", cls ? c_printf(c, "field ro %s", cls) : "field ro", NULL);
  h_open(b, "span", "class", "label", NULL);
  h_text(b, label);
  h_close(b, "span");
  h_open(b, "p", "class", "ro-value", NULL);
  if (value && *value) text_lines(c, value);
  else h_lit(b, "<span class=\"hint\">(trống)</span>");
  h_close(b, "p");
  h_close(b, "div");
}

/* a labelled input or textarea (h_field with a size and a class); read-only: its text */
static void ed_field(ctx *c, const char *name, const char *label, const char *type, const char *value, int ro,
                     const ed_flash *fl, const char *hint, const char *cls) {
  buf *b = &c->out;
  if (ro) {
    ro_text(c, label, value, cls);
    return;
  }
  const char *err = err_for(fl, name);
  const char *id = c_printf(c, "f-%s", name), *eid = c_printf(c, "e-%s", name), *hid = c_printf(c, "h-%s", name);
  const char *desc = hint && err ? c_printf(c, "%s %s", hid, eid) : hint ? hid : err ? eid : NULL;
  h_open(b, "div", "class", cls ? c_printf(c, "field %s", cls) : "field", NULL);
  h_open(b, "label", "for", id, NULL);
  h_text(b, label);
  h_close(b, "label");
  if (!strcmp(type, "textarea")) {
    const char *rows = !strcmp(name, "sign_on_behalf") ? "2" : "3";
    h_open(b, "textarea", "id", id, "name", name, "rows", rows, "readonly", ro ? "" : NULL, "aria-invalid",
           err ? "true" : NULL, "aria-describedby", desc, NULL);
    h_text(b, value);
    h_close(b, "textarea");
  } else {
    int dmy = !strcmp(type, "dmy"); /* a date typed dd/mm/yyyy: no picker that follows the browser's locale */
    h_open(b, "input", "id", id, "name", name, "type", dmy ? "text" : type, "value", value ? value : "", "readonly",
           ro ? "" : NULL, "inputmode", !strcmp(name, "number") ? "numeric" : NULL, "pattern", dmy ? DATE_VN_PATTERN : NULL,
           "placeholder", dmy ? "dd/mm/yyyy" : NULL, "autocomplete", dmy ? "off" : NULL, "aria-invalid",
           err ? "true" : NULL, "aria-describedby", desc, NULL);
  }
  if (hint) {
    h_open(b, "p", "class", "hint", "id", hid, NULL);
    h_text(b, hint);
    h_close(b, "p");
  }
  h_error_for(b, eid, err);
  h_close(b, "div");
}

static void ed_selectors(ctx *c, const char *unit, const char *period_id) {
  buf *b = &c->out;
  h_lit(b, "<form method=\"get\" action=\"/documents/report\" class=\"filters\"><div class=\"field\">");
  h_unit_select(c, "unit", "Đơn vị", unit, NULL, period_id);
  h_lit(b, "</div><div class=\"field\">");
  h_period_select(c, "period", period_id, 0);
  h_lit(b, "</div><div class=\"field actions\"><button type=\"submit\">Mở báo cáo</button></div></form>");
}

/* "Thể thức": a GET form of its own (the editor's form posts), whose button
 * reloads the editor with the chosen variant's defaults in the header
 * fields; no reload on change alone, so that choosing with the keyboard
 * does not leave the page (WCAG 3.2.2). Viewers read the variant. */
static void ed_variant(ctx *c, const report_doc *d, int ro) {
  buf *b = &c->out;
  if (ro) {
    h_lit(b, "<p class=\"hint\">Thể thức: ");
    h_text(b, VARIANT_LABEL[d->state]);
    h_lit(b, "</p>");
    return;
  }
  h_lit(b, "<form method=\"get\" action=\"/documents/report\" class=\"filters ed-variant\">");
  h_hidden(b, "unit", d->unit_code);
  h_hidden(b, "period", d->period);
  h_lit(b, "<div class=\"field\"><label for=\"f-variant\">Thể thức</label>"
           "<select id=\"f-variant\" name=\"variant\" aria-describedby=\"h-variant\">");
  for (int i = REPORT_PARTY; i <= REPORT_STATE; i++)
    h_option(b, report_variant_name(i), VARIANT_LABEL[i], d->state == i);
  h_lit(b, "</select><p class=\"hint\" id=\"h-variant\">Đổi thể thức thì phần đầu văn bản, ký hiệu và người ký lấy "
           "theo mặc định của thể thức đó; chỉ được lưu khi bấm “Lưu báo cáo”.</p></div>"
           "<div class=\"field actions\"><button type=\"submit\">Đổi thể thức</button></div></form>");
}

static void ed_actions(ctx *c, const char *unit, const char *period_id) {
  buf *b = &c->out;
  h_lit(b, "<ul class=\"actions doc-links\"><li>");
  h_link(b, report_url(c, "/documents/report/preview", unit, period_id), "Xem trước và in");
  h_lit(b, "</li><li>");
  h_link(b, report_url(c, "/documents/report.docx", unit, period_id), "Tải DOCX");
  h_lit(b, "</li><li>");
  h_link(b, report_url(c, "/documents/report.pdf", unit, period_id), "Tải PDF");
  h_lit(b, "</li><li>");
  h_link(b, c_url(c, "/report", "form", "bieu-1", "unit", unit, "period", period_id, NULL), "Các biểu số liệu");
  h_lit(b, "</li></ul>");
}

static void ed_header_fields(ctx *c, const report_doc *d, int ro, const ed_flash *fl) {
  buf *b = &c->out;
  char number[16] = "";
  if (d->number > 0) snprintf(number, sizeof number, "%d", d->number);
  const char *num = fl && fl->number_raw ? fl->number_raw : number;
  int day;
  const char *date = fl && fl->date_raw ? fl->date_raw : d->date;
  if (date == d->date && date_parse(d->date, &day) == 0) date = c_date_vn(c, day);
  h_lit(b, "<fieldset class=\"ed-head\"><legend>Phần đầu văn bản</legend><div class=\"ed-grid\">");
  ed_field(c, "parent_body", "Cơ quan cấp trên", "text", d->parent_body, ro, fl, NULL, "wide");
  ed_field(c, "issuer", "Cơ quan ban hành", "text", d->issuer, ro, fl, NULL, "wide");
  const char *hint = d->number ? "Bỏ trống nếu chưa cấp số"
                                : c_printf(c, "Số tiếp theo của loại văn bản này trong năm: %d. Bỏ trống nếu chưa cấp số",
                                           d->next_number);
  ed_field(c, "number", "Số", "text", num, ro, fl, hint, NULL);
  ed_field(c, "symbol", "Ký hiệu", "text", d->symbol, ro, fl, d->state ? "Ví dụ BC-UBND" : "Ví dụ BC/TU", NULL);
  ed_field(c, "date", "Ngày ban hành", "dmy", date, ro, fl, "Ngày/tháng/năm, ví dụ 19/06/2023", NULL);
  ed_field(c, "place", "Nơi ban hành", "text", d->place, ro, fl, "Địa danh trước ngày tháng", NULL);
  ed_field(c, "issuer_long", "Tên đầy đủ của cơ quan ban hành", "text", d->issuer_long, ro, fl,
           "Dùng ở dòng “(Kèm theo Báo cáo số … của …)” dưới tên mỗi biểu", "full");
  ed_field(c, "title", "Trích yếu (dòng dưới chữ BÁO CÁO)", "textarea", d->title, ro, fl,
           "Xuống dòng ở đâu thì văn bản xuống dòng ở đó", "full");
  h_lit(b, "</div></fieldset>");
}

static void ed_end_fields(ctx *c, const report_doc *d, int ro, const ed_flash *fl) {
  buf *b = &c->out;
  h_lit(b, "<fieldset class=\"ed-end\"><legend>Nơi nhận và người ký</legend><div class=\"ed-grid\">");
  ed_field(c, "recipients", "Nơi nhận", "textarea", d->recipients, ro, fl, "Mỗi nơi nhận một dòng", "recv");
  h_lit(b, "<div class=\"ed-sign\">");
  /* two lines when a deputy signs for a state body: "TM. ỦY BAN NHÂN DÂN" over "KT. CHỦ TỊCH" */
  ed_field(c, "sign_on_behalf", "Thẩm quyền ký (T/M…)", "textarea", d->sign_on_behalf, ro, fl,
           d->state ? "Ví dụ TM. ỦY BAN NHÂN DÂN; cấp phó ký thay thì thêm dòng KT. CHỦ TỊCH"
                    : "Ví dụ T/M BAN THƯỜNG VỤ",
           NULL);
  ed_field(c, "sign_position", "Chức vụ người ký", "text", d->sign_position, ro, fl, NULL, NULL);
  ed_field(c, "sign_name", "Họ và tên người ký", "text", d->sign_name, ro, fl, NULL, NULL);
  h_lit(b, "</div></div></fieldset>");
}

/* the sentences offered for section key, each with its "Chèn" button
 * (hidden until app.js shows it; without script the text is there to copy) */
static void ed_figures(ctx *c, const char *key, const doc_figure *figs, int nfigs, int ro, int *k) {
  buf *b = &c->out;
  int any = 0;
  for (int i = 0; i < nfigs; i++) any |= !strcmp(figs[i].section, key);
  if (!any) return;
  h_open(b, "aside", "class", "ed-figs", "aria-label", c_printf(c, "Số liệu gợi ý cho mục %s", key), NULL);
  h_lit(b, "<p class=\"ed-figs-title\">Số liệu từ hệ thống</p><ul>");
  for (int i = 0; i < nfigs; i++) {
    if (strcmp(figs[i].section, key)) continue;
    const char *fid = c_printf(c, "fig-%d", ++*k);
    h_lit(b, "<li>");
    char *shown = doc_link_strip(figs[i].text); /* the numbers as printed; inserted with their links */
    h_open(b, "p", "id", fid, "class", "fig-text", NULL);
    h_text(b, shown);
    h_close(b, "p");
    free(shown);
    if (!ro) {
      h_open(b, "button", "type", "button", "class", "fig-insert", "data-insert", c_printf(c, "f-%s%s", SECTION_PREFIX, key),
             "data-from", fid, "data-text", figs[i].text, "aria-describedby", fid, "hidden", "", NULL);
      h_lit(b, "Chèn</button>");
    }
    h_lit(b, "</li>");
  }
  h_lit(b, "</ul></aside>");
}

static void ed_sections(ctx *c, const report_doc *d, const period *p, int ro, const ed_flash *fl,
                        const doc_figure *figs, int nfigs) {
  buf *b = &c->out;
  int k = 0;
  for (int i = 0; i < report_nsections; i++) {
    const report_section *s = &report_sections[i];
    const char *name = c_printf(c, "%s%s", SECTION_PREFIX, s->key);
    const char *id = c_printf(c, "f-%s", name), *eid = c_printf(c, "e-%s", name);
    const char *err = err_for(fl, name);
    if (s->group) {
      h_open(b, "h2", "class", strncmp(s->group, "Phần", strlen("Phần")) ? "ed-group" : "ed-group ed-part", NULL);
      text_lines(c, outline_text(c, s->group, p));
      h_close(b, "h2");
    }
    h_open(b, "div", "class", "ed-sec", "id", c_printf(c, "sec-%s", s->key), NULL);
    h_lit(b, "<div class=\"ed-text\"><h3 class=\"ed-heading\">");
    h_open(b, "label", "for", id, NULL);
    if (s->heading) {
      h_text(b, outline_text(c, s->heading, p));
    } else { /* a part without sections of its own: "Nội dung Phần thứ hai" */
      const char *g = s->group ? s->group : "";
      const char *nl = strchr(g, '\n');
      h_text(b, c_printf(c, "Nội dung %.*s", nl ? (int)(nl - g) : (int)strlen(g), g));
    }
    h_lit(b, "</label></h3>");
    if (ro) {
      h_lit(b, "<p class=\"ro-value\">");
      text_lines(c, d->sections[i] ? d->sections[i] : "");
      h_lit(b, "</p>");
    } else {
      h_open(b, "textarea", "id", id, "name", name, "rows", "14", "class", "ed-area", "aria-invalid", err ? "true" : NULL,
             "aria-describedby", err ? c_printf(c, "md-help %s", eid) : "md-help", NULL);
      h_text(b, d->sections[i] ? d->sections[i] : "");
      h_close(b, "textarea");
    }
    h_error_for(b, eid, err);
    h_lit(b, "</div>");
    ed_figures(c, s->key, figs, nfigs, ro, &k);
    h_close(b, "div");
  }
}

/* the field's label for the error summary */
static const char *field_label(ctx *c, const char *name) {
  static const struct {
    const char *name, *label;
  } L[] = {{"variant", "Thể thức"}, {"number", "Số"}, {"date", "Ngày ban hành"}, {"symbol", "Ký hiệu"},
           {"title", "Trích yếu"}, {"recipients", "Nơi nhận"}, {"place", "Nơi ban hành"},
           {"parent_body", "Cơ quan cấp trên"}, {"issuer", "Cơ quan ban hành"}, {"issuer_long", "Tên đầy đủ của cơ quan ban hành"},
           {"sign_on_behalf", "Thẩm quyền ký"}, {"sign_position", "Chức vụ người ký"},
           {"sign_name", "Họ và tên người ký"}};
  for (size_t i = 0; i < sizeof L / sizeof L[0]; i++)
    if (!strcmp(name, L[i].name)) return L[i].label;
  if (!strncmp(name, SECTION_PREFIX, strlen(SECTION_PREFIX))) return c_printf(c, "Mục %s", name + strlen(SECTION_PREFIX));
  return name;
}

static void ed_status(ctx *c, const report_doc *d, const ed_unit *v, const ed_flash *fl) {
  buf *b = &c->out;
  if (fl && fl->msg) {
    h_lit(b, "<div class=\"alert\" role=\"alert\" id=\"errors\" tabindex=\"-1\"><p><strong>Chưa lưu được báo cáo.</strong> ");
    if (fl->field) {
      h_link(b, c_printf(c, "#f-%s", fl->field), field_label(c, fl->field));
      h_lit(b, ": ");
    }
    h_text(b, fl->msg);
    h_lit(b, "</p></div>");
  } else if (fl && fl->switched) {
    h_lit(b, "<p class=\"notice\" role=\"status\">Phần đầu văn bản, ký hiệu và người ký đã lấy theo mặc định của thể "
             "thức “");
    h_text(b, VARIANT_LABEL[d->state]);
    h_lit(b, "”. Chưa lưu: kiểm tra rồi bấm “Lưu báo cáo”.</p>");
  } else if (arg(c, "saved")) {
    h_lit(b, "<p class=\"ok\" role=\"status\">Đã lưu báo cáo.</p>");
  }
  if (!v->can_write)
    h_lit(b, "<p class=\"notice\">Bạn chỉ có quyền xem báo cáo của đơn vị này: đây là nội dung đã soạn, không sửa "
             "được. Bản in ở “Xem trước và in”.</p>");
  h_lit(b, "<p class=\"hint\">");
  if (d->id) {
    char at[40];
    time_format_vn(d->updated_at, 0, at, sizeof at);
    h_text(b, c_printf(c, "Lưu lần cuối: %s", at));
    if (d->updated_by[0]) h_text(b, c_printf(c, " bởi %s", d->updated_by));
    h_lit(b, ".");
  } else {
    h_lit(b, "Chưa lưu lần nào: các ô đang là giá trị mặc định theo đơn vị và kỳ báo cáo.");
  }
  h_lit(b, "</p>");
}

/* the sentences whose figure, linked to an annex, the annex no longer gives:
 * a warning in the editor and the preview, not a refusal */
static void stale_figures(ctx *c, const report_doc *d) {
  buf *b = &c->out;
  doc_stale *st;
  int n;
  app_report_doc_stale(c->a, &c->u, d, &st, &n);
  if (n) {
    h_lit(b, "<div class=\"notice doc-stale\" role=\"status\" id=\"stale\"><p><strong>Số liệu trong bài đã khác "
             "biểu.</strong> Các câu sau có số lấy từ biểu, nay biểu cho số khác: sửa lại số hoặc chèn lại câu trước "
             "khi ban hành.</p><ul>");
    for (int i = 0; i < n; i++) {
      buf w;
      buf_init(&w, 0);
      doc_stale_describe(&st[i], &w);
      h_lit(b, "<li>");
      h_text(b, w.s);
      h_lit(b, "</li>");
      buf_release(&w);
    }
    h_lit(b, "</ul></div>");
  }
  doc_stale_release(st, n);
}

/* before generating: the annexes whose figures are not all approved */
static void ed_approval(ctx *c, const report_doc *d) {
  buf *b = &c->out;
  const catalog *cat = app_catalog(c->a);
  int any = 0;
  for (int i = 0; i < cat->nforms; i++) {
    int units, open = app_unapproved(c->a, cat->forms[i].code, d->period, d->unit_code, &units);
    if (!open) continue;
    if (!any) h_lit(b, "<div class=\"notice ed-unapproved\"><p>Số liệu chưa được phê duyệt: các biểu sẽ in kèm dòng "
                       "“Số liệu chưa được phê duyệt”.</p><ul>");
    any = 1;
    h_lit(b, "<li>");
    h_text(b, c_printf(c, "Biểu số %d: %d/%d đơn vị", i + 1, open, units));
    h_lit(b, "</li>");
  }
  if (any) h_lit(b, "</ul></div>");
}

/* issued: said so; a writer may issue (again: an approver or admin) */
static void ed_issue(ctx *c, const report_doc *d, const ed_unit *v) {
  buf *b = &c->out;
  if (arg(c, "issued")) h_lit(b, "<p class=\"ok\" role=\"status\">Đã ban hành báo cáo.</p>");
  if (d->issued_at[0]) {
    char at[40];
    time_format_vn(d->issued_at, 0, at, sizeof at);
    h_lit(b, "<p class=\"notice ed-issued\">");
    h_text(b, c_printf(c, "Đã ban hành lúc %s: tệp DOCX, PDF là bản đã ban hành, số liệu các biểu giữ nguyên dù số liệu "
                          "sau đó thay đổi.", at));
    h_lit(b, "</p>");
  }
  if (!v->can_write || (d->issued_at[0] && c->u.role < ROLE_APPROVER)) return;
  h_lit(b, "<form method=\"post\" action=\"/documents/report/issue\" class=\"ed-issue\">");
  h_csrf(c);
  h_hidden(b, "unit", d->unit_code);
  h_hidden(b, "period", d->period);
  if (d->issued_at[0]) h_lit(b, "<button type=\"submit\">Ban hành lại (lập lại số liệu các biểu)</button>");
  else h_lit(b, "<button type=\"submit\">Ban hành</button>");
  h_lit(b, "<span class=\"hint\">Giữ số, ngày và số liệu các biểu như hiện nay.</span></form>");
}

/* POST /documents/report/issue */
void page_doc_report_issue(ctx *c) {
  period p;
  const char *period_id = period_arg(c, &p);
  const char *unit = field(c, "unit");
  if (!period_id || !unit || !*unit) {
    reply_html_error(c, 400, "Yêu cầu không hợp lệ", "Thiếu đơn vị hoặc kỳ báo cáo.");
    return;
  }
  dv_err e = {0};
  int rc = app_report_doc_issue(c->a, &c->u, unit, period_id, &e);
  if (rc) {
    reply_html_error(c, http_status_of(rc), rc == DV_EFORBIDDEN ? "Không có quyền ban hành" : "Không ban hành được",
                     sentence(c, e.msg));
    return;
  }
  reply_redirect(c, c_url(c, "/documents/report", "unit", unit, "period", period_id, "issued", "1", NULL));
}

static void editor_page(ctx *c, const report_doc *d, const ed_flash *fl) {
  buf *b = &c->out;
  ed_unit v;
  ed_unit_load(c, d->unit_code, &v);
  int ro = !v.can_write;
  period p;
  period_parse(d->period, &p);
  char plabel[64];
  period_label_vn(&p, plabel, sizeof plabel);
  doc_figure *figs = NULL;
  int nfigs = 0;
  dv_err e = {0};
  if (app_report_doc_figures(c->a, &c->u, d->unit_code, d->period, &figs, &nfigs, &e)) nfigs = 0;

  page_begin(c, c_printf(c, "Báo cáo %s · %s", plabel, v.name));
  h_lit(b, "<header class=\"annex-head\"><p class=\"kicker\">Báo cáo (văn bản) · ");
  h_text(b, v.name);
  h_lit(b, "</p><h1>Báo cáo công tác dân vận ");
  h_text(b, plabel);
  h_lit(b, "</h1></header>");
  ed_selectors(c, d->unit_code, d->period);
  ed_actions(c, d->unit_code, d->period);
  ed_status(c, d, &v, fl);
  stale_figures(c, d);
  ed_issue(c, d, &v);
  ed_approval(c, d);
  ed_variant(c, d, ro);

  if (ro) {
    h_lit(b, "<div class=\"doc-editor doc-read\">");
  } else {
    h_lit(b, "<form method=\"post\" action=\"/documents/report\" class=\"doc-editor\" data-dirty-warn=\"1\">");
    h_csrf(c);
    h_hidden(b, "unit", d->unit_code);
    h_hidden(b, "period", d->period);
    h_hidden(b, "variant", report_variant_name(d->state));
  }
  ed_header_fields(c, d, ro, fl);
  if (!ro)
    h_lit(b, "<p class=\"hint md-help\" id=\"md-help\">Cách viết: mỗi dòng là một đoạn văn; dòng bắt đầu bằng "
             "<code>#&nbsp;</code> là tiêu đề nhỏ; <code>**chữ đậm**</code>, <code>*chữ nghiêng*</code>, "
             "<code>^[lời chú thích]</code> thành chú thích cuối trang; <code>\\*</code> để viết dấu *.</p>");
  if (!ro)
    h_lit(b, "<p class=\"hint\">Bên phải mỗi mục là các câu hệ thống lập từ số liệu của kỳ; nút “Chèn” thêm câu "
             "đó vào cuối mục (có thể sửa lại trước khi lưu).</p>");
  ed_sections(c, d, &p, ro, fl, figs, nfigs);
  ed_end_fields(c, d, ro, fl);
  if (!ro)
    h_lit(b, "<div class=\"buttons ed-bar\"><button type=\"submit\" class=\"primary\">Lưu báo cáo</button>"
             "<span class=\"hint\" id=\"ed-live\" role=\"status\" aria-live=\"polite\"></span></div>");
  if (ro) h_lit(b, "</div>");
  else h_lit(b, "</form>");
  doc_figures_release(figs, nfigs);
  page_end(c);
  page_send(c);
}

void page_doc_report(ctx *c) {
  period p;
  const char *period_id = period_arg_or_400(c, &p);
  if (!period_id) return;
  const char *variant = arg(c, "variant");
  int want = variant && *variant ? report_variant_parse(variant) : -1;
  if (variant && *variant && want < 0) {
    reply_html_error(c, 400, "Thể thức không hợp lệ",
                     "Thể thức văn bản là dang (văn bản của Đảng) hoặc nha_nuoc (văn bản hành chính nhà nước).");
    return;
  }
  report_doc d;
  dv_err e = {0};
  int rc = app_report_doc_get(c->a, &c->u, unit_arg(c), period_id, &d, &e);
  if (rc) {
    reply_html_error(c, http_status_of(rc), rc == DV_EFORBIDDEN ? "Không có quyền truy cập" : "Không mở được báo cáo",
                     sentence(c, e.msg));
    return;
  }
  ed_flash fl = {0};
  if (want >= 0 && want != d.state && app_report_doc_set_variant(c->a, &d, want, 1, &e) == 0) fl.switched = 1;
  editor_page(c, &d, fl.switched ? &fl : NULL);
  report_doc_release(&d);
}

/* --- saving ----------------------------------------------------------------------- */

/* a posted text: carriage returns dropped (browsers send CRLF) */
static char *posted(ctx *c, const char *name) {
  const char *v = field(c, name);
  if (!v) return NULL;
  char *s = c_strdup(c, v), *o = s;
  for (const char *p = s; *p; p++)
    if (*p != '\r') *o++ = *p;
  *o = 0;
  return s;
}

/* a one-line field into a fixed buffer; -1 if it does not fit */
static int take_line(ctx *c, const char *name, char *dst, size_t n, ed_flash *fl) {
  char *v = posted(c, name);
  if (!v) return 0;
  text_trim(v);
  if (strlen(v) >= n) {
    fl->field = name;
    fl->msg = "Quá dài.";
    return -1;
  }
  snprintf(dst, n, "%s", v);
  return 0;
}

static void take_text(ctx *c, const char *name, char **dst) {
  char *v = posted(c, name);
  if (!v) return;
  free(*dst);
  *dst = xstrdup(v);
}

/* "361" or "" (not numbered yet) */
static int take_number(ctx *c, report_doc *d, ed_flash *fl) {
  char *v = posted(c, "number");
  if (!v) return 0;
  text_trim(v);
  fl->number_raw = v;
  if (!*v) {
    d->number = 0;
    return 0;
  }
  long long n = parse_id(v, 999999);
  if (n < 1) {
    fl->field = "number";
    fl->msg = "Số văn bản là số nguyên dương (bỏ trống nếu chưa cấp số).";
    return -1;
  }
  d->number = (int)n;
  return 0;
}

/* "dd/mm/yyyy" as typed, or "YYYY-MM-DD" (checked by the app) */
static int take_date(ctx *c, report_doc *d, ed_flash *fl) {
  char *v = posted(c, "date");
  if (!v) return 0;
  text_trim(v);
  fl->date_raw = v;
  int day;
  if (!*v || (strlen(v) == 10 && v[4] == '-')) {
    snprintf(d->date, sizeof d->date, "%s", v);
    return 0;
  }
  if (parse_date_vn(v, &day)) {
    fl->field = "date";
    fl->msg = c_printf(c, "Ngày ban hành không hợp lệ: %s (dạng ngày/tháng/năm).", v);
    return -1;
  }
  date_format_iso(day, d->date);
  return 0;
}

static int take_fields(ctx *c, report_doc *d, ed_flash *fl) {
  struct {
    const char *name;
    char *dst;
    size_t n;
  } lines[] = {{"symbol", d->symbol, sizeof d->symbol},
               {"place", d->place, sizeof d->place},
               {"parent_body", d->parent_body, sizeof d->parent_body},
               {"issuer", d->issuer, sizeof d->issuer},
               {"issuer_long", d->issuer_long, sizeof d->issuer_long},
               {"sign_on_behalf", d->sign_on_behalf, sizeof d->sign_on_behalf},
               {"sign_position", d->sign_position, sizeof d->sign_position},
               {"sign_name", d->sign_name, sizeof d->sign_name}};
  char *variant = posted(c, "variant");
  if (variant) {
    int v = report_variant_parse(text_trim(variant));
    if (v < 0) {
      fl->field = "variant";
      fl->msg = "Thể thức văn bản không hợp lệ.";
      return -1;
    }
    d->state = v; /* the header fields are the page's: no defaults here */
  }
  if (take_number(c, d, fl) || take_date(c, d, fl)) return -1;
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
    if (take_line(c, lines[i].name, lines[i].dst, lines[i].n, fl)) return -1;
  take_text(c, "title", &d->title);
  take_text(c, "recipients", &d->recipients);
  for (int i = 0; i < report_nsections; i++)
    take_text(c, c_printf(c, "%s%s", SECTION_PREFIX, report_sections[i].key), &d->sections[i]);
  return 0;
}

/* the app names a section by its key; the form by "sec-KEY" */
static const char *form_field_of(ctx *c, const char *app_field) {
  if (!app_field[0]) return NULL;
  for (int i = 0; i < report_nsections; i++)
    if (!strcmp(app_field, report_sections[i].key)) return c_printf(c, "%s%s", SECTION_PREFIX, app_field);
  return c_strdup(c, app_field);
}

void page_doc_report_post(ctx *c) {
  period p;
  const char *period_id = period_arg(c, &p);
  const char *unit = field(c, "unit");
  if (!period_id || !unit || !*unit) {
    reply_html_error(c, 400, "Yêu cầu không hợp lệ", "Thiếu đơn vị hoặc kỳ báo cáo.");
    return;
  }
  report_doc d;
  dv_err e = {0};
  int rc = app_report_doc_get(c->a, &c->u, unit, period_id, &d, &e);
  if (rc) {
    reply_html_error(c, http_status_of(rc), rc == DV_EFORBIDDEN ? "Không có quyền truy cập" : "Không lưu được báo cáo",
                     sentence(c, e.msg));
    return;
  }
  ed_flash fl = {0};
  if (take_fields(c, &d, &fl) == 0) {
    rc = app_report_doc_save(c->a, &c->u, &d, &e);
    if (rc == 0) {
      reply_redirect(c, c_url(c, "/documents/report", "unit", d.unit_code, "period", d.period, "saved", "1", NULL));
      report_doc_release(&d);
      return;
    }
    if (rc == DV_EFORBIDDEN) {
      reply_html_error(c, 403, "Không có quyền truy cập",
                       "Bạn không có quyền sửa báo cáo của đơn vị này (chỉ cán bộ của đơn vị hoặc cấp trên).");
      report_doc_release(&d);
      return;
    }
    fl.field = form_field_of(c, e.field);
    fl.msg = sentence(c, e.msg);
  }
  editor_page(c, &d, &fl);
  c->status = 422;
  report_doc_release(&d);
}

/* --- the preview ------------------------------------------------------------------ */

/* GET /documents/style.css: the office's layout settings for the preview and its print */
void page_doc_style(ctx *c) {
  doc_style st;
  app_doc_style(c->a, &st);
  buf_reset(&c->out);
  doc_write_css(&c->out, &st);
  c->status = 200;
  c->ctype = "text/css; charset=utf-8";
}

void page_doc_preview(ctx *c) {
  buf *b = &c->out;
  period p;
  const char *period_id = period_arg_or_400(c, &p);
  if (!period_id) return;
  const char *unit = unit_arg(c);
  built_doc bd;
  dv_err e = {0};
  int rc = app_document_build(c->a, &c->u, "report", unit, period_id, &bd, &e);
  if (rc) {
    reply_html_error(c, http_status_of(rc), rc == DV_EFORBIDDEN ? "Không có quyền truy cập" : "Không lập được văn bản",
                     sentence(c, e.msg));
    return;
  }
  const char *no = bd.doc.number ? bd.doc.number : "";
  if (!strncmp(no, "Số", strlen("Số"))) no += strlen("Số"); /* "Số 361-BC/TU", "Số: 12/BC-UBND" */
  if (*no == ':') no++;
  while (*no == ' ') no++;
  c->stylesheet = "/documents/style.css";
  page_begin(c, c_printf(c, "Xem trước: Báo cáo số %s", no));
  h_lit(b, "<nav class=\"doc-actions od-toolbar\" aria-label=\"Văn bản\"><ul class=\"actions\"><li>");
  h_link(b, report_url(c, "/documents/report", unit, period_id), "← Soạn báo cáo");
  h_lit(b, "</li><li><button type=\"button\" class=\"primary\" data-print hidden>In</button></li><li>");
  h_link(b, report_url(c, "/documents/report.docx", unit, period_id), "Tải DOCX");
  h_lit(b, "</li><li>");
  h_link(b, report_url(c, "/documents/report.pdf", unit, period_id), "Tải PDF");
  h_lit(b, "</li></ul><p class=\"hint\">Bản xem trước trên khổ A4: phần báo cáo trang đứng, mỗi biểu một trang "
           "ngang. Khi in, chọn khổ A4 và để lề mặc định.</p></nav>");
  report_doc rd;
  if (app_report_doc_get(c->a, &c->u, unit, period_id, &rd, &e) == 0) {
    stale_figures(c, &rd);
    report_doc_release(&rd);
  }
  doc_write_html(b, &bd.doc);
  built_doc_release(&bd);
  page_end(c);
  page_send(c);
}

/* --- the files -------------------------------------------------------------------- */

static void send_document(ctx *c, const char *kind, const char *key, const char *period_id, const char *format) {
  buf out;
  buf_init(&out, 0);
  char *name = NULL;
  dv_err e = {0};
  int rc = app_document_file(c->a, &c->u, kind, key, period_id, format, &out, &name, &e);
  if (rc) {
    /* a refused request names its field; a writer or converter failure does not */
    int status = e.field[0] || rc != DV_EINVAL ? http_status_of(rc) : 500;
    reply_html_error(c, status, rc == DV_EFORBIDDEN ? "Không có quyền truy cập" : "Không tạo được văn bản",
                     sentence(c, e.msg));
  } else {
    buf_reset(&c->out);
    buf_add(&c->out, out.s, out.len);
    c->status = 200;
    c->ctype = !strcmp(format, "pdf") ? MIME_PDF : MIME_DOCX;
    c->disposition = c_printf(c, "attachment; filename=\"%s\"", name);
  }
  free(name);
  buf_release(&out);
}

/* "/documents/report.pdf" -> "pdf" */
static const char *path_format(ctx *c) {
  const char *dot = strrchr(c->path, '.');
  return dot ? dot + 1 : "";
}

void page_doc_report_file(ctx *c) {
  period p;
  const char *period_id = period_arg_or_400(c, &p);
  if (!period_id) return;
  send_document(c, "report", unit_arg(c), period_id, path_format(c));
}

void page_doc_plan_file(ctx *c) {
  const char *plan = arg(c, "plan");
  if (!plan || !*plan) {
    reply_html_error(c, 400, "Thiếu số kế hoạch", "Hãy mở kế hoạch từ danh sách kế hoạch rồi tải văn bản.");
    return;
  }
  send_document(c, "plan", plan, NULL, path_format(c));
}
