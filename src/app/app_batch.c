/* app_batch.c - one bulk transaction for loaders above app (app_batch.h). */
#include "app/app_internal.h"
#include "store/store_org.h"

struct bulk {
	app_tx_fn fn;
	void *ctx;
};

static int bulk_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct bulk *b = vctx;
	int rc;

	if (store_bulk_begin(db, dbe) != 0)
		return -1;
	rc = b->fn(db, b->ctx, dbe, e);
	if (store_bulk_end(db, rc == 0 ? dbe : &(struct db_err){ 0 }) != 0)
		rc = -1;
	return rc;
}

int app_batch(struct app *a, app_tx_fn fn, void *ctx, struct app_err *e)
{
	struct bulk b = { fn, ctx };

	return app_tx(a, bulk_tx, &b, e);
}
