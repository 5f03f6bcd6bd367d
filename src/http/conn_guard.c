/* conn_guard.c - connection shares per address and the request-head deadline. */
#include "http/conn_guard.h"

#include <stdlib.h>
#include <string.h>

void guard_limits_defaults(struct guard_limits *l, int max_conns)
{
	memset(l, 0, sizeof *l);
	l->max_conns = max_conns;
	l->per_ip = max_conns < 200 ? max_conns : 200;
	l->nearly_full = max_conns - max_conns / 4;
	l->share = max_conns / 16 > 0 ? max_conns / 16 : 1;
	l->head_timeout_ms = 5000;
}

int guard_admits(const struct guard_limits *l, int total, int held, int trusted)
{
	if (total >= l->max_conns)
		return 0;
	if (trusted)
		return 1; /* the proxy enforces its own per-client limits */
	if (held >= l->per_ip)
		return 0;
	/* Nearly full: the rest is kept for addresses holding little. */
	return total < l->nearly_full || held < l->share;
}

static unsigned bucket_of(uint32_t addr)
{
	return (unsigned)((addr * 2654435761u) >> 22) % GUARD_BUCKETS;
}

static struct guard_count **find_count(struct conn_guard *g, uint32_t addr)
{
	struct guard_count **p = &g->bucket[bucket_of(addr)];

	while (*p && (*p)->addr != addr)
		p = &(*p)->next;
	return p;
}

void guard_init(struct conn_guard *g, const struct guard_limits *l)
{
	memset(g, 0, sizeof *g);
	g->lim = *l;
	pthread_mutex_init(&g->mu, NULL);
}

void guard_free(struct conn_guard *g)
{
	for (int i = 0; i < GUARD_BUCKETS; i++)
		while (g->bucket[i]) {
			struct guard_count *n = g->bucket[i]->next;

			free(g->bucket[i]);
			g->bucket[i] = n;
		}
	while (g->live) {
		struct guard_conn *n = g->live->next;

		free(g->live);
		g->live = n;
	}
	g->total = 0;
	pthread_mutex_destroy(&g->mu);
}

int guard_is_trusted(const struct guard_limits *l, uint32_t addr)
{
	for (int i = 0; i < l->ntrusted; i++)
		if (l->trusted[i] == addr)
			return 1;
	return 0;
}

int guard_held(struct conn_guard *g, uint32_t addr)
{
	struct guard_count *c;
	int n;

	pthread_mutex_lock(&g->mu);
	c = *find_count(g, addr);
	n = c ? c->n : 0;
	pthread_mutex_unlock(&g->mu);
	return n;
}

int guard_accept(struct conn_guard *g, uint32_t addr)
{
	struct guard_count *c;
	int ok;

	pthread_mutex_lock(&g->mu);
	c = *find_count(g, addr);
	ok = guard_admits(&g->lim, g->total, c ? c->n : 0, guard_is_trusted(&g->lim, addr));
	pthread_mutex_unlock(&g->mu);
	if (!ok)
		atomic_fetch_add(&g->refused, 1);
	return ok;
}

struct guard_conn *guard_open(struct conn_guard *g, int fd, uint32_t addr, int64_t now_ms)
{
	struct guard_conn *c = calloc(1, sizeof *c);
	struct guard_count **p;

	if (!c)
		return NULL;
	c->fd = fd;
	c->addr = addr;
	c->trusted = guard_is_trusted(&g->lim, addr);
	atomic_store(&c->head_deadline_ms, c->trusted ? 0 : now_ms + g->lim.head_timeout_ms);
	pthread_mutex_lock(&g->mu);
	p = find_count(g, addr);
	if (!*p)
		*p = calloc(1, sizeof **p);
	if (!*p) {
		pthread_mutex_unlock(&g->mu);
		free(c);
		return NULL;
	}
	(*p)->addr = addr;
	(*p)->n++;
	c->next = g->live;
	if (g->live)
		g->live->prev = c;
	g->live = c;
	g->total++;
	pthread_mutex_unlock(&g->mu);
	return c;
}

void guard_close(struct conn_guard *g, struct guard_conn *c)
{
	struct guard_count **p, *dead = NULL;

	if (!c)
		return;
	pthread_mutex_lock(&g->mu);
	p = find_count(g, c->addr);
	if (*p && --(*p)->n == 0) {
		dead = *p;
		*p = dead->next;
	}
	if (c->prev)
		c->prev->next = c->next;
	else
		g->live = c->next;
	if (c->next)
		c->next->prev = c->prev;
	g->total--;
	pthread_mutex_unlock(&g->mu);
	free(dead);
	free(c);
}

void guard_head_done(struct guard_conn *c)
{
	if (c)
		atomic_store(&c->head_deadline_ms, 0);
}

void guard_head_next(const struct conn_guard *g, struct guard_conn *c, int64_t now_ms)
{
	if (c && !c->trusted)
		atomic_store(&c->head_deadline_ms, now_ms + g->lim.head_timeout_ms);
}

int guard_reap(struct conn_guard *g, int64_t now_ms, void (*shut)(int fd))
{
	int n = 0;

	/* Under the mutex: guard_close cannot free a record (and its fd be
	 * reused) while it is looked at here. */
	pthread_mutex_lock(&g->mu);
	for (struct guard_conn *c = g->live; c; c = c->next) {
		int64_t d = atomic_load(&c->head_deadline_ms);

		if (d == 0 || d > now_ms)
			continue;
		atomic_store(&c->head_deadline_ms, 0);
		shut(c->fd);
		n++;
	}
	pthread_mutex_unlock(&g->mu);
	if (n)
		atomic_fetch_add(&g->reaped, n);
	return n;
}
