/* store_checkin.h - SQL of the five managements (0014_checkins.sql):
 * parents' weekly check-ins, each school's phone rules and sleep settings,
 * and the figures the school and district views are made of. Same return
 * convention as store.h: 0, 1 not found, -1 error with *err. Weeks are the
 * Monday's date, YYYY-MM-DD. */
#ifndef SJ_STORE_CHECKIN_H
#define SJ_STORE_CHECKIN_H

#include "policy/policy.h"
#include "store/db.h"

#include <stdint.h>

struct store_checkin {
	int64_t district_id, school_id, class_id, student_id, user_id;
	const char *week, *week_end; /* the Monday and the Sunday */
	int grade, bedtime, wake, sleep, phone, reading;
};

/* Store a check-in as the child's live one for its week: a live row of the
 * same week is kept with current = 0. The child's sums for the term holding
 * the week (fm_student_term) move by the difference. *id: the new row;
 * *replaced: the version it replaced (0: none). */
int store_ck_put(struct db *db, const struct store_checkin *c, int64_t now, int64_t *id,
		 int64_t *replaced, struct db_err *err);
/* A child's live check-ins, newest week first, at most limit: columns id,
 * week, bedtime_min, wake_min, sleep_min, phone_minutes, reading_minutes,
 * made_at, versions (how many rows the week has, replaced ones included). */
int store_ck_child(struct db *db, int64_t student_id, int limit, struct db_res **out,
		   struct db_err *err);
/* Every version of a child's week, oldest first: id, bedtime_min, wake_min,
 * sleep_min, phone_minutes, reading_minutes, current, made_at. */
int store_ck_versions(struct db *db, int64_t student_id, const char *week, struct db_res **out,
		      struct db_err *err);

/* A school's current settings: version, phones_handed_in, phones_kept,
 * phones_calls, phones_note, wake_min (NULL), travel_minutes (NULL),
 * made_at; 1 when none was ever recorded. */
int store_ck_school_get(struct db *db, int64_t school_id, struct db_res **out, struct db_err *err);
struct store_ck_school {
	int handed_in;
	const char *kept, *calls, *note;
	int wake, travel; /* -1: not set (the pack's default applies) */
};
/* A new current version of the school's settings; *version receives it. */
int store_ck_school_put(struct db *db, int64_t district_id, int64_t school_id,
			const struct store_ck_school *s, int64_t user_id, int64_t now,
			int *version, struct db_err *err);

/* Per class of a school (every live class, ordered by grade and name):
 * class_id, name, grade, students with a check-in in the term, of them
 * under their grade's floor on average (floor[g] minutes for grade g),
 * check-ins, sum of phone minutes, sum of reading minutes. */
int store_ck_class_figures(struct db *db, int64_t school_id, int64_t term_id,
			   const int floor[POLICY_MAX_GRADE + 1], struct db_res **out,
			   struct db_err *err);
/* The same per school of a district (every live school, ordered by code):
 * school_id, code, name, students, under, check-ins, phone sum, reading sum,
 * classes. */
int store_ck_school_figures(struct db *db, int64_t district_id, int64_t term_id,
			    const int floor[POLICY_MAX_GRADE + 1], struct db_res **out,
			    struct db_err *err);
/* Wake times of a school's live check-ins in [from, to]: wake_min, count,
 * ordered by wake_min. */
int store_ck_wake_counts(struct db *db, int64_t school_id, const char *from, const char *to,
			 struct db_res **out, struct db_err *err);

/* The after-school service's end per day and program grades at a school:
 * day, grades ("3,4,5"), latest end_min of its sessions that day. */
int store_ck_session_ends(struct db *db, int64_t school_id, const char *from, const char *to,
			  struct db_res **out, struct db_err *err);
/* The school's current plan for a term: weekday, end_min, kind. */
int store_ck_plan_ends(struct db *db, int64_t school_id, int64_t term_id, struct db_res **out,
		       struct db_err *err);
/* Homework per class-day of a school in [from, to]: class_id, day, reports,
 * reported minutes (sum), declared written minutes (NULL when none). */
int store_ck_homework(struct db *db, int64_t school_id, const char *from, const char *to,
		      struct db_res **out, struct db_err *err);

/* Demo: a week of check-ins for a school's children whose guardian has an
 * account (the first guardian's account files it), drawn from the child's
 * id and salt by integer hashes: about three families in four, bedtimes
 * around 20:00-21:00 (45 minutes later from grade 7), wake times 06:10-06:50,
 * phones and reading 0-70 minutes. *rows: how many were written. */
int store_ck_demo_week(struct db *db, int64_t district_id, int64_t school_id, const char *week,
		       int64_t salt, int64_t made_at, int64_t *rows, struct db_err *err);
/* Demo: the children's term sums of a school from its live check-ins of
 * the weeks [from, to] (all in the term). */
int store_ck_demo_sums(struct db *db, int64_t school_id, int64_t term_id, const char *from,
		       const char *to, struct db_err *err);

/* Demo and bench: the live check-in count of a district. */
int store_ck_count(struct db *db, int64_t district_id, int64_t *n, struct db_err *err);

#endif
