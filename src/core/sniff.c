#include "core/sniff.h"
#include <string.h>
#include <strings.h>

#define DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

static int starts(const unsigned char *d, size_t len, const char *magic, size_t n) {
  return len >= n && memcmp(d, magic, n) == 0;
}

/* a ZIP whose entries include word/document.xml: the local file headers
 * (PK\3\4) carry the names, so walk them */
static int is_docx(const unsigned char *d, size_t len) {
  size_t p = 0;
  for (int entries = 0; entries < 64 && p + 30 <= len && starts(d + p, len - p, "PK\3\4", 4); entries++) {
    size_t name_len = d[p + 26] | (size_t)d[p + 27] << 8, extra = d[p + 28] | (size_t)d[p + 29] << 8;
    size_t csize = d[p + 18] | (size_t)d[p + 19] << 8 | (size_t)d[p + 20] << 16 | (size_t)d[p + 21] << 24;
    if (p + 30 + name_len > len) return 0;
    if (name_len == 17 && memcmp(d + p + 30, "word/document.xml", 17) == 0) return 1;
    if (d[p + 6] & 8) return 0; /* sizes after the data: stop walking */
    p += 30 + name_len + extra + csize;
  }
  return 0;
}

const char *sniff_type(const unsigned char *d, size_t len) {
  if (starts(d, len, "%PDF-", 5)) return "application/pdf";
  if (starts(d, len, "\x89PNG\r\n\x1a\n", 8)) return "image/png";
  if (starts(d, len, "\xff\xd8\xff", 3)) return "image/jpeg";
  if (starts(d, len, "PK\3\4", 4) && is_docx(d, len)) return DOCX;
  return NULL;
}

const char *type_of_name(const char *name) {
  const char *dot = strrchr(name, '.');
  if (!dot) return NULL;
  if (!strcasecmp(dot, ".pdf")) return "application/pdf";
  if (!strcasecmp(dot, ".png")) return "image/png";
  if (!strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg")) return "image/jpeg";
  if (!strcasecmp(dot, ".docx")) return DOCX;
  return NULL;
}
