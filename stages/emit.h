/*
 * emit.h: the last stage. Checks that nothing was lost, then publishes the
 * run's outputs into one folder, all at once or not at all.
 *
 * Files (docs/outputs.md has every column): regions.csv, innovations.csv,
 * rejects.csv, warnings.csv, files.csv (per-file accounting), summary.txt
 * and summary.json. Data files hold no time stamps or host names, and every
 * file is sorted, so the same inputs give byte-identical outputs.
 *
 * The accounting check: for every input file, records read = used +
 * rejected + superseded, where used counts innovation records scored,
 * ditolak or excluded and SPD records used. If it fails, emit publishes
 * nothing and finish returns -1 with PL_EXIT_SOFTWARE: losing a record is a
 * bug, never a data problem.
 */
#ifndef EMIT_H
#define EMIT_H

#include "pl_stage.h"

struct emit_opts {
	const char *out_dir; /* must not exist yet */
};

struct pl_stage emit_new(struct pl_ctx *ctx, const struct emit_opts *opts);

#endif
