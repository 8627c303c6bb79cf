#include "util/json_body.h"
#include <string.h>

static int check_strings(json_t *j, const char *key, json_body_check check, void *ctx) {
  const char *k;
  json_t *v;
  size_t i;
  switch (json_typeof(j)) {
  case JSON_STRING: return check(ctx, key, strlen(key), json_string_value(j), json_string_length(j));
  case JSON_OBJECT:
    json_object_foreach(j, k, v) if (check_strings(v, k, check, ctx)) return -1;
    return 0;
  case JSON_ARRAY:
    json_array_foreach(j, i, v) if (check_strings(v, key, check, ctx)) return -1;
    return 0;
  default: return 0;
  }
}

json_t *json_body_parse(const char *s, size_t n, json_body_check check, void *ctx) {
  json_error_t je;
  json_t *j = json_loadb(s, n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
  if (j && check_strings(j, "", check, ctx)) {
    json_decref(j);
    return NULL;
  }
  return j;
}
