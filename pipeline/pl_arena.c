#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "pl_arena.h"
#include "pl_util.h"

/* Blocks double up to BLOCK_MAX: an arena that holds a whole run's ids
 * takes few large blocks, which come with their pages (pl_populate). */
enum { BLOCK_MIN = 16 * 1024, BLOCK_MAX = 1024 * 1024, ALIGN = 16 };
_Static_assert(offsetof(struct pl_arena_block, data) % ALIGN == 0, "blocks' data aligned");

/* n bytes at the next multiple of align in the newest block, or in a new
 * block when they do not fit. */
static void *bump(struct pl_arena *a, size_t n, size_t align)
{
	struct pl_arena_block *b = a->head;
	size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
	if (!b || at > b->cap || b->cap - at < n) {
		size_t cap = !b ? BLOCK_MIN : b->cap < BLOCK_MAX / 2 ? 2 * b->cap : BLOCK_MAX;
		if (cap < n)
			cap = n;
		b = pl_xmalloc(sizeof *b + cap);
		b->cap = cap;
		b->next = a->head;
		a->head = b;
		at = 0;
	}
	b->used = at + n;
	return b->data + at;
}

void *pl_arena_alloc(struct pl_arena *a, size_t n)
{
	return bump(a, n, ALIGN);
}

/* Strings need no alignment: packed, a record's short fields take a
 * third of the room, and its block can be copied as one (pl_arena_last). */
char *pl_arena_bytes(struct pl_arena *a, size_t n)
{
	return bump(a, n, 1);
}

char *pl_arena_strdup(struct pl_arena *a, const char *s)
{
	return pl_arena_strndup(a, s, strlen(s));
}

const char *pl_arena_last(const struct pl_arena *a, size_t *len)
{
	*len = a->head ? a->head->used : 0;
	return a->head ? (const char *)a->head->data : NULL;
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
