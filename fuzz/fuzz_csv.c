/* libFuzzer: the CSV reader (util/csv.c) over every record of the input,
 * each field looked up by name in the header as the importers do. */
#include "util/csv.h"
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  csv_reader r;
  csv_init(&r, (const char *)data, size);
  int rc;
  while ((rc = csv_next(&r)) == 1) {
    for (int i = 0; i < r.nfields; i++) {
      csv_formula_like(r.fields[i]);
      if (r.nnames) csv_col(r.names, r.nnames, r.fields[i]);
    }
  }
  if (rc < 0 && !memchr(r.err, 0, sizeof r.err)) __builtin_trap(); /* the message is a string */
  csv_release(&r);
  return 0;
}
