/* store_sv_computed.h - the figures of the computed supervision items
 * (issue 15, part SB), read set-based over the existing tables: one query
 * per measure answers for one school or for every school of the district,
 * grouped and ordered by school id, so the district's 10,000 schools cost
 * the same dozen queries as one. SQL only: the verdicts are
 * core/sv_computed.h's, the scope checks app_sv_computed's. Reads only.
 *
 * Every function: rows ordered by school id (column 0), only schools with
 * records; *out owned by the caller (db_res_free). 0, or -1 with err. */
#ifndef SJ_STORE_SV_COMPUTED_H
#define SJ_STORE_SV_COMPUTED_H

#include "store/db.h"
#include "policy/policy.h"

#include <stdint.h>

struct store_svc_scope {
	int64_t district_id, school_id; /* school_id 0: every school of the district */
	int64_t term_id;
	const char *starts, *ends;      /* the term's days, YYYY-MM-DD */
};

/* Live schools: id, name, kind, students. */
int store_svc_schools(struct db *db, const struct store_svc_scope *s, struct db_res **out,
		      struct db_err *err);
/* HW_WRITTEN_G12, HW_DAILY_LIMIT as declared (hw_class_day); lim[g] the
 * grade's written limit, -1 where written homework is not allowed:
 * school, g12 class-days, of them without written minutes, other
 * class-days, of them within the limit. */
int store_svc_hw_declared(struct db *db, const struct store_svc_scope *s,
			  const int lim[POLICY_MAX_GRADE + 1], struct db_res **out,
			  struct db_err *err);
/* HW_REPORTED_AVERAGE: class-days (grades with a limit) with at least
 * min_families reports: school, class-days, of them whose average is
 * within the limit. */
int store_svc_hw_reported(struct db *db, const struct store_svc_scope *s,
			  const int lim[POLICY_MAX_GRADE + 1], int min_families,
			  struct db_res **out, struct db_err *err);
/* Published written homework: school, assignments, graded, graded by a
 * teacher (teacher, face). */
int store_svc_grading(struct db *db, const struct store_svc_scope *s, struct db_res **out,
		      struct db_err *err);
/* After-school service counters (as_school_term): school, admitted,
 * homework asked, homework done. */
int store_svc_as_term(struct db *db, const struct store_svc_scope *s, struct db_res **out,
		      struct db_err *err);
/* The current plan's weekdays 1-5: school, days served, days whose last
 * slot ends at or after not_before (minutes). */
int store_svc_plan_days(struct db *db, const struct store_svc_scope *s, int not_before,
			struct db_res **out, struct db_err *err);
/* Days with recorded sessions: school, days, days whose last session ended
 * at or after not_before. */
int store_svc_held_days(struct db *db, const struct store_svc_scope *s, int not_before,
			struct db_res **out, struct db_err *err);
/* Live programmes' staff: school, programmes, outside staff (not the
 * school's teachers), of them with a vetting record and date. */
int store_svc_staff(struct db *db, const struct store_svc_scope *s, struct db_res **out,
		    struct db_err *err);
/* Venues of live programmes: school, venues, of them with a passed safety
 * check on a day in [valid_from, valid_to]. */
int store_svc_venues(struct db *db, const struct store_svc_scope *s, const char *valid_from,
		     const char *valid_to, struct db_res **out, struct db_err *err);
/* Present attendances of recorded sessions: school, present, handed over. */
int store_svc_handover(struct db *db, const struct store_svc_scope *s, struct db_res **out,
		       struct db_err *err);
/* MG_SLEEP: students with check-ins in the term: school, students, of them
 * whose average night reaches floor[grade] minutes. */
int store_svc_sleep(struct db *db, const struct store_svc_scope *s,
		    const int floor[POLICY_MAX_GRADE + 1], struct db_res **out,
		    struct db_err *err);
/* MG_VISION_SCREENING: school, students screened, of them screened on at
 * least need days of the term. */
int store_svc_vision(struct db *db, const struct store_svc_scope *s, int need,
		     struct db_res **out, struct db_err *err);
/* TE_PAID_TUTORING: active ethics records of the school year: school, cases. */
int store_svc_ethics(struct db *db, const struct store_svc_scope *s, int school_year,
		     struct db_res **out, struct db_err *err);
/* SV_SURVEY (B18.3): per school and group of the term's surveys: school,
 * group, answers, scale answers counted as satisfied (value >= satisfied_from),
 * scale answers; rows by school, then group. */
int store_svc_satisfaction(struct db *db, const struct store_svc_scope *s, int satisfied_from,
			   struct db_res **out, struct db_err *err);
/* MG_PE_DAILY, MG_EYE_EXERCISES: live class-days: school, class-days, of
 * them neither short of PE nor of eye exercises. */
int store_svc_pe(struct db *db, const struct store_svc_scope *s, struct db_res **out,
		 struct db_err *err);

#endif
