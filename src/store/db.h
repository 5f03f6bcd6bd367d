/* db.h - one SQL interface over two backends (SQLite, PostgreSQL).
 *
 * SQL text is written once with `?` placeholders; the PostgreSQL backend
 * numbers them ($1, $2 ...). Parameters are always bound, never pasted into
 * SQL text (tools/check_sql.sh fails the build otherwise).
 *
 * Results are materialised: db_exec() returns every row as text (or NULL),
 * owned by the struct db_res and freed with db_res_free(). Statements that
 * return no rows may pass out=NULL.
 *
 * Errors are mapped to a small set of kinds so that callers can answer 409
 * (unique), 503 (busy, retry), 507 (full) without knowing the backend. The
 * backend's own text goes to the log only, never to a client.
 */
#ifndef SJ_DB_H
#define SJ_DB_H

#include <stddef.h>
#include <stdint.h>

enum db_kind { DB_SQLITE = 1, DB_PG = 2 };

enum db_errkind {
	DB_OK = 0,
	DB_ERR_UNIQUE,        /* unique / primary key violation */
	DB_ERR_CONSTRAINT,    /* other constraint (FK, CHECK, NOT NULL, trigger RAISE) */
	DB_ERR_BUSY,          /* lock not obtained within busy timeout */
	DB_ERR_RETRY,         /* PG serialization failure / deadlock: retry the transaction */
	DB_ERR_FULL,          /* disk or database full */
	DB_ERR_IO,            /* I/O error, corrupt file */
	DB_ERR_CONN,          /* connection lost / cannot connect */
	DB_ERR_OTHER
};

struct db_err {
	enum db_errkind kind;
	char msg[256]; /* backend text, for the log only */
};

enum db_vtype { DB_T_NULL = 0, DB_T_INT, DB_T_TEXT };

struct db_val {
	enum db_vtype type;
	int64_t i;
	const char *s; /* NUL-terminated; borrowed for the call */
};

#define DB_INT(x)  ((struct db_val){ .type = DB_T_INT, .i = (int64_t)(x) })
static inline struct db_val db_text_val(const char *s)
{
	return (struct db_val){ .type = s ? DB_T_TEXT : DB_T_NULL, .s = s };
}
#define DB_TEXT(x) db_text_val(x)
#define DB_NULLV   ((struct db_val){ .type = DB_T_NULL })

struct db;     /* one connection */
struct db_res; /* a materialised result */

/* Open a connection. SQLite: `target` is the file path; the connection gets
 * WAL, synchronous=FULL (or NORMAL when sync_normal != 0, which is logged),
 * foreign_keys=ON, busy_timeout (ms), defensive mode, trusted_schema=OFF.
 * PostgreSQL: `target` is a libpq conninfo string; lock_timeout = busy_timeout_ms
 * (sync_normal does not apply: synchronous_commit stays on).
 * Returns NULL and fills err on failure. */
struct db *db_open(enum db_kind kind, const char *target, int busy_timeout_ms,
		   int sync_normal, struct db_err *err);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);

/* Run one statement. params may be NULL when n == 0. On success returns 0 and,
 * if out != NULL, stores the result (caller frees). On error returns -1,
 * fills err, *out is NULL. */
int db_exec(struct db *db, const char *sql, const struct db_val *params, int n,
	    struct db_res **out, struct db_err *err);

/* Run several statements without parameters (migrations). */
int db_exec_script(struct db *db, const char *sql, struct db_err *err);

/* Transactions. db_begin_write: SQLite BEGIN IMMEDIATE; PostgreSQL BEGIN
 * (READ COMMITTED; writers serialise on the rows they lock). */
int db_begin_write(struct db *db, struct db_err *err);
int db_commit(struct db *db, struct db_err *err);
void db_rollback(struct db *db); /* never fails from the caller's view */

/* Results. Row and column indexes are 0-based and checked (out of range gives
 * NULL / 0). db_res_text returns NULL for SQL NULL. */
int db_res_rows(const struct db_res *r);
int db_res_cols(const struct db_res *r);
const char *db_res_text(const struct db_res *r, int row, int col);
int64_t db_res_int(const struct db_res *r, int row, int col);
int db_res_isnull(const struct db_res *r, int row, int col);
void db_res_free(struct db_res *r);

/* Fault injection for tests: when set to k > 0, the k-th db_exec() from now on
 * (process-wide) fails with DB_ERR_IO. 0 turns it off. */
void db_fail_after(int k);

/* Backend-private hooks used by db.c; each backend implements these. */
struct db_res *db_res_new(int cols);
int db_res_push(struct db_res *r, const char *const *vals, const size_t *lens);

#endif
