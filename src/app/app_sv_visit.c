/* app_sv_visit.c - supervision visits (督导检查, seed 六): plans with the
 * district's inspectors, findings per C item of the annex (SV_ITEM), and
 * the reads of visits by the office and by the visited school. */
#include "app/app_sv_visit_internal.h"
#include "core/sv_visit.h"
#include "store/store_evidence.h"
#include "store/store_sv_visit.h"
#include "util/jfields.h"
#include "util/timeutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SV_MAX_INSPECTORS 10

/* ---- inspectors ---- */

/* Rows of store_sv_user_names as [{id, name}]. */
static json_t *names_json(const struct db_res *r)
{
	json_t *arr = json_array();

	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(arr, json_pack("{s:I,s:s}", "id",
			(json_int_t)db_res_int(r, i, 0), "name", db_res_text(r, i, 1)));
	return arr;
}

static int inspectors_read(struct app *a, struct db *db, void *vctx, json_t **out,
			   struct db_err *dbe, struct app_err *e)
{
	const struct actor *who = vctx;
	struct db_res *r = NULL;
	json_t *items;

	(void)a;
	(void)e;
	if (store_sv_user_names(db, who->district_id, NULL, &r, dbe) != 0)
		return -1;
	items = names_json(r);
	db_res_free(r);
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

int app_sv_inspectors(struct app *a, const struct actor *who, json_t **out,
		      struct app_err *e)
{
	if (!sv_office(who))
		return app_fail(e, 403, "FORBIDDEN", "只有督导室和教育局可以安排督导检查");
	return sv_read(a, who, inspectors_read, (void *)who, out, e);
}

/* ---- visit JSON ---- */

static json_t *visit_json(const struct db_res *r, int i, json_t *inspectors)
{
	return json_pack("{s:I,s:{s:I,s:s},s:s,s:o,s:s,s:o,s:s,s:I}",
		"id", (json_int_t)db_res_int(r, i, SVV_ID),
		"school", "id", (json_int_t)db_res_int(r, i, SVV_SCHOOL), "name",
		db_res_text(r, i, SVV_SCHOOL_NAME),
		"visit_on", db_res_text(r, i, SVV_ON),
		"inspectors", inspectors,
		"note", db_res_text(r, i, SVV_NOTE),
		"notice_id", db_res_isnull(r, i, SVV_NOTICE) ? json_null()
			: json_integer(db_res_int(r, i, SVV_NOTICE)),
		"recorded_by", db_res_text(r, i, SVV_BY_NAME),
		"findings_count", (json_int_t)db_res_int(r, i, SVV_FINDINGS));
}

static int inspectors_json(struct db *db, const struct actor *who, const char *ids,
			   json_t **out, struct db_err *dbe)
{
	struct db_res *r = NULL;

	if (store_sv_user_names(db, who->district_id, ids, &r, dbe) != 0)
		return -1;
	*out = names_json(r);
	db_res_free(r);
	return 0;
}

/* ---- plan a visit ---- */

struct visit_in {
	int64_t school_id, notice_id;
	const char *visit_on, *note;
};

static const struct jfield visit_fields[] = {
	{ "school_id", JF_INT, offsetof(struct visit_in, school_id), true, 1, INT64_MAX, NULL,
	  "学校" },
	{ "visit_on", JF_DATE, offsetof(struct visit_in, visit_on), true, 0, 0, NULL, "检查日期" },
	{ "note", JF_TEXT, offsetof(struct visit_in, note), false, 0, 2000, NULL, "说明" },
	{ "notice_id", JF_INT, offsetof(struct visit_in, notice_id), false, 1, INT64_MAX, NULL,
	  "复查的整改通知" },
};

struct visit_ctx {
	const struct actor *who;
	struct store_sv_visit v;
	int64_t ids[SV_MAX_INSPECTORS];
	int nids;
	char list[SV_MAX_INSPECTORS * 21];
	int64_t id;
};

/* A re-visit names an open notice of the same school. */
static int revisit_ok(struct db *db, struct visit_ctx *c, struct db_err *dbe,
		      struct app_err *e)
{
	struct db_res *r = NULL;
	int rc = store_sv_notice_get(db, c->who->district_id, c->v.notice_id, &r, dbe);

	if (rc == 0 && db_res_int(r, 0, SVN_SCHOOL) != c->v.school_id)
		rc = 1;
	if (rc == 0 && strcmp(db_res_text(r, 0, SVN_STATUS), "closed") == 0) {
		db_res_free(r);
		return app_fail(e, 409, "SV_NOTICE_CLOSED", "这份整改通知已经销号，不能再安排复查");
	}
	db_res_free(r);
	if (rc == 1)
		return app_field_fail(e, 422, "FIELD_INVALID", "notice_id",
				      "这所学校没有这份整改通知");
	return rc;
}

static int visit_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct visit_ctx *c = vctx;
	char obj[48];
	json_t *d;
	int rc = store_school_exists(db, c->who->district_id, c->v.school_id, dbe);

	if (rc < 0)
		return -1;
	if (rc == 0)
		return app_fail(e, 404, "NOT_FOUND", "本区没有这所学校");
	for (int i = 0; i < c->nids; i++) {
		rc = store_sv_is_inspector(db, c->who->district_id, c->ids[i], dbe);
		if (rc < 0)
			return -1;
		if (rc == 0)
			return app_field_fail(e, 422, "FIELD_INVALID", "inspector_ids",
					      "督导人员须是本区在用的督导账号");
	}
	if (c->v.notice_id && revisit_ok(db, c, dbe, e) != 0)
		return -1;
	if (store_sv_visit_insert(db, &c->v, &c->id, dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "sv_visit:%lld", (long long)c->id);
	d = json_pack("{s:I,s:s,s:s,s:o}", "school_id", (json_int_t)c->v.school_id, "visit_on",
		      c->v.visit_on, "inspectors", c->v.inspectors, "notice_id",
		      c->v.notice_id ? json_integer(c->v.notice_id) : json_null());
	rc = app_audit(db, c->who, "sv.visit.create", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

/* inspector_ids: 1..SV_MAX_INSPECTORS distinct positive integers. */
static int inspector_ids(json_t *body, struct visit_ctx *c, struct app_err *e)
{
	json_t *arr = json_object_get(body, "inspector_ids"), *v;
	size_t i, n = 0;

	if (!json_is_array(arr) || json_array_size(arr) < 1 ||
	    json_array_size(arr) > SV_MAX_INSPECTORS)
		return app_field_fail(e, 422, "FIELD_INVALID", "inspector_ids",
				      "请选择 1 到 10 名督导人员");
	json_array_foreach(arr, i, v) {
		int64_t id = json_is_integer(v) ? json_integer_value(v) : 0;

		if (id < 1)
			return app_field_fail(e, 400, "FIELD_INVALID", "inspector_ids",
					      "督导人员应为账号编号");
		for (int k = 0; k < c->nids; k++)
			if (c->ids[k] == id)
				return app_field_fail(e, 422, "FIELD_INVALID", "inspector_ids",
						      "同一名督导人员只列一次");
		c->ids[c->nids++] = id;
		n += (size_t)snprintf(c->list + n, sizeof c->list - n, "%s%lld", n ? "," : "",
				      (long long)id);
	}
	return 0;
}

int app_sv_visit_create(struct app *a, const struct actor *who, json_t *body, json_t **out,
			struct app_err *e)
{
	static const char *const skip[] = { "inspector_ids", NULL };
	struct visit_ctx c = { .who = who };
	struct visit_in in = { 0 };

	if (!sv_office(who))
		return app_fail(e, 403, "FORBIDDEN", "只有督导室和教育局可以安排督导检查");
	if (app_decode_scalars(body, skip, visit_fields, 4, &in, e) != 0 ||
	    inspector_ids(body, &c, e) != 0)
		return -1;
	c.v = (struct store_sv_visit){ who->district_id, in.school_id, in.visit_on, c.list,
				       in.note, in.notice_id, who->user_id, time_now() };
	if (app_tx(a, visit_tx, &c, e) != 0)
		return -1;
	return app_sv_visit_get(a, who, c.id, out, e);
}

/* ---- read visits ---- */

static int visit_list_read(struct app *a, struct db *db, void *vctx, json_t **out,
			   struct db_err *dbe, struct app_err *e)
{
	struct sv_list *c = vctx;
	struct db_res *r = NULL;
	json_t *items, *insp = NULL;

	(void)a;
	(void)e;
	if (store_sv_visit_list(db, c->who->district_id, c->school_id, c->before, c->limit, &r,
				dbe) != 0)
		return -1;
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++) {
		if (inspectors_json(db, c->who, db_res_text(r, i, SVV_INSPECTORS), &insp, dbe) != 0) {
			json_decref(items);
			db_res_free(r);
			return -1;
		}
		json_array_append_new(items, visit_json(r, i, insp));
	}
	db_res_free(r);
	*out = app_page(items, c->limit);
	return 0;
}

int app_sv_visit_list(struct app *a, const struct actor *who, const char *school_id,
		      const char *cursor, const char *limit, json_t **out, struct app_err *e)
{
	struct sv_list c = { .who = who };

	if (sv_paging(school_id, cursor, limit, &c, e) != 0)
		return -1;
	return sv_read(a, who, visit_list_read, &c, out, e);
}

struct get_ctx {
	const struct actor *who;
	int64_t id;
};

static int findings_json(struct app *a, struct db *db, const struct actor *who, int64_t visit,
			 json_t **out, struct db_err *dbe)
{
	struct db_res *r = NULL;
	json_t *ev = NULL;

	if (store_sv_findings(db, visit, &r, dbe) != 0)
		return -1;
	*out = json_array();
	for (int i = 0; i < db_res_rows(r); i++) {
		if (sv_evidence_json(db, who, "sv_finding", db_res_int(r, i, SVF_ID), &ev, dbe)) {
			db_res_free(r);
			return -1;
		}
		json_array_append_new(*out, json_pack("{s:I,s:s,s:s?,s:s,s:o}", "id",
			(json_int_t)db_res_int(r, i, SVF_ID), "item_id", db_res_text(r, i, SVF_ITEM),
			"item_text", sv_item_text(&a->policy, db_res_text(r, i, SVF_ITEM)), "text",
			db_res_text(r, i, SVF_TEXT), "evidence", ev));
	}
	db_res_free(r);
	return 0;
}

static int notices_of_visit(struct app *a, struct db *db, const struct actor *who,
			    int64_t visit, json_t **out, struct db_err *dbe)
{
	struct store_sv_notice_filter f = { .visit_id = visit, .limit = 200 };
	struct db_res *r = NULL;
	char today[11];

	if (store_sv_notice_list(db, who->district_id, &f, &r, dbe) != 0)
		return -1;
	app_today(a, today);
	*out = json_array();
	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(*out, sv_notice_row_json(a, r, i, today));
	db_res_free(r);
	return 0;
}

static int visit_get_read(struct app *a, struct db *db, void *vctx, json_t **out,
			  struct db_err *dbe, struct app_err *e)
{
	struct get_ctx *c = vctx;
	struct db_res *r = NULL;
	json_t *insp = NULL, *fs = NULL, *ns = NULL, *v;
	int rc = store_sv_visit_get(db, c->who->district_id, c->id, &r, dbe);

	if (rc == 1 || (rc == 0 && !app_reads_school(c->who, db_res_int(r, 0, SVV_SCHOOL)))) {
		db_res_free(r);
		return app_fail(e, 404, "NOT_FOUND", "没有这次督导检查");
	}
	if (rc < 0 || inspectors_json(db, c->who, db_res_text(r, 0, SVV_INSPECTORS), &insp, dbe) ||
	    findings_json(a, db, c->who, c->id, &fs, dbe) ||
	    notices_of_visit(a, db, c->who, c->id, &ns, dbe)) {
		json_decref(insp);
		json_decref(fs);
		db_res_free(r);
		return -1;
	}
	v = visit_json(r, 0, insp);
	json_object_set_new(v, "findings", fs);
	json_object_set_new(v, "notices", ns);
	db_res_free(r);
	*out = json_pack("{s:o}", "visit", v);
	return 0;
}

int app_sv_visit_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		     struct app_err *e)
{
	struct get_ctx c = { who, id };

	return sv_read(a, who, visit_get_read, &c, out, e);
}

/* ---- findings ---- */

struct finding_in {
	const char *item_id, *text;
};

static const struct jfield finding_fields[] = {
	{ "item_id", JF_STR, offsetof(struct finding_in, item_id), true, 1, 15, NULL, "指标" },
	{ "text", JF_TEXT, offsetof(struct finding_in, text), true, 1, 2000, NULL, "发现的问题" },
};

struct finding_ctx {
	const struct app *a;
	const struct actor *who;
	int64_t visit_id, id;
	struct finding_in in;
};

static int finding_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct finding_ctx *c = vctx;
	struct db_res *r = NULL;
	char obj[48], today[11];
	json_t *d;
	int rc = store_sv_visit_get(db, c->who->district_id, c->visit_id, &r, dbe);

	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有这次督导检查");
	if (rc < 0)
		return -1;
	app_today(c->a, today);
	rc = strcmp(db_res_text(r, 0, SVV_ON), today) > 0;
	db_res_free(r);
	if (rc)
		return sv_refuse(c->a, e, 422, "SV_VISIT_NOT_YET", "SV_RECTIFY",
				 "检查日期还没到，不能登记发现的问题");
	if (store_sv_finding_insert(db, c->visit_id, c->in.item_id, c->in.text, c->who->user_id,
				    time_now(), &c->id, dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "sv_visit:%lld", (long long)c->visit_id);
	d = json_pack("{s:I,s:s}", "finding_id", (json_int_t)c->id, "item_id", c->in.item_id);
	rc = app_audit(db, c->who, "sv.finding.add", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_sv_finding_add(struct app *a, const struct actor *who, int64_t visit_id, json_t *body,
		       json_t **out, struct app_err *e)
{
	static const char *const skip[] = { NULL };
	struct finding_ctx c = { a, who, visit_id, 0, { 0 } };

	if (!sv_office(who))
		return app_fail(e, 403, "FORBIDDEN", "只有督导室和教育局可以登记督导发现");
	if (app_decode_scalars(body, skip, finding_fields, 2, &c.in, e) != 0)
		return -1;
	/* SV_ITEM: a C item of the annex. */
	if (!sv_item_text(&a->policy, c.in.item_id))
		return sv_refuse(a, e, 422, "SV_ITEM", "SV_RECTIFY",
				 "指标 %s 不在督导评估细则的 C 级指标中", c.in.item_id);
	if (app_tx(a, finding_tx, &c, e) != 0)
		return -1;
	*out = json_pack("{s:{s:I,s:I,s:s,s:s?,s:s,s:[]}}", "finding", "id", (json_int_t)c.id,
			 "visit_id", (json_int_t)visit_id, "item_id", c.in.item_id, "item_text",
			 sv_item_text(&a->policy, c.in.item_id), "text", c.in.text, "evidence");
	return 0;
}
