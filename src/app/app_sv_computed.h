/* app_sv_computed.h - the supervision items computed from the platform's
 * own records (issue 15, part SB). SA's branch carries these prototypes
 * and a stand-in (app_sv_computed_standin.c); SB's real one replaces it. */
#ifndef SJ_APP_SV_COMPUTED_H
#define SJ_APP_SV_COMPUTED_H

#include "app/app.h"

int app_sv_computed(struct app *a, const struct actor *who, int64_t school_id, int64_t term_id,
		    json_t **out, struct app_err *e);
int app_sv_computed_all(struct app *a, const struct actor *who, int64_t term_id, json_t **out,
			struct app_err *e);

#endif
