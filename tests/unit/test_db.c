/* test_db.c - db.h on both backends.
 *
 * Every common test runs on SQLite (a fresh mkstemp file under /tmp per test)
 * and, when SJ_TEST_PG holds a libpq conninfo, on PostgreSQL (a fresh schema
 * per test, selected with search_path). Then backend-specific tests. */
#include "store/db.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "pg_fixture.h"

/* the backend the current group runs on */
static enum db_kind g_kind;
static char g_pg_schema[64];   /* sjt_<pid>_<n> */

struct fx {
	char target[1400]; /* SQLite path or PG conninfo */
	struct db *db;
};

static const char T_DDL[] = "CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT, n BIGINT)";
static const char T_INS[] = "INSERT INTO t (id, name, n) VALUES (?, ?, ?)";
static const char T_SEL[] = "SELECT id, name, n FROM t WHERE id = ?";
static const char T_COUNT[] = "SELECT count(*) FROM t";

/* ---- helpers --------------------------------------------------------- */

static struct db *open_or_fail(const char *target)
{
	struct db_err e = { 0 };
	struct db *db = db_open(g_kind, target, 5000, 0, &e);

	if (!db)
		fail_msg("db_open(%s): kind %d: %s", target, e.kind, e.msg);
	return db;
}

#define EXEC_OK(db, sql, p, n, out)                                                     \
	do {                                                                            \
		struct db_err e_ = { 0 };                                               \
		if (db_exec((db), (sql), (p), (n), (out), &e_) != 0)                    \
			fail_msg("%s: kind %d: %s", (sql), e_.kind, e_.msg);            \
	} while (0)

static int64_t count_rows(struct db *db)
{
	struct db_res *r = NULL;
	int64_t v;

	EXEC_OK(db, T_COUNT, NULL, 0, &r);
	v = db_res_int(r, 0, 0);
	db_res_free(r);
	return v;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (!f)
		return -1;
	if (g_kind == DB_SQLITE) {
		int fd;

		snprintf(f->target, sizeof f->target, "/tmp/sj_test_db_XXXXXX");
		fd = mkstemp(f->target);
		if (fd < 0) {
			free(f);
			return -1;
		}
		close(fd);
	} else {
		pg_schema_new("sjt", g_pg_schema, f->target, sizeof f->target);
	}
	f->db = open_or_fail(f->target);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	db_fail_after(0);
	db_close(f->db);
	if (g_kind == DB_SQLITE) {
		char p[1500];

		unlink(f->target);
		snprintf(p, sizeof p, "%s-wal", f->target);
		unlink(p);
		snprintf(p, sizeof p, "%s-shm", f->target);
		unlink(p);
	} else {
		pg_schema_drop(g_pg_schema);
	}
	free(f);
	return 0;
}

static void make_t(struct db *db)
{
	EXEC_OK(db, T_DDL, NULL, 0, NULL);
}

/* ---- common tests ---------------------------------------------------- */

static void test_open_kind(void **state)
{
	struct fx *f = *state;

	assert_non_null(f->db);
	assert_int_equal(db_kind(f->db), g_kind);
}

static void test_insert_select_types(void **state)
{
	struct fx *f = *state;
	const char *zh = "城东第一小学 · 张三 — “引号”";
	struct db_res *r = NULL;

	make_t(f->db);
	{
		struct db_val p[] = { DB_INT(1), DB_TEXT(zh), DB_INT(INT64_MAX) };
		EXEC_OK(f->db, T_INS, p, 3, NULL);
	}
	{
		struct db_val p[] = { DB_INT(2), DB_NULLV, DB_INT(INT64_MIN) };
		EXEC_OK(f->db, T_INS, p, 3, NULL);
	}
	{
		/* DB_TEXT(NULL) is a NULL value */
		struct db_val p[] = { DB_INT(3), DB_TEXT(NULL), DB_NULLV };
		EXEC_OK(f->db, T_INS, p, 3, NULL);
	}
	{
		struct db_val p[] = { DB_INT(1) };
		EXEC_OK(f->db, T_SEL, p, 1, &r);
	}
	assert_int_equal(db_res_rows(r), 1);
	assert_int_equal(db_res_cols(r), 3);
	assert_int_equal(db_res_int(r, 0, 0), 1);
	assert_string_equal(db_res_text(r, 0, 1), zh);
	assert_true(db_res_int(r, 0, 2) == INT64_MAX);
	assert_false(db_res_isnull(r, 0, 1));
	/* out of range: NULL / 0 / isnull */
	assert_null(db_res_text(r, 1, 0));
	assert_null(db_res_text(r, 0, 3));
	assert_null(db_res_text(r, -1, 0));
	assert_null(db_res_text(r, 0, -1));
	assert_int_equal(db_res_int(r, 5, 5), 0);
	assert_true(db_res_isnull(r, 0, 9));
	db_res_free(r);
	r = NULL;

	{
		struct db_val p[] = { DB_INT(2) };
		EXEC_OK(f->db, T_SEL, p, 1, &r);
	}
	assert_int_equal(db_res_rows(r), 1);
	assert_true(db_res_isnull(r, 0, 1));
	assert_null(db_res_text(r, 0, 1));
	assert_true(db_res_int(r, 0, 2) == INT64_MIN);
	db_res_free(r);
	r = NULL;

	{
		struct db_val p[] = { DB_INT(3) };
		EXEC_OK(f->db, T_SEL, p, 1, &r);
	}
	assert_true(db_res_isnull(r, 0, 1));
	assert_true(db_res_isnull(r, 0, 2));
	assert_int_equal(db_res_int(r, 0, 2), 0);
	db_res_free(r);
	r = NULL;

	/* no rows */
	{
		struct db_val p[] = { DB_INT(99) };
		EXEC_OK(f->db, T_SEL, p, 1, &r);
	}
	assert_int_equal(db_res_rows(r), 0);
	assert_int_equal(db_res_cols(r), 3);
	assert_null(db_res_text(r, 0, 0));
	db_res_free(r);
	/* NULL result accessors are safe */
	assert_int_equal(db_res_rows(NULL), 0);
	assert_null(db_res_text(NULL, 0, 0));
	db_res_free(NULL);
	assert_int_equal(count_rows(f->db), 3);
}

static void test_returning(void **state)
{
	struct fx *f = *state;
	struct db_res *r = NULL;
	struct db_val p[] = { DB_INT(42), DB_TEXT("x") };

	make_t(f->db);
	EXEC_OK(f->db, "INSERT INTO t (id, name) VALUES (?, ?) RETURNING id", p, 2, &r);
	assert_int_equal(db_res_rows(r), 1);
	assert_int_equal(db_res_cols(r), 1);
	assert_int_equal(db_res_int(r, 0, 0), 42);
	db_res_free(r);
}

static void test_quoted_qmark(void **state)
{
	struct fx *f = *state;
	struct db_res *r = NULL;

	make_t(f->db);
	{
		struct db_val p[] = { DB_INT(7) };
		EXEC_OK(f->db, "INSERT INTO t (id, name, n) VALUES (?, 'a?b', 1)", p, 1, NULL);
	}
	{
		struct db_val p[] = { DB_TEXT("a?b") };
		EXEC_OK(f->db, "SELECT id, 'q?', name FROM t WHERE name = ? AND name <> '?'", p, 1, &r);
	}
	assert_int_equal(db_res_rows(r), 1);
	assert_int_equal(db_res_int(r, 0, 0), 7);
	assert_string_equal(db_res_text(r, 0, 1), "q?");
	assert_string_equal(db_res_text(r, 0, 2), "a?b");
	db_res_free(r);
}

/* The optional-filter pattern `? IS NULL OR col = ?`, with NULL and values. */
static void test_optional_filter(void **state)
{
	static const char Q[] = "SELECT count(*) FROM t WHERE (? IS NULL OR n = ?) AND (? IS NOT NULL OR id > 0)";
	struct fx *f = *state;
	struct db_res *r = NULL;

	make_t(f->db);
	for (int i = 1; i <= 4; i++) {
		struct db_val p[] = { DB_INT(i), DB_TEXT("n"), DB_INT(i % 2) };
		EXEC_OK(f->db, T_INS, p, 3, NULL);
	}
	{
		struct db_val p[] = { DB_NULLV, DB_NULLV, DB_NULLV };
		EXEC_OK(f->db, Q, p, 3, &r);
	}
	assert_int_equal(db_res_int(r, 0, 0), 4);
	db_res_free(r);
	{
		struct db_val p[] = { DB_INT(1), DB_INT(1), DB_TEXT("x") };
		EXEC_OK(f->db, Q, p, 3, &r);
	}
	assert_int_equal(db_res_int(r, 0, 0), 2);
	db_res_free(r);
	{
		struct db_val p[] = { DB_INT(0), DB_INT(0), DB_NULLV };
		EXEC_OK(f->db, Q, p, 3, &r);
	}
	assert_int_equal(db_res_int(r, 0, 0), 2);
	db_res_free(r);
}

static void test_many_params(void **state)
{
	struct fx *f = *state;
	struct db_val p[40];
	char sql[400];
	size_t o = 0;
	struct db_res *r = NULL;

	o += (size_t)snprintf(sql + o, sizeof sql - o, "SELECT ?");
	p[0] = DB_INT(1);
	for (int i = 1; i < 40; i++) {
		o += (size_t)snprintf(sql + o, sizeof sql - o, " + ?");
		p[i] = DB_INT(i + 1);
	}
	EXEC_OK(f->db, sql, p, 40, &r);
	assert_int_equal(db_res_int(r, 0, 0), 40 * 41 / 2);
	db_res_free(r);
}

static void test_unique(void **state)
{
	struct fx *f = *state;
	struct db_val p[] = { DB_INT(1), DB_TEXT("a"), DB_INT(1) };
	struct db_err e = { 0 };

	make_t(f->db);
	EXEC_OK(f->db, T_INS, p, 3, NULL);
	assert_int_equal(db_exec(f->db, T_INS, p, 3, NULL, &e), -1);
	assert_int_equal(e.kind, DB_ERR_UNIQUE);
	assert_true(e.msg[0] != '\0');
	/* the connection is still usable */
	assert_int_equal(count_rows(f->db), 1);
}

static void test_constraint(void **state)
{
	struct fx *f = *state;
	struct db_val p[] = { DB_INT(1), DB_NULLV };
	struct db_err e = { 0 };

	EXEC_OK(f->db, "CREATE TABLE u (id BIGINT PRIMARY KEY, v TEXT NOT NULL)", NULL, 0, NULL);
	assert_int_equal(db_exec(f->db, "INSERT INTO u (id, v) VALUES (?, ?)", p, 2, NULL, &e), -1);
	assert_int_equal(e.kind, DB_ERR_CONSTRAINT);
}

static void test_syntax_error(void **state)
{
	struct fx *f = *state;
	struct db_err e = { 0 };
	struct db_res *r = (struct db_res *)&e; /* must be reset to NULL */

	assert_int_equal(db_exec(f->db, "SELEC 1", NULL, 0, &r, &e), -1);
	assert_null(r);
	assert_int_equal(e.kind, DB_ERR_OTHER);
	EXEC_OK(f->db, "SELECT 1", NULL, 0, NULL);
}

static void test_rollback(void **state)
{
	struct fx *f = *state;
	struct db_err e = { 0 };

	make_t(f->db);
	assert_int_equal(db_begin_write(f->db, &e), 0);
	for (int i = 0; i < 3; i++) {
		struct db_val p[] = { DB_INT(i), DB_TEXT("r"), DB_NULLV };
		EXEC_OK(f->db, T_INS, p, 3, NULL);
	}
	assert_int_equal(count_rows(f->db), 3);
	db_rollback(f->db);
	assert_int_equal(count_rows(f->db), 0);

	/* an error inside the transaction, then rollback, then work again */
	assert_int_equal(db_begin_write(f->db, &e), 0);
	{
		struct db_val p[] = { DB_INT(1), DB_TEXT("r"), DB_NULLV };
		EXEC_OK(f->db, T_INS, p, 3, NULL);
		assert_int_equal(db_exec(f->db, T_INS, p, 3, NULL, &e), -1);
		assert_int_equal(e.kind, DB_ERR_UNIQUE);
	}
	db_rollback(f->db);
	assert_int_equal(count_rows(f->db), 0);
	/* rollback without a transaction is harmless */
	db_rollback(f->db);
	assert_int_equal(count_rows(f->db), 0);
}

static void test_commit(void **state)
{
	struct fx *f = *state;
	struct db_err e = { 0 };
	struct db *other;

	make_t(f->db);
	assert_int_equal(db_begin_write(f->db, &e), 0);
	{
		struct db_val p[] = { DB_INT(5), DB_TEXT("c"), DB_INT(5) };
		EXEC_OK(f->db, T_INS, p, 3, NULL);
	}
	assert_int_equal(db_commit(f->db, &e), 0);
	assert_int_equal(count_rows(f->db), 1);
	/* visible to another connection, and after reopening */
	other = open_or_fail(f->target);
	assert_int_equal(count_rows(other), 1);
	db_close(other);
	db_close(f->db);
	f->db = open_or_fail(f->target);
	assert_int_equal(count_rows(f->db), 1);
}

static void test_fail_after(void **state)
{
	struct fx *f = *state;
	struct db_err e = { 0 };
	struct db_res *r = NULL;

	db_fail_after(1);
	assert_int_equal(db_exec(f->db, "SELECT 1", NULL, 0, &r, &e), -1);
	assert_int_equal(e.kind, DB_ERR_IO);
	assert_null(r);
	EXEC_OK(f->db, "SELECT 1", NULL, 0, &r);
	assert_int_equal(db_res_int(r, 0, 0), 1);
	db_res_free(r);

	db_fail_after(2);
	EXEC_OK(f->db, "SELECT 1", NULL, 0, NULL);
	assert_int_equal(db_exec(f->db, "SELECT 1", NULL, 0, NULL, &e), -1);
	assert_int_equal(e.kind, DB_ERR_IO);
	EXEC_OK(f->db, "SELECT 1", NULL, 0, NULL);
}

static void test_script(void **state)
{
	struct fx *f = *state;
	struct db_err e = { 0 };

	assert_int_equal(db_exec_script(f->db,
		"CREATE TABLE a (id BIGINT PRIMARY KEY, s TEXT);\n"
		"INSERT INTO a (id, s) VALUES (1, 'x?y');\n"
		"INSERT INTO a (id, s) VALUES (2, '中文');\n", &e), 0);
	{
		struct db_res *r = NULL;

		EXEC_OK(f->db, "SELECT s FROM a ORDER BY id", NULL, 0, &r);
		assert_int_equal(db_res_rows(r), 2);
		assert_string_equal(db_res_text(r, 0, 0), "x?y");
		assert_string_equal(db_res_text(r, 1, 0), "中文");
		db_res_free(r);
	}
	assert_int_equal(db_exec_script(f->db, "CREATE TABLE b (id BIGINT); SELEC 1;", &e), -1);
	assert_int_not_equal(e.kind, DB_OK);
}

/* ---- SQLite only ----------------------------------------------------- */

static int64_t pragma(struct db *db, const char *sql, char *txt, size_t cap)
{
	struct db_res *r = NULL;
	int64_t v;

	EXEC_OK(db, sql, NULL, 0, &r);
	v = db_res_int(r, 0, 0);
	if (txt)
		snprintf(txt, cap, "%s", db_res_text(r, 0, 0) ? db_res_text(r, 0, 0) : "");
	db_res_free(r);
	return v;
}

static void test_sqlite_pragmas(void **state)
{
	struct fx *f = *state;
	char mode[32];
	struct db_err e = { 0 };
	struct db *db;

	pragma(f->db, "PRAGMA journal_mode", mode, sizeof mode);
	assert_string_equal(mode, "wal");
	assert_int_equal(pragma(f->db, "PRAGMA synchronous", NULL, 0), 2);
	assert_int_equal(pragma(f->db, "PRAGMA foreign_keys", NULL, 0), 1);
	assert_true(pragma(f->db, "PRAGMA busy_timeout", NULL, 0) >= 5000);
	assert_int_equal(pragma(f->db, "PRAGMA trusted_schema", NULL, 0), 0);
	assert_int_equal(pragma(f->db, "PRAGMA temp_store", NULL, 0), 2); /* MEMORY */

	/* sync_normal gives NORMAL (1) */
	db = db_open(DB_SQLITE, f->target, 1234, 1, &e);
	assert_non_null(db);
	assert_int_equal(pragma(db, "PRAGMA synchronous", NULL, 0), 1);
	assert_true(pragma(db, "PRAGMA busy_timeout", NULL, 0) >= 1234);
	db_close(db);
}

static void test_sqlite_not_a_db(void **state)
{
	char path[] = "/tmp/sj_test_garbage_XXXXXX";
	unsigned char junk[4096];
	struct db_err e = { 0 };
	struct db *db;
	int fd;

	(void)state;
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (unsigned char)(i * 131u + 7u + (i >> 3));
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, junk, sizeof junk), (ssize_t)sizeof junk);
	close(fd);
	db = db_open(DB_SQLITE, path, 1000, 0, &e);
	assert_null(db);
	assert_int_equal(e.kind, DB_ERR_IO);
	unlink(path);
}

/* ---- PostgreSQL only ------------------------------------------------- */

static int64_t pg_prepared_count(struct db *db, const char *numbered)
{
	struct db_res *r = NULL;
	struct db_val p[] = { DB_TEXT(numbered) };
	int64_t v;

	if (numbered) {
		EXEC_OK(db, "SELECT count(*) FROM pg_prepared_statements WHERE statement = ?", p, 1, &r);
	} else {
		EXEC_OK(db, "SELECT count(*) FROM pg_prepared_statements", NULL, 0, &r);
	}
	v = db_res_int(r, 0, 0);
	db_res_free(r);
	return v;
}

static void test_pg_reuse(void **state)
{
	struct fx *f = *state;

	make_t(f->db);
	for (int i = 0; i < 3; i++) {
		struct db_val p[] = { DB_INT(i), DB_TEXT("x"), DB_INT(i * 10) };
		EXEC_OK(f->db, T_INS, p, 3, NULL);
	}
	for (int i = 0; i < 3; i++) {
		struct db_val p[] = { DB_INT(i) };
		struct db_res *r = NULL;

		EXEC_OK(f->db, T_SEL, p, 1, &r);
		assert_int_equal(db_res_rows(r), 1);
		assert_int_equal(db_res_int(r, 0, 2), i * 10);
		db_res_free(r);
	}
	assert_int_equal(pg_prepared_count(f->db, "INSERT INTO t (id, name, n) VALUES ($1, $2, $3)"), 1);
	assert_int_equal(pg_prepared_count(f->db, "SELECT id, name, n FROM t WHERE id = $1"), 1);
}

/* NULL first (server infers the type), then values; and a type change. */
static void test_pg_types(void **state)
{
	static const char CAST[] = "SELECT ?::text";
	struct fx *f = *state;
	struct db_res *r = NULL;

	make_t(f->db);
	{
		struct db_val p[] = { DB_INT(1), DB_NULLV, DB_NULLV };
		EXEC_OK(f->db, T_INS, p, 3, NULL);
	}
	{
		struct db_val p[] = { DB_INT(2), DB_TEXT("b"), DB_INT(20) };
		EXEC_OK(f->db, T_INS, p, 3, NULL);
	}
	/* inferred bigint/text: the second call used the same prepared statement */
	assert_int_equal(pg_prepared_count(f->db, "INSERT INTO t (id, name, n) VALUES ($1, $2, $3)"), 1);
	{
		struct db_val p[] = { DB_INT(2) };
		EXEC_OK(f->db, T_SEL, p, 1, &r);
	}
	assert_string_equal(db_res_text(r, 0, 1), "b");
	assert_int_equal(db_res_int(r, 0, 2), 20);
	db_res_free(r);

	{
		struct db_val p[] = { DB_INT(12345) };
		EXEC_OK(f->db, CAST, p, 1, &r);
	}
	assert_string_equal(db_res_text(r, 0, 0), "12345");
	db_res_free(r);
	{
		struct db_val p[] = { DB_TEXT("abc") }; /* prepared as int8: runs unprepared */
		EXEC_OK(f->db, CAST, p, 1, &r);
	}
	assert_string_equal(db_res_text(r, 0, 0), "abc");
	db_res_free(r);
	{
		struct db_val p[] = { DB_NULLV };
		EXEC_OK(f->db, CAST, p, 1, &r);
	}
	assert_true(db_res_isnull(r, 0, 0));
	db_res_free(r);

	/* placeholder count mismatch is an error, not a crash */
	{
		struct db_err e = { 0 };
		struct db_val p[] = { DB_INT(1) };

		assert_int_equal(db_exec(f->db, "SELECT ?, ?", p, 1, NULL, &e), -1);
		assert_int_equal(e.kind, DB_ERR_OTHER);
	}
}

/* More statements than the cache holds; and one buffer reused for new SQL. */
static void test_pg_cache_churn(void **state)
{
	struct fx *f = *state;
	enum { N = 300 };
	char *sqls[N];
	char buf[64];

	for (int i = 0; i < N; i++) {
		sqls[i] = malloc(64);
		assert_non_null(sqls[i]);
		snprintf(sqls[i], 64, "SELECT ? + %d", i);
	}
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < N; i++) {
			struct db_val p[] = { DB_INT(1000) };
			struct db_res *r = NULL;

			EXEC_OK(f->db, sqls[i], p, 1, &r);
			assert_int_equal(db_res_int(r, 0, 0), 1000 + i);
			db_res_free(r);
		}
	}
	for (int i = 0; i < 50; i++) {
		struct db_val p[] = { DB_INT(1) };
		struct db_res *r = NULL;

		snprintf(buf, sizeof buf, "SELECT ? * %d", i);
		EXEC_OK(f->db, buf, p, 1, &r);
		assert_int_equal(db_res_int(r, 0, 0), i);
		db_res_free(r);
	}
	assert_true(pg_prepared_count(f->db, NULL) <= 256 + 2);
	for (int i = 0; i < N; i++)
		free(sqls[i]);
}

static void test_pg_many_cols(void **state)
{
	struct fx *f = *state;
	char sql[1024];
	size_t o = 0;
	struct db_res *r = NULL;

	o += (size_t)snprintf(sql + o, sizeof sql - o, "SELECT 0");
	for (int i = 1; i < 100; i++)
		o += (size_t)snprintf(sql + o, sizeof sql - o, ", %d", i);
	EXEC_OK(f->db, sql, NULL, 0, &r);
	assert_int_equal(db_res_cols(r), 100);
	assert_int_equal(db_res_int(r, 0, 99), 99);
	db_res_free(r);
}

static void test_pg_serialization(void **state)
{
	static const char BEGIN_SER[] = "BEGIN ISOLATION LEVEL SERIALIZABLE";
	static const char SUM[] = "SELECT sum(n) FROM t";
	static const char UPD[] = "UPDATE t SET n = n + 1 WHERE id = ?";
	struct fx *f = *state;
	struct db_err e = { 0 };
	struct db *a = f->db, *b;
	struct db_res *r = NULL;

	make_t(a);
	for (int i = 1; i <= 2; i++) {
		struct db_val p[] = { DB_INT(i), DB_TEXT("s"), DB_INT(0) };
		EXEC_OK(a, T_INS, p, 3, NULL);
	}
	b = open_or_fail(f->target);
	EXEC_OK(a, BEGIN_SER, NULL, 0, NULL);
	EXEC_OK(b, BEGIN_SER, NULL, 0, NULL);
	EXEC_OK(a, SUM, NULL, 0, &r);
	db_res_free(r);
	EXEC_OK(b, SUM, NULL, 0, &r);
	db_res_free(r);
	{
		struct db_val p[] = { DB_INT(1) };
		EXEC_OK(a, UPD, p, 1, NULL);
	}
	{
		struct db_val p[] = { DB_INT(2) };
		EXEC_OK(b, UPD, p, 1, NULL);
	}
	assert_int_equal(db_commit(a, &e), 0);
	assert_int_equal(db_commit(b, &e), -1);
	assert_int_equal(e.kind, DB_ERR_RETRY);
	/* b is usable again, and only a's write is there */
	EXEC_OK(b, SUM, NULL, 0, &r);
	assert_int_equal(db_res_int(r, 0, 0), 1);
	db_res_free(r);
	db_close(b);
}

static void test_pg_busy(void **state)
{
	struct fx *f = *state;
	struct db_err e = { 0 };
	struct db *b;
	struct db_val one[] = { DB_INT(1) };

	make_t(f->db);
	{
		struct db_val p[] = { DB_INT(1), DB_TEXT("l"), DB_INT(0) };
		EXEC_OK(f->db, T_INS, p, 3, NULL);
	}
	/* statement timeout -> BUSY */
	EXEC_OK(f->db, "SET statement_timeout = '100ms'", NULL, 0, NULL);
	assert_int_equal(db_exec(f->db, "SELECT pg_sleep(2)", NULL, 0, NULL, &e), -1);
	assert_int_equal(e.kind, DB_ERR_BUSY);
	EXEC_OK(f->db, "SET statement_timeout = '30s'", NULL, 0, NULL);

	/* lock_not_available -> BUSY */
	b = open_or_fail(f->target);
	assert_int_equal(db_begin_write(f->db, &e), 0);
	EXEC_OK(f->db, "UPDATE t SET n = 1 WHERE id = ?", one, 1, NULL);
	EXEC_OK(b, "SET lock_timeout = '100ms'", NULL, 0, NULL);
	assert_int_equal(db_begin_write(b, &e), 0);
	assert_int_equal(db_exec(b, "UPDATE t SET n = 2 WHERE id = ?", one, 1, NULL, &e), -1);
	assert_int_equal(e.kind, DB_ERR_BUSY);
	db_rollback(b);
	db_rollback(f->db);
	db_close(b);
}

static void test_pg_trigger_raise(void **state)
{
	struct fx *f = *state;
	struct db_err e = { 0 };
	struct db_val one[] = { DB_INT(1) };

	make_t(f->db);
	assert_int_equal(db_exec_script(f->db,
		"CREATE FUNCTION t_ro() RETURNS trigger LANGUAGE plpgsql AS $$\n"
		"BEGIN RAISE EXCEPTION 'rows are append-only'; END $$;\n"
		"CREATE TRIGGER t_ro BEFORE UPDATE OR DELETE ON t\n"
		"FOR EACH ROW EXECUTE FUNCTION t_ro();\n"
		"INSERT INTO t (id, name, n) VALUES (1, 'a', 1);", &e), 0);
	assert_int_equal(db_exec(f->db, "DELETE FROM t WHERE id = ?", one, 1, NULL, &e), -1);
	assert_int_equal(e.kind, DB_ERR_CONSTRAINT);
	assert_int_equal(count_rows(f->db), 1);
}

static int64_t backend_pid(struct db *db)
{
	struct db_res *r = NULL;
	int64_t v;

	EXEC_OK(db, "SELECT pg_backend_pid()", NULL, 0, &r);
	v = db_res_int(r, 0, 0);
	db_res_free(r);
	return v;
}

static void kill_backend(struct db *killer, int64_t pid)
{
	struct db_val p[] = { DB_INT(pid) };

	EXEC_OK(killer, "SELECT pg_terminate_backend(CAST(? AS integer))", p, 1, NULL);
	usleep(100 * 1000);
}

/* Connection loss: reported as CONN, the next call reconnects; inside a
 * transaction, nothing but ROLLBACK runs until the caller rolls back. */
static void test_pg_conn_lost(void **state)
{
	struct fx *f = *state;
	struct db_err e = { 0 };
	struct db *k = open_or_fail(f->target);

	make_t(f->db);
	kill_backend(k, backend_pid(f->db));
	assert_int_equal(db_exec(f->db, T_COUNT, NULL, 0, NULL, &e), -1);
	assert_int_equal(e.kind, DB_ERR_CONN);
	assert_int_equal(count_rows(f->db), 0); /* reconnected */

	assert_int_equal(db_begin_write(f->db, &e), 0);
	{
		struct db_val p[] = { DB_INT(1), DB_TEXT("lost"), DB_NULLV };
		EXEC_OK(f->db, T_INS, p, 3, NULL);
	}
	kill_backend(k, backend_pid(f->db));
	{
		struct db_val p[] = { DB_INT(2), DB_TEXT("lost"), DB_NULLV };

		assert_int_equal(db_exec(f->db, T_INS, p, 3, NULL, &e), -1);
		assert_int_equal(e.kind, DB_ERR_CONN);
		/* not in autocommit on a new connection */
		assert_int_equal(db_exec(f->db, T_INS, p, 3, NULL, &e), -1);
		assert_int_equal(e.kind, DB_ERR_CONN);
	}
	db_rollback(f->db);
	assert_int_equal(count_rows(f->db), 0);
	db_close(k);
}

static void test_pg_closed_port(void **state)
{
	struct sockaddr_in sa;
	socklen_t sl = sizeof sa;
	char ci[128];
	struct db_err e = { 0 };
	int s = socket(AF_INET, SOCK_STREAM, 0);

	(void)state;
	assert_true(s >= 0);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(getsockname(s, (struct sockaddr *)&sa, &sl), 0);
	close(s); /* bound, never listened: connections are refused */
	snprintf(ci, sizeof ci, "host=127.0.0.1 port=%u user=sj dbname=sj connect_timeout=3",
		 (unsigned)ntohs(sa.sin_port));
	assert_null(db_open(DB_PG, ci, 1000, 0, &e));
	assert_int_equal(e.kind, DB_ERR_CONN);
	assert_true(e.msg[0] != '\0');
}

/* ---- main ------------------------------------------------------------ */

#define COMMON_TESTS                                                                  \
	cmocka_unit_test_setup_teardown(test_open_kind, setup, teardown),             \
	cmocka_unit_test_setup_teardown(test_insert_select_types, setup, teardown),   \
	cmocka_unit_test_setup_teardown(test_returning, setup, teardown),             \
	cmocka_unit_test_setup_teardown(test_quoted_qmark, setup, teardown),          \
	cmocka_unit_test_setup_teardown(test_optional_filter, setup, teardown),       \
	cmocka_unit_test_setup_teardown(test_many_params, setup, teardown),           \
	cmocka_unit_test_setup_teardown(test_unique, setup, teardown),                \
	cmocka_unit_test_setup_teardown(test_constraint, setup, teardown),            \
	cmocka_unit_test_setup_teardown(test_syntax_error, setup, teardown),          \
	cmocka_unit_test_setup_teardown(test_rollback, setup, teardown),              \
	cmocka_unit_test_setup_teardown(test_commit, setup, teardown),                \
	cmocka_unit_test_setup_teardown(test_fail_after, setup, teardown),            \
	cmocka_unit_test_setup_teardown(test_script, setup, teardown)

int main(void)
{
	const struct CMUnitTest sqlite_tests[] = {
		COMMON_TESTS,
		cmocka_unit_test_setup_teardown(test_sqlite_pragmas, setup, teardown),
		cmocka_unit_test(test_sqlite_not_a_db),
	};
	const struct CMUnitTest pg_tests[] = {
		COMMON_TESTS,
		cmocka_unit_test_setup_teardown(test_pg_reuse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pg_types, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pg_cache_churn, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pg_many_cols, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pg_serialization, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pg_busy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pg_trigger_raise, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pg_conn_lost, setup, teardown),
		cmocka_unit_test(test_pg_closed_port),
	};
	const char *pg = getenv("SJ_TEST_PG");
	int failed;

	g_kind = DB_SQLITE;
	failed = cmocka_run_group_tests_name("db_sqlite", sqlite_tests, NULL, NULL);
	if (pg && *pg) {
		snprintf(pg_base, sizeof pg_base, "%s", pg);
		g_kind = DB_PG;
		failed += cmocka_run_group_tests_name("db_pg", pg_tests, NULL, NULL);
	} else {
		printf("# db_pg: SKIPPED (set SJ_TEST_PG to a libpq conninfo to run the PostgreSQL tests)\n");
	}
	return failed ? 1 : 0;
}
