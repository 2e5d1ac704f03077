/*
 * test_csvwrite.c: unit tests of pl_csvwrite.h, the RFC 4180 writer of the
 * published CSV files.
 *
 * Covers: fields written bare when they can be; quoting of commas, quotes
 * (doubled), CR and LF; NULL and empty text as an empty field; rows and
 * their separators; formula neutralization (a leading '=', '+', '-', '@',
 * tab or CR gets an apostrophe inside quotes) for text fields only, never
 * for pl_csvw_num / pl_csvw_long, and not at all with the flag off; and
 * rows gathered over several blocks arriving whole and in order; and
 * write errors that make pl_csvw_end or pl_csvw_flush fail and stay failed
 * (/dev/full); fields of any length with a byte to quote anywhere, ending
 * just before a page that cannot be read (the writer reads 16 bytes at a
 * time).
 */

#include "unit.h"

#include "pl_csvwrite.h"

/* Builds one or more rows with a writer on a memory stream. */
struct mem {
	char *text;
	size_t len;
	FILE *fp;
	struct pl_csvw w;
};

static void mem_open(struct mem *m, int neutralize)
{
	m->text = NULL;
	m->len = 0;
	m->fp = open_memstream(&m->text, &m->len);
	assert_non_null(m->fp);
	pl_csvw_init(&m->w, m->fp, neutralize);
}

/* Closes the stream, checks the text, frees everything. */
static void mem_is(struct mem *m, const char *want)
{
	assert_int_equal(pl_csvw_flush(&m->w), 0);
	pl_csvw_free(&m->w);
	assert_int_equal(fclose(m->fp), 0);
	assert_string_equal(m->text, want);
	free(m->text);
}

static void text_row_is(int neutralize, const char *field, const char *want)
{
	struct mem m;
	mem_open(&m, neutralize);
	pl_csvw_text(&m.w, "k");
	pl_csvw_text(&m.w, field);
	pl_csvw_text(&m.w, "z");
	assert_int_equal(pl_csvw_end(&m.w), 0);
	struct pl_buf row = {0};
	pl_buf_printf(&row, "k,%s,z\n", want);
	mem_is(&m, row.p);
	pl_buf_free(&row);
}

static void test_plain_row(void **state)
{
	(void)state;
	struct mem m;
	mem_open(&m, 1);
	pl_csvw_text(&m.w, "52.72");
	pl_csvw_text(&m.w, "Kota Bima");
	pl_csvw_num(&m.w, "60.01");
	pl_csvw_long(&m.w, -42);
	pl_csvw_long(&m.w, 9223372036854775807LL);
	pl_csvw_text(&m.w, NULL);
	pl_csvw_text(&m.w, "");
	assert_int_equal(pl_csvw_end(&m.w), 0);
	pl_csvw_text(&m.w, "second");
	assert_int_equal(pl_csvw_end(&m.w), 0);
	assert_int_equal(pl_csvw_end(&m.w), 0); /* a row with no fields */
	pl_csvw_text(&m.w, NULL);
	assert_int_equal(pl_csvw_end(&m.w), 0);
	pl_csvw_text(&m.w, "");
	pl_csvw_num(&m.w, NULL);
	assert_int_equal(pl_csvw_end(&m.w), 0);
	mem_is(&m, "52.72,Kota Bima,60.01,-42,9223372036854775807,,\nsecond\n\n\n,\n");
}

static void test_quoting(void **state)
{
	(void)state;
	for (int nz = 0; nz <= 1; nz++) {
		text_row_is(nz, "a,b", "\"a,b\"");
		text_row_is(nz, "say \"hi\"", "\"say \"\"hi\"\"\"");
		text_row_is(nz, "\"", "\"\"\"\"");
		text_row_is(nz, "line\nbreak", "\"line\nbreak\"");
		text_row_is(nz, "cr\rinside", "\"cr\rinside\"");
		text_row_is(nz, "crlf\r\n", "\"crlf\r\n\"");
		text_row_is(nz, "Kab. Lampung Selatan", "Kab. Lampung Selatan");
		text_row_is(nz, " spaces kept ", " spaces kept ");
		text_row_is(nz, "semi;colon", "semi;colon");
		text_row_is(nz, "Kota Bima \xca\xa4", "Kota Bima \xca\xa4");
		text_row_is(nz, "a'b", "a'b");
	}
}

static void test_neutralize_text(void **state)
{
	(void)state;
	text_row_is(1, "=SUM(A1:A9)", "\"'=SUM(A1:A9)\"");
	text_row_is(1, "+62 812", "\"'+62 812\"");
	text_row_is(1, "-1", "\"'-1\"");
	text_row_is(1, "@cmd", "\"'@cmd\"");
	text_row_is(1, "\tx", "\"'\tx\"");
	text_row_is(1, "\rx", "\"'\rx\"");
	text_row_is(1, "=", "\"'=\"");
	/* Quotes in a neutralized field are still doubled. */
	text_row_is(1, "=HYPERLINK(\"http://x\",\"y\")",
		    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	/* Only the first character matters. */
	text_row_is(1, "a=b", "a=b");
	text_row_is(1, "1-2", "1-2");
	text_row_is(1, " =x", " =x");
	text_row_is(1, "'=x", "'=x");
	text_row_is(1, "", "");
}

static void test_numbers_untouched(void **state)
{
	(void)state;
	struct mem m;
	mem_open(&m, 1);
	pl_csvw_num(&m.w, "-5");
	pl_csvw_num(&m.w, "+5");
	pl_csvw_num(&m.w, "-0.05");
	pl_csvw_long(&m.w, -5);
	pl_csvw_long(&m.w, 0);
	pl_csvw_text(&m.w, "-5"); /* as text, it is neutralized */
	assert_int_equal(pl_csvw_end(&m.w), 0);
	/* A number holding a comma is quoted, still not prefixed. */
	pl_csvw_num(&m.w, "-1,5");
	assert_int_equal(pl_csvw_end(&m.w), 0);
	mem_is(&m, "-5,+5,-0.05,-5,0,\"'-5\"\n\"-1,5\"\n");
}

static void test_neutralize_off(void **state)
{
	(void)state;
	text_row_is(0, "=SUM(A1:A9)", "=SUM(A1:A9)");
	text_row_is(0, "+62 812", "+62 812");
	text_row_is(0, "-1", "-1");
	text_row_is(0, "@cmd", "@cmd");
	text_row_is(0, "\tx", "\tx");
	/* CR still needs quotes, but gets no apostrophe. */
	text_row_is(0, "\rx", "\"\rx\"");
	text_row_is(0, "=\"q\"", "\"=\"\"q\"\"\"");
}

/* Rows past one block: the first blocks go out as the rows are ended,
 * the rest at the flush, nothing twice and nothing lost. */
static void test_many_rows(void **state)
{
	(void)state;
	struct mem m;
	mem_open(&m, 1);
	struct pl_buf want = {0};
	int wrote_early = 0;
	for (long i = 0; i < 40000; i++) {
		pl_csvw_long(&m.w, i);
		pl_csvw_text(&m.w, i % 7 ? "Inovasi \"Sehat\"" : "=1+1");
		assert_int_equal(pl_csvw_end(&m.w), 0);
		pl_buf_printf(&want, "%ld,%s\n", i, i % 7 ? "\"Inovasi \"\"Sehat\"\"\"" : "\"'=1+1\"");
		fflush(m.fp);
		if (m.len > 0 && !wrote_early) {
			wrote_early = 1;
			/* written at a row's end, once the block was full */
			assert_true(m.len >= PL_CSVW_BLOCK);
			assert_int_equal(m.len, want.len - m.w.rows.len);
		}
	}
	assert_true(wrote_early);
	assert_true(want.len > 3 * PL_CSVW_BLOCK);
	mem_is(&m, want.p);
	pl_buf_free(&want);
}

/* What a field must become, by the rule and not by the writer's code:
 * quoted, with its quotes doubled, when it holds '"', CR, LF or sep. */
static void expected_field(struct pl_buf *out, const char *s, char sep)
{
	int quote = 0;
	for (const char *p = s; *p; p++)
		quote |= *p == '"' || *p == '\r' || *p == '\n' || *p == sep;
	if (quote)
		pl_buf_addc(out, '"');
	for (const char *p = s; *p; p++) {
		pl_buf_addc(out, *p);
		if (*p == '"')
			pl_buf_addc(out, '"');
	}
	if (quote)
		pl_buf_addc(out, '"');
}

/* The writer looks at 16 bytes at a time: fields of every length up to
 * past that, with a byte that needs quotes at every place or none, ending
 * at every distance from the end of a page that is followed by one that
 * cannot be read, so that a look past the field's end onto the next page
 * would crash. */
static void test_fields_at_page_ends(void **state)
{
	(void)state;
	char *end = unit_guarded_end(); /* the first byte that cannot be read */
	static const char special[] = {'"', '\r', '\n', ',', ';', '='};
	struct pl_buf want = {0};
	for (int excel = 0; excel <= 1; excel++) {
		char sep = excel ? ';' : ',';
		for (size_t len = 0; len <= 40; len++) {
			for (size_t gap = 0; gap <= 18; gap++) {
				char *s = end - gap - len - 1;
				for (size_t at = 0; at <= len; at++) { /* at == len: none */
					for (size_t k = 0; k < sizeof special; k++) {
						for (size_t i = 0; i < len; i++)
							s[i] = (char)('a' + (i + gap) % 26);
						if (at < len)
							s[at] = special[k];
						s[len] = '\0';
						struct mem m;
						m.text = NULL;
						m.len = 0;
						m.fp = open_memstream(&m.text, &m.len);
						assert_non_null(m.fp);
						if (excel)
							pl_csvw_init_excel(&m.w, m.fp);
						else
							pl_csvw_init(&m.w, m.fp, 0);
						pl_csvw_num(&m.w, s);
						pl_csvw_num(&m.w, s);
						assert_int_equal(pl_csvw_end(&m.w), 0);
						pl_buf_reset(&want);
						if (excel)
							pl_buf_adds(&want, "\xEF\xBB\xBF");
						expected_field(&want, s, sep);
						pl_buf_addc(&want, sep);
						expected_field(&want, s, sep);
						pl_buf_adds(&want, excel ? "\r\n" : "\n");
						mem_is(&m, pl_buf_str(&want));
						if (at == len)
							break; /* no special byte: once */
					}
				}
			}
		}
	}
	pl_buf_free(&want);
	unit_guard_free(end);
}

static void test_write_errors(void **state)
{
	(void)state;
	FILE *fp = fopen("/dev/full", "w");
	assert_non_null(fp);
	setvbuf(fp, NULL, _IONBF, 0);
	struct pl_csvw w;
	pl_csvw_init(&w, fp, 1);
	pl_csvw_text(&w, "a");
	assert_int_equal(pl_csvw_end(&w), 0); /* gathered, not yet written */
	assert_int_equal(pl_csvw_flush(&w), -1);
	/* Stays failed; the next row starts clean (no leftover field) and is
	 * dropped. */
	pl_csvw_text(&w, "b");
	assert_int_equal(pl_csvw_end(&w), -1);
	assert_int_equal(w.ncol, 0);
	assert_int_equal(w.rows.len, 0);
	assert_int_equal(pl_csvw_flush(&w), -1);
	pl_csvw_free(&w);
	fclose(fp);

	/* A block that fills up is written at the row's end, and fails there. */
	fp = fopen("/dev/full", "w");
	assert_non_null(fp);
	setvbuf(fp, NULL, _IONBF, 0);
	pl_csvw_init(&w, fp, 1);
	int rc = 0;
	long rows = 0;
	while (rc == 0) {
		pl_csvw_text(&w, "sebuah baris yang cukup panjang untuk mengisi blok");
		rc = pl_csvw_end(&w);
		rows++;
	}
	assert_int_equal(rc, -1);
	assert_true(rows * 51 >= PL_CSVW_BLOCK);
	assert_true(rows * 51 < PL_CSVW_BLOCK + 51);
	pl_csvw_free(&w);
	fclose(fp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_row),	    cmocka_unit_test(test_quoting),
	    cmocka_unit_test(test_neutralize_text), cmocka_unit_test(test_numbers_untouched),
	    cmocka_unit_test(test_neutralize_off),  cmocka_unit_test(test_many_rows),
	    cmocka_unit_test(test_write_errors),    cmocka_unit_test(test_fields_at_page_ends),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
