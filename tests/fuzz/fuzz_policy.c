/* fuzz_policy.c - libFuzzer target for policy_parse().
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
 *     tests/fuzz/fuzz_policy.c src/policy/policy.c \
 *     $(pkg-config --cflags --libs jansson) -o fuzz_policy
 *   ./fuzz_policy -max_total_time=30 policy/
 *
 * Any input must either parse or be refused with a NUL-terminated message;
 * nothing may leak or overrun.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "policy/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct policy p;
	char err[256];
	int rc;

	rc = policy_parse((const char *)d, n, "fuzz.json", &p, err, sizeof err);
	if (rc != 0) {
		if (memchr(err, '\0', sizeof err) == NULL || p.raw != NULL)
			__builtin_trap();
	} else {
		(void)policy_rule_clause(&p, "HW_DAILY_LIMIT");
		(void)policy_band_of(&p, 1);
	}
	policy_free(&p);
	return 0;
}
