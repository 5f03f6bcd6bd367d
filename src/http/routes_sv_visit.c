/* routes_sv_visit.c - handlers for supervision visits and rectification
 * notices (issue 15 part SC; routes in routes.c): each reads the path id and
 * query, calls its use case and answers. */
#include "app/app_sv_visit.h"
#include "http/handlers.h"
#include "util/table.h"

#include <stdio.h>
#include <stdlib.h>

void h_sv_inspectors(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_sv_inspectors(rq->app, &rq->who, &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_sv_visit_create(struct http_req *rq, struct http_resp *rs)
{
	http_call_body(rq, rs, app_sv_visit_create, 201);
}

void h_sv_visits(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_sv_visit_list(rq->app, &rq->who, http_query(rq, "school_id"),
				   http_query(rq, "cursor"), http_query(rq, "limit"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_sv_visit_get(struct http_req *rq, struct http_resp *rs)
{
	http_call_id(rq, rs, app_sv_visit_get, 0);
}

void h_sv_finding_add(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_sv_finding_add, 201);
}

void h_sv_notice_issue(struct http_req *rq, struct http_resp *rs)
{
	http_call_body(rq, rs, app_sv_notice_issue, 201);
}

void h_sv_notices(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_sv_notice_list(rq->app, &rq->who, http_query(rq, "school_id"),
				    http_query(rq, "status"), http_query(rq, "overdue"),
				    http_query(rq, "cursor"), http_query(rq, "limit"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_sv_notice_get(struct http_req *rq, struct http_resp *rs)
{
	http_call_id(rq, rs, app_sv_notice_get, 0);
}

void h_sv_notice_answer(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_sv_notice_answer, 0);
}

void h_sv_notice_close(struct http_req *rq, struct http_resp *rs)
{
	http_call_id_body(rq, rs, app_sv_notice_close, 0);
}

void h_sv_overdue(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_sv_overdue_notices(rq->app, &rq->who, &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_sv_notices_xlsx(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	struct table t = { 0 };

	if (app_sv_notice_export(rq->app, &rq->who, &t, &e) != 0)
		http_app_error(rq, rs, &e);
	else
		http_send_xlsx(rq, rs, "整改通知", sv_notice_export_header, sv_notice_export_ncols,
			       &t, "sv-notices.xlsx");
	table_free(&t);
}

/* The owner kind from the path: …/supervision/findings/… or …/notices/…. */
static const char *owner_of(struct http_req *rq)
{
	return rq->path[sizeof "/api/v1/supervision/" - 1] == 'f' ? "sv_finding" : "sv_notice";
}

void h_sv_visit_evidence_add(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	rc = app_sv_visit_evidence_add(rq->app, &rq->who, owner_of(rq), id, http_query(rq, "name"),
				 rq->raw, rq->rawlen, &out, &e);
	http_answer(rq, rs, rc, out, &e, 201);
}

void h_sv_visit_evidence_get(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	int64_t id, eid;
	void *data = NULL;
	size_t len = 0;
	char mime[32], name[64];

	if (http_param_id(rq, rs, 0, &id) != 0 || http_param_id(rq, rs, 1, &eid) != 0)
		return;
	if (app_sv_visit_evidence_get(rq->app, &rq->who, owner_of(rq), id, eid, &data, &len, mime,
				&e) != 0) {
		http_app_error(rq, rs, &e);
		return;
	}
	snprintf(name, sizeof name, "evidence-%lld.%s", (long long)eid,
		 mime[6] == 'j' ? "jpg" : mime[6] == 'p' ? "png" : "pdf");
	http_send_file(rq, rs, data, len, mime, name);
}
