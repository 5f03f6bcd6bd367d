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

/* RELIABILITY "Access": API routes other than sign-in and health are not public. */
static void test_api_routes_not_public_except_signin(void **state)
{
	(void)state;
	for (size_t i = 0; i < http_nroutes; i++) {
		const struct http_route *r = &http_routes[i];

		if (strncmp(r->pattern, "/api/", 5) != 0)
			continue;
		if (!strcmp(r->method, "POST") && !strcmp(r->pattern, "/api/v1/session"))
			continue;
		if (r->roles & ROLES_PUBLIC)
			fail_msg("%s %s is public", r->method, r->pattern);
	}
}

/* RELIABILITY "HTTP": JSON bodies up to 1 MiB: no route takes more. */
/* RELIABILITY "HTTP": a JSON body is at most 1 MiB; a file upload (a raw
 * route, e.g. an import) at most 50 MiB, and only for roles that import. */
static void test_body_limits_at_most_1mib(void **state)
{
	int raw = 0;

	(void)state;
	for (size_t i = 0; i < http_nroutes; i++) {
		if (http_routes[i].raw_body) {
			raw++;
			assert_true(http_routes[i].body_limit <= (size_t)50 << 20);
			assert_true(http_routes[i].roles != ROLES_PUBLIC);
			assert_false(http_routes[i].roles & ROLE_BIT(ROLE_PARENT));
		} else {
			assert_true(http_routes[i].body_limit <= 1024 * 1024);
		}
	}
	assert_int_equal(raw, 1); /* only the import takes a file */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match_captures_params),
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
