/* PDF from DOCX through LibreOffice (Debian's libreoffice-writer-nogui),
 * run as a separate process with its own profile and a timeout. */
#ifndef DV_PDF_H
#define DV_PDF_H
#include "util/buf.h"
#include <stddef.h>

/* converts the DOCX bytes to PDF into out; 0, or -1 with a message in err
 * (soffice missing, failed, or killed after timeout_s seconds) */
int pdf_from_docx(const char *docx, size_t len, buf *out, int timeout_s, char *err, int errlen);
#endif
