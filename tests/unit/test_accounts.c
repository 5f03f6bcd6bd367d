/* test_accounts.c - accounts for a whole district on a one-school demo: a
 * code lives 14 days (a second less works, a second more does not), a
 * failure injected at any statement of a provisioning run leaves no account
 * and no link behind (RELIABILITY.md "Writes"), and a code is never stored
 * in clear. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app.h"
#include "app/app_accounts.h"
#include "store/store.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo_fixture.h"

static struct actor ADMIN;
static int64_t SCHOOL, CLASS1, CLASS2;

static char qb[512];
#define Q(fmt, ...) (snprintf(qb, sizeof qb, fmt, __VA_ARGS__), fx_scalar(qb))

/* Run a statement on the fixture's store. */
static void exec(const char *sql)
{
	struct app_err e = { 0 };
	struct db_err dbe = { 0 };
	struct db *db = app_db_get(&fx_app, &e);

	assert_non_null(db);
	if (db_exec(db, sql, NULL, 0, NULL, &dbe) != 0)
		fail_msg("%s: %s", sql, dbe.msg);
	app_db_put(&fx_app, db);
}

static int setup(void **state)
{
	(void)state;
	fx_open("accounts", "accounts-pass-2026!", 1);
	fx_actor("admin", &ADMIN);
	SCHOOL = fx_scalar("SELECT MIN(id) FROM school");
	CLASS1 = Q("SELECT MIN(id) FROM class WHERE school_id = %lld", (long long)SCHOOL);
	CLASS2 = Q("SELECT MIN(id) FROM class WHERE school_id = %lld AND id > %lld",
		   (long long)SCHOOL, (long long)CLASS1);
	/* the demo gives every guardian an account: two classes get a second
	 * guardian each (a grandparent's phone, 199…) that has none */
	snprintf(qb, sizeof qb, "INSERT INTO guardian (district_id, name, phone)"
		 " SELECT district_id, '祖母' || id, '199' || substr('00000000' || id, -8)"
		 " FROM student WHERE class_id IN (%lld, %lld)", (long long)CLASS1,
		 (long long)CLASS2);
	exec(qb);
	exec("INSERT INTO guardian_student (district_id, guardian_id, student_id, relation)"
	     " SELECT g.district_id, g.id, st.id, '祖母' FROM guardian g JOIN student st"
	     " ON g.phone = '199' || substr('00000000' || st.id, -8)");
	return SCHOOL && CLASS1 && CLASS2 &&
		       fx_scalar("SELECT COUNT(*) FROM guardian WHERE user_id IS NULL") > 4 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	time_pin(0);
	fx_close();
	return 0;
}

static json_t *provision(int64_t class_id)
{
	struct provision_in in = { .role = "parent", .school_id = SCHOOL, .class_id = class_id };
	struct app_err e = { 0 };
	json_t *out = NULL;

	if (app_provision(&fx_app, &ADMIN, &in, &out, &e) != 0)
		fail_msg("provision: %s", e.message);
	return out;
}

static int activate(const char *login, const char *code, const char *pw, char *errcode)
{
	struct actor who = { 0 };
	struct app_err e = { 0 };
	char token[65];
	int rc = app_activate(&fx_app, login, code, pw, "127.0.0.1", "test", &who, token, &e);

	snprintf(errcode, 32, "%s", rc ? e.code : "");
	app_err_clear(&e);
	return rc;
}

/* A failure at each statement of a run: no account, no link, no audit row. */
static void test_provision_all_or_nothing(void **state)
{
	struct provision_in in = { .role = "parent", .school_id = SCHOOL, .class_id = CLASS2 };
	int64_t users = fx_scalar("SELECT COUNT(*) FROM users");
	int64_t linked = fx_scalar("SELECT COUNT(*) FROM guardian WHERE user_id IS NOT NULL");
	int64_t audit = fx_scalar("SELECT COUNT(*) FROM audit");
	struct app_err e = { 0 };
	json_t *out = NULL;
	int k, done = 0;

	(void)state;
	for (k = 1; k < 400 && !done; k++) {
		db_fail_after(k);
		if (app_provision(&fx_app, &ADMIN, &in, &out, &e) == 0) {
			done = 1;
		} else {
			db_fail_after(0);
			assert_int_equal(fx_scalar("SELECT COUNT(*) FROM users"), users);
			assert_int_equal(fx_scalar("SELECT COUNT(*) FROM guardian WHERE user_id IS NOT NULL"),
					 linked);
			assert_int_equal(fx_scalar("SELECT COUNT(*) FROM audit"), audit);
			app_err_clear(&e);
		}
		db_fail_after(0);
	}
	assert_true(done);
	assert_true(k > 10);
	{
		int64_t n = json_integer_value(json_object_get(out, "created"));

		assert_true(n > 0);
		assert_int_equal(fx_scalar("SELECT COUNT(*) FROM users"), users + n);
		assert_int_equal(fx_scalar("SELECT COUNT(*) FROM guardian WHERE user_id IS NOT NULL"),
				 linked + n);
	}
	json_decref(out);
}

/* TTL: 14 days. One second before the end the code works, one after it does not. */
static void test_code_expires_after_14_days(void **state)
{
	int64_t t0 = time_now();
	json_t *out;
	json_t *a, *b;
	char code[32];

	(void)state;
	time_pin(t0);
	out = provision(CLASS1);
	assert_true(json_array_size(json_object_get(out, "items")) >= 2);
	a = json_array_get(json_object_get(out, "items"), 0);
	b = json_array_get(json_object_get(out, "items"), 1);
	/* never in clear in the store */
	snprintf(qb, sizeof qb, "SELECT COUNT(*) FROM users WHERE activation_hash = '%s'"
		 " OR activation_hash LIKE '%%%.4s%%'", json_string_value(json_object_get(a, "code")),
		 json_string_value(json_object_get(a, "code")));
	assert_int_equal(fx_scalar(qb), 0);
	time_pin(t0 + 14 * 86400 + 1);
	assert_int_equal(activate(json_string_value(json_object_get(a, "username")),
				  json_string_value(json_object_get(a, "code")), "a-good-password-123",
				  code), -1);
	assert_string_equal(code, "ACTIVATION_FAILED");
	time_pin(t0 + 14 * 86400 - 1);
	assert_int_equal(activate(json_string_value(json_object_get(b, "username")),
				  json_string_value(json_object_get(b, "code")), "a-good-password-123",
				  code), 0);
	time_pin(0);
	json_decref(out);
}

/* The code's life is a setting (serve --activation-days): a reset under a
 * 3-day setting expires 3 days on. */
static void test_code_life_is_a_setting(void **state)
{
	int64_t t0 = time_now(), uid = fx_scalar("SELECT MIN(id) FROM users WHERE role = 'parent'"
						" AND username <> 'parent'");
	struct app_err e = { 0 };
	json_t *out = NULL;

	(void)state;
	time_pin(t0);
	fx_app.cfg.activation_days = 3;
	assert_int_equal(app_user_action(&fx_app, &ADMIN, uid, "reset", &out, &e), 0);
	fx_app.cfg.activation_days = 14;
	time_pin(0);
	assert_int_equal(Q("SELECT activation_expires FROM users WHERE id = %lld", (long long)uid),
			 t0 + 3 * 86400);
	assert_non_null(json_string_value(json_object_get(out, "code")));
	json_decref(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_provision_all_or_nothing),
		cmocka_unit_test(test_code_expires_after_14_days),
		cmocka_unit_test(test_code_life_is_a_setting),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
