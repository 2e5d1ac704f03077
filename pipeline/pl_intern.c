#include <stdlib.h>
#include <string.h>

#include "pl_intern.h"
#include "pl_util.h"

uint64_t pl_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static int64_t lookup(const struct pl_intern *t, const char *s, uint64_t h, size_t *at)
{
	size_t mask = t->nslot - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		uint32_t v = t->slot[i];
		if (!v) {
			*at = i;
			return -1;
		}
		if (t->hash[v - 1] == h && strcmp(t->str[v - 1], s) == 0)
			return v - 1;
	}
}

static void rehash(struct pl_intern *t)
{
	size_t n = t->nslot ? t->nslot * 2 : 64;
	free(t->slot);
	t->slot = pl_xcalloc(n, sizeof *t->slot);
	t->nslot = n;
	for (uint32_t k = 0; k < t->n; k++) {
		size_t i = (size_t)t->hash[k] & (n - 1);
		while (t->slot[i])
			i = (i + 1) & (n - 1);
		t->slot[i] = k + 1;
	}
}

int64_t pl_intern_find(const struct pl_intern *t, const char *s)
{
	if (!s)
		s = "";
	if (!t->n)
		return -1;
	if (strcmp(t->str[t->last], s) == 0)
		return t->last;
	size_t at;
	return lookup(t, s, pl_hash(PL_HASH_INIT, s, strlen(s)), &at);
}

uint32_t pl_intern_add(struct pl_intern *t, const char *s)
{
	if (!s)
		s = "";
	if (t->n && strcmp(t->str[t->last], s) == 0)
		return t->last;
	if ((size_t)(t->n + 1) * 2 > t->nslot)
		rehash(t);
	size_t len = strlen(s), at;
	uint64_t h = pl_hash(PL_HASH_INIT, s, len);
	int64_t found = lookup(t, s, h, &at);
	if (found >= 0)
		return t->last = (uint32_t)found;
	if (t->n == UINT32_MAX)
		abort(); /* four billion distinct strings: not a run's data */
	if (t->n == t->cap) {
		uint32_t cap = t->cap ? (t->cap > UINT32_MAX / 2 ? UINT32_MAX : t->cap * 2) : 64;
		t->str = pl_xrealloc(t->str, cap * sizeof *t->str);
		t->hash = pl_xrealloc(t->hash, cap * sizeof *t->hash);
		t->cap = cap;
	}
	t->str[t->n] = pl_arena_strndup(&t->text, s, len);
	t->hash[t->n] = h;
	t->slot[at] = t->n + 1;
	return t->last = t->n++;
}

void pl_intern_free(struct pl_intern *t)
{
	pl_arena_free(&t->text);
	free(t->str);
	free(t->hash);
	free(t->slot);
	memset(t, 0, sizeof *t);
}
