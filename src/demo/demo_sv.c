/* demo_sv.c - the demo district's supervision (issue 15, part SA): two
 * finished rounds, last term's and this term's, every C item of every
 * school self-assessed and scored by the inspector, written through
 * store_sv.h as the use cases write them, in one transaction. */
#include "demo/demo_shared.h"
#include "app/app_batch.h"
#include "core/supervision.h"
#include "store/store.h"
#include "store/store_org.h"
#include "store/store_sv.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

#define SV_ROUNDS 2

struct sv_ctx {
	struct app *a;
	const struct actor *who;
	const struct plan *p;
	int n;
	int64_t admin, inspector, principal, first, now;
	long rounds, scores;
	struct sv_table t;
};

/* Deterministic spread: 0..99 from the school, item, round and side. */
static unsigned spread(int school, int item, int round, int side)
{
	unsigned h = (unsigned)(school * 131 + item * 31 + round * 7919 + side * 104729 + 17);

	h ^= h >> 13;
	h *= 2654435761u;
	h ^= h >> 16;
	return h % 100;
}

/* The scale key a school earns: every fifth school is weak (its total falls
 * under SV_SPECIAL's threshold in the earlier round, and school 10 still in
 * the later one); the later round is a little better. */
static const char *verdict(int school, int item, int round, int side)
{
	unsigned v = spread(school, item, round, side);
	int weak = school % 5 == 4 && (round == 0 || school % 10 == 9);
	unsigned met = side ? (weak ? 30 : 62 + 8 * (unsigned)round) : (weak ? 55 : 80),
		 partly = weak ? 38 : 28;

	return v < met ? "met" : v < met + partly ? "partly" : "not_met";
}

static const char *const self_notes[] = {
	"已制定制度并落实，台账齐全。", "已开展，部分记录待补充。", "正在整改完善。",
};
static const char *const inspector_notes[] = {
	"查阅台账、现场核实，落实到位。", "制度已建立，执行记录不够完整。",
	"未见相关记录，需限期整改。",
};

static int note_of(const char *key)
{
	return !strcmp(key, "met") ? 0 : !strcmp(key, "partly") ? 1 : 2;
}

static int school_scores(struct sv_ctx *c, struct db *db, int64_t round, int r, int i,
			 int64_t sid, struct db_err *dbe)
{
	for (int k = 0; k < c->t.nc; k++) {
		const char *self = verdict(i, k, r, 0), *insp = verdict(i, k, r, 1);
		struct store_sv_score s = { round, sid, c->t.c_id[k], "self", self,
					    self_notes[note_of(self)], "", "", c->now,
					    sid == c->first ? c->principal : c->admin };

		if (store_sv_score_put(db, &s, dbe) != 0)
			return -1;
		s.side = "inspector";
		s.score = insp;
		s.comment = inspector_notes[note_of(insp)];
		s.user_id = c->inspector;
		if (store_sv_score_put(db, &s, dbe) != 0)
			return -1;
		c->scores += 2;
	}
	return 0;
}

static int user_id(struct db *db, const char *name, int64_t def, int64_t *id, struct db_err *dbe)
{
	struct store_user u;

	*id = store_user_by_name(db, name, &u, dbe) == 0 ? u.id : def;
	return 0;
}

static int one_round(struct sv_ctx *c, struct db *db, const struct db_res *terms, int r,
		     const struct db_res *sc, struct db_err *dbe)
{
	char name[160];
	int64_t round;

	snprintf(name, sizeof name, "%s“双减”督导评估", db_res_text(terms, r, 1));
	if (store_sv_round_insert(db, c->a->district_id, db_res_int(terms, r, 0), name, c->now,
				  c->inspector, &round, dbe) != 0)
		return -1;
	c->rounds++;
	for (int i = 0; i < c->n; i++) {
		int64_t sid = demo_res_id(sc, c->p[i].code);

		if (!sid)
			continue;
		if (store_sv_round_school_add(db, round, sid, dbe) != 0 ||
		    school_scores(c, db, round, r, i, sid, dbe) != 0)
			return -1;
	}
	return 0;
}

static int sv_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct sv_ctx *c = vctx;
	struct db_res *terms = NULL, *sc = NULL;
	json_t *d;
	int rc;

	(void)e;
	rc = store_term_list(db, c->a->district_id, &terms, dbe);
	if (rc == 0 && db_res_rows(terms) >= SV_ROUNDS) {
		struct store_user u;

		if (store_user_by_name(db, "admin", &u, dbe) != 0)
			rc = -1;
		c->admin = u.id;
		user_id(db, "inspector", c->admin, &c->inspector, dbe);
		user_id(db, "principal", c->admin, &c->principal, dbe);
		if (rc == 0)
			rc = store_codes_schools(db, c->a->district_id, &sc, dbe);
		c->first = rc == 0 && c->n ? demo_res_id(sc, c->p[0].code) : 0;
		for (int r = 0; rc == 0 && r < SV_ROUNDS; r++)
			rc = one_round(c, db, terms, r, sc, dbe);
	}
	db_res_free(terms);
	db_res_free(sc);
	if (rc != 0)
		return -1;
	d = json_pack("{s:i,s:i}", "rounds", (int)c->rounds, "scores", (int)c->scores);
	rc = app_audit(db, c->who, "sv.demo", "sv_round:*", "ok", d, dbe);
	json_decref(d);
	return rc;
}

int demo_sv(struct app *a, const struct actor *who, struct gen *g, const struct plan *p, int n,
	    struct app_err *e)
{
	struct sv_ctx c = { .a = a, .who = who, .p = p, .n = n < DEMO_SV_MAX_SCHOOLS ? n
										    : DEMO_SV_MAX_SCHOOLS,
			    .now = time_now() };

	sv_table_build(&a->policy, &c.t);
	if (app_batch(a, sv_tx, &c, e) != 0)
		return -1;
	g->sv_rounds = c.rounds;
	g->sv_scores = c.scores;
	return 0;
}

void demo_sv_summary(const struct gen *g)
{
	printf("督导评估：%ld 轮（上学期、本学期），每校 85 项C级指标均有自评和督导评定，共 %ld 条评分；"
	       "每五所学校中有一所综合得分偏低，列入专项督导名单\n", g->sv_rounds, g->sv_scores);
}
