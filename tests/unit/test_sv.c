/* test_sv.c - supervision (core/supervision.h, app/app_sv.h, demo/demo_sv.c):
 * the scale's keys and points (SV_SCALE: met 100 / partly 60 / not_met 0,
 * a key off it), roll-ups by the pack's weights (SV_WEIGHTS: B the mean of
 * its scored C items, A the mean of its B, a weight moved), the reason rule
 * (SV_REASON_REQUIRED: same verdict, different with and without a reason, no
 * computed verdict), the special-inspection threshold just below and at it
 * and a verdict that fell or held (SV_SPECIAL), the pack's checks; then on a
 * demo: two rounds scored, a refusal stores nothing, the school sees only
 * its own, the dashboard ranks. Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_sv.h"
#include "core/supervision.h"
#include "demo_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct policy P;
static struct sv_table T;

static int setup(void **state)
{
	char err[512];

	(void)state;
	if (policy_load_file("policy/xinrong-2021.json", &P, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	sv_table_build(&P, &T);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	policy_free(&P);
	return 0;
}

static void test_table(void **state)
{
	(void)state;
	assert_int_equal(T.na, 6);
	assert_int_equal(T.nb, 30);
	assert_int_equal(T.nc, 85);
	assert_int_equal(sv_c_index(&T, "B1.1"), 0);
	assert_int_equal(sv_c_index(&T, "B10.2"), 28);
	assert_int_equal(sv_c_index(&T, "B10"), -1);
	assert_int_equal(sv_c_index(&T, "B99.1"), -1);
	assert_string_equal(T.b_id[T.c_b[28]], "B10");
	assert_string_equal(T.a_id[T.b_a[T.c_b[28]]], "A3");
	/* errata read: B4.1 学位 → 学为, B11 题高 → 提高 */
	assert_non_null(strstr(T.c_text[sv_c_index(&T, "B4.1")], "学为中心"));
	assert_non_null(strstr(T.b_title[10], "提高"));
	assert_null(strstr(T.b_title[10], "题高"));
}

/* SV_SCALE: 六, 附件 */
static void test_scale(void **state)
{
	(void)state;
	assert_int_equal(sv_level(&P, "met")->points, 100);
	assert_string_equal(sv_level(&P, "met")->name, "达标");
	assert_int_equal(sv_level(&P, "partly")->points, 60);
	assert_string_equal(sv_level(&P, "partly")->name, "基本达标");
	assert_int_equal(sv_level(&P, "not_met")->points, 0);
	assert_string_equal(sv_level(&P, "not_met")->name, "未达标");
	assert_null(sv_level(&P, "Met"));
	assert_null(sv_level(&P, "excellent"));
	assert_null(sv_level(&P, ""));
	assert_null(sv_level(&P, NULL));
}

static void blank(int *pts)
{
	for (int i = 0; i < SV_MAX_C; i++)
		pts[i] = -1;
}

/* SV_WEIGHTS: B = weighted mean of its scored C items, A of its B. */
static void test_rollup(void **state)
{
	int pts[SV_MAX_C];
	struct sv_rollup ru;
	int b10 = T.c_b[28], a3 = T.b_a[b10];

	(void)state;
	blank(pts);
	sv_rollup(&T, pts, &ru);
	assert_true(ru.total < 0);
	assert_int_equal(ru.scored, 0);
	assert_true(ru.a[a3] < 0 && ru.b[b10] < 0);
	pts[28] = 60; /* B10.2 基本达标 */
	sv_rollup(&T, pts, &ru);
	assert_true(ru.b[b10] == 60.0 && ru.a[a3] == 60.0 && ru.total == 60.0);
	assert_int_equal(ru.scored, 1);
	pts[27] = 100; /* B10.1 达标: B10 = (100 + 60) / 2 */
	sv_rollup(&T, pts, &ru);
	assert_true(ru.b[b10] == 80.0);
	pts[sv_c_index(&T, "B8.1")] = 0; /* B8 = 0, A3 = (0 + 80) / 2 */
	sv_rollup(&T, pts, &ru);
	assert_true(ru.a[a3] == 40.0);
	pts[0] = 100; /* A1 = 100: total = (100 + 40) / 2 */
	sv_rollup(&T, pts, &ru);
	assert_true(ru.total == 70.0);
	assert_int_equal(ru.scored, 4);
}

/* SV_WEIGHTS: a weight in the pack moves the mean. */
static void test_weights(void **state)
{
	json_t *root = json_deep_copy(P.raw), *items;
	struct policy q;
	struct sv_table t;
	struct sv_rollup ru;
	int pts[SV_MAX_C];
	char err[512], *text;

	(void)state;
	items = json_object_get(json_object_get(json_object_get(json_object_get(root, "rules"),
							       "SV_WEIGHTS"), "params"), "items");
	json_object_set_new(items, "B10.2", json_integer(3));
	text = json_dumps(root, 0);
	memset(&q, 0, sizeof q);
	assert_int_equal(policy_parse(text, strlen(text), "p.json", &q, err, sizeof err), 0);
	free(text);
	assert_int_equal(policy_sv_weight(&q, "B10.2"), 3);
	assert_int_equal(policy_sv_weight(&q, "B10.1"), 1);
	sv_table_build(&q, &t);
	blank(pts);
	pts[27] = 100;
	pts[28] = 0; /* (100 * 1 + 0 * 3) / 4 */
	sv_rollup(&t, pts, &ru);
	assert_true(ru.b[t.c_b[28]] == 25.0);
	policy_free(&q);
	/* a weight for an item not in the table, and one out of range */
	json_object_set_new(items, "B10.9", json_integer(2));
	text = json_dumps(root, 0);
	assert_int_equal(policy_parse(text, strlen(text), "p.json", &q, err, sizeof err), -1);
	assert_non_null(strstr(err, "rules.SV_WEIGHTS.params.items.B10.9"));
	free(text);
	json_object_del(items, "B10.9");
	json_object_set_new(items, "B10.2", json_integer(0));
	text = json_dumps(root, 0);
	assert_int_equal(policy_parse(text, strlen(text), "p.json", &q, err, sizeof err), -1);
	free(text);
	json_object_set_new(items, "B10.2", json_integer(100));
	text = json_dumps(root, 0);
	assert_int_equal(policy_parse(text, strlen(text), "p.json", &q, err, sizeof err), 0);
	policy_free(&q);
	free(text);
	json_decref(root);
}

/* SV_SCALE: the pack's scale must hold met, partly and not_met, keys distinct. */
static void test_pack_scale(void **state)
{
	json_t *root = json_deep_copy(P.raw), *levels;
	struct policy q;
	char err[512], *text;

	(void)state;
	levels = json_object_get(json_object_get(json_object_get(json_object_get(root, "rules"),
								"SV_SCALE"), "params"), "levels");
	json_object_set_new(json_array_get(levels, 1), "key", json_string("half"));
	text = json_dumps(root, 0);
	memset(&q, 0, sizeof q);
	assert_int_equal(policy_parse(text, strlen(text), "p.json", &q, err, sizeof err), -1);
	assert_non_null(strstr(err, "partly"));
	free(text);
	json_object_set_new(json_array_get(levels, 1), "key", json_string("met"));
	text = json_dumps(root, 0);
	assert_int_equal(policy_parse(text, strlen(text), "p.json", &q, err, sizeof err), -1);
	assert_non_null(strstr(err, "重复"));
	free(text);
	json_object_set_new(json_array_get(levels, 1), "key", json_string("partly"));
	json_object_set_new(json_array_get(levels, 1), "points", json_integer(101));
	text = json_dumps(root, 0);
	assert_int_equal(policy_parse(text, strlen(text), "p.json", &q, err, sizeof err), -1);
	free(text);
	json_object_set_new(json_array_get(levels, 1), "points", json_integer(75));
	text = json_dumps(root, 0);
	assert_int_equal(policy_parse(text, strlen(text), "p.json", &q, err, sizeof err), 0);
	assert_int_equal(sv_level(&q, "partly")->points, 75);
	policy_free(&q);
	free(text);
	json_object_del(json_object_get(root, "rules"), "SV_SPECIAL");
	text = json_dumps(root, 0);
	assert_int_equal(policy_parse(text, strlen(text), "p.json", &q, err, sizeof err), -1);
	assert_non_null(strstr(err, "SV_SPECIAL"));
	free(text);
	json_decref(root);
}

/* SV_REASON_REQUIRED: 六; an override stays visible beside the figure */
static void test_reason(void **state)
{
	(void)state;
	assert_int_equal(sv_needs_reason("partly", "met", NULL), 1);
	assert_int_equal(sv_needs_reason("partly", "met", ""), 1);
	assert_int_equal(sv_needs_reason("partly", "met", " \n\t"), 1);
	assert_int_equal(sv_needs_reason("partly", "met", "现场核查发现超时"), 0);
	assert_int_equal(sv_needs_reason("met", "met", NULL), 0);
	assert_int_equal(sv_needs_reason("met", "", NULL), 0);
	assert_int_equal(sv_needs_reason("met", NULL, NULL), 0);
}

/* SV_SPECIAL: 六 成效不明显的学校开展专项督导 */
static void test_special(void **state)
{
	(void)state;
	assert_int_equal(P.sv_special_threshold, 60);
	assert_int_equal(sv_below_threshold(&P, 59.9), 1);
	assert_int_equal(sv_below_threshold(&P, 60.0), 0);
	assert_int_equal(sv_below_threshold(&P, 0.0), 1);
	assert_int_equal(sv_below_threshold(&P, SV_NONE), 0); /* nothing scored: not listed */
	assert_int_equal(sv_worsened(&P, "met", "partly"), 1);
	assert_int_equal(sv_worsened(&P, "partly", "not_met"), 1);
	assert_int_equal(sv_worsened(&P, "partly", "partly"), 0);
	assert_int_equal(sv_worsened(&P, "not_met", "met"), 0);
	assert_int_equal(sv_worsened(&P, NULL, "not_met"), 0);
	assert_int_equal(sv_worsened(&P, "met", "bad"), 0);
}

static int64_t scores(void)
{
	return fx_scalar("SELECT COUNT(*) FROM sv_score");
}

static void test_use_cases(void **state)
{
	struct actor inspector, principal, admin;
	struct app_err e = { 0 };
	json_t *out = NULL, *body;
	int64_t before, round, other;

	(void)state;
	fx_open("sv", "sv-test-pass-1", 6);
	fx_actor("inspector", &inspector);
	fx_actor("principal", &principal);
	fx_actor("admin", &admin);
	/* the demo: two rounds, 6 schools x 85 items x 2 sides */
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM sv_round"), 2);
	assert_int_equal(scores(), 2 * 6 * 85 * 2);
	round = fx_scalar("SELECT MAX(id) FROM sv_round");
	other = fx_scalar("SELECT MAX(id) FROM school");
	before = scores();
	body = json_pack("{s:s}", "score", "great");
	assert_int_equal(app_sv_score_put(&fx_app, &inspector, round, 1, "B10.2", body, &out, &e), -1);
	assert_string_equal(e.code, "SV_SCALE");
	assert_int_equal(e.status, 422);
	app_err_clear(&e);
	assert_int_equal(scores(), before);
	json_object_set_new(body, "score", json_string("not_met"));
	/* the principal of school 1 writes no other school's self-assessment */
	assert_int_equal(app_sv_score_put(&fx_app, &principal, round, other, "B10.2", body, &out,
					  &e), -1);
	assert_int_equal(e.status, 404);
	app_err_clear(&e);
	assert_int_equal(scores(), before);
	assert_int_equal(app_sv_school(&fx_app, &principal, round, other, &out, &e), -1);
	assert_int_equal(e.status, 404);
	app_err_clear(&e);
	/* self-assessment and final score go to their sides; the old row stays */
	assert_int_equal(app_sv_score_put(&fx_app, &principal, round, 1, "B10.2", body, &out, &e), 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(
		out, "item"), "self"), "score")), "not_met");
	json_decref(out);
	assert_int_equal(scores(), before + 1);
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM sv_score WHERE school_id = 1 AND"
				   " item_id = 'B10.2' AND current = 1"), 4); /* 2 rounds x 2 sides */
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM sv_score WHERE school_id = 1 AND"
				   " item_id = 'B10.2' AND current = 0"), 1);
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM audit WHERE action = 'sv.score.self'"),
			 1);
	json_decref(body);
	/* the dashboard ranks by total, the first at least the second */
	assert_int_equal(app_sv_dashboard(&fx_app, &admin, round, &out, &e), 0);
	{
		json_t *s = json_object_get(out, "schools");

		assert_int_equal(json_array_size(s), 6);
		assert_true(json_real_value(json_object_get(json_array_get(s, 0), "total")) >=
			    json_real_value(json_object_get(json_array_get(s, 1), "total")));
		assert_int_equal(json_array_size(json_object_get(out, "trend")), 2);
	}
	json_decref(out);
	assert_int_equal(app_sv_dashboard(&fx_app, &principal, round, &out, &e), -1);
	app_err_clear(&e);
	/* the special list: school 5 (index 4, weak in the first round) */
	assert_int_equal(app_sv_special(&fx_app, &inspector, NULL, &out, &e), 0);
	assert_int_equal((int)json_integer_value(json_object_get(json_object_get(out, "round"),
								  "id")), (int)round);
	json_decref(out);
	{
		char q[32];

		snprintf(q, sizeof q, "%lld", (long long)(round - 1));
		assert_int_equal(app_sv_special(&fx_app, &inspector, q, &out, &e), 0);
		assert_true(json_array_size(json_object_get(out, "items")) >= 1);
		json_decref(out);
	}
	fx_close();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_scale),
		cmocka_unit_test(test_rollup),
		cmocka_unit_test(test_weights),
		cmocka_unit_test(test_pack_scale),
		cmocka_unit_test(test_reason),
		cmocka_unit_test(test_special),
		cmocka_unit_test(test_use_cases),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
