/* xlsx_out.h - write exports as .xlsx (libxlsxwriter): one sheet or several.
 *
 * The rows come as a struct table (util/table.h): from table_parse() or built
 * with table_add_row(). Nothing is kept after the call. */
#ifndef SJ_XLSX_OUT_H
#define SJ_XLSX_OUT_H
#include <stddef.h>

#include "util/table.h"

#define XLSX_MAX_WIDTH 60 /* widest column, in characters */

/* Write path: a header row (bold, frozen) of header[0..ncols), then every
 * row of rows (cells of UTF-8 text; NULL or "" leave the cell empty; a row may
 * be shorter or longer than the header). Column widths fit the longest line
 * of each column (CJK characters count double), capped at XLSX_MAX_WIDTH.
 * A cell that is a whole number of at most 9 digits without a leading zero
 * ("0", "3", "123456789") is written as a number, anything else as text, so
 * 学籍号 like G110101201501010012, 0012 or an 11-digit phone number stay text.
 * sheet_name NULL means "Sheet1"; ncols 0 (header may be NULL) means no
 * header row.
 *
 * The file is written to a temporary name in the same folder and renamed
 * over path only when complete: on failure path is untouched. It is created
 * with mode 0600 (rosters hold minors' data; widen it on purpose if needed).
 * libxlsxwriter keeps its scratch files in /tmp.
 *
 * Returns 0, or -1 with err (NUL-terminated, Chinese, no paths or library
 * text): invalid sheet name, invalid UTF-8 in a cell (naming row and column),
 * a cell over Excel's 32767 characters, more than 1048576 rows or 16384
 * columns, or the file could not be written. */
int xlsx_write(const char *path, const char *sheet_name, const char *const *header, size_t ncols,
               const struct table *rows, char *err, size_t errlen);

/* A workbook of several sheets, each as xlsx_write writes its one (names
 * must differ). The same atomic rename and errors. */
struct xlsx_sheet {
	const char *name;
	const char *const *header;
	size_t ncols;
	const struct table *rows;
};
int xlsx_write_book(const char *path, const struct xlsx_sheet *sheets, size_t nsheets,
                    char *err, size_t errlen);

#endif
