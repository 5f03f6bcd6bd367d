/* app_auth.c - sign-in, sessions, bearer tokens, lockout (RELIABILITY.md
 * "Accounts and sessions"). */
#include "app/app_internal.h"
#include "util/log.h"
#include "util/timeutil.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* Verified against when the user name is unknown, so that an unknown name
 * costs the same time as a wrong password. Made once, lazily. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
	char pw[33];

	app_random_hex(pw, 16);
	if (app_hash_password(pw, dummy_hash, sizeof dummy_hash) != 0)
		dummy_hash[0] = '\0';
}

struct signin_ctx {
	struct app *a;
	const char *username;
	int found, password_ok;
	struct store_user u;
	struct actor *who;
	char *token_out;
};

/* Record the outcome; re-read the user inside the transaction so that
 * concurrent failures count exactly. */
static int signin_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct signin_ctx *c = vctx;
	struct app *a = c->a;
	struct actor *who = c->who;
	int64_t now = time_now();
	char object[96];
	int rc;

	if (!c->found) {
		who->district_id = 0;
		jf_utf8_copy(who->username, sizeof who->username, c->username);
		if (app_audit(db, who, "session.create", "user/?", "unknown_user", NULL, dbe) != 0)
			return -1;
		return 0; /* committed; the caller answers 401 */
	}
	rc = store_user_by_id(db, c->u.id, &c->u, dbe);
	if (rc != 0)
		return -1;
	app_actor_from_user(who, &c->u);
	snprintf(object, sizeof object, "user/%lld", (long long)c->u.id);
	if (c->u.disabled)
		return app_audit(db, who, "session.create", object, "disabled", NULL, dbe);
	if (c->u.locked_until > now)
		return app_audit(db, who, "session.create", object, "locked", NULL, dbe);
	if (!c->password_ok) {
		int failed = c->u.failed_count + 1;
		int64_t until = 0;
		const char *result = "wrong_password";

		if (failed >= a->cfg.lock_after_failures) {
			until = now + a->cfg.lock_seconds;
			failed = 0;
			result = "wrong_password_locked";
		}
		c->u.locked_until = until;
		if (store_user_set_failures(db, c->u.id, failed, until, dbe) != 0)
			return -1;
		return app_audit(db, who, "session.create", object, result, NULL, dbe);
	}
	if (c->u.failed_count && store_user_set_failures(db, c->u.id, 0, 0, dbe) != 0)
		return -1;
	{
		char hash[65];

		app_random_hex(c->token_out, 32);
		app_random_hex(who->csrf, 32);
		app_sha256_hex(c->token_out, hash);
		snprintf(who->session_hash, sizeof who->session_hash, "%s", hash);
		if (store_session_insert(db, hash, c->u.id, c->u.district_id, who->csrf, now, dbe))
			return -1;
	}
	(void)e;
	return app_audit(db, who, "session.create", object, "ok", NULL, dbe);
}

int app_sign_in(struct app *a, const char *username, const char *password, const char *ip,
		const char *request_id, struct actor *who, char token_out[65], struct app_err *e)
{
	struct signin_ctx c = { .a = a, .username = username, .who = who, .token_out = token_out };
	struct db_err dbe = { 0 };
	struct db *db;
	int rc;
	char rid[sizeof who->request_id], addr[sizeof who->ip];

	/* ip and request_id may point into *who: copy them before clearing it. */
	snprintf(rid, sizeof rid, "%s", request_id);
	snprintf(addr, sizeof addr, "%s", ip);
	memset(who, 0, sizeof *who);
	memcpy(who->ip, addr, sizeof addr);
	memcpy(who->request_id, rid, sizeof rid);
	request_id = who->request_id;
	token_out[0] = '\0';
	pthread_once(&dummy_once, make_dummy);

	/* Look up and verify outside the write transaction: hashing takes tens
	 * of milliseconds and must not hold the write lock. */
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_user_by_name(db, username, &c.u, &dbe);
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, request_id);
	c.found = rc == 0;
	if (c.found && c.u.locked_until <= time_now())
		c.password_ok = crypto_pwhash_str_verify(c.u.password_hash, password,
							 strlen(password)) == 0;
	else if (crypto_pwhash_str_verify(dummy_hash, password, strlen(password)) == 0)
		c.password_ok = 0; /* equal cost for unknown names and locked accounts */

	if (app_tx(a, signin_tx, &c, e) != 0)
		return -1;
	if (c.found && !c.u.disabled && c.u.locked_until > time_now()) {
		/* Locked before or by this attempt: refused even with the right password. */
		e->retry_after = (int)(c.u.locked_until - time_now());
		return app_fail(e, 429, "AUTH_LOCKED", "密码错误次数过多，账号已锁定 %d 分钟，请稍后再试",
				(e->retry_after + 59) / 60);
	}
	if (!c.found || !c.password_ok || c.u.disabled)
		return app_fail(e, 401, "AUTH_FAILED", "用户名或密码错误");
	return 0;
}

/* A disabled user's session or token no longer signs anyone in. */
static int accept_user(struct actor *who, const struct store_user *u)
{
	if (u->disabled)
		return 1;
	app_actor_from_user(who, u);
	return 0;
}

int app_session_auth(struct app *a, const char *token, struct actor *who, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct store_user u;
	struct db *db;
	int64_t last = 0, now = time_now();
	char hash[65];
	int rc;

	if (strlen(token) != 64)
		return 1;
	app_sha256_hex(token, hash);
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_session_user(db, hash, &u, who->csrf, sizeof who->csrf, &last, &dbe);
	if (rc == 0 && now - last > a->cfg.session_idle_s) {
		store_session_revoke(db, hash, &dbe); /* idle timeout */
		rc = 1;
	} else if (rc == 0 && now - last > 60) {
		/* Touch at most once a minute: a read must not become a write. */
		if (store_session_touch(db, hash, now, &dbe) != 0)
			log_warn("session touch failed: %s", dbe.msg);
	}
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 0)
		rc = accept_user(who, &u);
	if (rc == 0)
		snprintf(who->session_hash, sizeof who->session_hash, "%s", hash);
	return rc;
}

int app_bearer_auth(struct app *a, const char *token, struct actor *who, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct store_user u;
	struct db *db;
	char hash[65];
	int rc;

	if (strlen(token) < 20 || strlen(token) > 100)
		return 1;
	app_sha256_hex(token, hash);
	db = app_db_get(a, e);
	if (!db)
		return -1;
	rc = store_token_user(db, hash, &u, &dbe);
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, who->request_id);
	if (rc == 0)
		rc = accept_user(who, &u);
	who->via_token = rc == 0;
	return rc;
}

static int signout_tx(struct db *db, void *ctx, struct db_err *dbe, struct app_err *e)
{
	const struct actor *who = ctx;
	char object[96];

	(void)e;
	snprintf(object, sizeof object, "user/%lld", (long long)who->user_id);
	if (store_session_revoke(db, who->session_hash, dbe) != 0)
		return -1;
	return app_audit(db, who, "session.delete", object, "ok", NULL, dbe);
}

int app_sign_out(struct app *a, const struct actor *who, struct app_err *e)
{
	if (!who->session_hash[0])
		return app_fail(e, 400, "NO_SESSION", "当前使用的是令牌，没有可退出的会话");
	return app_tx(a, signout_tx, (void *)who, e);
}

struct refusal_ctx {
	const struct actor *who;
	const char *action, *reason;
};

static int refusal_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct refusal_ctx *c = vctx;

	(void)e;
	return app_audit(db, c->who, c->action, "-", c->reason, NULL, dbe);
}

void app_audit_refusal(struct app *a, const struct actor *who, const char *action,
		       const char *reason)
{
	struct refusal_ctx c = { who, action, reason };
	struct app_err e = { 0 };

	if (app_tx(a, refusal_tx, &c, &e) != 0)
		log_warn("audit of refusal %s/%s failed: %s", action, reason, e.message);
	app_err_clear(&e);
}
