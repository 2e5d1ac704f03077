/* pl_spill: records kept in an unlinked temporary file and read back by
 * offset, in any order, through a bounded cache. */
#include <signal.h>
#include <sys/resource.h>

#include "unit.h"

#include "pl_spill.h"

/* A record's strings and extra bytes, made from its number, so any record
 * can be checked without keeping what was written. Lengths vary from 0 to
 * past a cache block, so some records cross block boundaries. */
static void make(int i, struct pl_buf *a, struct pl_buf *b, struct pl_buf *x)
{
	pl_buf_reset(a);
	pl_buf_reset(b);
	pl_buf_reset(x);
	pl_buf_printf(a, "id-%d", i);
	size_t len = i % 97 == 0 ? 300000 + (size_t)i : (size_t)(i * 7919) % 600;
	for (size_t k = 0; k < len; k++)
		pl_buf_addc(b, (char)('a' + (k + (size_t)i) % 26));
	for (int k = 0; k < i % 5; k++)
		pl_buf_addc(x, (char)(i + k));
}

static void check(struct pl_spill *s, uint64_t off, int i)
{
	struct pl_buf a = {0}, b = {0}, x = {0};
	make(i, &a, &b, &x);
	const char *const *str;
	const void *extra;
	size_t nextra;
	assert_int_equal(pl_spill_read(s, off, 3, &str, &extra, &nextra), 0);
	assert_string_equal(str[0], pl_buf_str(&a));
	assert_string_equal(str[1], pl_buf_str(&b));
	assert_string_equal(str[2], ""); /* added as NULL */
	assert_int_equal(nextra, x.len);
	if (x.len)
		assert_memory_equal(extra, x.p, x.len);
	pl_buf_free(&a);
	pl_buf_free(&b);
	pl_buf_free(&x);
}

static void test_round_trip_in_any_order(void **state)
{
	(void)state;
	enum { N = 3000 };
	struct pl_spill s;
	assert_int_equal(pl_spill_open(&s), 0);
	uint64_t *off = pl_xmalloc(N * sizeof *off);
	struct pl_buf a = {0}, b = {0}, x = {0};
	for (int i = 0; i < N; i++) {
		make(i, &a, &b, &x);
		const char *str[3] = {pl_buf_str(&a), pl_buf_str(&b), NULL};
		assert_int_equal(pl_spill_add(&s, str, 3, x.p, x.len, &off[i]), 0);
		/* Reading while adding: what is not yet written is found too. */
		if (i % 500 == 0)
			check(&s, off[i / 2], i / 2);
	}
	for (int i = 0; i < N; i++)
		check(&s, off[i], i);
	for (int i = N - 1; i >= 0; i--)
		check(&s, off[i], i);
	for (int i = 0; i < N; i++) {
		int k = (int)(((unsigned)i * 2654435761u) % N);
		check(&s, off[k], k);
	}
	pl_buf_free(&a);
	pl_buf_free(&b);
	pl_buf_free(&x);
	free(off);
	pl_spill_close(&s);
	pl_spill_close(&s); /* twice is harmless */
}

/* Records that cross a block boundary, the boundary where the cache's
 * slots start over (block PL_SPILL_SLOTS follows block PL_SPILL_SLOTS - 1
 * but sits in slot 0), and the end of the file; read in order, at
 * random, and through a second reader that starts with an empty cache. */
static void test_block_boundaries(void **state)
{
	(void)state;
	struct pl_spill s;
	assert_int_equal(pl_spill_open(&s), 0);
	const uint64_t wrap = (uint64_t)PL_SPILL_SLOTS * PL_SPILL_BLOCK;
	enum { N = 6 };
	uint64_t at[N], off[N];
	/* Where each test record starts: 60 bytes before a boundary, so its
	 * 100 bytes of payload cross it. */
	at[0] = PL_SPILL_BLOCK - 60;
	at[1] = 5 * PL_SPILL_BLOCK - 60;
	at[2] = wrap - 60;
	at[3] = wrap + PL_SPILL_BLOCK - 60;
	at[4] = 2 * wrap - 60;
	at[5] = 2 * wrap + 7 * PL_SPILL_BLOCK - 60;
	struct pl_buf fill = {0}, text = {0};
	uint64_t filler;
	for (int i = 0; i < N; i++) {
		/* A filler record up to at[i]: a head, one length, a NUL. */
		uint64_t here = s.size + s.out.len;
		size_t n = (size_t)(at[i] - here) - 8 - 5 - 1;
		pl_buf_reset(&fill);
		while (fill.len < n)
			pl_buf_addc(&fill, 'f');
		const char *f[1] = {pl_buf_str(&fill)};
		assert_int_equal(pl_spill_add(&s, f, 1, NULL, 0, &filler), 0);
		pl_buf_reset(&text);
		pl_buf_printf(&text, "record %d:", i);
		while (text.len < 90)
			pl_buf_addc(&text, (char)('a' + i));
		const char *t[1] = {pl_buf_str(&text)};
		assert_int_equal(pl_spill_add(&s, t, 1, NULL, 0, &off[i]), 0);
		assert_int_equal(off[i], at[i]);
	}
	struct pl_spill r;
	assert_int_equal(pl_spill_reader(&r, &s), 0);
	static const int order[] = {5, 2, 0, 4, 1, 3, 0, 1, 2, 3, 4, 5, 2, 2};
	for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
		int i = order[k];
		for (int which = 0; which < 2; which++) {
			const char *const *str;
			assert_int_equal(pl_spill_read(which ? &r : &s, off[i], 1, &str, NULL, NULL), 0);
			pl_buf_reset(&text);
			pl_buf_printf(&text, "record %d:", i);
			while (text.len < 90)
				pl_buf_addc(&text, (char)('a' + i));
			assert_string_equal(str[0], pl_buf_str(&text));
		}
	}
	pl_spill_close(&r);
	pl_buf_free(&fill);
	pl_buf_free(&text);
	pl_spill_close(&s);
}

/* A block read while it was the short end of the file is read again once
 * the file has grown: a record added after it into the same block is
 * found, in the spill and in a reader made after the growth. */
static void test_read_while_adding(void **state)
{
	(void)state;
	struct pl_spill s;
	assert_int_equal(pl_spill_open(&s), 0);
	const char *a[1] = {"first"}, *b[1] = {"second"};
	uint64_t oa, ob;
	const char *const *str;
	assert_int_equal(pl_spill_add(&s, a, 1, NULL, 0, &oa), 0);
	assert_int_equal(pl_spill_read(&s, oa, 1, &str, NULL, NULL), 0);
	assert_string_equal(str[0], "first");
	assert_int_equal(pl_spill_add(&s, b, 1, NULL, 0, &ob), 0);
	assert_true(ob / PL_SPILL_BLOCK == oa / PL_SPILL_BLOCK);
	assert_int_equal(pl_spill_read(&s, ob, 1, &str, NULL, NULL), 0);
	assert_string_equal(str[0], "second");
	assert_int_equal(pl_spill_read(&s, oa, 1, &str, NULL, NULL), 0);
	assert_string_equal(str[0], "first");
	pl_spill_close(&s);
}

/* Points TMPDIR at dir; returns what it was (NULL: unset), for
 * restore_tmpdir. */
static char *set_tmpdir(const char *dir)
{
	char *old = getenv("TMPDIR") ? pl_xstrdup(getenv("TMPDIR")) : NULL;
	setenv("TMPDIR", dir, 1);
	return old;
}

static void restore_tmpdir(char *old)
{
	if (old)
		setenv("TMPDIR", old, 1);
	else
		unsetenv("TMPDIR");
	free(old);
}

/* The file is unlinked when created: nothing is left in TMPDIR, even
 * while the spill is open. */
/* A record of more strings than pl_spill_add measures once (32), with
 * lengths on both sides of the one-byte length (255), empty and NULL. */
static void test_many_strings_and_lengths(void **state)
{
	(void)state;
	enum { N = 40 };
	static const size_t lens[] = {0, 1, 254, 255, 256, 70000, 3};
	char *str[N];
	for (size_t i = 0; i < N; i++) {
		size_t n = lens[i % (sizeof lens / sizeof lens[0])];
		str[i] = pl_xmalloc(n + 1);
		memset(str[i], (int)('a' + i % 26), n);
		str[i][n] = '\0';
	}
	free(str[7]);
	str[7] = NULL; /* kept as "" */
	struct pl_spill s;
	assert_int_equal(pl_spill_open(&s), 0);
	uint64_t off[2];
	assert_int_equal(pl_spill_add(&s, (const char *const *)str, N, "xy", 2, &off[0]), 0);
	assert_int_equal(pl_spill_add(&s, (const char *const *)str, 1, NULL, 0, &off[1]), 0);
	for (int k = 1; k >= 0; k--) {
		const char *const *got;
		const void *extra;
		size_t nextra;
		size_t n = k ? 1 : N;
		assert_int_equal(pl_spill_read(&s, off[k], n, &got, &extra, &nextra), 0);
		for (size_t i = 0; i < n; i++)
			assert_string_equal(got[i], str[i] ? str[i] : "");
		assert_int_equal(nextra, k ? 0 : 2);
		if (!k)
			assert_memory_equal(extra, "xy", 2);
	}
	pl_spill_close(&s);
	for (size_t i = 0; i < N; i++)
		free(str[i]);
}

static void test_nothing_left_in_tmpdir(void **state)
{
	(void)state;
	char dir[PATH_MAX];
	unit_tmpdir(dir);
	char *old = set_tmpdir(dir);
	struct pl_spill s;
	assert_int_equal(pl_spill_open(&s), 0);
	const char *str[1] = {"x"};
	uint64_t off;
	assert_int_equal(pl_spill_add(&s, str, 1, NULL, 0, &off), 0);
	assert_int_equal(unit_count_entries(dir), 0);
	pl_spill_close(&s);
	restore_tmpdir(old);
	unit_rmrf(dir);
}

static void test_unusable_tmpdir_is_named(void **state)
{
	(void)state;
	char *old = set_tmpdir("/nonexistent/indeks-test");
	struct pl_spill s;
	assert_int_equal(pl_spill_open(&s), -1);
	assert_non_null(strstr(pl_buf_str(&s.err), "cannot create a temporary file in "
							"'/nonexistent/indeks-test'"));
	pl_spill_close(&s);
	restore_tmpdir(old);
}

/* A write that fails (the file-size limit standing in for a full disk) is
 * an error that says so, not a short record found later. */
static void test_failed_write_is_an_error(void **state)
{
	(void)state;
	struct rlimit old, low;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, SIG_IGN);
	struct pl_spill s;
	assert_int_equal(pl_spill_open(&s), 0);
	low = old;
	low.rlim_cur = 4096;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &low), 0);
	struct pl_buf big = {0};
	for (int k = 0; k < 1000; k++)
		pl_buf_adds(&big, "0123456789");
	const char *str[1] = {pl_buf_str(&big)};
	uint64_t off;
	int rc = 0;
	for (int i = 0; i < 100 && rc == 0; i++)
		rc = pl_spill_add(&s, str, 1, NULL, 0, &off);
	if (rc == 0)
		rc = pl_spill_read(&s, off, 1, NULL, NULL, NULL);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(pl_buf_str(&s.err), "cannot write a temporary file"));
	pl_buf_free(&big);
	pl_spill_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip_in_any_order),
	    cmocka_unit_test(test_block_boundaries),
	    cmocka_unit_test(test_read_while_adding),
	    cmocka_unit_test(test_many_strings_and_lengths),
	    cmocka_unit_test(test_nothing_left_in_tmpdir),
	    cmocka_unit_test(test_unusable_tmpdir_is_named),
	    cmocka_unit_test(test_failed_write_is_an_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
