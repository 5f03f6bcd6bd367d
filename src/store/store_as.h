/* store_as.h - SQL for after-school service (migration 0004). Returns 0,
 * 1 not found (single lookups), -1 error. */
#ifndef SJ_STORE_AS_H
#define SJ_STORE_AS_H

#include "store/db.h"
#include <stdint.h>

/* A new current plan for a school's term: the previous one (if any) stops
 * being current; *version is one more than its. */
int store_as_plan_insert(struct db *db, int64_t d, int64_t school_id, int64_t term_id,
			 int64_t now, int64_t user_id, int64_t *id, int *version,
			 struct db_err *err);
int store_as_slot_add(struct db *db, int64_t d, int64_t plan_id, int seq, int weekday,
		      int start_min, int end_min, const char *kind, struct db_err *err);
/* The current plan of a school's term: id, term_id, version, created_at,
 * creator's display name (1 when none). */
int store_as_plan_current(struct db *db, int64_t school_id, int64_t term_id,
			  struct db_res **out, struct db_err *err);
/* Its slots in order: weekday, start_min, end_min, kind. */
int store_as_plan_slots(struct db *db, int64_t plan_id, struct db_res **out,
			struct db_err *err);

#endif
