/* app_admin.c - the command line's use cases: first administrator and the
 * demo's sign-ins, tokens, online backup, audit verification. */
#include "app/app_internal.h"
#include "util/log.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

void app_cli_actor(struct actor *who, const char *what)
{
	memset(who, 0, sizeof *who);
	snprintf(who->username, sizeof who->username, "%s", what);
	snprintf(who->request_id, sizeof who->request_id, "cli");
	snprintf(who->ip, sizeof who->ip, "local");
}

int app_init_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct init_ctx *c = vctx;
	struct actor who;
	int64_t n = 0, did = 0;
	char object[64];

	app_cli_actor(&who, "cli:init");
	if (store_user_count(db, &n, dbe) != 0)
		return -1;
	if (c->require_empty && n > 0)
		return app_fail(e, 409, "ALREADY_INITIALISED", "数据库里已经有用户，init 只用于新安装");
	if (store_district_ensure(db, "default", c->district_name, time_now(), &did, dbe) != 0)
		return -1;
	c->u.district_id = did;
	who.district_id = did;
	if (store_user_insert(db, &c->u, time_now(), &c->id, dbe) != 0) {
		if (dbe->kind == DB_ERR_UNIQUE)
			return app_fail(e, 409, "USERNAME_TAKEN", "用户名 %s 已被使用", c->u.username);
		return -1;
	}
	snprintf(object, sizeof object, "user/%lld", (long long)c->id);
	return app_audit(db, &who, "user.create", object, "ok", NULL, dbe);
}

int app_init_user(struct app *a, const char *username, const char *display_name,
		  const char *role, const char *password, int64_t school_id, bool first,
		  struct app_err *e)
{
	struct init_ctx c = { .district_name = a->policy.district, .require_empty = first };

	if (app_fill_new_user(&c.u, 0, username, display_name, role, password, e))
		return -1;
	c.u.school_id = school_id;
	if (app_tx(a, app_init_tx, &c, e) != 0)
		return -1;
	a->district_id = c.u.district_id;
	return 0;
}

int app_init_admin(struct app *a, const char *username, const char *display_name,
		   const char *password, struct app_err *e)
{
	return app_init_user(a, username, display_name, "district_admin", password, 0, true, e);
}

struct token_ctx {
	const char *username, *name;
	char *token;
};

static int token_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct token_ctx *c = vctx;
	struct store_user u;
	struct actor who;
	char hash[65], object[64];
	int64_t id;
	json_t *d;
	int rc = store_user_by_name(db, c->username, &u, dbe);

	if (rc < 0)
		return -1;
	if (rc == 1)
		return app_fail(e, 404, "USER_NOT_FOUND", "没有用户 %s", c->username);
	app_cli_actor(&who, "cli:token");
	who.district_id = u.district_id;
	app_random_hex(c->token + 3, 32);
	memcpy(c->token, "sj_", 3);
	app_sha256_hex(c->token, hash);
	if (store_token_insert(db, hash, u.id, u.district_id, c->name, time_now(), &id, dbe) != 0)
		return -1;
	snprintf(object, sizeof object, "token/%lld", (long long)id);
	d = json_pack("{s:s,s:s}", "user", u.username, "name", c->name);
	rc = app_audit(db, &who, "token.create", object, "ok", d, dbe);
	json_decref(d);
	return rc;
}

int app_token_create(struct app *a, const char *username, const char *name, char token_out[80],
		     struct app_err *e)
{
	struct token_ctx c = { username, name, token_out };

	return app_tx(a, token_tx, &c, e);
}

int app_backup(struct app *a, const char *out_path, struct app_err *e)
{
	struct db *db;
	struct db_err dbe = { 0 };
	struct db_val p[1] = { DB_TEXT(out_path) };
	struct db_res *r = NULL;
	int rc;

	if (a->kind != DB_SQLITE)
		return app_fail(e, 400, "NOT_SQLITE",
				"PostgreSQL 请使用 pg_dump 备份；backup 只用于 SQLite 数据库");
	if (access(out_path, F_OK) == 0)
		return app_fail(e, 409, "EXISTS", "目标文件 %s 已存在，不会覆盖", out_path);
	db = app_db_get(a, e);
	if (!db)
		return -1;
	/* VACUUM INTO: one consistent snapshot, safe while the server writes. */
	rc = db_exec(db, "VACUUM INTO ?", p, 1, NULL, &dbe);
	app_db_put(a, db);
	if (rc != 0)
		return app_db_fail(e, &dbe, "cli");
	db = db_open(DB_SQLITE, out_path, a->cfg.busy_timeout_ms, 0, &dbe);
	if (!db)
		return app_db_fail(e, &dbe, "cli");
	rc = db_exec(db, "PRAGMA integrity_check", NULL, 0, &r, &dbe);
	if (rc == 0 && strcmp(db_res_text(r, 0, 0) ? db_res_text(r, 0, 0) : "", "ok") != 0)
		rc = app_fail(e, 500, "BACKUP_CORRUPT", "备份文件完整性检查失败：%s",
			      db_res_text(r, 0, 0));
	else if (rc != 0)
		rc = app_db_fail(e, &dbe, "cli");
	db_res_free(r);
	db_close(db);
	return rc;
}

int app_audit_verify(struct app *a, int64_t *rows, char *msg, size_t cap, struct app_err *e)
{
	struct db *db = app_db_get(a, e);
	struct db_err dbe = { 0 };
	int64_t bad_id = 0, bad_d = 0, bad_seq = 0;
	const char *why = NULL;
	int rc;

	if (!db)
		return -1;
	rc = store_audit_verify(db, rows, &bad_id, &bad_d, &bad_seq, &why, &dbe);
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, "cli");
	if (rc == 1)
		snprintf(msg, cap, "第一处损坏：审计行 id=%lld（区 %lld，链序号 %lld）：%s",
			 (long long)bad_id, (long long)bad_d, (long long)bad_seq, why);
	return rc;
}

int app_cli_admin(struct app *a, const char *name, struct actor *who, struct app_err *e)
{
	struct db_err dbe = { 0 };
	struct store_user u;
	struct db *db = app_db_get(a, e);
	int rc;

	if (!db)
		return -1;
	rc = name ? store_user_by_name(db, name, &u, &dbe) : store_first_admin(db, &u, &dbe);
	app_db_put(a, db);
	if (rc < 0)
		return app_db_fail(e, &dbe, "cli");
	if (rc == 1 || strcmp(u.role, "district_admin") != 0)
		return app_fail(e, 404, "ADMIN_NOT_FOUND", "没有这个区管理员（先运行 shuangjian init）");
	app_cli_actor(who, "cli");
	app_actor_from_user(who, &u);
	snprintf(who->request_id, sizeof who->request_id, "cli");
	return 0;
}
