/*
 * emit.h: the last stage. Checks that nothing was lost, then publishes the
 * run's outputs into one folder, all at once or not at all.
 *
 * Files (docs/outputs.md has every column): regions.csv, innovations.csv,
 * rejects.csv, warnings.csv, files.csv (per-file accounting), summary.txt,
 * summary.json and report.html (the report for people, docs/report.md).
 * Data files hold no time stamps or host names, and every file is sorted,
 * so the same inputs give byte-identical outputs.
 *
 * The accounting check: for every input file, records read = used +
 * rejected + superseded, where used counts innovation records scored,
 * ditolak or excluded and SPD records used. If it fails, emit publishes
 * nothing and finish returns -1 with PL_EXIT_SOFTWARE: losing a record is a
 * bug, never a data problem.
 *
 * A zero-initialised emit_opts (besides out_dir) means: create out_dir, no
 * gzip copies, no reject policy.
 */
#ifndef EMIT_H
#define EMIT_H

#include "pl_stage.h"

struct emit_opts {
	const char *out_dir; /* must not exist yet, unless into is set */
	/* out_dir exists (run.sh's run folder): the outputs are moved into it,
	 * never replacing a file already there. */
	int into;
	/* Every .csv also as .csv.gz (pl_gzip.h) at this level, 1-9; 0: none. */
	int gzip_level;
	/* Policy, when check_rejects is set: if more than max_reject_ppm of
	 * every million records read were rejected, the outputs are still
	 * written (so the rejects can be read) but finish fails with
	 * PL_EXIT_REJECTS and the run is not published. */
	int check_rejects;
	long max_reject_ppm;
	/* Every CSV for people also as NAME.excel.csv: ';', a decimal comma,
	 * a byte-order mark, CRLF, for Excel in the Indonesian locale
	 * (docs/outputs.md). */
	int excel;
	/* The year over year view: an earlier run folder to compare with
	 * (changes.csv); NULL for none. */
	const char *previous;
	/* An analyst's scope: only these provinces (two-digit codes) and this
	 * year in the files written; ranks stay national. */
	const char *const *provinces;
	size_t nprovinces;
	const char *year;
};

struct pl_stage emit_new(struct pl_ctx *ctx, const struct emit_opts *opts);

#endif
