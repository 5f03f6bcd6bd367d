/* test_exam.c - exams (core/exam.h, app/app_exam.h, demo/demo_exams.h):
 * each rule on both sides of its number with the district's pack
 * (EX_G12_PAPER grade 2 / 3, EX_FINAL_ONCE 1 / 2 finals, EX_MIDTERM junior
 * 1 / 2 and primary 0 / 1, the term's first and last day against the days
 * outside, EX_FORBIDDEN_KIND), the pack's numbers moved, levels
 * (EX_NO_RANKING), curriculum subjects by grade; then the use cases on a
 * demo: a refusal stores nothing, scope, withdrawal frees the count,
 * results only as counts, a failed write at any step stores nothing.
 * Run from the repository root (loads policy/xinrong-2021.json). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_exam.h"
#include "core/exam.h"
#include "demo_fixture.h"

#include <stdio.h>
#include <stdlib.h>
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

static const char *check(int grade, const char *kind, const char *form, const char *date,
			 int same_kind)
{
	struct ex_plan x = { grade, kind, form, date, "2026-09-01", "2027-01-22", same_kind };
	static struct ex_verdict v;

	return ex_plan_check(&P, &x, &v) ? v.code : NULL;
}

/* EX_G12_PAPER: 五(四)4 小学一、二年级不进行纸笔考试 */
static void test_g12_paper(void **state)
{
	(void)state;
	assert_string_equal(check(2, "final", "paper", "2027-01-15", 0), "EX_G12_PAPER");
	assert_string_equal(check(1, "final", "paper", "2027-01-15", 0), "EX_G12_PAPER");
	assert_null(check(3, "final", "paper", "2027-01-15", 0));
	assert_null(check(2, "final", "non_paper", "2027-01-15", 0));
}

/* EX_FINAL_ONCE: one final per term, in every grade */
static void test_final_once(void **state)
{
	struct ex_plan x = { 5, "final", "paper", "2027-01-15", "2026-09-01", "2027-01-22", 1 };
	struct ex_verdict v;

	(void)state;
	assert_null(check(5, "final", "paper", "2027-01-15", 0));
	assert_string_equal(check(5, "final", "paper", "2027-01-15", 1), "EX_FINAL_ONCE");
	assert_null(check(1, "final", "non_paper", "2027-01-15", 0));
	assert_string_equal(check(1, "final", "non_paper", "2027-01-15", 1), "EX_FINAL_ONCE");
	assert_int_equal(ex_plan_check(&P, &x, &v), 1);
	assert_int_equal(v.value, 2);
	assert_int_equal(v.limit, 1);
	assert_non_null(strstr(v.message, "1 次"));
}

/* EX_MIDTERM: junior high one midterm, primary none */
static void test_midterm(void **state)
{
	(void)state;
	assert_null(check(7, "midterm", "paper", "2026-11-05", 0));
	assert_null(check(9, "midterm", "paper", "2026-11-05", 0));
	assert_string_equal(check(7, "midterm", "paper", "2026-11-05", 1), "EX_MIDTERM");
	assert_string_equal(check(6, "midterm", "paper", "2026-11-05", 0), "EX_MIDTERM");
	assert_string_equal(check(3, "midterm", "paper", "2026-11-05", 0), "EX_MIDTERM");
	assert_int_equal(ex_kind_allowance(&P, 6, "midterm"), 0);
	assert_int_equal(ex_kind_allowance(&P, 7, "midterm"), 1);
}

/* EX_DATE_OUTSIDE_TERM: the first and last day are inside */
static void test_date(void **state)
{
	(void)state;
	assert_null(check(5, "final", "paper", "2026-09-01", 0));
	assert_null(check(5, "final", "paper", "2027-01-22", 0));
	assert_string_equal(check(5, "final", "paper", "2026-08-31", 0), "EX_DATE_OUTSIDE_TERM");
	assert_string_equal(check(5, "final", "paper", "2027-01-23", 0), "EX_DATE_OUTSIDE_TERM");
	/* the date is checked first: a forbidden kind outside the term names the date */
	assert_string_equal(check(5, "unit", "paper", "2027-01-23", 0), "EX_DATE_OUTSIDE_TERM");
}

/* EX_FORBIDDEN_KIND: unit and monthly tests, whatever the count */
static void test_forbidden(void **state)
{
	(void)state;
	assert_string_equal(check(5, "unit", "paper", "2026-10-15", 0), "EX_FORBIDDEN_KIND");
	assert_string_equal(check(8, "monthly", "paper", "2026-10-15", 0), "EX_FORBIDDEN_KIND");
	assert_string_equal(check(2, "unit", "non_paper", "2026-10-15", 0), "EX_FORBIDDEN_KIND");
	assert_int_equal(ex_kind_allowance(&P, 5, "unit"), 0);
}

/* The numbers are the pack's: moved in a copy, the verdicts move with them. */
static void test_pack_numbers(void **state)
{
	struct policy q = P;

	(void)state;
	q.ex_finals_per_term = 2;
	q.ex_midterms_per_term[5] = 1;
	q.ex_paper_forbidden[2] = false;
	q.ex_nforbidden_kinds = 1; /* only "unit" is left forbidden */
	{
		struct ex_plan a = { 5, "final", "paper", "2027-01-15", "2026-09-01", "2027-01-22", 1 };
		struct ex_plan b = { 5, "midterm", "paper", "2026-11-05", "2026-09-01", "2027-01-22", 0 };
		struct ex_plan c = { 2, "final", "paper", "2027-01-15", "2026-09-01", "2027-01-22", 0 };
		struct ex_plan d = { 5, "monthly", "paper", "2026-10-15", "2026-09-01", "2027-01-22", 9 };
		struct ex_plan f = { 5, "final", "paper", "2027-01-15", "2026-09-01", "2027-01-22", 2 };
		struct ex_verdict v;

		assert_int_equal(ex_plan_check(&q, &a, &v), 0);
		assert_int_equal(ex_plan_check(&q, &b, &v), 0);
		assert_int_equal(ex_plan_check(&q, &c, &v), 0);
		assert_int_equal(ex_plan_check(&q, &d, &v), 0);
		assert_int_equal(ex_kind_allowance(&q, 5, "monthly"), -1);
		assert_int_equal(ex_plan_check(&q, &f, &v), 1);
		assert_string_equal(v.code, "EX_FINAL_ONCE");
	}
}

/* The pack's EX_FORBIDDEN_KIND names only kinds other than final and
 * midterm; a bad one is refused naming the field. */
static void test_pack_check(void **state)
{
	static const char *const bad[] = { "final", "weekly", NULL };
	json_t *root = json_load_file("policy/xinrong-2021.json", 0, NULL);
	struct policy q;
	char err[512];
	char *text;

	(void)state;
	assert_non_null(root);
	for (int i = 0; bad[i]; i++) {
		json_t *kinds = json_object_get(json_object_get(json_object_get(json_object_get(
			root, "rules"), "EX_FORBIDDEN_KIND"), "params"), "kinds");

		json_array_set_new(kinds, 0, json_string(bad[i]));
		text = json_dumps(root, 0);
		memset(&q, 0, sizeof q);
		assert_int_equal(policy_parse(text, strlen(text), "p.json", &q, err, sizeof err), -1);
		assert_non_null(strstr(err, "rules.EX_FORBIDDEN_KIND.params.kinds[0]"));
		free(text);
	}
	json_array_set_new(json_object_get(json_object_get(json_object_get(json_object_get(root,
		"rules"), "EX_FORBIDDEN_KIND"), "params"), "kinds"), 0, json_string("monthly"));
	text = json_dumps(root, 0);
	assert_int_equal(policy_parse(text, strlen(text), "p.json", &q, err, sizeof err), -1);
	assert_non_null(strstr(err, "重复"));
	free(text);
	json_object_del(json_object_get(root, "rules"), "EX_FORBIDDEN_KIND");
	text = json_dumps(root, 0);
	assert_int_equal(policy_parse(text, strlen(text), "p.json", &q, err, sizeof err), -1);
	assert_non_null(strstr(err, "EX_FORBIDDEN_KIND"));
	free(text);
	json_decref(root);
}

/* EX_NO_RANKING: levels are the pack's, best first */
static void test_levels(void **state)
{
	(void)state;
	assert_int_equal(P.ex_nlevels, 4);
	assert_int_equal(ex_level_index(&P, "优秀"), 0);
	assert_int_equal(ex_level_index(&P, "待合格"), 3);
	assert_int_equal(ex_level_index(&P, "98"), -1);
	assert_int_equal(ex_level_index(&P, "A"), -1);
	assert_int_equal(ex_level_index(&P, NULL), -1);
	assert_string_equal(policy_rule_clause(&P, "EX_FORBIDDEN_KIND"), "五(四)4; B13.1");
}

static void test_subjects(void **state)
{
	(void)state;
	assert_true(ex_subject_in_grade("语文", 1));
	assert_false(ex_subject_in_grade("英语", 2));
	assert_true(ex_subject_in_grade("英语", 3));
	assert_false(ex_subject_in_grade("物理", 7));
	assert_true(ex_subject_in_grade("物理", 8));
	assert_false(ex_subject_in_grade("化学", 8));
	assert_true(ex_subject_in_grade("化学", 9));
	assert_false(ex_subject_in_grade("历史", 6));
	assert_true(ex_subject_in_grade("历史", 7));
	assert_false(ex_subject_in_grade("奥数", 5));
	assert_false(ex_subject_in_grade("语文", 10));
	assert_string_equal(ex_kind_name("final"), "期末考试");
	assert_string_equal(ex_form_name("non_paper"), "非纸笔测评");
	assert_string_equal(ex_kind_name("weekly"), "");
}

/* ---- the use cases on a demo district ---- */

static int64_t term2;

static json_t *plan(int grade, const char *kind, const char *form, const char *date)
{
	return json_pack("{s:I,s:i,s:s,s:s,s:s,s:[s]}", "term_id", (json_int_t)term2, "grade",
			 grade, "kind", kind, "form", form, "date", date, "subjects", "语文");
}

static int64_t plans(void)
{
	return fx_scalar("SELECT COUNT(*) FROM exam_plan");
}

static int create(const struct actor *who, int64_t school, json_t *body, json_t **out,
		  struct app_err *e)
{
	int rc = app_exam_create(&fx_app, who, school, body, out, e);

	json_decref(body);
	return rc;
}

static void test_use_cases(void **state)
{
	struct actor principal, admin, teacher;
	struct app_err e = { 0 };
	json_t *out = NULL, *w;
	int64_t before, id, junior;

	(void)state;
	fx_open("exam", "exam-test-pass-1", 6);
	fx_actor("principal", &principal);
	fx_actor("admin", &admin);
	fx_actor("teacher", &teacher);
	term2 = fx_scalar("SELECT MAX(id) FROM term");
	junior = fx_scalar("SELECT MIN(id) FROM school WHERE kind <> 'primary'");
	assert_true(junior > 0);
	assert_true(plans() > 0);
	/* the demo's plans keep to the rules: at most one live final per grade */
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM (SELECT school_id, term_id, grade"
				   " FROM exam_plan WHERE kind = 'final' AND withdrawn = 0"
				   " GROUP BY school_id, term_id, grade HAVING COUNT(*) > 1) x"), 0);
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM exam_plan WHERE grade <= 2 AND"
				   " form = 'paper'"), 0);

	/* school 1 left grade 5 open in the later term: one final, not two */
	before = plans();
	assert_int_equal(create(&principal, 1, plan(5, "final", "paper", "2027-01-20"), &out, &e), 0);
	id = json_integer_value(json_object_get(json_object_get(out, "exam"), "id"));
	json_decref(out);
	assert_int_equal(plans(), before + 1);
	assert_int_equal(create(&principal, 1, plan(5, "final", "paper", "2027-01-21"), &out, &e), -1);
	assert_string_equal(e.code, "EX_FINAL_ONCE");
	assert_string_equal(json_string_value(json_object_get(e.details, "clause")), "五(四)4; B13.1");
	app_err_clear(&e);
	assert_int_equal(plans(), before + 1);

	/* another school's exams are not the principal's (404), nor a teacher's to plan */
	assert_int_equal(create(&principal, junior, plan(7, "midterm", "paper", "2026-11-20"), &out,
				&e), -1);
	assert_int_equal(e.status, 404);
	app_err_clear(&e);
	assert_int_equal(create(&teacher, 1, plan(5, "final", "paper", "2027-01-20"), &out, &e), -1);
	assert_int_equal(e.status, 404);
	app_err_clear(&e);
	assert_int_equal(plans(), before + 1);

	/* withdrawn, not erased: the count frees and a new final is accepted */
	w = json_pack("{s:s}", "reason", "日期调整");
	assert_int_equal(app_exam_withdraw(&fx_app, &principal, id, w, &out, &e), 0);
	json_decref(out);
	assert_int_equal(app_exam_withdraw(&fx_app, &principal, id, w, &out, &e), -1);
	assert_string_equal(e.code, "EX_WITHDRAWN");
	app_err_clear(&e);
	json_decref(w);
	assert_int_equal(plans(), before + 1);
	assert_int_equal(create(&principal, 1, plan(5, "final", "paper", "2027-01-21"), &out, &e), 0);
	json_decref(out);

	/* the district admin plans for a junior school: midterm 1 then 2 */
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM exam_plan WHERE kind = 'midterm'"
				   " AND withdrawn = 0 AND grade = 8 AND term_id = (SELECT MAX(id)"
				   " FROM term) AND school_id = (SELECT MIN(id) FROM school WHERE"
				   " kind <> 'primary')"), 1);
	assert_int_equal(create(&admin, junior, plan(8, "midterm", "paper", "2026-11-20"), &out, &e),
			 -1);
	assert_string_equal(e.code, "EX_MIDTERM");
	app_err_clear(&e);
	fx_close();
}

/* Results: levels only, counted; a score anywhere refuses the whole body. */
static void test_results(void **state)
{
	struct actor academic, teacher;
	struct app_err e = { 0 };
	json_t *out = NULL, *body, *cls;
	int64_t exam, klass, student, before;
	char *text;

	(void)state;
	fx_open("examr", "exam-test-pass-1", 4);
	fx_actor("academic", &academic);
	fx_actor("teacher", &teacher);
	exam = fx_scalar("SELECT MIN(id) FROM exam_plan WHERE school_id = 1 AND grade = 3");
	klass = fx_scalar("SELECT MIN(id) FROM class WHERE school_id = 1 AND grade = 3");
	student = fx_scalar("SELECT MIN(id) FROM student WHERE class_id = (SELECT MIN(id) FROM class"
			    " WHERE school_id = 1 AND grade = 3)");
	before = fx_scalar("SELECT COUNT(*) FROM exam_result");
	assert_true(before > 0);

	body = json_pack("{s:I,s:[{s:I,s:s,s:s,s:i}]}", "class_id", (json_int_t)klass, "results",
			 "student_id", (json_int_t)student, "subject", "语文", "level", "优秀",
			 "score", 98);
	assert_int_equal(app_exam_results_put(&fx_app, &academic, exam, body, &out, &e), -1);
	assert_string_equal(e.code, "EX_NO_RANKING");
	app_err_clear(&e);
	json_decref(body);
	body = json_pack("{s:I,s:[{s:I,s:s,s:s},{s:I,s:s,s:s}]}", "class_id", (json_int_t)klass,
			 "results", "student_id", (json_int_t)student, "subject", "语文", "level",
			 "良好", "student_id", (json_int_t)student, "subject", "语文", "level", "98");
	assert_int_equal(app_exam_results_put(&fx_app, &academic, exam, body, &out, &e), -1);
	assert_string_equal(json_string_value(json_object_get(e.details, "field")),
			    "results.1.level");
	app_err_clear(&e);
	json_decref(body);
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM exam_result"), before);

	/* the teacher heads a grade-3 class of school 1 */
	body = json_pack("{s:I,s:[{s:I,s:s,s:s}]}", "class_id", (json_int_t)klass, "results",
			 "student_id", (json_int_t)student, "subject", "语文", "level", "合格");
	assert_int_equal(app_exam_results_put(&fx_app, &teacher, exam, body, &out, &e), 0);
	json_decref(out);
	json_decref(body);
	/* a replaced level is kept, not current */
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM exam_result"), before + 1);

	assert_int_equal(app_exam_results(&fx_app, &academic, exam, NULL, &out, &e), 0);
	text = json_dumps(out, 0);
	assert_null(strstr(text, "score"));
	assert_null(strstr(text, "rank"));
	assert_null(strstr(text, "student_id"));
	free(text);
	cls = json_array_get(json_object_get(out, "classes"), 0);
	assert_non_null(json_object_get(json_object_get(json_array_get(
		json_object_get(cls, "subjects"), 0), "counts"), "优秀"));
	json_decref(out);
	/* a teacher names a class; one not theirs is 404 */
	assert_int_equal(app_exam_results(&fx_app, &teacher, exam, NULL, &out, &e), -1);
	assert_int_equal(e.status, 400);
	app_err_clear(&e);
	fx_close();
}

/* A failed write at any step of the plan's transaction stores nothing. */
static void test_faults(void **state)
{
	struct actor principal;
	struct app_err e = { 0 };
	json_t *out = NULL;
	int k;

	(void)state;
	fx_open("examf", "exam-test-pass-1", 3);
	fx_actor("principal", &principal);
	term2 = fx_scalar("SELECT MAX(id) FROM term");
	for (k = 1; k < 40; k++) {
		int64_t before = plans(), audits = fx_scalar("SELECT COUNT(*) FROM audit");
		json_t *body = plan(6, "final", "paper", "2027-01-19");
		int rc;

		db_fail_after(k);
		rc = app_exam_create(&fx_app, &principal, 1, body, &out, &e);
		db_fail_after(0);
		json_decref(body);
		if (rc == 0)
			break;
		assert_true(e.status >= 500);
		assert_int_equal(plans(), before);
		assert_int_equal(fx_scalar("SELECT COUNT(*) FROM audit"), audits);
		app_err_clear(&e);
	}
	assert_true(k > 3 && k < 40);
	json_decref(out);
	fx_close();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_g12_paper),
		cmocka_unit_test(test_final_once),
		cmocka_unit_test(test_midterm),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_forbidden),
		cmocka_unit_test(test_pack_numbers),
		cmocka_unit_test(test_pack_check),
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_subjects),
		cmocka_unit_test(test_use_cases),
		cmocka_unit_test(test_results),
		cmocka_unit_test(test_faults),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
