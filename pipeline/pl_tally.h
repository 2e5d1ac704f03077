/*
 * pl_tally.h: a stage's per-file record counts, for the accounting.
 *
 * Each stage counts, per input file, the records it received, sent on,
 * rejected and superseded, and at finish sends one acct record per file.
 * emit checks every stage's counts balance and that each stage received
 * what the previous one sent on, so a record lost anywhere is caught and
 * the stage that lost it is named.
 *
 * Memory: the tally owns copies of the file names; pl_tally_free releases
 * them. Files are few (one per agency upload), so a sorted array will do.
 */
#ifndef PL_TALLY_H
#define PL_TALLY_H

#include <stddef.h>

#include "pl_stage.h"

enum pl_tally_what { PL_TALLY_IN, PL_TALLY_OUT, PL_TALLY_REJECTED, PL_TALLY_SUPERSEDED, PL_TALLY_N };

struct pl_tally_file {
	char *file;
	long n[PL_TALLY_N];
};

struct pl_tally {
	struct pl_tally_file *f;
	size_t n, cap;
	size_t last; /* the file counted last: records come file by file */
};

void pl_tally_count(struct pl_tally *t, const char *file, enum pl_tally_what what);
/* Sends the acct records, by file, to sink (built in scratch). */
int pl_tally_send(const struct pl_tally *t, const char *stage, struct pl_sink sink,
		  struct pl_group *scratch);
void pl_tally_free(struct pl_tally *t);

#endif
