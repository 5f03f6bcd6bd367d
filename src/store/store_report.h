/* store_report.h - public reports, their steps, the per-address report
 * counter and teacher-ethics records (0012_reports.sql). SQL only: the
 * caller (app_report.c) decides the rules, the scope and the audit. */
#ifndef SJ_STORE_REPORT_H
#define SJ_STORE_REPORT_H

#include "store/db.h"

#include <stdint.h>

/* RP_RATE_LIMIT: count one more report from client (a hash of the address)
 * in the hour window that holds now (a window older than an hour restarts
 * at 1); *count is the count with this one, *window_start when its window
 * began. Locks the row until commit. */
int store_report_rate_hit(struct db *db, const char *client, int64_t now, int *count,
			  int64_t *window_start, struct db_err *err);

struct store_report {
	int64_t district_id;
	const char *code_hash, *target_kind, *target, *text, *contact;
	int64_t school_id, reporter_user_id; /* 0: none */
	const char *filed_on, *due_on;
	int64_t now;
};
int store_report_insert(struct db *db, const struct store_report *r, int64_t *id,
			struct db_err *err);

/* Columns of store_report_get, store_report_by_code and store_report_list. */
enum {
	RPC_ID, RPC_KIND, RPC_TARGET, RPC_SCHOOL, RPC_STAFF, RPC_TEXT, RPC_CONTACT, RPC_USER,
	RPC_STATUS, RPC_ROUTED, RPC_OUTCOME, RPC_FINDING, RPC_REPLY, RPC_FILED, RPC_DUE,
	RPC_ANSWERED, RPC_CREATED, RPC_UPDATED, RPC_SCHOOL_NAME, RPC_STAFF_NAME
};
/* One report of the district by id / by its code's hash: 0, 1 none, -1. */
int store_report_get(struct db *db, int64_t district_id, int64_t id, struct db_res **out,
		     struct db_err *err);
int store_report_by_code(struct db *db, int64_t district_id, const char *code_hash,
			 struct db_res **out, struct db_err *err);

/* A queue's filter: NULL / 0 fields do not filter. routed_enforcement: only
 * reports routed to education, market or police; overdue_before: only
 * received or routed reports due before that day (YYYY-MM-DD). */
struct store_report_filter {
	int64_t district_id, school_id, after;
	const char *status, *kind, *overdue_before, *q; /* q: in target or text */
	int routed_enforcement, routed_school;
	int limit;
};
int store_report_list(struct db *db, const struct store_report_filter *f, struct db_res **out,
		      struct db_err *err);

/* The new state of a report after a step (every field written). */
struct store_report_state {
	int64_t id, school_id, staff_id; /* 0: NULL */
	const char *status, *routed_to, *outcome, *finding, *reply, *answered_on;
	int64_t now;
};
int store_report_update(struct db *db, const struct store_report_state *s, struct db_err *err);

int store_report_step_add(struct db *db, int64_t report_id, const char *step, const char *detail,
			  const char *note, int64_t user_id, int64_t at, struct db_err *err);
/* Steps, oldest first: step, detail, note, user display name, at. */
int store_report_steps(struct db *db, int64_t report_id, struct db_res **out,
		       struct db_err *err);

/* Counts by kind and outcome: target_kind, outcome, status, count, overdue
 * (received/routed due before today). */
int store_report_stats(struct db *db, int64_t district_id, const char *today,
		       struct db_res **out, struct db_err *err);

/* The district's schools for the public form: id, name. */
int store_report_schools(struct db *db, int64_t district_id, struct db_res **out,
			 struct db_err *err);

/* The demo's history (src/demo/demo_reports.c): a report filed on an
 * earlier day. Sets filed_on, due_on, answered_on (NULL: leave it), the
 * report's times and its steps' (received at filed_at, routed a day before
 * answered_at, the answer and the close at answered_at). */
int store_report_demo_dates(struct db *db, int64_t id, const char *filed_on, const char *due_on,
			    const char *answered_on, int64_t filed_at, int64_t answered_at,
			    struct db_err *err);

/* ---- teacher ethics ---- */

struct store_ethics {
	int64_t district_id, staff_id, school_id, report_id, user_id; /* report_id 0: none */
	int school_year, veto;
	const char *rule_code, *finding, *evidence_note;
	int64_t now;
};
int store_ethics_insert(struct db *db, const struct store_ethics *x, int64_t *id,
			struct db_err *err);
/* The active record of a teacher for a year: its id, or 0. */
int store_ethics_active(struct db *db, int64_t staff_id, int school_year, int64_t *id,
			struct db_err *err);
enum {
	ETC_ID, ETC_STAFF, ETC_STAFF_NAME, ETC_SCHOOL, ETC_SCHOOL_NAME, ETC_YEAR, ETC_RULE,
	ETC_FINDING, ETC_NOTE, ETC_VETO, ETC_REPORT, ETC_STATUS, ETC_REASON, ETC_AT,
	ETC_WITHDRAWN_AT
};
/* Records of the district; school_id, staff_user_id, year 0: all. */
int store_ethics_list(struct db *db, int64_t district_id, int64_t school_id,
		      int64_t staff_user_id, int school_year, struct db_res **out,
		      struct db_err *err);
int store_ethics_get(struct db *db, int64_t district_id, int64_t id, struct db_res **out,
		     struct db_err *err);
/* Withdraw an active record: 0, 1 it was not active. */
int store_ethics_withdraw(struct db *db, int64_t id, const char *reason, int64_t user_id,
			  int64_t now, struct db_err *err);
/* Teachers of a school with an active veto in a year (the indicator table). */
int store_ethics_vetoed_count(struct db *db, int64_t school_id, int school_year, int64_t *n,
			      struct db_err *err);

#endif
