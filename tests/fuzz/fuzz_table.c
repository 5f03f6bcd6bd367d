/* fuzz_table.c - libFuzzer target for roster files (src/util/table.c), as the
 * import runs them: table_parse() on the uploaded bytes, then table_free().
 *
 * Two ways in:
 *   - any input is parsed as a whole file (CSV in any encoding, or a zip);
 *   - an input starting with '<' is also wrapped, stored uncompressed, as the
 *     first worksheet of an .xlsx (and whatever follows a line "--sst--" as
 *     its shared strings), so the fuzzer reaches the XML readers directly
 *     instead of stopping at zip CRCs.
 * Each is parsed twice: with the default bounds and with small ones (4
 * columns, 16-byte cells, 5 rows), so the refusal paths are exercised too.
 *
 * Beyond "no crash, no leak, no UB" it checks what importers rely on:
 *   - accepted: 1..max rows; each line >= 1 (CSV lines increase); 1..max
 *     cells, the last non-empty; every cell valid UTF-8, NUL-terminated at
 *     most max_cell bytes, trimmed, no control character but tab and LF
 *     (no C1 nor bidi control either);
 *     format and encoding one of the documented names;
 *   - refused: err non-empty, valid UTF-8; the table left empty.
 *
 *   sh tests/fuzz/run.sh 30      (builds and runs every target)
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "util/table.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);

#define CHECK(x)                                                                                   \
	do {                                                                                       \
		if (!(x)) {                                                                        \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #x);      \
			__builtin_trap();                                                          \
		}                                                                                  \
	} while (0)

static const char WB[] =
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char RELS[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"w\" Target=\"worksheets/sheet1.xml\"/></Relationships>";

static int is_space_edge(const unsigned char *s, size_t n, int end)
{
	unsigned char c = end ? s[n - 1] : s[0];

	if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
		return 1;
	if (n >= 2 &&
	    (end ? (s[n - 2] == 0xC2 && s[n - 1] == 0xA0) : (s[0] == 0xC2 && s[1] == 0xA0)))
		return 1;
	for (int k = 0; k < 2; k++) {
		const char *sp = k ? "\xE3\x80\x80" : "\xEF\xBB\xBF"; /* U+3000, U+FEFF */

		if (n >= 3 && memcmp(end ? s + n - 3 : s, sp, 3) == 0)
			return 1;
	}
	return 0;
}

static void check_table(const struct table *t, const struct table_limits *l)
{
	int csv = strcmp(t->format, "csv") == 0;

	CHECK(csv || strcmp(t->format, "xlsx") == 0);
	CHECK(csv ? (strcmp(t->encoding, "utf-8") == 0 || strcmp(t->encoding, "utf-8-bom") == 0 ||
	             strcmp(t->encoding, "gb18030") == 0 || strcmp(t->encoding, "utf-16le") == 0)
	          : strcmp(t->encoding, "xlsx") == 0);
	CHECK(t->nrows >= 1 && t->nrows <= l->max_rows);
	for (size_t i = 0; i < t->nrows; i++) {
		const struct table_row *r = &t->rows[i];

		CHECK(r->line >= 1);
		CHECK(!csv || i == 0 || r->line > t->rows[i - 1].line);
		CHECK(r->ncells >= 1 && r->ncells <= l->max_cols);
		CHECK(r->cells[r->ncells - 1][0] != '\0');
		for (size_t k = 0; k < r->ncells; k++) {
			const unsigned char *s = (const unsigned char *)r->cells[k];
			size_t len = strlen(r->cells[k]);

			CHECK(len <= l->max_cell);
			CHECK(table_utf8_valid(r->cells[k], len) == len);
			CHECK(len == 0 || (!is_space_edge(s, len, 0) && !is_space_edge(s, len, 1)));
			for (size_t j = 0; j < len; j++) {
				CHECK(s[j] >= 0x20 ? s[j] != 0x7F : (s[j] == '\t' || s[j] == '\n'));
				/* no C1 (U+0080-U+009F), no bidi control */
				CHECK(!(j + 1 < len && s[j] == 0xC2 && s[j + 1] <= 0x9F));
				CHECK(!(j + 1 < len && s[j] == 0xD8 && s[j + 1] == 0x9C));
				CHECK(!(j + 2 < len && s[j] == 0xE2 && s[j + 1] == 0x80 &&
					(s[j + 2] == 0x8E || s[j + 2] == 0x8F ||
					 (s[j + 2] >= 0xAA && s[j + 2] <= 0xAE))));
				CHECK(!(j + 2 < len && s[j] == 0xE2 && s[j + 1] == 0x81 &&
					s[j + 2] >= 0xA6 && s[j + 2] <= 0xA9));
			}
		}
	}
}

static void run(const char *d, size_t n, const struct table_limits *l)
{
	struct table t;
	char err[256];

	memset(err, 'x', sizeof err);
	if (table_parse_with(d, n, l, &t, err, sizeof err) == 0) {
		check_table(&t, l);
	} else {
		CHECK(memchr(err, '\0', sizeof err) != NULL);
		CHECK(err[0] != '\0');
		CHECK(table_utf8_valid(err, strlen(err)) == strlen(err));
		CHECK(t.nrows == 0 && t.rows == NULL);
	}
	table_free(&t);
}

static int add(zip_t *z, const char *name, const void *p, size_t n)
{
	zip_source_t *s = zip_source_buffer(z, p, n, 0);
	zip_int64_t idx;

	if (!s)
		return -1;
	idx = zip_file_add(z, name, s, ZIP_FL_OVERWRITE);
	if (idx < 0) {
		zip_source_free(s);
		return -1;
	}
	return zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
}

/* The input as sheet1.xml (and shared strings after "\n--sst--\n") of a
 * stored xlsx, in memory. Returns malloc'd bytes or NULL. */
static char *wrap_xlsx(const char *d, size_t n, size_t *outlen)
{
	static const char sep[] = "\n--sst--\n";
	const char *cut = memmem(d, n, sep, sizeof sep - 1);
	size_t sheet_n = cut ? (size_t)(cut - d) : n;
	zip_source_t *src = NULL;
	zip_t *z = NULL;
	zip_stat_t st;
	char *out = NULL;
	int ok = 0;

	src = zip_source_buffer_create(NULL, 0, 0, NULL);
	if (!src)
		goto done;
	z = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
	if (!z)
		goto done;
	zip_source_keep(src);
	if (add(z, "xl/workbook.xml", WB, sizeof WB - 1) != 0 ||
	    add(z, "xl/_rels/workbook.xml.rels", RELS, sizeof RELS - 1) != 0 ||
	    add(z, "xl/worksheets/sheet1.xml", d, sheet_n) != 0 ||
	    (cut && add(z, "xl/sharedStrings.xml", cut + sizeof sep - 1,
	                n - sheet_n - (sizeof sep - 1)) != 0))
		goto done;
	if (zip_close(z) != 0)
		goto done;
	z = NULL;
	zip_stat_init(&st);
	if (zip_source_stat(src, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
	    zip_source_open(src) != 0)
		goto done;
	out = malloc(st.size ? st.size : 1);
	if (out && zip_source_read(src, out, st.size) == (zip_int64_t)st.size)
		ok = 1;
	zip_source_close(src);
	*outlen = st.size;
done:
	if (z)
		zip_discard(z);
	if (src)
		zip_source_free(src);
	if (!ok) {
		free(out);
		out = NULL;
	}
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct table_limits small = table_default_limits;

	small.max_cols = 4;
	small.max_cell = 16;
	small.max_rows = 5;
	small.max_strings = 8;
	run((const char *)d, n, &table_default_limits);
	run((const char *)d, n, &small);
	if (n > 0 && d[0] == '<') {
		size_t xn = 0;
		char *x = wrap_xlsx((const char *)d, n, &xn);

		if (x) {
			run(x, xn, &table_default_limits);
			run(x, xn, &small);
			free(x);
		}
	}
	return 0;
}
