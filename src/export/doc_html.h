/* The official document (core/document.h) as HTML: the third writer next to
 * DOCX and PDF, for the preview in the browser and for printing from it.
 *
 * Pure: an official_doc in, an HTML fragment out (no page chrome). Every
 * piece of text reaches the output through esc_html; markup comes only from
 * literals here and from report_write_html_head. The fragment has no style
 * attributes (the server's CSP forbids them): the paper layout is in the
 * stylesheet, keyed on the od-* classes:
 *
 *   article.odoc(.od-state)       .od-state: a state body's document
 *     section.od-sheet.od-main      header block (.od-head: .od-issuer |
 *                                   .od-nation; a Party document .od-star and
 *                                   .od-party, a state one .od-org-rule,
 *                                   .od-country and .od-motto), title
 *                                   (.od-title, .od-rule), body
 *                                   (h2.od-part, h3.od-heading, p.od-body,
 *                                   p.od-center), .od-end (Nơi nhận |
 *                                   signature), .od-notes (the footnotes,
 *                                   numbered through the document)
 *     section.od-sheet.od-annex     one per annex: .od-caption, .od-atitle,
 *                                   .od-attached, table.od-table
 */
#ifndef DV_DOC_HTML_H
#define DV_DOC_HTML_H
#include "core/document.h"
#include "util/buf.h"

/* appends the document to b */
void doc_write_html(buf *b, const official_doc *d);

/* one marked-up text (core/document.h: **bold**, *italic*, ^[footnote])
 * as inline HTML: '\n' becomes <br>; each footnote becomes a numbered
 * reference (*fn counts them, starting from its value) and its text an
 * <li> appended to notes (NULL: footnotes are dropped) */
void doc_html_inline(buf *b, const char *text, int *fn, buf *notes);
/* the office's measures (doc.* settings) as a stylesheet over the default
 * one: font, sizes, margins (on screen and in @page), indent, spacing */
void doc_write_css(buf *b, const doc_style *st);
#endif
