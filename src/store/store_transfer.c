/* store_transfer.c - see store_transfer.h. */
#include "store/store_transfer.h"

#include <stdio.h>
#include <string.h>

/* A person's row (id, school, class, name, code, account role) into *out,
 * freeing r: 0 found, 1 not. */
static int person_row(struct db_res *r, struct store_person *out)
{
	int rc = 1;

	if (db_res_rows(r)) {
		out->id = db_res_int(r, 0, 0);
		out->school_id = db_res_int(r, 0, 1);
		out->class_id = db_res_int(r, 0, 2);
		snprintf(out->name, sizeof out->name, "%s", db_res_text(r, 0, 3));
		snprintf(out->code, sizeof out->code, "%s", db_res_text(r, 0, 4));
		snprintf(out->account_role, sizeof out->account_role, "%s", db_res_text(r, 0, 5));
		rc = 0;
	}
	db_res_free(r);
	return rc;
}

static int person(struct db *db, const char *sql_lit, int64_t d, const char *code,
		  struct store_person *out, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(d), DB_TEXT(code) };
	struct db_res *r = NULL;

	if (db_exec(db, sql_lit, p, 2, &r, err) != 0)
		return -1;
	return person_row(r, out);
}

int store_transfer_student(struct db *db, int64_t d, const char *registry_no,
			   struct store_person *out, struct db_err *err)
{
	return person(db, "SELECT id, school_id, class_id, name, registry_no, '' FROM student"
		      " WHERE district_id = ? AND registry_no = ? AND withdrawn = 0",
		      d, registry_no, out, err);
}

int store_transfer_staff(struct db *db, int64_t d, const char *staff_no, struct store_person *out,
			 struct db_err *err)
{
	return person(db, "SELECT s.id, s.school_id, 0, s.name, s.staff_no, COALESCE(u.role, '')"
		      " FROM staff s"
		      " LEFT JOIN users u ON u.id = s.user_id"
		      " WHERE s.district_id = ? AND s.staff_no = ? AND s.withdrawn = 0",
		      d, staff_no, out, err);
}

int store_transfer_insert(struct db *db, const struct store_transfer *t, int64_t *id,
			  struct db_err *err)
{
	int student = !strcmp(t->kind, "student");
	struct db_val all[12] = {
		DB_INT(t->district_id), DB_TEXT(t->kind),
		student ? DB_INT(t->person_id) : DB_NULLV, student ? DB_NULLV : DB_INT(t->person_id),
		DB_INT(t->from_school_id), t->from_class_id ? DB_INT(t->from_class_id) : DB_NULLV,
		DB_INT(t->to_school_id), t->to_class_id ? DB_INT(t->to_class_id) : DB_NULLV,
		DB_TEXT(t->side), DB_TEXT(t->reason), DB_INT(t->requested_by), DB_INT(t->requested_at)
	};
	struct db_res *r = NULL;

	if (db_exec(db, "INSERT INTO transfer (district_id, kind, student_id, staff_id,"
		    " from_school_id, from_class_id, to_school_id, to_class_id, side, reason, status,"
		    " requested_by, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'requested', ?, ?)"
		    " RETURNING id", all, 12, &r, err) != 0)
		return -1;
	*id = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

/* The columns of enum TRC_*, then FROM and the joins. */
#define SQL_TRANSFER_ROW                                                                      \
	"SELECT t.id, t.kind, COALESCE(t.student_id, t.staff_id), t.from_school_id,"          \
	" COALESCE(t.from_class_id, 0), t.to_school_id, COALESCE(t.to_class_id, 0), t.side,"  \
	" t.reason, t.status, t.requested_by, t.requested_at, COALESCE(t.decided_by, 0),"     \
	" COALESCE(t.decided_at, 0), t.note, COALESCE(st.name, sf.name),"                     \
	" COALESCE(st.registry_no, sf.staff_no), fs.name, ts.name, COALESCE(fc.name, ''),"     \
	" COALESCE(tc.name, ''), ru.display_name, COALESCE(du.display_name, '')"              \
	" FROM transfer t LEFT JOIN student st ON st.id = t.student_id"                       \
	" LEFT JOIN staff sf ON sf.id = t.staff_id JOIN school fs ON fs.id = t.from_school_id"  \
	" JOIN school ts ON ts.id = t.to_school_id LEFT JOIN class fc ON fc.id = t.from_class_id" \
	" LEFT JOIN class tc ON tc.id = t.to_class_id JOIN users ru ON ru.id = t.requested_by"  \
	" LEFT JOIN users du ON du.id = t.decided_by"

int store_transfer_get(struct db *db, int64_t d, int64_t id, struct db_res **out,
		       struct db_err *err)
{
	struct db_val p[2] = { DB_INT(d), DB_INT(id) };

	if (db_exec(db, SQL_TRANSFER_ROW " WHERE t.district_id = ? AND t.id = ?", p, 2, out, err))
		return -1;
	if (db_res_rows(*out))
		return 0;
	db_res_free(*out);
	*out = NULL;
	return 1;
}

int store_transfer_list(struct db *db, int64_t d, const struct store_transfer_filter *f,
			struct db_res **out, struct db_err *err)
{
	const char *status = f->status ? f->status : "", *kind = f->kind ? f->kind : "";
	struct db_val all[15] = {
		DB_INT(d), DB_INT(f->school_id), DB_INT(f->school_id), DB_INT(f->school_id),
		DB_TEXT(status), DB_TEXT(status), DB_TEXT(kind), DB_TEXT(kind),
		DB_INT(f->student_id), DB_INT(f->student_id), DB_INT(f->staff_id),
		DB_INT(f->staff_id), DB_INT(f->before), DB_INT(f->before), DB_INT(f->limit)
	};

	return db_exec(db, SQL_TRANSFER_ROW " WHERE t.district_id = ?"
		       " AND (? = 0 OR t.from_school_id = ? OR t.to_school_id = ?)"
		       " AND (? = '' OR t.status = ?) AND (? = '' OR t.kind = ?)"
		       " AND (? = 0 OR t.student_id = ?) AND (? = 0 OR t.staff_id = ?)"
		       " AND (? = 0 OR t.id < ?) ORDER BY t.id DESC LIMIT ?",
		       all, 15, out, err);
}

int store_transfer_decide(struct db *db, int64_t id, const char *status, int64_t by, int64_t at,
			  const char *note, int64_t to_class_id, struct db_err *err)
{
	struct db_val p[6] = { DB_TEXT(status), DB_INT(by), DB_INT(at), DB_TEXT(note),
			       to_class_id ? DB_INT(to_class_id) : DB_NULLV, DB_INT(id) };
	struct db_res *r = NULL;
	int rc;

	if (db_exec(db, "UPDATE transfer SET status = ?, decided_by = ?, decided_at = ?, note = ?,"
		    " to_class_id = COALESCE(?, to_class_id) WHERE id = ? AND status = 'requested'"
		    " RETURNING id", p, 6, &r, err) != 0)
		return -1;
	rc = db_res_rows(r) ? 0 : 1;
	db_res_free(r);
	return rc;
}

int store_student_move(struct db *db, int64_t student_id, int64_t school_id, int64_t class_id,
		       struct db_err *err)
{
	struct db_val p[3] = { DB_INT(school_id), DB_INT(class_id), DB_INT(student_id) };

	return db_exec(db, "UPDATE student SET school_id = ?, class_id = ? WHERE id = ?", p, 3,
		       NULL, err);
}

/* A staff member's posts at a school end: teaching, head teacher, roles. */
static int release_school(struct db *db, int64_t staff_id, int64_t school_id, struct db_err *err)
{
	struct db_val both[2] = { DB_INT(staff_id), DB_INT(school_id) };

	if (db_exec(db, "UPDATE teaching SET withdrawn = 1 WHERE staff_id = ? AND withdrawn = 0"
		    " AND class_id IN (SELECT id FROM class WHERE school_id = ?)", both, 2, NULL, err) ||
	    db_exec(db, "UPDATE class SET head_teacher_id = NULL WHERE head_teacher_id = ?"
		    " AND school_id = ?", both, 2, NULL, err))
		return -1;
	return db_exec(db, "UPDATE school_role SET withdrawn = 1 WHERE staff_id = ? AND school_id = ?"
		       " AND withdrawn = 0", both, 2, NULL, err);
}

int store_staff_move(struct db *db, int64_t staff_id, int64_t from_school_id,
		     int64_t to_school_id, struct db_err *err)
{
	struct db_val mv[2] = { DB_INT(to_school_id), DB_INT(staff_id) };

	if (release_school(db, staff_id, from_school_id, err) ||
	    db_exec(db, "UPDATE staff SET school_id = ? WHERE id = ?", mv, 2, NULL, err))
		return -1;
	return db_exec(db, "UPDATE users SET school_id = ? WHERE role = 'teacher'"
		       " AND id = (SELECT user_id FROM staff WHERE id = ?)", mv, 2, NULL, err);
}

int store_staff_leave(struct db *db, int64_t staff_id, int64_t school_id, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(staff_id) };

	if (release_school(db, staff_id, school_id, err) ||
	    db_exec(db, "UPDATE staff SET withdrawn = 1 WHERE id = ?", p, 1, NULL, err))
		return -1;
	/* the account goes with the post: disabled, its sessions ended */
	return db_exec(db, "UPDATE users SET disabled = 1 WHERE role IN ('teacher')"
		       " AND id = (SELECT user_id FROM staff WHERE id = ?)", p, 1, NULL, err) ||
	       db_exec(db, "UPDATE sessions SET revoked = 1 WHERE revoked = 0"
		       " AND user_id = (SELECT user_id FROM staff WHERE id = ?)", p, 1, NULL, err);
}

int store_student_leave(struct db *db, int64_t student_id, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(student_id) };

	return db_exec(db, "UPDATE student SET withdrawn = 1 WHERE id = ?", p, 1, NULL, err);
}

int store_person_by_id(struct db *db, int64_t d, int kind_student, int64_t id,
		       struct store_person *out, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(d), DB_INT(id) };
	struct db_res *r = NULL;
	int rc = kind_student
		? db_exec(db, "SELECT id, school_id, class_id, name, registry_no, '' FROM student"
			  " WHERE district_id = ? AND id = ? AND withdrawn = 0", p, 2, &r, err)
		: db_exec(db, "SELECT s.id, s.school_id, 0, s.name, s.staff_no, COALESCE(u.role, '')"
			  " FROM staff s LEFT JOIN users u ON u.id = s.user_id"
			  " WHERE s.district_id = ? AND s.id = ? AND s.withdrawn = 0", p, 2, &r, err);

	return rc != 0 ? -1 : person_row(r, out);
}

/* One row's first column as an id: 0 found, 1 not, -1 error. */
static int one_id(struct db *db, const char *sql_lit, int64_t d, int64_t id, int64_t *out,
		  struct db_err *err)
{
	struct db_val p[2] = { DB_INT(d), DB_INT(id) };
	struct db_res *r = NULL;
	int rc = 1;

	if (db_exec(db, sql_lit, p, 2, &r, err) != 0)
		return -1;
	if (db_res_rows(r)) {
		if (out)
			*out = db_res_int(r, 0, 0);
		rc = 0;
	}
	db_res_free(r);
	return rc;
}

int store_transfer_school(struct db *db, int64_t d, int64_t school_id, struct db_err *err)
{
	return one_id(db, "SELECT id FROM school WHERE district_id = ? AND id = ? AND withdrawn = 0",
		      d, school_id, NULL, err);
}

int store_transfer_class(struct db *db, int64_t d, int64_t class_id, int64_t *school_id,
			 struct db_err *err)
{
	return one_id(db, "SELECT school_id FROM class WHERE district_id = ? AND id = ?"
		      " AND withdrawn = 0", d, class_id, school_id, err);
}

int store_transfer_applications(struct db *db, int64_t student_id, struct db_res **out,
				struct db_err *err)
{
	struct db_val p[1] = { DB_INT(student_id) };

	return db_exec(db, "SELECT id, school_id, term_id, status FROM as_application"
		       " WHERE student_id = ? AND status <> 'withdrawn' ORDER BY id", p, 1, out, err);
}

int store_school_directory(struct db *db, int64_t d, struct db_res **out, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(d) };

	return db_exec(db, "SELECT id, code, name, kind FROM school WHERE district_id = ?"
		       " AND withdrawn = 0 ORDER BY code", p, 1, out, err);
}
