/* test_report.c - public reports and teacher ethics (core/report.h,
 * app/app_report.h) on both sides of each number: answered on day 15 in time
 * and day 16 overdue (RP_ANSWER_DEADLINE), the 10th report from an address
 * taken and the 11th refused (RP_RATE_LIMIT), evidence count, size and time
 * (RP_EVIDENCE), receipt code format and lookup, and the TE_PAID_TUTORING
 * veto counted per school year (31 August vs 1 September).
 * Run from the repository root (loads policy/xinrong-2021.json). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "demo_fixture.h"

#include "app/app_report.h"
#include "core/report.h"
#include "demo/demo_reports.h"
#include "util/randtext.h"
#include "util/timeutil.h"

#include <stdio.h>
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
	fx_open("report", "report-test-pass-1!", 2);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	time_pin(0);
	fx_close();
	policy_free(&P);
	return 0;
}

static int64_t day(const char *s)
{
	int64_t d = 0;

	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

/* Noon of a district day, as the clock. */
static void pin_day(const char *s)
{
	time_pin(day(s) * 86400 + 12 * 3600 - P.utc_offset_minutes * 60);
}

/* RP_ANSWER_DEADLINE: filed 12-01, 15 days: 12-16 is the last day in time. */
static void test_deadline(void **state)
{
	int64_t due = rp_due_day(day("2026-12-01"), &P);

	(void)state;
	assert_int_equal(P.rp_answer_days, 15);
	assert_int_equal(due, day("2026-12-16"));
	assert_false(rp_answered_late(due, day("2026-12-16")));
	assert_true(rp_answered_late(due, day("2026-12-17")));
	assert_false(rp_overdue(RP_RECEIVED, due, day("2026-12-16")));
	assert_true(rp_overdue(RP_RECEIVED, due, day("2026-12-17")));
	assert_true(rp_overdue(RP_ROUTED, due, day("2026-12-17")));
	assert_false(rp_overdue(RP_ANSWERED, due, day("2027-01-30")));
	assert_false(rp_overdue(RP_CLOSED, due, day("2027-01-30")));
}

static void test_steps(void **state)
{
	(void)state;
	assert_int_equal(rp_step(RP_RECEIVED, "route"), RP_ROUTED);
	assert_int_equal(rp_step(RP_ROUTED, "route"), RP_ROUTED);
	assert_int_equal(rp_step(RP_RECEIVED, "answer"), RP_ANSWERED);
	assert_int_equal(rp_step(RP_ROUTED, "answer"), RP_ANSWERED);
	assert_int_equal(rp_step(RP_ANSWERED, "close"), RP_CLOSED);
	assert_int_equal(rp_step(RP_RECEIVED, "close"), -1);
	assert_int_equal(rp_step(RP_ANSWERED, "route"), -1);
	assert_int_equal(rp_step(RP_CLOSED, "answer"), -1);
	assert_int_equal(rp_step(RP_RECEIVED, "delete"), -1);
}

/* RP_RATE_LIMIT and RP_EVIDENCE on both sides. */
static void test_limits(void **state)
{
	(void)state;
	assert_int_equal(P.rp_per_ip_per_hour, 10);
	assert_true(rp_rate_allowed(9, &P));
	assert_false(rp_rate_allowed(10, &P));
	assert_string_equal(rp_evidence_check(4, 100, 0, &P), "");
	assert_string_equal(rp_evidence_check(5, 100, 0, &P), "RP_EVIDENCE_COUNT");
	assert_string_equal(rp_evidence_check(0, (size_t)P.rp_max_bytes, 0, &P), "");
	assert_string_equal(rp_evidence_check(0, (size_t)P.rp_max_bytes + 1, 0, &P),
			    "RP_EVIDENCE_SIZE");
	assert_string_equal(rp_evidence_check(0, 100, P.rp_upload_hours * 3600, &P), "");
	assert_string_equal(rp_evidence_check(0, 100, P.rp_upload_hours * 3600 + 1, &P),
			    "RP_EVIDENCE_LATE");
}

/* Receipt codes: xxxx-xxxx-xxxx of the look-alike-free alphabet. */
static void test_code_format(void **state)
{
	char code[RP_CODE_PRINTED + 1], norm[RP_CODE_CHARS + 1], up[RP_CODE_PRINTED + 1];

	(void)state;
	for (int i = 0; i < 200; i++) {
		randtext(code, RP_CODE_CHARS, RP_CODE_GROUP);
		assert_int_equal(strlen(code), 14);
		assert_true(code[4] == '-' && code[9] == '-');
		assert_int_equal(strcspn(code, "01ilo"), 14);
		assert_int_equal(rp_code_normalise(code, norm), 0);
		assert_int_equal(strlen(norm), 12);
	}
	for (size_t i = 0; i <= strlen(code); i++)
		up[i] = code[i] >= 'a' && code[i] <= 'z' ? (char)(code[i] - 32) : code[i];
	assert_int_equal(rp_code_normalise(up, code), 0);
	assert_string_equal(code, norm);
	assert_int_equal(rp_code_normalise("abcd efgh jkmn", norm), 0);
	assert_int_equal(rp_code_normalise("abcd-efgh-jkm", norm), -1);   /* 11 */
	assert_int_equal(rp_code_normalise("abcd-efgh-jkmnp", norm), -1); /* 13 */
	assert_int_equal(rp_code_normalise("abcd-efgh-jkm0", norm), -1);  /* look-alike */
	assert_int_equal(rp_code_normalise("", norm), -1);
}

/* TE_PAID_TUTORING: the school year turns on 1 September. */
static void test_veto_rule(void **state)
{
	(void)state;
	assert_int_equal(te_school_year(day("2026-08-31"), &P), 2025);
	assert_int_equal(te_school_year(day("2026-09-01"), &P), 2026);
	assert_true(te_vetoes("teacher", "proven", "在职教师有偿补课", &P));
	assert_false(te_vetoes("teacher", "partly", "在职教师有偿补课", &P));
	assert_false(te_vetoes("school", "proven", "在职教师有偿补课", &P));
	assert_false(te_vetoes("teacher", "proven", "体罚学生", &P));
}

static struct actor public_from(const char *ip)
{
	struct actor w = { 0 };

	snprintf(w.ip, sizeof w.ip, "%s", ip);
	snprintf(w.request_id, sizeof w.request_id, "test-public");
	return w;
}

static int file_one(const char *ip, const char *kind, char code[32], struct app_err *e)
{
	struct actor w = public_from(ip);
	json_t *body = json_pack("{s:s,s:s,s:s}", "target_kind", kind, "target", "某某",
				 "text", "晚上在家开班有偿补课，每人每月收费"), *out = NULL;
	int rc = app_report_file(&fx_app, &w, body, &out, e);

	if (rc == 0)
		snprintf(code, 32, "%s", json_string_value(json_object_get(out, "receipt_code")));
	json_decref(body);
	json_decref(out);
	return rc;
}

/* The code is shown once and only its hash kept; a wrong code is 404. */
static void test_lookup(void **state)
{
	struct app_err e = { 0 };
	char code[32];
	json_t *out = NULL;

	(void)state;
	pin_day("2026-12-01");
	assert_int_equal(file_one("10.1.1.1", "school", code, &e), 0);
	assert_int_equal(app_report_lookup(&fx_app, code, &out, &e), 0);
	assert_string_equal(json_string_value(json_object_get(out, "status")), "received");
	assert_string_equal(json_string_value(json_object_get(out, "due_on")), "2026-12-16");
	assert_null(json_object_get(out, "contact"));
	assert_null(json_object_get(out, "text"));
	json_decref(out);
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM report WHERE length(code_hash) = 64"),
			 fx_scalar("SELECT COUNT(*) FROM report"));
	code[0] = code[0] == 'a' ? 'b' : 'a';
	assert_int_equal(app_report_lookup(&fx_app, code, &out, &e), -1);
	assert_int_equal(e.status, 404);
	assert_string_equal(e.code, "RP_CODE_UNKNOWN");
	app_err_clear(&e);
	assert_int_equal(app_report_lookup(&fx_app, "not a code", &out, &e), -1);
	assert_int_equal(e.status, 404);
	app_err_clear(&e);
}

/* RP_RATE_LIMIT in the store: the 10th from an address is taken, the 11th
 * refused with nothing stored; another address is not affected. */
static void test_rate(void **state)
{
	struct app_err e = { 0 };
	int64_t before;
	char code[32];

	(void)state;
	pin_day("2026-12-02");
	for (int i = 0; i < P.rp_per_ip_per_hour; i++)
		assert_int_equal(file_one("10.2.2.2", "institution", code, &e), 0);
	before = fx_scalar("SELECT COUNT(*) FROM report");
	assert_int_equal(file_one("10.2.2.2", "institution", code, &e), -1);
	assert_int_equal(e.status, 429);
	assert_string_equal(e.code, "RP_RATE_LIMIT");
	assert_int_equal(e.retry_after, 3600); /* the window began this second */
	app_err_clear(&e);
	/* 20 minutes on, the same window: wait what is left of it, not an hour */
	time_pin(time_now() + 1200);
	assert_int_equal(file_one("10.2.2.2", "institution", code, &e), -1);
	assert_int_equal(e.retry_after, 2400);
	app_err_clear(&e);
	time_pin(time_now() - 1200);
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM report"), before);
	assert_int_equal(file_one("10.3.3.3", "institution", code, &e), 0);
	time_pin(time_now() + 3601); /* a new hour */
	assert_int_equal(file_one("10.2.2.2", "institution", code, &e), 0);
}

static int overdue_count(struct actor *admin)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int n;

	assert_int_equal(app_report_list(&fx_app, admin, NULL, NULL, "1", NULL, NULL, "500", &out, &e), 0);
	n = (int)json_array_size(json_object_get(out, "items"));
	json_decref(out);
	return n;
}

/* Day 15 still in time, day 16 overdue, through the queue. */
static void test_overdue_queue(void **state)
{
	struct actor admin;
	struct app_err e = { 0 };
	char code[32];
	int base;

	(void)state;
	fx_actor("admin", &admin);
	pin_day("2027-03-01");
	base = overdue_count(&admin);
	assert_int_equal(file_one("10.4.4.4", "school", code, &e), 0);
	pin_day("2027-03-16");
	assert_int_equal(overdue_count(&admin), base);
	pin_day("2027-03-17");
	assert_int_equal(overdue_count(&admin), base + 1);
}

static int answer(struct actor *admin, int64_t id, int64_t staff, struct app_err *e)
{
	json_t *b = json_pack("{s:s,s:s,s:s,s:I}", "outcome", "proven", "reply", "经查属实，已处理",
			      "finding", "在职教师有偿补课", "staff_id", (json_int_t)staff), *out = NULL;
	int rc = app_report_step(&fx_app, admin, id, "answer", b, &out, e);

	json_decref(b);
	json_decref(out);
	return rc;
}

/* The demo: 12 of each kind, every status, two overdue, one veto in school 1. */
static void test_demo(void **state)
{
	struct actor admin;
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t n = 0;

	(void)state;
	fx_actor("admin", &admin);
	/* the demo command ran demo_reports when the fixture was built */
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM report"), 36);
	assert_int_equal(fx_scalar("SELECT COUNT(DISTINCT target_kind || status) FROM report"), 12);
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM report WHERE status IN ('answered','closed')"
				   " AND outcome = ''"), 0);
	assert_int_equal(overdue_count(&admin), 2);
	assert_int_equal(app_ethics_vetoed_count(&fx_app, 1, te_school_year(date_of(time_now(),
			 P.utc_offset_minutes), &P), &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(app_report_stats(&fx_app, &admin, &out, &e), 0);
	assert_int_equal(json_integer_value(json_object_get(out, "overdue")), 2);
	json_decref(out);
}

/* A proven paid-tutoring report vetoes the teacher for the school year in
 * which it was answered: answered 31 August counts for the year before. */
static void test_veto_per_year(void **state)
{
	struct actor admin;
	struct app_err e = { 0 };
	int64_t staff = fx_scalar("SELECT id FROM staff WHERE school_id = 1 AND id NOT IN"
				  " (SELECT staff_id FROM ethics_record) ORDER BY id LIMIT 1");
	int64_t n = -1, id, n26, n27;
	char code[32];

	(void)state;
	fx_actor("admin", &admin);
	assert_int_equal(app_ethics_vetoed_count(&fx_app, 1, 2026, &n26, &e), 0);
	assert_int_equal(app_ethics_vetoed_count(&fx_app, 1, 2027, &n27, &e), 0);
	pin_day("2027-08-31");
	assert_int_equal(file_one("10.5.5.5", "teacher", code, &e), 0);
	id = fx_scalar("SELECT MAX(id) FROM report");
	assert_int_equal(answer(&admin, id, staff, &e), 0);
	assert_int_equal(app_ethics_vetoed_count(&fx_app, 1, 2026, &n, &e), 0);
	assert_int_equal(n, n26 + 1);
	assert_int_equal(app_ethics_vetoed_count(&fx_app, 1, 2027, &n, &e), 0);
	assert_int_equal(n, n27);
	pin_day("2027-09-01");
	assert_int_equal(file_one("10.5.5.6", "teacher", code, &e), 0);
	id = fx_scalar("SELECT MAX(id) FROM report");
	assert_int_equal(answer(&admin, id, staff, &e), 0);
	assert_int_equal(app_ethics_vetoed_count(&fx_app, 1, 2027, &n, &e), 0);
	assert_int_equal(n, n27 + 1);
	/* a second proven report the same year keeps one record */
	assert_int_equal(file_one("10.5.5.7", "teacher", code, &e), 0);
	id = fx_scalar("SELECT MAX(id) FROM report");
	assert_int_equal(answer(&admin, id, staff, &e), 0);
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM ethics_record WHERE school_year = 2027"), n27 + 1);
	/* answering twice is out of order, nothing changes */
	assert_int_equal(answer(&admin, id, staff, &e), -1);
	assert_string_equal(e.code, "RP_STEP_ORDER");
	app_err_clear(&e);
}

/* What a failed write might leave: every table a report or an answer touches. */
static void snap(int64_t out[6])
{
	out[0] = fx_scalar("SELECT COUNT(*) FROM report");
	out[1] = fx_scalar("SELECT COUNT(*) FROM report_step");
	out[2] = fx_scalar("SELECT COALESCE(SUM(count), 0) FROM report_rate");
	out[3] = fx_scalar("SELECT COUNT(*) FROM ethics_record");
	out[4] = fx_scalar("SELECT COUNT(*) FROM audit");
	out[5] = fx_scalar("SELECT COUNT(*) FROM report WHERE status = 'answered'");
}

/* RELIABILITY "Writes": a failure at any statement of filing, or of an answer
 * that records a veto, leaves the store as it was; then it goes through. */
static void test_faults(void **state)
{
	struct actor admin;
	struct app_err e = { 0 };
	int64_t before[6], after[6], staff, id = 0;
	char code[32];
	int k, rc, failures;

	(void)state;
	time_pin(0);
	fx_actor("admin", &admin);
	staff = fx_scalar("SELECT id FROM staff WHERE school_id = 1 AND id NOT IN"
			  " (SELECT staff_id FROM ethics_record) ORDER BY id LIMIT 1");
	for (int what = 0; what < 2; what++) {
		for (k = 1, failures = 0; k <= 60; k++) {
			snap(before);
			db_fail_after(k);
			rc = what == 0 ? file_one("10.9.9.9", "teacher", code, &e) : answer(&admin, id, staff, &e);
			db_fail_after(0);
			snap(after);
			if (rc != 0 && e.status >= 500) {
				failures++;
				if (memcmp(before, after, sizeof before) != 0)
					fail_msg("%s k=%d: failed but the store changed", what ? "answer" : "file", k);
				app_err_clear(&e);
				continue;
			}
			if (rc != 0)
				fail_msg("k=%d: %d %s %s", k, e.status, e.code, e.message);
			break;
		}
		assert_true(k <= 60);
		assert_true(failures >= 3);
		id = fx_scalar("SELECT MAX(id) FROM report");
	}
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM ethics_record WHERE report_id ="
				   " (SELECT MAX(id) FROM report)"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadline),
		cmocka_unit_test(test_steps),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_code_format),
		cmocka_unit_test(test_veto_rule),
		cmocka_unit_test(test_demo),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_rate),
		cmocka_unit_test(test_overdue_queue),
		cmocka_unit_test(test_veto_per_year),
		cmocka_unit_test(test_faults),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
