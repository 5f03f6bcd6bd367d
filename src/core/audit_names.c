/* audit_names.c - the Chinese names of the audit trail's codes. */
#include "core/audit_names.h"

#include <stdio.h>
#include <string.h>

const struct audit_action audit_actions[] = {
	{ "session.create", "登录" },
	{ "session.delete", "退出登录" },
	{ "session.delete_all", "退出全部设备" },
	{ "session.expire", "登录过期" },
	{ "account.activate", "激活账号" },
	{ "accounts.provision", "批量开通账号" },
	{ "user.create", "新建用户" },
	{ "user.update", "修改用户" },
	{ "user.disable", "停用用户" },
	{ "user.enable", "启用用户" },
	{ "user.reset", "重置密码" },
	{ "user.password", "修改密码" },
	{ "token.create", "创建访问令牌" },
	{ "token.revoke", "吊销访问令牌" },
	{ "access.denied", "越权访问被拒绝" },
	{ "csrf.refused", "安全校验未通过" },
	{ "policy.load", "加载政策" },
	{ "audit.export", "导出审计日志" },
	{ "import.file", "导入文件" },
	{ "term.create", "新建学期" },
	{ "calendar.set", "修改校历" },
	{ "school.role", "任命学校职务" },
	{ "class.assign", "调整任课" },
	{ "roster.read", "查看班级名单" },
	{ "roster.export", "导出班级名单" },
	{ "child.claim", "绑定孩子" },
	{ "transfer.request", "申请转学或调动" },
	{ "transfer.confirm", "确认转学或调动" },
	{ "transfer.reject", "拒绝转学或调动" },
	{ "transfer.cancel", "撤销转学或调动" },
	{ "student.leave", "学生离校" },
	{ "staff.leave", "教职工离校" },
	{ "homework.post", "布置作业" },
	{ "homework.edit", "修改作业" },
	{ "homework.withdraw", "撤回作业" },
	{ "homework.review", "审核作业" },
	{ "homework.grading", "登记批改" },
	{ "homework.report", "家长报告作业用时" },
	{ "homework.settings", "修改作业设置" },
	{ "homework.export", "导出作业统计" },
	{ "homework.difficulty_review", "课标抽查" },
	{ "homework.followup.open", "开始作业跟进" },
	{ "homework.followup.close", "结束作业跟进" },
	{ "afterschool.plan", "修改课后服务方案" },
	{ "afterschool.program", "修改课后服务课程" },
	{ "afterschool.apply", "报名课后服务" },
	{ "afterschool.withdraw", "撤回课后服务报名" },
	{ "afterschool.allocate", "分配课后服务名额" },
	{ "afterschool.sessions", "安排课后服务活动" },
	{ "afterschool.attendance", "登记课后服务考勤" },
	{ "afterschool.handover", "登记放学交接" },
	{ "afterschool.review", "核查课后服务活动" },
	{ "afterschool.safety_check", "登记场地安全检查" },
	{ "afterschool.incident", "登记安全事件" },
	{ "afterschool.archive", "导出课后服务档案" },
	{ "afterschool.settings", "修改放学时间" },
	{ "institution.apply", "培训机构提交申请" },
	{ "institution.decide", "审批培训机构" },
	{ "institution.courses", "更新机构课程" },
	{ "institution.staff", "更新机构从业人员" },
	{ "institution.export", "导出培训机构名录" },
	{ "ticase.sweep.create", "新建常态化排查" },
	{ "ticase.visit.create", "登记检查" },
	{ "ticase.case.open", "处罚立案" },
	{ "ticase.case.step", "处罚案件进展" },
	{ "ticase.evidence.add", "添加执法证据" },
	{ "report.create", "收到举报" },
	{ "report.evidence", "上传举报证据" },
	{ "report.route", "转办举报" },
	{ "report.answer", "答复举报" },
	{ "report.close", "办结举报" },
	{ "report.export", "导出举报" },
	{ "ethics.create", "登记师德记录" },
	{ "ethics.withdraw", "撤回师德记录" },
	{ "demo.homework", "生成演示作业数据" },
	{ "demo.afterschool", "生成演示课后服务数据" },
	{ "demo.institution", "生成演示培训机构数据" },
	{ "institution.demo", "生成演示培训机构" },
	{ "health.activity", "登记体育活动" },
	{ "health.vision", "登记视力筛查" },
	{ "health.export", "导出体质健康" },
	{ "import.fitness", "导入体质测试成绩" },
	{ "demo.health", "生成演示体质健康数据" },
	{ "checkin.create", "家长每周填报" },
	{ "school.phone_rules", "修改手机管理规定" },
	{ "school.sleep_settings", "修改作息设置" },
	{ "demo.checkins", "生成演示每周填报数据" },
	{ "exam.plan", "登记考试安排" },
	{ "exam.withdraw", "撤回考试安排" },
	{ "exam.results", "登记考试等级" },
	{ "exam.export", "导出考试安排" },
	{ "exam.demo", "生成演示考试数据" },
	/* satisfaction surveys (issue 15, part SD) */
	{ "survey.publish", "发布满意度调查" },
	{ "survey.answer", "填写满意度调查" },
	{ "survey.export", "导出满意度调查结果" },
	{ "survey.demo", "生成演示满意度调查" },
	/* part SC: supervision visits and rectification notices */
	{ "sv.visit.create", "安排督导检查" },
	{ "sv.finding.add", "登记督导发现" },
	{ "sv.evidence.add", "添加督导或整改证据" },
	{ "sv.notice.issue", "下达整改通知" },
	{ "sv.notice.answer", "学校答复整改" },
	{ "sv.notice.close", "复查销号" },
	{ "demo.sv_visits", "生成演示督导检查数据" },
	/* supervision rounds and scores (issue 15, part SA) */
	{ "sv.round.create", "开启督导评估" },
	{ "sv.score.self", "学校自评" },
	{ "sv.score.inspector", "督导评定" },
	{ "sv.export", "导出督导评估结果" },
	{ "sv.evidence.add", "添加自评证明材料" },
	{ "sv.demo", "生成演示督导评估" },
	{ NULL, NULL },
};

static const struct {
	const char *code, *name;
} results[] = {
	{ "ok", "成功" },
	{ "wrong_password", "密码错误" },
	{ "wrong_password_locked", "密码错误，已锁定" },
	{ "unknown_user", "用户不存在" },
	{ "unknown_user_locked", "用户不存在，已锁定" },
	{ "locked", "已锁定" },
	{ "disabled", "账号已停用" },
	{ "denied", "拒绝" },
	{ "refused", "拒绝" },
	{ "failed", "失败" },
	{ "error", "出错" },
	{ "rate_limited", "尝试过于频繁" },
	{ "confirmed", "已确认" },
	{ "rejected", "已拒绝" },
	{ "cancelled", "已撤销" },
	{ "pending", "待审核" },
	{ "expired", "已过期" },
	{ "replaced", "成功（替换原记录）" },
};

static const struct {
	const char *kind, *name;
} objects[] = {
	{ "user", "用户" },
	{ "school", "学校" },
	{ "class", "班级" },
	{ "student", "学生" },
	{ "staff", "教职工" },
	{ "guardian", "监护人" },
	{ "term", "学期" },
	{ "calendar", "校历" },
	{ "import", "导入" },
	{ "token", "访问令牌" },
	{ "transfer", "转学调动" },
	{ "homework", "作业" },
	{ "followup", "作业跟进" },
	{ "as_program", "课后服务课程" },
	{ "as_application", "课后服务报名" },
	{ "as_session", "课后服务活动" },
	{ "as_safety_check", "场地安全检查" },
	{ "as_incident", "安全事件" },
	{ "sv_round", "督导评估" }, /* issue 15, part SA */
	{ "institution", "培训机构" },
	{ "institution_application", "机构申请" },
	{ "sweep", "排查" },
	{ "visit", "检查记录" },
	{ "case", "处罚案件" },
	{ "report", "举报" },
	{ "ethics", "师德记录" },
	{ "demo", "演示数据" },
	{ "audit", "审计日志" },
	{ "district", "全区" },
	{ "exam", "考试安排" },
	{ "survey", "满意度调查" }, /* part SD */
	{ "sv_visit", "督导检查" },     /* part SC */
	{ "sv_finding", "督导发现" },   /* part SC */
	{ "sv_notice", "整改通知" },    /* part SC */
};

const char *audit_action_name(const char *code)
{
	for (const struct audit_action *x = audit_actions; code && x->code; x++)
		if (!strcmp(x->code, code))
			return x->name;
	return NULL;
}

const char *audit_result_name(const char *result)
{
	for (size_t i = 0; result && i < sizeof results / sizeof results[0]; i++)
		if (!strcmp(results[i].code, result))
			return results[i].name;
	return NULL;
}

void audit_object_name(const char *object, char *out, size_t cap)
{
	size_t klen;
	const char *rest;

	if (!cap)
		return;
	if (!object || !strcmp(object, "-")) {
		out[0] = '\0';
		return;
	}
	klen = strcspn(object, ":/");
	rest = object[klen] ? object + klen + 1 : "";
	for (size_t i = 0; i < sizeof objects / sizeof objects[0]; i++) {
		if (strlen(objects[i].kind) != klen || strncmp(objects[i].kind, object, klen) != 0)
			continue;
		if (!*rest)
			snprintf(out, cap, "%s", objects[i].name);
		else if (!strcmp(rest, "*"))
			snprintf(out, cap, "%s（全部）", objects[i].name);
		else if (!strcmp(rest, "?"))
			snprintf(out, cap, "%s（未确定）", objects[i].name);
		else
			snprintf(out, cap, "%s %s", objects[i].name, rest);
		return;
	}
	snprintf(out, cap, "%s", object);
}
