/* demo_sv_visits.c - the demo district's supervision visits, findings and
 * rectification notices, written through store_sv_visit.h as the use cases
 * write them, deadlines from core/sv_visit.h, in one transaction. */
#include "demo/demo_sv_visits.h"
#include "app/app_batch.h"
#include "core/sv_visit.h"
#include "store/store.h"
#include "store/store_evidence.h"
#include "store/store_org.h"
#include "store/store_sv_visit.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

#define SV_DEMO_TERMS 2
#define SV_DEMO_SCHOOLS 8

/* What inspectors write down, by C item (the annex's wording in short). */
static const struct {
	const char *item, *text;
} seen[] = {
	{ "B10.2", "抽查三年级两个班，家长反映书面作业平均用时超过60分钟" },
	{ "B9.2", "部分班级未按日公示作业内容和预计用时" },
	{ "B14.3", "课后服务结束时间早于17:30，与方案不一致" },
	{ "B17.1", "课后服务交接记录不全，个别学生离校未签字确认" },
	{ "B22.3", "本学期第二次视力筛查尚未开展" },
	{ "B28.1", "大课间活动时间不足，部分班级体育锻炼不足一小时" },
	{ "B13.1", "七年级组织了单元测验并公布了分数" },
	{ "B21.2", "学生睡眠时间记录缺失，未开展睡眠情况调查" },
};

/* A 1x1 PNG: the photo of school 1's first finding. */
static const unsigned char photo[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
	0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
	0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60,
	0x00, 0x00, 0x00, 0x02, 0x00, 0x01, 0x54, 0xa2, 0x4f, 0x5d, 0x00, 0x00, 0x00, 0x00, 0x49,
	0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

struct sv_ctx {
	struct app *a;
	const struct actor *who;
	const struct plan *p;
	int n;
	int64_t inspector, principal, now;
	char ids[24], today[11], starts[SV_DEMO_TERMS][11];
	long visits, findings, notices, answered, closed, overdue;
};

static void shift(const char *day, int by, char out[11])
{
	int64_t d = 0;

	date_parse(day, &d);
	date_format(d + by, out, 11);
}

static int add_visit(struct sv_ctx *c, struct db *db, int64_t school, const char *on,
		     int64_t notice, int64_t *id, struct db_err *dbe)
{
	struct store_sv_visit v = { c->a->district_id, school, on, c->ids,
				    notice ? "复查整改情况" : "学期常规督导", notice,
				    c->inspector, c->now };

	c->visits++;
	return store_sv_visit_insert(db, &v, id, dbe);
}

/* The notice of a visit on day with items; what the school did next by
 * term and school: 0 waiting, 1 answered, 2 answered and closed. */
static int add_notice(struct sv_ctx *c, struct db *db, int64_t school, int64_t visit,
		      const char *day, const char *items, int fate, struct db_err *dbe)
{
	struct store_sv_notice sn = { c->a->district_id, school, visit, items,
				      "请对照督导发现逐项整改，按期报送整改情况和佐证材料。", day,
				      NULL, c->inspector, c->now };
	char deadline[11], on[11];
	int64_t id, rv;

	if (sv_deadline(&c->a->policy, day, 0, deadline) != 0)
		return 0;
	sn.deadline = deadline;
	if (store_sv_notice_insert(db, &sn, &id, dbe) != 0)
		return -1;
	c->notices++;
	shift(deadline, -5, on);
	if (fate >= 1 && strcmp(on, c->today) <= 0) {
		if (store_sv_notice_answer(db, id, "已召开专题会议，逐项制定整改措施并落实到人，相关制度已修订公示。",
					   on, c->principal, dbe) < 0)
			return -1;
		c->answered++;
		shift(deadline, -2, on);
		if (fate == 2 && strcmp(on, c->today) <= 0) {
			if (add_visit(c, db, school, on, id, &rv, dbe) != 0 ||
			    store_sv_notice_close(db, id, rv, on, "rectified", "复查整改到位，同意销号",
						  dbe) < 0)
				return -1;
			c->closed++;
			return 0;
		}
	}
	c->overdue += sv_overdue(deadline, "open", c->today);
	return 0;
}

static int school_visits(struct sv_ctx *c, struct db *db, int i, int64_t sid,
			 struct db_err *dbe)
{
	for (int t = 0; t < SV_DEMO_TERMS; t++) {
		const int k = (i + 3 * t) % (int)NCHARS(seen), k2 = (k + 1) % (int)NCHARS(seen);
		char on[11], items[32];
		int64_t visit, f;

		shift(c->starts[t], 20 + 3 * i, on);
		if (strcmp(on, c->today) > 0)
			continue;
		if (add_visit(c, db, sid, on, 0, &visit, dbe) != 0 ||
		    store_sv_finding_insert(db, visit, seen[k].item, seen[k].text, c->inspector,
					    c->now, &f, dbe) != 0 ||
		    store_sv_finding_insert(db, visit, seen[k2].item, seen[k2].text, c->inspector,
					    c->now, &f, dbe) != 0)
			return -1;
		c->findings += 2;
		if (i == 0 && t == 0) {
			struct store_evidence ev = { c->a->district_id, "sv_finding", f, "现场.png",
						     "image/png", photo, sizeof photo, c->inspector,
						     c->now };
			int64_t eid;

			if (store_evidence_add(db, &ev, &eid, dbe) != 0)
				return -1;
		}
		if (i % 2)
			continue;
		snprintf(items, sizeof items, "%s,%s", seen[k].item, seen[k2].item);
		if (add_notice(c, db, sid, visit, on, items,
			       t == 0 ? (i == 0 ? 2 : 1) : (i % 4 == 0 ? 1 : 0), dbe) != 0)
			return -1;
	}
	return 0;
}

static int load_refs(struct sv_ctx *c, struct db *db, struct db_err *dbe)
{
	struct store_user u;
	struct db_res *r = NULL;
	int rc = store_term_list(db, c->a->district_id, &r, dbe);

	for (int t = 0; rc == 0 && t < SV_DEMO_TERMS && t < db_res_rows(r); t++)
		snprintf(c->starts[t], sizeof c->starts[t], "%s", db_res_text(r, t, 2));
	db_res_free(r);
	if (rc != 0 || store_user_by_name(db, "inspector", &u, dbe) != 0)
		return -1;
	c->inspector = u.id;
	snprintf(c->ids, sizeof c->ids, "%lld", (long long)u.id);
	if (store_user_by_name(db, "principal", &u, dbe) != 0)
		return -1;
	c->principal = u.id;
	return 0;
}

static int sv_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct sv_ctx *c = vctx;
	struct db_res *sc = NULL;
	json_t *d;
	int rc = 0;

	(void)e;
	if (load_refs(c, db, dbe) != 0 || store_codes_schools(db, c->a->district_id, &sc, dbe) != 0)
		return -1;
	for (int i = 0; rc == 0 && i < c->n && i < SV_DEMO_SCHOOLS && c->starts[1][0]; i++) {
		int64_t sid = demo_res_id(sc, c->p[i].code), planned;
		char ahead[11];

		if (sid)
			rc = school_visits(c, db, i, sid, dbe);
		if (rc == 0 && sid && i == 1) {
			shift(c->today, 7, ahead);
			rc = add_visit(c, db, sid, ahead, 0, &planned, dbe);
		}
	}
	db_res_free(sc);
	if (rc != 0)
		return -1;
	d = json_pack("{s:I,s:I,s:I}", "visits", (json_int_t)c->visits, "findings",
		      (json_int_t)c->findings, "notices", (json_int_t)c->notices);
	rc = app_audit(db, c->who, "demo.sv_visits", "sv_visit:*", "ok", d, dbe);
	json_decref(d);
	return rc;
}

int demo_sv_visits(struct app *a, const struct actor *who, struct gen *g, const struct plan *p,
		   int n, struct app_err *e)
{
	struct sv_ctx c = { .a = a, .who = who, .p = p, .n = n, .now = time_now() };

	date_format(date_of(c.now, a->policy.utc_offset_minutes), c.today, sizeof c.today);
	if (app_batch(a, sv_tx, &c, e) != 0)
		return -1;
	g->sv_visits = c.visits;
	g->sv_findings = c.findings;
	g->sv_notices = c.notices;
	g->sv_answered = c.answered;
	g->sv_closed = c.closed;
	g->sv_overdue = c.overdue;
	return 0;
}

void demo_sv_visits_summary(const struct gen *g)
{
	printf("督导检查：%ld 次检查（含复查和一次计划中的检查），%ld 条督导发现，%ld 份整改通知"
	       "（%ld 份学校已答复，%ld 份复查销号，%ld 份逾期未销号）\n", g->sv_visits,
	       g->sv_findings, g->sv_notices, g->sv_answered, g->sv_closed, g->sv_overdue);
}
