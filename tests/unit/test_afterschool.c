/* test_afterschool.c - the after-school plan rules (core/afterschool.h) on
 * both sides of each number: 4 vs 5 school days, 17:29 vs 17:30, 1 vs 2
 * weekend days, evening study in a primary vs a junior / nine-year school.
 * Run from the repository root (loads policy/xinrong-2021.json). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/afterschool.h"

#include <stdio.h>
#include <string.h>

static struct policy P;
static bool primary[POLICY_MAX_GRADE + 1], junior[POLICY_MAX_GRADE + 1],
	nine_year[POLICY_MAX_GRADE + 1];

static int setup(void **state)
{
	char err[512];

	(void)state;
	for (int g = 1; g <= 9; g++) {
		primary[g] = g <= 6;
		junior[g] = g >= 7;
		nine_year[g] = true;
	}
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

#define HM(h, m) ((h) * 60 + (m))

/* Mon-Fri 15:30-17:30 regular: the smallest plan that passes. */
static int week(struct as_slot *s, int days, int end)
{
	for (int d = 1; d <= days; d++)
		s[d - 1] = (struct as_slot){ d, HM(15, 30), end, AS_SLOT_REGULAR };
	return days;
}

static const char *check(const bool *grades, const struct as_slot *s, int n, struct as_verdict *v)
{
	return as_plan_check(&P, grades, s, n, v) ? v->code : "ok";
}

static void test_five_days(void **state)
{
	struct as_slot s[AS_MAX_SLOTS];
	struct as_verdict v;

	(void)state;
	assert_string_equal(check(primary, s, week(s, 5, HM(17, 30)), &v), "ok");
	assert_string_equal(check(primary, s, week(s, 4, HM(17, 30)), &v), "AS_FIVE_DAYS");
	assert_int_equal(v.value, 4);
	assert_int_equal(v.limit, 5);
	/* extended care alone on Friday does not make a fifth day of service */
	week(s, 4, HM(17, 30));
	s[4] = (struct as_slot){ 5, HM(17, 30), HM(18, 30), AS_SLOT_EXTENDED };
	assert_string_equal(check(primary, s, 5, &v), "AS_FIVE_DAYS");
	/* a Saturday does not replace a weekday either */
	s[4] = (struct as_slot){ 6, HM(9, 0), HM(11, 0), AS_SLOT_REGULAR };
	assert_string_equal(check(primary, s, 5, &v), "AS_FIVE_DAYS");
}

static void test_end_time(void **state)
{
	struct as_slot s[AS_MAX_SLOTS];
	struct as_verdict v;
	int n;

	(void)state;
	assert_string_equal(check(primary, s, week(s, 5, HM(17, 29)), &v), "AS_END_TIME");
	assert_int_equal(v.weekday, 1);
	assert_int_equal(v.value, HM(17, 29));
	assert_int_equal(v.limit, HM(17, 30));
	assert_non_null(strstr(v.message, "17:30"));
	assert_string_equal(check(primary, s, week(s, 5, HM(17, 30)), &v), "ok");
	assert_string_equal(check(primary, s, week(s, 5, HM(17, 31)), &v), "ok");
	/* Wednesday ends at 17:00 but extended care runs on to 18:00: passes */
	n = week(s, 5, HM(17, 30));
	s[2].end = HM(17, 0);
	assert_string_equal(check(primary, s, n, &v), "AS_END_TIME");
	assert_int_equal(v.weekday, 3);
	s[n++] = (struct as_slot){ 3, HM(17, 0), HM(18, 0), AS_SLOT_EXTENDED };
	assert_string_equal(check(primary, s, n, &v), "ok");
}

static void test_weekend(void **state)
{
	struct as_slot s[AS_MAX_SLOTS];
	struct as_verdict v;
	int n = week(s, 5, HM(17, 30));

	(void)state;
	s[n++] = (struct as_slot){ 6, HM(9, 0), HM(11, 0), AS_SLOT_REGULAR };
	s[n++] = (struct as_slot){ 6, HM(14, 0), HM(16, 0), AS_SLOT_REGULAR };
	assert_string_equal(check(primary, s, n, &v), "ok"); /* two slots, one day */
	s[n++] = (struct as_slot){ 7, HM(9, 0), HM(11, 0), AS_SLOT_REGULAR };
	assert_string_equal(check(primary, s, n, &v), "AS_WEEKEND");
	assert_int_equal(v.value, 2);
	assert_int_equal(v.limit, 1);
}

static void test_evening(void **state)
{
	struct as_slot s[AS_MAX_SLOTS];
	struct as_verdict v;
	int n = week(s, 5, HM(17, 30));

	(void)state;
	s[n++] = (struct as_slot){ 2, HM(19, 0), HM(20, 30), AS_SLOT_EVENING };
	assert_string_equal(check(primary, s, n, &v), "AS_EVENING_JUNIOR");
	assert_string_equal(check(junior, s, n, &v), "ok");
	assert_string_equal(check(nine_year, s, n, &v), "ok");
	s[n - 1].weekday = 6;
	assert_string_equal(check(junior, s, n, &v), "AS_EVENING_JUNIOR");
}

static void test_bad_times(void **state)
{
	struct as_slot s[AS_MAX_SLOTS];
	struct as_verdict v;
	int n = week(s, 5, HM(17, 30));

	(void)state;
	s[1].end = s[1].start;
	assert_string_equal(check(primary, s, n, &v), "AS_SLOT_TIMES");
	assert_int_equal(v.slot, 1);
	s[1].end = HM(17, 30);
	s[1].weekday = 8;
	assert_string_equal(check(primary, s, n, &v), "AS_SLOT_TIMES");
	s[1].weekday = 2;
	s[n++] = (struct as_slot){ 2, HM(17, 0), HM(18, 0), AS_SLOT_EXTENDED };
	assert_string_equal(check(primary, s, n, &v), "AS_SLOT_OVERLAP");
	s[n - 1].start = HM(17, 30); /* touching is not overlapping */
	assert_string_equal(check(primary, s, n, &v), "ok");
}

/* Another district's numbers: the same code follows them. */
static void test_other_district(void **state)
{
	struct as_slot s[AS_MAX_SLOTS];
	struct as_verdict v;
	int saved = P.as_end_not_before_min;

	(void)state;
	P.as_end_not_before_min = HM(18, 0);
	assert_string_equal(check(primary, s, week(s, 5, HM(17, 30)), &v), "AS_END_TIME");
	P.as_end_not_before_min = saved;
	assert_string_equal(as_slot_kind_name(AS_SLOT_EXTENDED), "延时托管");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_five_days),
		cmocka_unit_test(test_end_time),
		cmocka_unit_test(test_weekend),
		cmocka_unit_test(test_evening),
		cmocka_unit_test(test_bad_times),
		cmocka_unit_test(test_other_district),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
