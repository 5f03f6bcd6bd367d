/* app_sv_visit_notice.c - rectification notices (整改通知, seed 六):
 * issued at a visit with C items and a deadline (SV_RECTIFY), answered by
 * the school, closed by a re-visit; evidence files of findings and answers
 * (SV_EVIDENCE); the overdue list, the export. */
#include "app/app_sv_visit_internal.h"
#include "core/sv_visit.h"
#include "store/store_evidence.h"
#include "store/store_sv_visit.h"
#include "util/filesniff.h"
#include "util/jfields.h"
#include "util/table.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- issue ---- */

struct notice_in {
	int64_t visit_id, days;
	const char *text, *issued_on;
};

static const struct jfield notice_fields[] = {
	{ "visit_id", JF_INT, offsetof(struct notice_in, visit_id), true, 1, INT64_MAX, NULL,
	  "督导检查" },
	{ "text", JF_TEXT, offsetof(struct notice_in, text), true, 1, 4000, NULL, "整改要求" },
	{ "days", JF_INT, offsetof(struct notice_in, days), false, 0, 3660, NULL, "整改期限（天）" },
	{ "issued_on", JF_DATE, offsetof(struct notice_in, issued_on), false, 0, 0, NULL,
	  "下达日期" },
};

struct issue_ctx {
	const struct app *a;
	const struct actor *who;
	struct store_sv_notice n;
	char items[SV_MAX_NOTICE_ITEMS * 16], issued[11], deadline[11];
	int days;
	int64_t id;
};

static int issue_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct issue_ctx *c = vctx;
	struct db_res *r = NULL;
	char obj[48];
	json_t *d;
	int rc = store_sv_visit_get(db, c->who->district_id, c->n.visit_id, &r, dbe);

	if (rc == 1)
		return app_field_fail(e, 422, "FIELD_INVALID", "visit_id", "没有这次督导检查");
	if (rc < 0)
		return -1;
	c->n.school_id = db_res_int(r, 0, SVV_SCHOOL);
	rc = strcmp(db_res_text(r, 0, SVV_ON), c->issued) > 0;
	db_res_free(r);
	if (rc)
		return sv_refuse(c->a, e, 422, "SV_VISIT_NOT_YET", "SV_RECTIFY",
				"整改通知的下达日期不能早于检查日期");
	if (store_sv_notice_insert(db, &c->n, &c->id, dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "sv_notice:%lld", (long long)c->id);
	d = json_pack("{s:I,s:I,s:s,s:s,s:s}", "school_id", (json_int_t)c->n.school_id, "visit_id",
		      (json_int_t)c->n.visit_id, "items", c->items, "issued_on", c->issued,
		      "deadline", c->deadline);
	rc = app_audit(db, c->who, "sv.notice.issue", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

/* id is already in the comma list. */
static bool listed(const char *list, const char *id)
{
	size_t n = strlen(id);

	for (const char *p = list; (p = strstr(p, id)) != NULL; p += n)
		if ((p == list || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			return true;
	return false;
}

/* items: 1..SV_MAX_NOTICE_ITEMS distinct C ids of the pack (SV_ITEM). */
static int notice_items(const struct app *a, json_t *body, struct issue_ctx *c,
			struct app_err *e)
{
	json_t *arr = json_object_get(body, "items"), *v;
	size_t i, n = 0;

	if (!json_is_array(arr) || json_array_size(arr) < 1 ||
	    json_array_size(arr) > SV_MAX_NOTICE_ITEMS)
		return app_field_fail(e, 422, "FIELD_INVALID", "items",
				      "请列出 1 到 30 项需要整改的指标");
	json_array_foreach(arr, i, v) {
		const char *id = json_string_value(v);

		if (!id || !sv_item_text(&a->policy, id))
			return sv_refuse(a, e, 422, "SV_ITEM", "SV_RECTIFY",
					 "指标 %.20s 不在督导评估细则的 C 级指标中",
					 id ? id : "（非文字）");
		if (listed(c->items, id))
			return app_field_fail(e, 422, "FIELD_INVALID", "items", "同一项指标只列一次");
		n += (size_t)snprintf(c->items + n, sizeof c->items - n, "%s%s", n ? "," : "", id);
	}
	return 0;
}

int app_sv_notice_issue(struct app *a, const struct actor *who, json_t *body, json_t **out,
			struct app_err *e)
{
	static const char *const skip[] = { "items", NULL };
	struct issue_ctx c = { .a = a, .who = who };
	struct notice_in in = { 0 };
	char today[11];

	if (!sv_office(who))
		return app_fail(e, 403, "FORBIDDEN", "只有督导室和教育局可以下达整改通知");
	if (app_decode_scalars(body, skip, notice_fields, 4, &in, e) != 0 ||
	    notice_items(a, body, &c, e) != 0)
		return -1;
	app_today(a, today);
	snprintf(c.issued, sizeof c.issued, "%s", in.issued_on ? in.issued_on : today);
	if (strcmp(c.issued, today) > 0)
		return app_field_fail(e, 422, "FIELD_INVALID", "issued_on", "下达日期不能晚于今天");
	/* SV_RECTIFY: default_days unless named; never more than max_days. */
	if (sv_deadline(&a->policy, c.issued, (int)in.days, c.deadline) != 0) {
		sv_refuse(a, e, 422, "SV_RECTIFY", "SV_RECTIFY", "整改期限应为 1 到 %d 天",
			  a->policy.sv_rectify_max_days);
		json_object_set_new(e->details, "max_days",
				    json_integer(a->policy.sv_rectify_max_days));
		return -1;
	}
	c.n = (struct store_sv_notice){ who->district_id, 0, in.visit_id, c.items, in.text,
					c.issued, c.deadline, who->user_id, time_now() };
	if (app_tx(a, issue_tx, &c, e) != 0)
		return -1;
	return app_sv_notice_get(a, who, c.id, out, e);
}

/* ---- read ---- */

struct nlist_ctx {
	struct sv_list l;
	struct store_sv_notice_filter f;
};

static int notice_list_read(struct app *a, struct db *db, void *vctx, json_t **out,
			    struct db_err *dbe, struct app_err *e)
{
	struct nlist_ctx *c = vctx;
	struct db_res *r = NULL;
	char today[11];
	json_t *items;

	(void)e;
	app_today(a, today);
	if (c->f.overdue_on)
		c->f.overdue_on = today;
	if (store_sv_notice_list(db, c->l.who->district_id, &c->f, &r, dbe) != 0)
		return -1;
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(items, sv_notice_row_json(a, r, i, today));
	db_res_free(r);
	*out = app_page(items, c->f.limit);
	return 0;
}

int app_sv_notice_list(struct app *a, const struct actor *who, const char *school_id,
		       const char *status, const char *overdue, const char *cursor,
		       const char *limit, json_t **out, struct app_err *e)
{
	struct nlist_ctx c = { .l = { .who = who } };

	if (sv_paging(school_id, cursor, limit, &c.l, e) != 0)
		return -1;
	if (status && *status && strcmp(status, "open") && strcmp(status, "answered") &&
	    strcmp(status, "closed"))
		return app_fail(e, 400, "QUERY_INVALID", "status 应为 open、answered 或 closed");
	if (overdue && *overdue && strcmp(overdue, "1") && strcmp(overdue, "0"))
		return app_fail(e, 400, "QUERY_INVALID", "overdue 应为 1 或 0");
	c.f = (struct store_sv_notice_filter){ c.l.school_id, 0, status && *status ? status : NULL,
		overdue && !strcmp(overdue, "1") ? "" : NULL, c.l.before, c.l.limit };
	return sv_read(a, who, notice_list_read, &c, out, e);
}

struct nget_ctx {
	const struct actor *who;
	int64_t id;
};

static int notice_get_read(struct app *a, struct db *db, void *vctx, json_t **out,
			   struct db_err *dbe, struct app_err *e)
{
	struct nget_ctx *c = vctx;
	struct db_res *r = NULL;
	char today[11];
	json_t *n, *ev = NULL;
	int rc = store_sv_notice_get(db, c->who->district_id, c->id, &r, dbe);

	if (rc == 1 || (rc == 0 && !app_reads_school(c->who, db_res_int(r, 0, SVN_SCHOOL)))) {
		db_res_free(r);
		return app_fail(e, 404, "NOT_FOUND", "没有这份整改通知");
	}
	if (rc < 0 || sv_evidence_json(db, c->who, "sv_notice", c->id, &ev, dbe) != 0) {
		db_res_free(r);
		return -1;
	}
	app_today(a, today);
	n = sv_notice_row_json(a, r, 0, today);
	json_object_set_new(n, "evidence", ev);
	db_res_free(r);
	*out = json_pack("{s:o}", "notice", n);
	return 0;
}

int app_sv_notice_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		      struct app_err *e)
{
	struct nget_ctx c = { who, id };

	return sv_read(a, who, notice_get_read, &c, out, e);
}

/* ---- the school's answer ---- */

/* The notice as the school's heads may act on it: 0 with its row, or -1
 * with 404 (not theirs), 409 SV_NOTICE_CLOSED, or a store error. */
static int school_notice(const struct app *a, struct db *db, const struct actor *who,
			 int64_t id, struct db_err *dbe, struct app_err *e)
{
	struct db_res *r = NULL;
	int rc = store_sv_notice_get(db, who->district_id, id, &r, dbe);
	bool closed;

	if (rc == 1 || (rc == 0 && who->school_id != db_res_int(r, 0, SVN_SCHOOL))) {
		db_res_free(r);
		return app_fail(e, 404, "NOT_FOUND", "没有这份整改通知");
	}
	if (rc < 0)
		return -1;
	closed = strcmp(db_res_text(r, 0, SVN_STATUS), "closed") == 0;
	db_res_free(r);
	if (closed)
		return sv_refuse(a, e, 409, "SV_NOTICE_CLOSED", "SV_RECTIFY",
				 "这份整改通知已经复查销号，不能再答复");
	return 0;
}

static bool school_head(const struct actor *who)
{
	return (who->role == ROLE_PRINCIPAL || who->role == ROLE_ACADEMIC_OFFICE) &&
	       who->school_id > 0;
}

struct answer_ctx {
	const struct app *a;
	const struct actor *who;
	int64_t id;
	const char *text;
	char today[11];
};

static int answer_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct answer_ctx *c = vctx;
	char obj[48];
	json_t *d;
	int rc;

	if (school_notice(c->a, db, c->who, c->id, dbe, e) != 0)
		return -1;
	rc = store_sv_notice_answer(db, c->id, c->text, c->today, c->who->user_id, dbe);
	if (rc == 1)
		return sv_refuse(c->a, e, 409, "SV_NOTICE_CLOSED", "SV_RECTIFY",
				 "这份整改通知已经复查销号，不能再答复");
	if (rc < 0)
		return -1;
	snprintf(obj, sizeof obj, "sv_notice:%lld", (long long)c->id);
	d = json_pack("{s:s,s:I}", "on", c->today, "chars", (json_int_t)jf_utf8_len(c->text));
	rc = app_audit(db, c->who, "sv.notice.answer", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_sv_notice_answer(struct app *a, const struct actor *who, int64_t id, json_t *body,
			 json_t **out, struct app_err *e)
{
	static const struct jfield f[] = {
		{ "text", JF_TEXT, 0, true, 1, 4000, NULL, "整改情况" },
	};
	static const char *const skip[] = { NULL };
	struct answer_ctx c = { a, who, id, NULL, "" };

	if (!school_head(who))
		return app_fail(e, 403, "FORBIDDEN", "整改通知由学校（校长、教导处）答复");
	if (app_decode_scalars(body, skip, f, 1, &c.text, e) != 0)
		return -1;
	app_today(a, c.today);
	if (app_tx(a, answer_tx, &c, e) != 0)
		return -1;
	return app_sv_notice_get(a, who, id, out, e);
}

/* ---- close by a re-visit ---- */

struct close_in {
	int64_t visit_id;
	const char *result, *note;
};

static const struct jfield close_fields[] = {
	{ "visit_id", JF_INT, offsetof(struct close_in, visit_id), true, 1, INT64_MAX, NULL,
	  "复查" },
	{ "result", JF_ENUM, offsetof(struct close_in, result), true, 0, 0, sv_result_ids,
	  "复查结果" },
	{ "note", JF_TEXT, offsetof(struct close_in, note), false, 0, 2000, NULL, "复查意见" },
};

struct close_ctx {
	const struct app *a;
	const struct actor *who;
	int64_t id;
	struct close_in in;
};

/* The re-visit: a visit linked to this notice, on or after its issue day
 * and not after today; its day into on. */
static int revisit_of(struct db *db, struct close_ctx *c, const char *issued, char on[11],
		      struct db_err *dbe, struct app_err *e)
{
	struct db_res *r = NULL;
	char today[11];
	int rc = store_sv_visit_get(db, c->who->district_id, c->in.visit_id, &r, dbe);

	if (rc < 0)
		return -1;
	if (rc == 1 || db_res_isnull(r, 0, SVV_NOTICE) || db_res_int(r, 0, SVV_NOTICE) != c->id) {
		db_res_free(r);
		return app_field_fail(e, 422, "FIELD_INVALID", "visit_id",
				      "销号须依据为这份整改通知安排的复查");
	}
	snprintf(on, 11, "%s", db_res_text(r, 0, SVV_ON));
	db_res_free(r);
	app_today(c->a, today);
	if (strcmp(on, today) > 0 || strcmp(on, issued) < 0)
		return sv_refuse(c->a, e, 422, "SV_VISIT_NOT_YET", "SV_RECTIFY",
				"复查日期须在整改通知下达之后、不晚于今天");
	return 0;
}

static int close_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct close_ctx *c = vctx;
	struct db_res *r = NULL;
	char obj[48], on[11], issued[11];
	json_t *d;
	int rc = store_sv_notice_get(db, c->who->district_id, c->id, &r, dbe);

	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有这份整改通知");
	if (rc < 0)
		return -1;
	snprintf(issued, sizeof issued, "%s", db_res_text(r, 0, SVN_ISSUED));
	rc = strcmp(db_res_text(r, 0, SVN_STATUS), "closed") == 0;
	db_res_free(r);
	if (rc)
		return sv_refuse(c->a, e, 409, "SV_NOTICE_CLOSED", "SV_RECTIFY",
				 "这份整改通知已经销号");
	if (revisit_of(db, c, issued, on, dbe, e) != 0)
		return -1;
	rc = store_sv_notice_close(db, c->id, c->in.visit_id, on, c->in.result, c->in.note, dbe);
	if (rc == 1)
		return sv_refuse(c->a, e, 409, "SV_NOTICE_CLOSED", "SV_RECTIFY",
				 "这份整改通知已经销号");
	if (rc < 0)
		return -1;
	snprintf(obj, sizeof obj, "sv_notice:%lld", (long long)c->id);
	d = json_pack("{s:I,s:s,s:s}", "visit_id", (json_int_t)c->in.visit_id, "on", on, "result",
		      c->in.result);
	rc = app_audit(db, c->who, "sv.notice.close", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_sv_notice_close(struct app *a, const struct actor *who, int64_t id, json_t *body,
			json_t **out, struct app_err *e)
{
	static const char *const skip[] = { NULL };
	struct close_ctx c = { a, who, id, { 0 } };

	if (!sv_office(who))
		return app_fail(e, 403, "FORBIDDEN", "只有督导室和教育局可以复查销号");
	if (app_decode_scalars(body, skip, close_fields, 3, &c.in, e) != 0 ||
	    app_tx(a, close_tx, &c, e) != 0)
		return -1;
	return app_sv_notice_get(a, who, id, out, e);
}

/* ---- evidence ---- */

/* The owner as this actor may add to (write) or read it: the office adds
 * to findings; the school's heads to their notices not closed; both read.
 * 0, or -1 with e. */
static int evidence_owner(const struct app *a, struct db *db, const struct actor *who,
			  const char *kind, int64_t id, bool write, struct db_err *dbe,
			  struct app_err *e)
{
	struct db_res *r = NULL;
	int64_t school;
	int rc;

	if (!strcmp(kind, "sv_notice") && write)
		return school_head(who) ? school_notice(a, db, who, id, dbe, e)
			: app_fail(e, 403, "FORBIDDEN", "整改证据由学校（校长、教导处）上传");
	if (!strcmp(kind, "sv_finding") && write && !sv_office(who))
		return app_fail(e, 403, "FORBIDDEN", "只有督导室和教育局可以上传督导证据");
	rc = !strcmp(kind, "sv_finding") ? store_sv_finding_get(db, who->district_id, id, &r, dbe)
					 : store_sv_notice_get(db, who->district_id, id, &r, dbe);
	if (rc < 0)
		return -1;
	school = rc == 0 ? db_res_int(r, 0, !strcmp(kind, "sv_finding") ? SVF_SCHOOL : SVN_SCHOOL)
			 : 0;
	db_res_free(r);
	if (rc == 1 || !app_reads_school(who, school))
		return app_fail(e, 404, "NOT_FOUND", "没有这条记录");
	return 0;
}

struct ev_ctx {
	const struct app *a;
	const struct actor *who;
	struct store_evidence ev;
	int64_t id;
};

static int evidence_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct ev_ctx *c = vctx;
	char obj[48];
	json_t *d;
	int rc;

	if (evidence_owner(c->a, db, c->who, c->ev.owner_kind, c->ev.owner_id, true, dbe, e) ||
	    store_evidence_add(db, &c->ev, &c->id, dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "%s:%lld", c->ev.owner_kind, (long long)c->ev.owner_id);
	d = json_pack("{s:I,s:s,s:s,s:I}", "evidence_id", (json_int_t)c->id, "file_name",
		      c->ev.file_name, "mime", c->ev.mime, "size", (json_int_t)c->ev.size);
	rc = app_audit(db, c->who, "sv.evidence.add", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_sv_visit_evidence_add(struct app *a, const struct actor *who, const char *owner_kind,
			int64_t owner_id, const char *name, const void *data, size_t len,
			json_t **out, struct app_err *e)
{
	struct ev_ctx c = { a, who, { 0 }, 0 };
	size_t n = name ? jf_utf8_len(name) : 0;
	const char *mime;

	if (n < 1 || n > 100 || strpbrk(name, "/\\\"\n\r\t"))
		return app_field_fail(e, 422, "FIELD_INVALID", "name",
				      "请用 ?name= 给出文件名（1 到 100 个字符，不含 / \\ \"）");
	/* SV_EVIDENCE: the size from the pack, the type from the bytes. */
	if (!sv_evidence_fits(&a->policy, len)) {
		sv_refuse(a, e, 422, "EVIDENCE_TOO_LARGE", "SV_EVIDENCE",
			  "证据文件不能超过 %d KB", a->policy.sv_evidence_max_kb);
		json_object_set_new(e->details, "size", json_integer((json_int_t)len));
		json_object_set_new(e->details, "limit",
				    json_integer((json_int_t)a->policy.sv_evidence_max_kb * 1024));
		return -1;
	}
	mime = filesniff_evidence(data, len);
	if (!mime)
		return sv_refuse(a, e, 422, "EVIDENCE_TYPE", "SV_EVIDENCE",
				 "证据只收照片（JPEG、PNG）和 PDF 文件，按文件内容判断，与扩展名无关");
	c.ev = (struct store_evidence){ who->district_id, owner_kind, owner_id, name, mime, data,
					len, who->user_id, time_now() };
	if (app_tx(a, evidence_tx, &c, e) != 0)
		return -1;
	*out = json_pack("{s:{s:I,s:s,s:s,s:I}}", "evidence", "id", (json_int_t)c.id,
			 "file_name", name, "mime", mime, "size", (json_int_t)len);
	return 0;
}

struct evget_ctx {
	const struct actor *who;
	const char *kind;
	int64_t owner, id;
	void **data;
	size_t *len;
	char *mime;
};

static int evidence_get_read(struct app *a, struct db *db, void *vctx, json_t **out,
			     struct db_err *dbe, struct app_err *e)
{
	struct evget_ctx *c = vctx;
	int rc;

	(void)out;
	if (evidence_owner(a, db, c->who, c->kind, c->owner, false, dbe, e) != 0)
		return -1;
	rc = store_evidence_get(db, c->who->district_id, c->kind, c->owner, c->id, c->data, c->len,
				c->mime, dbe);
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有这个证据文件");
	return rc;
}

int app_sv_visit_evidence_get(struct app *a, const struct actor *who, const char *owner_kind,
			int64_t owner_id, int64_t id, void **data, size_t *len, char mime[32],
			struct app_err *e)
{
	struct evget_ctx c = { who, owner_kind, owner_id, id, data, len, mime };
	json_t *unused = NULL;

	return sv_read(a, who, evidence_get_read, &c, &unused, e);
}

/* ---- overdue, export ---- */

static int overdue_read(struct app *a, struct db *db, void *vctx, json_t **out,
			struct db_err *dbe, struct app_err *e)
{
	const struct actor *who = vctx;
	struct store_sv_notice_filter f = { .limit = 1000 };
	struct db_res *r = NULL;
	char today[11];
	json_t *items;

	(void)e;
	app_today(a, today);
	f.overdue_on = today;
	if (store_sv_notice_list(db, who->district_id, &f, &r, dbe) != 0)
		return -1;
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++) {
		json_t *n = sv_notice_row_json(a, r, i, today);

		json_object_del(n, "text");
		json_object_del(n, "answer");
		json_object_del(n, "close");
		json_object_set_new(n, "answered", json_boolean(!db_res_isnull(r, i, SVN_ANSWERED_ON)));
		json_array_append_new(items, n);
	}
	db_res_free(r);
	*out = json_pack("{s:I,s:o}", "count", (json_int_t)json_array_size(items), "items", items);
	return 0;
}

int app_sv_overdue_notices(struct app *a, const struct actor *who, json_t **out,
			   struct app_err *e)
{
	if (!sv_office(who))
		return app_fail(e, 403, "FORBIDDEN", "逾期整改名单只给督导室和教育局");
	return sv_read(a, who, overdue_read, (void *)who, out, e);
}

const char *const sv_notice_export_header[] = { "编号", "学校", "整改指标", "下达日期",
	"整改期限", "状态", "是否逾期", "学校答复日期", "销号日期", "复查结果" };
const size_t sv_notice_export_ncols = 10;

static const char *status_name(const char *s)
{
	return !strcmp(s, "open") ? "待整改" : !strcmp(s, "answered") ? "已答复" : "已销号";
}

struct export_ctx {
	const struct actor *who;
	struct table *t;
};

static int export_read(struct app *a, struct db *db, void *vctx, json_t **out,
		       struct db_err *dbe, struct app_err *e)
{
	struct export_ctx *c = vctx;
	struct table *t = c->t;
	struct store_sv_notice_filter f = { .limit = 500 };
	struct db_res *r = NULL;
	char today[11], id[24];

	(void)out;
	app_today(a, today);
	do {
		if (store_sv_notice_list(db, c->who->district_id, &f, &r,
					 dbe) != 0)
			return -1;
		f.before = 0;
		for (int i = 0; i < db_res_rows(r); i++) {
			const char *res = db_res_isnull(r, i, SVN_RESULT) ? ""
				: strcmp(db_res_text(r, i, SVN_RESULT), "rectified") ? "整改不到位"
										      : "整改到位";
			const char *cells[10] = { id, db_res_text(r, i, SVN_SCHOOL_NAME),
				db_res_text(r, i, SVN_ITEMS), db_res_text(r, i, SVN_ISSUED),
				db_res_text(r, i, SVN_DEADLINE),
				status_name(db_res_text(r, i, SVN_STATUS)),
				sv_overdue(db_res_text(r, i, SVN_DEADLINE),
					   db_res_text(r, i, SVN_STATUS), today) ? "是" : "否",
				db_res_isnull(r, i, SVN_ANSWERED_ON) ? ""
					: db_res_text(r, i, SVN_ANSWERED_ON),
				db_res_isnull(r, i, SVN_CLOSED_ON) ? "" : db_res_text(r, i, SVN_CLOSED_ON),
				res };

			f.before = db_res_int(r, i, SVN_ID);
			snprintf(id, sizeof id, "%lld", (long long)f.before);
			if (table_add_row(t, (int)t->nrows + 2, cells, 10) != 0) {
				db_res_free(r);
				return app_fail(e, 503, "UNAVAILABLE", "服务器忙，请稍后重试");
			}
		}
		if (db_res_rows(r) < f.limit)
			f.before = 0;
		db_res_free(r);
		r = NULL;
	} while (f.before);
	return 0;
}

int app_sv_notice_export(struct app *a, const struct actor *who, struct table *t,
			 struct app_err *e)
{
	struct export_ctx c = { who, t };
	json_t *unused = NULL;

	if (!sv_office(who))
		return app_fail(e, 403, "FORBIDDEN", "只有督导室和教育局可以导出整改通知");
	return sv_read(a, who, export_read, &c, &unused, e);
}
