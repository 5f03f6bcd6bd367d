/* fuzz_route.c - libFuzzer target for the request line: route matching and
 * the date/time parsers that read query arguments.
 *
 * Input: "METHOD\nPATH" (split at the first '\n'; no '\n' means the whole
 * input is the path and the method is GET). For every route in http_routes it
 * runs http_match() the way http.c find_route() does (a 1024-byte buffer) and
 * again with a heap buffer sized from the input, so ASan sees any write past
 * the capacity. It checks:
 *   - every param points inside the buffer, is NUL-terminated inside it, is
 *     non-empty and holds no '/';
 *   - a match is exact: the pattern with its {name}s replaced by the params
 *     spells the path again;
 *   - a smaller buffer never matches where the 1024-byte one refuses;
 *   - the route find_route() would choose passes http_check_routes().
 * date_parse() and hhmm_parse() get the path and each param: an accepted
 * value formats back to the same text.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"
#include "util/timeutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);

#define CHECK(x)                                                                  \
	do {                                                                      \
		if (!(x)) {                                                       \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
				#x);                                              \
			__builtin_trap();                                         \
		}                                                                 \
	} while (0)

static void check_params(const char *pattern, const char *path, const char *buf, size_t cap,
			 const char *params[HTTP_MAX_PARAMS])
{
	char rebuilt[2200];
	size_t o = 0;
	int np = 0;

	for (const char *p = pattern; *p;) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			size_t len;

			CHECK(close && np < HTTP_MAX_PARAMS);
			CHECK(params[np] >= buf && params[np] < buf + cap);
			CHECK(memchr(params[np], '\0', (size_t)(buf + cap - params[np])) != NULL);
			len = strlen(params[np]);
			CHECK(len > 0 && !strchr(params[np], '/'));
			CHECK(o + len < sizeof rebuilt);
			memcpy(rebuilt + o, params[np], len);
			o += len;
			np++;
			p = close + 1;
			continue;
		}
		CHECK(o + 1 < sizeof rebuilt);
		rebuilt[o++] = *p++;
	}
	rebuilt[o] = '\0';
	CHECK(strcmp(rebuilt, path) == 0);
}

static void check_date(const char *s)
{
	int64_t days = 0;
	int mins = 0;
	char out[32];

	if (date_parse(s, &days) == 0) {
		date_format(days, out, sizeof out);
		CHECK(strcmp(out, s) == 0);
		CHECK(date_weekday(days) >= 1 && date_weekday(days) <= 7);
	}
	if (hhmm_parse(s, &mins) == 0) {
		CHECK(mins >= 0 && mins < 24 * 60);
		snprintf(out, sizeof out, "%02d:%02d", mins / 60, mins % 60);
		CHECK(strcmp(out, s) == 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	const uint8_t *nl = memchr(d, '\n', n);
	size_t mlen = nl ? (size_t)(nl - d) : 0;
	const uint8_t *pd = nl ? nl + 1 : d;
	size_t plen = n - (size_t)(pd - d);
	char *method = malloc(nl ? mlen + 1 : 4), *path = malloc(plen + 1);
	const struct http_route *first = NULL;

	if (!method || !path) {
		free(method);
		free(path);
		return 0;
	}
	if (nl) {
		memcpy(method, d, mlen);
		method[mlen] = '\0';
	} else {
		memcpy(method, "GET", 4);
	}
	memcpy(path, pd, plen);
	path[plen] = '\0'; /* libmicrohttpd hands the URL over as a C string */

	check_date(path);
	for (size_t i = 0; i < http_nroutes; i++) {
		const struct http_route *r = &http_routes[i];
		const char *params[HTTP_MAX_PARAMS] = { 0 };
		char buf[1024];
		size_t slen = strlen(path);
		int m;

		/* as find_route() runs it (URLs >= 1024 bytes are refused before) */
		m = http_match(r->pattern, path, buf, sizeof buf, params);
		if (m) {
			check_params(r->pattern, path, buf, sizeof buf, params);
			for (int k = 0; k < HTTP_MAX_PARAMS && params[k]; k++)
				check_date(params[k]);
			if (!first && (strcmp(r->method, method) == 0 ||
				       (strcmp(method, "HEAD") == 0 && strcmp(r->method, "GET") == 0)))
				first = r;
		}

		/* tight heap buffers: every capacity from 0 to strlen + 1 around
		 * the interesting edge, so a write one past cap is caught */
		for (size_t cap = slen > 4 ? slen - 3 : 0; cap <= slen + 1; cap++) {
			const char *pp[HTTP_MAX_PARAMS] = { 0 };
			char *hb = malloc(cap ? cap : 1);

			if (!hb)
				break;
			if (http_match(r->pattern, path, hb, cap, pp)) {
				if (cap <= sizeof buf)
					CHECK(m); /* never matches what 1024 bytes refuse */
				check_params(r->pattern, path, hb, cap, pp);
			}
			free(hb);
		}
	}
	if (first) {
		/* a matched route is well-formed the way http_check_routes() wants */
		char msg[256];

		CHECK(http_check_routes(first, 1, msg, sizeof msg) == 0);
	}
	free(method);
	free(path);
	return 0;
}
