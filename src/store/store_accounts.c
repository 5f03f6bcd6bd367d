/* store_accounts.c - see store_accounts.h. */
#include "store/store_accounts.h"

#include <stdio.h>

/* The scope filter shared by both kinds: the class (c) is of the school, of
 * the grade and the class asked for. */
#define SQL_CLASS_SCOPE " AND (? = 0 OR c.grade = ?) AND (? = 0 OR c.id = ?)"
/* which: PROV_NEW, PROV_PENDING, PROV_ANY over the record's user (u). */
#define SQL_WHICH                                                                             \
	" AND ((? = 0 AND u.id IS NULL) OR (? = 1 AND u.password_hash = ''"                   \
	" AND u.activation_hash <> '') OR (? = 2 AND u.id IS NOT NULL))"

int store_provision_staff(struct db *db, int64_t d, int64_t school_id, int grade,
			  int64_t class_id, int which, struct db_res **out, struct db_err *err)
{
	struct db_val p[10] = { DB_INT(d), DB_INT(school_id), DB_INT(which), DB_INT(which),
				DB_INT(which), DB_INT(grade || class_id), DB_INT(grade),
				DB_INT(grade), DB_INT(class_id), DB_INT(class_id) };

	/* a teacher's class: the one they head, else the first they teach */
	return db_exec(db, "SELECT s.id, s.staff_no, s.name, COALESCE((SELECT c.name FROM class c"
		       " WHERE c.head_teacher_id = s.id AND c.withdrawn = 0 ORDER BY c.id LIMIT 1),"
		       " (SELECT c.name FROM class c JOIN teaching t ON t.class_id = c.id"
		       " WHERE t.staff_id = s.id AND t.withdrawn = 0 AND c.withdrawn = 0"
		       " ORDER BY c.id LIMIT 1), ''),"
		       " COALESCE(u.id, 0), COALESCE(u.username, '')"
		       " FROM staff s LEFT JOIN users u ON u.id = s.user_id"
		       " WHERE s.district_id = ? AND s.school_id = ? AND s.withdrawn = 0" SQL_WHICH
		       " AND (? = 0 OR EXISTS (SELECT 1 FROM class c WHERE c.school_id = s.school_id"
		       " AND c.withdrawn = 0 AND (c.head_teacher_id = s.id OR EXISTS (SELECT 1"
		       " FROM teaching t WHERE t.class_id = c.id AND t.staff_id = s.id"
		       " AND t.withdrawn = 0))" SQL_CLASS_SCOPE "))"
		       " ORDER BY s.staff_no", p, 10, out, err);
}

int store_provision_guardians(struct db *db, int64_t d, int64_t school_id, int grade,
			      int64_t class_id, int which, struct db_res **out, struct db_err *err)
{
	struct db_val p[9] = { DB_INT(d), DB_INT(school_id), DB_INT(grade), DB_INT(grade),
			       DB_INT(class_id), DB_INT(class_id), DB_INT(which), DB_INT(which),
			       DB_INT(which) };

	return db_exec(db, "SELECT g.id, g.phone, g.name, MIN(c.name), COALESCE(u.id, 0),"
		       " COALESCE(u.username, '') FROM guardian g"
		       " JOIN guardian_student gs ON gs.guardian_id = g.id"
		       " JOIN student st ON st.id = gs.student_id AND st.withdrawn = 0"
		       " JOIN class c ON c.id = st.class_id LEFT JOIN users u ON u.id = g.user_id"
		       " WHERE g.district_id = ? AND st.school_id = ?" SQL_CLASS_SCOPE SQL_WHICH
		       " GROUP BY g.id, g.phone, g.name, u.id, u.username ORDER BY MIN(c.id), g.id",
		       p, 9, out, err);
}

int store_user_insert_pending(struct db *db, const struct store_pending *x, int64_t *id,
			      struct db_err *err)
{
	struct db_val p[9] = { DB_INT(x->district_id), DB_TEXT(x->username),
			       DB_TEXT(x->display_name), DB_TEXT(x->role),
			       x->school_id ? DB_INT(x->school_id) : DB_NULLV, DB_TEXT(x->phone),
			       DB_TEXT(x->code_hash), DB_INT(x->expires), DB_INT(x->now) };
	struct db_res *r = NULL;
	int rc = 1;

	if (db_exec(db, "INSERT INTO users (district_id, username, display_name, role, school_id,"
		    " password_hash, phone, activation_hash, activation_expires, created_at)"
		    " VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING"
		    " RETURNING id", p, 9, &r, err) != 0)
		return -1;
	if (db_res_rows(r)) {
		*id = db_res_int(r, 0, 0);
		rc = 0;
	}
	db_res_free(r);
	return rc;
}

int store_staff_set_user(struct db *db, int64_t staff_id, int64_t user_id, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(user_id), DB_INT(staff_id) };

	return db_exec(db, "UPDATE staff SET user_id = ? WHERE id = ?", p, 2, NULL, err);
}

int store_guardian_set_user(struct db *db, int64_t guardian_id, int64_t user_id,
			    struct db_err *err)
{
	struct db_val p[2] = { DB_INT(user_id), DB_INT(guardian_id) };

	return db_exec(db, "UPDATE guardian SET user_id = ? WHERE id = ?", p, 2, NULL, err);
}

int store_sessions_end(struct db *db, int64_t user_id, const char *keep_hash, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(user_id), DB_TEXT(keep_hash) };

	return db_exec(db, "UPDATE sessions SET revoked = 1 WHERE user_id = ? AND revoked = 0"
		       " AND id_hash <> ?", p, 2, NULL, err);
}

int store_user_set_code(struct db *db, int64_t user_id, const char *code_hash, int64_t expires,
			struct db_err *err)
{
	struct db_val p[3] = { DB_TEXT(code_hash), DB_INT(expires), DB_INT(user_id) };

	if (db_exec(db, "UPDATE users SET password_hash = '', activation_hash = ?,"
		    " activation_expires = ?, failed_count = 0, locked_until = 0 WHERE id = ?",
		    p, 3, NULL, err) != 0)
		return -1;
	return store_sessions_end(db, user_id, "", err);
}

int store_activation_users(struct db *db, const char *login, struct db_res **out,
			   struct db_err *err)
{
	struct db_val p[2] = { DB_TEXT(login), DB_TEXT(login) };

	return db_exec(db, "SELECT id, activation_hash, activation_expires, disabled, failed_count,"
		       " locked_until, username, district_id FROM users"
		       " WHERE username = ? OR (phone = ? AND phone <> '') ORDER BY id", p, 2, out, err);
}

int store_user_activate(struct db *db, int64_t user_id, const char *password_hash,
			struct db_err *err)
{
	struct db_val p[2] = { DB_TEXT(password_hash), DB_INT(user_id) };

	return db_exec(db, "UPDATE users SET password_hash = ?, activation_hash = '',"
		       " activation_expires = 0, failed_count = 0, locked_until = 0 WHERE id = ?",
		       p, 2, NULL, err);
}

int store_user_set_password(struct db *db, int64_t user_id, const char *password_hash,
			    const char *keep_hash, struct db_err *err)
{
	struct db_val p[2] = { DB_TEXT(password_hash), DB_INT(user_id) };

	if (db_exec(db, "UPDATE users SET password_hash = ?, activation_hash = '',"
		    " activation_expires = 0 WHERE id = ?", p, 2, NULL, err) != 0)
		return -1;
	return store_sessions_end(db, user_id, keep_hash, err);
}

int store_secret(struct db *db, const char *name, const char *fresh, char out[65],
		 struct db_err *err)
{
	struct db_val p[2] = { DB_TEXT(name), DB_TEXT(fresh) };
	struct db_res *r = NULL;

	if (db_exec(db, "INSERT INTO install_secret (name, value) VALUES (?, ?)"
		    " ON CONFLICT (name) DO NOTHING", p, 2, NULL, err) != 0 ||
	    db_exec(db, "SELECT value FROM install_secret WHERE name = ?", p, 1, &r, err) != 0)
		return -1;
	snprintf(out, 65, "%s", db_res_rows(r) ? db_res_text(r, 0, 0) : "");
	db_res_free(r);
	return 0;
}

int store_claim_guardian(struct db *db, int64_t d, const char *phone, const char *registry_no,
			 const char *name, int64_t *guardian_id, int64_t *user_id,
			 struct db_err *err)
{
	struct db_val p[4] = { DB_INT(d), DB_TEXT(phone), DB_TEXT(registry_no), DB_TEXT(name) };
	struct db_res *r = NULL;
	int rc = 1;

	if (db_exec(db, "SELECT g.id, COALESCE(g.user_id, 0) FROM guardian g"
		    " JOIN guardian_student gs ON gs.guardian_id = g.id"
		    " JOIN student st ON st.id = gs.student_id AND st.withdrawn = 0"
		    " WHERE g.district_id = ? AND g.phone = ? AND st.registry_no = ? AND st.name = ?",
		    p, 4, &r, err) != 0)
		return -1;
	if (db_res_rows(r)) {
		*guardian_id = db_res_int(r, 0, 0);
		*user_id = db_res_int(r, 0, 1);
		rc = 0;
	}
	db_res_free(r);
	return rc;
}

int store_user_of_school(struct db *db, int64_t user_id, int64_t school_id, struct db_err *err)
{
	struct db_val p[4] = { DB_INT(user_id), DB_INT(school_id), DB_INT(user_id),
			       DB_INT(school_id) };
	struct db_res *r = NULL;
	int rc;

	if (db_exec(db, "SELECT (SELECT COUNT(*) FROM staff WHERE user_id = ? AND school_id = ?"
		    " AND withdrawn = 0) + (SELECT COUNT(*) FROM guardian g"
		    " JOIN guardian_student gs ON gs.guardian_id = g.id"
		    " JOIN student st ON st.id = gs.student_id AND st.withdrawn = 0"
		    " WHERE g.user_id = ? AND st.school_id = ?)", p, 4, &r, err) != 0)
		return -1;
	rc = db_res_int(r, 0, 0) > 0;
	db_res_free(r);
	return rc;
}

int store_admins_enabled(struct db *db, int64_t d, int64_t *n, struct db_err *err)
{
	struct db_val p[1] = { DB_INT(d) };
	struct db_res *r = NULL;

	if (db_exec(db, "SELECT COUNT(*) FROM users WHERE district_id = ? AND role = 'district_admin'"
		    " AND disabled = 0", p, 1, &r, err) != 0)
		return -1;
	*n = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

int store_user_update(struct db *db, int64_t id, const char *display_name, const char *role,
		      int64_t school_id, struct db_err *err)
{
	struct db_val p[4] = { DB_TEXT(display_name), DB_TEXT(role),
			       school_id ? DB_INT(school_id) : DB_NULLV, DB_INT(id) };

	return db_exec(db, "UPDATE users SET display_name = ?, role = ?, school_id = ? WHERE id = ?",
		       p, 4, NULL, err);
}

int store_user_set_disabled(struct db *db, int64_t id, int disabled, struct db_err *err)
{
	struct db_val p[2] = { DB_INT(disabled), DB_INT(id) };

	if (db_exec(db, "UPDATE users SET disabled = ? WHERE id = ?", p, 2, NULL, err) != 0)
		return -1;
	return disabled ? store_sessions_end(db, id, "", err) : 0;
}

int store_token_list(struct db *db, int64_t d, int64_t user_id, struct db_res **out,
		     struct db_err *err)
{
	struct db_val p[3] = { DB_INT(d), DB_INT(user_id), DB_INT(user_id) };

	return db_exec(db, "SELECT t.id, t.name, u.username, t.created_at, t.revoked FROM tokens t"
		       " JOIN users u ON u.id = t.user_id WHERE t.district_id = ?"
		       " AND (? = 0 OR t.user_id = ?) ORDER BY t.id DESC LIMIT 500", p, 3, out, err);
}

int store_token_revoke(struct db *db, int64_t d, int64_t id, int64_t user_id, struct db_err *err)
{
	struct db_val p[4] = { DB_INT(id), DB_INT(d), DB_INT(user_id), DB_INT(user_id) };
	struct db_res *r = NULL;
	int rc;

	if (db_exec(db, "UPDATE tokens SET revoked = 1 WHERE id = ? AND district_id = ?"
		    " AND (? = 0 OR user_id = ?) AND revoked = 0 RETURNING id", p, 4, &r, err) != 0)
		return -1;
	rc = db_res_rows(r) ? 0 : 1;
	db_res_free(r);
	return rc;
}

int store_secret_get(struct db *db, const char *name, char out[65], struct db_err *err)
{
	struct db_val p[1] = { DB_TEXT(name) };
	struct db_res *r = NULL;

	if (db_exec(db, "SELECT value FROM install_secret WHERE name = ?", p, 1, &r, err) != 0)
		return -1;
	snprintf(out, 65, "%s", db_res_rows(r) ? db_res_text(r, 0, 0) : "");
	db_res_free(r);
	return 0;
}
