/* Times as Vietnamese readers see them. Timestamps are stored in UTC
 * ("2023-06-19T08:30:00Z"); every page shows them in Asia/Ho_Chi_Minh, which
 * has been UTC+7 all year since 1975 (no summer time), so a fixed offset is
 * exact for every timestamp the system holds and needs no tz database nor
 * the server's TZ. No I/O, no global state. */
#ifndef DV_VNTIME_H
#define DV_VNTIME_H

#include <stddef.h>
#include <time.h>

#define VN_UTC_OFFSET_S (7 * 3600)

/* "2023-06-19T08:30:00Z" or "2023-06-19 08:30:00" (UTC) ->
 * "19/06/2023 15:30" (with_seconds: "19/06/2023 15:30:00") in +07; a text
 * that is no such timestamp is copied as it is. out: n bytes (20 suffice). */
void time_format_vn(const char *iso_utc, int with_seconds, char *out, size_t n);
/* the day number (days since 1970-01-01) of the date in Vietnam at t */
int day_in_vn(time_t t);
/* the same for a stored UTC timestamp; -1 if iso_utc is none */
int day_in_vn_of(const char *iso_utc);

#endif
