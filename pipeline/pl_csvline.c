#include <stdlib.h> /* before pl_util.h: see pl_simd.h */
#include <string.h>

#include "pl_csvline.h"
#include "pl_simd.h"

enum { QUOTE = '"' };

/* The delimiters (*md) and quotes (*mq) among the 16 bytes at s, bit k
 * for s[k]; of fewer than 16 (n), the missing ones count as neither. The
 * loads stay within the line: its last bytes are copied out first. */
#if defined(PL_SIMD)
static inline void block_masks(const char *s, size_t n, unsigned char delim, unsigned *md,
			       unsigned *mq)
{
	__m128i v;
	if (n >= 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)s);
	} else {
		char tail[16] = {0}; /* NUL is neither */
		memcpy(tail, s, n);
		v = _mm_loadu_si128((const __m128i *)(const void *)tail);
	}
	*md = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)delim)));
	*mq = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(QUOTE)));
}
#else
static inline void block_masks(const char *s, size_t n, unsigned char delim, unsigned *md,
			       unsigned *mq)
{
	*md = *mq = 0;
	for (size_t k = 0; k < n && k < 16; k++) {
		*md |= (unsigned)((unsigned char)s[k] == delim) << k;
		*mq |= (unsigned)(s[k] == QUOTE) << k;
	}
}
#endif

/* The first quote in [from, len), or len. */
static size_t next_quote(const char *s, size_t from, size_t len)
{
	for (; from < len; from += 16) {
		unsigned md, mq;
		block_masks(s + from, len - from, QUOTE, &md, &mq);
		if (mq)
			return from + (unsigned)__builtin_ctz(mq);
	}
	return len;
}

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

/* Unquoted fields from line[*at] on, until the line ends (returns 0) or
 * a field opens with a quote (returns 1, *at where it starts); -1 for a
 * line libcsv must see. Each block of 16 bytes is looked at once, however
 * many fields end in it: its delimiters and quotes are taken in order
 * from one mask, and a quote must be the first byte of a field. */
static int unquoted_fields(char *line, size_t len, unsigned char delim, size_t max_field,
			   struct pl_csv_fields *out, size_t *at)
{
	size_t i = *at; /* where the current field starts */
	for (size_t b = i; b < len; b += 16) {
		unsigned md, mq;
		block_masks(line + b, len - b, delim, &md, &mq);
		for (unsigned m = md | mq; m; m &= m - 1) {
			unsigned k = (unsigned)__builtin_ctz(m);
			size_t p = b + k;
			if (mq >> k & 1) {
				if (p != i)
					return -1; /* a quote inside an unquoted field */
				*at = i;
				return 1;
			}
			if (p - i > max_field)
				return -1;
			line[p] = '\0';
			pl_csv_fields_add(out, line + i, p - i);
			i = p + 1;
		}
	}
	if (len - i > max_field)
		return -1;
	line[len] = '\0';
	pl_csv_fields_add(out, line + i, len - i);
	return 0;
}

int pl_csv_split_line(char *line, size_t len, unsigned char delim, size_t max_field,
		      struct pl_csv_fields *out)
{
	if (delim == QUOTE)
		return -1;
	size_t i = 0; /* where the next field starts */
	for (;;) {
		if (i >= len || line[i] != QUOTE) {
			int rc = unquoted_fields(line, len, delim, max_field, out, &i);
			if (rc <= 0)
				return rc;
		}
		/* Quoted, from line[i]: ends at a quote that is not doubled. */
		size_t q = i + 1;
		int doubled = 0;
		for (;;) {
			q = next_quote(line, q, len);
			if (q == len)
				return -1; /* runs on past the line */
			if (q + 1 < len && line[q + 1] == QUOTE) {
				doubled = 1;
				q += 2;
				continue;
			}
			break;
		}
		size_t next = q + 1; /* the delimiter after the field, or len */
		if (next < len && (unsigned char)line[next] != delim)
			return -1; /* text after the closing quote */
		size_t n = q - (i + 1);
		if (n > max_field)
			return -1;
		if (doubled)
			n = undouble(line + i + 1, n);
		line[i + 1 + n] = '\0';
		pl_csv_fields_add(out, line + i + 1, n);
		if (next >= len)
			return 0;
		i = next + 1;
	}
}
