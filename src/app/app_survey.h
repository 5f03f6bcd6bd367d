/* app_survey.h - satisfaction surveys (B18.3, B30.2; rules in
 * core/survey.h, templates and numbers in the pack: SV_SURVEY,
 * SV_MIN_GROUP).
 *
 * Who: the district admin and inspectors publish a survey for one school or
 * the whole district and read every result; a school's principal and
 * academic office read their own school's (of a district survey, their
 * school's part only); parents answer the parent survey and, once per child,
 * the student survey; teachers the teacher survey of their school. A survey
 * outside the actor's reach answers 404, as one that does not exist.
 *
 * Anonymity: an answer is stored under a random id with its school and
 * group and no time; who answered is a separate row that says nothing of
 * what. No result, list or export carries a user id, and a group with fewer
 * than SV_MIN_GROUP answers shows no score, counts or words. */
#ifndef SJ_APP_SURVEY_H
#define SJ_APP_SURVEY_H

#include "app/app.h"
#include "util/table.h"

/* POST /api/v1/surveys {name, groups:[parent|student|teacher], school_id?
 * (absent or null: district-wide), term_id, opens, closes}: the groups'
 * templates, the scale and the satisfied mark are copied from the pack.
 * 201 {item}. Refusals, nothing stored: 404 school, 422 FIELD_INVALID
 * (term_id, groups, closes before opens). Audited survey.publish. */
int app_survey_create(struct app *a, const struct actor *who, json_t *body, json_t **out,
		      struct app_err *e);
/* GET /api/v1/surveys?term_id=&cursor=&limit= : newest first, paged by id
 * (heads: their school's and the district-wide ones). */
int app_survey_list(struct app *a, const struct actor *who, const char *term_id,
		    const char *cursor, const char *limit, json_t **out, struct app_err *e);
/* GET /api/v1/surveys/{id}: the survey with its questions and scale. */
int app_survey_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		   struct app_err *e);
/* GET /api/v1/me/surveys (parents, teachers): surveys open today for the
 * actor, each with what is left to answer: {items:[{survey..., to_answer:
 * [{group, student_id?, student?, answered}]}]}. */
int app_survey_mine(struct app *a, const struct actor *who, json_t **out, struct app_err *e);
/* POST /api/v1/surveys/{id}/answers {group, student_id?, answers:{qid:
 * value|text}}: 201 {ok, survey_id, group}. Refusals, nothing stored: 404
 * a survey not for this person's group or school (or a child not theirs);
 * 422 SV_NOT_OPEN, SV_CLOSED (details opens, closes, today),
 * SV_ANSWER_MISSING, SV_ANSWER_SCALE, SV_ANSWER_TEXT, SV_ANSWER_UNKNOWN
 * (details.question, clause), FIELD_REQUIRED student_id; 409 SV_ANSWERED a
 * second answer from the same person (per child for the student group).
 * Audited survey.answer (the group only; never the answers). */
int app_survey_answer(struct app *a, const struct actor *who, int64_t id, json_t *body,
		      json_t **out, struct app_err *e);
/* GET /api/v1/surveys/{id}/results?school_id=: {survey, rule, clause,
 * min_group, scale, groups:[{group, name, answers, suppressed, score,
 * questions?, notes?}], schools:[{school_id, school, groups}]} - schools
 * for a district-wide survey. A suppressed group (SV_MIN_GROUP) carries
 * only its count and the rule. */
int app_survey_results(struct app *a, const struct actor *who, int64_t id,
		       const char *school_id, json_t **out, struct app_err *e);
/* The same as rows for .xlsx (sv_export_header). Audited survey.export. */
extern const char *const sv_export_header[];
extern const size_t sv_export_ncols;
int app_survey_results_table(struct app *a, const struct actor *who, int64_t id,
			     const char *school_id, struct table *t, struct app_err *e);

/* A school's satisfaction for a term (term_id 0: the current term), over
 * every live survey answered for it, ADDED to out as "satisfaction":
 * {term_id, rule, clause, min_group, groups:[{group, answers, suppressed,
 * score}]}: score is the satisfied share in percent (one decimal), null
 * when suppressed or nothing answered (B18.3, B30.2). 404 a school out of
 * reach, 422 FIELD_INVALID term_id. */
int app_survey_figures(struct app *a, const struct actor *who, int64_t school_id,
		       int64_t term_id, json_t *out, struct app_err *e);

#endif
