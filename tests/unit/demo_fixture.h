/* demo_fixture.h - for unit tests that drive the use cases on a demo
 * district in a temporary SQLite file: open it, read one number, sign in a
 * demo account as an actor, close and remove it. Include after cmocka.h;
 * each test program has one fixture (the statics below). */
#ifndef SJ_DEMO_FIXTURE_H
#define SJ_DEMO_FIXTURE_H

#include "app/app.h"
#include "app/app_internal.h"
#include "demo/demo.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char fx_path[64];
static struct app fx_app;

/* The first column of the first row of sql (0 when no row). */
static int64_t fx_scalar(const char *sql)
{
	struct app_err e = { 0 };
	struct db *db = app_db_get(&fx_app, &e);
	struct db_res *r = NULL;
	struct db_err dbe = { 0 };
	int64_t n;

	assert_non_null(db);
	if (db_exec(db, sql, NULL, 0, &r, &dbe) != 0)
		fail_msg("%s: %s", sql, dbe.msg);
	n = db_res_rows(r) ? db_res_int(r, 0, 0) : 0;
	db_res_free(r);
	app_db_put(&fx_app, db);
	return n;
}

/* A demo of `schools` schools (seed 7) in a new temporary file named after
 * tag; its output goes to /dev/null. */
static void fx_open(const char *tag, const char *password, int schools)
{
	struct app_config cfg;
	struct app_err e = { 0 };
	char msg[512];
	int fd;

	snprintf(fx_path, sizeof fx_path, "/tmp/sj-%s-XXXXXX", tag);
	fd = mkstemp(fx_path);
	if (fd < 0)
		fail_msg("mkstemp");
	close(fd);
	unlink(fx_path);
	app_config_defaults(&cfg);
	if (app_open(&fx_app, DB_SQLITE, fx_path, NULL, &cfg, msg, sizeof msg) != 0)
		fail_msg("app_open: %s", msg);
	if (!freopen("/dev/null", "w", stdout) ||
	    demo_build(&fx_app, password, schools, 7, &e) != 0)
		fail_msg("demo: %s", e.message);
}

/* The demo account `username` as the actor who (its role and school). */
static void fx_actor(const char *username, struct actor *who)
{
	struct app_err e = { 0 };
	struct db_err dbe = { 0 };
	struct store_user u;
	struct db *db = app_db_get(&fx_app, &e);

	if (!db || store_user_by_name(db, username, &u, &dbe) != 0)
		fail_msg("%s not found", username);
	app_db_put(&fx_app, db);
	app_actor_from_user(who, &u);
	snprintf(who->request_id, sizeof who->request_id, "test-req");
}

static void fx_close(void)
{
	char p[96];

	db_fail_after(0);
	app_close(&fx_app);
	unlink(fx_path);
	snprintf(p, sizeof p, "%s-wal", fx_path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", fx_path);
	unlink(p);
}

#endif
