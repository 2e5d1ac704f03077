/*
 * pl_outdir.h: publishes a folder of outputs all at once or not at all.
 *
 * Files are written into a hidden staging folder beside the target; each is
 * flushed, fsync'ed and closed with every error checked. Only when all of
 * them succeeded is the staging folder renamed to the target, which is
 * atomic on one file system. On any failure pl_outdir_abort removes the
 * staging folder, so a reader never sees half of a run.
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
};

/* Fails if final exists: a run never overwrites another. */
int pl_outdir_begin(struct pl_outdir *o, const char *final, struct pl_buf *err);
FILE *pl_outdir_create(struct pl_outdir *o, const char *name, struct pl_buf *err);
/* Flushes, syncs and closes; -1 if anything written to fp was lost. */
int pl_outdir_close(struct pl_outdir *o, FILE *fp, const char *name, struct pl_buf *err);
int pl_outdir_commit(struct pl_outdir *o, struct pl_buf *err);
/* Removes the staging folder and everything in it. */
void pl_outdir_abort(struct pl_outdir *o);

#endif
