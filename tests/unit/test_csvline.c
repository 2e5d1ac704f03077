/*
 * test_csvline.c: unit tests of pl_csvline.h, splitting a whole-record
 * line without libcsv.
 *
 * Covers: plain, empty and quoted fields (delimiters and doubled quotes
 * inside, white space kept); other delimiters; every line it must leave to
 * libcsv (a quote that does not close on the line, a quote inside an
 * unquoted field, text or a space after a closing quote, a field over
 * max_field, the quote as delimiter), a field of exactly max_field bytes
 * accepted, quoted or not, and a quoted field whose doubled quotes make it
 * longer than max_field only as written declined; a delimiter, and a
 * stray quote, at every place of lines of 1 to 48 bytes, across the 16-byte
 * loads, against a byte-by-byte split; doubled quotes made single in place;
 * every field NUL-terminated where it ends; lines ending just before a page
 * that cannot be read. test_csvread.c compares whole
 * files read with and without this module.
 *
 * Fields are compared as text: "[f1][f2]", or "declined" for -1.
 */
#include "unit.h"

#include "pl_csvline.h"

/* The fields of line as text, or "declined"; split from a heap copy of
 * exactly the line and its NUL (so that a read past it is one the
 * sanitizers see). Each field must end with a NUL where its length says. */
static char *split(const char *line, size_t len, unsigned char delim, size_t max_field)
{
	char *copy = malloc(len + 1);
	memcpy(copy, line, len);
	copy[len] = '\0';
	struct pl_csv_fields fields = {0};
	struct pl_buf b = {0};
	pl_buf_adds(&b, "");
	if (pl_csv_split_line(copy, len, delim, max_field, &fields) != 0) {
		pl_buf_adds(&b, "declined");
	} else {
		for (size_t i = 0; i < fields.n; i++) {
			const char *f = fields.f[i];
			size_t n = fields.len[i];
			if (f < copy || f + n > copy + len || f[n] != '\0' || strlen(f) != n)
				fail_msg("field %zu of '%s' not NUL-terminated at its length", i,
					 line);
			pl_buf_addc(&b, '[');
			pl_buf_add(&b, f, n);
			pl_buf_addc(&b, ']');
		}
	}
	free(fields.f);
	free(fields.len);
	free(copy);
	return b.p;
}

static void expect(const char *line, unsigned char delim, size_t max_field, const char *want)
{
	char *got = split(line, strlen(line), delim, max_field);
	if (strcmp(got, want) != 0)
		fail_msg("line '%s': got %s, want %s", line, got, want);
	free(got);
}

enum { ANY = 1 << 20 };

static void test_fields(void **state)
{
	(void)state;
	expect("a,b,c", ',', ANY, "[a][b][c]");
	expect("x", ',', ANY, "[x]");
	expect(",", ',', ANY, "[][]");
	expect("a,", ',', ANY, "[a][]");
	expect(",a", ',', ANY, "[][a]");
	expect(",,", ',', ANY, "[][][]");
	expect(" a , b ", ',', ANY, "[ a ][ b ]");
	expect("\ta\t", ',', ANY, "[\ta\t]");
	expect("a;b,c", ';', ANY, "[a][b,c]");
	expect("a\tb", '\t', ANY, "[a][b]");
	expect("a|b", '|', ANY, "[a][b]");
}

static void test_quoted(void **state)
{
	(void)state;
	expect("\"a,b\",c", ',', ANY, "[a,b][c]");
	expect("\"\"", ',', ANY, "[]");
	expect("\"\",\"\"", ',', ANY, "[][]");
	expect("\"\"\"\"", ',', ANY, "[\"]");
	expect("\"say \"\"hi\"\"\",x", ',', ANY, "[say \"hi\"][x]");
	expect("1,\"Notulen 135, 2020.docx\",3", ',', ANY, "[1][Notulen 135, 2020.docx][3]");
	expect("\" a \"", ',', ANY, "[ a ]");
	expect("\"a\",", ',', ANY, "[a][]");
	expect("\"a;b\";\"c\"", ';', ANY, "[a;b][c]");
}

/* What libcsv must see: its strict errors, and quotes that run on. */
static void test_declined(void **state)
{
	(void)state;
	expect("\"open", ',', ANY, "declined");
	expect("a,\"open,b", ',', ANY, "declined");
	expect("\"a\"\"", ',', ANY, "declined");
	expect("a\"b", ',', ANY, "declined");
	expect("ab\"", ',', ANY, "declined");
	expect("\"a\"b", ',', ANY, "declined");
	expect("\"a\" ,b", ',', ANY, "declined");
	expect(" \"a\"", ',', ANY, "declined");
	expect("a\"b\"c", ',', ANY, "declined");
	expect("a,b", '"', ANY, "declined");
}

static void test_max_field(void **state)
{
	(void)state;
	expect("1234,x", ',', 4, "[1234][x]");
	expect("x,12345", ',', 4, "declined");
	expect("12345,x", ',', 4, "declined");
	expect("x,12345,y", ',', 4, "declined");
	expect("\"1234\",x", ',', 4, "[1234][x]");
	expect("x,\"12345\"", ',', 4, "declined");
	/* Four bytes once undoubled, five as written: libcsv decides. */
	expect("\"ab\"\"c\"", ',', 4, "declined");
	expect("\"a\"\"c\"", ',', 4, "[a\"c]");
	expect(",", ',', 0, "[][]");
}

/* A naive split of a line without quotes. */
static char *split_bytewise(const char *line, size_t len, char delim)
{
	struct pl_buf b = {0};
	pl_buf_addc(&b, '[');
	for (size_t i = 0; i < len; i++) {
		if (line[i] == delim)
			pl_buf_adds(&b, "][");
		else
			pl_buf_addc(&b, line[i]);
	}
	pl_buf_addc(&b, ']');
	return b.p;
}

/* Lines of every length up to three loads, the delimiter and a stray quote
 * at every place. */
static void test_every_place(void **state)
{
	(void)state;
	for (size_t len = 1; len <= 48; len++) {
		char *line = malloc(len);
		for (size_t at = 0; at < len; at++) {
			for (size_t i = 0; i < len; i++)
				line[i] = (char)('a' + i % 26);
			line[at] = ',';
			if (at + 5 < len)
				line[at + 5] = ',';
			char *got = split(line, len, ',', ANY);
			char *want = split_bytewise(line, len, ',');
			if (strcmp(got, want) != 0)
				fail_msg("len %zu, delimiter at %zu: got %s, want %s", len, at, got,
					 want);
			free(got);
			free(want);
			/* A quote there instead: a stray quote unless it starts the
			 * line, where it opens a field that never closes. */
			line[at] = '"';
			got = split(line, len, ',', ANY);
			if (strcmp(got, "declined") != 0)
				fail_msg("len %zu, quote at %zu: got %s", len, at, got);
			free(got);
		}
		free(line);
	}
}

/* Lines of every length up to three loads, plain and quoted, ending
 * just before a page that cannot be read (the NUL after the line is the
 * page's last byte): a load past the line would crash here in any build. */
static void test_line_at_page_end(void **state)
{
	(void)state;
	char *end = unit_guarded_end();
	for (size_t len = 1; len <= 48; len++) {
		for (int quoted = 0; quoted < 2; quoted++) {
			if (quoted && len < 2)
				continue; /* a lone quote: never closes */
			char *line = end - len - 1;
			struct pl_buf want = {0};
			pl_buf_addc(&want, '[');
			for (size_t i = 0; i < len; i++) {
				char c = i % 5 == 4 ? ',' : (char)('a' + i % 26);
				if (quoted && (i == 0 || i == len - 1))
					c = '"';
				line[i] = c;
			}
			line[len] = '\0';
			for (size_t i = quoted; i + quoted < len; i++) {
				if (line[i] == ',' && !quoted)
					pl_buf_adds(&want, "][");
				else
					pl_buf_addc(&want, line[i]);
			}
			pl_buf_addc(&want, ']');
			struct pl_csv_fields fields = {0};
			assert_int_equal(pl_csv_split_line(line, len, ',', ANY, &fields), 0);
			struct pl_buf got = {0};
			pl_buf_addc(&got, '[');
			for (size_t i = 0; i < fields.n; i++) {
				if (i)
					pl_buf_adds(&got, "][");
				pl_buf_add(&got, fields.f[i], fields.len[i]);
			}
			pl_buf_addc(&got, ']');
			if (strcmp(got.p, want.p) != 0)
				fail_msg("len %zu quoted %d: got %s, want %s", len, quoted, got.p,
					 want.p);
			free(fields.f);
			free(fields.len);
			pl_buf_free(&got);
			pl_buf_free(&want);
		}
	}
	unit_guard_free(end);
}

/* A doubled quote at every place of a quoted field, before more fields:
 * the field is made shorter where it lies, and what follows it is still
 * found. */
static void test_undoubled_in_place(void **state)
{
	(void)state;
	for (size_t at = 0; at < 40; at++) {
		struct pl_buf line = {0}, want = {0};
		pl_buf_adds(&line, "\"");
		pl_buf_adds(&want, "[");
		for (size_t i = 0; i < 40; i++) {
			pl_buf_adds(&line, i == at ? "\"\"" : "q");
			pl_buf_adds(&want, i == at ? "\"" : "q");
		}
		pl_buf_adds(&line, "\",\"x\"\"\",y");
		pl_buf_adds(&want, "][x\"][y]");
		char *got = split(line.p, line.len, ',', ANY);
		if (strcmp(got, want.p) != 0)
			fail_msg("doubled quote at %zu: got %s, want %s", at, got, want.p);
		free(got);
		pl_buf_free(&line);
		pl_buf_free(&want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fields),	     cmocka_unit_test(test_quoted),
	    cmocka_unit_test(test_declined),	     cmocka_unit_test(test_max_field),
	    cmocka_unit_test(test_every_place),	     cmocka_unit_test(test_undoubled_in_place),
	    cmocka_unit_test(test_line_at_page_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
