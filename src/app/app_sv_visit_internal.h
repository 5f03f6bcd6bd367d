/* app_sv_visit_internal.h - shared by app_sv_visit*.c only. */
#ifndef SJ_APP_SV_VISIT_INTERNAL_H
#define SJ_APP_SV_VISIT_INTERNAL_H

#include "app/app_internal.h"
#include "app/app_sv_visit.h"

/* The supervision office: inspectors and the district admin. */
bool sv_office(const struct actor *who);
/* Office or a head of the school: 0, or -1 with 404 NOT_FOUND (what). */
int sv_sees_school(const struct actor *who, int64_t school_id, const char *what,
		   struct app_err *e);
/* A refusal by a rule of the pack: details {rule, clause}; returns -1. */
int sv_refuse(const struct app *a, struct app_err *e, int status, const char *code,
	      const char *rule, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Today in the district, YYYY-MM-DD. */
/* A read on a borrowed connection; store errors answered. */
typedef int (*sv_read_fn)(struct app *a, struct db *db, void *ctx, json_t **out,
			  struct db_err *dbe, struct app_err *e);
int sv_read(struct app *a, const struct actor *who, sv_read_fn fn, void *ctx, json_t **out,
	    struct app_err *e);
/* A list's query: cursor, limit, school_id (a school's heads: their own
 * school only, another answers 404). 0, or -1 with 400/404. */
struct sv_list {
	const struct actor *who;
	int64_t school_id, before;
	int limit;
};
int sv_paging(const char *school_id, const char *cursor, const char *limit,
	      struct sv_list *c, struct app_err *e);
/* A comma list of C item ids as [{id, text}]. */
json_t *sv_items_json(const struct app *a, const char *list);
/* An owner's evidence files as a JSON array (store errors in dbe). */
int sv_evidence_json(struct db *db, const struct actor *who, const char *kind, int64_t id,
		     json_t **out, struct db_err *dbe);
/* The notice row (store_sv_visit.h SVN_*) as JSON; today decides overdue. */
json_t *sv_notice_row_json(const struct app *a, const struct db_res *r, int i,
			   const char *today);

#endif
