/* demo.h - the demo district (src/demo/): a caller of app above it, like the
 * CLI that runs it. */
#ifndef SJ_DEMO_H
#define SJ_DEMO_H

#include "app/app.h"

/* Build a demo district into an empty store: one sign-in per role (every
 * password is `password`; NULL: a random one per sign-in), an organisation
 * generated from the seed and taken in through app_import, the 2026 term
 * calendar, the homework and after-school history of the school days around
 * today (time_now), and an account for every teacher and guardian. Prints
 * the sign-ins and a summary to stdout, progress to stderr. schools: how
 * many schools (0 = the default district of about 30; 10000 is a province);
 * seed: the generator's seed, so the same arguments on the same day give
 * the same district. 0, or -1 with e filled (409 ALREADY_INITIALISED when
 * the store has users). */
int demo_build(struct app *a, const char *password, int schools, unsigned seed,
	       struct app_err *e);

#endif
