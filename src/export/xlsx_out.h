/* XLSX workbooks (libxlsxwriter): an annex laid out like the printed one,
 * and a register list. The bytes land in a buf, so the web can send them.
 *
 * An annex sheet ("Biểu 1"): three title lines (rows 1-3), the "(Kèm
 * theo …)" line of the report it goes with in row 4 (or nothing), the
 * header rows from row 5 merged exactly like the HTML annex
 * (report_write_html_head), under them the seed's row numbering the
 * columns "A B 1 2 3 …" where the form asks for it (Biểu 2, 3), then one
 * row per annex row: its number in column A ("TT", as the seed and the
 * DOCX; a total row has none), its label in column B. Where each of these
 * sits is one xlsx_layout, used by the writer and by the import. Numbers
 * are numbers shown 1.865 whatever the reader's locale, blank cells stay
 * empty (blank is not 0), sums and total rows are formulas (their cached
 * value is the computed one), total rows bold. Panes frozen below the
 * header and right of the labels; landscape A4, fit to width, header rows
 * repeated on every page. The sheet is protected without a password: the
 * cells a user may type into are left unlocked, with no fill (a fill would
 * print on the signed annex; no format of a cell is shown on screen only),
 * and say so in a prompt when selected (a data validation's input message,
 * which never prints). A hidden sheet "danvan" holds what an
 * import needs: format version, form, period, unit, drill-down level and
 * the annex sheet's name; a second hidden sheet "danvan-values" holds
 * every table cell's value as downloaded, at the same address as on the
 * annex sheet (a number, a text, or nothing for blank), so an import can
 * tell the user's changes from those made by others since. */
#ifndef DV_XLSX_OUT_H
#define DV_XLSX_OUT_H
#include "core/form.h"
#include "core/report.h"
#include "util/buf.h"

#define XLSX_ANNEX_FORMAT "danvan-annex-3"
#define XLSX_ANNEX_FORMAT_V2 "danvan-annex-2" /* no TT column, no column numbers: still read */
#define XLSX_ANNEX_FORMAT_V1 "danvan-annex-1" /* and no values as downloaded: still read */
#define XLSX_META_SHEET "danvan"
#define XLSX_VALUES_SHEET "danvan-values" /* the table's values as downloaded */
#define XLSX_ANNEX_HEAD_ROW 4 /* 0-based: the first header row (row 5) */

/* where an annex's table sits on its sheet (0-based rows and columns) */
typedef struct xlsx_layout {
  int head_row;    /* the first header row */
  int head_rows;   /* header rows, at least 1 */
  int numbers_row; /* the row "A B 1 2 3 …" under them, or -1 */
  int first_row;   /* the first table row (annex row 0) */
  int tt_col;      /* "TT": the rows' numbers, or -1 */
  int label_col;   /* the row labels, or -1 (a list) */
  int first_col;   /* the table's column 0 */
  int ncols;       /* columns the table takes on the sheet, from column A */
} xlsx_layout;

/* the layout of t; labels: the rows have labels (every form but a list);
 * version: of the workbook's format (3 written now; 1 and 2, read back,
 * had no TT column and no column numbers) */
void xlsx_annex_layout(const rtable *t, int labels, int version, xlsx_layout *l);

/* one header cell of an annex sheet: text at (row, col), merged over
 * rows x cols; rows are 0-based sheet rows */
typedef struct xlsx_head {
  int row, col, rows, cols;
  const char *text; /* borrowed from the rtable, or num */
  char num[8];      /* a column's number ("A", "1", "01") */
} xlsx_head;

/* the header cells of t as laid out by l (the column numbers too);
 * returns the count, *out is malloc'd (caller frees) */
int xlsx_annex_head(const rtable *t, const xlsx_layout *l, xlsx_head **out);
/* "Biểu 1" for "bieu-1", else the code (a valid sheet name either way) */
void xlsx_sheet_name(const char *form_code, char *out, size_t n);

typedef struct xlsx_annex {
  const rtable *t;
  const form *f;              /* its form: sum columns become formulas */
  int drill;                  /* the drill-down level, 0 = the annex as printed */
  const char *period_label;   /* "6 tháng đầu năm 2023" */
  const char *level_name;     /* of the drill-down level, or NULL */
  const unsigned char *open;  /* t->nrows * t->ncols: 1 where the user may type; NULL = nowhere */
  const int *mirror;          /* t->nrows * t->ncols: the column (of the same row) whose value the cell
                               * repeats, written as a reference to it; -1 = none; NULL = none */
  const char *attached;       /* "(Kèm theo Báo cáo số 361-BC/TU, ngày 19/6/2023 của …)" in row 4, or NULL */
} xlsx_annex;

/* the whole .xlsx into out; 0, or -1 with a message in err */
int xlsx_write_annex(const xlsx_annex *x, buf *out, char *err, size_t errlen);

typedef enum { XCOL_TEXT, XCOL_LONG, XCOL_INT, XCOL_YEAR, XCOL_DATE } xlsx_col_kind;

/* a list of records: a header row of Vietnamese column names, then one row
 * per record; cells as strings ("" = empty), dates YYYY-MM-DD written as
 * real dates shown dd/mm/yyyy, integers as numbers shown 1.865 */
typedef struct xlsx_list {
  const char *sheet, *title, *subtitle;
  int ncols;
  const char *const *heads;
  const xlsx_col_kind *kinds;
  int nrows;
  const char *const *cells; /* nrows * ncols, row by row */
} xlsx_list;

int xlsx_write_list(const xlsx_list *l, buf *out, char *err, size_t errlen);
#endif
