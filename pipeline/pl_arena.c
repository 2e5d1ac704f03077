#include <stdlib.h>
#include <string.h>

#include "pl_arena.h"
#include "pl_util.h"

enum { BLOCK_MIN = 16 * 1024, ALIGN = 16 };

struct pl_arena_block {
	struct pl_arena_block *next;
	size_t used;
	size_t cap;
	_Alignas(ALIGN) unsigned char data[];
};

void *pl_arena_alloc(struct pl_arena *a, size_t n)
{
	size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	struct pl_arena_block *b = a->head;
	if (!b || b->cap - b->used < need) {
		size_t cap = need > BLOCK_MIN ? need : BLOCK_MIN;
		b = pl_xmalloc(sizeof *b + cap);
		b->used = 0;
		b->cap = cap;
		b->next = a->head;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += need;
	return p;
}

char *pl_arena_strndup(struct pl_arena *a, const char *s, size_t n)
{
	char *d = pl_arena_alloc(a, n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *pl_arena_strdup(struct pl_arena *a, const char *s)
{
	return pl_arena_strndup(a, s, strlen(s));
}

void pl_arena_reset(struct pl_arena *a)
{
	/* Keep the oldest block (the last in the list), free the rest. */
	struct pl_arena_block *b = a->head, *keep = NULL;
	while (b) {
		struct pl_arena_block *next = b->next;
		if (!next) {
			keep = b;
			break;
		}
		free(b);
		b = next;
	}
	if (keep)
		keep->used = 0;
	a->head = keep;
}

void pl_arena_free(struct pl_arena *a)
{
	struct pl_arena_block *b = a->head;
	while (b) {
		struct pl_arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}
