#include <stdlib.h>
#include <string.h>

#include "pl_csvread.h"
#include "pl_intern.h"
#include "pl_vocab.h"

/* Each byte as folding keeps it, or 0 when folding drops it: what isalnum
 * and tolower do in the C locale the program runs in, by table, as every
 * byte of every innovation's name and agency is folded. */
static const char fold_table[256] = {
    ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4', ['5'] = '5', ['6'] = '6',
    ['7'] = '7', ['8'] = '8', ['9'] = '9', ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd',
    ['E'] = 'e', ['F'] = 'f', ['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j', ['K'] = 'k',
    ['L'] = 'l', ['M'] = 'm', ['N'] = 'n', ['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r',
    ['S'] = 's', ['T'] = 't', ['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y',
    ['Z'] = 'z', ['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e', ['f'] = 'f',
    ['g'] = 'g', ['h'] = 'h', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k', ['l'] = 'l', ['m'] = 'm',
    ['n'] = 'n', ['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't',
    ['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y', ['z'] = 'z',
};

static char folded(char c)
{
	return fold_table[(unsigned char)c];
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
	/* The folded bytes eight at a time: score hashes every innovation's
	 * name and agency, and a multiplication per byte was 760
	 * instructions an innovation. A folded byte is never 0, so a short
	 * last word cannot pass for a longer one. */
	uint64_t w = 0;
	unsigned k = 0;
	for (; *s; s++) {
		char c = folded(*s);
		if (!c)
			continue;
		w |= (uint64_t)(unsigned char)c << (8 * k);
		if (++k == 8) {
			h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
			h ^= h >> 32;
			w = 0;
			k = 0;
		}
	}
	h = (h ^ w) * 0xC2B2AE3D27D4EB4FULL;
	return h ^ (h >> 29);
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
