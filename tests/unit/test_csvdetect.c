/*
 * test_csvdetect.c: unit tests of pl_csvread.h with detection on (what
 * ingest uses): dialects, encodings and limits.
 *
 * Covers, each for every read size from 1 byte past the input's size, for
 * a gzip copy, and for files kept whole by their first read or read again:
 * Excel's Indonesian "CSV" (semicolons, a UTF-8 BOM, CRLF, blank rows
 * before the header, no final newline, unquoted commas in values); tab
 * and pipe files; an Excel "sep=" line (skipped, lines still
 * counted from the top of the file); lines ended by a CR alone; a
 * Windows-1252 file converted to UTF-8 field by field; a UTF-8 file with
 * one damaged record (only that record is ENCODING_INVALID, at its line);
 * a NUL byte; a UTF-16 file and an xlsx saved as .csv refused whole
 * (ENCODING_UNSUPPORTED); the limits: a field of exactly max_field bytes
 * read and one byte more refused, too many fields and too many bytes in a
 * record (RECORD_TOO_LONG), each followed by a good record read as usual;
 * without detection, bytes pass as they are. And the csv-spectrum cases
 * give the same records with detection as without (test_csvspectrum
 * checks those against the expected JSON).
 */
#include "unit.h"

#include "pl_csvread.h"

static char tmp[PATH_MAX];
/* A buffer lent to every other read, kept from file to file as ingest
 * keeps its own. */
static struct pl_buf lent;

static int setup(void **state)
{
	(void)state;
	unit_tmpdir(tmp);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unit_rmrf(tmp);
	pl_buf_free(&lent);
	return 0;
}

struct seen {
	struct pl_buf text;
	struct pl_csv_info info;
};

/* One line per record: "LINE:[f1][f2]" or "LINE:!CODE". */
static int collect(void *ctx, const struct pl_csv_record *rec)
{
	struct seen *s = ctx;
	s->info = *rec->info;
	pl_buf_printf(&s->text, "%lu:", rec->line);
	if (rec->error)
		pl_buf_printf(&s->text, "!%s", pl_reject_name(rec->error));
	for (size_t i = 0; i < rec->nf; i++)
		pl_buf_printf(&s->text, "[%s]", rec->f[i]);
	pl_buf_addc(&s->text, '\n');
	return 0;
}

static struct pl_csv_opts detect(size_t chunk)
{
	struct pl_csv_opts o = {.chunk = chunk, .detect = 1};
	return o;
}

static char *write_file(const char *name, const char *data, size_t len, int gz)
{
	struct pl_buf p = unit_join(tmp, name);
	if (gz)
		unit_write_gz(p.p, data, len);
	else
		unit_write(p.p, data, len);
	return p.p;
}

/* Reads data (plain and gzip, every chunk size, and from memory) with
 * opts; each must give want and, when info is given, find that dialect.
 * A file is read whole before it is parsed, and kept by that read unless
 * it holds more than whole_max bytes: from one byte to all of them here. */
static void check_opts(const char *data, size_t len, struct pl_csv_opts opts, const char *want,
		       const struct pl_csv_info *info)
{
	const size_t whole[] = {0, 1, len > 1 ? len - 1 : 1, len ? len : 1};
	for (int gz = 0; gz <= 2; gz++) {
		char *path = gz < 2 ? write_file(gz ? "t.csv.gz" : "t.csv", data, len, gz) : NULL;
		size_t nwhole = path ? sizeof whole / sizeof whole[0] : 1;
		for (size_t w = 0; w < nwhole; w++)
			for (size_t chunk = 0; chunk <= len + 1; chunk++) {
				struct seen s = {0};
				struct pl_csv_error err = {0};
				opts.chunk = chunk;
				opts.whole_max = whole[w];
				opts.keep = chunk % 2 ? &lent : NULL;
				pl_buf_adds(&s.text, "");
				int rc = path ? pl_csv_read(path, &opts, collect, &s, &err)
					      : pl_csv_read_mem(data, len, &opts, collect, &s, &err);
				if (rc != 0)
					fail_msg("gz %d chunk %zu whole_max %zu: rc %d (%s)", gz, chunk,
						 whole[w], rc, err.message);
				if (strcmp(s.text.p, want) != 0)
					fail_msg("gz %d chunk %zu whole_max %zu:\n--- got\n%s--- want\n%s",
						 gz, chunk, whole[w], s.text.p, want);
				if (info) {
					assert_int_equal(s.info.delim, info->delim);
					assert_int_equal(s.info.bom, info->bom);
					assert_int_equal(s.info.sep_line, info->sep_line);
					assert_int_equal(s.info.encoding, info->encoding);
					assert_int_equal(s.info.gzip, gz == 1);
				}
				pl_buf_free(&s.text);
			}
		free(path);
	}
}

static void check(const char *data, size_t len, const char *want, const struct pl_csv_info *info)
{
	check_opts(data, len, detect(0), want, info);
}

static void test_excel_indonesian(void **state)
{
	(void)state;
	const char data[] = "\xEF\xBB\xBF"
			    ";;\r\n"                                    /* 1: blank fields */
			    "\r\n"                                      /* 2 */
			    "Tahun;Kode Wilayah;Nama Inovasi;Nilai\r\n" /* 3: the header */
			    "2023;52 04;Pasar, Murah;2,5\r\n"           /* 4 */
			    "2023;5204;\"Dua;\r\nBaris\";3";            /* 5-6, no final newline */
	struct pl_csv_info info = {.delim = ';', .bom = 1, .encoding = PL_ENC_UTF8};
	check(data, sizeof data - 1,
	      "3:[Tahun][Kode Wilayah][Nama Inovasi][Nilai]\n"
	      "4:[2023][52 04][Pasar, Murah][2,5]\n"
	      "5:[2023][5204][Dua;\r\nBaris][3]\n",
	      &info);
}

static void test_tab_pipe_sep(void **state)
{
	(void)state;
	struct pl_csv_info tab = {.delim = '\t', .encoding = PL_ENC_UTF8};
	const char t[] = "tahun\tnama\n2023\tBima, Kota\n";
	check(t, sizeof t - 1, "1:[tahun][nama]\n2:[2023][Bima, Kota]\n", &tab);
	struct pl_csv_info pipe = {.delim = '|', .sep_line = 1, .encoding = PL_ENC_UTF8};
	/* The sep= line names '|' although ',' splits the header more. */
	const char p[] = "sep=|\r\na,b|c\r\n1|2\r\n";
	check(p, sizeof p - 1, "2:[a,b][c]\n3:[1][2]\n", &pipe);
}

static void test_cr_only(void **state)
{
	(void)state;
	struct pl_csv_info info = {.delim = ',', .encoding = PL_ENC_UTF8};
	const char data[] = "a,b\r1,\"x\ry\"\r\r2,3\r";
	check(data, sizeof data - 1, "1:[a][b]\n2:[1][x\ry]\n5:[2][3]\n", &info);
}

static void test_windows_1252(void **state)
{
	(void)state;
	struct pl_csv_info info = {.delim = ';', .encoding = PL_ENC_CP1252};
	const char data[] = "nama;catatan\r\n"
			    "Caf\xE9 \x93Sehat\x94;Ibu \x96 Anak\r\n"
			    "\x80 5;ok\r\n";
	check(data, sizeof data - 1,
	      "1:[nama][catatan]\n"
	      "2:[Caf\xC3\xA9 \xE2\x80\x9CSehat\xE2\x80\x9D][Ibu \xE2\x80\x93 Anak]\n"
	      "3:[\xE2\x82\xAC 5][ok]\n",
	      &info);
}

static void test_damaged_utf8(void **state)
{
	(void)state;
	struct pl_csv_info info = {.delim = ',', .encoding = PL_ENC_UTF8_BAD};
	const char data[] = "nama,kota\n"
			    "Caf\xC3\xA9,Bima\n"
			    "Rusak\xE9,Bima\n"
			    "\"dua\nbaris\xFF\",x\n"
			    "ok,Mataram\n";
	check(data, sizeof data - 1,
	      "1:[nama][kota]\n2:[Caf\xC3\xA9][Bima]\n3:!ENCODING_INVALID\n"
	      "4:!ENCODING_INVALID\n6:[ok][Mataram]\n",
	      &info);
	/* A NUL is invalid in every encoding; the file is still UTF-8. */
	const char nul[] = "a,b\nx\0y,1\n2,3\n";
	struct pl_csv_info utf8 = {.delim = ',', .encoding = PL_ENC_UTF8};
	check(nul, sizeof nul - 1, "1:[a][b]\n2:!ENCODING_INVALID\n3:[2][3]\n", &utf8);
}

static void refused(const char *data, size_t len, const char *why)
{
	for (int gz = 0; gz <= 1; gz++) {
		char *path = write_file(gz ? "r.csv.gz" : "r.csv", data, len, gz);
		struct seen s = {0};
		struct pl_csv_error err = {0};
		struct pl_csv_opts o = detect(0);
		assert_int_equal(pl_csv_read(path, &o, collect, &s, &err), -1);
		assert_int_equal(err.code, PL_REJ_ENCODING_UNSUPPORTED);
		assert_string_equal(err.message, why);
		assert_null(s.text.p); /* not one record passed */
		free(path);
	}
}

static void test_unsupported(void **state)
{
	(void)state;
	refused("\xFF\xFEt\0a\0h\0u\0n\0\n\0", 14, "UTF-16LE");
	refused("PK\x03\x04\x14\0\x06\0\x08\0", 10, "xlsx/zip");
	/* Without detection the same bytes pass as they are. */
	const char data[] = "Caf\xE9,\xFF\n";
	check_opts(data, sizeof data - 1, (struct pl_csv_opts){0}, "1:[Caf\xE9][\xFF]\n", NULL);
}

static void test_limits(void **state)
{
	(void)state;
	struct pl_csv_opts o = {.detect = 1, .max_field = 8, .max_fields = 3, .max_record = 12};
	const char data[] = "a,b\n"
			    "12345678,x\n"     /* 2: exactly max_field */
			    "123456789,x\n"    /* 3: one byte more */
			    "1,2,3\n"          /* 4: max_fields */
			    "1,2,3,4\n"        /* 5: one field more */
			    "1234,5678,9012\n" /* 6: 12 bytes: max_record */
			    "1234,5678,90123\n" /* 7: 13 bytes */
			    "ok,1\n";          /* 8 */
	check_opts(data, sizeof data - 1, o,
		   "1:[a][b]\n2:[12345678][x]\n3:!FIELD_TOO_LONG\n4:[1][2][3]\n"
		   "5:!RECORD_TOO_LONG\n6:[1234][5678][9012]\n7:!RECORD_TOO_LONG\n8:[ok][1]\n",
		   NULL);
	/* A line of 200000 fields under the default limit (10000): refused
	 * as a whole, and the next line is read. */
	struct pl_buf big = {0};
	pl_buf_adds(&big, "a,b\n");
	for (int i = 0; i < 200000; i++)
		pl_buf_adds(&big, "x,");
	pl_buf_adds(&big, "x\nc,d\n");
	char *path = write_file("wide.csv", big.p, big.len, 0);
	struct seen s = {0};
	struct pl_csv_error err;
	struct pl_csv_opts d = detect(0);
	assert_int_equal(pl_csv_read(path, &d, collect, &s, &err), 0);
	assert_string_equal(s.text.p, "1:[a][b]\n2:!RECORD_TOO_LONG\n3:[c][d]\n");
	pl_buf_free(&s.text);
	pl_buf_free(&big);
	free(path);
}

/* The csv-spectrum cases read the same with detection as without. */
static void test_spectrum_same(void **state)
{
	(void)state;
	char base[PATH_MAX];
	unit_find_up("tests/data/csv-spectrum/csvs", base);
	static const char *const cases[] = {
		"comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "newlines",
		"newlines_crlf", "quotes_and_newlines", "simple", "simple_crlf", "utf8",
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct pl_buf path = {0};
		pl_buf_printf(&path, "%s/%s.csv", base, cases[i]);
		struct seen plain = {0}, found = {0};
		struct pl_csv_error err;
		struct pl_csv_opts d = detect(0);
		assert_int_equal(pl_csv_read(path.p, NULL, collect, &plain, &err), 0);
		assert_int_equal(pl_csv_read(path.p, &d, collect, &found, &err), 0);
		if (strcmp(pl_buf_str(&plain.text), pl_buf_str(&found.text)) != 0)
			fail_msg("%s:\n--- without detection\n%s--- with\n%s", cases[i],
				 pl_buf_str(&plain.text), pl_buf_str(&found.text));
		assert_true(plain.text.len > 0);
		assert_int_equal(found.info.delim, ',');
		pl_buf_free(&plain.text);
		pl_buf_free(&found.text);
		pl_buf_free(&path);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_excel_indonesian),
		cmocka_unit_test(test_tab_pipe_sep),
		cmocka_unit_test(test_cr_only),
		cmocka_unit_test(test_windows_1252),
		cmocka_unit_test(test_damaged_utf8),
		cmocka_unit_test(test_unsupported),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_spectrum_same),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
