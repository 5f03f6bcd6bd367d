/* test_calendar.c - cal_classify (core/calendar.h) on both sides of each
 * boundary, and strmap (util/strmap.h), which the import relies on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/calendar.h"
#include "util/strmap.h"
#include "util/timeutil.h"

#include <stdio.h>

static int64_t day(const char *s)
{
	int64_t d = 0;

	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

/* In term: Friday is a school day, Saturday and Sunday weekend, Monday school. */
static void test_week_in_term(void **state)
{
	(void)state;
	assert_int_equal(cal_classify(day("2026-11-27"), true, NULL), POLICY_DAY_SCHOOL);  /* Fri */
	assert_int_equal(cal_classify(day("2026-11-28"), true, NULL), POLICY_DAY_WEEKEND); /* Sat */
	assert_int_equal(cal_classify(day("2026-11-29"), true, ""), POLICY_DAY_WEEKEND);   /* Sun */
	assert_int_equal(cal_classify(day("2026-11-30"), true, NULL), POLICY_DAY_SCHOOL);  /* Mon */
}

/* 调休: a worked Saturday is a school day (2026-10-10); the Sunday after is not. */
static void test_makeup_day_is_school_day(void **state)
{
	(void)state;
	assert_int_equal(cal_classify(day("2026-10-10"), true, "makeup"), POLICY_DAY_SCHOOL);
	assert_int_equal(cal_classify(day("2026-10-11"), true, NULL), POLICY_DAY_WEEKEND);
	/* a make-up day outside every term is still vacation */
	assert_int_equal(cal_classify(day("2026-08-01"), false, "makeup"), POLICY_DAY_VACATION);
}

/* A public holiday on a weekday (2026-10-01, Thursday) is a holiday, in or
 * out of term; a marked vacation day in term is vacation. */
static void test_holiday_and_vacation_marks(void **state)
{
	(void)state;
	assert_int_equal(cal_classify(day("2026-10-01"), true, "holiday"), POLICY_DAY_HOLIDAY);
	assert_int_equal(cal_classify(day("2026-10-01"), false, "holiday"), POLICY_DAY_HOLIDAY);
	assert_int_equal(cal_classify(day("2026-10-02"), true, "vacation"), POLICY_DAY_VACATION);
}

/* Outside every term: vacation, weekday or not. */
static void test_outside_term(void **state)
{
	(void)state;
	assert_int_equal(cal_classify(day("2026-07-15"), false, NULL), POLICY_DAY_VACATION);
	assert_int_equal(cal_classify(day("2026-07-18"), false, NULL), POLICY_DAY_VACATION);
}

static void test_kind_ids(void **state)
{
	(void)state;
	assert_string_equal(cal_kind_id(POLICY_DAY_SCHOOL), "school_day");
	assert_string_equal(cal_kind_id(POLICY_DAY_WEEKEND), "weekend");
	assert_string_equal(cal_kind_id(POLICY_DAY_HOLIDAY), "holiday");
	assert_string_equal(cal_kind_id(POLICY_DAY_VACATION), "vacation");
	assert_string_equal(cal_kind_name(POLICY_DAY_HOLIDAY), "法定节假日");
	assert_string_equal(cal_kind_id(POLICY_DAY_KINDS), "");
}

/* strmap: put, get, replace, many keys through several growths. */
static void test_strmap(void **state)
{
	struct strmap m;
	char key[32];
	int64_t v = 0;

	(void)state;
	strmap_init(&m);
	assert_int_equal(strmap_get(&m, "x", &v), 0);
	for (int i = 0; i < 100000; i++) {
		snprintf(key, sizeof key, "G%018d", i);
		assert_int_equal(strmap_put(&m, key, i), 0);
	}
	assert_int_equal(m.n, 100000);
	for (int i = 0; i < 100000; i += 997) {
		snprintf(key, sizeof key, "G%018d", i);
		assert_int_equal(strmap_get(&m, key, &v), 1);
		assert_int_equal(v, i);
	}
	assert_int_equal(strmap_get(&m, "G000000000000100000", &v), 0);
	assert_int_equal(strmap_put(&m, "G000000000000000007", -1), 0); /* replace */
	assert_int_equal(m.n, 100000);
	assert_int_equal(strmap_get(&m, "G000000000000000007", &v), 1);
	assert_int_equal(v, -1);
	assert_int_equal(strmap_put(&m, "中文键", 5), 0);
	assert_int_equal(strmap_get(&m, "中文键", NULL), 1);
	strmap_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_week_in_term),
		cmocka_unit_test(test_makeup_day_is_school_day),
		cmocka_unit_test(test_holiday_and_vacation_marks),
		cmocka_unit_test(test_outside_term),
		cmocka_unit_test(test_kind_ids),
		cmocka_unit_test(test_strmap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
