#include <stdlib.h>
#include <string.h>

#include "pl_tally.h"

static struct pl_tally_file *find(struct pl_tally *t, const char *file)
{
	if (t->last < t->n && strcmp(t->f[t->last].file, file) == 0)
		return &t->f[t->last];
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(t->f[mid].file, file);
		if (c == 0) {
			t->last = mid;
			return &t->f[mid];
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	pl_grow((void **)&t->f, &t->cap, t->n + 1, sizeof *t->f);
	memmove(&t->f[lo + 1], &t->f[lo], (t->n - lo) * sizeof *t->f);
	memset(&t->f[lo], 0, sizeof *t->f);
	t->f[lo].file = pl_xstrdup(file);
	t->n++;
	t->last = lo;
	return &t->f[lo];
}

void pl_tally_count(struct pl_tally *t, const char *file, enum pl_tally_what what)
{
	find(t, file)->n[what]++;
}

int pl_tally_send(const struct pl_tally *t, const char *stage, struct pl_sink sink,
		  struct pl_group *g)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct pl_tally_file *f = &t->f[i];
		pl_group_start(g, PL_KIND_ACCT);
		pl_set(g, &g->head, PL_ACCT_STAGE, stage);
		pl_set(g, &g->head, PL_ACCT_FILE, f->file);
		char n[PL_INT_BUF];
		pl_set(g, &g->head, PL_ACCT_IN, pl_fmt_int(n, f->n[PL_TALLY_IN]));
		pl_set(g, &g->head, PL_ACCT_OUT, pl_fmt_int(n, f->n[PL_TALLY_OUT]));
		pl_set(g, &g->head, PL_ACCT_REJECTED, pl_fmt_int(n, f->n[PL_TALLY_REJECTED]));
		pl_set(g, &g->head, PL_ACCT_SUPERSEDED, pl_fmt_int(n, f->n[PL_TALLY_SUPERSEDED]));
		if (sink.put(sink.self, g) < 0)
			return -1;
	}
	return 0;
}

void pl_tally_free(struct pl_tally *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->f[i].file);
	free(t->f);
	memset(t, 0, sizeof *t);
}
