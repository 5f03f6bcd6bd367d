/* test_ticase.c - the penalty case's order and the measures of a decision
 * (core/ticase.h, 五(一)2): every allowed step, every step out of order, the
 * rectification before 结案, both sides of the amount cap and of the
 * deadline. Run from the repository root (loads policy/xinrong-2021.json). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/ticase.h"

#include <stdio.h>
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

/* Each stage allows exactly the next one; every other step is refused with
 * TI_CASE_ORDER naming it. */
static void test_order_every_pair(void **state)
{
	struct ti_verdict v;

	(void)state;
	for (int cur = TI_OPEN; cur < TI_CLOSE; cur++)
		for (int step = TI_OPEN; step < TI_STAGES; step++) {
			struct ti_case_state s = { (enum ti_stage)cur, false, false };
			int rc = ti_case_step_check(&s, step, &v);

			if (step == cur + 1) {
				assert_int_equal(rc, 0);
				assert_null(v.code);
			} else {
				assert_int_equal(rc, -1);
				assert_string_equal(v.code, "TI_CASE_ORDER");
				assert_string_equal(v.expected, ti_stage_ids[cur + 1]);
			}
		}
}

static void test_closed_takes_nothing(void **state)
{
	struct ti_case_state s = { TI_CLOSE, true, true };
	struct ti_verdict v;

	(void)state;
	for (int step = TI_OPEN; step <= TI_RECTIFY; step++) {
		assert_int_equal(ti_case_step_check(&s, step, &v), -1);
		assert_string_equal(v.code, "TI_CASE_ORDER");
		assert_string_equal(v.expected, "");
	}
}

/* The rectification: from 决定 on, only with a deadline, only once; 结案
 * waits for it. */
static void test_rectify(void **state)
{
	struct ti_verdict v;

	(void)state;
	for (int cur = TI_OPEN; cur < TI_CLOSE; cur++) {
		struct ti_case_state with = { (enum ti_stage)cur, true, false };
		struct ti_case_state without = { (enum ti_stage)cur, false, false };
		struct ti_case_state done = { (enum ti_stage)cur, true, true };

		assert_int_equal(ti_case_step_check(&with, TI_RECTIFY, &v), cur >= TI_DECIDE ? 0 : -1);
		assert_int_equal(ti_case_step_check(&without, TI_RECTIFY, &v), -1);
		assert_int_equal(ti_case_step_check(&done, TI_RECTIFY, &v), -1);
	}
	{
		struct ti_case_state s = { TI_ENFORCE, true, false };

		assert_int_equal(ti_case_step_check(&s, TI_CLOSE, &v), -1);
		assert_string_equal(v.expected, "rectify");
		s.rectified = true;
		assert_int_equal(ti_case_step_check(&s, TI_CLOSE, &v), 0);
		s.has_deadline = false;
		s.rectified = false;
		assert_int_equal(ti_case_step_check(&s, TI_CLOSE, &v), 0);
	}
}

static int check1(struct ti_measure m, struct ti_verdict *v)
{
	return ti_measures_check(&P, &m, 1, "2026-12-01", v);
}

/* ¥1000000 (the pack's cap) ok, ¥1000000.01 refused; ¥0.01 ok, 0 and
 * negative refused; for each of the three measures with an amount. */
static void test_amount_cap(void **state)
{
	static const int kinds[] = { TI_M_REFUND, TI_M_CONFISCATE, TI_M_FINE };
	int64_t cap = (int64_t)P.ti_max_amount_yuan * 100;
	struct ti_verdict v;

	(void)state;
	assert_int_equal(P.ti_max_amount_yuan, 1000000);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(check1((struct ti_measure){ kinds[i], 1, cap, NULL }, &v), 0);
		assert_int_equal(check1((struct ti_measure){ kinds[i], 1, cap + 1, NULL }, &v), -1);
		assert_string_equal(v.code, "TI_PENALTY");
		assert_string_equal(v.field, "amount");
		assert_int_equal(check1((struct ti_measure){ kinds[i], 1, 1, NULL }, &v), 0);
		assert_int_equal(check1((struct ti_measure){ kinds[i], 1, 0, NULL }, &v), -1);
		assert_int_equal(check1((struct ti_measure){ kinds[i], 1, -100, NULL }, &v), -1);
	}
	/* a warning has no amount */
	assert_int_equal(check1((struct ti_measure){ TI_M_WARN, 0, 100, NULL }, &v), -1);
	assert_string_equal(v.field, "amount");
}

/* A deadline the day after the decision ok; the same day or before refused. */
static void test_deadline(void **state)
{
	struct ti_verdict v;

	(void)state;
	assert_int_equal(check1((struct ti_measure){ TI_M_CORRECT, 0, 0, "2026-12-02" }, &v), 0);
	assert_int_equal(check1((struct ti_measure){ TI_M_CORRECT, 0, 0, "2026-12-01" }, &v), -1);
	assert_string_equal(v.field, "deadline");
	assert_int_equal(check1((struct ti_measure){ TI_M_CORRECT, 0, 0, "2026-11-30" }, &v), -1);
	assert_int_equal(check1((struct ti_measure){ TI_M_CORRECT, 0, 0, NULL }, &v), -1);
	assert_int_equal(check1((struct ti_measure){ TI_M_WARN, 0, 0, "2026-12-09" }, &v), -1);
}

static void test_measures_shape(void **state)
{
	struct ti_measure m[TI_MAX_MEASURES + 1] = { { TI_M_WARN, 0, 0, NULL } };
	struct ti_verdict v;

	(void)state;
	assert_int_equal(ti_measures_check(&P, m, 0, "2026-12-01", &v), -1);
	assert_string_equal(v.field, "measures");
	for (int i = 0; i <= TI_MAX_MEASURES; i++)
		m[i] = (struct ti_measure){ TI_M_WARN, 0, 0, NULL };
	assert_int_equal(ti_measures_check(&P, m, TI_MAX_MEASURES, "2026-12-01", &v), 0);
	assert_int_equal(ti_measures_check(&P, m, TI_MAX_MEASURES + 1, "2026-12-01", &v), -1);
	m[1].agency = 3;
	assert_int_equal(ti_measures_check(&P, m, 2, "2026-12-01", &v), -1);
	assert_int_equal(v.index, 1);
	assert_string_equal(v.field, "agency");
}

/* A measure the pack's ladder leaves out is refused: the ladder decides. */
static void test_ladder_from_pack(void **state)
{
	struct policy q = P;
	struct ti_verdict v;

	(void)state;
	assert_int_equal(P.ti_nladder, 6);
	for (int k = 0; k < TI_MEASURES; k++)
		assert_string_equal(P.ti_ladder[k], ti_measure_name(k));
	q.ti_nladder = 5; /* without 罚款 */
	assert_int_equal(ti_measures_check(&q, &(struct ti_measure){ TI_M_FINE, 1, 100, NULL }, 1,
					   "2026-12-01", &v), -1);
	assert_string_equal(v.field, "measure");
	assert_true(ti_measure_stops(TI_M_SUSPEND));
	assert_false(ti_measure_stops(TI_M_FINE));
}

static void test_overdue(void **state)
{
	(void)state;
	assert_true(ti_overdue("2026-12-06", false, "2026-12-07"));
	assert_false(ti_overdue("2026-12-07", false, "2026-12-07"));
	assert_false(ti_overdue("2026-12-06", true, "2026-12-07"));
	assert_false(ti_overdue(NULL, false, "2026-12-07"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_every_pair),
		cmocka_unit_test(test_closed_takes_nothing),
		cmocka_unit_test(test_rectify),
		cmocka_unit_test(test_amount_cap),
		cmocka_unit_test(test_deadline),
		cmocka_unit_test(test_measures_shape),
		cmocka_unit_test(test_ladder_from_pack),
		cmocka_unit_test(test_overdue),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
