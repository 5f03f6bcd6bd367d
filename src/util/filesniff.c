#include "util/filesniff.h"

#include <string.h>

const char *filesniff_evidence(const void *data, size_t len)
{
	static const unsigned char jpeg[] = { 0xFF, 0xD8, 0xFF };
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	const unsigned char *p = data;

	if (!p)
		return NULL;
	/* a JPEG that ends before its first segment is not a photo */
	if (len > sizeof jpeg + 1 && !memcmp(p, jpeg, sizeof jpeg))
		return "image/jpeg";
	/* the signature, then the IHDR chunk every PNG starts with */
	if (len >= sizeof png + 8 && !memcmp(p, png, sizeof png) && !memcmp(p + 12, "IHDR", 4))
		return "image/png";
	if (len >= 8 && !memcmp(p, "%PDF-", 5) && p[5] >= '1' && p[5] <= '2')
		return "application/pdf";
	return NULL;
}
