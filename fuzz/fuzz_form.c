/* libFuzzer: a form file (forms/NAME.form) parsed against the real element
 * list, into a fresh catalog each time (catalog_add_form adds combos). */
#include "core/form.h"
#include "util/buf.h"
#include "util/embedded.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const embedded_file *el = embedded_find("elements.txt");
  char err[300];
  catalog c;
  memset(&c, 0, sizeof c);
  if (!el || catalog_load_elements(&c, el->data, err, sizeof err)) abort();
  char *text = xstrndup((const char *)data, size); /* the loader reads NUL-terminated text */
  if (catalog_add_form(&c, text, err, sizeof err) == 0) {
    form_input in[256];
    const form *f = &c.forms[c.nforms - 1];
    if (f->ncols <= 256) form_inputs(f, in);
  }
  free(text);
  catalog_release(&c);
  return 0;
}
