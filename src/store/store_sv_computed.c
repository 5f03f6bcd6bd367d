/* store_sv_computed.c - set-based reads for the computed supervision items
 * (store_sv_computed.h). Each statement filters the district, the term's
 * days and optionally one school, and groups by school. */
#include "store/store_sv_computed.h"
#include "store/db_impl.h"

/* Each statement is a macro of its school filter: " AND col = ?" for one
 * school, "" for the district; for one school the district's column is
 * written "+col" so that the planner takes the index on the school's rows,
 * not the district's (one statement with "(? = 0 OR col = ?)" would scan
 * the province for one school). */
#define ONE_OR_ALL(s, sql, col) ((s)->school_id ? sql("+", " AND " col " = ?") : sql("", ""))
/* The grade's value from 9 bound parameters. */
#define GRADE_CASE(col)                                                                   \
	"CASE " col " WHEN 1 THEN ? WHEN 2 THEN ? WHEN 3 THEN ? WHEN 4 THEN ? WHEN 5 THEN ?" \
	" WHEN 6 THEN ? WHEN 7 THEN ? WHEN 8 THEN ? WHEN 9 THEN ? ELSE -1 END"

#define MAXP 24

/* Parameters: head (n values), then the district, the school when one,
 * and the term's first and last day when days is set. */
struct params {
	struct db_val v[MAXP];
	int n;
};

static void put(struct params *p, struct db_val v)
{
	if (p->n < MAXP)
		p->v[p->n++] = v;
}

static void put_grades(struct params *p, const int g[POLICY_MAX_GRADE + 1])
{
	for (int i = 1; i <= POLICY_MAX_GRADE; i++)
		put(p, DB_INT(g[i]));
}

static void put_scope(struct params *p, const struct store_svc_scope *s, bool days)
{
	put(p, DB_INT(s->district_id));
	if (s->school_id)
		put(p, DB_INT(s->school_id));
	if (days) {
		put(p, DB_TEXT(s->starts));
		put(p, DB_TEXT(s->ends));
	}
}

static int run(struct db *db, const char *sql_lit, const struct params *p, struct db_res **out,
	       struct db_err *err)
{
	return db_exec(db, sql_lit, p->v, p->n, out, err);
}

#define SQL_SCHOOLS(plus, school) \
	"SELECT id, name, kind, students FROM school WHERE " plus "district_id = ?" \
	school " AND withdrawn = 0 ORDER BY id"
int store_svc_schools(struct db *db, const struct store_svc_scope *s, struct db_res **out,
		      struct db_err *err)
{
	struct params p = { .n = 0 };

	put_scope(&p, s, false);
	return run(db, ONE_OR_ALL(s, SQL_SCHOOLS, "id"), &p, out, err);
}

/* HW_WRITTEN_G12, HW_DAILY_LIMIT (declared) */
#define SQL_HW_DECLARED(plus, school) \
	"SELECT x.school_id, SUM(CASE WHEN x.lim < 0 THEN 1 ELSE 0 END)," \
	" SUM(CASE WHEN x.lim < 0 AND x.w = 0 THEN 1 ELSE 0 END)," \
	" SUM(CASE WHEN x.lim >= 0 THEN 1 ELSE 0 END)," \
	" SUM(CASE WHEN x.lim >= 0 AND x.w <= x.lim THEN 1 ELSE 0 END)" \
	" FROM (SELECT h.school_id, h.written_minutes AS w, " GRADE_CASE("c.grade") \
	" AS lim FROM hw_class_day h JOIN class c ON c.id = h.class_id" \
	" WHERE " plus "h.district_id = ?" school \
	" AND h.day >= ? AND h.day <= ?) x GROUP BY x.school_id ORDER BY x.school_id"
int store_svc_hw_declared(struct db *db, const struct store_svc_scope *s,
			  const int lim[POLICY_MAX_GRADE + 1], struct db_res **out,
			  struct db_err *err)
{
	struct params p = { .n = 0 };

	put_grades(&p, lim);
	put_scope(&p, s, true);
	return run(db, ONE_OR_ALL(s, SQL_HW_DECLARED, "h.school_id"), &p, out, err);
}

/* HW_REPORTED_AVERAGE: the class-day's average as a sum against lim * n;
 * the reports are summed in the order of their covering (district, day,
 * class) index before the class gives school and grade */
#define SQL_HW_REPORTED(plus, school) \
	"SELECT y.school_id, COUNT(*)," \
	" SUM(CASE WHEN y.total <= y.lim * y.n THEN 1 ELSE 0 END)" \
	" FROM (SELECT c.school_id, x.total, x.n, " GRADE_CASE("c.grade") " AS lim" \
	" FROM (SELECT r.class_id, SUM(r.minutes) AS total, COUNT(*) AS n FROM hw_report r" \
	" WHERE " plus "r.district_id = ?" school \
	" AND r.day >= ? AND r.day <= ? GROUP BY r.day, r.class_id" \
	" HAVING COUNT(*) >= ?) x JOIN class c ON c.id = x.class_id) y WHERE y.lim >= 0" \
	" GROUP BY y.school_id ORDER BY y.school_id"
int store_svc_hw_reported(struct db *db, const struct store_svc_scope *s,
			  const int lim[POLICY_MAX_GRADE + 1], int min_families,
			  struct db_res **out, struct db_err *err)
{
	struct params p = { .n = 0 };

	put_grades(&p, lim);
	put_scope(&p, s, true);
	put(&p, DB_INT(min_families));
	return run(db, ONE_OR_ALL(s, SQL_HW_REPORTED, "r.school_id"), &p, out, err);
}

#define SQL_GRADING(plus, school) \
	"SELECT h.school_id, COUNT(*), COUNT(g.homework_id)," \
	" SUM(CASE WHEN g.method IN ('teacher', 'face') THEN 1 ELSE 0 END)" \
	" FROM homework h LEFT JOIN hw_grading g ON g.homework_id = h.id" \
	" WHERE " plus "h.district_id = ?" school \
	" AND h.assigned_on >= ? AND h.assigned_on <= ? AND h.kind = 'written'" \
	" AND h.status = 'published' GROUP BY h.school_id ORDER BY h.school_id"
int store_svc_grading(struct db *db, const struct store_svc_scope *s, struct db_res **out,
		      struct db_err *err)
{
	struct params p = { .n = 0 };

	put_scope(&p, s, true);
	return run(db, ONE_OR_ALL(s, SQL_GRADING, "h.school_id"), &p, out, err);
}

#define SQL_AS_TERM(plus, school) \
	"SELECT school_id, t_admitted, t_hw_asked, t_hw_done FROM as_school_term" \
	" WHERE term_id = ? AND " plus "district_id = ?" school \
	" AND (t_applied > 0 OR t_sessions > 0) ORDER BY school_id"
int store_svc_as_term(struct db *db, const struct store_svc_scope *s, struct db_res **out,
		      struct db_err *err)
{
	struct params p = { .n = 0 };

	put(&p, DB_INT(s->term_id));
	put_scope(&p, s, false);
	return run(db, ONE_OR_ALL(s, SQL_AS_TERM, "school_id"), &p, out, err);
}

/* AS_FIVE_DAYS, AS_END_TIME: the plan's weekdays and each one's last slot */
#define SQL_PLAN_DAYS(plus, school) \
	"SELECT x.school_id, COUNT(*), SUM(CASE WHEN x.e >= ? THEN 1 ELSE 0 END)" \
	" FROM (SELECT pl.school_id, sl.weekday, MAX(sl.end_min) AS e FROM as_plan pl" \
	" JOIN as_plan_slot sl ON sl.plan_id = pl.id WHERE pl.current = 1" \
	" AND pl.term_id = ? AND " plus "pl.district_id = ?" school \
	" AND sl.weekday <= 5 GROUP BY pl.school_id, sl.weekday) x" \
	" GROUP BY x.school_id ORDER BY x.school_id"
int store_svc_plan_days(struct db *db, const struct store_svc_scope *s, int not_before,
			struct db_res **out, struct db_err *err)
{
	struct params p = { .n = 0 };

	put(&p, DB_INT(not_before));
	put(&p, DB_INT(s->term_id));
	put_scope(&p, s, false);
	return run(db, ONE_OR_ALL(s, SQL_PLAN_DAYS, "pl.school_id"), &p, out, err);
}

#define SQL_HELD_DAYS(plus, school) \
	"SELECT x.school_id, COUNT(*), SUM(CASE WHEN x.e >= ? THEN 1 ELSE 0 END)" \
	" FROM (SELECT ss.school_id, ss.day, MAX(ss.end_min) AS e FROM as_session ss" \
	" WHERE " plus "ss.district_id = ?" school \
	" AND ss.day >= ? AND ss.day <= ? AND ss.recorded_at IS NOT NULL" \
	" GROUP BY ss.school_id, ss.day) x GROUP BY x.school_id ORDER BY x.school_id"
int store_svc_held_days(struct db *db, const struct store_svc_scope *s, int not_before,
			struct db_res **out, struct db_err *err)
{
	struct params p = { .n = 0 };

	put(&p, DB_INT(not_before));
	put_scope(&p, s, true);
	return run(db, ONE_OR_ALL(s, SQL_HELD_DAYS, "ss.school_id"), &p, out, err);
}

/* AS_STAFF_VETTING */
#define SQL_STAFF(plus, school) \
	"SELECT g.school_id, COUNT(DISTINCT g.id)," \
	" SUM(CASE WHEN ps.type <> 'teacher' THEN 1 ELSE 0 END)," \
	" SUM(CASE WHEN ps.type <> 'teacher' AND ps.vetting <> '' AND ps.vetted_on <> ''" \
	" THEN 1 ELSE 0 END) FROM as_program g" \
	" LEFT JOIN as_program_staff ps ON ps.program_id = g.id" \
	" WHERE g.term_id = ? AND " plus "g.district_id = ?" school \
	" AND g.withdrawn = 0 GROUP BY g.school_id ORDER BY g.school_id"
int store_svc_staff(struct db *db, const struct store_svc_scope *s, struct db_res **out,
		    struct db_err *err)
{
	struct params p = { .n = 0 };

	put(&p, DB_INT(s->term_id));
	put_scope(&p, s, false);
	return run(db, ONE_OR_ALL(s, SQL_STAFF, "g.school_id"), &p, out, err);
}

/* AS_VENUE_CHECK */
#define SQL_VENUES(plus, school) \
	"SELECT v.school_id, COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1" \
	" FROM as_safety_check k WHERE k.school_id = v.school_id AND k.venue = v.venue" \
	" AND k.passed = 1 AND k.day >= ? AND k.day <= ?) THEN 1 ELSE 0 END)" \
	" FROM (SELECT DISTINCT school_id, venue FROM as_program WHERE term_id = ?" \
	" AND " plus "district_id = ?" school " AND withdrawn = 0) v" \
	" GROUP BY v.school_id ORDER BY v.school_id"
int store_svc_venues(struct db *db, const struct store_svc_scope *s, const char *valid_from,
		     const char *valid_to, struct db_res **out, struct db_err *err)
{
	struct params p = { .n = 0 };

	put(&p, DB_TEXT(valid_from));
	put(&p, DB_TEXT(valid_to));
	put(&p, DB_INT(s->term_id));
	put_scope(&p, s, false);
	return run(db, ONE_OR_ALL(s, SQL_VENUES, "school_id"), &p, out, err);
}

/* AS_HANDOVER: the sessions' counters would not say who was handed over */
#define SQL_HANDOVER(plus, school) \
	"SELECT ss.school_id, COUNT(*), SUM(CASE WHEN t.handover <> '' THEN 1" \
	" ELSE 0 END) FROM as_session ss JOIN as_attendance t ON t.session_id = ss.id" \
	" WHERE " plus "ss.district_id = ?" school \
	" AND ss.day >= ? AND ss.day <= ? AND ss.recorded_at IS NOT NULL" \
	" AND t.status = 'present' GROUP BY ss.school_id ORDER BY ss.school_id"
int store_svc_handover(struct db *db, const struct store_svc_scope *s, struct db_res **out,
		       struct db_err *err)
{
	struct params p = { .n = 0 };

	put_scope(&p, s, true);
	return run(db, ONE_OR_ALL(s, SQL_HANDOVER, "ss.school_id"), &p, out, err);
}

/* MG_SLEEP: the student's term average against the floor, as sums */
#define SQL_SLEEP(plus, school) \
	"SELECT f.school_id, COUNT(*), SUM(CASE WHEN f.sleep_sum >= (" \
	GRADE_CASE("f.grade") ") * f.weeks THEN 1 ELSE 0 END) FROM fm_student_term f" \
	" WHERE f.term_id = ? AND " plus "f.district_id = ?" school \
	" AND f.weeks > 0 GROUP BY f.school_id ORDER BY f.school_id"
int store_svc_sleep(struct db *db, const struct store_svc_scope *s,
		    const int floor[POLICY_MAX_GRADE + 1], struct db_res **out,
		    struct db_err *err)
{
	struct params p = { .n = 0 };

	put_grades(&p, floor);
	put(&p, DB_INT(s->term_id));
	put_scope(&p, s, false);
	return run(db, ONE_OR_ALL(s, SQL_SLEEP, "f.school_id"), &p, out, err);
}

/* MG_VISION_SCREENING */
#define SQL_VISION(plus, school) \
	"SELECT x.school_id, COUNT(*), SUM(CASE WHEN x.n >= ? THEN 1 ELSE 0 END)" \
	" FROM (SELECT v.school_id, v.student_id, COUNT(DISTINCT v.day) AS n" \
	" FROM he_vision v WHERE " plus "v.district_id = ?" school \
	" AND v.day >= ? AND v.day <= ? AND v.withdrawn = 0" \
	" GROUP BY v.school_id, v.student_id) x GROUP BY x.school_id ORDER BY x.school_id"
int store_svc_vision(struct db *db, const struct store_svc_scope *s, int need,
		     struct db_res **out, struct db_err *err)
{
	struct params p = { .n = 0 };

	put(&p, DB_INT(need));
	put_scope(&p, s, true);
	return run(db, ONE_OR_ALL(s, SQL_VISION, "v.school_id"), &p, out, err);
}

/* TE_PAID_TUTORING */
#define SQL_ETHICS(plus, school) \
	"SELECT school_id, COUNT(*) FROM ethics_record WHERE school_year = ?" \
	" AND " plus "district_id = ?" school " AND status = 'active'" \
	" GROUP BY school_id ORDER BY school_id"
int store_svc_ethics(struct db *db, const struct store_svc_scope *s, int school_year,
		     struct db_res **out, struct db_err *err)
{
	struct params p = { .n = 0 };

	put(&p, DB_INT(school_year));
	put_scope(&p, s, false);
	return run(db, ONE_OR_ALL(s, SQL_ETHICS, "school_id"), &p, out, err);
}

/* MG_PE_DAILY, MG_EYE_EXERCISES */
#define SQL_PE(plus, school) \
	"SELECT school_id, COUNT(*), SUM(CASE WHEN pe_short = 0 AND eye_short = 0" \
	" THEN 1 ELSE 0 END) FROM he_activity WHERE " plus "district_id = ?" \
	school " AND day >= ? AND day <= ? AND withdrawn = 0" \
	" GROUP BY school_id ORDER BY school_id"
int store_svc_pe(struct db *db, const struct store_svc_scope *s, struct db_res **out,
		 struct db_err *err)
{
	struct params p = { .n = 0 };

	put_scope(&p, s, true);
	return run(db, ONE_OR_ALL(s, SQL_PE, "school_id"), &p, out, err);
}

/* SV_SURVEY */
#define SQL_SATISFACTION(plus, school) \
	"SELECT a.school_id, a.grp, COUNT(DISTINCT a.id)," \
	" SUM(CASE WHEN i.value >= ? THEN 1 ELSE 0 END), COUNT(i.value)" \
	" FROM sv_answer a JOIN sv_survey v ON v.id = a.survey_id" \
	" JOIN sv_answer_item i ON i.answer_id = a.id" \
	" WHERE v.term_id = ? AND v.withdrawn = 0 AND " plus "v.district_id = ?" school \
	" GROUP BY a.school_id, a.grp ORDER BY a.school_id, a.grp"
int store_svc_satisfaction(struct db *db, const struct store_svc_scope *s, int satisfied_from,
			   struct db_res **out, struct db_err *err)
{
	struct params p = { .n = 0 };

	put(&p, DB_INT(satisfied_from));
	put(&p, DB_INT(s->term_id));
	put_scope(&p, s, false);
	return run(db, ONE_OR_ALL(s, SQL_SATISFACTION, "a.school_id"), &p, out, err);
}
