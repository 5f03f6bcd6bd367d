/* demo_surveys.c - satisfaction surveys of the demo district (app_survey.h):
 * for the term in force and the one before it, one district-wide survey per
 * group (parents, students through the parent, teachers), published by the
 * inspector sign-in; the term before closed, this term's open until its end.
 * In the first SD_SCHOOLS schools a share of the parents, children and
 * teachers have answered - in the last of them only SD_FEW per group, so
 * its results are suppressed (SV_MIN_GROUP). The parent and teacher sign-ins
 * have not answered, so they can. Every value comes from the seed. */
#include "demo/demo_shared.h"
#include "app/app_survey.h"
#include "core/survey.h"
#include "store/store.h"
#include "store/store_health.h"
#include "store/store_survey.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

#define SD_SCHOOLS 40
#define SD_FEW 3        /* answers per group in the school shown suppressed */
#define W_SURVEY 111    /* the generator's stream for surveys */

static const char *const notes[] = {
	"希望课后服务多开一些体育和艺术活动。",
	"作业量比以前少了，孩子睡得更早了。",
	"希望放学接孩子的时间能更灵活一些。",
	"老师很负责，谢谢学校。",
	"希望学校多组织一些阅读活动。",
};

struct sd_ctx {
	struct app *a;
	const struct actor *who;
	struct gen *g;
	int nschools;
	int64_t inspector, term[2], survey[2][SV_NGROUPS], few;
	char opens[2][11], closes[2][11], term_name[2][128], few_name[128];
	struct db_res *people;
};

/* ---- the terms and the inspector (a read) ---- */

static int terms_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct sd_ctx *c = vctx;
	struct store_he_term t;
	struct store_user u;
	int64_t today = date_of(time_now(), c->a->policy.utc_offset_minutes), st = 0, en = 0;
	char day[11];
	int rc;

	(void)e;
	if (store_user_by_name(db, "inspector", &u, dbe) != 0)
		return -1;
	c->inspector = u.id;
	date_format(today, day, sizeof day);
	rc = store_he_term(db, c->a->district_id, 0, day, &t, dbe);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	date_parse(t.starts, &st);
	date_parse(t.ends, &en);
	if (st <= today) { /* this term: open from three weeks ago to its end */
		int64_t from = (today <= en ? today : en) - 21;

		c->term[1] = t.id;
		snprintf(c->term_name[1], sizeof c->term_name[1], "%s", t.name);
		date_format(from > st ? from : st, c->opens[1], 11);
		snprintf(c->closes[1], 11, "%s", t.ends);
	}
	date_format(st - 1, day, sizeof day);
	rc = store_he_term(db, c->a->district_id, 0, day, &t, dbe);
	if (rc < 0)
		return -1;
	date_parse(t.starts, &st);
	date_parse(t.ends, &en);
	if (rc == 0 && t.id != c->term[1] && en < today) { /* the term before: closed */
		c->term[0] = t.id;
		snprintf(c->term_name[0], sizeof c->term_name[0], "%s", t.name);
		date_format(en - 30 > st ? en - 30 : st, c->opens[0], 11);
		snprintf(c->closes[0], 11, "%s", t.ends);
	}
	return 0;
}

/* ---- publishing, as the inspector would ---- */

static int publish(struct sd_ctx *c, int k, enum sv_group g, struct app_err *e)
{
	struct actor insp = *c->who;
	char name[200];
	json_t *body, *out = NULL;
	int rc;

	insp.user_id = c->inspector;
	insp.role = ROLE_INSPECTOR;
	snprintf(name, sizeof name, "%s%s满意度调查", c->term_name[k], sv_group_name(g));
	body = json_pack("{s:s,s:[s],s:I,s:s,s:s}", "name", name, "groups", sv_group_id(g),
			 "term_id", (json_int_t)c->term[k], "opens", c->opens[k], "closes",
			 c->closes[k]);
	rc = app_survey_create(c->a, &insp, body, &out, e);
	json_decref(body);
	if (rc == 0)
		c->survey[k][g] = json_integer_value(json_object_get(json_object_get(out, "item"),
								     "id"));
	json_decref(out);
	c->g->sv_surveys += rc == 0;
	return rc;
}

/* ---- the answers ---- */

/* A value on the pack's scale, best first: most satisfied, a school's own
 * lean (bias -1..1) moving it. */
static int value_of(const struct policy *p, struct rng *r, int bias)
{
	static const unsigned cum[] = { 380, 730, 880, 960, 1000 };
	unsigned x = rng_below(r, 1000);
	int i = 0;

	while (i < 4 && x >= cum[i])
		i++;
	i -= bias;
	if (i < 0)
		i = 0;
	if (i >= p->svy_nscale)
		i = p->svy_nscale - 1;
	return p->svy_scale[i];
}

static int one_answer(struct sd_ctx *c, struct db *db, int k, int row, struct db_err *dbe)
{
	const struct policy *p = &c->a->policy;
	int64_t school = db_res_int(c->people, row, 0), uid = db_res_int(c->people, row, 2);
	int64_t subject = db_res_int(c->people, row, 3);
	const char *grp = db_res_text(c->people, row, 1);
	enum sv_group g = (enum sv_group)sv_group_parse(grp);
	const struct policy_sv_template *t = sv_template_of(p, g);
	struct rng r = rng_for(c->g->seed, W_SURVEY + (uint64_t)k,
			       ((uint64_t)uid << 32) ^ (uint64_t)subject);
	struct rng sr = rng_for(c->g->seed, W_SURVEY + 9, (uint64_t)school);
	int bias = rng_range(&sr, -1, 1);
	char id[33];

	for (int i = 0; i < 4; i++) /* a random-looking id from the seed: no order in it */
		snprintf(id + i * 8, 9, "%08x", (unsigned)(rng_next(&r) >> 32));
	if (store_sv_answered_add(db, c->survey[k][g], uid, grp, subject, dbe) != 0 ||
	    store_sv_answer_add(db, id, c->survey[k][g], school, grp, dbe) != 0)
		return -1;
	for (int q = 0; t && q < t->nq; q++) {
		bool words = t->q[q].words;
		const char *note = words ? notes[rng_below(&r, NCHARS(notes))] : NULL;

		if (words && !rng_per_mille(&r, 120))
			continue;
		if (store_sv_answer_item_add(db, id, t->q[q].id, !words,
					     words ? 0 : value_of(p, &r, bias), note, dbe) != 0)
			return -1;
	}
	c->g->sv_answers++;
	return 0;
}

/* Per school and group, who answers: about one parent or child in 25, one
 * teacher in 3; SD_FEW in the last school. */
static int answers(struct sd_ctx *c, struct db *db, int k, struct db_err *dbe)
{
	int64_t last_school = 0;
	const char *last_grp = "";
	int taken = 0;

	for (int i = 0; i < db_res_rows(c->people); i++) {
		int64_t school = db_res_int(c->people, i, 0);
		const char *grp = db_res_text(c->people, i, 1);
		struct rng r = rng_for(c->g->seed, W_SURVEY + 5 + (uint64_t)k,
				       ((uint64_t)db_res_int(c->people, i, 2) << 32) ^
					       (uint64_t)db_res_int(c->people, i, 3));
		bool teacher = !strcmp(grp, "teacher");

		if (school != last_school || strcmp(grp, last_grp)) {
			last_school = school;
			last_grp = grp;
			taken = 0;
		}
		if (!c->survey[k][sv_group_parse(grp)])
			continue;
		if (school == c->few ? taken >= SD_FEW : !rng_per_mille(&r, teacher ? 340 : 40))
			continue;
		taken++;
		if (one_answer(c, db, k, i, dbe) != 0)
			return -1;
	}
	return 0;
}

static int answers_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct sd_ctx *c = vctx;
	struct store_scope sc = { .district_id = c->a->district_id, .kind = SCOPE_DISTRICT };
	struct db_res *s = NULL;
	json_t *d;
	int rc;

	(void)e;
	db_res_free(c->people); /* a retried transaction starts over */
	c->people = NULL;
	c->g->sv_answers = 0;
	if (store_school_list(db, &sc, NULL, 0, c->nschools, &s, dbe) != 0)
		return -1;
	if (db_res_rows(s) > 0) {
		c->few = db_res_int(s, db_res_rows(s) - 1, 0);
		snprintf(c->few_name, sizeof c->few_name, "%s", db_res_text(s, db_res_rows(s) - 1, 2));
	}
	db_res_free(s);
	if (store_sv_demo_people(db, c->a->district_id, c->nschools, "parent", "teacher",
				 &c->people, dbe) != 0)
		return -1;
	for (int k = 0; k < 2; k++)
		if (c->term[k] && answers(c, db, k, dbe) != 0)
			return -1;
	d = json_pack("{s:I,s:I}", "surveys", (json_int_t)c->g->sv_surveys, "answers",
		      (json_int_t)c->g->sv_answers);
	rc = app_audit(db, c->who, "survey.demo", "district", "ok", d, dbe);
	json_decref(d);
	return rc;
}

int demo_surveys(struct app *a, const struct actor *who, struct gen *g, int n,
		 struct app_err *e)
{
	struct sd_ctx c = { .a = a, .who = who, .g = g };
	int rc;

	c.nschools = n < SD_SCHOOLS ? n : SD_SCHOOLS;
	g->sv_surveys = g->sv_answers = 0;
	if (app_batch(a, terms_tx, &c, e) != 0)
		return -1;
	for (int k = 0; k < 2; k++)
		for (int gr = 0; gr < SV_NGROUPS && c.term[k]; gr++)
			if (publish(&c, k, (enum sv_group)gr, e) != 0)
				return -1;
	if (!c.term[0] && !c.term[1])
		return 0;
	rc = app_batch(a, answers_tx, &c, e);
	db_res_free(c.people);
	g->sv_schools = c.nschools;
	snprintf(g->sv_term, sizeof g->sv_term, "%s", c.term[1] ? c.term_name[1] : c.term_name[0]);
	snprintf(g->sv_few, sizeof g->sv_few, "%s", c.few_name);
	return rc;
}

void demo_surveys_summary(const struct gen *g)
{
	if (!g->sv_surveys) {
		printf("满意度调查：还没有开始的学期，未发布调查\n");
		return;
	}
	printf("满意度调查：%ld 份（%s及上学期，家长、学生、教师各一份，全区），前 %d 所学校 %ld 份答卷；"
	       "%s每个群体只有 %d 份，结果不公布（SV_MIN_GROUP）；演示家长和教师账号尚未填写\n",
	       g->sv_surveys, g->sv_term, g->sv_schools, g->sv_answers, g->sv_few, SD_FEW);
}
