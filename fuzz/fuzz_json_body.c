/* libFuzzer: an API request's JSON body (util/json_body.c, what the server
 * runs on every application/json body) with the server's own check: a
 * control character refused, naming its field. */
#include "util/json_body.h"
#include "util/text.h"
#include <stdint.h>

static int check(void *ctx, const char *k, size_t kn, const char *v, size_t vn) {
  (void)ctx;
  long i = text_find_control(v, vn), ik = text_find_control(k, kn);
  if (i < 0 && ik < 0) return 0;
  text_valid_utf8(k, ik >= 0 ? (size_t)ik : kn);
  return -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  json_t *j = json_body_parse((const char *)data, size, check, NULL);
  json_decref(j);
  return 0;
}
