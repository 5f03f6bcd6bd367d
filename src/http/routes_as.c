/* routes_as.c - handlers for after-school service (routes in routes.c). */
#include "app/app_as.h"
#include "http/handlers.h"

void h_as_plan_set(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	if (app_as_plan_set(rq->app, &rq->who, id, rq->body, &out, &e) != 0) {
		http_app_error(rq, rs, &e);
		return;
	}
	rs->json = out;
	rs->status = 201;
}

void h_as_plan_get(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	if (app_as_plan_get(rq->app, &rq->who, id, http_query(rq, "term_id"), &out, &e) != 0)
		http_app_error(rq, rs, &e);
	else
		rs->json = out;
}
