/*
 * manifest.h: manifest.json, what a run folder holds and where it came
 * from, so the warehouse and an auditor can check a run without trusting
 * the machine that made it (docs/operations.md describes every field).
 *
 * It records the tool version; the methodology folder with every file's
 * size and sha256 and one digest over them; the master list and the
 * vocabulary; every input file with size, sha256 and its record counts
 * from the run's summary.json; every output with size and sha256; the
 * run's start, end and exit status; and the accounting totals. The digest
 * of a methodology folder is the sha256 of its `sha256sum` listing: one
 * line "HEX  PATH" per file, paths relative to the folder in byte order,
 * hidden entries skipped (so `sha256sum` reproduces it).
 *
 * The input files are read again when the manifest is written, after the
 * run: files that changed in between show as such only through their
 * record counts. Uploads are to be made by writing a new file and
 * renaming it, never by rewriting one in place (docs/operations.md).
 *
 * manifest_write returns an exit code (pl_exit.h) and says why in *err:
 * 0; PL_EXIT_NOINPUT when the run folder is missing; PL_EXIT_DATAERR when
 * the run's summary.json is not JSON; PL_EXIT_CANTCREAT when the run
 * folder has a manifest already; PL_EXIT_IOERR when writing failed.
 * Memory: nothing is kept after it returns.
 */
#ifndef MANIFEST_H
#define MANIFEST_H

#include <stddef.h>

#include "pl_util.h"

struct manifest_opts {
	const char *run_dir;
	const char *const *inputs; /* the input folders (or files) of the run */
	size_t ninputs;
	const char *master, *vocabulary, *methodology;
	const char *started, *finished; /* UTC, e.g. 2024-06-01T02:15:00Z */
	int exit_status;
	const char *version; /* the tool's */
};

int manifest_write(const struct manifest_opts *o, struct pl_buf *err);

/* 1 when a file of a run folder is an output the manifest lists: not the
 * run's own records (manifest.json, run.log, status), nor hidden (staging
 * folders and temporary files). */
int manifest_is_output(const char *name);

#endif
