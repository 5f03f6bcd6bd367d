/* store_transfer.h - transfers of students and staff between schools
 * (0006_transfer.sql). SQL only; the rules are in app_transfer.c. */
#ifndef SJ_STORE_TRANSFER_H
#define SJ_STORE_TRANSFER_H

#include "store/db.h"

#include <stdint.h>

/* A person as a transfer names them: id, school, class (students), name and
 * the linked account's role ("" when none; staff). */
struct store_person {
	int64_t id, school_id, class_id;
	char name[128];
	char code[64];         /* 学籍号 / 工号 */
	char account_role[32];
};
/* By 学籍号 / 工号 in the district (withdrawn records are not found):
 * 0 found, 1 not, -1 error. */
int store_transfer_student(struct db *db, int64_t d, const char *registry_no,
			   struct store_person *out, struct db_err *err);
int store_transfer_staff(struct db *db, int64_t d, const char *staff_no, struct store_person *out,
			 struct db_err *err);

struct store_transfer {
	int64_t district_id;
	const char *kind; /* student, staff */
	int64_t person_id, from_school_id, from_class_id, to_school_id, to_class_id;
	const char *side, *reason;
	int64_t requested_by, requested_at;
};
/* Insert a request (status requested); a second open one for the same
 * person is a DB_ERR_CONFLICT. */
int store_transfer_insert(struct db *db, const struct store_transfer *t, int64_t *id,
			  struct db_err *err);

/* Columns of store_transfer_get and store_transfer_list. */
enum {
	TRC_ID, TRC_KIND, TRC_PERSON, TRC_FROM, TRC_FROM_CLASS, TRC_TO, TRC_TO_CLASS, TRC_SIDE,
	TRC_REASON, TRC_STATUS, TRC_REQ_BY, TRC_REQ_AT, TRC_DEC_BY, TRC_DEC_AT, TRC_NOTE,
	TRC_NAME, TRC_CODE, TRC_FROM_NAME, TRC_TO_NAME, TRC_FROM_CLASS_NAME, TRC_TO_CLASS_NAME,
	TRC_REQ_NAME, TRC_DEC_NAME
};
/* One transfer of the district: 0 found, 1 not, -1 error. */
int store_transfer_get(struct db *db, int64_t d, int64_t id, struct db_res **out,
		       struct db_err *err);
/* A page of the district's transfers by id, newest first (before: the last
 * id of the previous page, 0 for the first), filtered: school_id (either
 * side), status, kind, student_id, staff_id; 0 or "" for any. */
struct store_transfer_filter {
	int64_t school_id, student_id, staff_id, before;
	const char *status, *kind;
	int limit;
};
int store_transfer_list(struct db *db, int64_t d, const struct store_transfer_filter *f,
			struct db_res **out, struct db_err *err);

/* Close an open transfer: status confirmed/rejected/cancelled, by whom, when,
 * a note; to_class_id (students, on confirmation) or 0 to keep it. 0, or 1
 * when it was no longer open. */
int store_transfer_decide(struct db *db, int64_t id, const char *status, int64_t by, int64_t at,
			  const char *note, int64_t to_class_id, struct db_err *err);

/* A school of the district that has not been withdrawn: 0, 1 not, -1. */
int store_transfer_school(struct db *db, int64_t d, int64_t school_id, struct db_err *err);
/* A class of the district that has not been withdrawn: its school; 0, 1 not, -1. */
int store_transfer_class(struct db *db, int64_t d, int64_t class_id, int64_t *school_id,
			 struct db_err *err);
/* A student's live after-school applications: 0 id, 1 school_id, 2 term_id,
 * 3 status. */
int store_transfer_applications(struct db *db, int64_t student_id, struct db_res **out,
				struct db_err *err);

/* The district's schools as a directory: 0 id, 1 code, 2 name, 3 kind. */
int store_school_directory(struct db *db, int64_t d, struct db_res **out, struct db_err *err);

/* The moves themselves. A student: its school and class. A staff member: its
 * school, with its teaching, head-teacher posts and school roles at the old
 * school withdrawn, and a teacher account following it. */
int store_student_move(struct db *db, int64_t student_id, int64_t school_id, int64_t class_id,
		       struct db_err *err);
int store_staff_move(struct db *db, int64_t staff_id, int64_t from_school_id,
		     int64_t to_school_id, struct db_err *err);

/* A person leaves the school system of the district (离校 / 离职). A staff
 * member: posts at the school end, the record is withdrawn, a teacher
 * account is disabled and its sessions end. A student: the record is
 * withdrawn (guardians no longer see the child). */
int store_staff_leave(struct db *db, int64_t staff_id, int64_t school_id, struct db_err *err);
int store_student_leave(struct db *db, int64_t student_id, struct db_err *err);
/* A live student (kind_student) or staff record by id: 0 found, 1 not, -1. */
int store_person_by_id(struct db *db, int64_t d, int kind_student, int64_t id,
		       struct store_person *out, struct db_err *err);

#endif
