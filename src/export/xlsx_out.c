/* XLSX writing with libxlsxwriter. It writes to a file only, so each
 * workbook goes to a private temporary file (mkstemp), is read back into
 * the caller's buffer and removed. */
#include "export/xlsx_out.h"
#include "export/xlsx_in.h"
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define FONT "Times New Roman"
#define FONT_SIZE 12
/* 1.865 and 1.234.567 with a dot whatever the reader's locale: the digits
 * are grouped by conditions and the dot is a literal */
#define INT_FORMAT "[>=1000000]#\".\"###\".\"##0;[>=1000]#\".\"##0;0"
#define DEC_FORMAT "0.0#"
#define LINE_PT 16.0 /* height of one line of 12 pt text */

static int fail(char *err, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, n, fmt, ap);
  va_end(ap);
  return -1;
}

/* characters of a UTF-8 string (for widths) */
static int chars(const char *s) {
  int n = 0;
  for (; s && *s; s++)
    if (((unsigned char)*s & 0xC0) != 0x80) n++;
  return n;
}

static int clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

/* lines a text of n characters takes in a cell `width` units wide (a unit
 * is about one character; bold text is a little wider) */
static int lines_for(int n, double width, int bold) {
  double per = width * (bold ? 0.95 : 1.1) - 1;
  if (per < 1) per = 1;
  int l = (int)ceil(n / per);
  return l < 1 ? 1 : l;
}

void xlsx_sheet_name(const char *code, char *out, size_t n) {
  if (!strncmp(code, "bieu-", 5)) snprintf(out, n, "Biểu %s", code + 5);
  else snprintf(out, n, "%s", code);
  for (char *p = out; *p; p++)
    if (strchr("[]:*?/\\", *p)) *p = '_';
}

/* --- the workbook in a temporary file -------------------------------------------- */

typedef struct tmpbook {
  char path[512];
  lxw_workbook *wb;
} tmpbook;

static int book_open(tmpbook *tb, char *err, size_t n) {
  const char *dir = getenv("TMPDIR");
  if (!dir || !*dir) dir = "/tmp";
  snprintf(tb->path, sizeof tb->path, "%s/danvan-xlsx-XXXXXX", dir);
  int fd = mkstemp(tb->path);
  if (fd < 0) return fail(err, n, "không tạo được tệp tạm trong %s: %s", dir, strerror(errno));
  close(fd);
  lxw_workbook_options opt = {0, (char *)dir, 0};
  tb->wb = workbook_new_opt(tb->path, &opt);
  if (!tb->wb) {
    unlink(tb->path);
    return fail(err, n, "không tạo được tệp XLSX");
  }
  return 0;
}

/* closes the workbook (writing it), reads it into out, removes the file */
static int book_finish(tmpbook *tb, buf *out, char *err, size_t n) {
  lxw_error le = workbook_close(tb->wb);
  int rc = le ? fail(err, n, "không ghi được tệp XLSX: %s", lxw_strerror(le)) : 0;
  FILE *f = rc ? NULL : fopen(tb->path, "rb");
  if (!rc && !f) rc = fail(err, n, "không đọc lại được tệp XLSX: %s", strerror(errno));
  if (f) {
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) buf_add(out, chunk, got);
    if (ferror(f) || out->overflow) rc = fail(err, n, "không đọc lại được tệp XLSX");
    fclose(f);
  }
  unlink(tb->path);
  return rc;
}

static lxw_format *fmt_new(lxw_workbook *wb, int bold, int border) {
  lxw_format *f = workbook_add_format(wb);
  format_set_font_name(f, FONT);
  format_set_font_size(f, FONT_SIZE);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  if (bold) format_set_bold(f);
  if (border) format_set_border(f, LXW_BORDER_THIN);
  return f;
}

/* --- the annex header (shared with the import, which checks it) ---------------------- */

void xlsx_annex_layout(const rtable *t, int labels, int version, xlsx_layout *l) {
  int depth = rtable_head_depth(t), tt = labels && version >= 3;
  l->head_row = XLSX_ANNEX_HEAD_ROW;
  l->head_rows = depth ? depth : 1;
  l->numbers_row = tt && t->colnums ? l->head_row + l->head_rows : -1;
  l->first_row = l->head_row + l->head_rows + (l->numbers_row >= 0);
  l->tt_col = tt ? 0 : -1;
  l->label_col = labels ? tt : -1;
  l->first_col = (labels ? 1 : 0) + tt;
  l->ncols = l->first_col + t->ncols;
}

/* the numbering row: "A" over TT, "B" over the labels, then 1 2 3 (or 01 02 03) */
static int column_numbers(const rtable *t, const xlsx_layout *l, xlsx_head *out) {
  int k = 0;
  for (int c = 0; c < l->ncols; c++, k++) {
    out[k] = (xlsx_head){l->numbers_row, c, 1, 1, NULL, {0}};
    if (c < l->first_col) snprintf(out[k].num, sizeof out[k].num, "%c", 'A' + c);
    else snprintf(out[k].num, sizeof out[k].num, t->colnums == 2 ? "%02d" : "%d", c - l->first_col + 1);
    out[k].text = out[k].num; /* the array is not moved after this */
  }
  return k;
}

int xlsx_annex_head(const rtable *t, const xlsx_layout *l, xlsx_head **out) {
  rhead *cells;
  int n = rtable_head_cells(t, &cells), depth = rtable_head_depth(t), k = 0;
  *out = xcalloc((size_t)n + 2 + (l->numbers_row >= 0 ? (size_t)l->ncols : 0), sizeof(xlsx_head));
  if (l->tt_col >= 0) (*out)[k++] = (xlsx_head){l->head_row, l->tt_col, l->head_rows, 1, "TT", {0}};
  if (l->label_col >= 0) (*out)[k++] = (xlsx_head){l->head_row, l->label_col, l->head_rows, 1, t->row_header, {0}};
  for (int i = 0; i < n; i++) {
    if (!cells[i].text[0] && cells[i].rows == depth && t->depth[cells[i].col] == 0) continue; /* no header */
    (*out)[k++] = (xlsx_head){l->head_row + cells[i].row, cells[i].col + l->first_col, cells[i].rows, cells[i].cols,
                              cells[i].text, {0}};
  }
  free(cells);
  if (l->numbers_row >= 0) k += column_numbers(t, l, *out + k);
  return k;
}

/* --- an annex ----------------------------------------------------------------------- */

typedef struct annex_fmt {
  lxw_format *title, *sub, *info, *head, *label, *label_total, *date, *tt;
  lxw_format *num[2][2], *dec[2][2], *text[2][2], *blank[2][2], *pair[2][2]; /* [total][open] */
} annex_fmt;

static void annex_formats(lxw_workbook *wb, annex_fmt *af) {
  af->title = fmt_new(wb, 1, 0);
  format_set_font_size(af->title, 14);
  format_set_align(af->title, LXW_ALIGN_CENTER);
  af->sub = fmt_new(wb, 1, 0);
  format_set_align(af->sub, LXW_ALIGN_CENTER);
  format_set_text_wrap(af->sub);
  af->info = fmt_new(wb, 0, 0);
  format_set_italic(af->info);
  format_set_align(af->info, LXW_ALIGN_CENTER);
  format_set_text_wrap(af->info);
  af->head = fmt_new(wb, 1, 1);
  format_set_align(af->head, LXW_ALIGN_CENTER);
  format_set_text_wrap(af->head);
  format_set_bg_color(af->head, 0xEDEDED);
  af->label = fmt_new(wb, 0, 1);
  format_set_text_wrap(af->label);
  af->label_total = fmt_new(wb, 1, 1);
  format_set_text_wrap(af->label_total);
  af->date = fmt_new(wb, 0, 1);
  format_set_num_format(af->date, "dd/mm/yyyy");
  format_set_align(af->date, LXW_ALIGN_CENTER);
  af->tt = fmt_new(wb, 0, 1);
  format_set_align(af->tt, LXW_ALIGN_CENTER);
  for (int tot = 0; tot < 2; tot++)
    for (int open = 0; open < 2; open++) {
      lxw_format **all[] = {&af->num[tot][open], &af->dec[tot][open], &af->text[tot][open], &af->blank[tot][open],
                            &af->pair[tot][open]};
      for (int k = 0; k < 5; k++) {
        lxw_format *f = *all[k] = fmt_new(wb, tot, 1);
        if (k == 0) format_set_num_format(f, INT_FORMAT);
        if (k == 1) format_set_num_format(f, DEC_FORMAT);
        if (k == 2) format_set_text_wrap(f);
        if (k >= 2) format_set_num_format(f, "@"); /* typed "3/5" stays text, not a date */
        if (k == 4) format_set_align(f, LXW_ALIGN_RIGHT);
        if (open) format_set_unlocked(f); /* no fill: it would print (input_prompts says where to type) */
      }
    }
}

static int text_column(const rtable *t, int c) {
  for (int r = 0; r < t->nrows; r++)
    if (t->rows[r].cells[c].kind == CELL_TEXT) return 1;
  return 0;
}

static void column_widths(const rtable *t, const xlsx_layout *l, double *w) {
  int lab = chars(t->row_header);
  for (int r = 0; r < t->nrows; r++)
    if (chars(t->rows[r].label) > lab) lab = chars(t->rows[r].label);
  if (l->tt_col >= 0) w[l->tt_col] = 5; /* "TT", up to 999 */
  if (l->label_col >= 0) w[l->label_col] = clamp(lab + 2, 14, 40);
  for (int i = 0; i < t->ncols; i++) {
    int leaf = t->depth[i] ? chars(t->paths[i][t->depth[i] - 1]) : 0;
    int width = clamp(leaf / 3 + 3, 9, 18);
    int longest = 0;
    for (int r = 0; r < t->nrows; r++) {
      const rcell *x = &t->rows[r].cells[i];
      int len = x->kind == CELL_TEXT ? chars(x->text) : x->kind == CELL_NUM ? 10 : 0;
      if (len > longest) longest = len;
    }
    if (text_column(t, i)) width = clamp(longest + 2, width, 48);
    w[i + l->first_col] = width;
  }
}

static void ref(char out[16], int row, int col) { xlsx_cell_name(row, col, out); }

/* a line across columns 0..last (a single column cannot be merged) */
static void merge_line(lxw_worksheet *ws, int row, int last, const char *text, lxw_format *f) {
  if (last > 0) worksheet_merge_range(ws, (lxw_row_t)row, 0, (lxw_row_t)row, (lxw_col_t)last, text, f);
  else worksheet_write_string(ws, (lxw_row_t)row, 0, text, f);
}

/* the formula of a sum column in one row: its cached value is the annex's */
static void sum_formula(buf *b, const form_col *col, int row, int off) {
  buf args;
  buf_init(&args, 0);
  for (int k = 0; k < col->nsum; k++) {
    char r[16];
    ref(r, row, col->sum[k] + off);
    buf_addf(&args, k ? ",%s" : "%s", r);
  }
  buf_addf(b, "=IF(COUNT(%s)=0,\"\",SUM(%s))", args.s, args.s);
  buf_release(&args);
}

/* a total row's data column: the rows above it that are not totals */
static int total_formula(buf *b, const rtable *t, int r, int c, int first_row) {
  int lo = -1, hi = -1;
  for (int k = 0; k < r; k++)
    if (!t->rows[k].is_total) {
      if (lo < 0) lo = k;
      hi = k;
    }
  if (lo < 0) return -1;
  char a[16], z[16];
  ref(a, first_row + lo, c);
  ref(z, first_row + hi, c);
  buf_addf(b, "=IF(COUNT(%s:%s)=0,\"\",SUM(%s:%s))", a, z, a, z);
  return 0;
}

/* a text that is a whole date "06/12/2022" (a list's "Ngày, tháng, năm")
 * written as a date shown so: 1 if it was one */
static int write_date(lxw_worksheet *ws, int row, int col, const char *text, lxw_format *f) {
  int d, m, y, n = 0;
  if (sscanf(text, "%2d/%2d/%4d%n", &d, &m, &y, &n) != 3 || text[n] || y < 1900 || m < 1 || m > 12 || d < 1 ||
      d > 31)
    return 0;
  lxw_datetime dt = {y, (uint8_t)m, (uint8_t)d, 0, 0, 0};
  worksheet_write_datetime(ws, (lxw_row_t)row, (lxw_col_t)col, &dt, f);
  return 1;
}

static void write_value(lxw_worksheet *ws, int row, int col, const rcell *x, const annex_fmt *af, int tot, int open,
                        int pair, const char *formula) {
  lxw_format *f;
  if (pair && x->kind != CELL_NUM && !formula) { /* "243/368", right-aligned like the numbers */
    if (x->kind == CELL_TEXT) worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, x->text, af->pair[tot][open]);
    else worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, af->pair[tot][open]);
    return;
  }
  if (x->kind == CELL_NUM) {
    f = x->num == floor(x->num) && fabs(x->num) < 1e15 ? af->num[tot][open] : af->dec[tot][open];
    if (formula) worksheet_write_formula_num(ws, (lxw_row_t)row, (lxw_col_t)col, formula, f, x->num);
    else worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, x->num, f);
  } else if (x->kind == CELL_TEXT && !open && !formula && write_date(ws, row, col, x->text, af->date)) {
    return;
  } else if (x->kind == CELL_TEXT) {
    f = af->text[tot][open];
    if (formula) worksheet_write_formula_str(ws, (lxw_row_t)row, (lxw_col_t)col, formula, f, x->text);
    else worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, x->text, f);
  } else if (formula) {
    worksheet_write_formula_str(ws, (lxw_row_t)row, (lxw_col_t)col, formula, af->num[tot][open], "");
  } else {
    worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, af->blank[tot][open]);
  }
}

static void annex_titles(lxw_worksheet *ws, const xlsx_annex *x, const annex_fmt *af, int lastcol, const double *w) {
  const rtable *t = x->t;
  double total_w = 0;
  for (int c = 0; c <= lastcol; c++) total_w += w[c];
  int is_list = x->f && x->f->rows == ROWS_LIST;
  /* the seed prints "BẢNG TỔNG HỢP SỐ LIỆU" above the title unless the title says it */
  int says = !strncmp(t->title, "Bảng tổng hợp", strlen("Bảng tổng hợp"));
  buf line;
  buf_init(&line, 0);
  if (says) buf_adds(&line, t->title);
  else buf_adds(&line, is_list ? "BẢNG TỔNG HỢP" : "BẢNG TỔNG HỢP SỐ LIỆU");
  merge_line(ws, 0, lastcol, line.s, af->title);
  worksheet_set_row(ws, 0, 22 * lines_for(chars(line.s), total_w * 0.8, 1), NULL);
  buf_reset(&line);
  if (!says) buf_addf(&line, "%s ", t->title);
  buf_adds(&line, x->period_label ? x->period_label : t->period);
  merge_line(ws, 1, lastcol, line.s, af->sub);
  worksheet_set_row(ws, 1, LINE_PT * lines_for(chars(line.s), total_w, 1) + 2, NULL);
  buf_reset(&line);
  buf_addf(&line, "Đơn vị: %s", t->unit_name);
  if (x->drill && x->level_name) buf_addf(&line, " — chi tiết theo đơn vị cấp: %s", x->level_name);
  merge_line(ws, 2, lastcol, line.s, af->info);
  worksheet_set_row(ws, 2, LINE_PT * lines_for(chars(line.s), total_w, 0) + 2, NULL);
  if (x->attached && *x->attached) { /* the report it is attached to, as the seed's annexes */
    merge_line(ws, 3, lastcol, x->attached, af->info);
    worksheet_set_row(ws, 3, LINE_PT * lines_for(chars(x->attached), total_w, 0) + 2, NULL);
  }
  buf_release(&line);
}

static void annex_header(lxw_worksheet *ws, const rtable *t, const xlsx_layout *l, const annex_fmt *af,
                         const double *w) {
  xlsx_head *h;
  int n = xlsx_annex_head(t, l, &h), rows = l->first_row - l->head_row;
  double need[64] = {0}; /* lines per header row */
  for (int k = 0; k < n; k++) {
    const xlsx_head *x = &h[k];
    if (x->rows > 1 || x->cols > 1)
      worksheet_merge_range(ws, (lxw_row_t)x->row, (lxw_col_t)x->col, (lxw_row_t)(x->row + x->rows - 1),
                            (lxw_col_t)(x->col + x->cols - 1), x->text, af->head);
    else
      worksheet_write_string(ws, (lxw_row_t)x->row, (lxw_col_t)x->col, x->text, af->head);
    double width = 0;
    for (int c = x->col; c < x->col + x->cols; c++) width += w[c];
    double per_row = (double)lines_for(chars(x->text), width, 1) / x->rows;
    int d = x->row - l->head_row;
    if (d < 64 && per_row > need[d]) need[d] = per_row;
  }
  for (int d = 0; d < rows && d < 64; d++)
    worksheet_set_row(ws, (lxw_row_t)(l->head_row + d), LINE_PT * ceil(need[d] < 1 ? 1 : need[d]) + 4, NULL);
  free(h);
}

/* The cells a unit types into, told on screen only: a data validation that
 * allows anything and shows a prompt when the cell is selected (one per run
 * of open cells in a row). A fill would say it at a glance, but it prints
 * on the signed annex, and no cell format is for the screen only (Excel's
 * "black and white" print, which drops fills, is neither in libxlsxwriter
 * nor honoured by LibreOffice). */
static void input_prompts(lxw_worksheet *ws, const xlsx_annex *x, const xlsx_layout *l) {
  const rtable *t = x->t;
  lxw_data_validation dv;
  memset(&dv, 0, sizeof dv);
  dv.validate = LXW_VALIDATION_TYPE_ANY;
  dv.input_title = (char *)"Ô nhập số liệu";
  dv.input_message = (char *)"Số liệu của đơn vị nhập vào ô này; để trống nếu không có (trống khác 0). "
                             "Các ô khác được tính tự động và bị khóa.";
  for (int r = 0; x->open && r < t->nrows; r++)
    for (int c = 0; c < t->ncols; c++) {
      if (!x->open[r * t->ncols + c]) continue;
      int end = c;
      while (end + 1 < t->ncols && x->open[r * t->ncols + end + 1]) end++;
      lxw_row_t sr = (lxw_row_t)(l->first_row + r);
      worksheet_data_validation_range(ws, sr, (lxw_col_t)(c + l->first_col), sr, (lxw_col_t)(end + l->first_col), &dv);
      c = end;
    }
}

/* a row's number and label: TT counts the rows that are not totals, as the seed */
static int row_lead(lxw_worksheet *ws, const rrow *row, const xlsx_layout *l, const annex_fmt *af, int tt,
                    lxw_row_t sr) {
  int tot = row->is_total != 0;
  if (l->tt_col >= 0) {
    if (tot) worksheet_write_blank(ws, sr, (lxw_col_t)l->tt_col, af->tt);
    else worksheet_write_number(ws, sr, (lxw_col_t)l->tt_col, ++tt, af->tt);
  }
  if (l->label_col >= 0)
    worksheet_write_string(ws, sr, (lxw_col_t)l->label_col, row->label, tot ? af->label_total : af->label);
  return tt;
}

static void annex_rows(lxw_worksheet *ws, const xlsx_annex *x, const xlsx_layout *l, const annex_fmt *af,
                       const double *w) {
  const rtable *t = x->t;
  int first = l->first_row, off = l->first_col, tt = 0;
  buf formula;
  buf_init(&formula, 0);
  for (int r = 0; r < t->nrows; r++) {
    const rrow *row = &t->rows[r];
    int sr = first + r, tot = row->is_total != 0, lines = 1;
    tt = row_lead(ws, row, l, af, tt, (lxw_row_t)sr);
    if (l->label_col >= 0) lines = lines_for(chars(row->label), w[l->label_col], tot);
    for (int c = 0; c < t->ncols; c++) {
      const form_col *col = x->f && c < x->f->ncols ? &x->f->cols[c] : NULL;
      int open = x->open && x->open[r * t->ncols + c];
      buf_reset(&formula);
      int same = x->mirror ? x->mirror[r * t->ncols + c] : -1;
      if (same >= 0) {
        char to[16];
        ref(to, sr, same + off);
        buf_addf(&formula, "=IF(%s=\"\",\"\",%s)", to, to); /* a blank stays blank, not 0 */
      } else if (col && col->kind == BIND_SUM) sum_formula(&formula, col, sr, off);
      else if (col && tot && col->kind == BIND_DATA && total_formula(&formula, t, r, c + off, first)) buf_reset(&formula);
      write_value(ws, sr, c + off, &row->cells[c], af, tot, open, col && col->kind == BIND_PAIR,
                  formula.len ? formula.s : NULL);
      if (row->cells[c].kind == CELL_TEXT) {
        int n = lines_for(chars(row->cells[c].text), w[c + off], tot);
        if (n > lines) lines = n;
      }
    }
    if (lines > 1) worksheet_set_row(ws, (lxw_row_t)sr, LINE_PT * (lines > 20 ? 20 : lines) + 2, NULL);
  }
  buf_release(&formula);
}

/* what the import needs to know, on a hidden sheet */
static void annex_meta(lxw_workbook *wb, const xlsx_annex *x, const char *sheet) {
  lxw_worksheet *ws = workbook_add_worksheet(wb, XLSX_META_SHEET);
  char level[16];
  snprintf(level, sizeof level, "%d", x->drill);
  const char *kv[][2] = {{"format", XLSX_ANNEX_FORMAT}, {"form", x->t->form}, {"period", x->t->period},
                         {"unit", x->t->unit_code},    {"level", level},     {"sheet", sheet}};
  for (size_t i = 0; i < sizeof kv / sizeof *kv; i++) {
    worksheet_write_string(ws, (lxw_row_t)i, 0, kv[i][0], NULL);
    worksheet_write_string(ws, (lxw_row_t)i, 1, kv[i][1], NULL);
  }
  worksheet_write_string(ws, 8, 0, "Trang này do hệ thống ghi để nhập lại tệp; không sửa.", NULL);
  worksheet_hide(ws);
}

/* every table cell's value as downloaded, at its address on the annex sheet:
 * an import tells what the user changed (the sheet differs from this) from
 * what others changed since (the database differs from this). Only written,
 * never trusted for more than that comparison. */
static void annex_values(lxw_workbook *wb, const rtable *t, const xlsx_layout *l) {
  lxw_worksheet *ws = workbook_add_worksheet(wb, XLSX_VALUES_SHEET);
  int first = l->first_row, off = l->first_col;
  worksheet_write_string(ws, 0, 0, "Số liệu của biểu lúc tải tệp (để biết ô nào đã được sửa); không sửa.", NULL);
  for (int r = 0; r < t->nrows; r++)
    for (int c = 0; c < t->ncols; c++) {
      const rcell *x = &t->rows[r].cells[c];
      lxw_row_t sr = (lxw_row_t)(first + r);
      lxw_col_t sc = (lxw_col_t)(c + off);
      if (x->kind == CELL_NUM) worksheet_write_number(ws, sr, sc, x->num, NULL);
      else if (x->kind == CELL_TEXT && x->text[0]) worksheet_write_string(ws, sr, sc, x->text, NULL);
      /* blank: nothing, which is not 0 */
    }
  worksheet_hide(ws);
}

/* The print: across A4, fit to its width, when the type stays at 8 pt or
 * more; else across A3, over as many pages wide as keep it at 8 pt, the
 * columns left of the table (TT and the row labels) repeated on each
 * (Biểu 1 and 2: 37 and 34 columns). A column of width w (characters) is about 7w + 5 pixels, 3/4
 * of a point each; printable widths 784 and 1133 pt within the margins. */
static void page_setup(lxw_worksheet *ws, int head_first, int head_last, const double *w, int ncols, int lead) {
  static const double A4_ACROSS_PT = 784, A3_ACROSS_PT = 1133, READABLE_PT = 8;
  double sheet_pt = 0;
  for (int c = 0; c < ncols; c++) sheet_pt += (7 * w[c] + 5) * 0.75;
  int a3 = sheet_pt * READABLE_PT / FONT_SIZE > A4_ACROSS_PT;
  int wide = a3 ? (int)ceil(sheet_pt * READABLE_PT / FONT_SIZE / A3_ACROSS_PT) : 1;
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, a3 ? 8 : 9); /* A3, A4 */
  worksheet_fit_to_pages(ws, (uint16_t)wide, 0);
  if (wide > 1 && lead) worksheet_repeat_columns(ws, 0, (lxw_col_t)(lead - 1));
  worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.6);
  worksheet_center_horizontally(ws);
  worksheet_repeat_rows(ws, (lxw_row_t)head_first, (lxw_row_t)head_last);
  worksheet_set_footer(ws, "&CTrang &P/&N");
}

int xlsx_write_annex(const xlsx_annex *x, buf *out, char *err, size_t errlen) {
  const rtable *t = x->t;
  xlsx_layout l;
  xlsx_annex_layout(t, !x->f || x->f->rows != ROWS_LIST, 3, &l);
  int ncols = l.ncols;
  if (ncols < 1) return fail(err, errlen, "biểu không có cột nào");
  if (ncols > 16000 || t->nrows > 1000000) return fail(err, errlen, "biểu quá lớn cho một trang tính");
  tmpbook tb;
  if (book_open(&tb, err, errlen)) return -1;
  char sheet[64];
  xlsx_sheet_name(t->form, sheet, sizeof sheet);
  lxw_worksheet *ws = workbook_add_worksheet(tb.wb, sheet);
  annex_fmt af;
  annex_formats(tb.wb, &af);
  double *w = xcalloc((size_t)ncols + 1, sizeof *w);
  column_widths(t, &l, w);
  for (int c = 0; c < ncols; c++) worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w[c], NULL);
  annex_titles(ws, x, &af, ncols - 1, w);
  annex_header(ws, t, &l, &af, w);
  annex_rows(ws, x, &l, &af, w);
  input_prompts(ws, x, &l);
  worksheet_freeze_panes(ws, (lxw_row_t)l.first_row, (lxw_col_t)l.first_col);
  page_setup(ws, l.head_row, l.first_row - 1, w, ncols, l.first_col);
  lxw_protection prot;
  memset(&prot, 0, sizeof prot);
  prot.format_columns = prot.format_rows = 1;
  worksheet_protect(ws, NULL, &prot);
  annex_meta(tb.wb, x, sheet);
  annex_values(tb.wb, t, &l);
  workbook_set_properties(tb.wb, &(lxw_doc_properties){.title = t->title, .author = t->unit_name,
                                                        .company = (char *)"danvan"});
  free(w);
  return book_finish(&tb, out, err, errlen);
}

/* --- a register list ------------------------------------------------------------------ */

#define LIST_HEAD_ROW 3

int xlsx_write_list(const xlsx_list *l, buf *out, char *err, size_t errlen) {
  if (l->ncols < 1 || l->ncols > 16000) return fail(err, errlen, "danh sách không có cột nào");
  if (l->nrows > 1000000) return fail(err, errlen, "danh sách quá dài cho một trang tính (tối đa 1.000.000 dòng)");
  tmpbook tb;
  if (book_open(&tb, err, errlen)) return -1;
  /* a sheet name: at most 31 characters, none of []:*?/\ */
  char sheet[128];
  size_t o = 0;
  int nch = 0;
  for (const char *p = l->sheet; *p && o + 1 < sizeof sheet; p++) {
    if (((unsigned char)*p & 0xC0) != 0x80 && ++nch > 31) break;
    sheet[o++] = strchr("[]:*?/\\", *p) ? '_' : *p;
  }
  sheet[o] = 0;
  lxw_worksheet *ws = workbook_add_worksheet(tb.wb, sheet);
  if (!ws) ws = workbook_add_worksheet(tb.wb, NULL);
  lxw_workbook *wb = tb.wb;
  lxw_format *title = fmt_new(wb, 1, 0), *sub = fmt_new(wb, 0, 0), *head = fmt_new(wb, 1, 1);
  format_set_font_size(title, 14);
  format_set_italic(sub);
  format_set_align(head, LXW_ALIGN_CENTER);
  format_set_text_wrap(head);
  format_set_bg_color(head, 0xEDEDED);
  lxw_format *text = fmt_new(wb, 0, 1), *lng = fmt_new(wb, 0, 1), *num = fmt_new(wb, 0, 1), *year = fmt_new(wb, 0, 1),
             *date = fmt_new(wb, 0, 1);
  format_set_text_wrap(lng);
  format_set_text_wrap(text);
  format_set_num_format(num, INT_FORMAT);
  format_set_num_format(year, "0");
  format_set_num_format(date, "dd/mm/yyyy");
  format_set_align(date, LXW_ALIGN_CENTER);
  double *w = xcalloc((size_t)l->ncols, sizeof *w);
  double head_lines = 1;
  for (int c = 0; c < l->ncols; c++) {
    int longest = 0;
    for (int r = 0; r < l->nrows; r++) {
      int n = chars(l->cells[(size_t)r * (size_t)l->ncols + (size_t)c]);
      if (n > longest) longest = n;
    }
    int hl = chars(l->heads[c]);
    switch (l->kinds[c]) {
    case XCOL_LONG: w[c] = clamp(longest + 2, 20, 60); break;
    case XCOL_INT: w[c] = clamp(hl / 2 + 2, 9, 16); break;
    case XCOL_YEAR: w[c] = 8; break;
    case XCOL_DATE: w[c] = 12; break;
    default: w[c] = clamp(longest + 2, clamp(hl / 2 + 2, 8, 16), 36);
    }
    worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w[c], NULL);
    double hn = lines_for(hl, w[c], 1);
    if (hn > head_lines) head_lines = hn;
    worksheet_write_string(ws, LIST_HEAD_ROW, (lxw_col_t)c, l->heads[c], head);
  }
  worksheet_set_row(ws, LIST_HEAD_ROW, LINE_PT * head_lines + 4, NULL);
  int last = l->ncols - 1;
  merge_line(ws, 0, last, l->title, title);
  merge_line(ws, 1, last, l->subtitle ? l->subtitle : "", sub);
  worksheet_set_row(ws, 0, 22, NULL);
  for (int r = 0; r < l->nrows; r++) {
    lxw_row_t sr = (lxw_row_t)(LIST_HEAD_ROW + 1 + r);
    int lines = 1;
    for (int c = 0; c < l->ncols; c++) {
      const char *v = l->cells[(size_t)r * (size_t)l->ncols + (size_t)c];
      lxw_col_t sc = (lxw_col_t)c;
      int y, m, d;
      char *end;
      if (!v || !*v) {
        worksheet_write_blank(ws, sr, sc, text);
        continue;
      }
      switch (l->kinds[c]) {
      case XCOL_INT:
      case XCOL_YEAR: {
        double n = strtod(v, &end);
        if (!*end && isfinite(n)) worksheet_write_number(ws, sr, sc, n, l->kinds[c] == XCOL_INT ? num : year);
        else worksheet_write_string(ws, sr, sc, v, text);
        break;
      }
      case XCOL_DATE:
        if (strlen(v) == 10 && sscanf(v, "%4d-%2d-%2d", &y, &m, &d) == 3) {
          lxw_datetime dt = {y, m, d, 0, 0, 0};
          worksheet_write_datetime(ws, sr, sc, &dt, date);
        } else {
          worksheet_write_string(ws, sr, sc, v, text);
        }
        break;
      default:
        worksheet_write_string(ws, sr, sc, v, l->kinds[c] == XCOL_LONG ? lng : text);
        if (lines_for(chars(v), w[c], 0) > lines) lines = lines_for(chars(v), w[c], 0);
      }
    }
    if (lines > 1) worksheet_set_row(ws, sr, LINE_PT * (lines > 12 ? 12 : lines) + 2, NULL);
  }
  worksheet_freeze_panes(ws, LIST_HEAD_ROW + 1, 0);
  worksheet_autofilter(ws, LIST_HEAD_ROW, 0, (lxw_row_t)(LIST_HEAD_ROW + (l->nrows ? l->nrows : 1)), (lxw_col_t)last);
  page_setup(ws, LIST_HEAD_ROW, LIST_HEAD_ROW, w, l->ncols, 0);
  workbook_set_properties(wb, &(lxw_doc_properties){.title = (char *)l->title, .company = (char *)"danvan"});
  free(w);
  return book_finish(&tb, out, err, errlen);
}
