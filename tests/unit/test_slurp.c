/*
 * test_slurp.c: unit tests of pl_slurp.h, reading a whole file up to a
 * limit.
 *
 * Covers: a plain file and a gzip file read whole, the same bytes for
 * every read size, gzip recognised by content whatever the name; the
 * limit counted after decompression (a file of exactly the limit passes,
 * one byte more is FILE_TOO_LARGE; 16 MiB of zeros that compress to a few
 * KiB stop at a 1 MiB limit); a truncated gzip and a damaged CRC are
 * GZIP_CORRUPT; a missing file is FILE_UNREADABLE with the system's
 * reason; an empty file is an empty string.
 */
#include "unit.h"

#include "pl_slurp.h"

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

static char *write_gz(const char *name, const char *data, size_t len)
{
	struct pl_buf p = unit_join(tmp, name);
	unit_write_gz(p.p, data, len);
	return p.p;
}

static int slurp(const char *path, size_t max, size_t chunk, struct pl_buf *out, int *gzip,
		 enum pl_reject_code *code, struct pl_buf *msg)
{
	struct pl_slurp_opts o = {.max_bytes = max, .chunk = chunk};
	pl_buf_reset(msg);
	return pl_slurp(path, &o, out, gzip, code, msg);
}

static void test_whole(void **state)
{
	(void)state;
	const char text[] = "<kiriman versi=\"1\">\n</kiriman>\n";
	size_t n = sizeof text - 1;
	struct pl_buf plain = unit_join(tmp, "a.xml");
	unit_write(plain.p, text, n);
	char *gz = write_gz("b.xml", text, n); /* gzip under a plain name */
	struct pl_buf out = {0}, msg = {0};
	enum pl_reject_code code;
	int gzip;
	for (size_t chunk = 0; chunk <= n + 1; chunk++) {
		assert_int_equal(slurp(plain.p, n, chunk, &out, &gzip, &code, &msg), 0);
		assert_int_equal(out.len, n);
		assert_string_equal(out.p, text);
		assert_false(gzip);
		assert_int_equal(slurp(gz, n, chunk, &out, &gzip, &code, &msg), 0);
		assert_string_equal(out.p, text);
		assert_true(gzip);
	}
	struct pl_buf empty = unit_join(tmp, "empty.xml");
	unit_write(empty.p, "", 0);
	assert_int_equal(slurp(empty.p, 10, 0, &out, &gzip, &code, &msg), 0);
	assert_non_null(out.p);
	assert_string_equal(out.p, "");
	pl_buf_free(&out);
	pl_buf_free(&msg);
	pl_buf_free(&plain);
	pl_buf_free(&empty);
	free(gz);
}

static void test_limit(void **state)
{
	(void)state;
	struct pl_buf p = unit_join(tmp, "ten.xml");
	unit_write(p.p, "0123456789", 10);
	struct pl_buf out = {0}, msg = {0};
	enum pl_reject_code code = PL_REJ_FILE_UNREADABLE;
	int gzip;
	assert_int_equal(slurp(p.p, 10, 3, &out, &gzip, &code, &msg), 0);
	assert_int_equal(slurp(p.p, 9, 3, &out, &gzip, &code, &msg), -1);
	assert_int_equal(code, PL_REJ_FILE_TOO_LARGE);
	assert_string_equal(msg.p, "over 9 bytes");
	assert_null(out.p);
	/* A bomb: 16 MiB of zeros in a few KiB of gzip stops at the limit. */
	size_t big = 16u << 20;
	char *zeros = calloc(big, 1);
	char *gz = write_gz("bomb.xml.gz", zeros, big);
	size_t gzlen;
	free(unit_read(gz, &gzlen));
	assert_true(gzlen < 64 * 1024);
	assert_int_equal(slurp(gz, 1u << 20, 0, &out, &gzip, &code, &msg), -1);
	assert_int_equal(code, PL_REJ_FILE_TOO_LARGE);
	free(zeros);
	free(gz);
	pl_buf_free(&p);
	pl_buf_free(&msg);
}

static void test_broken(void **state)
{
	(void)state;
	struct pl_buf text = {0};
	for (int i = 0; i < 2000; i++)
		pl_buf_printf(&text, "<jawaban indikator=\"%d\" level=\"%d\"/>\n", i, i * 7 % 4);
	char *gz = write_gz("t.xml.gz", text.p, text.len);
	size_t n;
	char *bytes = unit_read(gz, &n);
	struct pl_buf half = unit_join(tmp, "half.xml.gz");
	unit_write(half.p, bytes, n / 2);
	bytes[n - 6] ^= 0x5a; /* the CRC */
	struct pl_buf crc = unit_join(tmp, "crc.xml.gz");
	unit_write(crc.p, bytes, n);
	struct pl_buf out = {0}, msg = {0};
	enum pl_reject_code code;
	int gzip;
	assert_int_equal(slurp(half.p, 1u << 20, 0, &out, &gzip, &code, &msg), -1);
	assert_int_equal(code, PL_REJ_GZIP_CORRUPT);
	assert_string_equal(msg.p, "unexpected end of file");
	assert_int_equal(slurp(crc.p, 1u << 20, 7, &out, &gzip, &code, &msg), -1);
	assert_int_equal(code, PL_REJ_GZIP_CORRUPT);
	assert_non_null(strstr(msg.p, "check"));
	struct pl_buf missing = unit_join(tmp, "missing.xml");
	assert_int_equal(slurp(missing.p, 10, 0, &out, &gzip, &code, &msg), -1);
	assert_int_equal(code, PL_REJ_FILE_UNREADABLE);
	assert_string_equal(msg.p, strerror(ENOENT));
	free(bytes);
	free(gz);
	pl_buf_free(&text);
	pl_buf_free(&half);
	pl_buf_free(&crc);
	pl_buf_free(&missing);
	pl_buf_free(&msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_broken),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
