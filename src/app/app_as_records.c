/* app_as_records.c - after-school records kept for inspection (五(三)3,
 * B17, B18): a day's sessions for the staff on duty, incidents, venue
 * safety checks (AS_VENUE_CHECK), teachers' hours (弹性上下班), the district
 * view of the quality measures and the term archive as .xlsx. */
#include "app/app_as.h"
#include "app/app_internal.h"
#include "core/afterschool.h"
#include "store/store_as.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const incident_kinds[] = { "injury", "illness", "conflict", "missing",
					      "property", "other", NULL };
/* The five items of a venue check, in the order the store keeps them. */
static const char *const check_items[] = { "exits", "fire", "electrical", "facilities",
					   "hygiene", NULL };

static void today_of(const struct app *a, char day[11])
{
	date_format(date_of(time_now(), a->policy.utc_offset_minutes), day, 11);
}

/* Parse ?term= and check the school is readable and the term exists. */
static int school_term(struct app *a, const struct actor *who, int64_t school_id,
		       const char *term, int64_t *term_id, struct db **db, struct app_err *e)
{
	struct db_err dbe = { 0 };
	char kind[16];
	int rc;

	/* teachers: a school they work at (app_school_term checks it) */
	if (!app_reads_school(who, school_id) && who->role != ROLE_TEACHER)
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	if (app_parse_cursor(term, term_id) != 0 || *term_id <= 0)
		return app_fail(e, 400, "QUERY_INVALID", "term 应为学期 id");
	*db = app_db_get(a, e);
	if (!*db)
		return -1;
	rc = app_school_term(*db, who, school_id, *term_id, kind, sizeof kind, &dbe);
	if (rc != 0) {
		app_db_put(a, *db);
		*db = NULL;
		return rc < 0 ? app_db_fail(e, &dbe, who->request_id)
			      : app_fail(e, 404, "NOT_FOUND", "没有找到这所学校或学期");
	}
	return 0;
}

/* ---- a day's sessions for the staff on duty ---- */

int app_as_day_sessions(struct app *a, const struct actor *who, const char *day, json_t **out,
			struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	char today[11];
	struct db *db;
	int64_t x;
	json_t *items;

	if (who->role != ROLE_PRINCIPAL && who->role != ROLE_ACADEMIC_OFFICE &&
	    who->role != ROLE_TEACHER)
		return app_fail(e, 403, "FORBIDDEN", "只有学校的教师、校长和教导处可以查看当天的课后服务");
	today_of(a, today);
	if (day && *day && date_parse(day, &x) != 0)
		return app_fail(e, 400, "QUERY_INVALID", "day 应为日期 YYYY-MM-DD");
	if (!day || !*day)
		day = today;
	db = app_db_get(a, e);
	if (!db)
		return -1;
	/* a teacher: the programs listing them, at any school they work at */
	if (store_as_day_sessions(db, who->district_id,
				  who->role == ROLE_TEACHER ? 0 : who->school_id, day,
				  who->role == ROLE_TEACHER ? who->user_id : 0, &r, &dbe) != 0) {
		app_db_put(a, db);
		return app_db_fail(e, &dbe, who->request_id);
	}
	app_db_put(a, db);
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++) {
		char t0[8], t1[8];

		hhmm_format((int)db_res_int(r, i, 6), t0);
		hhmm_format((int)db_res_int(r, i, 7), t1);
		json_array_append_new(items, json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:I,s:I,s:I}",
			"id", (json_int_t)db_res_int(r, i, 0), "program_id",
			(json_int_t)db_res_int(r, i, 1), "program_name", db_res_text(r, i, 2),
			"category", db_res_text(r, i, 3), "category_name",
			as_category_name(db_res_text(r, i, 3)), "venue", db_res_text(r, i, 4), "day",
			db_res_text(r, i, 5), "start", t0, "end", t1, "recorded",
			(int)db_res_int(r, i, 8), "enrolled", (json_int_t)db_res_int(r, i, 9),
			"present", (json_int_t)db_res_int(r, i, 10), "handed_over",
			(json_int_t)db_res_int(r, i, 11)));
		/* 待核查: a new-lesson word, or recorded without the declaration */
		json_object_set_new(json_array_get(items, (size_t)i), "flagged",
			db_res_text(r, i, 12)[0] ? json_string(db_res_text(r, i, 12))
			: db_res_int(r, i, 8) && !db_res_int(r, i, 13) ? json_string("未确认未讲授新课")
								       : json_null());
		json_object_set_new(json_array_get(items, (size_t)i), "review_outcome",
			db_res_text(r, i, 14)[0] ? json_string(db_res_text(r, i, 14)) : json_null());
	}
	db_res_free(r);
	*out = json_pack("{s:s,s:o}", "day", day, "items", items);
	return 0;
}

/* ---- incidents ---- */

struct incident_in {
	const char *kind, *occurred_at, *description, *action;
	int64_t student_id;
	int guardian_notified;
};

static const struct jfield incident_fields[] = {
	{ "kind", JF_ENUM, offsetof(struct incident_in, kind), true, 0, 0, incident_kinds, "事件类型" },
	{ "occurred_at", JF_TIME, offsetof(struct incident_in, occurred_at), true, 0, 0, NULL, "发生时间" },
	{ "description", JF_TEXT, offsetof(struct incident_in, description), true, 1, 1000, NULL, "经过" },
	{ "action", JF_TEXT, offsetof(struct incident_in, action), true, 1, 1000, NULL, "处置措施" },
	{ "student_id", JF_INT, offsetof(struct incident_in, student_id), false, 1, INT64_MAX, NULL, "涉及学生" },
	{ "guardian_notified", JF_BOOL, offsetof(struct incident_in, guardian_notified), true, 0, 0, NULL, "已通知监护人" },
};

struct incident_ctx {
	const struct actor *who;
	int64_t session_id;
	struct store_as_incident x;
	int64_t id;
};

static int incident_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct incident_ctx *c = vctx;
	struct db_res *s = NULL, *r = NULL;
	int64_t term_id;
	char obj[48];
	json_t *d;
	int rc = store_as_session_get(db, c->who->district_id, c->session_id, &s, dbe), found = 0;

	if (rc < 0)
		return -1;
	if (rc == 0 && (found = app_on_duty(db, c->who, db_res_int(s, 0, 1), dbe)) < 0) {
		db_res_free(s);
		return -1;
	}
	if (rc == 1 || !found) {
		db_res_free(s);
		return app_fail(e, 404, "NOT_FOUND", "没有找到这次课后服务，或不在您的权限范围内");
	}
	found = 0;
	c->x.school_id = db_res_int(s, 0, 1);
	term_id = db_res_int(s, 0, 13);
	db_res_free(s);
	if (c->x.student_id) {
		if (store_as_session_roster(db, c->session_id, &r, dbe) != 0)
			return -1;
		for (int i = 0; i < db_res_rows(r); i++)
			found |= db_res_int(r, i, 0) == c->x.student_id;
		db_res_free(r);
		if (!found)
			return app_field_fail(e, 422, "AS_NOT_ENROLLED", "student_id",
					      "这个孩子不在本次课后服务的名单上");
	}
	if (store_as_incident_insert(db, &c->x, &c->id, dbe) != 0 ||
	    store_as_count(db, c->x.district_id, c->x.school_id, term_id,
			   &(struct store_as_delta){ .incidents = 1 }, dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "as_incident:%lld", (long long)c->id);
	d = json_pack("{s:I,s:s}", "session_id", (json_int_t)c->session_id, "kind", c->x.kind);
	rc = app_audit(db, c->who, "afterschool.incident", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_as_incident_create(struct app *a, const struct actor *who, int64_t session_id,
			   json_t *body, json_t **out, struct app_err *e)
{
	struct incident_in in = { 0 };
	struct incident_ctx c = { .who = who, .session_id = session_id };
	struct jf_error je;

	if (jf_decode(body, incident_fields, sizeof incident_fields / sizeof incident_fields[0],
		      &in, &je) != 0)
		return app_field_fail(e, je.status, je.code, je.field, je.message);
	c.x = (struct store_as_incident){ .district_id = who->district_id,
		.session_id = session_id, .student_id = in.student_id, .user_id = who->user_id,
		.now = time_now(), .kind = in.kind, .description = in.description,
		.action = in.action, .guardian_notified = in.guardian_notified };
	hhmm_parse(in.occurred_at, &c.x.occurred_min); /* JF_TIME checked it */
	if (app_tx(a, incident_tx, &c, e) != 0)
		return -1;
	*out = json_pack("{s:I,s:I,s:s,s:s}", "id", (json_int_t)c.id, "session_id",
			 (json_int_t)session_id, "kind", in.kind, "occurred_at", in.occurred_at);
	return 0;
}

int app_as_incidents(struct app *a, const struct actor *who, int64_t school_id,
		     const char *term, const char *cursor, const char *limit, json_t **out,
		     struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	int lim = app_parse_limit(limit, 50, 200);
	int64_t term_id, after = 0;
	struct db *db = NULL;
	json_t *items;

	if (lim < 0)
		return app_fail(e, 400, "QUERY_INVALID", "limit 应为 1 到 200 之间的整数");
	if (app_parse_cursor(cursor, &after) != 0)
		return app_fail(e, 400, "QUERY_INVALID", "cursor 应为正整数");
	if (!app_reads_school(who, school_id))
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	if (school_term(a, who, school_id, term, &term_id, &db, e) != 0)
		return -1;
	if (store_as_incidents(db, school_id, term_id, after, lim, &r, &dbe) != 0) {
		app_db_put(a, db);
		return app_db_fail(e, &dbe, who->request_id);
	}
	app_db_put(a, db);
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++) {
		char t[8];

		hhmm_format((int)db_res_int(r, i, 4), t);
		json_array_append_new(items, json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:s*,s:b,s:s,s:I}",
			"id", (json_int_t)db_res_int(r, i, 0), "session_id",
			(json_int_t)db_res_int(r, i, 1), "program_name", db_res_text(r, i, 2), "day",
			db_res_text(r, i, 3), "occurred_at", t, "kind", db_res_text(r, i, 5),
			"description", db_res_text(r, i, 6), "action", db_res_text(r, i, 7),
			"student_id", db_res_int(r, i, 8) ? json_integer(db_res_int(r, i, 8)) : json_null(),
			"student_name", db_res_int(r, i, 8) ? db_res_text(r, i, 9) : NULL,
			"guardian_notified", (int)db_res_int(r, i, 10), "reported_by",
			db_res_text(r, i, 11), "created_at", (json_int_t)db_res_int(r, i, 12)));
	}
	db_res_free(r);
	*out = app_page(items, lim);
	return 0;
}

/* ---- venue safety checks (AS_VENUE_CHECK) ---- */

struct safety_in {
	const char *venue, *day, *issues, *action;
};

static const struct jfield safety_fields[] = {
	{ "venue", JF_STR, offsetof(struct safety_in, venue), true, 1, 100, NULL, "场地" },
	{ "day", JF_DATE, offsetof(struct safety_in, day), true, 0, 0, NULL, "检查日期" },
	{ "issues", JF_TEXT, offsetof(struct safety_in, issues), false, 0, 1000, NULL, "发现的问题" },
	{ "action", JF_TEXT, offsetof(struct safety_in, action), false, 0, 1000, NULL, "整改措施" },
};

struct safety_ctx {
	const struct actor *who;
	struct store_as_safety x;
	int64_t id;
};

static int safety_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct safety_ctx *c = vctx;
	char obj[48];
	json_t *d;
	int rc;

	char kind[16];
	int rc0 = app_school_term(db, c->who, c->x.school_id, 0, kind, sizeof kind, dbe);

	if (rc0 < 0)
		return -1;
	if (rc0 != 0) /* a school of another district, or none */
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	if (store_as_safety_insert(db, &c->x, &c->id, dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "as_safety_check:%lld", (long long)c->id);
	d = json_pack("{s:s,s:s,s:b}", "venue", c->x.venue, "day", c->x.day, "passed", c->x.passed);
	rc = app_audit(db, c->who, "afterschool.safety_check", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

/* "items": {"exits": true, …} with exactly the five booleans. */
static int decode_items(json_t *items, int out[5], struct app_err *e)
{
	const char *k;
	json_t *v;

	if (!items)
		return app_field_fail(e, 422, "FIELD_REQUIRED", "items", "缺少必填字段：检查项目");
	if (!json_is_object(items))
		return app_field_fail(e, 400, "FIELD_TYPE", "items", "检查项目应为对象");
	json_object_foreach(items, k, v) {
		int known = 0;

		for (int i = 0; check_items[i]; i++)
			known |= !strcmp(k, check_items[i]);
		if (!known)
			return app_field_fail(e, 400, "FIELD_UNKNOWN", "items", "检查项目中有未知项目");
	}
	for (int i = 0; check_items[i]; i++) {
		char field[32];

		v = json_object_get(items, check_items[i]);
		snprintf(field, sizeof field, "items.%s", check_items[i]);
		if (!v)
			return app_field_fail(e, 422, "FIELD_REQUIRED", field, "每个检查项目都要填写是否合格");
		if (!json_is_boolean(v))
			return app_field_fail(e, 400, "FIELD_TYPE", field, "检查项目应为 true 或 false");
		out[i] = json_is_true(v);
	}
	return 0;
}

int app_as_safety_create(struct app *a, const struct actor *who, int64_t school_id,
			 json_t *body, json_t **out, struct app_err *e)
{
	static const char *const skip[] = { "items", NULL };
	struct safety_in in = { 0 };
	struct safety_ctx c = { .who = who };
	char today[11];
	int passed = 1;

	if (!app_manages_school(who, school_id))
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	if (app_decode_scalars(body, skip, safety_fields,
			       sizeof safety_fields / sizeof safety_fields[0], &in, e) != 0 ||
	    decode_items(json_object_get(body, "items"), c.x.items, e) != 0)
		return -1;
	today_of(a, today);
	if (strcmp(in.day, today) > 0)
		return app_field_fail(e, 422, "FIELD_INVALID", "day", "检查日期不能晚于今天");
	for (int i = 0; i < 5; i++)
		passed &= c.x.items[i];
	if (!passed && (!in.issues || !*in.issues))
		return app_field_fail(e, 422, "FIELD_REQUIRED", "issues", "有不合格项目时，请写明发现的问题");
	c.x.district_id = who->district_id;
	c.x.school_id = school_id;
	c.x.user_id = who->user_id;
	c.x.now = time_now();
	c.x.venue = in.venue;
	c.x.day = in.day;
	c.x.issues = in.issues ? in.issues : "";
	c.x.action = in.action ? in.action : "";
	c.x.passed = passed;
	if (app_tx(a, safety_tx, &c, e) != 0)
		return -1;
	*out = json_pack("{s:I,s:s,s:s,s:b}", "id", (json_int_t)c.id, "venue", in.venue, "day",
			 in.day, "passed", passed);
	return 0;
}

int app_as_safety_list(struct app *a, const struct actor *who, int64_t school_id,
		       const char *term, const char *venue, json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL, *v = NULL;
	int64_t term_id;
	struct db *db = NULL;
	char today[11];
	json_t *items, *venues;
	int rc, unchecked = 0;

	if (!app_reads_school(who, school_id))
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	if (venue && jf_utf8_len(venue) > 100)
		return app_fail(e, 400, "QUERY_INVALID", "venue 最多 100 个字");
	if (school_term(a, who, school_id, term, &term_id, &db, e) != 0)
		return -1;
	today_of(a, today);
	/* the school's latest 500 checks up to today, of one venue when asked
	 * (the archive keeps the term's) */
	rc = store_as_safety_checks(db, school_id, venue ? venue : "", "0000-01-01", today, 500, &r,
				    &dbe);
	if (rc == 0)
		rc = store_as_venues(db, school_id, term_id, today, &v, &dbe);
	app_db_put(a, db);
	if (rc != 0) {
		db_res_free(r);
		return app_db_fail(e, &dbe, who->request_id);
	}
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++) {
		json_t *it = json_object();

		for (int k = 0; check_items[k]; k++)
			json_object_set_new(it, check_items[k], json_boolean(db_res_int(r, i, 4 + k)));
		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:b,s:o,s:s,s:s,s:s,s:I}",
			"id", (json_int_t)db_res_int(r, i, 0), "venue", db_res_text(r, i, 1), "day",
			db_res_text(r, i, 2), "passed", (int)db_res_int(r, i, 3), "items", it,
			"issues", db_res_text(r, i, 9), "action", db_res_text(r, i, 10),
			"checked_by", db_res_text(r, i, 11), "created_at",
			(json_int_t)db_res_int(r, i, 12)));
	}
	venues = json_array();
	for (int i = 0; i < db_res_rows(v); i++) {
		enum as_venue_state st = as_venue_check(today, db_res_text(v, i, 1),
			(int)db_res_int(v, i, 2), db_res_text(v, i, 3), a->policy.as_venue_check_days);
		json_t *o = json_pack("{s:s,s:s*,s:o,s:s}", "venue", db_res_text(v, i, 0),
			"last_day", db_res_text(v, i, 1)[0] ? db_res_text(v, i, 1) : NULL,
			"last_passed", db_res_text(v, i, 1)[0] ? json_boolean(db_res_int(v, i, 2))
							       : json_null(),
			"status", as_venue_state_ids[st]);

		if (st != AS_VENUE_OK) {
			json_object_set_new(o, "code", json_string("AS_VENUE_CHECK"));
			unchecked++;
		}
		json_array_append_new(venues, o);
	}
	db_res_free(r);
	db_res_free(v);
	*out = json_pack("{s:o,s:o,s:i,s:i}", "items", items, "venues", venues, "check_days",
			 a->policy.as_venue_check_days, "venues_unchecked", unchecked);
	return 0;
}

/* ---- teachers' hours (弹性上下班) ---- */

int app_as_hours(struct app *a, const struct actor *who, int64_t school_id, const char *term,
		 json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	int64_t term_id;
	struct db *db = NULL;
	json_t *teachers, *weeks, *cur = NULL, *cw = NULL;
	int64_t cur_staff = 0, week_seen[64];
	int nweeks = 0, work_end = a->policy.as_end_not_before_min;
	char t[8];

	if (school_term(a, who, school_id, term, &term_id, &db, e) != 0)
		return -1;
	if (store_as_hours(db, school_id, term_id,
			   who->role == ROLE_TEACHER ? who->user_id : 0, &r, &dbe) != 0) {
		app_db_put(a, db);
		return app_db_fail(e, &dbe, who->request_id);
	}
	app_db_put(a, db);
	teachers = json_array();
	weeks = json_array();
	for (int i = 0; i < db_res_rows(r); i++) {
		int64_t day, monday;
		int s0 = (int)db_res_int(r, i, 3), s1 = (int)db_res_int(r, i, 4), k;
		char mon[11];

		date_parse(db_res_text(r, i, 2), &day);
		monday = day - (date_weekday(day) - 1);
		date_format(monday, mon, sizeof mon);
		for (k = 0; k < nweeks && week_seen[k] != monday; k++)
			;
		if (k == nweeks && nweeks < 64) {
			week_seen[nweeks++] = monday;
			json_array_append_new(weeks, json_string(mon));
		}
		if (!cur || db_res_int(r, i, 0) != cur_staff) {
			cur_staff = db_res_int(r, i, 0);
			cur = json_pack("{s:I,s:s,s:I,s:[]}", "staff_id", (json_int_t)cur_staff, "name",
					db_res_text(r, i, 1), "total_minutes", (json_int_t)0, "weeks");
			json_array_append_new(teachers, cur);
			cw = NULL;
		}
		if (!cw || strcmp(json_string_value(json_object_get(cw, "week")), mon)) {
			cw = json_pack("{s:s,s:i,s:i,s:i}", "week", mon, "minutes", 0, "sessions", 0,
				       "after_work_end_minutes", 0);
			json_array_append_new(json_object_get(cur, "weeks"), cw);
		}
		json_object_set_new(cw, "minutes", json_integer(
			json_integer_value(json_object_get(cw, "minutes")) + (s1 - s0)));
		json_object_set_new(cw, "sessions", json_integer(
			json_integer_value(json_object_get(cw, "sessions")) + 1));
		json_object_set_new(cw, "after_work_end_minutes", json_integer(
			json_integer_value(json_object_get(cw, "after_work_end_minutes")) +
			(s1 > work_end ? s1 - (s0 > work_end ? s0 : work_end) : 0)));
		json_object_set_new(cur, "total_minutes", json_integer(
			json_integer_value(json_object_get(cur, "total_minutes")) + (s1 - s0)));
	}
	db_res_free(r);
	hhmm_format(work_end, t);
	*out = json_pack("{s:I,s:s,s:o,s:o}", "term_id", (json_int_t)term_id, "work_end", t,
			 "weeks", weeks, "teachers", teachers);
	return 0;
}

/* ---- the district view of the quality measures (B18) ---- */

static json_t *measures_json(const struct db_res *r, int i)
{
	long students = (long)db_res_int(r, i, 2), applied = (long)db_res_int(r, i, 3);
	long att = (long)db_res_int(r, i, 8), present = (long)db_res_int(r, i, 9);
	long asked = (long)db_res_int(r, i, 10), done = (long)db_res_int(r, i, 11);

	return json_pack("{s:I,s:I,s:o,s:I,s:I,s:I,s:I,s:o,s:I,s:o,s:I}",
		"students", (json_int_t)students, "applied", (json_int_t)applied,
		"participation_percent", app_percent(applied, students),
		"admitted", (json_int_t)db_res_int(r, i, 4), "sessions",
		(json_int_t)db_res_int(r, i, 5), "recorded", (json_int_t)db_res_int(r, i, 6),
		"flagged", (json_int_t)db_res_int(r, i, 7), "attendance_percent",
		app_percent(present, att), "homework_asked", (json_int_t)asked,
		"homework_done_percent", app_percent(done, asked), "incidents",
		(json_int_t)db_res_int(r, i, 12));
}

int app_as_district_metrics(struct app *a, const struct actor *who, const char *term,
			    const char *cursor, const char *limit, json_t **out,
			    struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL, *t = NULL;
	int lim = app_parse_limit(limit, 50, 500);
	int64_t term_id, after = 0;
	struct db *db;
	json_t *items, *totals;
	int rc;

	if (who->role != ROLE_DISTRICT_ADMIN && who->role != ROLE_INSPECTOR)
		return app_fail(e, 403, "FORBIDDEN", "只有教育局管理员和督导可以查看全区课后服务");
	if (lim < 0)
		return app_fail(e, 400, "QUERY_INVALID", "limit 应为 1 到 500 之间的整数");
	if (app_parse_cursor(cursor, &after) != 0)
		return app_fail(e, 400, "QUERY_INVALID", "cursor 应为正整数");
	if (app_parse_cursor(term, &term_id) != 0 || term_id <= 0)
		return app_fail(e, 400, "QUERY_INVALID", "term 应为学期 id");
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_term_dates(db, term_id, &t, &dbe);
	if (rc == 0 && db_res_int(t, 0, 2) != who->district_id)
		rc = 1;
	db_res_free(t);
	t = NULL;
	if (rc == 0)
		rc = store_as_district_page(db, who->district_id, term_id, after, lim, &r, &dbe);
	if (rc == 0)
		rc = store_as_district_totals(db, who->district_id, term_id, &t, &dbe);
	app_db_put(a, db);
	if (rc != 0) {
		db_res_free(r);
		return rc < 0 ? app_db_fail(e, &dbe, who->request_id)
			      : app_fail(e, 404, "NOT_FOUND", "没有找到这个学期");
	}
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++) {
		json_t *o = measures_json(r, i);

		json_object_set_new(o, "id", json_integer(db_res_int(r, i, 0)));
		json_object_set_new(o, "school_id", json_integer(db_res_int(r, i, 0)));
		json_object_set_new(o, "school_name", json_string(db_res_text(r, i, 1)));
		json_array_append_new(items, o);
	}
	totals = measures_json(t, 0);
	json_object_set_new(totals, "schools", json_integer(db_res_int(t, 0, 0)));
	db_res_free(r);
	db_res_free(t);
	*out = app_page(items, lim);
	json_object_set_new(*out, "term_id", json_integer(term_id));
	json_object_set_new(*out, "totals", totals);
	return 0;
}
