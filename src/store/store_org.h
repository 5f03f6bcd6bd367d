/* store_org.h - SQL for organisation and people. Reads take a scope so that
 * every query returns exactly what the caller may see (RELIABILITY.md
 * "Access"): the bureau its district, a principal or academic office their
 * school, a teacher the classes they teach or head, a parent their children.
 * Returns: 0, 1 not found (single lookups), -1 error. */
#ifndef SJ_STORE_ORG_H
#define SJ_STORE_ORG_H

#include "store/db.h"
#include <stdint.h>

enum store_scope_kind { SCOPE_NONE = 0, SCOPE_DISTRICT, SCOPE_SCHOOL, SCOPE_TEACHER, SCOPE_PARENT };

struct store_scope {
	int64_t district_id;
	enum store_scope_kind kind;
	int64_t school_id; /* SCOPE_SCHOOL */
	int64_t user_id;   /* SCOPE_TEACHER, SCOPE_PARENT */
};

/* Schools: id, code, name, kind, boarding, alliance, classes, students. */
int store_school_list(struct db *db, const struct store_scope *s, const char *q, int64_t after,
		      int limit, struct db_res **out, struct db_err *err);
int store_school_get(struct db *db, const struct store_scope *s, int64_t id, struct db_res **out,
		     struct db_err *err);

/* Classes: id, school_id, school_name, code, grade, name, public_code,
 * head_teacher_id, head_teacher_name, students. school_id/grade 0 = any. */
int store_class_list(struct db *db, const struct store_scope *s, int64_t school_id, int grade,
		     int64_t after, int limit, struct db_res **out, struct db_err *err);
int store_class_get(struct db *db, const struct store_scope *s, int64_t id, struct db_res **out,
		    struct db_err *err);
/* Teachers of a class: staff id, staff_no, name, subject. */
int store_class_teaching(struct db *db, int64_t class_id, struct db_res **out, struct db_err *err);
/* Students of a class the scope may see (a parent: only their own):
 * id, registry_no, name, gender, special_needs, boarding, left_behind. */
int store_class_students(struct db *db, const struct store_scope *s, int64_t class_id,
			 struct db_res **out, struct db_err *err);
/* A parent's children: id, registry_no, name, gender, class_id, class_name,
 * grade, school_id, school_name, relation. */
int store_children(struct db *db, int64_t district_id, int64_t user_id, struct db_res **out,
		   struct db_err *err);
/* Staff of a school: id, staff_no, name, subjects, username. */
int store_staff_list(struct db *db, const struct store_scope *s, int64_t school_id,
		     struct db_res **out, struct db_err *err);

/* Import support: every code of the district with its id (and school):
 * schools: code, id; classes: school_id, code, id, grade; staff: staff_no,
 * id, school_id; users: username, id, role. (Students and guardians are
 * looked up one by one: there may be millions.) */
int store_codes_schools(struct db *db, int64_t d, struct db_res **out, struct db_err *err);
int store_codes_classes(struct db *db, int64_t d, struct db_res **out, struct db_err *err);
int store_codes_staff(struct db *db, int64_t d, struct db_res **out, struct db_err *err);
int store_codes_users(struct db *db, int64_t d, struct db_res **out, struct db_err *err);
int store_school_kind(struct db *db, int64_t d, struct db_res **out, struct db_err *err); /* id, kind */

/* A large import on this connection: SQLite gets a 512 MiB page cache so a
 * big transaction does not spill pages to the WAL as it grows; end restores
 * the default. No-ops on PostgreSQL. */
int store_bulk_begin(struct db *db, struct db_err *err);
int store_bulk_end(struct db *db, struct db_err *err);

/* One student by 学籍号 / one guardian by phone: 0 found, 1 not. */
int store_student_lookup(struct db *db, int64_t d, const char *registry_no, int64_t *id,
			 int64_t *school_id, struct db_err *err);
int store_guardian_lookup(struct db *db, int64_t d, const char *phone, int64_t *id,
			  struct db_err *err);

/* The guardian with this phone as another school sees it: name, the linked
 * account's user name ("" when none) and how many of the guardian's children
 * are in schools other than school_id. 0 found, 1 not, -1 error. */
struct store_guardian_share {
	char name[128];
	char username[128];
	int64_t other_schools;
};
int store_guardian_share(struct db *db, int64_t d, const char *phone, int64_t school_id,
			 struct store_guardian_share *out, struct db_err *err);

/* Upserts by code; *id receives the row's id. */
int store_school_upsert(struct db *db, int64_t d, const char *code, const char *name,
			const char *kind, int boarding, const char *alliance, int64_t now, int64_t *id,
			struct db_err *err);
int store_staff_upsert(struct db *db, int64_t d, int64_t school_id, const char *staff_no,
		       const char *name, const char *subjects, int64_t user_id, int64_t *id,
		       struct db_err *err);
/* public_code is used only when the class is new. head_teacher_id 0 = none. */
int store_class_upsert(struct db *db, int64_t d, int64_t school_id, const char *code, int grade,
		       const char *name, const char *public_code, int64_t head_teacher_id,
		       int64_t *id, struct db_err *err);
int store_teaching_add(struct db *db, int64_t d, int64_t class_id, int64_t staff_id,
		       const char *subject, struct db_err *err);
/* id may be NULL when the caller does not need it (faster in bulk). */
int store_student_upsert(struct db *db, int64_t d, int64_t school_id, int64_t class_id,
			 const char *registry_no, const char *name, const char *gender,
			 int special_needs, int boarding, int left_behind, int64_t *id,
			 struct db_err *err);
int store_guardian_upsert(struct db *db, int64_t d, const char *name, const char *phone,
			  int64_t user_id, int64_t *id, struct db_err *err);
int store_guardian_link(struct db *db, int64_t d, int64_t guardian_id, int64_t student_id,
			const char *relation, struct db_err *err);

/* Assignments (records are withdrawn, never deleted). */
int store_teaching_withdraw(struct db *db, int64_t class_id, int64_t staff_id, const char *subject,
			    int *changed, struct db_err *err);
int store_class_set_head(struct db *db, int64_t class_id, int64_t staff_id, struct db_err *err);
/* The school of a live staff member of the district: 0, 1 not found. */
int store_staff_school(struct db *db, int64_t d, int64_t staff_id, int64_t *school_id,
		       struct db_err *err);
int store_school_role_set(struct db *db, int64_t d, int64_t school_id, int64_t staff_id,
			  const char *role, const char *scope, int withdrawn, struct db_err *err);
/* Withdraw a live role; *changed = 0 when there was none. */
int store_school_role_withdraw(struct db *db, int64_t school_id, int64_t staff_id,
			       const char *role, const char *scope, int *changed, struct db_err *err);
/* Live roles of a school: staff_id, staff_no, name, role, scope. */
int store_school_roles(struct db *db, int64_t school_id, struct db_res **out, struct db_err *err);

/* Terms and calendar. */
/* 1 when [starts, ends] overlaps a term of the district. */
int store_term_overlaps(struct db *db, int64_t d, const char *starts, const char *ends,
			int *overlaps, struct db_err *err);
int store_term_insert(struct db *db, int64_t d, const char *name, const char *starts,
		      const char *ends, int64_t *id, struct db_err *err);
/* Terms: id, name, starts_on, ends_on, ordered by start. */
int store_term_list(struct db *db, int64_t d, struct db_res **out, struct db_err *err);
/* The first day of the term in force on day: the latest term of the district
 * that started on or before it (during a vacation, the term just ended);
 * out is "" when none has started. */
int store_term_started(struct db *db, int64_t d, const char *day, char out[11],
		       struct db_err *err);
/* kind "" removes the day's mark. */
int store_calendar_set(struct db *db, int64_t d, const char *day, const char *kind,
		       const char *note, struct db_err *err);
/* Marked days in [from, to]: day, kind, note. */
int store_calendar_list(struct db *db, int64_t d, const char *from, const char *to,
			struct db_res **out, struct db_err *err);
/* Whether day is inside a term, and its mark ("" when none; cap >= 16). */
int store_day_info(struct db *db, int64_t d, const char *day, int *in_term, char *mark,
		   size_t cap, struct db_err *err);

#endif
