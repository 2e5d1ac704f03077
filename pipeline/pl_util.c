#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "pl_simd.h"
#include "pl_util.h"

static void out_of_memory(size_t n)
{
	fprintf(stderr, "indeks: fatal: out of memory allocating %zu bytes\n", n);
	abort();
}

/* Below POPULATE_MIN, memory mostly comes from what malloc already
 * holds. PAGE is the page size of Debian's amd64 and arm64 kernels; where
 * pages are larger, madvise refuses the range and nothing changes. */
enum { POPULATE_MIN = 128 * 1024, PAGE = 4096 };

void pl_populate(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
	if (n < POPULATE_MIN)
		return;
	uintptr_t from = ((uintptr_t)p + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
	uintptr_t to = ((uintptr_t)p + n) & ~(uintptr_t)(PAGE - 1);
	/* Advice only: a kernel before 5.14 refuses it, and the pages then
	 * come one fault at a time as before. */
	if (to > from)
		(void)madvise((void *)from, to - from, MADV_POPULATE_WRITE);
#else
	(void)p;
	(void)n;
#endif
}

void *pl_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	pl_populate(p, n);
	return p;
}

void *pl_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory(n * size);
	pl_populate(p, n * size);
	return p;
}

void *pl_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory(n);
	return q;
}

char *pl_xstrndup(const char *s, size_t n)
{
	char *d = pl_xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *pl_xstrdup(const char *s)
{
	return pl_xstrndup(s, strlen(s));
}

void pl_grow_to(void **arr, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return;
	size_t c = *cap ? *cap : 8;
	while (c < need) {
		if (c > SIZE_MAX / 2 / size)
			out_of_memory(SIZE_MAX);
		c *= 2;
	}
	*arr = pl_xrealloc(*arr, c * size);
	pl_populate((char *)*arr + *cap * size, (c - *cap) * size);
	*cap = c;
}

void pl_buf_vprintf(struct pl_buf *b, const char *fmt, va_list ap)
{
	/* Formatted once into the room there is; only what does not fit is
	 * formatted again after growing. */
	va_list again;
	va_copy(again, ap);
	size_t room = b->cap > b->len ? b->cap - b->len : 0;
	int n = vsnprintf(room ? b->p + b->len : NULL, room, fmt, ap);
	if (n < 0)
		abort(); /* only an invalid format does this: a bug */
	if ((size_t)n >= room) {
		pl_grow((void **)&b->p, &b->cap, b->len + (size_t)n + 1, 1);
		vsnprintf(b->p + b->len, (size_t)n + 1, fmt, again);
	}
	va_end(again);
	b->len += (size_t)n;
}

void pl_buf_printf(struct pl_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pl_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void pl_buf_cat(struct pl_buf *b, ...)
{
	va_list ap;
	va_start(ap, b);
	for (const char *s; (s = va_arg(ap, const char *));)
		pl_buf_adds(b, s);
	va_end(ap);
}

void pl_buf_pad(struct pl_buf *b, const char *s, size_t width, int left)
{
	size_t n = strlen(s), fill = n < width ? width - n : 0;
	if (left)
		pl_buf_add(b, s, n);
	pl_grow((void **)&b->p, &b->cap, b->len + fill + 1, 1);
	memset(b->p + b->len, ' ', fill);
	b->len += fill;
	b->p[b->len] = '\0';
	if (!left)
		pl_buf_add(b, s, n);
}

void pl_buf_reset(struct pl_buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

void pl_buf_free(struct pl_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

const char *pl_buf_str(const struct pl_buf *b)
{
	return b->p ? b->p : "";
}

void pl_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

void pl_ascii_lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

int pl_strcmp_null(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

char *pl_fmt_int(char buf[PL_INT_BUF], long long v)
{
	char tmp[PL_INT_BUF];
	size_t n = 0;
	unsigned long long u = v < 0 ? -(unsigned long long)v : (unsigned long long)v;
	do
		tmp[n++] = (char)('0' + u % 10);
	while (u /= 10);
	size_t k = 0;
	if (v < 0)
		buf[k++] = '-';
	while (n)
		buf[k++] = tmp[--n];
	buf[k] = '\0';
	return buf;
}

/* White space (isspace's in the C locale) and the end of a string, by
 * byte. */
static const unsigned char space_or_end[256] = {
    [0] = 1, [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1,
};

/* Where pl_squeeze has work in s, from p on (p is s or follows a byte that
 * needs none): the NUL, a space that is leading or followed by another
 * byte at or below ' ', any other byte at or below ' ' (white space, or a
 * control byte, which is kept). */
static char *first_work_bytewise(char *p, const char *s)
{
	for (;; p++) {
		unsigned char c = (unsigned char)*p;
		if (c > ' ')
			continue;
		if (c != ' ' || p == s || (unsigned char)p[1] <= ' ')
			return p;
	}
}

#if defined(PL_SIMD)
/* The same 16 bytes at a time (pl_simd.h): fields are short, and most
 * have no white space but single spaces between words, which one load
 * passes over. */
PL_READS_PAST_END static char *first_work(char *p, const char *s)
{
	const __m128i space = _mm_set1_epi8(' ');
	for (;;) {
		if (!pl_simd_in_page(p))
			return first_work_bytewise(p, s);
		__m128i v = _mm_loadu_si128((const __m128i *)(void *)p);
		unsigned low =
		    (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, space), v));
		unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, space));
		/* A space is work when the byte after it is low too; for one in
		 * the last byte that is not known here (low >> 1 has no bit
		 * for it), so the next load starts there. */
		unsigned work = (low & ~sp) | (sp & (low >> 1));
		if (p == s)
			work |= sp & 1;
		if (work)
			return p + __builtin_ctz(work);
		p += sp & 0x8000u ? 15 : 16;
	}
}
#else
static char *first_work(char *p, const char *s)
{
	return first_work_bytewise(p, s);
}
#endif

void pl_squeeze_any(char *s)
{
	/* Most fields need nothing: skip, without writing, to the first white
	 * space that is leading, trailing, doubled or not a plain space. */
	char *p = s;
	for (;;) {
		p = first_work(p, s);
		if (space_or_end[(unsigned char)*p])
			break;
		p++; /* a control byte that is not white space: kept */
	}
	if (!*p)
		return;
	char *o = p;
	int gap = 0;
	for (; *p; p++) {
		if (space_or_end[(unsigned char)*p]) { /* white space: *p is not the NUL */
			gap = o != s;
			continue;
		}
		if (gap)
			*o++ = ' ';
		gap = 0;
		*o++ = *p;
	}
	*o = '\0';
}
