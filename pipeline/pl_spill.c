#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pl_spill.h"

/* A record on disk: two 32-bit lengths (of the whole payload, and of the
 * extra bytes at its end), then the payload: the length of each string
 * (one byte below LONG_STR, else LONG_STR and the length in four bytes),
 * the strings, each NUL-terminated, and the extra bytes. Reading back
 * follows the lengths instead of looking for each NUL. Records are
 * written and read by the same process, so the lengths are in its byte
 * order. */
enum { HEAD = 8, LONG_STR = 255 };

/* Reads are cached in blocks of this size: an innovation's record is a
 * few hundred bytes, so a block serves about a thousand records. */
enum { BLOCK = 256 * 1024 };

/* Added records are written in batches of this size. */
enum { FLUSH_AT = 256 * 1024 };

/* verb is "create", "write" or "read": the message names the folder, as
 * the operator must find room there or set TMPDIR elsewhere. */
static int fail(struct pl_spill *s, const char *verb, int err)
{
	pl_buf_reset(&s->err);
	pl_buf_printf(&s->err, "cannot %s a temporary file in '%s' (TMPDIR): %s", verb,
		      pl_buf_str(&s->dir), strerror(err));
	return -1;
}

int pl_spill_open(struct pl_spill *s)
{
	memset(s, 0, sizeof *s);
	for (int i = 0; i < PL_SPILL_BLOCKS; i++)
		s->block[i].base = UINT64_MAX;
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	pl_buf_adds(&s->dir, dir);
	struct pl_buf path = {0};
	pl_buf_printf(&path, "%s/indeks-spill-XXXXXX", dir);
	s->fd = mkstemp(path.p);
	int err = errno;
	if (s->fd >= 0)
		unlink(path.p);
	pl_buf_free(&path);
	if (s->fd < 0)
		return fail(s, "create", err);
	s->open = 1;
	return 0;
}

static int flush(struct pl_spill *s)
{
	size_t done = 0;
	while (done < s->out.len) {
		ssize_t w = pwrite(s->fd, s->out.p + done, s->out.len - done,
				   (off_t)(s->size + done));
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return fail(s, "write", w < 0 ? errno : ENOSPC);
		done += (size_t)w;
	}
	s->size += done;
	pl_buf_reset(&s->out);
	/* A cached block that ended at the old end of the file is short. */
	for (int i = 0; i < PL_SPILL_BLOCKS; i++)
		if (s->block[i].base != UINT64_MAX && s->block[i].len < BLOCK)
			s->block[i].base = UINT64_MAX;
	return 0;
}

/* The width of a string's length in a record (see above). */
static size_t len_width(size_t n)
{
	return n < LONG_STR ? 1 : 5;
}

int pl_spill_add(struct pl_spill *s, const char *const *str, size_t nstr, const void *extra,
		 size_t nextra, uint64_t *off)
{
	/* The lengths, measured once: records of up to LENS strings (an
	 * innovations.csv row has 21) are not measured twice. */
	enum { LENS = 32 };
	size_t lens[LENS];
	size_t table = 0, len = nextra;
	for (size_t i = 0; i < nstr; i++) {
		size_t n = str[i] ? strlen(str[i]) : 0;
		if (i < LENS)
			lens[i] = n;
		table += len_width(n);
		len += n + 1;
	}
	len += table;
	if (len > UINT32_MAX - HEAD)
		return fail(s, "write", EFBIG);
	*off = s->size + s->out.len;
	pl_grow((void **)&s->out.p, &s->out.cap, s->out.len + HEAD + len + 1, 1);
	char *t = s->out.p + s->out.len;
	uint32_t head[2] = {(uint32_t)len, (uint32_t)nextra};
	memcpy(t, head, sizeof head);
	t += sizeof head;
	char *p = t + table; /* the strings follow the lengths */
	for (size_t i = 0; i < nstr; i++) {
		size_t n = i < LENS ? lens[i] : (str[i] ? strlen(str[i]) : 0);
		if (n < LONG_STR) {
			*t++ = (char)n;
		} else {
			uint32_t n32 = (uint32_t)n;
			*t++ = (char)LONG_STR;
			memcpy(t, &n32, sizeof n32);
			t += sizeof n32;
		}
		if (n)
			memcpy(p, str[i], n);
		p[n] = '\0';
		p += n + 1;
	}
	if (nextra)
		memcpy(p, extra, nextra);
	s->out.len += HEAD + len;
	s->out.p[s->out.len] = '\0'; /* as pl_buf keeps it */
	return s->out.len >= FLUSH_AT ? flush(s) : 0;
}

static int read_at(struct pl_spill *s, char *dst, size_t n, uint64_t off, size_t *got)
{
	size_t done = 0;
	while (done < n) {
		ssize_t r = pread(s->fd, dst + done, n - done, (off_t)(off + done));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return fail(s, "read", errno);
		if (r == 0)
			break;
		done += (size_t)r;
	}
	*got = done;
	return 0;
}

/* n contiguous bytes at off, from the cache when they lie in one block. */
static const char *fetch(struct pl_spill *s, uint64_t off, size_t n)
{
	if (off + n > s->size && flush(s) < 0)
		return NULL;
	if (off + n > s->size) {
		fail(s, "read", EINVAL);
		return NULL;
	}
	uint64_t base = off - off % BLOCK;
	s->reads++;
	if (off + n > base + BLOCK) {
		pl_grow((void **)&s->big.p, &s->big.cap, n, 1);
		size_t got;
		if (read_at(s, s->big.p, n, off, &got) < 0)
			return NULL;
		if (got != n) {
			fail(s, "read", EIO);
			return NULL;
		}
		return s->big.p;
	}
	struct pl_spill_block *b = NULL;
	for (int i = 0; i < PL_SPILL_BLOCKS; i++)
		if (s->block[i].base == base) {
			b = &s->block[i];
			break;
		}
	if (!b) {
		b = &s->block[0];
		for (int i = 1; i < PL_SPILL_BLOCKS; i++)
			if (s->block[i].base == UINT64_MAX ||
			    (b->base != UINT64_MAX && s->block[i].used < b->used))
				b = &s->block[i];
		if (!b->p)
			b->p = pl_xmalloc(BLOCK);
		b->base = UINT64_MAX;
		if (read_at(s, b->p, BLOCK, base, &b->len) < 0)
			return NULL;
		b->base = base;
	}
	b->used = s->reads;
	if (off + n > b->base + b->len) {
		fail(s, "read", EIO);
		return NULL;
	}
	return b->p + (off - base);
}

int pl_spill_read(struct pl_spill *s, uint64_t off, size_t nstr, const char *const **str,
		  const void **extra, size_t *nextra)
{
	const char *h = fetch(s, off, HEAD);
	if (!h)
		return -1;
	uint32_t head[2];
	memcpy(head, h, sizeof head);
	if (head[1] > head[0])
		return fail(s, "read", EIO);
	const char *p = fetch(s, off, HEAD + (size_t)head[0]);
	if (!p)
		return -1;
	p += HEAD;
	const char *end = p + head[0] - head[1];
	if (nstr > s->nstrs) {
		s->strs = pl_xrealloc(s->strs, nstr * sizeof *s->strs);
		s->nstrs = nstr;
	}
	/* The lengths first, then the strings they measure: each must end in
	 * its NUL, and the last where the extra bytes start. */
	const unsigned char *len = (const unsigned char *)p;
	const char *q = p;
	for (size_t i = 0; i < nstr; i++) {
		size_t width = q < end && *(const unsigned char *)q == LONG_STR ? 5 : 1;
		if ((size_t)(end - q) < width)
			return fail(s, "read", EIO);
		q += width;
	}
	for (size_t i = 0; i < nstr; i++) {
		size_t n = *len++;
		if (n == LONG_STR) {
			uint32_t n32;
			memcpy(&n32, len, sizeof n32);
			len += sizeof n32;
			n = n32;
		}
		if ((size_t)(end - q) <= n || q[n] != '\0')
			return fail(s, "read", EIO);
		s->strs[i] = q;
		q += n + 1;
	}
	if (q != end)
		return fail(s, "read", EIO);
	if (str)
		*str = s->strs;
	if (extra)
		*extra = end;
	if (nextra)
		*nextra = head[1];
	return 0;
}

int pl_spill_reader(struct pl_spill *r, struct pl_spill *s)
{
	if (flush(s) < 0)
		return -1;
	memset(r, 0, sizeof *r);
	for (int i = 0; i < PL_SPILL_BLOCKS; i++)
		r->block[i].base = UINT64_MAX;
	r->fd = s->fd;
	r->size = s->size;
	pl_buf_adds(&r->dir, pl_buf_str(&s->dir));
	return 0;
}

void pl_spill_close(struct pl_spill *s)
{
	if (s->open)
		close(s->fd);
	s->open = 0;
	for (int i = 0; i < PL_SPILL_BLOCKS; i++)
		free(s->block[i].p);
	pl_buf_free(&s->out);
	pl_buf_free(&s->big);
	pl_buf_free(&s->err);
	pl_buf_free(&s->dir);
	free(s->strs);
	memset(s->block, 0, sizeof s->block);
	s->strs = NULL;
	s->nstrs = 0;
}
