/* db_pg.c - the PostgreSQL backend of db.h (libpq).
 *
 * SQL arrives with `?` placeholders; they are numbered ($1..$n) by
 * db_number_placeholders(). Parameters are sent in text format with declared
 * types: DB_T_INT as int8, DB_T_TEXT as text, DB_T_NULL as unknown (the server
 * infers it), except that a parameter tested with `? IS [NOT] NULL` is always
 * declared text, since the server cannot infer a type there.
 *
 * Each connection keeps a cache of server-side prepared statements keyed by
 * the SQL text's address (SQL is written as string literals), verified by
 * content. A call whose parameter types do not fit the prepared ones (e.g. an
 * INT where the statement was first prepared for a NULL that the server
 * inferred as text) runs unprepared with PQexecParams: correctness first.
 *
 * A lost connection is reported as DB_ERR_CONN; the next call tries PQreset
 * once. If the connection was lost inside a transaction, every statement but
 * ROLLBACK is refused until the caller has rolled back, so that the rest of a
 * lost transaction can never run in autocommit on the new connection.
 *
 * One connection per thread; no mutable globals. */
#include "store/db_impl.h"
#include "util/log.h"

#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CACHE_SLOTS 256
#define CACHE_PROBE 8
#define STACK_PARAMS 32
#define STACK_COLS 64
#define OID_UNKNOWN 0
#define OID_INT8 20
#define OID_TEXT 25
#define CONNECT_TIMEOUT_S "10"

static const char SESSION_SETUP[] =
	"SET client_encoding = 'UTF8';"
	"SET TIME ZONE 'UTC';"
	"SET statement_timeout = '30s';"
	"SET synchronous_commit = on;"
	"SET standard_conforming_strings = on;" /* placeholders assume '' quoting */
	"SET default_transaction_isolation = 'read committed'";

struct pst {
	const char *key;  /* the caller's SQL pointer */
	char *sql;        /* copy of the SQL text, to verify the key */
	char name[24];    /* server-side statement name */
	int n;            /* parameter count */
	Oid *types;       /* parameter types as the server settled them */
	char *nulltest;   /* per parameter: used as `? IS [NOT] NULL` */
	unsigned long used;
};

struct pgc {
	struct pst ent[CACHE_SLOTS];
	unsigned long next_name;
	unsigned long tick;
	int must_rollback; /* connection lost inside a transaction */
};

/* ---- errors ---------------------------------------------------------- */

/* Copy s into dst as one line (newlines to spaces, trailing space cut). */
static void one_line(char *dst, size_t cap, const char *s)
{
	size_t o = 0;

	if (!s)
		s = "";
	for (; *s && o + 1 < cap; s++)
		dst[o++] = (*s == '\n' || *s == '\r' || *s == '\t') ? ' ' : *s;
	while (o > 0 && dst[o - 1] == ' ')
		o--;
	dst[o] = '\0';
}

static enum db_errkind map_sqlstate(const char *st)
{
	if (!st || strlen(st) != 5)
		return DB_ERR_OTHER;
	if (strcmp(st, "23505") == 0)
		return DB_ERR_UNIQUE;
	if (strncmp(st, "23", 2) == 0 || strcmp(st, "P0001") == 0 || strcmp(st, "40002") == 0)
		return DB_ERR_CONSTRAINT;
	if (strcmp(st, "40001") == 0 || strcmp(st, "40P01") == 0)
		return DB_ERR_RETRY;
	if (strcmp(st, "55P03") == 0 || strcmp(st, "57014") == 0)
		return DB_ERR_BUSY;
	if (strncmp(st, "53", 2) == 0)
		return DB_ERR_FULL;
	if (strncmp(st, "58", 2) == 0 || strcmp(st, "XX001") == 0 || strcmp(st, "XX002") == 0)
		return DB_ERR_IO;
	/* connection exception; admin/crash shutdown, cannot connect now */
	if (strncmp(st, "08", 2) == 0 || strncmp(st, "57P0", 4) == 0)
		return DB_ERR_CONN;
	return DB_ERR_OTHER;
}

static int conn_err(PGconn *conn, struct db_err *err, const char *what)
{
	char line[200];

	one_line(line, sizeof line, conn ? PQerrorMessage(conn) : "no connection");
	db_seterr(err, DB_ERR_CONN, "%s: %s", what, line);
	return -1;
}

/* Fill err from a failed result (res may be NULL); always returns -1. */
static int res_err(struct db *db, PGresult *res, struct db_err *err, const char *what,
		   PGTransactionStatusType before)
{
	PGconn *conn = db->h;
	struct pgc *c = db->cache;
	const char *st = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	enum db_errkind kind;
	char line[200];

	if (PQstatus(conn) != CONNECTION_OK) {
		kind = DB_ERR_CONN;
		if (before != PQTRANS_IDLE)
			c->must_rollback = 1;
	} else {
		kind = map_sqlstate(st);
	}
	if (res && PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY))
		one_line(line, sizeof line, PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
	else if (res && PQresultStatus(res) != PGRES_FATAL_ERROR)
		snprintf(line, sizeof line, "unexpected result %s",
			 PQresStatus(PQresultStatus(res)));
	else
		one_line(line, sizeof line, PQerrorMessage(conn));
	db_seterr(err, kind, "%s: %s [%s]", what, line, st ? st : "-----");
	return -1;
}

static int res_ok(const PGresult *res)
{
	ExecStatusType s = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;

	return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY;
}

/* Server notices (e.g. "there is no transaction in progress") go to the log,
 * not to stderr as libpq would have it. */
static void on_notice(void *arg, const PGresult *res)
{
	const char *st = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	const char *sev = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
	char line[300];

	(void)arg;
	if (st && strcmp(st, "25P01") == 0) /* ROLLBACK outside a transaction */
		return;
	one_line(line, sizeof line, PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
	log_info("pg %s: %s", sev ? sev : "NOTICE", line);
}

/* ---- statement cache ------------------------------------------------- */

static void pst_free(struct pst *e)
{
	free(e->sql);
	free(e->types);
	free(e->nulltest);
	memset(e, 0, sizeof *e);
}

/* Forget every entry; the server side is gone (reset) or going (close). */
static void cache_forget_all(struct pgc *c)
{
	for (int i = 0; i < CACHE_SLOTS; i++)
		pst_free(&c->ent[i]);
}

static size_t home_slot(const char *sql)
{
	return (size_t)(((uintptr_t)sql >> 3) % CACHE_SLOTS);
}

static struct pst *cache_find(struct pgc *c, const char *sql)
{
	size_t h = home_slot(sql);

	for (int k = 0; k < CACHE_PROBE; k++) {
		struct pst *e = &c->ent[(h + (size_t)k) % CACHE_SLOTS];

		if (e->key == sql && strcmp(e->sql, sql) == 0)
			return e;
	}
	return NULL;
}

/* A slot for sql: an empty one in its probe window, else the least recently
 * used one, deallocated on the server. NULL when none can be freed now. */
static struct pst *cache_slot(struct db *db, const char *sql)
{
	struct pgc *c = db->cache;
	size_t h = home_slot(sql);
	struct pst *victim = NULL;

	for (int k = 0; k < CACHE_PROBE; k++) {
		struct pst *e = &c->ent[(h + (size_t)k) % CACHE_SLOTS];

		if (!e->key)
			return e;
		if (e->key == sql) { /* same address, new content */
			victim = e;
			break;
		}
		if (!victim || e->used < victim->used)
			victim = e;
	}
	/* An aborted transaction refuses DEALLOCATE; the caller's statement will
	 * fail anyway, so run it uncached. */
	if (PQtransactionStatus(db->h) != PQTRANS_IDLE && PQtransactionStatus(db->h) != PQTRANS_INTRANS)
		return NULL;
	{
		char cmd[48];
		PGresult *r;

		snprintf(cmd, sizeof cmd, "DEALLOCATE %s", victim->name);
		r = PQexec(db->h, cmd);
		if (!res_ok(r)) {
			PQclear(r);
			return NULL;
		}
		PQclear(r);
	}
	pst_free(victim);
	return victim;
}

/* ---- placeholders and parameters ------------------------------------- */

static int is_ident(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       ch == '_';
}

static const char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return s;
}

/* s starts with word (case-insensitive) followed by a non-identifier char? */
static const char *word(const char *s, const char *w)
{
	size_t n = strlen(w);

	if (strncasecmp(s, w, n) == 0 && !is_ident(s[n]))
		return s + n;
	return NULL;
}

/* Mark each placeholder that is followed by IS [NOT] NULL. Same quoting rules
 * as db_number_placeholders(). */
static void find_nulltests(const char *sql, char *mark, int n)
{
	char quote = 0;
	int k = 0;

	for (const char *s = sql; *s; s++) {
		if (quote) {
			if (*s == quote)
				quote = 0;
		} else if (*s == '\'' || *s == '"') {
			quote = *s;
		} else if (*s == '?') {
			const char *t = word(skip_ws(s + 1), "IS");

			if (t) {
				const char *u = word(skip_ws(t), "NOT");

				t = word(skip_ws(u ? u : t), "NULL");
			}
			if (k < n)
				mark[k] = t != NULL;
			k++;
		}
	}
}

/* Number the placeholders of sql into a fresh buffer; NULL on error. */
static char *number_sql(const char *sql, int n, struct db_err *err)
{
	size_t len = strlen(sql), q = 0, cap;
	char *out;
	int k;

	for (const char *s = sql; *s; s++)
		q += *s == '?';
	cap = len + q * 11 + 1;
	out = malloc(cap);
	if (!out) {
		db_seterr(err, DB_ERR_OTHER, "out of memory");
		return NULL;
	}
	k = db_number_placeholders(sql, out, cap);
	if (k != n) {
		if (k < 0)
			db_seterr(err, DB_ERR_OTHER, "placeholder buffer too small");
		else
			db_seterr(err, DB_ERR_OTHER, "statement has %d placeholders, call gives %d", k, n);
		free(out);
		return NULL;
	}
	return out;
}

static Oid value_type(const struct db_val *v, int nulltest)
{
	if (nulltest)
		return OID_TEXT;
	switch (v->type) {
	case DB_T_INT:
		return OID_INT8;
	case DB_T_TEXT:
		return OID_TEXT;
	default:
		return OID_UNKNOWN;
	}
}

/* Can this call run the prepared statement e? NULL fits any type. */
static int fits(const struct pst *e, const struct db_val *p, int n)
{
	if (e->n != n)
		return 0;
	for (int i = 0; i < n; i++) {
		if (p[i].type == DB_T_NULL || e->nulltest[i])
			continue;
		if (value_type(&p[i], 0) != e->types[i])
			return 0;
	}
	return 1;
}

/* Prepare sql into slot e with the declared types; on success e is filled. */
static int prepare_into(struct db *db, struct pst *e, const char *sql, const char *numbered,
			const Oid *decl, const char *nulltest, int n, struct db_err *err,
			PGTransactionStatusType before)
{
	struct pgc *c = db->cache;
	PGresult *r;
	int unknown = 0;

	memset(e, 0, sizeof *e);
	snprintf(e->name, sizeof e->name, "s%lu", ++c->next_name);
	r = PQprepare(db->h, e->name, numbered, n, n ? decl : NULL);
	if (!res_ok(r)) {
		res_err(db, r, err, "prepare", before);
		PQclear(r);
		memset(e, 0, sizeof *e);
		return -1;
	}
	PQclear(r);
	e->sql = strdup(sql);
	e->types = malloc(sizeof(Oid) * (size_t)(n ? n : 1));
	e->nulltest = malloc((size_t)(n ? n : 1));
	if (!e->sql || !e->types || !e->nulltest) {
		/* the server keeps the statement until the session ends; harmless */
		pst_free(e);
		db_seterr(err, DB_ERR_OTHER, "out of memory");
		return -1;
	}
	for (int i = 0; i < n; i++) {
		e->types[i] = decl[i];
		e->nulltest[i] = nulltest[i];
		unknown |= decl[i] == OID_UNKNOWN;
	}
	if (unknown) { /* learn what the server inferred for the NULLs */
		r = PQdescribePrepared(db->h, e->name);
		if (res_ok(r) && PQnparams(r) == n) {
			for (int i = 0; i < n; i++)
				e->types[i] = PQparamtype(r, i);
		}
		PQclear(r);
	}
	e->key = sql;
	e->n = n;
	e->used = ++c->tick;
	return 0;
}

static int materialise(PGresult *r, struct db_res **out, struct db_err *err)
{
	int cols = PQnfields(r), rows = PQntuples(r);
	const char *svals[STACK_COLS];
	size_t slens[STACK_COLS];
	const char **vals = svals;
	size_t *lens = slens;
	struct db_res *res;
	int rc = 0;

	res = db_res_new(cols);
	if (!res)
		goto oom;
	if (cols > STACK_COLS) {
		vals = malloc(sizeof *vals * (size_t)cols);
		lens = malloc(sizeof *lens * (size_t)cols);
		if (!vals || !lens)
			rc = -1;
	}
	for (int i = 0; rc == 0 && i < rows; i++) {
		for (int j = 0; j < cols; j++) {
			vals[j] = PQgetisnull(r, i, j) ? NULL : PQgetvalue(r, i, j);
			lens[j] = (size_t)PQgetlength(r, i, j);
		}
		rc = db_res_push(res, vals, lens);
	}
	if (vals != svals)
		free(vals);
	if (lens != slens)
		free(lens);
	if (rc != 0)
		goto oom;
	*out = res;
	return 0;
oom:
	db_res_free(res);
	db_seterr(err, DB_ERR_OTHER, "out of memory");
	return -1;
}

/* ---- connection ------------------------------------------------------ */

static int session_setup(struct db *db, struct db_err *err)
{
	PGresult *r = PQexec(db->h, SESSION_SETUP);
	int rc = 0;

	if (!res_ok(r))
		rc = res_err(db, r, err, "session setup", PQTRANS_IDLE);
	PQclear(r);
	return rc;
}

/* Make sure the connection is up; a broken one is reset once per call. */
static int ensure_conn(struct db *db, struct db_err *err)
{
	if (PQstatus(db->h) == CONNECTION_OK)
		return 0;
	cache_forget_all(db->cache); /* server-side statements died with it */
	PQreset(db->h);
	if (PQstatus(db->h) != CONNECTION_OK)
		return conn_err(db->h, err, "reconnect");
	if (session_setup(db, err) != 0)
		return -1;
	log_warn("pg: connection was lost and has been re-established");
	return 0;
}

/* ROLLBACK / ABORT [WORK | TRANSACTION] [;] - but not ROLLBACK TO SAVEPOINT. */
static int is_tx_abort(const char *sql)
{
	const char *s = skip_ws(sql), *t;

	if (!(t = word(s, "ROLLBACK")) && !(t = word(s, "ABORT")))
		return 0;
	s = skip_ws(t);
	if ((t = word(s, "WORK")) || (t = word(s, "TRANSACTION")))
		s = skip_ws(t);
	while (*s == ';' || *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return *s == '\0';
}

int dbp_open(struct db *db, const char *conninfo, int busy_ms, struct db_err *err)
{
	char lock_sql[64];

	/* Entries before dbname are defaults that the conninfo may override.
	 * gssencmode=disable: no Kerberos probe on every TCP connect. */
	const char *const keys[] = { "connect_timeout", "gssencmode", "fallback_application_name",
				     "dbname", NULL };
	const char *const vals[] = { CONNECT_TIMEOUT_S, "disable", "shuangjian", conninfo, NULL };
	PGconn *conn;

	db->h = NULL;
	db->cache = NULL;
	if (!conninfo) {
		db_seterr(err, DB_ERR_CONN, "connect: no conninfo");
		return -1;
	}
	conn = PQconnectdbParams(keys, vals, 1);
	if (!conn) {
		db_seterr(err, DB_ERR_OTHER, "out of memory");
		return -1;
	}
	if (PQstatus(conn) != CONNECTION_OK) {
		conn_err(conn, err, "connect");
		PQfinish(conn);
		return -1;
	}
	PQsetNoticeReceiver(conn, on_notice, NULL);
	db->h = conn;
	db->cache = calloc(1, sizeof(struct pgc));
	if (!db->cache) {
		db_seterr(err, DB_ERR_OTHER, "out of memory");
		goto fail;
	}
	if (session_setup(db, err) != 0)
		goto fail;
	/* A writer that cannot get a row lock within busy_ms answers BUSY (503),
	 * as SQLite's busy_timeout does. The number is ours, not input. */
	snprintf(lock_sql, sizeof lock_sql, "SET lock_timeout = %d", busy_ms > 0 ? busy_ms : 5000);
	if (dbp_script(db, lock_sql, err) != 0)
		goto fail;
	return 0;
fail:
	free(db->cache);
	db->cache = NULL;
	PQfinish(conn);
	db->h = NULL;
	return -1;
}

void dbp_close(struct db *db)
{
	if (db->cache) {
		cache_forget_all(db->cache);
		free(db->cache);
		db->cache = NULL;
	}
	if (db->h)
		PQfinish(db->h); /* ends the session: its prepared statements go too */
	db->h = NULL;
}

/* Common entry checks. Returns 1 when the call is already answered (rc set). */
static int precheck(struct db *db, const char *sql, struct db_err *err, int *rc)
{
	struct pgc *c = db->cache;

	*rc = -1;
	if (!db->h || !c || !sql) {
		db_seterr(err, DB_ERR_CONN, "not connected");
		return 1;
	}
	if (c->must_rollback) {
		if (is_tx_abort(sql)) {
			/* the transaction died with the old connection: done */
			c->must_rollback = 0;
			*rc = ensure_conn(db, err);
			return 1;
		}
		db_seterr(err, DB_ERR_CONN, "connection lost inside a transaction; roll back first");
		return 1;
	}
	if (ensure_conn(db, err) != 0)
		return 1;
	return 0;
}

int dbp_exec(struct db *db, const char *sql, const struct db_val *p, int n,
	     struct db_res **out, struct db_err *err)
{
	struct pgc *c = db->cache;
	const char *svals[STACK_PARAMS];
	char snums[STACK_PARAMS][24];
	Oid stypes[STACK_PARAMS];
	char stests[STACK_PARAMS];
	const char **vals = svals;
	char (*nums)[24] = snums;
	Oid *types = stypes;
	char *tests = stests;
	char *numbered = NULL;
	PGTransactionStatusType before;
	PGresult *r = NULL;
	struct pst *e;
	int rc = -1;

	if (out)
		*out = NULL;
	if (precheck(db, sql, err, &rc))
		return rc;
	rc = -1;
	if (n < 0 || (n > 0 && !p)) {
		db_seterr(err, DB_ERR_OTHER, "bad parameter count");
		return -1;
	}
	if (n > STACK_PARAMS) {
		vals = malloc(sizeof *vals * (size_t)n);
		nums = malloc(sizeof *nums * (size_t)n);
		types = malloc(sizeof *types * (size_t)n);
		tests = malloc((size_t)n);
		if (!vals || !nums || !types || !tests) {
			db_seterr(err, DB_ERR_OTHER, "out of memory");
			goto done;
		}
	}
	for (int i = 0; i < n; i++) {
		switch (p[i].type) {
		case DB_T_INT:
			snprintf(nums[i], sizeof nums[i], "%" PRId64, p[i].i);
			vals[i] = nums[i];
			break;
		case DB_T_TEXT:
			vals[i] = p[i].s;
			break;
		default:
			vals[i] = NULL;
		}
	}
	before = PQtransactionStatus(db->h);

	e = cache_find(c, sql);
	if (e && fits(e, p, n)) {
		e->used = ++c->tick;
		r = PQexecPrepared(db->h, e->name, n, vals, NULL, NULL, 0);
		if (!res_ok(r)) {
			const char *st = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;

			/* "cached plan must not change result type" after DDL: forget
			 * the entry (the server copy lives on until the session ends) */
			if (st && strcmp(st, "0A000") == 0)
				pst_free(e);
		}
		goto result;
	}

	numbered = number_sql(sql, n, err);
	if (!numbered)
		goto done;
	memset(tests, 0, (size_t)n);
	find_nulltests(sql, tests, n);
	for (int i = 0; i < n; i++)
		types[i] = value_type(&p[i], tests[i]);

	if (!e && (e = cache_slot(db, sql)) != NULL) {
		if (prepare_into(db, e, sql, numbered, types, tests, n, err, before) != 0)
			goto done;
		r = PQexecPrepared(db->h, e->name, n, vals, NULL, NULL, 0);
	} else {
		/* types differ from the prepared ones, or no slot: run unprepared */
		r = PQexecParams(db->h, numbered, n, n ? types : NULL, vals, NULL, NULL, 0);
	}

result:
	if (!res_ok(r)) {
		res_err(db, r, err, "exec", before);
		goto done;
	}
	if (out && materialise(r, out, err) != 0)
		goto done;
	rc = 0;
done:
	PQclear(r);
	free(numbered);
	if (vals != svals)
		free(vals);
	if (nums != snums)
		free(nums);
	if (types != stypes)
		free(types);
	if (tests != stests)
		free(tests);
	return rc;
}

int dbp_script(struct db *db, const char *sql, struct db_err *err)
{
	PGTransactionStatusType before;
	PGresult *r;
	int rc = 0;

	if (precheck(db, sql, err, &rc))
		return rc;
	before = PQtransactionStatus(db->h);
	r = PQexec(db->h, sql);
	if (!res_ok(r))
		rc = res_err(db, r, err, "script", before);
	else
		rc = 0;
	PQclear(r);
	return rc;
}
