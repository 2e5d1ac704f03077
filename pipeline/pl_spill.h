/*
 * pl_spill.h: records kept on disk until the end of a run, so that what a
 * stage must hold per innovation stays a few dozen bytes in memory.
 *
 * score and emit can only finish once every record has arrived (the latest
 * copy of an innovation wins; innovations.csv is sorted), but they need
 * most of a record's text only once more, at the end. A spill is an
 * append-only temporary file of such records: a record is some strings and
 * an optional block of bytes, added once and read back by its offset, in
 * any order. Reads go through a small cache of blocks, so reading back in
 * roughly the order of writing costs one read per few blocks, and memory
 * is bounded by the cache, not by the file.
 *
 * The file is created in $TMPDIR (else /tmp) and unlinked at once: it
 * never outlives the process, even one killed with -9.
 *
 * Memory: the spill owns its buffers and descriptor; pl_spill_close
 * releases them. Strings returned by pl_spill_read stay valid until the
 * next pl_spill_read or pl_spill_add on the same spill.
 *
 * Errors: functions return -1 with the reason in s->err (a disk that
 * filled up, a temporary folder that cannot be written).
 */
#ifndef PL_SPILL_H
#define PL_SPILL_H

#include <stddef.h>
#include <stdint.h>

#include "pl_util.h"

/* Reads are cached in PL_SPILL_SLOTS blocks of PL_SPILL_BLOCK bytes
 * (4 MiB), block b in slot b % PL_SPILL_SLOTS. A miss reads one block, so
 * that reading records in a random order within a few MiB (score reads
 * its records back region by region in the order of their ids, which
 * jumps among the region's files) copies little more than it uses; a miss
 * at the block after the last one read reads PL_SPILL_AHEAD blocks at
 * once, so that reading in order (emit's rows) takes few calls. With 16
 * blocks of 256 KiB, any record read after its block was evicted cost
 * 256 KiB: at 1M innovations score read its 334 MB spill back as 3.4 GB. */
enum { PL_SPILL_BLOCK = 16 * 1024, PL_SPILL_SLOTS = 256, PL_SPILL_AHEAD = 16 };

struct pl_spill {
	int fd;
	int open;         /* fd is open and this spill's own */
	uint64_t size;    /* bytes written to the file */
	struct pl_buf out; /* added but not yet written */
	char *cache;       /* PL_SPILL_SLOTS blocks, one after another */
	uint64_t slot_block[PL_SPILL_SLOTS]; /* the block a slot holds, or UINT64_MAX */
	uint32_t slot_len[PL_SPILL_SLOTS];   /* its bytes: short at the end of the file */
	uint64_t next_block; /* the block after the last one read */
	struct pl_buf big;  /* a record that crosses more than one block boundary */
	const char **strs;  /* the strings of the last record read */
	size_t nstrs;
	struct pl_buf dir; /* where the file is, for messages */
	struct pl_buf err;
};

/* Creates the temporary file. On failure too, pl_spill_close frees what
 * the reason is kept in. */
int pl_spill_open(struct pl_spill *s);
/* Appends a record of nstr strings (NULL is kept as "") and nextra bytes;
 * *off receives its offset for pl_spill_read. */
int pl_spill_add(struct pl_spill *s, const char *const *str, size_t nstr, const void *extra,
		 size_t nextra, uint64_t *off);
/* Reads the record at off (an offset pl_spill_add gave): *str receives an
 * array of its nstr strings, *extra and *nextra its bytes (either may be
 * NULL when not wanted). nstr must be what the record was added with. */
int pl_spill_read(struct pl_spill *s, uint64_t off, size_t nstr, const char *const **str,
		  const void **extra, size_t *nextra);
/* Makes r a second reader of s's records, with a cache of its own, so
 * that another thread can read while s is read (never added to) by its
 * own. r shares s's file: close r before s. */
int pl_spill_reader(struct pl_spill *r, struct pl_spill *s);
void pl_spill_close(struct pl_spill *s);

#endif
