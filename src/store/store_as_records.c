/* store_as_records.c - SQL for after-school records kept for inspection
 * (migration 0005): the school-term counters behind the district view,
 * incidents, venue safety checks, teachers' hours, the term archive. */
#include "store/store_as.h"
#include "store/db_impl.h"

int store_term_dates(struct db *db, int64_t id, struct db_res **out, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(id) };

	return store_one_or_none(db_exec(db, "SELECT starts_on, ends_on, district_id FROM term"
					 " WHERE id = ?", p, 1, out, err), out);
}

int store_staff_user_in_school(struct db *db, int64_t user_id, int64_t school_id, int *yes,
				struct db_err *err)
{
	struct db_val p[2] = { DB_INT(user_id), DB_INT(school_id) };
	struct db_res *r = NULL;

	if (db_exec(db, "SELECT 1 FROM staff WHERE user_id = ? AND school_id = ? AND withdrawn = 0",
		    p, 2, &r, err) != 0)
		return -1;
	*yes = db_res_rows(r) > 0;
	db_res_free(r);
	return 0;
}

/* ---- counters ---- */

int store_as_count(struct db *db, int64_t d, int64_t school_id, int64_t term_id,
		   const struct store_as_delta *x, struct db_err *err)
{
	struct db_val p[7] = { DB_INT(school_id), DB_INT(term_id), DB_INT(d), DB_INT(x->applied),
			       DB_INT(x->admitted), DB_INT(x->sessions), DB_INT(x->incidents) };

	return db_exec(db, "INSERT INTO as_school_term (school_id, term_id, district_id, t_applied,"
		       " t_admitted, t_sessions, t_incidents) VALUES (?, ?, ?, ?, ?, ?, ?)"
		       " ON CONFLICT (school_id, term_id) DO UPDATE SET"
		       " t_applied = as_school_term.t_applied + excluded.t_applied,"
		       " t_admitted = as_school_term.t_admitted + excluded.t_admitted,"
		       " t_sessions = as_school_term.t_sessions + excluded.t_sessions,"
		       " t_incidents = as_school_term.t_incidents + excluded.t_incidents",
		       p, 7, NULL, err);
}

int store_as_admitted_reset(struct db *db, int64_t school_id, int64_t term_id,
			    struct db_err *err)
{
	struct db_val p[4] = { DB_INT(school_id), DB_INT(term_id), DB_INT(school_id),
			       DB_INT(term_id) };

	return db_exec(db, "UPDATE as_school_term SET t_admitted = (SELECT COUNT(*)"
		       " FROM as_application a WHERE a.school_id = ? AND a.term_id = ?"
		       " AND a.status = 'admitted') WHERE school_id = ? AND term_id = ?",
		       p, 4, NULL, err);
}

int store_as_tally(struct db *db, int64_t session_id, int sign, struct db_err *err)
{
	struct db_val q[1] = { DB_INT(session_id) };
	struct db_res *r = NULL;
	struct db_val p[8];
	int rc;

	/* a session's part of its school-term counters, added (+1) or taken out (-1) */
	if (db_exec(db, "SELECT s.school_id, g.term_id,"
		    " CASE WHEN s.recorded_at IS NULL THEN 0 ELSE 1 END,"
		    " CASE WHEN s.flagged <> '' OR (s.recorded_at IS NOT NULL AND s.no_new_lesson = 0)"
		    " THEN 1 ELSE 0 END, s.n_att, s.n_present, s.n_hw_asked, s.n_hw_done"
		    " FROM as_session s JOIN as_program g ON g.id = s.program_id WHERE s.id = ?",
		    q, 1, &r, err) != 0)
		return -1;
	if (db_res_rows(r) == 0) {
		db_res_free(r);
		return 0;
	}
	for (int i = 0; i < 6; i++)
		p[i] = DB_INT(sign * db_res_int(r, 0, 2 + i));
	p[6] = DB_INT(db_res_int(r, 0, 0));
	p[7] = DB_INT(db_res_int(r, 0, 1));
	db_res_free(r);
	rc = db_exec(db, "UPDATE as_school_term SET t_recorded = t_recorded + ?,"
		     " t_flagged = t_flagged + ?, t_att = t_att + ?, t_present = t_present + ?,"
		     " t_hw_asked = t_hw_asked + ?, t_hw_done = t_hw_done + ?"
		     " WHERE school_id = ? AND term_id = ?", p, 8, NULL, err);
	return rc;
}

int store_as_session_recount(struct db *db, int64_t id, struct db_err *err)
{
	struct db_val p[5] = { DB_INT(id), DB_INT(id), DB_INT(id), DB_INT(id), DB_INT(id) };

	return db_exec(db, "UPDATE as_session SET"
		       " n_att = (SELECT COUNT(*) FROM as_attendance a WHERE a.session_id = ?),"
		       " n_present = (SELECT COUNT(*) FROM as_attendance a WHERE a.session_id = ?"
		       "  AND a.status = 'present'),"
		       " n_hw_asked = (SELECT COUNT(*) FROM as_attendance a WHERE a.session_id = ?"
		       "  AND a.homework_done IS NOT NULL),"
		       " n_hw_done = (SELECT COUNT(*) FROM as_attendance a WHERE a.session_id = ?"
		       "  AND a.homework_done = 1) WHERE id = ?", p, 5, NULL, err);
}

int store_as_counts_rebuild(struct db *db, int64_t d, int64_t school_id, int64_t term_id,
			    struct db_err *err)
{
	struct db_val q[2] = { DB_INT(school_id), DB_INT(term_id) };
	struct db_val p[11] = { DB_INT(school_id), DB_INT(term_id), DB_INT(d),
		DB_INT(school_id), DB_INT(term_id), DB_INT(school_id), DB_INT(term_id),
		DB_INT(school_id), DB_INT(term_id), DB_INT(school_id), DB_INT(term_id) };

	/* every session's tally, then the school-term row from the records */
	if (db_exec(db, "UPDATE as_session SET"
		    " n_att = (SELECT COUNT(*) FROM as_attendance a WHERE a.session_id = as_session.id),"
		    " n_present = (SELECT COUNT(*) FROM as_attendance a WHERE a.session_id = as_session.id"
		    "  AND a.status = 'present'),"
		    " n_hw_asked = (SELECT COUNT(*) FROM as_attendance a WHERE a.session_id = as_session.id"
		    "  AND a.homework_done IS NOT NULL),"
		    " n_hw_done = (SELECT COUNT(*) FROM as_attendance a WHERE a.session_id = as_session.id"
		    "  AND a.homework_done = 1) WHERE school_id = ? AND program_id IN"
		    " (SELECT id FROM as_program WHERE term_id = ?)", q, 2, NULL, err) != 0)
		return -1;
	return db_exec(db, "INSERT INTO as_school_term (school_id, term_id, district_id, t_applied,"
		" t_admitted, t_sessions, t_recorded, t_flagged, t_att, t_present, t_hw_asked,"
		" t_hw_done, t_incidents) SELECT ?, ?, ?,"
		" (SELECT COUNT(*) FROM as_application a WHERE a.school_id = ? AND a.term_id = ?"
		"  AND a.status <> 'withdrawn'),"
		" (SELECT COUNT(*) FROM as_application a WHERE a.school_id = ? AND a.term_id = ?"
		"  AND a.status = 'admitted'),"
		" COUNT(*), COALESCE(SUM(CASE WHEN s.recorded_at IS NULL THEN 0 ELSE 1 END), 0),"
		" COALESCE(SUM(CASE WHEN s.flagged <> '' OR (s.recorded_at IS NOT NULL"
		"  AND s.no_new_lesson = 0) THEN 1 ELSE 0 END), 0),"
		" COALESCE(SUM(s.n_att), 0), COALESCE(SUM(s.n_present), 0),"
		" COALESCE(SUM(s.n_hw_asked), 0), COALESCE(SUM(s.n_hw_done), 0),"
		" (SELECT COUNT(*) FROM as_incident i JOIN as_session x ON x.id = i.session_id"
		"  JOIN as_program y ON y.id = x.program_id WHERE i.school_id = ? AND y.term_id = ?)"
		" FROM as_session s JOIN as_program g ON g.id = s.program_id"
		" WHERE s.school_id = ? AND g.term_id = ?"
		" ON CONFLICT (school_id, term_id) DO UPDATE SET t_applied = excluded.t_applied,"
		" t_admitted = excluded.t_admitted, t_sessions = excluded.t_sessions,"
		" t_recorded = excluded.t_recorded, t_flagged = excluded.t_flagged,"
		" t_att = excluded.t_att, t_present = excluded.t_present,"
		" t_hw_asked = excluded.t_hw_asked, t_hw_done = excluded.t_hw_done,"
		" t_incidents = excluded.t_incidents", p, 11, NULL, err);
}

/* ---- incidents ---- */

int store_as_incident_insert(struct db *db, const struct store_as_incident *x, int64_t *id,
			     struct db_err *err)
{
	struct db_val p[11] = { DB_INT(x->district_id), DB_INT(x->school_id),
		DB_INT(x->session_id), DB_TEXT(x->kind), DB_INT(x->occurred_min),
		DB_TEXT(x->description), DB_TEXT(x->action),
		x->student_id ? DB_INT(x->student_id) : DB_NULLV, DB_INT(x->guardian_notified),
		DB_INT(x->user_id), DB_INT(x->now) };
	struct db_res *r = NULL;

	if (db_exec(db, "INSERT INTO as_incident (district_id, school_id, session_id, kind,"
		    " occurred_min, description, action, student_id, guardian_notified,"
		    " reported_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		    " RETURNING id", p, 11, &r, err) != 0)
		return -1;
	*id = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

int store_as_incidents(struct db *db, int64_t school_id, int64_t term_id, int64_t after,
		       int limit, struct db_res **out, struct db_err *err)
{
	struct db_val p[4] = { DB_INT(school_id), DB_INT(term_id), DB_INT(after), DB_INT(limit) };

	return db_exec(db, "SELECT i.id, i.session_id, g.name, s.day, i.occurred_min, i.kind,"
		       " i.description, i.action, COALESCE(i.student_id, 0), COALESCE(st.name, ''),"
		       " i.guardian_notified, u.display_name, i.created_at FROM as_incident i"
		       " JOIN as_session s ON s.id = i.session_id JOIN as_program g ON g.id = s.program_id"
		       " JOIN users u ON u.id = i.reported_by LEFT JOIN student st ON st.id = i.student_id"
		       " WHERE i.school_id = ? AND g.term_id = ? AND i.id > ? ORDER BY i.id LIMIT ?",
		       p, 4, out, err);
}

/* ---- venue safety checks ---- */

int store_as_safety_insert(struct db *db, const struct store_as_safety *x, int64_t *id,
			   struct db_err *err)
{
	struct db_val p[14] = { DB_INT(x->district_id), DB_INT(x->school_id), DB_TEXT(x->venue),
		DB_TEXT(x->day), DB_INT(x->items[0]), DB_INT(x->items[1]), DB_INT(x->items[2]),
		DB_INT(x->items[3]), DB_INT(x->items[4]), DB_INT(x->passed), DB_TEXT(x->issues),
		DB_TEXT(x->action), DB_INT(x->user_id), DB_INT(x->now) };
	struct db_res *r = NULL;

	if (db_exec(db, "INSERT INTO as_safety_check (district_id, school_id, venue, day, exits,"
		    " fire, electrical, facilities, hygiene, passed, issues, action, checked_by,"
		    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		    p, 14, &r, err) != 0)
		return -1;
	*id = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

int store_as_safety_checks(struct db *db, int64_t school_id, const char *venue,
			   const char *from, const char *to, int limit, struct db_res **out,
			   struct db_err *err)
{
	struct db_val p[6] = { DB_INT(school_id), DB_TEXT(venue), DB_TEXT(venue), DB_TEXT(from),
			       DB_TEXT(to), DB_INT(limit) };

	return db_exec(db, "SELECT c.id, c.venue, c.day, c.passed, c.exits, c.fire, c.electrical,"
		       " c.facilities, c.hygiene, c.issues, c.action, u.display_name, c.created_at"
		       " FROM as_safety_check c JOIN users u ON u.id = c.checked_by"
		       " WHERE c.school_id = ? AND (? = '' OR c.venue = ?) AND c.day >= ?"
		       " AND c.day <= ? ORDER BY c.day DESC, c.id DESC LIMIT ?", p, 6, out, err);
}

int store_as_venues(struct db *db, int64_t school_id, int64_t term_id, const char *today,
		    struct db_res **out, struct db_err *err)
{
	struct db_val p[5] = { DB_TEXT(today), DB_INT(school_id), DB_INT(term_id), DB_TEXT(today),
			       DB_INT(school_id) };

	/* each venue of the term's live programs: its latest check up to today
	 * (day, passed; id breaks ties) and its latest passed check's day */
	return db_exec(db, "SELECT v.venue, COALESCE(c.day, ''), COALESCE(c.passed, 0),"
		       " COALESCE((SELECT MAX(p.day) FROM as_safety_check p WHERE p.school_id ="
		       "  v.school_id AND p.venue = v.venue AND p.passed = 1 AND p.day <= ?), '')"
		       " FROM (SELECT DISTINCT school_id, venue FROM as_program WHERE school_id = ?"
		       "  AND term_id = ? AND withdrawn = 0) v"
		       " LEFT JOIN as_safety_check c ON c.id = (SELECT x.id FROM as_safety_check x"
		       "  WHERE x.school_id = v.school_id AND x.venue = v.venue AND x.day <= ?"
		       "  ORDER BY x.day DESC, x.id DESC LIMIT 1)"
		       " WHERE v.school_id = ? ORDER BY v.venue", p, 5, out, err);
}

/* ---- teachers' hours (弹性上下班) ---- */

int store_as_hours(struct db *db, int64_t school_id, int64_t term_id, int64_t user_id,
		   struct db_res **out, struct db_err *err)
{
	struct db_val p[4] = { DB_INT(school_id), DB_INT(term_id), DB_INT(user_id),
			       DB_INT(user_id) };

	/* recorded sessions credited to each own teacher on the program's staff */
	return db_exec(db, "SELECT sf.id, sf.name, s.day, s.start_min, s.end_min"
		       " FROM as_session s JOIN as_program g ON g.id = s.program_id"
		       " JOIN as_program_staff ps ON ps.program_id = g.id AND ps.type = 'teacher'"
		       " JOIN staff sf ON sf.id = ps.staff_id"
		       " WHERE s.school_id = ? AND g.term_id = ? AND s.recorded_at IS NOT NULL"
		       " AND (? = 0 OR sf.user_id = ?) ORDER BY sf.name, sf.id, s.day, s.start_min"
		       " LIMIT 100000", p, 4, out, err);
}

/* ---- a day's sessions ---- */

int store_as_day_sessions(struct db *db, int64_t d, int64_t school_id, const char *day,
			  int64_t user_id, struct db_res **out, struct db_err *err)
{
	struct db_val p[6] = { DB_INT(d), DB_INT(school_id), DB_INT(school_id), DB_TEXT(day),
			       DB_INT(user_id), DB_INT(user_id) };

	return db_exec(db, "SELECT s.id, s.program_id, g.name, g.category, g.venue, s.day,"
		       " s.start_min, s.end_min, CASE WHEN s.recorded_at IS NULL THEN 0 ELSE 1 END,"
		       " (SELECT COUNT(*) FROM as_application a WHERE a.program_id = g.id"
		       "  AND a.status = 'admitted'), s.n_present,"
		       " (SELECT COUNT(*) FROM as_attendance x WHERE x.session_id = s.id"
		       "  AND x.handover <> ''), s.flagged, s.no_new_lesson, s.review_outcome"
		       " FROM as_session s JOIN as_program g ON g.id = s.program_id"
		       " WHERE s.district_id = ? AND (? = 0 OR s.school_id = ?) AND s.day = ?"
		       " AND g.withdrawn = 0"
		       " AND (? = 0 OR EXISTS (SELECT 1 FROM as_program_staff ps JOIN staff sf"
		       "  ON sf.id = ps.staff_id WHERE ps.program_id = g.id AND sf.user_id = ?"
		       "  AND sf.withdrawn = 0))"
		       " ORDER BY s.start_min, g.name LIMIT 500", p, 6, out, err);
}

/* ---- the district view ---- */

int store_as_district_page(struct db *db, int64_t d, int64_t term_id, int64_t after,
			   int limit, struct db_res **out, struct db_err *err)
{
	struct db_val p[4] = { DB_INT(term_id), DB_INT(d), DB_INT(after), DB_INT(limit) };

	return db_exec(db, "SELECT sc.id, sc.name, sc.students, COALESCE(t.t_applied, 0),"
		       " COALESCE(t.t_admitted, 0), COALESCE(t.t_sessions, 0),"
		       " COALESCE(t.t_recorded, 0), COALESCE(t.t_flagged, 0), COALESCE(t.t_att, 0),"
		       " COALESCE(t.t_present, 0), COALESCE(t.t_hw_asked, 0),"
		       " COALESCE(t.t_hw_done, 0), COALESCE(t.t_incidents, 0)"
		       " FROM school sc LEFT JOIN as_school_term t ON t.school_id = sc.id"
		       " AND t.term_id = ? WHERE sc.district_id = ? AND sc.withdrawn = 0 AND sc.id > ?"
		       " ORDER BY sc.id LIMIT ?", p, 4, out, err);
}

int store_as_district_totals(struct db *db, int64_t d, int64_t term_id, struct db_res **out,
			     struct db_err *err)
{
	struct db_val p[3] = { DB_INT(d), DB_INT(term_id), DB_INT(d) };

	/* the same columns as a page row, summed (id and name are 0 and '') */
	return db_exec(db, "SELECT COUNT(*), '', COALESCE(SUM(sc.students), 0),"
		       " COALESCE(MAX(t.a), 0), COALESCE(MAX(t.b), 0), COALESCE(MAX(t.c), 0),"
		       " COALESCE(MAX(t.e), 0), COALESCE(MAX(t.f), 0), COALESCE(MAX(t.g), 0),"
		       " COALESCE(MAX(t.h), 0), COALESCE(MAX(t.i), 0), COALESCE(MAX(t.j), 0),"
		       " COALESCE(MAX(t.k), 0) FROM school sc CROSS JOIN (SELECT SUM(t_applied) a,"
		       " SUM(t_admitted) b, SUM(t_sessions) c, SUM(t_recorded) e, SUM(t_flagged) f,"
		       " SUM(t_att) g, SUM(t_present) h, SUM(t_hw_asked) i, SUM(t_hw_done) j,"
		       " SUM(t_incidents) k FROM as_school_term x JOIN school y ON y.id = x.school_id"
		       " AND y.withdrawn = 0 WHERE x.district_id = ? AND x.term_id = ?) t"
		       " WHERE sc.district_id = ? AND sc.withdrawn = 0", p, 3, out, err);
}

/* ---- the term archive (五(三)3) ---- */

int store_as_archive_sessions(struct db *db, int64_t school_id, int64_t term_id,
			      struct db_res **out, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(school_id), DB_INT(term_id) };

	return db_exec(db, "SELECT s.day, g.name, g.category, s.start_min, s.end_min, g.venue,"
		       " s.content, s.form, s.no_new_lesson, s.flagged, s.n_att, s.n_present,"
		       " COALESCE(u.display_name, ''), CASE WHEN s.recorded_at IS NULL THEN 0 ELSE 1 END,"
		       " s.review_outcome, s.review_note"
		       " FROM as_session s JOIN as_program g ON g.id = s.program_id"
		       " LEFT JOIN users u ON u.id = s.recorded_by"
		       " WHERE s.school_id = ? AND g.term_id = ? ORDER BY s.day, s.start_min, g.name",
		       p, 2, out, err);
}

int store_as_archive_attendance(struct db *db, int64_t school_id, int64_t term_id,
				struct db_res **out, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(school_id), DB_INT(term_id) };

	return db_exec(db, "SELECT s.day, g.name, c.name, st.name, at.status, at.handover,"
		       " COALESCE(gu.name, ''), COALESCE(at.homework_done, -1),"
		       " COALESCE(at.handover_at, 0)"
		       " FROM as_attendance at JOIN as_session s ON s.id = at.session_id"
		       " JOIN as_program g ON g.id = s.program_id JOIN student st ON st.id = at.student_id"
		       " JOIN class c ON c.id = st.class_id LEFT JOIN guardian gu ON gu.id = at.guardian_id"
		       " WHERE s.school_id = ? AND g.term_id = ?"
		       " ORDER BY s.day, s.start_min, g.name, c.grade, c.code, st.registry_no",
		       p, 2, out, err);
}

int store_as_school_records(struct db *db, int64_t school_id, int64_t term_id,
			    struct db_res **out, struct db_err *err)
{
	struct db_val p[5] = { DB_INT(school_id), DB_INT(term_id), DB_INT(school_id),
			       DB_INT(term_id), DB_INT(term_id) };

	/* incidents of the term, safety checks within its dates */
	return db_exec(db, "SELECT (SELECT COUNT(*) FROM as_incident i JOIN as_session s"
		       "  ON s.id = i.session_id JOIN as_program g ON g.id = s.program_id"
		       "  WHERE i.school_id = ? AND g.term_id = ?),"
		       " (SELECT COUNT(*) FROM as_safety_check c WHERE c.school_id = ?"
		       "  AND c.day >= (SELECT starts_on FROM term WHERE id = ?)"
		       "  AND c.day <= (SELECT ends_on FROM term WHERE id = ?))", p, 5, out, err);
}
