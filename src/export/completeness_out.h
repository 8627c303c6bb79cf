/* The completeness of a form's reporting as JSON: the one shape of
 * `danvan completeness --format json` and GET /api/completeness. */
#ifndef DV_COMPLETENESS_OUT_H
#define DV_COMPLETENESS_OUT_H
#include "core/submission.h"
#include "core/tree.h"
#include "util/buf.h"

/* {"form","period","unit","children":[…],"levels":[…]}; t names the levels */
void completeness_write_json(buf *b, const char *form, const char *period, const char *unit,
                             const completeness_row *rows, int n, const level_tally *levels, const tree *t,
                             int today);
#endif
