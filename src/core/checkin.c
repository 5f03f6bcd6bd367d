#include "core/checkin.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int refuse(struct ck_verdict *v, const char *code, const char *field, const char *msg)
{
	v->code = code;
	v->field = field;
	snprintf(v->message, sizeof v->message, "%s", msg);
	return 1;
}

/* The Monday of ISO week 1 of a year: the week with 4 January in it. */
static int64_t week1_monday(int year)
{
	char s[11];
	int64_t jan4;

	snprintf(s, sizeof s, "%04d-01-04", year);
	if (date_parse(s, &jan4) != 0)
		return INT64_MIN;
	return jan4 - (date_weekday(jan4) - 1);
}

static int iso_week_parse(const char *s, int64_t *monday)
{
	int year = 0, week = 0;
	int64_t first, next;

	for (int i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		year = year * 10 + (s[i] - '0');
	}
	if (s[4] != '-' || s[5] != 'W' || s[6] < '0' || s[6] > '9' || s[7] < '0' || s[7] > '9')
		return -1;
	week = (s[6] - '0') * 10 + (s[7] - '0');
	first = week1_monday(year);
	next = week1_monday(year + 1);
	if (first == INT64_MIN || next == INT64_MIN || week < 1 ||
	    first + (int64_t)(week - 1) * 7 >= next)
		return -1;
	*monday = first + (int64_t)(week - 1) * 7;
	return 0;
}

/* MG_CHECKIN_WEEK */
int ck_week_parse(const char *s, int64_t *monday, struct ck_verdict *v)
{
	memset(v, 0, sizeof *v);
	if (s && strlen(s) == 8 && iso_week_parse(s, monday) == 0)
		return 0;
	if (s && strlen(s) == 10 && date_parse(s, monday) == 0 && date_weekday(*monday) == 1)
		return 0;
	return refuse(v, "MG_CHECKIN_WEEK", "week",
		      "周次应为 ISO 周（如 2026-W11）或该周星期一的日期（如 2026-03-09）");
}

void ck_week_format(int64_t monday, char *out, size_t cap)
{
	/* the ISO year is the year of the week's Thursday */
	char thu[11];
	int year;
	int64_t first;

	date_format(monday + 3, thu, sizeof thu);
	year = (int)strtol(thu, NULL, 10);
	first = week1_monday(year);
	snprintf(out, cap, "%04d-W%02d", year, (int)((monday - first) / 7) + 1);
}

int ck_sleep_minutes(int bedtime, int wake)
{
	return bedtime >= CK_NOON_MIN ? wake + CK_DAY_MIN - bedtime : wake - bedtime;
}

/* MG_CHECKIN_TIME, MG_SLEEP_RANGE */
int ck_times_check(const struct policy *p, const char *bedtime, const char *wake, int *bed_min,
		   int *wake_min, int *sleep, struct ck_verdict *v)
{
	char msg[256];

	memset(v, 0, sizeof *v);
	if (hhmm_parse(bedtime, bed_min) != 0)
		return refuse(v, "MG_CHECKIN_TIME", "bedtime", "就寝时间应为有效时间，格式 HH:MM（如 21:30）");
	if (hhmm_parse(wake, wake_min) != 0)
		return refuse(v, "MG_CHECKIN_TIME", "wake_time", "起床时间应为有效时间，格式 HH:MM（如 06:30）");
	*sleep = ck_sleep_minutes(*bed_min, *wake_min);
	if (*sleep < 0)
		return refuse(v, "MG_SLEEP_RANGE", "wake_time", "起床时间早于就寝时间，睡眠时长不能为负");
	if (*sleep > p->sleep_max_hours * 60) {
		snprintf(msg, sizeof msg, "睡眠 %d 小时 %d 分，超过 %d 小时，请核对就寝和起床时间",
			 *sleep / 60, *sleep % 60, p->sleep_max_hours);
		return refuse(v, "MG_SLEEP_RANGE", "bedtime", msg);
	}
	return 0;
}

/* MG_SLEEP: the junior band has the junior hours, every other band of
 * grades 1..9 is primary school. */
int ck_sleep_floor(const struct policy *p, int grade)
{
	int b = policy_band_of(p, grade);

	if (b < 0)
		return 0;
	if (strcmp(p->bands[b].id, "junior") == 0)
		return p->sleep_hours_junior * 60;
	return p->sleep_hours_primary * 60;
}

int ck_under_floor(const struct policy *p, int grade, int sleep)
{
	return sleep < ck_sleep_floor(p, grade);
}

int ck_bedtime(int service_end, int homework, int travel)
{
	return service_end + homework + travel;
}

int ck_latest_bedtime(const struct policy *p, int grade, int wake)
{
	return wake + CK_DAY_MIN - ck_sleep_floor(p, grade);
}

void ck_hhmm(int minutes, char out[8])
{
	int m = ((minutes % CK_DAY_MIN) + CK_DAY_MIN) % CK_DAY_MIN;

	snprintf(out, 8, "%02d:%02d", m / 60, m % 60);
}

/* MG_SLEEP_FEASIBLE: 五(四)5, B21.2, B21.4 */
int ck_feasible_check(const struct policy *p, int grade, int bedtime, int wake,
		      struct ck_verdict *v)
{
	int latest = ck_latest_bedtime(p, grade, wake), floor = ck_sleep_floor(p, grade);
	char bed_s[8], latest_s[8], msg[256];

	memset(v, 0, sizeof *v);
	if (bedtime <= latest)
		return 0;
	ck_hhmm(bedtime, bed_s);
	ck_hhmm(latest, latest_s);
	snprintf(msg, sizeof msg, "最早 %s 才能就寝，要睡足 %d 小时须在 %s 前就寝", bed_s,
		 floor / 60, latest_s);
	return refuse(v, "MG_SLEEP_FEASIBLE", "bedtime", msg);
}

int ck_median(const int *vals, const long *counts, int n)
{
	long total = 0, seen = 0;

	for (int i = 0; i < n; i++)
		total += counts[i];
	for (int i = 0; i < n && total > 0; i++) {
		seen += counts[i];
		if (seen >= (total + 1) / 2)
			return vals[i];
	}
	return -1;
}
