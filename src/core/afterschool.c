#include "core/afterschool.h"

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

static void hhmm(int m, char out[8])
{
	snprintf(out, 8, "%02d:%02d", (m / 60) % 25, m % 60);
}

int as_plan_check(const struct policy *p, const bool has_grade[POLICY_MAX_GRADE + 1],
		  const struct as_slot *slots, int n, struct as_verdict *v)
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
		if (s->weekday <= 5 && s->kind != AS_SLOT_EVENING && s->end > last_end[s->weekday])
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
			hhmm(last_end[d], a);
			hhmm(p->as_end_not_before_min, b);
			refuse(v, "AS_END_TIME", d, -1, last_end[d], p->as_end_not_before_min);
			snprintf(v->message, sizeof v->message,
				 "%s的课后服务 %s 结束，早于当地正常下班时间 %s", day_names[d], a, b);
			return 1;
		}
	return 0;
}
