/* app_health.h - physical activity, fitness results and vision screenings
 * (DOMAIN.md "Five managements and health"; seed 五(四)5, B22.3, B28.1,
 * B28.4; rules in core/health.h, numbers in the pack).
 *
 * Who: a class's activity is recorded by its teachers (teaching in it or
 * heading it) and its school's principal or academic office; a screening by
 * the student's teachers or school heads; the fitness spreadsheet is
 * imported by the district admin or a school's heads (their own school's
 * students only). Figures are read by the district admin and inspectors
 * (any school) and a school's heads (their own). A class, student or school
 * outside the actor's reach answers 404, as one that does not exist. Every
 * write is one transaction with its audit row; nothing is deleted: a
 * replaced record is withdrawn and kept. */
#ifndef SJ_APP_HEALTH_H
#define SJ_APP_HEALTH_H

#include "app/app.h"
#include "util/table.h"

/* POST /api/v1/classes/{id}/activity {date, pe_minutes, big_break_minutes,
 * other_minutes?, eye_exercises}: the class-day's record (a second one for
 * the same day replaces it; the old one is kept). 201 {item}: item.flags
 * lists MG_PE_DAILY (PE + big break + other below the pack's minutes) and
 * MG_EYE_EXERCISES (fewer than the pack's per_day), each with its clause;
 * item.replaced says whether it replaced one. Refusals, nothing stored:
 * 422 HE_NOT_SCHOOL_DAY (details.day_kind), HE_DATE_FUTURE, FIELD_* (details
 * .field); 404 the class. Audited health.activity (before, after). */
int app_health_activity_put(struct app *a, const struct actor *who, int64_t class_id,
			    json_t *body, json_t **out, struct app_err *e);
/* GET /api/v1/classes/{id}/activity?from=&to= (default: the current term up
 * to today): {class_id, from, to, minutes_required, eye_required, items}. */
int app_health_activity_days(struct app *a, const struct actor *who, int64_t class_id,
			     const char *from, const char *to, json_t **out, struct app_err *e);

/* POST /api/v1/vision-screenings {student_id, date, left, right,
 * corrected?}: left and right on the 5-point scale, one decimal. 201 {item}
 * with poor_vision. Refusals, nothing stored: 422 MG_VISION_SCREENING
 * (details.field, clause, min, max) for a value off the pack's scale,
 * FIELD_INVALID for one with two decimals, HE_DATE_FUTURE; 404 the student.
 * Audited health.vision. */
int app_health_vision_add(struct app *a, const struct actor *who, json_t *body, json_t **out,
			  struct app_err *e);
/* GET /api/v1/classes/{id}/vision-screenings?term_id=: the class's students
 * with their latest screening and how many this term (for batch entry). */
int app_health_vision_roster(struct app *a, const struct actor *who, int64_t class_id,
			     const char *term_id, json_t **out, struct app_err *e);

/* POST /api/v1/imports/fitness?term_id=&dry_run=1: the 国家学生体质健康标准
 * spreadsheet (CSV or .xlsx, util/table.h). Columns: 学籍号 (or 学生编号),
 * 姓名 (must match the roster; not stored), 年级 (must match the roster),
 * 总分 (0..the pack's max_total, one decimal), optional item columns kept
 * as given; other columns are ignored and listed. One file is one
 * transaction: any bad row and nothing is stored, each bad row reported with
 * its line (422 IMPORT_INVALID; MG_FITNESS with the clause when a total is
 * out of range; IMPORT_OTHER_SCHOOL for a student of another school). A
 * student's result for the term replaces the earlier one. term_id defaults
 * to the current term. Audited import.fitness. */
int app_health_fitness_import(struct app *a, const struct actor *who, const struct table *t,
			      const char *term_id, bool dry_run, json_t **out, struct app_err *e);

/* The school's health figures for a term (term_id 0: the current term),
 * ADDED to out as keys "activity", "fitness" and "vision" (and "term_id",
 * "term" when out has no "term_id" yet): class-days recorded and flagged,
 * average minutes; fitness tested, pass and excellence rates by grade;
 * vision screened, poor-vision rate by grade and its change since each
 * student's previous screening, classes overdue for this term's screenings.
 * 404 a school out of reach, 422 FIELD_INVALID term_id. */
int app_health_figures(struct app *a, const struct actor *who, int64_t school_id,
		       int64_t term_id, json_t *out, struct app_err *e);
/* GET /api/v1/schools/{id}/health?term_id=: {school_id, term_id, term,
 * activity, fitness, vision}. */
int app_health_school(struct app *a, const struct actor *who, int64_t school_id,
		      const char *term_id, json_t **out, struct app_err *e);
/* GET /api/v1/health?term_id=&cursor=&limit= (district admin, inspector):
 * one row per school (paged by school id) and the district's totals. */
int app_health_district(struct app *a, const struct actor *who, const char *term_id,
			const char *cursor, const char *limit, json_t **out, struct app_err *e);
/* The same, every school, as rows for .xlsx (he_export_header). Audited
 * health.export. */
extern const char *const he_export_header[];
extern const size_t he_export_ncols;
int app_health_district_table(struct app *a, const struct actor *who, const char *term_id,
			      struct table *t, struct app_err *e);

#endif
