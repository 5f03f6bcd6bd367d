/* app_as.h - after-school service use cases (issue 5; DOMAIN.md
 * "After-school service"). So far: each school's term plan of service
 * slots, checked against the pack (core/afterschool.h). */
#ifndef SJ_APP_AS_H
#define SJ_APP_AS_H

#include "app/app.h"

/* The principal or academic office of the school (or the district admin)
 * sets a term's plan: body {"term_id", "slots":[{"weekday":1-7,
 * "start":"HH:MM", "end":"HH:MM", "kind":"regular"|"extended"|"evening"}]}.
 * 201 with the plan; 422 with the AS_ rule code (AS_FIVE_DAYS, AS_END_TIME,
 * AS_EVENING_JUNIOR, AS_WEEKEND, AS_SLOT_TIMES, AS_SLOT_OVERLAP) and
 * details {rule, weekday, slot, value, limit, clause}; nothing stored then.
 * A new plan supersedes the term's current one (version + 1). Audited. */
int app_as_plan_set(struct app *a, const struct actor *who, int64_t school_id, json_t *body,
		    json_t **out, struct app_err *e);
/* The current plan of a school's term ({"plan": null} when none). */
int app_as_plan_get(struct app *a, const struct actor *who, int64_t school_id,
		    const char *term_id, json_t **out, struct app_err *e);

#endif
