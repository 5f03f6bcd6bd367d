/* app_checkin.c - the five managements' writes: a parent's weekly check-in,
 * a school's phone rules and sleep settings. */
#include "app/app_checkin.h"
#include "app/app_checkin_internal.h"
#include "core/checkin.h"
#include "store/store_checkin.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

#define CK_MAX_MINUTES 1440 /* phone or reading minutes in a day's answer */
#define CK_CHILD_WEEKS 20

static const char *const ck_none[] = { NULL };

void ck_today(const struct app *a, char out[11])
{
	date_format(date_of(time_now(), a->policy.utc_offset_minutes), out, 11);
}

int ck_rule_fail(const struct app *a, const char *code, const char *rule, const char *field,
		 const char *message, struct app_err *e)
{
	const char *clause = policy_rule_clause(&a->policy, rule);

	app_fail(e, 422, code, "%s", message);
	e->details = json_pack("{s:s,s:s,s:s}", "field", field, "rule", rule, "clause",
			       clause ? clause : "");
	return -1;
}

/* ---- the weekly check-in ---- */

struct checkin_in {
	int64_t student_id, phone_minutes, reading_minutes;
	const char *week, *bedtime, *wake_time;
};

static const struct jfield checkin_fields[] = {
	{ "student_id", JF_INT, offsetof(struct checkin_in, student_id), true, 1, INT64_MAX, NULL, "孩子" },
	{ "week", JF_STR, offsetof(struct checkin_in, week), true, 1, 10, NULL, "周次" },
	{ "bedtime", JF_STR, offsetof(struct checkin_in, bedtime), true, 1, 5, NULL, "就寝时间" },
	{ "wake_time", JF_STR, offsetof(struct checkin_in, wake_time), true, 1, 5, NULL, "起床时间" },
	{ "phone_minutes", JF_INT, offsetof(struct checkin_in, phone_minutes), true, 0, CK_MAX_MINUTES, NULL, "每天使用手机（分钟）" },
	{ "reading_minutes", JF_INT, offsetof(struct checkin_in, reading_minutes), true, 0, CK_MAX_MINUTES, NULL, "每天阅读（分钟）" },
};

struct checkin_ctx {
	const struct actor *who;
	struct store_checkin row;
	int64_t id, replaced;
};

static int checkin_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct checkin_ctx *c = vctx;
	const struct store_checkin *r = &c->row;
	char obj[48];
	json_t *d;
	int rc;

	(void)e;
	if (store_ck_put(db, r, time_now(), &c->id, &c->replaced, dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "student:%lld", (long long)r->student_id);
	d = json_pack("{s:s,s:i,s:i,s:i,s:i,s:i,s:I,s:I}", "week", r->week, "bedtime_min",
		      r->bedtime, "wake_min", r->wake, "sleep_minutes", r->sleep, "phone_minutes",
		      r->phone, "reading_minutes", r->reading, "checkin", (json_int_t)c->id,
		      "replaced", (json_int_t)c->replaced);
	rc = app_audit(db, c->who, "checkin.create", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

/* The week's Monday, not after today's week: 0, or -1 with MG_CHECKIN_WEEK. */
static int week_check(struct app *a, const char *week, int64_t *monday, struct app_err *e)
{
	struct ck_verdict v;
	char today[11];
	int64_t t;

	if (ck_week_parse(week, monday, &v) != 0)
		return ck_rule_fail(a, v.code, "MG_SLEEP", v.field, v.message, e);
	ck_today(a, today);
	date_parse(today, &t);
	if (*monday > t)
		return ck_rule_fail(a, "MG_CHECKIN_WEEK", "MG_SLEEP", "week",
				    "这一周还没有开始，不能提前填报", e);
	return 0;
}

static json_t *checkin_json(const struct app *a, const struct store_checkin *r, int grade,
			    int64_t id, int64_t replaced, int64_t monday)
{
	char iso[12], bed[8], wake[8];

	ck_week_format(monday, iso, sizeof iso);
	ck_hhmm(r->bedtime, bed);
	ck_hhmm(r->wake, wake);
	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:i,s:b,s:i,s:i,s:i,s:o}", "id", (json_int_t)id,
			 "student_id", (json_int_t)r->student_id, "week", iso, "week_start",
			 r->week, "bedtime", bed, "wake_time", wake, "sleep_minutes", r->sleep,
			 "under_floor", ck_under_floor(&a->policy, grade, r->sleep),
			 "floor_minutes", ck_sleep_floor(&a->policy, grade), "phone_minutes",
			 r->phone, "reading_minutes", r->reading, "replaced",
			 replaced ? json_integer(replaced) : json_null());
}

int app_ck_checkin(struct app *a, const struct actor *who, json_t *body, json_t **out,
		   struct app_err *e)
{
	struct checkin_in in = { 0 };
	struct checkin_ctx c = { .who = who };
	struct ck_verdict v;
	char week[11], sunday[11];
	int64_t monday;
	int grade = 0;

	if (who->role != ROLE_PARENT)
		return app_fail(e, 403, "FORBIDDEN", "只有家长可以为自己的孩子填报");
	if (app_decode_scalars(body, ck_none, checkin_fields,
			       sizeof checkin_fields / sizeof checkin_fields[0], &in, e) != 0)
		return -1;
	if (app_child_of(a, who, in.student_id, &c.row.class_id, &c.row.school_id, &grade, e) != 0 ||
	    week_check(a, in.week, &monday, e) != 0)
		return -1;
	if (ck_times_check(&a->policy, in.bedtime, in.wake_time, &c.row.bedtime, &c.row.wake,
			   &c.row.sleep, &v) != 0)
		return ck_rule_fail(a, v.code, "MG_SLEEP", v.field, v.message, e);
	date_format(monday, week, sizeof week);
	date_format(monday + 6, sunday, sizeof sunday);
	c.row.week_end = sunday;
	c.row.grade = grade;
	c.row.district_id = who->district_id;
	c.row.student_id = in.student_id;
	c.row.user_id = who->user_id;
	c.row.week = week;
	c.row.phone = (int)in.phone_minutes;
	c.row.reading = (int)in.reading_minutes;
	if (app_tx_group(a, checkin_tx, &c, e) != 0)
		return -1;
	*out = checkin_json(a, &c.row, grade, c.id, c.replaced, monday);
	return 0;
}

static json_t *child_items(const struct app *a, struct db_res *r, int grade)
{
	json_t *items = json_array();

	for (int i = 0; i < db_res_rows(r); i++) {
		struct store_checkin row = { .week = db_res_text(r, i, 1),
					     .bedtime = (int)db_res_int(r, i, 2),
					     .wake = (int)db_res_int(r, i, 3),
					     .sleep = (int)db_res_int(r, i, 4),
					     .phone = (int)db_res_int(r, i, 5),
					     .reading = (int)db_res_int(r, i, 6) };
		int64_t monday = 0;
		json_t *one;

		date_parse(row.week, &monday);
		one = checkin_json(a, &row, grade, db_res_int(r, i, 0), 0, monday);
		json_object_del(one, "replaced");
		json_object_del(one, "student_id");
		json_object_set_new(one, "versions", json_integer(db_res_int(r, i, 8)));
		json_array_append_new(items, one);
	}
	return items;
}

int app_ck_checkins(struct app *a, const struct actor *who, const char *student_id,
		    json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct db *db;
	int64_t sid, today;
	char today_s[11], monday_s[11], iso[12];
	json_t *items;
	int grade = 0, rc;

	if (who->role != ROLE_PARENT)
		return app_fail(e, 403, "FORBIDDEN", "只有家长可以查看自己填报的记录");
	if (app_parse_cursor(student_id, &sid) != 0 || sid <= 0)
		return app_fail(e, 400, "QUERY_INVALID", "student_id 应为正整数");
	if (app_child_of(a, who, sid, NULL, NULL, &grade, e) != 0)
		return -1;
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_ck_child(db, sid, CK_CHILD_WEEKS, &r, &dbe);
	app_db_put(a, db);
	if (rc != 0)
		return app_db_fail(e, &dbe, who->request_id);
	ck_today(a, today_s);
	date_parse(today_s, &today);
	today -= date_weekday(today) - 1;
	date_format(today, monday_s, sizeof monday_s);
	ck_week_format(today, iso, sizeof iso);
	items = child_items(a, r, grade);
	db_res_free(r);
	*out = json_pack("{s:I,s:s,s:s,s:i,s:O,s:o}", "student_id", (json_int_t)sid, "week", iso,
			 "week_start", monday_s, "floor_minutes", ck_sleep_floor(&a->policy, grade),
			 "prefill", json_array_size(items) ? json_array_get(items, 0) : json_null(),
			 "items", items);
	return 0;
}

/* ---- a school's phone rules and sleep settings ---- */

static json_t *settings_json(const struct app *a, int64_t school_id, struct db_res *r)
{
	const struct policy *p = &a->policy;
	char wake[8] = "", dwake[8], at[40] = "";
	const char *phones = policy_rule_clause(p, "MG_PHONES"),
		   *sleep = policy_rule_clause(p, "MG_SLEEP_FEASIBLE");
	json_t *travel = json_null();

	ck_hhmm(p->sleep_wake_default_min, dwake);
	if (r && !db_res_isnull(r, 0, 5))
		ck_hhmm((int)db_res_int(r, 0, 5), wake);
	if (r && !db_res_isnull(r, 0, 6))
		travel = json_integer(db_res_int(r, 0, 6));
	if (r)
		time_rfc3339(db_res_int(r, 0, 7), p->utc_offset_minutes, at, sizeof at);
	return json_pack("{s:I,s:i,s:{s:b,s:s,s:s,s:s,s:s},s:{s:o,s:o,s:s,s:i,s:s},s:o}",
			 "school_id", (json_int_t)school_id, "version",
			 r ? (int)db_res_int(r, 0, 0) : 0, "phones", "handed_in",
			 r ? (int)db_res_int(r, 0, 1) : 0, "kept", r ? db_res_text(r, 0, 2) : "",
			 "calls", r ? db_res_text(r, 0, 3) : "", "note",
			 r ? db_res_text(r, 0, 4) : "", "clause", phones ? phones : "", "sleep",
			 "wake_time", wake[0] ? json_string(wake) : json_null(), "travel_minutes", travel,
			 "default_wake_time", dwake, "default_travel_minutes",
			 p->sleep_travel_default_min, "clause", sleep ? sleep : "", "updated_at",
			 at[0] ? json_string(at) : json_null());
}

/* The school visible to the actor: 0, or -1 with 404 / a store error. */
static int school_visible(struct app *a, const struct actor *who, int64_t school_id,
			  struct app_err *e)
{
	char kind[32];

	return app_school_term_check(a, who, school_id, 0, kind, sizeof kind, e);
}

int app_ck_settings_get(struct app *a, const struct actor *who, int64_t school_id, json_t **out,
			struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct db *db;
	int rc;

	if (school_visible(a, who, school_id, e) != 0)
		return -1;
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_ck_school_get(db, school_id, &r, &dbe);
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	*out = settings_json(a, school_id, rc == 0 ? r : NULL);
	db_res_free(r);
	return 0;
}

struct settings_ctx {
	const struct actor *who;
	int64_t school_id;
	const char *action;
	int phones; /* 1: the phone half is new, else the sleep half */
	struct store_ck_school s;
	int version;
};

static int settings_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct settings_ctx *c = vctx;
	struct store_ck_school s = c->s;
	struct db_res *r = NULL;
	char obj[48];
	json_t *d;
	int rc;

	(void)e;
	rc = store_ck_school_get(db, c->school_id, &r, dbe);
	if (rc < 0)
		return -1;
	if (rc == 0 && c->phones) {
		s.wake = db_res_isnull(r, 0, 5) ? -1 : (int)db_res_int(r, 0, 5);
		s.travel = db_res_isnull(r, 0, 6) ? -1 : (int)db_res_int(r, 0, 6);
	} else if (rc == 0) {
		s.handed_in = (int)db_res_int(r, 0, 1);
		s.kept = db_res_text(r, 0, 2);
		s.calls = db_res_text(r, 0, 3);
		s.note = db_res_text(r, 0, 4);
	}
	rc = store_ck_school_put(db, c->who->district_id, c->school_id, &s, c->who->user_id,
				 time_now(), &c->version, dbe);
	if (rc == 0) {
		snprintf(obj, sizeof obj, "school:%lld", (long long)c->school_id);
		d = json_pack("{s:i,s:b,s:s,s:s,s:s,s:i,s:i}", "version", c->version, "handed_in",
			      s.handed_in, "kept", s.kept, "calls", s.calls, "note", s.note,
			      "wake_min", s.wake, "travel_minutes", s.travel);
		rc = app_audit(db, c->who, c->action, obj, "ok", d, dbe);
		json_decref(d);
	}
	db_res_free(r);
	return rc;
}

static int settings_put(struct app *a, const struct actor *who, struct settings_ctx *c,
			json_t **out, struct app_err *e)
{
	if (!app_manages_school(who, c->school_id))
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	if (school_visible(a, who, c->school_id, e) != 0 || app_tx(a, settings_tx, c, e) != 0)
		return -1;
	return app_ck_settings_get(a, who, c->school_id, out, e);
}

struct phones_in {
	int handed_in;
	const char *kept, *calls, *note;
};

static const struct jfield phones_fields[] = {
	{ "handed_in", JF_BOOL, offsetof(struct phones_in, handed_in), true, 0, 0, NULL, "进校统一保管" },
	{ "kept", JF_STR, offsetof(struct phones_in, kept), true, 0, 100, NULL, "保管地点" },
	{ "calls", JF_STR, offsetof(struct phones_in, calls), true, 0, 200, NULL, "联系家长的方式" },
	{ "note", JF_TEXT, offsetof(struct phones_in, note), false, 0, 1000, NULL, "补充说明" },
};

int app_ck_phone_rules_put(struct app *a, const struct actor *who, int64_t school_id,
			   json_t *body, json_t **out, struct app_err *e)
{
	struct phones_in in = { 0 };
	struct settings_ctx c = { .who = who, .school_id = school_id, .phones = 1,
				  .action = "school.phone_rules" };

	if (app_decode_scalars(body, ck_none, phones_fields,
			       sizeof phones_fields / sizeof phones_fields[0], &in, e) != 0)
		return -1;
	if (in.handed_in && app_blank(in.kept))
		return app_field_fail(e, 422, "FIELD_REQUIRED", "kept",
				      "手机进校统一保管时，请写明保管地点");
	c.s = (struct store_ck_school){ in.handed_in, in.kept, in.calls, in.note ? in.note : "",
					-1, -1 };
	return settings_put(a, who, &c, out, e);
}

/* An optional number or time: absent or null -> -1. */
static int sleep_value(json_t *body, const char *name, int *v, struct app_err *e)
{
	json_t *j = json_object_get(body, name);

	*v = -1;
	if (!j || json_is_null(j))
		return 0;
	if (!strcmp(name, "wake_time")) {
		if (!json_is_string(j) || hhmm_parse(json_string_value(j), v) != 0)
			return app_field_fail(e, 422, "FIELD_INVALID", name,
					      "起床时间应为有效时间，格式 HH:MM（如 06:30）");
		return 0;
	}
	if (!json_is_integer(j) || json_integer_value(j) < 0 || json_integer_value(j) > 600)
		return app_field_fail(e, 422, "FIELD_INVALID", name,
				      "路上用时应为 0 到 600 分钟的整数");
	*v = (int)json_integer_value(j);
	return 0;
}

int app_ck_sleep_settings_put(struct app *a, const struct actor *who, int64_t school_id,
			      json_t *body, json_t **out, struct app_err *e)
{
	struct settings_ctx c = { .who = who, .school_id = school_id, .phones = 0,
				  .action = "school.sleep_settings" };
	const char *key;
	json_t *v;

	if (!json_is_object(body))
		return app_fail(e, 400, "JSON_NOT_OBJECT", "请求体应为 JSON 对象");
	json_object_foreach(body, key, v)
		if (strcmp(key, "wake_time") && strcmp(key, "travel_minutes"))
			return app_field_fail(e, 400, "FIELD_UNKNOWN", key, "未知字段");
	c.s = (struct store_ck_school){ 0, "", "", "", -1, -1 };
	if (sleep_value(body, "wake_time", &c.s.wake, e) != 0 ||
	    sleep_value(body, "travel_minutes", &c.s.travel, e) != 0)
		return -1;
	return settings_put(a, who, &c, out, e);
}
