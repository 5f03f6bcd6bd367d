/* exam.h - the rules of a school's exams (DOMAIN.md "Exams", seed 五(四)4,
 * B13.1). Pure: the caller passes the plan, the term's dates and how many
 * plans of the kind the grade already has; nothing here reads the clock.
 *
 * Codes, checked in this order:
 *   EX_DATE_OUTSIDE_TERM  the exam date is not inside the term (its first
 *                         and last day are inside);
 *   EX_FORBIDDEN_KIND     a kind the pack forbids outright (unit 单元考试,
 *                         monthly 月考: 严控考试次数);
 *   EX_G12_PAPER          a paper-and-pencil exam in a grade of the pack's
 *                         bands (grades 1-2: 不进行纸笔考试);
 *   EX_FINAL_ONCE         a final beyond the pack's per_term for the grade;
 *   EX_MIDTERM            a midterm beyond the grade's allowance (the pack's
 *                         per_term in its bands, junior high; 0 elsewhere).
 * Results are levels (EX_NO_RANKING): ex_level_index says whether a level is
 * one of the pack's. */
#ifndef SJ_EXAM_H
#define SJ_EXAM_H

#include "policy/policy.h"

#include <stdbool.h>

/* Kinds (policy_exam_kinds): final, midterm, unit, monthly. */
const char *ex_kind_name(const char *id); /* 期末考试 ...; "" when unknown */
/* Forms: paper 纸笔考试, non_paper 非纸笔测评 (NULL-terminated). */
extern const char *const ex_form_ids[];
const char *ex_form_name(const char *id);

struct ex_plan {
	int grade;               /* 1..9 */
	const char *kind, *form; /* ids as above */
	const char *date;        /* YYYY-MM-DD */
	const char *term_starts, *term_ends;
	int same_kind;           /* plans of this kind the grade has in the term */
};

struct ex_verdict {
	const char *code; /* NULL when within the rules */
	int value, limit; /* counts for EX_FINAL_ONCE / EX_MIDTERM */
	char message[256];
};

/* 0 within the rules, 1 refused (v filled). */
int ex_plan_check(const struct policy *p, const struct ex_plan *x, struct ex_verdict *v);

/* How many plans of kind the grade may have in a term: per_term for final,
 * the grade's allowance for midterm, 0 for a forbidden kind, -1 for no
 * limit (a kind the pack does not forbid). */
int ex_kind_allowance(const struct policy *p, int grade, const char *kind);

/* 1 when subject is a curriculum subject (core/curriculum.h) taught in the
 * grade: English from grade 3, history, geography and biology in 7-9,
 * physics in 8-9, chemistry in 9 (义务教育课程方案 2022). */
bool ex_subject_in_grade(const char *subject, int grade);

/* Index of level in the pack's EX_NO_RANKING levels (0 is the best), or -1. */
int ex_level_index(const struct policy *p, const char *level);

#endif
