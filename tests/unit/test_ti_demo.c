/* test_ti_demo.c - joint enforcement on a fresh store with only the district
 * administrator: the demo (demo_ti_cases) makes two sweeps, three visits
 * with evidence, a place added as unlicensed, one closed case, one overdue
 * rectification, one case at 决定; and RELIABILITY.md "Writes" for a
 * decision: a failure injected at statement k = 1..K of 决定 (the step, its
 * measures, the institution moved to revoked, the audit row) leaves the case
 * and the institution all-before or all-after. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app.h"
#include "app/app_ticase.h"
#include "demo/demo_ti_cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[64];
static struct app A;
static struct actor W; /* a writer: the district admin */

static int setup(void **state)
{
	struct app_config cfg;
	struct app_err e = { 0 };
	char msg[256];
	int fd;

	(void)state;
	snprintf(path, sizeof path, "/tmp/sj-tidemo-XXXXXX");
	fd = mkstemp(path);
	close(fd);
	unlink(path);
	app_config_defaults(&cfg);
	if (app_open(&A, DB_SQLITE, path, NULL, &cfg, msg, sizeof msg) != 0 ||
	    app_init_user(&A, "admin", "管理员", "district_admin", "demo-pass-2026!x", 0, true,
			  &e) != 0 ||
	    app_cli_admin(&A, NULL, &W, &e) != 0) {
		fprintf(stderr, "setup: %s %s\n", msg, e.message);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	char p2[80];

	(void)state;
	app_close(&A);
	for (int i = 0; i < 3; i++) {
		snprintf(p2, sizeof p2, "%s%s", path, (const char *[]){ "", "-wal", "-shm" }[i]);
		unlink(p2);
	}
	return 0;
}

static json_t *list(const char *stage, const char *overdue)
{
	struct app_err e = { 0 };
	json_t *out = NULL;

	assert_int_equal(app_ti_case_list(&A, &W, stage, NULL, overdue, NULL, NULL, &out, &e), 0);
	return out;
}

static int64_t inst_id(json_t *page)
{
	json_t *c = json_array_get(json_object_get(page, "items"), 0);

	return json_integer_value(json_object_get(json_object_get(c, "institution"), "id"));
}

static void test_demo(void **state)
{
	struct app_err e = { 0 };
	json_t *all, *closed, *late, *decided, *c;

	(void)state;
	if (demo_ti_cases(&A, &e) != 0)
		fail_msg("demo_ti_cases: %s %s", e.code, e.message);
	all = list(NULL, NULL);
	closed = list("close", NULL);
	late = list(NULL, "1");
	decided = list("decide", NULL);
	assert_int_equal(json_array_size(json_object_get(all, "items")), 3);
	assert_int_equal(json_array_size(json_object_get(closed, "items")), 1);
	assert_int_equal(json_array_size(json_object_get(late, "items")), 1);
	assert_int_equal(json_array_size(json_object_get(decided, "items")), 1);
	/* three institutions: two approved (distinct credit codes), one found */
	assert_int_not_equal(inst_id(closed), inst_id(late));
	c = json_array_get(json_object_get(decided, "items"), 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(c, "institution"),
							      "status")), "unlicensed");
	json_decref(all);
	json_decref(closed);
	json_decref(late);
	json_decref(decided);
}

/* The case as the API shows it (steps, measures, the institution's status). */
static char *snap(int64_t id)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	char *s;

	assert_int_equal(app_ti_case_get(&A, &W, id, &out, &e), 0);
	s = json_dumps(out, JSON_SORT_KEYS);
	json_decref(out);
	return s;
}

static void step_ok(int64_t id, const char *step)
{
	struct app_err e = { 0 };
	json_t *b = json_pack("{s:s}", "step", step), *out = NULL;

	assert_int_equal(app_ti_case_step(&A, &W, id, b, &out, &e), 0);
	json_decref(b);
	json_decref(out);
}

static void test_decide_faults(void **state)
{
	struct app_err e = { 0 };
	json_t *b, *out = NULL;
	int64_t vid, cid;
	int failures = 0, k;

	(void)state;
	b = json_pack("{s:{s:s,s:s},s:s,s:s,s:s,s:[s]}", "institution", "name", "故障测试机构",
		      "credit_code", "92140212MA0C000990", "visited_on", "2026-01-05", "agency",
		      "edu", "officers", "甲", "findings", "unlicensed");
	assert_int_equal(app_ti_visit_create(&A, &W, b, &out, &e), 0);
	json_decref(b);
	vid = json_integer_value(json_object_get(json_object_get(json_object_get(out, "visit"),
								 "institution"), "id"));
	json_decref(out);
	out = NULL;
	b = json_pack("{s:I,s:s}", "institution_id", (json_int_t)vid, "finding", "unlicensed");
	assert_int_equal(app_ti_case_open(&A, &W, b, &out, &e), 0);
	json_decref(b);
	cid = json_integer_value(json_object_get(json_object_get(out, "case"), "id"));
	json_decref(out);
	out = NULL; /* a refused step leaves out as it was: never a freed answer */
	step_ok(cid, "investigate");
	step_ok(cid, "notify");
	for (k = 1; k < 200; k++) {
		char *before = snap(cid), *after;
		int rc;

		b = json_pack("{s:s,s:[{s:s,s:s},{s:s,s:s,s:f}]}", "step", "decide", "measures",
			      "measure", "suspend", "agency", "edu", "measure", "fine", "agency",
			      "market", "amount", 5000.0);
		db_fail_after(k);
		rc = app_ti_case_step(&A, &W, cid, b, &out, &e);
		db_fail_after(0);
		json_decref(b);
		json_decref(out);
		out = NULL;
		after = snap(cid);
		/* a failure in the read after the commit answers an error over a
		 * durable write: then the case must be all-after */
		if (rc != 0 && strcmp(before, after) == 0) {
			failures++;
			app_err_clear(&e);
			free(before);
			free(after);
			continue;
		}
		app_err_clear(&e);
		assert_non_null(strstr(after, "\"stage\": \"decide\""));
		assert_non_null(strstr(after, "\"measure\": \"fine\""));
		assert_non_null(strstr(after, "\"status\": \"revoked\""));
		free(before);
		free(after);
		break;
	}
	assert_true(failures >= 4);
	assert_true(k < 200);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo),
		cmocka_unit_test(test_decide_faults),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
