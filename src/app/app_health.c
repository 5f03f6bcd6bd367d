/* app_health.c - class activity per school day and vision screenings
 * (app_health.h): scope check, the rule (core/health.h), the store and the
 * audit row in one transaction. */
#include "app/app_health_internal.h"
#include "core/calendar.h"
#include "core/health.h"
#include "store/store_org.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


int he_term_arg(const char *s, int64_t *term_id, struct app_err *e)
{
	*term_id = 0;
	if (!s || !*s)
		return 0;
	if (app_parse_cursor(s, term_id) != 0 || *term_id <= 0)
		return app_fail(e, 400, "QUERY_INVALID", "term_id 应为正整数");
	return 0;
}

int he_term(struct db *db, const struct actor *who, int64_t term_id, const char *today,
	    struct store_he_term *t, struct app_err *e)
{
	struct db_err dbe = { 0 };
	int rc = store_he_term(db, who->district_id, term_id, today, t, &dbe);

	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 1 && term_id > 0)
		return app_field_fail(e, 422, "FIELD_INVALID", "term_id", "没有这个学期");
	if (rc == 1)
		return app_fail(e, 404, "HE_NO_TERM", "区里还没有设置学期");
	return 0;
}

json_t *he_rate(long part, long whole)
{
	long tenths;

	if (whole <= 0)
		return json_null();
	tenths = (part * 1000 + whole / 2) / whole;
	return json_real((double)tenths / 10);
}

json_t *he_clause(const struct app *a, const char *code)
{
	const char *c = policy_rule_clause(&a->policy, code);

	return c ? json_string(c) : json_null();
}

/* ---- who may act on a class or a student ---- */

/* The place (class or student) as this actor may write or read it: heads of
 * its school, a teacher who teaches in or heads its class; the district
 * admin and inspectors read any (write: never). 0, or -1 with e (404). */
static int reach(const struct actor *who, const struct store_he_place *pl, int rc, bool write,
		 const char *what, struct app_err *e)
{
	bool ok = false;

	if (rc == 0) {
		if (who->role == ROLE_PRINCIPAL || who->role == ROLE_ACADEMIC_OFFICE)
			ok = who->school_id == pl->school_id;
		else if (who->role == ROLE_TEACHER)
			ok = pl->teaches;
		else if (!write)
			ok = who->role == ROLE_DISTRICT_ADMIN || who->role == ROLE_INSPECTOR;
	}
	if (!ok)
		return app_fail(e, 404, "NOT_FOUND", "没有找到这个%s，或不在您的权限范围内", what);
	return 0;
}

static int class_reach(struct app *a, struct db *db, const struct actor *who, int64_t class_id,
		       bool write, struct store_he_place *pl, struct app_err *e)
{
	struct db_err dbe = { 0 };
	int rc = store_he_class(db, who->district_id, class_id, who->user_id, pl, &dbe);

	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	return reach(who, pl, rc, write, "班级", e);
}

/* A date of the past or today: 0, or -1 with 422 HE_DATE_FUTURE. */
static int not_future(const struct app *a, const char *day, const char *field, struct app_err *e)
{
	char today[11];

	app_today(a, today);
	if (strcmp(day, today) > 0) {
		app_fail(e, 422, "HE_DATE_FUTURE", "%s 还没有到，不能登记", day);
		e->details = json_pack("{s:s,s:s}", "field", field, "today", today);
		return -1;
	}
	return 0;
}

/* ---- activity: MG_PE_DAILY, MG_EYE_EXERCISES (B28.1) ---- */

struct act_in {
	const char *date;
	int64_t pe, big_break, other, eye;
};

static const struct jfield act_fields[] = {
	{ "date", JF_DATE, offsetof(struct act_in, date), true, 0, 0, NULL, "日期" },
	{ "pe_minutes", JF_INT, offsetof(struct act_in, pe), true, 0, HE_MAX_DAY_MINUTES, NULL,
	  "体育课分钟数" },
	{ "big_break_minutes", JF_INT, offsetof(struct act_in, big_break), true, 0,
	  HE_MAX_DAY_MINUTES, NULL, "大课间分钟数" },
	{ "other_minutes", JF_INT, offsetof(struct act_in, other), false, 0, HE_MAX_DAY_MINUTES,
	  NULL, "其他体育活动分钟数" },
	{ "eye_exercises", JF_INT, offsetof(struct act_in, eye), true, 0, HE_MAX_EYE_EXERCISES,
	  NULL, "眼保健操次数" },
};

/* The day is a school day of the district's calendar. */
static int school_day(struct app *a, struct db *db, const struct actor *who, const char *day,
		      struct app_err *e)
{
	struct db_err dbe = { 0 };
	char mark[16] = "";
	int in_term = 0;
	int64_t d = 0;
	enum policy_day_kind k;

	if (store_day_info(db, who->district_id, day, &in_term, mark, sizeof mark, &dbe) != 0)
		return app_db_fail(e, &dbe, who->request_id);
	date_parse(day, &d);
	k = cal_classify(d, in_term, mark);
	if (k == POLICY_DAY_SCHOOL)
		return 0;
	app_fail(e, 422, "HE_NOT_SCHOOL_DAY", "%s 是%s，只登记上课日的体育活动", day,
		 cal_kind_name(k));
	e->details = json_pack("{s:s,s:s,s:s,s:o}", "field", "date", "day_kind", cal_kind_id(k),
			       "day_kind_name", cal_kind_name(k), "clause",
			       he_clause(a, "MG_PE_DAILY"));
	return -1;
}

static json_t *flags_json(const struct app *a, const struct he_day_verdict *v)
{
	json_t *f = json_array();

	if (v->pe_short)
		json_array_append_new(f, json_pack("{s:s,s:o,s:i,s:i,s:s}", "rule", "MG_PE_DAILY",
			"clause", he_clause(a, "MG_PE_DAILY"), "minutes", v->minutes, "required",
			a->policy.pe_daily_minutes, "message", "当天体育活动不足规定时间"));
	if (v->eye_short)
		json_array_append_new(f, json_pack("{s:s,s:o,s:i,s:s}", "rule", "MG_EYE_EXERCISES",
			"clause", he_clause(a, "MG_EYE_EXERCISES"), "required",
			a->policy.eye_exercises_per_day, "message", "当天眼保健操次数不足"));
	return f;
}

struct act_ctx {
	const struct actor *who;
	struct store_he_activity row;
	int64_t id, old_id;
	json_t *after;
};

static int act_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct act_ctx *c = vctx;
	char *old = NULL, object[48];
	json_t *d;
	int rc;

	if (store_he_activity_put(db, &c->row, &c->id, &c->old_id, &old, dbe) != 0)
		return -1;
	snprintf(object, sizeof object, "class/%lld/%s", (long long)c->row.class_id, c->row.day);
	d = json_pack("{s:s?,s:O}", "before", old, "after", c->after);
	free(old);
	if (!d)
		return app_fail(e, 500, "INTERNAL", "内部错误");
	rc = app_audit(db, c->who, "health.activity", object, c->old_id ? "replaced" : "ok", d,
		       dbe);
	json_decref(d);
	return rc;
}

int app_health_activity_put(struct app *a, const struct actor *who, int64_t class_id,
			    json_t *body, json_t **out, struct app_err *e)
{
	struct act_in in = { 0 };
	struct jf_error je;
	struct store_he_place pl;
	struct he_day_verdict v;
	struct act_ctx c = { .who = who };
	struct db *db;
	int rc;

	if (jf_decode(body, act_fields, sizeof act_fields / sizeof act_fields[0], &in, &je) != 0)
		return app_field_fail(e, je.status, je.code, je.field, je.message);
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = class_reach(a, db, who, class_id, true, &pl, e);
	if (rc == 0)
		rc = not_future(a, in.date, "date", e);
	if (rc == 0)
		rc = school_day(a, db, who, in.date, e);
	app_db_put(a, db);
	if (rc != 0)
		return -1;
	he_check_day(&a->policy,
		     &(struct he_day){ (int)in.pe, (int)in.big_break, (int)in.other, (int)in.eye },
		     &v);
	c.row = (struct store_he_activity){ .district_id = who->district_id,
					    .school_id = pl.school_id, .class_id = class_id,
					    .user_id = who->user_id, .now = time_now(),
					    .day = in.date, .pe = (int)in.pe,
					    .big_break = (int)in.big_break, .other = (int)in.other,
					    .eye = (int)in.eye, .pe_short = v.pe_short,
					    .eye_short = v.eye_short };
	c.after = json_pack("{s:I,s:I,s:I,s:I}", "pe_minutes", (json_int_t)in.pe,
			    "big_break_minutes", (json_int_t)in.big_break, "other_minutes",
			    (json_int_t)in.other, "eye_exercises", (json_int_t)in.eye);
	rc = app_tx(a, act_tx, &c, e);
	if (rc == 0) {
		json_object_set_new(c.after, "id", json_integer(c.id));
		json_object_set_new(c.after, "class_id", json_integer(class_id));
		json_object_set_new(c.after, "date", json_string(in.date));
		json_object_set_new(c.after, "minutes", json_integer(v.minutes));
		json_object_set_new(c.after, "replaced", json_boolean(c.old_id != 0));
		json_object_set_new(c.after, "flags", flags_json(a, &v));
		*out = json_pack("{s:O}", "item", c.after);
	}
	json_decref(c.after);
	return rc;
}

static json_t *day_json(const struct app *a, struct db_res *r, int i)
{
	struct he_day_verdict v;

	he_check_day(&a->policy,
		     &(struct he_day){ (int)db_res_int(r, i, 2), (int)db_res_int(r, i, 3),
				       (int)db_res_int(r, i, 4), (int)db_res_int(r, i, 5) },
		     &v);
	/* the flags as recorded: a later pack does not rewrite history */
	v.pe_short = db_res_int(r, i, 6) != 0;
	v.eye_short = db_res_int(r, i, 7) != 0;
	return json_pack("{s:I,s:s,s:I,s:I,s:I,s:I,s:i,s:o,s:s,s:I}", "id",
			 (json_int_t)db_res_int(r, i, 0), "date", db_res_text(r, i, 1),
			 "pe_minutes", (json_int_t)db_res_int(r, i, 2), "big_break_minutes",
			 (json_int_t)db_res_int(r, i, 3), "other_minutes",
			 (json_int_t)db_res_int(r, i, 4), "eye_exercises",
			 (json_int_t)db_res_int(r, i, 5), "minutes", v.minutes, "flags",
			 flags_json(a, &v), "recorded_by", db_res_text(r, i, 9), "versions",
			 (json_int_t)db_res_int(r, i, 10));
}

int app_health_activity_days(struct app *a, const struct actor *who, int64_t class_id,
			     const char *from, const char *to, json_t **out, struct app_err *e)
{
	struct store_he_place pl;
	struct store_he_term t;
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	char today[11], f[11], u[11];
	int64_t x;
	struct db *db;
	json_t *items;
	int rc;

	if ((from && *from && date_parse(from, &x) != 0) || (to && *to && date_parse(to, &x) != 0))
		return app_fail(e, 400, "QUERY_INVALID", "from、to 应为 YYYY-MM-DD 日期");
	db = app_db_get(a, e);
	if (!db)
		return -1;
	app_today(a, today);
	rc = class_reach(a, db, who, class_id, false, &pl, e);
	if (rc == 0 && (!from || !*from || !to || !*to))
		rc = he_term(db, who, 0, today, &t, e);
	if (rc == 0) {
		snprintf(f, sizeof f, "%s", from && *from ? from : t.starts);
		snprintf(u, sizeof u, "%s", to && *to ? to : (strcmp(t.ends, today) < 0 ? t.ends : today));
		if (store_he_activity_days(db, class_id, f, u, &r, &dbe) != 0)
			rc = app_db_fail(e, &dbe, who->request_id);
	}
	app_db_put(a, db);
	if (rc != 0)
		return -1;
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(items, day_json(a, r, i));
	db_res_free(r);
	*out = json_pack("{s:I,s:s,s:s,s:i,s:i,s:o}", "class_id", (json_int_t)class_id, "from", f,
			 "to", u, "minutes_required", a->policy.pe_daily_minutes, "eye_required",
			 a->policy.eye_exercises_per_day, "items", items);
	return 0;
}

/* ---- vision screenings: MG_VISION_SCREENING (B22.3) ---- */

struct vis_in {
	int64_t student_id;
	const char *date;
	int corrected;
};

static const struct jfield vis_fields[] = {
	{ "student_id", JF_INT, offsetof(struct vis_in, student_id), true, 1, INT64_MAX, NULL,
	  "学生" },
	{ "date", JF_DATE, offsetof(struct vis_in, date), true, 0, 0, NULL, "筛查日期" },
	{ "corrected", JF_BOOL, offsetof(struct vis_in, corrected), false, 0, 1, NULL,
	  "戴镜矫正" },
};

/* One eye's value: a number on the pack's scale with one decimal. */
static int eye_value(const struct app *a, json_t *body, const char *field, int *tenths,
		     struct app_err *e)
{
	const struct policy *p = &a->policy;
	json_t *v = json_object_get(body, field);

	if (!v)
		return app_field_fail(e, 422, "FIELD_REQUIRED", field, "缺少视力值");
	if (!json_is_number(v))
		return app_field_fail(e, 400, "FIELD_TYPE", field, "视力值应为数字，如 4.8");
	if (he_tenths(json_number_value(v), tenths) != 0)
		return app_field_fail(e, 422, "FIELD_INVALID", field, "视力值最多一位小数，如 4.8");
	if (he_vision_ok(p, *tenths))
		return 0;
	app_fail(e, 422, "MG_VISION_SCREENING", "视力值应在 %d.%d 到 %d.%d 之间（五分记录法）",
		 p->vision_min_tenths / 10, p->vision_min_tenths % 10, p->vision_max_tenths / 10,
		 p->vision_max_tenths % 10);
	e->details = json_pack("{s:s,s:o,s:f,s:f}", "field", field, "clause",
			       he_clause(a, "MG_VISION_SCREENING"), "min",
			       p->vision_min_tenths / 10.0, "max", p->vision_max_tenths / 10.0);
	return -1;
}

struct vis_ctx {
	const struct actor *who;
	struct store_he_vision row;
	int64_t id;
};

static int vis_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct vis_ctx *c = vctx;
	char object[48];
	json_t *d;
	int rc;

	if (store_he_vision_add(db, &c->row, &c->id, dbe) != 0)
		return -1;
	snprintf(object, sizeof object, "student/%lld", (long long)c->row.student_id);
	d = json_pack("{s:I,s:s,s:i,s:i,s:b}", "id", (json_int_t)c->id, "date", c->row.day,
		      "left", c->row.left, "right", c->row.right, "corrected", c->row.corrected);
	rc = app_audit(db, c->who, "health.vision", object, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_health_vision_add(struct app *a, const struct actor *who, json_t *body, json_t **out,
			  struct app_err *e)
{
	static const char *const skip[] = { "left", "right", NULL };
	struct vis_in in = { 0 };
	struct vis_ctx c = { .who = who };
	struct store_he_place pl;
	struct db_err dbe = { 0 };
	int left = 0, right = 0, rc;
	struct db *db;

	if (app_decode_scalars(body, skip, vis_fields, sizeof vis_fields / sizeof vis_fields[0],
			       &in, e) != 0 ||
	    eye_value(a, body, "left", &left, e) != 0 || eye_value(a, body, "right", &right, e) != 0 ||
	    not_future(a, in.date, "date", e) != 0)
		return -1;
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_he_student(db, who->district_id, in.student_id, who->user_id, &pl, &dbe);
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (reach(who, &pl, rc, true, "学生", e) != 0)
		return -1;
	c.row = (struct store_he_vision){ .district_id = who->district_id,
					  .school_id = pl.school_id, .class_id = pl.class_id,
					  .student_id = in.student_id, .user_id = who->user_id,
					  .now = time_now(), .day = in.date, .left = left,
					  .right = right, .corrected = in.corrected };
	if (app_tx(a, vis_tx, &c, e) != 0)
		return -1;
	*out = json_pack("{s:{s:I,s:I,s:s,s:f,s:f,s:b,s:b}}", "item", "id", (json_int_t)c.id,
			 "student_id", (json_int_t)in.student_id, "date", in.date, "left",
			 left / 10.0, "right", right / 10.0, "corrected", in.corrected,
			 "poor_vision", he_poor_vision(&a->policy, left, right, in.corrected));
	return 0;
}

int app_health_vision_roster(struct app *a, const struct actor *who, int64_t class_id,
			     const char *term_id, json_t **out, struct app_err *e)
{
	struct store_he_place pl;
	struct store_he_term t;
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	char today[11];
	int64_t tid;
	json_t *items;
	struct db *db;
	int rc;

	if (he_term_arg(term_id, &tid, e) != 0)
		return -1;
	db = app_db_get(a, e);
	if (!db)
		return -1;
	app_today(a, today);
	rc = class_reach(a, db, who, class_id, false, &pl, e);
	if (rc == 0)
		rc = he_term(db, who, tid, today, &t, e);
	if (rc == 0 && store_he_vision_roster(db, class_id, t.ends, &r, &dbe) != 0)
		rc = app_db_fail(e, &dbe, who->request_id);
	app_db_put(a, db);
	if (rc != 0)
		return -1;
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++) {
		const char *day = db_res_text(r, i, 3);
		int lt = (int)db_res_int(r, i, 4), rt = (int)db_res_int(r, i, 5);
		bool cor = db_res_int(r, i, 6) != 0;
		json_t *last = *day ? json_pack("{s:s,s:f,s:f,s:b,s:b}", "date", day, "left",
						lt / 10.0, "right", rt / 10.0, "corrected", cor,
						"poor_vision",
						he_poor_vision(&a->policy, lt, rt, cor))
				    : json_null();

		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:o,s:I}", "id",
			(json_int_t)db_res_int(r, i, 0), "registry_no", db_res_text(r, i, 1), "name",
			db_res_text(r, i, 2), "last", last, "screenings",
			(json_int_t)db_res_int(r, i, 7)));
	}
	db_res_free(r);
	*out = json_pack("{s:I,s:I,s:i,s:o}", "class_id", (json_int_t)class_id, "term_id",
			 (json_int_t)t.id, "grade", pl.grade, "items", items);
	return 0;
}
