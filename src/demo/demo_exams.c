/* demo_exams.c - the demo district's exam plans and the first school's
 * results, written through store_exam.h as the use cases write them, each
 * plan checked by core/exam.h first, in one transaction. */
#include "demo/demo_exams.h"
#include "app/app_batch.h"
#include "core/exam.h"
#include "store/store.h"
#include "store/store_exam.h"
#include "store/store_org.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_TERMS 2

/* Subjects of a final by grade (index 1..9), and of a junior midterm. */
static const char *const final_subjects[POLICY_MAX_GRADE + 1] = {
	"", "语文,数学", "语文,数学", "语文,数学,英语", "语文,数学,英语", "语文,数学,英语,科学",
	"语文,数学,英语,科学", "语文,数学,英语,道德与法治,历史,地理,生物",
	"语文,数学,英语,道德与法治,物理,历史,地理,生物",
	"语文,数学,英语,道德与法治,物理,化学,历史",
};
static const char *const midterm_subjects = "语文,数学,英语";
/* Results: the first two subjects of each final; levels spread 30/40/22/8. */
static const int level_cut[] = { 30, 70, 92, 100 };

struct ex_ctx {
	struct app *a;
	const struct actor *who;
	const struct plan *p;
	int n, plans, results;
	int64_t term[DEMO_TERMS], admin, academic, now, first;
	char starts[DEMO_TERMS][11], ends[DEMO_TERMS][11];
	int64_t first_finals[POLICY_MAX_GRADE + 1]; /* school 1, earlier term */
	struct store_scope scope;
};

static void shift(const char *day, int by, char out[11])
{
	int64_t d = 0;

	date_parse(day, &d);
	date_format(d + by, out, 11);
}

static int add_plan(struct ex_ctx *c, struct db *db, int64_t school, int t, int g,
		    const char *kind, const char *date, int64_t *id, struct db_err *dbe)
{
	const char *form = c->a->policy.ex_paper_forbidden[g] ? "non_paper" : "paper";
	struct ex_plan x = { g, kind, form, date, c->starts[t], c->ends[t], 0 };
	struct store_exam_plan sp = { c->a->district_id, school, c->term[t],
				      school == c->first ? c->academic : c->admin, c->now, g, kind, form,
				      date, strcmp(kind, "final") ? midterm_subjects
								  : final_subjects[g] };
	struct ex_verdict v;

	*id = 0;
	if (ex_plan_check(&c->a->policy, &x, &v) != 0)
		return 0; /* the demo keeps to the rules, as the use case does */
	c->plans++;
	return store_exam_insert(db, &sp, id, dbe);
}

static int school_plans(struct ex_ctx *c, struct db *db, int i, int64_t sid, struct db_err *dbe)
{
	int lo = c->p[i].kind == SK_JUNIOR ? 7 : 1, hi = c->p[i].kind == SK_PRIMARY ? 6 : 9;

	for (int t = 0; t < DEMO_TERMS; t++) {
		if (t == 1 && i % 5 == 4)
			continue; /* not entered yet */
		for (int g = lo; g <= hi; g++) {
			char fin[11], mid[11];
			int64_t id;

			if (t == 1 && i == 0 && g >= 5)
				continue; /* left for the school page */
			shift(c->ends[t], -(3 + (i + g) % 5), fin);
			shift(c->starts[t], 56 + i % 5, mid);
			if (add_plan(c, db, sid, t, g, "final", fin, &id, dbe) != 0)
				return -1;
			if (i == 0 && t == 0)
				c->first_finals[g] = id;
			if (c->a->policy.ex_midterms_per_term[g] > 0 &&
			    add_plan(c, db, sid, t, g, "midterm", mid, &id, dbe) != 0)
				return -1;
		}
	}
	return 0;
}

static const char *level_of(const struct policy *p, int64_t student, int subject)
{
	unsigned h = (unsigned)(student * 2654435761u + (unsigned)subject * 40503u) % 100u;
	int l = 0;

	while (l < 3 && (int)h >= level_cut[l])
		l++;
	return p->ex_levels[l < p->ex_nlevels ? l : p->ex_nlevels - 1];
}

/* The first school's earlier-term finals: every student, two subjects. */
static int first_results(struct ex_ctx *c, struct db *db, struct db_err *dbe)
{
	struct demo_class *cls = NULL;
	int ncls = 0, rc = 0;

	if (demo_load_classes(&c->scope, db, c->first, &cls, &ncls, dbe) != 0)
		return -1;
	for (int k = 0; rc == 0 && k < ncls; k++) {
		int64_t exam = c->first_finals[cls[k].grade];
		char subj[2][16];
		const char *s = final_subjects[cls[k].grade];

		if (!exam)
			continue;
		sscanf(s, "%15[^,],%15[^,]", subj[0], subj[1]);
		for (int j = 0; rc == 0 && j < cls[k].nst; j++)
			for (int u = 0; rc == 0 && u < 2; u++, c->results++)
				rc = store_exam_result_put(db, exam, c->a->district_id, cls[k].id,
							   cls[k].st[j], subj[u],
							   level_of(&c->a->policy, cls[k].st[j], u),
							   c->now, c->academic, dbe);
	}
	free(cls);
	return rc;
}

static int load_refs(struct ex_ctx *c, struct db *db, struct db_err *dbe)
{
	struct store_user u;
	struct db_res *r = NULL;
	int rc = store_term_list(db, c->a->district_id, &r, dbe);

	for (int t = 0; rc == 0 && t < DEMO_TERMS && t < db_res_rows(r); t++) {
		c->term[t] = db_res_int(r, t, 0);
		snprintf(c->starts[t], sizeof c->starts[t], "%s", db_res_text(r, t, 2));
		snprintf(c->ends[t], sizeof c->ends[t], "%s", db_res_text(r, t, 3));
	}
	db_res_free(r);
	if (rc != 0 || store_user_by_name(db, "admin", &u, dbe) != 0)
		return -1;
	c->admin = c->academic = u.id;
	if (store_user_by_name(db, "academic", &u, dbe) == 0)
		c->academic = u.id;
	return 0;
}

static int ex_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct ex_ctx *c = vctx;
	struct db_res *sc = NULL;
	json_t *d;
	int rc;

	(void)e;
	if (load_refs(c, db, dbe) != 0 || store_codes_schools(db, c->a->district_id, &sc, dbe) != 0)
		return -1;
	for (int i = 0; i < c->n && c->term[DEMO_TERMS - 1]; i++) {
		int64_t sid = demo_res_id(sc, c->p[i].code);

		if (i == 0)
			c->first = sid;
		if (sid && school_plans(c, db, i, sid, dbe) != 0) {
			db_res_free(sc);
			return -1;
		}
	}
	db_res_free(sc);
	if (c->first && first_results(c, db, dbe) != 0)
		return -1;
	d = json_pack("{s:i,s:i}", "plans", c->plans, "results", c->results);
	rc = app_audit(db, c->who, "exam.demo", "exam:*", "ok", d, dbe);
	json_decref(d);
	return rc;
}

int demo_exams(struct app *a, const struct actor *who, struct gen *g, const struct plan *p,
	       int n, struct app_err *e)
{
	struct ex_ctx c = { .a = a, .who = who, .p = p, .n = n, .now = time_now() };

	app_scope_of(who, &c.scope);
	if (app_batch(a, ex_tx, &c, e) != 0)
		return -1;
	g->ex_plans = c.plans;
	g->ex_results = c.results;
	return 0;
}
