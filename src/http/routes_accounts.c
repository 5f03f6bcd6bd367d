/* routes_accounts.c - accounts for a whole district: provisioning,
 * activation, one's own password, sessions and children, the lifecycle of
 * accounts and bearer tokens. Handlers decode, call one app_ function and
 * encode. */
#include "app/app_accounts.h"
#include "app/app_org.h"
#include "http/handlers.h"

#include <stdio.h>
#include <string.h>


/* ---- provisioning ---- */

static const char *const prov_roles[] = { "teacher", "parent", NULL };

static const struct jfield provision_fields[] = {
	{ "role", JF_ENUM, offsetof(struct provision_in, role), true, 0, 0, prov_roles, "对象" },
	{ "school_id", JF_INT, offsetof(struct provision_in, school_id), true, 1, INT64_MAX, NULL,
	  "学校" },
	{ "grade", JF_INT, offsetof(struct provision_in, grade), false, 1, 9, NULL, "年级" },
	{ "class_id", JF_INT, offsetof(struct provision_in, class_id), false, 1, INT64_MAX, NULL,
	  "班级" },
	{ "dry_run", JF_BOOL, offsetof(struct provision_in, dry_run), false, 0, 0, NULL, "试运行" },
	{ "reissue", JF_BOOL, offsetof(struct provision_in, reissue), false, 0, 0, NULL,
	  "重新发放激活码" },
};

static int provision(struct http_req *rq, struct http_resp *rs, json_t **out)
{
	struct provision_in in = { 0 };
	struct app_err e = { 0 };

	if (http_decode(rq, rs, provision_fields, 6, &in) != 0)
		return -1;
	if (app_provision(rq->app, &rq->who, &in, out, &e) != 0) {
		http_app_error(rq, rs, &e);
		return -1;
	}
	return 0;
}

void h_provision(struct http_req *rq, struct http_resp *rs)
{
	json_t *out = NULL;

	if (provision(rq, rs, &out) == 0)
		rs->json = out;
}

/* The same provisioning, answered as the sheet the school prints or keeps. */
void h_provision_xlsx(struct http_req *rq, struct http_resp *rs)
{
	static const char *const header[] = { "学校", "班级", "姓名", "用户名", "激活码",
					      "激活网址", "有效期至" };
	struct table t = { 0 };
	json_t *out = NULL;
	char url[160];

	if (provision(rq, rs, &out) != 0)
		return;
	/* the address people type from the slip: this server as the caller reached it */
	snprintf(url, sizeof url, "%s://%s/activate", http_secure_cookies() ? "https" : "http",
		 http_header(rq, "Host") ? http_header(rq, "Host") : "127.0.0.1");
	if (app_provision_table(out, url, &t) != 0) {
		json_decref(out);
		http_error(rq, rs, 500, "INTERNAL", "内存不足");
		return;
	}
	json_decref(out);
	http_send_xlsx(rq, rs, "开通账号", header, 7, &t, "accounts.xlsx");
	table_free(&t);
}

/* ---- activation (public) ---- */

struct activation_in {
	const char *login, *code, *password;
};

static const struct jfield activation_fields[] = {
	{ "login", JF_STR, offsetof(struct activation_in, login), true, 1, 64, NULL, "用户名或手机号" },
	{ "code", JF_STR, offsetof(struct activation_in, code), true, 1, 64, NULL, "激活码" },
	{ "password", JF_STR, offsetof(struct activation_in, password), true, 1, 256, NULL, "新密码" },
};

void h_activation(struct http_req *rq, struct http_resp *rs)
{
	struct activation_in in = { 0 };
	struct app_err e = { 0 };
	char token[65];
	int wait = 0;

	if (http_decode(rq, rs, activation_fields, 3, &in) != 0)
		return;
	if (!http_signin_allowed(rq, &wait)) { /* the sign-in's per-address limit */
		app_audit_refusal(rq->app, &rq->who, "account.activate", "rate_limited");
		http_error(rq, rs, 429, "AUTH_RATE_LIMITED", "尝试过于频繁，请稍后再试");
		rs->retry_after = wait;
		return;
	}
	if (app_activate(rq->app, in.login, in.code, in.password, rq->who.ip, rq->who.request_id,
			 &rq->who, token, &e) != 0) {
		http_app_error(rq, rs, &e);
		return;
	}
	http_signed_in(rq, rs, token);
}

/* ---- one's own account ---- */

struct password_in {
	const char *current, *fresh;
};

static const struct jfield password_fields[] = {
	{ "current_password", JF_STR, offsetof(struct password_in, current), true, 1, 256, NULL,
	  "当前密码" },
	{ "new_password", JF_STR, offsetof(struct password_in, fresh), true, 1, 256, NULL, "新密码" },
};

void h_my_password(struct http_req *rq, struct http_resp *rs)
{
	struct password_in in = { 0 };
	struct app_err e = { 0 };

	if (http_decode(rq, rs, password_fields, 2, &in) != 0)
		return;
	if (app_password_change(rq->app, &rq->who, in.current, in.fresh, &e) != 0) {
		http_app_error(rq, rs, &e);
		return;
	}
	rs->json = json_pack("{s:b}", "changed", 1);
}

void h_my_sessions_end(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };

	if (app_signout_all(rq->app, &rq->who, &e) != 0) {
		http_app_error(rq, rs, &e);
		return;
	}
	snprintf(rs->set_cookie, sizeof rs->set_cookie,
		 "sj_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	rs->json = json_pack("{s:b}", "signed_out", 1);
}

void h_my_signins(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_my_signins(rq->app, &rq->who, &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

struct claim_in {
	const char *registry_no, *name, *phone;
};

static const struct jfield claim_fields[] = {
	{ "registry_no", JF_STR, offsetof(struct claim_in, registry_no), true, 1, 32, NULL, "学籍号" },
	{ "name", JF_STR, offsetof(struct claim_in, name), true, 1, 32, NULL, "孩子姓名" },
	{ "phone", JF_STR, offsetof(struct claim_in, phone), true, 11, 11, NULL, "监护人手机号" },
};

void h_child_claim(struct http_req *rq, struct http_resp *rs)
{
	struct claim_in in = { 0 };
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc;

	if (http_decode(rq, rs, claim_fields, 3, &in) != 0)
		return;
	rc = app_child_claim(rq->app, &rq->who, in.registry_no, in.name, in.phone, &out, &e);
	http_answer(rq, rs, rc, out, &e, 0);
}

/* ---- the lifecycle of accounts ---- */

struct patch_in {
	const char *display_name, *role;
	int64_t school_id;
};

static const struct jfield patch_fields[] = {
	{ "display_name", JF_STR, offsetof(struct patch_in, display_name), false, 1, 64, NULL, "姓名" },
	{ "role", JF_ENUM, offsetof(struct patch_in, role), false, 0, 0, role_ids, "角色" },
	{ "school_id", JF_INT, offsetof(struct patch_in, school_id), false, 0, INT64_MAX, NULL, "学校" },
};

void h_user_patch(struct http_req *rq, struct http_resp *rs)
{
	struct patch_in in = { 0 };
	struct user_patch p = { 0 };
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (http_param_id(rq, rs, 0, &id) != 0 || http_decode(rq, rs, patch_fields, 3, &in) != 0)
		return;
	p.display_name = in.display_name;
	p.role = in.role;
	p.school_id = in.school_id;
	p.has_school = json_object_get(rq->body, "school_id") != NULL;
	rc = app_user_update(rq->app, &rq->who, id, &p, &out, &e);
	http_answer(rq, rs, rc, out, &e, 0);
}

void h_user_action(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int64_t id;
	int rc;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	rc = app_user_action(rq->app, &rq->who, id, rq->params[1], &out, &e);
	http_answer(rq, rs, rc, out, &e, 0);
}

void h_tokens_list(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	json_t *out = NULL;
	int rc = app_token_list(rq->app, &rq->who, &out, &e);

	http_answer(rq, rs, rc, out, &e, 0);
}

void h_token_revoke(struct http_req *rq, struct http_resp *rs)
{
	struct app_err e = { 0 };
	int64_t id;

	if (http_param_id(rq, rs, 0, &id) != 0)
		return;
	if (app_token_revoke(rq->app, &rq->who, id, &e) != 0) {
		http_app_error(rq, rs, &e);
		return;
	}
	rs->json = json_pack("{s:I,s:b}", "id", (json_int_t)id, "revoked", 1);
}

/* /activate, the address printed on the slips: the web UI, which opens its
 * activation page for this path. */
void h_activate_page(struct http_req *rq, struct http_resp *rs)
{
	http_send_page(rq, rs, "index.html");
}
