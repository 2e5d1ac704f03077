#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "pl_csvread.h"
#include "pl_vocab.h"

char *pl_vocab_fold(const char *s)
{
	char *out = pl_xmalloc(strlen(s) + 1), *o = out;
	for (; *s; s++)
		if (isalnum((unsigned char)*s))
			*o++ = (char)tolower((unsigned char)*s);
	*o = '\0';
	return out;
}

struct loader {
	struct pl_vocab *v;
	const char *path;
	struct pl_buf *err;
	int failed;
};

static int fail(struct loader *ld, unsigned long line, const char *what, const char *arg)
{
	if (!ld->failed) {
		pl_buf_reset(ld->err);
		pl_buf_printf(ld->err, "%s:%lu: %s%s", ld->path, line, what, arg);
	}
	ld->failed = 1;
	return 1;
}

static void add(struct pl_vocab *v, const char *field, const char *value, const char *spelling)
{
	v->e = pl_xrealloc(v->e, (v->n + 1) * sizeof *v->e);
	v->e[v->n].field = pl_xstrdup(field);
	v->e[v->n].value = pl_xstrdup(value);
	v->e[v->n].folded = pl_vocab_fold(spelling);
	v->n++;
}

static int on_row(void *ctx, const struct pl_csv_record *rec)
{
	struct loader *ld = ctx;
	if (rec->error || rec->nf != 3)
		return fail(ld, rec->line, "expected the columns field,value,also", "");
	if (rec->line == 1)
		return 0;
	const char *field = rec->f[0], *value = rec->f[1];
	if (!*field || !*value)
		return fail(ld, rec->line, "field and value are required", "");
	const char *clash = pl_vocab_match(ld->v, field, value);
	if (clash)
		return fail(ld, rec->line, "this spelling already means ", clash);
	add(ld->v, field, value, value);
	char *also = pl_xstrdup(rec->f[2]), *save = NULL;
	for (char *t = strtok_r(also, "|", &save); t; t = strtok_r(NULL, "|", &save)) {
		const char *prev = pl_vocab_match(ld->v, field, t);
		if (prev && strcmp(prev, value) != 0) {
			free(also);
			return fail(ld, rec->line, "a synonym already means ", prev);
		}
		if (!prev)
			add(ld->v, field, value, t);
	}
	free(also);
	return 0;
}

int pl_vocab_load(struct pl_vocab *v, const char *path, struct pl_buf *err)
{
	struct loader ld = {v, path, err, 0};
	struct pl_csv_error cerr;
	if (pl_csv_read(path, NULL, on_row, &ld, &cerr) < 0) {
		pl_buf_reset(err);
		pl_buf_printf(err, "%s: cannot read: %s", path, cerr.message);
		return -1;
	}
	return ld.failed ? -1 : 0;
}

int pl_vocab_controls(const struct pl_vocab *v, const char *field)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->e[i].field, field) == 0)
			return 1;
	return 0;
}

const char *pl_vocab_match(const struct pl_vocab *v, const char *field, const char *written)
{
	char *folded = pl_vocab_fold(written);
	const char *found = NULL;
	for (size_t i = 0; i < v->n && !found; i++)
		if (strcmp(v->e[i].field, field) == 0 && strcmp(v->e[i].folded, folded) == 0)
			found = v->e[i].value;
	free(folded);
	return found;
}

void pl_vocab_accepted(const struct pl_vocab *v, const char *field, struct pl_buf *out)
{
	const char *last = NULL;
	size_t n = 0;
	for (size_t i = 0; i < v->n; i++) {
		if (strcmp(v->e[i].field, field) != 0 || (last && strcmp(last, v->e[i].value) == 0))
			continue;
		/* Entries of one value are adjacent: its spellings follow it. */
		pl_buf_printf(out, "%s%s", n++ ? ", " : "", v->e[i].value);
		last = v->e[i].value;
	}
}

void pl_vocab_free(struct pl_vocab *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free(v->e[i].field);
		free(v->e[i].value);
		free(v->e[i].folded);
	}
	free(v->e);
	v->e = NULL;
	v->n = 0;
}
