/* store_sv.c - supervision SQL (one text for both backends). */
#include "store/store_sv.h"
#include "store/db_impl.h"
#include "store/store_evidence.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_sv_school(struct db *db, int64_t d, int64_t school_id, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(school_id), DB_INT(d) };
	struct db_res *r = NULL;
	int rc = store_one_or_none(db_exec(db, "SELECT id FROM school WHERE id = ?"
					   " AND district_id = ? AND withdrawn = 0", p, 2, &r, err),
				   &r);

	db_res_free(r);
	return rc;
}

int store_sv_term(struct db *db, int64_t d, int64_t term_id, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(term_id), DB_INT(d) };
	struct db_res *r = NULL;
	int rc = store_one_or_none(db_exec(db, "SELECT id FROM term WHERE id = ?"
					   " AND district_id = ?", p, 2, &r, err), &r);

	db_res_free(r);
	return rc;
}

int store_sv_round_insert(struct db *db, int64_t d, int64_t term_id, const char *name,
			  int64_t now, int64_t user_id, int64_t *id, struct db_err *err)
{
	struct db_val p[5] = { DB_INT(d), DB_INT(term_id), DB_TEXT(name), DB_INT(now),
			       DB_INT(user_id) };
	struct db_res *r = NULL;
	int rc = db_exec(db, "INSERT INTO sv_round (district_id, term_id, name, created_at,"
			 " created_by) VALUES (?, ?, ?, ?, ?) RETURNING id", p, 5, &r, err);

	if (rc == 0)
		*id = db_res_int(r, 0, 0);
	db_res_free(r);
	return rc;
}

int store_sv_round_school_add(struct db *db, int64_t round_id, int64_t school_id,
			      struct db_err *err)
{
	struct db_val p[2] = { DB_INT(round_id), DB_INT(school_id) };

	return db_exec(db, "INSERT INTO sv_round_school (round_id, school_id) VALUES (?, ?)", p, 2,
		       NULL, err);
}

#define SQL_ROUND_COLS                                                                      \
	"SELECT r.id, r.term_id, t.name, r.name, r.created_at, u.display_name, t.starts_on,"  \
	" (SELECT COUNT(*) FROM sv_round_school rs WHERE rs.round_id = r.id)"                \
	" FROM sv_round r JOIN term t ON t.id = r.term_id JOIN users u ON u.id = r.created_by"

int store_sv_round_get(struct db *db, int64_t d, int64_t id, struct db_res **out,
		       struct db_err *err)
{
	struct db_val p[2] = { DB_INT(id), DB_INT(d) };

	return store_one_or_none(db_exec(db, SQL_ROUND_COLS " WHERE r.id = ? AND r.district_id = ?",
					 p, 2, out, err), out);
}

#define SQL_ROUND_WHERE                                                                      \
	" WHERE r.district_id = ? AND (? = 0 OR EXISTS (SELECT 1 FROM sv_round_school rs"     \
	" WHERE rs.round_id = r.id AND rs.school_id = ?)) AND (? = 0 OR r.term_id = ?)"       \
	" AND r.id > ?"

int store_sv_round_list(struct db *db, int64_t d, int64_t school_id, int64_t term_id,
			int64_t after, int limit, struct db_res **out, struct db_err *err)
{
	struct db_val p[7] = { DB_INT(d), DB_INT(school_id), DB_INT(school_id), DB_INT(term_id),
			       DB_INT(term_id), DB_INT(after), DB_INT(limit ? limit : 1000000) };

	if (limit)
		return db_exec(db, SQL_ROUND_COLS SQL_ROUND_WHERE " ORDER BY r.id LIMIT ?", p, 7, out,
			       err);
	return db_exec(db, SQL_ROUND_COLS SQL_ROUND_WHERE " ORDER BY t.starts_on, r.id LIMIT ?", p, 7,
		       out, err);
}

int store_sv_round_schools(struct db *db, int64_t round_id, int64_t school_id,
			   struct db_res **out, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(round_id), DB_INT(school_id), DB_INT(school_id) };

	return db_exec(db, "SELECT sc.id, sc.name FROM sv_round_school rs"
		       " JOIN school sc ON sc.id = rs.school_id WHERE rs.round_id = ?"
		       " AND (? = 0 OR rs.school_id = ?) ORDER BY sc.id", p, 3, out, err);
}

int store_sv_in_round(struct db *db, int64_t round_id, int64_t school_id, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(round_id), DB_INT(school_id) };
	struct db_res *r = NULL;
	int rc = store_one_or_none(db_exec(db, "SELECT 1 FROM sv_round_school WHERE round_id = ?"
					   " AND school_id = ?", p, 2, &r, err), &r);

	db_res_free(r);
	return rc;
}

int store_sv_scores(struct db *db, int64_t round_id, int64_t school_id, struct db_res **out,
		    struct db_err *err)
{
	struct db_val p[3] = { DB_INT(round_id), DB_INT(school_id), DB_INT(school_id) };

	return db_exec(db, "SELECT s.school_id, s.item_id, s.side, s.score, s.comment, s.reason,"
		       " s.computed, s.recorded_at, u.display_name FROM sv_score s"
		       " JOIN users u ON u.id = s.recorded_by WHERE s.round_id = ?"
		       " AND (? = 0 OR s.school_id = ?) AND s.current = 1"
		       " ORDER BY s.school_id, s.item_id, s.side", p, 3, out, err);
}

int store_sv_score_put(struct db *db, const struct store_sv_score *s, struct db_err *err)
{
	struct db_val q[4] = { DB_INT(s->round_id), DB_INT(s->school_id), DB_TEXT(s->item_id),
			       DB_TEXT(s->side) };
	struct db_val p[10] = { DB_INT(s->round_id), DB_INT(s->school_id), DB_TEXT(s->item_id),
				DB_TEXT(s->side), DB_TEXT(s->score), DB_TEXT(s->comment),
				DB_TEXT(s->reason), DB_TEXT(s->computed), DB_INT(s->now),
				DB_INT(s->user_id) };

	if (db_exec(db, "UPDATE sv_score SET current = 0 WHERE round_id = ? AND school_id = ?"
		    " AND item_id = ? AND side = ? AND current = 1", q, 4, NULL, err) != 0)
		return -1;
	return db_exec(db, "INSERT INTO sv_score (round_id, school_id, item_id, side, score,"
		       " comment, reason, computed, recorded_at, recorded_by)"
		       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p, 10, NULL, err);
}

/* ---- evidence of a self-assessment ---- */

int store_sv_evidence_add(struct db *db, const struct store_sv_evidence *ev, int64_t *id,
			  struct db_err *err)
{
	char hex[65], *b64;
	struct db_res *r = NULL;
	int rc = -1;

	if (store_evidence_encode(ev->data, ev->size, &b64, hex, err) != 0)
		return -1;
	{
		struct db_val p[11] = { DB_INT(ev->district_id), DB_INT(ev->round_id),
					DB_INT(ev->school_id), DB_TEXT(ev->item_id),
					DB_TEXT(ev->file_name), DB_TEXT(ev->mime),
					DB_INT((int64_t)ev->size), DB_TEXT(hex), DB_TEXT(b64),
					DB_INT(ev->uploaded_by), DB_INT(ev->uploaded_at) };

		rc = db_exec(db, "INSERT INTO sv_evidence (district_id, round_id, school_id, item_id,"
			     " file_name, mime, size, sha256, data_b64, uploaded_by, uploaded_at)"
			     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", p, 11, &r, err);
	}
	free(b64);
	if (rc == 0)
		*id = db_res_int(r, 0, 0);
	db_res_free(r);
	return rc;
}

int store_sv_evidence_count(struct db *db, int64_t round_id, int64_t school_id,
			    const char *item_id, int *n, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(round_id), DB_INT(school_id), DB_TEXT(item_id) };
	struct db_res *r = NULL;
	int rc = db_exec(db, "SELECT COUNT(*) FROM sv_evidence WHERE round_id = ? AND school_id = ?"
			 " AND item_id = ?", p, 3, &r, err);

	if (rc == 0)
		*n = (int)db_res_int(r, 0, 0);
	db_res_free(r);
	return rc;
}

int store_sv_evidence_list(struct db *db, int64_t round_id, int64_t school_id,
			   struct db_res **out, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(round_id), DB_INT(school_id) };

	return db_exec(db, "SELECT id, item_id, file_name, mime, size FROM sv_evidence"
		       " WHERE round_id = ? AND school_id = ? ORDER BY item_id, id", p, 2, out, err);
}

int store_sv_evidence_get(struct db *db, int64_t round_id, int64_t school_id, int64_t id,
			  void **data, size_t *len, char mime[32], char name[128],
			  struct db_err *err)
{
	struct db_val p[3] = { DB_INT(round_id), DB_INT(school_id), DB_INT(id) };
	struct db_res *r = NULL;
	const char *b64;
	size_t n;
	int rc;

	*data = NULL;
	rc = store_one_or_none(db_exec(db, "SELECT mime, size, data_b64, file_name FROM sv_evidence"
				       " WHERE round_id = ? AND school_id = ? AND id = ?", p, 3, &r,
				       err), &r);
	if (rc == 0) {
		b64 = db_res_text(r, 0, 2);
		n = (size_t)db_res_int(r, 0, 1);
		snprintf(mime, 32, "%s", db_res_text(r, 0, 0));
		snprintf(name, 128, "%s", db_res_text(r, 0, 3));
		*data = malloc(n ? n : 1);
		if (!*data || sodium_base642bin(*data, n, b64, strlen(b64), NULL, len, NULL,
						sodium_base64_VARIANT_ORIGINAL) != 0 || *len != n) {
			free(*data);
			*data = NULL;
			err->kind = DB_ERR_OTHER;
			snprintf(err->msg, sizeof err->msg, "sv evidence %lld unreadable", (long long)id);
			rc = -1;
		}
	}
	db_res_free(r);
	return rc;
}
