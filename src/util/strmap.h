/* strmap.h - string -> int64 hash map (open addressing). Keys are copied and
 * owned by the map. Used to match import codes to ids without a query per
 * row. */
#ifndef SJ_STRMAP_H
#define SJ_STRMAP_H
#include <stddef.h>
#include <stdint.h>

struct strmap {
	char **keys;
	int64_t *vals;
	uint64_t *hashes;
	size_t cap, n;
};

void strmap_init(struct strmap *m);
/* Insert or replace. 0, or -1 when out of memory. */
int strmap_put(struct strmap *m, const char *key, int64_t val);
/* 1 and *val when found, else 0. val may be NULL. */
int strmap_get(const struct strmap *m, const char *key, int64_t *val);
void strmap_free(struct strmap *m);

#endif
