/* demo_org.c - the demo district's organisation, generated from the seed:
 * names, the plan of schools, each school's staffing, and the families of
 * its students, written as rows of the files a district keeps
 * (demo_import.c takes them in). Everything comes from one small generator
 * (splitmix64) seeded per school, so a school is the same whatever the
 * chunking, and the same seed gives the same district.
 *
 * Privacy: every name, 学籍号 and phone number is made up. 学籍号 are not
 * shaped like ID-card numbers (no birth dates in them). */
#include "demo/demo_shared.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEACHER_LOAD 11             /* lessons a week per teacher: about 1 per 15 students */
#define MAX_CLASSES 36              /* 9 grades x 4 classes */
#define MAX_STAFF 256

/* ---- names ---- */

/* Surnames weighted (about per ten thousand), leaning to Shanxi. */
static const struct {
	const char *s;
	unsigned short w;
} surnames[] = {
	{ "王", 75 }, { "李", 70 }, { "张", 68 }, { "刘", 55 }, { "陈", 40 }, { "杨", 33 },
	{ "赵", 26 }, { "郭", 24 }, { "高", 20 }, { "黄", 14 }, { "吴", 14 }, { "周", 14 },
	{ "徐", 12 }, { "孙", 14 }, { "马", 14 }, { "朱", 10 }, { "胡", 10 }, { "何", 8 },
	{ "林", 6 }, { "罗", 7 }, { "郑", 7 }, { "梁", 10 }, { "谢", 6 }, { "宋", 7 },
	{ "唐", 5 }, { "许", 6 }, { "韩", 9 }, { "冯", 8 }, { "邓", 4 }, { "曹", 7 },
	{ "彭", 4 }, { "曾", 3 }, { "田", 7 }, { "董", 7 }, { "袁", 4 }, { "潘", 3 },
	{ "于", 5 }, { "杜", 6 }, { "程", 5 }, { "魏", 6 }, { "苏", 4 }, { "吕", 5 },
	{ "丁", 4 }, { "任", 8 }, { "卢", 4 }, { "姚", 4 }, { "崔", 5 }, { "范", 4 },
	{ "石", 4 }, { "贾", 8 }, { "武", 9 }, { "白", 7 }, { "薛", 5 }, { "段", 4 },
	{ "温", 4 }, { "乔", 4 }, { "侯", 5 }, { "闫", 6 }, { "郝", 6 }, { "史", 5 },
	{ "牛", 4 }, { "康", 4 }, { "常", 4 }, { "霍", 3 }, { "孟", 4 }, { "秦", 3 },
	{ "尹", 3 }, { "申", 3 }, { "安", 3 }, { "姜", 3 },
};
#define NSURNAMES (sizeof surnames / sizeof surnames[0])

static const char *const boy_chars[] = {
	"浩", "宇", "轩", "子", "泽", "博", "文", "俊", "杰", "涛", "明", "鑫", "磊", "晨",
	"阳", "豪", "然", "睿", "思", "一", "天", "嘉", "瑞", "航", "铭", "鹏", "凯", "昊",
	"辰", "旭", "彬", "亮", "宏", "志", "毅", "恒", "锦", "锐", "逸", "宸", "晟", "皓",
	"翔", "佳", "奕", "帅", "烨", "骏", "诚", "霖", "楷", "煜", "梓", "远", "川", "乐",
};
static const char *const girl_chars[] = {
	"欣", "怡", "雨", "梦", "婷", "萱", "涵", "琪", "佳", "雪", "静", "悦", "诗", "语",
	"晴", "妍", "彤", "瑶", "琳", "蕾", "璐", "菲", "洁", "慧", "可", "心", "馨", "若",
	"思", "紫", "舒", "雅", "嘉", "晨", "一", "梓", "依", "沐", "芮", "安", "玥", "诺",
	"宁", "乐", "子", "月", "丹", "艺", "珊", "芸", "露", "楠", "希", "清", "甜", "美",
};
static const char *const man_chars[] = {
	"建", "国", "军", "明", "华", "伟", "强", "勇", "刚", "平", "海", "峰", "志", "春",
	"林", "斌", "文", "东", "兵", "涛", "辉", "亮", "永", "新", "成", "福", "忠", "波",
	"俊", "杰", "鹏", "磊", "宏", "利", "德", "生", "荣", "瑞", "晓", "云", "龙", "飞",
};
static const char *const woman_chars[] = {
	"丽", "芳", "红", "霞", "燕", "梅", "玲", "娟", "英", "华", "敏", "静", "秀", "兰",
	"艳", "萍", "琴", "雪", "云", "慧", "凤", "晓", "丹", "莉", "娜", "婷", "洁", "佳",
	"春", "玉", "美", "月", "彩", "金", "秋", "亚", "文", "爱", "宁", "荣", "蓉", "倩",
};

const char *demo_pick_surname(struct rng *r, unsigned total)
{
	unsigned x = rng_below(r, total);

	for (size_t i = 0; i < NSURNAMES; i++) {
		if (x < surnames[i].w)
			return surnames[i].s;
		x -= surnames[i].w;
	}
	return surnames[0].s;
}

/* surname + one or two given-name characters (at most 3 x 3 bytes + NUL). */
void demo_make_name(struct rng *r, const char *surname, enum who_named w, char *out, size_t cap)
{
	static const struct {
		const char *const *c;
		size_t n;
		unsigned two; /* per mille with two characters */
	} sets[] = {
		{ boy_chars, NCHARS(boy_chars), 780 },
		{ girl_chars, NCHARS(girl_chars), 780 },
		{ man_chars, NCHARS(man_chars), 600 },
		{ woman_chars, NCHARS(woman_chars), 600 },
	};
	const char *a = sets[w].c[rng_below(r, (uint32_t)sets[w].n)];
	const char *b = "";

	if (rng_per_mille(r, sets[w].two)) {
		b = sets[w].c[rng_below(r, (uint32_t)sets[w].n)];
		if (strcmp(a, b) == 0 && !rng_per_mille(r, 300)) /* 婷婷 sometimes */
			b = sets[w].c[rng_below(r, (uint32_t)sets[w].n)];
	}
	snprintf(out, cap, "%s%s%s", surname, a, b);
}

/* Chinese numerals 1..99999: 一, 十一, 二十, 一百零五, 一万零二十. */
static void cn_below_10000(int n, bool lead_ten, char *out, size_t cap)
{
	static const char *const dig[] = { "零", "一", "二", "三", "四",
					   "五", "六", "七", "八", "九" };
	static const char *const unit[] = { "", "十", "百", "千" };
	static const int p10[] = { 1, 10, 100, 1000 };
	bool started = false, zero = false;
	size_t len = 0;

	out[0] = '\0';
	for (int pos = 3; pos >= 0; pos--) {
		int d = n / p10[pos] % 10;

		if (d == 0) {
			zero = started;
			continue;
		}
		len += (size_t)snprintf(out + len, cap - len, "%s%s%s", zero ? dig[0] : "",
					pos == 1 && d == 1 && !started && !lead_ten ? "" : dig[d],
					unit[pos]);
		if (len >= cap)
			return;
		started = true;
		zero = false;
	}
}

void demo_cn_number(int n, char *out, size_t cap)
{
	char hi[16], lo[40];

	if (n < 10000) {
		cn_below_10000(n, false, out, cap);
		return;
	}
	cn_below_10000(n / 10000, false, hi, sizeof hi);
	cn_below_10000(n % 10000, true, lo, sizeof lo);
	snprintf(out, cap, "%s万%s%s", hi, n % 10000 && n % 10000 < 1000 ? "零" : "", lo);
}

const char *const demo_grade_names[10] = { "",   "一", "二", "三", "四",
					   "五", "六", "七", "八", "九" };

unsigned demo_surname_total(void)
{
	unsigned total = 0;

	for (size_t i = 0; i < NSURNAMES; i++)
		total += surnames[i].w;
	return total;
}

/* ---- the district's plan: schools ---- */

const char *const demo_skind_names[SK_KINDS] = { "小学", "初中", "九年一贯制" };

/* Place names of 新荣区 and around, then made-up villages once they run out. */
static const char *const places[] = {
	"花园屯", "堡子湾", "郭家窑", "破鲁堡", "上深涧", "西村", "新荣镇", "东胜庄",
	"助马堡", "得胜堡", "镇川堡", "镇羌堡", "拒墙堡", "宏赐堡", "四台沟", "元子窑",
	"北羊坊", "小辛庄", "碓臼沟", "红土沟", "老窑沟", "西寺", "黄土坡", "三墩",
};
#define NPLACES (sizeof places / sizeof places[0])
static const char *const place_a[] = { "马", "杨", "吴", "贾", "孟", "白", "温", "冯",
				       "韩", "曹", "侯", "常", "史", "乔", "段", "薛" };
static const char *const place_b[] = { "家", "官", "石", "红", "北", "南", "东", "前", "后", "大" };
static const char *const place_c[] = { "窑", "庄", "堡", "屯", "沟", "营", "湾", "梁" };

struct namer {
	unsigned char order[NPLACES];
	int ordinal[SK_KINDS]; /* next 第N for urban schools */
	int place[SK_KINDS];   /* next place for rural schools */
	int groups_u, groups_r, left_u, left_r;
	char group_u[128], group_r[128];
};

/* The k-th place name into out; false when they have run out. */
static bool place_name(const struct namer *nm, int k, char *out, size_t cap)
{
	int na = (int)NCHARS(place_a), nb = (int)NCHARS(place_b), nc = (int)NCHARS(place_c);

	if (k < (int)NPLACES) {
		snprintf(out, cap, "%s", places[nm->order[k]]);
		return true;
	}
	k -= (int)NPLACES;
	if (k >= na * nb * nc)
		return false;
	snprintf(out, cap, "%s%s%s", place_a[k % na], place_b[k / na % nb], place_c[k / (na * nb)]);
	return true;
}

static void name_school(struct namer *nm, struct plan *p, char *place, size_t cap)
{
	static const char *const rural_fmt[] = { "小学", "中学", "学校" };
	static const char *const urban_fmt[] = { "小学", "中学", "实验学校" };
	char num[80];
	int k;

	place[0] = '\0';
	if (p->rural && place_name(nm, nm->place[p->kind], place, cap)) {
		nm->place[p->kind]++;
		snprintf(p->name, sizeof p->name, "新荣区%s%s", place, rural_fmt[p->kind]);
		return;
	}
	k = ++nm->ordinal[p->kind];
	demo_cn_number(k, num, sizeof num);
	if (p->kind == SK_NINE && k == 1)
		snprintf(p->name, sizeof p->name, "新荣区实验学校");
	else
		snprintf(p->name, sizeof p->name, "新荣区第%s%s", num, urban_fmt[p->kind]);
}

/* Education groups (教育集团) in town, alliances (联盟) in the country. */
static void join_alliance(struct namer *nm, struct rng *r, struct plan *p, int idx,
			  const char *place)
{
	int *left = p->rural ? &nm->left_r : &nm->left_u;
	char *group = p->rural ? nm->group_r : nm->group_u;

	if (*left == 0 && (idx == 0 || rng_per_mille(r, p->rural ? 500 : 700))) {
		char num[80];

		*left = rng_range(r, 3, 5);
		if (p->rural && place[0]) {
			snprintf(group, sizeof nm->group_r, "新荣区%s乡村学校联盟", place);
		} else {
			demo_cn_number(++nm->groups_u, num, sizeof num);
			snprintf(group, sizeof nm->group_u, "新荣区第%s教育集团", num);
		}
	}
	if (*left > 0) {
		snprintf(p->alliance, sizeof p->alliance, "%s", group);
		(*left)--;
	}
}

static int class_size(unsigned seed, int school, int grade, int cls, bool rural)
{
	struct rng r = rng_for(seed, W_SIZE, (uint64_t)school * 100 + (uint64_t)(grade * 10 + cls));

	return rural ? rng_range(&r, 35, 42) : rng_range(&r, 38, 45);
}

/* Kinds: school 1 is a primary school; of the rest about a quarter are
 * junior high schools and a sixth nine-year schools, shuffled. */
static void plan_kinds(struct rng *r, struct plan *p, int n)
{
	int nj = n * 25 / 100, n9 = n * 15 / 100;

	for (int i = 0; i < n; i++) {
		p[i].kind = SK_PRIMARY;
		if (i > 0 && i <= nj)
			p[i].kind = SK_JUNIOR;
		else if (i > nj && i <= nj + n9)
			p[i].kind = SK_NINE;
	}
	for (int i = n - 1; i > 1; i--) {
		int j = 1 + (int)rng_below(r, (uint32_t)i);
		unsigned char k = p[i].kind;

		p[i].kind = p[j].kind;
		p[j].kind = k;
	}
}

/* 2-4 classes a grade: school 1 has 3 or 4, country schools mostly 2. */
static unsigned char classes_in_grade(struct rng *r, int school, bool rural)
{
	unsigned roll = rng_below(r, 1000);

	if (school == 0)
		return (unsigned char)(3 + (roll < 300));
	if (rural)
		return (unsigned char)(2 + (roll < 100));
	return (unsigned char)(2 + (roll >= 500) + (roll >= 900));
}

void demo_plan_district(unsigned seed, struct plan *p, int n, long *students)
{
	struct rng r = rng_for(seed, W_PLAN, 0);
	struct namer nm;
	char place[64];

	memset(&nm, 0, sizeof nm);
	for (size_t i = 0; i < NPLACES; i++)
		nm.order[i] = (unsigned char)i;
	for (size_t i = NPLACES - 1; i > 0; i--) {
		size_t j = rng_below(&r, (uint32_t)i + 1);
		unsigned char t = nm.order[i];

		nm.order[i] = nm.order[j];
		nm.order[j] = t;
	}
	plan_kinds(&r, p, n);
	*students = 0;
	for (int i = 0; i < n; i++) {
		struct plan *s = &p[i];
		unsigned boarding;

		s->rural = i > 0 && rng_per_mille(&r, 600);
		snprintf(s->code, sizeof s->code, "140212%05d", i + 1);
		name_school(&nm, s, place, sizeof place);
		boarding = !s->rural ? 50 : s->kind == SK_PRIMARY ? 250 : 600;
		s->boarding = i > 0 && rng_per_mille(&r, boarding);
		join_alliance(&nm, &r, s, i, place);
		for (int g = grade_lo(s->kind); g <= grade_hi(s->kind); g++) {
			s->ncls[g] = classes_in_grade(&r, i, s->rural);
			s->classes += s->ncls[g];
			for (int c = 0; c < s->ncls[g]; c++)
				s->students += class_size(seed, i, g, c, s->rural);
		}
		*students += s->students;
	}
}

/* ---- subjects and staffing of one school ---- */

const struct demo_subject demo_subjects[NSUBJ] = {
	[S_CHN] = { "语文", { 8, 6, 5 }, 9, 850 },
	[S_MATH] = { "数学", { 4, 4, 5 }, 9, 700 },
	[S_ENG] = { "英语", { 0, 3, 4 }, 9, 900 },
	[S_MORAL] = { "道德与法治", { 2, 2, 2 }, 9, 700 },
	[S_SCI] = { "科学", { 1, 2, 0 }, 6, 600 },
	[S_PE] = { "体育", { 4, 3, 3 }, 9, 300 },
	[S_MUSIC] = { "音乐", { 2, 2, 1 }, 9, 850 },
	[S_ART] = { "美术", { 2, 2, 1 }, 9, 750 },
	[S_IT] = { "信息科技", { 0, 1, 1 }, 8, 500 },
	[S_LAB] = { "劳动", { 1, 1, 1 }, 9, 600 },
	[S_PHY] = { "物理", { 0, 0, 3 }, 9, 400 },
	[S_CHEM] = { "化学", { 0, 0, 3 }, 9, 500 },
	[S_BIO] = { "生物", { 0, 0, 2 }, 8, 650 },
	[S_HIST] = { "历史", { 0, 0, 2 }, 9, 600 },
	[S_GEO] = { "地理", { 0, 0, 2 }, 8, 550 },
};

/* Lessons a week of subject s in grade g; 0 when not taught. 物理 starts in
 * grade 8, 化学 in grade 9. */
static int lessons(int s, int g)
{
	int band = g <= 2 ? 0 : g <= 6 ? 1 : 2;

	if (g > demo_subjects[s].last || (s == S_PHY && g < 8) || (s == S_CHEM && g < 9))
		return 0;
	return demo_subjects[s].w[band];
}

struct wclass {
	unsigned char grade, num, size;
	char code[32];
	short head;
	short tch[NSUBJ]; /* staff index, -1 = not taught */
};

struct wstaff {
	char no[32];
	char name[16];
	signed char subj[2];
	int load;
	bool head, login;
};

struct work {
	struct wclass cls[MAX_CLASSES];
	struct wstaff st[MAX_STAFF];
	int ncls, nst;
};

static int add_teacher(struct work *w, int s)
{
	struct wstaff *t;

	if (w->nst == MAX_STAFF)
		return w->nst - 1;
	t = &w->st[w->nst];
	memset(t, 0, sizeof *t);
	t->subj[0] = (signed char)s;
	t->subj[1] = -1;
	return w->nst++;
}

/* A subject with too few lessons for a teacher of its own goes to the least
 * loaded teacher with one subject. -1 when there is none. */
static int least_loaded(const struct work *w, int s)
{
	int best = -1;

	for (int i = 0; i < w->nst; i++)
		if (w->st[i].subj[1] < 0 && w->st[i].subj[0] != s &&
		    (best < 0 || w->st[i].load < w->st[best].load))
			best = i;
	return best;
}

static void staff_subject(struct work *w, int s)
{
	int idx[MAX_CLASSES], n = 0, total = 0, t, base, helper;

	for (int c = 0; c < w->ncls; c++) {
		int l = lessons(s, w->cls[c].grade);

		w->cls[c].tch[s] = -1;
		if (l) {
			idx[n++] = c;
			total += l;
		}
	}
	if (n == 0)
		return;
	t = (2 * total + TEACHER_LOAD) / (2 * TEACHER_LOAD);
	t = t > n ? n : t;
	helper = t == 0 ? least_loaded(w, s) : -1;
	if (helper >= 0) {
		w->st[helper].subj[1] = (signed char)s;
		w->st[helper].load += total;
		for (int k = 0; k < n; k++)
			w->cls[idx[k]].tch[s] = (short)helper;
		return;
	}
	t = t ? t : 1;
	base = w->nst;
	for (int k = 0; k < t; k++)
		add_teacher(w, s);
	for (int k = 0; k < n; k++) {
		int who = base + k * t / n;

		who = who < w->nst ? who : w->nst - 1;
		w->cls[idx[k]].tch[s] = (short)who;
		w->st[who].load += lessons(s, w->cls[idx[k]].grade);
	}
}

/* 班主任: the class's 语文, 数学 or 英语 teacher, else any of its teachers,
 * else any teacher of the school, not already a head teacher. */
static void pick_heads(struct work *w)
{
	static const int pref[] = { S_CHN, S_MATH, S_ENG };

	for (int c = 0; c < w->ncls; c++) {
		struct wclass *k = &w->cls[c];
		int h = -1;

		for (size_t i = 0; i < NCHARS(pref) && h < 0; i++)
			if (k->tch[pref[i]] >= 0 && !w->st[k->tch[pref[i]]].head)
				h = k->tch[pref[i]];
		for (int s = 0; s < NSUBJ && h < 0; s++)
			if (k->tch[s] >= 0 && !w->st[k->tch[s]].head)
				h = k->tch[s];
		for (int i = 0; i < w->nst && h < 0; i++)
			if (!w->st[i].head)
				h = i;
		if (h < 0)
			h = k->tch[S_CHN] >= 0 ? k->tch[S_CHN] : 0;
		k->head = (short)h;
		w->st[h].head = true;
	}
}

/* The classes of a school, from its plan: no draws. */
static void build_classes(const struct plan *p, int school, unsigned seed, struct work *w)
{
	w->ncls = w->nst = 0;
	for (int g = grade_lo(p->kind); g <= grade_hi(p->kind); g++)
		for (int c = 0; c < p->ncls[g] && w->ncls < MAX_CLASSES; c++) {
			struct wclass *k = &w->cls[w->ncls++];

			k->grade = (unsigned char)g;
			k->num = (unsigned char)(c + 1);
			k->size = (unsigned char)class_size(seed, school, g, c, p->rural);
			snprintf(k->code, sizeof k->code, "G%dC%d", g, c + 1);
		}
}

static void staff_school(const struct plan *p, int school, unsigned seed, unsigned stotal,
			 struct rng *r, struct work *w)
{
	build_classes(p, school, seed, w);
	for (int s = 0; s < NSUBJ; s++)
		staff_subject(w, s);
	pick_heads(w);
	for (int i = 0; i < w->nst; i++) {
		struct wstaff *t = &w->st[i];
		bool woman = rng_per_mille(r, demo_subjects[t->subj[0]].women);

		snprintf(t->no, sizeof t->no, "T%05d%03d", school + 1, i + 1);
		demo_make_name(r, demo_pick_surname(r, stotal), woman ? N_WOMAN : N_MAN, t->name,
			       sizeof t->name);
	}
}

/* ---- people: families, numbers ---- */

enum rel { R_FATHER, R_MOTHER, R_GRANDPA, R_GRANDMA, R_GRANDMA_M };
static const char *const rel_names[] = { "父亲", "母亲", "祖父", "祖母", "外祖母" };

static const char *const phone_prefix[] = {
	"130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150",
	"151", "152", "153", "155", "156", "157", "158", "159", "176", "177", "180",
	"181", "182", "183", "185", "186", "187", "188", "189", "199",
};
#define NPREFIX (sizeof phone_prefix / sizeof phone_prefix[0])

void demo_numbers_init(struct numbers *n, unsigned seed)
{
	struct rng r = rng_for(seed, W_NUMBERS, 0);

	memset(n, 0, sizeof *n);
	for (int i = 0; i < 4; i++)
		n->key[i] = rng_next(&r);
}

static uint32_t feistel28(const struct numbers *n, uint64_t tweak, uint32_t x)
{
	uint32_t l = x >> 14, rr = x & 0x3FFF;

	for (int i = 0; i < 4; i++) {
		struct rng h = { n->key[i] ^ tweak ^ rr };
		uint32_t f = (uint32_t)rng_next(&h) & 0x3FFF;
		uint32_t t = rr;

		rr = l ^ f;
		l = t;
	}
	return (l << 14) | rr;
}

static uint32_t scramble(const struct numbers *n, uint64_t tweak, uint32_t x)
{
	do
		x = feistel28(n, tweak, x);
	while (x >= 100000000u);
	return x;
}

/* 学籍号: G, the district (140212), the year the class started school and
 * 8 digits. */
static void next_registry(struct numbers *n, int grade, char out[40])
{
	uint32_t x = scramble(n, 0, (uint32_t)n->reg_next++);

	snprintf(out, 40, "G140212%04d%08u", 2025 - (grade - 1), (unsigned)x);
}

/* A mobile number: a common prefix and 8 unique digits. */
static void next_phone(struct numbers *n, char out[24])
{
	uint32_t x = scramble(n, UINT64_C(0x7E1E9404E), (uint32_t)n->tel_next++);
	struct rng h = { n->key[0] + x };

	snprintf(out, 24, "%s%08u", phone_prefix[rng_below(&h, NPREFIX)], (unsigned)x);
}

/* ---- a school's rows in the district's files ---- */

static void emit_staff(struct gen *g, const struct plan *p, const struct work *w, struct chunk *c)
{
	for (int i = 0; i < w->nst; i++) {
		const struct wstaff *t = &w->st[i];
		char subj[64];
		const char *v[5] = { p->code, t->no, t->name, subj, t->login ? "teacher" : "" };

		snprintf(subj, sizeof subj, "%s%s%s", demo_subjects[t->subj[0]].name,
			 t->subj[1] >= 0 ? "、" : "",
			 t->subj[1] >= 0 ? demo_subjects[t->subj[1]].name : "");
		demo_tb_add(&c->staff, v);
	}
	g->nstaff += w->nst;
}

static void emit_classes(struct gen *g, const struct plan *p, const struct work *w,
			 struct chunk *c)
{
	for (int i = 0; i < w->ncls; i++) {
		const struct wclass *k = &w->cls[i];
		char grade[4], name[64];
		const char *v[5] = { p->code, k->code, grade, name, w->st[k->head].no };

		snprintf(grade, sizeof grade, "%d", k->grade);
		snprintf(name, sizeof name, "%s年级（%d）班", demo_grade_names[k->grade], k->num);
		demo_tb_add(&c->classes, v);
		for (int s = 0; s < NSUBJ; s++) {
			const char *t[4] = { p->code, k->code, demo_subjects[s].name, NULL };

			if (k->tch[s] < 0)
				continue;
			t[3] = w->st[k->tch[s]].no;
			demo_tb_add(&c->teaching, t);
		}
	}
	g->nclasses += w->ncls;
}

/* A new family: both parents, one of them, or (留守) a grandparent with the
 * father away at work. */
static void new_family(struct gen *g, struct rng *r, bool rural, struct family *f)
{
	unsigned roll = rng_below(r, 1000);

	memset(f, 0, sizeof *f);
	f->surname = demo_pick_surname(r, g->stotal);
	f->left_behind = rng_per_mille(r, rural ? 80 : 25);
	if (f->left_behind) {
		f->gd[0].rel = roll < 550 ? R_GRANDMA : roll < 800 ? R_GRANDPA : R_GRANDMA_M;
		f->gd[1].rel = R_FATHER;
		f->ngd = 2;
	} else if (roll < 650) {
		f->gd[0].rel = rng_per_mille(r, 600) ? R_MOTHER : R_FATHER;
		f->gd[1].rel = f->gd[0].rel == R_MOTHER ? R_FATHER : R_MOTHER;
		f->ngd = 2;
	} else {
		f->gd[0].rel = roll < 900 ? R_MOTHER : R_FATHER;
		f->ngd = 1;
	}
	for (int i = 0; i < f->ngd; i++) {
		struct guard *q = &f->gd[i];
		bool male = q->rel == R_FATHER || q->rel == R_GRANDPA;

		/* fathers and grandfathers carry the family name */
		demo_make_name(r, male ? f->surname : demo_pick_surname(r, g->stotal),
			       male ? N_MAN : N_WOMAN, q->name, sizeof q->name);
		next_phone(&g->num, q->phone);
		g->nguardians++;
	}
}

/* The parent sign-in's family: 赵女士 (the login) and the father. */
static void demo_family(struct gen *g, struct rng *r, struct family *f)
{
	new_family(g, r, false, f);
	if (f->ngd < 2) {
		next_phone(&g->num, f->gd[1].phone);
		g->nguardians++;
	}
	f->left_behind = false;
	f->ngd = 2;
	f->gd[0].rel = R_MOTHER;
	f->gd[0].login = true;
	f->gd[1].rel = R_FATHER;
	demo_make_name(r, "赵", N_WOMAN, f->gd[0].name, sizeof f->gd[0].name);
	demo_make_name(r, f->surname, N_MAN, f->gd[1].name, sizeof f->gd[1].name);
}

/* The family of the next student: the demo family for its two children,
 * sometimes (siblings) a family of an earlier class of the school, else a
 * new one. fams[0..first) are families of earlier classes. */
static struct family *family_for(struct gen *g, struct rng *r, const struct plan *p,
				 struct family *fams, int *nfam, int first, int demo)
{
	struct family *f;

	if (demo == 1) {
		demo_family(g, r, &g->demo_family);
		return &g->demo_family;
	}
	if (demo == 2)
		return &g->demo_family;
	if (first > 0 && rng_per_mille(r, 70)) {
		f = &fams[rng_below(r, (uint32_t)first)];
		if (f->kids < 3)
			return f;
	}
	f = &fams[(*nfam)++];
	new_family(g, r, p->rural, f);
	return f;
}

static void emit_student(struct gen *g, struct rng *r, const struct plan *p,
			 const struct wclass *k, struct family *f, struct chunk *c)
{
	/* One draw per statement: the order of draws inside an initializer
	 * list is unspecified, and the same seed must give the same district
	 * with every compiler. */
	unsigned board = !p->boarding ? 0 : k->grade >= 7 ? 700 : k->grade >= 4 ? 500 : 150;
	bool boy = rng_per_mille(r, 515);
	bool special = rng_per_mille(r, 20);
	bool boarder = rng_per_mille(r, board);
	char reg[40], name[16];
	const char *v[8] = { reg, name, boy ? "男" : "女", p->code, k->code,
			     special ? "是" : "否", boarder ? "是" : "否",
			     f->left_behind ? "是" : "否" };

	next_registry(&g->num, k->grade, reg);
	demo_make_name(r, f->surname, boy ? N_BOY : N_GIRL, name, sizeof name);
	demo_tb_add(&c->students, v);
	f->kids++;
	for (int i = 0; i < f->ngd; i++) {
		const struct guard *q = &f->gd[i];
		const char *gv[5] = { reg, q->name, rel_names[q->rel], q->phone,
				      q->login ? "parent" : "" };

		demo_tb_add(&c->guardians, gv);
	}
	g->nstudents++;
}

/* Which student is one of the parent sign-in's children: 1 = the first
 * student of the teacher sign-in's class, 2 = the first of the sibling's
 * class, 0 = neither. */
static int demo_child(const struct gen *g, int school, const struct wclass *k, int i)
{
	if (i != 0 || k->num != 1)
		return 0;
	if (school == 0 && k->grade == 3)
		return 1;
	return school == g->sib_school && k->grade == g->sib_grade ? 2 : 0;
}

static int emit_students(struct gen *g, struct rng *r, const struct plan *p, int school,
			 const struct work *w, struct chunk *c)
{
	struct family *fams = calloc((size_t)p->students + 1, sizeof *fams);
	int nfam = 0;

	if (!fams)
		return -1;
	for (int i = 0; i < w->ncls; i++) {
		const struct wclass *k = &w->cls[i];
		int first = nfam;

		for (int j = 0; j < k->size; j++) {
			struct family *f = family_for(g, r, p, fams, &nfam, first,
						      demo_child(g, school, k, j));

			emit_student(g, r, p, k, f, c);
		}
	}
	free(fams);
	return 0;
}

/* The teacher sign-in: the head teacher of 三年级（1）班 of school 1, 陈老师. */
static void link_teacher(struct gen *g, const struct plan *p, struct rng *r, struct work *w)
{
	for (int i = 0; i < w->ncls; i++) {
		struct wstaff *t = &w->st[w->cls[i].head];

		if (w->cls[i].grade != 3 || w->cls[i].num != 1)
			continue;
		t->login = true;
		demo_make_name(r, "陈", N_WOMAN, t->name, sizeof t->name);
		snprintf(g->teacher_class, sizeof g->teacher_class, "%s 三年级（1）班 班主任",
			 p->name);
		return;
	}
}

/* A school's staff, classes and teaching. Each school draws from its own
 * streams (staff; people), so it comes out the same however the schools
 * are chunked. */
static void gen_staff(struct gen *g, const struct plan *p, int school, struct work *w,
		      struct chunk *c)
{
	struct rng r = rng_for(g->seed, W_STAFF, (uint64_t)school);

	staff_school(p, school, g->seed, g->stotal, &r, w);
	if (school == 0)
		link_teacher(g, p, &r, w);
	emit_staff(g, p, w, c);
	emit_classes(g, p, w, c);
}

/* A school's students and their guardians. */
static int gen_people(struct gen *g, const struct plan *p, int school, struct work *w,
		      struct chunk *c)
{
	struct rng r = rng_for(g->seed, W_PEOPLE, (uint64_t)school);

	build_classes(p, school, g->seed, w);
	return emit_students(g, &r, p, school, w, c);
}

/* The second child of the parent sign-in: grade 8 of the first junior or
 * nine-year school of the first chunk, else grade 5 of school 1. */
void demo_place_sibling(struct gen *g, const struct plan *p, int end)
{
	g->sib_school = 0;
	g->sib_grade = 5;
	for (int i = 1; i < end; i++)
		if (p[i].kind != SK_PRIMARY) {
			g->sib_school = i;
			g->sib_grade = 8;
			return;
		}
}

int demo_gen_chunk(struct gen *g, const struct plan *p, int from, int to, bool people,
		   struct chunk *c)
{
	struct work *w = malloc(sizeof *w);

	if (!w)
		return -1;
	for (int i = from; i < to; i++) {
		if (!people) {
			gen_staff(g, &p[i], i, w, c);
		} else if (gen_people(g, &p[i], i, w, c) != 0) {
			c->students.oom = true;
			break;
		}
	}
	free(w);
	return 0;
}
