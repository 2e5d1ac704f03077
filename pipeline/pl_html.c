#include <stdlib.h> /* before pl_util.h: see pl_simd.h */
#include <string.h>

#include "pl_html.h"
#include "pl_simd.h"

/* U+FFFD REPLACEMENT CHARACTER: what a forbidden control byte becomes. */
static const char replacement[] = "\xEF\xBF\xBD";

/* The bytes escape() changes: the control bytes HTML forbids (all below
 * 0x20 but tab, LF and CR, and DEL) and the five markup characters (" &
 * ' < >, 0x22 0x26 0x27 0x3C 0x3E). */
static const unsigned char special[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
    [0x07] = 1, [0x08] = 1, [0x0B] = 1, [0x0C] = 1, [0x0E] = 1, [0x0F] = 1, [0x10] = 1,
    [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
    [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1, [0x1C] = 1, [0x1D] = 1, [0x1E] = 1,
    [0x1F] = 1, [0x7F] = 1, [0x22] = 1, [0x26] = 1, [0x27] = 1, [0x3C] = 1, [0x3E] = 1,
};

/* How many bytes from s on (of n) need no escape: 16 at a time, as the
 * report escapes every innovation's name, agency and reason. */
static size_t plain_run(const char *s, size_t n)
{
	size_t i = 0;
#if defined(PL_SIMD)
	const __m128i below = _mm_set1_epi8(0x1F);
	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, below), v);
		__m128i allowed = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
							    _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
					       _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')));
		__m128i markup =
		    _mm_or_si128(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('&')),
							   _mm_cmpeq_epi8(v, _mm_set1_epi8('<'))),
					      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('>')),
							   _mm_cmpeq_epi8(v, _mm_set1_epi8('"')))),
				 _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')),
					      _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))));
		unsigned bits = (unsigned)_mm_movemask_epi8(
		    _mm_or_si128(_mm_andnot_si128(allowed, control), markup));
		if (bits)
			return i + (size_t)__builtin_ctz(bits);
	}
#endif
	while (i < n && !special[(unsigned char)s[i]])
		i++;
	return i;
}

static void escape(struct pl_buf *b, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		/* Plain text goes in as runs: most fields need no escape. */
		size_t run = i + plain_run(s + i, n - i);
		if (run > i)
			pl_buf_add(b, s + i, run - i);
		if (run == n)
			break;
		switch (s[run]) {
		case '&':
			pl_buf_adds(b, "&amp;");
			break;
		case '<':
			pl_buf_adds(b, "&lt;");
			break;
		case '>':
			pl_buf_adds(b, "&gt;");
			break;
		case '"':
			pl_buf_adds(b, "&quot;");
			break;
		case '\'':
			pl_buf_adds(b, "&#39;");
			break;
		default:
			pl_buf_adds(b, replacement);
		}
		i = run + 1;
	}
}

void pl_html_text(struct pl_buf *b, const char *s)
{
	if (s)
		escape(b, s, strlen(s));
}

int pl_html_text_max(struct pl_buf *b, const char *s, size_t max)
{
	if (!s)
		return 0;
	size_t n = strlen(s);
	if (n <= max) {
		escape(b, s, n);
		return 0;
	}
	/* Back up over continuation bytes (10xxxxxx) so that no character is
	 * cut in half, then leave room for nothing but the ellipsis. */
	size_t cut = max;
	while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	while (cut > 0 && s[cut - 1] == ' ')
		cut--;
	escape(b, s, cut);
	pl_buf_adds(b, "\xE2\x80\xA6"); /* U+2026 HORIZONTAL ELLIPSIS */
	return 1;
}
