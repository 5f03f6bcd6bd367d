/* store_exam.c - exam plans and results SQL (one text for both backends). */
#include "store/store_exam.h"
#include "store/db_impl.h"

#include <stdio.h>

int store_exam_lock_school(struct db *db, int64_t school_id, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(school_id) };

	return db_exec(db, db_kind(db) == DB_PG ? "SELECT id FROM school WHERE id = ? FOR UPDATE"
						: "SELECT id FROM school WHERE id = ?",
		       p, 1, NULL, err);
}

int store_exam_term(struct db *db, int64_t d, int64_t term_id, char starts[11], char ends[11],
		    struct db_err *err)
{
	struct db_val p[2] = { DB_INT(term_id), DB_INT(d) };
	struct db_res *r = NULL;
	int rc = store_one_or_none(db_exec(db, "SELECT starts_on, ends_on FROM term WHERE id = ?"
					   " AND district_id = ?", p, 2, &r, err), &r);

	if (rc == 0) {
		snprintf(starts, 11, "%s", db_res_text(r, 0, 0));
		snprintf(ends, 11, "%s", db_res_text(r, 0, 1));
	}
	db_res_free(r);
	return rc;
}

int store_exam_count(struct db *db, int64_t school_id, int64_t term_id, int grade,
		     const char *kind, int *n, struct db_err *err)
{
	struct db_val p[4] = { DB_INT(school_id), DB_INT(term_id), DB_INT(grade), DB_TEXT(kind) };
	struct db_res *r = NULL;
	int rc = db_exec(db, "SELECT COUNT(*) FROM exam_plan WHERE school_id = ? AND term_id = ?"
			 " AND grade = ? AND kind = ? AND withdrawn = 0", p, 4, &r, err);

	if (rc == 0)
		*n = (int)db_res_int(r, 0, 0);
	db_res_free(r);
	return rc;
}

int store_exam_insert(struct db *db, const struct store_exam_plan *p, int64_t *id,
		      struct db_err *err)
{
	struct db_val v[10] = { DB_INT(p->district_id), DB_INT(p->school_id), DB_INT(p->term_id),
				DB_INT(p->grade), DB_TEXT(p->kind), DB_TEXT(p->form),
				DB_TEXT(p->date), DB_TEXT(p->subjects), DB_INT(p->now),
				DB_INT(p->user_id) };
	struct db_res *r = NULL;
	int rc = db_exec(db, "INSERT INTO exam_plan (district_id, school_id, term_id, grade, kind,"
			 " form, exam_date, subjects, created_at, created_by)"
			 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", v, 10, &r, err);

	if (rc == 0)
		*id = db_res_int(r, 0, 0);
	db_res_free(r);
	return rc;
}

#define SQL_EXAM_COLS                                                                     \
	"SELECT x.id, x.school_id, sc.name, x.term_id, t.name, x.grade, x.kind, x.form,"   \
	" x.exam_date, x.subjects, x.withdrawn, x.withdrawn_reason,"                       \
	" COALESCE(x.withdrawn_at, 0), x.created_at, u.display_name"                      \
	" FROM exam_plan x JOIN school sc ON sc.id = x.school_id"                          \
	" JOIN term t ON t.id = x.term_id JOIN users u ON u.id = x.created_by"

int store_exam_get(struct db *db, int64_t d, int64_t id, int lock, struct db_res **out,
		   struct db_err *err)
{
	struct db_val p[2] = { DB_INT(id), DB_INT(d) };

	return store_one_or_none(db_exec(db, db_kind(db) == DB_PG && lock
					 ? SQL_EXAM_COLS " WHERE x.id = ? AND x.district_id = ?"
					   " FOR UPDATE OF x"
					 : SQL_EXAM_COLS " WHERE x.id = ? AND x.district_id = ?",
					 p, 2, out, err), out);
}

int store_exam_withdraw(struct db *db, int64_t id, const char *reason, int64_t now,
			int64_t user_id, struct db_err *err)
{
	struct db_val p[4] = { DB_TEXT(reason), DB_INT(now), DB_INT(user_id), DB_INT(id) };

	return db_exec(db, "UPDATE exam_plan SET withdrawn = 1, withdrawn_reason = ?,"
		       " withdrawn_at = ?, withdrawn_by = ? WHERE id = ? AND withdrawn = 0", p, 4,
		       NULL, err);
}

int store_exam_list(struct db *db, const struct store_exam_filter *f, struct db_res **out,
		    struct db_err *err)
{
	struct db_val p[11] = { DB_INT(f->district_id), DB_INT(f->school_id),
				DB_INT(f->school_id), DB_INT(f->term_id), DB_INT(f->term_id),
				DB_INT(f->grade), DB_INT(f->grade), DB_INT(f->withdrawn),
				DB_INT(f->withdrawn), DB_INT(f->after), DB_INT(f->limit) };

	return db_exec(db, SQL_EXAM_COLS " WHERE x.district_id = ? AND (? = 0 OR x.school_id = ?)"
		       " AND (? = 0 OR x.term_id = ?) AND (? = 0 OR x.grade = ?)"
		       " AND (? < 0 OR x.withdrawn = ?) AND x.id > ? ORDER BY x.id LIMIT ?",
		       p, 11, out, err);
}

int store_exam_counts(struct db *db, int64_t d, int64_t term_id, int64_t school_id, int grade,
		      struct db_res **out, struct db_err *err)
{
	struct db_val p[6] = { DB_INT(term_id), DB_INT(grade), DB_INT(grade), DB_INT(d),
			       DB_INT(school_id), DB_INT(school_id) };

	return db_exec(db, "SELECT sc.id, sc.name, x.grade, x.kind, x.form, COUNT(x.id)"
		       " FROM school sc LEFT JOIN exam_plan x ON x.school_id = sc.id"
		       " AND x.term_id = ? AND x.withdrawn = 0 AND (? = 0 OR x.grade = ?)"
		       " WHERE sc.district_id = ? AND sc.withdrawn = 0 AND (? = 0 OR sc.id = ?)"
		       " GROUP BY sc.id, sc.name, x.grade, x.kind, x.form"
		       " ORDER BY sc.id, x.grade, x.kind, x.form", p, 6, out, err);
}

int store_exam_class_students(struct db *db, int64_t class_id, struct db_res **out,
			      struct db_err *err)
{
	struct db_val p[1] = { DB_INT(class_id) };

	return db_exec(db, "SELECT id FROM student WHERE class_id = ? AND withdrawn = 0"
		       " ORDER BY id", p, 1, out, err);
}

int store_exam_result_put(struct db *db, int64_t exam_id, int64_t d, int64_t class_id,
			  int64_t student_id, const char *subject, const char *level,
			  int64_t now, int64_t user_id, struct db_err *err)
{
	struct db_val q[3] = { DB_INT(exam_id), DB_INT(student_id), DB_TEXT(subject) };
	struct db_val p[8] = { DB_INT(exam_id), DB_INT(d), DB_INT(class_id), DB_INT(student_id),
			       DB_TEXT(subject), DB_TEXT(level), DB_INT(now), DB_INT(user_id) };

	if (db_exec(db, "UPDATE exam_result SET current = 0 WHERE exam_id = ? AND student_id = ?"
		    " AND subject = ? AND current = 1", q, 3, NULL, err) != 0)
		return -1;
	return db_exec(db, "INSERT INTO exam_result (exam_id, district_id, class_id, student_id,"
		       " subject, level, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		       p, 8, NULL, err);
}

int store_exam_distribution(struct db *db, int64_t exam_id, int64_t class_id,
			    struct db_res **out, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(exam_id), DB_INT(class_id), DB_INT(class_id) };

	return db_exec(db, "SELECT r.class_id, c.name, r.subject, r.level, COUNT(*)"
		       " FROM exam_result r JOIN class c ON c.id = r.class_id"
		       " WHERE r.exam_id = ? AND r.current = 1 AND (? = 0 OR r.class_id = ?)"
		       " GROUP BY r.class_id, c.name, r.subject, r.level"
		       " ORDER BY r.class_id, r.subject, r.level", p, 3, out, err);
}
