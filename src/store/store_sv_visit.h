/* store_sv_visit.h - supervision visits, findings and rectification notices
 * (0017_sv_visits.sql). SQL only: the caller has checked scope, the pack's
 * items and deadlines (core/sv_visit.h), and runs writes in a transaction.
 * Reads return rows the caller frees (db_res_free); errors in err. */
#ifndef SJ_STORE_SV_VISIT_H
#define SJ_STORE_SV_VISIT_H

#include "store/db.h"

#include <stdint.h>

/* 1 when user_id is a live inspector account of the district, 0 not, -1 error. */
int store_sv_is_inspector(struct db *db, int64_t district_id, int64_t user_id,
			  struct db_err *err);

struct store_sv_visit {
	int64_t district_id, school_id;
	const char *visit_on, *inspectors, *note; /* inspectors: comma list of user ids */
	int64_t notice_id;                        /* 0: not a re-visit */
	int64_t created_by, now;
};
int store_sv_visit_insert(struct db *db, const struct store_sv_visit *v, int64_t *id,
			  struct db_err *err);

/* Columns of a visit row. */
enum { SVV_ID, SVV_SCHOOL, SVV_SCHOOL_NAME, SVV_ON, SVV_INSPECTORS, SVV_NOTE, SVV_NOTICE,
       SVV_BY_NAME, SVV_AT, SVV_FINDINGS };
/* One visit of the district: 0, 1 none, -1 error. */
int store_sv_visit_get(struct db *db, int64_t district_id, int64_t id, struct db_res **out,
		       struct db_err *err);
/* Visits newest first; school_id 0: all; before 0: from the newest. */
int store_sv_visit_list(struct db *db, int64_t district_id, int64_t school_id, int64_t before,
			int limit, struct db_res **out, struct db_err *err);
/* The names of a comma list of user ids (NULL: of every live inspector of
 * the district), in id order: columns id, name. */
int store_sv_user_names(struct db *db, int64_t district_id, const char *ids,
			struct db_res **out, struct db_err *err);

int store_sv_finding_insert(struct db *db, int64_t visit_id, const char *item_id,
			    const char *text, int64_t by, int64_t now, int64_t *id,
			    struct db_err *err);
/* Columns of a finding row. */
enum { SVF_ID, SVF_VISIT, SVF_ITEM, SVF_TEXT, SVF_AT, SVF_SCHOOL };
/* A visit's findings, oldest first. */
int store_sv_findings(struct db *db, int64_t visit_id, struct db_res **out, struct db_err *err);
/* One finding of the district (its visit's school in SVF_SCHOOL): 0, 1 none, -1. */
int store_sv_finding_get(struct db *db, int64_t district_id, int64_t id, struct db_res **out,
			 struct db_err *err);

struct store_sv_notice {
	int64_t district_id, school_id, visit_id;
	const char *items, *text, *issued_on, *deadline; /* items: comma list of C ids */
	int64_t created_by, now;
};
int store_sv_notice_insert(struct db *db, const struct store_sv_notice *n, int64_t *id,
			   struct db_err *err);

/* Columns of a notice row. */
enum { SVN_ID, SVN_SCHOOL, SVN_SCHOOL_NAME, SVN_VISIT, SVN_ITEMS, SVN_TEXT, SVN_ISSUED,
       SVN_DEADLINE, SVN_STATUS, SVN_ANSWER, SVN_ANSWERED_ON, SVN_ANSWERED_BY, SVN_CLOSED_ON,
       SVN_CLOSE_VISIT, SVN_RESULT, SVN_RESULT_NOTE, SVN_AT };
/* One notice of the district: 0, 1 none, -1 error. */
int store_sv_notice_get(struct db *db, int64_t district_id, int64_t id, struct db_res **out,
			struct db_err *err);
struct store_sv_notice_filter {
	int64_t school_id, visit_id; /* 0: any */
	const char *status;          /* NULL: any */
	const char *overdue_on;      /* a day: only notices not closed with deadline before it */
	int64_t before;              /* 0: from the newest */
	int limit;
};
/* Notices newest first. */
int store_sv_notice_list(struct db *db, int64_t district_id,
			 const struct store_sv_notice_filter *f, struct db_res **out,
			 struct db_err *err);
/* The school's answer (replacing an earlier one) on a notice not closed:
 * 0, 1 when it was closed meanwhile, -1 error. */
int store_sv_notice_answer(struct db *db, int64_t id, const char *text, const char *on,
			   int64_t by, struct db_err *err);
/* Close a notice by a re-visit with its result: 0, 1 already closed, -1 error. */
int store_sv_notice_close(struct db *db, int64_t id, int64_t visit_id, const char *on,
			  const char *result, const char *note, struct db_err *err);

#endif
