/* app_ticase.c - sweeps, visits with findings, and evidence files
 * (常态化排查, 五(一)2). */
#include "app/app_ticase_internal.h"
#include "core/ticase.h"
#include "store/store_evidence.h"
#include "store/store_ti.h"
#include "store/store_ticase.h"
#include "util/filesniff.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TI_MAX_SWEEP_INSTITUTIONS 200

int ti_may_write(const struct actor *who, struct app_err *e)
{
	if (who->role == ROLE_ENFORCEMENT || who->role == ROLE_DISTRICT_ADMIN)
		return 0;
	return app_fail(e, 403, "FORBIDDEN", "只有联合执法人员和教育局可以办理");
}

int ti_may_read(const struct actor *who, struct app_err *e)
{
	if (who->role == ROLE_INSPECTOR)
		return 0;
	return ti_may_write(who, e);
}

void ti_today(const struct app *a, char out[11])
{
	date_format(date_of(time_now(), a->policy.utc_offset_minutes), out, 11);
}

int ti_paging(const char *cursor, const char *limit, int64_t *before, int *n,
	      struct app_err *e)
{
	*n = app_parse_limit(limit, 50, 200);
	if (*n < 0)
		return app_fail(e, 400, "QUERY_INVALID", "limit 应为 1 到 200 之间的整数");
	if (app_parse_cursor(cursor, before) != 0)
		return app_fail(e, 400, "QUERY_INVALID", "cursor 应为正整数");
	return 0;
}

int ti_read(struct app *a, const struct actor *who, ti_read_fn fn, void *ctx, json_t **out,
	    struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db *db;
	int rc;

	if (ti_may_read(who, e) != 0)
		return -1;
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = fn(a, db, ctx, out, &dbe, e);
	app_db_put(a, db);
	if (rc != 0 && dbe.kind)
		return app_db_fail(e, &dbe, who->request_id);
	return rc;
}

int ti_day(const struct app *a, const char *given, const char *field, char out[11],
	   struct app_err *e)
{
	char today[11];

	ti_today(a, today);
	if (!given) {
		memcpy(out, today, 11);
		return 0;
	}
	if (strcmp(given, today) > 0)
		return app_field_fail(e, 422, "FIELD_INVALID", field, "日期不能晚于今天");
	snprintf(out, 11, "%s", given);
	return 0;
}

/* An array of ids from a list (1..max distinct items, required or not), as
 * a bit set and a comma list. */
static int id_set(json_t *body, const char *name, const char *const *ids, int max, bool req,
		  unsigned *set, char *csv, size_t cap, struct app_err *e)
{
	json_t *arr = json_object_get(body, name), *v;
	size_t i;

	*set = 0;
	csv[0] = 0;
	if (!arr && !req)
		return 0;
	if (!arr)
		return app_field_fail(e, 422, "FIELD_REQUIRED", name, "请至少选择一项");
	if (!json_is_array(arr))
		return app_field_fail(e, 400, "FIELD_TYPE", name, "应为数组");
	if ((req && json_array_size(arr) < 1) || (int)json_array_size(arr) > max)
		return app_field_fail(e, 422, "FIELD_INVALID", name, "选项数不对");
	json_array_foreach(arr, i, v) {
		int k = ti_index(ids, json_string_value(v));

		if (k < 0)
			return app_field_fail(e, 422, "FIELD_INVALID", name, "有不认识的选项");
		*set |= 1u << k;
	}
	for (int k = 0; ids[k]; k++)
		if (*set & (1u << k))
			snprintf(csv + strlen(csv), cap - strlen(csv), "%s%s", csv[0] ? "," : "",
				 ids[k]);
	return 0;
}

static json_t *names_of(const char *csv, const char *const *ids, const char *(*name)(int))
{
	json_t *arr = json_array();
	char buf[256], *save = NULL;

	snprintf(buf, sizeof buf, "%s", csv ? csv : "");
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save))
		json_array_append_new(arr, json_pack("{s:s,s:s}", "id", t, "name",
						     name(ti_index(ids, t))));
	return arr;
}

int ti_evidence_json(struct db *db, const struct actor *who, const char *kind, int64_t id,
		     json_t **out, struct db_err *dbe)
{
	struct db_res *r = NULL;

	if (store_evidence_list(db, who->district_id, kind, id, &r, dbe) != 0)
		return -1;
	*out = json_array();
	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(*out, json_pack("{s:I,s:s,s:s,s:I,s:s,s:I}", "id",
			(json_int_t)db_res_int(r, i, EVC_ID), "file_name",
			db_res_text(r, i, EVC_NAME), "mime", db_res_text(r, i, EVC_MIME), "size",
			(json_int_t)db_res_int(r, i, EVC_SIZE), "sha256",
			db_res_text(r, i, EVC_SHA256), "uploaded_at",
			(json_int_t)db_res_int(r, i, EVC_AT)));
	db_res_free(r);
	return 0;
}

/* ---- sweeps ---- */

struct sweep_in {
	const char *name, *starts_on, *ends_on, *area;
};

static const struct jfield sweep_fields[] = {
	{ "name", JF_STR, offsetof(struct sweep_in, name), true, 1, 100, NULL, "排查名称" },
	{ "starts_on", JF_DATE, offsetof(struct sweep_in, starts_on), true, 0, 0, NULL, "开始日期" },
	{ "ends_on", JF_DATE, offsetof(struct sweep_in, ends_on), true, 0, 0, NULL, "结束日期" },
	{ "area", JF_STR, offsetof(struct sweep_in, area), false, 0, 200, NULL, "排查范围" },
};

struct sweep_ctx {
	const struct actor *who;
	struct store_ti_sweep s;
	int64_t inst[TI_MAX_SWEEP_INSTITUTIONS];
	int ninst;
	int64_t id;
};

static int sweep_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct sweep_ctx *c = vctx;
	char obj[48];
	json_t *d;
	int rc;

	for (int i = 0; i < c->ninst; i++) {
		struct db_res *r = NULL;

		rc = store_ti_get(db, c->who->district_id, c->inst[i], &r, dbe);
		db_res_free(r);
		if (rc < 0)
			return -1;
		if (rc == 1)
			return app_field_fail(e, 422, "FIELD_INVALID", "institution_ids",
					      "登记册中没有这个机构");
	}
	if (store_ti_sweep_insert(db, &c->s, &c->id, dbe) != 0)
		return -1;
	for (int i = 0; i < c->ninst; i++)
		if (store_ti_sweep_add_institution(db, c->id, c->inst[i], dbe) != 0)
			return -1;
	snprintf(obj, sizeof obj, "sweep:%lld", (long long)c->id);
	d = json_pack("{s:s,s:s,s:i}", "name", c->s.name, "agencies", c->s.agencies,
		      "institutions", c->ninst);
	rc = app_audit(db, c->who, "ticase.sweep.create", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

static int sweep_institutions(json_t *body, struct sweep_ctx *c, struct app_err *e)
{
	json_t *arr = json_object_get(body, "institution_ids"), *v;
	size_t i;

	if (!arr)
		return 0;
	if (!json_is_array(arr) || json_array_size(arr) > TI_MAX_SWEEP_INSTITUTIONS)
		return app_field_fail(e, 400, "FIELD_TYPE", "institution_ids",
				      "机构应为最多 200 个编号的数组");
	json_array_foreach(arr, i, v) {
		if (!json_is_integer(v) || json_integer_value(v) <= 0)
			return app_field_fail(e, 400, "FIELD_TYPE", "institution_ids",
					      "机构编号应为正整数");
		c->inst[c->ninst++] = json_integer_value(v);
	}
	return 0;
}

int app_ti_sweep_create(struct app *a, const struct actor *who, json_t *body, json_t **out,
			struct app_err *e)
{
	static const char *const skip[] = { "agencies", "institution_ids", NULL };
	struct sweep_ctx *c;
	struct sweep_in in = { 0 };
	char agencies[64];
	unsigned set;
	int rc = -1;

	if (ti_may_write(who, e) != 0 ||
	    app_decode_scalars(body, skip, sweep_fields, 4, &in, e) != 0 ||
	    id_set(body, "agencies", ti_agency_ids, TI_AGENCIES, true, &set, agencies,
		   sizeof agencies, e) != 0)
		return -1;
	if (strcmp(in.ends_on, in.starts_on) < 0)
		return app_field_fail(e, 422, "FIELD_INVALID", "ends_on", "结束日期不能早于开始日期");
	c = calloc(1, sizeof *c);
	if (!c)
		return app_fail(e, 503, "UNAVAILABLE", "服务器忙，请稍后重试");
	c->who = who;
	c->s = (struct store_ti_sweep){ who->district_id, in.name, in.starts_on, in.ends_on,
					agencies, in.area, who->user_id, time_now() };
	if (sweep_institutions(body, c, e) == 0 && app_tx(a, sweep_tx, c, e) == 0)
		rc = app_ti_sweep_get(a, who, c->id, out, e);
	free(c);
	return rc;
}

static json_t *sweep_json(const struct app *a, const struct db_res *r, int i)
{
	char t[40];

	time_rfc3339(db_res_int(r, i, SWC_AT), a->policy.utc_offset_minutes, t, sizeof t);
	return json_pack("{s:I,s:s,s:s,s:s,s:o,s:s,s:s,s:s,s:I}", "id",
			 (json_int_t)db_res_int(r, i, SWC_ID), "name", db_res_text(r, i, SWC_NAME),
			 "starts_on", db_res_text(r, i, SWC_FROM), "ends_on",
			 db_res_text(r, i, SWC_TO), "agencies",
			 names_of(db_res_text(r, i, SWC_AGENCIES), ti_agency_ids, ti_agency_name),
			 "area", db_res_text(r, i, SWC_AREA), "created_by",
			 db_res_text(r, i, SWC_BY), "created_at", t, "visits",
			 (json_int_t)db_res_int(r, i, SWC_VISITS));
}

struct list_ctx {
	int64_t before, sweep_id, institution_id, id;
	int limit;
	const struct actor *who;
	const char *stage, *overdue_before;
};

static int sweep_list_read(struct app *a, struct db *db, void *vctx, json_t **out,
			   struct db_err *dbe, struct app_err *e)
{
	struct list_ctx *c = vctx;
	struct db_res *r = NULL;
	json_t *items;

	(void)e;
	if (store_ti_sweep_list(db, c->who->district_id, c->before, c->limit, &r, dbe) != 0)
		return -1;
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(items, sweep_json(a, r, i));
	db_res_free(r);
	*out = app_page(items, c->limit);
	return 0;
}

int app_ti_sweep_list(struct app *a, const struct actor *who, const char *cursor,
		      const char *limit, json_t **out, struct app_err *e)
{
	struct list_ctx c = { .who = who };

	if (ti_paging(cursor, limit, &c.before, &c.limit, e) != 0)
		return -1;
	return ti_read(a, who, sweep_list_read, &c, out, e);
}

static json_t *visit_json(const struct db_res *r, int i)
{
	return json_pack("{s:I,s:o,s:{s:I,s:s,s:s},s:s,s:{s:s,s:s},s:s,s:s,s:s,s:o}", "id",
			 (json_int_t)db_res_int(r, i, VIC_ID), "sweep_id",
			 db_res_isnull(r, i, VIC_SWEEP) ? json_null()
							: json_integer(db_res_int(r, i, VIC_SWEEP)),
			 "institution", "id", (json_int_t)db_res_int(r, i, VIC_INST), "name",
			 db_res_text(r, i, VIC_INST_NAME), "status",
			 db_res_text(r, i, VIC_INST_STATUS), "visited_on",
			 db_res_text(r, i, VIC_ON), "agency", "id", db_res_text(r, i, VIC_AGENCY),
			 "name", ti_agency_name(ti_index(ti_agency_ids,
							 db_res_text(r, i, VIC_AGENCY))),
			 "officers", db_res_text(r, i, VIC_OFFICERS), "note",
			 db_res_text(r, i, VIC_NOTE), "recorded_by", db_res_text(r, i, VIC_BY),
			 "findings", names_of(db_res_text(r, i, VIC_FINDINGS), ti_finding_ids,
					      ti_finding_name));
}

static int sweep_get_read(struct app *a, struct db *db, void *vctx, json_t **out,
			  struct db_err *dbe, struct app_err *e)
{
	struct list_ctx *c = vctx;
	struct db_res *r = NULL, *ins = NULL, *vis = NULL;
	json_t *s, *arr;
	int rc = store_ti_sweep_get(db, c->who->district_id, c->id, &r, dbe);

	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有这次排查");
	if (rc < 0 || store_ti_sweep_institutions(db, c->id, &ins, dbe) != 0 ||
	    store_ti_visit_list(db, c->who->district_id, c->id, 0, 0, 200, &vis, dbe) != 0) {
		db_res_free(r);
		db_res_free(ins);
		return -1;
	}
	s = sweep_json(a, r, 0);
	arr = json_array();
	for (int i = 0; i < db_res_rows(ins); i++)
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s}", "id",
			(json_int_t)db_res_int(ins, i, 0), "name", db_res_text(ins, i, 1),
			"status", db_res_text(ins, i, 2)));
	json_object_set_new(s, "institutions", arr);
	arr = json_array();
	for (int i = 0; i < db_res_rows(vis); i++)
		json_array_append_new(arr, visit_json(vis, i));
	json_object_set_new(s, "visit_list", arr);
	db_res_free(r);
	db_res_free(ins);
	db_res_free(vis);
	*out = json_pack("{s:o}", "sweep", s);
	return 0;
}

int app_ti_sweep_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		     struct app_err *e)
{
	struct list_ctx c = { .who = who, .id = id };

	return ti_read(a, who, sweep_get_read, &c, out, e);
}

/* ---- visits ---- */

struct visit_in {
	int64_t sweep_id, institution_id;
	const char *visited_on, *agency, *officers, *note;
};

static const struct jfield visit_fields[] = {
	{ "sweep_id", JF_INT, offsetof(struct visit_in, sweep_id), false, 1, INT64_MAX, NULL,
	  "排查" },
	{ "institution_id", JF_INT, offsetof(struct visit_in, institution_id), false, 1,
	  INT64_MAX, NULL, "机构" },
	{ "visited_on", JF_DATE, offsetof(struct visit_in, visited_on), true, 0, 0, NULL,
	  "检查日期" },
	{ "agency", JF_ENUM, offsetof(struct visit_in, agency), true, 0, 0, ti_agency_ids,
	  "部门" },
	{ "officers", JF_STR, offsetof(struct visit_in, officers), true, 1, 200, NULL,
	  "执法人员" },
	{ "note", JF_TEXT, offsetof(struct visit_in, note), false, 0, 2000, NULL, "检查记录" },
};

struct inst_in {
	const char *name, *credit_code, *address;
};

static const struct jfield inst_fields[] = {
	{ "name", JF_STR, offsetof(struct inst_in, name), true, 1, 100, NULL, "机构名称" },
	{ "credit_code", JF_STR, offsetof(struct inst_in, credit_code), true, 18, 18, NULL,
	  "统一社会信用代码" },
	{ "address", JF_STR, offsetof(struct inst_in, address), false, 0, 200, NULL, "地址" },
};

struct visit_ctx {
	const struct actor *who;
	struct store_ti_visit v;
	struct inst_in inst; /* name set: an institution not named by id */
	unsigned findings;
	int64_t id;
	int created;
};

/* GB 32100 characters: digits and capitals without I, O, Z, S, V. */
static int credit_chars_ok(const char *s)
{
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Y' && !strchr("IOSV", *s))))
			return 0;
	return 1;
}

static int visit_institution(struct db *db, struct visit_ctx *c, struct db_err *dbe,
			     struct app_err *e)
{
	bool unlicensed = c->findings & (1u << 0);
	struct db_res *r = NULL;
	const char *status;
	int rc;

	if (!c->inst.name) {
		rc = store_ti_get(db, c->who->district_id, c->v.institution_id, &r,
					      dbe);
		if (rc == 1)
			return app_field_fail(e, 422, "FIELD_INVALID", "institution_id",
					      "登记册中没有这个机构");
	} else {
		struct store_ti_institution in = { c->who->district_id, c->inst.name,
			c->inst.credit_code, c->inst.address, "other", "unlicensed",
			"常态化排查发现无证办学", time_now() };

		if (store_ti_institution_put(db, &in, &c->v.institution_id, &c->created, dbe) != 0)
			return -1;
		rc = store_ti_get(db, c->who->district_id, c->v.institution_id, &r,
					      dbe);
	}
	if (rc != 0)
		return -1;
	status = db_res_text(r, 0, TI_STATUS);
	rc = unlicensed && (!strcmp(status, "pending") || !strcmp(status, "refused"));
	db_res_free(r);
	if (rc)
		return store_ti_set_status(db, c->v.institution_id, "unlicensed",
						   "常态化排查发现无证办学", time_now(), dbe);
	return 0;
}

static int visit_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct visit_ctx *c = vctx;
	struct db_res *r = NULL;
	char obj[48];
	json_t *d;
	int rc;

	if (c->v.sweep_id) {
		rc = store_ti_sweep_get(db, c->who->district_id, c->v.sweep_id, &r, dbe);
		db_res_free(r);
		if (rc < 0)
			return -1;
		if (rc == 1)
			return app_field_fail(e, 422, "FIELD_INVALID", "sweep_id", "没有这次排查");
	}
	if (visit_institution(db, c, dbe, e) != 0 ||
	    store_ti_visit_insert(db, &c->v, &c->id, dbe) != 0)
		return -1;
	for (int k = 0; ti_finding_ids[k]; k++)
		if ((c->findings & (1u << k)) &&
		    store_ti_visit_finding(db, c->id, ti_finding_ids[k], dbe) != 0)
			return -1;
	snprintf(obj, sizeof obj, "visit:%lld", (long long)c->id);
	d = json_pack("{s:I,s:i,s:b}", "institution_id", (json_int_t)c->v.institution_id,
		      "findings", (int)c->findings, "institution_added", c->created);
	rc = app_audit(db, c->who, "ticase.visit.create", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

static int visit_target(json_t *body, struct visit_ctx *c, const struct visit_in *in,
			struct app_err *e)
{
	json_t *o = json_object_get(body, "institution");
	struct jf_error je;

	if (!o == !in->institution_id)
		return app_field_fail(e, 422, "FIELD_REQUIRED", "institution_id",
				      "请选择登记的机构，或填写未登记机构的名称和统一社会信用代码");
	if (!o)
		return 0;
	if (!json_is_object(o))
		return app_field_fail(e, 400, "FIELD_TYPE", "institution", "机构应为对象");
	if (jf_decode(o, inst_fields, 3, &c->inst, &je) != 0)
		return app_field_fail(e, je.status, je.code, je.field, je.message);
	if (!credit_chars_ok(c->inst.credit_code))
		return app_field_fail(e, 422, "FIELD_INVALID", "credit_code",
				      "统一社会信用代码为 18 位数字或大写字母");
	if (!(c->findings & 1u))
		return app_field_fail(e, 422, "FIELD_INVALID", "findings",
				      "登记册中没有的机构，须勾选「无证办学」");
	return 0;
}

int app_ti_visit_create(struct app *a, const struct actor *who, json_t *body, json_t **out,
			struct app_err *e)
{
	static const char *const skip[] = { "findings", "institution", NULL };
	struct visit_ctx c = { .who = who };
	struct visit_in in = { 0 };
	char findings[160], day[11];

	if (ti_may_write(who, e) != 0 ||
	    app_decode_scalars(body, skip, visit_fields, 6, &in, e) != 0 ||
	    id_set(body, "findings", ti_finding_ids, TI_FINDINGS, false, &c.findings, findings,
		   sizeof findings, e) != 0 ||
	    visit_target(body, &c, &in, e) != 0 ||
	    ti_day(a, in.visited_on, "visited_on", day, e) != 0)
		return -1;
	c.v = (struct store_ti_visit){ who->district_id, in.sweep_id, in.institution_id, day,
				       in.agency, in.officers, in.note, who->user_id, time_now() };
	if (app_tx(a, visit_tx, &c, e) != 0)
		return -1;
	return app_ti_visit_get(a, who, c.id, out, e);
}

static int visit_list_read(struct app *a, struct db *db, void *vctx, json_t **out,
			   struct db_err *dbe, struct app_err *e)
{
	struct list_ctx *c = vctx;
	struct db_res *r = NULL;
	json_t *items;

	(void)a;
	(void)e;
	if (store_ti_visit_list(db, c->who->district_id, c->sweep_id, c->institution_id,
				c->before, c->limit, &r, dbe) != 0)
		return -1;
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(items, visit_json(r, i));
	db_res_free(r);
	*out = app_page(items, c->limit);
	return 0;
}

int app_ti_visit_list(struct app *a, const struct actor *who, const char *sweep_id,
		      const char *institution_id, const char *cursor, const char *limit,
		      json_t **out, struct app_err *e)
{
	struct list_ctx c = { .who = who };

	if (ti_paging(cursor, limit, &c.before, &c.limit, e) != 0)
		return -1;
	if (app_parse_cursor(sweep_id, &c.sweep_id) != 0 ||
	    app_parse_cursor(institution_id, &c.institution_id) != 0)
		return app_fail(e, 400, "QUERY_INVALID", "sweep_id、institution_id 应为正整数");
	return ti_read(a, who, visit_list_read, &c, out, e);
}

static int visit_get_read(struct app *a, struct db *db, void *vctx, json_t **out,
			  struct db_err *dbe, struct app_err *e)
{
	struct list_ctx *c = vctx;
	struct db_res *r = NULL;
	json_t *v, *ev = NULL;
	int rc = store_ti_visit_get(db, c->who->district_id, c->id, &r, dbe);

	(void)a;
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有这次检查记录");
	if (rc < 0)
		return -1;
	v = visit_json(r, 0);
	db_res_free(r);
	if (ti_evidence_json(db, c->who, "visit", c->id, &ev, dbe) != 0) {
		json_decref(v);
		return -1;
	}
	json_object_set_new(v, "evidence", ev);
	*out = json_pack("{s:o}", "visit", v);
	return 0;
}

int app_ti_visit_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		     struct app_err *e)
{
	struct list_ctx c = { .who = who, .id = id };

	return ti_read(a, who, visit_get_read, &c, out, e);
}
