/* Writers for a computed annex (rtable): JSON (the API contract) and CSV. */
#ifndef DV_REPORT_OUT_H
#define DV_REPORT_OUT_H
#include "core/report.h"
#include "util/buf.h"

/* {"form","period","unit","title","columns":[[path...]...],"rows":[{"label","values":[...]}]} */
void report_write_json(buf *b, const rtable *t);
/* one header line per header row, then a line per row; blank = empty field */
void report_write_csv(buf *b, const rtable *t);
/* the header rows of an annex as <thead> with colspan/rowspan merged like
 * the seed; every text escaped */
void report_write_html_head(buf *b, const rtable *t);
/* a standalone HTML document of the annex */
void report_write_html(buf *b, const rtable *t);
/* numbers as in Vietnamese documents: 1.865 */
void format_number_vn(buf *b, double v);
#endif
