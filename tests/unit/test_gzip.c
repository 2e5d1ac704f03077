/*
 * test_gzip.c: unit tests of pl_gzip.h, the deterministic gzip copies the
 * warehouse loads.
 *
 * Covers: the copy decompresses (zlib's gzread) to exactly the original,
 * for an empty file, a small one and one larger than the buffers; the
 * header has the gzip magic, no file name or other flag, MTIME 0 and OS 3;
 * two copies of the same content under different names are
 * byte-identical; levels 1 and 9 both round-trip; a level outside 1-9
 * is refused; an existing destination is refused and left alone; a
 * missing source is an error naming it; a write that fails part way (the
 * file-size limit) is an error naming the copy, and no partial copy is
 * left.
 */
#include "unit.h"

#include <signal.h>
#include <sys/resource.h>

#include "pl_gzip.h"

static char tmp[PATH_MAX];

static int setup(void **state)
{
	(void)state;
	unit_tmpdir(tmp);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unit_rmrf(tmp);
	return 0;
}

static void round_trip(const char *name, const char *data, size_t len, int level)
{
	struct pl_buf src = unit_join(tmp, name), dst = {0};
	pl_buf_printf(&dst, "%s.%d.gz", src.p, level);
	unit_write(src.p, data, len);
	struct pl_buf err = {0};
	if (pl_gzip_file(src.p, dst.p, level, &err) != 0)
		fail_msg("%s", pl_buf_str(&err));
	size_t n;
	char *back = unit_read_gz(dst.p, &n);
	assert_int_equal(n, len);
	assert_memory_equal(back, data, len);
	free(back);
	pl_buf_free(&err);
	pl_buf_free(&dst);
	pl_buf_free(&src);
}

static void test_round_trip(void **state)
{
	(void)state;
	round_trip("empty.csv", "", 0, 6);
	const char *small = "year,region_code\n2023,52.72\n";
	round_trip("small.csv", small, strlen(small), 6);
	size_t big = 300000;
	char *data = pl_xmalloc(big);
	for (size_t i = 0; i < big; i++)
		data[i] = (char)("0123456789,\n"[(i * 31 + i / 7) % 12]);
	round_trip("big.csv", data, big, 1);
	round_trip("big.csv", data, big, 9);
	free(data);
}

static void test_header_deterministic(void **state)
{
	(void)state;
	struct pl_buf a = unit_join(tmp, "a.csv"), b = unit_join(tmp, "other-name.csv");
	struct pl_buf ga = unit_join(tmp, "a.csv.gz"), gb = unit_join(tmp, "b.csv.gz");
	const char *text = "file,line\nk/a.csv,2\n";
	unit_write_str(a.p, text);
	unit_write_str(b.p, text);
	struct pl_buf err = {0};
	assert_int_equal(pl_gzip_file(a.p, ga.p, 6, &err), 0);
	/* A different name changes nothing; the time is never read (MTIME 0). */
	assert_int_equal(pl_gzip_file(b.p, gb.p, 6, &err), 0);
	size_t na, nb;
	unsigned char *x = (unsigned char *)unit_read(ga.p, &na);
	unsigned char *y = (unsigned char *)unit_read(gb.p, &nb);
	assert_int_equal(na, nb);
	assert_memory_equal(x, y, na);
	/* RFC 1952: magic, deflate, no flags (no name), MTIME 0, OS Unix. */
	assert_true(na > 18);
	assert_int_equal(x[0], 0x1f);
	assert_int_equal(x[1], 0x8b);
	assert_int_equal(x[2], 8);
	assert_int_equal(x[3], 0);
	assert_int_equal(x[4] | x[5] | x[6] | x[7], 0);
	assert_int_equal(x[9], 3);
	free(x);
	free(y);
	pl_buf_free(&err);
	pl_buf_free(&gb);
	pl_buf_free(&ga);
	pl_buf_free(&b);
	pl_buf_free(&a);
}

static void test_refusals(void **state)
{
	(void)state;
	struct pl_buf src = unit_join(tmp, "r.csv"), dst = unit_join(tmp, "r.csv.gz");
	struct pl_buf none = unit_join(tmp, "missing.csv"), err = {0};
	unit_write_str(src.p, "x\n");
	assert_int_equal(pl_gzip_file(src.p, dst.p, 0, &err), -1);
	assert_non_null(strstr(pl_buf_str(&err), "level 0"));
	assert_int_equal(pl_gzip_file(src.p, dst.p, 10, &err), -1);
	assert_false(unit_exists(dst.p));
	/* An existing copy is never overwritten. */
	unit_write_str(dst.p, "earlier\n");
	assert_int_equal(pl_gzip_file(src.p, dst.p, 6, &err), -1);
	assert_non_null(strstr(pl_buf_str(&err), "cannot create"));
	char *kept = unit_read(dst.p, NULL);
	assert_string_equal(kept, "earlier\n");
	free(kept);
	struct pl_buf dst2 = unit_join(tmp, "missing.csv.gz");
	assert_int_equal(pl_gzip_file(none.p, dst2.p, 6, &err), -1);
	assert_non_null(strstr(pl_buf_str(&err), "missing.csv"));
	assert_int_equal(errno, ENOENT);
	assert_false(unit_exists(dst2.p));
	pl_buf_free(&dst2);
	pl_buf_free(&err);
	pl_buf_free(&none);
	pl_buf_free(&dst);
	pl_buf_free(&src);
}

/* The file-size limit stands in for a full disk: the copy fails part way. */
static void test_write_failure(void **state)
{
	(void)state;
	struct pl_buf src = unit_join(tmp, "w.csv"), dst = unit_join(tmp, "w.csv.gz");
	size_t big = 1 << 20;
	char *data = pl_xmalloc(big);
	/* Hard to compress: a simple generator, so the copy is large. */
	uint32_t x = 12345;
	for (size_t i = 0; i < big; i++) {
		x = x * 1103515245u + 12345u;
		data[i] = (char)(x >> 16);
	}
	unit_write(src.p, data, big);
	free(data);
	struct rlimit old, lim;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = 16384;
	void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	struct pl_buf err = {0};
	int rc = pl_gzip_file(src.p, dst.p, 6, &err);
	int e = errno;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, prev);
	assert_int_equal(rc, -1);
	assert_int_equal(e, EFBIG);
	const char *msg = pl_buf_str(&err);
	if (!strstr(msg, "cannot write") || !strstr(msg, "w.csv.gz"))
		fail_msg("message '%s'", msg);
	assert_false(unit_exists(dst.p));
	pl_buf_free(&err);
	pl_buf_free(&dst);
	pl_buf_free(&src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_header_deterministic),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_write_failure),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
