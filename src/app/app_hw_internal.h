/* app_hw_internal.h - shared by app_hw.c, app_hw_views.c and
 * app_hw_subjects.c only. */
#ifndef SJ_APP_HW_INTERNAL_H
#define SJ_APP_HW_INTERNAL_H

#include "app/app.h"

/* Today in the district (YYYY-MM-DD). */
void hw_today(const struct app *a, char out[11]);
/* A date argument, or today when NULL/empty (400 QUERY_INVALID). */
int hw_date_arg(const struct app *a, const char *s, char out[11], struct app_err *e);
/* An item row (store_hw.h columns) as JSON; public: only what the notice shows. */
json_t *hw_item_json(const struct app *a, const struct db_res *r, int i, int public);
/* The kind of a day inside the school year: 0, -1 refused (e filled:
 * HW_DATE_OUT_OF_TERM), -2 store error (dbe filled). */
int hw_day_kind(struct db *db, int64_t district, const char *day, enum policy_day_kind *k,
		struct db_err *dbe, struct app_err *e);
/* The class if the actor may see it: 0, 1 not visible, -1 error. */
int hw_visible_class(struct db *db, const struct actor *who, int64_t class_id, int64_t *school,
		     int *grade, char *name, size_t cap, struct db_err *dbe);

struct store_hw_poster;
/* The school lets head teachers post subjects they do not teach (*out 0/1;
 * 1 for a school that never set it). 0, -1 store error. */
int hw_head_any(struct db *db, int64_t school_id, int *out, struct db_err *dbe);
/* A poster may use the subject: they teach it in the class, or head the
 * class and the school allows it (head_any). */
bool hw_may_post_subject(const struct store_hw_poster *ps, int head_any);

#endif
