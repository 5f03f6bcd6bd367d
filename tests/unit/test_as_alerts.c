/* test_as_alerts.c - AS_HANDOVER through the use cases, with the clock
 * pinned: a child signed in to an after-school session and not handed over
 * is on the alert list 15 minutes after the session ends (17:30 + 15), not
 * at 14 minutes, and leaves it once handed over. Also walks the whole chain
 * a school runs: program, voluntary application, allocation, sessions from
 * the calendar, attendance. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app.h"
#include "app/app_as.h"
#include "app/app_internal.h"
#include "store/store.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demo_fixture.h"

/* Pin the clock to a district-local (UTC+8) date and time. */
static void at(const char *day, int h, int m)
{
	int64_t d;

	assert_int_equal(date_parse(day, &d), 0);
	time_pin(d * 86400 + h * 3600 + m * 60 - 8 * 3600);
}

/* Run a use case that must succeed (out is read only after it ran). */
#define OK(call)                                                                        \
	do {                                                                            \
		if ((call) != 0)                                                        \
			fail_msg("%s: %d %s %s", #call, e.status, e.code, e.message);   \
	} while (0)

static void test_handover_alert(void **state)
{
	struct actor principal, parent;
	struct app_err e = { 0 };
	json_t *out = NULL, *body;
	int64_t term, student, program, session;
	int grade;
	char sql[256];

	(void)state;
	fx_actor("principal", &principal);
	fx_actor("parent", &parent);
	term = fx_scalar("SELECT id FROM term WHERE starts_on = '2026-09-01'");
	student = fx_scalar("SELECT st.id FROM student st JOIN guardian_student gs ON gs.student_id = st.id"
			 " JOIN guardian g ON g.id = gs.guardian_id JOIN users u ON u.id = g.user_id"
			 " WHERE u.username = 'parent' AND st.school_id = 1 ORDER BY st.id LIMIT 1");
	snprintf(sql, sizeof sql, "SELECT c.grade FROM student st JOIN class c ON c.id = st.class_id"
		 " WHERE st.id = %lld", (long long)student);
	grade = (int)fx_scalar(sql);
	assert_true(term > 0 && student > 0 && grade >= 1);
	at("2026-12-01", 12, 0); /* a Tuesday */

	body = json_pack("{s:i,s:I,s:s,s:s,s:[i],s:i,s:[i,i,i,i,i],s:s,s:s,s:s,s:[{s:s,s:s}],s:s}",
			 "school_id", 1, "term_id", (json_int_t)term, "name", "作业辅导",
			 "category", "homework", "grades", grade, "capacity", 30, "days", 1, 2, 3, 4, 5,
			 "start", "15:40", "end", "17:30", "venue", "教室", "staff", "name", "陈老师",
			 "type", "teacher", "apply_until", "2026-12-31");
	OK(app_as_program_create(&fx_app, &principal, body, &out, &e));
	program = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	json_decref(body);

	body = json_pack("{s:I,s:I,s:[I],s:b}", "student_id", (json_int_t)student, "term_id",
			 (json_int_t)term, "choices", (json_int_t)program, "voluntary", 1);
	OK(app_as_apply(&fx_app, &parent, body, &out, &e));
	json_decref(out);
	json_decref(body);
	body = json_pack("{s:I}", "term_id", (json_int_t)term);
	OK(app_as_allocate(&fx_app, &principal, 1, body, &out, &e));
	assert_int_equal(json_integer_value(json_object_get(out, "admitted")), 1);
	json_decref(out);
	json_decref(body);

	body = json_pack("{s:s,s:s}", "from", "2026-12-01", "to", "2026-12-01");
	OK(app_as_sessions_generate(&fx_app, &principal, program, body, &out, &e));
	assert_int_equal(json_integer_value(json_object_get(out, "created")), 1);
	json_decref(out);
	json_decref(body);
	snprintf(sql, sizeof sql, "SELECT id FROM as_session WHERE program_id = %lld",
		 (long long)program);
	session = fx_scalar(sql);

	body = json_pack("{s:[{s:I,s:s}],s:s,s:b}", "records", "student_id", (json_int_t)student,
			 "status", "present", "content", "完成书面作业", "no_new_lesson", 1);
	OK(app_as_attendance(&fx_app, &principal, session, body, &out, &e));
	json_decref(out);
	json_decref(body);

	/* 17:44: 14 minutes after the end, no alert yet */
	at("2026-12-01", 17, 44);
	OK(app_as_alerts(&fx_app, &principal, &out, &e));
	assert_int_equal(json_array_size(json_object_get(out, "items")), 0);
	json_decref(out);
	/* 17:45: 15 minutes, the child is on the list */
	at("2026-12-01", 17, 45);
	OK(app_as_alerts(&fx_app, &principal, &out, &e));
	assert_int_equal(json_array_size(json_object_get(out, "items")), 1);
	assert_string_equal(json_string_value(json_object_get(
		json_array_get(json_object_get(out, "items"), 0), "code")), "AS_HANDOVER");
	json_decref(out);
	/* handed over to extended care: off the list */
	body = json_pack("{s:[{s:I,s:s}]}", "records", "student_id", (json_int_t)student, "state",
			 "extended");
	OK(app_as_handover(&fx_app, &principal, session, body, &out, &e));
	json_decref(out);
	json_decref(body);
	OK(app_as_alerts(&fx_app, &principal, &out, &e));
	assert_int_equal(json_array_size(json_object_get(out, "items")), 0);
	json_decref(out);
	time_pin(0);
}

/* Built in the summer vacation: the demo writes after-school data for the
 * term holding "today", and this walk starts from a school without. */
static int setup(void **state)
{
	(void)state;
	at("2026-08-01", 12, 0);
	fx_open("asalerts", "as-alerts-pass-2026!", 1);
	time_pin(0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fx_close();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_handover_alert),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
