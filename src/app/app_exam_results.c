/* app_exam_results.c - exam results as grade levels (EX_NO_RANKING: 五(四)4
 * 考试结果一律实行等级制; B13.1 不公布考试成绩和排名): entered per class,
 * answered only as counts of each level per class and grade. */
#include "app/app_exam_internal.h"
#include "core/exam.h"
#include "store/store_exam.h"
#include "store/store_org.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

#define EX_MAX_RESULTS 2000

/* EX_NO_RANKING: a body that carries a score or a rank anywhere is refused,
 * not quietly dropped, so nobody believes one was kept. */
static const char *const ranking_keys[] = { "score", "scores", "mark", "marks", "points",
					    "rank", "ranking", "position", NULL };

static const char *ranking_key(json_t *v)
{
	const char *k, *hit;
	json_t *x;
	size_t i;

	if (json_is_object(v)) {
		json_object_foreach(v, k, x) {
			for (int j = 0; ranking_keys[j]; j++)
				if (!strcmp(k, ranking_keys[j]))
					return ranking_keys[j];
			if ((hit = ranking_key(x)) != NULL)
				return hit;
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			if ((hit = ranking_key(x)) != NULL)
				return hit;
	}
	return NULL;
}

struct row_in {
	int64_t student_id;
	const char *subject, *level;
};

static const struct jfield row_fields[] = {
	{ "student_id", JF_INT, offsetof(struct row_in, student_id), true, 1, INT64_MAX, NULL,
	  "学生" },
	{ "subject", JF_STR, offsetof(struct row_in, subject), true, 1, 32, NULL, "科目" },
	{ "level", JF_STR, offsetof(struct row_in, level), true, 1, 63, NULL, "等级" },
};

struct results_ctx {
	struct app *a;
	const struct actor *who;
	int64_t id, class_id;
	json_t *rows;
	int n;
};

static int row_fail(struct app_err *e, size_t i, const char *what, const char *msg)
{
	char field[48];

	snprintf(field, sizeof field, "results.%zu.%s", i, what);
	return app_field_fail(e, 422, "FIELD_INVALID", field, msg);
}

static int has_subject(const char *subjects, const char *s)
{
	size_t n = strlen(s);

	for (const char *p = subjects; p && *p;) {
		size_t k = strcspn(p, ",");

		if (k == n && !strncmp(p, s, n))
			return 1;
		p += k + (p[k] == ',');
	}
	return 0;
}

static int in_class(const struct db_res *st, int64_t id)
{
	for (int i = 0; i < db_res_rows(st); i++)
		if (db_res_int(st, i, 0) == id)
			return 1;
	return 0;
}

/* Each row checked against the plan, the class and the pack, then stored. */
static int put_rows(struct results_ctx *c, struct db *db, const struct db_res *plan,
		    const struct db_res *st, struct db_err *dbe, struct app_err *e)
{
	const char *subjects = db_res_text(plan, 0, EXC_SUBJECTS);
	int64_t now = time_now();
	json_t *v;
	size_t i;

	json_array_foreach(c->rows, i, v) {
		struct row_in in = { 0 };
		struct jf_error je;
		char field[96];

		if (!json_is_object(v))
			return app_field_fail(e, 400, "FIELD_TYPE", "results", "每条成绩应为对象");
		if (jf_decode(v, row_fields, 3, &in, &je) != 0) {
			snprintf(field, sizeof field, "results.%zu.%s", i, je.field);
			return app_field_fail(e, je.status, je.code, field, je.message);
		}
		if (!in_class(st, in.student_id))
			return row_fail(e, i, "student_id", "这名学生不在这个班级");
		if (!has_subject(subjects, in.subject))
			return row_fail(e, i, "subject", "这次考试没有这个科目");
		/* EX_NO_RANKING: only the pack's levels */
		if (ex_level_index(&c->a->policy, in.level) < 0)
			return row_fail(e, i, "level", "等级应为政策规定的等级之一");
		if (store_exam_result_put(db, c->id, c->who->district_id, c->class_id,
					  in.student_id, in.subject, in.level, now, c->who->user_id,
					  dbe) != 0)
			return -1;
	}
	c->n = (int)i;
	return 0;
}

/* The class: of the plan's school and grade, and visible to the actor (a
 * teacher: one they teach or head). 0, 1 not theirs, -1 error. */
static int class_ok(struct db *db, const struct actor *who, const struct db_res *plan,
		    int64_t class_id, struct db_err *dbe)
{
	struct store_scope s;
	struct db_res *r = NULL;
	int rc;

	app_scope_of(who, &s);
	rc = store_class_get(db, &s, class_id, &r, dbe);
	if (rc == 0 && (db_res_int(r, 0, 1) != db_res_int(plan, 0, EXC_SCHOOL) ||
			db_res_int(r, 0, 4) != db_res_int(plan, 0, EXC_GRADE)))
		rc = 1;
	db_res_free(r);
	return rc;
}

static int results_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct results_ctx *c = vctx;
	struct db_res *plan = NULL, *st = NULL;
	char obj[48];
	json_t *d;
	int rc = store_exam_get(db, c->who->district_id, c->id, 1, &plan, dbe);

	if (rc == 0 && !app_manages_school(c->who, db_res_int(plan, 0, EXC_SCHOOL)) &&
	    c->who->role != ROLE_TEACHER)
		rc = 1;
	if (rc == 0)
		rc = class_ok(db, c->who, plan, c->class_id, dbe);
	if (rc == 0 && db_res_int(plan, 0, EXC_WITHDRAWN))
		rc = 2;
	if (rc == 0)
		rc = store_exam_class_students(db, c->class_id, &st, dbe);
	if (rc == 0)
		rc = put_rows(c, db, plan, st, dbe, e);
	db_res_free(plan);
	db_res_free(st);
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有找到这项考试安排或班级，或不在您的权限范围内");
	if (rc == 2)
		return app_fail(e, 409, "EX_WITHDRAWN", "这项考试安排已经撤销，不能登记结果");
	if (rc != 0)
		return -1;
	snprintf(obj, sizeof obj, "exam:%lld", (long long)c->id);
	d = json_pack("{s:I,s:i}", "class_id", (json_int_t)c->class_id, "recorded", c->n);
	rc = app_audit(db, c->who, "exam.results", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_exam_results_put(struct app *a, const struct actor *who, int64_t id, json_t *body,
			 json_t **out, struct app_err *e)
{
	struct results_ctx c = { .a = a, .who = who, .id = id };
	json_t *cls = json_object_get(body, "class_id");
	const char *k, *hit;
	json_t *v;

	/* EX_NO_RANKING: 五(四)4; B13.1 */
	if ((hit = ranking_key(body)) != NULL) {
		const char *clause = policy_rule_clause(&a->policy, "EX_NO_RANKING");

		app_fail(e, 422, "EX_NO_RANKING", "考试结果只登记等级，不收分数或排名（字段 %s）", hit);
		e->details = json_pack("{s:s,s:s,s:s}", "rule", "EX_NO_RANKING", "clause",
				       clause ? clause : "", "field", hit);
		return -1;
	}
	json_object_foreach(body, k, v)
		if (strcmp(k, "class_id") && strcmp(k, "results"))
			return app_field_fail(e, 400, "FIELD_UNKNOWN", k, "请求中有未知字段");
	c.rows = json_object_get(body, "results");
	if (!cls || !c.rows)
		return app_field_fail(e, 422, "FIELD_REQUIRED", cls ? "results" : "class_id",
				      "请选择班级并填写等级");
	if (!json_is_integer(cls) || json_integer_value(cls) <= 0)
		return app_field_fail(e, 400, "FIELD_TYPE", "class_id", "班级应为正整数 id");
	if (!json_is_array(c.rows))
		return app_field_fail(e, 400, "FIELD_TYPE", "results", "结果应为数组");
	if (json_array_size(c.rows) == 0 || json_array_size(c.rows) > EX_MAX_RESULTS)
		return app_field_fail(e, 422, "FIELD_INVALID", "results", "结果应为 1 到 2000 条");
	c.class_id = json_integer_value(cls);
	if (app_tx(a, results_tx, &c, e) != 0)
		return -1;
	*out = json_pack("{s:I,s:I,s:i}", "exam_id", (json_int_t)id, "class_id",
			 (json_int_t)c.class_id, "recorded", c.n);
	return 0;
}

/* {subject: {level: n}} entries for one class's (or the grade's) rows. */
static json_t *subject_entry(const struct policy *p, const char *subject)
{
	json_t *counts = json_object();

	for (int l = 0; l < p->ex_nlevels; l++)
		json_object_set_new(counts, p->ex_levels[l], json_integer(0));
	return json_pack("{s:s,s:o,s:i}", "subject", subject, "counts", counts, "total", 0);
}

static json_t *find_subject(const struct policy *p, json_t *subjects, const char *subject)
{
	json_t *v;
	size_t i;

	json_array_foreach(subjects, i, v)
		if (!strcmp(json_string_value(json_object_get(v, "subject")), subject))
			return v;
	v = subject_entry(p, subject);
	json_array_append_new(subjects, v);
	return v;
}

static void add_count(const struct policy *p, json_t *subjects, const char *subject,
		      const char *level, json_int_t n)
{
	json_t *s = find_subject(p, subjects, subject), *counts = json_object_get(s, "counts");
	json_t *cur = json_object_get(counts, level);

	json_object_set_new(counts, level, json_integer(json_integer_value(cur) + n));
	json_object_set_new(s, "total",
			    json_integer(json_integer_value(json_object_get(s, "total")) + n));
}

static json_t *distribution(const struct policy *p, const struct db_res *r, json_t *grade)
{
	json_t *classes = json_array(), *cur = NULL;
	int64_t last = 0;

	for (int i = 0; i < db_res_rows(r); i++) {
		const char *subject = db_res_text(r, i, 2), *level = db_res_text(r, i, 3);
		json_int_t n = db_res_int(r, i, 4);

		if (!cur || db_res_int(r, i, 0) != last) {
			last = db_res_int(r, i, 0);
			cur = json_pack("{s:I,s:s,s:[]}", "class_id", (json_int_t)last, "class_name",
					db_res_text(r, i, 1), "subjects");
			json_array_append_new(classes, cur);
		}
		add_count(p, json_object_get(cur, "subjects"), subject, level, n);
		add_count(p, grade, subject, level, n);
	}
	return classes;
}

int app_exam_results(struct app *a, const struct actor *who, int64_t id, const char *class_id,
		     json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *plan = NULL, *r = NULL;
	int64_t cls = 0;
	json_t *levels, *grade, *classes;
	struct db *db;
	int rc;

	if (exam_query_id(class_id, "class_id", &cls, e) != 0)
		return -1;
	if (who->role == ROLE_TEACHER && cls == 0)
		return app_fail(e, 400, "QUERY_INVALID", "请选择班级（class_id）");
	db = app_db_get(a, e);
	if (!db)
		return -1;
	if (exam_load(a, db, who, id, &plan, e) != 0) {
		app_db_put(a, db);
		return -1;
	}
	rc = cls ? class_ok(db, who, plan, cls, &dbe) : 0;
	if (rc == 0)
		rc = store_exam_distribution(db, id, cls, &r, &dbe);
	app_db_put(a, db);
	if (rc != 0) {
		db_res_free(plan);
		if (rc < 0)
			return app_db_fail(e, &dbe, who->request_id);
		return app_fail(e, 404, "NOT_FOUND", "没有找到这个班级，或不在您的权限范围内");
	}
	levels = json_array();
	for (int l = 0; l < a->policy.ex_nlevels; l++)
		json_array_append_new(levels, json_string(a->policy.ex_levels[l]));
	grade = json_array();
	classes = distribution(&a->policy, r, grade);
	*out = json_pack("{s:o,s:o,s:o,s:{s:i,s:o}}", "exam", exam_plan_json(a, plan, 0), "levels",
			 levels, "classes", classes, "grade", "grade",
			 (int)db_res_int(plan, 0, EXC_GRADE), "subjects", grade);
	db_res_free(plan);
	db_res_free(r);
	return 0;
}
