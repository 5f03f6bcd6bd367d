/* app_hw_views.c - homework: parents' reports of actual time, follow-ups of
 * children who often do not finish, the school and district views, a
 * teacher's estimates against reported time. */
#include "app/app_hw.h"
#include "app/app_hw_internal.h"
#include "app/app_internal.h"
#include "core/calendar.h"
#include "core/homework.h"
#include "store/store_hw.h"
#include "store/store_org.h"
#include "util/strmap.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct jfield hw_report_fields[] = {
	{ "student_id", JF_INT, offsetof(struct hw_report_in, student_id), true, 1, INT64_MAX, NULL, "孩子" },
	{ "date", JF_DATE, offsetof(struct hw_report_in, date), true, 0, 0, NULL, "日期" },
	{ "minutes", JF_INT, offsetof(struct hw_report_in, minutes), true, 0, 600, NULL, "实际用时（分钟）" },
	{ "finished", JF_BOOL, offsetof(struct hw_report_in, finished), true, 0, 0, NULL, "是否完成" },
	{ "reason", JF_ENUM, offsetof(struct hw_report_in, reason), false, 0, 0, hw_reason_ids, "未完成原因" },
	{ "note", JF_STR, offsetof(struct hw_report_in, note), false, 0, 200, NULL, "备注" },
};
const size_t hw_report_nfields = sizeof hw_report_fields / sizeof hw_report_fields[0];

/* The first day of the window of `days` school days ending at `day`
 * (HW_NONCOMPLETION's "3 times in 10 school days"). Looks back at most
 * 6 times the window in calendar days. */
static int window_start(struct db *db, int64_t district, const char *day, int days, char out[11],
			struct db_err *dbe)
{
	struct db_res *terms = NULL, *marks = NULL;
	int64_t end, d, from;
	char lo[11];
	int seen = 0;

	date_parse(day, &end);
	from = end - (int64_t)days * 6;
	date_format(from, lo, sizeof lo);
	if (store_term_list(db, district, &terms, dbe) != 0 ||
	    store_calendar_list(db, district, lo, day, &marks, dbe) != 0) {
		db_res_free(terms);
		return -1;
	}
	date_format(end, out, 11);
	for (d = end; d >= from && seen < days; d--) {
		char ds[11];
		const char *mark = "";
		bool in_term = false;

		date_format(d, ds, sizeof ds);
		for (int i = 0; i < db_res_rows(terms); i++)
			if (strcmp(db_res_text(terms, i, 2), ds) <= 0 &&
			    strcmp(db_res_text(terms, i, 3), ds) >= 0)
				in_term = true;
		for (int i = 0; i < db_res_rows(marks); i++)
			if (!strcmp(db_res_text(marks, i, 0), ds))
				mark = db_res_text(marks, i, 1);
		if (cal_classify(d, in_term, mark) == POLICY_DAY_SCHOOL) {
			seen++;
			memcpy(out, ds, 11);
		}
	}
	db_res_free(terms);
	db_res_free(marks);
	return 0;
}

struct report_ctx {
	struct app *a;
	const struct actor *who;
	const struct hw_report_in *in;
	int64_t school_id, class_id, followup_id;
	int followup_created, unfinished;
	char from[11];
};

static int report_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct report_ctx *c = vctx;
	const struct hw_report_in *in = c->in;
	const struct policy *p = &c->a->policy;
	struct db_res *r = NULL;
	char obj[48];
	json_t *d;
	int rc;

	(void)e;
	if (store_hw_report_set(db, c->who->district_id, c->school_id, c->class_id, in->student_id,
				in->date, (int)in->minutes, in->finished,
				in->finished ? "" : in->reason, in->note ? in->note : "",
				c->who->user_id, time_now(), dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "student:%lld", (long long)in->student_id);
	d = json_pack("{s:s,s:I,s:b,s:s}", "date", in->date, "minutes", (json_int_t)in->minutes,
		      "finished", in->finished, "reason", in->finished ? "" : in->reason);
	rc = app_audit(db, c->who, "homework.report", obj, "ok", d, dbe);
	json_decref(d);
	if (rc != 0 || in->finished)
		return rc;
	/* HW_NONCOMPLETION */
	if (window_start(db, c->who->district_id, in->date, p->hw_noncompletion_window_days, c->from,
			 dbe) != 0 ||
	    store_hw_unfinished(db, in->student_id, c->from, in->date, &r, dbe) != 0)
		return -1;
	c->unfinished = db_res_rows(r);
	if (hw_followup_due(p, c->unfinished)) {
		json_t *reasons = json_object(), *days = json_array();
		char *rs;

		for (int i = 0; i < db_res_rows(r); i++) {
			const char *k = db_res_text(r, i, 1);
			json_t *v = json_object_get(reasons, k);

			json_object_set_new(reasons, k, json_integer(v ? json_integer_value(v) + 1 : 1));
			json_array_append_new(days, json_string(db_res_text(r, i, 0)));
		}
		d = json_pack("{s:o,s:o}", "reasons", reasons, "days", days);
		rs = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);
		rc = store_hw_followup_open(db, c->who->district_id, c->school_id, c->class_id,
					    in->student_id, in->date, c->unfinished, rs ? rs : "{}",
					    time_now(), &c->followup_id, &c->followup_created, dbe);
		free(rs);
		if (rc == 0 && c->followup_created) {
			snprintf(obj, sizeof obj, "followup:%lld", (long long)c->followup_id);
			rc = app_audit(db, c->who, "homework.followup.open", obj, "HW_NONCOMPLETION", d,
				       dbe);
		}
		json_decref(d);
	}
	db_res_free(r);
	return rc;
}

int app_hw_report_get(struct app *a, const struct actor *who, const char *student_id,
		      const char *date, json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct db *db;
	int64_t sid, cid, school;
	char day[11];
	int rc;

	if (who->role != ROLE_PARENT)
		return app_fail(e, 403, "FORBIDDEN", "只有家长可以查看自己报告的用时");
	if (app_parse_cursor(student_id, &sid) != 0 || sid <= 0)
		return app_fail(e, 400, "QUERY_INVALID", "student_id 应为正整数");
	if (hw_date_arg(a, date, day, e) != 0 || app_child_of(a, who, sid, &cid, &school, NULL, e) != 0)
		return -1;
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_hw_report_get(db, sid, day, &r, &dbe);
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	*out = json_pack("{s:I,s:s,s:o}", "student_id", (json_int_t)sid, "date", day, "report",
		rc == 1 ? json_null()
			: json_pack("{s:I,s:b,s:s,s:s,s:s}", "minutes", (json_int_t)db_res_int(r, 0, 0),
				    "finished", (int)db_res_int(r, 0, 1), "reason", db_res_text(r, 0, 2),
				    "reason_name", hw_reason_name(db_res_text(r, 0, 2)), "note",
				    db_res_text(r, 0, 3)));
	db_res_free(r);
	return 0;
}

/* HW_REPORT_DATE / HW_REPORT_FUTURE: a day of the term in force, up to
 * today in the district; details name the days that may be reported. */
static int report_date_check(struct app *a, const struct actor *who, const char *day,
			     struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct hw_verdict v;
	struct db *db;
	char today[11], from[11];
	int rc;

	hw_today(a, today);
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_term_started(db, who->district_id, today, from, &dbe);
	app_db_put(a, db);
	if (rc != 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (hw_report_date_check(day, today, from, &v) == 0)
		return 0;
	app_fail(e, 422, v.code, "%s", v.message);
	e->details = json_pack("{s:s,s:s*,s:s}", "field", "date", "from", from[0] ? from : NULL,
			       "to", today);
	return -1;
}

int app_hw_report(struct app *a, const struct actor *who, const struct hw_report_in *in,
		  json_t **out, struct app_err *e)
{
	struct report_ctx c = { .a = a, .who = who, .in = in };

	if (who->role != ROLE_PARENT)
		return app_fail(e, 403, "FORBIDDEN", "只有家长可以报告孩子的作业用时");
	if (report_date_check(a, who, in->date, e) != 0)
		return -1;
	if (!in->finished && !in->reason) {
		app_fail(e, 422, "FIELD_REQUIRED", "未完成时请选择原因（太多、太难、请假、其他）");
		e->details = json_pack("{s:s}", "field", "reason");
		return -1;
	}
	if (app_child_of(a, who, in->student_id, &c.class_id, &c.school_id, NULL, e) != 0)
		return -1;
	if (app_tx_group(a, report_tx, &c, e) != 0)
		return -1;
	*out = json_pack("{s:I,s:s,s:I,s:b,s:s*,s:i}", "student_id", (json_int_t)in->student_id,
			 "date", in->date, "minutes", (json_int_t)in->minutes, "finished",
			 in->finished, "reason", in->finished ? NULL : in->reason,
			 "unfinished_in_window", c.unfinished);
	json_object_set_new(*out, "followup",
			    c.followup_id ? json_pack("{s:I,s:b}", "id", (json_int_t)c.followup_id,
						      "created", c.followup_created)
					  : json_null());
	return 0;
}

/* ---- follow-ups ---- */

static int followup_scope(const struct actor *who, int64_t *school, int64_t *head_user,
			  struct app_err *e)
{
	*school = who->school_id;
	*head_user = 0;
	if (who->role == ROLE_TEACHER)
		*head_user = who->user_id;
	else if (who->role != ROLE_PRINCIPAL && who->role != ROLE_ACADEMIC_OFFICE)
		return app_fail(e, 403, "FORBIDDEN", "只有班主任、校长和教导处可以查看作业跟进");
	return 0;
}

int app_hw_followups(struct app *a, const struct actor *who, const char *status, json_t **out,
		     struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct db *db;
	int64_t school, head;
	json_t *items;

	if (followup_scope(who, &school, &head, e) != 0)
		return -1;
	if (status && *status && strcmp(status, "open") && strcmp(status, "closed"))
		return app_fail(e, 400, "QUERY_INVALID", "status 应为 open 或 closed");
	db = app_db_get(a, e);
	if (!db)
		return -1;
	if (store_hw_followups(db, who->district_id, school, head, status ? status : "", &r,
			       &dbe) != 0) {
		app_db_put(a, db);
		return app_db_fail(e, &dbe, who->request_id);
	}
	app_db_put(a, db);
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++) {
		json_t *rs = json_loads(db_res_text(r, i, 7), 0, NULL), *named = json_object(), *v;
		const char *k;

		json_object_foreach(json_object_get(rs, "reasons"), k, v)
			json_object_set(named, hw_reason_name(k), v);
		json_array_append_new(items, json_pack(
			"{s:I,s:I,s:s,s:I,s:s,s:s,s:I,s:O*,s:o,s:s,s:s,s:s}",
			"id", (json_int_t)db_res_int(r, i, 0), "class_id", (json_int_t)db_res_int(r, i, 1),
			"class_name", db_res_text(r, i, 2), "student_id", (json_int_t)db_res_int(r, i, 3),
			"student_name", db_res_text(r, i, 4), "opened_on", db_res_text(r, i, 5),
			"unfinished", (json_int_t)db_res_int(r, i, 6),
			"days", json_object_get(rs, "days"), "reasons", named,
			"status", db_res_text(r, i, 8), "note", db_res_text(r, i, 9),
			"suggestion", "分析原因，个别辅导；可建议参加课后服务的作业辅导"));
		json_decref(rs);
	}
	db_res_free(r);
	*out = json_pack("{s:o,s:i,s:i}", "items", items, "count", a->policy.hw_noncompletion_count,
			 "window_school_days", a->policy.hw_noncompletion_window_days);
	return 0;
}

struct close_ctx {
	const struct actor *who;
	int64_t id;
	const char *note;
};

static int close_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct close_ctx *c = vctx;
	struct db_res *r = NULL;
	char obj[48];
	json_t *d;
	int rc = store_hw_followup_get(db, c->who->district_id, c->id, &r, dbe), ok;

	if (rc < 0)
		return -1;
	ok = rc == 0 && (c->who->role == ROLE_TEACHER ? db_res_int(r, 0, 4) == c->who->user_id
						       : db_res_int(r, 0, 1) == c->who->school_id);
	if (!ok) {
		db_res_free(r);
		return app_fail(e, 404, "NOT_FOUND", "没有找到这条跟进，或不在您的权限范围内");
	}
	if (strcmp(db_res_text(r, 0, 3), "open") != 0) {
		db_res_free(r);
		return app_fail(e, 409, "HW_FOLLOWUP_CLOSED", "这条跟进已经办结");
	}
	db_res_free(r);
	if (store_hw_followup_close(db, c->id, c->note, c->who->user_id, time_now(), dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "followup:%lld", (long long)c->id);
	d = json_pack("{s:s}", "note", c->note);
	rc = app_audit(db, c->who, "homework.followup.close", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_hw_followup_close(struct app *a, const struct actor *who, int64_t id, const char *note,
			  struct app_err *e)
{
	struct close_ctx c = { who, id, note };
	int64_t school, head;

	if (followup_scope(who, &school, &head, e) != 0)
		return -1;
	if (!note || !*note)
		return app_fail(e, 422, "FIELD_INVALID", "请写明分析的原因和采取的辅导措施");
	return app_tx(a, close_tx, &c, e);
}

/* ---- school and district views ---- */

#define STATS_MAX_DAYS 62
#define STATS_MAX_ROWS 20000

struct range {
	char from[11], to[11];
	int64_t d0, d1;
};

static int parse_range(const struct app *a, const char *from, const char *to, struct range *g,
		       struct app_err *e)
{
	if (hw_date_arg(a, to, g->to, e) != 0)
		return -1;
	date_parse(g->to, &g->d1);
	if (from && *from) {
		if (hw_date_arg(a, from, g->from, e) != 0)
			return -1;
		date_parse(g->from, &g->d0);
	} else {
		g->d0 = g->d1 - 13;
		date_format(g->d0, g->from, sizeof g->from);
	}
	if (g->d0 > g->d1)
		return app_fail(e, 400, "QUERY_INVALID", "开始日期晚于结束日期");
	if (g->d1 - g->d0 >= STATS_MAX_DAYS)
		return app_fail(e, 400, "QUERY_INVALID", "一次最多查看 %d 天", STATS_MAX_DAYS);
	return 0;
}

/* Which school the actor may view: principals and academic offices their
 * own; the bureau any (0 = the district). */
static int stats_school(const struct actor *who, const char *s, int64_t *school,
			struct app_err *e)
{
	*school = 0;
	if (s && *s && app_parse_cursor(s, school) != 0)
		return app_fail(e, 400, "QUERY_INVALID", "school_id 应为正整数");
	switch (who->role) {
	case ROLE_DISTRICT_ADMIN:
	case ROLE_INSPECTOR:
		return 0;
	case ROLE_PRINCIPAL:
	case ROLE_ACADEMIC_OFFICE:
		if (*school && *school != who->school_id)
			return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
		*school = who->school_id;
		return *school ? 0 : app_fail(e, 403, "FORBIDDEN", "您的账号没有关联学校");
	default:
		return app_fail(e, 403, "FORBIDDEN", "只有校长、教导处和教育局可以查看作业统计");
	}
}

struct stats_data {
	struct db_res *declared, *reported, *teachers, *refusals, *terms, *marks, *classes;
	int64_t d0, ndays;
	enum policy_day_kind kinds[STATS_MAX_DAYS]; /* of d0 + i */
};

static enum policy_day_kind classify(const struct stats_data *s, int64_t d);

static void stats_free(struct stats_data *s)
{
	db_res_free(s->declared);
	db_res_free(s->reported);
	db_res_free(s->teachers);
	db_res_free(s->refusals);
	db_res_free(s->terms);
	db_res_free(s->marks);
	db_res_free(s->classes);
}

static int stats_load(struct app *a, const struct actor *who, int64_t school,
		      const struct range *g, struct stats_data *s, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db *db = app_db_get(a, e);
	int64_t d = who->district_id;
	int rc;

	if (!db)
		return -1;
	rc = store_hw_stats_declared(db, d, school, g->from, g->to, &s->declared, &dbe) ||
	     store_hw_stats_reported(db, d, school, g->from, g->to, &s->reported, &dbe) ||
	     store_hw_stats_teachers(db, d, school, g->from, g->to, &s->teachers, &dbe) ||
	     store_hw_refusals(db, d, school, g->from, g->to, 200, &s->refusals, &dbe) ||
	     store_hw_stats_classes(db, d, school, g->from, g->to, &s->classes, &dbe) ||
	     store_term_list(db, d, &s->terms, &dbe) ||
	     store_calendar_list(db, d, g->from, g->to, &s->marks, &dbe);
	app_db_put(a, db);
	if (rc) {
		stats_free(s);
		return app_db_fail(e, &dbe, who->request_id);
	}
	s->d0 = g->d0;
	s->ndays = g->d1 - g->d0 + 1;
	for (int64_t i = 0; i < s->ndays; i++)
		s->kinds[i] = classify(s, g->d0 + i);
	return 0;
}

static enum policy_day_kind classify(const struct stats_data *s, int64_t d)
{
	const char *mark = "";
	bool in_term = false;
	char day[11];

	date_format(d, day, sizeof day);
	for (int i = 0; i < db_res_rows(s->terms); i++)
		if (strcmp(db_res_text(s->terms, i, 2), day) <= 0 &&
		    strcmp(db_res_text(s->terms, i, 3), day) >= 0)
			in_term = true;
	for (int i = 0; i < db_res_rows(s->marks); i++)
		if (!strcmp(db_res_text(s->marks, i, 0), day))
			mark = db_res_text(s->marks, i, 1);
	return cal_classify(d, in_term, mark);
}

static enum policy_day_kind kind_of(const struct stats_data *s, const char *day)
{
	int64_t d;

	date_parse(day, &d);
	return d >= s->d0 && d - s->d0 < s->ndays ? s->kinds[d - s->d0] : classify(s, d);
}

/* One class-day row: declared (may be absent) merged with its reports. */
struct cd_row {
	int64_t class_id, school_id;
	const char *day, *class_name, *school_name;
	int grade, declared, limit, avg, has_avg, over_declared, over_reported;
	long families, unfinished, sum;
	enum policy_day_kind dk;
};

/* The declared rows, each with its reports (reports on days without
 * homework are kept too: the declared total is then 0). Rows are matched
 * by "class|day" and classes by id through hash maps: a province's district
 * view has millions of class-days. */
static int merge_rows(const struct app *a, const struct stats_data *s, struct cd_row **out)
{
	int nd = db_res_rows(s->declared), nr = db_res_rows(s->reported), n = 0, bad = 0;
	struct cd_row *rows = calloc((size_t)(nd + nr) + 1, sizeof *rows);
	struct strmap byday, byclass;
	char key[48];

	if (!rows)
		return -1;
	strmap_init(&byday);
	strmap_init(&byclass);
	for (int i = 0; i < nd; i++) {
		struct cd_row *x = &rows[n++];

		x->class_id = db_res_int(s->declared, i, 0);
		x->day = db_res_text(s->declared, i, 1);
		x->declared = (int)db_res_int(s->declared, i, 2);
		x->school_id = db_res_int(s->declared, i, 3);
		x->class_name = db_res_text(s->declared, i, 4);
		x->grade = (int)db_res_int(s->declared, i, 5);
		x->school_name = db_res_text(s->declared, i, 6);
		snprintf(key, sizeof key, "%lld|%s", (long long)x->class_id, x->day);
		bad |= strmap_put(&byday, key, i);
		snprintf(key, sizeof key, "%lld", (long long)x->class_id);
		bad |= strmap_put(&byclass, key, i);
	}
	for (int j = 0; j < nr && !bad; j++) {
		int64_t cid = db_res_int(s->reported, j, 0), at;
		const char *day = db_res_text(s->reported, j, 1);
		struct cd_row *x = NULL;

		snprintf(key, sizeof key, "%lld|%s", (long long)cid, day);
		if (strmap_get(&byday, key, &at)) {
			x = &rows[at];
		} else {
			/* reports of a day with no homework row: borrow the class's names */
			snprintf(key, sizeof key, "%lld", (long long)cid);
			if (!strmap_get(&byclass, key, &at))
				continue; /* a class with no homework in the range: not shown */
			x = &rows[n++];
			*x = rows[at];
			x->day = day;
			x->declared = 0;
		}
		x->families = (long)db_res_int(s->reported, j, 2);
		x->sum = (long)db_res_int(s->reported, j, 3);
		x->has_avg = hw_reported_average(&a->policy, x->families, x->sum, &x->avg);
		x->unfinished = (long)db_res_int(s->reported, j, 4);
	}
	strmap_free(&byday);
	strmap_free(&byclass);
	if (bad) {
		free(rows);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		struct cd_row *x = &rows[i];

		x->dk = kind_of(s, x->day);
		x->limit = hw_limit(&a->policy, x->grade, x->dk);
		x->over_declared = x->declared > x->limit;
		x->over_reported = hw_reported_over(&a->policy, x->grade, x->dk, x->families,
						    x->sum);
	}
	*out = rows;
	return n;
}

static const char *rule_for(enum policy_day_kind dk)
{
	return dk == POLICY_DAY_SCHOOL ? "HW_DAILY_LIMIT" : "HW_OFFDAY_LIMIT";
}

int app_hw_stats(struct app *a, const struct actor *who, const char *school_id,
		 const char *from, const char *to, json_t **out, struct app_err *e)
{
	struct stats_data s = { 0 };
	struct range g;
	struct cd_row *rows = NULL;
	int64_t school;
	int n;
	json_t *days, *viol, *refs, *teachers, *schools, *classes;
	long over_d = 0, over_r = 0, items = 0, graded = 0;

	if (stats_school(who, school_id, &school, e) != 0 || parse_range(a, from, to, &g, e) != 0 ||
	    stats_load(a, who, school, &g, &s, e) != 0)
		return -1;
	n = merge_rows(a, &s, &rows);
	if (n < 0) {
		stats_free(&s);
		return app_fail(e, 503, "STORE_BUSY", "系统繁忙，请稍后重试");
	}
	days = json_array();
	viol = json_array();
	schools = json_object();
	for (int i = 0; i < n; i++) {
		struct cd_row *x = &rows[i];
		char sid[24];
		json_t *sc;

		if (i < STATS_MAX_ROWS)
			json_array_append_new(days, json_pack(
				"{s:I,s:s,s:i,s:I,s:s,s:s,s:s,s:s,s:i,s:i,s:I,s:o,s:I,s:b,s:b}",
				"class_id", (json_int_t)x->class_id, "class_name", x->class_name,
				"grade", x->grade, "school_id", (json_int_t)x->school_id,
				"school_name", x->school_name, "date", x->day, "day_kind",
				cal_kind_id(x->dk), "day_kind_name", cal_kind_name(x->dk), "declared_minutes", x->declared, "limit_minutes",
				x->limit, "families", (json_int_t)x->families, "reported_average",
				x->has_avg ? json_integer(x->avg) : json_null(), "unfinished",
				(json_int_t)x->unfinished, "over_declared", x->over_declared,
				"over_reported", x->over_reported));
		over_d += x->over_declared;
		over_r += x->over_reported;
		if ((x->over_declared || x->over_reported) && json_array_size(viol) < 1000)
			json_array_append_new(viol, json_pack("{s:s,s:s,s:I,s:s,s:s,s:s,s:i,s:i,s:o}",
				"code", rule_for(x->dk), "basis",
				x->over_reported ? "reported" : "declared", "class_id",
				(json_int_t)x->class_id, "class_name", x->class_name, "school_name",
				x->school_name, "date", x->day, "declared_minutes", x->declared,
				"limit_minutes", x->limit, "reported_average",
				x->has_avg ? json_integer(x->avg) : json_null()));
		snprintf(sid, sizeof sid, "%lld", (long long)x->school_id);
		sc = json_object_get(schools, sid);
		if (!sc) {
			sc = json_pack("{s:I,s:s,s:i,s:i,s:i,s:i}", "school_id", (json_int_t)x->school_id,
				       "school_name", x->school_name, "class_days", 0, "over_declared",
				       0, "over_reported", 0, "declared_sum", 0);
			json_object_set_new(schools, sid, sc);
		}
		json_object_set_new(sc, "class_days",
			json_integer(json_integer_value(json_object_get(sc, "class_days")) + 1));
		json_object_set_new(sc, "over_declared", json_integer(json_integer_value(
			json_object_get(sc, "over_declared")) + x->over_declared));
		json_object_set_new(sc, "over_reported", json_integer(json_integer_value(
			json_object_get(sc, "over_reported")) + x->over_reported));
		json_object_set_new(sc, "declared_sum", json_integer(json_integer_value(
			json_object_get(sc, "declared_sum")) + x->declared));
	}
	refs = json_array();
	for (int i = 0; i < db_res_rows(s.refusals); i++) {
		char t[40];

		time_rfc3339(db_res_int(s.refusals, i, 0), a->policy.utc_offset_minutes, t, sizeof t);
		json_array_append_new(refs, json_pack("{s:s,s:s,s:s,s:s,s:I,s:o*,s:I,s:s,s:s,s:s}",
			"at", t, "date", db_res_text(s.refusals, i, 1),
			"code", db_res_text(s.refusals, i, 2), "subject", db_res_text(s.refusals, i, 3),
			"minutes", (json_int_t)db_res_int(s.refusals, i, 4),
			"details", json_loads(db_res_text(s.refusals, i, 5), 0, NULL),
			"class_id", (json_int_t)db_res_int(s.refusals, i, 6),
			"class_name", db_res_text(s.refusals, i, 7),
			"school_name", db_res_text(s.refusals, i, 8),
			"teacher", db_res_text(s.refusals, i, 9)));
	}
	teachers = json_array();
	for (int i = 0; i < db_res_rows(s.teachers); i++) {
		long it = (long)db_res_int(s.teachers, i, 2), gr = (long)db_res_int(s.teachers, i, 4);

		items += it;
		graded += gr;
		json_array_append_new(teachers, json_pack("{s:I,s:s,s:I,s:I,s:I,s:I,s:I,s:i}",
			"staff_id", (json_int_t)db_res_int(s.teachers, i, 0),
			"name", db_res_text(s.teachers, i, 1), "items", (json_int_t)it,
			"written_items", (json_int_t)db_res_int(s.teachers, i, 3),
			"graded", (json_int_t)gr, "reviewed", (json_int_t)db_res_int(s.teachers, i, 5),
			"face_to_face", (json_int_t)db_res_int(s.teachers, i, 6),
			"coverage_percent", hw_percent(gr, it)));
	}
	classes = json_array();
	for (int i = 0; i < db_res_rows(s.classes); i++) {
		long it = (long)db_res_int(s.classes, i, 2), gr = (long)db_res_int(s.classes, i, 3);

		json_array_append_new(classes, json_pack("{s:I,s:s,s:s,s:I,s:I,s:I,s:i}",
			"class_id", (json_int_t)db_res_int(s.classes, i, 0),
			"class_name", db_res_text(s.classes, i, 1),
			"school_name", db_res_text(s.classes, i, 5), "items", (json_int_t)it,
			"graded", (json_int_t)gr, "reviewed", (json_int_t)db_res_int(s.classes, i, 4),
			"coverage_percent", hw_percent(gr, it)));
	}
	{
		json_t *list = json_array(), *v;
		const char *k;

		json_object_foreach(schools, k, v)
			json_array_append(list, v);
		json_decref(schools);
		schools = list;
	}
	*out = json_pack("{s:I,s:s,s:s,s:{s:i,s:I,s:I,s:I,s:I,s:I,s:i},s:o,s:o,s:o,s:o,s:o,s:o,s:b}",
		"school_id", (json_int_t)school, "from", g.from, "to", g.to, "summary",
		"class_days", n, "over_declared", (json_int_t)over_d, "over_reported",
		(json_int_t)over_r, "refusals", (json_int_t)db_res_rows(s.refusals), "items",
		(json_int_t)items, "graded", (json_int_t)graded, "min_families",
		a->policy.hw_report_min_families, "days", days, "violations", viol, "refusals",
		refs, "teachers", teachers, "classes", classes, "schools", schools, "truncated",
		n > STATS_MAX_ROWS);
	free(rows);
	stats_free(&s);
	return 0;
}

const char *const hw_stats_header[] = { "学校", "班级", "年级", "日期", "日子类型",
					"布置书面作业（分钟）", "上限（分钟）", "报告家庭数",
					"报告平均用时（分钟）", "未完成人数", "超过上限" };
const size_t hw_stats_ncols = sizeof hw_stats_header / sizeof hw_stats_header[0];

struct export_ctx {
	const struct actor *who;
	int64_t school;
	const struct range *g;
	int rows;
};

static int export_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct export_ctx *c = vctx;
	char obj[48];
	json_t *d;
	int rc;

	(void)e;
	snprintf(obj, sizeof obj, "school:%lld", (long long)c->school);
	d = json_pack("{s:s,s:s,s:i}", "from", c->g->from, "to", c->g->to, "rows", c->rows);
	rc = app_audit(db, c->who, "homework.export", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_hw_stats_table(struct app *a, const struct actor *who, const char *school_id,
		       const char *from, const char *to, struct table *t, struct app_err *e)
{
	struct stats_data s = { 0 };
	struct range g;
	struct cd_row *rows = NULL;
	struct export_ctx c = { .who = who, .g = &g };
	int n;

	if (stats_school(who, school_id, &c.school, e) != 0 || parse_range(a, from, to, &g, e) != 0 ||
	    stats_load(a, who, c.school, &g, &s, e) != 0)
		return -1;
	n = merge_rows(a, &s, &rows);
	for (int i = 0; i < n; i++) {
		struct cd_row *x = &rows[i];
		char grade[8], dec[16], lim[16], fam[16], avg[16], unf[16];
		const char *cells[11];

		snprintf(grade, sizeof grade, "%d", x->grade);
		snprintf(dec, sizeof dec, "%d", x->declared);
		snprintf(lim, sizeof lim, "%d", x->limit);
		snprintf(fam, sizeof fam, "%ld", x->families);
		snprintf(avg, sizeof avg, "%d", x->avg);
		snprintf(unf, sizeof unf, "%ld", x->unfinished);
		cells[0] = x->school_name;
		cells[1] = x->class_name;
		cells[2] = grade;
		cells[3] = x->day;
		cells[4] = cal_kind_name(x->dk);
		cells[5] = dec;
		cells[6] = lim;
		cells[7] = fam;
		cells[8] = x->has_avg ? avg : "";
		cells[9] = unf;
		cells[10] = x->over_declared ? "布置超过上限"
			    : x->over_reported ? "实际用时超过上限" : "";
		if (table_add_row(t, i + 2, cells, 11) != 0)
			break;
	}
	c.rows = n < 0 ? 0 : n;
	free(rows);
	stats_free(&s);
	if (n < 0)
		return app_fail(e, 503, "STORE_BUSY", "系统繁忙，请稍后重试");
	return app_tx(a, export_tx, &c, e);
}

int app_hw_estimates(struct app *a, const struct actor *who, const char *from, const char *to,
		     json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *days = NULL;
	struct range g;
	struct db *db;
	json_t *items;

	if (who->role != ROLE_TEACHER)
		return app_fail(e, 403, "FORBIDDEN", "这里只显示教师本人的作业估计");
	if (parse_range(a, from, to, &g, e) != 0)
		return -1;
	db = app_db_get(a, e);
	if (!db)
		return -1;
	if (store_hw_teacher_days(db, who->user_id, g.from, g.to, &days, &dbe) != 0) {
		app_db_put(a, db);
		return app_db_fail(e, &dbe, who->request_id);
	}
	items = json_array();
	for (int i = 0; i < db_res_rows(days) && i < 500; i++) {
		int64_t cid = db_res_int(days, i, 0);
		const char *day = db_res_text(days, i, 1);
		long n = 0, sum = 0, unf = 0;
		int total = 0, avg = 0, shown;

		if (store_hw_day_total(db, cid, day, &total, &dbe) != 0 ||
		    store_hw_report_stats(db, cid, day, &n, &sum, &unf, &dbe) != 0) {
			app_db_put(a, db);
			db_res_free(days);
			json_decref(items);
			return app_db_fail(e, &dbe, who->request_id);
		}
		shown = hw_reported_average(&a->policy, n, sum, &avg);
		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:i,s:I,s:o,s:o}", "class_id",
			(json_int_t)cid, "class_name", db_res_text(days, i, 2), "date", day,
			"declared_minutes", total, "families",
			(json_int_t)n, "reported_average", shown ? json_integer(avg) : json_null(),
			"difference_minutes", shown ? json_integer(avg - total) : json_null()));
	}
	app_db_put(a, db);
	db_res_free(days);
	*out = json_pack("{s:s,s:s,s:o,s:i}", "from", g.from, "to", g.to, "items", items,
			 "min_families", a->policy.hw_report_min_families);
	return 0;
}
