/* routes_survey.c - handlers for satisfaction surveys (routes in routes.c;
 * use cases in app_survey.h): decode, call, answer. */
#include "app/app_survey.h"
#include "http/handlers.h"
#include "util/table.h"

void h_sv_create(struct http_req *rq, struct http_resp *rs)
{
	http_call_body(rq, rs, app_survey_create, 201);
}

void h_sv_list(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_survey_list(rq->app, &rq->who, http_query(rq, "term_id"),
				 http_query(rq, "cursor"), http_query(rq, "limit"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 200);
}

void h_sv_get(struct http_req *rq, struct http_resp *rs)
{
	http_call_id(rq, rs, app_survey_get, 200);
}

void h_sv_mine(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_survey_mine(rq->app, &rq->who, &out, &e);

	http_answer(rq, rs, rc, out, &e, 200);
}

void h_sv_answer(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_survey_answer, 201);
}

void h_sv_results(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	int rc = app_survey_results(rq->app, &rq->who, id, http_query(rq, "school_id"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 200);
}

void h_sv_results_xlsx(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	struct table t = { 0 };
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	if (app_survey_results_table(rq->app, &rq->who, id, http_query(rq, "school_id"), &t, &e))
		http_app_error(rq, rs, &e);
	else
		http_send_xlsx(rq, rs, "满意度调查", sv_export_header, sv_export_ncols, &t,
			       "survey.xlsx");
	table_free(&t);
}
