#include "core/institution.h"

#include <stdio.h>
#include <string.h>

const char *const ti_category_ids[] = { "subject", "sports", "arts", "science", "other", NULL };
static const char *const category_names[] = { "学科类", "体育", "文化艺术", "科技", "其他" };
const char *const ti_serves_ids[] = { "preschool", "primary", "junior", "senior", NULL };
static const char *const serves_names[] = { "学龄前", "小学", "初中", "高中" };
const char *const ti_status_ids[] = { "pending", "approved", "refused", "revoked", "unlicensed",
				      NULL };
static const char *const status_names[] = { "待审批", "已审批", "未通过", "已吊销", "无证经营" };
const char *const ti_qualification_ids[] = { "teacher", "skill", "none", NULL };
static const char *const qualification_names[] = { "教师资格证", "专业技能证书", "无" };

static const char *name_of(const char *const *ids, const char *const *names, const char *id)
{
	for (int i = 0; id && ids[i]; i++)
		if (strcmp(ids[i], id) == 0)
			return names[i];
	return "";
}

const char *ti_category_name(const char *id)
{
	return name_of(ti_category_ids, category_names, id);
}

const char *ti_serves_name(const char *id)
{
	return name_of(ti_serves_ids, serves_names, id);
}

const char *ti_status_name(const char *id)
{
	return name_of(ti_status_ids, status_names, id);
}

const char *ti_qualification_name(const char *id)
{
	return name_of(ti_qualification_ids, qualification_names, id);
}

/* GB 32100-2015: 31 characters, no I, O, S, V, Z. */
static const char credit_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int credit_weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

static int credit_value(char ch)
{
	const char *p = ch ? strchr(credit_alphabet, ch) : NULL;

	return p ? (int)(p - credit_alphabet) : -1;
}

char ti_credit_check_char(const char *s17)
{
	int sum = 0;

	for (int i = 0; i < 17; i++) {
		int v = credit_value(s17[i]);

		if (v < 0)
			return 0;
		sum += v * credit_weights[i];
	}
	/* TI_CREDIT_CODE: check = 31 - sum mod 31, and 31 counts as 0 */
	return credit_alphabet[(31 - sum % 31) % 31];
}

int ti_credit_code_valid(const char *s)
{
	char want;

	if (!s || strlen(s) != TI_CREDIT_LEN)
		return 0;
	want = ti_credit_check_char(s);
	return want != 0 && s[17] == want;
}

static int refuse(struct ti_verdict *v, const char *code, int course, const char *msg)
{
	v->code = code;
	v->course = course;
	snprintf(v->message, sizeof v->message, "%s", msg);
	return 1;
}

static int is_subject(const char *category)
{
	return category && strcmp(category, "subject") == 0;
}

/* TI_PRESCHOOL: 五(一)1, the institution or any course faces preschool children. */
static int check_preschool(const struct ti_application *app, struct ti_verdict *v)
{
	if (app->serves[0])
		return refuse(v, "TI_PRESCHOOL", -1,
			      "不再审批新的面向学龄前儿童的校外培训机构，服务对象不能包含学龄前儿童");
	for (int i = 0; i < app->ncourses; i++)
		if (app->courses[i].grade_lo == 0)
			return refuse(v, "TI_PRESCHOOL", i,
				      "不再审批新的面向学龄前儿童的校外培训机构，课程年级不能包含学龄前");
	return 0;
}

/* TI_SUBJECT: 五(一)1, subject-type teaching for grades 1-9. */
static int check_subject(const struct ti_application *app, struct ti_verdict *v)
{
	if (is_subject(app->category) && (app->serves[1] || app->serves[2]))
		return refuse(v, "TI_SUBJECT", -1,
			      "不再审批新的面向义务教育阶段学生（小学、初中）的学科类校外培训机构");
	for (int i = 0; i < app->ncourses; i++) {
		const struct ti_course *c = &app->courses[i];

		if (is_subject(c->category) && c->grade_lo <= 9 && c->grade_hi >= 1)
			return refuse(v, "TI_SUBJECT", i,
				      "学科类课程不能面向一至九年级学生");
	}
	return 0;
}

/* TI_CATEGORY: 五(一)1, a subject-type course in a non-subject institution. */
static int check_category(const struct ti_application *app, struct ti_verdict *v)
{
	if (is_subject(app->category))
		return 0;
	for (int i = 0; i < app->ncourses; i++)
		if (is_subject(app->courses[i].category))
			return refuse(v, "TI_CATEGORY", i,
				      "非学科类培训机构不能开设学科类课程");
	return 0;
}

int ti_application_check(const struct ti_application *app, struct ti_verdict *v)
{
	memset(v, 0, sizeof *v);
	v->course = -1;
	return check_preschool(app, v) || check_subject(app, v) || check_category(app, v);
}

int ti_prepay_check(const struct policy *p, const struct ti_course *c, struct ti_verdict *v)
{
	char msg[256];

	memset(v, 0, sizeof *v);
	v->course = -1;
	/* TI_PREPAY_CAP: 五(一)2, one charge covers at most months / lessons / amount */
	if (c->months > p->ti_prepay_months)
		snprintf(msg, sizeof msg, "一次收费覆盖 %d 个月，超过 %d 个月的上限", c->months,
			 p->ti_prepay_months);
	else if (c->lessons > p->ti_prepay_lessons)
		snprintf(msg, sizeof msg, "一次收费覆盖 %d 课时，超过 %d 课时的上限", c->lessons,
			 p->ti_prepay_lessons);
	else if (c->fee_fen > p->ti_prepay_fen)
		snprintf(msg, sizeof msg, "一次收费 %ld.%02ld 元，超过 %ld 元的上限", c->fee_fen / 100,
			 c->fee_fen % 100, p->ti_prepay_fen / 100);
	else
		return 0;
	return refuse(v, "TI_PREPAY_CAP", -1, msg);
}
