/* test_demo.c - the demo district (demo_build): its shape, the demo sign-ins'
 * links into the organisation, the term calendar, the homework history, and
 * the after-school service of the current term, and the same seed giving the
 * same district.
 *
 * One demo (seed 1) is built once for the group in a mkdtemp folder under
 * /tmp; the determinism tests build more on their own files. Counting is
 * SQL through app_db_get/db_exec. Run from the repository root. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/app.h"
#include "app/app_hw.h"
#include "app/app_org.h"
#include "app/app_internal.h"
#include "demo/demo.h"
#include "core/afterschool.h"
#include "core/homework.h"
#include "store/db.h"
#include "util/timeutil.h"

#define DEMO_PW "demo-pass-2026!"
/* 2026-11-30 (a Monday in the autumn term) 12:00 in Datong (UTC+8) */
#define DEMO_TODAY ((int64_t)20787 * 86400 + 4 * 3600)

struct fx {
	char dir[64];
	struct app app;
	bool open;
	struct actor admin;
};

/* Open an app on path: 0, or -1 with the reason printed. */
static int open_app(struct app *a, const char *path)
{
	struct app_config cfg;
	char msg[512];

	app_config_defaults(&cfg);
	if (app_open(a, DB_SQLITE, path, NULL, &cfg, msg, sizeof msg) != 0) {
		print_error("app_open(%s): %s\n", path, msg);
		return -1;
	}
	return 0;
}

/* Build a demo: 0, or -1 with the error printed. */
static int make_demo(struct app *a, int schools, unsigned seed)
{
	struct app_err e = { 0 };
	int rc = demo_build(a, DEMO_PW, schools, seed, &e);

	if (rc != 0)
		print_error("demo_build: %d %s %s\n", e.status, e.code ? e.code : "", e.message);
	app_err_clear(&e);
	return rc;
}

static void rm_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	while (d && (de = readdir(d)) != NULL) {
		char p[400];

		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

static int group_teardown(void **state);

static int group_setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char path[128];

	*state = f;
	if (!f)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/sj_test_demo_XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		*state = NULL;
		return -1;
	}
	snprintf(path, sizeof path, "%s/demo.db", f->dir);
	f->open = open_app(&f->app, path) == 0;
	/* homework goes back from "today": a Monday in term, whatever the date */
	time_pin(DEMO_TODAY);
	if (!f->open || make_demo(&f->app, 0, 1) != 0) {
		time_pin(0);
		group_teardown(state); /* cmocka does not call it after a failed setup */
		*state = NULL;
		return -1;
	}
	time_pin(0);
	f->admin.district_id = f->app.district_id;
	f->admin.role = ROLE_DISTRICT_ADMIN;
	snprintf(f->admin.username, sizeof f->admin.username, "admin");
	snprintf(f->admin.request_id, sizeof f->admin.request_id, "test-demo");
	return 0;
}

static int group_teardown(void **state)
{
	struct fx *f = *state;

	if (!f)
		return 0;
	if (f->open)
		app_close(&f->app);
	rm_dir(f->dir);
	free(f);
	return 0;
}

/* ---- SQL helpers ---- */

static struct db_res *query(struct app *a, const char *sql, const struct db_val *p, int n)
{
	struct app_err e = { 0 };
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct db *db = app_db_get(a, &e);

	if (!db)
		fail_msg("app_db_get: %s", e.message);
	if (db_exec(db, sql, p, n, &r, &dbe) != 0)
		fail_msg("%s: %s", sql, dbe.msg);
	app_db_put(a, db);
	return r;
}

static int64_t scalar(struct app *a, const char *sql)
{
	struct db_res *r = query(a, sql, NULL, 0);
	int64_t v = db_res_int(r, 0, 0);

	db_res_free(r);
	return v;
}

static void assert_between(int64_t v, int64_t lo, int64_t hi, const char *what)
{
	if (v < lo || v > hi)
		fail_msg("%s = %lld, expected %lld..%lld", what, (long long)v, (long long)lo,
			 (long long)hi);
}

/* ---- the district's shape ---- */

static void counts_in_range(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->app;
	int64_t students = scalar(a, "SELECT COUNT(*) FROM student");
	int64_t staff = scalar(a, "SELECT COUNT(*) FROM staff");

	assert_between(scalar(a, "SELECT COUNT(*) FROM school"), 25, 35, "schools");
	assert_between(scalar(a, "SELECT COUNT(*) FROM school WHERE kind = 'primary'"), 12, 30,
		       "primary schools");
	assert_between(scalar(a, "SELECT COUNT(*) FROM school WHERE kind = 'junior'"), 3, 12,
		       "junior schools");
	assert_between(scalar(a, "SELECT COUNT(*) FROM school WHERE kind = 'nine_year'"), 2, 8,
		       "nine-year schools");
	assert_between(scalar(a, "SELECT COUNT(*) FROM school WHERE boarding = 1"), 1, 20,
		       "boarding schools");
	assert_between(scalar(a, "SELECT COUNT(DISTINCT alliance) FROM school"
				 " WHERE alliance <> ''"), 2, 15, "alliances");
	assert_between(students, 10000, 25000, "students");
	/* about one teacher per 15 students */
	assert_between(students / (staff ? staff : 1), 12, 20, "students per teacher");
	assert_int_equal(scalar(a, "SELECT COUNT(*) - COUNT(DISTINCT name) FROM school"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM school WHERE id = (SELECT MIN(id) FROM"
				   " school) AND name = '新荣区第一小学' AND kind = 'primary'"), 1);
}

static void every_school_has_its_grades(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->app;

	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM school s WHERE NOT EXISTS"
				   " (SELECT 1 FROM class c WHERE c.school_id = s.id)"), 0);
	/* 小学 1-6, 初中 7-9, 九年一贯制 1-9: each grade there, none outside */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM class c JOIN school s"
				   " ON s.id = c.school_id"
				   " WHERE (s.kind = 'primary' AND c.grade > 6)"
				   " OR (s.kind = 'junior' AND c.grade < 7)"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM school s WHERE (SELECT"
				   " COUNT(DISTINCT grade) FROM class c WHERE c.school_id = s.id)"
				   " <> CASE s.kind"
				   " WHEN 'primary' THEN 6 WHEN 'junior' THEN 3 ELSE 9 END"), 0);
	/* 2-4 classes per grade */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM (SELECT school_id, grade, COUNT(*)"
				   " n FROM class GROUP BY school_id, grade)"
				   " WHERE n < 2 OR n > 4"), 0);
}

static void every_class_is_full_and_led(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->app;

	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM (SELECT c.id, COUNT(s.id) n FROM class c"
				   " LEFT JOIN student s ON s.class_id = c.id GROUP BY c.id)"
				   " WHERE n < 35 OR n > 45"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM class WHERE head_teacher_id IS NULL"), 0);
	/* the head teacher is on the class's own school, heads one class */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM class c JOIN staff t ON"
				   " t.id = c.head_teacher_id"
				   " WHERE t.school_id <> c.school_id"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM (SELECT head_teacher_id FROM class"
				   " GROUP BY head_teacher_id HAVING COUNT(*) > 1)"), 0);
	/* 语文 and 数学 in every class, 英语 from grade 3, 物理 from grade 8 */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM class c WHERE (SELECT COUNT(*) FROM"
				   " teaching t WHERE t.class_id = c.id AND t.subject IN"
				   " ('语文', '数学')) <> 2"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM teaching t JOIN class c ON c.id ="
				   " t.class_id WHERE (t.subject = '英语' AND c.grade < 3)"
				   " OR (t.subject = '物理' AND c.grade < 8)"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM class c WHERE c.grade >= 3 AND NOT EXISTS"
				   " (SELECT 1 FROM teaching t WHERE t.class_id = c.id AND"
				   " t.subject = '英语')"), 0);
	/* every teacher teaches, and only in their school */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM staff s WHERE NOT EXISTS (SELECT 1 FROM"
				   " teaching t WHERE t.staff_id = s.id)"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM teaching t JOIN class c ON c.id ="
				   " t.class_id JOIN staff s ON s.id = t.staff_id WHERE"
				   " s.school_id <> c.school_id"), 0);
}

static void students_and_guardians(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->app;
	int64_t n = scalar(a, "SELECT COUNT(*) FROM student");

	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM student WHERE length(registry_no) <> 19"
				   " OR registry_no NOT GLOB 'G[0-9]*' OR substr(registry_no, 2)"
				   " GLOB '*[^0-9]*'"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM guardian WHERE length(phone) <> 11 OR"
				   " phone GLOB '*[^0-9]*' OR substr(phone, 1, 2) NOT IN"
				   " ('13', '15', '17', '18', '19')"), 0);
	/* one or two guardians each; some share one with a brother or sister */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM student s WHERE (SELECT COUNT(*) FROM"
				   " guardian_student g WHERE g.student_id = s.id)"
				   " NOT IN (1, 2)"), 0);
	assert_true(scalar(a, "SELECT COUNT(*) FROM (SELECT guardian_id FROM guardian_student"
			      " GROUP BY guardian_id HAVING COUNT(*) > 1)") > n / 100);
	/* a mix of genders and flags: about 2% special needs, 5% left behind */
	assert_between(scalar(a, "SELECT COUNT(*) FROM student WHERE gender = 'F'") * 100 / n, 40,
		       60, "girls %");
	assert_between(scalar(a, "SELECT COUNT(*) FROM student WHERE special_needs = 1") * 1000 / n,
		       5, 40, "special needs per mille");
	assert_between(scalar(a, "SELECT COUNT(*) FROM student WHERE left_behind = 1") * 1000 / n,
		       20, 100, "left behind per mille");
	/* boarders only in boarding schools */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM student st JOIN school s ON s.id ="
				   " st.school_id WHERE st.boarding = 1 AND s.boarding = 0"), 0);
	assert_true(scalar(a, "SELECT COUNT(*) FROM student WHERE boarding = 1") > 0);
}

/* ---- the sign-ins ---- */

static void principal_and_teacher_are_linked(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->app;

	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM users u WHERE u.username IN ('principal',"
				   " 'academic') AND u.school_id = (SELECT MIN(id)"
				   " FROM school)"), 2);
	/* teacher: a staff row heading a grade-3 class of school 1 and teaching it */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM users u JOIN staff s ON s.user_id = u.id"
				   " JOIN class c ON c.head_teacher_id = s.id WHERE u.username ="
				   " 'teacher' AND c.grade = 3 AND c.school_id = (SELECT MIN(id)"
				   " FROM school) AND EXISTS (SELECT 1 FROM teaching t WHERE"
				   " t.staff_id = s.id AND t.class_id = c.id)"), 1);
	/* every staff record has an account, its own */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM staff WHERE withdrawn = 0 AND user_id IS NULL"),
			 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) - COUNT(DISTINCT user_id) FROM staff"), 0);
}

/* Every other teacher has an account too, signed in with the teacher
 * sign-in's password (issue: accounts for a whole district): several
 * teachers of one class can sign in and post. */
static void staff_accounts_sign_in(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->app;
	struct db_res *r;
	struct app_err e = { 0 };
	struct actor who;
	char token[65];

	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM users u JOIN staff s ON s.user_id = u.id"
				   " WHERE u.role <> 'teacher' OR u.disabled <> 0"
				   " OR u.school_id <> s.school_id"), 0);
	assert_true(scalar(a, "SELECT COUNT(*) FROM users u JOIN staff s ON s.user_id = u.id"
			      " WHERE u.username <> 'teacher'") > 100);
	r = query(a, "SELECT u.username FROM users u JOIN staff s ON s.user_id = u.id WHERE"
		     " u.username <> 'teacher' ORDER BY u.id LIMIT 1", NULL, 0);
	assert_int_equal(db_res_rows(r), 1);
	memset(&who, 0, sizeof who);
	assert_int_equal(app_sign_in(a, db_res_text(r, 0, 0), DEMO_PW, "127.0.0.1", "test-demo",
				     &who, token, &e), 0);
	assert_int_equal(who.role, ROLE_TEACHER);
	memset(&who, 0, sizeof who);
	assert_int_equal(app_sign_in(a, db_res_text(r, 0, 0), "not-the-demo-password", "127.0.0.1",
				     "test-demo", &who, token, &e), -1);
	assert_int_equal(e.status, 401);
	app_err_clear(&e);
	db_res_free(r);
}

/* Every guardian has an account, one per phone; one parent in 20 waits for
 * activation (no password: the demo password does not sign in). */
static void guardian_accounts(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->app;
	int64_t pending = scalar(a, "SELECT COUNT(*) FROM users WHERE role = 'parent'"
				    " AND password_hash = '' AND activation_hash <> ''");
	int64_t parents = scalar(a, "SELECT COUNT(*) FROM users WHERE role = 'parent'");

	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM guardian WHERE user_id IS NULL"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM guardian g JOIN users u ON u.id = g.user_id"
				   " WHERE u.username <> 'parent' AND u.username <> g.phone"), 0);
	assert_true(pending > 0);
	assert_true(pending * 15 < parents && pending * 25 > parents);
}

static void parent_has_two_children(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->app;

	assert_int_equal(scalar(a, "SELECT COUNT(DISTINCT gs.student_id) FROM users u JOIN guardian"
				   " g ON g.user_id = u.id JOIN guardian_student gs ON"
				   " gs.guardian_id = g.id WHERE u.username = 'parent'"), 2);
	/* one in the teacher's class, the other elsewhere */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM users u JOIN guardian g ON g.user_id ="
				   " u.id JOIN guardian_student gs ON gs.guardian_id = g.id JOIN"
				   " student st ON st.id = gs.student_id JOIN class c ON c.id ="
				   " st.class_id JOIN staff t ON t.id = c.head_teacher_id"
				   " JOIN users tu ON tu.id = t.user_id"
				   " WHERE u.username = 'parent' AND tu.username = 'teacher'"), 1);
	assert_int_equal(scalar(a, "SELECT COUNT(DISTINCT st.class_id) FROM users u JOIN guardian"
				   " g ON g.user_id = u.id JOIN guardian_student gs ON"
				   " gs.guardian_id = g.id JOIN student st ON st.id ="
				   " gs.student_id WHERE u.username = 'parent'"), 2);
	/* the parent sign-in's guardian records are the only ones on that account */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM guardian g JOIN users u ON u.id = g.user_id"
				   " WHERE u.username = 'parent'"), 1);
}

static void every_demo_user_signs_in(void **state)
{
	static const char *const names[] = { "admin", "inspector", "enforcement", "principal",
					     "academic", "teacher", "parent", "institution" };
	struct fx *f = *state;

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct app_err e = { 0 };
		struct actor who;
		char token[65];

		memset(&who, 0, sizeof who);
		if (app_sign_in(&f->app, names[i], DEMO_PW, "127.0.0.1", "test-demo", &who, token,
				&e) != 0)
			fail_msg("sign-in %s: %d %s", names[i], e.status, e.code);
		assert_string_equal(who.username, names[i]);
		app_err_clear(&e);
	}
}

static void refuses_a_store_with_users(void **state)
{
	struct fx *f = *state;
	struct app_err e = { 0 };
	int64_t schools = scalar(&f->app, "SELECT COUNT(*) FROM school");

	assert_int_equal(demo_build(&f->app, DEMO_PW, 0, 1, &e), -1);
	assert_int_equal(e.status, 409);
	assert_string_equal(e.code, "ALREADY_INITIALISED");
	app_err_clear(&e);
	assert_int_equal(scalar(&f->app, "SELECT COUNT(*) FROM school"), schools);
}

/* ---- the calendar ---- */

static void day_kind_is(struct fx *f, const char *date, enum policy_day_kind want)
{
	struct app_err e = { 0 };
	enum policy_day_kind k = POLICY_DAY_KINDS;

	if (app_day_kind(&f->app, &f->admin, date, &k, &e) != 0)
		fail_msg("app_day_kind(%s): %s", date, e.message);
	if (k != want)
		fail_msg("%s is %d, expected %d", date, (int)k, (int)want);
}

static void calendar_2026(void **state)
{
	struct fx *f = *state;

	assert_int_equal(scalar(&f->app, "SELECT COUNT(*) FROM term"), 2);
	day_kind_is(f, "2026-10-01", POLICY_DAY_HOLIDAY);  /* 国庆节 */
	day_kind_is(f, "2026-10-07", POLICY_DAY_HOLIDAY);
	day_kind_is(f, "2026-10-10", POLICY_DAY_SCHOOL);   /* Saturday, 调休 */
	day_kind_is(f, "2026-10-11", POLICY_DAY_WEEKEND);  /* Sunday */
	day_kind_is(f, "2026-08-01", POLICY_DAY_VACATION); /* between terms */
	day_kind_is(f, "2026-11-30", POLICY_DAY_SCHOOL);   /* Monday */
	day_kind_is(f, "2026-05-01", POLICY_DAY_HOLIDAY);  /* 劳动节 */
	day_kind_is(f, "2026-05-09", POLICY_DAY_SCHOOL);   /* Saturday, 调休 */
	day_kind_is(f, "2026-09-20", POLICY_DAY_SCHOOL);   /* Sunday, 调休 */
	day_kind_is(f, "2026-09-25", POLICY_DAY_HOLIDAY);  /* 中秋节 */
	day_kind_is(f, "2026-07-13", POLICY_DAY_VACATION); /* summer */
	/* recorded even outside the terms: 元旦, 春节 */
	assert_int_equal(scalar(&f->app, "SELECT COUNT(*) FROM calendar_day WHERE kind ="
					 " 'holiday'"), 3 + 9 + 3 + 5 + 3 + 3 + 7);
	assert_int_equal(scalar(&f->app, "SELECT COUNT(*) FROM calendar_day WHERE kind ="
					 " 'makeup'"), 6);
}

/* ---- the homework history ---- */

static void homework_is_consistent(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->app;
	const struct policy *p = &a->policy;
	struct db_res *r;
	int64_t items = scalar(a, "SELECT COUNT(*) FROM homework");

	/* the 10 school days before the pinned Monday */
	assert_int_equal(scalar(a, "SELECT COUNT(DISTINCT day) FROM hw_class_day"), 10);
	assert_int_equal(scalar(a, "SELECT MIN(day) = '2026-11-16' AND MAX(day) = '2026-11-27'"
				   " FROM hw_class_day"), 1);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM class c WHERE NOT EXISTS (SELECT 1 FROM"
				   " hw_class_day x WHERE x.class_id = c.id)"), 0);
	assert_between(items / scalar(a, "SELECT COUNT(*) FROM hw_class_day"), 2, 4,
		       "items per class-day");
	/* a class-day's total is what its published items count, and an item
	 * counts its minutes when written and not optional */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM hw_class_day x WHERE written_minutes <>"
				   " (SELECT COALESCE(SUM(h.counted), 0) FROM homework h WHERE"
				   " h.class_id = x.class_id AND h.assigned_on = x.day AND"
				   " h.status = 'published')"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM homework WHERE counted <> CASE WHEN kind ="
				   " 'written' AND tier <> 'optional' THEN minutes ELSE 0 END"), 0);
	/* HW_OPTIONAL: the 选做 total of each class-day is its optional written
	 * items, within the pack's cap, and there are some */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM hw_class_day x WHERE optional_minutes <>"
				   " (SELECT COALESCE(SUM(h.minutes), 0) FROM homework h WHERE"
				   " h.class_id = x.class_id AND h.assigned_on = x.day AND"
				   " h.kind = 'written' AND h.tier = 'optional' AND"
				   " h.status = 'published')"), 0);
	assert_true(scalar(a, "SELECT COUNT(*) FROM hw_class_day WHERE optional_minutes > 0") > 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM hw_class_day x JOIN class c ON c.id ="
				   " x.class_id WHERE x.optional_minutes > CASE WHEN c.grade >= 7"
				   " THEN 30 ELSE 20 END"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM hw_change WHERE action = 'publish' AND"
				   " shown = 1"), items);
	/* within the limit of the grade; grades 1-2: nothing written */
	r = query(a, "SELECT c.grade, x.written_minutes, x.day FROM hw_class_day x JOIN class c"
		     " ON c.id = x.class_id", NULL, 0);
	for (int i = 0; i < db_res_rows(r); i++) {
		int grade = (int)db_res_int(r, i, 0), used = (int)db_res_int(r, i, 1);

		if (used > hw_limit(p, grade, POLICY_DAY_SCHOOL))
			fail_msg("grade %d on %s: %d written minutes", grade, db_res_text(r, i, 2), used);
	}
	db_res_free(r);
	assert_true(p->hw_written_forbidden[1] && p->hw_written_forbidden[2]);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM homework h JOIN class c ON c.id ="
				   " h.class_id WHERE c.grade <= 2 AND h.kind = 'written'"), 0);
	assert_true(scalar(a, "SELECT COUNT(*) FROM homework WHERE kind <> 'written'") > items / 10);
	assert_true(scalar(a, "SELECT COUNT(*) FROM homework WHERE tier = 'optional'") > 0);
	/* no item names a parent task */
	for (int i = 0; i < p->hw_parent_nkeywords; i++) {
		struct db_val k[2] = { DB_TEXT(p->hw_parent_keywords[i]),
				       DB_TEXT(p->hw_parent_keywords[i]) };

		r = query(a, "SELECT COUNT(*) FROM homework WHERE instr(title, ?) > 0 OR"
			     " instr(content, ?) > 0", k, 2);
		if (db_res_int(r, 0, 0))
			fail_msg("%lld items name %s", (long long)db_res_int(r, 0, 0),
				 p->hw_parent_keywords[i]);
		db_res_free(r);
	}
}

/* Each item is posted, published and graded by an account whose live staff
 * record teaches its subject in its class or heads the class now, as
 * app_hw.c asks of a teacher who changes an item; a refused post names a
 * teacher of the class. */
#define HOLDS(u, cls, subj)                                                                     \
	" EXISTS (SELECT 1 FROM staff sf WHERE sf.user_id = " u " AND sf.withdrawn = 0 AND"      \
	" (EXISTS (SELECT 1 FROM teaching t WHERE t.staff_id = sf.id AND t.class_id = " cls     \
	" AND t.withdrawn = 0 AND (" subj ")) OR EXISTS (SELECT 1 FROM class c WHERE c.id = "    \
	cls " AND c.head_teacher_id = sf.id)))"

static void homework_posters_hold_their_items(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->app;

	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM homework h WHERE NOT"
				   HOLDS("h.user_id", "h.class_id", "t.subject = h.subject")), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM homework h JOIN staff sf ON"
				   " sf.id = h.staff_id WHERE sf.user_id <> h.user_id"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM hw_grading g JOIN homework h ON"
				   " h.id = g.homework_id WHERE g.user_id <> h.user_id"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM hw_change x JOIN homework h ON"
				   " h.id = x.homework_id WHERE x.user_id <> h.user_id"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM hw_refusal x WHERE NOT"
				   HOLDS("x.user_id", "x.class_id", "1 = 1")), 0);
	/* the teacher sign-in posts in her own school only */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM homework h JOIN users u ON u.id ="
				   " h.user_id WHERE u.username = 'teacher' AND h.school_id <>"
				   " (SELECT MIN(id) FROM school)"), 0);
	assert_true(scalar(a, "SELECT COUNT(*) FROM homework h JOIN users u ON u.id = h.user_id"
			      " WHERE u.username = 'teacher'") > 0);
}

/* The teacher sign-in can neither withdraw nor grade an item of another
 * school (404, as if it were missing), and the item stays as it was. */
static void teacher_cannot_change_other_schools(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->app;
	struct app_err e = { 0 };
	struct actor who;
	struct db_res *r;
	int64_t id;

	memset(&who, 0, sizeof who);
	r = query(a, "SELECT id, district_id, COALESCE(school_id, 0) FROM users WHERE"
		     " username = 'teacher'", NULL, 0);
	who.user_id = db_res_int(r, 0, 0);
	who.district_id = db_res_int(r, 0, 1);
	who.school_id = db_res_int(r, 0, 2);
	db_res_free(r);
	who.role = ROLE_TEACHER;
	snprintf(who.username, sizeof who.username, "teacher");
	snprintf(who.request_id, sizeof who.request_id, "test-demo");
	id = scalar(a, "SELECT MIN(id) FROM homework WHERE status = 'published' AND school_id ="
		       " (SELECT MIN(id) FROM school WHERE id > (SELECT MIN(id) FROM school))");
	assert_true(id > 0);
	assert_int_equal(app_hw_withdraw(a, &who, id, "不是本校的作业", &e), -1);
	assert_int_equal(e.status, 404);
	app_err_clear(&e);
	assert_int_equal(app_hw_grading(a, &who, id, "face", 1, "", &e), -1);
	assert_int_equal(e.status, 404);
	app_err_clear(&e);
	r = query(a, "SELECT status FROM homework WHERE id = ?", &DB_INT(id), 1);
	assert_string_equal(db_res_text(r, 0, 0), "published");
	db_res_free(r);
}

static void homework_reports_and_views(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->app;
	const struct policy *p = &a->policy;
	struct db_res *r;
	int over = 0;

	/* most items older than 2 days graded, none of the last 2 days */
	assert_between(scalar(a, "SELECT COUNT(*) * 100 / (SELECT COUNT(*) FROM homework WHERE"
				 " assigned_on < '2026-11-28') FROM hw_grading"), 70, 99,
		       "graded %");
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM hw_grading g JOIN homework h ON h.id ="
				   " g.homework_id WHERE h.assigned_on >= '2026-11-28'"), 0);
	/* reports from the child's own class, 60-80% of the families a day */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM hw_report r JOIN student s ON s.id ="
				   " r.student_id WHERE s.class_id <> r.class_id"), 0);
	assert_between(scalar(a, "SELECT AVG(n * 100 / k) FROM (SELECT COUNT(*) n, (SELECT"
				 " COUNT(*) FROM student s WHERE s.class_id = r.class_id) k"
				 " FROM hw_report r GROUP BY r.class_id, r.day)"), 55, 85,
		       "families reporting %");
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM hw_report WHERE (finished = 1) <>"
				   " (reason = '')"), 0);
	/* school 1: a few class-days over the limit by the reported average */
	r = query(a, "SELECT c.grade, c.school_id = (SELECT MIN(id) FROM school), COUNT(*),"
		     " SUM(r.minutes) FROM hw_report r JOIN class c ON c.id = r.class_id"
		     " GROUP BY r.class_id, r.day", NULL, 0);
	for (int i = 0; i < db_res_rows(r); i++) {
		int avg = 0;

		if (hw_reported_average(p, (long)db_res_int(r, i, 2), (long)db_res_int(r, i, 3),
					&avg) &&
		    avg > hw_limit(p, (int)db_res_int(r, i, 0), POLICY_DAY_SCHOOL))
			over += db_res_int(r, i, 1) ? 1 : 100;
	}
	db_res_free(r);
	assert_between(over, 2, 5, "over the limit by reports (school 1; 100 per other school)");
	/* a follow-up in the teacher sign-in's class: three unfinished days */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM hw_followup x JOIN class c ON c.id ="
				   " x.class_id JOIN staff t ON t.id = c.head_teacher_id JOIN users"
				   " u ON u.id = t.user_id WHERE u.username = 'teacher' AND"
				   " x.status = 'open' AND x.unfinished = 3 AND (SELECT COUNT(*)"
				   " FROM hw_report r WHERE r.student_id = x.student_id AND"
				   " r.finished = 0 AND r.day <= x.opened_on) = 3"), 1);
	/* refusals and the plan in school 1 */
	assert_between(scalar(a, "SELECT COUNT(*) FROM hw_refusal WHERE school_id = (SELECT"
				 " MIN(id) FROM school) AND code IN ('HW_DAILY_LIMIT', 'HW_PARENT',"
				 " 'HW_WRITTEN_G12')"), 3, 10, "refusals");
	assert_int_equal(scalar(a, "SELECT COUNT(DISTINCT code) FROM hw_refusal"), 3);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM hw_school WHERE school_id = (SELECT"
				   " MIN(id) FROM school) AND approval = 0 AND length(plan) > 200"),
			 1);
}

/* ---- the after-school service ---- */

/* Every school's current plan passes the core's plan check; evening study
 * only where there are junior grades. */
static void afterschool_plans_pass_the_rules(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->app;
	struct db_res *pl = query(a, "SELECT pl.id, s.kind, s.id FROM as_plan pl JOIN school s ON"
				     " s.id = pl.school_id WHERE pl.current = 1", NULL, 0);

	assert_int_equal(db_res_rows(pl), scalar(a, "SELECT COUNT(*) FROM school"));
	for (int i = 0; i < db_res_rows(pl); i++) {
		struct db_val p[1] = { DB_INT(db_res_int(pl, i, 0)) };
		struct db_res *r = query(a, "SELECT weekday, start_min, end_min, kind FROM"
					    " as_plan_slot WHERE plan_id = ?", p, 1);
		bool g[POLICY_MAX_GRADE + 1] = { false };
		struct as_slot slots[AS_MAX_SLOTS];
		struct as_verdict v;
		int n = db_res_rows(r);

		assert_true(n > 0 && n <= AS_MAX_SLOTS);
		for (int k = 0; k < n; k++) {
			const char *kind = db_res_text(r, k, 3);

			slots[k] = (struct as_slot){ (int)db_res_int(r, k, 0), (int)db_res_int(r, k, 1),
						     (int)db_res_int(r, k, 2),
						     !strcmp(kind, "regular")    ? AS_SLOT_REGULAR
						     : !strcmp(kind, "extended") ? AS_SLOT_EXTENDED
										 : AS_SLOT_EVENING };
		}
		db_res_free(r);
		app_school_grades(db_res_text(pl, i, 1), g);
		struct db_val sp[1] = { DB_INT(db_res_int(pl, i, 2)) };
		struct db_res *dr = query(a, "SELECT weekday, at_min FROM as_dismissal WHERE"
					     " school_id = ? AND at_min IS NOT NULL", sp, 1);
		int at[8] = { -1, -1, -1, -1, -1, -1, -1, -1 };

		for (int k = 0; k < db_res_rows(dr); k++)
			at[db_res_int(dr, k, 0)] = (int)db_res_int(dr, k, 1);
		assert_int_equal(db_res_rows(dr), 5); /* school lets out Monday to Friday */
		db_res_free(dr);
		if (as_plan_check(&a->policy, g, at, slots, n, &v) != 0)
			fail_msg("plan %lld: %s %s", (long long)db_res_int(pl, i, 0), v.code, v.message);
	}
	db_res_free(pl);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_plan_slot x JOIN as_plan pl ON pl.id ="
				   " x.plan_id JOIN school s ON s.id = pl.school_id WHERE x.kind ="
				   " 'evening' AND s.kind = 'primary'"), 0);
	assert_true(scalar(a, "SELECT COUNT(*) FROM as_plan_slot WHERE kind = 'evening'") > 0);
	assert_true(scalar(a, "SELECT COUNT(*) FROM as_plan_slot WHERE kind = 'extended'") >=
		    5 * scalar(a, "SELECT COUNT(*) FROM school"));
}

/* The menu: free, staffed as AS_STAFF_VETTING asks, places kept. */
static void afterschool_menu_is_consistent(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->app;
	struct db_res *g = query(a, "SELECT id FROM as_program", NULL, 0);

	assert_between(scalar(a, "SELECT COUNT(*) FROM as_program WHERE school_id = (SELECT"
				 " MIN(id) FROM school)"), 6, 8, "programs of school 1");
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_program WHERE fee_fen <> 0 OR capacity"
				   " > 100 OR days <> '1,2,3,4,5'"), 0);
	/* admitted within the places */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_program g WHERE (SELECT COUNT(*) FROM"
				   " as_application a WHERE a.program_id = g.id AND a.status ="
				   " 'admitted') > g.capacity"), 0);
	/* own teachers are staff of the program's school; each school has one
	 * vetted professional and one vetted retired teacher */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_program_staff ps JOIN as_program g ON"
				   " g.id = ps.program_id LEFT JOIN staff s ON s.id = ps.staff_id"
				   " WHERE ps.type = 'teacher' AND (s.id IS NULL OR s.school_id <>"
				   " g.school_id OR s.name <> ps.name)"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM school sc WHERE (SELECT COUNT(*) FROM"
				   " as_program_staff ps JOIN as_program g ON g.id = ps.program_id"
				   " WHERE g.school_id = sc.id AND ps.type IN ('retired',"
				   " 'professional')) <> 2"), 0);
	for (int i = 0; i < db_res_rows(g); i++) {
		struct db_val p[1] = { DB_INT(db_res_int(g, i, 0)) };
		struct db_res *r = query(a, "SELECT type, vetting, vetted_on FROM as_program_staff"
					    " WHERE program_id = ?", p, 1);
		struct as_staff st[20];
		struct as_verdict v;
		int n = db_res_rows(r);

		assert_true(n >= 1 && n <= 20);
		for (int k = 0; k < n; k++)
			st[k] = (struct as_staff){ db_res_text(r, k, 0), db_res_text(r, k, 1),
						   db_res_text(r, k, 2) };
		if (as_program_check(0, "", st, n, "2026-11-30", &v) != 0)
			fail_msg("program %lld: %s", (long long)db_res_int(g, i, 0), v.code);
		db_res_free(r);
	}
	db_res_free(g);
	/* the teacher sign-in is on the staff of 作业辅导 for grade 3 */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_program_staff ps JOIN as_program g ON"
				   " g.id = ps.program_id JOIN staff s ON s.id = ps.staff_id JOIN"
				   " users u ON u.id = s.user_id WHERE u.username = 'teacher' AND"
				   " g.category = 'homework' AND g.grades = '3'"), 1);
}

/* Voluntary applications of 60-75% of the children, allocated as the core
 * allocates them. */
static void afterschool_applications(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->app;
	int64_t n = scalar(a, "SELECT COUNT(*) FROM as_application");

	assert_between(n * 100 / scalar(a, "SELECT COUNT(*) FROM student"), 60, 75,
		       "children applying %");
	/* choices of the child's school, term and grade; consent recorded */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_application a JOIN student st ON st.id"
				   " = a.student_id JOIN class c ON c.id = st.class_id JOIN"
				   " as_program g ON g.id IN (a.choice1, a.choice2, a.choice3) WHERE"
				   " g.school_id <> a.school_id OR g.term_id <> a.term_id OR"
				   " (',' || g.grades || ',') NOT LIKE ('%,' || c.grade || ',%')"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_application WHERE consent_at <= 0 OR"
				   " status NOT IN ('admitted', 'waitlisted') OR (extended_care = 1"
				   " AND extended_reason = '')"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_application WHERE (status = 'admitted'"
				   " AND program_id NOT IN (choice1, COALESCE(choice2, 0),"
				   " COALESCE(choice3, 0))) OR (status = 'waitlisted' AND"
				   " (program_id <> choice1 OR position < 1))"), 0);
	assert_between(scalar(a, "SELECT COUNT(*) FROM as_application WHERE status ="
				 " 'waitlisted'") * 1000 / n, 1, 60, "waitlisted per mille");
	assert_between(scalar(a, "SELECT COUNT(*) FROM as_application WHERE extended_care = 1") *
			       1000 / n, 30, 150, "extended care per mille");
	/* the standing consent to go home alone: junior students only */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_application a JOIN student st ON st.id"
				   " = a.student_id JOIN class c ON c.id = st.class_id WHERE"
				   " a.alone_consent = 1 AND c.grade < 7"), 0);
	assert_true(scalar(a, "SELECT COUNT(*) FROM as_application WHERE alone_consent = 1") > 0);
	/* the parent's first child admitted to the teacher's program, the second
	 * with no application and a program of its grade with free places */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM users u JOIN guardian g ON g.user_id ="
				   " u.id JOIN guardian_student gs ON gs.guardian_id = g.id JOIN"
				   " as_application a ON a.student_id = gs.student_id JOIN"
				   " as_program_staff ps ON ps.program_id = a.program_id JOIN staff s"
				   " ON s.id = ps.staff_id JOIN users t ON t.id = s.user_id WHERE"
				   " u.username = 'parent' AND t.username = 'teacher' AND a.status ="
				   " 'admitted'"), 1);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM users u JOIN guardian g ON g.user_id ="
				   " u.id JOIN guardian_student gs ON gs.guardian_id = g.id JOIN"
				   " as_application a ON a.student_id = gs.student_id WHERE"
				   " u.username = 'parent'"), 1);
	assert_true(scalar(a, "SELECT COUNT(*) FROM users u JOIN guardian g ON g.user_id = u.id"
			      " JOIN guardian_student gs ON gs.guardian_id = g.id JOIN student st"
			      " ON st.id = gs.student_id JOIN class c ON c.id = st.class_id JOIN"
			      " as_program p ON p.school_id = st.school_id AND (',' || p.grades ||"
			      " ',') LIKE ('%,' || c.grade || ',%') WHERE u.username = 'parent'"
			      " AND NOT EXISTS (SELECT 1 FROM as_application a WHERE a.student_id ="
			      " st.id) AND p.apply_until >= '2026-11-30' AND (SELECT COUNT(*) FROM"
			      " as_application x WHERE x.program_id = p.id AND x.status ="
			      " 'admitted') < p.capacity") > 0);
}

/* The outcome is what as_allocate gives for the applications in order. */
static void afterschool_allocation_is_the_cores(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->app;
	struct db_res *g = query(a, "SELECT id, capacity FROM as_program WHERE school_id = (SELECT"
				    " MIN(id) FROM school) ORDER BY id", NULL, 0);
	struct db_res *r = query(a, "SELECT choice1, COALESCE(choice2, 0), COALESCE(choice3, 0),"
				    " status, program_id, position FROM as_application WHERE"
				    " school_id = (SELECT MIN(id) FROM school) ORDER BY id", NULL, 0);
	int np = db_res_rows(g), n = db_res_rows(r), cap[16];
	struct as_app *apps = calloc((size_t)n + 1, sizeof *apps);

	assert_non_null(apps);
	assert_true(np <= 16);
	for (int i = 0; i < np; i++)
		cap[i] = (int)db_res_int(g, i, 1);
	for (int i = 0; i < n; i++)
		for (int k = 0; k < AS_MAX_CHOICES; k++) {
			apps[i].choice[k] = -1;
			for (int j = 0; j < np; j++)
				if (db_res_int(g, j, 0) == db_res_int(r, i, k))
					apps[i].choice[k] = j;
		}
	as_allocate(apps, n, cap, np);
	for (int i = 0; i < n; i++) {
		int p = apps[i].admitted >= 0 ? apps[i].admitted : apps[i].waitlisted;

		assert_string_equal(db_res_text(r, i, 3),
				    apps[i].admitted >= 0 ? "admitted" : "waitlisted");
		assert_int_equal(db_res_int(r, i, 4), db_res_int(g, p, 0));
		assert_int_equal(db_res_int(r, i, 5), apps[i].position);
	}
	free(apps);
	db_res_free(g);
	db_res_free(r);
}

/* Sessions on school days; the past ones recorded, attendance of enrolled
 * children only, every present child handed over as the rules allow. */
static void afterschool_sessions_and_handover(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->app;
	struct db_res *r;
	int64_t att = scalar(a, "SELECT COUNT(*) FROM as_attendance");

	/* 10 school days before the pinned Monday, it and 10 after */
	assert_int_equal(scalar(a, "SELECT COUNT(DISTINCT day) FROM as_session"), 21);
	assert_int_equal(scalar(a, "SELECT MIN(day) = '2026-11-16' AND MAX(day) = '2026-12-14'"
				   " FROM as_session"), 1);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_session WHERE (day < '2026-11-30') <>"
				   " (recorded_at IS NOT NULL)"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_session WHERE recorded_at IS NOT NULL"
				   " AND (content = '' OR form = '' OR no_new_lesson <> 1)"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_session s JOIN as_program g ON g.id ="
				   " s.program_id WHERE s.start_min <> g.start_min OR s.end_min <>"
				   " g.end_min OR s.school_id <> g.school_id"), 0);
	/* no attendance for a child not admitted to the program */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_attendance x JOIN as_session s ON s.id"
				   " = x.session_id WHERE NOT EXISTS (SELECT 1 FROM as_application a"
				   " WHERE a.student_id = x.student_id AND a.program_id ="
				   " s.program_id AND a.status = 'admitted')"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_session s WHERE s.recorded_at IS NOT"
				   " NULL AND (SELECT COUNT(*) FROM as_attendance x WHERE"
				   " x.session_id = s.id) <> (SELECT COUNT(*) FROM as_application a"
				   " WHERE a.program_id = s.program_id AND a.status = 'admitted')"), 0);
	assert_between(scalar(a, "SELECT COUNT(*) FROM as_attendance WHERE status = 'present'") *
			       1000 / att, 900, 960, "present per mille");
	/* handover: only and always for present children; a guardian of that
	 * child; alone only with the consent; extended only when asked for */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_attendance WHERE (status ="
				   " 'present') <> (handover <> '') OR (handover = 'guardian') <>"
				   " (guardian_id IS NOT NULL)"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_attendance x WHERE x.handover ="
				   " 'guardian' AND NOT EXISTS (SELECT 1 FROM guardian_student gs"
				   " WHERE gs.guardian_id = x.guardian_id AND gs.student_id ="
				   " x.student_id)"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_attendance x JOIN as_session s ON s.id"
				   " = x.session_id JOIN as_application a ON a.student_id ="
				   " x.student_id AND a.program_id = s.program_id WHERE (x.handover ="
				   " 'alone' AND a.alone_consent = 0) OR (x.handover = 'extended' AND"
				   " a.extended_care = 0)"), 0);
	assert_true(scalar(a, "SELECT COUNT(*) FROM as_attendance WHERE handover = 'guardian'") >
		    att * 7 / 10);
	assert_true(scalar(a, "SELECT COUNT(*) FROM as_attendance WHERE handover = 'alone'") > 0);
	assert_true(scalar(a, "SELECT COUNT(*) FROM as_attendance WHERE handover = 'extended'") > 0);
	/* AS_NO_NEW_LESSON: the flag is the core's word for the content; one
	 * session flagged, in school 1 */
	r = query(a, "SELECT content, flagged FROM as_session WHERE recorded_at IS NOT NULL", NULL,
		  0);
	for (int i = 0; i < db_res_rows(r); i++) {
		const char *kw = as_new_lesson_keyword(&a->policy, db_res_text(r, i, 0));

		assert_string_equal(db_res_text(r, i, 1), kw ? kw : "");
	}
	db_res_free(r);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_session WHERE flagged <> '' AND"
				   " school_id = (SELECT MIN(id) FROM school)"), 1);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_session WHERE flagged <> ''"), 1);
	/* the teacher's session today: there, not recorded, nobody signed in */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_session s JOIN as_program_staff ps ON"
				   " ps.program_id = s.program_id JOIN staff t ON t.id = ps.staff_id"
				   " JOIN users u ON u.id = t.user_id WHERE u.username = 'teacher'"
				   " AND s.day = '2026-11-30' AND s.recorded_at IS NULL AND NOT EXISTS"
				   " (SELECT 1 FROM as_attendance x WHERE x.session_id = s.id)"), 1);
}

/* Records for inspection: homework done in 作业辅导, one incident, the venue
 * checks, and the kept counters equal to the records. */
static void afterschool_records_and_counters(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->app;
	int64_t asked = scalar(a, "SELECT COUNT(*) FROM as_attendance WHERE homework_done IS NOT"
				  " NULL");

	/* homework_done only for present children of 作业辅导, about 85% done */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_attendance x JOIN as_session s ON s.id"
				   " = x.session_id JOIN as_program g ON g.id = s.program_id WHERE"
				   " (x.homework_done IS NOT NULL) <> (x.status = 'present' AND"
				   " g.category = 'homework')"), 0);
	assert_true(asked > 0);
	assert_between(scalar(a, "SELECT COUNT(*) FROM as_attendance WHERE homework_done = 1") *
			       100 / asked, 80, 90, "homework done %");
	/* one incident, in school 1, about a child present at that session */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_incident"), 1);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_incident i JOIN as_session s ON s.id ="
				   " i.session_id JOIN as_attendance x ON x.session_id = s.id AND"
				   " x.student_id = i.student_id WHERE x.status = 'present' AND"
				   " s.recorded_at IS NOT NULL AND s.school_id = i.school_id AND"
				   " i.school_id = (SELECT MIN(id) FROM school)"), 1);
	/* AS_VENUE_CHECK: every venue passed a check in the last 30 days but
	 * one of school 1 (the principal's), where one check also failed */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM (SELECT DISTINCT g.school_id, g.venue FROM"
				   " as_program g) v"
				   " WHERE NOT EXISTS (SELECT 1 FROM as_safety_check k WHERE"
				   " k.school_id = v.school_id AND k.venue = v.venue AND k.passed = 1"
				   " AND k.day >= '2026-10-31')"), 1);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM (SELECT DISTINCT g.school_id, g.venue FROM"
				   " as_program g WHERE g.school_id = (SELECT MIN(id) FROM school)) v"
				   " WHERE NOT EXISTS (SELECT 1 FROM as_safety_check k WHERE"
				   " k.school_id = v.school_id AND k.venue = v.venue AND k.passed = 1"
				   " AND k.day >= '2026-10-31')"), 1);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_safety_check WHERE passed = 0 AND"
				   " school_id = (SELECT MIN(id) FROM school)"), 1);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_safety_check WHERE day > '2026-11-30'"
				   " OR (passed = 0) <> (issues <> '') OR passed <> (exits * fire *"
				   " electrical * facilities * hygiene)"), 0);
	/* the counters kept beside the records equal a recount */
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_session s WHERE n_att <> (SELECT"
				   " COUNT(*) FROM as_attendance x WHERE x.session_id = s.id) OR"
				   " n_present <> (SELECT COUNT(*) FROM as_attendance x WHERE"
				   " x.session_id = s.id AND x.status = 'present') OR n_hw_done <>"
				   " (SELECT COUNT(*) FROM as_attendance x WHERE x.session_id = s.id"
				   " AND x.homework_done = 1)"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_school_term t WHERE t_applied <>"
				   " (SELECT COUNT(*) FROM as_application a WHERE a.school_id ="
				   " t.school_id AND a.term_id = t.term_id) OR t_admitted <> (SELECT"
				   " COUNT(*) FROM as_application a WHERE a.school_id = t.school_id"
				   " AND a.status = 'admitted') OR t_att <> (SELECT COUNT(*) FROM"
				   " as_attendance x JOIN as_session s ON s.id = x.session_id WHERE"
				   " s.school_id = t.school_id) OR t_recorded <> (SELECT COUNT(*) FROM"
				   " as_session s WHERE s.school_id = t.school_id AND s.recorded_at IS"
				   " NOT NULL) OR t_incidents <> (SELECT COUNT(*) FROM as_incident i"
				   " WHERE i.school_id = t.school_id)"), 0);
	assert_int_equal(scalar(a, "SELECT COUNT(*) FROM as_school_term"),
			 scalar(a, "SELECT COUNT(*) FROM school"));
}

/* ---- the same seed, the same district ---- */

/* Every student as "学籍号 姓名 班级 性别 学校", in import order, one string. */
static char *fingerprint(struct app *a)
{
	struct db_res *r = query(a, "SELECT s.registry_no || ' ' || s.name || ' ' ||"
				    " c.code || ' ' || s.gender || ' ' || sc.code"
				    " FROM student s JOIN class c ON c.id = s.class_id"
				    " JOIN school sc ON sc.id = s.school_id"
				    " ORDER BY s.id", NULL, 0);
	size_t cap = 64, len = 0;
	char *out = malloc(cap);

	assert_non_null(out);
	out[0] = '\0';
	for (int i = 0; i < db_res_rows(r); i++) {
		const char *t = db_res_text(r, i, 0);
		size_t n = strlen(t);

		if (len + n + 2 > cap) {
			cap = (len + n + 2) * 2;
			out = realloc(out, cap);
			assert_non_null(out);
		}
		memcpy(out + len, t, n);
		len += n;
		out[len++] = '\n';
		out[len] = '\0';
	}
	db_res_free(r);
	return out;
}

static char *demo_fingerprint(const char *dir, const char *file, int schools, unsigned seed)
{
	struct app a;
	char path[160], *fp;

	snprintf(path, sizeof path, "%s/%s", dir, file);
	assert_int_equal(open_app(&a, path), 0);
	if (make_demo(&a, schools, seed) != 0) {
		app_close(&a);
		fail_msg("demo %s failed", file);
	}
	fp = fingerprint(&a);
	app_close(&a);
	return fp;
}

static void same_seed_same_district(void **state)
{
	struct fx *f = *state;
	char *one = fingerprint(&f->app);
	char *again = demo_fingerprint(f->dir, "again.db", 0, 1);
	char *other = demo_fingerprint(f->dir, "other.db", 0, 2);

	assert_true(strlen(one) > 100000);
	assert_string_equal(one, again);
	assert_true(strcmp(one, other) != 0);
	free(one);
	free(again);
	free(other);
}

/* --schools N: exactly N schools, and the sign-ins still find their places. */
static void explicit_school_count(void **state)
{
	struct fx *f = *state;
	struct app a;
	char path[160];

	snprintf(path, sizeof path, "%s/three.db", f->dir);
	assert_int_equal(open_app(&a, path), 0);
	if (make_demo(&a, 3, 7) != 0) {
		app_close(&a);
		fail_msg("demo three.db failed");
	}
	assert_int_equal(scalar(&a, "SELECT COUNT(*) FROM school"), 3);
	assert_int_equal(scalar(&a, "SELECT COUNT(DISTINCT gs.student_id) FROM users u JOIN"
				    " guardian g ON g.user_id = u.id JOIN guardian_student gs ON"
				    " gs.guardian_id = g.id WHERE u.username = 'parent'"), 2);
	assert_int_equal(scalar(&a, "SELECT COUNT(*) FROM users u JOIN staff s ON s.user_id ="
				    " u.id WHERE u.username = 'teacher'"), 1);
	app_close(&a);
}

/* HW_REPORT_DATE: made on the third day of a term, the demo's homework
 * window reaches back into the last term, but its parents report only days
 * of the term in force (from its first day to today). */
static void reports_early_in_term(void **state)
{
	struct fx *f = *state;
	struct app a;
	char path[160];
	int rc;

	snprintf(path, sizeof path, "%s/september.db", f->dir);
	assert_int_equal(open_app(&a, path), 0);
	time_pin((int64_t)20699 * 86400 + 4 * 3600); /* 2026-09-03, 12:00 in the district */
	rc = make_demo(&a, 2, 3);
	time_pin(0);
	if (rc != 0) {
		app_close(&a);
		fail_msg("demo september.db failed");
	}
	assert_true(scalar(&a, "SELECT COUNT(*) FROM homework WHERE assigned_on < '2026-09-01'") > 0);
	assert_int_equal(scalar(&a, "SELECT COUNT(*) FROM hw_report WHERE day < '2026-09-01'"
				    " OR day > '2026-09-03'"), 0);
	assert_true(scalar(&a, "SELECT COUNT(*) FROM hw_report WHERE day >= '2026-09-01'") > 0);
	app_close(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counts_in_range),
		cmocka_unit_test(every_school_has_its_grades),
		cmocka_unit_test(every_class_is_full_and_led),
		cmocka_unit_test(students_and_guardians),
		cmocka_unit_test(principal_and_teacher_are_linked),
		cmocka_unit_test(staff_accounts_sign_in),
		cmocka_unit_test(guardian_accounts),
		cmocka_unit_test(parent_has_two_children),
		cmocka_unit_test(every_demo_user_signs_in),
		cmocka_unit_test(calendar_2026),
		cmocka_unit_test(homework_is_consistent),
		cmocka_unit_test(homework_posters_hold_their_items),
		cmocka_unit_test(teacher_cannot_change_other_schools),
		cmocka_unit_test(homework_reports_and_views),
		cmocka_unit_test(afterschool_plans_pass_the_rules),
		cmocka_unit_test(afterschool_menu_is_consistent),
		cmocka_unit_test(afterschool_applications),
		cmocka_unit_test(afterschool_allocation_is_the_cores),
		cmocka_unit_test(afterschool_sessions_and_handover),
		cmocka_unit_test(afterschool_records_and_counters),
		cmocka_unit_test(same_seed_same_district),
		cmocka_unit_test(explicit_school_count),
		cmocka_unit_test(reports_early_in_term),
		cmocka_unit_test(refuses_a_store_with_users),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
