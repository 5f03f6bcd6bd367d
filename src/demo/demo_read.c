/* demo_read.c - reading the generated district back, shared by the pillars
 * that add history on top of the organisation (homework, after-school):
 * school days, a school's classes with their subjects and students, a
 * parent's children. */
#include "demo/demo_shared.h"
#include "core/calendar.h"
#include "store/store_org.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

/* An instant on a day, minutes after the district's local midnight. */
int64_t demo_local_at(const struct app *a, int64_t day, int minute)
{
	return day * 86400 + (int64_t)(minute - a->policy.utc_offset_minutes) * 60;
}

/* Up to want school days of the district's terms from day `from` on, going
 * by step (1 or -1) across at most span calendar days, in the order met. */
int demo_school_days(struct db *db, const struct app *a, int64_t from, int step, int want,
		     int span, int64_t *out, int *n, struct db_err *dbe)
{
	*n = 0;
	for (int64_t d = from; d != from + (int64_t)step * span && *n < want; d += step) {
		char ds[11], mark[16];
		int in_term = 0;

		date_format(d, ds, sizeof ds);
		if (store_day_info(db, a->district_id, ds, &in_term, mark, sizeof mark, dbe) != 0)
			return -1;
		if (in_term && cal_classify(d, true, mark) == POLICY_DAY_SCHOOL)
			out[(*n)++] = d;
	}
	return 0;
}

/* The id beside key in a result of (key, id) rows; 0 when absent. */
int64_t demo_res_id(const struct db_res *r, const char *key)
{
	for (int i = 0; i < db_res_rows(r); i++)
		if (!strcmp(db_res_text(r, i, 0), key))
			return db_res_int(r, i, 1);
	return 0;
}

/* The parent sign-in's children, in the order they were imported (none
 * when parent_uid is 0): at most 4. */
int demo_load_kids(struct db *db, int64_t district_id, int64_t parent_uid, int64_t kids[4],
		   int *n, struct db_err *dbe)
{
	struct db_res *r = NULL;

	*n = 0;
	if (!parent_uid)
		return 0;
	if (store_children(db, district_id, parent_uid, &r, dbe) != 0)
		return -1;
	for (int i = 0; i < db_res_rows(r) && *n < 4; i++)
		kids[(*n)++] = db_res_int(r, i, 0);
	db_res_free(r);
	return 0;
}

/* A class's subjects (with their teachers) and students. */
static int load_class(const struct store_scope *scope, struct db *db, struct demo_class *k,
		      struct db_err *dbe)
{
	struct db_res *r = NULL;

	if (store_class_teaching(db, k->id, &r, dbe) != 0)
		return -1;
	for (int i = 0; i < db_res_rows(r); i++)
		for (int s = 0; s < NSUBJ; s++)
			if (!strcmp(db_res_text(r, i, 3), demo_subjects[s].name)) {
				k->has[s] = true;
				k->staff[s] = db_res_int(r, i, 0);
			}
	db_res_free(r);
	if (store_class_students(db, scope, k->id, &r, dbe) != 0)
		return -1;
	for (int i = 0; i < db_res_rows(r) && k->nst < HW_MAX_STUDENTS; i++) {
		k->left_behind[k->nst] = db_res_int(r, i, 6) != 0;
		k->st[k->nst++] = db_res_int(r, i, 0);
	}
	db_res_free(r);
	k->watch = k->over_day = -1;
	return 0;
}

/* A school's classes in grade order, each with its head teacher, subjects
 * and students: *out (calloc'd, the caller frees it) and *n. */
int demo_load_classes(const struct store_scope *scope, struct db *db, int64_t school_id,
		      struct demo_class **out, int *n, struct db_err *dbe)
{
	struct db_res *r = NULL;
	struct demo_class *cls;
	int ncls;

	*out = NULL;
	*n = 0;
	if (store_class_list(db, scope, school_id, 0, 0, HW_MAX_CLASSES, &r, dbe) != 0)
		return -1;
	ncls = db_res_rows(r);
	cls = calloc((size_t)ncls + 1, sizeof *cls);
	if (!cls) {
		db_res_free(r);
		return -1;
	}
	for (int i = 0; i < ncls; i++) {
		cls[i].id = db_res_int(r, i, 0);
		cls[i].school_id = school_id;
		cls[i].grade = (int)db_res_int(r, i, 4);
		cls[i].head = db_res_int(r, i, 7);
		cls[i].ord = i;
	}
	db_res_free(r);
	for (int i = 0; i < ncls; i++)
		if (cls[i].grade < 1 || cls[i].grade > POLICY_MAX_GRADE ||
		    load_class(scope, db, &cls[i], dbe) != 0) {
			free(cls);
			return -1;
		}
	*out = cls;
	*n = ncls;
	return 0;
}
