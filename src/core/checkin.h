/* checkin.h - the rules of the five managements a parent's weekly check-in
 * and a class's school day answer to (DOMAIN.md "Five managements", seed
 * 五(四)5, B21, B22). Pure: the caller passes the numbers and the pack;
 * nothing here reads the clock.
 *
 * Codes:
 *   MG_CHECKIN_WEEK  the week is neither an ISO week ("2026-W11") nor the
 *                    date of a Monday ("2026-03-09");
 *   MG_CHECKIN_TIME  a bedtime or wake time that is not HH:MM (00:00-23:59);
 *   MG_SLEEP_RANGE   the night is negative or longer than the pack's
 *                    MG_SLEEP max_hours (16 h): a bedtime from 12:00 on is
 *                    the evening before the wake time, one before 12:00 is
 *                    after midnight, so 03:00 -> 02:00 is -1 h, not 23 h;
 *   MG_SLEEP         a night shorter than the floor of the child's level:
 *                    primary (grades the pack's bands call *primary) or
 *                    junior (the "junior" band), MG_SLEEP hours;
 *   MG_SLEEP_FEASIBLE a school day whose after-school service end + the
 *                    homework of the day + the way home leaves less than
 *                    the level's floor before the wake time. */
#ifndef SJ_CHECKIN_H
#define SJ_CHECKIN_H

#include "policy/policy.h"

#include <stdint.h>

#define CK_DAY_MIN 1440
#define CK_NOON_MIN 720 /* bedtimes before this are after midnight */

struct ck_verdict {
	const char *code;  /* NULL when allowed */
	const char *field; /* the input concerned: "week", "bedtime", "wake_time" */
	char message[256];
};

/* The Monday (days since 1970-01-01) of "YYYY-Www" (weeks 01..52/53 as the
 * ISO year has them) or of "YYYY-MM-DD" when that date is a Monday. 0, or
 * 1 with MG_CHECKIN_WEEK in v. */
int ck_week_parse(const char *s, int64_t *monday, struct ck_verdict *v);
/* The ISO week of a Monday as "YYYY-Www" (out >= 9 bytes). */
void ck_week_format(int64_t monday, char *out, size_t cap);

/* Minutes slept from bedtime to wake time, both minutes after midnight
 * (see MG_SLEEP_RANGE for which night a bedtime belongs to); may be < 0. */
int ck_sleep_minutes(int bedtime, int wake);

/* A check-in's times: bedtime and wake "HH:MM" into minutes, and the night
 * between them in *sleep. 0, or 1 with MG_CHECKIN_TIME / MG_SLEEP_RANGE. */
int ck_times_check(const struct policy *p, const char *bedtime, const char *wake, int *bed_min,
		   int *wake_min, int *sleep, struct ck_verdict *v);

/* MG_SLEEP: the floor in minutes for a grade 1..9 (primary or junior
 * hours), 0 for a grade outside the pack's bands. */
int ck_sleep_floor(const struct policy *p, int grade);
/* 1 when a night of `sleep` minutes is under the grade's floor. */
int ck_under_floor(const struct policy *p, int grade, int sleep);

/* MG_SLEEP_FEASIBLE: the earliest a child can be in bed, minutes after the
 * day's midnight (may pass 1440): service end + homework + way home. */
int ck_bedtime(int service_end, int homework, int travel);
/* 1 (v filled) when from that bedtime to the wake time the next morning is
 * shorter than the grade's floor; 0 when the floor can be met. */
int ck_feasible_check(const struct policy *p, int grade, int bedtime, int wake,
		      struct ck_verdict *v);
/* The latest bedtime that still meets the grade's floor before wake, in
 * minutes after the day's midnight (wake + 1440 - floor). */
int ck_latest_bedtime(const struct policy *p, int grade, int wake);

/* "HH:MM" of minutes after midnight, taken modulo a day (out >= 8). */
void ck_hhmm(int minutes, char out[8]);
/* The median of values given in ascending order with how often each
 * occurs (the lower middle for an even total); -1 when there are none. */
int ck_median(const int *vals, const long *counts, int n);

#endif
