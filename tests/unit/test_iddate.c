/*
 * test_iddate.c: unit tests of pl_iddate.h, dates as people write them.
 *
 * The canonical form is written digit by digit; it must be what
 * "%04d-%02d-%02d" (and " %02d:%02d:%02d") would print, for every day of
 * years from 0001 to 9999 written ISO and day first, with and without a
 * time, and for spreadsheet serials with a fraction; the canonical form
 * itself comes out as it went in. Then the forms of
 * docs/normalization.md, AMBIGUOUS and MALFORMED, and a time where none
 * is allowed.
 */
#include "unit.h"

#include "pl_iddate.h"

static void expect(const char *s, int allow_time, const char *want)
{
	char out[PL_IDDATE_BUF];
	enum pl_iddate_result r = pl_iddate_canonical(s, allow_time, out);
	if (r != PL_IDDATE_OK)
		fail_msg("'%s': %d, want '%s'", s, r, want);
	assert_string_equal(out, want);
}

static void test_every_day(void **state)
{
	(void)state;
	static const int years[] = {1, 9, 10, 99, 100, 999, 1000, 1999, 2000, 2023, 2024, 9999};
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	char in[64], want[64];
	for (size_t i = 0; i < sizeof years / sizeof *years; i++) {
		int y = years[i];
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= mdays[m - 1] + (m == 2 && leap); d++) {
				snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
				expect(want, 0, want); /* canonical already */
				snprintf(in, sizeof in, "%04d-%d-%d", y, m, d);
				expect(in, 0, want);
				snprintf(in, sizeof in, "%d/%02d/%04d", d, m, y);
				expect(in, 1, want);
				int hh = (d * 7) % 24, mi = (m * 13 + d) % 60, ss = (y + d) % 60;
				snprintf(want, sizeof want, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, hh, mi,
					 ss);
				snprintf(in, sizeof in, "%04d-%02d-%02dT%d:%02d:%02d", y, m, d, hh, mi, ss);
				expect(in, 1, want);
				expect(want, 1, want);
				snprintf(want, sizeof want, "%04d-%02d-%02d %02d:%02d:00", y, m, d, hh, mi);
				snprintf(in, sizeof in, "%d.%d.%04d %02d:%02d", d, m, y, hh, mi);
				expect(in, 1, want);
			}
	}
}

static void test_forms(void **state)
{
	(void)state;
	expect("28 Juli 2023", 0, "2023-07-28");
	expect("1 jan. 2021 8:05", 1, "2021-01-01 08:05:00");
	expect("28-07-23", 0, "2023-07-28");
	expect("45135", 0, "2023-07-28");
	expect("25569", 0, "1970-01-01");
	expect("73050", 0, "2099-12-31");
	expect("45135.5", 1, "2023-07-28 12:00:00");
	expect("45135,999999", 1, "2023-07-28 23:59:59");
	expect("45135.0000116", 1, "2023-07-28 00:00:01");
	char out[PL_IDDATE_BUF];
	assert_int_equal(pl_iddate_canonical("07/28/2023", 0, out), PL_IDDATE_AMBIGUOUS);
	static const char *const bad[] = {
	    "29/02/2023", "2023-13-01", "0000-01-01", "31 Februari 2021", "2023-07-28 24:00",
	    "2023-07-28 10:60", "25568", "x", "", "2023-07-28x",
	    /* shaped as the canonical form, which is read
	     * apart from the others */
	    "2023-02-29", "2023-00-10", "2023-01-00", "2023-01-32", "0000-01-01 00:00:00",
	    "2023-07-28 24:00:00", "2023-07-28 23:60:00", "2023-07-28 23:59:60",
	    "2023-07-28/10:00:00", "2023-07-2a", "2023-07-28 10:00:0x"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (pl_iddate_canonical(bad[i], 1, out) != PL_IDDATE_MALFORMED)
			fail_msg("'%s' read as '%s'", bad[i], out);
	assert_int_equal(pl_iddate_canonical("2023-07-28 10:00", 0, out), PL_IDDATE_MALFORMED);
	assert_int_equal(pl_iddate_canonical("2023-07-28 10:00:00", 0, out), PL_IDDATE_MALFORMED);
	assert_int_equal(pl_iddate_canonical(NULL, 1, out), PL_IDDATE_MALFORMED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_day),
	    cmocka_unit_test(test_forms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
