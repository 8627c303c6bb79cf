/* docx + pdf: an official document written as DOCX (every part present
 * and well-formed, text escaped, footnotes, sections, annex header rows
 * merged like the HTML writer), the same bytes every time; then converted
 * by LibreOffice, whose PDF text must hold the header lines and the numbers
 * as printed (1.865). soffice, pdftotext and pdftoppm are required: a
 * machine without them fails here (scripts/deps.sh --test installs them).
 * The PDF and a PNG of its first page go to $DV_ARTIFACTS (default: the
 * repository's test-artifacts/) to look at. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <expat.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "core/document.h"
#include "core/period.h"
#include "export/doc_html.h"
#include "export/docx.h"
#include "export/pdf.h"

/* --- a document by hand ------------------------------------------------------ */

static void set_columns(rtable *t, int ncols, const char *const paths[][4]) {
  t->ncols = ncols;
  t->paths = calloc((size_t)ncols, sizeof *t->paths);
  t->depth = calloc((size_t)ncols, sizeof *t->depth);
  for (int i = 0; i < ncols; i++) {
    int d = 0;
    while (d < 4 && paths[i][d]) d++;
    t->depth[i] = d;
    t->paths[i] = calloc((size_t)d + 1, sizeof(char *));
    for (int k = 0; k < d; k++) t->paths[i][k] = strdup(paths[i][k]);
  }
}

static void num(rrow *r, int c, double v) { r->cells[c] = (rcell){CELL_NUM, v, NULL}; }
static void txt(rrow *r, int c, const char *s) { r->cells[c] = (rcell){CELL_TEXT, 0, strdup(s)}; }

/* two header levels: "Tổ chức hội nghị" over two columns, "Ban hành văn bản"
 * down both rows */
static void table_two_levels(rtable *t) {
  memset(t, 0, sizeof *t);
  t->row_header = strdup("Tên đơn vị <&>");
  static const char *const paths[][4] = {
      {"Tổ chức hội nghị", "Số hội nghị"}, {"Tổ chức hội nghị", "Số người tham gia"}, {"Ban hành văn bản"}};
  set_columns(t, 3, paths);
  rrow *r = rtable_add_row(t, "Quận Ngô Quyền");
  num(r, 0, 20), num(r, 1, 1865), num(r, 2, 3);
  r = rtable_add_row(t, "Huyện An Lão");
  num(r, 0, 2), txt(r, 2, "243/368");
  r = rtable_add_row(t, "Tổng");
  r->is_total = 1;
  num(r, 0, 22), num(r, 1, 1865), num(r, 2, 1234567);
}

/* three levels, paths ending at different depths (the shape of Biểu 1) */
static void table_three_levels(rtable *t) {
  memset(t, 0, sizeof *t);
  t->row_header = strdup("Cấp");
  static const char *const paths[][4] = {{"Kiểm tra", "Tổng số", "Số cuộc"},
                                         {"Kiểm tra", "Tổng số", "Số đảng viên"},
                                         {"Kiểm tra", "Cấp tỉnh"},
                                         {"Giám sát"}};
  set_columns(t, 4, paths);
  rrow *r = rtable_add_row(t, "Thành phố");
  num(r, 0, 1), num(r, 1, 2), num(r, 2, 3), num(r, 3, 4);
}

/* a list (Biểu 4): no label column, its own STT */
static void table_list(rtable *t) {
  memset(t, 0, sizeof *t);
  t->row_header = strdup("");
  static const char *const paths[][4] = {{"STT"}, {"Số văn bản"}, {"Nội dung"}};
  set_columns(t, 3, paths);
  rrow *r = rtable_add_row(t, "1");
  num(r, 0, 1), txt(r, 1, "Nghị quyết số 08-NQ/TU"),
      txt(r, 2, "Nghị quyết về “Mục tiêu, nhiệm vụ, giải pháp năm 2023”");
}

typedef struct fixture {
  official_doc d;
  rtable t[3];
} fixture;

static const char ATTACHED[] = "(Kèm theo Báo cáo số 361-BC/TU, ngày 19/6/2023 của Ban Thường vụ Thành ủy Hải Phòng)";
static const char FOOTNOTE_1[] = "Số liệu của Ban Tổ chức Thành ủy đến ngày 31/5/2023.";
static const char FOOTNOTE_2[] = "Thông tri số 08-TT/TU, ngày 03/01/2023 & các văn bản khác.";

static void build(fixture *fx) {
  official_doc *d = &fx->d;
  official_doc_init(d);
  d->parent_body = strdup("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG");
  d->issuer = strdup("THÀNH ỦY");
  d->number = doc_number(361, "BC/TU");
  d->date_line = doc_date_line("Hải Phòng", date_from_ymd(2023, 6, 19));
  d->kind_title = strdup("BÁO CÁO");
  d->subtitle =
      strdup("sơ kết công tác dân vận 6 tháng đầu năm;\nphương hướng, nhiệm vụ trọng tâm 6 tháng cuối năm 2023");
  official_doc_add_para(d, DP_PART, "Phần thứ nhất");
  official_doc_add_para(d, DP_HEADING, "I. ĐẶC ĐIỂM TÌNH HÌNH");
  official_doc_add_para(
      d, DP_BODY,
      "Đảng bộ thành phố có 127.818 đảng viên^[Số liệu của Ban Tổ chức Thành ủy đến ngày 31/5/2023.]; "
      "chủ đề “*Hải Phòng tỏa sáng miền cửa biển*”, **đậm**.");
  official_doc_add_para(
      d, DP_BODY,
      "Ký tự: a < b & c > d \"trích\"\x01 \x7f\xc2\x85hỏng \xff hết^[Thông tri số 08-TT/TU, ngày 03/01/2023 & "
      "*các văn bản khác*.].");
  official_doc_add_recipient(d, "Ban Dân vận Trung ương");
  official_doc_add_recipient(d, "Các đ/c Ủy viên Ban Thường vụ Thành ủy,");
  official_doc_add_recipient(d, "Lưu Văn phòng Thành ủy.");
  d->sign_on_behalf = strdup("T/M BAN THƯỜNG VỤ");
  d->sign_position = strdup("PHÓ BÍ THƯ");
  d->sign_name = strdup("Đỗ Mạnh Hiến");
  table_two_levels(&fx->t[0]);
  table_three_levels(&fx->t[1]);
  table_list(&fx->t[2]);
  official_doc_add_annex(d, &fx->t[0], "BẢNG TỔNG HỢP SỐ LIỆU", "Kết quả công tác dân vận", ATTACHED);
  official_doc_add_annex(d, &fx->t[1], "BẢNG TỔNG HỢP SỐ LIỆU", "Kiểm tra, giám sát", ATTACHED);
  official_doc_add_annex(d, &fx->t[2], "BẢNG TỔNG HỢP", "Các văn bản", ATTACHED);
}

static int setup(void **state) {
  fixture *fx = calloc(1, sizeof *fx);
  build(fx);
  *state = fx;
  return 0;
}

static int teardown(void **state) {
  fixture *fx = *state;
  official_doc_release(&fx->d);
  for (int i = 0; i < 3; i++) rtable_release(&fx->t[i]);
  free(fx);
  return 0;
}

static void write_docx(const official_doc *d, buf *out) {
  char err[256] = "";
  buf_init(out, 0);
  if (docx_write(d, out, err, sizeof err)) fail_msg("docx_write: %s", err);
  assert_true(out->len > 1000);
}

/* --- reading the zip back ---------------------------------------------------- */

static char *zip_part(const buf *docx, const char *name) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(docx->s, docx->len, 0, &ze);
  zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
  if (!za) fail_msg("not a zip: %s", zip_error_strerror(&ze));
  zip_stat_t st;
  char *data = NULL;
  if (zip_stat(za, name, 0, &st) == 0) {
    zip_file_t *f = zip_fopen(za, name, 0);
    data = calloc(1, st.size + 1);
    assert_int_equal(zip_fread(f, data, st.size), (zip_int64_t)st.size);
    zip_fclose(f);
  }
  zip_close(za);
  zip_error_fini(&ze);
  return data;
}

static int count(const char *s, const char *needle) {
  int n = 0;
  for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle)) n++;
  return n;
}

/* --- the tables of document.xml, row by row, through expat -------------------- */

typedef struct scan {
  int tbl_depth, ntables;
  int in_tc, in_t;
  buf rows;     /* "table:row: cell|cell|…" lines */
  buf cell;     /* the text of the current cell */
  char tag[64]; /* the marks of the current cell: {s2} {r} {c} */
  buf text;     /* every w:t of the document, concatenated */
} scan;

static const char *attr(const char **a, const char *name) {
  for (int i = 0; a[i]; i += 2)
    if (!strcmp(a[i], name)) return a[i + 1];
  return NULL;
}

static void on_start(void *u, const char *el, const char **a) {
  scan *s = u;
  if (!strcmp(el, "w:tbl")) {
    if (s->tbl_depth++ == 0) s->ntables++;
  } else if (!strcmp(el, "w:tr")) {
    buf_addf(&s->rows, "%d:", s->ntables);
  } else if (!strcmp(el, "w:tc")) {
    s->in_tc = 1;
    buf_reset(&s->cell);
    s->tag[0] = 0;
  } else if (!strcmp(el, "w:gridSpan") && s->in_tc) {
    snprintf(s->tag + strlen(s->tag), sizeof s->tag - strlen(s->tag), "{s%s}", attr(a, "w:val"));
  } else if (!strcmp(el, "w:vMerge") && s->in_tc) {
    const char *v = attr(a, "w:val");
    strcat(s->tag, v && !strcmp(v, "restart") ? "{r}" : "{c}");
  } else if (!strcmp(el, "w:t")) {
    s->in_t = 1;
  }
}

static void on_end(void *u, const char *el) {
  scan *s = u;
  if (!strcmp(el, "w:tbl")) s->tbl_depth--;
  else if (!strcmp(el, "w:tr")) s->rows.s[s->rows.len - 1] = '\n'; /* the last '|' */
  else if (!strcmp(el, "w:t")) s->in_t = 0;
  else if (!strcmp(el, "w:tc")) {
    s->in_tc = 0;
    buf_add(&s->rows, s->cell.s, s->cell.len);
    buf_adds(&s->rows, s->tag);
    buf_addc(&s->rows, '|');
  }
}

static void on_text(void *u, const char *t, int len) {
  scan *s = u;
  if (!s->in_t) return;
  if (s->in_tc) buf_add(&s->cell, t, (size_t)len);
  buf_add(&s->text, t, (size_t)len);
}

/* parses xml (failing the test if it is not well-formed UTF-8 XML) */
static void parse_xml(const char *name, const char *xml, scan *s) {
  XML_Parser p = XML_ParserCreate("UTF-8");
  XML_SetUserData(p, s);
  XML_SetElementHandler(p, on_start, on_end);
  XML_SetCharacterDataHandler(p, on_text);
  if (XML_Parse(p, xml, (int)strlen(xml), 1) == XML_STATUS_ERROR)
    fail_msg("%s: %s at line %lu", name, XML_ErrorString(XML_GetErrorCode(p)),
             (unsigned long)XML_GetCurrentLineNumber(p));
  XML_ParserFree(p);
}

static void scan_init(scan *s) {
  memset(s, 0, sizeof *s);
  buf_init(&s->rows, 0), buf_init(&s->cell, 0), buf_init(&s->text, 0);
}

static void scan_release(scan *s) { buf_release(&s->rows), buf_release(&s->cell), buf_release(&s->text); }

static void expect_line(const char *rows, const char *line) {
  char want[512];
  snprintf(want, sizeof want, "%s\n", line);
  if (!strstr(rows, want)) fail_msg("no row \"%s\" in:\n%s", line, rows);
}

/* --- DOCX --------------------------------------------------------------------- */

static const char *PARTS[] = {"[Content_Types].xml", "_rels/.rels",       "word/document.xml",
                              "word/styles.xml",     "word/settings.xml", "word/footnotes.xml",
                              "word/header1.xml",    "word/header2.xml",  "word/_rels/document.xml.rels",
                              "docProps/core.xml",   "docProps/app.xml"};

static void test_parts(void **state) {
  fixture *fx = *state;
  buf docx;
  write_docx(&fx->d, &docx);
  assert_memory_equal(docx.s, "PK\x03\x04", 4);
  for (size_t i = 0; i < sizeof PARTS / sizeof *PARTS; i++) {
    char *xml = zip_part(&docx, PARTS[i]);
    if (!xml) fail_msg("%s missing", PARTS[i]);
    scan s;
    scan_init(&s);
    parse_xml(PARTS[i], xml, &s);
    scan_release(&s);
    free(xml);
  }
  char *ct = zip_part(&docx, "[Content_Types].xml");
  assert_non_null(strstr(ct, "/word/footnotes.xml"));
  assert_non_null(strstr(ct, "wordprocessingml.document.main+xml"));
  free(ct);
  char *styles = zip_part(&docx, "word/styles.xml");
  assert_non_null(strstr(styles, "w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New "
                                 "Roman\" w:cs=\"Times New Roman\""));
  assert_non_null(strstr(styles, "<w:sz w:val=\"28\"/>")); /* 14 pt */
  assert_non_null(strstr(styles, "<w:lang w:val=\"vi-VN\""));
  assert_non_null(strstr(styles, "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr></w:style>")); /* footnotes 12 pt */
  free(styles);
  char *hdr = zip_part(&docx, "word/header1.xml");
  assert_non_null(strstr(hdr, " PAGE "));
  assert_non_null(strstr(hdr, "<w:jc w:val=\"center\"/>"));
  free(hdr);
  char *settings = zip_part(&docx, "word/settings.xml");
  assert_non_null(strstr(settings, "<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>"));
  free(settings);
  buf_release(&docx);
}

static void test_text_and_footnotes(void **state) {
  fixture *fx = *state;
  buf docx;
  write_docx(&fx->d, &docx);
  char *xml = zip_part(&docx, "word/document.xml");
  scan s;
  scan_init(&s);
  parse_xml("document.xml", xml, &s);
  /* escaped in the XML, intact once parsed; control characters dropped, bad bytes replaced */
  assert_non_null(strstr(xml, "a &lt; b &amp; c &gt; d &quot;trích&quot;"));
  assert_non_null(strstr(s.text.s, "a < b & c > d \"trích\" hỏng \xEF\xBF\xBD hết"));
  assert_null(strchr(xml, '\x01'));
  assert_null(strchr(xml, '\x7f'));
  assert_null(strstr(xml, "\xc2\x85")); /* NEL, a C1 control */
  assert_non_null(strstr(s.text.s, "Tên đơn vị <&>"));
  const char *lines[] = {"ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG",
                         "THÀNH ỦY",
                         "Số 361-BC/TU",
                         "ĐẢNG CỘNG SẢN VIỆT NAM",
                         "Hải Phòng, ngày 19 tháng 6 năm 2023",
                         "BÁO CÁO",
                         "Phần thứ nhất",
                         "Nơi nhận:",
                         "- Ban Dân vận Trung ương,",
                         "- Các đ/c Ủy viên Ban Thường vụ Thành ủy,",
                         "- Lưu Văn phòng Thành ủy.",
                         "T/M BAN THƯỜNG VỤ",
                         "PHÓ BÍ THƯ",
                         "Đỗ Mạnh Hiến",
                         ATTACHED};
  for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
    if (!strstr(s.text.s, lines[i])) fail_msg("document.xml lacks \"%s\"", lines[i]);
  assert_null(strstr(s.text.s, "^[")); /* footnotes became footnotes */
  assert_null(strstr(s.text.s, "**"));
  /* the subtitle's '\n' is a line break; bold and italic runs */
  assert_non_null(strstr(xml, "6 tháng đầu năm;</w:t><w:br/><w:t xml:space=\"preserve\">phương hướng"));
  assert_non_null(strstr(xml, "<w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">Hải Phòng tỏa sáng miền cửa biển<"));
  assert_non_null(strstr(xml, "<w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">đậm<"));
  assert_non_null(strstr(xml, "<w:footnoteReference w:id=\"1\"/>"));
  assert_non_null(strstr(xml, "<w:footnoteReference w:id=\"2\"/>"));
  scan_release(&s);
  free(xml);

  char *notes = zip_part(&docx, "word/footnotes.xml");
  scan_init(&s);
  parse_xml("footnotes.xml", notes, &s);
  assert_non_null(strstr(notes, "w:type=\"separator\" w:id=\"-1\""));
  assert_non_null(strstr(notes, "w:type=\"continuationSeparator\" w:id=\"0\""));
  assert_non_null(strstr(notes, "<w:footnote w:id=\"1\">"));
  assert_non_null(strstr(notes, "<w:footnote w:id=\"2\">"));
  assert_non_null(strstr(s.text.s, FOOTNOTE_1));
  assert_non_null(strstr(s.text.s, FOOTNOTE_2));
  /* a footnote's own markup */
  assert_non_null(strstr(notes, "<w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">các văn bản khác<"));
  scan_release(&s);
  free(notes);
  buf_release(&docx);
}

/* header rows merged exactly like report_write_html_head: gridSpan for its
 * colspan, vMerge restart/continue for its rowspan */
static void test_annex_tables(void **state) {
  fixture *fx = *state;
  buf docx;
  write_docx(&fx->d, &docx);
  char *xml = zip_part(&docx, "word/document.xml");
  scan s;
  scan_init(&s);
  parse_xml("document.xml", xml, &s);
  /* tables: 1 header block, 2 end block, 3-5 the annexes */
  assert_int_equal(s.ntables, 5);
  expect_line(s.rows.s, "3:TT{r}|Tên đơn vị <&>{r}|Tổ chức hội nghị{s2}|Ban hành văn bản{r}");
  expect_line(s.rows.s, "3:{c}|{c}|Số hội nghị|Số người tham gia|{c}");
  expect_line(s.rows.s, "3:1|Quận Ngô Quyền|20|1.865|3");
  expect_line(s.rows.s, "3:2|Huyện An Lão|2||243/368"); /* an empty cell stays empty */
  expect_line(s.rows.s, "3:|Tổng|22|1.865|1.234.567");  /* a total has no number */
  expect_line(s.rows.s, "4:TT{r}|Cấp{r}|Kiểm tra{s3}|Giám sát{r}");
  expect_line(s.rows.s, "4:{c}|{c}|Tổng số{s2}|Cấp tỉnh{r}|{c}");
  expect_line(s.rows.s, "4:{c}|{c}|Số cuộc|Số đảng viên|{c}|{c}");
  expect_line(s.rows.s, "5:STT|Số văn bản|Nội dung");
  expect_line(s.rows.s, "5:1|Nghị quyết số 08-NQ/TU|Nghị quyết về “Mục tiêu, nhiệm vụ, giải pháp năm 2023”");
  /* header rows repeat on each page; totals bold */
  assert_int_equal(count(xml, "<w:tblHeader/>"), 2 + 3 + 1);
  assert_non_null(strstr(xml, "<w:b/><w:bCs/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/></w:rPr><w:t "
                              "xml:space=\"preserve\">1.234.567<"));
  scan_release(&s);
  free(xml);
  buf_release(&docx);
}

/* the widths of each table's grid */
static void grid_sums(const char *xml, int *sums, int max, int *n) {
  *n = 0;
  for (const char *p = xml; (p = strstr(p, "<w:tblGrid>")) && *n < max; p++) {
    const char *end = strstr(p, "</w:tblGrid>");
    int sum = 0;
    for (const char *q = p; (q = strstr(q, "<w:gridCol w:w=\"")) && q < end; q++) sum += atoi(q + 16);
    sums[(*n)++] = sum;
  }
}

/* A4 portrait body, landscape annexes (across A3 when too wide for 8 pt across A4), each section without a number on
 * its first page, annexes numbered anew; annex tables exactly as wide as
 * the text, even with 40 columns */
static void test_sections_and_widths(void **state) {
  fixture *fx = *state;
  rtable wide;
  memset(&wide, 0, sizeof wide);
  wide.row_header = strdup("Tên đơn vị");
  const char *(*paths)[4] = calloc(40, sizeof *paths);
  for (int i = 0; i < 40; i++) {
    paths[i][0] = i < 20 ? "Thực hiện kiểm tra, giám sát các nội dung về công tác dân vận" : "Số lượng đơn, thư";
    paths[i][1] = i % 2 ? "Cấp huyện" : "Cấp tỉnh";
    paths[i][2] = i % 4 < 2 ? "Số cuộc" : "Số tổ chức đảng";
  }
  set_columns(&wide, 40, (const char *const(*)[4])paths);
  free(paths);
  rrow *r = rtable_add_row(&wide, "Ban Dân vận Thành ủy Hải Phòng");
  for (int i = 0; i < 40; i++) num(r, i, 1865 + i);
  official_doc_add_annex(&fx->d, &wide, "BẢNG TỔNG HỢP SỐ LIỆU", "Rộng", ATTACHED);

  buf docx;
  write_docx(&fx->d, &docx);
  char *xml = zip_part(&docx, "word/document.xml");
  assert_int_equal(count(xml, "<w:sectPr>"), 5);
  assert_int_equal(count(xml, "<w:titlePg/>"), 5);
  assert_int_equal(count(xml, "<w:pgNumType w:start=\"1\"/>"), 4);
  assert_int_equal(count(xml, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), 1);
  assert_int_equal(count(xml, "<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"), 3);
  /* the 40 columns would be below 8 pt across A4: across A3 */
  assert_int_equal(count(xml, "<w:pgSz w:w=\"23811\" w:h=\"16838\" w:orient=\"landscape\" w:code=\"8\"/>"), 1);
  /* margins 20 15 20 30 mm; the landscape pages turn them */
  assert_non_null(strstr(xml, "<w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\""));
  assert_non_null(strstr(xml, "<w:pgMar w:top=\"1701\" w:right=\"1134\" w:bottom=\"850\" w:left=\"1134\""));
  int sums[8], n;
  grid_sums(xml, sums, 8, &n);
  assert_int_equal(n, 6);
  int body = 11906 - 1701 - 850, land = 16838 - 1134 - 1134;
  assert_int_equal(sums[1], body); /* the end block */
  for (int i = 2; i < 5; i++) assert_int_equal(sums[i], land);
  assert_int_equal(sums[5], 23811 - 1134 - 1134);
  /* the wide annex shrank its type but keeps its numbers whole */
  assert_non_null(strstr(xml, "1.904"));
  free(xml);
  buf_release(&docx);

  /* portrait annexes when the office wants them, but one too wide for a
   * portrait page still turns */
  fx->d.style.annex_landscape = 0;
  write_docx(&fx->d, &docx);
  xml = zip_part(&docx, "word/document.xml");
  assert_int_equal(count(xml, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), 4);
  assert_int_equal(count(xml, "landscape"), 1);
  grid_sums(xml, sums, 8, &n);
  for (int i = 2; i < 5; i++) assert_int_equal(sums[i], body);
  assert_int_equal(sums[5], 23811 - 1134 - 1134); /* across A3, as above */
  free(xml);
  buf_release(&docx);
  fx->d.style.annex_landscape = 1;
  fx->d.nannexes--;
  free(fx->d.annexes[fx->d.nannexes].caption), free(fx->d.annexes[fx->d.nannexes].title);
  free(fx->d.annexes[fx->d.nannexes].attached);
  free(fx->d.annexes[fx->d.nannexes].label), free(fx->d.annexes[fx->d.nannexes].note);
  rtable_release(&wide);
}

static void test_deterministic(void **state) {
  fixture *fx = *state;
  buf a, b;
  write_docx(&fx->d, &a);
  write_docx(&fx->d, &b);
  assert_int_equal(a.len, b.len);
  assert_memory_equal(a.s, b.s, a.len);
  buf_release(&a);
  buf_release(&b);
}

/* a bare document: no parent body, no recipients, no annexes, no number */
static void test_minimal(void **state) {
  (void)state;
  official_doc d;
  official_doc_init(&d);
  d.issuer = strdup("ĐẢNG ỦY PHƯỜNG GIA SÀNG");
  d.number = doc_number(0, "KH/ĐU");
  d.date_line = strdup("Gia Sàng, ngày 05 tháng 01 năm 2024");
  d.kind_title = strdup("KẾ HOẠCH");
  d.sign_position = strdup("BÍ THƯ");
  d.sign_name = strdup("");
  strcpy(d.style.font, "Liberation Serif");
  buf docx;
  write_docx(&d, &docx);
  char *xml = zip_part(&docx, "word/document.xml");
  scan s;
  scan_init(&s);
  parse_xml("document.xml", xml, &s);
  assert_int_equal(count(xml, "<w:sectPr>"), 1);
  assert_null(strstr(xml, "landscape"));
  assert_non_null(strstr(s.text.s, "Số     -KH/ĐU"));
  assert_non_null(strstr(s.rows.s, "1:ĐẢNG ỦY PHƯỜNG GIA SÀNG|ĐẢNG CỘNG SẢN VIỆT NAM\n"));
  scan_release(&s);
  free(xml);
  char *styles = zip_part(&docx, "word/styles.xml");
  assert_non_null(strstr(styles, "w:ascii=\"Liberation Serif\""));
  free(styles);
  buf_release(&docx);
  official_doc_release(&d);
}

/* --- a state body's document (Decree 30/2020/NĐ-CP) ------------------------------ */

static const char ATTACHED_STATE[] =
    "(Kèm theo Báo cáo số 12/BC-UBND ngày 19 tháng 6 năm 2023 của Ủy ban nhân dân quận Ngô Quyền)";

static void set(char **field, const char *v) {
  free(*field);
  *field = strdup(v);
}

/* the fixture's report as the People's Committee of a district issues it,
 * signed by a deputy chairman */
static int setup_state(void **state) {
  setup(state);
  fixture *fx = *state;
  official_doc *d = &fx->d;
  d->state = 1;
  set(&d->parent_body, "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG");
  set(&d->issuer, "ỦY BAN NHÂN DÂN QUẬN NGÔ QUYỀN");
  free(d->number);
  d->number = doc_number_state(12, "BC-UBND");
  set(&d->date_line, "Ngô Quyền, ngày 19 tháng 6 năm 2023");
  for (int i = 0; i < d->nrecipients; i++) free(d->recipients[i]);
  d->nrecipients = 0;
  official_doc_add_recipient(d, "Như trên");
  official_doc_add_recipient(d, "Thường trực Quận ủy (để b/c);");
  official_doc_add_recipient(d, "Lưu: VT, VP.");
  set(&d->sign_on_behalf, "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH");
  set(&d->sign_position, "PHÓ CHỦ TỊCH");
  set(&d->sign_name, "Nguyễn Văn An");
  for (int i = 0; i < d->nannexes; i++) set(&d->annexes[i].attached, ATTACHED_STATE);
  return 0;
}

static void test_state_numbers(void **state) {
  (void)state;
  char *n = doc_number_state(12, "BC-UBND");
  assert_string_equal(n, "Số: 12/BC-UBND");
  free(n);
  n = doc_number_state(5, "BC-UBND"); /* below 10: a leading zero (Decree 30) */
  assert_string_equal(n, "Số: 05/BC-UBND");
  free(n);
  n = doc_number_state(0, "BC-UBND"); /* written by hand when signed */
  assert_string_equal(n, "Số:      /BC-UBND");
  free(n);
  assert_int_equal(doc_state_name_break("ỦY BAN NHÂN DÂN QUẬN NGÔ QUYỀN"), strlen("ỦY BAN NHÂN DÂN"));
  assert_int_equal(doc_state_name_break("HỘI ĐỒNG NHÂN DÂN XÃ AN BÁ"), strlen("HỘI ĐỒNG NHÂN DÂN"));
  assert_int_equal(doc_state_name_break("ỦY BAN NHÂN DÂN"), 0);
  assert_int_equal(doc_state_name_break("SỞ NỘI VỤ"), 0);
  assert_int_equal(doc_state_name_break(""), 0);
}

/* the rows of the first table (the header block) */
static int header_rows(const char *rows) { return count(rows, "\n1:") + !strncmp(rows, "1:", 2); }

/* the national name and motto with the rule under it, the names on the lines
 * of their custom, "Số: 12/BC-UBND" on the date's line, no "*", recipients
 * "- …;" ending in "." at 11 pt, the signature's lines as given */
static void test_state_docx(void **state) {
  fixture *fx = *state;
  buf docx;
  write_docx(&fx->d, &docx);
  char *xml = zip_part(&docx, "word/document.xml");
  scan s;
  scan_init(&s);
  parse_xml("document.xml", xml, &s);
  /* the header block: the names and the national lines side by side (each
   * column a paragraph per line), then the number and the date on one line */
  expect_line(s.rows.s, "1:ỦY BAN NHÂN DÂNTHÀNH PHỐ HẢI PHÒNGỦY BAN NHÂN DÂNQUẬN NGÔ QUYỀN|"
                        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc");
  expect_line(s.rows.s, "1:Số: 12/BC-UBND|Ngô Quyền, ngày 19 tháng 6 năm 2023");
  assert_int_equal(header_rows(s.rows.s), 2);
  const char *para_ends[] = {">ỦY BAN NHÂN DÂN</w:t></w:r></w:p>", ">THÀNH PHỐ HẢI PHÒNG</w:t></w:r></w:p>",
                             ">QUẬN NGÔ QUYỀN</w:t></w:r></w:p>",
                             ">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p>"};
  for (size_t i = 0; i < sizeof para_ends / sizeof *para_ends; i++)
    if (!strstr(xml, para_ends[i])) fail_msg("not a line of its own: %s", para_ends[i]);
  assert_null(strstr(s.rows.s, "ĐẢNG CỘNG SẢN VIỆT NAM"));
  assert_null(strstr(s.rows.s, "1:*|"));
  assert_null(strstr(xml, ">*<"));
  /* the national name bold at 13 pt, the motto bold at the body's size */
  assert_non_null(strstr(xml, "<w:b/><w:bCs/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr><w:t "
                              "xml:space=\"preserve\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<"));
  assert_non_null(strstr(xml, "<w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">Độc lập - Tự do - Hạnh phúc<"));
  /* the issuer bold, the parent body regular, both upper case */
  assert_non_null(strstr(xml, "<w:b/><w:bCs/><w:caps/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr><w:t "
                              "xml:space=\"preserve\">QUẬN NGÔ QUYỀN<"));
  assert_non_null(strstr(xml, "<w:caps/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr><w:t "
                              "xml:space=\"preserve\">THÀNH PHỐ HẢI PHÒNG<"));
  /* rules: under the issuer, under the motto, under the title (no "-----") */
  assert_int_equal(count(xml, "<w:pBdr><w:top "), 3);
  assert_null(strstr(s.text.s, "-----"));
  /* Nơi nhận: bold italic 12 pt, the recipients at 11 pt with ";" and "." */
  assert_non_null(strstr(xml, "<w:b/><w:bCs/><w:i/><w:iCs/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr><w:t "
                              "xml:space=\"preserve\">Nơi nhận:<"));
  const char *recv[] = {"- Như trên;", "- Thường trực Quận ủy (để b/c);", "- Lưu: VT, VP."};
  for (size_t i = 0; i < sizeof recv / sizeof *recv; i++) {
    char want[200];
    snprintf(want, sizeof want, "<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/></w:rPr><w:t xml:space=\"preserve\">%s<",
             recv[i]);
    if (!strstr(xml, want)) fail_msg("document.xml lacks the recipient line \"%s\" at 11 pt", recv[i]);
  }
  assert_null(strstr(s.text.s, "ương,"));
  assert_null(strstr(s.text.s, ";;"));
  /* the signature: its lines as given */
  assert_non_null(strstr(xml, "TM. ỦY BAN NHÂN DÂN</w:t><w:br/><w:t xml:space=\"preserve\">KT. CHỦ TỊCH<"));
  assert_non_null(strstr(s.text.s, "PHÓ CHỦ TỊCH"));
  assert_non_null(strstr(s.text.s, ATTACHED_STATE));
  scan_release(&s);
  free(xml);
  buf_release(&docx);
}

/* the same in the HTML writer */
static void test_state_html(void **state) {
  fixture *fx = *state;
  buf b;
  buf_init(&b, 0);
  doc_write_html(&b, &fx->d);
  const char *want[] = {"<article class=\"odoc od-state\"",
                        "<p class=\"od-parent\">ỦY BAN NHÂN DÂN<br>THÀNH PHỐ HẢI PHÒNG</p>",
                        "<p class=\"od-org\">ỦY BAN NHÂN DÂN<br>QUẬN NGÔ QUYỀN</p><p class=\"od-org-rule\"",
                        "<p class=\"od-no\">Số: 12/BC-UBND</p>",
                        "<p class=\"od-country\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>",
                        "<p class=\"od-motto\">Độc lập - Tự do - Hạnh phúc</p>",
                        "<li>- Như trên;</li>",
                        "<li>- Thường trực Quận ủy (để b/c);</li>",
                        "<li>- Lưu: VT, VP.</li>",
                        "TM. ỦY BAN NHÂN DÂN<br>KT. CHỦ TỊCH",
                        "od-rule-solid"};
  for (size_t i = 0; i < sizeof want / sizeof *want; i++)
    if (!strstr(b.s, want[i])) fail_msg("the HTML lacks %s", want[i]);
  assert_null(strstr(b.s, "od-star"));
  assert_null(strstr(b.s, "od-party"));
  assert_null(strstr(b.s, "ĐẢNG CỘNG SẢN"));
  buf_release(&b);
}

/* a province's People's Committee: no parent body; a name without the
 * customary break on one line; the number still on the date's line */
static void test_state_layouts(void **state) {
  fixture *fx = *state;
  official_doc *d = &fx->d;
  free(d->parent_body);
  d->parent_body = NULL;
  set(&d->issuer, "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG");
  buf docx;
  write_docx(d, &docx);
  char *xml = zip_part(&docx, "word/document.xml");
  scan s;
  scan_init(&s);
  parse_xml("document.xml", xml, &s);
  expect_line(s.rows.s,
              "1:ỦY BAN NHÂN DÂNTHÀNH PHỐ HẢI PHÒNG|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc");
  expect_line(s.rows.s, "1:Số: 12/BC-UBND|Ngô Quyền, ngày 19 tháng 6 năm 2023");
  assert_int_equal(header_rows(s.rows.s), 2);
  assert_int_equal(count(xml, "<w:pBdr><w:top "), 3);
  scan_release(&s);
  free(xml);
  buf_release(&docx);

  set(&d->issuer, "SỞ NỘI VỤ");
  write_docx(d, &docx);
  xml = zip_part(&docx, "word/document.xml");
  scan_init(&s);
  parse_xml("document.xml", xml, &s);
  expect_line(s.rows.s, "1:SỞ NỘI VỤ|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc");
  expect_line(s.rows.s, "1:Số: 12/BC-UBND|Ngô Quyền, ngày 19 tháng 6 năm 2023");
  assert_int_equal(header_rows(s.rows.s), 2);
  scan_release(&s);
  free(xml);
  buf_release(&docx);
}

/* --- PDF ------------------------------------------------------------------------- */

static int on_path(const char *tool) {
  const char *path = getenv("PATH");
  if (!path) return 0;
  char *copy = strdup(path), *save = NULL;
  int found = 0;
  for (char *dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
    char full[4096];
    snprintf(full, sizeof full, "%s/%s", *dir ? dir : ".", tool);
    found = access(full, X_OK) == 0;
  }
  free(copy);
  return found;
}

static void require_tools(void) {
  const char *tools[] = {"soffice", "pdftotext", "pdftoppm"};
  for (size_t i = 0; i < sizeof tools / sizeof *tools; i++)
    if (!on_path(tools[i])) fail_msg("%s is not on PATH: scripts/deps.sh --test installs it", tools[i]);
}

/* $DV_ARTIFACTS, or the repository's test-artifacts/ like the other tests */
static void artifacts_dir(char *out, size_t cap) {
  const char *env = getenv("DV_ARTIFACTS");
  if (env && *env) {
    snprintf(out, cap, "%s", env);
  } else if (__FILE__[0] == '/') {
    snprintf(out, cap, "%s", __FILE__);
    for (int up = 0; up < 3; up++) *strrchr(out, '/') = 0; /* tests/unit/test_docx.c */
    strncat(out, "/test-artifacts", cap - strlen(out) - 1);
  } else {
    snprintf(out, cap, "test-artifacts");
  }
  mkdir(out, 0755);
}

static void save(const char *path, const buf *b) {
  char tmp[4200];
  snprintf(tmp, sizeof tmp, "%s.%d.tmp", path, (int)getpid());
  FILE *f = fopen(tmp, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(b->s, 1, b->len, f), b->len);
  assert_int_equal(fclose(f), 0);
  assert_int_equal(rename(tmp, path), 0); /* a reader never sees half a file */
}

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  buf b;
  buf_init(&b, 0);
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_add(&b, chunk, n);
  fclose(f);
  return buf_detach(&b, NULL);
}

static void test_pdf(void **state) {
  fixture *fx = *state;
  require_tools();
  buf docx, pdf;
  write_docx(&fx->d, &docx);
  buf_init(&pdf, 0);
  char err[256] = "";
  if (pdf_from_docx(docx.s, docx.len, &pdf, 120, err, sizeof err)) fail_msg("pdf_from_docx: %s", err);
  assert_memory_equal(pdf.s, "%PDF-", 5);

  char dir[4096], path[4200], cmd[9000];
  artifacts_dir(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/docx-unit.pdf", dir);
  save(path, &pdf);
  snprintf(path, sizeof path, "%s/docx-unit.docx", dir);
  save(path, &docx);
  snprintf(cmd, sizeof cmd, "pdftoppm -png -r 60 -f 1 -l 1 '%s/docx-unit.pdf' '%s/docx-unit-page' 2>&1", dir, dir);
  assert_int_equal(system(cmd), 0);
  snprintf(cmd, sizeof cmd, "pdftotext -layout '%s/docx-unit.pdf' '%s/docx-unit.txt' 2>&1", dir, dir);
  assert_int_equal(system(cmd), 0);
  snprintf(path, sizeof path, "%s/docx-unit.txt", dir);
  char *text = slurp(path);
  assert_non_null(text);
  const char *lines[] = {"ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG",
                         "THÀNH ỦY",
                         "Số 361-BC/TU",
                         "ĐẢNG CỘNG SẢN VIỆT NAM",
                         "Hải Phòng, ngày 19 tháng 6 năm 2023",
                         "BÁO CÁO",
                         "Phần thứ nhất",
                         "Nơi nhận:",
                         "T/M BAN THƯỜNG VỤ",
                         "Đỗ Mạnh Hiến",
                         "BẢNG TỔNG HỢP SỐ LIỆU",
                         ATTACHED,
                         FOOTNOTE_1,
                         "1.865",
                         "1.234.567",
                         "243/368",
                         "a < b & c > d \"trích\""};
  for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
    if (!strstr(text, lines[i])) fail_msg("the PDF text lacks \"%s\":\n%s", lines[i], text);
  /* the body on A4 portrait, the annexes on A4 landscape: 1 + 3 pages, a
   * form feed between pages */
  assert_int_equal(count(text, "\f"), 4);
  free(text);
  buf_release(&pdf);
  buf_release(&docx);
}

/* the state document through LibreOffice: the header's lines in the PDF text,
 * its first page as a PNG to look at (docx-state-page-1.png) */
static void test_state_pdf(void **state) {
  fixture *fx = *state;
  require_tools();
  buf docx, pdf;
  write_docx(&fx->d, &docx);
  buf_init(&pdf, 0);
  char err[256] = "";
  if (pdf_from_docx(docx.s, docx.len, &pdf, 120, err, sizeof err)) fail_msg("pdf_from_docx: %s", err);
  char dir[4096], path[4200], cmd[9000];
  artifacts_dir(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/docx-state.pdf", dir);
  save(path, &pdf);
  snprintf(cmd, sizeof cmd, "pdftoppm -png -r 70 -f 1 -l 1 '%s/docx-state.pdf' '%s/docx-state-page' 2>&1", dir, dir);
  assert_int_equal(system(cmd), 0);
  snprintf(cmd, sizeof cmd, "pdftotext -layout '%s/docx-state.pdf' '%s/docx-state.txt' 2>&1", dir, dir);
  assert_int_equal(system(cmd), 0);
  snprintf(path, sizeof path, "%s/docx-state.txt", dir);
  char *text = slurp(path);
  assert_non_null(text);
  const char *lines[] = {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ỦY BAN NHÂN DÂN",
                         "QUẬN NGÔ QUYỀN", "Số: 12/BC-UBND", "Ngô Quyền, ngày 19 tháng 6 năm 2023", "- Như trên;",
                         "- Lưu: VT, VP.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", ATTACHED_STATE};
  for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
    if (!strstr(text, lines[i])) fail_msg("the PDF text lacks \"%s\":\n%s", lines[i], text);
  assert_null(strstr(text, "ĐẢNG CỘNG SẢN VIỆT NAM"));
  /* no line of the header block is a lone "*" */
  for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
    while (*l == ' ') l++;
    if (l[0] == '*' && (l[1] == '\n' || l[1] == ' ')) fail_msg("a \"*\" line in the state document");
  }
  free(text);
  buf_release(&pdf);
  buf_release(&docx);
}

/* two conversions at once (two requests of the threaded server) */
typedef struct job {
  const buf *docx;
  buf pdf;
  int rc;
  char err[256];
} job;

static void *convert(void *arg) {
  job *j = arg;
  buf_init(&j->pdf, 0);
  j->rc = pdf_from_docx(j->docx->s, j->docx->len, &j->pdf, 120, j->err, sizeof j->err);
  return NULL;
}

static void test_pdf_concurrent(void **state) {
  fixture *fx = *state;
  require_tools();
  buf docx;
  write_docx(&fx->d, &docx);
  job jobs[2] = {{.docx = &docx}, {.docx = &docx}};
  pthread_t th[2];
  for (int i = 0; i < 2; i++) assert_int_equal(pthread_create(&th[i], NULL, convert, &jobs[i]), 0);
  for (int i = 0; i < 2; i++) pthread_join(th[i], NULL);
  for (int i = 0; i < 2; i++) {
    if (jobs[i].rc) fail_msg("conversion %d: %s", i, jobs[i].err);
    assert_memory_equal(jobs[i].pdf.s, "%PDF-", 5);
    buf_release(&jobs[i].pdf);
  }
  buf_release(&docx);
}

/* --- PDF failures, with a stand-in soffice on PATH ------------------------------ */

typedef struct sandbox {
  char root[256], bin[300], tmp[300];
  char *old_path, *old_tmpdir;
} sandbox;

static void sandbox_open(sandbox *s, const char *script) {
  snprintf(s->root, sizeof s->root, "/tmp/dv-test-pdf-XXXXXX");
  assert_non_null(mkdtemp(s->root));
  snprintf(s->bin, sizeof s->bin, "%s/bin", s->root);
  snprintf(s->tmp, sizeof s->tmp, "%s/tmp", s->root);
  assert_int_equal(mkdir(s->bin, 0700), 0);
  assert_int_equal(mkdir(s->tmp, 0700), 0);
  if (script) {
    char path[400];
    snprintf(path, sizeof path, "%s/soffice", s->bin);
    FILE *f = fopen(path, "w");
    fprintf(f, "#!/bin/sh\n%s\n", script);
    fclose(f);
    chmod(path, 0755);
  }
  const char *p = getenv("PATH"), *t = getenv("TMPDIR");
  s->old_path = p ? strdup(p) : NULL;
  s->old_tmpdir = t ? strdup(t) : NULL;
  char path[600];
  snprintf(path, sizeof path, "%s:/usr/bin:/bin", s->bin); /* the stand-in first; sh and sleep still found */
  setenv("PATH", script ? path : s->bin, 1);
  setenv("TMPDIR", s->tmp, 1);
}

/* 1 if nothing is left in the sandbox's TMPDIR */
static int tmp_empty(const sandbox *s) {
  DIR *d = opendir(s->tmp);
  assert_non_null(d);
  int n = 0;
  for (struct dirent *e; (e = readdir(d));)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
  closedir(d);
  return n == 0;
}

static void sandbox_close(sandbox *s) {
  if (s->old_path) setenv("PATH", s->old_path, 1);
  else unsetenv("PATH");
  if (s->old_tmpdir) setenv("TMPDIR", s->old_tmpdir, 1);
  else unsetenv("TMPDIR");
  free(s->old_path), free(s->old_tmpdir);
  char cmd[400];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", s->root);
  assert_int_equal(system(cmd), 0);
}

/* converts a stand-in DOCX; *len gets how much PDF came out */
static int run_pdf(size_t *len, int timeout_s, char *err, int errlen) {
  buf pdf;
  buf_init(&pdf, 0);
  int rc = pdf_from_docx("PK", 2, &pdf, timeout_s, err, errlen);
  *len = pdf.len;
  buf_release(&pdf);
  return rc;
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_pdf_failures(void **state) {
  (void)state;
  sandbox s;
  size_t pdf_len;
  char err[256];

  /* no soffice at all */
  sandbox_open(&s, NULL);
  assert_int_equal(run_pdf(&pdf_len, 5, err, sizeof err), -1);
  assert_string_equal(err, "không tìm thấy LibreOffice (soffice) để tạo PDF");
  assert_int_equal(pdf_len, 0);
  assert_true(tmp_empty(&s));
  sandbox_close(&s);

  /* exits without writing a PDF */
  sandbox_open(&s, "exit 0");
  assert_int_equal(run_pdf(&pdf_len, 5, err, sizeof err), -1);
  assert_non_null(strstr(err, "không tạo ra tệp PDF"));
  assert_true(tmp_empty(&s));
  sandbox_close(&s);

  /* fails */
  sandbox_open(&s, "exit 3");
  assert_int_equal(run_pdf(&pdf_len, 5, err, sizeof err), -1);
  assert_non_null(strstr(err, "mã thoát 3"));
  assert_true(tmp_empty(&s));
  sandbox_close(&s);

  /* writes something that is not a PDF where the PDF belongs */
  sandbox_open(&s, "for a; do d=$a; done; echo hello > \"$(dirname \"$d\")/doc.pdf\"");
  assert_int_equal(run_pdf(&pdf_len, 5, err, sizeof err), -1);
  assert_non_null(strstr(err, "không phải PDF"));
  assert_int_equal(pdf_len, 0);
  assert_true(tmp_empty(&s));
  sandbox_close(&s);

  /* a server that ignores SIGCHLD: the system reaps soffice, the PDF is still found */
  sandbox_open(&s, "for a; do d=$a; done; printf '%%PDF-1.4 stand-in' > \"$(dirname \"$d\")/doc.pdf\"");
  signal(SIGCHLD, SIG_IGN);
  int rc = run_pdf(&pdf_len, 5, err, sizeof err);
  signal(SIGCHLD, SIG_DFL);
  if (rc) fail_msg("with SIGCHLD ignored: %s", err);
  assert_int_equal(pdf_len, strlen("%PDF-1.4 stand-in"));
  assert_true(tmp_empty(&s));
  sandbox_close(&s);

  /* hangs, with a child of its own: both killed after the timeout */
  char pidfile[400];
  sandbox_open(&s, "sleep 60 & echo $! > \"$DV_TEST_PIDFILE\"; wait");
  snprintf(pidfile, sizeof pidfile, "%s/child.pid", s.root);
  setenv("DV_TEST_PIDFILE", pidfile, 1);
  double t0 = now_s();
  assert_int_equal(run_pdf(&pdf_len, 1, err, sizeof err), -1);
  double took = now_s() - t0;
  unsetenv("DV_TEST_PIDFILE");
  assert_non_null(strstr(err, "sau 1 giây"));
  assert_true(took >= 0.9 && took < 10);
  assert_true(tmp_empty(&s));
  char *pid_text = slurp(pidfile);
  assert_non_null(pid_text);
  pid_t child = (pid_t)atoi(pid_text);
  free(pid_text);
  assert_true(child > 0);
  int gone = 0;
  for (int i = 0; i < 100 && !gone; i++) { /* killed: gone, or a zombie until its new parent reaps it */
    char stat_path[64], *st;
    snprintf(stat_path, sizeof stat_path, "/proc/%d/stat", (int)child);
    st = slurp(stat_path);
    gone = !st || (strchr(st, ')') && strchr(st, ')')[2] == 'Z');
    free(st);
    if (!gone) usleep(20000);
  }
  if (!gone) kill(child, SIGKILL);
  assert_true(gone);
  sandbox_close(&s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_parts, setup, teardown),
      cmocka_unit_test_setup_teardown(test_text_and_footnotes, setup, teardown),
      cmocka_unit_test_setup_teardown(test_annex_tables, setup, teardown),
      cmocka_unit_test_setup_teardown(test_sections_and_widths, setup, teardown),
      cmocka_unit_test_setup_teardown(test_deterministic, setup, teardown),
      cmocka_unit_test(test_minimal),
      cmocka_unit_test(test_state_numbers),
      cmocka_unit_test_setup_teardown(test_state_docx, setup_state, teardown),
      cmocka_unit_test_setup_teardown(test_state_html, setup_state, teardown),
      cmocka_unit_test_setup_teardown(test_state_layouts, setup_state, teardown),
      cmocka_unit_test_setup_teardown(test_state_pdf, setup_state, teardown),
      cmocka_unit_test_setup_teardown(test_pdf, setup, teardown),
      cmocka_unit_test_setup_teardown(test_pdf_concurrent, setup, teardown),
      cmocka_unit_test(test_pdf_failures),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
