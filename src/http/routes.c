/* routes.c - the route table and its handlers. A handler decodes the
 * request, calls one app_ function and encodes the answer: no SQL, no rules. */
#include "http/handlers.h"
#include "core/audit_names.h"
#include "util/embed.h"
#include "util/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KB(n) ((size_t)(n) * 1024)
#define JSON_BODY KB(1024) /* 1 MiB: RELIABILITY.md "HTTP" */

static void h_healthz(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };

	if (app_health(rq->app, &e) != 0) {
		http_app_error(rq, rs, &e);
		return;
	}
	rs->json = json_pack("{s:s}", "status", "ok");
}

struct signin_in {
	const char *username, *password;
};

static const struct jfield signin_fields[] = {
	{ "username", JF_STR, offsetof(struct signin_in, username), true, 1, 64, NULL, "用户名" },
	{ "password", JF_STR, offsetof(struct signin_in, password), true, 1, 256, NULL, "密码" },
};

static void h_signin(struct http_req *rq, struct http_resp *rs)
{
	struct signin_in in = { 0 };
	struct app_err e = { 0 };
	char token[65];
	int wait = 0;

	if (http_decode(rq, rs, signin_fields, 2, &in) != 0)
		return;
	if (!http_signin_allowed(rq, &wait)) {
		app_audit_refusal(rq->app, &rq->who, "session.create", "rate_limited");
		http_error(rq, rs, 429, "AUTH_RATE_LIMITED", "登录尝试过于频繁，请稍后再试");
		rs->retry_after = wait;
		return;
	}
	if (app_sign_in(rq->app, in.username, in.password, rq->who.ip, rq->who.request_id,
			&rq->who, token, &e) != 0) {
		http_app_error(rq, rs, &e);
		return;
	}
	http_signed_in(rq, rs, token);
}

static void h_signout(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };

	if (app_sign_out(rq->app, &rq->who, &e) != 0) {
		http_app_error(rq, rs, &e);
		return;
	}
	snprintf(rs->set_cookie, sizeof rs->set_cookie,
		 "sj_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
	rs->json = json_pack("{s:b}", "ok", 1);
}

static void h_me(struct http_req *rq, struct http_resp *rs)
{
	rs->json = http_who_json(&rq->who);
}

static void h_policy(struct http_req *rq, struct http_resp *rs)
{
	rs->json = app_policy_json(rq->app);
}

static void audit_filter_of(struct http_req *rq, struct audit_filter *f)
{
	f->action = http_query(rq, "action");
	f->actor = http_query(rq, "actor");
	f->from = http_query(rq, "from");
	f->to = http_query(rq, "to");
}

static void h_audit(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	struct audit_filter f;
	json_t *out = NULL;
	int rc;

	audit_filter_of(rq, &f);
	rc = app_audit_list(rq->app, &rq->who, &f, http_query(rq, "cursor"),
			    http_query(rq, "limit"), &out, &e);
	http_answer(rq, rs, rc, out, &e, 0);
}

/* The actions the trail can hold, with their names: the page's filter list. */
static void h_audit_actions(struct http_req *rq, struct http_resp *rs)
{
	json_t *items = json_array();

	(void)rq;
	for (const struct audit_action *x = audit_actions; x->code; x++)
		json_array_append_new(items, json_pack("{s:s,s:s}", "code", x->code, "name", x->name));
	rs->json = json_pack("{s:o}", "items", items);
}

static void h_audit_xlsx(struct http_req *rq, struct http_resp *rs)
{
	static const char *const header[] = { "时间", "操作人", "角色", "操作", "操作代码", "对象",
					      "对象代码", "结果", "结果代码", "请求编号", "序号" };
	struct app_err e = { 0 };
	struct audit_filter f;
	struct table t = { 0 };

	audit_filter_of(rq, &f);
	if (app_audit_table(rq->app, &rq->who, &f, &t, &e) != 0) {
		http_app_error(rq, rs, &e);
		return;
	}
	http_send_xlsx(rq, rs, "审计日志", header, 11, &t, "audit.xlsx");
	table_free(&t);
}

static void h_users_list(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;

	int rc = app_user_list(rq->app, &rq->who, http_query(rq, "role"), http_query(rq, "q"),
			       http_query(rq, "school_id"), http_query(rq, "cursor"),
			       http_query(rq, "limit"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

static void h_users_create(struct http_req *rq, struct http_resp *rs)
{
	struct user_in in = { 0 };
	struct app_err e = { 0 };
	json_t *out = NULL;

	if (http_decode(rq, rs, user_in_fields, user_in_nfields, &in) == 0) {
		int rc = app_user_create(rq->app, &rq->who, &in, &out, &e);

		http_answer(rq, rs, rc, out, &e, 201);
	}
}

/* A browser library from a Debian package (Chart.js), embedded at build. */
static void h_vendor(struct http_req *rq, struct http_resp *rs)
{
	http_send_embedded(rq, rs, embed_vendor, rq->params[0]);
}

static void h_static(struct http_req *rq, struct http_resp *rs)
{
	http_send_page(rq, rs, rq->params[0] ? rq->params[0] : "index.html");
}

#define ADMIN ROLE_BIT(ROLE_DISTRICT_ADMIN)
#define ORG_READERS (ROLE_BIT(ROLE_DISTRICT_ADMIN) | ROLE_BIT(ROLE_INSPECTOR) |              \
		     ROLE_BIT(ROLE_PRINCIPAL) | ROLE_BIT(ROLE_ACADEMIC_OFFICE) |               \
		     ROLE_BIT(ROLE_TEACHER) | ROLE_BIT(ROLE_PARENT))
#define SCHOOL_STAFF (ROLE_BIT(ROLE_DISTRICT_ADMIN) | ROLE_BIT(ROLE_INSPECTOR) |             \
		      ROLE_BIT(ROLE_PRINCIPAL) | ROLE_BIT(ROLE_ACADEMIC_OFFICE))
#define MANAGERS (ROLE_BIT(ROLE_DISTRICT_ADMIN) | ROLE_BIT(ROLE_PRINCIPAL) |                 \
		  ROLE_BIT(ROLE_ACADEMIC_OFFICE))
#define IMPORTERS (ROLE_BIT(ROLE_DISTRICT_ADMIN) | ROLE_BIT(ROLE_PRINCIPAL) |                \
		   ROLE_BIT(ROLE_ACADEMIC_OFFICE))
#define SUPERVISION (ROLE_BIT(ROLE_DISTRICT_ADMIN) | ROLE_BIT(ROLE_INSPECTOR))
#define TEACHER ROLE_BIT(ROLE_TEACHER)
#define PARENT ROLE_BIT(ROLE_PARENT)
#define SCHOOL_HEADS (ROLE_BIT(ROLE_PRINCIPAL) | ROLE_BIT(ROLE_ACADEMIC_OFFICE))
#define TI_WRITERS (ROLE_BIT(ROLE_DISTRICT_ADMIN) | ROLE_BIT(ROLE_ENFORCEMENT))
#define TI_READERS (TI_WRITERS | ROLE_BIT(ROLE_INSPECTOR))
/* Above the pack's cap (TI_SWEEP evidence_max_kb, at most 16 MiB), which the
 * use case answers with EVIDENCE_TOO_LARGE. */
#define TI_EVIDENCE_BODY KB(16 * 1024 + 64)
/* part SC: above the pack's cap (SV_EVIDENCE max_kb, at most 16 MiB). */
#define SV_EVIDENCE_BODY KB(16 * 1024 + 64)
#define TI_OPERATOR ROLE_BIT(ROLE_INSTITUTION)
#define TI_BUREAU (ROLE_BIT(ROLE_DISTRICT_ADMIN) | ROLE_BIT(ROLE_INSPECTOR) |                \
		   ROLE_BIT(ROLE_ENFORCEMENT))

/* Order matters only for the static routes, which come last. */
const struct http_route http_routes[] = {
	{ "GET", "/healthz", ROLES_PUBLIC, 0, h_healthz, "存储可用时答 200", 0 },
	{ "POST", "/api/v1/session", ROLES_PUBLIC, KB(4), h_signin, "登录，设置会话 Cookie", 0 },
	{ "DELETE", "/api/v1/session", ROLES_ANY_SIGNED_IN, 0, h_signout, "退出登录", 0 },
	{ "GET", "/api/v1/me", ROLES_ANY_SIGNED_IN, 0, h_me, "当前用户与 CSRF 令牌", 0 },
	{ "GET", "/api/v1/policy", ROLES_ANY_SIGNED_IN, 0, h_policy, "当前政策包", 0 },
	{ "GET", "/api/v1/audit", SUPERVISION, 0, h_audit,
	  "审计日志（筛选、分页；每条带中文的操作、对象与结果名称）", 0 },
	{ "GET", "/api/v1/audit/actions", SUPERVISION, 0, h_audit_actions,
	  "审计日志中可能出现的全部操作及其中文名称（筛选列表用）", 0 },
	{ "GET", "/api/v1/audit.xlsx", SUPERVISION, 0, h_audit_xlsx,
	  "按同样的筛选导出审计日志 .xlsx（最多 20000 条，名称与代码并列；导出本身记入审计）", 0 },
	{ "GET", "/api/v1/users", ADMIN | SCHOOL_HEADS, 0, h_users_list,
	  "用户列表（筛选、分页；学校：本校的账号）", 0 },
	{ "POST", "/api/v1/users", ADMIN, JSON_BODY, h_users_create, "新建用户", 0 },
	{ "PATCH", "/api/v1/users/{id}", ADMIN | SCHOOL_HEADS, KB(4), h_user_patch,
	  "修改用户（教育局：姓名、角色、学校；学校：本校教职工和家长的姓名）", 0 },
	{ "POST", "/api/v1/users/{id}/{action}", ADMIN | SCHOOL_HEADS, KB(1), h_user_action,
	  "停用 disable、启用 enable、重置 reset（作废密码，发新激活码）", 0 },
	{ "POST", "/api/v1/accounts/provision", ADMIN | SCHOOL_HEADS, KB(4), h_provision,
	  "批量开通账号：学校（年级、班级）尚无账号的教职工或家长，各发一次性激活码", 0 },
	{ "POST", "/api/v1/accounts/provision.xlsx", ADMIN | SCHOOL_HEADS, KB(4), h_provision_xlsx,
	  "批量开通账号，答复为激活单 .xlsx", 0 },
	{ "POST", "/api/v1/activation", ROLES_PUBLIC, KB(4), h_activation,
	  "激活账号：用户名或手机号、激活码，设置密码后登录（公开）", 0 },
	{ "PUT", "/api/v1/me/password", ROLES_ANY_SIGNED_IN, KB(4), h_my_password,
	  "修改自己的密码（需当前密码；其他会话全部退出）", 0 },
	{ "DELETE", "/api/v1/me/sessions", ROLES_ANY_SIGNED_IN, 0, h_my_sessions_end,
	  "在所有设备上退出登录", 0 },
	{ "GET", "/api/v1/me/signins", ROLES_ANY_SIGNED_IN, 0, h_my_signins, "本人最近的登录记录", 0 },
	{ "POST", "/api/v1/me/children", ROLE_BIT(ROLE_PARENT), KB(4), h_child_claim,
	  "家长添加孩子：学籍号、孩子姓名和学校登记的监护人手机号都一致才关联", 0 },
	{ "GET", "/api/v1/tokens", ROLES_ANY_SIGNED_IN, 0, h_tokens_list,
	  "访问令牌（管理员：全区的；其他人：自己的）", 0 },
	{ "POST", "/api/v1/tokens/{id}/revoke", ROLES_ANY_SIGNED_IN, KB(1), h_token_revoke,
	  "撤销访问令牌", 0 },
	{ "GET", "/api/v1/schools", ORG_READERS, 0, h_schools_list, "学校列表（按权限范围，搜索、分页）", 0 },
	{ "GET", "/api/v1/schools/{id}", ORG_READERS, 0, h_school_get, "一所学校", 0 },
	{ "GET", "/api/v1/schools/{id}/staff", SCHOOL_STAFF, 0, h_school_staff, "学校教职工", 0 },
	{ "GET", "/api/v1/schools/{id}/roles", SCHOOL_STAFF, 0, h_school_roles,
	  "学校职务（校长、教导处、年级组长、教研组长）", 0 },
	{ "POST", "/api/v1/schools/{id}/roles", MANAGERS, KB(4), h_school_role_set,
	  "任命或撤销学校职务", 0 },
	{ "POST", "/api/v1/classes/{id}/teaching", MANAGERS, KB(4), h_class_teaching,
	  "安排教师任教本班某学科", 0 },
	{ "POST", "/api/v1/classes/{id}/teaching/withdraw", MANAGERS, KB(4),
	  h_class_teaching_withdraw, "撤销任课安排（保留记录）", 0 },
	{ "PUT", "/api/v1/classes/{id}/head-teacher", MANAGERS, KB(4), h_class_head,
	  "设置班主任（staff_id 0 为清除）", 0 },
	{ "POST", "/api/v1/students/{id}/leave", MANAGERS, KB(4), h_student_leave,
	  "学生离校：家长不再看到孩子，未结束的课后服务报名撤回", 0 },
	{ "POST", "/api/v1/staff/{id}/leave", MANAGERS, KB(4), h_staff_leave,
	  "教职工离职：任课、班主任、职务结束，教师账号停用", 0 },
	{ "GET", "/api/v1/school-directory", SCHOOL_STAFF, 0, h_school_directory,
	  "全区学校名录（仅编号、代码、名称、类型：选择转入学校用）", 0 },
	{ "POST", "/api/v1/transfers", MANAGERS, KB(4), h_transfer_create,
	  "申请转学（学生）或调动（教职工）：转出学校、转入学校或教育局提出", 0 },
	{ "GET", "/api/v1/transfers", SCHOOL_STAFF, 0, h_transfers_list,
	  "转学与调动记录（学校：本校转出或转入的；筛选、分页）", 0 },
	{ "GET", "/api/v1/transfers/{id}", SCHOOL_STAFF, 0, h_transfer_get, "一份转学或调动申请", 0 },
	{ "POST", "/api/v1/transfers/{id}/{action}", MANAGERS, KB(4), h_transfer_decide,
	  "处理申请：confirm 确认（另一方或教育局）、reject 拒绝、cancel 撤销（申请方）", 0 },
	{ "GET", "/api/v1/classes", ORG_READERS, 0, h_classes_list, "班级列表（按学校、年级筛选）", 0 },
	{ "GET", "/api/v1/classes/{id}", ORG_READERS, 0, h_class_get, "班级、任课教师与名单", 0 },
	{ "GET", "/api/v1/classes/{id}/roster.xlsx", SCHOOL_STAFF | ROLE_BIT(ROLE_TEACHER), 0,
	  h_class_roster_xlsx, "班级名单导出 .xlsx（记入审计）", 0 },
	{ "GET", "/api/v1/me/children", ROLE_BIT(ROLE_PARENT), 0, h_children, "家长：我的孩子", 0 },
	{ "GET", "/api/v1/terms", ROLES_ANY_SIGNED_IN, 0, h_terms_list, "学期与校历", 0 },
	{ "POST", "/api/v1/terms", ADMIN, KB(4), h_terms_create, "新建学期", 0 },
	{ "GET", "/api/v1/calendar/{date}", ROLES_ANY_SIGNED_IN, 0, h_calendar_get,
	  "某日是上课日、周末、法定节假日还是寒暑假", 0 },
	{ "PUT", "/api/v1/calendar/{date}", ADMIN, KB(4), h_calendar_put,
	  "标记法定节假日、调休上班日或假期", 0 },
	{ "GET", "/api/v1/imports/{kind}/template.xlsx", IMPORTERS, 0, h_import_template,
	  "导入模板 .xlsx：第一张表是按顺序排好的列名，第二张表是每列的填写说明", 0 },
	/* ---- health: activity, fitness, vision (issue 14, part HE); the fitness
	 * import comes before the generic import, as the first match wins ---- */
	{ "POST", "/api/v1/imports/fitness", IMPORTERS, (size_t)50 << 20, h_he_fitness_import,
	  "导入《国家学生体质健康标准》测试成绩 CSV/.xlsx（?term_id= 学期；?dry_run=1 只检查；MG_FITNESS）", 1 },
	{ "POST", "/api/v1/classes/{id}/activity", TEACHER | SCHOOL_HEADS, KB(4), h_he_activity_put,
	  "登记班级某上课日的体育活动：体育课、大课间、其他体育活动分钟数，眼保健操次数（MG_PE_DAILY、MG_EYE_EXERCISES 标记；再次登记替换，保留原记录）", 0 },
	{ "GET", "/api/v1/classes/{id}/activity", SCHOOL_STAFF | TEACHER, 0, h_he_activity_days,
	  "班级每天的体育活动记录（?from=&to=，默认本学期）", 0 },
	{ "POST", "/api/v1/vision-screenings", TEACHER | SCHOOL_HEADS, KB(4), h_he_vision_add,
	  "登记一名学生的视力筛查：日期、左眼、右眼（五分记录法）、是否戴镜（MG_VISION_SCREENING）", 0 },
	{ "GET", "/api/v1/classes/{id}/vision-screenings", SCHOOL_STAFF | TEACHER, 0,
	  h_he_vision_roster, "班级学生及其最近一次视力筛查（批量录入用；?term_id=）", 0 },
	{ "GET", "/api/v1/schools/{id}/health", SCHOOL_STAFF, 0, h_he_school,
	  "学校体质健康：体育活动、体质测试及格率与优秀率（按年级）、视力不良率及变化、筛查逾期班级（?term_id=）", 0 },
	{ "GET", "/api/v1/health.xlsx", SUPERVISION, 0, h_he_district_xlsx,
	  "全区体质健康按学校导出 .xlsx（?term_id=；记入审计）", 0 },
	{ "GET", "/api/v1/health", SUPERVISION, 0, h_he_district,
	  "全区体质健康：各校体育活动、体质测试、视力筛查与全区合计（?term_id=&cursor=&limit=）", 0 },
	/* ---- end of part HE ---- */
	/* ---- satisfaction surveys (issue 15, part SD) ---- */
	{ "POST", "/api/v1/surveys", SUPERVISION, KB(4), h_sv_create,
	  "发布满意度调查：名称、对象（家长/学生/教师）、学校或全区、学期、起止日期；题目取自政策包 SV_SURVEY", 0 },
	{ "GET", "/api/v1/surveys", SCHOOL_STAFF, 0, h_sv_list,
	  "满意度调查列表（?term_id=&cursor=&limit=；校长、教导处：本校与全区的）", 0 },
	{ "GET", "/api/v1/me/surveys", TEACHER | PARENT, 0, h_sv_mine,
	  "家长、教师：今天可以填写的调查及待填项（家长为每个孩子填学生问卷）", 0 },
	{ "GET", "/api/v1/surveys/{id}/results.xlsx", SCHOOL_STAFF, 0, h_sv_results_xlsx,
	  "满意度调查结果导出 .xlsx（不足 SV_MIN_GROUP 份的群体不公布；记入审计）", 0 },
	{ "GET", "/api/v1/surveys/{id}/results", SCHOOL_STAFF, 0, h_sv_results,
	  "满意度调查结果：按群体、题目，全区调查另按学校（答卷少于 SV_MIN_GROUP 份的群体不公布；?school_id=）", 0 },
	{ "POST", "/api/v1/surveys/{id}/answers", TEACHER | PARENT, KB(32), h_sv_answer,
	  "填写满意度调查（每人一次，学生问卷每个孩子一次；答卷不记答卷人：SV_ANSWERED、SV_CLOSED、SV_ANSWER_SCALE）", 0 },
	{ "GET", "/api/v1/surveys/{id}", ORG_READERS, 0, h_sv_get, "一份满意度调查及其题目和量表", 0 },
	/* ---- end of part SD ---- */
	/* ---- supervision visits and rectification notices (issue 15, part SC; SV_RECTIFY,
	 * SV_EVIDENCE); the fixed paths come before their {id} siblings ---- */
	{ "GET", "/api/v1/supervision/inspectors", SUPERVISION, 0, h_sv_inspectors,
	  "本区在用的督导账号（安排督导检查用）", 0 },
	{ "POST", "/api/v1/supervision/visits", SUPERVISION, KB(16), h_sv_visit_create,
	  "安排督导检查：学校、日期、督导人员（本区督导账号）、说明；notice_id 为复查", 0 },
	{ "GET", "/api/v1/supervision/visits", SUPERVISION | SCHOOL_HEADS, 0, h_sv_visits,
	  "督导检查列表（?school_id=&cursor=&limit=；学校只看本校）", 0 },
	{ "GET", "/api/v1/supervision/visits/{id}", SUPERVISION | SCHOOL_HEADS, 0, h_sv_visit_get,
	  "一次督导检查：督导人员、按指标的发现及证据、下达的整改通知", 0 },
	{ "POST", "/api/v1/supervision/visits/{id}/findings", SUPERVISION, KB(16), h_sv_finding_add,
	  "登记督导发现：C 级指标编号与问题（SV_ITEM）", 0 },
	{ "POST", "/api/v1/supervision/findings/{id}/evidence", SUPERVISION, SV_EVIDENCE_BODY,
	  h_sv_visit_evidence_add, "上传督导发现的证据（照片 JPEG/PNG、PDF；?name= 文件名；SV_EVIDENCE）", 1 },
	{ "GET", "/api/v1/supervision/findings/{id}/evidence/{eid}", SUPERVISION | SCHOOL_HEADS, 0,
	  h_sv_visit_evidence_get, "下载督导发现的证据", 0 },
	{ "GET", "/api/v1/supervision/notices/overdue", SUPERVISION, 0, h_sv_overdue,
	  "逾期未销号的整改通知（SV_RECTIFY）", 0 },
	{ "GET", "/api/v1/supervision/notices.xlsx", SUPERVISION, 0, h_sv_notices_xlsx,
	  "整改通知导出 .xlsx", 0 },
	{ "POST", "/api/v1/supervision/notices", SUPERVISION, KB(16), h_sv_notice_issue,
	  "下达整改通知：检查、整改指标、要求、期限天数（SV_RECTIFY）", 0 },
	{ "GET", "/api/v1/supervision/notices", SUPERVISION | SCHOOL_HEADS, 0, h_sv_notices,
	  "整改通知列表（?school_id=&status=&overdue=1&cursor=&limit=；学校只看本校）", 0 },
	{ "GET", "/api/v1/supervision/notices/{id}", SUPERVISION | SCHOOL_HEADS, 0, h_sv_notice_get,
	  "一份整改通知：指标、期限、学校答复及证据、复查结果", 0 },
	{ "POST", "/api/v1/supervision/notices/{id}/answer", SCHOOL_HEADS, KB(16),
	  h_sv_notice_answer, "学校答复整改情况（销号后 409 SV_NOTICE_CLOSED）", 0 },
	{ "POST", "/api/v1/supervision/notices/{id}/evidence", SCHOOL_HEADS, SV_EVIDENCE_BODY,
	  h_sv_visit_evidence_add, "上传整改证据（照片 JPEG/PNG、PDF；?name= 文件名；SV_EVIDENCE）", 1 },
	{ "GET", "/api/v1/supervision/notices/{id}/evidence/{eid}", SUPERVISION | SCHOOL_HEADS, 0,
	  h_sv_visit_evidence_get, "下载整改证据", 0 },
	{ "POST", "/api/v1/supervision/notices/{id}/close", SUPERVISION, KB(16), h_sv_notice_close,
	  "复查销号：复查（为这份通知安排的检查）与结果（整改到位/不到位）", 0 },
	/* ---- end of part SC ---- */
	{ "POST", "/api/v1/imports/{kind}", IMPORTERS, (size_t)50 << 20, h_import,
	  "导入 CSV/.xlsx 文件（?dry_run=1 只检查）", 1 },
	{ "POST", "/api/v1/homework", TEACHER, KB(16), h_hw_post,
	  "布置作业（先按规则检查：HW_WRITTEN_G12、HW_PARENT、HW_DAILY_LIMIT、HW_OFFDAY_LIMIT）", 0 },
	{ "GET", "/api/v1/homework/pending", SCHOOL_HEADS | TEACHER, 0, h_hw_pending,
	  "待审核的作业（校长、教导处；年级组长：本年级）", 0 },
	{ "GET", "/api/v1/homework/{id}", ORG_READERS, 0, h_hw_get, "一项作业及其修改记录", 0 },
	{ "PUT", "/api/v1/homework/{id}", TEACHER | SCHOOL_HEADS, KB(16), h_hw_edit,
	  "修改作业（重新检查规则，保留原版本和原因）", 0 },
	{ "POST", "/api/v1/homework/{id}/withdraw", TEACHER | SCHOOL_HEADS, KB(4), h_hw_withdraw,
	  "撤回作业（写明原因）", 0 },
	{ "POST", "/api/v1/homework/{id}/review", SCHOOL_HEADS | TEACHER, KB(4), h_hw_review,
	  "审核作业：通过或退回（校长、教导处、年级组长）", 0 },
	{ "POST", "/api/v1/homework/{id}/grading", TEACHER, KB(4), h_hw_grading,
	  "登记批改（学生自批自改被拒绝：HW_SELF_GRADING）", 0 },
	{ "GET", "/api/v1/classes/{id}/homework", ORG_READERS, 0, h_hw_class_day,
	  "班级某天的作业、书面作业总量、上限和剩余", 0 },
	{ "GET", "/api/v1/schools/{id}/homework-settings", ORG_READERS, 0, h_hw_settings_get,
	  "学校作业设置：审核开关、作业管理方案（一校一案）", 0 },
	{ "PUT", "/api/v1/schools/{id}/homework-settings", MANAGERS, KB(32), h_hw_settings_put,
	  "修改学校作业设置", 0 },
	{ "POST", "/api/v1/homework-reports", PARENT, KB(4), h_hw_report,
	  "家长报告孩子某天的实际用时与完成情况", 0 },
	{ "GET", "/api/v1/homework-reports", PARENT, 0, h_hw_report_get,
	  "家长：查看自己为孩子报告的某天用时", 0 },
	{ "GET", "/api/v1/homework-followups", TEACHER | SCHOOL_HEADS, 0, h_hw_followups,
	  "经常未完成作业的学生跟进（HW_NONCOMPLETION）", 0 },
	{ "POST", "/api/v1/homework-followups/{id}/close", TEACHER | SCHOOL_HEADS, KB(4),
	  h_hw_followup_close, "办结跟进（写明原因分析与辅导措施）", 0 },
	{ "GET", "/api/v1/homework-stats", SCHOOL_STAFF, 0, h_hw_stats,
	  "学校 / 全区作业统计：布置、实际、上限、违规、拒绝、批改覆盖", 0 },
	{ "GET", "/api/v1/homework-stats.xlsx", SCHOOL_STAFF, 0, h_hw_stats_xlsx,
	  "作业统计导出为 .xlsx", 0 },
	{ "GET", "/api/v1/homework-estimates", TEACHER, 0, h_hw_estimates,
	  "教师本人：预计用时与家长报告的实际用时对比", 0 },
	{ "POST", "/api/v1/schools/{id}/afterschool-plans", MANAGERS, KB(16), h_as_plan_set,
	  "课后服务学期计划（AS_FIVE_DAYS、AS_END_TIME、AS_COVERAGE、AS_EVENING_JUNIOR、AS_WEEKEND）",
	  0 },
	{ "GET", "/api/v1/schools/{id}/afterschool-plans", ORG_READERS, 0, h_as_plan_get,
	  "学校某学期的课后服务计划", 0 },
	/* issue 12: the settings and answers the rules need */
	{ "GET", "/api/v1/homework-difficulty", TEACHER | SCHOOL_HEADS, 0, h_hw_difficulty_sample,
	  "课标抽查：本周抽出的已公示作业及检查结果（HW_DIFFICULTY）", 0 },
	{ "POST", "/api/v1/homework/{id}/difficulty-review", TEACHER | SCHOOL_HEADS, KB(4),
	  h_hw_difficulty_review, "登记课标抽查结果（年级组长、教研组长、校长、教导处）", 0 },
	{ "GET", "/api/v1/classes/{id}/homework-subjects", TEACHER, 0, h_hw_subjects,
	  "教师可为该班布置作业的学科（本年级开设的课程，HW_SUBJECT_GRADE）", 0 },
	{ "GET", "/api/v1/schools/{id}/afterschool-settings", ORG_READERS, 0, h_as_settings_get,
	  "学校课后服务设置：每天的放学时间（AS_COVERAGE）", 0 },
	{ "PUT", "/api/v1/schools/{id}/afterschool-settings", MANAGERS, KB(4), h_as_settings_put,
	  "修改学校每天的放学时间", 0 },
	{ "POST", "/api/v1/afterschool/programs", MANAGERS, KB(32), h_as_program_create,
	  "课后服务菜单：新增项目（AS_STAFF_VETTING、AS_FEES）", 0 },
	{ "GET", "/api/v1/afterschool/programs", ORG_READERS, 0, h_as_programs,
	  "学校某学期的课后服务项目与报名、录取、候补人数", 0 },
	{ "POST", "/api/v1/afterschool/applications", PARENT, KB(4), h_as_apply,
	  "家长自愿报名课后服务（按志愿顺序）", 0 },
	{ "GET", "/api/v1/afterschool/applications", PARENT | SCHOOL_STAFF, 0, h_as_applications,
	  "课后服务报名：家长看自己孩子的，学校看本校的", 0 },
	{ "POST", "/api/v1/afterschool/applications/{id}/withdraw", PARENT | MANAGERS, KB(1),
	  h_as_withdraw, "撤回课后服务报名", 0 },
	{ "POST", "/api/v1/schools/{id}/afterschool-allocation", MANAGERS, KB(4), h_as_allocate,
	  "分配课后服务名额：第一志愿优先、名额不超、其余候补", 0 },
	{ "POST", "/api/v1/afterschool/programs/{id}/sessions", MANAGERS, KB(1),
	  h_as_sessions_generate, "按校历生成课后服务场次", 0 },
	{ "GET", "/api/v1/afterschool/programs/{id}/sessions", SCHOOL_STAFF | TEACHER, 0,
	  h_as_sessions, "项目的课后服务场次", 0 },
	{ "GET", "/api/v1/afterschool/sessions/{id}", SCHOOL_STAFF | TEACHER, 0, h_as_session_get,
	  "一次课后服务：名单、考勤与交接", 0 },
	{ "POST", "/api/v1/afterschool/sessions/{id}/attendance", MANAGERS | TEACHER, KB(64),
	  h_as_attendance, "考勤与活动内容（AS_NO_NEW_LESSON 标记）", 0 },
	{ "POST", "/api/v1/afterschool/sessions/{id}/handover", MANAGERS | TEACHER, KB(64),
	  h_as_handover, "放学交接：监护人接走 / 转延时托管 / 转晚自习 / 自行离校", 0 },
	{ "GET", "/api/v1/afterschool/alerts", SCHOOL_HEADS | TEACHER, 0, h_as_alerts,
	  "交接预警：结束后超时未交接的学生（AS_HANDOVER）", 0 },
	{ "GET", "/api/v1/schools/{id}/afterschool-metrics", SCHOOL_STAFF, 0, h_as_metrics,
	  "课后服务质量指标：参与率（按年级、班级）、考勤率、作业完成率、待核查场次", 0 },
	{ "GET", "/api/v1/afterschool/sessions", SCHOOL_HEADS | TEACHER, 0, h_as_day_sessions,
	  "某一天的课后服务场次（教师：自己负责的项目）", 0 },
	{ "POST", "/api/v1/afterschool/sessions/{id}/review", MANAGERS, KB(4), h_as_session_review,
	  "学校核查被标记的活动（AS_NO_NEW_LESSON）：无问题 / 确认违规", 0 },
	{ "POST", "/api/v1/afterschool/sessions/{id}/incidents", MANAGERS | TEACHER, KB(16),
	  h_as_incident_create, "记录课后服务中的安全事件与处置", 0 },
	{ "GET", "/api/v1/schools/{id}/afterschool-incidents", SCHOOL_STAFF, 0, h_as_incidents,
	  "学期内的课后服务事件记录", 0 },
	{ "POST", "/api/v1/schools/{id}/afterschool-safety-checks", MANAGERS, KB(16),
	  h_as_safety_create, "登记场地安全检查（AS_VENUE_CHECK）", 0 },
	{ "GET", "/api/v1/schools/{id}/afterschool-safety-checks", SCHOOL_STAFF, 0,
	  h_as_safety_list, "场地安全检查记录与各场地状态（AS_VENUE_CHECK）", 0 },
	{ "GET", "/api/v1/schools/{id}/afterschool-hours", SCHOOL_STAFF | TEACHER, 0, h_as_hours,
	  "教师课后服务时长（按周，弹性上下班）", 0 },
	{ "GET", "/api/v1/afterschool-metrics", SUPERVISION, 0, h_as_district_metrics,
	  "全区课后服务质量指标（按学校分页）", 0 },
	{ "GET", "/api/v1/schools/{id}/afterschool-archive.xlsx", SCHOOL_STAFF, 0,
	  h_as_archive_xlsx, "课后服务学期档案导出 .xlsx（记入审计）", 0 },
	/* Off-campus training institutions: sweeps, visits, penalty cases (五(一)2) */
	{ "POST", "/api/v1/sweeps", TI_WRITERS, KB(64), h_ti_sweep_create,
	  "新建常态化排查：名称、日期、参加部门（教育、市场监管、公安）、范围或机构名单", 0 },
	{ "GET", "/api/v1/sweeps", TI_READERS, 0, h_ti_sweeps, "常态化排查列表（分页）", 0 },
	{ "GET", "/api/v1/sweeps/{id}", TI_READERS, 0, h_ti_sweep_get, "一次排查：机构名单与检查记录", 0 },
	{ "POST", "/api/v1/visits", TI_WRITERS, KB(16), h_ti_visit_create,
	  "登记检查：机构、日期、部门、执法人员、发现的问题（未登记机构无证办学即列入黑名单）", 0 },
	{ "GET", "/api/v1/visits", TI_READERS, 0, h_ti_visits, "检查记录（按排查、机构筛选，分页）", 0 },
	{ "GET", "/api/v1/visits/{id}", TI_READERS, 0, h_ti_visit_get, "一次检查及其证据", 0 },
	{ "POST", "/api/v1/visits/{id}/evidence", TI_WRITERS, TI_EVIDENCE_BODY, h_ti_evidence_add,
	  "上传检查证据（照片 JPEG/PNG、PDF；?name= 文件名；按内容判断类型）", 1 },
	{ "GET", "/api/v1/visits/{id}/evidence", TI_READERS, 0, h_ti_evidence_list, "检查的证据文件", 0 },
	{ "GET", "/api/v1/visits/{id}/evidence/{eid}", TI_READERS, 0, h_ti_evidence_get,
	  "下载检查证据", 0 },
	{ "POST", "/api/v1/cases", TI_WRITERS, KB(16), h_ti_case_open,
	  "立案：机构与问题（案件从「立案」开始）", 0 },
	{ "GET", "/api/v1/cases", TI_READERS, 0, h_ti_cases,
	  "处罚案件（按阶段、机构、逾期筛选，分页）", 0 },
	{ "GET", "/api/v1/cases/{id}", TI_READERS, 0, h_ti_case_get,
	  "一个案件：步骤、处置措施、证据、下一步", 0 },
	{ "POST", "/api/v1/cases/{id}/steps", TI_WRITERS, KB(16), h_ti_case_step,
	  "办理下一步（立案→调查→告知→决定→送达→执行→结案；rectify 整改到位；TI_CASE_ORDER、TI_PENALTY）", 0 },
	{ "POST", "/api/v1/cases/{id}/evidence", TI_WRITERS, TI_EVIDENCE_BODY, h_ti_evidence_add,
	  "上传案件证据（照片 JPEG/PNG、PDF；?name= 文件名）", 1 },
	{ "GET", "/api/v1/cases/{id}/evidence", TI_READERS, 0, h_ti_evidence_list, "案件的证据文件", 0 },
	{ "GET", "/api/v1/cases/{id}/evidence/{eid}", TI_READERS, 0, h_ti_evidence_get,
	  "下载案件证据", 0 },
	{ "GET", "/api/v1/case-overview", TI_READERS, 0, h_ti_overview,
	  "执法概况：在办案件按阶段、按时长，逾期未整改（复查任务）", 0 },
	{ "GET", "/api/v1/cases.xlsx", TI_READERS, 0, h_ti_cases_xlsx, "处罚案件导出 .xlsx", 0 },
	/* Public reports (举报) and teacher ethics (师德师风): routes_report.c. */
	{ "POST", "/public/v1/reports", ROLES_PUBLIC, KB(16), h_rp_public_file,
	  "举报（无需登录，可匿名）：机构、学校或教师有偿补课；答复查询码（RP_RATE_LIMIT）", 0 },
	{ "GET", "/public/v1/reports/{code}", ROLES_PUBLIC, 0, h_rp_public_get,
	  "凭查询码查看举报的办理状态和结果（不含联系方式和内部备注）", 0 },
	{ "POST", "/public/v1/reports/{code}/evidence", ROLES_PUBLIC, (size_t)8 << 20,
	  h_rp_public_evidence, "补充证据材料：照片或 PDF（?name=文件名；RP_EVIDENCE）", 1 },
	{ "GET", "/public/v1/report-schools", ROLES_PUBLIC, 0, h_rp_public_schools,
	  "举报表单用的学校名称列表（无需登录）", 0 },
	{ "POST", "/api/v1/reports", PARENT, KB(16), h_rp_public_file,
	  "家长登录后反映问题（同公开举报，记录提交人）", 0 },
	{ "GET", "/api/v1/reports", SUPERVISION | ROLE_BIT(ROLE_ENFORCEMENT) | SCHOOL_HEADS, 0,
	  h_rp_list, "举报线索（教育局：全部；执法：转给执法部门的；学校：转给本校的；筛选 status、kind、overdue=1）", 0 },
	{ "GET", "/api/v1/reports/stats", SUPERVISION, 0, h_rp_stats,
	  "举报按对象类型、处理结果统计，逾期件数", 0 },
	{ "GET", "/api/v1/reports.xlsx", SUPERVISION | ROLE_BIT(ROLE_ENFORCEMENT) | SCHOOL_HEADS, 0,
	  h_rp_xlsx, "举报线索导出 .xlsx（记入审计）", 0 },
	{ "GET", "/api/v1/reports/{id}", SUPERVISION | ROLE_BIT(ROLE_ENFORCEMENT) | SCHOOL_HEADS, 0,
	  h_rp_get, "一条举报：办理步骤、证据材料", 0 },
	{ "GET", "/api/v1/reports/{id}/evidence/{eid}", SUPERVISION | ROLE_BIT(ROLE_ENFORCEMENT) |
	  SCHOOL_HEADS, 0, h_rp_evidence_get, "举报的一份证据材料（原文件）", 0 },
	{ "POST", "/api/v1/reports/{id}/{step}", ADMIN, KB(16), h_rp_step,
	  "办理举报：route 转办、answer 答复（结果回告举报人；查实有偿补课记师德一票否决 TE_PAID_TUTORING）、close 办结", 0 },
	{ "GET", "/api/v1/ethics", SUPERVISION | SCHOOL_HEADS, 0, h_ethics_list,
	  "师德记录（教育局：全区，可按学校；学校：本校），含本学年一票否决人数", 0 },
	{ "POST", "/api/v1/ethics", ADMIN | ROLE_BIT(ROLE_PRINCIPAL), KB(16), h_ethics_create,
	  "直接立案记录师德问题（附证据说明；有偿补课一票否决 TE_PAID_TUTORING）", 0 },
	{ "POST", "/api/v1/ethics/{id}/withdraw", ADMIN, KB(4), h_ethics_withdraw,
	  "撤销师德记录（写明原因，不删除）", 0 },
	{ "GET", "/api/v1/my/ethics", TEACHER, 0, h_ethics_mine, "教师本人的师德记录", 0 },
	{ "GET", "/jubao", ROLES_PUBLIC, 0, h_rp_page, "举报网页（无需登录，手机可用）", 0 },
	/* ---- institution registry (issue 13, part A) ---- */
	{ "POST", "/api/v1/institutions/applications", TI_OPERATOR, KB(64), h_ti_apply,
	  "培训机构提交办学申请（TI_CREDIT_CODE、TI_PRESCHOOL、TI_SUBJECT、TI_CATEGORY；TI_PREPAY_CAP 预警）", 0 },
	{ "GET", "/api/v1/institutions/applications", TI_OPERATOR | TI_BUREAU, 0, h_ti_applications,
	  "办学申请（机构：自己的；教育局、督导、执法：全区的，按状态筛选）", 0 },
	{ "GET", "/api/v1/institutions/applications/{id}", TI_OPERATOR | TI_BUREAU, 0,
	  h_ti_application_get, "一份办学申请及其机构、课程、人员", 0 },
	{ "POST", "/api/v1/institutions/applications/{id}/decision", ADMIN, KB(8), h_ti_decide,
	  "审批办学申请：逐项核对设置标准后批准（TI_STANDARDS），或写明理由不予批准", 0 },
	{ "GET", "/api/v1/institutions/stats", TI_BUREAU, 0, h_ti_stats,
	  "培训机构按状态、类别统计，预收费预警机构数", 0 },
	{ "GET", "/api/v1/institutions.xlsx", TI_BUREAU, 0, h_ti_xlsx,
	  "培训机构名录导出 .xlsx（按筛选；记入审计）", 0 },
	{ "GET", "/api/v1/institutions", TI_BUREAU, 0, h_ti_list,
	  "培训机构名录（状态、类别、名称、预收费预警筛选，分页）", 0 },
	{ "GET", "/api/v1/institutions/{id}", TI_OPERATOR | TI_BUREAU, 0, h_ti_get,
	  "一家培训机构及其现行课程、从业人员", 0 },
	{ "PUT", "/api/v1/institutions/{id}/courses", TI_OPERATOR, KB(64), h_ti_courses,
	  "机构更新课程与收费（TI_CATEGORY、TI_SUBJECT；TI_PREPAY_CAP 预警；旧记录保留）", 0 },
	{ "PUT", "/api/v1/institutions/{id}/staff", TI_OPERATOR, KB(64), h_ti_staff,
	  "机构更新从业人员及资质（旧记录保留）", 0 },
	{ "GET", "/public/v1/institutions", ROLES_PUBLIC, 0, h_ti_public,
	  "公开查询：白名单（已审批）与黑名单（已吊销、无证经营），按名称搜索（无需登录）", 0 },
	{ "GET", "/jigou", ROLES_PUBLIC, 0, h_jigou_page, "培训机构查询网页（无需登录）", 0 },
	/* ---- exams (issue 14, part EX; 五(四)4, B13) ---- */
	{ "POST", "/api/v1/schools/{id}/exams", MANAGERS, KB(8), h_exam_create,
	  "学校登记本学期考试安排（EX_DATE_OUTSIDE_TERM、EX_FORBIDDEN_KIND、EX_G12_PAPER、EX_FINAL_ONCE、EX_MIDTERM）", 0 },
	{ "GET", "/api/v1/schools/{id}/exams", SCHOOL_STAFF | TEACHER, 0, h_exam_list,
	  "学校的考试安排（学期、年级、状态筛选，分页）", 0 },
	{ "GET", "/api/v1/schools/{id}/exam-figures", SCHOOL_STAFF, 0, h_exam_figures,
	  "学校各年级考试安排是否符合规定（督导用）", 0 },
	{ "GET", "/api/v1/exams/{id}", SCHOOL_STAFF | TEACHER, 0, h_exam_get, "一项考试安排", 0 },
	{ "POST", "/api/v1/exams/{id}/withdraw", MANAGERS, KB(4), h_exam_withdraw,
	  "撤销考试安排（写明原因，不删除）", 0 },
	{ "POST", "/api/v1/exams/{id}/results", MANAGERS | TEACHER, KB(256), h_exam_results_put,
	  "按班级登记考试结果等级（EX_NO_RANKING：只收等级，不收分数、排名）", 0 },
	{ "GET", "/api/v1/exams/{id}/results", SCHOOL_STAFF | TEACHER, 0, h_exam_results,
	  "考试结果各等级人数（按班级、年级；无分数、无排名、无学生姓名）", 0 },
	{ "GET", "/api/v1/exams.xlsx", SUPERVISION, 0, h_exam_xlsx,
	  "全区考试安排导出 .xlsx（按学期、学校、年级；记入审计）", 0 },
	{ "GET", "/api/v1/exams", SUPERVISION, 0, h_exam_district,
	  "全区考试安排：各校各年级安排数、是否符合规定，全区合计（学期、学校、年级筛选，分页）", 0 },
	/* ---- five managements: check-ins, phone rules, bedtimes (issue 14, part CK) ---- */
	{ "POST", "/api/v1/checkins", PARENT, KB(4), h_ck_checkin,
	  "家长每周填报孩子的就寝、起床时间、每天使用手机和阅读时间（同一周再报则替换，旧记录保留；MG_CHECKIN_WEEK、MG_CHECKIN_TIME、MG_SLEEP_RANGE）", 0 },
	{ "GET", "/api/v1/checkins", PARENT, 0, h_ck_checkins,
	  "家长：孩子最近的每周填报（上周的答案用于预填）", 0 },
	{ "GET", "/api/v1/schools/{id}/phone-rules", ORG_READERS, 0, h_ck_settings,
	  "学校手机管理规定（进校统一保管、保管地点、联系家长的方式）和作息设置", 0 },
	{ "PUT", "/api/v1/schools/{id}/phone-rules", MANAGERS, KB(8), h_ck_phone_rules_put,
	  "记录学校手机管理规定（MG_PHONES；旧版本保留）", 0 },
	{ "GET", "/api/v1/schools/{id}/sleep-settings", ORG_READERS, 0, h_ck_settings,
	  "学校作息设置：起床时间、回家路上用时（未设时用区里默认值）", 0 },
	{ "PUT", "/api/v1/schools/{id}/sleep-settings", MANAGERS, KB(4), h_ck_sleep_settings_put,
	  "设置学校起床时间和回家路上用时（MG_SLEEP_FEASIBLE；旧版本保留）", 0 },
	{ "GET", "/api/v1/schools/{id}/five-managements", SCHOOL_STAFF, 0, h_ck_school,
	  "学校五项管理：各班睡眠不足比例、手机和阅读平均时间、最早可就寝时间晚于睡眠要求的班级上学日（?term_id=）", 0 },
	{ "GET", "/api/v1/five-managements", SUPERVISION, 0, h_ck_district,
	  "全区五项管理：各校睡眠不足比例、手机和阅读平均时间（?term_id=）", 0 },
	{ "GET", "/api/v1/five-managements.xlsx", SUPERVISION, 0, h_ck_district_xlsx,
	  "全区五项管理导出 .xlsx（?term_id=）", 0 },
	/* ---- supervision rounds and scores (issue 15, part SA; 六, the annex) ---- */
	{ "POST", "/api/v1/supervision/rounds", SUPERVISION, KB(64), h_sv_round_create,
	  "开启一轮督导评估：学期、名称、参评学校", 0 },
	{ "GET", "/api/v1/supervision/rounds", SCHOOL_STAFF, 0, h_sv_round_list,
	  "督导评估轮次（学校：本校参加的；学期筛选，分页）", 0 },
	{ "GET", "/api/v1/supervision/rounds/{id}", SCHOOL_STAFF, 0, h_sv_round_get,
	  "一轮督导评估：各校自评、督导评定进度和A级得分", 0 },
	{ "GET", "/api/v1/supervision/rounds/{id}/schools/{school_id}", SCHOOL_STAFF, 0, h_sv_school,
	  "一所学校的85项C级指标：系统判定、自评、督导评定及理由，B、A级得分", 0 },
	{ "PUT", "/api/v1/supervision/rounds/{id}/schools/{school_id}/items/{item_id}", SCHOOL_STAFF,
	  KB(16), h_sv_score_put,
	  "评定一项C级指标（学校：自评；督导：评定；SV_SCALE、SV_REASON_REQUIRED）", 0 },
	{ "POST", "/api/v1/supervision/rounds/{id}/schools/{school_id}/items/{item_id}/evidence",
	  SCHOOL_HEADS, TI_EVIDENCE_BODY, h_sv_evidence_add,
	  "学校自评的证明材料（照片 JPEG/PNG、PDF；?name= 文件名；SV_EVIDENCE）", 1 },
	{ "GET", "/api/v1/supervision/rounds/{id}/schools/{school_id}/evidence/{eid}", SCHOOL_STAFF, 0,
	  h_sv_evidence_get, "下载学校自评的一份证明材料", 0 },
	{ "GET", "/api/v1/supervision/rounds/{id}/dashboard", SUPERVISION, 0, h_sv_dashboard,
	  "督导评估看板：各校A级得分排名、各A级的薄弱B级、历轮趋势", 0 },
	{ "GET", "/api/v1/supervision/rounds/{id}/export.xlsx", SUPERVISION, 0, h_sv_xlsx,
	  "督导评估结果导出 .xlsx：A级、B级得分，C级评分与理由（记入审计）", 0 },
	{ "GET", "/api/v1/supervision/special", SUPERVISION, 0, h_sv_special,
	  "专项督导名单：综合得分低于阈值或依据记录判定的指标变差的学校及原因（SV_SPECIAL）", 0 },
	/* ---- supervision: computed items (issue 15, part SB; 六, annex) ---- */
	{ "GET", "/api/v1/schools/{id}/computed-items", SCHOOL_STAFF, 0, h_svc_school,
	  "学校本学期可由系统数据判定的督导指标（数值、规则、依据、达标判定；缺记录时说明缺什么）", 0 },
	{ "GET", "/public/v1/notices/{code}", ROLES_PUBLIC, 0, h_public_notice,
	  "班级作业公示（无需登录，不含学生姓名）", 0 },
	{ "GET", "/public/v1/notices/{code}/qr.svg", ROLES_PUBLIC, 0, h_public_notice_qr,
	  "作业公示页的二维码（SVG）", 0 },
	{ "GET", "/gongshi/{code}", ROLES_PUBLIC, 0, h_gongshi_page, "作业公示网页（无需登录）", 0 },
	{ "GET", "/activate", ROLES_PUBLIC, 0, h_activate_page, "激活账号网页（激活单上印的地址）", 0 },
	{ "GET", "/vendor/{file}", ROLES_PUBLIC, 0, h_vendor, "网页所用的第三方库（来自系统软件包）", 0 },
	{ "GET", "/", ROLES_PUBLIC, 0, h_static, "网页界面", 0 },
	{ "GET", "/{asset}", ROLES_PUBLIC, 0, h_static, "网页静态文件", 0 },
};
const size_t http_nroutes = sizeof http_routes / sizeof http_routes[0];
