/* app_as_archive.c - the term archive of a school's after-school service
 * (五(三)3: participants, content, time and form; attendance, handover,
 * safety checks and incidents), as the sheets of one .xlsx workbook. */
#include "app/app_as.h"
#include "app/app_internal.h"
#include "core/afterschool.h"
#include "store/store_as.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

static const char *const h_plan[] = { "星期", "开始", "结束", "类型", "方案版本" };
static const char *const h_programs[] = { "项目", "类别", "年级", "容量", "星期", "时间", "场地",
					  "服务人员（类型，资质审查）", "收费（元）", "收费批准文件",
					  "报名截止", "已录取", "候补" };
static const char *const h_apps[] = { "学生", "班级", "状态", "录取 / 候补项目", "候补位次",
				      "延时托管", "延时托管理由", "自愿报名确认时间" };
static const char *const h_sessions[] = { "日期", "项目", "类别", "时间", "场地", "活动内容",
					  "形式", "确认未讲授新课", "待核查", "考勤人数", "到场人数",
					  "记录人", "学校核查" };
static const char *const h_att[] = { "日期", "项目", "班级", "学生", "考勤", "书面作业完成",
				     "交接", "接走的监护人", "交接时间" };
static const char *const h_checks[] = { "日期", "场地", "安全通道", "消防器材", "用电安全",
					"场地设施", "卫生", "结果", "发现的问题", "整改措施",
					"检查人" };
static const char *const h_incidents[] = { "日期", "时间", "项目", "类型", "涉及学生", "经过",
					   "处置措施", "已通知监护人", "报告人" };

#define N(h) (sizeof h / sizeof h[0])
const struct as_archive_sheet as_archive_sheets[AS_ARCHIVE_SHEETS] = {
	{ "服务方案", h_plan, N(h_plan) },         { "课程菜单", h_programs, N(h_programs) },
	{ "报名与分配", h_apps, N(h_apps) },       { "活动记录", h_sessions, N(h_sessions) },
	{ "考勤与交接", h_att, N(h_att) },         { "安全检查", h_checks, N(h_checks) },
	{ "事件", h_incidents, N(h_incidents) },
};

/* Chinese for the stored ids; the id itself when unknown. */
static const char *label(const char *id)
{
	static const char *const map[][2] = {
		{ "regular", "常规" }, { "extended", "延时托管" }, { "evening", "晚自习" },
		{ "applied", "已报名" }, { "admitted", "已录取" }, { "waitlisted", "候补" },
		{ "withdrawn", "已撤回" }, { "present", "到" }, { "absent", "缺" }, { "leave", "假" },
		{ "guardian", "监护人接走" }, { "alone", "自行离校（监护人同意）" },
		{ "teacher", "本校教师" }, { "retired", "退休教师" }, { "professional", "专业人员" },
		{ "volunteer", "志愿者" }, { "injury", "受伤" }, { "illness", "身体不适" },
		{ "conflict", "冲突" }, { "missing", "走失/未到" }, { "property", "财物" },
		{ "other", "其他" },
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(map[i][0], id))
			return map[i][1];
	return id;
}

static const char *yes(long v)
{
	return v ? "是" : "否";
}

/* "1,3,5" -> "一、三、五" */
static void weekdays(const char *days, char *out, size_t cap)
{
	static const char *const wd[] = { "", "一", "二", "三", "四", "五", "六", "日" };
	size_t n = 0;

	out[0] = 0;
	for (const char *p = days; *p; p++)
		if (*p >= '1' && *p <= '7' && n + 8 < cap)
			n += (size_t)snprintf(out + n, cap - n, "%s%s", n ? "、" : "", wd[*p - '0']);
}

static void span(int s0, int s1, char *out)
{
	char a[8], b[8];

	hhmm_format(s0, a);
	hhmm_format(s1, b);
	snprintf(out, 16, "%s-%s", a, b);
}

static void stamp(int64_t t, int off, char *out, size_t cap)
{
	char d[11];
	int64_t local = t + (int64_t)off * 60;
	int m = (int)((local % 86400 + 86400) % 86400 / 60);

	if (!t) {
		out[0] = 0;
		return;
	}
	date_format(date_of(t, off), d, sizeof d);
	snprintf(out, cap, "%s %02d:%02d", d, m / 60, m % 60);
}

struct archive_load {
	struct db_res *plan, *slots, *progs, *apps, *sess, *att, *checks, *inc, *term;
};

static void load_free(struct archive_load *l)
{
	db_res_free(l->plan);
	db_res_free(l->slots);
	db_res_free(l->progs);
	db_res_free(l->apps);
	db_res_free(l->sess);
	db_res_free(l->att);
	db_res_free(l->checks);
	db_res_free(l->inc);
	db_res_free(l->term);
}

static int load(struct db *db, const struct actor *who, int64_t school, int64_t term,
		struct archive_load *l, struct db_err *dbe)
{
	int rc = store_as_plan_current(db, school, term, &l->plan, dbe);

	if (rc < 0)
		return -1;
	if (rc == 0 && store_as_plan_slots(db, db_res_int(l->plan, 0, 0), &l->slots, dbe) != 0)
		return -1;
	if (store_term_dates(db, term, &l->term, dbe) != 0 ||
	    store_as_programs(db, school, term, &l->progs, dbe) != 0 ||
	    store_as_applications(db, who->district_id, school, term, 0, "", 0, 1000000, &l->apps,
				  dbe) != 0 ||
	    store_as_archive_sessions(db, school, term, &l->sess, dbe) != 0 ||
	    store_as_archive_attendance(db, school, term, &l->att, dbe) != 0 ||
	    store_as_safety_checks(db, school, "", db_res_text(l->term, 0, 0),
				   db_res_text(l->term, 0, 1), 1000000, &l->checks, dbe) != 0 ||
	    store_as_incidents(db, school, term, 0, 100000, &l->inc, dbe) != 0)
		return -1;
	return 0;
}

/* The staff of one program as "name（type，vetting date）；…". */
static int staff_text(struct db *db, int64_t program_id, char *out, size_t cap,
		      struct db_err *dbe)
{
	struct db_res *r = NULL;
	size_t n = 0;

	out[0] = 0;
	if (store_as_program_staff(db, program_id, &r, dbe) != 0)
		return -1;
	for (int i = 0; i < db_res_rows(r); i++) {
		char one[512];
		size_t len = (size_t)snprintf(one, sizeof one, "%s%s（%s%s%s%s%s）", i ? "；" : "",
					      db_res_text(r, i, 0), label(db_res_text(r, i, 1)),
					      db_res_text(r, i, 2)[0] ? "，" : "",
					      db_res_text(r, i, 2),
					      db_res_text(r, i, 3)[0] ? " " : "", db_res_text(r, i, 3));

		/* whole entries only: a cut could split a character (invalid UTF-8) */
		if (len >= sizeof one || n + len >= cap)
			break;
		memcpy(out + n, one, len + 1);
		n += len;
	}
	db_res_free(r);
	return 0;
}

static int fill_menu(struct db *db, const struct archive_load *l, struct table *t,
		     struct db_err *dbe)
{
	for (int i = 0; l->slots && i < db_res_rows(l->slots); i++) {
		char wd[4], a[16], ver[16];
		const char *c[5];

		snprintf(wd, sizeof wd, "%d", (int)db_res_int(l->slots, i, 0));
		weekdays(wd, a, sizeof a);
		c[0] = a;
		{
			char s0[8], s1[8];

			hhmm_format((int)db_res_int(l->slots, i, 1), s0);
			hhmm_format((int)db_res_int(l->slots, i, 2), s1);
			snprintf(ver, sizeof ver, "%d", (int)db_res_int(l->plan, 0, 2));
			c[1] = s0;
			c[2] = s1;
			c[3] = label(db_res_text(l->slots, i, 3));
			c[4] = ver;
			if (table_add_row(&t[0], i + 2, c, 5) != 0)
				return -2;
		}
	}
	for (int i = 0; i < db_res_rows(l->progs); i++) {
		const struct db_res *p = l->progs;
		char cap[16], days[64], time[16], staff[12288], fee[32], adm[16], wait[16];
		const char *c[13];

		snprintf(cap, sizeof cap, "%lld", (long long)db_res_int(p, i, 4));
		weekdays(db_res_text(p, i, 5), days, sizeof days);
		span((int)db_res_int(p, i, 6), (int)db_res_int(p, i, 7), time);
		if (staff_text(db, db_res_int(p, i, 0), staff, sizeof staff, dbe) != 0)
			return -1;
		snprintf(fee, sizeof fee, "%lld.%02lld", (long long)db_res_int(p, i, 9) / 100,
			 (long long)db_res_int(p, i, 9) % 100);
		snprintf(adm, sizeof adm, "%lld", (long long)db_res_int(p, i, 13));
		snprintf(wait, sizeof wait, "%lld", (long long)db_res_int(p, i, 14));
		c[0] = db_res_text(p, i, 1);
		c[1] = as_category_name(db_res_text(p, i, 2));
		c[2] = db_res_text(p, i, 3);
		c[3] = cap;
		c[4] = days;
		c[5] = time;
		c[6] = db_res_text(p, i, 8);
		c[7] = staff;
		c[8] = db_res_int(p, i, 9) ? fee : "免费";
		c[9] = db_res_text(p, i, 10);
		c[10] = db_res_text(p, i, 11);
		c[11] = adm;
		c[12] = wait;
		if (table_add_row(&t[1], i + 2, c, 13) != 0)
			return -2;
	}
	return 0;
}

static int fill_records(const struct app *a, const struct archive_load *l, struct table *t)
{
	int off = a->policy.utc_offset_minutes;

	for (int i = 0; i < db_res_rows(l->apps); i++) {
		const struct db_res *r = l->apps;
		char pos[16], at[32];
		const char *c[8];

		snprintf(pos, sizeof pos, "%lld", (long long)db_res_int(r, i, 13));
		stamp(db_res_int(r, i, 14), off, at, sizeof at);
		c[0] = db_res_text(r, i, 2);
		c[1] = db_res_text(r, i, 3);
		c[2] = label(db_res_text(r, i, 10));
		c[3] = db_res_text(r, i, 12);
		c[4] = db_res_int(r, i, 13) ? pos : "";
		c[5] = yes(db_res_int(r, i, 8));
		c[6] = db_res_text(r, i, 9);
		c[7] = at;
		if (table_add_row(&t[2], i + 2, c, 8) != 0)
			return -2;
	}
	for (int i = 0; i < db_res_rows(l->sess); i++) {
		const struct db_res *r = l->sess;
		char time[16], n1[16], n2[16], review[1600];
		const char *c[13];
		int rec = (int)db_res_int(r, i, 13);

		span((int)db_res_int(r, i, 3), (int)db_res_int(r, i, 4), time);
		snprintf(n1, sizeof n1, "%lld", (long long)db_res_int(r, i, 10));
		snprintf(n2, sizeof n2, "%lld", (long long)db_res_int(r, i, 11));
		c[0] = db_res_text(r, i, 0);
		c[1] = db_res_text(r, i, 1);
		c[2] = as_category_name(db_res_text(r, i, 2));
		c[3] = time;
		c[4] = db_res_text(r, i, 5);
		c[5] = rec ? db_res_text(r, i, 6) : "（未记录）";
		c[6] = db_res_text(r, i, 7);
		c[7] = rec ? yes(db_res_int(r, i, 8)) : "";
		c[8] = db_res_text(r, i, 9)[0] ? db_res_text(r, i, 9)
		       : rec && !db_res_int(r, i, 8) ? "未确认" : "";
		c[9] = n1;
		c[10] = n2;
		c[11] = db_res_text(r, i, 12);
		snprintf(review, sizeof review, "%s%s%s",
			 !strcmp(db_res_text(r, i, 14), "cleared")     ? "无问题"
			 : !strcmp(db_res_text(r, i, 14), "confirmed") ? "确认违规"
								       : "",
			 db_res_text(r, i, 15)[0] ? "：" : "", db_res_text(r, i, 15));
		c[12] = review;
		if (table_add_row(&t[3], i + 2, c, 13) != 0)
			return -2;
	}
	for (int i = 0; i < db_res_rows(l->att); i++) {
		const struct db_res *r = l->att;
		char at[32];
		const char *c[9];
		long hw = (long)db_res_int(r, i, 7);

		stamp(db_res_int(r, i, 8), off, at, sizeof at);
		c[0] = db_res_text(r, i, 0);
		c[1] = db_res_text(r, i, 1);
		c[2] = db_res_text(r, i, 2);
		c[3] = db_res_text(r, i, 3);
		c[4] = label(db_res_text(r, i, 4));
		c[5] = hw < 0 ? "" : yes(hw);
		c[6] = db_res_text(r, i, 5)[0] ? label(db_res_text(r, i, 5)) : "";
		c[7] = db_res_text(r, i, 6);
		c[8] = at;
		if (table_add_row(&t[4], i + 2, c, 9) != 0)
			return -2;
	}
	for (int i = 0; i < db_res_rows(l->checks); i++) {
		const struct db_res *r = l->checks;
		const char *c[11];

		c[0] = db_res_text(r, i, 2);
		c[1] = db_res_text(r, i, 1);
		for (int k = 0; k < 5; k++)
			c[2 + k] = db_res_int(r, i, 4 + k) ? "合格" : "不合格";
		c[7] = db_res_int(r, i, 3) ? "通过" : "需整改";
		c[8] = db_res_text(r, i, 9);
		c[9] = db_res_text(r, i, 10);
		c[10] = db_res_text(r, i, 11);
		if (table_add_row(&t[5], i + 2, c, 11) != 0)
			return -2;
	}
	for (int i = 0; i < db_res_rows(l->inc); i++) {
		const struct db_res *r = l->inc;
		char tm[8];
		const char *c[9];

		hhmm_format((int)db_res_int(r, i, 4), tm);
		c[0] = db_res_text(r, i, 3);
		c[1] = tm;
		c[2] = db_res_text(r, i, 2);
		c[3] = label(db_res_text(r, i, 5));
		c[4] = db_res_int(r, i, 8) ? db_res_text(r, i, 9) : "";
		c[5] = db_res_text(r, i, 6);
		c[6] = db_res_text(r, i, 7);
		c[7] = yes(db_res_int(r, i, 10));
		c[8] = db_res_text(r, i, 11);
		if (table_add_row(&t[6], i + 2, c, 9) != 0)
			return -2;
	}
	return 0;
}

struct archive_ctx {
	const struct actor *who;
	int64_t school, term;
	size_t rows;
};

static int archive_audit_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct archive_ctx *c = vctx;
	char obj[48];
	json_t *d;
	int rc;

	(void)e;
	snprintf(obj, sizeof obj, "school:%lld", (long long)c->school);
	d = json_pack("{s:I,s:I}", "term_id", (json_int_t)c->term, "rows", (json_int_t)c->rows);
	rc = app_audit(db, c->who, "afterschool.archive", obj, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_as_archive(struct app *a, const struct actor *who, int64_t school_id, const char *term,
		   struct table t[AS_ARCHIVE_SHEETS], struct app_err *e)
{
	struct archive_load l = { 0 };
	struct archive_ctx c = { .who = who, .school = school_id };
	struct db_err dbe = { 0 };
	struct db *db;
	char kind[16];
	int rc;

	if (!app_reads_school(who, school_id))
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	if (app_parse_cursor(term, &c.term) != 0 || c.term <= 0)
		return app_fail(e, 400, "QUERY_INVALID", "term 应为学期 id");
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = app_school_term(db, who, school_id, c.term, kind, sizeof kind, &dbe);
	if (rc == 0)
		rc = load(db, who, school_id, c.term, &l, &dbe);
	if (rc == 0)
		rc = fill_menu(db, &l, t, &dbe);
	app_db_put(a, db);
	if (rc == 0)
		rc = fill_records(a, &l, t);
	load_free(&l);
	if (rc == -2)
		return app_fail(e, 503, "STORE_BUSY", "系统繁忙，请稍后重试");
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc > 0)
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校或学期");
	for (int k = 0; k < AS_ARCHIVE_SHEETS; k++)
		c.rows += t[k].nrows;
	return app_tx(a, archive_audit_tx, &c, e);
}
