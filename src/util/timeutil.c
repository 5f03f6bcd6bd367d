#include "util/timeutil.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static _Atomic int64_t pinned;

int64_t time_now(void)
{
	int64_t p = atomic_load(&pinned);

	return p ? p : (int64_t)time(NULL);
}

void time_pin(int64_t t)
{
	atomic_store(&pinned, t);
}

/* Howard Hinnant's civil-from-days and days-from-civil. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, yy;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = (int64_t)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int date_parse(const char *s, int64_t *days)
{
	int y, m, d, yy, mm, dd;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if (digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
		return -1;
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	*days = days_from_civil(y, (unsigned)m, (unsigned)d);
	civil_from_days(*days, &yy, &mm, &dd);
	return (yy == y && mm == m && dd == d) ? 0 : -1; /* 2026-02-30 */
}

void date_format(int64_t days, char *out, size_t cap)
{
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(out, cap, "%04d-%02d-%02d", y, m, d);
}

int64_t date_of(int64_t t, int utc_offset_min)
{
	int64_t s = t + (int64_t)utc_offset_min * 60;

	return (s >= 0 ? s : s - 86399) / 86400;
}

int date_weekday(int64_t days)
{
	int64_t w = (days + 3) % 7; /* 1970-01-01 was a Thursday */

	if (w < 0)
		w += 7;
	return (int)w + 1;
}

void time_rfc3339(int64_t t, int off, char *out, size_t cap)
{
	int64_t local = t + (int64_t)off * 60;
	int64_t days = date_of(t, off), sec = local - days * 86400;
	int a = off < 0 ? -off : off;
	char date[16];

	date_format(days, date, sizeof date);
	snprintf(out, cap, "%sT%02d:%02d:%02d%c%02d:%02d", date, (int)(sec / 3600),
		 (int)(sec / 60 % 60), (int)(sec % 60), off < 0 ? '-' : '+', a / 60, a % 60);
}

int hhmm_parse(const char *s, int *minutes)
{
	int h, m;

	if (!s || strlen(s) != 5 || s[2] != ':' || digits(s, 2, &h) || digits(s + 3, 2, &m))
		return -1;
	if (h > 23 || m > 59)
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

void hhmm_format(int minutes, char out[8])
{
	snprintf(out, 8, "%02d:%02d", (minutes / 60) % 25, minutes % 60);
}
