/* routes_report.c - public reports (举报) and teacher ethics (师德师风):
 * decode, call one app_ function, answer. */
#include "app/app_report.h"
#include "http/handlers.h"
#include "util/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void h_rp_public_file(struct http_req *rq, struct http_resp *rs)
{
	http_call_body(rq, rs, app_report_file, 201);
}

void h_rp_public_get(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_report_lookup(rq->app, rq->params[0], &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_rp_public_evidence(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_report_evidence_add(rq->app, &rq->who, rq->params[0], http_query(rq, "name"),
					 rq->raw, rq->rawlen, &out, &e);

	http_answer(rq, rs, rc, out, &e, 201);
}

void h_rp_public_schools(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_report_schools(rq->app, &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_rp_page(struct http_req *rq, struct http_resp *rs)
{
	http_send_page(rq, rs, "jubao.html");
}

void h_rp_list(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_report_list(rq->app, &rq->who, http_query(rq, "status"), http_query(rq, "kind"),
				 http_query(rq, "overdue"), http_query(rq, "q"), http_query(rq, "cursor"),
				 http_query(rq, "limit"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_rp_get(struct http_req *rq, struct http_resp *rs)
{
	http_call_id(rq, rs, app_report_get, 0);
}

void h_rp_step(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) == 0) {
		int rc = app_report_step(rq->app, &rq->who, id, rq->params[1], rq->body, &out, &e);

		http_answer(rq, rs, rc, out, &e, 0);
	}
}

void h_rp_evidence_get(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	int64_t id, eid;
	void *data = NULL;
	size_t len = 0;
	char m[32];

	if (http_param_id(rq, rs, 0, &id) != 0 || http_param_id(rq, rs, 1, &eid) != 0)
		return;
	if (app_report_evidence_get(rq->app, &rq->who, id, eid, &data, &len, m, &e) != 0) {
		http_app_error(rq, rs, &e);
		return;
	}
	/* One of three fixed types (filesniff.h); a static copy outlives the answer. */
	rs->ctype = !strcmp(m, "application/pdf") ? "application/pdf"
		  : !strcmp(m, "image/png") ? "image/png" : "image/jpeg";
	rs->raw = data;
	rs->rawlen = len;
	rs->raw_owned = 1;
	snprintf(rs->disposition, sizeof rs->disposition, "inline; filename=\"evidence-%lld\"",
		 (long long)eid);
}

void h_rp_stats(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_report_stats(rq->app, &rq->who, &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_rp_xlsx(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	struct table t = { 0 };

	if (app_report_table(rq->app, &rq->who, &t, &e) != 0)
		http_app_error(rq, rs, &e);
	else
		http_send_xlsx(rq, rs, "举报线索", rp_export_header, rp_export_ncols, &t,
			       "reports.xlsx");
	table_free(&t);
}

void h_ethics_list(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_ethics_list(rq->app, &rq->who, http_query(rq, "school_id"),
				 http_query(rq, "year"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_ethics_create(struct http_req *rq, struct http_resp *rs)
{
	http_call_body(rq, rs, app_ethics_create, 201);
}

void h_ethics_withdraw(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) == 0) {
		int rc = app_ethics_withdraw(rq->app, &rq->who, id, rq->body, &out, &e);

		http_answer(rq, rs, rc, out, &e, 0);
	}
}

void h_ethics_mine(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_ethics_mine(rq->app, &rq->who, &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}
