/* http.h - the server: one route table, checks before any handler.
 *
 * Before a handler runs, the router has checked: at most 100 query arguments
 * (414, counted before libmicrohttpd stores them), the route exists for the
 * method (404/405), the body fits the route's limit (413), the caller is
 * signed in and has an allowed role (401/403), a browser write carries the
 * CSRF token and no foreign Origin (403), a JSON body has the right
 * Content-Type (415), nests at most 32 deep, no array over 1000 items, and
 * parses to an object (400). Handlers decode, call one app_ function, encode. */
#ifndef SJ_HTTP_H
#define SJ_HTTP_H

#include "app/app.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#define HTTP_MAX_PARAMS 4
#define HTTP_JSON_MAX_DEPTH 32
#define HTTP_JSON_MAX_ARRAY 1000
#define HTTP_MAX_QUERY_ARGS 100 /* more answer 414 QUERY_TOO_MANY */

struct MHD_Connection;

struct http_req {
	struct app *app;
	struct MHD_Connection *conn;
	const char *method, *path;
	const char *params[HTTP_MAX_PARAMS]; /* {name} segments, in order */
	json_t *body;                        /* parsed JSON object, or NULL */
	const char *raw;                     /* the body of a raw route (a file) */
	size_t rawlen;
	struct actor who;                    /* role NONE when not signed in */
};

struct http_resp {
	int status;
	json_t *json; /* stolen by the server */
	const char *raw;
	size_t rawlen;
	const char *ctype;
	char set_cookie[256];
	int retry_after;
	int cache; /* 1: static asset, may be cached with revalidation */
	int raw_owned; /* raw is malloc'd: the server frees it */
	char disposition[256]; /* Content-Disposition for a download */
};

typedef void (*http_handler)(struct http_req *rq, struct http_resp *rs);

struct http_route {
	const char *method;
	const char *pattern; /* "/api/v1/users/{id}" */
	unsigned roles;      /* ROLE_BIT mask; ROLES_PUBLIC for no sign-in; 0 = invalid */
	size_t body_limit;   /* 0: the route takes no body */
	http_handler handler;
	const char *summary; /* one line, for `shuangjian routes` and docs/API.md */
	int raw_body;        /* 1: the body is a file (an upload), not JSON */
};

extern const struct http_route http_routes[];
extern const size_t http_nroutes;

/* Refuse a table with a route that declares no roles, or a body route
 * without a limit. Returns 0 or -1 with the route named in msg. */
int http_check_routes(const struct http_route *r, size_t n, char *msg, size_t cap);

/* Match path against pattern; fills params (pointers into buf, a copy of the
 * path). Returns 1 on match. */
int http_match(const char *pattern, const char *path, char *buf, size_t cap,
	       const char *params[HTTP_MAX_PARAMS]);

/* ---- answering (answer.c): the one way every handler answers ---- */

/* An error: {"error":{"code","message","request_id","details"?}}. */
void http_error(struct http_req *rq, struct http_resp *rs, int status, const char *code,
		const char *message);
/* A use case's refusal, its details and Retry-After; clears e. */
void http_app_error(struct http_req *rq, struct http_resp *rs, struct app_err *e);
/* The answer of one app_ call: its refusal when rc != 0, else out (stolen;
 * NULL answers {"ok":true}) with status (0: 200). Compute rc before the call
 * when the use case fills out: C leaves argument order unspecified. */
void http_answer(struct http_req *rq, struct http_resp *rs, int rc, json_t *out,
		 struct app_err *e, int status);
/* The three shapes of a handler that only translates: a use case taking the
 * JSON body, the path's id, or both; each answered with http_answer(status). */
typedef int (*http_body_fn)(struct app *a, const struct actor *who, json_t *body, json_t **out,
			    struct app_err *e);
typedef int (*http_id_fn)(struct app *a, const struct actor *who, int64_t id, json_t **out,
			  struct app_err *e);
typedef int (*http_id_body_fn)(struct app *a, const struct actor *who, int64_t id, json_t *body,
			       json_t **out, struct app_err *e);
void http_call_body(struct http_req *rq, struct http_resp *rs, http_body_fn fn, int status);
void http_call_id(struct http_req *rq, struct http_resp *rs, http_id_fn fn, int status);
void http_call_id_body(struct http_req *rq, struct http_resp *rs, http_id_body_fn fn, int status);
/* A query string argument, or NULL. */
const char *http_query(struct http_req *rq, const char *name);
/* A request header, or NULL. */
const char *http_header(struct http_req *rq, const char *name);
/* Decode the JSON body against a field table; a refusal is answered here
 * (with details.field) and -1 returned. */
struct jfield;
int http_decode(struct http_req *rq, struct http_resp *rs, const struct jfield *f, size_t n,
		void *out);
/* A path parameter as a positive id, or 404 answered and -1. */
int http_param_id(struct http_req *rq, struct http_resp *rs, int idx, int64_t *id);
/* An embedded web/ file, by its name (index.html, gongshi.html, app.js, …). */
void http_send_page(struct http_req *rq, struct http_resp *rs, const char *name);
/* The same from another embedded table (util/embed.h), e.g. embed_vendor. */
struct embed_file;
void http_send_embedded(struct http_req *rq, struct http_resp *rs,
			const struct embed_file *table, const char *name);
/* t (with header) as an .xlsx download named filename (500 EXPORT_FAILED
 * when it cannot be written); the book form takes several sheets. */
struct table;
struct xlsx_sheet;
void http_send_xlsx(struct http_req *rq, struct http_resp *rs, const char *sheet,
		    const char *const *header, size_t ncols, const struct table *t,
		    const char *filename);
void http_send_xlsx_book(struct http_req *rq, struct http_resp *rs,
			 const struct xlsx_sheet *sheets, size_t nsheets, const char *filename);
/* A stored file (data malloc'd, stolen) as a download of type mime named
 * filename (plain ASCII, no quotes). */
void http_send_file(struct http_req *rq, struct http_resp *rs, void *data, size_t len,
		    const char *mime, const char *filename);

/* ---- sign-in answers (signin.c) ---- */

/* Set once by http_serve before the first request. */
void http_signin_config(int per_ip_per_min, int secure_cookies);
/* The sign-in rate limit per client IP (429 when refused). */
int http_signin_allowed(struct http_req *rq, int *retry_after);
int http_secure_cookies(void);
/* The signed-in user and CSRF token, as /api/v1/me answers. New reference. */
json_t *http_who_json(const struct actor *who);
/* A new session answered like POST /api/v1/session: its cookie and the user. */
void http_signed_in(struct http_req *rq, struct http_resp *rs, const char *token);

struct http_options {
	const char *listen; /* "127.0.0.1:8080" */
	int threads;
	int conn_timeout_s;
	int conn_limit, per_ip_limit;
	int head_timeout_s;          /* a request head must arrive within this */
	const char *trusted_proxies; /* "IP[,IP...]": no per-address limits, no head deadline */
	size_t conn_memory;
	int signin_per_ip_per_min;
	int secure_cookies;
	int reuse_port; /* SO_REUSEPORT: several processes share the address */
};

void http_options_defaults(struct http_options *o);
/* Serve until SIGTERM/SIGINT, then stop accepting, drain running requests
 * (up to 10 s) and return 0. */
int http_serve(struct app *a, const struct http_options *o);

#endif
