/* app_ticase.h - routine sweeps (常态化排查), visits with findings and
 * evidence, penalty cases (五(一)2; 四1 joint enforcement). Writes: the
 * enforcement role and the district admin; reads: those and the inspector.
 * Every write is one transaction with its audit row. */
#ifndef SJ_APP_TICASE_H
#define SJ_APP_TICASE_H

#include "app/app.h"

#include <stddef.h>

struct table;

/* POST /api/v1/sweeps {name, starts_on, ends_on, agencies:[edu|market|police],
 * area?, institution_ids?:[…]} -> the sweep. */
int app_ti_sweep_create(struct app *a, const struct actor *who, json_t *body, json_t **out,
			struct app_err *e);
int app_ti_sweep_list(struct app *a, const struct actor *who, const char *cursor,
		      const char *limit, json_t **out, struct app_err *e);
/* One sweep with its institutions and visits. */
int app_ti_sweep_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		     struct app_err *e);

/* POST /api/v1/visits {sweep_id?, institution_id | institution:{name,
 * credit_code, address?}, visited_on, agency, officers, findings:[…], note?}.
 * A finding "unlicensed" about an institution not in the registry adds it
 * with status unlicensed (the public 黑名单). */
int app_ti_visit_create(struct app *a, const struct actor *who, json_t *body, json_t **out,
			struct app_err *e);
int app_ti_visit_list(struct app *a, const struct actor *who, const char *sweep_id,
		      const char *institution_id, const char *cursor, const char *limit,
		      json_t **out, struct app_err *e);
int app_ti_visit_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		     struct app_err *e);

/* POST /api/v1/cases {institution_id, finding, note?, date?} -> the case at 立案. */
int app_ti_case_open(struct app *a, const struct actor *who, json_t *body, json_t **out,
		     struct app_err *e);
/* POST /api/v1/cases/{id}/steps {step, date?, note?, measures?:[{measure,
 * agency, amount?, deadline?}]} -> the case; 422 TI_CASE_ORDER / TI_PENALTY. */
int app_ti_case_step(struct app *a, const struct actor *who, int64_t id, json_t *body,
		     json_t **out, struct app_err *e);
/* Filters: stage, institution_id, overdue=1; newest first. */
int app_ti_case_list(struct app *a, const struct actor *who, const char *stage,
		     const char *institution_id, const char *overdue, const char *cursor,
		     const char *limit, json_t **out, struct app_err *e);
/* One case with its steps, measures, evidence and the next allowed step. */
int app_ti_case_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		    struct app_err *e);
/* The bureau view: open cases by stage and by age, overdue deadlines (each a
 * re-inspection task). */
int app_ti_case_overview(struct app *a, const struct actor *who, json_t **out,
			 struct app_err *e);
/* Every case as rows for an .xlsx (header ti_case_export_header). */
extern const char *const ti_case_export_header[];
extern const size_t ti_case_export_ncols;
int app_ti_case_export(struct app *a, const struct actor *who, struct table *t,
		       struct app_err *e);

/* Evidence of a visit or a case (owner_kind "visit" / "case"): the type is
 * read from the bytes (415 EVIDENCE_TYPE), the size capped by the pack
 * (TI_SWEEP evidence_max_kb; 413 EVIDENCE_TOO_LARGE). */
int app_ti_evidence_add(struct app *a, const struct actor *who, const char *owner_kind,
			int64_t owner_id, const char *name, const void *data, size_t len,
			json_t **out, struct app_err *e);
int app_ti_evidence_list(struct app *a, const struct actor *who, const char *owner_kind,
			 int64_t owner_id, json_t **out, struct app_err *e);
/* The bytes (malloc'd) and their type. */
int app_ti_evidence_get(struct app *a, const struct actor *who, const char *owner_kind,
			int64_t owner_id, int64_t id, void **data, size_t *len, char mime[32],
			struct app_err *e);

#endif
