/* app_ti_views.c - the institution registry's reads: applications, one
 * institution, the bureau's list, counts and export, the public list. */
#include "app/app_ti.h"
#include "app/app_internal.h"
#include "app/app_ti_internal.h"
#include "app/notice_cache.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TI_EXPORT_MAX 100000

static int bureau(const struct actor *who)
{
	return who->role == ROLE_DISTRICT_ADMIN || who->role == ROLE_INSPECTOR ||
	       who->role == ROLE_ENFORCEMENT;
}

static json_t *instant(const struct app *a, const struct db_res *r, int row, int col)
{
	char buf[40];

	if (db_res_isnull(r, row, col))
		return json_null();
	time_rfc3339(db_res_int(r, row, col), a->policy.utc_offset_minutes, buf, sizeof buf);
	return json_string(buf);
}

/* The columns an institution row shares with the public list (TI_ID..TI_NOTE). */
static json_t *inst_public_json(const struct db_res *r, int i)
{
	const char *cat = db_res_text(r, i, TI_CATEGORY), *st = db_res_text(r, i, TI_STATUS);
	json_t *serves = json_array(), *names = json_array();

	for (int k = 0; k < 4; k++)
		if (db_res_int(r, i, TI_PRE + k)) {
			json_array_append_new(serves, json_string(ti_serves_ids[k]));
			json_array_append_new(names, json_string(ti_serves_name(ti_serves_ids[k])));
		}
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:s,s:s,s:s}",
		"id", (json_int_t)db_res_int(r, i, TI_ID), "name", db_res_text(r, i, TI_NAME),
		"credit_code", db_res_text(r, i, TI_CODE), "licence_no", db_res_text(r, i, TI_LICENCE),
		"address", db_res_text(r, i, TI_ADDRESS), "category", cat,
		"category_name", ti_category_name(cat), "serves", serves, "serves_names", names,
		"status", st, "status_name", ti_status_name(st), "status_note",
		db_res_text(r, i, TI_NOTE));
}

static json_t *inst_json(const struct app *a, const struct db_res *r, int i)
{
	json_t *o = inst_public_json(r, i);

	json_object_set_new(o, "updated_at", instant(a, r, i, TI_UPDATED));
	json_object_set_new(o, "prepay_warnings", json_integer(db_res_int(r, i, TI_WARNED)));
	return o;
}

static json_t *courses_json(const struct db_res *r)
{
	json_t *arr = json_array();

	for (int i = 0; i < db_res_rows(r); i++) {
		const char *cat = db_res_text(r, i, TIC_CATEGORY);
		long fen = (long)db_res_int(r, i, TIC_FEE);
		char fee[32];

		snprintf(fee, sizeof fee, "%ld.%02ld", fen / 100, fen % 100);
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s,s:[i,i],s:s,s:I,s:i,s:i,s:b}",
			"id", (json_int_t)db_res_int(r, i, TIC_ID), "name", db_res_text(r, i, TIC_NAME),
			"category", cat, "category_name", ti_category_name(cat), "grades",
			(int)db_res_int(r, i, TIC_LO), (int)db_res_int(r, i, TIC_HI), "fee", fee,
			"fee_fen", (json_int_t)fen, "lessons", (int)db_res_int(r, i, TIC_LESSONS),
			"months", (int)db_res_int(r, i, TIC_MONTHS), "prepay_warned",
			(int)db_res_int(r, i, TIC_WARNED)));
	}
	return arr;
}

static json_t *staff_json(const struct db_res *r)
{
	json_t *arr = json_array();

	for (int i = 0; i < db_res_rows(r); i++) {
		const char *q = db_res_text(r, i, TIS_QUAL);

		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s,s:s}", "id",
			(json_int_t)db_res_int(r, i, TIS_ID), "name", db_res_text(r, i, TIS_NAME),
			"qualification", q, "qualification_name", ti_qualification_name(q),
			"certificate_no", db_res_text(r, i, TIS_CERT)));
	}
	return arr;
}

/* An institution with its courses and staff, if the actor may see it:
 * 0, 1 not visible, -1 store error. */
int ti_inst_read(const struct app *a, struct db *db, const struct actor *who, int64_t id,
		 json_t **out, struct db_err *dbe)
{
	struct db_res *r = NULL, *c = NULL, *s = NULL;
	int rc = store_ti_get(db, who->district_id, id, &r, dbe);

	if (rc != 0)
		return rc;
	if (!bureau(who) && db_res_int(r, 0, TI_OPERATOR) != who->user_id) {
		db_res_free(r);
		return 1;
	}
	if (store_ti_courses(db, id, &c, dbe) != 0 || store_ti_staff(db, id, &s, dbe) != 0) {
		rc = -1;
	} else {
		*out = inst_json(a, r, 0);
		json_object_set_new(*out, "courses", courses_json(c));
		json_object_set_new(*out, "staff", staff_json(s));
	}
	db_res_free(r);
	db_res_free(c);
	db_res_free(s);
	return rc;
}

static json_t *app_row_json(const struct app *a, const struct db_res *r, int i)
{
	const char *st = db_res_text(r, i, TIA_STATUS), *cat = db_res_text(r, i, TIA_CATEGORY);
	json_t *checklist = json_loads(db_res_text(r, i, TIA_CHECKLIST), 0, NULL);

	return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:o}",
		"id", (json_int_t)db_res_int(r, i, TIA_ID),
		"institution_id", (json_int_t)db_res_int(r, i, TIA_INST),
		"name", db_res_text(r, i, TIA_NAME), "credit_code", db_res_text(r, i, TIA_CODE),
		"category", cat, "category_name", ti_category_name(cat), "status", st,
		"status_name", ti_status_name(st), "reason", db_res_text(r, i, TIA_REASON),
		"checklist", checklist ? checklist : json_array(),
		"submitted_at", instant(a, r, i, TIA_SUBMITTED),
		"decided_at", instant(a, r, i, TIA_DECIDED));
}

/* Runs fn on a borrowed connection, mapping store errors. */
static struct db *borrow(struct app *a, const struct actor *who, struct app_err *e)
{
	(void)who;
	return app_db_get(a, e);
}

int ti_application_read(const struct app *a, struct db *db, const struct actor *who, int64_t id,
			json_t **out, struct db_err *dbe)
{
	struct db_res *r = NULL;
	json_t *inst = NULL;
	int rc = store_ti_app_get(db, who->district_id, id, &r, dbe);

	if (rc == 0 && !bureau(who) && db_res_int(r, 0, TIA_OPERATOR) != who->user_id)
		rc = 1;
	if (rc == 0)
		rc = ti_inst_read(a, db, who, db_res_int(r, 0, TIA_INST), &inst, dbe);
	if (rc == 0) {
		*out = app_row_json(a, r, 0);
		json_object_set_new(*out, "institution", inst);
	}
	db_res_free(r);
	return rc;
}

typedef int (*read_fn)(const struct app *a, struct db *db, const struct actor *who, int64_t id,
		       json_t **out, struct db_err *dbe);

/* One object read by fn on a connection of its own: 404 with missing. */
static int read_one(struct app *a, const struct actor *who, int64_t id, read_fn fn,
		    const char *missing, json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db *db = borrow(a, who, e);
	int rc;

	if (!db)
		return -1;
	rc = fn(a, db, who, id, out, &dbe);
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "%s", missing);
	return 0;
}

int ti_application_json(struct app *a, const struct actor *who, int64_t id, json_t **out,
			struct app_err *e)
{
	return read_one(a, who, id, ti_application_read, "没有这份申请", out, e);
}

int app_ti_application_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
			   struct app_err *e)
{
	return ti_application_json(a, who, id, out, e);
}

static int enum_or_null(const char *s, const char *const *ids, const char *what, const char **out,
			struct app_err *e)
{
	*out = NULL;
	if (!s || !*s)
		return 0;
	for (int i = 0; ids[i]; i++)
		if (strcmp(ids[i], s) == 0) {
			*out = ids[i];
			return 0;
		}
	return app_fail(e, 400, "QUERY_INVALID", "%s 不是已知的取值", what);
}

static int page_args(const char *cursor, const char *limit_s, int64_t *after, int *limit,
		     struct app_err *e)
{
	*limit = app_parse_limit(limit_s, 50, 200);
	if (*limit < 0)
		return app_fail(e, 400, "QUERY_INVALID", "limit 应为 1 到 200 之间的整数");
	if (app_parse_cursor(cursor, after) != 0)
		return app_fail(e, 400, "QUERY_INVALID", "cursor 无效");
	return 0;
}

int app_ti_applications(struct app *a, const struct actor *who, const char *status_s,
			const char *cursor, const char *limit_s, json_t **out, struct app_err *e)
{
	static const char *const app_statuses[] = { "pending", "approved", "refused", NULL };
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	const char *status;
	int64_t before;
	int limit, rc;
	struct db *db;
	json_t *items;

	if (page_args(cursor, limit_s, &before, &limit, e) != 0 ||
	    enum_or_null(status_s, app_statuses, "status", &status, e) != 0)
		return -1;
	if (!(db = borrow(a, who, e)))
		return -1;
	rc = store_ti_apps(db, who->district_id, bureau(who) ? 0 : who->user_id, status, before,
			   limit, &r, &dbe);
	app_db_put(a, db);
	if (rc != 0)
		return app_db_fail(e, &dbe, who->request_id);
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(items, app_row_json(a, r, i));
	db_res_free(r);
	*out = app_page(items, limit);
	return 0;
}

int app_ti_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
	       struct app_err *e)
{
	return read_one(a, who, id, ti_inst_read, "没有这家机构", out, e);
}

int ti_course_category(struct app *a, const struct actor *who, int64_t id,
		       struct ti_application *ap, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct db *db = borrow(a, who, e);
	int rc;

	if (!db)
		return -1;
	rc = store_ti_get(db, who->district_id, id, &r, &dbe);
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 0 && db_res_int(r, 0, TI_OPERATOR) == who->user_id)
		enum_or_null(db_res_text(r, 0, TI_CATEGORY), ti_category_ids, "category",
			     &ap->category, e);
	else
		rc = 1;
	db_res_free(r);
	return rc ? app_fail(e, 404, "NOT_FOUND", "没有这家机构") : 0;
}

struct list_args {
	const char *status, *category, *q;
	bool warned;
	int64_t after;
	int limit;
};

static int filter_args(const struct ti_filter *f, struct list_args *l, struct app_err *e)
{
	if (page_args(f->cursor, f->limit, &l->after, &l->limit, e) != 0 ||
	    enum_or_null(f->status, ti_status_ids, "status", &l->status, e) != 0 ||
	    enum_or_null(f->category, ti_category_ids, "category", &l->category, e) != 0)
		return -1;
	if (f->q && jf_utf8_len(f->q) > 64)
		return app_fail(e, 400, "QUERY_INVALID", "搜索词最多 64 个字符");
	l->q = f->q && *f->q ? f->q : NULL;
	l->warned = f->warned && strcmp(f->warned, "1") == 0;
	return 0;
}

static int list_rows(struct app *a, const struct actor *who, const struct list_args *l,
		     struct db_res **r, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db *db = borrow(a, who, e);
	int rc;

	if (!db)
		return -1;
	rc = store_ti_list(db, who->district_id, l->status, l->category, l->q, l->warned, l->after,
			   l->limit, r, &dbe);
	app_db_put(a, db);
	return rc ? app_db_fail(e, &dbe, who->request_id) : 0;
}

int app_ti_list(struct app *a, const struct actor *who, const struct ti_filter *f,
		json_t **out, struct app_err *e)
{
	struct list_args l = { 0 };
	struct db_res *r = NULL;
	json_t *items;

	if (filter_args(f, &l, e) != 0 || list_rows(a, who, &l, &r, e) != 0)
		return -1;
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(items, inst_json(a, r, i));
	db_res_free(r);
	*out = app_page(items, l.limit);
	return 0;
}

int app_ti_stats(struct app *a, const struct actor *who, json_t **out, struct app_err *e)
{
	long by_status[6] = { 0 }, by_cat[6] = { 0 }, total = 0;
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	int64_t warned = 0;
	json_t *st, *cat;
	struct db *db = borrow(a, who, e);
	int rc;

	if (!db)
		return -1;
	rc = store_ti_counts(db, who->district_id, &r, &dbe);
	if (rc == 0)
		rc = store_ti_warned_count(db, who->district_id, &warned, &dbe);
	app_db_put(a, db);
	if (rc != 0) {
		db_res_free(r);
		return app_db_fail(e, &dbe, who->request_id);
	}
	for (int i = 0; i < db_res_rows(r); i++) {
		long n = (long)db_res_int(r, i, 2);

		for (int k = 0; ti_status_ids[k]; k++)
			by_status[k] += strcmp(ti_status_ids[k], db_res_text(r, i, 0)) == 0 ? n : 0;
		for (int k = 0; ti_category_ids[k]; k++)
			by_cat[k] += strcmp(ti_category_ids[k], db_res_text(r, i, 1)) == 0 ? n : 0;
		total += n;
	}
	db_res_free(r);
	st = json_array();
	cat = json_array();
	for (int k = 0; ti_status_ids[k]; k++)
		json_array_append_new(st, json_pack("{s:s,s:s,s:I}", "status", ti_status_ids[k], "name",
			ti_status_name(ti_status_ids[k]), "count", (json_int_t)by_status[k]));
	for (int k = 0; ti_category_ids[k]; k++)
		json_array_append_new(cat, json_pack("{s:s,s:s,s:I}", "category", ti_category_ids[k],
			"name", ti_category_name(ti_category_ids[k]), "count", (json_int_t)by_cat[k]));
	*out = json_pack("{s:o,s:o,s:I,s:I}", "by_status", st, "by_category", cat, "total",
			 (json_int_t)total, "prepay_warned", (json_int_t)warned);
	return 0;
}

const char *const ti_export_header[] = { "编号", "机构名称", "统一社会信用代码", "办学许可证号",
	"地址", "类别", "服务对象", "状态", "状态说明", "预收费预警课程数" };
const size_t ti_export_ncols = sizeof ti_export_header / sizeof ti_export_header[0];

static int export_row(struct table *t, const struct db_res *r, int i)
{
	char id[24], warned[24], serves[64] = "";
	const char *cells[10];

	snprintf(id, sizeof id, "%lld", (long long)db_res_int(r, i, TI_ID));
	snprintf(warned, sizeof warned, "%lld", (long long)db_res_int(r, i, TI_WARNED));
	for (int k = 0; k < 4; k++)
		if (db_res_int(r, i, TI_PRE + k))
			snprintf(serves + strlen(serves), sizeof serves - strlen(serves), "%s%s",
				 serves[0] ? "、" : "", ti_serves_name(ti_serves_ids[k]));
	cells[0] = id;
	cells[1] = db_res_text(r, i, TI_NAME);
	cells[2] = db_res_text(r, i, TI_CODE);
	cells[3] = db_res_text(r, i, TI_LICENCE);
	cells[4] = db_res_text(r, i, TI_ADDRESS);
	cells[5] = ti_category_name(db_res_text(r, i, TI_CATEGORY));
	cells[6] = serves;
	cells[7] = ti_status_name(db_res_text(r, i, TI_STATUS));
	cells[8] = db_res_text(r, i, TI_NOTE);
	cells[9] = warned;
	return table_add_row(t, i + 2, cells, 10);
}

static int export_audit_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	const struct actor *who = vctx;

	(void)e;
	return app_audit(db, who, "institution.export", "institution:*", "ok", NULL, dbe);
}

int app_ti_table(struct app *a, const struct actor *who, const struct ti_filter *f,
		 struct table *t, struct app_err *e)
{
	struct list_args l = { 0 };
	struct db_res *r = NULL;
	struct ti_filter all = *f;

	all.cursor = NULL;
	all.limit = NULL;
	if (filter_args(&all, &l, e) != 0)
		return -1;
	l.limit = TI_EXPORT_MAX;
	if (list_rows(a, who, &l, &r, e) != 0)
		return -1;
	for (int i = 0; i < db_res_rows(r); i++)
		if (export_row(t, r, i) != 0) {
			db_res_free(r);
			return app_fail(e, 500, "EXPORT_FAILED", "导出失败");
		}
	db_res_free(r);
	return app_tx(a, export_audit_tx, (void *)who, e);
}

struct pub_args {
	const char *status, *q;
	int64_t after;
	int limit;
};

static int public_args(const char *status_s, const char *q, const char *cursor,
		       const char *limit_s, struct pub_args *p, struct app_err *e)
{
	static const char *const public_statuses[] = { "approved", "revoked", "unlicensed", NULL };

	if (page_args(cursor, limit_s, &p->after, &p->limit, e) != 0 ||
	    enum_or_null(status_s, public_statuses, "status", &p->status, e) != 0)
		return -1;
	if (!limit_s || !*limit_s)
		p->limit = 20;
	if (q && jf_utf8_len(q) > 64)
		return app_fail(e, 400, "QUERY_INVALID", "搜索词最多 64 个字符");
	p->status = p->status ? p->status : "approved";
	p->q = q && *q ? q : NULL;
	return 0;
}

static int public_build(struct app *a, struct db *db, const struct pub_args *p, json_t **out,
			struct db_err *dbe)
{
	struct db_res *r = NULL;
	json_t *items;

	if (store_ti_public(db, a->district_id, p->status, p->q, p->after, p->limit, &r, dbe) != 0)
		return -1;
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(items, inst_public_json(r, i));
	db_res_free(r);
	*out = app_page(items, p->limit);
	return 0;
}

int app_ti_public(struct app *a, const char *status_s, const char *q, const char *cursor,
		  const char *limit_s, json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct pub_args p;
	struct db *db;
	int rc;

	if (public_args(status_s, q, cursor, limit_s, &p, e) != 0 || !(db = app_db_get(a, e)))
		return -1;
	rc = public_build(a, db, &p, out, &dbe);
	app_db_put(a, db);
	return rc ? app_db_fail(e, &dbe, "public") : 0;
}

int app_ti_public_text(struct app *a, const char *status_s, const char *q, const char *cursor,
		       const char *limit_s, char **body, size_t *len, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct pub_args p;
	int64_t stamp = 0;
	json_t *o = NULL;
	char key[400];
	struct db *db;
	int rc;

	if (public_args(status_s, q, cursor, limit_s, &p, e) != 0 || !(db = app_db_get(a, e)))
		return -1;
	/* the stamp first: a change after it gives a newer one */
	rc = store_ti_stamp(db, a->district_id, &stamp, &dbe);
	snprintf(key, sizeof key, "ti|%lld|%s|%lld|%d|%lld\n%s", (long long)a->district_id, p.status,
		 (long long)p.after, p.limit, (long long)stamp, p.q ? p.q : "");
	*body = rc == 0 ? notice_cache_get(a->notices, key, len) : NULL;
	if (rc == 0 && !*body)
		rc = public_build(a, db, &p, &o, &dbe);
	app_db_put(a, db);
	if (rc != 0)
		return app_db_fail(e, &dbe, "public");
	if (*body)
		return 0;
	*body = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (!*body)
		return app_fail(e, 503, "STORE_BUSY", "系统繁忙，请稍后重试");
	*len = strlen(*body);
	if (time_now() - stamp >= TI_CACHE_SETTLE_S)
		notice_cache_put(a->notices, key, *body, *len);
	return 0;
}
