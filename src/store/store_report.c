#include "store/store_report.h"

#include "store/db_impl.h"

#include <stdio.h>
#include <stdlib.h>

static struct db_val opt_id(int64_t id)
{
	return id ? DB_INT(id) : DB_NULLV;
}

/* RP_RATE_LIMIT: the counter lives in the store (several servers). */
int store_report_rate_hit(struct db *db, const char *client, int64_t now, int *count,
			  int64_t *window_start, struct db_err *err)
{
	struct db_val p[4] = { DB_TEXT(client), DB_INT(now), DB_INT(now - 3600), DB_INT(now) };
	struct db_res *r = NULL;

	if (db_exec(db, "INSERT INTO report_rate (client, window_start, count) VALUES (?, ?, 1)"
		    " ON CONFLICT (client) DO UPDATE SET"
		    " count = CASE WHEN report_rate.window_start <= ? THEN 1 ELSE report_rate.count + 1 END,"
		    " window_start = CASE WHEN report_rate.window_start <= excluded.window_start - 3600"
		    " THEN ? ELSE report_rate.window_start END RETURNING count, window_start", p, 4,
		    &r, err) != 0)
		return -1;
	*count = (int)db_res_int(r, 0, 0);
	*window_start = db_res_int(r, 0, 1);
	db_res_free(r);
	return 0;
}

int store_report_insert(struct db *db, const struct store_report *x, int64_t *id,
			struct db_err *err)
{
	struct db_val p[12] = { DB_INT(x->district_id), DB_TEXT(x->code_hash), DB_TEXT(x->target_kind),
				DB_TEXT(x->target), opt_id(x->school_id), DB_TEXT(x->text),
				DB_TEXT(x->contact ? x->contact : ""), opt_id(x->reporter_user_id),
				DB_TEXT(x->filed_on), DB_TEXT(x->due_on), DB_INT(x->now), DB_INT(x->now) };
	struct db_res *r = NULL;

	if (db_exec(db, "INSERT INTO report (district_id, code_hash, target_kind, target, school_id,"
		    " text, contact, reporter_user_id, status, filed_on, due_on, created_at, updated_at)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?) RETURNING id", p, 12, &r,
		    err) != 0)
		return -1;
	*id = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

#define SQL_REPORT_COLS                                                                         \
	"SELECT r.id, r.target_kind, r.target, r.school_id, r.staff_id, r.text, r.contact,"  \
	" r.reporter_user_id, r.status, r.routed_to, r.outcome, r.finding, r.reply,"          \
	" r.filed_on, r.due_on, r.answered_on, r.created_at, r.updated_at,"                   \
	" COALESCE(s.name, ''), COALESCE(t.name, '')"                                         \
	" FROM report r LEFT JOIN school s ON s.id = r.school_id"                             \
	" LEFT JOIN staff t ON t.id = r.staff_id"

int store_report_get(struct db *db, int64_t district_id, int64_t id, struct db_res **out,
		     struct db_err *err)
{
	struct db_val p[2] = { DB_INT(district_id), DB_INT(id) };

	return store_one_or_none(db_exec(db, SQL_REPORT_COLS " WHERE r.district_id = ? AND r.id = ?", p, 2, out,
			       err), out);
}

int store_report_by_code(struct db *db, int64_t district_id, const char *code_hash,
			 struct db_res **out, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(district_id), DB_TEXT(code_hash) };

	return store_one_or_none(db_exec(db, SQL_REPORT_COLS " WHERE r.district_id = ? AND r.code_hash = ?", p, 2,
			       out, err), out);
}

int store_report_list(struct db *db, const struct store_report_filter *f, struct db_res **out,
		      struct db_err *err)
{
	char *like = store_like_contains(f->q && f->q[0] ? f->q : NULL);
	struct db_val p[16] = { DB_INT(f->district_id), DB_INT(f->after), DB_TEXT(f->status),
				DB_TEXT(f->status), DB_TEXT(f->kind), DB_TEXT(f->kind),
				DB_TEXT(f->overdue_before), DB_TEXT(f->overdue_before),
				DB_INT(f->routed_enforcement), DB_INT(f->routed_school),
				DB_INT(f->school_id), DB_INT(f->school_id), DB_TEXT(like),
				DB_TEXT(like), DB_TEXT(like), DB_INT(f->limit) };
	int rc = db_exec(db, SQL_REPORT_COLS " WHERE r.district_id = ? AND r.id > ?"
			 " AND (CAST(? AS TEXT) IS NULL OR r.status = ?)"
			 " AND (CAST(? AS TEXT) IS NULL OR r.target_kind = ?)"
			 " AND (CAST(? AS TEXT) IS NULL OR (r.status IN ('received','routed') AND r.due_on < ?))"
			 " AND (? = 0 OR r.routed_to IN ('education','market','police'))"
			 " AND (? = 0 OR r.routed_to = 'school')"
			 " AND (? = 0 OR r.school_id = ?)"
			 " AND (CAST(? AS TEXT) IS NULL OR r.target LIKE ? ESCAPE '\\'"
			 " OR r.text LIKE ? ESCAPE '\\')"
			 " ORDER BY r.id LIMIT ?", p, 16, out, err);

	free(like);
	return rc;
}

int store_report_update(struct db *db, const struct store_report_state *s, struct db_err *err)
{
	struct db_val p[10] = { opt_id(s->school_id), opt_id(s->staff_id), DB_TEXT(s->status),
				DB_TEXT(s->routed_to), DB_TEXT(s->outcome), DB_TEXT(s->finding),
				DB_TEXT(s->reply), DB_TEXT(s->answered_on), DB_INT(s->now),
				DB_INT(s->id) };

	return db_exec(db, "UPDATE report SET school_id = ?, staff_id = ?, status = ?, routed_to = ?,"
		       " outcome = ?, finding = ?, reply = ?, answered_on = ?, updated_at = ?"
		       " WHERE id = ?", p, 10, NULL, err);
}

int store_report_step_add(struct db *db, int64_t report_id, const char *step, const char *detail,
			  const char *note, int64_t user_id, int64_t at, struct db_err *err)
{
	struct db_val p[6] = { DB_INT(report_id), DB_TEXT(step), DB_TEXT(detail ? detail : ""),
			       DB_TEXT(note ? note : ""), opt_id(user_id), DB_INT(at) };

	return db_exec(db, "INSERT INTO report_step (report_id, step, detail, note, user_id, at)"
		       " VALUES (?, ?, ?, ?, ?, ?)", p, 6, NULL, err);
}

int store_report_steps(struct db *db, int64_t report_id, struct db_res **out,
		       struct db_err *err)
{
	struct db_val p[1] = { DB_INT(report_id) };

	return db_exec(db, "SELECT st.step, st.detail, st.note, COALESCE(u.display_name, ''), st.at"
		       " FROM report_step st LEFT JOIN users u ON u.id = st.user_id"
		       " WHERE st.report_id = ? ORDER BY st.id", p, 1, out, err);
}

int store_report_stats(struct db *db, int64_t district_id, const char *today,
		       struct db_res **out, struct db_err *err)
{
	struct db_val p[2] = { DB_TEXT(today), DB_INT(district_id) };

	return db_exec(db, "SELECT target_kind, outcome, status, COUNT(*),"
		       " SUM(CASE WHEN status IN ('received','routed') AND due_on < ? THEN 1 ELSE 0 END)"
		       " FROM report WHERE district_id = ? GROUP BY target_kind, outcome, status"
		       " ORDER BY target_kind, outcome, status", p, 2, out, err);
}

int store_report_schools(struct db *db, int64_t district_id, struct db_res **out,
			 struct db_err *err)
{
	struct db_val p[1] = { DB_INT(district_id) };

	return db_exec(db, "SELECT id, name FROM school WHERE district_id = ? ORDER BY name, id", p, 1,
		       out, err);
}

int store_report_demo_dates(struct db *db, int64_t id, const char *filed_on, const char *due_on,
			    const char *answered_on, int64_t filed_at, int64_t answered_at,
			    struct db_err *err)
{
	struct db_val p[9] = { DB_TEXT(filed_on), DB_TEXT(due_on), DB_TEXT(answered_on),
			       DB_INT(filed_at), DB_INT(answered_at), DB_INT(id), DB_INT(filed_at),
			       DB_INT(answered_at), DB_INT(id) };

	if (db_exec(db, "UPDATE report SET filed_on = ?, due_on = ?,"
		    " answered_on = COALESCE(?, answered_on), created_at = ?, updated_at = ?"
		    " WHERE id = ?", p, 6, NULL, err) != 0)
		return -1;
	return db_exec(db, "UPDATE report_step SET at = CASE step WHEN 'received' THEN ?"
		       " WHEN 'routed' THEN ? - 86400 ELSE ? END WHERE report_id = ?",
		       (struct db_val[4]){ p[6], p[7], p[7], p[8] }, 4, NULL, err);
}

/* ---- teacher ethics ---- */

int store_ethics_insert(struct db *db, const struct store_ethics *x, int64_t *id,
			struct db_err *err)
{
	struct db_val p[11] = { DB_INT(x->district_id), DB_INT(x->staff_id), DB_INT(x->school_id),
				DB_INT(x->school_year), DB_TEXT(x->rule_code), DB_TEXT(x->finding),
				DB_TEXT(x->evidence_note ? x->evidence_note : ""), DB_INT(x->veto),
				opt_id(x->report_id), opt_id(x->user_id), DB_INT(x->now) };
	struct db_res *r = NULL;

	if (db_exec(db, "INSERT INTO ethics_record (district_id, staff_id, school_id, school_year,"
		    " rule_code, finding, evidence_note, veto, report_id, status, created_by, created_at)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?) RETURNING id", p, 11, &r,
		    err) != 0)
		return -1;
	*id = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

int store_ethics_active(struct db *db, int64_t staff_id, int school_year, int64_t *id,
			struct db_err *err)
{
	struct db_val p[2] = { DB_INT(staff_id), DB_INT(school_year) };
	struct db_res *r = NULL;

	if (db_exec(db, "SELECT id FROM ethics_record WHERE staff_id = ? AND school_year = ?"
		    " AND status = 'active' ORDER BY id LIMIT 1", p, 2, &r, err) != 0)
		return -1;
	*id = db_res_rows(r) ? db_res_int(r, 0, 0) : 0;
	db_res_free(r);
	return 0;
}

#define SQL_ETHICS_COLS                                                                          \
	"SELECT e.id, e.staff_id, t.name, e.school_id, s.name, e.school_year, e.rule_code,"   \
	" e.finding, e.evidence_note, e.veto, e.report_id, e.status, e.withdraw_reason,"      \
	" e.created_at, e.withdrawn_at FROM ethics_record e JOIN staff t ON t.id = e.staff_id" \
	" JOIN school s ON s.id = e.school_id"

int store_ethics_list(struct db *db, int64_t district_id, int64_t school_id,
		      int64_t staff_user_id, int school_year, struct db_res **out,
		      struct db_err *err)
{
	struct db_val p[7] = { DB_INT(district_id), DB_INT(school_id), DB_INT(school_id),
			       DB_INT(staff_user_id), DB_INT(staff_user_id), DB_INT(school_year),
			       DB_INT(school_year) };

	return db_exec(db, SQL_ETHICS_COLS " WHERE e.district_id = ? AND (? = 0 OR e.school_id = ?)"
		       " AND (? = 0 OR t.user_id = ?) AND (? = 0 OR e.school_year = ?)"
		       " ORDER BY e.school_year DESC, e.id DESC LIMIT 500", p, 7, out, err);
}

int store_ethics_get(struct db *db, int64_t district_id, int64_t id, struct db_res **out,
		     struct db_err *err)
{
	struct db_val p[2] = { DB_INT(district_id), DB_INT(id) };

	return store_one_or_none(db_exec(db, SQL_ETHICS_COLS " WHERE e.district_id = ? AND e.id = ?", p, 2, out,
			       err), out);
}

int store_ethics_withdraw(struct db *db, int64_t id, const char *reason, int64_t user_id,
			  int64_t now, struct db_err *err)
{
	struct db_val p[4] = { DB_TEXT(reason), opt_id(user_id), DB_INT(now), DB_INT(id) };
	struct db_res *r = NULL;
	int n;

	if (db_exec(db, "UPDATE ethics_record SET status = 'withdrawn', withdraw_reason = ?,"
		    " withdrawn_by = ?, withdrawn_at = ? WHERE id = ? AND status = 'active'"
		    " RETURNING id", p, 4, &r, err) != 0)
		return -1;
	n = db_res_rows(r);
	db_res_free(r);
	return n ? 0 : 1;
}

int store_ethics_vetoed_count(struct db *db, int64_t school_id, int school_year, int64_t *n,
			      struct db_err *err)
{
	struct db_val p[2] = { DB_INT(school_id), DB_INT(school_year) };
	struct db_res *r = NULL;

	if (db_exec(db, "SELECT COUNT(DISTINCT staff_id) FROM ethics_record WHERE school_id = ?"
		    " AND school_year = ? AND status = 'active' AND veto = 1", p, 2, &r, err) != 0)
		return -1;
	*n = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}
