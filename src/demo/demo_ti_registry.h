/* demo_ti_registry.h - the demo district's off-campus training institutions
 * (issue 13, part A). */
#ifndef SJ_DEMO_TI_REGISTRY_H
#define SJ_DEMO_TI_REGISTRY_H

#include "app/app.h"

/* About 40 institutions of the district in every status and category, with
 * courses (a few above the prepayment cap, TI_PREPAY_CAP) and staff, and
 * the applications behind them; the first, 新荣区青少年体育培训中心, approved
 * and run by the demo sign-in `institution` when it exists. Deterministic:
 * the same store gets the same rows. One transaction, audited
 * institution.demo. 0, or -1 with e filled. */
int demo_ti_registry(struct app *a, struct app_err *e);

/* The same with n institutions (n >= 1; the benchmark's 20,000). */
int demo_ti_registry_n(struct app *a, int n, struct app_err *e);

#endif
