/* test_checkin.c - the five managements (core/checkin.h, app/app_checkin.h):
 * ISO weeks, a night's length and MG_SLEEP_RANGE (-1 / 0 min, 16h00 /
 * 16h01), the floors of MG_SLEEP (primary 9h59 / 10h00, junior 8h59 /
 * 9h00), MG_SLEEP_FEASIBLE exactly at and one minute past the floor, the
 * median wake time; then a check-in on a demo district: stored and
 * replaced with its history, refusals store nothing, another's child is
 * 404, phone rules by the school's managers only, the figures name no
 * child. Run from the repository root (loads policy/xinrong-2021.json). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_checkin.h"
#include "core/checkin.h"
#include "demo_fixture.h"
#include "util/timeutil.h"

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

static int64_t day(const char *s)
{
	int64_t d = 0;

	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

/* MG_CHECKIN_WEEK */
static void test_weeks(void **state)
{
	struct ck_verdict v;
	int64_t m = 0;
	char iso[12];

	(void)state;
	assert_int_equal(ck_week_parse("2026-W11", &m, &v), 0);
	assert_int_equal(m, day("2026-03-09"));
	assert_int_equal(ck_week_parse("2026-03-09", &m, &v), 0);
	assert_int_equal(ck_week_parse("2026-W01", &m, &v), 0);
	assert_int_equal(m, day("2025-12-29")); /* ISO week 1 of 2026 starts in 2025 */
	/* 2026 has 53 ISO weeks (it starts on a Thursday), 2025 has 52 */
	assert_int_equal(ck_week_parse("2026-W53", &m, &v), 0);
	assert_int_equal(m, day("2026-12-28"));
	assert_int_equal(ck_week_parse("2025-W53", &m, &v), 1);
	assert_string_equal(v.code, "MG_CHECKIN_WEEK");
	assert_string_equal(v.field, "week");
	assert_int_equal(ck_week_parse("2026-W00", &m, &v), 1);
	assert_int_equal(ck_week_parse("2026-03-10", &m, &v), 1); /* a Tuesday */
	assert_int_equal(ck_week_parse("2026-02-30", &m, &v), 1);
	assert_int_equal(ck_week_parse("2026W11", &m, &v), 1);
	assert_int_equal(ck_week_parse("", &m, &v), 1);
	assert_int_equal(ck_week_parse(NULL, &m, &v), 1);
	ck_week_format(day("2026-03-09"), iso, sizeof iso);
	assert_string_equal(iso, "2026-W11");
	ck_week_format(day("2025-12-29"), iso, sizeof iso);
	assert_string_equal(iso, "2026-W01");
	ck_week_format(day("2026-12-28"), iso, sizeof iso);
	assert_string_equal(iso, "2026-W53");
}

/* MG_CHECKIN_TIME, MG_SLEEP_RANGE: both sides of 0 and of the 16 h ceiling. */
static void test_times(void **state)
{
	struct ck_verdict v;
	int b, w, s;

	(void)state;
	assert_int_equal(P.sleep_max_hours, 16);
	assert_int_equal(ck_times_check(&P, "21:30", "06:30", &b, &w, &s, &v), 0);
	assert_int_equal(s, 540);
	assert_int_equal(ck_times_check(&P, "00:30", "06:30", &b, &w, &s, &v), 0);
	assert_int_equal(s, 360); /* after midnight */
	/* 0 min is allowed, -1 min is not */
	assert_int_equal(ck_times_check(&P, "03:00", "03:00", &b, &w, &s, &v), 0);
	assert_int_equal(s, 0);
	assert_int_equal(ck_times_check(&P, "03:00", "02:59", &b, &w, &s, &v), 1);
	assert_string_equal(v.code, "MG_SLEEP_RANGE");
	assert_string_equal(v.field, "wake_time");
	/* 16h00 allowed, 16h01 refused */
	assert_int_equal(ck_times_check(&P, "14:30", "06:30", &b, &w, &s, &v), 0);
	assert_int_equal(s, 960);
	assert_int_equal(ck_times_check(&P, "14:29", "06:30", &b, &w, &s, &v), 1);
	assert_string_equal(v.code, "MG_SLEEP_RANGE");
	assert_int_equal(ck_times_check(&P, "24:00", "06:30", &b, &w, &s, &v), 1);
	assert_string_equal(v.code, "MG_CHECKIN_TIME");
	assert_string_equal(v.field, "bedtime");
	assert_int_equal(ck_times_check(&P, "21:30", "6:30", &b, &w, &s, &v), 1);
	assert_string_equal(v.code, "MG_CHECKIN_TIME");
	assert_int_equal(ck_times_check(&P, "21:60", "06:30", &b, &w, &s, &v), 1);
	assert_int_equal(ck_times_check(&P, NULL, "06:30", &b, &w, &s, &v), 1);
}

/* MG_SLEEP: primary 10 h (9h59 under, 10h00 not), junior 9 h. */
static void test_floors(void **state)
{
	(void)state;
	assert_int_equal(ck_sleep_floor(&P, 1), 600);
	assert_int_equal(ck_sleep_floor(&P, 6), 600);
	assert_int_equal(ck_sleep_floor(&P, 7), 540);
	assert_int_equal(ck_sleep_floor(&P, 9), 540);
	assert_int_equal(ck_sleep_floor(&P, 0), 0);
	assert_true(ck_under_floor(&P, 3, 599));
	assert_false(ck_under_floor(&P, 3, 600));
	assert_true(ck_under_floor(&P, 8, 539));
	assert_false(ck_under_floor(&P, 8, 540));
	/* a whole check-in at the edges: 20:31 -> 06:30 primary is 9h59 */
	{
		struct ck_verdict v;
		int b, w, s;

		assert_int_equal(ck_times_check(&P, "20:31", "06:30", &b, &w, &s, &v), 0);
		assert_true(ck_under_floor(&P, 5, s));
		assert_int_equal(ck_times_check(&P, "20:30", "06:30", &b, &w, &s, &v), 0);
		assert_false(ck_under_floor(&P, 5, s));
		assert_int_equal(ck_times_check(&P, "21:31", "06:30", &b, &w, &s, &v), 0);
		assert_true(ck_under_floor(&P, 7, s));
		assert_int_equal(ck_times_check(&P, "21:30", "06:30", &b, &w, &s, &v), 0);
		assert_false(ck_under_floor(&P, 7, s));
	}
}

/* MG_SLEEP_FEASIBLE: service end + homework + way home, against the floor
 * before the wake time: exactly at the latest bedtime passes, a minute
 * later is flagged. */
static void test_feasible(void **state)
{
	struct ck_verdict v;
	char s[8];

	(void)state;
	assert_int_equal(ck_bedtime(1050, 60, 20), 1130); /* 17:30 + 60 + 20 = 18:50 */
	/* primary, wake 06:30: latest bedtime 20:30 */
	assert_int_equal(ck_latest_bedtime(&P, 4, 390), 1230);
	assert_int_equal(ck_feasible_check(&P, 4, ck_bedtime(1110, 90, 30), 390, &v), 0);
	assert_null(v.code);
	assert_int_equal(ck_feasible_check(&P, 4, ck_bedtime(1110, 90, 31), 390, &v), 1);
	assert_string_equal(v.code, "MG_SLEEP_FEASIBLE");
	assert_non_null(strstr(v.message, "20:31"));
	/* junior, wake 06:00: latest 21:00; evening study to 20:00 + 40 + 20 */
	assert_int_equal(ck_feasible_check(&P, 8, ck_bedtime(1200, 40, 20), 360, &v), 0);
	assert_int_equal(ck_feasible_check(&P, 8, ck_bedtime(1200, 41, 20), 360, &v), 1);
	/* past midnight: 23:50 + 30 = 00:20 the next day is late, never early */
	assert_int_equal(ck_feasible_check(&P, 8, ck_bedtime(1430, 30, 0), 360, &v), 1);
	ck_hhmm(1460, s);
	assert_string_equal(s, "00:20");
	ck_hhmm(-10, s);
	assert_string_equal(s, "23:50");
}

static void test_median(void **state)
{
	int vals[] = { 360, 390, 420 };
	long one[] = { 1, 1, 1 }, skew[] = { 1, 1, 5 }, even[] = { 1, 1, 0 };

	(void)state;
	assert_int_equal(ck_median(vals, one, 3), 390);
	assert_int_equal(ck_median(vals, skew, 3), 420);
	assert_int_equal(ck_median(vals, even, 3), 360); /* the lower middle */
	assert_int_equal(ck_median(vals, one, 0), -1);
}

/* The pack's new numbers are checked when it loads: MG_SLEEP max_hours
 * 1..24, MG_SLEEP_FEASIBLE wake_time HH:MM and travel_minutes 0..600. */
static void pack_with(const char *rule, const char *key, json_t *v, int want_ok)
{
	json_t *j = json_load_file("policy/xinrong-2021.json", 0, NULL);
	struct policy q;
	char err[512] = "", *text;
	int rc;

	assert_non_null(j);
	json_object_set_new(json_object_get(json_object_get(json_object_get(j, "rules"), rule),
					    "params"), key, v);
	text = json_dumps(j, 0);
	memset(&q, 0, sizeof q);
	rc = policy_parse(text, strlen(text), "pack", &q, err, sizeof err);
	if (want_ok)
		assert_int_equal(rc, 0);
	else {
		assert_int_equal(rc, -1);
		assert_non_null(strstr(err, key));
	}
	policy_free(&q);
	free(text);
	json_decref(j);
}

static void test_pack(void **state)
{
	(void)state;
	assert_int_equal(P.sleep_wake_default_min, 390);
	assert_int_equal(P.sleep_travel_default_min, 20);
	assert_non_null(policy_rule_clause(&P, "MG_SLEEP_FEASIBLE"));
	assert_non_null(policy_rule_clause(&P, "MG_PHONES"));
	assert_non_null(policy_rule_clause(&P, "MG_READING"));
	pack_with("MG_SLEEP", "max_hours", json_integer(24), 1);
	pack_with("MG_SLEEP", "max_hours", json_integer(25), 0);
	pack_with("MG_SLEEP", "max_hours", json_integer(1), 1);
	pack_with("MG_SLEEP", "max_hours", json_integer(0), 0);
	pack_with("MG_SLEEP_FEASIBLE", "wake_time", json_string("23:59"), 1);
	pack_with("MG_SLEEP_FEASIBLE", "wake_time", json_string("6:30"), 0);
	pack_with("MG_SLEEP_FEASIBLE", "travel_minutes", json_integer(600), 1);
	pack_with("MG_SLEEP_FEASIBLE", "travel_minutes", json_integer(601), 0);
	pack_with("MG_SLEEP_FEASIBLE", "travel_minutes", json_integer(-1), 0);
}

/* ---- on a demo district ---- */

static json_t *checkin(int64_t student, const char *week, const char *bed, const char *wake,
		       int phone, int reading)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:i,s:i}", "student_id", (json_int_t)student, "week",
			 week, "bedtime", bed, "wake_time", wake, "phone_minutes", phone,
			 "reading_minutes", reading);
}

static int post(const struct actor *who, json_t *body, json_t **out, struct app_err *e)
{
	int rc;

	*out = NULL;
	memset(e, 0, sizeof *e);
	rc = app_ck_checkin(&fx_app, who, body, out, e);
	json_decref(body);
	return rc;
}

static void refused(const struct actor *who, json_t *body, int status, const char *code)
{
	int64_t rows = fx_scalar("SELECT COUNT(*) FROM fm_checkin"),
		audit = fx_scalar("SELECT COUNT(*) FROM audit WHERE action = 'checkin.create'");
	struct app_err e;
	json_t *out;

	assert_int_equal(post(who, body, &out, &e), -1);
	assert_int_equal(e.status, status);
	assert_string_equal(e.code, code);
	app_err_clear(&e);
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM fm_checkin"), rows);
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM audit WHERE action = 'checkin.create'"),
			 audit);
}

static void test_checkin_flow(void **state)
{
	struct actor parent, principal, teacher;
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t kid, other;
	char sql[160];

	(void)state;
	fx_open("checkin", "ck-test-pass-2026!", 2);
	fx_actor("parent", &parent);
	fx_actor("principal", &principal);
	fx_actor("teacher", &teacher);
	snprintf(sql, sizeof sql,
		 "SELECT MIN(student_id) FROM guardian_student gs JOIN guardian g ON g.id ="
		 " gs.guardian_id WHERE g.user_id = %lld", (long long)parent.user_id);
	kid = fx_scalar(sql);
	assert_true(kid > 0);
	snprintf(sql, sizeof sql,
		 "SELECT MIN(id) FROM student WHERE id NOT IN (SELECT student_id FROM"
		 " guardian_student gs JOIN guardian g ON g.id = gs.guardian_id WHERE g.user_id = %lld)",
		 (long long)parent.user_id);
	other = fx_scalar(sql);
	assert_true(other > 0);
	fx_scalar("DELETE FROM fm_checkin"); /* the demo's own: count from nothing */
	fx_scalar("DELETE FROM fm_student_term");

	assert_int_equal(post(&parent, checkin(kid, "2026-W11", "21:00", "07:00", 30, 20), &out, &e), 0);
	assert_int_equal(json_integer_value(json_object_get(out, "sleep_minutes")), 600);
	assert_true(json_is_null(json_object_get(out, "replaced")));
	json_decref(out);
	/* the same week again: replaced, the first kept */
	assert_int_equal(post(&parent, checkin(kid, "2026-03-09", "21:30", "07:00", 45, 10), &out, &e), 0);
	assert_true(json_integer_value(json_object_get(out, "replaced")) > 0);
	assert_true(json_is_true(json_object_get(out, "under_floor")));
	json_decref(out);
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM fm_checkin"), 2);
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM fm_checkin WHERE current = 1"), 1);
	assert_int_equal(fx_scalar("SELECT phone_minutes FROM fm_checkin WHERE current = 1"), 45);

	/* refusals: nothing stored, no audit row */
	refused(&parent, checkin(other, "2026-W11", "21:00", "07:00", 0, 0), 404, "NOT_FOUND");
	refused(&parent, checkin(kid, "2026-W11", "14:29", "06:30", 0, 0), 422, "MG_SLEEP_RANGE");
	refused(&parent, checkin(kid, "2026-W11", "03:00", "02:59", 0, 0), 422, "MG_SLEEP_RANGE");
	refused(&parent, checkin(kid, "2026-W11", "9:00", "07:00", 0, 0), 422, "MG_CHECKIN_TIME");
	refused(&parent, checkin(kid, "2026-03-10", "21:00", "07:00", 0, 0), 422, "MG_CHECKIN_WEEK");
	refused(&parent, checkin(kid, "2099-W11", "21:00", "07:00", 0, 0), 422, "MG_CHECKIN_WEEK");
	refused(&parent, checkin(kid, "2026-W11", "21:00", "07:00", -1, 0), 422, "FIELD_INVALID");
	refused(&teacher, checkin(kid, "2026-W11", "21:00", "07:00", 0, 0), 403, "FORBIDDEN");
	/* the boundary night itself is stored: 14:30 -> 06:30 is 16h00 */
	assert_int_equal(post(&parent, checkin(kid, "2026-W12", "14:30", "06:30", 0, 0), &out, &e), 0);
	json_decref(out);

	/* the term's running sums follow the live check-ins, the replaced one
	 * taken out: W11 (21:30, 45, 10) + W12 (14:30 -> 06:30, 0, 0) */
	snprintf(sql, sizeof sql, "SELECT weeks * 1000000 + sleep_sum * 1000 + phone_sum FROM"
		 " fm_student_term WHERE student_id = %lld", (long long)kid);
	assert_int_equal(fx_scalar(sql), 2 * 1000000 + (570 + 960) * 1000 + 45);
	snprintf(sql, sizeof sql, "SELECT reading_sum FROM fm_student_term WHERE student_id = %lld",
		 (long long)kid);
	assert_int_equal(fx_scalar(sql), 10);

	/* the parent reads back: newest first, last week's answers to prefill */
	{
		char id[24];

		snprintf(id, sizeof id, "%lld", (long long)kid);
		assert_int_equal(app_ck_checkins(&fx_app, &parent, id, &out, &e), 0);
		assert_int_equal(json_array_size(json_object_get(out, "items")), 2);
		assert_string_equal(json_string_value(json_object_get(
			json_object_get(out, "prefill"), "week")), "2026-W12");
		json_decref(out);
		snprintf(id, sizeof id, "%lld", (long long)other);
		assert_int_equal(app_ck_checkins(&fx_app, &parent, id, &out, &e), -1);
		assert_int_equal(e.status, 404);
		app_err_clear(&e);
	}
	fx_close();
}

static void test_phone_rules(void **state)
{
	struct actor principal, parent, teacher;
	struct app_err e = { 0 };
	json_t *out = NULL, *body;
	int64_t other;

	(void)state;
	fx_open("ckrules", "ck-test-pass-2026!", 2);
	fx_actor("principal", &principal);
	fx_actor("parent", &parent);
	fx_actor("teacher", &teacher);
	other = fx_scalar("SELECT MAX(id) FROM school");
	assert_true(other != principal.school_id);
	body = json_pack("{s:b,s:s,s:s}", "handed_in", 1, "kept", "教室手机柜", "calls", "亲情电话");
	assert_int_equal(app_ck_phone_rules_put(&fx_app, &principal, principal.school_id, body, &out, &e), 0);
	assert_true(json_integer_value(json_object_get(out, "version")) >= 1);
	assert_int_equal(fx_scalar("SELECT COUNT(*) FROM fm_school WHERE current = 1 AND"
				   " phones_kept = '教室手机柜'"), 1);
	json_decref(out);
	/* another school's rules: 404, nothing written */
	{
		int64_t n = fx_scalar("SELECT COUNT(*) FROM fm_school");

		assert_int_equal(app_ck_phone_rules_put(&fx_app, &principal, other, body, &out, &e), -1);
		assert_int_equal(e.status, 404);
		app_err_clear(&e);
		assert_int_equal(app_ck_phone_rules_put(&fx_app, &teacher, principal.school_id, body,
							&out, &e), -1);
		app_err_clear(&e);
		assert_int_equal(fx_scalar("SELECT COUNT(*) FROM fm_school"), n);
	}
	json_decref(body);
	/* handed in without a place: refused */
	body = json_pack("{s:b,s:s,s:s}", "handed_in", 1, "kept", " ", "calls", "");
	assert_int_equal(app_ck_phone_rules_put(&fx_app, &principal, principal.school_id, body, &out, &e), -1);
	assert_string_equal(e.code, "FIELD_REQUIRED");
	app_err_clear(&e);
	json_decref(body);
	/* the sleep half keeps the phone half */
	body = json_pack("{s:s,s:i}", "wake_time", "06:10", "travel_minutes", 30);
	assert_int_equal(app_ck_sleep_settings_put(&fx_app, &principal, principal.school_id, body, &out, &e), 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(out, "phones"), "kept")),
			    "教室手机柜");
	assert_string_equal(json_string_value(json_object_get(json_object_get(out, "sleep"), "wake_time")),
			    "06:10");
	json_decref(out);
	json_decref(body);
	body = json_pack("{s:s}", "wake_time", "6:10");
	assert_int_equal(app_ck_sleep_settings_put(&fx_app, &principal, principal.school_id, body, &out, &e), -1);
	app_err_clear(&e);
	json_decref(body);
	/* the figures: for the school's managers, counts only */
	assert_int_equal(app_ck_figures(&fx_app, &parent, principal.school_id, NULL, &out, &e), -1);
	assert_int_equal(e.status, 404);
	app_err_clear(&e);
	assert_int_equal(app_ck_figures(&fx_app, &principal, principal.school_id, NULL, &out, &e), 0);
	{
		char *s = json_dumps(out, 0);

		assert_null(strstr(s, "student_id"));
		assert_non_null(json_object_get(out, "bedtime"));
		assert_string_equal(json_string_value(json_object_get(json_object_get(out, "bedtime"),
								      "wake_time")), "06:10");
		free(s);
	}
	json_decref(out);
	fx_close();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weeks),
		cmocka_unit_test(test_times),
		cmocka_unit_test(test_floors),
		cmocka_unit_test(test_feasible),
		cmocka_unit_test(test_median),
		cmocka_unit_test(test_pack),
		cmocka_unit_test(test_checkin_flow),
		cmocka_unit_test(test_phone_rules),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
