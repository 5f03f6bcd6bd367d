/* store_as.c - after-school service SQL (one text for both backends). */
#include "store/store_as.h"
#include "store/db_impl.h"

int store_as_plan_insert(struct db *db, int64_t d, int64_t school_id, int64_t term_id,
			 int64_t now, int64_t user_id, int64_t *id, int *version,
			 struct db_err *err)
{
	struct db_val q[2] = { DB_INT(school_id), DB_INT(term_id) };
	struct db_val p[6] = { DB_INT(d), DB_INT(school_id), DB_INT(term_id), DB_INT(0),
			       DB_INT(now), DB_INT(user_id) };
	struct db_res *r = NULL;

	if (db_exec(db, "UPDATE as_plan SET current = 0 WHERE school_id = ? AND term_id = ?"
		    " AND current = 1", q, 2, NULL, err) != 0 ||
	    db_exec(db, "SELECT COALESCE(MAX(version), 0) + 1 FROM as_plan WHERE school_id = ?"
		    " AND term_id = ?", q, 2, &r, err) != 0)
		return -1;
	*version = (int)db_res_int(r, 0, 0);
	db_res_free(r);
	r = NULL;
	p[3] = DB_INT(*version);
	if (db_exec(db, "INSERT INTO as_plan (district_id, school_id, term_id, version, current,"
		    " created_at, created_by) VALUES (?, ?, ?, ?, 1, ?, ?) RETURNING id", p, 6, &r,
		    err) != 0)
		return -1;
	*id = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

int store_as_slot_add(struct db *db, int64_t d, int64_t plan_id, int seq, int weekday,
		      int start_min, int end_min, const char *kind, struct db_err *err)
{
	struct db_val p[7] = { DB_INT(plan_id), DB_INT(seq), DB_INT(d), DB_INT(weekday),
			       DB_INT(start_min), DB_INT(end_min), DB_TEXT(kind) };

	return db_exec(db, "INSERT INTO as_plan_slot (plan_id, seq, district_id, weekday,"
		       " start_min, end_min, kind) VALUES (?, ?, ?, ?, ?, ?, ?)", p, 7, NULL, err);
}

int store_as_plan_current(struct db *db, int64_t school_id, int64_t term_id,
			  struct db_res **out, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(school_id), DB_INT(term_id) };

	return store_one_or_none(db_exec(db, "SELECT pl.id, pl.term_id, pl.version, pl.created_at,"
					 " u.display_name FROM as_plan pl JOIN users u"
					 " ON u.id = pl.created_by WHERE pl.school_id = ?"
					 " AND pl.term_id = ? AND pl.current = 1", p, 2, out, err),
				 out);
}

int store_as_plan_slots(struct db *db, int64_t plan_id, struct db_res **out,
			struct db_err *err)
{
	struct db_val p[1] = { DB_INT(plan_id) };

	return db_exec(db, "SELECT weekday, start_min, end_min, kind FROM as_plan_slot"
		       " WHERE plan_id = ? ORDER BY weekday, start_min, seq", p, 1, out, err);
}
