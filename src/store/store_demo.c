/* store_demo.c - bulk SQL for the demo district's people (one text for both
 * backends). */
#include "store/store_demo.h"
#include "store/db_impl.h"

int store_demo_staff_accounts(struct db *db, int64_t district_id, int64_t school_id, int64_t now,
			      const char *password_hash, int64_t *created, struct db_err *err)
{
	struct db_val p[5] = { DB_TEXT(password_hash), DB_INT(now), DB_INT(district_id),
			       DB_INT(school_id), DB_INT(school_id) };
	struct db_res *r = NULL;

	*created = 0;
	if (db_exec(db, "INSERT INTO users (district_id, username, display_name, role, school_id,"
		    " password_hash, created_at)"
		    " SELECT sf.district_id, lower(sf.staff_no), sf.name, 'teacher', sf.school_id,"
		    " ?, ? FROM staff sf WHERE sf.district_id = ?"
		    " AND sf.school_id = ? AND sf.withdrawn = 0 AND sf.user_id IS NULL"
		    " ORDER BY sf.id RETURNING id", p, 4, &r, err) != 0)
		return -1;
	*created = db_res_rows(r);
	db_res_free(r);
	return db_exec(db, "UPDATE staff SET user_id = (SELECT u.id FROM users u WHERE"
		       " u.username = lower(staff.staff_no) AND u.district_id = staff.district_id)"
		       " WHERE school_id = ? AND withdrawn = 0 AND user_id IS NULL",
		       p + 4, 1, NULL, err);
}

int store_demo_guardian_accounts(struct db *db, int64_t district_id, int64_t now,
				 const char *password_hash, int64_t *created, struct db_err *err)
{
	struct db_val p[3] = { DB_TEXT(password_hash), DB_INT(now), DB_INT(district_id) };
	struct db_res *r = NULL;

	*created = 0;
	if (db_exec(db, "INSERT INTO users (district_id, username, display_name, role,"
		    " password_hash, phone, created_at)"
		    " SELECT g.district_id, g.phone, g.name, 'parent', ?, g.phone, ? FROM guardian g"
		    " WHERE g.district_id = ? AND g.user_id IS NULL"
		    " AND NOT EXISTS (SELECT 1 FROM users u WHERE u.username = g.phone)"
		    " ORDER BY g.id RETURNING id", p, 3, &r, err) != 0)
		return -1;
	*created = db_res_rows(r);
	db_res_free(r);
	return db_exec(db, "UPDATE guardian SET user_id = (SELECT u.id FROM users u WHERE"
		       " u.username = guardian.phone AND u.role = 'parent'"
		       " AND u.district_id = guardian.district_id)"
		       " WHERE district_id = ? AND user_id IS NULL", p + 2, 1, NULL, err);
}

int store_demo_parents_sample(struct db *db, int64_t district_id, int every, struct db_res **out,
			      struct db_err *err)
{
	struct db_val p[2] = { DB_INT(district_id), DB_INT(every) };

	return db_exec(db, "SELECT id, username FROM users WHERE district_id = ? AND role = 'parent'"
		       " AND username <> 'parent' AND id % ? = 0 ORDER BY id", p, 2, out, err);
}

int store_demo_staff_users(struct db *db, int64_t school_id, struct db_res **out,
			   struct db_err *err)
{
	struct db_val p[1] = { DB_INT(school_id) };

	return db_exec(db, "SELECT id, COALESCE(user_id, 0) FROM staff WHERE school_id = ?"
		       " AND withdrawn = 0 ORDER BY id", p, 1, out, err);
}
