/* app_batch.h - for loaders above app that write a district's data in bulk
 * (the demo generator, src/demo/): one transaction with the store's bulk
 * settings, the audit row it carries, and the steps such a loader shares
 * with the use cases. The use cases get these through app_internal.h. */
#ifndef SJ_APP_BATCH_H
#define SJ_APP_BATCH_H

#include "app/app.h"

#include <stddef.h>
#include <stdint.h>

/* A transaction's body: returns 0 to commit, -1 (with e filled, or a db
 * error in dbe) to roll back. */
typedef int (*app_tx_fn)(struct db *db, void *ctx, struct db_err *dbe, struct app_err *e);

/* Run fn inside one write transaction with the store's bulk settings
 * (store_bulk_begin/store_bulk_end), retrying as app_tx does: for writing a
 * whole history at once. fn writes its own audit row (app_audit). */
int app_batch(struct app *a, app_tx_fn fn, void *ctx, struct app_err *e);

/* Append an audit row for `who` in the current transaction. details may be
 * NULL (stored as {}); it is not stolen. */
int app_audit(struct db *db, const struct actor *who, const char *action, const char *object,
	      const char *result, json_t *details, struct db_err *dbe);

/* The rows an actor may see (RELIABILITY.md "Access"), for store_org.h reads. */
struct store_scope;
void app_scope_of(const struct actor *who, struct store_scope *s);

/* An actor for command-line use cases ("cli:<what>"). */
void app_cli_actor(struct actor *who, const char *what);

/* A password's argon2id string into out (cap >= crypto_pwhash_STRBYTES):
 * 0, or -1. */
int app_hash_password(const char *pw, char *out, size_t cap);

/* A new one-time activation code for an account (app_accounts.c): the
 * password stops working and every session ends; code (printed form, at
 * least 20 bytes) and its expiry, days from now, come back. */
int app_account_code(struct db *db, int64_t user_id, int days, char *code, int64_t *expires,
		     struct db_err *dbe);

#endif
