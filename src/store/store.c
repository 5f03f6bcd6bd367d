/* store.c - the platform's SQL. One text serves both backends. */
#include "store/store.h"
#include "store/db_impl.h"
#include "util/embed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void copy(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src ? src : "");
}

/* ---- migrations ---- */

int store_schema_version(struct db *db, struct db_err *err)
{
	struct db_res *r = NULL;
	int v;

	if (db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
		    " name TEXT NOT NULL, applied_at BIGINT NOT NULL)", NULL, 0, NULL, err) != 0)
		return -1;
	if (db_exec(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", NULL, 0, &r, err))
		return -1;
	v = (int)db_res_int(r, 0, 0);
	db_res_free(r);
	return v;
}

static int apply_one(struct db *db, const struct embed_file *m, int version, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(version), DB_TEXT(m->name), DB_INT(time(NULL)) };

	if (db_begin_write(db, err) != 0)
		return -1;
	if (db_exec_script(db, (const char *)m->data, err) != 0 ||
	    db_exec(db, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
		    p, 3, NULL, err) != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

int store_migrate(struct db *db, int *applied, struct db_err *err)
{
	const struct embed_file *list = db_kind(db) == DB_SQLITE ? embed_mig_sqlite : embed_mig_pg;
	int have, n = 0;

	/* PostgreSQL: one migrator at a time, and no statement timeout for it. */
	if (db_kind(db) == DB_PG &&
	    (db_exec(db, "SELECT pg_advisory_lock(424242)", NULL, 0, NULL, err) != 0 ||
	     db_exec(db, "SET statement_timeout = 0", NULL, 0, NULL, err) != 0))
		return -1;
	have = store_schema_version(db, err);
	if (have < 0)
		goto out;
	for (const struct embed_file *m = list; m->name; m++) {
		int version = (int)strtol(m->name, NULL, 10);
		if (version <= have)
			continue;
		if (apply_one(db, m, version, err) != 0) {
			have = -1;
			goto out;
		}
		n++;
	}
out:
	if (db_kind(db) == DB_PG) {
		struct db_err e2;

		db_exec(db, "SELECT pg_advisory_unlock(424242)", NULL, 0, NULL, &e2);
		db_exec(db, "RESET statement_timeout", NULL, 0, NULL, &e2);
	}
	if (applied)
		*applied = n;
	return have < 0 ? -1 : 0;
}

/* ---- districts ---- */

int store_district_ensure(struct db *db, const char *code, const char *name, int64_t now,
			  int64_t *id, struct db_err *err)
{
	struct db_val p[3] = { DB_TEXT(code), DB_TEXT(name), DB_INT(now) };
	struct db_res *r = NULL;

	if (db_exec(db, "INSERT INTO district (code, name, created_at) VALUES (?, ?, ?)"
		    " ON CONFLICT (code) DO UPDATE SET name = excluded.name RETURNING id",
		    p, 3, &r, err) != 0)
		return -1;
	*id = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

int store_district_name(struct db *db, int64_t id, char *out, size_t cap, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(id) };
	struct db_res *r = NULL;
	int rc;

	if (db_exec(db, "SELECT name FROM district WHERE id = ?", p, 1, &r, err) != 0)
		return -1;
	rc = db_res_rows(r) ? 0 : 1;
	copy(out, cap, db_res_text(r, 0, 0));
	db_res_free(r);
	return rc;
}

/* ---- users ---- */

#define USER_COLS "id, district_id, COALESCE(school_id, 0), username, display_name, role," \
		  " password_hash, disabled"
#define USER_COLS_U "u.id, u.district_id, COALESCE(u.school_id, 0), u.username, u.display_name," \
		    " u.role, u.password_hash, u.disabled"
#define USER_NCOLS 8 /* columns after USER_COLS_U start here */

static int user_row(struct db_res *r, struct store_user *u)
{
	if (db_res_rows(r) == 0)
		return 1;
	memset(u, 0, sizeof *u);
	u->id = db_res_int(r, 0, 0);
	u->district_id = db_res_int(r, 0, 1);
	u->school_id = db_res_int(r, 0, 2);
	copy(u->username, sizeof u->username, db_res_text(r, 0, 3));
	copy(u->display_name, sizeof u->display_name, db_res_text(r, 0, 4));
	copy(u->role, sizeof u->role, db_res_text(r, 0, 5));
	copy(u->password_hash, sizeof u->password_hash, db_res_text(r, 0, 6));
	u->disabled = (int)db_res_int(r, 0, 7);
	return 0;
}

int store_user_by_name(struct db *db, const char *username, struct store_user *u, struct db_err *err)
{
	struct db_val p[1] = { DB_TEXT(username) };
	struct db_res *r = NULL;
	int rc;

	if (db_exec(db, "SELECT " USER_COLS " FROM users WHERE username = ?", p, 1, &r, err) != 0)
		return -1;
	rc = user_row(r, u);
	db_res_free(r);
	return rc;
}

int store_user_by_id(struct db *db, int64_t id, struct store_user *u, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(id) };
	struct db_res *r = NULL;
	int rc;

	if (db_exec(db, "SELECT " USER_COLS " FROM users WHERE id = ?", p, 1, &r, err) != 0)
		return -1;
	rc = user_row(r, u);
	db_res_free(r);
	return rc;
}

int store_user_insert(struct db *db, const struct store_user *u, int64_t now, int64_t *id,
		      struct db_err *err)
{
	struct db_val p[7] = {
		DB_INT(u->district_id), DB_TEXT(u->username), DB_TEXT(u->display_name),
		DB_TEXT(u->role), u->school_id ? DB_INT(u->school_id) : DB_NULLV,
		DB_TEXT(u->password_hash), DB_INT(now)
	};
	struct db_res *r = NULL;

	if (db_exec(db, "INSERT INTO users (district_id, username, display_name, role, school_id,"
		    " password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
		    p, 7, &r, err) != 0)
		return -1;
	*id = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

/* ---- sign-in failures by name (0007) ---- */

static void signin_name_row(struct db_res *r, struct store_signin_name *s)
{
	s->failed_count = (int)db_res_int(r, 0, 0);
	s->locked_until = db_res_int(r, 0, 1);
	s->updated_at = db_res_int(r, 0, 2);
}

int store_signin_name_get(struct db *db, const char *username, struct store_signin_name *s,
			  struct db_err *err)
{
	struct db_val p[1] = { DB_TEXT(username) };
	struct db_res *r = NULL;
	int rc = 1;

	memset(s, 0, sizeof *s);
	if (db_exec(db, "SELECT failed_count, locked_until, updated_at FROM signin_name"
		    " WHERE username = ?", p, 1, &r, err) != 0)
		return -1;
	if (db_res_rows(r) > 0) {
		signin_name_row(r, s);
		rc = 0;
	}
	db_res_free(r);
	return rc;
}

int store_signin_name_hold(struct db *db, const char *username, int64_t now,
			   struct store_signin_name *s, struct db_err *err)
{
	struct db_val p[2] = { DB_TEXT(username), DB_INT(now) };
	struct db_res *r = NULL;

	/* The no-op update takes the row lock on PostgreSQL (read committed),
	 * so concurrent sign-ins for one name count one after another. */
	if (db_exec(db, "INSERT INTO signin_name (username, failed_count, locked_until, updated_at)"
		    " VALUES (?, 0, 0, ?) ON CONFLICT (username)"
		    " DO UPDATE SET failed_count = signin_name.failed_count"
		    " RETURNING failed_count, locked_until, updated_at", p, 2, &r, err) != 0)
		return -1;
	signin_name_row(r, s);
	db_res_free(r);
	return 0;
}

int store_signin_name_set(struct db *db, const char *username, int failed, int64_t locked_until,
			  int64_t now, struct db_err *err)
{
	struct db_val p[4] = { DB_INT(failed), DB_INT(locked_until), DB_INT(now), DB_TEXT(username) };

	return db_exec(db, "UPDATE signin_name SET failed_count = ?, locked_until = ?, updated_at = ?"
		       " WHERE username = ?", p, 4, NULL, err);
}

int store_signin_name_clear(struct db *db, const char *username, struct db_err *err)
{
	struct db_val p[1] = { DB_TEXT(username) };

	return db_exec(db, "DELETE FROM signin_name WHERE username = ?", p, 1, NULL, err);
}

int store_signin_name_prune(struct db *db, int64_t before, int64_t now, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(before), DB_INT(now) };

	return db_exec(db, "DELETE FROM signin_name WHERE updated_at < ? AND locked_until <= ?",
		       p, 2, NULL, err);
}

int store_school_exists(struct db *db, int64_t district_id, int64_t school_id, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(school_id), DB_INT(district_id) };
	struct db_res *r = NULL;
	int found;

	if (db_exec(db, "SELECT 1 FROM school WHERE id = ? AND district_id = ? AND withdrawn = 0",
		    p, 2, &r, err) != 0)
		return -1;
	found = db_res_rows(r) > 0;
	db_res_free(r);
	return found;
}

int store_first_admin(struct db *db, struct store_user *u, struct db_err *err)
{
	struct db_res *r = NULL;
	int rc;

	if (db_exec(db, "SELECT " USER_COLS " FROM users WHERE role = 'district_admin'"
		    " AND disabled = 0 ORDER BY id LIMIT 1", NULL, 0, &r, err) != 0)
		return -1;
	rc = user_row(r, u);
	db_res_free(r);
	return rc;
}

int store_user_count(struct db *db, int64_t *n, struct db_err *err)
{
	struct db_res *r = NULL;

	if (db_exec(db, "SELECT COUNT(*) FROM users", NULL, 0, &r, err) != 0)
		return -1;
	*n = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

/* A LIKE pattern that matches q literally as a substring: % _ and \ escaped.
 * Returns NULL when q is NULL; the caller frees. */
char *store_like_contains(const char *q)
{
	size_t n = q ? strlen(q) : 0, o = 0;
	char *p;

	if (!q || !(p = malloc(2 * n + 3)))
		return NULL;
	p[o++] = '%';
	for (size_t i = 0; i < n; i++) {
		if (q[i] == '%' || q[i] == '_' || q[i] == '\\')
			p[o++] = '\\';
		p[o++] = q[i];
	}
	p[o++] = '%';
	p[o] = '\0';
	return p;
}

int store_user_list(struct db *db, int64_t district_id, const char *role, const char *q,
		    int64_t school_id, int64_t after, int limit, struct db_res **out,
		    struct db_err *err)
{
	char *pat = store_like_contains(q);
	struct db_val p[12] = {
		DB_INT(district_id), DB_INT(after), DB_TEXT(role), DB_TEXT(role),
		DB_TEXT(pat), DB_TEXT(pat), DB_TEXT(pat), DB_INT(school_id), DB_INT(school_id),
		DB_INT(school_id), DB_INT(school_id), DB_INT(limit)
	};
	int rc;

	if (q && !pat) {
		db_seterr(err, DB_ERR_OTHER, "out of memory");
		return -1;
	}
	/* lower() on both sides: LIKE is case-blind on SQLite, not on PostgreSQL.
	 * A school's accounts: of the school, its staff's, its children's guardians'. */
	rc = db_exec(db, "SELECT id, username, display_name, role, disabled, COALESCE(school_id, 0),"
		     " CASE WHEN password_hash = '' THEN 1 ELSE 0 END FROM users"
		     " WHERE district_id = ? AND id > ?"
		     " AND (CAST(? AS TEXT) IS NULL OR role = ?)"
		     " AND (CAST(? AS TEXT) IS NULL OR lower(username) LIKE lower(?) ESCAPE '\\'"
		     "      OR display_name LIKE ? ESCAPE '\\')"
		     " AND (? = 0 OR school_id = ? OR id IN (SELECT s.user_id FROM staff s"
		     "      WHERE s.school_id = ? AND s.withdrawn = 0 AND s.user_id IS NOT NULL"
		     "      UNION SELECT g.user_id FROM student st JOIN guardian_student gs"
		     "      ON gs.student_id = st.id JOIN guardian g ON g.id = gs.guardian_id"
		     "      WHERE st.school_id = ? AND st.withdrawn = 0 AND g.user_id IS NOT NULL))"
		     " ORDER BY id LIMIT ?",
		     p, 12, out, err);
	free(pat);
	return rc;
}

/* ---- sessions and tokens ---- */

int store_session_insert(struct db *db, const char *id_hash, int64_t user_id, int64_t district_id,
			 const char *csrf, int64_t now, struct db_err *err)
{
	struct db_val p[6] = { DB_TEXT(id_hash), DB_INT(user_id), DB_INT(district_id),
			       DB_TEXT(csrf), DB_INT(now), DB_INT(now) };

	return db_exec(db, "INSERT INTO sessions (id_hash, user_id, district_id, csrf, created_at,"
		       " last_seen) VALUES (?, ?, ?, ?, ?, ?)", p, 6, NULL, err);
}

int store_session_user(struct db *db, const char *id_hash, struct store_user *u, char *csrf,
		       size_t csrf_cap, int64_t *last_seen, struct db_err *err)
{
	struct db_val p[1] = { DB_TEXT(id_hash) };
	struct db_res *r = NULL;
	int rc;

	if (db_exec(db, "SELECT " USER_COLS_U ", s.csrf, s.last_seen FROM sessions s"
		    " JOIN users u ON u.id = s.user_id WHERE s.id_hash = ? AND s.revoked = 0",
		    p, 1, &r, err) != 0)
		return -1;
	rc = user_row(r, u);
	if (rc == 0) {
		copy(csrf, csrf_cap, db_res_text(r, 0, USER_NCOLS));
		*last_seen = db_res_int(r, 0, USER_NCOLS + 1);
	}
	db_res_free(r);
	return rc;
}

int store_session_touch(struct db *db, const char *id_hash, int64_t now, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(now), DB_TEXT(id_hash) };

	return db_exec(db, "UPDATE sessions SET last_seen = ? WHERE id_hash = ?", p, 2, NULL, err);
}

int store_session_revoke(struct db *db, const char *id_hash, struct db_err *err)
{
	struct db_val p[1] = { DB_TEXT(id_hash) };

	return db_exec(db, "UPDATE sessions SET revoked = 1 WHERE id_hash = ?", p, 1, NULL, err);
}

int store_token_insert(struct db *db, const char *token_hash, int64_t user_id, int64_t district_id,
		       const char *name, int64_t now, int64_t *id, struct db_err *err)
{
	struct db_val p[5] = { DB_TEXT(token_hash), DB_INT(user_id), DB_INT(district_id),
			       DB_TEXT(name), DB_INT(now) };
	struct db_res *r = NULL;

	if (db_exec(db, "INSERT INTO tokens (token_hash, user_id, district_id, name, created_at)"
		    " VALUES (?, ?, ?, ?, ?) RETURNING id", p, 5, &r, err) != 0)
		return -1;
	*id = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

int store_token_user(struct db *db, const char *token_hash, struct store_user *u,
		     struct db_err *err)
{
	struct db_val p[1] = { DB_TEXT(token_hash) };
	struct db_res *r = NULL;
	int rc;

	if (db_exec(db, "SELECT " USER_COLS_U " FROM tokens t JOIN users u ON u.id = t.user_id"
		    " WHERE t.token_hash = ? AND t.revoked = 0", p, 1, &r, err) != 0)
		return -1;
	rc = user_row(r, u);
	db_res_free(r);
	return rc;
}

/* ---- audit ---- */

int store_audit_append(struct db *db, struct audit_fields *f, int64_t actor_id, struct db_err *err)
{
	struct db_val hp[1] = { DB_INT(f->district_id) };
	struct db_res *r = NULL;
	char prev[AUDIT_HASH_HEX], hash[AUDIT_HASH_HEX];

	/* The head row is the chain's lock: on PostgreSQL FOR UPDATE serialises
	 * appends per district; on SQLite the write transaction already does. */
	if (db_exec(db, "INSERT INTO audit_head (district_id, seq, hash) VALUES (?, 0, '"
		    AUDIT_GENESIS "') ON CONFLICT (district_id) DO NOTHING", hp, 1, NULL, err) != 0)
		return -1;
	if (db_exec(db, db_kind(db) == DB_PG
		    ? "SELECT seq, hash FROM audit_head WHERE district_id = ? FOR UPDATE"
		    : "SELECT seq, hash FROM audit_head WHERE district_id = ?", hp, 1, &r, err) != 0)
		return -1;
	f->seq = db_res_int(r, 0, 0) + 1;
	copy(prev, sizeof prev, db_res_text(r, 0, 1));
	db_res_free(r);
	audit_chain_hash(prev, f, hash);
	{
		struct db_val p[15] = {
			DB_INT(f->district_id), DB_INT(f->seq), DB_INT(f->at),
			actor_id ? DB_INT(actor_id) : DB_NULLV, DB_TEXT(f->actor),
			DB_TEXT(f->role), DB_TEXT(f->action), DB_TEXT(f->object),
			DB_TEXT(f->result), DB_TEXT(f->request_id), DB_TEXT(f->ip),
			DB_TEXT(f->details), DB_TEXT(prev), DB_TEXT(hash), DB_INT(f->district_id)
		};

		if (db_exec(db, "INSERT INTO audit (district_id, chain_seq, at, actor_id, actor, role,"
			    " action, object, result, request_id, ip, details, prev_hash, hash)"
			    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p, 14, NULL, err) != 0)
			return -1;
		struct db_val u[3] = { DB_INT(f->seq), DB_TEXT(hash), DB_INT(f->district_id) };

		return db_exec(db, "UPDATE audit_head SET seq = ?, hash = ? WHERE district_id = ?",
			       u, 3, NULL, err);
	}
}

int store_audit_list(struct db *db, int64_t district_id, const char *action, const char *actor,
		     int64_t from, int64_t to, int64_t before, int limit, struct db_res **out,
		     struct db_err *err)
{
	struct db_val p[10] = {
		DB_INT(district_id), DB_INT(before), DB_INT(before), DB_TEXT(action), DB_TEXT(action),
		DB_TEXT(actor), DB_TEXT(actor), DB_INT(from), DB_INT(to), DB_INT(limit)
	};

	return db_exec(db, "SELECT id, chain_seq, at, actor, role, action, object, result,"
		       " request_id, details FROM audit WHERE district_id = ?"
		       " AND (? = 0 OR id < ?)"
		       " AND (CAST(? AS TEXT) IS NULL OR action = ?)"
		       " AND (CAST(? AS TEXT) IS NULL OR actor = ?)"
		       " AND at >= ? AND at < ? ORDER BY id DESC LIMIT ?", p, 10, out, err);
}

/* The last row of each chain must be its head: catches rows cut off the end. */
static int verify_heads(struct db *db, int64_t *bad_id, int64_t *bad_district, int64_t *bad_seq,
			const char **why, struct db_err *err)
{
	struct db_res *r = NULL;
	int rc = 0;

	if (db_exec(db, "SELECT h.district_id, h.seq FROM audit_head h"
		    " LEFT JOIN audit a ON a.district_id = h.district_id AND a.chain_seq = h.seq"
		    " WHERE h.seq > 0 AND (a.hash IS NULL OR a.hash <> h.hash"
		    "   OR EXISTS (SELECT 1 FROM audit b WHERE b.district_id = h.district_id"
		    "              AND b.chain_seq > h.seq))", NULL, 0, &r, err) != 0)
		return -1;
	if (db_res_rows(r)) {
		*bad_id = 0;
		*bad_district = db_res_int(r, 0, 0);
		*bad_seq = db_res_int(r, 0, 1);
		*why = "链尾与记录的链头不符（末尾的行被删除或改动）";
		rc = 1;
	}
	db_res_free(r);
	return rc;
}

int store_audit_verify(struct db *db, int64_t *rows, int64_t *bad_id, int64_t *bad_district,
		       int64_t *bad_seq, const char **why, struct db_err *err)
{
	int64_t after = 0, district = -1, expect_seq = 0;
	char prev[AUDIT_HASH_HEX] = AUDIT_GENESIS;

	*rows = 0;
	for (;;) {
		struct db_val p[1] = { DB_INT(after) };
		struct db_res *r = NULL;
		int n;

		/* Walk in (district, seq) order, a page at a time. */
		if (db_exec(db, "SELECT id, district_id, chain_seq, at, actor, role, action, object,"
			    " result, request_id, ip, details, prev_hash, hash FROM audit"
			    " ORDER BY district_id, chain_seq LIMIT 5000 OFFSET ?", p, 1, &r, err) != 0)
			return -1;
		n = db_res_rows(r);
		for (int i = 0; i < n; i++) {
			struct audit_fields f = {
				.district_id = db_res_int(r, i, 1), .seq = db_res_int(r, i, 2),
				.at = db_res_int(r, i, 3), .actor = db_res_text(r, i, 4),
				.role = db_res_text(r, i, 5), .action = db_res_text(r, i, 6),
				.object = db_res_text(r, i, 7), .result = db_res_text(r, i, 8),
				.request_id = db_res_text(r, i, 9), .ip = db_res_text(r, i, 10),
				.details = db_res_text(r, i, 11)
			};
			char h[AUDIT_HASH_HEX];
			const char *bad = NULL;

			if (f.district_id != district) {
				district = f.district_id;
				expect_seq = 1;
				copy(prev, sizeof prev, AUDIT_GENESIS);
			}
			audit_chain_hash(prev, &f, h);
			if (f.seq != expect_seq)
				bad = "序号不连续（有行被删除或插入）";
			else if (strcmp(prev, db_res_text(r, i, 12) ? db_res_text(r, i, 12) : "") != 0)
				bad = "前一行哈希不符（链被改动）";
			else if (strcmp(h, db_res_text(r, i, 13) ? db_res_text(r, i, 13) : "") != 0)
				bad = "内容与哈希不符（此行被改动）";
			if (bad) {
				*bad_id = db_res_int(r, i, 0);
				*bad_district = f.district_id;
				*bad_seq = f.seq;
				*why = bad;
				db_res_free(r);
				return 1;
			}
			copy(prev, sizeof prev, h);
			expect_seq++;
			(*rows)++;
		}
		db_res_free(r);
		if (n < 5000)
			break;
		after += n;
	}
	return verify_heads(db, bad_id, bad_district, bad_seq, why, err);
}

int store_ping(struct db *db, struct db_err *err)
{
	return db_exec(db, "SELECT 1", NULL, 0, NULL, err);
}

/* Savepoints for the group-commit writer (app_tx_group): one per use case
 * inside the group's transaction. */
int store_savepoint(struct db *db, struct db_err *err)
{
	return db_exec(db, "SAVEPOINT sj_job", NULL, 0, NULL, err);
}

int store_savepoint_release(struct db *db, struct db_err *err)
{
	return db_exec(db, "RELEASE SAVEPOINT sj_job", NULL, 0, NULL, err);
}

int store_savepoint_rollback(struct db *db, struct db_err *err)
{
	return db_exec(db, "ROLLBACK TO SAVEPOINT sj_job", NULL, 0, NULL, err) ||
	       db_exec(db, "RELEASE SAVEPOINT sj_job", NULL, 0, NULL, err);
}
