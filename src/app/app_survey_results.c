/* app_survey_results.c - a survey's results per group and question, by
 * school for a district survey, and a school's satisfaction for a term
 * (app_survey.h). SV_MIN_GROUP: a group with fewer answers than the pack's
 * min_answers shows its count and nothing else. No user id is read here:
 * the answer tables hold none. */
#include "app/app_survey_internal.h"
#include "store/store_health.h"
#include "store/store_survey.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rs {
	struct db_res *counts, *values, *notes;
	json_t *snap;
};

static void rs_free(struct rs *x)
{
	db_res_free(x->counts);
	db_res_free(x->values);
	db_res_free(x->notes);
	json_decref(x->snap);
}

static bool at(struct db_res *r, int i, int64_t school, const char *grp)
{
	return (!school || db_res_int(r, i, 0) == school) && !strcmp(db_res_text(r, i, 1), grp);
}

static json_t *score_json(long sat, long total)
{
	int t = sv_score_tenths(sat, total);

	return t < 0 ? json_null() : json_real((double)t / 10);
}

static json_t *question_json(const struct rs *x, const struct sv_scale *s,
			     const struct policy_sv_question *q, int64_t school, const char *grp,
			     long *sat, long *total)
{
	json_t *counts = json_array(), *o;
	long n = 0, sum = 0, ok = 0;

	for (int v = 0; v < s->n; v++) {
		long c = 0;

		for (int i = 0; i < db_res_rows(x->values); i++)
			if (at(x->values, i, school, grp) &&
			    !strcmp(db_res_text(x->values, i, 2), q->id) &&
			    db_res_int(x->values, i, 3) == s->values[v])
				c += (long)db_res_int(x->values, i, 4);
		json_array_append_new(counts, json_pack("{s:i,s:I}", "value", s->values[v], "count",
							(json_int_t)c));
		n += c;
		sum += c * s->values[v];
		ok += s->values[v] >= s->satisfied_from ? c : 0;
	}
	*sat += ok;
	*total += n;
	o = json_pack("{s:s,s:s,s:s,s:o,s:I,s:o,s:o}", "id", q->id, "text", q->text, "kind",
		      "scale", "counts", counts, "answered", (json_int_t)n, "mean",
		      n ? json_real((double)((sum * 100 + n / 2) / n) / 100) : json_null(),
		      "satisfied", score_json(ok, n));
	return o;
}

static json_t *notes_json(const struct rs *x, int64_t school, const char *grp)
{
	json_t *list = json_array();

	for (int i = 0; i < db_res_rows(x->notes); i++)
		if (at(x->notes, i, school, grp))
			json_array_append_new(list, json_pack("{s:s,s:s}", "question",
				db_res_text(x->notes, i, 2), "text", db_res_text(x->notes, i, 3)));
	return list;
}

/* One group's result at a school (0: all schools together). */
static json_t *group_json(const struct app *a, const struct rs *x, const char *grp,
			  int64_t school)
{
	struct sv_scale s;
	struct policy_sv_template t;
	long n = 0, sat = 0, total = 0;
	json_t *o, *qs;

	for (int i = 0; i < db_res_rows(x->counts); i++)
		if (at(x->counts, i, school, grp))
			n += (long)db_res_int(x->counts, i, 2);
	o = json_pack("{s:s,s:s,s:I,s:b}", "group", grp, "name",
		      sv_group_name((enum sv_group)sv_group_parse(grp)), "answers", (json_int_t)n,
		      "suppressed", sv_suppressed(&a->policy, n));
	if (sv_suppressed(&a->policy, n)) {
		/* SV_MIN_GROUP: B18.3, B30.2 - nothing that could point at a person */
		json_object_set_new(o, "score", json_null());
		json_object_set_new(o, "rule", json_string("SV_MIN_GROUP"));
		json_object_set_new(o, "message", json_sprintf("答卷少于 %d 份，不公布结果",
							       a->policy.sv_min_group));
		return o;
	}
	if (sv_snap_template(x->snap, grp, &s, &t) != 0)
		return o;
	qs = json_array();
	for (int k = 0; k < t.nq; k++)
		if (!t.q[k].words)
			json_array_append_new(qs, question_json(x, &s, &t.q[k], school, grp, &sat,
								&total));
	json_object_set_new(o, "score", score_json(sat, total));
	json_object_set_new(o, "questions", qs);
	json_object_set_new(o, "notes", notes_json(x, school, grp));
	return o;
}

static json_t *groups_json(const struct app *a, const struct rs *x, const char *groups,
			   int64_t school)
{
	json_t *arr = json_array();

	for (int g = 0; g < SV_NGROUPS; g++)
		if (sv_has_group(groups, sv_group_id((enum sv_group)g)))
			json_array_append_new(arr, group_json(a, x, sv_group_id((enum sv_group)g),
							      school));
	return arr;
}

/* Which school's results the actor may read of survey row r: 0 all (the
 * bureau), the own school (heads), or -1 out of reach. */
static int reach(const struct actor *who, struct db_res *r, const char *school_q,
		 int64_t *school, struct app_err *e)
{
	int64_t sid = db_res_isnull(r, 0, 1) ? 0 : db_res_int(r, 0, 1), want = 0;

	if (school_q && *school_q && (app_parse_cursor(school_q, &want) != 0 || want <= 0))
		return app_fail(e, 400, "QUERY_INVALID", "school_id 应为正整数");
	if (who->role == ROLE_PRINCIPAL || who->role == ROLE_ACADEMIC_OFFICE) {
		if ((sid && sid != who->school_id) || (want && want != who->school_id))
			return sv_not_found(e);
		want = who->school_id;
	} else if (who->role != ROLE_DISTRICT_ADMIN && who->role != ROLE_INSPECTOR) {
		return sv_not_found(e);
	}
	*school = want;
	return 0;
}

static int load(struct app *a, const struct actor *who, int64_t id, const char *school_q,
		struct db_res **row, struct rs *x, int64_t *school, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db *db = app_db_get(a, e);
	int rc;

	if (!db)
		return -1;
	rc = store_sv_get(db, who->district_id, id, row, &dbe);
	if (rc == 0 && reach(who, *row, school_q, school, e) != 0)
		rc = 2;
	if (rc == 0 && (store_sv_answer_counts(db, id, *school, &x->counts, &dbe) != 0 ||
			store_sv_value_counts(db, id, *school, &x->values, &dbe) != 0 ||
			store_sv_notes(db, id, *school, &x->notes, &dbe) != 0))
		rc = -1;
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 1)
		return sv_not_found(e);
	if (rc == 2)
		return -1;
	x->snap = json_loads(db_res_text(*row, 0, 9), 0, NULL);
	return x->snap ? 0 : app_fail(e, 500, "INTERNAL", "内部错误");
}

static json_t *schools_json(const struct app *a, const struct rs *x, struct db_res *row,
			    struct db_res *names)
{
	json_t *arr = json_array();
	int64_t last = 0;

	for (int i = 0; i < db_res_rows(x->counts); i++) {
		int64_t sid = db_res_int(x->counts, i, 0);
		const char *name = "";

		if (sid == last)
			continue;
		last = sid;
		for (int k = 0; names && k < db_res_rows(names); k++)
			if (db_res_int(names, k, 0) == sid)
				name = db_res_text(names, k, 2);
		json_array_append_new(arr, json_pack("{s:I,s:s,s:o}", "school_id", (json_int_t)sid,
			"school", name, "groups", groups_json(a, x, db_res_text(row, 0, 6), sid)));
	}
	return arr;
}

static int school_names(struct app *a, const struct actor *who, struct db_res **out,
			struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct store_scope sc;
	struct db *db = app_db_get(a, e);
	int rc;

	if (!db)
		return -1;
	app_scope_of(who, &sc);
	rc = store_school_list(db, &sc, NULL, 0, 100000, out, &dbe);
	app_db_put(a, db);
	return rc == 0 ? 0 : app_db_fail(e, &dbe, who->request_id);
}

int app_survey_results(struct app *a, const struct actor *who, int64_t id,
		       const char *school_id, json_t **out, struct app_err *e)
{
	struct db_res *row = NULL, *names = NULL;
	struct rs x = { 0 };
	int64_t school = 0;
	json_t *snap_scale;

	if (load(a, who, id, school_id, &row, &x, &school, e) != 0) {
		db_res_free(row);
		rs_free(&x);
		return -1;
	}
	snap_scale = json_object_get(x.snap, "scale");
	*out = json_pack("{s:o,s:s,s:o,s:i,s:O,s:I,s:o}", "survey", sv_row_json(row, 0, false),
			 "rule", "SV_MIN_GROUP", "clause", sv_clause(a, "SV_MIN_GROUP"), "min_group",
			 a->policy.sv_min_group, "scale", snap_scale ? snap_scale : json_null(),
			 "satisfied_from",
			 json_integer_value(json_object_get(x.snap, "satisfied_from")), "groups",
			 groups_json(a, &x, db_res_text(row, 0, 6), school));
	if (db_res_isnull(row, 0, 1) && !school && school_names(a, who, &names, e) == 0)
		json_object_set_new(*out, "schools", schools_json(a, &x, row, names));
	if (school)
		json_object_set_new(*out, "school_id", json_integer(school));
	db_res_free(names);
	db_res_free(row);
	rs_free(&x);
	return 0;
}

/* ---- .xlsx ---- */

const char *const sv_export_header[] = { "学校", "调查对象", "答卷数", "题号", "题目",
					 "平均分", "满意率(%)", "说明" };
const size_t sv_export_ncols = sizeof sv_export_header / sizeof sv_export_header[0];

static void add_rows(struct table *t, const char *school, json_t *groups)
{
	json_t *g, *q;
	size_t i, k;
	char n[24], mean[24], sat[24];

	json_array_foreach(groups, i, g) {
		const char *name = json_string_value(json_object_get(g, "name"));

		snprintf(n, sizeof n, "%lld",
			 (long long)json_integer_value(json_object_get(g, "answers")));
		if (json_is_true(json_object_get(g, "suppressed"))) {
			const char *c[8] = { school, name, n, "", "", "", "",
					     json_string_value(json_object_get(g, "message")) };

			table_add_row(t, 0, c, 8);
			continue;
		}
		snprintf(sat, sizeof sat, "%.1f", json_number_value(json_object_get(g, "score")));
		{
			const char *c[8] = { school, name, n, "", "合计", "", sat, "" };

			table_add_row(t, 0, c, 8);
		}
		json_array_foreach(json_object_get(g, "questions"), k, q) {
			json_t *m = json_object_get(q, "mean"), *s = json_object_get(q, "satisfied");
			const char *c[8] = { school, name, n, json_string_value(json_object_get(q, "id")),
					     json_string_value(json_object_get(q, "text")), mean, sat,
					     "" };

			snprintf(mean, sizeof mean, "%s", "");
			snprintf(sat, sizeof sat, "%s", "");
			if (json_is_number(m))
				snprintf(mean, sizeof mean, "%.2f", json_number_value(m));
			if (json_is_number(s))
				snprintf(sat, sizeof sat, "%.1f", json_number_value(s));
			table_add_row(t, 0, c, 8);
		}
	}
}

struct export_ctx {
	const struct actor *who;
	int64_t id;
};

static int export_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct export_ctx *c = vctx;
	char object[40];

	(void)e;
	snprintf(object, sizeof object, "survey/%lld", (long long)c->id);
	return app_audit(db, c->who, "survey.export", object, "ok", NULL, dbe);
}

int app_survey_results_table(struct app *a, const struct actor *who, int64_t id,
			     const char *school_id, struct table *t, struct app_err *e)
{
	json_t *res = NULL, *s;
	struct export_ctx c = { who, id };
	size_t i;

	if (app_survey_results(a, who, id, school_id, &res, e) != 0)
		return -1;
	table_add_row(t, 0, sv_export_header, sv_export_ncols);
	s = json_object_get(json_object_get(res, "survey"), "school");
	add_rows(t, json_is_string(s) ? json_string_value(s)
		 : json_object_get(res, "school_id") ? "本校" : "全区", json_object_get(res, "groups"));
	json_array_foreach(json_object_get(res, "schools"), i, s)
		add_rows(t, json_string_value(json_object_get(s, "school")),
			 json_object_get(s, "groups"));
	json_decref(res);
	return app_tx(a, export_tx, &c, e);
}

/* ---- a school's satisfaction for a term (B18.3, B30.2) ---- */

int app_survey_figures(struct app *a, const struct actor *who, int64_t school_id,
		       int64_t term_id, json_t *out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct store_he_term t;
	char today[11];
	json_t *groups;
	struct db *db;
	int rc;

	if (!app_reads_school(who, school_id))
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	app_today(a, today);
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_school_exists(db, who->district_id, school_id, &dbe);
	if (rc == 1)
		rc = store_he_term(db, who->district_id, term_id, today, &t, &dbe);
	else if (rc == 0)
		rc = 2;
	if (rc == 0)
		rc = store_sv_school_term(db, who->district_id, school_id, t.id,
					  a->policy.sv_satisfied_from, &r, &dbe);
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 2)
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	if (rc == 1)
		return app_field_fail(e, 422, "FIELD_INVALID", "term_id", "没有这个学期");
	groups = json_array();
	for (int g = 0; g < SV_NGROUPS; g++) {
		long n = 0, sat = 0, total = 0;
		bool sup;

		for (int i = 0; i < db_res_rows(r); i++)
			if (!strcmp(db_res_text(r, i, 0), sv_group_id((enum sv_group)g))) {
				n = (long)db_res_int(r, i, 1);
				sat = (long)db_res_int(r, i, 2);
				total = (long)db_res_int(r, i, 3);
			}
		sup = sv_suppressed(&a->policy, n);
		json_array_append_new(groups, json_pack("{s:s,s:s,s:I,s:b,s:o}", "group",
			sv_group_id((enum sv_group)g), "name", sv_group_name((enum sv_group)g),
			"answers", (json_int_t)n, "suppressed", sup, "score",
			sup ? json_null() : score_json(sat, total)));
	}
	db_res_free(r);
	json_object_set_new(out, "satisfaction", json_pack("{s:I,s:s,s:s,s:o,s:i,s:o}", "term_id",
		(json_int_t)t.id, "term", t.name, "rule", "SV_MIN_GROUP", "clause",
		sv_clause(a, "SV_MIN_GROUP"), "min_group", a->policy.sv_min_group, "groups",
		groups));
	return 0;
}
