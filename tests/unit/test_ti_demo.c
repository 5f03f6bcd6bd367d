/* test_ti_demo.c - the demo's joint enforcement (demo_ti_cases) on a fresh
 * store with only the accounts it needs: two sweeps, three visits with
 * evidence, a place added as unlicensed, one closed case, one overdue
 * rectification, one case at 决定. */
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

static json_t *list(const char *stage, const char *overdue)
{
	struct actor who = { .user_id = 2, .district_id = A.district_id, .role = ROLE_INSPECTOR };
	struct app_err e = { 0 };
	json_t *out = NULL;

	assert_int_equal(app_ti_case_list(&A, &who, stage, NULL, overdue, NULL, NULL, &out, &e), 0);
	return out;
}

static void test_demo(void **state)
{
	struct app_config cfg;
	struct app_err e = { 0 };
	char msg[256], p2[80];
	json_t *all, *closed, *late, *decided;
	int fd;

	(void)state;
	snprintf(path, sizeof path, "/tmp/sj-tidemo-XXXXXX");
	fd = mkstemp(path);
	close(fd);
	unlink(path);
	app_config_defaults(&cfg);
	assert_int_equal(app_open(&A, DB_SQLITE, path, NULL, &cfg, msg, sizeof msg), 0);
	assert_int_equal(app_init_user(&A, "admin", "管理员", "district_admin", "demo-pass-2026!x", 0,
				       true, &e), 0);
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
	{
		json_t *c1 = json_array_get(json_object_get(closed, "items"), 0);
		json_t *c2 = json_array_get(json_object_get(late, "items"), 0);

		/* three institutions: two approved (distinct credit codes), one found */
		assert_int_not_equal(json_integer_value(json_object_get(json_object_get(c1,
			"institution"), "id")), json_integer_value(json_object_get(json_object_get(c2,
			"institution"), "id")));
	}
	{
		json_t *c = json_array_get(json_object_get(decided, "items"), 0);
		json_t *inst = json_object_get(c, "institution");

		assert_string_equal(json_string_value(json_object_get(inst, "status")), "unlicensed");
	}
	json_decref(all);
	json_decref(closed);
	json_decref(late);
	json_decref(decided);
	app_close(&A);
	for (int i = 0; i < 3; i++) {
		snprintf(p2, sizeof p2, "%s%s", path, (const char *[]){ "", "-wal", "-shm" }[i]);
		unlink(p2);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
