/* app_exam_views.c - exams seen from above: the district's view (per school
 * and grade, with district totals), its .xlsx export, and the figures the
 * supervision of B13 reads (app_exam_figures). Each grade's plans are judged
 * against the pack in force (core/exam.h). */
#include "app/app_exam_internal.h"
#include "core/exam.h"
#include "store/store_exam.h"

#include <stdio.h>
#include <string.h>

/* One grade of one school: its live plans counted. */
struct grade_count {
	int plans, finals, midterms, other, forbidden, paper_g12;
};

static void count_row(const struct policy *p, const struct db_res *r, int i,
		      struct grade_count *g)
{
	const char *kind = db_res_text(r, i, 3), *form = db_res_text(r, i, 4);
	int grade = (int)db_res_int(r, i, 2), n = (int)db_res_int(r, i, 5);

	g->plans += n;
	if (!strcmp(kind, "final"))
		g->finals += n;
	else if (!strcmp(kind, "midterm"))
		g->midterms += n;
	else
		g->other += n;
	if (strcmp(kind, "final") && strcmp(kind, "midterm") && ex_kind_allowance(p, grade, kind) == 0)
		g->forbidden += n;
	if (!strcmp(form, "paper") && p->ex_paper_forbidden[grade])
		g->paper_g12 += n;
}

/* EX_FINAL_ONCE, EX_MIDTERM, EX_FORBIDDEN_KIND, EX_G12_PAPER for a grade. */
static bool within(const struct policy *p, int grade, const struct grade_count *g)
{
	return g->finals <= p->ex_finals_per_term && g->midterms <= p->ex_midterms_per_term[grade] &&
	       g->forbidden == 0 && g->paper_g12 == 0;
}

static json_t *grade_json(const struct policy *p, int grade, const struct grade_count *g)
{
	return json_pack("{s:i,s:i,s:i,s:i,s:i,s:i,s:b}", "grade", grade, "plans", g->plans,
			 "finals", g->finals, "midterms", g->midterms, "other", g->other,
			 "paper_g12", g->paper_g12, "within_rules", within(p, grade, g));
}

/* The school's rows [*i, end) as {grades:[…], plans, grades_planned,
 * grades_within_rules}; only_planned leaves out grades without a plan,
 * else every grade in want[] is listed. */
static json_t *school_json(const struct policy *p, const struct db_res *r, int *i,
			   const bool want[POLICY_MAX_GRADE + 1], bool only_planned)
{
	struct grade_count g[POLICY_MAX_GRADE + 1] = { 0 };
	int64_t id = db_res_int(r, *i, 0);
	json_t *grades = json_array();
	int plans = 0, planned = 0, ok = 0;

	for (; *i < db_res_rows(r) && db_res_int(r, *i, 0) == id; (*i)++)
		if (!db_res_isnull(r, *i, 2) && db_res_int(r, *i, 2) >= 1 &&
		    db_res_int(r, *i, 2) <= POLICY_MAX_GRADE)
			count_row(p, r, *i, &g[db_res_int(r, *i, 2)]);
	for (int k = 1; k <= POLICY_MAX_GRADE; k++) {
		if (only_planned ? g[k].plans == 0 : !want[k])
			continue;
		plans += g[k].plans;
		planned += g[k].plans > 0;
		ok += g[k].plans > 0 && within(p, k, &g[k]);
		json_array_append_new(grades, grade_json(p, k, &g[k]));
	}
	return json_pack("{s:o,s:i,s:i,s:i}", "grades", grades, "plans", plans, "grades_planned",
			 planned, "grades_within_rules", ok);
}

struct district_args {
	int64_t term_id, school_id, after;
	int grade, limit;
};

static int district_args(const struct exam_district_filter *f, struct district_args *d,
			 struct app_err *e)
{
	int64_t grade = 0;

	if (exam_query_id(f->term_id, "term_id", &d->term_id, e) != 0 ||
	    exam_query_id(f->school_id, "school_id", &d->school_id, e) != 0 ||
	    exam_query_id(f->grade, "grade", &grade, e) != 0 ||
	    exam_page_args(f->cursor, f->limit, &d->after, &d->limit, e) != 0)
		return -1;
	if (d->term_id == 0)
		return app_fail(e, 400, "QUERY_INVALID", "请选择学期（term_id）");
	if (grade > POLICY_MAX_GRADE)
		return app_fail(e, 400, "QUERY_INVALID", "grade 应为 1 到 9");
	d->grade = (int)grade;
	return 0;
}

static int load_counts(struct app *a, const struct actor *who, const struct district_args *d,
		       struct db_res **r, struct app_err *e)
{
	struct db_err dbe = { 0 };
	char s[11], t[11];
	struct db *db;
	int rc;

	if (who->role != ROLE_DISTRICT_ADMIN && who->role != ROLE_INSPECTOR)
		return app_fail(e, 404, "NOT_FOUND", "没有找到");
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_exam_term(db, who->district_id, d->term_id, s, t, &dbe);
	if (rc == 0)
		rc = store_exam_counts(db, who->district_id, d->term_id, d->school_id, d->grade, r,
				       &dbe);
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有这个学期");
	return 0;
}

static void add_totals(json_t *tot, json_t *school)
{
	static const char *const keys[] = { "plans", "grades_planned", "grades_within_rules",
					    NULL };
	json_t *g;
	size_t i;

	for (int k = 0; keys[k]; k++)
		json_object_set_new(tot, keys[k], json_integer(
			json_integer_value(json_object_get(tot, keys[k])) +
			json_integer_value(json_object_get(school, keys[k]))));
	json_array_foreach(json_object_get(school, "grades"), i, g) {
		json_t *bg = json_object_get(tot, "by_grade");
		json_t *row = json_array_get(bg, (size_t)json_integer_value(json_object_get(g, "grade")) - 1);
		static const char *const gk[] = { "plans", "finals", "midterms", "other", "paper_g12",
						  NULL };

		for (int k = 0; gk[k]; k++)
			json_object_set_new(row, gk[k], json_integer(
				json_integer_value(json_object_get(row, gk[k])) +
				json_integer_value(json_object_get(g, gk[k]))));
		json_object_set_new(row, "schools", json_integer(
			json_integer_value(json_object_get(row, "schools")) + 1));
		if (json_is_true(json_object_get(g, "within_rules")))
			json_object_set_new(row, "schools_within_rules", json_integer(
				json_integer_value(json_object_get(row, "schools_within_rules")) + 1));
	}
}

static json_t *new_totals(void)
{
	json_t *bg = json_array();

	for (int k = 1; k <= POLICY_MAX_GRADE; k++)
		json_array_append_new(bg, json_pack("{s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i}", "grade", k,
						    "schools", 0, "schools_within_rules", 0,
						    "plans", 0, "finals", 0, "midterms", 0, "other",
						    0, "paper_g12", 0));
	return json_pack("{s:i,s:i,s:i,s:i,s:o}", "schools", 0, "plans", 0, "grades_planned", 0,
			 "grades_within_rules", 0, "by_grade", bg);
}

int app_exam_district(struct app *a, const struct actor *who,
		      const struct exam_district_filter *f, json_t **out, struct app_err *e)
{
	struct district_args d = { 0 };
	struct db_res *r = NULL;
	json_t *items, *tot;
	char cur[32];
	int i = 0, shown = 0;
	bool more = false;

	if (district_args(f, &d, e) != 0 || load_counts(a, who, &d, &r, e) != 0)
		return -1;
	items = json_array();
	tot = new_totals();
	while (i < db_res_rows(r)) {
		int64_t id = db_res_int(r, i, 0);
		const char *name = db_res_text(r, i, 1);
		json_t *s = school_json(&a->policy, r, &i, NULL, true);

		add_totals(tot, s);
		json_object_set_new(tot, "schools", json_integer(
			json_integer_value(json_object_get(tot, "schools")) + 1));
		if (id <= d.after || shown >= d.limit) {
			more |= shown >= d.limit && id > d.after;
			json_decref(s);
			continue;
		}
		json_object_set_new(s, "id", json_integer(id));
		json_object_set_new(s, "school_id", json_integer(id));
		json_object_set_new(s, "school_name", json_string(name));
		json_array_append_new(items, s);
		shown++;
	}
	db_res_free(r);
	snprintf(cur, sizeof cur, "%lld", (long long)json_integer_value(json_object_get(
		json_array_get(items, json_array_size(items) - 1), "id")));
	*out = json_pack("{s:I,s:o,s:o,s:o}", "term_id", (json_int_t)d.term_id, "items", items,
			 "next_cursor", more ? json_string(cur) : json_null(), "totals", tot);
	return 0;
}

const char *const exam_export_header[] = { "学校", "年级", "考试安排", "期末考试",
					    "期中考试", "其他考试", "一二年级纸笔考试",
					    "符合规定" };
const size_t exam_export_ncols = sizeof exam_export_header / sizeof exam_export_header[0];

static int export_audit_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	const struct actor *who = vctx;

	(void)e;
	return app_audit(db, who, "exam.export", "exam:*", "ok", NULL, dbe);
}

static int export_school(struct table *t, const char *name, json_t *s)
{
	json_t *g;
	size_t i;

	json_array_foreach(json_object_get(s, "grades"), i, g) {
		char n[6][16];
		const char *cells[8] = { name, n[0], n[1], n[2], n[3], n[4], n[5],
					 json_is_true(json_object_get(g, "within_rules")) ? "是"
											 : "否" };
		static const char *const keys[] = { "plans", "finals", "midterms", "other",
						    "paper_g12" };

		snprintf(n[0], sizeof n[0], "%lld 年级",
			 (long long)json_integer_value(json_object_get(g, "grade")));
		for (int k = 0; k < 5; k++)
			snprintf(n[k + 1], sizeof n[k + 1], "%lld",
				 (long long)json_integer_value(json_object_get(g, keys[k])));
		if (table_add_row(t, (int)t->nrows + 2, cells, 8) != 0)
			return -1;
	}
	return 0;
}

int app_exam_table(struct app *a, const struct actor *who,
		   const struct exam_district_filter *f, struct table *t, struct app_err *e)
{
	struct exam_district_filter all = *f;
	struct district_args d = { 0 };
	struct db_res *r = NULL;
	int i = 0, rc = 0;

	all.cursor = NULL;
	all.limit = NULL;
	if (district_args(&all, &d, e) != 0 || load_counts(a, who, &d, &r, e) != 0)
		return -1;
	while (rc == 0 && i < db_res_rows(r)) {
		char name[256];
		json_t *s;

		snprintf(name, sizeof name, "%s", db_res_text(r, i, 1));
		s = school_json(&a->policy, r, &i, NULL, true);
		rc = export_school(t, name, s);
		json_decref(s);
	}
	db_res_free(r);
	if (rc != 0)
		return app_fail(e, 500, "EXPORT_FAILED", "导出失败");
	return app_tx(a, export_audit_tx, (void *)who, e);
}

int app_exam_figures(struct app *a, const struct actor *who, int64_t school_id,
		     int64_t term_id, json_t *out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	bool grades[POLICY_MAX_GRADE + 1];
	char kind[16];
	struct db *db = app_db_get(a, e);
	json_t *x;
	int rc, i = 0;

	if (!db)
		return -1;
	rc = app_school_term(db, who, school_id, term_id, kind, sizeof kind, &dbe);
	if (rc == 0 && !app_reads_school(who, school_id))
		rc = 1;
	if (rc == 0)
		rc = store_exam_counts(db, who->district_id, term_id, school_id, 0, &r, &dbe);
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	if (rc == 2)
		return app_fail(e, 404, "NOT_FOUND", "没有这个学期");
	app_school_grades(kind, grades);
	x = db_res_rows(r) ? school_json(&a->policy, r, &i, grades, false)
			   : json_pack("{s:[],s:i,s:i,s:i}", "grades", "plans", 0, "grades_planned",
				       0, "grades_within_rules", 0);
	db_res_free(r);
	json_object_set_new(x, "term_id", json_integer(term_id));
	json_object_set_new(out, "exams", x);
	return 0;
}

int app_exam_figures_get(struct app *a, const struct actor *who, int64_t school_id,
			 const char *term_id, json_t **out, struct app_err *e)
{
	int64_t term = 0;
	json_t *o;

	if (exam_query_id(term_id, "term_id", &term, e) != 0)
		return -1;
	if (term == 0)
		return app_fail(e, 400, "QUERY_INVALID", "请选择学期（term_id）");
	o = json_pack("{s:I}", "school_id", (json_int_t)school_id);
	if (app_exam_figures(a, who, school_id, term, o, e) != 0) {
		json_decref(o);
		return -1;
	}
	*out = o;
	return 0;
}
