/* store_hw.h - SQL for homework (migration 0003). Returns 0, 1 not found
 * (single lookups), -1 error. Visibility of a class is decided with
 * store_class_get (store_org.h); these functions take ids already checked. */
#ifndef SJ_STORE_HW_H
#define SJ_STORE_HW_H

#include "store/db.h"
#include <stdint.h>

struct store_hw {
	int64_t id, district_id, school_id, class_id, user_id, staff_id; /* staff_id 0 = none */
	const char *subject, *kind, *tier, *title, *content, *assigned_on, *due_on, *status,
		*reason;
	const char *level; /* HW_DIFFICULTY: "standard" (NULL) or "extension" */
	int minutes, counted, version;
	int64_t now;
};

/* Columns of an item (store_hw_get, store_hw_day_items, store_hw_pending):
 * 0 id, 1 class_id, 2 school_id, 3 user_id, 4 subject, 5 kind, 6 tier,
 * 7 title, 8 content, 9 minutes, 10 counted, 11 assigned_on, 12 due_on,
 * 13 status, 14 version, 15 reason, 16 created_at, 17 updated_at,
 * 18 poster's display name, 19 grading method (NULL = not graded),
 * 20 reviewed, 21 grading notes, 22 staff_id, 23 class name, 24 grade,
 * 25 level (standard|extension) */
enum { HWC_ID, HWC_CLASS, HWC_SCHOOL, HWC_USER, HWC_SUBJECT, HWC_KIND, HWC_TIER, HWC_TITLE,
       HWC_CONTENT, HWC_MINUTES, HWC_COUNTED, HWC_ASSIGNED, HWC_DUE, HWC_STATUS, HWC_VERSION,
       HWC_REASON, HWC_CREATED, HWC_UPDATED, HWC_POSTER, HWC_GMETHOD, HWC_GREVIEWED,
       HWC_GNOTES, HWC_STAFF, HWC_CLASSNAME, HWC_GRADE, HWC_LEVEL };

int store_hw_get(struct db *db, int64_t district_id, int64_t id, struct db_res **out,
		 struct db_err *err);
int store_hw_insert(struct db *db, const struct store_hw *h, int64_t *id, struct db_err *err);
/* Update every field of h->id and bump the version. */
int store_hw_update(struct db *db, const struct store_hw *h, struct db_err *err);
/* Items of a class-day; published_only for the public and parents. */
int store_hw_day_items(struct db *db, int64_t class_id, const char *day, int published_only,
		       struct db_res **out, struct db_err *err);
/* Items waiting for approval, oldest first: of a school (grade_head_user
 * 0), or of the grades a teacher heads (school_role grade_head), not their own. */
int store_hw_pending(struct db *db, int64_t school_id, int64_t grade_head_user,
		     struct db_res **out, struct db_err *err);
/* Whether the user is a grade head of the item's school and grade. */
int store_hw_is_grade_head(struct db *db, int64_t user_id, int64_t hw_id, int *yes,
			   struct db_err *err);

/* Add delta to the class-day's counted written minutes; *total receives the
 * new total. The row is created when missing, and locked until commit. */
int store_hw_day_add(struct db *db, int64_t d, int64_t school_id, int64_t class_id,
		     const char *day, int delta, int *total, struct db_err *err);
/* The same for the class-day's optional (选做) written minutes (HW_OPTIONAL,
 * migration 0013): *total is the new sum. */
int store_hw_day_optional_add(struct db *db, int64_t d, int64_t school_id, int64_t class_id,
			      const char *day, int delta, int *total, struct db_err *err);
int store_hw_day_total(struct db *db, int64_t class_id, const char *day, int *total,
		       struct db_err *err);

/* The user as a poster for a class: their live staff record in the class's
 * school, the class's school and grade, whether they head it, teach the
 * subject there, teach anything there (a teacher sees a class they teach
 * or head). 1 when the user is no staff of that school. */
struct store_hw_poster {
	int64_t staff_id, school_id;
	int grade, is_head, teaches, teaches_any;
};
int store_hw_poster(struct db *db, int64_t class_id, int64_t user_id, const char *subject,
		    struct store_hw_poster *out, struct db_err *err);

/* History. shown = 1: visible on the public notice. */
int store_hw_change_add(struct db *db, int64_t d, int64_t class_id, int64_t hw_id,
			const char *day, int64_t at, int64_t user_id, const char *action, int shown,
			const char *reason, const char *old_json, const char *new_json,
			struct db_err *err);
/* Public changes of a class-day: made_at, action, reason, old_json, new_json. */
int store_hw_changes(struct db *db, int64_t class_id, const char *day, struct db_res **out,
		     struct db_err *err);
/* Whole history of an item: made_at, action, reason, old_json, new_json, display name. */
int store_hw_history(struct db *db, int64_t hw_id, struct db_res **out, struct db_err *err);

/* The head of a class's public notice of a day, and its stamp: everything
 * the notice is made of but the items, changes and plan, whose changes show
 * in the last change id and the settings version. Equal heads, equal
 * notices. Columns HEAD_*; 1 when the code is unknown. */
enum { HEAD_CLASS, HEAD_DISTRICT, HEAD_SCHOOL, HEAD_SCHOOL_NAME, HEAD_GRADE, HEAD_CLASS_NAME,
       HEAD_CODE, HEAD_CHANGE, HEAD_VERSION, HEAD_MARK, HEAD_IN_TERM, HEAD_REPORTS,
       HEAD_REPORTED_SUM };
int store_hw_public_head(struct db *db, const char *code, const char *day, struct db_res **out,
			 struct db_err *err);

/* School settings: approval, plan, updated_at, head_any_subject (1 when
 * never set). */
int store_hw_school_get(struct db *db, int64_t school_id, struct db_res **out,
			struct db_err *err);
/* Whether a head teacher may post for subjects they do not teach (0/1),
 * the school's row made with the defaults when it has none (migration 0013). */
int store_hw_school_head_any_set(struct db *db, int64_t d, int64_t school_id, int head_any,
				 int64_t now, int64_t user_id, struct db_err *err);
/* HW_DIFFICULTY: up to n published items of [from, to] (YYYY-MM-DD) for a
 * weekly check against the curriculum standard, in a fixed pseudo-random
 * order: the school's (school_id > 0) or, for head_user > 0, those of the
 * grades they head (grade_head) and subjects they head (subject_head) in
 * their school, not their own. Item columns (HWC_*). */
int store_hw_difficulty_sample(struct db *db, int64_t school_id, int64_t head_user,
			       const char *from, const char *to, int n, struct db_res **out,
			       struct db_err *err);
/* The checks of a school's items assigned in [from, to]: homework_id,
 * within_standard, note, reviewer's display name, reviewed_at. */
int store_hw_difficulty_reviews(struct db *db, int64_t school_id, const char *from,
				const char *to, struct db_res **out, struct db_err *err);
/* *yes: the user heads the item's grade or subject in its school. */
int store_hw_heads_item(struct db *db, int64_t user_id, int64_t hw_id, int *yes,
			struct db_err *err);
/* Record (or replace) a check. */
int store_hw_difficulty_review_set(struct db *db, int64_t d, int64_t school_id, int64_t hw_id,
				   int64_t reviewer, int within, const char *note, int64_t now,
				   struct db_err *err);
/* The subjects a teacher (user) teaches in a class now, in order. */
int store_hw_taught_subjects(struct db *db, int64_t class_id, int64_t user_id,
			     struct db_res **out, struct db_err *err);
/* plan NULL keeps the current plan. */
int store_hw_school_set(struct db *db, int64_t d, int64_t school_id, int approval,
			const char *plan, int64_t now, int64_t user_id, struct db_err *err);

/* Grading record of an item (one per item; a new record replaces the old). */
int store_hw_grading_set(struct db *db, int64_t d, int64_t school_id, int64_t hw_id,
			 const char *method, int reviewed, const char *notes, int64_t user_id,
			 int64_t now, struct db_err *err);

/* Reports of actual time. */
int store_hw_report_set(struct db *db, int64_t d, int64_t school_id, int64_t class_id,
			int64_t student_id, const char *day, int minutes, int finished,
			const char *reason, const char *note, int64_t user_id, int64_t now,
			struct db_err *err);
/* A class-day's reports: families, sum of minutes, unfinished count. */
/* The families' notes on a class-day's reports, newest first: student name,
 * minutes, finished, reason, note, made_at. Only reports with a note. */
int store_hw_report_notes(struct db *db, int64_t class_id, const char *day, struct db_res **out,
			  struct db_err *err);
int store_hw_report_stats(struct db *db, int64_t class_id, const char *day, long *n, long *sum,
			  long *unfinished, struct db_err *err);
/* A child's own report of a day: minutes, finished, reason, note (1: none). */
int store_hw_report_get(struct db *db, int64_t student_id, const char *day, struct db_res **out,
			struct db_err *err);
/* Unfinished reports of a child in [from, to]: day, reason. */
int store_hw_unfinished(struct db *db, int64_t student_id, const char *from, const char *to,
			struct db_res **out, struct db_err *err);

/* Follow-ups. open: insert unless one is open for the child (*created 0/1). */
int store_hw_followup_open(struct db *db, int64_t d, int64_t school_id, int64_t class_id,
			   int64_t student_id, const char *day, int unfinished,
			   const char *reasons_json, int64_t now, int64_t *id, int *created,
			   struct db_err *err);
/* Follow-ups of a school (class_id 0: all; head_user 0: any, else only the
 * classes that user heads); status "" = any: id, class_id, class name,
 * student_id, student name, opened_on, unfinished, reasons, status, note,
 * closed_at. */
int store_hw_followups(struct db *db, int64_t d, int64_t school_id, int64_t head_user,
		       const char *status, struct db_res **out, struct db_err *err);
/* id, school_id, class_id, status, head teacher's user id (0 when none). */
int store_hw_followup_get(struct db *db, int64_t d, int64_t id, struct db_res **out,
			  struct db_err *err);
int store_hw_followup_close(struct db *db, int64_t id, const char *note, int64_t user_id,
			    int64_t now, struct db_err *err);

/* Refused posts. */
int store_hw_refusal_add(struct db *db, int64_t d, int64_t school_id, int64_t class_id,
			 int64_t user_id, int64_t now, const char *day, const char *code,
			 const char *subject, int minutes, const char *details, struct db_err *err);
/* school_id 0 = the whole district: made_at, day, code, subject, minutes,
 * details, class_id, class name, school name, poster name. Newest first, at most limit. */
int store_hw_refusals(struct db *db, int64_t d, int64_t school_id, const char *from,
		      const char *to, int limit, struct db_res **out, struct db_err *err);

/* Views over [from, to]; school_id 0 = the whole district.
 * Class-days with homework: class_id, day, written_minutes (counted),
 * school_id, class name, grade, school name. */
int store_hw_stats_declared(struct db *db, int64_t d, int64_t school_id, const char *from,
			    const char *to, struct db_res **out, struct db_err *err);
/* Reports per class-day: class_id, day, families, sum minutes, unfinished. */
int store_hw_stats_reported(struct db *db, int64_t d, int64_t school_id, const char *from,
			    const char *to, struct db_res **out, struct db_err *err);
/* Per teacher (the staff record an item was posted as; 0 and the account's
 * name when none): staff_id, name, items, written items, graded, reviewed,
 * face-to-face, sum of written minutes. Published and pending items only. */
int store_hw_stats_teachers(struct db *db, int64_t d, int64_t school_id, const char *from,
			    const char *to, struct db_res **out, struct db_err *err);
/* Grading coverage per class: class_id, class name, published items,
 * graded, reviewed in class, school name. */
int store_hw_stats_classes(struct db *db, int64_t d, int64_t school_id, const char *from,
			   const char *to, struct db_res **out, struct db_err *err);
/* Class-days with items posted as the user's staff records: class_id, day,
 * class name (for the estimate comparison). */
int store_hw_teacher_days(struct db *db, int64_t user_id, const char *from, const char *to,
			  struct db_res **out, struct db_err *err);

#endif
