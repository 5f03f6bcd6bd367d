/* demo_import.c - the organisation goes in through app_import, exactly as
 * a district's own files would: the demo exercises the import, and the
 * import checks the demo. The files are in-memory tables (cells in one arena
 * per table). The kinds go in in order: schools; staff, classes and teaching
 * (DEMO_CHUNK_CLASSES classes per import call); students and guardians
 * (DEMO_CHUNK_STUDENTS students per call), so memory stays bounded at any
 * --schools N. Staff and classes go in before any student, so those calls
 * stay cheap however many students a province has. Progress goes to stderr. */
#include "demo/demo_shared.h"
#include "app/app_org.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_CHUNK_CLASSES 20000L   /* classes per staff/classes/teaching import call */
#define DEMO_CHUNK_STUDENTS 250000L /* students per students/guardians import call */

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
	demo_tb_init(&c->staff, staff_cols, NCHARS(staff_cols));
	demo_tb_init(&c->classes, class_cols, NCHARS(class_cols));
	demo_tb_init(&c->teaching, teaching_cols, NCHARS(teaching_cols));
	demo_tb_init(&c->students, student_cols, NCHARS(student_cols));
	demo_tb_init(&c->guardians, guardian_cols, NCHARS(guardian_cols));
}

static void chunk_free(struct chunk *c)
{
	demo_tb_free(&c->staff);
	demo_tb_free(&c->classes);
	demo_tb_free(&c->teaching);
	demo_tb_free(&c->students);
	demo_tb_free(&c->guardians);
}

static bool chunk_oom(const struct chunk *c)
{
	return c->staff.oom || c->classes.oom || c->teaching.oom || c->students.oom ||
	       c->guardians.oom;
}

/* ---- progress on stderr ---- */

static void progress_show(struct demo_progress *p)
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

static void progress_start(struct demo_progress *p, const char *label, long total)
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
	struct demo_progress *p = arg;

	p->in_import = total > 0 ? (long)((double)done * (double)p->cur_rows / (double)total) : 0;
	progress_show(p);
}

static double progress_seconds(const struct demo_progress *p)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - p->t0.tv_sec) + (double)(t.tv_nsec - p->t0.tv_nsec) / 1e9;
}

/* The time taken and each kind's import speed, for whoever sizes a
 * province. */
void demo_progress_done(const struct demo_progress *p)
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
		      struct demo_progress *p, struct app_err *e)
{
	struct import_report rep;
	double t0;
	int rc;

	memset(&rep, 0, sizeof rep);
	if (b->oom)
		return app_fail(e, 500, "OUT_OF_MEMORY", "内存不足，无法生成演示数据");
	p->in_import = 0;
	p->cur_rows = demo_tb_rows(b);
	t0 = progress_seconds(p);
	rc = app_import(a, who, k, &b->t, false, &rep, p->on ? progress_cb : NULL, p, e);
	if (rc != 0)
		report_errors(k, &rep);
	import_report_free(&rep);
	p->kind_secs[k] += progress_seconds(p) - t0;
	p->kind_rows[k] += p->cur_rows;
	p->in_import = 0;
	p->rows_done += demo_tb_rows(b);
	progress_show(p);
	return rc;
}

int demo_import_schools(struct app *a, const struct actor *who, const struct plan *p, int n,
			struct demo_progress *pr, struct app_err *e)
{
	struct tb b;
	int rc;

	demo_tb_init(&b, school_cols, NCHARS(school_cols));
	for (int i = 0; i < n; i++) {
		const char *v[5] = { p[i].code, p[i].name, demo_skind_names[p[i].kind],
				     p[i].boarding ? "是" : "否", p[i].alliance };

		demo_tb_add(&b, v);
	}
	rc = import_one(a, who, IMPORT_SCHOOLS, &b, pr, e);
	demo_tb_free(&b);
	return rc;
}

/* Import a chunk's files of kinds [k0, k1) in order. */
static int import_files(struct app *a, const struct actor *who, struct chunk *c, int k0, int k1,
			struct demo_progress *pr, struct app_err *e)
{
	struct tb *files[IMPORT_KINDS] = { NULL, &c->staff, &c->classes, &c->teaching,
					   &c->students, &c->guardians };

	if (chunk_oom(c))
		return app_fail(e, 500, "OUT_OF_MEMORY", "内存不足，无法生成演示数据");
	pr->chunk_rows = pr->rows_done = 0;
	for (int k = k0; k < k1; k++)
		pr->chunk_rows += demo_tb_rows(files[k]);
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
			struct demo_progress *pr, struct app_err *e)
{
	struct chunk c;
	int rc = -1;

	chunk_init(&c);
	if (demo_gen_chunk(g, p, from, to, people, &c) != 0) {
		rc = app_fail(e, 500, "OUT_OF_MEMORY", "内存不足，无法生成演示数据");
		goto out;
	}
	pr->chunk_units = people ? demo_tb_rows(&c.students) : to - from;
	rc = people ? import_files(a, who, &c, IMPORT_STUDENTS, IMPORT_KINDS, pr, e)
		    : import_files(a, who, &c, IMPORT_STAFF, IMPORT_STUDENTS, pr, e);
out:
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

int demo_import_org(struct app *a, const struct actor *who, struct gen *g,
		    const struct plan *p, int n, long students, struct demo_progress *pr,
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
			demo_place_sibling(g, p, to);
		if (import_chunk(a, who, g, p, from, to, true, pr, e) != 0)
			return -1;
	}
	return 0;
}

