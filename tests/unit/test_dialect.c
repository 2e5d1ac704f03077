/*
 * test_dialect.c: unit tests of pl_dialect.h, how a CSV file is written.
 *
 * Covers: the delimiter of comma, semicolon, tab and pipe files, including
 * the cases that defeat counting characters: a semicolon file whose data
 * holds unquoted commas (Excel in the Indonesian locale), a comma file
 * with semicolons inside quoted fields, a tab file with commas in names;
 * blank lines before the header; a header with a delimiter inside quotes;
 * a last line without a line break counted only when the sample is the
 * whole file; rows whose field counts disagree (the most consistent
 * candidate wins); a one-column file (comma); a header longer than the
 * sample; the headers that decide alone (one candidate, no quote) and
 * those that only look like it (a quoted candidate, a line of delimiters
 * before the header, a leading tab). The byte-order marks (UTF-8 skipped; UTF-16 and UTF-32 named
 * as unsupported), Excel's "sep=;" line (skipped, its line counted, any
 * case, CRLF), a line that only starts like it, and the signatures of
 * xlsx, xls and PDF files.
 */
#include "unit.h"

#include "pl_dialect.h"

static unsigned char delim_of(const char *s, int complete)
{
	return pl_dialect_delimiter(s, strlen(s), complete);
}

static void test_delimiters(void **state)
{
	(void)state;
	assert_int_equal(delim_of("tahun,kode_wilayah,id\n2023,52.72,A\n", 1), ',');
	assert_int_equal(delim_of("tahun;kode_wilayah;id\n2023;52.72;A\n", 1), ';');
	assert_int_equal(delim_of("tahun\tkode_wilayah\tid\n2023\t52.72\tA\n", 1), '\t');
	assert_int_equal(delim_of("tahun|kode_wilayah|id\n2023|52.72|A\n", 1), '|');
	/* Excel, Indonesian locale: ';' between fields, ',' as decimal comma
	 * and in names, unquoted. */
	assert_int_equal(delim_of("tahun;nama;nilai\n2023;Posyandu, Digital;2,5\n"
				  "2023;Pasar, Murah, Keliling;1,5\n", 1), ';');
	/* A comma file whose quoted fields hold semicolons. */
	assert_int_equal(delim_of("tahun,nama\n2023,\"a;b;c;d\"\n2023,\"e;f\"\n", 1), ',');
	/* Tab-separated with commas in a name. */
	assert_int_equal(delim_of("tahun\tnama\n2023\tBima, Kota\n", 1), '\t');
	/* Blank lines before the header are not records. */
	assert_int_equal(delim_of("\n\r\n  \ntahun;kode\n2023;52\n", 1), ';');
	/* A quoted header field holding a comma does not split. */
	assert_int_equal(delim_of("\"a,b\";c\n1;2\n", 1), ';');
	/* One column: nothing splits it; ',' by default. */
	assert_int_equal(delim_of("tahun\n2023\n", 1), ',');
	assert_int_equal(delim_of("", 1), ',');
}

static void test_consistency_decides(void **state)
{
	(void)state;
	/* Both split the header in two; only ';' gives every row two
	 * fields. */
	assert_int_equal(delim_of("a;b,c\n1;2\n3;4\n5;6,7,8\n", 1), ';');
	assert_int_equal(delim_of("a,b;c\n1,2\n3,4\n5,6;7;8\n", 1), ',');
	/* Equally consistent: the header with more fields wins (';' gives
	 * three, ',' two). */
	assert_int_equal(delim_of("a;b;c,d\n", 1), ';');
	/* Equal in everything: the order , ; tab |. */
	assert_int_equal(delim_of("a;b,c\n", 1), ',');
}

static void test_partial_sample(void **state)
{
	(void)state;
	/* The second line is cut off by the end of the sample: not counted,
	 * so only the header speaks and ';' splits it. */
	assert_int_equal(delim_of("a;b;c\n1,2,3,4,5,6", 0), ';');
	/* The same text as a whole file: the last line counts and disagrees
	 * with the header, but ',' does not split the header at all, so ';'
	 * is still the only candidate. */
	assert_int_equal(delim_of("a;b;c\n1,2,3,4,5,6", 1), ';');
	/* A header longer than the sample: judged by what there is. */
	assert_int_equal(delim_of("tahun|kode|nama|id|tanggal", 0), '|');
}

/* A header holding one candidate alone decides without counting; these
 * are the headers that look like that but must still be counted. */
static void test_header_alone(void **state)
{
	(void)state;
	/* One candidate in the header: it wins even against rows that
	 * disagree with it. */
	assert_int_equal(delim_of("a|b\n1,2,3\n4,5,6\n", 1), '|');
	assert_int_equal(delim_of("  \t\r\na\tb c\n1,2\n", 1), '\t');
	/* The only candidate is inside quotes: it splits nothing, so no
	 * candidate is eligible and the default stands. */
	assert_int_equal(delim_of("\"a;b\"\n1\n", 1), ',');
	assert_int_equal(delim_of("x\"a;b\n1\n", 1), ';');
	/* A line of delimiters alone is blank for its own delimiter only:
	 * for the others it is a one-field header. */
	assert_int_equal(delim_of(";;;\nx|y\n1|2\n", 1), ',');
	assert_int_equal(delim_of(" ; ;\nx;y\n1;2\n", 1), ';');
	/* A leading tab on the header line is a second candidate: counted,
	 * both agree, both split the header in two, ',' comes first. */
	assert_int_equal(delim_of("\ta,b\n\t1,2\n", 1), ',');
	/* The header is cut off by the end of the sample. */
	assert_int_equal(delim_of("a;b;c", 0), ';');
}

static void sniff(const char *s, size_t n, struct pl_dialect *d)
{
	pl_dialect_sniff(s, n, 1, d);
}

static void test_bom(void **state)
{
	(void)state;
	struct pl_dialect d;
	const char utf8[] = "\xEF\xBB\xBFtahun;kode\r\n2023;52\r\n";
	sniff(utf8, sizeof utf8 - 1, &d);
	assert_int_equal(d.bom, PL_BOM_UTF8);
	assert_int_equal(d.skip, 3);
	assert_int_equal(d.skip_lines, 0);
	assert_int_equal(d.delim, ';');
	assert_null(pl_bom_unsupported(d.bom));

	const char u16le[] = "\xFF\xFEt\0a\0";
	sniff(u16le, sizeof u16le - 1, &d);
	assert_int_equal(d.bom, PL_BOM_UTF16LE);
	assert_string_equal(pl_bom_unsupported(d.bom), "UTF-16LE");
	const char u16be[] = "\xFE\xFF\0t";
	sniff(u16be, sizeof u16be - 1, &d);
	assert_string_equal(pl_bom_unsupported(d.bom), "UTF-16BE");
	/* UTF-32LE starts with the UTF-16LE mark: the longer one wins. */
	const char u32le[] = "\xFF\xFE\0\0t\0\0\0";
	sniff(u32le, sizeof u32le - 1, &d);
	assert_string_equal(pl_bom_unsupported(d.bom), "UTF-32LE");
	const char u32be[] = "\0\0\xFE\xFF\0\0\0t";
	sniff(u32be, sizeof u32be - 1, &d);
	assert_string_equal(pl_bom_unsupported(d.bom), "UTF-32BE");
}

static void test_sep_line(void **state)
{
	(void)state;
	struct pl_dialect d;
	const char a[] = "sep=;\r\ntahun,kode;x\r\n";
	sniff(a, sizeof a - 1, &d);
	assert_true(d.sep_line);
	assert_int_equal(d.delim, ';');
	assert_int_equal(d.skip, 7);
	assert_int_equal(d.skip_lines, 1);
	/* After a BOM, in capitals, with LF. */
	const char b[] = "\xEF\xBB\xBFSEP=|\nx|y\n";
	sniff(b, sizeof b - 1, &d);
	assert_true(d.sep_line);
	assert_int_equal(d.delim, '|');
	assert_int_equal(d.skip, 3 + 6);
	/* A header that merely starts with "sep=" is a header. */
	const char c[] = "sep=;x,y\n1,2\n";
	sniff(c, sizeof c - 1, &d);
	assert_false(d.sep_line);
	assert_int_equal(d.skip, 0);
	assert_int_equal(d.delim, ',');
}

static void test_binary(void **state)
{
	(void)state;
	struct pl_dialect d;
	sniff("PK\x03\x04\x14\0\x06\0", 8, &d);
	assert_string_equal(d.binary, "xlsx/zip");
	sniff("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10, &d);
	assert_string_equal(d.binary, "xls");
	sniff("%PDF-1.7\n", 9, &d);
	assert_string_equal(d.binary, "pdf");
	sniff("PK,x\n", 5, &d);
	assert_null(d.binary);
	assert_string_equal(pl_delim_name('\t'), "tab");
	assert_string_equal(pl_delim_name(';'), ";");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_delimiters),
		cmocka_unit_test(test_consistency_decides),
		cmocka_unit_test(test_partial_sample),
		cmocka_unit_test(test_header_alone),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_sep_line),
		cmocka_unit_test(test_binary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
