/* store_survey.c - SQL for satisfaction surveys (store_survey.h). */
#include "store/store_survey.h"
#include "store/db_impl.h"

int store_sv_insert(struct db *db, const struct store_sv *s, int64_t *id, struct db_err *err)
{
	struct db_val p[10] = { DB_INT(s->district_id),
				s->school_id > 0 ? DB_INT(s->school_id) : DB_NULLV,
				DB_INT(s->term_id), DB_TEXT(s->name), DB_TEXT(s->groups),
				DB_TEXT(s->questions), DB_TEXT(s->opens), DB_TEXT(s->closes),
				DB_INT(s->user_id), DB_INT(s->now) };
	struct db_res *r = NULL;

	if (db_exec(db, "INSERT INTO sv_survey (district_id, school_id, term_id, name, groups,"
		    " questions, opens, closes, user_id, created_at)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", p, 10, &r, err) != 0)
		return -1;
	*id = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

#define SQL_SV_COLS                                                                            \
	"SELECT v.id, v.school_id, sc.name, v.term_id, t.name, v.name, v.groups, v.opens,"     \
	" v.closes, v.questions, (SELECT COUNT(*) FROM sv_answer a WHERE a.survey_id = v.id)"  \
	" FROM sv_survey v JOIN term t ON t.id = v.term_id"                                    \
	" LEFT JOIN school sc ON sc.id = v.school_id"

int store_sv_get(struct db *db, int64_t district_id, int64_t id, struct db_res **out,
		 struct db_err *err)
{
	struct db_val p[2] = { DB_INT(id), DB_INT(district_id) };

	return store_one_or_none(db_exec(db, SQL_SV_COLS " WHERE v.id = ? AND v.district_id = ?"
					 " AND v.withdrawn = 0", p, 2, out, err), out);
}

int store_sv_list(struct db *db, int64_t district_id, int64_t term_id, int64_t school_id,
		  const char *open_on, int64_t cursor, int limit, struct db_res **out,
		  struct db_err *err)
{
	struct db_val p[11] = { DB_INT(district_id), DB_INT(term_id),   DB_INT(term_id),
				DB_INT(school_id),   DB_INT(school_id), DB_TEXT(open_on),
				DB_TEXT(open_on),    DB_TEXT(open_on),  DB_INT(cursor),
				DB_INT(cursor),      DB_INT(limit) };

	return db_exec(db, SQL_SV_COLS " WHERE v.district_id = ? AND v.withdrawn = 0"
		       " AND (? = 0 OR v.term_id = ?)"
		       " AND (? = 0 OR v.school_id IS NULL OR v.school_id = ?)"
		       " AND (CAST(? AS TEXT) IS NULL OR (v.opens <= ? AND v.closes >= ?))"
		       " AND (? = 0 OR v.id < ?) ORDER BY v.id DESC LIMIT ?", p, 11, out, err);
}

int store_sv_staff_schools(struct db *db, int64_t district_id, int64_t user_id,
			   struct db_res **out, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(user_id), DB_INT(district_id) };

	return db_exec(db, "SELECT DISTINCT school_id FROM staff WHERE user_id = ?"
		       " AND district_id = ? AND withdrawn = 0 ORDER BY school_id", p, 2, out, err);
}

int store_sv_has_answered(struct db *db, int64_t survey_id, int64_t user_id, const char *grp,
			  int64_t subject_id, struct db_err *err)
{
	struct db_val p[4] = { DB_INT(survey_id), DB_INT(user_id), DB_TEXT(grp),
			       DB_INT(subject_id) };
	struct db_res *r = NULL;
	int rc = store_one_or_none(db_exec(db, "SELECT 1 FROM sv_answered WHERE survey_id = ?"
					   " AND user_id = ? AND grp = ? AND subject_id = ?", p, 4,
					   &r, err), &r);

	db_res_free(r);
	return rc < 0 ? -1 : rc == 0;
}

int store_sv_answered_by(struct db *db, int64_t district_id, int64_t user_id,
			 struct db_res **out, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(user_id), DB_INT(district_id) };

	return db_exec(db, "SELECT d.survey_id, d.grp, d.subject_id FROM sv_answered d"
		       " JOIN sv_survey v ON v.id = d.survey_id WHERE d.user_id = ?"
		       " AND v.district_id = ? AND v.withdrawn = 0", p, 2, out, err);
}

int store_sv_answered_add(struct db *db, int64_t survey_id, int64_t user_id, const char *grp,
			  int64_t subject_id, struct db_err *err)
{
	struct db_val p[4] = { DB_INT(survey_id), DB_INT(user_id), DB_TEXT(grp),
			       DB_INT(subject_id) };

	return db_exec(db, "INSERT INTO sv_answered (survey_id, user_id, grp, subject_id)"
		       " VALUES (?, ?, ?, ?)", p, 4, NULL, err);
}

int store_sv_answer_add(struct db *db, const char *id, int64_t survey_id, int64_t school_id,
			const char *grp, struct db_err *err)
{
	struct db_val p[4] = { DB_TEXT(id), DB_INT(survey_id), DB_INT(school_id), DB_TEXT(grp) };

	return db_exec(db, "INSERT INTO sv_answer (id, survey_id, school_id, grp)"
		       " VALUES (?, ?, ?, ?)", p, 4, NULL, err);
}

int store_sv_answer_item_add(struct db *db, const char *answer_id, const char *question,
			     int has_value, int value, const char *note, struct db_err *err)
{
	struct db_val p[4] = { DB_TEXT(answer_id), DB_TEXT(question),
			       has_value ? DB_INT(value) : DB_NULLV, DB_TEXT(note) };

	return db_exec(db, "INSERT INTO sv_answer_item (answer_id, question, value, note)"
		       " VALUES (?, ?, ?, ?)", p, 4, NULL, err);
}

int store_sv_answer_counts(struct db *db, int64_t survey_id, int64_t school_id,
			   struct db_res **out, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(survey_id), DB_INT(school_id), DB_INT(school_id) };

	return db_exec(db, "SELECT a.school_id, a.grp, COUNT(*) FROM sv_answer a"
		       " WHERE a.survey_id = ? AND (? = 0 OR a.school_id = ?)"
		       " GROUP BY a.school_id, a.grp ORDER BY a.school_id, a.grp", p, 3, out, err);
}

int store_sv_value_counts(struct db *db, int64_t survey_id, int64_t school_id,
			  struct db_res **out, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(survey_id), DB_INT(school_id), DB_INT(school_id) };

	return db_exec(db, "SELECT a.school_id, a.grp, i.question, i.value, COUNT(*)"
		       " FROM sv_answer a JOIN sv_answer_item i ON i.answer_id = a.id"
		       " WHERE a.survey_id = ? AND (? = 0 OR a.school_id = ?)"
		       " AND i.value IS NOT NULL GROUP BY a.school_id, a.grp, i.question, i.value"
		       " ORDER BY a.school_id, a.grp, i.question, i.value", p, 3, out, err);
}

int store_sv_notes(struct db *db, int64_t survey_id, int64_t school_id, struct db_res **out,
		   struct db_err *err)
{
	struct db_val p[3] = { DB_INT(survey_id), DB_INT(school_id), DB_INT(school_id) };

	return db_exec(db, "SELECT a.school_id, a.grp, i.question, i.note"
		       " FROM sv_answer a JOIN sv_answer_item i ON i.answer_id = a.id"
		       " WHERE a.survey_id = ? AND (? = 0 OR a.school_id = ?)"
		       " AND i.note IS NOT NULL AND i.note <> ''"
		       " ORDER BY a.school_id, a.grp, i.question, i.note", p, 3, out, err);
}

int store_sv_school_term(struct db *db, int64_t district_id, int64_t school_id,
			 int64_t term_id, int satisfied_from, struct db_res **out,
			 struct db_err *err)
{
	struct db_val p[7] = { DB_INT(district_id),    DB_INT(term_id),     DB_INT(school_id),
			       DB_INT(satisfied_from), DB_INT(district_id), DB_INT(term_id),
			       DB_INT(school_id) };

	return db_exec(db, "SELECT n.grp, n.answers, COALESCE(s.sat, 0), COALESCE(s.total, 0),"
		       " n.surveys FROM (SELECT a.grp, COUNT(*) AS answers,"
		       " COUNT(DISTINCT a.survey_id) AS surveys FROM sv_answer a"
		       " JOIN sv_survey v ON v.id = a.survey_id WHERE v.district_id = ?"
		       " AND v.term_id = ? AND v.withdrawn = 0 AND a.school_id = ? GROUP BY a.grp) n"
		       " LEFT JOIN (SELECT a.grp,"
		       " SUM(CASE WHEN i.value >= ? THEN 1 ELSE 0 END) AS sat, COUNT(*) AS total"
		       " FROM sv_answer a JOIN sv_survey v ON v.id = a.survey_id"
		       " JOIN sv_answer_item i ON i.answer_id = a.id WHERE v.district_id = ?"
		       " AND v.term_id = ? AND v.withdrawn = 0 AND a.school_id = ?"
		       " AND i.value IS NOT NULL GROUP BY a.grp) s ON s.grp = n.grp ORDER BY n.grp",
		       p, 7, out, err);
}

#define SQL_SV_FIRST_SCHOOLS " IN (SELECT id FROM school WHERE district_id = ? ORDER BY id LIMIT ?)"
#define SQL_SV_FAMILY                                                                      \
	" FROM guardian g JOIN guardian_student gs ON gs.guardian_id = g.id"                \
	" JOIN student s ON s.id = gs.student_id JOIN users u ON u.id = g.user_id"          \
	" WHERE g.district_id = ? AND s.withdrawn = 0 AND u.disabled = 0 AND u.username <> ?" \
	" AND s.school_id" SQL_SV_FIRST_SCHOOLS

int store_sv_demo_people(struct db *db, int64_t district_id, int nschools,
			 const char *skip_parent, const char *skip_teacher, struct db_res **out,
			 struct db_err *err)
{
	struct db_val p[12] = { DB_INT(district_id), DB_TEXT(skip_teacher), DB_INT(district_id),
				DB_INT(nschools),    DB_INT(district_id),   DB_TEXT(skip_parent),
				DB_INT(district_id), DB_INT(nschools),      DB_INT(district_id),
				DB_TEXT(skip_parent), DB_INT(district_id),  DB_INT(nschools) };

	return db_exec(db, "SELECT u.school_id, 'teacher', u.id, 0 FROM users u"
		       " WHERE u.district_id = ? AND u.role = 'teacher' AND u.disabled = 0"
		       " AND u.username <> ? AND u.school_id" SQL_SV_FIRST_SCHOOLS
		       " UNION ALL SELECT MIN(s.school_id), 'parent', g.user_id, 0" SQL_SV_FAMILY
		       " GROUP BY g.user_id"
		       " UNION ALL SELECT s.school_id, 'student', MIN(g.user_id), s.id" SQL_SV_FAMILY
		       " GROUP BY s.id, s.school_id ORDER BY 1, 2, 3, 4", p, 12, out, err);
}
