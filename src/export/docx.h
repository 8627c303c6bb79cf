/* The official document (core/document.h) as a DOCX file (WordprocessingML
 * in a zip, written with libzip), laid out by Hướng dẫn 36-HD/VPTW. */
#ifndef DV_DOCX_H
#define DV_DOCX_H
#include "core/document.h"
#include "util/buf.h"

/* writes the whole .docx into out; 0, or -1 with a message in err */
int docx_write(const official_doc *d, buf *out, char *err, int errlen);
#endif
