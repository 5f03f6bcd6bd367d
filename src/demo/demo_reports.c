/* demo_reports.c - the demo district's public reports (举报) and the one
 * vetoed teacher (师德): filed by the public through app_report_file, routed,
 * answered and closed by the district admin through app_report_step, then
 * the filing days moved back so the queue has a history: most answered in
 * time, two overdue. Institutions are named in free text, as the public
 * names them. */
#include "demo/demo_reports.h"

#include "app/app_batch.h"
#include "app/app_org.h"
#include "app/app_report.h"
#include "store/store_report.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

#define PER_KIND 12

struct demo_rp {
	const char *kind, *target, *text;
};

static const struct demo_rp institutions[] = {
	{ "institution", "新荣区状元坊教育培训中心", "周末开设初中数学、英语学科类培训，每节课收费 200 元。" },
	{ "institution", "优学堂辅导班", "在居民楼里办班，没有办学许可证，一次预收一年学费。" },
	{ "institution", "星火艺术培训学校", "以艺术培训为名讲授小学语文、数学课程。" },
	{ "institution", "小博士托管中心", "托管班晚上给学生上新课，超前教学。" },
	{ "institution", "启航学习中心", "宣传“保过”“提分 30 分”，广告内容虚假。" },
	{ "institution", "金钥匙教育", "与学校老师合作招生，老师推荐学生去上课。" },
	{ "institution", "智多星学堂", "寒假期间组织学科类集中培训。" },
	{ "institution", "雏鹰体育俱乐部", "预收费超过三个月，不肯退费。" },
	{ "institution", "书香阁读书会", "以读书会名义开展作文辅导收费。" },
	{ "institution", "名师一对一", "线上一对一学科辅导，按课时收费。" },
	{ "institution", "阳光英语角", "面向幼儿园大班开设英语拼读课程。" },
	{ "institution", "未来科学实验室", "收费标准没有公示，临时加价。" },
};

static const struct demo_rp schools_rp[] = {
	{ "school", "", "三年级每天作业要写到晚上九点半以后。" },
	{ "school", "", "课后服务每月收费，说是“自愿”但不交不行。" },
	{ "school", "", "期中考试后在班级群里公布了成绩排名。" },
	{ "school", "", "一二年级布置了书面家庭作业。" },
	{ "school", "", "要求家长批改作业并签字。" },
	{ "school", "", "课后服务时间讲新课。" },
	{ "school", "", "放学时间早于下班时间，没有课后服务。" },
	{ "school", "", "按成绩分快慢班。" },
	{ "school", "", "周末组织学生到校补课。" },
	{ "school", "", "订购教辅资料统一收费。" },
	{ "school", "", "体育课经常被语数外占用。" },
	{ "school", "", "早上七点前就要求学生到校早读。" },
};

static const struct demo_rp teachers[] = {
	{ "teacher", "数学老师（姓王）", "在家里开补习班，每人每月收费 800 元，班上一半同学都去了。" },
	{ "teacher", "英语老师", "暗示学生参加她在校外开的辅导班。" },
	{ "teacher", "语文老师（姓李）", "周末在培训机构兼职授课。" },
	{ "teacher", "班主任", "寒假组织本班学生有偿补课。" },
	{ "teacher", "物理老师", "在网上开设收费直播课。" },
	{ "teacher", "数学老师", "课上不讲完，课后补习班再讲。" },
	{ "teacher", "科学老师", "推荐学生购买自己编的资料。" },
	{ "teacher", "英语老师（姓赵）", "暑假在小区里办班。" },
	{ "teacher", "语文老师", "给学生家长推销一对一辅导。" },
	{ "teacher", "美术老师", "在校外画室收费授课（非学科）。" },
	{ "teacher", "化学老师", "晚上在自己家里给学生补课。" },
	{ "teacher", "音乐老师", "私下收费教乐器。" },
};

static const char *const outcomes[] = { "partly", "unfounded", "out_of_scope", "partly", "unfounded" };
static const char *const replies[] = {
	"经核查，反映的问题部分属实，已责令整改并跟踪复查。",
	"经核查，反映的问题不属实。感谢您的监督。",
	"您反映的问题不属于本部门受理范围，已告知向有关部门反映的途径。",
};
static const char *const findings[] = { "作业总量超标", "", "", "违规收取课后服务费用", "" };

/* Where a report of this kind goes: an enforcement agency, or the school. */
static const char *route_of(const char *kind, int i)
{
	static const char *const inst[] = { "market", "education", "police" };

	if (!strcmp(kind, "institution"))
		return inst[i % 3];
	return !strcmp(kind, "school") || i % 2 ? "school" : "education";
}

struct made {
	int64_t id;
	int days_ago, answered_after; /* answered_after < 0: not answered */
};

static int step(struct app *a, const struct actor *admin, int64_t id, const char *name,
		json_t *body, struct app_err *e)
{
	json_t *out = NULL;
	int rc = app_report_step(a, admin, id, name, body, &out, e);

	json_decref(body);
	json_decref(out);
	return rc;
}

static int64_t last_id(struct app *a, const struct actor *admin, struct app_err *e)
{
	json_t *out = NULL;
	int64_t id = 0;

	if (app_report_list(a, admin, "received", NULL, NULL, NULL, NULL, "500", &out, e) != 0)
		return -1;
	for (size_t i = 0; i < json_array_size(json_object_get(out, "items")); i++) {
		int64_t x = json_integer_value(json_object_get(json_array_get(json_object_get(out, "items"), i), "id"));

		if (x > id)
			id = x;
	}
	json_decref(out);
	return id;
}

static int file(struct app *a, const struct demo_rp *r, const char *school_name, int64_t school_id,
		int i, struct app_err *e)
{
	struct actor pub = { 0 };
	json_t *body = json_pack("{s:s,s:s,s:s}", "target_kind", r->kind, "target",
				 r->target[0] ? r->target : school_name, "text", r->text), *out = NULL;
	int rc;

	pub.district_id = a->district_id;
	snprintf(pub.request_id, sizeof pub.request_id, "demo");
	if (school_id && strcmp(r->kind, "institution") != 0)
		json_object_set_new(body, "school_id", json_integer(school_id));
	if (i % 3 == 0)
		json_object_set_new(body, "contact", json_sprintf("1390000%04d", 100 + i));
	rc = app_report_file(a, &pub, body, &out, e);
	json_decref(body);
	json_decref(out);
	return rc;
}

/* The i-th report of a kind through its steps: 0-1 received (0 of the first
 * two kinds overdue), 2-3 routed, 4-8 answered, 9-11 closed. */
static int progress(struct app *a, const struct actor *admin, const char *kind, int i,
		    int64_t id, int64_t school_id, int64_t staff_id, struct made *m,
		    struct app_err *e)
{
	int vetoed = !strcmp(kind, "teacher") && i == 4;

	m->id = id;
	m->days_ago = i < 2 ? (i == 0 && strcmp(kind, "teacher") ? 20 : 1 + i) : 3 + i * 3;
	m->answered_after = i < 4 ? -1 : 2 + (i * 5) % 12;
	if (i < 2)
		return 0;
	if (step(a, admin, id, "route", json_pack("{s:s,s:I}", "to", route_of(kind, i), "school_id",
						   (json_int_t)school_id), e) != 0)
		return -1;
	if (i < 4)
		return 0;
	if (vetoed) {
		if (step(a, admin, id, "answer", json_pack("{s:s,s:s,s:s,s:I,s:s}", "outcome", "proven",
			 "reply", "经查属实，已对该教师严肃处理，当学年师德考核一票否决。", "finding",
			 a->policy.te_finding, "staff_id", (json_int_t)staff_id, "note",
			 "家长提供转账记录、补课地点照片，教师本人承认"), e) != 0)
			return -1;
	} else if (step(a, admin, id, "answer", json_pack("{s:s,s:s,s:s}", "outcome",
			outcomes[i % 5], "reply", replies[(i % 5) % 3], "finding", findings[i % 5]), e) != 0) {
		return -1;
	}
	return i < 9 ? 0 : step(a, admin, id, "close", json_pack("{s:s}", "note", "回访举报人，已办结"), e);
}

struct dates_ctx {
	const struct app *a;
	struct made *m;
	int n;
};

static int dates_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct dates_ctx *c = vctx;
	int64_t now = time_now(), today = date_of(now, c->a->policy.utc_offset_minutes);

	for (int i = 0; i < c->n; i++) {
		int64_t filed = today - c->m[i].days_ago, ans = filed + c->m[i].answered_after;
		char f[16], d[16], an[16];

		date_format(filed, f, sizeof f);
		date_format(filed + c->a->policy.rp_answer_days, d, sizeof d);
		date_format(ans > today ? today : ans, an, sizeof an);
		int64_t at = now - (int64_t)c->m[i].days_ago * 86400;
		int64_t ans_at = c->m[i].answered_after < 0 ? now
			       : at + (int64_t)c->m[i].answered_after * 86400;

		if (store_report_demo_dates(db, c->m[i].id, f, d, c->m[i].answered_after < 0 ? NULL : an,
					    at, ans_at > now ? now : ans_at, dbe) != 0)
			return -1;
	}
	return 0;
}

/* The first school (school 1) and a teacher of it. */
static int school_one(struct app *a, const struct actor *admin, int64_t *school,
		      char *name, size_t cap, int64_t *staff, struct app_err *e)
{
	json_t *out = NULL, *first;

	if (app_report_schools(a, &out, e) != 0)
		return -1;
	*school = 0;
	for (size_t i = 0; i < json_array_size(json_object_get(out, "items")); i++) {
		json_t *s = json_array_get(json_object_get(out, "items"), i);

		if (!*school || json_integer_value(json_object_get(s, "id")) < *school) {
			*school = json_integer_value(json_object_get(s, "id"));
			snprintf(name, cap, "%s", json_string_value(json_object_get(s, "name")));
		}
	}
	json_decref(out);
	if (!*school || app_staff_list(a, admin, *school, &out, e) != 0)
		return -1;
	first = json_array_get(json_object_get(out, "items"), 0);
	*staff = first ? json_integer_value(json_object_get(first, "id")) : 0;
	json_decref(out);
	return *staff ? 0 : -1;
}

int demo_reports(struct app *a, struct app_err *e)
{
	const struct demo_rp *kinds[3] = { institutions, schools_rp, teachers };
	struct made m[3 * PER_KIND];
	struct dates_ctx c = { .a = a, .m = m };
	struct actor admin;
	int64_t school, staff;
	char name[256];

	if (app_cli_admin(a, NULL, &admin, e) != 0 ||
	    school_one(a, &admin, &school, name, sizeof name, &staff, e) != 0)
		return -1;
	for (int k = 0; k < 3; k++) {
		for (int i = 0; i < PER_KIND; i++) {
			int64_t id;

			if (file(a, &kinds[k][i], name, school, i, e) != 0 ||
			    (id = last_id(a, &admin, e)) <= 0 ||
			    progress(a, &admin, kinds[k][i].kind, i, id, school, staff, &m[c.n++], e) != 0)
				return -1;
		}
	}
	return app_batch(a, dates_tx, &c, e);
}
