/*
 * test_encoding.c: unit tests of pl_encoding.h, encoding detection and
 * Windows-1252 conversion.
 *
 * Covers: UTF-8 validation of well-formed sequences of every length and of
 * each kind of invalid one (a lone continuation byte, an overlong form, a
 * surrogate, a code point past U+10FFFF, a cut sequence, a NUL), with the
 * offset of the first bad byte; Windows-1252 to UTF-8 for ASCII, the
 * 0x80-0x9F block (euro sign, curly quotes, dashes), Latin-1 letters and
 * an undefined byte (U+FFFD), with the output length computed ahead; the
 * whole-file verdict (UTF-8, Windows-1252, or UTF-8 with bad bytes) for
 * ASCII, UTF-8, Windows-1252, a mix of both, a byte Windows-1252 leaves
 * undefined, a sequence cut at the end; and the same verdicts whatever
 * pieces the bytes are fed in. Expected bytes were written out by hand
 * from the Unicode and Windows-1252 tables.
 */
#include "unit.h"

#include "pl_encoding.h"

static void valid(const char *s, size_t n)
{
	size_t bad = 99;
	if (!pl_utf8_valid(s, n, &bad))
		fail_msg("'%s' should be valid UTF-8 (bad at %zu)", s, bad);
}

static void invalid_at(const char *s, size_t n, size_t at)
{
	size_t bad = 99;
	assert_false(pl_utf8_valid(s, n, &bad));
	assert_int_equal(bad, at);
}

static void test_utf8_valid(void **state)
{
	(void)state;
	valid("", 0);
	valid("Kota Bima", 9);
	valid("Caf\xC3\xA9", 5);                  /* U+00E9, two bytes */
	valid("\xE2\x82\xAC 5", 5);               /* U+20AC, three bytes */
	valid("\xF0\x9F\x98\x80", 4);             /* U+1F600, four bytes */
	valid("\xF4\x8F\xBF\xBF", 4);             /* U+10FFFF, the last */
	valid("\xED\x9F\xBF", 3);                 /* U+D7FF, just below the surrogates */
	invalid_at("ab\x80", 3, 2);               /* a continuation byte alone */
	invalid_at("\xC0\xAF", 2, 0);             /* overlong '/' */
	invalid_at("\xE0\x80\xAF", 3, 0);         /* overlong, three bytes */
	invalid_at("x\xED\xA0\x80", 4, 1);        /* U+D800, a surrogate */
	invalid_at("\xF4\x90\x80\x80", 4, 0);     /* U+110000 */
	invalid_at("Caf\xC3", 4, 3);              /* cut short at the end */
	invalid_at("\xE2\x82x", 3, 0);            /* cut short by an ASCII byte */
	invalid_at("a\0b", 3, 1);                 /* NUL is not text */
	invalid_at("\xFF", 1, 0);
	/* NULL for the offset is allowed. */
	assert_false(pl_utf8_valid("\xFF", 1, NULL));
}

static void converts(const char *in, const char *want)
{
	size_t n = strlen(in);
	size_t len = pl_cp1252_utf8_len(in, n);
	assert_int_equal(len, strlen(want));
	char *out = malloc(len + 1);
	memset(out, 'X', len + 1);
	assert_int_equal(pl_cp1252_to_utf8(in, n, out), len);
	assert_string_equal(out, want);
	free(out);
}

static void test_cp1252(void **state)
{
	(void)state;
	converts("", "");
	converts("Dinas Kesehatan", "Dinas Kesehatan");
	converts("\x80", "\xE2\x82\xAC");                          /* euro sign */
	converts("\x93Sehat\x94", "\xE2\x80\x9CSehat\xE2\x80\x9D"); /* curly quotes */
	converts("Ibu \x96 Anak", "Ibu \xE2\x80\x93 Anak");        /* en dash */
	converts("Caf\xE9", "Caf\xC3\xA9");                          /* Latin-1 e acute */
	converts("\xA0", "\xC2\xA0");                                /* no-break space */
	converts("\xFF", "\xC3\xBF");
	converts("\x9F", "\xC5\xB8");                                /* Y with diaeresis */
	converts("\x81", "\xEF\xBF\xBD");                            /* undefined: U+FFFD */
}

static enum pl_encoding verdict(const char *s, size_t n, size_t piece)
{
	struct pl_enc_scan sc;
	pl_enc_scan_init(&sc);
	for (size_t i = 0; i < n; i += piece)
		pl_enc_scan_feed(&sc, s + i, n - i < piece ? n - i : piece);
	pl_enc_scan_end(&sc);
	return pl_enc_scan_verdict(&sc);
}

/* The verdict must not depend on how the bytes are cut into pieces. */
static void verdict_is(const char *s, enum pl_encoding want)
{
	size_t n = strlen(s);
	for (size_t piece = 1; piece <= n + 1; piece++)
		if (verdict(s, n, piece) != want)
			fail_msg("'%s' in pieces of %zu: %s, want %s", s, piece,
				 pl_encoding_name(verdict(s, n, piece)), pl_encoding_name(want));
}

static void test_verdict(void **state)
{
	(void)state;
	verdict_is("tahun,kode_wilayah\n2023,52.72\n", PL_ENC_UTF8);
	verdict_is("nama\nCaf\xC3\xA9 \xE2\x80\x9CSehat\xE2\x80\x9D\n", PL_ENC_UTF8);
	verdict_is("nama\nCaf\xE9 \x93Sehat\x94\n", PL_ENC_CP1252);
	/* Valid UTF-8 beside a byte that is not: damaged, not Windows-1252. */
	verdict_is("nama\nCaf\xC3\xA9\nBad\xE9\n", PL_ENC_UTF8_BAD);
	/* 0x81 means nothing in Windows-1252 either. */
	verdict_is("nama\nx\x81y\n", PL_ENC_UTF8_BAD);
	/* A sequence cut by the end of the file is a lone byte: A-tilde in
	 * Windows-1252, which defines it. */
	verdict_is("nama\nx\xC3", PL_ENC_CP1252);
	verdict_is("", PL_ENC_UTF8);
	assert_string_equal(pl_encoding_name(PL_ENC_UTF8), "utf-8");
	assert_string_equal(pl_encoding_name(PL_ENC_CP1252), "windows-1252");
}

static void test_scan_counts(void **state)
{
	(void)state;
	struct pl_enc_scan sc;
	pl_enc_scan_init(&sc);
	/* Fed one byte at a time: the euro sign and e acute are two
	 * sequences; the broken E2 82 'x' counts two invalid bytes and lets
	 * 'x' through; 0x81 is invalid and undefined; a NUL is counted. */
	const char s[] = "\xE2\x82\xAC\xC3\xA9\xE2\x82x\x81";
	for (size_t i = 0; i < sizeof s - 1; i++)
		pl_enc_scan_feed(&sc, s + i, 1);
	pl_enc_scan_feed(&sc, "\0", 1);
	pl_enc_scan_end(&sc);
	assert_int_equal(sc.valid_multi, 2);
	assert_int_equal(sc.invalid, 3);
	assert_int_equal(sc.undefined, 1);
	assert_int_equal(sc.nul, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_cp1252),
		cmocka_unit_test(test_verdict),
		cmocka_unit_test(test_scan_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
