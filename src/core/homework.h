/* homework.h - the homework rules (DOMAIN.md "Homework", seed 五(二), B8-B13).
 *
 * Pure functions of plain structs and the policy pack: no I/O, no clock.
 * Every refusal names its rule code (HW_SUBJECT_GRADE, HW_WRITTEN_G12, HW_PARENT,
 * HW_DAILY_LIMIT, HW_OFFDAY_LIMIT, HW_SELF_GRADING) and carries the numbers
 * the teacher needs to fix it. */
#ifndef SJ_HOMEWORK_H
#define SJ_HOMEWORK_H

#include "policy/policy.h"

#include <stdbool.h>

enum hw_kind {
	HW_KIND_WRITTEN = 0, /* 书面 */
	HW_KIND_READING,     /* 阅读 */
	HW_KIND_ORAL,        /* 口语交际 */
	HW_KIND_PRACTICE,    /* 实践 */
	HW_KIND_INQUIRY,     /* 探究 */
	HW_KIND_HANDCRAFT,   /* 手工 */
	HW_KINDS
};

enum hw_tier { HW_TIER_BASIC = 0, HW_TIER_ADVANCED, HW_TIER_OPTIONAL, HW_TIERS };
/* HW_DIFFICULTY: the teacher's declaration of an item's difficulty. standard
 * 课标内 (within the curriculum standard); extension 拓展/超纲 (beyond it:
 * only for the 提高 and 选做 tiers). */
enum hw_level { HW_LEVEL_STANDARD = 0, HW_LEVEL_EXTENSION, HW_LEVELS };
extern const char *const hw_level_ids[HW_LEVELS + 1]; /* "standard", "extension" */
int hw_level_parse(const char *s);  /* -1 when unknown; NULL is standard */
const char *hw_level_name(int l);   /* 课标内 拓展/超纲 */

/* The API's ids ("written" ... / "basic" ...) and their Chinese names. */
extern const char *const hw_kind_ids[HW_KINDS + 1];  /* NULL-terminated */
extern const char *const hw_tier_ids[HW_TIERS + 1];
int hw_kind_parse(const char *s);   /* -1 when unknown */
int hw_tier_parse(const char *s);
const char *hw_kind_name(int k);    /* 书面 ... */
const char *hw_tier_name(int t);    /* 基础 提高 选做 */

/* One item as the teacher enters it. */
struct hw_item {
	int grade;            /* 1..9 */
	enum hw_kind kind;
	enum hw_tier tier;
	int minutes;          /* expected minutes */
	const char *title, *content;
	const char *subject;  /* 语文 ...; NULL is not checked (HW_SUBJECT_GRADE) */
	enum hw_level level;  /* HW_DIFFICULTY */
};

/* The class-day the item is added to. */
struct hw_day {
	enum policy_day_kind kind;
	int written_minutes;  /* already counted that day (not this item) */
	int optional_minutes; /* optional written minutes that day (not this item) */
};

struct hw_verdict {
	const char *code;     /* NULL when allowed */
	char message[384];    /* 中文 */
	int limit_minutes, used_minutes, requested_minutes;
	char keyword[64];     /* HW_PARENT: the words found */
};

/* Does this item count toward the written limit?  Written, and not optional
 * unless the pack counts 选做 items (HW_OPTIONAL count_optional). */
bool hw_counts(const struct policy *p, enum hw_kind kind, enum hw_tier tier);
/* Is it optional written homework (选做, capped by HW_OPTIONAL)? */
bool hw_is_optional(enum hw_kind kind, enum hw_tier tier);

/* The written-homework cap for a grade on a kind of day, from the pack. */
int hw_limit(const struct policy *p, int grade, enum policy_day_kind kind);

/* The first HW_PARENT keyword found in text, or NULL. Traditional
 * characters, full-width letters, spaces and invisible characters in the text
 * do not hide a keyword (core/textnorm.h). */
const char *hw_parent_keyword(const struct policy *p, const char *text);

/* HW_OPTIONAL: the cap on a class-day's optional written minutes. */
int hw_optional_limit(const struct policy *p, int grade);

/* HW_SUBJECT_GRADE: the subject is taught in the grade, by the pack's table
 * of the curriculum (物理 from grade 8, 化学 in grade 9 ...). A subject the
 * table does not list is taught in no grade. */
bool hw_subject_in_grade(const struct policy *p, const char *subject, int grade);

/* Check one item against the rules, in this order: HW_SUBJECT_GRADE, HW_WRITTEN_G12,
 * HW_PARENT (title and content), HW_DIFFICULTY (an item declared 拓展/超纲
 * in the basic tier), HW_OPTIONAL (选做 written minutes of the
 * day over the pack's cap), then the day's limit, HW_DAILY_LIMIT on a
 * school day or HW_OFFDAY_LIMIT on a weekend, holiday or vacation day.
 * Returns 0 when allowed (v->code NULL), 1 when refused (v filled). */
int hw_check(const struct policy *p, const struct hw_day *day, const struct hw_item *it,
	     struct hw_verdict *v);

/* Grading methods: teacher (教师批改), face (面批), peer (同伴互批), group
 * (小组批改); "self" (学生自批自改) is refused with HW_SELF_GRADING. */
extern const char *const hw_grading_ids[]; /* NULL-terminated, "self" included */
const char *hw_grading_name(const char *id);
int hw_grading_check(const char *method, struct hw_verdict *v);

/* Reasons a child did not finish: too_much 太多, too_hard 太难, leave 请假, other 其他. */
extern const char *const hw_reason_ids[];
const char *hw_reason_name(const char *id);

/* The reported average (B10.2): shown only when at least min_families
 * reported. *avg is the rounded mean; returns true when it may be shown. */
/* part / whole as a whole percent, rounded half up (2 of 3 -> 67, 1 of 3 ->
 * 33, 1 of 200 -> 1 (0.5 up), 0 of 0 -> 0): grading coverage and the like. */
int hw_percent(long part, long whole);
bool hw_reported_average(const struct policy *p, long families, long minutes_sum, int *avg);

/* B10 measures the average completion time: a class-day is flagged
 * (HW_DAILY_LIMIT / HW_OFFDAY_LIMIT on reported time) when its average may
 * be shown and passes the day's written limit. Grades with no written
 * homework (limit 0) are not measured this way. */
bool hw_reported_over(const struct policy *p, int grade, enum policy_day_kind kind,
		      long families, long minutes_sum);

/* The days a parent may report actual time for (B10.2): from term_starts,
 * the first day of the term in force today (the latest term that started
 * on or before today; "" or NULL when none has), up to today, both
 * included; dates are YYYY-MM-DD. Refuses a later day with HW_REPORT_FUTURE
 * and an earlier one, or any day when no term has started, with
 * HW_REPORT_DATE. Returns 0 when allowed (v->code NULL), 1 when refused. */
int hw_report_date_check(const char *day, const char *today, const char *term_starts,
			 struct hw_verdict *v);

/* HW_NONCOMPLETION: a follow-up is due when unfinished days within the
 * window reach the count. */
bool hw_followup_due(const struct policy *p, int unfinished_in_window);

#endif
