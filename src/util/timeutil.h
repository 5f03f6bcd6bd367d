/* timeutil.h - instants and district-local dates.
 * Instants are Unix seconds (int64). Dates and "today" are computed in the
 * district's fixed UTC offset (policy utc_offset_minutes), never the server's
 * time zone. */
#ifndef SJ_TIMEUTIL_H
#define SJ_TIMEUTIL_H
#include <stddef.h>
#include <stdint.h>

int64_t time_now(void); /* Unix seconds; tests may pin it with time_pin() */
void time_pin(int64_t t); /* 0 unpins */

/* RFC 3339 with the offset, e.g. 2026-11-29T20:31:05+08:00. out >= 32. */
void time_rfc3339(int64_t t, int utc_offset_min, char *out, size_t cap);

/* Parse YYYY-MM-DD (a real calendar date, years 1900..2999) into days since
 * 1970-01-01. Returns 0 or -1. */
int date_parse(const char *s, int64_t *days);
void date_format(int64_t days, char *out, size_t cap); /* YYYY-MM-DD, cap >= 11 */
/* The local date of an instant at the offset. */
int64_t date_of(int64_t t, int utc_offset_min);
/* ISO weekday of a date: 1 = Monday .. 7 = Sunday. */
int date_weekday(int64_t days);

/* Parse HH:MM (00:00..23:59, two digits each) into minutes. 0 or -1. */
int hhmm_parse(const char *s, int *minutes);
/* Minutes after midnight as "HH:MM" (out holds 8 bytes; 24:00 for 1440). */
void hhmm_format(int minutes, char out[8]);

#endif
