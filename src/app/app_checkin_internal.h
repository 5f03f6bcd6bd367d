/* app_checkin_internal.h - shared by app_checkin*.c only. */
#ifndef SJ_APP_CHECKIN_INTERNAL_H
#define SJ_APP_CHECKIN_INTERNAL_H

#include "app/app_internal.h"

/* Today in the district (YYYY-MM-DD). */
void ck_today(const struct app *a, char out[11]);
/* A refusal by a check-in rule: 422 with details {field, rule, clause};
 * rule is the pack's rule whose clause applies. Returns -1. */
int ck_rule_fail(const struct app *a, const char *code, const char *rule, const char *field,
		 const char *message, struct app_err *e);

#endif
