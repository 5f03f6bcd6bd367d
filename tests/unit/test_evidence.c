/* test_evidence.c - evidence files: the type comes from the content (a photo
 * renamed .pdf, a program renamed .jpg), and the bytes come back from the
 * store exactly as they went in, only for their owner. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "store/store.h"
#include "store/store_evidence.h"
#include "util/filesniff.h"

static const unsigned char jpeg[] = { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F' };
static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13,
				     'I', 'H', 'D', 'R', 0, 0, 0, 1 };

static void test_sniff_accepts_photos_and_pdf(void **state)
{
	(void)state;
	assert_string_equal(filesniff_evidence(jpeg, sizeof jpeg), "image/jpeg");
	assert_string_equal(filesniff_evidence(png, sizeof png), "image/png");
	assert_string_equal(filesniff_evidence("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", 16), "application/pdf");
	assert_string_equal(filesniff_evidence("%PDF-2.0\n", 9), "application/pdf");
}

static void test_sniff_refuses_the_rest(void **state)
{
	static const unsigned char png_no_ihdr[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
						     0, 0, 0, 13, 'X', 'X', 'X', 'X' };

	(void)state;
	assert_null(filesniff_evidence(NULL, 10));
	assert_null(filesniff_evidence("", 0));
	assert_null(filesniff_evidence(jpeg, 3));                   /* the signature alone */
	assert_null(filesniff_evidence(png, 8));                    /* no IHDR */
	assert_null(filesniff_evidence(png_no_ihdr, sizeof png_no_ihdr));
	assert_null(filesniff_evidence("MZ\x90\x00\x03\x00\x00\x00", 8)); /* a Windows program */
	assert_null(filesniff_evidence("<html><script>", 14));
	assert_null(filesniff_evidence("%PDF-9.9\n", 9));
	assert_null(filesniff_evidence("GIF89a\x01\x00", 8));     /* not among the kinds kept */
}

static void test_store_round_trip_and_owner(void **state)
{
	char path[] = "/tmp/sj-evidence-XXXXXX", mime[32];
	struct db_err dbe = { 0 };
	struct db_res *r = NULL;
	unsigned char big[70000];
	struct store_evidence ev = { 1, "visit", 7, "现场.jpg", "image/jpeg", big, sizeof big, 0, 1 };
	struct db *db;
	int64_t id = 0;
	void *data = NULL;
	size_t len = 0;
	int fd = mkstemp(path), applied = 0;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (unsigned char)(i * 31 + (i >> 8)); /* every byte value, NULs included */
	memcpy(big, jpeg, sizeof jpeg);
	db = db_open(DB_SQLITE, path, 5000, 0, &dbe);
	assert_non_null(db);
	assert_int_equal(store_migrate(db, &applied, &dbe), 0);
	assert_int_equal(db_exec(db, "INSERT INTO district (id, code, name, created_at)"
				 " VALUES (1, 'd1', '新荣区', 0)", NULL, 0, NULL, &dbe), 0);
	assert_int_equal(store_evidence_add(db, &ev, &id, &dbe), 0);
	assert_true(id > 0);
	assert_int_equal(store_evidence_get(db, 1, "visit", 7, id, &data, &len, mime, &dbe), 0);
	assert_int_equal(len, sizeof big);
	assert_memory_equal(data, big, sizeof big);
	assert_string_equal(mime, "image/jpeg");
	free(data);
	/* another owner, another district: not found */
	assert_int_equal(store_evidence_get(db, 1, "visit", 8, id, &data, &len, mime, &dbe), 1);
	assert_int_equal(store_evidence_get(db, 1, "report", 7, id, &data, &len, mime, &dbe), 1);
	assert_int_equal(store_evidence_get(db, 2, "visit", 7, id, &data, &len, mime, &dbe), 1);
	assert_int_equal(store_evidence_list(db, 1, "visit", 7, &r, &dbe), 0);
	assert_int_equal(db_res_rows(r), 1);
	assert_int_equal(db_res_int(r, 0, EVC_SIZE), (int64_t)sizeof big);
	assert_int_equal(strlen(db_res_text(r, 0, EVC_SHA256)), 64);
	db_res_free(r);
	/* the schema refuses a type the sniffer would not give */
	ev.mime = "text/html";
	assert_int_not_equal(store_evidence_add(db, &ev, &id, &dbe), 0);
	db_close(db);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff_accepts_photos_and_pdf),
		cmocka_unit_test(test_sniff_refuses_the_rest),
		cmocka_unit_test(test_store_round_trip_and_owner),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
