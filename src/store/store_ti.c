#include "store/store_ti.h"
#include "store/db_impl.h"

#include <stdlib.h>

static int returning_id(int rc, struct db_res *r, int64_t *id)
{
	if (rc == 0 && id)
		*id = db_res_int(r, 0, 0);
	db_res_free(r);
	return rc;
}

int store_ti_insert(struct db *db, const struct store_ti_inst *in, int64_t *id,
		    struct db_err *err)
{
	struct db_val p[15] = {
		DB_INT(in->district_id), DB_TEXT(in->name), DB_TEXT(in->credit_code),
		DB_TEXT(in->licence_no), DB_TEXT(in->address), DB_TEXT(in->category),
		DB_INT(in->serves[0]), DB_INT(in->serves[1]), DB_INT(in->serves[2]),
		DB_INT(in->serves[3]), DB_TEXT(in->status), DB_TEXT(in->status_note ? in->status_note : ""),
		in->operator_user_id ? DB_INT(in->operator_user_id) : DB_NULLV, DB_INT(in->now),
		DB_INT(in->now)
	};
	struct db_res *r = NULL;
	int rc = db_exec(db, "INSERT INTO institution (district_id, name, credit_code, licence_no,"
			 " address, category, serves_preschool, serves_primary, serves_junior,"
			 " serves_senior, status, status_note, operator_user_id, created_at, updated_at)"
			 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
			 p, 15, &r, err);

	return returning_id(rc, r, id);
}

int store_ti_credit_taken(struct db *db, int64_t district_id, const char *code, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(district_id), DB_TEXT(code) };
	struct db_res *r = NULL;
	int rc = db_exec(db, "SELECT 1 FROM institution WHERE district_id = ? AND credit_code = ?",
			 p, 2, &r, err);

	if (rc == 0)
		rc = db_res_rows(r) > 0;
	db_res_free(r);
	return rc;
}

int store_ti_set_status(struct db *db, int64_t id, const char *status, const char *note,
			int64_t now, struct db_err *err)
{
	struct db_val p[4] = { DB_TEXT(status), DB_TEXT(note), DB_INT(now), DB_INT(id) };

	return db_exec(db, "UPDATE institution SET status = ?, status_note = ?, updated_at = ?"
		       " WHERE id = ?", p, 4, NULL, err);
}

int store_ti_course_add(struct db *db, int64_t district_id, int64_t inst,
			const struct store_ti_course *c, int64_t now, struct db_err *err)
{
	struct db_val p[11] = {
		DB_INT(district_id), DB_INT(inst), DB_TEXT(c->name), DB_TEXT(c->category),
		DB_INT(c->grade_lo), DB_INT(c->grade_hi), DB_INT(c->fee_fen), DB_INT(c->lessons),
		DB_INT(c->months), DB_INT(c->warned), DB_INT(now)
	};

	return db_exec(db, "INSERT INTO institution_course (district_id, institution_id, name,"
		       " category, grade_lo, grade_hi, fee_fen, lessons, months, prepay_warned,"
		       " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p, 11, NULL, err);
}

int store_ti_staff_add(struct db *db, int64_t district_id, int64_t inst, const char *name,
		       const char *qualification, const char *cert, int64_t now, struct db_err *err)
{
	struct db_val p[6] = { DB_INT(district_id), DB_INT(inst), DB_TEXT(name),
			       DB_TEXT(qualification), DB_TEXT(cert ? cert : ""), DB_INT(now) };

	return db_exec(db, "INSERT INTO institution_staff (district_id, institution_id, name,"
		       " qualification, certificate_no, created_at) VALUES (?, ?, ?, ?, ?, ?)",
		       p, 6, NULL, err);
}

int store_ti_courses_withdraw(struct db *db, int64_t inst, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(inst) };

	return db_exec(db, "UPDATE institution_course SET withdrawn = 1"
		       " WHERE institution_id = ? AND withdrawn = 0", p, 1, NULL, err);
}

int store_ti_staff_withdraw(struct db *db, int64_t inst, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(inst) };

	return db_exec(db, "UPDATE institution_staff SET withdrawn = 1"
		       " WHERE institution_id = ? AND withdrawn = 0", p, 1, NULL, err);
}

int store_ti_courses(struct db *db, int64_t inst, struct db_res **out, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(inst) };

	return db_exec(db, "SELECT id, name, category, grade_lo, grade_hi, fee_fen, lessons, months,"
		       " prepay_warned FROM institution_course WHERE institution_id = ?"
		       " AND withdrawn = 0 ORDER BY id", p, 1, out, err);
}

int store_ti_staff(struct db *db, int64_t inst, struct db_res **out, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(inst) };

	return db_exec(db, "SELECT id, name, qualification, certificate_no FROM institution_staff"
		       " WHERE institution_id = ? AND withdrawn = 0 ORDER BY id", p, 1, out, err);
}

int store_ti_get(struct db *db, int64_t district_id, int64_t id, struct db_res **out,
		 struct db_err *err)
{
	struct db_val p[2] = { DB_INT(district_id), DB_INT(id) };
	int rc = db_exec(db, "SELECT i.id, i.name, i.credit_code, i.licence_no, i.address, i.category,"
			 " i.serves_preschool, i.serves_primary, i.serves_junior, i.serves_senior,"
			 " i.status, i.status_note, i.updated_at, COALESCE(i.operator_user_id, 0),"
			 " (SELECT COUNT(*) FROM institution_course c WHERE c.institution_id = i.id"
			 "  AND c.withdrawn = 0 AND c.prepay_warned = 1)"
			 " FROM institution i WHERE i.district_id = ? AND i.id = ?", p, 2, out, err);

	return store_one_or_none(rc, out);
}

int store_ti_list(struct db *db, int64_t district_id, const char *status, const char *category,
		  const char *q, bool warned_only, int64_t after, int limit, struct db_res **out,
		  struct db_err *err)
{
	char *pat = store_like_contains(q);
	struct db_val p[10] = {
		DB_INT(district_id), DB_INT(after), DB_TEXT(status), DB_TEXT(status),
		DB_TEXT(category), DB_TEXT(category), DB_TEXT(pat), DB_TEXT(pat),
		DB_INT(warned_only), DB_INT(limit)
	};
	int rc;

	if (q && !pat) {
		db_seterr(err, DB_ERR_OTHER, "out of memory");
		return -1;
	}
	rc = db_exec(db, "SELECT * FROM (SELECT i.id, i.name, i.credit_code, i.licence_no, i.address,"
		     " i.category, i.serves_preschool, i.serves_primary, i.serves_junior,"
		     " i.serves_senior, i.status, i.status_note, i.updated_at,"
		     " COALESCE(i.operator_user_id, 0) AS operator,"
		     " (SELECT COUNT(*) FROM institution_course c WHERE c.institution_id = i.id"
		     "  AND c.withdrawn = 0 AND c.prepay_warned = 1) AS warned"
		     " FROM institution i WHERE i.district_id = ? AND i.id > ?"
		     " AND (CAST(? AS TEXT) IS NULL OR i.status = ?)"
		     " AND (CAST(? AS TEXT) IS NULL OR i.category = ?)"
		     " AND (CAST(? AS TEXT) IS NULL OR i.name LIKE ? ESCAPE '\\')) t"
		     " WHERE (? = 0 OR warned > 0) ORDER BY id LIMIT ?", p, 10, out, err);
	free(pat);
	return rc;
}

int store_ti_public(struct db *db, int64_t district_id, const char *status, const char *q,
		    int64_t after, int limit, struct db_res **out, struct db_err *err)
{
	char *pat = store_like_contains(q);
	struct db_val p[6] = { DB_INT(district_id), DB_TEXT(status), DB_INT(after), DB_TEXT(pat),
			       DB_TEXT(pat), DB_INT(limit) };
	int rc;

	if (q && !pat) {
		db_seterr(err, DB_ERR_OTHER, "out of memory");
		return -1;
	}
	rc = db_exec(db, "SELECT id, name, credit_code, licence_no, address, category,"
		     " serves_preschool, serves_primary, serves_junior, serves_senior, status,"
		     " status_note FROM institution WHERE district_id = ? AND status = ? AND id > ?"
		     " AND (CAST(? AS TEXT) IS NULL OR name LIKE ? ESCAPE '\\')"
		     " ORDER BY id LIMIT ?", p, 6, out, err);
	free(pat);
	return rc;
}

int store_ti_stamp(struct db *db, int64_t district_id, int64_t *stamp, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(district_id) };
	struct db_res *r = NULL;
	int rc = db_exec(db, "SELECT COALESCE(MAX(updated_at), 0) FROM institution WHERE district_id = ?",
			 p, 1, &r, err);

	if (rc == 0)
		*stamp = db_res_int(r, 0, 0);
	db_res_free(r);
	return rc;
}

int store_ti_counts(struct db *db, int64_t district_id, struct db_res **out, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(district_id) };

	return db_exec(db, "SELECT status, category, COUNT(*) FROM institution WHERE district_id = ?"
		       " GROUP BY status, category ORDER BY status, category", p, 1, out, err);
}

int store_ti_warned_count(struct db *db, int64_t district_id, int64_t *n, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(district_id) };
	struct db_res *r = NULL;
	int rc = db_exec(db, "SELECT COUNT(DISTINCT institution_id) FROM institution_course"
			 " WHERE district_id = ? AND withdrawn = 0 AND prepay_warned = 1",
			 p, 1, &r, err);

	if (rc == 0)
		*n = db_res_int(r, 0, 0);
	db_res_free(r);
	return rc;
}

int store_ti_app_insert(struct db *db, int64_t district_id, int64_t inst, int64_t operator_id,
			int64_t now, int64_t *id, struct db_err *err)
{
	struct db_val p[4] = { DB_INT(district_id), DB_INT(inst),
			       operator_id ? DB_INT(operator_id) : DB_NULLV, DB_INT(now) };
	struct db_res *r = NULL;
	int rc = db_exec(db, "INSERT INTO institution_application (district_id, institution_id,"
			 " operator_user_id, status, submitted_at) VALUES (?, ?, ?, 'pending', ?)"
			 " RETURNING id", p, 4, &r, err);

	return returning_id(rc, r, id);
}

int store_ti_app_pending(struct db *db, int64_t district_id, int64_t operator_id,
			 struct db_err *err)
{
	struct db_val p[2] = { DB_INT(district_id), DB_INT(operator_id) };
	struct db_res *r = NULL;
	int rc = db_exec(db, "SELECT 1 FROM institution_application WHERE district_id = ?"
			 " AND operator_user_id = ? AND status = 'pending'", p, 2, &r, err);

	if (rc == 0)
		rc = db_res_rows(r) > 0;
	db_res_free(r);
	return rc;
}

int store_ti_app_get(struct db *db, int64_t district_id, int64_t id, struct db_res **out,
		     struct db_err *err)
{
	struct db_val p[2] = { DB_INT(district_id), DB_INT(id) };
	int rc = db_exec(db, "SELECT a.id, a.institution_id, COALESCE(a.operator_user_id, 0), a.status, a.reason,"
			 " a.checklist, a.submitted_at, a.decided_at, i.name, i.credit_code, i.category"
			 " FROM institution_application a JOIN institution i ON i.id = a.institution_id"
			 " WHERE a.district_id = ? AND a.id = ?", p, 2, out, err);

	return store_one_or_none(rc, out);
}

int store_ti_apps(struct db *db, int64_t district_id, int64_t operator_id, const char *status,
		  int64_t before, int limit, struct db_res **out, struct db_err *err)
{
	struct db_val p[8] = { DB_INT(district_id), DB_INT(operator_id), DB_INT(operator_id),
			       DB_TEXT(status), DB_TEXT(status), DB_INT(before), DB_INT(before),
			       DB_INT(limit) };

	return db_exec(db, "SELECT a.id, a.institution_id, COALESCE(a.operator_user_id, 0), a.status, a.reason,"
		       " a.checklist, a.submitted_at, a.decided_at, i.name, i.credit_code, i.category"
		       " FROM institution_application a JOIN institution i ON i.id = a.institution_id"
		       " WHERE a.district_id = ? AND (? = 0 OR a.operator_user_id = ?)"
		       " AND (CAST(? AS TEXT) IS NULL OR a.status = ?) AND (a.id < ? OR ? = 0)"
		       " ORDER BY a.id DESC LIMIT ?", p, 8, out, err);
}

int store_ti_app_decide(struct db *db, int64_t id, const char *status, const char *reason,
			const char *checklist, int64_t now, int64_t by, struct db_err *err)
{
	struct db_val p[6] = { DB_TEXT(status), DB_TEXT(reason), DB_TEXT(checklist), DB_INT(now),
			       by ? DB_INT(by) : DB_NULLV, DB_INT(id) };
	struct db_res *r = NULL;
	int rc = db_exec(db, "UPDATE institution_application SET status = ?, reason = ?,"
			 " checklist = ?, decided_at = ?, decided_by = ?"
			 " WHERE id = ? AND status = 'pending' RETURNING id", p, 6, &r, err);

	if (rc == 0)
		rc = db_res_rows(r) == 0;
	db_res_free(r);
	return rc;
}

int store_ti_user_id(struct db *db, const char *username, int64_t *id, struct db_err *err)
{
	struct db_val p[1] = { DB_TEXT(username) };
	struct db_res *r = NULL;
	int rc = db_exec(db, "SELECT id FROM users WHERE username = ?", p, 1, &r, err);

	if (rc == 0) {
		rc = db_res_rows(r) ? 0 : 1;
		if (rc == 0)
			*id = db_res_int(r, 0, 0);
	}
	db_res_free(r);
	return rc;
}
