#include "core/exam.h"
#include "core/curriculum.h"

#include <stdio.h>
#include <string.h>

static const char *const kind_names[] = { "期末考试", "期中考试", "单元考试", "月考" };
const char *const ex_form_ids[] = { "paper", "non_paper", NULL };
static const char *const form_names[] = { "纸笔考试", "非纸笔测评" };

static int index_of(const char *const *ids, const char *id)
{
	for (int i = 0; id && ids[i]; i++)
		if (!strcmp(ids[i], id))
			return i;
	return -1;
}

const char *ex_kind_name(const char *id)
{
	int i = index_of(policy_exam_kinds, id);

	return i < 0 ? "" : kind_names[i];
}

const char *ex_form_name(const char *id)
{
	int i = index_of(ex_form_ids, id);

	return i < 0 ? "" : form_names[i];
}

static bool forbidden(const struct policy *p, const char *kind)
{
	for (int i = 0; i < p->ex_nforbidden_kinds; i++)
		if (!strcmp(p->ex_forbidden_kinds[i], kind))
			return true;
	return false;
}

int ex_kind_allowance(const struct policy *p, int grade, const char *kind)
{
	if (grade < 1 || grade > POLICY_MAX_GRADE)
		return 0;
	if (!strcmp(kind, "final"))
		return p->ex_finals_per_term;
	if (!strcmp(kind, "midterm"))
		return p->ex_midterms_per_term[grade];
	return forbidden(p, kind) ? 0 : -1;
}

static int refuse(struct ex_verdict *v, const char *code, int value, int limit)
{
	v->code = code;
	v->value = value;
	v->limit = limit;
	return 1;
}

int ex_plan_check(const struct policy *p, const struct ex_plan *x, struct ex_verdict *v)
{
	const char *kn = ex_kind_name(x->kind);
	int allowed = ex_kind_allowance(p, x->grade, x->kind);

	memset(v, 0, sizeof *v);
	/* EX_DATE_OUTSIDE_TERM: YYYY-MM-DD strings order as the dates do */
	if (strcmp(x->date, x->term_starts) < 0 || strcmp(x->date, x->term_ends) > 0) {
		snprintf(v->message, sizeof v->message, "考试日期 %s 不在本学期（%s 至 %s）内",
			 x->date, x->term_starts, x->term_ends);
		return refuse(v, "EX_DATE_OUTSIDE_TERM", 0, 0);
	}
	/* EX_FORBIDDEN_KIND: 五(四)4 严控考试次数 */
	if (strcmp(x->kind, "final") && strcmp(x->kind, "midterm") && forbidden(p, x->kind)) {
		snprintf(v->message, sizeof v->message,
			 "不得组织%s：每学期只安排期末考试（初中可加一次期中考试）", kn);
		return refuse(v, "EX_FORBIDDEN_KIND", 1, 0);
	}
	/* EX_G12_PAPER: 五(四)4 小学一、二年级不进行纸笔考试 */
	if (!strcmp(x->form, "paper") && x->grade >= 1 && x->grade <= POLICY_MAX_GRADE &&
	    p->ex_paper_forbidden[x->grade]) {
		snprintf(v->message, sizeof v->message,
			 "%d 年级不进行纸笔考试，可安排非纸笔测评", x->grade);
		return refuse(v, "EX_G12_PAPER", 1, 0);
	}
	if (allowed < 0 || x->same_kind < allowed)
		return 0;
	if (!strcmp(x->kind, "final")) {
		/* EX_FINAL_ONCE: 五(四)4; B13.1 每学期组织一次期末考试 */
		snprintf(v->message, sizeof v->message,
			 "%d 年级本学期已安排 %d 次期末考试，每学期只组织 %d 次", x->grade,
			 x->same_kind, allowed);
		return refuse(v, "EX_FINAL_ONCE", x->same_kind + 1, allowed);
	}
	/* EX_MIDTERM: 五(四)4 初中可适当安排一次期中考试 */
	if (allowed == 0)
		snprintf(v->message, sizeof v->message, "%d 年级不安排期中考试（只有初中可安排）",
			 x->grade);
	else
		snprintf(v->message, sizeof v->message,
			 "%d 年级本学期已安排 %d 次期中考试，至多 %d 次", x->grade, x->same_kind,
			 allowed);
	return refuse(v, "EX_MIDTERM", x->same_kind + 1, allowed);
}

static const struct {
	const char *subject;
	int lo, hi;
} grade_subjects[] = {
	{ "英语", 3, 9 }, { "历史", 7, 9 }, { "地理", 7, 9 },
	{ "生物", 7, 9 }, { "物理", 8, 9 }, { "化学", 9, 9 },
};

bool ex_subject_in_grade(const char *subject, int grade)
{
	if (!subject_ok(subject) || grade < 1 || grade > POLICY_MAX_GRADE)
		return false;
	for (size_t i = 0; i < sizeof grade_subjects / sizeof grade_subjects[0]; i++)
		if (!strcmp(grade_subjects[i].subject, subject))
			return grade >= grade_subjects[i].lo && grade <= grade_subjects[i].hi;
	return true;
}

int ex_level_index(const struct policy *p, const char *level)
{
	for (int i = 0; level && i < p->ex_nlevels; i++)
		if (!strcmp(p->ex_levels[i], level))
			return i;
	return -1;
}
