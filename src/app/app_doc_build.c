/* Assembles an official_doc from a stored report (narrative + live
 * annexes) or from a plan, and writes it as DOCX or PDF. */
#include "app/app_documents.h"
#include "app/app_doc_check.h"
#include "app/app_internal.h"
#include "export/docx.h"
#include "export/pdf.h"
#include "util/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PDF_TIMEOUT_S 90
#define PDF_PARALLEL 2
#define PDF_WAIT_S 60

void app_doc_style(app *a, doc_style *st) {
  doc_style_default(st);
  store *s = app_store(a);
  for (int i = 0; i < doc_style_nkeys; i++) {
    char v[64];
    if (store_setting_get(s, doc_style_keys[i].key, v, sizeof v) == 0) doc_style_set(st, doc_style_keys[i].key, v, NULL, 0);
  }
}

/* a text as paragraphs: each non-empty line one paragraph, "# " a heading */
static void add_text(official_doc *d, const char *text) {
  const char *s = text ? text : "";
  while (*s) {
    const char *nl = strchr(s, '\n');
    size_t len = nl ? (size_t)(nl - s) : strlen(s);
    char *line = xstrndup(s, len);
    size_t n = strlen(line);
    if (n && line[n - 1] == '\r') line[--n] = 0;
    text_trim(line);
    if (!strncmp(line, "# ", 2)) official_doc_add_para(d, DP_HEADING, text_trim(line + 2));
    else if (*line) official_doc_add_para(d, DP_BODY, line);
    free(line);
    s += len + (nl ? 1 : 0);
  }
}

/* the spaces of each occurrence of phrase in b made no-break (U+00A0), so a
 * heading never breaks inside it ("… DÂN VẬN 6 / THÁNG CUỐI NĂM 2023") */
static void bind_phrase(buf *b, const char *phrase) {
  size_t n = strlen(phrase);
  if (!n || !strchr(phrase, ' ')) return;
  buf out;
  buf_init(&out, 0);
  for (const char *s = b->s; *s;) {
    if (strncmp(s, phrase, n)) {
      buf_addc(&out, *s++);
      continue;
    }
    for (size_t i = 0; i < n; i++)
      if (phrase[i] == ' ') buf_adds(&out, "\xC2\xA0");
      else buf_addc(&out, phrase[i]);
    s += n;
  }
  buf_release(b);
  *b = out;
}

/* the period's words as the outline prints them, bound ("6 THÁNG ĐẦU NĂM 2023") */
static void bind_period(buf *b, const period *p) {
  for (int next = 0; next < 2; next++) {
    char words[64];
    doc_period_words(p, next, words, sizeof words);
    char *up = text_upper(words);
    bind_phrase(b, up ? up : words);
    bind_phrase(b, words);
    free(up);
  }
}

/* a section heading, placeholders expanded; part headings are two lines */
static void add_heading(app *a, official_doc *d, const char *tmpl, const period *p, doc_para_kind kind) {
  buf b;
  buf_init(&b, 0);
  app_outline_text(a, tmpl, p, &b);
  bind_period(&b, p);
  char *line = b.s, *nl;
  while ((nl = strchr(line, '\n'))) {
    *nl = 0;
    official_doc_add_para(d, kind, line);
    line = nl + 1;
  }
  official_doc_add_para(d, kind, line);
  buf_release(&b);
}

void built_doc_release(built_doc *b) {
  official_doc_release(&b->doc);
  for (int i = 0; i < b->ntables; i++) rtable_release(&b->tables[i]);
  free(b->tables);
  b->tables = NULL;
  b->ntables = 0;
}

static void add_recipients(official_doc *d, const char *text) {
  const char *s = text ? text : "";
  while (*s) {
    const char *nl = strchr(s, '\n');
    size_t len = nl ? (size_t)(nl - s) : strlen(s);
    char *line = xstrndup(s, len);
    text_trim(line);
    char *l = line;
    if (l[0] == '-' && l[1] == ' ') l += 2; /* "- Ban Dân vận Trung ương," */
    size_t k = strlen(l);
    while (k && (l[k - 1] == ',' || l[k - 1] == '.' || l[k - 1] == '\r')) l[--k] = 0;
    if (*l) official_doc_add_recipient(d, l);
    free(line);
    s += len + (nl ? 1 : 0);
  }
}

/* the line under each annex's title: "(Kèm theo Báo cáo số 361-BC/TU, ngày
 * 19/6/2023 của Ban Thường vụ Thành ủy Hải Phòng)" (Hướng dẫn 36), or "(Kèm
 * theo Báo cáo số 12/BC-UBND ngày 19 tháng 6 năm 2023 của Ủy ban nhân dân
 * thành phố Hải Phòng)" (Decree 30); the number blank when not given yet */
char *app_report_attached_line(const report_doc *rd) {
  int day = 0, dated = rd->date[0] && !date_parse(rd->date, &day);
  buf b;
  buf_init(&b, 0);
  if (rd->state == REPORT_STATE) {
    char *no = doc_number_state(rd->number, rd->symbol);
    const char *n = no + strlen("Số: ");
    char *when = dated ? doc_date_line(NULL, day) : NULL;
    buf_addf(&b, "(Kèm theo Báo cáo số %s%s%s của %s)", n, when ? " " : "", when ? when : "", rd->issuer_long);
    free(when);
    free(no);
    return buf_detach(&b, NULL);
  }
  char when[32] = "";
  if (dated) {
    int y, m, dd;
    date_to_ymd(day, &y, &m, &dd);
    snprintf(when, sizeof when, ", ngày %d/%d/%d", dd, m, y);
  }
  if (rd->number > 0) buf_addf(&b, "(Kèm theo Báo cáo số %d-%s%s của %s)", rd->number, rd->symbol, when, rd->issuer_long);
  else buf_addf(&b, "(Kèm theo Báo cáo số      -%s%s của %s)", rd->symbol, when, rd->issuer_long);
  return buf_detach(&b, NULL);
}

/* "Số liệu chưa được phê duyệt: 15/15 đơn vị" when a reporting unit's form
 * is not approved for the period; "" when all are */
static void unapproved_note(app *a, const char *form_code, const report_doc *rd, char *out, size_t n) {
  int units, open = app_unapproved(a, form_code, rd->period, rd->unit_code, &units);
  if (open) snprintf(out, n, "Số liệu chưa được phê duyệt: %d/%d đơn vị", open, units);
  else out[0] = 0;
}

/* The caption and title as the seed: a table of figures (Biểu 1–3) under
 * "BẢNG TỔNG HỢP SỐ LIỆU" and its title as a phrase ("về phong trào thi
 * đua …", not "Bảng tổng hợp số liệu về …" again); a list (Biểu 4) and the
 * tables by level (Biểu 5–7) under "BẢNG TỔNG HỢP", the list's title
 * without "Danh mục" and naming the committee and its standing board ("của
 * Thành ủy, Ban Thường vụ Thành ủy Hải Phòng"), the level tables' title in
 * capitals. */
static void annex_title(const form *f, const rtable *t, const char *committee, const char *words, buf *out,
                        const char **caption) {
  static const char *const DROP[] = {"Bảng tổng hợp số liệu ", "Danh mục "};
  const char *title = t->title;
  for (size_t i = 0; i < sizeof DROP / sizeof DROP[0]; i++)
    if (!strncmp(title, DROP[i], strlen(DROP[i]))) title = title + strlen(DROP[i]);
  buf b;
  buf_init(&b, 0);
  const char *of = committee[0] && f->rows == ROWS_LIST ? strstr(title, committee) : NULL;
  const char *sp = of ? strchr(committee, ' ') : NULL, *sp2 = sp ? strchr(sp + 1, ' ') : NULL;
  if (of && sp2 && strncmp(committee, "Đảng ủy", strlen("Đảng ủy"))) /* "Thành ủy, Ban Thường vụ Thành ủy Hải Phòng" */
    buf_addf(&b, "%.*s%.*s, Ban Thường vụ %s", (int)(of - title), title, (int)(sp2 - committee), committee, of);
  else buf_adds(&b, title);
  buf_addf(&b, " %s", words);
  if (f->rows == ROWS_LEVELS) {
    char *up = text_upper(b.s);
    buf_adds(out, up ? up : b.s);
    free(up);
  } else {
    buf_add(out, b.s, b.len);
  }
  buf_release(&b);
  *caption = f->rows == ROWS_SELF ? "BẢNG TỔNG HỢP SỐ LIỆU" : "BẢNG TỔNG HỢP";
}

/* one annex: "Biểu số N", caption, title, the "(Kèm theo …)" line, the
 * note when figures are not all approved */
static void add_annex(app *a, official_doc *d, const form *f, const rtable *t, const report_doc *rd,
                      const char *words, const char *attached, int n) {
  char committee[256] = "", label[32], note[160];
  pthread_rwlock_rdlock(&a->lock);
  int pos = app_unit_pos(a, rd->unit_code);
  if (pos >= 0) tree_committee_name(&a->t, pos, committee, sizeof committee);
  pthread_rwlock_unlock(&a->lock);
  buf title;
  buf_init(&title, 0);
  const char *caption;
  annex_title(f, t, committee, words, &title, &caption);
  official_doc_add_annex(d, t, caption, title.s, attached);
  buf_release(&title);
  snprintf(label, sizeof label, "Biểu số %d", n);
  unapproved_note(a, f->code, rd, note, sizeof note);
  official_doc_annex_marks(d, label, note);
}

/* the annexes: every self, levels and list form of the catalog, computed now */
static int add_annexes(app *a, const user *u, const report_doc *rd, const period *p, built_doc *b, dv_err *e) {
  const catalog *cat = app_catalog(a);
  b->tables = xcalloc((size_t)cat->nforms + 1, sizeof(rtable));
  char words[64];
  doc_period_words(p, 0, words, sizeof words);
  char *attached = app_report_attached_line(rd);
  int rc = 0;
  for (int i = 0; i < cat->nforms && !rc; i++) {
    const form *f = &cat->forms[i];
    rc = app_report(a, u, f->code, rd->unit_code, rd->period, 0, &b->tables[b->ntables], e);
    if (rc) break;
    rtable *t = &b->tables[b->ntables++];
    add_annex(a, &b->doc, f, t, rd, words, attached, b->ntables);
  }
  free(attached);
  return rc;
}

static int has_text(const char *s) {
  for (; s && *s; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return 1;
  return 0;
}

/* 1 if a section of the group that opens at section i has text: a part
 * ("Phần thứ nhất") runs to the next part, a heading "II. …" over numbered
 * sections to the first section that is not numbered */
static int group_has_text(const report_doc *rd, int i) {
  int part = !strncmp(report_sections[i].group, "Phần", strlen("Phần"));
  for (int k = i; k < report_nsections; k++) {
    const report_section *s = &report_sections[k];
    if (k > i && part && s->group && !strncmp(s->group, "Phần", strlen("Phần"))) break;
    if (k > i && !part && (s->group || !s->heading || s->heading[0] < '0' || s->heading[0] > '9')) break;
    if (has_text(rd->sections[k])) return 1;
  }
  return 0;
}

/* the unit's level on the period's tree, 0 if unknown */
static int unit_level(app *a, const char *code, const char *period_id) {
  pthread_rwlock_rdlock(&a->lock);
  int pos = app_unit_pos_period(a, code, period_id), level = pos >= 0 ? a->t.u[pos].level : 0;
  pthread_rwlock_unlock(&a->lock);
  return level;
}

/* "6 THÁNG ĐẦU NĂM 2023" (next: the period after) */
static int build_report(app *a, const user *u, const char *unit_code, const char *period_id, built_doc *b, dv_err *e) {
  report_doc rd;
  int rc = app_report_doc_get(a, u, unit_code, period_id, &rd, e);
  if (!rc) rc = app_report_doc_fonts(a, &rd, e); /* saved before the check, or the font changed */
  if (rc) {
    report_doc_release(&rd);
    return rc;
  }
  period p;
  period_parse(rd.period, &p);
  official_doc *d = &b->doc;
  official_doc_init(d);
  app_doc_style(a, &d->style);
  d->state = rd.state == REPORT_STATE;
  d->parent_body = xstrdup(rd.parent_body);
  d->issuer = xstrdup(rd.issuer);
  d->number = d->state ? doc_number_state(rd.number, rd.symbol) : doc_number(rd.number, rd.symbol);
  int day;
  d->date_line = rd.date[0] && !date_parse(rd.date, &day) ? doc_date_line(rd.place, day) : NULL;
  if (!d->date_line) { /* not dated yet: the place and blanks to write by hand */
    buf bl;
    buf_init(&bl, 0);
    buf_addf(&bl, "%s, ngày     tháng     năm %d", rd.place, p.year + (p.kind == PERIOD_YEAR || (p.kind == PERIOD_HALF && p.idx == 2)));
    d->date_line = buf_detach(&bl, NULL);
  }
  d->kind_title = xstrdup("BÁO CÁO");
  d->subtitle = xstrdup(rd.title ? rd.title : "");
  /* a section the unit wrote nothing for is left out, heading and all (a
   * ward has no "người Việt Nam ở nước ngoài"), unless its level keeps them */
  int keep = doc_style_keeps_empty(&d->style, unit_level(a, rd.unit_code, rd.period));
  for (int i = 0; i < report_nsections; i++) {
    const report_section *s = &report_sections[i];
    if (s->group && (keep || group_has_text(&rd, i)))
      add_heading(a, d, s->group, &p, strncmp(s->group, "Phần", strlen("Phần")) ? DP_HEADING : DP_PART);
    if (!keep && !has_text(rd.sections[i])) continue;
    if (s->heading) add_heading(a, d, s->heading, &p, DP_HEADING);
    add_text(d, rd.sections[i]);
  }
  add_recipients(d, rd.recipients);
  d->sign_on_behalf = xstrdup(rd.sign_on_behalf);
  d->sign_position = xstrdup(rd.sign_position);
  d->sign_name = xstrdup(rd.sign_name);
  rc = add_annexes(a, u, &rd, &p, b, e);
  report_doc_release(&rd);
  return rc;
}

/* --- plans ------------------------------------------------------------------------ */

/* the issuer block by Hướng dẫn 36 (doc_party_issuer): a plan of the
 * committee's board ("KH/BDVTU", "KH/BTGDVTU") is issued by the board, under
 * its committee, by the board's name on the plan's day; the plan's own
 * "issuer" lines, when given, are printed as they are */
static void plan_issuer(app *a, const plan_doc *pd, official_doc *d) {
  if (pd->issuer[1]) {
    d->parent_body = xstrdup(pd->issuer[0]);
    d->issuer = xstrdup(pd->issuer[1]);
    return;
  }
  if (pd->issuer[0]) {
    d->parent_body = xstrdup("");
    d->issuer = xstrdup(pd->issuer[0]);
    return;
  }
  const char *slash = strchr(pd->symbol, '/');
  const char *board = slash && app_body_abbrev_known(a, "board", slash + 1) ? app_body_name(a, "board", pd->day, NULL) : NULL;
  char committee[256] = "", parent[256] = "";
  pthread_rwlock_rdlock(&a->lock);
  int pos = app_unit_pos(a, pd->unit);
  if (pos >= 0) {
    const unit_node *un = &a->t.u[pos];
    tree_committee_name(&a->t, pos, committee, sizeof committee);
    if (un->parent >= 0) snprintf(parent, sizeof parent, "%s", a->t.u[un->parent].name);
  }
  pthread_rwlock_unlock(&a->lock);
  doc_party_issuer(committee, parent, board, &d->parent_body, &d->issuer);
}

static void plan_item_para(official_doc *d, const plan_block *bl) {
  const char *text = bl->text ? bl->text : "";
  size_t n = strlen(bl->item.number);
  const char *sep = n && bl->item.number[n - 1] == '.' ? " " : ". ";
  const char *nl = strchr(text, '\n');
  size_t first = nl ? (size_t)(nl - text) : strlen(text);
  buf b;
  buf_init(&b, 0);
  buf_addf(&b, "%s%s", bl->item.number, sep);
  buf_add(&b, text, first);
  official_doc_add_para(d, DP_BODY, b.s);
  buf_release(&b);
  if (nl) add_text(d, nl + 1);
}

static int build_plan(app *a, const user *u, const char *symbol, built_doc *b, dv_err *e) {
  plan_doc pd;
  plan_info info;
  int rc = app_plan_get(a, u, symbol, NULL, &pd, &info, e);
  if (rc) return rc;
  official_doc *d = &b->doc;
  official_doc_init(d);
  app_doc_style(a, &d->style);
  plan_issuer(a, &pd, d);
  buf nb;
  buf_init(&nb, 0);
  buf_addf(&nb, "Số %s", pd.symbol);
  d->number = buf_detach(&nb, NULL);
  d->date_line = doc_date_line(pd.place ? pd.place : "", pd.day);
  d->kind_title = xstrdup("KẾ HOẠCH");
  const char *title = pd.title ? pd.title : "";
  if (!strncmp(title, "Kế hoạch ", strlen("Kế hoạch "))) title += strlen("Kế hoạch ");
  d->subtitle = xstrdup(title);
  if (pd.preamble) add_text(d, pd.preamble);
  for (int i = 0; i < pd.nblocks; i++) {
    const plan_block *bl = &pd.blocks[i];
    if (bl->kind == PLAN_ITEM) plan_item_para(d, bl);
    else {
      official_doc_add_para(d, DP_HEADING, bl->title ? bl->title : "");
      add_text(d, bl->text);
    }
  }
  for (int i = 0; i < pd.nrecipients; i++) official_doc_add_recipient(d, pd.recipients[i]);
  d->sign_on_behalf = xstrdup(pd.signer[0] ? pd.signer[0] : "");
  d->sign_position = xstrdup(pd.signer[1] ? pd.signer[1] : "");
  d->sign_name = xstrdup(pd.signer[2] ? pd.signer[2] : "");
  plan_doc_release(&pd);
  free(info.title);
  return 0;
}

/* --- the file --------------------------------------------------------------------- */

/* an ASCII file name: letters, digits and '-' ("BC-31-2023S1.docx") */
static char *file_name(const char *prefix, const char *key, const char *period_id, const char *ext) {
  buf b;
  buf_init(&b, 0);
  buf_adds(&b, prefix);
  for (const char *parts[] = {key, period_id}, **p = parts; p < parts + 2; p++) {
    if (!*p || !**p) continue;
    buf_addc(&b, '-');
    for (const unsigned char *s = (const unsigned char *)*p; *s; s++)
      buf_addc(&b, (*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ? (char)*s : '-');
  }
  buf_addf(&b, ".%s", ext);
  return buf_detach(&b, NULL);
}

/* LibreOffice takes a few seconds and a few hundred MB a run: at most
 * PDF_PARALLEL at once, the others wait their turn up to PDF_WAIT_S */
static pthread_mutex_t pdf_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pdf_free = PTHREAD_COND_INITIALIZER;
static int pdf_running;

static int pdf_enter(void) {
  struct timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += PDF_WAIT_S;
  pthread_mutex_lock(&pdf_lock);
  int rc = 0;
  while (pdf_running >= PDF_PARALLEL && rc == 0) rc = pthread_cond_timedwait(&pdf_free, &pdf_lock, &until);
  if (pdf_running < PDF_PARALLEL) pdf_running++, rc = 0;
  pthread_mutex_unlock(&pdf_lock);
  return rc ? -1 : 0;
}

static void pdf_leave(void) {
  pthread_mutex_lock(&pdf_lock);
  pdf_running--;
  pthread_cond_signal(&pdf_free);
  pthread_mutex_unlock(&pdf_lock);
}

static int convert_pdf(const buf *docx, buf *out, dv_err *e) {
  if (pdf_enter()) return dv_fail(e, DV_ECONFLICT, 0, "", "máy chủ đang tạo nhiều tệp PDF khác; hãy thử lại sau ít phút");
  char err[300] = "";
  int rc = pdf_from_docx(docx->s, docx->len, out, PDF_TIMEOUT_S, err, sizeof err);
  pdf_leave();
  return rc ? dv_fail(e, DV_EINVAL, 0, "", "%s", err) : 0;
}

/* "báo cáo 31 kỳ 2023S1", "kế hoạch 85-KH/BDVTU": the document in a message */
static void document_words(const char *kind, const char *key, const char *period_id, char *w, size_t n) {
  if (!strcmp(kind, "report")) snprintf(w, n, "báo cáo %s kỳ %s", key ? key : "", period_id ? period_id : "");
  else snprintf(w, n, "kế hoạch %s", key ? key : "");
}

int app_document_build(app *a, const user *u, const char *kind, const char *key, const char *period_id,
                       built_doc *out, dv_err *e) {
  memset(out, 0, sizeof *out);
  int rc;
  if (kind && !strcmp(kind, "report")) rc = build_report(a, u, key, period_id, out, e);
  else if (kind && !strcmp(kind, "plan")) rc = build_plan(a, u, key ? key : "", out, e);
  else rc = dv_fail(e, DV_EINVAL, 0, "kind", "loại văn bản: report hoặc plan");
  char what[160];
  if (!rc) document_words(kind, key, period_id, what, sizeof what);
  if (!rc) rc = app_official_doc_fonts(&out->doc, what, e);
  if (rc) built_doc_release(out);
  return rc;
}

/* the report's unit (write or read access) and its id; caller passes a parsed period */
static int issue_unit(app *a, const user *u, const char *unit_code, const period *p, int write, int64_t *unit_id,
                      dv_err *e) {
  int pos;
  pthread_rwlock_rdlock(&a->lock);
  int rc = app_unit_resolve(a, unit_code ? unit_code : "", app_period_day(a, p), &pos, e) ? e->code : 0;
  if (!rc && write && !app_can_write(a, u, pos)) rc = app_unit_unwritable(a, u, unit_code, pos, app_period_day(a, p), e);
  else if (!rc && !app_can_read(a, u, pos)) rc = app_unit_forbidden(a, u, unit_code, pos, app_period_day(a, p), e);
  if (!rc) *unit_id = a->t.u[pos].id;
  pthread_rwlock_unlock(&a->lock);
  return rc;
}

int app_report_issued(app *a, const user *u, const char *unit_code, const char *period_id, buf *docx, char *issued_at,
                      size_t n, dv_err *e) {
  period p;
  int64_t unit_id;
  if (!period_id || period_parse(period_id, &p)) return dv_fail(e, DV_EINVAL, 0, "period", "kỳ báo cáo không hợp lệ");
  int rc = issue_unit(a, u, unit_code, &p, 0, &unit_id, e);
  if (rc) return rc;
  char id[8];
  period_format(&p, id);
  int found = store_report_issue_get(app_store(a), unit_id, id, docx, issued_at, n);
  return found < 0 ? dv_fail(e, DV_EDB, 0, "", "không đọc được văn bản đã ban hành") : found;
}

/* the DOCX of a document built now */
static int docx_now(app *a, const user *u, const char *kind, const char *key, const char *period_id, buf *docx,
                    dv_err *e) {
  built_doc b;
  int rc = app_document_build(a, u, kind, key, period_id, &b, e);
  char err[300] = "";
  if (!rc && docx_write(&b.doc, docx, err, sizeof err)) rc = dv_fail(e, DV_EINVAL, 0, "", "không tạo được DOCX: %s", err);
  built_doc_release(&b);
  return rc;
}

/* the number (the next of its kind) and the date (today) an issue fixes */
static void issue_fix(app *a, report_doc *d) {
  if (d->number <= 0) d->number = d->next_number;
  if (!d->date[0]) {
    int y, m, dd;
    date_to_ymd(app_today(a), &y, &m, &dd);
    snprintf(d->date, sizeof d->date, "%04d-%02d-%02d", y, m, dd);
  }
}

int app_report_doc_issue(app *a, const user *u, const char *unit_code, const char *period_id, dv_err *e) {
  period p;
  int64_t unit_id, doc_id, issue_id;
  if (!period_id || period_parse(period_id, &p)) return dv_fail(e, DV_EINVAL, 0, "period", "kỳ báo cáo không hợp lệ");
  int rc = issue_unit(a, u, unit_code, &p, 1, &unit_id, e);
  if (rc) return rc;
  char id[8], was[32] = "";
  period_format(&p, id);
  store *s = app_store(a);
  int issued = store_report_issue_get(s, unit_id, id, NULL, was, sizeof was);
  if (issued < 0) return dv_fail(e, DV_EDB, 0, "", "không đọc được văn bản đã ban hành");
  if (issued && u && u->role < ROLE_APPROVER)
    return dv_fail(e, DV_EFORBIDDEN, 0, "", "báo cáo kỳ %s đã ban hành lúc %s: chỉ người phê duyệt ban hành lại", id, was);
  report_doc d;
  rc = app_report_doc_get(a, u, unit_code, id, &d, e);
  if (rc) return rc;
  issue_fix(a, &d);
  char *fields = report_doc_to_json(&d);
  int64_t uid;
  const char *login;
  actor_of(u, &uid, &login);
  buf docx, after;
  buf_init(&docx, 0);
  buf_init(&after, 0);
  rc = store_begin(s, e);
  if (!rc) rc = store_report_doc_put(s, unit_id, id, fields, login, &doc_id, e);
  if (!rc) rc = docx_now(a, u, "report", unit_code, id, &docx, e); /* the fields just fixed, the records now */
  if (!rc) rc = store_report_issue_put(s, unit_id, id, &docx, login, &issue_id, e);
  buf_addf(&after, "{\"number\":%d,\"symbol\":\"%s\",\"date\":\"%s\",\"docx_bytes\":%zu,\"reissue\":%s}", d.number,
           d.symbol, d.date, docx.len, issued ? "true" : "false");
  if (!rc) rc = store_audit(s, uid, login, "document.issue", "report_doc", doc_id, NULL, after.s, e);
  if (!rc) rc = store_commit(s, e);
  if (rc) store_rollback(s);
  buf_release(&after);
  buf_release(&docx);
  free(fields);
  report_doc_release(&d);
  return rc;
}

int app_document_file(app *a, const user *u, const char *kind, const char *key, const char *period_id,
                      const char *format, buf *out, char **filename, dv_err *e) {
  int pdf = format && !strcmp(format, "pdf");
  if (!format || (!pdf && strcmp(format, "docx")))
    return dv_fail(e, DV_EINVAL, 0, "format", "định dạng văn bản: docx hoặc pdf");
  buf docx;
  buf_init(&docx, 0);
  int rc = 0, issued = kind && !strcmp(kind, "report") ? app_report_issued(a, u, key, period_id, &docx, NULL, 0, e) : 0;
  if (issued < 0) rc = issued; /* an issued report is the document as issued */
  else if (!issued) rc = docx_now(a, u, kind, key, period_id, &docx, e);
  if (!rc && pdf) rc = convert_pdf(&docx, out, e); else if (!rc) {
    buf_add(out, docx.s, docx.len);
  }
  buf_release(&docx);
  if (!rc && filename)
    *filename = !strcmp(kind, "report") ? file_name("BaoCao", key, period_id, format) : file_name("KeHoach", key, NULL, format);
  return rc;
}
