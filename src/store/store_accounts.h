/* store_accounts.h - accounts made from the records: provisioning, one-time
 * activation codes (kept as keyed hashes), the install's secret. SQL only;
 * the rules are in app_accounts.c. */
#ifndef SJ_STORE_ACCOUNTS_H
#define SJ_STORE_ACCOUNTS_H

#include "store/db.h"

#include <stdint.h>

/* The people of a school (grade, class_id: 0 for any) that provisioning
 * concerns. which: PROV_NEW without an account, PROV_PENDING with an
 * account still waiting for activation, PROV_ANY with any account.
 * Columns: 0 record id (staff or guardian), 1 login base (工号 or phone),
 * 2 name, 3 class name, 4 user id (0 when none), 5 user name (""). */
enum { PROV_NEW, PROV_PENDING, PROV_ANY };
int store_provision_staff(struct db *db, int64_t d, int64_t school_id, int grade,
			  int64_t class_id, int which, struct db_res **out, struct db_err *err);
int store_provision_guardians(struct db *db, int64_t d, int64_t school_id, int grade,
			      int64_t class_id, int which, struct db_res **out, struct db_err *err);

/* A new account pending activation: no password, the code's keyed hash and
 * expiry. 0 made (*id), 1 the user name is taken, -1 error. */
struct store_pending {
	int64_t district_id, school_id;
	const char *username, *display_name, *role, *phone, *code_hash;
	int64_t expires, now;
};
int store_user_insert_pending(struct db *db, const struct store_pending *p, int64_t *id,
			      struct db_err *err);
/* Link a record to its account. */
int store_staff_set_user(struct db *db, int64_t staff_id, int64_t user_id, struct db_err *err);
int store_guardian_set_user(struct db *db, int64_t guardian_id, int64_t user_id,
			    struct db_err *err);
/* A new code for an account (reissue, reset): the password stops working,
 * every session ends. */
int store_user_set_code(struct db *db, int64_t user_id, const char *code_hash, int64_t expires,
			struct db_err *err);

/* The accounts a login names (user name, or a parent's phone): 0 id, 1
 * activation_hash, 2 activation_expires, 3 disabled, 4 failed_count, 5
 * locked_until, 6 username, 7 district_id. */
int store_activation_users(struct db *db, const char *login, struct db_res **out,
			   struct db_err *err);
/* Activate: the password, no code, no failures. */
int store_user_activate(struct db *db, int64_t user_id, const char *password_hash,
			struct db_err *err);
/* A new password (own change): other sessions end, except keep_hash's. */
int store_user_set_password(struct db *db, int64_t user_id, const char *password_hash,
			    const char *keep_hash, struct db_err *err);
/* End every session of a user except keep_hash's ("" for all). */
int store_sessions_end(struct db *db, int64_t user_id, const char *keep_hash, struct db_err *err);

/* The guardian record a parent claims: of this phone, a guardian of the
 * (not withdrawn) student with this 学籍号 and name. 0 found (its id and
 * linked user, 0 when none), 1 not. */
int store_claim_guardian(struct db *db, int64_t d, const char *phone, const char *registry_no,
			 const char *name, int64_t *guardian_id, int64_t *user_id,
			 struct db_err *err);

/* Whether a user is of a school: a staff record there, or the guardian of
 * a child there (not withdrawn). 1 yes, 0 no, -1 error. */
int store_user_of_school(struct db *db, int64_t user_id, int64_t school_id, struct db_err *err);
/* Enabled district administrators of a district. */
int store_admins_enabled(struct db *db, int64_t d, int64_t *n, struct db_err *err);
/* Change a user's name, role and school (school_id 0: none). */
int store_user_update(struct db *db, int64_t id, const char *display_name, const char *role,
		      int64_t school_id, struct db_err *err);
/* Disable (every session ends; tokens stop with the account) or enable. */
int store_user_set_disabled(struct db *db, int64_t id, int disabled, struct db_err *err);

/* Bearer tokens of a district (user_id 0) or one user: 0 id, 1 name, 2
 * username, 3 created_at, 4 revoked. */
int store_token_list(struct db *db, int64_t d, int64_t user_id, struct db_res **out,
		     struct db_err *err);
/* Revoke a live token of the district (of user_id unless 0): 0, 1 none. */
int store_token_revoke(struct db *db, int64_t d, int64_t id, int64_t user_id, struct db_err *err);

/* A named secret of this installation (64 hex characters), made on first
 * use. */
int store_secret(struct db *db, const char *name, const char *fresh, char out[65],
		 struct db_err *err);
/* The same, read only: out is "" when the secret was never made. */
int store_secret_get(struct db *db, const char *name, char out[65], struct db_err *err);

#endif
