/* routes_sv.c - handlers for supervision rounds and scores (issue 15, part
 * SA; routes in routes.c): each reads the path ids, query or body, calls
 * its use case and answers. */
#include "app/app_sv.h"
#include "http/handlers.h"
#include "util/xlsx_out.h"

#include <stdio.h>

void h_sv_round_create(struct http_req *rq, struct http_resp *rs)
{
	http_call_body(rq, rs, app_sv_round_create, 201);
}

void h_sv_round_list(struct http_req *rq, struct http_resp *rs)
{
	struct sv_round_filter f = { http_query(rq, "term_id"), http_query(rq, "cursor"),
				     http_query(rq, "limit") };
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_sv_round_list(rq->app, &rq->who, &f, &out, &e);

	http_answer(rq, rs, rc, out, &e, 200);
}

void h_sv_round_get(struct http_req *rq, struct http_resp *rs)
{
	http_call_id(rq, rs, app_sv_round_get, 200);
}

void h_sv_dashboard(struct http_req *rq, struct http_resp *rs)
{
	http_call_id(rq, rs, app_sv_dashboard, 200);
}

/* The path's round and school ids (404 when either is not a positive number). */
static int round_school(struct http_req *rq, struct http_resp *rs, int64_t *id, int64_t *school)
{
	return http_param_id(rq, rs, 0, id) != 0 || http_param_id(rq, rs, 1, school) != 0 ? -1 : 0;
}

void h_sv_school(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id, school;
	int rc;

	if (round_school(rq, rs, &id, &school) != 0)
		return;
	rc = app_sv_school(rq->app, &rq->who, id, school, &out, &e);
	http_answer(rq, rs, rc, out, &e, 200);
}

void h_sv_score_put(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id, school;
	int rc;

	if (round_school(rq, rs, &id, &school) != 0)
		return;
	rc = app_sv_score_put(rq->app, &rq->who, id, school, rq->params[2], rq->body, &out, &e);
	http_answer(rq, rs, rc, out, &e, 200);
}

void h_sv_special(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_sv_special(rq->app, &rq->who, http_query(rq, "round_id"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 200);
}

void h_sv_xlsx(struct http_req *rq, struct http_resp *rs)
{
	struct sv_book b = { 0 };
	struct xlsx_sheet sh[SV_SHEETS];
	struct app_err e = { 0 };
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	if (app_sv_book(rq->app, &rq->who, id, &b, &e) != 0) {
		http_app_error(rq, rs, &e);
	} else {
		for (int i = 0; i < SV_SHEETS; i++)
			sh[i] = (struct xlsx_sheet){ sv_sheet_names[i], b.header[i], b.ncols[i],
						     &b.t[i] };
		http_send_xlsx_book(rq, rs, sh, SV_SHEETS, "supervision.xlsx");
	}
	app_sv_book_free(&b);
}

void h_sv_evidence_add(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id, school;
	int rc;

	if (round_school(rq, rs, &id, &school) != 0)
		return;
	rc = app_sv_evidence_add(rq->app, &rq->who, id, school, rq->params[2],
				 http_query(rq, "name"), rq->raw, rq->rawlen, &out, &e);
	http_answer(rq, rs, rc, out, &e, 201);
}

void h_sv_evidence_get(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	int64_t id, school, eid;
	void *data = NULL;
	size_t len = 0;
	char mime[32], name[64];

	if (round_school(rq, rs, &id, &school) != 0 || http_param_id(rq, rs, 2, &eid) != 0)
		return;
	if (app_sv_evidence_get(rq->app, &rq->who, id, school, eid, &data, &len, mime, &e) != 0) {
		http_app_error(rq, rs, &e);
		return;
	}
	snprintf(name, sizeof name, "sv-evidence-%lld.%s", (long long)eid,
		 mime[6] == 'j' ? "jpg" : mime[6] == 'p' ? "png" : "pdf");
	http_send_file(rq, rs, data, len, mime, name);
}
