/*
 * test_exact.c: unit tests of pl_exact.h, the exact decimal arithmetic of
 * scores.
 *
 * Covers pl_round_half_up (halves go up, below-half goes down, exact
 * values, a whole IID computed by hand from hundredths, operands beyond
 * 64 bits), pl_cmp_frac (equal fractions written differently, both orders,
 * operands near 2^64) and pl_fmt_hundredths (two decimals always, the sign
 * of small negatives, the extremes of int64_t).
 */
#include "unit.h"

#include "pl_exact.h"

static void test_round_half_up_small(void **state)
{
	(void)state;
	assert_int_equal(pl_round_half_up(0, 1), 0);
	assert_int_equal(pl_round_half_up(0, 7), 0);
	assert_int_equal(pl_round_half_up(10, 5), 2); /* exact */
	assert_int_equal(pl_round_half_up(1, 2), 1);  /* 0.5 up */
	assert_int_equal(pl_round_half_up(3, 2), 2);  /* 1.5 up */
	assert_int_equal(pl_round_half_up(5, 2), 3);  /* 2.5 up, not to even */
	assert_int_equal(pl_round_half_up(7, 2), 4);  /* 3.5 */
	assert_int_equal(pl_round_half_up(1, 3), 0);  /* 0.333 */
	assert_int_equal(pl_round_half_up(2, 3), 1);  /* 0.667 */
	assert_int_equal(pl_round_half_up(4, 3), 1);  /* 1.333 */
	assert_int_equal(pl_round_half_up(1234567, 1000), 1235);
	assert_int_equal(pl_round_half_up(1234500, 1000), 1235); /* 1234.5 */
	assert_int_equal(pl_round_half_up(1234499, 1000), 1234); /* 1234.499 */
	assert_int_equal(pl_round_half_up(499999, 1000000), 0);
	assert_int_equal(pl_round_half_up(500000, 1000000), 1);
}

/* The IID of a region, by hand, the way the method computes it:
 * SPD = 21.00, sum of S_j = 55.55 over D = 12, J = 0.38 x 12 = 4.56.
 * Total in hundredths = 2100 + 5555/12 + 456 = 36227/12.
 * IID in hundredths = total x 100 / 250 = 3622700 / 3000 = 1207.566...
 * which rounds half up to 1208, i.e. 12.08. */
static void test_round_half_up_iid(void **state)
{
	(void)state;
	pl_u128 total_num = 2100 * 12 + 5555 + 456 * 12, total_den = 12;
	assert_true(total_num == 36227);
	assert_int_equal(pl_round_half_up(total_num * 100, total_den * 250), 1208);
	/* Just below and just above a half hundredth of the same total. */
	assert_int_equal(pl_round_half_up(36227 * 100 - 1, 12 * 250), 1208);
	assert_int_equal(pl_round_half_up(1207 * 3000 + 1499, 3000), 1207);
	assert_int_equal(pl_round_half_up(1207 * 3000 + 1500, 3000), 1208);
}

static void test_round_half_up_wide(void **state)
{
	(void)state;
	pl_u128 two64 = (pl_u128)1 << 64;
	/* (2^64 - 1) x 1000 + 499 over 1000: the largest uint64_t, rounded down. */
	pl_u128 num = (two64 - 1) * 1000 + 499;
	assert_true(pl_round_half_up(num, 1000) == UINT64_MAX);
	/* 1.5 x 2^70 / 2^70 = 1.5 -> 2, with operands past 64 bits. */
	pl_u128 p70 = (pl_u128)1 << 70;
	assert_int_equal(pl_round_half_up(p70 + p70 / 2, p70), 2);
	assert_int_equal(pl_round_half_up(p70 + p70 / 2 - 1, p70), 1);
}

static void test_cmp_frac(void **state)
{
	(void)state;
	assert_int_equal(pl_cmp_frac(1, 3, 2, 6), 0);
	assert_int_equal(pl_cmp_frac(0, 5, 0, 7), 0);
	assert_int_equal(pl_cmp_frac(1, 3, 1, 2), -1);
	assert_int_equal(pl_cmp_frac(1, 2, 1, 3), 1);
	assert_int_equal(pl_cmp_frac(2, 3, 1, 2), 1);
	assert_int_equal(pl_cmp_frac(6001, 100, 60, 1), 1); /* 60.01 > 60 */
	assert_int_equal(pl_cmp_frac(6000, 100, 60, 1), 0);
	assert_int_equal(pl_cmp_frac(3499, 100, 35, 1), -1);
	/* 2^63 / 3 against (2^63 - 1) / 3: differ by 1/3. */
	pl_u128 big = (pl_u128)1 << 63;
	assert_int_equal(pl_cmp_frac(big, 3, big - 1, 3), 1);
	assert_int_equal(pl_cmp_frac(big - 1, 3, big, 3), -1);
	/* 2^63 / (2^63 + 1) is just below 1. */
	assert_int_equal(pl_cmp_frac(big, big + 1, 1, 1), -1);
	assert_int_equal(pl_cmp_frac(big + 1, big, 1, 1), 1);
	assert_int_equal(pl_cmp_frac(big * 2, big, 2, 1), 0);
}

static void fmt_is(int64_t h, const char *want)
{
	char buf[PL_HUNDREDTHS_BUF];
	char *got = pl_fmt_hundredths(buf, h);
	assert_ptr_equal(got, buf);
	assert_string_equal(got, want);
}

static void test_fmt_hundredths(void **state)
{
	(void)state;
	fmt_is(0, "0.00");
	fmt_is(5, "0.05");
	fmt_is(50, "0.50");
	fmt_is(100, "1.00");
	fmt_is(6001, "60.01");
	fmt_is(25000, "250.00");
	fmt_is(38, "0.38");
	fmt_is(-5, "-0.05");
	fmt_is(-100, "-1.00");
	fmt_is(-12345, "-123.45");
	fmt_is(INT64_MAX, "92233720368547758.07");
	fmt_is(INT64_MIN, "-92233720368547758.08");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_half_up_small), cmocka_unit_test(test_round_half_up_iid),
	    cmocka_unit_test(test_round_half_up_wide),	cmocka_unit_test(test_cmp_frac),
	    cmocka_unit_test(test_fmt_hundredths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
