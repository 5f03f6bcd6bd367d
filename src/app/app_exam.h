/* app_exam.h - exams (issue 14, part EX; DOMAIN.md "Exams", seed 五(四)4,
 * B13.1): a school's exam plans for the term checked against the pack's
 * rules, results kept as grade levels only, the district's view.
 *
 * Who: the district admin, or the school's principal or academic office,
 * plan and withdraw a school's exams (another school answers 404). Results
 * are entered by those or by a teacher of the class (a class not theirs
 * answers 404). The school's staff and the inspector read plans and level
 * distributions; the district admin and the inspector read the district
 * view. No answer holds a score or a rank (EX_NO_RANKING): results are level
 * names from the pack, shown only as counts per class and grade. */
#ifndef SJ_APP_EXAM_H
#define SJ_APP_EXAM_H

#include "app/app.h"
#include "util/table.h"

/* POST /api/v1/schools/{id}/exams {term_id, grade, kind: final|midterm|unit|
 * monthly, form: paper|non_paper, date: YYYY-MM-DD, subjects: [1-20
 * curriculum subjects of the grade]} → 201 {exam}. Refusals, nothing
 * stored: 422 EX_DATE_OUTSIDE_TERM, EX_FORBIDDEN_KIND, EX_G12_PAPER,
 * EX_FINAL_ONCE, EX_MIDTERM (details: rule, clause, grade, kind, value,
 * limit); 422 FIELD_REQUIRED / FIELD_INVALID (details.field: a grade the
 * school does not have, an unknown term, a subject outside the grade's
 * curriculum as subjects.N); 400 FIELD_TYPE / FIELD_UNKNOWN. The count and
 * the insert are one transaction holding the school (two at once cannot
 * both be the term's one final). Audited exam.plan. */
int app_exam_create(struct app *a, const struct actor *who, int64_t school_id, json_t *body,
		    json_t **out, struct app_err *e);

/* GET /api/v1/schools/{id}/exams?term_id=&grade=&status=live|withdrawn|all
 * &cursor=&limit= (status defaults to all): the school's plans by id, paged
 * ({items, next_cursor}); the school's staff (teachers too) and the bureau.
 * 400 QUERY_INVALID for a bad filter, 404 for a school not theirs. */
struct exam_filter {
	const char *term_id, *grade, *status, *cursor, *limit;
};
int app_exam_list(struct app *a, const struct actor *who, int64_t school_id,
		  const struct exam_filter *f, json_t **out, struct app_err *e);
/* One plan (the same readers). */
int app_exam_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		 struct app_err *e);
/* POST /api/v1/exams/{id}/withdraw {reason}: kept, marked withdrawn with
 * the reason, who and when; it no longer counts against the rules. 409
 * EX_WITHDRAWN when it already is. Audited exam.withdraw. */
int app_exam_withdraw(struct app *a, const struct actor *who, int64_t id, json_t *body,
		      json_t **out, struct app_err *e);

/* POST /api/v1/exams/{id}/results {class_id, results: [{student_id,
 * subject, level}] (1-2000)}: a class of the exam's school and grade;
 * students of that class; subjects of the plan; levels from the pack
 * (EX_NO_RANKING). Any field named score, mark, rank or ranking anywhere
 * is refused 422 EX_NO_RANKING. A level entered again replaces the current
 * one (the old row is kept). 409 EX_WITHDRAWN for a withdrawn plan. One
 * transaction: a bad row stores nothing (details.field results.N.x).
 * Answers {exam_id, class_id, recorded}. Audited exam.results. */
int app_exam_results_put(struct app *a, const struct actor *who, int64_t id, json_t *body,
			 json_t **out, struct app_err *e);
/* GET /api/v1/exams/{id}/results?class_id=: {exam, levels, classes:
 * [{class_id, class_name, subjects: [{subject, counts: {level: n}, total}]}],
 * grade: {subjects: [...]}}: counts only, never a student, a score or a
 * rank. A teacher names one of their classes (class_id required). */
int app_exam_results(struct app *a, const struct actor *who, int64_t id, const char *class_id,
		     json_t **out, struct app_err *e);

/* GET /api/v1/exams?term_id=&school_id=&grade=&cursor=&limit= (district
 * admin, inspector; term_id required): per school {school_id, school_name,
 * grades: [{grade, plans, finals, midterms, other, paper_g12, within_rules}],
 * plans, grades_within_rules, grades_planned} paged by school id, and
 * district totals over every matching school. */
struct exam_district_filter {
	const char *term_id, *school_id, *grade, *cursor, *limit;
};
int app_exam_district(struct app *a, const struct actor *who,
		      const struct exam_district_filter *f, json_t **out, struct app_err *e);
/* The same as rows (one per school and grade with plans) for the .xlsx
 * export; audited exam.export. */
extern const char *const exam_export_header[];
extern const size_t exam_export_ncols;
int app_exam_table(struct app *a, const struct actor *who,
		   const struct exam_district_filter *f, struct table *t, struct app_err *e);

/* For supervision (B13): ADDS the key "exams" to out: {term_id, grades:
 * [{grade, plans, finals, midterms, other, paper_g12, within_rules}],
 * plans, grades_planned, grades_within_rules} for the school's grades,
 * judged against the pack in force. Readers of the school only (404). */
int app_exam_figures(struct app *a, const struct actor *who, int64_t school_id,
		     int64_t term_id, json_t *out, struct app_err *e);
/* GET /api/v1/schools/{id}/exam-figures?term_id=: {school_id, exams}. */
int app_exam_figures_get(struct app *a, const struct actor *who, int64_t school_id,
			 const char *term_id, json_t **out, struct app_err *e);

#endif
