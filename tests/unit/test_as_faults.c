/* test_as_faults.c - RELIABILITY.md "Writes" for after-school records: a
 * failure injected at statement k = 1..K of recording attendance and of
 * recording an incident leaves the store all-before or all-after: the
 * attendance rows, the session's tally, its school-term counters (the
 * district view) and the audit row together, or none of them. After each
 * write the counters equal a recount from the records
 * (store_as_counts_rebuild on a copy of the numbers). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app.h"
#include "app/app_as.h"
#include "store/store.h"
#include "store/store_as.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demo_fixture.h"

static struct actor T; /* the demo teacher, on the program's staff */
static int64_t SCHOOL, TERM, SESSION, KIDS[3];

static void exec(const char *sql, const struct db_val *p, int n)
{
	struct app_err e = { 0 };
	struct db *db = app_db_get(&fx_app, &e);
	struct db_err dbe = { 0 };

	assert_non_null(db);
	if (db_exec(db, sql, p, n, NULL, &dbe) != 0)
		fail_msg("%s: %s", sql, dbe.msg);
	app_db_put(&fx_app, db);
}

/* Everything a write touches, and the counters of the school's term. */
struct snap {
	int64_t att, present, hw_done, recorded, n_att, incidents, audit;
	int64_t t_att, t_present, t_hw_done, t_recorded, t_incidents;
};

static void snap(struct snap *s)
{
	char q[256];

	s->att = fx_scalar("SELECT COUNT(*) FROM as_attendance");
	s->present = fx_scalar("SELECT COUNT(*) FROM as_attendance WHERE status = 'present'");
	s->hw_done = fx_scalar("SELECT COUNT(*) FROM as_attendance WHERE homework_done = 1");
	s->recorded = fx_scalar("SELECT COUNT(*) FROM as_session WHERE recorded_at IS NOT NULL");
	s->n_att = fx_scalar("SELECT COALESCE(SUM(n_att), 0) FROM as_session");
	s->incidents = fx_scalar("SELECT COUNT(*) FROM as_incident");
	s->audit = fx_scalar("SELECT COUNT(*) FROM audit");
#define T_COL(col, field)                                                                     \
	snprintf(q, sizeof q, "SELECT " col " FROM as_school_term WHERE school_id = %lld"       \
		 " AND term_id = %lld", (long long)SCHOOL, (long long)TERM);                     \
	s->field = fx_scalar(q)
	T_COL("t_att", t_att);
	T_COL("t_present", t_present);
	T_COL("t_hw_done", t_hw_done);
	T_COL("t_recorded", t_recorded);
	T_COL("t_incidents", t_incidents);
#undef T_COL
}

/* The kept counters equal the records: rebuild them and compare. */
static void counters_match(void)
{
	struct snap kept, rebuilt;
	struct app_err e = { 0 };
	struct db_err dbe = { 0 };
	struct db *db;

	snap(&kept);
	db = app_db_get(&fx_app, &e);
	assert_non_null(db);
	assert_int_equal(store_as_counts_rebuild(db, T.district_id, SCHOOL, TERM, &dbe), 0);
	app_db_put(&fx_app, db);
	snap(&rebuilt);
	assert_memory_equal(&kept, &rebuilt, sizeof kept);
}

static int setup(void **state)
{
	struct app_err e = { 0 };
	struct db_err dbe = { 0 };
	struct db *db;

	(void)state;
	fx_open("asfaults", "as-faults-pass-2026!", 1);
	fx_actor("teacher", &T);
	SCHOOL = T.school_id;
	{
		/* a term of its own, a 作业辅导 program the teacher staffs, three
		 * admitted children of their class, one session */
		struct db_val t[1] = { DB_INT(T.district_id) };
		char q[512];

		exec("INSERT INTO term (district_id, name, starts_on, ends_on)"
		     " VALUES (?, '故障注入学期', '2031-09-01', '2032-01-20')", t, 1);
		TERM = fx_scalar("SELECT id FROM term WHERE name = '故障注入学期'");
		{
			struct db_val p[3] = { DB_INT(T.district_id), DB_INT(SCHOOL), DB_INT(TERM) };

			exec("INSERT INTO as_program (district_id, school_id, term_id, name, category,"
			     " grades, capacity, days, start_min, end_min, venue, apply_until,"
			     " created_at) VALUES (?, ?, ?, '作业辅导F', 'homework', '3', 45,"
			     " '1,2,3,4,5', 940, 1050, '三年级教室', '2031-08-31', 0)", p, 3);
		}
		snprintf(q, sizeof q, "INSERT INTO as_program_staff (program_id, seq, name, type,"
			 " staff_id) SELECT g.id, 0, s.name, 'teacher', s.id FROM as_program g, staff s"
			 " WHERE g.name = '作业辅导F' AND s.user_id = %lld", (long long)T.user_id);
		exec(q, NULL, 0);
		snprintf(q, sizeof q, "INSERT INTO as_application (district_id, school_id, term_id,"
			 " student_id, choice1, consent_at, user_id, status, program_id, created_at)"
			 " SELECT st.district_id, st.school_id, %lld, st.id, g.id, 0, %lld, 'admitted',"
			 " g.id, 0 FROM student st JOIN class c ON c.id = st.class_id"
			 " JOIN staff h ON h.id = c.head_teacher_id, as_program g"
			 " WHERE h.user_id = %lld AND g.name = '作业辅导F' ORDER BY st.id LIMIT 3",
			 (long long)TERM, (long long)T.user_id, (long long)T.user_id);
		exec(q, NULL, 0);
		exec("INSERT INTO as_session (district_id, school_id, program_id, day, start_min,"
		     " end_min) SELECT district_id, school_id, id, '2031-09-01', 940, 1050"
		     " FROM as_program WHERE name = '作业辅导F'", NULL, 0);
		SESSION = fx_scalar("SELECT id FROM as_session WHERE day = '2031-09-01'");
		for (int i = 0; i < 3; i++) {
			snprintf(q, sizeof q, "SELECT student_id FROM as_application WHERE term_id = %lld"
				 " ORDER BY student_id LIMIT 1 OFFSET %d", (long long)TERM, i);
			KIDS[i] = fx_scalar(q);
		}
		db = app_db_get(&fx_app, &e);
		assert_int_equal(store_as_counts_rebuild(db, T.district_id, SCHOOL, TERM, &dbe), 0);
		app_db_put(&fx_app, db);
	}
	return SESSION > 0 && KIDS[2] > 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	fx_close();
	return 0;
}

typedef int (*write_fn)(json_t *body, json_t **out, struct app_err *e);

static int attend(json_t *body, json_t **out, struct app_err *e)
{
	return app_as_attendance(&fx_app, &T, SESSION, body, out, e);
}

static int incident(json_t *body, json_t **out, struct app_err *e)
{
	return app_as_incident_create(&fx_app, &T, SESSION, body, out, e);
}

/* Run fn with a failure at statement k for k = 1.. until it goes through;
 * every failed attempt must leave the snapshot as it was. */
static void until_through(write_fn fn, json_t *body, const char *what, struct snap *before,
			  struct snap *after)
{
	int k, failures = 0;

	for (k = 1; k <= 120; k++) {
		struct app_err e = { 0 };
		json_t *out = NULL;
		int rc;

		snap(before);
		db_fail_after(k);
		rc = fn(body, &out, &e);
		db_fail_after(0);
		snap(after);
		json_decref(out);
		if (rc != 0 && e.status >= 500) {
			failures++;
			if (memcmp(before, after, sizeof *after) != 0)
				fail_msg("%s k=%d: failed (%d %s) but the store changed", what, k,
					 e.status, e.code);
			app_err_clear(&e);
			continue;
		}
		if (rc != 0)
			fail_msg("%s k=%d: %d %s %s", what, k, e.status, e.code, e.message);
		app_err_clear(&e);
		break;
	}
	assert_true(k <= 120);
	assert_true(failures >= 4);
	print_message("%s: %d injected failures before it went through at k=%d\n", what, failures,
		      k);
}

static json_t *records(const char *s0, int hw0, const char *s1, const char *s2)
{
	return json_pack("{s:[{s:I,s:s,s:b},{s:I,s:s},{s:I,s:s}],s:s,s:s,s:b}", "records",
			 "student_id", (json_int_t)KIDS[0], "status", s0, "homework_done", hw0,
			 "student_id", (json_int_t)KIDS[1], "status", s1, "student_id",
			 (json_int_t)KIDS[2], "status", s2, "content", "完成书面作业", "form",
			 "作业辅导", "no_new_lesson", 1);
}

static void test_attendance_all_or_nothing(void **state)
{
	struct snap s0, s1;
	json_t *b = records("present", 1, "present", "absent");

	(void)state;
	counters_match();
	until_through(attend, b, "attendance", &s0, &s1);
	json_decref(b);
	assert_int_equal(s1.att, s0.att + 3);
	assert_int_equal(s1.t_att, s0.t_att + 3);
	assert_int_equal(s1.t_present, s0.t_present + 2);
	assert_int_equal(s1.t_hw_done, s0.t_hw_done + 1);
	assert_int_equal(s1.t_recorded, s0.t_recorded + 1);
	assert_int_equal(s1.audit, s0.audit + 1);
	counters_match();
	/* recorded again with other answers: the counters move by the difference */
	b = records("present", 0, "leave", "present");
	until_through(attend, b, "attendance again", &s0, &s1);
	json_decref(b);
	assert_int_equal(s1.t_att, s0.t_att);
	assert_int_equal(s1.t_present, s0.t_present);
	assert_int_equal(s1.t_hw_done, s0.t_hw_done - 1);
	assert_int_equal(s1.t_recorded, s0.t_recorded);
	counters_match();
}

static void test_incident_all_or_nothing(void **state)
{
	struct snap s0, s1;
	json_t *b = json_pack("{s:s,s:s,s:s,s:s,s:I,s:b}", "kind", "illness", "occurred_at",
			      "16:10", "description", "头晕", "action", "休息并通知家长",
			      "student_id", (json_int_t)KIDS[1], "guardian_notified", 1);

	(void)state;
	until_through(incident, b, "incident", &s0, &s1);
	json_decref(b);
	assert_int_equal(s1.incidents, s0.incidents + 1);
	assert_int_equal(s1.t_incidents, s0.t_incidents + 1);
	assert_int_equal(s1.audit, s0.audit + 1);
	counters_match();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_attendance_all_or_nothing),
		cmocka_unit_test(test_incident_all_or_nothing),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
