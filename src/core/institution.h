/* institution.h - the rules of the off-campus training institution registry
 * (DOMAIN.md "Off-campus training institutions", seed 五(一)1-2). Pure: the
 * caller passes the application and the pack; nothing here reads the clock.
 *
 * Codes:
 *   TI_CREDIT_CODE  the unified social credit code is not 18 characters of
 *                   GB 32100's alphabet with the right check character;
 *   TI_PRESCHOOL    五(一)1 "不再审批新的面向学龄前儿童的校外培训机构": an
 *                   application that serves preschool children (学龄前) — by
 *                   its serves list or by a course whose grades include 0 —
 *                   is refused whatever its category. The clause stops new
 *                   approvals for institutions facing preschool children, not
 *                   only subject teaching for them, so sports or arts classes
 *                   for preschoolers are refused too;
 *   TI_SUBJECT      五(一)1 "不再审批新的面向中小学生的学科类校外培训机构": a
 *                   subject-type (学科类) institution serving 小学 or 初中, or a
 *                   subject-type course for any of grades 1-9. Subject-type
 *                   teaching for 高中 only is not stopped by the clause and
 *                   goes to review;
 *   TI_CATEGORY     五(一)1: a subject-type course in a non-subject
 *                   institution (变相学科类培训);
 *   TI_PREPAY_CAP   a course charged for more than the pack's months,
 *                   lessons or amount in one charge: a warning, the course
 *                   is stored with a flag the bureau sees.
 * The first three refuse the whole application; the order above is the
 * order of the checks. */
#ifndef SJ_INSTITUTION_H
#define SJ_INSTITUTION_H

#include "policy/policy.h"

#include <stdbool.h>

#define TI_CREDIT_LEN 18
#define TI_MAX_GRADE 12 /* grades 0 (学龄前) .. 12 (高三) */

/* Categories: subject 学科类, sports 体育, arts 文化艺术, science 科技, other
 * 其他 (NULL-terminated, for JF_ENUM). */
extern const char *const ti_category_ids[];
const char *ti_category_name(const char *id); /* "" when unknown */
/* Who an institution serves: preschool 学龄前, primary 小学, junior 初中,
 * senior 高中 (NULL-terminated). */
extern const char *const ti_serves_ids[];
const char *ti_serves_name(const char *id);
/* Statuses: pending 待审批, approved 已审批, refused 未通过, revoked 已吊销,
 * unlicensed 无证经营 (NULL-terminated). */
extern const char *const ti_status_ids[];
const char *ti_status_name(const char *id);
/* Staff qualifications: teacher 教师资格证, skill 专业技能证书, none 无. */
extern const char *const ti_qualification_ids[];
const char *ti_qualification_name(const char *id);

/* 1 when s is a valid unified social credit code (GB 32100-2015): 18
 * characters from 0-9 and A-Z without I, O, S, V, Z (upper case only), the
 * last one the check character of the first 17 (weights 3^i mod 31). The
 * organisation code inside it (characters 9-17) is not checked separately. */
int ti_credit_code_valid(const char *s);
/* The check character for the first 17 characters of s, or 0 when one of
 * them is outside the alphabet. */
char ti_credit_check_char(const char *s17);

struct ti_course {
	const char *category;  /* one of ti_category_ids */
	int grade_lo, grade_hi; /* 0..12 */
	long fee_fen;
	int lessons, months;
};

struct ti_application {
	const char *category;
	bool serves[4]; /* preschool, primary, junior, senior */
	const struct ti_course *courses;
	int ncourses;
};

struct ti_verdict {
	const char *code; /* NULL when allowed */
	int course;       /* index of the course concerned, -1 for the institution */
	char message[256];
};

/* TI_PRESCHOOL, TI_SUBJECT, TI_CATEGORY in that order: 0 allowed, 1 refused. */
int ti_application_check(const struct ti_application *app, struct ti_verdict *v);

/* TI_PREPAY_CAP for one course: 0 within the cap, 1 above it (v filled with
 * the first number passed). Equal to a limit is within it. */
int ti_prepay_check(const struct policy *p, const struct ti_course *c, struct ti_verdict *v);

#endif
