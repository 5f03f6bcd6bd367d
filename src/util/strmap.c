#include "util/strmap.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

void strmap_init(struct strmap *m)
{
	memset(m, 0, sizeof *m);
}

/* Probe for key: a stored hash is compared first, so a mismatch costs no
 * visit to the key's memory (the map is memory-bound at millions of keys). */
static size_t slot(const struct strmap *m, const char *key, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	while (m->keys[i] && (m->hashes[i] != h || strcmp(m->keys[i], key) != 0))
		i = (i + 1) & (m->cap - 1);
	return i;
}

static int grow(struct strmap *m)
{
	struct strmap big = { .cap = m->cap ? m->cap * 2 : 64 };

	big.keys = calloc(big.cap, sizeof *big.keys);
	big.vals = calloc(big.cap, sizeof *big.vals);
	big.hashes = calloc(big.cap, sizeof *big.hashes);
	if (!big.keys || !big.vals || !big.hashes) {
		free(big.keys);
		free(big.vals);
		free(big.hashes);
		return -1;
	}
	for (size_t i = 0; i < m->cap; i++) {
		if (m->keys[i]) {
			size_t j = slot(&big, m->keys[i], m->hashes[i]);

			big.keys[j] = m->keys[i];
			big.vals[j] = m->vals[i];
			big.hashes[j] = m->hashes[i];
		}
	}
	big.n = m->n;
	free(m->keys);
	free(m->vals);
	free(m->hashes);
	*m = big;
	return 0;
}

int strmap_put(struct strmap *m, const char *key, int64_t val)
{
	uint64_t h = hash(key);
	size_t i;

	if ((m->n + 1) * 2 > m->cap && grow(m) != 0)
		return -1;
	i = slot(m, key, h);
	if (!m->keys[i]) {
		m->keys[i] = strdup(key);
		if (!m->keys[i])
			return -1;
		m->hashes[i] = h;
		m->n++;
	}
	m->vals[i] = val;
	return 0;
}

int strmap_get(const struct strmap *m, const char *key, int64_t *val)
{
	size_t i;

	if (!m->cap)
		return 0;
	i = slot(m, key, hash(key));
	if (!m->keys[i])
		return 0;
	if (val)
		*val = m->vals[i];
	return 1;
}

void strmap_free(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	free(m->hashes);
	memset(m, 0, sizeof *m);
}
