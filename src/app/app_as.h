/* app_as.h - after-school service use cases (issue 5; DOMAIN.md
 * "After-school service"). So far: each school's term plan of service
 * slots, checked against the pack (core/afterschool.h). */
#ifndef SJ_APP_AS_H
#define SJ_APP_AS_H

#include "app/app.h"
#include "util/table.h"

/* The principal or academic office of the school (or the district admin)
 * sets a term's plan: body {"term_id", "slots":[{"weekday":1-7,
 * "start":"HH:MM", "end":"HH:MM", "kind":"regular"|"extended"|"evening"}]}.
 * 201 with the plan; 422 with the AS_ rule code (AS_FIVE_DAYS, AS_END_TIME,
 * AS_COVERAGE against the school's 放学时间, AS_EVENING_JUNIOR, AS_WEEKEND,
 * AS_SLOT_TIMES, AS_SLOT_OVERLAP) and
 * details {rule, weekday, slot, value, limit, clause}; nothing stored then.
 * A new plan supersedes the term's current one (version + 1). Audited. */
int app_as_plan_set(struct app *a, const struct actor *who, int64_t school_id, json_t *body,
		    json_t **out, struct app_err *e);
/* The current plan of a school's term ({"plan": null} when none). */
int app_as_plan_get(struct app *a, const struct actor *who, int64_t school_id,
		    const char *term_id, json_t **out, struct app_err *e);

/* The school's after-school settings (app_as_settings.c): its dismissal time
 * per weekday (放学时间), which the plan's regular service starts from
 * (AS_COVERAGE). {"school_id", "dismissal": [7 × "HH:MM" or null, Monday
 * first], "max_gap_minutes"}. Readers of the school; 404 otherwise. */
int app_as_settings_get(struct app *a, const struct actor *who, int64_t school_id,
			json_t **out, struct app_err *e);
/* The principal or academic office (or the district admin) sets them: body
 * {"dismissal": [7 × "HH:MM" or null]}. 400/422 naming the field
 * (dismissal.N); audited afterschool.settings; answers as _get. */
int app_as_settings_set(struct app *a, const struct actor *who, int64_t school_id,
			json_t *body, json_t **out, struct app_err *e);

/* The menu. The school's principal / academic office (or the district
 * admin) adds a program: {school_id, term_id, name, category, grades:[..],
 * capacity, days:[1-7..], start, end, venue, staff:[{name, type, staff_id?,
 * vetting?, vetted_on?}], fee_fen?, fee_doc?, apply_until}. 422
 * AS_STAFF_VETTING (an outsider without a vetting record), AS_FEES (a fee
 * without its approval document), AS_SLOT_TIMES. Audited. */
int app_as_program_create(struct app *a, const struct actor *who, json_t *body, json_t **out,
			  struct app_err *e);
/* Programs of a visible school's term, with applied / admitted / waitlisted counts. */
int app_as_programs(struct app *a, const struct actor *who, const char *school_id,
		    const char *term_id, json_t **out, struct app_err *e);

/* A parent applies for their child: {student_id, term_id, choices:[program
 * ids, 1-3 in order], extended_care?, extended_reason?, alone_consent?,
 * voluntary: true}.
 * 422 AS_VOLUNTARY (consent not given), AS_PROGRAM_MISMATCH (another
 * school, term or grade), AS_DEADLINE (after apply_until), AS_CAPACITY (the
 * first choice is already full); 409 AS_ALREADY_APPLIED; 404 a child not
 * theirs. The consent is recorded with its time. Audited. */
int app_as_apply(struct app *a, const struct actor *who, json_t *body, json_t **out,
		 struct app_err *e);
/* A parent's children's applications, or a school's (managers; the bureau
 * with school_id). */
int app_as_applications(struct app *a, const struct actor *who, const char *school_id,
			const char *term_id, const char *status, const char *cursor,
			const char *limit, json_t **out, struct app_err *e);
/* Withdraw at any time (the parent, or the school's managers). Audited. */
int app_as_withdraw(struct app *a, const struct actor *who, int64_t id, struct app_err *e);
/* Allocate a school's term: first choices first, capacity respected, the
 * rest on a waitlist. Audited. {applications, admitted, waitlisted}. */
int app_as_allocate(struct app *a, const struct actor *who, int64_t school_id, json_t *body,
		    json_t **out, struct app_err *e);

/* Sessions. The school's managers generate a program's sessions for
 * {from, to}: its weekdays that are school days in the term (or its weekend
 * day outside holidays); existing ones are kept. {created, existing}. */
int app_as_sessions_generate(struct app *a, const struct actor *who, int64_t program_id,
			     json_t *body, json_t **out, struct app_err *e);
/* A program's sessions in [from, to] (the school's staff, inspectors). */
int app_as_sessions(struct app *a, const struct actor *who, int64_t program_id,
		    const char *from, const char *to, json_t **out, struct app_err *e);
/* One session with its roster (the admitted children, their attendance and handover). */
int app_as_session_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		       struct app_err *e);
/* The teacher on duty: {records:[{student_id, status: present|absent|leave}],
 * content, form?, no_new_lesson}. Content that reads like a new lesson, or
 * no declaration, is stored and answered as an AS_NO_NEW_LESSON flag. 422
 * AS_NOT_ENROLLED for a child not admitted (nothing stored). Audited. */
int app_as_attendance(struct app *a, const struct actor *who, int64_t id, json_t *body,
		      json_t **out, struct app_err *e);
/* {records:[{student_id, state: guardian|extended|evening|alone,
 * guardian_id?}]}: 422 AS_HANDOVER_GUARDIAN (not a recorded guardian),
 * AS_HANDOVER_CONSENT (alone without the standing consent), AS_NOT_PRESENT;
 * all or nothing. Audited. */
int app_as_handover(struct app *a, const struct actor *who, int64_t id, json_t *body,
		    json_t **out, struct app_err *e);
/* AS_HANDOVER: present children with no handover AS_HANDOVER minutes after
 * their session ended today (principal / academic office: the school; head
 * teachers: their classes). */
int app_as_alerts(struct app *a, const struct actor *who, json_t **out, struct app_err *e);

/* POST /api/v1/afterschool/sessions/{id}/review {outcome: cleared|confirmed,
 * note}: the school's review of a session flagged AS_NO_NEW_LESSON (409
 * AS_NOT_FLAGGED otherwise). Recording the session again clears it. */
int app_as_session_review(struct app *a, const struct actor *who, int64_t id, json_t *body,
			  json_t **out, struct app_err *e);

/* Quality measures (B18) of a school's term: participation (live
 * applications / students) by school, grade and class; sessions recorded
 * and flagged (AS_NO_NEW_LESSON); attendance rate. District admin,
 * inspector, the school's principal / academic office. */
int app_as_metrics(struct app *a, const struct actor *who, int64_t school_id, const char *term,
		   json_t **out, struct app_err *e);

/* ---- records for inspection (app_as_records.c, app_as_archive.c) ---- */

/* GET /api/v1/afterschool/sessions?day=: the actor's school's sessions of a
 * day (a teacher: programs with them on the staff); day "" = today. */
int app_as_day_sessions(struct app *a, const struct actor *who, const char *day, json_t **out,
			struct app_err *e);
/* POST /api/v1/afterschool/sessions/{id}/incidents */
int app_as_incident_create(struct app *a, const struct actor *who, int64_t session_id,
			   json_t *body, json_t **out, struct app_err *e);
/* GET /api/v1/schools/{id}/afterschool-incidents?term=&cursor=&limit= */
int app_as_incidents(struct app *a, const struct actor *who, int64_t school_id,
		     const char *term, const char *cursor, const char *limit, json_t **out,
		     struct app_err *e);
/* POST /api/v1/schools/{id}/afterschool-safety-checks */
int app_as_safety_create(struct app *a, const struct actor *who, int64_t school_id,
			 json_t *body, json_t **out, struct app_err *e);
/* GET …/afterschool-safety-checks?term=: the checks and each venue's
 * AS_VENUE_CHECK state. */
int app_as_safety_list(struct app *a, const struct actor *who, int64_t school_id,
		       const char *term, const char *venue, json_t **out, struct app_err *e);
/* GET …/afterschool-hours?term=: minutes served per teacher per week (弹性上下班). */
int app_as_hours(struct app *a, const struct actor *who, int64_t school_id, const char *term,
		 json_t **out, struct app_err *e);
/* GET /api/v1/afterschool-metrics?term=&cursor=&limit=: the district view. */
int app_as_district_metrics(struct app *a, const struct actor *who, const char *term,
			    const char *cursor, const char *limit, json_t **out,
			    struct app_err *e);

/* The term archive: AS_ARCHIVE_SHEETS tables (zeroed by the caller, freed
 * with table_free), one per as_archive_sheets entry. Audited. */
#define AS_ARCHIVE_SHEETS 7
struct as_archive_sheet {
	const char *name;
	const char *const *header;
	size_t ncols;
};
extern const struct as_archive_sheet as_archive_sheets[AS_ARCHIVE_SHEETS];
int app_as_archive(struct app *a, const struct actor *who, int64_t school_id, const char *term,
		   struct table t[AS_ARCHIVE_SHEETS], struct app_err *e);

#endif
