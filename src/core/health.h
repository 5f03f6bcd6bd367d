/* health.h - physical activity, fitness and vision (DOMAIN.md "Five
 * managements and health"; seed 五(四)5, B22.3, B28.1, B28.4).
 *
 * Pure functions of plain numbers and the pack: no clock, no I/O. Values
 * with one decimal (vision on the 5-point scale, fitness totals) are held as
 * integer tenths (4.9 -> 49, 89.9 -> 899), so every comparison is exact.
 * Every verdict names its rule code:
 *   MG_PE_DAILY       a school day's activity minutes - PE lessons, the big
 *                     break and other school sports activity, summed - below
 *                     the pack's minutes (60) flag the class-day;
 *   MG_EYE_EXERCISES  eye exercises below the pack's per_day (2) flag it;
 *   MG_VISION_SCREENING  a value outside the pack's scale (3.0-5.3) is
 *                     refused; an eye below myopia_below (5.0), or a student
 *                     whose vision is corrected, counts as poor vision; the
 *                     term's per_term screenings fall due evenly across it;
 *   MG_FITNESS        a total outside 0..max_total (120, the standard's 100
 *                     plus its bonus) is refused; levels from the pack. */
#ifndef SJ_HEALTH_H
#define SJ_HEALTH_H

#include "policy/policy.h"

#include <stdbool.h>
#include <stdint.h>

/* Bounds of what one class-day can hold at all (a form check, not a rule). */
#define HE_MAX_DAY_MINUTES 600
#define HE_MAX_EYE_EXERCISES 10

/* A class's school day of activity and its flags. */
struct he_day {
	int pe_minutes, big_break_minutes, other_minutes, eye_exercises;
};
struct he_day_verdict {
	int minutes;       /* what counts towards MG_PE_DAILY: the three summed */
	bool pe_short;     /* MG_PE_DAILY: minutes < pack minutes */
	bool eye_short;    /* MG_EYE_EXERCISES: eye_exercises < pack per_day */
};
void he_check_day(const struct policy *p, const struct he_day *d, struct he_day_verdict *v);

/* A number as tenths: 0 and *tenths, or -1 when it has more than one
 * decimal (4.95) or is not finite. */
int he_tenths(double x, int *tenths);
/* The same from a spreadsheet cell ("89.9", "90", "120.0"): -1 when the
 * cell is not such a number. */
int he_tenths_text(const char *s, int *tenths);

/* MG_VISION_SCREENING: 1 when tenths is on the pack's scale. */
bool he_vision_ok(const struct policy *p, int tenths);
/* MG_VISION_SCREENING: poor vision (either eye below the line, or corrected). */
bool he_poor_vision(const struct policy *p, int left, int right, bool corrected);
/* How many of the term's screenings are due by as_of (days since the epoch):
 * screening k of n is due by the end of the k-th n-th of the term, so with
 * 2 a term the first is due by its middle and the second by its last day.
 * 0 before the first is due, per_term from the last day on. */
int he_screenings_due(int64_t starts, int64_t ends, int64_t as_of, int per_term);

/* MG_FITNESS levels, best first. */
enum he_level { HE_EXCELLENT = 0, HE_GOOD, HE_PASS, HE_FAIL, HE_LEVELS };
/* 1 when a total (tenths) is within 0..max_total. */
bool he_fitness_ok(const struct policy *p, int tenths);
enum he_level he_fitness_level(const struct policy *p, int tenths);
const char *he_level_id(enum he_level l);   /* excellent, good, pass, fail */
const char *he_level_name(enum he_level l); /* 优秀, 良好, 及格, 不及格 */
int he_level_parse(const char *id);         /* the level, or -1 */

#endif
