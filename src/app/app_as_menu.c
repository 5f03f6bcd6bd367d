/* app_as_menu.c - after-school service: the menu of programs, parents'
 * voluntary applications, allocation with a waitlist. */
#include "app/app_as.h"
#include "app/app_internal.h"
#include "core/afterschool.h"
#include "store/store_as.h"
#include "store/store_org.h"
#include "util/buf.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AS_MAX_STAFF 20
#define AS_MAX_PROGRAMS 256

static void today_of(const struct app *a, char out[11])
{
	date_format(date_of(time_now(), a->policy.utc_offset_minutes), out, 11);
}

/* Decode the scalar fields of body (arrays named in skip are left out). */
int app_decode_scalars(json_t *body, const char *const *skip, const struct jfield *f,
			  size_t n, void *out, struct app_err *e)
{
	/* a shallow copy: its values are body's own, so the decoded strings
	 * stay valid as long as body after the copy is gone */
	json_t *copy = json_copy(body);
	struct jf_error je;
	int rc;

	for (int i = 0; skip[i]; i++)
		json_object_del(copy, skip[i]);
	rc = jf_decode(copy, f, n, out, &je);
	json_decref(copy);
	if (rc != 0)
		app_field_fail(e, je.status, je.code, je.field, je.message);
	return rc;
}

/* An array of distinct integers lo..hi, 1..max items, as "1,3,5" into buf. */
static int int_list(json_t *body, const char *name, int lo, int hi, int max, int *vals, int *n,
		    char *csv, size_t cap, struct app_err *e)
{
	json_t *arr = json_object_get(body, name), *v;
	size_t i;
	size_t used = 0;

	if (!arr)
		return app_field_fail(e, 422, "FIELD_REQUIRED", name, "缺少必填的列表");
	if (!json_is_array(arr))
		return app_field_fail(e, 400, "FIELD_TYPE", name, "应为数组");
	if (json_array_size(arr) < 1 || (int)json_array_size(arr) > max)
		return app_field_fail(e, 422, "FIELD_INVALID", name, "列表项数不对");
	*n = 0;
	if (csv)
		csv[0] = '\0';
	json_array_foreach(arr, i, v) {
		json_int_t x;

		if (!json_is_integer(v))
			return app_field_fail(e, 400, "FIELD_TYPE", name, "列表项应为整数");
		x = json_integer_value(v);
		if (x < lo || x > hi)
			return app_field_fail(e, 422, "FIELD_INVALID", name, "列表项超出范围");
		for (int j = 0; j < *n; j++)
			if (vals[j] == (int)x)
				return app_field_fail(e, 422, "FIELD_INVALID", name, "列表项重复");
		vals[(*n)++] = (int)x;
		if (csv)
			used += (size_t)snprintf(csv + used, cap - used, "%s%d", used ? "," : "",
						 (int)x);
	}
	return 0;
}

static int csv_has(const char *csv, int x)
{
	char buf[64];
	const char *p = csv;

	while (p && *p) {
		size_t k = strcspn(p, ",");

		snprintf(buf, sizeof buf, "%.*s", (int)k, p);
		if (atoi(buf) == x)
			return 1;
		p += k + (p[k] == ',');
	}
	return 0;
}

static json_t *csv_json(const char *csv)
{
	json_t *a = json_array();
	const char *p = csv;

	while (p && *p) {
		json_array_append_new(a, json_integer(atoi(p)));
		p += strcspn(p, ",");
		p += *p == ',';
	}
	return a;
}

/* ---- programs ---- */

struct program_in {
	int64_t school_id, term_id, capacity, fee_fen;
	const char *name, *category, *start, *end, *venue, *fee_doc, *apply_until;
};

static const struct jfield program_fields[] = {
	{ "school_id", JF_INT, offsetof(struct program_in, school_id), true, 1, INT64_MAX, NULL, "学校" },
	{ "term_id", JF_INT, offsetof(struct program_in, term_id), true, 1, INT64_MAX, NULL, "学期" },
	{ "name", JF_STR, offsetof(struct program_in, name), true, 1, 50, NULL, "项目名称" },
	{ "category", JF_ENUM, offsetof(struct program_in, category), true, 0, 0, as_category_ids, "类别" },
	{ "capacity", JF_INT, offsetof(struct program_in, capacity), true, 1, 1000, NULL, "名额" },
	{ "start", JF_TIME, offsetof(struct program_in, start), true, 0, 0, NULL, "开始时间" },
	{ "end", JF_TIME, offsetof(struct program_in, end), true, 0, 0, NULL, "结束时间" },
	{ "venue", JF_STR, offsetof(struct program_in, venue), true, 1, 50, NULL, "地点" },
	{ "fee_fen", JF_INT, offsetof(struct program_in, fee_fen), false, 0, 100000000, NULL, "收费（分）" },
	{ "fee_doc", JF_STR, offsetof(struct program_in, fee_doc), false, 0, 100, NULL, "收费批准文件" },
	{ "apply_until", JF_DATE, offsetof(struct program_in, apply_until), true, 0, 0, NULL, "报名截止日期" },
};

struct staff_in {
	int64_t staff_id;
	const char *name, *type, *vetting, *vetted_on;
};

static const struct jfield staff_fields[] = {
	{ "name", JF_STR, offsetof(struct staff_in, name), true, 1, 32, NULL, "姓名" },
	{ "type", JF_ENUM, offsetof(struct staff_in, type), true, 0, 0, as_staff_type_ids, "人员类型" },
	{ "staff_id", JF_INT, offsetof(struct staff_in, staff_id), false, 1, INT64_MAX, NULL, "教职工" },
	{ "vetting", JF_STR, offsetof(struct staff_in, vetting), false, 0, 100, NULL, "资质与审查记录" },
	{ "vetted_on", JF_DATE, offsetof(struct staff_in, vetted_on), false, 0, 0, NULL, "审查日期" },
};

struct program_ctx {
	const struct actor *who;
	struct store_as_program p;
	struct staff_in staff[AS_MAX_STAFF];
	int nstaff;
	int64_t id;
};

static int program_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct program_ctx *c = vctx;
	char obj[48];
	json_t *d;
	int rc;

	for (int i = 0; i < c->nstaff; i++) {
		int64_t sid = 0;
		char field[32];

		if (!c->staff[i].staff_id)
			continue;
		snprintf(field, sizeof field, "staff.%d.staff_id", i);
		for (int k = 0; k < i; k++)
			if (c->staff[k].staff_id == c->staff[i].staff_id)
				return app_field_fail(e, 422, "FIELD_INVALID", field,
						      "同一位教职工列了两次");
		rc = store_staff_school(db, c->who->district_id, c->staff[i].staff_id, &sid, dbe);
		if (rc < 0)
			return -1;
		if (rc == 1 || sid != c->p.school_id)
			return app_field_fail(e, 422, "STAFF_OTHER_SCHOOL", field, "这位教职工不属于本校");
	}
	if (store_as_program_insert(db, &c->p, &c->id, dbe) != 0)
		return -1;
	for (int i = 0; i < c->nstaff; i++)
		if (store_as_program_staff_add(db, c->id, i, c->staff[i].name, c->staff[i].type,
					       c->staff[i].staff_id, c->staff[i].vetting,
					       c->staff[i].vetted_on, dbe) != 0)
			return -1;
	snprintf(obj, sizeof obj, "as_program:%lld", (long long)c->id);
	d = json_pack("{s:I,s:s,s:i,s:I}", "school_id", (json_int_t)c->p.school_id, "name",
		      c->p.name, "capacity", c->p.capacity, "fee_fen", (json_int_t)c->p.fee_fen);
	rc = app_audit(db, c->who, "afterschool.program", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_as_program_create(struct app *a, const struct actor *who, json_t *body, json_t **out,
			  struct app_err *e)
{
	static const char *const arrays[] = { "grades", "days", "staff", NULL };
	struct program_ctx c = { .who = who };
	struct program_in in = { 0 };
	struct as_staff st[AS_MAX_STAFF];
	struct as_verdict v;
	bool has[POLICY_MAX_GRADE + 1] = { false };
	int grades[10], days[8], ng = 0, nd = 0;
	char gcsv[32], dcsv[24], kind[16], today[11];
	json_t *arr, *sv;
	size_t i;

	if (app_decode_scalars(body, arrays, program_fields,
			   sizeof program_fields / sizeof program_fields[0], &in, e) != 0 ||
	    int_list(body, "grades", 1, 9, 9, grades, &ng, gcsv, sizeof gcsv, e) != 0 ||
	    int_list(body, "days", 1, 7, 7, days, &nd, dcsv, sizeof dcsv, e) != 0)
		return -1;
	if (!app_manages_school(who, in.school_id))
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	arr = json_object_get(body, "staff");
	if (!json_is_array(arr) || json_array_size(arr) < 1 || json_array_size(arr) > AS_MAX_STAFF)
		return app_field_fail(e, 422, "FIELD_INVALID", "staff", "请填写 1 到 20 位服务人员");
	json_array_foreach(arr, i, sv) {
		struct jf_error je;
		char field[96];

		if (!json_is_object(sv) ||
		    jf_decode(sv, staff_fields, sizeof staff_fields / sizeof staff_fields[0],
			      &c.staff[i], &je) != 0) {
			snprintf(field, sizeof field, "staff.%zu%s%s", i, json_is_object(sv) ? "." : "",
				 json_is_object(sv) ? je.field : "");
			return app_field_fail(e, json_is_object(sv) ? je.status : 400,
					  json_is_object(sv) ? je.code : "FIELD_TYPE", field,
					  json_is_object(sv) ? je.message : "服务人员应为对象");
		}
		st[i] = (struct as_staff){ c.staff[i].type, c.staff[i].vetting ? c.staff[i].vetting : "",
					   c.staff[i].vetted_on ? c.staff[i].vetted_on : "" };
	}
	c.nstaff = (int)json_array_size(arr);
	hhmm_parse(in.start, &c.p.start_min);
	hhmm_parse(in.end, &c.p.end_min);
	if (c.p.end_min <= c.p.start_min)
		return app_field_fail(e, 422, "AS_SLOT_TIMES", "end", "结束时间应晚于开始时间");
	today_of(a, today);
	if (as_program_check(in.fee_fen, in.fee_doc, st, c.nstaff, today, &v) != 0) {
		const char *clause = policy_rule_clause(&a->policy, v.code);

		app_fail(e, 422, v.code, "%s", v.message);
		e->details = json_pack("{s:s,s:i,s:s}", "rule", v.code, "staff", v.slot, "clause",
				       clause ? clause : "");
		return -1;
	}
	if (app_school_term_check(a, who, in.school_id, in.term_id, kind, sizeof kind, e) != 0)
		return -1;
	app_school_grades(kind, has);
	for (int k = 0; k < ng; k++)
		if (!has[grades[k]])
			return app_field_fail(e, 422, "FIELD_INVALID", "grades", "本校没有这个年级");
	c.p = (struct store_as_program){ .district_id = who->district_id, .school_id = in.school_id,
		.term_id = in.term_id, .now = time_now(), .name = in.name, .category = in.category,
		.grades = gcsv, .days = dcsv, .venue = in.venue, .fee_doc = in.fee_doc,
		.apply_until = in.apply_until, .capacity = (int)in.capacity,
		.start_min = c.p.start_min, .end_min = c.p.end_min, .fee_fen = in.fee_fen };
	if (app_tx(a, program_tx, &c, e) != 0)
		return -1;
	*out = json_pack("{s:I,s:I,s:I,s:s,s:s,s:s,s:o,s:I,s:o,s:s,s:s,s:s,s:I,s:s,s:i}",
			 "id", (json_int_t)c.id, "school_id", (json_int_t)in.school_id, "term_id",
			 (json_int_t)in.term_id, "name", in.name, "category", in.category,
			 "category_name", as_category_name(in.category), "grades", csv_json(gcsv),
			 "capacity", (json_int_t)in.capacity, "days", csv_json(dcsv), "start",
			 in.start, "end", in.end, "venue", in.venue, "fee_fen",
			 (json_int_t)in.fee_fen, "apply_until", in.apply_until, "staff", c.nstaff);
	return 0;
}

int app_as_programs(struct app *a, const struct actor *who, const char *school_id,
		    const char *term_id, json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	int64_t school = 0, term = 0;
	char kind[16];
	struct db *db;
	json_t *items, *staffs;
	int rc;

	if (app_parse_cursor(school_id, &school) != 0 || school <= 0 ||
	    app_parse_cursor(term_id, &term) != 0 || term <= 0)
		return app_fail(e, 400, "QUERY_INVALID", "school_id 和 term_id 应为正整数");
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = app_school_term(db, who, school, term, kind, sizeof kind, &dbe);
	if (rc == 0)
		rc = store_as_programs(db, school, term, &r, &dbe);
	staffs = json_array();
	for (int i = 0; rc == 0 && i < db_res_rows(r); i++) {
		struct db_res *st = NULL;
		json_t *staff = json_array();

		rc = store_as_program_staff(db, db_res_int(r, i, 0), &st, &dbe);
		for (int k = 0; rc == 0 && k < db_res_rows(st); k++)
			json_array_append_new(staff, json_pack("{s:s,s:s,s:s,s:s,s:s}", "name",
				db_res_text(st, k, 0), "type", db_res_text(st, k, 1), "type_name",
				as_staff_type_name(db_res_text(st, k, 1)), "vetting",
				db_res_text(st, k, 2), "vetted_on", db_res_text(st, k, 3)));
		db_res_free(st);
		json_array_append_new(staffs, staff);
	}
	app_db_put(a, db);
	if (rc != 0) {
		json_decref(staffs);
		db_res_free(r);
	}
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc != 0)
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校或学期");
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++) {
		char s0[8], s1[8];

		hhmm_format((int)db_res_int(r, i, 6), s0);
		hhmm_format((int)db_res_int(r, i, 7), s1);
		json_array_append_new(items, json_pack(
			"{s:I,s:s,s:s,s:s,s:o,s:I,s:o,s:s,s:s,s:s,s:I,s:s,s:s,s:I,s:I,s:I}",
			"id", (json_int_t)db_res_int(r, i, 0), "name", db_res_text(r, i, 1),
			"category", db_res_text(r, i, 2), "category_name",
			as_category_name(db_res_text(r, i, 2)), "grades", csv_json(db_res_text(r, i, 3)),
			"capacity", (json_int_t)db_res_int(r, i, 4), "days",
			csv_json(db_res_text(r, i, 5)), "start", s0, "end", s1, "venue",
			db_res_text(r, i, 8), "fee_fen", (json_int_t)db_res_int(r, i, 9), "fee_doc",
			db_res_text(r, i, 10), "apply_until", db_res_text(r, i, 11), "applied",
			(json_int_t)db_res_int(r, i, 12), "admitted", (json_int_t)db_res_int(r, i, 13),
			"waitlisted", (json_int_t)db_res_int(r, i, 14)));
		json_object_set(json_array_get(items, (size_t)i), "staff",
				json_array_get(staffs, (size_t)i));
	}
	json_decref(staffs);
	db_res_free(r);
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

/* ---- applications ---- */

struct apply_in {
	int64_t student_id, term_id;
	int extended_care, voluntary, alone_consent;
	const char *extended_reason;
};

static const struct jfield apply_fields[] = {
	{ "student_id", JF_INT, offsetof(struct apply_in, student_id), true, 1, INT64_MAX, NULL, "孩子" },
	{ "term_id", JF_INT, offsetof(struct apply_in, term_id), true, 1, INT64_MAX, NULL, "学期" },
	{ "extended_care", JF_BOOL, offsetof(struct apply_in, extended_care), false, 0, 0, NULL, "延时托管" },
	{ "extended_reason", JF_TEXT, offsetof(struct apply_in, extended_reason), false, 0, 200, NULL, "托管原因" },
	{ "voluntary", JF_BOOL, offsetof(struct apply_in, voluntary), true, 0, 0, NULL, "自愿确认" },
	{ "alone_consent", JF_BOOL, offsetof(struct apply_in, alone_consent), false, 0, 0, NULL, "同意孩子自行离校" },
};

struct apply_ctx {
	struct app *a;
	const struct actor *who;
	struct store_as_application ap;
	int grade, nchoices;
	int64_t id;
	char today[11];
};

static int apply_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct apply_ctx *c = vctx;
	int64_t live = 0;
	char obj[48];
	json_t *d;
	int rc;

	for (int i = 0; i < c->nchoices; i++) {
		struct db_res *r = NULL;

		rc = store_as_program_get(db, c->who->district_id, c->ap.choice[i], &r, dbe);
		if (rc < 0)
			return -1;
		if (rc == 1)
			return app_field_fail(e, 404, "NOT_FOUND", "choices", "没有这个课后服务项目");
		if (db_res_int(r, 0, 1) != c->ap.school_id || db_res_int(r, 0, 2) != c->ap.term_id ||
		    !csv_has(db_res_text(r, 0, 3), c->grade)) {
			db_res_free(r);
			return app_field_fail(e, 422, "AS_PROGRAM_MISMATCH", "choices",
					  "所选项目不是孩子所在学校、学期或年级的项目");
		}
		if (strcmp(c->today, db_res_text(r, 0, 5)) > 0) {
			app_fail(e, 422, "AS_DEADLINE", "“%s”的报名已于 %s 截止",
				 db_res_text(r, 0, 7), db_res_text(r, 0, 5));
			db_res_free(r);
			return -1;
		}
		if (i == 0 && db_res_int(r, 0, 6) >= db_res_int(r, 0, 4)) {
			app_fail(e, 422, "AS_CAPACITY", "“%s”已满（%lld 人），请选择其他项目作为第一志愿",
				 db_res_text(r, 0, 7), (long long)db_res_int(r, 0, 4));
			db_res_free(r);
			return -1;
		}
		db_res_free(r);
	}
	if (store_as_application_live(db, c->ap.student_id, c->ap.term_id, &live, dbe) != 0)
		return -1;
	if (live)
		return app_fail(e, 409, "AS_ALREADY_APPLIED", "孩子本学期已经报名；如需更改，请先撤回原报名");
	if (store_as_application_insert(db, &c->ap, &c->id, dbe) != 0 ||
	    store_as_count(db, c->ap.district_id, c->ap.school_id, c->ap.term_id,
			   &(struct store_as_delta){ .applied = 1 }, dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "as_application:%lld", (long long)c->id);
	d = json_pack("{s:I,s:I,s:b,s:b}", "student_id", (json_int_t)c->ap.student_id, "choice1",
		      (json_int_t)c->ap.choice[0], "extended_care", c->ap.extended_care,
		      "voluntary", 1);
	rc = app_audit(db, c->who, "afterschool.apply", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_as_apply(struct app *a, const struct actor *who, json_t *body, json_t **out,
		 struct app_err *e)
{
	static const char *const arrays[] = { "choices", NULL };
	struct apply_ctx c = { .a = a, .who = who };
	struct apply_in in = { 0 };
	int choices[AS_MAX_CHOICES];

	if (who->role != ROLE_PARENT)
		return app_fail(e, 403, "FORBIDDEN", "只有家长可以为孩子报名课后服务");
	if (app_decode_scalars(body, arrays, apply_fields, sizeof apply_fields / sizeof apply_fields[0],
			   &in, e) != 0 ||
	    int_list(body, "choices", 1, INT32_MAX, AS_MAX_CHOICES, choices, &c.nchoices, NULL, 0,
		     e) != 0)
		return -1;
	if (!in.voluntary) {
		app_fail(e, 422, "AS_VOLUNTARY", "课后服务由家长自愿选择：请确认是自愿报名");
		e->details = json_pack("{s:s}", "field", "voluntary");
		return -1;
	}
	if (in.extended_care && (!in.extended_reason || !*in.extended_reason))
		return app_field_fail(e, 422, "FIELD_REQUIRED", "extended_reason", "申请延时托管请写明原因");
	if (app_child_of(a, who, in.student_id, NULL, &c.ap.school_id, &c.grade, e) != 0)
		return -1;
	c.ap.district_id = who->district_id;
	c.ap.term_id = in.term_id;
	c.ap.student_id = in.student_id;
	c.ap.user_id = who->user_id;
	c.ap.now = time_now();
	c.ap.extended_care = in.extended_care;
	c.ap.extended_reason = in.extended_reason;
	c.ap.alone_consent = in.alone_consent;
	for (int i = 0; i < c.nchoices; i++)
		c.ap.choice[i] = choices[i];
	today_of(a, c.today);
	if (app_tx(a, apply_tx, &c, e) != 0)
		return -1;
	*out = json_pack("{s:I,s:I,s:I,s:s,s:b}", "id", (json_int_t)c.id, "student_id",
			 (json_int_t)in.student_id, "term_id", (json_int_t)in.term_id, "status",
			 "applied", "voluntary", 1);
	return 0;
}

static const char *status_name(const char *s)
{
	return !strcmp(s, "applied") ? "已报名，待分配" : !strcmp(s, "admitted") ? "已录取"
	       : !strcmp(s, "waitlisted") ? "候补" : !strcmp(s, "withdrawn") ? "已撤回" : "";
}

int app_as_applications(struct app *a, const struct actor *who, const char *school_id,
			const char *term_id, const char *status, const char *cursor,
			const char *limit, json_t **out, struct app_err *e)
{
	static const char *const states[] = { "applied", "admitted", "waitlisted", "withdrawn",
					      NULL };
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	int64_t school = 0, term = 0, user = 0, after = 0;
	int lim = app_parse_limit(limit, 200, 1000), known = !status || !*status;
	struct db *db;
	json_t *items;
	int rc;

	if (app_parse_cursor(term_id, &term) != 0 || term <= 0)
		return app_fail(e, 400, "QUERY_INVALID", "term_id 应为正整数");
	for (int i = 0; states[i] && !known; i++)
		known = !strcmp(states[i], status);
	if (!known)
		return app_fail(e, 400, "QUERY_INVALID", "status 应为 applied、admitted、waitlisted 或 withdrawn");
	if (lim < 0 || app_parse_cursor(cursor, &after) != 0)
		return app_fail(e, 400, "QUERY_INVALID", "limit 应为 1 到 1000 之间的整数，cursor 应为正整数");
	if (school_id && *school_id && app_parse_cursor(school_id, &school) != 0)
		return app_fail(e, 400, "QUERY_INVALID", "school_id 应为正整数");
	if (who->role == ROLE_PARENT) {
		user = who->user_id;
		school = 0;
	} else if (who->role == ROLE_PRINCIPAL || who->role == ROLE_ACADEMIC_OFFICE) {
		if (school && school != who->school_id)
			return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
		school = who->school_id;
	} else if (!school) {
		return app_fail(e, 400, "QUERY_INVALID", "请指定 school_id");
	}
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_as_applications(db, who->district_id, school, term, user, status ? status : "",
				   after, lim, &r, &dbe);
	app_db_put(a, db);
	if (rc != 0)
		return app_db_fail(e, &dbe, who->request_id);
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++) {
		json_t *ch = json_array();
		const char *st = db_res_text(r, i, 10);

		for (int k = 5; k <= 7; k++)
			if (!db_res_isnull(r, i, k))
				json_array_append_new(ch, json_integer(db_res_int(r, i, k)));
		json_array_append_new(items, json_pack(
			"{s:I,s:I,s:s,s:s,s:o,s:b,s:s,s:s,s:s,s:o,s:s*,s:I,s:b,s:I}",
			"id", (json_int_t)db_res_int(r, i, 0), "student_id",
			(json_int_t)db_res_int(r, i, 1), "student_name", db_res_text(r, i, 2),
			"class_name", db_res_text(r, i, 3), "choices", ch, "extended_care",
			(int)db_res_int(r, i, 8), "extended_reason", db_res_text(r, i, 9), "status", st,
			"status_name", status_name(st), "program_id",
			db_res_isnull(r, i, 11) ? json_null() : json_integer(db_res_int(r, i, 11)),
			"program_name", db_res_isnull(r, i, 12) ? NULL : db_res_text(r, i, 12),
			"position", (json_int_t)db_res_int(r, i, 13), "alone_consent",
			(int)db_res_int(r, i, 15), "consent_at", (json_int_t)db_res_int(r, i, 16)));
	}
	db_res_free(r);
	*out = app_page(items, lim);
	return 0;
}

struct withdraw_ctx {
	struct app *a;
	const struct actor *who;
	int64_t id;
};

static int withdraw_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct withdraw_ctx *c = vctx;
	struct db_res *r = NULL, *kids = NULL;
	int rc = store_as_application_get(db, c->who->district_id, c->id, &r, dbe), ok = 0;
	struct store_as_delta delta = { .applied = -1 };
	int64_t school_id, term_id;
	char obj[48];

	if (rc < 0)
		return -1;
	if (rc == 0 && c->who->role == ROLE_PARENT) {
		if (store_children(db, c->who->district_id, c->who->user_id, &kids, dbe) != 0) {
			db_res_free(r);
			return -1;
		}
		for (int i = 0; i < db_res_rows(kids); i++)
			ok |= db_res_int(kids, i, 0) == db_res_int(r, 0, 1);
		db_res_free(kids);
	} else if (rc == 0) {
		ok = app_manages_school(c->who, db_res_int(r, 0, 2));
	}
	if (!ok) {
		db_res_free(r);
		return app_fail(e, 404, "NOT_FOUND", "没有找到这份报名，或不在您的权限范围内");
	}
	if (!strcmp(db_res_text(r, 0, 4), "withdrawn")) {
		db_res_free(r);
		return app_fail(e, 409, "AS_WITHDRAWN", "这份报名已经撤回");
	}
	delta.admitted = -!strcmp(db_res_text(r, 0, 4), "admitted");
	school_id = db_res_int(r, 0, 2);
	term_id = db_res_int(r, 0, 3);
	db_res_free(r);
	if (store_as_application_set(db, c->id, "withdrawn", 0, 0, dbe) != 0 ||
	    store_as_count(db, c->who->district_id, school_id, term_id, &delta, dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "as_application:%lld", (long long)c->id);
	return app_audit(db, c->who, "afterschool.withdraw", obj, "ok", NULL, dbe);
}

int app_as_withdraw(struct app *a, const struct actor *who, int64_t id, struct app_err *e)
{
	struct withdraw_ctx c = { a, who, id };

	return app_tx(a, withdraw_tx, &c, e);
}

struct alloc_ctx {
	const struct actor *who;
	int64_t school_id, term_id;
	int napps, admitted, waitlisted;
};

static int alloc_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct alloc_ctx *c = vctx;
	struct db_res *progs = NULL, *apps = NULL;
	int64_t ids[AS_MAX_PROGRAMS];
	int cap[AS_MAX_PROGRAMS], np, rc = -1;
	struct as_app *aa = NULL;
	char obj[48];
	json_t *d;

	(void)e;
	c->admitted = c->waitlisted = 0; /* a retried transaction starts again */
	if (store_as_programs(db, c->school_id, c->term_id, &progs, dbe) != 0 ||
	    store_as_allocation_input(db, c->school_id, c->term_id, &apps, dbe) != 0)
		goto done;
	np = db_res_rows(progs);
	for (int i = 0; i < np && i < AS_MAX_PROGRAMS; i++) {
		ids[i] = db_res_int(progs, i, 0);
		cap[i] = (int)db_res_int(progs, i, 4);
	}
	c->napps = db_res_rows(apps);
	aa = calloc((size_t)c->napps + 1, sizeof *aa);
	if (!aa)
		goto done;
	for (int i = 0; i < c->napps; i++)
		for (int k = 0; k < AS_MAX_CHOICES; k++) {
			int64_t pid = db_res_int(apps, i, 1 + k);

			aa[i].choice[k] = -1;
			for (int j = 0; j < np; j++)
				if (ids[j] == pid)
					aa[i].choice[k] = j;
		}
	as_allocate(aa, c->napps, cap, np);
	for (int i = 0; i < c->napps; i++) {
		const char *st = aa[i].admitted >= 0 ? "admitted" : aa[i].waitlisted >= 0 ? "waitlisted"
											    : "applied";
		int p = aa[i].admitted >= 0 ? aa[i].admitted : aa[i].waitlisted;

		c->admitted += aa[i].admitted >= 0;
		c->waitlisted += aa[i].waitlisted >= 0;
		if (store_as_application_set(db, db_res_int(apps, i, 0), st, p >= 0 ? ids[p] : 0,
					     aa[i].position, dbe) != 0)
			goto done;
	}
	if (store_as_admitted_reset(db, c->school_id, c->term_id, dbe) != 0)
		goto done;
	snprintf(obj, sizeof obj, "school:%lld", (long long)c->school_id);
	d = json_pack("{s:I,s:i,s:i,s:i}", "term_id", (json_int_t)c->term_id, "applications",
		      c->napps, "admitted", c->admitted, "waitlisted", c->waitlisted);
	rc = app_audit(db, c->who, "afterschool.allocate", obj, "ok", d, dbe);
	json_decref(d);
done:
	free(aa);
	db_res_free(progs);
	db_res_free(apps);
	return rc;
}

int app_as_allocate(struct app *a, const struct actor *who, int64_t school_id, json_t *body,
		    json_t **out, struct app_err *e)
{
	struct alloc_ctx c = { .who = who, .school_id = school_id };
	json_t *t = json_object_get(body, "term_id");
	char kind[16];

	if (!app_manages_school(who, school_id))
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	if (json_object_size(body) != 1 || !json_is_integer(t) || json_integer_value(t) <= 0)
		return app_field_fail(e, 400, "FIELD_TYPE", "term_id", "请求应为 {\"term_id\": 学期 id}");
	c.term_id = json_integer_value(t);
	if (app_school_term_check(a, who, school_id, c.term_id, kind, sizeof kind, e) != 0 ||
	    app_tx(a, alloc_tx, &c, e) != 0)
		return -1;
	*out = json_pack("{s:i,s:i,s:i}", "applications", c.napps, "admitted", c.admitted,
			 "waitlisted", c.waitlisted);
	return 0;
}
