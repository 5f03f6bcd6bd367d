/* db_sqlite.c - the SQLite backend of db.h.
 *
 * Each connection keeps a small cache of prepared statements keyed by the SQL
 * text's address (SQL is written as string literals), verified by content. */
#include "store/db_impl.h"
#include "util/log.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_SLOTS 128

struct cache_ent {
	const char *key;
	sqlite3_stmt *st;
};

static enum db_errkind map_err(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT:
		if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
			return DB_ERR_UNIQUE;
		return DB_ERR_CONSTRAINT;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return DB_ERR_BUSY;
	case SQLITE_FULL:
		return DB_ERR_FULL;
	case SQLITE_IOERR:
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
	case SQLITE_CANTOPEN:
		return DB_ERR_IO;
	default:
		return DB_ERR_OTHER;
	}
}

static int fail(struct db *db, struct db_err *err, int rc, const char *what)
{
	sqlite3 *h = db->h;

	db_seterr(err, map_err(rc), "%s: %s (%d)", what, h ? sqlite3_errmsg(h) : "", rc);
	return -1;
}

static int pragma(struct db *db, const char *sql, struct db_err *err)
{
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : fail(db, err, sqlite3_extended_errcode(db->h), sql);
}

int dbl_open(struct db *db, const char *path, int busy_ms, int sync_normal, struct db_err *err)
{
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				 SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL);

	db->h = h;
	if (rc != SQLITE_OK) {
		fail(db, err, rc, "open");
		goto out;
	}
	sqlite3_extended_result_codes(h, 1);
	/* busy_timeout first, or journal_mode=WAL can fail with "locked". */
	sqlite3_busy_timeout(h, busy_ms);
	sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	if (pragma(db, "PRAGMA journal_mode=WAL", err) ||
	    pragma(db, sync_normal ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=FULL", err) ||
	    pragma(db, "PRAGMA foreign_keys=ON", err) ||
	    pragma(db, "PRAGMA trusted_schema=OFF", err) ||
	    /* savepoints and RETURNING keep their scratch in memory, not a temp file */
	    pragma(db, "PRAGMA temp_store=MEMORY", err))
		goto out;
	/* A file that is not a database fails here, before any use. */
	if (pragma(db, "SELECT count(*) FROM sqlite_schema", err))
		goto out;
	if (sync_normal)
		log_warn("sqlite: synchronous=NORMAL by setting: a power loss may lose the last commits");
	db->cache = calloc(CACHE_SLOTS, sizeof(struct cache_ent));
	if (!db->cache) {
		db_seterr(err, DB_ERR_OTHER, "out of memory");
		goto out;
	}
	return 0;
out:
	sqlite3_close_v2(h);
	db->h = NULL;
	return -1;
}

void dbl_close(struct db *db)
{
	struct cache_ent *c = db->cache;

	for (int i = 0; c && i < CACHE_SLOTS; i++)
		sqlite3_finalize(c[i].st);
	free(c);
	sqlite3_close_v2(db->h);
}

static sqlite3_stmt *prepare(struct db *db, const char *sql, struct db_err *err)
{
	struct cache_ent *c = db->cache;
	size_t slot = ((uintptr_t)sql >> 3) % CACHE_SLOTS;
	sqlite3_stmt *st = NULL;

	if (c[slot].key == sql && strcmp(sqlite3_sql(c[slot].st), sql) == 0) {
		sqlite3_reset(c[slot].st);
		sqlite3_clear_bindings(c[slot].st);
		return c[slot].st;
	}
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		fail(db, err, sqlite3_extended_errcode(db->h), "prepare");
		return NULL;
	}
	sqlite3_finalize(c[slot].st);
	c[slot].key = sql;
	c[slot].st = st;
	return st;
}

static int bind(sqlite3_stmt *st, const struct db_val *p, int n)
{
	for (int i = 0; i < n; i++) {
		int rc;

		switch (p[i].type) {
		case DB_T_INT:
			rc = sqlite3_bind_int64(st, i + 1, p[i].i);
			break;
		case DB_T_TEXT:
			rc = sqlite3_bind_text(st, i + 1, p[i].s, -1, SQLITE_TRANSIENT);
			break;
		default:
			rc = sqlite3_bind_null(st, i + 1);
		}
		if (rc != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

static int push_row(sqlite3_stmt *st, struct db_res *r, int cols)
{
	const char *vals[64];
	size_t lens[64];

	for (int c = 0; c < cols && c < 64; c++) {
		vals[c] = (const char *)sqlite3_column_text(st, c);
		lens[c] = (size_t)sqlite3_column_bytes(st, c);
	}
	return db_res_push(r, vals, lens);
}

int dbl_exec(struct db *db, const char *sql, const struct db_val *p, int n,
	     struct db_res **out, struct db_err *err)
{
	sqlite3_stmt *st = prepare(db, sql, err);
	struct db_res *r = NULL;
	int rc, cols;

	if (!st)
		return -1;
	if ((rc = bind(st, p, n)) != SQLITE_OK) {
		fail(db, err, rc, "bind");
		goto fail;
	}
	cols = sqlite3_column_count(st);
	if (cols > 64) {
		db_seterr(err, DB_ERR_OTHER, "too many columns");
		goto fail;
	}
	if (out && !(r = db_res_new(cols))) {
		db_seterr(err, DB_ERR_OTHER, "out of memory");
		goto fail;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (r && push_row(st, r, cols) != 0) {
			db_seterr(err, DB_ERR_OTHER, "out of memory");
			goto fail;
		}
	}
	if (rc != SQLITE_DONE) {
		fail(db, err, sqlite3_extended_errcode(db->h), "step");
		goto fail;
	}
	sqlite3_reset(st);
	if (out)
		*out = r;
	return 0;
fail:
	sqlite3_reset(st);
	db_res_free(r);
	return -1;
}

int dbl_script(struct db *db, const char *sql, struct db_err *err)
{
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : fail(db, err, sqlite3_extended_errcode(db->h), "script");
}
