/* routes_ticase.c - handlers for sweeps, visits, evidence and penalty cases
 * (routes in routes.c): each reads the path id and query, calls its use
 * case and answers. */
#include "app/app_ticase.h"
#include "http/handlers.h"
#include "util/table.h"

#include <stdio.h>
#include <stdlib.h>

void h_ti_sweep_create(struct http_req *rq, struct http_resp *rs)
{
	http_call_body(rq, rs, app_ti_sweep_create, 201);
}

void h_ti_sweeps(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_ti_sweep_list(rq->app, &rq->who, http_query(rq, "cursor"),
				   http_query(rq, "limit"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_ti_sweep_get(struct http_req *rq, struct http_resp *rs)
{
	http_call_id(rq, rs, app_ti_sweep_get, 0);
}

void h_ti_visit_create(struct http_req *rq, struct http_resp *rs)
{
	http_call_body(rq, rs, app_ti_visit_create, 201);
}

void h_ti_visits(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_ti_visit_list(rq->app, &rq->who, http_query(rq, "sweep_id"),
				   http_query(rq, "institution_id"), http_query(rq, "cursor"),
				   http_query(rq, "limit"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_ti_visit_get(struct http_req *rq, struct http_resp *rs)
{
	http_call_id(rq, rs, app_ti_visit_get, 0);
}

void h_ti_case_open(struct http_req *rq, struct http_resp *rs)
{
	http_call_body(rq, rs, app_ti_case_open, 201);
}

void h_ti_cases(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_ti_case_list(rq->app, &rq->who, http_query(rq, "stage"),
				  http_query(rq, "institution_id"), http_query(rq, "overdue"),
				  http_query(rq, "cursor"), http_query(rq, "limit"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_ti_case_get(struct http_req *rq, struct http_resp *rs)
{
	http_call_id(rq, rs, app_ti_case_get, 0);
}

void h_ti_case_step(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_ti_case_step, 0);
}

void h_ti_overview(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_ti_case_overview(rq->app, &rq->who, &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_ti_cases_xlsx(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	struct table t = { 0 };

	if (app_ti_case_export(rq->app, &rq->who, &t, &e) != 0)
		http_app_error(rq, rs, &e);
	else
		http_send_xlsx(rq, rs, "处罚案件", ti_case_export_header, ti_case_export_ncols, &t,
			       "ti-cases.xlsx");
	table_free(&t);
}

/* The owner kind from the path: /api/v1/visits/… or /api/v1/cases/…. */
static const char *owner_of(struct http_req *rq)
{
	return rq->path[8] == 'v' ? "visit" : "case";
}

void h_ti_evidence_add(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	rc = app_ti_evidence_add(rq->app, &rq->who, owner_of(rq), id, http_query(rq, "name"),
				 rq->raw, rq->rawlen, &out, &e);
	http_answer(rq, rs, rc, out, &e, 201);
}

void h_ti_evidence_list(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	rc = app_ti_evidence_list(rq->app, &rq->who, owner_of(rq), id, &out, &e);
	http_answer(rq, rs, rc, out, &e, 0);
}

void h_ti_evidence_get(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	int64_t id, eid;
	void *data = NULL;
	size_t len = 0;
	char mime[32], name[64];

	if (http_param_id(rq, rs, 0, &id) != 0 || http_param_id(rq, rs, 1, &eid) != 0)
		return;
	if (app_ti_evidence_get(rq->app, &rq->who, owner_of(rq), id, eid, &data, &len, mime,
				&e) != 0) {
		http_app_error(rq, rs, &e);
		return;
	}
	snprintf(name, sizeof name, "evidence-%lld.%s", (long long)eid,
		 mime[6] == 'j' ? "jpg" : mime[6] == 'p' ? "png" : "pdf");
	http_send_file(rq, rs, data, len, mime, name);
}
