/* app_ticase_case.c - penalty cases: opened at 立案, stepped in the order
 * of core/ticase.h, measures from the pack's ladder (TI_PENALTY), the
 * re-inspection tasks of passed deadlines, the bureau view and export. */
#include "app/app_ticase_internal.h"
#include "core/ticase.h"
#include "store/store_ti.h"
#include "store/store_ticase.h"
#include "util/table.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct case_in {
	int64_t institution_id;
	const char *finding, *date, *note;
};

static const struct jfield case_fields[] = {
	{ "institution_id", JF_INT, offsetof(struct case_in, institution_id), true, 1, INT64_MAX,
	  NULL, "机构" },
	{ "finding", JF_ENUM, offsetof(struct case_in, finding), true, 0, 0, ti_finding_ids,
	  "问题" },
	{ "date", JF_DATE, offsetof(struct case_in, date), false, 0, 0, NULL, "立案日期" },
	{ "note", JF_TEXT, offsetof(struct case_in, note), false, 0, 2000, NULL, "说明" },
};

struct open_ctx {
	const struct actor *who;
	struct store_ti_case c;
	const char *note;
	int64_t id;
};

static int open_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct open_ctx *c = vctx;
	struct db_res *r = NULL;
	char obj[48];
	json_t *d;
	int rc = store_ti_get(db, c->who->district_id, c->c.institution_id, &r, dbe);

	db_res_free(r);
	if (rc == 1)
		return app_field_fail(e, 422, "FIELD_INVALID", "institution_id",
				      "登记册中没有这个机构");
	if (rc < 0 || store_ti_case_insert(db, &c->c, &c->id, dbe) != 0 ||
	    store_ti_case_step(db, c->id, "open", c->c.opened_on, c->note, c->who->user_id,
			       c->c.now, dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "case:%lld", (long long)c->id);
	d = json_pack("{s:I,s:s}", "institution_id", (json_int_t)c->c.institution_id, "finding",
		      c->c.finding);
	rc = app_audit(db, c->who, "ticase.case.open", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_ti_case_open(struct app *a, const struct actor *who, json_t *body, json_t **out,
		     struct app_err *e)
{
	static const char *const skip[] = { NULL };
	struct open_ctx c = { .who = who };
	struct case_in in = { 0 };
	char day[11];

	if (ti_may_write(who, e) != 0 ||
	    app_decode_scalars(body, skip, case_fields, 4, &in, e) != 0 ||
	    ti_day(a, in.date, "date", day, e) != 0)
		return -1;
	c.note = in.note;
	c.c = (struct store_ti_case){ who->district_id, in.institution_id, in.finding, day,
				      who->user_id, time_now() };
	if (app_tx(a, open_tx, &c, e) != 0)
		return -1;
	return app_ti_case_get(a, who, c.id, out, e);
}

/* ---- steps ---- */

struct step_in {
	const char *step, *date, *note;
};

static const struct jfield step_fields[] = {
	{ "step", JF_ENUM, offsetof(struct step_in, step), true, 0, 0, ti_step_ids, "步骤" },
	{ "date", JF_DATE, offsetof(struct step_in, date), false, 0, 0, NULL, "日期" },
	{ "note", JF_TEXT, offsetof(struct step_in, note), false, 0, 2000, NULL, "说明" },
};

struct measure_in {
	const char *measure, *agency, *deadline;
};

static const struct jfield measure_fields[] = {
	{ "measure", JF_ENUM, offsetof(struct measure_in, measure), true, 0, 0, ti_measure_ids,
	  "处置措施" },
	{ "agency", JF_ENUM, offsetof(struct measure_in, agency), true, 0, 0, ti_agency_ids,
	  "负责部门" },
	{ "deadline", JF_DATE, offsetof(struct measure_in, deadline), false, 0, 0, NULL,
	  "改正期限" },
};

struct step_ctx {
	const struct actor *who;
	const struct policy *p;
	int64_t id;
	int step;
	char day[11];
	const char *note;
	struct ti_measure m[TI_MAX_MEASURES];
	int nm;
};

/* A JSON amount in yuan (at most two decimals) into fen: 0, or -1. */
static int amount_fen(json_t *v, int64_t *fen)
{
	double x, f, d;

	if (!v) {
		*fen = 0;
		return 0;
	}
	if (!json_is_number(v))
		return -1;
	x = json_number_value(v);
	if (!(x > -1e12 && x < 1e12)) /* also NaN */
		return -1;
	f = (double)(long long)(x * 100 + (x < 0 ? -0.5 : 0.5));
	d = f - x * 100;
	if (d > 1e-6 || d < -1e-6)
		return -1;
	*fen = (int64_t)f;
	return 0;
}

static int decode_measures(json_t *body, struct step_ctx *c, struct app_err *e)
{
	json_t *arr = json_object_get(body, "measures"), *v;
	char field[64];
	size_t i;

	if (!arr)
		return 0;
	if (c->step != TI_DECIDE)
		return app_field_fail(e, 422, "FIELD_INVALID", "measures", "只有「决定」填写处置措施");
	if (!json_is_array(arr) || json_array_size(arr) > TI_MAX_MEASURES)
		return app_field_fail(e, 400, "FIELD_TYPE", "measures", "处置措施应为数组，最多 8 项");
	json_array_foreach(arr, i, v) {
		static const char *const skip[] = { "amount", NULL };
		struct measure_in in = { 0 };

		if (!json_is_object(v))
			return app_field_fail(e, 400, "FIELD_TYPE", "measures", "每项处置措施应为对象");
		if (app_decode_scalars(v, skip, measure_fields, 3, &in, e) != 0)
			return -1;
		snprintf(field, sizeof field, "measures.%zu.amount", i);
		if (amount_fen(json_object_get(v, "amount"), &c->m[i].amount_fen) != 0)
			return app_field_fail(e, 422, "FIELD_INVALID", field,
					      "金额应为以元计的数，最多两位小数");
		c->m[i].kind = ti_index(ti_measure_ids, in.measure);
		c->m[i].agency = ti_index(ti_agency_ids, in.agency);
		c->m[i].deadline = in.deadline;
	}
	c->nm = (int)json_array_size(arr);
	return 0;
}

static int verdict_fail(struct app_err *e, const struct policy *p, const struct ti_verdict *v,
			const char *stage)
{
	const char *clause = policy_rule_clause(p, "TI_PENALTY");

	app_fail(e, 422, v->code, "%s", v->message);
	if (!strcmp(v->code, "TI_CASE_ORDER"))
		e->details = json_pack("{s:s,s:s,s:s,s:s}", "rule", v->code, "stage", stage,
				       "expected", v->expected, "expected_name",
				       ti_step_name(ti_index(ti_step_ids, v->expected)));
	else
		e->details = json_pack("{s:s,s:i,s:s,s:s}", "rule", v->code, "index", v->index,
				       "field", v->field, "clause", clause ? clause : "");
	return -1;
}

/* The case's state for core (has a deadline, rectified) from its rows. */
static int case_state(struct db *db, const struct db_res *r, struct ti_case_state *s,
		      struct db_err *dbe)
{
	(void)db;
	(void)dbe;
	s->stage = (enum ti_stage)ti_index(ti_stage_ids, db_res_text(r, 0, CAC_STAGE));
	s->has_deadline = !db_res_isnull(r, 0, CAC_DEADLINE);
	s->rectified = !db_res_isnull(r, 0, CAC_RECTIFIED);
	return 0;
}

static int step_write(struct db *db, struct step_ctx *c, struct db_err *dbe)
{
	int64_t now = time_now();

	if (store_ti_case_step(db, c->id, ti_step_ids[c->step], c->day, c->note,
			       c->who->user_id, now, dbe) != 0)
		return -1;
	if (c->step == TI_RECTIFY)
		return store_ti_case_rectified(db, c->id, c->day, now, dbe);
	for (int i = 0; i < c->nm; i++)
		if (store_ti_case_measure(db, c->id, i, ti_measure_ids[c->m[i].kind],
					  ti_agency_ids[c->m[i].agency], c->m[i].amount_fen,
					  c->m[i].deadline, dbe) != 0)
			return -1;
	return store_ti_case_stage(db, c->id, ti_stage_ids[c->step], now, dbe);
}

/* 责令停办整改 takes the institution off the 白名单 (core/ticase.h). */
static int step_revoke(struct db *db, struct step_ctx *c, int64_t institution_id,
		       struct db_err *dbe)
{
	char note[160];
	bool stops = false;

	for (int i = 0; i < c->nm; i++)
		stops |= ti_measure_stops(c->m[i].kind);
	if (!stops)
		return 0;
	snprintf(note, sizeof note, "案件 %lld 决定责令停办整改（五(一)2）", (long long)c->id);
	return store_ti_set_status(db, institution_id, "revoked", note, time_now(), dbe);
}

static int step_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct step_ctx *c = vctx;
	struct ti_case_state s;
	struct ti_verdict v;
	struct db_res *r = NULL;
	char obj[48], stage[16];
	int64_t inst;
	json_t *d;
	int rc = store_ti_case_get(db, c->who->district_id, c->id, 1, &r, dbe);

	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有这个案件");
	if (rc < 0)
		return -1;
	case_state(db, r, &s, dbe);
	snprintf(stage, sizeof stage, "%s", db_res_text(r, 0, CAC_STAGE));
	inst = db_res_int(r, 0, CAC_INST);
	rc = strcmp(c->day, db_res_text(r, 0, CAC_LAST_STEP_ON)) < 0;
	db_res_free(r);
	if (ti_case_step_check(&s, c->step, &v) != 0)
		return verdict_fail(e, c->p, &v, stage);
	if (rc)
		return app_field_fail(e, 422, "FIELD_INVALID", "date", "日期不能早于上一步");
	if (c->step == TI_DECIDE && ti_measures_check(c->p, c->m, c->nm, c->day, &v) != 0)
		return verdict_fail(e, c->p, &v, stage);
	if (step_write(db, c, dbe) != 0 || step_revoke(db, c, inst, dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "case:%lld", (long long)c->id);
	d = json_pack("{s:s,s:s,s:s,s:i}", "step", ti_step_ids[c->step], "from", stage, "date",
		      c->day, "measures", c->nm);
	rc = app_audit(db, c->who, "ticase.case.step", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_ti_case_step(struct app *a, const struct actor *who, int64_t id, json_t *body,
		     json_t **out, struct app_err *e)
{
	static const char *const skip[] = { "measures", NULL };
	struct step_ctx c = { .who = who, .p = &a->policy, .id = id };
	struct step_in in = { 0 };

	if (ti_may_write(who, e) != 0 ||
	    app_decode_scalars(body, skip, step_fields, 3, &in, e) != 0)
		return -1;
	c.step = ti_index(ti_step_ids, in.step);
	c.note = in.note;
	if (decode_measures(body, &c, e) != 0 || ti_day(a, in.date, "date", c.day, e) != 0)
		return -1;
	if (app_tx(a, step_tx, &c, e) != 0)
		return -1;
	return app_ti_case_get(a, who, id, out, e);
}

/* ---- reads ---- */

static json_t *opt_text(const struct db_res *r, int i, int col)
{
	return db_res_isnull(r, i, col) ? json_null() : json_string(db_res_text(r, i, col));
}

static json_t *case_json(const struct db_res *r, int i, const char *today)
{
	const char *stage = db_res_text(r, i, CAC_STAGE), *finding = db_res_text(r, i, CAC_FINDING);
	const char *deadline = db_res_isnull(r, i, CAC_DEADLINE) ? NULL
								 : db_res_text(r, i, CAC_DEADLINE);
	bool rectified = !db_res_isnull(r, i, CAC_RECTIFIED);
	int64_t d0 = 0, d1 = 0;

	date_parse(db_res_text(r, i, CAC_OPENED), &d0);
	date_parse(today, &d1);
	return json_pack("{s:I,s:{s:I,s:s,s:s},s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:b,s:I}", "id",
			 (json_int_t)db_res_int(r, i, CAC_ID), "institution", "id",
			 (json_int_t)db_res_int(r, i, CAC_INST), "name",
			 db_res_text(r, i, CAC_INST_NAME), "status",
			 db_res_text(r, i, CAC_INST_STATUS), "finding", finding, "finding_name",
			 ti_finding_name(ti_index(ti_finding_ids, finding)), "stage", stage,
			 "stage_name", ti_step_name(ti_index(ti_stage_ids, stage)), "opened_on",
			 db_res_text(r, i, CAC_OPENED), "rectified_on",
			 opt_text(r, i, CAC_RECTIFIED), "deadline", opt_text(r, i, CAC_DEADLINE),
			 "overdue", ti_overdue(deadline, rectified, today) && strcmp(stage, "close"),
			 "age_days", (json_int_t)(d1 - d0));
}

struct read_ctx {
	const struct actor *who;
	int64_t id, before, institution_id;
	int limit;
	const char *stage, *overdue_before;
};

/* The steps allowed now (core decides each), for the case page. */
static json_t *allowed_steps(const struct db_res *r)
{
	struct ti_case_state s;
	struct ti_verdict v;
	json_t *arr = json_array();

	case_state(NULL, r, &s, NULL);
	for (int k = 0; ti_step_ids[k]; k++)
		if (ti_case_step_check(&s, k, &v) == 0)
			json_array_append_new(arr, json_pack("{s:s,s:s}", "id", ti_step_ids[k],
							     "name", ti_step_name(k)));
	return arr;
}

static json_t *steps_json(const struct db_res *r)
{
	json_t *arr = json_array();

	for (int i = 0; i < db_res_rows(r); i++) {
		const char *st = db_res_text(r, i, 0);

		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:s}", "step", st, "name",
			ti_step_name(ti_index(ti_step_ids, st)), "date", db_res_text(r, i, 1), "note",
			db_res_text(r, i, 2), "by", db_res_text(r, i, 3)));
	}
	return arr;
}

static json_t *measures_json(const struct db_res *r)
{
	json_t *arr = json_array();

	for (int i = 0; i < db_res_rows(r); i++) {
		const char *m = db_res_text(r, i, 0), *ag = db_res_text(r, i, 1);

		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:o,s:o}", "measure", m,
			"name", ti_measure_name(ti_index(ti_measure_ids, m)), "agency", ag,
			"agency_name", ti_agency_name(ti_index(ti_agency_ids, ag)), "amount",
			db_res_isnull(r, i, 2) ? json_null()
					       : json_real((double)db_res_int(r, i, 2) / 100.0),
			"deadline", opt_text(r, i, 3)));
	}
	return arr;
}

static int case_get_read(struct app *a, struct db *db, void *vctx, json_t **out,
			 struct db_err *dbe, struct app_err *e)
{
	struct read_ctx *c = vctx;
	struct db_res *r = NULL, *st = NULL, *ms = NULL;
	json_t *cj, *ev = NULL;
	char today[11];
	int rc = store_ti_case_get(db, c->who->district_id, c->id, 0, &r, dbe);

	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有这个案件");
	if (rc < 0 || store_ti_case_steps(db, c->id, &st, dbe) != 0 ||
	    store_ti_case_measures(db, c->id, &ms, dbe) != 0 ||
	    ti_evidence_json(db, c->who, "case", c->id, &ev, dbe) != 0) {
		db_res_free(r);
		db_res_free(st);
		db_res_free(ms);
		return -1;
	}
	ti_today(a, today);
	cj = case_json(r, 0, today);
	json_object_set_new(cj, "allowed_steps", allowed_steps(r));
	json_object_set_new(cj, "steps", steps_json(st));
	json_object_set_new(cj, "measures", measures_json(ms));
	json_object_set_new(cj, "evidence", ev);
	db_res_free(r);
	db_res_free(st);
	db_res_free(ms);
	*out = json_pack("{s:o}", "case", cj);
	return 0;
}

int app_ti_case_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		    struct app_err *e)
{
	struct read_ctx c = { .who = who, .id = id };

	return ti_read(a, who, case_get_read, &c, out, e);
}

static int case_list_read(struct app *a, struct db *db, void *vctx, json_t **out,
			  struct db_err *dbe, struct app_err *e)
{
	struct read_ctx *c = vctx;
	struct db_res *r = NULL;
	char today[11];
	json_t *items;

	(void)e;
	ti_today(a, today);
	if (store_ti_case_list(db, c->who->district_id, c->stage, c->institution_id,
			       c->overdue_before ? today : NULL, c->before, c->limit, &r,
			       dbe) != 0)
		return -1;
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(items, case_json(r, i, today));
	db_res_free(r);
	*out = app_page(items, c->limit);
	return 0;
}

int app_ti_case_list(struct app *a, const struct actor *who, const char *stage,
		     const char *institution_id, const char *overdue, const char *cursor,
		     const char *limit, json_t **out, struct app_err *e)
{
	struct read_ctx c = { .who = who, .stage = stage && *stage ? stage : NULL };

	if (ti_paging(cursor, limit, &c.before, &c.limit, e) != 0)
		return -1;
	if (c.stage && ti_index(ti_stage_ids, c.stage) < 0)
		return app_fail(e, 400, "QUERY_INVALID", "stage 应为 open、investigate、notify、"
				"decide、serve、enforce 或 close");
	if (app_parse_cursor(institution_id, &c.institution_id) != 0)
		return app_fail(e, 400, "QUERY_INVALID", "institution_id 应为正整数");
	if (overdue && strcmp(overdue, "1") && strcmp(overdue, "0") && *overdue)
		return app_fail(e, 400, "QUERY_INVALID", "overdue 应为 1 或 0");
	c.overdue_before = overdue && !strcmp(overdue, "1") ? "1" : NULL;
	return ti_read(a, who, case_list_read, &c, out, e);
}

/* Age buckets of open cases, in days since 立案. */
static const struct {
	int upto;
	const char *name;
} age_buckets[] = { { 30, "30 天以内" }, { 90, "31–90 天" }, { 180, "91–180 天" },
		    { 1 << 30, "180 天以上" } };
#define N_AGE (sizeof age_buckets / sizeof age_buckets[0])

static json_t *by_age(const struct db_res *r, const char *today)
{
	int n[N_AGE] = { 0 };
	int64_t t = 0, d = 0;
	json_t *arr = json_array();

	date_parse(today, &t);
	for (int i = 0; i < db_res_rows(r); i++) {
		size_t k = 0;

		date_parse(db_res_text(r, i, 0), &d);
		while (k + 1 < N_AGE && t - d > age_buckets[k].upto)
			k++;
		n[k]++;
	}
	for (size_t k = 0; k < N_AGE; k++)
		json_array_append_new(arr, json_pack("{s:s,s:i}", "name", age_buckets[k].name,
						     "count", n[k]));
	return arr;
}

static json_t *by_stage(const struct db_res *r)
{
	json_t *arr = json_array();

	for (int k = 0; ti_stage_ids[k]; k++) {
		int n = 0;

		for (int i = 0; i < db_res_rows(r); i++)
			if (!strcmp(db_res_text(r, i, 0), ti_stage_ids[k]))
				n = (int)db_res_int(r, i, 1);
		json_array_append_new(arr, json_pack("{s:s,s:s,s:i}", "stage", ti_stage_ids[k],
						     "name", ti_step_name(k), "count", n));
	}
	return arr;
}

/* A passed deadline is a re-inspection task: go back and check. */
static json_t *tasks(const struct db_res *r, const char *today)
{
	json_t *arr = json_array();
	int64_t t = 0, d = 0;

	date_parse(today, &t);
	for (int i = 0; i < db_res_rows(r); i++) {
		date_parse(db_res_text(r, i, CAC_DEADLINE), &d);
		json_array_append_new(arr, json_pack("{s:I,s:I,s:s,s:s,s:I,s:s}", "case_id",
			(json_int_t)db_res_int(r, i, CAC_ID), "institution_id",
			(json_int_t)db_res_int(r, i, CAC_INST), "institution",
			db_res_text(r, i, CAC_INST_NAME), "deadline",
			db_res_text(r, i, CAC_DEADLINE), "days_overdue", (json_int_t)(t - d),
			"task", "复查：限期改正已到期，尚未登记整改到位"));
	}
	return arr;
}

static int overview_read(struct app *a, struct db *db, void *vctx, json_t **out,
			 struct db_err *dbe, struct app_err *e)
{
	struct read_ctx *c = vctx;
	struct db_res *st = NULL, *open = NULL, *od = NULL;
	char today[11];

	(void)e;
	ti_today(a, today);
	if (store_ti_case_by_stage(db, c->who->district_id, &st, dbe) != 0 ||
	    store_ti_case_open_dates(db, c->who->district_id, &open, dbe) != 0 ||
	    store_ti_case_list(db, c->who->district_id, NULL, 0, today, 0, 200, &od, dbe) != 0) {
		db_res_free(st);
		db_res_free(open);
		return -1;
	}
	*out = json_pack("{s:s,s:o,s:o,s:o}", "today", today, "by_stage", by_stage(st),
			 "open_by_age", by_age(open, today), "reinspections", tasks(od, today));
	db_res_free(st);
	db_res_free(open);
	db_res_free(od);
	return 0;
}

int app_ti_case_overview(struct app *a, const struct actor *who, json_t **out,
			 struct app_err *e)
{
	struct read_ctx c = { .who = who };

	return ti_read(a, who, overview_read, &c, out, e);
}

const char *const ti_case_export_header[] = { "案件编号", "机构", "机构状态", "问题", "阶段",
					      "立案日期", "改正期限", "整改到位", "是否逾期" };
const size_t ti_case_export_ncols = 9;

struct export_ctx {
	const struct actor *who;
	struct table *t;
};

static int export_read(struct app *a, struct db *db, void *vctx, json_t **out,
		       struct db_err *dbe, struct app_err *e)
{
	struct export_ctx *c = vctx;
	struct table *t = c->t;
	struct db_res *r = NULL;
	char today[11], id[24];
	int64_t before = 0;

	(void)out;
	ti_today(a, today);
	do {
		if (store_ti_case_list(db, c->who->district_id, NULL, 0, NULL, before, 500, &r,
				       dbe) != 0)
			return -1;
		for (int i = 0; i < db_res_rows(r); i++) {
			bool rect = !db_res_isnull(r, i, CAC_RECTIFIED);
			const char *dl = db_res_isnull(r, i, CAC_DEADLINE)
						 ? "" : db_res_text(r, i, CAC_DEADLINE);
			const char *cells[9] = { id, db_res_text(r, i, CAC_INST_NAME),
				db_res_text(r, i, CAC_INST_STATUS),
				ti_finding_name(ti_index(ti_finding_ids, db_res_text(r, i, CAC_FINDING))),
				ti_step_name(ti_index(ti_stage_ids, db_res_text(r, i, CAC_STAGE))),
				db_res_text(r, i, CAC_OPENED), dl,
				rect ? db_res_text(r, i, CAC_RECTIFIED) : "",
				ti_overdue(dl, rect, today) &&
						strcmp(db_res_text(r, i, CAC_STAGE), "close")
					? "是" : "否" };

			before = db_res_int(r, i, CAC_ID);
			snprintf(id, sizeof id, "%lld", (long long)before);
			if (table_add_row(t, (int)t->nrows + 2, cells, 9) != 0) {
				db_res_free(r);
				return app_fail(e, 503, "UNAVAILABLE", "服务器忙，请稍后重试");
			}
		}
		if (db_res_rows(r) < 500)
			before = 0;
		db_res_free(r);
		r = NULL;
	} while (before);
	return 0;
}

int app_ti_case_export(struct app *a, const struct actor *who, struct table *t,
		       struct app_err *e)
{
	struct export_ctx c = { who, t };
	json_t *unused = NULL;

	return ti_read(a, who, export_read, &c, &unused, e);
}
