/* routes_sv_computed.c - the computed supervision items of a school (issue
 * 15, part SB; route in routes.c): read the path id and term_id, call the
 * use case, answer. */
#include "app/app_sv_computed.h"
#include "http/handlers.h"

void h_svc_school(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	rc = app_sv_computed_get(rq->app, &rq->who, id, http_query(rq, "term_id"), &out, &e);
	http_answer(rq, rs, rc, out, &e, 200);
}
