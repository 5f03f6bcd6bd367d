/* demo.c - the demo district (demo.h): one sign-in per role, an
 * organisation generated from a seed, the 2026 term calendar, the homework
 * and after-school history of the school days around today (in the first 50
 * schools only, when there are more) and an account for every teacher and
 * guardian. A province is the same generator with --schools 10000.
 *
 * This file runs the pillars in order and prints the summary; each pillar
 * has its file: demo_org.c (the organisation, generated) and demo_import.c
 * (taken in through app_import, as a district's own files are),
 * demo_hw.c (homework), demo_as.c (after-school), demo_accounts.c
 * (accounts), demo_ti_registry.c (training institutions), demo_ti_cases.c
 * (sweeps and penalty cases), demo_reports.c (public reports, teacher
 * ethics). The demo sits above app and calls it like any other caller:
 * app's public use cases, app_batch.h for its bulk transactions, and the
 * store's public functions inside them. */
#include "demo/demo_shared.h"
#include "demo/demo_exams.h"
#include "demo/demo_sv_visits.h"
#include "demo/demo_reports.h"
#include "demo/demo_ti_cases.h"
#include "demo/demo_ti_registry.h"
#include "app/app_org.h"
#include "app/app_report.h"
#include "app/app_ti.h"
#include "core/calendar.h"
#include "store/store_org.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEMO_PROGRESS_MIN 50000L    /* show progress from this many students */

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

/* ---- making the sign-ins, and the summary ---- */

static int make_user(struct app *a, size_t i, const char *pw, int64_t school_id,
		     struct app_err *e)
{
	return app_init_user(a, demo_users[i].username, demo_users[i].display, demo_users[i].role,
			     pw, school_id, i == 0, e);
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

/* The institutions pillar's line: the registry by status, the prepayment
 * warnings, the public reports; read back through the bureau's own views. */
static void print_institutions(struct app *a)
{
	static const char *const names[] = { "approved", "白名单", "pending", "待审批", "refused",
					     "不予批准", "revoked", "吊销", "unlicensed", "无证" };
	struct app_err e = { 0 };
	json_t *ti = NULL, *rp = NULL, *st;
	struct actor who;
	size_t i;

	app_cli_actor(&who, "cli:demo");
	who.district_id = a->district_id;
	who.role = ROLE_DISTRICT_ADMIN;
	if (app_ti_stats(a, &who, &ti, &e) != 0 || app_report_stats(a, &who, &rp, &e) != 0) {
		app_err_clear(&e);
		json_decref(ti);
		return;
	}
	printf("校外培训机构：%lld 家（", (long long)json_integer_value(json_object_get(ti, "total")));
	json_array_foreach(json_object_get(ti, "by_status"), i, st)
		for (size_t k = 0; k < NCHARS(names); k += 2)
			if (!strcmp(json_string_value(json_object_get(st, "status")), names[k]))
				printf("%s%s %lld", i ? "，" : "", names[k + 1],
				       (long long)json_integer_value(json_object_get(st, "count")));
	printf("；%lld 门课程预收费超限预警），群众举报 %lld 件（逾期未答复 %lld 件）；"
	       "公众查询 /jigou，举报 /jubao\n",
	       (long long)json_integer_value(json_object_get(ti, "prepay_warned")),
	       (long long)json_integer_value(json_object_get(rp, "total")),
	       (long long)json_integer_value(json_object_get(rp, "overdue")));
	json_decref(ti);
	json_decref(rp);
}

static void print_summary(struct app *a, const struct gen *g, const struct plan *p, int n,
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
	if (g->ck_weeks)
		printf("五项管理：%s 至 %s 共 %d 周，%d 所学校的家长每周填报孩子睡眠、手机和阅读 %ld 份；"
		       "这些学校都有手机管理规定\n", g->ck_from, g->ck_to, g->ck_weeks, g->ck_schools,
		       g->ck_checkins);
	printf("账号：%ld 名教职工、%ld 位家长都有账号（教职工用户名为工号的小写，如 t00001001，"
	       "密码同 teacher；家长用户名为手机号，密码同 parent），其中 %ld 位家长待激活",
	       g->staff_accounts, g->parent_accounts, g->pending);
	for (int i = 0; i < 3 && g->pending_login[i][0]; i++)
		printf("%s%s 激活码 %s", i ? "，" : "（可在 /activate 试用：", g->pending_login[i],
		       g->pending_code[i]);
	printf("%s\n", g->pending_login[0][0] ? "）" : "");
	print_institutions(a);
	demo_health_summary(g, n);
	printf("考试：两个学期共 %ld 项考试安排（一二年级非纸笔测评，初中加期中考试），%s"
	       "上学期期末考试 %ld 条等级结果（只记等级，不记分数和排名）\n", g->ex_plans, p[0].name,
	       g->ex_results);
	demo_surveys_summary(g); /* part SD */
	demo_sv_visits_summary(g);
	demo_sv_summary(g);
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

int demo_build(struct app *a, const char *password, int schools, unsigned seed, struct app_err *e)
{
	char pw[NUSERS][40];
	struct gen *g = calloc(1, sizeof *g);
	struct plan *p = NULL;
	struct demo_progress pr;
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
	g->stotal = demo_surname_total();
	demo_numbers_init(&g->num, seed);
	if (n <= 0) {
		struct rng r = rng_for(seed, W_PLAN, 1);

		n = rng_range(&r, 28, 32);
	}
	p = calloc((size_t)n, sizeof *p);
	if (!p) {
		app_fail(e, 500, "OUT_OF_MEMORY", "内存不足，无法生成演示数据");
		goto out;
	}
	demo_plan_district(seed, p, n, &students);
	pr.tty = isatty(STDERR_FILENO);
	pr.on = students >= DEMO_PROGRESS_MIN;

	app_cli_actor(&who, "cli:demo");
	who.district_id = a->district_id;
	who.role = ROLE_DISTRICT_ADMIN;
	if (demo_import_schools(a, &who, p, n, &pr, e) != 0 || make_users(a, p, pw, e) != 0 ||
	    role_hashes(g, pw, e) != 0 || make_calendar(a, &who, e) != 0 ||
	    demo_import_org(a, &who, g, p, n, students, &pr, e) != 0 ||
	    demo_homework(a, &who, g, p, n, e) != 0 || demo_afterschool(a, &who, g, p, n, e) != 0 ||
	    demo_accounts(a, g, e) != 0 || demo_checkins(a, &who, g, p, n, e) != 0 ||
	    demo_ti_registry(a, e) != 0 ||
	    demo_ti_cases(a, e) != 0 || demo_reports(a, e) != 0 ||
	    demo_health(a, &who, g, n, e) != 0 ||
	    demo_exams(a, &who, g, p, n, e) != 0 ||
	    demo_surveys(a, &who, g, n, e) != 0 || /* part SD */
	    demo_sv_visits(a, &who, g, p, n, e) != 0 || demo_sv(a, &who, g, p, n, e) != 0)
		goto out;
	if (pr.on)
		demo_progress_done(&pr);
	print_summary(a, g, p, n, pw);
	rc = 0;
out:
	free(p);
	free(g);
	return rc;
}
