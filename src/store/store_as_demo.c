/* store_as_demo.c - bulk SQL for the demo's after-school history (one text
 * for both backends). */
#include "store/store_as_demo.h"
#include "store/db_impl.h"

#include <string.h>

int store_as_demo_attendance(struct db *db, const struct store_as_demo_day *s,
			     struct store_as_demo_tally *t, struct db_err *err)
{
	int64_t salt = s->salt % 65521;
	struct db_val p[19] = { DB_INT(s->session_id), DB_INT(s->district_id), DB_INT(s->present_pm),
				DB_INT(s->leave_pm), DB_INT(s->present_pm), DB_INT(s->alone_pm),
				DB_INT(s->present_pm), DB_INT(s->alone_pm), DB_INT(s->present_pm),
				DB_INT(s->handover_at), DB_INT(s->present_pm), DB_INT(s->homework_pm),
				DB_INT(s->homework_pm), DB_INT(salt), DB_INT(salt), DB_INT(salt),
				DB_INT(s->school_id), DB_INT(s->term_id), DB_INT(s->session_id) };
	struct db_res *r = NULL;

	/* h, h2, h3: three draws 0..999 per child (a bijection mod 65521, shifted
	 * by the salt); every product stays far below 2^63. The school and term
	 * narrow the applications by their index; the guardians come in by a
	 * join (a correlated subquery per child tripled the time on PostgreSQL). */
	if (db_exec(db, "INSERT INTO as_attendance (session_id, student_id, district_id, status,"
		    " handover, guardian_id, handover_at, homework_done)"
		    " SELECT ?, x.sid, ?,"
		    "  CASE WHEN x.h < ? THEN 'present' WHEN x.h < ? THEN 'leave' ELSE 'absent' END,"
		    "  CASE WHEN x.h >= ? THEN '' WHEN x.alone = 1 AND x.h2 < ? THEN 'alone'"
		    "   WHEN x.ext = 1 THEN 'extended' ELSE 'guardian' END,"
		    "  CASE WHEN x.h < ? AND NOT (x.alone = 1 AND x.h2 < ?) AND x.ext = 0 THEN"
		    "   CASE WHEN x.h2 % 2 = 0 THEN x.g1 ELSE x.g2 END END,"
		    "  CASE WHEN x.h < ? THEN ? + (x.h2 % 15) * 60 END,"
		    "  CASE WHEN x.h < ? AND ? >= 0 THEN CASE WHEN x.h3 < ? THEN 1 ELSE 0 END END"
		    " FROM (SELECT a.student_id AS sid, a.alone_consent AS alone,"
		    "  a.extended_care AS ext,"
		    "  ((a.student_id % 65521) * 40503 + ? * 9973) % 65521 % 1000 AS h,"
		    "  ((a.student_id % 65521) * 30011 + ? * 7919 + 17) % 65521 % 1000 AS h2,"
		    "  ((a.student_id % 65521) * 21713 + ? * 4099 + 29) % 65521 % 1000 AS h3"
		    "  , MIN(gs.guardian_id) AS g1, MAX(gs.guardian_id) AS g2"
		    "  FROM as_application a LEFT JOIN guardian_student gs"
		    "  ON gs.student_id = a.student_id"
		    "  WHERE a.school_id = ? AND a.term_id = ? AND a.status = 'admitted'"
		    "  AND a.program_id = (SELECT program_id FROM as_session WHERE id = ?)"
		    "  GROUP BY a.student_id, a.alone_consent, a.extended_care) x"
		    " RETURNING status, COALESCE(homework_done, -1)", p, 19, &r, err) != 0)
		return -1;
	memset(t, 0, sizeof *t);
	t->rows = db_res_rows(r);
	for (int i = 0; i < t->rows; i++) {
		t->present += db_res_text(r, i, 0)[0] == 'p';
		t->hw_asked += db_res_int(r, i, 1) >= 0;
		t->hw_done += db_res_int(r, i, 1) == 1;
	}
	db_res_free(r);
	return 0;
}
