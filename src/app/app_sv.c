/* app_sv.c - supervision rounds, a school's 85 C items and their scores
 * (app_sv.h; core/supervision.h for the scale, roll-ups and reason rule). */
#include "app/app_sv_internal.h"
#include "app/app_sv_computed.h"
#include "store/store_sv.h"
#include "util/jfields.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

#define SV_MAX_ROUND_SCHOOLS 2000

json_t *sv_fig(double v)
{
	return v < 0 ? json_null() : json_real((double)(long)(v * 10.0 + 0.5) / 10.0);
}

void sv_rollup_json(const struct sv_table *t, const struct sv_rollup *ru, json_t *o)
{
	json_t *aa = json_array(), *bb = json_array();
	int i;

	for (i = 0; i < t->na; i++)
		json_array_append_new(aa, json_pack("{s:s,s:s,s:o}", "id", t->a_id[i], "title",
						    t->a_title[i], "value", sv_fig(ru->a[i])));
	for (i = 0; i < t->nb; i++)
		json_array_append_new(bb, json_pack("{s:s,s:s,s:s,s:o}", "id", t->b_id[i], "title",
						    t->b_title[i], "a", t->a_id[t->b_a[i]],
						    "value", sv_fig(ru->b[i])));
	json_object_set_new(o, "a", aa);
	json_object_set_new(o, "b", bb);
	json_object_set_new(o, "total", sv_fig(ru->total));
}

void sv_points_fill(const struct app *a, const struct sv_table *t, const struct db_res *r,
		    int from, int to, struct sv_points *pt)
{
	const struct policy_sv_level *l;
	int i, k;

	for (i = 0; i < SV_MAX_C; i++)
		pt->self[i] = pt->insp[i] = -1;
	for (i = from; i < to; i++) {
		k = sv_c_index(t, db_res_text(r, i, SVS_ITEM));
		l = sv_level(&a->policy, db_res_text(r, i, SVS_SCORE));
		if (k < 0 || !l)
			continue;
		if (!strcmp(db_res_text(r, i, SVS_SIDE), "self"))
			pt->self[k] = l->points;
		else
			pt->insp[k] = l->points;
	}
}

json_t *sv_round_json(const struct app *a, const struct db_res *r)
{
	char at[40];

	time_rfc3339(db_res_int(r, 0, SVR_CREATED_AT), a->policy.utc_offset_minutes, at, sizeof at);
	return json_pack("{s:I,s:I,s:s,s:s,s:I,s:s,s:s}", "id",
			 (json_int_t)db_res_int(r, 0, SVR_ID), "term_id",
			 (json_int_t)db_res_int(r, 0, SVR_TERM), "term_name",
			 db_res_text(r, 0, SVR_TERM_NAME), "name", db_res_text(r, 0, SVR_NAME),
			 "schools", (json_int_t)db_res_int(r, 0, SVR_SCHOOLS), "created_at", at,
			 "created_by", db_res_text(r, 0, SVR_CREATED_BY));
}

int sv_round_load(struct app *a, struct db *db, const struct actor *who, int64_t id,
		  struct db_res **r, struct app_err *e)
{
	struct db_err dbe = { 0 };
	int rc = store_sv_round_get(db, who->district_id, id, r, &dbe);

	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "没有找到这一轮督导评估");
	(void)a;
	return 0;
}

/* ---- create ---- */

struct round_in {
	int64_t term_id;
	const char *name;
};

static const struct jfield round_fields[] = {
	{ "term_id", JF_INT, offsetof(struct round_in, term_id), true, 1, INT64_MAX, NULL, "学期" },
	{ "name", JF_STR, offsetof(struct round_in, name), true, 1, 100, NULL, "名称" },
};

struct create_ctx {
	struct app *a;
	const struct actor *who;
	struct round_in in;
	json_t *ids;
	int64_t id;
	json_t *round;
};

/* school_ids: 1..SV_MAX_ROUND_SCHOOLS distinct positive integers. */
static int check_ids(json_t *ids, struct app_err *e)
{
	char field[32];
	json_t *v;
	size_t i, j;

	if (!ids)
		return app_field_fail(e, 422, "FIELD_REQUIRED", "school_ids", "请选择参加评估的学校");
	if (!json_is_array(ids))
		return app_field_fail(e, 400, "FIELD_TYPE", "school_ids", "学校应为数组");
	if (json_array_size(ids) == 0 || json_array_size(ids) > SV_MAX_ROUND_SCHOOLS)
		return app_field_fail(e, 422, "FIELD_INVALID", "school_ids",
				      "参加评估的学校应为 1 到 2000 所");
	json_array_foreach(ids, i, v) {
		snprintf(field, sizeof field, "school_ids.%zu", i);
		if (!json_is_integer(v) || json_integer_value(v) < 1)
			return app_field_fail(e, 400, "FIELD_TYPE", field, "学校编号应为正整数");
		for (j = 0; j < i; j++)
			if (json_integer_value(json_array_get(ids, j)) == json_integer_value(v))
				return app_field_fail(e, 422, "FIELD_INVALID", field, "学校重复");
	}
	return 0;
}

static int create_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct create_ctx *c = vctx;
	int64_t d = c->who->district_id;
	struct db_res *r = NULL;
	char field[32], obj[40];
	json_t *v, *det;
	size_t i;
	int rc = store_sv_term(db, d, c->in.term_id, dbe);

	if (rc != 0)
		return rc < 0 ? -1 : app_field_fail(e, 422, "FIELD_INVALID", "term_id", "没有这个学期");
	if (store_sv_round_insert(db, d, c->in.term_id, c->in.name, time_now(), c->who->user_id,
				  &c->id, dbe) != 0)
		return -1;
	json_array_foreach(c->ids, i, v) {
		rc = store_sv_school(db, d, json_integer_value(v), dbe);
		if (rc == 1) {
			snprintf(field, sizeof field, "school_ids.%zu", i);
			return app_field_fail(e, 422, "FIELD_INVALID", field, "本区没有这所学校");
		}
		if (rc < 0 || store_sv_round_school_add(db, c->id, json_integer_value(v), dbe) != 0)
			return -1;
	}
	if (store_sv_round_get(db, d, c->id, &r, dbe) != 0)
		return -1;
	c->round = sv_round_json(c->a, r);
	db_res_free(r);
	snprintf(obj, sizeof obj, "sv_round:%lld", (long long)c->id);
	det = json_pack("{s:s,s:I,s:I}", "name", c->in.name, "term_id", (json_int_t)c->in.term_id,
			"schools", (json_int_t)json_array_size(c->ids));
	rc = app_audit(db, c->who, "sv.round.create", obj, "ok", det, dbe);
	json_decref(det);
	return rc;
}

int app_sv_round_create(struct app *a, const struct actor *who, json_t *body, json_t **out,
			struct app_err *e)
{
	static const char *const skip[] = { "school_ids", NULL };
	struct create_ctx c = { .a = a, .who = who };

	if (app_decode_scalars(body, skip, round_fields, 2, &c.in, e) != 0)
		return -1;
	c.ids = json_object_get(body, "school_ids");
	if (check_ids(c.ids, e) != 0)
		return -1;
	if (app_tx(a, create_tx, &c, e) != 0) {
		json_decref(c.round);
		return -1;
	}
	*out = c.round;
	return 0;
}

/* ---- list, one round ---- */

/* A school's staff see their own school only; the bureau every school. */
static int64_t own_school(const struct actor *who)
{
	return who->role == ROLE_PRINCIPAL || who->role == ROLE_ACADEMIC_OFFICE ? who->school_id
										 : 0;
}

int app_sv_round_list(struct app *a, const struct actor *who, const struct sv_round_filter *f,
		      json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	int64_t term = 0, after = 0;
	int limit = app_parse_limit(f->limit, 50, 200), rc, i;
	struct db *db;
	json_t *items;

	if (limit < 0)
		return app_fail(e, 400, "QUERY_INVALID", "limit 应为 1 到 200 之间的整数");
	if ((f->term_id && *f->term_id && app_parse_cursor(f->term_id, &term) != 0) ||
	    (f->cursor && *f->cursor && app_parse_cursor(f->cursor, &after) != 0))
		return app_fail(e, 400, "QUERY_INVALID", "term_id、cursor 应为正整数");
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_sv_round_list(db, who->district_id, own_school(who), term, after, limit, &r,
				 &dbe);
	app_db_put(a, db);
	if (rc != 0)
		return app_db_fail(e, &dbe, who->request_id);
	items = json_array();
	for (i = 0; i < db_res_rows(r); i++) {
		char at[40];

		time_rfc3339(db_res_int(r, i, SVR_CREATED_AT), a->policy.utc_offset_minutes, at,
			     sizeof at);
		json_array_append_new(items, json_pack(
			"{s:I,s:I,s:s,s:s,s:I,s:s,s:s}", "id", (json_int_t)db_res_int(r, i, SVR_ID),
			"term_id", (json_int_t)db_res_int(r, i, SVR_TERM), "term_name",
			db_res_text(r, i, SVR_TERM_NAME), "name", db_res_text(r, i, SVR_NAME),
			"schools", (json_int_t)db_res_int(r, i, SVR_SCHOOLS), "created_at", at,
			"created_by", db_res_text(r, i, SVR_CREATED_BY)));
	}
	db_res_free(r);
	*out = app_page(items, limit);
	return 0;
}

/* Per school: counts scored on each side and the final roll-up. */
static json_t *round_schools_json(struct app *a, const struct sv_table *t,
				  const struct db_res *sc, const struct db_res *s)
{
	json_t *arr = json_array();
	int i, j = 0, k, n = db_res_rows(s);

	for (i = 0; i < db_res_rows(sc); i++) {
		int64_t id = db_res_int(sc, i, 0);
		int from = j, nself = 0, ninsp = 0;
		struct sv_points pt;
		struct sv_rollup ru;
		json_t *o;

		while (j < n && db_res_int(s, j, SVS_SCHOOL) < id)
			from = ++j;
		while (j < n && db_res_int(s, j, SVS_SCHOOL) == id)
			j++;
		sv_points_fill(a, t, s, from, j, &pt);
		for (k = 0; k < t->nc; k++) {
			nself += pt.self[k] >= 0;
			ninsp += pt.insp[k] >= 0;
		}
		sv_rollup(t, pt.insp, &ru);
		o = json_pack("{s:I,s:s,s:i,s:i,s:i}", "school_id", (json_int_t)id, "school_name",
			      db_res_text(sc, i, 1), "items", t->nc, "self_scored", nself,
			      "inspector_scored", ninsp);
		sv_rollup_json(t, &ru, o);
		json_object_del(o, "b");
		json_array_append_new(arr, o);
	}
	return arr;
}

int app_sv_round_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		     struct app_err *e)
{
	struct db_res *r = NULL, *sc = NULL, *s = NULL;
	struct db_err dbe = { 0 };
	struct sv_table t;
	struct db *db = app_db_get(a, e);
	int rc;

	if (!db)
		return -1;
	rc = sv_round_load(a, db, who, id, &r, e);
	if (rc == 0 && (store_sv_round_schools(db, id, own_school(who), &sc, &dbe) != 0 ||
			store_sv_scores(db, id, own_school(who), &s, &dbe) != 0))
		rc = app_db_fail(e, &dbe, who->request_id);
	app_db_put(a, db);
	if (rc == 0 && own_school(who) && db_res_rows(sc) == 0)
		rc = app_fail(e, 404, "NOT_FOUND", "没有找到这一轮督导评估");
	if (rc == 0) {
		sv_table_build(&a->policy, &t);
		*out = sv_round_json(a, r);
		json_object_set_new(*out, "school_list", round_schools_json(a, &t, sc, s));
	}
	db_res_free(r);
	db_res_free(sc);
	db_res_free(s);
	return rc;
}
