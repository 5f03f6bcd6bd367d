/* demo_accounts.c - every teacher's and guardian's account in the demo. */
#include "demo/demo_shared.h"
#include "store/store_demo.h"
#include "store/store_transfer.h"
#include "util/timeutil.h"

#include <stdio.h>

struct acc_ctx {
	struct app *a;
	struct gen *g;
};

#define DEMO_PENDING_EVERY 20 /* one parent in 20 waits for activation */

static int accounts_tx(struct db *db, void *vctx, struct db_err *dbe, struct app_err *e)
{
	struct acc_ctx *c = vctx;
	struct gen *g = c->g;
	struct db_res *r = NULL;
	int64_t d = c->a->district_id, made = 0, expires;
	int rc;

	(void)e;
	/* staff of the schools without homework history have none yet */
	rc = store_school_directory(db, d, &r, dbe);
	for (int i = 0; rc == 0 && i < db_res_rows(r); i++) {
		rc = store_demo_staff_accounts(db, d, db_res_int(r, i, 0), time_now(), g->staff_hash,
					       &made, dbe);
		g->staff_accounts += made;
	}
	db_res_free(r);
	r = NULL;
	if (rc != 0 || store_demo_guardian_accounts(db, d, time_now(), g->parent_hash, &made, dbe) ||
	    store_demo_parents_sample(db, d, DEMO_PENDING_EVERY, &r, dbe))
		return -1;
	g->parent_accounts = made;
	for (int i = 0; rc == 0 && i < db_res_rows(r); i++) {
		char code[24];

		rc = app_account_code(db, db_res_int(r, i, 0), c->a->cfg.activation_days, code,
				      &expires, dbe);
		if (i < 3) {
			snprintf(g->pending_login[i], sizeof g->pending_login[i], "%s",
				 db_res_text(r, i, 1));
			snprintf(g->pending_code[i], sizeof g->pending_code[i], "%s", code);
		}
	}
	g->pending = db_res_rows(r);
	db_res_free(r);
	return rc;
}

int demo_accounts(struct app *a, struct gen *g, struct app_err *e)
{
	struct acc_ctx c = { a, g };

	g->staff_accounts = g->hw_accounts;
	return app_batch(a, accounts_tx, &c, e);
}
