/* routes_org.c - handlers for organisation and people. */
#include "app/app_org.h"
#include "http/handlers.h"
#include "core/calendar.h"
#include "util/xlsx_out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


void h_schools_list(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_school_list(rq->app, &rq->who, http_query(rq, "q"), http_query(rq, "cursor"),
				 http_query(rq, "limit"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_school_get(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) == 0)
		{
		int rc = app_school_get(rq->app, &rq->who, id, &out, &e);

		http_answer(rq, rs, rc, out, &e, 0);
	}
}

void h_school_staff(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) == 0)
		{
		int rc = app_staff_list(rq->app, &rq->who, id, &out, &e);

		http_answer(rq, rs, rc, out, &e, 0);
	}
}

void h_classes_list(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_class_list(rq->app, &rq->who, http_query(rq, "school_id"),
				http_query(rq, "grade"), http_query(rq, "cursor"),
				http_query(rq, "limit"), &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_class_get(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) == 0)
		{
		int rc = app_class_get(rq->app, &rq->who, id, &out, &e);

		http_answer(rq, rs, rc, out, &e, 0);
	}
}

void h_class_roster_xlsx(struct http_req *rq, struct http_resp *rs)
{
	static const char *const header[] = { "学籍号", "姓名", "性别", "特殊需要", "寄宿", "留守" };
	struct app_err e = { 0 };
	struct table t = { 0 };
	char title[128], name[64];
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	if (app_class_roster_table(rq->app, &rq->who, id, &t, title, sizeof title, &e) != 0) {
		http_app_error(rq, rs, &e);
		return;
	}
	snprintf(name, sizeof name, "roster-%lld.xlsx", (long long)id);
	http_send_xlsx(rq, rs, "名单", header, 6, &t, name);
	table_free(&t);
}

void h_children(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;

	{
		int rc = app_children(rq->app, &rq->who, &out, &e);

		http_answer(rq, rs, rc, out, &e, 0);
	}
}

void h_terms_list(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;

	{
		int rc = app_term_list(rq->app, &rq->who, &out, &e);

		http_answer(rq, rs, rc, out, &e, 0);
	}
}

struct term_in {
	const char *name, *starts_on, *ends_on;
};

static const struct jfield term_fields[] = {
	{ "name", JF_STR, offsetof(struct term_in, name), true, 1, 32, NULL, "学期名称" },
	{ "starts_on", JF_DATE, offsetof(struct term_in, starts_on), true, 0, 0, NULL, "开始日期" },
	{ "ends_on", JF_DATE, offsetof(struct term_in, ends_on), true, 0, 0, NULL, "结束日期" },
};

void h_terms_create(struct http_req *rq, struct http_resp *rs)
{
	struct term_in in = { 0 };
	struct app_err e = { 0 };
	int64_t id = 0;

	if (http_decode(rq, rs, term_fields, 3, &in) != 0)
		return;
	if (app_term_create(rq->app, &rq->who, in.name, in.starts_on, in.ends_on, &id, &e) != 0) {
		http_app_error(rq, rs, &e);
		return;
	}
	rs->status = 201;
	rs->json = json_pack("{s:{s:I,s:s,s:s,s:s}}", "term", "id", (json_int_t)id, "name", in.name,
			     "starts_on", in.starts_on, "ends_on", in.ends_on);
}

void h_calendar_get(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	enum policy_day_kind k;

	if (app_day_kind(rq->app, &rq->who, rq->params[0], &k, &e) != 0) {
		http_app_error(rq, rs, &e);
		return;
	}
	rs->json = json_pack("{s:s,s:s,s:s,s:b}", "date", rq->params[0], "day_kind", cal_kind_id(k),
			     "day_kind_name", cal_kind_name(k), "school_day", k == POLICY_DAY_SCHOOL);
}

struct day_in {
	const char *kind, *note;
};

static const char *const day_kinds[] = { "holiday", "makeup", "vacation", "", NULL };

static const struct jfield day_fields[] = {
	{ "kind", JF_ENUM, offsetof(struct day_in, kind), true, 0, 0, day_kinds, "日期类型" },
	{ "note", JF_STR, offsetof(struct day_in, note), false, 0, 64, NULL, "说明" },
};

void h_calendar_put(struct http_req *rq, struct http_resp *rs)
{
	struct day_in in = { 0 };
	struct app_err e = { 0 };

	if (http_decode(rq, rs, day_fields, 2, &in) != 0)
		return;
	if (app_calendar_set(rq->app, &rq->who, rq->params[0], in.kind, in.note, &e) != 0) {
		http_app_error(rq, rs, &e);
		return;
	}
	h_calendar_get(rq, rs);
}

void h_import(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	struct import_report rep = { 0 };
	struct table t = { 0 };
	const char *dry = http_query(rq, "dry_run");
	int kind = import_kind_parse(rq->params[0]);
	char err[256];

	if (kind < 0) {
		http_error(rq, rs, 404, "IMPORT_KIND",
			   "导入类型应为 schools、staff、classes、teaching、students 或 guardians");
		return;
	}
	if (table_parse(rq->raw, rq->rawlen, &t, err, sizeof err) != 0) {
		http_error(rq, rs, 422, "IMPORT_FILE", err);
		return;
	}
	if (app_import(rq->app, &rq->who, (enum import_kind)kind, &t, dry && !strcmp(dry, "1"), &rep,
		       NULL, NULL, &e) != 0)
		http_app_error(rq, rs, &e);
	else
		rs->json = json_pack("{s:s,s:b,s:I,s:I,s:I,s:s,s:s}", "kind", rq->params[0],
				     "dry_run", dry && !strcmp(dry, "1"), "rows", (json_int_t)rep.rows,
				     "created", (json_int_t)rep.created, "updated",
				     (json_int_t)rep.updated, "format", t.format, "encoding",
				     t.encoding);
	import_report_free(&rep);
	table_free(&t);
}

/* A blank file to fill in for an import kind: the columns in the importer's
 * order on the first sheet (the one the importer reads) and a 填写说明 sheet. */
void h_import_template(struct http_req *rq, struct http_resp *rs)
{
	static const char *const note_header[] = { "列名", "必填", "填写要求" };
	const char *names[16];
	struct table empty = { 0 }, notes;
	char file[64];
	int kind = import_kind_parse(rq->params[0]);
	size_t n = kind < 0 ? 0 : app_import_template((enum import_kind)kind, names, 16, &notes);

	if (n == 0) {
		http_error(rq, rs, 404, "IMPORT_KIND",
			   "导入类型应为 schools、staff、classes、teaching、students 或 guardians");
		return;
	}
	{
		const struct xlsx_sheet sheets[2] = { { "导入", names, n, &empty },
						      { "填写说明", note_header, 3, &notes } };

		snprintf(file, sizeof file, "template-%s.xlsx", rq->params[0]);
		http_send_xlsx_book(rq, rs, sheets, 2, file);
	}
	table_free(&notes);
}

struct assign_in {
	int64_t staff_id;
	const char *subject, *role, *scope;
	int withdraw;
};

static const struct jfield teaching_fields[] = {
	{ "staff_id", JF_INT, offsetof(struct assign_in, staff_id), true, 1, INT64_MAX, NULL, "教师" },
	{ "subject", JF_STR, offsetof(struct assign_in, subject), true, 1, 16, NULL, "学科" },
};

static const struct jfield head_fields[] = {
	{ "staff_id", JF_INT, offsetof(struct assign_in, staff_id), true, 0, INT64_MAX, NULL, "班主任" },
};

static const char *const school_roles[] = { "principal", "academic_office", "grade_head",
					    "subject_head", NULL };

static const struct jfield role_fields[] = {
	{ "staff_id", JF_INT, offsetof(struct assign_in, staff_id), true, 1, INT64_MAX, NULL, "教职工" },
	{ "role", JF_ENUM, offsetof(struct assign_in, role), true, 0, 0, school_roles, "职务" },
	{ "scope", JF_STR, offsetof(struct assign_in, scope), false, 0, 16, NULL, "范围" },
	{ "withdraw", JF_BOOL, offsetof(struct assign_in, withdraw), false, 0, 1, NULL, "撤销" },
};

/* Decode, assign, answer with the class as it is now. */
static void assign(struct http_req *rq, struct http_resp *rs, const char *op,
		   const struct jfield *f, size_t n)
{
	struct assign_in in = { 0 };
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (http_param_id(rq, rs, 0, &id) != 0 || http_decode(rq, rs, f, n, &in) != 0)
		return;
	rc = app_class_assign(rq->app, &rq->who, id, op, in.staff_id, in.subject, &e);
	if (rc == 0)
		rc = app_class_get(rq->app, &rq->who, id, &out, &e);
	http_answer(rq, rs, rc, out, &e, 0);
}

void h_class_teaching(struct http_req *rq, struct http_resp *rs)
{
	assign(rq, rs, "teach", teaching_fields, 2);
}

void h_class_teaching_withdraw(struct http_req *rq, struct http_resp *rs)
{
	assign(rq, rs, "withdraw", teaching_fields, 2);
}

void h_class_head(struct http_req *rq, struct http_resp *rs)
{
	assign(rq, rs, "head", head_fields, 1);
}

void h_school_roles(struct http_req *rq, struct http_resp *rs)
{
	http_call_id(rq, rs, app_school_roles, 0);
}

void h_school_role_set(struct http_req *rq, struct http_resp *rs)
{
	struct assign_in in = { 0 };
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (http_param_id(rq, rs, 0, &id) != 0 || http_decode(rq, rs, role_fields, 4, &in) != 0)
		return;
	rc = app_school_role(rq->app, &rq->who, id, in.staff_id, in.role, in.scope, in.withdraw, &e);
	if (rc == 0)
		rc = app_school_roles(rq->app, &rq->who, id, &out, &e);
	http_answer(rq, rs, rc, out, &e, 0);
}

/* ---- transfers (转学 / 调动) ---- */

static const char *const transfer_kinds[] = { "student", "staff", NULL };

static const struct jfield transfer_fields[] = {
	{ "kind", JF_ENUM, offsetof(struct transfer_in, kind), true, 0, 0, transfer_kinds, "类型" },
	{ "code", JF_STR, offsetof(struct transfer_in, code), true, 1, 32, NULL, "学籍号或工号" },
	{ "name", JF_STR, offsetof(struct transfer_in, name), true, 1, 32, NULL, "姓名" },
	{ "to_school_id", JF_INT, offsetof(struct transfer_in, to_school_id), true, 1, INT64_MAX,
	  NULL, "转入学校" },
	{ "to_class_id", JF_INT, offsetof(struct transfer_in, to_class_id), false, 1, INT64_MAX,
	  NULL, "转入班级" },
	{ "reason", JF_TEXT, offsetof(struct transfer_in, reason), true, 1, 200, NULL, "原因" },
};

void h_transfer_create(struct http_req *rq, struct http_resp *rs)
{
	struct transfer_in in = { 0 };
	struct app_err e = { 0 };
	json_t *out = NULL;

	if (http_decode(rq, rs, transfer_fields, 6, &in) == 0) {
		int rc = app_transfer_request(rq->app, &rq->who, &in, &out, &e);

		http_answer(rq, rs, rc, out, &e, 201);
	}
}

void h_transfers_list(struct http_req *rq, struct http_resp *rs)
{
	struct transfer_query q = { http_query(rq, "status"), http_query(rq, "kind"),
				    http_query(rq, "cursor"), http_query(rq, "limit"),
				    http_query(rq, "school_id"), http_query(rq, "student_id"),
				    http_query(rq, "staff_id") };
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_transfer_list(rq->app, &rq->who, &q, &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_transfer_get(struct http_req *rq, struct http_resp *rs)
{
	http_call_id(rq, rs, app_transfer_get, 0);
}

struct decision_in {
	const char *note;
	int64_t to_class_id;
};

static const struct jfield decision_fields[] = {
	{ "note", JF_TEXT, offsetof(struct decision_in, note), false, 0, 200, NULL, "说明" },
	{ "to_class_id", JF_INT, offsetof(struct decision_in, to_class_id), false, 1, INT64_MAX,
	  NULL, "转入班级" },
};

void h_transfer_decide(struct http_req *rq, struct http_resp *rs)
{
	struct decision_in in = { 0 };
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (http_param_id(rq, rs, 0, &id) != 0 || http_decode(rq, rs, decision_fields, 2, &in) != 0)
		return;
	rc = app_transfer_decide(rq->app, &rq->who, id, rq->params[1], in.note, in.to_class_id, &out,
				 &e);
	http_answer(rq, rs, rc, out, &e, 0);
}

void h_school_directory(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_school_directory(rq->app, &rq->who, &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

struct leave_in {
	const char *reason;
};

static const struct jfield leave_fields[] = {
	{ "reason", JF_TEXT, offsetof(struct leave_in, reason), true, 1, 200, NULL, "原因" },
};

static void leave(struct http_req *rq, struct http_resp *rs, int student)
{
	struct leave_in in = { 0 };
	struct app_err e = { 0 };
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) != 0 || http_decode(rq, rs, leave_fields, 1, &in) != 0)
		return;
	if (app_person_leave(rq->app, &rq->who, student, id, in.reason, &e) != 0) {
		http_app_error(rq, rs, &e);
		return;
	}
	rs->json = json_pack("{s:I,s:b}", "id", (json_int_t)id, "left", 1);
}

void h_student_leave(struct http_req *rq, struct http_resp *rs)
{
	leave(rq, rs, 1);
}

void h_staff_leave(struct http_req *rq, struct http_resp *rs)
{
	leave(rq, rs, 0);
}
