/* store_health.h - SQL for physical activity, fitness results and vision
 * screenings (core/health.h). The use cases (app_health.h) check who may act
 * before they call these; reads return only the school, class or district
 * asked for. Returns 0, 1 not found (single lookups), -1 error. */
#ifndef SJ_STORE_HEALTH_H
#define SJ_STORE_HEALTH_H

#include "store/db.h"

#include <stdint.h>

/* A term of the district: by id (term_id > 0), else the term in force on
 * day (the latest that started on or before it), else the first one. */
struct store_he_term {
	int64_t id;
	char name[128], starts[11], ends[11];
};
int store_he_term(struct db *db, int64_t d, int64_t term_id, const char *day,
		  struct store_he_term *out, struct db_err *err);

/* A live class or student of the district, its school, class and grade, and
 * whether the user teaches in or heads that class by a live staff record. */
struct store_he_place {
	int64_t school_id, class_id;
	int grade, teaches;
};
int store_he_class(struct db *db, int64_t d, int64_t class_id, int64_t user_id,
		   struct store_he_place *out, struct db_err *err);
int store_he_student(struct db *db, int64_t d, int64_t student_id, int64_t user_id,
		     struct store_he_place *out, struct db_err *err);
/* A live student of the district by 学籍号: id, name, school, class, grade.
 * 1 when none. */
struct store_he_pupil {
	int64_t id, school_id, class_id;
	int grade;
	char name[128];
};
int store_he_pupil(struct db *db, int64_t d, const char *registry_no, struct store_he_pupil *out,
		   struct db_err *err);

/* ---- activity ---- */
struct store_he_activity {
	int64_t district_id, school_id, class_id, user_id, now;
	const char *day;
	int pe, big_break, other, eye, pe_short, eye_short;
};
/* The class-day's live record is withdrawn (replaced_by the new one) and the
 * new one stored; *old_id is the withdrawn one (0 when none), old_json its
 * values ({} when none; caller frees with free()). */
/* A new live record, when the class-day has none (the demo's history). */
int store_he_activity_insert(struct db *db, const struct store_he_activity *a, int64_t *id,
			     struct db_err *err);
int store_he_activity_put(struct db *db, const struct store_he_activity *a, int64_t *id,
			  int64_t *old_id, char **old_json, struct db_err *err);
/* Live records of a class in [from, to], newest day first: 0 id, 1 day,
 * 2 pe, 3 big_break, 4 other, 5 eye, 6 pe_short, 7 eye_short, 8 recorded_at,
 * 9 recorded by (display name), 10 versions of the day (1 = never replaced). */
int store_he_activity_days(struct db *db, int64_t class_id, const char *from, const char *to,
			   struct db_res **out, struct db_err *err);
/* Per live class of a school in [from, to]: 0 class id, 1 name, 2 grade,
 * 3 days recorded, 4 PE-short days, 5 eye-short days, 6 minutes summed,
 * 7 eye exercises summed. */
int store_he_activity_classes(struct db *db, int64_t school_id, const char *from, const char *to,
			      struct db_res **out, struct db_err *err);
/* Per school of the district in [from, to]: 0 school id, 1 class-days,
 * 2 PE-short, 3 eye-short, 4 minutes summed. */
int store_he_activity_schools(struct db *db, int64_t d, const char *from, const char *to,
			      struct db_res **out, struct db_err *err);

/* ---- fitness ---- */
struct store_he_fitness {
	int64_t district_id, school_id, student_id, term_id, user_id, now;
	int grade, total_tenths;
	const char *level, *items; /* items: a JSON object */
};
/* The student's live result of the term is withdrawn and this one stored;
 * *replaced = 1 when there was one. */
int store_he_fitness_put(struct db *db, const struct store_he_fitness *f, int *replaced,
			 struct db_err *err);
/* Live results of a term by grade (a school) or by school (the district):
 * 0 grade or school id, 1 tested, 2 excellent, 3 good, 4 pass, 5 fail. */
int store_he_fitness_grades(struct db *db, int64_t school_id, int64_t term_id,
			    struct db_res **out, struct db_err *err);
int store_he_fitness_schools(struct db *db, int64_t d, int64_t term_id, struct db_res **out,
			     struct db_err *err);

/* ---- vision ---- */
struct store_he_vision {
	int64_t district_id, school_id, class_id, student_id, user_id, now;
	const char *day;
	int left, right, corrected;
};
int store_he_vision_add(struct db *db, const struct store_he_vision *v, int64_t *id,
			struct db_err *err);
/* Each student's latest screening and the one before it, up to day, poor
 * vision counted against below_tenths (an eye below it, or corrected), by
 * the student's grade (a school) or school (the district): 0 grade or school
 * id, 1 students screened, 2 poor at the latest, 3 students with an earlier
 * screening, 4 poor at the earlier one, 5 poor at the latest among those. */
int store_he_vision_grades(struct db *db, int64_t school_id, const char *day, int below_tenths,
			   struct db_res **out, struct db_err *err);
int store_he_vision_schools(struct db *db, int64_t d, const char *day, int below_tenths,
			    struct db_res **out, struct db_err *err);
/* Per live class (of a school, or of the district when school_id is 0) in
 * [from, to]: 0 class id, 1 name, 2 grade, 3 school id, 4 students,
 * 5 screening days, 6 students screened, 7 last screening day ("" none). */
int store_he_vision_classes(struct db *db, int64_t d, int64_t school_id, const char *from,
			    const char *to, struct db_res **out, struct db_err *err);
/* A class's live students with their latest screening up to day:
 * 0 id, 1 registry_no, 2 name, 3 day ("" none), 4 left, 5 right,
 * 6 corrected, 7 screenings up to day. */
int store_he_vision_roster(struct db *db, int64_t class_id, const char *day,
			   struct db_res **out, struct db_err *err);

/* ---- the demo district (src/demo/demo_health.c) ---- */
/* Live classes of the district's first nschools schools (by id): 0 id,
 * 1 school id, 2 grade, 3 the head teacher's user id (0 none). */
int store_he_demo_classes(struct db *db, int64_t d, int nschools, struct db_res **out,
			  struct db_err *err);
/* Their live students: 0 id, 1 class id, 2 school id, 3 grade; by class. */
int store_he_demo_students(struct db *db, int64_t d, int nschools, struct db_res **out,
			   struct db_err *err);

#endif
