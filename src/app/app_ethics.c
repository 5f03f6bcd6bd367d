/* app_ethics.c - teacher ethics records (师德师风, 四3, B25.1): a proven
 * paid-tutoring case vetoes the teacher's rating for the school year
 * (TE_PAID_TUTORING). Records are withdrawn with a reason, never deleted. */
#include "app/app_report.h"

#include "app/app_report_internal.h"
#include "core/report.h"
#include "store/store_org.h"
#include "store/store_report.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t today(const struct app *a)
{
	return date_of(time_now(), a->policy.utc_offset_minutes);
}

int app_ethics_record(const struct app *a, struct db *db, const struct actor *who,
		      const struct ethics_new *x, int64_t *id, int *exists, struct db_err *dbe,
		      struct app_err *e)
{
	struct store_ethics s = { .district_id = who->district_id, .staff_id = x->staff_id,
		.report_id = x->report_id, .user_id = who->user_id,
		.school_year = te_school_year(x->day, &a->policy), .rule_code = "TE_PAID_TUTORING",
		.finding = x->finding, .evidence_note = x->evidence_note, .now = time_now() };
	char obj[48];
	json_t *d;
	int rc = store_staff_school(db, who->district_id, x->staff_id, &s.school_id, dbe);

	if (rc < 0)
		return -1;
	if (rc == 1 || (who->role != ROLE_DISTRICT_ADMIN && s.school_id != who->school_id))
		return app_field_fail(e, 422, "FIELD_INVALID", "staff_id", "没有这位在职教职工");
	if (store_ethics_active(db, x->staff_id, s.school_year, id, dbe) != 0)
		return -1;
	if (*id) {
		if (exists) {
			*exists = 1;
			return 0;
		}
		return app_fail(e, 409, "ETHICS_EXISTS", "这位教师本学年已有师德记录");
	}
	s.veto = a->policy.te_veto && !strcmp(x->finding, a->policy.te_finding);
	if (store_ethics_insert(db, &s, id, dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "ethics:%lld", (long long)*id);
	d = json_pack("{s:I,s:i,s:b,s:s}", "staff_id", (json_int_t)x->staff_id, "school_year",
		      s.school_year, "veto", s.veto, "rule", "TE_PAID_TUTORING");
	if (x->report_id)
		json_object_set_new(d, "report_id", json_integer(x->report_id));
	rc = app_audit(db, who, "ethics.create", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

struct ethics_in {
	int64_t staff_id;
	const char *finding, *evidence_note;
};

static const struct jfield ethics_fields[] = {
	{ "staff_id", JF_INT, offsetof(struct ethics_in, staff_id), true, 1, INT64_MAX, NULL, "教师" },
	{ "finding", JF_STR, offsetof(struct ethics_in, finding), true, 1, 60, NULL, "查实问题" },
	{ "evidence_note", JF_TEXT, offsetof(struct ethics_in, evidence_note), true, 1, 2000, NULL, "证据与查处情况" },
};

struct create_ctx {
	const struct app *a;
	const struct actor *who;
	struct ethics_new x;
	int64_t id;
};

static int create_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct create_ctx *c = vctx;

	return app_ethics_record(c->a, db, c->who, &c->x, &c->id, NULL, dbe, e);
}

int app_ethics_create(struct app *a, const struct actor *who, json_t *body, json_t **out,
		      struct app_err *e)
{
	struct ethics_in in = { 0 };
	struct create_ctx c = { .a = a, .who = who };
	struct jf_error je;

	if (jf_decode(body, ethics_fields, sizeof ethics_fields / sizeof ethics_fields[0], &in,
		      &je) != 0)
		return app_field_fail(e, je.status, je.code, je.field, je.message);
	if (app_blank(in.evidence_note))
		return app_field_fail(e, 422, "FIELD_REQUIRED", "evidence_note", "请写明证据与查处情况");
	c.x = (struct ethics_new){ .staff_id = in.staff_id, .finding = in.finding,
		.evidence_note = in.evidence_note, .day = today(a) };
	if (app_tx(a, create_tx, &c, e) != 0)
		return -1;
	*out = json_pack("{s:I,s:I,s:i,s:b}", "id", (json_int_t)c.id, "staff_id",
			 (json_int_t)in.staff_id, "school_year", te_school_year(c.x.day, &a->policy),
			 "veto", a->policy.te_veto && !strcmp(in.finding, a->policy.te_finding));
	return 0;
}

static json_t *ethics_json(const struct app *a, struct db_res *r, int i)
{
	char at[16];

	date_format(date_of(db_res_int(r, i, ETC_AT), a->policy.utc_offset_minutes), at, sizeof at);
	return json_pack("{s:I,s:I,s:s,s:I,s:s,s:I,s:s,s:s,s:s,s:b,s:o,s:s,s:s,s:s}",
		"id", (json_int_t)db_res_int(r, i, ETC_ID),
		"staff_id", (json_int_t)db_res_int(r, i, ETC_STAFF),
		"staff_name", db_res_text(r, i, ETC_STAFF_NAME),
		"school_id", (json_int_t)db_res_int(r, i, ETC_SCHOOL),
		"school_name", db_res_text(r, i, ETC_SCHOOL_NAME),
		"school_year", (json_int_t)db_res_int(r, i, ETC_YEAR),
		"rule_code", db_res_text(r, i, ETC_RULE), "finding", db_res_text(r, i, ETC_FINDING),
		"evidence_note", db_res_text(r, i, ETC_NOTE), "veto", (int)db_res_int(r, i, ETC_VETO),
		"report_id", db_res_isnull(r, i, ETC_REPORT) ? json_null()
			: json_integer(db_res_int(r, i, ETC_REPORT)),
		"status", db_res_text(r, i, ETC_STATUS),
		"withdraw_reason", db_res_text(r, i, ETC_REASON), "recorded_on", at);
}

static json_t *ethics_items(const struct app *a, struct db_res *r)
{
	json_t *items = json_array();

	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(items, ethics_json(a, r, i));
	return items;
}

static int parse_id(const char *s, int64_t *v)
{
	char *end;
	long long x;

	*v = 0;
	if (!s || !s[0])
		return 0;
	x = strtoll(s, &end, 10);
	if (*end || x < 0)
		return -1;
	*v = x;
	return 0;
}

int app_ethics_list(struct app *a, const struct actor *who, const char *school_id,
		    const char *year, json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	int64_t sid, y, n = 0;
	struct db *db;
	int rc;

	if (parse_id(school_id, &sid) != 0 || parse_id(year, &y) != 0 || y > 2999)
		return app_fail(e, 400, "QUERY_INVALID", "school_id 和 year 应为正整数");
	if (who->role == ROLE_PRINCIPAL || who->role == ROLE_ACADEMIC_OFFICE)
		sid = who->school_id; /* a school sees its own records only */
	if (!y)
		y = te_school_year(today(a), &a->policy);
	if (!(db = app_db_get(a, e)))
		return -1;
	rc = store_ethics_list(db, who->district_id, sid, 0, (int)y, &r, &dbe);
	if (rc == 0 && sid)
		rc = store_ethics_vetoed_count(db, sid, (int)y, &n, &dbe);
	app_db_put(a, db);
	if (rc != 0) {
		db_res_free(r);
		return app_db_fail(e, &dbe, who->request_id);
	}
	*out = json_pack("{s:o,s:I,s:o}", "items", ethics_items(a, r), "school_year", (json_int_t)y,
			 "vetoed_count", sid ? json_integer(n) : json_null());
	db_res_free(r);
	return 0;
}

int app_ethics_mine(struct app *a, const struct actor *who, json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct db *db = app_db_get(a, e);
	int rc;

	if (!db)
		return -1;
	rc = store_ethics_list(db, who->district_id, 0, who->user_id, 0, &r, &dbe);
	app_db_put(a, db);
	if (rc != 0)
		return app_db_fail(e, &dbe, who->request_id);
	*out = json_pack("{s:o,s:i}", "items", ethics_items(a, r), "school_year",
			 te_school_year(today(a), &a->policy));
	db_res_free(r);
	return 0;
}

struct withdraw_ctx {
	const struct actor *who;
	int64_t id;
	const char *reason;
};

static int withdraw_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct withdraw_ctx *c = vctx;
	struct db_res *r = NULL;
	char obj[48];
	json_t *d;
	int rc = store_ethics_get(db, c->who->district_id, c->id, &r, dbe);

	if (rc < 0)
		return -1;
	db_res_free(r);
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有找到这条师德记录");
	if ((rc = store_ethics_withdraw(db, c->id, c->reason, c->who->user_id, time_now(), dbe)) != 0)
		return rc < 0 ? -1 : app_fail(e, 409, "ETHICS_WITHDRAWN", "这条记录已经撤销");
	snprintf(obj, sizeof obj, "ethics:%lld", (long long)c->id);
	d = json_pack("{s:s}", "reason", c->reason);
	rc = app_audit(db, c->who, "ethics.withdraw", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

static const struct jfield withdraw_fields[] = {
	{ "reason", JF_STR, 0, true, 2, 500, NULL, "撤销原因" },
};

int app_ethics_withdraw(struct app *a, const struct actor *who, int64_t id, json_t *body,
			json_t **out, struct app_err *e)
{
	struct withdraw_ctx c = { .who = who, .id = id };
	struct jf_error je;

	if (jf_decode(body, withdraw_fields, 1, &c.reason, &je) != 0)
		return app_field_fail(e, je.status, je.code, je.field, je.message);
	if (app_blank(c.reason))
		return app_field_fail(e, 422, "FIELD_REQUIRED", "reason", "请写明撤销原因");
	if (app_tx(a, withdraw_tx, &c, e) != 0)
		return -1;
	*out = json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", "withdrawn");
	return 0;
}

int app_ethics_vetoed_count(struct app *a, int64_t school_id, int school_year, int64_t *n,
			    struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db *db = app_db_get(a, e);
	int rc;

	if (!db)
		return -1;
	rc = store_ethics_vetoed_count(db, school_id, school_year, n, &dbe);
	app_db_put(a, db);
	return rc ? app_db_fail(e, &dbe, "") : 0;
}
