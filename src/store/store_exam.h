/* store_exam.h - SQL for exam plans and results (0013_exams.sql). SQL only:
 * the rules are core/exam.h's, the scope checks app_exam's.
 * Returns: 0, 1 not found (single lookups), -1 error. */
#ifndef SJ_STORE_EXAM_H
#define SJ_STORE_EXAM_H

#include "store/db.h"

#include <stdint.h>

struct store_exam_plan {
	int64_t district_id, school_id, term_id, user_id, now;
	int grade;
	const char *kind, *form, *date, *subjects; /* subjects: "语文,数学" */
};

/* Hold the school's row until the transaction ends (PostgreSQL FOR UPDATE;
 * SQLite's write transaction already holds the store), so two plans counted
 * against the same rules are counted one after the other. */
int store_exam_lock_school(struct db *db, int64_t school_id, struct db_err *err);
/* The term's first and last day (YYYY-MM-DD) in the district: 0 or 1. */
int store_exam_term(struct db *db, int64_t d, int64_t term_id, char starts[11], char ends[11],
		    struct db_err *err);
/* Plans of this kind, not withdrawn, for the school's grade in the term. */
int store_exam_count(struct db *db, int64_t school_id, int64_t term_id, int grade,
		     const char *kind, int *n, struct db_err *err);
int store_exam_insert(struct db *db, const struct store_exam_plan *p, int64_t *id,
		      struct db_err *err);

/* Plan columns (STORE_EXAM_COLS order): id, school_id, school_name, term_id,
 * term_name, grade, kind, form, exam_date, subjects, withdrawn,
 * withdrawn_reason, withdrawn_at (0 none), created_at, created_by name. */
enum { EXC_ID, EXC_SCHOOL, EXC_SCHOOL_NAME, EXC_TERM, EXC_TERM_NAME, EXC_GRADE, EXC_KIND,
       EXC_FORM, EXC_DATE, EXC_SUBJECTS, EXC_WITHDRAWN, EXC_REASON, EXC_WITHDRAWN_AT,
       EXC_CREATED_AT, EXC_CREATED_BY };
/* One plan of the district; lock: hold it (PostgreSQL) for a change. */
int store_exam_get(struct db *db, int64_t d, int64_t id, int lock, struct db_res **out,
		   struct db_err *err);
int store_exam_withdraw(struct db *db, int64_t id, const char *reason, int64_t now,
			int64_t user_id, struct db_err *err);

/* A school's plans (or, school_id 0, the district's), term_id / grade 0 =
 * any, withdrawn -1 = both, 0 = live, 1 = withdrawn; by id after `after`. */
struct store_exam_filter {
	int64_t district_id, school_id, term_id, after;
	int grade, withdrawn, limit;
};
int store_exam_list(struct db *db, const struct store_exam_filter *f, struct db_res **out,
		    struct db_err *err);

/* Live plans counted per school, grade, kind and form for the district view
 * (school_id / grade 0 = any): school_id, school_name, grade, kind, form,
 * count, ordered by school id, grade. Schools without a plan come with a
 * NULL grade, so each school is listed. */
int store_exam_counts(struct db *db, int64_t d, int64_t term_id, int64_t school_id, int grade,
		      struct db_res **out, struct db_err *err);

/* The live (not withdrawn) students of a class: id. */
int store_exam_class_students(struct db *db, int64_t class_id, struct db_res **out,
			      struct db_err *err);
/* A student's level in a subject, replacing the current one (kept, current
 * = 0). */
int store_exam_result_put(struct db *db, int64_t exam_id, int64_t d, int64_t class_id,
			  int64_t student_id, const char *subject, const char *level,
			  int64_t now, int64_t user_id, struct db_err *err);
/* Current results counted: class_id, class_name, subject, level, count
 * (class_id 0 = every class), by class id, subject. No student appears. */
int store_exam_distribution(struct db *db, int64_t exam_id, int64_t class_id,
			    struct db_res **out, struct db_err *err);

#endif
