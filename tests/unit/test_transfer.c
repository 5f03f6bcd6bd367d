/* test_transfer.c - a student's transfer (转学) on a demo district of two
 * schools: the confirmation moves the child, withdraws the child's
 * after-school applications at the old school with their school-term
 * counters, and writes its audit row all together; a failure injected at
 * any statement k = 1..K of the confirmation leaves the store as it was
 * (RELIABILITY.md "Writes"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app.h"
#include "app/app_org.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo_fixture.h"

static struct actor ADMIN;
static int64_t KID, FROM, TO, TO_CLASS, TERM;
static char REG[64], NAME[128];

/* Everything the confirmation touches. */
struct snap {
	int64_t school, klass, live_apps, t_applied, t_admitted, to_students, from_students;
	int64_t audit, confirmed;
};

/* fx_scalar of a query with numbers put in (a literal format, checked). */
static char qb[512];
#define Q(fmt, ...) (snprintf(qb, sizeof qb, fmt, __VA_ARGS__), fx_scalar(qb))

static void snap(struct snap *s)
{
	s->school = Q("SELECT school_id FROM student WHERE id = %lld", (long long)KID);
	s->klass = Q("SELECT class_id FROM student WHERE id = %lld", (long long)KID);
	s->live_apps = Q("SELECT COUNT(*) FROM as_application WHERE student_id = %lld"
			  " AND status <> 'withdrawn'", (long long)KID);
	s->t_applied = Q("SELECT t_applied FROM as_school_term WHERE school_id = %lld"
			  " AND term_id = %lld", (long long)FROM, (long long)TERM);
	s->t_admitted = Q("SELECT t_admitted FROM as_school_term WHERE school_id = %lld"
			   " AND term_id = %lld", (long long)FROM, (long long)TERM);
	s->to_students = Q("SELECT students FROM school WHERE id = %lld", (long long)TO);
	s->from_students = Q("SELECT students FROM school WHERE id = %lld", (long long)FROM);
	s->audit = fx_scalar("SELECT COUNT(*) FROM audit");
	s->confirmed = fx_scalar("SELECT COUNT(*) FROM transfer WHERE status = 'confirmed'");
}

/* One text value of the first row (the fixture reads numbers only). */
static void text_of(const char *sql, int64_t id, char *out, size_t cap)
{
	struct app_err e = { 0 };
	struct db_err dbe = { 0 };
	struct db_val p[1] = { DB_INT(id) };
	struct db *db = app_db_get(&fx_app, &e);
	struct db_res *r = NULL;

	assert_non_null(db);
	if (db_exec(db, sql, p, 1, &r, &dbe) != 0 || !db_res_rows(r))
		fail_msg("%s: %s", sql, dbe.msg);
	snprintf(out, cap, "%s", db_res_text(r, 0, 0));
	db_res_free(r);
	app_db_put(&fx_app, db);
}

static int setup(void **state)
{
	(void)state;
	fx_open("transfer", "transfer-pass-2026!", 2);
	fx_actor("admin", &ADMIN);
	/* an admitted child, and a class of the other school */
	KID = fx_scalar("SELECT student_id FROM as_application WHERE status = 'admitted'"
			" ORDER BY id LIMIT 1");
	FROM = Q("SELECT school_id FROM student WHERE id = %lld", (long long)KID);
	TERM = Q("SELECT term_id FROM as_application WHERE student_id = %lld"
		  " AND status = 'admitted'", (long long)KID);
	TO = Q("SELECT MIN(id) FROM school WHERE id <> %lld", (long long)FROM);
	TO_CLASS = Q("SELECT MIN(id) FROM class WHERE school_id = %lld", (long long)TO);
	text_of("SELECT registry_no FROM student WHERE id = ?", KID, REG, sizeof REG);
	text_of("SELECT name FROM student WHERE id = ?", KID, NAME, sizeof NAME);
	return KID && TO && TO_CLASS && TERM ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	fx_close();
	return 0;
}

/* TRANSFER: a failure at any statement of the confirmation changes nothing;
 * the success moves the child and withdraws the application with its
 * counters; the counters then equal the records. */
static void test_confirm_all_or_nothing(void **state)
{
	struct transfer_in in = { .kind = "student", .code = REG, .name = NAME, .reason = "搬家",
				  .to_school_id = TO, .to_class_id = TO_CLASS };
	struct app_err e = { 0 };
	struct snap before, now;
	json_t *out = NULL;
	int64_t id;
	int k, done = 0;

	(void)state;
	assert_int_equal(app_transfer_request(&fx_app, &ADMIN, &in, &out, &e), 0);
	id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	out = NULL;
	snap(&before);
	assert_true(before.live_apps >= 1);
	for (k = 1; k < 200 && !done; k++) {
		db_fail_after(k);
		if (app_transfer_decide(&fx_app, &ADMIN, id, "confirm", "", 0, &out, &e) == 0) {
			done = 1;
		} else {
			snap(&now);
			assert_memory_equal(&before, &now, sizeof now);
			app_err_clear(&e);
		}
		db_fail_after(0);
	}
	assert_true(done);
	assert_true(k > 4); /* the injection did reach several statements */
	assert_string_equal(json_string_value(json_object_get(out, "status")), "confirmed");
	json_decref(out);
	snap(&now);
	assert_int_equal(now.school, TO);
	assert_int_equal(now.klass, TO_CLASS);
	assert_int_equal(now.live_apps, 0);
	assert_int_equal(now.t_applied, before.t_applied - before.live_apps);
	assert_int_equal(now.t_admitted, before.t_admitted - 1);
	assert_int_equal(now.to_students, before.to_students + 1);
	assert_int_equal(now.from_students, before.from_students - 1);
	assert_int_equal(now.confirmed, before.confirmed + 1);
	assert_int_equal(now.audit, before.audit + 1);
	/* the kept counters equal the records */
	assert_int_equal(now.t_applied, Q("SELECT COUNT(*) FROM as_application WHERE school_id = %lld"
					   " AND term_id = %lld AND status <> 'withdrawn'", (long long)FROM, (long long)TERM));
	assert_int_equal(now.t_admitted, Q("SELECT COUNT(*) FROM as_application WHERE school_id = %lld"
					    " AND term_id = %lld AND status = 'admitted'", (long long)FROM, (long long)TERM));
}

/* TRANSFER_CLOSED: a confirmed transfer cannot be confirmed again, and a
 * transfer back is a new request (the history keeps both). */
static void test_closed_and_back(void **state)
{
	struct transfer_in in = { .kind = "student", .code = REG, .name = NAME, .reason = "回原校",
				  .to_school_id = FROM };
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t first = fx_scalar("SELECT MIN(id) FROM transfer");

	(void)state;
	assert_int_equal(app_transfer_decide(&fx_app, &ADMIN, first, "confirm", "", 0, &out, &e), -1);
	assert_string_equal(e.code, "TRANSFER_CLOSED");
	app_err_clear(&e);
	in.to_class_id = Q("SELECT MIN(id) FROM class WHERE school_id = %lld", (long long)FROM);
	assert_int_equal(app_transfer_request(&fx_app, &ADMIN, &in, &out, &e), 0);
	assert_string_equal(json_string_value(json_object_get(out, "side")), "bureau");
	json_decref(out);
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM transfer"), 2);
}

/* A child who leaves (离校): the record is withdrawn, its live after-school
 * applications with their school-term counters, the school's count. */
static void test_leave_withdraws_applications(void **state)
{
	struct app_err e = { 0 };
	int64_t kid = fx_scalar("SELECT student_id FROM as_application WHERE status = 'admitted'"
				" ORDER BY id DESC LIMIT 1");
	int64_t school = Q("SELECT school_id FROM student WHERE id = %lld", (long long)kid);
	int64_t term = Q("SELECT term_id FROM as_application WHERE student_id = %lld"
			 " AND status = 'admitted'", (long long)kid);
	int64_t applied = Q("SELECT t_applied FROM as_school_term WHERE school_id = %lld"
			    " AND term_id = %lld", (long long)school, (long long)term);
	int64_t students = Q("SELECT students FROM school WHERE id = %lld", (long long)school);

	(void)state;
	assert_int_equal(app_person_leave(&fx_app, &ADMIN, 1, kid, "", &e), -1);
	assert_string_equal(e.code, "FIELD_INVALID");
	app_err_clear(&e);
	assert_int_equal(app_person_leave(&fx_app, &ADMIN, 1, kid, "随家长迁居外省", &e), 0);
	assert_int_equal(Q("SELECT withdrawn FROM student WHERE id = %lld", (long long)kid), 1);
	assert_int_equal(Q("SELECT COUNT(*) FROM as_application WHERE student_id = %lld"
			   " AND status <> 'withdrawn'", (long long)kid), 0);
	assert_int_equal(Q("SELECT t_applied FROM as_school_term WHERE school_id = %lld"
			   " AND term_id = %lld", (long long)school, (long long)term), applied - 1);
	assert_int_equal(Q("SELECT students FROM school WHERE id = %lld", (long long)school),
			 students - 1);
	assert_int_equal(app_person_leave(&fx_app, &ADMIN, 1, kid, "again", &e), -1);
	assert_int_equal(e.status, 404);
	app_err_clear(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_confirm_all_or_nothing),
		cmocka_unit_test(test_closed_and_back),
		cmocka_unit_test(test_leave_withdraws_applications),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
