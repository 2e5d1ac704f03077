#include <stdio.h>

#include "pl_exact.h"
#include "pl_util.h"

uint64_t pl_round_half_up(pl_u128 num, pl_u128 den)
{
	return (uint64_t)((2 * num + den) / (2 * den));
}

int pl_cmp_frac(pl_u128 a, pl_u128 b, pl_u128 c, pl_u128 d)
{
	/* Operands stay far below 2^64 in this project, so the products fit. */
	pl_u128 l = a * d, r = c * b;
	return (l > r) - (l < r);
}

char *pl_fmt_hundredths(char buf[PL_HUNDREDTHS_BUF], int64_t h)
{
	const char *sign = h < 0 ? "-" : "";
	uint64_t u = h < 0 ? (uint64_t)(-(h + 1)) + 1 : (uint64_t)h;
	snprintf(buf, PL_HUNDREDTHS_BUF, "%s%llu.%02llu", sign,
		 (unsigned long long)(u / 100), (unsigned long long)(u % 100));
	return buf;
}
