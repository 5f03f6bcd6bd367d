/* calendar.h - what kind of day a date is in the district's term calendar.
 *
 * Inside a term, Monday to Friday is a school day and Saturday and Sunday are
 * weekend days, unless the calendar says otherwise for that date: a public
 * holiday (法定节假日), a make-up working day (调休: a weekend day that is
 * worked, so a school day), or a vacation day (寒暑假). A date outside every
 * term is vacation. Pure: the caller passes what the store knows. */
#ifndef SJ_CALENDAR_H
#define SJ_CALENDAR_H

#include "policy/policy.h"

#include <stdbool.h>
#include <stdint.h>

/* override: NULL or "" for none, else "holiday", "makeup" or "vacation". */
enum policy_day_kind cal_classify(int64_t day, bool in_term, const char *override);

/* "school_day", "weekend", "holiday", "vacation" (the API's day_kind). */
const char *cal_kind_id(enum policy_day_kind k);
/* 上课日, 周末, 法定节假日, 寒暑假 */
const char *cal_kind_name(enum policy_day_kind k);

#endif
