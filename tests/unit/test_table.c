/* test_table.c - src/util/table (CSV and .xlsx in) and src/util/xlsx_out (.xlsx out).
 *
 * Each test names the promise of table.h or xlsx_out.h it checks. Every
 * bound is tested on both sides: the documented defaults where that is fast
 * (64/65 columns, 4096/4097 bytes, 50 MiB exactly and one byte more), the same
 * code with small bounds through table_parse_with() where it is not (rows,
 * xlsx part size, shared strings, total text). xlsx files are made by
 * xlsx_write() or, for the shapes it never writes, built part by part with
 * libzip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <iconv.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "util/table.h"
#include "util/xlsx_out.h"

/* ---- helpers ---- */

static char g_dir[64];

static int setup_dir(void **state)
{
	(void)state;
	snprintf(g_dir, sizeof g_dir, "/tmp/sj-table-XXXXXX");
	return mkdtemp(g_dir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void tpath(char *out, size_t cap, const char *name)
{
	snprintf(out, cap, "%s/%s", g_dir, name);
}

/* Parse a NUL-terminated string; asserts the outcome, returns the table. */
static struct table parse_ok(const char *s)
{
	struct table t;
	char err[256] = "";
	int rc = table_parse(s, strlen(s), &t, err, sizeof err);

	if (rc != 0)
		fail_msg("refused: %s", err);
	return t;
}

static void parse_refused(const char *s, size_t n, const char *want)
{
	struct table t;
	char err[256] = "";

	assert_int_equal(table_parse(s, n, &t, err, sizeof err), -1);
	if (!strstr(err, want))
		fail_msg("error \"%s\" does not contain \"%s\"", err, want);
	assert_int_equal(t.nrows, 0);
	assert_null(t.rows);
}

static void assert_row(const struct table *t, size_t i, int line, size_t n, ...)
{
	va_list ap;

	assert_true(i < t->nrows);
	assert_int_equal(t->rows[i].line, line);
	assert_int_equal(t->rows[i].ncells, n);
	va_start(ap, n);
	for (size_t k = 0; k < n; k++)
		assert_string_equal(t->rows[i].cells[k], va_arg(ap, const char *));
	va_end(ap);
}

/* UTF-8 text converted to `to` with iconv (malloc'd, *n bytes). */
static char *conv(const char *to, const char *s, size_t *n)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	size_t il = strlen(s), ol = il * 4 + 16;
	char *out = malloc(ol), *ip = (char *)s, *op = out;

	assert_true(cd != (iconv_t)-1);
	assert_non_null(out);
	assert_int_not_equal(iconv(cd, &ip, &il, &op, &ol), (size_t)-1);
	iconv_close(cd);
	*n = (size_t)(op - out);
	return out;
}

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

/* A line of n cells "c1,c2,...". */
static char *cells_line(size_t n, char sep)
{
	char *out = malloc(n * 8 + 2);
	size_t len = 0;

	assert_non_null(out);
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, 8, "%sc%zu", i ? (sep == ',' ? "," : "\t") : "",
		                        i + 1);
	out[len++] = '\n';
	out[len] = '\0';
	return out;
}

static char *read_all(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *d;
	long sz;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	sz = ftell(f);
	assert_true(sz >= 0);
	rewind(f);
	d = malloc((size_t)sz + 1);
	assert_non_null(d);
	assert_int_equal(fread(d, 1, (size_t)sz, f), (size_t)sz);
	fclose(f);
	d[sz] = '\0';
	*n = (size_t)sz;
	return d;
}

/* A part of a hand-made xlsx. */
struct part {
	const char *name, *text;
	size_t len; /* 0: strlen(text) */
};

/* Build a zip of parts at path (deflated), read it back into memory. */
static char *make_zip(const char *name, const struct part *p, size_t n, size_t *len)
{
	char path[256];
	zip_t *z;
	int ze;

	tpath(path, sizeof path, name);
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &ze);
	assert_non_null(z);
	for (size_t i = 0; i < n; i++) {
		size_t l = p[i].len ? p[i].len : strlen(p[i].text);
		zip_source_t *s = zip_source_buffer(z, p[i].text, l, 0);
		zip_int64_t idx;

		assert_non_null(s);
		idx = zip_file_add(z, p[i].name, s, ZIP_FL_OVERWRITE);
		assert_true(idx >= 0);
		assert_int_equal(zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 1),
		                 0);
	}
	assert_int_equal(zip_close(z), 0);
	return read_all(path, len);
}

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"

static const char WB_XML[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheets>"
    "<sheet name=\"名单\" sheetId=\"1\" r:id=\"rId7\"/>"
    "<sheet name=\"Other\" sheetId=\"2\" r:id=\"rId1\"/></sheets></workbook>";
static const char RELS_XML[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"" NS_PKG "\">"
    "<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId7\" Type=\"" NS_REL "/worksheet\" Target=\"worksheets/data.xml\"/>"
    "</Relationships>";
static const char OTHER_SHEET[] = "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\">"
                                  "<c r=\"A1\" t=\"inlineStr\"><is><t>wrong sheet</t></is></c>"
                                  "</row></sheetData></worksheet>";

/* A workbook whose first sheet (rId7 -> worksheets/data.xml) holds sheet_xml
 * and optional shared strings. */
static char *make_xlsx(const char *sheet_xml, const char *sst_xml, size_t *len)
{
	struct part p[5] = {
	    {"xl/workbook.xml", WB_XML, 0},
	    {"xl/_rels/workbook.xml.rels", RELS_XML, 0},
	    {"xl/worksheets/sheet1.xml", OTHER_SHEET, 0},
	    {"xl/worksheets/data.xml", sheet_xml, 0},
	    {"xl/sharedStrings.xml", sst_xml ? sst_xml : "", 0},
	};

	return make_zip("hand.xlsx", p, sst_xml ? 5 : 4, len);
}

static char *sheet_of(const char *rows)
{
	static const char head[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" NS_MAIN
	    "\"><sheetData>";
	static const char tail[] = "</sheetData></worksheet>";
	size_t n = strlen(head) + strlen(rows) + strlen(tail) + 1;
	char *s = malloc(n);

	assert_non_null(s);
	snprintf(s, n, "%s%s%s", head, rows, tail);
	return s;
}

/* ================================================================ CSV */

/* table.h: "line: 1-based line"; "Empty lines (all cells empty) are skipped". */
static void test_csv_simple_rows_and_lines(void **state)
{
	struct table t =
	    parse_ok("学校,班级,人数\n一小,一年级（1）班,45\n\n二小,二年级（3）班,40\n");

	(void)state;
	assert_string_equal(t.format, "csv");
	assert_string_equal(t.encoding, "utf-8");
	assert_int_equal(t.nrows, 3);
	assert_row(&t, 0, 1, 3, "学校", "班级", "人数");
	assert_row(&t, 1, 2, 3, "一小", "一年级（1）班", "45");
	assert_row(&t, 2, 4, 3, "二小", "二年级（3）班", "40");
	table_free(&t);
	/* no newline at the end */
	t = parse_ok("a,b");
	assert_row(&t, 0, 1, 2, "a", "b");
	table_free(&t);
}

/* RFC 4180: quotes, "" inside quotes, a comma and a newline inside a quoted
 * cell; the row's line is where it starts. */
static void test_csv_quotes(void **state)
{
	struct table t = parse_ok("姓名,备注\n\"张三\",\"说 \"\"你好\"\", 然后走了\"\n"
	                          "\"李四\",\"第一行\n第二行\n第三行\"\n王五,\"\"\n");

	(void)state;
	assert_int_equal(t.nrows, 4);
	assert_row(&t, 1, 2, 2, "张三", "说 \"你好\", 然后走了");
	assert_row(&t, 2, 3, 2, "李四", "第一行\n第二行\n第三行");
	assert_row(&t, 3, 6, 1, "王五"); /* "" is empty, and trailing empties go */
	table_free(&t);
	/* spaces around a quoted cell are allowed and trimmed */
	t = parse_ok("  \"a, b\"  ,c\n");
	assert_row(&t, 0, 1, 2, "a, b", "c");
	table_free(&t);
	/* a quote inside an unquoted cell is kept as it is (what Excel does) */
	t = parse_ok("5\"3,x\n");
	assert_row(&t, 0, 1, 2, "5\"3", "x");
	table_free(&t);
}

/* table.h: CRLF and LF; "CRLF and CR become LF" inside cells. */
static void test_csv_crlf(void **state)
{
	struct table t = parse_ok("a,b\r\nc,d\r\n\"e\r\nf\",g\r\nh,i\r\n");

	(void)state;
	assert_int_equal(t.nrows, 4);
	assert_row(&t, 0, 1, 2, "a", "b");
	assert_row(&t, 1, 2, 2, "c", "d");
	assert_row(&t, 2, 3, 2, "e\nf", "g");
	assert_row(&t, 3, 5, 2, "h", "i");
	table_free(&t);
	t = parse_ok("a\rb\r"); /* old Mac line ends */
	assert_row(&t, 1, 2, 1, "b");
	table_free(&t);
}

/* table.h: "a UTF-8 BOM is stripped", encoding "utf-8-bom". */
static void test_csv_bom_stripped(void **state)
{
	struct table t = parse_ok("\xEF\xBB\xBF姓名,班级\n张三,一年级（1）班\n");

	(void)state;
	assert_string_equal(t.encoding, "utf-8-bom");
	assert_row(&t, 0, 1, 2, "姓名", "班级");
	assert_row(&t, 1, 2, 2, "张三", "一年级（1）班");
	table_free(&t);
	/* a BOM on bytes that are not UTF-8 is refused, naming the line */
	parse_refused("\xEF\xBB\xBF"
	              "a\nb,\xD5\xC5\n",
	              9, "第 2 行");
}

/* table.h: bytes that are not UTF-8 are converted from GB18030. */
static void test_csv_gb18030(void **state)
{
	static const char utf8[] = "姓名,班级,学籍号\n张三,一年级（1）班,G110101201501010012\n"
	                           "欧阳娜娜,二年级（3）班,\"0012\"\n𠀀,€,\n";
	size_t n;
	char *gb = conv("GB18030", utf8, &n);
	struct table t, u;
	char err[256];

	(void)state;
	assert_true(table_utf8_valid(gb, n) < n); /* the test is only honest if it is not UTF-8 */
	assert_int_equal(table_parse(gb, n, &t, err, sizeof err), 0);
	u = parse_ok(utf8);
	assert_string_equal(t.encoding, "gb18030");
	assert_int_equal(t.nrows, u.nrows);
	for (size_t i = 0; i < t.nrows; i++) {
		assert_int_equal(t.rows[i].line, u.rows[i].line);
		assert_int_equal(t.rows[i].ncells, u.rows[i].ncells);
		for (size_t k = 0; k < t.rows[i].ncells; k++)
			assert_string_equal(t.rows[i].cells[k], u.rows[i].cells[k]);
	}
	assert_row(&t, 1, 2, 3, "张三", "一年级（1）班", "G110101201501010012");
	table_free(&t);
	table_free(&u);
	free(gb);
}

/* table.h: "if that fails too, refuse", naming the line. */
static void test_csv_neither_encoding_refused(void **state)
{
	static const char bad[] = "name,class\nok,ok\nx,\xFF\xFE\xFD\n";
	static const char lone[] = "a,\x81\n"; /* a GB18030 lead byte with no trail */

	(void)state;
	parse_refused(bad, sizeof bad - 1,
	              "第 3 行：无法识别的文字编码（既不是 UTF-8 也不是 GB18030）");
	parse_refused(lone, sizeof lone - 1, "无法识别的文字编码");
}

/* table.h: "第 12 行：引号未闭合" names the line where the quote opens. */
static void test_csv_unclosed_quote(void **state)
{
	static const char s[] = "a,b\nc,d\ne,\"open\nstill open\n";

	(void)state;
	parse_refused(s, sizeof s - 1, "第 3 行：引号未闭合");
	parse_refused("\"", 1, "第 1 行：引号未闭合");
	parse_refused("\"a\"b,c\n", 7, "第 1 行：引号后面还有字符");
}

/* table.h: "cells per row <= 64": 64 ok, 65 refused naming the line. */
static void test_csv_64_columns(void **state)
{
	char *ok = cells_line(64, ',');
	char *over = cells_line(65, ',');
	char *two = NULL;
	struct table t;
	size_t n;

	(void)state;
	t = parse_ok(ok);
	assert_int_equal(t.rows[0].ncells, 64);
	assert_string_equal(t.rows[0].cells[63], "c64");
	table_free(&t);
	n = strlen(ok) + strlen(over) + 1;
	two = malloc(n);
	assert_non_null(two);
	snprintf(two, n, "%s%s", ok, over);
	parse_refused(two, strlen(two), "第 2 行超过 64 列");
	/* empty cells past the 64th do not count (Excel exports them) */
	free(over);
	over = malloc(strlen(ok) + 200);
	assert_non_null(over);
	snprintf(over, strlen(ok) + 200, "%.*s,,,  ,,\n", (int)strlen(ok) - 1, ok);
	t = parse_ok(over);
	assert_int_equal(t.rows[0].ncells, 64);
	table_free(&t);
	free(ok);
	free(over);
	free(two);
}

/* table.h: "a cell <= 4096 bytes": 4096 ok, 4097 refused; measured after
 * trimming; the defaults are the documented numbers. */
static void test_csv_cell_4096(void **state)
{
	char *c4096 = repeat("x", 4096), *c4097 = repeat("x", 4097);
	char *cjk = repeat("张", 1365); /* 4095 bytes */
	char buf[8300];
	struct table t;

	(void)state;
	assert_int_equal(TABLE_MAX_CELL, 4096);
	assert_int_equal(table_default_limits.max_cell, 4096);
	snprintf(buf, sizeof buf, "a,%s\n", c4096);
	t = parse_ok(buf);
	assert_int_equal(strlen(t.rows[0].cells[1]), 4096);
	table_free(&t);
	snprintf(buf, sizeof buf, "a,   %s   \n", c4096);
	t = parse_ok(buf);
	assert_int_equal(strlen(t.rows[0].cells[1]), 4096);
	table_free(&t);
	snprintf(buf, sizeof buf, "a\nb,\"%s\"\n", c4097);
	parse_refused(buf, strlen(buf), "第 2 行第 2 列超过 4096 字节");
	snprintf(buf, sizeof buf, "%s\n", cjk);
	t = parse_ok(buf);
	table_free(&t);
	snprintf(buf, sizeof buf, "%s张\n", cjk);
	parse_refused(buf, strlen(buf), "第 1 行第 1 列超过 4096 字节");
	free(c4096);
	free(c4097);
	free(cjk);
}

/* table.h: "文件为空" for no bytes, and for a file with no non-empty row. */
static void test_csv_empty_refused(void **state)
{
	(void)state;
	parse_refused("", 0, "文件为空");
	parse_refused("\n\n\r\n", 4, "文件为空");
	parse_refused(" , ,\n\t\n", 7, "文件为空");
	parse_refused("\xEF\xBB\xBF", 3, "文件为空");
}

/* table.h: cells trimmed; "rows whose cells are all empty are skipped". */
static void test_csv_whitespace_lines_skipped(void **state)
{
	struct table t = parse_ok("a,b\n   \n , ,\n\t\n\xE3\x80\x80\n  c ,\xC2\xA0 d\xE3\x80\x80\n"
	                          "\xEF\xBB\xBF姓名\xEF\xBB\xBF,x y\n");

	(void)state;
	assert_int_equal(t.nrows, 3);
	assert_row(&t, 0, 1, 2, "a", "b");
	assert_row(&t, 1, 6, 2, "c", "d");
	assert_row(&t, 2, 7, 2, "姓名", "x y"); /* inner spaces stay */
	table_free(&t);
}

/* table.h: "file <= 50 MiB": exactly 50 MiB is read, one byte more refused. */
static void test_csv_50mib(void **state)
{
	size_t n = TABLE_MAX_BYTES;
	char *d = malloc(n + 1), err[256];
	static const char line[] =
	    "张三,一年级（1）班,G110101201501010012,备注备注备注备注备注备注\n";
	size_t ll = sizeof line - 1, rows = 0;
	struct table t;

	(void)state;
	assert_int_equal(TABLE_MAX_BYTES, 50u * 1024 * 1024);
	assert_non_null(d);
	for (size_t i = 0; i + ll <= n; i += ll, rows++)
		memcpy(d + i, line, ll);
	memset(d + rows * ll, 'x', n - rows * ll); /* the last row: a short tail */
	assert_int_equal(table_parse(d, n, &t, err, sizeof err), 0);
	assert_int_equal(t.nrows, rows + 1);
	assert_int_equal(t.rows[rows].line, (int)rows + 1);
	table_free(&t);
	d[n] = 'x';
	assert_int_equal(table_parse(d, n + 1, &t, err, sizeof err), -1);
	assert_string_equal(err, "文件超过 50 MB");
	free(d);
}

/* table.h table_parse_limited(): the same bound with a small number. */
static void test_csv_size_limited(void **state)
{
	char *d = repeat("a,b\n", 25); /* 100 bytes */
	char err[256];
	struct table t;

	(void)state;
	assert_int_equal(table_parse_limited(d, 100, 100, &t, err, sizeof err), 0);
	assert_int_equal(t.nrows, 25);
	table_free(&t);
	d[99] = 'x';
	assert_int_equal(table_parse_limited(d, 100, 99, &t, err, sizeof err), -1);
	assert_string_equal(err, "文件超过 99 字节");
	assert_int_equal(table_parse_limited(d, 100, 2u << 20, &t, err, sizeof err), 0);
	table_free(&t);
	free(d);
	/* a whole number of MiB is named in MB */
	d = repeat("a,b\n", (1u << 20) / 4);
	assert_int_equal(table_parse_limited(d, 1u << 20, 1u << 20, &t, err, sizeof err), 0);
	table_free(&t);
	assert_int_equal(table_parse_limited(d, 1u << 20, (1u << 20) - 1, &t, err, sizeof err), -1);
	assert_string_equal(err, "文件超过 1048575 字节");
	free(d);
	d = repeat("a,b\n", (1u << 20) / 4 + 1);
	assert_int_equal(table_parse_limited(d, (1u << 20) + 4, 1u << 20, &t, err, sizeof err), -1);
	assert_string_equal(err, "文件超过 1 MB");
	free(d);
}

/* table.h: "rows <= 6,000,000": both sides with a small bound, and the default. */
static void test_csv_rows_limit(void **state)
{
	struct table_limits l = table_default_limits;
	char err[256];
	struct table t;

	(void)state;
	assert_int_equal(TABLE_MAX_ROWS, 6000000);
	assert_int_equal(table_default_limits.max_rows, 6000000);
	l.max_rows = 3;
	assert_int_equal(table_parse_with("a\nb\n\nc\n", 7, &l, &t, err, sizeof err), 0);
	assert_int_equal(t.nrows, 3);
	table_free(&t);
	assert_int_equal(table_parse_with("a\nb\n\nc\nd", 8, &l, &t, err, sizeof err), -1);
	assert_string_equal(err, "文件超过 3 行");
	/* max_text bounds what an xlsx inflates to; a CSV is bounded by its size */
	l = table_default_limits;
	l.max_text = 1;
	assert_int_equal(table_parse_with("abc,def\n", 8, &l, &t, err, sizeof err), 0);
	table_free(&t);
}

/* table.h: "rows <= 6,000,000" with the real bound: 6,000,000 rows read,
 * one more refused (about a second each). */
static void test_csv_6m_rows(void **state)
{
	size_t n = TABLE_MAX_ROWS + 1;
	char *d = repeat("7\n", n), err[256];
	struct table t;

	(void)state;
	assert_int_equal(table_parse(d, 2 * (n - 1), &t, err, sizeof err), 0);
	assert_int_equal(t.nrows, TABLE_MAX_ROWS);
	assert_int_equal(t.rows[TABLE_MAX_ROWS - 1].line, 6000000);
	table_free(&t);
	assert_int_equal(table_parse(d, 2 * n, &t, err, sizeof err), -1);
	assert_string_equal(err, "文件超过 6000000 行");
	free(d);
}

/* table.h: control characters other than tab and newline are refused with
 * the line; tab inside a comma-separated cell is kept. */
static void test_csv_control_chars(void **state)
{
	static const char nul[] = "a\nb,c\0d\n";
	struct table t = parse_ok("a,\"b\tc\"\n");

	(void)state;
	assert_row(&t, 0, 1, 2, "a", "b\tc");
	table_free(&t);
	parse_refused("a,b\x01"
	              "c\n",
	              6, "第 1 行第 2 列含有不可见的控制字符");
	parse_refused(nul, sizeof nul - 1, "第 2 行第 2 列含有不可见的控制字符");
	parse_refused("x\n\x7F\n", 4, "第 2 行第 1 列");
	parse_refused("\x1B[31m,red\n", 10, "控制字符");
}

/* table.h: a cell holds no C1 control nor bidi control (U+061C, U+200E,
 * U+200F, U+202A-U+202E, U+2066-U+2069), which could make a name read
 * differently on every page that shows it; other non-ASCII text is kept. */
static void test_csv_bidi_controls(void **state)
{
	static const char *const bad[] = {
		"\xC2\x85", "\xC2\x9F", "\xD8\x9C", "\xE2\x80\x8E", "\xE2\x80\x8F", "\xE2\x80\xAA",
		"\xE2\x80\xAE", "\xE2\x81\xA6", "\xE2\x81\xA9", NULL
	};
	struct table t;

	(void)state;
	for (int i = 0; bad[i]; i++) {
		char text[64];
		int n = snprintf(text, sizeof text, "学籍号,姓名\nG1,张%s三\n", bad[i]);

		parse_refused(text, (size_t)n, "第 2 行第 2 列含有不可见的控制字符或文字方向控制符");
	}
	/* neighbours of the refused ranges, and Chinese, stay */
	t = parse_ok("学籍号,姓名\nG1,张\xC2\xA9三\xE2\x80\x8D\xE2\x80\xAF\xE2\x81\xA5\xE2\x81\xAA\n");
	assert_row(&t, 1, 2, 2, "G1", "张\xC2\xA9三\xE2\x80\x8D\xE2\x80\xAF\xE2\x81\xA5\xE2\x81\xAA");
	table_free(&t);
}

/* table.h: TAB-separated when the first line has tabs and no commas. */
static void test_csv_tab_separated(void **state)
{
	struct table t = parse_ok("姓名\t班级\n张三\t一年级（1）班,二班\n");

	(void)state;
	assert_row(&t, 0, 1, 2, "姓名", "班级");
	assert_row(&t, 1, 2, 2, "张三", "一年级（1）班,二班");
	table_free(&t);
	t = parse_ok("a\tb,c\nd,e\n"); /* a comma in the first line: comma-separated */
	assert_row(&t, 0, 1, 2, "a\tb", "c");
	table_free(&t);
	{
		char *over = cells_line(65, '\t');

		parse_refused(over, strlen(over), "第 1 行超过 64 列");
		free(over);
	}
}

/* table.h: Excel's "Unicode text", UTF-16LE with a BOM, tab-separated. */
static void test_csv_utf16le_tsv(void **state)
{
	static const char utf8[] =
	    "\xEF\xBB\xBF姓名\t班级\t备注\r\n张三\t一年级（1）班\t含,逗号\r\n𠀀\t\t\r\n";
	size_t n;
	char *u16 = conv("UTF-16LE", utf8, &n); /* the BOM becomes FF FE */
	struct table t;
	char err[256];

	(void)state;
	assert_true((unsigned char)u16[0] == 0xFF && (unsigned char)u16[1] == 0xFE);
	assert_int_equal(table_parse(u16, n, &t, err, sizeof err), 0);
	assert_string_equal(t.encoding, "utf-16le");
	assert_int_equal(t.nrows, 3);
	assert_row(&t, 0, 1, 3, "姓名", "班级", "备注");
	assert_row(&t, 1, 2, 3, "张三", "一年级（1）班", "含,逗号");
	assert_row(&t, 2, 3, 1, "𠀀");
	table_free(&t);
	/* a lone surrogate is not UTF-16 */
	u16[n - 2] = '\x00';
	u16[n - 1] = '\xD8';
	assert_int_equal(table_parse(u16, n, &t, err, sizeof err), -1);
	assert_non_null(strstr(err, "UTF-16"));
	free(u16);
}

/* table.h: an old .xls (OLE2) is refused with advice. */
static void test_old_xls_refused(void **state)
{
	static const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest";

	(void)state;
	parse_refused(ole, sizeof ole - 1, "另存为 .xlsx 或 CSV");
}

/* table.h table_load_file(): "无法读取文件", never the path; reads and parses. */
static void test_load_file(void **state)
{
	char path[256], err[256];
	struct table t;
	FILE *f;

	(void)state;
	tpath(path, sizeof path, "missing-张三.csv");
	assert_int_equal(table_load_file(path, &t, err, sizeof err), -1);
	assert_string_equal(err, "无法读取文件");
	tpath(path, sizeof path, "a.csv");
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs("x,y\n1,2\n", f);
	fclose(f);
	assert_int_equal(table_load_file(path, &t, err, sizeof err), 0);
	assert_row(&t, 1, 2, 2, "1", "2");
	table_free(&t);
	assert_int_equal(table_load_file(g_dir, &t, err, sizeof err), -1); /* a folder */
	assert_string_equal(err, "无法读取文件");
}

/* table.h table_load_file(): "bounded by TABLE_MAX_BYTES + 1 to detect too big". */
static void test_load_file_too_big(void **state)
{
	char path[256], err[256];
	struct table t;
	FILE *f;

	(void)state;
	tpath(path, sizeof path, "big.csv");
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fseek(f, (long)TABLE_MAX_BYTES, SEEK_SET), 0); /* sparse */
	fputc('a', f);
	fclose(f);
	assert_int_equal(table_load_file(path, &t, err, sizeof err), -1);
	assert_string_equal(err, "文件超过 50 MB");
	unlink(path);
}

/* table.h table_parse(): err is cut only between characters. */
static void test_err_cut_between_characters(void **state)
{
	char err[8];
	struct table t;

	(void)state;
	assert_int_equal(table_parse("", 0, &t, err, sizeof err), -1); /* "文件为空" is 12 bytes */
	assert_string_equal(err, "文件");
	assert_int_equal(table_utf8_valid(err, strlen(err)), strlen(err));
}

/* table.h table_utf8_valid(): strict UTF-8. */
static void test_utf8_valid(void **state)
{
	(void)state;
	assert_int_equal(table_utf8_valid("a张𠀀", 8), 8);
	assert_int_equal(table_utf8_valid("a\xC0\x80", 3), 1);        /* overlong */
	assert_int_equal(table_utf8_valid("ab\xED\xA0\x80", 5), 2);   /* surrogate */
	assert_int_equal(table_utf8_valid("\xF4\x90\x80\x80", 4), 0); /* > U+10FFFF */
	assert_int_equal(table_utf8_valid("x\xE5\xBC", 3), 1);        /* cut short */
	assert_int_equal(table_utf8_valid("\x80", 1), 0);
}

/* table.h table_add_row(): copies; NULL is ""; table_free() frees. */
static void test_add_row(void **state)
{
	const char *r1[] = {"a", NULL, "  c  "};
	struct table t = {0};

	(void)state;
	for (int i = 0; i < 200; i++)
		assert_int_equal(table_add_row(&t, i + 1, r1, 3), 0);
	assert_int_equal(t.nrows, 200);
	assert_row(&t, 199, 200, 3, "a", "", "  c  ");
	table_free(&t);
	assert_int_equal(t.nrows, 0);
	assert_null(t.rows);
	table_free(NULL);
}

/* ================================================================ XLSX */

/* xlsx_out.h + table.h: what xlsx_write() writes, table_load_file() reads back
 * as the same cells: Chinese text, a long digit string and 0012 kept as text,
 * an empty cell in the middle, a newline inside a cell. */
static void test_xlsx_roundtrip(void **state)
{
	const char *head[] = {"学籍号", "姓名", "班级", "年龄", "备注"};
	const char *r1[] = {"G110101201501010012", "张三", "一年级（1）班", "7", "0012"};
	const char *r2[] = {"110101201501010013", "欧阳娜娜", "", "8", "第一行\n第二行"};
	const char *r3[] = {"123456789", "1234567890", NULL, "0", "3.5"};
	struct table in = {0}, out;
	char path[256], err[256];

	(void)state;
	assert_int_equal(table_add_row(&in, 0, r1, 5), 0);
	assert_int_equal(table_add_row(&in, 0, r2, 5), 0);
	assert_int_equal(table_add_row(&in, 0, r3, 5), 0);
	tpath(path, sizeof path, "名单.xlsx");
	assert_int_equal(xlsx_write(path, "学生名单", head, 5, &in, err, sizeof err), 0);
	{
		struct stat sb;

		assert_int_equal(stat(path, &sb), 0);
		assert_int_equal(sb.st_mode & 0777, 0600); /* xlsx_out.h: "mode 0600" */
	}
	assert_int_equal(table_load_file(path, &out, err, sizeof err), 0);
	assert_string_equal(out.format, "xlsx");
	assert_string_equal(out.encoding, "xlsx");
	assert_int_equal(out.nrows, 4);
	assert_row(&out, 0, 1, 5, "学籍号", "姓名", "班级", "年龄", "备注");
	assert_row(&out, 1, 2, 5, "G110101201501010012", "张三", "一年级（1）班", "7", "0012");
	assert_row(&out, 2, 3, 5, "110101201501010013", "欧阳娜娜", "", "8", "第一行\n第二行");
	assert_row(&out, 3, 4, 5, "123456789", "1234567890", "", "0", "3.5");
	table_free(&out);
	table_free(&in);
}

/* xlsx_out.h: short whole numbers as numbers, the rest as text; header bold
 * and frozen; widths fitted, CJK double, capped. Checked in the sheet XML. */
static void test_xlsx_write_cells_and_layout(void **state)
{
	const char *head[] = {"学籍号", "年龄", "很长的备注"};
	char *longcell = repeat("长", 100);
	const char *r1[] = {"0012", "7", longcell};
	const char *r2[] = {"G1101", "123456789", "x"};
	struct table in = {0};
	char path[256], err[256], *xml;
	zip_t *z;
	zip_file_t *zf;
	zip_stat_t st;
	int ze;

	(void)state;
	assert_int_equal(table_add_row(&in, 0, r1, 3), 0);
	assert_int_equal(table_add_row(&in, 0, r2, 3), 0);
	tpath(path, sizeof path, "layout.xlsx");
	assert_int_equal(xlsx_write(path, NULL, head, 3, &in, err, sizeof err), 0);
	z = zip_open(path, ZIP_RDONLY, &ze);
	assert_non_null(z);
	assert_int_equal(zip_stat(z, "xl/worksheets/sheet1.xml", 0, &st), 0);
	xml = calloc(1, st.size + 1);
	zf = zip_fopen(z, "xl/worksheets/sheet1.xml", 0);
	assert_non_null(zf);
	assert_int_equal(zip_fread(zf, xml, st.size), (zip_int64_t)st.size);
	zip_fclose(zf);
	zip_discard(z);
	assert_non_null(strstr(xml, "<c r=\"A2\" t=\"s\">"));                 /* 0012: text */
	assert_non_null(strstr(xml, "<c r=\"B2\"><v>7</v></c>"));             /* 7: number */
	assert_non_null(strstr(xml, "<c r=\"B3\"><v>123456789</v></c>"));     /* 9 digits */
	assert_non_null(strstr(xml, "<c r=\"A1\" s=\"1\" t=\"s\">"));         /* bold header */
	assert_non_null(strstr(xml, "ySplit=\"1\""));                         /* frozen */
	assert_non_null(strstr(xml, "<col min=\"1\" max=\"1\" width=\"8."));  /* 学籍号 = 6+2 */
	assert_non_null(strstr(xml, "<col min=\"2\" max=\"2\" width=\"11.")); /* 123456789 = 9+2 */
	assert_non_null(strstr(xml, "<col min=\"3\" max=\"3\" width=\"60.")); /* capped */
	free(xml);
	free(longcell);
	table_free(&in);
}

/* xlsx_out.h: refusals leave path untouched. */
static void test_xlsx_write_refusals(void **state)
{
	const char *head[] = {"a"};
	const char *bad[] = {"ok\xFF"};
	char *huge = repeat("x", 32768);
	const char *big[] = {huge};
	struct table in = {0};
	char path[256], err[256];
	struct stat sb;

	(void)state;
	tpath(path, sizeof path, "refused.xlsx");
	assert_int_equal(xlsx_write(path, "a/b", head, 1, &in, err, sizeof err), -1);
	assert_non_null(strstr(err, "工作表名称无效"));
	assert_int_equal(table_add_row(&in, 0, bad, 1), 0);
	assert_int_equal(xlsx_write(path, NULL, head, 1, &in, err, sizeof err), -1);
	assert_string_equal(err, "第 2 行第 1 列不是有效的 UTF-8 文字");
	table_free(&in);
	assert_int_equal(table_add_row(&in, 0, big, 1), 0);
	assert_int_equal(xlsx_write(path, NULL, head, 1, &in, err, sizeof err), -1);
	assert_non_null(strstr(err, "32767"));
	assert_int_equal(stat(path, &sb), -1); /* nothing left behind */
	huge[32767] = '\0';                    /* exactly the limit is fine */
	table_free(&in);
	assert_int_equal(table_add_row(&in, 0, big, 1), 0);
	assert_int_equal(xlsx_write(path, NULL, head, 1, &in, err, sizeof err), 0);
	table_free(&in);
	assert_int_equal(xlsx_write("/nonexistent-dir/x.xlsx", NULL, head, 1, &in, err, sizeof err),
	                 -1);
	assert_null(strstr(err, "nonexistent"));
	free(huge);
}

/* table.h: "a corrupt zip" is refused as damaged: garbage after the
 * signature, a file cut in half, a damaged deflate stream. */
static void test_xlsx_corrupt_zip(void **state)
{
	char *sheet =
	    sheet_of("<row r=\"1\"><c t=\"inlineStr\"><is><t>张三李四王五赵六</t></is></c></row>");
	size_t n, off;
	char *d = make_xlsx(sheet, NULL, &n), *hit;
	struct table t;
	char err[256];

	(void)state;
	parse_refused("PK\x03\x04garbage-garbage-garbage", 27, "xlsx 文件已损坏");
	assert_int_equal(table_parse(d, n, &t, err, sizeof err), 0);
	table_free(&t);
	parse_refused(d, n / 2, "xlsx 文件已损坏：不是完整的 ZIP 文件");
	/* flip the bytes of the first sheet's compressed data (after its name) */
	hit = memmem(d, n, "xl/worksheets/data.xml", 22);
	assert_non_null(hit);
	off = (size_t)(hit - d) + 22;
	for (size_t i = off; i < off + 16 && i < n; i++)
		d[i] ^= 0x5A;
	parse_refused(d, n, "xlsx 文件已损坏");
	free(d);
	free(sheet);
}

/* table.h: "a zip that is not an xlsx (no workbook)" is refused. */
static void test_xlsx_not_a_workbook(void **state)
{
	struct part p[] = {{"word/document.xml", "<w/>", 0}};
	size_t n;
	char *d = make_zip("doc.zip", p, 1, &n);

	(void)state;
	parse_refused(d, n, "不是 Excel 工作簿");
	free(d);
}

/* table.h: shared strings (rich text runs concatenated, phonetic runs left
 * out), the first sheet found through workbook.xml and its rels, cells placed
 * by column letters, and every cell type. */
static void test_xlsx_shared_strings_and_types(void **state)
{
	static const char sst[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" NS_MAIN "\" count=\"3\">"
	    "<si><t>姓名</t></si>"
	    "<si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space=\"preserve\">三 </t></r>"
	    "<rPh sb=\"0\" eb=\"1\"><t>ちょう</t></rPh></si>"
	    "<si><t>a_x000D_&#10;b_x005F_x0041_</t></si></sst>";
	char *sheet = sheet_of(
	    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" "
	    "t=\"inlineStr\"><is><t>班级</t></is></c></row>"
	    "<row r=\"3\" spans=\"1:6\"><c r=\"A3\" t=\"s\"><v>1</v></c><c r=\"B3\" s=\"2\"/>"
	    "<c r=\"C3\"><v>3</v></c><c r=\"D3\"><v>2.5</v></c><c r=\"E3\" t=\"b\"><v>1</v></c>"
	    "<c r=\"F3\" t=\"str\"><f>A1&amp;\"x\"</f><v>姓名x</v></c></row>"
	    "<row><c t=\"b\"><v>0</v></c><c t=\"e\"><v>#N/A</v></c><c r=\"E4\" t=\"s\"><v>2</v></c>"
	    "<c r=\"ZZ4\" s=\"3\"/></row>"
	    "<row r=\"9\"><c r=\"A9\" s=\"1\"/><c r=\"B9\" t=\"inlineStr\"><is><t>  "
	    "</t></is></c></row>");
	size_t n;
	char *d = make_xlsx(sheet, sst, &n), err[256];
	struct table t;

	(void)state;
	assert_int_equal(table_parse(d, n, &t, err, sizeof err), 0);
	assert_string_equal(t.format, "xlsx");
	assert_int_equal(t.nrows, 3);
	assert_row(&t, 0, 1, 3, "姓名", "", "班级");
	assert_row(&t, 1, 3, 6, "张三", "", "3", "2.5", "TRUE", "姓名x");
	assert_row(&t, 2, 4, 5, "FALSE", "#N/A", "", "", "a\nb_x0041_");
	table_free(&t);
	free(d);
	free(sheet);
}

/* table.h: shared strings that are all empty give empty cells (a fuzz find:
 * the string table then has no text at all). */
static void test_xlsx_empty_shared_strings(void **state)
{
	static const char sst[] = "<sst xmlns=\"" NS_MAIN "\"><si><t></t></si><si/></sst>";
	char *sheet = sheet_of("<row r=\"1\"><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c>"
	                       "<c t=\"inlineStr\"><is><t>x</t></is></c></row>");
	size_t n;
	char *d = make_xlsx(sheet, sst, &n), err[256];
	struct table t;

	(void)state;
	assert_int_equal(table_parse(d, n, &t, err, sizeof err), 0);
	assert_row(&t, 0, 1, 3, "", "", "x");
	table_free(&t);
	free(d);
	free(sheet);
}

/* table.h: with no rels, the first sheet falls back to xl/worksheets/sheet1.xml;
 * an absolute Target works. */
static void test_xlsx_sheet_lookup(void **state)
{
	static const char rels_abs[] =
	    "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId7\" Type=\"x\" "
	    "Target=\"/xl/worksheets/data.xml\"/></Relationships>";
	char *data =
	    sheet_of("<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>对</t></is></c></row>");
	struct part p[] = {
	    {"xl/workbook.xml", WB_XML, 0},
	    {"xl/worksheets/sheet1.xml", OTHER_SHEET, 0},
	    {"xl/worksheets/data.xml", data, 0},
	    {"xl/_rels/workbook.xml.rels", rels_abs, 0},
	};
	size_t n;
	char *d = make_zip("norels.xlsx", p, 3, &n), err[256];
	struct table t;

	(void)state;
	assert_int_equal(table_parse(d, n, &t, err, sizeof err), 0);
	assert_row(&t, 0, 1, 1, "wrong sheet"); /* no rels: sheet1.xml */
	table_free(&t);
	free(d);
	d = make_zip("abs.xlsx", p, 4, &n);
	assert_int_equal(table_parse(d, n, &t, err, sizeof err), 0);
	assert_row(&t, 0, 2, 2, "", "对");
	table_free(&t);
	free(d);
	free(data);
}

/* table.h: "Malformed XML -> xlsx 文件已损坏：…"; a DOCTYPE is refused. */
static void test_xlsx_malformed_xml(void **state)
{
	static const char doctype[] =
	    "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY a \"aaaaaaaaaa\">"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><worksheet><sheetData><row r=\"1\">"
	    "<c t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>";
	char *bad = sheet_of("<row r=\"1\"><c r=\"A1\"><v>1</v></row>");
	size_t n;
	char *d = make_xlsx(bad, NULL, &n);

	(void)state;
	parse_refused(d, n, "xlsx 文件已损坏：工作表不是有效的 XML");
	free(d);
	d = make_xlsx(doctype, NULL, &n);
	parse_refused(d, n, "xlsx 文件已损坏：含有不允许的 DOCTYPE");
	free(d);
	free(bad);
	bad = sheet_of("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row>");
	d = make_xlsx(bad, NULL, &n);
	parse_refused(d, n, "第 1 行引用了不存在的共享字符串");
	free(d);
	free(bad);
	bad = sheet_of("<row r=\"0\"><c r=\"A1\"><v>1</v></c></row>");
	d = make_xlsx(bad, NULL, &n);
	parse_refused(d, n, "行号无效");
	free(d);
	free(bad);
	bad = sheet_of("<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>");
	d = make_xlsx(bad, NULL, &n);
	parse_refused(d, n, "第 1 行的单元格无效");
	free(d);
	free(bad);
	bad = sheet_of("<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"A1\"><v>2</v></c></row>");
	d = make_xlsx(bad, NULL, &n);
	parse_refused(d, n, "第 1 行有重复的单元格");
	free(d);
	free(bad);
}

/* table.h: xlsx rows and cells obey the same bounds as CSV: 64 columns ok,
 * 65 refused; 4096 bytes ok, 4097 refused; control characters refused. */
static void test_xlsx_cell_bounds(void **state)
{
	char rows[8192], *c4096 = repeat("x", 4096), *sheet, *d;
	size_t n, len = 0;

	(void)state;
	len += (size_t)snprintf(rows + len, sizeof rows - len, "<row r=\"5\">");
	for (int c = 0; c < 64; c++)
		len += (size_t)snprintf(rows + len, sizeof rows - len, "<c><v>%d</v></c>", c);
	snprintf(rows + len, sizeof rows - len, "</row>");
	sheet = sheet_of(rows);
	d = make_xlsx(sheet, NULL, &n);
	{
		struct table t;
		char err[256];

		assert_int_equal(table_parse(d, n, &t, err, sizeof err), 0);
		assert_int_equal(t.rows[0].ncells, 64);
		assert_int_equal(t.rows[0].line, 5);
		table_free(&t);
	}
	free(d);
	free(sheet);
	snprintf(rows + len, sizeof rows - len, "<c><v>64</v></c></row>");
	sheet = sheet_of(rows);
	d = make_xlsx(sheet, NULL, &n);
	parse_refused(d, n, "第 5 行超过 64 列");
	free(d);
	free(sheet);
	{
		char *r = malloc(9000);

		snprintf(r, 9000,
		         "<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>%s</t></is></c></row>",
		         c4096);
		sheet = sheet_of(r);
		d = make_xlsx(sheet, NULL, &n);
		{
			struct table t;
			char err[256];

			assert_int_equal(table_parse(d, n, &t, err, sizeof err), 0);
			assert_int_equal(strlen(t.rows[0].cells[1]), 4096);
			table_free(&t);
		}
		free(d);
		free(sheet);
		snprintf(r, 9000,
		         "<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>%sx</t></is></c></row>",
		         c4096);
		sheet = sheet_of(r);
		d = make_xlsx(sheet, NULL, &n);
		parse_refused(d, n, "第 2 行第 2 列超过 4096 字节");
		free(d);
		free(sheet);
		free(r);
	}
	sheet = sheet_of("<row r=\"3\"><c t=\"inlineStr\"><is><t>a_x0007_b</t></is></c></row>");
	d = make_xlsx(sheet, NULL, &n);
	parse_refused(d, n, "第 3 行第 1 列含有不可见的控制字符");
	free(d);
	free(sheet);
	free(c4096);
}

/* table.h: "file is empty" for a sheet with no non-empty row. */
static void test_xlsx_empty_sheet(void **state)
{
	char *sheet = sheet_of("<row r=\"1\"><c r=\"A1\" s=\"1\"/></row>");
	size_t n;
	char *d = make_xlsx(sheet, NULL, &n);

	(void)state;
	parse_refused(d, n, "文件为空");
	free(d);
	free(sheet);
}

/* table.h: "uncompressed part size <= 200 MiB — check zip_stat size before
 * reading": both sides with a small bound, and the real bound refused before
 * anything is inflated. */
static void test_xlsx_part_size_bound(void **state)
{
	char *sheet = sheet_of("<row r=\"1\"><c t=\"inlineStr\"><is><t>甲</t></is></c></row>");
	size_t n, sz = strlen(sheet);
	char *d = make_xlsx(sheet, NULL, &n), err[256];
	struct table_limits l = table_default_limits;
	struct table t;

	(void)state;
	assert_int_equal(TABLE_MAX_PART, 200u << 20);
	l.max_part = sz > strlen(WB_XML) ? sz : strlen(WB_XML);
	l.max_part = l.max_part > strlen(RELS_XML) ? l.max_part : strlen(RELS_XML);
	l.max_part = l.max_part > strlen(OTHER_SHEET) ? l.max_part : strlen(OTHER_SHEET);
	assert_int_equal(table_parse_with(d, n, &l, &t, err, sizeof err), 0);
	table_free(&t);
	l.max_part = sz - 1;
	assert_int_equal(table_parse_with(d, n, &l, &t, err, sizeof err), -1);
	assert_string_equal(err, "xlsx 文件内容过大");
	free(d);
	free(sheet);
}

/* table.h: a zip bomb: a 201 MiB sheet that deflates to well under 50 MiB is
 * refused from its directory entry. */
static void test_xlsx_zip_bomb(void **state)
{
	size_t big = (201u << 20), n;
	char *sheet = malloc(big + 1), *d, err[256];
	struct part p[2] = {{"xl/workbook.xml", WB_XML, 0}, {"xl/worksheets/sheet1.xml", NULL, 0}};
	struct table t;

	(void)state;
	assert_non_null(sheet);
	memset(sheet, ' ', big);
	memcpy(sheet, "<worksheet>", 11);
	sheet[big] = '\0';
	p[1].text = sheet;
	p[1].len = big;
	d = make_zip("bomb.xlsx", p, 2, &n);
	free(sheet);
	assert_true(n < TABLE_MAX_BYTES);
	assert_int_equal(table_parse(d, n, &t, err, sizeof err), -1);
	assert_string_equal(err, "xlsx 文件内容过大");
	free(d);
}

/* table.h: "shared strings count bounded" and the total text bounded: both sides. */
static void test_xlsx_strings_and_text_bounds(void **state)
{
	static const char sst[] =
	    "<sst xmlns=\"" NS_MAIN "\"><si><t>甲</t></si><si><t>乙乙</t></si></sst>";
	char *sheet = sheet_of("<row r=\"1\"><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c></row>"
	                       "<row r=\"2\"><c t=\"s\"><v>1</v></c></row>");
	size_t n;
	char *d = make_xlsx(sheet, sst, &n), err[256];
	struct table_limits l = table_default_limits;
	struct table t;

	(void)state;
	assert_int_equal(TABLE_MAX_STRINGS, 8000000);
	l.max_strings = 2;
	assert_int_equal(table_parse_with(d, n, &l, &t, err, sizeof err), 0);
	assert_row(&t, 0, 1, 2, "甲", "乙乙");
	table_free(&t);
	l.max_strings = 1;
	assert_int_equal(table_parse_with(d, n, &l, &t, err, sizeof err), -1);
	assert_string_equal(err, "xlsx 文件内容过大");
	l = table_default_limits;
	l.max_text = 3 + 6 + 6; /* 甲 乙乙 乙乙 */
	assert_int_equal(table_parse_with(d, n, &l, &t, err, sizeof err), 0);
	table_free(&t);
	l.max_text--;
	assert_int_equal(table_parse_with(d, n, &l, &t, err, sizeof err), -1);
	assert_string_equal(err, "xlsx 文件内容过大");
	l = table_default_limits;
	l.max_rows = 1;
	assert_int_equal(table_parse_with(d, n, &l, &t, err, sizeof err), -1);
	assert_string_equal(err, "文件超过 1 行");
	free(d);
	free(sheet);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_csv_simple_rows_and_lines),
	    cmocka_unit_test(test_csv_quotes),
	    cmocka_unit_test(test_csv_crlf),
	    cmocka_unit_test(test_csv_bom_stripped),
	    cmocka_unit_test(test_csv_gb18030),
	    cmocka_unit_test(test_csv_neither_encoding_refused),
	    cmocka_unit_test(test_csv_unclosed_quote),
	    cmocka_unit_test(test_csv_64_columns),
	    cmocka_unit_test(test_csv_cell_4096),
	    cmocka_unit_test(test_csv_empty_refused),
	    cmocka_unit_test(test_csv_whitespace_lines_skipped),
	    cmocka_unit_test(test_csv_50mib),
	    cmocka_unit_test(test_csv_size_limited),
	    cmocka_unit_test(test_csv_rows_limit),
	    cmocka_unit_test(test_csv_6m_rows),
	    cmocka_unit_test(test_csv_control_chars),
	    cmocka_unit_test(test_csv_bidi_controls),
	    cmocka_unit_test(test_csv_tab_separated),
	    cmocka_unit_test(test_csv_utf16le_tsv),
	    cmocka_unit_test(test_old_xls_refused),
	    cmocka_unit_test(test_load_file),
	    cmocka_unit_test(test_load_file_too_big),
	    cmocka_unit_test(test_err_cut_between_characters),
	    cmocka_unit_test(test_utf8_valid),
	    cmocka_unit_test(test_add_row),
	    cmocka_unit_test(test_xlsx_roundtrip),
	    cmocka_unit_test(test_xlsx_write_cells_and_layout),
	    cmocka_unit_test(test_xlsx_write_refusals),
	    cmocka_unit_test(test_xlsx_corrupt_zip),
	    cmocka_unit_test(test_xlsx_not_a_workbook),
	    cmocka_unit_test(test_xlsx_shared_strings_and_types),
	    cmocka_unit_test(test_xlsx_empty_shared_strings),
	    cmocka_unit_test(test_xlsx_sheet_lookup),
	    cmocka_unit_test(test_xlsx_malformed_xml),
	    cmocka_unit_test(test_xlsx_cell_bounds),
	    cmocka_unit_test(test_xlsx_empty_sheet),
	    cmocka_unit_test(test_xlsx_part_size_bound),
	    cmocka_unit_test(test_xlsx_zip_bomb),
	    cmocka_unit_test(test_xlsx_strings_and_text_bounds),
	};

	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
