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

/* Check a term's plan against the school's dismissal times (放学时间:
 * dismissal[1..7], minutes after midnight, -1 where not set), in this order:
 *   AS_SLOT_TIMES    a slot that does not end after it starts, or a weekday
 *                    outside 1..7 (bad input);
 *   AS_SLOT_OVERLAP  two slots of one day overlap (bad input);
 *   AS_EVENING_JUNIOR an evening slot in a school without a grade the pack
 *                    allows evening study for, or on a weekend day;
 *   AS_WEEKEND       more weekend days than the pack allows;
 *   AS_FIVE_DAYS     fewer school days (Mon-Fri) with regular service than
 *                    the pack asks;
 *   AS_END_TIME      a school day whose regular service ends before the
 *                    pack's time (e.g. 17:30); extended care (延时托管) is
 *                    added after it for some children and does not count;
 *   AS_COVERAGE      a school day with regular service whose dismissal time
 *                    is not set, whose regular service starts more than the
 *                    pack's allowed gap after dismissal, or has a break
 *                    longer than that gap between its slots (value = the
 *                    gap, limit = the allowed gap).
 * has_grade[g] says whether the school has grade g (1..9).
 * Returns 0 when allowed, 1 when refused (v filled). */
int as_plan_check(const struct policy *p, const bool has_grade[POLICY_MAX_GRADE + 1],
		  const int dismissal[8], const struct as_slot *slots, int n,
		  struct as_verdict *v);

/* ---- the menu (菜单式) ---- */

/* Categories: homework 作业辅导, qa 答疑辅导, science 科普, sports 体育, arts
 * 艺术, labour 劳动, reading 阅读, interest 兴趣小组, club 社团. */
extern const char *const as_category_ids[];
const char *as_category_name(const char *id);
/* Staff types: teacher 本校教师, retired 退休教师, professional 社会专业人员,
 * volunteer 志愿者. */
extern const char *const as_staff_type_ids[];
const char *as_staff_type_name(const char *id);

struct as_staff {
	const char *type;       /* one of as_staff_type_ids */
	const char *vetting;    /* 资质与审查 record (document number), "" when none */
	const char *vetted_on;  /* YYYY-MM-DD, "" when none */
};

/* AS_STAFF_VETTING: anyone but the school's own teachers needs a recorded
 * vetting with a date not after today. AS_FEES: a fee needs the document
 * that approved it. Returns 0 allowed, 1 refused (v->slot = the staff index). */
int as_program_check(long fee_fen, const char *fee_doc, const struct as_staff *staff, int n,
		     const char *today, struct as_verdict *v);

/* AS_NO_NEW_LESSON: the first of the pack's words (讲授新课, 新授 …) found
 * in a session's recorded content, or NULL, however the content writes it
 * (traditional, full-width, spaced: core/textnorm.h). A hit flags the session for
 * review; the teacher's declaration that no new lesson was taught is kept
 * beside it. */
const char *as_new_lesson_keyword(const struct policy *p, const char *content);

/* AS_VENUE_CHECK: the state of a venue used by a term's programs, from its
 * latest safety check up to today (last_day "" = never checked, its result
 * last_passed) and its latest passed check (last_passed_day, "" = none):
 * NEVER, FAILED (the latest check found a problem), STALE (the latest pass
 * is more than max_days before today) or OK. */
enum as_venue_state { AS_VENUE_OK = 0, AS_VENUE_STALE, AS_VENUE_FAILED, AS_VENUE_NEVER };
enum as_venue_state as_venue_check(const char *today, const char *last_day, int last_passed,
				   const char *last_passed_day, int max_days);
extern const char *const as_venue_state_ids[]; /* "ok", "stale", "failed", "never" */

/* ---- allocation: first choices first, capacity respected, a waitlist ---- */

#define AS_MAX_CHOICES 3

struct as_app {
	int choice[AS_MAX_CHOICES]; /* program indexes in order of preference, -1 = none */
	int admitted;              /* out: program index, or -1 */
	int waitlisted;            /* out: program index (the first choice), or -1 */
	int position;              /* out: 1-based place on that waitlist */
};

/* Allocate apps (in the order they applied) to programs with capacity[i]
 * free places: round r gives every unplaced application its r-th choice
 * while places last; the rest wait on their first choice, in order. */
void as_allocate(struct as_app *apps, int napps, const int *capacity, int nprograms);

#endif
