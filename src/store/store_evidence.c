#include "store/store_evidence.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_evidence_encode(const void *data, size_t size, char **b64, char hex[65],
			  struct db_err *err)
{
	size_t cap = sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL);
	unsigned char h[crypto_hash_sha256_BYTES];

	*b64 = malloc(cap);
	if (!*b64) {
		err->kind = DB_ERR_OTHER;
		snprintf(err->msg, sizeof err->msg, "out of memory");
		return -1;
	}
	sodium_bin2base64(*b64, cap, data, size, sodium_base64_VARIANT_ORIGINAL);
	crypto_hash_sha256(h, data, size);
	sodium_bin2hex(hex, 65, h, sizeof h);
	return 0;
}

int store_evidence_add(struct db *db, const struct store_evidence *ev, int64_t *id,
		       struct db_err *err)
{
	char hex[65], *b64;
	struct db_res *r = NULL;
	int rc;

	if (store_evidence_encode(ev->data, ev->size, &b64, hex, err) != 0)
		return -1;
	{
		struct db_val p[10] = {
			DB_INT(ev->district_id), DB_TEXT(ev->owner_kind), DB_INT(ev->owner_id),
			DB_TEXT(ev->file_name), DB_TEXT(ev->mime), DB_INT((int64_t)ev->size),
			DB_TEXT(hex), DB_TEXT(b64),
			ev->uploaded_by ? DB_INT(ev->uploaded_by) : DB_NULLV, DB_INT(ev->uploaded_at)
		};

		rc = db_exec(db, "INSERT INTO evidence (district_id, owner_kind, owner_id, file_name,"
			     " mime, size, sha256, data_b64, uploaded_by, uploaded_at)"
			     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", p, 10, &r, err);
	}
	free(b64);
	if (rc == 0)
		*id = db_res_int(r, 0, 0);
	db_res_free(r);
	return rc;
}

int store_evidence_list(struct db *db, int64_t district_id, const char *owner_kind,
			int64_t owner_id, struct db_res **out, struct db_err *err)
{
	struct db_val p[3] = { DB_INT(district_id), DB_TEXT(owner_kind), DB_INT(owner_id) };

	return db_exec(db, "SELECT id, file_name, mime, size, sha256, uploaded_by, uploaded_at"
		       " FROM evidence WHERE district_id = ? AND owner_kind = ? AND owner_id = ?"
		       " ORDER BY id", p, 3, out, err);
}

int store_evidence_get(struct db *db, int64_t district_id, const char *owner_kind,
		       int64_t owner_id, int64_t id, void **data, size_t *len, char mime[32],
		       struct db_err *err)
{
	struct db_val p[4] = { DB_INT(district_id), DB_TEXT(owner_kind), DB_INT(owner_id),
			       DB_INT(id) };
	struct db_res *r = NULL;
	const char *b64;
	size_t n;
	int rc = 1;

	*data = NULL;
	if (db_exec(db, "SELECT mime, size, data_b64 FROM evidence WHERE district_id = ?"
		    " AND owner_kind = ? AND owner_id = ? AND id = ?", p, 4, &r, err) != 0)
		return -1;
	if (db_res_rows(r)) {
		b64 = db_res_text(r, 0, 2);
		n = (size_t)db_res_int(r, 0, 1);
		snprintf(mime, 32, "%s", db_res_text(r, 0, 0));
		rc = -1;
		if ((*data = malloc(n ? n : 1)) == NULL ||
		    sodium_base642bin(*data, n, b64, strlen(b64), NULL, len, NULL,
				      sodium_base64_VARIANT_ORIGINAL) != 0 || *len != n) {
			free(*data);
			*data = NULL;
			err->kind = DB_ERR_OTHER;
			snprintf(err->msg, sizeof err->msg, "evidence %lld unreadable", (long long)id);
		} else {
			rc = 0;
		}
	}
	db_res_free(r);
	return rc;
}
