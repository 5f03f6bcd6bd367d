/* audit_chain.h - the hash that links audit rows (RELIABILITY.md "Audit").
 * hash(n) = SHA-256(prev_hash | seq | at | actor | role | action | object |
 * result | request_id | ip | details), each field written as "<length>:<bytes>"
 * so that no content can move a boundary between fields. Editing any
 * stored field, or removing a row, breaks the chain from that row on. */
#ifndef SJ_AUDIT_CHAIN_H
#define SJ_AUDIT_CHAIN_H
#include <stdint.h>

struct audit_fields {
	int64_t district_id, seq, at;
	const char *actor, *role, *action, *object, *result, *request_id, *ip, *details;
};

#define AUDIT_HASH_HEX 65
#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* out receives 64 hex characters and a NUL. */
void audit_chain_hash(const char *prev_hex, const struct audit_fields *f, char out[AUDIT_HASH_HEX]);

#endif
