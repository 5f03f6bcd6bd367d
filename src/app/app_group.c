/* app_group.c - group commit (MEASURED.md: durable writes faster than one
 * fsync each). One writer thread per process takes every use case waiting,
 * runs each in its own savepoint inside one transaction, commits once, and
 * only then answers all of them. A use case that fails is rolled back to its
 * savepoint and answered with its error; the others commit. If the commit
 * fails, every use case of the group fails (nothing was acknowledged). */
#include "app/app_internal.h"
#include "util/log.h"

#include <stdlib.h>
#include <string.h>

#define GROUP_MAX 512 /* use cases per transaction */

struct gjob {
	app_tx_fn fn;
	void *ctx;
	struct app_err *e;
	int rc, done;
	struct gjob *next;
};

struct app_group {
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	struct gjob *head, *tail;
	pthread_t th;
	int stop;
	struct app *a;
	struct db *db;
};

static void fail_all(struct gjob **jobs, int n, const struct db_err *dbe)
{
	for (int i = 0; i < n; i++) {
		if (jobs[i]->rc == 0 || jobs[i]->e->status == 0) {
			app_err_clear(jobs[i]->e);
			if (dbe && dbe->kind != DB_OK)
				app_db_fail(jobs[i]->e, dbe, NULL);
			else
				app_fail(jobs[i]->e, 503, "STORE_BUSY", "系统繁忙，请稍后重试");
		}
		jobs[i]->rc = -1;
	}
}

/* One attempt at the group. Returns 0 committed, 1 retry the whole group
 * (PostgreSQL serialization failure), -1 failed. */
static int run_once(struct app_group *g, struct gjob **jobs, int n, struct db_err *dbe)
{
	struct db *db = g->db;

	if (db_begin_write(db, dbe) != 0)
		return dbe->kind == DB_ERR_RETRY ? 1 : -1;
	for (int i = 0; i < n; i++) {
		struct db_err je = { 0 };

		app_err_clear(jobs[i]->e);
		if (store_savepoint(db, dbe) != 0)
			goto abort;
		jobs[i]->rc = jobs[i]->fn(db, jobs[i]->ctx, &je, jobs[i]->e);
		if (jobs[i]->rc == 0) {
			if (store_savepoint_release(db, dbe) != 0)
				goto abort;
			continue;
		}
		if (je.kind == DB_ERR_RETRY) {
			*dbe = je;
			db_rollback(db);
			return 1;
		}
		if (store_savepoint_rollback(db, dbe) != 0)
			goto abort;
		if (je.kind != DB_OK && jobs[i]->e->status == 0)
			app_db_fail(jobs[i]->e, &je, NULL);
		if (jobs[i]->e->status == 0)
			app_fail(jobs[i]->e, 503, "STORE_BUSY", "系统繁忙，请稍后重试");
	}
	if (db_commit(db, dbe) == 0)
		return 0;
	return dbe->kind == DB_ERR_RETRY ? 1 : -1;
abort:
	db_rollback(db);
	return dbe->kind == DB_ERR_RETRY ? 1 : -1;
}

static void run_group(struct app_group *g, struct gjob **jobs, int n)
{
	struct app *a = g->a;
	struct db_err dbe = { 0 };
	int rc = -1;

	if (!g->db) {
		g->db = db_open(a->kind, a->target, a->cfg.busy_timeout_ms, a->cfg.sync_normal, &dbe);
		if (!g->db) {
			fail_all(jobs, n, &dbe);
			return;
		}
	}
	for (int attempt = 0; attempt <= a->cfg.retries; attempt++) {
		memset(&dbe, 0, sizeof dbe);
		rc = run_once(g, jobs, n, &dbe);
		if (rc != 1)
			break;
	}
	if (rc != 0) {
		fail_all(jobs, n, dbe.kind != DB_OK ? &dbe : NULL);
		if (dbe.kind == DB_ERR_CONN || dbe.kind == DB_ERR_IO) { /* open a new connection next time */
			db_close(g->db);
			g->db = NULL;
		}
	}
}

static void *writer(void *arg)
{
	struct app_group *g = arg;
	struct gjob *jobs[GROUP_MAX];

	for (;;) {
		int n = 0;

		pthread_mutex_lock(&g->mu);
		while (!g->head && !g->stop)
			pthread_cond_wait(&g->work, &g->mu);
		if (!g->head && g->stop) {
			pthread_mutex_unlock(&g->mu);
			break;
		}
		while (g->head && n < GROUP_MAX) {
			jobs[n++] = g->head;
			g->head = g->head->next;
		}
		if (!g->head)
			g->tail = NULL;
		pthread_mutex_unlock(&g->mu);

		run_group(g, jobs, n);

		pthread_mutex_lock(&g->mu);
		for (int i = 0; i < n; i++)
			jobs[i]->done = 1;
		pthread_cond_broadcast(&g->done);
		pthread_mutex_unlock(&g->mu);
	}
	return NULL;
}

static struct app_group *group_of(struct app *a, struct app_err *e)
{
	struct app_group *g;

	pthread_mutex_lock(&a->mu);
	g = a->group;
	if (!g) {
		g = calloc(1, sizeof *g);
		if (g) {
			pthread_mutex_init(&g->mu, NULL);
			pthread_cond_init(&g->work, NULL);
			pthread_cond_init(&g->done, NULL);
			g->a = a;
			if (pthread_create(&g->th, NULL, writer, g) != 0) {
				free(g);
				g = NULL;
			}
		}
		a->group = g;
	}
	pthread_mutex_unlock(&a->mu);
	if (!g)
		app_fail(e, 503, "STORE_BUSY", "系统繁忙，请稍后重试");
	return g;
}

int app_tx_group(struct app *a, app_tx_fn fn, void *ctx, struct app_err *e)
{
	struct gjob job = { .fn = fn, .ctx = ctx, .e = e, .rc = -1 };
	struct app_group *g = group_of(a, e);

	if (!g)
		return -1;
	pthread_mutex_lock(&g->mu);
	if (g->tail)
		g->tail->next = &job;
	else
		g->head = &job;
	g->tail = &job;
	pthread_cond_signal(&g->work);
	while (!job.done)
		pthread_cond_wait(&g->done, &g->mu);
	pthread_mutex_unlock(&g->mu);
	return job.rc;
}

void app_group_stop(struct app *a)
{
	struct app_group *g = a->group;

	if (!g)
		return;
	pthread_mutex_lock(&g->mu);
	g->stop = 1;
	pthread_cond_signal(&g->work);
	pthread_mutex_unlock(&g->mu);
	pthread_join(g->th, NULL);
	db_close(g->db);
	pthread_mutex_destroy(&g->mu);
	pthread_cond_destroy(&g->work);
	pthread_cond_destroy(&g->done);
	free(g);
	a->group = NULL;
}
