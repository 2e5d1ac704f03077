/*
 * pl_csvread.h: reads a CSV file, plain or gzip, one record at a time.
 *
 * Built on libcsv, streamed through zlib (gzread reads plain files as they
 * are), so memory stays bounded by the longest record, not the file. Each
 * record carries the physical line where it starts (1-based, header = 1),
 * which is what a clerk needs to find it. Blank rows are skipped: they are
 * not records. Fields are passed exactly as written (no trimming).
 *
 * A record that cannot be parsed (unbalanced quotes, a field over the size
 * limit) is passed to the callback with its error set and no fields; the
 * reader then resumes at the next line. A file that cannot be opened or is
 * a corrupt gzip makes pl_csv_read return -1 with the reason in *err.
 *
 * Memory: a record's fields are valid only during the callback.
 */
#ifndef PL_CSVREAD_H
#define PL_CSVREAD_H

#include <stddef.h>

#include "pl_reject.h"

struct pl_csv_record {
	size_t nf;
	char **f;           /* NUL-terminated copies of the fields */
	unsigned long line; /* physical line where the record starts */
	int error;          /* 0, or a pl_reject_code for an unreadable record */
};

/* Return 0 to go on, non-zero to stop reading (returned by pl_csv_read). */
typedef int (*pl_csv_cb)(void *ctx, const struct pl_csv_record *rec);

struct pl_csv_opts {
	unsigned char delim; /* ',' if 0 */
	size_t chunk;        /* bytes per read; 64 KiB if 0 (tests vary it) */
	size_t max_field;    /* bytes; 1 MiB if 0 */
};

struct pl_csv_error {
	enum pl_reject_code code; /* FILE_UNREADABLE or GZIP_CORRUPT */
	char message[256];        /* the system's reason, in English */
};

/* Reads path and calls cb per record. Returns 0 at the end of the file, the
 * callback's non-zero value if it stopped, or -1 with *err filled. */
int pl_csv_read(const char *path, const struct pl_csv_opts *opts, pl_csv_cb cb,
		void *ctx, struct pl_csv_error *err);

#endif
