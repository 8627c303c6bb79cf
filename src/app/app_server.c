/* The web server's connection limits (server.*): settings in the database,
 * read when the server starts (docs/contract.md, "Connections"). */
#include "app/app_internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct limit_key {
  const char *key;
  long min, max, dflt;
  const char *what;
} limit_key;

static const limit_key limit_keys[] = {
    {"server.connections", 10, 100000, 1000, "số kết nối cùng lúc"},
    {"server.per_ip_connections", 0, 100000, 64,
     "số kết nối cùng lúc của một địa chỉ (0: không giới hạn)"},
    {"server.header_timeout", 1, 3600, 10,
     "số giây để gửi xong phần đầu của một yêu cầu"},
    {"server.timeout", 1, 3600, 20, "số giây một kết nối được im lặng"},
};

static const limit_key *limit_key_of(const char *key) {
  for (size_t i = 0; i < sizeof limit_keys / sizeof *limit_keys; i++)
    if (!strcmp(key, limit_keys[i].key)) return &limit_keys[i];
  return NULL;
}

int app_server_key(const char *key) { return limit_key_of(key) != NULL; }

int app_server_setting(const char *key, const char *value, char *out, size_t n, dv_err *e) {
  const limit_key *k = limit_key_of(key);
  char *end;
  long v = strtol(value, &end, 10);
  if (!*value || *end || v < k->min || v > k->max)
    return dv_fail(e, DV_EINVAL, 0, "value", "%s là %s, từ %ld đến %ld", key, k->what, k->min, k->max);
  snprintf(out, n, "%ld", v);
  return 0;
}

/* the stored value of a key, its default when unset or out of range */
static int limit_value(app *a, const char *key) {
  const limit_key *k = limit_key_of(key);
  char v[32], *end;
  long x = k->dflt;
  if (store_setting_get(app_store(a), key, v, sizeof v) == 0) x = strtol(v, &end, 10);
  return (int)(x < k->min || x > k->max ? k->dflt : x);
}

void app_server_limits(app *a, server_limits *l) {
  l->connections = limit_value(a, "server.connections");
  l->per_ip = limit_value(a, "server.per_ip_connections");
  l->header_timeout = limit_value(a, "server.header_timeout");
  l->timeout = limit_value(a, "server.timeout");
}
