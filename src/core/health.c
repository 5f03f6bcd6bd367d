/* health.c - activity, fitness and vision rules (health.h). */
#include "core/health.h"

#include <stdlib.h>
#include <string.h>

/* MG_PE_DAILY, MG_EYE_EXERCISES: B28.1 */
void he_check_day(const struct policy *p, const struct he_day *d, struct he_day_verdict *v)
{
	v->minutes = d->pe_minutes + d->big_break_minutes + d->other_minutes;
	v->pe_short = v->minutes < p->pe_daily_minutes;
	v->eye_short = d->eye_exercises < p->eye_exercises_per_day;
}

int he_tenths(double x, int *tenths)
{
	double t;

	if (!(x > -1e6 && x < 1e6)) /* also NaN */
		return -1;
	x *= 10;
	t = (double)(long long)(x + (x < 0 ? -0.5 : 0.5)); /* nearest, without libm */
	if (x - t > 1e-6 || t - x > 1e-6)
		return -1;
	*tenths = (int)t;
	return 0;
}

int he_tenths_text(const char *s, int *tenths)
{
	const char *dot;
	char *end = NULL;
	double x;

	if (!s || !*s || strspn(s, "0123456789.") != strlen(s))
		return -1;
	dot = strchr(s, '.');
	if (dot == s || (dot && (strchr(dot + 1, '.') || !dot[1])))
		return -1;
	x = strtod(s, &end);
	if (!end || *end)
		return -1;
	return he_tenths(x, tenths);
}

/* MG_VISION_SCREENING: B22.3 */
bool he_vision_ok(const struct policy *p, int tenths)
{
	return tenths >= p->vision_min_tenths && tenths <= p->vision_max_tenths;
}

bool he_poor_vision(const struct policy *p, int left, int right, bool corrected)
{
	return corrected || left < p->vision_myopia_below_tenths ||
	       right < p->vision_myopia_below_tenths;
}

int he_screenings_due(int64_t starts, int64_t ends, int64_t as_of, int per_term)
{
	int64_t len = ends - starts + 1, done = as_of - starts + 1;

	if (per_term <= 0 || len <= 0 || done <= 0)
		return 0;
	if (done >= len)
		return per_term;
	/* screening k is due once done >= ceil(k * len / per_term) */
	return (int)((done * per_term) / len);
}

/* MG_FITNESS: B28.4, 国家学生体质健康标准 */
bool he_fitness_ok(const struct policy *p, int tenths)
{
	return tenths >= 0 && tenths <= p->fitness_max_tenths;
}

enum he_level he_fitness_level(const struct policy *p, int tenths)
{
	if (tenths >= p->fitness_excellent_tenths)
		return HE_EXCELLENT;
	if (tenths >= p->fitness_good_tenths)
		return HE_GOOD;
	if (tenths >= p->fitness_pass_tenths)
		return HE_PASS;
	return HE_FAIL;
}

static const char *const level_ids[HE_LEVELS] = { "excellent", "good", "pass", "fail" };
static const char *const level_names[HE_LEVELS] = { "优秀", "良好", "及格", "不及格" };

const char *he_level_id(enum he_level l)
{
	return (l >= 0 && l < HE_LEVELS) ? level_ids[l] : "";
}

const char *he_level_name(enum he_level l)
{
	return (l >= 0 && l < HE_LEVELS) ? level_names[l] : "";
}

int he_level_parse(const char *id)
{
	for (int l = 0; id && l < HE_LEVELS; l++)
		if (!strcmp(id, level_ids[l]))
			return l;
	return -1;
}
