#include <string.h>

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
	uint64_t u = h < 0 ? (uint64_t)(-(h + 1)) + 1 : (uint64_t)h;
	char *p = buf;
	if (h < 0)
		*p++ = '-';
	/* The whole part fits a long long: u / 100 < 2^63. */
	pl_fmt_int(p, (long long)(u / 100));
	p += strlen(p);
	*p++ = '.';
	*p++ = (char)('0' + u % 100 / 10);
	*p++ = (char)('0' + u % 10);
	*p = '\0';
	return buf;
}
