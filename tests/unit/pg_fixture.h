/* pg_fixture.h - for unit tests that run on the PostgreSQL of SJ_TEST_PG: each
 * database a test needs is a fresh schema of it, selected with search_path,
 * dropped when done. Include after cmocka.h; set pg_base from SJ_TEST_PG. */
#ifndef SJ_PG_FIXTURE_H
#define SJ_PG_FIXTURE_H

#include "store/db.h"

#include <stdio.h>
#include <unistd.h>

static char pg_base[1024]; /* SJ_TEST_PG: a libpq conninfo */

/* Run sql on a connection of its own, without a search_path. */
static void pg_admin(const char *sql)
{
	struct db_err e = { 0 };
	struct db *db = db_open(DB_PG, pg_base, 5000, 0, &e);

	if (!db)
		fail_msg("admin connect: %s", e.msg);
	if (db_exec_script(db, "SET client_min_messages = warning", &e) != 0 ||
	    db_exec_script(db, sql, &e) != 0)
		fail_msg("admin: %s: %s", sql, e.msg);
	db_close(db);
}

/* A new empty schema PREFIX_<pid>_<n> in schema[64]; the conninfo that selects
 * it in target. */
static void pg_schema_new(const char *prefix, char schema[64], char *target, size_t cap)
{
	static unsigned seq;
	char sql[256];

	snprintf(schema, 64, "%s_%ld_%u", prefix, (long)getpid(), ++seq);
	snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s", schema, schema);
	pg_admin(sql);
	snprintf(target, cap, "%s options='-csearch_path=%s'", pg_base, schema);
}

static void pg_schema_drop(const char *schema)
{
	char sql[128];

	snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE", schema);
	pg_admin(sql);
}

#endif
