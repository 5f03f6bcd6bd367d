/* app_sv_computed_standin.c - a stand-in for the computed items until
 * part SB is merged: SB's real app_sv_computed.c replaces this file (delete
 * it then). Both answer an empty object: no item is computed yet, so no
 * figure is shown and no reason is required. */
#include "app/app_sv_computed.h"

int app_sv_computed(struct app *a, const struct actor *who, int64_t school_id, int64_t term_id,
		    json_t **out, struct app_err *e)
{
	(void)a, (void)who, (void)school_id, (void)term_id, (void)e;
	*out = json_object();
	return 0;
}

int app_sv_computed_all(struct app *a, const struct actor *who, int64_t term_id, json_t **out,
			struct app_err *e)
{
	(void)a, (void)who, (void)term_id, (void)e;
	*out = json_object();
	return 0;
}
