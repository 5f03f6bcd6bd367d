/* app_survey.c - publishing, listing and answering satisfaction surveys
 * (app_survey.h): scope check, the rules (core/survey.h), the store and the
 * audit row in one transaction. Results are in app_survey_results.c. */
#include "app/app_survey_internal.h"
#include "core/survey.h"
#include "store/store_health.h"
#include "store/store_survey.h"
#include "util/jfields.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


json_t *sv_clause(const struct app *a, const char *code)
{
	const char *c = policy_rule_clause(&a->policy, code);

	return c ? json_string(c) : json_null();
}

int sv_not_found(struct app_err *e)
{
	return app_fail(e, 404, "NOT_FOUND", "没有找到这份调查问卷，或不在您的范围内");
}

bool sv_has_group(const char *groups, const char *g)
{
	size_t n = strlen(g);

	for (const char *p = groups; p && *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == n && !strncmp(p, g, n))
			return true;
		p = end ? end + 1 : p + len;
	}
	return false;
}

/* ---- the published questions (a copy of the pack's at publication) ---- */

static json_t *template_json(const struct policy_sv_template *t)
{
	json_t *qs = json_array();

	for (int k = 0; k < t->nq; k++)
		json_array_append_new(qs, json_pack("{s:s,s:s,s:s,s:b}", "id", t->q[k].id, "text",
			t->q[k].text, "kind", t->q[k].words ? "text" : "scale", "required",
			t->q[k].required));
	return json_pack("{s:s,s:o}", "name", t->name, "questions", qs);
}

static json_t *snapshot(const struct policy *p, const bool want[SV_NGROUPS])
{
	json_t *scale = json_array(), *ts = json_object();

	for (int i = 0; i < p->svy_nscale; i++)
		json_array_append_new(scale, json_pack("{s:i,s:s}", "value", p->svy_scale[i], "name",
						       p->svy_scale_names[i]));
	for (int g = 0; g < SV_NGROUPS; g++) {
		const struct policy_sv_template *t = sv_template_of(p, (enum sv_group)g);

		if (want[g] && t)
			json_object_set_new(ts, sv_group_id((enum sv_group)g), template_json(t));
	}
	return json_pack("{s:o,s:i,s:i,s:o}", "scale", scale, "satisfied_from",
			 p->sv_satisfied_from, "text_max", p->sv_text_max, "templates", ts);
}

int sv_snap_template(json_t *snap, const char *grp, struct sv_scale *s,
		     struct policy_sv_template *t)
{
	json_t *scale = json_object_get(snap, "scale"), *v, *qs;
	size_t i;

	memset(s, 0, sizeof *s);
	memset(t, 0, sizeof *t);
	json_array_foreach(scale, i, v)
		if (s->n < POLICY_SV_MAX_SCALE)
			s->values[s->n++] = (int)json_integer_value(json_object_get(v, "value"));
	s->satisfied_from = (int)json_integer_value(json_object_get(snap, "satisfied_from"));
	s->text_max = (int)json_integer_value(json_object_get(snap, "text_max"));
	v = json_object_get(json_object_get(snap, "templates"), grp);
	qs = json_object_get(v, "questions");
	if (!v || !json_is_array(qs))
		return -1;
	snprintf(t->group, sizeof t->group, "%s", grp);
	snprintf(t->name, sizeof t->name, "%s", json_string_value(json_object_get(v, "name")));
	json_array_foreach(qs, i, v) {
		struct policy_sv_question *q;

		if (t->nq >= POLICY_SV_MAX_Q)
			break;
		q = &t->q[t->nq++];
		snprintf(q->id, sizeof q->id, "%s", json_string_value(json_object_get(v, "id")));
		snprintf(q->text, sizeof q->text, "%s",
			 json_string_value(json_object_get(v, "text")));
		q->words = !strcmp(json_string_value(json_object_get(v, "kind")), "text");
		q->required = json_is_true(json_object_get(v, "required"));
	}
	return 0;
}

/* A survey row (store_sv_get's columns) as the API shows it. */
json_t *sv_row_json(struct db_res *r, int i, bool with_questions)
{
	json_t *groups = json_array(), *o;
	const char *gs = db_res_text(r, i, 6);

	for (int g = 0; g < SV_NGROUPS; g++)
		if (sv_has_group(gs, sv_group_id((enum sv_group)g)))
			json_array_append_new(groups, json_string(sv_group_id((enum sv_group)g)));
	o = json_pack("{s:I,s:o,s:s?,s:I,s:s,s:s,s:o,s:s,s:s,s:I}", "id",
		      (json_int_t)db_res_int(r, i, 0), "school_id",
		      db_res_isnull(r, i, 1) ? json_null() : json_integer(db_res_int(r, i, 1)),
		      "school", db_res_text(r, i, 2), "term_id", (json_int_t)db_res_int(r, i, 3),
		      "term", db_res_text(r, i, 4), "name", db_res_text(r, i, 5), "groups", groups,
		      "opens", db_res_text(r, i, 7), "closes", db_res_text(r, i, 8), "answers",
		      (json_int_t)db_res_int(r, i, 10));
	if (o && with_questions)
		json_object_set_new(o, "questions",
				    json_loads(db_res_text(r, i, 9), 0, NULL) ?: json_object());
	return o;
}

/* ---- publishing ---- */

struct create_in {
	const char *name, *opens, *closes;
	int64_t term_id;
};

static const struct jfield create_fields[] = {
	{ "name", JF_STR, offsetof(struct create_in, name), true, 1, 100, NULL, "名称" },
	{ "term_id", JF_INT, offsetof(struct create_in, term_id), true, 1, INT64_MAX, NULL, "学期" },
	{ "opens", JF_DATE, offsetof(struct create_in, opens), true, 0, 0, NULL, "开始日期" },
	{ "closes", JF_DATE, offsetof(struct create_in, closes), true, 0, 0, NULL, "截止日期" },
};

/* groups: a non-empty array of distinct group ids. */
static int groups_of(json_t *body, bool want[SV_NGROUPS], char *csv, size_t cap,
		     struct app_err *e)
{
	json_t *arr = json_object_get(body, "groups"), *v;
	size_t i, used = 0;

	memset(want, 0, SV_NGROUPS * sizeof want[0]);
	if (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > SV_NGROUPS)
		return app_field_fail(e, 422, "FIELD_INVALID", "groups",
				      "调查对象应为 parent（家长）、student（学生）、teacher（教师）中的一个或几个");
	json_array_foreach(arr, i, v) {
		int g = sv_group_parse(json_string_value(v));

		if (g < 0 || want[g])
			return app_field_fail(e, 422, "FIELD_INVALID", "groups",
					      "调查对象应为 parent、student、teacher，且不重复");
		want[g] = true;
	}
	csv[0] = '\0';
	for (int g = 0; g < SV_NGROUPS; g++)
		if (want[g])
			used += (size_t)snprintf(csv + used, cap - used, "%s%s", used ? "," : "",
						 sv_group_id((enum sv_group)g));
	return 0;
}

static int school_of_body(json_t *body, int64_t *school_id, struct app_err *e)
{
	json_t *v = json_object_get(body, "school_id");

	*school_id = 0;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) <= 0)
		return app_field_fail(e, 400, "FIELD_TYPE", "school_id",
				      "学校应为学校编号；全区调查不填");
	*school_id = json_integer_value(v);
	return 0;
}

struct create_ctx {
	const struct actor *who;
	struct store_sv row;
	int64_t id;
};

static int create_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct create_ctx *c = vctx;
	char object[40];
	json_t *d;
	int rc;

	(void)e;
	if (store_sv_insert(db, &c->row, &c->id, dbe) != 0)
		return -1;
	snprintf(object, sizeof object, "survey/%lld", (long long)c->id);
	d = json_pack("{s:s,s:s,s:I,s:I,s:s,s:s}", "name", c->row.name, "groups", c->row.groups,
		      "school_id", (json_int_t)c->row.school_id, "term_id",
		      (json_int_t)c->row.term_id, "opens", c->row.opens, "closes", c->row.closes);
	rc = app_audit(db, c->who, "survey.publish", object, "ok", d, dbe);
	json_decref(d);
	return rc;
}

/* The school (when one) and the term are the district's. */
static int create_scope(struct app *a, const struct actor *who, int64_t school_id,
			int64_t term_id, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct store_he_term t;
	struct db *db = app_db_get(a, e);
	int rc = 0;

	if (!db)
		return -1;
	if (school_id > 0) {
		rc = store_school_exists(db, who->district_id, school_id, &dbe);
		if (rc < 0)
			rc = app_db_fail(e, &dbe, who->request_id);
		else if (rc == 0)
			rc = app_fail(e, 404, "NOT_FOUND", "没有找到这所学校");
		else
			rc = 0;
	}
	if (rc == 0) {
		rc = store_he_term(db, who->district_id, term_id, NULL, &t, &dbe);
		if (rc < 0)
			rc = app_db_fail(e, &dbe, who->request_id);
		else if (rc == 1)
			rc = app_field_fail(e, 422, "FIELD_INVALID", "term_id", "没有这个学期");
	}
	app_db_put(a, db);
	return rc;
}

int app_survey_create(struct app *a, const struct actor *who, json_t *body, json_t **out,
		      struct app_err *e)
{
	static const char *const skip[] = { "groups", "school_id", NULL };
	struct create_in in = { 0 };
	struct create_ctx c = { .who = who };
	bool want[SV_NGROUPS];
	char groups[40];
	int64_t school_id;
	json_t *snap;
	char *text;
	int rc;

	if (app_decode_scalars(body, skip, create_fields,
			       sizeof create_fields / sizeof create_fields[0], &in, e) != 0 ||
	    groups_of(body, want, groups, sizeof groups, e) != 0 ||
	    school_of_body(body, &school_id, e) != 0)
		return -1;
	if (app_blank(in.name))
		return app_field_fail(e, 422, "FIELD_REQUIRED", "name", "请填写调查名称");
	if (strcmp(in.closes, in.opens) < 0)
		return app_field_fail(e, 422, "FIELD_INVALID", "closes", "截止日期不能早于开始日期");
	if (create_scope(a, who, school_id, in.term_id, e) != 0)
		return -1;
	snap = snapshot(&a->policy, want);
	text = json_dumps(snap, JSON_COMPACT);
	json_decref(snap);
	if (!text)
		return app_fail(e, 500, "INTERNAL", "内部错误");
	c.row = (struct store_sv){ .district_id = who->district_id, .school_id = school_id,
				   .term_id = in.term_id, .user_id = who->user_id,
				   .now = time_now(), .name = in.name, .groups = groups,
				   .questions = text, .opens = in.opens, .closes = in.closes };
	rc = app_tx(a, create_tx, &c, e);
	free(text);
	if (rc != 0)
		return -1;
	return app_survey_get(a, who, c.id, out, e) == 0 ? 0 : -1;
}

/* ---- reading ---- */

int sv_places_of(struct db *db, const struct actor *who, struct sv_places *pl,
		 struct db_err *dbe)
{
	struct db_res *r = NULL;
	bool parent = who->role == ROLE_PARENT;
	int rc;

	pl->n = 0;
	if (!parent && who->role != ROLE_TEACHER)
		return 0;
	rc = parent ? store_children(db, who->district_id, who->user_id, &r, dbe)
		    : store_sv_staff_schools(db, who->district_id, who->user_id, &r, dbe);
	for (int i = 0; rc == 0 && i < db_res_rows(r) && pl->n < SV_MAX_PLACES; i++, pl->n++) {
		pl->id[pl->n] = parent ? db_res_int(r, i, 0) : 0;
		pl->school[pl->n] = db_res_int(r, i, parent ? 7 : 0);
		snprintf(pl->name[pl->n], sizeof pl->name[pl->n], "%s",
			 parent ? db_res_text(r, i, 2) : "");
	}
	db_res_free(r);
	return rc;
}

static bool at_place(const struct sv_places *pl, int64_t school)
{
	for (int i = 0; i < pl->n; i++)
		if (!school || pl->school[i] == school)
			return true;
	return false;
}

bool sv_sees(const struct actor *who, struct db_res *r, int row, const struct sv_places *pl)
{
	bool all = db_res_isnull(r, row, 1);
	int64_t sid = all ? 0 : db_res_int(r, row, 1);
	const char *gs = db_res_text(r, row, 6);

	switch (who->role) {
	case ROLE_DISTRICT_ADMIN:
	case ROLE_INSPECTOR:
		return true;
	case ROLE_PRINCIPAL:
	case ROLE_ACADEMIC_OFFICE:
		return all || sid == who->school_id;
	case ROLE_TEACHER:
		return sv_has_group(gs, "teacher") && at_place(pl, sid);
	case ROLE_PARENT:
		return (sv_has_group(gs, "parent") || sv_has_group(gs, "student")) &&
		       at_place(pl, sid);
	default:
		return false;
	}
}

int app_survey_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		   struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct sv_places pl = { 0 };
	int rc;
	struct db *db = app_db_get(a, e);

	if (!db)
		return -1;
	rc = store_sv_get(db, who->district_id, id, &r, &dbe);
	if (rc == 0)
		rc = sv_places_of(db, who, &pl, &dbe);
	app_db_put(a, db);
	if (rc < 0) {
		db_res_free(r);
		return app_db_fail(e, &dbe, who->request_id);
	}
	if (rc == 1 || !sv_sees(who, r, 0, &pl)) {
		db_res_free(r);
		return sv_not_found(e);
	}
	*out = json_pack("{s:o,s:s,s:o,s:i,s:o}", "item", sv_row_json(r, 0, true), "rule",
			 "SV_MIN_GROUP", "clause", sv_clause(a, "SV_MIN_GROUP"), "min_group",
			 a->policy.sv_min_group, "groups_names", json_pack("{s:s,s:s,s:s}",
			 "parent", "家长", "student", "学生（家长代答）", "teacher", "教师"));
	db_res_free(r);
	return 0;
}

int app_survey_list(struct app *a, const struct actor *who, const char *term_id,
		    const char *cursor, const char *limit, json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	int64_t term = 0, cur = 0;
	int lim = app_parse_limit(limit, 50, 200);
	int64_t school = (who->role == ROLE_PRINCIPAL || who->role == ROLE_ACADEMIC_OFFICE)
				 ? who->school_id : 0;
	json_t *items;
	struct db *db;

	if (lim < 0 || app_parse_cursor(cursor, &cur) != 0 ||
	    (term_id && *term_id && (app_parse_cursor(term_id, &term) != 0 || term <= 0)))
		return app_fail(e, 400, "QUERY_INVALID", "term_id、cursor 应为正整数，limit 为 1-200");
	db = app_db_get(a, e);
	if (!db)
		return -1;
	if (store_sv_list(db, who->district_id, term, school, NULL, cur, lim, &r, &dbe) != 0) {
		app_db_put(a, db);
		return app_db_fail(e, &dbe, who->request_id);
	}
	app_db_put(a, db);
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(items, sv_row_json(r, i, false));
	db_res_free(r);
	*out = app_page(items, lim);
	json_object_set_new(*out, "min_group", json_integer(a->policy.sv_min_group));
	return 0;
}
