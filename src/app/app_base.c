/* app_base.c - what every use case stands on: errors, the connection
 * pool, transactions, the audit row and small parsing helpers. It calls
 * nothing else in app/. */
#include "app/app_internal.h"
#include "util/log.h"
#include "util/timeutil.h"

#include <ctype.h>
#include <errno.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void app_err_clear(struct app_err *e)
{
	json_decref(e->details);
	memset(e, 0, sizeof *e);
}

int app_fail(struct app_err *e, int status, const char *code, const char *fmt, ...)
{
	va_list ap;

	e->status = status;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof e->message, fmt, ap);
	va_end(ap);
	return -1;
}

int app_db_fail(struct app_err *e, const struct db_err *dbe, const char *request_id)
{
	log_error("store error (request %s): kind %d: %s", request_id ? request_id : "-",
		  (int)dbe->kind, dbe->msg);
	switch (dbe->kind) {
	case DB_ERR_UNIQUE:
		return app_fail(e, 409, "CONFLICT", "记录已存在，与现有数据冲突");
	case DB_ERR_BUSY:
	case DB_ERR_RETRY:
		e->retry_after = 1;
		return app_fail(e, 503, "STORE_BUSY", "系统繁忙，请稍后重试");
	case DB_ERR_FULL:
		return app_fail(e, 507, "STORE_FULL", "存储空间不足，数据未保存，请联系管理员");
	case DB_ERR_CONSTRAINT:
		return app_fail(e, 422, "CONSTRAINT", "数据不符合约束，未保存");
	default:
		e->retry_after = 5;
		return app_fail(e, 503, "STORE_UNAVAILABLE", "存储暂时不可用，数据未保存，请稍后重试");
	}
}

struct db *app_db_get(struct app *a, struct app_err *e)
{
	struct db *db = NULL;
	struct db_err dbe = { 0 };

	pthread_mutex_lock(&a->mu);
	while (a->nidle == 0 && a->nopen >= a->cfg.pool_size)
		pthread_cond_wait(&a->cv, &a->mu);
	if (a->nidle > 0) {
		db = a->idle[--a->nidle];
		pthread_mutex_unlock(&a->mu);
		return db;
	}
	a->nopen++;
	pthread_mutex_unlock(&a->mu);
	db = db_open(a->kind, a->target, a->cfg.busy_timeout_ms, a->cfg.sync_normal, &dbe);
	if (!db) {
		pthread_mutex_lock(&a->mu);
		a->nopen--;
		pthread_cond_signal(&a->cv);
		pthread_mutex_unlock(&a->mu);
		app_db_fail(e, &dbe, NULL);
	}
	return db;
}

void app_db_put(struct app *a, struct db *db)
{
	pthread_mutex_lock(&a->mu);
	if (a->nidle < a->cfg.pool_size) {
		a->idle[a->nidle++] = db;
		if (a->nopen < a->nidle)
			a->nopen = a->nidle;
		db = NULL;
	} else {
		a->nopen--;
	}
	pthread_cond_signal(&a->cv);
	pthread_mutex_unlock(&a->mu);
	db_close(db);
}

int app_tx(struct app *a, app_tx_fn fn, void *ctx, struct app_err *e)
{
	struct db *db = app_db_get(a, e);
	int rc = -1;

	if (!db)
		return -1;
	for (int attempt = 0; attempt <= a->cfg.retries; attempt++) {
		struct db_err dbe = { 0 };

		if (db_begin_write(db, &dbe) != 0) {
			if (dbe.kind == DB_ERR_RETRY)
				continue;
			app_db_fail(e, &dbe, NULL);
			break;
		}
		if (fn(db, ctx, &dbe, e) != 0) {
			db_rollback(db);
			if (dbe.kind == DB_ERR_RETRY && attempt < a->cfg.retries) {
				app_err_clear(e);
				continue;
			}
			if (dbe.kind != DB_OK && e->status == 0)
				app_db_fail(e, &dbe, NULL);
			break;
		}
		if (db_commit(db, &dbe) != 0) {
			if (dbe.kind == DB_ERR_RETRY && attempt < a->cfg.retries)
				continue;
			app_db_fail(e, &dbe, NULL);
			break;
		}
		rc = 0;
		break;
	}
	if (rc != 0 && e->status == 0)
		app_fail(e, 503, "STORE_BUSY", "系统繁忙，请稍后重试");
	app_db_put(a, db);
	return rc;
}

int app_health(struct app *a, struct app_err *e)
{
	struct db *db = app_db_get(a, e);
	struct db_err dbe = { 0 };
	int rc;

	if (!db)
		return -1;
	rc = store_ping(db, &dbe);
	app_db_put(a, db);
	return rc == 0 ? 0 : app_db_fail(e, &dbe, NULL);
}

int app_audit(struct db *db, const struct actor *who, const char *action, const char *object,
	      const char *result, json_t *details, struct db_err *dbe)
{
	char *d = details ? json_dumps(details, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	struct audit_fields f = {
		.district_id = who->district_id, .at = time_now(),
		.actor = who->username[0] ? who->username : "-",
		.role = who->role ? role_id(who->role) : "-",
		.action = action, .object = object, .result = result,
		.request_id = who->request_id[0] ? who->request_id : "cli",
		.ip = who->ip[0] ? who->ip : "-", .details = d ? d : "{}"
	};
	int rc = store_audit_append(db, &f, who->user_id, dbe);

	free(d);
	return rc;
}

void app_random_hex(char *out, size_t nbytes)
{
	unsigned char b[64];

	if (nbytes > sizeof b)
		nbytes = sizeof b;
	randombytes_buf(b, nbytes);
	sodium_bin2hex(out, nbytes * 2 + 1, b, nbytes);
}

void app_sha256_hex(const char *s, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	sodium_bin2hex(out, 65, h, sizeof h);
}

int app_hash_password(const char *pw, char *out, size_t cap)
{
	if (cap < crypto_pwhash_STRBYTES)
		return -1;
	return crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

int app_parse_limit(const char *s, int def, int max)
{
	char *end;
	long v;

	if (!s || !*s)
		return def;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 1 || v > max)
		return -1;
	return (int)v;
}

int app_blank(const char *s)
{
	for (; s && *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

int app_parse_cursor(const char *s, int64_t *v)
{
	char *end;

	*v = 0;
	if (!s || !*s)
		return 0;
	errno = 0;
	*v = strtoll(s, &end, 10);
	return (errno || *end || *v < 0) ? -1 : 0;
}

void app_actor_from_user(struct actor *who, const struct store_user *u)
{
	who->user_id = u->id;
	who->district_id = u->district_id;
	who->school_id = u->school_id;
	who->role = role_parse(u->role);
	snprintf(who->username, sizeof who->username, "%s", u->username);
	snprintf(who->display_name, sizeof who->display_name, "%s", u->display_name);
}

json_t *app_user_json(const struct actor *who)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:I,s:o}", "id", (json_int_t)who->user_id,
			 "username", who->username, "display_name", who->display_name,
			 "role", role_id(who->role), "role_name", role_name(who->role),
			 "district_id", (json_int_t)who->district_id, "school_id",
			 who->school_id ? json_integer(who->school_id) : json_null());
}

void app_today(const struct app *a, char out[11])
{
	date_format(date_of(time_now(), a->policy.utc_offset_minutes), out, 11);
}
