/* afterschool.h - the after-school service plan rules (DOMAIN.md
 * "After-school service", seed 五(三)1, B14). Pure: the caller passes the
 * plan's slots and the school's grades; numbers come from the pack. */
#ifndef SJ_AFTERSCHOOL_H
#define SJ_AFTERSCHOOL_H

#include "policy/policy.h"

#include <stdbool.h>

enum as_slot_kind { AS_SLOT_REGULAR = 0, AS_SLOT_EXTENDED, AS_SLOT_EVENING, AS_SLOT_KINDS };

/* "regular" 课后服务, "extended" 延时托管, "evening" 晚自习 (NULL-terminated). */
extern const char *const as_slot_kind_ids[AS_SLOT_KINDS + 1];
const char *as_slot_kind_name(int k);

struct as_slot {
	int weekday;          /* 1 = Monday .. 7 = Sunday */
	int start, end;       /* minutes after midnight */
	enum as_slot_kind kind;
};

#define AS_MAX_SLOTS 64

struct as_verdict {
	const char *code;     /* NULL when the plan is allowed */
	char message[384];    /* 中文 */
	int weekday;          /* the day concerned, 0 for none */
	int slot;             /* index of the slot concerned, -1 for none */
	int value, limit;     /* the numbers: days found / needed, end / not before ... */
};

/* Check a term's plan, in this order:
 *   AS_SLOT_TIMES    a slot that does not end after it starts, or a weekday
 *                    outside 1..7 (bad input);
 *   AS_SLOT_OVERLAP  two slots of one day overlap (bad input);
 *   AS_EVENING_JUNIOR an evening slot in a school without a grade the pack
 *                    allows evening study for, or on a weekend day;
 *   AS_WEEKEND       more weekend days than the pack allows;
 *   AS_FIVE_DAYS     fewer school days (Mon-Fri) with regular service than
 *                    the pack asks;
 *   AS_END_TIME      a school day whose service (regular or extended) ends
 *                    before the pack's time (e.g. 17:30).
 * has_grade[g] says whether the school has grade g (1..9).
 * Returns 0 when allowed, 1 when refused (v filled). */
int as_plan_check(const struct policy *p, const bool has_grade[POLICY_MAX_GRADE + 1],
		  const struct as_slot *slots, int n, struct as_verdict *v);

#endif
