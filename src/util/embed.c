#include "util/embed.h"

#include <string.h>

const struct embed_file *embed_find(const struct embed_file *t, const char *name)
{
	for (; t->name; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}
