/* app_report_steps.c - the bureau's steps on a report: route, answer (the
 * outcome that goes back to the reporter; a proven paid-tutoring finding
 * records the teacher's veto, TE_PAID_TUTORING), close. 四1, 四3. */
#include "app/app_report.h"

#include "app/app_report_internal.h"
#include "core/report.h"
#include "store/store_org.h"
#include "store/store_report.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

static const char *const routes[] = { "education", "market", "police", "school", NULL };
static const char *const outcomes[] = { "proven", "partly", "unfounded", "out_of_scope", NULL };

struct step_in {
	const char *to, *note, *outcome, *reply, *finding;
	int64_t school_id, staff_id;
};

static const struct jfield route_fields[] = {
	{ "to", JF_ENUM, offsetof(struct step_in, to), true, 0, 0, routes, "转办部门" },
	{ "school_id", JF_INT, offsetof(struct step_in, school_id), false, 1, INT64_MAX, NULL, "学校" },
	{ "note", JF_TEXT, offsetof(struct step_in, note), false, 0, 2000, NULL, "内部备注" },
};

static const struct jfield answer_fields[] = {
	{ "outcome", JF_ENUM, offsetof(struct step_in, outcome), true, 0, 0, outcomes, "处理结果" },
	{ "reply", JF_TEXT, offsetof(struct step_in, reply), true, 2, 2000, NULL, "答复举报人" },
	{ "finding", JF_STR, offsetof(struct step_in, finding), false, 0, 60, NULL, "查实问题" },
	{ "staff_id", JF_INT, offsetof(struct step_in, staff_id), false, 1, INT64_MAX, NULL, "被举报教师" },
	{ "note", JF_TEXT, offsetof(struct step_in, note), false, 0, 2000, NULL, "内部备注" },
};

static const struct jfield close_fields[] = {
	{ "note", JF_TEXT, offsetof(struct step_in, note), false, 0, 2000, NULL, "内部备注" },
};

struct step_ctx {
	const struct app *a;
	const struct actor *who;
	int64_t id, ethics_id;
	const char *step;
	struct step_in in;
	int status;
};

static int do_route(struct step_ctx *c, struct db *db, struct store_report_state *s,
		    struct db_err *dbe, struct app_err *e)
{
	int ok;

	if (!strcmp(c->in.to, "school")) {
		if (c->in.school_id) {
			if ((ok = app_report_school_ok(db, c->who->district_id, c->in.school_id, dbe)) < 0)
				return -1;
			if (!ok)
				return app_field_fail(e, 422, "FIELD_INVALID", "school_id", "没有这所学校");
			s->school_id = c->in.school_id;
		}
		if (!s->school_id)
			return app_field_fail(e, 422, "FIELD_REQUIRED", "school_id",
					      "转交学校处理时请选择学校");
	}
	s->routed_to = c->in.to;
	return 0;
}

static int do_answer(struct step_ctx *c, struct db *db, struct db_res *r,
		     struct store_report_state *s, struct db_err *dbe, struct app_err *e)
{
	const char *kind = db_res_text(r, 0, RPC_KIND), *finding = c->in.finding ? c->in.finding : "";
	int64_t day = date_of(s->now, c->a->policy.utc_offset_minutes);
	int exists = 0;

	if (app_blank(c->in.reply))
		return app_field_fail(e, 422, "FIELD_REQUIRED", "reply", "请填写给举报人的答复");
	s->outcome = c->in.outcome;
	s->reply = c->in.reply;
	s->finding = finding;
	if (c->in.staff_id) {
		int64_t school;
		int rc = store_staff_school(db, c->who->district_id, c->in.staff_id, &school, dbe);

		if (rc < 0)
			return -1;
		if (rc == 1)
			return app_field_fail(e, 422, "FIELD_INVALID", "staff_id", "没有这位在职教职工");
		s->staff_id = c->in.staff_id;
	}
	if (te_vetoes(kind, c->in.outcome, finding, &c->a->policy)) { /* TE_PAID_TUTORING */
		struct ethics_new x = { .staff_id = s->staff_id, .report_id = c->id,
			.finding = finding, .evidence_note = "举报查实", .day = day };

		if (!s->staff_id)
			return app_field_fail(e, 422, "FIELD_REQUIRED", "staff_id",
					      "查实在职教师有偿补课，请选择被举报的教师");
		if (app_ethics_record(c->a, db, c->who, &x, &c->ethics_id, &exists, dbe, e) != 0)
			return -1;
	}
	return 0;
}

static int step_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct step_ctx *c = vctx;
	struct store_report_state s = { .id = c->id, .now = time_now() };
	struct db_res *r = NULL;
	char obj[48], answered[16];
	int rc = store_report_get(db, c->who->district_id, c->id, &r, dbe), next;
	json_t *d;

	if (rc < 0)
		return -1;
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有找到这条举报");
	next = rp_step(rp_status_parse(db_res_text(r, 0, RPC_STATUS)), c->step);
	if (next < 0) {
		app_fail(e, 409, "RP_STEP_ORDER", "这条举报当前为“%s”，不能进行这一步",
			 rp_status_name(rp_status_parse(db_res_text(r, 0, RPC_STATUS))));
		db_res_free(r);
		return -1;
	}
	s.school_id = db_res_isnull(r, 0, RPC_SCHOOL) ? 0 : db_res_int(r, 0, RPC_SCHOOL);
	s.staff_id = db_res_isnull(r, 0, RPC_STAFF) ? 0 : db_res_int(r, 0, RPC_STAFF);
	s.routed_to = db_res_text(r, 0, RPC_ROUTED);
	s.outcome = db_res_text(r, 0, RPC_OUTCOME);
	s.finding = db_res_text(r, 0, RPC_FINDING);
	s.reply = db_res_text(r, 0, RPC_REPLY);
	s.answered_on = db_res_text(r, 0, RPC_ANSWERED);
	s.status = rp_status_ids[next];
	if (next == RP_ANSWERED) {
		date_format(date_of(s.now, c->a->policy.utc_offset_minutes), answered, sizeof answered);
		s.answered_on = answered;
	}
	rc = next == RP_ROUTED ? do_route(c, db, &s, dbe, e)
	   : next == RP_ANSWERED ? do_answer(c, db, r, &s, dbe, e) : 0;
	if (rc == 0 && (store_report_update(db, &s, dbe) != 0 ||
			store_report_step_add(db, c->id, s.status,
					      next == RP_ROUTED ? s.routed_to
					      : next == RP_ANSWERED ? s.outcome : "",
					      c->in.note, c->who->user_id, s.now, dbe) != 0))
		rc = -1;
	db_res_free(r);
	if (rc != 0)
		return -1;
	c->status = next;
	snprintf(obj, sizeof obj, "report:%lld", (long long)c->id);
	d = json_pack("{s:s}", "status", s.status);
	if (next == RP_ROUTED)
		json_object_set_new(d, "routed_to", json_string(s.routed_to));
	if (next == RP_ANSWERED)
		json_object_set_new(d, "outcome", json_string(s.outcome));
	rc = app_audit(db, c->who, next == RP_ROUTED ? "report.route"
			: next == RP_ANSWERED ? "report.answer" : "report.close", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_report_step(struct app *a, const struct actor *who, int64_t id, const char *step,
		    json_t *body, json_t **out, struct app_err *e)
{
	struct step_ctx c = { .a = a, .who = who, .id = id, .step = step };
	const struct jfield *f = !strcmp(step, "route") ? route_fields
			       : !strcmp(step, "answer") ? answer_fields
			       : !strcmp(step, "close") ? close_fields : NULL;
	size_t n = f == route_fields ? 3 : f == answer_fields ? 5 : 1;
	struct jf_error je;

	if (!f)
		return app_fail(e, 404, "NOT_FOUND", "步骤应为 route、answer 或 close");
	if (jf_decode(body, f, n, &c.in, &je) != 0)
		return app_field_fail(e, je.status, je.code, je.field, je.message);
	if (app_tx(a, step_tx, &c, e) != 0)
		return -1;
	*out = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)id, "status", rp_status_ids[c.status],
			 "status_name", rp_status_name(c.status));
	if (c.ethics_id)
		json_object_set_new(*out, "ethics_record_id", json_integer(c.ethics_id));
	return 0;
}
