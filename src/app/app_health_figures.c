/* app_health_figures.c - a school's and the district's health figures for a
 * term (app_health.h): activity (MG_PE_DAILY, MG_EYE_EXERCISES), fitness
 * (MG_FITNESS), vision (MG_VISION_SCREENING). */
#include "app/app_health_internal.h"
#include "core/health.h"
#include "store/store_org.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HE_EXPORT_MAX 20000

/* The term's days so far: [starts, min(ends, today)]. */
struct span {
	struct store_he_term t;
	char to[11];
	int due; /* screenings due by then */
};

static void span_of(const struct app *a, const char *today, struct span *s)
{
	int64_t st = 0, en = 0, now = 0;

	snprintf(s->to, sizeof s->to, "%s", strcmp(s->t.ends, today) < 0 ? s->t.ends : today);
	date_parse(s->t.starts, &st);
	date_parse(s->t.ends, &en);
	date_parse(today, &now);
	s->due = he_screenings_due(st, en, now, a->policy.vision_screenings_per_term);
}

/* ---- activity ---- */

static json_t *activity_json(const struct app *a, struct db_res *r)
{
	long days = 0, pe = 0, eye = 0, minutes = 0;
	json_t *classes = json_array();

	for (int i = 0; i < db_res_rows(r); i++) {
		long d = (long)db_res_int(r, i, 3), m = (long)db_res_int(r, i, 6);

		days += d;
		pe += (long)db_res_int(r, i, 4);
		eye += (long)db_res_int(r, i, 5);
		minutes += m;
		json_array_append_new(classes, json_pack("{s:I,s:s,s:i,s:I,s:I,s:I,s:o,s:o}",
			"class_id", (json_int_t)db_res_int(r, i, 0), "name", db_res_text(r, i, 1),
			"grade", (int)db_res_int(r, i, 2), "days", (json_int_t)d, "pe_short_days",
			(json_int_t)db_res_int(r, i, 4), "eye_short_days",
			(json_int_t)db_res_int(r, i, 5), "average_minutes",
			d ? json_integer((m + d / 2) / d) : json_null(), "pe_short_rate",
			he_rate((long)db_res_int(r, i, 4), d)));
	}
	return json_pack("{s:i,s:i,s:o,s:o,s:I,s:I,s:I,s:o,s:o,s:o}", "minutes_required",
			 a->policy.pe_daily_minutes, "eye_required", a->policy.eye_exercises_per_day,
			 "clause_pe", he_clause(a, "MG_PE_DAILY"), "clause_eye",
			 he_clause(a, "MG_EYE_EXERCISES"), "class_days", (json_int_t)days,
			 "pe_short_days", (json_int_t)pe, "eye_short_days", (json_int_t)eye,
			 "average_minutes", days ? json_integer((minutes + days / 2) / days) : json_null(),
			 "pe_short_rate", he_rate(pe, days), "classes", classes);
}

/* ---- fitness ---- */

struct lv {
	long tested, n[HE_LEVELS];
};

static void lv_row(struct db_res *r, int i, struct lv *l)
{
	l->tested = (long)db_res_int(r, i, 1);
	for (int k = 0; k < HE_LEVELS; k++)
		l->n[k] = (long)db_res_int(r, i, 2 + k);
}

static json_t *lv_json(const struct lv *l)
{
	long pass = l->n[HE_EXCELLENT] + l->n[HE_GOOD] + l->n[HE_PASS];

	return json_pack("{s:I,s:I,s:I,s:I,s:I,s:o,s:o}", "tested", (json_int_t)l->tested,
			 "excellent", (json_int_t)l->n[HE_EXCELLENT], "good",
			 (json_int_t)l->n[HE_GOOD], "pass", (json_int_t)l->n[HE_PASS], "fail",
			 (json_int_t)l->n[HE_FAIL], "pass_rate", he_rate(pass, l->tested),
			 "excellent_rate", he_rate(l->n[HE_EXCELLENT], l->tested));
}

static void lv_add(struct lv *sum, const struct lv *l)
{
	sum->tested += l->tested;
	for (int k = 0; k < HE_LEVELS; k++)
		sum->n[k] += l->n[k];
}

static json_t *fitness_json(const struct app *a, struct db_res *r)
{
	const struct policy *p = &a->policy;
	struct lv all = { 0 };
	json_t *grades = json_array(), *out;

	for (int i = 0; i < db_res_rows(r); i++) {
		struct lv l;
		json_t *g;

		lv_row(r, i, &l);
		lv_add(&all, &l);
		g = lv_json(&l);
		json_object_set_new(g, "grade", json_integer(db_res_int(r, i, 0)));
		json_array_append_new(grades, g);
	}
	out = lv_json(&all);
	json_object_set_new(out, "clause", he_clause(a, "MG_FITNESS"));
	json_object_set_new(out, "max_total", json_real(p->fitness_max_tenths / 10.0));
	json_object_set_new(out, "levels", json_pack("{s:f,s:f,s:f}", "excellent",
		p->fitness_excellent_tenths / 10.0, "good", p->fitness_good_tenths / 10.0, "pass",
		p->fitness_pass_tenths / 10.0));
	json_object_set_new(out, "grades", grades);
	return out;
}

/* ---- vision ---- */

/* For one key: screened and poor at the latest screening; those with an
 * earlier one, poor then, and poor now among them. */
struct vk {
	long n, poor, paired, poor_before, poor_after;
};

/* The change is paired: the same students at their latest screening and
 * the one before, so a class screened once does not move the rate. */
static json_t *vk_json(const struct vk *v)
{
	json_t *change = json_null();

	if (v->paired > 0) { /* percentage points, one decimal */
		double x = 1000.0 * (double)(v->poor_after - v->poor_before) / (double)v->paired;

		change = json_real((double)(long)(x + (x < 0 ? -0.5 : 0.5)) / 10);
	}
	return json_pack("{s:I,s:I,s:o,s:I,s:o,s:o}", "screened", (json_int_t)v->n, "poor",
			 (json_int_t)v->poor, "rate", he_rate(v->poor, v->n), "previous_screened",
			 (json_int_t)v->paired, "previous_rate", he_rate(v->poor_before, v->paired),
			 "change", change);
}

static void vk_row(struct db_res *r, int i, struct vk *v)
{
	v->n = (long)db_res_int(r, i, 1);
	v->poor = (long)db_res_int(r, i, 2);
	v->paired = (long)db_res_int(r, i, 3);
	v->poor_before = (long)db_res_int(r, i, 4);
	v->poor_after = (long)db_res_int(r, i, 5);
}

/* Each key's row, in order, to emit; totals summed into all. */
static void vision_fold(struct db_res *r, struct vk *all,
			void (*emit)(int64_t key, const struct vk *v, void *arg), void *arg)
{
	for (int i = 0; i < db_res_rows(r); i++) {
		struct vk v;

		vk_row(r, i, &v);
		all->n += v.n;
		all->poor += v.poor;
		all->paired += v.paired;
		all->poor_before += v.poor_before;
		all->poor_after += v.poor_after;
		if (emit)
			emit(db_res_int(r, i, 0), &v, arg);
	}
}

static void emit_grade(int64_t key, const struct vk *v, void *arg)
{
	json_t *g = vk_json(v);

	json_object_set_new(g, "grade", json_integer(key));
	json_array_append_new(arg, g);
}

/* Classes with fewer screening days this term than are due by now. */
static json_t *overdue_json(const struct span *s, struct db_res *r, int64_t school_id,
			    long *count)
{
	json_t *list = json_array();

	*count = 0;
	for (int i = 0; i < db_res_rows(r); i++) {
		long done = (long)db_res_int(r, i, 5);

		if ((school_id && db_res_int(r, i, 3) != school_id) || done >= s->due)
			continue;
		(*count)++;
		if (list)
			json_array_append_new(list, json_pack("{s:I,s:s,s:i,s:I,s:i,s:I,s:I,s:s}",
				"class_id", (json_int_t)db_res_int(r, i, 0), "name",
				db_res_text(r, i, 1), "grade", (int)db_res_int(r, i, 2),
				"screenings", (json_int_t)done, "due", s->due, "students",
				(json_int_t)db_res_int(r, i, 4), "screened",
				(json_int_t)db_res_int(r, i, 6), "last_day", db_res_text(r, i, 7)));
	}
	return list;
}

static json_t *vision_json(const struct app *a, const struct span *s, struct db_res *ranked,
			   struct db_res *classes)
{
	const struct policy *p = &a->policy;
	struct vk all = { 0 };
	json_t *grades = json_array(), *out;
	long overdue = 0;
	json_t *list;

	vision_fold(ranked, &all, emit_grade, grades);
	list = overdue_json(s, classes, 0, &overdue);
	out = vk_json(&all);
	json_object_set_new(out, "clause", he_clause(a, "MG_VISION_SCREENING"));
	json_object_set_new(out, "per_term", json_integer(p->vision_screenings_per_term));
	json_object_set_new(out, "due_now", json_integer(s->due));
	json_object_set_new(out, "myopia_below", json_real(p->vision_myopia_below_tenths / 10.0));
	json_object_set_new(out, "grades", grades);
	json_object_set_new(out, "classes_overdue", json_integer(overdue));
	json_object_set_new(out, "overdue_classes", list);
	return out;
}

/* ---- a school ---- */

struct fig_rows {
	struct db_res *act, *fit, *vis, *cls;
};

static void rows_free(struct fig_rows *f)
{
	db_res_free(f->act);
	db_res_free(f->fit);
	db_res_free(f->vis);
	db_res_free(f->cls);
	memset(f, 0, sizeof *f);
}

static int school_rows(struct app *a, struct db *db, const struct actor *who, int64_t school_id,
		       const struct span *s, struct fig_rows *f, struct db_err *dbe)
{
	return store_he_activity_classes(db, school_id, s->t.starts, s->to, &f->act, dbe) ||
	       store_he_fitness_grades(db, school_id, s->t.id, &f->fit, dbe) ||
	       store_he_vision_grades(db, school_id, s->t.ends, a->policy.vision_myopia_below_tenths,
				      &f->vis, dbe) ||
	       store_he_vision_classes(db, who->district_id, school_id, s->t.starts, s->t.ends,
				       &f->cls, dbe) ? -1 : 0;
}

static json_t *term_json(const struct store_he_term *t)
{
	return json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)t->id, "name", t->name,
			 "starts_on", t->starts, "ends_on", t->ends);
}

int app_health_figures(struct app *a, const struct actor *who, int64_t school_id,
		       int64_t term_id, json_t *out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct fig_rows f = { 0 };
	struct span s;
	char today[11], kind[16];
	struct db *db;
	int rc;

	if (!app_reads_school(who, school_id))
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	db = app_db_get(a, e);
	if (!db)
		return -1;
	app_today(a, today);
	rc = app_school_term(db, who, school_id, 0, kind, sizeof kind, &dbe);
	if (rc < 0)
		rc = app_db_fail(e, &dbe, who->request_id);
	else if (rc == 1)
		rc = app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	if (rc == 0)
		rc = he_term(db, who, term_id, today, &s.t, e);
	if (rc == 0) {
		span_of(a, today, &s);
		if (school_rows(a, db, who, school_id, &s, &f, &dbe) != 0)
			rc = app_db_fail(e, &dbe, who->request_id);
	}
	app_db_put(a, db);
	if (rc == 0) {
		if (!json_object_get(out, "term_id")) {
			json_object_set_new(out, "term_id", json_integer(s.t.id));
			json_object_set_new(out, "term", term_json(&s.t));
		}
		json_object_set_new(out, "activity", activity_json(a, f.act));
		json_object_set_new(out, "fitness", fitness_json(a, f.fit));
		json_object_set_new(out, "vision", vision_json(a, &s, f.vis, f.cls));
	}
	rows_free(&f);
	return rc;
}

int app_health_school(struct app *a, const struct actor *who, int64_t school_id,
		      const char *term_id, json_t **out, struct app_err *e)
{
	int64_t tid;
	json_t *o;

	if (he_term_arg(term_id, &tid, e) != 0)
		return -1;
	o = json_pack("{s:I}", "school_id", (json_int_t)school_id);
	if (app_health_figures(a, who, school_id, tid, o, e) != 0) {
		json_decref(o);
		return -1;
	}
	*out = o;
	return 0;
}

/* ---- the district ---- */

struct district {
	struct span s;
	struct db_res *schools;
	struct fig_rows f;
};

static int district_rows(struct app *a, const struct actor *who, const char *term_id,
			 int64_t after, int limit, struct district *d, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct store_scope sc;
	char today[11];
	int64_t tid;
	struct db *db;
	int rc;

	if (who->role != ROLE_DISTRICT_ADMIN && who->role != ROLE_INSPECTOR)
		return app_fail(e, 403, "FORBIDDEN", "只有教育局和督导可以查看全区体质健康情况");
	if (he_term_arg(term_id, &tid, e) != 0)
		return -1;
	db = app_db_get(a, e);
	if (!db)
		return -1;
	app_today(a, today);
	app_scope_of(who, &sc);
	rc = he_term(db, who, tid, today, &d->s.t, e);
	if (rc == 0) {
		span_of(a, today, &d->s);
		if (store_school_list(db, &sc, NULL, after, limit, &d->schools, &dbe) ||
		    store_he_activity_schools(db, who->district_id, d->s.t.starts, d->s.to, &d->f.act,
					      &dbe) ||
		    store_he_fitness_schools(db, who->district_id, d->s.t.id, &d->f.fit, &dbe) ||
		    store_he_vision_schools(db, who->district_id, d->s.t.ends,
					    a->policy.vision_myopia_below_tenths, &d->f.vis, &dbe) ||
		    store_he_vision_classes(db, who->district_id, 0, d->s.t.starts, d->s.t.ends,
					    &d->f.cls, &dbe))
			rc = app_db_fail(e, &dbe, who->request_id);
	}
	app_db_put(a, db);
	return rc;
}

static void district_free(struct district *d)
{
	db_res_free(d->schools);
	rows_free(&d->f);
}

/* The row of key in a result sorted by its first column, or -1. */
static int row_of(struct db_res *r, int64_t key)
{
	for (int i = 0; i < db_res_rows(r); i++)
		if (db_res_int(r, i, 0) == key)
			return i;
	return -1;
}

struct school_fig {
	long days, pe, eye, minutes, overdue;
	struct lv fit;
	struct vk vis;
};

struct pick {
	int64_t key;
	struct vk *out;
};

static void emit_school(int64_t key, const struct vk *v, void *arg)
{
	struct pick *pk = arg;

	if (key == pk->key)
		*pk->out = *v;
}

static void school_fig(const struct district *d, int64_t school_id, struct school_fig *sf)
{
	struct vk ignore = { 0 };
	struct pick pk = { school_id, &sf->vis };
	int i;

	memset(sf, 0, sizeof *sf);
	vision_fold(d->f.vis, &ignore, emit_school, &pk);
	i = row_of(d->f.act, school_id);
	if (i >= 0) {
		sf->days = (long)db_res_int(d->f.act, i, 1);
		sf->pe = (long)db_res_int(d->f.act, i, 2);
		sf->eye = (long)db_res_int(d->f.act, i, 3);
		sf->minutes = (long)db_res_int(d->f.act, i, 4);
	}
	i = row_of(d->f.fit, school_id);
	if (i >= 0)
		lv_row(d->f.fit, i, &sf->fit);
	json_decref(overdue_json(&d->s, d->f.cls, school_id, &sf->overdue));
}

static json_t *fig_json(const struct school_fig *sf)
{
	return json_pack("{s:{s:I,s:I,s:I,s:o,s:o},s:o,s:o}", "activity", "class_days",
			 (json_int_t)sf->days, "pe_short_days", (json_int_t)sf->pe,
			 "eye_short_days", (json_int_t)sf->eye, "average_minutes",
			 sf->days ? json_integer((sf->minutes + sf->days / 2) / sf->days)
				  : json_null(), "pe_short_rate", he_rate(sf->pe, sf->days),
			 "fitness", lv_json(&sf->fit), "vision", vk_json(&sf->vis));
}

static json_t *district_totals(const struct district *d)
{
	struct school_fig all = { 0 };
	long overdue = 0;
	json_t *t;

	for (int i = 0; i < db_res_rows(d->f.act); i++) {
		all.days += (long)db_res_int(d->f.act, i, 1);
		all.pe += (long)db_res_int(d->f.act, i, 2);
		all.eye += (long)db_res_int(d->f.act, i, 3);
		all.minutes += (long)db_res_int(d->f.act, i, 4);
	}
	for (int i = 0; i < db_res_rows(d->f.fit); i++) {
		struct lv l;

		lv_row(d->f.fit, i, &l);
		lv_add(&all.fit, &l);
	}
	vision_fold(d->f.vis, &all.vis, NULL, NULL);
	json_decref(overdue_json(&d->s, d->f.cls, 0, &overdue));
	t = fig_json(&all);
	json_object_set_new(json_object_get(t, "vision"), "classes_overdue", json_integer(overdue));
	return t;
}

int app_health_district(struct app *a, const struct actor *who, const char *term_id,
			const char *cursor, const char *limit, json_t **out, struct app_err *e)
{
	struct district d = { 0 };
	int64_t after = 0;
	int lim = app_parse_limit(limit, 100, 1000);
	json_t *items, *page;

	if (lim < 0 || (cursor && *cursor && app_parse_cursor(cursor, &after) != 0))
		return app_fail(e, 400, "QUERY_INVALID", "cursor、limit 应为正整数（limit 最多 1000）");
	if (district_rows(a, who, term_id, after, lim, &d, e) != 0) {
		district_free(&d);
		return -1;
	}
	items = json_array();
	for (int i = 0; i < db_res_rows(d.schools); i++) {
		int64_t id = db_res_int(d.schools, i, 0);
		struct school_fig sf;
		json_t *row;

		school_fig(&d, id, &sf);
		row = fig_json(&sf);
		json_object_set_new(row, "id", json_integer(id));
		json_object_set_new(row, "code", json_string(db_res_text(d.schools, i, 1)));
		json_object_set_new(row, "name", json_string(db_res_text(d.schools, i, 2)));
		json_object_set_new(row, "kind", json_string(db_res_text(d.schools, i, 3)));
		json_object_set_new(json_object_get(row, "vision"), "classes_overdue",
				    json_integer(sf.overdue));
		json_array_append_new(items, row);
	}
	page = app_page(items, lim);
	json_object_set_new(page, "term_id", json_integer(d.s.t.id));
	json_object_set_new(page, "term", term_json(&d.s.t));
	json_object_set_new(page, "totals", district_totals(&d));
	json_object_set_new(page, "vision_due_now", json_integer(d.s.due));
	district_free(&d);
	*out = page;
	return 0;
}

const char *const he_export_header[] = {
	"学校代码", "学校名称", "登记班级天数", "体育活动不足天数", "眼保健操不足天数",
	"日均体育活动（分钟）", "体质测试人数", "及格率（%）", "优秀率（%）", "视力筛查人数",
	"视力不良率（%）", "较上次变化（百分点）", "视力筛查逾期班级数"
};
const size_t he_export_ncols = sizeof he_export_header / sizeof he_export_header[0];

static void num_text(json_t *v, char *out, size_t cap)
{
	if (json_is_integer(v))
		snprintf(out, cap, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(out, cap, "%.1f", json_real_value(v));
	else
		snprintf(out, cap, "%s", "");
}

static int export_row(struct table *t, struct db_res *schools, int i, json_t *row)
{
	static const char *const paths[][2] = {
		{ "activity", "class_days" }, { "activity", "pe_short_days" },
		{ "activity", "eye_short_days" }, { "activity", "average_minutes" },
		{ "fitness", "tested" }, { "fitness", "pass_rate" }, { "fitness", "excellent_rate" },
		{ "vision", "screened" }, { "vision", "rate" }, { "vision", "change" },
		{ "vision", "classes_overdue" }
	};
	char cells[13][32];
	const char *c[13];

	c[0] = db_res_text(schools, i, 1);
	c[1] = db_res_text(schools, i, 2);
	for (size_t k = 0; k < 11; k++) {
		num_text(json_object_get(json_object_get(row, paths[k][0]), paths[k][1]), cells[k],
			 sizeof cells[k]);
		c[k + 2] = cells[k];
	}
	return table_add_row(t, i + 2, c, 13);
}

static int export_audit_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	return app_audit(db, vctx, "health.export", "district", "ok", NULL, dbe);
}

int app_health_district_table(struct app *a, const struct actor *who, const char *term_id,
			      struct table *t, struct app_err *e)
{
	struct district d = { 0 };
	int rc = 0;

	if (district_rows(a, who, term_id, 0, HE_EXPORT_MAX, &d, e) != 0) {
		district_free(&d);
		return -1;
	}
	for (int i = 0; rc == 0 && i < db_res_rows(d.schools); i++) {
		struct school_fig sf;
		json_t *row;

		school_fig(&d, db_res_int(d.schools, i, 0), &sf);
		row = fig_json(&sf);
		json_object_set_new(json_object_get(row, "vision"), "classes_overdue",
				    json_integer(sf.overdue));
		rc = export_row(t, d.schools, i, row);
		json_decref(row);
	}
	district_free(&d);
	if (rc != 0)
		return app_fail(e, 500, "EXPORT_FAILED", "导出失败");
	return app_tx(a, export_audit_tx, (void *)who, e);
}
