/* app_hw.h - homework use cases (issue 4; DOMAIN.md "Homework").
 *
 * Posting checks the rules in core/homework.h inside the write transaction
 * that adds the item's minutes to its class-day total, so concurrent posts
 * for one class and day are serialised on that row and cannot together pass
 * the limit. A refused post is not stored; the refusal is recorded (with its
 * rule code and numbers) for the school's and the bureau's views, and
 * audited. Dates are district-local YYYY-MM-DD. */
#ifndef SJ_APP_HW_H
#define SJ_APP_HW_H

#include "app/app.h"
#include "util/table.h"

struct hw_in {
	int64_t class_id, minutes;
	const char *subject, *kind, *tier, *title, *content, *assigned_on, *due_on, *reason;
	const char *level; /* HW_DIFFICULTY: standard (课标内, default) | extension (拓展/超纲) */
};
extern const struct jfield hw_post_fields[];
extern const size_t hw_post_nfields;
extern const struct jfield hw_edit_fields[]; /* no class_id / assigned_on; reason required */
extern const size_t hw_edit_nfields;

/* Teacher: post an item for a class they teach (the subject) or head.
 * 201: {"item", "totals"}; 422 HW_* with details limit_minutes,
 * used_minutes, requested_minutes, date (and keyword for HW_PARENT). With
 * the school's approval switch on, the item waits (status pending) and its
 * minutes are reserved. */
int app_hw_post(struct app *a, const struct actor *who, const struct hw_in *in, json_t **out,
		struct app_err *e);
/* The poster (or the school's principal / academic office) edits an item:
 * the rules are checked again with the item's own minutes taken out; the
 * old version stays in the history with the reason. */
int app_hw_edit(struct app *a, const struct actor *who, int64_t id, const struct hw_in *in,
		json_t **out, struct app_err *e);
/* Withdraw (poster or school manager) with a reason; minutes are released. */
int app_hw_withdraw(struct app *a, const struct actor *who, int64_t id, const char *reason,
		    struct app_err *e);
/* Principal / academic office: approve or return ("approve"|"return") a pending item. */
int app_hw_review(struct app *a, const struct actor *who, int64_t id, const char *action,
		  const char *reason, struct app_err *e);
int app_hw_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
	       struct app_err *e);
/* Items waiting for approval in the actor's school. */
int app_hw_pending(struct app *a, const struct actor *who, json_t **out, struct app_err *e);

/* A class-day: items, written_minutes, limit_minutes, remaining_minutes,
 * day_kind, by_subject, the reported average and flags. date NULL = today. */
int app_hw_class_day(struct app *a, const struct actor *who, int64_t class_id, const char *date,
		     json_t **out, struct app_err *e);
/* The public notice of a class (no sign-in, no student names). */
int app_hw_public(struct app *a, const char *public_code, const char *date, json_t **out,
		  struct app_err *e);

/* The same notice as JSON text (malloc'd), served from a cache whose every
 * entry is checked against the store's stamp of the notice (one query)
 * before it is used: a change is visible at once, in every process. */
int app_hw_public_text(struct app *a, const char *public_code, const char *date, char **body,
		       size_t *len, struct app_err *e);

/* School settings: approval switch, the homework plan (一校一案) and
 * head_any_subject: whether a head teacher may post for subjects of the
 * class they do not teach (default yes). plan NULL and head_any -1 keep
 * what is stored. */
int app_hw_settings_get(struct app *a, const struct actor *who, int64_t school_id, json_t **out,
			struct app_err *e);
int app_hw_settings_set(struct app *a, const struct actor *who, int64_t school_id, int approval,
			const char *plan, int head_any, struct app_err *e);

/* The subjects a teacher may post for a class (the 布置作业 form's list):
 * those they teach there, or, for its head teacher where the school allows
 * it, every subject of the grade's curriculum; in both cases only subjects
 * the pack's HW_SUBJECT_GRADE table has in the class's grade.
 * {"class_id", "grade", "is_head", "head_any_subject", "subjects":
 * [{"subject", "teaches"}]}. Teachers only (403); a class not theirs 404. */
int app_hw_subjects(struct app *a, const struct actor *who, int64_t class_id, json_t **out,
		    struct app_err *e);

/* HW_DIFFICULTY (app_hw_difficulty.c): the week's sample for a check against
 * the curriculum standard (课标). week: any date of the week (default this
 * week). The principal / academic office get their school's, a grade or
 * subject head (teacher) those of their grades and subjects, never their own
 * posts. {"from", "to", "sample_per_week", "items": [item + "review": null |
 * {within_standard, note, reviewer, reviewed_at}]}. 403 for other roles. */
int app_hw_difficulty_sample(struct app *a, const struct actor *who, const char *week,
			     json_t **out, struct app_err *e);
/* Record the check of a published item: body {"within_standard": bool,
 * "note"} (note required when it is not). The school's principal / academic
 * office or a head of the item's grade or subject, not its poster (404
 * otherwise, as for a missing item); 409 HW_NOT_PUBLISHED. Audited
 * homework.difficulty_review. Answers {"homework_id", "within_standard", "note"}. */
int app_hw_difficulty_review(struct app *a, const struct actor *who, int64_t id, json_t *body,
			     json_t **out, struct app_err *e);

/* Grading record (有留必查、有查必改、有改必讲、有错必纠): method teacher|face|peer|group;
 * self is refused with HW_SELF_GRADING. */
int app_hw_grading(struct app *a, const struct actor *who, int64_t id, const char *method,
		   int reviewed, const char *notes, struct app_err *e);

/* A parent reports their child's actual time for a day (one report per
 * child and day; a new one replaces it). When the child has not finished
 * HW_NONCOMPLETION times in the window of school days, a follow-up opens
 * for the head teacher. */
struct hw_report_in {
	int64_t student_id, minutes;
	int finished;
	const char *date, *reason, *note;
};
extern const struct jfield hw_report_fields[];
extern const size_t hw_report_nfields;
int app_hw_report(struct app *a, const struct actor *who, const struct hw_report_in *in,
		  json_t **out, struct app_err *e);

/* A parent's own report of a child's day: {student_id, date, report: null |
 * {minutes, finished, reason, reason_name, note}}. */
int app_hw_report_get(struct app *a, const struct actor *who, const char *student_id,
		      const char *date, json_t **out, struct app_err *e);

/* Follow-ups: head teachers see their classes', principal / academic office
 * their school's. status "", "open" or "closed". */
int app_hw_followups(struct app *a, const struct actor *who, const char *status, json_t **out,
		     struct app_err *e);
int app_hw_followup_close(struct app *a, const struct actor *who, int64_t id, const char *note,
			  struct app_err *e);

/* School view (principal, academic office: own school) and district view
 * (admin, inspector; school_id NULL or "" = every school): per class-day
 * declared vs reported vs limit, violations, refusals, grading coverage per
 * teacher. from/to default to the last 14 days; at most 62 days. */
int app_hw_stats(struct app *a, const struct actor *who, const char *school_id,
		 const char *from, const char *to, json_t **out, struct app_err *e);
/* The same class-day rows as a table for the .xlsx export (audited). */
int app_hw_stats_table(struct app *a, const struct actor *who, const char *school_id,
		       const char *from, const char *to, struct table *t, struct app_err *e);
extern const char *const hw_stats_header[];
extern const size_t hw_stats_ncols;
/* A teacher's estimates against reported time, per class-day they posted on. */
int app_hw_estimates(struct app *a, const struct actor *who, const char *from, const char *to,
		     json_t **out, struct app_err *e);

#endif
