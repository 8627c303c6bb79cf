/* Reading an XLSX workbook from memory: the sheets (names, hidden or not)
 * and their cells' values. Pure parsing of bytes (libzip over a buffer,
 * expat); no file I/O. Built for files coming back from users, so every
 * size is capped: the file, each part once uncompressed (zip bombs), the
 * number of cells and sheets, the length of a string, what all parts
 * inflate to together; a DOCTYPE is refused
 * (no entity tricks). Styles, formulas' text and everything else are
 * ignored: a formula cell gives its cached value and says it is one. */
#ifndef DV_XLSX_IN_H
#define DV_XLSX_IN_H
#include <stddef.h>

#define XLSX_IN_MAX ((size_t)20 << 20)      /* the file */
#define XLSX_PART_MAX ((size_t)64 << 20)    /* one part, uncompressed */
#define XLSX_TOTAL_MAX ((size_t)256 << 20)  /* every part read, uncompressed */
#define XLSX_CELLS_MAX 1000000              /* cells in the whole workbook */
#define XLSX_STRING_MAX ((size_t)128 << 10) /* bytes of one string (Excel: 32,767 characters) */
#define XLSX_SHEETS_MAX 256

typedef enum { XV_BLANK, XV_NUM, XV_TEXT, XV_BOOL, XV_ERROR } xlsx_kind;

typedef struct xlsx_cell {
  int row, col;   /* 0-based: A1 is (0, 0) */
  xlsx_kind kind;
  int formula;    /* the cell holds a formula; the value is its cached result */
  double num;     /* XV_NUM; XV_BOOL: 0 or 1 */
  char *text;     /* XV_TEXT (UTF-8, never NULL for it), XV_ERROR ("#REF!"); owned */
} xlsx_cell;

typedef struct xlsx_sheet {
  char *name;     /* owned */
  int hidden;     /* state="hidden" or "veryHidden" */
  xlsx_cell *cells; /* sorted by row, then column; owned */
  int ncells;
} xlsx_sheet;

typedef struct xlsx_book {
  xlsx_sheet *sheets; /* in the workbook's order */
  int nsheets;
} xlsx_book;

/* parses data[0..len); 0, or -1 with a Vietnamese message in err (naming
 * the part and, for XML, the line). b is always safe to release. */
int xlsx_read(xlsx_book *b, const void *data, size_t len, char *err, size_t errlen);
void xlsx_book_release(xlsx_book *b);
/* the sheet of that name, or NULL */
const xlsx_sheet *xlsx_sheet_find(const xlsx_book *b, const char *name);
/* the cell at (row, col), or NULL when the sheet holds nothing there */
const xlsx_cell *xlsx_cell_get(const xlsx_sheet *s, int row, int col);
/* "C4" for (3, 2) */
void xlsx_cell_name(int row, int col, char out[16]);
#endif
