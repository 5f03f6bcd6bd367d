#include "core/afterschool.h"
#include "core/textnorm.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

const char *const as_slot_kind_ids[AS_SLOT_KINDS + 1] = { "regular", "extended", "evening", NULL };
static const char *const kind_names[AS_SLOT_KINDS] = { "课后服务", "延时托管", "晚自习" };
static const char *const day_names[8] = { "", "周一", "周二", "周三", "周四", "周五", "周六",
					   "周日" };

const char *as_slot_kind_name(int k)
{
	return k >= 0 && k < AS_SLOT_KINDS ? kind_names[k] : "";
}

static int refuse(struct as_verdict *v, const char *code, int weekday, int slot, int value,
		  int limit)
{
	v->code = code;
	v->weekday = weekday;
	v->slot = slot;
	v->value = value;
	v->limit = limit;
	return 1;
}

/* AS_COVERAGE (五(三)1, B14.3): the regular service of school day d starts
 * when school lets out and runs without a real break. Slots are taken in
 * order of start; `reach` is how far the service has run so far. */
static int coverage_check(const struct policy *p, const int dismissal[8], int d,
			  const struct as_slot *slots, int n, struct as_verdict *v)
{
	int reach = dismissal[d], gap, next;
	char a[8], b[8];

	if (reach < 0) {
		refuse(v, "AS_COVERAGE", d, -1, 0, p->as_max_gap_min);
		snprintf(v->message, sizeof v->message,
			 "请先在课后服务设置中填写%s的放学时间：课后服务从放学时开始", day_names[d]);
		return 1;
	}
	for (;;) {
		next = -1;
		for (int i = 0; i < n; i++)
			if (slots[i].weekday == d && slots[i].kind == AS_SLOT_REGULAR &&
			    slots[i].end > reach && (next < 0 || slots[i].start < slots[next].start))
				next = i;
		if (next < 0)
			return 0;
		gap = slots[next].start - reach;
		if (gap > p->as_max_gap_min) {
			hhmm_format(reach, a);
			hhmm_format(slots[next].start, b);
			refuse(v, "AS_COVERAGE", d, next, gap, p->as_max_gap_min);
			snprintf(v->message, sizeof v->message,
				 "%s的课后服务 %s 才%s，与%s %s 之间空出 %d 分钟，最多允许 %d 分钟",
				 day_names[d], b, reach == dismissal[d] ? "开始" : "继续",
				 reach == dismissal[d] ? "放学时间" : "上一时段结束", a, gap,
				 p->as_max_gap_min);
			return 1;
		}
		reach = slots[next].end;
	}
}

int as_plan_check(const struct policy *p, const bool has_grade[POLICY_MAX_GRADE + 1],
		  const int dismissal[8], const struct as_slot *slots, int n,
		  struct as_verdict *v)
{
	bool evening_ok = false, weekend[8] = { false }, regular[8] = { false };
	int last_end[8] = { 0 }, nweekend = 0, ndays = 0;
	char a[8], b[8];

	memset(v, 0, sizeof *v);
	v->slot = -1;
	for (int g = 1; g <= POLICY_MAX_GRADE; g++)
		evening_ok |= has_grade[g] && p->as_evening_allowed[g];
	for (int i = 0; i < n; i++) {
		const struct as_slot *s = &slots[i];

		if (s->weekday < 1 || s->weekday > 7 || s->start < 0 || s->end > 24 * 60 ||
		    s->end <= s->start) {
			refuse(v, "AS_SLOT_TIMES", s->weekday, i, s->end, s->start);
			snprintf(v->message, sizeof v->message, "第 %d 个时段：结束时间应晚于开始时间，"
				 "星期应为 1 到 7", i + 1);
			return 1;
		}
	}
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			if (slots[i].weekday == slots[j].weekday && slots[i].start < slots[j].end &&
			    slots[j].start < slots[i].end) {
				refuse(v, "AS_SLOT_OVERLAP", slots[i].weekday, j, 0, 0);
				snprintf(v->message, sizeof v->message, "%s的第 %d 和第 %d 个时段重叠",
					 day_names[slots[i].weekday], i + 1, j + 1);
				return 1;
			}
	for (int i = 0; i < n; i++) {
		const struct as_slot *s = &slots[i];

		if (s->kind == AS_SLOT_EVENING && (!evening_ok || s->weekday >= 6)) {
			refuse(v, "AS_EVENING_JUNIOR", s->weekday, i, 0, 0);
			snprintf(v->message, sizeof v->message, "%s",
				 evening_ok ? "晚自习只在工作日开设"
					    : "晚自习只面向初中学生，本校没有初中年级");
			return 1;
		}
		if (s->weekday >= 6 && !weekend[s->weekday]) {
			weekend[s->weekday] = true;
			nweekend++;
		}
		if (s->weekday <= 5 && s->kind == AS_SLOT_REGULAR && !regular[s->weekday]) {
			regular[s->weekday] = true;
			ndays++;
		}
		/* AS_END_TIME: the regular service only (B14.3) */
		if (s->weekday <= 5 && s->kind == AS_SLOT_REGULAR && s->end > last_end[s->weekday])
			last_end[s->weekday] = s->end;
	}
	if (nweekend > p->as_max_weekend_days) {
		refuse(v, "AS_WEEKEND", 0, -1, nweekend, p->as_max_weekend_days);
		snprintf(v->message, sizeof v->message, "周末最多安排 %d 天课后服务，计划中有 %d 天",
			 p->as_max_weekend_days, nweekend);
		return 1;
	}
	if (ndays < p->as_min_days_per_week) {
		refuse(v, "AS_FIVE_DAYS", 0, -1, ndays, p->as_min_days_per_week);
		snprintf(v->message, sizeof v->message, "每周 %d 个上课日都要开展课后服务，计划中只有 %d 天",
			 p->as_min_days_per_week, ndays);
		return 1;
	}
	for (int d = 1; d <= 5; d++)
		if (regular[d] && last_end[d] < p->as_end_not_before_min) {
			hhmm_format(last_end[d], a);
			hhmm_format(p->as_end_not_before_min, b);
			refuse(v, "AS_END_TIME", d, -1, last_end[d], p->as_end_not_before_min);
			snprintf(v->message, sizeof v->message,
				 "%s的课后服务 %s 结束，早于当地正常下班时间 %s（延时托管另行安排，"
				 "不能代替课后服务）", day_names[d], a, b);
			return 1;
		}
	for (int d = 1; d <= 5; d++)
		if (regular[d] && coverage_check(p, dismissal, d, slots, n, v))
			return 1;
	return 0;
}

const char *const as_category_ids[] = { "homework", "qa", "science", "sports", "arts",
					"labour", "reading", "interest", "club", NULL };
static const char *const category_names[] = { "作业辅导", "答疑辅导", "科普", "体育", "艺术",
					      "劳动", "阅读", "兴趣小组", "社团" };
const char *const as_staff_type_ids[] = { "teacher", "retired", "professional", "volunteer",
					  NULL };
static const char *const staff_type_names[] = { "本校教师", "退休教师", "社会专业人员",
						"志愿者" };

static const char *name_of(const char *const *ids, const char *const *names, const char *id)
{
	for (int i = 0; id && ids[i]; i++)
		if (!strcmp(ids[i], id))
			return names[i];
	return "";
}

const char *as_category_name(const char *id)
{
	return name_of(as_category_ids, category_names, id);
}

const char *as_staff_type_name(const char *id)
{
	return name_of(as_staff_type_ids, staff_type_names, id);
}

int as_program_check(long fee_fen, const char *fee_doc, const struct as_staff *staff, int n,
		     const char *today, struct as_verdict *v)
{
	memset(v, 0, sizeof *v);
	v->slot = -1;
	for (int i = 0; i < n; i++) {
		const struct as_staff *s = &staff[i];
		bool outsider = strcmp(s->type, "teacher") != 0;

		if (outsider && (!s->vetting || !*s->vetting || !s->vetted_on || !*s->vetted_on ||
				 strcmp(s->vetted_on, today) > 0)) {
			refuse(v, "AS_STAFF_VETTING", 0, i, 0, 0);
			snprintf(v->message, sizeof v->message,
				 "第 %d 位人员是%s：须先登记资质与审查（文号和日期，日期不晚于今天）",
				 i + 1, as_staff_type_name(s->type));
			return 1;
		}
	}
	if (fee_fen > 0 && (!fee_doc || !*fee_doc)) {
		refuse(v, "AS_FEES", 0, -1, (int)(fee_fen > 2000000000 ? 2000000000 : fee_fen), 0);
		snprintf(v->message, sizeof v->message,
			 "收费项目须注明批准收费的文件；课后服务默认免费");
		return 1;
	}
	return 0;
}

void as_allocate(struct as_app *apps, int napps, const int *capacity, int nprograms)
{
	int left[256], queue[256] = { 0 };

	for (int p = 0; p < nprograms && p < 256; p++)
		left[p] = capacity[p];
	for (int i = 0; i < napps; i++) {
		apps[i].admitted = apps[i].waitlisted = -1;
		apps[i].position = 0;
	}
	for (int r = 0; r < AS_MAX_CHOICES; r++)
		for (int i = 0; i < napps; i++) {
			int p = apps[i].choice[r];

			if (apps[i].admitted >= 0 || p < 0 || p >= nprograms || p >= 256 ||
			    left[p] <= 0)
				continue;
			apps[i].admitted = p;
			left[p]--;
		}
	for (int i = 0; i < napps; i++) {
		int p = apps[i].choice[0];

		if (apps[i].admitted < 0 && p >= 0 && p < nprograms && p < 256) {
			apps[i].waitlisted = p;
			apps[i].position = ++queue[p];
		}
	}
}

/* AS_NO_NEW_LESSON: 五(三)2-3. Matched on the folded text (textnorm.h), as
 * HW_PARENT is. */
const char *as_new_lesson_keyword(const struct policy *p, const char *content)
{
	for (int i = 0; content && i < p->as_new_lesson_nkeywords; i++)
		if (tnorm_find(content, p->as_new_lesson_keywords[i]))
			return p->as_new_lesson_keywords[i];
	return NULL;
}

const char *const as_venue_state_ids[] = { "ok", "stale", "failed", "never", NULL };

enum as_venue_state as_venue_check(const char *today, const char *last_day, int last_passed,
				   const char *last_passed_day, int max_days)
{
	int64_t t, d;

	if (!last_day || !*last_day)
		return AS_VENUE_NEVER;
	if (!last_passed)
		return AS_VENUE_FAILED;
	if (date_parse(today, &t) != 0 || date_parse(last_passed_day, &d) != 0)
		return AS_VENUE_NEVER;
	return t - d > max_days ? AS_VENUE_STALE : AS_VENUE_OK;
}
