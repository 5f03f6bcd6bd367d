/* app_health_internal.h - shared by app_health*.c only. */
#ifndef SJ_APP_HEALTH_INTERNAL_H
#define SJ_APP_HEALTH_INTERNAL_H

#include "app/app_health.h"
#include "app/app_internal.h"
#include "store/store_health.h"

/* Today in the district, YYYY-MM-DD. */
/* A term id from a query ("" or NULL: 0): 0, or -1 with 400 QUERY_INVALID. */
int he_term_arg(const char *s, int64_t *term_id, struct app_err *e);
/* The term asked for (term_id > 0) or the current one: 0, or -1 with e
 * filled (422 FIELD_INVALID term_id, 404 when the district has no term). */
int he_term(struct db *db, const struct actor *who, int64_t term_id, const char *today,
	    struct store_he_term *t, struct app_err *e);
/* part / whole as a percent with one decimal, or JSON null for nothing. */
json_t *he_rate(long part, long whole);
/* The rule's clause as a JSON string (null when the pack lacks it). */
json_t *he_clause(const struct app *a, const char *code);

#endif
