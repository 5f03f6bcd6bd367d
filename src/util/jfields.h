/* jfields.h - describe a JSON body once, decode and check it generically.
 *
 * A record type is a table of struct jfield (name, type, offset into the C
 * struct, required, limits, enum values, Chinese label). jf_decode() refuses
 * unknown fields, wrong types, missing required fields and values out of
 * range, naming the field; decoded strings point into the json_t and live as
 * long as it does. Strings never hold C0 or C1 control characters nor bidi
 * controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), so a name
 * cannot reorder what is shown around it; a JF_STR field is one line (no \n,
 * \t, U+2028 or U+2029), a JF_TEXT field may hold \n and \t.
 *
 * jf_prescan() checks raw JSON text for nesting depth and array length before
 * it is parsed, so hostile bodies are refused cheaply. */
#ifndef SJ_JFIELDS_H
#define SJ_JFIELDS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum jf_type {
	JF_STR,  /* const char *, one line; min/max are lengths in characters */
	JF_INT,  /* int64_t; min/max are values */
	JF_BOOL, /* int (0/1) */
	JF_ENUM, /* const char *, one of enums[] (NULL-terminated) */
	JF_DATE, /* const char *, YYYY-MM-DD, a real date */
	JF_TIME, /* const char *, HH:MM */
	JF_TEXT  /* as JF_STR, but several lines: \n and \t are allowed (a textarea) */
};

struct jfield {
	const char *name;
	enum jf_type type;
	size_t off;
	bool required;
	int64_t min, max;
	const char *const *enums;
	const char *label; /* 中文 field name for messages */
};

/* Status of a refusal: 400 for shape (unknown field, wrong type), 422 for a
 * value that breaks a limit. */
struct jf_error {
	int status;
	const char *code;  /* FIELD_UNKNOWN, FIELD_TYPE, FIELD_REQUIRED, FIELD_INVALID */
	char field[64];
	char message[256]; /* 中文 */
};

/* out must be zeroed by the caller; absent optional fields stay zero/NULL.
 * Returns 0 or -1 with *err filled. */
int jf_decode(json_t *obj, const struct jfield *f, size_t n, void *out, struct jf_error *err);

/* Characters (code points) in a UTF-8 string. */
size_t jf_utf8_len(const char *s);

/* Copy src into dst (cap bytes with the NUL), cut only between characters, so
 * the copy stays valid UTF-8. Returns the bytes copied. */
size_t jf_utf8_copy(char *dst, size_t cap, const char *src);

/* Format a message into err (cap bytes), cut only between characters.
 * Returns -1, so that `return jf_errf(err, cap, "...")` reports a failure. */
int jf_errf(char *err, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* 0 if the text nests at most max_depth deep and no array holds more than
 * max_array items; 1 for too deep, 2 for too long an array. Strings are
 * skipped correctly; malformed text is left to the parser. */
int jf_prescan(const char *text, size_t len, int max_depth, int max_array);

#endif
