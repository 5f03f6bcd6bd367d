/* store_survey.h - SQL for satisfaction surveys (core/survey.h; tables in
 * migrations 0018_surveys.sql). The use cases (app_survey.h) check who may
 * act before they call these. An answer is written without the person: the
 * answered row (who) and the answer rows (what, under a random id, with no
 * time) share nothing but the survey. Returns 0, 1 not found (single
 * lookups), -1 error. */
#ifndef SJ_STORE_SURVEY_H
#define SJ_STORE_SURVEY_H

#include "store/db.h"

#include <stdint.h>

struct store_sv {
	int64_t id, district_id, school_id, term_id, user_id, now;
	const char *name, *groups, *questions, *opens, *closes;
};
int store_sv_insert(struct db *db, const struct store_sv *s, int64_t *id, struct db_err *err);

/* Columns of a survey row as read (store_sv_get, store_sv_list):
 * 0 id, 1 school_id (NULL: district-wide), 2 school name, 3 term_id,
 * 4 term name, 5 name, 6 groups, 7 opens, 8 closes, 9 questions (JSON),
 * 10 answers so far. */
int store_sv_get(struct db *db, int64_t district_id, int64_t id, struct db_res **out,
		 struct db_err *err);
/* Live surveys of a district, newest first, id < cursor (0: from the
 * newest); term_id 0: any term; school_id > 0: that school's and the
 * district-wide ones; open_on non-NULL: only those open that day. */
int store_sv_list(struct db *db, int64_t district_id, int64_t term_id, int64_t school_id,
		  const char *open_on, int64_t cursor, int limit, struct db_res **out,
		  struct db_err *err);

/* The schools where a user is on the staff by a live record: 0 school_id
 * (the account's own school is no staff record: it stays when a teacher
 * leaves). */
int store_sv_staff_schools(struct db *db, int64_t district_id, int64_t user_id,
			   struct db_res **out, struct db_err *err);

/* Whether the user has answered survey in group for subject: 1 yes, 0 no. */
int store_sv_has_answered(struct db *db, int64_t survey_id, int64_t user_id, const char *grp,
			  int64_t subject_id, struct db_err *err);
/* The user's answered rows among live surveys: 0 survey_id, 1 grp, 2 subject_id. */
int store_sv_answered_by(struct db *db, int64_t district_id, int64_t user_id,
			 struct db_res **out, struct db_err *err);
/* Record that the user answered (unique: DB_ERR_UNIQUE for a second time). */
int store_sv_answered_add(struct db *db, int64_t survey_id, int64_t user_id, const char *grp,
			  int64_t subject_id, struct db_err *err);
/* One answer under its random id, then its items (value NULL-able through
 * has_value; note NULL for none). */
int store_sv_answer_add(struct db *db, const char *id, int64_t survey_id, int64_t school_id,
			const char *grp, struct db_err *err);
int store_sv_answer_item_add(struct db *db, const char *answer_id, const char *question,
			     int has_value, int value, const char *note, struct db_err *err);

/* Results of a survey (school_id 0: every school):
 * answers per school and group: 0 school_id, 1 grp, 2 answers;
 * scale answers per school, group, question and value: 0 school_id, 1 grp,
 * 2 question, 3 value, 4 count;
 * free-text answers: 0 school_id, 1 grp, 2 question, 3 note (sorted by the
 * text itself, so not in the order they came). */
int store_sv_answer_counts(struct db *db, int64_t survey_id, int64_t school_id,
			   struct db_res **out, struct db_err *err);
int store_sv_value_counts(struct db *db, int64_t survey_id, int64_t school_id,
			  struct db_res **out, struct db_err *err);
int store_sv_notes(struct db *db, int64_t survey_id, int64_t school_id, struct db_res **out,
		   struct db_err *err);

/* A school's satisfaction in a term over every live survey answered for it:
 * per group 0 grp, 1 answers, 2 scale answers at or above satisfied_from,
 * 3 scale answers, 4 surveys. */
int store_sv_school_term(struct db *db, int64_t district_id, int64_t school_id,
			 int64_t term_id, int satisfied_from, struct db_res **out,
			 struct db_err *err);

/* The demo (src/demo/demo_surveys.c): who could answer in the district's
 * first nschools schools, leaving out the sign-ins named skip_parent and
 * skip_teacher (so they can answer themselves): 0 school_id, 1 grp, 2 user_id,
 * 3 subject_id - teachers of the school, each parent once (at the first of
 * their children's schools), each child once (by its first guardian with an
 * account); ordered by school, group, user, subject. */
int store_sv_demo_people(struct db *db, int64_t district_id, int nschools,
			 const char *skip_parent, const char *skip_teacher, struct db_res **out,
			 struct db_err *err);

#endif
