/* app_sv_computed.h - the supervision items the platform computes from its
 * own records (issue 15, part SB; 六, annex B10 B12 B13 B14 B16 B17 B18 B21
 * B22 B25 B28). Which C item a figure answers, and its pass marks, are the
 * pack's (each computable item's "computed" block, policy_sv_item).
 *
 * One item's figure: {value, unit, rule, evidence_url, basis, score, marks:
 * {met, partly, better}, parts?: [{name, value, count, total}]}, where
 * score is the verdict on the pack's SV_SCALE keys ("met", "partly",
 * "not_met"); or {missing: "…which records are missing…"} when the school
 * has no such records for the term — never a number without records. */
#ifndef SJ_APP_SV_COMPUTED_H
#define SJ_APP_SV_COMPUTED_H

#include "app/app.h"

#include <jansson.h>
#include <stdint.h>

/* One school, one term (term_id 0: the term in force): *out (new
 * reference, the caller's) = object keyed by C item id ("B10.2") → the
 * figure or {missing}. Readers of the school only: the district admin, an
 * inspector, the school's principal or academic office; 404 NOT_FOUND for
 * another school or an unknown term; store errors as app_db_fail. */
int app_sv_computed(struct app *a, const struct actor *who, int64_t school_id, int64_t term_id,
		    json_t **out, struct app_err *e);
/* Every live school of the district for a term, with the same dozen
 * set-based queries as one school: *out = object keyed by school id (as
 * text) → the per-school object above. District admin and inspector only
 * (403 FORBIDDEN); 404 NOT_FOUND for an unknown term. */
int app_sv_computed_all(struct app *a, const struct actor *who, int64_t term_id, json_t **out,
			struct app_err *e);
/* GET /api/v1/schools/{id}/computed-items?term_id=: {school_id, term_id,
 * term, items: [{id, …the figure or missing}] in the pack's order}; 400
 * QUERY_INVALID term_id. */
int app_sv_computed_get(struct app *a, const struct actor *who, int64_t school_id,
			const char *term_id, json_t **out, struct app_err *e);

#endif
