/* demo_ti_cases.c - sweeps, visits and penalty cases of the demo district,
 * made through the use cases (app_ticase.h) as the district's administrator,
 * so every row has its audit entry. Dates count back from today. */
#include "demo/demo_ti_cases.h"
#include "app/app_batch.h"
#include "app/app_ticase.h"
#include "store/store_ticase.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

/* GB 32100: the 18th character from the first 17. */
static char credit_check(const char *c17)
{
	static const char chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int w[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
	int sum = 0;

	for (int i = 0; i < 17; i++)
		sum += (int)(strchr(chars, c17[i]) - chars) * w[i];
	return chars[(31 - sum % 31) % 31];
}

static void credit_code(const char *prefix, int n, char out[19])
{
	snprintf(out, 19, "%s%02d", prefix, n);
	out[17] = credit_check(out);
	out[18] = 0;
}

struct env {
	struct app *a;
	struct actor who;
	int64_t today;
	char day[16][11]; /* scratch dates */
	int nday;
	char unlicensed[19]; /* the credit code of the place found unlicensed */
};

/* today - back days, as text that lives as long as env. */
static const char *ago(struct env *v, int back)
{
	char *s = v->day[v->nday++ % 16];

	date_format(v->today - back, s, 11);
	return s;
}

struct inst_ctx {
	const struct actor *who;
	struct store_ti_institution in;
	int64_t id;
};

static int inst_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct inst_ctx *c = vctx;
	char obj[48];
	int created = 0;

	(void)e;
	if (store_ti_institution_put(db, &c->in, &c->id, &created, dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "institution:%lld", (long long)c->id);
	return app_audit(db, c->who, "demo.institution", obj, "ok", NULL, dbe);
}

static int institution(struct env *v, const char *name, const char *code, const char *category,
		       int64_t *id, struct app_err *e)
{
	struct inst_ctx c = { &v->who, { v->who.district_id, name, code, "新荣区新荣镇", category,
					 "approved", "演示：已审批", time_now() }, 0 };

	if (app_batch(v->a, inst_tx, &c, e) != 0)
		return -1;
	*id = c.id;
	return 0;
}

/* The result's "<obj>.id". */
static int64_t id_of(json_t *out, const char *obj)
{
	return json_integer_value(json_object_get(json_object_get(out, obj), "id"));
}

static int call(struct env *v, int (*fn)(struct app *, const struct actor *, json_t *, json_t **,
					    struct app_err *),
		json_t *body, const char *obj, int64_t *id, struct app_err *e)
{
	json_t *out = NULL;
	int rc = body ? fn(v->a, &v->who, body, &out, e) : -1;

	if (rc == 0 && id)
		*id = id_of(out, obj);
	json_decref(out);
	json_decref(body);
	return rc;
}

static int step(struct env *v, int64_t case_id, const char *st, int back, json_t *measures,
		struct app_err *e)
{
	json_t *body = json_pack("{s:s,s:s}", "step", st, "date", ago(v, back)), *out = NULL;
	int rc;

	if (measures)
		json_object_set_new(body, "measures", measures);
	rc = app_ti_case_step(v->a, &v->who, case_id, body, &out, e);
	json_decref(out);
	json_decref(body);
	return rc;
}

static int steps(struct env *v, int64_t id, const char *const *names, const int *backs, int n,
		 struct app_err *e)
{
	for (int i = 0; i < n; i++)
		if (step(v, id, names[i], backs[i], NULL, e) != 0)
			return -1;
	return 0;
}

static const char PDF[] = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
			  "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
			  "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
			  "trailer<</Root 1 0 R>>\n%%EOF\n";
/* A 1x1 PNG. */
static const unsigned char PNG[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
	0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
	0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60,
	0x00, 0x00, 0x00, 0x02, 0x00, 0x01, 0x54, 0xa2, 0x4f, 0x5d, 0x00, 0x00, 0x00, 0x00, 0x49,
	0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

static int evidence(struct env *v, const char *kind, int64_t id, int pdf, const char *name,
		    struct app_err *e)
{
	json_t *out = NULL;
	int rc = app_ti_evidence_add(v->a, &v->who, kind, id, name, pdf ? (const void *)PDF : PNG,
				     pdf ? sizeof PDF - 1 : sizeof PNG, &out, e);

	json_decref(out);
	return rc;
}

static json_t *visit_body(struct env *v, int64_t sweep, int64_t inst, int back,
			  const char *agency, const char *f1, const char *f2, const char *note)
{
	json_t *b = json_pack("{s:I,s:s,s:s,s:s,s:[s,s],s:s}", "sweep_id", (json_int_t)sweep,
			      "visited_on", ago(v, back), "agency", agency, "officers",
			      "李科长、市场监管局王队、派出所赵警官", "findings", f1, f2, "note", note);

	if (inst)
		json_object_set_new(b, "institution_id", json_integer(inst));
	return b;
}

static int sweeps_and_visits(struct env *v, const int64_t inst[3], int64_t vis[3],
			     struct app_err *e)
{
	int64_t s1, s2;
	json_t *b;

	if (call(v, app_ti_sweep_create, json_pack("{s:s,s:s,s:s,s:[s,s,s],s:s,s:[I,I]}", "name",
		 "秋季校外培训机构常态化排查", "starts_on", ago(v, 60), "ends_on", ago(v, 30),
		 "agencies", "edu", "market", "police", "area", "新荣区城区及新荣镇",
		 "institution_ids", (json_int_t)inst[0], (json_int_t)inst[1]), "sweep", &s1, e) ||
	    call(v, app_ti_sweep_create, json_pack("{s:s,s:s,s:s,s:[s,s],s:s}", "name",
		 "寒假前校外培训专项排查", "starts_on", ago(v, 5), "ends_on", ago(v, -20), "agencies",
		 "edu", "market", "area", "居民小区、商业楼宇"), "sweep", &s2, e))
		return -1;
	if (call(v, app_ti_visit_create, visit_body(v, s1, inst[0], 50, "edu", "advance_fees",
		 "other", "一次性收取 1 学年费用，超过 3 个月"), "visit", &vis[0], e) ||
	    call(v, app_ti_visit_create, visit_body(v, s1, inst[1], 49, "market", "false_advertising",
		 "other", "宣传单写有“保证提分”"), "visit", &vis[1], e))
		return -1;
	b = visit_body(v, s2, 0, 3, "police", "unlicensed", "teacher_tutoring",
		       "居民楼内开班，在职教师授课，无办学许可证");
	json_object_set_new(b, "institution", json_pack("{s:s,s:s,s:s}", "name", "明德学堂（无证）",
			    "credit_code", v->unlicensed, "address", "新荣区某小区 5 号楼"));
	if (call(v, app_ti_visit_create, b, "visit", &vis[2], e))
		return -1;
	return evidence(v, "visit", vis[0], 1, "收费票据.pdf", e) ||
	       evidence(v, "visit", vis[1], 0, "宣传单.png", e) ||
	       evidence(v, "visit", vis[2], 0, "现场照片.png", e);
}

static int open_case(struct env *v, int64_t inst, const char *finding, int back, int64_t *id,
		     struct app_err *e)
{
	return call(v, app_ti_case_open, json_pack("{s:I,s:s,s:s}", "institution_id",
		    (json_int_t)inst, "finding", finding, "date", ago(v, back)), "case", id, e);
}

static int cases(struct env *v, const int64_t inst[3], struct app_err *e)
{
	static const char *const first[] = { "investigate", "notify" };
	static const char *const after[] = { "serve", "enforce" };
	static const int b1[] = { 45, 40 }, a1[] = { 34, 33 }, b2[] = { 46, 42 }, a2[] = { 37 },
			 b3[] = { 2, 1 };
	int64_t c1, c2, c3;

	/* closed: a warning and a deadline, rectified, 结案 */
	if (open_case(v, inst[1], "false_advertising", 48, &c1, e) || steps(v, c1, first, b1, 2, e) ||
	    step(v, c1, "decide", 35, json_pack("[{s:s,s:s},{s:s,s:s,s:s}]", "measure", "warn",
		 "agency", "market", "measure", "correct", "agency", "edu", "deadline", ago(v, 25)),
		 e) || steps(v, c1, after, a1, 2, e) || step(v, c1, "rectify", 26, NULL, e) ||
	    step(v, c1, "close", 20, NULL, e))
		return -1;
	/* served, its deadline passed 10 days ago without rectification */
	if (open_case(v, inst[0], "advance_fees", 49, &c2, e) || steps(v, c2, first, b2, 2, e) ||
	    step(v, c2, "decide", 38, json_pack("[{s:s,s:s,s:s},{s:s,s:s,s:f}]", "measure",
		 "correct", "agency", "edu", "deadline", ago(v, 10), "measure", "refund", "agency",
		 "market", "amount", 12800.0), e) || steps(v, c2, after, a2, 1, e))
		return -1;
	/* the unlicensed place: decided today */
	if (open_case(v, inst[2], "unlicensed", 3, &c3, e) || steps(v, c3, first, b3, 2, e) ||
	    step(v, c3, "decide", 0, json_pack("[{s:s,s:s,s:f},{s:s,s:s,s:f}]", "measure",
		 "confiscate", "agency", "market", "amount", 4500.0, "measure", "fine", "agency",
		 "market", "amount", 20000.0), e))
		return -1;
	return evidence(v, "case", c1, 1, "行政处罚决定书.pdf", e);
}

int demo_ti_cases(struct app *a, struct app_err *e)
{
	struct env v = { .a = a, .today = date_of(time_now(), a->policy.utc_offset_minutes) };
	char c1[19], c2[19];
	int64_t inst[3], vis[3];

	/* the bureau records what its joint team found (the district admin may
	 * write here as the officers do) */
	if (app_cli_admin(a, NULL, &v.who, e) != 0)
		return -1;
	credit_code("91140212MA0C000", 21, c1);
	credit_code("91140212MA0C000", 22, c2);
	credit_code("92140212MA0C000", 23, v.unlicensed);
	if (institution(&v, "新荣区启航艺术培训学校", c1, "arts", &inst[0], e) ||
	    institution(&v, "新荣区少年体育俱乐部", c2, "sports", &inst[1], e) ||
	    sweeps_and_visits(&v, inst, vis, e))
		return -1;
	inst[2] = 0;
	{
		json_t *out = NULL;

		if (app_ti_visit_get(a, &v.who, vis[2], &out, e) != 0)
			return -1;
		inst[2] = json_integer_value(json_object_get(json_object_get(json_object_get(out,
			  "visit"), "institution"), "id"));
		json_decref(out);
	}
	return cases(&v, inst, e);
}
