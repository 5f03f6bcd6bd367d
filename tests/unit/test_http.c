/* test_http.c - src/http: the route table and path matching.
 *
 * RELIABILITY "Access": "Deny by default: every route declares who may call
 * it, and the router refuses a route without one." STYLE: "tables drive
 * dispatch"; the table is checked, each route has a summary, static last. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http/conn_guard.h"
#include "http/http.h"

static void h_dummy(struct http_req *rq, struct http_resp *rs)
{
	(void)rq;
	(void)rs;
}

/* ---- http_match ---- */

/* http.h: "fills params (pointers into buf)" for each {name} segment. */
static void test_match_captures_params(void **state)
{
	char buf[256];
	const char *p[HTTP_MAX_PARAMS] = { 0 };

	(void)state;
	assert_int_equal(http_match("/api/v1/users/{id}", "/api/v1/users/42", buf, sizeof buf, p), 1);
	assert_string_equal(p[0], "42");
	assert_true(p[0] >= buf && p[0] < buf + sizeof buf);
	assert_int_equal(http_match("/api/v1/schools/{sid}/classes/{cid}",
				    "/api/v1/schools/7/classes/301", buf, sizeof buf, p), 1);
	assert_string_equal(p[0], "7");
	assert_string_equal(p[1], "301");
	/* a parameter may hold any text but a slash, Chinese included */
	assert_int_equal(http_match("/{asset}", "/app.js", buf, sizeof buf, p), 1);
	assert_string_equal(p[0], "app.js");
	assert_int_equal(http_match("/api/v1/users/{id}", "/api/v1/users/张三", buf, sizeof buf, p), 1);
	assert_string_equal(p[0], "张三");
	/* literal routes match only themselves */
	assert_int_equal(http_match("/healthz", "/healthz", buf, sizeof buf, p), 1);
	assert_int_equal(http_match("/", "/", buf, sizeof buf, p), 1);
}

/* http.h: no match on an extra or a missing segment. */
static void test_match_segments_exact(void **state)
{
	char buf[256];
	const char *p[HTTP_MAX_PARAMS];

	(void)state;
	assert_int_equal(http_match("/api/v1/users/{id}", "/api/v1/users/42/x", buf, sizeof buf, p), 0);
	assert_int_equal(http_match("/api/v1/users/{id}", "/api/v1/users/42/", buf, sizeof buf, p), 0);
	assert_int_equal(http_match("/api/v1/users/{id}", "/api/v1/users", buf, sizeof buf, p), 0);
	assert_int_equal(http_match("/api/v1/users", "/api/v1/users/42", buf, sizeof buf, p), 0);
	assert_int_equal(http_match("/api/v1/users", "/api/v1/user", buf, sizeof buf, p), 0);
	assert_int_equal(http_match("/api/v1/users", "/api/v1/users/", buf, sizeof buf, p), 0);
	assert_int_equal(http_match("/healthz", "/healthzz", buf, sizeof buf, p), 0);
	assert_int_equal(http_match("/{asset}", "/a/b", buf, sizeof buf, p), 0);
	assert_int_equal(http_match("/{asset}", "/", buf, sizeof buf, p), 0);
	assert_int_equal(http_match("/", "/index.html", buf, sizeof buf, p), 0);
	assert_int_equal(http_match("/api/v1/schools/{sid}/classes/{cid}", "/api/v1/schools/7/classes",
				    buf, sizeof buf, p), 0);
}

/* http.h: "an empty segment matches nothing". */
static void test_match_empty_segment(void **state)
{
	char buf[256];
	const char *p[HTTP_MAX_PARAMS];

	(void)state;
	assert_int_equal(http_match("/api/v1/users/{id}", "/api/v1/users/", buf, sizeof buf, p), 0);
	assert_int_equal(http_match("/api/v1/schools/{sid}/classes/{cid}",
				    "/api/v1/schools//classes/3", buf, sizeof buf, p), 0);
	assert_int_equal(http_match("/api/v1/schools/{sid}/classes/{cid}",
				    "/api/v1/schools/1/classes/", buf, sizeof buf, p), 0);
}

/* http.h: params never overflow buf: a too-long segment is no match, and
 * nothing is written past cap (a canary after cap stays intact). */
static void test_match_buffer_bounded(void **state)
{
	char buf[16];
	const char *p[HTTP_MAX_PARAMS];

	(void)state;
	memset(buf, 'Z', sizeof buf);
	assert_int_equal(http_match("/u/{id}", "/u/123456", buf, 8, p), 1);
	assert_string_equal(p[0], "123456");
	assert_int_equal(http_match("/u/{id}", "/u/123456789", buf, 8, p), 0);
	for (size_t i = 8; i < sizeof buf; i++)
		assert_int_equal(buf[i], 'Z');
	/* more {params} than HTTP_MAX_PARAMS is no match */
	{
		char big[256];

		assert_int_equal(http_match("/{a}/{b}/{c}/{d}", "/1/2/3/4", big, sizeof big, p), 1);
		assert_string_equal(p[3], "4");
		assert_int_equal(http_match("/{a}/{b}/{c}/{d}/{e}", "/1/2/3/4/5", big, sizeof big, p),
				 0);
	}
}

/* ---- http_check_routes ---- */

/* RELIABILITY "Access": the real table passes the router's own check. */
static void test_check_routes_real_table(void **state)
{
	char msg[256] = "";

	(void)state;
	assert_true(http_nroutes > 0);
	assert_int_equal(http_check_routes(http_routes, http_nroutes, msg, sizeof msg), 0);
}

/* RELIABILITY "Access": "the router refuses a route without one" (roles 0),
 * naming the route. */
static void test_check_routes_refuses_no_roles(void **state)
{
	const struct http_route t[] = {
		{ "GET", "/healthz", ROLES_PUBLIC, 0, h_dummy, "ok", 0 },
		{ "GET", "/api/v1/secret", 0, 0, h_dummy, "no roles", 0 },
	};
	char msg[256] = "";

	(void)state;
	assert_int_equal(http_check_routes(t, 2, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "/api/v1/secret"));
	assert_non_null(strstr(msg, "GET"));
	/* the same table without the bad route passes */
	assert_int_equal(http_check_routes(t, 1, msg, sizeof msg), 0);
}

/* http.h / RELIABILITY "HTTP": "limits on body ... checked before buffering":
 * a body route (POST/PUT/PATCH) with body_limit 0 is refused; 1 passes. */
static void test_check_routes_refuses_unlimited_body(void **state)
{
	static const char *const methods[] = { "POST", "PUT", "PATCH" };
	char msg[256];

	(void)state;
	for (int i = 0; i < 3; i++) {
		struct http_route t[] = {
			{ methods[i], "/api/v1/users", ROLE_BIT(ROLE_DISTRICT_ADMIN), 0, h_dummy, "x", 0 },
		};

		msg[0] = '\0';
		assert_int_equal(http_check_routes(t, 1, msg, sizeof msg), -1);
		assert_non_null(strstr(msg, "/api/v1/users"));
		assert_non_null(strstr(msg, methods[i]));
		t[0].body_limit = 1;
		assert_int_equal(http_check_routes(t, 1, msg, sizeof msg), 0);
	}
	/* GET and DELETE take no body: 0 is right for them */
	{
		const struct http_route t[] = {
			{ "GET", "/a", ROLES_PUBLIC, 0, h_dummy, "x", 0 },
			{ "DELETE", "/a", ROLES_ANY_SIGNED_IN, 0, h_dummy, "x", 0 },
		};

		assert_int_equal(http_check_routes(t, 2, msg, sizeof msg), 0);
	}
}

/* http.c: a route without a handler or summary is refused too. */
static void test_check_routes_refuses_no_summary(void **state)
{
	const struct http_route t1[] = { { "GET", "/a", ROLES_PUBLIC, 0, h_dummy, NULL, 0 } };
	const struct http_route t2[] = { { "GET", "/b", ROLES_PUBLIC, 0, NULL, "x", 0 } };
	char msg[256];

	(void)state;
	assert_int_equal(http_check_routes(t1, 1, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "/a"));
	assert_int_equal(http_check_routes(t2, 1, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "/b"));
}

/* STYLE "tables drive dispatch": help and `shuangjian routes` are printed from
 * the table, so every route has a non-empty summary, a known method, a pattern
 * starting with '/', and no duplicate (method, pattern). */
static void test_routes_well_formed(void **state)
{
	static const char *const known[] = { "GET", "POST", "PUT", "PATCH", "DELETE", NULL, 0 };

	(void)state;
	for (size_t i = 0; i < http_nroutes; i++) {
		const struct http_route *r = &http_routes[i];
		int ok = 0;

		if (!r->summary || !r->summary[0])
			fail_msg("route %s %s has no summary", r->method, r->pattern);
		for (int k = 0; known[k]; k++)
			ok |= strcmp(r->method, known[k]) == 0;
		if (!ok)
			fail_msg("route %s %s: unknown method", r->method, r->pattern);
		assert_true(r->pattern[0] == '/');
		assert_non_null(r->handler);
		assert_int_not_equal(r->roles, 0);
		/* roles name only bits 0..8 */
		assert_int_equal(r->roles & ~(ROLES_PUBLIC | ROLES_ANY_SIGNED_IN), 0);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(http_routes[j].method, r->method) &&
			    !strcmp(http_routes[j].pattern, r->pattern))
				fail_msg("route %s %s twice", r->method, r->pattern);
	}
}

/* routes.c: "the static routes ... come last": the catch-all /{asset} is the
 * last entry, and it shadows no API route - for every other route a concrete
 * path matches that route before any later one in table order. */
static void test_static_route_last(void **state)
{
	const struct http_route *last = &http_routes[http_nroutes - 1];

	(void)state;
	assert_string_equal(last->method, "GET");
	assert_string_equal(last->pattern, "/{asset}");
	assert_int_equal(last->roles, ROLES_PUBLIC);
	assert_int_equal(last->body_limit, 0);
	for (size_t i = 0; i + 1 < http_nroutes; i++) {
		const struct http_route *r = &http_routes[i];
		char path[512], buf[512];
		const char *p[HTTP_MAX_PARAMS];
		size_t o = 0;

		assert_string_not_equal(r->pattern, "/{asset}");
		/* the path for this pattern: each {name} becomes "1" */
		for (const char *s = r->pattern; *s && o + 2 < sizeof path; s++) {
			if (*s == '{') {
				path[o++] = '1';
				s = strchr(s, '}');
				assert_non_null(s);
				continue;
			}
			path[o++] = *s;
		}
		path[o] = '\0';
		for (size_t j = 0; j < http_nroutes; j++) {
			if (strcmp(http_routes[j].method, r->method) != 0)
				continue;
			if (!http_match(http_routes[j].pattern, path, buf, sizeof buf, p))
				continue;
			if (j != i && strcmp(http_routes[j].pattern, r->pattern) != 0)
				fail_msg("%s %s is answered by %s first", r->method, path,
					 http_routes[j].pattern);
			break;
		}
	}
	/* and an API path that matches nothing else is not taken by /{asset} (two segments) */
	{
		char buf[256];
		const char *p[HTTP_MAX_PARAMS];

		assert_int_equal(http_match(last->pattern, "/api/v1/nothing", buf, sizeof buf, p), 0);
	}
}

/* RELIABILITY "Access": API routes other than the two ways in (sign-in and
 * activation with a one-time code) are not public; those two are. */
static void test_api_routes_not_public_except_signin(void **state)
{
	int doors = 0;

	(void)state;
	for (size_t i = 0; i < http_nroutes; i++) {
		const struct http_route *r = &http_routes[i];
		int door = !strcmp(r->method, "POST") && (!strcmp(r->pattern, "/api/v1/session") ||
							  !strcmp(r->pattern, "/api/v1/activation"));

		if (strncmp(r->pattern, "/api/", 5) != 0)
			continue;
		if (door) {
			assert_true(r->roles & ROLES_PUBLIC);
			doors++;
		} else if (r->roles & ROLES_PUBLIC) {
			fail_msg("%s %s is public", r->method, r->pattern);
		}
	}
	assert_int_equal(doors, 2);
}

/* RELIABILITY "HTTP": a JSON body is at most 1 MiB; a file upload (a raw
 * route, e.g. an import) at most 50 MiB, and only for roles that import —
 * except a public report's evidence (RP_EVIDENCE), at most 8 MiB. */
static void test_body_limits_at_most_1mib(void **state)
{
	int raw = 0;

	(void)state;
	for (size_t i = 0; i < http_nroutes; i++) {
		if (http_routes[i].raw_body &&
		    !strcmp(http_routes[i].pattern, "/public/v1/reports/{code}/evidence")) {
			raw++;
			assert_true(http_routes[i].body_limit <= (size_t)8 << 20);
		} else if (http_routes[i].raw_body) {
			raw++;
			assert_true(http_routes[i].body_limit <= (size_t)50 << 20);
			assert_true(http_routes[i].roles != ROLES_PUBLIC);
			assert_false(http_routes[i].roles & ROLE_BIT(ROLE_PARENT));
		} else {
			assert_true(http_routes[i].body_limit <= 1024 * 1024);
		}
	}
	/* the imports (any kind, fitness), evidence of a visit or a case, a report's
	 * evidence, evidence of a supervision finding and of a school's
	 * rectification, a self-assessment's evidence */
	assert_int_equal(raw, 8);
}

/* ============================================== connection guard (conn_guard.h) */

/* The defaults for 1000 connections: 200 per address, nearly full at 750,
 * a share of 62 there, 5 s for a head; a tiny limit keeps per_ip and share sane. */
static void test_guard_defaults(void **state)
{
	struct guard_limits l;

	(void)state;
	guard_limits_defaults(&l, 1000);
	assert_int_equal(l.per_ip, 200);
	assert_int_equal(l.nearly_full, 750);
	assert_int_equal(l.share, 62);
	assert_int_equal(l.head_timeout_ms, 5000);
	guard_limits_defaults(&l, 16);
	assert_int_equal(l.per_ip, 16);
	assert_int_equal(l.nearly_full, 12);
	assert_int_equal(l.share, 1);
}

/* Both sides of every number of the accept policy. */
static void test_guard_admits(void **state)
{
	struct guard_limits l;

	(void)state;
	guard_limits_defaults(&l, 1000);
	/* below nearly full: up to per_ip */
	assert_true(guard_admits(&l, 0, 0, 0));
	assert_true(guard_admits(&l, 749, 199, 0));
	assert_false(guard_admits(&l, 749, 200, 0));
	/* nearly full: an address holding its share gets no more, others do */
	assert_true(guard_admits(&l, 750, 61, 0));
	assert_false(guard_admits(&l, 750, 62, 0));
	assert_true(guard_admits(&l, 999, 0, 0));
	/* full is full, for everyone */
	assert_false(guard_admits(&l, 1000, 0, 0));
	assert_false(guard_admits(&l, 1000, 0, 1));
	/* a trusted proxy has no per-address limit */
	assert_true(guard_admits(&l, 999, 999, 1));
	assert_true(guard_admits(&l, 10, 500, 1));
}

static int shut_fds[16], nshut;

static void record_shut(int fd)
{
	if (nshut < 16)
		shut_fds[nshut++] = fd;
}

/* Counts per address follow open and close; the accept policy reads them. */
static void test_guard_counts(void **state)
{
	struct guard_limits l;
	struct conn_guard g;
	struct guard_conn *c[20];

	(void)state;
	guard_limits_defaults(&l, 16); /* per_ip 16, nearly full 12, share 1 */
	l.per_ip = 3;
	guard_init(&g, &l);
	for (int i = 0; i < 3; i++)
		c[i] = guard_open(&g, 10 + i, 0x0200007f, 0);
	assert_int_equal(guard_held(&g, 0x0200007f), 3);
	assert_false(guard_accept(&g, 0x0200007f)); /* per_ip 3 reached */
	assert_true(guard_accept(&g, 0x0300007f));
	guard_close(&g, c[0]);
	assert_int_equal(guard_held(&g, 0x0200007f), 2);
	assert_true(guard_accept(&g, 0x0200007f));
	/* fill to nearly full (12) from other addresses, 2 each */
	for (int i = 0; i < 10; i++)
		c[3 + i] = guard_open(&g, 20 + i, 0x0400007f + ((uint32_t)(i / 2) << 24), 0);
	assert_int_equal(g.total, 12);
	assert_false(guard_accept(&g, 0x0200007f)); /* holds 2 >= share 1 */
	assert_true(guard_accept(&g, 0x0900007f));  /* holds none */
	assert_int_equal(atomic_load(&g.refused), 2);
	guard_close(&g, c[1]);
	guard_close(&g, c[2]);
	assert_int_equal(guard_held(&g, 0x0200007f), 0);
	guard_free(&g);
}

/* The reaper shuts a connection whose head is overdue, once; not one whose
 * head is in, not one still in time, not a trusted proxy's. */
static void test_guard_reap(void **state)
{
	struct guard_limits l;
	struct conn_guard g;
	struct guard_conn *late, *done, *fresh, *proxy, *next;

	(void)state;
	guard_limits_defaults(&l, 100);
	l.trusted[l.ntrusted++] = 0x0100007f;
	guard_init(&g, &l);
	late = guard_open(&g, 5, 0x0200007f, 1000);
	done = guard_open(&g, 6, 0x0200007f, 1000);
	fresh = guard_open(&g, 7, 0x0200007f, 3000);
	proxy = guard_open(&g, 8, 0x0100007f, 1000);
	next = guard_open(&g, 9, 0x0300007f, 1000);
	guard_head_done(done);
	guard_head_done(next);
	guard_head_next(&g, next, 2000); /* a request ended at 2000: next head by 7000 */
	guard_head_next(&g, proxy, 2000);
	nshut = 0;
	assert_int_equal(guard_reap(&g, 5999, record_shut), 0);
	assert_int_equal(guard_reap(&g, 6000, record_shut), 1);
	assert_int_equal(shut_fds[0], 5);
	assert_int_equal(guard_reap(&g, 6000, record_shut), 0); /* once */
	assert_int_equal(guard_reap(&g, 6999, record_shut), 0);
	assert_int_equal(guard_reap(&g, 7000, record_shut), 1);
	assert_int_equal(shut_fds[1], 9);
	assert_int_equal(guard_reap(&g, 7999, record_shut), 0);
	assert_int_equal(guard_reap(&g, 8000, record_shut), 1);
	assert_int_equal(shut_fds[2], 7);
	assert_int_equal(guard_reap(&g, 1000000, record_shut), 0); /* done and proxy stay */
	assert_int_equal(atomic_load(&g.reaped), 3);
	guard_close(&g, late);
	guard_close(&g, done);
	guard_close(&g, fresh);
	guard_close(&g, proxy);
	guard_close(&g, next);
	assert_int_equal(g.total, 0);
	guard_free(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match_captures_params),
		cmocka_unit_test(test_guard_defaults),
		cmocka_unit_test(test_guard_admits),
		cmocka_unit_test(test_guard_counts),
		cmocka_unit_test(test_guard_reap),
		cmocka_unit_test(test_match_segments_exact),
		cmocka_unit_test(test_match_empty_segment),
		cmocka_unit_test(test_match_buffer_bounded),
		cmocka_unit_test(test_check_routes_real_table),
		cmocka_unit_test(test_check_routes_refuses_no_roles),
		cmocka_unit_test(test_check_routes_refuses_unlimited_body),
		cmocka_unit_test(test_check_routes_refuses_no_summary),
		cmocka_unit_test(test_routes_well_formed),
		cmocka_unit_test(test_static_route_last),
		cmocka_unit_test(test_api_routes_not_public_except_signin),
		cmocka_unit_test(test_body_limits_at_most_1mib),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
