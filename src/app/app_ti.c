/* app_ti.c - the institution registry's writes: an operator's application,
 * the bureau's decision, courses and staff kept current. */
#include "app/app_ti.h"
#include "app/app_internal.h"
#include "app/app_ti_internal.h"
#include "core/institution.h"
#include "store/store_ti.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TI_MAX_FEE_FEN 100000000L /* ¥1,000,000: above is not a real charge */

/* ---- decoding ---- */

struct course_in {
	const char *name, *category;
	int64_t lessons, months;
};

static const struct jfield course_fields[] = {
	{ "name", JF_STR, offsetof(struct course_in, name), true, 1, 50, NULL, "课程名称" },
	{ "category", JF_ENUM, offsetof(struct course_in, category), true, 0, 0, ti_category_ids, "课程类别" },
	{ "lessons", JF_INT, offsetof(struct course_in, lessons), true, 1, 10000, NULL, "课时" },
	{ "months", JF_INT, offsetof(struct course_in, months), true, 1, 120, NULL, "月数" },
};

struct staff_in {
	const char *name, *qualification, *certificate_no;
};

static const struct jfield staff_fields[] = {
	{ "name", JF_STR, offsetof(struct staff_in, name), true, 1, 32, NULL, "姓名" },
	{ "qualification", JF_ENUM, offsetof(struct staff_in, qualification), true, 0, 0, ti_qualification_ids, "资质类型" },
	{ "certificate_no", JF_STR, offsetof(struct staff_in, certificate_no), false, 0, 64, NULL, "证书编号" },
};

/* A fee in yuan (a number, or text like "123.45") as fen: 0, or -1 with a
 * refusal naming field. */
static int fee_fen(json_t *v, const char *field, long *fen, struct app_err *e)
{
	double x;

	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		char *end;

		x = strtod(s, &end);
		if (!*s || *end || strchr(s, 'e') || strchr(s, 'E'))
			return app_field_fail(e, 422, "FIELD_INVALID", field, "收费应为金额（元），如 1980.00");
	} else if (json_is_number(v)) {
		x = json_number_value(v);
	} else if (!v) {
		return app_field_fail(e, 422, "FIELD_REQUIRED", field, "缺少收费金额");
	} else {
		return app_field_fail(e, 400, "FIELD_TYPE", field, "收费应为数字（元）");
	}
	if (!(x >= 0) || x * 100 > (double)TI_MAX_FEE_FEN)
		return app_field_fail(e, 422, "FIELD_INVALID", field, "收费金额应在 0 到 1000000 元之间");
	*fen = (long)(x * 100 + 0.5);
	if (x * 100 - (double)*fen > 1e-6 || (double)*fen - x * 100 > 1e-6)
		return app_field_fail(e, 422, "FIELD_INVALID", field, "收费金额最多精确到分（两位小数）");
	return 0;
}

/* grades [lo, hi]: 0 学龄前 .. 12 高三. */
static int grades_of(json_t *v, const char *field, int *lo, int *hi, struct app_err *e)
{
	json_t *a, *b;

	if (!v)
		return app_field_fail(e, 422, "FIELD_REQUIRED", field, "缺少年级范围");
	a = json_array_get(v, 0);
	b = json_array_get(v, 1);
	if (!json_is_array(v) || json_array_size(v) != 2 || !json_is_integer(a) || !json_is_integer(b))
		return app_field_fail(e, 400, "FIELD_TYPE", field, "年级范围应为 [起始年级, 结束年级]");
	*lo = (int)json_integer_value(a);
	*hi = (int)json_integer_value(b);
	if (json_integer_value(a) < 0 || json_integer_value(b) > TI_MAX_GRADE || *lo > *hi)
		return app_field_fail(e, 422, "FIELD_INVALID", field,
				      "年级范围应在 0（学龄前）到 12（高三）之间，且起始不大于结束");
	return 0;
}

/* The array body[name] with 1..max objects (min 0 when optional). */
static int object_array(json_t *body, const char *name, size_t min, size_t max, json_t **arr,
			struct app_err *e)
{
	json_t *v;
	size_t i;

	*arr = json_object_get(body, name);
	if (!*arr && min == 0)
		return 0;
	if (!*arr)
		return app_field_fail(e, 422, "FIELD_REQUIRED", name, "缺少必填的列表");
	if (!json_is_array(*arr))
		return app_field_fail(e, 400, "FIELD_TYPE", name, "应为数组");
	if (json_array_size(*arr) < min || json_array_size(*arr) > max)
		return app_field_fail(e, 422, "FIELD_INVALID", name, "列表项数不对");
	json_array_foreach(*arr, i, v)
		if (!json_is_object(v))
			return app_field_fail(e, 400, "FIELD_TYPE", name, "列表项应为对象");
	return 0;
}

/* A refusal of list item i's field: details.field becomes list.i.field. */
static int item_field(struct app_err *e, const char *list, size_t i)
{
	const char *inner = json_string_value(json_object_get(e->details, "field"));
	char field[128];

	snprintf(field, sizeof field, "%s.%zu.%.64s", list, i, inner ? inner : "");
	json_object_set_new(e->details, "field", json_string(field));
	return -1;
}

int ti_courses_decode(json_t *body, struct ti_courses *cs, struct app_err *e)
{
	static const char *const skip[] = { "grades", "fee", NULL };
	json_t *arr, *v;
	size_t i;

	if (object_array(body, "courses", 1, TI_MAX_COURSES, &arr, e) != 0)
		return -1;
	cs->n = 0;
	json_array_foreach(arr, i, v) {
		struct course_in in = { 0 };
		struct store_ti_course *c = &cs->rows[cs->n];
		char field[48];

		if (app_decode_scalars(v, skip, course_fields, 4, &in, e) != 0)
			return item_field(e, "courses", i);
		snprintf(field, sizeof field, "courses.%zu.grades", i);
		if (grades_of(json_object_get(v, "grades"), field, &c->grade_lo, &c->grade_hi, e) != 0)
			return -1;
		snprintf(field, sizeof field, "courses.%zu.fee", i);
		if (fee_fen(json_object_get(v, "fee"), field, &c->fee_fen, e) != 0)
			return -1;
		c->name = in.name;
		c->category = in.category;
		c->lessons = (int)in.lessons;
		c->months = (int)in.months;
		cs->core[cs->n] = (struct ti_course){ c->category, c->grade_lo, c->grade_hi, c->fee_fen,
						      c->lessons, c->months };
		cs->n++;
	}
	return 0;
}

int ti_staff_decode(json_t *body, size_t min, struct ti_staff_list *st, struct app_err *e)
{
	static const char *const none[] = { NULL };
	json_t *arr, *v;
	size_t i;

	st->n = 0;
	if (object_array(body, "staff", min, TI_MAX_STAFF, &arr, e) != 0)
		return -1;
	if (!arr)
		return 0;
	json_array_foreach(arr, i, v) {
		struct staff_in in = { 0 };

		if (app_decode_scalars(v, none, staff_fields, 3, &in, e) != 0)
			return item_field(e, "staff", i);
		st->name[st->n] = in.name;
		st->qual[st->n] = in.qualification;
		st->cert[st->n] = in.certificate_no ? in.certificate_no : "";
		st->n++;
	}
	return 0;
}

/* A refusal by a TI_ rule: 422 with details {rule, clause, course}. */
static int rule_fail(const struct app *a, const struct ti_verdict *v, struct app_err *e)
{
	const char *clause = policy_rule_clause(&a->policy, v->code);

	app_fail(e, 422, v->code, "%s", v->message);
	e->details = json_pack("{s:s,s:s,s:i}", "rule", v->code, "clause", clause ? clause : "",
			       "course", v->course);
	return -1;
}

/* TI_PREPAY_CAP on each course: the flag set, a warning appended. */
void ti_prepay_warnings(const struct policy *p, struct ti_courses *cs, json_t *warnings)
{
	const char *clause = policy_rule_clause(p, "TI_PREPAY_CAP");

	for (int i = 0; i < cs->n; i++) {
		struct ti_verdict v;

		cs->rows[i].warned = ti_prepay_check(p, &cs->core[i], &v) != 0;
		if (cs->rows[i].warned)
			json_array_append_new(warnings, json_pack("{s:s,s:s,s:s,s:i,s:s}", "code",
				"TI_PREPAY_CAP", "message", v.message, "clause", clause ? clause : "",
				"course", i, "course_name", cs->rows[i].name));
	}
}

int ti_store_lists(struct db *db, int64_t district, int64_t inst, const struct ti_courses *cs,
		   const struct ti_staff_list *st, int64_t now, struct db_err *dbe)
{
	for (int i = 0; cs && i < cs->n; i++)
		if (store_ti_course_add(db, district, inst, &cs->rows[i], now, dbe) != 0)
			return -1;
	for (int i = 0; st && i < st->n; i++)
		if (store_ti_staff_add(db, district, inst, st->name[i], st->qual[i], st->cert[i], now,
				       dbe) != 0)
			return -1;
	return 0;
}

/* The answer of a write, read in its transaction so that a failure to
 * build it rolls the write back (a 2xx is durable, a 5xx stored nothing). */
static int answer_of(const struct app *a, struct db *db, const struct actor *who, int64_t app_id,
		     json_t **out, struct db_err *dbe, struct app_err *e)
{
	int rc;

	json_decref(*out); /* a retried transaction */
	*out = NULL;
	rc = app_id > 0 ? ti_application_read(a, db, who, app_id, out, dbe)
			: ti_inst_read(a, db, who, -app_id, out, dbe);
	return rc == 1 ? app_fail(e, 404, "NOT_FOUND", "没有这家机构") : rc;
}

/* ---- apply ---- */

struct apply_in {
	const char *name, *credit_code, *licence_no, *address, *category;
};

static const struct jfield apply_fields[] = {
	{ "name", JF_STR, offsetof(struct apply_in, name), true, 2, 100, NULL, "机构名称" },
	{ "credit_code", JF_STR, offsetof(struct apply_in, credit_code), true, 1, 32, NULL, "统一社会信用代码" },
	{ "licence_no", JF_STR, offsetof(struct apply_in, licence_no), true, 1, 64, NULL, "办学许可证号" },
	{ "address", JF_STR, offsetof(struct apply_in, address), true, 2, 200, NULL, "地址" },
	{ "category", JF_ENUM, offsetof(struct apply_in, category), true, 0, 0, ti_category_ids, "类别" },
};

struct apply_ctx {
	const struct app *a;
	json_t *out; /* the answer, built in the transaction */
	const struct actor *who;
	struct store_ti_inst inst;
	struct ti_courses cs;
	struct ti_staff_list st;
	int64_t inst_id, app_id;
};

static int serves_of(json_t *body, bool serves[4], struct app_err *e)
{
	json_t *arr = json_object_get(body, "serves"), *v;
	size_t i;

	if (!arr)
		return app_field_fail(e, 422, "FIELD_REQUIRED", "serves", "请选择服务对象");
	if (!json_is_array(arr))
		return app_field_fail(e, 400, "FIELD_TYPE", "serves", "应为数组");
	if (json_array_size(arr) < 1 || json_array_size(arr) > 4)
		return app_field_fail(e, 422, "FIELD_INVALID", "serves", "请选择一到四项服务对象");
	json_array_foreach(arr, i, v) {
		int k = -1;

		for (int j = 0; json_is_string(v) && ti_serves_ids[j]; j++)
			if (strcmp(ti_serves_ids[j], json_string_value(v)) == 0)
				k = j;
		if (k < 0 || serves[k])
			return app_field_fail(e, 422, "FIELD_INVALID", "serves",
					      "服务对象应为 学龄前/小学/初中/高中 之一，且不重复");
		serves[k] = true;
	}
	return 0;
}

static int apply_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct apply_ctx *c = vctx;
	char obj[48];
	json_t *d;
	int rc;

	rc = store_ti_app_pending(db, c->who->district_id, c->who->user_id, dbe);
	if (rc < 0)
		return -1;
	if (rc == 1)
		return app_fail(e, 409, "TI_PENDING", "已有一份申请在审批中，请等待审批结果");
	rc = store_ti_credit_taken(db, c->who->district_id, c->inst.credit_code, dbe);
	if (rc < 0)
		return -1;
	if (rc == 1)
		return app_field_fail(e, 409, "TI_DUPLICATE", "credit_code", "该统一社会信用代码已登记");
	if (store_ti_insert(db, &c->inst, &c->inst_id, dbe) != 0 ||
	    ti_store_lists(db, c->who->district_id, c->inst_id, &c->cs, &c->st, c->inst.now, dbe) != 0 ||
	    store_ti_app_insert(db, c->who->district_id, c->inst_id, c->who->user_id, c->inst.now,
				&c->app_id, dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "institution_application:%lld", (long long)c->app_id);
	d = json_pack("{s:I,s:s,s:s,s:i}", "institution_id", (json_int_t)c->inst_id, "name",
		      c->inst.name, "credit_code", c->inst.credit_code, "courses", c->cs.n);
	rc = app_audit(db, c->who, "institution.apply", obj, "ok", d, dbe);
	json_decref(d);
	return rc ? rc : answer_of(c->a, db, c->who, c->app_id, &c->out, dbe, e);
}

int app_ti_apply(struct app *a, const struct actor *who, json_t *body, json_t **out,
		 struct app_err *e)
{
	static const char *const arrays[] = { "serves", "courses", "staff", NULL };
	struct apply_ctx *c = calloc(1, sizeof *c);
	struct apply_in in = { 0 };
	struct ti_application ap = { 0 };
	struct ti_verdict v;
	json_t *warnings = NULL;
	int rc = -1;

	if (!c)
		return app_fail(e, 503, "UNAVAILABLE", "服务暂时不可用");
	c->who = who;
	c->a = a;
	if (app_decode_scalars(body, arrays, apply_fields, 5, &in, e) != 0 ||
	    serves_of(body, c->inst.serves, e) != 0 || ti_courses_decode(body, &c->cs, e) != 0 ||
	    ti_staff_decode(body, 0, &c->st, e) != 0)
		goto out;
	/* TI_CREDIT_CODE: GB 32100, the check character */
	if (!ti_credit_code_valid(in.credit_code)) {
		app_field_fail(e, 422, "TI_CREDIT_CODE", "credit_code",
			       "统一社会信用代码应为 18 位（数字和大写字母，不含 I、O、S、V、Z），且校验位正确");
		goto out;
	}
	ap = (struct ti_application){ in.category, { c->inst.serves[0], c->inst.serves[1],
			c->inst.serves[2], c->inst.serves[3] }, c->cs.core, c->cs.n };
	if (ti_application_check(&ap, &v) != 0) {
		rule_fail(a, &v, e);
		goto out;
	}
	warnings = json_array();
	ti_prepay_warnings(&a->policy, &c->cs, warnings);
	c->inst = (struct store_ti_inst){ who->district_id, in.name, in.credit_code, in.licence_no,
		in.address, in.category, "pending", "", { c->inst.serves[0], c->inst.serves[1],
		c->inst.serves[2], c->inst.serves[3] }, who->user_id, time_now() };
	if (app_tx(a, apply_tx, c, e) != 0)
		goto out;
	*out = c->out;
	c->out = NULL;
	json_object_set(*out, "warnings", warnings);
	rc = 0;
out:
	json_decref(c->out);
	json_decref(warnings);
	free(c);
	return rc;
}

/* ---- decide ---- */

struct decide_in {
	const char *decision, *reason;
};

static const char *const decisions[] = { "approve", "refuse", NULL };
static const struct jfield decide_fields[] = {
	{ "decision", JF_ENUM, offsetof(struct decide_in, decision), true, 0, 0, decisions, "审批结果" },
	{ "reason", JF_TEXT, offsetof(struct decide_in, reason), false, 0, 500, NULL, "理由" },
};

struct decide_ctx {
	const struct app *a;
	json_t *out;
	const struct actor *who;
	int64_t id;
	const char *status, *reason;
	char *checklist;
};

static int decide_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct decide_ctx *c = vctx;
	struct db_res *r = NULL;
	int64_t inst, now = time_now();
	char obj[48];
	json_t *d;
	int rc = store_ti_app_get(db, c->who->district_id, c->id, &r, dbe);

	if (rc != 0) {
		return rc < 0 ? -1 : app_fail(e, 404, "NOT_FOUND", "没有这份申请");
	}
	inst = db_res_int(r, 0, TIA_INST);
	db_res_free(r);
	rc = store_ti_app_decide(db, c->id, c->status, c->reason, c->checklist, now,
				 c->who->user_id, dbe);
	if (rc < 0)
		return -1;
	if (rc == 1)
		return app_fail(e, 409, "TI_NOT_PENDING", "这份申请已审批过");
	if (store_ti_set_status(db, inst, c->status, c->reason, now, dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "institution_application:%lld", (long long)c->id);
	d = json_pack("{s:I,s:s,s:s}", "institution_id", (json_int_t)inst, "status", c->status,
		      "reason", c->reason);
	rc = app_audit(db, c->who, "institution.decide", obj, "ok", d, dbe);
	json_decref(d);
	return rc ? rc : answer_of(c->a, db, c->who, c->id, &c->out, dbe, e);
}

/* approve: every TI_STANDARDS item of the pack must be confirmed. */
static int checklist_of(const struct app *a, json_t *body, bool approve, char **text,
			struct app_err *e)
{
	json_t *arr = json_object_get(body, "checklist"), *missing = json_array(), *got = json_array();

	if (arr && !json_is_array(arr)) {
		json_decref(missing);
		json_decref(got);
		return app_field_fail(e, 400, "FIELD_TYPE", "checklist", "应为数组");
	}
	for (int i = 0; i < a->policy.ti_nchecklist; i++) {
		const char *item = a->policy.ti_checklist[i];
		bool found = false;
		size_t k;
		json_t *v;

		json_array_foreach(arr, k, v)
			found |= json_is_string(v) && strcmp(json_string_value(v), item) == 0;
		json_array_append_new(found ? got : missing, json_string(item));
	}
	if (approve && json_array_size(missing) > 0) {
		json_decref(got);
		app_fail(e, 422, "TI_STANDARDS", "还有 %zu 项设置标准未核对，不能批准",
			 json_array_size(missing));
		e->details = json_pack("{s:o,s:s}", "missing", missing, "clause",
				       policy_rule_clause(&a->policy, "TI_STANDARDS"));
		return -1;
	}
	json_decref(missing);
	*text = json_dumps(got, JSON_COMPACT);
	json_decref(got);
	return 0;
}

int app_ti_decide(struct app *a, const struct actor *who, int64_t id, json_t *body,
		  json_t **out, struct app_err *e)
{
	static const char *const skip[] = { "checklist", NULL };
	struct decide_ctx c = { .a = a, .who = who, .id = id };
	struct decide_in in = { 0 };
	bool approve;
	int rc;

	if (app_decode_scalars(body, skip, decide_fields, 2, &in, e) != 0)
		return -1;
	approve = strcmp(in.decision, "approve") == 0;
	if (!approve && app_blank(in.reason))
		return app_field_fail(e, 422, "FIELD_REQUIRED", "reason", "不予批准时请写明理由");
	if (checklist_of(a, body, approve, &c.checklist, e) != 0)
		return -1;
	c.status = approve ? "approved" : "refused";
	c.reason = in.reason ? in.reason : "";
	rc = app_tx(a, decide_tx, &c, e);
	free(c.checklist);
	if (rc != 0) {
		json_decref(c.out);
		return -1;
	}
	*out = c.out;
	return 0;
}

/* ---- courses and staff kept current ---- */

struct lists_ctx {
	const struct app *a;
	json_t *out;
	const struct actor *who;
	int64_t id;
	struct ti_courses *cs;
	struct ti_staff_list *st;
	const char *action;
};

/* The operator's own institution, pending or approved: 0, or -1 (404 / 409). */
static int own_current(struct db *db, const struct actor *who, int64_t id, struct db_err *dbe,
		       struct app_err *e, struct db_res **r)
{
	int rc = store_ti_get(db, who->district_id, id, r, dbe);
	const char *st;

	if (rc < 0)
		return -1;
	if (rc == 1 || db_res_int(*r, 0, TI_OPERATOR) != who->user_id)
		return app_fail(e, 404, "NOT_FOUND", "没有这家机构");
	st = db_res_text(*r, 0, TI_STATUS);
	if (strcmp(st, "pending") != 0 && strcmp(st, "approved") != 0)
		return app_fail(e, 409, "TI_STATUS", "机构状态为“%s”，不能修改", ti_status_name(st));
	return 0;
}

static int lists_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct lists_ctx *c = vctx;
	struct db_res *r = NULL;
	char obj[40];
	json_t *d;
	int rc = own_current(db, c->who, c->id, dbe, e, &r);

	db_res_free(r);
	if (rc != 0)
		return -1;
	if ((c->cs && store_ti_courses_withdraw(db, c->id, dbe) != 0) ||
	    (c->st && store_ti_staff_withdraw(db, c->id, dbe) != 0) ||
	    ti_store_lists(db, c->who->district_id, c->id, c->cs, c->st, time_now(), dbe) != 0)
		return -1;
	snprintf(obj, sizeof obj, "institution:%lld", (long long)c->id);
	d = json_pack("{s:i}", "count", c->cs ? c->cs->n : c->st->n);
	rc = app_audit(db, c->who, c->action, obj, "ok", d, dbe);
	json_decref(d);
	return rc ? rc : answer_of(c->a, db, c->who, -c->id, &c->out, dbe, e);
}

int app_ti_courses_set(struct app *a, const struct actor *who, int64_t id, json_t *body,
		       json_t **out, struct app_err *e)
{
	struct ti_courses *cs = calloc(1, sizeof *cs);
	struct lists_ctx c = { .a = a, .who = who, .id = id, .cs = cs, .action = "institution.courses" };
	struct ti_application ap = { 0 };
	struct ti_verdict v;
	json_t *warnings = json_array();
	int rc = -1;

	if (!cs) {
		json_decref(warnings);
		return app_fail(e, 503, "UNAVAILABLE", "服务暂时不可用");
	}
	if (ti_courses_decode(body, cs, e) != 0)
		goto out;
	/* the courses only: the institution's own category, its serves as approved */
	ap.courses = cs->core;
	ap.ncourses = cs->n;
	ap.category = NULL;
	if (ti_course_category(a, who, id, &ap, e) != 0)
		goto out;
	if (ti_application_check(&ap, &v) != 0) {
		rule_fail(a, &v, e);
		goto out;
	}
	ti_prepay_warnings(&a->policy, cs, warnings);
	if (app_tx(a, lists_tx, &c, e) != 0)
		goto out;
	*out = c.out;
	c.out = NULL;
	json_object_set(*out, "warnings", warnings);
	rc = 0;
out:
	json_decref(c.out);
	json_decref(warnings);
	free(cs);
	return rc;
}

int app_ti_staff_set(struct app *a, const struct actor *who, int64_t id, json_t *body,
		     json_t **out, struct app_err *e)
{
	struct ti_staff_list *st = calloc(1, sizeof *st);
	struct lists_ctx c = { .a = a, .who = who, .id = id, .st = st, .action = "institution.staff" };
	int rc = -1;

	if (!st)
		return app_fail(e, 503, "UNAVAILABLE", "服务暂时不可用");
	if (ti_staff_decode(body, 1, st, e) == 0 && app_tx(a, lists_tx, &c, e) == 0) {
		*out = c.out;
		c.out = NULL;
		rc = 0;
	}
	json_decref(c.out);
	free(st);
	return rc;
}
