/* notice_cache.h - the public homework notices as last built, keyed by the
 * text of every input of a notice (code, day and the class's change stamp),
 * so a stale entry is simply never asked for again. app_open makes one per
 * app, app_close frees it, app_hw_public_text reads and fills it. Thread-safe;
 * a slot holds the last key that hashed to it. */
#ifndef SJ_NOTICE_CACHE_H
#define SJ_NOTICE_CACHE_H

#include <stddef.h>

struct notice_cache;

/* NULL when out of memory: callers then build every notice afresh. */
struct notice_cache *notice_cache_new(void);
void notice_cache_free(struct notice_cache *c);
/* A malloc'd copy of the body stored under key (its length in *len), or NULL. */
char *notice_cache_get(struct notice_cache *c, const char *key, size_t *len);
/* Store a copy of body under key; out of memory leaves the slot as it was. */
void notice_cache_put(struct notice_cache *c, const char *key, const char *body, size_t len);

#endif
