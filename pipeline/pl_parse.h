/*
 * pl_parse.h: strict parsers for the numbers and dates of canonical values.
 *
 * Each returns 0 and stores the value, or -1 and leaves *out alone. "Strict"
 * means the whole string must be the value: no white space, no trailing
 * text, no silent truncation. Normalizing the many ways people write values
 * happens before (normalize stage); these decide what is canonical.
 *
 * Dates are held as the integer YYYYMMDD and timestamps as YYYYMMDDhhmmss,
 * so that comparing two of them is comparing integers.
 */
#ifndef PL_PARSE_H
#define PL_PARSE_H

#include <stdint.h>

/* Decimal integer, optional leading '-', within [min, max]. One digit,
 * what most levels are (two per answer, in validate and score), is read
 * inline; anything else by pl_parse_int_any. */
int pl_parse_int_any(const char *s, int64_t min, int64_t max, int64_t *out);
static inline int pl_parse_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
	if (s && s[0] >= '0' && s[0] <= '9' && !s[1] && s[0] - '0' >= min && s[0] - '0' <= max) {
		*out = s[0] - '0';
		return 0;
	}
	return pl_parse_int_any(s, min, max, out);
}

/* Non-negative decimal with at most two significant decimals ("0.38",
 * "250", "1.5", "60.010"), as an exact count of hundredths. */
int pl_parse_hundredths(const char *s, int64_t *out);

/* ISO calendar date YYYY-MM-DD that exists (leap years included). */
int pl_parse_date(const char *s, int32_t *yyyymmdd);

/* YYYY-MM-DD, optionally followed by 'T' or ' ' and hh:mm or hh:mm:ss. */
int pl_parse_timestamp(const char *s, int64_t *yyyymmddhhmmss);

/* Days in a month of a year, 0 for an impossible month. */
int pl_days_in_month(int year, int month);

#endif
