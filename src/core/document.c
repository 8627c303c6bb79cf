/* Official documents as data: style parameters, the date line and number,
 * and the inline markup of body text. */
#include "core/document.h"
#include "core/doc_link.h"
#include "core/period.h"
#include "util/buf.h"
#include "util/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const doc_style_key doc_style_keys[] = {
    {"doc.font", "Times New Roman", "phông chữ (TCVN 6909:2001, Unicode)"},
    {"doc.body_pt", "14", "cỡ chữ phần nội dung, pt (13–14)"},
    {"doc.table_pt", "11", "cỡ chữ trong bảng phụ lục, pt"},
    {"doc.margin_top_mm", "20", "lề trên, mm (20–25)"},
    {"doc.margin_bottom_mm", "20", "lề dưới, mm (20–25)"},
    {"doc.margin_left_mm", "30", "lề trái, mm (30–35)"},
    {"doc.margin_right_mm", "15", "lề phải, mm (15–20)"},
    {"doc.line_spacing", "1.15", "giãn dòng, bội số của dòng đơn"},
    {"doc.first_indent_mm", "12.7", "thụt đầu dòng, mm"},
    {"doc.space_after_pt", "6", "khoảng cách sau đoạn, pt"},
    {"doc.annex_landscape", "1", "trang phụ lục nằm ngang (1) hay đứng (0)"},
    {"doc.keep_empty_levels", "", "các cấp đơn vị (vd. 1,2) mà báo cáo vẫn in đề mục không có nội dung"},
};
const int doc_style_nkeys = (int)(sizeof doc_style_keys / sizeof doc_style_keys[0]);

void doc_style_default(doc_style *s) {
  memset(s, 0, sizeof *s);
  for (int i = 0; i < doc_style_nkeys; i++) doc_style_set(s, doc_style_keys[i].key, doc_style_keys[i].fallback, NULL, 0);
}

static int number_in(const char *v, double lo, double hi, double *out) {
  char *end;
  double x = strtod(v, &end);
  if (!*v || *end || !(x >= lo && x <= hi)) return -1;
  *out = x;
  return 0;
}

/* a font name is written into XML and CSS: letters, digits, spaces, hyphens */
#define FONT_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -"

int doc_style_set(doc_style *s, const char *key, const char *value, char *err, int errlen) {
  struct {
    const char *key;
    double *dst;
    double lo, hi;
  } nums[] = {
      {"doc.body_pt", &s->body_pt, 8, 20},           {"doc.table_pt", &s->table_pt, 6, 16},
      {"doc.margin_top_mm", &s->margin_top_mm, 5, 60}, {"doc.margin_bottom_mm", &s->margin_bottom_mm, 5, 60},
      {"doc.margin_left_mm", &s->margin_left_mm, 5, 60}, {"doc.margin_right_mm", &s->margin_right_mm, 5, 60},
      {"doc.line_spacing", &s->line_spacing, 1, 3},   {"doc.first_indent_mm", &s->first_indent_mm, 0, 40},
      {"doc.space_after_pt", &s->space_after_pt, 0, 30},
  };
  if (!strcmp(key, "doc.font")) {
    if (!*value || strlen(value) >= sizeof s->font || strspn(value, FONT_CHARS) != strlen(value)) {
      if (err) snprintf(err, (size_t)errlen, "tên phông không hợp lệ: %s", value);
      return -1;
    }
    snprintf(s->font, sizeof s->font, "%s", value);
    return 0;
  }
  if (!strcmp(key, "doc.keep_empty_levels")) {
    if (strlen(value) >= sizeof s->keep_empty_levels || strspn(value, "0123456789,") != strlen(value)) {
      if (err) snprintf(err, (size_t)errlen, "%s nhận các cấp đơn vị ngăn bởi dấu phẩy (vd. 1,2): %s", key, value);
      return -1;
    }
    snprintf(s->keep_empty_levels, sizeof s->keep_empty_levels, "%s", value);
    return 0;
  }
  if (!strcmp(key, "doc.annex_landscape")) {
    if (strcmp(value, "0") && strcmp(value, "1")) {
      if (err) snprintf(err, (size_t)errlen, "%s nhận 0 hoặc 1", key);
      return -1;
    }
    s->annex_landscape = value[0] == '1';
    return 0;
  }
  for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
    if (strcmp(key, nums[i].key)) continue;
    if (number_in(value, nums[i].lo, nums[i].hi, nums[i].dst) == 0) return 0;
    if (err) snprintf(err, (size_t)errlen, "%s phải là số từ %g đến %g: %s", key, nums[i].lo, nums[i].hi, value);
    return -1;
  }
  if (err) snprintf(err, (size_t)errlen, "không có tham số văn bản %s", key);
  return -1;
}

int doc_style_keeps_empty(const doc_style *s, int level) {
  for (const char *p = s->keep_empty_levels; *p;) {
    char *end;
    long v = strtol(p, &end, 10);
    if (end > p && v == level) return 1;
    p = *end ? end + 1 : end;
  }
  return 0;
}

void official_doc_init(official_doc *d) {
  memset(d, 0, sizeof *d);
  doc_style_default(&d->style);
}

void official_doc_release(official_doc *d) {
  free(d->parent_body), free(d->issuer), free(d->number), free(d->date_line);
  free(d->kind_title), free(d->subtitle);
  for (int i = 0; i < d->nparas; i++) free(d->paras[i].text);
  free(d->paras);
  for (int i = 0; i < d->nrecipients; i++) free(d->recipients[i]);
  free(d->recipients);
  free(d->sign_on_behalf), free(d->sign_position), free(d->sign_name);
  for (int i = 0; i < d->nannexes; i++) {
    free(d->annexes[i].caption), free(d->annexes[i].title), free(d->annexes[i].attached);
    free(d->annexes[i].label), free(d->annexes[i].note);
  }
  free(d->annexes);
  memset(d, 0, sizeof *d);
}

void official_doc_add_para(official_doc *d, doc_para_kind kind, const char *text) {
  if (d->nparas == d->cappara) {
    d->cappara = d->cappara ? d->cappara * 2 : 32;
    d->paras = xrealloc(d->paras, sizeof *d->paras * (size_t)d->cappara);
  }
  d->paras[d->nparas].kind = kind;
  d->paras[d->nparas].text = xstrdup(text ? text : "");
  d->nparas++;
}

void official_doc_add_recipient(official_doc *d, const char *text) {
  d->recipients = xrealloc(d->recipients, sizeof(char *) * (size_t)(d->nrecipients + 1));
  d->recipients[d->nrecipients++] = xstrdup(text ? text : "");
}

void official_doc_add_annex(official_doc *d, const rtable *t, const char *caption, const char *title,
                            const char *attached) {
  d->annexes = xrealloc(d->annexes, sizeof *d->annexes * (size_t)(d->nannexes + 1));
  doc_annex *x = &d->annexes[d->nannexes++];
  x->table = t;
  x->caption = xstrdup(caption ? caption : "");
  x->title = xstrdup(title ? title : "");
  x->attached = xstrdup(attached ? attached : "");
  x->label = xstrdup("");
  x->note = xstrdup("");
}

void official_doc_annex_marks(official_doc *d, const char *label, const char *note) {
  if (!d->nannexes) return;
  doc_annex *x = &d->annexes[d->nannexes - 1];
  free(x->label), free(x->note);
  x->label = xstrdup(label ? label : "");
  x->note = xstrdup(note ? note : "");
}

char *doc_date_line(const char *place, int day) {
  int y, m, dd;
  date_to_ymd(day, &y, &m, &dd);
  buf b;
  buf_init(&b, 0);
  if (place && *place) buf_addf(&b, "%s, ", place);
  buf_addf(&b, dd < 10 ? "ngày %02d" : "ngày %d", dd);
  buf_addf(&b, m <= 2 ? " tháng %02d" : " tháng %d", m);
  buf_addf(&b, " năm %d", y);
  return buf_detach(&b, NULL);
}

void doc_period_words(const period *p, int next, char *out, size_t n) {
  static const char *const ROMAN[] = {"", "I", "II", "III", "IV"};
  period q = *p;
  if (next && q.kind == PERIOD_YEAR) q.year++;
  else if (next && q.kind == PERIOD_NINE) q.kind = PERIOD_QUARTER, q.idx = 4;
  else if (next) {
    int last = q.kind == PERIOD_HALF ? 2 : q.kind == PERIOD_QUARTER ? 4 : 12;
    if (q.idx == last) q.idx = 1, q.year++;
    else q.idx++;
  }
  switch (q.kind) {
  case PERIOD_YEAR: snprintf(out, n, "năm %d", q.year); break;
  case PERIOD_HALF: snprintf(out, n, "6 tháng %s năm %d", q.idx == 1 ? "đầu" : "cuối", q.year); break;
  case PERIOD_QUARTER: snprintf(out, n, "quý %s năm %d", ROMAN[q.idx], q.year); break;
  case PERIOD_MONTH: snprintf(out, n, "tháng %d năm %d", q.idx, q.year); break;
  case PERIOD_NINE: snprintf(out, n, "9 tháng đầu năm %d", q.year); break;
  }
}

char *doc_number(int number, const char *symbol) {
  buf b;
  buf_init(&b, 0);
  if (number > 0) buf_addf(&b, "Số %d-%s", number, symbol);
  else buf_addf(&b, "Số     -%s", symbol); /* the number is written by hand when signed */
  return buf_detach(&b, NULL);
}

char *doc_number_state(int number, const char *symbol) {
  buf b;
  buf_init(&b, 0);
  if (number > 0) buf_addf(&b, number < 10 ? "Số: %02d/%s" : "Số: %d/%s", number, symbol);
  else buf_addf(&b, "Số:      /%s", symbol); /* the number is written by hand when signed */
  return buf_detach(&b, NULL);
}

const char DOC_NATION_NAME[] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const char DOC_NATION_MOTTO[] = "Độc lập - Tự do - Hạnh phúc";

size_t doc_state_name_break(const char *name) {
  static const char *const HEADS[] = {"ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN ", "HỘI ĐỒNG NHÂN DÂN "};
  for (size_t i = 0; name && i < sizeof HEADS / sizeof HEADS[0]; i++) {
    size_t n = strlen(HEADS[i]);
    if (!strncmp(name, HEADS[i], n) && name[n] && name[n] != ' ') return n - 1;
  }
  return 0;
}

/* --- inline markup ---------------------------------------------------------- */

typedef struct run_list {
  doc_run *v;
  int n, cap;
} run_list;

static void push(run_list *l, const char *s, int len, int bold, int italic, int footnote) {
  if (len <= 0) return;
  if (l->n == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 8;
    l->v = xrealloc(l->v, sizeof *l->v * (size_t)l->cap);
  }
  l->v[l->n++] = (doc_run){s, len, bold, italic, footnote};
}

/* the end of a footnote "^[ … ]" starting at p (after "^["), brackets nested */
static const char *footnote_end(const char *p) {
  int depth = 1;
  for (; *p; p++) {
    if (*p == '\\' && p[1]) p++;
    else if (*p == '[') depth++;
    else if (*p == ']' && --depth == 0) return p;
  }
  return NULL;
}

int doc_runs(const char *text, doc_run **runs, char **storage) {
  size_t n = strlen(text);
  char *out = xmalloc(n + 1); /* the text with escapes resolved; runs point into it */
  run_list l = {0};
  int bold = 0, italic = 0, footnote = 0;
  const char *fn_end = NULL;
  size_t o = 0, start = 0;
  for (const char *p = text; *p;) {
    int toggle = 0;
    if (p[0] == '\\' && (p[1] == '*' || p[1] == '^' || p[1] == '[' || p[1] == ']' || p[1] == '\\')) {
      if (footnote) out[o++] = p[0]; /* a footnote's text stays markup, split again by the writer */
      out[o++] = p[1];
      p += 2;
      continue;
    }
    doc_link link;
    if (!footnote && doc_link_parse(p, &link)) { /* a linked figure prints as its number */
      memcpy(out + o, link.shown, (size_t)link.shown_len);
      o += (size_t)link.shown_len;
      p += link.len;
      continue;
    }
    if (footnote) toggle = p == fn_end ? 4 : 0; /* a footnote's text is plain */
    else if (p[0] == '^' && p[1] == '[' && (fn_end = footnote_end(p + 2)) != NULL) toggle = 3;
    else if (p[0] == '*' && p[1] == '*') toggle = 2;
    else if (p[0] == '*') toggle = 1;
    if (!toggle) {
      out[o++] = *p++;
      continue;
    }
    push(&l, out + start, (int)(o - start), bold, italic, footnote);
    start = o;
    if (toggle == 1) italic = !italic, p += 1;
    else if (toggle == 2) bold = !bold, p += 2;
    else if (toggle == 3) footnote = 1, p += 2;
    else footnote = 0, fn_end = NULL, p += 1;
  }
  push(&l, out + start, (int)(o - start), bold, italic, footnote);
  out[o] = 0;
  *runs = l.v;
  *storage = out;
  return l.n;
}

/* --- the issuer block (Hướng dẫn 36-HD/VPTW) ------------------------------------ */

/* upper case; text that is not UTF-8 (never stored) kept as it is */
static char *upper_copy(const char *s) {
  char *u = text_upper(s ? s : "");
  return u ? u : xstrdup(s ? s : "");
}

void doc_party_issuer(const char *committee, const char *parent_area, const char *board, char **parent_body,
                      char **issuer) {
  if (board && *board) { /* "THÀNH ỦY HẢI PHÒNG" over "BAN DÂN VẬN" */
    *parent_body = upper_copy(committee);
    *issuer = upper_copy(board);
    return;
  }
  *issuer = upper_copy(committee);
  if (!parent_area || !*parent_area) { /* a Tỉnh ủy, Thành ủy: its name alone */
    *parent_body = xstrdup("");
    return;
  }
  char *up_area = upper_copy(parent_area); /* "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG" over "QUẬN ỦY NGÔ QUYỀN" */
  buf b;
  buf_init(&b, 0);
  buf_addf(&b, "ĐẢNG BỘ %s", up_area);
  *parent_body = buf_detach(&b, NULL);
  free(up_area);
}

void official_doc_recipient_line(const official_doc *d, int i, buf *out, int *sub) {
  const char *r = d->recipients[i];
  *sub = r[0] == '+' && r[1] == ' ';
  if (*sub) r += 2;
  while (*r == '-' || *r == ' ') r++; /* "- " is added here, like the comma or full stop after */
  size_t n = strlen(r);
  while (n && (r[n - 1] == ',' || r[n - 1] == '.' || r[n - 1] == ';' || r[n - 1] == ' ')) n--;
  int head = n && r[n - 1] == ':';
  buf_adds(out, *sub ? "+ " : "- ");
  buf_add(out, r, n);
  if (!head) buf_adds(out, i == d->nrecipients - 1 ? "." : d->state ? ";" : ",");
}
