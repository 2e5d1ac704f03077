#include <string.h>

#include "pl_idnum.h"
#include "pl_util.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Checks that the part before the decimal mark is digit groups of three
 * joined by sep ("1.234.567"), the first group 1-3 digits. */
static int grouped(const char *s, size_t len, char sep)
{
	size_t run = 0, groups = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == sep) {
			if (run == 0 || (groups == 0 && run > 3) || (groups > 0 && run != 3))
				return 0;
			groups++;
			run = 0;
		} else if (is_digit(s[i])) {
			run++;
		} else {
			return 0;
		}
	}
	return run == 3 || (groups == 0 && run > 0);
}

static int all_digits(const char *s, size_t len)
{
	if (!len)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!is_digit(s[i]))
			return 0;
	return 1;
}

/* Writes sign, the digits of int_part without sep, and the fraction
 * without trailing zeros. */
static enum pl_idnum_result emit(int neg, const char *ip, size_t ilen, char sep, const char *fp,
				 size_t flen, char *out, size_t n)
{
	while (flen && fp[flen - 1] == '0')
		flen--;
	/* Measured first, so that out is left alone when it has no room. */
	size_t len = (size_t)neg + (flen ? 1 + flen : 0);
	for (size_t i = 0; i < ilen; i++)
		len += ip[i] != sep;
	if (len + 1 > n)
		return PL_IDNUM_MALFORMED;
	char *o = out;
	if (neg)
		*o++ = '-';
	for (size_t i = 0; i < ilen; i++)
		if (ip[i] != sep)
			*o++ = ip[i];
	if (flen) {
		*o++ = '.';
		memcpy(o, fp, flen);
		o += flen;
	}
	*o = '\0';
	return PL_IDNUM_OK;
}

enum pl_idnum_result pl_idnum_canonical(const char *s, char *out, size_t n)
{
	int neg = 0;
	if (!s)
		return PL_IDNUM_MALFORMED;
	if (*s == '-') {
		neg = 1;
		s++;
	}
	size_t len = strlen(s);
	const char *last_dot = strrchr(s, '.'), *last_comma = strrchr(s, ',');
	if (!len || !is_digit(s[0]))
		return PL_IDNUM_MALFORMED;
	if (last_dot && last_comma) {
		const char *mark = last_dot > last_comma ? last_dot : last_comma;
		char sep = mark == last_dot ? ',' : '.';
		size_t ilen = (size_t)(mark - s);
		if (!grouped(s, ilen, sep) || !all_digits(mark + 1, strlen(mark + 1)))
			return PL_IDNUM_MALFORMED;
		return emit(neg, s, ilen, sep, mark + 1, strlen(mark + 1), out, n);
	}
	if (last_dot) {
		const char *first = strchr(s, '.');
		size_t tail = strlen(last_dot + 1);
		if (first == last_dot && tail != 3) {
			if (!all_digits(s, (size_t)(first - s)) || !all_digits(first + 1, tail))
				return PL_IDNUM_MALFORMED;
			return emit(neg, s, (size_t)(first - s), 0, first + 1, tail, out, n);
		}
		if (!grouped(s, len, '.'))
			return PL_IDNUM_MALFORMED;
		return emit(neg, s, len, '.', "", 0, out, n);
	}
	if (last_comma) {
		const char *first = strchr(s, ',');
		size_t tail = strlen(last_comma + 1);
		if (first != last_comma)
			return grouped(s, len, ',') ? PL_IDNUM_AMBIGUOUS : PL_IDNUM_MALFORMED;
		if (!all_digits(s, (size_t)(first - s)) || !all_digits(first + 1, tail))
			return PL_IDNUM_MALFORMED;
		if (tail == 3)
			return PL_IDNUM_AMBIGUOUS;
		return emit(neg, s, (size_t)(first - s), 0, first + 1, tail, out, n);
	}
	if (!all_digits(s, len))
		return PL_IDNUM_MALFORMED;
	return emit(neg, s, len, 0, "", 0, out, n);
}
