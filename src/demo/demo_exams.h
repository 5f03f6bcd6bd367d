/* demo_exams.h - the demo district's exams (issue 14, part EX). */
#ifndef SJ_DEMO_EXAMS_H
#define SJ_DEMO_EXAMS_H

#include "demo/demo_shared.h"

/* Exam plans for both demo terms, each checked by core/exam.h as the use
 * case checks it: every grade's final (non-paper in grades 1-2), a midterm
 * in junior grades. In the later term every fifth school has entered none
 * yet and the first school has left grades 5 and up open. The first
 * school's finals of the earlier term carry results as levels for every
 * student in two subjects. Deterministic from the store (ids, dates), no
 * clock. Counts into g->ex_plans, g->ex_results. One transaction, audited exam.demo. 0, or -1 with e filled. */
int demo_exams(struct app *a, const struct actor *who, struct gen *g, const struct plan *p,
	       int n, struct app_err *e);

#endif
