#include <stdlib.h>
#include <string.h>

#include "pl_data.h"
#include "pl_headers.h"

static int is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Folds s[0..n), leaving out parenthesized parts when drop_parens. */
static void fold(const char *s, size_t n, int drop_parens, struct pl_buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	int gap = 0, depth = 0;
	unsigned char prev = 0; /* last byte written */
	pl_buf_reset(out);
	pl_buf_add(out, "", 0);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];
		if (drop_parens && c == '(') {
			depth++;
			gap = 1;
			continue;
		}
		if (drop_parens && c == ')' && depth) {
			depth--;
			gap = 1;
			continue;
		}
		if (depth)
			continue;
		/* Excel likes a no-break space (U+00A0, C2 A0 in UTF-8). */
		if (c == 0xC2 && i + 1 < n && p[i + 1] == 0xA0) {
			i++;
			gap = 1;
			continue;
		}
		if (!is_alpha(c) && !is_digit(c) && c < 0x80) {
			gap = 1;
			continue;
		}
		if (out->len && (gap || (is_alpha(prev) && is_digit(c))))
			pl_buf_addc(out, '_');
		gap = 0;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		pl_buf_addc(out, (char)c);
		prev = c;
	}
}

void pl_header_fold(const char *name, struct pl_buf *out)
{
	size_t n = strlen(name);
	fold(name, n, 1, out);
	if (out->len == 0)
		fold(name, n, 0, out); /* a name that is all parentheses */
}

/* A row id: 1-3 digits, then at most one lower-case letter. */
static int is_row(const char *s)
{
	size_t d = 0;
	while (is_digit((unsigned char)s[d]))
		d++;
	if (d == 0 || d > 3)
		return 0;
	if (s[d] >= 'a' && s[d] <= 'z')
		d++;
	return s[d] == '\0';
}

static const char ROW[] = "<row>";

static int ends_with_row(const char *s, size_t n)
{
	return n >= sizeof ROW - 1 && memcmp(s + n - (sizeof ROW - 1), ROW, sizeof ROW - 1) == 0;
}

/* Used while the table is loaded, before it is sorted. */
static const struct pl_header_entry *find(const struct pl_headers *h, const char *variant,
					  int pattern)
{
	for (size_t i = 0; i < h->n; i++)
		if (h->e[i].pattern == pattern && strcmp(h->e[i].variant, variant) == 0)
			return &h->e[i];
	return NULL;
}

/* The order of a loaded table: names, then patterns, each by variant. */
static int cmp_entry(const void *a, const void *b)
{
	const struct pl_header_entry *x = a, *y = b;
	if (x->pattern != y->pattern)
		return x->pattern - y->pattern;
	return strcmp(x->variant, y->variant);
}

/* Searches the sorted table for the first m bytes of s (no NUL among
 * them) as a variant. A loaded table holds each (pattern, variant) once,
 * so this finds what a search in the order of the lines would. */
static const struct pl_header_entry *lookup(const struct pl_headers *h, const char *s,
					    size_t m, int pattern)
{
	size_t lo = 0, hi = h->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct pl_header_entry *e = &h->e[mid];
		int r = pattern - e->pattern;
		if (r == 0) {
			r = strncmp(s, e->variant, m);
			if (r == 0 && e->variant[m])
				r = -1;
		}
		if (r == 0)
			return e;
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Adds variant -> canonical, both already in table form. */
static int add(struct pl_headers *h, const char *variant, const char *canonical, int pattern,
	       unsigned long line, struct pl_buf *err)
{
	const struct pl_header_entry *old = find(h, variant, pattern);
	if (old) {
		if (strcmp(old->canonical, canonical) == 0)
			return 0;
		pl_buf_printf(err, "line %lu: '%s' means both %s and %s", line, variant,
			      old->canonical, canonical);
		return -1;
	}
	pl_grow((void **)&h->e, &h->cap, h->n + 1, sizeof *h->e);
	struct pl_header_entry *e = &h->e[h->n++];
	e->variant = pl_xstrdup(variant);
	e->canonical = pl_xstrdup(canonical);
	e->pattern = pattern;
	return 0;
}

/* Folds one side of a table line; a pattern keeps its "<row>" apart: the
 * folded part before it, with a "_" to join the row. */
static int table_name(const char *s, size_t n, struct pl_buf *out)
{
	int pattern = ends_with_row(s, n);
	if (pattern)
		n -= sizeof ROW - 1;
	fold(s, n, 0, out);
	if (pattern && out->len)
		pl_buf_addc(out, '_');
	return pattern;
}

static int parse_line(struct pl_headers *h, const char *s, size_t n, unsigned long line,
		      struct pl_buf *err)
{
	const char *comma = memchr(s, ',', n);
	if (!comma || memchr(comma + 1, ',', n - (size_t)(comma + 1 - s))) {
		pl_buf_printf(err, "line %lu: expected canonical,variant", line);
		return -1;
	}
	struct pl_buf canon = {0}, variant = {0};
	int cp = table_name(s, (size_t)(comma - s), &canon);
	int vp = table_name(comma + 1, n - (size_t)(comma + 1 - s), &variant);
	int rc = 0;
	if (!canon.len || !variant.len) {
		pl_buf_printf(err, "line %lu: an empty name", line);
		rc = -1;
	} else if (cp != vp) {
		pl_buf_printf(err, "line %lu: <row> on one side only", line);
		rc = -1;
	} else {
		rc = add(h, canon.p, canon.p, cp, line, err);
		if (rc == 0)
			rc = add(h, variant.p, canon.p, vp, line, err);
	}
	pl_buf_free(&canon);
	pl_buf_free(&variant);
	return rc;
}

int pl_headers_load(struct pl_headers *h, const char *text, size_t len, struct pl_buf *err)
{
	memset(h, 0, sizeof *h);
	unsigned long line = 0;
	int seen_header = 0;
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;
		const char *s = text + i;
		i += n + (nl != NULL);
		line++;
		if (n && s[n - 1] == '\r')
			n--;
		if (n == 0 || s[0] == '#')
			continue;
		if (!seen_header) {
			seen_header = 1;
			if (n == strlen("canonical,variant") && memcmp(s, "canonical,variant", n) == 0)
				continue;
			pl_buf_printf(err, "line %lu: the first line must be canonical,variant", line);
			pl_headers_free(h);
			return -1;
		}
		if (parse_line(h, s, n, line, err) < 0) {
			pl_headers_free(h);
			return -1;
		}
	}
	/* Every file's every column is looked up: by bisection. */
	if (h->n)
		qsort(h->e, h->n, sizeof *h->e, cmp_entry);
	return 0;
}

void pl_headers_free(struct pl_headers *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->e[i].variant);
		free(h->e[i].canonical);
	}
	free(h->e);
	memset(h, 0, sizeof *h);
}

const struct pl_headers *pl_headers_default(struct pl_buf *err)
{
	/* Loaded once per process and kept: the table never changes. */
	static struct pl_headers table;
	static int state; /* 0 not tried, 1 loaded, -1 failed */
	if (state == 0) {
		struct pl_buf why = {0};
		state = pl_headers_load(&table, pl_data_headers_csv, pl_data_headers_csv_len,
					&why) == 0 ? 1 : -1;
		if (state < 0 && err)
			pl_buf_printf(err, "pipeline/data/headers.csv: %s", pl_buf_str(&why));
		pl_buf_free(&why);
	}
	return state > 0 ? &table : NULL;
}

int pl_headers_map(const struct pl_headers *h, const char *name, struct pl_buf *out)
{
	pl_header_fold(name, out);
	const struct pl_header_entry *e = lookup(h, out->p, out->len, 0);
	if (e) {
		pl_buf_reset(out);
		pl_buf_adds(out, e->canonical);
		return 1;
	}
	/* A pattern's variant ends with the "_" before the row, and a row
	 * holds no "_": only the part up to the last "_" can match. */
	const char *us = strrchr(out->p, '_');
	if (!us || !is_row(us + 1))
		return 0;
	size_t m = (size_t)(us + 1 - out->p);
	e = lookup(h, out->p, m, 1);
	if (!e)
		return 0;
	char row[8]; /* is_row: at most 3 digits and a letter */
	memcpy(row, us + 1, out->len - m + 1);
	pl_buf_reset(out);
	pl_buf_adds(out, e->canonical);
	pl_buf_adds(out, row);
	return 1;
}
