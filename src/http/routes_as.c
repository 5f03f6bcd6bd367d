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

/* Handlers whose use case takes the whole JSON body. */
typedef int (*body_fn)(struct app *a, const struct actor *who, json_t *body, json_t **out,
		       struct app_err *e);

static void with_body(struct http_req *rq, struct http_resp *rs, body_fn fn)
{
	struct app_err e = { 0 };
	json_t *out = NULL;

	if (fn(rq->app, &rq->who, rq->body, &out, &e) != 0) {
		http_app_error(rq, rs, &e);
		return;
	}
	rs->json = out;
	rs->status = 201;
}

void h_as_program_create(struct http_req *rq, struct http_resp *rs)
{
	with_body(rq, rs, app_as_program_create);
}

void h_as_apply(struct http_req *rq, struct http_resp *rs)
{
	with_body(rq, rs, app_as_apply);
}

void h_as_programs(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;

	if (app_as_programs(rq->app, &rq->who, http_query(rq, "school_id"),
			    http_query(rq, "term_id"), &out, &e) != 0)
		http_app_error(rq, rs, &e);
	else
		rs->json = out;
}

void h_as_applications(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;

	if (app_as_applications(rq->app, &rq->who, http_query(rq, "school_id"),
				http_query(rq, "term_id"), &out, &e) != 0)
		http_app_error(rq, rs, &e);
	else
		rs->json = out;
}

void h_as_withdraw(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	if (app_as_withdraw(rq->app, &rq->who, id, &e) != 0)
		http_app_error(rq, rs, &e);
	else
		rs->json = json_pack("{s:b}", "ok", 1);
}

void h_as_allocate(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	if (app_as_allocate(rq->app, &rq->who, id, rq->body, &out, &e) != 0)
		http_app_error(rq, rs, &e);
	else
		rs->json = out;
}

/* A use case on the object named by the path's id, with the JSON body. */
typedef int (*id_body_fn)(struct app *a, const struct actor *who, int64_t id, json_t *body,
			  json_t **out, struct app_err *e);

static void with_id_body(struct http_req *rq, struct http_resp *rs, id_body_fn fn)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	if (fn(rq->app, &rq->who, id, rq->body, &out, &e) != 0)
		http_app_error(rq, rs, &e);
	else
		rs->json = out;
}

void h_as_sessions_generate(struct http_req *rq, struct http_resp *rs)
{
	with_id_body(rq, rs, app_as_sessions_generate);
}

void h_as_attendance(struct http_req *rq, struct http_resp *rs)
{
	with_id_body(rq, rs, app_as_attendance);
}

void h_as_handover(struct http_req *rq, struct http_resp *rs)
{
	with_id_body(rq, rs, app_as_handover);
}

void h_as_sessions(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	if (app_as_sessions(rq->app, &rq->who, id, http_query(rq, "from"), http_query(rq, "to"),
			    &out, &e) != 0)
		http_app_error(rq, rs, &e);
	else
		rs->json = out;
}

void h_as_session_get(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	if (app_as_session_get(rq->app, &rq->who, id, &out, &e) != 0)
		http_app_error(rq, rs, &e);
	else
		rs->json = out;
}

void h_as_alerts(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;

	if (app_as_alerts(rq->app, &rq->who, &out, &e) != 0)
		http_app_error(rq, rs, &e);
	else
		rs->json = out;
}

void h_as_metrics(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	const char *term = http_query(rq, "term");
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	if (app_as_metrics(rq->app, &rq->who, id, term ? term : http_query(rq, "term_id"), &out,
			   &e) != 0)
		http_app_error(rq, rs, &e);
	else
		rs->json = out;
}
