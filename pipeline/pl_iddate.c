#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "pl_iddate.h"
#include "pl_parse.h"
#include "pl_util.h"

struct when {
	int y, m, d;
	int has_time, hh, mi, ss;
};

static const struct {
	const char *name;
	int month;
} months[] = {
	{"januari", 1}, {"january", 1}, {"jan", 1},
	{"februari", 2}, {"february", 2}, {"feb", 2}, {"pebruari", 2},
	{"maret", 3}, {"march", 3}, {"mar", 3},
	{"april", 4}, {"apr", 4},
	{"mei", 5}, {"may", 5},
	{"juni", 6}, {"june", 6}, {"jun", 6},
	{"juli", 7}, {"july", 7}, {"jul", 7},
	{"agustus", 8}, {"august", 8}, {"agu", 8}, {"agt", 8}, {"ags", 8}, {"aug", 8},
	{"september", 9}, {"sept", 9}, {"sep", 9},
	{"oktober", 10}, {"october", 10}, {"okt", 10}, {"oct", 10},
	{"november", 11}, {"nopember", 11}, {"nov", 11}, {"nop", 11},
	{"desember", 12}, {"december", 12}, {"des", 12}, {"dec", 12},
};

static int month_of(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof months / sizeof *months; i++)
		if (strlen(months[i].name) == n && strncasecmp(months[i].name, s, n) == 0)
			return months[i].month;
	return 0;
}

/* Reads 1..max digits; returns how many were read. */
static size_t number(const char *s, size_t max, int *out)
{
	size_t i = 0;
	int v = 0;
	while (i < max && isdigit((unsigned char)s[i]))
		v = v * 10 + (s[i++] - '0');
	*out = v;
	return i;
}

/* Reads an optional time "hh:mm[:ss]" after a separator; s points at the
 * separator or the end. Returns -1 on trailing junk. */
static int time_part(const char *s, const char *seps, struct when *w)
{
	if (!*s)
		return 0;
	if (!strchr(seps, *s))
		return -1;
	s++;
	size_t n = number(s, 2, &w->hh);
	if (n == 0 || s[n] != ':')
		return -1;
	s += n + 1;
	if (number(s, 2, &w->mi) != 2)
		return -1;
	s += 2;
	if (*s == ':') {
		if (number(s + 1, 2, &w->ss) != 2)
			return -1;
		s += 3;
	}
	if (*s || w->hh > 23 || w->mi > 59 || w->ss > 59)
		return -1;
	w->has_time = 1;
	return 0;
}

/* Days since 1970-01-01 to a civil date (proleptic Gregorian). */
static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t yy = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

/* A spreadsheet serial: whole days since 1899-12-30, fraction = time. */
static enum pl_iddate_result serial(const char *s, struct when *w)
{
	int64_t days = 0;
	size_t i = 0;
	for (; isdigit((unsigned char)s[i]); i++) {
		if (i > 6)
			return PL_IDDATE_MALFORMED;
		days = days * 10 + (s[i] - '0');
	}
	int64_t frac_num = 0, frac_den = 1;
	if (s[i] == '.' || s[i] == ',') {
		i++;
		for (size_t k = 0; isdigit((unsigned char)s[i]); i++, k++)
			if (k < 9) {
				frac_num = frac_num * 10 + (s[i] - '0');
				frac_den *= 10;
			}
	}
	if (s[i] || days < 25569 || days > 73050)
		return PL_IDDATE_MALFORMED;
	civil_from_days(days - 25569, &w->y, &w->m, &w->d);
	if (frac_num) {
		int64_t secs = (frac_num * 86400 + frac_den / 2) / frac_den;
		if (secs >= 86400)
			secs = 86399;
		w->has_time = 1;
		w->hh = (int)(secs / 3600);
		w->mi = (int)(secs / 60 % 60);
		w->ss = (int)(secs % 60);
	}
	return PL_IDDATE_OK;
}

static enum pl_iddate_result numeric(const char *s, struct when *w)
{
	int a, b, c;
	size_t n1 = number(s, 4, &a);
	char sep = s[n1];
	if (n1 == 0 || (sep != '-' && sep != '/' && sep != '.'))
		return PL_IDDATE_MALFORMED;
	const char *p = s + n1 + 1;
	size_t n2 = number(p, 2, &b);
	if (n2 == 0 || p[n2] != sep)
		return PL_IDDATE_MALFORMED;
	p += n2 + 1;
	size_t n3 = number(p, 4, &c);
	if (n3 == 0)
		return PL_IDDATE_MALFORMED;
	p += n3;
	if (n1 == 4) { /* year first: 2023-07-28, 2023/07/28 */
		if (sep == '.' || n3 > 2)
			return PL_IDDATE_MALFORMED;
		w->y = a, w->m = b, w->d = c;
		return time_part(p, sep == '-' ? " T" : " ", w) ? PL_IDDATE_MALFORMED : PL_IDDATE_OK;
	}
	if (n1 > 2 || (n3 != 2 && n3 != 4))
		return PL_IDDATE_MALFORMED;
	w->d = a, w->m = b, w->y = n3 == 2 ? 2000 + c : c;
	if (time_part(p, " ", w))
		return PL_IDDATE_MALFORMED;
	/* Day first is the rule; a month over 12 with a day that could be a
	 * month reads as month-first, which we do not guess at. */
	if (w->m > 12 && w->d <= 12 && w->m <= 31)
		return PL_IDDATE_AMBIGUOUS;
	return PL_IDDATE_OK;
}

static enum pl_iddate_result named(const char *s, struct when *w)
{
	size_t n1 = number(s, 2, &w->d);
	if (n1 == 0 || s[n1] != ' ')
		return PL_IDDATE_MALFORMED;
	const char *name = s + n1 + 1;
	size_t len = 0;
	while (isalpha((unsigned char)name[len]))
		len++;
	w->m = month_of(name, len);
	const char *p = name + len;
	if (*p == '.')
		p++; /* "28 Jul. 2023" */
	if (!w->m || *p != ' ')
		return PL_IDDATE_MALFORMED;
	p++;
	if (number(p, 4, &w->y) != 4)
		return PL_IDDATE_MALFORMED;
	return time_part(p + 4, " ", w) ? PL_IDDATE_MALFORMED : PL_IDDATE_OK;
}

/* Writes v (0 <= v < 10^width) as width digits; returns the end. */
static char *digits(char *o, int v, int width)
{
	for (int i = width - 1; i >= 0; i--, v /= 10)
		o[i] = (char)('0' + v % 10);
	return o + width;
}

/* The length of s when it is in the canonical form already, a day and
 * time that exist, else 0: what most systems export, and so most dates of
 * a collection. Read as the rules above read it, it comes out as it went
 * in. pl_parse_date and pl_parse_timestamp (pl_parse.h) read exactly that
 * form. */
static size_t canonical_length(const char *s, int allow_time)
{
	size_t n = strnlen(s, 20);
	int32_t date;
	int64_t when;
	if (n == 10)
		return pl_parse_date(s, &date) == 0 ? n : 0;
	return n == 19 && allow_time && s[10] == ' ' && pl_parse_timestamp(s, &when) == 0 ? n : 0;
}

enum pl_iddate_result pl_iddate_canonical(const char *s, int allow_time, char out[PL_IDDATE_BUF])
{
	struct when w = {0};
	enum pl_iddate_result r;
	if (!s || !isdigit((unsigned char)s[0]))
		return PL_IDDATE_MALFORMED;
	size_t n = canonical_length(s, allow_time);
	if (n) {
		memcpy(out, s, n + 1);
		return PL_IDDATE_OK;
	}
	size_t lead = strspn(s, "0123456789");
	if (s[lead] == ' ' && isalpha((unsigned char)s[lead + 1]))
		r = named(s, &w);
	else if (s[lead] == '\0' || ((s[lead] == '.' || s[lead] == ',') && lead == 5))
		r = serial(s, &w);
	else
		r = numeric(s, &w);
	if (r != PL_IDDATE_OK)
		return r;
	if (w.y < 1 || w.y > 9999 || w.d < 1 || w.d > pl_days_in_month(w.y, w.m))
		return PL_IDDATE_MALFORMED;
	if (w.has_time && !allow_time)
		return PL_IDDATE_MALFORMED;
	/* Every part is in range by now (year 1-9999, time checked when
	 * read), so fixed-width digits are what %04d and %02d would write. */
	char *o = out;
	o = digits(o, w.y, 4);
	*o++ = '-';
	o = digits(o, w.m, 2);
	*o++ = '-';
	o = digits(o, w.d, 2);
	if (w.has_time) {
		*o++ = ' ';
		o = digits(o, w.hh, 2);
		*o++ = ':';
		o = digits(o, w.mi, 2);
		*o++ = ':';
		o = digits(o, w.ss, 2);
	}
	*o = '\0';
	return PL_IDDATE_OK;
}
