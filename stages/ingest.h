/*
 * ingest.h: the first stage. Reads every submission file under the input
 * folders and sends canonical records, each with its file and start line.
 *
 * Input (docs/input-format.md): canonical wide CSV, plain or gzip. A file
 * is an innovation file when its header has id_inovasi, an SPD file
 * otherwise; header names are matched ignoring case, surrounding spaces and
 * space/underscore/hyphen differences; column order does not matter. Columns
 * ind_<row>, bukti_<row> and verif_<row> are the answers for indicator row
 * <row>; any other unknown column is reported as a warning and not used.
 *
 * Output: per data row a sub group (answers as ans rows) or a reject; per
 * file a src record with how many records it held, whether it could be
 * read, and why not. Files are read in byte order of their path, and every
 * record names its file relative to the input folder.
 *
 * Returns 0, or -1 when the sink failed (ctx says why). Unreadable files
 * are not an error of the stage: they are reported and the run goes on.
 */
#ifndef INGEST_H
#define INGEST_H

#include <stddef.h>

#include "pl_stage.h"

struct ingest_opts {
	size_t chunk;     /* read size in bytes; 0 for the default */
	size_t max_field; /* longest field accepted; 0 for the default */
};

int ingest_run(const char *const *inputs, size_t ninputs, const struct ingest_opts *opts,
	       struct pl_ctx *ctx, struct pl_sink out);

#endif
