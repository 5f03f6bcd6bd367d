/* demo_sv_visits.h - the demo district's supervision visits and
 * rectification notices (issue 15, part SC). */
#ifndef SJ_DEMO_SV_VISITS_H
#define SJ_DEMO_SV_VISITS_H

#include "demo/demo_shared.h"

/* For the first schools, one visit in each demo term (only days up to
 * today), two findings each (school 1's first with a photo), and a notice
 * at every other school's visit with the pack's default deadline
 * (SV_RECTIFY): in the earlier term school 1's is closed by a re-visit and
 * the others are answered; in the later term every other one is answered
 * and the rest wait, overdue once their deadline has passed. One visit to
 * the second school is planned a week ahead. Deterministic from the store
 * and today (SJ_DEMO_NOW), no other clock. Counts into g->sv_*. One
 * transaction, audited demo.sv_visits. 0, or -1 with e filled. */
int demo_sv_visits(struct app *a, const struct actor *who, struct gen *g, const struct plan *p,
		   int n, struct app_err *e);
/* The summary line. */
void demo_sv_visits_summary(const struct gen *g);

#endif
