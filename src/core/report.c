#include "core/report.h"

#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

const char *const rp_status_ids[RP_NSTATUS + 1] = { "received", "routed", "answered", "closed",
						     NULL };
static const char *const status_names[RP_NSTATUS] = { "已受理", "已转办", "已答复", "已办结" };

const char *const rp_kind_ids[4] = { "institution", "school", "teacher", NULL };
static const char *const kind_names[3] = { "校外培训机构", "学校", "教师有偿补课" };

const char *const rp_route_ids[5] = { "education", "market", "police", "school", NULL };
static const char *const route_names[4] = { "教育部门", "市场监管部门", "公安部门", "学校（校长）" };

const char *const rp_outcome_ids[5] = { "proven", "partly", "unfounded", "out_of_scope", NULL };
static const char *const outcome_names[4] = { "属实已处理", "部分属实", "不属实",
					      "不属于受理范围" };

static int index_of(const char *const *ids, const char *id)
{
	for (int i = 0; id && ids[i]; i++)
		if (strcmp(ids[i], id) == 0)
			return i;
	return -1;
}

const char *rp_status_name(int s)
{
	return s >= 0 && s < RP_NSTATUS ? status_names[s] : "";
}

int rp_status_parse(const char *id)
{
	return index_of(rp_status_ids, id);
}

const char *rp_kind_name(const char *id)
{
	int i = index_of(rp_kind_ids, id);

	return i < 0 ? "" : kind_names[i];
}

const char *rp_route_name(const char *id)
{
	int i = index_of(rp_route_ids, id);

	return i < 0 ? "" : route_names[i];
}

const char *rp_outcome_name(const char *id)
{
	int i = index_of(rp_outcome_ids, id);

	return i < 0 ? "" : outcome_names[i];
}

/* RP_ANSWER_DEADLINE: 四3 "发现一起、查处一起", answered within the pack's days. */
int64_t rp_due_day(int64_t filed_day, const struct policy *p)
{
	return filed_day + p->rp_answer_days;
}

bool rp_overdue(enum rp_status s, int64_t due_day, int64_t today)
{
	return (s == RP_RECEIVED || s == RP_ROUTED) && today > due_day;
}

bool rp_answered_late(int64_t due_day, int64_t answered_day)
{
	return answered_day > due_day;
}

int rp_step(enum rp_status s, const char *step)
{
	if (!strcmp(step, "route") || !strcmp(step, "answer"))
		return s == RP_RECEIVED || s == RP_ROUTED ? (!strcmp(step, "route") ? RP_ROUTED
										     : RP_ANSWERED)
							  : -1;
	if (!strcmp(step, "close"))
		return s == RP_ANSWERED ? RP_CLOSED : -1;
	return -1;
}

/* RP_RATE_LIMIT */
bool rp_rate_allowed(int count, const struct policy *p)
{
	return count < p->rp_per_ip_per_hour;
}

/* RP_EVIDENCE */
const char *rp_evidence_check(int nfiles, size_t size, int64_t seconds_since_filing,
			      const struct policy *p)
{
	if (seconds_since_filing > (int64_t)p->rp_upload_hours * 3600)
		return "RP_EVIDENCE_LATE";
	if (nfiles >= p->rp_max_files)
		return "RP_EVIDENCE_COUNT";
	if (size > (size_t)p->rp_max_bytes)
		return "RP_EVIDENCE_SIZE";
	return "";
}

int rp_code_normalise(const char *s, char out[RP_CODE_CHARS + 1])
{
	static const char abc[] = "23456789abcdefghjkmnpqrstuvwxyz";
	size_t n = 0;

	for (; s && *s; s++) {
		char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;

		if (c == '-' || c == ' ')
			continue;
		if (n == RP_CODE_CHARS || !strchr(abc, c))
			return -1;
		out[n++] = c;
	}
	out[n] = '\0';
	return n == RP_CODE_CHARS ? 0 : -1;
}

/* TE_PAID_TUTORING: 四3, B25.1 — 一票否决. */
bool te_vetoes(const char *target_kind, const char *outcome, const char *finding,
	       const struct policy *p)
{
	return p->te_veto && target_kind && outcome && finding &&
	       !strcmp(target_kind, "teacher") && !strcmp(outcome, "proven") &&
	       !strcmp(finding, p->te_finding);
}

int te_school_year(int64_t day, const struct policy *p)
{
	char d[16];
	int y = 0, m = 0;

	date_format(day, d, sizeof d);
	if (sscanf(d, "%4d-%2d", &y, &m) != 2)
		return 0;
	return m >= p->te_year_start_month ? y : y - 1;
}
