/* app_org.c - organisation reads, terms and the calendar. */
#include "app/app_org.h"
#include "app/app_internal.h"
#include "core/calendar.h"
#include "core/curriculum.h"
#include "store/store_org.h"
#include "store/store_as.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Who sees what (RELIABILITY.md "Access"). Other roles see no schools. */
void app_scope_of(const struct actor *who, struct store_scope *s)
{
	memset(s, 0, sizeof *s);
	s->district_id = who->district_id;
	s->user_id = who->user_id;
	s->school_id = who->school_id;
	switch (who->role) {
	case ROLE_DISTRICT_ADMIN:
	case ROLE_INSPECTOR:
		s->kind = SCOPE_DISTRICT;
		break;
	case ROLE_PRINCIPAL:
	case ROLE_ACADEMIC_OFFICE:
		s->kind = who->school_id ? SCOPE_SCHOOL : SCOPE_NONE;
		break;
	case ROLE_TEACHER:
		s->kind = SCOPE_TEACHER;
		break;
	case ROLE_PARENT:
		s->kind = SCOPE_PARENT;
		break;
	default:
		s->kind = SCOPE_NONE;
	}
}

static const char *kind_name(const char *k)
{
	if (k && !strcmp(k, "primary"))
		return "小学";
	if (k && !strcmp(k, "junior"))
		return "初中";
	if (k && !strcmp(k, "nine_year"))
		return "九年一贯制";
	return "";
}

/* Run a scoped read; the callback turns the rows into JSON. */
typedef int (*read_fn)(struct db *db, const struct store_scope *s, void *ctx, struct db_res **r,
		       struct db_err *dbe);

static int scoped_read(struct app *a, const struct actor *who, read_fn fn, void *ctx,
		       struct db_res **r, struct app_err *e)
{
	struct store_scope s;
	struct db_err dbe = { 0 };
	struct db *db = app_db_get(a, e);
	int rc;

	if (!db)
		return -1;
	app_scope_of(who, &s);
	rc = fn(db, &s, ctx, r, &dbe);
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有找到，或不在您的权限范围内");
	return 0;
}

json_t *app_percent(long part, long whole)
{
	return whole > 0 ? json_integer((part * 100 + whole / 2) / whole) : json_null();
}

json_t *app_page(json_t *items, int limit)
{
	size_t n = json_array_size(items);
	char buf[32];

	if ((int)n < limit)
		return json_pack("{s:o,s:n}", "items", items, "next_cursor");
	snprintf(buf, sizeof buf, "%lld",
		 (long long)json_integer_value(json_object_get(json_array_get(items, n - 1), "id")));
	return json_pack("{s:o,s:s}", "items", items, "next_cursor", buf);
}

static int parse_id(const char *s, int64_t *v, const char *what, struct app_err *e)
{
	if (app_parse_cursor(s, v) != 0)
		return app_fail(e, 400, "QUERY_INVALID", "%s 应为正整数", what);
	return 0;
}

/* ---- schools ---- */

struct list_ctx {
	const char *q;
	int64_t after, school_id, id;
	int limit, grade;
};

static json_t *school_json(const struct db_res *r, int i)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:b,s:s,s:I,s:I}",
		"id", (json_int_t)db_res_int(r, i, 0), "code", db_res_text(r, i, 1),
		"name", db_res_text(r, i, 2), "kind", db_res_text(r, i, 3),
		"kind_name", kind_name(db_res_text(r, i, 3)), "boarding", (int)db_res_int(r, i, 4),
		"alliance", db_res_text(r, i, 5), "classes", (json_int_t)db_res_int(r, i, 6),
		"students", (json_int_t)db_res_int(r, i, 7));
}

static int read_schools(struct db *db, const struct store_scope *s, void *vctx, struct db_res **r,
			struct db_err *dbe)
{
	struct list_ctx *c = vctx;

	return store_school_list(db, s, c->q, c->after, c->limit, r, dbe);
}

int app_school_list(struct app *a, const struct actor *who, const char *q, const char *cursor,
		    const char *limit, json_t **out, struct app_err *e)
{
	struct list_ctx c = { .q = q && *q ? q : NULL, .limit = app_parse_limit(limit, 50, 200) };
	struct db_res *r = NULL;
	json_t *items;

	if (c.limit < 0)
		return app_fail(e, 400, "QUERY_INVALID", "limit 应为 1 到 200 之间的整数");
	if (parse_id(cursor, &c.after, "cursor", e) != 0)
		return -1;
	if (c.q && jf_utf8_len(c.q) > 64)
		return app_fail(e, 400, "QUERY_INVALID", "搜索词最多 64 个字符");
	if (scoped_read(a, who, read_schools, &c, &r, e) != 0)
		return -1;
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(items, school_json(r, i));
	db_res_free(r);
	*out = app_page(items, c.limit);
	return 0;
}

static int read_school(struct db *db, const struct store_scope *s, void *vctx, struct db_res **r,
		       struct db_err *dbe)
{
	return store_school_get(db, s, ((struct list_ctx *)vctx)->id, r, dbe);
}

int app_school_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		   struct app_err *e)
{
	struct list_ctx c = { .id = id };
	struct db_res *r = NULL;

	if (scoped_read(a, who, read_school, &c, &r, e) != 0)
		return -1;
	*out = json_pack("{s:o}", "school", school_json(r, 0));
	db_res_free(r);
	return 0;
}

/* ---- classes ---- */

static json_t *class_json(const struct db_res *r, int i)
{
	return json_pack("{s:I,s:I,s:s?,s:s,s:i,s:s,s:s,s:o,s:s?,s:I}",
		"id", (json_int_t)db_res_int(r, i, 0), "school_id", (json_int_t)db_res_int(r, i, 1),
		"school_name", db_res_text(r, i, 2), "code", db_res_text(r, i, 3),
		"grade", (int)db_res_int(r, i, 4), "name", db_res_text(r, i, 5),
		"public_code", db_res_text(r, i, 6), "head_teacher_id",
		db_res_int(r, i, 7) ? json_integer(db_res_int(r, i, 7)) : json_null(),
		"head_teacher_name", db_res_text(r, i, 8), "students",
		(json_int_t)db_res_int(r, i, 9));
}

static int read_classes(struct db *db, const struct store_scope *s, void *vctx, struct db_res **r,
			struct db_err *dbe)
{
	struct list_ctx *c = vctx;

	return store_class_list(db, s, c->school_id, c->grade, c->after, c->limit, r, dbe);
}

int app_class_list(struct app *a, const struct actor *who, const char *school_id,
		   const char *grade, const char *cursor, const char *limit, json_t **out,
		   struct app_err *e)
{
	struct list_ctx c = { .limit = app_parse_limit(limit, 100, 500) };
	struct db_res *r = NULL;
	int64_t g = 0;
	json_t *items;

	if (c.limit < 0)
		return app_fail(e, 400, "QUERY_INVALID", "limit 应为 1 到 500 之间的整数");
	if (parse_id(cursor, &c.after, "cursor", e) || parse_id(school_id, &c.school_id, "school_id", e) ||
	    parse_id(grade, &g, "grade", e))
		return -1;
	if (g > 9)
		return app_fail(e, 400, "QUERY_INVALID", "grade 应为 1 到 9");
	c.grade = (int)g;
	if (scoped_read(a, who, read_classes, &c, &r, e) != 0)
		return -1;
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(items, class_json(r, i));
	db_res_free(r);
	*out = app_page(items, c.limit);
	return 0;
}

struct class_ctx {
	int64_t id;
	struct db_res *teaching, *students;
};

/* The class, its teachers and the students the scope may see, in one read. */
static int read_class(struct db *db, const struct store_scope *s, void *vctx, struct db_res **r,
		      struct db_err *dbe)
{
	struct class_ctx *c = vctx;
	int rc = store_class_get(db, s, c->id, r, dbe);

	if (rc != 0)
		return rc;
	if (store_class_teaching(db, c->id, &c->teaching, dbe) != 0 ||
	    store_class_students(db, s, c->id, &c->students, dbe) != 0) {
		db_res_free(*r);
		db_res_free(c->teaching);
		*r = NULL;
		return -1;
	}
	return 0;
}

static const char *gender_name(const char *g)
{
	return g && !strcmp(g, "F") ? "女" : "男";
}

struct export_ctx {
	const struct actor *who;
	const char *action; /* roster.read or roster.export */
	int64_t id;
	long rows;
};

static int export_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct export_ctx *c = vctx;
	char object[48];
	json_t *d = json_pack("{s:I}", "rows", (json_int_t)c->rows);
	int rc;

	(void)e;
	snprintf(object, sizeof object, "class/%lld", (long long)c->id);
	rc = app_audit(db, c->who, c->action, object, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_class_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		  struct app_err *e)
{
	struct class_ctx c = { .id = id };
	struct db_res *r = NULL;
	json_t *teachers = json_array(), *students = json_array();

	if (scoped_read(a, who, read_class, &c, &r, e) != 0) {
		json_decref(teachers);
		json_decref(students);
		return -1;
	}
	for (int i = 0; i < db_res_rows(c.teaching); i++)
		json_array_append_new(teachers, json_pack("{s:I,s:s,s:s,s:s}",
			"staff_id", (json_int_t)db_res_int(c.teaching, i, 0),
			"staff_no", db_res_text(c.teaching, i, 1), "name", db_res_text(c.teaching, i, 2),
			"subject", db_res_text(c.teaching, i, 3)));
	for (int i = 0; i < db_res_rows(c.students); i++)
		json_array_append_new(students, json_pack("{s:I,s:s,s:s,s:s,s:s,s:b,s:b,s:b}",
			"id", (json_int_t)db_res_int(c.students, i, 0),
			"registry_no", db_res_text(c.students, i, 1), "name", db_res_text(c.students, i, 2),
			"gender", db_res_text(c.students, i, 3),
			"gender_name", gender_name(db_res_text(c.students, i, 3)),
			"special_needs", (int)db_res_int(c.students, i, 4),
			"boarding", (int)db_res_int(c.students, i, 5),
			"left_behind", (int)db_res_int(c.students, i, 6)));
	*out = json_pack("{s:o,s:o,s:o}", "class", class_json(r, 0), "teachers", teachers,
			 "students", students);
	db_res_free(r);
	db_res_free(c.teaching);
	db_res_free(c.students);
	if (json_array_size(students) > 0) {
		/* Student names were read: one audit row per view (who, which class). */
		struct export_ctx x = { .who = who, .action = "roster.read", .id = id,
					.rows = (long)json_array_size(students) };

		if (app_tx(a, export_tx, &x, e) != 0) {
			json_decref(*out);
			*out = NULL;
			return -1;
		}
	}
	return 0;
}

/* ---- staff, children ---- */

static int read_staff(struct db *db, const struct store_scope *s, void *vctx, struct db_res **r,
		      struct db_err *dbe)
{
	int64_t school = ((struct list_ctx *)vctx)->school_id;
	int rc = store_school_get(db, s, school, r, dbe);

	if (rc != 0)
		return rc;
	db_res_free(*r);
	*r = NULL;
	if (s->kind != SCOPE_DISTRICT && s->kind != SCOPE_SCHOOL)
		return 1; /* teachers and parents do not list a school's staff */
	return store_staff_list(db, s, school, r, dbe);
}

int app_staff_list(struct app *a, const struct actor *who, int64_t school_id, json_t **out,
		   struct app_err *e)
{
	struct list_ctx c = { .school_id = school_id };
	struct db_res *r = NULL;
	json_t *items;

	if (scoped_read(a, who, read_staff, &c, &r, e) != 0)
		return -1;
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s,s:s?}",
			"id", (json_int_t)db_res_int(r, i, 0), "staff_no", db_res_text(r, i, 1),
			"name", db_res_text(r, i, 2), "subjects", db_res_text(r, i, 3),
			"username", db_res_text(r, i, 4)));
	db_res_free(r);
	*out = json_pack("{s:o,s:n}", "items", items, "next_cursor");
	return 0;
}

int app_children(struct app *a, const struct actor *who, json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct db *db;
	json_t *items;

	if (who->role != ROLE_PARENT)
		return app_fail(e, 403, "FORBIDDEN", "只有家长可以查看“我的孩子”");
	db = app_db_get(a, e);
	if (!db)
		return -1;
	if (store_children(db, who->district_id, who->user_id, &r, &dbe) != 0) {
		app_db_put(a, db);
		return app_db_fail(e, &dbe, who->request_id);
	}
	app_db_put(a, db);
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:i,s:I,s:s,s:s}",
			"id", (json_int_t)db_res_int(r, i, 0), "registry_no", db_res_text(r, i, 1),
			"name", db_res_text(r, i, 2), "gender_name", gender_name(db_res_text(r, i, 3)),
			"class_id", (json_int_t)db_res_int(r, i, 4), "class_name", db_res_text(r, i, 5),
			"grade", (int)db_res_int(r, i, 6), "school_id", (json_int_t)db_res_int(r, i, 7),
			"school_name", db_res_text(r, i, 8), "relation", db_res_text(r, i, 9)));
	db_res_free(r);
	*out = json_pack("{s:o,s:n}", "items", items, "next_cursor");
	return 0;
}

/* ---- terms and calendar ---- */

static int require_admin(const struct actor *who, struct app_err *e)
{
	if (who->role != ROLE_DISTRICT_ADMIN)
		return app_fail(e, 403, "FORBIDDEN", "只有教育局管理员可以设置学期与校历");
	return 0;
}

struct term_ctx {
	const struct actor *who;
	const char *name, *starts, *ends, *day, *kind, *note;
	int64_t id;
};

static int term_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct term_ctx *c = vctx;
	int overlaps = 0;
	char object[48];
	json_t *d;
	int rc;

	if (store_term_overlaps(db, c->who->district_id, c->starts, c->ends, &overlaps, dbe) != 0)
		return -1;
	if (overlaps)
		return app_fail(e, 409, "TERM_OVERLAP", "学期日期与已有学期重叠");
	if (store_term_insert(db, c->who->district_id, c->name, c->starts, c->ends, &c->id, dbe)) {
		if (dbe->kind == DB_ERR_UNIQUE)
			return app_fail(e, 409, "TERM_EXISTS", "已有同名学期");
		return -1;
	}
	snprintf(object, sizeof object, "term/%lld", (long long)c->id);
	d = json_pack("{s:s,s:s,s:s}", "name", c->name, "starts_on", c->starts, "ends_on", c->ends);
	rc = app_audit(db, c->who, "term.create", object, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_term_create(struct app *a, const struct actor *who, const char *name,
		    const char *starts_on, const char *ends_on, int64_t *id, struct app_err *e)
{
	struct term_ctx c = { .who = who, .name = name, .starts = starts_on, .ends = ends_on };
	int64_t d0, d1;

	if (require_admin(who, e) != 0)
		return -1;
	if (!name || jf_utf8_len(name) < 1 || jf_utf8_len(name) > 32)
		return app_fail(e, 422, "FIELD_INVALID", "学期名称应为 1 到 32 个字符");
	if (date_parse(starts_on, &d0) != 0 || date_parse(ends_on, &d1) != 0)
		return app_fail(e, 422, "FIELD_INVALID", "学期起止日期应为有效日期 YYYY-MM-DD");
	if (d1 < d0)
		return app_fail(e, 422, "TERM_DATES", "学期结束日期早于开始日期");
	if (d1 - d0 > 200)
		return app_fail(e, 422, "TERM_DATES", "一个学期不应超过 200 天");
	if (app_tx(a, term_tx, &c, e) != 0)
		return -1;
	if (id)
		*id = c.id;
	return 0;
}

static int day_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct term_ctx *c = vctx;
	char object[48];
	json_t *d;
	int rc;

	(void)e;
	if (store_calendar_set(db, c->who->district_id, c->day, c->kind, c->note ? c->note : "", dbe))
		return -1;
	snprintf(object, sizeof object, "calendar/%s", c->day);
	d = json_pack("{s:s,s:s}", "kind", c->kind, "note", c->note ? c->note : "");
	rc = app_audit(db, c->who, "calendar.set", object, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_calendar_set(struct app *a, const struct actor *who, const char *day, const char *kind,
		     const char *note, struct app_err *e)
{
	struct term_ctx c = { .who = who, .day = day, .kind = kind ? kind : "", .note = note };
	int64_t d;

	if (require_admin(who, e) != 0)
		return -1;
	if (date_parse(day, &d) != 0)
		return app_fail(e, 422, "FIELD_INVALID", "日期应为有效日期 YYYY-MM-DD");
	if (*c.kind && strcmp(c.kind, "holiday") && strcmp(c.kind, "makeup") &&
	    strcmp(c.kind, "vacation"))
		return app_fail(e, 422, "FIELD_INVALID", "日期类型应为 holiday、makeup、vacation 或空");
	if (!strcmp(c.kind, "makeup") && date_weekday(d) < 6)
		return app_fail(e, 422, "CALENDAR_MAKEUP_WEEKDAY", "调休上班日应是周六或周日");
	if (note && jf_utf8_len(note) > 64)
		return app_fail(e, 422, "FIELD_INVALID", "说明最多 64 个字符");
	return app_tx(a, day_tx, &c, e);
}

int app_day_kind(struct app *a, const struct actor *who, const char *date,
		 enum policy_day_kind *kind, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db *db;
	char mark[16];
	int in_term = 0, rc;
	int64_t d;

	if (date_parse(date, &d) != 0)
		return app_fail(e, 400, "QUERY_INVALID", "date 应为有效日期 YYYY-MM-DD");
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_day_info(db, who->district_id, date, &in_term, mark, sizeof mark, &dbe);
	app_db_put(a, db);
	if (rc != 0)
		return app_db_fail(e, &dbe, who->request_id);
	*kind = cal_classify(d, in_term, mark);
	return 0;
}

int app_term_list(struct app *a, const struct actor *who, json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL, *days = NULL;
	struct db *db = app_db_get(a, e);
	json_t *items, *all;

	if (!db)
		return -1;
	if (store_term_list(db, who->district_id, &r, &dbe) != 0 ||
	    store_calendar_list(db, who->district_id, "1900-01-01", "2999-12-31", &days, &dbe)) {
		db_res_free(r);
		app_db_put(a, db);
		return app_db_fail(e, &dbe, who->request_id);
	}
	app_db_put(a, db);
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++) {
		const char *s0 = db_res_text(r, i, 2), *s1 = db_res_text(r, i, 3);
		json_t *marked = json_array();

		for (int k = 0; k < db_res_rows(days); k++) {
			const char *day = db_res_text(days, k, 0);

			if (strcmp(day, s0) >= 0 && strcmp(day, s1) <= 0)
				json_array_append_new(marked, json_pack("{s:s,s:s,s:s}", "day", day,
					"kind", db_res_text(days, k, 1), "note", db_res_text(days, k, 2)));
		}
		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s,s:o}",
			"id", (json_int_t)db_res_int(r, i, 0), "name", db_res_text(r, i, 1),
			"starts_on", s0, "ends_on", s1, "days", marked));
	}
	all = json_array();
	for (int k = 0; k < db_res_rows(days); k++)
		json_array_append_new(all, json_pack("{s:s,s:s,s:s}", "day", db_res_text(days, k, 0),
			"kind", db_res_text(days, k, 1), "note", db_res_text(days, k, 2)));
	db_res_free(r);
	db_res_free(days);
	/* marked_days: every marked day, also those outside a term (a public
	 * holiday in the summer is still a holiday) */
	*out = json_pack("{s:o,s:o,s:n}", "items", items, "marked_days", all, "next_cursor");
	return 0;
}

int app_school_by_code(struct app *a, int64_t district_id, const char *code, int64_t *id,
		       struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct db *db = app_db_get(a, e);
	int rc = 1;

	if (!db)
		return -1;
	if (store_codes_schools(db, district_id, &r, &dbe) != 0) {
		app_db_put(a, db);
		return app_db_fail(e, &dbe, NULL);
	}
	app_db_put(a, db);
	for (int i = 0; i < db_res_rows(r); i++)
		if (!strcmp(db_res_text(r, i, 0), code)) {
			*id = db_res_int(r, i, 1);
			rc = 0;
			break;
		}
	db_res_free(r);
	return rc;
}

int app_class_roster_table(struct app *a, const struct actor *who, int64_t id,
			   struct table *out, char *title, size_t cap, struct app_err *e)
{
	struct class_ctx c = { .id = id };
	struct export_ctx x = { .who = who, .action = "roster.export", .id = id };
	struct db_res *r = NULL;
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (who->role == ROLE_PARENT)
		return app_fail(e, 403, "FORBIDDEN", "家长不能导出班级名单");
	if (scoped_read(a, who, read_class, &c, &r, e) != 0)
		return -1;
	snprintf(title, cap, "%s %s", db_res_text(r, 0, 2) ? db_res_text(r, 0, 2) : "",
		 db_res_text(r, 0, 5));
	for (int i = 0; rc == 0 && i < db_res_rows(c.students); i++) {
		const char *cells[6] = {
			db_res_text(c.students, i, 1), db_res_text(c.students, i, 2),
			gender_name(db_res_text(c.students, i, 3)),
			db_res_int(c.students, i, 4) ? "是" : "否",
			db_res_int(c.students, i, 5) ? "是" : "否",
			db_res_int(c.students, i, 6) ? "是" : "否"
		};

		rc = table_add_row(out, i + 2, cells, 6);
	}
	x.rows = db_res_rows(c.students);
	db_res_free(r);
	db_res_free(c.teaching);
	db_res_free(c.students);
	if (rc != 0) {
		table_free(out);
		return app_fail(e, 500, "INTERNAL", "内存不足");
	}
	if (app_tx(a, export_tx, &x, e) != 0) { /* "Exports are audited" */
		table_free(out);
		return -1;
	}
	return 0;
}

/* ---- assignments ---- */

struct assign_ctx {
	const struct actor *who;
	int64_t class_id, school_id, staff_id;
	const char *op, *subject, *role, *scope;
	int withdraw;
};

/* The actor may manage the school: the bureau's admin, or its principal or
 * academic office. Inspectors read only. */
int app_manages_school(const struct actor *who, int64_t school_id)
{
	return who->role == ROLE_DISTRICT_ADMIN ||
	       ((who->role == ROLE_PRINCIPAL || who->role == ROLE_ACADEMIC_OFFICE) &&
		who->school_id == school_id);
}

/* The bureau (admin, inspectors) or the school's managers. */
int app_reads_school(const struct actor *who, int64_t school_id)
{
	return who->role == ROLE_INSPECTOR || app_manages_school(who, school_id);
}

/* The school's staff on duty: its managers or any of its teachers. A
 * teacher by a live staff record of the school only: the account's school
 * is no staff record (it stays when the teacher leaves). */
int app_on_duty(struct db *db, const struct actor *who, int64_t school_id, struct db_err *dbe)
{
	int yes = 0;

	if (app_manages_school(who, school_id))
		return 1;
	if (who->role != ROLE_TEACHER)
		return 0;
	if (store_staff_user_in_school(db, who->user_id, school_id, &yes, dbe) != 0)
		return -1;
	return yes;
}

static int may_manage(const struct actor *who, int64_t school_id, struct app_err *e)
{
	if (app_manages_school(who, school_id))
		return 0;
	return app_fail(e, 403, "FORBIDDEN", "只有本校校长、教导处或教育局管理员可以安排任课与职务");
}

static int staff_in_school(struct db *db, struct assign_ctx *c, struct db_err *dbe,
			   struct app_err *e)
{
	int64_t sid = 0;
	int rc;

	if (!c->staff_id)
		return 0;
	rc = store_staff_school(db, c->who->district_id, c->staff_id, &sid, dbe);
	if (rc < 0)
		return -1;
	if (rc == 1 || sid != c->school_id)
		return app_fail(e, 422, "STAFF_OTHER_SCHOOL", "这位教职工不属于本校");
	return 0;
}

static int assign_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct assign_ctx *c = vctx;
	struct store_scope s;
	struct db_res *r = NULL;
	char object[48];
	json_t *d;
	int rc, changed = 1;

	app_scope_of(c->who, &s);
	rc = store_class_get(db, &s, c->class_id, &r, dbe);
	if (rc < 0)
		return -1;
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有找到，或不在您的权限范围内");
	c->school_id = db_res_int(r, 0, 1);
	db_res_free(r);
	if (may_manage(c->who, c->school_id, e) || staff_in_school(db, c, dbe, e))
		return -1;
	if (!strcmp(c->op, "teach"))
		rc = store_teaching_add(db, c->who->district_id, c->class_id, c->staff_id, c->subject, dbe);
	else if (!strcmp(c->op, "withdraw"))
		rc = store_teaching_withdraw(db, c->class_id, c->staff_id, c->subject, &changed, dbe);
	else
		rc = store_class_set_head(db, c->class_id, c->staff_id, dbe);
	if (rc != 0)
		return -1;
	if (!changed)
		return app_fail(e, 404, "NOT_FOUND", "这位教师没有在本班任这门课");
	snprintf(object, sizeof object, "class/%lld", (long long)c->class_id);
	d = json_pack("{s:s,s:I,s:s?}", "op", c->op, "staff_id", (json_int_t)c->staff_id, "subject",
		      c->subject);
	rc = app_audit(db, c->who, "class.assign", object, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_class_assign(struct app *a, const struct actor *who, int64_t class_id, const char *op,
		     int64_t staff_id, const char *subject, struct app_err *e)
{
	struct assign_ctx c = { .who = who, .class_id = class_id, .op = op, .staff_id = staff_id,
				.subject = subject };

	if (strcmp(op, "teach") && strcmp(op, "withdraw") && strcmp(op, "head"))
		return app_fail(e, 400, "FIELD_INVALID", "操作应为 teach、withdraw 或 head");
	if (strcmp(op, "head") && (!subject_ok(subject) || staff_id <= 0))
		return app_fail(e, 422, "FIELD_INVALID", "请选择教师和学科（学科应为课程中的一门）");
	return app_tx(a, assign_tx, &c, e);
}

static int role_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct assign_ctx *c = vctx;
	struct store_scope s;
	struct db_res *r = NULL;
	char object[48];
	json_t *d;
	int rc;

	app_scope_of(c->who, &s);
	rc = store_school_get(db, &s, c->school_id, &r, dbe);
	if (rc < 0)
		return -1;
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有找到，或不在您的权限范围内");
	if (!strcmp(c->role, "grade_head")) {
		const char *kind = db_res_text(r, 0, 3);
		int g = c->scope[0] - '0';

		if ((!strcmp(kind, "primary") && g > 6) || (!strcmp(kind, "junior") && g < 7)) {
			db_res_free(r);
			app_fail(e, 422, "FIELD_INVALID", "这所学校没有 %d 年级", g);
			e->details = json_pack("{s:s}", "field", "scope");
			return -1;
		}
	}
	db_res_free(r);
	if (may_manage(c->who, c->school_id, e) || staff_in_school(db, c, dbe, e))
		return -1;
	if (c->withdraw) {
		int changed = 0;

		if (store_school_role_withdraw(db, c->school_id, c->staff_id, c->role, c->scope,
					       &changed, dbe) != 0)
			return -1;
		if (!changed)
			return app_fail(e, 404, "NOT_FOUND", "这位教职工没有担任这个职务");
	} else if (store_school_role_set(db, c->who->district_id, c->school_id, c->staff_id,
					 c->role, c->scope, 0, dbe) != 0) {
		return -1;
	}
	snprintf(object, sizeof object, "school/%lld", (long long)c->school_id);
	d = json_pack("{s:s,s:s,s:I,s:b}", "role", c->role, "scope", c->scope, "staff_id",
		      (json_int_t)c->staff_id, "withdrawn", c->withdraw);
	rc = app_audit(db, c->who, "school.role", object, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_school_role(struct app *a, const struct actor *who, int64_t school_id, int64_t staff_id,
		    const char *role, const char *scope, int withdraw, struct app_err *e)
{
	struct assign_ctx c = { .who = who, .school_id = school_id, .staff_id = staff_id,
				.role = role, .scope = scope ? scope : "", .withdraw = withdraw };

	const char *why = NULL, *field = "scope";

	if (!role || (strcmp(role, "principal") && strcmp(role, "academic_office") &&
		      strcmp(role, "grade_head") && strcmp(role, "subject_head"))) {
		why = "职务应为 principal、academic_office、grade_head 或 subject_head";
		field = "role";
	} else if (!strcmp(role, "grade_head") &&
		   (strlen(c.scope) != 1 || c.scope[0] < '1' || c.scope[0] > '9')) {
		why = "年级组长要写明年级（1 到 9）";
	} else if (!strcmp(role, "subject_head") && !subject_ok(c.scope)) {
		why = "教研组长要写明学科";
	} else if (strcmp(role, "grade_head") && strcmp(role, "subject_head") && *c.scope) {
		why = "校长、教导处不需要范围";
	}
	if (why) {
		app_fail(e, 422, "FIELD_INVALID", "%s", why);
		e->details = json_pack("{s:s}", "field", field);
		return -1;
	}
	return app_tx(a, role_tx, &c, e);
}

static int read_roles(struct db *db, const struct store_scope *s, void *vctx, struct db_res **r,
		      struct db_err *dbe)
{
	int64_t school = ((struct list_ctx *)vctx)->school_id;
	int rc = store_school_get(db, s, school, r, dbe);

	if (rc != 0)
		return rc;
	db_res_free(*r);
	*r = NULL;
	return store_school_roles(db, school, r, dbe);
}

int app_school_roles(struct app *a, const struct actor *who, int64_t school_id, json_t **out,
		     struct app_err *e)
{
	struct list_ctx c = { .school_id = school_id };
	struct db_res *r = NULL;
	json_t *items;

	if (scoped_read(a, who, read_roles, &c, &r, e) != 0)
		return -1;
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s,s:s}",
			"staff_id", (json_int_t)db_res_int(r, i, 0), "staff_no", db_res_text(r, i, 1),
			"name", db_res_text(r, i, 2), "role", db_res_text(r, i, 3),
			"scope", db_res_text(r, i, 4)));
	db_res_free(r);
	*out = json_pack("{s:o,s:n}", "items", items, "next_cursor");
	return 0;
}

int app_child_of(struct app *a, const struct actor *who, int64_t student_id, int64_t *class_id,
		 int64_t *school_id, int *grade, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct db *db = app_db_get(a, e);
	int found = 0;

	if (!db)
		return -1;
	if (store_children(db, who->district_id, who->user_id, &r, &dbe) != 0) {
		app_db_put(a, db);
		return app_db_fail(e, &dbe, who->request_id);
	}
	app_db_put(a, db);
	for (int i = 0; i < db_res_rows(r) && !found; i++)
		if (db_res_int(r, i, 0) == student_id) {
			found = 1;
			if (class_id)
				*class_id = db_res_int(r, i, 4);
			if (grade)
				*grade = (int)db_res_int(r, i, 6);
			if (school_id)
				*school_id = db_res_int(r, i, 7);
		}
	db_res_free(r);
	return found ? 0 : app_fail(e, 404, "NOT_FOUND", "没有找到这个孩子，或不是您的孩子");
}

int app_school_term(struct db *db, const struct actor *who, int64_t school_id, int64_t term_id,
		    char *kind, size_t cap, struct db_err *dbe)
{
	struct store_scope s;
	struct db_res *r = NULL;
	int rc, found = 0;

	app_scope_of(who, &s);
	rc = store_school_get(db, &s, school_id, &r, dbe);
	if (rc != 0)
		return rc;
	snprintf(kind, cap, "%s", db_res_text(r, 0, 3));
	db_res_free(r);
	r = NULL;
	if (term_id <= 0)
		return 0;
	if (store_term_list(db, who->district_id, &r, dbe) != 0)
		return -1;
	for (int i = 0; i < db_res_rows(r); i++)
		found |= db_res_int(r, i, 0) == term_id;
	db_res_free(r);
	return found ? 0 : 2;
}

int app_school_term_check(struct app *a, const struct actor *who, int64_t school_id,
			  int64_t term_id, char *kind, size_t cap, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db *db = app_db_get(a, e);
	int rc;

	if (!db)
		return -1;
	rc = app_school_term(db, who, school_id, term_id, kind, cap, &dbe);
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	if (rc == 2)
		return app_field_fail(e, 422, "FIELD_INVALID", "term_id", "没有这个学期");
	return 0;
}

int app_field_fail(struct app_err *e, int status, const char *code, const char *field,
		   const char *msg)
{
	app_fail(e, status, code, "%s", msg);
	e->details = json_pack("{s:s}", "field", field);
	return -1;
}

void app_school_grades(const char *kind, bool g[POLICY_MAX_GRADE + 1])
{
	for (int i = 0; i <= POLICY_MAX_GRADE; i++)
		g[i] = i >= 1 && ((!strcmp(kind, "primary") && i <= 6) ||
				  (!strcmp(kind, "junior") && i >= 7) || !strcmp(kind, "nine_year"));
}
