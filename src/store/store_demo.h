/* store_demo.h - bulk SQL for the demo district's people (app_demo.c). */
#ifndef SJ_STORE_DEMO_H
#define SJ_STORE_DEMO_H

#include "store/db.h"
#include <stdint.h>

/* The password hash of an account nobody has activated: no password
 * verifies against it (it is no argon2 string), so the account cannot sign
 * in (nor can it while disabled). */
#define STORE_DEMO_INACTIVE_HASH "!"

/* Give each live staff record of the school that has no account one of its
 * own that cannot sign in: username the staff number, display name the
 * staff name, role teacher, the school on it, password hash
 * STORE_DEMO_INACTIVE_HASH and disabled; the staff record is linked to it.
 * *created receives the number of accounts made. DB_ERR_UNIQUE when a staff
 * number is already some user's name. */
int store_demo_staff_accounts(struct db *db, int64_t district_id, int64_t school_id, int64_t now,
			      int64_t *created, struct db_err *err);

/* The school's live staff records and their accounts: staff id, user id
 * (0 for none), ordered by staff id. */
int store_demo_staff_users(struct db *db, int64_t school_id, struct db_res **out,
			   struct db_err *err);

#endif
