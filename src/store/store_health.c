/* store_health.c - SQL for activity, fitness and vision (store_health.h). */
#include "store/store_health.h"
#include "store/db_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy_text(char *dst, size_t cap, const char *s)
{
	snprintf(dst, cap, "%s", s ? s : "");
}

static int term_row(struct db_res *r, struct store_he_term *out)
{
	out->id = db_res_int(r, 0, 0);
	copy_text(out->name, sizeof out->name, db_res_text(r, 0, 1));
	copy_text(out->starts, sizeof out->starts, db_res_text(r, 0, 2));
	copy_text(out->ends, sizeof out->ends, db_res_text(r, 0, 3));
	db_res_free(r);
	return 0;
}

int store_he_term(struct db *db, int64_t d, int64_t term_id, const char *day,
		  struct store_he_term *out, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(d), DB_INT(term_id) };
	struct db_val q[3] = { DB_INT(d), DB_TEXT(day), DB_INT(d) };
	struct db_res *r = NULL;
	int rc;

	if (term_id > 0)
		rc = store_one_or_none(db_exec(db, "SELECT id, name, starts_on, ends_on FROM term"
					       " WHERE district_id = ? AND id = ?", p, 2, &r, err), &r);
	else /* in force on day, else the first term */
		rc = store_one_or_none(db_exec(db, "SELECT id, name, starts_on, ends_on FROM ("
			"SELECT id, name, starts_on, ends_on, 0 AS k FROM term WHERE district_id = ?"
			" AND starts_on <= ? UNION ALL SELECT id, name, starts_on, ends_on, 1 AS k"
			" FROM term WHERE district_id = ?) t"
			" ORDER BY k, CASE WHEN k = 0 THEN starts_on END DESC, starts_on LIMIT 1",
			q, 3, &r, err), &r);
	return rc != 0 ? rc : term_row(r, out);
}

static int place_row(int rc, struct db_res *r, struct store_he_place *out)
{
	if (rc != 0)
		return rc;
	out->school_id = db_res_int(r, 0, 0);
	out->class_id = db_res_int(r, 0, 1);
	out->grade = (int)db_res_int(r, 0, 2);
	out->teaches = (int)db_res_int(r, 0, 3);
	db_res_free(r);
	return 0;
}

/* Whether the user (by any live staff record) heads or teaches in class c. */
#define TEACHES_SQL                                                                        \
	" CASE WHEN EXISTS (SELECT 1 FROM staff sf WHERE sf.user_id = ? AND sf.withdrawn = 0" \
	"   AND (c.head_teacher_id = sf.id OR EXISTS (SELECT 1 FROM teaching t"             \
	"   WHERE t.class_id = c.id AND t.staff_id = sf.id AND t.withdrawn = 0)))"          \
	" THEN 1 ELSE 0 END"

int store_he_class(struct db *db, int64_t d, int64_t class_id, int64_t user_id,
		   struct store_he_place *out, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(user_id), DB_INT(class_id), DB_INT(d) };
	struct db_res *r = NULL;
	int rc = store_one_or_none(db_exec(db, "SELECT c.school_id, c.id, c.grade," TEACHES_SQL
					   " FROM class c WHERE c.id = ? AND c.district_id = ?"
					   " AND c.withdrawn = 0", p, 3, &r, err), &r);

	return place_row(rc, r, out);
}

int store_he_student(struct db *db, int64_t d, int64_t student_id, int64_t user_id,
		     struct store_he_place *out, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(user_id), DB_INT(student_id), DB_INT(d) };
	struct db_res *r = NULL;
	int rc = store_one_or_none(db_exec(db, "SELECT c.school_id, c.id, c.grade," TEACHES_SQL
					   " FROM student s JOIN class c ON c.id = s.class_id"
					   " WHERE s.id = ? AND s.district_id = ? AND s.withdrawn = 0",
					   p, 3, &r, err), &r);

	return place_row(rc, r, out);
}

int store_he_pupil(struct db *db, int64_t d, const char *registry_no, struct store_he_pupil *out,
		   struct db_err *err)
{
	struct db_val p[2] = { DB_INT(d), DB_TEXT(registry_no) };
	struct db_res *r = NULL;
	int rc = store_one_or_none(db_exec(db, "SELECT s.id, s.school_id, s.class_id, c.grade, s.name"
					   " FROM student s JOIN class c ON c.id = s.class_id"
					   " WHERE s.district_id = ? AND s.registry_no = ?"
					   " AND s.withdrawn = 0", p, 2, &r, err), &r);

	if (rc != 0)
		return rc;
	out->id = db_res_int(r, 0, 0);
	out->school_id = db_res_int(r, 0, 1);
	out->class_id = db_res_int(r, 0, 2);
	out->grade = (int)db_res_int(r, 0, 3);
	copy_text(out->name, sizeof out->name, db_res_text(r, 0, 4));
	db_res_free(r);
	return 0;
}

/* ---- activity ---- */

static int activity_old(struct db *db, int64_t class_id, const char *day, int64_t *old_id,
			char **old_json, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(class_id), DB_TEXT(day) };
	struct db_res *r = NULL;
	int rc = store_one_or_none(db_exec(db, "SELECT id, pe_minutes, big_break_minutes,"
					   " other_minutes, eye_exercises FROM he_activity"
					   " WHERE class_id = ? AND day = ? AND withdrawn = 0",
					   p, 2, &r, err), &r);
	char buf[160];

	*old_id = 0;
	if (rc < 0)
		return -1;
	if (rc == 1) {
		*old_json = strdup("{}");
	} else {
		*old_id = db_res_int(r, 0, 0);
		snprintf(buf, sizeof buf, "{\"pe_minutes\":%lld,\"big_break_minutes\":%lld,"
			 "\"other_minutes\":%lld,\"eye_exercises\":%lld}",
			 (long long)db_res_int(r, 0, 1), (long long)db_res_int(r, 0, 2),
			 (long long)db_res_int(r, 0, 3), (long long)db_res_int(r, 0, 4));
		db_res_free(r);
		*old_json = strdup(buf);
	}
	if (!*old_json) {
		db_seterr(err, DB_ERR_OTHER, "out of memory");
		return -1;
	}
	return 0;
}

int store_he_activity_insert(struct db *db, const struct store_he_activity *a, int64_t *id,
			     struct db_err *err)
{
	struct db_val p[12] = { DB_INT(a->district_id), DB_INT(a->school_id), DB_INT(a->class_id),
				DB_TEXT(a->day), DB_INT(a->pe), DB_INT(a->big_break),
				DB_INT(a->other), DB_INT(a->eye), DB_INT(a->pe_short),
				DB_INT(a->eye_short), DB_INT(a->user_id), DB_INT(a->now) };
	struct db_res *r = NULL;

	if (db_exec(db, "INSERT INTO he_activity (district_id, school_id, class_id, day,"
		    " pe_minutes, big_break_minutes, other_minutes, eye_exercises, pe_short,"
		    " eye_short, user_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		    " RETURNING id", p, 12, &r, err) != 0)
		return -1;
	*id = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

int store_he_activity_put(struct db *db, const struct store_he_activity *a, int64_t *id,
			  int64_t *old_id, char **old_json, struct db_err *err)
{
	struct db_val w[1];
	struct db_val link[2];

	*old_json = NULL;
	if (activity_old(db, a->class_id, a->day, old_id, old_json, err) != 0)
		return -1;
	w[0] = DB_INT(*old_id);
	if (*old_id && db_exec(db, "UPDATE he_activity SET withdrawn = 1 WHERE id = ?", w, 1, NULL,
			       err) != 0)
		goto fail;
	if (store_he_activity_insert(db, a, id, err) != 0)
		goto fail;
	link[0] = DB_INT(*id);
	link[1] = DB_INT(*old_id);
	if (*old_id && db_exec(db, "UPDATE he_activity SET replaced_by = ? WHERE id = ?", link, 2,
			       NULL, err) != 0)
		goto fail;
	return 0;
fail:
	free(*old_json);
	*old_json = NULL;
	return -1;
}

int store_he_activity_days(struct db *db, int64_t class_id, const char *from, const char *to,
			   struct db_res **out, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(class_id), DB_TEXT(from), DB_TEXT(to) };

	return db_exec(db, "SELECT a.id, a.day, a.pe_minutes, a.big_break_minutes, a.other_minutes,"
		       " a.eye_exercises, a.pe_short, a.eye_short, a.recorded_at, u.display_name,"
		       " (SELECT COUNT(*) FROM he_activity v WHERE v.class_id = a.class_id"
		       "  AND v.day = a.day)"
		       " FROM he_activity a JOIN users u ON u.id = a.user_id"
		       " WHERE a.class_id = ? AND a.withdrawn = 0 AND a.day >= ? AND a.day <= ?"
		       " ORDER BY a.day DESC", p, 3, out, err);
}

int store_he_activity_classes(struct db *db, int64_t school_id, const char *from, const char *to,
			      struct db_res **out, struct db_err *err)
{
	struct db_val p[3] = { DB_TEXT(from), DB_TEXT(to), DB_INT(school_id) };

	return db_exec(db, "SELECT c.id, c.name, c.grade, COUNT(a.id), COALESCE(SUM(a.pe_short), 0),"
		       " COALESCE(SUM(a.eye_short), 0),"
		       " COALESCE(SUM(a.pe_minutes + a.big_break_minutes + a.other_minutes), 0),"
		       " COALESCE(SUM(a.eye_exercises), 0)"
		       " FROM class c LEFT JOIN he_activity a ON a.class_id = c.id AND a.withdrawn = 0"
		       " AND a.day >= ? AND a.day <= ?"
		       " WHERE c.school_id = ? AND c.withdrawn = 0"
		       " GROUP BY c.id, c.name, c.grade ORDER BY c.grade, c.code, c.id", p, 3, out, err);
}

int store_he_activity_schools(struct db *db, int64_t d, const char *from, const char *to,
			      struct db_res **out, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(d), DB_TEXT(from), DB_TEXT(to) };

	return db_exec(db, "SELECT school_id, COUNT(*), SUM(pe_short), SUM(eye_short),"
		       " SUM(pe_minutes + big_break_minutes + other_minutes) FROM he_activity"
		       " WHERE district_id = ? AND withdrawn = 0 AND day >= ? AND day <= ?"
		       " GROUP BY school_id ORDER BY school_id", p, 3, out, err);
}

/* ---- fitness ---- */

int store_he_fitness_put(struct db *db, const struct store_he_fitness *f, int *replaced,
			 struct db_err *err)
{
	struct db_val w[2] = { DB_INT(f->student_id), DB_INT(f->term_id) };
	struct db_val p[10] = { DB_INT(f->district_id), DB_INT(f->school_id), DB_INT(f->student_id),
				DB_INT(f->term_id), DB_INT(f->grade), DB_INT(f->total_tenths),
				DB_TEXT(f->level), DB_TEXT(f->items), DB_INT(f->user_id),
				DB_INT(f->now) };
	struct db_res *r = NULL;

	if (db_exec(db, "UPDATE he_fitness SET withdrawn = 1 WHERE student_id = ? AND term_id = ?"
		    " AND withdrawn = 0 RETURNING id", w, 2, &r, err) != 0)
		return -1;
	*replaced = db_res_rows(r) > 0;
	db_res_free(r);
	return db_exec(db, "INSERT INTO he_fitness (district_id, school_id, student_id, term_id,"
		       " grade, total_tenths, level, items, user_id, recorded_at)"
		       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p, 10, NULL, err);
}

#define LEVEL_COUNTS                                                              \
	" COUNT(*), SUM(CASE WHEN level = 'excellent' THEN 1 ELSE 0 END),          \
	 SUM(CASE WHEN level = 'good' THEN 1 ELSE 0 END),                          \
	 SUM(CASE WHEN level = 'pass' THEN 1 ELSE 0 END),                          \
	 SUM(CASE WHEN level = 'fail' THEN 1 ELSE 0 END)"

int store_he_fitness_grades(struct db *db, int64_t school_id, int64_t term_id,
			    struct db_res **out, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(school_id), DB_INT(term_id) };

	return db_exec(db, "SELECT grade," LEVEL_COUNTS " FROM he_fitness WHERE school_id = ?"
		       " AND term_id = ? AND withdrawn = 0 GROUP BY grade ORDER BY grade",
		       p, 2, out, err);
}

int store_he_fitness_schools(struct db *db, int64_t d, int64_t term_id, struct db_res **out,
			     struct db_err *err)
{
	struct db_val p[2] = { DB_INT(d), DB_INT(term_id) };

	return db_exec(db, "SELECT school_id," LEVEL_COUNTS " FROM he_fitness WHERE district_id = ?"
		       " AND term_id = ? AND withdrawn = 0 GROUP BY school_id ORDER BY school_id",
		       p, 2, out, err);
}

/* ---- vision ---- */

int store_he_vision_add(struct db *db, const struct store_he_vision *v, int64_t *id,
			struct db_err *err)
{
	struct db_val p[10] = { DB_INT(v->district_id), DB_INT(v->school_id), DB_INT(v->class_id),
				DB_INT(v->student_id), DB_TEXT(v->day), DB_INT(v->left),
				DB_INT(v->right), DB_INT(v->corrected), DB_INT(v->user_id),
				DB_INT(v->now) };
	struct db_res *r = NULL;

	if (db_exec(db, "INSERT INTO he_vision (district_id, school_id, class_id, student_id, day,"
		    " left_tenths, right_tenths, corrected, user_id, recorded_at)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", p, 10, &r, err) != 0)
		return -1;
	*id = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

/* Each live student's latest screening and the one before it up to a day,
 * summed by key (the student's grade or school). sql_lit: one of the two
 * statements below. */
static int vision_ranked(struct db *db, const char *sql_lit, int64_t where_id, const char *day,
			 int below, struct db_res **out, struct db_err *err)
{
	struct db_val p[4] = { DB_INT(below), DB_INT(below), DB_INT(where_id), DB_TEXT(day) };

	return db_exec(db, sql_lit, p, 4, out, err);
}

/* Per key: students screened, poor at their latest screening; those with an
 * earlier one, poor at it, and poor now among them. */
#define VISION_PAIRS_HEAD                                                                  \
	"SELECT k, COUNT(*), SUM(p1), SUM(CASE WHEN p2 IS NULL THEN 0 ELSE 1 END),"        \
	" COALESCE(SUM(p2), 0), SUM(CASE WHEN p2 IS NULL THEN 0 ELSE p1 END) FROM ("       \
	" SELECT k, MAX(CASE WHEN rn = 1 THEN poor END) AS p1,"                              \
	" MAX(CASE WHEN rn = 2 THEN poor END) AS p2 FROM ("
#define VISION_POOR_RANK                                                                   \
	" CASE WHEN v.corrected = 1 OR v.left_tenths < ? OR v.right_tenths < ?"            \
	" THEN 1 ELSE 0 END AS poor, v.student_id AS sid,"                                   \
	" ROW_NUMBER() OVER (PARTITION BY v.student_id ORDER BY v.day DESC, v.id DESC) AS rn"
#define VISION_PAIRS_TAIL ") x WHERE rn <= 2 GROUP BY k, sid) y GROUP BY k ORDER BY k"

int store_he_vision_grades(struct db *db, int64_t school_id, const char *day, int below_tenths,
			   struct db_res **out, struct db_err *err)
{
	return vision_ranked(db, VISION_PAIRS_HEAD "SELECT c.grade AS k," VISION_POOR_RANK
		" FROM he_vision v JOIN student s ON s.id = v.student_id AND s.withdrawn = 0"
		" JOIN class c ON c.id = s.class_id"
		" WHERE v.school_id = ? AND v.withdrawn = 0 AND v.day <= ?" VISION_PAIRS_TAIL,
		school_id, day, below_tenths, out, err);
}

int store_he_vision_schools(struct db *db, int64_t d, const char *day, int below_tenths,
			    struct db_res **out, struct db_err *err)
{
	return vision_ranked(db, VISION_PAIRS_HEAD "SELECT v.school_id AS k," VISION_POOR_RANK
		" FROM he_vision v JOIN student s ON s.id = v.student_id AND s.withdrawn = 0"
		" AND s.school_id = v.school_id"
		" WHERE v.district_id = ? AND v.withdrawn = 0 AND v.day <= ?" VISION_PAIRS_TAIL,
		d, day, below_tenths, out, err);
}

int store_he_vision_classes(struct db *db, int64_t d, int64_t school_id, const char *from,
			    const char *to, struct db_res **out, struct db_err *err)
{
	struct db_val p[5] = { DB_TEXT(from), DB_TEXT(to), DB_INT(d), DB_INT(school_id),
			       DB_INT(school_id) };

	return db_exec(db, "SELECT c.id, c.name, c.grade, c.school_id,"
		       " (SELECT COUNT(*) FROM student s WHERE s.class_id = c.id AND s.withdrawn = 0),"
		       " COUNT(DISTINCT v.day), COUNT(DISTINCT v.student_id), COALESCE(MAX(v.day), '')"
		       " FROM class c LEFT JOIN he_vision v ON v.class_id = c.id AND v.withdrawn = 0"
		       " AND v.day >= ? AND v.day <= ?"
		       " WHERE c.district_id = ? AND (? = 0 OR c.school_id = ?) AND c.withdrawn = 0"
		       " GROUP BY c.id, c.name, c.grade, c.school_id, c.code"
		       " ORDER BY c.school_id, c.grade, c.code, c.id", p, 5, out, err);
}

int store_he_vision_roster(struct db *db, int64_t class_id, const char *day,
			   struct db_res **out, struct db_err *err)
{
	struct db_val p[3] = { DB_TEXT(day), DB_TEXT(day), DB_INT(class_id) };

	return db_exec(db, "SELECT s.id, s.registry_no, s.name, COALESCE(l.day, ''),"
		       " COALESCE(l.left_tenths, 0), COALESCE(l.right_tenths, 0),"
		       " COALESCE(l.corrected, 0),"
		       " (SELECT COUNT(*) FROM he_vision n WHERE n.student_id = s.id"
		       "  AND n.withdrawn = 0 AND n.day <= ?)"
		       " FROM student s LEFT JOIN he_vision l ON l.id = (SELECT v.id FROM he_vision v"
		       "  WHERE v.student_id = s.id AND v.withdrawn = 0 AND v.day <= ?"
		       "  ORDER BY v.day DESC, v.id DESC LIMIT 1)"
		       " WHERE s.class_id = ? AND s.withdrawn = 0 ORDER BY s.registry_no, s.id",
		       p, 3, out, err);
}

/* ---- the demo district ---- */

int store_he_demo_classes(struct db *db, int64_t d, int nschools, struct db_res **out,
			  struct db_err *err)
{
	struct db_val p[3] = { DB_INT(d), DB_INT(nschools), DB_INT(d) };

	return db_exec(db, "SELECT c.id, c.school_id, c.grade, COALESCE(sf.user_id, 0) FROM class c"
		       " LEFT JOIN staff sf ON sf.id = c.head_teacher_id AND sf.withdrawn = 0"
		       " WHERE c.school_id IN (SELECT id FROM school WHERE district_id = ?"
		       " ORDER BY id LIMIT ?) AND c.district_id = ? AND c.withdrawn = 0"
		       " ORDER BY c.id", p, 3, out, err);
}

int store_he_demo_students(struct db *db, int64_t d, int nschools, struct db_res **out,
			   struct db_err *err)
{
	struct db_val p[3] = { DB_INT(d), DB_INT(nschools), DB_INT(d) };

	return db_exec(db, "SELECT s.id, s.class_id, s.school_id, c.grade FROM student s"
		       " JOIN class c ON c.id = s.class_id"
		       " WHERE s.school_id IN (SELECT id FROM school WHERE district_id = ?"
		       " ORDER BY id LIMIT ?) AND s.district_id = ? AND s.withdrawn = 0"
		       " ORDER BY s.class_id, s.id", p, 3, out, err);
}
