#include "core/doc_link.h"
#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the shown number: digits with '.' grouping and ',' decimals, a sign */
static int shown_char(char ch) { return (ch >= '0' && ch <= '9') || ch == '.' || ch == ',' || ch == '-'; }

static int code_char(char ch) {
  return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '-' || ch == '_';
}

int doc_link_row_level(const char *row) {
  if (!strcmp(row, "tong")) return 0;
  if (strncmp(row, "cap", 3) || row[3] < '1' || row[3] > '9' || row[4]) return -1;
  return row[3] - '0';
}

/* copies the run of code characters at s into out (n bytes); its length, 0 if none or too long */
static size_t take_code(const char *s, char *out, size_t n) {
  size_t k = 0;
  while (code_char(s[k])) k++;
  if (!k || k >= n) return 0;
  memcpy(out, s, k);
  out[k] = 0;
  return k;
}

int doc_link_parse(const char *s, doc_link *l) {
  if (s[0] != '{' || s[1] != '{') return 0;
  const char *p = s + 2, *shown = p;
  while (shown_char(*p)) p++;
  if (p == shown || *p != '|') return 0;
  int shown_len = (int)(p - shown);
  p++;
  size_t k = take_code(p, l->form, sizeof l->form);
  if (!k || p[k] != ':') return 0;
  p += k + 1;
  k = take_code(p, l->row, sizeof l->row);
  if (!k || p[k] != ':' || doc_link_row_level(l->row) < 0) return 0;
  p += k + 1;
  int col = 0;
  const char *digits = p;
  while (*p >= '0' && *p <= '9' && p - digits < 4) col = col * 10 + (*p++ - '0');
  if (p == digits || col < 1 || p[0] != '}' || p[1] != '}') return 0;
  l->shown = shown;
  l->shown_len = shown_len;
  l->col = col;
  l->len = (size_t)(p + 2 - s);
  return 1;
}

char *doc_link_strip(const char *text) {
  size_t n = strlen(text), o = 0;
  char *out = xmalloc(n + 1);
  for (const char *p = text; *p;) {
    doc_link l;
    if (doc_link_parse(p, &l)) {
      memcpy(out + o, l.shown, (size_t)l.shown_len);
      o += (size_t)l.shown_len;
      p += l.len;
    } else {
      out[o++] = *p++;
    }
  }
  out[o] = 0;
  return out;
}
