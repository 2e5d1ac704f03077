/*
 * pl_gzip.h: a gzip copy of a file that is the same bytes on every run.
 *
 * The warehouse loads the .csv.gz copies of a run's CSV files, and two
 * runs on the same inputs must give identical files (checksums in the
 * manifest). So the gzip header carries no file name, no time stamp
 * (MTIME 0, as `gzip -n` writes) and a fixed OS byte (3, Unix): with the
 * same level and zlib, the same input always gives the same output.
 *
 * Errors: returns -1 with the reason (naming the file) in *err and errno
 * set; a partial copy is removed. dst must not exist (never overwrites); it is flushed to
 * disk (fsync) before the call returns 0.
 */
#ifndef PL_GZIP_H
#define PL_GZIP_H

#include "pl_util.h"

enum { PL_GZIP_DEFAULT_LEVEL = 6 }; /* zlib's own default: speed and size balanced */

/* level: 1 (fastest) to 9 (smallest). */
int pl_gzip_file(const char *src, const char *dst, int level, struct pl_buf *err);

#endif
