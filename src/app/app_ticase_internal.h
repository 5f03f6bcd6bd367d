/* app_ticase_internal.h - shared by app_ticase*.c only. */
#ifndef SJ_APP_TICASE_INTERNAL_H
#define SJ_APP_TICASE_INTERNAL_H

#include "app/app_internal.h"
#include "app/app_ticase.h"

/* The enforcement officers and the district admin write; the inspector
 * reads too. 0 allowed, or -1 with 403 FORBIDDEN. */
int ti_may_write(const struct actor *who, struct app_err *e);
int ti_may_read(const struct actor *who, struct app_err *e);
/* Today in the district, YYYY-MM-DD. */
void ti_today(const struct app *a, char out[11]);
/* A page query (cursor, limit) into *before and *limit: 0, or -1 with 400. */
int ti_paging(const char *cursor, const char *limit, int64_t *before, int *n,
	      struct app_err *e);
/* A read on a borrowed connection; store errors answered. */
typedef int (*ti_read_fn)(struct app *a, struct db *db, void *ctx, json_t **out,
			  struct db_err *dbe, struct app_err *e);
int ti_read(struct app *a, const struct actor *who, ti_read_fn fn, void *ctx, json_t **out,
	    struct app_err *e);
/* A day (not after today) from an optional field, today when absent:
 * 0, or -1 with 422 FIELD_INVALID naming field. */
int ti_day(const struct app *a, const char *given, const char *field, char out[11],
	   struct app_err *e);
/* The evidence of an owner as a JSON array (store errors in dbe). */
int ti_evidence_json(struct db *db, const struct actor *who, const char *kind, int64_t id,
		     json_t **out, struct db_err *dbe);

#endif
