/* A number offered from an annex keeps its link in the stored text:
 *
 *   {{196|bieu-5:tong:13}}
 *
 * is printed "196" (the number as offered, Vietnamese digit grouping
 * "1.493"), and says where it came from: the annex (form code), the row
 * ("tong": the unit's own figure, the annex's last row; "capN": the row of
 * level N, "cap1" the city's, "cap2" the districts') and the column
 * (1-based, as in the annex). On generation the report compares each link
 * with the annex as it is now (app/app_doc_check.c). Text that looks like a
 * link but is not exactly one is printed as written. */
#ifndef DV_DOC_LINK_H
#define DV_DOC_LINK_H
#include <stddef.h>

typedef struct doc_link {
  const char *shown; /* points into the text: the number as printed */
  int shown_len;
  char form[32];     /* "bieu-5" */
  char row[16];      /* "tong", "cap2" */
  int col;           /* 13 */
  size_t len;        /* bytes of the whole link, "{{" to "}}" */
} doc_link;

/* 1 and *l set when s begins with a link, else 0 */
int doc_link_parse(const char *s, doc_link *l);
/* text with each link replaced by its number ("196"); caller frees */
char *doc_link_strip(const char *text);
/* the level of a "capN" row, 0 for "tong", -1 for anything else */
int doc_link_row_level(const char *row);
#endif
