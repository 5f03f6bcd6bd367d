#include "util/randtext.h"

#include <sodium.h>

void randtext(char *out, size_t n, size_t group)
{
	static const char abc[] = "23456789abcdefghjkmnpqrstuvwxyz";
	size_t k = 0;

	if (n > 64)
		n = 64;
	for (size_t i = 0; i < n; i++) {
		if (group && i && i % group == 0)
			out[k++] = '-';
		out[k++] = abc[randombytes_uniform(sizeof abc - 1)]; /* no modulo bias */
	}
	out[k] = '\0';
}
