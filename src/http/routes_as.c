/* routes_as.c - handlers for after-school service (routes in routes.c):
 * each reads the path id and query, calls its use case and answers. */
#include "app/app_as.h"
#include "http/handlers.h"
#include "util/table.h"
#include "util/xlsx_out.h"

#include <stdio.h>

/* ?term= (or ?term_id=) */
static const char *term_of(struct http_req *rq)
{
	const char *t = http_query(rq, "term");

	return t ? t : http_query(rq, "term_id");
}

/* GET /api/v1/schools/{id}/… ?term= */
typedef int (*school_term_fn)(struct app *a, const struct actor *who, int64_t school_id,
			      const char *term, json_t **out, struct app_err *e);

static void school_term_view(struct http_req *rq, struct http_resp *rs, school_term_fn fn)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	rc = fn(rq->app, &rq->who, id, term_of(rq), &out, &e);
	http_answer(rq, rs, rc, out, &e, 200);
}

void h_as_plan_set(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_as_plan_set, 201);
}

void h_as_plan_get(struct http_req *rq, struct http_resp *rs)
{
	school_term_view(rq, rs, app_as_plan_get);
}

void h_as_settings_get(struct http_req *rq, struct http_resp *rs)
{
	http_call_id(rq, rs, app_as_settings_get, 0);
}

void h_as_settings_put(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_as_settings_set, 0);
}

void h_as_program_create(struct http_req *rq, struct http_resp *rs)
{
	http_call_body(rq, rs, app_as_program_create, 201);
}

void h_as_apply(struct http_req *rq, struct http_resp *rs)
{
	http_call_body(rq, rs, app_as_apply, 201);
}

void h_as_programs(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_as_programs(rq->app, &rq->who, http_query(rq, "school_id"), term_of(rq), &out,
				 &e);

	http_answer(rq, rs, rc, out, &e, 200);
}

void h_as_applications(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_as_applications(rq->app, &rq->who, http_query(rq, "school_id"), term_of(rq),
				     http_query(rq, "status"), http_query(rq, "cursor"),
				     http_query(rq, "limit"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 200);
}

void h_as_withdraw(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	int64_t id;
	int rc;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	rc = app_as_withdraw(rq->app, &rq->who, id, &e);
	http_answer(rq, rs, rc, rc ? NULL : json_pack("{s:b}", "ok", 1), &e, 200);
}

void h_as_allocate(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_as_allocate, 200);
}

void h_as_sessions_generate(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_as_sessions_generate, 200);
}

void h_as_attendance(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_as_attendance, 200);
}

void h_as_handover(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_as_handover, 200);
}

void h_as_session_review(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_as_session_review, 200);
}

void h_as_incident_create(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_as_incident_create, 201);
}

void h_as_safety_create(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_as_safety_create, 201);
}

void h_as_sessions(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	rc = app_as_sessions(rq->app, &rq->who, id, http_query(rq, "from"), http_query(rq, "to"),
			     &out, &e);
	http_answer(rq, rs, rc, out, &e, 200);
}

void h_as_session_get(struct http_req *rq, struct http_resp *rs)
{
	http_call_id(rq, rs, app_as_session_get, 200);
}

void h_as_alerts(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_as_alerts(rq->app, &rq->who, &out, &e);

	http_answer(rq, rs, rc, out, &e, 200);
}

void h_as_day_sessions(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_as_day_sessions(rq->app, &rq->who, http_query(rq, "day"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 200);
}

void h_as_metrics(struct http_req *rq, struct http_resp *rs)
{
	school_term_view(rq, rs, app_as_metrics);
}

void h_as_hours(struct http_req *rq, struct http_resp *rs)
{
	school_term_view(rq, rs, app_as_hours);
}

void h_as_incidents(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	rc = app_as_incidents(rq->app, &rq->who, id, term_of(rq), http_query(rq, "cursor"),
			      http_query(rq, "limit"), &out, &e);
	http_answer(rq, rs, rc, out, &e, 200);
}

void h_as_safety_list(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	rc = app_as_safety_list(rq->app, &rq->who, id, term_of(rq), http_query(rq, "venue"), &out,
				&e);
	http_answer(rq, rs, rc, out, &e, 200);
}

void h_as_district_metrics(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_as_district_metrics(rq->app, &rq->who, term_of(rq), http_query(rq, "cursor"),
					 http_query(rq, "limit"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 200);
}

void h_as_archive_xlsx(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	struct table t[AS_ARCHIVE_SHEETS] = { 0 };
	struct xlsx_sheet sh[AS_ARCHIVE_SHEETS];
	char name[64];
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	if (app_as_archive(rq->app, &rq->who, id, term_of(rq), t, &e) != 0) {
		http_app_error(rq, rs, &e);
	} else {
		for (int k = 0; k < AS_ARCHIVE_SHEETS; k++)
			sh[k] = (struct xlsx_sheet){ as_archive_sheets[k].name,
				as_archive_sheets[k].header, as_archive_sheets[k].ncols, &t[k] };
		snprintf(name, sizeof name, "afterschool-%lld-term-%s.xlsx", (long long)id,
			 term_of(rq));
		http_send_xlsx_book(rq, rs, sh, AS_ARCHIVE_SHEETS, name);
	}
	for (int k = 0; k < AS_ARCHIVE_SHEETS; k++)
		table_free(&t[k]);
}
