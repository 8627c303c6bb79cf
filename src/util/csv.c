#include "util/csv.h"
#include "util/buf.h"
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

static void clear_fields(csv_reader *r) {
  for (int i = 0; i < r->nfields; i++) free(r->fields[i]);
  r->nfields = 0;
}

void csv_release(csv_reader *r) {
  clear_fields(r);
  free(r->fields);
  r->fields = NULL;
}

static void push_field(csv_reader *r, buf *f) {
  if (r->nfields == r->capfields) {
    r->capfields = r->capfields ? r->capfields * 2 : 8;
    r->fields = xrealloc(r->fields, sizeof(char *) * (size_t)r->capfields);
  }
  r->fields[r->nfields++] = buf_detach(f, NULL);
}

/* reads a quoted field; r->p is just after the opening quote */
static int read_quoted(csv_reader *r, buf *f, int col) {
  for (;;) {
    if (r->p >= r->end) {
      snprintf(r->err, sizeof r->err, "dòng %d, cột %d: thiếu dấu nháy kép đóng", r->record_line, col);
      return -1;
    }
    char c = *r->p++;
    if (c == '"') {
      if (r->p < r->end && *r->p == '"') {
        buf_addc(f, '"');
        r->p++;
        continue;
      }
      if (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r') {
        snprintf(r->err, sizeof r->err, "dòng %d, cột %d: ký tự sau dấu nháy kép đóng", r->line, col);
        return -1;
      }
      return 0;
    }
    if (c == '\n') r->line++;
    buf_addc(f, c);
  }
}

int csv_next(csv_reader *r) {
  clear_fields(r);
  /* skip blank lines */
  while (r->p < r->end && (*r->p == '\n' || *r->p == '\r')) {
    if (*r->p == '\n') r->line++;
    r->p++;
  }
  if (r->p >= r->end) return 0;
  r->record_line = r->line;
  buf f;
  buf_init(&f, 0);
  int col = 1;
  for (;;) {
    if (r->p < r->end && *r->p == '"') {
      r->p++;
      if (read_quoted(r, &f, col)) {
        buf_release(&f);
        return -1;
      }
    } else {
      const char *start = r->p; /* one copy per field, not one call per byte */
      while (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r' && *r->p != '"') r->p++;
      if (r->p < r->end && *r->p == '"') {
        snprintf(r->err, sizeof r->err, "dòng %d, cột %d: dấu nháy kép giữa trường", r->line, col);
        buf_release(&f);
        return -1;
      }
      buf_add(&f, start, (size_t)(r->p - start));
    }
    push_field(r, &f);
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
  buf_release(&f);
  return 1;
}

int csv_col(char **header, int n, const char *name) {
  for (int i = 0; i < n; i++)
    if (strcmp(header[i], name) == 0) return i;
  return -1;
}
