/* db.c - backend dispatch, materialised results, fault injection. */
#include "store/db_impl.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct db_res {
	int cols, rows, cap;
	char **cells; /* rows * cols, NULL for SQL NULL */
};

static atomic_int fail_countdown;

void db_fail_after(int k)
{
	atomic_store(&fail_countdown, k);
}

static int injected_failure(struct db_err *err)
{
	int v = atomic_load(&fail_countdown);
	while (v > 0) {
		if (atomic_compare_exchange_weak(&fail_countdown, &v, v - 1)) {
			if (v == 1) {
				db_seterr(err, DB_ERR_IO, "injected failure");
				return 1;
			}
			return 0;
		}
	}
	return 0;
}

void db_seterr(struct db_err *err, enum db_errkind kind, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	err->kind = kind;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
}

struct db *db_open(enum db_kind kind, const char *target, int busy_timeout_ms,
		   int sync_normal, struct db_err *err)
{
	struct db *db = calloc(1, sizeof *db);
	int rc;

	if (!db) {
		db_seterr(err, DB_ERR_OTHER, "out of memory");
		return NULL;
	}
	db->kind = kind;
	if (kind == DB_SQLITE)
		rc = dbl_open(db, target, busy_timeout_ms, sync_normal, err);
	else
		rc = dbp_open(db, target, busy_timeout_ms, err);
	if (rc != 0) {
		free(db);
		return NULL;
	}
	return db;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	if (db->kind == DB_SQLITE)
		dbl_close(db);
	else
		dbp_close(db);
	free(db);
}

enum db_kind db_kind(const struct db *db)
{
	return db->kind;
}

int db_exec(struct db *db, const char *sql, const struct db_val *params, int n,
	    struct db_res **out, struct db_err *err)
{
	if (out)
		*out = NULL;
	if (err)
		err->kind = DB_OK;
	if (injected_failure(err))
		return -1;
	if (db->kind == DB_SQLITE)
		return dbl_exec(db, sql, params, n, out, err);
	return dbp_exec(db, sql, params, n, out, err);
}

int db_exec_script(struct db *db, const char *sql, struct db_err *err)
{
	if (db->kind == DB_SQLITE)
		return dbl_script(db, sql, err);
	return dbp_script(db, sql, err);
}

int db_begin_write(struct db *db, struct db_err *err)
{
	const char *sql = db->kind == DB_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN";

	if (db_exec(db, sql, NULL, 0, NULL, err) != 0)
		return -1;
	db->in_tx = 1;
	return 0;
}

int db_commit(struct db *db, struct db_err *err)
{
	int rc = db_exec(db, "COMMIT", NULL, 0, NULL, err);

	if (rc != 0)
		db_rollback(db);
	db->in_tx = 0;
	return rc;
}

void db_rollback(struct db *db)
{
	struct db_err e;

	if (db->kind == DB_SQLITE)
		dbl_exec(db, "ROLLBACK", NULL, 0, NULL, &e);
	else
		dbp_exec(db, "ROLLBACK", NULL, 0, NULL, &e);
	db->in_tx = 0;
}

int db_number_placeholders(const char *sql, char *out, size_t cap)
{
	size_t o = 0;
	int n = 0;
	char quote = 0;

	for (const char *s = sql; *s; s++) {
		char num[16];
		int len = 0;

		if (quote) {
			if (*s == quote)
				quote = 0;
		} else if (*s == '\'' || *s == '"') {
			quote = *s;
		} else if (*s == '?') {
			len = snprintf(num, sizeof num, "$%d", ++n);
			if (o + (size_t)len >= cap)
				return -1;
			memcpy(out + o, num, (size_t)len);
			o += (size_t)len;
			continue;
		}
		if (o + 1 >= cap)
			return -1;
		out[o++] = *s;
	}
	out[o] = '\0';
	return n;
}

struct db_res *db_res_new(int cols)
{
	struct db_res *r = calloc(1, sizeof *r);

	if (r)
		r->cols = cols;
	return r;
}

int db_res_push(struct db_res *r, const char *const *vals, const size_t *lens)
{
	if (r->rows == r->cap) {
		int ncap = r->cap ? r->cap * 2 : 8;
		char **nc = realloc(r->cells, sizeof(char *) * (size_t)ncap * (size_t)(r->cols ? r->cols : 1));

		if (!nc)
			return -1;
		r->cells = nc;
		r->cap = ncap;
	}
	for (int c = 0; c < r->cols; c++) {
		char *v = NULL;

		if (vals[c]) {
			v = malloc(lens[c] + 1);
			if (!v) {
				/* free this row's cells so far: rows is not yet counted */
				for (int k = 0; k < c; k++)
					free(r->cells[(size_t)r->rows * (size_t)r->cols + (size_t)k]);
				return -1;
			}
			memcpy(v, vals[c], lens[c]);
			v[lens[c]] = '\0';
		}
		r->cells[(size_t)r->rows * (size_t)r->cols + (size_t)c] = v;
	}
	r->rows++;
	return 0;
}

int db_res_rows(const struct db_res *r)
{
	return r ? r->rows : 0;
}

int db_res_cols(const struct db_res *r)
{
	return r ? r->cols : 0;
}

const char *db_res_text(const struct db_res *r, int row, int col)
{
	if (!r || row < 0 || row >= r->rows || col < 0 || col >= r->cols)
		return NULL;
	return r->cells[(size_t)row * (size_t)r->cols + (size_t)col];
}

int64_t db_res_int(const struct db_res *r, int row, int col)
{
	const char *t = db_res_text(r, row, col);

	return t ? strtoll(t, NULL, 10) : 0;
}

int db_res_isnull(const struct db_res *r, int row, int col)
{
	return db_res_text(r, row, col) == NULL;
}

void db_res_free(struct db_res *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < (size_t)r->rows * (size_t)r->cols; i++)
		free(r->cells[i]);
	free(r->cells);
	free(r);
}
