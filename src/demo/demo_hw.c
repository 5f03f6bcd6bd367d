/* demo_hw.c - the demo district's homework history.
 *
 * The last HW_DAYS school days before today (district-local; days outside
 * the terms are skipped), for every class of the first HW_SCHOOLS schools:
 * that is the whole of a county-sized district, while a province-sized
 * --schools N gets homework in its first HW_SCHOOLS schools only, so the
 * demo stays a matter of seconds. What the teachers set (2-4 items a
 * class-day from the subjects taught; written minutes within the pack's
 * limit, most days well under it; grades 1-2 only reading, oral and
 * practical tasks), the class-day totals the rules count, grading records,
 * parents' reports of actual time and the follow-ups they call for, a few
 * refused posts and school 1's homework plan.
 *
 * Rows are written as app_hw.c writes them (store_hw.h), in one transaction.
 * Every item is posted by the account of the class's teacher of its subject
 * (homework.user_id references users; staff_id is that teacher's staff
 * record), so a poster holds each item as app_hw.c's may_change asks: the
 * teacher sign-in posts her own subjects in her own classes and nothing
 * else. The other teachers of these schools get accounts that cannot sign
 * in (store_demo_staff_accounts: disabled, and no password verifies), made
 * in one statement per school: no password hashing per teacher. A refused
 * post is the head teacher's. Reports carry the parent sign-in's user id;
 * the plan is the principal's. Grades 1-2 get no reports: their written limit is 0, so any
 * reported time would read as over it. */
#include "demo/demo_shared.h"
#include "core/calendar.h"
#include "core/homework.h"
#include "store/store_demo.h"
#include "store/store_hw.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HW_SCHOOLS 50       /* schools with homework in a larger district */

enum { HB_LOW = 1, HB_MID = 2, HB_JUNIOR = 4, HB_UP = HB_MID | HB_JUNIOR,
       HB_ALL = HB_LOW | HB_MID | HB_JUNIOR };

/* Title and content; in the content {课} is the lesson and {单元} the unit
 * in Chinese numerals, {U} the unit, {页} a page, {题} a range of
 * exercises, {字} a word count, {书} a book for the grade. */
static const struct hw_tpl {
	unsigned char subj, kind, bands, lo, hi;
	bool optional;
	const char *title, *content;
} hw_tpls[] = {
	{ S_CHN, HW_KIND_WRITTEN, HB_MID, 10, 20, false, "生字抄写",
	  "第{课}课生字词各写两遍，并各组一个词" },
	{ S_CHN, HW_KIND_WRITTEN, HB_UP, 15, 20, false, "课文背诵与默写",
	  "背诵第{课}课指定段落，默写文中的四个好词" },
	{ S_CHN, HW_KIND_WRITTEN, HB_UP, 15, 25, false, "阅读理解",
	  "语文练习册第{页}页阅读短文，完成第{题}题" },
	{ S_CHN, HW_KIND_WRITTEN, HB_MID, 20, 30, false, "小练笔",
	  "仿照第{课}课的写法，写一写你熟悉的一个人，不少于{字}字" },
	{ S_CHN, HW_KIND_WRITTEN, HB_JUNIOR, 20, 30, false, "文言文练习",
	  "翻译第{课}课重点句子，整理课下注释中的实词" },
	{ S_CHN, HW_KIND_WRITTEN, HB_JUNIOR, 25, 35, false, "作文片段",
	  "围绕“那一刻，我长大了”写好开头和结尾两段，共{字}字左右" },
	{ S_CHN, HW_KIND_READING, HB_UP, 15, 25, false, "课外阅读",
	  "阅读《{书}》，说一说印象最深的一个情节" },
	{ S_CHN, HW_KIND_READING, HB_LOW, 10, 20, false, "课外阅读",
	  "读《{书}》中的一个故事，明天课上讲给同学听" },
	{ S_CHN, HW_KIND_ORAL, HB_LOW, 10, 15, false, "朗读课文",
	  "朗读第{课}课课文三遍，读准字音，读通句子" },
	{ S_CHN, HW_KIND_ORAL, HB_LOW | HB_MID, 10, 15, false, "复述故事",
	  "用自己的话复述第{课}课的故事，明天课上分享" },
	{ S_CHN, HW_KIND_WRITTEN, HB_UP, 10, 20, true, "阅读拓展（选做）",
	  "摘抄本周课外阅读中的好词好句，有兴趣的同学完成" },

	{ S_MATH, HW_KIND_WRITTEN, HB_MID, 10, 15, false, "口算练习",
	  "口算本第{页}页，书写工整" },
	{ S_MATH, HW_KIND_WRITTEN, HB_UP, 15, 25, false, "练习册",
	  "数学练习册第{页}页第{题}题" },
	{ S_MATH, HW_KIND_WRITTEN, HB_MID, 15, 25, false, "解决问题",
	  "课本第{页}页解决问题第{题}题，写出解答过程" },
	{ S_MATH, HW_KIND_WRITTEN, HB_JUNIOR, 20, 30, false, "课后习题",
	  "课本第{页}页习题第{题}题" },
	{ S_MATH, HW_KIND_WRITTEN, HB_UP, 15, 20, false, "错题订正",
	  "订正本周练习中的错题，写明错误原因" },
	{ S_MATH, HW_KIND_PRACTICE, HB_LOW, 10, 15, false, "生活中的数学",
	  "数一数家里的门和窗户各有几扇，明天说给同学听" },
	{ S_MATH, HW_KIND_PRACTICE, HB_LOW, 10, 10, false, "认识钟表",
	  "看一看钟表，说说自己每天起床和睡觉的时间" },
	{ S_MATH, HW_KIND_INQUIRY, HB_LOW, 10, 15, false, "找一找图形",
	  "找一找身边的长方形、正方形和圆形物品，课上交流" },
	{ S_MATH, HW_KIND_WRITTEN, HB_UP, 10, 20, true, "思维拓展（选做）",
	  "课本第{页}页思考题，有兴趣的同学完成" },

	{ S_ENG, HW_KIND_WRITTEN, HB_UP, 10, 15, false, "单词抄写",
	  "Unit {U} 单词每个抄写三遍" },
	{ S_ENG, HW_KIND_WRITTEN, HB_UP, 10, 15, false, "单词默写",
	  "默写 Unit {U} 单词，明天课上批改" },
	{ S_ENG, HW_KIND_WRITTEN, HB_UP, 15, 20, false, "练习册",
	  "英语练习册 Unit {U} 第{页}页" },
	{ S_ENG, HW_KIND_WRITTEN, HB_JUNIOR, 15, 25, false, "句型练习",
	  "用 Unit {U} 的重点句型各写两个句子" },
	{ S_ENG, HW_KIND_ORAL, HB_UP, 10, 15, false, "跟读课文",
	  "跟读 Unit {U} 课文录音三遍，注意语音语调" },
	{ S_ENG, HW_KIND_WRITTEN, HB_UP, 15, 20, true, "英语小短文（选做）",
	  "用 Unit {U} 学过的词句写五句话介绍自己的一天" },

	{ S_PHY, HW_KIND_WRITTEN, HB_JUNIOR, 15, 25, false, "课后习题",
	  "课本第{页}页“动手动脑学物理”第{题}题" },
	{ S_PHY, HW_KIND_INQUIRY, HB_JUNIOR, 15, 20, false, "小实验",
	  "用吸管和水杯做一个小实验，观察并说明其中的道理" },
	{ S_CHEM, HW_KIND_WRITTEN, HB_JUNIOR, 15, 20, false, "化学方程式",
	  "书写第{单元}单元所学化学方程式各两遍" },
	{ S_CHEM, HW_KIND_WRITTEN, HB_JUNIOR, 15, 25, false, "练习册",
	  "化学练习册第{页}页第{题}题" },
	{ S_BIO, HW_KIND_WRITTEN, HB_JUNIOR, 10, 20, false, "知识梳理",
	  "整理第{单元}单元知识要点，画出知识结构图" },
	{ S_BIO, HW_KIND_INQUIRY, HB_JUNIOR, 15, 20, false, "观察叶片",
	  "观察一种植物的叶片，画出叶脉的形态" },
	{ S_HIST, HW_KIND_WRITTEN, HB_JUNIOR, 10, 20, false, "时间轴",
	  "梳理第{课}课的时间线，完成练习册第{页}页" },
	{ S_GEO, HW_KIND_WRITTEN, HB_JUNIOR, 10, 20, false, "读图练习",
	  "地理练习册第{页}页读图题" },
	{ S_MORAL, HW_KIND_WRITTEN, HB_UP, 10, 15, false, "课后练习",
	  "完成第{课}课课后练习" },
	{ S_MORAL, HW_KIND_PRACTICE, HB_ALL, 10, 15, false, "文明小卫士",
	  "观察上学路上的交通标志，课上说一说它们的含义" },
	{ S_SCI, HW_KIND_INQUIRY, HB_LOW | HB_MID, 10, 15, false, "观察记录",
	  "观察一种植物，说一说它今天的样子" },
	{ S_SCI, HW_KIND_WRITTEN, HB_MID, 10, 15, false, "活动手册",
	  "科学活动手册第{页}页" },
	{ S_PE, HW_KIND_PRACTICE, HB_ALL, 10, 15, false, "跳绳练习",
	  "一分钟跳绳三组，组间休息一分钟" },
	{ S_ART, HW_KIND_HANDCRAFT, HB_LOW | HB_MID, 15, 20, false, "手工制作",
	  "用彩纸折一只小动物，带到课堂展示" },
	{ S_LAB, HW_KIND_PRACTICE, HB_ALL, 10, 15, false, "整理书包",
	  "自己整理书桌和书包，把学习用品摆放整齐" },
	{ S_MUSIC, HW_KIND_PRACTICE, HB_LOW | HB_MID, 10, 10, false, "歌曲练唱",
	  "练唱第{课}课的歌曲，明天课上表演" },
};
#define NTPLS (sizeof hw_tpls / sizeof hw_tpls[0])

static const char *const hw_books[3][6] = {
	{ "小鲤鱼跳龙门", "一起长大的玩具", "孤独的小螃蟹", "小猪唏哩呼噜", "神笔马良",
	  "没头脑和不高兴" },
	{ "稻草人", "安徒生童话", "中国古代神话", "西游记", "城南旧事", "草房子" },
	{ "朝花夕拾", "骆驼祥子", "海底两万里", "昆虫记", "红星照耀中国", "钢铁是怎样炼成的" },
};

/* Where the class is in its books on a day: the same for a grade. */
struct hw_nums {
	int lesson, unit, page, p1, p2, words;
	const char *book;
};

static int hw_band(int grade)
{
	return grade <= 2 ? HB_LOW : grade <= 6 ? HB_MID : HB_JUNIOR;
}

static void hw_fill(const char *t, const struct hw_nums *n, char *out, size_t cap)
{
	static const char *const tok[] = { "{课}", "{单元}", "{U}", "{页}", "{题}", "{字}", "{书}" };
	size_t len = 0;

	while (*t && len + 1 < cap) {
		char v[64];
		size_t i, k = 0;

		for (i = 0; i < NCHARS(tok) && *t == '{'; i++)
			if (strncmp(t, tok[i], strlen(tok[i])) == 0)
				break;
		if (*t != '{' || i == NCHARS(tok)) {
			out[len++] = *t++;
			continue;
		}
		if (i == 0)
			demo_cn_number(n->lesson, v, sizeof v);
		else if (i == 1)
			demo_cn_number(n->unit, v, sizeof v);
		else if (i == 4)
			snprintf(v, sizeof v, " %d-%d ", n->p1, n->p2);
		else if (i == 6)
			snprintf(v, sizeof v, "%s", n->book);
		else
			snprintf(v, sizeof v, i == 3 ? " %d " : "%d",
				 i == 2 ? n->unit : i == 3 ? n->page : n->words);
		for (; v[k] && len + 1 < cap; k++)
			out[len++] = v[k];
		t += strlen(tok[i]);
	}
	out[len] = '\0';
}

struct hw_ctx {
	struct app *a;
	const struct actor *who;
	struct gen *g;
	const struct plan *p;
	int n, school;
	struct store_scope scope;
	int ndays;
	int64_t days[HW_DAYS];
	char day_s[HW_DAYS][11];
	const struct db_res *users; /* username, id, role */
	int64_t today, planner, reporter, teacher_uid, teacher_staff, kids[4];
	int nkids;
	char today_s[11], report_from[11]; /* reports: days from report_from on */
};

static int64_t hw_at(const struct hw_ctx *c, int64_t day, int minute)
{
	return demo_local_at(c->a, day, minute);
}
static int hw_window(struct hw_ctx *c, struct db *db, struct db_err *dbe)
{
	int64_t back[HW_DAYS];
	int n = 0;

	c->today = date_of(time_now(), c->a->policy.utc_offset_minutes);
	date_format(c->today, c->today_s, sizeof c->today_s);
	if (store_term_started(db, c->a->district_id, c->today_s, c->report_from, dbe) != 0 ||
	    demo_school_days(db, c->a, c->today - 1, -1, HW_DAYS, HW_LOOKBACK, back, &n, dbe) != 0)
		return -1;
	c->ndays = n;
	for (int i = 0; i < n; i++) {
		c->days[i] = back[n - 1 - i];
		date_format(c->days[i], c->day_s[i], sizeof c->day_s[i]);
	}
	return 0;
}

static const struct hw_tpl *hw_tpl_pick(struct rng *r, const struct demo_class *k, int subj,
					bool written, bool optional)
{
	const struct hw_tpl *cand[NTPLS];
	int n = 0, band = hw_band(k->grade);

	for (size_t i = 0; i < NTPLS; i++) {
		const struct hw_tpl *t = &hw_tpls[i];

		if ((subj < 0 || t->subj == subj) && k->has[t->subj] && (t->bands & band) &&
		    (t->kind == HW_KIND_WRITTEN) == written && t->optional == optional)
			cand[n++] = t;
	}
	return n ? cand[rng_below(r, (uint32_t)n)] : NULL;
}

struct hw_pick {
	const struct hw_tpl *t;
	int minutes;
	const char *tier;
};

/* The written items of the day: 语文, 数学, 英语 in some order, then
 * (in junior schools, often in third place) the others. */
static int hw_written_picks(struct rng *r, const struct demo_class *k, int nw, int limit, int near,
			    struct hw_pick *out)
{
	static const int core[] = { S_CHN, S_MATH, S_ENG };
	static const int extra[] = { S_PHY, S_CHEM, S_BIO, S_HIST, S_GEO, S_MORAL, S_SCI };
	int order[NSUBJ], no = 0, n = 0, sum = 0, target;

	for (size_t i = 0; i < NCHARS(core); i++)
		order[no++] = core[i];
	for (int i = no - 1; i > 0; i--) {
		int j = (int)rng_below(r, (uint32_t)i + 1), t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	for (size_t i = 0; i < NCHARS(extra); i++)
		if (k->has[extra[i]] && (k->grade >= 7 || rng_per_mille(r, 150)))
			order[no++] = extra[i];
	if (no > 3 && k->grade >= 7 && rng_per_mille(r, 450)) {
		int t = order[2];

		order[2] = order[3];
		order[3] = t;
	}
	for (int i = 0; i < no && n < nw; i++) {
		const struct hw_tpl *t = hw_tpl_pick(r, k, order[i], true, false);

		if (!t)
			continue;
		out[n].t = t;
		out[n].minutes = rng_range(r, t->lo, t->hi);
		out[n].tier = rng_per_mille(r, 100) ? "advanced" : "basic";
		sum += out[n++].minutes;
	}
	/* most days well under the limit, some near it (2: right up to it) */
	target = limit * (near == 2   ? rng_range(r, 900, 1000)
			  : near == 1 ? rng_range(r, 850, 950)
				      : rng_range(r, 400, 750)) / 1000;
	for (int i = 0; i < n; i++)
		out[i].minutes = round5(out[i].minutes * target / (sum ? sum : 1));
	for (;;) {
		int big = 0;

		sum = 0;
		for (int i = 0; i < n; i++) {
			sum += out[i].minutes;
			big = out[i].minutes > out[big].minutes ? i : big;
		}
		if (sum <= limit || out[big].minutes <= 5)
			break;
		out[big].minutes -= 5;
	}
	while (n > 0 && sum > limit) /* a pack with a very low limit */
		sum -= out[--n].minutes;
	return n;
}

/* Non-written items: distinct tasks of subjects the class is taught,
 * reading and other 语文 tasks most often. */
static int hw_other_picks(struct rng *r, const struct demo_class *k, int want, struct hw_pick *out,
			  int n)
{
	for (int tries = 0; tries < 12 && want > 0; tries++) {
		const struct hw_tpl *t = hw_tpl_pick(r, k, rng_per_mille(r, 450) ? S_CHN : -1, false,
						     false);
		bool dup = false;

		for (int i = 0; i < n && t; i++)
			dup = dup || out[i].t == t;
		if (!t || dup)
			continue;
		out[n].t = t;
		out[n].minutes = round5(rng_range(r, t->lo, t->hi));
		out[n++].tier = "basic";
		want--;
	}
	return n;
}

static const char *const hw_grading_notes[] = {
	"", "", "整体完成较好，书写工整", "个别同学计算粗心，已要求订正", "错题较集中，课上已讲评",
	"已逐题批改，错题当天订正",
};

static int hw_grade(struct hw_ctx *c, struct db *db, const struct demo_class *k, int di,
		    int64_t id, int64_t uid, struct rng *r, struct db_err *dbe)
{
	unsigned roll = rng_below(r, 1000);
	const char *m = roll < 750 ? "teacher" : roll < 850 ? "face" : roll < 930 ? "peer" : "group";
	const char *note = hw_grading_notes[rng_below(r, (uint32_t)NCHARS(hw_grading_notes))];
	int reviewed = rng_per_mille(r, 850);

	if (!strcmp(m, "face"))
		note = "对错误较多的同学当面批改、讲解";
	else if (!strcmp(m, "peer") || !strcmp(m, "group"))
		note = "同学互批后教师复核";
	c->g->hw_graded++;
	return store_hw_grading_set(db, c->a->district_id, k->school_id, id, m, reviewed, note,
				    uid, hw_at(c, c->days[di] + 1, rng_range(r, 600, 960)),
				    dbe);
}

/* One item, as post_tx writes it: the class-day total, the item, its
 * publication in the history; then (older items, most of them) grading. */
static int hw_put(struct hw_ctx *c, struct db *db, const struct demo_class *k, int di,
		  const struct hw_pick *pk, const struct hw_nums *nums, struct rng *r, int *total,
		  struct db_err *dbe)
{
	const struct policy *pol = &c->a->policy;
	struct store_hw h;
	char title[128], content[512], due[11], *snap;
	json_t *o;
	int64_t id = 0;
	int rc, opt = 0;

	hw_fill(pk->t->title, nums, title, sizeof title);
	hw_fill(pk->t->content, nums, content, sizeof content);
	if (hw_parent_keyword(pol, title) || hw_parent_keyword(pol, content) ||
	    !k->user[pk->t->subj])
		return 0; /* another district's keywords, or nobody to post it: leave it out */
	if (pk->t->optional && pk->minutes > hw_optional_limit(pol, k->grade))
		return 0; /* another district's cap on 选做 (HW_OPTIONAL): leave it out */
	date_format(di + 1 < c->ndays ? c->days[di + 1]
		    : c->days[di] + (date_weekday(c->days[di]) == 5 ? 3 : 1), due, sizeof due);
	memset(&h, 0, sizeof h);
	h.district_id = c->a->district_id;
	h.school_id = k->school_id;
	h.class_id = k->id;
	h.user_id = k->user[pk->t->subj];
	h.staff_id = k->staff[pk->t->subj];
	h.subject = demo_subjects[pk->t->subj].name;
	h.kind = hw_kind_ids[pk->t->kind];
	h.tier = pk->t->optional ? "optional" : pk->tier;
	h.title = title;
	h.content = content;
	h.minutes = pk->minutes;
	h.counted = hw_counts(pol, (enum hw_kind)pk->t->kind,
			      (enum hw_tier)hw_tier_parse(h.tier)) ? pk->minutes : 0;
	h.assigned_on = c->day_s[di];
	h.due_on = due;
	h.status = "published";
	h.reason = "";
	h.now = hw_at(c, c->days[di], rng_range(r, 930, 1050));
	if (store_hw_day_add(db, h.district_id, h.school_id, h.class_id, h.assigned_on, h.counted,
			     total, dbe) != 0 ||
	    (pk->t->optional &&
	     store_hw_day_optional_add(db, h.district_id, h.school_id, h.class_id, h.assigned_on,
				       h.minutes, &opt, dbe) != 0) ||
	    store_hw_insert(db, &h, &id, dbe) != 0)
		return -1;
	o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:i,s:s,s:s}", "subject", h.subject, "kind", h.kind,
		      "tier", h.tier, "title", h.title, "content", h.content, "minutes", h.minutes,
		      "due_on", h.due_on, "status", h.status);
	snap = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	rc = store_hw_change_add(db, h.district_id, h.class_id, id, h.assigned_on, h.now, h.user_id,
				 "publish", 1, "", "{}", snap ? snap : "{}", dbe);
	free(snap);
	if (rc != 0)
		return -1;
	c->g->hw_items++;
	c->g->hw_written += h.counted > 0;
	if (c->today - c->days[di] > 2 && rng_per_mille(r, 870))
		return hw_grade(c, db, k, di, id, h.user_id, r, dbe);
	return 0;
}

static const char *const hw_reasons[] = { "too_much", "too_hard", "leave", "other" };

/* Parents' reports of a class-day: 60-80% of the families, minutes around
 * the declared total; on the class's over_day, well above it. */
static int hw_reports(struct hw_ctx *c, struct db *db, struct demo_class *k, int di, int total,
		      struct rng *r, struct db_err *dbe)
{
	static const char *const notes[] = { "", "题目有点多", "有一道题不会做", "请病假", "" };
	unsigned share = (unsigned)rng_range(r, 600, 800);
	bool over = di == k->over_day;
	struct hw_verdict v;

	/* HW_REPORT_DATE: early in a term the window reaches into the last one,
	 * whose days parents can no longer report */
	if (hw_report_date_check(c->day_s[di], c->today_s, c->report_from, &v) != 0)
		return 0;

	for (int s = 0; s < k->nst; s++) {
		bool watched = s == k->watch && (di == c->ndays - 1 || di == c->ndays - 4 ||
						 di == c->ndays - 7);
		unsigned f = over ? (unsigned)rng_range(r, 1050, 1500)
				  : rng_per_mille(r, 60) ? (unsigned)rng_range(r, 1200, 1600)
							 : (unsigned)rng_range(r, 700, 1150);
		int why = -1, minutes;

		if (!watched && !rng_per_mille(r, share))
			continue;
		if (watched)
			why = di == c->ndays - 4 ? 1 : 0;
		else if (s != k->watch && rng_per_mille(r, 12)) {
			unsigned x = rng_below(r, 1000);

			why = x < 400 ? 0 : x < 700 ? 1 : x < 900 ? 2 : 3;
		}
		if (why == 0 || why == 1)
			f += (unsigned)rng_range(r, 200, 500);
		minutes = why == 2 ? 0 : (int)((unsigned)total * f / 1000);
		if (minutes > 0 && rng_per_mille(r, 700))
			minutes = round5(minutes);
		if (store_hw_report_set(db, c->a->district_id, k->school_id, k->id, k->st[s],
					c->day_s[di], minutes, why < 0, why < 0 ? "" : hw_reasons[why],
					why < 0 ? "" : notes[why + 1], c->reporter,
					hw_at(c, c->days[di], rng_range(r, 1170, 1290)), dbe) != 0)
			return -1;
		c->g->hw_reports++;
		if (why >= 0 && k->nunf[s] < HW_UNF_MAX) {
			k->unf_day[s][k->nunf[s]] = (unsigned char)di;
			k->unf_why[s][k->nunf[s]++] = (unsigned char)why;
		}
	}
	return 0;
}

/* One class-day: its items, then its reports. */
static int hw_class_day(struct hw_ctx *c, struct db *db, struct demo_class *k, int di,
			struct db_err *dbe)
{
	const struct policy *pol = &c->a->policy;
	struct rng r = rng_for(c->g->seed, W_HOMEWORK,
			       ((uint64_t)c->days[di] << 20) | ((uint64_t)c->school << 8) |
				       (uint64_t)k->ord);
	int limit = hw_limit(pol, k->grade, POLICY_DAY_SCHOOL);
	bool written = !pol->hw_written_forbidden[k->grade] && limit > 0;
	struct hw_pick picks[4];
	struct hw_nums nums;
	int n, total = 0;

	nums.lesson = 1 + (int)((c->days[di] / 3 + k->grade * 2) % 24);
	nums.unit = 1 + (nums.lesson - 1) / 4;
	nums.p1 = rng_range(&r, 1, 4);
	nums.p2 = nums.p1 + rng_range(&r, 3, 6);
	nums.words = k->grade <= 6 ? 100 + k->grade * 50 : 500;
	nums.book = hw_books[k->grade <= 2 ? 0 : k->grade <= 6 ? 1 : 2]
			    [(c->days[di] / 7 + k->grade) % 6];
	if (!written) {
		n = hw_other_picks(&r, k, rng_range(&r, 2, 3), picks, 0);
	} else {
		int want = rng_range(&r, 2, 4);
		int others = want >= 3 && rng_per_mille(&r, 550);
		int optional = want - others >= 3 && rng_per_mille(&r, 250);
		int near = di == k->over_day ? 2 : rng_per_mille(&r, 120);

		n = hw_written_picks(&r, k, want - others - optional, limit, near, picks);
		if (optional) {
			const struct hw_tpl *t = hw_tpl_pick(&r, k, -1, true, true);

			if (t) {
				picks[n].t = t;
				picks[n].minutes = round5(rng_range(&r, t->lo, t->hi));
				picks[n++].tier = "optional";
			}
		}
		n = hw_other_picks(&r, k, others, picks, n);
	}
	for (int i = 0; i < n; i++) {
		nums.page = 6 + nums.lesson * 4 + picks[i].t->subj % 3;
		if (hw_put(c, db, k, di, &picks[i], &nums, &r, &total, dbe) != 0)
			return -1;
	}
	k->total[di] = total;
	c->g->hw_class_days++;
	return written ? hw_reports(c, db, k, di, total, &r, dbe) : 0;
}

/* HW_NONCOMPLETION as the report use case applies it: a follow-up opens on
 * the report that brings a child's unfinished days within the window to the
 * pack's count. */
static int hw_followups(struct hw_ctx *c, struct db *db, const struct demo_class *k,
			struct db_err *dbe)
{
	const struct policy *pol = &c->a->policy;

	for (int s = 0; s < k->nst; s++) {
		for (int j = 0; j < k->nunf[s]; j++) {
			int end = k->unf_day[s][j], from = j;
			json_t *reasons, *days, *d;
			char *rs;
			int64_t id = 0;
			int created = 0, rc;

			while (from > 0 && end - k->unf_day[s][from - 1] < pol->hw_noncompletion_window_days)
				from--;
			if (!hw_followup_due(pol, j - from + 1))
				continue;
			reasons = json_object();
			days = json_array();
			for (int i = from; i <= j; i++) {
				const char *why = hw_reasons[k->unf_why[s][i]];
				json_t *v = json_object_get(reasons, why);

				json_object_set_new(reasons, why,
						    json_integer(v ? json_integer_value(v) + 1 : 1));
				json_array_append_new(days, json_string(c->day_s[k->unf_day[s][i]]));
			}
			d = json_pack("{s:o,s:o}", "reasons", reasons, "days", days);
			rs = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);
			json_decref(d);
			rc = store_hw_followup_open(db, c->a->district_id, k->school_id, k->id, k->st[s],
						    c->day_s[end], j - from + 1, rs ? rs : "{}",
						    hw_at(c, c->days[end], 1290), &id, &created, dbe);
			free(rs);
			if (rc != 0)
				return -1;
			c->g->hw_followups += created;
			break;
		}
	}
	return 0;
}

/* A refused post, recorded as the post use case records it. */
static int hw_refuse(struct hw_ctx *c, struct db *db, const struct demo_class *k, int di,
		     const char *code, const char *subject, int minutes, const char *keyword,
		     struct db_err *dbe)
{
	const struct policy *pol = &c->a->policy;
	json_t *d = json_pack("{s:s,s:i,s:i,s:i,s:s,s:s}", "rule", code, "limit_minutes",
			      hw_limit(pol, k->grade, POLICY_DAY_SCHOOL), "used_minutes",
			      k->total[di], "requested_minutes", minutes, "date", c->day_s[di],
			      "day_kind", cal_kind_id(POLICY_DAY_SCHOOL));
	const char *clause = policy_rule_clause(pol, code);
	char *ds;
	int rc;

	if (keyword)
		json_object_set_new(d, "keyword", json_string(keyword));
	if (clause)
		json_object_set_new(d, "clause", json_string(clause));
	ds = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(d);
	if (!k->head_user)
		return 0;
	rc = store_hw_refusal_add(db, c->a->district_id, k->school_id, k->id, k->head_user,
				  hw_at(c, c->days[di], 945 + k->ord), c->day_s[di], code, subject,
				  minutes, ds ? ds : "{}", dbe);
	free(ds);
	c->g->hw_refusals += rc == 0;
	return rc;
}

/* School 1: two posts over the daily limit, two naming a parent task, one
 * written item for grade 1 or 2. */
static int hw_school1_refusals(struct hw_ctx *c, struct db *db, const struct demo_class *cls,
			       int ncls, struct db_err *dbe)
{
	const struct policy *pol = &c->a->policy;
	struct rng r = rng_for(c->g->seed, W_HOMEWORK, 0);
	int over = 0, parent = 0, g12 = 0;

	for (int i = 0; i < ncls; i++) {
		const struct demo_class *k = &cls[i];
		int limit = hw_limit(pol, k->grade, POLICY_DAY_SCHOOL), best = 0, rc = 0;

		for (int di = 1; di < c->ndays; di++)
			best = k->total[di] > k->total[best] ? di : best;
		if (pol->hw_written_forbidden[k->grade]) {
			if (!g12++)
				rc = hw_refuse(c, db, k, c->ndays / 2, "HW_WRITTEN_G12", "语文", 15,
					       NULL, dbe);
		} else if (limit > 0 && i % 5 == 1 && over < 2) {
			int ask = rng_range(&r, 10, 20);

			over++;
			rc = hw_refuse(c, db, k, best, "HW_DAILY_LIMIT", over == 1 ? "数学" : "英语",
				       limit - k->total[best] + ask, NULL, dbe);
		} else if (limit > 0 && i % 5 == 3 && parent < 2 && pol->hw_parent_nkeywords > 0) {
			const char *kw = pol->hw_parent_keywords[parent % pol->hw_parent_nkeywords];

			rc = hw_refuse(c, db, k, c->ndays > parent ? c->ndays - 1 - parent : 0,
				       "HW_PARENT", "语文", 10, kw, dbe);
			parent++;
		}
		if (rc != 0)
			return -1;
	}
	return 0;
}

static int hw_plan(struct hw_ctx *c, struct db *db, int64_t school_id, struct db_err *dbe)
{
	char plan[2048];

	snprintf(plan, sizeof plan,
		 "%s作业管理方案（一校一案）\n"
		 "一、总量控制：一、二年级不布置书面家庭作业，可布置阅读、口语交际、实践体验类作业；"
		 "三至六年级每天书面作业平均完成时间不超过 %d 分钟。周末、节假日作业同样控制总量。\n"
		 "二、统筹协调：教导处每周审核各年级作业安排，年级组长每天汇总各学科作业时长，"
		 "班主任统筹本班当天作业总量并在班级公示栏和平台公示。\n"
		 "三、作业设计：以基础性作业为主，适当布置分层作业和选做作业，"
		 "不布置机械重复、惩罚性作业，不超出课标要求。\n"
		 "四、批改讲评：坚持“有留必查、有查必改、有改必讲、有错必纠”，作业由教师批改，"
		 "鼓励面批，同伴互批只作补充，不让学生自批自改。\n"
		 "五、校内完成：利用课后服务时间指导学生在校内基本完成书面作业。\n"
		 "六、用时反馈：家庭可在平台报告孩子完成作业的实际用时，学校每周分析；"
		 "对经常不能按时完成作业的学生，班主任分析原因、个别辅导。到了就寝时间仍未完成的，按时睡觉。",
		 c->p[0].name, hw_limit(&c->a->policy, 3, POLICY_DAY_SCHOOL));
	return store_hw_school_set(db, c->a->district_id, school_id, 0, plan,
				   hw_at(c, c->days[0] - 14, 540), c->planner, dbe);
}

/* School 1's show cases: the teacher sign-in's class has a child who
 * missed three days (not the parent sign-in's), and every sixth class from
 * grade 3 on (that class first) a day over the limit by the reports. */
static void hw_school1_cases(struct hw_ctx *c, struct demo_class *cls, int ncls)
{
	int o = 0;

	for (int i = 0; i < ncls; i++) {
		struct demo_class *k = &cls[i];

		if (c->a->policy.hw_written_forbidden[k->grade])
			continue;
		if (o % 6 == 0 && o < 18 && c->ndays >= 4)
			k->over_day = c->ndays - 3 - o / 6;
		o++;
		if (k->head != c->teacher_staff || c->ndays < 7 || k->nst < 2)
			continue;
		k->watch = k->nst / 2;
		for (int j = 0; j < c->nkids; j++)
			if (k->st[k->watch] == c->kids[j])
				k->watch = (k->watch + 1) % k->nst;
	}
}

static int64_t staff_user(const struct db_res *r, int64_t staff_id)
{
	for (int i = 0; i < db_res_rows(r); i++)
		if (db_res_int(r, i, 0) == staff_id)
			return db_res_int(r, i, 1);
	return 0;
}

/* Who posts for each class: the account of each subject's teacher (made
 * here, unable to sign in, for staff without one; the teacher sign-in's
 * staff record has hers), and the head teacher's for refused posts. */
static int hw_posters(struct hw_ctx *c, struct db *db, int64_t school_id, struct demo_class *cls,
		      int ncls, struct db_err *dbe)
{
	struct db_res *r = NULL;
	int64_t made = 0;

	if (store_demo_staff_accounts(db, c->a->district_id, school_id, time_now(),
				      c->g->staff_hash, &made,
				      dbe) != 0 ||
	    store_demo_staff_users(db, school_id, &r, dbe) != 0)
		return -1;
	c->g->hw_accounts += made;
	for (int i = 0; i < db_res_rows(r); i++)
		if (c->school == 0 && c->teacher_uid && db_res_int(r, i, 1) == c->teacher_uid)
			c->teacher_staff = db_res_int(r, i, 0);
	for (int j = 0; j < ncls; j++) {
		cls[j].head_user = staff_user(r, cls[j].head);
		for (int s = 0; s < NSUBJ; s++)
			cls[j].user[s] = cls[j].has[s] ? staff_user(r, cls[j].staff[s]) : 0;
	}
	db_res_free(r);
	return 0;
}

static int hw_school(struct hw_ctx *c, struct db *db, int64_t school_id, struct db_err *dbe)
{
	struct demo_class *cls = NULL;
	int ncls = 0, rc = -1;

	if (demo_load_classes(&c->scope, db, school_id, &cls, &ncls, dbe) != 0 ||
	    hw_posters(c, db, school_id, cls, ncls, dbe) != 0)
		goto out;
	if (c->school == 0)
		hw_school1_cases(c, cls, ncls);
	for (int i = 0; i < ncls; i++) {
		for (int di = 0; di < c->ndays; di++)
			if (hw_class_day(c, db, &cls[i], di, dbe) != 0)
				goto out;
		if (hw_followups(c, db, &cls[i], dbe) != 0)
			goto out;
		c->g->hw_classes++;
	}
	if (c->school == 0 && (hw_school1_refusals(c, db, cls, ncls, dbe) != 0 ||
			       hw_plan(c, db, school_id, dbe) != 0))
		goto out;
	rc = 0;
out:
	free(cls);
	return rc;
}

static int hw_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct hw_ctx *c = vctx;
	struct db_res *u = NULL, *sc = NULL;
	int64_t parent = 0;
	int nsch = c->n < HW_SCHOOLS ? c->n : HW_SCHOOLS, rc = -1;
	json_t *d;

	(void)e;
	if (hw_window(c, db, dbe) != 0 || store_codes_users(db, c->a->district_id, &u, dbe) != 0)
		goto out;
	c->users = u;
	c->teacher_uid = demo_res_id(u, "teacher");
	c->planner = demo_res_id(u, "principal");
	c->planner = c->planner ? c->planner : db_res_int(u, 0, 1);
	parent = demo_res_id(u, "parent");
	c->reporter = parent ? parent : c->planner;
	if (c->ndays == 0) {
		rc = 0;
		goto out;
	}
	if (store_codes_schools(db, c->a->district_id, &sc, dbe) != 0 ||
	    demo_load_kids(db, c->a->district_id, parent, c->kids, &c->nkids, dbe) != 0)
		goto out;
	for (c->school = 0; c->school < nsch; c->school++) {
		int64_t sid = demo_res_id(sc, c->p[c->school].code);

		if (sid && hw_school(c, db, sid, dbe) != 0)
			goto out;
	}
	c->g->hw_schools = nsch;
	d = json_pack("{s:s,s:s,s:i,s:I,s:I,s:I,s:I,s:I}", "from", c->day_s[0], "to",
		      c->day_s[c->ndays - 1], "schools", nsch, "teacher_accounts",
		      (json_int_t)c->g->hw_accounts, "items", (json_int_t)c->g->hw_items,
		      "reports", (json_int_t)c->g->hw_reports, "followups",
		      (json_int_t)c->g->hw_followups, "refusals", (json_int_t)c->g->hw_refusals);
	rc = app_audit(db, c->who, "demo.homework", "demo/homework", "ok", d, dbe);
	json_decref(d);
out:
	db_res_free(u);
	db_res_free(sc);
	return rc;
}

int demo_homework(struct app *a, const struct actor *who, struct gen *g,
		  const struct plan *p, int n, struct app_err *e)
{
	struct hw_ctx c = { .a = a, .who = who, .g = g, .p = p, .n = n };

	app_scope_of(who, &c.scope);
	if (app_batch(a, hw_tx, &c, e) != 0)
		return -1;
	g->hw_days = c.ndays;
	if (c.ndays) {
		snprintf(g->hw_from, sizeof g->hw_from, "%s", c.day_s[0]);
		snprintf(g->hw_to, sizeof g->hw_to, "%s", c.day_s[c.ndays - 1]);
	}
	return 0;
}
