/* store_hw.c - homework SQL (one text for both backends). */
#include "store/store_hw.h"
#include "store/db_impl.h"

#include <stdio.h>
#include <string.h>


static int first_int(struct db *db, const char *sql_lit, const struct db_val *p, int n,
		     int64_t *v, struct db_err *err)
{
	struct db_res *r = NULL;

	if (db_exec(db, sql_lit, p, n, &r, err) != 0)
		return -1;
	*v = db_res_rows(r) ? db_res_int(r, 0, 0) : 0;
	db_res_free(r);
	return 0;
}

#define HW_COLS                                                                             \
	" h.id, h.class_id, h.school_id, h.user_id, h.subject, h.kind, h.tier, h.title,"     \
	" h.content, h.minutes, h.counted, h.assigned_on, h.due_on, h.status, h.version,"    \
	" h.reason, h.created_at, h.updated_at, u.display_name, g.method, g.reviewed,"       \
	" g.notes, h.staff_id, c.name, c.grade, h.level"                                       \
	" FROM homework h JOIN users u ON u.id = h.user_id JOIN class c ON c.id = h.class_id" \
	" LEFT JOIN hw_grading g ON g.homework_id = h.id"

int store_hw_get(struct db *db, int64_t district_id, int64_t id, struct db_res **out,
		 struct db_err *err)
{
	struct db_val p[2] = { DB_INT(id), DB_INT(district_id) };

	return store_one_or_none(db_exec(db, "SELECT" HW_COLS " WHERE h.id = ?"
					 " AND h.district_id = ?", p, 2, out, err), out);
}

static void hw_vals(struct db_val *p, const struct store_hw *h)
{
	p[0] = DB_INT(h->district_id);
	p[1] = DB_INT(h->school_id);
	p[2] = DB_INT(h->class_id);
	p[3] = DB_INT(h->user_id);
	p[4] = h->staff_id ? DB_INT(h->staff_id) : DB_NULLV;
	p[5] = DB_TEXT(h->subject);
	p[6] = DB_TEXT(h->kind);
	p[7] = DB_TEXT(h->tier);
	p[8] = DB_TEXT(h->title);
	p[9] = DB_TEXT(h->content);
	p[10] = DB_INT(h->minutes);
	p[11] = DB_INT(h->counted);
	p[12] = DB_TEXT(h->assigned_on);
	p[13] = DB_TEXT(h->due_on);
	p[14] = DB_TEXT(h->status);
	p[15] = DB_TEXT(h->reason ? h->reason : "");
	p[16] = DB_INT(h->now);
	p[18] = DB_TEXT(h->level ? h->level : "standard");
}

int store_hw_insert(struct db *db, const struct store_hw *h, int64_t *id, struct db_err *err)
{
	struct db_val p[19];

	hw_vals(p, h);
	p[17] = DB_INT(h->now);
	return first_int(db, "INSERT INTO homework (district_id, school_id, class_id, user_id,"
			 " staff_id, subject, kind, tier, title, content, minutes, counted,"
			 " assigned_on, due_on, status, reason, created_at, updated_at, level)"
			 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
			 " RETURNING id", p, 19, id, err);
}

int store_hw_update(struct db *db, const struct store_hw *h, struct db_err *err)
{
	struct db_val p[12] = { DB_TEXT(h->subject), DB_TEXT(h->kind), DB_TEXT(h->tier),
				DB_TEXT(h->title), DB_TEXT(h->content), DB_INT(h->minutes),
				DB_INT(h->counted), DB_TEXT(h->due_on), DB_TEXT(h->status),
				DB_TEXT(h->reason ? h->reason : ""), DB_INT(h->now),
				DB_TEXT(h->level ? h->level : "standard") };
	struct db_val q[13];

	memcpy(q, p, sizeof p);
	q[12] = DB_INT(h->id);
	return db_exec(db, "UPDATE homework SET subject = ?, kind = ?, tier = ?, title = ?,"
		       " content = ?, minutes = ?, counted = ?, due_on = ?, status = ?, reason = ?,"
		       " updated_at = ?, level = ?, version = version + 1 WHERE id = ?", q, 13, NULL,
		       err);
}

int store_hw_day_items(struct db *db, int64_t class_id, const char *day, int published_only,
		       struct db_res **out, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(class_id), DB_TEXT(day), DB_INT(published_only) };

	return db_exec(db, "SELECT" HW_COLS " WHERE h.class_id = ? AND h.assigned_on = ?"
		       " AND (? = 0 OR h.status = 'published') ORDER BY h.subject, h.id", p, 3, out,
		       err);
}

/* A grade head (school_role grade_head, scope = the grade) of the item's
 * school and grade. */
#define HW_GRADE_HEAD                                                                       \
	" EXISTS (SELECT 1 FROM school_role sr JOIN staff s ON s.id = sr.staff_id"             \
	" WHERE s.user_id = ? AND s.withdrawn = 0 AND sr.school_id = h.school_id"              \
	" AND sr.role = 'grade_head'"                                                        \
	" AND sr.withdrawn = 0 AND sr.scope = CAST(c.grade AS TEXT))"

int store_hw_pending(struct db *db, int64_t school_id, int64_t grade_head_user,
		     struct db_res **out, struct db_err *err)
{
	struct db_val p[5] = { DB_INT(grade_head_user), DB_INT(school_id), DB_INT(grade_head_user),
			       DB_INT(grade_head_user), DB_INT(grade_head_user) };

	return db_exec(db, "SELECT" HW_COLS " WHERE h.status = 'pending' AND ((? = 0 AND"
		       " h.school_id = ?) OR (? > 0 AND" HW_GRADE_HEAD " AND h.user_id <> ?))"
		       " ORDER BY h.id LIMIT 500", p, 5, out, err);
}

int store_hw_is_grade_head(struct db *db, int64_t user_id, int64_t hw_id, int *yes,
			   struct db_err *err)
{
	struct db_val p[2] = { DB_INT(user_id), DB_INT(hw_id) };
	int64_t v = 0;

	if (first_int(db, "SELECT COUNT(*) FROM homework h JOIN class c ON c.id = h.class_id"
		      " WHERE" HW_GRADE_HEAD " AND h.id = ?", p, 2, &v, err) != 0)
		return -1;
	*yes = v > 0;
	return 0;
}

/* Add delta to one running total of a class-day (sql: the upsert naming the
 * column, RETURNING its new value). */
static int day_counter_add(struct db *db, const char *sql, int64_t d, int64_t school_id,
			   int64_t class_id, const char *day, int delta, int *total,
			   struct db_err *err)
{
	struct db_val p[5] = { DB_INT(d), DB_INT(school_id), DB_INT(class_id), DB_TEXT(day),
			       DB_INT(delta) };
	int64_t v = 0;

	if (first_int(db, sql, p, 5, &v, err) != 0)
		return -1;
	*total = (int)v;
	return 0;
}

int store_hw_day_add(struct db *db, int64_t d, int64_t school_id, int64_t class_id,
		     const char *day, int delta, int *total, struct db_err *err)
{
	return day_counter_add(db, "INSERT INTO hw_class_day (district_id, school_id, class_id,"
			       " day, written_minutes) VALUES (?, ?, ?, ?, ?) ON CONFLICT (class_id,"
			       " day) DO UPDATE SET written_minutes = hw_class_day.written_minutes"
			       " + excluded.written_minutes RETURNING written_minutes",
			       d, school_id, class_id, day, delta, total, err);
}

int store_hw_day_optional_add(struct db *db, int64_t d, int64_t school_id, int64_t class_id,
			      const char *day, int delta, int *total, struct db_err *err)
{
	return day_counter_add(db, "INSERT INTO hw_class_day (district_id, school_id, class_id,"
			       " day, optional_minutes) VALUES (?, ?, ?, ?, ?) ON CONFLICT (class_id,"
			       " day) DO UPDATE SET optional_minutes = hw_class_day.optional_minutes"
			       " + excluded.optional_minutes RETURNING optional_minutes",
			       d, school_id, class_id, day, delta, total, err);
}

int store_hw_day_total(struct db *db, int64_t class_id, const char *day, int *total,
		       struct db_err *err)
{
	struct db_val p[2] = { DB_INT(class_id), DB_TEXT(day) };
	int64_t v = 0;

	if (first_int(db, "SELECT written_minutes FROM hw_class_day WHERE class_id = ? AND day = ?",
		      p, 2, &v, err) != 0)
		return -1;
	*total = (int)v;
	return 0;
}

int store_hw_poster(struct db *db, int64_t class_id, int64_t user_id, const char *subject,
		    struct store_hw_poster *out, struct db_err *err)
{
	struct db_val p[3] = { DB_TEXT(subject), DB_INT(class_id), DB_INT(user_id) };
	struct db_res *r = NULL;
	int rc;

	/* from the user's own staff records (staff_user index), not the school's */
	rc = store_one_or_none(db_exec(db, "SELECT sf.id, c.school_id, c.grade,"
				 " CASE WHEN c.head_teacher_id = sf.id THEN 1 ELSE 0 END,"
				 " CASE WHEN EXISTS (SELECT 1 FROM teaching t WHERE t.class_id = c.id"
				 "   AND t.staff_id = sf.id AND t.subject = ? AND t.withdrawn = 0)"
				 "   THEN 1 ELSE 0 END,"
				 " CASE WHEN EXISTS (SELECT 1 FROM teaching t WHERE t.class_id = c.id"
				 "   AND t.staff_id = sf.id AND t.withdrawn = 0) THEN 1 ELSE 0 END"
				 " FROM staff sf JOIN class c ON c.id = ? AND c.school_id = sf.school_id"
				 " AND c.withdrawn = 0 AND c.district_id = sf.district_id"
				 " WHERE sf.user_id = ? AND sf.withdrawn = 0"
				 " ORDER BY 4 DESC, 5 DESC, 6 DESC, sf.id LIMIT 1",
				 p, 3, &r, err), &r);
	if (rc != 0)
		return rc;
	out->staff_id = db_res_int(r, 0, 0);
	out->school_id = db_res_int(r, 0, 1);
	out->grade = (int)db_res_int(r, 0, 2);
	out->is_head = (int)db_res_int(r, 0, 3);
	out->teaches = (int)db_res_int(r, 0, 4);
	out->teaches_any = (int)db_res_int(r, 0, 5);
	db_res_free(r);
	return 0;
}

int store_hw_change_add(struct db *db, int64_t d, int64_t class_id, int64_t hw_id,
			const char *day, int64_t at, int64_t user_id, const char *action, int shown,
			const char *reason, const char *old_json, const char *new_json,
			struct db_err *err)
{
	struct db_val p[11] = { DB_INT(d), DB_INT(class_id), DB_INT(hw_id), DB_TEXT(day),
				DB_INT(at), DB_INT(user_id), DB_TEXT(action), DB_INT(shown),
				DB_TEXT(reason ? reason : ""), DB_TEXT(old_json ? old_json : "{}"),
				DB_TEXT(new_json ? new_json : "{}") };

	return db_exec(db, "INSERT INTO hw_change (district_id, class_id, homework_id, day, made_at,"
		       " user_id, action, shown, reason, old_json, new_json)"
		       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p, 11, NULL, err);
}

int store_hw_changes(struct db *db, int64_t class_id, const char *day, struct db_res **out,
		     struct db_err *err)
{
	struct db_val p[2] = { DB_INT(class_id), DB_TEXT(day) };

	return db_exec(db, "SELECT made_at, action, reason, old_json, new_json FROM hw_change"
		       " WHERE class_id = ? AND day = ? AND shown = 1 ORDER BY id", p, 2, out, err);
}

int store_hw_history(struct db *db, int64_t hw_id, struct db_res **out, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(hw_id) };

	return db_exec(db, "SELECT x.made_at, x.action, x.reason, x.old_json, x.new_json,"
		       " u.display_name FROM hw_change x JOIN users u ON u.id = x.user_id"
		       " WHERE x.homework_id = ? ORDER BY x.id", p, 1, out, err);
}

int store_hw_school_get(struct db *db, int64_t school_id, struct db_res **out,
			struct db_err *err)
{
	struct db_val p[1] = { DB_INT(school_id) };

	return store_one_or_none(db_exec(db, "SELECT approval, plan, updated_at, head_any_subject"
				   " FROM hw_school"
				   " WHERE school_id = ?", p, 1, out, err), out);
}

int store_hw_school_head_any_set(struct db *db, int64_t d, int64_t school_id, int head_any,
				 int64_t now, int64_t user_id, struct db_err *err)
{
	struct db_val p[5] = { DB_INT(school_id), DB_INT(d), DB_INT(head_any), DB_INT(now),
			       DB_INT(user_id) };

	return db_exec(db, "INSERT INTO hw_school (school_id, district_id, head_any_subject,"
		       " updated_at, updated_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (school_id)"
		       " DO UPDATE SET head_any_subject = excluded.head_any_subject,"
		       " version = hw_school.version + 1,"
		       " updated_at = excluded.updated_at, updated_by = excluded.updated_by", p, 5,
		       NULL, err);
}

/* A subject head (school_role subject_head, scope = the subject) of the
 * item's school and subject. */
#define HW_SUBJECT_HEAD                                                                     \
	" EXISTS (SELECT 1 FROM school_role sr JOIN staff s ON s.id = sr.staff_id"             \
	" WHERE s.user_id = ? AND s.withdrawn = 0 AND sr.school_id = h.school_id"              \
	" AND sr.role = 'subject_head' AND sr.withdrawn = 0 AND sr.scope = h.subject)"

int store_hw_difficulty_sample(struct db *db, int64_t school_id, int64_t head_user,
			       const char *from, const char *to, int n, struct db_res **out,
			       struct db_err *err)
{
	struct db_val p[9] = { DB_TEXT(from), DB_TEXT(to), DB_INT(head_user), DB_INT(school_id),
			       DB_INT(head_user), DB_INT(head_user), DB_INT(head_user),
			       DB_INT(head_user), DB_INT(n) };

	return db_exec(db, "SELECT" HW_COLS " WHERE h.status = 'published' AND h.assigned_on"
		       " BETWEEN ? AND ? AND ((? = 0 AND h.school_id = ?) OR (? > 0 AND"
		       " (" HW_GRADE_HEAD " OR" HW_SUBJECT_HEAD ") AND h.user_id <> ?))"
		       " ORDER BY (h.id * 7919) % 1009, h.id LIMIT ?", p, 9, out, err);
}

int store_hw_difficulty_reviews(struct db *db, int64_t school_id, const char *from,
				const char *to, struct db_res **out, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(school_id), DB_TEXT(from), DB_TEXT(to) };

	return db_exec(db, "SELECT r.homework_id, r.within_standard, r.note, u.display_name,"
		       " r.reviewed_at FROM hw_difficulty_review r JOIN homework h ON h.id ="
		       " r.homework_id JOIN users u ON u.id = r.reviewer_id WHERE r.school_id = ?"
		       " AND h.assigned_on BETWEEN ? AND ?", p, 3, out, err);
}

int store_hw_heads_item(struct db *db, int64_t user_id, int64_t hw_id, int *yes,
			struct db_err *err)
{
	struct db_val p[3] = { DB_INT(user_id), DB_INT(user_id), DB_INT(hw_id) };
	int64_t v = 0;

	if (first_int(db, "SELECT COUNT(*) FROM homework h JOIN class c ON c.id = h.class_id"
		      " WHERE (" HW_GRADE_HEAD " OR" HW_SUBJECT_HEAD ") AND h.id = ?", p, 3, &v,
		      err) != 0)
		return -1;
	*yes = v > 0;
	return 0;
}

int store_hw_difficulty_review_set(struct db *db, int64_t d, int64_t school_id, int64_t hw_id,
				   int64_t reviewer, int within, const char *note, int64_t now,
				   struct db_err *err)
{
	struct db_val p[7] = { DB_INT(hw_id), DB_INT(d), DB_INT(school_id), DB_INT(reviewer),
			       DB_INT(within), DB_TEXT(note ? note : ""), DB_INT(now) };

	return db_exec(db, "INSERT INTO hw_difficulty_review (homework_id, district_id, school_id,"
		       " reviewer_id, within_standard, note, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
		       " ON CONFLICT (homework_id) DO UPDATE SET reviewer_id = excluded.reviewer_id,"
		       " within_standard = excluded.within_standard, note = excluded.note,"
		       " reviewed_at = excluded.reviewed_at", p, 7, NULL, err);
}

int store_hw_taught_subjects(struct db *db, int64_t class_id, int64_t user_id,
			     struct db_res **out, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(class_id), DB_INT(user_id) };

	return db_exec(db, "SELECT DISTINCT t.subject FROM teaching t JOIN staff sf ON sf.id ="
		       " t.staff_id WHERE t.class_id = ? AND sf.user_id = ? AND sf.withdrawn = 0"
		       " AND t.withdrawn = 0 ORDER BY t.subject", p, 2, out, err);
}

int store_hw_school_set(struct db *db, int64_t d, int64_t school_id, int approval,
			const char *plan, int64_t now, int64_t user_id, struct db_err *err)
{
	struct db_val p[7] = { DB_INT(school_id), DB_INT(d), DB_INT(approval),
			       DB_TEXT(plan ? plan : ""), DB_INT(now), DB_INT(user_id), DB_TEXT(plan) };

	return db_exec(db, "INSERT INTO hw_school (school_id, district_id, approval, plan,"
		       " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (school_id)"
		       " DO UPDATE SET approval = excluded.approval,"
		       " plan = COALESCE(CAST(? AS TEXT), hw_school.plan),"
		       " version = hw_school.version + 1,"
		       " updated_at = excluded.updated_at, updated_by = excluded.updated_by", p, 7,
		       NULL, err);
}

int store_hw_grading_set(struct db *db, int64_t d, int64_t school_id, int64_t hw_id,
			 const char *method, int reviewed, const char *notes, int64_t user_id,
			 int64_t now, struct db_err *err)
{
	struct db_val p[8] = { DB_INT(hw_id), DB_INT(d), DB_INT(school_id), DB_TEXT(method),
			       DB_INT(reviewed), DB_TEXT(notes), DB_INT(user_id), DB_INT(now) };

	return db_exec(db, "INSERT INTO hw_grading (homework_id, district_id, school_id, method,"
		       " reviewed, notes, user_id, made_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
		       " ON CONFLICT (homework_id) DO UPDATE SET method = excluded.method,"
		       " reviewed = excluded.reviewed, notes = excluded.notes,"
		       " user_id = excluded.user_id, made_at = excluded.made_at", p, 8, NULL, err);
}

int store_hw_report_set(struct db *db, int64_t d, int64_t school_id, int64_t class_id,
			int64_t student_id, const char *day, int minutes, int finished,
			const char *reason, const char *note, int64_t user_id, int64_t now,
			struct db_err *err)
{
	struct db_val p[11] = { DB_INT(d), DB_INT(school_id), DB_INT(class_id), DB_INT(student_id),
				DB_TEXT(day), DB_INT(minutes), DB_INT(finished), DB_TEXT(reason),
				DB_TEXT(note), DB_INT(user_id), DB_INT(now) };

	return db_exec(db, "INSERT INTO hw_report (district_id, school_id, class_id, student_id, day,"
		       " minutes, finished, reason, note, user_id, made_at)"
		       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (student_id, day)"
		       " DO UPDATE SET minutes = excluded.minutes, finished = excluded.finished,"
		       " reason = excluded.reason, note = excluded.note, user_id = excluded.user_id,"
		       " made_at = excluded.made_at", p, 11, NULL, err);
}

int store_hw_report_notes(struct db *db, int64_t class_id, const char *day, struct db_res **out,
			  struct db_err *err)
{
	struct db_val p[2] = { DB_INT(class_id), DB_TEXT(day) };

	return db_exec(db, "SELECT s.name, r.minutes, r.finished, r.reason, r.note, r.made_at"
		       " FROM hw_report r JOIN student s ON s.id = r.student_id"
		       " WHERE r.class_id = ? AND r.day = ? AND r.note <> ''"
		       " ORDER BY r.made_at DESC, r.student_id LIMIT 200", p, 2, out, err);
}

int store_hw_report_stats(struct db *db, int64_t class_id, const char *day, long *n, long *sum,
			  long *unfinished, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(class_id), DB_TEXT(day) };
	struct db_res *r = NULL;

	if (db_exec(db, "SELECT COUNT(*), COALESCE(SUM(minutes), 0),"
		    " COALESCE(SUM(CASE WHEN finished = 0 THEN 1 ELSE 0 END), 0)"
		    " FROM hw_report WHERE class_id = ? AND day = ?", p, 2, &r, err) != 0)
		return -1;
	*n = (long)db_res_int(r, 0, 0);
	*sum = (long)db_res_int(r, 0, 1);
	*unfinished = (long)db_res_int(r, 0, 2);
	db_res_free(r);
	return 0;
}

int store_hw_report_get(struct db *db, int64_t student_id, const char *day, struct db_res **out,
			struct db_err *err)
{
	struct db_val p[2] = { DB_INT(student_id), DB_TEXT(day) };

	return store_one_or_none(db_exec(db, "SELECT minutes, finished, reason, note FROM hw_report"
				   " WHERE student_id = ? AND day = ?", p, 2, out, err), out);
}

int store_hw_unfinished(struct db *db, int64_t student_id, const char *from, const char *to,
			struct db_res **out, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(student_id), DB_TEXT(from), DB_TEXT(to) };

	return db_exec(db, "SELECT day, reason FROM hw_report WHERE student_id = ? AND day >= ?"
		       " AND day <= ? AND finished = 0 ORDER BY day", p, 3, out, err);
}

int store_hw_followup_open(struct db *db, int64_t d, int64_t school_id, int64_t class_id,
			   int64_t student_id, const char *day, int unfinished,
			   const char *reasons_json, int64_t now, int64_t *id, int *created,
			   struct db_err *err)
{
	struct db_val q[1] = { DB_INT(student_id) };
	struct db_val p[8] = { DB_INT(d), DB_INT(school_id), DB_INT(class_id), DB_INT(student_id),
			       DB_TEXT(day), DB_INT(unfinished), DB_TEXT(reasons_json), DB_INT(now) };

	*created = 0;
	if (first_int(db, "SELECT id FROM hw_followup WHERE student_id = ? AND status = 'open'", q,
		      1, id, err) != 0)
		return -1;
	if (*id)
		return 0;
	*created = 1;
	return first_int(db, "INSERT INTO hw_followup (district_id, school_id, class_id, student_id,"
			 " opened_on, unfinished, reasons, status, created_at)"
			 " VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?) RETURNING id", p, 8, id, err);
}

int store_hw_followups(struct db *db, int64_t d, int64_t school_id, int64_t head_user,
		       const char *status, struct db_res **out, struct db_err *err)
{
	struct db_val p[6] = { DB_INT(d), DB_INT(school_id), DB_INT(head_user), DB_INT(head_user),
			       DB_TEXT(status), DB_TEXT(status) };

	return db_exec(db, "SELECT f.id, f.class_id, c.name, f.student_id, st.name, f.opened_on,"
		       " f.unfinished, f.reasons, f.status, f.note, f.closed_at"
		       " FROM hw_followup f JOIN class c ON c.id = f.class_id"
		       " JOIN student st ON st.id = f.student_id"
		       " WHERE f.district_id = ? AND f.school_id = ? AND (? = 0 OR EXISTS"
		       " (SELECT 1 FROM staff sh WHERE sh.id = c.head_teacher_id AND sh.user_id = ?))"
		       " AND (? = '' OR f.status = ?) ORDER BY f.status DESC, f.id DESC LIMIT 500",
		       p, 6, out, err);
}

int store_hw_followup_get(struct db *db, int64_t d, int64_t id, struct db_res **out,
			  struct db_err *err)
{
	struct db_val p[2] = { DB_INT(id), DB_INT(d) };

	return store_one_or_none(db_exec(db, "SELECT f.id, f.school_id, f.class_id, f.status,"
				   " COALESCE(sh.user_id, 0) FROM hw_followup f"
				   " JOIN class c ON c.id = f.class_id"
				   " LEFT JOIN staff sh ON sh.id = c.head_teacher_id"
				   " WHERE f.id = ? AND f.district_id = ?", p, 2, out, err), out);
}

int store_hw_followup_close(struct db *db, int64_t id, const char *note, int64_t user_id,
			    int64_t now, struct db_err *err)
{
	struct db_val p[4] = { DB_TEXT(note), DB_INT(user_id), DB_INT(now), DB_INT(id) };

	return db_exec(db, "UPDATE hw_followup SET status = 'closed', note = ?, closed_by = ?,"
		       " closed_at = ? WHERE id = ? AND status = 'open'", p, 4, NULL, err);
}

int store_hw_refusal_add(struct db *db, int64_t d, int64_t school_id, int64_t class_id,
			 int64_t user_id, int64_t now, const char *day, const char *code,
			 const char *subject, int minutes, const char *details, struct db_err *err)
{
	struct db_val p[10] = { DB_INT(d), DB_INT(school_id), DB_INT(class_id), DB_INT(user_id),
				DB_INT(now), DB_TEXT(day), DB_TEXT(code), DB_TEXT(subject),
				DB_INT(minutes), DB_TEXT(details) };

	return db_exec(db, "INSERT INTO hw_refusal (district_id, school_id, class_id, user_id,"
		       " made_at, day, code, subject, minutes, details)"
		       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p, 10, NULL, err);
}

/* The views' queries all take (district, school or 0, from, to). */
static int range_exec(struct db *db, const char *sql_lit, int64_t d, int64_t school_id,
		      const char *from, const char *to, struct db_res **out, struct db_err *err)
{
	struct db_val p[5] = { DB_INT(d), DB_INT(school_id), DB_INT(school_id), DB_TEXT(from),
			       DB_TEXT(to) };

	return db_exec(db, sql_lit, p, 5, out, err);
}

int store_hw_refusals(struct db *db, int64_t d, int64_t school_id, const char *from,
		      const char *to, int limit, struct db_res **out, struct db_err *err)
{
	struct db_val p[6] = { DB_INT(d), DB_INT(school_id), DB_INT(school_id), DB_TEXT(from),
			       DB_TEXT(to), DB_INT(limit) };

	return db_exec(db, "SELECT r.made_at, r.day, r.code, r.subject, r.minutes, r.details,"
		       " r.class_id, c.name, sc.name, u.display_name FROM hw_refusal r"
		       " JOIN class c ON c.id = r.class_id JOIN school sc ON sc.id = r.school_id"
		       " JOIN users u ON u.id = r.user_id WHERE r.district_id = ?"
		       " AND (? = 0 OR r.school_id = ?) AND r.day >= ? AND r.day <= ?"
		       " ORDER BY r.made_at DESC, r.id DESC LIMIT ?", p, 6, out, err);
}

int store_hw_stats_declared(struct db *db, int64_t d, int64_t school_id, const char *from,
			    const char *to, struct db_res **out, struct db_err *err)
{
	return range_exec(db, "SELECT x.class_id, x.day, x.written_minutes, x.school_id, c.name,"
		       " c.grade, sc.name FROM hw_class_day x JOIN class c ON c.id = x.class_id"
		       " JOIN school sc ON sc.id = x.school_id WHERE x.district_id = ?"
		       " AND (? = 0 OR x.school_id = ?) AND x.day >= ? AND x.day <= ?"
		       " ORDER BY x.school_id, c.grade, c.code, x.day", d, school_id, from, to, out, err);
}

int store_hw_stats_reported(struct db *db, int64_t d, int64_t school_id, const char *from,
			    const char *to, struct db_res **out, struct db_err *err)
{
	return range_exec(db, "SELECT class_id, day, COUNT(*), SUM(minutes),"
		       " SUM(CASE WHEN finished = 0 THEN 1 ELSE 0 END) FROM hw_report"
		       " WHERE district_id = ? AND (? = 0 OR school_id = ?) AND day >= ? AND day <= ?"
		       " GROUP BY class_id, day", d, school_id, from, to, out, err);
}

int store_hw_stats_teachers(struct db *db, int64_t d, int64_t school_id, const char *from,
			    const char *to, struct db_res **out, struct db_err *err)
{
	/* by the teacher (staff record) the item was posted as; an item posted
	 * by an account with no staff record counts under that account's name */
	return range_exec(db, "SELECT COALESCE(h.staff_id, 0), COALESCE(sf.name, u.display_name),"
		       " COUNT(*), SUM(CASE WHEN h.kind = 'written' THEN 1 ELSE 0 END),"
		       " SUM(CASE WHEN g.homework_id IS NULL THEN 0 ELSE 1 END),"
		       " SUM(CASE WHEN g.reviewed = 1 THEN 1 ELSE 0 END),"
		       " SUM(CASE WHEN g.method = 'face' THEN 1 ELSE 0 END),"
		       " SUM(CASE WHEN h.kind = 'written' THEN h.minutes ELSE 0 END)"
		       " FROM homework h JOIN users u ON u.id = h.user_id"
		       " LEFT JOIN staff sf ON sf.id = h.staff_id"
		       " LEFT JOIN hw_grading g ON g.homework_id = h.id"
		       " WHERE h.district_id = ? AND (? = 0 OR h.school_id = ?)"
		       " AND h.assigned_on >= ? AND h.assigned_on <= ?"
		       " AND h.status IN ('published', 'pending')"
		       " GROUP BY COALESCE(h.staff_id, 0), COALESCE(sf.name, u.display_name)"
		       " ORDER BY 2 LIMIT 5000", d, school_id, from, to, out, err);
}

int store_hw_stats_classes(struct db *db, int64_t d, int64_t school_id, const char *from,
			   const char *to, struct db_res **out, struct db_err *err)
{
	return range_exec(db, "SELECT h.class_id, c.name, COUNT(*),"
		       " SUM(CASE WHEN g.homework_id IS NULL THEN 0 ELSE 1 END),"
		       " SUM(CASE WHEN g.reviewed = 1 THEN 1 ELSE 0 END), sc.name"
		       " FROM homework h JOIN class c ON c.id = h.class_id"
		       " JOIN school sc ON sc.id = h.school_id"
		       " LEFT JOIN hw_grading g ON g.homework_id = h.id"
		       " WHERE h.district_id = ? AND (? = 0 OR h.school_id = ?)"
		       " AND h.assigned_on >= ? AND h.assigned_on <= ? AND h.status = 'published'"
		       " GROUP BY h.class_id, c.name, sc.name, c.grade, c.code"
		       " ORDER BY sc.name, c.grade, c.code LIMIT 5000", d, school_id, from, to, out, err);
}

int store_hw_teacher_days(struct db *db, int64_t user_id, const char *from, const char *to,
			  struct db_res **out, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(user_id), DB_TEXT(from), DB_TEXT(to) };

	return db_exec(db, "SELECT DISTINCT h.class_id, h.assigned_on, c.name FROM homework h"
		       " JOIN class c ON c.id = h.class_id WHERE h.staff_id IN"
		       " (SELECT id FROM staff WHERE user_id = ?)"
		       " AND h.assigned_on >= ? AND h.assigned_on <= ? AND h.status = 'published'"
		       " ORDER BY h.assigned_on, h.class_id", p, 3, out, err);
}

int store_hw_public_head(struct db *db, const char *code, const char *day, struct db_res **out,
			 struct db_err *err)
{
	struct db_val p[7] = { DB_TEXT(day), DB_TEXT(day), DB_TEXT(day), DB_TEXT(day),
			       DB_TEXT(day), DB_TEXT(day), DB_TEXT(code) };

	return store_one_or_none(db_exec(db, "SELECT c.id, c.district_id, c.school_id, sc.name,"
		" c.grade, c.name, c.public_code,"
		" (SELECT MAX(x.id) FROM hw_change x WHERE x.class_id = c.id AND x.day = ?),"
		" (SELECT version FROM hw_school WHERE school_id = c.school_id),"
		" (SELECT kind FROM calendar_day WHERE district_id = c.district_id AND day = ?),"
		" (SELECT COUNT(*) FROM term WHERE district_id = c.district_id AND starts_on <= ?"
		"  AND ends_on >= ?),"
		" (SELECT COUNT(*) FROM hw_report r WHERE r.class_id = c.id AND r.day = ?),"
		" (SELECT COALESCE(SUM(r.minutes), 0) FROM hw_report r WHERE r.class_id = c.id"
		"  AND r.day = ?)"
		" FROM class c JOIN school sc ON sc.id = c.school_id WHERE c.public_code = ?"
		" AND c.withdrawn = 0 AND sc.withdrawn = 0", p, 7, out, err), out);
}
