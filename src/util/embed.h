/* embed.h - files compiled into the binary by tools/embed.c. */
#ifndef SJ_EMBED_H
#define SJ_EMBED_H
#include <stddef.h>

struct embed_file {
	const char *name;
	const unsigned char *data; /* NUL-terminated, len excludes the NUL */
	size_t len;
};

extern const struct embed_file embed_web[];        /* web/ */
extern const struct embed_file embed_mig_sqlite[]; /* src/store/migrations/sqlite/ */
extern const struct embed_file embed_mig_pg[];     /* src/store/migrations/pg/ */
extern const struct embed_file embed_policy[];     /* policy/ packs (.json) */
extern const struct embed_file embed_vendor[];     /* browser libraries from Debian packages */

/* The file named `name` in table t, or NULL. */
const struct embed_file *embed_find(const struct embed_file *t, const char *name);

#endif
