/* app_sv_visit.h - supervision visits (督导检查) and rectification notices
 * (整改通知) (seed 六; issue 15 part SC; rules in core/sv_visit.h).
 *
 * The office (inspector, district admin) plans visits to the district's
 * schools with the district's inspector accounts, records findings per C
 * item with evidence files, issues notices listing items and a deadline
 * (SV_RECTIFY), and closes a notice by a re-visit (a visit linked to it)
 * with a result. The school's principal and academic office read their own
 * school's visits and notices and answer a notice with text and evidence;
 * another school's records answer 404. Every write is one transaction with
 * its audit row; a refusal stores nothing. *out is a new reference owned by
 * the caller; errors in e (status, code, Chinese message, details.clause). */
#ifndef SJ_APP_SV_VISIT_H
#define SJ_APP_SV_VISIT_H

#include "app/app.h"

#include <stddef.h>

struct table;

/* GET /api/v1/supervision/inspectors -> {items:[{id, name}]}: who can be
 * put on a visit. */
int app_sv_inspectors(struct app *a, const struct actor *who, json_t **out,
		      struct app_err *e);

/* POST /api/v1/supervision/visits {school_id, visit_on, inspector_ids:[…],
 * note?, notice_id?} -> {visit}. A school outside the district: 404; an id
 * that is not a live inspector of the district: 422 FIELD_INVALID; a
 * notice_id (a re-visit) of another school: 422, of a closed notice: 409
 * SV_NOTICE_CLOSED. */
int app_sv_visit_create(struct app *a, const struct actor *who, json_t *body, json_t **out,
			struct app_err *e);
/* Visits newest first (school_id filter; a school's own only for its
 * heads) -> {items, next_cursor}. */
int app_sv_visit_list(struct app *a, const struct actor *who, const char *school_id,
		      const char *cursor, const char *limit, json_t **out, struct app_err *e);
/* One visit with its inspectors, findings (each with evidence) and the
 * notices issued at it. */
int app_sv_visit_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		     struct app_err *e);
/* POST /api/v1/supervision/visits/{id}/findings {item_id, text} ->
 * {finding}; 422 SV_ITEM for an id not in the pack's table, 422
 * SV_VISIT_NOT_YET for a visit after today. */
int app_sv_finding_add(struct app *a, const struct actor *who, int64_t visit_id, json_t *body,
		       json_t **out, struct app_err *e);

/* Evidence of a finding (owner_kind "sv_finding": the office adds) or of a
 * school's answer ("sv_notice": the school adds while the notice is not
 * closed, else 409 SV_NOTICE_CLOSED). Type read from the bytes (422
 * EVIDENCE_TYPE), size bound from the pack (422 EVIDENCE_TOO_LARGE,
 * SV_EVIDENCE). -> {evidence:{id, file_name, mime, size}}. */
int app_sv_visit_evidence_add(struct app *a, const struct actor *who, const char *owner_kind,
			int64_t owner_id, const char *name, const void *data, size_t len,
			json_t **out, struct app_err *e);
/* One file's bytes (malloc'd, *len) and type. */
int app_sv_visit_evidence_get(struct app *a, const struct actor *who, const char *owner_kind,
			int64_t owner_id, int64_t id, void **data, size_t *len, char mime[32],
			struct app_err *e);

/* POST /api/v1/supervision/notices {visit_id, items:[C ids], text, days?,
 * issued_on?} -> {notice}; the deadline is issued_on (today by default, not
 * before the visit) plus days (the pack's default_days when absent; 1 to
 * max_days, else 422 SV_RECTIFY). */
int app_sv_notice_issue(struct app *a, const struct actor *who, json_t *body, json_t **out,
			struct app_err *e);
/* Filters: school_id, status (open|answered|closed), overdue=1; newest
 * first -> {items, next_cursor}. */
int app_sv_notice_list(struct app *a, const struct actor *who, const char *school_id,
		       const char *status, const char *overdue, const char *cursor,
		       const char *limit, json_t **out, struct app_err *e);
/* One notice with its items' texts, answer, evidence and closing. */
int app_sv_notice_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		      struct app_err *e);
/* POST /api/v1/supervision/notices/{id}/answer {text}: the school's heads
 * only (a later answer replaces the earlier one until the notice is
 * closed); 409 SV_NOTICE_CLOSED after the re-visit closed it. */
int app_sv_notice_answer(struct app *a, const struct actor *who, int64_t id, json_t *body,
			 json_t **out, struct app_err *e);
/* POST /api/v1/supervision/notices/{id}/close {visit_id, result:
 * rectified|not_rectified, note?}: the visit must be a re-visit of this
 * notice (notice_id), on or after its issue day and not after today. */
int app_sv_notice_close(struct app *a, const struct actor *who, int64_t id, json_t *body,
			json_t **out, struct app_err *e);
/* Every notice of the district as rows (header sv_notice_export_header). */
extern const char *const sv_notice_export_header[];
extern const size_t sv_notice_export_ncols;
int app_sv_notice_export(struct app *a, const struct actor *who, struct table *t,
			 struct app_err *e);

/* The district's overdue notices for the dashboard: *out = {count, items:
 * [{id, school:{id, name}, issued_on, deadline, days_overdue, status,
 * items:[C ids]}]} (deadline passed, not closed; SV_RECTIFY). The office
 * only (403 otherwise). */
int app_sv_overdue_notices(struct app *a, const struct actor *who, json_t **out,
			   struct app_err *e);

#endif
