/* app.c - an app's life: open the store (migrating it), load the policy
 * pack, start the parts it owns (the group-commit writer on first use, the
 * public-notice cache); close stops and frees them. */
#include "app/app_internal.h"
#include "app/notice_cache.h"
#include "util/embed.h"
#include "util/log.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void app_config_defaults(struct app_config *c)
{
	c->busy_timeout_ms = 5000;
	c->sync_normal = 0;
	c->pool_size = 16;
	c->session_idle_s = 1800;
	c->lock_after_failures = 5;
	c->lock_seconds = 900;
	c->activation_days = 14;
	c->retries = 5;
}

static int load_policy(struct app *a, const char *path, char *msg, size_t cap)
{
	const struct embed_file *f;

	if (path) {
		snprintf(a->policy_name, sizeof a->policy_name, "%s", path);
		return policy_load_file(path, &a->policy, msg, cap);
	}
	f = embed_find(embed_policy, "xinrong-2021.json");
	if (!f) {
		snprintf(msg, cap, "内置政策包缺失");
		return -1;
	}
	snprintf(a->policy_name, sizeof a->policy_name, "(内置) policy/%s", f->name);
	return policy_parse((const char *)f->data, f->len, "policy/xinrong-2021.json", &a->policy,
			    msg, cap);
}

int app_open(struct app *a, enum db_kind kind, const char *target, const char *policy_path,
	     const struct app_config *cfg, char *msg, size_t cap)
{
	struct db_err dbe = { 0 };
	struct db *db;
	struct db_res *r = NULL;
	int applied = 0;

	memset(a, 0, sizeof *a);
	if (sodium_init() < 0) {
		snprintf(msg, cap, "libsodium 初始化失败");
		return -1;
	}
	a->kind = kind;
	snprintf(a->target, sizeof a->target, "%s", target);
	a->cfg = *cfg;
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->cv, NULL);
	a->idle = calloc((size_t)a->cfg.pool_size, sizeof *a->idle);
	a->notices = notice_cache_new(); /* NULL: every notice is built afresh */
	if (!a->idle || load_policy(a, policy_path, msg, cap) != 0)
		return -1;
	db = db_open(kind, target, cfg->busy_timeout_ms, cfg->sync_normal, &dbe);
	if (!db) {
		snprintf(msg, cap, "无法打开数据库 %s：%s", kind == DB_SQLITE ? target : "(PostgreSQL)",
			 dbe.msg);
		return -1;
	}
	if (store_migrate(db, &applied, &dbe) != 0) {
		snprintf(msg, cap, "数据库迁移失败：%s", dbe.msg);
		db_close(db);
		return -1;
	}
	if (applied)
		log_info("store: applied %d migration(s)", applied);
	if (db_exec(db, "SELECT COALESCE(MIN(id), 0) FROM district", NULL, 0, &r, &dbe) == 0)
		a->district_id = db_res_int(r, 0, 0);
	db_res_free(r);
	app_db_put(a, db);
	return 0;
}

void app_close(struct app *a)
{
	app_group_stop(a);
	notice_cache_free(a->notices);
	a->notices = NULL;
	for (int i = 0; i < a->nidle; i++)
		db_close(a->idle[i]);
	free(a->idle);
	a->idle = NULL;
	a->nidle = a->nopen = 0;
	policy_free(&a->policy);
	pthread_mutex_destroy(&a->mu);
	pthread_cond_destroy(&a->cv);
}

const char *const app_records_kept[] = { "homework", "reported_time", "grading", "followup",
					 "as_plan", "as_applications", "exam", "vision_screening",
					 "pe", "survey",
					 /* the kinds the computed items of supervision read */
					 "as_sessions", "as_staff", "as_safety", "checkin",
					 "ethics", NULL };

json_t *app_policy_json(const struct app *a)
{
	json_t *o = json_copy(a->policy.raw), *kept = json_array();

	for (int i = 0; kept && app_records_kept[i]; i++)
		json_array_append_new(kept, json_string(app_records_kept[i]));
	if (!o || json_object_set_new(o, "records_kept", kept) != 0) {
		if (!o)
			json_decref(kept);
		json_decref(o);
		return NULL;
	}
	return o;
}
