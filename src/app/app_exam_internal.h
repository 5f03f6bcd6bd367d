/* app_exam_internal.h - shared by app_exam*.c only. */
#ifndef SJ_APP_EXAM_INTERNAL_H
#define SJ_APP_EXAM_INTERNAL_H

#include "app/app_exam.h"
#include "app/app_internal.h"

/* A plan row (store_exam.h STORE_EXAM columns) as the API shows it. */
json_t *exam_plan_json(const struct app *a, const struct db_res *r, int i);
/* Who may read the school's exams: its managers, the inspector, or one of
 * its teachers by a live staff record: 1, 0, -1 store error. */
int exam_reads(struct db *db, const struct actor *who, int64_t school_id, struct db_err *dbe);
/* A plan of the district the actor may read, into *r: 0, or -1 with e (404
 * for one not theirs). */
int exam_load(struct app *a, struct db *db, const struct actor *who, int64_t id,
	      struct db_res **r, struct app_err *e);
/* A page size and a cursor from a query: 0, or -1 with 400 QUERY_INVALID. */
int exam_page_args(const char *cursor, const char *limit, int64_t *after, int *n,
		   struct app_err *e);
/* An optional positive id from a query (NULL/"" is 0). */
int exam_query_id(const char *s, const char *what, int64_t *v, struct app_err *e);

#endif
