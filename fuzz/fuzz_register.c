/* libFuzzer: a register definition (registers/NAME.reg) parsed against the
 * real catalog of elements and forms, as the app loads it. */
#include "core/form.h"
#include "core/register.h"
#include "util/buf.h"
#include "util/embedded.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static catalog cat;

static void load_catalog(void) {
  char err[300];
  const embedded_file *el = embedded_find("elements.txt");
  if (!el || catalog_load_elements(&cat, el->data, err, sizeof err)) abort();
  for (const embedded_file *f = embedded_files; f->name; f++) {
    size_t n = strlen(f->name);
    if (n >= 5 && !strcmp(f->name + n - 5, ".form") && catalog_add_form(&cat, f->data, err, sizeof err)) abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!cat.nelements) load_catalog();
  char *text = xstrndup((const char *)data, size);
  char err[300];
  reg_def r;
  if (reg_parse(&r, &cat, text, err, sizeof err) == 0) reg_release(&r);
  free(text);
  return 0;
}
