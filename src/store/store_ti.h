/* store_ti.h - the off-campus training institution registry: institutions,
 * their applications, courses and staff (0010_institutions.sql). SQL only:
 * the caller (app_ti.c) checks the rules and who may do what. Results are
 * owned by the caller (db_res_free). */
#ifndef SJ_STORE_TI_H
#define SJ_STORE_TI_H

#include "store/db.h"

#include <stdbool.h>
#include <stdint.h>

struct store_ti_inst {
	int64_t district_id;
	const char *name, *credit_code, *licence_no, *address, *category, *status, *status_note;
	bool serves[4]; /* preschool, primary, junior, senior */
	int64_t operator_user_id; /* 0: none */
	int64_t now;
};
int store_ti_insert(struct db *db, const struct store_ti_inst *in, int64_t *id,
		    struct db_err *err);
/* 1 when the district already holds an institution with that credit code. */
int store_ti_credit_taken(struct db *db, int64_t district_id, const char *code, struct db_err *err);
int store_ti_set_status(struct db *db, int64_t id, const char *status, const char *note,
			int64_t now, struct db_err *err);

struct store_ti_course {
	const char *name, *category;
	int grade_lo, grade_hi, lessons, months;
	long fee_fen;
	bool warned;
};
int store_ti_course_add(struct db *db, int64_t district_id, int64_t inst,
			const struct store_ti_course *c, int64_t now, struct db_err *err);
int store_ti_staff_add(struct db *db, int64_t district_id, int64_t inst, const char *name,
		       const char *qualification, const char *cert, int64_t now, struct db_err *err);
/* Withdraw the current courses / staff (a new list replaces them). */
int store_ti_courses_withdraw(struct db *db, int64_t inst, struct db_err *err);
int store_ti_staff_withdraw(struct db *db, int64_t inst, struct db_err *err);
/* Current courses: id, name, category, grade_lo, grade_hi, fee_fen, lessons,
 * months, prepay_warned. Current staff: id, name, qualification, certificate_no. */
enum { TIC_ID, TIC_NAME, TIC_CATEGORY, TIC_LO, TIC_HI, TIC_FEE, TIC_LESSONS, TIC_MONTHS, TIC_WARNED };
int store_ti_courses(struct db *db, int64_t inst, struct db_res **out, struct db_err *err);
enum { TIS_ID, TIS_NAME, TIS_QUAL, TIS_CERT };
int store_ti_staff(struct db *db, int64_t inst, struct db_res **out, struct db_err *err);

/* Columns of an institution row (store_ti_get, store_ti_list). */
enum { TI_ID, TI_NAME, TI_CODE, TI_LICENCE, TI_ADDRESS, TI_CATEGORY, TI_PRE, TI_PRI, TI_JUN,
       TI_SEN, TI_STATUS, TI_NOTE, TI_UPDATED, TI_OPERATOR, TI_WARNED };
/* One institution of the district: 0 found, 1 not, -1 error. */
int store_ti_get(struct db *db, int64_t district_id, int64_t id, struct db_res **out,
		 struct db_err *err);
/* The district's institutions by id after `after`: status, category, q (a
 * name fragment) NULL for any; warned_only: with a TI_PREPAY_CAP course. */
int store_ti_list(struct db *db, int64_t district_id, const char *status, const char *category,
		  const char *q, bool warned_only, int64_t after, int limit, struct db_res **out,
		  struct db_err *err);
/* The public list: id, name, credit_code, licence_no, address, category, the
 * four serves flags, status, status_note — no operator. */
int store_ti_public(struct db *db, int64_t district_id, const char *status, const char *q,
		    int64_t after, int limit, struct db_res **out, struct db_err *err);
/* The district registry's change stamp: the latest updated_at (0: none).
 * Every change of an institution row sets updated_at to its time. */
int store_ti_stamp(struct db *db, int64_t district_id, int64_t *stamp, struct db_err *err);
/* Counts: status, category, n (every pair that has rows); and the number
 * of institutions with a warned course. */
int store_ti_counts(struct db *db, int64_t district_id, struct db_res **out, struct db_err *err);
int store_ti_warned_count(struct db *db, int64_t district_id, int64_t *n, struct db_err *err);

/* ---- applications ---- */
int store_ti_app_insert(struct db *db, int64_t district_id, int64_t inst, int64_t operator_id,
			int64_t now, int64_t *id, struct db_err *err);
/* 1 when the operator has a pending application. */
int store_ti_app_pending(struct db *db, int64_t district_id, int64_t operator_id,
			 struct db_err *err);
/* Columns of an application row: id, institution_id, operator_user_id,
 * status, reason, checklist (JSON text), submitted_at, decided_at (NULL),
 * and the institution's name, credit_code, category. */
enum { TIA_ID, TIA_INST, TIA_OPERATOR, TIA_STATUS, TIA_REASON, TIA_CHECKLIST, TIA_SUBMITTED,
       TIA_DECIDED, TIA_NAME, TIA_CODE, TIA_CATEGORY };
/* One application: 0 found, 1 not, -1 error. */
int store_ti_app_get(struct db *db, int64_t district_id, int64_t id, struct db_res **out,
		     struct db_err *err);
/* Applications newest first below `before` (0: from the newest); operator 0
 * for every operator's, status NULL for any. */
int store_ti_apps(struct db *db, int64_t district_id, int64_t operator_id, const char *status,
		  int64_t before, int limit, struct db_res **out, struct db_err *err);
/* Decide a pending application: 0 done, 1 it is not pending, -1 error. */
int store_ti_app_decide(struct db *db, int64_t id, const char *status, const char *reason,
			const char *checklist, int64_t now, int64_t by, struct db_err *err);

/* The id of a user by login name (the demo's operator): 0 found, 1 not. */
int store_ti_user_id(struct db *db, const char *username, int64_t *id, struct db_err *err);

#endif
