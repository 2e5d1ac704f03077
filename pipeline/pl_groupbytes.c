#include <stdint.h>
#include <string.h>

#include "pl_groupbytes.h"

static void encode_row(struct pl_buf *b, const struct pl_row *r)
{
	size_t nf = pl_schema_of(r->kind)->nf;
	for (size_t i = 0; i < nf; i++) {
		const char *f = r->f[i];
		size_t n = f ? strlen(f) + 1 : 0;
		pl_grow((void **)&b->p, &b->cap, b->len + n + 2, 1);
		b->p[b->len++] = f != NULL;
		if (n)
			memcpy(b->p + b->len, f, n);
		b->len += n;
	}
	b->p[b->len] = '\0'; /* as pl_buf keeps it */
}

void pl_group_encode(struct pl_buf *b, const struct pl_group *g)
{
	uint32_t head[3] = {(uint32_t)g->head.kind, (uint32_t)g->nans, (uint32_t)g->nraw};
	pl_buf_add(b, head, sizeof head);
	encode_row(b, &g->head);
	for (size_t i = 0; i < g->nans; i++)
		encode_row(b, &g->ans[i]);
	for (size_t i = 0; i < g->nraw; i++)
		encode_row(b, &g->raw[i]);
}

static char *decode_row(struct pl_row *r, char *p)
{
	size_t nf = pl_schema_of(r->kind)->nf;
	for (size_t i = 0; i < nf; i++) {
		if (!*p++)
			continue;
		r->f[i] = p;
		p += strlen(p) + 1;
	}
	return p;
}

char *pl_group_decode(struct pl_group *g, char *p)
{
	uint32_t head[3];
	memcpy(head, p, sizeof head);
	p += sizeof head;
	pl_group_start(g, (enum pl_kind)head[0]);
	p = decode_row(&g->head, p);
	for (uint32_t i = 0; i < head[1]; i++)
		p = decode_row(pl_group_add_ans(g), p);
	for (uint32_t i = 0; i < head[2]; i++)
		p = decode_row(pl_group_add_raw(g), p);
	return p;
}
