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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[64];
static struct app A;
static struct actor T; /* the demo teacher */
static int64_t CLASS;   /* the class they head (三年级（1）班) */

static int64_t scalar(const char *sql)
{
	struct app_err e = { 0 };
	struct db *db = app_db_get(&A, &e);
	struct db_res *r = NULL;
	struct db_err dbe = { 0 };
	int64_t n;

	assert_non_null(db);
	if (db_exec(db, sql, NULL, 0, &r, &dbe) != 0)
		fail_msg("%s: %s", sql, dbe.msg);
	n = db_res_int(r, 0, 0);
	db_res_free(r);
	app_db_put(&A, db);
	return n;
}

struct snap {
	int64_t items, total, changes, audit, refusals;
};

static void snap(struct snap *s)
{
	s->items = scalar("SELECT COUNT(*) FROM homework");
	s->total = scalar("SELECT COALESCE(SUM(written_minutes), 0) FROM hw_class_day");
	s->changes = scalar("SELECT COUNT(*) FROM hw_change");
	s->audit = scalar("SELECT COUNT(*) FROM audit");
	s->refusals = scalar("SELECT COUNT(*) FROM hw_refusal");
}

static int setup(void **state)
{
	struct app_config cfg;
	struct app_err e = { 0 };
	struct db_err dbe = { 0 };
	struct store_user u;
	struct db *db;
	char msg[512];
	int fd;

	(void)state;
	snprintf(path, sizeof path, "/tmp/sj-hwfaults-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	unlink(path);
	app_config_defaults(&cfg);
	if (app_open(&A, DB_SQLITE, path, NULL, &cfg, msg, sizeof msg) != 0)
		fail_msg("app_open: %s", msg);
	if (!freopen("/dev/null", "w", stdout) ||
	    app_demo(&A, "hw-faults-pass-2026!", 1, 7, &e) != 0)
		fail_msg("demo: %s", e.message);
	db = app_db_get(&A, &e);
	if (!db || store_user_by_name(db, "teacher", &u, &dbe) != 0)
		fail_msg("teacher not found");
	app_db_put(&A, db);
	memset(&T, 0, sizeof T);
	T.user_id = u.id;
	T.district_id = u.district_id;
	T.school_id = u.school_id;
	T.role = ROLE_TEACHER;
	snprintf(T.username, sizeof T.username, "teacher");
	snprintf(T.request_id, sizeof T.request_id, "test-req");
	CLASS = scalar("SELECT c.id FROM class c JOIN staff s ON s.id = c.head_teacher_id"
		       " JOIN users u ON u.id = s.user_id WHERE u.username = 'teacher'");
	return CLASS > 0 ? 0 : -1;
}

static int teardown(void **state)
{
	char p[96];

	(void)state;
	db_fail_after(0);
	app_close(&A);
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
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
		rc = app_hw_post(&A, &T, in, &out, &e);
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
	assert_int_equal(scalar("SELECT SUM(written_minutes) FROM hw_class_day"
				" WHERE day = '2026-06-01'"), 60);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_post_all_or_nothing),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
