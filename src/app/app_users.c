/* app_users.c - user accounts (district admin) and the audit trail list. */
#include "app/app_internal.h"
#include "core/audit_names.h"
#include "core/password.h"
#include "util/table.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

/* The user record as the API accepts it: described once. */
const struct jfield user_in_fields[] = {
	{ "username", JF_STR, offsetof(struct user_in, username), true, 3, 32, NULL, "用户名" },
	{ "display_name", JF_STR, offsetof(struct user_in, display_name), true, 1, 64, NULL, "姓名" },
	{ "role", JF_ENUM, offsetof(struct user_in, role), true, 0, 0, role_ids, "角色" },
	{ "password", JF_STR, offsetof(struct user_in, password), true, 1, 128, NULL, "密码" },
	{ "school_id", JF_INT, offsetof(struct user_in, school_id), false, 1, INT64_MAX, NULL, "学校" },
};
const size_t user_in_nfields = sizeof user_in_fields / sizeof user_in_fields[0];

static int username_ok(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' ||
		      *s == '.' || *s == '-'))
			return 0;
	return 1;
}

struct create_ctx {
	const struct actor *who;
	struct store_user u;
	int64_t id;
};

static int create_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct create_ctx *c = vctx;
	char object[64];
	json_t *d;
	int rc;

	if (c->u.school_id) {
		int found = store_school_exists(db, c->u.district_id, c->u.school_id, dbe);

		if (found < 0)
			return -1;
		if (!found) {
			app_fail(e, 422, "FIELD_INVALID", "本区没有这所学校");
			e->details = json_pack("{s:s}", "field", "school_id");
			return -1;
		}
	}

	if (store_user_insert(db, &c->u, time_now(), &c->id, dbe) != 0) {
		if (dbe->kind == DB_ERR_UNIQUE) {
			app_fail(e, 409, "USERNAME_TAKEN", "用户名已被使用");
			e->details = json_pack("{s:s}", "field", "username");
		}
		return -1;
	}
	snprintf(object, sizeof object, "user/%lld", (long long)c->id);
	d = json_pack("{s:s,s:s,s:s}", "username", c->u.username, "display_name",
		      c->u.display_name, "role", c->u.role);
	rc = app_audit(db, c->who, "user.create", object, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_fill_new_user(struct store_user *u, int64_t district, const char *username,
			 const char *display, const char *role, const char *password,
			 struct app_err *e)
{
	const char *weak;

	memset(u, 0, sizeof *u);
	if (!username_ok(username)) {
		app_fail(e, 422, "FIELD_INVALID", "用户名只能包含小写字母、数字和 _ . -");
		e->details = json_pack("{s:s}", "field", "username");
		return -1;
	}
	weak = password_check(password, username);
	if (weak) {
		app_fail(e, 422, "PASSWORD_WEAK", "%s", weak);
		e->details = json_pack("{s:s}", "field", "password");
		return -1;
	}
	u->district_id = district;
	snprintf(u->username, sizeof u->username, "%s", username);
	snprintf(u->display_name, sizeof u->display_name, "%s", display);
	snprintf(u->role, sizeof u->role, "%s", role);
	if (app_hash_password(password, u->password_hash, sizeof u->password_hash) != 0)
		return app_fail(e, 500, "INTERNAL", "密码处理失败");
	return 0;
}

int app_user_create(struct app *a, const struct actor *who, const struct user_in *in,
		    json_t **out, struct app_err *e)
{
	struct create_ctx c = { .who = who };
	struct actor made = { 0 };

	if (app_fill_new_user(&c.u, who->district_id, in->username, in->display_name, in->role,
			  in->password, e) != 0)
		return -1;
	c.u.school_id = in->school_id;
	/* A principal or academic office works for one school. */
	if (!c.u.school_id && (!strcmp(in->role, "principal") || !strcmp(in->role, "academic_office"))) {
		app_fail(e, 422, "FIELD_REQUIRED", "校长、教导处账号要选择所属学校");
		e->details = json_pack("{s:s}", "field", "school_id");
		return -1;
	}
	if (app_tx(a, create_tx, &c, e) != 0)
		return -1;
	c.u.id = c.id;
	app_actor_from_user(&made, &c.u);
	*out = json_pack("{s:o}", "user", app_user_json(&made));
	return 0;
}

/* Make the next page cursor: the last id when the page is full. */
static json_t *next_cursor(json_t *items, int limit, const char *key)
{
	size_t n = json_array_size(items);
	char buf[32];

	if ((int)n < limit)
		return json_null();
	snprintf(buf, sizeof buf, "%lld",
		 (long long)json_integer_value(json_object_get(json_array_get(items, n - 1), key)));
	return json_string(buf);
}

int app_user_list(struct app *a, const struct actor *who, const char *role, const char *q,
		  const char *school_s, const char *cursor, const char *limit_s, json_t **out,
		  struct app_err *e)
{
	int limit = app_parse_limit(limit_s, 50, 200);
	int64_t after, school = 0;
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct db *db;
	json_t *items;

	if (limit < 0)
		return app_fail(e, 400, "QUERY_INVALID", "limit 应为 1 到 200 之间的整数");
	if (app_parse_cursor(cursor, &after) != 0)
		return app_fail(e, 400, "QUERY_INVALID", "cursor 无效");
	if (role && *role && role_parse(role) == ROLE_NONE)
		return app_fail(e, 400, "QUERY_INVALID", "role 不是已知的角色");
	if (app_parse_cursor(school_s, &school) != 0)
		return app_fail(e, 400, "QUERY_INVALID", "school_id 无效");
	/* a school's office lists the accounts of its own school only */
	if (who->role != ROLE_DISTRICT_ADMIN)
		school = who->school_id;
	if (q && jf_utf8_len(q) > 64)
		return app_fail(e, 400, "QUERY_INVALID", "搜索词最多 64 个字符");
	db = app_db_get(a, e);
	if (!db)
		return -1;
	if (store_user_list(db, who->district_id, role && *role ? role : NULL, q && *q ? q : NULL,
			    school, after, limit, &r, &dbe) != 0) {
		app_db_put(a, db);
		return app_db_fail(e, &dbe, who->request_id);
	}
	app_db_put(a, db);
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++) {
		enum role ro = role_parse(db_res_text(r, i, 3));

		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s,s:s,s:b,s:b,s:o}",
			"id", (json_int_t)db_res_int(r, i, 0), "username", db_res_text(r, i, 1),
			"display_name", db_res_text(r, i, 2), "role", role_id(ro),
			"role_name", role_name(ro), "disabled", (int)db_res_int(r, i, 4),
			"pending", (int)db_res_int(r, i, 6),
			"school_id", db_res_int(r, i, 5) ? json_integer(db_res_int(r, i, 5)) : json_null()));
	}
	db_res_free(r);
	*out = json_pack("{s:o,s:o}", "items", items, "next_cursor", next_cursor(items, limit, "id"));
	return 0;
}

static int local_day_start(const char *s, int off, int64_t *t)
{
	int64_t days;

	if (date_parse(s, &days) != 0)
		return -1;
	*t = days * 86400 - (int64_t)off * 60;
	return 0;
}

/* A result in words: a known word (ok -> 成功), a rule code named by the
 * pack (HW_PARENT -> the rule's title, 已拒绝 for a code the pack lacks), a
 * refused route (access.denied keeps the route) -> 已拒绝; else as stored. */
const char *app_audit_result_name(struct app *a, const char *result)
{
	const char *name = audit_result_name(result);
	json_t *title;

	if (name)
		return name;
	if (!result || !*result)
		return "";
	if (result[0] == '/')
		return "已拒绝";
	title = json_object_get(json_object_get(json_object_get(a->policy.raw, "rules"), result),
				"title");
	if (json_is_string(title))
		return json_string_value(title);
	if (strspn(result, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789") == strlen(result) &&
	    strchr(result, '_'))
		return "已拒绝";
	return result;
}

/* The rows of the trail the filters select (newest first, below the cursor
 * when given): shared by the list and the export. */
static int audit_select(struct app *a, const struct actor *who, const struct audit_filter *f,
			int64_t before, int limit, struct db_res **r, struct app_err *e)
{
	int off = a->policy.utc_offset_minutes;
	int64_t t0 = 0, t1 = INT64_MAX;
	struct db_err dbe = { 0 };
	struct db *db;

	if ((f->from && *f->from && local_day_start(f->from, off, &t0) != 0) ||
	    (f->to && *f->to && local_day_start(f->to, off, &t1) != 0))
		return app_fail(e, 400, "QUERY_INVALID", "日期应为 YYYY-MM-DD");
	if (f->to && *f->to)
		t1 += 86400; /* the whole "to" day */
	db = app_db_get(a, e);
	if (!db)
		return -1;
	if (store_audit_list(db, who->district_id, f->action && *f->action ? f->action : NULL,
			     f->actor && *f->actor ? f->actor : NULL, t0, t1, before, limit, r,
			     &dbe) != 0) {
		app_db_put(a, db);
		return app_db_fail(e, &dbe, who->request_id);
	}
	app_db_put(a, db);
	return 0;
}

int app_audit_list(struct app *a, const struct actor *who, const struct audit_filter *f,
		   const char *cursor, const char *limit_s, json_t **out, struct app_err *e)
{
	int limit = app_parse_limit(limit_s, 50, 500), off = a->policy.utc_offset_minutes;
	int64_t before;
	struct db_res *r = NULL;
	json_t *items;

	if (limit < 0)
		return app_fail(e, 400, "QUERY_INVALID", "limit 应为 1 到 500 之间的整数");
	if (app_parse_cursor(cursor, &before) != 0)
		return app_fail(e, 400, "QUERY_INVALID", "cursor 无效");
	if (audit_select(a, who, f, before, limit, &r, e) != 0)
		return -1;
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++) {
		char at[40], oname[160];
		json_t *details = json_loads(db_res_text(r, i, 9), 0, NULL);
		const char *action = db_res_text(r, i, 5), *result = db_res_text(r, i, 7);
		const char *aname = audit_action_name(action);

		time_rfc3339(db_res_int(r, i, 2), off, at, sizeof at);
		audit_object_name(db_res_text(r, i, 6), oname, sizeof oname);
		json_array_append_new(items, json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o}",
			"id", (json_int_t)db_res_int(r, i, 0), "seq", (json_int_t)db_res_int(r, i, 1),
			"at", at, "actor", db_res_text(r, i, 3), "role", db_res_text(r, i, 4),
			"action", action, "action_name", aname ? aname : action,
			"object", db_res_text(r, i, 6), "object_name", oname,
			"result", result, "result_name", app_audit_result_name(a, result),
			"request_id", db_res_text(r, i, 8),
			"details", details ? details : json_object()));
	}
	db_res_free(r);
	*out = json_pack("{s:o,s:o}", "items", items, "next_cursor", next_cursor(items, limit, "id"));
	return 0;
}

struct audit_export_ctx {
	const struct actor *who;
	const struct audit_filter *f;
	long rows;
};

static int audit_export_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct audit_export_ctx *c = vctx;
	json_t *d = json_pack("{s:s,s:s,s:s,s:s,s:I}", "action", c->f->action ? c->f->action : "",
			      "actor", c->f->actor ? c->f->actor : "", "from",
			      c->f->from ? c->f->from : "", "to", c->f->to ? c->f->to : "", "rows",
			      (json_int_t)c->rows);
	int rc;

	(void)e;
	rc = app_audit(db, c->who, "audit.export", "audit", "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_audit_table(struct app *a, const struct actor *who, const struct audit_filter *f,
		    struct table *out, struct app_err *e)
{
	struct audit_export_ctx x = { .who = who, .f = f };
	int off = a->policy.utc_offset_minutes, rc = 0;
	struct db_res *r = NULL;

	memset(out, 0, sizeof *out);
	if (audit_select(a, who, f, 0, APP_AUDIT_EXPORT_MAX, &r, e) != 0)
		return -1;
	for (int i = 0; rc == 0 && i < db_res_rows(r); i++) {
		char at[40], oname[160], seq[24];
		const char *action = db_res_text(r, i, 5), *result = db_res_text(r, i, 7);
		const char *aname = audit_action_name(action);
		const char *cells[11];

		time_rfc3339(db_res_int(r, i, 2), off, at, sizeof at);
		audit_object_name(db_res_text(r, i, 6), oname, sizeof oname);
		snprintf(seq, sizeof seq, "%lld", (long long)db_res_int(r, i, 1));
		cells[0] = at;
		cells[1] = db_res_text(r, i, 3);
		cells[2] = role_name(role_parse(db_res_text(r, i, 4)));
		cells[3] = aname ? aname : action;
		cells[4] = action;
		cells[5] = oname;
		cells[6] = db_res_text(r, i, 6);
		cells[7] = app_audit_result_name(a, result);
		cells[8] = result;
		cells[9] = db_res_text(r, i, 8);
		cells[10] = seq;
		rc = table_add_row(out, i + 2, cells, 11);
	}
	x.rows = db_res_rows(r);
	db_res_free(r);
	if (rc != 0) {
		table_free(out);
		return app_fail(e, 500, "INTERNAL", "内存不足");
	}
	if (app_tx(a, audit_export_tx, &x, e) != 0) { /* exports are audited */
		table_free(out);
		return -1;
	}
	return 0;
}
