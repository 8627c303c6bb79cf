/* The checks a report or a plan passes before it is saved or written:
 * every character shown by the document font (export/font_cover.c), and
 * every figure linked to an annex still the annex's (core/doc_link.h). */
#ifndef DV_APP_DOC_CHECK_H
#define DV_APP_DOC_CHECK_H
#include "app/app_documents.h"

/* DV_EINVAL when a field of the stored report holds a character the font of
 * doc.font lacks; e->field the field or section key, e->msg the section,
 * the line and column (in characters) and the character as U+XXXX */
int app_report_doc_fonts(app *a, const report_doc *d, dv_err *e);
/* the same over an assembled document (header, paragraphs numbered from 1,
 * recipients, signature, annex titles, headers and cells); what names it in
 * the message ("kế hoạch 85-KH/BDVTU") */
int app_official_doc_fonts(const official_doc *d, const char *what, dv_err *e);

/* a sentence whose linked figure is no longer the annex's */
typedef struct doc_stale {
  const char *section; /* a key of report_sections */
  char *sentence;      /* owned: the sentence as printed (links as their numbers, no footnotes) */
  char *shown;         /* owned: the number in the text, "196" */
  char *now;           /* owned: the annex's figure now, "201"; "" when the cell is blank or gone */
  char form[32];       /* "bieu-5" */
} doc_stale;

/* the stale figures of the report d of the unit for its period (annexes
 * computed now, as u may see them); never fails the generation: a form
 * that cannot be computed makes its links stale with now "" */
int app_report_doc_stale(app *a, const user *u, const report_doc *d, doc_stale **out, int *n);
void doc_stale_release(doc_stale *s, int n);
/* the warning of one stale figure, one line, Vietnamese */
void doc_stale_describe(const doc_stale *s, buf *out);
#endif
