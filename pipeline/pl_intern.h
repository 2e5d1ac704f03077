/*
 * pl_intern.h: one copy of each distinct string, numbered.
 *
 * Records repeat a few strings many times (their file, year, region code,
 * agency): a stage that holds a million records keeps each such string
 * once and a 32-bit number per record. Numbers are given in order of first
 * appearance, from 0.
 *
 * Memory: the table owns its copies; pl_intern_free releases them. A
 * pointer from pl_intern_str stays valid until then.
 */
#ifndef PL_INTERN_H
#define PL_INTERN_H

#include <stddef.h>
#include <stdint.h>

#include "pl_arena.h"

struct pl_intern {
	struct pl_arena text;
	const char **str; /* by number */
	uint64_t *hash;   /* by number */
	uint32_t n, cap;
	uint32_t *slot;   /* open addressing: number + 1, 0 when empty */
	size_t nslot;
	uint32_t last;    /* the number returned last: strings come in runs */
};

/* The number of s (NULL is taken as ""), adding it if new. */
uint32_t pl_intern_add(struct pl_intern *t, const char *s);
/* The number of s, or -1 if it was never added. */
int64_t pl_intern_find(const struct pl_intern *t, const char *s);
static inline const char *pl_intern_str(const struct pl_intern *t, uint32_t i)
{
	return t->str[i];
}
void pl_intern_free(struct pl_intern *t);

/* 64-bit FNV-1a of n bytes, continuing from h (start with PL_HASH_INIT). */
#define PL_HASH_INIT 14695981039346656037ULL
uint64_t pl_hash(uint64_t h, const void *p, size_t n);

#endif
