/* answer.c - the one way a handler answers: an error with its code, a use
 * case's result, a page, a spreadsheet. Handlers call these; nothing here
 * calls a handler or the server. */
#include "http/http.h"
#include "util/embed.h"
#include "util/jfields.h"
#include "util/xlsx_out.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void http_error(struct http_req *rq, struct http_resp *rs, int status, const char *code,
		const char *message)
{
	json_decref(rs->json);
	rs->status = status;
	rs->json = json_pack("{s:{s:s,s:s,s:s}}", "error", "code", code, "message", message,
			     "request_id", rq->who.request_id);
	if (!rs->json) /* never an empty error: the message was not valid UTF-8 */
		rs->json = json_pack("{s:{s:s,s:s,s:s}}", "error", "code", code, "message",
				     "请求无效", "request_id", rq->who.request_id);
}

void http_app_error(struct http_req *rq, struct http_resp *rs, struct app_err *e)
{
	http_error(rq, rs, e->status ? e->status : 500, e->code ? e->code : "INTERNAL",
		   e->message[0] ? e->message : "内部错误");
	if (e->details) {
		json_object_set(json_object_get(rs->json, "error"), "details", e->details);
	}
	rs->retry_after = e->retry_after;
	app_err_clear(e);
}

const char *http_query(struct http_req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *http_header(struct http_req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

int http_decode(struct http_req *rq, struct http_resp *rs, const struct jfield *f, size_t n,
		void *out)
{
	struct jf_error fe = { 0 };

	if (jf_decode(rq->body, f, n, out, &fe) == 0)
		return 0;
	http_error(rq, rs, fe.status, fe.code, fe.message);
	json_object_set_new(json_object_get(rs->json, "error"), "details",
			    json_pack("{s:s}", "field", fe.field));
	return -1;
}

void http_answer(struct http_req *rq, struct http_resp *rs, int rc, json_t *out,
		 struct app_err *e, int status)
{
	if (rc != 0) {
		http_app_error(rq, rs, e);
		return;
	}
	rs->json = out ? out : json_pack("{s:b}", "ok", 1);
	if (status)
		rs->status = status;
}

static const char *mime(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (!dot)
		return "application/octet-stream";
	if (!strcmp(dot, ".html"))
		return "text/html; charset=utf-8";
	if (!strcmp(dot, ".js") || !strcmp(dot, ".mjs"))
		return "text/javascript; charset=utf-8";
	if (!strcmp(dot, ".css"))
		return "text/css; charset=utf-8";
	if (!strcmp(dot, ".svg"))
		return "image/svg+xml";
	if (!strcmp(dot, ".png"))
		return "image/png";
	if (!strcmp(dot, ".json"))
		return "application/json; charset=utf-8";
	if (!strcmp(dot, ".ico"))
		return "image/x-icon";
	return "application/octet-stream";
}

void http_send_page(struct http_req *rq, struct http_resp *rs, const char *name)
{
	http_send_embedded(rq, rs, embed_web, name);
}

void http_send_embedded(struct http_req *rq, struct http_resp *rs,
			const struct embed_file *table, const char *name)
{
	const struct embed_file *f = embed_find(table, name);

	if (!f) {
		http_error(rq, rs, 404, "ROUTE_NOT_FOUND", "没有这个地址");
		return;
	}
	rs->raw = (const char *)f->data;
	rs->rawlen = f->len;
	rs->ctype = mime(name);
	rs->cache = 1;
}

int http_param_id(struct http_req *rq, struct http_resp *rs, int idx, int64_t *id)
{
	const char *s = rq->params[idx];
	char *end;

	*id = s ? strtoll(s, &end, 10) : 0;
	if (!s || *end || *id <= 0) {
		http_error(rq, rs, 404, "NOT_FOUND", "没有找到，或不在您的权限范围内");
		return -1;
	}
	return 0;
}

/* Read a whole small file into memory (the export just written). */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && n < (64L << 20) &&
	    fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)n)) &&
	    fread(data, 1, (size_t)n, f) == (size_t)n) {
		*len = (size_t)n;
	} else {
		free(data);
		data = NULL;
	}
	fclose(f);
	return data;
}

void http_send_xlsx_book(struct http_req *rq, struct http_resp *rs,
			 const struct xlsx_sheet *sheets, size_t nsheets, const char *filename)
{
	char path[64], err[256];
	int fd;

	snprintf(path, sizeof path, "/tmp/sj-export-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0 || (close(fd), xlsx_write_book(path, sheets, nsheets, err, sizeof err)) != 0 ||
	    !(rs->raw = slurp(path, &rs->rawlen))) {
		http_error(rq, rs, 500, "EXPORT_FAILED", "导出失败，请稍后重试");
	} else {
		rs->raw_owned = 1;
		rs->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		snprintf(rs->disposition, sizeof rs->disposition, "attachment; filename=\"%s\"",
			 filename);
	}
	if (fd >= 0)
		unlink(path);
}

void http_send_xlsx(struct http_req *rq, struct http_resp *rs, const char *sheet,
		    const char *const *header, size_t ncols, const struct table *t,
		    const char *filename)
{
	struct xlsx_sheet one = { sheet, header, ncols, t };

	http_send_xlsx_book(rq, rs, &one, 1, filename);
}

void http_send_file(struct http_req *rq, struct http_resp *rs, void *data, size_t len,
		    const char *mime, const char *filename)
{
	static const char *const types[] = { "image/jpeg", "image/png", "application/pdf" };

	(void)rq;
	rs->raw = data;
	rs->rawlen = len;
	rs->raw_owned = 1;
	rs->ctype = "application/octet-stream"; /* outlives the caller's buffer */
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (!strcmp(mime, types[i]))
			rs->ctype = types[i];
	snprintf(rs->disposition, sizeof rs->disposition, "attachment; filename=\"%s\"",
		 filename);
}

void http_call_body(struct http_req *rq, struct http_resp *rs, http_body_fn fn, int status)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = fn(rq->app, &rq->who, rq->body, &out, &e);

	http_answer(rq, rs, rc, out, &e, status);
}

void http_call_id(struct http_req *rq, struct http_resp *rs, http_id_fn fn, int status)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	rc = fn(rq->app, &rq->who, id, &out, &e);
	http_answer(rq, rs, rc, out, &e, status);
}

void http_call_id_body(struct http_req *rq, struct http_resp *rs, http_id_body_fn fn, int status)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	rc = fn(rq->app, &rq->who, id, rq->body, &out, &e);
	http_answer(rq, rs, rc, out, &e, status);
}
