/* demo_checkins.c - the five managements of the demo district: every
 * completed week of the term in force, about three families in four of the
 * first CK_SCHOOLS schools check in (sleep, phone, reading; drawn by the
 * store from each child's id and the week, so the same seed and day give
 * the same district), each of those schools has phone rules, and the first
 * junior high school an early wake time and a long way home, so its
 * evening-study days show as flagged (MG_SLEEP_FEASIBLE). */
#include "demo/demo_shared.h"
#include "store/store.h"
#include "store/store_checkin.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

#define CK_SCHOOLS 50 /* schools with check-ins in a larger district */
#define CK_SUNDAY_EVENING (20 * 60) /* when a week's check-in is filed */

static const struct {
	const char *kept, *calls;
	int handed_in;
} demo_rules[] = {
	{ "各班教室手机保管柜，放学时发还", "班主任办公室电话；校门口亲情电话", 1 },
	{ "学校门卫室统一保管", "班主任电话、学校值班电话", 1 },
	{ "原则上不带手机入校；确需带的由家长书面申请，交班主任保管", "班主任电话", 1 },
};

struct ck_ctx {
	struct app *a;
	const struct actor *who;
	struct gen *g;
	const struct plan *p;
	int n;
};

/* The term in force today: its id and first day into *from, 0 when none. */
static int term_today(struct db *db, const struct app *a, int64_t today, int64_t *term,
		      int64_t *from, struct db_err *dbe)
{
	struct db_res *r = NULL;

	*from = *term = 0;
	if (store_term_list(db, a->district_id, &r, dbe) != 0)
		return -1;
	for (int i = 0; i < db_res_rows(r); i++) {
		int64_t s, e;

		if (date_parse(db_res_text(r, i, 2), &s) == 0 &&
		    date_parse(db_res_text(r, i, 3), &e) == 0 && s <= today && today <= e) {
			*from = s;
			*term = db_res_int(r, i, 0);
		}
	}
	db_res_free(r);
	return 0;
}

static int school_rules(struct ck_ctx *c, struct db *db, int i, int64_t sid, int64_t uid,
			bool *junior_done, struct db_err *dbe)
{
	struct store_ck_school s = { demo_rules[i % 3].handed_in, demo_rules[i % 3].kept,
				     demo_rules[i % 3].calls, "", -1, -1 };
	int version;

	if (c->p[i].kind == SK_JUNIOR && !*junior_done) {
		s.wake = 6 * 60;  /* 06:00 */
		s.travel = 45;    /* a rural school: a long way home */
		*junior_done = true;
	}
	return store_ck_school_put(db, c->a->district_id, sid, &s, uid, time_now(), &version, dbe);
}

static int ck_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct ck_ctx *c = vctx;
	struct store_user admin;
	struct db_res *sc = NULL;
	int64_t today = date_of(time_now(), c->a->policy.utc_offset_minutes), from, monday, term;
	int nsch = c->n < CK_SCHOOLS ? c->n : CK_SCHOOLS, rc = -1;
	bool junior_done = false;
	json_t *d;

	(void)e;
	if (term_today(db, c->a, today, &term, &from, dbe) != 0 || store_first_admin(db, &admin, dbe) != 0 ||
	    store_codes_schools(db, c->a->district_id, &sc, dbe) != 0)
		goto out;
	for (int i = 0; i < nsch; i++) {
		int64_t sid = demo_res_id(sc, c->p[i].code);

		if (sid && school_rules(c, db, i, sid, admin.id, &junior_done, dbe) != 0)
			goto out;
		c->g->ck_schools += sid != 0;
	}
	/* every week whose Sunday has passed, from the term's first week */
	for (monday = from ? from - (date_weekday(from) - 1) : today; from && monday + 6 < today;
	     monday += 7) {
		char week[11];
		int64_t at = demo_local_at(c->a, monday + 6, CK_SUNDAY_EVENING);

		date_format(monday, week, sizeof week);
		for (int i = 0; i < nsch; i++) {
			int64_t sid = demo_res_id(sc, c->p[i].code), rows = 0;

			if (sid && store_ck_demo_week(db, c->a->district_id, sid, week,
						      (int64_t)c->g->seed * 53 + monday, at, &rows,
						      dbe) != 0)
				goto out;
			c->g->ck_checkins += rows;
		}
		if (!c->g->ck_weeks)
			snprintf(c->g->ck_from, sizeof c->g->ck_from, "%s", week);
		snprintf(c->g->ck_to, sizeof c->g->ck_to, "%s", week);
		c->g->ck_weeks++;
	}
	for (int i = 0; i < nsch && c->g->ck_weeks; i++) {
		int64_t sid = demo_res_id(sc, c->p[i].code);

		if (sid && store_ck_demo_sums(db, sid, term, c->g->ck_from, c->g->ck_to, dbe) != 0)
			goto out;
	}
	d = json_pack("{s:i,s:i,s:I}", "schools", c->g->ck_schools, "weeks", c->g->ck_weeks,
		      "checkins", (json_int_t)c->g->ck_checkins);
	rc = app_audit(db, c->who, "demo.checkins", "demo/checkins", "ok", d, dbe);
	json_decref(d);
out:
	db_res_free(sc);
	return rc;
}

int demo_checkins(struct app *a, const struct actor *who, struct gen *g, const struct plan *p,
		  int n, struct app_err *e)
{
	struct ck_ctx c = { .a = a, .who = who, .g = g, .p = p, .n = n };

	return app_batch(a, ck_tx, &c, e);
}
