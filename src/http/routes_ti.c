/* routes_ti.c - handlers for the institution registry (routes in routes.c):
 * each reads the path id and query, calls its use case and answers. */
#include "app/app_ti.h"
#include "http/handlers.h"
#include "util/table.h"

static struct ti_filter filter_of(struct http_req *rq)
{
	return (struct ti_filter){ http_query(rq, "status"), http_query(rq, "category"),
				   http_query(rq, "q"), http_query(rq, "warned"),
				   http_query(rq, "cursor"), http_query(rq, "limit") };
}

void h_ti_apply(struct http_req *rq, struct http_resp *rs)
{
	http_call_body(rq, rs, app_ti_apply, 201);
}

void h_ti_applications(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_ti_applications(rq->app, &rq->who, http_query(rq, "status"),
				     http_query(rq, "cursor"), http_query(rq, "limit"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 200);
}

void h_ti_application_get(struct http_req *rq, struct http_resp *rs)
{
	http_call_id(rq, rs, app_ti_application_get, 200);
}

void h_ti_decide(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_ti_decide, 200);
}

void h_ti_get(struct http_req *rq, struct http_resp *rs)
{
	http_call_id(rq, rs, app_ti_get, 200);
}

void h_ti_courses(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_ti_courses_set, 200);
}

void h_ti_staff(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_ti_staff_set, 200);
}

void h_ti_list(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	struct ti_filter f = filter_of(rq);
	json_t *out = NULL;
	int rc = app_ti_list(rq->app, &rq->who, &f, &out, &e);

	http_answer(rq, rs, rc, out, &e, 200);
}

void h_ti_stats(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_ti_stats(rq->app, &rq->who, &out, &e);

	http_answer(rq, rs, rc, out, &e, 200);
}

void h_ti_xlsx(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	struct ti_filter f = filter_of(rq);
	struct table t = { 0 };

	if (app_ti_table(rq->app, &rq->who, &f, &t, &e) != 0)
		http_app_error(rq, rs, &e);
	else
		http_send_xlsx(rq, rs, "校外培训机构", ti_export_header, ti_export_ncols, &t,
			       "institutions.xlsx");
	table_free(&t);
}

void h_ti_public(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	char *body = NULL;
	size_t len = 0;

	if (app_ti_public_text(rq->app, http_query(rq, "status"), http_query(rq, "q"),
			       http_query(rq, "cursor"), http_query(rq, "limit"), &body, &len, &e) != 0) {
		http_app_error(rq, rs, &e);
		return;
	}
	rs->raw = body;
	rs->rawlen = len;
	rs->raw_owned = 1;
	rs->ctype = "application/json; charset=utf-8";
}

void h_jigou_page(struct http_req *rq, struct http_resp *rs)
{
	http_send_page(rq, rs, "jigou.html");
}
