#include "util/csv.h"
#include "util/buf.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void csv_init(csv_reader *r, const char *data, size_t len) {
  memset(r, 0, sizeof *r);
  r->p = data;
  r->end = data + len;
  r->line = 1;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) r->p += 3;
}

void csv_release(csv_reader *r) {
  free(r->fields);
  free(r->rec);
  free(r->header);
  free(r->names);
  r->fields = NULL;
  r->rec = NULL;
  r->header = NULL;
  r->names = NULL;
  r->nnames = 0;
  r->nfields = r->capfields = 0;
  r->reclen = r->reccap = 0;
}

/* Fields are appended to one buffer reused for every record (an import reads
 * a million records: no allocation per field). Their offsets are kept in
 * r->fields until the record is complete, as the buffer may move. */
static void rec_add(csv_reader *r, const char *p, size_t n) {
  if (r->reclen + n + 1 > r->reccap) {
    while (r->reclen + n + 1 > r->reccap) r->reccap = r->reccap ? r->reccap * 2 : 256;
    r->rec = xrealloc(r->rec, r->reccap);
  }
  memcpy(r->rec + r->reclen, p, n);
  r->reclen += n;
}

static int is_number(const char *s) {
  if (*s == '+' || *s == '-') s++;
  if (*s < '0' || *s > '9') return 0;
  while (*s >= '0' && *s <= '9') s++;
  if (*s == '.' || *s == ',') {
    s++;
    if (*s < '0' || *s > '9') return 0;
    while (*s >= '0' && *s <= '9') s++;
  }
  return *s == 0;
}

int csv_formula_like(const char *s) {
  while (*s == '\'') s++;
  return *s && strchr("=+-@\t\r", *s) && !is_number(s);
}

/* the field at start ends: NUL-terminated, and an apostrophe the writer put
 * before a formula taken off */
static void end_field(csv_reader *r, size_t start) {
  rec_add(r, "", 1); /* the NUL */
  if (r->rec[start] == '\'' && csv_formula_like(r->rec + start)) {
    memmove(r->rec + start, r->rec + start + 1, r->reclen - start - 1);
    r->reclen--;
  }
  if (r->nfields == r->capfields) {
    r->capfields = r->capfields ? r->capfields * 2 : 8;
    r->fields = xrealloc(r->fields, sizeof(char *) * (size_t)r->capfields);
  }
  r->fields[r->nfields++] = (char *)(uintptr_t)start;
}

/* -1 with the error of a control character ch in column col */
static int control_error(csv_reader *r, int col, unsigned char ch) {
  const char *name = col <= r->nnames ? r->names[col - 1] : NULL;
  snprintf(r->err, sizeof r->err, "dòng %d, cột %d%s%s%s: có ký tự điều khiển 0x%02X (không được phép trong tệp CSV)",
           r->record_line, col, name ? " (\"" : "", name ? name : "", name ? "\")" : "", ch);
  return -1;
}

/* reads a quoted field; r->p is just after the opening quote */
static int read_quoted(csv_reader *r, int col) {
  for (;;) {
    const char *start = r->p; /* runs without quotes copied in one go */
    while (r->p < r->end && *r->p != '"') {
      unsigned char ch = (unsigned char)*r->p;
      if (ch == '\n') r->line++;
      else if (ch < 0x20 && ch != '\t' && ch != '\r') return control_error(r, col, ch);
      r->p++;
    }
    rec_add(r, start, (size_t)(r->p - start));
    if (r->p >= r->end) {
      snprintf(r->err, sizeof r->err, "dòng %d, cột %d: thiếu dấu nháy kép đóng", r->record_line, col);
      return -1;
    }
    r->p++; /* the quote */
    if (r->p < r->end && *r->p == '"') {
      rec_add(r, "\"", 1);
      r->p++;
      continue;
    }
    if (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r') {
      snprintf(r->err, sizeof r->err, "dòng %d, cột %d: ký tự sau dấu nháy kép đóng", r->line, col);
      return -1;
    }
    return 0;
  }
}

/* a byte that does not end an unquoted field (control characters, but for
 * tab, end it: CR and LF end the record, the others are refused) */
static int plain_byte(unsigned char ch) { return ch != ',' && ch != '"' && (ch >= 0x20 || ch == '\t'); }

/* the first record's fields kept, to name columns in messages */
static void keep_header(csv_reader *r) {
  r->header = xmalloc(r->reclen ? r->reclen : 1);
  memcpy(r->header, r->rec, r->reclen);
  r->names = xmalloc(sizeof(char *) * (size_t)(r->nfields ? r->nfields : 1));
  for (int i = 0; i < r->nfields; i++) r->names[i] = r->header + (r->fields[i] - r->rec);
  r->nnames = r->nfields;
}

int csv_next(csv_reader *r) {
  r->nfields = 0;
  r->reclen = 0;
  /* skip blank lines */
  while (r->p < r->end && (*r->p == '\n' || *r->p == '\r')) {
    if (*r->p == '\n') r->line++;
    r->p++;
  }
  if (r->p >= r->end) return 0;
  r->record_line = r->line;
  int col = 1;
  for (;;) {
    size_t start = r->reclen;
    if (r->p < r->end && *r->p == '"') {
      r->p++;
      if (read_quoted(r, col)) {
        r->nfields = 0;
        return -1;
      }
    } else {
      const char *s = r->p; /* one copy per field, not one call per byte */
      while (r->p < r->end && plain_byte((unsigned char)*r->p)) r->p++;
      unsigned char stop = r->p < r->end ? (unsigned char)*r->p : 0;
      if (r->p < r->end && stop < 0x20 && stop != '\n' && stop != '\r') {
        control_error(r, col, stop);
        r->nfields = 0;
        return -1;
      }
      if (r->p < r->end && *r->p == '"') {
        snprintf(r->err, sizeof r->err, "dòng %d, cột %d: dấu nháy kép giữa trường", r->line, col);
        r->nfields = 0;
        return -1;
      }
      rec_add(r, s, (size_t)(r->p - s));
    }
    end_field(r, start);
    if (r->p < r->end && *r->p == ',') {
      r->p++;
      col++;
      continue;
    }
    if (r->p < r->end && *r->p == '\r') r->p++;
    if (r->p < r->end && *r->p == '\n') {
      r->p++;
      r->line++;
    }
    break;
  }
  for (int i = 0; i < r->nfields; i++) r->fields[i] = r->rec + (uintptr_t)r->fields[i];
  if (!r->header) keep_header(r);
  return 1;
}

int csv_col(char **header, int n, const char *name) {
  for (int i = 0; i < n; i++)
    if (strcmp(header[i], name) == 0) return i;
  return -1;
}
