/* app_demo.c - the demo district: one sign-in per role, an organisation
 * generated from a seed, the 2026 term calendar and the homework of the
 * last 10 school days (in the first 50 schools only, when there are more).
 *
 * The organisation (schools, staff, classes, teaching, students, guardians)
 * is built as in-memory tables shaped like the files a district keeps and
 * goes in through app_import, exactly as a district's own files would: the
 * demo exercises the import, and the import checks the demo. Everything
 * comes from one small generator (splitmix64) seeded per school, so a school
 * is the same whatever the chunking, and the same seed gives the same
 * district. The kinds go in in order: schools; staff, classes and teaching
 * (DEMO_CHUNK_CLASSES classes per import call); students and guardians
 * (DEMO_CHUNK_STUDENTS students per call), so memory stays bounded at any
 * --schools N. Staff and classes go in before any student, so those calls
 * stay cheap however many students a province has.
 *
 * Privacy: every name, 学籍号 and phone number is made up. 学籍号 are not
 * shaped like ID-card numbers (no birth dates in them). */
#include "app/app_internal.h"
#include "app/app_org.h"
#include "core/afterschool.h"
#include "core/calendar.h"
#include "core/homework.h"
#include "store/store_as.h"
#include "store/store_as_demo.h"
#include "store/store_demo.h"
#include "store/store_transfer.h"
#include "store/store_hw.h"
#include "store/store_org.h"
#include "util/timeutil.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DEMO_CHUNK_CLASSES 20000L   /* classes per staff/classes/teaching import call */
#define DEMO_CHUNK_STUDENTS 250000L /* students per students/guardians import call */
#define DEMO_PROGRESS_MIN 50000L    /* show progress from this many students */
#define TEACHER_LOAD 11             /* lessons a week per teacher: about 1 per 15 students */
#define MAX_CLASSES 36              /* 9 grades x 4 classes */
#define MAX_STAFF 256

/* ---- the sign-ins ---- */

enum { AT_NONE = 0, AT_SCHOOL1 = 1 };

static const struct {
	const char *username, *display, *role;
	int at;
} demo_users[] = {
	{ "admin", "区教育局管理员", "district_admin", AT_NONE },
	{ "inspector", "督导室 王督学", "inspector", AT_NONE },
	{ "enforcement", "联合执法 李科长", "enforcement", AT_NONE },
	{ "principal", "第一小学 张校长", "principal", AT_SCHOOL1 },
	{ "academic", "第一小学 教导处 刘主任", "academic_office", AT_SCHOOL1 },
	{ "teacher", "第一小学 陈老师", "teacher", AT_SCHOOL1 },
	{ "parent", "家长 赵女士", "parent", AT_NONE },
	{ "institution", "新荣区青少年体育培训中心", "institution", AT_NONE },
};
#define NUSERS (sizeof demo_users / sizeof demo_users[0])

/* ---- the generator: splitmix64 ---- */

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* An independent stream for (seed, what, index). */
static struct rng rng_for(unsigned seed, uint64_t what, uint64_t index)
{
	struct rng r = { seed };

	r.s = rng_next(&r) ^ (what * UINT64_C(0xD1B54A32D192ED03));
	r.s = rng_next(&r) ^ (index * UINT64_C(0x8CB92BA72F3D8DD7));
	return r;
}

/* 0 .. n-1 */
static uint32_t rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * n) >> 32);
}

static bool rng_per_mille(struct rng *r, unsigned p)
{
	return rng_below(r, 1000) < p;
}

static int rng_range(struct rng *r, int lo, int hi)
{
	return lo + (int)rng_below(r, (uint32_t)(hi - lo + 1));
}

enum { W_PLAN = 1, W_SIZE, W_STAFF, W_PEOPLE, W_NUMBERS, W_HOMEWORK, W_AFTERSCHOOL };

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
#define NCHARS(a) (sizeof(a) / sizeof(a)[0])

enum who_named { N_BOY, N_GIRL, N_MAN, N_WOMAN };

static const char *pick_surname(struct rng *r, unsigned total)
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
static void make_name(struct rng *r, const char *surname, enum who_named w, char *out, size_t cap)
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

static void cn_number(int n, char *out, size_t cap)
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

static const char *const grade_names[] = { "",   "一", "二", "三", "四",
					    "五", "六", "七", "八", "九" };

/* ---- in-memory tables: cells live in one arena per table ---- */

#define ARENA_BLOCK (1u << 20)

struct arena_blk {
	struct arena_blk *next;
	size_t used, cap;
	char data[];
};

struct tb {
	struct table t;
	size_t cap, ncols;
	struct arena_blk *blk;
	bool oom;
};

static void *tb_mem(struct tb *b, size_t n)
{
	void *p;

	n = (n + 7) & ~(size_t)7;
	if (!b->blk || b->blk->cap - b->blk->used < n) {
		size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		struct arena_blk *k = malloc(sizeof *k + cap);

		if (!k)
			return NULL;
		k->next = b->blk;
		k->used = 0;
		k->cap = cap;
		b->blk = k;
	}
	p = b->blk->data + b->blk->used;
	b->blk->used += n;
	return p;
}

/* Append a row of ncols strings (copied). On failure marks b->oom; the
 * caller checks once before importing. */
static void tb_add(struct tb *b, const char *const *vals)
{
	struct table_row *row;
	char **cells;

	if (b->oom)
		return;
	if (b->t.nrows == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 1024;
		struct table_row *rows = realloc(b->t.rows, cap * sizeof *rows);

		if (!rows) {
			b->oom = true;
			return;
		}
		b->t.rows = rows;
		b->cap = cap;
	}
	cells = tb_mem(b, b->ncols * sizeof *cells);
	if (!cells) {
		b->oom = true;
		return;
	}
	for (size_t i = 0; i < b->ncols; i++) {
		size_t n = strlen(vals[i]) + 1;

		cells[i] = tb_mem(b, n);
		if (!cells[i]) {
			b->oom = true;
			return;
		}
		memcpy(cells[i], vals[i], n);
	}
	row = &b->t.rows[b->t.nrows];
	row->line = (int)b->t.nrows + 1;
	row->ncells = b->ncols;
	row->cells = cells;
	b->t.nrows++;
}

static void tb_free(struct tb *b)
{
	while (b->blk) {
		struct arena_blk *next = b->blk->next;

		free(b->blk);
		b->blk = next;
	}
	free(b->t.rows);
	memset(b, 0, sizeof *b);
}

static void tb_init(struct tb *b, const char *const *header, size_t ncols)
{
	memset(b, 0, sizeof *b);
	b->ncols = ncols;
	snprintf(b->t.format, sizeof b->t.format, "csv");
	snprintf(b->t.encoding, sizeof b->t.encoding, "utf-8");
	tb_add(b, header);
}

static long tb_rows(const struct tb *b)
{
	return b->t.nrows ? (long)b->t.nrows - 1 : 0;
}

/* ---- the district's plan: schools ---- */

enum skind { SK_PRIMARY, SK_JUNIOR, SK_NINE, SK_KINDS };
static const char *const skind_names[] = { "小学", "初中", "九年一贯制" };

static int grade_lo(int kind)
{
	return kind == SK_JUNIOR ? 7 : 1;
}

static int grade_hi(int kind)
{
	return kind == SK_PRIMARY ? 6 : 9;
}

struct plan {
	char code[24];
	char name[128];
	char alliance[128];
	unsigned char kind, rural, boarding;
	unsigned char ncls[10]; /* classes in grade 1..9 */
	int classes, students;
};

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
	cn_number(k, num, sizeof num);
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
			cn_number(++nm->groups_u, num, sizeof num);
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

static void plan_district(unsigned seed, struct plan *p, int n, long *students)
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

enum subj {
	S_CHN, S_MATH, S_ENG, S_MORAL, S_SCI, S_PE, S_MUSIC, S_ART, S_IT, S_LAB,
	S_PHY, S_CHEM, S_BIO, S_HIST, S_GEO, NSUBJ
};

/* name; lessons a week in grades 1-2, 3-6, 7-9 (0 = not taught there); the
 * last grade a junior subject is taught; per mille of women teaching it. */
static const struct {
	const char *name;
	unsigned char w[3], last;
	unsigned short women;
} subjects[NSUBJ] = {
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

	if (g > subjects[s].last || (s == S_PHY && g < 8) || (s == S_CHEM && g < 9))
		return 0;
	return subjects[s].w[band];
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
		bool woman = rng_per_mille(r, subjects[t->subj[0]].women);

		snprintf(t->no, sizeof t->no, "T%05d%03d", school + 1, i + 1);
		make_name(r, pick_surname(r, stotal), woman ? N_WOMAN : N_MAN, t->name,
			  sizeof t->name);
	}
}

/* ---- people: families, numbers ---- */

enum rel { R_FATHER, R_MOTHER, R_GRANDPA, R_GRANDMA, R_GRANDMA_M };
static const char *const rel_names[] = { "父亲", "母亲", "祖父", "祖母", "外祖母" };

struct guard {
	char name[16];
	char phone[24];
	unsigned char rel;
	bool login;
};

struct family {
	const char *surname;
	struct guard gd[2];
	unsigned char ngd, kids;
	bool left_behind;
};

static const char *const phone_prefix[] = {
	"130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150",
	"151", "152", "153", "155", "156", "157", "158", "159", "176", "177", "180",
	"181", "182", "183", "185", "186", "187", "188", "189", "199",
};
#define NPREFIX (sizeof phone_prefix / sizeof phone_prefix[0])

/* Numbers are handed out in order and scrambled by a keyed permutation of
 * 0..10^8-1 (a 4-round Feistel network on 28 bits, cycle-walked below
 * 10^8), so they are unique, look random and depend on the seed. */
struct numbers {
	uint64_t key[4];
	long reg_next, tel_next;
};

static void numbers_init(struct numbers *n, unsigned seed)
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

/* ---- the generator's state across chunks ---- */

/* What the after-school part wrote (make_afterschool). */
struct as_counts {
	long programs, staff, applications, admitted, waitlisted, extended, alone, sessions,
		recorded, attendance, present, flagged, hw_asked, hw_done, incidents, checks,
		stale;
};

struct gen {
	unsigned seed, stotal;
	struct numbers num;
	struct family demo_family; /* the parent sign-in's: two children */
	int sib_school, sib_grade; /* where the second child goes */
	long nclasses, nstaff, nstudents, nguardians;
	char teacher_class[192];
	/* homework history (make_homework) */
	int hw_days, hw_schools;
	long hw_classes, hw_class_days, hw_items, hw_written, hw_graded, hw_reports, hw_followups,
		hw_refusals, hw_accounts;
	char hw_from[11], hw_to[11];
	/* after-school service (make_afterschool): all schools, school 1 */
	int as_days, as_schools;
	struct as_counts as_all, as_one;
	char as_term[128], as_from[11], as_to[11], as_today[11];
	/* accounts (make_accounts): one argon2id string per role, for all its
	 * accounts (a demo); parents left pending, three shown with codes */
	char staff_hash[128], parent_hash[128];
	long staff_accounts, parent_accounts, pending;
	char pending_login[3][64], pending_code[3][24];
};

struct chunk {
	struct tb staff, classes, teaching, students, guardians;
};

static const char *const staff_cols[] = { "学校代码", "工号", "姓名", "任教学科", "登录名" };
static const char *const class_cols[] = { "学校代码", "班级代码", "年级", "班级名称",
					   "班主任工号" };
static const char *const teaching_cols[] = { "学校代码", "班级代码", "学科", "工号" };
static const char *const student_cols[] = { "学籍号", "姓名", "性别", "学校代码", "班级代码",
					     "特殊需要", "寄宿", "留守" };
static const char *const guardian_cols[] = { "学籍号", "监护人姓名", "关系", "手机号", "登录名" };
static const char *const school_cols[] = { "学校代码", "学校名称", "学校类型", "寄宿", "联盟集团" };

static void chunk_init(struct chunk *c)
{
	tb_init(&c->staff, staff_cols, NCHARS(staff_cols));
	tb_init(&c->classes, class_cols, NCHARS(class_cols));
	tb_init(&c->teaching, teaching_cols, NCHARS(teaching_cols));
	tb_init(&c->students, student_cols, NCHARS(student_cols));
	tb_init(&c->guardians, guardian_cols, NCHARS(guardian_cols));
}

static void chunk_free(struct chunk *c)
{
	tb_free(&c->staff);
	tb_free(&c->classes);
	tb_free(&c->teaching);
	tb_free(&c->students);
	tb_free(&c->guardians);
}

static bool chunk_oom(const struct chunk *c)
{
	return c->staff.oom || c->classes.oom || c->teaching.oom || c->students.oom ||
	       c->guardians.oom;
}

static void emit_staff(struct gen *g, const struct plan *p, const struct work *w, struct chunk *c)
{
	for (int i = 0; i < w->nst; i++) {
		const struct wstaff *t = &w->st[i];
		char subj[64];
		const char *v[5] = { p->code, t->no, t->name, subj, t->login ? "teacher" : "" };

		snprintf(subj, sizeof subj, "%s%s%s", subjects[t->subj[0]].name,
			 t->subj[1] >= 0 ? "、" : "",
			 t->subj[1] >= 0 ? subjects[t->subj[1]].name : "");
		tb_add(&c->staff, v);
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
		snprintf(name, sizeof name, "%s年级（%d）班", grade_names[k->grade], k->num);
		tb_add(&c->classes, v);
		for (int s = 0; s < NSUBJ; s++) {
			const char *t[4] = { p->code, k->code, subjects[s].name, NULL };

			if (k->tch[s] < 0)
				continue;
			t[3] = w->st[k->tch[s]].no;
			tb_add(&c->teaching, t);
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
	f->surname = pick_surname(r, g->stotal);
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
		make_name(r, male ? f->surname : pick_surname(r, g->stotal), male ? N_MAN : N_WOMAN,
			  q->name, sizeof q->name);
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
	make_name(r, "赵", N_WOMAN, f->gd[0].name, sizeof f->gd[0].name);
	make_name(r, f->surname, N_MAN, f->gd[1].name, sizeof f->gd[1].name);
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
	make_name(r, f->surname, boy ? N_BOY : N_GIRL, name, sizeof name);
	tb_add(&c->students, v);
	f->kids++;
	for (int i = 0; i < f->ngd; i++) {
		const struct guard *q = &f->gd[i];
		const char *gv[5] = { reg, q->name, rel_names[q->rel], q->phone,
				      q->login ? "parent" : "" };

		tb_add(&c->guardians, gv);
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
		make_name(r, "陈", N_WOMAN, t->name, sizeof t->name);
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
static void place_sibling(struct gen *g, const struct plan *p, int end)
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

/* ---- progress on stderr ---- */

/* Two passes, each counted in its own unit: schools while staff, classes
 * and teaching go in, then students while students and guardians do. */
struct progress {
	bool on, tty;
	const char *label;            /* the unit: 学校, 学生 */
	long total, base;             /* units */
	long chunk_units;             /* units of the current chunk */
	long chunk_rows, rows_done;   /* rows of the chunk's files, rows imported */
	long cur_rows;                /* data rows of the file being imported */
	long in_import, shown, next_mark;
	long kind_rows[IMPORT_KINDS]; /* rows imported and seconds taken, by kind */
	double kind_secs[IMPORT_KINDS];
	struct timespec t0;
};

static void progress_show(struct progress *p)
{
	long cur;

	if (!p->on || p->chunk_rows <= 0)
		return;
	cur = p->base + (long)((double)p->chunk_units * (double)(p->rows_done + p->in_import) /
			       (double)p->chunk_rows);
	cur = cur > p->total ? p->total : cur;
	if (p->tty && (cur - p->shown >= p->total / 200 || cur == p->total) && cur != p->shown) {
		fprintf(stderr, "\r%s %ld / %ld …", p->label, cur, p->total);
		p->shown = cur;
	} else if (!p->tty && cur >= p->next_mark) {
		fprintf(stderr, "%s %ld / %ld …\n", p->label, cur, p->total);
		p->shown = cur;
		while (p->next_mark <= cur)
			p->next_mark += p->total / 10 > 0 ? p->total / 10 : 1;
	}
}

static void progress_start(struct progress *p, const char *label, long total)
{
	if (p->on && p->tty && p->shown)
		fprintf(stderr, "\n");
	p->label = label;
	p->total = total;
	p->base = p->shown = 0;
	p->next_mark = total / 10;
}

static void progress_cb(long done, long total, void *arg)
{
	struct progress *p = arg;

	p->in_import = total > 0 ? (long)((double)done * (double)p->cur_rows / (double)total) : 0;
	progress_show(p);
}

static double progress_seconds(const struct progress *p)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - p->t0.tv_sec) + (double)(t.tv_nsec - p->t0.tv_nsec) / 1e9;
}

/* The time taken and each kind's import speed, for whoever sizes a
 * province. */
static void progress_done(const struct progress *p)
{
	double secs = progress_seconds(p);

	fprintf(stderr, "%s用时 %.1f 秒；导入速度：", p->tty ? "\n" : "", secs);
	for (int k = 0; k < IMPORT_KINDS; k++)
		fprintf(stderr, "%s%s %ld 行 %.1f 秒（%.0f 行/秒）", k ? "，" : "",
			import_kind_id((enum import_kind)k), p->kind_rows[k], p->kind_secs[k],
			p->kind_secs[k] > 0 ? (double)p->kind_rows[k] / p->kind_secs[k] : 0.0);
	fprintf(stderr, "\n");
}

/* ---- importing ---- */

static void report_errors(enum import_kind k, const struct import_report *rep)
{
	size_t i;
	json_t *row;

	fprintf(stderr, "demo: %s 导入被拒绝：%ld 行有错\n", import_kind_id(k), rep->nerrors);
	json_array_foreach(rep->errors, i, row) {
		const char *col = json_string_value(json_object_get(row, "column"));
		const char *msg = json_string_value(json_object_get(row, "message"));

		if (i >= 5)
			break;
		fprintf(stderr, "  第 %lld 行 %s：%s\n",
			(long long)json_integer_value(json_object_get(row, "line")), col ? col : "",
			msg ? msg : "");
	}
}

static int import_one(struct app *a, const struct actor *who, enum import_kind k, struct tb *b,
		      struct progress *p, struct app_err *e)
{
	struct import_report rep;
	double t0;
	int rc;

	memset(&rep, 0, sizeof rep);
	if (b->oom)
		return app_fail(e, 500, "OUT_OF_MEMORY", "内存不足，无法生成演示数据");
	p->in_import = 0;
	p->cur_rows = tb_rows(b);
	t0 = progress_seconds(p);
	rc = app_import(a, who, k, &b->t, false, &rep, p->on ? progress_cb : NULL, p, e);
	if (rc != 0)
		report_errors(k, &rep);
	import_report_free(&rep);
	p->kind_secs[k] += progress_seconds(p) - t0;
	p->kind_rows[k] += p->cur_rows;
	p->in_import = 0;
	p->rows_done += tb_rows(b);
	progress_show(p);
	return rc;
}

static int import_schools(struct app *a, const struct actor *who, const struct plan *p, int n,
			  struct progress *pr, struct app_err *e)
{
	struct tb b;
	int rc;

	tb_init(&b, school_cols, NCHARS(school_cols));
	for (int i = 0; i < n; i++) {
		const char *v[5] = { p[i].code, p[i].name, skind_names[p[i].kind],
				     p[i].boarding ? "是" : "否", p[i].alliance };

		tb_add(&b, v);
	}
	rc = import_one(a, who, IMPORT_SCHOOLS, &b, pr, e);
	tb_free(&b);
	return rc;
}

/* Import a chunk's files of kinds [k0, k1) in order. */
static int import_files(struct app *a, const struct actor *who, struct chunk *c, int k0, int k1,
			struct progress *pr, struct app_err *e)
{
	struct tb *files[IMPORT_KINDS] = { NULL, &c->staff, &c->classes, &c->teaching,
					   &c->students, &c->guardians };

	if (chunk_oom(c))
		return app_fail(e, 500, "OUT_OF_MEMORY", "内存不足，无法生成演示数据");
	pr->chunk_rows = pr->rows_done = 0;
	for (int k = k0; k < k1; k++)
		pr->chunk_rows += tb_rows(files[k]);
	for (int k = k0; k < k1; k++)
		if (import_one(a, who, (enum import_kind)k, files[k], pr, e) != 0)
			return -1;
	pr->base += pr->chunk_units;
	return 0;
}

/* Schools [from, to): staff, then classes (which name head teachers), then
 * teaching (pass 1); or students, then guardians (pass 2). */
static int import_chunk(struct app *a, const struct actor *who, struct gen *g,
			const struct plan *p, int from, int to, bool people,
			struct progress *pr, struct app_err *e)
{
	struct chunk c;
	struct work *w = malloc(sizeof *w);
	int rc = -1;

	chunk_init(&c);
	if (!w) {
		rc = app_fail(e, 500, "OUT_OF_MEMORY", "内存不足，无法生成演示数据");
		goto out;
	}
	for (int i = from; i < to; i++) {
		if (!people) {
			gen_staff(g, &p[i], i, w, &c);
		} else if (gen_people(g, &p[i], i, w, &c) != 0) {
			c.students.oom = true;
			break;
		}
	}
	pr->chunk_units = people ? tb_rows(&c.students) : to - from;
	rc = people ? import_files(a, who, &c, IMPORT_STUDENTS, IMPORT_KINDS, pr, e)
		    : import_files(a, who, &c, IMPORT_STAFF, IMPORT_STUDENTS, pr, e);
out:
	free(w);
	chunk_free(&c);
	return rc;
}

/* Everything but the schools, in the order of the kinds, in chunks: the
 * end of the chunk that starts at `from`. */
static int chunk_end(const struct plan *p, int n, int from, bool people)
{
	long size = 0, budget = people ? DEMO_CHUNK_STUDENTS : DEMO_CHUNK_CLASSES;
	int to = from;

	while (to < n) {
		long add = people ? p[to].students : p[to].classes;

		if (to > from && size + add > budget)
			break;
		size += add;
		to++;
	}
	return to;
}

static int import_org(struct app *a, const struct actor *who, struct gen *g,
		      const struct plan *p, int n, long students, struct progress *pr,
		      struct app_err *e)
{
	progress_start(pr, "学校（教师、班级、任课）", n);
	for (int from = 0, to; from < n; from = to) {
		to = chunk_end(p, n, from, false);
		if (import_chunk(a, who, g, p, from, to, false, pr, e) != 0)
			return -1;
	}
	progress_start(pr, "学生（学生、监护人）", students);
	for (int from = 0, to; from < n; from = to) {
		to = chunk_end(p, n, from, true);
		if (from == 0)
			place_sibling(g, p, to);
		if (import_chunk(a, who, g, p, from, to, true, pr, e) != 0)
			return -1;
	}
	return 0;
}

/* ---- terms and the calendar ---- */

/* The 2026 public holidays and make-up working days as the State Council's
 * General Office (国务院办公厅) arranged them. This is the demo's data: a
 * district keeps its own calendar and edits it. */
static const struct {
	const char *from, *to, *kind, *note;
} calendar_2026[] = {
	{ "2026-01-01", "2026-01-03", "holiday", "元旦" },
	{ "2026-01-04", "2026-01-04", "makeup", "元旦调休上课" },
	{ "2026-02-14", "2026-02-14", "makeup", "春节调休上课" },
	{ "2026-02-15", "2026-02-23", "holiday", "春节" },
	{ "2026-02-28", "2026-02-28", "makeup", "春节调休上课" },
	{ "2026-04-04", "2026-04-06", "holiday", "清明节" },
	{ "2026-05-01", "2026-05-05", "holiday", "劳动节" },
	{ "2026-05-09", "2026-05-09", "makeup", "劳动节调休上课" },
	{ "2026-06-19", "2026-06-21", "holiday", "端午节" },
	{ "2026-09-20", "2026-09-20", "makeup", "国庆节调休上课" },
	{ "2026-09-25", "2026-09-27", "holiday", "中秋节" },
	{ "2026-10-01", "2026-10-07", "holiday", "国庆节" },
	{ "2026-10-10", "2026-10-10", "makeup", "国庆节调休上课" },
};

static const struct {
	const char *name, *from, *to;
} demo_terms[] = {
	{ "2025-2026学年第二学期", "2026-03-02", "2026-07-10" },
	{ "2026-2027学年第一学期", "2026-09-01", "2027-01-22" },
};

static int make_calendar(struct app *a, const struct actor *who, struct app_err *e)
{
	for (size_t i = 0; i < NCHARS(demo_terms); i++) {
		int64_t id;

		if (app_term_create(a, who, demo_terms[i].name, demo_terms[i].from,
				    demo_terms[i].to, &id, e) != 0)
			return -1;
	}
	for (size_t i = 0; i < NCHARS(calendar_2026); i++) {
		int64_t d, end;
		char day[16];

		if (date_parse(calendar_2026[i].from, &d) != 0 ||
		    date_parse(calendar_2026[i].to, &end) != 0)
			return app_fail(e, 500, "INTERNAL", "演示校历日期有误");
		for (; d <= end; d++) {
			date_format(d, day, sizeof day);
			if (app_calendar_set(a, who, day, calendar_2026[i].kind,
					     calendar_2026[i].note, e) != 0)
				return -1;
		}
	}
	return 0;
}

/* ---- homework history ----
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

#define HW_DAYS 10          /* school days of homework before today */
#define HW_LOOKBACK 60      /* calendar days searched for them */
#define HW_SCHOOLS 50       /* schools with homework in a larger district */
#define HW_MAX_CLASSES 64
#define HW_MAX_STUDENTS 64
#define HW_UNF_MAX 8        /* unfinished days kept per student */

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
			cn_number(n->lesson, v, sizeof v);
		else if (i == 1)
			cn_number(n->unit, v, sizeof v);
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

struct demo_class {
	int64_t id, school_id, head, head_user;
	int64_t user[NSUBJ]; /* the account of the teacher of each subject */
	int grade, ord;
	bool has[NSUBJ];
	int64_t staff[NSUBJ];
	int nst;
	int64_t st[HW_MAX_STUDENTS];
	bool left_behind[HW_MAX_STUDENTS];
	int total[HW_DAYS];
	int watch;    /* student made to miss 3 days (a follow-up), -1 */
	int over_day; /* day whose reported average passes the limit, -1 */
	unsigned char nunf[HW_MAX_STUDENTS];
	unsigned char unf_day[HW_MAX_STUDENTS][HW_UNF_MAX], unf_why[HW_MAX_STUDENTS][HW_UNF_MAX];
};

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

/* An instant on a day, minutes after the district's local midnight. */
static int64_t local_at(const struct app *a, int64_t day, int minute)
{
	return day * 86400 + (int64_t)(minute - a->policy.utc_offset_minutes) * 60;
}

static int64_t hw_at(const struct hw_ctx *c, int64_t day, int minute)
{
	return local_at(c->a, day, minute);
}

static int round5(int v)
{
	return v < 5 ? 5 : (v + 2) / 5 * 5;
}

/* Up to want school days of the district's terms from day `from` on, going
 * by step (1 or -1) across at most span calendar days, in the order met. */
static int school_days(struct db *db, const struct app *a, int64_t from, int step, int want,
		       int span, int64_t *out, int *n, struct db_err *dbe)
{
	*n = 0;
	for (int64_t d = from; d != from + (int64_t)step * span && *n < want; d += step) {
		char ds[11], mark[16];
		int in_term = 0;

		date_format(d, ds, sizeof ds);
		if (store_day_info(db, a->district_id, ds, &in_term, mark, sizeof mark, dbe) != 0)
			return -1;
		if (in_term && cal_classify(d, true, mark) == POLICY_DAY_SCHOOL)
			out[(*n)++] = d;
	}
	return 0;
}

/* The last HW_DAYS school days before today, oldest first. */
static int hw_window(struct hw_ctx *c, struct db *db, struct db_err *dbe)
{
	int64_t back[HW_DAYS];
	int n = 0;

	c->today = date_of(time_now(), c->a->policy.utc_offset_minutes);
	date_format(c->today, c->today_s, sizeof c->today_s);
	if (store_term_started(db, c->a->district_id, c->today_s, c->report_from, dbe) != 0 ||
	    school_days(db, c->a, c->today - 1, -1, HW_DAYS, HW_LOOKBACK, back, &n, dbe) != 0)
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
	int rc;

	hw_fill(pk->t->title, nums, title, sizeof title);
	hw_fill(pk->t->content, nums, content, sizeof content);
	if (hw_parent_keyword(pol, title) || hw_parent_keyword(pol, content) ||
	    !k->user[pk->t->subj])
		return 0; /* another district's keywords, or nobody to post it: leave it out */
	date_format(di + 1 < c->ndays ? c->days[di + 1]
		    : c->days[di] + (date_weekday(c->days[di]) == 5 ? 3 : 1), due, sizeof due);
	memset(&h, 0, sizeof h);
	h.district_id = c->a->district_id;
	h.school_id = k->school_id;
	h.class_id = k->id;
	h.user_id = k->user[pk->t->subj];
	h.staff_id = k->staff[pk->t->subj];
	h.subject = subjects[pk->t->subj].name;
	h.kind = hw_kind_ids[pk->t->kind];
	h.tier = pk->t->optional ? "optional" : pk->tier;
	h.title = title;
	h.content = content;
	h.minutes = pk->minutes;
	h.counted = hw_counts((enum hw_kind)pk->t->kind, (enum hw_tier)hw_tier_parse(h.tier))
			    ? pk->minutes : 0;
	h.assigned_on = c->day_s[di];
	h.due_on = due;
	h.status = "published";
	h.reason = "";
	h.now = hw_at(c, c->days[di], rng_range(r, 930, 1050));
	if (store_hw_day_add(db, h.district_id, h.school_id, h.class_id, h.assigned_on, h.counted,
			     total, dbe) != 0 ||
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

/* A class's subjects (with their teachers) and students. */
static int load_class(const struct store_scope *scope, struct db *db, struct demo_class *k,
		      struct db_err *dbe)
{
	struct db_res *r = NULL;

	if (store_class_teaching(db, k->id, &r, dbe) != 0)
		return -1;
	for (int i = 0; i < db_res_rows(r); i++)
		for (int s = 0; s < NSUBJ; s++)
			if (!strcmp(db_res_text(r, i, 3), subjects[s].name)) {
				k->has[s] = true;
				k->staff[s] = db_res_int(r, i, 0);
			}
	db_res_free(r);
	if (store_class_students(db, scope, k->id, &r, dbe) != 0)
		return -1;
	for (int i = 0; i < db_res_rows(r) && k->nst < HW_MAX_STUDENTS; i++) {
		k->left_behind[k->nst] = db_res_int(r, i, 6) != 0;
		k->st[k->nst++] = db_res_int(r, i, 0);
	}
	db_res_free(r);
	k->watch = k->over_day = -1;
	return 0;
}

/* A school's classes in grade order, each with its head teacher, subjects
 * and students: *out (calloc'd, the caller frees it) and *n. */
static int load_classes(const struct store_scope *scope, struct db *db, int64_t school_id,
			struct demo_class **out, int *n, struct db_err *dbe)
{
	struct db_res *r = NULL;
	struct demo_class *cls;
	int ncls;

	*out = NULL;
	*n = 0;
	if (store_class_list(db, scope, school_id, 0, 0, HW_MAX_CLASSES, &r, dbe) != 0)
		return -1;
	ncls = db_res_rows(r);
	cls = calloc((size_t)ncls + 1, sizeof *cls);
	if (!cls) {
		db_res_free(r);
		return -1;
	}
	for (int i = 0; i < ncls; i++) {
		cls[i].id = db_res_int(r, i, 0);
		cls[i].school_id = school_id;
		cls[i].grade = (int)db_res_int(r, i, 4);
		cls[i].head = db_res_int(r, i, 7);
		cls[i].ord = i;
	}
	db_res_free(r);
	for (int i = 0; i < ncls; i++)
		if (cls[i].grade < 1 || cls[i].grade > POLICY_MAX_GRADE ||
		    load_class(scope, db, &cls[i], dbe) != 0) {
			free(cls);
			return -1;
		}
	*out = cls;
	*n = ncls;
	return 0;
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

static int64_t res_id(const struct db_res *r, const char *key)
{
	for (int i = 0; i < db_res_rows(r); i++)
		if (!strcmp(db_res_text(r, i, 0), key))
			return db_res_int(r, i, 1);
	return 0;
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

/* The parent sign-in's children, in the order they were imported (none
 * when parent_uid is 0): at most 4. */
static int load_kids(struct db *db, int64_t district_id, int64_t parent_uid, int64_t kids[4],
		     int *n, struct db_err *dbe)
{
	struct db_res *r = NULL;

	*n = 0;
	if (!parent_uid)
		return 0;
	if (store_children(db, district_id, parent_uid, &r, dbe) != 0)
		return -1;
	for (int i = 0; i < db_res_rows(r) && *n < 4; i++)
		kids[(*n)++] = db_res_int(r, i, 0);
	db_res_free(r);
	return 0;
}

static int hw_school(struct hw_ctx *c, struct db *db, int64_t school_id, struct db_err *dbe)
{
	struct demo_class *cls = NULL;
	int ncls = 0, rc = -1;

	if (load_classes(&c->scope, db, school_id, &cls, &ncls, dbe) != 0 ||
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
	c->teacher_uid = res_id(u, "teacher");
	c->planner = res_id(u, "principal");
	c->planner = c->planner ? c->planner : db_res_int(u, 0, 1);
	parent = res_id(u, "parent");
	c->reporter = parent ? parent : c->planner;
	if (c->ndays == 0) {
		rc = 0;
		goto out;
	}
	if (store_codes_schools(db, c->a->district_id, &sc, dbe) != 0 ||
	    load_kids(db, c->a->district_id, parent, c->kids, &c->nkids, dbe) != 0)
		goto out;
	for (c->school = 0; c->school < nsch; c->school++) {
		int64_t sid = res_id(sc, c->p[c->school].code);

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

/* A history written in one transaction with the store's bulk settings. */
struct bulk {
	app_tx_fn fn;
	void *ctx;
};

static int bulk_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct bulk *b = vctx;
	int rc;

	if (store_bulk_begin(db, dbe) != 0)
		return -1;
	rc = b->fn(db, b->ctx, dbe, e);
	if (store_bulk_end(db, rc == 0 ? dbe : &(struct db_err){ 0 }) != 0)
		rc = -1;
	return rc;
}

static int history_tx(struct app *a, app_tx_fn fn, void *ctx, struct app_err *e)
{
	struct bulk b = { fn, ctx };

	return app_tx(a, bulk_tx, &b, e);
}

static int make_homework(struct app *a, const struct actor *who, struct gen *g,
			 const struct plan *p, int n, struct app_err *e)
{
	struct hw_ctx c = { .a = a, .who = who, .g = g, .p = p, .n = n };

	app_scope_of(who, &c.scope);
	if (history_tx(a, hw_tx, &c, e) != 0)
		return -1;
	g->hw_days = c.ndays;
	if (c.ndays) {
		snprintf(g->hw_from, sizeof g->hw_from, "%s", c.day_s[0]);
		snprintf(g->hw_to, sizeof g->hw_to, "%s", c.day_s[c.ndays - 1]);
	}
	return 0;
}

/* ---- after-school service ----
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
	make_name(r, pick_surname(r, c->g->stotal), rng_per_mille(r, 500) ? N_MAN : N_WOMAN,
		  s->name, sizeof s->name);
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
		snprintf(g->name, sizeof g->name, "作业辅导（%s年级）", grade_names[k]);
		snprintf(g->venue, sizeof g->venue, "%s年级各班教室", grade_names[k]);
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

/* The school's plan: Monday to Friday, service from start to end (not
 * before the pack's end time), extended care for an hour after it and, where
 * the pack allows it for the school's grades, evening study. Checked by the
 * core as the use case checks it. */
static int as_plan(struct as_ctx *c, struct db *db, int64_t school_id, int *start, int *end,
		   struct db_err *dbe, struct app_err *e)
{
	const struct policy *pol = &c->a->policy;
	int kind = c->p[c->school].kind, n = 0, version = 0;
	bool grades[POLICY_MAX_GRADE + 1] = { false }, evening = false;
	struct as_slot slots[15];
	struct as_verdict v;
	int64_t id = 0;

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

		slots[n++] = (struct as_slot){ wd, *start, *end, AS_SLOT_REGULAR };
		slots[n++] = (struct as_slot){ wd, *end, *end + 60, AS_SLOT_EXTENDED };
		if (evening && late + 90 < 24 * 60)
			slots[n++] = (struct as_slot){ wd, late, late + 90, AS_SLOT_EVENING };
	}
	if (as_plan_check(pol, grades, slots, n, &v) != 0)
		return app_fail(e, 500, "INTERNAL", "演示的课后服务方案不符合规则：%s", v.message);
	if (store_as_plan_insert(db, c->a->district_id, school_id, c->term_id,
				 local_at(c->a, c->term_from - 7, 600),
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
			.term_id = c->term_id, .now = local_at(c->a, c->term_from - 5, 600),
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
	int64_t t0 = local_at(c->a, c->term_from, 480);

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
		.handover_at = local_at(c->a, c->days[di], end + 2), .present_pm = AS_PRESENT_PM,
		.leave_pm = AS_LEAVE_PM, .alone_pm = AS_ALONE_PM,
		.homework_pm = strcmp(g->category, "homework") ? -1 : AS_HW_DONE_PM };
	struct store_as_demo_tally t;
	const char *form = "", *kw;
	char content[256];

	as_content(c, g, &r, flag, content, sizeof content, &form);
	kw = as_new_lesson_keyword(&c->a->policy, content);
	if (store_as_session_record(db, sid, content, form, 1, kw ? kw : "", uid,
				    local_at(c->a, c->days[di], end + 10), dbe) != 0 ||
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
		.now = local_at(c->a, day, 1020), .venue = venue, .day = ds,
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
				.now = local_at(c->a, c->days[di], start + 70), .kind = "injury",
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

	if (load_classes(&c->scope, db, school_id, &cls, &ncls, dbe) != 0 ||
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
	if (school_days(db, c->a, c->today - 1, -1, AS_DAYS, AS_SPAN, back, &nb, dbe) != 0 ||
	    school_days(db, c->a, c->today, 1, AS_DAYS + 1, AS_SPAN, ahead, &na, dbe) != 0)
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
	c->admin_uid = res_id(u, "admin") ? res_id(u, "admin") : db_res_int(u, 0, 1);
	c->principal_uid = res_id(u, "principal");
	c->academic_uid = res_id(u, "academic");
	c->teacher_uid = res_id(u, "teacher");
	c->parent_uid = res_id(u, "parent") ? res_id(u, "parent") : c->admin_uid;
	if (store_codes_schools(db, c->a->district_id, &sc, dbe) != 0 ||
	    load_kids(db, c->a->district_id, res_id(u, "parent"), c->kids, &c->nkids, dbe) != 0)
		goto out;
	for (c->school = 0; c->school < nsch; c->school++) {
		int64_t sid = res_id(sc, c->p[c->school].code);
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

static int make_afterschool(struct app *a, const struct actor *who, struct gen *g,
			    const struct plan *p, int n, struct app_err *e)
{
	struct as_ctx c = { .a = a, .who = who, .g = g, .p = p, .n = n };

	app_scope_of(who, &c.scope);
	if (history_tx(a, as_tx, &c, e) != 0)
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

/* ---- every teacher's and guardian's account ---- */

struct acc_ctx {
	struct app *a;
	struct gen *g;
};

#define DEMO_PENDING_EVERY 20 /* one parent in 20 waits for activation */

static int accounts_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct acc_ctx *c = vctx;
	struct gen *g = c->g;
	struct db_res *r = NULL;
	int64_t d = c->a->district_id, made = 0, expires;
	int rc;

	(void)e;
	/* staff of the schools without homework history have none yet */
	rc = store_school_directory(db, d, &r, dbe);
	for (int i = 0; rc == 0 && i < db_res_rows(r); i++) {
		rc = store_demo_staff_accounts(db, d, db_res_int(r, i, 0), time_now(), g->staff_hash,
					       &made, dbe);
		g->staff_accounts += made;
	}
	db_res_free(r);
	r = NULL;
	if (rc != 0 || store_demo_guardian_accounts(db, d, time_now(), g->parent_hash, &made, dbe) ||
	    store_demo_parents_sample(db, d, DEMO_PENDING_EVERY, &r, dbe))
		return -1;
	g->parent_accounts = made;
	for (int i = 0; rc == 0 && i < db_res_rows(r); i++) {
		char code[24];

		rc = app_account_code(db, db_res_int(r, i, 0), c->a->cfg.activation_days, code,
				      &expires, dbe);
		if (i < 3) {
			snprintf(g->pending_login[i], sizeof g->pending_login[i], "%s",
				 db_res_text(r, i, 1));
			snprintf(g->pending_code[i], sizeof g->pending_code[i], "%s", code);
		}
	}
	g->pending = db_res_rows(r);
	db_res_free(r);
	return rc;
}

static int make_accounts(struct app *a, struct gen *g, struct app_err *e)
{
	struct acc_ctx c = { a, g };

	g->staff_accounts = g->hw_accounts;
	return history_tx(a, accounts_tx, &c, e);
}

/* The hash every teacher's and every parent's account gets: those of the
 * teacher and parent sign-ins' passwords. */
static int role_hashes(struct gen *g, char pw[][40], struct app_err *e)
{
	for (size_t i = 0; i < NUSERS; i++) {
		char *out = !strcmp(demo_users[i].username, "teacher") ? g->staff_hash
			    : !strcmp(demo_users[i].username, "parent") ? g->parent_hash : NULL;

		if (out && app_hash_password(pw[i], out, sizeof g->staff_hash) != 0)
			return app_fail(e, 500, "INTERNAL", "密码处理失败");
	}
	return 0;
}

/* ---- the sign-ins ---- */

static int make_user(struct app *a, size_t i, const char *pw, int64_t school_id,
		     struct app_err *e)
{
	struct init_ctx c = { .district_name = a->policy.district, .require_empty = i == 0 };

	if (app_fill_new_user(&c.u, 0, demo_users[i].username, demo_users[i].display,
			      demo_users[i].role, pw, e) != 0)
		return -1;
	c.u.school_id = school_id;
	if (app_tx(a, app_init_tx, &c, e) != 0)
		return -1;
	a->district_id = c.u.district_id;
	return 0;
}

static int make_users(struct app *a, const struct plan *p, char pw[][40], struct app_err *e)
{
	int64_t school = 0;
	int rc = app_school_by_code(a, a->district_id, p[0].code, &school, e);

	if (rc < 0)
		return -1;
	if (rc == 1)
		return app_fail(e, 500, "INTERNAL", "演示区的第一所学校没有导入");
	for (size_t i = 1; i < NUSERS; i++)
		if (make_user(a, i, pw[i], demo_users[i].at == AT_SCHOOL1 ? school : 0, e) != 0)
			return -1;
	return 0;
}

/* Columns a UTF-8 string takes on a terminal: CJK characters take two. */
static int display_width(const char *s)
{
	int w = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x80)
			w++;
		else if (*p >= 0xE0)
			w += 2;
		else if (*p >= 0xC0)
			w++;
	return w;
}

static long percent_of(long part, long whole)
{
	return whole > 0 ? (part * 100 + whole / 2) / whole : 0;
}

static void print_afterschool(const struct gen *g, const struct plan *p, int n)
{
	const struct as_counts *x = &g->as_all, *o = &g->as_one;
	char where[48] = "";

	if (g->as_days == 0) {
		printf("课后服务：今天不在学期中，未生成课后服务记录\n");
		return;
	}
	if (n > g->as_schools)
		snprintf(where, sizeof where, "前 %d 所学校的 ", g->as_schools);
	printf("课后服务：%s，%s%ld 个项目（均免费），%ld 份自愿报名（录取 %ld，候补 %ld，"
	       "延时托管 %ld），%s 至 %s %ld 次活动（今天之前 %ld 次已记录，出勤 %ld%%，"
	       "作业辅导中书面作业完成 %ld%%，%ld 次内容疑似讲授新课待核查），%ld 次场地安全检查"
	       "（%ld 处超期未查）；%s %ld 个项目、%ld 份报名、%ld 起事件%s\n",
	       g->as_term, where, x->programs, x->applications, x->admitted, x->waitlisted,
	       x->extended, g->as_from, g->as_to, x->sessions, x->recorded,
	       percent_of(x->present, x->attendance), percent_of(x->hw_done, x->hw_asked),
	       x->flagged, x->checks, x->stale, p[0].name, o->programs, o->applications,
	       o->incidents, g->as_today[0] ? "，陈老师今天的作业辅导（三年级）待考勤" : "");
}

static void print_summary(const struct app *a, const struct gen *g, const struct plan *p, int n,
			  char pw[][40])
{
	printf("演示区：%d 所学校，%ld 个班级，%ld 名教师，%ld 名学生，%ld 名监护人\n", n,
	       g->nclasses, g->nstaff, g->nstudents, g->nguardians);
	printf("校历：");
	for (size_t i = 0; i < NCHARS(demo_terms); i++)
		printf("%s%s（%s 至 %s）", i ? "，" : "", demo_terms[i].name, demo_terms[i].from,
		       demo_terms[i].to);
	printf("；2026 年节假日和调休按国务院办公厅的安排录入（演示数据，区里可在校历中修改）\n");
	if (g->hw_days == 0) {
		printf("作业：今天之前 %d 天内没有上课日（不在学期中），未生成作业记录\n", HW_LOOKBACK);
	} else {
		char where[48] = "";

		if (n > g->hw_schools)
			snprintf(where, sizeof where, "前 %d 所学校的 ", g->hw_schools);
		printf("作业：最近 %d 个上课日（%s 至 %s），%s%ld 个班级 %ld 项作业（书面 %ld 项，"
		       "已批改 %ld 项），%ld 份家长用时报告，%ld 名学生待跟进，%ld 条被拒绝的布置记录"
		       "；%s已公示作业管理方案\n",
		       g->hw_days, g->hw_from, g->hw_to, where, g->hw_classes, g->hw_items,
		       g->hw_written, g->hw_graded, g->hw_reports, g->hw_followups, g->hw_refusals,
		       p[0].name);
	}
	print_afterschool(g, p, n);
	printf("账号：%ld 名教职工、%ld 位家长都有账号（教职工用户名为工号的小写，如 t00001001，"
	       "密码同 teacher；家长用户名为手机号，密码同 parent），其中 %ld 位家长待激活",
	       g->staff_accounts, g->parent_accounts, g->pending);
	for (int i = 0; i < 3 && g->pending_login[i][0]; i++)
		printf("%s%s 激活码 %s", i ? "，" : "（可在 /activate 试用：", g->pending_login[i],
		       g->pending_code[i]);
	printf("%s\n", g->pending_login[0][0] ? "）" : "");
	printf("演示账号（%s，仅用于演示数据库）：\n", a->policy.district);
	for (size_t i = 0; i < NUSERS; i++) {
		const char *who = demo_users[i].username, *note = "";

		if (strcmp(who, "teacher") == 0)
			note = g->teacher_class;
		else if (demo_users[i].at == AT_SCHOOL1)
			note = p[0].name;
		else if (strcmp(who, "parent") == 0)
			note = "两个孩子在本区上学";
		const char *role = role_name(role_parse(demo_users[i].role));

		printf("  %-12s %s%*s 密码 %s%s%s\n", demo_users[i].username, role,
		       14 - display_width(role), "", pw[i], note[0] ? "  " : "", note);
	}
	fflush(stdout);
}

int app_demo(struct app *a, const char *password, int schools, unsigned seed, struct app_err *e)
{
	char pw[NUSERS][40];
	struct gen *g = calloc(1, sizeof *g);
	struct plan *p = NULL;
	struct progress pr;
	struct actor who;
	long students = 0;
	int n = schools, rc = -1;

	memset(&pr, 0, sizeof pr);
	clock_gettime(CLOCK_MONOTONIC, &pr.t0);
	if (!g)
		return app_fail(e, 500, "OUT_OF_MEMORY", "内存不足，无法生成演示数据");
	for (size_t i = 0; i < NUSERS; i++) {
		if (password)
			snprintf(pw[i], sizeof pw[i], "%s", password);
		else
			app_random_hex(pw[i], 8);
	}
	if (make_user(a, 0, pw[0], 0, e) != 0)
		goto out;
	g->seed = seed;
	for (size_t i = 0; i < NSURNAMES; i++)
		g->stotal += surnames[i].w;
	numbers_init(&g->num, seed);
	if (n <= 0) {
		struct rng r = rng_for(seed, W_PLAN, 1);

		n = rng_range(&r, 28, 32);
	}
	p = calloc((size_t)n, sizeof *p);
	if (!p) {
		app_fail(e, 500, "OUT_OF_MEMORY", "内存不足，无法生成演示数据");
		goto out;
	}
	plan_district(seed, p, n, &students);
	pr.tty = isatty(STDERR_FILENO);
	pr.on = students >= DEMO_PROGRESS_MIN;

	app_cli_actor(&who, "cli:demo");
	who.district_id = a->district_id;
	who.role = ROLE_DISTRICT_ADMIN;
	if (import_schools(a, &who, p, n, &pr, e) != 0 || make_users(a, p, pw, e) != 0 ||
	    role_hashes(g, pw, e) != 0 || make_calendar(a, &who, e) != 0 ||
	    import_org(a, &who, g, p, n, students, &pr, e) != 0 ||
	    make_homework(a, &who, g, p, n, e) != 0 || make_afterschool(a, &who, g, p, n, e) != 0 ||
	    make_accounts(a, g, e) != 0)
		goto out;
	if (pr.on)
		progress_done(&pr);
	print_summary(a, g, p, n, pw);
	rc = 0;
out:
	free(p);
	free(g);
	return rc;
}
