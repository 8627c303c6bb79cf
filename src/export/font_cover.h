/* Does the document font show every character of a text? The font is the
 * one fontconfig gives for the document's family (doc.font): for "Times New
 * Roman" on Debian, Liberation Serif, the font LibreOffice uses for the PDF.
 * A character it lacks (the "貌" of a bad transcription) would print as a
 * gap or a box, so a document holding one is refused before it is saved or
 * written (docs/documents.md, "Characters the font cannot show"). */
#ifndef DV_FONT_COVER_H
#define DV_FONT_COVER_H
#include <stddef.h>

/* the first character of a text that the font lacks */
typedef struct font_gap {
  unsigned cp;   /* its code point: U+8C8C */
  int line, col; /* where: 1-based line, and column counted in characters */
} font_gap;

/* 1 and *gap set when text (UTF-8) holds a character the font of family
 * does not cover; 0 when all are covered. Line breaks, tabs and other
 * control characters are not checked. When fontconfig finds no font at all
 * there is nothing to check against: 0. Thread-safe (one cached charset). */
int font_cover_gap(const char *family, const char *text, font_gap *gap);
/* the full name of the font used for family ("Liberation Serif"), or "" */
void font_cover_font_name(const char *family, char *out, size_t n);
#endif
