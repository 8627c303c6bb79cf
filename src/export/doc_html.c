/* The official document as HTML (doc_html.h): the paper laid out by the
 * same rules as the DOCX writer (Hướng dẫn 36-HD/VPTW, seed 004; Decree
 * 30/2020/NĐ-CP for a state body), with the measures left to the
 * stylesheet. */
#include "export/doc_html.h"
#include "export/report_out.h"
#include "util/esc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the line printed above the date on the right of the header block */
static const char PARTY_LINE[] = "ĐẢNG CỘNG SẢN VIỆT NAM";

/* n bytes of s, escaped; '\n' as <br> */
static void text_n(buf *b, const char *s, size_t n) {
  char *tmp = xstrndup(s, n);
  char *line = tmp;
  for (char *nl; (nl = strchr(line, '\n'));) {
    *nl = 0;
    esc_html(b, line);
    buf_adds(b, "<br>");
    line = nl + 1;
  }
  esc_html(b, line);
  free(tmp);
}

void doc_html_inline(buf *b, const char *text, int *fn, buf *notes) {
  doc_run *runs;
  char *storage;
  int n = doc_runs(text ? text : "", &runs, &storage);
  for (int i = 0; i < n; i++) {
    const doc_run *r = &runs[i];
    if (r->footnote) { /* one run per footnote: its text is plain */
      if (!notes) continue;
      int k = ++*fn;
      buf_addf(b, "<sup class=\"od-fnref\"><a href=\"#od-fn-%d\" id=\"od-fnref-%d\">%d</a></sup>", k, k, k);
      buf_addf(notes, "<li id=\"od-fn-%d\" value=\"%d\">", k, k);
      /* the footnote's own **bold** and *italic* (doc_runs keeps a footnote's text as markup) */
      char *inner = xstrndup(r->text, (size_t)r->len);
      doc_html_inline(notes, inner, fn, NULL);
      free(inner);
      buf_adds(notes, "</li>");
      continue;
    }
    if (r->bold) buf_adds(b, "<strong>");
    if (r->italic) buf_adds(b, "<em>");
    text_n(b, r->text, (size_t)r->len);
    if (r->italic) buf_adds(b, "</em>");
    if (r->bold) buf_adds(b, "</strong>");
  }
  free(runs);
  free(storage);
}

/* <p class="cls">text</p>, the text plain (escaped, not markup) */
static void para_plain(buf *b, const char *cls, const char *text) {
  buf_adds(b, "<p class=\"");
  buf_adds(b, cls);
  buf_adds(b, "\">");
  if (text) text_n(b, text, strlen(text));
  buf_adds(b, "</p>");
}

/* a state body's name on the lines of its custom ("ỦY BAN NHÂN DÂN" over
 * the place, core/document.h) */
static void para_state_name(buf *b, const char *cls, const char *name) {
  size_t cut = doc_state_name_break(name);
  if (!cut) {
    para_plain(b, cls, name);
    return;
  }
  buf_addf(b, "<p class=\"%s\">", cls);
  text_n(b, name, cut);
  buf_adds(b, "<br>");
  text_n(b, name + cut + 1, strlen(name + cut + 1));
  buf_adds(b, "</p>");
}

/* Hướng dẫn 36: upper left the parent body, the issuer, "*", the number;
 * upper right the Party line and the date line. Decree 30: upper left the
 * parent body, the issuer with a short rule under it, "Số: …"; upper right
 * the national name, the motto with a rule under it, the date line. */
static void put_head(buf *b, const official_doc *d) {
  buf_adds(b, "<header class=\"od-head\"><div class=\"od-issuer\">");
  if (d->state) {
    if (d->parent_body && *d->parent_body) para_state_name(b, "od-parent", d->parent_body);
    para_state_name(b, "od-org", d->issuer ? d->issuer : "");
    buf_adds(b, "<p class=\"od-org-rule\" aria-hidden=\"true\"></p>");
  } else {
    if (d->parent_body && *d->parent_body) para_plain(b, "od-parent", d->parent_body);
    para_plain(b, "od-org", d->issuer);
    buf_adds(b, "<p class=\"od-star\" aria-hidden=\"true\">*</p>");
  }
  para_plain(b, "od-no", d->number);
  buf_adds(b, "</div><div class=\"od-nation\">");
  if (d->state) {
    para_plain(b, "od-country", DOC_NATION_NAME);
    para_plain(b, "od-motto", DOC_NATION_MOTTO);
  } else {
    para_plain(b, "od-party", PARTY_LINE);
  }
  para_plain(b, "od-date", d->date_line);
  buf_adds(b, "</div></header>");
}

static void put_title(buf *b, const official_doc *d, int *fn, buf *notes) {
  buf_adds(b, "<h1 class=\"od-title\"><span class=\"od-kind\">");
  esc_html(b, d->kind_title);
  buf_adds(b, "</span>");
  if (d->subtitle && *d->subtitle) {
    buf_adds(b, "<span class=\"od-sub\">");
    doc_html_inline(b, d->subtitle, fn, notes);
    buf_adds(b, "</span>");
  }
  if (d->state) buf_adds(b, "</h1><p class=\"od-rule od-rule-solid\" aria-hidden=\"true\"></p>");
  else buf_adds(b, "</h1><p class=\"od-rule\" aria-hidden=\"true\">-----</p>");
}

static void put_body(buf *b, const official_doc *d, int *fn, buf *notes) {
  for (int i = 0; i < d->nparas; i++) {
    const doc_para *p = &d->paras[i];
    const char *open = "<p class=\"od-body\">", *close = "</p>";
    if (p->kind == DP_PART) open = "<h2 class=\"od-part\">", close = "</h2>";
    else if (p->kind == DP_HEADING) open = "<h3 class=\"od-heading\">", close = "</h3>";
    else if (p->kind == DP_CENTER) open = "<p class=\"od-center\">";
    buf_adds(b, open);
    doc_html_inline(b, p->text, fn, notes);
    buf_adds(b, close);
  }
}

/* "Nơi nhận" on the left, each line as the DOCX prints it
 * (official_doc_recipient_line: its dash, its italics, "+" items one step
 * in, hanging after the dash; "Nơi nhận:" upright and underlined by Hướng
 * dẫn 36, bold italic by Decree 30), the signature on the right */
static void put_end(buf *b, const official_doc *d) {
  buf_addf(b, "<footer class=\"od-end\"><div class=\"od-recipients\"><p class=\"od-recv%s\">Nơi nhận:</p><ul>",
           d->state ? " od-recv-state" : "");
  for (int i = 0; i < d->nrecipients; i++) {
    buf line;
    buf_init(&line, 0);
    int sub;
    official_doc_recipient_line(d, i, &line, &sub);
    buf_adds(b, sub ? "<li class=\"od-sub\">" : "<li>");
    doc_html_inline(b, line.s, NULL, NULL);
    buf_adds(b, "</li>");
    buf_release(&line);
  }
  buf_adds(b, "</ul></div><div class=\"od-signer\">");
  if (d->sign_on_behalf && *d->sign_on_behalf) para_plain(b, "od-sign", d->sign_on_behalf);
  if (d->sign_position && *d->sign_position) para_plain(b, "od-sign", d->sign_position);
  buf_adds(b, "<p class=\"od-sign-space\" aria-hidden=\"true\"></p>");
  if (d->sign_name && *d->sign_name) para_plain(b, "od-sign-name", d->sign_name);
  buf_adds(b, "</div></footer>");
}

/* --- annexes ------------------------------------------------------------------ */

static void cell(buf *b, const rcell *x) {
  if (x->kind == CELL_NUM) {
    buf_adds(b, "<td class=\"num\">");
    format_number_vn(b, x->num);
  } else if (x->kind == CELL_TEXT) {
    buf_adds(b, "<td class=\"txt\">");
    esc_html(b, x->text);
  } else {
    buf_adds(b, "<td>");
  }
  buf_adds(b, "</td>");
}

/* A list annex (Biểu 4) has no row header: its rows are numbered in its own
 * STT column, so it gets one header row and no label column. */
static int is_list(const rtable *t) { return !t->row_header || !*t->row_header; }

static void list_head(buf *b, const rtable *t) {
  buf_adds(b, "<thead><tr>");
  for (int i = 0; i < t->ncols; i++) {
    buf_adds(b, "<th scope=\"col\">");
    if (t->depth[i]) esc_html(b, t->paths[i][t->depth[i] - 1]);
    buf_adds(b, "</th>");
  }
  buf_adds(b, "</tr></thead>");
}

/* the width class: the stylesheet sets smaller type for many columns */
static const char *width_class(const rtable *t) {
  int n = t->ncols + !is_list(t);
  return n > 26 ? "od-table od-xwide" : n > 14 ? "od-table od-wide" : "od-table";
}

static void put_annex_table(buf *b, const rtable *t) {
  int list = is_list(t);
  buf_addf(b, "<div class=\"od-table-wrap\"><table class=\"%s%s\">", width_class(t), list ? " od-list" : "");
  if (list) list_head(b, t);
  else report_write_html_head(b, t);
  buf_adds(b, "<tbody>");
  for (int r = 0; r < t->nrows; r++) {
    const rrow *row = &t->rows[r];
    buf_adds(b, row->is_total ? "<tr class=\"od-total\">" : "<tr>");
    if (!list) {
      buf_adds(b, "<th scope=\"row\">");
      esc_html(b, row->label);
      buf_adds(b, "</th>");
    }
    for (int k = 0; k < t->ncols; k++) cell(b, &row->cells[k]);
    buf_adds(b, "</tr>");
  }
  if (!t->nrows) buf_addf(b, "<tr><td class=\"od-empty\" colspan=\"%d\">Không có số liệu.</td></tr>", t->ncols + !list);
  buf_adds(b, "</tbody></table></div>");
}

static void put_annex(buf *b, const doc_annex *x, int k) {
  int a3 = x->table && !strcmp(width_class(x->table), "od-table od-xwide"); /* across A3 when printed, as the DOCX */
  buf_addf(b, "<section class=\"od-sheet od-annex%s\" aria-labelledby=\"od-annex-%d\">", a3 ? " od-a3" : "", k);
  if (x->label && *x->label) para_plain(b, "od-alabel", x->label);
  buf_addf(b, "<h2 class=\"od-atitle\" id=\"od-annex-%d\"><span class=\"od-caption\">", k);
  esc_html(b, x->caption);
  buf_adds(b, "</span> ");
  esc_html(b, x->title);
  buf_adds(b, "</h2>");
  if (x->attached && *x->attached) para_plain(b, "od-attached", x->attached);
  if (x->note && *x->note) para_plain(b, "od-unapproved", x->note);
  if (x->table) put_annex_table(b, x->table);
  buf_adds(b, "</section>");
}

void doc_write_html(buf *b, const official_doc *d) {
  buf notes;
  buf_init(&notes, 0);
  int fn = 0;
  buf_adds(b, d->state ? "<article class=\"odoc od-state\" lang=\"vi\">" : "<article class=\"odoc\" lang=\"vi\">");
  buf_adds(b, "<section class=\"od-sheet od-main\">");
  put_head(b, d);
  put_title(b, d, &fn, &notes);
  buf_adds(b, "<div class=\"od-text\">");
  put_body(b, d, &fn, &notes);
  buf_adds(b, "</div>");
  put_end(b, d);
  if (fn) {
    buf_adds(b, "<section class=\"od-notes\" aria-label=\"Chú thích\"><ol>");
    buf_add(b, notes.s, notes.len);
    buf_adds(b, "</ol></section>");
  }
  buf_adds(b, "</section>");
  for (int i = 0; i < d->nannexes; i++) put_annex(b, &d->annexes[i], i + 1);
  buf_adds(b, "</article>");
  buf_release(&notes);
}

void doc_write_css(buf *b, const doc_style *st) {
  /* the font name holds only letters, digits, spaces and hyphens (doc_style_set) */
  buf_addf(b, ".odoc{font-family:\"%s\",\"Times New Roman\",Tinos,\"Liberation Serif\",serif;font-size:%gpt}\n",
           st->font, st->body_pt);
  buf_addf(b, ".od-sheet,.od-sheet.od-annex{padding:%gmm %gmm %gmm %gmm}\n", st->margin_top_mm, st->margin_right_mm,
           st->margin_bottom_mm, st->margin_left_mm);
  buf_addf(b, ".od-text p,.od-text h3{text-indent:%gmm;margin:0 0 %gpt;line-height:%g}\n", st->first_indent_mm,
           st->space_after_pt, st->line_spacing);
  buf_addf(b, "table.od-table{font-size:%gpt}\n", st->table_pt);
  buf_addf(b, "@page odoc{size:A4 portrait;margin:%gmm %gmm %gmm %gmm}\n", st->margin_top_mm, st->margin_right_mm,
           st->margin_bottom_mm, st->margin_left_mm);
  buf_addf(b, "@page annex{size:A4 %s;margin:%gmm %gmm %gmm %gmm}\n", st->annex_landscape ? "landscape" : "portrait",
           st->margin_top_mm, st->margin_right_mm, st->margin_bottom_mm, st->margin_left_mm);
  buf_addf(b, "@page annex3{size:A3 landscape;margin:%gmm %gmm %gmm %gmm}\n", st->margin_top_mm, st->margin_right_mm,
           st->margin_bottom_mm, st->margin_left_mm);
}
