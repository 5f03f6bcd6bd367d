/* test_faults.c - RELIABILITY.md "Disk full / I/O error": a write that finds
 * the database full answers 507 with a generic body, stores nothing, and
 * writes resume when space returns, with no restart. The full disk is made
 * with PRAGMA max_page_count on the pooled connection the app will use. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[64];

static int64_t count(struct app *a, const char *sql)
{
	struct app_err e = { 0 };
	struct db *db = app_db_get(a, &e);
	struct db_res *r = NULL;
	struct db_err dbe;
	int64_t n;

	assert_non_null(db);
	assert_int_equal(db_exec(db, sql, NULL, 0, &r, &dbe), 0);
	n = db_res_int(r, 0, 0);
	db_res_free(r);
	app_db_put(a, db);
	return n;
}

/* Make the database full on the one pooled connection: a max_page_count
 * below the current size clamps to the current size (no new page fits); a
 * large one gives the space back. */
static void limit_pages(struct app *a, int grow)
{
	struct app_err e = { 0 };
	struct db *db = app_db_get(a, &e);
	struct db_err dbe;

	assert_non_null(db);
	assert_int_equal(db_exec(db, grow ? "PRAGMA max_page_count = 1000000"
					  : "PRAGMA max_page_count = 1", NULL, 0, NULL, &dbe), 0);
	app_db_put(a, db);
}

static void test_disk_full_answers_507_and_recovers(void **state)
{
	struct app a;
	struct app_config cfg;
	struct app_err e = { 0 };
	struct actor admin = { .user_id = 1, .district_id = 1, .role = ROLE_DISTRICT_ADMIN };
	char msg[256];
	json_t *out = NULL;
	int64_t users, audits;
	char name[32], pw[] = "a-good-password-2026";

	(void)state;
	app_config_defaults(&cfg);
	cfg.pool_size = 1; /* every use case gets the connection we limit */
	assert_int_equal(app_open(&a, DB_SQLITE, path, NULL, &cfg, msg, sizeof msg), 0);
	assert_int_equal(app_init_admin(&a, "admin", "管理员", pw, &e), 0);
	snprintf(admin.username, sizeof admin.username, "admin");
	users = count(&a, "SELECT COUNT(*) FROM users");
	audits = count(&a, "SELECT COUNT(*) FROM audit");

	limit_pages(&a, 0);
	/* Fill the last pages: a few creates may still fit; one must not. */
	for (int i = 0; i < 200; i++) {
		struct user_in in = { .username = name, .display_name = "满盘测试", .role = "teacher",
				      .password = pw };

		snprintf(name, sizeof name, "full%d", i);
		if (app_user_create(&a, &admin, &in, &out, &e) != 0)
			break;
		json_decref(out);
		out = NULL;
		users++;
		audits++;
	}
	assert_int_equal(e.status, 507);
	assert_string_equal(e.code, "STORE_FULL");
	assert_null(strstr(e.message, "SQL")); /* generic text, no library words */
	app_err_clear(&e);
	/* nothing of the refused write is stored */
	assert_int_equal(count(&a, "SELECT COUNT(*) FROM users"), users);
	assert_int_equal(count(&a, "SELECT COUNT(*) FROM audit"), audits);

	/* space returns: the same process writes again */
	limit_pages(&a, 1);
	{
		struct user_in in = { .username = "afterfull", .display_name = "恢复", .role = "teacher",
				      .password = pw };

		assert_int_equal(app_user_create(&a, &admin, &in, &out, &e), 0);
		json_decref(out);
	}
	assert_int_equal(count(&a, "SELECT COUNT(*) FROM users"), users + 1);
	app_close(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_disk_full_answers_507_and_recovers),
	};
	int fd, rc;

	snprintf(path, sizeof path, "/tmp/sj-faults-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return 1;
	close(fd);
	unlink(path);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	unlink(path);
	return rc;
}
