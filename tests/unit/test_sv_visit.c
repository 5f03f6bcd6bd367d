/* test_sv_visit.c - supervision visits and rectification notices
 * (core/sv_visit.h, app_sv_visit.h) on both sides of each number: the
 * deadline of SV_RECTIFY (default 30 days, 60 accepted, 61 refused; the
 * deadline day in time, the day after overdue; a closed notice never
 * overdue), the evidence bound of SV_EVIDENCE (at the bound, one byte
 * over), SV_ITEM (C items only); the pack's new parameters and their
 * checks; and on a demo district: a notice answered after it was closed is
 * refused with nothing stored, another school's notice is not found, a
 * failed write stores nothing, the overdue list for the dashboard.
 * Run from the repository root (loads policy/xinrong-2021.json). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_sv_visit.h"
#include "core/sv_visit.h"
#include "demo_fixture.h"
#include "util/timeutil.h"

#include <stdlib.h>

#define PACK "policy/xinrong-2021.json"
#define TODAY 1795147200 /* 2026-11-20 12:00 in the district */

static struct policy P;
static struct actor IN, PR, AD; /* the inspector, school 1's principal, the admin */

static int setup(void **state)
{
	char err[512];

	(void)state;
	if (policy_load_file(PACK, &P, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	time_pin(TODAY);
	fx_open("svvisit", "svvisit-test-pass-2026!", 2);
	fx_actor("inspector", &IN);
	fx_actor("principal", &PR);
	fx_actor("admin", &AD);
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

/* SV_RECTIFY: 0 days is the default (30); 1 and 60 accepted; 61, -1 refused. */
static void test_deadline(void **state)
{
	char d[11];

	(void)state;
	assert_int_equal(P.sv_rectify_default_days, 30);
	assert_int_equal(P.sv_rectify_max_days, 60);
	assert_int_equal(sv_deadline(&P, "2026-11-01", 0, d), 0);
	assert_string_equal(d, "2026-12-01");
	assert_int_equal(sv_deadline(&P, "2026-11-01", 1, d), 0);
	assert_string_equal(d, "2026-11-02");
	assert_int_equal(sv_deadline(&P, "2026-11-01", 60, d), 0);
	assert_string_equal(d, "2026-12-31");
	assert_int_equal(sv_deadline(&P, "2026-11-01", 61, d), -1);
	assert_int_equal(sv_deadline(&P, "2026-11-01", -1, d), -1);
	assert_int_equal(sv_deadline(&P, "2026-02-30", 10, d), -1);
}

/* SV_RECTIFY: the deadline day is in time, the day after is overdue unless
 * a re-visit closed the notice; answered but not closed still counts. */
static void test_overdue(void **state)
{
	(void)state;
	assert_false(sv_overdue("2026-11-20", "open", "2026-11-20"));
	assert_true(sv_overdue("2026-11-20", "open", "2026-11-21"));
	assert_true(sv_overdue("2026-11-20", "answered", "2026-11-21"));
	assert_false(sv_overdue("2026-11-20", "closed", "2026-11-21"));
	assert_false(sv_overdue("2026-11-20", "open", "2026-11-19"));
}

/* SV_EVIDENCE: 5120 KiB is accepted, one byte more is not. */
static void test_evidence_bound(void **state)
{
	(void)state;
	assert_int_equal(P.sv_evidence_max_kb, 5120);
	assert_true(sv_evidence_fits(&P, 5120 * 1024));
	assert_false(sv_evidence_fits(&P, 5120 * 1024 + 1));
	assert_true(sv_evidence_fits(&P, 1));
}

/* SV_ITEM: C items of the annex only; the corrected reading is shown. */
static void test_items(void **state)
{
	const char *t;

	(void)state;
	assert_non_null(sv_item_text(&P, "B10.2"));
	assert_non_null(sv_item_text(&P, "B30.1"));
	assert_null(sv_item_text(&P, "B10"));
	assert_null(sv_item_text(&P, "A1"));
	assert_null(sv_item_text(&P, "B99.1"));
	assert_null(sv_item_text(&P, NULL));
	t = sv_item_text(&P, "B15.1"); /* 指定 reads 制定 */
	assert_non_null(t);
	assert_non_null(strstr(t, "制定"));
}

static int parse_with(const char *code, json_t *val, char *err, size_t n)
{
	json_error_t je;
	json_t *root = json_load_file(PACK, 0, &je), *params;
	struct policy p;
	char *s;
	int rc;

	assert_non_null(root);
	params = json_object_get(json_object_get(json_object_get(root, "rules"), code), "params");
	assert_non_null(params);
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
	assert_int_equal(parse_with("SV_RECTIFY", json_pack("{s:i}", "default_days", 61), err,
				    sizeof err), -1);
	assert_non_null(strstr(err, "rules.SV_RECTIFY.params.default_days"));
	assert_int_equal(parse_with("SV_RECTIFY", json_pack("{s:i}", "default_days", 60), err,
				    sizeof err), 0);
	assert_int_equal(parse_with("SV_RECTIFY", json_pack("{s:i}", "max_days", 0), err,
				    sizeof err), -1);
	assert_int_equal(parse_with("SV_EVIDENCE", json_pack("{s:i}", "max_kb", 16385), err,
				    sizeof err), -1);
	assert_non_null(strstr(err, "rules.SV_EVIDENCE.params.max_kb"));
	assert_int_equal(parse_with("SV_EVIDENCE", json_pack("{s:i}", "extra", 1), err,
				    sizeof err), -1);
}

/* ---- on the demo district ---- */

struct snap {
	int64_t visits, notices, answered, closed, evidence, audit;
};

static void snap(struct snap *s)
{
	s->visits = fx_scalar("SELECT COUNT(*) FROM sv_visit");
	s->notices = fx_scalar("SELECT COUNT(*) FROM sv_notice");
	s->answered = fx_scalar("SELECT COUNT(*) FROM sv_notice WHERE answered_on IS NOT NULL");
	s->closed = fx_scalar("SELECT COUNT(*) FROM sv_notice WHERE status = 'closed'");
	s->evidence = fx_scalar("SELECT COUNT(*) FROM evidence");
	s->audit = fx_scalar("SELECT COUNT(*) FROM audit");
}

static void same(const struct snap *a, const struct snap *b)
{
	assert_memory_equal(a, b, sizeof *a);
}

static int64_t post(int (*fn)(struct app *, const struct actor *, json_t *, json_t **,
			      struct app_err *),
		    const struct actor *who, const char *body, const char *key,
		    struct app_err *e)
{
	json_t *in = json_loads(body, 0, NULL), *out = NULL;
	int64_t id = -1;

	assert_non_null(in);
	if (fn(&fx_app, who, in, &out, e) == 0)
		id = json_integer_value(json_object_get(json_object_get(out, key), "id"));
	json_decref(in);
	json_decref(out);
	return id;
}

static int with_id(int (*fn)(struct app *, const struct actor *, int64_t, json_t *, json_t **,
			     struct app_err *),
		   const struct actor *who, int64_t id, const char *body, struct app_err *e)
{
	json_t *in = json_loads(body, 0, NULL), *out = NULL;
	int rc;

	assert_non_null(in);
	rc = fn(&fx_app, who, id, in, &out, e);
	json_decref(in);
	json_decref(out);
	return rc;
}

static void test_demo(void **state)
{
	struct app_err e = { 0 };
	json_t *out = NULL;

	(void)state;
	/* both terms, one closed by a re-visit, some answered, some overdue */
	assert_true(fx_scalar("SELECT COUNT(*) FROM sv_visit") >= 4);
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM sv_notice WHERE status = 'closed'"), 1);
	assert_true(fx_scalar("SELECT COUNT(*) FROM sv_notice WHERE status = 'answered'") >= 1);
	assert_int_equal(app_sv_overdue_notices(&fx_app, &IN, &out, &e), 0);
	assert_true(json_integer_value(json_object_get(out, "count")) >= 1);
	json_decref(out);
	assert_int_equal(app_sv_overdue_notices(&fx_app, &PR, &out, &e), -1);
	assert_int_equal(e.status, 403);
	app_err_clear(&e);
}

/* The whole path; each refusal stores nothing. */
static void test_flow(void **state)
{
	struct app_err e = { 0 };
	struct snap s0, s1;
	char body[256];
	int64_t insp = IN.user_id, visit, notice, other, rv;

	(void)state;
	snprintf(body, sizeof body, "{\"school_id\":1,\"visit_on\":\"2026-11-02\","
		 "\"inspector_ids\":[%lld]}", (long long)insp);
	visit = post(app_sv_visit_create, &IN, body, "visit", &e);
	assert_true(visit > 0);
	snprintf(body, sizeof body, "{\"school_id\":999999,\"visit_on\":\"2026-11-02\","
		 "\"inspector_ids\":[%lld]}", (long long)insp);
	snap(&s0);
	assert_int_equal(post(app_sv_visit_create, &IN, body, "visit", &e), -1);
	assert_int_equal(e.status, 404);
	app_err_clear(&e);
	snap(&s1);
	same(&s0, &s1);

	snprintf(body, sizeof body, "{\"visit_id\":%lld,\"items\":[\"B10.2\"],\"text\":\"整改\","
		 "\"issued_on\":\"2026-11-02\"}", (long long)visit);
	notice = post(app_sv_notice_issue, &IN, body, "notice", &e);
	assert_true(notice > 0);
	/* another school's principal: school 2's notice is not found */
	snprintf(body, sizeof body, "{\"school_id\":2,\"visit_on\":\"2026-11-02\","
		 "\"inspector_ids\":[%lld]}", (long long)insp);
	other = post(app_sv_visit_create, &IN, body, "visit", &e);
	snprintf(body, sizeof body, "{\"visit_id\":%lld,\"items\":[\"B21.2\"],\"text\":\"整改\"}",
		 (long long)other);
	other = post(app_sv_notice_issue, &IN, body, "notice", &e);
	assert_true(other > 0);
	snap(&s0);
	assert_int_equal(with_id(app_sv_notice_answer, &PR, other, "{\"text\":\"已整改\"}", &e), -1);
	assert_int_equal(e.status, 404);
	app_err_clear(&e);
	snap(&s1);
	same(&s0, &s1);

	assert_int_equal(with_id(app_sv_notice_answer, &PR, notice, "{\"text\":\"已整改\"}", &e), 0);
	snprintf(body, sizeof body, "{\"school_id\":1,\"visit_on\":\"2026-11-20\","
		 "\"inspector_ids\":[%lld],\"notice_id\":%lld}", (long long)insp, (long long)notice);
	rv = post(app_sv_visit_create, &IN, body, "visit", &e);
	assert_true(rv > 0);
	snprintf(body, sizeof body, "{\"visit_id\":%lld,\"result\":\"rectified\"}", (long long)rv);
	assert_int_equal(with_id(app_sv_notice_close, &IN, notice, body, &e), 0);

	/* answered after it was closed: 409, nothing stored */
	snap(&s0);
	assert_int_equal(with_id(app_sv_notice_answer, &PR, notice, "{\"text\":\"再答\"}", &e), -1);
	assert_int_equal(e.status, 409);
	assert_string_equal(e.code, "SV_NOTICE_CLOSED");
	app_err_clear(&e);
	assert_int_equal(with_id(app_sv_notice_close, &IN, notice, body, &e), -1);
	assert_int_equal(e.status, 409);
	app_err_clear(&e);
	snap(&s1);
	same(&s0, &s1);
}

/* A failed write (each statement in turn) stores nothing, or all of it. */
static void test_faults(void **state)
{
	struct app_err e = { 0 };
	struct snap s0, s1;
	char body[160];
	int failures = 0;

	(void)state;
	snprintf(body, sizeof body, "{\"school_id\":1,\"visit_on\":\"2026-11-03\","
		 "\"inspector_ids\":[%lld]}", (long long)IN.user_id);
	for (int k = 1; k < 20; k++) {
		int64_t id;

		snap(&s0);
		db_fail_after(k);
		id = post(app_sv_visit_create, &IN, body, "visit", &e);
		db_fail_after(0);
		snap(&s1);
		if (id < 0 && s1.visits == s0.visits) {
			failures++;
			assert_true(e.status >= 500);
			same(&s0, &s1);
			app_err_clear(&e);
		} else if (id < 0) {
			/* committed whole, then the read-back failed: the answer is
			 * 5xx but the visit and its audit row are both there */
			assert_true(e.status >= 500);
			assert_int_equal(s1.audit, s0.audit + 1);
			app_err_clear(&e);
		} else {
			assert_int_equal(s1.visits, s0.visits + 1);
			assert_int_equal(s1.audit, s0.audit + 1);
		}
	}
	assert_true(failures > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadline),
		cmocka_unit_test(test_overdue),
		cmocka_unit_test(test_evidence_bound),
		cmocka_unit_test(test_items),
		cmocka_unit_test(test_pack),
		cmocka_unit_test(test_demo),
		cmocka_unit_test(test_flow),
		cmocka_unit_test(test_faults),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
