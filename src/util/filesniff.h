/* filesniff.h - what a file is, from its first bytes, never from its name or
 * the type a client claims: evidence uploads (photos, PDF) are checked here. */
#ifndef SJ_FILESNIFF_H
#define SJ_FILESNIFF_H

#include <stddef.h>

/* "image/jpeg", "image/png", "application/pdf", or NULL for anything else
 * (also an empty or truncated file). */
const char *filesniff_evidence(const void *data, size_t len);

#endif
