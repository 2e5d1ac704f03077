#include <stdint.h>
#include <string.h>

#include "pl_encoding.h"
#include "pl_util.h"

/* Windows-1252 0x80-0x9F; 0 marks the five bytes the code page leaves
 * undefined. 0xA0-0xFF are Latin-1, the same code points as the bytes. */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
	0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

static int cp1252_undefined(unsigned char c)
{
	return c >= 0x80 && c <= 0x9F && cp1252_high[c - 0x80] == 0;
}

void pl_enc_scan_init(struct pl_enc_scan *s)
{
	memset(s, 0, sizeof *s);
}

static void count_invalid(struct pl_enc_scan *s, unsigned char c)
{
	s->invalid++;
	s->undefined += cp1252_undefined(c);
}

/* The lead byte of a sequence: how many continuation bytes follow and the
 * range the first of them must be in (RFC 3629: no overlong forms, no
 * surrogates, nothing past U+10FFFF). Returns 0 for a byte that cannot
 * start a sequence. */
static unsigned lead(unsigned char c, unsigned char *lo, unsigned char *hi)
{
	*lo = 0x80;
	*hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF)
		return 1;
	if (c == 0xE0) {
		*lo = 0xA0;
		return 2;
	}
	if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
		return 2;
	if (c == 0xED) {
		*hi = 0x9F;
		return 2;
	}
	if (c == 0xF0) {
		*lo = 0x90;
		return 3;
	}
	if (c >= 0xF1 && c <= 0xF3)
		return 3;
	if (c == 0xF4) {
		*hi = 0x8F;
		return 3;
	}
	return 0;
}

static void scan_byte(struct pl_enc_scan *s, unsigned char c)
{
	if (s->need) {
		if (c >= s->lo && c <= s->hi) {
			s->pend[s->npend++] = c;
			s->lo = 0x80;
			s->hi = 0xBF;
			if (--s->need == 0) {
				s->valid_multi++;
				s->npend = 0;
			}
			return;
		}
		/* The sequence broke off: its bytes are invalid, and this byte
		 * starts afresh. */
		for (unsigned i = 0; i < s->npend; i++)
			count_invalid(s, s->pend[i]);
		s->need = 0;
		s->npend = 0;
	}
	if (c < 0x80) {
		s->nul += c == 0;
		return;
	}
	unsigned need = lead(c, &s->lo, &s->hi);
	if (!need) {
		count_invalid(s, c);
		return;
	}
	s->need = need;
	s->pend[0] = c;
	s->npend = 1;
}

/* Whether none of the 8 bytes at p is NUL or above 0x7F. */
static int plain_ascii8(const unsigned char *p)
{
	uint64_t w;
	memcpy(&w, p, sizeof w);
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	/* (w - ones) & ~w has a high bit where a byte is 0 (or, past the
	 * first such byte, where borrowing made it look so). */
	return ((w | ((w - ones) & ~w)) & highs) == 0;
}

void pl_enc_scan_feed(struct pl_enc_scan *s, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t i = 0;
	while (i < n) {
		/* ASCII runs are the common case: skip them 8 bytes at a time. */
		if (!s->need) {
			while (i + 8 <= n && plain_ascii8(p + i))
				i += 8;
			if (i == n)
				break;
			if (p[i] && p[i] < 0x80) {
				i++;
				continue;
			}
		}
		scan_byte(s, p[i++]);
	}
}

void pl_enc_scan_end(struct pl_enc_scan *s)
{
	for (unsigned i = 0; i < s->npend; i++)
		count_invalid(s, s->pend[i]);
	s->need = 0;
	s->npend = 0;
}

enum pl_encoding pl_enc_scan_verdict(const struct pl_enc_scan *s)
{
	if (s->invalid == 0)
		return PL_ENC_UTF8;
	if (s->valid_multi == 0 && s->undefined == 0)
		return PL_ENC_CP1252;
	return PL_ENC_UTF8_BAD;
}

const char *pl_encoding_name(enum pl_encoding e)
{
	switch (e) {
	case PL_ENC_UTF8: return "utf-8";
	case PL_ENC_CP1252: return "windows-1252";
	case PL_ENC_UTF8_BAD: break;
	}
	return "utf-8 (invalid bytes)";
}

int pl_utf8_valid(const char *str, size_t n, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		if (c && c < 0x80) {
			i++;
			continue;
		}
		unsigned char lo, hi;
		unsigned need = c ? lead(c, &lo, &hi) : 0;
		if (!need)
			goto invalid;
		for (unsigned k = 1; k <= need; k++) {
			if (i + k >= n || s[i + k] < lo || s[i + k] > hi)
				goto invalid;
			lo = 0x80;
			hi = 0xBF;
		}
		i += need + 1;
	}
	return 1;
invalid:
	if (bad)
		*bad = i;
	return 0;
}

static unsigned cp1252_point(unsigned char c)
{
	if (c < 0x80 || c >= 0xA0)
		return c;
	unsigned u = cp1252_high[c - 0x80];
	return u ? u : 0xFFFD;
}

size_t pl_cp1252_utf8_len(const char *s, size_t n)
{
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned u = cp1252_point((unsigned char)s[i]);
		len += u < 0x80 ? 1 : u < 0x800 ? 2 : 3;
	}
	return len;
}

size_t pl_cp1252_to_utf8(const char *s, size_t n, char *out)
{
	unsigned char *o = (unsigned char *)out;
	for (size_t i = 0; i < n; i++) {
		unsigned u = cp1252_point((unsigned char)s[i]);
		if (u < 0x80) {
			*o++ = (unsigned char)u;
		} else if (u < 0x800) {
			*o++ = (unsigned char)(0xC0 | (u >> 6));
			*o++ = (unsigned char)(0x80 | (u & 0x3F));
		} else {
			*o++ = (unsigned char)(0xE0 | (u >> 12));
			*o++ = (unsigned char)(0x80 | ((u >> 6) & 0x3F));
			*o++ = (unsigned char)(0x80 | (u & 0x3F));
		}
	}
	*o = '\0';
	return (size_t)(o - (unsigned char *)out);
}
