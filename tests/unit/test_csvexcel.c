/*
 * test_csvexcel.c: unit tests of the Excel flavour of pl_csvwrite.h (the
 * --excel copies) and of pl_csvw_dec in both flavours.
 *
 * Covers: the byte-order mark before the first row only, ';' between
 * fields and CRLF after each row; a field quoted when it holds ';', a
 * quote, CR or LF, and no longer for a comma alone; decimal numbers with a
 * decimal comma ("60.01" -> "60,01", "-1.25" -> "-1,25", never
 * neutralized although they begin with '-'), while integers, region codes
 * written with pl_csvw_num ("52.72") and anything not shaped like a
 * decimal ("1.2.3", "1.", ".5", "abc", "") stay as given; formula-like text
 * (=HYPERLINK, +1+1, -2+3, @SUM, tab, CR) neutralized with an apostrophe;
 * and in the plain flavour pl_csvw_dec writing the decimal as given (a
 * dot, a comma separator, LF, no mark).
 */
#include "unit.h"

#include "pl_csvwrite.h"

struct mem {
	char *text;
	size_t len;
	FILE *fp;
	struct pl_csvw w;
};

static void mem_open(struct mem *m, int excel)
{
	m->text = NULL;
	m->len = 0;
	m->fp = open_memstream(&m->text, &m->len);
	assert_non_null(m->fp);
	if (excel)
		pl_csvw_init_excel(&m->w, m->fp);
	else
		pl_csvw_init(&m->w, m->fp, 1);
}

static void mem_is(struct mem *m, const char *want)
{
	assert_int_equal(pl_csvw_flush(&m->w), 0);
	pl_csvw_free(&m->w);
	assert_int_equal(fclose(m->fp), 0);
	assert_string_equal(m->text, want);
	free(m->text);
}

#define BOM "\xEF\xBB\xBF"

static void test_shape(void **state)
{
	(void)state;
	struct mem m;
	mem_open(&m, 1);
	pl_csvw_num(&m.w, "region_code");
	pl_csvw_num(&m.w, "region_name");
	pl_csvw_num(&m.w, "iid");
	assert_int_equal(pl_csvw_end(&m.w), 0);
	pl_csvw_num(&m.w, "52.72");
	pl_csvw_text(&m.w, "Kota Bima, NTB");
	pl_csvw_dec(&m.w, "30.37");
	assert_int_equal(pl_csvw_end(&m.w), 0);
	pl_csvw_num(&m.w, "52.06");
	pl_csvw_text(&m.w, "Bima; \"Kabupaten\"");
	pl_csvw_dec(&m.w, "");
	assert_int_equal(pl_csvw_end(&m.w), 0);
	mem_is(&m, BOM "region_code;region_name;iid\r\n"
		       "52.72;Kota Bima, NTB;30,37\r\n"
		       "52.06;\"Bima; \"\"Kabupaten\"\"\";\r\n");
}

static void dec_is(int excel, const char *value, const char *want_row)
{
	struct mem m;
	mem_open(&m, excel);
	pl_csvw_dec(&m.w, value);
	assert_int_equal(pl_csvw_end(&m.w), 0);
	struct pl_buf want = {0};
	pl_buf_printf(&want, "%s%s%s", excel ? BOM : "", want_row, excel ? "\r\n" : "\n");
	mem_is(&m, want.p);
	pl_buf_free(&want);
}

static void test_decimals(void **state)
{
	(void)state;
	dec_is(1, "60.01", "60,01");
	dec_is(1, "0.00", "0,00");
	dec_is(1, "-1.25", "-1,25"); /* a negative number stays a number */
	dec_is(1, "100.00", "100,00");
	dec_is(1, "12", "12");
	dec_is(1, "1.2.3", "1.2.3");
	dec_is(1, "1.", "1.");
	dec_is(1, ".5", ".5");
	dec_is(1, "-", "-");
	dec_is(1, "abc", "abc");
	dec_is(1, "", "");
	/* the plain flavour writes decimals as given */
	dec_is(0, "60.01", "60.01");
	dec_is(0, "-1.25", "-1.25");
}

static void text_is(const char *value, const char *want_field)
{
	struct mem m;
	mem_open(&m, 1);
	pl_csvw_text(&m.w, value);
	assert_int_equal(pl_csvw_end(&m.w), 0);
	struct pl_buf want = {0};
	pl_buf_printf(&want, BOM "%s\r\n", want_field);
	mem_is(&m, want.p);
	pl_buf_free(&want);
}

static void test_neutralized(void **state)
{
	(void)state;
	text_is("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	text_is("+1+1", "\"'+1+1\"");
	text_is("-2+3", "\"'-2+3\"");
	text_is("@SUM(A1)", "\"'@SUM(A1)\"");
	text_is("\tx", "\"'\tx\"");
	text_is("\rx", "\"'\rx\"");
	text_is("Dinas = Kesehatan", "Dinas = Kesehatan");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shape),
	    cmocka_unit_test(test_decimals),
	    cmocka_unit_test(test_neutralized),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
