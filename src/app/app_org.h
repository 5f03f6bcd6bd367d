/* app_org.h - organisation and people: schools, classes, staff, students,
 * guardians, terms and the calendar; the import of the files schools keep.
 *
 * Import files (CSV in UTF-8 or GB18030, or .xlsx; first row = header, the
 * columns matched by header name in any order; * = required):
 *   schools   学校代码* 学校名称* 学校类型*(小学|初中|九年一贯制) 寄宿(是|否) 联盟集团
 *   staff     学校代码* 工号* 姓名* 任教学科(、分隔) 登录名(an existing user to link)
 *   classes   学校代码* 班级代码* 年级*(1-9 or 一年级..九年级) 班级名称* 班主任工号
 *   teaching  学校代码* 班级代码* 学科* 工号*
 *   students  学籍号* 姓名* 性别*(男|女) 学校代码* 班级代码* 特殊需要 寄宿 留守 (是|否)
 *   guardians 学籍号* 监护人姓名* 关系* 手机号*(11 digits) 登录名(an existing parent user)
 * Codes match records across imports (school code; class code within its
 * school; 学籍号; 工号; guardian phone): importing a file again updates,
 * never duplicates. A file is all or nothing: with any bad row nothing is
 * stored and every bad row is reported with its line and reason. */
#ifndef SJ_APP_ORG_H
#define SJ_APP_ORG_H

#include "app/app.h"
#include "util/table.h"

enum import_kind {
	IMPORT_SCHOOLS = 0,
	IMPORT_STAFF,
	IMPORT_CLASSES,
	IMPORT_TEACHING,
	IMPORT_STUDENTS,
	IMPORT_GUARDIANS,
	IMPORT_KINDS
};

/* "schools" ... "guardians" -> kind, or -1. */
int import_kind_parse(const char *s);
const char *import_kind_id(enum import_kind k);
/* The blank file of a kind: its column names in the importer's order
 * (names[0..n), n returned, at most cap; 0 for no such kind or out of memory)
 * and notes, one row per column (列名, 必填/选填, 填写要求), for a 填写说明 sheet. */
size_t app_import_template(enum import_kind k, const char **names, size_t cap, struct table *notes);

struct import_report {
	long rows;              /* data rows read */
	long created, updated;  /* what was (or, in a dry run, would be) stored */
	long nerrors;           /* bad rows (errors lists at most the first 1000) */
	json_t *errors;         /* [{"line":12,"column":"学籍号","message":"…"}], owned */
};
void import_report_free(struct import_report *r);

/* Import one file's rows. dry_run: check everything, store nothing. Refused
 * (with rows in rep->errors) when any row is bad: 422 IMPORT_INVALID. The
 * district admin imports everything; a principal imports classes, staff,
 * teaching, students and guardians of their own school only. Audited as
 * "import.<kind>" with the counts. progress (may be NULL) is called now and
 * then with rows done. */
int app_import(struct app *a, const struct actor *who, enum import_kind kind,
	       const struct table *t, bool dry_run, struct import_report *rep,
	       void (*progress)(long done, long total, void *arg), void *arg, struct app_err *e);

/* Reads, each limited to what the actor may see (a record out of scope is
 * 404 NOT_FOUND, exactly like a missing one). Lists page by id:
 * {"items":[…],"next_cursor"}. */
int app_school_list(struct app *a, const struct actor *who, const char *q, const char *cursor,
		    const char *limit, json_t **out, struct app_err *e);
int app_school_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		   struct app_err *e);
int app_class_list(struct app *a, const struct actor *who, const char *school_id,
		   const char *grade, const char *cursor, const char *limit, json_t **out,
		   struct app_err *e);
/* The class with its head teacher, teachers and subjects, and its roster
 * (a parent sees only their own children in it). */
int app_class_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		  struct app_err *e);
/* The roster as a table (header + rows) for the .xlsx export; audited. */
int app_class_roster_table(struct app *a, const struct actor *who, int64_t id,
			   struct table *out, char *title, size_t cap, struct app_err *e);
int app_staff_list(struct app *a, const struct actor *who, int64_t school_id, json_t **out,
		   struct app_err *e);
/* A parent's own children. */
int app_children(struct app *a, const struct actor *who, json_t **out, struct app_err *e);
/* Terms of the district with their marked days. */
int app_term_list(struct app *a, const struct actor *who, json_t **out, struct app_err *e);

/* Assignments in a school (district admin, or the principal / academic
 * office of that school; teachers and parents are refused with 403). The
 * staff member must belong to the class's school (422 STAFF_OTHER_SCHOOL).
 * op: "teach" (staff teaches subject in the class), "withdraw" (ends that),
 * "head" (head teacher 班主任; staff_id 0 clears). Audited. */
int app_class_assign(struct app *a, const struct actor *who, int64_t class_id, const char *op,
		     int64_t staff_id, const char *subject, struct app_err *e);
/* School roles: principal, academic_office, grade_head (scope = the grade),
 * subject_head (scope = the subject); withdraw ends the role. Audited. */
int app_school_role(struct app *a, const struct actor *who, int64_t school_id, int64_t staff_id,
		    const char *role, const char *scope, int withdraw, struct app_err *e);
int app_school_roles(struct app *a, const struct actor *who, int64_t school_id, json_t **out,
		     struct app_err *e);
/* Terms and the calendar (district admin). Dates are YYYY-MM-DD. A term may
 * not overlap another of the district. */
int app_term_create(struct app *a, const struct actor *who, const char *name,
		    const char *starts_on, const char *ends_on, int64_t *id, struct app_err *e);
/* Mark one day "holiday", "makeup" or "vacation" with a note; kind "" clears
 * the mark. Audited. */
int app_calendar_set(struct app *a, const struct actor *who, const char *day, const char *kind,
		     const char *note, struct app_err *e);
/* What kind of day `date` is for the actor's district (any signed-in role). */
int app_day_kind(struct app *a, const struct actor *who, const char *date,
		 enum policy_day_kind *kind, struct app_err *e);
/* The id of the district's school with this code: 0 found, 1 not found. */
int app_school_by_code(struct app *a, int64_t district_id, const char *code, int64_t *id,
		       struct app_err *e);

/* Transfers (转学 / 调动, app_transfer.c). A request names the person by
 * 学籍号 or 工号 and name; its side is the actor's: the bureau, the school
 * the person is in ("from"), or the destination ("to", which then names
 * the class for a student). 404 TRANSFER_NOT_FOUND for a person not found or
 * of neither of the actor's schools, 422 TRANSFER_SAME_SCHOOL,
 * TRANSFER_CLASS, TRANSFER_ACCOUNT_ROLE, 409 TRANSFER_OPEN. *out: the
 * transfer, caller frees. */
struct transfer_in {
	const char *kind; /* student, staff */
	const char *code, *name, *reason;
	int64_t to_school_id, to_class_id;
};
int app_transfer_request(struct app *a, const struct actor *who, struct transfer_in *in,
			 json_t **out, struct app_err *e);
/* action: confirm (the other side or the bureau; moves the record and what
 * hangs on the old school), reject (the same, with a note), cancel (the
 * requester's side). 404, 403 TRANSFER_OTHER_SIDE / TRANSFER_NOT_YOURS, 409
 * TRANSFER_CLOSED / TRANSFER_STALE, 422 TRANSFER_CLASS. */
int app_transfer_decide(struct app *a, const struct actor *who, int64_t id, const char *action,
			const char *note, int64_t to_class_id, json_t **out, struct app_err *e);
int app_transfer_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		     struct app_err *e);
/* Newest first; a school's managers see their school's (either side) only. */
struct transfer_query {
	const char *status, *kind, *cursor, *limit;
	const char *school_id, *student_id, *staff_id; /* NULL or "" for any */
};
int app_transfer_list(struct app *a, const struct actor *who, const struct transfer_query *q,
		      json_t **out, struct app_err *e);

/* Every school of the district: id, code, name, kind only (the destination
 * of a transfer is chosen from it; nothing else of another school shows). */
int app_school_directory(struct app *a, const struct actor *who, json_t **out, struct app_err *e);

/* A student leaves the district's schools (离校: guardians no longer see
 * the child; the child's live after-school applications are withdrawn with
 * their counters) or a staff member leaves (离职: teaching, head-teacher
 * posts and roles end; a teacher account is disabled at once). The
 * school's managers or the bureau; 404 out of scope, 409 TRANSFER_OPEN,
 * 422 without a reason. Audited student.leave / staff.leave. */
int app_person_leave(struct app *a, const struct actor *who, int student, int64_t id,
		     const char *reason, struct app_err *e);

#endif
