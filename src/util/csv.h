/* RFC 4180 CSV reader over a buffer in memory: quotes, embedded commas and
 * newlines, doubled quotes, a UTF-8 BOM, CRLF or LF. Each record knows the
 * line it started on so that errors can name it.
 *
 * Control characters (below 0x20) are refused, NUL included, but for tab,
 * and CR and LF inside quotes: the error names the line, the column and
 * the column's name in the first record (the header).
 *
 * Formulas: a cell that a spreadsheet program would run (csv_formula_like)
 * is written with an apostrophe before it (esc_csv, the one CSV writer);
 * the reader takes that apostrophe off again, so an export read back gives
 * the values it was made of (docs/contract.md, "CSV cells"). */
#ifndef DV_CSV_H
#define DV_CSV_H
#include <stddef.h>

typedef struct csv_reader {
  const char *p, *end;
  int line;              /* line where the next record starts (1-based) */
  char **fields;         /* fields of the current record, valid until the next
                            csv_next (they point into rec) */
  int nfields, capfields;
  char *rec;             /* the current record's fields, each NUL-terminated */
  size_t reclen, reccap;
  int record_line;       /* line of the current record */
  char *header;          /* the first record's fields, for messages */
  char **names;          /* into header */
  int nnames;
  char err[160];
} csv_reader;

void csv_init(csv_reader *r, const char *data, size_t len);
void csv_release(csv_reader *r);
/* 1 = a record is in r->fields, 0 = end of input, -1 = error in r->err */
int csv_next(csv_reader *r);
/* 1 if a spreadsheet program would read s as a formula: after any
 * apostrophes it begins with = + - @ tab or CR, and it is not a number
 * ("-5", "+7", "-1.5", "-1,5") */
int csv_formula_like(const char *s);
/* index of a column in the header record, or -1 */
int csv_col(char **header, int n, const char *name);
#endif
