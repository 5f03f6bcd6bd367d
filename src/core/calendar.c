#include "core/calendar.h"
#include "util/timeutil.h"

#include <string.h>

enum policy_day_kind cal_classify(int64_t day, bool in_term, const char *override)
{
	if (override && strcmp(override, "holiday") == 0)
		return POLICY_DAY_HOLIDAY;
	if (!in_term || (override && strcmp(override, "vacation") == 0))
		return POLICY_DAY_VACATION;
	if (override && strcmp(override, "makeup") == 0)
		return POLICY_DAY_SCHOOL; /* 调休: worked, so a school day */
	return date_weekday(day) >= 6 ? POLICY_DAY_WEEKEND : POLICY_DAY_SCHOOL;
}

const char *cal_kind_id(enum policy_day_kind k)
{
	static const char *const ids[] = { "school_day", "weekend", "holiday", "vacation" };

	return (k >= 0 && k < POLICY_DAY_KINDS) ? ids[k] : "";
}

const char *cal_kind_name(enum policy_day_kind k)
{
	static const char *const names[] = { "上课日", "周末", "法定节假日", "寒暑假" };

	return (k >= 0 && k < POLICY_DAY_KINDS) ? names[k] : "";
}
