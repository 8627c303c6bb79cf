#include "core/indicator.h"
#include "core/period.h"
#include <stdio.h>
#include <string.h>

unsigned dialogue_heads_of(const char *chair) {
  if (!chair) return 0;
  if (!strcmp(chair, "cap_uy")) return HEAD_PARTY;
  if (!strcmp(chair, "chinh_quyen")) return HEAD_GOVERNMENT;
  if (!strcmp(chair, "dong_chu_tri")) return HEADS_BOTH;
  return 0;
}

int unit_types_next(const char **p, char *out, size_t n) {
  const char *s = *p;
  if (!s) return 0;
  const char *comma = strchr(s, ',');
  const char *end = comma ? comma : s + strlen(s);
  while (s < end && *s == ' ') s++;
  const char *e = end;
  while (e > s && e[-1] == ' ') e--;
  snprintf(out, n, "%.*s", (int)(e - s), s);
  *p = comma ? comma + 1 : NULL;
  return 1;
}

int unit_types_hold(const char *list, const char *type) {
  if (!list || !*list) return 1;
  char item[128];
  for (const char *p = list; unit_types_next(&p, item, sizeof item);)
    if (type && !strcmp(item, type)) return 1;
  return 0;
}

/* 1 if the stage's date (undated: always) is on or before day */
static int reached_by(const char *date, int day) {
  int d;
  if (!date || !*date || date_parse(date, &d)) return 1;
  return d <= day;
}

land_stage land_stage_on(const char *status, const char *dossier_on, const char *certificate_on, int day) {
  if (!status) return LAND_NONE;
  int cert = !strcmp(status, "certificate");
  if (!cert && strcmp(status, "dossier")) return LAND_NONE;
  if (cert && reached_by(certificate_on, day)) return LAND_CERTIFICATE;
  /* a certificate not yet issued on that day: was the dossier in? */
  return reached_by(dossier_on, day) ? LAND_DOSSIER : LAND_NONE;
}
