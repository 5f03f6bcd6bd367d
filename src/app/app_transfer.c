/* app_transfer.c - transfers of students (转学) and staff (调动) between the
 * schools of a district. Imports never move a record between schools
 * (IMPORT_OTHER_SCHOOL); this is the one way: one side requests, the other
 * side or the bureau confirms or rejects, the requester may cancel. The
 * confirmation moves the record and what is bound to the old school, in one
 * transaction with its audit row; the transfer rows are the history. */
#include "app/app_internal.h"
#include "app/app_org.h"
#include "store/store_as.h"
#include "store/store_transfer.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

static const char *const kinds[] = { "student", "staff", NULL };


static const char *status_name(const char *s)
{
	return !strcmp(s, "requested") ? "待确认" : !strcmp(s, "confirmed") ? "已完成"
	       : !strcmp(s, "rejected") ? "已拒绝" : !strcmp(s, "cancelled") ? "已撤销" : "";
}

static const char *side_name(const char *s)
{
	return !strcmp(s, "from") ? "转出学校" : !strcmp(s, "to") ? "转入学校" : "教育局";
}

static json_t *instant(const struct app *a, int64_t t)
{
	char buf[40];

	if (!t)
		return json_null();
	time_rfc3339(t, a->policy.utc_offset_minutes, buf, sizeof buf);
	return json_string(buf);
}

static json_t *transfer_json(const struct app *a, const struct db_res *r, int i)
{
	const char *kind = db_res_text(r, i, TRC_KIND);
	int64_t fc = db_res_int(r, i, TRC_FROM_CLASS), tc = db_res_int(r, i, TRC_TO_CLASS);

	return json_pack(
		"{s:I,s:s,s:s,s:{s:I,s:s,s:s},s:{s:I,s:s,s:o,s:s},s:{s:I,s:s,s:o,s:s},"
		"s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:s,s:o,s:s}",
		"id", (json_int_t)db_res_int(r, i, TRC_ID), "kind", kind, "kind_name",
		!strcmp(kind, "student") ? "转学" : "调动", "person", "id",
		(json_int_t)db_res_int(r, i, TRC_PERSON), "name", db_res_text(r, i, TRC_NAME), "code",
		db_res_text(r, i, TRC_CODE), "from", "school_id",
		(json_int_t)db_res_int(r, i, TRC_FROM), "school_name", db_res_text(r, i, TRC_FROM_NAME),
		"class_id", fc ? json_integer(fc) : json_null(), "class_name",
		db_res_text(r, i, TRC_FROM_CLASS_NAME), "to", "school_id",
		(json_int_t)db_res_int(r, i, TRC_TO), "school_name", db_res_text(r, i, TRC_TO_NAME),
		"class_id", tc ? json_integer(tc) : json_null(), "class_name",
		db_res_text(r, i, TRC_TO_CLASS_NAME), "side", db_res_text(r, i, TRC_SIDE), "side_name",
		side_name(db_res_text(r, i, TRC_SIDE)), "reason", db_res_text(r, i, TRC_REASON),
		"status", db_res_text(r, i, TRC_STATUS), "status_name",
		status_name(db_res_text(r, i, TRC_STATUS)), "requested_by",
		db_res_text(r, i, TRC_REQ_NAME), "requested_at",
		instant(a, db_res_int(r, i, TRC_REQ_AT)), "decided_by",
		db_res_text(r, i, TRC_DEC_NAME), "decided_at",
		instant(a, db_res_int(r, i, TRC_DEC_AT)), "note", db_res_text(r, i, TRC_NOTE));
}

/* Who may see a transfer: the bureau, or a manager of either school. */
static int sees(const struct actor *who, const struct db_res *r)
{
	return app_reads_school(who, db_res_int(r, 0, TRC_FROM)) ||
	       app_reads_school(who, db_res_int(r, 0, TRC_TO));
}

/* Re-read a transfer into *out inside the transaction. */
static int reread(struct db *db, struct app *a, const struct actor *who, int64_t id,
		  json_t **out, struct db_err *dbe)
{
	struct db_res *r = NULL;
	int rc = store_transfer_get(db, who->district_id, id, &r, dbe);

	if (rc == 0) {
		json_decref(*out); /* a retried transaction's earlier answer */
		*out = transfer_json(a, r, 0);
	}
	db_res_free(r);
	return rc == 0 ? 0 : -1;
}

/* ---- request ---- */

struct request_ctx {
	struct app *a;
	const struct actor *who;
	const struct transfer_in *in;
	int64_t id;
	json_t *out;
};

static int not_found(struct app_err *e, const struct transfer_in *in)
{
	return app_fail(e, 404, "TRANSFER_NOT_FOUND", "没有找到%s为 %s、姓名为 %s 的%s",
			!strcmp(in->kind, "student") ? "学籍号" : "工号", in->code, in->name,
			!strcmp(in->kind, "student") ? "在籍学生" : "教职工");
}

/* The requesting side: the bureau, the school the person is in, or the
 * school they go to (which must know the 学籍号/工号 and the name). */
static const char *side_of(const struct actor *who, const struct store_person *p,
			   int64_t to_school)
{
	if (who->role == ROLE_DISTRICT_ADMIN)
		return "bureau";
	if (app_manages_school(who, p->school_id))
		return "from";
	if (app_manages_school(who, to_school))
		return "to";
	return NULL;
}

/* The destination class, when one is named: a class of the destination. */
static int class_in(struct db *db, const struct actor *who, int64_t class_id, int64_t school_id,
		    struct db_err *dbe, struct app_err *e)
{
	int64_t at = 0;
	int rc = store_transfer_class(db, who->district_id, class_id, &at, dbe);

	if (rc < 0)
		return -1;
	if (rc == 1 || at != school_id)
		return app_field_fail(e, 422, "TRANSFER_CLASS", "to_class_id", "转入班级不属于转入学校");
	return 0;
}

static int request_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct request_ctx *c = vctx;
	const struct transfer_in *in = c->in;
	int student = !strcmp(in->kind, "student");
	struct store_person p = { 0 };
	struct store_transfer t = { 0 };
	struct db_res *open = NULL;
	struct store_transfer_filter f = { .status = "requested", .limit = 1 };
	const char *side;
	char obj[48];
	json_t *d;
	int rc;

	rc = student ? store_transfer_student(db, c->who->district_id, in->code, &p, dbe)
		     : store_transfer_staff(db, c->who->district_id, in->code, &p, dbe);
	if (rc < 0)
		return -1;
	side = rc == 0 ? side_of(c->who, &p, in->to_school_id) : NULL;
	if (!side || strcmp(p.name, in->name) != 0)
		return not_found(e, in);
	rc = store_transfer_school(db, c->who->district_id, in->to_school_id, dbe);
	if (rc != 0)
		return rc < 0 ? -1 : app_field_fail(e, 422, "FIELD_INVALID", "to_school_id",
						     "没有这所转入学校");
	if (in->to_school_id == p.school_id)
		return app_field_fail(e, 422, "TRANSFER_SAME_SCHOOL", "to_school_id",
				      "转入学校与现在的学校相同");
	if (!student && (!strcmp(p.account_role, "principal") ||
			 !strcmp(p.account_role, "academic_office")))
		return app_fail(e, 422, "TRANSFER_ACCOUNT_ROLE",
				"该教职工关联的是校长或教导处账号，请教育局先调整账号后再办理调动");
	/* the destination chooses the class: now when it asks, else when it confirms */
	if (in->to_class_id && (!student || !strcmp(side, "from")))
		return app_field_fail(e, 422, "FIELD_INVALID", "to_class_id",
				      student ? "转入班级由转入学校在确认时选择" : "调动不需要班级");
	if (student && !in->to_class_id && strcmp(side, "from") != 0)
		return app_field_fail(e, 422, "TRANSFER_CLASS", "to_class_id", "请选择转入班级");
	if (in->to_class_id && class_in(db, c->who, in->to_class_id, in->to_school_id, dbe, e))
		return -1;
	if (student)
		f.student_id = p.id;
	else
		f.staff_id = p.id;
	if (store_transfer_list(db, c->who->district_id, &f, &open, dbe) != 0)
		return -1;
	rc = db_res_rows(open);
	db_res_free(open);
	if (rc)
		return app_fail(e, 409, "TRANSFER_OPEN", "%s已有一份待确认的%s申请", in->name,
				student ? "转学" : "调动");
	t = (struct store_transfer){ .district_id = c->who->district_id, .kind = in->kind,
				     .person_id = p.id, .from_school_id = p.school_id,
				     .from_class_id = p.class_id, .to_school_id = in->to_school_id,
				     .to_class_id = in->to_class_id, .side = side, .reason = in->reason,
				     .requested_by = c->who->user_id, .requested_at = time_now() };
	if (store_transfer_insert(db, &t, &c->id, dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "transfer:%lld", (long long)c->id);
	d = json_pack("{s:s,s:I,s:I,s:I,s:s}", "kind", in->kind, "person", (json_int_t)p.id, "from",
		      (json_int_t)p.school_id, "to", (json_int_t)in->to_school_id, "side", side);
	rc = app_audit(db, c->who, "transfer.request", obj, "ok", d, dbe);
	json_decref(d);
	return rc ? -1 : reread(db, c->a, c->who, c->id, &c->out, dbe);
}

int app_transfer_request(struct app *a, const struct actor *who, struct transfer_in *in,
			 json_t **out, struct app_err *e)
{
	struct request_ctx c = { a, who, in, 0, NULL };
	int k = 0;

	while (kinds[k] && strcmp(kinds[k], in->kind ? in->kind : ""))
		k++;
	if (!kinds[k])
		return app_field_fail(e, 422, "FIELD_INVALID", "kind", "kind 应为 student 或 staff");
	if (app_blank(in->code) || app_blank(in->name))
		return app_field_fail(e, 422, "FIELD_INVALID", app_blank(in->code) ? "code" : "name",
				      !strcmp(in->kind, "student") ? "请填写学籍号和学生姓名"
								   : "请填写工号和姓名");
	if (app_blank(in->reason))
		return app_field_fail(e, 422, "FIELD_INVALID", "reason", "请填写转学或调动的原因");
	if (app_tx(a, request_tx, &c, e) != 0) {
		json_decref(c.out); /* made before a commit that failed */
		return -1;
	}
	*out = c.out;
	return 0;
}

/* ---- confirm, reject, cancel ---- */

struct decide_ctx {
	struct app *a;
	const struct actor *who;
	int64_t id, to_class_id;
	const char *action, *note;
	json_t *out;
};

/* May the actor take this action on an open transfer of this side? */
static int may_decide(const struct actor *who, const struct db_res *r, const char *action)
{
	const char *side = db_res_text(r, 0, TRC_SIDE);
	int from = app_manages_school(who, db_res_int(r, 0, TRC_FROM));
	int to = app_manages_school(who, db_res_int(r, 0, TRC_TO));

	if (!strcmp(action, "cancel")) /* the asking side: a school's request is the school's */
		return who->role == ROLE_DISTRICT_ADMIN ? !strcmp(side, "bureau")
		       : !strcmp(side, "from") ? from : !strcmp(side, "to") && to;
	/* confirm, reject: the other side, or the bureau */
	if (who->role == ROLE_DISTRICT_ADMIN)
		return 1;
	return !strcmp(side, "from") ? to : !strcmp(side, "to") ? from : from || to;
}

/* After-school applications follow the child: those at the old school are
 * withdrawn, with their school-term counters. */
static int withdraw_applications(struct db *db, const struct actor *who, int64_t student_id,
				 json_t *ids, struct db_err *dbe)
{
	struct db_res *r = NULL;
	int rc = store_transfer_applications(db, student_id, &r, dbe);

	for (int i = 0; rc == 0 && i < db_res_rows(r); i++) {
		struct store_as_delta delta = { .applied = -1,
						.admitted = -!strcmp(db_res_text(r, i, 3), "admitted") };

		rc = store_as_application_set(db, db_res_int(r, i, 0), "withdrawn", 0, 0, dbe) ||
		     store_as_count(db, who->district_id, db_res_int(r, i, 1), db_res_int(r, i, 2),
				    &delta, dbe);
		json_array_append_new(ids, json_integer(db_res_int(r, i, 0)));
	}
	db_res_free(r);
	return rc ? -1 : 0;
}

/* The move of a confirmed transfer; details gets what followed it. */
static int move(struct db *db, struct decide_ctx *c, const struct db_res *r, json_t *details,
		struct db_err *dbe, struct app_err *e)
{
	int64_t person = db_res_int(r, 0, TRC_PERSON), from = db_res_int(r, 0, TRC_FROM);
	int64_t to = db_res_int(r, 0, TRC_TO), cls = c->to_class_id;
	struct store_person now = { 0 };
	int student = !strcmp(db_res_text(r, 0, TRC_KIND), "student");
	json_t *ids = json_array();
	int rc;

	json_object_set_new(details, "withdrawn_applications", ids);
	rc = student ? store_transfer_student(db, c->who->district_id, db_res_text(r, 0, TRC_CODE),
					      &now, dbe)
		     : store_transfer_staff(db, c->who->district_id, db_res_text(r, 0, TRC_CODE),
					    &now, dbe);
	if (rc < 0)
		return -1;
	if (rc == 1 || now.school_id != from)
		return app_fail(e, 409, "TRANSFER_STALE", "%s已不在%s，这份申请无法完成，请撤销或拒绝",
				db_res_text(r, 0, TRC_NAME), db_res_text(r, 0, TRC_FROM_NAME));
	if (!student)
		return store_staff_move(db, person, from, to, dbe);
	if (cls && !app_manages_school(c->who, to))
		return app_field_fail(e, 422, "FIELD_INVALID", "to_class_id",
				      "转入班级由转入学校选择");
	if (!cls)
		cls = db_res_int(r, 0, TRC_TO_CLASS);
	if (!cls)
		return app_field_fail(e, 422, "TRANSFER_CLASS", "to_class_id", "请选择转入班级");
	if (class_in(db, c->who, cls, to, dbe, e) != 0)
		return -1;
	c->to_class_id = cls;
	json_object_set_new(details, "to_class", json_integer(cls));
	if (store_student_move(db, person, to, cls, dbe) != 0)
		return -1;
	return withdraw_applications(db, c->who, person, ids, dbe);
}

static int decide_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct decide_ctx *c = vctx;
	struct db_res *r = NULL;
	const char *status = !strcmp(c->action, "confirm") ? "confirmed"
			     : !strcmp(c->action, "reject") ? "rejected" : "cancelled";
	json_t *d = json_object();
	char obj[48], action[32];
	int rc = store_transfer_get(db, c->who->district_id, c->id, &r, dbe);

	if (rc == 0 && !sees(c->who, r))
		rc = 1;
	if (rc != 0) {
		rc = rc < 0 ? -1 : app_fail(e, 404, "NOT_FOUND", "没有找到这份申请，或不在您的权限范围内");
		goto out;
	}
	if (strcmp(db_res_text(r, 0, TRC_STATUS), "requested") != 0) {
		rc = app_fail(e, 409, "TRANSFER_CLOSED", "这份申请%s，不能再处理",
			      status_name(db_res_text(r, 0, TRC_STATUS)));
		goto out;
	}
	if (!may_decide(c->who, r, c->action)) {
		rc = !strcmp(c->action, "cancel")
			     ? app_fail(e, 403, "TRANSFER_NOT_YOURS", "只有提出申请的一方可以撤销")
			     : app_fail(e, 403, "TRANSFER_OTHER_SIDE",
					"申请需由另一方学校或教育局确认，提出申请的一方不能自己确认");
		goto out;
	}
	if (!strcmp(c->action, "confirm") && (rc = move(db, c, r, d, dbe, e)) != 0)
		goto out;
	rc = store_transfer_decide(db, c->id, status, c->who->user_id, time_now(),
				   c->note ? c->note : "", c->to_class_id, dbe);
	if (rc != 0) {
		rc = rc < 0 ? -1 : app_fail(e, 409, "TRANSFER_CLOSED", "这份申请已被处理");
		goto out;
	}
	snprintf(obj, sizeof obj, "transfer:%lld", (long long)c->id);
	snprintf(action, sizeof action, "transfer.%s", c->action);
	json_object_set_new(d, "note", json_string(c->note ? c->note : ""));
	rc = app_audit(db, c->who, action, obj, status, d, dbe);
	if (rc == 0)
		rc = reread(db, c->a, c->who, c->id, &c->out, dbe);
out:
	json_decref(d);
	db_res_free(r);
	return rc;
}

int app_transfer_decide(struct app *a, const struct actor *who, int64_t id, const char *action,
			const char *note, int64_t to_class_id, json_t **out, struct app_err *e)
{
	struct decide_ctx c = { a, who, id, to_class_id, action, note, NULL };

	if (strcmp(action, "confirm") && strcmp(action, "reject") && strcmp(action, "cancel"))
		return app_fail(e, 404, "NOT_FOUND", "没有这个操作");
	if (!strcmp(action, "reject") && app_blank(note))
		return app_field_fail(e, 422, "FIELD_INVALID", "note", "拒绝时请写明原因");
	if (app_tx(a, decide_tx, &c, e) != 0) {
		json_decref(c.out); /* made before a commit that failed */
		return -1;
	}
	*out = c.out;
	return 0;
}

/* ---- reads ---- */

int app_transfer_get(struct app *a, const struct actor *who, int64_t id, json_t **out,
		     struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct db *db = app_db_get(a, e);
	int rc;

	if (!db)
		return -1;
	rc = store_transfer_get(db, who->district_id, id, &r, &dbe);
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 0 && sees(who, r))
		*out = transfer_json(a, r, 0);
	db_res_free(r);
	if (!*out)
		return app_fail(e, 404, "NOT_FOUND", "没有找到这份申请，或不在您的权限范围内");
	return 0;
}

int app_transfer_list(struct app *a, const struct actor *who, const struct transfer_query *q,
		      json_t **out, struct app_err *e)
{
	struct store_transfer_filter f = { .status = q->status, .kind = q->kind };
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct db *db;
	json_t *items;
	int rc;

	f.limit = app_parse_limit(q->limit, 50, 500);
	if (f.limit < 0 || app_parse_cursor(q->cursor, &f.before) != 0 ||
	    app_parse_cursor(q->school_id, &f.school_id) != 0 ||
	    app_parse_cursor(q->student_id, &f.student_id) != 0 ||
	    app_parse_cursor(q->staff_id, &f.staff_id) != 0)
		return app_fail(e, 400, "QUERY_INVALID",
				"limit 应为 1 到 500，cursor、school_id、student_id、staff_id 应为数字");
	if ((q->status && *q->status && !*status_name(q->status)) ||
	    (q->kind && *q->kind && strcmp(q->kind, "student") && strcmp(q->kind, "staff")))
		return app_fail(e, 400, "QUERY_INVALID",
				"status 应为 requested、confirmed、rejected 或 cancelled，kind 应为 student 或 staff");
	/* a school's managers see their own school's transfers, whatever is asked */
	if (who->role == ROLE_PRINCIPAL || who->role == ROLE_ACADEMIC_OFFICE)
		f.school_id = who->school_id;
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_transfer_list(db, who->district_id, &f, &r, &dbe);
	app_db_put(a, db);
	if (rc != 0)
		return app_db_fail(e, &dbe, who->request_id);
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(items, transfer_json(a, r, i));
	db_res_free(r);
	*out = app_page(items, f.limit);
	return 0;
}

int app_school_directory(struct app *a, const struct actor *who, json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct db *db = app_db_get(a, e);
	json_t *items;
	int rc;

	if (!db)
		return -1;
	rc = store_school_directory(db, who->district_id, &r, &dbe);
	app_db_put(a, db);
	if (rc != 0)
		return app_db_fail(e, &dbe, who->request_id);
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++)
		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s}", "id",
						       (json_int_t)db_res_int(r, i, 0), "code",
						       db_res_text(r, i, 1), "name", db_res_text(r, i, 2),
						       "kind", db_res_text(r, i, 3)));
	db_res_free(r);
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

/* ---- leaving (离校 / 离职) ---- */

struct leave_ctx {
	const struct actor *who;
	int student;
	int64_t id;
	const char *reason;
};

static int leave_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct leave_ctx *c = vctx;
	struct store_transfer_filter f = { .status = "requested", .limit = 1 };
	struct store_person p = { 0 };
	struct db_res *open = NULL;
	json_t *d = json_pack("{s:s,s:[]}", "reason", c->reason, "withdrawn_applications");
	char obj[48];
	int rc = store_person_by_id(db, c->who->district_id, c->student, c->id, &p, dbe);

	if (rc == 0 && !app_manages_school(c->who, p.school_id))
		rc = 1;
	if (rc != 0) {
		rc = rc < 0 ? -1 : app_fail(e, 404, "NOT_FOUND", "没有找到这%s，或不在您的权限范围内",
					     c->student ? "名在籍学生" : "名在职教职工");
		goto out;
	}
	if (c->student)
		f.student_id = p.id;
	else
		f.staff_id = p.id;
	if ((rc = store_transfer_list(db, c->who->district_id, &f, &open, dbe)) != 0)
		goto out;
	if (db_res_rows(open)) {
		rc = app_fail(e, 409, "TRANSFER_OPEN", "%s有待确认的转学或调动申请，请先处理", p.name);
		goto out;
	}
	rc = c->student ? store_student_leave(db, p.id, dbe) ||
				  withdraw_applications(db, c->who, p.id,
							json_object_get(d, "withdrawn_applications"), dbe)
			: store_staff_leave(db, p.id, p.school_id, dbe);
	if (rc != 0) {
		rc = -1;
		goto out;
	}
	json_object_set_new(d, "code", json_string(p.code));
	snprintf(obj, sizeof obj, "%s:%lld", c->student ? "student" : "staff", (long long)p.id);
	rc = app_audit(db, c->who, c->student ? "student.leave" : "staff.leave", obj, "ok", d, dbe);
out:
	db_res_free(open);
	json_decref(d);
	return rc;
}

int app_person_leave(struct app *a, const struct actor *who, int student, int64_t id,
		     const char *reason, struct app_err *e)
{
	struct leave_ctx c = { who, student, id, reason };

	if (app_blank(reason))
		return app_field_fail(e, 422, "FIELD_INVALID", "reason", "请填写离校或离职的原因");
	return app_tx(a, leave_tx, &c, e);
}
