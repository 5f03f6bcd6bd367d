/* app_checkin_views.c - the five managements' figures: a school's sleep,
 * phones, reading and feasible bedtimes per class, the district's per
 * school, and its export. Counts and averages only: no child is named. */
#include "app/app_checkin.h"
#include "app/app_checkin_internal.h"
#include "app/app_health.h"
#include "core/calendar.h"
#include "core/checkin.h"
#include "store/store_checkin.h"
#include "store/store_org.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CK_MAX_FLAGGED 200 /* flagged class-days listed (all are counted) */
#define CK_MAX_DAYS 400    /* days of a term */

struct term {
	int64_t id;
	char name[128], starts[11], ends[11];
	char from[11], to[11]; /* the weeks counted: the first Monday, the last day */
};

/* The term asked for, or the one in force today (else the last begun). */
static int term_pick(struct app *a, struct db *db, const struct actor *who, const char *arg,
		     struct term *t, struct db_err *dbe, struct app_err *e)
{
	struct db_res *r = NULL;
	char today[11];
	int64_t want = 0, d;
	int pick = -1;

	if (arg && *arg && (app_parse_cursor(arg, &want) != 0 || want <= 0))
		return app_field_fail(e, 422, "FIELD_INVALID", "term_id", "term_id 应为正整数");
	if (store_term_list(db, who->district_id, &r, dbe) != 0)
		return app_db_fail(e, dbe, who->request_id);
	ck_today(a, today);
	for (int i = 0; i < db_res_rows(r); i++) {
		const char *s = db_res_text(r, i, 2);

		if (want ? db_res_int(r, i, 0) == want
			 : strcmp(s, today) <= 0 &&
				   (pick < 0 || strcmp(s, db_res_text(r, pick, 2)) > 0))
			pick = i;
	}
	if (pick < 0) {
		db_res_free(r);
		return app_field_fail(e, 422, "FIELD_INVALID", "term_id",
				      want ? "没有这个学期" : "今天之前还没有开始的学期");
	}
	t->id = db_res_int(r, pick, 0);
	snprintf(t->name, sizeof t->name, "%s", db_res_text(r, pick, 1));
	snprintf(t->starts, sizeof t->starts, "%s", db_res_text(r, pick, 2));
	snprintf(t->ends, sizeof t->ends, "%s", db_res_text(r, pick, 3));
	db_res_free(r);
	date_parse(t->starts, &d);
	date_format(d - (date_weekday(d) - 1), t->from, sizeof t->from);
	snprintf(t->to, sizeof t->to, "%s", strcmp(t->ends, today) < 0 ? t->ends : today);
	return 0;
}

static json_t *term_json(const struct term *t)
{
	return json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)t->id, "name", t->name,
			 "starts_on", t->starts, "ends_on", t->ends);
}

static void floors_of(const struct policy *p, int floor[POLICY_MAX_GRADE + 1])
{
	floor[0] = 0;
	for (int g = 1; g <= POLICY_MAX_GRADE; g++)
		floor[g] = ck_sleep_floor(p, g);
}

/* Average minutes (one decimal) of sum over n, null for n == 0. */
static json_t *avg(json_int_t sum, json_int_t n)
{
	return n ? json_real((double)(sum * 10 / n) / 10.0) : json_null();
}

/* ---- sleep, phones, reading per class ---- */

static void class_sections(const struct app *a, struct db_res *r, json_t *out)
{
	const struct policy *p = &a->policy;
	json_t *sleep = json_array(), *phones = json_array(), *reading = json_array();
	json_int_t st = 0, un = 0, n = 0, ph = 0, rd = 0;
	const char *c_sleep = policy_rule_clause(p, "MG_SLEEP"),
		   *c_phones = policy_rule_clause(p, "MG_PHONES"),
		   *c_reading = policy_rule_clause(p, "MG_READING");

	for (int i = 0; i < db_res_rows(r); i++) {
		int64_t id = db_res_int(r, i, 0);
		const char *name = db_res_text(r, i, 1);
		int grade = (int)db_res_int(r, i, 2);
		json_int_t s = (json_int_t)db_res_int(r, i, 3), u = (json_int_t)db_res_int(r, i, 4),
		     k = (json_int_t)db_res_int(r, i, 5), pm = (json_int_t)db_res_int(r, i, 6),
		     rm = (json_int_t)db_res_int(r, i, 7);

		json_array_append_new(sleep, json_pack("{s:I,s:s,s:i,s:i,s:I,s:I,s:o}", "class_id",
			(json_int_t)id, "name", name, "grade", grade, "floor_minutes",
			ck_sleep_floor(p, grade), "students", s, "under", u, "under_percent",
			app_percent(u, s)));
		json_array_append_new(phones, json_pack("{s:I,s:s,s:i,s:I,s:o}", "class_id",
			(json_int_t)id, "name", name, "grade", grade, "checkins", k, "average",
			avg(pm, k)));
		json_array_append_new(reading, json_pack("{s:I,s:s,s:i,s:I,s:o}", "class_id",
			(json_int_t)id, "name", name, "grade", grade, "checkins", k, "average",
			avg(rm, k)));
		st += s, un += u, n += k, ph += pm, rd += rm;
	}
	json_object_set_new(out, "sleep", json_pack("{s:s,s:s,s:{s:i,s:i},s:I,s:I,s:o,s:o}", "rule",
		"MG_SLEEP", "clause", c_sleep ? c_sleep : "", "floor_hours", "primary",
		p->sleep_hours_primary, "junior", p->sleep_hours_junior, "students", st, "under", un,
		"under_percent", app_percent(un, st), "classes", sleep));
	json_object_set_new(out, "phones", json_pack("{s:s,s:s,s:I,s:o,s:o}", "rule", "MG_PHONES",
		"clause", c_phones ? c_phones : "", "checkins", n, "average", avg(ph, n),
		"classes", phones));
	json_object_set_new(out, "reading", json_pack("{s:s,s:s,s:I,s:o,s:o}", "rule", "MG_READING",
		"clause", c_reading ? c_reading : "", "checkins", n, "average", avg(rd, n),
		"classes", reading));
}

/* ---- feasible bedtimes per class and school day ---- */

struct bed {
	const struct app *a;
	const struct term *t;
	int64_t from;            /* the first day, days since 1970 */
	int ndays;
	bool school_day[CK_MAX_DAYS];
	int (*sess)[POLICY_MAX_GRADE + 1]; /* latest session end per day and grade, -1 */
	int plan[8][POLICY_MAX_GRADE + 1]; /* latest plan end per weekday and grade, -1 */
	int ncls;
	int64_t *cls;
	int *grade;
	const char **cname;
	int *hw_n, *hw_sum, *hw_decl; /* per class and day; hw_decl -1 when none */
	int wake, travel;
	const char *wake_from, *travel_from;
};

static int day_index(const struct bed *b, const char *day)
{
	int64_t d;

	if (date_parse(day, &d) != 0 || d < b->from || d >= b->from + b->ndays)
		return -1;
	return (int)(d - b->from);
}

static void grades_max(int *row, const char *csv, int end)
{
	for (const char *s = csv; s && *s;) {
		int g = (int)strtol(s, NULL, 10);

		if (g >= 1 && g <= POLICY_MAX_GRADE && end > row[g])
			row[g] = end;
		s = strchr(s, ',');
		s = s ? s + 1 : NULL;
	}
}

static void bed_sessions(struct bed *b, struct db_res *r)
{
	for (int i = 0; i < db_res_rows(r); i++) {
		int di = day_index(b, db_res_text(r, i, 0));

		if (di >= 0)
			grades_max(b->sess[di], db_res_text(r, i, 1), (int)db_res_int(r, i, 2));
	}
}

/* Plan slots: regular and extended service for every grade, evening study
 * for the grades the pack allows it (AS_EVENING_JUNIOR). */
static void bed_plan(struct bed *b, struct db_res *r)
{
	const struct policy *p = &b->a->policy;

	for (int i = 0; i < db_res_rows(r); i++) {
		int wd = (int)db_res_int(r, i, 0), end = (int)db_res_int(r, i, 1);
		bool evening = !strcmp(db_res_text(r, i, 2), "evening");

		for (int g = 1; g <= POLICY_MAX_GRADE && wd >= 1 && wd <= 7; g++)
			if ((!evening || p->as_evening_allowed[g]) && end > b->plan[wd][g])
				b->plan[wd][g] = end;
	}
}

static int class_index(const struct bed *b, int64_t cid, int hint)
{
	if (hint >= 0 && hint < b->ncls && b->cls[hint] == cid)
		return hint;
	for (int k = 0; k < b->ncls; k++)
		if (b->cls[k] == cid)
			return k;
	return -1;
}

static void bed_homework(struct bed *b, struct db_res *r)
{
	int k = -1;

	for (int i = 0; i < db_res_rows(r); i++) {
		int di = day_index(b, db_res_text(r, i, 1)), at;

		k = class_index(b, db_res_int(r, i, 0), k);
		if (k < 0 || di < 0)
			continue;
		at = k * b->ndays + di;
		b->hw_n[at] = (int)db_res_int(r, i, 2);
		b->hw_sum[at] = (int)db_res_int(r, i, 3);
		b->hw_decl[at] = db_res_isnull(r, i, 4) ? -1 : (int)db_res_int(r, i, 4);
	}
}

/* Homework of a class-day: the reported average once enough families
 * reported (HW_REPORTED_AVERAGE), else the declared written minutes. */
static int bed_hw(const struct bed *b, int k, int di, const char **src)
{
	int at = k * b->ndays + di, n = b->hw_n[at];

	if (n > 0 && n >= b->a->policy.hw_report_min_families) {
		*src = "reported";
		return (b->hw_sum[at] + n / 2) / n;
	}
	*src = b->hw_decl[at] >= 0 ? "declared" : "none";
	return b->hw_decl[at] > 0 ? b->hw_decl[at] : 0;
}

static json_t *flag_json(const struct bed *b, int k, int di, int end, int hw, const char *src,
			 int bedtime)
{
	char day[11], end_s[8], bed_s[8], latest_s[8];

	date_format(b->from + di, day, sizeof day);
	ck_hhmm(end, end_s);
	ck_hhmm(bedtime, bed_s);
	ck_hhmm(ck_latest_bedtime(&b->a->policy, b->grade[k], b->wake), latest_s);
	return json_pack("{s:I,s:s,s:i,s:s,s:s,s:i,s:s,s:s,s:s,s:b}", "class_id",
			 (json_int_t)b->cls[k], "class_name", b->cname[k], "grade", b->grade[k],
			 "date", day, "service_end", end_s, "homework_minutes", hw,
			 "homework_source", src, "bedtime", bed_s, "latest_bedtime", latest_s,
			 "next_day", bedtime >= CK_DAY_MIN);
}

/* One class over the term's school days: {days, no_service, flagged}. */
static json_t *bed_class(const struct bed *b, int k, json_t *flagged, json_int_t *total)
{
	int days = 0, none = 0, nflag = 0, worst = -1;
	char latest_s[8], worst_s[8] = "";

	for (int di = 0; di < b->ndays; di++) {
		int wd = date_weekday(b->from + di), end = b->sess[di][b->grade[k]], hw, bedtime;
		const char *src;
		struct ck_verdict v;

		if (!b->school_day[di])
			continue;
		days++;
		if (end < 0)
			end = b->plan[wd][b->grade[k]];
		if (end < 0) {
			none++;
			continue;
		}
		hw = bed_hw(b, k, di, &src);
		bedtime = ck_bedtime(end, hw, b->travel);
		if (bedtime > worst)
			worst = bedtime;
		if (ck_feasible_check(&b->a->policy, b->grade[k], bedtime, b->wake, &v) == 0)
			continue;
		nflag++;
		if (json_array_size(flagged) < CK_MAX_FLAGGED)
			json_array_append_new(flagged, flag_json(b, k, di, end, hw, src, bedtime));
	}
	*total += nflag;
	ck_hhmm(ck_latest_bedtime(&b->a->policy, b->grade[k], b->wake), latest_s);
	if (worst >= 0)
		ck_hhmm(worst, worst_s);
	return json_pack("{s:I,s:s,s:i,s:i,s:s,s:i,s:i,s:i,s:s*}", "class_id",
			 (json_int_t)b->cls[k], "name", b->cname[k], "grade", b->grade[k],
			 "floor_minutes", ck_sleep_floor(&b->a->policy, b->grade[k]),
			 "latest_bedtime", latest_s, "school_days", days, "no_service", none,
			 "flagged", nflag, "latest_feasible", worst_s[0] ? worst_s : NULL);
}

/* The wake time: the school's, else the median of its check-ins, else the
 * pack's; the way home: the school's, else the pack's. */
static int bed_settings(struct bed *b, struct db *db, int64_t school_id, struct db_err *dbe)
{
	const struct policy *p = &b->a->policy;
	struct db_res *r = NULL;
	int rc = store_ck_school_get(db, school_id, &r, dbe);

	if (rc < 0)
		return -1;
	b->wake = rc == 0 && !db_res_isnull(r, 0, 5) ? (int)db_res_int(r, 0, 5) : -1;
	b->travel = rc == 0 && !db_res_isnull(r, 0, 6) ? (int)db_res_int(r, 0, 6) : -1;
	db_res_free(r);
	r = NULL;
	b->wake_from = b->wake >= 0 ? "school" : "checkins";
	b->travel_from = b->travel >= 0 ? "school" : "district";
	if (b->travel < 0)
		b->travel = p->sleep_travel_default_min;
	if (b->wake >= 0)
		return 0;
	if (store_ck_wake_counts(db, school_id, b->t->from, b->t->to, &r, dbe) != 0)
		return -1;
	{
		int n = db_res_rows(r), vals[CK_DAY_MIN];
		long counts[CK_DAY_MIN]; /* ck_median */

		for (int i = 0; i < n && i < CK_DAY_MIN; i++) {
			vals[i] = (int)db_res_int(r, i, 0);
			counts[i] = (json_int_t)db_res_int(r, i, 1);
		}
		b->wake = ck_median(vals, counts, n < CK_DAY_MIN ? n : CK_DAY_MIN);
	}
	db_res_free(r);
	if (b->wake < 0) {
		b->wake = p->sleep_wake_default_min;
		b->wake_from = "district";
	}
	return 0;
}

static int bed_days(struct bed *b, struct db *db, struct db_err *dbe)
{
	struct db_res *marks = NULL;
	int64_t to;

	date_parse(b->t->starts, &b->from);
	date_parse(b->t->to, &to);
	b->ndays = to < b->from ? 0 : (int)(to - b->from + 1);
	if (b->ndays > CK_MAX_DAYS)
		b->ndays = CK_MAX_DAYS;
	if (b->ndays == 0)
		return 0;
	if (store_calendar_list(db, b->a->district_id, b->t->starts, b->t->to, &marks, dbe) != 0)
		return -1;
	for (int di = 0; di < b->ndays; di++) {
		char ds[11];
		const char *mark = "";

		date_format(b->from + di, ds, sizeof ds);
		for (int i = 0; i < db_res_rows(marks); i++)
			if (!strcmp(db_res_text(marks, i, 0), ds))
				mark = db_res_text(marks, i, 1);
		b->school_day[di] = cal_classify(b->from + di, true, mark) == POLICY_DAY_SCHOOL;
	}
	db_res_free(marks);
	return 0;
}

static void bed_free(struct bed *b)
{
	free(b->sess);
	free(b->cls);
	free(b->grade);
	free(b->cname);
	free(b->hw_n);
	free(b->hw_sum);
	free(b->hw_decl);
}

static int bed_alloc(struct bed *b, struct db_res *classes)
{
	size_t cells;

	b->ncls = db_res_rows(classes);
	cells = (size_t)(b->ncls ? b->ncls : 1) * (size_t)(b->ndays ? b->ndays : 1);
	b->sess = malloc(sizeof *b->sess * (size_t)(b->ndays ? b->ndays : 1));
	b->cls = calloc((size_t)b->ncls + 1, sizeof *b->cls);
	b->grade = calloc((size_t)b->ncls + 1, sizeof *b->grade);
	b->cname = calloc((size_t)b->ncls + 1, sizeof *b->cname);
	b->hw_n = calloc(cells, sizeof *b->hw_n);
	b->hw_sum = calloc(cells, sizeof *b->hw_sum);
	b->hw_decl = malloc(cells * sizeof *b->hw_decl);
	if (!b->sess || !b->cls || !b->grade || !b->cname || !b->hw_n || !b->hw_sum || !b->hw_decl)
		return -1;
	memset(b->sess, 0xff, sizeof *b->sess * (size_t)(b->ndays ? b->ndays : 1));
	memset(b->plan, 0xff, sizeof b->plan);
	memset(b->hw_decl, 0xff, cells * sizeof *b->hw_decl);
	for (int k = 0; k < b->ncls; k++) {
		b->cls[k] = db_res_int(classes, k, 0);
		b->cname[k] = db_res_text(classes, k, 1);
		b->grade[k] = (int)db_res_int(classes, k, 2);
	}
	return 0;
}

static json_t *bed_json(const struct bed *b)
{
	const char *clause = policy_rule_clause(&b->a->policy, "MG_SLEEP_FEASIBLE");
	json_t *classes = json_array(), *flagged = json_array();
	json_int_t total = 0;
	char wake[8];

	for (int k = 0; k < b->ncls; k++)
		json_array_append_new(classes, bed_class(b, k, flagged, &total));
	ck_hhmm(b->wake, wake);
	return json_pack("{s:s,s:s,s:s,s:s,s:i,s:s,s:s,s:s,s:I,s:i,s:o,s:o}", "rule",
			 "MG_SLEEP_FEASIBLE", "clause", clause ? clause : "", "wake_time", wake,
			 "wake_source", b->wake_from, "travel_minutes", b->travel, "travel_source",
			 b->travel_from, "from", b->t->starts, "to", b->t->to, "flagged", total,
			 "listed_max", CK_MAX_FLAGGED, "classes", classes, "flagged_days", flagged);
}

static int bedtime_section(const struct app *a, struct db *db, int64_t school_id,
			   const struct term *t, struct db_res *classes, json_t **out,
			   struct db_err *dbe)
{
	struct bed *b = calloc(1, sizeof *b);
	struct db_res *r = NULL;
	int rc = -1;

	if (!b)
		return -1;
	b->a = a;
	b->t = t;
	if (bed_days(b, db, dbe) != 0 || bed_alloc(b, classes) != 0 ||
	    bed_settings(b, db, school_id, dbe) != 0)
		goto out;
	if (store_ck_session_ends(db, school_id, t->starts, t->to, &r, dbe) != 0)
		goto out;
	bed_sessions(b, r);
	db_res_free(r);
	r = NULL;
	if (store_ck_plan_ends(db, school_id, t->id, &r, dbe) != 0)
		goto out;
	bed_plan(b, r);
	db_res_free(r);
	r = NULL;
	if (store_ck_homework(db, school_id, t->starts, t->to, &r, dbe) != 0)
		goto out;
	bed_homework(b, r);
	*out = bed_json(b);
	rc = 0;
out:
	db_res_free(r);
	bed_free(b);
	free(b);
	return rc;
}

/* ---- the school and the district ---- */

int app_ck_figures(struct app *a, const struct actor *who, int64_t school_id,
		   const char *term_id, json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *classes = NULL;
	int floor[POLICY_MAX_GRADE + 1];
	struct term t = { 0 };
	json_t *bed = NULL, *o;
	struct db *db;
	int rc;

	if (!app_reads_school(who, school_id))
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	if (app_ck_settings_get(a, who, school_id, &o, e) != 0)
		return -1;
	db = app_db_get(a, e);
	if (!db) {
		json_decref(o);
		return -1;
	}
	floors_of(&a->policy, floor);
	rc = term_pick(a, db, who, term_id, &t, &dbe, e);
	if (rc == 0 && (store_ck_class_figures(db, school_id, t.id, floor, &classes, &dbe) != 0 ||
			bedtime_section(a, db, school_id, &t, classes, &bed, &dbe) != 0))
		rc = app_db_fail(e, &dbe, who->request_id);
	app_db_put(a, db);
	if (rc != 0) {
		db_res_free(classes);
		json_decref(o);
		return -1;
	}
	*out = json_pack("{s:I,s:I,s:o,s:{s:s,s:s}}", "school_id", (json_int_t)school_id,
			 "term_id", (json_int_t)t.id, "term", term_json(&t), "weeks", "from", t.from,
			 "to", t.to);
	class_sections(a, classes, *out);
	json_object_set(json_object_get(*out, "phones"), "rules", json_object_get(o, "phones"));
	json_object_set(json_object_get(*out, "phones"), "rules_updated_at",
			json_object_get(o, "updated_at"));
	json_object_set_new(*out, "bedtime", bed);
	db_res_free(classes);
	json_decref(o);
	/* physical activity, fitness and vision of the same term (the health part) */
	if (app_health_figures(a, who, school_id, t.id, *out, e) != 0) {
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* Per school of the district: 0, or -1 with e. */
static int district_rows(struct app *a, const struct actor *who, const char *term_id,
			 struct term *t, struct db_res **r, struct app_err *e)
{
	struct db_err dbe = { 0 };
	int floor[POLICY_MAX_GRADE + 1];
	struct db *db;
	int rc;

	if (who->role != ROLE_DISTRICT_ADMIN && who->role != ROLE_INSPECTOR)
		return app_fail(e, 403, "FORBIDDEN", "只有教育局和督导可以查看全区五项管理");
	db = app_db_get(a, e);
	if (!db)
		return -1;
	floors_of(&a->policy, floor);
	rc = term_pick(a, db, who, term_id, t, &dbe, e);
	if (rc == 0 && store_ck_school_figures(db, who->district_id, t->id, floor, r,
					       &dbe) != 0)
		rc = app_db_fail(e, &dbe, who->request_id);
	app_db_put(a, db);
	return rc;
}

int app_ck_district(struct app *a, const struct actor *who, const char *term_id, json_t **out,
		    struct app_err *e)
{
	struct db_res *r = NULL;
	struct term t = { 0 };
	json_t *schools;
	json_int_t st = 0, un = 0, n = 0, ph = 0, rd = 0, reporting = 0;

	if (district_rows(a, who, term_id, &t, &r, e) != 0)
		return -1;
	schools = json_array();
	for (int i = 0; i < db_res_rows(r); i++) {
		json_int_t s = (json_int_t)db_res_int(r, i, 3), u = (json_int_t)db_res_int(r, i, 4),
		     k = (json_int_t)db_res_int(r, i, 5), pm = (json_int_t)db_res_int(r, i, 6),
		     rm = (json_int_t)db_res_int(r, i, 7);

		json_array_append_new(schools, json_pack("{s:I,s:s,s:s,s:I,s:I,s:o,s:I,s:o,s:o,s:I}",
			"school_id", (json_int_t)db_res_int(r, i, 0), "code", db_res_text(r, i, 1),
			"name", db_res_text(r, i, 2), "students", s, "under", u, "under_percent",
			app_percent(u, s), "checkins", k, "phone_average", avg(pm, k),
			"reading_average", avg(rm, k), "classes", (json_int_t)db_res_int(r, i, 8)));
		st += s, un += u, n += k, ph += pm, rd += rm, reporting += s > 0;
	}
	db_res_free(r);
	*out = json_pack("{s:I,s:o,s:{s:s,s:s},s:{s:i,s:i},s:{s:i,s:I,s:I,s:I,s:o,s:I,s:o,s:o},s:o}",
			 "term_id", (json_int_t)t.id, "term", term_json(&t), "weeks", "from",
			 t.from, "to", t.to, "floor_hours", "primary",
			 a->policy.sleep_hours_primary, "junior", a->policy.sleep_hours_junior,
			 "totals", "schools", (int)json_array_size(schools), "schools_reporting",
			 reporting, "students", st, "under", un, "under_percent",
			 app_percent(un, st), "checkins", n, "phone_average", avg(ph, n),
			 "reading_average", avg(rd, n), "schools", schools);
	return 0;
}

const char *const ck_export_header[] = { "学校代码", "学校", "填报学生数", "平均睡眠不足人数",
					 "睡眠不足比例（%）", "每天使用手机（分钟）",
					 "每天阅读（分钟）", "填报次数" };
const size_t ck_export_ncols = sizeof ck_export_header / sizeof ck_export_header[0];

int app_ck_district_table(struct app *a, const struct actor *who, const char *term_id,
			  struct table *t, struct app_err *e)
{
	struct db_res *r = NULL;
	struct term tm = { 0 };

	if (district_rows(a, who, term_id, &tm, &r, e) != 0)
		return -1;
	for (int i = 0; i < db_res_rows(r); i++) {
		json_int_t s = (json_int_t)db_res_int(r, i, 3), u = (json_int_t)db_res_int(r, i, 4),
		     k = (json_int_t)db_res_int(r, i, 5);
		char c[5][24];
		const char *cells[8];

		snprintf(c[0], sizeof c[0], "%lld", s);
		snprintf(c[1], sizeof c[1], "%lld", u);
		snprintf(c[2], sizeof c[2], "%s", "");
		if (s)
			snprintf(c[2], sizeof c[2], "%lld", (u * 100 + s / 2) / s);
		snprintf(c[3], sizeof c[3], "%s", "");
		snprintf(c[4], sizeof c[4], "%s", "");
		if (k) {
			snprintf(c[3], sizeof c[3], "%.1f", (double)db_res_int(r, i, 6) / (double)k);
			snprintf(c[4], sizeof c[4], "%.1f", (double)db_res_int(r, i, 7) / (double)k);
		}
		cells[0] = db_res_text(r, i, 1);
		cells[1] = db_res_text(r, i, 2);
		cells[2] = c[0];
		cells[3] = c[1];
		cells[4] = c[2];
		cells[5] = c[3];
		cells[6] = c[4];
		cells[7] = db_res_text(r, i, 5);
		if (table_add_row(t, i + 2, cells, 8) != 0) {
			db_res_free(r);
			return app_fail(e, 500, "EXPORT_FAILED", "导出失败，请稍后重试");
		}
	}
	db_res_free(r);
	return 0;
}
