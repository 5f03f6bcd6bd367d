/* app_exam.c - exams: a school's term plans, checked against the pack
 * (core/exam.h), listed and withdrawn. */
#include "app/app_exam_internal.h"
#include "core/exam.h"
#include "store/store_exam.h"
#include "util/buf.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

#define EX_MAX_SUBJECTS 20

struct plan_in {
	int64_t term_id, grade;
	const char *kind, *form, *date;
};

static const struct jfield plan_fields[] = {
	{ "term_id", JF_INT, offsetof(struct plan_in, term_id), true, 1, INT64_MAX, NULL, "学期" },
	{ "grade", JF_INT, offsetof(struct plan_in, grade), true, 1, POLICY_MAX_GRADE, NULL, "年级" },
	{ "kind", JF_ENUM, offsetof(struct plan_in, kind), true, 0, 0, policy_exam_kinds,
	  "考试类型" },
	{ "form", JF_ENUM, offsetof(struct plan_in, form), true, 0, 0, ex_form_ids, "考试形式" },
	{ "date", JF_DATE, offsetof(struct plan_in, date), true, 0, 0, NULL, "考试日期" },
};

json_t *exam_plan_json(const struct app *a, const struct db_res *r, int i)
{
	const char *subjects = db_res_text(r, i, EXC_SUBJECTS), *kind = db_res_text(r, i, EXC_KIND),
		   *form = db_res_text(r, i, EXC_FORM);
	json_t *subj = json_array(), *o;
	char created[40], withdrawn[40], one[128];
	const char *p = subjects;

	while (p && *p) {
		size_t n = strcspn(p, ",");

		snprintf(one, sizeof one, "%.*s", (int)n, p);
		json_array_append_new(subj, json_string(one));
		p += n + (p[n] == ',');
	}
	time_rfc3339(db_res_int(r, i, EXC_CREATED_AT), a->policy.utc_offset_minutes, created,
		     sizeof created);
	o = json_pack("{s:I,s:I,s:s,s:I,s:s,s:i,s:s,s:s,s:s,s:s,s:s,s:o,s:s,s:s,s:s}",
		      "id", (json_int_t)db_res_int(r, i, EXC_ID),
		      "school_id", (json_int_t)db_res_int(r, i, EXC_SCHOOL),
		      "school_name", db_res_text(r, i, EXC_SCHOOL_NAME),
		      "term_id", (json_int_t)db_res_int(r, i, EXC_TERM),
		      "term_name", db_res_text(r, i, EXC_TERM_NAME),
		      "grade", (int)db_res_int(r, i, EXC_GRADE), "kind", kind,
		      "kind_name", ex_kind_name(kind), "form", form, "form_name", ex_form_name(form),
		      "date", db_res_text(r, i, EXC_DATE), "subjects", subj,
		      "status", db_res_int(r, i, EXC_WITHDRAWN) ? "withdrawn" : "live",
		      "created_at", created, "created_by", db_res_text(r, i, EXC_CREATED_BY));
	if (db_res_int(r, i, EXC_WITHDRAWN)) {
		time_rfc3339(db_res_int(r, i, EXC_WITHDRAWN_AT), a->policy.utc_offset_minutes,
			     withdrawn, sizeof withdrawn);
		json_object_set_new(o, "withdrawn_reason",
				    json_string(db_res_text(r, i, EXC_REASON)));
		json_object_set_new(o, "withdrawn_at", json_string(withdrawn));
	}
	return o;
}

int exam_reads(struct db *db, const struct actor *who, int64_t school_id, struct db_err *dbe)
{
	if (app_reads_school(who, school_id))
		return 1;
	return app_on_duty(db, who, school_id, dbe);
}

int exam_load(struct app *a, struct db *db, const struct actor *who, int64_t id,
	      struct db_res **r, struct app_err *e)
{
	struct db_err dbe = { 0 };
	int rc = store_exam_get(db, who->district_id, id, 0, r, &dbe);

	if (rc == 0) {
		rc = exam_reads(db, who, db_res_int(*r, 0, EXC_SCHOOL), &dbe);
		rc = rc < 0 ? -1 : !rc;
	}
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 1) {
		db_res_free(*r);
		*r = NULL;
		return app_fail(e, 404, "NOT_FOUND", "没有找到这项考试安排，或不在您的权限范围内");
	}
	(void)a;
	return 0;
}

int exam_query_id(const char *s, const char *what, int64_t *v, struct app_err *e)
{
	*v = 0;
	if (s && *s && app_parse_cursor(s, v) != 0)
		return app_fail(e, 400, "QUERY_INVALID", "%s 应为正整数", what);
	return 0;
}

int exam_page_args(const char *cursor, const char *limit, int64_t *after, int *n,
		   struct app_err *e)
{
	*n = app_parse_limit(limit, 50, 200);
	if (*n < 0)
		return app_fail(e, 400, "QUERY_INVALID", "limit 应为 1 到 200 之间的整数");
	return exam_query_id(cursor, "cursor", after, e);
}

/* subjects: 1..EX_MAX_SUBJECTS distinct subjects of the grade, joined. */
static int decode_subjects(json_t *arr, int grade, struct buf *joined, struct app_err *e)
{
	char field[32];
	json_t *v;
	size_t i, j;

	if (!arr)
		return app_field_fail(e, 422, "FIELD_REQUIRED", "subjects", "请选择考试科目");
	if (!json_is_array(arr))
		return app_field_fail(e, 400, "FIELD_TYPE", "subjects", "考试科目应为数组");
	if (json_array_size(arr) == 0 || json_array_size(arr) > EX_MAX_SUBJECTS)
		return app_field_fail(e, 422, "FIELD_INVALID", "subjects", "考试科目应为 1 到 20 个");
	json_array_foreach(arr, i, v) {
		const char *s = json_string_value(v);

		snprintf(field, sizeof field, "subjects.%zu", i);
		if (!s)
			return app_field_fail(e, 400, "FIELD_TYPE", field, "考试科目应为文字");
		if (!ex_subject_in_grade(s, grade)) {
			app_fail(e, 422, "FIELD_INVALID", "%d 年级的课程中没有“%s”", grade, s);
			e->details = json_pack("{s:s}", "field", field);
			return -1;
		}
		for (j = 0; j < i; j++)
			if (!strcmp(json_string_value(json_array_get(arr, j)), s))
				return app_field_fail(e, 422, "FIELD_INVALID", field, "考试科目重复");
		buf_printf(joined, "%s%s", i ? "," : "", s);
	}
	return 0;
}

/* The plan as written, read inside the writing transaction (a failed read
 * rolls the write back, so a 5xx never hides a stored plan): into *exam. */
static int read_back(struct db *db, const struct app *a, const struct actor *who, int64_t id,
		     json_t **exam, struct db_err *dbe)
{
	struct db_res *r = NULL;
	int rc = store_exam_get(db, who->district_id, id, 0, &r, dbe);

	if (rc == 0) {
		json_decref(*exam);
		*exam = exam_plan_json(a, r, 0);
	}
	db_res_free(r);
	return rc ? -1 : 0;
}

struct create_ctx {
	const struct app *a;
	const struct actor *who;
	const struct policy *p;
	json_t *exam; /* the stored plan, read back inside the transaction */
	int64_t school_id, id;
	struct plan_in in;
	const char *subjects;
};

static int refuse_rule(struct app_err *e, const struct policy *p, const struct ex_verdict *v,
		       const struct plan_in *in)
{
	const char *clause = policy_rule_clause(p, v->code);

	app_fail(e, 422, v->code, "%s", v->message);
	e->details = json_pack("{s:s,s:i,s:s,s:i,s:i}", "rule", v->code, "grade", (int)in->grade,
			       "kind", in->kind, "value", v->value, "limit", v->limit);
	/* EX_DATE_OUTSIDE_TERM is the term's own bound, not a rule of the pack */
	if (clause)
		json_object_set_new(e->details, "clause", json_string(clause));
	return -1;
}

static int create_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct create_ctx *c = vctx;
	struct ex_plan x = { .grade = (int)c->in.grade, .kind = c->in.kind, .form = c->in.form,
			     .date = c->in.date };
	struct store_exam_plan sp = { c->who->district_id, c->school_id, c->in.term_id,
				      c->who->user_id, time_now(), (int)c->in.grade, c->in.kind,
				      c->in.form, c->in.date, c->subjects };
	struct ex_verdict v;
	char starts[11], ends[11], obj[48];
	json_t *d;
	int rc;

	if (store_exam_lock_school(db, c->school_id, dbe) != 0)
		return -1;
	rc = store_exam_term(db, c->who->district_id, c->in.term_id, starts, ends, dbe);
	if (rc != 0)
		return rc < 0 ? -1 : app_field_fail(e, 422, "FIELD_INVALID", "term_id", "没有这个学期");
	x.term_starts = starts;
	x.term_ends = ends;
	if (store_exam_count(db, c->school_id, c->in.term_id, x.grade, x.kind, &x.same_kind,
			     dbe) != 0)
		return -1;
	if (ex_plan_check(c->p, &x, &v) != 0)
		return refuse_rule(e, c->p, &v, &c->in);
	if (store_exam_insert(db, &sp, &c->id, dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "school:%lld", (long long)c->school_id);
	d = json_pack("{s:I,s:I,s:i,s:s,s:s,s:s,s:s}", "exam_id", (json_int_t)c->id, "term_id",
		      (json_int_t)c->in.term_id, "grade", x.grade, "kind", x.kind, "form", x.form,
		      "date", x.date, "subjects", c->subjects);
	rc = app_audit(db, c->who, "exam.plan", obj, "ok", d, dbe);
	json_decref(d);
	return rc ? -1 : read_back(db, c->a, c->who, c->id, &c->exam, dbe);
}

int app_exam_create(struct app *a, const struct actor *who, int64_t school_id, json_t *body,
		    json_t **out, struct app_err *e)
{
	static const char *const skip[] = { "subjects", NULL };
	struct create_ctx c = { .a = a, .who = who, .p = &a->policy, .school_id = school_id };
	bool grades[POLICY_MAX_GRADE + 1];
	struct buf subjects = { 0 };
	char kind[16];
	int rc = -1;

	if (!app_manages_school(who, school_id))
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	if (app_decode_scalars(body, skip, plan_fields, sizeof plan_fields / sizeof plan_fields[0],
			       &c.in, e) != 0 ||
	    app_school_term_check(a, who, school_id, c.in.term_id, kind, sizeof kind, e) != 0)
		return -1;
	app_school_grades(kind, grades);
	if (!grades[c.in.grade])
		return app_field_fail(e, 422, "FIELD_INVALID", "grade", "这所学校没有这个年级");
	buf_init(&subjects, 4096);
	if (decode_subjects(json_object_get(body, "subjects"), (int)c.in.grade, &subjects, e) != 0)
		goto out;
	c.subjects = subjects.data ? subjects.data : "";
	if (app_tx(a, create_tx, &c, e) != 0)
		goto out;
	*out = json_pack("{s:O}", "exam", c.exam);
	rc = 0;
out:
	json_decref(c.exam);
	buf_free(&subjects);
	return rc;
}

int app_exam_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		 struct app_err *e)
{
	struct db *db = app_db_get(a, e);
	struct db_res *r = NULL;
	int rc;

	if (!db)
		return -1;
	rc = exam_load(a, db, who, id, &r, e);
	app_db_put(a, db);
	if (rc != 0)
		return -1;
	*out = json_pack("{s:o}", "exam", exam_plan_json(a, r, 0));
	db_res_free(r);
	return 0;
}

static int list_args(const struct exam_filter *f, struct store_exam_filter *s,
		     struct app_err *e)
{
	int64_t grade = 0;

	if (exam_query_id(f->term_id, "term_id", &s->term_id, e) != 0 ||
	    exam_query_id(f->grade, "grade", &grade, e) != 0 ||
	    exam_page_args(f->cursor, f->limit, &s->after, &s->limit, e) != 0)
		return -1;
	if (grade > POLICY_MAX_GRADE)
		return app_fail(e, 400, "QUERY_INVALID", "grade 应为 1 到 9");
	s->grade = (int)grade;
	if (!f->status || !*f->status || !strcmp(f->status, "all"))
		s->withdrawn = -1;
	else if (!strcmp(f->status, "live") || !strcmp(f->status, "withdrawn"))
		s->withdrawn = !strcmp(f->status, "withdrawn");
	else
		return app_fail(e, 400, "QUERY_INVALID", "status 应为 live、withdrawn 或 all");
	return 0;
}

int app_exam_list(struct app *a, const struct actor *who, int64_t school_id,
		  const struct exam_filter *f, json_t **out, struct app_err *e)
{
	struct store_exam_filter s = { .district_id = who->district_id, .school_id = school_id };
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct db *db;
	json_t *items;
	int rc;

	if (list_args(f, &s, e) != 0)
		return -1;
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = exam_reads(db, who, school_id, &dbe);
	if (rc == 1)
		rc = store_exam_list(db, &s, &r, &dbe);
	else if (rc == 0)
		rc = 1;
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(items, exam_plan_json(a, r, i));
	db_res_free(r);
	*out = app_page(items, s.limit);
	return 0;
}

struct withdraw_ctx {
	const struct app *a;
	const struct actor *who;
	int64_t id;
	const char *reason;
	json_t *exam; /* as withdrawn, read back inside the transaction */
};

static int withdraw_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct withdraw_ctx *c = vctx;
	struct db_res *r = NULL;
	int64_t school;
	char obj[48];
	json_t *d;
	int rc = store_exam_get(db, c->who->district_id, c->id, 1, &r, dbe), gone;

	if (rc < 0)
		return -1;
	school = rc == 0 ? db_res_int(r, 0, EXC_SCHOOL) : 0;
	gone = rc == 0 && db_res_int(r, 0, EXC_WITHDRAWN);
	db_res_free(r);
	if (rc == 1 || !app_manages_school(c->who, school))
		return app_fail(e, 404, "NOT_FOUND", "没有找到这项考试安排，或不在您的权限范围内");
	if (gone)
		return app_fail(e, 409, "EX_WITHDRAWN", "这项考试安排已经撤销");
	if (store_exam_withdraw(db, c->id, c->reason, time_now(), c->who->user_id, dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "exam:%lld", (long long)c->id);
	d = json_pack("{s:I,s:s}", "school_id", (json_int_t)school, "reason", c->reason);
	rc = app_audit(db, c->who, "exam.withdraw", obj, "ok", d, dbe);
	json_decref(d);
	return rc ? -1 : read_back(db, c->a, c->who, c->id, &c->exam, dbe);
}

static const struct jfield withdraw_fields[] = {
	{ "reason", JF_STR, 0, true, 2, 500, NULL, "撤销原因" },
};

int app_exam_withdraw(struct app *a, const struct actor *who, int64_t id, json_t *body,
		      json_t **out, struct app_err *e)
{
	struct withdraw_ctx c = { .a = a, .who = who, .id = id };
	struct jf_error je;

	if (who->role != ROLE_DISTRICT_ADMIN && who->role != ROLE_PRINCIPAL &&
	    who->role != ROLE_ACADEMIC_OFFICE)
		return app_fail(e, 404, "NOT_FOUND", "没有找到这项考试安排，或不在您的权限范围内");
	if (jf_decode(body, withdraw_fields, 1, &c.reason, &je) != 0)
		return app_field_fail(e, je.status, je.code, je.field, je.message);
	if (app_blank(c.reason))
		return app_field_fail(e, 422, "FIELD_REQUIRED", "reason", "请写明撤销原因");
	if (app_tx(a, withdraw_tx, &c, e) != 0) {
		json_decref(c.exam);
		return -1;
	}
	*out = json_pack("{s:o}", "exam", c.exam);
	return 0;
}
