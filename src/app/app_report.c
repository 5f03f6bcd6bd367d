/* app_report.c - public reports (举报): filing, the receipt lookup, evidence
 * and the bureau's queue and steps (四1, 四3). Ethics records are in
 * app_ethics.c. */
#include "app/app_report.h"

#include "app/app_report_internal.h"
#include "core/report.h"
#include "store/store_evidence.h"
#include "store/store_org.h"
#include "store/store_report.h"
#include "util/filesniff.h"
#include "util/randtext.h"
#include "util/table.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kinds[] = { "institution", "school", "teacher", NULL };

struct file_in {
	const char *target_kind, *target, *text, *contact;
	int64_t school_id;
};

static const struct jfield file_fields[] = {
	{ "target_kind", JF_ENUM, offsetof(struct file_in, target_kind), true, 0, 0, kinds, "举报对象类型" },
	{ "target", JF_STR, offsetof(struct file_in, target), true, 1, 100, NULL, "举报对象" },
	{ "text", JF_TEXT, offsetof(struct file_in, text), true, 5, 2000, NULL, "举报内容" },
	{ "contact", JF_STR, offsetof(struct file_in, contact), false, 0, 100, NULL, "联系方式" },
	{ "school_id", JF_INT, offsetof(struct file_in, school_id), false, 1, INT64_MAX, NULL, "学校" },
};

static int64_t today(const struct app *a)
{
	return date_of(time_now(), a->policy.utc_offset_minutes);
}

static void day_text(int64_t d, char out[16])
{
	date_format(d, out, 16);
}

/* The public acts in the install's district. */
static struct actor in_district(const struct app *a, const struct actor *who)
{
	struct actor w = *who;

	if (!w.district_id)
		w.district_id = a->district_id;
	return w;
}

static int bureau(const struct actor *who)
{
	return who->role == ROLE_DISTRICT_ADMIN || who->role == ROLE_INSPECTOR;
}

static int school_head(const struct actor *who)
{
	return who->role == ROLE_PRINCIPAL || who->role == ROLE_ACADEMIC_OFFICE;
}

/* RP_EVIDENCE's numbers for the public page (it cannot read the pack). */
static json_t *evidence_limits(const struct app *a)
{
	return json_pack("{s:i,s:i,s:i}", "evidence_max", a->policy.rp_max_files,
			 "evidence_max_bytes", a->policy.rp_max_bytes, "evidence_hours",
			 a->policy.rp_upload_hours);
}

/* ---- filing ---- */

struct file_ctx {
	const struct app *a;
	struct actor who;
	struct store_report r;
	char client[65];
	int64_t id;
};

int app_report_school_ok(struct db *db, int64_t district, int64_t school_id, struct db_err *dbe)
{
	struct db_res *r = NULL;
	int n = 0;

	if (store_report_schools(db, district, &r, dbe) != 0)
		return -1;
	for (int i = 0; i < db_res_rows(r) && !n; i++)
		n = db_res_int(r, i, 0) == school_id;
	db_res_free(r);
	return n;
}

static int file_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct file_ctx *c = vctx;
	char obj[48];
	int64_t window = 0;
	int count = 0, ok;
	json_t *d;

	if (c->client[0]) {
		if (store_report_rate_hit(db, c->client, c->r.now, &count, &window, dbe) != 0)
			return -1;
		if (!rp_rate_allowed(count - 1, &c->a->policy)) { /* RP_RATE_LIMIT */
			app_fail(e, 429, "RP_RATE_LIMIT", "提交举报过于频繁（每小时最多 %d 次），请稍后再试",
				 c->a->policy.rp_per_ip_per_hour);
			/* until the hour window that is full ends, not a whole hour */
			e->retry_after = (int)(window + 3600 - c->r.now);
			if (e->retry_after < 1)
				e->retry_after = 1;
			return -1;
		}
	}
	if (c->r.school_id) {
		if ((ok = app_report_school_ok(db, c->r.district_id, c->r.school_id, dbe)) < 0)
			return -1;
		if (!ok)
			return app_field_fail(e, 422, "FIELD_INVALID", "school_id", "没有这所学校");
	}
	if (store_report_insert(db, &c->r, &c->id, dbe) != 0 ||
	    store_report_step_add(db, c->id, "received", "", "", c->r.reporter_user_id, c->r.now,
				  dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "report:%lld", (long long)c->id);
	d = json_pack("{s:s,s:b}", "target_kind", c->r.target_kind, "anonymous",
		      c->r.contact[0] == '\0' && !c->r.reporter_user_id);
	ok = app_audit(db, &c->who, "report.create", obj, "ok", d, dbe);
	json_decref(d);
	return ok;
}

static void code_hash(const char norm[RP_CODE_CHARS + 1], char out[65])
{
	app_sha256_hex(norm, out);
}

int app_report_file(struct app *a, const struct actor *who, json_t *body, json_t **out,
		    struct app_err *e)
{
	struct file_in in = { 0 };
	struct file_ctx c = { .a = a, .who = in_district(a, who) };
	char code[RP_CODE_PRINTED + 1], norm[RP_CODE_CHARS + 1], hash[65], filed[16], due[16];
	struct jf_error je;
	int64_t t = today(a);

	if (jf_decode(body, file_fields, sizeof file_fields / sizeof file_fields[0], &in, &je) != 0)
		return app_field_fail(e, je.status, je.code, je.field, je.message);
	if (app_blank(in.target) || app_blank(in.text))
		return app_field_fail(e, 422, "FIELD_REQUIRED", app_blank(in.target) ? "target" : "text",
				      "请填写举报对象和举报内容");
	randtext(code, RP_CODE_CHARS, RP_CODE_GROUP);
	rp_code_normalise(code, norm);
	code_hash(norm, hash);
	day_text(t, filed);
	day_text(rp_due_day(t, &a->policy), due);
	if (who->role == ROLE_NONE && who->ip[0] && strcmp(who->ip, "-") != 0)
		app_sha256_hex(who->ip, c.client);
	else if (who->role == ROLE_PARENT && who->ip[0])
		app_sha256_hex(who->ip, c.client);
	c.r = (struct store_report){ .district_id = c.who.district_id, .code_hash = hash,
		.target_kind = in.target_kind, .target = in.target, .text = in.text,
		.contact = in.contact ? in.contact : "", .school_id = in.school_id,
		.reporter_user_id = who->role == ROLE_PARENT ? who->user_id : 0,
		.filed_on = filed, .due_on = due, .now = time_now() };
	if (app_tx(a, file_tx, &c, e) != 0)
		return -1;
	*out = json_pack("{s:s,s:s,s:s,s:s}", "receipt_code", code, "status", "received",
			 "status_name", rp_status_name(RP_RECEIVED), "due_on", due);
	json_object_update_new(*out, evidence_limits(a));
	return 0;
}

/* ---- the receipt lookup ---- */

static int by_code(struct app *a, const char *code, struct db *db, struct db_res **r,
		   struct app_err *e)
{
	char norm[RP_CODE_CHARS + 1], hash[65];
	struct db_err dbe = { 0 };
	int rc;

	if (rp_code_normalise(code, norm) != 0)
		return app_fail(e, 404, "RP_CODE_UNKNOWN", "查询码不正确，请核对后再试");
	code_hash(norm, hash);
	rc = store_report_by_code(db, a->district_id, hash, r, &dbe);
	if (rc < 0)
		return app_db_fail(e, &dbe, "");
	if (rc == 1)
		return app_fail(e, 404, "RP_CODE_UNKNOWN", "查询码不正确，请核对后再试");
	return 0;
}

static json_t *opt_text(const char *s)
{
	return s && s[0] ? json_string(s) : json_null();
}

/* What the reporter may see: no text, no contact, no notes, no names. */
static json_t *public_json(const struct app *a, struct db_res *r, int nfiles)
{
	const char *st = db_res_text(r, 0, RPC_STATUS), *oc = db_res_text(r, 0, RPC_OUTCOME);
	int64_t due = 0;

	date_parse(db_res_text(r, 0, RPC_DUE), &due);
	json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:b,s:i}",
		"target_kind", db_res_text(r, 0, RPC_KIND),
		"target_kind_name", rp_kind_name(db_res_text(r, 0, RPC_KIND)),
		"status", st, "status_name", rp_status_name(rp_status_parse(st)),
		"filed_on", db_res_text(r, 0, RPC_FILED),
		"due_on", json_string(db_res_text(r, 0, RPC_DUE)),
		"answered_on", opt_text(db_res_text(r, 0, RPC_ANSWERED)),
		"outcome", opt_text(oc), "outcome_name", opt_text(rp_outcome_name(oc)),
		"reply", opt_text(db_res_text(r, 0, RPC_REPLY)),
		"overdue", rp_overdue(rp_status_parse(st), due, today(a)),
		"evidence_count", nfiles);

	json_object_update_new(o, evidence_limits(a));
	return o;
}

static int evidence_count(struct db *db, int64_t district, int64_t id, int *n,
			  struct db_err *dbe)
{
	struct db_res *r = NULL;

	if (store_evidence_list(db, district, "report", id, &r, dbe) != 0)
		return -1;
	*n = db_res_rows(r);
	db_res_free(r);
	return 0;
}

int app_report_lookup(struct app *a, const char *code, json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct db *db = app_db_get(a, e);
	int n = 0, rc;

	if (!db)
		return -1;
	rc = by_code(a, code, db, &r, e);
	if (rc == 0 && evidence_count(db, a->district_id, db_res_int(r, 0, RPC_ID), &n, &dbe) != 0)
		rc = app_db_fail(e, &dbe, "");
	app_db_put(a, db);
	if (rc == 0)
		*out = public_json(a, r, n);
	db_res_free(r);
	return rc;
}

/* ---- evidence by the reporter ---- */

struct ev_ctx {
	struct app *a;
	struct actor who;
	const char *code;
	struct store_evidence ev;
	int64_t id;
};

static int ev_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct ev_ctx *c = vctx;
	struct db_res *r = NULL;
	const char *why;
	char obj[48];
	int n = 0, rc;
	json_t *d;

	if (by_code(c->a, c->code, db, &r, e) != 0)
		return -1;
	c->ev.owner_id = db_res_int(r, 0, RPC_ID);
	rc = evidence_count(db, c->ev.district_id, c->ev.owner_id, &n, dbe);
	why = rp_evidence_check(n, c->ev.size, c->ev.uploaded_at - db_res_int(r, 0, RPC_CREATED),
				&c->a->policy);
	db_res_free(r);
	if (rc != 0)
		return -1;
	if (!strcmp(why, "RP_EVIDENCE_COUNT"))
		return app_fail(e, 422, why, "每条举报最多上传 %d 份证据材料", c->a->policy.rp_max_files);
	if (!strcmp(why, "RP_EVIDENCE_LATE"))
		return app_fail(e, 422, why, "举报提交 %d 小时后不能再补充证据材料",
				c->a->policy.rp_upload_hours);
	if (!strcmp(why, "RP_EVIDENCE_SIZE"))
		return app_fail(e, 413, why, "单个文件不能超过 %d KB", c->a->policy.rp_max_bytes / 1024);
	if (store_evidence_add(db, &c->ev, &c->id, dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "report:%lld", (long long)c->ev.owner_id);
	d = json_pack("{s:I,s:s,s:I}", "evidence_id", (json_int_t)c->id, "mime", c->ev.mime, "size",
		      (json_int_t)c->ev.size);
	rc = app_audit(db, &c->who, "report.evidence", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_report_evidence_add(struct app *a, const struct actor *who, const char *code,
			    const char *file_name, const void *data, size_t len, json_t **out,
			    struct app_err *e)
{
	const char *mime = filesniff_evidence(data, len);
	struct ev_ctx c = { .a = a, .who = in_district(a, who), .code = code };
	char name[128];

	if (!mime)
		return app_fail(e, 415, "RP_EVIDENCE_TYPE", "证据材料只能是照片（JPEG、PNG）或 PDF 文件");
	jf_utf8_copy(name, sizeof name, file_name && file_name[0] ? file_name : "证据");
	for (char *p = name; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '/' || *p == '\\' || *p == '"')
			*p = '_';
	c.ev = (struct store_evidence){ .district_id = c.who.district_id, .owner_kind = "report",
		.file_name = name, .mime = mime, .data = data, .size = len,
		.uploaded_by = who->user_id, .uploaded_at = time_now() };
	if (app_tx(a, ev_tx, &c, e) != 0)
		return -1;
	*out = json_pack("{s:I,s:s,s:I}", "id", (json_int_t)c.id, "mime", mime, "size",
			 (json_int_t)len);
	return 0;
}

/* ---- the bureau's queue ---- */

/* Whether who may see a report row (RELIABILITY.md "Access"). */
static int visible(const struct actor *who, struct db_res *r, int i)
{
	const char *to = db_res_text(r, i, RPC_ROUTED);

	if (bureau(who))
		return 1;
	if (who->role == ROLE_ENFORCEMENT)
		return !strcmp(to, "education") || !strcmp(to, "market") || !strcmp(to, "police");
	if (school_head(who))
		return !strcmp(to, "school") && db_res_int(r, i, RPC_SCHOOL) == who->school_id;
	return 0;
}

static json_t *item_json(const struct app *a, const struct actor *who, struct db_res *r, int i)
{
	const char *st = db_res_text(r, i, RPC_STATUS), *oc = db_res_text(r, i, RPC_OUTCOME);
	const char *to = db_res_text(r, i, RPC_ROUTED), *ans = db_res_text(r, i, RPC_ANSWERED);
	int64_t due = 0, answered = 0;
	json_t *o;

	date_parse(db_res_text(r, i, RPC_DUE), &due);
	if (ans)
		date_parse(ans, &answered);
	o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:s,s:s,s:o,s:b,s:b,s:o,s:o,s:b}",
		"id", (json_int_t)db_res_int(r, i, RPC_ID),
		"target_kind", db_res_text(r, i, RPC_KIND),
		"target_kind_name", rp_kind_name(db_res_text(r, i, RPC_KIND)),
		"target", db_res_text(r, i, RPC_TARGET), "text", db_res_text(r, i, RPC_TEXT),
		"school_id", db_res_isnull(r, i, RPC_SCHOOL) ? json_null()
			: json_integer(db_res_int(r, i, RPC_SCHOOL)),
		"school_name", db_res_text(r, i, RPC_SCHOOL_NAME),
		"status", st, "status_name", rp_status_name(rp_status_parse(st)),
		"routed_to", opt_text(to), "routed_to_name", opt_text(rp_route_name(to)),
		"outcome", opt_text(oc), "outcome_name", opt_text(rp_outcome_name(oc)),
		"filed_on", db_res_text(r, i, RPC_FILED), "due_on", db_res_text(r, i, RPC_DUE),
		"answered_on", opt_text(ans),
		"overdue", rp_overdue(rp_status_parse(st), due, today(a)),
		"answered_late", ans && rp_answered_late(due, answered),
		"finding", opt_text(db_res_text(r, i, RPC_FINDING)),
		"reply", opt_text(db_res_text(r, i, RPC_REPLY)),
		"named", !db_res_isnull(r, i, RPC_USER) || db_res_text(r, i, RPC_CONTACT)[0]);
	json_object_set_new(o, "staff_id", db_res_isnull(r, i, RPC_STAFF) ? json_null()
			    : json_integer(db_res_int(r, i, RPC_STAFF)));
	json_object_set_new(o, "staff_name", opt_text(db_res_text(r, i, RPC_STAFF_NAME)));
	if (bureau(who)) /* the reporter's contact: the bureau only */
		json_object_set_new(o, "contact", json_string(db_res_text(r, i, RPC_CONTACT)));
	return o;
}

static void scope_filter(const struct actor *who, struct store_report_filter *f)
{
	f->district_id = who->district_id;
	if (who->role == ROLE_ENFORCEMENT)
		f->routed_enforcement = 1;
	if (school_head(who)) {
		f->routed_school = 1;
		f->school_id = who->school_id;
	}
}

static int list_rows(struct app *a, const struct actor *who, struct store_report_filter *f,
		     struct db_res **r, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db *db = app_db_get(a, e);
	int rc;

	if (!db)
		return -1;
	scope_filter(who, f);
	rc = store_report_list(db, f, r, &dbe);
	app_db_put(a, db);
	return rc ? app_db_fail(e, &dbe, who->request_id) : 0;
}

int app_report_list(struct app *a, const struct actor *who, const char *status,
		    const char *kind, const char *overdue, const char *q, const char *cursor,
		    const char *limit, json_t **out, struct app_err *e)
{
	struct store_report_filter f = { 0 };
	struct db_res *r = NULL;
	char day[16];
	json_t *items;
	int lim = app_parse_limit(limit, 50, 500);

	if (lim < 0)
		return app_fail(e, 400, "QUERY_INVALID", "limit 应为 1 到 500 之间的整数");
	if (app_parse_cursor(cursor, &f.after) != 0)
		return app_fail(e, 400, "QUERY_INVALID", "cursor 应为正整数");
	if (status && status[0] && rp_status_parse(status) < 0)
		return app_fail(e, 400, "QUERY_INVALID", "status 应为 received、routed、answered 或 closed");
	if (kind && kind[0] && !rp_kind_name(kind)[0])
		return app_fail(e, 400, "QUERY_INVALID", "kind 应为 institution、school 或 teacher");
	day_text(today(a), day);
	f.status = status && status[0] ? status : NULL;
	f.kind = kind && kind[0] ? kind : NULL;
	f.overdue_before = overdue && !strcmp(overdue, "1") ? day : NULL;
	f.q = q && q[0] ? q : NULL;
	f.limit = lim;
	if (list_rows(a, who, &f, &r, e) != 0)
		return -1;
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(items, item_json(a, who, r, i));
	db_res_free(r);
	*out = app_page(items, lim);
	return 0;
}

/* A visible report (0), or 404 (-1, e filled). */
static int visible_report(struct app *a, struct db *db, const struct actor *who, int64_t id,
			  struct db_res **r, struct app_err *e)
{
	struct db_err dbe = { 0 };
	int rc = store_report_get(db, who->district_id, id, r, &dbe);

	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 1 || !visible(who, *r, 0)) {
		db_res_free(*r);
		*r = NULL;
		return app_fail(e, 404, "NOT_FOUND", "没有找到这条举报，或不在您的权限范围内");
	}
	return 0;
}

static json_t *steps_json(struct db_res *s, const struct app *a)
{
	json_t *arr = json_array();

	for (int i = 0; i < db_res_rows(s); i++) {
		char at[40];

		time_rfc3339(db_res_int(s, i, 4), a->policy.utc_offset_minutes, at, sizeof at);
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:s}", "step",
			db_res_text(s, i, 0), "detail", db_res_text(s, i, 1), "note",
			db_res_text(s, i, 2), "by", db_res_text(s, i, 3), "at", at));
	}
	return arr;
}

static json_t *evidence_json(struct db_res *v)
{
	json_t *arr = json_array();

	for (int i = 0; i < db_res_rows(v); i++)
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:I}", "id",
			(json_int_t)db_res_int(v, i, EVC_ID), "file_name", db_res_text(v, i, EVC_NAME),
			"mime", db_res_text(v, i, EVC_MIME), "size",
			(json_int_t)db_res_int(v, i, EVC_SIZE)));
	return arr;
}

int app_report_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		   struct app_err *e)
{
	struct db_res *r = NULL, *s = NULL, *v = NULL;
	struct db_err dbe = { 0 };
	struct db *db = app_db_get(a, e);
	int rc;

	if (!db)
		return -1;
	rc = visible_report(a, db, who, id, &r, e);
	if (rc == 0 && (store_report_steps(db, id, &s, &dbe) != 0 ||
			store_evidence_list(db, who->district_id, "report", id, &v, &dbe) != 0))
		rc = app_db_fail(e, &dbe, who->request_id);
	app_db_put(a, db);
	if (rc == 0) {
		*out = item_json(a, who, r, 0);
		json_object_set_new(*out, "steps", steps_json(s, a));
		json_object_set_new(*out, "evidence", evidence_json(v));
	}
	db_res_free(r);
	db_res_free(s);
	db_res_free(v);
	return rc;
}

int app_report_evidence_get(struct app *a, const struct actor *who, int64_t id,
			    int64_t evidence_id, void **data, size_t *len, char mime[32],
			    struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct db *db = app_db_get(a, e);
	int rc;

	if (!db)
		return -1;
	rc = visible_report(a, db, who, id, &r, e);
	db_res_free(r);
	if (rc == 0) {
		int got = store_evidence_get(db, who->district_id, "report", id, evidence_id, data,
					     len, mime, &dbe);

		if (got < 0)
			rc = app_db_fail(e, &dbe, who->request_id);
		else if (got == 1)
			rc = app_fail(e, 404, "NOT_FOUND", "没有找到这份证据材料");
	}
	app_db_put(a, db);
	return rc;
}

/* ---- statistics and export ---- */

static void add_count(json_t *obj, const char *key, const char *name, json_int_t n)
{
	json_t *x = json_object_get(obj, key);

	if (!x) {
		x = json_pack("{s:s,s:s,s:I}", "id", key, "name", name, "count", (json_int_t)0);
		json_object_set_new(obj, key, x);
	}
	json_object_set_new(x, "count", json_integer(json_integer_value(json_object_get(x, "count")) + n));
}

static json_t *ordered(json_t *obj, const char *const *ids)
{
	json_t *arr = json_array();

	for (int i = 0; ids[i]; i++)
		if (json_object_get(obj, ids[i]))
			json_array_append(arr, json_object_get(obj, ids[i]));
	return arr;
}

int app_report_stats(struct app *a, const struct actor *who, json_t **out, struct app_err *e)
{
	static const char *const oc_ids[] = { "proven", "partly", "unfounded", "out_of_scope",
					      "pending", NULL };
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct db *db;
	json_t *by_kind, *by_outcome;
	json_int_t total = 0, overdue = 0;
	char day[16];
	int rc;

	if (!bureau(who))
		return app_fail(e, 403, "FORBIDDEN", "您的角色无权进行此操作");
	if (!(db = app_db_get(a, e)))
		return -1;
	day_text(today(a), day);
	rc = store_report_stats(db, who->district_id, day, &r, &dbe);
	app_db_put(a, db);
	if (rc != 0)
		return app_db_fail(e, &dbe, who->request_id);
	by_kind = json_object();
	by_outcome = json_object();
	for (int i = 0; i < db_res_rows(r); i++) {
		const char *k = db_res_text(r, i, 0), *oc = db_res_text(r, i, 1);
		json_int_t n = db_res_int(r, i, 3);

		add_count(by_kind, k, rp_kind_name(k), n);
		add_count(by_outcome, oc[0] ? oc : "pending", oc[0] ? rp_outcome_name(oc) : "尚未答复", n);
		total += n;
		overdue += db_res_int(r, i, 4);
	}
	db_res_free(r);
	*out = json_pack("{s:o,s:o,s:I,s:I,s:i}", "by_kind", ordered(by_kind, rp_kind_ids),
			 "by_outcome", ordered(by_outcome, oc_ids), "total", total, "overdue", overdue,
			 "answer_days", a->policy.rp_answer_days);
	json_decref(by_kind);
	json_decref(by_outcome);
	return 0;
}

const char *const rp_export_header[] = { "编号", "对象类型", "举报对象", "学校", "状态", "转办",
					 "受理日期", "答复期限", "答复日期", "逾期", "结果",
					 "查实问题", "答复" };
const size_t rp_export_ncols = sizeof rp_export_header / sizeof rp_export_header[0];

static int export_audit(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	const struct actor *who = vctx;

	return app_audit(db, who, "report.export", "report", "ok", NULL, dbe);
}

int app_report_table(struct app *a, const struct actor *who, struct table *t,
		     struct app_err *e)
{
	struct store_report_filter f = { .limit = 100000 };
	struct db_res *r = NULL;
	int rc = 0;

	if (list_rows(a, who, &f, &r, e) != 0)
		return -1;
	for (int i = 0; i < db_res_rows(r) && rc == 0; i++) {
		json_t *o = item_json(a, who, r, i);
		char id[24];
		const char *cells[13] = {
			id, json_string_value(json_object_get(o, "target_kind_name")),
			json_string_value(json_object_get(o, "target")),
			json_string_value(json_object_get(o, "school_name")),
			json_string_value(json_object_get(o, "status_name")),
			rp_route_name(db_res_text(r, i, RPC_ROUTED)),
			db_res_text(r, i, RPC_FILED), db_res_text(r, i, RPC_DUE),
			db_res_text(r, i, RPC_ANSWERED) ? db_res_text(r, i, RPC_ANSWERED) : "",
			json_is_true(json_object_get(o, "overdue")) ? "逾期" : "",
			rp_outcome_name(db_res_text(r, i, RPC_OUTCOME)),
			db_res_text(r, i, RPC_FINDING), db_res_text(r, i, RPC_REPLY)
		};

		snprintf(id, sizeof id, "%lld", (long long)db_res_int(r, i, RPC_ID));
		rc = table_add_row(t, i + 2, cells, 13);
		json_decref(o);
	}
	db_res_free(r);
	if (rc != 0)
		return app_fail(e, 500, "EXPORT_FAILED", "导出失败");
	return app_tx(a, export_audit, (void *)who, e);
}

int app_report_schools(struct app *a, json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct db *db = app_db_get(a, e);
	json_t *items;
	int rc;

	if (!db)
		return -1;
	rc = store_report_schools(db, a->district_id, &r, &dbe);
	app_db_put(a, db);
	if (rc != 0)
		return app_db_fail(e, &dbe, "");
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(items, json_pack("{s:I,s:s}", "id",
			(json_int_t)db_res_int(r, i, 0), "name", db_res_text(r, i, 1)));
	db_res_free(r);
	*out = json_pack("{s:o}", "items", items);
	json_object_update_new(*out, evidence_limits(a));
	return 0;
}
