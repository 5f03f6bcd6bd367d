/* app_sv.h - supervision (督导, issue 15 part SA; seed 六 and the annex):
 * assessment rounds, each school's 85 C items with the school's
 * self-assessment and the inspector's score, B and A roll-ups by the pack's
 * weights, the special-inspection list and the district dashboard.
 *
 * Who: the district admin and the inspector open rounds, score (the final
 * score) and read everything in the district. A school's principal and
 * academic office read their own school's results and write its
 * self-assessment; another school answers 404. Scores are keys of the
 * pack's scale (SV_SCALE); nothing is stored on a refusal. */
#ifndef SJ_APP_SV_H
#define SJ_APP_SV_H

#include "app/app.h"
#include "util/table.h"

/* POST /api/v1/supervision/rounds {term_id, name (1-100), school_ids: [1-2000
 * live schools of the district, distinct]} → 201 {id, ...the round}. 422
 * FIELD_INVALID (term_id, school_ids.N), FIELD_REQUIRED. Audited
 * sv.round.create. */
int app_sv_round_create(struct app *a, const struct actor *who, json_t *body, json_t **out,
			struct app_err *e);

/* GET /api/v1/supervision/rounds?term_id=&cursor=&limit= → {items: [{id,
 * term_id, term_name, name, schools, created_at, created_by}], next_cursor};
 * a school's staff see the rounds their school is in. */
struct sv_round_filter {
	const char *term_id, *cursor, *limit;
};
int app_sv_round_list(struct app *a, const struct actor *who, const struct sv_round_filter *f,
		      json_t **out, struct app_err *e);

/* GET /api/v1/supervision/rounds/{id} → the round with school_list: [{school_id,
 * school_name, items, self_scored, inspector_scored, total, a: [..]}] (a school's
 * staff: their school only). 404 for a round not in the district. */
int app_sv_round_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		     struct app_err *e);

/* GET /api/v1/supervision/rounds/{id}/schools/{school_id} → {round, school,
 * scale, a: [{id, title, value}], b: [{id, title, a, value}], total, items:
 * [{id, text, b, computed: null | {value, unit, rule, evidence_url, score,
 * ...}, evidence: [{id, file_name, mime, size}], self: null | {score,
 * comment, evidence, at, by}, inspector: null | {score,
 * comment, reason, computed, at, by}}]} with all C items of the pack. Scores
 * roll up from the inspector's C scores (SV_WEIGHTS); self_total is the
 * same from the self-assessment. 404 for a school not in the round or not
 * the reader's. */
int app_sv_school(struct app *a, const struct actor *who, int64_t round_id, int64_t school_id,
		  json_t **out, struct app_err *e);

/* PUT /api/v1/supervision/rounds/{id}/schools/{school_id}/items/{item_id}
 * {score, comment?, reason?}: the school's principal or academic office
 * write the self-assessment, an inspector or the district admin the final
 * score. 422 SV_SCALE for a score off the scale; 422 SV_REASON_REQUIRED when
 * an inspector's score differs from the computed verdict without a reason
 * (details: rule, clause, computed, score); 404 for a school not in the
 * round, an unknown item, or a school not the writer's. The old score is
 * kept (current = 0). Audited sv.score.self / sv.score.inspector. Answers
 * {item (as app_sv_school shows it), a, b, total} after the write. */
int app_sv_score_put(struct app *a, const struct actor *who, int64_t round_id,
		     int64_t school_id, const char *item_id, json_t *body, json_t **out,
		     struct app_err *e);

/* POST /api/v1/supervision/rounds/{id}/schools/{school_id}/items/{item_id}/
 * evidence?name= (the file's bytes as the body): a photo (JPEG, PNG) or PDF
 * for the school's self-assessment of the item, by its principal or
 * academic office. 415 EVIDENCE_TYPE (read from the bytes), 413
 * EVIDENCE_TOO_LARGE and 422 SV_EVIDENCE (more files than the pack allows
 * per item; details: rule, clause), 422 FIELD_INVALID name, 404 for an item
 * not in the table, a school not in the round or not theirs. → 201
 * {evidence: {id, item, file_name, mime, size}}. Audited sv.evidence.add. */
int app_sv_evidence_add(struct app *a, const struct actor *who, int64_t round_id,
			int64_t school_id, const char *item_id, const char *name, const void *data,
			size_t len, json_t **out, struct app_err *e);
/* GET .../schools/{school_id}/evidence/{eid}: the bytes (*data malloc'd, the
 * caller frees) and type; readers of the school, else 404. */
int app_sv_evidence_get(struct app *a, const struct actor *who, int64_t round_id,
			int64_t school_id, int64_t id, void **data, size_t *len, char mime[32],
			struct app_err *e);

/* GET /api/v1/supervision/special?round_id= (inspector, admin; default the
 * latest round) → {round, previous, threshold, items: [{school_id,
 * school_name, total, reasons: [{rule, clause, text, item?}]}]}: schools
 * whose total is below SV_SPECIAL's threshold, or with a computed item that
 * fell between the previous round and this one. */
int app_sv_special(struct app *a, const struct actor *who, const char *round_id, json_t **out,
		   struct app_err *e);

/* GET /api/v1/supervision/rounds/{id}/dashboard (inspector, admin) →
 * {round, a_items: [{id, title}], schools: [{school_id, school_name, a: [..],
 * total, scored}] in ranked order (by total, unscored last; the order is
 * the ranking: no rank key, see tests/api/noranking.mjs), movers: [{a, b: [{id,
 * title, mean}]}] (each A's B items, weakest first), trend: [{round_id,
 * name, term_name, a: [district means], total}]}. Schools ranked; never a
 * student. */
int app_sv_dashboard(struct app *a, const struct actor *who, int64_t round_id, json_t **out,
		     struct app_err *e);

/* The dashboard as three sheets for the .xlsx: A scores per school, B
 * scores per school, every C item's self and final score with the reason.
 * Audited sv.export. */
#define SV_SHEETS 3
extern const char *const sv_sheet_names[SV_SHEETS];
struct sv_book {
	struct table t[SV_SHEETS];
	const char **header[SV_SHEETS];
	size_t ncols[SV_SHEETS];
};
int app_sv_book(struct app *a, const struct actor *who, int64_t round_id, struct sv_book *b,
		struct app_err *e);
void app_sv_book_free(struct sv_book *b);

#endif
