/* table.c - CSV (UTF-8, UTF-8 with BOM, GB18030, UTF-16LE) and .xlsx rosters
 * into rows of UTF-8 cells. See table.h for the contract.
 *
 * Layout: the row builder (rb_*) is shared by both readers and holds every
 * per-cell and per-row rule (trim, control characters, column, cell, row and
 * total-size bounds); csv_* decodes and splits text; x_* reads an xlsx with
 * libzip (from memory) and expat (streaming, one part at a time). */
#include "util/jfields.h"
#include "util/table.h"

#include "util/buf.h"

#include <errno.h>
#include <expat.h>
#include <fcntl.h>
#include <iconv.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#define MIB ((size_t)1 << 20)
#define HARD_MAX_COLS ((size_t)16384) /* Excel's XFD */
#define XLSX_MAX_ROW 1048576          /* Excel's last row */
#define XCHUNK 16384                  /* bytes inflated and parsed at a time */

const struct table_limits table_default_limits = {
    .max_bytes = TABLE_MAX_BYTES,
    .max_rows = TABLE_MAX_ROWS,
    .max_cols = TABLE_MAX_COLS,
    .max_cell = TABLE_MAX_CELL,
    .max_part = TABLE_MAX_PART,
    .max_strings = TABLE_MAX_STRINGS,
    .max_text = TABLE_MAX_TEXT,
};

static const char ENC_MSG[] = "无法识别的文字编码（既不是 UTF-8 也不是 GB18030）";

/* ---------------------------------------------------------------- errors */

static void set_str(char *dst, size_t cap, const char *s)
{
	snprintf(dst, cap, "%s", s);
}

/* ---------------------------------------------------------------- UTF-8 */

size_t table_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		unsigned c = p[i], cp, min;
		size_t k;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c < 0xC2 || c > 0xF4)
			return i;
		k = c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3; /* continuation bytes */
		cp = c & (0x7F >> (k + 1));
		min = k == 1 ? 0x80 : k == 2 ? 0x800 : 0x10000;
		if (n - i <= k)
			return i;
		for (size_t j = 1; j <= k; j++) {
			if ((p[i + j] & 0xC0) != 0x80)
				return i;
			cp = cp << 6 | (p[i + j] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += k + 1;
	}
	return n;
}

/* 1-based line of byte off in s (LF, CRLF or a lone CR end a line). */
static int line_at(const char *s, size_t off)
{
	int line = 1;

	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= off || s[i + 1] != '\n')))
			line++;
	return line;
}

/* ---------------------------------------------------------------- rows */

/* One row being built, then committed to the table. */
struct rowb {
	const struct table_limits *lim;
	struct table *t;
	size_t text_total; /* bytes of all committed cells */
	int xlsx;          /* bound the total text (max_text) */
	char *err;
	size_t errlen;
	struct buf text;   /* this row's non-empty cells, back to back */
	size_t *off, *len; /* per column; len 0 = empty */
	size_t ncells;     /* 1 + the last non-empty column */
};

static int rb_init(struct rowb *rb, const struct table_limits *lim, struct table *t, int xlsx,
                   char *err, size_t errlen)
{
	memset(rb, 0, sizeof *rb);
	rb->lim = lim;
	rb->t = t;
	rb->xlsx = xlsx;
	rb->err = err;
	rb->errlen = errlen;
	buf_init(&rb->text, lim->max_cols * (lim->max_cell + 1) + 1);
	rb->off = calloc(lim->max_cols, sizeof *rb->off);
	rb->len = calloc(lim->max_cols, sizeof *rb->len);
	if (!rb->off || !rb->len)
		return jf_errf(err, errlen, "内存不足");
	return 0;
}

static void rb_free(struct rowb *rb)
{
	buf_free(&rb->text);
	free(rb->off);
	free(rb->len);
	rb->off = rb->len = NULL;
}

static void rb_reset(struct rowb *rb)
{
	memset(rb->len, 0, rb->ncells * sizeof *rb->len);
	rb->ncells = 0;
	rb->text.len = 0;
}

/* What trimming removes: ASCII space, tab, CR, LF (checked inline) and
 * these: U+00A0, U+3000 (the ideographic space) and U+FEFF (a BOM left
 * inside by a double save). */
static const char *const WIDE_SPACES[] = {"\xC2\xA0", "\xE3\x80\x80", "\xEF\xBB\xBF"};

/* Bytes of the space that s[0..n) starts with (end 0) or ends with (end 1); 0 if none. */
static size_t space_len(const unsigned char *s, size_t n, int end)
{
	unsigned char c = n ? (end ? s[n - 1] : s[0]) : 'x';

	if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
		return 1;
	if (c < 0x80)
		return 0; /* the common case: any other ASCII */
	for (size_t i = 0; i < sizeof WIDE_SPACES / sizeof WIDE_SPACES[0]; i++) {
		size_t w = strlen(WIDE_SPACES[i]);

		if (n >= w && memcmp(end ? s + n - w : s, WIDE_SPACES[i], w) == 0)
			return w;
	}
	return 0;
}

/* Does u[0..n) (UTF-8) hold a C1 control or a bidi control (U+061C, U+200E,
 * U+200F, U+202A-U+202E, U+2066-U+2069), as jfields.c refuses in JSON? */
static int has_bidi_or_c1(const unsigned char *u, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		if ((u[i] == 0xC2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F) ||
		    (u[i] == 0xD8 && u[i + 1] == 0x9C))
			return 1;
		if (i + 2 < n && u[i] == 0xE2 &&
		    ((u[i + 1] == 0x80 && (u[i + 2] == 0x8E || u[i + 2] == 0x8F ||
					   (u[i + 2] >= 0xAA && u[i + 2] <= 0xAE))) ||
		     (u[i + 1] == 0x81 && u[i + 2] >= 0xA6 && u[i + 2] <= 0xA9)))
			return 1;
	}
	return 0;
}

/* Set column col (0-based) of the row at line to s[0..n), trimmed. Empty
 * cells are not stored. */
static int rb_set(struct rowb *rb, int line, size_t col, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t w;

	for (w = space_len(u, n, 0); w > 0; w = space_len(u, n, 0)) {
		u += w;
		n -= w;
	}
	for (w = space_len(u, n, 1); w > 0; w = space_len(u, n, 1))
		n -= w;
	if (n == 0)
		return 0;
	if (col >= rb->lim->max_cols)
		return jf_errf(rb->err, rb->errlen, "第 %d 行超过 %zu 列", line, rb->lim->max_cols);
	if (n > rb->lim->max_cell)
		return jf_errf(rb->err, rb->errlen, "第 %d 行第 %zu 列超过 %zu 字节", line, col + 1,
		               rb->lim->max_cell);
	for (size_t i = 0; i < n; i++)
		if ((u[i] < 0x20 && u[i] != '\t' && u[i] != '\n') || u[i] == 0x7F)
			return jf_errf(rb->err, rb->errlen, "第 %d 行第 %zu 列含有不可见的控制字符",
			               line, col + 1);
	if (has_bidi_or_c1(u, n))
		return jf_errf(rb->err, rb->errlen,
		               "第 %d 行第 %zu 列含有不可见的控制字符或文字方向控制符", line, col + 1);
	if (rb->len[col] != 0) /* only an xlsx can name a cell twice */
		return jf_errf(rb->err, rb->errlen, "xlsx 文件已损坏：第 %d 行有重复的单元格",
		               line);
	rb->off[col] = rb->text.len;
	if (buf_add(&rb->text, u, n) != 0)
		return jf_errf(rb->err, rb->errlen, "内存不足");
	rb->len[col] = n;
	if (col + 1 > rb->ncells)
		rb->ncells = col + 1;
	return 0;
}

/* t->rows always has room for 64 rows, then for the next power of two at or
 * above nrows, so tables from table_parse() and table_add_row() grow alike.
 * Make room for one more row: 0, or -1 when memory runs out. */
static int rows_room(struct table *t)
{
	size_t n = t->nrows, cap;
	struct table_row *nr;

	if (t->rows && (n < 64 || (n & (n - 1)) != 0))
		return 0; /* not full */
	cap = t->rows ? n * 2 : 64;
	nr = realloc(t->rows, cap * sizeof *nr);
	if (!nr)
		return -1;
	t->rows = nr;
	return 0;
}

/* One allocation: ncells pointers, then the strings (and one shared ""). */
static char **row_block(size_t ncells, const size_t *len, size_t text)
{
	char **cells;
	char *p;

	if (ncells > SIZE_MAX / sizeof(char *) / 2)
		return NULL;
	cells = malloc(ncells * sizeof(char *) + text + ncells + 1);
	if (!cells)
		return NULL;
	p = (char *)(cells + ncells);
	*p = '\0';
	for (size_t i = 0; i < ncells; i++)
		cells[i] = len && len[i] ? NULL : p; /* the rest is filled in by the caller */
	return cells;
}

/* Commit the row built so far (if it has a non-empty cell) as line. */
static int rb_commit(struct rowb *rb, int line)
{
	struct table *t = rb->t;
	struct table_row *r;
	char **cells;
	char *p;

	if (rb->ncells == 0)
		return 0;
	if (t->nrows >= rb->lim->max_rows)
		return jf_errf(rb->err, rb->errlen, "文件超过 %zu 行", rb->lim->max_rows);
	/* a CSV's text is bounded by its size; an xlsx can inflate */
	if (rb->xlsx && rb->text.len > rb->lim->max_text - rb->text_total)
		return jf_errf(rb->err, rb->errlen, "xlsx 文件内容过大");
	if (rows_room(t) != 0)
		return jf_errf(rb->err, rb->errlen, "内存不足");
	cells = row_block(rb->ncells, rb->len, rb->text.len);
	if (!cells)
		return jf_errf(rb->err, rb->errlen, "内存不足");
	p = (char *)(cells + rb->ncells) + 1;
	for (size_t i = 0; i < rb->ncells; i++) {
		if (rb->len[i] == 0)
			continue;
		memcpy(p, rb->text.data + rb->off[i], rb->len[i]);
		p[rb->len[i]] = '\0';
		cells[i] = p;
		p += rb->len[i] + 1;
	}
	r = &t->rows[t->nrows++];
	r->line = line;
	r->ncells = rb->ncells;
	r->cells = cells;
	rb->text_total += rb->text.len;
	rb_reset(rb);
	return 0;
}

int table_add_row(struct table *t, int line, const char *const *cells, size_t ncells)
{
	size_t text = 0;
	struct table_row *r;
	char **blk;
	char *p;

	if (ncells > HARD_MAX_COLS || t->nrows >= TABLE_MAX_ROWS)
		return -1;
	for (size_t i = 0; i < ncells; i++)
		text += cells && cells[i] ? strlen(cells[i]) : 0;
	if (rows_room(t) != 0)
		return -1;
	blk = row_block(ncells, NULL, text);
	if (!blk)
		return -1;
	p = (char *)(blk + ncells) + 1;
	for (size_t i = 0; i < ncells; i++) {
		size_t n = cells && cells[i] ? strlen(cells[i]) : 0;

		if (n == 0)
			continue;
		memcpy(p, cells[i], n + 1);
		blk[i] = p;
		p += n + 1;
	}
	r = &t->rows[t->nrows++];
	r->line = line;
	r->ncells = ncells;
	r->cells = blk;
	return 0;
}

void table_free(struct table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nrows; i++)
		free(t->rows[i].cells);
	free(t->rows);
	memset(t, 0, sizeof *t);
}

/* ---------------------------------------------------------------- CSV */

/* Convert in[0..n) from `from` to UTF-8 (malloc'd *out, *outlen bytes). 0, or
 * -1 with *bad = the offset where the input stopped being convertible. */
static int to_utf8(const char *from, const char *in, size_t n, char **out, size_t *outlen,
                   size_t *bad)
{
	iconv_t cd = (iconv_t)-1;
	size_t cap = n + n / 2 + 16, used = 0, il = n;
	char *o = NULL, *ip = (char *)in;
	int rc = -1;

	*bad = n;
	cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		goto out;
	o = malloc(cap);
	if (!o)
		goto out;
	for (;;) {
		char *op = o + used, *no;
		size_t ol = cap - used, r;

		r = iconv(cd, &ip, &il, &op, &ol);
		used = (size_t)(op - o);
		if (r != (size_t)-1)
			break;
		if (errno != E2BIG) {
			*bad = (size_t)(ip - in);
			goto out;
		}
		no = realloc(o, cap * 2);
		if (!no)
			goto out;
		o = no;
		cap *= 2;
	}
	*out = o;
	*outlen = used;
	o = NULL;
	rc = 0;
out:
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	free(o);
	return rc;
}

/* The text to split: points into the caller's data or into owned. */
struct csv_text {
	const char *p;
	size_t n;
	char *owned;
	int utf16; /* Excel "Unicode text": tab-separated */
};

static int csv_decode(const char *data, size_t len, struct table *out, struct csv_text *tx,
                      char *err, size_t errlen)
{
	const unsigned char *u = (const unsigned char *)data;
	size_t bad;

	memset(tx, 0, sizeof *tx);
	if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		set_str(out->encoding, sizeof out->encoding, "utf-16le");
		tx->utf16 = 1;
		if (to_utf8("UTF-16LE", data + 2, len - 2, &tx->owned, &tx->n, &bad) != 0)
			return jf_errf(err, errlen,
			               "文件以 UTF-16 标记开头，但内容不是有效的 UTF-16 文字");
		tx->p = tx->owned;
		return 0;
	}
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		set_str(out->encoding, sizeof out->encoding, "utf-8-bom");
		tx->p = data + 3;
		tx->n = len - 3;
		bad = table_utf8_valid(tx->p, tx->n);
		if (bad != tx->n)
			return jf_errf(err, errlen,
			               "第 %d 行：文件标明是 UTF-8，但含有无效的 UTF-8 字节",
			               line_at(tx->p, bad));
		return 0;
	}
	if (table_utf8_valid(data, len) == len) {
		set_str(out->encoding, sizeof out->encoding, "utf-8");
		tx->p = data;
		tx->n = len;
		return 0;
	}
	set_str(out->encoding, sizeof out->encoding, "gb18030");
	if (to_utf8("GB18030", data, len, &tx->owned, &tx->n, &bad) != 0) {
		if (bad >= len) /* iconv missing or out of memory: not the file's fault */
			return jf_errf(err, errlen, "内存不足，或系统不支持 GB18030 转换");
		return jf_errf(err, errlen, "第 %d 行：%s", line_at(data, bad), ENC_MSG);
	}
	tx->p = tx->owned;
	return 0;
}

/* Tab-separated when the first line has tabs and no commas. */
static char csv_sep(const struct csv_text *tx)
{
	int tab = 0;

	if (tx->utf16)
		return '\t';
	for (size_t i = 0; i < tx->n && tx->p[i] != '\n' && tx->p[i] != '\r'; i++) {
		if (tx->p[i] == ',')
			return ',';
		tab |= tx->p[i] == '\t';
	}
	return tab ? '\t' : ',';
}

/* Skip a line end at *i (CRLF, LF or CR) and count it. */
static void csv_eol(const char *p, size_t n, size_t *i, int *line)
{
	if (p[*i] == '\r' && *i + 1 < n && p[*i + 1] == '\n')
		(*i)++;
	(*i)++;
	(*line)++;
}

/* A quoted cell starting after its opening quote at *i: unescape into cell,
 * keep newlines (as LF), leave *i after the closing quote. */
static int csv_quoted(const char *p, size_t n, size_t *i, int *line, struct buf *cell, char *err,
                      size_t errlen)
{
	int start = *line;

	cell->len = 0;
	for (;;) {
		size_t k = *i;

		if (*i >= n)
			return jf_errf(err, errlen, "第 %d 行：引号未闭合", start);
		while (k < n && p[k] != '"' && p[k] != '\r' && p[k] != '\n')
			k++;
		if (k > *i && buf_add(cell, p + *i, k - *i) != 0)
			return jf_errf(err, errlen, "内存不足");
		*i = k;
		if (k >= n)
			continue;
		if (p[k] == '"') {
			if (k + 1 < n && p[k + 1] == '"') {
				if (buf_add(cell, "\"", 1) != 0)
					return jf_errf(err, errlen, "内存不足");
				*i = k + 2;
				continue;
			}
			*i = k + 1;
			return 0;
		}
		csv_eol(p, n, i, line);
		if (buf_add(cell, "\n", 1) != 0)
			return jf_errf(err, errlen, "内存不足");
	}
}

static int csv_split(const struct csv_text *tx, struct rowb *rb, char *err, size_t errlen)
{
	const char *p = tx->p;
	size_t n = tx->n, i = 0;
	char sep = csv_sep(tx);
	int line = 1, rc = -1;
	struct buf cell;

	buf_init(&cell, n + 1);
	while (i < n) {
		int row_line = line;

		for (size_t col = 0;; col++) {
			size_t j = i;

			while (j < n && (p[j] == ' ' || (p[j] == '\t' && sep != '\t')))
				j++;
			if (j < n && p[j] == '"') {
				i = j + 1;
				if (csv_quoted(p, n, &i, &line, &cell, err, errlen) != 0)
					goto out;
				while (i < n && (p[i] == ' ' || (p[i] == '\t' && sep != '\t')))
					i++;
				if (i < n && p[i] != sep && p[i] != '\r' && p[i] != '\n') {
					jf_errf(
					    err, errlen,
					    "第 %d 行：引号后面还有字符（引号里的引号要写成两个 "
					    "\"\"）",
					    line);
					goto out;
				}
				if (rb_set(rb, row_line, col, cell.data, cell.len) != 0)
					goto out;
			} else {
				size_t k = i;

				while (k < n && p[k] != sep && p[k] != '\r' && p[k] != '\n')
					k++;
				if (rb_set(rb, row_line, col, p + i, k - i) != 0)
					goto out;
				i = k;
			}
			if (i < n && p[i] == sep) {
				i++;
				continue;
			}
			break;
		}
		if (i < n)
			csv_eol(p, n, &i, &line);
		if (rb_commit(rb, row_line) != 0)
			goto out;
	}
	rc = 0;
out:
	buf_free(&cell);
	return rc;
}

static int csv_parse(const char *data, size_t len, const struct table_limits *lim,
                     struct table *out, char *err, size_t errlen)
{
	struct csv_text tx = {0};
	struct rowb rb;
	int rc = -1;

	set_str(out->format, sizeof out->format, "csv");
	if (rb_init(&rb, lim, out, 0, err, errlen) != 0)
		goto out;
	if (csv_decode(data, len, out, &tx, err, errlen) != 0)
		goto out;
	if (csv_split(&tx, &rb, err, errlen) != 0)
		goto out;
	rc = 0;
out:
	rb_free(&rb);
	free(tx.owned);
	return rc;
}

/* ---------------------------------------------------------------- XLSX */

/* State every expat handler starts with (the first member of each part's
 * state, so handlers can cast userData). */
struct xbase {
	XML_Parser p;
	char *err;
	size_t errlen;
	int failed;       /* err is set and the parser stopped */
	int collect;      /* character data goes to chars */
	struct buf chars; /* collected text */
};

static void xfail(struct xbase *b)
{
	b->failed = 1;
	XML_StopParser(b->p, XML_FALSE);
}

static const char *xlocal(const char *name)
{
	const char *bar = strrchr(name, '|');

	return bar ? bar + 1 : name;
}

/* The value of the attribute with local name `name`; ns: it must (1) or must
 * not (0) have a namespace. */
static const char *xattr(const XML_Char **a, const char *name, int ns)
{
	for (; a[0]; a += 2)
		if ((strchr(a[0], '|') != NULL) == ns && strcmp(xlocal(a[0]), name) == 0)
			return a[1];
	return NULL;
}

static void XMLCALL x_chars(void *ud, const XML_Char *s, int n)
{
	struct xbase *b = ud;

	if (!b->collect || b->failed || n <= 0)
		return;
	if (buf_add(&b->chars, s, (size_t)n) != 0) {
		jf_errf(b->err, b->errlen, "xlsx 文件内容过大");
		xfail(b);
	}
}

static void XMLCALL x_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                              const XML_Char *pubid, int has_internal)
{
	struct xbase *b = ud;

	(void)name, (void)sysid, (void)pubid, (void)has_internal;
	jf_errf(b->err, b->errlen, "xlsx 文件已损坏：含有不允许的 DOCTYPE 声明");
	xfail(b);
}

/* Parse the part `name` of z with the given handlers. 0 parsed, 1 absent,
 * -1 refused (err set). label names the part in messages. */
static int x_part(zip_t *z, const char *name, const char *label, struct xbase *b,
                  const struct table_limits *lim, XML_StartElementHandler start,
                  XML_EndElementHandler end)
{
	zip_stat_t st;
	zip_file_t *zf = NULL;
	zip_uint64_t total = 0;
	int rc = -1;

	zip_stat_init(&st);
	if (zip_stat(z, name, ZIP_FL_NOCASE, &st) != 0)
		return 1;
	b->p = XML_ParserCreateNS(NULL, '|');
	if (!b->p) {
		jf_errf(b->err, b->errlen, "内存不足");
		goto out;
	}
	XML_SetUserData(b->p, b);
	XML_SetElementHandler(b->p, start, end);
	XML_SetCharacterDataHandler(b->p, x_chars);
	XML_SetStartDoctypeDeclHandler(b->p, x_doctype);
	if (!(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_INDEX)) {
		jf_errf(b->err, b->errlen, "xlsx 文件已损坏：无法读取%s", label);
		goto out;
	}
	if (st.size > lim->max_part) { /* the zip-bomb check, before inflating */
		jf_errf(b->err, b->errlen, "xlsx 文件内容过大");
		goto out;
	}
	zf = zip_fopen_index(z, st.index, 0);
	if (!zf) {
		jf_errf(b->err, b->errlen, "xlsx 文件已损坏：无法读取%s（可能已加密）", label);
		goto out;
	}
	for (;;) {
		void *chunk = XML_GetBuffer(b->p, XCHUNK);
		zip_int64_t n;

		if (!chunk) {
			jf_errf(b->err, b->errlen, "内存不足");
			goto out;
		}
		n = zip_fread(zf, chunk, XCHUNK);
		if (n < 0) {
			jf_errf(b->err, b->errlen, "xlsx 文件已损坏：无法解压%s", label);
			goto out;
		}
		total += (zip_uint64_t)n;
		if (total > st.size || total > lim->max_part) { /* a lying directory */
			jf_errf(b->err, b->errlen, "xlsx 文件内容过大");
			goto out;
		}
		if (XML_ParseBuffer(b->p, (int)n, n == 0) != XML_STATUS_OK) {
			if (!b->failed)
				jf_errf(b->err, b->errlen,
				        "xlsx 文件已损坏：%s不是有效的 XML（XML 第 %lu 行）", label,
				        (unsigned long)XML_GetCurrentLineNumber(b->p));
			goto out;
		}
		if (n == 0)
			break;
	}
	rc = 0;
out:
	if (zf)
		zip_fclose(zf);
	if (b->p)
		XML_ParserFree(b->p);
	b->p = NULL;
	return rc;
}

/* xl/workbook.xml: the first <sheet>'s r:id. */
struct xwb {
	struct xbase b;
	char rid[128];
	int found;
};

static void XMLCALL wb_start(void *ud, const XML_Char *el, const XML_Char **a)
{
	struct xwb *w = ud;
	const char *id;

	if (w->found || strcmp(xlocal(el), "sheet") != 0)
		return;
	w->found = 1;
	id = xattr(a, "id", 1);
	if (id && strlen(id) < sizeof w->rid)
		set_str(w->rid, sizeof w->rid, id);
}

static void XMLCALL x_noend(void *ud, const XML_Char *el)
{
	(void)ud, (void)el;
}

/* xl/_rels/workbook.xml.rels: the Target of rid. */
struct xrels {
	struct xbase b;
	const char *rid;
	char target[512];
	int found;
};

static void XMLCALL rels_start(void *ud, const XML_Char *el, const XML_Char **a)
{
	struct xrels *r = ud;
	const char *id, *target, *mode;

	if (r->found || strcmp(xlocal(el), "Relationship") != 0)
		return;
	id = xattr(a, "Id", 0);
	target = xattr(a, "Target", 0);
	mode = xattr(a, "TargetMode", 0);
	if (!id || !target || strcmp(id, r->rid) != 0 || (mode && strcmp(mode, "Internal") != 0))
		return;
	if (strlen(target) < sizeof r->target && !strstr(target, "..")) {
		set_str(r->target, sizeof r->target, target);
		r->found = 1;
	}
}

/* xl/sharedStrings.xml: each <si>'s <t> texts (also inside rich-text <r>
 * runs), not the phonetic <rPh> ones; kept as offsets into b.chars. */
struct xsst {
	struct xbase b;
	const struct table_limits *lim;
	size_t *off, *len, n, cap, start;
	int in_si, rph;
};

static void XMLCALL sst_start(void *ud, const XML_Char *el, const XML_Char **a)
{
	struct xsst *s = ud;
	const char *l = xlocal(el);

	(void)a;
	if (strcmp(l, "si") == 0) {
		s->in_si = 1;
		s->rph = 0;
		s->start = s->b.chars.len;
	} else if (s->in_si && strcmp(l, "rPh") == 0) {
		s->rph++;
		s->b.collect = 0;
	} else if (s->in_si && !s->rph && strcmp(l, "t") == 0) {
		s->b.collect = 1;
	}
}

static int sst_push(struct xsst *s)
{
	if (s->n >= s->lim->max_strings)
		return jf_errf(s->b.err, s->b.errlen, "xlsx 文件内容过大");
	if (s->n == s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 1024;
		size_t *no, *nl;

		no = realloc(s->off, ncap * sizeof *no);
		if (!no)
			return jf_errf(s->b.err, s->b.errlen, "内存不足");
		s->off = no;
		nl = realloc(s->len, ncap * sizeof *nl);
		if (!nl)
			return jf_errf(s->b.err, s->b.errlen, "内存不足");
		s->len = nl;
		s->cap = ncap;
	}
	s->off[s->n] = s->start;
	s->len[s->n] = s->b.chars.len - s->start;
	s->n++;
	return 0;
}

static void XMLCALL sst_end(void *ud, const XML_Char *el)
{
	struct xsst *s = ud;
	const char *l = xlocal(el);

	if (strcmp(l, "t") == 0) {
		s->b.collect = 0;
	} else if (s->in_si && strcmp(l, "rPh") == 0) {
		if (s->rph > 0)
			s->rph--;
	} else if (s->in_si && strcmp(l, "si") == 0) {
		s->in_si = 0;
		s->b.collect = 0;
		if (sst_push(s) != 0)
			xfail(&s->b);
	}
}

/* The worksheet: <sheetData><row r><c r t><v>|<is><t>. */
struct xsheet {
	struct xbase b; /* chars = the current cell's raw text */
	struct rowb *rb;
	const struct xsst *sst;
	struct buf val; /* the cell's value, unescaped */
	int in_data, in_row, in_cell, in_is, rph, line;
	size_t col, next_col;
	char type; /* n s i(inlineStr) t(str) b e d */
};

/* "B3" -> 1 (0-based column); -1 when not a cell reference. */
static long x_col(const char *r)
{
	long col = 0;
	int k = 0;

	for (; (*r >= 'A' && *r <= 'Z') || (*r >= 'a' && *r <= 'z'); r++, k++) {
		if (k >= 3)
			return -1;
		col = col * 26 + ((*r | 0x20) - 'a' + 1);
	}
	if (k == 0 || col > (long)HARD_MAX_COLS)
		return -1;
	for (; *r; r++)
		if (*r < '0' || *r > '9')
			return -1;
	return col - 1;
}

/* A row number 1..1048576, or -1. */
static int x_rownum(const char *s)
{
	long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > XLSX_MAX_ROW)
			return -1;
	}
	return v >= 1 ? (int)v : -1;
}

static char x_type(const char *t)
{
	static const struct {
		const char *name;
		char code;
	} types[] = {{"s", 's'}, {"inlineStr", 'i'}, {"str", 't'}, {"b", 'b'},
	             {"e", 'e'}, {"d", 'd'},         {"n", 'n'}};

	if (!t)
		return 'n';
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strcmp(t, types[i].name) == 0)
			return types[i].code;
	return 'n'; /* unknown: keep the text as it is */
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

/* Append s[0..n) to out, decoding Excel's _xHHHH_ escapes (how it stores
 * control characters and a literal "_x") and turning CRLF and CR into LF. */
static int x_unescape(struct buf *out, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t k = i;
		unsigned cp = 0;
		int ok = 1;

		while (k < n && s[k] != '_' && s[k] != '\r')
			k++;
		if (k > i && buf_add(out, s + i, k - i) != 0)
			return -1;
		i = k;
		if (i >= n)
			break;
		if (s[i] == '\r') {
			i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
			if (buf_add(out, "\n", 1) != 0)
				return -1;
			continue;
		}
		if (n - i < 7 || s[i + 1] != 'x' || s[i + 6] != '_')
			ok = 0;
		for (int j = 2; ok && j < 6; j++) {
			int h = hexval(s[i + j]);

			ok = h >= 0;
			cp = cp << 4 | (unsigned)(h < 0 ? 0 : h);
		}
		if (!ok || (cp >= 0xD800 && cp <= 0xDFFF)) {
			if (buf_add(out, "_", 1) != 0)
				return -1;
			i++;
			continue;
		}
		{
			char u[3];
			size_t w;

			if (cp == '\r') { /* _x000D_ then LF (or _x000A_) is one newline */
				cp = '\n';
				if (i + 7 < n && s[i + 7] == '\n')
					i++;
				else if (n - i >= 14 && memcmp(s + i + 7, "_x000A_", 7) == 0)
					i += 7;
			}
			if (cp < 0x80) {
				u[0] = (char)cp, w = 1;
			} else if (cp < 0x800) {
				u[0] = (char)(0xC0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3F)),
				w = 2;
			} else {
				u[0] = (char)(0xE0 | cp >> 12),
				u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
				u[2] = (char)(0x80 | (cp & 0x3F)), w = 3;
			}
			if (buf_add(out, u, w) != 0)
				return -1;
		}
		i += 7;
	}
	return 0;
}

/* The cell's text by its type; 0, or -1 with err set. */
static int x_value(struct xsheet *x, const char **v, size_t *vn)
{
	const char *s = x->b.chars.len ? x->b.chars.data : "";
	size_t n = x->b.chars.len;

	*v = s;
	*vn = n;
	if (x->type == 's') {
		size_t idx = 0, i = 0;

		while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'))
			i++;
		if (i == n)
			return 0; /* no value: an empty cell */
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
			idx = idx * 10 + (size_t)(s[i] - '0');
			if (idx > SIZE_MAX / 20)
				break;
		}
		if (i != n || !x->sst || idx >= x->sst->n)
			return jf_errf(x->b.err, x->b.errlen,
			               "xlsx 文件已损坏：第 %d 行引用了不存在的共享字符串",
			               x->line);
		*vn = x->sst->len[idx];
		*v = *vn ? x->sst->b.chars.data + x->sst->off[idx] : ""; /* all may be empty */
	} else if (x->type == 'b') {
		if (n == 1 && s[0] == '1')
			*v = "TRUE", *vn = 4;
		else if (n == 1 && s[0] == '0')
			*v = "FALSE", *vn = 5;
	}
	return 0;
}

static void x_cell_end(struct xsheet *x)
{
	const char *v;
	size_t vn;

	x->val.len = 0;
	if (x_value(x, &v, &vn) != 0)
		goto fail;
	if (x_unescape(&x->val, v, vn) != 0) {
		jf_errf(x->b.err, x->b.errlen, "xlsx 文件内容过大");
		goto fail;
	}
	if (rb_set(x->rb, x->line, x->col, x->val.data, x->val.len) != 0)
		goto fail;
	return;
fail:
	xfail(&x->b);
}

static void x_row_start(struct xsheet *x, const XML_Char **a)
{
	const char *r = xattr(a, "r", 0);
	int line = r ? x_rownum(r) : x->line + 1;

	if (line < 1 || line > XLSX_MAX_ROW) {
		jf_errf(x->b.err, x->b.errlen, "xlsx 文件已损坏：行号无效（第 %d 行之后）",
		        x->line);
		xfail(&x->b);
		return;
	}
	x->line = line;
	x->in_row = 1;
	x->next_col = 0;
}

static void x_cell_start(struct xsheet *x, const XML_Char **a)
{
	const char *r = xattr(a, "r", 0);
	long col = r ? x_col(r) : (long)x->next_col;

	x->type = x_type(xattr(a, "t", 0));
	if (col < 0 || col >= (long)HARD_MAX_COLS) {
		jf_errf(x->b.err, x->b.errlen, "xlsx 文件已损坏：第 %d 行的单元格无效", x->line);
		xfail(&x->b);
		return;
	}
	x->col = (size_t)col;
	x->in_cell = 1;
	x->in_is = 0;
	x->rph = 0;
	x->b.chars.len = 0;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *el, const XML_Char **a)
{
	struct xsheet *x = ud;
	const char *l = xlocal(el);

	if (x->b.failed)
		return;
	if (strcmp(l, "sheetData") == 0)
		x->in_data = 1;
	else if (x->in_data && !x->in_row && strcmp(l, "row") == 0)
		x_row_start(x, a);
	else if (x->in_row && !x->in_cell && strcmp(l, "c") == 0)
		x_cell_start(x, a);
	else if (x->in_cell && !x->in_is && strcmp(l, "v") == 0)
		x->b.collect = 1;
	else if (x->in_cell && strcmp(l, "is") == 0)
		x->in_is = 1;
	else if (x->in_is && strcmp(l, "rPh") == 0)
		x->rph++, x->b.collect = 0;
	else if (x->in_is && !x->rph && strcmp(l, "t") == 0)
		x->b.collect = 1;
}

static void XMLCALL sheet_end(void *ud, const XML_Char *el)
{
	struct xsheet *x = ud;
	const char *l = xlocal(el);

	if (x->b.failed)
		return;
	if (strcmp(l, "v") == 0 || strcmp(l, "t") == 0) {
		x->b.collect = 0;
	} else if (x->in_is && strcmp(l, "rPh") == 0) {
		if (x->rph > 0)
			x->rph--;
	} else if (x->in_cell && strcmp(l, "is") == 0) {
		x->in_is = 0;
	} else if (x->in_cell && strcmp(l, "c") == 0) {
		x->in_cell = 0;
		x->b.collect = 0;
		x->next_col = x->col + 1;
		x_cell_end(x);
	} else if (x->in_row && strcmp(l, "row") == 0) {
		x->in_row = 0;
		if (rb_commit(x->rb, x->line) != 0)
			xfail(&x->b);
		rb_reset(x->rb); /* after a refusal too: the next row starts clean */
	} else if (strcmp(l, "sheetData") == 0) {
		x->in_data = 0;
	}
}

/* The first sheet's part name, from the workbook and its relationships
 * (falling back to xl/worksheets/sheet1.xml). 0, or -1 with err set. */
static int x_first_sheet(zip_t *z, const struct table_limits *lim, char *path, size_t cap,
                         char *err, size_t errlen)
{
	struct xwb wb;
	struct xrels rel;
	int rc = -1, r;

	memset(&wb, 0, sizeof wb);
	memset(&rel, 0, sizeof rel);
	wb.b.err = rel.b.err = err;
	wb.b.errlen = rel.b.errlen = errlen;
	buf_init(&wb.b.chars, 0);
	buf_init(&rel.b.chars, 0);
	set_str(path, cap, "xl/worksheets/sheet1.xml");
	r = x_part(z, "xl/workbook.xml", "工作簿", &wb.b, lim, wb_start, x_noend);
	if (r == 1)
		jf_errf(err, errlen, "这是 ZIP 文件，但不是 Excel 工作簿（缺少 xl/workbook.xml）");
	if (r != 0)
		goto out;
	if (!wb.found) {
		jf_errf(err, errlen, "xlsx 文件已损坏：工作簿里没有工作表");
		goto out;
	}
	rel.rid = wb.rid;
	if (wb.rid[0]) {
		r = x_part(z, "xl/_rels/workbook.xml.rels", "工作簿关系表", &rel.b, lim, rels_start,
		           x_noend);
		if (r < 0)
			goto out;
	}
	if (rel.found && rel.target[0] == '/')
		set_str(path, cap, rel.target + 1);
	else if (rel.found)
		snprintf(path, cap, "xl/%s", rel.target);
	rc = 0;
out:
	buf_free(&wb.b.chars);
	buf_free(&rel.b.chars);
	return rc;
}

static int xlsx_parse(const char *data, size_t len, const struct table_limits *lim,
                      struct table *out, char *err, size_t errlen)
{
	zip_error_t ze;
	zip_source_t *src = NULL;
	zip_t *z = NULL;
	struct xsst sst;
	struct xsheet sh;
	struct rowb rb;
	char path[600];
	int rc = -1, r;

	set_str(out->format, sizeof out->format, "xlsx");
	set_str(out->encoding, sizeof out->encoding, "xlsx");
	memset(&sst, 0, sizeof sst);
	memset(&sh, 0, sizeof sh);
	sst.b.err = sh.b.err = err;
	sst.b.errlen = sh.b.errlen = errlen;
	sst.lim = lim;
	buf_init(&sst.b.chars, lim->max_part);
	buf_init(&sh.b.chars, lim->max_part);
	buf_init(&sh.val, lim->max_part);
	zip_error_init(&ze);
	if (rb_init(&rb, lim, out, 1, err, errlen) != 0)
		goto out;
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (!src) {
		jf_errf(err, errlen, "内存不足");
		goto out;
	}
	z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!z) {
		jf_errf(err, errlen, "xlsx 文件已损坏：不是完整的 ZIP 文件");
		goto out;
	}
	src = NULL; /* z owns it now */
	if (x_first_sheet(z, lim, path, sizeof path, err, errlen) != 0)
		goto out;
	r = x_part(z, "xl/sharedStrings.xml", "共享字符串表", &sst.b, lim, sst_start, sst_end);
	if (r < 0)
		goto out;
	sh.rb = &rb;
	sh.sst = &sst;
	r = x_part(z, path, "工作表", &sh.b, lim, sheet_start, sheet_end);
	if (r == 1)
		jf_errf(err, errlen, "xlsx 文件已损坏：找不到第一个工作表");
	if (r != 0)
		goto out;
	if (out->nrows == 0) {
		jf_errf(err, errlen, "文件为空");
		goto out;
	}
	rc = 0;
out:
	if (z)
		zip_discard(z);
	if (src)
		zip_source_free(src);
	zip_error_fini(&ze);
	rb_free(&rb);
	buf_free(&sst.b.chars);
	free(sst.off);
	free(sst.len);
	buf_free(&sh.b.chars);
	buf_free(&sh.val);
	return rc;
}

/* ---------------------------------------------------------------- entry */

static int is_zip(const unsigned char *u, size_t len)
{
	return len >= 4 && u[0] == 'P' && u[1] == 'K' &&
	       ((u[2] == 3 && u[3] == 4) || (u[2] == 5 && u[3] == 6) || (u[2] == 7 && u[3] == 8));
}

static int is_ole(const unsigned char *u, size_t len)
{
	static const unsigned char sig[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

	return len >= sizeof sig && memcmp(u, sig, sizeof sig) == 0;
}

int table_parse_with(const char *data, size_t len, const struct table_limits *lim,
                     struct table *out, char *err, size_t errlen)
{
	struct table_limits l = *lim;
	const unsigned char *u = (const unsigned char *)data;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (l.max_cols > HARD_MAX_COLS)
		l.max_cols = HARD_MAX_COLS;
	if (l.max_bytes > (size_t)INT_MAX - 1) /* line numbers stay ints */
		l.max_bytes = (size_t)INT_MAX - 1;
	if (len == 0 || !data) {
		jf_errf(err, errlen, "文件为空");
		goto out;
	}
	if (len > l.max_bytes) {
		if (l.max_bytes % MIB == 0)
			jf_errf(err, errlen, "文件超过 %zu MB", l.max_bytes / MIB);
		else
			jf_errf(err, errlen, "文件超过 %zu 字节", l.max_bytes);
		goto out;
	}
	if (is_ole(u, len)) {
		jf_errf(err, errlen,
		        "这是旧版 Excel（.xls）或加密的文件，请在 Excel 中另存为 .xlsx 或 CSV "
		        "后再导入");
		goto out;
	}
	if (is_zip(u, len))
		rc = xlsx_parse(data, len, &l, out, err, errlen);
	else
		rc = csv_parse(data, len, &l, out, err, errlen);
	if (rc == 0 && out->nrows == 0) {
		jf_errf(err, errlen, "文件为空");
		rc = -1;
	}
out:
	if (rc != 0)
		table_free(out);
	return rc;
}

int table_parse_limited(const char *data, size_t len, size_t max_bytes, struct table *out,
                        char *err, size_t errlen)
{
	struct table_limits l = table_default_limits;

	l.max_bytes = max_bytes;
	return table_parse_with(data, len, &l, out, err, errlen);
}

int table_parse(const char *data, size_t len, struct table *out, char *err, size_t errlen)
{
	return table_parse_with(data, len, &table_default_limits, out, err, errlen);
}

int table_load_file(const char *path, struct table *out, char *err, size_t errlen)
{
	size_t cap = 0, len = 0, max = TABLE_MAX_BYTES + 1;
	char *data = NULL;
	int fd = -1, rc = -1;

	memset(out, 0, sizeof *out);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		jf_errf(err, errlen, "无法读取文件");
		goto out;
	}
	while (len < max) {
		ssize_t n;

		if (len == cap) {
			size_t ncap = cap ? cap * 2 : 65536;
			char *nd;

			if (ncap > max)
				ncap = max;
			nd = realloc(data, ncap);
			if (!nd) {
				jf_errf(err, errlen, "内存不足");
				goto out;
			}
			data = nd;
			cap = ncap;
		}
		n = read(fd, data + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			jf_errf(err, errlen, "无法读取文件");
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	rc = table_parse(data, len, out, err, errlen);
out:
	if (fd >= 0)
		close(fd);
	free(data);
	return rc;
}
