/* store_sv.h - SQL for supervision rounds, scores and evidence
 * (0016_supervision.sql). SQL only: the scale, the roll-ups and the reason
 * rule are core/supervision.h's, the scope checks app_sv's.
 * Returns: 0, 1 not found (single lookups), -1 error. */
#ifndef SJ_STORE_SV_H
#define SJ_STORE_SV_H

#include "store/db.h"

#include <stddef.h>
#include <stdint.h>

/* A live school of the district: 0 or 1. */
int store_sv_school(struct db *db, int64_t d, int64_t school_id, struct db_err *err);
/* A term of the district: 0 or 1. */
int store_sv_term(struct db *db, int64_t d, int64_t term_id, struct db_err *err);
int store_sv_round_insert(struct db *db, int64_t d, int64_t term_id, const char *name,
			  int64_t now, int64_t user_id, int64_t *id, struct db_err *err);
int store_sv_round_school_add(struct db *db, int64_t round_id, int64_t school_id,
			      struct db_err *err);

/* Round columns: id, term_id, term name, name, created_at, creator name,
 * term starts_on, schools in the round. */
enum { SVR_ID, SVR_TERM, SVR_TERM_NAME, SVR_NAME, SVR_CREATED_AT, SVR_CREATED_BY,
       SVR_STARTS, SVR_SCHOOLS };
int store_sv_round_get(struct db *db, int64_t d, int64_t id, struct db_res **out,
		       struct db_err *err);
/* Rounds of the district (school_id, term_id 0 = any) by id after `after`;
 * limit 0 = all, ordered by the term's start and id (oldest first) then. */
int store_sv_round_list(struct db *db, int64_t d, int64_t school_id, int64_t term_id,
			int64_t after, int limit, struct db_res **out, struct db_err *err);
/* The schools of a round (school_id 0 = all): school_id, name, by id. */
int store_sv_round_schools(struct db *db, int64_t round_id, int64_t school_id,
			   struct db_res **out, struct db_err *err);
/* Whether the school is in the round: 0 yes, 1 no. */
int store_sv_in_round(struct db *db, int64_t round_id, int64_t school_id, struct db_err *err);

/* Current scores of a round (school_id 0 = every school): school_id,
 * item_id, side, score, comment, reason, computed, recorded_at, name of
 * who scored; by school, item, side. */
enum { SVS_SCHOOL, SVS_ITEM, SVS_SIDE, SVS_SCORE, SVS_COMMENT, SVS_REASON, SVS_COMPUTED,
       SVS_AT, SVS_BY };
int store_sv_scores(struct db *db, int64_t round_id, int64_t school_id, struct db_res **out,
		    struct db_err *err);
struct store_sv_score {
	int64_t round_id, school_id;
	const char *item_id, *side, *score, *comment, *reason, *computed;
	int64_t now, user_id;
};
/* Write a score, keeping the one it replaces (current = 0). */
int store_sv_score_put(struct db *db, const struct store_sv_score *s, struct db_err *err);

/* Evidence of a self-assessment (sv_evidence): the bytes stored base64 with
 * their SHA-256, like store_evidence.h's, in a table of its own (the round,
 * school and item own them). */
struct store_sv_evidence {
	int64_t district_id, round_id, school_id;
	const char *item_id, *file_name, *mime;
	const void *data;
	size_t size;
	int64_t uploaded_by, uploaded_at;
};
int store_sv_evidence_add(struct db *db, const struct store_sv_evidence *ev, int64_t *id,
			  struct db_err *err);
/* Files of an item so far: *n. */
int store_sv_evidence_count(struct db *db, int64_t round_id, int64_t school_id,
			    const char *item_id, int *n, struct db_err *err);
/* A school's files in a round: id, item_id, file_name, mime, size, by item, id. */
enum { SVE_ID, SVE_ITEM, SVE_NAME, SVE_MIME, SVE_SIZE };
int store_sv_evidence_list(struct db *db, int64_t round_id, int64_t school_id,
			   struct db_res **out, struct db_err *err);
/* One file's bytes (malloc'd, *len), type and name: 0, 1 not found, -1. */
int store_sv_evidence_get(struct db *db, int64_t round_id, int64_t school_id, int64_t id,
			  void **data, size_t *len, char mime[32], char name[128],
			  struct db_err *err);

#endif
