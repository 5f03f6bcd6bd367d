/* db_impl.h - what db.c expects of each backend. Private to src/store/. */
#ifndef SJ_DB_IMPL_H
#define SJ_DB_IMPL_H

#include "store/db.h"

struct db {
	enum db_kind kind;
	void *h;      /* sqlite3 * or PGconn * */
	void *cache;  /* backend statement cache, owned by the backend */
	int in_tx;
};

/* Each returns 0 on success, -1 with err filled. exec materialises rows into
 * *out (when out != NULL) using db_res_new()/db_res_push(). */
int dbl_open(struct db *db, const char *path, int busy_ms, int sync_normal, struct db_err *err);
void dbl_close(struct db *db);
int dbl_exec(struct db *db, const char *sql, const struct db_val *p, int n,
	     struct db_res **out, struct db_err *err);
int dbl_script(struct db *db, const char *sql, struct db_err *err);

int dbp_open(struct db *db, const char *conninfo, int busy_ms, struct db_err *err);
void dbp_close(struct db *db);
int dbp_exec(struct db *db, const char *sql, const struct db_val *p, int n,
	     struct db_res **out, struct db_err *err);
int dbp_script(struct db *db, const char *sql, struct db_err *err);

/* Copy `sql` into out (size cap) replacing each ? outside quotes with $1..$n.
 * Returns the number of placeholders, or -1 if out is too small. */
int db_number_placeholders(const char *sql, char *out, size_t cap);

/* A LIKE pattern (ESCAPE '\\') matching q literally as a substring: % _ and
 * \\ escaped. NULL for NULL q or out of memory; the caller frees. */
char *store_like_contains(const char *q);

/* A single-row lookup's result: rc when not 0; 1 (and *out NULL) when no
 * row came back; else 0. */
int store_one_or_none(int rc, struct db_res **out);

void db_seterr(struct db_err *err, enum db_errkind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
