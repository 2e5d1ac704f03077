/*
 * test_idnum.c: unit tests of pl_idnum.h, numbers in Indonesian and plain
 * notation.
 *
 * The rules of the header, one case or more each: grouping with '.' or
 * ',', the decimal mark, trailing fractional zeros dropped, a sign,
 * AMBIGUOUS and MALFORMED; and the output's room: a result that does not
 * fit in n bytes with its NUL is MALFORMED and leaves out as it was, one
 * that fits exactly is written.
 */
#include "unit.h"

#include "pl_idnum.h"

static void test_rules(void **state)
{
	(void)state;
	static const char *const ok[][2] = {
	    {"2", "2"},           {"007", "007"},         {"2.0", "2"},
	    {"2.50", "2.5"},      {"250.00", "250"},      {"2.501", "2501"},
	    {"1.234.567", "1234567"}, {"1.234,56", "1234.56"}, {"1,234.56", "1234.56"},
	    {"2,5", "2.5"},       {"3,0", "3"},           {"-3,0", "-3"},
	    {"-1.234,50", "-1234.5"}, {"0", "0"},         {"0,0", "0"},
	    {"2023.0", "2023"},   {"12.3456", "12.3456"},
	};
	char out[64];
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		enum pl_idnum_result r = pl_idnum_canonical(ok[i][0], out, sizeof out);
		if (r != PL_IDNUM_OK || strcmp(out, ok[i][1]) != 0)
			fail_msg("'%s': %d '%s', want '%s'", ok[i][0], r, r ? "" : out, ok[i][1]);
	}
	assert_int_equal(pl_idnum_canonical("1,234", out, sizeof out), PL_IDNUM_AMBIGUOUS);
	assert_int_equal(pl_idnum_canonical("1,234,567", out, sizeof out), PL_IDNUM_AMBIGUOUS);
	static const char *const bad[] = {"", "-", "x", "2.5x", "1.23.4", "1,2,3", "+2", " 2",
					  "2,", ".5", "1.234,5.6", "--2"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (pl_idnum_canonical(bad[i], out, sizeof out) != PL_IDNUM_MALFORMED)
			fail_msg("'%s' accepted", bad[i]);
	assert_int_equal(pl_idnum_canonical(NULL, out, sizeof out), PL_IDNUM_MALFORMED);
}

static void test_room(void **state)
{
	(void)state;
	char out[16];
	memset(out, 'z', sizeof out);
	/* "-1234.5" needs 8 bytes */
	assert_int_equal(pl_idnum_canonical("-1.234,50", out, 7), PL_IDNUM_MALFORMED);
	for (size_t i = 0; i < sizeof out; i++)
		assert_int_equal(out[i], 'z');
	assert_int_equal(pl_idnum_canonical("-1.234,50", out, 8), PL_IDNUM_OK);
	assert_string_equal(out, "-1234.5");
	assert_int_equal(out[8], 'z');
	assert_int_equal(pl_idnum_canonical("5", out, 1), PL_IDNUM_MALFORMED);
	assert_int_equal(pl_idnum_canonical("5", out, 0), PL_IDNUM_MALFORMED);
	assert_int_equal(pl_idnum_canonical("5", out, 2), PL_IDNUM_OK);
	assert_string_equal(out, "5");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rules),
	    cmocka_unit_test(test_room),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
