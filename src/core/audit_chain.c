#include "core/audit_chain.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* Each field as "<length>:<bytes>", so no content can shift a boundary. */
static void put(crypto_hash_sha256_state *st, const char *s)
{
	char len[24];
	size_t n = s ? strlen(s) : 0;
	int k = snprintf(len, sizeof len, "%zu:", n);

	crypto_hash_sha256_update(st, (const unsigned char *)len, (size_t)k);
	if (n)
		crypto_hash_sha256_update(st, (const unsigned char *)s, n);
}

void audit_chain_hash(const char *prev_hex, const struct audit_fields *f, char out[AUDIT_HASH_HEX])
{
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES];
	char num[64];

	crypto_hash_sha256_init(&st);
	put(&st, prev_hex);
	snprintf(num, sizeof num, "%lld:%lld:%lld", (long long)f->district_id,
		 (long long)f->seq, (long long)f->at);
	put(&st, num);
	put(&st, f->actor);
	put(&st, f->role);
	put(&st, f->action);
	put(&st, f->object);
	put(&st, f->result);
	put(&st, f->request_id);
	put(&st, f->ip);
	put(&st, f->details);
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(out, AUDIT_HASH_HEX, h, sizeof h);
}
