/* What a file is, by its content rather than its name: an attachment named
 * "quyet-dinh.pdf" must be a PDF. */
#ifndef DV_SNIFF_H
#define DV_SNIFF_H
#include <stddef.h>

/* "application/pdf", the DOCX type, "image/png", "image/jpeg", or NULL */
const char *sniff_type(const unsigned char *data, size_t len);
/* the type a file name promises by its extension, or NULL */
const char *type_of_name(const char *name);
#endif
