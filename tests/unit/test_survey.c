/* test_survey.c - satisfaction surveys (core/survey.h, app_survey.h) on
 * both sides of each number: SV_MIN_GROUP 4/5 answers, the open days
 * (the day before opens, opens, closes, the day after: SV_NOT_OPEN,
 * SV_CLOSED), the scale 0/1/5/6 (SV_ANSWER_SCALE), text of 300/301
 * characters (SV_ANSWER_TEXT), a required question left out
 * (SV_ANSWER_MISSING), 5/4 and 10/11 questions in a pack template; and on a
 * demo district: a second answer 409 (per child for the student group), a
 * refusal or a failed write stores nothing, no answer row can be tied to a
 * person, the demo's suppressed school.
 * Run from the repository root (loads policy/xinrong-2021.json). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_survey.h"
#include "core/survey.h"
#include "demo_fixture.h"
#include "util/timeutil.h"

#include <stdlib.h>

#define PACK "policy/xinrong-2021.json"
#define TODAY 1795147200 /* 2026-11-20 12:00 in the district (a Friday) */

static struct policy P;
static struct actor IN, PA, TE, PR;
static int64_t term_id, kid;

static int setup(void **state)
{
	char err[512];

	(void)state;
	if (policy_load_file(PACK, &P, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	time_pin(TODAY);
	fx_open("survey", "survey-test-pass-2026!", 2);
	fx_actor("inspector", &IN);
	fx_actor("parent", &PA);
	fx_actor("teacher", &TE);
	fx_actor("principal", &PR);
	term_id = fx_scalar("SELECT id FROM term WHERE starts_on <= '2026-11-20'"
			    " AND ends_on >= '2026-11-20'");
	kid = fx_scalar("SELECT MIN(gs.student_id) FROM guardian_student gs JOIN guardian g"
			" ON g.id = gs.guardian_id JOIN users u ON u.id = g.user_id"
			" JOIN student s ON s.id = gs.student_id"
			" WHERE u.username = 'parent' AND s.school_id = 1");
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

/* ---- the rules ---- */

static void test_window(void **state)
{
	(void)state;
	/* SV_NOT_OPEN, SV_CLOSED: both ends included */
	assert_int_equal(sv_window_of(100, 110, 99), SV_BEFORE);
	assert_int_equal(sv_window_of(100, 110, 100), SV_OPEN);
	assert_int_equal(sv_window_of(100, 110, 110), SV_OPEN);
	assert_int_equal(sv_window_of(100, 110, 111), SV_AFTER);
	assert_int_equal(sv_window_of(100, 100, 100), SV_OPEN);
}

static void test_min_group(void **state)
{
	(void)state;
	/* SV_MIN_GROUP: B18.3, B30.2 - 5 from the pack */
	assert_int_equal(P.sv_min_group, 5);
	assert_true(sv_suppressed(&P, 0));
	assert_true(sv_suppressed(&P, 4));
	assert_false(sv_suppressed(&P, 5));
	assert_int_equal(sv_score_tenths(4, 5), 800);
	assert_int_equal(sv_score_tenths(2, 3), 667);
	assert_int_equal(sv_score_tenths(0, 5), 0);
	assert_int_equal(sv_score_tenths(0, 0), -1);
}

static void test_answers(void **state)
{
	const struct policy_sv_template *t = sv_template_of(&P, SV_PARENT);
	struct sv_given g[POLICY_SV_MAX_Q];
	struct sv_problem pr;
	struct sv_scale s;
	int words = -1;

	(void)state;
	assert_non_null(t);
	assert_true(t->nq >= POLICY_SV_MIN_Q && t->nq <= POLICY_SV_MAX_Q);
	sv_scale_of(&P, &s);
	assert_int_equal(s.satisfied_from, 4);
	assert_int_equal(s.text_max, 300);
	memset(g, 0, sizeof g);
	for (int k = 0; k < t->nq; k++) {
		if (t->q[k].words) {
			words = k;
			continue;
		}
		g[k] = (struct sv_given){ .present = true, .number = true, .value = 5 };
	}
	assert_true(words >= 0);
	sv_check_answers(&s, t, g, &pr);
	assert_null(pr.code); /* the text question is not required */
	g[0].value = 1;
	sv_check_answers(&s, t, g, &pr);
	assert_null(pr.code);
	g[0].value = 0; /* SV_ANSWER_SCALE: below the scale */
	sv_check_answers(&s, t, g, &pr);
	assert_string_equal(pr.code, "SV_ANSWER_SCALE");
	assert_int_equal(pr.q, 0);
	g[0].value = 6; /* above it */
	sv_check_answers(&s, t, g, &pr);
	assert_string_equal(pr.code, "SV_ANSWER_SCALE");
	g[0] = (struct sv_given){ .present = true, .chars = 3 }; /* words for a scale question */
	sv_check_answers(&s, t, g, &pr);
	assert_string_equal(pr.code, "SV_ANSWER_SCALE");
	g[0] = (struct sv_given){ 0 }; /* SV_ANSWER_MISSING */
	sv_check_answers(&s, t, g, &pr);
	assert_string_equal(pr.code, "SV_ANSWER_MISSING");
	g[0] = (struct sv_given){ .present = true, .number = true, .value = 4 };
	g[words] = (struct sv_given){ .present = true, .chars = 300 };
	sv_check_answers(&s, t, g, &pr);
	assert_null(pr.code);
	g[words].chars = 301; /* SV_ANSWER_TEXT */
	sv_check_answers(&s, t, g, &pr);
	assert_string_equal(pr.code, "SV_ANSWER_TEXT");
	assert_int_equal(pr.q, words);
	g[words] = (struct sv_given){ .present = true, .number = true, .value = 5 };
	sv_check_answers(&s, t, g, &pr);
	assert_string_equal(pr.code, "SV_ANSWER_TEXT");
	assert_int_equal(sv_group_parse("student"), SV_STUDENT);
	assert_int_equal(sv_group_parse("pupil"), -1);
	assert_string_equal(sv_group_name(SV_TEACHER), "教师");
}

/* ---- the pack ---- */

static int parse_templates(int which, int nq, const char *group, char *err, size_t n)
{
	json_error_t je;
	json_t *root = json_load_file(PACK, 0, &je), *ts, *t, *qs;
	struct policy p;
	char *s;
	int rc;

	assert_non_null(root);
	ts = json_object_get(json_object_get(json_object_get(json_object_get(root, "rules"),
			     "SV_SURVEY"), "params"), "templates");
	t = json_array_get(ts, (size_t)which);
	qs = json_object_get(t, "questions");
	while ((int)json_array_size(qs) > nq)
		json_array_remove(qs, json_array_size(qs) - 1);
	for (int k = (int)json_array_size(qs); k < nq; k++)
		json_array_append_new(qs, json_pack("{s:s+,s:s,s:s,s:b}", "id", "x",
			(const char *[]){ "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11" }[k],
			"text", "另一题", "kind", "scale", "required", 1));
	if (group)
		json_object_set_new(t, "group", json_string(group));
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
	assert_int_equal(P.sv_ntemplates, 3);
	assert_int_equal(P.svy_nscale, 5);
	assert_int_equal(P.svy_scale[0], 5);
	assert_int_equal(parse_templates(0, 5, NULL, err, sizeof err), 0);
	assert_int_equal(parse_templates(0, 4, NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "rules.SV_SURVEY.params.templates[0].questions"));
	assert_int_equal(parse_templates(1, 10, NULL, err, sizeof err), 0);
	assert_int_equal(parse_templates(1, 11, NULL, err, sizeof err), -1);
	assert_int_equal(parse_templates(2, 6, "parent", err, sizeof err), -1); /* twice */
	assert_non_null(strstr(err, "templates[2].group"));
	assert_int_equal(parse_templates(2, 6, "pupil", err, sizeof err), -1);
	assert_non_null(strstr(err, "templates[2].group"));
}

/* ---- on the demo district ---- */

struct counts {
	int64_t answers, items, answered, audit;
};

static void snap(struct counts *c)
{
	c->answers = fx_scalar("SELECT COUNT(*) FROM sv_answer");
	c->items = fx_scalar("SELECT COUNT(*) FROM sv_answer_item");
	c->answered = fx_scalar("SELECT COUNT(*) FROM sv_answered");
	c->audit = fx_scalar("SELECT COUNT(*) FROM audit");
}

static int64_t publish(const char *groups, int64_t school, const char *opens, const char *closes)
{
	struct app_err e = { 0 };
	json_t *out = NULL, *body = json_loads(groups, 0, NULL);
	int64_t id;

	json_object_set_new(body, "name", json_string("测试调查"));
	json_object_set_new(body, "term_id", json_integer(term_id));
	json_object_set_new(body, "opens", json_string(opens));
	json_object_set_new(body, "closes", json_string(closes));
	if (school)
		json_object_set_new(body, "school_id", json_integer(school));
	assert_int_equal(app_survey_create(&fx_app, &IN, body, &out, &e), 0);
	id = json_integer_value(json_object_get(json_object_get(out, "item"), "id"));
	json_decref(out);
	json_decref(body);
	return id;
}

static int answer(const struct actor *who, int64_t id, const char *body, struct app_err *e)
{
	json_t *b = json_loads(body, 0, NULL), *out = NULL;
	int rc;

	app_err_clear(e);
	rc = app_survey_answer(&fx_app, who, id, b, &out, e);
	json_decref(out);
	json_decref(b);
	return rc;
}

#define TEACHER_ANS "{\"group\":\"teacher\",\"answers\":{\"t1\":5,\"t2\":4,\"t3\":4,\"t4\":3,\"t5\":5}}"

/* SV_NOT_OPEN / SV_CLOSED on the days around; each refusal stores nothing. */
static void test_open_days(void **state)
{
	struct app_err e = { 0 };
	struct counts c0, c1;
	int64_t later = publish("{\"groups\":[\"teacher\"]}", 1, "2026-11-21", "2026-11-30");
	int64_t over = publish("{\"groups\":[\"teacher\"]}", 1, "2026-11-01", "2026-11-19");
	int64_t today = publish("{\"groups\":[\"teacher\"]}", 1, "2026-11-20", "2026-11-20");

	(void)state;
	snap(&c0);
	assert_int_equal(answer(&TE, later, TEACHER_ANS, &e), -1);
	assert_string_equal(e.code, "SV_NOT_OPEN");
	assert_int_equal(answer(&TE, over, TEACHER_ANS, &e), -1);
	assert_string_equal(e.code, "SV_CLOSED");
	snap(&c1);
	assert_memory_equal(&c0, &c1, sizeof c0);
	assert_int_equal(answer(&TE, today, TEACHER_ANS, &e), 0);
	snap(&c1);
	assert_int_equal(c1.answers, c0.answers + 1);
	assert_int_equal(c1.items, c0.items + 5);
	assert_int_equal(c1.answered, c0.answered + 1);
	assert_int_equal(c1.audit, c0.audit + 1);
	/* a second answer: 409, nothing more */
	assert_int_equal(answer(&TE, today, TEACHER_ANS, &e), -1);
	assert_int_equal(e.status, 409);
	assert_string_equal(e.code, "SV_ANSWERED");
	snap(&c0);
	assert_memory_equal(&c0, &c1, sizeof c0);
	app_err_clear(&e);
}

/* Not your group or school: 404; off the scale, missing: 422; nothing stored. */
static void test_refusals(void **state)
{
	struct app_err e = { 0 };
	struct counts c0, c1;
	int64_t other = publish("{\"groups\":[\"teacher\",\"parent\"]}", 2, "2026-11-01",
				"2026-11-30");
	int64_t mine = publish("{\"groups\":[\"parent\",\"student\"]}", 1, "2026-11-01",
			       "2026-11-30");
	char body[256];

	(void)state;
	snap(&c0);
	assert_int_equal(answer(&TE, other, TEACHER_ANS, &e), -1); /* another school */
	assert_int_equal(e.status, 404);
	assert_int_equal(answer(&TE, mine, TEACHER_ANS, &e), -1); /* not asked */
	assert_int_equal(e.status, 404);
	assert_int_equal(answer(&PA, mine, "{\"group\":\"teacher\",\"answers\":{}}", &e), -1);
	assert_int_equal(e.status, 404);
	assert_int_equal(answer(&PA, mine, "{\"group\":\"parent\",\"answers\":{\"p1\":6,"
				"\"p2\":4,\"p3\":4,\"p4\":4,\"p5\":4}}", &e), -1);
	assert_string_equal(e.code, "SV_ANSWER_SCALE");
	assert_int_equal(e.status, 422);
	assert_int_equal(answer(&PA, mine, "{\"group\":\"parent\",\"answers\":{"
				"\"p2\":4,\"p3\":4,\"p4\":4,\"p5\":4}}", &e), -1);
	assert_string_equal(e.code, "SV_ANSWER_MISSING");
	assert_int_equal(answer(&PA, mine, "{\"group\":\"parent\",\"answers\":{\"p1\":4,"
				"\"p2\":4,\"p3\":4,\"p4\":4,\"p5\":4,\"p9\":4}}", &e), -1);
	assert_string_equal(e.code, "SV_ANSWER_UNKNOWN");
	assert_int_equal(answer(&PA, mine, "{\"group\":\"student\",\"answers\":{\"s1\":4,"
				"\"s2\":4,\"s3\":4,\"s4\":4,\"s5\":4}}", &e), -1);
	assert_string_equal(e.code, "FIELD_REQUIRED");
	snap(&c1);
	assert_memory_equal(&c0, &c1, sizeof c0);
	/* the student survey once per child */
	snprintf(body, sizeof body, "{\"group\":\"student\",\"student_id\":%lld,\"answers\":"
		 "{\"s1\":4,\"s2\":4,\"s3\":4,\"s4\":4,\"s5\":4,\"s6\":\"<b>x</b>\"}}",
		 (long long)kid);
	assert_int_equal(answer(&PA, mine, body, &e), 0);
	assert_int_equal(answer(&PA, mine, body, &e), -1);
	assert_int_equal(e.status, 409);
	assert_int_equal(answer(&PA, mine, "{\"group\":\"parent\",\"answers\":{\"p1\":4,"
				"\"p2\":4,\"p3\":4,\"p4\":4,\"p5\":4}}", &e), 0);
	app_err_clear(&e);
}

/* SV_MIN_GROUP: 4 answers suppressed, the 5th shows the results. */
static void test_results(void **state)
{
	struct app_err e = { 0 };
	int64_t id = publish("{\"groups\":[\"teacher\"]}", 1, "2026-11-20", "2026-11-30");
	json_t *out = NULL, *g;
	char *text;

	(void)state;
	for (int k = 0; k < 5; k++) {
		char sql[160];
		struct actor t = TE;

		snprintf(sql, sizeof sql, "SELECT id FROM users WHERE role = 'teacher'"
			 " AND school_id = 1 ORDER BY id LIMIT 1 OFFSET %d", k);
		t.user_id = fx_scalar(sql);
		assert_int_equal(answer(&t, id, TEACHER_ANS, &e), 0);
		assert_int_equal(app_survey_results(&fx_app, &IN, id, NULL, &out, &e), 0);
		g = json_array_get(json_object_get(out, "groups"), 0);
		assert_int_equal(json_integer_value(json_object_get(g, "answers")), k + 1);
		assert_int_equal(json_is_true(json_object_get(g, "suppressed")), k + 1 < 5);
		assert_int_equal(json_object_get(g, "questions") != NULL, k + 1 >= 5);
		if (k + 1 < 5)
			assert_string_equal(json_string_value(json_object_get(g, "rule")),
					    "SV_MIN_GROUP");
		else /* t1 5, t2 4, t3 4, t4 3, t5 5: 4 of 5 satisfied */
			assert_true(json_real_value(json_object_get(g, "score")) == 80.0);
		text = json_dumps(out, 0);
		assert_null(strstr(text, "user"));
		free(text);
		json_decref(out);
	}
	/* another school's principal: 404 */
	assert_int_equal(app_survey_results(&fx_app, &PR, publish("{\"groups\":[\"teacher\"]}",
				2, "2026-11-20", "2026-11-30"), NULL, &out, &e), -1);
	assert_int_equal(e.status, 404);
	app_err_clear(&e);
}

/* No column of the answer tables names a person or a time. */
static void test_anonymous(void **state)
{
	(void)state;
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM pragma_table_info('sv_answer')"
				   " WHERE name LIKE '%user%' OR name LIKE '%_at' OR name = 'day'"), 0);
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM pragma_table_info('sv_answer_item')"
				   " WHERE name LIKE '%user%' OR name LIKE '%_at' OR name = 'day'"), 0);
	/* no rowid: the answers sit in the order of their random ids */
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sv_answer'"
				   " AND sql LIKE '%WITHOUT ROWID%'"), 1);
}

/* The demo: school 2 has too few answers per group, school 1 enough. */
static void test_figures(void **state)
{
	struct app_err e = { 0 };
	json_t *o1 = json_object(), *o2 = json_object(), *g;
	size_t i;

	(void)state;
	assert_int_equal(app_survey_figures(&fx_app, &IN, 1, term_id, o1, &e), 0);
	assert_int_equal(app_survey_figures(&fx_app, &IN, 2, term_id, o2, &e), 0);
	json_array_foreach(json_object_get(json_object_get(o2, "satisfaction"), "groups"), i, g) {
		assert_true(json_integer_value(json_object_get(g, "answers")) < 5);
		assert_true(json_is_true(json_object_get(g, "suppressed")));
		assert_true(json_is_null(json_object_get(g, "score")));
	}
	g = json_array_get(json_object_get(json_object_get(o1, "satisfaction"), "groups"), 0);
	assert_string_equal(json_string_value(json_object_get(g, "group")), "parent");
	assert_false(json_is_true(json_object_get(g, "suppressed")));
	assert_true(json_is_real(json_object_get(g, "score")));
	json_decref(o1);
	json_decref(o2);
	o1 = json_object();
	assert_int_equal(app_survey_figures(&fx_app, &PR, 2, term_id, o1, &e), -1);
	assert_int_equal(e.status, 404);
	json_decref(o1);
	app_err_clear(&e);
}

/* A failed write (each statement in turn) stores nothing. */
static void test_faults(void **state)
{
	struct app_err e = { 0 };
	struct counts c0, c1;
	int64_t id = publish("{\"groups\":[\"teacher\"]}", 1, "2026-11-20", "2026-11-30");
	int failures = 0;

	(void)state;
	for (int k = 1; k < 20; k++) {
		int rc;

		snap(&c0);
		db_fail_after(k);
		rc = answer(&TE, id, TEACHER_ANS, &e);
		db_fail_after(0);
		snap(&c1);
		if (rc == 0)
			break;
		failures++;
		assert_true(e.status >= 500);
		assert_memory_equal(&c0, &c1, sizeof c0);
	}
	assert_true(failures > 0);
	app_err_clear(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_min_group),
		cmocka_unit_test(test_answers),
		cmocka_unit_test(test_pack),
		cmocka_unit_test(test_open_days),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_results),
		cmocka_unit_test(test_anonymous),
		cmocka_unit_test(test_figures),
		cmocka_unit_test(test_faults),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
