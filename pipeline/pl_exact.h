/*
 * pl_exact.h: exact decimal arithmetic for scores.
 *
 * Scores are integers in hundredths; a mean over D innovations is the
 * rational num/den, and it is rounded half up to hundredths exactly once,
 * where the method says so. No floating point touches a value that decides
 * a predicate or a rank, so every machine and compiler agrees to the cent.
 */
#ifndef PL_EXACT_H
#define PL_EXACT_H

#include <stddef.h>
#include <stdint.h>

typedef unsigned __int128 pl_u128;

/* floor(num / den + 1/2) for den > 0: round half up of a non-negative
 * rational. */
uint64_t pl_round_half_up(pl_u128 num, pl_u128 den);

/* Compares a/b with c/d (b, d > 0): -1, 0 or 1. */
int pl_cmp_frac(pl_u128 a, pl_u128 b, pl_u128 c, pl_u128 d);

enum { PL_HUNDREDTHS_BUF = 32 };
/* Formats hundredths as "12.34" (or "-0.05") into buf, returns buf. */
char *pl_fmt_hundredths(char buf[PL_HUNDREDTHS_BUF], int64_t h);

#endif
