#include <stdlib.h>
#include <string.h>

#include "pl_csvread.h"
#include "pl_intern.h"
#include "pl_vocab.h"

/* A byte as folding keeps it, or 0 when folding drops it. ASCII by hand:
 * what isalnum and tolower do in the C locale the program runs in,
 * without a call per byte. */
static char folded(char c)
{
	if (c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
		return c;
	return 0;
}

/* Folds s into out, which has room for strlen(s) + 1 bytes. */
static void fold(const char *s, char *out)
{
	char *o = out;
	for (; *s; s++) {
		char c = folded(*s);
		if (c)
			*o++ = c;
	}
	*o = '\0';
}

uint64_t pl_vocab_fold_hash(uint64_t h, const char *s)
{
	for (; *s; s++) {
		char c = folded(*s);
		if (c)
			h = pl_hash(h, &c, 1);
	}
	return h;
}

char *pl_vocab_fold(const char *s)
{
	char *out = pl_xmalloc(strlen(s) + 1);
	fold(s, out);
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

static int cmp_folded(const void *a, const void *b)
{
	const struct pl_vocab_entry *x = *(const struct pl_vocab_entry *const *)a;
	const struct pl_vocab_entry *y = *(const struct pl_vocab_entry *const *)b;
	int c = strcmp(x->folded, y->folded);
	return c ? c : (x > y) - (x < y); /* the entries are in file order */
}

static void index_fields(struct pl_vocab *v)
{
	for (size_t i = 0; i < v->n; i++) {
		struct pl_vocab_field *f = NULL;
		for (size_t k = 0; !f && k < v->nfields; k++)
			if (strcmp(v->fields[k].name, v->e[i].field) == 0)
				f = &v->fields[k];
		if (!f) {
			v->fields = pl_xrealloc(v->fields, (v->nfields + 1) * sizeof *v->fields);
			f = &v->fields[v->nfields++];
			*f = (struct pl_vocab_field){.name = v->e[i].field};
		}
		f->by_folded = pl_xrealloc(f->by_folded, (f->n + 1) * sizeof *f->by_folded);
		f->by_folded[f->n++] = &v->e[i];
	}
	for (size_t k = 0; k < v->nfields; k++)
		pl_sort(v->fields[k].by_folded, v->fields[k].n, sizeof *v->fields[k].by_folded,
			cmp_folded);
}

static void drop_index(struct pl_vocab *v)
{
	for (size_t k = 0; k < v->nfields; k++)
		free(v->fields[k].by_folded);
	free(v->fields);
	v->fields = NULL;
	v->nfields = 0;
}

int pl_vocab_load(struct pl_vocab *v, const char *path, struct pl_buf *err)
{
	struct loader ld = {v, path, err, 0};
	drop_index(v); /* a second table moves the entries */
	struct pl_csv_error cerr;
	if (pl_csv_read(path, NULL, on_row, &ld, &cerr) < 0) {
		pl_buf_reset(err);
		pl_buf_printf(err, "%s: cannot read: %s", path, cerr.message);
		return -1;
	}
	if (ld.failed)
		return -1;
	index_fields(v);
	return 0;
}

static const struct pl_vocab_field *find_field(const struct pl_vocab *v, const char *field)
{
	for (size_t k = 0; k < v->nfields; k++)
		if (strcmp(v->fields[k].name, field) == 0)
			return &v->fields[k];
	return NULL;
}

int pl_vocab_controls(const struct pl_vocab *v, const char *field)
{
	if (v->fields)
		return find_field(v, field) != NULL;
	for (size_t i = 0; i < v->n; i++) /* still loading */
		if (strcmp(v->e[i].field, field) == 0)
			return 1;
	return 0;
}

static const char *search(const struct pl_vocab *v, const char *field, const char *folded)
{
	if (!v->fields) { /* still loading: the loader checks each spelling */
		for (size_t i = 0; i < v->n; i++)
			if (strcmp(v->e[i].field, field) == 0 && strcmp(v->e[i].folded, folded) == 0)
				return v->e[i].value;
		return NULL;
	}
	const struct pl_vocab_field *f = find_field(v, field);
	if (!f)
		return NULL;
	size_t lo = 0, hi = f->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(f->by_folded[mid]->folded, folded) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < f->n && strcmp(f->by_folded[lo]->folded, folded) == 0)
		return f->by_folded[lo]->value;
	return NULL;
}

const char *pl_vocab_match(const struct pl_vocab *v, const char *field, const char *written)
{
	/* Fold on the stack when it fits: this runs per field per record. */
	char buf[256];
	size_t len = strlen(written);
	char *folded = len < sizeof buf ? buf : pl_xmalloc(len + 1);
	fold(written, folded);
	const char *found = search(v, field, folded);
	if (folded != buf)
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
	drop_index(v);
	free(v->e);
	v->e = NULL;
	v->n = 0;
}
