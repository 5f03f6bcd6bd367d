/* test_afterschool.c - the after-school plan rules (core/afterschool.h) on
 * both sides of each number: 4 vs 5 school days, 17:29 vs 17:30, 1 vs 2
 * weekend days, evening study in a primary vs a junior / nine-year school,
 * a start 15 vs 16 minutes after dismissal (AS_COVERAGE).
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
/* 放学时间: 15:30 Monday to Friday, no school at the weekend */
static int D[8] = { -1, 930, 930, 930, 930, 930, -1, -1 };

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
	return as_plan_check(&P, grades, D, s, n, v) ? v->code : "ok";
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
	/* Wednesday ends at 17:00; extended care to 18:00 does not make up for
	 * it: it is added for some children, not the regular service (B14.3) */
	n = week(s, 5, HM(17, 30));
	s[2].end = HM(17, 0);
	assert_string_equal(check(primary, s, n, &v), "AS_END_TIME");
	assert_int_equal(v.weekday, 3);
	s[n++] = (struct as_slot){ 3, HM(17, 0), HM(18, 0), AS_SLOT_EXTENDED };
	assert_string_equal(check(primary, s, n, &v), "AS_END_TIME");
	assert_int_equal(v.value, HM(17, 0));
	/* the Friday: 15:30-16:00 and a 15-minute slot at 17:45 */
	n = week(s, 5, HM(17, 30));
	s[4].end = HM(16, 0);
	s[n++] = (struct as_slot){ 5, HM(17, 45), HM(18, 0), AS_SLOT_EXTENDED };
	assert_string_equal(check(primary, s, n, &v), "AS_END_TIME");
	assert_int_equal(v.weekday, 5);
}

/* AS_COVERAGE: the regular service starts when school lets out and runs
 * without a break longer than the pack's 15 minutes. */
static void test_coverage(void **state)
{
	struct as_slot s[AS_MAX_SLOTS];
	struct as_verdict v;
	int n;

	(void)state;
	assert_int_equal(P.as_max_gap_min, 15);
	n = week(s, 5, HM(17, 30));
	s[0].start = HM(15, 45); /* 15 minutes after 15:30 */
	assert_string_equal(check(primary, s, n, &v), "ok");
	s[0].start = HM(15, 46);
	assert_string_equal(check(primary, s, n, &v), "AS_COVERAGE");
	assert_int_equal(v.weekday, 1);
	assert_int_equal(v.value, 16);
	assert_int_equal(v.limit, 15);
	assert_non_null(strstr(v.message, "15:30"));
	s[0].start = HM(15, 0); /* starting before dismissal leaves no gap */
	assert_string_equal(check(primary, s, n, &v), "ok");
	/* a break between two regular slots: 15 minutes pass, 16 do not */
	n = week(s, 5, HM(16, 30));
	for (int d = 1; d <= 5; d++)
		s[n++] = (struct as_slot){ d, HM(16, 45), HM(17, 30), AS_SLOT_REGULAR };
	assert_string_equal(check(primary, s, n, &v), "ok");
	s[n - 1].start = HM(16, 46);
	assert_string_equal(check(primary, s, n, &v), "AS_COVERAGE");
	assert_int_equal(v.weekday, 5);
	assert_int_equal(v.value, 16);
	/* extended care in the gap does not close it */
	s[n++] = (struct as_slot){ 5, HM(16, 30), HM(16, 46), AS_SLOT_EXTENDED };
	assert_string_equal(check(primary, s, n, &v), "AS_COVERAGE");
	/* no dismissal time for a day with regular service: set it first */
	n = week(s, 5, HM(17, 30));
	D[2] = -1;
	assert_string_equal(check(primary, s, n, &v), "AS_COVERAGE");
	assert_int_equal(v.weekday, 2);
	assert_non_null(strstr(v.message, "放学时间"));
	D[2] = HM(15, 30);
	/* a Saturday needs no dismissal time */
	s[n++] = (struct as_slot){ 6, HM(9, 0), HM(11, 0), AS_SLOT_REGULAR };
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

/* AS_STAFF_VETTING: an own teacher needs nothing; a retired teacher,
 * professional or volunteer needs a vetting record dated today or before. */
static void test_staff_vetting(void **state)
{
	struct as_staff s[2] = { { "teacher", "", "" }, { "volunteer", "审查2026-18号", "2026-11-29" } };
	struct as_verdict v;

	(void)state;
	assert_int_equal(as_program_check(0, "", s, 2, "2026-11-29", &v), 0);
	s[1].vetted_on = "2026-11-30"; /* tomorrow: not yet vetted */
	assert_int_equal(as_program_check(0, "", s, 2, "2026-11-29", &v), 1);
	assert_string_equal(v.code, "AS_STAFF_VETTING");
	assert_int_equal(v.slot, 1);
	s[1].vetted_on = "2026-11-28";
	s[1].vetting = "";
	assert_int_equal(as_program_check(0, "", s, 2, "2026-11-29", &v), 1);
	s[1] = (struct as_staff){ "retired", "退休审查-3", "" };
	assert_int_equal(as_program_check(0, "", s, 2, "2026-11-29", &v), 1);
	assert_string_equal(as_staff_type_name("professional"), "社会专业人员");
}

/* AS_FEES: free is the default; a fee of 1 fen needs its approval document. */
static void test_fees(void **state)
{
	struct as_staff s[1] = { { "teacher", "", "" } };
	struct as_verdict v;

	(void)state;
	assert_int_equal(as_program_check(0, NULL, s, 1, "2026-11-29", &v), 0);
	assert_int_equal(as_program_check(1, "", s, 1, "2026-11-29", &v), 1);
	assert_string_equal(v.code, "AS_FEES");
	assert_int_equal(as_program_check(1, "同发改〔2021〕12号", s, 1, "2026-11-29", &v), 0);
}

/* First choices first, capacity respected, the rest on their first
 * choice's waitlist in the order they applied. */
static void test_allocate(void **state)
{
	/* programs: 0 (2 places), 1 (1 place), 2 (0 places) */
	int cap[3] = { 2, 1, 0 };
	struct as_app a[5] = {
		{ { 0, 1, -1 }, 0, 0, 0 }, /* gets 0 */
		{ { 1, 0, -1 }, 0, 0, 0 }, /* gets 1 */
		{ { 1, 0, -1 }, 0, 0, 0 }, /* 1 full: second round gets 0 */
		{ { 0, -1, -1 }, 0, 0, 0 }, /* first round: 0 (second place) */
		{ { 2, 1, 0 }, 0, 0, 0 },  /* nothing left: waits on 2, first */
	};

	(void)state;
	as_allocate(a, 5, cap, 3);
	assert_int_equal(a[0].admitted, 0);
	assert_int_equal(a[1].admitted, 1);
	assert_int_equal(a[3].admitted, 0);  /* first choices before second choices */
	assert_int_equal(a[2].admitted, -1); /* its second choice was taken in round 1 */
	assert_int_equal(a[2].waitlisted, 1);
	assert_int_equal(a[2].position, 1);
	assert_int_equal(a[4].admitted, -1);
	assert_int_equal(a[4].waitlisted, 2);
	assert_int_equal(a[4].position, 1);
	/* one more place in program 1 admits the first on its waitlist */
	cap[1] = 2;
	as_allocate(a, 5, cap, 3);
	assert_int_equal(a[2].admitted, 1);
}

/* AS_NO_NEW_LESSON: content that reads like a new lesson is flagged;
 * homework guidance and review are not. */
static void test_new_lesson(void **state)
{
	(void)state;
	assert_string_equal(as_new_lesson_keyword(&P, "数学：讲授新课《分数的意义》"), "讲授新课");
	assert_string_equal(as_new_lesson_keyword(&P, "英语第5单元新授"), "新授");
	assert_null(as_new_lesson_keyword(&P, "完成书面作业，答疑，订正错题"));
	assert_null(as_new_lesson_keyword(&P, "复习第三单元，整理错题本"));
	assert_null(as_new_lesson_keyword(&P, NULL));
}

/* AS_NO_NEW_LESSON: every word of the pack in traditional characters, with
 * spaces or zero-width characters between, is flagged as the pack's word;
 * the table must name every word the pack has. */
static void test_new_lesson_disguised(void **state)
{
	static const char *const trad[][2] = {
		{ "讲授新课", "講授新課" }, { "新授", "新授" }, { "新课讲解", "新課講解" },
		{ "上新课", "上新課" }, { "讲新课", "講新課" }, { "新课教学", "新課教學" },
		{ "新知识讲授", "新知識講授" }, { "超前教学", "超前教學" }, { "提前教学", "提前教學" },
		{ "赶进度", "趕進度" }, { "集体教学", "集體教學" }, { "补课", "補課" },
	};
	size_t n = sizeof trad / sizeof trad[0];

	(void)state;
	for (int i = 0; i < P.as_new_lesson_nkeywords; i++) {
		bool listed = false;

		for (size_t j = 0; j < n; j++)
			listed = listed || !strcmp(P.as_new_lesson_keywords[i], trad[j][0]);
		if (!listed)
			fail_msg("pack word %s has no traditional form in the test", P.as_new_lesson_keywords[i]);
	}
	for (size_t j = 0; j < n; j++) {
		const char *kw = as_new_lesson_keyword(&P, trad[j][1]);

		if (!kw || strcmp(kw, trad[j][0]) != 0)
			fail_msg("%s: found %s, want %s", trad[j][1], kw ? kw : "nothing", trad[j][0]);
	}
	assert_string_equal(as_new_lesson_keyword(&P, "数学：讲 授 新 课"), "讲授新课");
	assert_string_equal(as_new_lesson_keyword(&P, "数学：补\u200b课"), "补课");
	assert_string_equal(as_new_lesson_keyword(&P, "数学：補\u3000課"), "补课");
	assert_null(as_new_lesson_keyword(&P, "完成書面作業，答疑，訂正錯題"));
}

/* AS_VENUE_CHECK: a passed check lasts the pack's 30 days (30 ok, 31
 * stale); the latest check failing flags the venue whatever its age; never
 * checked is flagged; another district's 7 days. */
static void test_venue_check(void **state)
{
	(void)state;
	assert_int_equal(as_venue_check("2026-11-30", "2026-10-31", 1, "2026-10-31", 30), AS_VENUE_OK);
	assert_int_equal(as_venue_check("2026-11-30", "2026-10-30", 1, "2026-10-30", 30),
			 AS_VENUE_STALE);
	assert_int_equal(as_venue_check("2026-11-30", "2026-11-01", 1, "2026-11-01", 30), AS_VENUE_OK);
	assert_int_equal(as_venue_check("2026-11-30", "2026-11-30", 0, "2026-11-20", 30),
			 AS_VENUE_FAILED);
	assert_int_equal(as_venue_check("2026-11-30", "", 0, "", 30), AS_VENUE_NEVER);
	/* a failed check, then a pass: the pass counts from its own day */
	assert_int_equal(as_venue_check("2026-11-30", "2026-11-29", 1, "2026-11-29", 30), AS_VENUE_OK);
	assert_int_equal(as_venue_check("2026-11-30", "2026-11-23", 1, "2026-11-23", 7), AS_VENUE_OK);
	assert_int_equal(as_venue_check("2026-11-30", "2026-11-22", 1, "2026-11-22", 7),
			 AS_VENUE_STALE);
	assert_string_equal(as_venue_state_ids[AS_VENUE_STALE], "stale");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_five_days),
		cmocka_unit_test(test_end_time),
		cmocka_unit_test(test_coverage),
		cmocka_unit_test(test_weekend),
		cmocka_unit_test(test_evening),
		cmocka_unit_test(test_bad_times),
		cmocka_unit_test(test_other_district),
		cmocka_unit_test(test_staff_vetting),
		cmocka_unit_test(test_fees),
		cmocka_unit_test(test_allocate),
		cmocka_unit_test(test_new_lesson),
		cmocka_unit_test(test_new_lesson_disguised),
		cmocka_unit_test(test_venue_check),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
