/* app_hw_subjects.c - which subjects a teacher may post homework for in a
 * class (HW_SUBJECT_GRADE: the grade's curriculum, from the pack; the
 * school's setting for head teachers). */
#include "app/app_hw.h"
#include "app/app_hw_internal.h"
#include "app/app_internal.h"
#include "core/homework.h"
#include "store/store_hw.h"

#include <stdio.h>
#include <string.h>

int hw_head_any(struct db *db, int64_t school_id, int *out, struct db_err *dbe)
{
	struct db_res *r = NULL;
	int rc = store_hw_school_get(db, school_id, &r, dbe);

	if (rc < 0)
		return -1;
	*out = rc == 1 || db_res_int(r, 0, 3);
	db_res_free(r);
	return 0;
}

bool hw_may_post_subject(const struct store_hw_poster *ps, int head_any)
{
	return ps->teaches || (ps->is_head && head_any);
}

static bool taught(const struct db_res *r, const char *subject)
{
	for (int i = 0; i < db_res_rows(r); i++)
		if (!strcmp(db_res_text(r, i, 0), subject))
			return true;
	return false;
}

int app_hw_subjects(struct app *a, const struct actor *who, int64_t class_id, json_t **out,
		    struct app_err *e)
{
	const struct policy *p = &a->policy;
	struct db_err dbe = { 0 };
	struct store_hw_poster ps;
	struct db_res *r = NULL;
	struct db *db;
	json_t *list;
	int rc, head_any = 1;

	if (who->role != ROLE_TEACHER)
		return app_fail(e, 403, "FORBIDDEN", "只有任课教师可以布置作业");
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_hw_poster(db, class_id, who->user_id, "", &ps, &dbe);
	if (rc == 0 && !ps.is_head && !ps.teaches_any)
		rc = 1;
	if (rc == 0)
		rc = hw_head_any(db, ps.school_id, &head_any, &dbe);
	if (rc == 0)
		rc = store_hw_taught_subjects(db, class_id, who->user_id, &r, &dbe);
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有找到这个班级，或不在您的权限范围内");
	list = json_array();
	/* in the pack's order of the curriculum */
	for (int i = 0; i < p->hw_nsubjects; i++) {
		const char *s = p->hw_subjects[i].name;
		bool t = taught(r, s);

		if (hw_subject_in_grade(p, s, ps.grade) && (t || (ps.is_head && head_any)))
			json_array_append_new(list, json_pack("{s:s,s:b}", "subject", s, "teaches", t));
	}
	db_res_free(r);
	*out = json_pack("{s:I,s:i,s:b,s:b,s:o}", "class_id", (json_int_t)class_id, "grade",
			 ps.grade, "is_head", ps.is_head, "head_any_subject", head_any, "subjects",
			 list);
	return 0;
}
