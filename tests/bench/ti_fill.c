/* ti_fill.c - for tests/bench/institutions.sh: open a demo store and add N
 * institutions through demo_ti_registry_n (one transaction). Built by the
 * script against build/libsj.a. Usage: ti_fill DB N */
#include "app/app.h"
#include "demo/demo_ti_registry.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	struct app_config cfg;
	struct app_err e = { 0 };
	struct app a;
	char msg[512];
	int rc;

	if (argc != 3) {
		fprintf(stderr, "usage: ti_fill DB N\n");
		return 2;
	}
	app_config_defaults(&cfg);
	if (app_open(&a, DB_SQLITE, argv[1], NULL, &cfg, msg, sizeof msg) != 0) {
		fprintf(stderr, "ti_fill: %s\n", msg);
		return 1;
	}
	rc = demo_ti_registry_n(&a, (int)strtol(argv[2], NULL, 10), &e);
	if (rc != 0)
		fprintf(stderr, "ti_fill: %s\n", e.message);
	app_close(&a);
	return rc ? 1 : 0;
}
