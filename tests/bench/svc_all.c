/* svc_all.c - for tests/bench/supervision.sh: open a demo store and compute
 * every computed supervision item for every school of the district
 * (app_sv_computed_all, as the inspector), printing the schools, the items
 * with a figure, those missing, and the milliseconds. Built by the script
 * against build/libsj.a. Usage: svc_all DB [TERM_ID] */
#include "app/app.h"
#include "app/app_internal.h"
#include "app/app_sv_computed.h"
#include "store/store.h"
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* Figures and missing items over every school. */
static void count(json_t *all, long *figures, long *missing)
{
	const char *k, *id;
	json_t *school, *item;

	json_object_foreach(all, k, school)
		json_object_foreach(school, id, item) {
			if (json_object_get(item, "missing"))
				(*missing)++;
			else
				(*figures)++;
		}
}

int main(int argc, char **argv)
{
	struct app_config cfg;
	struct app_err e = { 0 };
	struct db_err dbe = { 0 };
	struct store_user u;
	struct actor who = { 0 };
	struct app a;
	struct db *db;
	json_t *all = NULL;
	char msg[512];
	long figures = 0, missing = 0;
	double t0;
	int rc;

	if (argc < 2) {
		fprintf(stderr, "usage: svc_all DB [TERM_ID]\n");
		return 2;
	}
	app_config_defaults(&cfg);
	if (app_open(&a, DB_SQLITE, argv[1], NULL, &cfg, msg, sizeof msg) != 0) {
		fprintf(stderr, "svc_all: %s\n", msg);
		return 1;
	}
	db = app_db_get(&a, &e);
	if (!db || store_user_by_name(db, "inspector", &u, &dbe) != 0) {
		fprintf(stderr, "svc_all: no inspector account\n");
		return 1;
	}
	app_db_put(&a, db);
	app_actor_from_user(&who, &u);
	t0 = ms_now();
	rc = app_sv_computed_all(&a, &who, argc > 2 ? strtoll(argv[2], NULL, 10) : 0, &all, &e);
	if (rc != 0) {
		fprintf(stderr, "svc_all: %s\n", e.message);
		app_close(&a);
		return 1;
	}
	printf("%zu %.0f", json_object_size(all), ms_now() - t0);
	count(all, &figures, &missing);
	printf(" %ld %ld\n", figures, missing);
	json_decref(all);
	app_close(&a);
	return 0;
}
