/* routes_checkin.c - handlers for the five managements (routes in
 * routes.c): each reads the path id and query, calls its use case and
 * answers. */
#include "app/app_checkin.h"
#include "http/handlers.h"
#include "util/table.h"

void h_ck_checkin(struct http_req *rq, struct http_resp *rs)
{
	http_call_body(rq, rs, app_ck_checkin, 201);
}

void h_ck_checkins(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_ck_checkins(rq->app, &rq->who, http_query(rq, "student_id"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 200);
}

void h_ck_settings(struct http_req *rq, struct http_resp *rs)
{
	http_call_id(rq, rs, app_ck_settings_get, 200);
}

void h_ck_phone_rules_put(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_ck_phone_rules_put, 200);
}

void h_ck_sleep_settings_put(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_ck_sleep_settings_put, 200);
}

void h_ck_school(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	rc = app_ck_figures(rq->app, &rq->who, id, http_query(rq, "term_id"), &out, &e);
	http_answer(rq, rs, rc, out, &e, 200);
}

void h_ck_district(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_ck_district(rq->app, &rq->who, http_query(rq, "term_id"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 200);
}

void h_ck_district_xlsx(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	struct table t = { 0 };

	if (app_ck_district_table(rq->app, &rq->who, http_query(rq, "term_id"), &t, &e) != 0)
		http_app_error(rq, rs, &e);
	else
		http_send_xlsx(rq, rs, "五项管理", ck_export_header, ck_export_ncols, &t,
			       "five-managements.xlsx");
	table_free(&t);
}
