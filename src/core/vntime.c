#include "core/vntime.h"
#include "core/period.h"
#include <stdio.h>
#include <string.h>

/* the seconds since 1970 of a UTC timestamp, or -1 */
static long long parse_utc(const char *s) {
  char d[11];
  int day, hh, mm, ss = 0, k = 0;
  if (!s || strlen(s) < 16 || (s[10] != 'T' && s[10] != ' ')) return -1;
  memcpy(d, s, 10);
  d[10] = 0;
  if (date_parse(d, &day) || sscanf(s + 11, "%2d:%2d%n", &hh, &mm, &k) != 2 || hh > 23 || mm > 59) return -1;
  const char *rest = s + 11 + k;
  if (*rest == ':' && (sscanf(rest + 1, "%2d", &ss) != 1 || ss > 60)) return -1;
  return (long long)day * 86400 + hh * 3600 + mm * 60 + ss;
}

void time_format_vn(const char *iso_utc, int with_seconds, char *out, size_t n) {
  long long t = parse_utc(iso_utc);
  if (t < 0) {
    snprintf(out, n, "%s", iso_utc ? iso_utc : "");
    return;
  }
  t += VN_UTC_OFFSET_S;
  char d[11];
  date_format_vn((int)(t / 86400), d);
  int s = (int)(t % 86400);
  if (with_seconds) snprintf(out, n, "%s %02d:%02d:%02d", d, s / 3600, s / 60 % 60, s % 60);
  else snprintf(out, n, "%s %02d:%02d", d, s / 3600, s / 60 % 60);
}

int day_in_vn(time_t t) { return (int)(((long long)t + VN_UTC_OFFSET_S) / 86400); }

int day_in_vn_of(const char *iso_utc) {
  long long t = parse_utc(iso_utc);
  return t < 0 ? -1 : (int)((t + VN_UTC_OFFSET_S) / 86400);
}
