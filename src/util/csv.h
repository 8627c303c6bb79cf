/* RFC 4180 CSV reader over a buffer in memory: quotes, embedded commas and
 * newlines, doubled quotes, a UTF-8 BOM, CRLF or LF. Each record knows the
 * line it started on so that errors can name it. */
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
  char err[160];
} csv_reader;

void csv_init(csv_reader *r, const char *data, size_t len);
void csv_release(csv_reader *r);
/* 1 = a record is in r->fields, 0 = end of input, -1 = error in r->err */
int csv_next(csv_reader *r);
/* index of a column in the header record, or -1 */
int csv_col(char **header, int n, const char *name);
#endif
