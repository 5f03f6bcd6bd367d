/* test_import_template.c - the blank import files (数据导入 模板): each kind's
 * template, written as .xlsx and read back the way an upload is read, gives
 * exactly the importer's columns on the sheet the importer reads, and a
 * 填写说明 row per column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/app_org.h"
#include "util/table.h"
#include "util/xlsx_out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void test_each_kind_reads_back(void **state)
{
	static const char *const note_header[] = { "列名", "必填", "填写要求" };
	static const char *const first[IMPORT_KINDS] = { "学校代码", "学校代码", "学校代码",
							 "学校代码", "学籍号", "学籍号" };

	(void)state;
	for (int k = 0; k < IMPORT_KINDS; k++) {
		const char *names[16];
		struct table empty = { 0 }, notes, back = { 0 };
		char path[] = "/tmp/sj-tpl-XXXXXX", err[256];
		size_t n = app_import_template((enum import_kind)k, names, 16, &notes), len;
		struct xlsx_sheet sheets[2] = { { "导入", names, n, &empty },
						{ "填写说明", note_header, 3, &notes } };
		int fd = mkstemp(path);
		char *data;

		assert_true(fd >= 0);
		close(fd);
		assert_true(n >= 4);
		assert_string_equal(names[0], first[k]);
		assert_int_equal(notes.nrows, n);
		for (size_t i = 0; i < n; i++) {
			assert_string_equal(notes.rows[i].cells[0], names[i]);
			assert_true(!strcmp(notes.rows[i].cells[1], "必填") ||
				    !strcmp(notes.rows[i].cells[1], "选填"));
			assert_true(strlen(notes.rows[i].cells[2]) > 0);
		}
		assert_int_equal(xlsx_write_book(path, sheets, 2, err, sizeof err), 0);
		data = slurp(path, &len);
		/* the importer reads the first sheet: the header row only, not the notes */
		assert_int_equal(table_parse(data, len, &back, err, sizeof err), 0);
		assert_int_equal(back.nrows, 1);
		assert_int_equal(back.rows[0].ncells, n);
		for (size_t i = 0; i < n; i++)
			assert_string_equal(back.rows[0].cells[i], names[i]);
		free(data);
		unlink(path);
		table_free(&back);
		table_free(&notes);
	}
}

static void test_unknown_kind(void **state)
{
	const char *names[16];
	struct table notes;

	(void)state;
	assert_int_equal(app_import_template((enum import_kind)-1, names, 16, &notes), 0);
	assert_int_equal(app_import_template(IMPORT_KINDS, names, 16, &notes), 0);
	assert_int_equal(notes.nrows, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_kind_reads_back),
		cmocka_unit_test(test_unknown_kind),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
