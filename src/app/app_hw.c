/* app_hw.c - homework: post, edit, withdraw, approve; the class-day and the
 * public notice; school settings; grading records. Reports, follow-ups and
 * the school and district views are in app_hw_views.c. */
#include "app/app_hw.h"
#include "app/app_hw_internal.h"
#include "app/app_internal.h"
#include "app/app_org.h"
#include "app/notice_cache.h"
#include "core/calendar.h"
#include "core/curriculum.h"
#include "core/homework.h"
#include "store/store_hw.h"
#include "store/store_org.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The fields an item has whether it is posted or edited. */
#define HW_ITEM_FIELDS                                                                              \
	{ "subject", JF_STR, offsetof(struct hw_in, subject), true, 1, 16, NULL, "学科" },            \
	{ "kind", JF_ENUM, offsetof(struct hw_in, kind), true, 0, 0, hw_kind_ids, "作业类型" },       \
	{ "tier", JF_ENUM, offsetof(struct hw_in, tier), false, 0, 0, hw_tier_ids, "层次" },          \
	{ "title", JF_STR, offsetof(struct hw_in, title), true, 1, 100, NULL, "标题" },               \
	{ "content", JF_TEXT, offsetof(struct hw_in, content), true, 1, 2000, NULL, "内容" },         \
	{ "minutes", JF_INT, offsetof(struct hw_in, minutes), true, 1, 240, NULL, "预计用时（分钟）" }, \
	{ "due_on", JF_DATE, offsetof(struct hw_in, due_on), true, 0, 0, NULL, "完成日期" },         \
	{ "level", JF_ENUM, offsetof(struct hw_in, level), false, 0, 0, hw_level_ids, "难度" }

const struct jfield hw_post_fields[] = {
	{ "class_id", JF_INT, offsetof(struct hw_in, class_id), true, 1, INT64_MAX, NULL, "班级" },
	{ "assigned_on", JF_DATE, offsetof(struct hw_in, assigned_on), true, 0, 0, NULL, "布置日期" },
	HW_ITEM_FIELDS,
};
const size_t hw_post_nfields = sizeof hw_post_fields / sizeof hw_post_fields[0];

const struct jfield hw_edit_fields[] = {
	HW_ITEM_FIELDS,
	{ "reason", JF_STR, offsetof(struct hw_in, reason), true, 1, 200, NULL, "修改原因" },
};
const size_t hw_edit_nfields = sizeof hw_edit_fields / sizeof hw_edit_fields[0];

/* Longest time between the day homework is set and the day it is due. */
#define HW_MAX_DUE_DAYS 31

static const char *status_name(const char *s)
{
	if (!strcmp(s, "pending"))
		return "待审核";
	if (!strcmp(s, "published"))
		return "已公示";
	if (!strcmp(s, "returned"))
		return "已退回";
	if (!strcmp(s, "withdrawn"))
		return "已撤回";
	return "";
}

void hw_today(const struct app *a, char out[11])
{
	date_format(date_of(time_now(), a->policy.utc_offset_minutes), out, 11);
}

int hw_date_arg(const struct app *a, const char *s, char out[11], struct app_err *e)
{
	int64_t d;

	if (!s || !*s) {
		hw_today(a, out);
		return 0;
	}
	if (date_parse(s, &d) != 0)
		return app_fail(e, 400, "QUERY_INVALID", "日期应为有效日期 YYYY-MM-DD");
	date_format(d, out, 11);
	return 0;
}

json_t *hw_item_json(const struct app *a, const struct db_res *r, int i, int public)
{
	int kind = hw_kind_parse(db_res_text(r, i, HWC_KIND));
	int tier = hw_tier_parse(db_res_text(r, i, HWC_TIER));
	const char *st = db_res_text(r, i, HWC_STATUS);
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:b,s:s,s:s}",
		"id", (json_int_t)db_res_int(r, i, HWC_ID),
		"subject", db_res_text(r, i, HWC_SUBJECT), "kind", db_res_text(r, i, HWC_KIND),
		"kind_name", hw_kind_name(kind), "tier", db_res_text(r, i, HWC_TIER),
		"tier_name", hw_tier_name(tier), "title", db_res_text(r, i, HWC_TITLE),
		"content", db_res_text(r, i, HWC_CONTENT),
		"minutes", (json_int_t)db_res_int(r, i, HWC_MINUTES),
		"counted", hw_counts(&a->policy, kind, tier),
		"assigned_on", db_res_text(r, i, HWC_ASSIGNED), "due_on", db_res_text(r, i, HWC_DUE));
	char t[40];

	/* HW_DIFFICULTY: the poster's declaration, shown with the item */
	json_object_set_new(o, "level", json_string(db_res_text(r, i, HWC_LEVEL)));
	json_object_set_new(o, "level_name",
			    json_string(hw_level_name(hw_level_parse(db_res_text(r, i, HWC_LEVEL)))));
	if (public)
		return o;
	json_object_set_new(o, "class_id", json_integer(db_res_int(r, i, HWC_CLASS)));
	json_object_set_new(o, "class_name", json_string(db_res_text(r, i, HWC_CLASSNAME)));
	json_object_set_new(o, "grade", json_integer(db_res_int(r, i, HWC_GRADE)));
	json_object_set_new(o, "status", json_string(st));
	json_object_set_new(o, "status_name", json_string(status_name(st)));
	json_object_set_new(o, "version", json_integer(db_res_int(r, i, HWC_VERSION)));
	json_object_set_new(o, "reason", json_string(db_res_text(r, i, HWC_REASON)));
	json_object_set_new(o, "poster_id", json_integer(db_res_int(r, i, HWC_USER)));
	json_object_set_new(o, "poster", json_string(db_res_text(r, i, HWC_POSTER)));
	time_rfc3339(db_res_int(r, i, HWC_UPDATED), a->policy.utc_offset_minutes, t, sizeof t);
	json_object_set_new(o, "updated_at", json_string(t));
	if (db_res_isnull(r, i, HWC_GMETHOD)) {
		json_object_set_new(o, "grading", json_null());
	} else {
		const char *m = db_res_text(r, i, HWC_GMETHOD);

		json_object_set_new(o, "grading",
			json_pack("{s:s,s:s,s:b,s:s}", "method", m, "method_name", hw_grading_name(m),
				  "reviewed", (int)db_res_int(r, i, HWC_GREVIEWED), "notes",
				  db_res_text(r, i, HWC_GNOTES)));
	}
	return o;
}

/* What the history keeps of a version (no names, safe for the public page). */
static char *snapshot(const struct store_hw *h)
{
	json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:i,s:s,s:s}", "subject", h->subject, "kind",
			      h->kind, "tier", h->tier, "title", h->title, "content", h->content,
			      "minutes", h->minutes, "due_on", h->due_on, "status", h->status);
	char *s = json_dumps(o, JSON_COMPACT);

	json_decref(o);
	return s;
}

static void hw_from_row(struct store_hw *h, const struct db_res *r)
{
	memset(h, 0, sizeof *h);
	h->id = db_res_int(r, 0, HWC_ID);
	h->class_id = db_res_int(r, 0, HWC_CLASS);
	h->school_id = db_res_int(r, 0, HWC_SCHOOL);
	h->user_id = db_res_int(r, 0, HWC_USER);
	h->staff_id = db_res_int(r, 0, HWC_STAFF);
	h->subject = db_res_text(r, 0, HWC_SUBJECT);
	h->kind = db_res_text(r, 0, HWC_KIND);
	h->tier = db_res_text(r, 0, HWC_TIER);
	h->title = db_res_text(r, 0, HWC_TITLE);
	h->content = db_res_text(r, 0, HWC_CONTENT);
	h->minutes = (int)db_res_int(r, 0, HWC_MINUTES);
	h->counted = (int)db_res_int(r, 0, HWC_COUNTED);
	h->assigned_on = db_res_text(r, 0, HWC_ASSIGNED);
	h->due_on = db_res_text(r, 0, HWC_DUE);
	h->status = db_res_text(r, 0, HWC_STATUS);
	h->reason = db_res_text(r, 0, HWC_REASON);
	h->version = (int)db_res_int(r, 0, HWC_VERSION);
	h->level = db_res_text(r, 0, HWC_LEVEL);
}


/* Field checks the field table cannot express. */
static int check_fields(const struct hw_in *in, const char *assigned_on, struct app_err *e)
{
	int64_t a, d;

	if (!subject_ok(in->subject)) {
		app_fail(e, 422, "FIELD_INVALID", "学科应为课程中的一门（语文、数学、英语……）");
		e->details = json_pack("{s:s}", "field", "subject");
		return -1;
	}
	if (app_blank(in->title) || app_blank(in->content)) {
		app_fail(e, 422, "FIELD_INVALID", "%s不能为空", app_blank(in->title) ? "标题" : "内容");
		e->details = json_pack("{s:s}", "field", app_blank(in->title) ? "title" : "content");
		return -1;
	}
	date_parse(assigned_on, &a);
	date_parse(in->due_on, &d);
	if (d < a) {
		app_fail(e, 422, "HW_DUE_BEFORE_ASSIGNED", "完成日期 %s 早于布置日期 %s", in->due_on,
			 assigned_on);
		e->details = json_pack("{s:s}", "field", "due_on");
		return -1;
	}
	if (d - a > HW_MAX_DUE_DAYS) {
		app_fail(e, 422, "HW_DUE_TOO_LATE", "完成日期最多在布置日期后 %d 天", HW_MAX_DUE_DAYS);
		e->details = json_pack("{s:s}", "field", "due_on");
		return -1;
	}
	return 0;
}

/* The kind of a day for homework: inside a term, or a marked vacation day;
 * other dates are outside the school year (HW_DATE_OUT_OF_TERM). */
int hw_day_kind(struct db *db, int64_t district, const char *day, enum policy_day_kind *k,
		struct db_err *dbe, struct app_err *e)
{
	char mark[16];
	int in_term = 0;
	int64_t d;

	if (store_day_info(db, district, day, &in_term, mark, sizeof mark, dbe) != 0)
		return -2;
	if (!in_term && strcmp(mark, "vacation") != 0) {
		app_fail(e, 422, "HW_DATE_OUT_OF_TERM",
			 "%s 不在任何学期内，也不是校历中的假期，不能布置作业", day);
		e->details = json_pack("{s:s,s:s}", "field", "assigned_on", "date", day);
		return -1;
	}
	date_parse(day, &d);
	*k = cal_classify(d, in_term, mark);
	return 0;
}

/* ---- posting and editing ---- */

struct post_ctx {
	struct app *a;
	const struct actor *who;
	struct store_hw h;
	int grade, approval, editing;
	enum policy_day_kind dk;
	int64_t id;
	int used, refused, limit;
	struct hw_verdict v;
	const char *in_reason;
	const struct hw_in *in;
	char day[11]; /* h.assigned_on, kept past the transaction's rows */
	json_t *item;  /* the stored item, read inside the transaction */
};

/* The item as stored, read in the transaction that wrote it: once the
 * commit succeeds there is no further read that could fail and turn an
 * acknowledged write into an error. */
static int item_in_tx(struct db *db, struct app *a, int64_t district, int64_t id, json_t **item,
		      struct db_err *dbe)
{
	struct db_res *r = NULL;

	if (store_hw_get(db, district, id, &r, dbe) != 0)
		return -1;
	json_decref(*item);
	*item = hw_item_json(a, r, 0, 0);
	db_res_free(r);
	return 0;
}

static json_t *verdict_details(const struct post_ctx *c)
{
	json_t *d = json_pack("{s:s,s:i,s:i,s:i,s:s,s:s}", "rule", c->v.code,
			      "limit_minutes", c->v.limit_minutes, "used_minutes", c->v.used_minutes,
			      "requested_minutes", c->v.requested_minutes, "date", c->h.assigned_on,
			      "day_kind", cal_kind_id(c->dk));
	const char *clause = policy_rule_clause(&c->a->policy, c->v.code);

	if (c->v.keyword[0])
		json_object_set_new(d, "keyword", json_string(c->v.keyword));
	if (clause)
		json_object_set_new(d, "clause", json_string(clause));
	return d;
}

/* Record the refusal durably in place of the item. */
static int refuse(struct db *db, struct post_ctx *c, struct db_err *dbe)
{
	json_t *d = verdict_details(c);
	char *ds = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);
	char obj[48];
	int rc;

	snprintf(obj, sizeof obj, "class:%lld", (long long)c->h.class_id);
	json_object_set_new(d, "subject", json_string(c->h.subject));
	rc = store_hw_refusal_add(db, c->who->district_id, c->h.school_id, c->h.class_id,
				  c->who->user_id, c->h.now, c->h.assigned_on, c->v.code,
				  c->h.subject, c->h.minutes, ds ? ds : "{}", dbe) ||
	     app_audit(db, c->who, c->editing ? "homework.edit" : "homework.post", obj, c->v.code, d,
		       dbe);
	free(ds);
	json_decref(d);
	c->refused = 1;
	return rc ? -1 : 0;
}

/* Add the item's counted minutes (delta from what it counted before) and
 * its optional (选做) written minutes to the class-day, check the rules
 * against the totals without it; on a refusal, take the minutes back out and
 * record the refusal. Returns 0 allowed, 1 refused (recorded), -1 error. */
static int check_in_tx(struct db *db, struct post_ctx *c, int old_counted, int old_optional,
		       struct db_err *dbe)
{
	struct hw_item it = { .grade = c->grade, .kind = hw_kind_parse(c->h.kind),
			      .tier = hw_tier_parse(c->h.tier), .minutes = c->h.minutes,
			      .title = c->h.title, .content = c->h.content,
			      .subject = c->h.subject,
			      .level = (enum hw_level)hw_level_parse(c->h.level) };
	int counted = hw_counts(&c->a->policy, it.kind, it.tier) ? c->h.minutes : 0, total = 0;
	int optional = hw_is_optional(it.kind, it.tier) ? c->h.minutes : 0, ototal = 0;
	struct hw_day day = { .kind = c->dk };

	if (store_hw_day_add(db, c->who->district_id, c->h.school_id, c->h.class_id,
			     c->h.assigned_on, counted - old_counted, &total, dbe) != 0 ||
	    store_hw_day_optional_add(db, c->who->district_id, c->h.school_id, c->h.class_id,
				      c->h.assigned_on, optional - old_optional, &ototal, dbe) != 0)
		return -1;
	day.written_minutes = total - counted;
	day.optional_minutes = ototal - optional;
	c->used = total;
	c->h.counted = counted;
	if (hw_check(&c->a->policy, &day, &it, &c->v) == 0)
		return 0;
	if (store_hw_day_add(db, c->who->district_id, c->h.school_id, c->h.class_id,
			     c->h.assigned_on, old_counted - counted, &total, dbe) != 0 ||
	    store_hw_day_optional_add(db, c->who->district_id, c->h.school_id, c->h.class_id,
				      c->h.assigned_on, old_optional - optional, &ototal, dbe) != 0)
		return -1;
	c->used = total;
	return refuse(db, c, dbe) ? -1 : 1;
}

/* The optional (选做) written minutes an item holds on its class-day. */
static int optional_of(const struct store_hw *h)
{
	return hw_is_optional(hw_kind_parse(h->kind), hw_tier_parse(h->tier)) ? h->minutes : 0;
}

static int post_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct post_ctx *c = vctx;
	char *snap;
	char obj[48];
	json_t *d;
	int rc;

	(void)e;
	c->refused = 0;
	rc = check_in_tx(db, c, 0, 0, dbe);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	c->h.status = c->approval ? "pending" : "published";
	if (store_hw_insert(db, &c->h, &c->id, dbe) != 0)
		return -1;
	snap = snapshot(&c->h);
	rc = store_hw_change_add(db, c->who->district_id, c->h.class_id, c->id, c->h.assigned_on,
				 c->h.now, c->who->user_id, c->approval ? "post" : "publish",
				 !c->approval, "", "{}", snap, dbe);
	free(snap);
	if (rc != 0)
		return -1;
	snprintf(obj, sizeof obj, "homework:%lld", (long long)c->id);
	d = json_pack("{s:I,s:s,s:s,s:s,s:i,s:s,s:s}", "class_id", (json_int_t)c->h.class_id,
		      "subject", c->h.subject, "kind", c->h.kind, "date", c->h.assigned_on,
		      "minutes", c->h.minutes, "status", c->h.status, "level", c->h.level);
	rc = app_audit(db, c->who, "homework.post", obj, "ok", d, dbe);
	json_decref(d);
	return rc ? rc : item_in_tx(db, c->a, c->who->district_id, c->id, &c->item, dbe);
}

static int fail_verdict(struct post_ctx *c, struct app_err *e)
{
	app_fail(e, 422, c->v.code, "%s", c->v.message);
	e->details = verdict_details(c);
	return -1;
}

static json_t *totals_json(const struct post_ctx *c)
{
	return json_pack("{s:s,s:s,s:s,s:i,s:i,s:i}", "date", c->h.assigned_on, "day_kind",
			 cal_kind_id(c->dk), "day_kind_name", cal_kind_name(c->dk),
			 "written_minutes", c->used, "limit_minutes", c->limit,
			 "remaining_minutes", c->limit > c->used ? c->limit - c->used : 0);
}

/* HW_NOT_YOUR_SUBJECT, 403: a teacher posts their own subjects; a head
 * teacher others only where the school allows it (hw_school.head_any_subject). */
static int not_your_subject(struct app_err *e, const char *subject, int is_head,
			    const char *now)
{
	if (is_head)
		app_fail(e, 403, "HW_NOT_YOUR_SUBJECT",
			 "您%s不是这个班的%s教师。本校设置：班主任只能布置自己任教学科的作业",
			 now, subject);
	else
		app_fail(e, 403, "HW_NOT_YOUR_SUBJECT", "您%s不是这个班的%s教师，也不是班主任", now,
			 subject);
	e->details = json_pack("{s:s}", "field", "subject");
	return -1;
}

/* Before the write: the class is the teacher's, they teach the subject there
 * or head the class, the day is in the school year; the school's settings. */
static int prepare_post(struct app *a, const struct actor *who, const struct hw_in *in,
			struct post_ctx *c, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct store_hw_poster ps;
	struct db_res *r = NULL;
	struct db *db;
	int rc, head_any = 1;

	if (who->role != ROLE_TEACHER)
		return app_fail(e, 403, "FORBIDDEN", "只有任课教师可以布置作业");
	db = app_db_get(a, e);
	if (!db)
		return -1;
	/* one query: the class is the teacher's (teaches or heads it: else 404,
	 * as for a class that does not exist), and the subject theirs */
	rc = store_hw_poster(db, in->class_id, who->user_id, in->subject, &ps, &dbe);
	if (rc == 0 && !ps.is_head && !ps.teaches_any)
		rc = 1;
	if (rc == 0) {
		c->h.school_id = ps.school_id;
		c->grade = ps.grade;
		rc = hw_day_kind(db, who->district_id, in->assigned_on, &c->dk, &dbe, e);
		if (rc == -1) {
			app_db_put(a, db);
			return -1;
		}
		rc = rc == -2 ? -1 : 0;
	}
	if (rc == 0) {
		rc = store_hw_school_get(db, c->h.school_id, &r, &dbe);
		c->approval = rc == 0 && db_res_int(r, 0, 0);
		head_any = rc != 0 || db_res_int(r, 0, 3);
		if (rc == 0)
			db_res_free(r);
		rc = rc < 0 ? -1 : 0;
	}
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有找到这个班级，或不在您的权限范围内");
	if (!hw_may_post_subject(&ps, head_any))
		return not_your_subject(e, in->subject, ps.is_head, "");
	c->h.staff_id = ps.staff_id;
	c->limit = hw_limit(&a->policy, c->grade, c->dk);
	return 0;
}

int app_hw_post(struct app *a, const struct actor *who, const struct hw_in *in, json_t **out,
		struct app_err *e)
{
	struct post_ctx c = { .a = a, .who = who, .in = in };

	if (check_fields(in, in->assigned_on, e) != 0 || prepare_post(a, who, in, &c, e) != 0)
		return -1;
	c.h.district_id = who->district_id;
	c.h.class_id = in->class_id;
	c.h.user_id = who->user_id;
	c.h.subject = in->subject;
	c.h.kind = in->kind;
	c.h.tier = in->tier ? in->tier : "basic";
	c.h.level = in->level ? in->level : "standard";
	c.h.title = in->title;
	c.h.content = in->content;
	c.h.minutes = (int)in->minutes;
	c.h.assigned_on = in->assigned_on;
	c.h.due_on = in->due_on;
	c.h.reason = "";
	c.h.now = time_now();
	if (app_tx_group(a, post_tx, &c, e) != 0) {
		json_decref(c.item);
		return -1;
	}
	if (c.refused)
		return fail_verdict(&c, e);
	*out = json_pack("{s:o,s:o}", "item", c.item, "totals", totals_json(&c));
	return 0;
}

static int item_not_found(struct app_err *e)
{
	return app_fail(e, 404, "NOT_FOUND", "没有找到这项作业，或不在您的权限范围内");
}

/* A teacher's hold on a class's items of a subject now, as for posting
 * (store_hw_poster): a live staff record of theirs teaches the subject in
 * the class or heads it. 0 holds; 1 the class is not theirs (a read of it
 * answers 404); 2 theirs, another subject; -1 store error in dbe. */
static int teacher_hold(struct db *db, const struct actor *who, int64_t class_id,
			const char *subject, struct db_err *dbe)
{
	struct store_hw_poster ps;
	int rc = store_hw_poster(db, class_id, who->user_id, subject, &ps, dbe);

	if (rc != 0)
		return rc;
	if (ps.is_head || ps.teaches)
		return 0;
	return ps.teaches_any ? 2 : 1;
}

/* Who may change (edit, withdraw, grade) an item: its poster while they
 * still hold it (teacher_hold: the live staff records and assignments a
 * read goes by, not the posting alone), or the principal / academic office
 * of its school. 0 yes; -1 with e filled (404 as for a missing item; 403
 * for a poster who now teaches the class another subject) or dbe set. */
static int may_change(struct db *db, const struct actor *who, const struct store_hw *h,
		      struct db_err *dbe, struct app_err *e)
{
	int rc;

	if (who->role == ROLE_PRINCIPAL || who->role == ROLE_ACADEMIC_OFFICE)
		return who->school_id == h->school_id ? 0 : item_not_found(e);
	if (who->role != ROLE_TEACHER || h->user_id != who->user_id)
		return item_not_found(e);
	rc = teacher_hold(db, who, h->class_id, h->subject, dbe);
	if (rc < 0)
		return -1;
	if (rc == 1)
		return item_not_found(e);
	if (rc == 2)
		return app_fail(e, 403, "HW_NOT_YOUR_SUBJECT", "您现在不是这个班的%s教师，也不是班主任",
				h->subject);
	return 0;
}

struct change_ctx {
	struct app *a;
	const struct actor *who;
	int64_t id;
	const char *op;     /* edit, withdraw, approve, return */
	const char *reason;
	const struct hw_in *in;
	struct post_ctx pc; /* edit */
};

static int is_review(const char *op)
{
	return !strcmp(op, "approve") || !strcmp(op, "return");
}

/* Reviews: the principal or academic office of the item's school, or a
 * grade head (年级组长) of its grade who did not post it. Changes: may_change. */
static int load_for_change(struct db *db, struct change_ctx *c, struct db_res **r,
			   struct store_hw *h, struct db_err *dbe, struct app_err *e)
{
	int rc = store_hw_get(db, c->who->district_id, c->id, r, dbe), allowed, head = 0;

	if (rc < 0)
		return -1;
	if (rc == 1)
		return item_not_found(e);
	hw_from_row(h, *r);
	if (!is_review(c->op))
		return may_change(db, c->who, h, dbe, e);
	allowed = (c->who->role == ROLE_PRINCIPAL || c->who->role == ROLE_ACADEMIC_OFFICE) &&
		  c->who->school_id == h->school_id;
	if (!allowed && c->who->role == ROLE_TEACHER && h->user_id != c->who->user_id) {
		if (store_hw_is_grade_head(db, c->who->user_id, h->id, &head, dbe) != 0)
			return -1;
		allowed = head;
	}
	if (!allowed)
		return item_not_found(e);
	return 0;
}

static int change_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct change_ctx *c = vctx;
	struct db_res *r = NULL;
	struct store_hw h, old;
	char *before = NULL, *after = NULL;
	char obj[48];
	int rc = -1, total, was_public;
	const char *action = c->op;
	json_t *d;

	if (load_for_change(db, c, &r, &h, dbe, e) != 0)
		goto done;
	old = h;
	was_public = !strcmp(h.status, "published");
	if (!strcmp(c->op, "approve") || !strcmp(c->op, "return")) {
		if (strcmp(h.status, "pending") != 0) {
			app_fail(e, 409, "HW_NOT_PENDING", "这项作业不在待审核状态（%s）",
				 status_name(h.status));
			goto done;
		}
	} else if (strcmp(h.status, "pending") != 0 && !was_public) {
		app_fail(e, 409, "HW_NOT_EDITABLE", "这项作业%s，不能再修改或撤回",
			 status_name(h.status));
		goto done;
	}
	before = snapshot(&h);
	h.now = time_now();
	h.reason = c->reason ? c->reason : "";
	if (!strcmp(c->op, "edit")) {
		struct post_ctx *pc = &c->pc;
		int k;

		h.subject = c->in->subject;
		h.kind = c->in->kind;
		h.tier = c->in->tier ? c->in->tier : "basic";
		h.level = c->in->level ? c->in->level : h.level; /* absent: as declared before */
		h.title = c->in->title;
		h.content = c->in->content;
		h.minutes = (int)c->in->minutes;
		h.due_on = c->in->due_on;
		pc->h = h;
		snprintf(pc->day, sizeof pc->day, "%s", h.assigned_on);
		pc->h.assigned_on = pc->day;
		k = check_in_tx(db, pc, old.counted, optional_of(&old), dbe);
		if (k != 0) {
			rc = k < 0 ? -1 : 0;
			goto done;
		}
		h.counted = pc->h.counted;
	} else if (!strcmp(c->op, "approve")) {
		h.status = "published";
	} else {
		/* withdraw, return: release the minutes */
		if (h.counted && store_hw_day_add(db, c->who->district_id, h.school_id, h.class_id,
						  h.assigned_on, -h.counted, &total, dbe) != 0)
			goto done;
		if (optional_of(&h) &&
		    store_hw_day_optional_add(db, c->who->district_id, h.school_id, h.class_id,
					      h.assigned_on, -optional_of(&h), &total, dbe) != 0)
			goto done;
		h.counted = 0;
		h.status = !strcmp(c->op, "withdraw") ? "withdrawn" : "returned";
	}
	after = snapshot(&h);
	if (store_hw_update(db, &h, dbe) != 0 ||
	    store_hw_change_add(db, c->who->district_id, h.class_id, h.id, h.assigned_on, h.now,
				c->who->user_id, action,
				was_public || !strcmp(c->op, "approve"), h.reason, before, after,
				dbe) != 0)
		goto done;
	snprintf(obj, sizeof obj, "homework:%lld", (long long)h.id);
	d = json_pack("{s:s,s:s,s:s}", "reason", h.reason, "status", h.status, "was", old.status);
	rc = app_audit(db, c->who, !strcmp(action, "edit") ? "homework.edit"
			   : !strcmp(action, "withdraw") ? "homework.withdraw" : "homework.review",
		       obj, action, d, dbe);
	json_decref(d);
	if (rc == 0 && !strcmp(c->op, "edit"))
		rc = item_in_tx(db, c->a, c->who->district_id, h.id, &c->pc.item, dbe);
done:
	free(before);
	free(after);
	db_res_free(r);
	return rc;
}

int app_hw_edit(struct app *a, const struct actor *who, int64_t id, const struct hw_in *in,
		json_t **out, struct app_err *e)
{
	struct change_ctx c = { .a = a, .who = who, .id = id, .op = "edit", .reason = in->reason,
				.in = in };
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct db *db;
	int rc;

	if (app_blank(in->reason))
		return app_fail(e, 422, "FIELD_INVALID", "请填写修改原因");
	/* The class and its day do not change: read them for the rule check. */
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_hw_get(db, who->district_id, id, &r, &dbe);
	if (rc == 0) {
		struct store_hw h;

		hw_from_row(&h, r);
		if (may_change(db, who, &h, &dbe, e) != 0) {
			rc = -1;
		} else {
			c.pc.grade = (int)db_res_int(r, 0, HWC_GRADE);
			rc = hw_day_kind(db, who->district_id, h.assigned_on, &c.pc.dk, &dbe, e);
			if (rc == -1) {
				/* a day that has left the school year keeps its kind: vacation */
				app_err_clear(e);
				c.pc.dk = POLICY_DAY_VACATION;
				rc = 0;
			}
			rc = rc == -2 ? -1 : 0;
			if (rc == 0 && check_fields(in, h.assigned_on, e) != 0) {
				db_res_free(r);
				app_db_put(a, db);
				return -1;
			}
			if (rc == 0 && strcmp(in->subject, h.subject) != 0 && who->role == ROLE_TEACHER) {
				struct store_hw_poster ps;
				int head_any = 0;

				rc = store_hw_poster(db, h.class_id, who->user_id, in->subject, &ps, &dbe);
				if (rc == 0)
					rc = hw_head_any(db, h.school_id, &head_any, &dbe);
				if (rc == 0 && !hw_may_post_subject(&ps, head_any)) {
					db_res_free(r);
					app_db_put(a, db);
					return not_your_subject(e, in->subject, ps.is_head, "");
				}
				rc = rc == 1 ? 0 : rc;
			}
		}
	}
	db_res_free(r);
	app_db_put(a, db);
	if (rc < 0 && e->status)
		return -1; /* may_change refused it */
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 1)
		return item_not_found(e);
	c.pc.a = a;
	c.pc.who = who;
	c.pc.editing = 1;
	c.pc.limit = hw_limit(&a->policy, c.pc.grade, c.pc.dk);
	if (app_tx(a, change_tx, &c, e) != 0) {
		json_decref(c.pc.item);
		return -1;
	}
	if (c.pc.refused)
		return fail_verdict(&c.pc, e);
	*out = c.pc.item;
	return 0;
}

int app_hw_withdraw(struct app *a, const struct actor *who, int64_t id, const char *reason,
		    struct app_err *e)
{
	struct change_ctx c = { .a = a, .who = who, .id = id, .op = "withdraw", .reason = reason };

	if (app_blank(reason))
		return app_fail(e, 422, "FIELD_INVALID", "请填写撤回原因");
	return app_tx(a, change_tx, &c, e);
}

int app_hw_review(struct app *a, const struct actor *who, int64_t id, const char *action,
		  const char *reason, struct app_err *e)
{
	struct change_ctx c = { .a = a, .who = who, .id = id, .op = action, .reason = reason };

	if (who->role != ROLE_PRINCIPAL && who->role != ROLE_ACADEMIC_OFFICE &&
	    who->role != ROLE_TEACHER)
		return app_fail(e, 403, "FORBIDDEN", "只有校长、教导处或年级组长可以审核作业");
	if (strcmp(action, "approve") != 0 && strcmp(action, "return") != 0)
		return app_fail(e, 422, "FIELD_INVALID", "action 应为 approve 或 return");
	if (!strcmp(action, "return") && app_blank(reason))
		return app_fail(e, 422, "FIELD_INVALID", "退回时请写明原因");
	return app_tx(a, change_tx, &c, e);
}

/* ---- reads ---- */

/* The class visible to the actor: fills school id, grade, name. 1 = not visible. */
int hw_visible_class(struct db *db, const struct actor *who, int64_t class_id, int64_t *school,
		     int *grade, char *name, size_t cap, struct db_err *dbe)
{
	struct store_scope s;
	struct db_res *r = NULL;
	int rc;

	app_scope_of(who, &s);
	rc = store_class_get(db, &s, class_id, &r, dbe);
	if (rc != 0)
		return rc;
	*school = db_res_int(r, 0, 1);
	*grade = (int)db_res_int(r, 0, 4);
	snprintf(name, cap, "%s", db_res_text(r, 0, 5));
	db_res_free(r);
	return 0;
}

int app_hw_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
	       struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL, *hist = NULL;
	struct db *db = app_db_get(a, e);
	int64_t school;
	int grade, rc;
	char name[128];
	json_t *h;

	if (!db)
		return -1;
	rc = store_hw_get(db, who->district_id, id, &r, &dbe);
	if (rc == 0)
		rc = hw_visible_class(db, who, db_res_int(r, 0, HWC_CLASS), &school, &grade, name,
				      sizeof name, &dbe);
	if (rc == 0 && who->role == ROLE_PARENT && strcmp(db_res_text(r, 0, HWC_STATUS), "published"))
		rc = 1;
	if (rc == 0)
		rc = store_hw_history(db, id, &hist, &dbe);
	app_db_put(a, db);
	if (rc != 0) {
		db_res_free(r);
		if (rc < 0)
			return app_db_fail(e, &dbe, who->request_id);
		return app_fail(e, 404, "NOT_FOUND", "没有找到这项作业，或不在您的权限范围内");
	}
	*out = hw_item_json(a, r, 0, who->role == ROLE_PARENT);
	h = json_array();
	for (int i = 0; who->role != ROLE_PARENT && i < db_res_rows(hist); i++) {
		char t[40];

		time_rfc3339(db_res_int(hist, i, 0), a->policy.utc_offset_minutes, t, sizeof t);
		json_array_append_new(h, json_pack("{s:s,s:s,s:s,s:o*,s:o*,s:s}", "at", t,
			"action", db_res_text(hist, i, 1), "reason", db_res_text(hist, i, 2),
			"before", json_loads(db_res_text(hist, i, 3), 0, NULL),
			"after", json_loads(db_res_text(hist, i, 4), 0, NULL),
			"by", db_res_text(hist, i, 5)));
	}
	json_object_set_new(*out, "history", h);
	db_res_free(r);
	db_res_free(hist);
	return 0;
}

int app_hw_pending(struct app *a, const struct actor *who, json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct db *db;
	json_t *items;
	int rc = 0;

	if (who->role != ROLE_PRINCIPAL && who->role != ROLE_ACADEMIC_OFFICE &&
	    who->role != ROLE_TEACHER)
		return app_fail(e, 403, "FORBIDDEN", "只有校长、教导处或年级组长可以审核作业");
	db = app_db_get(a, e);
	if (!db)
		return -1;
	if (store_hw_pending(db, who->role == ROLE_TEACHER ? 0 : who->school_id,
			     who->role == ROLE_TEACHER ? who->user_id : 0, &r, &dbe) != 0) {
		app_db_put(a, db);
		return app_db_fail(e, &dbe, who->request_id);
	}
	items = json_array();
	/* each with its class-day: what approving it would make the total */
	for (int i = 0; i < db_res_rows(r) && rc == 0; i++) {
		json_t *it = hw_item_json(a, r, i, 0);
		const char *day = db_res_text(r, i, HWC_ASSIGNED);
		enum policy_day_kind dk = POLICY_DAY_VACATION;
		struct app_err ign = { 0 };
		int total = 0;

		rc = store_hw_day_total(db, db_res_int(r, i, HWC_CLASS), day, &total, &dbe);
		if (rc == 0 && hw_day_kind(db, who->district_id, day, &dk, &dbe, &ign) == -2)
			rc = -1;
		app_err_clear(&ign);
		json_object_set_new(it, "day", json_pack("{s:s,s:i,s:i}", "day_kind", cal_kind_id(dk),
			"written_minutes", total, "limit_minutes",
			hw_limit(&a->policy, (int)db_res_int(r, i, HWC_GRADE), dk)));
		json_array_append_new(items, it);
	}
	app_db_put(a, db);
	db_res_free(r);
	if (rc != 0) {
		json_decref(items);
		return app_db_fail(e, &dbe, who->request_id);
	}
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

/* Items of a class-day with the totals, as both the class page and the
 * public notice show them. */
static json_t *day_json(const struct app *a, const struct db_res *r, int public,
			enum policy_day_kind dk, int grade, const char *day, int *written)
{
	json_t *items = json_array(), *subj = json_object(), *by = json_array(), *o;
	int limit = hw_limit(&a->policy, grade, dk), sum = 0, optional = 0;
	const char *k;
	json_t *v;

	for (int i = 0; i < db_res_rows(r); i++) {
		const char *st = db_res_text(r, i, HWC_STATUS);
		int m = (int)db_res_int(r, i, HWC_COUNTED);

		json_array_append_new(items, hw_item_json(a, r, i, public));
		if (hw_is_optional(hw_kind_parse(db_res_text(r, i, HWC_KIND)),
				   hw_tier_parse(db_res_text(r, i, HWC_TIER))) &&
		    (!strcmp(st, "published") || !strcmp(st, "pending")))
			optional += (int)db_res_int(r, i, HWC_MINUTES);
		if (m && (!strcmp(st, "published") || !strcmp(st, "pending"))) {
			const char *s = db_res_text(r, i, HWC_SUBJECT);
			json_t *old = json_object_get(subj, s);

			sum += m;
			json_object_set_new(subj, s,
					    json_integer(m + (old ? json_integer_value(old) : 0)));
		}
	}
	json_object_foreach(subj, k, v)
		json_array_append_new(by, json_pack("{s:s,s:O}", "subject", k, "minutes", v));
	json_decref(subj);
	*written = sum;
	o = json_pack("{s:s,s:s,s:s,s:o,s:i,s:i,s:i,s:o}", "date", day, "day_kind",
		      cal_kind_id(dk), "day_kind_name", cal_kind_name(dk), "items", items,
		      "written_minutes", sum, "limit_minutes", limit, "remaining_minutes",
		      limit > sum ? limit - sum : 0, "by_subject", by);
	/* HW_OPTIONAL: 选做 minutes shown apart, with their cap */
	json_object_set_new(o, "optional", json_pack("{s:i,s:i,s:b}", "minutes", optional,
		"limit_minutes", hw_optional_limit(&a->policy, grade), "counted",
		a->policy.hw_count_optional));
	return o;
}

int app_hw_class_day(struct app *a, const struct actor *who, int64_t class_id, const char *date,
		     json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL, *set = NULL, *notes = NULL;
	struct db *db;
	char day[11], name[128], mark[16];
	enum policy_day_kind dk;
	int64_t school, d;
	int grade, rc, in_term = 0, written, avg, approval = 0;
	long n = 0, sum = 0, unfinished = 0;
	int public = who->role == ROLE_PARENT;
	json_t *o, *flags, *rep;

	if (hw_date_arg(a, date, day, e) != 0)
		return -1;
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = hw_visible_class(db, who, class_id, &school, &grade, name, sizeof name, &dbe);
	if (rc == 0)
		rc = store_day_info(db, who->district_id, day, &in_term, mark, sizeof mark, &dbe);
	if (rc == 0)
		rc = store_hw_day_items(db, class_id, day, public, &r, &dbe);
	if (rc == 0)
		rc = store_hw_report_stats(db, class_id, day, &n, &sum, &unfinished, &dbe);
	/* The families' notes reach the class's teachers (a teacher sees only classes
	 * they teach or head), never other parents or the public. */
	if (rc == 0 && who->role == ROLE_TEACHER)
		rc = store_hw_report_notes(db, class_id, day, &notes, &dbe);
	if (rc == 0) {
		rc = store_hw_school_get(db, school, &set, &dbe);
		approval = rc == 0 && db_res_int(set, 0, 0);
		db_res_free(set);
		rc = rc == 1 ? 0 : rc;
	}
	app_db_put(a, db);
	if (rc != 0) {
		db_res_free(r);
		db_res_free(notes);
		if (rc < 0)
			return app_db_fail(e, &dbe, who->request_id);
		return app_fail(e, 404, "NOT_FOUND", "没有找到这个班级，或不在您的权限范围内");
	}
	date_parse(day, &d);
	dk = cal_classify(d, in_term, mark);
	o = day_json(a, r, public, dk, grade, day, &written);
	db_res_free(r);
	json_object_set_new(o, "class_id", json_integer(class_id));
	json_object_set_new(o, "class_name", json_string(name));
	json_object_set_new(o, "grade", json_integer(grade));
	json_object_set_new(o, "school_id", json_integer(school));
	json_object_set_new(o, "approval", json_boolean(approval));
	json_object_set_new(o, "in_school_year", json_boolean(in_term || !strcmp(mark, "vacation")));
	rep = json_pack("{s:I,s:i,s:I}", "families", (json_int_t)n, "min_families",
			a->policy.hw_report_min_families, "unfinished", (json_int_t)unfinished);
	flags = json_array();
	if (hw_reported_average(&a->policy, n, sum, &avg)) {
		int limit = hw_limit(&a->policy, grade, dk);

		json_object_set_new(rep, "average_minutes", json_integer(avg));
		if (hw_reported_over(&a->policy, grade, dk, n, sum) && !public)
			json_array_append_new(flags, json_pack("{s:s,s:s,s:i,s:i}", "code",
				dk == POLICY_DAY_SCHOOL ? "HW_DAILY_LIMIT" : "HW_OFFDAY_LIMIT",
				"basis", "reported", "average_minutes", avg, "limit_minutes", limit));
	} else {
		json_object_set_new(rep, "average_minutes", json_null());
	}
	json_object_set_new(o, "reported", rep);
	json_object_set_new(o, "flags", flags);
	if (notes) {
		json_t *arr = json_array();

		for (int i = 0; i < db_res_rows(notes); i++) {
			char t[40];

			time_rfc3339(db_res_int(notes, i, 5), a->policy.utc_offset_minutes, t, sizeof t);
			json_array_append_new(arr, json_pack("{s:s,s:I,s:b,s:s,s:s,s:s}", "student_name",
				db_res_text(notes, i, 0), "minutes", (json_int_t)db_res_int(notes, i, 1),
				"finished", (int)db_res_int(notes, i, 2), "reason", db_res_text(notes, i, 3),
				"note", db_res_text(notes, i, 4), "at", t));
		}
		json_object_set_new(o, "notes", arr);
		db_res_free(notes);
	}
	*out = o;
	return 0;
}

static const char *action_name(const char *a)
{
	static const char *const m[][2] = { { "post", "提交" },	    { "publish", "发布" },
					    { "edit", "修改" },	    { "withdraw", "撤回" },
					    { "approve", "审核通过" }, { "return", "退回" } };

	for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
		if (!strcmp(m[i][0], a))
			return m[i][1];
	return a;
}

/* What parents reported for the day, for everyone to read: the number of
 * families and, from the pack's minimum on, the average (HW_REPORTED_AVERAGE). */
static json_t *reported_public(struct app *a, long n, long sum)
{
	int avg;
	json_t *rep = json_pack("{s:I,s:i}", "families", (json_int_t)n, "min_families",
				a->policy.hw_report_min_families);

	json_object_set_new(rep, "average_minutes", hw_reported_average(&a->policy, n, sum, &avg)
							    ? json_integer(avg) : json_null());
	return rep;
}

/* The notice from its head row (store_hw_public_head) and three reads:
 * the day's published items, its public changes, the school's plan. */
static int public_build(struct app *a, struct db *db, const struct db_res *c, const char *day,
			json_t **out, struct db_err *dbe)
{
	struct db_res *r = NULL, *ch = NULL, *set = NULL;
	int64_t class_id = db_res_int(c, 0, HEAD_CLASS), d;
	int rc, written;
	json_t *o, *changes, *plan = NULL;

	rc = store_hw_day_items(db, class_id, day, 1, &r, dbe);
	if (rc == 0)
		rc = store_hw_changes(db, class_id, day, &ch, dbe);
	if (rc == 0) {
		rc = store_hw_school_get(db, db_res_int(c, 0, HEAD_SCHOOL), &set, dbe);
		if (rc == 0 && db_res_text(set, 0, 1)[0]) {
			char t[40];

			time_rfc3339(db_res_int(set, 0, 2), a->policy.utc_offset_minutes, t, sizeof t);
			plan = json_pack("{s:s,s:s}", "text", db_res_text(set, 0, 1), "updated_at", t);
		}
		db_res_free(set);
		rc = rc == 1 ? 0 : rc;
	}
	if (rc != 0) {
		db_res_free(r);
		db_res_free(ch);
		json_decref(plan);
		return -1;
	}
	date_parse(day, &d);
	o = day_json(a, r, 1, cal_classify(d, db_res_int(c, 0, HEAD_IN_TERM) > 0,
					   db_res_isnull(c, 0, HEAD_MARK) ? ""
						: db_res_text(c, 0, HEAD_MARK)),
		     (int)db_res_int(c, 0, HEAD_GRADE), day, &written);
	json_object_set_new(o, "school_name", json_string(db_res_text(c, 0, HEAD_SCHOOL_NAME)));
	json_object_set_new(o, "class_name", json_string(db_res_text(c, 0, HEAD_CLASS_NAME)));
	json_object_set_new(o, "grade", json_integer(db_res_int(c, 0, HEAD_GRADE)));
	json_object_set_new(o, "public_code", json_string(db_res_text(c, 0, HEAD_CODE)));
	json_object_set_new(o, "plan", plan ? plan : json_null());
	json_object_set_new(o, "reported", reported_public(a, (long)db_res_int(c, 0, HEAD_REPORTS),
							   (long)db_res_int(c, 0, HEAD_REPORTED_SUM)));
	changes = json_array();
	for (int i = 0; i < db_res_rows(ch); i++) {
		json_t *before = json_loads(db_res_text(ch, i, 3), 0, NULL);
		json_t *after = json_loads(db_res_text(ch, i, 4), 0, NULL);
		char t[40];

		time_rfc3339(db_res_int(ch, i, 0), a->policy.utc_offset_minutes, t, sizeof t);
		json_object_del(before, "status");
		json_object_del(after, "status");
		json_array_append_new(changes, json_pack("{s:s,s:s,s:s,s:s,s:o*,s:o*}", "at", t,
			"action", db_res_text(ch, i, 1), "action_name",
			action_name(db_res_text(ch, i, 1)), "reason", db_res_text(ch, i, 2),
			"before", json_object_size(before) ? before : (json_decref(before), NULL),
			"after", after));
	}
	json_object_set_new(o, "changes", changes);
	db_res_free(r);
	db_res_free(ch);
	*out = o;
	return 0;
}

/* Borrow a connection and read the head row of a code's notice of a day:
 * 0 (db and *head set: the caller frees and returns them), -1 (e filled). */
static int public_head(struct app *a, const char *public_code, const char *date, char day[11],
		       struct db **db, struct db_res **head, struct app_err *e)
{
	struct db_err dbe = { 0 };
	int rc;

	if (hw_date_arg(a, date, day, e) != 0)
		return -1;
	if (!public_code || strlen(public_code) > 32)
		return app_fail(e, 404, "NOT_FOUND", "没有找到这个班级的作业公示");
	*db = app_db_get(a, e);
	if (!*db)
		return -1;
	rc = store_hw_public_head(*db, public_code, day, head, &dbe);
	if (rc == 0)
		return 0;
	app_db_put(a, *db);
	if (rc < 0)
		return app_db_fail(e, &dbe, "public");
	return app_fail(e, 404, "NOT_FOUND", "没有找到这个班级的作业公示");
}

int app_hw_public(struct app *a, const char *public_code, const char *date, json_t **out,
		  struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *head = NULL;
	struct db *db;
	char day[11];
	int rc;

	if (public_head(a, public_code, date, day, &db, &head, e) != 0)
		return -1;
	rc = public_build(a, db, head, day, out, &dbe);
	app_db_put(a, db);
	db_res_free(head);
	return rc ? app_db_fail(e, &dbe, "public") : 0;
}

int app_hw_public_text(struct app *a, const char *public_code, const char *date, char **body,
		       size_t *len, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *head = NULL;
	char day[11], key[640];
	json_t *o = NULL;
	struct db *db;
	int rc;

	if (public_head(a, public_code, date, day, &db, &head, e) != 0)
		return -1;
	/* the key, then the stamp: every input of the notice */
	snprintf(key, sizeof key, "%s|%s\n%s|%s|%s|%s|%s|%s|%s|%s|%s|%s", public_code, day,
		 db_res_text(head, 0, HEAD_CLASS), db_res_text(head, 0, HEAD_GRADE),
		 db_res_text(head, 0, HEAD_CLASS_NAME), db_res_text(head, 0, HEAD_SCHOOL_NAME),
		 db_res_isnull(head, 0, HEAD_CHANGE) ? "" : db_res_text(head, 0, HEAD_CHANGE),
		 db_res_isnull(head, 0, HEAD_VERSION) ? "" : db_res_text(head, 0, HEAD_VERSION),
		 db_res_isnull(head, 0, HEAD_MARK) ? "" : db_res_text(head, 0, HEAD_MARK),
		 db_res_text(head, 0, HEAD_IN_TERM), db_res_text(head, 0, HEAD_REPORTS),
		 db_res_text(head, 0, HEAD_REPORTED_SUM));
	*body = notice_cache_get(a->notices, key, len);
	rc = *body ? 0 : public_build(a, db, head, day, &o, &dbe);
	app_db_put(a, db);
	db_res_free(head);
	if (rc != 0)
		return app_db_fail(e, &dbe, "public");
	if (*body)
		return 0;
	*body = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (!*body)
		return app_fail(e, 503, "STORE_BUSY", "系统繁忙，请稍后重试");
	*len = strlen(*body);
	notice_cache_put(a->notices, key, *body, *len);
	return 0;
}

/* ---- settings and grading ---- */

int app_hw_settings_get(struct app *a, const struct actor *who, int64_t school_id, json_t **out,
			struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct store_scope s;
	struct db_res *r = NULL, *sc = NULL;
	struct db *db = app_db_get(a, e);
	char t[40] = "";
	int rc;

	if (!db)
		return -1;
	app_scope_of(who, &s);
	rc = store_school_get(db, &s, school_id, &sc, &dbe);
	db_res_free(sc);
	if (rc == 0 && (rc = store_hw_school_get(db, school_id, &r, &dbe)) == 1)
		rc = 2; /* visible, never set */
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	if (r)
		time_rfc3339(db_res_int(r, 0, 2), a->policy.utc_offset_minutes, t, sizeof t);
	*out = json_pack("{s:I,s:b,s:s,s:s*,s:b}", "school_id", (json_int_t)school_id, "approval",
			 r ? (int)db_res_int(r, 0, 0) : 0, "plan", r ? db_res_text(r, 0, 1) : "",
			 "updated_at", r ? t : NULL, "head_any_subject",
			 r ? (int)db_res_int(r, 0, 3) : 1);
	db_res_free(r);
	return 0;
}

struct settings_ctx {
	const struct actor *who;
	int64_t school_id;
	int approval;
	const char *plan;
	int head_any; /* -1 keep */
};

static int settings_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct settings_ctx *c = vctx;
	char obj[48];
	json_t *d;
	int rc;

	if (store_school_exists(db, c->who->district_id, c->school_id, dbe) != 1) {
		if (dbe->kind)
			return -1;
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校");
	}
	if (store_hw_school_set(db, c->who->district_id, c->school_id, c->approval, c->plan,
				time_now(), c->who->user_id, dbe) != 0 ||
	    (c->head_any >= 0 &&
	     store_hw_school_head_any_set(db, c->who->district_id, c->school_id, c->head_any,
					  time_now(), c->who->user_id, dbe) != 0))
		return -1;
	snprintf(obj, sizeof obj, "school:%lld", (long long)c->school_id);
	d = json_pack("{s:b,s:i,s:i}", "approval", c->approval, "plan_chars",
		      c->plan ? (int)jf_utf8_len(c->plan) : -1, "head_any_subject", c->head_any);
	rc = app_audit(db, c->who, "homework.settings", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_hw_settings_set(struct app *a, const struct actor *who, int64_t school_id, int approval,
			const char *plan, int head_any, struct app_err *e)
{
	struct settings_ctx c = { who, school_id, approval, plan, head_any };

	if (!app_manages_school(who, school_id))
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	return app_tx(a, settings_tx, &c, e);
}

struct grading_ctx {
	const struct actor *who;
	int64_t id;
	const char *method, *notes;
	int reviewed;
};

static int grading_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct grading_ctx *c = vctx;
	struct db_res *r = NULL;
	struct store_hw h;
	char obj[48];
	json_t *d;
	int rc = store_hw_get(db, c->who->district_id, c->id, &r, dbe);

	if (rc < 0)
		return -1;
	if (rc == 1)
		return item_not_found(e);
	hw_from_row(&h, r);
	if (may_change(db, c->who, &h, dbe, e) != 0) {
		db_res_free(r);
		return -1;
	}
	if (strcmp(h.status, "published") != 0) {
		app_fail(e, 409, "HW_NOT_PUBLISHED", "这项作业%s，不能登记批改", status_name(h.status));
		db_res_free(r);
		return -1;
	}
	rc = store_hw_grading_set(db, c->who->district_id, h.school_id, h.id, c->method,
				  c->reviewed, c->notes, c->who->user_id, time_now(), dbe);
	db_res_free(r);
	if (rc != 0)
		return -1;
	snprintf(obj, sizeof obj, "homework:%lld", (long long)c->id);
	d = json_pack("{s:s,s:b}", "method", c->method, "reviewed", c->reviewed);
	rc = app_audit(db, c->who, "homework.grading", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_hw_grading(struct app *a, const struct actor *who, int64_t id, const char *method,
		   int reviewed, const char *notes, struct app_err *e)
{
	struct grading_ctx c = { who, id, method, notes ? notes : "", reviewed };
	struct hw_verdict v;

	if (hw_grading_check(method, &v) != 0) {
		app_fail(e, 422, v.code, "%s", v.message);
		e->details = json_pack("{s:s,s:s}", "field", "method", "clause",
				       policy_rule_clause(&a->policy, v.code) ?
				       policy_rule_clause(&a->policy, v.code) : "");
		return -1;
	}
	if (who->role != ROLE_TEACHER)
		return app_fail(e, 403, "FORBIDDEN", "只有布置作业的教师可以登记批改");
	return app_tx(a, grading_tx, &c, e);
}
