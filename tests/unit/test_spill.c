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
	    cmocka_unit_test(test_many_strings_and_lengths),
	    cmocka_unit_test(test_nothing_left_in_tmpdir),
	    cmocka_unit_test(test_unusable_tmpdir_is_named),
	    cmocka_unit_test(test_failed_write_is_an_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
