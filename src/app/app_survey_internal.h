/* app_survey_internal.h - shared by app_survey*.c only. */
#ifndef SJ_APP_SURVEY_INTERNAL_H
#define SJ_APP_SURVEY_INTERNAL_H

#include "app/app_internal.h"
#include "app/app_survey.h"
#include "core/survey.h"
#include "store/store_org.h"

#include <stdbool.h>

/* Today in the district, YYYY-MM-DD. */
/* The rule's clause from the pack, or null. New reference. */
json_t *sv_clause(const struct app *a, const char *code);
/* 404 NOT_FOUND for a survey that does not exist or is out of reach; -1. */
int sv_not_found(struct app_err *e);
/* Whether a survey's comma-separated groups hold g. */
bool sv_has_group(const char *groups, const char *g);
/* The scale and a group's template of a survey as published: 0, or -1 when
 * the survey does not ask that group. */
int sv_snap_template(json_t *snap, const char *grp, struct sv_scale *s,
		     struct policy_sv_template *t);
/* Row i of store_sv_get / store_sv_list as the API shows it. New reference. */
json_t *sv_row_json(struct db_res *r, int i, bool with_questions);
/* Where a parent or teacher answers from: a parent's children (id, school,
 * name), a teacher's schools by live staff records (id 0). */
#define SV_MAX_PLACES 16
struct sv_places {
	int64_t id[SV_MAX_PLACES], school[SV_MAX_PLACES];
	char name[SV_MAX_PLACES][64];
	int n;
};
int sv_places_of(struct db *db, const struct actor *who, struct sv_places *pl,
		 struct db_err *dbe);
/* Whether the actor may see survey row `row` (heads: their school's and the
 * district's; teachers and parents: those asking their group at one of
 * their places). */
bool sv_sees(const struct actor *who, struct db_res *r, int row, const struct sv_places *pl);

#endif
