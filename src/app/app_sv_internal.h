/* app_sv_internal.h - shared by app_sv*.c only. */
#ifndef SJ_APP_SV_INTERNAL_H
#define SJ_APP_SV_INTERNAL_H

#include "app/app_internal.h"
#include "app/app_sv.h"
#include "core/supervision.h"

/* The round (store_sv.h row) of the district: 0, or -1 with 404/db error. */
int sv_round_load(struct app *a, struct db *db, const struct actor *who, int64_t id,
		  struct db_res **r, struct app_err *e);
json_t *sv_round_json(const struct app *a, const struct db_res *r);

/* One school's C points in a round, from the scores of store_sv_scores
 * rows [from, to): self and inspector (-1 unscored). */
struct sv_points {
	int self[SV_MAX_C], insp[SV_MAX_C];
};
void sv_points_fill(const struct app *a, const struct sv_table *t, const struct db_res *r,
		    int from, int to, struct sv_points *pt);
/* A roll-up figure as JSON: one decimal, or null when nothing is scored. */
json_t *sv_fig(double v);
/* {a: [{id, title, score}], b: [{id, title, a, score}], total} into o. */
void sv_rollup_json(const struct sv_table *t, const struct sv_rollup *ru, json_t *o);

/* Adds each item's evidence files (store_sv_evidence_list rows) to the
 * items of a school's answer: item.evidence and item.self.evidence. */
void sv_evidence_attach(json_t *items, const struct db_res *r);

#endif
