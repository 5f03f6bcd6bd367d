/* store_org.c - organisation SQL. Scoped reads put the scope predicate's
 * placeholders first (scope_exec), then the query's own. */
#include "store/store_org.h"
#include "store/db_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NSCOPE 9

/* The scope predicates; each takes the NSCOPE values of scope_vals(). */
#define SCHOOL_VISIBLE                                                                    \
	" sc.district_id = ? AND sc.withdrawn = 0 AND (? = 1 OR (? = 2 AND sc.id = ?)"   \
	" OR (? = 3 AND EXISTS (SELECT 1 FROM staff sf WHERE sf.school_id = sc.id"        \
	"                       AND sf.withdrawn = 0 AND sf.user_id IN (?, ?)))"          \
	" OR (? = 4 AND EXISTS (SELECT 1 FROM student st JOIN guardian_student gs"        \
	"       ON gs.student_id = st.id JOIN guardian g ON g.id = gs.guardian_id"         \
	"       WHERE st.school_id = sc.id AND st.withdrawn = 0 AND g.user_id = ?)))"

#define CLASS_VISIBLE                                                                     \
	" c.district_id = ? AND c.withdrawn = 0 AND (? = 1 OR (? = 2 AND c.school_id = ?)" \
	" OR (? = 3 AND (EXISTS (SELECT 1 FROM teaching t JOIN staff sf ON sf.id = t.staff_id" \
	"                        WHERE t.class_id = c.id AND t.withdrawn = 0 AND sf.user_id = ?)"              \
	"             OR EXISTS (SELECT 1 FROM staff sh WHERE sh.id = c.head_teacher_id"   \
	"                        AND sh.user_id = ?)))"                                     \
	" OR (? = 4 AND EXISTS (SELECT 1 FROM student st JOIN guardian_student gs"         \
	"       ON gs.student_id = st.id JOIN guardian g ON g.id = gs.guardian_id"          \
	"       WHERE st.class_id = c.id AND st.withdrawn = 0 AND g.user_id = ?)))"

/* "+st.district_id": the unary plus keeps the planner off the
 * (district_id, registry_no) index, which gives the roster's order for free
 * but walks the whole district; (class_id, id) finds the class's 40 rows.
 * (An index on (class_id, registry_no) would do too, but triples import time.) */
#define STUDENT_VISIBLE                                                                   \
	" +st.district_id = ? AND st.withdrawn = 0 AND (? = 1 OR (? = 2 AND st.school_id = ?)" \
	" OR (? = 3 AND (EXISTS (SELECT 1 FROM teaching t JOIN staff sf ON sf.id = t.staff_id" \
	"                        WHERE t.class_id = st.class_id AND t.withdrawn = 0 AND sf.user_id = ?)"        \
	"             OR EXISTS (SELECT 1 FROM class hc JOIN staff sh ON sh.id = hc.head_teacher_id" \
	"                        WHERE hc.id = st.class_id AND sh.user_id = ?)))"           \
	" OR (? = 4 AND EXISTS (SELECT 1 FROM guardian_student gs JOIN guardian g"          \
	"       ON g.id = gs.guardian_id WHERE gs.student_id = st.id AND g.user_id = ?)))"

static void scope_vals(struct db_val *p, const struct store_scope *s)
{
	int64_t k = s->kind;

	p[0] = DB_INT(s->district_id);
	p[1] = DB_INT(k);
	p[2] = DB_INT(k);
	p[3] = DB_INT(s->school_id);
	p[4] = DB_INT(k);
	p[5] = DB_INT(s->user_id);
	p[6] = DB_INT(s->user_id);
	p[7] = DB_INT(k);
	p[8] = DB_INT(s->user_id);
}

static int scope_exec(struct db *db, const char *sql_lit, const struct store_scope *s,
		      const struct db_val *extra, int nextra, struct db_res **out,
		      struct db_err *err)
{
	struct db_val p[NSCOPE + 8];

	if (nextra > 8) {
		db_seterr(err, DB_ERR_OTHER, "too many parameters");
		return -1;
	}
	scope_vals(p, s);
	for (int i = 0; i < nextra; i++)
		p[NSCOPE + i] = extra[i];
	return db_exec(db, sql_lit, p, NSCOPE + nextra, out, err);
}

int store_one_or_none(int rc, struct db_res **out)
{
	if (rc != 0)
		return rc;
	if (db_res_rows(*out) == 0) {
		db_res_free(*out);
		*out = NULL;
		return 1;
	}
	return 0;
}

#define SCHOOL_COLS                                                                       \
	"sc.id, sc.code, sc.name, sc.kind, sc.boarding, sc.alliance,"                     \
	" (SELECT COUNT(*) FROM class x WHERE x.school_id = sc.id AND x.withdrawn = 0),"  \
	" (SELECT COUNT(*) FROM student y WHERE y.school_id = sc.id AND y.withdrawn = 0)"

int store_school_list(struct db *db, const struct store_scope *s, const char *q, int64_t after,
		      int limit, struct db_res **out, struct db_err *err)
{
	char *pat = store_like_contains(q);
	struct db_val x[5] = { DB_INT(after), DB_TEXT(pat), DB_TEXT(pat), DB_TEXT(q), DB_INT(limit) };
	int rc;

	if (q && !pat) {
		db_seterr(err, DB_ERR_OTHER, "out of memory");
		return -1;
	}
	rc = scope_exec(db, "SELECT " SCHOOL_COLS " FROM school sc WHERE" SCHOOL_VISIBLE
			" AND sc.id > ? AND (CAST(? AS TEXT) IS NULL OR sc.name LIKE ? ESCAPE '\\'"
			"                    OR sc.code = ?)"
			" ORDER BY sc.id LIMIT ?", s, x, 5, out, err);
	free(pat);
	return rc;
}

int store_school_get(struct db *db, const struct store_scope *s, int64_t id, struct db_res **out,
		     struct db_err *err)
{
	struct db_val x[1] = { DB_INT(id) };

	return store_one_or_none(scope_exec(db, "SELECT " SCHOOL_COLS " FROM school sc WHERE"
				      SCHOOL_VISIBLE " AND sc.id = ?", s, x, 1, out, err), out);
}

#define CLASS_COLS                                                                        \
	"c.id, c.school_id, (SELECT name FROM school WHERE id = c.school_id), c.code,"     \
	" c.grade, c.name, c.public_code, COALESCE(c.head_teacher_id, 0),"                 \
	" (SELECT name FROM staff WHERE id = c.head_teacher_id),"                          \
	" (SELECT COUNT(*) FROM student z WHERE z.class_id = c.id AND z.withdrawn = 0)"

int store_class_list(struct db *db, const struct store_scope *s, int64_t school_id, int grade,
		     int64_t after, int limit, struct db_res **out, struct db_err *err)
{
	struct db_val x[6] = { DB_INT(school_id), DB_INT(school_id), DB_INT(grade), DB_INT(grade),
			       DB_INT(after), DB_INT(limit) };

	return scope_exec(db, "SELECT " CLASS_COLS " FROM class c WHERE" CLASS_VISIBLE
			  " AND (? = 0 OR c.school_id = ?) AND (? = 0 OR c.grade = ?)"
			  " AND c.id > ? ORDER BY c.id LIMIT ?", s, x, 6, out, err);
}

int store_class_get(struct db *db, const struct store_scope *s, int64_t id, struct db_res **out,
		    struct db_err *err)
{
	struct db_val x[1] = { DB_INT(id) };

	return store_one_or_none(scope_exec(db, "SELECT " CLASS_COLS " FROM class c WHERE" CLASS_VISIBLE
				      " AND c.id = ?", s, x, 1, out, err), out);
}

int store_class_teaching(struct db *db, int64_t class_id, struct db_res **out, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(class_id) };

	return db_exec(db, "SELECT sf.id, sf.staff_no, sf.name, t.subject FROM teaching t"
		       " JOIN staff sf ON sf.id = t.staff_id WHERE t.class_id = ? AND t.withdrawn = 0"
		       " ORDER BY t.subject, sf.id", p, 1, out, err);
}

int store_class_students(struct db *db, const struct store_scope *s, int64_t class_id,
			 struct db_res **out, struct db_err *err)
{
	struct db_val x[1] = { DB_INT(class_id) };

	return scope_exec(db, "SELECT st.id, st.registry_no, st.name, st.gender, st.special_needs,"
			  " st.boarding, st.left_behind FROM student st WHERE" STUDENT_VISIBLE
			  " AND st.class_id = ? ORDER BY st.registry_no", s, x, 1, out, err);
}

int store_children(struct db *db, int64_t district_id, int64_t user_id, struct db_res **out,
		   struct db_err *err)
{
	struct db_val p[2] = { DB_INT(district_id), DB_INT(user_id) };

	return db_exec(db, "SELECT st.id, st.registry_no, st.name, st.gender, c.id, c.name, c.grade,"
		       " sc.id, sc.name, gs.relation FROM guardian g"
		       " JOIN guardian_student gs ON gs.guardian_id = g.id"
		       " JOIN student st ON st.id = gs.student_id AND st.withdrawn = 0"
		       " JOIN class c ON c.id = st.class_id JOIN school sc ON sc.id = st.school_id"
		       " WHERE g.district_id = ? AND g.user_id = ? ORDER BY st.id", p, 2, out, err);
}

int store_staff_list(struct db *db, const struct store_scope *s, int64_t school_id,
		     struct db_res **out, struct db_err *err)
{
	struct db_val x[1] = { DB_INT(school_id) };

	return scope_exec(db, "SELECT sf.id, sf.staff_no, sf.name, sf.subjects,"
			  " (SELECT username FROM users WHERE id = sf.user_id)"
			  " FROM school sc JOIN staff sf ON sf.school_id = sc.id AND sf.withdrawn = 0"
			  " WHERE" SCHOOL_VISIBLE " AND sc.id = ? ORDER BY sf.staff_no",
			  s, x, 1, out, err);
}

/* ---- import support ---- */

#define CODES_FN(fn, sql_lit)                                                               \
	int fn(struct db *db, int64_t d, struct db_res **out, struct db_err *err)         \
	{                                                                                 \
		struct db_val p[1] = { DB_INT(d) };                                       \
		return db_exec(db, sql_lit, p, 1, out, err);                              \
	}

CODES_FN(store_codes_schools, "SELECT code, id FROM school WHERE district_id = ?")
CODES_FN(store_codes_classes, "SELECT school_id, code, id, grade FROM class WHERE district_id = ?")
CODES_FN(store_codes_staff, "SELECT staff_no, id, school_id FROM staff WHERE district_id = ?")
CODES_FN(store_codes_users, "SELECT username, id, role FROM users WHERE district_id = ?")
CODES_FN(store_school_kind, "SELECT id, kind FROM school WHERE district_id = ?")

static int returning_id(struct db *db, const char *sql_lit, const struct db_val *p, int n,
			int64_t *id, struct db_err *err)
{
	struct db_res *r = NULL;

	if (db_exec(db, sql_lit, p, n, &r, err) != 0)
		return -1;
	*id = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

int store_school_upsert(struct db *db, int64_t d, const char *code, const char *name,
			const char *kind, int boarding, const char *alliance, int64_t now, int64_t *id,
			struct db_err *err)
{
	struct db_val p[7] = { DB_INT(d), DB_TEXT(code), DB_TEXT(name), DB_TEXT(kind),
			       DB_INT(boarding), DB_TEXT(alliance), DB_INT(now) };

	return returning_id(db, "INSERT INTO school (district_id, code, name, kind, boarding, alliance,"
			    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
			    " ON CONFLICT (district_id, code) DO UPDATE SET name = excluded.name,"
			    " kind = excluded.kind, boarding = excluded.boarding,"
			    " alliance = excluded.alliance, withdrawn = 0 RETURNING id", p, 7, id, err);
}

int store_staff_upsert(struct db *db, int64_t d, int64_t school_id, const char *staff_no,
		       const char *name, const char *subjects, int64_t user_id, int64_t *id,
		       struct db_err *err)
{
	struct db_val p[6] = { DB_INT(d), DB_INT(school_id), DB_TEXT(staff_no), DB_TEXT(name),
			       DB_TEXT(subjects), user_id ? DB_INT(user_id) : DB_NULLV };

	return returning_id(db, "INSERT INTO staff (district_id, school_id, staff_no, name, subjects,"
			    " user_id) VALUES (?, ?, ?, ?, ?, ?)"
			    " ON CONFLICT (district_id, staff_no) DO UPDATE SET"
			    " school_id = excluded.school_id, name = excluded.name,"
			    " subjects = excluded.subjects,"
			    " user_id = COALESCE(excluded.user_id, staff.user_id), withdrawn = 0"
			    " RETURNING id", p, 6, id, err);
}

int store_class_upsert(struct db *db, int64_t d, int64_t school_id, const char *code, int grade,
		       const char *name, const char *public_code, int64_t head_teacher_id,
		       int64_t *id, struct db_err *err)
{
	struct db_val p[7] = { DB_INT(d), DB_INT(school_id), DB_TEXT(code), DB_INT(grade),
			       DB_TEXT(name), DB_TEXT(public_code),
			       head_teacher_id ? DB_INT(head_teacher_id) : DB_NULLV };

	return returning_id(db, "INSERT INTO class (district_id, school_id, code, grade, name,"
			    " public_code, head_teacher_id) VALUES (?, ?, ?, ?, ?, ?, ?)"
			    " ON CONFLICT (school_id, code) DO UPDATE SET grade = excluded.grade,"
			    " name = excluded.name, head_teacher_id = excluded.head_teacher_id,"
			    " withdrawn = 0 RETURNING id", p, 7, id, err);
}

int store_teaching_add(struct db *db, int64_t d, int64_t class_id, int64_t staff_id,
		       const char *subject, struct db_err *err)
{
	struct db_val p[4] = { DB_INT(d), DB_INT(class_id), DB_INT(staff_id), DB_TEXT(subject) };

	return db_exec(db, "INSERT INTO teaching (district_id, class_id, staff_id, subject)"
		       " VALUES (?, ?, ?, ?) ON CONFLICT (class_id, subject, staff_id)"
		       " DO UPDATE SET withdrawn = 0", p, 4, NULL, err);
}

int store_student_upsert(struct db *db, int64_t d, int64_t school_id, int64_t class_id,
			 const char *registry_no, const char *name, const char *gender,
			 int special_needs, int boarding, int left_behind, int64_t *id,
			 struct db_err *err)
{
	struct db_val p[9] = { DB_INT(d), DB_INT(school_id), DB_INT(class_id), DB_TEXT(registry_no),
			       DB_TEXT(name), DB_TEXT(gender), DB_INT(special_needs),
			       DB_INT(boarding), DB_INT(left_behind) };

#define SQL_STUDENT_UPSERT                                                                    \
	"INSERT INTO student (district_id, school_id, class_id, registry_no, name, gender,"  \
	" special_needs, boarding, left_behind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"          \
	" ON CONFLICT (district_id, registry_no) DO UPDATE SET"                                \
	" school_id = excluded.school_id, class_id = excluded.class_id,"                      \
	" name = excluded.name, gender = excluded.gender,"                                    \
	" special_needs = excluded.special_needs, boarding = excluded.boarding,"              \
	" left_behind = excluded.left_behind, withdrawn = 0"

	/* A bulk import does not need the id back: no result to build per row. */
	if (!id)
		return db_exec(db, SQL_STUDENT_UPSERT, p, 9, NULL, err);
	return returning_id(db, SQL_STUDENT_UPSERT " RETURNING id", p, 9, id, err);
}

int store_guardian_upsert(struct db *db, int64_t d, const char *name, const char *phone,
			  int64_t user_id, int64_t *id, struct db_err *err)
{
	struct db_val p[4] = { DB_INT(d), DB_TEXT(name), DB_TEXT(phone),
			       user_id ? DB_INT(user_id) : DB_NULLV };

	return returning_id(db, "INSERT INTO guardian (district_id, name, phone, user_id)"
			    " VALUES (?, ?, ?, ?) ON CONFLICT (district_id, phone) DO UPDATE SET"
			    " name = excluded.name, user_id = COALESCE(excluded.user_id, guardian.user_id)"
			    " RETURNING id", p, 4, id, err);
}

int store_guardian_link(struct db *db, int64_t d, int64_t guardian_id, int64_t student_id,
			const char *relation, struct db_err *err)
{
	struct db_val p[4] = { DB_INT(d), DB_INT(guardian_id), DB_INT(student_id), DB_TEXT(relation) };

	return db_exec(db, "INSERT INTO guardian_student (district_id, guardian_id, student_id,"
		       " relation) VALUES (?, ?, ?, ?) ON CONFLICT (guardian_id, student_id)"
		       " DO UPDATE SET relation = excluded.relation", p, 4, NULL, err);
}

/* ---- terms and calendar (dates are YYYY-MM-DD text: they compare as text) ---- */

int store_term_overlaps(struct db *db, int64_t d, const char *starts, const char *ends,
			int *overlaps, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(d), DB_TEXT(ends), DB_TEXT(starts) };
	struct db_res *r = NULL;

	if (db_exec(db, "SELECT COUNT(*) FROM term WHERE district_id = ? AND starts_on <= ?"
		    " AND ends_on >= ?", p, 3, &r, err) != 0)
		return -1;
	*overlaps = db_res_int(r, 0, 0) > 0;
	db_res_free(r);
	return 0;
}

int store_term_insert(struct db *db, int64_t d, const char *name, const char *starts,
		      const char *ends, int64_t *id, struct db_err *err)
{
	struct db_val p[4] = { DB_INT(d), DB_TEXT(name), DB_TEXT(starts), DB_TEXT(ends) };

	return returning_id(db, "INSERT INTO term (district_id, name, starts_on, ends_on)"
			    " VALUES (?, ?, ?, ?) RETURNING id", p, 4, id, err);
}

int store_term_list(struct db *db, int64_t d, struct db_res **out, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(d) };

	return db_exec(db, "SELECT id, name, starts_on, ends_on FROM term WHERE district_id = ?"
		       " ORDER BY starts_on", p, 1, out, err);
}

int store_term_started(struct db *db, int64_t d, const char *day, char out[11],
		       struct db_err *err)
{
	struct db_val p[2] = { DB_INT(d), DB_TEXT(day) };
	struct db_res *r = NULL;

	if (db_exec(db, "SELECT MAX(starts_on) FROM term WHERE district_id = ? AND starts_on <= ?",
		    p, 2, &r, err) != 0)
		return -1;
	snprintf(out, 11, "%s", db_res_rows(r) && db_res_text(r, 0, 0) ? db_res_text(r, 0, 0) : "");
	db_res_free(r);
	return 0;
}

int store_calendar_set(struct db *db, int64_t d, const char *day, const char *kind,
		       const char *note, struct db_err *err)
{
	struct db_val p[4] = { DB_INT(d), DB_TEXT(day), DB_TEXT(kind), DB_TEXT(note) };

	if (!kind || !*kind)
		return db_exec(db, "DELETE FROM calendar_day WHERE district_id = ? AND day = ?",
			       p, 2, NULL, err);
	return db_exec(db, "INSERT INTO calendar_day (district_id, day, kind, note)"
		       " VALUES (?, ?, ?, ?) ON CONFLICT (district_id, day) DO UPDATE SET"
		       " kind = excluded.kind, note = excluded.note", p, 4, NULL, err);
}

int store_calendar_list(struct db *db, int64_t d, const char *from, const char *to,
			struct db_res **out, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(d), DB_TEXT(from), DB_TEXT(to) };

	return db_exec(db, "SELECT day, kind, note FROM calendar_day WHERE district_id = ?"
		       " AND day >= ? AND day <= ? ORDER BY day", p, 3, out, err);
}

int store_day_info(struct db *db, int64_t d, const char *day, int *in_term, char *mark,
		   size_t cap, struct db_err *err)
{
	struct db_val p[4] = { DB_INT(d), DB_TEXT(day), DB_TEXT(day), DB_INT(d) };
	struct db_res *r = NULL;

	if (db_exec(db, "SELECT (SELECT COUNT(*) FROM term WHERE district_id = ? AND starts_on <= ?"
		    " AND ends_on >= ?), (SELECT kind FROM calendar_day WHERE district_id = ?"
		    " AND day = ?)", (struct db_val[5]){ p[0], p[1], p[2], p[3], p[1] }, 5, &r,
		    err) != 0)
		return -1;
	*in_term = db_res_int(r, 0, 0) > 0;
	snprintf(mark, cap, "%s", db_res_text(r, 0, 1) ? db_res_text(r, 0, 1) : "");
	db_res_free(r);
	return 0;
}

int store_teaching_withdraw(struct db *db, int64_t class_id, int64_t staff_id, const char *subject,
			    int *changed, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(class_id), DB_INT(staff_id), DB_TEXT(subject) };
	struct db_res *r = NULL;

	if (db_exec(db, "UPDATE teaching SET withdrawn = 1 WHERE class_id = ? AND staff_id = ?"
		    " AND subject = ? AND withdrawn = 0 RETURNING class_id", p, 3, &r, err) != 0)
		return -1;
	*changed = db_res_rows(r);
	db_res_free(r);
	return 0;
}

int store_class_set_head(struct db *db, int64_t class_id, int64_t staff_id, struct db_err *err)
{
	struct db_val p[2] = { staff_id ? DB_INT(staff_id) : DB_NULLV, DB_INT(class_id) };

	return db_exec(db, "UPDATE class SET head_teacher_id = ? WHERE id = ?", p, 2, NULL, err);
}

int store_staff_school(struct db *db, int64_t d, int64_t staff_id, int64_t *school_id,
		       struct db_err *err)
{
	struct db_val p[2] = { DB_INT(staff_id), DB_INT(d) };
	struct db_res *r = NULL;
	int rc = 1;

	if (db_exec(db, "SELECT school_id FROM staff WHERE id = ? AND district_id = ? AND withdrawn = 0",
		    p, 2, &r, err) != 0)
		return -1;
	if (db_res_rows(r)) {
		*school_id = db_res_int(r, 0, 0);
		rc = 0;
	}
	db_res_free(r);
	return rc;
}

int store_school_role_set(struct db *db, int64_t d, int64_t school_id, int64_t staff_id,
			  const char *role, const char *scope, int withdrawn, struct db_err *err)
{
	struct db_val p[6] = { DB_INT(d), DB_INT(school_id), DB_INT(staff_id), DB_TEXT(role),
			       DB_TEXT(scope), DB_INT(withdrawn) };

	return db_exec(db, "INSERT INTO school_role (district_id, school_id, staff_id, role, scope,"
		       " withdrawn) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (school_id, staff_id, role,"
		       " scope) DO UPDATE SET withdrawn = excluded.withdrawn", p, 6, NULL, err);
}

int store_school_roles(struct db *db, int64_t school_id, struct db_res **out, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(school_id) };

	return db_exec(db, "SELECT r.staff_id, sf.staff_no, sf.name, r.role, r.scope FROM school_role r"
		       " JOIN staff sf ON sf.id = r.staff_id WHERE r.school_id = ? AND r.withdrawn = 0"
		       " ORDER BY r.role, r.scope, sf.staff_no", p, 1, out, err);
}

int store_bulk_begin(struct db *db, struct db_err *err)
{
	if (db_kind(db) != DB_SQLITE)
		return 0;
	return db_exec(db, "PRAGMA cache_size = -524288", NULL, 0, NULL, err);
}

int store_bulk_end(struct db *db, struct db_err *err)
{
	if (db_kind(db) != DB_SQLITE)
		return 0;
	return db_exec(db, "PRAGMA cache_size = -2000", NULL, 0, NULL, err);
}

int store_school_role_withdraw(struct db *db, int64_t school_id, int64_t staff_id,
			       const char *role, const char *scope, int *changed, struct db_err *err)
{
	struct db_val p[4] = { DB_INT(school_id), DB_INT(staff_id), DB_TEXT(role), DB_TEXT(scope) };
	struct db_res *r = NULL;

	if (db_exec(db, "UPDATE school_role SET withdrawn = 1 WHERE school_id = ? AND staff_id = ?"
		    " AND role = ? AND scope = ? AND withdrawn = 0 RETURNING staff_id", p, 4, &r, err))
		return -1;
	*changed = db_res_rows(r);
	db_res_free(r);
	return 0;
}

int store_student_lookup(struct db *db, int64_t d, const char *registry_no, int64_t *id,
			 int64_t *school_id, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(d), DB_TEXT(registry_no) };
	struct db_res *r = NULL;
	int rc = 1;

	if (db_exec(db, "SELECT id, school_id FROM student WHERE district_id = ? AND registry_no = ?",
		    p, 2, &r, err) != 0)
		return -1;
	if (db_res_rows(r)) {
		*id = db_res_int(r, 0, 0);
		*school_id = db_res_int(r, 0, 1);
		rc = 0;
	}
	db_res_free(r);
	return rc;
}

int store_guardian_lookup(struct db *db, int64_t d, const char *phone, int64_t *id,
			  struct db_err *err)
{
	struct db_val p[2] = { DB_INT(d), DB_TEXT(phone) };
	struct db_res *r = NULL;
	int rc = 1;

	if (db_exec(db, "SELECT id FROM guardian WHERE district_id = ? AND phone = ?", p, 2, &r, err))
		return -1;
	if (db_res_rows(r)) {
		*id = db_res_int(r, 0, 0);
		rc = 0;
	}
	db_res_free(r);
	return rc;
}

int store_guardian_share(struct db *db, int64_t d, const char *phone, int64_t school_id,
			 struct store_guardian_share *out, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(school_id), DB_INT(d), DB_TEXT(phone) };
	struct db_res *r = NULL;
	int rc = 1;

	if (db_exec(db, "SELECT g.name, COALESCE(u.username, ''),"
		    " (SELECT COUNT(*) FROM guardian_student gs JOIN student s ON s.id = gs.student_id"
		    "  WHERE gs.guardian_id = g.id AND s.school_id <> ?)"
		    " FROM guardian g LEFT JOIN users u ON u.id = g.user_id"
		    " WHERE g.district_id = ? AND g.phone = ?", p, 3, &r, err) != 0)
		return -1;
	if (db_res_rows(r)) {
		snprintf(out->name, sizeof out->name, "%s", db_res_text(r, 0, 0));
		snprintf(out->username, sizeof out->username, "%s", db_res_text(r, 0, 1));
		out->other_schools = db_res_int(r, 0, 2);
		rc = 0;
	}
	db_res_free(r);
	return rc;
}
