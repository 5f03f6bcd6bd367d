/* app_sv_items.c - one school's C items in a round: read with the computed
 * figures and both sides' scores, and scored (SV_SCALE, SV_REASON_REQUIRED). */
#include "app/app_sv_internal.h"
#include "app/app_sv_computed.h"
#include "store/store_sv.h"
#include "util/jfields.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

/* Who may read the school's assessment: the bureau, or its own managers. */
static int sv_reads(const struct actor *who, int64_t school_id)
{
	return app_reads_school(who, school_id);
}

/* The school is in the round and the reader's: 0, or -1 with 404. */
static int school_check(struct db *db, const struct actor *who, int64_t round_id,
			int64_t school_id, struct app_err *e)
{
	struct db_err dbe = { 0 };
	int rc = sv_reads(who, school_id) ? store_sv_in_round(db, round_id, school_id, &dbe) : 1;

	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "这所学校不在这一轮督导评估中，或不在您的权限范围内");
	return 0;
}

static json_t *side_json(const struct app *a, const struct db_res *s, int i, int insp)
{
	const struct policy_sv_level *l = sv_level(&a->policy, db_res_text(s, i, SVS_SCORE));
	char at[40];
	json_t *o;

	time_rfc3339(db_res_int(s, i, SVS_AT), a->policy.utc_offset_minutes, at, sizeof at);
	o = json_pack("{s:s,s:s,s:o,s:s,s:s,s:s}", "score", db_res_text(s, i, SVS_SCORE),
		      "score_name", l ? l->name : "", "points", l ? json_integer(l->points)
								  : json_null(),
		      "comment", db_res_text(s, i, SVS_COMMENT), "at", at, "by",
		      db_res_text(s, i, SVS_BY));
	if (insp) {
		json_object_set_new(o, "reason", json_string(db_res_text(s, i, SVS_REASON)));
		json_object_set_new(o, "computed", json_string(db_res_text(s, i, SVS_COMPUTED)));
	}
	return o;
}

static json_t *item_json(const struct app *a, const struct sv_table *t, int k, json_t *computed,
			 const struct db_res *s)
{
	json_t *self = json_null(), *insp = json_null(), *c = json_object_get(computed, t->c_id[k]);
	int i;

	for (i = 0; i < db_res_rows(s); i++) {
		if (strcmp(db_res_text(s, i, SVS_ITEM), t->c_id[k]))
			continue;
		if (!strcmp(db_res_text(s, i, SVS_SIDE), "self")) {
			json_decref(self);
			self = side_json(a, s, i, 0);
		} else {
			json_decref(insp);
			insp = side_json(a, s, i, 1);
		}
	}
	return json_pack("{s:s,s:s,s:s,s:O?,s:o,s:o}", "id", t->c_id[k], "text", t->c_text[k], "b",
			 t->b_id[t->c_b[k]], "computed", c, "self", self, "inspector", insp);
}

static json_t *scale_json(const struct policy *p)
{
	json_t *arr = json_array();
	int i;

	for (i = 0; i < p->sv_nscale; i++)
		json_array_append_new(arr, json_pack("{s:s,s:s,s:i}", "key", p->sv_scale[i].key,
						     "name", p->sv_scale[i].name, "points",
						     p->sv_scale[i].points));
	return arr;
}

/* The whole answer for one school from its rows (round r, school name, scores). */
static json_t *school_json(struct app *a, const struct db_res *r, const struct db_res *sc,
			   const struct db_res *s, json_t *computed)
{
	struct sv_table t;
	struct sv_points pt;
	struct sv_rollup ru, self;
	json_t *o, *items = json_array(), *st;
	int k;

	sv_table_build(&a->policy, &t);
	for (k = 0; k < t.nc; k++)
		json_array_append_new(items, item_json(a, &t, k, computed, s));
	sv_points_fill(a, &t, s, 0, db_res_rows(s), &pt);
	sv_rollup(&t, pt.insp, &ru);
	sv_rollup(&t, pt.self, &self);
	o = json_pack("{s:o,s:{s:I,s:s},s:o,s:o,s:s?}", "round", sv_round_json(a, r), "school",
		      "id", (json_int_t)db_res_int(sc, 0, 0), "name", db_res_text(sc, 0, 1), "scale",
		      scale_json(&a->policy), "items", items, "clause",
		      policy_rule_clause(&a->policy, "SV_WEIGHTS"));
	sv_rollup_json(&t, &ru, o);
	st = json_object();
	sv_rollup_json(&t, &self, st);
	json_object_set(o, "self_total", json_object_get(st, "total"));
	json_object_set(o, "self_a", json_object_get(st, "a"));
	json_decref(st);
	return o;
}

/* Reads the round's term, then the computed figures (their own connection),
 * then the rows. */
static int school_read(struct app *a, const struct actor *who, int64_t round_id,
		       int64_t school_id, json_t **out, struct app_err *e)
{
	struct db_res *r = NULL, *sc = NULL, *s = NULL, *ev = NULL;
	struct db_err dbe = { 0 };
	json_t *computed = NULL;
	struct db *db = app_db_get(a, e);
	int rc;

	if (!db)
		return -1;
	rc = sv_round_load(a, db, who, round_id, &r, e);
	if (rc == 0)
		rc = school_check(db, who, round_id, school_id, e);
	if (rc == 0 && (store_sv_round_schools(db, round_id, school_id, &sc, &dbe) != 0 ||
			store_sv_scores(db, round_id, school_id, &s, &dbe) != 0 ||
			store_sv_evidence_list(db, round_id, school_id, &ev, &dbe) != 0))
		rc = app_db_fail(e, &dbe, who->request_id);
	app_db_put(a, db);
	if (rc == 0)
		rc = app_sv_computed(a, who, school_id, db_res_int(r, 0, SVR_TERM), &computed, e);
	if (rc == 0) {
		*out = school_json(a, r, sc, s, computed);
		sv_evidence_attach(json_object_get(*out, "items"), ev);
	}
	json_decref(computed);
	db_res_free(r);
	db_res_free(sc);
	db_res_free(s);
	db_res_free(ev);
	return rc;
}

int app_sv_school(struct app *a, const struct actor *who, int64_t round_id, int64_t school_id,
		  json_t **out, struct app_err *e)
{
	return school_read(a, who, round_id, school_id, out, e);
}

/* ---- scoring ---- */

struct score_in {
	const char *score, *comment, *reason;
};

static const struct jfield score_fields[] = {
	{ "score", JF_STR, offsetof(struct score_in, score), true, 1, 32, NULL, "评定等级" },
	{ "comment", JF_TEXT, offsetof(struct score_in, comment), false, 0, 2000, NULL, "说明" },
	{ "reason", JF_TEXT, offsetof(struct score_in, reason), false, 0, 2000, NULL, "理由" },
};

struct score_ctx {
	struct app *a;
	const struct actor *who;
	struct store_sv_score s;
};

static int score_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct score_ctx *c = vctx;
	char obj[80];
	json_t *d;
	int rc = store_sv_in_round(db, c->s.round_id, c->s.school_id, dbe);

	if (rc == 1)
		return app_fail(e, 404, "NOT_FOUND", "这所学校不在这一轮督导评估中");
	if (rc < 0 || store_sv_score_put(db, &c->s, dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "sv_round:%lld/school:%lld/%s", (long long)c->s.round_id,
		 (long long)c->s.school_id, c->s.item_id);
	d = json_pack("{s:s,s:s,s:s}", "score", c->s.score, "computed", c->s.computed, "reason",
		      c->s.reason);
	rc = app_audit(db, c->who,
		       strcmp(c->s.side, "self") ? "sv.score.inspector" : "sv.score.self", obj,
		       "ok", d, dbe);
	json_decref(d);
	return rc;
}

static int refuse(struct app *a, struct app_err *e, const char *code, json_t *details,
		  const char *msg)
{
	const char *clause = policy_rule_clause(&a->policy, code);

	app_fail(e, 422, code, "%s", msg);
	json_object_set_new(details, "rule", json_string(code));
	if (clause)
		json_object_set_new(details, "clause", json_string(clause));
	e->details = details;
	return -1;
}

/* The computed verdict's key for the item ("" none). */
static const char *computed_key(json_t *computed, const char *item)
{
	const char *k = json_string_value(json_object_get(json_object_get(computed, item), "score"));

	return k ? k : "";
}

/* Scope and input, before any write: 0 or -1. */
static int score_check(struct app *a, const struct actor *who, int64_t school_id,
		       const struct score_in *in, const char *item, struct sv_table *t,
		       struct app_err *e)
{
	json_t *keys;
	int i;

	if (!sv_reads(who, school_id))
		return app_fail(e, 404, "NOT_FOUND", "这所学校不在您的权限范围内");
	if (sv_c_index(t, item) < 0)
		return app_fail(e, 404, "NOT_FOUND", "指标体系中没有 %s 这一项", item);
	if (sv_level(&a->policy, in->score))
		return 0;
	keys = json_array();
	for (i = 0; i < a->policy.sv_nscale; i++)
		json_array_append_new(keys, json_string(a->policy.sv_scale[i].key));
	return refuse(a, e, "SV_SCALE", json_pack("{s:s,s:s,s:o}", "field", "score", "score",
						  in->score, "allowed", keys),
		      "评定等级不在评估标准的等级中");
}

int app_sv_score_put(struct app *a, const struct actor *who, int64_t round_id,
		     int64_t school_id, const char *item_id, json_t *body, json_t **out,
		     struct app_err *e)
{
	struct score_in in = { 0 };
	struct score_ctx c = { .a = a, .who = who };
	struct db_res *r = NULL;
	json_t *computed = NULL, *all = NULL;
	int insp = who->role == ROLE_INSPECTOR || who->role == ROLE_DISTRICT_ADMIN, rc, k;
	struct sv_table t;
	struct jf_error je;
	struct db *db;

	if (jf_decode(body, score_fields, 3, &in, &je) != 0)
		return app_field_fail(e, je.status, je.code, je.field, je.message);
	sv_table_build(&a->policy, &t);
	if (score_check(a, who, school_id, &in, item_id, &t, e) != 0)
		return -1;
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = sv_round_load(a, db, who, round_id, &r, e);
	app_db_put(a, db);
	if (rc == 0)
		rc = app_sv_computed(a, who, school_id, db_res_int(r, 0, SVR_TERM), &computed, e);
	db_res_free(r);
	if (rc != 0)
		return -1;
	k = sv_c_index(&t, item_id);
	c.s = (struct store_sv_score){ round_id, school_id, t.c_id[k], insp ? "inspector" : "self",
				       in.score, in.comment ? in.comment : "",
				       insp && in.reason ? in.reason : "",
				       computed_key(computed, item_id), time_now(), who->user_id };
	/* SV_REASON_REQUIRED: 六, the override stays visible beside the figure */
	if (insp && sv_needs_reason(in.score, c.s.computed, in.reason)) {
		rc = refuse(a, e, "SV_REASON_REQUIRED",
			    json_pack("{s:s,s:s,s:s}", "field", "reason", "computed", c.s.computed,
				      "score", in.score),
			    "评分与系统依据记录判定的结果不同，请写明理由");
	} else {
		rc = app_tx(a, score_tx, &c, e);
	}
	if (rc == 0)
		rc = school_read(a, who, round_id, school_id, &all, e);
	if (rc == 0)
		*out = json_pack("{s:O,s:O,s:O,s:O}", "item",
				 json_array_get(json_object_get(all, "items"), (size_t)k), "a",
				 json_object_get(all, "a"), "b", json_object_get(all, "b"), "total",
				 json_object_get(all, "total"));
	json_decref(all);
	json_decref(computed);
	return rc;
}
