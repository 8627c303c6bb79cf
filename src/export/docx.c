/* The official document as a .docx: WordprocessingML written by hand and
 * zipped in memory with libzip. Layout by Hướng dẫn 36-HD/VPTW and the seed
 * report (seed 004), or for a state body by Decree 30/2020/NĐ-CP (the header
 * block, the title's rule and the recipients differ): A4 portrait, page
 * numbers centred at the top from the second page, the header block and the
 * "Nơi nhận"/signature block as borderless two-column tables, annexes each in their own (landscape)
 * section with the header rows merged like report_write_html_head.
 *
 * Every piece of text reaches the XML through xml_text(), the one escaping
 * point of this writer. The output is deterministic (no timestamps). */
#include "export/docx.h"
#include "export/report_out.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <zip.h>

enum { A4_SHORT = 11906, A4_LONG = 16838, A3_LONG = 23811 }; /* twips (A3's short side is A4's long) */
/* the page of a section: the body's, an annex's across A4, a wide annex's across A3 */
enum { PAGE_A4 = 0, PAGE_A4_ACROSS = 1, PAGE_A3_ACROSS = 2 };
enum { HEADER_DIST = 567 };                 /* page number 10 mm from the top edge */

static const char NS_W[] = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
                           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
static const char XML_DECL[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

static int twips_mm(double mm) { return (int)lround(mm * 1440.0 / 25.4); }
static int half_pt(double pt) { return (int)lround(pt * 2.0); }

/* --- text ---------------------------------------------------------------- */

/* the length of the valid UTF-8 sequence at s (at most n bytes) allowed in
 * XML 1.0, with its code point in *cp; 0 if invalid */
static int utf8_char(const unsigned char *s, size_t n, unsigned *cp) {
  unsigned c = s[0];
  int len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  if (!len || (size_t)len > n) return 0;
  unsigned v = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
  for (int i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    v = v << 6 | (s[i] & 0x3F);
  }
  static const unsigned least[] = {0, 0, 0x80, 0x800, 0x10000};
  if (v < least[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) || v == 0xFFFE || v == 0xFFFF) return 0;
  *cp = v;
  return len;
}

/* n bytes of s as XML character data: & < > " escaped, control characters
 * (C0 but tab and newline, DEL, C1) dropped, invalid UTF-8 replaced by
 * U+FFFD. Run text splits tabs and newlines off first (put_text). */
static void xml_text(buf *b, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  while (p < end) {
    unsigned cp;
    int len = utf8_char(p, (size_t)(end - p), &cp);
    if (!len) {
      buf_adds(b, "\xEF\xBF\xBD");
      p++;
      continue;
    }
    if (cp == '&') buf_adds(b, "&amp;");
    else if (cp == '<') buf_adds(b, "&lt;");
    else if (cp == '>') buf_adds(b, "&gt;");
    else if (cp == '"') buf_adds(b, "&quot;");
    else if ((cp >= 0x20 && cp < 0x7F) || cp > 0x9F || cp == '\t' || cp == '\n') buf_add(b, p, (size_t)len);
    p += len;
  }
}

static void xml_texts(buf *b, const char *s) {
  if (s) xml_text(b, s, strlen(s));
}

/* Advance widths of Times New Roman (Liberation Serif has the same
 * metrics), in 1/1000 em, for ASCII; other letters by case. Used only to
 * size table columns and the header block so that words and numbers are
 * not broken: an estimate, erring wide. */
static double char_em(unsigned cp) {
  static const short upper[26] = {722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889,
                                  722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611};
  static const short lower[26] = {444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778,
                                  500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444};
  if (cp >= 'A' && cp <= 'Z') return upper[cp - 'A'] / 1000.0;
  if (cp >= 'a' && cp <= 'z') return lower[cp - 'a'] / 1000.0;
  if (cp >= '0' && cp <= '9') return 0.5;
  if (cp == ' ' || cp == '.' || cp == ',') return 0.25;
  if (cp == ';' || cp == ':' || cp == '/') return 0.278;
  if (cp == '(' || cp == ')' || cp == '-' || cp == '[' || cp == ']') return 0.333;
  if (cp == '&' || cp == '%') return 0.833;
  if (cp < 0x80) return 0.5;
  if (cp == 0x2014) return 1.0; /* em dash */
  utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
  if (c == UTF8PROC_CATEGORY_LU) return 0.72; /* Đ, Ả, Ộ, … */
  if (c == UTF8PROC_CATEGORY_LL) return 0.5;  /* ạ, ư, ờ, … */
  return 0.6;
}

/* the width of s in em (upper-cased first if caps); *longest_word, if not
 * NULL, gets the widest space-separated word */
static double text_em(const char *s, int bold, int caps, double *longest_word) {
  double total = 0, word = 0, longest = 0;
  const unsigned char *p = (const unsigned char *)(s ? s : "");
  size_t n = strlen((const char *)p);
  while (*p) {
    unsigned cp = 0xFFFD;
    int len = utf8_char(p, n, &cp);
    if (!len) len = 1;
    p += len, n -= (size_t)len;
    if (caps) cp = (unsigned)utf8proc_toupper((utf8proc_int32_t)cp);
    if (cp == ' ' || cp == '\n' || cp == '\t') {
      if (word > longest) longest = word;
      word = 0;
      total += 0.25;
      continue;
    }
    double w = char_em(cp) * (bold && cp > '9' ? 1.06 : 1.0); /* bold digits are as wide as plain ones */
    word += w, total += w;
  }
  if (word > longest) longest = word;
  if (longest_word) *longest_word = longest;
  return total;
}

/* --- runs and paragraphs ------------------------------------------------- */

typedef struct rfmt {
  int bold, italic, caps, underline;
  int half_pt; /* 0: the style's size */
} rfmt;

typedef struct pfmt {
  const char *jc;          /* left, center, right, both */
  int first_line;          /* twips */
  int ind_left, ind_right; /* twips */
  int before, after;       /* twips */
  int line;                /* 240ths of a line; 0: single */
  int keep_next;
  int hanging;      /* twips: a hanging indent (the lines after the first start at ind_left) */
  int rule_above;   /* a top border: the line under "ĐẢNG CỘNG SẢN VIỆT NAM" */
  int mark_half_pt; /* the size of the paragraph mark (keeps empty lines at the text's height) */
} pfmt;

typedef struct writer {
  const official_doc *d;
  const doc_style *st;
  buf doc;   /* word/document.xml */
  buf notes; /* the footnotes of word/footnotes.xml, after the separators */
  int nnotes;
} writer;

static void put_rpr(buf *b, rfmt f) {
  if (!f.bold && !f.italic && !f.caps && !f.underline && !f.half_pt) return;
  buf_adds(b, "<w:rPr>");
  if (f.bold) buf_adds(b, "<w:b/><w:bCs/>");
  if (f.italic) buf_adds(b, "<w:i/><w:iCs/>");
  if (f.caps) buf_adds(b, "<w:caps/>");
  if (f.underline) buf_adds(b, "<w:u w:val=\"single\"/>");
  if (f.half_pt) buf_addf(b, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>", f.half_pt, f.half_pt);
  buf_adds(b, "</w:rPr>");
}

/* one run; newlines become line breaks and tabs tab characters */
static void put_text(buf *b, rfmt f, const char *s, size_t n) {
  buf_adds(b, "<w:r>");
  put_rpr(b, f);
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    while (j < n && s[j] != '\n' && s[j] != '\t' && s[j] != '\r') j++;
    if (j > i) {
      buf_adds(b, "<w:t xml:space=\"preserve\">");
      xml_text(b, s + i, j - i);
      buf_adds(b, "</w:t>");
    }
    if (j < n && s[j] == '\n') buf_adds(b, "<w:br/>");
    else if (j < n && s[j] == '\t') buf_adds(b, "<w:tab/>");
    i = j < n ? j + 1 : j;
  }
  buf_adds(b, "</w:r>");
}

static void put_texts(buf *b, rfmt f, const char *s) {
  if (s && *s) put_text(b, f, s, strlen(s));
}

/* a footnote: its text into footnotes.xml, its reference mark here */
static void put_footnote(writer *w, buf *b, const char *s, size_t n) {
  int id = ++w->nnotes;
  buf_addf(&w->notes,
           "<w:footnote w:id=\"%d\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr>"
           "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r>",
           id);
  put_text(&w->notes, (rfmt){0}, " ", 1);
  char *inner = xstrndup(s, n); /* the footnote's own **bold** and *italic* */
  doc_run *runs;
  char *storage;
  int nr = doc_runs(inner, &runs, &storage);
  for (int i = 0; i < nr; i++)
    put_text(&w->notes, (rfmt){.bold = runs[i].bold, .italic = runs[i].italic}, runs[i].text, (size_t)runs[i].len);
  free(runs), free(storage), free(inner);
  buf_adds(&w->notes, "</w:p></w:footnote>");
  buf_addf(b, "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"%d\"/></w:r>",
           id);
}

/* marked-up text (core/document.h) as runs over the base format */
static void put_markup(writer *w, buf *b, const char *text, rfmt base) {
  doc_run *runs;
  char *storage;
  int n = doc_runs(text ? text : "", &runs, &storage);
  for (int i = 0; i < n; i++) {
    if (runs[i].footnote) {
      put_footnote(w, b, runs[i].text, (size_t)runs[i].len);
      continue;
    }
    rfmt f = base;
    f.bold = base.bold || runs[i].bold;
    f.italic = base.italic || runs[i].italic;
    put_text(b, f, runs[i].text, (size_t)runs[i].len);
  }
  free(runs);
  free(storage);
}

static void put_ppr(buf *b, const pfmt *p) {
  buf_adds(b, "<w:pPr>");
  if (p->keep_next) buf_adds(b, "<w:keepNext/>");
  if (p->rule_above)
    buf_adds(b, "<w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/></w:pBdr>");
  buf_addf(b, "<w:spacing w:before=\"%d\" w:after=\"%d\" w:line=\"%d\" w:lineRule=\"auto\"/>", p->before, p->after,
           p->line ? p->line : 240);
  if (p->hanging) buf_addf(b, "<w:ind w:left=\"%d\" w:right=\"%d\" w:hanging=\"%d\"/>", p->ind_left, p->ind_right, p->hanging);
  else if (p->first_line || p->ind_left || p->ind_right)
    buf_addf(b, "<w:ind w:left=\"%d\" w:right=\"%d\" w:firstLine=\"%d\"/>", p->ind_left, p->ind_right, p->first_line);
  buf_addf(b, "<w:jc w:val=\"%s\"/>", p->jc ? p->jc : "left");
  if (p->mark_half_pt)
    buf_addf(b, "<w:rPr><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr>", p->mark_half_pt, p->mark_half_pt);
  buf_adds(b, "</w:pPr>");
}

/* a whole paragraph of marked-up text */
static void para_markup(writer *w, buf *b, const pfmt *p, rfmt f, const char *text) {
  buf_adds(b, "<w:p>");
  put_ppr(b, p);
  put_markup(w, b, text, f);
  buf_adds(b, "</w:p>");
}

/* a whole paragraph of plain text (no markup: names, numbers, dates) */
static void para_plain(buf *b, const pfmt *p, rfmt f, const char *text) {
  buf_adds(b, "<w:p>");
  put_ppr(b, p);
  put_texts(b, f, text);
  buf_adds(b, "</w:p>");
}

/* --- page geometry -------------------------------------------------------- */

/* A landscape annex page turns its margins with it, as Word does: it is
 * read turned clockwise, so the binding margin (left on the portrait page)
 * is on top. m gets top, right, bottom, left in twips. */
static void page_margins(const doc_style *s, int landscape, int m[4]) {
  int top = twips_mm(s->margin_top_mm), right = twips_mm(s->margin_right_mm);
  int bottom = twips_mm(s->margin_bottom_mm), left = twips_mm(s->margin_left_mm);
  if (landscape) m[0] = left, m[1] = top, m[2] = right, m[3] = bottom;
  else m[0] = top, m[1] = right, m[2] = bottom, m[3] = left;
}

static int text_width(const doc_style *s, int landscape) {
  int m[4];
  page_margins(s, landscape, m);
  return (landscape == PAGE_A3_ACROSS ? A3_LONG : landscape ? A4_LONG : A4_SHORT) - m[1] - m[3];
}

/* a section's properties: page size and margins, the page number header
 * (none on the section's first page); annexes number their pages anew */
static void put_sectpr(buf *b, const doc_style *s, int landscape, int restart) {
  int m[4];
  page_margins(s, landscape, m);
  buf_adds(b, "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeaderPage\"/>"
              "<w:headerReference w:type=\"first\" r:id=\"rIdHeaderFirst\"/>");
  if (landscape == PAGE_A3_ACROSS) /* paper code 8: A3 */
    buf_addf(b, "<w:pgSz w:w=\"%d\" w:h=\"%d\" w:orient=\"landscape\" w:code=\"8\"/>", A3_LONG, A4_LONG);
  else if (landscape) buf_addf(b, "<w:pgSz w:w=\"%d\" w:h=\"%d\" w:orient=\"landscape\"/>", A4_LONG, A4_SHORT);
  else buf_addf(b, "<w:pgSz w:w=\"%d\" w:h=\"%d\"/>", A4_SHORT, A4_LONG);
  buf_addf(b,
           "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" w:header=\"%d\" w:footer=\"%d\" "
           "w:gutter=\"0\"/>",
           m[0], m[1], m[2], m[3], HEADER_DIST, HEADER_DIST);
  if (restart) buf_adds(b, "<w:pgNumType w:start=\"1\"/>");
  buf_adds(b, "<w:titlePg/></w:sectPr>");
}

/* the paragraph that closes a section: as small as possible so that it
 * never pushes an empty page */
static void para_section_end(buf *b, const doc_style *s, int landscape, int restart) {
  buf_adds(b, "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
              "<w:rPr><w:sz w:val=\"2\"/><w:szCs w:val=\"2\"/></w:rPr>");
  put_sectpr(b, s, landscape, restart);
  buf_adds(b, "</w:pPr></w:p>");
}

/* --- tables ---------------------------------------------------------------- */

static void table_open(buf *b, const int *widths, int n, int bordered, int indent, int cell_mar) {
  int total = 0;
  for (int i = 0; i < n; i++) total += widths[i];
  buf_addf(b, "<w:tbl><w:tblPr><w:tblW w:w=\"%d\" w:type=\"dxa\"/>", total);
  if (!indent) buf_adds(b, "<w:jc w:val=\"center\"/>");
  else buf_addf(b, "<w:tblInd w:w=\"%d\" w:type=\"dxa\"/>", indent);
  buf_adds(b, "<w:tblBorders>");
  const char *sides[] = {"top", "left", "bottom", "right", "insideH", "insideV"};
  for (int i = 0; i < 6; i++) {
    if (bordered) buf_addf(b, "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>", sides[i]);
    else buf_addf(b, "<w:%s w:val=\"nil\"/>", sides[i]);
  }
  buf_addf(b,
           "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
           "<w:left w:w=\"%d\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"%d\" w:type=\"dxa\"/>"
           "</w:tblCellMar><w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" "
           "w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
           cell_mar, cell_mar);
  for (int i = 0; i < n; i++) buf_addf(b, "<w:gridCol w:w=\"%d\"/>", widths[i]);
  buf_adds(b, "</w:tblGrid>");
}

/* vmerge: 0 none, 1 restart, 2 continue */
static void cell_open(buf *b, int width, int span, int vmerge, const char *valign) {
  buf_addf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", width);
  if (span > 1) buf_addf(b, "<w:gridSpan w:val=\"%d\"/>", span);
  if (vmerge == 1) buf_adds(b, "<w:vMerge w:val=\"restart\"/>");
  else if (vmerge == 2) buf_adds(b, "<w:vMerge/>");
  if (valign) buf_addf(b, "<w:vAlign w:val=\"%s\"/>", valign);
  buf_adds(b, "</w:tcPr>");
}

static void cell_close(buf *b) { buf_adds(b, "</w:tc>"); }

/* --- header block ---------------------------------------------------------- */

static const char PARTY_LINE[] = "ĐẢNG CỘNG SẢN VIỆT NAM";
enum { BLOCK_MAR = 57 }; /* cell margins of the borderless blocks, 1 mm */
enum { HEAD_MAX_ROWS = 12 };
enum { STATE_RULE_GAP = 50 };    /* 2.5 pt between a line and its rule: clear of the descenders */
enum { STATE_NUMBER_GAP = 200 }; /* 10 pt between the rules and the number and date line */

/* the size of the names, the national name and the number in a state
 * document's header block (Decree 30: 12–13 pt) */
static double state_head_pt(const doc_style *s) { return s->body_pt < 13 ? s->body_pt : 13; }

/* one line of a column of the header block */
typedef struct hline {
  char *text;  /* owned; NULL: an empty line */
  rfmt f;
  double pt;   /* the size the text is measured at */
  int by_word; /* measured by its widest word: the line may wrap */
  double rule; /* > 0: an empty line whose top border is the rule under the
                * line above, this long (twips) */
  int gap;     /* twips before the line (a rule: between the line above and it) */
} hline;

/* The two columns of the header block, row by row: the left ends with the
 * number and the right with the date, so that they share the last line. */
typedef struct head_layout {
  hline left[HEAD_MAX_ROWS], right[HEAD_MAX_ROWS];
  int rows;
  int stacked; /* two rows only: every line but the last in the first, each
                * column flowing on its own (no blank lines), the last in the
                * second; else one row per line */
} head_layout;

static void head_release(head_layout *h) {
  for (int i = 0; i < HEAD_MAX_ROWS; i++) free(h->left[i].text), free(h->right[i].text);
}

static hline line_of(const char *s, size_t n, rfmt f, double pt) {
  return (hline){.text = xstrndup(s ? s : "", s ? n : 0), .f = f, .pt = pt};
}

static hline line_rule(double twips, int gap) { return (hline){.rule = twips > 1 ? twips : 1, .gap = gap}; }

/* the width of a line in twips, with a little slack */
static int line_twips(const hline *l) {
  if (!l->text) return 0;
  double word, all = text_em(l->text, l->f.bold, l->f.caps, &word);
  return (int)((l->by_word ? word : all) * l->pt * 20 * 1.05);
}

/* a state body's name in the lines of its custom ("ỦY BAN NHÂN DÂN" over the
 * place); n the count so far, returns the new count */
static int state_name_lines(hline *out, int n, const char *name, rfmt f, double pt) {
  if (!name || !*name) return n;
  size_t cut = doc_state_name_break(name);
  if (cut && n < HEAD_MAX_ROWS - 4) {
    out[n++] = line_of(name, cut, f, pt);
    name += cut + 1;
  }
  if (n < HEAD_MAX_ROWS - 3) out[n++] = line_of(name, strlen(name), f, pt);
  return n;
}

/* Hướng dẫn 36:
 *       PARENT BODY              ĐẢNG CỘNG SẢN VIỆT NAM
 *         ISSUER                 ──────────────────────
 *           *
 *      Số 361-BC/TU        Hải Phòng, ngày 19 tháng 6 năm 2023 */
static void head_party(const official_doc *d, head_layout *h) {
  const doc_style *s = &d->style;
  int n = 0;
  if (d->parent_body && *d->parent_body)
    h->left[n++] = line_of(d->parent_body, strlen(d->parent_body), (rfmt){.caps = 1}, s->body_pt);
  h->left[n] = line_of(d->issuer, d->issuer ? strlen(d->issuer) : 0, (rfmt){.bold = 1, .caps = 1}, s->body_pt);
  h->left[n++].by_word = 1; /* a long issuer may wrap */
  h->left[n++] = line_of("*", 1, (rfmt){0}, s->body_pt);
  h->left[n++] = line_of(d->number, d->number ? strlen(d->number) : 0, (rfmt){0}, s->body_pt);
  h->rows = n;
  h->right[0] = line_of(PARTY_LINE, strlen(PARTY_LINE), (rfmt){.bold = 1, .half_pt = half_pt(s->body_pt + 1)},
                        s->body_pt + 1);
  h->right[1] = line_rule(text_em(PARTY_LINE, 1, 0, NULL) * (s->body_pt + 1) * 20, 0);
  h->right[n - 1] = line_of(d->date_line, d->date_line ? strlen(d->date_line) : 0, (rfmt){.italic = 1}, s->body_pt);
}

/* Decree 30/2020/NĐ-CP, Phụ lục I:
 *    ỦY BAN NHÂN DÂN         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
 *  THÀNH PHỐ HẢI PHÒNG          Độc lập - Tự do - Hạnh phúc
 *        ─────                  ───────────────────────────
 *   Số: 12/BC-UBND        Hải Phòng, ngày 19 tháng 6 năm 2023
 * the parent body (if any) above the issuer, regular; the rule under the
 * issuer 2/5 of its longest line; the rule under the motto as long as it */
static void head_state(const official_doc *d, head_layout *h) {
  const doc_style *s = &d->style;
  double pt = state_head_pt(s);
  int hp = half_pt(pt), n = 0;
  n = state_name_lines(h->left, n, d->parent_body, (rfmt){.caps = 1, .half_pt = hp}, pt);
  int first_issuer = n;
  n = state_name_lines(h->left, n, d->issuer, (rfmt){.bold = 1, .caps = 1, .half_pt = hp}, pt);
  int widest = 0;
  for (int i = first_issuer; i < n; i++)
    if (line_twips(&h->left[i]) > widest) widest = line_twips(&h->left[i]);
  h->left[n++] = line_rule(widest * 2 / 5.0, STATE_RULE_GAP);
  h->rows = n + 1 > 4 ? n + 1 : 4;
  h->stacked = 1;
  h->left[h->rows - 1] = line_of(d->number, d->number ? strlen(d->number) : 0, (rfmt){.half_pt = hp}, pt);
  h->right[0] = line_of(DOC_NATION_NAME, strlen(DOC_NATION_NAME), (rfmt){.bold = 1, .half_pt = hp}, pt);
  h->right[1] = line_of(DOC_NATION_MOTTO, strlen(DOC_NATION_MOTTO), (rfmt){.bold = 1}, s->body_pt);
  h->right[2] = line_rule(text_em(DOC_NATION_MOTTO, 1, 0, NULL) * s->body_pt * 20, STATE_RULE_GAP);
  h->right[h->rows - 1] =
      line_of(d->date_line, d->date_line ? strlen(d->date_line) : 0, (rfmt){.italic = 1}, s->body_pt);
  h->left[h->rows - 1].gap = h->right[h->rows - 1].gap = STATE_NUMBER_GAP;
}

static void head_build(const official_doc *d, head_layout *h) {
  memset(h, 0, sizeof *h);
  if (d->state) head_state(d, h);
  else head_party(d, h);
}

/* the column widths of the header block (also used for the end block) and
 * how far it reaches into the left margin when the texts need it */
static void header_columns(const official_doc *d, int *left, int *right, int *indent) {
  const doc_style *s = &d->style;
  head_layout h;
  head_build(d, &h);
  int W = text_width(s, 0), nl = 0, nr = 0;
  for (int i = 0; i < h.rows; i++) {
    if (line_twips(&h.left[i]) > nl) nl = line_twips(&h.left[i]);
    if (line_twips(&h.right[i]) > nr) nr = line_twips(&h.right[i]);
  }
  head_release(&h);
  nl += 2 * BLOCK_MAR, nr += 2 * BLOCK_MAR;
  int more = nl + nr - W, room = twips_mm(s->margin_left_mm) - twips_mm(10); /* keep 10 mm of the margin */
  if (more > room) more = room;
  if (more < 0) more = 0;
  int total = W + more;
  *left = nl;
  if (*left > total - nr) *left = total - nr;
  if (*left < total * 2 / 5) *left = total * 2 / 5;
  *right = total - *left;
  *indent = -more; /* the block reaches into the left margin when its lines need it */
}

/* one cell's line: its text centred, or the rule drawn on top of an empty
 * line so that it never narrows the line above */
static void head_para(buf *b, int width, const hline *l, int stacked) {
  if (l->rule > 0) {
    int ind = (int)((width - 2 * BLOCK_MAR - l->rule) / 2);
    pfmt rule = {.jc = "center", .rule_above = 1, .ind_left = ind > 0 ? ind : 0, .ind_right = ind > 0 ? ind : 0,
                 .before = l->gap, .mark_half_pt = stacked ? 2 : 0}; /* stacked: a rule, not a blank line */
    para_plain(b, &rule, (rfmt){0}, "");
  } else {
    pfmt centre = {.jc = "center", .before = l->gap};
    para_plain(b, &centre, l->f, l->text ? l->text : "");
  }
}

/* a cell of lines from .. to-1 (the empty ones left out when stacked) */
static void head_cell(buf *b, int width, const hline *lines, int from, int to, int stacked) {
  cell_open(b, width, 1, 0, NULL);
  int any = 0;
  for (int i = from; i < to; i++) {
    if (stacked && !lines[i].rule && !(lines[i].text && *lines[i].text)) continue;
    head_para(b, width, &lines[i], stacked);
    any = 1;
  }
  if (!any) para_plain(b, &(pfmt){.jc = "center"}, (rfmt){0}, "");
  cell_close(b);
}

/* the header block: rows of a borderless table, so that the number on the
 * left and the date on the right share a line */
static void put_header_block(writer *w) {
  const official_doc *d = w->d;
  buf *b = &w->doc;
  int lw, rw, indent;
  header_columns(d, &lw, &rw, &indent);
  int widths[2] = {lw, rw};
  head_layout h;
  head_build(d, &h);
  table_open(b, widths, 2, 0, indent, BLOCK_MAR);
  for (int r = 0; r < h.rows; r++) {
    int to = h.stacked && r < h.rows - 1 ? h.rows - 1 : r + 1;
    buf_adds(b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
    head_cell(b, lw, h.left, r, to, h.stacked);
    head_cell(b, rw, h.right, r, to, h.stacked);
    buf_adds(b, "</w:tr>");
    r = to - 1;
  }
  buf_adds(b, "</w:tbl>");
  head_release(&h);
}

/* the widest line of the subtitle, in twips at the body size (markup counted
 * as text: an estimate) */
static int subtitle_twips(const official_doc *d) {
  const char *s = d->subtitle ? d->subtitle : "";
  double widest = 0;
  while (*s) {
    const char *nl = strchr(s, '\n');
    size_t n = nl ? (size_t)(nl - s) : strlen(s);
    char *line = xstrndup(s, n);
    double em = text_em(line, 1, 0, NULL);
    if (em > widest) widest = em;
    free(line);
    s += n + (nl ? 1 : 0);
  }
  return (int)(widest * d->style.body_pt * 20);
}

/* "BÁO CÁO", the subtitle and the short rule under it: "-----" in a Party
 * document; in a state one (Decree 30) the kind at the body size and a solid
 * rule 2/5 of the subtitle's longest line */
static void put_title(writer *w) {
  const doc_style *s = w->st;
  buf *b = &w->doc;
  int state = w->d->state;
  pfmt kind = {.jc = "center", .before = 480, .after = 0, .keep_next = 1};
  para_plain(b, &kind, (rfmt){.bold = 1, .half_pt = half_pt(state ? s->body_pt : s->body_pt + 2)}, w->d->kind_title);
  if (w->d->subtitle && *w->d->subtitle) {
    pfmt sub = {.jc = "center", .keep_next = 1};
    para_markup(w, b, &sub, (rfmt){.bold = 1}, w->d->subtitle);
  }
  if (state) {
    int len = subtitle_twips(w->d) * 2 / 5, min = twips_mm(30), W = text_width(s, 0);
    if (len < min) len = min;
    int ind = (W - len) / 2;
    pfmt rule = {.jc = "center", .before = 3 * STATE_RULE_GAP, .after = 240, .rule_above = 1, .ind_left = ind,
                 .ind_right = ind, .mark_half_pt = 2};
    para_plain(b, &rule, (rfmt){0}, "");
    return;
  }
  pfmt rule = {.jc = "center", .after = 240};
  para_plain(b, &rule, (rfmt){0}, "-----");
}

static void put_body(writer *w) {
  const doc_style *s = w->st;
  int line = (int)lround(240 * s->line_spacing), after = (int)lround(s->space_after_pt * 20);
  int indent = twips_mm(s->first_indent_mm);
  for (int i = 0; i < w->d->nparas; i++) {
    const doc_para *p = &w->d->paras[i];
    pfmt f = {.jc = "both", .first_line = indent, .line = line, .after = after};
    rfmt r = {0};
    switch (p->kind) {
    case DP_BODY: break;
    case DP_HEADING: r.bold = 1, f.keep_next = 1; break;
    case DP_PART:
      f.jc = "center", f.first_line = 0, f.before = 240, f.keep_next = 1;
      r.bold = 1;
      break;
    case DP_CENTER: f.jc = "center", f.first_line = 0; break;
    }
    if (i == w->d->nparas - 1) f.keep_next = 1; /* the end of the text goes with the signature (never a page of it alone) */
    para_markup(w, &w->doc, &f, r, p->text);
  }
}

/* One recipient line (official_doc_recipient_line): it hangs after its
 * dash, and its *italic* ("(*để b/c*)") is kept. */
static void put_recipient(writer *w, int i, rfmt f) {
  buf line;
  buf_init(&line, 0);
  int sub;
  official_doc_recipient_line(w->d, i, &line, &sub);
  int dash = (int)lround(f.half_pt * 10 * 0.6); /* "- " at the line's size, in twips */
  pfmt p = {.jc = "left", .keep_next = 1, .ind_left = dash * (sub ? 2 : 1), .hanging = dash};
  para_markup(w, &w->doc, &p, f, line.s);
  buf_release(&line);
}

/* "Nơi nhận" on the left, the signature on the right. "Nơi nhận:" by
 * Hướng dẫn 36 at the body size, upright, underlined; by Decree 30 bold
 * italic 12 pt. The recipients 12 pt, or 11 pt in a state document. */
static void put_end_block(writer *w) {
  const official_doc *d = w->d;
  buf *b = &w->doc;
  int lw, rw, indent;
  header_columns(d, &lw, &rw, &indent);
  int widths[2] = {lw + indent, rw}; /* the end block stays inside the text width */
  pfmt gap = {.jc = "left", .after = 0, .keep_next = 1};
  para_plain(b, &gap, (rfmt){0}, "");
  table_open(b, widths, 2, 0, 0, BLOCK_MAR);
  buf_adds(b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
  cell_open(b, widths[0], 1, 0, NULL);
  pfmt left = {.jc = "left", .keep_next = 1};
  rfmt label = d->state ? (rfmt){.bold = 1, .italic = 1, .half_pt = 24} : (rfmt){.underline = 1, .half_pt = half_pt(w->st->body_pt)};
  para_plain(b, &left, label, "Nơi nhận:");
  for (int i = 0; i < d->nrecipients; i++) put_recipient(w, i, (rfmt){.half_pt = d->state ? 22 : 24});
  if (!d->nrecipients) para_plain(b, &left, (rfmt){0}, "");
  cell_close(b);
  cell_open(b, widths[1], 1, 0, NULL);
  pfmt centre = {.jc = "center", .keep_next = 1};
  if (d->sign_on_behalf && *d->sign_on_behalf) para_plain(b, &centre, (rfmt){.bold = 1}, d->sign_on_behalf);
  para_plain(b, &centre, (rfmt){.bold = 1}, d->sign_position);
  for (int i = 0; i < 4; i++) para_plain(b, &centre, (rfmt){0}, "");
  para_plain(b, &centre, (rfmt){.bold = 1}, d->sign_name);
  cell_close(b);
  buf_adds(b, "</w:tr></w:tbl>");
}

/* --- annex tables ------------------------------------------------------------ */

/* The header rows, merged exactly like report_write_html_head: at header
 * row d, neighbouring columns whose paths agree down to d (both ending at d,
 * or both going deeper) share one cell; a path that ends at d spans the
 * rows below. The owner grid gives Word its continuation cells. */
typedef struct hcell {
  int row, col, span, rows;
  const char *text;
} hcell;

typedef struct hgrid {
  int depth, ncols;
  hcell *cells;
  int ncells;
  int *owner; /* depth x ncols: the cell covering each position */
} hgrid;

static void hgrid_build(hgrid *g, const rtable *t) {
  rhead *cells;
  g->ncells = rtable_head_cells(t, &cells);
  g->depth = rtable_head_depth(t);
  g->ncols = t->ncols;
  g->cells = xmalloc(sizeof *g->cells * (size_t)(g->ncells + 1));
  g->owner = xmalloc(sizeof *g->owner * (size_t)(g->depth * t->ncols + 1));
  for (int i = 0; i < g->ncells; i++) {
    const rhead *c = &cells[i];
    g->cells[i] = (hcell){c->row, c->col, c->cols, c->rows, c->text};
    for (int r = c->row; r < c->row + c->rows; r++)
      for (int k = c->col; k < c->col + c->cols; k++) g->owner[r * t->ncols + k] = i;
  }
  free(cells);
}

static void hgrid_release(hgrid *g) {
  free(g->cells);
  free(g->owner);
}

/* column widths of an annex: TT, the label, then the data columns, each
 * in em of the table's type at three levels of comfort */
typedef struct colfit {
  double hard; /* the widest word or number: below this a word breaks */
  double soft; /* a comfortable width: a label or a text on a few lines */
  double nat;  /* the whole text on one line, a long header on three (capped) */
} colfit;

enum { ANNEX_MAR = 40, TIGHT_MAR = 20 }; /* cell margins (left and right) of annex tables: 0.7 mm, 0.35 mm */
static const double EM_SLACK = 1.05;     /* width estimates err on the wide side */
static const double MIN_TABLE_PT = 5.5;  /* the smallest type a wide annex may get */
static const double SOFT_TABLE_PT = 7.5; /* below this, text columns narrow before the type shrinks more */
static const double READABLE_TABLE_PT = 8; /* below this across A4, an annex goes across A3 */

static void fit_word(colfit *c, const char *s, int bold, int wrap, double cap) {
  double word, all = text_em(s, bold, 0, &word);
  if (!wrap) word = all;
  if (word > c->hard) c->hard = word;
  if (all > cap) all = cap;
  if (all > c->nat) c->nat = all;
}

/* Fits the table into avail twips, in type of at most max_pt:
 *  1. every column at its natural width fits: the columns grow alike;
 *  2. at the comfortable widths it fits: label and text columns give room;
 *  3. the comfortable widths fit in type down to SOFT_TABLE_PT;
 *  4. the hard widths with tight cell margins, type down to MIN_TABLE_PT.
 * The columns of numbers share one width. lead is 2 with the TT and label
 * columns, 0 for a list; w gets lead + ncols widths summing to avail, *pt
 * the type size, *mar the cell margin. Returns the step (1-4) that fitted. */
static int annex_widths(const rtable *t, const hgrid *g, int lead, int avail, double max_pt, int *w, double *pt,
                        int *mar) {
  int n = t->ncols + lead;
  colfit *c = xcalloc((size_t)n, sizeof *c);
  int *numeric = xcalloc((size_t)n, sizeof *numeric);
  for (int i = lead; i < n; i++) numeric[i] = 1;
  if (lead) {
    char num[16];
    snprintf(num, sizeof num, "%d", t->nrows > 0 ? t->nrows : 1);
    fit_word(&c[0], "TT", 1, 0, 99);
    fit_word(&c[0], num, 0, 0, 99);
    fit_word(&c[1], t->row_header, 1, 1, 24);
  }
  for (int k = 0; k < g->ncells; k++) { /* headers over a single column: their words, three lines */
    const hcell *h = &g->cells[k];
    if (h->span != 1) continue;
    colfit *x = &c[h->col + lead];
    fit_word(x, h->text, 1, 1, 0);
    double third = text_em(h->text, 1, 0, NULL) / 3;
    if (third > 10) third = 10;
    if (third > x->nat) x->nat = third;
  }
  buf tmp;
  buf_init(&tmp, 0);
  for (int r = 0; r < t->nrows; r++) {
    const rrow *row = &t->rows[r];
    if (lead) fit_word(&c[1], row->label, row->is_total, 1, 24);
    for (int i = 0; i < t->ncols; i++) {
      const rcell *cell = &row->cells[i];
      if (cell->kind == CELL_NUM) {
        buf_reset(&tmp);
        format_number_vn(&tmp, cell->num);
        fit_word(&c[i + lead], tmp.s, row->is_total, 0, 99);
      } else if (cell->kind == CELL_TEXT) {
        fit_word(&c[i + lead], cell->text, row->is_total, 1, 30);
        numeric[i + lead] = 0;
      }
    }
  }
  buf_release(&tmp);
  colfit num = {2.0, 0, 0}; /* the one width of the number columns */
  for (int i = lead; i < n; i++) {
    if (!numeric[i]) continue;
    if (c[i].hard > num.hard) num.hard = c[i].hard;
    if (c[i].nat > num.nat) num.nat = c[i].nat;
  }
  double sum[3] = {0, 0, 0}, grow = 0; /* hard, soft, nat */
  for (int i = 0; i < n; i++) {
    colfit *x = &c[i];
    if (numeric[i]) {
      x->hard = x->soft = num.hard;
      x->nat = num.nat;
    } else if (lead && i == 0) {
      x->soft = x->nat = x->hard;
    } else {
      double keep = lead && i == 1 ? 6 : 0; /* a unit's name on two lines, not five */
      if (x->hard < (x->nat < keep ? x->nat : keep)) x->hard = x->nat < keep ? x->nat : keep;
      if (x->hard < 1.5) x->hard = 1.5;
      double comfy = lead && i == 1 ? 8 : 12;
      x->soft = x->nat < comfy ? x->nat : comfy;
    }
    if (x->soft < x->hard) x->soft = x->hard;
    if (x->nat < x->soft) x->nat = x->soft;
    sum[0] += x->hard, sum[1] += x->soft, sum[2] += x->nat;
    if (!lead || i > 0) grow += x->nat; /* TT does not grow */
  }
  double *x = xmalloc(sizeof *x * (size_t)n); /* widths without the cell margins */
  double size = max_pt, em = size * 20 * EM_SLACK;
  *mar = ANNEX_MAR;
  double room = avail - 2.0 * ANNEX_MAR * n;
  int step = 1;
  if (sum[2] * em <= room) {
    double extra = room - sum[2] * em;
    for (int i = 0; i < n; i++) x[i] = c[i].nat * em + (!lead || i > 0 ? extra * c[i].nat / grow : 0);
  } else if (step = 2, sum[1] * em <= room) {
    double f = (room - sum[1] * em) / ((sum[2] - sum[1]) * em);
    for (int i = 0; i < n; i++) x[i] = (c[i].soft + f * (c[i].nat - c[i].soft)) * em;
  } else if (step = 3, (size = floor(room / (sum[1] * 20 * EM_SLACK) * 2) / 2) >= SOFT_TABLE_PT) {
    for (int i = 0; i < n; i++) x[i] = c[i].soft * room / sum[1];
  } else { /* tight margins, the hard widths, text columns widened as far as the type allows */
    step = 4;
    *mar = TIGHT_MAR;
    room = avail - 2.0 * TIGHT_MAR * n;
    size = floor(room / (sum[0] * 20 * EM_SLACK) * 2) / 2;
    if (size > SOFT_TABLE_PT) size = SOFT_TABLE_PT;
    if (size < MIN_TABLE_PT) size = MIN_TABLE_PT; /* it still fits the page; long words break */
    em = size * 20 * EM_SLACK;
    double f = sum[1] > sum[0] ? (room - sum[0] * em) / ((sum[1] - sum[0]) * em) : 0, all = 0;
    if (f < 0) f = 0;
    if (f > 1) f = 1;
    for (int i = 0; i < n; i++) all += x[i] = c[i].hard + f * (c[i].soft - c[i].hard);
    for (int i = 0; i < n; i++) x[i] *= room / all;
  }
  int total = 0, widest = 0;
  for (int i = 0; i < n; i++) {
    w[i] = (int)lround(x[i]) + 2 * *mar;
    total += w[i];
    if (w[i] > w[widest]) widest = i;
  }
  w[widest] += avail - total; /* rounding */
  *pt = size;
  free(x);
  free(numeric);
  free(c);
  return step;
}

/* a paragraph inside a table cell */
static void cell_para(buf *b, const char *jc, rfmt f, const char *text) {
  pfmt p = {.jc = jc, .mark_half_pt = f.half_pt}; /* an empty cell is as high as a line of the table's type */
  para_plain(b, &p, f, text);
}

static int span_width(const int *w, int from, int span) {
  int x = 0;
  for (int i = 0; i < span; i++) x += w[from + i];
  return x;
}

/* a row that may be kept whole on one page: a row taller than a page
 * would run off it */
static int row_is_short(const rtable *t, const rrow *row) {
  size_t n = row->label ? strlen(row->label) : 0;
  for (int i = 0; i < t->ncols; i++)
    if (row->cells[i].kind == CELL_TEXT) n += strlen(row->cells[i].text);
  return n < 600;
}

/* the seed's row under the header of Biểu 2 and 3: "A B 1 2 3 …" */
static void put_column_numbers(buf *b, const rtable *t, const int *wd, rfmt f) {
  buf_adds(b, "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
  for (int i = 0; i < t->ncols + 2; i++) {
    char n[16];
    if (i < 2) snprintf(n, sizeof n, "%c", 'A' + i);
    else snprintf(n, sizeof n, t->colnums == 2 ? "%02d" : "%d", i - 1);
    cell_open(b, wd[i], 1, 0, "center");
    cell_para(b, "center", f, n);
    cell_close(b);
  }
  buf_adds(b, "</w:tr>");
}

/* A list annex (Biểu 4: row_header empty) numbers its rows in its own STT
 * column and has no label column; every other annex gets a TT column and
 * the label column, as in the seed. */
static void put_annex_table(writer *w, const rtable *t, int avail) {
  buf *b = &w->doc;
  int lead = t->row_header && *t->row_header ? 2 : 0;
  int n = t->ncols + lead;
  if (!n) return; /* a list without columns: nothing to draw */
  hgrid g;
  hgrid_build(&g, t);
  int *wd = xmalloc(sizeof *wd * (size_t)(n + 1));
  double pt;
  int mar;
  annex_widths(t, &g, lead, avail, w->st->table_pt, wd, &pt, &mar);
  int hp = half_pt(pt);
  rfmt head = {.bold = 1, .half_pt = hp}, plain = {.half_pt = hp}, bold = {.bold = 1, .half_pt = hp};
  table_open(b, wd, n, 1, 0, mar);

  for (int r = 0; r < g.depth; r++) { /* header rows, repeated on every page */
    buf_adds(b, "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    int vm = g.depth > 1 ? (r == 0 ? 1 : 2) : 0;
    if (lead) {
      cell_open(b, wd[0], 1, vm, "center");
      cell_para(b, "center", head, r == 0 ? "TT" : "");
      cell_close(b);
      cell_open(b, wd[1], 1, vm, "center");
      cell_para(b, "center", head, r == 0 ? t->row_header : "");
      cell_close(b);
    }
    for (int i = 0; i < t->ncols;) {
      const hcell *c = &g.cells[g.owner[r * t->ncols + i]];
      int starts = c->row == r;
      cell_open(b, span_width(wd, c->col + lead, c->span), c->span, c->rows > 1 ? (starts ? 1 : 2) : 0, "center");
      cell_para(b, "center", head, starts ? c->text : "");
      cell_close(b);
      i = c->col + c->span;
    }
    buf_adds(b, "</w:tr>");
  }
  if (t->colnums && lead) put_column_numbers(b, t, wd, head);

  buf num;
  buf_init(&num, 0);
  int tt = 0;
  for (int r = 0; r < t->nrows; r++) {
    const rrow *row = &t->rows[r];
    rfmt f = row->is_total ? bold : plain;
    buf_adds(b, row_is_short(t, row) ? "<w:tr><w:trPr><w:cantSplit/></w:trPr>" : "<w:tr>");
    if (lead) {
      buf_reset(&num);
      if (!row->is_total) buf_addf(&num, "%d", ++tt);
      cell_open(b, wd[0], 1, 0, "center");
      cell_para(b, "center", f, num.s);
      cell_close(b);
      cell_open(b, wd[1], 1, 0, "center");
      cell_para(b, row->is_total ? "center" : "left", f, row->label);
      cell_close(b);
    }
    for (int i = 0; i < t->ncols; i++) {
      const rcell *cell = &row->cells[i];
      cell_open(b, wd[i + lead], 1, 0, "center");
      if (cell->kind == CELL_NUM) {
        buf_reset(&num);
        format_number_vn(&num, cell->num);
        cell_para(b, lead ? "right" : "center", f, num.s);
      } else {
        cell_para(b, "left", f, cell->kind == CELL_TEXT ? cell->text : "");
      }
      cell_close(b);
    }
    buf_adds(b, "</w:tr>");
  }
  if (!t->nrows) { /* an empty list still shows one empty row under its headers */
    buf_adds(b, "<w:tr>");
    for (int i = 0; i < n; i++) {
      cell_open(b, wd[i], 1, 0, NULL);
      cell_para(b, "left", plain, "");
      cell_close(b);
    }
    buf_adds(b, "</w:tr>");
  }
  buf_release(&num);
  buf_adds(b, "</w:tbl>");
  free(wd);
  hgrid_release(&g);
}

/* the step and type size annex_widths gives the table on that page */
static int annex_fit(const doc_style *st, const rtable *t, int page, double *pt) {
  hgrid g;
  hgrid_build(&g, t);
  int lead = t->row_header && *t->row_header ? 2 : 0;
  int *wd = xmalloc(sizeof *wd * (size_t)(t->ncols + lead + 1)), mar;
  int step = annex_widths(t, &g, lead, text_width(st, page), st->table_pt, wd, pt, &mar);
  free(wd);
  hgrid_release(&g);
  return step;
}

/* An annex goes on a landscape page when the office wants them so
 * (doc.annex_landscape), and also when it would not fit a portrait page
 * without its type shrinking below SOFT_TABLE_PT; across A3 when even
 * across A4 its type would be below READABLE_TABLE_PT (Biểu 1 and 2: 36
 * and 33 columns). */
static int annex_page(const doc_style *st, const rtable *t) {
  double pt;
  if (!st->annex_landscape && annex_fit(st, t, PAGE_A4, &pt) != 4) return PAGE_A4;
  annex_fit(st, t, PAGE_A4_ACROSS, &pt);
  return pt < READABLE_TABLE_PT ? PAGE_A3_ACROSS : PAGE_A4_ACROSS;
}

/* an annex: its headings, then its table */
static void put_annex(writer *w, const doc_annex *x, int landscape) {
  buf *b = &w->doc;
  pfmt head = {.jc = "center", .keep_next = 1}, label = {.jc = "right", .keep_next = 1};
  if (x->label && *x->label) para_plain(b, &label, (rfmt){.bold = 1}, x->label);
  if (x->caption && *x->caption) para_plain(b, &head, (rfmt){.bold = 1}, x->caption);
  if (x->title && *x->title) para_markup(w, b, &head, (rfmt){.bold = 1}, x->title);
  int noted = x->note && *x->note;
  pfmt att = {.jc = "center", .keep_next = 1, .after = noted ? 0 : 240};
  if (x->attached && *x->attached) para_markup(w, b, &att, (rfmt){.italic = 1}, x->attached);
  pfmt note = {.jc = "center", .keep_next = 1, .after = 240};
  if (noted) para_plain(b, &note, (rfmt){.bold = 1, .italic = 1}, x->note); /* figures not final: said at the top */
  put_annex_table(w, x->table, text_width(w->st, landscape));
}

/* The body is one section; each annex another. A section's properties go
 * in the last paragraph of the section, the last section's close the body. */
static void put_document(writer *w) {
  const official_doc *d = w->d;
  buf *b = &w->doc;
  buf_adds(b, XML_DECL);
  buf_addf(b, "<w:document %s><w:body>", NS_W);
  put_header_block(w);
  put_title(w);
  put_body(w);
  put_end_block(w);
  int landscape = 0, annex = 0; /* of the section being written */
  for (int i = 0; i < d->nannexes; i++) {
    if (!d->annexes[i].table) continue;
    para_section_end(b, w->st, landscape, annex);
    landscape = annex_page(w->st, d->annexes[i].table), annex = 1;
    put_annex(w, &d->annexes[i], landscape);
  }
  buf_adds(b, "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
              "<w:rPr><w:sz w:val=\"2\"/><w:szCs w:val=\"2\"/></w:rPr></w:pPr></w:p>");
  put_sectpr(b, w->st, landscape, annex);
  buf_adds(b, "</w:body></w:document>");
}

/* --- the other parts -------------------------------------------------------- */

static void put_styles(buf *b, const doc_style *s) {
  buf_adds(b, XML_DECL);
  buf_addf(b, "<w:styles %s><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"", NS_W);
  xml_texts(b, s->font);
  buf_adds(b, "\" w:hAnsi=\"");
  xml_texts(b, s->font);
  buf_adds(b, "\" w:eastAsia=\"");
  xml_texts(b, s->font);
  buf_adds(b, "\" w:cs=\"");
  xml_texts(b, s->font);
  int hp = half_pt(s->body_pt), note = half_pt(s->body_pt - 2);
  buf_addf(b,
           "\"/><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/><w:lang w:val=\"vi-VN\" w:eastAsia=\"vi-VN\" "
           "w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" "
           "w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>",
           hp, hp);
  buf_adds(b, "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
              "<w:qFormat/></w:style>"
              "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
              "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>"
              "<w:unhideWhenUsed/></w:style>"
              "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
              "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr>"
              "<w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
              "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/>"
              "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
              "<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/>"
              "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>");
  buf_addf(b,
           "<w:style w:type=\"paragraph\" w:styleId=\"FootnoteText\"><w:name w:val=\"footnote text\"/>"
           "<w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/><w:pPr><w:jc w:val=\"both\"/>"
           "</w:pPr><w:rPr><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr></w:style>"
           "<w:style w:type=\"character\" w:styleId=\"FootnoteReference\"><w:name w:val=\"footnote reference\"/>"
           "<w:basedOn w:val=\"DefaultParagraphFont\"/><w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/>"
           "<w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:style>"
           "<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/><w:basedOn w:val=\"Normal\"/>"
           "<w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:style>"
           "</w:styles>",
           note, note);
}

static void put_footnotes(buf *b, const buf *notes) {
  buf_adds(b, XML_DECL);
  buf_addf(b,
           "<w:footnotes %s><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\" "
           "w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>"
           "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\" "
           "w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>",
           NS_W);
  buf_add(b, notes->s, notes->len);
  buf_adds(b, "</w:footnotes>");
}

static void put_core(buf *b, const official_doc *d) {
  buf_adds(b, XML_DECL);
  buf_adds(b, "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
              "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
              "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
  xml_texts(b, d->kind_title);
  if (d->number && *d->number) {
    buf_adds(b, " ");
    xml_texts(b, d->number);
  }
  buf_adds(b, "</dc:title><dc:creator>");
  xml_texts(b, d->issuer);
  buf_adds(b, "</dc:creator><dc:language>vi-VN</dc:language></cp:coreProperties>");
}

typedef struct part {
  const char *name;
  buf data;
} part;

static void set_part(part *p, const char *name, const char *text) {
  p->name = name;
  buf_init(&p->data, 0);
  if (text) buf_adds(&p->data, text);
}

static const char CONTENT_TYPES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/word/footnotes.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/>"
    "<Override PartName=\"/word/header1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
    "<Override PartName=\"/word/header2.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    "</Types>";

static const char PACKAGE_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
    "Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" "
    "Target=\"docProps/app.xml\"/>"
    "</Relationships>";

static const char DOCUMENT_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rIdStyles\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rIdSettings\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>"
    "<Relationship Id=\"rIdFootnotes\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" "
    "Target=\"footnotes.xml\"/>"
    "<Relationship Id=\"rIdHeaderPage\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>"
    "<Relationship Id=\"rIdHeaderFirst\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header2.xml\"/>"
    "</Relationships>";

static const char SETTINGS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>"
    "<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>"
    "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" "
    "w:val=\"15\"/></w:compat><w:themeFontLang w:val=\"vi-VN\"/></w:settings>";

/* the page number, centred: pages after the first of each section */
static const char HEADER_PAGE[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:hdr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:p><w:pPr><w:pStyle w:val=\"Header\"/><w:jc w:val=\"center\"/></w:pPr>"
    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r>"
    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>";

/* the first page of each section: no number */
static const char HEADER_FIRST[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                                   "<w:hdr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                                   "<w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr></w:p></w:hdr>";

static const char APP_PROPS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
    "<Application>danvan</Application></Properties>";

/* the parts zipped in memory; a fixed date on every entry keeps the bytes
 * the same for the same document */
static int zip_parts(part *parts, int n, buf *out, char *err, int errlen) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
  if (!za) {
    snprintf(err, (size_t)errlen, "không tạo được tệp DOCX: %s", zip_error_strerror(&ze));
    if (src) zip_source_free(src);
    zip_error_fini(&ze);
    return -1;
  }
  zip_source_keep(src); /* the archive's bytes are read back after zip_close */
  for (int i = 0; i < n; i++) {
    zip_source_t *s = zip_source_buffer(za, parts[i].data.s, parts[i].data.len, 0);
    zip_int64_t idx = s ? zip_file_add(za, parts[i].name, s, ZIP_FL_ENC_UTF_8) : -1;
    if (idx < 0) {
      snprintf(err, (size_t)errlen, "không ghi được %s vào tệp DOCX: %s", parts[i].name, zip_strerror(za));
      if (s) zip_source_free(s);
      zip_discard(za);
      zip_source_free(src);
      zip_error_fini(&ze);
      return -1;
    }
    zip_file_set_dostime(za, (zip_uint64_t)idx, 0, (2000 - 1980) << 9 | 1 << 5 | 1, 0);
  }
  if (zip_close(za) < 0) {
    snprintf(err, (size_t)errlen, "không đóng được tệp DOCX: %s", zip_strerror(za));
    zip_discard(za);
    zip_source_free(src);
    zip_error_fini(&ze);
    return -1;
  }
  zip_stat_t st;
  int rc = -1;
  if (zip_source_open(src) == 0) {
    if (zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
      size_t start = out->len;
      char chunk[8192];
      zip_int64_t got;
      while ((got = zip_source_read(src, chunk, sizeof chunk)) > 0) buf_add(out, chunk, (size_t)got);
      rc = got == 0 && out->len - start == st.size && !out->overflow ? 0 : -1;
    }
    zip_source_close(src);
  }
  if (rc) snprintf(err, (size_t)errlen, "không đọc lại được tệp DOCX vừa tạo");
  zip_source_free(src);
  zip_error_fini(&ze);
  return rc;
}

int docx_write(const official_doc *d, buf *out, char *err, int errlen) {
  writer w = {.d = d, .st = &d->style};
  buf_init(&w.doc, 0);
  buf_init(&w.notes, 0);
  put_document(&w);

  enum { NPARTS = 11 };
  part parts[NPARTS];
  set_part(&parts[0], "[Content_Types].xml", CONTENT_TYPES);
  set_part(&parts[1], "_rels/.rels", PACKAGE_RELS);
  set_part(&parts[2], "word/document.xml", NULL);
  parts[2].data = w.doc; /* handed over */
  set_part(&parts[3], "word/styles.xml", NULL);
  put_styles(&parts[3].data, &d->style);
  set_part(&parts[4], "word/settings.xml", SETTINGS);
  set_part(&parts[5], "word/footnotes.xml", NULL);
  put_footnotes(&parts[5].data, &w.notes);
  set_part(&parts[6], "word/header1.xml", HEADER_PAGE);
  set_part(&parts[7], "word/header2.xml", HEADER_FIRST);
  set_part(&parts[8], "word/_rels/document.xml.rels", DOCUMENT_RELS);
  set_part(&parts[9], "docProps/core.xml", NULL);
  put_core(&parts[9].data, d);
  set_part(&parts[10], "docProps/app.xml", APP_PROPS);
  int rc = zip_parts(parts, NPARTS, out, err, errlen);
  for (int i = 0; i < NPARTS; i++) buf_release(&parts[i].data);
  buf_release(&w.notes);
  return rc;
}
