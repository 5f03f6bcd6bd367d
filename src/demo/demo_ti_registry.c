/* demo_ti_registry.c - the demo district's institutions, written through
 * store_ti.h as the use cases write them, in one transaction.
 *
 * Institution k gets its status and category from fixed cycles (so 40 cover
 * every status and every category), a name from word lists, a credit code
 * 52 140212 (民办非企业单位, 新荣区) + a 9-character organisation code made
 * from k + the GB 32100 check character, three courses (every fifth
 * institution has one above the prepayment cap: 4 months, 72 lessons or
 * ¥6800) and two or three staff. Subject-type institutions serve senior
 * high school only, except the revoked and unlicensed ones (which is why
 * they are on the 黑名单). Pending and refused ones carry an application
 * entered by the bureau (no operator account); the first institution is
 * the demo operator's, approved through an application of its own. */
#include "demo/demo_ti_registry.h"
#include "app/app_batch.h"
#include "core/institution.h"
#include "store/store_ti.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

#define DEMO_TI_COUNT 40

/* 40 = 8 rounds of these 5 statuses. */
static const char *const status_cycle[] = { "approved", "approved", "approved", "pending",
	"approved", "revoked", "approved", "unlicensed", "refused", "approved" };
static const char *const category_cycle[] = { "sports", "arts", "science", "other", "arts",
	"subject", "sports" };
static const char *const brands[] = { "启航", "晨曦", "阳光", "飞翔", "星辰", "小树苗", "彩虹", "蓝天",
	"青禾", "博雅", "育才", "乐学", "童心", "致远", "明德", "思源" };
static const char *const kinds[][3] = {
	{ "文化课辅导中心", "高中学科培训学校", "学业辅导工作室" },   /* subject */
	{ "篮球俱乐部", "跆拳道馆", "游泳培训中心" },               /* sports */
	{ "美术培训学校", "舞蹈艺术中心", "书法工作室" },           /* arts */
	{ "机器人编程中心", "科技创客空间", "航模培训中心" },       /* science */
	{ "围棋培训中心", "研学实践中心", "口才表演工作室" },       /* other */
};
static const char *const streets[] = { "新荣路", "迎宾街", "长城街", "恒安街", "北环路", "花园屯街",
	"堡子湾路", "郭家窑街" };
static const char *const course_names[][3] = {
	{ "高一数学提高班", "高二物理专题", "高三英语写作" },
	{ "篮球基础班", "体能训练营", "游泳初级班" },
	{ "少儿素描", "中国舞基础", "硬笔书法" },
	{ "乐高机器人", "Scratch 编程", "航模制作" },
	{ "围棋入门", "研学营", "小主持人" },
};
static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴" };
static const char *const given[] = { "晓东", "丽娟", "建国", "海燕", "志强", "秀英", "文博", "雅琴" };

struct demo_ti {
	struct actor who;
	int n;
	int64_t operator_id, now;
};

static int category_index(const char *cat)
{
	for (int i = 0; ti_category_ids[i]; i++)
		if (strcmp(ti_category_ids[i], cat) == 0)
			return i;
	return 0;
}

static void credit_code(int k, char out[TI_CREDIT_LEN + 1])
{
	snprintf(out, TI_CREDIT_LEN + 1, "52140212%09d", 300000000 + k * 37 + 1);
	out[17] = ti_credit_check_char(out);
	out[18] = '\0';
}

static int add_courses(struct db *db, const struct demo_ti *c, int64_t id, int k, int ci,
		       const char *cat, int senior_only, struct db_err *dbe)
{
	for (int j = 0; j < 3; j++) {
		struct store_ti_course co = { course_names[ci][j], cat, senior_only ? 10 : 1 + j * 2,
					      senior_only ? 12 : 6 + j * 3, 24 + 8 * j, 3 - (j == 2),
					      (long)(1200 + 600 * j + 10 * (k % 7)) * 100, false };

		if (k % 5 == 4 && j == 0) { /* TI_PREPAY_CAP: one charge too large */
			int which = (k / 5) % 3;

			co.months = which == 0 ? 4 : 3;
			co.lessons = which == 1 ? 72 : co.lessons;
			co.fee_fen = which == 2 ? 680000 : co.fee_fen;
			co.warned = true;
		}
		if (store_ti_course_add(db, c->who.district_id, id, &co, c->now, dbe) != 0)
			return -1;
	}
	return 0;
}

static int add_staff(struct db *db, const struct demo_ti *c, int64_t id, int k,
		     struct db_err *dbe)
{
	for (int j = 0; j < 2 + k % 2; j++) {
		char name[32], cert[32];
		const char *q = ti_qualification_ids[(k + j) % 3];

		snprintf(name, sizeof name, "%s%s", surnames[(k + 3 * j) % 10], given[(k * 3 + j) % 8]);
		if (strcmp(q, "none") == 0)
			cert[0] = '\0';
		else
			snprintf(cert, sizeof cert, "%s%d1402%06d", q[0] == 't' ? "" : "ZJ",
				 2012 + (k + j) % 10, (k * 7 + j * 13) % 1000000);
		if (store_ti_staff_add(db, c->who.district_id, id, name, q, cert, c->now, dbe) != 0)
			return -1;
	}
	return 0;
}

/* The application behind a row: approved or refused ones are decided. */
static int add_application(struct db *db, const struct demo_ti *c, int64_t id, const char *st,
			   int64_t operator_id, struct db_err *dbe)
{
	int64_t app_id;

	if (strcmp(st, "pending") != 0 && strcmp(st, "refused") != 0 && !operator_id)
		return 0;
	if (store_ti_app_insert(db, c->who.district_id, id, operator_id, c->now - 30 * 86400,
				&app_id, dbe) != 0)
		return -1;
	if (strcmp(st, "pending") == 0)
		return 0;
	return store_ti_app_decide(db, app_id, strcmp(st, "refused") == 0 ? "refused" : "approved",
				   strcmp(st, "refused") == 0 ? "消防验收材料不全，场地面积不足" : "",
				   "[]", c->now - 20 * 86400, 0, dbe) < 0 ? -1 : 0;
}

static const char *status_note(const char *st)
{
	if (strcmp(st, "revoked") == 0)
		return "超范围开展学科类培训，吊销办学许可证";
	if (strcmp(st, "unlicensed") == 0)
		return "常态化排查发现未经审批擅自开展培训";
	if (strcmp(st, "refused") == 0)
		return "消防验收材料不全，场地面积不足";
	return "";
}

static int add_one(struct db *db, const struct demo_ti *c, int k, struct db_err *dbe)
{
	const char *st = k == 0 ? "approved" : status_cycle[k % 10];
	const char *cat = k == 0 ? "sports" : category_cycle[k % 7];
	int ci = category_index(cat), blacklisted = st[0] == 'r' && st[2] == 'v';
	int senior_only = ci == 0 && !blacklisted && strcmp(st, "unlicensed") != 0;
	char name[160], address[160], code[TI_CREDIT_LEN + 1], licence[40];
	struct store_ti_inst in;
	int64_t id, op = k == 0 ? c->operator_id : 0;

	blacklisted |= strcmp(st, "unlicensed") == 0;
	if (k == 0)
		snprintf(name, sizeof name, "新荣区青少年体育培训中心");
	else
		snprintf(name, sizeof name, "大同市新荣区%s%s", brands[k % 16], kinds[ci][(k / 7) % 3]);
	if (k >= 16 * 3)
		snprintf(name + strlen(name), sizeof name - strlen(name), "（%d）", k / 48 + 1);
	snprintf(address, sizeof address, "大同市新荣区%s%d号", streets[k % 8], 10 + (k * 13) % 290);
	licence[0] = '\0';
	if (strcmp(st, "unlicensed") != 0)
		snprintf(licence, sizeof licence, "教民1402120%05d", k + 1);
	credit_code(k, code);
	in = (struct store_ti_inst){ c->who.district_id, name, code, licence, address, cat, st,
		status_note(st), { false, !senior_only, !senior_only && k % 2 == 0, senior_only ||
		k % 3 == 0 }, op, c->now - (int64_t)(k % 365) * 86400 };
	if (store_ti_insert(db, &in, &id, dbe) != 0 ||
	    add_courses(db, c, id, k, ci, cat, senior_only, dbe) != 0 ||
	    add_staff(db, c, id, k, dbe) != 0 || add_application(db, c, id, st, op, dbe) != 0)
		return -1;
	return 0;
}

static int demo_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct demo_ti *c = vctx;
	json_t *d;
	int rc = store_ti_user_id(db, "institution", &c->operator_id, dbe);

	(void)e;
	if (rc < 0)
		return -1;
	if (rc == 1)
		c->operator_id = 0;
	for (int k = 0; k < c->n; k++)
		if (add_one(db, c, k, dbe) != 0)
			return -1;
	d = json_pack("{s:i}", "institutions", c->n);
	rc = app_audit(db, &c->who, "institution.demo", "institution:*", "ok", d, dbe);
	json_decref(d);
	return rc;
}

int demo_ti_registry_n(struct app *a, int n, struct app_err *e)
{
	struct demo_ti c = { .n = n, .now = time_now() };

	if (n < 1)
		return app_fail(e, 422, "FIELD_INVALID", "机构数应为正整数");
	app_cli_actor(&c.who, "cli:demo");
	c.who.district_id = a->district_id;
	return app_batch(a, demo_tx, &c, e);
}

int demo_ti_registry(struct app *a, struct app_err *e)
{
	return demo_ti_registry_n(a, DEMO_TI_COUNT, e);
}
