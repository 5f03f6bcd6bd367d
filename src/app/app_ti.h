/* app_ti.h - the off-campus training institution registry (issue 13, part
 * A; DOMAIN.md "Off-campus training institutions", seed 五(一)1-2): operators'
 * applications, the bureau's review against the published checklist, the
 * registry kept current, the bureau's view and the public list.
 *
 * Who: an operator (role institution) applies and sees and edits only the
 * institutions it runs (institution.operator_user_id; another's answers
 * 404). The district admin decides applications; the district admin, the
 * inspector and enforcement read the registry. The public list needs no
 * sign-in and shows approved (白名单), revoked or unlicensed (黑名单)
 * institutions only, without the operator. */
#ifndef SJ_APP_TI_H
#define SJ_APP_TI_H

#include "app/app.h"
#include "util/table.h"

/* POST /api/v1/institutions/applications {name, credit_code, licence_no,
 * address, category, serves:[preschool|primary|junior|senior],
 * courses:[{name, category, grades:[lo, hi] (0 学龄前 .. 12 高三), fee (元,
 * number or "123.45"), lessons, months}], staff?:[{name, qualification,
 * certificate_no?}]}. 201 {application, institution, warnings:[…]}: the
 * institution is stored pending with its operator; a course above the
 * prepayment cap is stored flagged and warned (TI_PREPAY_CAP). Refusals,
 * nothing stored: 422 TI_CREDIT_CODE (details.field), FIELD_REQUIRED /
 * FIELD_INVALID (details.field), TI_PRESCHOOL / TI_SUBJECT / TI_CATEGORY
 * (details.clause, details.course); 409 TI_PENDING (the operator has an
 * application under review), TI_DUPLICATE (the credit code is registered).
 * Audited institution.apply. */
int app_ti_apply(struct app *a, const struct actor *who, json_t *body, json_t **out,
		 struct app_err *e);
/* Applications newest first: an operator's own; the bureau's all
 * (?status=pending|approved|refused). Paged by cursor (an id) and limit. */
int app_ti_applications(struct app *a, const struct actor *who, const char *status,
			const char *cursor, const char *limit, json_t **out, struct app_err *e);
/* One application with its institution, courses and staff (404 when not
 * the operator's). */
int app_ti_application_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
			   struct app_err *e);
/* POST …/applications/{id}/decision {decision: approve|refuse, reason,
 * checklist:[the pack's TI_STANDARDS items confirmed]} (district admin):
 * approve needs every item (422 TI_STANDARDS, details.missing), refuse a
 * reason (422 FIELD_REQUIRED); 409 TI_NOT_PENDING once decided. The
 * institution becomes approved (白名单) or refused. Audited
 * institution.decide. */
int app_ti_decide(struct app *a, const struct actor *who, int64_t id, json_t *body,
		  json_t **out, struct app_err *e);

/* One institution with its current courses and staff (the bureau, or its
 * operator). */
int app_ti_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
	       struct app_err *e);
/* PUT /api/v1/institutions/{id}/courses {courses:[…]} and …/staff
 * {staff:[…]} (its operator, while pending or approved: 409 TI_STATUS
 * otherwise): the new list replaces the current one (the old rows are kept,
 * withdrawn). Courses are checked as in an application (TI_PRESCHOOL,
 * TI_SUBJECT, TI_CATEGORY refuse; TI_PREPAY_CAP warns). Audited
 * institution.courses / institution.staff. */
int app_ti_courses_set(struct app *a, const struct actor *who, int64_t id, json_t *body,
		       json_t **out, struct app_err *e);
int app_ti_staff_set(struct app *a, const struct actor *who, int64_t id, json_t *body,
		     json_t **out, struct app_err *e);

/* The bureau's list: ?status=&category=&q=&warned=1&cursor=&limit=. */
struct ti_filter {
	const char *status, *category, *q, *warned, *cursor, *limit;
};
int app_ti_list(struct app *a, const struct actor *who, const struct ti_filter *f,
		json_t **out, struct app_err *e);
/* Counts by status and by category, and institutions with a warned course. */
int app_ti_stats(struct app *a, const struct actor *who, json_t **out, struct app_err *e);
/* The filtered list as rows for an .xlsx export (ti_export_header). Audited
 * institution.export. */
extern const char *const ti_export_header[];
extern const size_t ti_export_ncols;
int app_ti_table(struct app *a, const struct actor *who, const struct ti_filter *f,
		 struct table *t, struct app_err *e);

/* GET /public/v1/institutions?q=&status=approved|revoked|unlicensed&cursor=&limit=
 * (no sign-in; status defaults to approved, limit to 20; 400 QUERY_INVALID
 * otherwise). */
int app_ti_public(struct app *a, const char *status, const char *q, const char *cursor,
		  const char *limit, json_t **out, struct app_err *e);
/* The same answer as JSON text (malloc'd, *len bytes), kept in the app's
 * public-answer cache under the query and the registry's change stamp
 * (store_ti_stamp). An answer is kept only when the latest change is at
 * least TI_CACHE_SETTLE_S seconds old, so a change made later, by any
 * process, gets a newer stamp and is never answered from a stale entry. */
#define TI_CACHE_SETTLE_S 2
int app_ti_public_text(struct app *a, const char *status, const char *q, const char *cursor,
		       const char *limit, char **body, size_t *len, struct app_err *e);

#endif
