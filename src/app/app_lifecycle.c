/* app_lifecycle.c - a parent claiming a child, the lifecycle of accounts
 * (edit, disable, enable, reset) and bearer tokens (app_accounts.h). */
#include "app/app_accounts.h"
#include "app/app_internal.h"
#include "app/app_org.h"
#include "store/store_accounts.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>

static const char *const claim_msg =
	"没有找到匹配的记录：请核对孩子的学籍号、姓名，以及学校登记的监护人手机号";

/* ---- a parent adds a child ---- */

struct claim_ctx {
	const struct app *a;
	const struct actor *who;
	const char *registry_no, *name, *phone;
	int outcome; /* 0 linked, 1 no match, 2 locked */
};

/* Failed claims of this account within the sign-in lock's time (15 minutes
 * by default), of the last twice the lock's count. */
static int recent_failures(struct db *db, const struct claim_ctx *c, int *n, struct db_err *dbe)
{
	const struct actor *who = c->who;
	struct db_res *r = NULL;
	int64_t now = time_now();

	if (store_audit_list(db, who->district_id, "child.claim", who->username,
			     now - c->a->cfg.lock_seconds, now + 1, 0,
			     c->a->cfg.lock_after_failures * 2, &r, dbe) != 0)
		return -1;
	*n = 0;
	for (int i = 0; i < db_res_rows(r); i++)
		*n += !strcmp(db_res_text(r, i, 7), "failed");
	db_res_free(r);
	return 0;
}

static int claim_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct claim_ctx *c = vctx;
	int64_t gid = 0, uid = 0;
	char object[48];
	int rc, failures;
	json_t *d;

	(void)e;
	if (recent_failures(db, c, &failures, dbe) != 0)
		return -1;
	if (failures >= c->a->cfg.lock_after_failures) {
		c->outcome = 2;
		return app_audit(db, c->who, "child.claim", "-", "locked", NULL, dbe);
	}
	rc = store_claim_guardian(db, c->who->district_id, c->phone, c->registry_no, c->name, &gid,
				  &uid, dbe);
	if (rc < 0)
		return -1;
	/* a guardian record of another account is not this parent's to take */
	if (rc == 1 || (uid && uid != c->who->user_id)) {
		c->outcome = 1;
		return app_audit(db, c->who, "child.claim", "-", "failed", NULL, dbe);
	}
	if (!uid && store_guardian_set_user(db, gid, c->who->user_id, dbe) != 0)
		return -1;
	snprintf(object, sizeof object, "guardian:%lld", (long long)gid);
	d = json_pack("{s:s}", "registry_no", c->registry_no);
	rc = app_audit(db, c->who, "child.claim", object, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_child_claim(struct app *a, const struct actor *who, const char *registry_no,
		    const char *name, const char *phone, json_t **out, struct app_err *e)
{
	struct claim_ctx c = { a, who, registry_no, name, phone, 0 };

	if (who->role != ROLE_PARENT)
		return app_fail(e, 403, "FORBIDDEN", "只有家长账号可以添加孩子");
	if (app_tx(a, claim_tx, &c, e) != 0)
		return -1;
	if (c.outcome == 2) {
		e->retry_after = a->cfg.lock_seconds;
		return app_fail(e, 429, "CHILD_CLAIM_LOCKED", "核对失败次数过多，请 %d 分钟后再试",
				(a->cfg.lock_seconds + 59) / 60);
	}
	if (c.outcome == 1)
		return app_fail(e, 404, "CHILD_CLAIM_FAILED", "%s", claim_msg);
	*out = NULL;
	return app_children(a, who, out, e);
}

/* ---- the lifecycle of another account ---- */

struct life_ctx {
	struct app *a;
	const struct actor *who;
	int64_t id;
	const char *action; /* update, disable, enable, reset */
	const struct user_patch *patch;
	char code[24];
	int64_t expires;
	struct store_user u;
};

/* The target in the actor's reach: the admin, any account of the district;
 * a school's office, its staff's and guardians' accounts (teacher, parent). */
static int reach(struct db *db, struct life_ctx *c, struct db_err *dbe, struct app_err *e)
{
	int rc = store_user_by_id(db, c->id, &c->u, dbe), of = 0;

	if (rc < 0)
		return -1;
	if (rc == 0 && c->u.district_id == c->who->district_id) {
		if (c->who->role == ROLE_DISTRICT_ADMIN)
			return 0;
		if ((!strcmp(c->u.role, "teacher") || !strcmp(c->u.role, "parent")) &&
		    (of = store_user_of_school(db, c->id, c->who->school_id, dbe)) < 0)
			return -1;
		if (of)
			return 0;
	}
	return app_fail(e, 404, "NOT_FOUND", "没有找到这个用户，或不在您的权限范围内");
}

/* Whether the change would leave the district without an enabled admin. */
static int last_admin(struct db *db, struct life_ctx *c, struct db_err *dbe)
{
	int64_t n = 0;
	int leaves = !strcmp(c->action, "disable") ||
		     (!strcmp(c->action, "update") && c->patch->role &&
		      strcmp(c->patch->role, "district_admin"));

	if (!leaves || strcmp(c->u.role, "district_admin") || c->u.disabled)
		return 0;
	if (store_admins_enabled(db, c->who->district_id, &n, dbe) != 0)
		return -1;
	return n <= 1;
}

static int update(struct db *db, struct life_ctx *c, struct db_err *dbe, struct app_err *e)
{
	const struct user_patch *p = c->patch;
	const char *role = p->role ? p->role : c->u.role;
	int64_t school = p->has_school ? p->school_id : c->u.school_id;
	int found;

	if (c->who->role != ROLE_DISTRICT_ADMIN && (p->role || p->has_school))
		return app_fail(e, 403, "FORBIDDEN", "学校只能修改本校教职工和家长的姓名；角色和学校由教育局修改");
	if ((!strcmp(role, "principal") || !strcmp(role, "academic_office")) && !school)
		return app_field_fail(e, 422, "FIELD_REQUIRED", "school_id", "校长、教导处账号要选择所属学校");
	if (school && p->has_school) {
		found = store_school_exists(db, c->who->district_id, school, dbe);
		if (found < 0)
			return -1;
		if (!found)
			return app_field_fail(e, 422, "FIELD_INVALID", "school_id", "本区没有这所学校");
	}
	return store_user_update(db, c->id, p->display_name ? p->display_name : c->u.display_name,
				 role, school, dbe);
}

static int life_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct life_ctx *c = vctx;
	char object[48], action[32];
	int rc;

	if (reach(db, c, dbe, e) != 0)
		return -1;
	if (c->id == c->who->user_id && strcmp(c->action, "update") != 0)
		return app_fail(e, 422, "USER_SELF", "不能停用或重置自己的账号；修改自己的密码请用“修改密码”");
	if ((rc = last_admin(db, c, dbe)) != 0)
		return rc < 0 ? -1 : app_fail(e, 422, "USER_LAST_ADMIN",
					      "这是本区最后一个可用的教育局管理员账号，不能停用或改变角色");
	if (!strcmp(c->action, "update"))
		rc = update(db, c, dbe, e);
	else if (!strcmp(c->action, "reset"))
		rc = app_account_code(db, c->id, c->a->cfg.activation_days, c->code, &c->expires,
				      dbe);
	else
		rc = store_user_set_disabled(db, c->id, !strcmp(c->action, "disable"), dbe);
	if (rc != 0)
		return -1;
	snprintf(object, sizeof object, "user/%lld", (long long)c->id);
	snprintf(action, sizeof action, "user.%s", c->action);
	return app_audit(db, c->who, action, object, "ok", NULL, dbe);
}

/* The account as lists show it, re-read after the change. */
static int user_out(struct app *a, const struct actor *who, int64_t id, json_t **out,
		    struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct store_user u;
	struct actor x = { 0 };
	struct db *db = app_db_get(a, e);
	int rc;

	if (!db)
		return -1;
	rc = store_user_by_id(db, id, &u, &dbe);
	app_db_put(a, db);
	if (rc != 0)
		return app_db_fail(e, &dbe, who->request_id);
	app_actor_from_user(&x, &u);
	*out = json_pack("{s:o,s:b,s:b}", "user", app_user_json(&x), "disabled", u.disabled,
			 "pending", !u.password_hash[0]);
	return 0;
}

int app_user_update(struct app *a, const struct actor *who, int64_t id,
		    const struct user_patch *in, json_t **out, struct app_err *e)
{
	struct life_ctx c = { .a = a, .who = who, .id = id, .action = "update", .patch = in };

	if (in->role && role_parse(in->role) == ROLE_NONE)
		return app_field_fail(e, 422, "FIELD_INVALID", "role", "不是已知的角色");
	if (in->display_name && app_blank(in->display_name))
		return app_field_fail(e, 422, "FIELD_INVALID", "display_name", "姓名不能为空");
	if (app_tx(a, life_tx, &c, e) != 0)
		return -1;
	return user_out(a, who, id, out, e);
}

int app_user_action(struct app *a, const struct actor *who, int64_t id, const char *action,
		    json_t **out, struct app_err *e)
{
	struct life_ctx c = { .a = a, .who = who, .id = id, .action = action };
	char t[40];

	if (strcmp(action, "disable") && strcmp(action, "enable") && strcmp(action, "reset"))
		return app_fail(e, 404, "NOT_FOUND", "没有这个操作");
	if (app_tx(a, life_tx, &c, e) != 0)
		return -1;
	if (user_out(a, who, id, out, e) != 0)
		return -1;
	if (!strcmp(action, "reset")) {
		time_rfc3339(c.expires, a->policy.utc_offset_minutes, t, sizeof t);
		json_object_set_new(*out, "code", json_string(c.code));
		json_object_set_new(*out, "expires_at", json_string(t));
	}
	return 0;
}

/* ---- bearer tokens ---- */

int app_token_list(struct app *a, const struct actor *who, json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	struct db *db = app_db_get(a, e);
	json_t *items;
	char t[40];
	int rc;

	if (!db)
		return -1;
	rc = store_token_list(db, who->district_id,
			     who->role == ROLE_DISTRICT_ADMIN ? 0 : who->user_id, &r, &dbe);
	app_db_put(a, db);
	if (rc != 0)
		return app_db_fail(e, &dbe, who->request_id);
	items = json_array();
	for (int i = 0; i < db_res_rows(r); i++) {
		time_rfc3339(db_res_int(r, i, 3), a->policy.utc_offset_minutes, t, sizeof t);
		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s,s:b}", "id",
						       (json_int_t)db_res_int(r, i, 0), "name",
						       db_res_text(r, i, 1), "username",
						       db_res_text(r, i, 2), "created_at", t, "revoked",
						       (int)db_res_int(r, i, 4)));
	}
	db_res_free(r);
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

struct revoke_ctx {
	const struct actor *who;
	int64_t id;
};

static int revoke_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct revoke_ctx *c = vctx;
	char object[48];
	int rc = store_token_revoke(db, c->who->district_id, c->id,
				    c->who->role == ROLE_DISTRICT_ADMIN ? 0 : c->who->user_id, dbe);

	if (rc != 0)
		return rc < 0 ? -1 : app_fail(e, 404, "NOT_FOUND", "没有找到这个令牌，或已经撤销");
	snprintf(object, sizeof object, "token:%lld", (long long)c->id);
	return app_audit(db, c->who, "token.revoke", object, "ok", NULL, dbe);
}

int app_token_revoke(struct app *a, const struct actor *who, int64_t id, struct app_err *e)
{
	struct revoke_ctx c = { who, id };

	return app_tx(a, revoke_tx, &c, e);
}
