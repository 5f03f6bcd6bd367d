/* store_sv_visit.c - SQL of supervision visits and rectification notices. */
#include "store/store_sv_visit.h"
#include "store/db_impl.h"

#include <stddef.h>

static int returning_id(int rc, struct db_res *r, int64_t *id)
{
	if (rc == 0 && id)
		*id = db_res_rows(r) ? db_res_int(r, 0, 0) : 0;
	if (rc == 0 && !db_res_rows(r))
		rc = 1;
	db_res_free(r);
	return rc;
}

int store_sv_is_inspector(struct db *db, int64_t district_id, int64_t user_id,
			  struct db_err *err)
{
	struct db_val p[2] = { DB_INT(district_id), DB_INT(user_id) };
	struct db_res *r = NULL;
	int rc = db_exec(db, "SELECT id FROM users WHERE district_id = ? AND id = ?"
			 " AND role = 'inspector' AND disabled = 0", p, 2, &r, err);

	if (rc == 0)
		rc = db_res_rows(r) ? 1 : 0;
	db_res_free(r);
	return rc;
}

int store_sv_visit_insert(struct db *db, const struct store_sv_visit *v, int64_t *id,
			  struct db_err *err)
{
	struct db_val p[8] = { DB_INT(v->district_id), DB_INT(v->school_id), DB_TEXT(v->visit_on),
			       DB_TEXT(v->inspectors), DB_TEXT(v->note ? v->note : ""),
			       v->notice_id ? DB_INT(v->notice_id) : DB_NULLV,
			       DB_INT(v->created_by), DB_INT(v->now) };
	struct db_res *r = NULL;
	int rc = db_exec(db, "INSERT INTO sv_visit (district_id, school_id, visit_on, inspectors,"
			 " note, notice_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
			 " RETURNING id", p, 8, &r, err);

	return returning_id(rc, r, id) < 0 ? -1 : 0;
}

#define SQL_VISIT_COLS                                                                             \
	"SELECT v.id, v.school_id, s.name, v.visit_on, v.inspectors, v.note, v.notice_id,"     \
	" u.display_name, v.created_at,"                                                        \
	" (SELECT COUNT(*) FROM sv_finding f WHERE f.visit_id = v.id)"                          \
	" FROM sv_visit v JOIN school s ON s.id = v.school_id"                                   \
	" JOIN users u ON u.id = v.created_by WHERE v.district_id = ?"

int store_sv_visit_get(struct db *db, int64_t district_id, int64_t id, struct db_res **out,
		       struct db_err *err)
{
	struct db_val p[2] = { DB_INT(district_id), DB_INT(id) };

	return store_one_or_none(db_exec(db, SQL_VISIT_COLS " AND v.id = ?", p, 2, out, err), out);
}

int store_sv_visit_list(struct db *db, int64_t district_id, int64_t school_id, int64_t before,
			int limit, struct db_res **out, struct db_err *err)
{
	struct db_val p[6] = { DB_INT(district_id), DB_INT(school_id), DB_INT(school_id),
			       DB_INT(before), DB_INT(before), DB_INT(limit) };

	return db_exec(db, SQL_VISIT_COLS " AND (? = 0 OR v.school_id = ?) AND (? = 0 OR v.id < ?)"
		       " ORDER BY v.id DESC LIMIT ?", p, 6, out, err);
}

int store_sv_user_names(struct db *db, int64_t district_id, const char *ids,
			struct db_res **out, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(district_id), DB_TEXT(ids), DB_TEXT(ids) };

	/* ids is a comma list of integers, matched as text (never spliced into
	 * the SQL); NULL: every live inspector of the district. */
	return db_exec(db, "SELECT id, display_name FROM users WHERE district_id = ?"
		       " AND ((CAST(? AS TEXT) IS NULL AND role = 'inspector' AND disabled = 0)"
		       "  OR ',' || ? || ',' LIKE '%,' || CAST(id AS TEXT) || ',%') ORDER BY id",
		       p, 3, out, err);
}

int store_sv_finding_insert(struct db *db, int64_t visit_id, const char *item_id,
			    const char *text, int64_t by, int64_t now, int64_t *id,
			    struct db_err *err)
{
	struct db_val p[5] = { DB_INT(visit_id), DB_TEXT(item_id), DB_TEXT(text), DB_INT(by),
			       DB_INT(now) };
	struct db_res *r = NULL;
	int rc = db_exec(db, "INSERT INTO sv_finding (visit_id, item_id, text, created_by,"
			 " created_at) VALUES (?, ?, ?, ?, ?) RETURNING id", p, 5, &r, err);

	return returning_id(rc, r, id) < 0 ? -1 : 0;
}

#define SQL_FINDING_COLS                                                                           \
	"SELECT f.id, f.visit_id, f.item_id, f.text, f.created_at, v.school_id"                \
	" FROM sv_finding f JOIN sv_visit v ON v.id = f.visit_id"

int store_sv_findings(struct db *db, int64_t visit_id, struct db_res **out, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(visit_id) };

	return db_exec(db, SQL_FINDING_COLS " WHERE f.visit_id = ? ORDER BY f.id", p, 1, out, err);
}

int store_sv_finding_get(struct db *db, int64_t district_id, int64_t id, struct db_res **out,
			 struct db_err *err)
{
	struct db_val p[2] = { DB_INT(district_id), DB_INT(id) };

	return store_one_or_none(db_exec(db, SQL_FINDING_COLS " WHERE v.district_id = ? AND f.id = ?",
					 p, 2, out, err), out);
}

int store_sv_notice_insert(struct db *db, const struct store_sv_notice *n, int64_t *id,
			   struct db_err *err)
{
	struct db_val p[9] = { DB_INT(n->district_id), DB_INT(n->school_id), DB_INT(n->visit_id),
			       DB_TEXT(n->items), DB_TEXT(n->text), DB_TEXT(n->issued_on),
			       DB_TEXT(n->deadline), DB_INT(n->created_by), DB_INT(n->now) };
	struct db_res *r = NULL;
	int rc = db_exec(db, "INSERT INTO sv_notice (district_id, school_id, visit_id, items, text,"
			 " issued_on, deadline, created_by, created_at)"
			 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", p, 9, &r, err);

	return returning_id(rc, r, id) < 0 ? -1 : 0;
}

#define SQL_NOTICE_COLS                                                                            \
	"SELECT n.id, n.school_id, s.name, n.visit_id, n.items, n.text, n.issued_on,"          \
	" n.deadline, n.status, n.answer, n.answered_on, a.display_name, n.closed_on,"          \
	" n.close_visit_id, n.result, n.result_note, n.created_at"                              \
	" FROM sv_notice n JOIN school s ON s.id = n.school_id"                                  \
	" LEFT JOIN users a ON a.id = n.answered_by WHERE n.district_id = ?"

int store_sv_notice_get(struct db *db, int64_t district_id, int64_t id, struct db_res **out,
			struct db_err *err)
{
	struct db_val p[2] = { DB_INT(district_id), DB_INT(id) };

	return store_one_or_none(db_exec(db, SQL_NOTICE_COLS " AND n.id = ?", p, 2, out, err), out);
}

int store_sv_notice_list(struct db *db, int64_t district_id,
			 const struct store_sv_notice_filter *f, struct db_res **out,
			 struct db_err *err)
{
	struct db_val p[12] = { DB_INT(district_id), DB_INT(f->school_id), DB_INT(f->school_id),
				DB_INT(f->visit_id), DB_INT(f->visit_id), DB_TEXT(f->status),
				DB_TEXT(f->status), DB_TEXT(f->overdue_on), DB_TEXT(f->overdue_on),
				DB_INT(f->before), DB_INT(f->before), DB_INT(f->limit) };

	/* SV_RECTIFY: overdue = not closed and the deadline before the day. */
	return db_exec(db, SQL_NOTICE_COLS " AND (? = 0 OR n.school_id = ?) AND (? = 0 OR n.visit_id = ?)"
		       " AND (CAST(? AS TEXT) IS NULL OR n.status = ?)"
		       " AND (CAST(? AS TEXT) IS NULL OR (n.status <> 'closed' AND n.deadline < ?))"
		       " AND (? = 0 OR n.id < ?) ORDER BY n.id DESC LIMIT ?", p, 12, out, err);
}

int store_sv_notice_answer(struct db *db, int64_t id, const char *text, const char *on,
			   int64_t by, struct db_err *err)
{
	struct db_val p[4] = { DB_TEXT(text), DB_TEXT(on), DB_INT(by), DB_INT(id) };
	struct db_res *r = NULL;
	int rc = db_exec(db, "UPDATE sv_notice SET status = 'answered', answer = ?, answered_on = ?,"
			 " answered_by = ? WHERE id = ? AND status <> 'closed' RETURNING id",
			 p, 4, &r, err);

	return returning_id(rc, r, NULL);
}

int store_sv_notice_close(struct db *db, int64_t id, int64_t visit_id, const char *on,
			  const char *result, const char *note, struct db_err *err)
{
	struct db_val p[5] = { DB_TEXT(on), DB_INT(visit_id), DB_TEXT(result),
			       DB_TEXT(note ? note : ""), DB_INT(id) };
	struct db_res *r = NULL;
	int rc = db_exec(db, "UPDATE sv_notice SET status = 'closed', closed_on = ?,"
			 " close_visit_id = ?, result = ?, result_note = ?"
			 " WHERE id = ? AND status <> 'closed' RETURNING id", p, 5, &r, err);

	return returning_id(rc, r, NULL);
}
