/* test_institution.c - the institution registry (core/institution.h,
 * app/app_ti.h, demo/demo_ti_registry.h): the GB 32100 check character,
 * TI_PRESCHOOL / TI_SUBJECT / TI_CATEGORY, both sides of each number of
 * TI_PREPAY_CAP (60 / 61 lessons, 3 / 4 months, ¥5000.00 / ¥5000.01), an
 * application refused stores nothing, scope, and the demo registry.
 * Run from the repository root (loads policy/xinrong-2021.json). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_ti.h"
#include "core/institution.h"
#include "demo/demo_ti_registry.h"
#include "demo_fixture.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct policy P;

static int setup(void **state)
{
	char err[512];

	(void)state;
	if (policy_load_file("policy/xinrong-2021.json", &P, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	policy_free(&P);
	return 0;
}

/* TI_CREDIT_CODE: GB 32100-2015 */
static void test_credit_code(void **state)
{
	(void)state;
	/* the standard's worked example and a real registration */
	assert_true(ti_credit_code_valid("91350100M000100Y43"));
	assert_true(ti_credit_code_valid("91110000600037341L"));
	assert_true(ti_credit_code_valid("91140212MA0KXR2T4D"));
	/* a check character of 0 (31 - sum mod 31 = 31) */
	for (int k = 0; k < 200; k++) {
		char s[32]; /* room for any int: the compiler cannot see k < 200 */

		snprintf(s, sizeof s, "91140212%09d", k);
		s[17] = ti_credit_check_char(s);
		s[18] = '\0';
		assert_true(ti_credit_code_valid(s));
		s[17] = s[17] == 'Y' ? '0' : (s[17] == '9' ? 'A' : s[17] + 1);
		if (s[17] == 'I' || s[17] == 'O' || s[17] == 'S' || s[17] == 'V' || s[17] == 'Z')
			s[17]++;
		assert_false(ti_credit_code_valid(s));
	}
	assert_int_equal(ti_credit_check_char("00000000000000000"), '0');
	/* the wrong check character */
	assert_false(ti_credit_code_valid("91350100M000100Y44"));
	/* lower case is not in the alphabet */
	assert_false(ti_credit_code_valid("91140212ma0kxr2t4d"));
	assert_false(ti_credit_code_valid("91140212MA0KXR2T4d"));
	/* I O Z S V are not in the alphabet, wherever they stand */
	assert_false(ti_credit_code_valid("91140212MA0KXR2I4D"));
	assert_false(ti_credit_code_valid("91140212MA0KXR2O4D"));
	assert_false(ti_credit_code_valid("91140212MA0KXR2Z4D"));
	assert_false(ti_credit_code_valid("91140212MA0KXR2S4D"));
	assert_false(ti_credit_code_valid("91140212MA0KXR2V4D"));
	assert_int_equal(ti_credit_check_char("91140212MA0KXR2I4"), 0);
	/* 17 and 19 characters */
	assert_false(ti_credit_code_valid("91140212MA0KXR2T4"));
	assert_false(ti_credit_code_valid("91140212MA0KXR2T4D0"));
	assert_false(ti_credit_code_valid(""));
	assert_false(ti_credit_code_valid(NULL));
	/* full-width or other UTF-8 of 18 bytes */
	assert_false(ti_credit_code_valid("九140212MA0KXR2T"));
}

static const char *verdict(const char *cat, bool pre, bool pri, bool jun, bool sen,
			   const struct ti_course *c, int n)
{
	struct ti_application a = { cat, { pre, pri, jun, sen }, c, n };
	static struct ti_verdict v;

	return ti_application_check(&a, &v) ? v.code : "ok";
}

/* TI_PRESCHOOL: 五(一)1, any institution facing preschool children */
static void test_preschool(void **state)
{
	struct ti_course sports = { "sports", 1, 6, 100000, 20, 2 };
	struct ti_course tots = { "arts", 0, 1, 100000, 20, 2 };

	(void)state;
	assert_string_equal(verdict("sports", true, false, false, false, &sports, 1), "TI_PRESCHOOL");
	assert_string_equal(verdict("subject", true, true, false, false, &sports, 1), "TI_PRESCHOOL");
	assert_string_equal(verdict("arts", false, true, false, false, &tots, 1), "TI_PRESCHOOL");
	assert_string_equal(verdict("sports", false, true, false, false, &sports, 1), "ok");
}

/* TI_SUBJECT: 五(一)1, subject-type teaching for grades 1-9 */
static void test_subject(void **state)
{
	struct ti_course senior = { "subject", 10, 12, 100000, 20, 2 };
	struct ti_course g9 = { "subject", 9, 10, 100000, 20, 2 };
	struct ti_course g1 = { "subject", 1, 1, 100000, 20, 2 };

	(void)state;
	assert_string_equal(verdict("subject", false, true, false, false, &senior, 1), "TI_SUBJECT");
	assert_string_equal(verdict("subject", false, false, true, false, &senior, 1), "TI_SUBJECT");
	assert_string_equal(verdict("subject", false, false, false, true, &senior, 1), "ok");
	/* grade 9 is compulsory education, grade 10 is not */
	assert_string_equal(verdict("subject", false, false, false, true, &g9, 1), "TI_SUBJECT");
	assert_string_equal(verdict("subject", false, false, false, true, &g1, 1), "TI_SUBJECT");
}

/* TI_CATEGORY: 五(一)1, a subject-type course in a non-subject institution */
static void test_category(void **state)
{
	struct ti_course c[2] = { { "arts", 1, 6, 100000, 20, 2 }, { "subject", 10, 12, 100000, 20, 2 } };
	struct ti_application a = { "arts", { false, false, false, true }, c, 2 };
	struct ti_verdict v;

	(void)state;
	assert_int_equal(ti_application_check(&a, &v), 1);
	assert_string_equal(v.code, "TI_CATEGORY");
	assert_int_equal(v.course, 1);
	a.ncourses = 1;
	assert_int_equal(ti_application_check(&a, &v), 0);
}

static const char *prepay(int lessons, int months, long fen)
{
	struct ti_course c = { "sports", 1, 6, fen, lessons, months };
	static struct ti_verdict v;

	return ti_prepay_check(&P, &c, &v) ? v.code : "ok";
}

/* TI_PREPAY_CAP: 60 lessons / 3 months / ¥5000 per charge, from the pack */
static void test_prepay(void **state)
{
	(void)state;
	assert_int_equal(P.ti_prepay_lessons, 60);
	assert_int_equal(P.ti_prepay_months, 3);
	assert_int_equal(P.ti_prepay_fen, 500000);
	assert_string_equal(prepay(60, 1, 100000), "ok");
	assert_string_equal(prepay(61, 1, 100000), "TI_PREPAY_CAP");
	assert_string_equal(prepay(10, 3, 100000), "ok");
	assert_string_equal(prepay(10, 4, 100000), "TI_PREPAY_CAP");
	assert_string_equal(prepay(10, 1, 500000), "ok");
	assert_string_equal(prepay(10, 1, 500001), "TI_PREPAY_CAP");
	assert_int_equal(P.ti_nchecklist, 5);
}

/* ---- use cases on a demo district ---- */

static json_t *course(const char *cat, int lo, int hi, json_t *fee, int lessons, int months)
{
	return json_pack("{s:s,s:s,s:[i,i],s:o,s:i,s:i}", "name", "篮球基础班", "category", cat,
			 "grades", lo, hi, "fee", fee, "lessons", lessons, "months", months);
}

static json_t *application(const char *code, const char *cat, json_t *courses)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:[s,s],s:o}", "name", "新荣区测试体育俱乐部",
			 "credit_code", code, "licence_no", "教民140212000999", "address",
			 "大同市新荣区新荣路1号", "category", cat, "serves", "primary", "junior",
			 "courses", courses);
}

static int64_t count_inst(void)
{
	return fx_scalar("SELECT COUNT(*) + (SELECT COUNT(*) FROM institution_course)"
			 " + (SELECT COUNT(*) FROM institution_application) FROM institution");
}

static void test_apply_flow(void **state)
{
	struct actor op, admin, other;
	struct app_err e = { 0 };
	json_t *out = NULL, *body;
	int64_t before, app_id, warned0;

	(void)state;
	fx_open("ti", "ti-pass-2026!", 1);
	fx_actor("institution", &op);
	fx_actor("admin", &admin);
	before = count_inst();
	warned0 = fx_scalar("SELECT COUNT(*) FROM institution_course WHERE prepay_warned = 1");

	/* a wrong check character: nothing stored */
	body = application("91140212MA0KXR2T4E", "sports",
			   json_pack("[o]", course("sports", 1, 6, json_real(5000.0), 60, 3)));
	assert_int_equal(app_ti_apply(&fx_app, &op, body, &out, &e), -1);
	assert_string_equal(e.code, "TI_CREDIT_CODE");
	app_err_clear(&e);
	json_decref(body);
	/* TI_CATEGORY: a subject course in a sports club, nothing stored */
	body = application("91140212MA0KXR2T4D", "sports",
			   json_pack("[o]", course("subject", 10, 12, json_real(100.0), 10, 1)));
	assert_int_equal(app_ti_apply(&fx_app, &op, body, &out, &e), -1);
	assert_string_equal(e.code, "TI_CATEGORY");
	assert_string_equal(json_string_value(json_object_get(e.details, "clause")), "五(一)1");
	app_err_clear(&e);
	json_decref(body);
	/* ¥5000.01: more than two decimals is refused, the cent is fine */
	body = application("91140212MA0KXR2T4D", "sports",
			   json_pack("[o]", course("sports", 1, 6, json_real(5000.001), 60, 3)));
	assert_int_equal(app_ti_apply(&fx_app, &op, body, &out, &e), -1);
	assert_string_equal(json_string_value(json_object_get(e.details, "field")), "courses.0.fee");
	app_err_clear(&e);
	json_decref(body);
	assert_int_equal(count_inst(), before);

	/* at the cap: no warning; one cent above: warned, stored, flagged */
	body = application("91140212MA0KXR2T4D", "sports",
			   json_pack("[o,o]", course("sports", 1, 6, json_string("5000.00"), 60, 3),
				     course("sports", 1, 6, json_string("5000.01"), 60, 3)));
	assert_int_equal(app_ti_apply(&fx_app, &op, body, &out, &e), 0);
	json_decref(body);
	assert_int_equal(json_array_size(json_object_get(out, "warnings")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(out,
			 "warnings"), 0), "course")), 1);
	app_id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM institution_course WHERE prepay_warned = 1"),
			 warned0 + 1);

	/* a second application while one is pending */
	body = application("91140212MA0KXR2T5G", "arts",
			   json_pack("[o]", course("arts", 1, 6, json_integer(100), 10, 1)));
	assert_int_equal(app_ti_apply(&fx_app, &op, body, &out, &e), -1);
	assert_int_equal(e.status, 409);
	app_err_clear(&e);
	json_decref(body);

	/* another operator does not see it */
	other = op;
	other.user_id = op.user_id + 100000;
	assert_int_equal(app_ti_application_get(&fx_app, &other, app_id, &out, &e), -1);
	assert_int_equal(e.status, 404);
	app_err_clear(&e);

	/* approve needs every checklist item */
	body = json_pack("{s:s,s:[s]}", "decision", "approve", "checklist", P.ti_checklist[0]);
	assert_int_equal(app_ti_decide(&fx_app, &admin, app_id, body, &out, &e), -1);
	assert_string_equal(e.code, "TI_STANDARDS");
	app_err_clear(&e);
	json_decref(body);
	body = json_pack("{s:s,s:[s,s,s,s,s]}", "decision", "approve", "checklist", P.ti_checklist[0],
			 P.ti_checklist[1], P.ti_checklist[2], P.ti_checklist[3], P.ti_checklist[4]);
	assert_int_equal(app_ti_decide(&fx_app, &admin, app_id, body, &out, &e), 0);
	assert_string_equal(json_string_value(json_object_get(out, "status")), "approved");
	json_decref(out);
	assert_int_equal(app_ti_decide(&fx_app, &admin, app_id, body, &out, &e), -1);
	assert_int_equal(e.status, 409);
	app_err_clear(&e);
	json_decref(body);

	/* on the public list */
	assert_int_equal(app_ti_public(&fx_app, NULL, "测试体育", NULL, NULL, &out, &e), 0);
	assert_int_equal(json_array_size(json_object_get(out, "items")), 1);
	json_decref(out);
	assert_int_equal(app_ti_public(&fx_app, "pending", NULL, NULL, NULL, &out, &e), -1);
	assert_int_equal(e.status, 400);
	app_err_clear(&e);
	fx_close();
}

static void test_demo(void **state)
{
	struct app_err e = { 0 };

	(void)state;
	/* the demo command runs demo_ti_registry (and the cases' demo adds 3) */
	fx_open("tidemo", "ti-demo-pass-2026!", 1);
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM institution"), 40 + 3);
	assert_int_equal(fx_scalar("SELECT COUNT(DISTINCT status) FROM institution"), 5);
	assert_int_equal(fx_scalar("SELECT COUNT(DISTINCT category) FROM institution"), 5);
	assert_true(fx_scalar("SELECT COUNT(*) FROM institution_course WHERE prepay_warned = 1") >= 3);
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM institution i JOIN users u"
				   " ON u.id = i.operator_user_id WHERE u.username = 'institution'"
				   " AND i.status = 'approved'"), 1);
	/* no approved subject-type institution serves grades 1-9 */
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM institution WHERE category = 'subject'"
				   " AND status IN ('approved','pending') AND (serves_primary = 1"
				   " OR serves_junior = 1 OR serves_preschool = 1)"), 0);
	{
		struct db *db = app_db_get(&fx_app, &e);
		struct db_res *r = NULL;
		struct db_err dbe = { 0 };

		assert_non_null(db);
		assert_int_equal(db_exec(db, "SELECT credit_code FROM institution", NULL, 0, &r, &dbe), 0);
		for (int i = 0; i < db_res_rows(r); i++)
			assert_true(ti_credit_code_valid(db_res_text(r, i, 0)));
		db_res_free(r);
		app_db_put(&fx_app, db);
	}
	fx_close();
}

/* The public answer cache: a kept answer is served again, and a decision
 * (a newer change stamp) is seen at once. */
static void test_public_cache(void **state)
{
	struct app_err e = { 0 };
	struct actor admin, op;
	char *a1 = NULL, *a2 = NULL, *a3 = NULL;
	size_t n1, n2, n3;
	json_t *out = NULL, *body;
	int64_t app_id, t0;

	(void)state;
	fx_open("ticache", "ti-cache-pass-2026!", 1); /* with the demo's registry */
	fx_actor("admin", &admin);
	fx_actor("institution", &op);
	t0 = fx_scalar("SELECT MAX(updated_at) FROM institution");
	time_pin(t0 + TI_CACHE_SETTLE_S);
	assert_int_equal(app_ti_public_text(&fx_app, NULL, "星辰", NULL, NULL, &a1, &n1, &e), 0);
	/* kept: the same answer from the cache, even with a row changed behind
	 * its back that leaves the stamp as it was */
	fx_scalar("UPDATE institution SET name = name || '甲' WHERE status = 'approved'"
		  " AND name LIKE '%星辰%' RETURNING id");
	assert_int_equal(app_ti_public_text(&fx_app, NULL, "星辰", NULL, NULL, &a2, &n2, &e), 0);
	assert_int_equal(n1, n2);
	assert_memory_equal(a1, a2, n1);
	/* a decision moves the stamp: the new answer holds it */
	body = json_pack("{s:s,s:s,s:s,s:s,s:s,s:[s],s:[{s:s,s:s,s:[i,i],s:s,s:i,s:i}]}",
			 "name", "新荣区星辰缓存测试俱乐部", "credit_code", "91140212MA0KXR2T4D",
			 "licence_no", "教民1", "address", "大同市新荣区", "category", "sports",
			 "serves", "primary", "courses", "name", "篮球", "category", "sports", "grades",
			 1, 6, "fee", "100", "lessons", 10, "months", 1);
	time_pin(t0 + 10);
	assert_int_equal(app_ti_apply(&fx_app, &op, body, &out, &e), 0);
	json_decref(body);
	app_id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	body = json_pack("{s:s,s:[s,s,s,s,s]}", "decision", "approve", "checklist", P.ti_checklist[0],
			 P.ti_checklist[1], P.ti_checklist[2], P.ti_checklist[3], P.ti_checklist[4]);
	assert_int_equal(app_ti_decide(&fx_app, &admin, app_id, body, &out, &e), 0);
	json_decref(body);
	json_decref(out);
	assert_int_equal(app_ti_public_text(&fx_app, NULL, "星辰缓存", NULL, NULL, &a3, &n3, &e), 0);
	assert_non_null(strstr(a3, "新荣区星辰缓存测试俱乐部"));
	free(a1);
	free(a2);
	free(a3);
	time_pin(0);
	fx_close();
}

/* RELIABILITY.md "Writes": a failure at statement k of an application or
 * a decision leaves the store as it was; past the last statement it works. */
static int64_t registry_rows(void)
{
	return fx_scalar("SELECT (SELECT COUNT(*) FROM institution) * 1000000000"
			 " + (SELECT COUNT(*) FROM institution_course) * 1000000"
			 " + (SELECT COUNT(*) FROM institution_application) * 1000"
			 " + (SELECT COUNT(*) FROM institution WHERE status = 'approved')");
}

/* Fail statement k = 1, 2, ... of call until it works: each failure is a
 * 5xx that left the registry as it was. Returns the k that worked. */
typedef int (*fault_call)(json_t *body, int64_t id, json_t **out, struct app_err *e);

static int fault_loop(fault_call call, json_t *body, int64_t id, json_t **out)
{
	struct app_err e = { 0 };
	int k;

	for (k = 1; k < 40; k++) {
		int64_t before = registry_rows();
		int rc;

		db_fail_after(k);
		rc = call(body, id, out, &e);
		db_fail_after(0);
		if (rc == 0)
			return k;
		assert_true(e.status >= 500);
		if (registry_rows() != before)
			fail_msg("k=%d: %lld -> %lld (%s)", k, (long long)before,
				 (long long)registry_rows(), e.code);
		app_err_clear(&e);
	}
	fail_msg("never worked");
	return 0;
}

static struct actor fault_op, fault_admin;

static int call_apply(json_t *body, int64_t id, json_t **out, struct app_err *e)
{
	(void)id;
	return app_ti_apply(&fx_app, &fault_op, body, out, e);
}

static int call_decide(json_t *body, int64_t id, json_t **out, struct app_err *e)
{
	return app_ti_decide(&fx_app, &fault_admin, id, body, out, e);
}

static void test_faults(void **state)
{
	json_t *out = NULL, *body, *dec;
	int64_t app_id;

	(void)state;
	fx_open("tifaults", "ti-faults-pass-2026!", 1);
	fx_actor("admin", &fault_admin);
	fx_actor("institution", &fault_op);
	body = application("91140212MA0KXR2T4D", "sports",
			   json_pack("[o,o]", course("sports", 1, 6, json_string("100"), 10, 1),
				     course("sports", 1, 6, json_string("200"), 61, 1)));
	assert_true(fault_loop(call_apply, body, 0, &out) > 3);
	app_id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	json_decref(body);
	dec = json_pack("{s:s,s:[s,s,s,s,s]}", "decision", "approve", "checklist", P.ti_checklist[0],
			P.ti_checklist[1], P.ti_checklist[2], P.ti_checklist[3], P.ti_checklist[4]);
	assert_true(fault_loop(call_decide, dec, app_id, &out) > 2);
	assert_string_equal(json_string_value(json_object_get(out, "status")), "approved");
	json_decref(out);
	json_decref(dec);
	fx_close();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_credit_code),
		cmocka_unit_test(test_preschool),
		cmocka_unit_test(test_subject),
		cmocka_unit_test(test_category),
		cmocka_unit_test(test_prepay),
		cmocka_unit_test(test_apply_flow),
		cmocka_unit_test(test_demo),
		cmocka_unit_test(test_public_cache),
		cmocka_unit_test(test_faults),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
