/* store_ticase.h - sweeps, visits, findings and penalty cases
 * (0011_ti_cases.sql), and the few institution rows they write themselves
 * (0010_institutions.sql): one found unlicensed by a visit (a status change
 * and a read are store_ti.h's). SQL only: the rules are core/ticase.h's. */
#ifndef SJ_STORE_TICASE_H
#define SJ_STORE_TICASE_H

#include "store/db.h"

#include <stdint.h>

struct store_ti_institution {
	int64_t district_id;
	const char *name, *credit_code, *address, *category, *status, *status_note;
	int64_t now;
};
/* Insert the institution, or find the district's row with that credit code
 * (left as it is): *id, and *created 1 when it is new. */
int store_ti_institution_put(struct db *db, const struct store_ti_institution *in, int64_t *id,
			     int *created, struct db_err *err);
/* ---- sweeps ---- */
struct store_ti_sweep {
	int64_t district_id;
	const char *name, *starts_on, *ends_on, *agencies, *area;
	int64_t created_by, now;
};
int store_ti_sweep_insert(struct db *db, const struct store_ti_sweep *s, int64_t *id,
			  struct db_err *err);
int store_ti_sweep_add_institution(struct db *db, int64_t sweep_id, int64_t institution_id,
				   struct db_err *err);
/* Columns of a sweep row. */
enum { SWC_ID, SWC_NAME, SWC_FROM, SWC_TO, SWC_AGENCIES, SWC_AREA, SWC_BY, SWC_AT,
       SWC_VISITS };
/* Newest first, id < before (0: from the newest). */
int store_ti_sweep_list(struct db *db, int64_t d, int64_t before, int limit,
			struct db_res **out, struct db_err *err);
int store_ti_sweep_get(struct db *db, int64_t d, int64_t id, struct db_res **out,
		       struct db_err *err);
/* id, name, status of the institutions a sweep names. */
int store_ti_sweep_institutions(struct db *db, int64_t sweep_id, struct db_res **out,
				struct db_err *err);

/* ---- visits ---- */
struct store_ti_visit {
	int64_t district_id, sweep_id; /* 0: none */
	int64_t institution_id;
	const char *visited_on, *agency, *officers, *note;
	int64_t created_by, now;
};
int store_ti_visit_insert(struct db *db, const struct store_ti_visit *v, int64_t *id,
			  struct db_err *err);
int store_ti_visit_finding(struct db *db, int64_t visit_id, const char *finding,
			   struct db_err *err);
enum { VIC_ID, VIC_SWEEP, VIC_INST, VIC_INST_NAME, VIC_INST_STATUS, VIC_ON, VIC_AGENCY,
       VIC_OFFICERS, VIC_NOTE, VIC_BY, VIC_AT, VIC_FINDINGS };
/* Newest first; sweep_id / institution_id 0 for any. VIC_FINDINGS is a
 * comma list. */
int store_ti_visit_list(struct db *db, int64_t d, int64_t sweep_id, int64_t institution_id,
			int64_t before, int limit, struct db_res **out, struct db_err *err);
int store_ti_visit_get(struct db *db, int64_t d, int64_t id, struct db_res **out,
		       struct db_err *err);

/* ---- cases ---- */
struct store_ti_case {
	int64_t district_id, institution_id;
	const char *finding, *opened_on;
	int64_t created_by, now;
};
int store_ti_case_insert(struct db *db, const struct store_ti_case *c, int64_t *id,
			 struct db_err *err);
int store_ti_case_step(struct db *db, int64_t case_id, const char *step, const char *on_date,
		       const char *note, int64_t by, int64_t now, struct db_err *err);
/* Move the case to stage (a stage step) or record its rectification day
 * (rectified_on not NULL). */
int store_ti_case_stage(struct db *db, int64_t case_id, const char *stage, int64_t now,
			struct db_err *err);
int store_ti_case_rectified(struct db *db, int64_t case_id, const char *on_date, int64_t now,
			    struct db_err *err);
int store_ti_case_measure(struct db *db, int64_t case_id, int seq, const char *measure,
			  const char *agency, int64_t amount_fen, const char *deadline,
			  struct db_err *err);
enum { CAC_ID, CAC_INST, CAC_INST_NAME, CAC_INST_STATUS, CAC_FINDING, CAC_STAGE, CAC_OPENED,
       CAC_RECTIFIED, CAC_DEADLINE, CAC_LAST_STEP_ON, CAC_UPDATED };
/* Newest first. stage NULL: any; institution_id 0: any; overdue_before not
 * NULL: only cases whose deadline is before that day with no
 * rectification. CAC_DEADLINE: the decision's deadline or NULL. */
int store_ti_case_list(struct db *db, int64_t d, const char *stage, int64_t institution_id,
		       const char *overdue_before, int64_t before, int limit,
		       struct db_res **out, struct db_err *err);
/* The same columns for one case, held for update when lock: 0, 1 none, -1. */
int store_ti_case_get(struct db *db, int64_t d, int64_t id, int lock, struct db_res **out,
		      struct db_err *err);
/* step, on_date, note, created_by name, created_at: oldest first. */
int store_ti_case_steps(struct db *db, int64_t case_id, struct db_res **out,
			struct db_err *err);
/* measure, agency, amount_fen (NULL), deadline (NULL): in order. */
int store_ti_case_measures(struct db *db, int64_t case_id, struct db_res **out,
			   struct db_err *err);
/* stage, count, oldest opened_on of the district's cases (all stages). */
int store_ti_case_by_stage(struct db *db, int64_t d, struct db_res **out, struct db_err *err);
/* opened_on of every case not closed (for the age chart). */
int store_ti_case_open_dates(struct db *db, int64_t d, struct db_res **out,
			     struct db_err *err);

#endif
