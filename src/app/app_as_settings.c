/* app_as_settings.c - after-school service: the school's settings, so far
 * its dismissal time per weekday (放学时间), which the term plan's regular
 * service starts from (AS_COVERAGE, 五(三)1, B14.3). */
#include "app/app_as.h"
#include "app/app_internal.h"
#include "store/store_as.h"
#include "store/store_org.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

static json_t *settings_json(const struct app *a, int64_t school_id, const int at[8])
{
	json_t *days = json_array();

	for (int w = 1; w <= 7; w++) {
		char t[8];

		hhmm_format(at[w] < 0 ? 0 : at[w], t);
		json_array_append_new(days, at[w] < 0 ? json_null() : json_string(t));
	}
	return json_pack("{s:I,s:o,s:i}", "school_id", (json_int_t)school_id, "dismissal", days,
			 "max_gap_minutes", a->policy.as_max_gap_min);
}

int app_as_settings_get(struct app *a, const struct actor *who, int64_t school_id,
			json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct store_scope s;
	struct db_res *sc = NULL;
	struct db *db = app_db_get(a, e);
	int at[8], rc;

	if (!db)
		return -1;
	app_scope_of(who, &s);
	rc = store_school_get(db, &s, school_id, &sc, &dbe);
	db_res_free(sc);
	if (rc == 0)
		rc = store_as_dismissal_get(db, school_id, at, &dbe);
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	*out = settings_json(a, school_id, at);
	return 0;
}

/* {"dismissal": [7 × "HH:MM" or null]} into at[1..7] (-1 for null). */
static int decode_settings(json_t *body, int at[8], struct app_err *e)
{
	json_t *arr = json_object_get(body, "dismissal"), *v;
	const char *k;
	size_t i;

	json_object_foreach(body, k, v)
		if (strcmp(k, "dismissal") != 0)
			return app_field_fail(e, 400, "FIELD_UNKNOWN", k, "请求中有未知字段");
	if (!arr)
		return app_field_fail(e, 422, "FIELD_REQUIRED", "dismissal", "请填写每天的放学时间");
	if (!json_is_array(arr) || json_array_size(arr) != 7)
		return app_field_fail(e, 400, "FIELD_TYPE", "dismissal",
				      "放学时间应为 7 项（周一到周日，不上课的一天填 null）");
	at[0] = -1;
	json_array_foreach(arr, i, v) {
		char field[32];

		snprintf(field, sizeof field, "dismissal.%zu", i);
		if (json_is_null(v)) {
			at[i + 1] = -1;
			continue;
		}
		if (!json_is_string(v) || hhmm_parse(json_string_value(v), &at[i + 1]) != 0)
			return app_field_fail(e, 422, "FIELD_INVALID", field,
					      "放学时间应为 HH:MM（如 15:30），不上课的一天填 null");
	}
	return 0;
}

struct settings_ctx {
	const struct actor *who;
	int64_t school_id;
	const int *at;
};

static int settings_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct settings_ctx *c = vctx;
	json_t *d = json_array();
	char obj[48];
	int rc;

	if (store_school_exists(db, c->who->district_id, c->school_id, dbe) != 1) {
		json_decref(d);
		if (dbe->kind)
			return -1;
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校");
	}
	for (int w = 1; w <= 7; w++) {
		if (store_as_dismissal_set(db, c->who->district_id, c->school_id, w, c->at[w],
					   time_now(), c->who->user_id, dbe) != 0) {
			json_decref(d);
			return -1;
		}
		json_array_append_new(d, c->at[w] < 0 ? json_null() : json_integer(c->at[w]));
	}
	snprintf(obj, sizeof obj, "school:%lld", (long long)c->school_id);
	d = json_pack("{s:o}", "dismissal_minutes", d);
	rc = app_audit(db, c->who, "afterschool.settings", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_as_settings_set(struct app *a, const struct actor *who, int64_t school_id,
			json_t *body, json_t **out, struct app_err *e)
{
	int at[8];
	struct settings_ctx c = { who, school_id, at };

	if (!app_manages_school(who, school_id))
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	if (decode_settings(body, at, e) != 0 || app_tx(a, settings_tx, &c, e) != 0)
		return -1;
	*out = settings_json(a, school_id, at);
	return 0;
}
