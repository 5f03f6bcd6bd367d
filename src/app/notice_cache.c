#include "app/notice_cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* One slot per hash of the key: 65536 slots hold a province's classes for a
 * day (make bench reads every class of one day; 4096 slots hit 3%). */
#define NOTICE_SLOTS 65536
#define NOTICE_LOCKS 64

struct notice_slot {
	char *key, *body; /* malloc'd */
	size_t len;
};

struct notice_cache {
	pthread_mutex_t mu[NOTICE_LOCKS];
	struct notice_slot slot[NOTICE_SLOTS];
};

struct notice_cache *notice_cache_new(void)
{
	struct notice_cache *c = calloc(1, sizeof *c);

	for (int i = 0; c && i < NOTICE_LOCKS; i++)
		pthread_mutex_init(&c->mu[i], NULL);
	return c;
}

void notice_cache_free(struct notice_cache *c)
{
	if (!c)
		return;
	for (int i = 0; i < NOTICE_SLOTS; i++) {
		free(c->slot[i].key);
		free(c->slot[i].body);
	}
	for (int i = 0; i < NOTICE_LOCKS; i++)
		pthread_mutex_destroy(&c->mu[i]);
	free(c);
}

static unsigned fnv1a(const char *s)
{
	unsigned h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static char *dup_bytes(const char *p, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, p, n);
		d[n] = 0;
	}
	return d;
}

char *notice_cache_get(struct notice_cache *c, const char *key, size_t *len)
{
	unsigned h = fnv1a(key);
	struct notice_slot *s;
	char *body = NULL;

	if (!c)
		return NULL;
	s = &c->slot[h % NOTICE_SLOTS];
	pthread_mutex_lock(&c->mu[h % NOTICE_LOCKS]);
	if (s->body && !strcmp(s->key, key) && (body = dup_bytes(s->body, s->len)) != NULL)
		*len = s->len;
	pthread_mutex_unlock(&c->mu[h % NOTICE_LOCKS]);
	return body;
}

void notice_cache_put(struct notice_cache *c, const char *key, const char *body, size_t len)
{
	unsigned h = fnv1a(key);
	struct notice_slot *s;
	char *copy, *k;

	if (!c)
		return;
	s = &c->slot[h % NOTICE_SLOTS];
	copy = dup_bytes(body, len);
	k = dup_bytes(key, strlen(key));
	pthread_mutex_lock(&c->mu[h % NOTICE_LOCKS]);
	if (copy && k) {
		free(s->body);
		free(s->key);
		s->body = copy;
		s->key = k;
		s->len = len;
		copy = k = NULL;
	}
	pthread_mutex_unlock(&c->mu[h % NOTICE_LOCKS]);
	free(copy);
	free(k);
}
