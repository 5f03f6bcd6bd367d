/* test_store.c - src/store (store.h over SQLite) and the app use cases that
 * RELIABILITY.md makes promises about: one transaction per use case under
 * fault injection, lockout, session idle timeout, connection settings,
 * the audit chain against tampering, online backup.
 *
 * Each test runs in its own mkdtemp folder under /tmp, removed afterwards.
 * Run from the repository root. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "app/app.h"
#include "core/audit_chain.h"
#include "store/db.h"
#include "store/store.h"
#include "util/embed.h"
#include "util/log.h"
#include "util/timeutil.h"

#define ADMIN_PW "Xinrong-Admin-2026!"
#define USER_PW "Chalk-and-Blackboard-42"

/* ---- fixture ---- */

struct fx {
	char dir[64];
	char path[128]; /* the database file */
	struct db *db;  /* direct connection (store tests) */
	struct app app; /* app tests */
	int app_open;
	struct actor admin;
};

static void fx_file(const struct fx *f, const char *name, char *out, size_t cap)
{
	snprintf(out, cap, "%s/%s", f->dir, name);
}

static struct db *open_db(const char *path)
{
	struct db_err e = { 0 };
	struct db *db = db_open(DB_SQLITE, path, 5000, 0, &e);

	if (!db)
		fail_msg("db_open(%s): kind %d: %s", path, e.kind, e.msg);
	return db;
}

static int setup_raw(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (!f)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/sj_test_store_XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	fx_file(f, "sj.db", f->path, sizeof f->path);
	f->db = open_db(f->path);
	*state = f;
	return 0;
}

/* A migrated database. */
static int setup(void **state)
{
	struct db_err e = { 0 };
	struct fx *f;

	if (setup_raw(state) != 0)
		return -1;
	f = *state;
	if (store_migrate(f->db, NULL, &e) != 0)
		fail_msg("migrate: %s", e.msg);
	return 0;
}

/* An app on a fresh file with the built-in pack, a first administrator
 * (app_init_admin creates the district) and an actor for that admin. */
static int setup_app(void **state)
{
	struct app_config cfg;
	struct app_err e = { 0 };
	struct db_err dbe = { 0 };
	struct store_user u;
	char msg[512];
	struct fx *f;

	if (setup_raw(state) != 0)
		return -1;
	f = *state;
	db_close(f->db); /* the app migrates; reopened below */
	app_config_defaults(&cfg);
	if (app_open(&f->app, DB_SQLITE, f->path, NULL, &cfg, msg, sizeof msg) != 0)
		fail_msg("app_open: %s", msg);
	f->app_open = 1;
	if (app_init_admin(&f->app, "admin", "区教育局管理员", ADMIN_PW, &e) != 0)
		fail_msg("app_init_admin: %d %s %s", e.status, e.code, e.message);
	f->db = open_db(f->path);
	if (store_user_by_name(f->db, "admin", &u, &dbe) != 0)
		fail_msg("admin not found");
	memset(&f->admin, 0, sizeof f->admin);
	f->admin.user_id = u.id;
	f->admin.district_id = u.district_id;
	f->admin.role = ROLE_DISTRICT_ADMIN;
	snprintf(f->admin.username, sizeof f->admin.username, "admin");
	snprintf(f->admin.request_id, sizeof f->admin.request_id, "test-req");
	snprintf(f->admin.ip, sizeof f->admin.ip, "127.0.0.1");
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	DIR *d;
	struct dirent *de;

	db_fail_after(0);
	time_pin(0);
	db_close(f->db);
	if (f->app_open)
		app_close(&f->app);
	d = opendir(f->dir);
	while (d && (de = readdir(d)) != NULL) {
		char p[400];

		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof p, "%s/%s", f->dir, de->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* ---- helpers ---- */

static int64_t scalar(struct db *db, const char *sql)
{
	struct db_err e = { 0 };
	struct db_res *r = NULL;
	int64_t v;

	if (db_exec(db, sql, NULL, 0, &r, &e) != 0)
		fail_msg("%s: %s", sql, e.msg);
	v = db_res_int(r, 0, 0);
	db_res_free(r);
	return v;
}

static void pragma_text(struct db *db, const char *sql, char *out, size_t cap)
{
	struct db_err e = { 0 };
	struct db_res *r = NULL;

	if (db_exec(db, sql, NULL, 0, &r, &e) != 0)
		fail_msg("%s: %s", sql, e.msg);
	snprintf(out, cap, "%s", db_res_text(r, 0, 0) ? db_res_text(r, 0, 0) : "(null)");
	db_res_free(r);
}

static const char SQL_USERS[] = "SELECT COUNT(*) FROM users";
static const char SQL_AUDIT[] = "SELECT COUNT(*) FROM audit";

/* Run SQL behind the program's back: the raw sqlite3 API, no defensive mode. */
static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *h = NULL;
	char *msg = NULL;

	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		fail_msg("raw open %s", path);
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		char copy[256];

		snprintf(copy, sizeof copy, "%s", msg ? msg : "?");
		sqlite3_free(msg);
		sqlite3_close(h);
		fail_msg("raw %s: %s", sql, copy);
	}
	sqlite3_close(h);
}

static int64_t add_user(struct db *db, int64_t district, const char *name, const char *display,
			const char *role, int64_t school)
{
	struct store_user u = { 0 };
	struct db_err e = { 0 };
	int64_t id = 0;

	u.district_id = district;
	u.school_id = school;
	snprintf(u.username, sizeof u.username, "%s", name);
	snprintf(u.display_name, sizeof u.display_name, "%s", display);
	snprintf(u.role, sizeof u.role, "%s", role);
	snprintf(u.password_hash, sizeof u.password_hash, "$argon2id$fake");
	if (store_user_insert(db, &u, 1000, &id, &e) != 0)
		fail_msg("insert %s: %d %s", name, e.kind, e.msg);
	return id;
}

static int64_t district(struct db *db, const char *code)
{
	struct db_err e = { 0 };
	int64_t id = 0;

	if (store_district_ensure(db, code, "新荣区", 1000, &id, &e) != 0)
		fail_msg("district: %s", e.msg);
	return id;
}

/* ==================================================== migrations, PRAGMAs */

/* store.h: "apply each embedded migration not yet applied": once, then none. */
/* How many migrations the binary carries, and the number of the last. */
static int n_migrations(void)
{
	int n = 0;

	for (const struct embed_file *m = embed_mig_sqlite; m->name; m++)
		n++;
	return n;
}

static int last_migration(void)
{
	int v = 0;

	for (const struct embed_file *m = embed_mig_sqlite; m->name; m++)
		v = (int)strtol(m->name, NULL, 10);
	return v;
}

static void test_migrate_once_idempotent(void **state)
{
	struct fx *f = *state;
	struct db_err e = { 0 };
	int applied = -1;

	assert_int_equal(store_schema_version(f->db, &e), 0);
	assert_int_equal(store_migrate(f->db, &applied, &e), 0);
	assert_int_equal(applied, n_migrations());
	assert_int_equal(store_schema_version(f->db, &e), last_migration());
	assert_int_equal(store_migrate(f->db, &applied, &e), 0);
	assert_int_equal(applied, 0);
	assert_int_equal(store_schema_version(f->db, &e), last_migration());
	assert_int_equal(scalar(f->db, "SELECT COUNT(*) FROM schema_migrations"), n_migrations());
	/* the schema is there: the audit triggers too */
	assert_int_equal(scalar(f->db, "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'trigger'"
				" AND name IN ('audit_no_update', 'audit_no_delete')"), 2);
	/* and a new connection agrees */
	db_close(f->db);
	f->db = open_db(f->path);
	assert_int_equal(store_migrate(f->db, &applied, &e), 0);
	assert_int_equal(applied, 0);
}

/* RELIABILITY "Connection settings": open through the same factory and assert
 * each PRAGMA: WAL, synchronous=FULL, foreign_keys=ON, busy_timeout >= 5 s,
 * trusted_schema=OFF, defensive mode. */
static void test_connection_pragmas(void **state)
{
	struct fx *f = *state;
	struct db_err e = { 0 };
	char v[64];
	struct db *n;

	pragma_text(f->db, "PRAGMA journal_mode", v, sizeof v);
	assert_string_equal(v, "wal");
	assert_int_equal(scalar(f->db, "PRAGMA synchronous"), 2); /* FULL */
	assert_int_equal(scalar(f->db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(scalar(f->db, "PRAGMA busy_timeout"), 5000);
	assert_int_equal(scalar(f->db, "PRAGMA trusted_schema"), 0);
	/* defensive: even with writable_schema=ON the schema table cannot be edited */
	assert_int_equal(db_exec(f->db, "PRAGMA writable_schema=ON", NULL, 0, NULL, &e), 0);
	assert_int_equal(db_exec(f->db, "UPDATE sqlite_schema SET sql = sql WHERE name = 'users'",
				 NULL, 0, NULL, &e), -1);
	assert_int_equal(db_exec(f->db, "PRAGMA writable_schema=OFF", NULL, 0, NULL, &e), 0);
	/* the other side: NORMAL only when asked for, and the timeout is the one given */
	n = db_open(DB_SQLITE, f->path, 7000, 1, &e);
	assert_non_null(n);
	assert_int_equal(scalar(n, "PRAGMA synchronous"), 1); /* NORMAL */
	assert_int_equal(scalar(n, "PRAGMA busy_timeout"), 7000);
	db_close(n);
	/* foreign_keys is on in practice: a user in no district is refused */
	{
		struct store_user u = { .district_id = 999 };
		int64_t id;

		snprintf(u.username, sizeof u.username, "orphan");
		snprintf(u.display_name, sizeof u.display_name, "x");
		snprintf(u.role, sizeof u.role, "teacher");
		snprintf(u.password_hash, sizeof u.password_hash, "h");
		assert_int_equal(store_user_insert(f->db, &u, 1, &id, &e), -1);
		assert_int_equal(e.kind, DB_ERR_CONSTRAINT);
	}
}

/* RELIABILITY "Connection settings" through the app's pool, the factory the
 * server uses. */
static void test_connection_pragmas_app_pool(void **state)
{
	struct fx *f = *state;
	struct app_err e = { 0 };
	struct db *db = app_db_get(&f->app, &e);
	char v[64];

	assert_non_null(db);
	pragma_text(db, "PRAGMA journal_mode", v, sizeof v);
	assert_string_equal(v, "wal");
	assert_int_equal(scalar(db, "PRAGMA synchronous"), 2);
	assert_int_equal(scalar(db, "PRAGMA foreign_keys"), 1);
	assert_true(scalar(db, "PRAGMA busy_timeout") >= 5000);
	assert_int_equal(scalar(db, "PRAGMA trusted_schema"), 0);
	app_db_put(&f->app, db);
}

/* ==================================================== districts, users */

/* store.h: store_district_ensure is idempotent on the code. */
static void test_district_ensure_idempotent(void **state)
{
	struct fx *f = *state;
	struct db_err e = { 0 };
	int64_t a = 0, b = 0, c = 0;
	char name[64];

	assert_int_equal(store_district_ensure(f->db, "default", "新荣区", 1000, &a, &e), 0);
	assert_true(a > 0);
	assert_int_equal(store_district_ensure(f->db, "default", "新荣区教育局", 2000, &b, &e), 0);
	assert_int_equal(a, b);
	assert_int_equal(scalar(f->db, "SELECT COUNT(*) FROM district"), 1);
	assert_int_equal(store_district_name(f->db, a, name, sizeof name, &e), 0);
	assert_string_equal(name, "新荣区教育局");
	assert_int_equal(store_district_ensure(f->db, "other", "另一区", 1000, &c, &e), 0);
	assert_int_not_equal(c, a);
	assert_int_equal(store_district_name(f->db, 9999, name, sizeof name, &e), 1);
}

/* store.h: insert, then find by name and by id, every field back. */
static void test_user_insert_and_lookup(void **state)
{
	struct fx *f = *state;
	struct store_user u = { 0 }, got;
	struct db_err e = { 0 };
	int64_t d = district(f->db, "default"), id = 0, id2;

	u.district_id = d;
	snprintf(u.username, sizeof u.username, "chen.teacher");
	snprintf(u.display_name, sizeof u.display_name, "第一小学 陈老师");
	snprintf(u.role, sizeof u.role, "teacher");
	snprintf(u.password_hash, sizeof u.password_hash, "$argon2id$v=19$x");
	u.school_id = 0;
	assert_int_equal(store_user_insert(f->db, &u, 1000, &id, &e), 0);
	assert_true(id > 0);
	assert_int_equal(store_user_by_name(f->db, "chen.teacher", &got, &e), 0);
	assert_int_equal(got.id, id);
	assert_int_equal(got.district_id, d);
	assert_int_equal(got.school_id, 0);
	assert_string_equal(got.username, "chen.teacher");
	assert_string_equal(got.display_name, "第一小学 陈老师");
	assert_string_equal(got.role, "teacher");
	assert_string_equal(got.password_hash, "$argon2id$v=19$x");
	assert_int_equal(got.disabled, 0);
	assert_int_equal(store_user_by_id(f->db, id, &got, &e), 0);
	assert_string_equal(got.username, "chen.teacher");
	/* not found is 1, not an error */
	assert_int_equal(store_user_by_name(f->db, "nobody", &got, &e), 1);
	assert_int_equal(store_user_by_id(f->db, id + 100, &got, &e), 1);
	/* a school id round-trips; failures are stored */
	id2 = add_user(f->db, d, "zhang.principal", "张校长", "principal", 7);
	assert_int_equal(store_user_by_id(f->db, id2, &got, &e), 0);
	assert_int_equal(got.school_id, 7);
	{
		/* sign-in failures by name: held (made if missing), set, cleared,
		 * pruned when old and not locked */
		struct store_signin_name sn;

		assert_int_equal(store_signin_name_get(f->db, "zhang.principal", &sn, &e), 1);
		assert_int_equal(store_signin_name_hold(f->db, "zhang.principal", 100, &sn, &e), 0);
		assert_int_equal(sn.failed_count, 0);
		assert_int_equal(sn.updated_at, 100);
		assert_int_equal(store_signin_name_set(f->db, "zhang.principal", 3, 5000, 200, &e), 0);
		assert_int_equal(store_signin_name_hold(f->db, "zhang.principal", 300, &sn, &e), 0);
		assert_int_equal(sn.failed_count, 3);
		assert_int_equal(sn.locked_until, 5000);
		assert_int_equal(sn.updated_at, 200);
		assert_int_equal(store_signin_name_set(f->db, "no.such.user", 2, 0, 200, &e), 0);
		assert_int_equal(store_signin_name_get(f->db, "no.such.user", &sn, &e), 1);
		assert_int_equal(store_signin_name_hold(f->db, "no.such.user", 300, &sn, &e), 0);
		assert_int_equal(store_signin_name_set(f->db, "no.such.user", 2, 0, 300, &e), 0);
		/* both last failed before 301; only the unlocked one goes */
		assert_int_equal(store_signin_name_prune(f->db, 301, 4000, &e), 0);
		assert_int_equal(store_signin_name_get(f->db, "no.such.user", &sn, &e), 1);
		assert_int_equal(store_signin_name_get(f->db, "zhang.principal", &sn, &e), 0);
		assert_int_equal(store_signin_name_prune(f->db, 301, 5000, &e), 0);
		assert_int_equal(store_signin_name_get(f->db, "zhang.principal", &sn, &e), 1);
		assert_int_equal(store_signin_name_hold(f->db, "zhang.principal", 300, &sn, &e), 0);
		assert_int_equal(store_signin_name_clear(f->db, "zhang.principal", &e), 0);
		assert_int_equal(store_signin_name_get(f->db, "zhang.principal", &sn, &e), 1);
	}
	{
		int64_t n = 0;

		assert_int_equal(store_user_count(f->db, &n, &e), 0);
		assert_int_equal(n, 2);
	}
}

/* store.h: "DB_ERR_UNIQUE on a taken name"; and the role CHECK holds. */
static void test_user_duplicate_and_bad_role(void **state)
{
	struct fx *f = *state;
	struct store_user u = { 0 };
	struct db_err e = { 0 };
	int64_t d = district(f->db, "default"), id = 0;

	add_user(f->db, d, "li.parent", "李女士", "parent", 0);
	u.district_id = d;
	snprintf(u.username, sizeof u.username, "li.parent");
	snprintf(u.display_name, sizeof u.display_name, "另一个李女士");
	snprintf(u.role, sizeof u.role, "parent");
	snprintf(u.password_hash, sizeof u.password_hash, "h");
	assert_int_equal(store_user_insert(f->db, &u, 1000, &id, &e), -1);
	assert_int_equal(e.kind, DB_ERR_UNIQUE);
	assert_int_equal(scalar(f->db, SQL_USERS), 1);
	snprintf(u.username, sizeof u.username, "li.parent2");
	snprintf(u.role, sizeof u.role, "superuser");
	assert_int_equal(store_user_insert(f->db, &u, 1000, &id, &e), -1);
	assert_int_equal(e.kind, DB_ERR_CONSTRAINT);
	snprintf(u.role, sizeof u.role, "parent");
	assert_int_equal(store_user_insert(f->db, &u, 1000, &id, &e), 0);
}

static int64_t list_ids(struct db *db, int64_t d, const char *role, const char *q, int64_t after,
			int limit, int64_t *ids, int cap)
{
	struct db_err e = { 0 };
	struct db_res *r = NULL;
	int n;

	if (store_user_list(db, d, role, q, 0, after, limit, &r, &e) != 0)
		fail_msg("list: %s", e.msg);
	n = db_res_rows(r);
	assert_true(n <= cap);
	for (int i = 0; i < n; i++)
		ids[i] = db_res_int(r, i, 0);
	assert_true(n == 0 || db_res_cols(r) == 7);
	db_res_free(r);
	return n;
}

/* store.h: user list pages by (after, limit) in id order, filters by district,
 * role and a substring q of username or display name (Chinese too). */
static void test_user_list_paging_filters(void **state)
{
	struct fx *f = *state;
	int64_t d = district(f->db, "default"), d2 = district(f->db, "other");
	int64_t u[6], ids[10];

	u[0] = add_user(f->db, d, "admin", "区管理员", "district_admin", 0);
	u[1] = add_user(f->db, d, "chen.teacher", "第一小学 陈老师", "teacher", 1);
	u[2] = add_user(f->db, d, "wang.teacher", "第二小学 王老师", "teacher", 2);
	u[3] = add_user(f->db, d, "zhao.parent", "家长 赵女士", "parent", 0);
	u[4] = add_user(f->db, d, "liu.academic", "第一小学 教导处 刘主任", "academic_office", 1);
	u[5] = add_user(f->db, d2, "other.teacher", "外区 老师", "teacher", 0);

	/* paging: 2 + 2 + 1 + 0, strictly after the cursor, district d only */
	assert_int_equal(list_ids(f->db, d, NULL, NULL, 0, 2, ids, 10), 2);
	assert_int_equal(ids[0], u[0]);
	assert_int_equal(ids[1], u[1]);
	assert_int_equal(list_ids(f->db, d, NULL, NULL, ids[1], 2, ids, 10), 2);
	assert_int_equal(ids[0], u[2]);
	assert_int_equal(ids[1], u[3]);
	assert_int_equal(list_ids(f->db, d, NULL, NULL, u[3], 2, ids, 10), 1);
	assert_int_equal(ids[0], u[4]);
	assert_int_equal(list_ids(f->db, d, NULL, NULL, u[4], 2, ids, 10), 0);
	assert_int_equal(list_ids(f->db, d, NULL, NULL, 0, 100, ids, 10), 5);
	assert_int_equal(list_ids(f->db, d, NULL, NULL, 0, 1, ids, 10), 1);
	/* role filter */
	assert_int_equal(list_ids(f->db, d, "teacher", NULL, 0, 100, ids, 10), 2);
	assert_int_equal(ids[0], u[1]);
	assert_int_equal(ids[1], u[2]);
	assert_int_equal(list_ids(f->db, d2, "teacher", NULL, 0, 100, ids, 10), 1);
	assert_int_equal(ids[0], u[5]);
	assert_int_equal(list_ids(f->db, d, "inspector", NULL, 0, 100, ids, 10), 0);
	/* q on username */
	assert_int_equal(list_ids(f->db, d, NULL, "teacher", 0, 100, ids, 10), 2);
	assert_int_equal(list_ids(f->db, d, NULL, "zhao", 0, 100, ids, 10), 1);
	assert_int_equal(ids[0], u[3]);
	/* q on display name, in Chinese */
	assert_int_equal(list_ids(f->db, d, NULL, "第一小学", 0, 100, ids, 10), 2);
	assert_int_equal(ids[0], u[1]);
	assert_int_equal(ids[1], u[4]);
	assert_int_equal(list_ids(f->db, d, NULL, "老师", 0, 100, ids, 10), 2);
	assert_int_equal(list_ids(f->db, d, NULL, "赵", 0, 100, ids, 10), 1);
	assert_int_equal(list_ids(f->db, d, NULL, "校长", 0, 100, ids, 10), 0);
	/* role and q together */
	assert_int_equal(list_ids(f->db, d, "teacher", "第二", 0, 100, ids, 10), 1);
	assert_int_equal(ids[0], u[2]);
	assert_int_equal(list_ids(f->db, d, "parent", "第二", 0, 100, ids, 10), 0);
}

/* store_user_list: q is a literal substring ('_' and '%' are not wildcards)
 * and matches user names whatever their case, on both backends. */
static void test_user_list_q_literal(void **state)
{
	struct fx *f = *state;
	int64_t d = district(f->db, "default"), ids[10];
	int64_t a = add_user(f->db, d, "chen.teacher", "陈老师", "teacher", 0);
	int64_t b = add_user(f->db, d, "t_1", "下划线", "teacher", 0);

	assert_int_equal(list_ids(f->db, d, NULL, "%", 0, 100, ids, 10), 0);
	assert_int_equal(list_ids(f->db, d, NULL, "_", 0, 100, ids, 10), 1);
	assert_int_equal(ids[0], b);
	assert_int_equal(list_ids(f->db, d, NULL, "t_1", 0, 100, ids, 10), 1);
	assert_int_equal(list_ids(f->db, d, NULL, "CHEN", 0, 100, ids, 10), 1);
	assert_int_equal(ids[0], a);
}

/* ==================================================== sessions, tokens */

/* store.h: a live session is found; touch moves last_seen; revoked is not found. */
static void test_sessions(void **state)
{
	struct fx *f = *state;
	struct db_err e = { 0 };
	int64_t d = district(f->db, "default"), uid = add_user(f->db, d, "t1", "T", "teacher", 0);
	int64_t last = 0;
	struct store_user got;
	char csrf[65];
	const char *h1 = "aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11";
	const char *h2 = "bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22bb22";

	assert_int_equal(store_session_insert(f->db, h1, uid, d, "csrf-one", 5000, &e), 0);
	assert_int_equal(store_session_insert(f->db, h2, uid, d, "csrf-two", 5000, &e), 0);
	assert_int_equal(store_session_user(f->db, h1, &got, csrf, sizeof csrf, &last, &e), 0);
	assert_int_equal(got.id, uid);
	assert_string_equal(got.username, "t1");
	assert_string_equal(csrf, "csrf-one");
	assert_int_equal(last, 5000);
	assert_int_equal(store_session_touch(f->db, h1, 6000, &e), 0);
	assert_int_equal(store_session_user(f->db, h1, &got, csrf, sizeof csrf, &last, &e), 0);
	assert_int_equal(last, 6000);
	assert_int_equal(store_session_revoke(f->db, h1, &e), 0);
	assert_int_equal(store_session_user(f->db, h1, &got, csrf, sizeof csrf, &last, &e), 1);
	/* the other session is untouched */
	assert_int_equal(store_session_user(f->db, h2, &got, csrf, sizeof csrf, &last, &e), 0);
	assert_string_equal(csrf, "csrf-two");
	assert_int_equal(last, 5000);
	/* unknown */
	assert_int_equal(store_session_user(f->db, "00", &got, csrf, sizeof csrf, &last, &e), 1);
	/* same id twice is refused */
	assert_int_equal(store_session_insert(f->db, h2, uid, d, "x", 1, &e), -1);
	assert_int_equal(e.kind, DB_ERR_UNIQUE);
	/* a session for a user that does not exist is refused (foreign key) */
	assert_int_equal(store_session_insert(f->db, "cc", uid + 50, d, "x", 1, &e), -1);
	assert_int_equal(e.kind, DB_ERR_CONSTRAINT);
}

/* store.h: bearer tokens (stored hashed) resolve to their user; unknown is 1. */
static void test_tokens(void **state)
{
	struct fx *f = *state;
	struct db_err e = { 0 };
	int64_t d = district(f->db, "default"), u1 = add_user(f->db, d, "t1", "T", "teacher", 0);
	int64_t u2 = add_user(f->db, d, "t2", "T", "teacher", 0), id1 = 0, id2 = 0;
	struct store_user who;

	assert_int_equal(store_token_insert(f->db, "hash-1", u1, d, "import", 1000, &id1, &e), 0);
	assert_int_equal(store_token_insert(f->db, "hash-2", u2, d, "report", 1000, &id2, &e), 0);
	assert_true(id1 > 0 && id2 > id1);
	assert_int_equal(store_token_user(f->db, "hash-1", &who, &e), 0);
	assert_int_equal(who.id, u1);
	assert_string_equal(who.username, "t1");
	assert_int_equal(store_token_user(f->db, "hash-2", &who, &e), 0);
	assert_int_equal(who.id, u2);
	assert_int_equal(store_token_user(f->db, "hash-3", &who, &e), 1);
	assert_int_equal(store_token_insert(f->db, "hash-1", u2, d, "dup", 1000, &id2, &e), -1);
	assert_int_equal(e.kind, DB_ERR_UNIQUE);
	/* a revoked token is not found */
	assert_int_equal(db_exec(f->db, "UPDATE tokens SET revoked = 1 WHERE token_hash = 'hash-1'",
				 NULL, 0, NULL, &e), 0);
	assert_int_equal(store_token_user(f->db, "hash-1", &who, &e), 1);
}

/* ==================================================== audit chain */

static void append_rows(struct db *db, int64_t district_id, int n, int64_t first_seq)
{
	for (int i = 0; i < n; i++) {
		struct db_err e = { 0 };
		char object[32];
		struct audit_fields fl = {
			.district_id = district_id, .at = 1795000000 + i, .actor = "admin",
			.role = "district_admin", .action = "user.create", .object = object,
			.result = "ok", .request_id = "req", .ip = "127.0.0.1", .details = "{}"
		};

		snprintf(object, sizeof object, "user/%d", i + 1);
		if (db_begin_write(db, &e) != 0)
			fail_msg("begin: %s", e.msg);
		if (store_audit_append(db, &fl, 0, &e) != 0)
			fail_msg("append: %s", e.msg);
		if (db_commit(db, &e) != 0)
			fail_msg("commit: %s", e.msg);
		assert_int_equal(fl.seq, first_seq + i);
	}
}

static int verify(struct db *db, int64_t *rows, int64_t *bad_id, int64_t *bad_seq)
{
	struct db_err e = { 0 };
	int64_t bad_d = -1;
	const char *why = NULL;
	int rc;

	*bad_id = -1;
	*bad_seq = -1;
	rc = store_audit_verify(db, rows, bad_id, &bad_d, bad_seq, &why, &e);
	if (rc == 1)
		assert_non_null(why);
	return rc;
}

static int64_t audit_id_of_seq(struct db *db, int64_t seq)
{
	struct db_val p[1] = { DB_INT(seq) };
	struct db_err e = { 0 };
	struct db_res *r = NULL;
	int64_t id;

	if (db_exec(db, "SELECT id FROM audit WHERE district_id = 1 AND chain_seq = ?", p, 1, &r, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(db_res_rows(r), 1);
	id = db_res_int(r, 0, 0);
	db_res_free(r);
	return id;
}

/* RELIABILITY "Audit": rows are hash-chained; an intact chain verifies. */
static void test_audit_chain_intact(void **state)
{
	struct fx *f = *state;
	int64_t rows = 0, bad_id, bad_seq;
	struct db_err e = { 0 };
	struct db_res *r = NULL;

	/* the empty store verifies */
	assert_int_equal(verify(f->db, &rows, &bad_id, &bad_seq), 0);
	assert_int_equal(rows, 0);
	append_rows(f->db, 1, 3, 1);
	assert_int_equal(scalar(f->db, "SELECT MIN(chain_seq) FROM audit"), 1);
	assert_int_equal(scalar(f->db, "SELECT MAX(chain_seq) FROM audit"), 3);
	assert_int_equal(scalar(f->db, "SELECT seq FROM audit_head WHERE district_id = 1"), 3);
	assert_int_equal(verify(f->db, &rows, &bad_id, &bad_seq), 0);
	assert_int_equal(rows, 3);
	/* each row's prev_hash is the previous row's hash; the first is genesis */
	assert_int_equal(db_exec(f->db, "SELECT prev_hash, hash FROM audit ORDER BY chain_seq",
				 NULL, 0, &r, &e), 0);
	assert_string_equal(db_res_text(r, 0, 0), AUDIT_GENESIS);
	assert_string_equal(db_res_text(r, 1, 0), db_res_text(r, 0, 1));
	assert_string_equal(db_res_text(r, 2, 0), db_res_text(r, 1, 1));
	db_res_free(r);
	/* a second district has its own chain from 1 */
	append_rows(f->db, 2, 2, 1);
	append_rows(f->db, 1, 1, 4);
	assert_int_equal(verify(f->db, &rows, &bad_id, &bad_seq), 0);
	assert_int_equal(rows, 6);
}

/* RELIABILITY "Audit": "shuangjian audit verify finds an edited row": drop the
 * update trigger behind the program's back, edit row 2's result. */
static void test_audit_tamper_update_found(void **state)
{
	struct fx *f = *state;
	int64_t rows, bad_id, bad_seq, id2;

	append_rows(f->db, 1, 3, 1);
	id2 = audit_id_of_seq(f->db, 2);
	db_close(f->db);
	raw_exec(f->path, "DROP TRIGGER audit_no_update;"
			  " UPDATE audit SET result = 'denied' WHERE chain_seq = 2");
	f->db = open_db(f->path);
	assert_int_equal(verify(f->db, &rows, &bad_id, &bad_seq), 1);
	assert_int_equal(bad_id, id2);
	assert_int_equal(bad_seq, 2);
	assert_int_equal(rows, 1); /* row 1 was read and fine */
}

/* RELIABILITY "Audit": re-hashing the edited row does not help: the next
 * row's prev_hash no longer matches. */
static void test_audit_tamper_rehash_found(void **state)
{
	struct fx *f = *state;
	int64_t rows, bad_id, bad_seq;
	struct db_err e = { 0 };
	struct db_res *r = NULL;
	char h[AUDIT_HASH_HEX], sql[512];

	append_rows(f->db, 1, 3, 1);
	assert_int_equal(db_exec(f->db, "SELECT prev_hash, at, actor, role, action, object, result,"
				 " request_id, ip, details FROM audit WHERE chain_seq = 2",
				 NULL, 0, &r, &e), 0);
	{
		struct audit_fields fl = {
			.district_id = 1, .seq = 2, .at = db_res_int(r, 0, 1),
			.actor = db_res_text(r, 0, 2), .role = db_res_text(r, 0, 3),
			.action = db_res_text(r, 0, 4), .object = "user/999",
			.result = db_res_text(r, 0, 6), .request_id = db_res_text(r, 0, 7),
			.ip = db_res_text(r, 0, 8), .details = db_res_text(r, 0, 9)
		};

		audit_chain_hash(db_res_text(r, 0, 0), &fl, h);
	}
	db_res_free(r);
	db_close(f->db);
	snprintf(sql, sizeof sql, "DROP TRIGGER audit_no_update; UPDATE audit SET object ="
		 " 'user/999', hash = '%s' WHERE chain_seq = 2", h);
	raw_exec(f->path, sql);
	f->db = open_db(f->path);
	assert_int_equal(verify(f->db, &rows, &bad_id, &bad_seq), 1);
	assert_int_equal(bad_id, audit_id_of_seq(f->db, 3));
	assert_int_equal(bad_seq, 3);
}

/* audit_chain.h: "removing a row breaks the chain": the last row cut off is
 * found by the head check. */
static void test_audit_tamper_delete_last_found(void **state)
{
	struct fx *f = *state;
	int64_t rows, bad_id, bad_seq;

	append_rows(f->db, 1, 3, 1);
	db_close(f->db);
	raw_exec(f->path, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE chain_seq = 3");
	f->db = open_db(f->path);
	assert_int_equal(verify(f->db, &rows, &bad_id, &bad_seq), 1);
	assert_int_equal(rows, 2);   /* rows 1 and 2 still chain */
	assert_int_equal(bad_seq, 3); /* the head says 3 */
}

/* audit_chain.h: a row removed from the middle is found at the gap. */
static void test_audit_tamper_delete_middle_found(void **state)
{
	struct fx *f = *state;
	int64_t rows, bad_id, bad_seq, id3;

	append_rows(f->db, 1, 3, 1);
	id3 = audit_id_of_seq(f->db, 3);
	db_close(f->db);
	raw_exec(f->path, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE chain_seq = 2");
	f->db = open_db(f->path);
	assert_int_equal(verify(f->db, &rows, &bad_id, &bad_seq), 1);
	assert_int_equal(bad_id, id3);
	assert_int_equal(bad_seq, 3);
}

/* store.c verify_heads: a row appended past the head (not through the program)
 * is found even when its hash is computed correctly. */
static void test_audit_forged_tail_found(void **state)
{
	struct fx *f = *state;
	int64_t rows, bad_id, bad_seq;
	struct db_err e = { 0 };
	char prev[AUDIT_HASH_HEX], h[AUDIT_HASH_HEX], sql[1024];
	struct audit_fields fl = {
		.district_id = 1, .seq = 4, .at = 1795000100, .actor = "admin",
		.role = "district_admin", .action = "user.create", .object = "user/77",
		.result = "ok", .request_id = "req", .ip = "127.0.0.1", .details = "{}"
	};
	struct db_res *r = NULL;

	append_rows(f->db, 1, 3, 1);
	assert_int_equal(db_exec(f->db, "SELECT hash FROM audit WHERE chain_seq = 3", NULL, 0, &r,
				 &e), 0);
	snprintf(prev, sizeof prev, "%s", db_res_text(r, 0, 0));
	db_res_free(r);
	audit_chain_hash(prev, &fl, h);
	snprintf(sql, sizeof sql, "INSERT INTO audit (district_id, chain_seq, at, actor, role, action,"
		 " object, result, request_id, ip, details, prev_hash, hash) VALUES (1, 4, 1795000100,"
		 " 'admin', 'district_admin', 'user.create', 'user/77', 'ok', 'req', '127.0.0.1',"
		 " '{}', '%s', '%s')", prev, h);
	db_close(f->db);
	raw_exec(f->path, sql);
	f->db = open_db(f->path);
	assert_int_equal(verify(f->db, &rows, &bad_id, &bad_seq), 1);
	assert_int_equal(rows, 4); /* the chain itself is consistent ... */
	assert_int_equal(bad_seq, 3); /* ... but the head is at 3 */
}

/* RELIABILITY "Audit": "database triggers refuse" edits and deletes, seen
 * through db_exec as DB_ERR_CONSTRAINT; the row is unchanged. */
static void test_audit_triggers_refuse(void **state)
{
	struct fx *f = *state;
	struct db_err e = { 0 };
	int64_t rows, bad_id, bad_seq;

	append_rows(f->db, 1, 3, 1);
	assert_int_equal(db_exec(f->db, "UPDATE audit SET result = 'denied' WHERE chain_seq = 2",
				 NULL, 0, NULL, &e), -1);
	assert_int_equal(e.kind, DB_ERR_CONSTRAINT);
	assert_int_equal(db_exec(f->db, "DELETE FROM audit WHERE chain_seq = 3", NULL, 0, NULL, &e), -1);
	assert_int_equal(e.kind, DB_ERR_CONSTRAINT);
	assert_int_equal(db_exec(f->db, "DELETE FROM audit", NULL, 0, NULL, &e), -1);
	assert_int_equal(e.kind, DB_ERR_CONSTRAINT);
	assert_int_equal(scalar(f->db, SQL_AUDIT), 3);
	assert_int_equal(scalar(f->db, "SELECT COUNT(*) FROM audit WHERE result = 'ok'"), 3);
	assert_int_equal(verify(f->db, &rows, &bad_id, &bad_seq), 0);
	assert_int_equal(rows, 3);
}

/* store.h: store_audit_list newest first, filters by action, actor and [from, to). */
static void test_audit_list_filters(void **state)
{
	struct fx *f = *state;
	struct db_err e = { 0 };
	struct db_res *r = NULL;
	int64_t newest;

	append_rows(f->db, 1, 3, 1); /* at = 1795000000 .. +2 */
	append_rows(f->db, 2, 1, 1);
	assert_int_equal(store_audit_list(f->db, 1, NULL, NULL, 0, INT64_MAX, 0, 50, &r, &e), 0);
	assert_int_equal(db_res_rows(r), 3);
	assert_int_equal(db_res_int(r, 0, 1), 3); /* chain_seq, newest first */
	assert_int_equal(db_res_int(r, 2, 1), 1);
	newest = db_res_int(r, 0, 0);
	db_res_free(r);
	/* before: strictly older than the cursor */
	assert_int_equal(store_audit_list(f->db, 1, NULL, NULL, 0, INT64_MAX, newest, 50, &r, &e), 0);
	assert_int_equal(db_res_rows(r), 2);
	db_res_free(r);
	/* [from, to): from inclusive, to exclusive */
	assert_int_equal(store_audit_list(f->db, 1, NULL, NULL, 1795000001, 1795000002, 0, 50, &r,
					  &e), 0);
	assert_int_equal(db_res_rows(r), 1);
	assert_int_equal(db_res_int(r, 0, 1), 2);
	db_res_free(r);
	assert_int_equal(store_audit_list(f->db, 1, "user.create", "admin", 0, INT64_MAX, 0, 2, &r,
					  &e), 0);
	assert_int_equal(db_res_rows(r), 2); /* limit */
	db_res_free(r);
	assert_int_equal(store_audit_list(f->db, 1, "user.delete", NULL, 0, INT64_MAX, 0, 50, &r,
					  &e), 0);
	assert_int_equal(db_res_rows(r), 0);
	db_res_free(r);
	assert_int_equal(store_audit_list(f->db, 1, NULL, "nobody", 0, INT64_MAX, 0, 50, &r, &e), 0);
	assert_int_equal(db_res_rows(r), 0);
	db_res_free(r);
}

/* ==================================================== app: one transaction */

static void counts(struct fx *f, int64_t *users, int64_t *audit)
{
	*users = scalar(f->db, SQL_USERS);
	*audit = scalar(f->db, SQL_AUDIT);
}

/* RELIABILITY "Writes": "inject a failure at statement k for k = 1..K of a
 * multi-statement action; the database is always all-before or all-after",
 * for app_user_create (the user row and its audit row). */
static void test_fault_injection_user_create(void **state)
{
	struct fx *f = *state;
	struct user_in in = { .username = "fault.teacher", .display_name = "故障 注入老师",
			      .role = "teacher", .password = USER_PW };
	int k, failures = 0, done = 0;
	int64_t rows, bad_id, bad_seq;

	for (k = 1; k <= 50 && !done; k++) {
		struct app_err e = { 0 };
		json_t *out = NULL;
		int64_t u0, a0, u1, a1;
		int rc;

		counts(f, &u0, &a0);
		db_fail_after(k);
		rc = app_user_create(&f->app, &f->admin, &in, &out, &e);
		db_fail_after(0);
		counts(f, &u1, &a1);
		if (rc != 0) {
			failures++;
			if (u1 != u0 || a1 != a0)
				fail_msg("k=%d: failed but users %lld->%lld, audit %lld->%lld", k,
					 (long long)u0, (long long)u1, (long long)a0, (long long)a1);
			assert_int_equal(e.status, 503); /* an I/O error answers 503 */
			assert_string_equal(e.code, "STORE_UNAVAILABLE");
		} else {
			if (u1 != u0 + 1 || a1 != a0 + 1)
				fail_msg("k=%d: succeeded but users %lld->%lld, audit %lld->%lld", k,
					 (long long)u0, (long long)u1, (long long)a0, (long long)a1);
			assert_non_null(json_object_get(out, "user"));
			done = 1;
		}
		json_decref(out);
		app_err_clear(&e);
	}
	assert_true(done);
	/* BEGIN, INSERT user, audit head, head read, INSERT audit, head update, COMMIT */
	assert_true(failures >= 3);
	print_message("app_user_create: %d injected failures before success at k=%d\n", failures,
		      k - 1);
	/* the chain is intact after all the rollbacks */
	assert_int_equal(verify(f->db, &rows, &bad_id, &bad_seq), 0);
	assert_int_equal(rows, scalar(f->db, SQL_AUDIT));
	/* and the pooled connection is usable (no transaction left open) */
	{
		struct user_in in2 = in;
		struct app_err e = { 0 };
		json_t *out = NULL;

		in2.username = "after.fault";
		assert_int_equal(app_user_create(&f->app, &f->admin, &in2, &out, &e), 0);
		json_decref(out);
	}
}

/* RELIABILITY "Writes" for sign-in: a wrong password's failure counter and its
 * audit row are one transaction. */
static void test_fault_injection_sign_in_failure(void **state)
{
	struct fx *f = *state;
	int k, failures = 0, done = 0;
	struct store_signin_name u;
	struct db_err dbe = { 0 };

	for (k = 1; k <= 50 && !done; k++) {
		struct app_err e = { 0 };
		struct actor who;
		char token[65];
		int64_t a0, a1, fail0, fail1;

		assert_true(store_signin_name_get(f->db, "admin", &u, &dbe) >= 0);
		fail0 = u.failed_count;
		a0 = scalar(f->db, SQL_AUDIT);
		db_fail_after(k);
		app_sign_in(&f->app, "admin", "wrong-password-123", "127.0.0.1", "r", &who, token, &e);
		db_fail_after(0);
		assert_true(store_signin_name_get(f->db, "admin", &u, &dbe) >= 0);
		fail1 = u.failed_count;
		a1 = scalar(f->db, SQL_AUDIT);
		if (e.status == 401) {
			assert_int_equal(fail1, fail0 + 1);
			assert_int_equal(a1, a0 + 1);
			done = 1;
		} else {
			failures++;
			assert_int_equal(e.status, 503);
			assert_int_equal(fail1, fail0);
			assert_int_equal(a1, a0);
		}
		app_err_clear(&e);
	}
	assert_true(done);
	assert_true(failures >= 3);
}

/* ==================================================== app: sign-in */

static int sign_in(struct fx *f, const char *user, const char *pw, struct actor *who,
		   char token[65], struct app_err *e)
{
	memset(e, 0, sizeof *e);
	return app_sign_in(&f->app, user, pw, "127.0.0.1", "req-1", who, token, e);
}

static void make_teacher(struct fx *f)
{
	struct user_in in = { .username = "chen.teacher", .display_name = "陈老师",
			      .role = "teacher", .password = USER_PW };
	struct app_err e = { 0 };
	json_t *out = NULL;

	if (app_user_create(&f->app, &f->admin, &in, &out, &e) != 0)
		fail_msg("create teacher: %s %s", e.code, e.message);
	json_decref(out);
}

/* RELIABILITY "Accounts": "5 wrong passwords lock an account for 15 minutes":
 * the 5th answers 429 AUTH_LOCKED, then even the right password is refused
 * until 900 s have passed. */
static void test_sign_in_lockout(void **state)
{
	struct fx *f = *state;
	struct app_err e;
	struct actor who;
	char token[65];
	int64_t t0 = (int64_t)time(NULL), a0;

	make_teacher(f);
	time_pin(t0);
	for (int i = 1; i <= 4; i++) {
		assert_int_equal(sign_in(f, "chen.teacher", "wrong-password-xx", &who, token, &e), -1);
		assert_int_equal(e.status, 401);
		assert_string_equal(e.code, "AUTH_FAILED");
		app_err_clear(&e);
	}
	assert_int_equal(sign_in(f, "chen.teacher", "wrong-password-xx", &who, token, &e), -1);
	assert_int_equal(e.status, 429);
	assert_string_equal(e.code, "AUTH_LOCKED");
	assert_int_equal(e.retry_after, 900);
	app_err_clear(&e);
	/* the right password is refused while locked, with 429 too */
	assert_int_equal(sign_in(f, "chen.teacher", USER_PW, &who, token, &e), -1);
	assert_int_equal(e.status, 429);
	assert_string_equal(e.code, "AUTH_LOCKED");
	assert_string_equal(token, "");
	app_err_clear(&e);
	/* one second before the end: still locked */
	time_pin(t0 + 899);
	assert_int_equal(sign_in(f, "chen.teacher", USER_PW, &who, token, &e), -1);
	assert_int_equal(e.status, 429);
	assert_int_equal(e.retry_after, 1);
	app_err_clear(&e);
	/* after 15 minutes the right password works */
	time_pin(t0 + 901);
	a0 = scalar(f->db, SQL_AUDIT);
	assert_int_equal(sign_in(f, "chen.teacher", USER_PW, &who, token, &e), 0);
	assert_int_equal(strlen(token), 64);
	assert_int_equal(who.role, ROLE_TEACHER);
	assert_string_equal(who.username, "chen.teacher");
	/* RELIABILITY "Audit": every sign-in attempt is audited */
	assert_int_equal(scalar(f->db, SQL_AUDIT), a0 + 1);
	app_err_clear(&e);
	time_pin(0);
}

/* RELIABILITY: the lock needs 5 *consecutive* failures: 4 wrong then the
 * right one resets the count, and 4 more wrong are still only 401. */
static void test_sign_in_four_failures_do_not_lock(void **state)
{
	struct fx *f = *state;
	struct app_err e;
	struct actor who;
	char token[65];

	make_teacher(f);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(sign_in(f, "chen.teacher", "wrong-password-xx", &who, token, &e), -1);
		assert_int_equal(e.status, 401);
		app_err_clear(&e);
	}
	assert_int_equal(sign_in(f, "chen.teacher", USER_PW, &who, token, &e), 0);
	app_err_clear(&e);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(sign_in(f, "chen.teacher", "wrong-password-xx", &who, token, &e), -1);
		assert_int_equal(e.status, 401);
		app_err_clear(&e);
	}
	assert_int_equal(sign_in(f, "chen.teacher", USER_PW, &who, token, &e), 0);
	app_err_clear(&e);
}

/* RELIABILITY: "an unknown user name ... answers the same as a wrong password":
 * the same sequence of wrong passwords gets, try by try, the same status,
 * code, message, Retry-After and details for a real and an unknown name:
 * 401 for tries 1-4, 429 AUTH_LOCKED from the 5th on, and the lock outlives
 * the right password. Every try is audited. */
static void test_sign_in_unknown_user_same_answer(void **state)
{
	struct fx *f = *state;
	struct app_err wrong, unknown;
	struct actor who;
	char token[65];
	int64_t a0, t0 = (int64_t)time(NULL);

	make_teacher(f);
	time_pin(t0);
	a0 = scalar(f->db, SQL_AUDIT);
	for (int i = 1; i <= 7; i++) {
		/* try 7 gives the real name its right password */
		const char *pw = i == 7 ? USER_PW : "wrong-password-xx";

		assert_int_equal(sign_in(f, "chen.teacher", pw, &who, token, &wrong), -1);
		assert_int_equal(sign_in(f, "no.such.user", pw, &who, token, &unknown), -1);
		assert_int_equal(wrong.status, i < 5 ? 401 : 429);
		assert_string_equal(wrong.code, i < 5 ? "AUTH_FAILED" : "AUTH_LOCKED");
		assert_int_equal(unknown.status, wrong.status);
		assert_string_equal(unknown.code, wrong.code);
		assert_string_equal(unknown.message, wrong.message);
		assert_int_equal(unknown.retry_after, wrong.retry_after);
		assert_int_equal(wrong.retry_after, i < 5 ? 0 : 900);
		assert_null(wrong.details);
		assert_null(unknown.details);
		app_err_clear(&wrong);
		app_err_clear(&unknown);
	}
	assert_int_equal(scalar(f->db, SQL_AUDIT), a0 + 14);
	assert_int_equal(scalar(f->db, "SELECT COUNT(*) FROM audit WHERE result = 'unknown_user'"), 4);
	assert_int_equal(scalar(f->db, "SELECT COUNT(*) FROM audit WHERE result = 'unknown_user_locked'"), 1);
	/* the lock ends for both at once; the count starts again */
	time_pin(t0 + 901);
	assert_int_equal(sign_in(f, "no.such.user", "wrong-password-xx", &who, token, &unknown), -1);
	assert_int_equal(unknown.status, 401);
	app_err_clear(&unknown);
	assert_int_equal(sign_in(f, "chen.teacher", USER_PW, &who, token, &wrong), 0);
	app_err_clear(&wrong);
	time_pin(0);
}

/* A count of wrong passwords is forgotten a day after the last one, for a
 * real name and an unknown one alike; a forgotten unknown name's row is pruned. */
static void test_sign_in_failures_forgotten_after_a_day(void **state)
{
	struct fx *f = *state;
	struct app_err e;
	struct actor who;
	char token[65];
	int64_t t0 = (int64_t)time(NULL);
	const char *names[2] = { "chen.teacher", "no.such.user" };

	make_teacher(f);
	for (int n = 0; n < 2; n++) {
		time_pin(t0);
		for (int i = 0; i < 4; i++) {
			assert_int_equal(sign_in(f, names[n], "wrong-password-xx", &who, token, &e), -1);
			app_err_clear(&e);
		}
		/* 86400 s later the 4 still count: the 5th locks */
		time_pin(t0 + 86400);
		assert_int_equal(sign_in(f, names[n], "wrong-password-xx", &who, token, &e), -1);
		assert_int_equal(e.status, 429);
		app_err_clear(&e);
	}
	for (int n = 0; n < 2; n++) {
		time_pin(t0 + 100000);
		for (int i = 0; i < 4; i++) {
			assert_int_equal(sign_in(f, names[n], "wrong-password-xx", &who, token, &e), -1);
			app_err_clear(&e);
		}
		/* a day and a second later they are forgotten: 401, not a lock */
		time_pin(t0 + 100000 + 86401);
		assert_int_equal(sign_in(f, names[n], "wrong-password-xx", &who, token, &e), -1);
		assert_int_equal(e.status, 401);
		app_err_clear(&e);
	}
	time_pin(t0 + 300000);
	assert_int_equal(sign_in(f, "other.name", "wrong-password-xx", &who, token, &e), -1);
	app_err_clear(&e);
	assert_int_equal(scalar(f->db, "SELECT COUNT(*) FROM signin_name"), 1);
	time_pin(0);
}

/* RELIABILITY "Session": 30-minute idle timeout: valid at exactly 1800 s idle,
 * invalid at 1801 s, and stays invalid. */
static void test_session_idle_timeout(void **state)
{
	struct fx *f = *state;
	struct app_err e;
	struct actor who, got;
	char token[65];
	int64_t t0 = (int64_t)time(NULL);

	time_pin(t0);
	assert_int_equal(sign_in(f, "admin", ADMIN_PW, &who, token, &e), 0);
	memset(&got, 0, sizeof got);
	assert_int_equal(app_session_auth(&f->app, token, &got, &e), 0);
	assert_int_equal(got.user_id, f->admin.user_id);
	assert_int_equal(got.role, ROLE_DISTRICT_ADMIN);
	assert_string_equal(got.csrf, who.csrf);
	/* a wrong or malformed token is not valid */
	{
		char saved = token[0];

		token[0] = saved == 'a' ? 'b' : 'a';
		assert_int_equal(app_session_auth(&f->app, token, &got, &e), 1);
		token[0] = saved;
	}
	assert_int_equal(app_session_auth(&f->app, "short", &got, &e), 1);
	/* exactly 1800 s idle: still valid (and this use refreshes last_seen) */
	time_pin(t0 + 1800);
	assert_int_equal(app_session_auth(&f->app, token, &got, &e), 0);
	/* 1801 s after the last use: not valid */
	time_pin(t0 + 1800 + 1801);
	assert_int_equal(app_session_auth(&f->app, token, &got, &e), 1);
	/* and it does not come back */
	time_pin(t0 + 1800 + 10);
	assert_int_equal(app_session_auth(&f->app, token, &got, &e), 1);
	time_pin(0);
}

/* RELIABILITY "Session": plain 1801 s after sign-in, as in the brief; and
 * "invalid after sign-out". */
static void test_session_expiry_and_sign_out(void **state)
{
	struct fx *f = *state;
	struct app_err e = { 0 };
	struct actor who, got;
	char token[65], token2[65];
	int64_t t0 = (int64_t)time(NULL);

	time_pin(t0);
	assert_int_equal(sign_in(f, "admin", ADMIN_PW, &who, token, &e), 0);
	time_pin(t0 + 1801);
	assert_int_equal(app_session_auth(&f->app, token, &got, &e), 1);
	time_pin(t0 + 2000);
	assert_int_equal(sign_in(f, "admin", ADMIN_PW, &who, token2, &e), 0);
	assert_string_not_equal(token, token2); /* new id at sign-in */
	memset(&got, 0, sizeof got);
	assert_int_equal(app_session_auth(&f->app, token2, &got, &e), 0);
	assert_int_equal(app_sign_out(&f->app, &got, &e), 0);
	assert_int_equal(app_session_auth(&f->app, token2, &got, &e), 1);
	time_pin(0);
}

/* ==================================================== app: backup */

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	if (!fp)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	*len = fread(buf, 1, (size_t)n, fp);
	fclose(fp);
	return buf;
}

/* RELIABILITY "Online backup": the copy passes integrity_check, holds every
 * row, and restores into an app that starts and accepts a sign-in; an
 * existing target is refused (409) and left as it was. */
static void test_backup(void **state)
{
	struct fx *f = *state;
	struct app_err e = { 0 };
	struct app copy;
	struct app_config cfg;
	struct actor who;
	char bpath[256], other[256], msg[512], token[65];
	int64_t users = 0, audit, rows = 0;
	struct db *b;
	char ok[32];
	size_t l1 = 0, l2 = 0;
	char *c1, *c2;
	FILE *fp;

	make_teacher(f);
	users = scalar(f->db, SQL_USERS);
	audit = scalar(f->db, SQL_AUDIT);
	assert_int_equal(users, 2);
	fx_file(f, "backup.db", bpath, sizeof bpath);
	assert_int_equal(app_backup(&f->app, bpath, &e), 0);
	/* integrity_check on the copy */
	b = open_db(bpath);
	pragma_text(b, "PRAGMA integrity_check", ok, sizeof ok);
	assert_string_equal(ok, "ok");
	assert_int_equal(scalar(b, SQL_USERS), users);
	assert_int_equal(scalar(b, SQL_AUDIT), audit);
	db_close(b);
	/* restores: an app opens it, the same rows, the chain verifies, admin signs in */
	app_config_defaults(&cfg);
	assert_int_equal(app_open(&copy, DB_SQLITE, bpath, NULL, &cfg, msg, sizeof msg), 0);
	assert_int_equal(copy.district_id, f->app.district_id);
	assert_int_equal(app_audit_verify(&copy, &rows, msg, sizeof msg, &e), 0);
	assert_int_equal(rows, audit);
	assert_int_equal(app_sign_in(&copy, "admin", ADMIN_PW, "127.0.0.1", "r", &who, token, &e), 0);
	app_close(&copy);
	/* backing up onto the existing copy: 409, file unchanged */
	c1 = slurp(bpath, &l1);
	assert_non_null(c1);
	assert_int_equal(app_backup(&f->app, bpath, &e), -1);
	assert_int_equal(e.status, 409);
	app_err_clear(&e);
	c2 = slurp(bpath, &l2);
	assert_non_null(c2);
	assert_int_equal(l1, l2);
	assert_memory_equal(c1, c2, l1);
	free(c1);
	free(c2);
	/* onto any existing file, even one that is not a database */
	fx_file(f, "notes.txt", other, sizeof other);
	fp = fopen(other, "w");
	assert_non_null(fp);
	fputs("家长会记录\n", fp);
	fclose(fp);
	assert_int_equal(app_backup(&f->app, other, &e), -1);
	assert_int_equal(e.status, 409);
	assert_string_equal(e.code, "EXISTS");
	app_err_clear(&e);
	c1 = slurp(other, &l1);
	assert_non_null(c1);
	assert_int_equal(l1, strlen("家长会记录\n"));
	assert_memory_equal(c1, "家长会记录\n", l1);
	free(c1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_migrate_once_idempotent, setup_raw, teardown),
		cmocka_unit_test_setup_teardown(test_connection_pragmas, setup, teardown),
		cmocka_unit_test_setup_teardown(test_connection_pragmas_app_pool, setup_app, teardown),
		cmocka_unit_test_setup_teardown(test_district_ensure_idempotent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_insert_and_lookup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_duplicate_and_bad_role, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_list_paging_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_list_q_literal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sessions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tokens, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_chain_intact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_tamper_update_found, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_tamper_rehash_found, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_tamper_delete_last_found, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_tamper_delete_middle_found, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_forged_tail_found, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_triggers_refuse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_list_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fault_injection_user_create, setup_app, teardown),
		cmocka_unit_test_setup_teardown(test_fault_injection_sign_in_failure, setup_app,
						teardown),
		cmocka_unit_test_setup_teardown(test_sign_in_lockout, setup_app, teardown),
		cmocka_unit_test_setup_teardown(test_sign_in_four_failures_do_not_lock, setup_app,
						teardown),
		cmocka_unit_test_setup_teardown(test_sign_in_failures_forgotten_after_a_day, setup_app, teardown),
		cmocka_unit_test_setup_teardown(test_sign_in_unknown_user_same_answer, setup_app,
						teardown),
		cmocka_unit_test_setup_teardown(test_session_idle_timeout, setup_app, teardown),
		cmocka_unit_test_setup_teardown(test_session_expiry_and_sign_out, setup_app, teardown),
		cmocka_unit_test_setup_teardown(test_backup, setup_app, teardown),
	};

	log_set_level(getenv("SJ_TEST_LOG") ? 0 : 3); /* injected failures log errors */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
