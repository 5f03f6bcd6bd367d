/* store_demo.h - bulk SQL for the demo district's people (src/demo/). */
#ifndef SJ_STORE_DEMO_H
#define SJ_STORE_DEMO_H

#include "store/db.h"
#include <stdint.h>

/* Give each live staff record of the school that has no account one of its
 * own, signed in with password_hash (one argon2id string for all: a demo):
 * username the staff number in lower case (as provisioning makes it),
 * display name the staff name, role teacher, the school on it; the staff
 * record is linked to it. *created receives the number of accounts made.
 * DB_ERR_UNIQUE when a staff number is already some user's name. */
int store_demo_staff_accounts(struct db *db, int64_t district_id, int64_t school_id, int64_t now,
			      const char *password_hash, int64_t *created, struct db_err *err);

/* The same for every guardian of the district without an account: role
 * parent, username and phone the guardian's phone (one account per phone);
 * guardians whose phone is some user's name already are left without. */
int store_demo_guardian_accounts(struct db *db, int64_t district_id, int64_t now,
				 const char *password_hash, int64_t *created, struct db_err *err);

/* Parent accounts of the district whose id is a multiple of every (never
 * the sign-in "parent"): 0 id, 1 username. */
int store_demo_parents_sample(struct db *db, int64_t district_id, int every, struct db_res **out,
			      struct db_err *err);

/* The school's live staff records and their accounts: staff id, user id
 * (0 for none), ordered by staff id. */
int store_demo_staff_users(struct db *db, int64_t school_id, struct db_res **out,
			   struct db_err *err);

#endif
