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

int store_as_program_insert(struct db *db, const struct store_as_program *p, int64_t *id,
			    struct db_err *err)
{
	struct db_val v[15] = { DB_INT(p->district_id), DB_INT(p->school_id), DB_INT(p->term_id),
				DB_TEXT(p->name), DB_TEXT(p->category), DB_TEXT(p->grades),
				DB_INT(p->capacity), DB_TEXT(p->days), DB_INT(p->start_min),
				DB_INT(p->end_min), DB_TEXT(p->venue), DB_INT(p->fee_fen),
				DB_TEXT(p->fee_doc ? p->fee_doc : ""), DB_TEXT(p->apply_until),
				DB_INT(p->now) };
	struct db_res *r = NULL;

	if (db_exec(db, "INSERT INTO as_program (district_id, school_id, term_id, name, category,"
		    " grades, capacity, days, start_min, end_min, venue, fee_fen, fee_doc,"
		    " apply_until, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		    " RETURNING id", v, 15, &r, err) != 0)
		return -1;
	*id = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

int store_as_program_staff_add(struct db *db, int64_t program_id, int seq, const char *name,
			       const char *type, int64_t staff_id, const char *vetting,
			       const char *vetted_on, struct db_err *err)
{
	struct db_val p[7] = { DB_INT(program_id), DB_INT(seq), DB_TEXT(name), DB_TEXT(type),
			       staff_id ? DB_INT(staff_id) : DB_NULLV, DB_TEXT(vetting ? vetting : ""),
			       DB_TEXT(vetted_on ? vetted_on : "") };

	return db_exec(db, "INSERT INTO as_program_staff (program_id, seq, name, type, staff_id,"
		       " vetting, vetted_on) VALUES (?, ?, ?, ?, ?, ?, ?)", p, 7, NULL, err);
}

int store_as_programs(struct db *db, int64_t school_id, int64_t term_id, struct db_res **out,
		      struct db_err *err)
{
	struct db_val p[2] = { DB_INT(school_id), DB_INT(term_id) };

	return db_exec(db, "SELECT g.id, g.name, g.category, g.grades, g.capacity, g.days,"
		       " g.start_min, g.end_min, g.venue, g.fee_fen, g.fee_doc, g.apply_until,"
		       " (SELECT COUNT(*) FROM as_application a WHERE a.choice1 = g.id"
		       "  AND a.status <> 'withdrawn'),"
		       " (SELECT COUNT(*) FROM as_application a WHERE a.program_id = g.id"
		       "  AND a.status = 'admitted'),"
		       " (SELECT COUNT(*) FROM as_application a WHERE a.program_id = g.id"
		       "  AND a.status = 'waitlisted')"
		       " FROM as_program g WHERE g.school_id = ? AND g.term_id = ? AND g.withdrawn = 0"
		       " ORDER BY g.id LIMIT 256", p, 2, out, err);
}

int store_as_program_get(struct db *db, int64_t d, int64_t id, struct db_res **out,
			 struct db_err *err)
{
	struct db_val p[2] = { DB_INT(id), DB_INT(d) };

	return store_one_or_none(db_exec(db, "SELECT g.id, g.school_id, g.term_id, g.grades,"
		" g.capacity, g.apply_until, (SELECT COUNT(*) FROM as_application a"
		" WHERE a.program_id = g.id AND a.status = 'admitted'), g.name"
		" FROM as_program g WHERE g.id = ? AND g.district_id = ? AND g.withdrawn = 0",
		p, 2, out, err), out);
}

int store_as_program_staff(struct db *db, int64_t program_id, struct db_res **out,
			   struct db_err *err)
{
	struct db_val p[1] = { DB_INT(program_id) };

	return db_exec(db, "SELECT name, type, vetting, vetted_on FROM as_program_staff"
		       " WHERE program_id = ? ORDER BY seq", p, 1, out, err);
}

int store_as_application_insert(struct db *db, const struct store_as_application *a,
				 int64_t *id, struct db_err *err)
{
	struct db_val p[12] = { DB_INT(a->district_id), DB_INT(a->school_id), DB_INT(a->term_id),
				DB_INT(a->student_id), DB_INT(a->choice[0]),
				a->choice[1] ? DB_INT(a->choice[1]) : DB_NULLV,
				a->choice[2] ? DB_INT(a->choice[2]) : DB_NULLV,
				DB_INT(a->extended_care), DB_TEXT(a->extended_reason ? a->extended_reason : ""),
				DB_INT(a->now), DB_INT(a->user_id), DB_INT(a->now) };
	struct db_res *r = NULL;

	if (db_exec(db, "INSERT INTO as_application (district_id, school_id, term_id, student_id,"
		    " choice1, choice2, choice3, extended_care, extended_reason, consent_at, user_id,"
		    " status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'applied', ?)"
		    " RETURNING id", p, 12, &r, err) != 0)
		return -1;
	*id = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

int store_as_application_live(struct db *db, int64_t student_id, int64_t term_id, int64_t *id,
			      struct db_err *err)
{
	struct db_val p[2] = { DB_INT(student_id), DB_INT(term_id) };
	struct db_res *r = NULL;

	if (db_exec(db, "SELECT id FROM as_application WHERE student_id = ? AND term_id = ?"
		    " AND status <> 'withdrawn'", p, 2, &r, err) != 0)
		return -1;
	*id = db_res_rows(r) ? db_res_int(r, 0, 0) : 0;
	db_res_free(r);
	return 0;
}

int store_as_applications(struct db *db, int64_t d, int64_t school_id, int64_t term_id,
			  int64_t user_id, struct db_res **out, struct db_err *err)
{
	struct db_val p[6] = { DB_INT(d), DB_INT(term_id), DB_INT(school_id), DB_INT(school_id),
			       DB_INT(user_id), DB_INT(user_id) };

	return db_exec(db, "SELECT a.id, a.student_id, st.name, c.name, a.term_id, a.choice1,"
		       " a.choice2, a.choice3, a.extended_care, a.extended_reason, a.status,"
		       " a.program_id, g.name, a.position, a.created_at FROM as_application a"
		       " JOIN student st ON st.id = a.student_id JOIN class c ON c.id = st.class_id"
		       " LEFT JOIN as_program g ON g.id = a.program_id"
		       " WHERE a.district_id = ? AND a.term_id = ? AND (? = 0 OR a.school_id = ?)"
		       " AND (? = 0 OR EXISTS (SELECT 1 FROM guardian_student gs JOIN guardian gu"
		       "  ON gu.id = gs.guardian_id WHERE gs.student_id = a.student_id"
		       "  AND gu.user_id = ?)) ORDER BY a.id LIMIT 5000", p, 6, out, err);
}

int store_as_application_get(struct db *db, int64_t d, int64_t id, struct db_res **out,
			     struct db_err *err)
{
	struct db_val p[2] = { DB_INT(id), DB_INT(d) };

	return store_one_or_none(db_exec(db, "SELECT id, student_id, school_id, term_id, status"
					 " FROM as_application WHERE id = ? AND district_id = ?",
					 p, 2, out, err), out);
}

int store_as_application_set(struct db *db, int64_t id, const char *status, int64_t program_id,
			     int position, struct db_err *err)
{
	struct db_val p[4] = { DB_TEXT(status), program_id ? DB_INT(program_id) : DB_NULLV,
			       DB_INT(position), DB_INT(id) };

	return db_exec(db, "UPDATE as_application SET status = ?, program_id = ?, position = ?"
		       " WHERE id = ?", p, 4, NULL, err);
}

int store_as_allocation_input(struct db *db, int64_t school_id, int64_t term_id,
			      struct db_res **out, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(school_id), DB_INT(term_id) };

	return db_exec(db, "SELECT id, choice1, COALESCE(choice2, 0), COALESCE(choice3, 0)"
		       " FROM as_application WHERE school_id = ? AND term_id = ?"
		       " AND status <> 'withdrawn' ORDER BY id", p, 2, out, err);
}
