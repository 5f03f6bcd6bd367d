/* app_survey_answer.c - the surveys open to a parent or teacher, and their
 * answers (app_survey.h): the answer goes in without the person, the fact
 * that they answered in a separate row, both in one transaction with the
 * audit row (which names the group, never the answers). */
#include "app/app_survey_internal.h"
#include "store/store_survey.h"
#include "util/jfields.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool answered(struct db_res *d, int64_t survey, const char *grp, int64_t subject)
{
	for (int i = 0; d && i < db_res_rows(d); i++)
		if (db_res_int(d, i, 0) == survey && !strcmp(db_res_text(d, i, 1), grp) &&
		    db_res_int(d, i, 2) == subject)
			return true;
	return false;
}

static json_t *todo(const char *grp, int64_t student, const char *name, bool done)
{
	json_t *o = json_pack("{s:s,s:s,s:b}", "group", grp, "group_name",
			      sv_group_name((enum sv_group)sv_group_parse(grp)), "answered", done);

	if (student) {
		json_object_set_new(o, "student_id", json_integer(student));
		json_object_set_new(o, "student", json_string(name));
	}
	return o;
}

/* What the actor has to answer in survey row i. */
static json_t *to_answer(const struct actor *who, struct db_res *r, int i, const struct sv_places *k,
			 struct db_res *d)
{
	json_t *list = json_array();
	int64_t id = db_res_int(r, i, 0), sid = db_res_isnull(r, i, 1) ? 0 : db_res_int(r, i, 1);
	const char *gs = db_res_text(r, i, 6);
	bool first = true;

	if (who->role == ROLE_TEACHER) {
		if (sv_has_group(gs, "teacher"))
			json_array_append_new(list, todo("teacher", 0, NULL,
							 answered(d, id, "teacher", 0)));
		return list;
	}
	for (int c = 0; c < k->n; c++) {
		if (sid && k->school[c] != sid)
			continue;
		if (first && sv_has_group(gs, "parent"))
			json_array_append_new(list, todo("parent", k->id[c], k->name[c],
							 answered(d, id, "parent", 0)));
		first = false;
		if (sv_has_group(gs, "student"))
			json_array_append_new(list, todo("student", k->id[c], k->name[c],
							 answered(d, id, "student", k->id[c])));
	}
	return list;
}

int app_survey_mine(struct app *a, const struct actor *who, json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL, *d = NULL;
	struct sv_places k = { 0 };
	char today[11];
	json_t *items;
	struct db *db = app_db_get(a, e);
	int rc;

	if (!db)
		return -1;
	app_today(a, today);
	rc = store_sv_list(db, who->district_id, 0, 0, today, 0, 200, &r, &dbe);
	if (rc == 0)
		rc = sv_places_of(db, who, &k, &dbe);
	if (rc == 0)
		rc = store_sv_answered_by(db, who->district_id, who->user_id, &d, &dbe);
	app_db_put(a, db);
	if (rc != 0) {
		db_res_free(r);
		return app_db_fail(e, &dbe, who->request_id);
	}
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++) {
		json_t *o;

		if (!sv_sees(who, r, i, &k))
			continue;
		o = sv_row_json(r, i, true);
		json_object_set_new(o, "to_answer", to_answer(who, r, i, &k, d));
		json_array_append_new(items, o);
	}
	db_res_free(r);
	db_res_free(d);
	*out = json_pack("{s:o,s:s}", "items", items, "today", today);
	return 0;
}

/* ---- answering ---- */

static const char *const group_enum[] = { "parent", "student", "teacher", NULL };

struct answer_in {
	const char *group;
	int64_t student_id;
};

static const struct jfield answer_fields[] = {
	{ "group", JF_ENUM, offsetof(struct answer_in, group), true, 0, 0, group_enum, "调查对象" },
	{ "student_id", JF_INT, offsetof(struct answer_in, student_id), false, 1, INT64_MAX, NULL,
	  "孩子" },
};

/* The school the answer counts for: 0, or -1 with 404 / 422. */
static int answer_place(const struct actor *who, struct db_res *r, const struct answer_in *in,
			const struct sv_places *k, int64_t *school, int64_t *subject, struct app_err *e)
{
	int64_t sid = db_res_isnull(r, 0, 1) ? 0 : db_res_int(r, 0, 1);
	bool teacher = !strcmp(in->group, "teacher");
	int c;

	*subject = 0;
	if (!sv_has_group(db_res_text(r, 0, 6), in->group) ||
	    teacher != (who->role == ROLE_TEACHER))
		return sv_not_found(e);
	if (teacher) {
		for (c = 0; c < k->n; c++)
			if (!sid || k->school[c] == sid)
				break;
		if (c == k->n)
			return sv_not_found(e);
		*school = k->school[c];
		return 0;
	}
	if (!in->student_id && !strcmp(in->group, "student"))
		return app_field_fail(e, 422, "FIELD_REQUIRED", "student_id",
				      "学生问卷由家长为每个孩子分别填写，请选择孩子");
	for (c = 0; c < k->n; c++)
		if ((in->student_id ? k->id[c] == in->student_id : 1) && (!sid || k->school[c] == sid))
			break;
	if (c == k->n)
		return in->student_id ? app_fail(e, 404, "NOT_FOUND",
						 "没有找到这个孩子，或这份问卷不是给这个孩子的学校的")
				      : sv_not_found(e);
	*school = k->school[c];
	if (!strcmp(in->group, "student"))
		*subject = k->id[c];
	return 0;
}

/* SV_NOT_OPEN, SV_CLOSED */
static int window(const struct app *a, struct db_res *r, struct app_err *e)
{
	char today[11];
	int64_t o = 0, c = 0, t = 0;
	enum sv_window w;

	app_today(a, today);
	date_parse(db_res_text(r, 0, 7), &o);
	date_parse(db_res_text(r, 0, 8), &c);
	date_parse(today, &t);
	w = sv_window_of(o, c, t);
	if (w == SV_OPEN)
		return 0;
	if (w == SV_BEFORE)
		app_fail(e, 422, "SV_NOT_OPEN", "这份调查 %s 才开始填写", db_res_text(r, 0, 7));
	else
		app_fail(e, 422, "SV_CLOSED", "这份调查已于 %s 截止", db_res_text(r, 0, 8));
	e->details = json_pack("{s:s,s:s,s:s,s:o}", "opens", db_res_text(r, 0, 7), "closes",
			       db_res_text(r, 0, 8), "today", today, "clause",
			       sv_clause(a, "SV_SURVEY"));
	return -1;
}

static int answer_fail(const struct app *a, struct app_err *e, const char *code,
		       const char *qid, const struct sv_scale *s)
{
	json_t *vals = json_array();

	if (!strcmp(code, "SV_ANSWER_MISSING"))
		app_fail(e, 422, code, "第 %s 题是必答题，请作答", qid);
	else if (!strcmp(code, "SV_ANSWER_SCALE"))
		app_fail(e, 422, code, "第 %s 题的回答不在量表上", qid);
	else if (!strcmp(code, "SV_ANSWER_TEXT"))
		app_fail(e, 422, code, "第 %s 题应填文字，最多 %d 个字", qid, s->text_max);
	else
		app_fail(e, 422, code, "问卷里没有第 %s 题", qid);
	for (int i = 0; i < s->n; i++)
		json_array_append_new(vals, json_integer(s->values[i]));
	e->details = json_pack("{s:s,s:s+,s:o,s:o}", "question", qid, "field", "answers.", qid,
			       "scale", vals, "clause", sv_clause(a, "SV_SURVEY"));
	return -1;
}

/* The answers object against the published template into given[]. */
static int read_answers(const struct app *a, json_t *ans, const struct sv_scale *s,
			const struct policy_sv_template *t, struct sv_given *given,
			struct app_err *e)
{
	struct sv_problem pr;
	const char *key;
	json_t *v;

	if (!json_is_object(ans))
		return app_field_fail(e, 400, "FIELD_TYPE", "answers",
				      "answers 应为对象：题号 → 分值或文字");
	json_object_foreach(ans, key, v) {
		int k;

		for (k = 0; k < t->nq && strcmp(t->q[k].id, key); k++)
			;
		if (k == t->nq)
			return answer_fail(a, e, "SV_ANSWER_UNKNOWN", key, s);
		given[k].present = !json_is_null(v);
		given[k].number = json_is_integer(v);
		given[k].value = json_is_integer(v) ? (int)json_integer_value(v) : 0;
		given[k].chars = json_is_string(v) ? jf_utf8_len(json_string_value(v)) : 0;
		if (json_is_string(v) && app_blank(json_string_value(v)))
			given[k].chars = 0;
		if (!json_is_null(v) && !json_is_integer(v) && !json_is_string(v))
			given[k].chars = (size_t)s->text_max + 1; /* neither: refused below */
	}
	sv_check_answers(s, t, given, &pr);
	return pr.code ? answer_fail(a, e, pr.code, t->q[pr.q].id, s) : 0;
}

struct answer_ctx {
	const struct actor *who;
	const char *clause; /* SV_SURVEY's, for the refusal */
	int64_t survey, school, subject;
	const char *grp;
	char id[33];
	json_t *ans;
	const struct policy_sv_template *t;
	const struct sv_given *given;
};

static int answer_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct answer_ctx *c = vctx;
	char object[40];
	json_t *d;
	int rc = store_sv_has_answered(db, c->survey, c->who->user_id, c->grp, c->subject, dbe);

	if (rc < 0)
		return -1;
	if (rc == 1) {
		app_fail(e, 409, "SV_ANSWERED", "%s", c->subject
			 ? "您已经为这个孩子填写过这份问卷，每个孩子只填一次"
			 : "您已经填写过这份问卷，每人只填一次");
		e->details = json_pack("{s:s,s:s?}", "group", c->grp, "clause", c->clause);
		return -1;
	}
	if (store_sv_answered_add(db, c->survey, c->who->user_id, c->grp, c->subject, dbe) != 0 ||
	    store_sv_answer_add(db, c->id, c->survey, c->school, c->grp, dbe) != 0)
		return -1;
	for (int k = 0; k < c->t->nq; k++) {
		json_t *v = json_object_get(c->ans, c->t->q[k].id);
		const struct sv_given *g = &c->given[k];

		if (!g->present || (!g->number && g->chars == 0))
			continue;
		if (store_sv_answer_item_add(db, c->id, c->t->q[k].id, g->number, g->value,
					     g->number ? NULL : json_string_value(v), dbe) != 0)
			return -1;
	}
	snprintf(object, sizeof object, "survey/%lld", (long long)c->survey);
	d = json_pack("{s:s}", "group", c->grp);
	rc = app_audit(db, c->who, "survey.answer", object, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_survey_answer(struct app *a, const struct actor *who, int64_t id, json_t *body,
		      json_t **out, struct app_err *e)
{
	static const char *const skip[] = { "answers", NULL };
	struct answer_in in = { 0 };
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct sv_places k = { 0 };
	struct sv_scale s;
	struct policy_sv_template t;
	struct sv_given given[POLICY_SV_MAX_Q];
	struct answer_ctx c = { .who = who, .survey = id,
				.clause = policy_rule_clause(&a->policy, "SV_SURVEY") };
	json_t *snap = NULL;
	struct db *db;
	int rc;

	memset(given, 0, sizeof given);
	if (app_decode_scalars(body, skip, answer_fields,
			       sizeof answer_fields / sizeof answer_fields[0], &in, e) != 0)
		return -1;
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_sv_get(db, who->district_id, id, &r, &dbe);
	if (rc == 0)
		rc = sv_places_of(db, who, &k, &dbe);
	app_db_put(a, db);
	if (rc < 0) {
		db_res_free(r);
		return app_db_fail(e, &dbe, who->request_id);
	}
	if (rc == 1)
		return sv_not_found(e);
	rc = answer_place(who, r, &in, &k, &c.school, &c.subject, e);
	if (rc == 0)
		rc = window(a, r, e);
	if (rc == 0) {
		snap = json_loads(db_res_text(r, 0, 9), 0, NULL);
		if (!snap || sv_snap_template(snap, in.group, &s, &t) != 0)
			rc = sv_not_found(e);
	}
	db_res_free(r);
	if (rc == 0)
		rc = read_answers(a, json_object_get(body, "answers"), &s, &t, given, e);
	if (rc == 0) {
		app_random_hex(c.id, 16);
		c.grp = in.group;
		c.ans = json_object_get(body, "answers");
		c.t = &t;
		c.given = given;
		rc = app_tx(a, answer_tx, &c, e);
	}
	json_decref(snap);
	if (rc != 0)
		return -1;
	*out = json_pack("{s:b,s:I,s:s,s:s}", "ok", 1, "survey_id", (json_int_t)id, "group",
			 in.group, "message", "已提交，谢谢！答卷不记姓名");
	return 0;
}
