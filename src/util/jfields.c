#include "util/jfields.h"
#include "util/timeutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

size_t jf_utf8_copy(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);

	if (cap == 0)
		return 0;
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--; /* src[n] would start the cut character: drop it whole */
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
	return n;
}

int jf_errf(char *err, size_t cap, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;

	if (!err || cap == 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	jf_utf8_copy(err, cap, tmp);
	return -1;
}

static int refuse(struct jf_error *err, int status, const char *code, const char *field,
		  const char *msg)
{
	err->status = status;
	err->code = code;
	jf_utf8_copy(err->field, sizeof err->field, field);
	jf_utf8_copy(err->message, sizeof err->message, msg);
	return -1;
}

size_t jf_utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static const struct jfield *lookup(const struct jfield *f, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i].name, name) == 0)
			return &f[i];
	return NULL;
}

/* A code point a string field never holds: C0 and C1 controls (but \n and \t
 * in a multi-line field), DEL, and the bidi controls that reorder the text
 * shown around them; U+2028 and U+2029 break a single line. */
static bool bad_code_point(uint32_t c, bool multiline)
{
	if (c < 0x20)
		return !(multiline && (c == '\n' || c == '\t'));
	return (c >= 0x7F && c <= 0x9F) || c == 0x61C || c == 0x200E || c == 0x200F ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
	       (!multiline && (c == 0x2028 || c == 0x2029));
}

/* Does s (UTF-8, as jansson hands it) hold a code point bad_code_point()
 * refuses? Bytes that do not decode are left to the JSON layer. */
static bool has_bad_char(const char *s, bool multiline)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		uint32_t c = *p;
		int n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : 3;

		c = n == 0 ? c : n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F) : (c & 0x07);
		p++;
		for (int i = 0; i < n && (*p & 0xC0) == 0x80; i++, p++)
			c = c << 6 | (*p & 0x3F);
		if (bad_code_point(c, multiline))
			return true;
	}
	return false;
}

static int check_str(const struct jfield *f, const char *s, struct jf_error *err)
{
	char msg[256];
	size_t len = jf_utf8_len(s);
	int64_t dummy;
	int mins;

	switch (f->type) {
	case JF_STR:
	case JF_TEXT:
		if ((int64_t)len < f->min || (int64_t)len > f->max) {
			snprintf(msg, sizeof msg, "%s长度应为 %lld 到 %lld 个字符", f->label,
				 (long long)f->min, (long long)f->max);
			return refuse(err, 422, "FIELD_INVALID", f->name, msg);
		}
		if (has_bad_char(s, f->type == JF_TEXT)) {
			snprintf(msg, sizeof msg,
				 f->type == JF_TEXT
					 ? "%s含有不可见的控制字符或文字方向控制符，请删除后再提交"
					 : "%s只能填一行，不能含有换行、制表符、不可见的控制字符或文字方向控制符",
				 f->label);
			return refuse(err, 422, "FIELD_INVALID", f->name, msg);
		}
		return 0;
	case JF_ENUM:
		for (const char *const *e = f->enums; e && *e; e++)
			if (strcmp(*e, s) == 0)
				return 0;
		snprintf(msg, sizeof msg, "%s的取值不在允许范围内", f->label);
		return refuse(err, 422, "FIELD_INVALID", f->name, msg);
	case JF_DATE:
		if (date_parse(s, &dummy) == 0)
			return 0;
		snprintf(msg, sizeof msg, "%s应为有效日期，格式 YYYY-MM-DD", f->label);
		return refuse(err, 422, "FIELD_INVALID", f->name, msg);
	case JF_TIME:
		if (hhmm_parse(s, &mins) == 0)
			return 0;
		snprintf(msg, sizeof msg, "%s应为有效时间，格式 HH:MM", f->label);
		return refuse(err, 422, "FIELD_INVALID", f->name, msg);
	default:
		return 0;
	}
}

static int decode_one(const struct jfield *f, json_t *v, void *out, struct jf_error *err)
{
	char msg[256];
	char *slot = (char *)out + f->off;

	switch (f->type) {
	case JF_INT:
		if (!json_is_integer(v))
			break;
		if (json_integer_value(v) < f->min || json_integer_value(v) > f->max) {
			snprintf(msg, sizeof msg, "%s应在 %lld 到 %lld 之间", f->label,
				 (long long)f->min, (long long)f->max);
			return refuse(err, 422, "FIELD_INVALID", f->name, msg);
		}
		*(int64_t *)(void *)slot = json_integer_value(v);
		return 0;
	case JF_BOOL:
		if (!json_is_boolean(v))
			break;
		*(int *)(void *)slot = json_is_true(v);
		return 0;
	default:
		if (!json_is_string(v))
			break;
		if (check_str(f, json_string_value(v), err) != 0)
			return -1;
		*(const char **)(void *)slot = json_string_value(v);
		return 0;
	}
	snprintf(msg, sizeof msg, "%s的类型不正确", f->label);
	return refuse(err, 400, "FIELD_TYPE", f->name, msg);
}

int jf_decode(json_t *obj, const struct jfield *f, size_t n, void *out, struct jf_error *err)
{
	const char *key;
	json_t *v;
	char msg[256];

	if (!json_is_object(obj))
		return refuse(err, 400, "JSON_NOT_OBJECT", "", "请求体应为 JSON 对象");
	json_object_foreach(obj, key, v) {
		const struct jfield *fd = lookup(f, n, key);

		if (!fd) {
			char shortkey[64];

			jf_utf8_copy(shortkey, sizeof shortkey, key);
			snprintf(msg, sizeof msg, "不认识的字段：%s", shortkey);
			return refuse(err, 400, "FIELD_UNKNOWN", key, msg);
		}
		if (json_is_null(v))
			continue; /* absent; a required one is refused below (422) */
		if (decode_one(fd, v, out, err) != 0)
			return -1;
	}
	for (size_t i = 0; i < n; i++) {
		v = json_object_get(obj, f[i].name);
		if (f[i].required && (!v || json_is_null(v))) {
			snprintf(msg, sizeof msg, "缺少必填字段：%s", f[i].label);
			return refuse(err, 422, "FIELD_REQUIRED", f[i].name, msg);
		}
	}
	return 0;
}

int jf_prescan(const char *text, size_t len, int max_depth, int max_array)
{
	int depth = 0, counts[130];
	char kinds[130];
	int in_str = 0;

	if (max_depth > 128)
		max_depth = 128;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];

		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
			continue;
		}
		switch (c) {
		case '"':
			in_str = 1;
			break;
		case '[':
		case '{':
			if (++depth > max_depth)
				return 1;
			kinds[depth] = c;
			counts[depth] = 0;
			break;
		case ']':
		case '}':
			if (depth > 0)
				depth--;
			break;
		case ',':
			if (depth > 0 && kinds[depth] == '[' && ++counts[depth] >= max_array)
				return 2;
			break;
		default:
			break;
		}
	}
	return 0;
}
