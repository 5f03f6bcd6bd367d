/* store_evidence.h - evidence files of visits, case steps and public reports
 * (0010_institutions.sql, table evidence). SQL only: the caller has checked
 * the type (util/filesniff.h), the size and who may add or read. */
#ifndef SJ_STORE_EVIDENCE_H
#define SJ_STORE_EVIDENCE_H

#include "store/db.h"

#include <stddef.h>
#include <stdint.h>

struct store_evidence {
	int64_t district_id;
	const char *owner_kind; /* visit, case, report */
	int64_t owner_id;
	const char *file_name, *mime;
	const void *data;
	size_t size;
	int64_t uploaded_by; /* 0: the public */
	int64_t uploaded_at;
};
/* The stored form of a file's bytes: *b64 (malloc'd, the caller frees it)
 * and the SHA-256 as 64 hex digits in hex. 0, or -1 with err (out of memory).
 * Every evidence table keeps its files this way. */
int store_evidence_encode(const void *data, size_t size, char **b64, char hex[65],
			  struct db_err *err);
/* Store the bytes (base64) with their SHA-256; *id is the new row's. */
int store_evidence_add(struct db *db, const struct store_evidence *ev, int64_t *id,
		       struct db_err *err);

/* Columns of store_evidence_list. */
enum { EVC_ID, EVC_NAME, EVC_MIME, EVC_SIZE, EVC_SHA256, EVC_BY, EVC_AT };
/* An owner's files, oldest first, without their bytes. */
int store_evidence_list(struct db *db, int64_t district_id, const char *owner_kind,
			int64_t owner_id, struct db_res **out, struct db_err *err);
/* One file's bytes (malloc'd, *len) and type, if it belongs to that owner:
 * 0 found, 1 not, -1 error. */
int store_evidence_get(struct db *db, int64_t district_id, const char *owner_kind,
		       int64_t owner_id, int64_t id, void **data, size_t *len, char mime[32],
		       struct db_err *err);

#endif
