/* app_hw_difficulty.c - HW_DIFFICULTY (五(二)2, B9.1): homework is not above
 * the curriculum standard (课标). The teacher declares each item's level when
 * posting (core/homework.c refuses 拓展/超纲 in the basic tier); grade and
 * subject heads check a sample of the week's items against the standard,
 * and the school's office sees every check. */
#include "app/app_hw.h"
#include "app/app_hw_internal.h"
#include "app/app_internal.h"
#include "core/homework.h"
#include "store/store_hw.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

static bool school_office(const struct actor *who)
{
	return who->role == ROLE_PRINCIPAL || who->role == ROLE_ACADEMIC_OFFICE;
}

/* Monday to Sunday of the week holding `week` (today when NULL/empty). */
static int week_of(const struct app *a, const char *week, char from[11], char to[11],
		   struct app_err *e)
{
	char day[11];
	int64_t d;

	if (hw_date_arg(a, week, day, e) != 0)
		return -1;
	date_parse(day, &d);
	d -= date_weekday(d) - 1;
	date_format(d, from, 11);
	date_format(d + 6, to, 11);
	return 0;
}

static json_t *review_of(const struct app *a, const struct db_res *rv, int64_t id)
{
	for (int i = 0; i < db_res_rows(rv); i++) {
		char t[40];

		if (db_res_int(rv, i, 0) != id)
			continue;
		time_rfc3339(db_res_int(rv, i, 4), a->policy.utc_offset_minutes, t, sizeof t);
		return json_pack("{s:b,s:s,s:s,s:s}", "within_standard", (int)db_res_int(rv, i, 1),
				 "note", db_res_text(rv, i, 2), "reviewer", db_res_text(rv, i, 3),
				 "reviewed_at", t);
	}
	return json_null();
}

int app_hw_difficulty_sample(struct app *a, const struct actor *who, const char *week,
			     json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL, *rv = NULL;
	char from[11], to[11];
	struct db *db;
	json_t *items;
	int rc;

	if (!school_office(who) && who->role != ROLE_TEACHER)
		return app_fail(e, 403, "FORBIDDEN", "只有校长、教导处、年级组长或教研组长可以抽查作业");
	if (week_of(a, week, from, to, e) != 0)
		return -1;
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_hw_difficulty_sample(db, school_office(who) ? who->school_id : 0,
					school_office(who) ? 0 : who->user_id, from, to,
					a->policy.hw_difficulty_sample, &r, &dbe);
	if (rc == 0 && who->school_id > 0)
		rc = store_hw_difficulty_reviews(db, who->school_id, from, to, &rv, &dbe);
	app_db_put(a, db);
	if (rc != 0) {
		db_res_free(r);
		return app_db_fail(e, &dbe, who->request_id);
	}
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++) {
		json_t *it = hw_item_json(a, r, i, 0);

		json_object_set_new(it, "review", review_of(a, rv, db_res_int(r, i, HWC_ID)));
		json_array_append_new(items, it);
	}
	db_res_free(r);
	db_res_free(rv);
	*out = json_pack("{s:s,s:s,s:i,s:o}", "from", from, "to", to, "sample_per_week",
			 a->policy.hw_difficulty_sample, "items", items);
	return 0;
}

struct review_ctx {
	const struct actor *who;
	int64_t id;
	int within;
	const char *note;
};

static int review_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct review_ctx *c = vctx;
	struct db_res *r = NULL;
	int rc = store_hw_get(db, c->who->district_id, c->id, &r, dbe), head = 0;
	int64_t school = 0;
	char obj[48];
	json_t *d;

	if (rc == 0) {
		school = db_res_int(r, 0, HWC_SCHOOL);
		if (db_res_int(r, 0, HWC_USER) == c->who->user_id)
			rc = 1; /* not one's own post */
		else if (school_office(c->who))
			rc = school == c->who->school_id ? 0 : 1;
		else if ((rc = store_hw_heads_item(db, c->who->user_id, c->id, &head, dbe)) == 0)
			rc = head ? 0 : 1;
	}
	if (rc == 0 && strcmp(db_res_text(r, 0, HWC_STATUS), "published") != 0)
		rc = 2;
	db_res_free(r);
	if (rc < 0)
		return -1;
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有找到这项作业，或不在您的抽查范围内");
	if (rc == 2)
		return app_fail(e, 409, "HW_NOT_PUBLISHED", "只抽查已公示的作业");
	if (store_hw_difficulty_review_set(db, c->who->district_id, school, c->id,
					   c->who->user_id, c->within, c->note, time_now(),
					   dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "homework:%lld", (long long)c->id);
	d = json_pack("{s:b,s:s}", "within_standard", c->within, "note", c->note);
	rc = app_audit(db, c->who, "homework.difficulty_review", obj,
		       c->within ? "within_standard" : "HW_DIFFICULTY", d, dbe);
	json_decref(d);
	return rc;
}

int app_hw_difficulty_review(struct app *a, const struct actor *who, int64_t id, json_t *body,
			     json_t **out, struct app_err *e)
{
	json_t *w = json_object_get(body, "within_standard"), *n = json_object_get(body, "note");
	struct review_ctx c = { who, id, 0, "" };
	const char *k;
	json_t *v;

	if (!school_office(who) && who->role != ROLE_TEACHER)
		return app_fail(e, 403, "FORBIDDEN", "只有校长、教导处、年级组长或教研组长可以抽查作业");
	json_object_foreach(body, k, v)
		if (strcmp(k, "within_standard") && strcmp(k, "note"))
			return app_field_fail(e, 400, "FIELD_UNKNOWN", k, "请求中有未知字段");
	if (!json_is_boolean(w))
		return app_field_fail(e, 422, "FIELD_REQUIRED", "within_standard",
				      "请选择是否在课标范围内");
	if (n && (!json_is_string(n) || jf_utf8_len(json_string_value(n)) > 500))
		return app_field_fail(e, 422, "FIELD_INVALID", "note", "说明最多 500 个字");
	c.within = json_is_true(w);
	c.note = n ? json_string_value(n) : "";
	if (!c.within && app_blank(c.note))
		return app_field_fail(e, 422, "FIELD_REQUIRED", "note",
				      "超出课标时请写明哪里超出、如何调整");
	if (app_tx(a, review_tx, &c, e) != 0)
		return -1;
	*out = json_pack("{s:I,s:b,s:s}", "homework_id", (json_int_t)id, "within_standard",
			 c.within, "note", c.note);
	return 0;
}
