#include <stdint.h>
#include <string.h>

#include "pl_groupbytes.h"

/* Where the strings passed in bulk are: the span, and the shared bytes
 * that follow it in the encoding. */
struct bulk {
	const char *span, *shared;
	size_t nspan, nshared;
};

/* Appends row r; a field's code (see pl_groupbytes.h): 0 missing, odd a
 * place in the span and shared bytes, even the length of the string that
 * follows. One pass: room for every code is made at once, and a string
 * made elsewhere (a few per record) makes room for itself. */
static void encode_row(struct pl_buf *b, const struct bulk *k, const struct pl_row *r)
{
	size_t nf = pl_schema_of(r->kind)->nf;
	pl_grow((void **)&b->p, &b->cap, b->len + nf * sizeof(uint32_t) + 1, 1);
	char *p = b->p + b->len;
	for (size_t i = 0; i < nf; i++) {
		const char *s = r->f[i];
		uint32_t code = 0;
		size_t len = 0;
		if (s && (uintptr_t)s - (uintptr_t)k->span < k->nspan) {
			code = (uint32_t)((s - k->span) << 1 | 1);
		} else if (s && (uintptr_t)s - (uintptr_t)k->shared < k->nshared) {
			code = (uint32_t)((k->nspan + (size_t)(s - k->shared)) << 1 | 1);
		} else if (s) {
			len = strlen(s) + 1;
			code = (uint32_t)(len << 1);
			size_t at = (size_t)(p - b->p);
			pl_grow((void **)&b->p, &b->cap, at + len + (nf - i) * sizeof code + 1, 1);
			p = b->p + at;
		}
		memcpy(p, &code, sizeof code);
		p += sizeof code;
		if (len) {
			memcpy(p, s, len);
			p += len;
		}
	}
	b->len = (size_t)(p - b->p);
	b->p[b->len] = '\0'; /* as pl_buf keeps it */
}

void pl_group_encode(struct pl_buf *b, const struct pl_group *g)
{
	/* Places are coded in 31 bits; larger bulk bytes (never from a record
	 * within the limits of pl_csvread.h) are not used. */
	struct bulk k = {g->span, g->shared, g->span ? g->nspan : 0, g->shared ? g->nshared : 0};
	if (k.nspan + k.nshared >= (size_t)1 << 31)
		k.nspan = k.nshared = 0;
	uint32_t head[5] = {(uint32_t)g->head.kind, (uint32_t)g->normalized, (uint32_t)g->nans,
			    (uint32_t)g->nraw, (uint32_t)(k.nspan + k.nshared)};
	pl_buf_add(b, head, sizeof head);
	pl_buf_add(b, k.span, k.nspan);
	pl_buf_add(b, k.shared, k.nshared);
	encode_row(b, &k, &g->head);
	for (size_t i = 0; i < g->nans; i++)
		encode_row(b, &k, &g->ans[i]);
	for (size_t i = 0; i < g->nraw; i++)
		encode_row(b, &k, &g->raw[i]);
}

static char *decode_row(struct pl_row *r, char *span, char *p)
{
	size_t nf = pl_schema_of(r->kind)->nf;
	for (size_t i = 0; i < nf; i++) {
		uint32_t code;
		memcpy(&code, p, sizeof code);
		p += sizeof code;
		if (code & 1) {
			r->f[i] = span + (code >> 1);
		} else if (code) {
			r->f[i] = p;
			p += code >> 1;
		}
	}
	return p;
}

char *pl_group_decode(struct pl_group *g, char *p)
{
	uint32_t head[5];
	memcpy(head, p, sizeof head);
	p += sizeof head;
	pl_group_start(g, (enum pl_kind)head[0]);
	g->normalized = (enum pl_normalized)head[1];
	char *span = p;
	p += head[4];
	if (head[4]) {
		g->span = span;
		g->nspan = head[4];
	}
	p = decode_row(&g->head, span, p);
	for (uint32_t i = 0; i < head[2]; i++)
		p = decode_row(pl_group_add_ans(g), span, p);
	for (uint32_t i = 0; i < head[3]; i++)
		p = decode_row(pl_group_add_raw(g), span, p);
	return p;
}
