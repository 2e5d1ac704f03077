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

enum { BLOCK = PL_SPILL_BLOCK };

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
	for (size_t i = 0; i < PL_SPILL_SLOTS; i++)
		s->slot_block[i] = UINT64_MAX;
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
	/* The cached block that held the old end of the file is short. */
	uint64_t last = s->size / BLOCK;
	if (done && s->slot_block[last % PL_SPILL_SLOTS] == last)
		s->slot_block[last % PL_SPILL_SLOTS] = UINT64_MAX;
	s->size += done;
	pl_buf_reset(&s->out);
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

/* Caches block b: alone, or with the blocks after it when it follows the
 * last one read. The blocks read at once go to consecutive slots, so
 * they stop at the last slot and at the end of the file. */
static int load(struct pl_spill *s, uint64_t b)
{
	size_t i = (size_t)(b % PL_SPILL_SLOTS);
	if (s->slot_block[i] == b)
		return 0;
	if (!s->cache)
		s->cache = pl_xmalloc((size_t)PL_SPILL_SLOTS * BLOCK);
	uint64_t in_file = (s->size + BLOCK - 1) / BLOCK;
	size_t count = b == s->next_block ? PL_SPILL_AHEAD : 1;
	if (count > PL_SPILL_SLOTS - i)
		count = PL_SPILL_SLOTS - i;
	if (count > in_file - b)
		count = (size_t)(in_file - b);
	for (size_t k = 0; k < count; k++)
		s->slot_block[i + k] = UINT64_MAX;
	size_t got;
	if (read_at(s, s->cache + i * BLOCK, count * BLOCK, b * BLOCK, &got) < 0)
		return -1;
	for (size_t k = 0; k < count && got > k * BLOCK; k++) {
		size_t left = got - k * BLOCK;
		s->slot_block[i + k] = b + k;
		s->slot_len[i + k] = (uint32_t)(left < BLOCK ? left : BLOCK);
	}
	s->next_block = b + count;
	return 0;
}

/* n contiguous bytes at off: from the cache when they lie in one block,
 * or in two that sit in consecutive slots. */
static const char *fetch(struct pl_spill *s, uint64_t off, size_t n)
{
	if (off + n > s->size && flush(s) < 0)
		return NULL;
	if (off + n > s->size || n == 0) {
		fail(s, "read", EINVAL);
		return NULL;
	}
	uint64_t b = off / BLOCK, e = (off + n - 1) / BLOCK;
	if (e > b + 1 || (e != b && e % PL_SPILL_SLOTS == 0)) {
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
	if (load(s, b) < 0 || (e != b && load(s, e) < 0))
		return NULL;
	/* Both blocks still cached (the second one's read cannot evict the
	 * first: it fills slots after it), and as long as the file then. */
	size_t i = (size_t)(b % PL_SPILL_SLOTS), j = (size_t)(e % PL_SPILL_SLOTS);
	if (s->slot_block[i] != b || s->slot_block[j] != e ||
	    (e != b && s->slot_len[i] != BLOCK) || off + n > e * BLOCK + s->slot_len[j]) {
		fail(s, "read", EIO);
		return NULL;
	}
	return s->cache + i * BLOCK + (off - b * BLOCK);
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
	if ((size_t)(end - p) >= nstr && !memchr(p, LONG_STR, nstr)) {
		q += nstr; /* no long string: one byte each */
	} else {
		for (size_t i = 0; i < nstr; i++) {
			size_t width = q < end && *(const unsigned char *)q == LONG_STR ? 5 : 1;
			if ((size_t)(end - q) < width)
				return fail(s, "read", EIO);
			q += width;
		}
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
	for (size_t i = 0; i < PL_SPILL_SLOTS; i++)
		r->slot_block[i] = UINT64_MAX;
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
	free(s->cache);
	s->cache = NULL;
	pl_buf_free(&s->out);
	pl_buf_free(&s->big);
	pl_buf_free(&s->err);
	pl_buf_free(&s->dir);
	free(s->strs);
	s->strs = NULL;
	s->nstrs = 0;
}
