/* store_ticase.c - sweeps, visits and penalty cases SQL (one text for both
 * backends). */
#include "store/store_ticase.h"
#include "store/store_ti.h"
#include "store/db_impl.h"

/* INSERT … RETURNING id into *id. */
static int insert_id(struct db *db, const char *sql_lit, const struct db_val *p, int n,
		     int64_t *id, struct db_err *err)
{
	struct db_res *r = NULL;

	if (db_exec(db, sql_lit, p, n, &r, err) != 0)
		return -1;
	*id = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

int store_ti_institution_put(struct db *db, const struct store_ti_institution *in, int64_t *id,
			     int *created, struct db_err *err)
{
	struct db_val q[2] = { DB_INT(in->district_id), DB_TEXT(in->credit_code) };
	struct store_ti_inst row = { .district_id = in->district_id, .name = in->name,
				     .credit_code = in->credit_code, .licence_no = "",
				     .address = in->address ? in->address : "",
				     .category = in->category, .status = in->status,
				     .status_note = in->status_note, .now = in->now };
	struct db_res *r = NULL;

	if (db_exec(db, "SELECT id FROM institution WHERE district_id = ? AND credit_code = ?", q,
		    2, &r, err) != 0)
		return -1;
	*created = db_res_rows(r) == 0;
	if (!*created)
		*id = db_res_int(r, 0, 0);
	db_res_free(r);
	return *created ? store_ti_insert(db, &row, id, err) : 0;
}

int store_ti_sweep_insert(struct db *db, const struct store_ti_sweep *s, int64_t *id,
			  struct db_err *err)
{
	struct db_val p[8] = { DB_INT(s->district_id), DB_TEXT(s->name), DB_TEXT(s->starts_on),
			       DB_TEXT(s->ends_on), DB_TEXT(s->agencies),
			       DB_TEXT(s->area ? s->area : ""), DB_INT(s->created_by),
			       DB_INT(s->now) };

	return insert_id(db, "INSERT INTO ti_sweep (district_id, name, starts_on, ends_on,"
			 " agencies, area, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
			 " RETURNING id", p, 8, id, err);
}

int store_ti_sweep_add_institution(struct db *db, int64_t sweep_id, int64_t institution_id,
				   struct db_err *err)
{
	struct db_val p[2] = { DB_INT(sweep_id), DB_INT(institution_id) };

	return db_exec(db, "INSERT INTO ti_sweep_institution (sweep_id, institution_id)"
		       " VALUES (?, ?) ON CONFLICT DO NOTHING", p, 2, NULL, err);
}

#define SQL_SWEEP_COLS                                                                             \
	"SELECT s.id, s.name, s.starts_on, s.ends_on, s.agencies, s.area, u.display_name,"    \
	" s.created_at, (SELECT COUNT(*) FROM ti_visit v WHERE v.sweep_id = s.id)"             \
	" FROM ti_sweep s JOIN users u ON u.id = s.created_by WHERE s.district_id = ?"

int store_ti_sweep_list(struct db *db, int64_t d, int64_t before, int limit,
			struct db_res **out, struct db_err *err)
{
	struct db_val p[4] = { DB_INT(d), DB_INT(before), DB_INT(before), DB_INT(limit) };

	return db_exec(db, SQL_SWEEP_COLS " AND (? = 0 OR s.id < ?) ORDER BY s.id DESC LIMIT ?", p, 4,
		       out, err);
}

int store_ti_sweep_get(struct db *db, int64_t d, int64_t id, struct db_res **out,
		       struct db_err *err)
{
	struct db_val p[2] = { DB_INT(d), DB_INT(id) };

	return store_one_or_none(db_exec(db, SQL_SWEEP_COLS " AND s.id = ?", p, 2, out, err), out);
}

int store_ti_sweep_institutions(struct db *db, int64_t sweep_id, struct db_res **out,
				struct db_err *err)
{
	struct db_val p[1] = { DB_INT(sweep_id) };

	return db_exec(db, "SELECT i.id, i.name, i.status FROM ti_sweep_institution si"
		       " JOIN institution i ON i.id = si.institution_id WHERE si.sweep_id = ?"
		       " ORDER BY i.id", p, 1, out, err);
}

int store_ti_visit_insert(struct db *db, const struct store_ti_visit *v, int64_t *id,
			  struct db_err *err)
{
	struct db_val p[9] = { DB_INT(v->district_id),
			       v->sweep_id ? DB_INT(v->sweep_id) : DB_NULLV,
			       DB_INT(v->institution_id), DB_TEXT(v->visited_on),
			       DB_TEXT(v->agency), DB_TEXT(v->officers),
			       DB_TEXT(v->note ? v->note : ""), DB_INT(v->created_by),
			       DB_INT(v->now) };

	return insert_id(db, "INSERT INTO ti_visit (district_id, sweep_id, institution_id,"
			 " visited_on, agency, officers, note, created_by, created_at)"
			 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", p, 9, id, err);
}

int store_ti_visit_finding(struct db *db, int64_t visit_id, const char *finding,
			   struct db_err *err)
{
	struct db_val p[2] = { DB_INT(visit_id), DB_TEXT(finding) };

	return db_exec(db, "INSERT INTO ti_visit_finding (visit_id, finding) VALUES (?, ?)"
		       " ON CONFLICT DO NOTHING", p, 2, NULL, err);
}

/* The findings as one comma list, the same text on both backends. */
#define VISIT_COLS                                                                             \
	"SELECT v.id, v.sweep_id, v.institution_id, i.name, i.status, v.visited_on, v.agency,"  \
	" v.officers, v.note, u.display_name, v.created_at,"                                    \
	" COALESCE((SELECT string_agg(f.finding, ',' ORDER BY f.finding)"                       \
	"           FROM ti_visit_finding f WHERE f.visit_id = v.id), '')"                       \
	" FROM ti_visit v JOIN institution i ON i.id = v.institution_id"                         \
	" JOIN users u ON u.id = v.created_by WHERE v.district_id = ?"
#define VISIT_COLS_LITE                                                                        \
	"SELECT v.id, v.sweep_id, v.institution_id, i.name, i.status, v.visited_on, v.agency,"  \
	" v.officers, v.note, u.display_name, v.created_at,"                                    \
	" COALESCE((SELECT group_concat(finding, ',') FROM (SELECT f.finding"                   \
	"           FROM ti_visit_finding f WHERE f.visit_id = v.id ORDER BY f.finding)), '')"  \
	" FROM ti_visit v JOIN institution i ON i.id = v.institution_id"                         \
	" JOIN users u ON u.id = v.created_by WHERE v.district_id = ?"
#define VISIT_FILTER                                                                           \
	" AND (? = 0 OR v.sweep_id = ?) AND (? = 0 OR v.institution_id = ?)"                    \
	" AND (? = 0 OR v.id < ?) ORDER BY v.id DESC LIMIT ?"

int store_ti_visit_list(struct db *db, int64_t d, int64_t sweep_id, int64_t institution_id,
			int64_t before, int limit, struct db_res **out, struct db_err *err)
{
	struct db_val p[8] = { DB_INT(d), DB_INT(sweep_id), DB_INT(sweep_id),
			       DB_INT(institution_id), DB_INT(institution_id), DB_INT(before),
			       DB_INT(before), DB_INT(limit) };

	return db_exec(db, db_kind(db) == DB_PG ? VISIT_COLS VISIT_FILTER
						: VISIT_COLS_LITE VISIT_FILTER, p, 8, out, err);
}

int store_ti_visit_get(struct db *db, int64_t d, int64_t id, struct db_res **out,
		       struct db_err *err)
{
	struct db_val p[2] = { DB_INT(d), DB_INT(id) };

	return store_one_or_none(db_exec(db, db_kind(db) == DB_PG ? VISIT_COLS " AND v.id = ?"
						     : VISIT_COLS_LITE " AND v.id = ?",
					 p, 2, out, err), out);
}

int store_ti_case_insert(struct db *db, const struct store_ti_case *c, int64_t *id,
			 struct db_err *err)
{
	struct db_val p[7] = { DB_INT(c->district_id), DB_INT(c->institution_id),
			       DB_TEXT(c->finding), DB_TEXT(c->opened_on), DB_INT(c->created_by),
			       DB_INT(c->now), DB_INT(c->now) };

	return insert_id(db, "INSERT INTO ti_case (district_id, institution_id, finding, stage,"
			 " opened_on, created_by, created_at, updated_at)"
			 " VALUES (?, ?, ?, 'open', ?, ?, ?, ?) RETURNING id", p, 7, id, err);
}

int store_ti_case_step(struct db *db, int64_t case_id, const char *step, const char *on_date,
		       const char *note, int64_t by, int64_t now, struct db_err *err)
{
	struct db_val p[6] = { DB_INT(case_id), DB_TEXT(step), DB_TEXT(on_date),
			       DB_TEXT(note ? note : ""), DB_INT(by), DB_INT(now) };

	return db_exec(db, "INSERT INTO ti_case_step (case_id, step, on_date, note, created_by,"
		       " created_at) VALUES (?, ?, ?, ?, ?, ?)", p, 6, NULL, err);
}

int store_ti_case_stage(struct db *db, int64_t case_id, const char *stage, int64_t now,
			struct db_err *err)
{
	struct db_val p[3] = { DB_TEXT(stage), DB_INT(now), DB_INT(case_id) };

	return db_exec(db, "UPDATE ti_case SET stage = ?, updated_at = ? WHERE id = ?", p, 3,
		       NULL, err);
}

int store_ti_case_rectified(struct db *db, int64_t case_id, const char *on_date, int64_t now,
			    struct db_err *err)
{
	struct db_val p[3] = { DB_TEXT(on_date), DB_INT(now), DB_INT(case_id) };

	return db_exec(db, "UPDATE ti_case SET rectified_on = ?, updated_at = ? WHERE id = ?", p,
		       3, NULL, err);
}

int store_ti_case_measure(struct db *db, int64_t case_id, int seq, const char *measure,
			  const char *agency, int64_t amount_fen, const char *deadline,
			  struct db_err *err)
{
	struct db_val p[6] = { DB_INT(case_id), DB_INT(seq), DB_TEXT(measure), DB_TEXT(agency),
			       amount_fen > 0 ? DB_INT(amount_fen) : DB_NULLV,
			       deadline ? DB_TEXT(deadline) : DB_NULLV };

	return db_exec(db, "INSERT INTO ti_case_measure (case_id, seq, measure, agency,"
		       " amount_fen, deadline) VALUES (?, ?, ?, ?, ?, ?)", p, 6, NULL, err);
}

#define SQL_CASE_COLS                                                                              \
	"SELECT c.id, c.institution_id, i.name, i.status, c.finding, c.stage, c.opened_on,"    \
	" c.rectified_on, (SELECT MIN(m.deadline) FROM ti_case_measure m"                       \
	"                  WHERE m.case_id = c.id AND m.deadline IS NOT NULL),"                 \
	" (SELECT MAX(s.on_date) FROM ti_case_step s WHERE s.case_id = c.id), c.updated_at"    \
	" FROM ti_case c JOIN institution i ON i.id = c.institution_id WHERE c.district_id = ?"

int store_ti_case_list(struct db *db, int64_t d, const char *stage, int64_t institution_id,
		       const char *overdue_before, int64_t before, int limit,
		       struct db_res **out, struct db_err *err)
{
	struct db_val p[10] = { DB_INT(d), DB_TEXT(stage), DB_TEXT(stage), DB_INT(institution_id),
				DB_INT(institution_id), DB_TEXT(overdue_before),
				DB_TEXT(overdue_before), DB_INT(before), DB_INT(before),
				DB_INT(limit) };

	return db_exec(db, SQL_CASE_COLS " AND (CAST(? AS TEXT) IS NULL OR c.stage = ?)"
		       " AND (? = 0 OR c.institution_id = ?)"
		       " AND (CAST(? AS TEXT) IS NULL OR (c.rectified_on IS NULL AND c.stage <> 'close'"
		       "      AND EXISTS (SELECT 1 FROM ti_case_measure m WHERE m.case_id = c.id"
		       "                  AND m.deadline < ?)))"
		       " AND (? = 0 OR c.id < ?) ORDER BY c.id DESC LIMIT ?", p, 10, out, err);
}

int store_ti_case_get(struct db *db, int64_t d, int64_t id, int lock, struct db_res **out,
		      struct db_err *err)
{
	struct db_val p[2] = { DB_INT(d), DB_INT(id) };

	return store_one_or_none(db_exec(db, db_kind(db) == DB_PG && lock
					 ? SQL_CASE_COLS " AND c.id = ? FOR UPDATE OF c"
					 : SQL_CASE_COLS " AND c.id = ?", p, 2, out, err), out);
}

int store_ti_case_steps(struct db *db, int64_t case_id, struct db_res **out,
			struct db_err *err)
{
	struct db_val p[1] = { DB_INT(case_id) };

	return db_exec(db, "SELECT s.step, s.on_date, s.note, u.display_name, s.created_at"
		       " FROM ti_case_step s JOIN users u ON u.id = s.created_by"
		       " WHERE s.case_id = ? ORDER BY s.id", p, 1, out, err);
}

int store_ti_case_measures(struct db *db, int64_t case_id, struct db_res **out,
			   struct db_err *err)
{
	struct db_val p[1] = { DB_INT(case_id) };

	return db_exec(db, "SELECT measure, agency, amount_fen, deadline FROM ti_case_measure"
		       " WHERE case_id = ? ORDER BY seq", p, 1, out, err);
}

int store_ti_case_by_stage(struct db *db, int64_t d, struct db_res **out, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(d) };

	return db_exec(db, "SELECT stage, COUNT(*), MIN(opened_on) FROM ti_case"
		       " WHERE district_id = ? GROUP BY stage ORDER BY stage", p, 1, out, err);
}

int store_ti_case_open_dates(struct db *db, int64_t d, struct db_res **out,
			     struct db_err *err)
{
	struct db_val p[1] = { DB_INT(d) };

	return db_exec(db, "SELECT opened_on FROM ti_case WHERE district_id = ?"
		       " AND stage <> 'close' ORDER BY opened_on", p, 1, out, err);
}
