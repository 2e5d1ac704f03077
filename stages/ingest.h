/*
 * ingest.h: the first stage. Reads every submission file under the input
 * folders and sends canonical records, each with its file and start line.
 *
 * Input (docs/input-format.md): by file name, any case,
 *   .csv .tsv (and .gz of them)  CSV in any dialect: the delimiter (, ; tab
 *                                |), a UTF-8 byte-order mark, Excel's sep=
 *                                line and the encoding (UTF-8 or
 *                                Windows-1252) are found from the file;
 *   .xml (and .xml.gz)           one agency's submission document, checked
 *                                against pipeline/data/submission.xsd;
 *   anything else                skipped with a warning.
 * CSV headers are mapped through the synonym table (pl_headers.h). A CSV
 * file is wide (answers in ind_/bukti_/verif_<row> columns: one record
 * per row), long (an indikator column: one answer per row) or a profile
 * file (neither: records without answers). Long answers and profile rows
 * are assembled into records by key when the whole input has been read.
 *
 * Output: per record a sub group (answers as ans rows) or rejects; per
 * file a src record with how many records it held, whether it could be
 * read, and why not. Files are read in byte order of their path, and every
 * record names its file relative to the input folder and the line where
 * it starts (an XML record: the line of its <inovasi> or <spd>). With
 * opts.jobs above 1, files are read ahead on that many threads and their
 * records sent in the same order (ingest_readers.c): the output does not
 * change. out.put is called on the caller's thread only, so the stages
 * after ingest run there, beside the reading threads; opts.ahead moves
 * the work of the first of them to the reading threads.
 *
 * Returns 0, or -1 when the sink failed or an input folder cannot be
 * opened (ctx says why). Unreadable files are not an error of the stage:
 * they are reported and the run goes on.
 */
#ifndef INGEST_H
#define INGEST_H

#include <stddef.h>

#include "pl_stage.h"

struct ingest_opts {
	size_t chunk;     /* read size in bytes; 0 for the default */
	size_t max_field; /* longest CSV field accepted; 0 for the default (1 MiB) */
	size_t max_xml;   /* largest XML document, uncompressed; 0: 32 MiB */
	size_t max_held;  /* bytes of long-format rows held for assembly; 0: 256 MiB */
	unsigned jobs;    /* threads reading files beside the caller; 0 or 1: the caller only */
	size_t max_ahead; /* a file read ahead by another thread whose records take
			   * more bytes is read again in its turn; 0: 8 MiB */
	/* The stage after ingest in a form that runs on the threads reading
	 * ahead (normalize_ahead_new), or NULL: each such thread makes one
	 * and puts the records it reads ahead through it (not those of the
	 * files the caller reads in their turn), and never calls its finish.
	 * The stage on the caller's thread must take what it sent as the
	 * records it would have made itself. */
	struct pl_stage (*ahead)(struct pl_ctx *ctx, struct pl_sink next);
};

int ingest_run(const char *const *inputs, size_t ninputs, const struct ingest_opts *opts,
	       struct pl_ctx *ctx, struct pl_sink out);

/* The same on one file held in memory and named rel (its suffix decides
 * the shape; gzip is not read from memory): for tests and fuzzing. */
int ingest_memory(const char *rel, const void *data, size_t len,
		  const struct ingest_opts *opts, struct pl_ctx *ctx, struct pl_sink out);

#endif
