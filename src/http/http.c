/* http.c - libmicrohttpd glue: request lifecycle, checks, answers, drain. */
#include "http/http.h"
#include "http/conn_guard.h"
#include "util/buf.h"
#include "util/jfields.h"
#include "util/log.h"
#include "util/timeutil.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define DISCARD_LIMIT (1u << 20) /* body bytes swallowed on a route that takes none */
#define HTTP_QUERY_REFUSED 4140    /* err_status: too many query arguments (414) */
#define HTTP_STR_(x) #x
#define HTTP_STR(x) HTTP_STR_(x)

struct conn_state {
	const struct http_route *route;
	const char *params[HTTP_MAX_PARAMS];
	char pathbuf[1024];
	struct buf body;
	size_t discarded;
	int err_status; /* set during upload: answered on the last call */
	const char *err_code, *err_msg;
	char allow[64];
	char request_id[40];
	char ip[64];
	int begun; /* the access handler has seen this request */
};

static atomic_int active_requests;
static struct conn_guard guard;

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct guard_conn *conn_guard_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci ? ci->socket_context : NULL;
}

/* ---- route table checks and matching ---- */

int http_check_routes(const struct http_route *r, size_t n, char *msg, size_t cap)
{
	for (size_t i = 0; i < n; i++) {
		if (r[i].roles == 0) {
			snprintf(msg, cap, "route %s %s declares no roles", r[i].method, r[i].pattern);
			return -1;
		}
		if (!r[i].handler || !r[i].summary) {
			snprintf(msg, cap, "route %s %s has no handler or summary", r[i].method,
				 r[i].pattern);
			return -1;
		}
		if ((!strcmp(r[i].method, "POST") || !strcmp(r[i].method, "PUT") ||
		     !strcmp(r[i].method, "PATCH")) && r[i].body_limit == 0) {
			snprintf(msg, cap, "route %s %s takes a body but sets no limit", r[i].method,
				 r[i].pattern);
			return -1;
		}
	}
	return 0;
}

int http_match(const char *pattern, const char *path, char *buf, size_t cap,
	       const char *params[HTTP_MAX_PARAMS])
{
	size_t o = 0;
	int np = 0;
	const char *p = pattern, *s = path;

	while (*p) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			size_t start = o;

			if (!close || np == HTTP_MAX_PARAMS)
				return 0;
			while (*s && *s != '/') {
				if (o + 1 >= cap)
					return 0;
				buf[o++] = *s++;
			}
			if (o == start || o + 1 >= cap)
				return 0; /* an empty segment matches nothing */
			buf[o++] = '\0';
			params[np++] = buf + start;
			p = close + 1;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	return *s == '\0';
}

static const struct http_route *find_route(const char *method, const char *path,
					   struct conn_state *st)
{
	const struct http_route *other = NULL;
	size_t alen = 0;

	for (size_t i = 0; i < http_nroutes; i++) {
		const struct http_route *r = &http_routes[i];
		const char *params[HTTP_MAX_PARAMS] = { 0 };

		if (!http_match(r->pattern, path, st->pathbuf, sizeof st->pathbuf, params))
			continue;
		if (strcmp(r->method, method) == 0 ||
		    (strcmp(method, "HEAD") == 0 && strcmp(r->method, "GET") == 0)) {
			memcpy(st->params, params, sizeof params);
			return r;
		}
		other = r;
		if (alen + strlen(r->method) + 3 < sizeof st->allow)
			alen += (size_t)snprintf(st->allow + alen, sizeof st->allow - alen, "%s%s",
						 alen ? ", " : "", r->method);
	}
	if (other)
		st->err_status = 405;
	return NULL;
}

static void add_security_headers(struct MHD_Response *r, const char *request_id, int cache)
{
	MHD_add_response_header(r, "Content-Security-Policy",
				"default-src 'self'; frame-ancestors 'none'; base-uri 'none';"
				" form-action 'self'");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(r, "Cache-Control", cache ? "no-cache" : "no-store");
	MHD_add_response_header(r, "X-Request-Id", request_id);
}

static enum MHD_Result send_resp(struct MHD_Connection *c, struct http_resp *rs,
				 const char *request_id, const char *allow)
{
	struct MHD_Response *r;
	enum MHD_Result ret;
	char ra[16];

	if (rs->json) {
		char *body = json_dumps(rs->json, JSON_COMPACT | JSON_REAL_PRECISION(15));
		size_t len = body ? strlen(body) : 0;

		r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
		MHD_add_response_header(r, "Content-Type", "application/json; charset=utf-8");
	} else if (rs->raw) {
		r = MHD_create_response_from_buffer(rs->rawlen, (void *)rs->raw,
						    rs->raw_owned ? MHD_RESPMEM_MUST_FREE
								  : MHD_RESPMEM_PERSISTENT);
		MHD_add_response_header(r, "Content-Type", rs->ctype);
		if (rs->disposition[0])
			MHD_add_response_header(r, "Content-Disposition", rs->disposition);
	} else {
		r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	}
	if (!r)
		return MHD_NO;
	add_security_headers(r, request_id, rs->cache);
	if (rs->set_cookie[0])
		MHD_add_response_header(r, "Set-Cookie", rs->set_cookie);
	if (rs->retry_after > 0) {
		snprintf(ra, sizeof ra, "%d", rs->retry_after);
		MHD_add_response_header(r, "Retry-After", ra);
	}
	if (allow && *allow)
		MHD_add_response_header(r, "Allow", allow);
	ret = MHD_queue_response(c, (unsigned)rs->status, r);
	MHD_destroy_response(r);
	json_decref(rs->json);
	rs->json = NULL;
	return ret;
}

/* ---- checks before the handler ---- */

static int authenticate(struct http_req *rq, struct http_resp *rs)
{
	const char *authz = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "Authorization");
	const char *cookie = MHD_lookup_connection_value(rq->conn, MHD_COOKIE_KIND, "sj_session");
	struct app_err e = { 0 };
	int rc = 1;

	if (authz && strncasecmp(authz, "Bearer ", 7) == 0)
		rc = app_bearer_auth(rq->app, authz + 7, &rq->who, &e);
	else if (cookie)
		rc = app_session_auth(rq->app, cookie, &rq->who, &e);
	if (rc < 0) {
		http_app_error(rq, rs, &e);
		return -1;
	}
	if (rc == 1) {
		rq->who.role = ROLE_NONE;
		http_error(rq, rs, 401, "AUTH_REQUIRED", "请先登录");
		return -1;
	}
	return 0;
}

static int is_write(const char *method)
{
	return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

/* A foreign Origin on a write is refused (login CSRF included). */
static int origin_ok(struct http_req *rq)
{
	const char *origin = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "Origin");
	const char *host = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "Host");
	const char *o;

	if (!origin)
		return 1;
	o = strstr(origin, "://");
	return host && o && strcmp(o + 3, host) == 0;
}

static int csrf_ok(struct http_req *rq)
{
	const char *t = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "X-CSRF-Token");

	if (rq->who.via_token)
		return 1;
	return t && strlen(t) == 64 && strlen(rq->who.csrf) == 64 &&
	       sodium_memcmp(t, rq->who.csrf, 64) == 0;
}

static int content_type_ok(struct MHD_Connection *c)
{
	const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
	size_t n = strlen("application/json");

	return ct && strncasecmp(ct, "application/json", n) == 0 && (ct[n] == '\0' || ct[n] == ';');
}

static int parse_body(struct http_req *rq, struct http_resp *rs, struct conn_state *st)
{
	json_error_t jerr;
	char msg[160];
	int pre;

	if (!content_type_ok(rq->conn)) {
		http_error(rq, rs, 415, "CONTENT_TYPE", "请求体应为 JSON（Content-Type: application/json）");
		return -1;
	}
	if (st->body.len == 0) {
		http_error(rq, rs, 400, "JSON_INVALID", "请求体为空，应为 JSON 对象");
		return -1;
	}
	pre = jf_prescan(st->body.data, st->body.len, HTTP_JSON_MAX_DEPTH, HTTP_JSON_MAX_ARRAY);
	if (pre) {
		http_error(rq, rs, 400, pre == 1 ? "JSON_TOO_DEEP" : "JSON_ARRAY_TOO_LONG",
			   pre == 1 ? "JSON 嵌套层数超过 32 层" : "JSON 数组超过 1000 项");
		return -1;
	}
	rq->body = json_loadb(st->body.data, st->body.len, JSON_REJECT_DUPLICATES, &jerr);
	if (!rq->body) {
		snprintf(msg, sizeof msg, "请求体不是有效的 JSON（第 %d 行第 %d 列）", jerr.line,
			 jerr.column);
		http_error(rq, rs, 400, "JSON_INVALID", msg);
		return -1;
	}
	if (!json_is_object(rq->body)) {
		http_error(rq, rs, 400, "JSON_NOT_OBJECT", "请求体应为 JSON 对象");
		return -1;
	}
	return 0;
}

static void dispatch(struct http_req *rq, struct http_resp *rs, struct conn_state *st)
{
	const struct http_route *r = st->route;

	if (r->roles != ROLES_PUBLIC) {
		if (authenticate(rq, rs) != 0)
			return;
		if (!(r->roles & ROLE_BIT(rq->who.role))) {
			app_audit_refusal(rq->app, &rq->who, "access.denied", r->pattern);
			http_error(rq, rs, 403, "FORBIDDEN", "您的角色无权进行此操作");
			return;
		}
	}
	if (is_write(rq->method)) {
		if (!origin_ok(rq)) {
			http_error(rq, rs, 403, "CSRF_ORIGIN", "请求来源不被允许");
			return;
		}
		if (r->roles != ROLES_PUBLIC && !csrf_ok(rq)) {
			app_audit_refusal(rq->app, &rq->who, "csrf.refused", r->pattern);
			http_error(rq, rs, 403, "CSRF_FAILED", "安全校验失败，请刷新页面后重试");
			return;
		}
	}
	if (r->raw_body) {
		rq->raw = st->body.data ? st->body.data : "";
		rq->rawlen = st->body.len;
	} else if (r->body_limit && parse_body(rq, rs, st) != 0) {
		return;
	}
	r->handler(rq, rs);
}

/* ---- libmicrohttpd callbacks ---- */

static void client_ip(struct MHD_Connection *c, char *out, size_t cap)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

	snprintf(out, cap, "-");
	if (!ci || !ci->client_addr)
		return;
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr,
			  out, (socklen_t)cap);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6,
			  &((const struct sockaddr_in6 *)(const void *)ci->client_addr)->sin6_addr,
			  out, (socklen_t)cap);
}

static void first_call(struct conn_state *st, struct MHD_Connection *c, const char *url,
		       const char *method)
{
	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");

	app_random_hex(st->request_id, 16);
	client_ip(c, st->ip, sizeof st->ip);
	if (st->err_status)
		return; /* refused in on_uri */
	if (strlen(url) >= sizeof st->pathbuf) {
		st->err_status = 414;
		return;
	}
	st->route = find_route(method, url, st);
	if (!st->route) {
		if (!st->err_status)
			st->err_status = 404;
		return;
	}
	buf_init(&st->body, st->route->body_limit);
	if (cl && st->route->body_limit && strtoull(cl, NULL, 10) > st->route->body_limit)
		st->err_status = 413;
}

static void upload(struct conn_state *st, const char *data, size_t n)
{
	if (st->err_status)
		return; /* swallowed: answered when the upload ends */
	if (!st->route->body_limit) {
		st->discarded += n;
		if (st->discarded > DISCARD_LIMIT)
			st->err_status = 413;
		return;
	}
	if (buf_add(&st->body, data, n) != 0)
		st->err_status = 413;
}

static void early_error(struct http_req *rq, struct http_resp *rs, int status)
{
	switch (status) {
	case 404:
		http_error(rq, rs, 404, "ROUTE_NOT_FOUND", "没有这个地址");
		break;
	case 405:
		http_error(rq, rs, 405, "METHOD_NOT_ALLOWED", "该地址不支持此请求方法");
		break;
	case 413:
		http_error(rq, rs, 413, "BODY_TOO_LARGE", "请求体过大");
		break;
	case HTTP_QUERY_REFUSED:
		http_error(rq, rs, 414, "QUERY_TOO_MANY", "查询参数过多（最多 "
			   HTTP_STR(HTTP_MAX_QUERY_ARGS) " 个）");
		break;
	default:
		http_error(rq, rs, 414, "URI_TOO_LONG", "请求地址过长");
	}
}

/* Called with the raw request line's URI before libmicrohttpd splits the
 * query into its per-connection memory pool. When that pool runs out there
 * (a few hundred arguments in 32 KiB) libmicrohttpd 0.9.75 neither answers
 * nor closes: the client waits for the connection timeout. So count the
 * arguments here; over the limit, cut the query off where libmicrohttpd is
 * about to parse it (the URI is its own writable read buffer) and answer 414
 * from the access handler. The state made here is the request's con_cls. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct conn_state *st = calloc(1, sizeof *st);
	char *q = strchr(uri, '?');
	size_t n = 1;

	(void)cls;
	(void)c;
	if (!st)
		return NULL;
	atomic_fetch_add(&active_requests, 1);
	if (!q)
		return st;
	for (const char *p = q + 1; *p && n <= HTTP_MAX_QUERY_ARGS; p++)
		n += *p == '&';
	if (n > HTTP_MAX_QUERY_ARGS) {
		st->err_status = HTTP_QUERY_REFUSED;
		q[1] = '\0';
	}
	return st;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *data,
				  size_t *data_size, void **con_cls)
{
	struct conn_state *st = *con_cls;
	struct http_req rq = { 0 };
	struct http_resp rs = { .status = 200 };
	enum MHD_Result ret;

	(void)version;
	if (!st)
		return MHD_NO; /* on_uri could not allocate: close */
	if (!st->begun) {
		st->begun = 1;
		guard_head_done(conn_guard_of(c)); /* the head is in: no deadline now */
		first_call(st, c, url, method);
		return MHD_YES; /* answering now would close keep-alive (MEASURED.md) */
	}
	if (*data_size) {
		upload(st, data, *data_size);
		*data_size = 0;
		return MHD_YES;
	}
	rq.app = cls;
	rq.conn = c;
	rq.method = method;
	rq.path = url;
	memcpy(rq.params, st->params, sizeof rq.params);
	snprintf(rq.who.request_id, sizeof rq.who.request_id, "%s", st->request_id);
	snprintf(rq.who.ip, sizeof rq.who.ip, "%s", st->ip);
	if (st->err_status)
		early_error(&rq, &rs, st->err_status);
	else
		dispatch(&rq, &rs, st);
	json_decref(rq.body);
	ret = send_resp(c, &rs, st->request_id, st->err_status == 405 ? st->allow : NULL);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct conn_state *st = *con_cls;

	(void)cls;
	(void)toe;
	/* The next request's head (or a keep-alive wait) gets its own deadline. */
	guard_head_next(&guard, conn_guard_of(c), mono_ms());
	if (!st)
		return;
	buf_free(&st->body);
	free(st);
	*con_cls = NULL;
	atomic_fetch_sub(&active_requests, 1);
}

static uint32_t addr_of(const struct sockaddr *sa, socklen_t len)
{
	if (sa && sa->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in))
		return ((const struct sockaddr_in *)(const void *)sa)->sin_addr.s_addr;
	return 0;
}

/* The accept policy: an address over its share is refused (RELIABILITY.md
 * "HTTP": slow clients cannot starve normal ones; conn_guard.h). */
static enum MHD_Result on_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
	(void)cls;
	return guard_accept(&guard, addr_of(addr, addrlen)) ? MHD_YES : MHD_NO;
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	(void)cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *fd =
			MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		const union MHD_ConnectionInfo *ad =
			MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

		*socket_context = fd ? guard_open(&guard, fd->connect_fd,
						  ad ? addr_of(ad->client_addr,
							       sizeof(struct sockaddr_in)) : 0,
						  mono_ms())
				     : NULL;
		return;
	}
	/* Closed: before libmicrohttpd closes the socket, so the reaper never
	 * shuts down a reused descriptor. */
	guard_close(&guard, *socket_context);
	*socket_context = NULL;
}

static void shut(int fd)
{
	shutdown(fd, SHUT_RDWR); /* libmicrohttpd sees the end and closes it */
}

static atomic_int reaper_stop;

/* Closes connections whose request head is overdue, four times a second. */
static void *reaper(void *arg)
{
	long last_reaped = 0, last_refused = 0;
	int64_t last_log = mono_ms();

	(void)arg;
	while (!atomic_load(&reaper_stop)) {
		struct timespec ts = { 0, 250 * 1000 * 1000 };
		int64_t now;

		nanosleep(&ts, NULL);
		now = mono_ms();
		guard_reap(&guard, now, shut);
		if (now - last_log >= 10000) {
			long r = atomic_load(&guard.reaped), f = atomic_load(&guard.refused);

			if (r != last_reaped || f != last_refused)
				log_warn("http: in the last %lld s: %ld connections closed without a"
					 " request head within %d ms, %ld refused over their"
					 " address's share", (long long)((now - last_log) / 1000),
					 r - last_reaped, guard.lim.head_timeout_ms, f - last_refused);
			last_reaped = r;
			last_refused = f;
			last_log = now;
		}
	}
	return NULL;
}

/* libmicrohttpd's messages, at most 20 a second: under a flood of bad or
 * reaped connections it writes one line per connection. */
#define MHD_LOG_PER_S 20

__attribute__((format(printf, 2, 0)))
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	static _Atomic int64_t second;
	static atomic_int lines, dropped;
	int64_t now = mono_ms() / 1000, was = atomic_load(&second);
	char msg[512];

	(void)cls;
	if (was != now && atomic_compare_exchange_strong(&second, &was, now)) {
		int d = atomic_exchange(&dropped, 0);

		atomic_store(&lines, 0);
		if (d)
			log_warn("http: %d more messages like the last were not logged", d);
	}
	if (atomic_fetch_add(&lines, 1) >= MHD_LOG_PER_S) {
		atomic_fetch_add(&dropped, 1);
		return;
	}
	vsnprintf(msg, sizeof msg, fmt, ap);
	msg[strcspn(msg, "\n")] = '\0';
	log_warn("http: %s", msg);
}

void http_options_defaults(struct http_options *o)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);

	o->listen = "127.0.0.1:8080";
	/* 8 per core: a write waits in its thread until its group commit is
	 * durable, so more threads make larger groups (make bench, 2 cores:
	 * homework posts 1425/s with 4 threads, 2295/s with 16; reads unchanged). */
	o->threads = cores > 0 ? (int)cores * 8 : 16;
	o->conn_timeout_s = 30;
	o->conn_limit = 1000;
	o->per_ip_limit = 200;
	o->head_timeout_s = 5; /* the request head, from accept or the last answer */
	o->trusted_proxies = NULL;
	o->conn_memory = 32 * 1024; /* headers and URL; bodies go to our own buffer.
				      * MHD clears the pool per request: bigger costs CPU */
	o->signin_per_ip_per_min = 30;
	o->secure_cookies = 0;
}

static int parse_listen(const char *s, struct sockaddr_in *sa)
{
	char host[64];
	const char *colon = strrchr(s, ':');
	char *end;
	long port;

	if (!colon || (size_t)(colon - s) >= sizeof host)
		return -1;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	port = strtol(colon + 1, &end, 10);
	if (*end || port < 1 || port > 65535)
		return -1;
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	return inet_pton(AF_INET, host, &sa->sin_addr) == 1 ? 0 : -1;
}

/* The listening socket, made here rather than by libmicrohttpd so that an
 * address already in use is refused with its reason: SO_REUSEPORT only when
 * asked (--reuse-port), since with it a second server on the same port
 * starts silently and the kernel splits the requests between the two. */
static int open_listener(const struct sockaddr_in *sa, const struct http_options *o)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	int on = 1, err;

	if (fd < 0) {
		log_error("无法创建监听套接字：%s", strerror(errno));
		return -1;
	}
	/* SO_REUSEADDR only lets a restart bind past TIME_WAIT; a live
	 * listener still makes bind() fail with EADDRINUSE. */
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0 ||
	    (o->reuse_port && setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) != 0) ||
	    bind(fd, (const struct sockaddr *)sa, sizeof *sa) != 0 || listen(fd, SOMAXCONN) != 0) {
		err = errno;
		close(fd);
		if (err == EADDRINUSE)
			log_error("地址 %s 已被占用（另一个服务正在监听该端口），拒绝启动；"
				  "若确需多个进程共享监听，请加 --reuse-port", o->listen);
		else
			log_error("无法监听 %s：%s", o->listen, strerror(err));
		return -1;
	}
	return fd;
}

/* The guard's limits from the options; -1 with a message on a bad proxy list. */
static int guard_limits_from(const struct http_options *o, struct guard_limits *l)
{
	const char *p = o->trusted_proxies;

	guard_limits_defaults(l, o->conn_limit);
	l->per_ip = o->per_ip_limit < o->conn_limit ? o->per_ip_limit : o->conn_limit;
	l->head_timeout_ms = o->head_timeout_s * 1000;
	while (p && *p) {
		char ip[INET_ADDRSTRLEN];
		size_t n = strcspn(p, ",");
		struct in_addr a;

		if (n == 0 || n >= sizeof ip || l->ntrusted == GUARD_MAX_TRUSTED) {
			log_error("--trusted-proxy %s：应为至多 %d 个以逗号分隔的 IPv4 地址",
				  o->trusted_proxies, GUARD_MAX_TRUSTED);
			return -1;
		}
		memcpy(ip, p, n);
		ip[n] = '\0';
		if (inet_pton(AF_INET, ip, &a) != 1) {
			log_error("--trusted-proxy：%s 不是 IPv4 地址", ip);
			return -1;
		}
		l->trusted[l->ntrusted++] = a.s_addr;
		p += n + (p[n] == ',');
	}
	return 0;
}

int http_serve(struct app *a, const struct http_options *o)
{
	struct sockaddr_in sa;
	struct MHD_Daemon *d;
	sigset_t set;
	int sig = 0, lfd;
	MHD_socket qfd;
	struct guard_limits lim;
	pthread_t reaper_thread;
	char msg[256];

	if (http_check_routes(http_routes, http_nroutes, msg, sizeof msg) != 0) {
		log_error("refusing to start: %s", msg);
		return 1;
	}
	if (parse_listen(o->listen, &sa) != 0) {
		log_error("--listen %s: expected IPv4:PORT, e.g. 127.0.0.1:8080", o->listen);
		return 1;
	}
	if (guard_limits_from(o, &lim) != 0)
		return 1;
	lfd = open_listener(&sa, o);
	if (lfd < 0)
		return 1;
	guard_init(&guard, &lim);
	http_signin_config(o->signin_per_ip_per_min, o->secure_cookies);
	/* Block the stop signals in every thread; this one waits for them. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0,
			     on_accept, NULL, on_request, a,
			     MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
			     MHD_OPTION_LISTEN_SOCKET, (MHD_socket)lfd,
			     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)o->threads,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)o->conn_timeout_s,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned)o->conn_limit,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, o->conn_memory,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
			     MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
			     MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
			     MHD_OPTION_END);
	if (!d) {
		log_error("cannot start the HTTP server on %s", o->listen);
		close(lfd);
		guard_free(&guard);
		return 1;
	}
	atomic_store(&reaper_stop, 0);
	if (pthread_create(&reaper_thread, NULL, reaper, NULL) != 0) {
		log_error("cannot start the connection reaper");
		MHD_stop_daemon(d);
		close(lfd);
		guard_free(&guard);
		return 1;
	}
	log_info("serving on http://%s (%d threads, policy %s%s; at most %d connections,"
		 " %d per address, %d when nearly full; request head within %d s%s%s)",
		 o->listen, o->threads, a->policy_name,
		 o->reuse_port ? ", port shared: --reuse-port" : "", lim.max_conns, lim.per_ip,
		 lim.share, o->head_timeout_s, lim.ntrusted ? "; trusted proxy " : "",
		 lim.ntrusted ? o->trusted_proxies : "");
	fflush(stderr);
	while (sigwait(&set, &sig) != 0)
		;
	log_info("signal %d: draining", sig);
	qfd = MHD_quiesce_daemon(d);
	for (int i = 0; i < 1000 && atomic_load(&active_requests) > 0; i++) {
		struct timespec ts = { 0, 10 * 1000 * 1000 };

		nanosleep(&ts, NULL);
	}
	atomic_store(&reaper_stop, 1);
	pthread_join(reaper_thread, NULL);
	MHD_stop_daemon(d);
	guard_free(&guard);
	if (qfd != MHD_INVALID_SOCKET)
		close(qfd); /* quiesced: MHD handed the listening socket back */
	log_info("stopped");
	return 0;
}
