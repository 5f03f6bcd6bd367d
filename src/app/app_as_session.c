/* app_as_session.c - after-school sessions: generated from a program's days
 * and the term calendar; attendance, content and the no-new-lesson
 * declaration; each child's handover; alerts for children not handed over
 * AS_HANDOVER minutes after the end. */
#include "app/app_as.h"
#include "app/app_internal.h"
#include "core/afterschool.h"
#include "core/calendar.h"
#include "store/store_as.h"
#include "store/store_org.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AS_MAX_RECORDS 100

static const char *const attendance_ids[] = { "present", "absent", "leave", NULL };
static const char *const handover_ids[] = { "guardian", "extended", "evening", "alone", NULL };

/* 0 on duty at the school, 1 not (answered as not found), -1 error. */
static int duty_or_missing(struct db *db, const struct actor *who, int64_t school_id,
			   struct db_err *dbe)
{
	int d = app_on_duty(db, who, school_id, dbe);

	return d < 0 ? -1 : !d;
}

/* ---- generating sessions ---- */

struct gen_ctx {
	const struct actor *who;
	int64_t program_id;
	const char *from, *to;
	int created, existing;
};

static int gen_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct gen_ctx *c = vctx;
	struct db_res *p = NULL;
	int64_t d0, d1, t0, t1;
	char obj[48];
	json_t *det;
	int rc = store_as_program_days(db, c->who->district_id, c->program_id, &p, dbe);

	c->created = c->existing = 0; /* a retried transaction starts again */
	if (rc < 0)
		return -1;
	if (rc == 1 || !app_manages_school(c->who, db_res_int(p, 0, 0))) {
		db_res_free(p);
		return app_fail(e, 404, "NOT_FOUND", "没有找到这个课后服务项目，或不在您的权限范围内");
	}
	date_parse(c->from, &d0);
	date_parse(c->to, &d1);
	date_parse(db_res_text(p, 0, 5), &t0);
	date_parse(db_res_text(p, 0, 6), &t1);
	if (d0 < t0)
		d0 = t0;
	if (d1 > t1)
		d1 = t1;
	for (int64_t d = d0; d <= d1; d++) {
		char day[11], mark[16], wd[4];
		int in_term = 0, created = 0;

		snprintf(wd, sizeof wd, "%d", date_weekday(d));
		if (!strstr(db_res_text(p, 0, 2), wd))
			continue;
		date_format(d, day, sizeof day);
		if (store_day_info(db, c->who->district_id, day, &in_term, mark, sizeof mark, dbe) != 0)
			goto fail;
		/* a school day, or the program's weekend day (周末服务) outside holidays */
		if (cal_classify(d, in_term, mark) != POLICY_DAY_SCHOOL &&
		    !(date_weekday(d) >= 6 && in_term && !*mark))
			continue;
		if (store_as_session_add(db, c->who->district_id, db_res_int(p, 0, 0), c->program_id,
					 day, (int)db_res_int(p, 0, 3), (int)db_res_int(p, 0, 4),
					 &created, dbe) != 0)
			goto fail;
		c->created += created;
		c->existing += !created;
	}
	if (store_as_count(db, c->who->district_id, db_res_int(p, 0, 0), db_res_int(p, 0, 1),
			   &(struct store_as_delta){ .sessions = c->created }, dbe) != 0)
		goto fail;
	db_res_free(p);
	snprintf(obj, sizeof obj, "as_program:%lld", (long long)c->program_id);
	det = json_pack("{s:s,s:s,s:i}", "from", c->from, "to", c->to, "created", c->created);
	rc = app_audit(db, c->who, "afterschool.sessions", obj, "ok", det, dbe);
	json_decref(det);
	return rc;
fail:
	db_res_free(p);
	return -1;
}

struct range_in {
	const char *from, *to;
};

static const struct jfield range_fields[] = {
	{ "from", JF_DATE, offsetof(struct range_in, from), true, 0, 0, NULL, "开始日期" },
	{ "to", JF_DATE, offsetof(struct range_in, to), true, 0, 0, NULL, "结束日期" },
};

int app_as_sessions_generate(struct app *a, const struct actor *who, int64_t program_id,
			     json_t *body, json_t **out, struct app_err *e)
{
	struct range_in in = { 0 };
	struct gen_ctx c = { .who = who, .program_id = program_id };
	struct jf_error je;

	if (jf_decode(body, range_fields, 2, &in, &je) != 0)
		return app_field_fail(e, je.status, je.code, je.field, je.message);
	if (strcmp(in.from, in.to) > 0)
		return app_field_fail(e, 422, "FIELD_INVALID", "to", "结束日期早于开始日期");
	c.from = in.from;
	c.to = in.to;
	if (app_tx(a, gen_tx, &c, e) != 0)
		return -1;
	*out = json_pack("{s:i,s:i}", "created", c.created, "existing", c.existing);
	return 0;
}

/* ---- reading sessions ---- */

static json_t *session_json(const struct db_res *s)
{
	char t0[8], t1[8];
	json_t *o;

	hhmm_format((int)db_res_int(s, 0, 5), t0);
	hhmm_format((int)db_res_int(s, 0, 6), t1);
	o = json_pack("{s:I,s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:s*,s:b}",
		"id", (json_int_t)db_res_int(s, 0, 0), "school_id", (json_int_t)db_res_int(s, 0, 1),
		"program_id", (json_int_t)db_res_int(s, 0, 2), "program_name", db_res_text(s, 0, 3),
		"category", db_res_text(s, 0, 12), "category_name",
		as_category_name(db_res_text(s, 0, 12)),
		"day", db_res_text(s, 0, 4), "start", t0, "end", t1, "content",
		db_res_text(s, 0, 7), "form", db_res_text(s, 0, 8), "no_new_lesson",
		(int)db_res_int(s, 0, 9), "flagged",
		db_res_text(s, 0, 10)[0] ? db_res_text(s, 0, 10) : NULL, "recorded",
		!db_res_isnull(s, 0, 11));
	json_object_set_new(o, "review", !db_res_text(s, 0, 14)[0] ? json_null()
		: json_pack("{s:s,s:s,s:s,s:I}", "outcome", db_res_text(s, 0, 14), "note",
			    db_res_text(s, 0, 15), "reviewed_by", db_res_text(s, 0, 16),
			    "reviewed_at", (json_int_t)db_res_int(s, 0, 17)));
	return o;
}

int app_as_session_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		       struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *s = NULL, *r = NULL, *g = NULL;
	struct db *db = app_db_get(a, e);
	json_t *roster;
	int rc;

	if (!db)
		return -1;
	rc = store_as_session_get(db, who->district_id, id, &s, &dbe);
	if (rc == 0 && who->role != ROLE_INSPECTOR)
		rc = duty_or_missing(db, who, db_res_int(s, 0, 1), &dbe);
	if (rc == 0)
		rc = store_as_session_roster(db, id, &r, &dbe);
	if (rc == 0)
		rc = store_as_session_guardians(db, id, &g, &dbe);
	app_db_put(a, db);
	if (rc != 0) {
		db_res_free(s);
		db_res_free(r);
		return rc < 0 ? app_db_fail(e, &dbe, who->request_id)
			      : app_fail(e, 404, "NOT_FOUND", "没有找到这次课后服务，或不在您的权限范围内");
	}
	roster = json_array();
	for (int i = 0; i < db_res_rows(r); i++) {
		json_t *gs = json_array();

		for (int k = 0; k < db_res_rows(g); k++)
			if (db_res_int(g, k, 0) == db_res_int(r, i, 0))
				json_array_append_new(gs, json_pack("{s:I,s:s,s:s}", "id",
					(json_int_t)db_res_int(g, k, 1), "name", db_res_text(g, k, 2),
					"relation", db_res_text(g, k, 3)));
		json_array_append_new(roster, json_pack("{s:I,s:s,s:s,s:s*,s:s*,s:o,s:o,s:b,s:o}",
			"student_id", (json_int_t)db_res_int(r, i, 0), "name", db_res_text(r, i, 1),
			"class_name", db_res_text(r, i, 2),
			"status", db_res_text(r, i, 3)[0] ? db_res_text(r, i, 3) : NULL,
			"handover", db_res_text(r, i, 4)[0] ? db_res_text(r, i, 4) : NULL,
			"guardian_id", db_res_int(r, i, 5) ? json_integer(db_res_int(r, i, 5))
							   : json_null(),
			"homework_done", db_res_int(r, i, 6) < 0 ? json_null()
				: json_boolean(db_res_int(r, i, 6)),
			"alone_consent", (int)db_res_int(r, i, 7), "guardians", gs));
	}
	*out = session_json(s);
	json_object_set_new(*out, "roster", roster);
	db_res_free(s);
	db_res_free(r);
	db_res_free(g);
	return 0;
}

int app_as_sessions(struct app *a, const struct actor *who, int64_t program_id,
		    const char *from, const char *to, json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *p = NULL, *r = NULL;
	struct db *db;
	int64_t x;
	json_t *items;
	int rc;

	if (!from || !to || date_parse(from, &x) != 0 || date_parse(to, &x) != 0)
		return app_fail(e, 400, "QUERY_INVALID", "from 和 to 应为日期 YYYY-MM-DD");
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_as_program_days(db, who->district_id, program_id, &p, &dbe);
	if (rc == 0 && who->role != ROLE_INSPECTOR)
		rc = duty_or_missing(db, who, db_res_int(p, 0, 0), &dbe);
	if (rc == 0)
		rc = store_as_sessions(db, program_id, from, to, &r, &dbe);
	app_db_put(a, db);
	db_res_free(p);
	if (rc != 0)
		return rc < 0 ? app_db_fail(e, &dbe, who->request_id)
			      : app_fail(e, 404, "NOT_FOUND", "没有找到这个课后服务项目，或不在您的权限范围内");
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++) {
		char t0[8], t1[8];

		hhmm_format((int)db_res_int(r, i, 2), t0);
		hhmm_format((int)db_res_int(r, i, 3), t1);
		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s,s:b,s:s*,s:b,s:I,s:s*}",
			"id", (json_int_t)db_res_int(r, i, 0), "day", db_res_text(r, i, 1), "start", t0,
			"end", t1, "no_new_lesson", (int)db_res_int(r, i, 4), "flagged",
			db_res_text(r, i, 5)[0] ? db_res_text(r, i, 5) : NULL, "recorded",
			!db_res_isnull(r, i, 6), "present", (json_int_t)db_res_int(r, i, 7),
			"review_outcome", db_res_text(r, i, 8)[0] ? db_res_text(r, i, 8) : NULL));
	}
	db_res_free(r);
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

/* ---- attendance and handover ---- */

struct record {
	int64_t student_id, guardian_id;
	const char *value; /* attendance status or handover state */
	int homework_done; /* -1 not given, 0, 1 */
};

struct mark_ctx {
	struct app *a;
	const struct actor *who;
	int64_t id;
	struct record rec[AS_MAX_RECORDS];
	int n, handover, no_new_lesson;
	const char *content, *form, *flagged;
};

/* Every record must be one of the admitted children. */
static int check_roster(struct db *db, struct mark_ctx *c, struct db_err *dbe,
			struct app_err *e)
{
	struct db_res *r = NULL;

	if (store_as_session_roster(db, c->id, &r, dbe) != 0)
		return -1;
	for (int i = 0; i < c->n; i++) {
		int found = 0;

		for (int k = 0; k < db_res_rows(r) && !found; k++)
			found = db_res_int(r, k, 0) == c->rec[i].student_id;
		if (!found) {
			db_res_free(r);
			app_fail(e, 422, "AS_NOT_ENROLLED", "第 %d 条：这个孩子没有被录取到本项目", i + 1);
			e->details = json_pack("{s:i,s:I}", "record", i, "student_id",
					       (json_int_t)c->rec[i].student_id);
			return -1;
		}
	}
	db_res_free(r);
	return 0;
}

static int mark_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct mark_ctx *c = vctx;
	struct db_res *s = NULL;
	int64_t now = time_now();
	char obj[48];
	json_t *d;
	int guidance, rc = store_as_session_get(db, c->who->district_id, c->id, &s, dbe);

	if (rc < 0)
		return -1;
	if (rc == 0)
		rc = duty_or_missing(db, c->who, db_res_int(s, 0, 1), dbe);
	if (rc < 0) {
		db_res_free(s);
		return -1;
	}
	if (rc == 1) {
		db_res_free(s);
		return app_fail(e, 404, "NOT_FOUND", "没有找到这次课后服务，或不在您的权限范围内");
	}
	guidance = !strcmp(db_res_text(s, 0, 12), "homework"); /* 作业辅导 */
	db_res_free(s);
	if (check_roster(db, c, dbe, e) != 0)
		return -1;
	for (int i = 0; i < c->n; i++)
		if (c->rec[i].homework_done >= 0 && !guidance) {
			app_fail(e, 422, "AS_NOT_GUIDANCE",
				 "第 %d 条：只有作业辅导项目记录书面作业完成情况", i + 1);
			e->details = json_pack("{s:i}", "record", i);
			return -1;
		}
	if (!c->handover && store_as_tally(db, c->id, -1, dbe) != 0)
		return -1;
	for (int i = 0; i < c->n; i++) {
		struct record *r = &c->rec[i];
		int ok = 1, changed = 0;

		if (!c->handover) {
			if (store_as_attendance_set(db, c->who->district_id, c->id, r->student_id,
						    r->value, r->homework_done, dbe) != 0)
				return -1;
			continue;
		}
		if (!strcmp(r->value, "guardian") &&
		    (!r->guardian_id ||
		     store_as_guardian_of(db, r->guardian_id, r->student_id, &ok, dbe) != 0 || !ok)) {
			if (dbe->kind)
				return -1;
			app_fail(e, 422, "AS_HANDOVER_GUARDIAN",
				 "第 %d 条：接走孩子的人不是登记的监护人", i + 1);
			e->details = json_pack("{s:i,s:s}", "record", i, "rule", "AS_HANDOVER");
			return -1;
		}
		if (!strcmp(r->value, "alone") &&
		    (store_as_alone_consent(db, c->id, r->student_id, &ok, dbe) != 0 || !ok)) {
			if (dbe->kind)
				return -1;
			app_fail(e, 422, "AS_HANDOVER_CONSENT",
				 "第 %d 条：没有监护人同意孩子自行离校的记录", i + 1);
			e->details = json_pack("{s:i}", "record", i);
			return -1;
		}
		if (store_as_handover_set(db, c->id, r->student_id, r->value, r->guardian_id, now,
					  &changed, dbe) != 0)
			return -1;
		if (!changed) {
			app_fail(e, 422, "AS_NOT_PRESENT", "第 %d 条：这个孩子本次没有签到，无需交接", i + 1);
			e->details = json_pack("{s:i}", "record", i);
			return -1;
		}
	}
	if (!c->handover &&
	    store_as_session_record(db, c->id, c->content ? c->content : "", c->form ? c->form : "",
				    c->no_new_lesson, c->flagged ? c->flagged : "", c->who->user_id,
				    now, dbe) != 0)
		return -1;
	if (!c->handover && (store_as_session_recount(db, c->id, dbe) != 0 ||
			     store_as_tally(db, c->id, 1, dbe) != 0))
		return -1;
	snprintf(obj, sizeof obj, "as_session:%lld", (long long)c->id);
	d = json_pack("{s:i,s:s*}", "records", c->n, "flagged", c->flagged);
	rc = app_audit(db, c->who, c->handover ? "afterschool.handover" : "afterschool.attendance",
		       obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

/* {"records":[{student_id, status|state, guardian_id?}], …} into c->rec. */
static int decode_records(json_t *body, const char *key, const char *const *values,
			  struct mark_ctx *c, struct app_err *e)
{
	json_t *arr = json_object_get(body, "records"), *v;
	size_t i;

	if (!json_is_array(arr) || json_array_size(arr) < 1 ||
	    json_array_size(arr) > AS_MAX_RECORDS)
		return app_field_fail(e, 422, "FIELD_INVALID", "records", "请提交 1 到 100 条记录");
	json_array_foreach(arr, i, v) {
		json_t *sid = json_object_get(v, "student_id"), *val = json_object_get(v, key);
		json_t *g = json_object_get(v, "guardian_id"), *hw = json_object_get(v, "homework_done");
		int ok = 0;
		char field[32];

		snprintf(field, sizeof field, "records.%zu", i);
		if (!json_is_object(v) || !json_is_integer(sid) || !json_is_string(val) ||
		    (g && !json_is_integer(g)) || (hw && !json_is_boolean(hw)) ||
		    (hw && strcmp(key, "status")) ||
		    json_object_size(v) != 2u + (g != NULL) + (hw != NULL))
			return app_field_fail(e, 400, "FIELD_TYPE", field, "记录格式不对");
		for (int k = 0; values[k]; k++)
			ok |= !strcmp(values[k], json_string_value(val));
		if (!ok)
			return app_field_fail(e, 422, "FIELD_INVALID", field, "状态不在可选范围内");
		for (size_t j = 0; j < i; j++)
			if (c->rec[j].student_id == json_integer_value(sid))
				return app_field_fail(e, 422, "FIELD_INVALID", field, "同一个孩子出现两次");
		if (hw && strcmp(json_string_value(val), "present"))
			return app_field_fail(e, 422, "FIELD_INVALID", field,
					      "只有到场的孩子才能记录作业完成情况");
		c->rec[i] = (struct record){ json_integer_value(sid), g ? json_integer_value(g) : 0,
					     json_string_value(val), hw ? json_is_true(hw) : -1 };
	}
	c->n = (int)json_array_size(arr);
	return 0;
}

struct attend_in {
	const char *content, *form;
	int no_new_lesson;
};

static const struct jfield attend_fields[] = {
	{ "content", JF_TEXT, offsetof(struct attend_in, content), true, 1, 1000, NULL, "活动内容" },
	{ "form", JF_STR, offsetof(struct attend_in, form), false, 0, 50, NULL, "形式" },
	{ "no_new_lesson", JF_BOOL, offsetof(struct attend_in, no_new_lesson), true, 0, 0, NULL, "未讲授新课" },
};

int app_as_attendance(struct app *a, const struct actor *who, int64_t id, json_t *body,
		      json_t **out, struct app_err *e)
{
	static const char *const arrays[] = { "records", NULL };
	struct mark_ctx *c = calloc(1, sizeof *c);
	struct attend_in in = { 0 };
	int rc = -1;

	if (!c)
		return app_fail(e, 503, "STORE_BUSY", "系统繁忙，请稍后重试");
	c->a = a;
	c->who = who;
	c->id = id;
	if (app_decode_scalars(body, arrays, attend_fields, 3, &in, e) != 0 ||
	    decode_records(body, "status", attendance_ids, c, e) != 0)
		goto done;
	c->content = in.content;
	c->form = in.form;
	c->no_new_lesson = in.no_new_lesson;
	c->flagged = as_new_lesson_keyword(&a->policy, in.content);
	rc = app_tx_group(a, mark_tx, c, e);
	if (rc == 0) {
		json_t *flags = json_array();

		if (c->flagged)
			json_array_append_new(flags, json_pack("{s:s,s:s,s:s}", "code",
				"AS_NO_NEW_LESSON", "keyword", c->flagged, "message",
				"内容像是讲授新课，已标记待核查"));
		if (!c->no_new_lesson)
			json_array_append_new(flags, json_pack("{s:s,s:s}", "code", "AS_NO_NEW_LESSON",
				"message", "教师未确认本次没有讲授新课，已标记待核查"));
		*out = json_pack("{s:I,s:i,s:o}", "session_id", (json_int_t)id, "records", c->n,
				 "flags", flags);
	}
done:
	free(c);
	return rc;
}

int app_as_handover(struct app *a, const struct actor *who, int64_t id, json_t *body,
		    json_t **out, struct app_err *e)
{
	struct mark_ctx *c = calloc(1, sizeof *c);
	const char *k;
	json_t *v;
	int rc = -1;

	if (!c)
		return app_fail(e, 503, "STORE_BUSY", "系统繁忙，请稍后重试");
	c->a = a;
	c->who = who;
	c->id = id;
	c->handover = 1;
	json_object_foreach(body, k, v)
		if (strcmp(k, "records")) {
			app_field_fail(e, 400, "FIELD_UNKNOWN", k, "请求中有未知字段");
			goto done;
		}
	if (decode_records(body, "state", handover_ids, c, e) != 0)
		goto done;
	rc = app_tx_group(a, mark_tx, c, e);
	if (rc == 0)
		*out = json_pack("{s:I,s:i}", "session_id", (json_int_t)id, "records", c->n);
done:
	free(c);
	return rc;
}

int app_as_alerts(struct app *a, const struct actor *who, json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	int64_t now = time_now() + (int64_t)a->policy.utc_offset_minutes * 60;
	int minute = (int)((now % 86400 + 86400) % 86400 / 60);
	char day[11];
	struct db *db;
	json_t *items;
	int rc;

	if (who->role != ROLE_PRINCIPAL && who->role != ROLE_ACADEMIC_OFFICE &&
	    who->role != ROLE_TEACHER)
		return app_fail(e, 403, "FORBIDDEN", "只有学校的教师、校长和教导处可以查看交接预警");
	date_format(date_of(time_now(), a->policy.utc_offset_minutes), day, sizeof day);
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_as_alerts(db, who->district_id, who->school_id,
			     who->role == ROLE_TEACHER ? who->user_id : 0, day,
			     minute - a->policy.as_handover_alert_min, &r, &dbe);
	app_db_put(a, db);
	if (rc != 0)
		return app_db_fail(e, &dbe, who->request_id);
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++) {
		char t[8];

		hhmm_format((int)db_res_int(r, i, 3), t);
		json_array_append_new(items, json_pack("{s:s,s:I,s:s,s:s,s:s,s:I,s:s,s:s}", "code",
			"AS_HANDOVER", "session_id", (json_int_t)db_res_int(r, i, 0), "program_name",
			db_res_text(r, i, 1), "day", db_res_text(r, i, 2), "ended", t, "student_id",
			(json_int_t)db_res_int(r, i, 4), "student_name", db_res_text(r, i, 5),
			"class_name", db_res_text(r, i, 6)));
	}
	db_res_free(r);
	*out = json_pack("{s:o,s:i}", "items", items, "alert_after_minutes",
			 a->policy.as_handover_alert_min);
	return 0;
}

/* ---- quality measures (B18) ---- */

int app_as_metrics(struct app *a, const struct actor *who, int64_t school_id, const char *term,
		   json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *pr = NULL, *st = NULL, *rec = NULL, *ven = NULL, *fo = NULL;
	char today[11];
	int unchecked = 0;
	long students = 0, applied = 0, admitted = 0, g_students[10] = { 0 }, g_applied[10] = { 0 };
	int64_t term_id = 0;
	char kind[16];
	struct db *db;
	json_t *classes, *grades;
	int rc;

	if (!app_reads_school(who, school_id))
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	if (app_parse_cursor(term, &term_id) != 0 || term_id <= 0)
		return app_fail(e, 400, "QUERY_INVALID", "term 应为学期 id");
	date_format(date_of(time_now(), a->policy.utc_offset_minutes), today, sizeof today);
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = app_school_term(db, who, school_id, term_id, kind, sizeof kind, &dbe);
	if (rc == 0)
		rc = store_as_participation(db, school_id, term_id, &pr, &dbe);
	if (rc == 0)
		rc = store_as_session_totals(db, who->district_id, school_id, term_id, &st, &dbe);
	if (rc == 0)
		rc = store_as_school_records(db, school_id, term_id, &rec, &dbe);
	if (rc == 0)
		rc = store_as_venues(db, school_id, term_id, today, &ven, &dbe);
	if (rc == 0)
		rc = store_as_flagged_open(db, school_id, term_id, &fo, &dbe);
	app_db_put(a, db);
	if (rc != 0) {
		db_res_free(fo);
		db_res_free(pr);
		db_res_free(st);
		db_res_free(rec);
		return rc < 0 ? app_db_fail(e, &dbe, who->request_id)
			      : app_fail(e, 404, "NOT_FOUND", "没有找到这所学校或学期");
	}
	classes = json_array();
	for (int i = 0; i < db_res_rows(pr); i++) {
		long n = (long)db_res_int(pr, i, 3), ap = (long)db_res_int(pr, i, 4);
		int g = (int)db_res_int(pr, i, 2);

		students += n;
		applied += ap;
		admitted += (long)db_res_int(pr, i, 5);
		if (g >= 1 && g <= 9) {
			g_students[g] += n;
			g_applied[g] += ap;
		}
		json_array_append_new(classes, json_pack("{s:I,s:s,s:i,s:I,s:I,s:I,s:o}",
			"class_id", (json_int_t)db_res_int(pr, i, 0), "class_name", db_res_text(pr, i, 1),
			"grade", g, "students", (json_int_t)n, "applied", (json_int_t)ap, "admitted",
			(json_int_t)db_res_int(pr, i, 5), "participation_percent", app_percent(ap, n)));
	}
	grades = json_array();
	for (int g = 1; g <= 9; g++)
		if (g_students[g])
			json_array_append_new(grades, json_pack("{s:i,s:I,s:I,s:o}", "grade", g,
				"students", (json_int_t)g_students[g], "applied",
				(json_int_t)g_applied[g], "participation_percent",
				app_percent(g_applied[g], g_students[g])));
	{
		long nrec = db_res_rows(st) ? (long)db_res_int(st, 0, 4) : 0;
		long present = db_res_rows(st) ? (long)db_res_int(st, 0, 5) : 0;
		long asked = db_res_rows(st) ? (long)db_res_int(st, 0, 6) : 0;
		long done = db_res_rows(st) ? (long)db_res_int(st, 0, 7) : 0;

		*out = json_pack("{s:I,s:I,s:I,s:I,s:I,s:o,s:o,s:o,s:I,s:I,s:I,s:I,s:I,s:o}",
			"school_id", (json_int_t)school_id, "term_id", (json_int_t)term_id,
			"students", (json_int_t)students, "applied", (json_int_t)applied,
			"admitted", (json_int_t)admitted, "participation_percent",
			app_percent(applied, students), "by_grade", grades, "by_class", classes,
			"sessions", (json_int_t)(db_res_rows(st) ? db_res_int(st, 0, 1) : 0),
			"recorded", (json_int_t)(db_res_rows(st) ? db_res_int(st, 0, 2) : 0),
			"flagged", (json_int_t)(db_res_rows(st) ? db_res_int(st, 0, 3) : 0),
			"attendance_records", (json_int_t)nrec, "present", (json_int_t)present,
			"attendance_percent", app_percent(present, nrec));
		json_object_set_new(*out, "flagged_open", json_integer(db_res_rows(st) ?
			db_res_int(st, 0, 8) : 0));
		json_object_set_new(*out, "homework_guidance", json_pack("{s:I,s:I,s:o}",
			"present", (json_int_t)asked, "done", (json_int_t)done, "percent",
			app_percent(done, asked)));
	}
	for (int i = 0; i < db_res_rows(ven); i++)
		unchecked += as_venue_check(today, db_res_text(ven, i, 1), (int)db_res_int(ven, i, 2),
					    db_res_text(ven, i, 3),
					    a->policy.as_venue_check_days) != AS_VENUE_OK;
	json_object_set_new(*out, "incidents", json_integer(db_res_int(rec, 0, 0)));
	json_object_set_new(*out, "safety_checks", json_integer(db_res_int(rec, 0, 1)));
	json_object_set_new(*out, "venues_unchecked", json_integer(unchecked));
	{
		json_t *list = json_array();

		for (int i = 0; i < db_res_rows(fo); i++)
			json_array_append_new(list, json_pack("{s:I,s:s,s:s,s:s}", "id",
				(json_int_t)db_res_int(fo, i, 0), "day", db_res_text(fo, i, 1),
				"program_name", db_res_text(fo, i, 2), "flagged", db_res_text(fo, i, 3)));
		json_object_set_new(*out, "flagged_sessions", list);
	}
	db_res_free(fo);
	db_res_free(pr);
	db_res_free(st);
	db_res_free(rec);
	db_res_free(ven);
	return 0;
}

/* ---- the school's review of a flagged session ---- */

struct review_ctx {
	const struct actor *who;
	int64_t id;
	const char *outcome, *note;
};

static int review_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct review_ctx *c = vctx;
	struct db_res *s = NULL;
	char obj[48];
	json_t *d;
	int flagged, rc = store_as_session_get(db, c->who->district_id, c->id, &s, dbe);

	if (rc < 0)
		return -1;
	if (rc == 1 || !app_manages_school(c->who, db_res_int(s, 0, 1))) {
		db_res_free(s);
		return app_fail(e, 404, "NOT_FOUND", "没有找到这次课后服务，或不在您的权限范围内");
	}
	/* a new-lesson word, or recorded without the declaration */
	flagged = db_res_text(s, 0, 10)[0] || (!db_res_isnull(s, 0, 11) && !db_res_int(s, 0, 9));
	db_res_free(s);
	if (!flagged)
		return app_fail(e, 409, "AS_NOT_FLAGGED", "这次活动没有被标记待核查，无需核查");
	if (store_as_session_review(db, c->id, c->outcome, c->note, c->who->user_id, time_now(),
				    dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "as_session:%lld", (long long)c->id);
	d = json_pack("{s:s,s:s}", "outcome", c->outcome, "rule", "AS_NO_NEW_LESSON");
	rc = app_audit(db, c->who, "afterschool.review", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

struct review_in {
	const char *outcome, *note;
};

static const char *const review_outcomes[] = { "cleared", "confirmed", NULL };

static const struct jfield review_fields[] = {
	{ "outcome", JF_ENUM, offsetof(struct review_in, outcome), true, 0, 0, review_outcomes, "核查结论" },
	{ "note", JF_TEXT, offsetof(struct review_in, note), true, 1, 500, NULL, "核查说明" },
};

int app_as_session_review(struct app *a, const struct actor *who, int64_t id, json_t *body,
			  json_t **out, struct app_err *e)
{
	struct review_in in = { 0 };
	struct review_ctx c = { .who = who, .id = id };
	struct jf_error je;

	if (jf_decode(body, review_fields, 2, &in, &je) != 0)
		return app_field_fail(e, je.status, je.code, je.field, je.message);
	c.outcome = in.outcome;
	c.note = in.note;
	if (app_tx(a, review_tx, &c, e) != 0)
		return -1;
	*out = json_pack("{s:I,s:s,s:s}", "session_id", (json_int_t)id, "outcome", in.outcome,
			 "note", in.note);
	return 0;
}
