/* store.h - every SQL statement of the program lives behind these functions.
 * Each takes an open struct db; the caller (src/app) owns the transaction.
 * Returns: 0 success, 1 not found (lookups), -1 error with *err filled. */
#ifndef SJ_STORE_H
#define SJ_STORE_H

#include "core/audit_chain.h"
#include "store/db.h"

#include <stdint.h>

/* Migrations: apply each embedded migration not yet applied, one transaction
 * each, in number order. *applied receives how many ran (may be NULL). */
int store_migrate(struct db *db, int *applied, struct db_err *err);
/* The highest applied migration number, or 0. */
int store_schema_version(struct db *db, struct db_err *err);

/* District. */
int store_district_ensure(struct db *db, const char *code, const char *name, int64_t now,
			  int64_t *id, struct db_err *err);
int store_district_name(struct db *db, int64_t id, char *out, size_t cap, struct db_err *err);

/* Users. */
struct store_user {
	int64_t id, district_id, school_id; /* school_id 0 = none */
	char username[64];
	char display_name[256];
	char role[32];
	char password_hash[256];
	int disabled; /* sign-in failures and locks: struct store_signin_name */
};

int store_user_by_name(struct db *db, const char *username, struct store_user *u, struct db_err *err);
int store_user_by_id(struct db *db, int64_t id, struct store_user *u, struct db_err *err);
/* Inserts u (id ignored); *id receives the new id. DB_ERR_UNIQUE on a taken name. */
int store_user_insert(struct db *db, const struct store_user *u, int64_t now, int64_t *id,
		      struct db_err *err);

/* Sign-in failures of a user name, whether or not a user has it (0007):
 * wrong passwords since the last success, the lock, the last failure. */
struct store_signin_name {
	int failed_count;
	int64_t locked_until, updated_at;
};
/* Read without locking; 1 (and zeros) when the name has no row. */
int store_signin_name_get(struct db *db, const char *username, struct store_signin_name *s,
			  struct db_err *err);
/* Inside a write transaction: the name's row, made if missing (zeros,
 * updated_at now), held by this transaction until it ends. */
int store_signin_name_hold(struct db *db, const char *username, int64_t now,
			   struct store_signin_name *s, struct db_err *err);
int store_signin_name_set(struct db *db, const char *username, int failed, int64_t locked_until,
			  int64_t now, struct db_err *err);
/* A successful sign-in: the name's row is deleted. */
int store_signin_name_clear(struct db *db, const char *username, struct db_err *err);
/* Delete rows whose last failure is before `before` and that are not locked at now. */
int store_signin_name_prune(struct db *db, int64_t before, int64_t now, struct db_err *err);
/* 1 when the school exists (not withdrawn) in the district, 0 when not. */
int store_school_exists(struct db *db, int64_t district_id, int64_t school_id, struct db_err *err);
/* The district administrator with the lowest id. */
int store_first_admin(struct db *db, struct store_user *u, struct db_err *err);
int store_user_count(struct db *db, int64_t *n, struct db_err *err);
/* Users of a district, id > after, optional role, substring q on
 * username/display_name and school (school_id 0: any; else the accounts of
 * the school, its staff and its children's guardians), at most limit rows:
 * columns id, username, display_name, role, disabled, school_id, pending. */
int store_user_list(struct db *db, int64_t district_id, const char *role, const char *q,
		    int64_t school_id, int64_t after, int limit, struct db_res **out,
		    struct db_err *err);

/* Sessions (id stored hashed). */
int store_session_insert(struct db *db, const char *id_hash, int64_t user_id, int64_t district_id,
			 const char *csrf, int64_t now, struct db_err *err);
/* Finds a live (not revoked) session and its user in one query: the user,
 * the csrf token and last_seen. */
int store_session_user(struct db *db, const char *id_hash, struct store_user *u, char *csrf,
		       size_t csrf_cap, int64_t *last_seen, struct db_err *err);
int store_session_touch(struct db *db, const char *id_hash, int64_t now, struct db_err *err);
int store_session_revoke(struct db *db, const char *id_hash, struct db_err *err);

/* Bearer tokens (stored hashed). */
int store_token_insert(struct db *db, const char *token_hash, int64_t user_id, int64_t district_id,
		       const char *name, int64_t now, int64_t *id, struct db_err *err);
/* The user of a live token, in one query. */
int store_token_user(struct db *db, const char *token_hash, struct store_user *u,
		     struct db_err *err);

/* Audit. Appends one row to the district's chain (f->seq is assigned here),
 * computing its hash from the chain head. Must run inside a write
 * transaction. */
int store_audit_append(struct db *db, struct audit_fields *f, int64_t actor_id, struct db_err *err);
/* Rows of a district, newest first, id < before (0 = from the newest),
 * optional exact action, actor, and at in [from, to): columns id, chain_seq,
 * at, actor, role, action, object, result, request_id, details. */
int store_audit_list(struct db *db, int64_t district_id, const char *action, const char *actor,
		     int64_t from, int64_t to, int64_t before, int limit, struct db_res **out,
		     struct db_err *err);
/* Walks every chain. Returns 0 when intact; 1 when broken, with the first bad
 * row's id, district and seq and a reason; -1 on error. *rows counts rows read. */
int store_audit_verify(struct db *db, int64_t *rows, int64_t *bad_id, int64_t *bad_district,
		       int64_t *bad_seq, const char **why, struct db_err *err);

/* Health: a trivial read. */
int store_ping(struct db *db, struct db_err *err);

/* Savepoints inside a write transaction (the group-commit writer runs each
 * use case in one, so a refused or failed one leaves the others intact). */
int store_savepoint(struct db *db, struct db_err *err);
int store_savepoint_release(struct db *db, struct db_err *err);
int store_savepoint_rollback(struct db *db, struct db_err *err);

#endif
