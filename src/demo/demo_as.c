/* demo_as.c - the demo district's after-school service.
 *
 * The current term (the one holding today) in the first AS_SCHOOLS schools,
 * as for the homework history. Each school gets a plan the pack allows
 * (Monday to Friday service ending at the pack's end time or later,
 * extended care after it, evening study where the pack allows it for the
 * school's grades); a menu of free programs: 作业辅导 for each grade from 3
 * (by the grade's head teachers), reading for grades 1-2, sports, arts,
 * science and, with junior grades, a club, by the school's own teachers
 * with one vetted professional and one vetted retired teacher; voluntary
 * applications for 60-75% of the children of each class, allocated by the
 * core's as_allocate (capacities near the first-choice demand; the sports
 * program a little short, so a few children wait); sessions from AS_DAYS
 * school days before today to AS_DAYS after; those before today recorded
 * (content, form, the no-new-lesson declaration; about 93% present, every
 * present child handed over; in 作业辅导 about 85% with the written homework
 * done) and, in school 1, one whose content names a new lesson
 * (AS_NO_NEW_LESSON), flagged for review, and one incident; venue safety
 * checks (see as_venue_checks). The school-term counters are rebuilt from
 * the records once a school is written.
 *
 * School 1 is what the sign-ins see: 陈老师 is on the staff of
 * 作业辅导（三年级）, whose session today (on a school day) is left
 * unrecorded for her; the parent's first child is admitted to it, the
 * second has no application, so the parent can apply.
 *
 * Rows are written through store_as.h as the use cases write them, in one
 * transaction; attendance goes in one statement per session
 * (store_as_demo.h). Sessions are recorded by the teacher sign-in (her
 * program) or the academic office in school 1, by the administrator
 * elsewhere; applications carry the parent sign-in's user id, as the
 * homework reports do. Capacities stay within AS_CAP_MAX so that a
 * session's roster fits one attendance request. */
#include "demo/demo_shared.h"
#include "core/afterschool.h"
#include "store/store_as.h"
#include "store/store_as_demo.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AS_SCHOOLS 50      /* schools with after-school data in a larger district */
#define AS_DAYS 10         /* school days of sessions before today, and after it */
#define AS_SPAN 60         /* calendar days searched for them each way */
#define AS_MAX_PROGS 16
#define AS_MAX_STAFF 6
#define AS_CAP_MAX 100     /* one attendance request holds 1-100 records */
#define AS_PRESENT_PM 930  /* per mille present; then on leave, then absent */
#define AS_LEAVE_PM 965
#define AS_ALONE_PM 700    /* days a child with alone_consent goes home alone */
#define AS_HW_DONE_PM 850  /* present in 作业辅导 with the written homework done */

struct as_staffer {
	char name[32], vetting[128];
	const char *type;
	int64_t staff_id;
};

struct as_prog {
	char name[64], venue[48], grades[32];
	const char *category;
	unsigned gmask; /* bit g: grade g may apply */
	int64_t id;
	int demand, capacity, admitted, nstaff, cap_pm;
	struct as_staffer staff[AS_MAX_STAFF];
};

/* One child's application. */
struct as_kid {
	int64_t student_id;
	struct as_app app; /* choices as program indexes */
	int grade;
	unsigned char ext, alone, reason;
};

struct as_ctx {
	struct app *a;
	const struct actor *who;
	struct gen *g;
	const struct plan *p;
	int n, school;
	struct store_scope scope;
	int64_t term_id, today, term_from;
	char today_s[11], term_to[11], apply_until[11], vetted_on[11];
	int ndays, nback; /* days[0..nback) are before today */
	int64_t days[2 * AS_DAYS + 1];
	char day_s[2 * AS_DAYS + 1][11];
	int64_t admin_uid, principal_uid, academic_uid, teacher_uid, parent_uid, kids[4];
	int nkids;
	struct db_res *staff; /* the school's: id, staff_no, name, subjects, username */
	struct as_prog prog[AS_MAX_PROGS];
	int nprog;
	struct as_counts *cnt;
};

static const char *const as_ext_reasons[] = {
	"父母下班较晚，无人按时接送", "父母在外务工，祖辈接送不便", "家长上夜班，放学后家中无人",
	"家长工作地点较远，需延时接孩子",
};

static const char *as_staff_name(const struct as_ctx *c, int64_t id)
{
	for (int i = 0; i < db_res_rows(c->staff); i++)
		if (db_res_int(c->staff, i, 0) == id)
			return db_res_text(c->staff, i, 2);
	return NULL;
}

static void as_add_teacher(const struct as_ctx *c, struct as_prog *g, int64_t staff_id, int max)
{
	const char *name = as_staff_name(c, staff_id);

	if (!name || !staff_id || g->nstaff >= max || g->nstaff >= AS_MAX_STAFF)
		return;
	for (int i = 0; i < g->nstaff; i++)
		if (g->staff[i].staff_id == staff_id)
			return;
	snprintf(g->staff[g->nstaff].name, sizeof g->staff[0].name, "%s", name);
	g->staff[g->nstaff].type = "teacher";
	g->staff[g->nstaff++].staff_id = staff_id;
}

/* The teachers of subjects s1 or s2 in the program's grades, up to max. */
static void as_subject_staff(const struct as_ctx *c, struct as_prog *g, const struct demo_class *cls,
			     int ncls, int s1, int s2, int max)
{
	for (int i = 0; i < ncls; i++) {
		if (!(g->gmask & (1u << cls[i].grade)))
			continue;
		if (cls[i].has[s1])
			as_add_teacher(c, g, cls[i].staff[s1], max);
		if (s2 >= 0 && cls[i].has[s2])
			as_add_teacher(c, g, cls[i].staff[s2], max);
	}
}

/* An outsider with the record AS_STAFF_VETTING asks for. */
static void as_add_outsider(struct as_ctx *c, struct as_prog *g, struct rng *r, const char *type,
			    const char *qualification)
{
	struct as_staffer *s;

	if (g->nstaff >= AS_MAX_STAFF)
		return;
	s = &g->staff[g->nstaff++];
	memset(s, 0, sizeof *s);
	s->type = type;
	{ /* one draw after the other, in the order gcc happened to use when
	   both were arguments (argument order is the compiler's choice) */
		bool man = rng_per_mille(r, 500);
		const char *surname = demo_pick_surname(r, c->g->stotal);

		demo_make_name(r, surname, man ? N_MAN : N_WOMAN, s->name, sizeof s->name);
	}
	snprintf(s->vetting, sizeof s->vetting, "%s；无犯罪记录证明 新公证〔2026〕%d-%d号",
		 qualification, c->school + 1, rng_range(r, 100, 999));
}

static struct as_prog *as_new_prog(struct as_ctx *c, const char *category, int lo, int hi,
				   int cap_pm)
{
	struct as_prog *g = &c->prog[c->nprog++];
	size_t len = 0;

	memset(g, 0, sizeof *g);
	g->category = category;
	g->cap_pm = cap_pm;
	for (int k = lo; k <= hi; k++)
		if (k >= grade_lo(c->p[c->school].kind) && k <= grade_hi(c->p[c->school].kind)) {
			g->gmask |= 1u << k;
			len += (size_t)snprintf(g->grades + len, sizeof g->grades - len, "%s%d",
						len ? "," : "", k);
		}
	return g;
}

/* The menu of a school from its grades and staff. */
static void as_menu(struct as_ctx *c, const struct demo_class *cls, int ncls)
{
	int kind = c->p[c->school].kind, lo = grade_lo(kind), hi = grade_hi(kind);
	struct rng r = rng_for(c->g->seed, W_AFTERSCHOOL, (uint64_t)c->school << 8);
	struct as_prog *g;

	c->nprog = 0;
	for (int k = lo > 3 ? lo : 3; k <= hi; k++) {
		g = as_new_prog(c, "homework", k, k, 1150);
		snprintf(g->name, sizeof g->name, "作业辅导（%s年级）", demo_grade_names[k]);
		snprintf(g->venue, sizeof g->venue, "%s年级各班教室", demo_grade_names[k]);
		for (int i = 0; i < ncls; i++)
			if (cls[i].grade == k)
				as_add_teacher(c, g, cls[i].head, AS_MAX_STAFF);
	}
	if (lo <= 2) {
		g = as_new_prog(c, "reading", 1, 2, 1150);
		snprintf(g->name, sizeof g->name, "绘本阅读（一二年级）");
		snprintf(g->venue, sizeof g->venue, "图书室");
		as_subject_staff(c, g, cls, ncls, S_CHN, -1, 2);
	}
	g = as_new_prog(c, "sports", lo, hi, 850);
	snprintf(g->name, sizeof g->name, "趣味体育");
	snprintf(g->venue, sizeof g->venue, "操场");
	as_subject_staff(c, g, cls, ncls, S_PE, -1, 2);
	as_add_outsider(c, g, &r, "professional", "二级社会体育指导员证");
	g = as_new_prog(c, "arts", lo, hi, 1150);
	snprintf(g->name, sizeof g->name, "合唱与美术");
	snprintf(g->venue, sizeof g->venue, "音乐教室、美术教室");
	as_subject_staff(c, g, cls, ncls, S_MUSIC, S_ART, 2);
	as_add_outsider(c, g, &r, "retired", "退休教师，教师资格证已核验");
	g = as_new_prog(c, "science", 3, hi, 1150);
	snprintf(g->name, sizeof g->name, "科学探究");
	snprintf(g->venue, sizeof g->venue, "科学实验室");
	as_subject_staff(c, g, cls, ncls, S_SCI, S_PHY, 2);
	as_subject_staff(c, g, cls, ncls, S_BIO, -1, 2);
	if (hi >= 7) {
		g = as_new_prog(c, "club", 7, 9, 1150);
		snprintf(g->name, sizeof g->name, "书法社团");
		snprintf(g->venue, sizeof g->venue, "书法教室");
		as_subject_staff(c, g, cls, ncls, S_CHN, S_ART, 2);
	}
}

/* A program that grade may choose, at random, other than the ones taken. */
static int as_pick(const struct as_ctx *c, struct rng *r, int grade, const int *taken, int ntaken,
		   bool homework)
{
	int cand[AS_MAX_PROGS], n = 0;

	for (int i = 0; i < c->nprog; i++) {
		bool dup = false;

		for (int k = 0; k < ntaken; k++)
			dup = dup || taken[k] == i;
		if (!dup && (c->prog[i].gmask & (1u << grade)) &&
		    !strcmp(c->prog[i].category, "homework") == homework)
			cand[n++] = i;
	}
	return n ? cand[rng_below(r, (uint32_t)n)] : -1;
}

/* One child's choices: its grade's 作业辅导 first for most, else an activity;
 * then one or two more, or none. The parent's first child: 作业辅导 first. */
static void as_choose(const struct as_ctx *c, struct rng *r, struct as_kid *k, bool demo)
{
	int *ch = k->app.choice, want = rng_per_mille(r, 300) ? 1 : rng_per_mille(r, 500) ? 2 : 3;

	ch[0] = ch[1] = ch[2] = -1;
	if (demo || rng_per_mille(r, 600))
		ch[0] = as_pick(c, r, k->grade, ch, 0, true);
	if (ch[0] < 0)
		ch[0] = as_pick(c, r, k->grade, ch, 0, false);
	for (int i = 1; i < want && ch[i - 1] >= 0; i++)
		ch[i] = as_pick(c, r, k->grade, ch, i, false);
}

/* The applications of a school in class order: *out (the caller frees it). */
static int as_applications(struct as_ctx *c, const struct demo_class *cls, int ncls,
			   struct as_kid **out, int *nk)
{
	struct as_kid *kids = calloc((size_t)ncls * HW_MAX_STUDENTS + 1, sizeof *kids);

	*out = kids;
	*nk = 0;
	if (!kids)
		return -1;
	for (int i = 0; i < ncls; i++) {
		const struct demo_class *k = &cls[i];
		struct rng r = rng_for(c->g->seed, W_AFTERSCHOOL,
				       ((uint64_t)c->school << 8 | (uint64_t)k->ord) << 1 | 1);
		unsigned share = (unsigned)rng_range(&r, 600, 750);

		for (int s = 0; s < k->nst; s++) {
			bool demo = c->nkids > 0 && k->st[s] == c->kids[0];
			struct as_kid *x = &kids[*nk];
			bool other_kid = false;

			for (int j = 1; j < c->nkids; j++)
				other_kid = other_kid || k->st[s] == c->kids[j];
			if (other_kid || (!demo && !rng_per_mille(&r, share)))
				continue;
			x->student_id = k->st[s];
			x->grade = k->grade;
			as_choose(c, &r, x, demo);
			if (x->app.choice[0] < 0)
				continue;
			x->ext = !demo && rng_per_mille(&r, k->left_behind[s] ? 300 : 70);
			x->reason = k->left_behind[s] ? 1 : (unsigned char)rng_below(&r, NCHARS(as_ext_reasons));
			x->alone = k->grade >= 7 && rng_per_mille(&r, 350);
			c->prog[x->app.choice[0]].demand++;
			(*nk)++;
		}
	}
	return 0;
}

/* Places near the first-choice demand (cap_pm per mille of it), within
 * 20..AS_CAP_MAX, then the core's allocation, in the order they applied. */
static int as_allocate_kids(struct as_ctx *c, struct as_kid *kids, int nk)
{
	struct as_app *apps = calloc((size_t)nk + 1, sizeof *apps);
	int cap[AS_MAX_PROGS];

	if (!apps)
		return -1;
	for (int i = 0; i < c->nprog; i++) {
		struct as_prog *g = &c->prog[i];
		int want = round5(g->demand * g->cap_pm / 1000 + 3);

		g->capacity = want < 20 ? 20 : want > AS_CAP_MAX ? AS_CAP_MAX : want;
		cap[i] = g->capacity;
	}
	for (int i = 0; i < nk; i++)
		apps[i] = kids[i].app;
	as_allocate(apps, nk, cap, c->nprog);
	for (int i = 0; i < nk; i++) {
		kids[i].app = apps[i];
		if (apps[i].admitted >= 0)
			c->prog[apps[i].admitted].admitted++;
	}
	free(apps);
	return 0;
}

/* The school's plan: school lets out at start Monday to Friday (its
 * 放学时间 setting), service from then to end (not before the pack's end
 * time), extended care for an hour after it and, where the pack allows it
 * for the school's grades, evening study. Checked by the core as the use
 * case checks it. */
static int as_plan(struct as_ctx *c, struct db *db, int64_t school_id, int *start, int *end,
		   struct db_err *dbe, struct app_err *e)
{
	const struct policy *pol = &c->a->policy;
	int kind = c->p[c->school].kind, n = 0, version = 0;
	bool grades[POLICY_MAX_GRADE + 1] = { false }, evening = false;
	struct as_slot slots[15];
	struct as_verdict v;
	int64_t id = 0, at = demo_local_at(c->a, c->term_from - 7, 600);
	int dismissal[8] = { -1, -1, -1, -1, -1, -1, -1, -1 };

	for (int k = grade_lo(kind); k <= grade_hi(kind); k++) {
		grades[k] = true;
		evening = evening || pol->as_evening_allowed[k];
	}
	*end = kind == SK_PRIMARY ? 1050 : 1060;
	*end = *end > pol->as_end_not_before_min ? *end : pol->as_end_not_before_min;
	*start = kind == SK_PRIMARY ? 930 : 970;
	*start = *end - *start >= 60 ? *start : *end - 90;
	for (int wd = 1; wd <= 5; wd++) {
		int late = *end + 60 > 1140 ? *end + 60 : 1140;

		dismissal[wd] = *start;
		slots[n++] = (struct as_slot){ wd, *start, *end, AS_SLOT_REGULAR };
		slots[n++] = (struct as_slot){ wd, *end, *end + 60, AS_SLOT_EXTENDED };
		if (evening && late + 90 < 24 * 60)
			slots[n++] = (struct as_slot){ wd, late, late + 90, AS_SLOT_EVENING };
	}
	if (as_plan_check(pol, grades, dismissal, slots, n, &v) != 0)
		return app_fail(e, 500, "INTERNAL", "演示的课后服务方案不符合规则：%s", v.message);
	for (int wd = 1; wd <= 7; wd++)
		if (store_as_dismissal_set(db, c->a->district_id, school_id, wd, dismissal[wd], at,
					   c->admin_uid, dbe) != 0)
			return -1;
	if (store_as_plan_insert(db, c->a->district_id, school_id, c->term_id, at,
				 c->school == 0 && c->principal_uid ? c->principal_uid : c->admin_uid,
				 &id, &version, dbe) != 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (store_as_slot_add(db, c->a->district_id, id, i, slots[i].weekday, slots[i].start,
				      slots[i].end, as_slot_kind_ids[slots[i].kind], dbe) != 0)
			return -1;
	return 0;
}

/* The menu, checked by the core (AS_STAFF_VETTING, AS_FEES: all free). */
static int as_store_programs(struct as_ctx *c, struct db *db, int64_t school_id, int start,
			     int end, struct db_err *dbe, struct app_err *e)
{
	for (int i = 0; i < c->nprog; i++) {
		struct as_prog *g = &c->prog[i];
		struct as_staff st[AS_MAX_STAFF];
		struct store_as_program sp = {
			.district_id = c->a->district_id, .school_id = school_id,
			.term_id = c->term_id, .now = demo_local_at(c->a, c->term_from - 5, 600),
			.name = g->name, .category = g->category, .grades = g->grades,
			.days = "1,2,3,4,5", .venue = g->venue, .fee_doc = "",
			.apply_until = c->apply_until, .capacity = g->capacity, .start_min = start,
			.end_min = end, .fee_fen = 0 };
		struct as_verdict v;

		for (int k = 0; k < g->nstaff; k++)
			st[k] = (struct as_staff){ g->staff[k].type, g->staff[k].vetting,
						   g->staff[k].staff_id ? "" : c->vetted_on };
		if (g->nstaff == 0 || as_program_check(0, "", st, g->nstaff, c->today_s, &v))
			return app_fail(e, 500, "INTERNAL", "演示的课后服务项目“%s”不符合规则：%s",
					g->name, g->nstaff ? v.message : "没有服务人员");
		if (store_as_program_insert(db, &sp, &g->id, dbe) != 0)
			return -1;
		for (int k = 0; k < g->nstaff; k++)
			if (store_as_program_staff_add(db, g->id, k, g->staff[k].name, g->staff[k].type,
						       g->staff[k].staff_id, g->staff[k].vetting,
						       st[k].vetted_on, dbe) != 0)
				return -1;
		c->cnt->programs++;
		c->cnt->staff += g->nstaff;
	}
	return 0;
}

/* Applications as the parents made them, in order over the first days of
 * the term, then the allocation's outcome. */
static int as_store_applications(struct as_ctx *c, struct db *db, int64_t school_id,
				 const struct as_kid *kids, int nk, struct db_err *dbe)
{
	int64_t span = c->today - c->term_from < 5 ? c->today - c->term_from : 5;
	int64_t t0 = demo_local_at(c->a, c->term_from, 480);

	for (int i = 0; i < nk; i++) {
		const struct as_kid *k = &kids[i];
		struct store_as_application ap = {
			.district_id = c->a->district_id, .school_id = school_id,
			.term_id = c->term_id, .student_id = k->student_id, .user_id = c->parent_uid,
			.now = t0 + (span > 0 ? span * 86400 * i / nk : i),
			.extended_care = k->ext, .alone_consent = k->alone,
			.extended_reason = k->ext ? as_ext_reasons[k->reason] : "" };
		const struct as_app *o = &k->app;
		int pi = o->admitted >= 0 ? o->admitted : o->waitlisted;
		int64_t id = 0;

		for (int j = 0; j < AS_MAX_CHOICES; j++)
			ap.choice[j] = o->choice[j] >= 0 ? c->prog[o->choice[j]].id : 0;
		if (store_as_application_insert(db, &ap, &id, dbe) != 0 ||
		    store_as_application_set(db, id, o->admitted >= 0 ? "admitted" : "waitlisted",
					     pi >= 0 ? c->prog[pi].id : 0, o->position, dbe) != 0)
			return -1;
		c->cnt->applications++;
		c->cnt->admitted += o->admitted >= 0;
		c->cnt->waitlisted += o->admitted < 0;
		c->cnt->extended += k->ext;
		c->cnt->alone += k->alone;
	}
	return 0;
}

static const struct {
	const char *category;
	const char *form[3];
	const char *content[6];
} as_topics[] = {
	{ "homework", { "集体辅导", "分组辅导", "个别辅导" },
	  { "完成数学书面作业并订正", "完成语文练习册，教师巡视答疑并当面批改",
	    "完成英语单词抄写与默写，同伴互查后教师复核", "完成当天书面作业，对学习有困难的同学个别辅导",
	    "整理本周错题，教师集中答疑", "完成语文、数学书面作业，学有余力的同学拓展阅读" } },
	{ "reading", { "共读分享", "自主阅读", "讲故事" },
	  { "绘本共读，说一说最喜欢的角色", "图书角自由阅读，填写读书卡",
	    "听老师讲故事，复述故事的开头和结尾", "绘本表演：分角色朗读", "读童谣、猜谜语",
	    "交换图书，向同学推荐一本书" } },
	{ "sports", { "分组练习", "集体活动", "游戏" },
	  { "跳绳与踢毽子分组练习", "篮球运球与传球游戏", "趣味接力跑与拉伸放松",
	    "足球颠球与射门练习", "广播操复习与体能游戏", "立定跳远与跳远练习" } },
	{ "arts", { "集体排练", "小组创作", "作品展示" },
	  { "合唱练习《歌唱二小放牛郎》", "水彩画：秋天的树叶", "剪纸：窗花",
	    "彩泥手工：我喜欢的小动物", "竖笛练习《欢乐颂》", "合唱声部练习与作品展示" } },
	{ "science", { "小组实验", "观察记录", "动手制作" },
	  { "科学小实验：会跳舞的葡萄干", "制作简易风向标并测风向", "观察校园植物，完成观察记录卡",
	    "纸桥承重挑战", "用放大镜观察树叶叶脉", "制作简易净水器" } },
	{ "club", { "社团活动", "作品点评", "集体练习" },
	  { "书法：楷书基本笔画练习", "书法：临写《九成宫醴泉铭》单字", "书法：结构练习与作品点评",
	    "硬笔书法：古诗书写", "书法作品展示与互评", "篆刻体验：认识印章" } },
};

/* What a past session did; school 1's flagged one names a new lesson with
 * the pack's first AS_NO_NEW_LESSON word. */
static void as_content(const struct as_ctx *c, const struct as_prog *g, struct rng *r,
		       bool flag, char *content, size_t cap, const char **form)
{
	const struct policy *pol = &c->a->policy;
	size_t t = 0;

	while (t + 1 < NCHARS(as_topics) && strcmp(as_topics[t].category, g->category))
		t++;
	*form = as_topics[t].form[rng_below(r, 3)];
	if (flag && pol->as_new_lesson_nkeywords > 0)
		snprintf(content, cap, "数学：%s《分数的初步认识》，完成课堂练习",
			 pol->as_new_lesson_keywords[0]);
	else
		snprintf(content, cap, "%s", as_topics[t].content[rng_below(r, 6)]);
}

/* Record a past session: content, form, the declaration, who recorded it;
 * attendance and handover of the roster in one statement. */
static int as_record(struct as_ctx *c, struct db *db, int64_t school_id, const struct as_prog *g,
		     int64_t sid, int di, int end, bool flag, int64_t uid, struct db_err *dbe)
{
	struct rng r = rng_for(c->g->seed, W_AFTERSCHOOL, (uint64_t)sid << 1);
	struct store_as_demo_day day = {
		.district_id = c->a->district_id, .school_id = school_id, .term_id = c->term_id,
		.session_id = sid, .salt = (int64_t)c->g->seed * 7 + sid,
		.handover_at = demo_local_at(c->a, c->days[di], end + 2),
		.present_pm = AS_PRESENT_PM, .leave_pm = AS_LEAVE_PM, .alone_pm = AS_ALONE_PM,
		.homework_pm = strcmp(g->category, "homework") ? -1 : AS_HW_DONE_PM };
	struct store_as_demo_tally t;
	const char *form = "", *kw;
	char content[256];

	as_content(c, g, &r, flag, content, sizeof content, &form);
	kw = as_new_lesson_keyword(&c->a->policy, content);
	if (store_as_session_record(db, sid, content, form, 1, kw ? kw : "", uid,
				    demo_local_at(c->a, c->days[di], end + 10), dbe) != 0 ||
	    store_as_demo_attendance(db, &day, &t, dbe) != 0)
		return -1;
	c->cnt->recorded++;
	c->cnt->flagged += kw != NULL;
	c->cnt->attendance += t.rows;
	c->cnt->present += t.present;
	c->cnt->hw_asked += t.hw_asked;
	c->cnt->hw_done += t.hw_done;
	return 0;
}

/* Who records a program's sessions (see the section comment). */
static int64_t as_recorder(const struct as_ctx *c, const struct as_prog *g, int64_t teacher_staff)
{
	if (c->school != 0)
		return c->admin_uid;
	for (int k = 0; k < g->nstaff && teacher_staff && c->teacher_uid; k++)
		if (g->staff[k].staff_id == teacher_staff)
			return c->teacher_uid;
	return c->academic_uid ? c->academic_uid : c->admin_uid;
}

/* Every program's sessions over the window; those before today recorded. */
static int as_sessions(struct as_ctx *c, struct db *db, int64_t school_id, int start, int end,
		       int64_t teacher_staff, struct db_err *dbe)
{
	int flag_prog = c->school == 0 && c->nprog > 1 ? 1 : -1;
	int flag_day = c->nback >= 3 ? c->nback - 3 : c->nback - 1;

	for (int i = 0; i < c->nprog; i++) {
		const struct as_prog *g = &c->prog[i];
		int64_t uid = as_recorder(c, g, teacher_staff);
		struct db_res *r = NULL;

		for (int di = 0; di < c->ndays; di++) {
			int created = 0;

			if (store_as_session_add(db, c->a->district_id, school_id, g->id, c->day_s[di],
						 start, end, &created, dbe) != 0)
				return -1;
			c->cnt->sessions += created;
		}
		if (store_as_sessions(db, g->id, c->day_s[0], c->day_s[c->ndays - 1], &r, dbe) != 0)
			return -1;
		for (int k = 0; k < db_res_rows(r); k++)
			for (int di = 0; di < c->nback; di++)
				if (!strcmp(db_res_text(r, k, 1), c->day_s[di]) &&
				    as_record(c, db, school_id, g, db_res_int(r, k, 0), di, end,
					      i == flag_prog && di == flag_day, uid, dbe) != 0) {
					db_res_free(r);
					return -1;
				}
		db_res_free(r);
	}
	return 0;
}

/* One venue's safety check (五(三)3) on a day, passed unless an issue is
 * named (then the facilities item fails). */
static int as_check(struct as_ctx *c, struct db *db, int64_t school_id, const char *venue,
		    int64_t day, const char *issues, const char *action, struct db_err *dbe)
{
	char ds[11];
	struct store_as_safety x = {
		.district_id = c->a->district_id, .school_id = school_id,
		.user_id = c->admin_uid,
		.now = demo_local_at(c->a, day, 1020), .venue = venue, .day = ds,
		.issues = issues ? issues : "", .action = action ? action : "",
		.items = { 1, 1, 1, !issues, 1 }, .passed = !issues };
	int64_t id = 0;

	date_format(day, ds, sizeof ds);
	c->cnt->checks++;
	return store_as_safety_insert(db, &x, &id, dbe);
}

/* Every venue of the menu checked within the pack's AS_VENUE_CHECK days;
 * in school 1 (the principal's) the playground failed once and passed its
 * re-check, and the science lab's last check is too old, so AS_VENUE_CHECK
 * shows right after make run. */
static int as_venue_checks(struct as_ctx *c, struct db *db, int64_t school_id,
			   struct db_err *dbe)
{
	int keep = c->a->policy.as_venue_check_days > 0 ? c->a->policy.as_venue_check_days : 30;
	struct rng r = rng_for(c->g->seed, W_AFTERSCHOOL, (uint64_t)c->school << 8 | 0xFF);
	bool show = c->school == 0;

	for (int i = 0; i < c->nprog; i++) {
		const struct as_prog *g = &c->prog[i];
		bool seen = false, stale = show && !strcmp(g->category, "science");
		int64_t day = c->today - (stale ? keep + 15 : rng_range(&r, 1, keep > 6 ? keep - 5 : 1));

		for (int k = 0; k < i; k++)
			seen = seen || !strcmp(c->prog[k].venue, g->venue);
		if (seen)
			continue;
		if (show && !strcmp(g->category, "sports") &&
		    as_check(c, db, school_id, g->venue, day - 2, "篮球架底座螺丝松动",
			     "报后勤维修，修好前暂停使用篮球架", dbe) != 0)
			return -1;
		if (as_check(c, db, school_id, g->venue, day, NULL, NULL, dbe) != 0)
			return -1;
		c->cnt->stale += stale;
	}
	return 0;
}

/* School 1's one incident: a child present at a past sports session hurt a
 * knee; first aid, the guardian told. */
static int as_incident(struct as_ctx *c, struct db *db, int64_t school_id, int start,
		       struct db_err *dbe)
{
	struct db_res *s = NULL, *r = NULL;
	int di = c->nback >= 2 ? c->nback - 2 : c->nback - 1, rc = -1;
	int64_t prog = 0, id = 0;

	for (int i = 0; i < c->nprog; i++)
		if (!strcmp(c->prog[i].category, "sports"))
			prog = c->prog[i].id;
	if (!prog || di < 0)
		return 0;
	if (store_as_sessions(db, prog, c->day_s[di], c->day_s[di], &s, dbe) != 0 ||
	    (db_res_rows(s) && store_as_session_roster(db, db_res_int(s, 0, 0), &r, dbe) != 0))
		goto out;
	for (int i = 0; i < db_res_rows(r); i++)
		if (!strcmp(db_res_text(r, i, 3), "present")) {
			struct store_as_incident x = {
				.district_id = c->a->district_id, .school_id = school_id,
				.session_id = db_res_int(s, 0, 0), .student_id = db_res_int(r, i, 0),
				.user_id = c->academic_uid ? c->academic_uid : c->admin_uid,
				.now = demo_local_at(c->a, c->days[di], start + 70),
				.kind = "injury",
				.description = "跳绳时绊倒，右膝擦伤", .occurred_min = start + 40,
				.action = "带队教师送医务室，校医消毒包扎，观察无异常后由家长接回",
				.guardian_notified = 1 };

			if (store_as_incident_insert(db, &x, &id, dbe) != 0)
				goto out;
			c->cnt->incidents++;
			break;
		}
	rc = 0;
out:
	db_res_free(s);
	db_res_free(r);
	return rc;
}

static int as_school(struct as_ctx *c, struct db *db, int64_t school_id, struct db_err *dbe,
		     struct app_err *e)
{
	struct demo_class *cls = NULL;
	struct as_kid *kids = NULL;
	int64_t teacher_staff = 0;
	int ncls = 0, nk = 0, start = 0, end = 0, rc = -1;

	if (demo_load_classes(&c->scope, db, school_id, &cls, &ncls, dbe) != 0 ||
	    store_staff_list(db, &c->scope, school_id, &c->staff, dbe) != 0)
		goto out;
	for (int i = 0; i < db_res_rows(c->staff); i++)
		if (db_res_text(c->staff, i, 4) && !strcmp(db_res_text(c->staff, i, 4), "teacher"))
			teacher_staff = db_res_int(c->staff, i, 0);
	as_menu(c, cls, ncls);
	if (as_applications(c, cls, ncls, &kids, &nk) != 0 || as_allocate_kids(c, kids, nk) != 0) {
		app_fail(e, 500, "OUT_OF_MEMORY", "内存不足，无法生成演示数据");
		goto out;
	}
	if (as_plan(c, db, school_id, &start, &end, dbe, e) != 0 ||
	    as_store_programs(c, db, school_id, start, end, dbe, e) != 0 ||
	    as_store_applications(c, db, school_id, kids, nk, dbe) != 0 ||
	    as_sessions(c, db, school_id, start, end, teacher_staff, dbe) != 0 ||
	    as_venue_checks(c, db, school_id, dbe) != 0 ||
	    (c->school == 0 && as_incident(c, db, school_id, start, dbe) != 0) ||
	    store_as_counts_rebuild(db, c->a->district_id, school_id, c->term_id, dbe) != 0)
		goto out;
	rc = 0;
out:
	free(cls);
	free(kids);
	db_res_free(c->staff);
	c->staff = NULL;
	return rc;
}

/* The term holding today (c->term_id 0 when none), its dates, and the
 * window of session days inside it. */
static int as_term(struct as_ctx *c, struct db *db, struct db_err *dbe)
{
	struct db_res *r = NULL;
	int64_t back[AS_DAYS + 1], ahead[AS_DAYS + 1], to = 0, from = 0;
	int nb = 0, na = 0;

	c->today = date_of(time_now(), c->a->policy.utc_offset_minutes);
	date_format(c->today, c->today_s, sizeof c->today_s);
	if (store_term_list(db, c->a->district_id, &r, dbe) != 0)
		return -1;
	for (int i = 0; i < db_res_rows(r); i++)
		if (strcmp(db_res_text(r, i, 2), c->today_s) <= 0 &&
		    strcmp(db_res_text(r, i, 3), c->today_s) >= 0 &&
		    date_parse(db_res_text(r, i, 2), &from) == 0 &&
		    date_parse(db_res_text(r, i, 3), &to) == 0) {
			c->term_id = db_res_int(r, i, 0);
			snprintf(c->g->as_term, sizeof c->g->as_term, "%s", db_res_text(r, i, 1));
		}
	db_res_free(r);
	if (!c->term_id)
		return 0;
	c->term_from = from;
	date_format(to, c->term_to, sizeof c->term_to);
	date_format(c->today + 14 < to ? c->today + 14 : to, c->apply_until, sizeof c->apply_until);
	date_format(from - 10 < c->today ? from - 10 : c->today, c->vetted_on, sizeof c->vetted_on);
	if (demo_school_days(db, c->a, c->today - 1, -1, AS_DAYS, AS_SPAN, back, &nb, dbe) != 0 ||
	    demo_school_days(db, c->a, c->today, 1, AS_DAYS + 1, AS_SPAN, ahead, &na, dbe) != 0)
		return -1;
	c->ndays = 0;
	for (int i = nb - 1; i >= 0; i--)
		if (back[i] >= from)
			c->days[c->ndays++] = back[i];
	c->nback = c->ndays;
	for (int i = 0; i < na; i++)
		if (ahead[i] <= to)
			c->days[c->ndays++] = ahead[i];
	for (int i = 0; i < c->ndays; i++)
		date_format(c->days[i], c->day_s[i], sizeof c->day_s[i]);
	return 0;
}

static void as_add_counts(struct as_counts *to, const struct as_counts *x)
{
	to->programs += x->programs;
	to->staff += x->staff;
	to->applications += x->applications;
	to->admitted += x->admitted;
	to->waitlisted += x->waitlisted;
	to->extended += x->extended;
	to->alone += x->alone;
	to->sessions += x->sessions;
	to->recorded += x->recorded;
	to->attendance += x->attendance;
	to->present += x->present;
	to->flagged += x->flagged;
	to->hw_asked += x->hw_asked;
	to->hw_done += x->hw_done;
	to->incidents += x->incidents;
	to->checks += x->checks;
	to->stale += x->stale;
}

static int as_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct as_ctx *c = vctx;
	struct db_res *u = NULL, *sc = NULL;
	int nsch = c->n < AS_SCHOOLS ? c->n : AS_SCHOOLS, rc = -1;
	json_t *d;

	if (as_term(c, db, dbe) != 0 || store_codes_users(db, c->a->district_id, &u, dbe) != 0)
		goto out;
	if (!c->term_id || c->ndays == 0) {
		rc = 0;
		goto out;
	}
	c->admin_uid = demo_res_id(u, "admin") ? demo_res_id(u, "admin") : db_res_int(u, 0, 1);
	c->principal_uid = demo_res_id(u, "principal");
	c->academic_uid = demo_res_id(u, "academic");
	c->teacher_uid = demo_res_id(u, "teacher");
	c->parent_uid = demo_res_id(u, "parent") ? demo_res_id(u, "parent") : c->admin_uid;
	if (store_codes_schools(db, c->a->district_id, &sc, dbe) != 0 ||
	    demo_load_kids(db, c->a->district_id, demo_res_id(u, "parent"), c->kids, &c->nkids,
			   dbe) != 0)
		goto out;
	for (c->school = 0; c->school < nsch; c->school++) {
		int64_t sid = demo_res_id(sc, c->p[c->school].code);
		struct as_counts one;

		memset(&one, 0, sizeof one);
		c->cnt = &one;
		if (sid && as_school(c, db, sid, dbe, e) != 0)
			goto out;
		as_add_counts(&c->g->as_all, &one);
		if (c->school == 0)
			c->g->as_one = one;
	}
	c->g->as_schools = nsch;
	d = json_pack("{s:I,s:s,s:s,s:i,s:I,s:I,s:I,s:I}", "term_id", (json_int_t)c->term_id,
		      "from", c->day_s[0], "to", c->day_s[c->ndays - 1], "schools", nsch,
		      "programs", (json_int_t)c->g->as_all.programs, "applications",
		      (json_int_t)c->g->as_all.applications, "sessions",
		      (json_int_t)c->g->as_all.sessions, "attendance",
		      (json_int_t)c->g->as_all.attendance);
	rc = app_audit(db, c->who, "demo.afterschool", "demo/afterschool", "ok", d, dbe);
	json_decref(d);
out:
	db_res_free(u);
	db_res_free(sc);
	return rc;
}

int demo_afterschool(struct app *a, const struct actor *who, struct gen *g,
		     const struct plan *p, int n, struct app_err *e)
{
	struct as_ctx c = { .a = a, .who = who, .g = g, .p = p, .n = n };

	app_scope_of(who, &c.scope);
	if (app_batch(a, as_tx, &c, e) != 0)
		return -1;
	if (c.ndays) {
		g->as_days = c.ndays;
		snprintf(g->as_from, sizeof g->as_from, "%s", c.day_s[0]);
		snprintf(g->as_to, sizeof g->as_to, "%s", c.day_s[c.ndays - 1]);
		snprintf(g->as_today, sizeof g->as_today, "%s",
			 c.nback < c.ndays && c.days[c.nback] == c.today ? c.today_s : "");
	}
	return 0;
}
