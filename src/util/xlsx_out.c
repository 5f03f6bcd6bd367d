/* xlsx_out.c - .xlsx exports with libxlsxwriter. See xlsx_out.h. */
#include "util/jfields.h"
#include "util/xlsx_out.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define XLSX_ROWS 1048576u    /* Excel's rows per sheet */
#define XLSX_COLS 16384u      /* Excel's columns per sheet */
#define XLSX_CELL_CHARS 32767 /* Excel's characters per cell */

/* A whole number of 1..9 digits without a leading zero ("0" itself is one). */
static int short_int(const char *s, double *v)
{
	size_t n = strlen(s);
	long x = 0;

	if (n == 0 || n > 9 || (n > 1 && s[0] == '0'))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		x = x * 10 + (s[i] - '0');
	}
	*v = (double)x;
	return 1;
}

/* Code point at s (valid UTF-8), advancing *s. */
static unsigned next_cp(const unsigned char **s)
{
	const unsigned char *p = *s;
	unsigned c = p[0];

	if (c < 0x80) {
		*s += 1;
		return c;
	}
	if (c < 0xE0) {
		*s += 2;
		return (c & 0x1F) << 6 | (p[1] & 0x3F);
	}
	if (c < 0xF0) {
		*s += 3;
		return (c & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F);
	}
	*s += 4;
	return (c & 0x07) << 18 | (p[1] & 0x3F) << 12 | (p[2] & 0x3F) << 6 | (p[3] & 0x3F);
}

static int wide(unsigned cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	       (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000;
}

/* Display width of the widest line of s (CJK counts 2), and its characters. */
static size_t text_width(const char *s, size_t *chars)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t best = 0, cur = 0;

	*chars = 0;
	while (*p) {
		unsigned cp = next_cp(&p);

		(*chars)++;
		if (cp == '\n') {
			cur = 0;
			continue;
		}
		cur += wide(cp) ? 2 : 1;
		if (cur > best)
			best = cur;
	}
	return best;
}

/* Write one cell (row r, column c) and widen its column. */
static int put_cell(lxw_worksheet *ws, lxw_format *fmt, size_t r, size_t c, const char *s,
                    size_t *width, char *err, size_t errlen)
{
	size_t chars, w;
	double num;
	lxw_error e;

	if (!s || !*s)
		return 0;
	if (table_utf8_valid(s, strlen(s)) != strlen(s))
		return jf_errf(err, errlen, "第 %zu 行第 %zu 列不是有效的 UTF-8 文字", r + 1, c + 1);
	w = text_width(s, &chars);
	if (chars > XLSX_CELL_CHARS)
		return jf_errf(err, errlen, "第 %zu 行第 %zu 列超过 Excel 单元格的 %d 字符上限", r + 1,
		            c + 1, XLSX_CELL_CHARS);
	if (!fmt && short_int(s, &num))
		e = worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, num, NULL);
	else
		e = worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, s, fmt);
	if (e != LXW_NO_ERROR)
		return jf_errf(err, errlen, "第 %zu 行第 %zu 列无法写入 xlsx", r + 1, c + 1);
	if (w > width[c])
		width[c] = w;
	return 0;
}

static int check_shape(const char *const *header, size_t ncols, const struct table *rows,
                       size_t *maxcols, char *err, size_t errlen)
{
	size_t nrows = rows ? rows->nrows : 0;

	*maxcols = ncols;
	if (ncols > 0 && !header)
		return jf_errf(err, errlen, "导出参数有误：缺少表头");
	for (size_t i = 0; i < nrows; i++)
		if (rows->rows[i].ncells > *maxcols)
			*maxcols = rows->rows[i].ncells;
	if (*maxcols > XLSX_COLS)
		return jf_errf(err, errlen, "导出超过 Excel 的 %u 列上限", XLSX_COLS);
	if (nrows + (ncols > 0) > XLSX_ROWS)
		return jf_errf(err, errlen, "导出超过 Excel 的 %u 行上限，请分批导出", XLSX_ROWS);
	return 0;
}

/* One sheet of a workbook: header (bold, frozen), rows, fitted widths. */
static int write_sheet(lxw_workbook *wb, lxw_format *bold, const struct xlsx_sheet *sh,
                       char *err, size_t errlen)
{
	size_t *width = NULL, maxcols, nrows = sh->rows ? sh->rows->nrows : 0,
	       first = sh->ncols > 0;
	lxw_worksheet *ws;
	int rc = -1;

	if (check_shape(sh->header, sh->ncols, sh->rows, &maxcols, err, errlen) != 0)
		return -1;
	if (sh->name && workbook_validate_sheet_name(wb, sh->name) != LXW_NO_ERROR)
		return jf_errf(err, errlen, "工作表名称无效（最多 31 个字符，不能含 [ ] : * ? / \\，不能重名）");
	width = calloc(maxcols ? maxcols : 1, sizeof *width);
	ws = workbook_add_worksheet(wb, sh->name);
	if (!width || !ws) {
		jf_errf(err, errlen, "内存不足");
		goto out;
	}
	for (size_t c = 0; c < sh->ncols; c++)
		if (put_cell(ws, bold, 0, c, sh->header[c], width, err, errlen) != 0)
			goto out;
	if (first)
		worksheet_freeze_panes(ws, 1, 0);
	for (size_t i = 0; i < nrows; i++)
		for (size_t c = 0; c < sh->rows->rows[i].ncells; c++)
			if (put_cell(ws, NULL, i + first, c, sh->rows->rows[i].cells[c], width, err,
			             errlen) != 0)
				goto out;
	for (size_t c = 0; c < maxcols; c++) {
		size_t w = width[c] + 2;

		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		                     (double)(w < 8                ? 8
		                              : w > XLSX_MAX_WIDTH ? XLSX_MAX_WIDTH
		                                                   : w),
		                     NULL);
	}
	rc = 0;
out:
	free(width);
	return rc;
}

int xlsx_write_book(const char *path, const struct xlsx_sheet *sheets, size_t nsheets,
                    char *err, size_t errlen)
{
	char tmpdir[] = "/tmp";
	lxw_workbook_options opt = {.constant_memory = 0, .tmpdir = tmpdir, .use_zip64 = 0};
	lxw_workbook *wb = NULL;
	lxw_format *bold;
	char *tmp = NULL;
	int fd, rc = -1;

	if (!path || !*path) {
		jf_errf(err, errlen, "导出参数有误：缺少文件名");
		goto out;
	}
	tmp = malloc(strlen(path) + sizeof ".XXXXXX");
	if (!tmp) {
		jf_errf(err, errlen, "内存不足");
		goto out;
	}
	snprintf(tmp, strlen(path) + sizeof ".XXXXXX", "%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		free(tmp);
		tmp = NULL; /* nothing to remove */
		jf_errf(err, errlen, "无法创建 xlsx 文件");
		goto out;
	}
	close(fd);
	wb = workbook_new_opt(tmp, &opt);
	if (!wb) {
		jf_errf(err, errlen, "无法创建 xlsx 文件");
		goto out;
	}
	bold = workbook_add_format(wb);
	if (!bold) {
		jf_errf(err, errlen, "内存不足");
		goto out;
	}
	format_set_bold(bold);
	for (size_t k = 0; k < nsheets; k++)
		if (write_sheet(wb, bold, &sheets[k], err, errlen) != 0)
			goto out;
	{
		lxw_error e = workbook_close(wb);

		wb = NULL;
		if (e != LXW_NO_ERROR) {
			jf_errf(err, errlen, "无法写入 xlsx 文件（磁盘已满或没有权限）");
			goto out;
		}
	}
	if (rename(tmp, path) != 0) {
		jf_errf(err, errlen, "无法写入 xlsx 文件（磁盘已满或没有权限）");
		goto out;
	}
	rc = 0;
out:
	if (wb)
		workbook_close(wb); /* the only way to free it; the file is removed below */
	if (rc != 0 && tmp)
		unlink(tmp);
	free(tmp);
	return rc;
}

int xlsx_write(const char *path, const char *sheet_name, const char *const *header, size_t ncols,
               const struct table *rows, char *err, size_t errlen)
{
	struct xlsx_sheet one = {sheet_name, header, ncols, rows};

	return xlsx_write_book(path, &one, 1, err, errlen);
}
