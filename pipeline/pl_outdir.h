/*
 * pl_outdir.h: publishes a folder of outputs all at once or not at all.
 *
 * Files are written into a hidden staging folder beside the target; each is
 * flushed, fsync'ed and closed with every error checked. Only when all of
 * them succeeded is the staging folder renamed to the target, which is
 * atomic on one file system. On any failure pl_outdir_abort removes the
 * staging folder, so a reader never sees half of a run.
 *
 * A run folder that run.sh prepared (holding its status and log) cannot be
 * renamed into place: pl_outdir_begin_into stages inside it instead, and
 * commit moves the files in one by one, never replacing one that exists.
 * Readers then learn that the run is complete from the folder's status
 * and from OUT/latest (docs/operations.md), not from the files appearing.
 *
 * Errors: functions return -1 (or NULL) with the reason in *err.
 */
#ifndef PL_OUTDIR_H
#define PL_OUTDIR_H

#include <stdio.h>

#include "pl_util.h"

struct pl_outdir {
	char *final;
	char *tmp;
	int into; /* final existed: commit moves files into it */
};

/* Fails if final exists: a run never overwrites another. */
int pl_outdir_begin(struct pl_outdir *o, const char *final, struct pl_buf *err);
/* Publishes into the existing folder dir: stages in a hidden folder inside
 * it; commit fails (and removes what it moved) if a file of the same name
 * is already there. */
int pl_outdir_begin_into(struct pl_outdir *o, const char *dir, struct pl_buf *err);
FILE *pl_outdir_create(struct pl_outdir *o, const char *name, struct pl_buf *err);
/* Flushes, syncs and closes; -1 if anything written to fp was lost. */
int pl_outdir_close(struct pl_outdir *o, FILE *fp, const char *name, struct pl_buf *err);
/* Adds name.gz, a deterministic gzip copy (pl_gzip.h) of the closed file
 * name, at level 1-9. */
int pl_outdir_gzip(struct pl_outdir *o, const char *name, int level, struct pl_buf *err);
/* Adds dst, a deterministic gzip copy of the closed file src, at level
 * 1-9: for a copy whose content differs from the file published under
 * the plain name (the warehouse's raw values beside the people's file). */
int pl_outdir_gzip_as(struct pl_outdir *o, const char *src, const char *dst, int level,
		      struct pl_buf *err);
/* Removes the staged file name (a scratch file that must not be
 * published). */
int pl_outdir_remove(struct pl_outdir *o, const char *name, struct pl_buf *err);
int pl_outdir_commit(struct pl_outdir *o, struct pl_buf *err);
/* Removes the staging folder and everything in it. */
void pl_outdir_abort(struct pl_outdir *o);

#endif
