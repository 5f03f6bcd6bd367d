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

/* A count of wrong passwords whose last one is older than this is forgotten
 * (and the row of a name without a lock pruned), for every name alike. */
#define SIGNIN_FAILURE_MEMORY_S 86400

struct signin_ctx {
	struct app *a;
	const char *username;
	int found, password_ok;
	struct store_user u;
	struct actor *who;
	char *token_out;
	int64_t locked_until; /* the name's lock after this attempt (0: none) */
};

int app_name_failure(const struct app *a, struct db *db, const char *name,
		     const struct store_signin_name *s, int64_t now, int64_t *locked_until,
		     struct db_err *dbe)
{
	int failed = (now - s->updated_at > SIGNIN_FAILURE_MEMORY_S ? 0 : s->failed_count) + 1;
	int64_t until = 0;

	if (failed >= a->cfg.lock_after_failures) {
		until = now + a->cfg.lock_seconds;
		failed = 0;
	}
	*locked_until = until;
	if (store_signin_name_set(db, name, failed, until, now, dbe) != 0)
		return -1;
	return store_signin_name_prune(db, now - SIGNIN_FAILURE_MEMORY_S, now, dbe);
}

/* A wrong password for a name, real or not: the same count and the same
 * lock, since the answers must not tell whether the name exists. */
static int count_failure(struct db *db, struct signin_ctx *c, const struct store_signin_name *s,
			 int64_t now, const char **result, struct db_err *dbe)
{
	if (app_name_failure(c->a, db, c->username, s, now, &c->locked_until, dbe) != 0)
		return -1;
	if (c->locked_until)
		*result = c->found ? "wrong_password_locked" : "unknown_user_locked";
	return 0;
}

/* Record the outcome; the name's failures are re-read and held inside the
 * transaction so that concurrent failures count exactly. */
static int signin_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct signin_ctx *c = vctx;
	struct actor *who = c->who;
	struct store_signin_name s;
	int64_t now = time_now();
	const char *result;
	char object[96];

	(void)e;
	c->locked_until = 0;
	if (store_signin_name_hold(db, c->username, now, &s, dbe) != 0)
		return -1;
	if (c->found) {
		if (store_user_by_id(db, c->u.id, &c->u, dbe) != 0)
			return -1;
		app_actor_from_user(who, &c->u);
		snprintf(object, sizeof object, "user/%lld", (long long)c->u.id);
	} else {
		who->district_id = 0;
		jf_utf8_copy(who->username, sizeof who->username, c->username);
		snprintf(object, sizeof object, "user/?");
	}
	if (s.locked_until > now) {
		c->locked_until = s.locked_until;
		return app_audit(db, who, "session.create", object, "locked", NULL, dbe);
	}
	if (!c->found || !c->password_ok) {
		result = c->found ? "wrong_password" : "unknown_user";
		if (count_failure(db, c, &s, now, &result, dbe) != 0)
			return -1;
		return app_audit(db, who, "session.create", object, result, NULL, dbe);
	}
	if (c->u.disabled) /* the right password: refused, the count kept */
		return app_audit(db, who, "session.create", object, "disabled", NULL, dbe);
	if (store_signin_name_clear(db, c->username, dbe) != 0)
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
	return app_audit(db, who, "session.create", object, "ok", NULL, dbe);
}

int app_sign_in(struct app *a, const char *username, const char *password, const char *ip,
		const char *request_id, struct actor *who, char token_out[65], struct app_err *e)
{
	struct signin_ctx c = { .a = a, .username = username, .who = who, .token_out = token_out };
	struct db_err dbe = { 0 };
	struct store_signin_name s;
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
	if (rc >= 0 && store_signin_name_get(db, username, &s, &dbe) < 0)
		rc = -1;
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, request_id);
	c.found = rc == 0;
	if (c.found && s.locked_until <= time_now())
		c.password_ok = crypto_pwhash_str_verify(c.u.password_hash, password,
							 strlen(password)) == 0;
	else if (crypto_pwhash_str_verify(dummy_hash, password, strlen(password)) == 0)
		c.password_ok = 0; /* equal cost for unknown names and locked names */

	if (app_tx(a, signin_tx, &c, e) != 0)
		return -1;
	if (c.locked_until > time_now()) {
		/* Locked before or by this attempt, real name or not: refused even
		 * with the right password. */
		e->retry_after = (int)(c.locked_until - time_now());
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
