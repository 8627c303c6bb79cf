/* The JSON body of an API request, from its bytes: jansson with duplicate
 * names refused and \u0000 let through, so that the caller can refuse a
 * control character naming its field; then every string in it (nested
 * objects and arrays included) handed to a check with the name of the
 * member it is the value of (an array's items are named by the array). */
#ifndef DV_JSON_BODY_H
#define DV_JSON_BODY_H
#include <jansson.h>
#include <stddef.h>

/* non-zero refuses the body */
typedef int (*json_body_check)(void *ctx, const char *key, size_t kn, const char *v, size_t vn);
/* the parsed body (caller json_decref's it), or NULL when s[0..n) is not
 * JSON or check refused a string */
json_t *json_body_parse(const char *s, size_t n, json_body_check check, void *ctx);
#endif
