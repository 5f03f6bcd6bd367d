/* app_accounts.c - provisioning, activation, a person's own password,
 * sessions and children (app_accounts.h). Activation codes are random (60
 * bits) and live 14 days (a setting), so a keyed BLAKE2b hash is enough to keep them
 * out of the store in clear; argon2id per code would make a district's
 * 26,000 codes take minutes. */
#include "app/app_accounts.h"
#include "app/app_internal.h"
#include "core/password.h"
#include "store/store_accounts.h"
#include "store/store_org.h"
#include "store/store_transfer.h"
#include "util/table.h"
#include "util/randtext.h"
#include "util/timeutil.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define CODE_CHARS 12


/* ---- codes ---- */

/* The install's key for code hashes, made on first use. */
static int code_key(struct db *db, unsigned char key[32], struct db_err *dbe)
{
	char fresh[65], hex[65];
	size_t n = 0;

	app_random_hex(fresh, 32);
	if (store_secret(db, "activation", fresh, hex, dbe) != 0)
		return -1;
	if (sodium_hex2bin(key, 32, hex, strlen(hex), NULL, &n, NULL) != 0 || n != 32) {
		dbe->kind = DB_ERR_OTHER;
		snprintf(dbe->msg, sizeof dbe->msg, "bad activation key");
		return -1;
	}
	return 0;
}

/* The keyed hash of a code as typed: case and separators do not count. */
static void code_hash(const unsigned char key[32], const char *code, char out[65])
{
	char norm[64];
	unsigned char h[32];
	size_t k = 0;

	for (; *code && k + 1 < sizeof norm; code++)
		if (isalnum((unsigned char)*code))
			norm[k++] = (char)tolower((unsigned char)*code);
	norm[k] = '\0';
	crypto_generichash(h, sizeof h, (const unsigned char *)norm, k, key, 32);
	sodium_bin2hex(out, 65, h, sizeof h);
}

int app_account_code(struct db *db, int64_t user_id, int days, char *code, int64_t *expires,
		     struct db_err *dbe)
{
	unsigned char key[32];
	char hash[65];
	int rc;

	if (code_key(db, key, dbe) != 0)
		return -1;
	randtext(code, CODE_CHARS, 4); /* xxxx-xxxx-xxxx */
	code_hash(key, code, hash);
	sodium_memzero(key, sizeof key);
	*expires = time_now() + (int64_t)days * 86400;
	rc = store_user_set_code(db, user_id, hash, *expires, dbe);
	return rc;
}

static json_t *instant(const struct app *a, int64_t t)
{
	char buf[40];

	time_rfc3339(t, a->policy.utc_offset_minutes, buf, sizeof buf);
	return json_string(buf);
}

/* ---- provisioning ---- */

struct prov_ctx {
	struct app *a;
	const struct actor *who;
	const struct provision_in *in;
	int parent;
	char school[256];
	long created, existing, reissued;
	json_t *items;
};

/* A user name for a new account into name (64 bytes): the 工号 in lower
 * case, or the parent's phone; taken elsewhere (another district), then -2,
 * -3, … */
static int insert_named(struct db *db, struct store_pending *p, const char *base, char *name,
			int64_t *id, struct db_err *dbe)
{
	int rc = 1;

	for (int k = 1; rc == 1 && k < 50; k++) {
		size_t n = 0;

		for (; base[n] && n < 40; n++)
			name[n] = (char)tolower((unsigned char)base[n]);
		name[n] = '\0';
		if (k > 1)
			snprintf(name + n, 64 - n, "-%d", k);
		p->username = name;
		rc = store_user_insert_pending(db, p, id, dbe);
	}
	return rc == 0 ? 0 : -1;
}

/* One person of the list: a new account (or a new code), and the slip. */
static int provision_one(struct db *db, struct prov_ctx *c, const struct db_res *r, int i,
			 const unsigned char key[32], int64_t expires, struct db_err *dbe)
{
	const struct provision_in *in = c->in;
	char code[CODE_CHARS + 3], hash[65], made[64];
	int64_t uid = db_res_int(r, i, 4);
	const char *username = db_res_text(r, i, 5);
	struct store_pending p = { .district_id = c->who->district_id,
				   .school_id = c->parent ? 0 : in->school_id,
				   .display_name = db_res_text(r, i, 2),
				   .role = c->parent ? "parent" : "teacher",
				   .phone = c->parent ? db_res_text(r, i, 1) : "", .expires = expires,
				   .now = time_now() };

	if (!in->dry_run) {
		randtext(code, CODE_CHARS, 4); /* xxxx-xxxx-xxxx */
		code_hash(key, code, hash);
		p.code_hash = hash;
		if (in->reissue ? store_user_set_code(db, uid, hash, expires, dbe)
				: insert_named(db, &p, db_res_text(r, i, 1), made, &uid, dbe))
			return -1;
		if (!in->reissue && (c->parent ? store_guardian_set_user(db, db_res_int(r, i, 0), uid, dbe)
					       : store_staff_set_user(db, db_res_int(r, i, 0), uid, dbe)))
			return -1;
		if (!in->reissue)
			username = made;
	}
	return json_array_append_new(
		c->items,
		json_pack("{s:o,s:s,s:s,s:s,s:s,s:o,s:o}", "user_id",
			  uid ? json_integer(uid) : json_null(), "username",
			  *username ? username : db_res_text(r, i, 1), "name", db_res_text(r, i, 2),
			  "school", c->school, "class", db_res_text(r, i, 3), "code",
			  in->dry_run ? json_null() : json_string(code), "expires_at",
			  in->dry_run ? json_null() : instant(c->a, expires)));
}

static int people(struct db *db, struct prov_ctx *c, int which, struct db_res **r,
		  struct db_err *dbe)
{
	const struct provision_in *in = c->in;
	int64_t d = c->who->district_id;

	return c->parent ? store_provision_guardians(db, d, in->school_id, (int)in->grade,
						     in->class_id, which, r, dbe)
			 : store_provision_staff(db, d, in->school_id, (int)in->grade, in->class_id,
						 which, r, dbe);
}

static int provision_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct prov_ctx *c = vctx;
	const struct provision_in *in = c->in;
	struct db_res *r = NULL, *any = NULL;
	unsigned char key[32];
	int64_t expires = time_now() + (int64_t)c->a->cfg.activation_days * 86400;
	char obj[48];
	json_t *d;
	int rc = -1, n;

	json_decref(c->items); /* a retried transaction starts its list again */
	c->items = json_array();
	c->created = c->reissued = 0;
	if (code_key(db, key, dbe) != 0 || people(db, c, in->reissue ? PROV_PENDING : PROV_NEW, &r, dbe) ||
	    people(db, c, PROV_ANY, &any, dbe))
		goto out;
	n = db_res_rows(r);
	c->existing = db_res_rows(any);
	if (n > 2000 && !in->dry_run && store_bulk_begin(db, dbe) != 0)
		goto out;
	for (int i = 0; i < n; i++)
		if (provision_one(db, c, r, i, key, expires, dbe) != 0) {
			store_bulk_end(db, &(struct db_err){ 0 });
			goto out;
		}
	if (n > 2000 && !in->dry_run && store_bulk_end(db, dbe) != 0)
		goto out;
	if (in->reissue)
		c->reissued = n;
	else
		c->created = n;
	rc = 0;
	if (in->dry_run)
		goto out;
	snprintf(obj, sizeof obj, "school:%lld", (long long)in->school_id);
	d = json_pack("{s:s,s:I,s:I,s:I,s:I,s:I}", "role", in->role, "grade", (json_int_t)in->grade,
		      "class_id", (json_int_t)in->class_id, "created", (json_int_t)c->created,
		      "reissued", (json_int_t)c->reissued, "existing", (json_int_t)c->existing);
	rc = app_audit(db, c->who, "accounts.provision", obj, "ok", d, dbe);
	json_decref(d);
out:
	sodium_memzero(key, sizeof key);
	db_res_free(r);
	db_res_free(any);
	(void)e;
	return rc;
}

/* The school is the actor's to provision; its name for the slips. */
static int provision_scope(struct app *a, const struct actor *who, struct prov_ctx *c,
			   struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *dir = NULL;
	int64_t at = 0;
	int rc, found = 0;
	struct db *db;

	if (!app_manages_school(who, c->in->school_id))
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_school_directory(db, who->district_id, &dir, &dbe);
	for (int i = 0; rc == 0 && i < db_res_rows(dir); i++)
		if (db_res_int(dir, i, 0) == c->in->school_id) {
			snprintf(c->school, sizeof c->school, "%s", db_res_text(dir, i, 2));
			found = 1;
		}
	if (rc == 0 && found && c->in->class_id)
		rc = store_transfer_class(db, who->district_id, c->in->class_id, &at, &dbe);
	db_res_free(dir);
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (!found)
		return app_fail(e, 404, "NOT_FOUND", "没有找到这所学校，或不在您的权限范围内");
	if (c->in->class_id && (rc == 1 || at != c->in->school_id))
		return app_field_fail(e, 422, "FIELD_INVALID", "class_id", "这个班级不属于所选学校");
	return 0;
}

int app_provision(struct app *a, const struct actor *who, const struct provision_in *in,
		  json_t **out, struct app_err *e)
{
	struct prov_ctx c = { .a = a, .who = who, .in = in };

	if (!in->role || (strcmp(in->role, "teacher") && strcmp(in->role, "parent")))
		return app_field_fail(e, 422, "FIELD_INVALID", "role", "role 应为 teacher（教职工）或 parent（家长）");
	if (in->grade < 0 || in->grade > POLICY_MAX_GRADE)
		return app_field_fail(e, 422, "FIELD_INVALID", "grade", "年级应为 1 到 9");
	c.parent = !strcmp(in->role, "parent");
	if (provision_scope(a, who, &c, e) != 0)
		return -1;
	if (app_tx(a, provision_tx, &c, e) != 0) {
		json_decref(c.items);
		return -1;
	}
	*out = json_pack("{s:I,s:I,s:I,s:b,s:o}", "created", (json_int_t)c.created, "existing",
			 (json_int_t)c.existing, "reissued", (json_int_t)c.reissued, "dry_run",
			 in->dry_run, "items", c.items);
	return 0;
}

int app_provision_table(const json_t *answer, const char *url, struct table *t)
{
	json_t *items = json_object_get(answer, "items"), *it;
	size_t i;

	memset(t, 0, sizeof *t);
	json_array_foreach(items, i, it) {
		const char *f[4] = { "school", "class", "name", "username" };
		const char *cells[7];
		char until[16];
		const char *exp = json_string_value(json_object_get(it, "expires_at"));

		for (int k = 0; k < 4; k++)
			cells[k] = json_string_value(json_object_get(it, f[k]));
		snprintf(until, sizeof until, "%.10s", exp ? exp : "");
		cells[4] = json_string_value(json_object_get(it, "code"));
		cells[4] = cells[4] ? cells[4] : "（试运行，未生成）";
		cells[5] = url;
		cells[6] = until;
		if (table_add_row(t, (int)i + 2, cells, 7) != 0) {
			table_free(t);
			return -1;
		}
	}
	return 0;
}

/* ---- activation ---- */

struct activate_ctx {
	struct app *a;
	const char *login, *code, *password;
	struct actor *who;
	char *token_out;
	char hash[65];                          /* the code's keyed hash */
	char pwhash[crypto_pwhash_STRBYTES];    /* made before the transaction */
	int64_t locked_until;
	int outcome; /* 0 activated, 1 failed, 2 locked, 3 weak password */
	char weak[160];
};

/* The account a login and code name: its row, or -1 when none fits. */
static int matching(const struct db_res *r, const char *hash, int64_t now)
{
	for (int i = 0; i < db_res_rows(r); i++)
		if (*db_res_text(r, i, 1) && db_res_int(r, i, 2) > now && !db_res_int(r, i, 3) &&
		    sodium_memcmp(db_res_text(r, i, 1), hash, 64) == 0)
			return i;
	return -1;
}

/* Before the transaction: does the code fit, and if so the password's
 * argon2id hash (tens of milliseconds: never inside the write lock). */
static int activate_check(struct activate_ctx *c, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	unsigned char key[32];
	char hex[65] = "";
	struct store_signin_name name = { 0 };
	struct db *db = app_db_get(c->a, e);
	int rc, i;

	if (!db)
		return -1;
	rc = store_secret_get(db, "activation", hex, &dbe);
	if (rc == 0)
		rc = store_activation_users(db, c->login, &r, &dbe);
	if (rc == 0)
		rc = store_signin_name_get(db, c->login, &name, &dbe) < 0 ? -1 : 0;
	app_db_put(c->a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, c->who->request_id);
	if (*hex && sodium_hex2bin(key, 32, hex, 64, NULL, NULL, NULL) == 0) {
		code_hash(key, c->code, c->hash);
		sodium_memzero(key, sizeof key);
	}
	/* a locked login checks nothing: the answer will be 429 */
	i = name.locked_until > time_now() ? -1 : matching(r, c->hash, time_now());
	if (i >= 0) {
		const char *weak = password_check(c->password, db_res_text(r, i, 6));

		if (weak) {
			c->outcome = 3;
			snprintf(c->weak, sizeof c->weak, "%s", weak);
		} else if (app_hash_password(c->password, c->pwhash, sizeof c->pwhash) != 0) {
			db_res_free(r);
			return app_fail(e, 500, "INTERNAL", "密码处理失败");
		}
	}
	db_res_free(r);
	return 0;
}

/* In the transaction: the same check on the rows as they are now, then the
 * activation, or the failure counted. */
static int activate_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct activate_ctx *c = vctx;
	struct store_signin_name name;
	struct db_res *r = NULL;
	struct store_user u;
	char object[48], session[65];
	int64_t now = time_now();
	int i, rc = -1;

	(void)e;
	c->outcome = 0;
	/* the login's failures, shared with sign-in and held by this
	 * transaction: real and unknown logins count and lock alike */
	if (store_signin_name_hold(db, c->login, now, &name, dbe) != 0 ||
	    store_activation_users(db, c->login, &r, dbe) != 0)
		goto out;
	c->locked_until = name.locked_until > now ? name.locked_until : 0;
	i = c->locked_until ? -1 : matching(r, c->hash, now);
	if (i < 0 || !c->pwhash[0]) {
		c->outcome = c->locked_until ? 2 : 1;
		if (c->outcome == 1 &&
		    app_name_failure(c->a, db, c->login, &name, now, &c->locked_until, dbe) != 0)
			goto out;
		snprintf(c->who->username, sizeof c->who->username, "%.60s", c->login);
		rc = app_audit(db, c->who, "account.activate", "user/?",
			       c->outcome == 2 ? "locked" : "failed", NULL, dbe);
		goto out;
	}
	if (store_user_by_id(db, db_res_int(r, i, 0), &u, dbe) != 0 ||
	    store_user_activate(db, u.id, c->pwhash, dbe) != 0 ||
	    store_signin_name_clear(db, c->login, dbe) != 0)
		goto out;
	app_actor_from_user(c->who, &u);
	app_random_hex(c->token_out, 32);
	app_random_hex(c->who->csrf, 32);
	app_sha256_hex(c->token_out, session);
	snprintf(c->who->session_hash, sizeof c->who->session_hash, "%s", session);
	snprintf(object, sizeof object, "user/%lld", (long long)u.id);
	if (store_session_insert(db, session, u.id, u.district_id, c->who->csrf, now, dbe) != 0)
		goto out;
	rc = app_audit(db, c->who, "account.activate", object, "ok", NULL, dbe);
out:
	db_res_free(r);
	return rc;
}

int app_activate(struct app *a, const char *login, const char *code, const char *password,
		 const char *ip, const char *request_id, struct actor *who, char token_out[65],
		 struct app_err *e)
{
	struct activate_ctx c = { .a = a, .login = login, .code = code, .password = password,
				  .who = who, .token_out = token_out };
	char rid[sizeof who->request_id], addr[sizeof who->ip];

	snprintf(rid, sizeof rid, "%s", request_id);
	snprintf(addr, sizeof addr, "%s", ip);
	memset(who, 0, sizeof *who);
	memcpy(who->ip, addr, sizeof addr);
	memcpy(who->request_id, rid, sizeof rid);
	token_out[0] = '\0';
	if (activate_check(&c, e) != 0)
		return -1;
	/* a weak password: refused before anything is written, the code stays good */
	if (c.outcome == 3)
		return app_field_fail(e, 422, "PASSWORD_WEAK", "password", c.weak);
	if (app_tx(a, activate_tx, &c, e) != 0)
		return -1;
	if (c.outcome == 2 || (c.outcome == 1 && c.locked_until > time_now())) {
		e->retry_after = (int)(c.locked_until - time_now());
		return app_fail(e, 429, "AUTH_LOCKED", "尝试次数过多，已锁定 %d 分钟，请稍后再试",
				(e->retry_after + 59) / 60);
	}
	if (c.outcome == 1)
		return app_fail(e, 401, "ACTIVATION_FAILED",
				"账号或激活码不正确，或激活码已使用、已过期；请核对后重试，或请学校重新发放");
	return 0;
}

/* ---- one's own account ---- */

struct password_ctx {
	const struct actor *who;
	const char *hash;
};

static int password_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct password_ctx *c = vctx;
	char object[48];

	(void)e;
	snprintf(object, sizeof object, "user/%lld", (long long)c->who->user_id);
	if (store_user_set_password(db, c->who->user_id, c->hash, c->who->session_hash, dbe) != 0)
		return -1;
	return app_audit(db, c->who, "user.password", object, "ok", NULL, dbe);
}

int app_password_change(struct app *a, const struct actor *who, const char *current,
			const char *fresh, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct store_user u;
	char hash[crypto_pwhash_STRBYTES];
	struct password_ctx c = { who, hash };
	const char *weak;
	struct db *db = app_db_get(a, e);
	int rc;

	if (!db)
		return -1;
	rc = store_user_by_id(db, who->user_id, &u, &dbe);
	app_db_put(a, db);
	if (rc != 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (crypto_pwhash_str_verify(u.password_hash, current, strlen(current)) != 0)
		return app_field_fail(e, 422, "PASSWORD_WRONG", "current_password", "当前密码不正确");
	weak = password_check(fresh, u.username);
	if (weak)
		return app_field_fail(e, 422, "PASSWORD_WEAK", "new_password", weak);
	if (!strcmp(current, fresh))
		return app_field_fail(e, 422, "PASSWORD_WEAK", "new_password", "新密码不能与当前密码相同");
	if (app_hash_password(fresh, hash, sizeof hash) != 0)
		return app_fail(e, 500, "INTERNAL", "密码处理失败");
	return app_tx(a, password_tx, &c, e);
}

static int signout_all_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	const struct actor *who = vctx;
	char object[48];

	(void)e;
	snprintf(object, sizeof object, "user/%lld", (long long)who->user_id);
	if (store_sessions_end(db, who->user_id, "", dbe) != 0)
		return -1;
	return app_audit(db, who, "session.delete_all", object, "ok", NULL, dbe);
}

int app_signout_all(struct app *a, const struct actor *who, struct app_err *e)
{
	return app_tx(a, signout_all_tx, (void *)who, e);
}

/* One sign-in row as the list shows it. */
static json_t *signin_json(const struct app *a, const struct db_res *r, int i)
{
	return json_pack("{s:o,s:s,s:s,s:s}", "at", instant(a, db_res_int(r, i, 2)), "result",
			 db_res_text(r, i, 7), "request_id", db_res_text(r, i, 8), "way",
			 !strcmp(db_res_text(r, i, 5), "account.activate") ? "activation" : "password");
}

int app_my_signins(struct app *a, const struct actor *who, json_t **out, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct db_res *r = NULL, *act = NULL;
	struct db *db = app_db_get(a, e);
	json_t *items;
	int rc, i = 0, k = 0;

	if (!db)
		return -1;
	/* sign-ins with a password and with an activation code, newest first */
	rc = store_audit_list(db, who->district_id, "session.create", who->username, 0,
			      INT64_MAX, 0, 20, &r, &dbe);
	if (rc == 0)
		rc = store_audit_list(db, who->district_id, "account.activate", who->username, 0,
				      INT64_MAX, 0, 20, &act, &dbe);
	app_db_put(a, db);
	if (rc != 0) {
		db_res_free(r);
		return app_db_fail(e, &dbe, who->request_id);
	}
	items = json_array();
	while (json_array_size(items) < 20 && (i < db_res_rows(r) || k < db_res_rows(act))) {
		if (k >= db_res_rows(act) ||
		    (i < db_res_rows(r) && db_res_int(r, i, 0) > db_res_int(act, k, 0)))
			json_array_append_new(items, signin_json(a, r, i++));
		else
			json_array_append_new(items, signin_json(a, act, k++));
	}
	db_res_free(r);
	db_res_free(act);
	*out = json_pack("{s:o}", "items", items);
	return 0;
}
