/* test_health.c - activity, fitness and vision (core/health.h, app_health.h)
 * on both sides of each number: PE 59/60/61 minutes (MG_PE_DAILY), eye
 * exercises 1/2 (MG_EYE_EXERCISES), vision 2.9/3.0/5.3/5.4 and the myopia
 * line 4.9/5.0 (MG_VISION_SCREENING), fitness 59.9/60, 89.9/90, 120/120.1
 * (MG_FITNESS); the pack's new parameters and their checks; and on a demo
 * district: a refusal or a failed write stores nothing, a replacement keeps
 * history, another school's class or student is not found.
 * Run from the repository root (loads policy/xinrong-2021.json). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_health.h"
#include "core/health.h"
#include "demo_fixture.h"
#include "util/timeutil.h"

#include <stdlib.h>

#define PACK "policy/xinrong-2021.json"
#define TODAY 1795147200 /* 2026-11-20 12:00 in the district (a Friday) */

static struct policy P;
static struct actor T, PR, AD; /* the teacher (heads my_class), school 1's principal, admin */
static int64_t other_class, other_student, my_student, my_class;

static int setup(void **state)
{
	char err[512];

	(void)state;
	if (policy_load_file(PACK, &P, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	time_pin(TODAY);
	fx_open("health", "health-test-pass-2026!", 2);
	fx_actor("teacher", &T);
	fx_actor("principal", &PR);
	fx_actor("admin", &AD);
	other_class = fx_scalar("SELECT MIN(id) FROM class WHERE school_id <> 1");
	other_student = fx_scalar("SELECT MIN(id) FROM student WHERE school_id <> 1");
#define MY_CLASS                                                                          \
	"(SELECT c.id FROM class c JOIN staff s ON s.id = c.head_teacher_id"                \
	" JOIN users u ON u.id = s.user_id WHERE u.username = 'teacher')"
	my_class = fx_scalar("SELECT " MY_CLASS);
	my_student = fx_scalar("SELECT MIN(id) FROM student WHERE class_id = " MY_CLASS);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fx_close();
	policy_free(&P);
	time_pin(0);
	return 0;
}

/* ---- core ---- */

static void day(int pe, int bb, int other, int eye, struct he_day_verdict *v)
{
	he_check_day(&P, &(struct he_day){ pe, bb, other, eye }, v);
}

/* MG_PE_DAILY: B28.1, PE + big break + other activity summed */
static void test_pe_daily(void **state)
{
	struct he_day_verdict v;

	(void)state;
	assert_int_equal(P.pe_daily_minutes, 60);
	day(40, 19, 0, 2, &v);
	assert_int_equal(v.minutes, 59);
	assert_true(v.pe_short);
	day(40, 20, 0, 2, &v);
	assert_false(v.pe_short);
	day(40, 20, 1, 2, &v);
	assert_int_equal(v.minutes, 61);
	assert_false(v.pe_short);
	day(0, 30, 29, 2, &v); /* other activity counts too */
	assert_true(v.pe_short);
	day(0, 30, 30, 2, &v);
	assert_false(v.pe_short);
}

/* MG_EYE_EXERCISES: B28.1 */
static void test_eye_exercises(void **state)
{
	struct he_day_verdict v;

	(void)state;
	day(60, 0, 0, 1, &v);
	assert_true(v.eye_short);
	day(60, 0, 0, 2, &v);
	assert_false(v.eye_short);
	assert_false(v.pe_short);
}

static int tenths_of(double x)
{
	int t = -1;

	assert_int_equal(he_tenths(x, &t), 0);
	return t;
}

/* MG_VISION_SCREENING: B22.3, the 5-point scale 3.0-5.3 and the line 5.0 */
static void test_vision_scale(void **state)
{
	int t;

	(void)state;
	assert_false(he_vision_ok(&P, tenths_of(2.9)));
	assert_true(he_vision_ok(&P, tenths_of(3.0)));
	assert_true(he_vision_ok(&P, tenths_of(5.3)));
	assert_false(he_vision_ok(&P, tenths_of(5.4)));
	assert_int_equal(he_tenths(4.95, &t), -1); /* two decimals */
	assert_true(he_poor_vision(&P, tenths_of(4.9), 50, false));
	assert_true(he_poor_vision(&P, 50, tenths_of(4.9), false));
	assert_false(he_poor_vision(&P, tenths_of(5.0), tenths_of(5.0), false));
	assert_true(he_poor_vision(&P, 52, 52, true)); /* corrected */
}

/* MG_VISION_SCREENING: two a term, the first due by its middle */
static void test_screenings_due(void **state)
{
	int64_t s, e;

	(void)state;
	assert_int_equal(date_parse("2026-09-01", &s), 0);
	assert_int_equal(date_parse("2026-09-10", &e), 0); /* 10 days */
	assert_int_equal(he_screenings_due(s, e, s - 1, 2), 0);
	assert_int_equal(he_screenings_due(s, e, s + 3, 2), 0); /* day 4 */
	assert_int_equal(he_screenings_due(s, e, s + 4, 2), 1); /* day 5: the middle */
	assert_int_equal(he_screenings_due(s, e, e - 1, 2), 1);
	assert_int_equal(he_screenings_due(s, e, e, 2), 2);
	assert_int_equal(he_screenings_due(s, e, e + 30, 2), 2);
	assert_int_equal(he_screenings_due(s, e, e, 0), 0);
}

static int cell_tenths(const char *s)
{
	int t = -1;

	return he_tenths_text(s, &t) == 0 ? t : -1;
}

/* MG_FITNESS: B28.4, 0-120 with the bonus; 优秀 90, 良好 80, 及格 60 */
static void test_fitness(void **state)
{
	(void)state;
	assert_int_equal(he_fitness_level(&P, cell_tenths("59.9")), HE_FAIL);
	assert_int_equal(he_fitness_level(&P, cell_tenths("60")), HE_PASS);
	assert_int_equal(he_fitness_level(&P, cell_tenths("79.9")), HE_PASS);
	assert_int_equal(he_fitness_level(&P, cell_tenths("80.0")), HE_GOOD);
	assert_int_equal(he_fitness_level(&P, cell_tenths("89.9")), HE_GOOD);
	assert_int_equal(he_fitness_level(&P, cell_tenths("90")), HE_EXCELLENT);
	assert_true(he_fitness_ok(&P, cell_tenths("0")));
	assert_true(he_fitness_ok(&P, cell_tenths("120")));
	assert_false(he_fitness_ok(&P, cell_tenths("120.1")));
	assert_false(he_fitness_ok(&P, -1));
	assert_string_equal(he_level_name(HE_GOOD), "良好");
	assert_int_equal(he_level_parse("fail"), HE_FAIL);
	assert_int_equal(he_level_parse("bad"), -1);
}

static void test_cells(void **state)
{
	(void)state;
	assert_int_equal(cell_tenths("89.9"), 899);
	assert_int_equal(cell_tenths("120.0"), 1200);
	assert_int_equal(cell_tenths(""), -1);
	assert_int_equal(cell_tenths("abc"), -1);
	assert_int_equal(cell_tenths("-1"), -1);
	assert_int_equal(cell_tenths("1."), -1);
	assert_int_equal(cell_tenths(".5"), -1);
	assert_int_equal(cell_tenths("1.2.3"), -1);
	assert_int_equal(cell_tenths("89.95"), -1);
	assert_int_equal(cell_tenths("9 0"), -1);
}

/* ---- the pack's parameters ---- */

static int parse_with(const char *path, json_t *val, char *err, size_t n)
{
	json_error_t je;
	json_t *root = json_load_file(PACK, 0, &je), *params;
	struct policy p;
	char *s;
	int rc;

	assert_non_null(root);
	params = json_object_get(json_object_get(json_object_get(root, "rules"), path), "params");
	assert_non_null(params);
	json_object_set_new(params, "__key__", json_null());
	json_object_del(params, "__key__");
	if (val)
		json_object_update(params, val);
	json_decref(val);
	s = json_dumps(root, 0);
	rc = policy_parse(s, strlen(s), PACK, &p, err, n);
	if (rc == 0)
		policy_free(&p);
	free(s);
	json_decref(root);
	return rc;
}

static void test_pack(void **state)
{
	char err[512];

	(void)state;
	assert_int_equal(P.vision_min_tenths, 30);
	assert_int_equal(P.vision_max_tenths, 53);
	assert_int_equal(P.vision_myopia_below_tenths, 50);
	assert_int_equal(P.fitness_max_tenths, 1200);
	assert_int_equal(P.fitness_excellent_tenths, 900);
	assert_int_equal(P.fitness_good_tenths, 800);
	assert_int_equal(P.fitness_pass_tenths, 600);
	assert_int_equal(parse_with("MG_VISION_SCREENING", json_pack("{s:f}", "scale_min", 3.05),
				    err, sizeof err), -1);
	assert_non_null(strstr(err, "rules.MG_VISION_SCREENING.params.scale_min"));
	assert_int_equal(parse_with("MG_VISION_SCREENING", json_pack("{s:f}", "myopia_below", 5.4),
				    err, sizeof err), -1);
	assert_non_null(strstr(err, "myopia_below"));
	assert_int_equal(parse_with("MG_VISION_SCREENING", json_pack("{s:s}", "scale_max", "5.3"),
				    err, sizeof err), -1);
	assert_int_equal(parse_with("MG_FITNESS", json_pack("{s:i}", "good", 95), err, sizeof err),
			 -1); /* above excellent */
	assert_non_null(strstr(err, "rules.MG_FITNESS.params.good"));
	assert_int_equal(parse_with("MG_FITNESS", json_pack("{s:i}", "extra", 1), err, sizeof err),
			 -1);
	assert_non_null(strstr(err, "未知字段"));
	assert_int_equal(parse_with("MG_FITNESS", json_pack("{s:i}", "max_total", 100), err,
				    sizeof err), 0);
}

/* ---- on the demo district ---- */

struct snap {
	int64_t activity, live, fitness, vision, audit;
};

static void snap(struct snap *s)
{
	s->activity = fx_scalar("SELECT COUNT(*) FROM he_activity");
	s->live = fx_scalar("SELECT COUNT(*) FROM he_activity WHERE withdrawn = 0");
	s->fitness = fx_scalar("SELECT COUNT(*) FROM he_fitness");
	s->vision = fx_scalar("SELECT COUNT(*) FROM he_vision");
	s->audit = fx_scalar("SELECT COUNT(*) FROM audit");
}

static void same(const struct snap *a, const struct snap *b)
{
	assert_memory_equal(a, b, sizeof *a);
}

static int put(const struct actor *who, int64_t class_id, const char *body_text, json_t **out,
	       struct app_err *e)
{
	json_t *body = json_loads(body_text, 0, NULL);
	int rc;

	assert_non_null(body);
	*out = NULL;
	rc = app_health_activity_put(&fx_app, who, class_id, body, out, e);
	json_decref(body);
	return rc;
}

static void test_activity(void **state)
{
	struct app_err e = { 0 };
	struct snap s0, s1;
	json_t *out = NULL;

	(void)state;
	snap(&s0);
	/* 59 minutes and one eye exercise: stored, both flagged */
	assert_int_equal(put(&T, my_class, "{\"date\":\"2026-11-19\",\"pe_minutes\":40,"
			     "\"big_break_minutes\":19,\"eye_exercises\":1}", &out, &e), 0);
	assert_int_equal(json_array_size(json_object_get(json_object_get(out, "item"), "flags")), 2);
	json_decref(out);
	/* the same day again, 60 and 2: replaces it, the old row kept */
	assert_int_equal(put(&T, my_class, "{\"date\":\"2026-11-19\",\"pe_minutes\":40,"
			     "\"big_break_minutes\":20,\"eye_exercises\":2}", &out, &e), 0);
	assert_true(json_is_true(json_object_get(json_object_get(out, "item"), "replaced")));
	assert_int_equal(json_array_size(json_object_get(json_object_get(out, "item"), "flags")), 0);
	json_decref(out);
	snap(&s1);
	assert_int_equal(s1.activity, s0.activity + 2);
	assert_int_equal(s1.live, s0.live); /* the demo had recorded that day: replaced twice */
	assert_int_equal(s1.audit, s0.audit + 2);
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM he_activity WHERE day = '2026-11-19'"
				   " AND withdrawn = 0 AND class_id = " MY_CLASS), 1);
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM he_activity WHERE day = '2026-11-19'"
				   " AND class_id = " MY_CLASS), 3);
	/* refusals store nothing: last Saturday, Monday next, another school's class */
	snap(&s0);
	assert_int_equal(put(&T, my_class, "{\"date\":\"2026-11-14\",\"pe_minutes\":60,"
			     "\"big_break_minutes\":0,\"eye_exercises\":2}", &out, &e), -1);
	assert_string_equal(e.code, "HE_NOT_SCHOOL_DAY");
	app_err_clear(&e);
	assert_int_equal(put(&T, my_class, "{\"date\":\"2026-11-23\",\"pe_minutes\":60,"
			     "\"big_break_minutes\":0,\"eye_exercises\":2}", &out, &e), -1);
	assert_string_equal(e.code, "HE_DATE_FUTURE");
	app_err_clear(&e);
	assert_int_equal(put(&PR, other_class, "{\"date\":\"2026-11-19\",\"pe_minutes\":60,"
			     "\"big_break_minutes\":0,\"eye_exercises\":2}", &out, &e), -1);
	assert_int_equal(e.status, 404);
	app_err_clear(&e);
	assert_int_equal(put(&AD, my_class, "{\"date\":\"2026-11-19\",\"pe_minutes\":60,"
			     "\"big_break_minutes\":0,\"eye_exercises\":2}", &out, &e), -1);
	assert_int_equal(e.status, 404); /* the bureau reads, schools record */
	app_err_clear(&e);
	snap(&s1);
	same(&s0, &s1);
}

static int screen(const struct actor *who, int64_t student, const char *left, json_t **out,
		  struct app_err *e)
{
	char text[256];
	json_t *body;
	int rc;

	snprintf(text, sizeof text, "{\"student_id\":%lld,\"date\":\"2026-11-16\",\"left\":%s,"
		 "\"right\":5.0}", (long long)student, left);
	body = json_loads(text, 0, NULL);
	assert_non_null(body);
	*out = NULL;
	rc = app_health_vision_add(&fx_app, who, body, out, e);
	json_decref(body);
	return rc;
}

static void test_vision(void **state)
{
	static const char *const refused[] = { "2.9", "5.4", "4.95", "\"4.8\"", NULL };
	struct app_err e = { 0 };
	struct snap s0, s1;
	json_t *out = NULL;

	(void)state;
	snap(&s0);
	for (int i = 0; refused[i]; i++) {
		assert_int_equal(screen(&T, my_student, refused[i], &out, &e), -1);
		if (i < 2) {
			assert_string_equal(e.code, "MG_VISION_SCREENING");
			assert_string_equal(json_string_value(json_object_get(e.details, "clause")),
					    "B22.3");
		}
		app_err_clear(&e);
	}
	assert_int_equal(screen(&PR, other_student, "4.8", &out, &e), -1);
	assert_int_equal(e.status, 404);
	app_err_clear(&e);
	snap(&s1);
	same(&s0, &s1);
	assert_int_equal(screen(&T, my_student, "3.0", &out, &e), 0);
	assert_true(json_is_true(json_object_get(json_object_get(out, "item"), "poor_vision")));
	json_decref(out);
	assert_int_equal(screen(&T, my_student, "5.3", &out, &e), 0);
	assert_false(json_is_true(json_object_get(json_object_get(out, "item"), "poor_vision")));
	json_decref(out);
	snap(&s1);
	assert_int_equal(s1.vision, s0.vision + 2);
}

/* A fitness file: header and rows, the student's own registry number and
 * name from the roster where the row says "@". */
static int import_rows(const struct actor *who, const char *const *totals, int n, bool dry,
		       json_t **out, struct app_err *e)
{
	struct app_err ign = { 0 };
	struct db *db = app_db_get(&fx_app, &ign);
	struct db_res *r = NULL;
	struct db_err dbe = { 0 };
	struct db_val p[2] = { DB_INT(my_class), DB_INT(n) };
	struct table t = { 0 };
	char file[4096], err[256];
	size_t used;
	int rc;

	assert_non_null(db);
	assert_int_equal(db_exec(db, "SELECT s.registry_no, s.name, c.grade FROM student s"
				 " JOIN class c ON c.id = s.class_id WHERE s.class_id = ?"
				 " ORDER BY s.id LIMIT ?", p, 2, &r, &dbe), 0);
	app_db_put(&fx_app, db);
	used = (size_t)snprintf(file, sizeof file, "学籍号,姓名,年级,总分,性别\n");
	for (int i = 0; i < n && i < db_res_rows(r); i++)
		used += (size_t)snprintf(file + used, sizeof file - used, "%s,%s,%s,%s,男\n",
					 db_res_text(r, i, 0), db_res_text(r, i, 1),
					 db_res_text(r, i, 2), totals[i]);
	db_res_free(r);
	assert_int_equal(table_parse(file, used, &t, err, sizeof err), 0);
	*out = NULL;
	rc = app_health_fitness_import(&fx_app, who, &t, NULL, dry, out, e);
	table_free(&t);
	return rc;
}

static void test_fitness_import(void **state)
{
	static const char *const bad[] = { "59.9", "120.1", "60", "abc" };
	static const char *const good[] = { "59.9", "60", "89.9", "90", "120" };
	struct app_err e = { 0 };
	struct snap s0, s1;
	json_t *out = NULL, *lv;

	(void)state;
	snap(&s0);
	assert_int_equal(import_rows(&PR, bad, 4, false, &out, &e), -1);
	assert_string_equal(e.code, "MG_FITNESS");
	assert_int_equal(json_integer_value(json_object_get(e.details, "error_rows")), 2);
	assert_int_equal(json_integer_value(json_object_get(
				 json_array_get(json_object_get(e.details, "errors"), 0), "line")),
			 3); /* the second data row */
	app_err_clear(&e);
	assert_int_equal(import_rows(&PR, good, 5, true, &out, &e), 0); /* dry run */
	json_decref(out);
	snap(&s1);
	same(&s0, &s1);
	assert_int_equal(import_rows(&PR, good, 5, false, &out, &e), 0);
	lv = json_object_get(out, "levels");
	assert_int_equal(json_integer_value(json_object_get(lv, "fail")), 1);
	assert_int_equal(json_integer_value(json_object_get(lv, "pass")), 1);
	assert_int_equal(json_integer_value(json_object_get(lv, "good")), 1);
	assert_int_equal(json_integer_value(json_object_get(lv, "excellent")), 2);
	assert_string_equal(json_string_value(json_array_get(json_object_get(out,
			    "ignored_columns"), 0)), "性别");
	json_decref(out);
	snap(&s1);
	assert_int_equal(s1.fitness, s0.fitness + 5);
	assert_int_equal(s1.audit, s0.audit + 1);
	/* imported again: replaced, the old rows kept */
	assert_int_equal(import_rows(&PR, good, 5, false, &out, &e), 0);
	assert_int_equal(json_integer_value(json_object_get(out, "updated")), 5);
	json_decref(out);
	snap(&s0);
	assert_int_equal(s0.fitness, s1.fitness + 5);
}

/* A failed write (each statement in turn) stores nothing. */
static void test_faults(void **state)
{
	struct app_err e = { 0 };
	struct snap s0, s1;
	json_t *out = NULL;
	int failures = 0;

	(void)state;
	for (int k = 1; k < 30; k++) {
		int rc;

		snap(&s0);
		db_fail_after(k);
		rc = put(&T, my_class, "{\"date\":\"2026-11-18\",\"pe_minutes\":45,"
			 "\"big_break_minutes\":30,\"eye_exercises\":2}", &out, &e);
		db_fail_after(0);
		snap(&s1);
		json_decref(out);
		if (rc != 0) {
			failures++;
			assert_true(e.status >= 500);
			same(&s0, &s1);
			app_err_clear(&e);
		} else {
			assert_int_equal(s1.activity, s0.activity + 1);
		}
	}
	assert_true(failures > 0);
}

static void test_figures(void **state)
{
	struct app_err e = { 0 };
	json_t *out = json_object(), *act, *fit, *vis;

	(void)state;
	assert_int_equal(app_health_figures(&fx_app, &PR, 1, 0, out, &e), 0);
	act = json_object_get(out, "activity");
	fit = json_object_get(out, "fitness");
	vis = json_object_get(out, "vision");
	assert_non_null(act);
	assert_non_null(fit);
	assert_non_null(vis);
	assert_true(json_integer_value(json_object_get(act, "class_days")) > 0);
	assert_true(json_integer_value(json_object_get(fit, "tested")) >= 5);
	assert_int_equal(json_integer_value(json_object_get(vis, "per_term")), 2);
	assert_int_equal(json_integer_value(json_object_get(vis, "due_now")), 1);
	json_decref(out);
	out = json_object();
	assert_int_equal(app_health_figures(&fx_app, &PR, 2, 0, out, &e), -1);
	assert_int_equal(e.status, 404);
	app_err_clear(&e);
	assert_int_equal(app_health_figures(&fx_app, &PR, 1, 999, out, &e), -1);
	assert_int_equal(e.status, 422);
	app_err_clear(&e);
	json_decref(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pe_daily),
		cmocka_unit_test(test_eye_exercises),
		cmocka_unit_test(test_vision_scale),
		cmocka_unit_test(test_screenings_due),
		cmocka_unit_test(test_fitness),
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_pack),
		cmocka_unit_test(test_activity),
		cmocka_unit_test(test_vision),
		cmocka_unit_test(test_fitness_import),
		cmocka_unit_test(test_faults),
		cmocka_unit_test(test_figures),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
