/* ticase.c - the penalty case's order and the measures of a decision
 * (五(一)2). */
#include "core/ticase.h"

#include <stdio.h>
#include <string.h>

const char *const ti_stage_ids[] = { "open", "investigate", "notify", "decide", "serve",
				     "enforce", "close", NULL };
const char *const ti_step_ids[] = { "open", "investigate", "notify", "decide", "serve",
				    "enforce", "close", "rectify", NULL };
const char *const ti_finding_ids[] = { "unlicensed", "unqualified_staff", "advance_fees",
				       "false_advertising", "school_collusion",
				       "teacher_tutoring", "money_grabbing", "other", NULL };
const char *const ti_agency_ids[] = { "edu", "market", "police", NULL };
const char *const ti_measure_ids[] = { "correct", "warn", "suspend", "refund", "confiscate",
				       "fine", NULL };

static const char *const step_names[] = { "立案", "调查", "告知", "决定", "送达", "执行",
					  "结案", "整改到位" };
static const char *const finding_names[] = { "无证办学", "师资不合格", "超期预收费",
					     "虚假宣传", "与学校勾连", "在职教师有偿补课",
					     "借机敛财", "其他" };
static const char *const agency_names[] = { "教育", "市场监管", "公安" };
/* As the pack's ladder spells them (TI_PENALTY). */
static const char *const measure_names[] = { "责令限期改正", "警告", "责令停办整改",
					     "退还所收费用", "没收违法所得", "罚款" };

int ti_index(const char *const *ids, const char *id)
{
	for (int i = 0; id && ids[i]; i++)
		if (!strcmp(ids[i], id))
			return i;
	return -1;
}

static const char *name_at(const char *const *names, int n, int i)
{
	return i >= 0 && i < n ? names[i] : "";
}

const char *ti_step_name(int step)
{
	return name_at(step_names, TI_STAGES + 1, step);
}

const char *ti_finding_name(int finding)
{
	return name_at(finding_names, TI_FINDINGS, finding);
}

const char *ti_agency_name(int agency)
{
	return name_at(agency_names, TI_AGENCIES, agency);
}

const char *ti_measure_name(int kind)
{
	return name_at(measure_names, TI_MEASURES, kind);
}

bool ti_measure_amount(int kind)
{
	return kind == TI_M_REFUND || kind == TI_M_CONFISCATE || kind == TI_M_FINE;
}

bool ti_measure_deadline(int kind)
{
	return kind == TI_M_CORRECT;
}

bool ti_measure_stops(int kind)
{
	return kind == TI_M_SUSPEND;
}

static void verdict_init(struct ti_verdict *v)
{
	v->code = NULL;
	v->message[0] = 0;
	v->expected = "";
	v->index = -1;
	v->field = "";
}

static int order_fail(struct ti_verdict *v, const char *expected, const char *what)
{
	v->code = "TI_CASE_ORDER";
	v->expected = expected;
	snprintf(v->message, sizeof v->message, "案件须按 立案→调查→告知→决定→送达→执行→结案 的顺序办理：%s",
		 what);
	return -1;
}

int ti_case_step_check(const struct ti_case_state *c, int step, struct ti_verdict *v)
{
	const char *next = c->stage < TI_CLOSE ? ti_stage_ids[c->stage + 1] : "";
	char what[160];

	verdict_init(v);
	if (c->stage >= TI_CLOSE)
		return order_fail(v, "", "案件已结案，不能再办理");
	if (step == TI_RECTIFY) {
		if (c->stage < TI_DECIDE || !c->has_deadline)
			return order_fail(v, next, "没有待整改的限期改正决定");
		if (c->rectified)
			return order_fail(v, next, "整改已登记");
		return 0;
	}
	if (step == TI_CLOSE && c->stage == TI_ENFORCE && c->has_deadline && !c->rectified)
		return order_fail(v, "rectify", "限期改正尚未登记整改到位，不能结案");
	if (step != (int)c->stage + 1) {
		snprintf(what, sizeof what, "当前为「%s」，下一步应为「%s」", ti_step_name(c->stage),
			 ti_step_name(c->stage + 1));
		return order_fail(v, next, what);
	}
	return 0;
}

static int penalty_fail(struct ti_verdict *v, int i, const char *field, const char *msg)
{
	v->code = "TI_PENALTY";
	v->index = i;
	v->field = field;
	snprintf(v->message, sizeof v->message, "第 %d 项处置措施：%s", i + 1, msg);
	return -1;
}

static bool in_ladder(const struct policy *p, int kind)
{
	for (int i = 0; i < p->ti_nladder; i++)
		if (!strcmp(p->ti_ladder[i], ti_measure_name(kind)))
			return true;
	return false;
}

static int measure_check(const struct policy *p, const struct ti_measure *m, int i,
			 const char *decided_on, struct ti_verdict *v)
{
	int64_t cap = (int64_t)p->ti_max_amount_yuan * 100;
	char msg[160];

	if (m->kind < 0 || m->kind >= TI_MEASURES || !in_ladder(p, m->kind))
		return penalty_fail(v, i, "measure", "不在政策包的处置措施之列");
	if (m->agency < 0 || m->agency >= TI_AGENCIES)
		return penalty_fail(v, i, "agency", "须写明负责的部门（教育、市场监管、公安）");
	if (ti_measure_amount(m->kind) && m->amount_fen <= 0)
		return penalty_fail(v, i, "amount", "金额须大于 0");
	if (ti_measure_amount(m->kind) && m->amount_fen > cap) {
		snprintf(msg, sizeof msg, "金额不能超过 %d 元", p->ti_max_amount_yuan);
		return penalty_fail(v, i, "amount", msg);
	}
	if (!ti_measure_amount(m->kind) && m->amount_fen != 0)
		return penalty_fail(v, i, "amount", "这项措施没有金额");
	if (ti_measure_deadline(m->kind) &&
	    (!m->deadline || strcmp(m->deadline, decided_on) <= 0))
		return penalty_fail(v, i, "deadline", "改正期限须晚于决定日期");
	if (!ti_measure_deadline(m->kind) && m->deadline)
		return penalty_fail(v, i, "deadline", "这项措施没有期限");
	return 0;
}

int ti_measures_check(const struct policy *p, const struct ti_measure *m, int n,
		      const char *decided_on, struct ti_verdict *v)
{
	verdict_init(v);
	if (n < 1 || n > TI_MAX_MEASURES) {
		v->code = "TI_PENALTY";
		v->field = "measures";
		snprintf(v->message, sizeof v->message, "决定须有 1 到 %d 项处置措施",
			 TI_MAX_MEASURES);
		return -1;
	}
	for (int i = 0; i < n; i++)
		if (measure_check(p, &m[i], i, decided_on, v) != 0)
			return -1;
	return 0;
}

bool ti_overdue(const char *deadline, bool rectified, const char *today)
{
	return deadline && *deadline && !rectified && strcmp(deadline, today) < 0;
}
