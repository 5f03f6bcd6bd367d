/* table.h - roster files (CSV or .xlsx) in, rows of UTF-8 cells out.
 *
 * Schools keep rosters in Excel and export CSV. Excel in China saves CSV as
 * GB18030 (no BOM) or UTF-8 with a BOM, and "Unicode text" as UTF-16LE with a
 * BOM, tab-separated. table_parse() takes a whole file's bytes, finds out
 * which of these it is, and returns its rows as NUL-terminated UTF-8 cells
 * with the line (CSV) or row number (xlsx) each came from, or refuses the
 * file with a Chinese reason that names the line where there is one.
 *
 * What the caller gets:
 *   - every cell trimmed of surrounding spaces (ASCII space, tab, CR, LF,
 *     U+00A0, the ideographic space U+3000 and a stray BOM U+FEFF);
 *   - rows whose cells are all empty are skipped, so line numbers may jump;
 *   - trailing empty cells are dropped: a row has cells up to its last
 *     non-empty one, so it may have fewer cells than the header (treat a
 *     missing cell as empty). Cell limits count only up to that cell, so a
 *     sheet with formatting far to the right is not refused;
 *   - inside a cell only tab and newline (LF; CRLF and CR become LF) appear;
 *     any other control character (C1 included) or a bidi control (U+061C,
 *     U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) refuses the file, naming
 *     the line (xlsx: Excel's _xHHHH_ escapes are decoded first, so _x0007_
 *     is refused too);
 *   - xlsx numbers are kept as the text Excel stored ("3", "2.5", "3.0",
 *     dates as serial numbers like "45123"); booleans are "TRUE"/"FALSE";
 *     formulas give their cached value.
 *
 * Every size is bounded (struct table_limits) and each bound is a checked
 * refusal, never a truncation. xlsx parts are read with libzip from memory
 * and parsed with expat, streaming; a DOCTYPE is refused (no entity tricks). */
#ifndef SJ_TABLE_H
#define SJ_TABLE_H
#include <stddef.h>

#define TABLE_MAX_BYTES ((size_t)50 << 20)  /* the file: 50 MiB */
#define TABLE_MAX_ROWS ((size_t)6000000)    /* non-empty rows kept */
#define TABLE_MAX_COLS ((size_t)64)         /* cells per row */
#define TABLE_MAX_CELL ((size_t)4096)       /* bytes of one cell, after trimming */
#define TABLE_MAX_PART ((size_t)200 << 20)  /* uncompressed size of one xlsx part */
#define TABLE_MAX_STRINGS ((size_t)8000000) /* xlsx shared strings */
#define TABLE_MAX_TEXT ((size_t)200 << 20)  /* xlsx: all cells' bytes together */

struct table_row {
	int line; /* 1-based line (CSV: where the row starts) or xlsx row number */
	size_t ncells;
	char **cells; /* ncells NUL-terminated UTF-8 strings; one allocation with
	               * the strings, owned by the table */
};

struct table {
	size_t nrows;
	struct table_row *rows; /* owned; free with table_free() */
	char format[8];         /* "csv" or "xlsx" */
	char encoding[16];      /* "utf-8", "utf-8-bom", "gb18030", "utf-16le" or "xlsx" */
};

/* The bounds table_parse() uses; table_default_limits holds the numbers
 * above. Tests pass smaller ones to check both sides of each bound. */
struct table_limits {
	size_t max_bytes, max_rows, max_cols, max_cell, max_part, max_strings, max_text;
};
extern const struct table_limits table_default_limits;

/* Parse a whole file held in memory (data need not be NUL-terminated).
 * Format by content: a ZIP signature means .xlsx (its first worksheet),
 * anything else CSV (comma-separated; tab-separated when the first line has
 * tabs and no commas, or the file is UTF-16LE). *out is overwritten: on
 * success the caller owns it and frees it with table_free(); on failure it is
 * left empty (nothing to free, freeing is harmless).
 * Returns 0, or -1 with err (errlen bytes, always NUL-terminated, cut only
 * between characters) set to a Chinese reason, e.g. "第 12 行：引号未闭合",
 * "文件超过 50 MB", "文件为空", "第 3 行超过 64 列",
 * "第 7 行：无法识别的文字编码（既不是 UTF-8 也不是 GB18030）",
 * "xlsx 文件内容过大", "xlsx 文件已损坏：…". A file with no non-empty row is
 * refused as empty. Never library text or server paths. */
int table_parse(const char *data, size_t len, struct table *out, char *err, size_t errlen);

/* table_parse() with a different file-size bound (the other bounds are the
 * defaults, so a bigger CSV still stops at 6,000,000 rows); at most
 * INT_MAX - 1 bytes. "文件超过 N 字节" when max_bytes is not a whole number
 * of MiB, else "文件超过 N MB". */
int table_parse_limited(const char *data, size_t len, size_t max_bytes, struct table *out,
                        char *err, size_t errlen);

/* table_parse() with every bound given; lim->max_cols is capped at 16384. */
int table_parse_with(const char *data, size_t len, const struct table_limits *lim,
                     struct table *out, char *err, size_t errlen);

/* Read path (at most TABLE_MAX_BYTES + 1 bytes, to tell a too-big file) and
 * parse it. A file that cannot be read gives "无法读取文件" (never the path or
 * errno text). Same ownership and errors as table_parse(). */
int table_load_file(const char *path, struct table *out, char *err, size_t errlen);

/* Append a copy of cells[0..ncells) (NULL counts as "") as a row with the
 * given line, e.g. to build rows for xlsx_write(). Cells are copied as they
 * are (not trimmed). t starts zeroed. Returns 0, or -1 when memory runs out
 * or ncells or nrows would pass 16384 or 6,000,000 (t unchanged). */
int table_add_row(struct table *t, int line, const char *const *cells, size_t ncells);

/* Free what a table owns and leave it empty; NULL is fine. */
void table_free(struct table *t);

/* Length of the longest valid UTF-8 prefix of s[0..n) (strict: no overlong
 * forms, no surrogates, nothing past U+10FFFF); n when all of it is valid. */
size_t table_utf8_valid(const char *s, size_t n);

#endif
