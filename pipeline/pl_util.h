/*
 * pl_util.h: memory, growable buffers and small string helpers.
 *
 * Out of memory is not recoverable in a batch stage: pl_xmalloc and friends
 * print one line and abort, so callers never check for NULL. What they
 * return is written soon after, so large blocks come with their pages
 * (pl_populate). A struct pl_buf owns its bytes; pl_buf_free releases
 * them. The string helpers work on ASCII case only: Indonesian vocabulary
 * and codes are ASCII, and names are compared after the caller has folded
 * them.
 */
#ifndef PL_UTIL_H
#define PL_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

void *pl_xmalloc(size_t n);
void *pl_xcalloc(size_t n, size_t size);
void *pl_xrealloc(void *p, size_t n);
/* Asks the kernel for the pages of the n bytes at p at once, as memory
 * about to be written. Each page of new memory otherwise costs a page
 * fault when first touched, and on a virtual machine a fault can cost
 * more than filling the page (docs/performance.md: 12 us a page where it
 * was measured, against 3 us populated). pl_xmalloc, pl_xcalloc and
 * pl_grow do it for 128 KiB and more, so what grows large (score's and
 * emit's arrays, arena blocks, the files read ahead) does not fault page
 * by page. */
void pl_populate(void *p, size_t n);
char *pl_xstrdup(const char *s);
char *pl_xstrndup(const char *s, size_t n);

/* Grows an array of *cap elements of size `size` so it holds at least need.
 * Inline, as are the buffer's adds below: they run for every field the
 * writers and the spill handle, and most calls only check the capacity. */
void pl_grow_to(void **arr, size_t *cap, size_t need, size_t size);
static inline void pl_grow(void **arr, size_t *cap, size_t need, size_t size)
{
	if (need > *cap)
		pl_grow_to(arr, cap, need, size);
}

struct pl_buf {
	char *p;     /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};

static inline void pl_buf_add(struct pl_buf *b, const void *data, size_t n)
{
	pl_grow((void **)&b->p, &b->cap, b->len + n + 1, 1);
	if (n)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static inline void pl_buf_adds(struct pl_buf *b, const char *s)
{
	pl_buf_add(b, s, strlen(s));
}

static inline void pl_buf_addc(struct pl_buf *b, char c)
{
	pl_grow((void **)&b->p, &b->cap, b->len + 2, 1);
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}
/* Appends each string up to the NULL that ends the list: for texts made
 * of many pieces, at a fraction of a printf's cost. */
void pl_buf_cat(struct pl_buf *b, ...) __attribute__((sentinel));
/* Appends s padded with spaces to width bytes: after it when left (as
 * printf's "%-*s"), else before it ("%*s"). */
void pl_buf_pad(struct pl_buf *b, const char *s, size_t width, int left);
void pl_buf_printf(struct pl_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void pl_buf_vprintf(struct pl_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void pl_buf_reset(struct pl_buf *b);
void pl_buf_free(struct pl_buf *b);
/* The contents as a C string ("" for an empty buffer). */
const char *pl_buf_str(const struct pl_buf *b);

/* qsort that accepts an empty (NULL) array, which qsort itself must not
 * be given. */
void pl_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/* Returns 1 when s is NULL or holds only ASCII white space (isspace's in
 * the C locale). Inline, and without isspace's table call per byte: it
 * is asked of every answer's level, evidence and verification. */
static inline int pl_is_blank(const char *s)
{
	if (!s)
		return 1;
	for (; *s; s++)
		if (*s != ' ' && (*s < '\t' || *s > '\r'))
			return 0;
	return 1;
}

/* Trims white space (isspace's in the C locale) and makes each inner run
 * of it one space, in place: the string only shrinks. Every field of every
 * record goes through it, so most fields, which need nothing, are passed
 * over 16 bytes at a time by pl_squeeze_any; an empty field, or one of a
 * single byte above ' ' (most of an answer's level and verification), is
 * passed over inline. */
void pl_squeeze_any(char *s);
static inline void pl_squeeze(char *s)
{
	if (!s[0] || ((unsigned char)s[0] > ' ' && !s[1]))
		return;
	pl_squeeze_any(s);
}

enum { PL_INT_BUF = 24 };
/* Writes v in decimal into buf and returns buf: what snprintf's "%lld"
 * writes, at a fraction of its cost, for numbers every record carries. */
char *pl_fmt_int(char buf[PL_INT_BUF], long long v);
/* ASCII lower-casing in place. */
void pl_ascii_lower(char *s);
/* strcmp that accepts NULL, which sorts before every string. */
int pl_strcmp_null(const char *a, const char *b);

#include "pl_banned.h"

#endif
