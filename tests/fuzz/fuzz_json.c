/* fuzz_json.c - libFuzzer target for the JSON body path, as the server runs it
 * (http.c parse_body + routes.c decode):
 *
 *   jf_prescan(body, 32 deep, 1000 items) -> json_loadb(JSON_REJECT_DUPLICATES)
 *   -> object? -> jf_decode(user_in_fields) into a zeroed struct user_in.
 *
 * Beyond "no crash, no leak, no UB" it checks what the server relies on:
 *   - a body the prescan lets through parses to a tree at most 32 deep whose
 *     arrays hold at most 1000 items (the parser never sees a deeper one);
 *   - a refusal names a NUL-terminated field and message, status 400 or 422;
 *   - an accepted struct has every required field, strings within their
 *     character limits and free of control characters, line breaks and bidi
 *     controls (jfields.h), a known role and a
 *     school_id >= 1 when given.
 *
 *   sh tests/fuzz/run.sh 30      (builds and runs every target)
 */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "http/http.h"
#include "util/jfields.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);

#define CHECK(x)                                                                  \
	do {                                                                      \
		if (!(x)) {                                                       \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
				#x);                                              \
			__builtin_trap();                                         \
		}                                                                 \
	} while (0)

/* Depth of a parsed value (a scalar is 0, [] is 1) and the longest array. */
static int depth_of(json_t *v, size_t *max_items)
{
	int best = 0;

	if (json_is_array(v)) {
		size_t i;
		json_t *x;

		if (json_array_size(v) > *max_items)
			*max_items = json_array_size(v);
		json_array_foreach(v, i, x) {
			int dd = depth_of(x, max_items);

			if (dd > best)
				best = dd;
		}
		return best + 1;
	}
	if (json_is_object(v)) {
		const char *k;
		json_t *x;

		json_object_foreach(v, k, x) {
			int dd = depth_of(x, max_items);

			if (dd > best)
				best = dd;
		}
		return best + 1;
	}
	return 0;
}

/* What a single-line JF_STR never holds once accepted: C0 controls (\n and \t
 * included), DEL and C1, the bidi controls, U+2028 and U+2029. */
static int has_ctl(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return 1;
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			return 1; /* U+0080-U+009F */
		if (p[0] == 0xD8 && p[1] == 0x9C)
			return 1; /* U+061C */
		if (p[0] == 0xE2 && p[1] == 0x80 &&
		    (p[2] == 0x8E || p[2] == 0x8F || (p[2] >= 0xA8 && p[2] <= 0xAE)))
			return 1; /* U+200E, U+200F, U+2028-U+202E */
		if (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
			return 1; /* U+2066-U+2069 */
	}
	return 0;
}

static void check_str_field(const char *s, const char *name)
{
	const struct jfield *f = NULL;
	size_t len;

	for (size_t i = 0; i < user_in_nfields; i++)
		if (strcmp(user_in_fields[i].name, name) == 0)
			f = &user_in_fields[i];
	CHECK(f && s);
	len = jf_utf8_len(s);
	if (f->type == JF_STR) {
		CHECK((int64_t)len >= f->min && (int64_t)len <= f->max);
		CHECK(!has_ctl(s));
	} else if (f->type == JF_ENUM) {
		int found = 0;

		for (const char *const *e = f->enums; e && *e; e++)
			found |= strcmp(*e, s) == 0;
		CHECK(found);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	const char *text = (const char *)d;
	json_error_t jerr;
	json_t *body;
	int pre;

	pre = jf_prescan(text, n, HTTP_JSON_MAX_DEPTH, HTTP_JSON_MAX_ARRAY);
	CHECK(pre >= 0 && pre <= 2);
	if (pre != 0)
		return 0; /* 400 JSON_TOO_DEEP / JSON_ARRAY_TOO_LONG */
	body = json_loadb(text, n, JSON_REJECT_DUPLICATES, &jerr);
	if (!body) {
		CHECK(memchr(jerr.text, '\0', sizeof jerr.text) != NULL);
		return 0; /* 400 JSON_INVALID */
	}
	{
		size_t items = 0;

		CHECK(depth_of(body, &items) <= HTTP_JSON_MAX_DEPTH);
		CHECK(items <= HTTP_JSON_MAX_ARRAY);
	}
	if (json_is_object(body)) {
		struct user_in in;
		struct jf_error fe;

		memset(&in, 0, sizeof in);
		memset(&fe, 0, sizeof fe);
		if (jf_decode(body, user_in_fields, user_in_nfields, &in, &fe) == 0) {
			check_str_field(in.username, "username");
			check_str_field(in.display_name, "display_name");
			check_str_field(in.role, "role");
			check_str_field(in.password, "password");
			CHECK(in.school_id == 0 || in.school_id >= 1);
			/* the server then dumps an answer naming the fields */
			char *s = json_dumps(body, JSON_COMPACT | JSON_REAL_PRECISION(15));

			CHECK(s != NULL);
			free(s);
		} else {
			CHECK(fe.status == 400 || fe.status == 422);
			CHECK(fe.code != NULL);
			CHECK(memchr(fe.field, '\0', sizeof fe.field) != NULL);
			CHECK(memchr(fe.message, '\0', sizeof fe.message) != NULL);
			/* routes.c decode() answers the refusal with http_error() plus
			 * details.field. json_pack "s" refuses invalid UTF-8 (returns
			 * NULL), so a message or field cut inside a character would
			 * turn the 400/422 into an empty body. */
			json_t *err = json_pack("{s:{s:s,s:s,s:s}}", "error", "code", fe.code,
						"message", fe.message, "request_id",
						"0123456789abcdef0123456789abcdef");
			json_t *det = json_pack("{s:s}", "field", fe.field);

			CHECK(err != NULL);
			CHECK(det != NULL);
			json_decref(err);
			json_decref(det);
		}
	}
	json_decref(body);
	return 0;
}
