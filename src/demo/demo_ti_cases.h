/* demo_ti_cases.h - the demo district's joint enforcement (联合执法): two
 * sweeps, visits with findings and evidence, penalty cases at different
 * stages (one closed, one with an overdue rectification, one at 决定). */
#ifndef SJ_DEMO_TI_CASES_H
#define SJ_DEMO_TI_CASES_H

#include "app/app.h"

/* Needs the district's administrator (shuangjian init or the demo); makes the few institutions it
 * uses (credit codes 91140212MA0C00002x / 92140212MA0C00002x, distinct from
 * the registry's). 0, or -1 with e filled. */
int demo_ti_cases(struct app *a, struct app_err *e);

#endif
