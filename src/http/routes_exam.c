/* routes_exam.c - handlers for exams (routes in routes.c): each reads the
 * path id, query or body, calls its use case and answers. */
#include "app/app_exam.h"
#include "http/handlers.h"
#include "util/table.h"

void h_exam_create(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_exam_create, 201);
}

void h_exam_list(struct http_req *rq, struct http_resp *rs)
{
	struct exam_filter f = { http_query(rq, "term_id"), http_query(rq, "grade"),
				 http_query(rq, "status"), http_query(rq, "cursor"),
				 http_query(rq, "limit") };
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	rc = app_exam_list(rq->app, &rq->who, id, &f, &out, &e);
	http_answer(rq, rs, rc, out, &e, 200);
}

void h_exam_get(struct http_req *rq, struct http_resp *rs)
{
	http_call_id(rq, rs, app_exam_get, 200);
}

void h_exam_withdraw(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_exam_withdraw, 200);
}

void h_exam_results_put(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_exam_results_put, 200);
}

typedef int (*id_query_fn)(struct app *a, const struct actor *who, int64_t id, const char *q,
			   json_t **out, struct app_err *e);

/* A use case of the path's id and one query parameter. */
static void call_id_query(struct http_req *rq, struct http_resp *rs, id_query_fn fn,
			  const char *name)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	rc = fn(rq->app, &rq->who, id, http_query(rq, name), &out, &e);
	http_answer(rq, rs, rc, out, &e, 200);
}

void h_exam_results(struct http_req *rq, struct http_resp *rs)
{
	call_id_query(rq, rs, app_exam_results, "class_id");
}

void h_exam_figures(struct http_req *rq, struct http_resp *rs)
{
	call_id_query(rq, rs, app_exam_figures_get, "term_id");
}

static struct exam_district_filter district_filter(struct http_req *rq)
{
	return (struct exam_district_filter){ http_query(rq, "term_id"),
					      http_query(rq, "school_id"),
					      http_query(rq, "grade"), http_query(rq, "cursor"),
					      http_query(rq, "limit") };
}

void h_exam_district(struct http_req *rq, struct http_resp *rs)
{
	struct exam_district_filter f = district_filter(rq);
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_exam_district(rq->app, &rq->who, &f, &out, &e);

	http_answer(rq, rs, rc, out, &e, 200);
}

void h_exam_xlsx(struct http_req *rq, struct http_resp *rs)
{
	struct exam_district_filter f = district_filter(rq);
	struct app_err e = { 0 };
	struct table t = { 0 };

	if (app_exam_table(rq->app, &rq->who, &f, &t, &e) != 0)
		http_app_error(rq, rs, &e);
	else
		http_send_xlsx(rq, rs, "考试安排", exam_export_header, exam_export_ncols, &t,
			       "exams.xlsx");
	table_free(&t);
}
