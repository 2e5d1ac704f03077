#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "pl_slurp.h"

static int failed(gzFile gz, enum pl_reject_code *code, struct pl_buf *msg)
{
	int errnum = Z_OK;
	const char *m = gzerror(gz, &errnum);
	if (errnum == Z_OK)
		return 0;
	if (errnum == Z_ERRNO) {
		*code = PL_REJ_FILE_UNREADABLE;
		pl_buf_adds(msg, errno ? strerror(errno) : "read error");
	} else {
		/* zlib prefixes the path; the caller names the file its own way. */
		const char *colon = strstr(m, ": ");
		*code = PL_REJ_GZIP_CORRUPT;
		pl_buf_adds(msg, colon ? colon + 2 : m);
	}
	return 1;
}

int pl_slurp(const char *path, const struct pl_slurp_opts *opts, struct pl_buf *out,
	     int *gzip, enum pl_reject_code *code, struct pl_buf *msg)
{
	size_t chunk = opts->chunk ? opts->chunk : 64 * 1024;
	if (chunk > UINT_MAX)
		chunk = UINT_MAX;
	pl_buf_reset(out);
	errno = 0;
	gzFile gz = gzopen(path, "rb");
	if (!gz) {
		*code = PL_REJ_FILE_UNREADABLE;
		pl_buf_adds(msg, errno ? strerror(errno) : "cannot open");
		return -1;
	}
	*gzip = !gzdirect(gz);
	char *buf = pl_xmalloc(chunk);
	int rc = 0;
	for (;;) {
		errno = 0;
		int n = gzread(gz, buf, (unsigned)chunk);
		if (n < 0 || (n == 0 && failed(gz, code, msg))) {
			if (n < 0 && !failed(gz, code, msg)) {
				*code = PL_REJ_FILE_UNREADABLE;
				pl_buf_adds(msg, "read error");
			}
			rc = -1;
			break;
		}
		if (n == 0)
			break;
		if ((size_t)n > opts->max_bytes - out->len) {
			*code = PL_REJ_FILE_TOO_LARGE;
			pl_buf_printf(msg, "over %zu bytes", opts->max_bytes);
			rc = -1;
			break;
		}
		pl_buf_add(out, buf, (size_t)n);
	}
	free(buf);
	gzclose(gz);
	if (rc < 0)
		pl_buf_free(out);
	else if (!out->p)
		pl_buf_add(out, "", 0);
	return rc;
}
