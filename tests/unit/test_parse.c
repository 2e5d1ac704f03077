/*
 * test_parse.c: unit tests of pl_parse.h, the strict parsers of canonical
 * values.
 *
 * Covers pl_parse_int (range, one digit read inline included, sign, every
 * kind of trailing or leading junk, overflow), pl_parse_hundredths (exact hundredths, trailing
 * zeros beyond two decimals, a third significant decimal refused, overflow refused), pl_parse_date
 * and pl_parse_timestamp (existing dates only, leap years, the accepted time forms) and
 * pl_days_in_month. Every refusal also checks that *out was left alone, as the header promises.
 */
#include "unit.h"

#include "pl_parse.h"

static void int_accepts(const char *s, int64_t min, int64_t max, int64_t want)
{
	int64_t v = -12345;
	if (pl_parse_int(s, min, max, &v) != 0)
		fail_msg("pl_parse_int refused '%s'", s);
	assert_true(v == want);
}

static void int_refuses(const char *s, int64_t min, int64_t max)
{
	int64_t v = -12345;
	if (pl_parse_int(s, min, max, &v) != -1)
		fail_msg("pl_parse_int accepted '%s'", s);
	assert_true(v == -12345); /* left alone */
}

static void test_int_values(void **state)
{
	(void)state;
	int_accepts("0", 0, 10, 0);
	int_accepts("42", 0, 100, 42);
	int_accepts("-7", -10, 10, -7);
	int_accepts("-0", 0, 0, 0);
	int_accepts("007", 0, 10, 7);
	int_accepts("2023", 1900, 9999, 2023);
	/* Both ends of the range are inside it. */
	int_accepts("1900", 1900, 9999, 1900);
	int_accepts("9999", 1900, 9999, 9999);
	int_accepts("999999999999999999", 0, INT64_MAX, 999999999999999999LL);
	int_accepts("-999999999999999999", INT64_MIN, 0, -999999999999999999LL);
}

static void test_int_range(void **state)
{
	(void)state;
	int_refuses("1899", 1900, 9999);
	int_refuses("10000", 1900, 9999);
	int_refuses("-1", 0, 1);
	int_refuses("2", 0, 1);
	/* One digit is read inline: its range is checked there too. */
	int_refuses("0", 1, 9);
	int_refuses("5", 1900, 9999);
	int_accepts("1", 1, 1, 1);
	int_accepts("9", 0, 9, 9);
}

static void test_int_junk(void **state)
{
	(void)state;
	const char *bad[] = {"",     "-",   "+1", " 1",	   "1 ",  "1a",	 "a1", "1.0",
			     "0x10", "--1", "1-", "1,000", "\t1", "1\n", "١"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		int_refuses(bad[i], INT64_MIN, INT64_MAX);
	int64_t v = 5;
	assert_int_equal(pl_parse_int(NULL, 0, 10, &v), -1);
	assert_true(v == 5);
}

static void test_int_overflow(void **state)
{
	(void)state;
	/* Refused without wrapping (UBSan checks there is no signed overflow). */
	int_refuses("99999999999999999999", INT64_MIN, INT64_MAX);
	int_refuses("9223372036854775808", INT64_MIN, INT64_MAX);
	int_refuses("-9223372036854775809", INT64_MIN, INT64_MAX);
	int_refuses("123456789012345678901234567890", INT64_MIN, INT64_MAX);
}

static void hund_accepts(const char *s, int64_t want)
{
	int64_t v = -12345;
	if (pl_parse_hundredths(s, &v) != 0)
		fail_msg("pl_parse_hundredths refused '%s'", s);
	if (v != want)
		fail_msg("pl_parse_hundredths('%s') = %lld, want %lld", s, (long long)v,
			 (long long)want);
}

static void hund_refuses(const char *s)
{
	int64_t v = -12345;
	if (pl_parse_hundredths(s, &v) != -1)
		fail_msg("pl_parse_hundredths accepted '%s' (%lld)", s, (long long)v);
	assert_true(v == -12345);
}

static void test_hundredths_values(void **state)
{
	(void)state;
	/* The examples of the header, then the values of methodology/. */
	hund_accepts("0.38", 38);
	hund_accepts("250", 25000);
	hund_accepts("1.5", 150);
	hund_accepts("60.010", 6001);
	hund_accepts("60.01", 6001);
	hund_accepts("35.00", 3500);
	hund_accepts("0.01", 1);
	hund_accepts("0.00", 0);
	hund_accepts("0", 0);
	hund_accepts("0.75", 75);
	hund_accepts("250.00", 25000);
	hund_accepts("1.000000", 100);
	hund_accepts("007.50", 750);
	hund_accepts("9999999999999999", 999999999999999900LL);
	/* Large but representable: 17 integer digits still fit. */
	hund_accepts("92233720368547749.99", 9223372036854774999LL);
}

static void test_hundredths_refused(void **state)
{
	(void)state;
	const char *bad[] = {"",     "1.005", "0.001", "60.011", "1.", ".5",   "-1",
			     "-0.5", "+1",    "1,5",   " 1",	 "1 ", "1.5x", "1e2",
			     "1..2", "1.2.3", "0.3 ",  "\t0.3",	 "x"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		hund_refuses(bad[i]);
	int64_t v = 9;
	assert_int_equal(pl_parse_hundredths(NULL, &v), -1);
	assert_true(v == 9);
}

static void test_hundredths_overflow(void **state)
{
	(void)state;
	/* 92233720368547759 x 100 does not fit in int64_t: it must be refused,
	 * not wrapped to a negative count (signed overflow, caught by UBSan). */
	hund_refuses("92233720368547759");
	hund_refuses("92233720368547758.08");
	hund_refuses("99999999999999999999");
	hund_refuses("123456789012345678901234567890.5");
}

static void date_accepts(const char *s, int32_t want)
{
	int32_t v = -1;
	if (pl_parse_date(s, &v) != 0)
		fail_msg("pl_parse_date refused '%s'", s);
	assert_int_equal(v, want);
}

static void date_refuses(const char *s)
{
	int32_t v = -1;
	if (pl_parse_date(s, &v) != -1)
		fail_msg("pl_parse_date accepted '%s'", s);
	assert_int_equal(v, -1);
}

static void test_date(void **state)
{
	(void)state;
	date_accepts("2023-07-28", 20230728);
	date_accepts("2021-01-01", 20210101);
	date_accepts("2022-12-31", 20221231);
	date_accepts("2024-02-29", 20240229); /* leap year */
	date_accepts("2000-02-29", 20000229); /* divisible by 400 */
	date_accepts("0001-01-01", 10101);
	date_accepts("2023-04-30", 20230430);
	date_refuses("2023-02-29");
	date_refuses("1900-02-29"); /* divisible by 100, not 400 */
	date_refuses("2023-04-31");
	date_refuses("2023-13-01");
	date_refuses("2023-00-10");
	date_refuses("2023-01-00");
	date_refuses("2023-01-32");
	date_refuses("0000-01-01");
	date_refuses("2023-1-01");
	date_refuses("2023-01-1");
	date_refuses("23-01-01");
	date_refuses("2023/01/01");
	date_refuses("28-07-2023");
	date_refuses("2023-07-28 ");
	date_refuses(" 2023-07-28");
	date_refuses("2023-07-28T00:00");
	date_refuses("2023-0a-01");
	date_refuses("");
	date_refuses(NULL);
}

static void ts_accepts(const char *s, int64_t want)
{
	int64_t v = -1;
	if (pl_parse_timestamp(s, &v) != 0)
		fail_msg("pl_parse_timestamp refused '%s'", s);
	if (v != want)
		fail_msg("pl_parse_timestamp('%s') = %lld", s, (long long)v);
}

static void ts_refuses(const char *s)
{
	int64_t v = -1;
	if (pl_parse_timestamp(s, &v) != -1)
		fail_msg("pl_parse_timestamp accepted '%s'", s);
	assert_true(v == -1);
}

static void test_timestamp(void **state)
{
	(void)state;
	ts_accepts("2023-07-28", 20230728000000LL);
	ts_accepts("2023-07-28T13:45", 20230728134500LL);
	ts_accepts("2023-07-28 13:45", 20230728134500LL);
	ts_accepts("2023-07-28T13:45:59", 20230728134559LL);
	ts_accepts("2023-07-28 00:00:00", 20230728000000LL);
	ts_accepts("2024-02-29T23:59:59", 20240229235959LL);
	ts_refuses("2023-07-28T24:00");
	ts_refuses("2023-07-28T12:60");
	ts_refuses("2023-07-28T12:00:60");
	ts_refuses("2023-07-28T1:00");
	ts_refuses("2023-07-28T13:45:5");
	ts_refuses("2023-07-28T13:45Z");
	ts_refuses("2023-07-28T13:45:00Z");
	ts_refuses("2023-07-28X13:45");
	ts_refuses("2023-07-28T");
	ts_refuses("2023-07-28T13");
	ts_refuses("2023-07-28T13-45");
	ts_refuses("2023-02-30T00:00");
	ts_refuses("2023-07-2");
	ts_refuses("");
	ts_refuses(NULL);
	/* Timestamps compare as integers. */
	int64_t a = 0, b = 0;
	assert_int_equal(pl_parse_timestamp("2023-07-28T09:59:59", &a), 0);
	assert_int_equal(pl_parse_timestamp("2023-07-28 10:00", &b), 0);
	assert_true(a < b);
}

static void test_days_in_month(void **state)
{
	(void)state;
	const int want[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	for (int m = 1; m <= 12; m++)
		assert_int_equal(pl_days_in_month(2023, m), want[m - 1]);
	assert_int_equal(pl_days_in_month(2024, 2), 29);
	assert_int_equal(pl_days_in_month(2000, 2), 29);
	assert_int_equal(pl_days_in_month(1900, 2), 28);
	assert_int_equal(pl_days_in_month(2100, 2), 28);
	assert_int_equal(pl_days_in_month(2023, 0), 0);
	assert_int_equal(pl_days_in_month(2023, 13), 0);
	assert_int_equal(pl_days_in_month(2023, -1), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_int_values),
	    cmocka_unit_test(test_int_range),
	    cmocka_unit_test(test_int_junk),
	    cmocka_unit_test(test_int_overflow),
	    cmocka_unit_test(test_hundredths_values),
	    cmocka_unit_test(test_hundredths_refused),
	    cmocka_unit_test(test_hundredths_overflow),
	    cmocka_unit_test(test_date),
	    cmocka_unit_test(test_timestamp),
	    cmocka_unit_test(test_days_in_month),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
