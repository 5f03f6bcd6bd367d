/* demo_health.c - the health history of the demo district (app_health.h):
 * for the term in force, every school day up to yesterday of each class's
 * activity (PE lessons on most days, the big break, some after-school sport,
 * eye exercises; a few days short), the term's fitness results of every
 * student, and two vision screenings (the first a fortnight in, the second
 * past the middle of the term; a few classes not screened at all, some not again yet). Only
 * the first HE_SCHOOLS schools, so a province-sized demo stays quick. Every
 * value comes from the seed: the same arguments on the same day give the
 * same district. */
#include "demo/demo_shared.h"
#include "core/health.h"
#include "store/store.h"
#include "store/store_health.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HE_SCHOOLS 40
#define HE_MAX_DAYS 200
#define W_HEALTH 101 /* the generator's stream for health (after W_AFTERSCHOOL) */

struct he_ctx {
	struct app *a;
	const struct actor *who;
	struct gen *g;
	int nschools, ndays;
	int64_t days[HE_MAX_DAYS], admin_uid, now;
	char day_s[HE_MAX_DAYS][11];
	struct store_he_term term;
	struct db_res *classes, *students;
};

/* The term's school days before today. */
static int term_days(struct he_ctx *c, struct db *db, struct db_err *dbe)
{
	int64_t today = date_of(c->now, c->a->policy.utc_offset_minutes), st, en, end;
	char today_s[11];
	int rc;

	date_format(today, today_s, sizeof today_s);
	rc = store_he_term(db, c->a->district_id, 0, today_s, &c->term, dbe);
	if (rc != 0)
		return rc < 0 ? -1 : 1;
	date_parse(c->term.starts, &st);
	date_parse(c->term.ends, &en);
	end = today - 1 < en ? today - 1 : en;
	if (end < st)
		return 1;
	return demo_school_days(db, c->a, st, 1, HE_MAX_DAYS, (int)(end - st + 1), c->days,
				&c->ndays, dbe);
}

/* MG_PE_DAILY, MG_EYE_EXERCISES: a class's day. PE on four days of five
 * (three in junior high), the big break mostly 30 minutes (20 on a wet day),
 * some after-school sport; now and then one eye exercise is missed. */
static int one_day(struct he_ctx *c, struct db *db, int i, int k, struct db_err *dbe)
{
	int64_t cid = db_res_int(c->classes, i, 0), uid = db_res_int(c->classes, i, 3), id;
	int grade = (int)db_res_int(c->classes, i, 2);
	struct rng r = rng_for(c->g->seed, W_HEALTH, (uint64_t)cid * 1000 + (uint64_t)k);
	struct he_day d = { 0 };
	struct he_day_verdict v;
	struct store_he_activity row;
	int rc;

	d.pe_minutes = rng_per_mille(&r, grade >= 7 ? 600 : 800) ? 40 : 0;
	d.big_break_minutes = rng_per_mille(&r, 100) ? 20 : 30;
	d.other_minutes = rng_per_mille(&r, 700) ? rng_range(&r, 2, 8) * 5 : 0;
	d.eye_exercises = rng_per_mille(&r, 40) ? 1 : 2;
	he_check_day(&c->a->policy, &d, &v);
	row = (struct store_he_activity){ .district_id = c->a->district_id,
					  .school_id = db_res_int(c->classes, i, 1),
					  .class_id = cid, .user_id = uid ? uid : c->admin_uid,
					  .now = demo_local_at(c->a, c->days[k], 16 * 60 + 40),
					  .day = c->day_s[k], .pe = d.pe_minutes,
					  .big_break = d.big_break_minutes,
					  .other = d.other_minutes, .eye = d.eye_exercises,
					  .pe_short = v.pe_short, .eye_short = v.eye_short };
	rc = store_he_activity_insert(db, &row, &id, dbe);
	c->g->he_class_days++;
	c->g->he_pe_short += v.pe_short;
	c->g->he_eye_short += v.eye_short;
	return rc;
}

static int activity(struct he_ctx *c, struct db *db, struct db_err *dbe)
{
	for (int i = 0; i < db_res_rows(c->classes); i++)
		for (int k = 0; k < c->ndays; k++)
			if (one_day(c, db, i, k, dbe) != 0)
				return -1;
	return 0;
}

/* MG_FITNESS: totals around 78, a few failing, a few with bonus points. */
static int fitness(struct he_ctx *c, struct db *db, struct db_err *dbe)
{
	const struct policy *p = &c->a->policy;

	for (int i = 0; i < db_res_rows(c->students); i++) {
		int64_t sid = db_res_int(c->students, i, 0);
		struct rng r = rng_for(c->g->seed, W_HEALTH + 1, (uint64_t)sid);
		int t = 780 + rng_range(&r, -120, 120);
		int replaced = 0;
		enum he_level l;
		struct store_he_fitness f;

		t += rng_range(&r, -120, 120); /* one draw per statement: C leaves operand order open */
		if (t > 1000 && rng_per_mille(&r, 300))
			t += rng_range(&r, 10, 60); /* the bonus (加分) */
		if (t < 0 || t > p->fitness_max_tenths)
			t = t < 0 ? 0 : p->fitness_max_tenths;
		l = he_fitness_level(p, t);
		f = (struct store_he_fitness){ .district_id = c->a->district_id,
					       .school_id = db_res_int(c->students, i, 2),
					       .student_id = sid, .term_id = c->term.id,
					       .user_id = c->admin_uid, .now = c->now,
					       .grade = (int)db_res_int(c->students, i, 3),
					       .total_tenths = t, .level = he_level_id(l),
					       .items = "{}" };
		if (store_he_fitness_put(db, &f, &replaced, dbe) != 0)
			return -1;
		c->g->he_fitness++;
		c->g->he_fitness_pass += l != HE_FAIL;
	}
	return 0;
}

/* MG_VISION_SCREENING: a student's eyes at screening s (0, 1). Poor vision
 * grows with the grade; some students wear glasses; a few get worse. */
static void eyes(const struct he_ctx *c, int64_t sid, int grade, int s, int *l, int *rt, int *cor)
{
	struct rng r = rng_for(c->g->seed, W_HEALTH + 2, (uint64_t)sid);
	bool poor = rng_per_mille(&r, (unsigned)(100 + grade * 60));
	bool worse = rng_per_mille(&r, 60);
	int base = poor ? rng_range(&r, 40, 49) : rng_range(&r, 50, 52);

	*cor = poor && rng_per_mille(&r, 500);
	if (s == 1 && !poor && worse)
		base = 49;
	*l = base;
	*rt = base + (rng_per_mille(&r, 300) ? -1 : 0);
	if (*rt < c->a->policy.vision_min_tenths)
		*rt = c->a->policy.vision_min_tenths;
}

static int vision(struct he_ctx *c, struct db *db, struct db_err *dbe)
{
	int64_t st = 0, en = 0;
	int when[2] = { 9, c->ndays }; /* school-day indexes: a fortnight in, past the middle */

	date_parse(c->term.starts, &st);
	date_parse(c->term.ends, &en);
	for (int k = 0; k < c->ndays; k++)
		if (c->days[k] >= st + (en - st) / 2) {
			when[1] = k + 5;
			break;
		}

	for (int s = 0; s < 2; s++) {
		if (when[s] >= c->ndays)
			break;
		c->g->he_screenings++;
		for (int i = 0; i < db_res_rows(c->students); i++) {
			int64_t sid = db_res_int(c->students, i, 0), cid = db_res_int(c->students, i, 1);
			struct rng r = rng_for(c->g->seed, W_HEALTH + 3, (uint64_t)cid);
			struct store_he_vision v;
			int l, rt, cor;
			int64_t id;

			unsigned behind = rng_below(&r, 1000);

			if (behind < 30 || (s == 1 && behind < 150))
				continue; /* a class behind: never screened, or not again yet */
			eyes(c, sid, (int)db_res_int(c->students, i, 3), s, &l, &rt, &cor);
			v = (struct store_he_vision){ .district_id = c->a->district_id,
						      .school_id = db_res_int(c->students, i, 2),
						      .class_id = cid, .student_id = sid,
						      .user_id = c->admin_uid,
						      .now = demo_local_at(c->a, c->days[when[s]], 600),
						      .day = c->day_s[when[s]], .left = l, .right = rt,
						      .corrected = cor };
			if (store_he_vision_add(db, &v, &id, dbe) != 0)
				return -1;
			c->g->he_vision++;
		}
	}
	return 0;
}

static int he_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct he_ctx *c = vctx;
	struct store_user u;
	json_t *d;
	int rc;

	/* a retried transaction starts over */
	db_res_free(c->classes);
	db_res_free(c->students);
	c->classes = c->students = NULL;
	c->ndays = 0;
	c->g->he_screenings = 0;
	c->g->he_class_days = c->g->he_pe_short = c->g->he_eye_short = c->g->he_fitness = 0;
	c->g->he_fitness_pass = c->g->he_vision = c->g->he_overdue = 0;
	if (store_user_by_name(db, "admin", &u, dbe) != 0)
		return -1;
	c->admin_uid = u.id;
	rc = term_days(c, db, dbe);
	if (rc != 0)
		return rc < 0 ? -1 : 0; /* no term has started: nothing to write */
	for (int k = 0; k < c->ndays; k++)
		date_format(c->days[k], c->day_s[k], sizeof c->day_s[k]);
	if (store_he_demo_classes(db, c->a->district_id, c->nschools, &c->classes, dbe) != 0 ||
	    store_he_demo_students(db, c->a->district_id, c->nschools, &c->students, dbe) != 0 ||
	    activity(c, db, dbe) != 0 || fitness(c, db, dbe) != 0 || vision(c, db, dbe) != 0)
		return -1;
	snprintf(c->g->he_term, sizeof c->g->he_term, "%s", c->term.name);
	snprintf(c->g->he_from, sizeof c->g->he_from, "%s", c->ndays ? c->day_s[0] : "");
	snprintf(c->g->he_to, sizeof c->g->he_to, "%s", c->ndays ? c->day_s[c->ndays - 1] : "");
	d = json_pack("{s:I,s:I,s:I}", "class_days", (json_int_t)c->g->he_class_days, "fitness",
		      (json_int_t)c->g->he_fitness, "vision", (json_int_t)c->g->he_vision);
	rc = app_audit(db, c->who, "demo.health", "district", "ok", d, dbe);
	json_decref(d);
	return rc;
}

int demo_health(struct app *a, const struct actor *who, struct gen *g, int n, struct app_err *e)
{
	struct he_ctx c = { .a = a, .who = who, .g = g, .now = time_now() };
	int rc;

	c.nschools = n < HE_SCHOOLS ? n : HE_SCHOOLS;
	g->he_schools = c.nschools;
	rc = app_batch(a, he_tx, &c, e);
	db_res_free(c.classes);
	db_res_free(c.students);
	return rc;
}

void demo_health_summary(const struct gen *g, int n)
{
	char where[48] = "";

	if (!g->he_class_days) {
		printf("体质健康：本学期还没有上课日，未生成体育活动、体质测试和视力筛查记录\n");
		return;
	}
	if (n > g->he_schools)
		snprintf(where, sizeof where, "前 %d 所学校", g->he_schools);
	printf("体质健康：%s%s（%s 至 %s）%ld 个班级日的体育活动（%ld 天不足 1 小时，%ld 天眼保健操"
	       "不足两次），%ld 名学生的体质测试成绩（及格 %ld 名），%d 次视力筛查共 %ld 人次\n",
	       g->he_term, where, g->he_from, g->he_to, g->he_class_days, g->he_pe_short,
	       g->he_eye_short, g->he_fitness, g->he_fitness_pass, g->he_screenings, g->he_vision);
}
