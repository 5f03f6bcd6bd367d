/* store_demo.c - bulk SQL for the demo district's people (one text for both
 * backends). */
#include "store/store_demo.h"
#include "store/db_impl.h"

int store_demo_staff_accounts(struct db *db, int64_t district_id, int64_t school_id, int64_t now,
			      int64_t *created, struct db_err *err)
{
	struct db_val p[4] = { DB_INT(now), DB_INT(district_id), DB_INT(school_id),
			       DB_INT(school_id) };
	struct db_res *r = NULL;

	*created = 0;
	if (db_exec(db, "INSERT INTO users (district_id, username, display_name, role, school_id,"
		    " password_hash, disabled, created_at)"
		    " SELECT sf.district_id, sf.staff_no, sf.name, 'teacher', sf.school_id,"
		    " '" STORE_DEMO_INACTIVE_HASH "', 1, ? FROM staff sf WHERE sf.district_id = ?"
		    " AND sf.school_id = ? AND sf.withdrawn = 0 AND sf.user_id IS NULL"
		    " ORDER BY sf.id RETURNING id", p, 3, &r, err) != 0)
		return -1;
	*created = db_res_rows(r);
	db_res_free(r);
	return db_exec(db, "UPDATE staff SET user_id = (SELECT u.id FROM users u WHERE"
		       " u.username = staff.staff_no AND u.district_id = staff.district_id)"
		       " WHERE school_id = ? AND withdrawn = 0 AND user_id IS NULL",
		       p + 3, 1, NULL, err);
}

int store_demo_staff_users(struct db *db, int64_t school_id, struct db_res **out,
			   struct db_err *err)
{
	struct db_val p[1] = { DB_INT(school_id) };

	return db_exec(db, "SELECT id, COALESCE(user_id, 0) FROM staff WHERE school_id = ?"
		       " AND withdrawn = 0 ORDER BY id", p, 1, out, err);
}
