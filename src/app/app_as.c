/* app_as.c - after-school service: the school's term plan. */
#include "app/app_as.h"
#include "app/app_internal.h"
#include "core/afterschool.h"
#include "store/store_as.h"
#include "store/store_org.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

struct slot_in {
	int64_t weekday;
	const char *start, *end, *kind;
};

static const struct jfield slot_fields[] = {
	{ "weekday", JF_INT, offsetof(struct slot_in, weekday), true, 1, 7, NULL, "星期" },
	{ "start", JF_TIME, offsetof(struct slot_in, start), true, 0, 0, NULL, "开始时间" },
	{ "end", JF_TIME, offsetof(struct slot_in, end), true, 0, 0, NULL, "结束时间" },
	{ "kind", JF_ENUM, offsetof(struct slot_in, kind), true, 0, 0, as_slot_kind_ids, "类型" },
};

static const char *const weekday_names[8] = { "", "周一", "周二", "周三", "周四", "周五",
					      "周六", "周日" };

/* {"term_id", "slots":[…]} into slots; refusals name the field. */
static int decode_plan(json_t *body, int64_t *term_id, struct as_slot *slots, int *n,
		       struct app_err *e)
{
	json_t *term = json_object_get(body, "term_id"), *arr = json_object_get(body, "slots");
	const char *k;
	json_t *v;
	size_t i;

	json_object_foreach(body, k, v)
		if (strcmp(k, "term_id") && strcmp(k, "slots"))
			return app_field_fail(e, 400, "FIELD_UNKNOWN", k, "请求中有未知字段");
	if (!term || !arr)
		return app_field_fail(e, 422, "FIELD_REQUIRED", term ? "slots" : "term_id",
				  "请填写学期和服务时段");
	if (!json_is_integer(term) || json_integer_value(term) <= 0)
		return app_field_fail(e, 400, "FIELD_TYPE", "term_id", "学期应为正整数 id");
	if (!json_is_array(arr))
		return app_field_fail(e, 400, "FIELD_TYPE", "slots", "服务时段应为数组");
	if (json_array_size(arr) == 0 || json_array_size(arr) > AS_MAX_SLOTS)
		return app_field_fail(e, 422, "FIELD_INVALID", "slots", "服务时段应为 1 到 64 个");
	*term_id = json_integer_value(term);
	json_array_foreach(arr, i, v) {
		struct slot_in in = { 0 };
		struct jf_error je;
		char field[96];

		if (!json_is_object(v))
			return app_field_fail(e, 400, "FIELD_TYPE", "slots", "每个服务时段应为对象");
		if (jf_decode(v, slot_fields, sizeof slot_fields / sizeof slot_fields[0], &in,
			      &je) != 0) {
			snprintf(field, sizeof field, "slots.%zu.%s", i, je.field);
			return app_field_fail(e, je.status, je.code, field, je.message);
		}
		slots[i].weekday = (int)in.weekday;
		hhmm_parse(in.start, &slots[i].start);
		hhmm_parse(in.end, &slots[i].end);
		slots[i].kind = (enum as_slot_kind)0;
		for (int k2 = 0; k2 < AS_SLOT_KINDS; k2++)
			if (!strcmp(as_slot_kind_ids[k2], in.kind))
				slots[i].kind = (enum as_slot_kind)k2;
	}
	*n = (int)json_array_size(arr);
	return 0;
}

struct plan_ctx {
	const struct actor *who;
	int64_t school_id, term_id, id;
	const struct as_slot *slots;
	int n, version;
};

static int plan_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct plan_ctx *c = vctx;
	char obj[48];
	json_t *d;
	int rc;

	(void)e;
	if (store_as_plan_insert(db, c->who->district_id, c->school_id, c->term_id, time_now(),
				 c->who->user_id, &c->id, &c->version, dbe) != 0)
		return -1;
	for (int i = 0; i < c->n; i++)
		if (store_as_slot_add(db, c->who->district_id, c->id, i, c->slots[i].weekday,
				      c->slots[i].start, c->slots[i].end,
				      as_slot_kind_ids[c->slots[i].kind], dbe) != 0)
			return -1;
	snprintf(obj, sizeof obj, "school:%lld", (long long)c->school_id);
	d = json_pack("{s:I,s:I,s:i,s:i}", "plan_id", (json_int_t)c->id, "term_id",
		      (json_int_t)c->term_id, "version", c->version, "slots", c->n);
	rc = app_audit(db, c->who, "afterschool.plan", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

static json_t *plan_json(const struct app *a, int64_t school_id, const struct db_res *p,
			 const struct db_res *slots)
{
	json_t *items = json_array();
	char t[40];

	for (int i = 0; i < db_res_rows(slots); i++) {
		int wd = (int)db_res_int(slots, i, 0), s0 = (int)db_res_int(slots, i, 1),
		    s1 = (int)db_res_int(slots, i, 2), k = -1;
		char a0[8], a1[8];

		for (int j = 0; j < AS_SLOT_KINDS; j++)
			if (!strcmp(as_slot_kind_ids[j], db_res_text(slots, i, 3)))
				k = j;
		hhmm_format(s0, a0);
		hhmm_format(s1, a1);
		json_array_append_new(items, json_pack("{s:i,s:s,s:s,s:s,s:s,s:s}", "weekday", wd,
			"weekday_name", wd >= 1 && wd <= 7 ? weekday_names[wd] : "", "start", a0,
			"end", a1, "kind", db_res_text(slots, i, 3), "kind_name",
			as_slot_kind_name(k)));
	}
	time_rfc3339(db_res_int(p, 0, 3), a->policy.utc_offset_minutes, t, sizeof t);
	return json_pack("{s:I,s:I,s:I,s:i,s:s,s:s,s:o}", "id", (json_int_t)db_res_int(p, 0, 0),
			 "school_id", (json_int_t)school_id, "term_id",
			 (json_int_t)db_res_int(p, 0, 1), "version", (int)db_res_int(p, 0, 2),
			 "created_at", t, "created_by", db_res_text(p, 0, 4), "slots", items);
}

/* The current plan as JSON, or JSON null. */
static int read_plan(struct app *a, struct db *db, int64_t school_id, int64_t term_id,
		     json_t **out, struct db_err *dbe)
{
	struct db_res *p = NULL, *slots = NULL;
	int rc = store_as_plan_current(db, school_id, term_id, &p, dbe);

	if (rc < 0)
		return -1;
	if (rc == 1) {
		*out = json_null();
		return 0;
	}
	if (store_as_plan_slots(db, db_res_int(p, 0, 0), &slots, dbe) != 0) {
		db_res_free(p);
		return -1;
	}
	*out = plan_json(a, school_id, p, slots);
	db_res_free(p);
	db_res_free(slots);
	return 0;
}

int app_as_plan_set(struct app *a, const struct actor *who, int64_t school_id, json_t *body,
		    json_t **out, struct app_err *e)
{
	struct as_slot slots[AS_MAX_SLOTS];
	struct plan_ctx c = { .who = who, .school_id = school_id, .slots = slots };
	struct db_err dbe = { 0 };
	struct as_verdict v;
	bool grades[POLICY_MAX_GRADE + 1];
	int dismissal[8];
	char kind[16];
	struct db *db;
	json_t *plan = NULL;
	int rc;

	if (!app_manages_school(who, school_id))
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	if (decode_plan(body, &c.term_id, slots, &c.n, e) != 0)
		return -1;
	if (app_school_term_check(a, who, school_id, c.term_id, kind, sizeof kind, e) != 0)
		return -1;
	app_school_grades(kind, grades);
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_as_dismissal_get(db, school_id, dismissal, &dbe);
	app_db_put(a, db);
	if (rc != 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (as_plan_check(&a->policy, grades, dismissal, slots, c.n, &v) != 0) {
		const char *clause = policy_rule_clause(&a->policy, v.code);

		app_fail(e, 422, v.code, "%s", v.message);
		e->details = json_pack("{s:s,s:i,s:i,s:i,s:i,s:s}", "rule", v.code, "weekday",
				       v.weekday, "slot", v.slot, "value", v.value, "limit", v.limit,
				       "clause", clause ? clause : "");
		return -1;
	}
	if (app_tx(a, plan_tx, &c, e) != 0)
		return -1;
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = read_plan(a, db, school_id, c.term_id, &plan, &dbe);
	app_db_put(a, db);
	if (rc != 0)
		return app_db_fail(e, &dbe, who->request_id);
	*out = plan;
	return 0;
}

int app_as_plan_get(struct app *a, const struct actor *who, int64_t school_id,
		    const char *term_id, json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db *db;
	json_t *plan = NULL;
	char kind[16];
	int64_t term = 0;
	int rc;

	if (app_parse_cursor(term_id, &term) != 0 || term <= 0)
		return app_fail(e, 400, "QUERY_INVALID", "term_id 应为正整数");
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = app_school_term(db, who, school_id, term, kind, sizeof kind, &dbe);
	if (rc == 0)
		rc = read_plan(a, db, school_id, term, &plan, &dbe);
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	if (rc == 2)
		return app_fail(e, 404, "NOT_FOUND", "没有这个学期");
	*out = json_pack("{s:o}", "plan", plan);
	return 0;
}
