/* The one escaping point for each output language. Page, API and export
 * code append untrusted text only through these. */
#ifndef DV_ESC_H
#define DV_ESC_H
#include "util/buf.h"

void esc_html(buf *b, const char *s);
void esc_json(buf *b, const char *s); /* writes the quotes too */
void esc_csv(buf *b, const char *s);  /* quotes only when needed; formulas made inert (util/csv.h) */
void esc_url(buf *b, const char *s);
#endif
