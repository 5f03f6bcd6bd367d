/* test_util.c - src/util: buf, timeutil, jfields.
 *
 * Each test names the promise it keeps: the header comment it checks
 * (buf.h, timeutil.h, jfields.h) or the line of RELIABILITY.md / STYLE.md
 * behind it. Every limit is tested on both sides. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "util/buf.h"
#include "util/jfields.h"
#include "util/randtext.h"
#include "util/timeutil.h"

/* ---- helpers ---- */

/* s repeated n times, malloc'd. */
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

/* Unix seconds of a UTC wall time, computed by libc (independent of timeutil). */
static int64_t utc(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
			 .tm_hour = h, .tm_min = mi, .tm_sec = s };

	return (int64_t)timegm(&tm);
}

/* ================================================================ buf */

/* buf.h: "buf_add() refuses to grow past `limit`": exactly the limit is fine. */
static void test_buf_limit_exactly_reached_ok(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(buf_add(&b, "abcd", 4), 0);
	assert_int_equal(buf_add(&b, "efgh", 4), 0);
	assert_int_equal(b.len, 8);
	assert_string_equal(b.data, "abcdefgh"); /* NUL-terminated when len > 0 */
	buf_free(&b);
}

/* buf.h: "-1 when the result would pass the limit (buffer unchanged)". */
static void test_buf_one_byte_over_refused_unchanged(void **state)
{
	struct buf b;
	char *before_data;
	size_t before_cap;

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(buf_add(&b, "abcdefg", 7), 0);
	before_data = b.data;
	before_cap = b.cap;
	assert_int_equal(buf_add(&b, "hi", 2), -1); /* 9 > 8 */
	assert_int_equal(b.len, 7);
	assert_ptr_equal(b.data, before_data);
	assert_int_equal(b.cap, before_cap);
	assert_string_equal(b.data, "abcdefg");
	/* and the one byte that still fits is accepted afterwards */
	assert_int_equal(buf_add(&b, "h", 1), 0);
	assert_string_equal(b.data, "abcdefgh");
	assert_int_equal(buf_add(&b, "", 0), 0); /* nothing added: still at the limit */
	assert_int_equal(buf_add(&b, "x", 1), -1);
	assert_int_equal(b.len, 8);
	buf_free(&b);
}

/* buf.h: a single add larger than the limit (and a size_t wrap) is refused. */
static void test_buf_huge_add_refused(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 16);
	assert_int_equal(buf_add(&b, "x", 1), 0);
	assert_int_equal(buf_add(&b, "0123456789abcdefg", 17), -1);
	assert_int_equal(buf_add(&b, "x", SIZE_MAX), -1); /* would wrap len + n */
	assert_int_equal(b.len, 1);
	assert_string_equal(b.data, "x");
	buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
}

/* buf.h: growth past the first allocation keeps every byte (the body of a 1 MiB request). */
static void test_buf_grows_and_keeps_bytes(void **state)
{
	struct buf b;
	char chunk[1000];

	(void)state;
	buf_init(&b, 100000);
	for (int i = 0; i < 100; i++) {
		memset(chunk, 'a' + i % 26, sizeof chunk);
		assert_int_equal(buf_add(&b, chunk, sizeof chunk), 0);
	}
	assert_int_equal(b.len, 100000);
	for (int i = 0; i < 100; i++)
		assert_int_equal(b.data[i * 1000 + 999], 'a' + i % 26);
	assert_int_equal(b.data[b.len], '\0');
	assert_int_equal(buf_add(&b, "z", 1), -1);
	buf_free(&b);
}

/* buf.h: buf_printf formats and obeys the same limit, buffer unchanged on refusal. */
static void test_buf_printf(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 12);
	assert_int_equal(buf_printf(&b, "%s=%d", "n", 42), 0);
	assert_string_equal(b.data, "n=42");
	assert_int_equal(buf_printf(&b, ";%05d", 7), 0); /* 4 + 6 = 10 */
	assert_string_equal(b.data, "n=42;00007");
	assert_int_equal(buf_printf(&b, "%s", "abc"), -1); /* 13 > 12 */
	assert_int_equal(b.len, 10);
	assert_string_equal(b.data, "n=42;00007");
	assert_int_equal(buf_printf(&b, "%s", "ab"), 0); /* exactly 12 */
	assert_int_equal(b.len, 12);
	assert_string_equal(b.data, "n=42;00007ab");
	buf_free(&b);
}

/* buf_printf of 1023 bytes (the largest its scratch space holds) works. */
static void test_buf_printf_long_within_scratch(void **state)
{
	struct buf b;
	char *s = repeat("x", 1023);

	(void)state;
	buf_init(&b, 1 << 20);
	assert_int_equal(buf_printf(&b, "%s", s), 0);
	assert_int_equal(b.len, 1023);
	buf_free(&b);
	free(s);
}

/* buf_printf: a long result fits when the limit allows it; past the limit it
 * is refused and the buffer is unchanged. */
static void test_buf_printf_long(void **state)
{
	struct buf b;
	char *s = repeat("x", 2000);

	(void)state;
	buf_init(&b, 1 << 20);
	assert_int_equal(buf_printf(&b, "%s", s), 0);
	assert_int_equal(b.len, 2000);
	assert_int_equal(buf_printf(&b, "%s!", s), 0);
	assert_int_equal(b.len, 4001);
	buf_free(&b);
	buf_init(&b, 2000);
	assert_int_equal(buf_printf(&b, "%s", s), 0);
	assert_int_equal(buf_printf(&b, "y"), -1);
	assert_int_equal(b.len, 2000);
	buf_free(&b);
	free(s);
}

/* ================================================================ timeutil */

/* timeutil.h: date_parse takes a real calendar date YYYY-MM-DD. */
static void test_date_parse_calendar(void **state)
{
	int64_t d = -12345;

	(void)state;
	assert_int_equal(date_parse("2026-02-28", &d), 0);
	assert_int_equal(d * 86400, utc(2026, 2, 28, 0, 0, 0));
	assert_int_equal(date_parse("2026-02-29", &d), -1); /* 2026 is not a leap year */
	assert_int_equal(date_parse("2028-02-29", &d), 0);  /* 2028 is */
	assert_int_equal(d * 86400, utc(2028, 2, 29, 0, 0, 0));
	assert_int_equal(date_parse("2000-02-29", &d), 0);  /* divisible by 400 */
	assert_int_equal(date_parse("2100-02-29", &d), -1); /* century, not by 400 */
	assert_int_equal(date_parse("2026-04-30", &d), 0);
	assert_int_equal(date_parse("2026-04-31", &d), -1);
	assert_int_equal(date_parse("2026-12-31", &d), 0);
	assert_int_equal(date_parse("2026-13-01", &d), -1);
	assert_int_equal(date_parse("2026-00-10", &d), -1);
	assert_int_equal(date_parse("2026-01-00", &d), -1);
	assert_int_equal(date_parse("2026-01-32", &d), -1);
	assert_int_equal(date_parse("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
}

/* timeutil.h: "years 1900..2999": both ends and one past each. */
static void test_date_parse_year_range(void **state)
{
	int64_t d;

	(void)state;
	assert_int_equal(date_parse("1900-01-01", &d), 0);
	assert_int_equal(d * 86400, utc(1900, 1, 1, 0, 0, 0));
	assert_int_equal(date_parse("1899-12-31", &d), -1);
	assert_int_equal(date_parse("2999-12-31", &d), 0);
	assert_int_equal(date_parse("3000-01-01", &d), -1);
}

/* timeutil.h: exactly YYYY-MM-DD, two digits each; anything else refused. */
static void test_date_parse_shape(void **state)
{
	static const char *const bad[] = {
		"2026-1-01", "2026-01-1", "26-01-01", "", "2026/01/01", "2026-01-01 ",
		" 2026-01-01", "2026-01-01T", "2026-0a-01", "+026-01-01", "2026--1-01",
		"2026-01-+1", "２０２６-01-01", "20260101", NULL
	};
	int64_t d;

	(void)state;
	for (int i = 0; bad[i]; i++) {
		if (date_parse(bad[i], &d) != -1)
			fail_msg("date_parse accepted \"%s\"", bad[i]);
	}
	assert_int_equal(date_parse(NULL, &d), -1);
}

/* timeutil.h: date_format writes YYYY-MM-DD; parse(format(d)) == d across years. */
static void test_date_format_round_trip(void **state)
{
	char out[16];
	int64_t d, back;

	(void)state;
	assert_int_equal(date_parse("2026-11-29", &d), 0);
	date_format(d, out, sizeof out);
	assert_string_equal(out, "2026-11-29");
	date_format(-1, out, sizeof out);
	assert_string_equal(out, "1969-12-31");
	date_format(0, out, sizeof out);
	assert_string_equal(out, "1970-01-01");
	/* every day from 1900-01-01 to 2999-12-31, in steps that hit all months */
	assert_int_equal(date_parse("1900-01-01", &d), 0);
	for (; d < 376000; d += 13) {
		date_format(d, out, sizeof out);
		if (date_parse(out, &back) != 0 || back != d)
			fail_msg("round trip of day %lld via %s", (long long)d, out);
	}
}

/* timeutil.h: ISO weekday, 1 = Monday .. 7 = Sunday. */
static void test_date_weekday(void **state)
{
	int64_t d;

	(void)state;
	assert_int_equal(date_parse("2026-11-29", &d), 0);
	assert_int_equal(date_weekday(d), 7); /* Sunday */
	assert_int_equal(date_weekday(d + 1), 1); /* Monday 2026-11-30 */
	assert_int_equal(date_weekday(d - 1), 6); /* Saturday */
	assert_int_equal(date_weekday(0), 4);     /* 1970-01-01, Thursday */
	assert_int_equal(date_weekday(-1), 3);    /* 1969-12-31, Wednesday */
	assert_int_equal(date_parse("1900-01-01", &d), 0);
	assert_int_equal(date_weekday(d), 1);     /* a Monday */
}

/* timeutil.h: "Dates and today are computed in the district's fixed UTC offset":
 * at +480 (Beijing) the date changes at 16:00:00Z, not a second earlier. */
static void test_date_of_offset_boundary(void **state)
{
	int64_t d29, d30;
	int64_t t = utc(2026, 11, 29, 15, 59, 59);

	(void)state;
	assert_int_equal(date_parse("2026-11-29", &d29), 0);
	assert_int_equal(date_parse("2026-11-30", &d30), 0);
	assert_int_equal(date_of(t, 480), d29);
	assert_int_equal(date_of(t + 1, 480), d30);
	/* at UTC the same instants are both on the 29th */
	assert_int_equal(date_of(t, 0), d29);
	assert_int_equal(date_of(t + 1, 0), d29);
	/* negative offset: -300 changes date at 05:00Z */
	assert_int_equal(date_of(utc(2026, 11, 30, 4, 59, 59), -300), d29);
	assert_int_equal(date_of(utc(2026, 11, 30, 5, 0, 0), -300), d30);
	/* before the epoch the division must floor, not truncate */
	assert_int_equal(date_of(-1, 0), -1);
	assert_int_equal(date_of(-86400, 0), -1);
	assert_int_equal(date_of(-86401, 0), -2);
}

/* timeutil.h: RFC 3339 with the offset, e.g. 2026-11-29T20:31:05+08:00. */
static void test_time_rfc3339(void **state)
{
	char out[40];
	int64_t t = utc(2026, 11, 29, 12, 31, 5);

	(void)state;
	time_rfc3339(t, 480, out, sizeof out);
	assert_string_equal(out, "2026-11-29T20:31:05+08:00");
	time_rfc3339(t, 0, out, sizeof out);
	assert_string_equal(out, "2026-11-29T12:31:05+00:00");
	time_rfc3339(t, -300, out, sizeof out);
	assert_string_equal(out, "2026-11-29T07:31:05-05:00");
	time_rfc3339(t, -90, out, sizeof out);
	assert_string_equal(out, "2026-11-29T11:01:05-01:30");
	time_rfc3339(t, 345, out, sizeof out);
	assert_string_equal(out, "2026-11-29T18:16:05+05:45");
	time_rfc3339(utc(2026, 11, 29, 16, 0, 0), 480, out, sizeof out);
	assert_string_equal(out, "2026-11-30T00:00:00+08:00");
	time_rfc3339(utc(2026, 11, 29, 15, 59, 59), 480, out, sizeof out);
	assert_string_equal(out, "2026-11-29T23:59:59+08:00");
	time_rfc3339(-1, 0, out, sizeof out);
	assert_string_equal(out, "1969-12-31T23:59:59+00:00");
}

/* timeutil.h: time_pin makes time_now() deterministic for tests; 0 unpins. */
static void test_time_pin(void **state)
{
	int64_t real;

	(void)state;
	time_pin(1234567);
	assert_int_equal(time_now(), 1234567);
	time_pin(0);
	real = (int64_t)time(NULL);
	assert_true(time_now() >= real - 1 && time_now() <= real + 2);
}

/* timeutil.h: HH:MM, 00:00..23:59, two digits each. */
static void test_hhmm_parse(void **state)
{
	static const char *const bad[] = {
		"24:00", "17:60", "7:30", "07:3", "07-30", "", "0730", "07:30 ", " 7:30",
		"99:99", "-1:00", "07:+3", "a7:30", NULL
	};
	int m = -1;

	(void)state;
	assert_int_equal(hhmm_parse("00:00", &m), 0);
	assert_int_equal(m, 0);
	assert_int_equal(hhmm_parse("23:59", &m), 0);
	assert_int_equal(m, 23 * 60 + 59);
	assert_int_equal(hhmm_parse("07:30", &m), 0);
	assert_int_equal(m, 450);
	assert_int_equal(hhmm_parse("23:00", &m), 0);
	assert_int_equal(hhmm_parse("17:59", &m), 0);
	for (int i = 0; bad[i]; i++) {
		if (hhmm_parse(bad[i], &m) != -1)
			fail_msg("hhmm_parse accepted \"%s\"", bad[i]);
	}
	assert_int_equal(hhmm_parse(NULL, &m), -1);
	/* the formatter is the parser's inverse */
	{
		char out[8];

		for (m = 0; m < 24 * 60; m += 7) {
			int back = -1;

			hhmm_format(m, out);
			assert_int_equal(hhmm_parse(out, &back), 0);
			assert_int_equal(back, m);
		}
		hhmm_format(17 * 60 + 30, out);
		assert_string_equal(out, "17:30");
	}
}

/* ================================================================ jfields */

struct rec {
	const char *name;
	int64_t age;
	int flag;
	const char *kind;
	const char *day;
	const char *at;
	const char *note;
};

static const char *const kinds[] = { "school", "institution", NULL };

static const struct jfield rec_fields[] = {
	{ "name", JF_STR, offsetof(struct rec, name), true, 1, 64, NULL, "名称" },
	{ "age", JF_INT, offsetof(struct rec, age), false, 6, 18, NULL, "年龄" },
	{ "flag", JF_BOOL, offsetof(struct rec, flag), false, 0, 0, NULL, "标记" },
	{ "kind", JF_ENUM, offsetof(struct rec, kind), true, 0, 0, kinds, "类型" },
	{ "day", JF_DATE, offsetof(struct rec, day), false, 0, 0, NULL, "日期" },
	{ "at", JF_TIME, offsetof(struct rec, at), false, 0, 0, NULL, "时间" },
	{ "note", JF_TEXT, offsetof(struct rec, note), false, 0, 10, NULL, "备注" },
};
#define NREC (sizeof rec_fields / sizeof rec_fields[0])

/* Decode `text` (a JSON object) into r; returns jf_decode's result. */
static int dec(const char *text, struct rec *r, struct jf_error *e)
{
	json_error_t je;
	json_t *o = json_loads(text, 0, &je);
	int rc;

	if (!o)
		fail_msg("bad test JSON %s: %s", text, je.text);
	memset(r, 0, sizeof *r);
	memset(e, 0, sizeof *e);
	rc = jf_decode(o, rec_fields, NREC, r, e);
	json_decref(o);
	return rc;
}

/* Same, with an object built by the caller (kept alive for string results). */
static int dec_obj(json_t *o, struct rec *r, struct jf_error *e)
{
	memset(r, 0, sizeof *r);
	memset(e, 0, sizeof *e);
	return jf_decode(o, rec_fields, NREC, r, e);
}

static void expect_refusal(const char *text, int status, const char *code, const char *field)
{
	struct rec r;
	struct jf_error e;

	if (dec(text, &r, &e) != -1)
		fail_msg("accepted %s", text);
	if (e.status != status || strcmp(e.code, code) != 0 || strcmp(e.field, field) != 0)
		fail_msg("%s: got %d %s field=%s, want %d %s field=%s", text, e.status, e.code,
			 e.field, status, code, field);
	assert_true(e.message[0] != '\0');
}

/* jfields.h: a good body decodes into the struct. */
static void test_jf_decode_ok(void **state)
{
	json_t *o = json_loads("{\"name\":\"新荣区第一小学\",\"age\":12,\"flag\":true,"
			       "\"kind\":\"school\",\"day\":\"2026-09-01\",\"at\":\"07:30\","
			       "\"note\":\"备注\"}", 0, NULL);
	struct rec r;
	struct jf_error e;

	(void)state;
	assert_non_null(o);
	assert_int_equal(dec_obj(o, &r, &e), 0);
	assert_string_equal(r.name, "新荣区第一小学");
	assert_int_equal(r.age, 12);
	assert_int_equal(r.flag, 1);
	assert_string_equal(r.kind, "school");
	assert_string_equal(r.day, "2026-09-01");
	assert_string_equal(r.at, "07:30");
	assert_string_equal(r.note, "备注");
	json_decref(o);
}

/* jfields.h: "refuses unknown fields ... naming the field" (400 FIELD_UNKNOWN). */
static void test_jf_decode_unknown_field(void **state)
{
	struct rec r;
	struct jf_error e;

	(void)state;
	expect_refusal("{\"name\":\"a\",\"kind\":\"school\",\"school_id\":3}", 400,
		       "FIELD_UNKNOWN", "school_id");
	assert_int_equal(dec("{\"name\":\"a\",\"kind\":\"school\",\"Role\":1}", &r, &e), -1);
	assert_non_null(strstr(e.message, "Role"));
	/* field names are case-sensitive: "Name" is not "name" */
	expect_refusal("{\"Name\":\"a\",\"kind\":\"school\"}", 400, "FIELD_UNKNOWN", "Name");
}

/* jfields.h: wrong types answer 400 FIELD_TYPE naming the field. */
static void test_jf_decode_wrong_type(void **state)
{
	(void)state;
	expect_refusal("{\"name\":5,\"kind\":\"school\"}", 400, "FIELD_TYPE", "name");
	expect_refusal("{\"name\":\"a\",\"kind\":\"school\",\"age\":\"12\"}", 400, "FIELD_TYPE", "age");
	expect_refusal("{\"name\":\"a\",\"kind\":\"school\",\"age\":12.0}", 400, "FIELD_TYPE", "age");
	expect_refusal("{\"name\":\"a\",\"kind\":\"school\",\"flag\":1}", 400, "FIELD_TYPE", "flag");
	expect_refusal("{\"name\":\"a\",\"kind\":\"school\",\"flag\":\"true\"}", 400, "FIELD_TYPE",
		       "flag");
	expect_refusal("{\"name\":[\"a\"],\"kind\":\"school\"}", 400, "FIELD_TYPE", "name");
	expect_refusal("{\"name\":\"a\",\"kind\":{}}", 400, "FIELD_TYPE", "kind");
	expect_refusal("{\"name\":\"a\",\"kind\":\"school\",\"day\":20260901}", 400, "FIELD_TYPE",
		       "day");
}

/* jfields.h: a body that is not an object is refused (400). */
static void test_jf_decode_not_object(void **state)
{
	json_t *a = json_array();
	struct rec r;
	struct jf_error e;

	(void)state;
	assert_int_equal(dec_obj(a, &r, &e), -1);
	assert_int_equal(e.status, 400);
	assert_string_equal(e.code, "JSON_NOT_OBJECT");
	json_decref(a);
}

/* jfields.h: missing required fields answer 422 FIELD_REQUIRED naming the field. */
static void test_jf_decode_missing_required(void **state)
{
	(void)state;
	expect_refusal("{\"name\":\"a\"}", 422, "FIELD_REQUIRED", "kind");
	expect_refusal("{\"kind\":\"school\"}", 422, "FIELD_REQUIRED", "name");
	expect_refusal("{}", 422, "FIELD_REQUIRED", "name");
}

/* jfields.h: "absent optional fields stay zero/NULL"; null for an optional is absent. */
static void test_jf_decode_null_optional(void **state)
{
	struct rec r;
	struct jf_error e;

	(void)state;
	assert_int_equal(dec("{\"name\":\"a\",\"kind\":\"school\",\"age\":null,\"flag\":null,"
			     "\"day\":null,\"at\":null,\"note\":null}", &r, &e), 0);
	assert_int_equal(r.age, 0);
	assert_int_equal(r.flag, 0);
	assert_null(r.day);
	assert_null(r.at);
	assert_null(r.note);
	assert_int_equal(dec("{\"name\":\"a\",\"kind\":\"school\"}", &r, &e), 0);
	assert_null(r.note);
}

/* jfields.h: null for a *required* field is refused and names the field.
 * (It answers 400 FIELD_TYPE; the required-check's json_is_null branch in
 * jfields.c:131 never runs for it - see the report.) */
static void test_jf_decode_null_required_refused(void **state)
{
	struct rec r;
	struct jf_error e;

	(void)state;
	assert_int_equal(dec("{\"name\":null,\"kind\":\"school\"}", &r, &e), -1);
	assert_string_equal(e.field, "name");
	assert_true(e.status == 400 || e.status == 422);
}

/* jfields.h: "JF_STR min/max are lengths in characters": 64 Chinese characters
 * (192 bytes) fit max 64; 65 do not; min 1 refuses "". */
static void test_jf_decode_string_length_chars(void **state)
{
	char *s64 = repeat("汉", 64), *s65 = repeat("汉", 65), *a64 = repeat("a", 64),
	     *a65 = repeat("a", 65);
	json_t *o = json_pack("{s:s,s:s}", "name", s64, "kind", "school");
	struct rec r;
	struct jf_error e;

	(void)state;
	assert_int_equal(dec_obj(o, &r, &e), 0);
	assert_int_equal(strlen(r.name), 192);
	json_object_set_new(o, "name", json_string(s65));
	assert_int_equal(dec_obj(o, &r, &e), -1);
	assert_int_equal(e.status, 422);
	assert_string_equal(e.code, "FIELD_INVALID");
	assert_string_equal(e.field, "name");
	json_object_set_new(o, "name", json_string(a64));
	assert_int_equal(dec_obj(o, &r, &e), 0);
	json_object_set_new(o, "name", json_string(a65));
	assert_int_equal(dec_obj(o, &r, &e), -1);
	assert_int_equal(e.status, 422);
	json_object_set_new(o, "name", json_string("汉"));
	assert_int_equal(dec_obj(o, &r, &e), 0); /* min 1 */
	json_object_set_new(o, "name", json_string(""));
	assert_int_equal(dec_obj(o, &r, &e), -1);
	assert_int_equal(e.status, 422);
	assert_string_equal(e.field, "name");
	/* note: min 0, max 10 */
	json_object_set_new(o, "name", json_string("a"));
	json_object_set_new(o, "note", json_string(""));
	assert_int_equal(dec_obj(o, &r, &e), 0);
	json_object_set_new(o, "note", json_string("一二三四五六七八九十"));
	assert_int_equal(dec_obj(o, &r, &e), 0);
	json_object_set_new(o, "note", json_string("一二三四五六七八九十一"));
	assert_int_equal(dec_obj(o, &r, &e), -1);
	assert_string_equal(e.field, "note");
	json_decref(o);
	free(s64);
	free(s65);
	free(a64);
	free(a65);
}

/* jfields.h / RELIABILITY "Input": control characters in strings are refused (422). */
static void test_jf_decode_control_chars(void **state)
{
	static const char *const bad[] = { "a\x01", "\x1f", "a\x7f" "b", "\x1b[31m", "x\x08", NULL };
	json_t *o = json_pack("{s:s,s:s}", "name", "ok", "kind", "school");
	struct rec r;
	struct jf_error e;

	(void)state;
	assert_int_equal(dec_obj(o, &r, &e), 0);
	for (int i = 0; bad[i]; i++) {
		json_object_set_new(o, "name", json_string(bad[i]));
		if (dec_obj(o, &r, &e) != -1)
			fail_msg("control character %d accepted", (unsigned char)bad[i][strlen(bad[i]) - 1]);
		assert_int_equal(e.status, 422);
		assert_string_equal(e.code, "FIELD_INVALID");
		assert_string_equal(e.field, "name");
	}
	/* via JSON escapes, as a client would send them */
	expect_refusal("{\"name\":\"a\\u0001b\",\"kind\":\"school\"}", 422, "FIELD_INVALID", "name");
	expect_refusal("{\"name\":\"a\\u001fb\",\"kind\":\"school\"}", 422, "FIELD_INVALID", "name");
	json_decref(o);
}

/* jfields.h: a single-line field (JF_STR) refuses line breaks, tabs, C0 and
 * C1 controls and bidi controls, naming the field in Chinese; a multi-line
 * one (JF_TEXT) keeps \n and \t and refuses the rest. Nothing is decoded
 * from a refused body. */
static void test_jf_decode_line_and_bidi(void **state)
{
	static const char *const bad_anywhere[] = {
		"a\rb", "a\x01", "a\x7f", "a\xc2\x85" "b", "a\xc2\x9b" "b", "a\u202eb", "a\u202ab",
		"a\u202db", "a\u2066b", "a\u2067b", "a\u2068b", "a\u2069b", "a\u200eb",
		"a\u200fb", "a\u061cb", NULL
	};
	static const char *const bad_single[] = { "a\nb", "a\tb", "a\u2028b", "a\u2029b", NULL };
	static const char *const good[] = { "普通 名称", "一二三四五六七八九十", "a\u200bb", "😀x", NULL };
	json_t *o = json_pack("{s:s,s:s}", "name", "ok", "kind", "school");
	struct rec r;
	struct jf_error e;

	(void)state;
	for (int pass = 0; pass < 2; pass++)
		for (const char *const *b = pass ? bad_single : bad_anywhere; *b; b++) {
			json_object_set_new(o, "name", json_string(*b));
			json_object_del(o, "note");
			if (dec_obj(o, &r, &e) != -1)
				fail_msg("name \"%s\" accepted", *b);
			assert_int_equal(e.status, 422);
			assert_string_equal(e.code, "FIELD_INVALID");
			assert_string_equal(e.field, "name");
			assert_non_null(strstr(e.message, "名称"));
			assert_null(r.name);
			json_object_set_new(o, "name", json_string("ok"));
			json_object_set_new(o, "note", json_string(*b));
			if (pass == 0) {
				if (dec_obj(o, &r, &e) != -1)
					fail_msg("note \"%s\" accepted", *b);
				assert_string_equal(e.field, "note");
				assert_non_null(strstr(e.message, "备注"));
			} else {
				if (dec_obj(o, &r, &e) != 0)
					fail_msg("multi-line note \"%s\" refused: %s", *b, e.message);
				if (strcmp(*b, "a\nb") == 0 || strcmp(*b, "a\tb") == 0)
					assert_string_equal(r.note, *b);
			}
		}
	json_object_del(o, "note");
	for (const char *const *g = good; *g; g++) {
		json_object_set_new(o, "name", json_string(*g));
		if (dec_obj(o, &r, &e) != 0)
			fail_msg("name \"%s\" refused: %s", *g, e.message);
		assert_string_equal(r.name, *g);
	}
	/* JSON escapes, as a client sends them */
	expect_refusal("{\"name\":\"a\\u202eb\",\"kind\":\"school\"}", 422, "FIELD_INVALID", "name");
	expect_refusal("{\"name\":\"a\\nb\",\"kind\":\"school\"}", 422, "FIELD_INVALID", "name");
	expect_refusal("{\"name\":\"x\",\"kind\":\"school\",\"note\":\"a\\u2066b\"}", 422,
		       "FIELD_INVALID", "note");
	json_decref(o);
}

/* jfields.h: JF_ENUM is one of enums[], exactly (case matters). */
static void test_jf_decode_enum(void **state)
{
	json_t *o = json_pack("{s:s,s:s}", "name", "a", "kind", "institution");
	struct rec r;
	struct jf_error e;

	(void)state;
	assert_int_equal(dec_obj(o, &r, &e), 0); /* strings point into o: keep it alive */
	assert_string_equal(r.kind, "institution");
	json_decref(o);
	expect_refusal("{\"name\":\"a\",\"kind\":\"School\"}", 422, "FIELD_INVALID", "kind");
	expect_refusal("{\"name\":\"a\",\"kind\":\"\"}", 422, "FIELD_INVALID", "kind");
	expect_refusal("{\"name\":\"a\",\"kind\":\"school \"}", 422, "FIELD_INVALID", "kind");
}

/* jfields.h: JF_DATE a real date, JF_TIME HH:MM. */
static void test_jf_decode_date_time(void **state)
{
	struct rec r;
	struct jf_error e;

	(void)state;
	assert_int_equal(dec("{\"name\":\"a\",\"kind\":\"school\",\"day\":\"2028-02-29\"}", &r, &e), 0);
	expect_refusal("{\"name\":\"a\",\"kind\":\"school\",\"day\":\"2026-02-29\"}", 422,
		       "FIELD_INVALID", "day");
	expect_refusal("{\"name\":\"a\",\"kind\":\"school\",\"day\":\"2026-9-01\"}", 422,
		       "FIELD_INVALID", "day");
	assert_int_equal(dec("{\"name\":\"a\",\"kind\":\"school\",\"at\":\"23:59\"}", &r, &e), 0);
	expect_refusal("{\"name\":\"a\",\"kind\":\"school\",\"at\":\"24:00\"}", 422,
		       "FIELD_INVALID", "at");
}

/* jfields.h: "JF_INT min/max are values": both ends in, one past each out. */
static void test_jf_decode_int_bounds(void **state)
{
	struct rec r;
	struct jf_error e;

	(void)state;
	assert_int_equal(dec("{\"name\":\"a\",\"kind\":\"school\",\"age\":6}", &r, &e), 0);
	assert_int_equal(r.age, 6);
	assert_int_equal(dec("{\"name\":\"a\",\"kind\":\"school\",\"age\":18}", &r, &e), 0);
	assert_int_equal(r.age, 18);
	expect_refusal("{\"name\":\"a\",\"kind\":\"school\",\"age\":5}", 422, "FIELD_INVALID", "age");
	expect_refusal("{\"name\":\"a\",\"kind\":\"school\",\"age\":19}", 422, "FIELD_INVALID", "age");
	expect_refusal("{\"name\":\"a\",\"kind\":\"school\",\"age\":-9223372036854775807}", 422,
		       "FIELD_INVALID", "age");
	/* the refused value is not stored */
	assert_int_equal(dec("{\"name\":\"a\",\"kind\":\"school\",\"age\":19}", &r, &e), -1);
	assert_int_equal(r.age, 0);
}

/* jfields.h: jf_utf8_len counts code points. */
static void test_jf_utf8_len(void **state)
{
	(void)state;
	assert_int_equal(jf_utf8_len(""), 0);
	assert_int_equal(jf_utf8_len("abc"), 3);
	assert_int_equal(jf_utf8_len("汉字"), 2);          /* 3 bytes each */
	assert_int_equal(jf_utf8_len("é"), 1);            /* 2 bytes */
	assert_int_equal(jf_utf8_len("\xF0\x9F\x98\x80"), 1); /* U+1F600, 4 bytes */
	assert_int_equal(jf_utf8_len("a汉\xF0\x9F\x98\x80é"), 4);
}

/* ---- jf_prescan ---- */

/* n opening brackets then n closing, alternating [ and {"a": */
static char *nested(int n)
{
	size_t cap = (size_t)n * 6 + 8, o = 0;
	char *s = malloc(cap);

	assert_non_null(s);
	for (int i = 0; i < n; i++)
		o += (size_t)snprintf(s + o, cap - o, i % 2 ? "{\"a\":" : "[");
	s[o++] = '1';
	for (int i = n - 1; i >= 0; i--)
		s[o++] = i % 2 ? '}' : ']';
	s[o] = '\0';
	return s;
}

static char *array_of(int n)
{
	char *s = malloc((size_t)n * 2 + 3);
	size_t o = 0;

	assert_non_null(s);
	s[o++] = '[';
	for (int i = 0; i < n; i++) {
		if (i)
			s[o++] = ',';
		s[o++] = '0';
	}
	s[o++] = ']';
	s[o] = '\0';
	return s;
}

/* http.h / RELIABILITY "HTTP": a JSON body nests at most 32 deep. */
static void test_jf_prescan_depth(void **state)
{
	char *d32 = nested(32), *d33 = nested(33), *d1 = nested(1);

	(void)state;
	assert_int_equal(jf_prescan(d32, strlen(d32), 32, 1000), 0);
	assert_int_equal(jf_prescan(d33, strlen(d33), 32, 1000), 1);
	assert_int_equal(jf_prescan(d1, strlen(d1), 1, 1000), 0);
	assert_int_equal(jf_prescan("{}", 2, 1, 1000), 0);
	assert_int_equal(jf_prescan("{\"a\":{}}", 8, 1, 1000), 1);
	/* the parser agrees that 32 is valid JSON */
	{
		json_t *j = json_loads(d32, 0, NULL);

		assert_non_null(j);
		json_decref(j);
	}
	/* sibling containers do not add up: depth is nesting, not count */
	assert_int_equal(jf_prescan("[[],[],[],[]]", 13, 2, 1000), 0);
	free(d32);
	free(d33);
	free(d1);
}

/* http.h: no array over 1000 items. */
static void test_jf_prescan_array_length(void **state)
{
	char *a1000 = array_of(1000), *a1001 = array_of(1001), *a1 = array_of(1);
	char *big_obj, *p;
	size_t o = 0;

	(void)state;
	assert_int_equal(jf_prescan(a1000, strlen(a1000), 32, 1000), 0);
	assert_int_equal(jf_prescan(a1001, strlen(a1001), 32, 1000), 2);
	assert_int_equal(jf_prescan(a1, strlen(a1), 32, 1), 0);
	assert_int_equal(jf_prescan("[1,2]", 5, 32, 1), 2);
	assert_int_equal(jf_prescan("[]", 2, 32, 1000), 0);
	/* the limit is per array: two arrays of 1000 are fine */
	p = malloc(strlen(a1000) * 2 + 4);
	assert_non_null(p);
	snprintf(p, strlen(a1000) * 2 + 4, "[%s,%s]", a1000, a1000);
	assert_int_equal(jf_prescan(p, strlen(p), 32, 1000), 0);
	free(p);
	/* an object's 1500 members are not array items */
	big_obj = malloc(1500 * 16 + 8);
	assert_non_null(big_obj);
	o += (size_t)snprintf(big_obj, 8, "[{");
	for (int i = 0; i < 1500; i++)
		o += (size_t)snprintf(big_obj + o, 16, "%s\"k%d\":1", i ? "," : "", i);
	o += (size_t)snprintf(big_obj + o, 4, "}]");
	assert_int_equal(jf_prescan(big_obj, o, 32, 1000), 0);
	free(big_obj);
	/* items of an inner array count for the inner array only */
	{
		char *in = malloc(strlen(a1000) + 16);

		assert_non_null(in);
		snprintf(in, strlen(a1000) + 16, "[1,%s,2]", a1000);
		assert_int_equal(jf_prescan(in, strlen(in), 32, 1000), 0);
		free(in);
	}
	free(a1000);
	free(a1001);
	free(a1);
}

/* jfields.h: "Strings are skipped correctly": brackets, commas and escaped
 * quotes inside strings do not count; an escaped backslash ends correctly. */
static void test_jf_prescan_strings(void **state)
{
	char *brackets = repeat("[{", 40), *commas = repeat(",", 2000), *deep = nested(33);
	char text[8192];

	(void)state;
	snprintf(text, sizeof text, "[\"%s\"]", brackets);
	assert_int_equal(jf_prescan(text, strlen(text), 32, 1000), 0);
	snprintf(text, sizeof text, "[\"%s\"]", commas);
	assert_int_equal(jf_prescan(text, strlen(text), 32, 1000), 0);
	/* an escaped quote does not end the string: the brackets stay inside */
	snprintf(text, sizeof text, "[\"a\\\"%s\"]", brackets);
	assert_int_equal(jf_prescan(text, strlen(text), 32, 1000), 0);
	/* an escaped backslash does end it: what follows counts */
	snprintf(text, sizeof text, "[\"a\\\\\",%s]", deep);
	assert_int_equal(jf_prescan(text, strlen(text), 32, 1000), 1);
	/* keys are strings too */
	snprintf(text, sizeof text, "{\"%s\":1}", brackets);
	assert_int_equal(jf_prescan(text, strlen(text), 32, 1000), 0);
	/* len is honoured: text past len is not scanned */
	snprintf(text, sizeof text, "[1][[[[");
	assert_int_equal(jf_prescan(text, 3, 2, 1000), 0);
	assert_int_equal(jf_prescan(text, strlen(text), 2, 1000), 1);
	free(brackets);
	free(commas);
	free(deep);
}

/* jf_errf: formats, returns -1, and cuts only between characters. */
static void test_jf_errf_cuts_between_characters(void **state)
{
	char err[8];

	(void)state;
	assert_int_equal(jf_errf(err, sizeof err, "第 %d 行", 3), -1);
	assert_string_equal(err, "第 3 "); /* 3 + 3 bytes fit in 7; "行" (3) would not */
	assert_int_equal(jf_errf(err, 7, "%s", "ab中"), -1);
	assert_string_equal(err, "ab中"); /* exactly 5 bytes + NUL */
	assert_int_equal(jf_errf(err, 5, "%s", "ab中"), -1);
	assert_string_equal(err, "ab"); /* the character is dropped whole */
	assert_int_equal(jf_errf(NULL, 5, "x"), -1);
}

/* Codes people type: the right length, only the alphabet without
 * look-alikes, dashes exactly where the grouping puts them. */
static void test_randtext_shape(void **state)
{
	char plain[65], grouped[20], prev[11] = "";
	int same = 0;

	(void)state;
	randtext(plain, 64, 0);
	assert_int_equal(strlen(plain), 64);
	assert_int_equal(strspn(plain, "23456789abcdefghjkmnpqrstuvwxyz"), 64);
	randtext(grouped, 12, 4);
	assert_int_equal(strlen(grouped), 14);
	assert_int_equal(grouped[4], '-');
	assert_int_equal(grouped[9], '-');
	assert_null(strchr(grouped + 10, '-'));
	for (int i = 0; i < 20; i++) { /* 10 characters: a repeat means no randomness */
		char c[11];

		randtext(c, 10, 0);
		same += !strcmp(c, prev);
		memcpy(prev, c, sizeof c);
	}
	assert_int_equal(same, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_limit_exactly_reached_ok),
		cmocka_unit_test(test_buf_one_byte_over_refused_unchanged),
		cmocka_unit_test(test_buf_huge_add_refused),
		cmocka_unit_test(test_buf_printf_long),
		cmocka_unit_test(test_jf_errf_cuts_between_characters),
		cmocka_unit_test(test_buf_grows_and_keeps_bytes),
		cmocka_unit_test(test_buf_printf),
		cmocka_unit_test(test_buf_printf_long_within_scratch),
		cmocka_unit_test(test_date_parse_calendar),
		cmocka_unit_test(test_date_parse_year_range),
		cmocka_unit_test(test_date_parse_shape),
		cmocka_unit_test(test_date_format_round_trip),
		cmocka_unit_test(test_date_weekday),
		cmocka_unit_test(test_date_of_offset_boundary),
		cmocka_unit_test(test_time_rfc3339),
		cmocka_unit_test(test_time_pin),
		cmocka_unit_test(test_hhmm_parse),
		cmocka_unit_test(test_jf_decode_ok),
		cmocka_unit_test(test_jf_decode_unknown_field),
		cmocka_unit_test(test_jf_decode_wrong_type),
		cmocka_unit_test(test_jf_decode_not_object),
		cmocka_unit_test(test_jf_decode_missing_required),
		cmocka_unit_test(test_jf_decode_null_optional),
		cmocka_unit_test(test_jf_decode_null_required_refused),
		cmocka_unit_test(test_jf_decode_string_length_chars),
		cmocka_unit_test(test_jf_decode_control_chars),
		cmocka_unit_test(test_jf_decode_line_and_bidi),
		cmocka_unit_test(test_jf_decode_enum),
		cmocka_unit_test(test_jf_decode_date_time),
		cmocka_unit_test(test_jf_decode_int_bounds),
		cmocka_unit_test(test_jf_utf8_len),
		cmocka_unit_test(test_jf_prescan_depth),
		cmocka_unit_test(test_jf_prescan_array_length),
		cmocka_unit_test(test_jf_prescan_strings),
		cmocka_unit_test(test_randtext_shape),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
