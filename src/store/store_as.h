/* store_as.h - SQL for after-school service (migration 0004). Returns 0,
 * 1 not found (single lookups), -1 error. */
#ifndef SJ_STORE_AS_H
#define SJ_STORE_AS_H

#include "store/db.h"
#include <stdint.h>

/* A new current plan for a school's term: the previous one (if any) stops
 * being current; *version is one more than its. */
int store_as_plan_insert(struct db *db, int64_t d, int64_t school_id, int64_t term_id,
			 int64_t now, int64_t user_id, int64_t *id, int *version,
			 struct db_err *err);
int store_as_slot_add(struct db *db, int64_t d, int64_t plan_id, int seq, int weekday,
		      int start_min, int end_min, const char *kind, struct db_err *err);
/* The current plan of a school's term: id, term_id, version, created_at,
 * creator's display name (1 when none). */
int store_as_plan_current(struct db *db, int64_t school_id, int64_t term_id,
			  struct db_res **out, struct db_err *err);
/* Its slots in order: weekday, start_min, end_min, kind. */
int store_as_plan_slots(struct db *db, int64_t plan_id, struct db_res **out,
			struct db_err *err);

/* The school's dismissal times (放学时间, migration 0013): at[1..7] minutes
 * after midnight, -1 where not set (at[0] unused). Always 0 or -1. */
int store_as_dismissal_get(struct db *db, int64_t school_id, int at[8], struct db_err *err);
/* Set one weekday's time (-1 clears it). */
int store_as_dismissal_set(struct db *db, int64_t d, int64_t school_id, int weekday, int at_min,
			   int64_t now, int64_t user_id, struct db_err *err);

/* ---- the menu ---- */
struct store_as_program {
	int64_t district_id, school_id, term_id, now;
	const char *name, *category, *grades, *days, *venue, *fee_doc, *apply_until;
	int capacity, start_min, end_min;
	int64_t fee_fen;
};
int store_as_program_insert(struct db *db, const struct store_as_program *p, int64_t *id,
			    struct db_err *err);
int store_as_program_staff_add(struct db *db, int64_t program_id, int seq, const char *name,
			       const char *type, int64_t staff_id, const char *vetting,
			       const char *vetted_on, struct db_err *err);
/* Live programs of a school's term: 0 id, 1 name, 2 category, 3 grades,
 * 4 capacity, 5 days, 6 start_min, 7 end_min, 8 venue, 9 fee_fen, 10 fee_doc,
 * 11 apply_until, 12 applied (live first choices), 13 admitted, 14 waitlisted. */
int store_as_programs(struct db *db, int64_t school_id, int64_t term_id, struct db_res **out,
		      struct db_err *err);
/* One live program of the district: 0 id, 1 school_id, 2 term_id, 3 grades,
 * 4 capacity, 5 apply_until, 6 admitted, 7 name. */
int store_as_program_get(struct db *db, int64_t d, int64_t id, struct db_res **out,
			 struct db_err *err);
/* Its staff: name, type, vetting, vetted_on. */
int store_as_program_staff(struct db *db, int64_t program_id, struct db_res **out,
			   struct db_err *err);

/* ---- applications ---- */
struct store_as_application {
	int64_t district_id, school_id, term_id, student_id, user_id, now;
	int64_t choice[3]; /* 0 = none */
	int extended_care, alone_consent;
	const char *extended_reason;
};
int store_as_application_insert(struct db *db, const struct store_as_application *a,
				 int64_t *id, struct db_err *err);
/* The child's live application of a term: *id, 0 when none. */
int store_as_application_live(struct db *db, int64_t student_id, int64_t term_id, int64_t *id,
			      struct db_err *err);
/* Applications: of a school's term (user_id 0), or of a guardian's
 * children (school_id 0), with the status ("" any), after id `after`, at
 * most limit: 0 id, 1 student_id, 2 student name, 3 class name, 4 term_id,
 * 5 choice1, 6 choice2, 7 choice3, 8 extended_care, 9 extended_reason,
 * 10 status, 11 program_id, 12 program name, 13 position, 14 created_at,
 * 15 alone_consent, 16 consent_at. */
int store_as_applications(struct db *db, int64_t d, int64_t school_id, int64_t term_id,
			  int64_t user_id, const char *status, int64_t after, int limit,
			  struct db_res **out, struct db_err *err);
/* 0 id, 1 student_id, 2 school_id, 3 term_id, 4 status. */
int store_as_application_get(struct db *db, int64_t d, int64_t id, struct db_res **out,
			     struct db_err *err);
int store_as_application_set(struct db *db, int64_t id, const char *status, int64_t program_id,
			     int position, struct db_err *err);
/* Live (not withdrawn) applications of a school's term in the order they
 * came: id, choice1, choice2, choice3. */
int store_as_allocation_input(struct db *db, int64_t school_id, int64_t term_id,
			      struct db_res **out, struct db_err *err);

/* ---- sessions, attendance, handover ---- */
/* Add a session (a program's day); *created 0 when it already existed. */
int store_as_session_add(struct db *db, int64_t d, int64_t school_id, int64_t program_id,
			 const char *day, int start_min, int end_min, int *created,
			 struct db_err *err);
/* A program's schedule: school_id, term_id, days, start_min, end_min,
 * term starts_on, term ends_on. */
int store_as_program_days(struct db *db, int64_t d, int64_t id, struct db_res **out,
			  struct db_err *err);
/* 0 id, 1 school_id, 2 program_id, 3 program name, 4 day, 5 start_min,
 * 6 end_min, 7 content, 8 form, 9 no_new_lesson, 10 flagged, 11 recorded_at,
 * 12 category, 13 term_id, 14 review_outcome, 15 review_note, 16 reviewer's
 * name, 17 reviewed_at. */
int store_as_session_get(struct db *db, int64_t d, int64_t id, struct db_res **out,
			 struct db_err *err);
/* A program's sessions in [from, to]: id, day, start_min, end_min,
 * no_new_lesson, flagged, recorded_at, present, review_outcome. */
int store_as_sessions(struct db *db, int64_t program_id, const char *from, const char *to,
		      struct db_res **out, struct db_err *err);
/* The children admitted to the session's program: student id, name, class
 * name, attendance status ("" none), handover ("" none), guardian_id,
 * homework_done (-1 not recorded), alone_consent. */
int store_as_session_roster(struct db *db, int64_t session_id, struct db_res **out,
			    struct db_err *err);
/* The recorded guardians of those children: student_id, guardian id,
 * name, relation (the people a child may be handed to). */
int store_as_session_guardians(struct db *db, int64_t session_id, struct db_res **out,
			       struct db_err *err);
/* homework_done: -1 not asked (stored NULL), 0 or 1. */
int store_as_attendance_set(struct db *db, int64_t d, int64_t session_id, int64_t student_id,
			    const char *status, int homework_done, struct db_err *err);
int store_as_session_record(struct db *db, int64_t id, const char *content, const char *form,
			    int no_new_lesson, const char *flagged, int64_t user_id, int64_t now,
			    struct db_err *err);
/* The school's review of a flagged session (recording it again clears it). */
int store_as_session_review(struct db *db, int64_t id, const char *outcome, const char *note,
			    int64_t user_id, int64_t now, struct db_err *err);
/* Set a present child's handover; *changed 0 when the child was not present. */
int store_as_handover_set(struct db *db, int64_t session_id, int64_t student_id,
			  const char *state, int64_t guardian_id, int64_t now, int *changed,
			  struct db_err *err);
/* Whether the guardian is recorded for the child. */
int store_as_guardian_of(struct db *db, int64_t guardian_id, int64_t student_id, int *yes,
			 struct db_err *err);
/* Whether the child's admitted application carries the standing consent to leave alone. */
int store_as_alone_consent(struct db *db, int64_t session_id, int64_t student_id, int *yes,
			   struct db_err *err);
/* Present children with no handover after sessions of a school's day that
 * ended at or before before_min (head_user 0: all, else that head teacher's
 * classes): session id, program name, day, end_min, student id, name, class. */
int store_as_alerts(struct db *db, int64_t d, int64_t school_id, int64_t head_user,
		    const char *day, int before_min, struct db_res **out, struct db_err *err);

/* Quality measures (B18). Per class of a school: class id, name, grade,
 * students, live applications, admitted. */
int store_as_participation(struct db *db, int64_t school_id, int64_t term_id,
			   struct db_res **out, struct db_err *err);
/* A school's flagged sessions of a term still waiting for the school's review
 * (AS_NO_NEW_LESSON), newest first, at most 20: id, day, program name, the
 * flagged word ('' when only the declaration was missing). */
int store_as_flagged_open(struct db *db, int64_t school_id, int64_t term_id, struct db_res **out,
			  struct db_err *err);
/* Per school (school_id 0: every school of the district) with sessions in
 * the term: school id, sessions, recorded, flagged, attendance records,
 * present, homework asked, homework done, flagged and not yet reviewed. */
int store_as_session_totals(struct db *db, int64_t d, int64_t school_id, int64_t term_id,
			    struct db_res **out, struct db_err *err);

/* ---- records for inspection and the counters (store_as_records.c) ---- */

/* Whether the user has a (not withdrawn) staff record in the school. */
int store_staff_user_in_school(struct db *db, int64_t user_id, int64_t school_id, int *yes,
				struct db_err *err);
/* A term: starts_on, ends_on, district_id (1 when none). */
int store_term_dates(struct db *db, int64_t id, struct db_res **out, struct db_err *err);

/* Changes to a school-term's counters (the row is created on first use). */
struct store_as_delta {
	int64_t applied, admitted, sessions, incidents;
};
int store_as_count(struct db *db, int64_t d, int64_t school_id, int64_t term_id,
		   const struct store_as_delta *x, struct db_err *err);
/* t_admitted from the applications, after an allocation. */
int store_as_admitted_reset(struct db *db, int64_t school_id, int64_t term_id,
			    struct db_err *err);
/* Add (sign +1) or take out (-1) a session's recorded / flagged state and
 * its tally in its school-term counters: taken out before a session's
 * attendance is written, added after store_as_session_recount. */
int store_as_tally(struct db *db, int64_t session_id, int sign, struct db_err *err);
int store_as_session_recount(struct db *db, int64_t id, struct db_err *err);
/* Recompute a school-term's session tallies and counters from the records
 * (data loaded in bulk, e.g. by the demo; and the tests' cross-check). */
int store_as_counts_rebuild(struct db *db, int64_t d, int64_t school_id, int64_t term_id,
			    struct db_err *err);

struct store_as_incident {
	int64_t district_id, school_id, session_id, student_id, user_id, now;
	const char *kind, *description, *action;
	int occurred_min, guardian_notified;
};
int store_as_incident_insert(struct db *db, const struct store_as_incident *x, int64_t *id,
			     struct db_err *err);
/* A school-term's incidents after id `after`: 0 id, 1 session_id, 2 program
 * name, 3 day, 4 occurred_min, 5 kind, 6 description, 7 action,
 * 8 student_id (0 none), 9 student name, 10 guardian_notified,
 * 11 reporter's name, 12 created_at. */
int store_as_incidents(struct db *db, int64_t school_id, int64_t term_id, int64_t after,
		       int limit, struct db_res **out, struct db_err *err);

struct store_as_safety {
	int64_t district_id, school_id, user_id, now;
	const char *venue, *day, *issues, *action;
	int items[5]; /* exits, fire, electrical, facilities, hygiene */
	int passed;
};
int store_as_safety_insert(struct db *db, const struct store_as_safety *x, int64_t *id,
			   struct db_err *err);
/* Checks of a school (of one venue, or venue "" for all) dated in
 * [from, to], newest first, at most limit: 0 id, 1 venue, 2 day, 3 passed,
 * 4..8 the five items, 9 issues, 10 action, 11 checker's name, 12 created_at. */
int store_as_safety_checks(struct db *db, int64_t school_id, const char *venue,
			   const char *from, const char *to, int limit, struct db_res **out,
			   struct db_err *err);
/* Venues of a school-term's live programs: venue, latest check's day up to
 * today ('' none), its passed, the latest passed check's day ('' none). */
int store_as_venues(struct db *db, int64_t school_id, int64_t term_id, const char *today,
		    struct db_res **out, struct db_err *err);

/* Recorded sessions credited to own teachers on the program's staff (user_id
 * 0: all, else that user's staff record): staff id, name, day, start_min,
 * end_min. */
int store_as_hours(struct db *db, int64_t school_id, int64_t term_id, int64_t user_id,
		   struct db_res **out, struct db_err *err);
/* A school's sessions of a day (school_id 0: any school; user_id 0: all,
 * else programs with that user on the staff): 0 id, 1 program_id, 2 program name, 3 category,
 * 4 venue, 5 day, 6 start_min, 7 end_min, 8 recorded, 9 enrolled,
 * 10 present, 11 handed over, 12 flagged (the keyword), 13 no_new_lesson,
 * 14 review_outcome. */
int store_as_day_sessions(struct db *db, int64_t d, int64_t school_id, const char *day,
			  int64_t user_id, struct db_res **out, struct db_err *err);

/* The district view: schools after id `after`, with their term counters:
 * 0 id, 1 name, 2 students, 3 applied, 4 admitted, 5 sessions, 6 recorded,
 * 7 flagged, 8 attendance records, 9 present, 10 homework asked,
 * 11 homework done, 12 incidents. */
int store_as_district_page(struct db *db, int64_t d, int64_t term_id, int64_t after,
			   int limit, struct db_res **out, struct db_err *err);
/* One row of the same columns summed over the district (0 the school count). */
int store_as_district_totals(struct db *db, int64_t d, int64_t term_id, struct db_res **out,
			     struct db_err *err);

/* The archive: a school-term's sessions (day, program, category, start_min,
 * end_min, venue, content, form, no_new_lesson, flagged, records, present,
 * recorder, recorded, review_outcome, review_note) and attendance (day, program, class, student, status,
 * handover, guardian name, homework_done -1/0/1, handover_at). */
int store_as_archive_sessions(struct db *db, int64_t school_id, int64_t term_id,
			      struct db_res **out, struct db_err *err);
int store_as_archive_attendance(struct db *db, int64_t school_id, int64_t term_id,
				struct db_res **out, struct db_err *err);
/* One row: the term's incidents, safety checks dated within the term. */
int store_as_school_records(struct db *db, int64_t school_id, int64_t term_id,
			    struct db_res **out, struct db_err *err);

#endif
