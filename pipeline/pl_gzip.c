#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "pl_gzip.h"

static int failed(struct pl_buf *err, const char *what, const char *path, int e)
{
	pl_buf_reset(err);
	pl_buf_printf(err, "%s '%s': %s", what, path, strerror(e ? e : EIO));
	errno = e ? e : EIO;
	return -1;
}

/* write(2) until everything is out: a short write is not an error yet. */
static int write_all(int fd, const unsigned char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Compresses everything from in to fd; 0, or -1 with *which telling
 * whether reading (0) or writing (1) failed and errno set. */
static int pump(FILE *in, int fd, z_stream *z, int *which)
{
	unsigned char ibuf[65536], obuf[65536];
	int flush;
	do {
		size_t got = fread(ibuf, 1, sizeof ibuf, in);
		if (ferror(in)) {
			*which = 0;
			return -1;
		}
		flush = feof(in) ? Z_FINISH : Z_NO_FLUSH;
		z->next_in = ibuf;
		z->avail_in = (uInt)got;
		do {
			z->next_out = obuf;
			z->avail_out = sizeof obuf;
			if (deflate(z, flush) == Z_STREAM_ERROR) {
				*which = 1;
				errno = EIO;
				return -1;
			}
			if (write_all(fd, obuf, sizeof obuf - z->avail_out) < 0) {
				*which = 1;
				return -1;
			}
		} while (z->avail_out == 0);
	} while (flush != Z_FINISH);
	return 0;
}

int pl_gzip_file(const char *src, const char *dst, int level, struct pl_buf *err)
{
	if (level < 1 || level > 9) {
		pl_buf_reset(err);
		pl_buf_printf(err, "gzip level %d is not between 1 and 9", level);
		errno = EINVAL;
		return -1;
	}
	FILE *in = fopen(src, "rb");
	if (!in)
		return failed(err, "cannot read", src, errno);
	int fd = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0) {
		int e = errno;
		fclose(in);
		return failed(err, "cannot create", dst, e);
	}
	z_stream z;
	memset(&z, 0, sizeof z);
	/* 15 window bits + 16: a gzip wrapper instead of a zlib one. */
	if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
		fclose(in);
		close(fd);
		unlink(dst);
		return failed(err, "cannot compress", src, ENOMEM);
	}
	gz_header h;
	memset(&h, 0, sizeof h);
	h.time = 0; /* no time stamp: the copy must not depend on when it was made */
	h.os = 3;
	deflateSetHeader(&z, &h);
	int which = 1;
	int bad = pump(in, fd, &z, &which);
	int e = errno;
	deflateEnd(&z);
	fclose(in);
	if (!bad && fsync(fd) != 0) {
		bad = -1;
		e = errno;
	}
	if (close(fd) != 0 && !bad) {
		bad = -1;
		e = errno;
	}
	if (!bad)
		return 0;
	unlink(dst);
	return failed(err, which ? "cannot write" : "cannot read", which ? dst : src, e);
}
