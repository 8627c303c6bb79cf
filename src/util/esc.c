#include "util/esc.h"
#include "util/csv.h"
#include <stdio.h>
#include <string.h>

void esc_html(buf *b, const char *s) {
  for (; s && *s; s++) {
    switch (*s) {
    case '&': buf_adds(b, "&amp;"); break;
    case '<': buf_adds(b, "&lt;"); break;
    case '>': buf_adds(b, "&gt;"); break;
    case '"': buf_adds(b, "&quot;"); break;
    case '\'': buf_adds(b, "&#39;"); break;
    default: buf_addc(b, *s);
    }
  }
}

void esc_json(buf *b, const char *s) {
  buf_addc(b, '"');
  for (; s && *s; s++) {
    size_t run = 0; /* copy runs of bytes that need no escape in one go */
    while (s[run] && s[run] != '"' && s[run] != '\\' && s[run] != '<' && (unsigned char)s[run] >= 0x20) run++;
    if (run) {
      buf_add(b, s, run);
      s += run - 1;
      continue;
    }
    unsigned char c = (unsigned char)*s;
    switch (c) {
    case '"': buf_adds(b, "\\\""); break;
    case '\\': buf_adds(b, "\\\\"); break;
    case '\n': buf_adds(b, "\\n"); break;
    case '\r': buf_adds(b, "\\r"); break;
    case '\t': buf_adds(b, "\\t"); break;
    case '<': buf_adds(b, "\\u003c"); break; /* safe inside <script> */
    default:
      if (c < 0x20) buf_addf(b, "\\u%04x", c);
      else buf_addc(b, (char)c);
    }
  }
  buf_addc(b, '"');
}

/* A cell a spreadsheet program would run as a formula (=HYPERLINK(…),
 * =cmd|…, +…, -…, @…) gets an apostrophe before it, which makes it text;
 * the CSV reader takes it off again (util/csv.h). */
void esc_csv(buf *b, const char *s) {
  if (!s) return;
  const char *guard = csv_formula_like(s) ? "'" : "";
  if (!strpbrk(s, ",\"\r\n")) {
    buf_adds(b, guard);
    buf_adds(b, s);
    return;
  }
  buf_addc(b, '"');
  buf_adds(b, guard);
  for (; *s; s++) {
    if (*s == '"') buf_addc(b, '"');
    buf_addc(b, *s);
  }
  buf_addc(b, '"');
}

void esc_url(buf *b, const char *s) {
  for (; s && *s; s++) {
    unsigned char c = (unsigned char)*s;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-_.~", c))
      buf_addc(b, (char)c);
    else
      buf_addf(b, "%%%02X", c);
  }
}
