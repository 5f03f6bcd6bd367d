/* routes_health.c - handlers for activity, fitness and vision (routes in
 * routes.c; use cases in app_health.h): decode, call, answer. */
#include "app/app_health.h"
#include "http/handlers.h"
#include "util/table.h"

#include <string.h>

void h_he_activity_put(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_health_activity_put, 201);
}

void h_he_activity_days(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	int rc = app_health_activity_days(rq->app, &rq->who, id, http_query(rq, "from"),
					  http_query(rq, "to"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 200);
}

void h_he_vision_add(struct http_req *rq, struct http_resp *rs)
{
	http_call_body(rq, rs, app_health_vision_add, 201);
}

void h_he_vision_roster(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	int rc = app_health_vision_roster(rq->app, &rq->who, id, http_query(rq, "term_id"), &out,
					  &e);

	http_answer(rq, rs, rc, out, &e, 200);
}

void h_he_fitness_import(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	struct table t = { 0 };
	const char *dry = http_query(rq, "dry_run");
	json_t *out = NULL;
	char err[256];

	if (table_parse(rq->raw, rq->rawlen, &t, err, sizeof err) != 0) {
		http_error(rq, rs, 422, "IMPORT_FILE", err);
		return;
	}
	int rc = app_health_fitness_import(rq->app, &rq->who, &t, http_query(rq, "term_id"),
					   dry && !strcmp(dry, "1"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 200);
	table_free(&t);
}

void h_he_school(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	int rc = app_health_school(rq->app, &rq->who, id, http_query(rq, "term_id"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 200);
}

void h_he_district(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_health_district(rq->app, &rq->who, http_query(rq, "term_id"),
				     http_query(rq, "cursor"), http_query(rq, "limit"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 200);
}

void h_he_district_xlsx(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	struct table t = { 0 };

	if (app_health_district_table(rq->app, &rq->who, http_query(rq, "term_id"), &t, &e) != 0)
		http_app_error(rq, rs, &e);
	else
		http_send_xlsx(rq, rs, "体质健康", he_export_header, he_export_ncols, &t,
			       "health.xlsx");
	table_free(&t);
}
