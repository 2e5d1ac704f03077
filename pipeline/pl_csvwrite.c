#include <stdlib.h> /* before pl_util.h: see pl_simd.h */
#include <string.h>

#include "pl_csvwrite.h"
#include "pl_simd.h"

void pl_csvw_init(struct pl_csvw *w, FILE *fp, int neutralize)
{
	memset(w, 0, sizeof *w);
	w->fp = fp;
	w->neutralize = neutralize;
	w->sep = ',';
	w->quoted = "\"\r\n,";
	w->eol = "\n";
}

void pl_csvw_init_excel(struct pl_csvw *w, FILE *fp)
{
	pl_csvw_init(w, fp, 1);
	w->sep = ';';
	w->quoted = "\"\r\n;";
	w->decimal_comma = 1;
	w->eol = "\r\n";
	pl_buf_adds(&w->rows, "\xEF\xBB\xBF"); /* the byte-order mark, sent with row 1 */
}

/* Whether text starting with c is read as a formula by a spreadsheet
 * (pl_csvwrite.h). */
static int formula_start(char c)
{
	switch (c) {
	case '=':
	case '+':
	case '-':
	case '@':
	case '\t':
	case '\r':
		return 1;
	default:
		return 0;
	}
}

/* Fields shorter than this are copied as they are measured. */
enum { CHUNK = 16 };

/* Returns the length of the start of s up to its first byte that needs
 * quotes ('"', CR, LF, the separator) or its end; when that is shorter
 * than CHUNK, it has also been copied to `to`, which has room for CHUNK
 * bytes. */
static size_t plain_fallback(char *to, const char *s, const struct pl_csvw *w)
{
	size_t n = strcspn(s, w->quoted);
	if (n < CHUNK)
		memcpy(to, s, n);
	return n;
}

#if defined(PL_SIMD)
/* The fields of innovations.csv average 13 bytes, so one 16-byte load
 * (pl_simd.h) usually finds the end, and the same 16 bytes are stored
 * whole: 8 against 15 ns a field with strcspn and memcpy. */
PL_READS_PAST_END static size_t plain_start(char *to, const char *s, const struct pl_csvw *w)
{
	if (!pl_simd_in_page(s))
		return plain_fallback(to, s, w);
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i hit =
	    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
				      _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))),
			 _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
						   _mm_cmpeq_epi8(v, _mm_set1_epi8(w->sep))),
				      _mm_cmpeq_epi8(v, _mm_setzero_si128())));
	unsigned bits = (unsigned)_mm_movemask_epi8(hit);
	if (!bits)
		return CHUNK + strcspn(s + CHUNK, w->quoted);
	_mm_storeu_si128((__m128i *)(void *)to, v);
	return (size_t)__builtin_ctz(bits);
}
#else
static size_t plain_start(char *to, const char *s, const struct pl_csvw *w)
{
	return plain_fallback(to, s, w);
}
#endif

static void put(struct pl_csvw *w, const char *s, int may_neutralize)
{
	if (w->ncol++)
		pl_buf_addc(&w->rows, w->sep);
	if (!s)
		return;
	int formula = may_neutralize && w->neutralize && formula_start(s[0]);
	struct pl_buf *b = &w->rows;
	pl_grow((void **)&b->p, &b->cap, b->len + CHUNK + 1, 1);
	size_t n = plain_start(b->p + b->len, s, w);
	if (!formula && s[n] == '\0') {
		if (n < CHUNK) {
			b->len += n;
			b->p[b->len] = '\0';
		} else {
			pl_buf_add(b, s, n);
		}
		return;
	}
	b->p[b->len] = '\0'; /* what plain_start copied is not kept */
	pl_buf_addc(b, '"');
	if (formula)
		pl_buf_addc(b, '\'');
	/* Runs between quotes as they are, each quote doubled. */
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		pl_buf_add(&w->rows, s, (size_t)(q - s) + 1);
		pl_buf_addc(&w->rows, '"');
	}
	pl_buf_adds(&w->rows, s);
	pl_buf_addc(&w->rows, '"');
}

void pl_csvw_text(struct pl_csvw *w, const char *s)
{
	put(w, s, 1);
}

void pl_csvw_num(struct pl_csvw *w, const char *s)
{
	put(w, s, 0);
}

/* -digits.digits: the shape of every decimal column of the outputs. */
static int is_decimal(const char *s)
{
	const char *p = s + (*s == '-');
	size_t whole = strspn(p, "0123456789");
	if (!whole || p[whole] != '.')
		return 0;
	const char *frac = p + whole + 1;
	size_t nfrac = strspn(frac, "0123456789");
	return nfrac && frac[nfrac] == '\0';
}

void pl_csvw_dec(struct pl_csvw *w, const char *s)
{
	if (!w->decimal_comma || !s || !is_decimal(s)) {
		put(w, s, 0);
		return;
	}
	char buf[64];
	size_t n = strlen(s);
	if (n >= sizeof buf) {
		put(w, s, 0);
		return;
	}
	memcpy(buf, s, n + 1);
	*strchr(buf, '.') = ',';
	put(w, buf, 0);
}

void pl_csvw_long(struct pl_csvw *w, long long v)
{
	char buf[PL_INT_BUF];
	put(w, pl_fmt_int(buf, v), 0);
}

int pl_csvw_flush(struct pl_csvw *w)
{
	if (!w->failed && w->rows.len && fwrite(w->rows.p, 1, w->rows.len, w->fp) != w->rows.len)
		w->failed = 1;
	pl_buf_reset(&w->rows);
	return w->failed ? -1 : 0;
}

int pl_csvw_end(struct pl_csvw *w)
{
	pl_buf_adds(&w->rows, w->eol);
	w->ncol = 0;
	/* Rows go out in blocks: stdio's own buffer is one page, and a write
	 * system call per page costs more than the rows it carries. */
	if (w->failed || w->rows.len >= PL_CSVW_BLOCK)
		return pl_csvw_flush(w);
	return 0;
}

void pl_csvw_free(struct pl_csvw *w)
{
	pl_buf_free(&w->rows);
}
