/* The language of this thread's output and the English catalogue (po/en.po,
 * embedded). Vietnamese is the source language: a msgid is the Vietnamese
 * text exactly as written in the source, so translating is a look-up, and a
 * string the catalogue does not hold passes through unchanged.
 *
 * The web server sets the language at the start of each request and resets
 * it at the end; everything else (the CLI, documents) stays Vietnamese. */
#ifndef DV_I18N_H
#define DV_I18N_H
#include "util/buf.h"
#include <stdarg.h>
#include <stddef.h>

typedef enum { LANG_VI = 0, LANG_EN = 1 } dv_lang;

void i18n_set(dv_lang l);
dv_lang i18n_get(void);
/* "vi" or "en", for <html lang> and the cookie */
const char *i18n_code(dv_lang l);
/* "vi" / "en" → *l; -1 for anything else */
int i18n_parse(const char *s, dv_lang *l);

/* the English of s when this thread's language is en and the catalogue has
 * it (exactly), else s; the result lives as long as the process */
const char *tr(const char *s);
/* appends the text s[0..n) in this thread's language: an exact entry, else
 * the entry of s without its leading and trailing white space (kept around
 * the translation), else a format entry ("%s kỳ %s") that matches s, its
 * conversions' text put into the English, else s unchanged */
void tr_add(buf *b, const char *s, size_t n);
/* the same for a page's literal text (h_lit): a word without marks ("In")
 * is looked up too, exactly; data never goes through it */
void tr_add_lit(buf *b, const char *s, size_t n);
/* a script (app.js) with each single-quoted string that holds a non-ASCII
 * character in the language (literals with a backslash escape are kept) */
void tr_js(buf *b, const char *js, size_t n);
/* s (NULL: nothing) in this thread's language, HTML-escaped */
void tr_esc_html(buf *b, const char *s);

/* buf_vaddf in this thread's language: a catalogued format is formatted,
 * then its conversions' text (each translated in turn) is put into the
 * English format; any other format is formatted as it is */
void tr_vaddf(buf *b, const char *fmt, va_list ap);

/* parses PO text into a catalogue of its own (for checks): entries with an
 * empty msgstr, fuzzy or obsolete ones are skipped, and so is one whose
 * msgstr has other printf conversions than its msgid (counted in *bad).
 * Returns the number of entries kept, -1 on a syntax error (line in *line). */
int i18n_check_po(const char *text, int *bad, int *line);
#endif
