/* routes_hw.c - handlers for homework (the routes are in routes.c's table). */
#include "app/app_hw.h"
#include "core/homework.h"
#include "http/handlers.h"
#include "util/embed.h"
#include "util/qr_svg.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void h_hw_post(struct http_req *rq, struct http_resp *rs)
{
	struct hw_in in = { 0 };
	struct app_err e = { 0 };
	json_t *out = NULL;

	if (http_decode(rq, rs, hw_post_fields, hw_post_nfields, &in) == 0) {
		int rc = app_hw_post(rq->app, &rq->who, &in, &out, &e);

		http_answer(rq, rs, rc, out, &e, 201);
	}
}

void h_hw_get(struct http_req *rq, struct http_resp *rs)
{
	http_call_id(rq, rs, app_hw_get, 0);
}

void h_hw_edit(struct http_req *rq, struct http_resp *rs)
{
	struct hw_in in = { 0 };
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) == 0 &&
	    http_decode(rq, rs, hw_edit_fields, hw_edit_nfields, &in) == 0) {
		int rc = app_hw_edit(rq->app, &rq->who, id, &in, &out, &e);

		http_answer(rq, rs, rc, out, &e, 0);
	}
}

struct reason_in {
	const char *reason, *action, *note;
};
static const struct jfield withdraw_fields[] = {
	{ "reason", JF_TEXT, offsetof(struct reason_in, reason), true, 1, 200, NULL, "撤回原因" },
};
static const char *const review_actions[] = { "approve", "return", NULL };
static const struct jfield review_fields[] = {
	{ "action", JF_ENUM, offsetof(struct reason_in, action), true, 0, 0, review_actions, "审核结果" },
	{ "reason", JF_TEXT, offsetof(struct reason_in, reason), false, 0, 200, NULL, "原因" },
};
static const struct jfield close_fields[] = {
	{ "note", JF_TEXT, offsetof(struct reason_in, note), true, 1, 500, NULL, "原因分析与辅导措施" },
};

void h_hw_withdraw(struct http_req *rq, struct http_resp *rs)
{
	struct reason_in in = { 0 };
	struct app_err e = { 0 };
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) == 0 && http_decode(rq, rs, withdraw_fields, 1, &in) == 0) {
		int rc = app_hw_withdraw(rq->app, &rq->who, id, in.reason, &e);

		http_answer(rq, rs, rc, NULL, &e, 0);
	}
}

void h_hw_review(struct http_req *rq, struct http_resp *rs)
{
	struct reason_in in = { 0 };
	struct app_err e = { 0 };
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) == 0 && http_decode(rq, rs, review_fields, 2, &in) == 0) {
		int rc = app_hw_review(rq->app, &rq->who, id, in.action, in.reason, &e);

		http_answer(rq, rs, rc, NULL, &e, 0);
	}
}

struct grading_in {
	const char *method, *notes;
	int reviewed;
};
static const struct jfield grading_fields[] = {
	{ "method", JF_ENUM, offsetof(struct grading_in, method), true, 0, 0, hw_grading_ids, "批改方式" },
	{ "reviewed", JF_BOOL, offsetof(struct grading_in, reviewed), false, 0, 0, NULL, "课堂讲评" },
	{ "notes", JF_TEXT, offsetof(struct grading_in, notes), false, 0, 500, NULL, "批改记录" },
};

void h_hw_grading(struct http_req *rq, struct http_resp *rs)
{
	struct grading_in in = { 0 };
	struct app_err e = { 0 };
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) == 0 && http_decode(rq, rs, grading_fields, 3, &in) == 0) {
		int rc = app_hw_grading(rq->app, &rq->who, id, in.method, in.reviewed, in.notes,
					&e);

		http_answer(rq, rs, rc, NULL, &e, 0);
	}
}

void h_hw_pending(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;

	int rc = app_hw_pending(rq->app, &rq->who, &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_hw_class_day(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) == 0) {
		int rc = app_hw_class_day(rq->app, &rq->who, id, http_query(rq, "date"), &out,
					  &e);

		http_answer(rq, rs, rc, out, &e, 0);
	}
}

void h_hw_subjects(struct http_req *rq, struct http_resp *rs)
{
	http_call_id(rq, rs, app_hw_subjects, 0);
}

void h_hw_difficulty_sample(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_hw_difficulty_sample(rq->app, &rq->who, http_query(rq, "week"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_hw_difficulty_review(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_hw_difficulty_review, 0);
}

void h_hw_settings_get(struct http_req *rq, struct http_resp *rs)
{
	http_call_id(rq, rs, app_hw_settings_get, 0);
}

struct settings_in {
	int approval;
	const char *plan;
	int head_any; /* -1 when absent */
};
static const struct jfield settings_fields[] = {
	{ "approval", JF_BOOL, offsetof(struct settings_in, approval), true, 0, 0, NULL, "作业审核" },
	{ "plan", JF_TEXT, offsetof(struct settings_in, plan), false, 0, 5000, NULL, "作业管理方案" },
	{ "head_any_subject", JF_BOOL, offsetof(struct settings_in, head_any), false, 0, 0, NULL,
	  "班主任可布置非任教学科" },
};

void h_hw_settings_put(struct http_req *rq, struct http_resp *rs)
{
	struct settings_in in = { .head_any = -1 };
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) != 0 || http_decode(rq, rs, settings_fields, 3, &in) != 0)
		return;
	if (app_hw_settings_set(rq->app, &rq->who, id, in.approval, in.plan, in.head_any, &e) == 0)
		app_hw_settings_get(rq->app, &rq->who, id, &out, &e);
	http_answer(rq, rs, out ? 0 : -1, out, &e, 0);
}

void h_hw_report(struct http_req *rq, struct http_resp *rs)
{
	struct hw_report_in in = { 0 };
	struct app_err e = { 0 };
	json_t *out = NULL;

	if (http_decode(rq, rs, hw_report_fields, hw_report_nfields, &in) == 0) {
		int rc = app_hw_report(rq->app, &rq->who, &in, &out, &e);

		http_answer(rq, rs, rc, out, &e, 201);
	}
}

void h_hw_report_get(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;

	int rc = app_hw_report_get(rq->app, &rq->who, http_query(rq, "student_id"),
				   http_query(rq, "date"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_hw_followups(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;

	int rc = app_hw_followups(rq->app, &rq->who, http_query(rq, "status"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_hw_followup_close(struct http_req *rq, struct http_resp *rs)
{
	struct reason_in in = { 0 };
	struct app_err e = { 0 };
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) == 0 && http_decode(rq, rs, close_fields, 1, &in) == 0) {
		int rc = app_hw_followup_close(rq->app, &rq->who, id, in.note, &e);

		http_answer(rq, rs, rc, NULL, &e, 0);
	}
}

void h_hw_stats(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;

	int rc = app_hw_stats(rq->app, &rq->who, http_query(rq, "school_id"), http_query(rq, "from"),
			      http_query(rq, "to"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_hw_estimates(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;

	int rc = app_hw_estimates(rq->app, &rq->who, http_query(rq, "from"), http_query(rq, "to"),
				  &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_hw_stats_xlsx(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	struct table t = { 0 };

	if (app_hw_stats_table(rq->app, &rq->who, http_query(rq, "school_id"),
			       http_query(rq, "from"), http_query(rq, "to"), &t, &e) != 0)
		http_app_error(rq, rs, &e);
	else
		http_send_xlsx(rq, rs, "作业统计", hw_stats_header, hw_stats_ncols, &t,
			       "homework-stats.xlsx");
	table_free(&t);
}

/* ---- public ---- */

void h_public_notice(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	char *body = NULL;
	size_t len = 0;

	if (app_hw_public_text(rq->app, rq->params[0], http_query(rq, "date"), &body, &len, &e) != 0) {
		http_app_error(rq, rs, &e);
		return;
	}
	rs->raw = body;
	rs->rawlen = len;
	rs->raw_owned = 1;
	rs->ctype = "application/json; charset=utf-8";
}

/* The Host the client used, when it looks like a host name (else none). */
static const char *client_host(struct http_req *rq)
{
	const char *h = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "Host");

	if (!h || !*h || strlen(h) > 255 || strspn(h, "abcdefghijklmnopqrstuvwxyz"
					    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") != strlen(h))
		return NULL;
	return h;
}

void h_public_notice_qr(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	const char *host = client_host(rq);
	char url[512];

	/* Only a code that exists gets a picture. */
	if (app_hw_public(rq->app, rq->params[0], NULL, &out, &e) != 0) {
		http_app_error(rq, rs, &e);
		return;
	}
	json_decref(out);
	snprintf(url, sizeof url, "%s%s/gongshi/%s", host ? "http://" : "", host ? host : "",
		 rq->params[0]);
	rs->raw = qr_svg(url, &rs->rawlen);
	if (!rs->raw) {
		http_error(rq, rs, 500, "QR_FAILED", "二维码生成失败");
		return;
	}
	rs->raw_owned = 1;
	rs->ctype = "image/svg+xml";
}

void h_gongshi_page(struct http_req *rq, struct http_resp *rs)
{
	http_send_page(rq, rs, "gongshi.html");
}
