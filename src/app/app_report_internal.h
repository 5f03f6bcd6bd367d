/* app_report_internal.h - shared by app_report*.c and app_ethics.c only. */
#ifndef SJ_APP_REPORT_INTERNAL_H
#define SJ_APP_REPORT_INTERNAL_H

#include "app/app_internal.h"

/* TE_PAID_TUTORING: record the veto of a live staff member of who's
 * district for the school year of day, in the current transaction, with its
 * audit row; report_id 0 for a case opened directly. *id is the record's,
 * or the active one already there when exists != NULL (then *exists = 1;
 * with exists NULL that answers 409 ETHICS_EXISTS). 422 FIELD_INVALID
 * staff_id for a staff member not in the district or, for a principal, not
 * of their school. */
struct ethics_new {
	int64_t staff_id, report_id;
	const char *finding, *evidence_note;
	int64_t day;
};
int app_ethics_record(const struct app *a, struct db *db, const struct actor *who,
		      const struct ethics_new *x, int64_t *id, int *exists, struct db_err *dbe,
		      struct app_err *e);

/* 1 when school_id is a school of the district, 0 when not, -1 error. */
int app_report_school_ok(struct db *db, int64_t district, int64_t school_id, struct db_err *dbe);

#endif
