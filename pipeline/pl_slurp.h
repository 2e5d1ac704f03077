/*
 * pl_slurp.h: reads a whole file, plain or gzip, into memory, up to a limit.
 *
 * For the shapes that must be seen whole before anything of them is used
 * (an XML document is parsed and checked against its schema as one piece).
 * The limit is on the bytes after decompression, so a small .gz that
 * inflates to gigabytes stops at the limit instead of filling memory.
 * gzip is recognised by its content (zlib reads plain files as they are).
 *
 * Returns 0 with the bytes in *out (NUL-terminated, caller frees with
 * pl_buf_free) or -1 with out empty and *code / msg saying why:
 * FILE_UNREADABLE, GZIP_CORRUPT (corrupt or truncated, checked to the end)
 * or FILE_TOO_LARGE.
 */
#ifndef PL_SLURP_H
#define PL_SLURP_H

#include <stddef.h>

#include "pl_reject.h"
#include "pl_util.h"

struct pl_slurp_opts {
	size_t max_bytes; /* after decompression */
	size_t chunk;     /* bytes per read; 64 KiB if 0 */
};

int pl_slurp(const char *path, const struct pl_slurp_opts *opts, struct pl_buf *out,
	     int *gzip, enum pl_reject_code *code, struct pl_buf *msg);

#endif
