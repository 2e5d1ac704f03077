/*
 * pl_arena.h: a bump allocator for the strings of one record.
 *
 * A record's fields are allocated from its arena and freed together with
 * pl_arena_reset (keeps the first block for the next record) or
 * pl_arena_free. Nothing allocated from an arena is freed on its own.
 * pl_arena_alloc aligns for any object; strings are packed without gaps.
 */
#ifndef PL_ARENA_H
#define PL_ARENA_H

#include <stddef.h>
#include <string.h>

/* Defined here for the inline pl_arena_strndup; only pl_arena.c makes
 * blocks. */
struct pl_arena_block {
	struct pl_arena_block *next;
	size_t used;
	size_t cap;
	_Alignas(16) unsigned char data[];
};

struct pl_arena {
	struct pl_arena_block *head;
};

void *pl_arena_alloc(struct pl_arena *a, size_t n);
/* n bytes, unaligned, for strings: in the newest block, or in a new one. */
char *pl_arena_bytes(struct pl_arena *a, size_t n);
/* Inline for the room left in the newest block: the parser copies every
 * field of every record through it. */
static inline char *pl_arena_strndup(struct pl_arena *a, const char *s, size_t n)
{
	struct pl_arena_block *b = a->head;
	char *d;
	if (b && b->cap - b->used > n) {
		d = (char *)b->data + b->used;
		b->used += n + 1;
	} else {
		d = pl_arena_bytes(a, n + 1);
	}
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}
char *pl_arena_strdup(struct pl_arena *a, const char *s);
/* The newest block's bytes so far (*len of them; NULL when the arena is
 * empty): everything allocated since the last reset, unless it outgrew
 * the block. Valid until the next allocation or reset. */
const char *pl_arena_last(const struct pl_arena *a, size_t *len);
void pl_arena_reset(struct pl_arena *a);
void pl_arena_free(struct pl_arena *a);

#endif
