/* store_checkin.c - five managements SQL (one text for both backends). */
#include "store/store_checkin.h"
#include "store/db_impl.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>

int store_ck_put(struct db *db, const struct store_checkin *c, int64_t now, int64_t *id,
		 int64_t *replaced, struct db_err *err)
{
	struct db_val q[2] = { DB_INT(c->student_id), DB_TEXT(c->week) };
	struct db_val t[3] = { DB_INT(c->district_id), DB_TEXT(c->week_end), DB_TEXT(c->week) };
	struct db_val p[12] = { DB_INT(c->district_id), DB_INT(c->school_id), DB_INT(c->class_id),
				DB_INT(c->student_id), DB_TEXT(c->week), DB_INT(c->bedtime),
				DB_INT(c->wake), DB_INT(c->sleep), DB_INT(c->phone),
				DB_INT(c->reading), DB_INT(c->user_id), DB_INT(now) };
	struct db_res *r = NULL;
	int64_t old[3] = { 0, 0, 0 }, term = 0;

	if (db_exec(db, "UPDATE fm_checkin SET current = 0 WHERE student_id = ? AND week = ?"
		    " AND current = 1 RETURNING id, sleep_min, phone_minutes, reading_minutes", q, 2,
		    &r, err) != 0)
		return -1;
	*replaced = db_res_rows(r) ? db_res_int(r, 0, 0) : 0;
	for (int k = 0; k < 3 && *replaced; k++)
		old[k] = db_res_int(r, 0, k + 1);
	db_res_free(r);
	r = NULL;
	if (db_exec(db, "INSERT INTO fm_checkin (district_id, school_id, class_id, student_id, week,"
		    " bedtime_min, wake_min, sleep_min, phone_minutes, reading_minutes, current,"
		    " user_id, made_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
		    p, 12, &r, err) != 0)
		return -1;
	*id = db_res_int(r, 0, 0);
	db_res_free(r);
	r = NULL;
	if (db_exec(db, "SELECT id FROM term WHERE district_id = ? AND starts_on <= ? AND ends_on >= ?"
		    " ORDER BY starts_on DESC LIMIT 1", t, 3, &r, err) != 0)
		return -1;
	term = db_res_rows(r) ? db_res_int(r, 0, 0) : 0;
	db_res_free(r);
	if (!term)
		return 0;
	{
		struct db_val s[10] = { DB_INT(c->student_id), DB_INT(term), DB_INT(c->district_id),
					DB_INT(c->school_id), DB_INT(c->class_id), DB_INT(c->grade),
					DB_INT(*replaced ? 0 : 1), DB_INT(c->sleep - old[0]),
					DB_INT(c->phone - old[1]), DB_INT(c->reading - old[2]) };

		return db_exec(db, "INSERT INTO fm_student_term (student_id, term_id, district_id,"
			       " school_id, class_id, grade, weeks, sleep_sum, phone_sum, reading_sum)"
			       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (student_id, term_id)"
			       " DO UPDATE SET school_id = excluded.school_id,"
			       " class_id = excluded.class_id, grade = excluded.grade,"
			       " weeks = fm_student_term.weeks + excluded.weeks,"
			       " sleep_sum = fm_student_term.sleep_sum + excluded.sleep_sum,"
			       " phone_sum = fm_student_term.phone_sum + excluded.phone_sum,"
			       " reading_sum = fm_student_term.reading_sum + excluded.reading_sum",
			       s, 10, NULL, err);
	}
}

int store_ck_child(struct db *db, int64_t student_id, int limit, struct db_res **out,
		   struct db_err *err)
{
	struct db_val p[2] = { DB_INT(student_id), DB_INT(limit) };

	return db_exec(db, "SELECT c.id, c.week, c.bedtime_min, c.wake_min, c.sleep_min,"
		       " c.phone_minutes, c.reading_minutes, c.made_at,"
		       " (SELECT COUNT(*) FROM fm_checkin v WHERE v.student_id = c.student_id"
		       " AND v.week = c.week)"
		       " FROM fm_checkin c WHERE c.student_id = ? AND c.current = 1"
		       " ORDER BY c.week DESC LIMIT ?", p, 2, out, err);
}

int store_ck_versions(struct db *db, int64_t student_id, const char *week, struct db_res **out,
		      struct db_err *err)
{
	struct db_val p[2] = { DB_INT(student_id), DB_TEXT(week) };

	return db_exec(db, "SELECT id, bedtime_min, wake_min, sleep_min, phone_minutes,"
		       " reading_minutes, current, made_at FROM fm_checkin"
		       " WHERE student_id = ? AND week = ? ORDER BY id", p, 2, out, err);
}

int store_ck_school_get(struct db *db, int64_t school_id, struct db_res **out, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(school_id) };

	return store_one_or_none(db_exec(db, "SELECT version, phones_handed_in, phones_kept,"
				 " phones_calls, phones_note, wake_min, travel_minutes, made_at"
				 " FROM fm_school WHERE school_id = ? AND current = 1", p, 1, out,
				 err), out);
}

int store_ck_school_put(struct db *db, int64_t district_id, int64_t school_id,
			const struct store_ck_school *s, int64_t user_id, int64_t now,
			int *version, struct db_err *err)
{
	struct db_val q[1] = { DB_INT(school_id) };
	struct db_val p[11] = { DB_INT(district_id), DB_INT(school_id), DB_INT(0),
				DB_INT(s->handed_in), DB_TEXT(s->kept), DB_TEXT(s->calls),
				DB_TEXT(s->note), s->wake >= 0 ? DB_INT(s->wake) : DB_NULLV,
				s->travel >= 0 ? DB_INT(s->travel) : DB_NULLV, DB_INT(user_id),
				DB_INT(now) };
	struct db_res *r = NULL;

	if (db_exec(db, "SELECT COALESCE(MAX(version), 0) + 1 FROM fm_school WHERE school_id = ?",
		    q, 1, &r, err) != 0)
		return -1;
	*version = (int)db_res_int(r, 0, 0);
	db_res_free(r);
	p[2] = DB_INT(*version);
	if (db_exec(db, "UPDATE fm_school SET current = 0 WHERE school_id = ? AND current = 1", q, 1,
		    NULL, err) != 0)
		return -1;
	return db_exec(db, "INSERT INTO fm_school (district_id, school_id, version, current,"
		       " phones_handed_in, phones_kept, phones_calls, phones_note, wake_min,"
		       " travel_minutes, made_by, made_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)",
		       p, 11, NULL, err);
}

/* Whether a child's average night is under the floor of its grade: one
 * parameter per grade 1..9. */
#define UNDER_FLOOR                                                                          \
	"CASE WHEN s.sleep_sum < s.weeks * (CASE s.grade WHEN 1 THEN ? WHEN 2 THEN ?"        \
	" WHEN 3 THEN ? WHEN 4 THEN ? WHEN 5 THEN ? WHEN 6 THEN ? WHEN 7 THEN ? WHEN 8 THEN ?" \
	" WHEN 9 THEN ? ELSE 0 END) THEN 1 ELSE 0 END"

/* The floors of grades 1..9, then id, term and id again. */
static void figure_params(struct db_val p[12], const int floor[POLICY_MAX_GRADE + 1], int64_t id,
			  int64_t term_id)
{
	for (int g = 1; g <= POLICY_MAX_GRADE; g++)
		p[g - 1] = DB_INT(floor[g]);
	p[9] = DB_INT(id);
	p[10] = DB_INT(term_id);
	p[11] = DB_INT(id);
}

int store_ck_class_figures(struct db *db, int64_t school_id, int64_t term_id,
			   const int floor[POLICY_MAX_GRADE + 1], struct db_res **out,
			   struct db_err *err)
{
	struct db_val p[12];

	figure_params(p, floor, school_id, term_id);
	return db_exec(db, "SELECT c.id, c.name, c.grade, COALESCE(f.students, 0),"
		       " COALESCE(f.under, 0), COALESCE(f.n, 0), COALESCE(f.phone, 0),"
		       " COALESCE(f.reading, 0) FROM class c LEFT JOIN"
		       " (SELECT s.class_id, COUNT(*) AS students, SUM(" UNDER_FLOOR ") AS under,"
		       " SUM(s.weeks) AS n, SUM(s.phone_sum) AS phone, SUM(s.reading_sum) AS reading"
		       " FROM fm_student_term s WHERE s.school_id = ? AND s.term_id = ? AND s.weeks > 0"
		       " GROUP BY s.class_id) f ON f.class_id = c.id"
		       " WHERE c.school_id = ? AND c.withdrawn = 0 ORDER BY c.grade, c.name, c.id",
		       p, 12, out, err);
}

int store_ck_school_figures(struct db *db, int64_t district_id, int64_t term_id,
			    const int floor[POLICY_MAX_GRADE + 1], struct db_res **out,
			    struct db_err *err)
{
	struct db_val p[12];

	figure_params(p, floor, district_id, term_id);
	return db_exec(db, "SELECT sc.id, sc.code, sc.name, COALESCE(f.students, 0),"
		       " COALESCE(f.under, 0), COALESCE(f.n, 0), COALESCE(f.phone, 0),"
		       " COALESCE(f.reading, 0), COALESCE(f.classes, 0) FROM school sc LEFT JOIN"
		       " (SELECT s.school_id, COUNT(*) AS students, SUM(" UNDER_FLOOR ") AS under,"
		       " SUM(s.weeks) AS n, SUM(s.phone_sum) AS phone, SUM(s.reading_sum) AS reading,"
		       " COUNT(DISTINCT s.class_id) AS classes FROM fm_student_term s"
		       " WHERE s.district_id = ? AND s.term_id = ? AND s.weeks > 0"
		       " GROUP BY s.school_id) f ON f.school_id = sc.id"
		       " WHERE sc.district_id = ? AND sc.withdrawn = 0 ORDER BY sc.code, sc.id",
		       p, 12, out, err);
}

int store_ck_wake_counts(struct db *db, int64_t school_id, const char *from, const char *to,
			 struct db_res **out, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(school_id), DB_TEXT(from), DB_TEXT(to) };

	return db_exec(db, "SELECT wake_min, COUNT(*) FROM fm_checkin WHERE school_id = ?"
		       " AND week >= ? AND week <= ? AND current = 1 GROUP BY wake_min"
		       " ORDER BY wake_min", p, 3, out, err);
}

int store_ck_session_ends(struct db *db, int64_t school_id, const char *from, const char *to,
			  struct db_res **out, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(school_id), DB_TEXT(from), DB_TEXT(to) };

	return db_exec(db, "SELECT s.day, p.grades, MAX(s.end_min) FROM as_session s"
		       " JOIN as_program p ON p.id = s.program_id WHERE s.school_id = ?"
		       " AND s.day >= ? AND s.day <= ? AND p.withdrawn = 0"
		       " GROUP BY s.day, p.grades ORDER BY s.day", p, 3, out, err);
}

int store_ck_plan_ends(struct db *db, int64_t school_id, int64_t term_id, struct db_res **out,
		       struct db_err *err)
{
	struct db_val p[2] = { DB_INT(school_id), DB_INT(term_id) };

	return db_exec(db, "SELECT s.weekday, s.end_min, s.kind FROM as_plan_slot s"
		       " JOIN as_plan p ON p.id = s.plan_id WHERE p.school_id = ? AND p.term_id = ?"
		       " AND p.current = 1 ORDER BY s.weekday, s.seq", p, 2, out, err);
}

int store_ck_homework(struct db *db, int64_t school_id, const char *from, const char *to,
		      struct db_res **out, struct db_err *err)
{
	struct db_val p[9] = { DB_INT(school_id), DB_TEXT(from), DB_TEXT(to),
			       DB_INT(school_id), DB_TEXT(from), DB_TEXT(to),
			       DB_INT(school_id), DB_TEXT(from), DB_TEXT(to) };

	return db_exec(db, "SELECT d.class_id, d.day, COALESCE(r.n, 0), COALESCE(r.minutes, 0),"
		       " h.written_minutes FROM"
		       " (SELECT class_id, day FROM hw_class_day WHERE school_id = ? AND day >= ?"
		       " AND day <= ? UNION SELECT class_id, day FROM hw_report WHERE school_id = ?"
		       " AND day >= ? AND day <= ?) d"
		       " LEFT JOIN (SELECT class_id, day, COUNT(*) AS n, SUM(minutes) AS minutes"
		       " FROM hw_report WHERE school_id = ? AND day >= ? AND day <= ?"
		       " GROUP BY class_id, day) r"
		       " ON r.class_id = d.class_id AND r.day = d.day"
		       " LEFT JOIN hw_class_day h ON h.class_id = d.class_id AND h.day = d.day"
		       " ORDER BY d.class_id, d.day", p, 9, out, err);
}

int store_ck_demo_week(struct db *db, int64_t district_id, int64_t school_id, const char *week,
		       int64_t salt, int64_t made_at, int64_t *rows, struct db_err *err)
{
	int64_t h = salt % 65521;
	struct db_val p[7] = { DB_INT(district_id), DB_TEXT(week), DB_INT(made_at), DB_INT(h),
			       DB_INT(h), DB_INT(h), DB_INT(school_id) };
	struct db_res *r = NULL;

	/* f*: the family's habits (by the child), w*: this week's (by the salt) */
	if (db_exec(db, "INSERT INTO fm_checkin (district_id, school_id, class_id, student_id, week,"
		    " bedtime_min, wake_min, sleep_min, phone_minutes, reading_minutes, current,"
		    " user_id, made_at)"
		    " SELECT ?, x.school_id, x.class_id, x.sid, ?, x.bed, x.wake,"
		    "  x.wake + 1440 - x.bed, x.f3 % 50 + x.w1 % 21, x.f4 % 45 + x.w2 % 16, 1, x.uid, ?"
		    " FROM (SELECT y.*, 1200 + y.late + y.f1 % 61 + y.w1 % 31 - 15 AS bed,"
		    "  370 + y.f2 % 41 + y.w2 % 11 - 5 AS wake FROM"
		    " (SELECT s.id AS sid, s.school_id, s.class_id, MIN(g.user_id) AS uid,"
		    "  CASE WHEN c.grade >= 7 THEN 45 ELSE 0 END AS late,"
		    "  (s.id % 65521) * 40503 % 65521 AS f1, (s.id % 65521) * 21713 % 65521 AS f2,"
		    "  (s.id % 65521) * 9973 % 65521 AS f3, (s.id % 65521) * 7919 % 65521 AS f4,"
		    "  ((s.id % 65521) * 30011 + ? * 7919) % 65521 AS w1,"
		    "  ((s.id % 65521) * 12347 + ? * 104729) % 65521 AS w2,"
		    "  ((s.id % 65521) * 4099 + ? * 30011 + 17) % 65521 % 100 AS w3"
		    "  FROM student s JOIN class c ON c.id = s.class_id"
		    "  JOIN guardian_student gs ON gs.student_id = s.id"
		    "  JOIN guardian g ON g.id = gs.guardian_id"
		    "  WHERE s.school_id = ? AND s.withdrawn = 0 AND g.user_id IS NOT NULL"
		    "  GROUP BY s.id, s.school_id, s.class_id, c.grade) y WHERE y.w3 < 75) x"
		    " RETURNING id", p, 7, &r, err) != 0)
		return -1;
	*rows = db_res_rows(r);
	db_res_free(r);
	return 0;
}

int store_ck_demo_sums(struct db *db, int64_t school_id, int64_t term_id, const char *from,
		       const char *to, struct db_err *err)
{
	struct db_val p[4] = { DB_INT(term_id), DB_INT(school_id), DB_TEXT(from), DB_TEXT(to) };

	return db_exec(db, "INSERT INTO fm_student_term (student_id, term_id, district_id,"
		       " school_id, class_id, grade, weeks, sleep_sum, phone_sum, reading_sum)"
		       " SELECT k.student_id, ?, k.district_id, k.school_id, k.class_id, c.grade,"
		       " COUNT(*), SUM(k.sleep_min), SUM(k.phone_minutes), SUM(k.reading_minutes)"
		       " FROM fm_checkin k JOIN class c ON c.id = k.class_id WHERE k.school_id = ?"
		       " AND k.week >= ? AND k.week <= ? AND k.current = 1"
		       " GROUP BY k.student_id, k.district_id, k.school_id, k.class_id, c.grade",
		       p, 4, NULL, err);
}

int store_ck_count(struct db *db, int64_t district_id, int64_t *n, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(district_id) };
	struct db_res *r = NULL;

	if (db_exec(db, "SELECT COUNT(*) FROM fm_checkin WHERE district_id = ? AND current = 1", p,
		    1, &r, err) != 0)
		return -1;
	*n = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}
