/* test_notice_cache.c - the public-notice cache answers only for the exact
 * key it was given (a changed stamp is a miss), replaces a slot's entry, and
 * gives the caller its own copy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "app/notice_cache.h"

static void test_notice_cache_exact_key(void **state)
{
	struct notice_cache *c = notice_cache_new();
	size_t len = 0;
	char *b;

	(void)state;
	assert_non_null(c);
	assert_null(notice_cache_get(c, "abc|2026-06-01\n1|3|v1", &len));
	notice_cache_put(c, "abc|2026-06-01\n1|3|v1", "{\"n\":1}", 7);
	b = notice_cache_get(c, "abc|2026-06-01\n1|3|v1", &len);
	assert_non_null(b);
	assert_int_equal(len, 7);
	assert_string_equal(b, "{\"n\":1}");
	b[0] = 'X'; /* the caller's copy: the cache keeps its own */
	free(b);
	b = notice_cache_get(c, "abc|2026-06-01\n1|3|v1", &len);
	assert_string_equal(b, "{\"n\":1}");
	free(b);
	/* the class changed (a new stamp): a miss, never the old notice */
	assert_null(notice_cache_get(c, "abc|2026-06-01\n1|3|v2", &len));
	notice_cache_put(c, "abc|2026-06-01\n1|3|v2", "{\"n\":2}", 7);
	b = notice_cache_get(c, "abc|2026-06-01\n1|3|v2", &len);
	assert_string_equal(b, "{\"n\":2}");
	free(b);
	notice_cache_free(c);
}

/* No cache (out of memory at start): every call misses, nothing breaks. */
static void test_notice_cache_null(void **state)
{
	size_t len = 0;

	(void)state;
	notice_cache_put(NULL, "k", "v", 1);
	assert_null(notice_cache_get(NULL, "k", &len));
	notice_cache_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_notice_cache_exact_key),
		cmocka_unit_test(test_notice_cache_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
