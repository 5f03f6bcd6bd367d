/* app_ti_internal.h - shared by app_ti.c and app_ti_views.c only. */
#ifndef SJ_APP_TI_INTERNAL_H
#define SJ_APP_TI_INTERNAL_H

#include "app/app.h"
#include "core/institution.h"
#include "store/store_ti.h"

#define TI_MAX_COURSES 50
#define TI_MAX_STAFF 200

/* Decoded courses: the store's rows and the rule's view of them, by index. */
struct ti_courses {
	struct store_ti_course rows[TI_MAX_COURSES];
	struct ti_course core[TI_MAX_COURSES];
	int n;
};
struct ti_staff_list {
	const char *name[TI_MAX_STAFF], *qual[TI_MAX_STAFF], *cert[TI_MAX_STAFF];
	int n;
};

/* body.courses (1..TI_MAX_COURSES) / body.staff (min..TI_MAX_STAFF; absent
 * is fine when min is 0): 0, or -1 with a refusal naming the field
 * (courses.2.fee). Strings stay valid as long as body. */
int ti_courses_decode(json_t *body, struct ti_courses *cs, struct app_err *e);
int ti_staff_decode(json_t *body, size_t min, struct ti_staff_list *st, struct app_err *e);
/* TI_PREPAY_CAP: set each course's flag, append a warning for each. */
void ti_prepay_warnings(const struct policy *p, struct ti_courses *cs, json_t *warnings);
/* Insert the courses and staff (either may be NULL) of an institution. */
int ti_store_lists(struct db *db, int64_t district, int64_t inst, const struct ti_courses *cs,
		   const struct ti_staff_list *st, int64_t now, struct db_err *dbe);
/* An application as the API shows it, with its institution, courses and
 * staff, read on db (inside a use case's transaction, so its answer is
 * built before the commit): 0, 1 not the actor's (an operator's) or none,
 * -1 store error. ti_inst_read: the same for an institution. */
int ti_application_read(const struct app *a, struct db *db, const struct actor *who, int64_t id,
			json_t **out, struct db_err *dbe);
int ti_inst_read(const struct app *a, struct db *db, const struct actor *who, int64_t id,
		 json_t **out, struct db_err *dbe);
/* ti_application_read on a connection of its own; 404 when not visible. */
int ti_application_json(struct app *a, const struct actor *who, int64_t id, json_t **out,
			struct app_err *e);
/* ap->category from the operator's own institution id (404 otherwise). */
int ti_course_category(struct app *a, const struct actor *who, int64_t id,
		       struct ti_application *ap, struct app_err *e);

#endif
