#include <stdlib.h> /* before pl_util.h: see pl_simd.h */
#include <string.h>

#include "pl_csvline.h"
#include "pl_simd.h"

enum { QUOTE = '"' };

/* The first place in [from, len) holding a or b, or len. Fields are a few
 * bytes long, so one load usually finds the end of one; the loads stay
 * within the line, and its last bytes are looked at one by one. */
#if defined(PL_SIMD)
static size_t next_of(const char *s, size_t from, size_t len, unsigned char a, unsigned char b)
{
	const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b);
	for (; from + 16 <= len; from += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + from));
		unsigned m = (unsigned)_mm_movemask_epi8(
		    _mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)));
		if (m)
			return from + (unsigned)__builtin_ctz(m);
	}
	for (; from < len; from++)
		if ((unsigned char)s[from] == a || (unsigned char)s[from] == b)
			return from;
	return len;
}
#else
static size_t next_of(const char *s, size_t from, size_t len, unsigned char a, unsigned char b)
{
	for (; from < len; from++)
		if ((unsigned char)s[from] == a || (unsigned char)s[from] == b)
			return from;
	return len;
}
#endif

/* Makes each doubled quote of s[0, n) one, where it lies; returns the
 * new length. */
static size_t undouble(char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		s[o++] = s[i];
		i += s[i] == QUOTE; /* the second of the pair */
	}
	return o;
}

int pl_csv_split_line(char *line, size_t len, unsigned char delim, size_t max_field,
		      struct pl_csv_fields *out)
{
	if (delim == QUOTE)
		return -1;
	size_t i = 0; /* where the next field starts */
	for (;;) {
		size_t next; /* the delimiter after the field, or len */
		if (i < len && line[i] == QUOTE) {
			/* Quoted: ends at a quote that is not doubled. */
			size_t q = i + 1;
			int doubled = 0;
			for (;;) {
				q = next_of(line, q, len, QUOTE, QUOTE);
				if (q == len)
					return -1; /* runs on past the line */
				if (q + 1 < len && line[q + 1] == QUOTE) {
					doubled = 1;
					q += 2;
					continue;
				}
				break;
			}
			next = q + 1;
			if (next < len && (unsigned char)line[next] != delim)
				return -1; /* text after the closing quote */
			size_t n = q - (i + 1);
			if (n > max_field)
				return -1;
			if (doubled)
				n = undouble(line + i + 1, n);
			line[i + 1 + n] = '\0';
			pl_csv_fields_add(out, line + i + 1, n);
		} else {
			size_t end = next_of(line, i, len, delim, QUOTE);
			if (end < len && line[end] == QUOTE)
				return -1; /* a quote inside an unquoted field */
			if (end - i > max_field)
				return -1;
			line[end] = '\0';
			pl_csv_fields_add(out, line + i, end - i);
			next = end;
		}
		if (next >= len)
			return 0;
		i = next + 1;
	}
}
