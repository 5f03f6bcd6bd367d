/* test_core.c - src/core: roles, password rules, the audit chain hash.
 *
 * Each test names the promise it keeps (roles.h, password.h with RELIABILITY
 * "Accounts and sessions", audit_chain.h with RELIABILITY "Audit"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/audit_chain.h"
#include "core/curriculum.h"
#include "core/password.h"
#include "core/roles.h"

static char *repeat(const char *s, size_t n)
{
	size_t l = strlen(s);
	char *out = malloc(l * n + 1);

	assert_non_null(out);
	for (size_t i = 0; i < n; i++)
		memcpy(out + i * l, s, l);
	out[l * n] = '\0';
	return out;
}

/* n characters cycling through `alphabet` (UTF-8 aware: one entry per char). */
static char *cycle(const char *const *alphabet, size_t n)
{
	size_t k = 0, cap = 1, o = 0;
	char *out;

	while (alphabet[k])
		k++;
	for (size_t i = 0; i < n; i++)
		cap += strlen(alphabet[i % k]);
	out = malloc(cap);
	assert_non_null(out);
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(alphabet[i % k]);

		memcpy(out + o, alphabet[i % k], l);
		o += l;
	}
	out[o] = '\0';
	return out;
}

static const char *const latin[] = { "q", "7", "v", "K", "m", "2", "x", "Z", "p", "4", "t", "w", "r", NULL };
static const char *const hanzi[] = { "双", "减", "作", "业", "校", "外", "培", "训", "监", "管", "春", "风", "雨", NULL };

/* ================================================================ roles */

/* roles.h: role_parse / role_id round trip for all 8 roles, names Chinese. */
static void test_roles_round_trip_all_8(void **state)
{
	static const char *const ids[] = { "district_admin", "inspector", "enforcement", "principal",
					   "academic_office", "teacher", "parent", "institution" };
	int n = 0;

	(void)state;
	assert_int_equal(ROLE_COUNT, 9);
	for (int r = ROLE_DISTRICT_ADMIN; r < ROLE_COUNT; r++) {
		assert_string_equal(role_id((enum role)r), ids[r - 1]);
		assert_int_equal(role_parse(role_id((enum role)r)), r);
		assert_true(strlen(role_name((enum role)r)) > 0);
		/* every name distinct */
		for (int s = ROLE_DISTRICT_ADMIN; s < r; s++)
			assert_string_not_equal(role_name((enum role)r), role_name((enum role)s));
	}
	assert_string_equal(role_name(ROLE_DISTRICT_ADMIN), "教育局管理员");
	assert_string_equal(role_name(ROLE_TEACHER), "教师");
	assert_string_equal(role_name(ROLE_INSTITUTION), "培训机构");
	/* role_ids[] is NULL-terminated with exactly the 8 ids (it feeds JF_ENUM) */
	while (role_ids[n])
		n++;
	assert_int_equal(n, 8);
	for (int i = 0; i < 8; i++)
		assert_string_equal(role_ids[i], ids[i]);
}

/* roles.h: "ROLE_NONE when unknown"; NONE and out-of-range print as "". */
static void test_roles_unknown(void **state)
{
	static const char *const bad[] = { "", "Teacher", "teacher ", " teacher", "admin", "none",
					   "district-admin", "教师", "TEACHER", NULL };

	(void)state;
	for (int i = 0; bad[i]; i++) {
		if (role_parse(bad[i]) != ROLE_NONE)
			fail_msg("role_parse(\"%s\") is not ROLE_NONE", bad[i]);
	}
	assert_int_equal(role_parse(NULL), ROLE_NONE);
	assert_string_equal(role_id(ROLE_NONE), "");
	assert_string_equal(role_name(ROLE_NONE), "");
	assert_string_equal(role_id(ROLE_COUNT), "");
	assert_string_equal(role_name(ROLE_COUNT), "");
	assert_string_equal(role_id((enum role)-1), "");
}

/* roles.h: ROLES_ANY_SIGNED_IN is every role 1..8, and not the public bit. */
static void test_roles_masks(void **state)
{
	unsigned all = 0;

	(void)state;
	for (int r = ROLE_DISTRICT_ADMIN; r < ROLE_COUNT; r++)
		all |= ROLE_BIT(r);
	assert_int_equal(ROLES_ANY_SIGNED_IN, all);
	assert_int_equal(ROLES_ANY_SIGNED_IN & ROLES_PUBLIC, 0);
	assert_int_equal(ROLE_BIT(ROLE_NONE), ROLES_PUBLIC);
}

/* ================================================================ password */

/* RELIABILITY "Accounts": 12 to 128 characters - both ends and one past each. */
static void test_password_length_bounds(void **state)
{
	char *p11 = cycle(latin, 11), *p12 = cycle(latin, 12), *p128 = cycle(latin, 128),
	     *p129 = cycle(latin, 129);

	(void)state;
	assert_non_null(password_check(p11, "someone"));
	assert_null(password_check(p12, "someone"));
	assert_null(password_check(p128, "someone"));
	assert_non_null(password_check(p129, "someone"));
	assert_non_null(password_check("", "someone"));
	free(p11);
	free(p12);
	free(p128);
	free(p129);
}

/* RELIABILITY: "any Unicode" - length counted in characters, not bytes:
 * 12 Chinese characters (36 bytes) ok, 11 (33 bytes) refused; 128 ok, 129 refused. */
static void test_password_length_in_characters(void **state)
{
	char *z11 = cycle(hanzi, 11), *z12 = cycle(hanzi, 12), *z128 = cycle(hanzi, 128),
	     *z129 = cycle(hanzi, 129), *e43 = repeat("\xF0\x9F\x98\x80\xF0\x9F\x98\x81", 43);

	(void)state;
	assert_int_equal(strlen(z11), 33);
	assert_non_null(password_check(z11, "someone"));
	assert_null(password_check(z12, "someone"));
	assert_null(password_check(z128, "someone"));  /* 384 bytes */
	assert_non_null(password_check(z129, "someone"));
	/* 86 emoji (344 bytes) are 86 characters: accepted */
	assert_null(password_check(e43, "someone"));
	free(z11);
	free(z12);
	free(z128);
	free(z129);
	free(e43);
}

/* password.c: a password of one character repeated is refused. */
static void test_password_all_same_refused(void **state)
{
	char *a12 = repeat("a", 12), *d40 = repeat("7", 40);
	char almost[16];

	(void)state;
	assert_non_null(password_check(a12, "someone"));
	assert_non_null(password_check(d40, "someone"));
	/* one different character is enough */
	snprintf(almost, sizeof almost, "%s", "aaaaaaaaaaab");
	assert_null(password_check(almost, "someone"));
	snprintf(almost, sizeof almost, "%s", "baaaaaaaaaaa");
	assert_null(password_check(almost, "someone"));
	free(a12);
	free(d40);
}

/* password_check: one non-ASCII character repeated is "all the same" too. */
static void test_password_all_same_chinese(void **state)
{
	char *z = repeat("中", 12);

	(void)state;
	assert_non_null(password_check(z, "someone"));
	free(z);
}

/* ASVS 2.1 / password.h: "not the user name", compared case-insensitively. */
static void test_password_equal_to_username(void **state)
{
	(void)state;
	assert_non_null(password_check("zhang.teacher01", "zhang.teacher01"));
	assert_non_null(password_check("Zhang.Teacher01", "zhang.teacher01"));
	assert_non_null(password_check("ZHANG.TEACHER01", "zhang.teacher01"));
	/* a different password is fine, also one that merely contains the name */
	assert_null(password_check("zhang.teacher02", "zhang.teacher01"));
	assert_null(password_check("zhang.teacher01!", "zhang.teacher01"));
	/* no user name given: not compared */
	assert_null(password_check("zhang.teacher01", NULL));
}

/* RELIABILITY: "common passwords refused", whatever the case. */
static void test_password_common_refused(void **state)
{
	static const char *const common[] = { "password1234", "Password1234", "PASSWORD1234",
					      "qwerty123456", "123456789012", "woaini1314520",
					      "administrator", "shuangjian2026", NULL };

	(void)state;
	for (int i = 0; common[i]; i++) {
		if (!password_check(common[i], "someone"))
			fail_msg("common password %s accepted", common[i]);
	}
	/* near misses are not on the list */
	assert_null(password_check("password1235", "someone"));
	assert_null(password_check("qwerty1234567", "someone"));
}

/* password.h: the reason is a Chinese message (for the 422 answer). */
static void test_password_reason_is_chinese(void **state)
{
	const char *why = password_check("short", NULL);

	(void)state;
	assert_non_null(why);
	assert_non_null(strstr(why, "12"));
	assert_true((unsigned char)why[0] >= 0x80); /* starts with a CJK character */
}

/* ================================================================ audit chain */

static const struct audit_fields base = {
	.district_id = 1, .seq = 7, .at = 1795000000, .actor = "admin", .role = "district_admin",
	.action = "user.create", .object = "user/12", .result = "ok", .request_id = "0123abcd",
	.ip = "127.0.0.1", .details = "{\"role\":\"teacher\"}"
};
static const char prev_a[] = "1111111111111111111111111111111111111111111111111111111111111111";

static int is_hex64(const char *h)
{
	if (strlen(h) != 64)
		return 0;
	for (; *h; h++)
		if (!((*h >= '0' && *h <= '9') || (*h >= 'a' && *h <= 'f')))
			return 0;
	return 1;
}

/* audit_chain.h: the hash is a pure function: same input, same 64 hex chars. */
static void test_audit_hash_deterministic(void **state)
{
	char h1[AUDIT_HASH_HEX], h2[AUDIT_HASH_HEX];
	struct audit_fields copy = base;
	char actor[16];

	(void)state;
	audit_chain_hash(prev_a, &base, h1);
	snprintf(actor, sizeof actor, "%s", "admin"); /* same text at another address */
	copy.actor = actor;
	audit_chain_hash(prev_a, &copy, h2);
	assert_true(is_hex64(h1));
	assert_string_equal(h1, h2);
	/* and the genesis prev gives a different, still valid hash */
	audit_chain_hash(AUDIT_GENESIS, &base, h2);
	assert_true(is_hex64(h2));
	assert_string_not_equal(h1, h2);
}

/* RELIABILITY "Audit" / audit_chain.h: "Editing any stored field ... breaks the
 * chain": changing any single field changes the hash. */
static void test_audit_hash_every_field_matters(void **state)
{
	char h0[AUDIT_HASH_HEX], h[AUDIT_HASH_HEX];

	(void)state;
	audit_chain_hash(prev_a, &base, h0);
	for (int i = 0; i < 11; i++) {
		struct audit_fields f = base;

		switch (i) {
		case 0: f.district_id = 2; break;
		case 1: f.seq = 8; break;
		case 2: f.at = base.at + 1; break;
		case 3: f.actor = "admim"; break;
		case 4: f.role = "inspector"; break;
		case 5: f.action = "user.delete"; break;
		case 6: f.object = "user/13"; break;
		case 7: f.result = "denied"; break;
		case 8: f.request_id = "0123abce"; break;
		case 9: f.ip = "127.0.0.2"; break;
		default: f.details = "{\"role\":\"parent\"}"; break;
		}
		audit_chain_hash(prev_a, &f, h);
		if (strcmp(h, h0) == 0)
			fail_msg("changing field %d left the hash unchanged", i);
	}
}

/* audit_chain.h: hash(n) includes prev_hash: the same row after another prev differs. */
static void test_audit_hash_prev_matters(void **state)
{
	char h1[AUDIT_HASH_HEX], h2[AUDIT_HASH_HEX];
	char prev_b[] = "1111111111111111111111111111111111111111111111111111111111111112";

	(void)state;
	audit_chain_hash(prev_a, &base, h1);
	audit_chain_hash(prev_b, &base, h2);
	assert_string_not_equal(h1, h2);
}

/* audit_chain.h: numbers do not run together: district 1 seq 23 is not
 * district 12 seq 3 (the numbers are separated inside the hashed text). */
static void test_audit_hash_numbers_separated(void **state)
{
	char h1[AUDIT_HASH_HEX], h2[AUDIT_HASH_HEX];
	struct audit_fields a = base, b = base;

	(void)state;
	a.district_id = 1;
	a.seq = 23;
	b.district_id = 12;
	b.seq = 3;
	audit_chain_hash(prev_a, &a, h1);
	audit_chain_hash(prev_a, &b, h2);
	assert_string_not_equal(h1, h2);
	/* moving text between adjacent fields (no separator byte in the data) changes it */
	a = base;
	b = base;
	a.actor = "adminx";
	a.role = "teacher";
	b.actor = "admin";
	b.role = "xteacher";
	audit_chain_hash(prev_a, &a, h1);
	audit_chain_hash(prev_a, &b, h2);
	assert_string_not_equal(h1, h2);
}

/* audit_chain_hash: a byte moved across a field boundary changes the hash
 * (fields are length-prefixed). */
static void test_audit_hash_boundaries(void **state)
{
	struct audit_fields a = base, b = base;
	char h1[AUDIT_HASH_HEX], h2[AUDIT_HASH_HEX];

	(void)state;
	a.actor = "a\x1f";
	a.role = "b";
	b.actor = "a";
	b.role = "\x1f" "b";
	audit_chain_hash(prev_a, &a, h1);
	audit_chain_hash(prev_a, &b, h2);
	assert_string_not_equal(h1, h2);
	a.actor = "ab";
	a.role = "c";
	b.actor = "a";
	b.role = "bc";
	audit_chain_hash(prev_a, &a, h1);
	audit_chain_hash(prev_a, &b, h2);
	assert_string_not_equal(h1, h2);
}

/* The curriculum's subjects as schools write them; anything else is not one. */
static void test_subject_ok_curriculum_only(void **state)
{
	(void)state;
	assert_true(subject_ok("语文"));
	assert_true(subject_ok("道德与法治"));
	assert_true(subject_ok("书法"));
	assert_false(subject_ok(NULL));
	assert_false(subject_ok(""));
	assert_false(subject_ok("语文 "));   /* trailing space */
	assert_false(subject_ok("道德"));    /* a prefix of 道德与法治 */
	assert_false(subject_ok("奥数"));    /* not a subject of grades 1-9 */
	assert_false(subject_ok("語文"));    /* traditional: imports are simplified */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles_round_trip_all_8),
		cmocka_unit_test(test_roles_unknown),
		cmocka_unit_test(test_roles_masks),
		cmocka_unit_test(test_password_length_bounds),
		cmocka_unit_test(test_password_length_in_characters),
		cmocka_unit_test(test_password_all_same_refused),
		cmocka_unit_test(test_password_all_same_chinese),
		cmocka_unit_test(test_password_equal_to_username),
		cmocka_unit_test(test_password_common_refused),
		cmocka_unit_test(test_password_reason_is_chinese),
		cmocka_unit_test(test_audit_hash_deterministic),
		cmocka_unit_test(test_audit_hash_every_field_matters),
		cmocka_unit_test(test_audit_hash_prev_matters),
		cmocka_unit_test(test_audit_hash_boundaries),
		cmocka_unit_test(test_audit_hash_numbers_separated),
		cmocka_unit_test(test_subject_ok_curriculum_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
