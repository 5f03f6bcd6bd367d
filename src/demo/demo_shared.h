/* demo_shared.h - shared by the src/demo/ files only: the generator
 * (splitmix64), the district's plan, the generator's state across the
 * pillars (org, homework, after-school, accounts) and the helpers they share.
 * The demo is a caller of app like any other: it includes app's and store's
 * public headers only. */
#ifndef SJ_DEMO_SHARED_H
#define SJ_DEMO_SHARED_H

#include "app/app.h"
#include "app/app_batch.h"
#include "app/app_org.h"
#include "demo/demo.h"
#include "store/store_org.h"
#include "util/table.h"

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* ---- the generator: splitmix64 ---- */

struct rng {
	uint64_t s;
};

static inline uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* An independent stream for (seed, what, index). */
static inline struct rng rng_for(unsigned seed, uint64_t what, uint64_t index)
{
	struct rng r = { seed };

	r.s = rng_next(&r) ^ (what * UINT64_C(0xD1B54A32D192ED03));
	r.s = rng_next(&r) ^ (index * UINT64_C(0x8CB92BA72F3D8DD7));
	return r;
}

/* 0 .. n-1 */
static inline uint32_t rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * n) >> 32);
}

static inline bool rng_per_mille(struct rng *r, unsigned p)
{
	return rng_below(r, 1000) < p;
}

static inline int rng_range(struct rng *r, int lo, int hi)
{
	return lo + (int)rng_below(r, (uint32_t)(hi - lo + 1));
}

enum { W_PLAN = 1, W_SIZE, W_STAFF, W_PEOPLE, W_NUMBERS, W_HOMEWORK, W_AFTERSCHOOL };

#define NCHARS(a) (sizeof(a) / sizeof(a)[0])

/* ---- names (demo_org.c) ---- */

enum who_named { N_BOY, N_GIRL, N_MAN, N_WOMAN };

/* A surname weighted by how common it is; total: demo_surname_total(). */
const char *demo_pick_surname(struct rng *r, unsigned total);
unsigned demo_surname_total(void);
/* surname + one or two given-name characters (at most 3 x 3 bytes + NUL). */
void demo_make_name(struct rng *r, const char *surname, enum who_named w, char *out, size_t cap);
/* Chinese numerals 1..99999: 一, 十一, 二十, 一百零五, 一万零二十. */
void demo_cn_number(int n, char *out, size_t cap);
extern const char *const demo_grade_names[10];

/* ---- the district's plan (demo_org.c) ---- */

enum skind { SK_PRIMARY, SK_JUNIOR, SK_NINE, SK_KINDS };
extern const char *const demo_skind_names[SK_KINDS];

static inline int grade_lo(int kind)
{
	return kind == SK_JUNIOR ? 7 : 1;
}

static inline int grade_hi(int kind)
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

/* Plan n schools for the seed into p; *students: how many in all. */
void demo_plan_district(unsigned seed, struct plan *p, int n, long *students);

enum subj {
	S_CHN, S_MATH, S_ENG, S_MORAL, S_SCI, S_PE, S_MUSIC, S_ART, S_IT, S_LAB,
	S_PHY, S_CHEM, S_BIO, S_HIST, S_GEO, NSUBJ
};

/* name; lessons a week in grades 1-2, 3-6, 7-9 (0 = not taught there); the
 * last grade a junior subject is taught; per mille of women teaching it. */
struct demo_subject {
	const char *name;
	unsigned char w[3], last;
	unsigned short women;
};
extern const struct demo_subject demo_subjects[NSUBJ];

/* ---- people (demo_org.c) ---- */

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

/* Numbers are handed out in order and scrambled by a keyed permutation of
 * 0..10^8-1 (a 4-round Feistel network on 28 bits, cycle-walked below
 * 10^8), so they are unique, look random and depend on the seed. */
struct numbers {
	uint64_t key[4];
	long reg_next, tel_next;
};

void demo_numbers_init(struct numbers *n, unsigned seed);

/* ---- the generator's state across chunks and pillars ---- */

/* What the after-school part wrote (demo_afterschool). */
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
	/* homework history (demo_homework) */
	int hw_days, hw_schools;
	long hw_classes, hw_class_days, hw_items, hw_written, hw_graded, hw_reports, hw_followups,
		hw_refusals, hw_accounts;
	char hw_from[11], hw_to[11];
	/* after-school service (demo_afterschool): all schools, school 1 */
	int as_days, as_schools;
	struct as_counts as_all, as_one;
	char as_term[128], as_from[11], as_to[11], as_today[11];
	/* accounts (demo_accounts): one argon2id string per role, for all its
	 * accounts (a demo); parents left pending, three shown with codes */
	char staff_hash[128], parent_hash[128];
	long staff_accounts, parent_accounts, pending;
	char pending_login[3][64], pending_code[3][24];
	/* health (demo_health): the term in force, the schools it covers, what
	 * was written */
	int he_schools, he_screenings;
	long he_class_days, he_pe_short, he_eye_short, he_fitness, he_fitness_pass, he_vision,
		he_overdue;
	char he_term[128], he_from[11], he_to[11];
	/* exams (demo_exams): plans in both terms, school 1's results */
	long ex_plans, ex_results;
	/* five managements (demo_checkins): weekly check-ins, phone rules */
	int ck_schools, ck_weeks;
	long ck_checkins;
	char ck_from[11], ck_to[11];
	/* satisfaction surveys (demo_surveys; issue 15, part SD): surveys
	 * published, answers, the schools answering, the school with too few */
	long sv_surveys, sv_answers;
	int sv_schools;
	char sv_term[128], sv_few[128];
	/* supervision visits (demo_sv_visits, part SC): what was written */
	long sv_visits, sv_findings, sv_notices, sv_answered, sv_closed, sv_overdue;
	/* supervision (demo_sv, issue 15 part SA): rounds and scores written */
	long sv_rounds, sv_scores;
};

/* ---- the files, in memory (demo_import.c) ---- */

struct arena_blk;
struct tb {
	struct table t;
	size_t cap, ncols;
	struct arena_blk *blk;
	bool oom;
};

struct chunk {
	struct tb staff, classes, teaching, students, guardians;
};

/* Append a row (ncols values, copied) to b; b->oom on failure. */
void demo_tb_add(struct tb *b, const char *const *vals);
void demo_tb_init(struct tb *b, const char *const *header, size_t ncols);
void demo_tb_free(struct tb *b);
long demo_tb_rows(const struct tb *b);

/* Generate schools [from, to) into c (demo_org.c): staff, classes and
 * teaching, or (people) students and guardians. 0, or -1 out of memory. */
int demo_gen_chunk(struct gen *g, const struct plan *p, int from, int to, bool people,
		   struct chunk *c);
/* Where the parent sign-in's second child goes, among schools [0, end). */
void demo_place_sibling(struct gen *g, const struct plan *p, int end);

/* ---- progress on stderr ---- */

/* Two passes, each counted in its own unit: schools while staff, classes
 * and teaching go in, then students while students and guardians do. */
struct demo_progress {
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

/* The organisation through app_import: the schools, then the rest in
 * chunks (demo_import.c); the time taken and speeds on stderr. */
int demo_import_schools(struct app *a, const struct actor *who, const struct plan *p, int n,
			struct demo_progress *pr, struct app_err *e);
int demo_import_org(struct app *a, const struct actor *who, struct gen *g, const struct plan *p,
		    int n, long students, struct demo_progress *pr, struct app_err *e);
void demo_progress_done(const struct demo_progress *p);

/* ---- reading the district back (demo_read.c) ---- */

#define HW_DAYS 10          /* school days of homework before today */
#define HW_LOOKBACK 60      /* calendar days searched for them */
#define HW_MAX_CLASSES 64   /* classes of a school read back */
#define HW_MAX_STUDENTS 64
#define HW_UNF_MAX 8        /* unfinished days kept per student */

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

/* An instant on a day, minutes after the district's local midnight. */
int64_t demo_local_at(const struct app *a, int64_t day, int minute);
/* Up to want school days of the district's terms from day `from` on, going
 * by step (1 or -1) across at most span calendar days, in the order met. */
int demo_school_days(struct db *db, const struct app *a, int64_t from, int step, int want,
		     int span, int64_t *out, int *n, struct db_err *dbe);
/* The id (column 1) of the row whose column 0 is key; 0 when none. */
int64_t demo_res_id(const struct db_res *r, const char *key);
/* The parent sign-in's children, in the order they were imported (none
 * when parent_uid is 0): at most 4. */
int demo_load_kids(struct db *db, int64_t district_id, int64_t parent_uid, int64_t kids[4],
		   int *n, struct db_err *dbe);
/* A school's classes in grade order, each with its head teacher, subjects
 * and students: *out (calloc'd, the caller frees it) and *n. */
struct store_scope;
int demo_load_classes(const struct store_scope *scope, struct db *db, int64_t school_id,
		      struct demo_class **out, int *n, struct db_err *dbe);

static inline int round5(int v)
{
	return v < 5 ? 5 : (v + 2) / 5 * 5;
}

/* ---- the pillars: each one transaction (app_batch) ---- */

int demo_homework(struct app *a, const struct actor *who, struct gen *g, const struct plan *p,
		  int n, struct app_err *e);
int demo_afterschool(struct app *a, const struct actor *who, struct gen *g,
		     const struct plan *p, int n, struct app_err *e);
int demo_accounts(struct app *a, struct gen *g, struct app_err *e);
int demo_health(struct app *a, const struct actor *who, struct gen *g, int n, struct app_err *e);
/* The health part's line of the summary. */
void demo_health_summary(const struct gen *g, int n);
int demo_checkins(struct app *a, const struct actor *who, struct gen *g, const struct plan *p,
		  int n, struct app_err *e);
/* Satisfaction surveys (demo_surveys.c; issue 15, part SD) and their line. */
int demo_surveys(struct app *a, const struct actor *who, struct gen *g, int n,
		 struct app_err *e);
void demo_surveys_summary(const struct gen *g);
/* Supervision (demo_sv.c, issue 15 part SA): two finished rounds, the
 * earlier term's and the later one's, for the first DEMO_SV_MAX_SCHOOLS
 * schools: each C item self-assessed and scored by the inspector, spread
 * deterministically from the school and item (every fifth school weak in
 * the first round, every tenth still in the second). No clock but the
 * pinned one. One transaction, audited sv.demo. 0, or -1 with e filled. */
#define DEMO_SV_MAX_SCHOOLS 200
int demo_sv(struct app *a, const struct actor *who, struct gen *g, const struct plan *p, int n,
	    struct app_err *e);
void demo_sv_summary(const struct gen *g);

#endif
