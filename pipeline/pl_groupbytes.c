#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pl_groupbytes.h"

/* The widest schema has fewer fields than this. */
enum { MAX_FIELDS = 32 };

static void encode_row(struct pl_buf *b, const struct pl_row *r)
{
	size_t nf = pl_schema_of(r->kind)->nf;
	uint32_t len[MAX_FIELDS];
	if (nf > MAX_FIELDS)
		abort(); /* a schema outgrew MAX_FIELDS */
	size_t total = 0;
	for (size_t i = 0; i < nf; i++) {
		len[i] = r->f[i] ? (uint32_t)strlen(r->f[i]) + 1 : 0;
		total += sizeof len[i] + len[i];
	}
	pl_grow((void **)&b->p, &b->cap, b->len + total + 1, 1);
	char *p = b->p + b->len;
	for (size_t i = 0; i < nf; i++) {
		memcpy(p, &len[i], sizeof len[i]);
		p += sizeof len[i];
		if (len[i])
			memcpy(p, r->f[i], len[i]);
		p += len[i];
	}
	b->len += total;
	b->p[b->len] = '\0'; /* as pl_buf keeps it */
}

void pl_group_encode(struct pl_buf *b, const struct pl_group *g)
{
	uint32_t head[4] = {(uint32_t)g->head.kind, (uint32_t)g->normalized, (uint32_t)g->nans,
			    (uint32_t)g->nraw};
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
		uint32_t len;
		memcpy(&len, p, sizeof len);
		p += sizeof len;
		if (len)
			r->f[i] = p;
		p += len;
	}
	return p;
}

char *pl_group_decode(struct pl_group *g, char *p)
{
	uint32_t head[4];
	memcpy(head, p, sizeof head);
	p += sizeof head;
	pl_group_start(g, (enum pl_kind)head[0]);
	g->normalized = (enum pl_normalized)head[1];
	p = decode_row(&g->head, p);
	for (uint32_t i = 0; i < head[2]; i++)
		p = decode_row(pl_group_add_ans(g), p);
	for (uint32_t i = 0; i < head[3]; i++)
		p = decode_row(pl_group_add_raw(g), p);
	return p;
}
