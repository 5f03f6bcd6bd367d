#include "core/homework.h"
#include "core/calendar.h"
#include "core/textnorm.h"

#include <stdio.h>
#include <string.h>

const char *const hw_kind_ids[HW_KINDS + 1] = { "written", "reading", "oral", "practice",
						"inquiry", "handcraft", NULL };
static const char *const kind_names[HW_KINDS] = { "书面", "阅读", "口语交际", "实践", "探究",
						  "手工" };
const char *const hw_tier_ids[HW_TIERS + 1] = { "basic", "advanced", "optional", NULL };
static const char *const tier_names[HW_TIERS] = { "基础", "提高", "选做" };

const char *const hw_level_ids[HW_LEVELS + 1] = { "standard", "extension", NULL };
static const char *const level_names[HW_LEVELS] = { "课标内", "拓展/超纲" };

static int index_of(const char *const *ids, const char *s)
{
	for (int i = 0; s && ids[i]; i++)
		if (strcmp(ids[i], s) == 0)
			return i;
	return -1;
}

int hw_kind_parse(const char *s)
{
	return index_of(hw_kind_ids, s);
}

int hw_tier_parse(const char *s)
{
	return index_of(hw_tier_ids, s);
}

int hw_level_parse(const char *s)
{
	return s ? index_of(hw_level_ids, s) : HW_LEVEL_STANDARD;
}

const char *hw_level_name(int l)
{
	return l >= 0 && l < HW_LEVELS ? level_names[l] : "";
}

const char *hw_kind_name(int k)
{
	return k >= 0 && k < HW_KINDS ? kind_names[k] : "";
}

const char *hw_tier_name(int t)
{
	return t >= 0 && t < HW_TIERS ? tier_names[t] : "";
}

bool hw_is_optional(enum hw_kind kind, enum hw_tier tier)
{
	return kind == HW_KIND_WRITTEN && tier == HW_TIER_OPTIONAL;
}

bool hw_counts(const struct policy *p, enum hw_kind kind, enum hw_tier tier)
{
	return kind == HW_KIND_WRITTEN && (tier != HW_TIER_OPTIONAL || p->hw_count_optional);
}

int hw_optional_limit(const struct policy *p, int grade)
{
	return grade >= 1 && grade <= POLICY_MAX_GRADE ? p->hw_optional_limit[grade] : 0;
}

int hw_limit(const struct policy *p, int grade, enum policy_day_kind kind)
{
	if (grade < 1 || grade > POLICY_MAX_GRADE || kind < 0 || kind >= POLICY_DAY_KINDS)
		return 0;
	return p->hw_limit[kind][grade];
}

/* HW_PARENT: 五(二)2-3, B9.4. Matched on the folded text (textnorm.h), so
 * traditional characters, full-width letters and characters slipped between
 * the words do not hide them. */
const char *hw_parent_keyword(const struct policy *p, const char *text)
{
	for (int i = 0; text && i < p->hw_parent_nkeywords; i++)
		if (tnorm_find(text, p->hw_parent_keywords[i]))
			return p->hw_parent_keywords[i];
	return NULL;
}

static const struct policy_subject *subject_of(const struct policy *p, const char *subject)
{
	for (int i = 0; subject && i < p->hw_nsubjects; i++)
		if (!strcmp(p->hw_subjects[i].name, subject))
			return &p->hw_subjects[i];
	return NULL;
}

bool hw_subject_in_grade(const struct policy *p, const char *subject, int grade)
{
	const struct policy_subject *s = subject_of(p, subject);

	return s && grade >= s->grade_lo && grade <= s->grade_hi;
}

/* HW_SUBJECT_GRADE: 五(二)2, B3.1 - homework for a course the class has. */
static int subject_verdict(const struct policy *p, const struct hw_item *it,
			   struct hw_verdict *v)
{
	const struct policy_subject *s = subject_of(p, it->subject);

	if (!it->subject || hw_subject_in_grade(p, it->subject, it->grade))
		return 0;
	v->code = "HW_SUBJECT_GRADE";
	if (!s)
		snprintf(v->message, sizeof v->message, "%s不在本区的课程方案中，不能布置作业",
			 it->subject);
	else if (s->grade_lo == s->grade_hi)
		snprintf(v->message, sizeof v->message,
			 "%d 年级没有%s课：%s只在 %d 年级开设，不能布置%s作业", it->grade,
			 it->subject, it->subject, s->grade_lo, it->subject);
	else
		snprintf(v->message, sizeof v->message,
			 "%d 年级没有%s课：%s在 %d 至 %d 年级开设，不能布置%s作业", it->grade,
			 it->subject, it->subject, s->grade_lo, s->grade_hi, it->subject);
	return 1;
}

int hw_check(const struct policy *p, const struct hw_day *day, const struct hw_item *it,
	     struct hw_verdict *v)
{
	const char *kw;
	int limit;

	memset(v, 0, sizeof *v);
	v->requested_minutes = it->minutes;
	v->used_minutes = day->written_minutes;
	v->limit_minutes = limit = hw_limit(p, it->grade, day->kind);
	if (subject_verdict(p, it, v))
		return 1;
	if (it->kind == HW_KIND_WRITTEN && it->grade >= 1 && it->grade <= POLICY_MAX_GRADE &&
	    p->hw_written_forbidden[it->grade]) {
		v->code = "HW_WRITTEN_G12";
		snprintf(v->message, sizeof v->message,
			 "%d 年级不布置书面家庭作业，可布置阅读、口语交际、探究、手工、实践类作业",
			 it->grade);
		return 1;
	}
	kw = hw_parent_keyword(p, it->title);
	if (!kw)
		kw = hw_parent_keyword(p, it->content);
	if (kw) {
		v->code = "HW_PARENT";
		snprintf(v->keyword, sizeof v->keyword, "%s", kw);
		snprintf(v->message, sizeof v->message,
			 "作业内容含“%s”：不得布置需要家长完成、协助、检查或签字的作业", kw);
		return 1;
	}
	/* HW_DIFFICULTY: 五(二)2, B9.1 - what every child must do stays within
	 * the curriculum standard; work beyond it is for the 提高 / 选做 tiers */
	if (it->level == HW_LEVEL_EXTENSION && it->tier == HW_TIER_BASIC) {
		v->code = "HW_DIFFICULTY";
		snprintf(v->message, sizeof v->message,
			 "基础作业须在课程标准（课标）范围内：标为“拓展/超纲”的内容只能作为提高或"
			 "选做作业布置");
		return 1;
	}
	/* HW_OPTIONAL: 五(二)2, 五(四)5 - 选做 is not a way round the limit */
	if (hw_is_optional(it->kind, it->tier) &&
	    day->optional_minutes + it->minutes > hw_optional_limit(p, it->grade)) {
		v->code = "HW_OPTIONAL";
		v->limit_minutes = hw_optional_limit(p, it->grade);
		v->used_minutes = day->optional_minutes;
		snprintf(v->message, sizeof v->message,
			 "选做书面作业每天最多 %d 分钟：已布置选做 %d 分钟，本次 %d 分钟，将达到 %d 分钟",
			 v->limit_minutes, day->optional_minutes, it->minutes,
			 day->optional_minutes + it->minutes);
		return 1;
	}
	if (!hw_counts(p, it->kind, it->tier) || day->written_minutes + it->minutes <= limit)
		return 0;
	v->code = day->kind == POLICY_DAY_SCHOOL ? "HW_DAILY_LIMIT" : "HW_OFFDAY_LIMIT";
	snprintf(v->message, sizeof v->message,
		 "%s书面作业总量上限 %d 分钟：已布置 %d 分钟，本次 %d 分钟，将达到 %d 分钟",
		 cal_kind_name(day->kind), limit, day->written_minutes, it->minutes,
		 day->written_minutes + it->minutes);
	return 1;
}

/* "self" last: it is listed so the API can name it, and refused. */
const char *const hw_grading_ids[] = { "teacher", "face", "peer", "group", "self", NULL };
static const char *const grading_names[] = { "教师批改", "面批", "同伴互批", "小组批改",
					     "学生自批自改" };

const char *hw_grading_name(const char *id)
{
	int i = index_of(hw_grading_ids, id);

	return i < 0 ? "" : grading_names[i];
}

int hw_grading_check(const char *method, struct hw_verdict *v)
{
	memset(v, 0, sizeof *v);
	if (method && strcmp(method, "self") == 0) {
		v->code = "HW_SELF_GRADING";
		snprintf(v->message, sizeof v->message,
			 "作业以教师批改为主，不得要求学生自批自改作业");
		return 1;
	}
	return 0;
}

const char *const hw_reason_ids[] = { "too_much", "too_hard", "leave", "other", NULL };
static const char *const reason_names[] = { "太多", "太难", "请假", "其他" };

const char *hw_reason_name(const char *id)
{
	int i = index_of(hw_reason_ids, id);

	return i < 0 ? "" : reason_names[i];
}

bool hw_reported_average(const struct policy *p, long families, long minutes_sum, int *avg)
{
	*avg = families > 0 ? (int)((minutes_sum + families / 2) / families) : 0;
	return families > 0 && families >= p->hw_report_min_families;
}

bool hw_reported_over(const struct policy *p, int grade, enum policy_day_kind kind,
		      long families, long minutes_sum)
{
	int avg, limit = hw_limit(p, grade, kind);

	return hw_reported_average(p, families, minutes_sum, &avg) && limit > 0 && avg > limit;
}

bool hw_followup_due(const struct policy *p, int unfinished_in_window)
{
	return p->hw_noncompletion_count > 0 && unfinished_in_window >= p->hw_noncompletion_count;
}

/* B10.2: reported time measures the term's homework; a day outside it
 * (2020-01-01, last term, tomorrow) would skew the averages and follow-ups. */
int hw_report_date_check(const char *day, const char *today, const char *term_starts,
			 struct hw_verdict *v)
{
	memset(v, 0, sizeof *v);
	if (strcmp(day, today) > 0) {
		v->code = "HW_REPORT_FUTURE";
		snprintf(v->message, sizeof v->message, "不能报告 %s 以后的日期", today);
		return 1;
	}
	if (!term_starts || !*term_starts) {
		v->code = "HW_REPORT_DATE";
		snprintf(v->message, sizeof v->message, "校历中还没有已开始的学期，暂不能报告作业用时");
		return 1;
	}
	if (strcmp(day, term_starts) < 0) {
		v->code = "HW_REPORT_DATE";
		snprintf(v->message, sizeof v->message,
			 "只能报告本学期（%s 开学）至今天（%s）的作业用时", term_starts, today);
		return 1;
	}
	return 0;
}

int hw_percent(long part, long whole)
{
	if (whole <= 0 || part <= 0)
		return 0;
	return (int)((part * 200 + whole) / (whole * 2));
}
