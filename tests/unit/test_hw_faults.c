/* test_hw_faults.c - RELIABILITY.md "Writes" for homework: a failure injected
 * at statement k = 1..K of posting (through the group-commit writer) leaves
 * the store all-before or all-after: the item, its class-day total, its
 * history row and its audit row together, or none of them; the same for a
 * refused post's refusal record. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app.h"
#include "app/app_hw.h"
#include "store/store.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demo_fixture.h"

static struct actor T; /* the demo teacher */
static int64_t CLASS;   /* the class they head (三年级（1）班) */

struct snap {
	int64_t items, total, changes, audit, refusals;
};

static void snap(struct snap *s)
{
	s->items = fx_scalar("SELECT COUNT(*) FROM homework");
	s->total = fx_scalar("SELECT COALESCE(SUM(written_minutes), 0) FROM hw_class_day");
	s->changes = fx_scalar("SELECT COUNT(*) FROM hw_change");
	s->audit = fx_scalar("SELECT COUNT(*) FROM audit");
	s->refusals = fx_scalar("SELECT COUNT(*) FROM hw_refusal");
}

static int setup(void **state)
{
	(void)state;
	fx_open("hwfaults", "hw-faults-pass-2026!", 1);
	fx_actor("teacher", &T);
	CLASS = fx_scalar("SELECT c.id FROM class c JOIN staff s ON s.id = c.head_teacher_id"
		       " JOIN users u ON u.id = s.user_id WHERE u.username = 'teacher'");
	return CLASS > 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	fx_close();
	return 0;
}

/* Run `in` with a failure at statement k for k = 1.. until it goes through;
 * every failed attempt must leave s0 as it was; returns the k that passed. */
static int until_through(const struct hw_in *in, int want_refused, struct snap *s0)
{
	int k, failures = 0;

	for (k = 1; k <= 80; k++) {
		struct app_err e = { 0 };
		struct snap s1;
		json_t *out = NULL;
		int rc;

		snap(s0);
		db_fail_after(k);
		rc = app_hw_post(&fx_app, &T, in, &out, &e);
		db_fail_after(0);
		snap(&s1);
		json_decref(out);
		if (rc != 0 && e.status >= 500) {
			failures++;
			if (memcmp(s0, &s1, sizeof s1) != 0)
				fail_msg("k=%d: failed (%d %s) but items %lld->%lld, total %lld->%lld,"
					 " changes %lld->%lld, audit %lld->%lld, refusals %lld->%lld",
					 k, e.status, e.code, (long long)s0->items, (long long)s1.items,
					 (long long)s0->total, (long long)s1.total, (long long)s0->changes,
					 (long long)s1.changes, (long long)s0->audit, (long long)s1.audit,
					 (long long)s0->refusals, (long long)s1.refusals);
			app_err_clear(&e);
			continue;
		}
		if (want_refused) {
			assert_int_equal(rc, -1);
			assert_int_equal(e.status, 422);
			assert_string_equal(e.code, "HW_DAILY_LIMIT");
			/* the refusal and its audit row, nothing else */
			assert_int_equal(s1.items, s0->items);
			assert_int_equal(s1.total, s0->total);
			assert_int_equal(s1.refusals, s0->refusals + 1);
			assert_int_equal(s1.audit, s0->audit + 1);
		} else {
			if (rc != 0)
				fail_msg("k=%d: %d %s %s", k, e.status, e.code, e.message);
			assert_int_equal(s1.items, s0->items + 1);
			assert_int_equal(s1.total, s0->total + in->minutes);
			assert_int_equal(s1.changes, s0->changes + 1);
			assert_int_equal(s1.audit, s0->audit + 1);
		}
		app_err_clear(&e);
		break;
	}
	assert_true(k <= 80);
	assert_true(failures >= 3);
	print_message("%s: %d injected failures before it went through at k=%d\n",
		      want_refused ? "refused post" : "post", failures, k);
	return k;
}

static void test_post_all_or_nothing(void **state)
{
	struct hw_in in = { .class_id = CLASS, .minutes = 50, .subject = "语文", .kind = "written",
			    .title = "故障注入", .content = "练习册", .assigned_on = "2026-06-01",
			    .due_on = "2026-06-02" };
	struct snap s0;

	(void)state;
	until_through(&in, 0, &s0);
	/* 50 + 11 passes 60: the refusal is recorded all-or-nothing too */
	in.minutes = 11;
	until_through(&in, 1, &s0);
	/* and the writer still works afterwards */
	in.minutes = 10;
	until_through(&in, 0, &s0);
	assert_int_equal(fx_scalar("SELECT SUM(written_minutes) FROM hw_class_day"
				" WHERE day = '2026-06-01'"), 60);
}

/* 系统拒绝的布置 lists the newest refusal first by when it happened, even
 * where the rows were stored in another order (the demo writes its history
 * out of time order). */
static void test_refusals_newest_first(void **state)
{
	struct actor P;
	struct app_err e = { 0 };
	json_t *out = NULL, *refs;
	const char *prev = NULL;

	char from[16], to[16];
	int64_t d1 = fx_scalar("SELECT MAX(CAST(julianday(day) - 2440587.5 AS INTEGER)) FROM hw_refusal");

	(void)state;
	assert_true(fx_scalar("SELECT COUNT(*) FROM hw_refusal a JOIN hw_refusal b"
			      " ON a.id > b.id AND a.made_at < b.made_at") > 0);
	fx_actor("principal", &P);
	date_format(d1 - 40, from, sizeof from);
	date_format(d1, to, sizeof to);
	if (app_hw_stats(&fx_app, &P, NULL, from, to, &out, &e) != 0)
		fail_msg("stats %s..%s: %s", from, to, e.message);
	refs = json_object_get(out, "refusals");
	assert_true(json_array_size(refs) >= 2);
	for (size_t i = 0; i < json_array_size(refs); i++) {
		const char *at = json_string_value(json_object_get(json_array_get(refs, i), "at"));

		assert_non_null(at);
		if (prev && strcmp(prev, at) < 0)
			fail_msg("refusal %zu at %s is newer than the one above it (%s)", i, at, prev);
		prev = at;
	}
	json_decref(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_post_all_or_nothing),
		cmocka_unit_test(test_refusals_newest_first),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
