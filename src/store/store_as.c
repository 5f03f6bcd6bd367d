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

int store_as_dismissal_get(struct db *db, int64_t school_id, int at[8], struct db_err *err)
{
	struct db_val p[1] = { DB_INT(school_id) };
	struct db_res *r = NULL;

	for (int w = 0; w < 8; w++)
		at[w] = -1;
	if (db_exec(db, "SELECT weekday, at_min FROM as_dismissal WHERE school_id = ?"
		    " AND at_min IS NOT NULL", p, 1, &r, err) != 0)
		return -1;
	for (int i = 0; i < db_res_rows(r); i++) {
		int64_t w = db_res_int(r, i, 0);

		if (w >= 1 && w <= 7)
			at[w] = (int)db_res_int(r, i, 1);
	}
	db_res_free(r);
	return 0;
}

int store_as_dismissal_set(struct db *db, int64_t d, int64_t school_id, int weekday, int at_min,
			   int64_t now, int64_t user_id, struct db_err *err)
{
	struct db_val p[6] = { DB_INT(school_id), DB_INT(weekday), DB_INT(d),
			       at_min < 0 ? DB_NULLV : DB_INT(at_min), DB_INT(now), DB_INT(user_id) };

	return db_exec(db, "INSERT INTO as_dismissal (school_id, weekday, district_id, at_min,"
		       " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)"
		       " ON CONFLICT (school_id, weekday) DO UPDATE SET at_min = excluded.at_min,"
		       " updated_at = excluded.updated_at, updated_by = excluded.updated_by", p, 6,
		       NULL, err);
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
	struct db_val p[13] = { DB_INT(a->district_id), DB_INT(a->school_id), DB_INT(a->term_id),
				DB_INT(a->student_id), DB_INT(a->choice[0]),
				a->choice[1] ? DB_INT(a->choice[1]) : DB_NULLV,
				a->choice[2] ? DB_INT(a->choice[2]) : DB_NULLV,
				DB_INT(a->extended_care), DB_TEXT(a->extended_reason ? a->extended_reason : ""),
				DB_INT(a->alone_consent), DB_INT(a->now), DB_INT(a->user_id),
				DB_INT(a->now) };
	struct db_res *r = NULL;

	if (db_exec(db, "INSERT INTO as_application (district_id, school_id, term_id, student_id,"
		    " choice1, choice2, choice3, extended_care, extended_reason, alone_consent,"
		    " consent_at, user_id, status, created_at)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'applied', ?)"
		    " RETURNING id", p, 13, &r, err) != 0)
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
			  int64_t user_id, const char *status, int64_t after, int limit,
			  struct db_res **out, struct db_err *err)
{
	struct db_val p[10] = { DB_INT(d), DB_INT(term_id), DB_INT(school_id), DB_INT(school_id),
				DB_INT(user_id), DB_INT(user_id), DB_TEXT(status), DB_TEXT(status),
				DB_INT(after), DB_INT(limit) };

	return db_exec(db, "SELECT a.id, a.student_id, st.name, c.name, a.term_id, a.choice1,"
		       " a.choice2, a.choice3, a.extended_care, a.extended_reason, a.status,"
		       " a.program_id, g.name, a.position, a.created_at, a.alone_consent,"
		       " a.consent_at FROM as_application a"
		       " JOIN student st ON st.id = a.student_id JOIN class c ON c.id = st.class_id"
		       " LEFT JOIN as_program g ON g.id = a.program_id"
		       " WHERE a.district_id = ? AND a.term_id = ? AND (? = 0 OR a.school_id = ?)"
		       " AND (? = 0 OR EXISTS (SELECT 1 FROM guardian_student gs JOIN guardian gu"
		       "  ON gu.id = gs.guardian_id WHERE gs.student_id = a.student_id"
		       "  AND gu.user_id = ?)) AND (? = '' OR a.status = ?) AND a.id > ?"
		       " ORDER BY a.id LIMIT ?", p, 10, out, err);
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

/* ---- sessions, attendance, handover ---- */

int store_as_session_add(struct db *db, int64_t d, int64_t school_id, int64_t program_id,
			 const char *day, int start_min, int end_min, int *created,
			 struct db_err *err)
{
	struct db_val p[6] = { DB_INT(d), DB_INT(school_id), DB_INT(program_id), DB_TEXT(day),
			       DB_INT(start_min), DB_INT(end_min) };
	struct db_res *r = NULL;

	if (db_exec(db, "INSERT INTO as_session (district_id, school_id, program_id, day,"
		    " start_min, end_min) VALUES (?, ?, ?, ?, ?, ?)"
		    " ON CONFLICT (program_id, day) DO NOTHING RETURNING id", p, 6, &r, err) != 0)
		return -1;
	*created = db_res_rows(r);
	db_res_free(r);
	return 0;
}

int store_as_program_days(struct db *db, int64_t d, int64_t id, struct db_res **out,
			  struct db_err *err)
{
	struct db_val p[2] = { DB_INT(id), DB_INT(d) };

	return store_one_or_none(db_exec(db, "SELECT g.school_id, g.term_id, g.days, g.start_min,"
		" g.end_min, t.starts_on, t.ends_on FROM as_program g JOIN term t ON t.id = g.term_id"
		" WHERE g.id = ? AND g.district_id = ? AND g.withdrawn = 0", p, 2, out, err), out);
}

int store_as_session_get(struct db *db, int64_t d, int64_t id, struct db_res **out,
			 struct db_err *err)
{
	struct db_val p[2] = { DB_INT(id), DB_INT(d) };

	return store_one_or_none(db_exec(db, "SELECT s.id, s.school_id, s.program_id, g.name,"
		" s.day, s.start_min, s.end_min, s.content, s.form, s.no_new_lesson, s.flagged,"
		" s.recorded_at, g.category, g.term_id, s.review_outcome, s.review_note,"
		" COALESCE((SELECT display_name FROM users WHERE id = s.reviewed_by), ''),"
		" COALESCE(s.reviewed_at, 0) FROM as_session s"
		" JOIN as_program g ON g.id = s.program_id"
		" WHERE s.id = ? AND s.district_id = ?", p, 2, out, err), out);
}

int store_as_sessions(struct db *db, int64_t program_id, const char *from, const char *to,
		      struct db_res **out, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(program_id), DB_TEXT(from), DB_TEXT(to) };

	return db_exec(db, "SELECT s.id, s.day, s.start_min, s.end_min, s.no_new_lesson, s.flagged,"
		       " s.recorded_at, (SELECT COUNT(*) FROM as_attendance a WHERE a.session_id = s.id"
		       "  AND a.status = 'present'), s.review_outcome FROM as_session s"
		       " WHERE s.program_id = ?"
		       " AND s.day >= ? AND s.day <= ? ORDER BY s.day LIMIT 500", p, 3, out, err);
}

int store_as_session_roster(struct db *db, int64_t session_id, struct db_res **out,
			    struct db_err *err)
{
	struct db_val p[2] = { DB_INT(session_id), DB_INT(session_id) };

	/* the admitted children of the session's program, with today's record */
	return db_exec(db, "SELECT st.id, st.name, c.name, COALESCE(at.status, ''),"
		       " COALESCE(at.handover, ''), COALESCE(at.guardian_id, 0),"
		       " COALESCE(at.homework_done, -1), a.alone_consent"
		       " FROM as_application a JOIN student st ON st.id = a.student_id"
		       " JOIN class c ON c.id = st.class_id"
		       " LEFT JOIN as_attendance at ON at.session_id = ? AND at.student_id = st.id"
		       " WHERE a.program_id = (SELECT program_id FROM as_session WHERE id = ?)"
		       " AND a.status = 'admitted' ORDER BY c.grade, c.code, st.registry_no",
		       p, 2, out, err);
}

int store_as_attendance_set(struct db *db, int64_t d, int64_t session_id, int64_t student_id,
			    const char *status, int homework_done, struct db_err *err)
{
	struct db_val p[5] = { DB_INT(session_id), DB_INT(student_id), DB_INT(d), DB_TEXT(status),
			       homework_done < 0 ? DB_NULLV : DB_INT(homework_done) };

	return db_exec(db, "INSERT INTO as_attendance (session_id, student_id, district_id, status,"
		       " homework_done) VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, student_id)"
		       " DO UPDATE SET status = excluded.status,"
		       " homework_done = excluded.homework_done", p, 5, NULL, err);
}

int store_as_session_record(struct db *db, int64_t id, const char *content, const char *form,
			    int no_new_lesson, const char *flagged, int64_t user_id, int64_t now,
			    struct db_err *err)
{
	struct db_val p[7] = { DB_TEXT(content), DB_TEXT(form), DB_INT(no_new_lesson),
			       DB_TEXT(flagged), DB_INT(user_id), DB_INT(now), DB_INT(id) };

	/* new content: an earlier review judged other words */
	return db_exec(db, "UPDATE as_session SET content = ?, form = ?, no_new_lesson = ?,"
		       " flagged = ?, recorded_by = ?, recorded_at = ?, review_outcome = '',"
		       " review_note = '', reviewed_by = NULL, reviewed_at = NULL WHERE id = ?",
		       p, 7, NULL, err);
}

int store_as_handover_set(struct db *db, int64_t session_id, int64_t student_id,
			  const char *state, int64_t guardian_id, int64_t now, int *changed,
			  struct db_err *err)
{
	struct db_val p[5] = { DB_TEXT(state), guardian_id ? DB_INT(guardian_id) : DB_NULLV,
			       DB_INT(now), DB_INT(session_id), DB_INT(student_id) };
	struct db_res *r = NULL;

	if (db_exec(db, "UPDATE as_attendance SET handover = ?, guardian_id = ?, handover_at = ?"
		    " WHERE session_id = ? AND student_id = ? AND status = 'present'"
		    " RETURNING student_id", p, 5, &r, err) != 0)
		return -1;
	*changed = db_res_rows(r);
	db_res_free(r);
	return 0;
}

int store_as_guardian_of(struct db *db, int64_t guardian_id, int64_t student_id, int *yes,
			 struct db_err *err)
{
	struct db_val p[2] = { DB_INT(guardian_id), DB_INT(student_id) };
	struct db_res *r = NULL;

	if (db_exec(db, "SELECT 1 FROM guardian_student WHERE guardian_id = ? AND student_id = ?",
		    p, 2, &r, err) != 0)
		return -1;
	*yes = db_res_rows(r) > 0;
	db_res_free(r);
	return 0;
}

int store_as_alone_consent(struct db *db, int64_t session_id, int64_t student_id, int *yes,
			   struct db_err *err)
{
	struct db_val p[2] = { DB_INT(student_id), DB_INT(session_id) };
	struct db_res *r = NULL;

	if (db_exec(db, "SELECT a.alone_consent FROM as_application a WHERE a.student_id = ?"
		    " AND a.status = 'admitted' AND a.program_id ="
		    " (SELECT program_id FROM as_session WHERE id = ?)", p, 2, &r, err) != 0)
		return -1;
	*yes = db_res_rows(r) > 0 && db_res_int(r, 0, 0) != 0;
	db_res_free(r);
	return 0;
}

int store_as_alerts(struct db *db, int64_t d, int64_t school_id, int64_t head_user,
		    const char *day, int before_min, struct db_res **out, struct db_err *err)
{
	struct db_val p[6] = { DB_INT(d), DB_INT(school_id), DB_TEXT(day), DB_INT(before_min),
			       DB_INT(head_user), DB_INT(head_user) };

	/* present children with no handover, the session ended before before_min */
	return db_exec(db, "SELECT s.id, g.name, s.day, s.end_min, st.id, st.name, c.name"
		       " FROM as_attendance at JOIN as_session s ON s.id = at.session_id"
		       " JOIN as_program g ON g.id = s.program_id JOIN student st"
		       " ON st.id = at.student_id JOIN class c ON c.id = st.class_id"
		       " WHERE s.district_id = ? AND s.school_id = ? AND s.day = ? AND s.end_min <= ?"
		       " AND at.status = 'present' AND at.handover = ''"
		       " AND (? = 0 OR EXISTS (SELECT 1 FROM staff sh WHERE sh.id = c.head_teacher_id"
		       "  AND sh.user_id = ?)) ORDER BY s.end_min, c.code, st.registry_no LIMIT 500",
		       p, 6, out, err);
}

int store_as_session_guardians(struct db *db, int64_t session_id, struct db_res **out,
			       struct db_err *err)
{
	struct db_val p[1] = { DB_INT(session_id) };

	return db_exec(db, "SELECT gs.student_id, g.id, g.name, gs.relation FROM as_application a"
		       " JOIN guardian_student gs ON gs.student_id = a.student_id"
		       " JOIN guardian g ON g.id = gs.guardian_id"
		       " WHERE a.program_id = (SELECT program_id FROM as_session WHERE id = ?)"
		       " AND a.status = 'admitted' ORDER BY gs.student_id, g.id", p, 1, out, err);
}

/* ---- quality measures (B18) ---- */

int store_as_participation(struct db *db, int64_t school_id, int64_t term_id,
			   struct db_res **out, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(term_id), DB_INT(school_id) };

	return db_exec(db, "SELECT c.id, c.name, c.grade, COUNT(st.id), COUNT(a.id),"
		       " SUM(CASE WHEN a.status = 'admitted' THEN 1 ELSE 0 END)"
		       " FROM class c JOIN student st ON st.class_id = c.id AND st.withdrawn = 0"
		       " LEFT JOIN as_application a ON a.student_id = st.id AND a.term_id = ?"
		       " AND a.status <> 'withdrawn' WHERE c.school_id = ? AND c.withdrawn = 0"
		       " GROUP BY c.id, c.name, c.grade, c.code ORDER BY c.grade, c.code", p, 2, out,
		       err);
}

int store_as_flagged_open(struct db *db, int64_t school_id, int64_t term_id, struct db_res **out,
			  struct db_err *err)
{
	struct db_val p[2] = { DB_INT(school_id), DB_INT(term_id) };

	return db_exec(db, "SELECT s.id, s.day, g.name, s.flagged FROM as_session s"
		       " JOIN as_program g ON g.id = s.program_id"
		       " WHERE s.school_id = ? AND g.term_id = ? AND (s.flagged <> ''"
		       "  OR (s.recorded_at IS NOT NULL AND s.no_new_lesson = 0))"
		       " AND s.review_outcome = '' ORDER BY s.day DESC, s.id DESC LIMIT 20",
		       p, 2, out, err);
}

int store_as_session_totals(struct db *db, int64_t d, int64_t school_id, int64_t term_id,
			    struct db_res **out, struct db_err *err)
{
	struct db_val p[5] = { DB_INT(d), DB_INT(school_id), DB_INT(school_id), DB_INT(term_id),
			       DB_INT(term_id) };

	/* per school: sessions, recorded, flagged (a new-lesson word or no
	 * declaration), attendance records, present, homework asked and done
	 * (the session tallies kept by store_as_session_recount) */
	return db_exec(db, "SELECT s.school_id, COUNT(*),"
		       " SUM(CASE WHEN s.recorded_at IS NULL THEN 0 ELSE 1 END),"
		       " SUM(CASE WHEN s.flagged <> '' OR (s.recorded_at IS NOT NULL"
		       "  AND s.no_new_lesson = 0) THEN 1 ELSE 0 END),"
		       " SUM(s.n_att), SUM(s.n_present), SUM(s.n_hw_asked), SUM(s.n_hw_done),"
		       " SUM(CASE WHEN (s.flagged <> '' OR (s.recorded_at IS NOT NULL"
		       "  AND s.no_new_lesson = 0)) AND s.review_outcome = '' THEN 1 ELSE 0 END)"
		       " FROM as_session s JOIN as_program g ON g.id = s.program_id"
		       " WHERE s.district_id = ? AND (? = 0 OR s.school_id = ?) AND g.term_id = ?"
		       " AND ? > 0 GROUP BY s.school_id ORDER BY s.school_id", p, 5, out, err);
}

int store_as_session_review(struct db *db, int64_t id, const char *outcome, const char *note,
			    int64_t user_id, int64_t now, struct db_err *err)
{
	struct db_val p[5] = { DB_TEXT(outcome), DB_TEXT(note), DB_INT(user_id), DB_INT(now),
			       DB_INT(id) };

	return db_exec(db, "UPDATE as_session SET review_outcome = ?, review_note = ?,"
		       " reviewed_by = ?, reviewed_at = ? WHERE id = ?", p, 5, NULL, err);
}
