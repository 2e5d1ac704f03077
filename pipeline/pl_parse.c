#include <string.h>

#include "pl_parse.h"
#include "pl_util.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int pl_parse_int_any(const char *s, int64_t min, int64_t max, int64_t *out)
{
	if (!s)
		return -1;
	int neg = 0;
	if (*s == '-') {
		neg = 1;
		s++;
	}
	if (!is_digit(*s))
		return -1;
	int64_t v = 0;
	for (; *s; s++) {
		if (!is_digit(*s))
			return -1;
		/* Stop well before overflow: no value here needs 18 digits. */
		if (v > (INT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (neg)
		v = -v;
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int pl_parse_hundredths(const char *s, int64_t *out)
{
	if (!s || !is_digit(*s))
		return -1;
	int64_t whole = 0;
	for (; is_digit(*s); s++) {
		if (whole >= INT64_MAX / 1000)
			return -1;
		whole = whole * 10 + (*s - '0');
	}
	int64_t frac = 0;
	if (*s == '.') {
		s++;
		if (!is_digit(*s))
			return -1;
		int n = 0;
		for (; is_digit(*s); s++, n++) {
			if (n < 2)
				frac = frac * 10 + (*s - '0');
			else if (*s != '0')
				return -1; /* more precision than hundredths */
		}
		if (n == 1)
			frac *= 10;
	}
	if (*s)
		return -1;
	*out = whole * 100 + frac;
	return 0;
}

int pl_days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return days[month - 1];
}

/* Reads exactly n digits. */
static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int date_prefix(const char *s, int32_t *out)
{
	int y, m, d;
	if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &m) ||
	    s[7] != '-' || digits(s + 8, 2, &d))
		return -1;
	if (y < 1 || d < 1 || d > pl_days_in_month(y, m))
		return -1;
	*out = y * 10000 + m * 100 + d;
	return 0;
}

int pl_parse_date(const char *s, int32_t *yyyymmdd)
{
	int32_t v;
	if (!s || strlen(s) != 10 || date_prefix(s, &v))
		return -1;
	*yyyymmdd = v;
	return 0;
}

int pl_parse_timestamp(const char *s, int64_t *out)
{
	int32_t date;
	if (!s)
		return -1;
	size_t n = strlen(s);
	if (n < 10 || date_prefix(s, &date))
		return -1;
	int hh = 0, mm = 0, ss = 0;
	if (n > 10) {
		if ((s[10] != 'T' && s[10] != ' ') || (n != 16 && n != 19))
			return -1;
		if (digits(s + 11, 2, &hh) || s[13] != ':' || digits(s + 14, 2, &mm))
			return -1;
		if (n == 19 && (s[16] != ':' || digits(s + 17, 2, &ss)))
			return -1;
		if (hh > 23 || mm > 59 || ss > 59)
			return -1;
	}
	*out = (int64_t)date * 1000000 + hh * 10000 + mm * 100 + ss;
	return 0;
}
