/*
 * test_util.c: unit tests of pl_util.h (memory, growable buffers, string
 * helpers) and pl_arena.h (the bump allocator of a record's strings).
 *
 * Covers the x-allocators (zero sizes, zeroed calloc, realloc keeping the
 * bytes, strdup/strndup), pl_grow (first capacity, doubling, no-op when big
 * enough), pl_populate (the bytes kept, what pl_grow adds writable), struct pl_buf (empty buffer
 * reads "", binary data with NULs, printf growing past the capacity, reset keeping the memory,
 * free, padding as printf's "%-*s" and "%*s", joining up to a NULL), the ASCII helpers (white
 * space, lower-casing that leaves UTF-8 alone, NULL-aware strcmp), pl_fmt_int (against snprintf's
 * "%lld", from LLONG_MIN to LLONG_MAX), pl_sort (an empty NULL array accepted), pl_squeeze (against
 * the rule byte by byte, on strings ending just before an unreadable page), and the arena (16-byte
 * alignment, allocations that never overlap across blocks, allocations bigger than a block, blocks
 * growing up to 1 MiB, strings packed without gaps and the newest block's bytes (pl_arena_last),
 * reset keeping the first block, free). ASan checks every byte written is owned.
 */
#include <limits.h>

#include "unit.h"

#include "pl_arena.h"

static void test_xalloc(void **state)
{
	(void)state;
	void *p = pl_xmalloc(0);
	assert_non_null(p);
	free(p);

	unsigned char *z = pl_xcalloc(100, 3);
	for (size_t i = 0; i < 300; i++)
		assert_int_equal(z[i], 0);
	free(z);
	p = pl_xcalloc(0, 0);
	assert_non_null(p);
	free(p);

	char *r = pl_xmalloc(4);
	memcpy(r, "abcd", 4);
	r = pl_xrealloc(r, 100000);
	assert_memory_equal(r, "abcd", 4);
	r[99999] = 'z';
	r = pl_xrealloc(r, 0); /* still a valid block */
	assert_non_null(r);
	free(r);

	char *d = pl_xstrdup("Kota Bima");
	assert_string_equal(d, "Kota Bima");
	free(d);
	d = pl_xstrdup("");
	assert_string_equal(d, "");
	free(d);
	d = pl_xstrndup("52.72,Kota", 5);
	assert_string_equal(d, "52.72");
	free(d);
	d = pl_xstrndup("x", 0);
	assert_string_equal(d, "");
	free(d);
}

static void test_grow(void **state)
{
	(void)state;
	int *a = NULL;
	size_t cap = 0;
	pl_grow((void **)&a, &cap, 1, sizeof *a);
	assert_non_null(a);
	assert_true(cap >= 1);
	assert_int_equal(cap, 8); /* the first capacity */
	pl_grow((void **)&a, &cap, 8, sizeof *a);
	assert_int_equal(cap, 8); /* big enough: unchanged */
	pl_grow((void **)&a, &cap, 9, sizeof *a);
	assert_int_equal(cap, 16);
	pl_grow((void **)&a, &cap, 1000, sizeof *a);
	assert_true(cap >= 1000);
	for (size_t i = 0; i < 1000; i++)
		a[i] = (int)i; /* ASan: the whole of need is owned */
	int *before = a;
	pl_grow((void **)&a, &cap, 10, sizeof *a);
	assert_ptr_equal(a, before); /* never shrinks or moves when big enough */
	for (size_t i = 0; i < 1000; i++)
		assert_int_equal(a[i], (int)i);
	free(a);
}

/* pl_populate only brings pages in: what they hold stays, on a range that
 * starts and ends inside pages, and a small or empty range is left alone. */
static void test_populate(void **state)
{
	(void)state;
	enum { N = 1 << 20 };
	unsigned char *p = pl_xmalloc(N);
	for (size_t i = 0; i < N; i++)
		p[i] = (unsigned char)(i * 7);
	pl_populate(p + 123, N - 4567);
	pl_populate(p + 5, 100);
	pl_populate(NULL, 0);
	for (size_t i = 0; i < N; i++)
		assert_int_equal(p[i], (unsigned char)(i * 7));
	/* What pl_grow adds is writable, and the bytes before it are kept. */
	size_t cap = N;
	pl_grow((void **)&p, &cap, 3 * N, 1);
	for (size_t i = 0; i < N; i++)
		assert_int_equal(p[i], (unsigned char)(i * 7));
	memset(p + N, 1, cap - N);
	free(p);
}

static void test_buf_basics(void **state)
{
	(void)state;
	struct pl_buf b = {0};
	assert_string_equal(pl_buf_str(&b), "");
	pl_buf_add(&b, "", 0);
	assert_non_null(b.p); /* NUL-terminated once anything was added */
	assert_string_equal(pl_buf_str(&b), "");
	assert_int_equal(b.len, 0);
	pl_buf_adds(&b, "Kab");
	pl_buf_addc(&b, '.');
	pl_buf_add(&b, " Bimaxyz", 5);
	assert_string_equal(pl_buf_str(&b), "Kab. Bima");
	assert_int_equal(b.len, 9);
	pl_buf_printf(&b, " %d/%s/%05.1f", 52, "72", 3.5);
	assert_string_equal(pl_buf_str(&b), "Kab. Bima 52/72/003.5");
	assert_int_equal(b.len, strlen("Kab. Bima 52/72/003.5"));
	pl_buf_free(&b);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	assert_string_equal(pl_buf_str(&b), "");
}

static void test_buf_binary(void **state)
{
	(void)state;
	struct pl_buf b = {0};
	pl_buf_add(&b, "a\0b", 3);
	pl_buf_addc(&b, '\0');
	pl_buf_addc(&b, 'c');
	assert_int_equal(b.len, 5);
	assert_memory_equal(b.p, "a\0b\0c", 6); /* plus the terminating NUL */
	pl_buf_free(&b);
}

static void test_buf_grows_and_resets(void **state)
{
	(void)state;
	struct pl_buf b = {0};
	char big[3000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	for (int i = 0; i < 10; i++)
		pl_buf_printf(&b, "%s%d", big, i);
	assert_int_equal(b.len, 10 * (sizeof big - 1 + 1));
	assert_int_equal(b.p[2999], '0');
	assert_int_equal(b.p[10 * 3000 - 1], '9');
	assert_int_equal(b.p[b.len], '\0');
	assert_int_equal(strlen(b.p), b.len);
	size_t cap = b.cap;
	char *mem = b.p;
	pl_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(pl_buf_str(&b), "");
	assert_int_equal(b.cap, cap); /* memory kept for the next use */
	assert_ptr_equal(b.p, mem);
	pl_buf_printf(&b, "%s", "");
	assert_string_equal(pl_buf_str(&b), "");
	pl_buf_adds(&b, "again");
	assert_string_equal(pl_buf_str(&b), "again");
	pl_buf_free(&b);

	struct pl_buf e = {0};
	pl_buf_reset(&e); /* on a buffer that never held anything */
	assert_string_equal(pl_buf_str(&e), "");
	pl_buf_printf(&e, "%s", "");
	assert_string_equal(pl_buf_str(&e), "");
	assert_int_equal(e.len, 0);
	pl_buf_free(&e);
}

static void vprintf_into(struct pl_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void vprintf_into(struct pl_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pl_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

/* pl_buf_pad makes what printf's "%-*s" and "%*s" make, for strings
 * shorter than, as long as and longer than the width; pl_buf_cat joins
 * its strings up to the NULL. */
static void test_buf_pad_and_cat(void **state)
{
	(void)state;
	static const char *const texts[] = {"", "a", "spd", "Jumlah Inovasi", "\xC2\xB7x"};
	struct pl_buf got = {0};
	char want[64];
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		for (int width = 0; width <= 16; width++) {
			for (int left = 0; left <= 1; left++) {
				pl_buf_reset(&got);
				pl_buf_adds(&got, "<");
				pl_buf_pad(&got, texts[t], (size_t)width, left);
				pl_buf_adds(&got, ">");
				snprintf(want, sizeof want, left ? "<%-*s>" : "<%*s>", width,
					 texts[t]);
				assert_string_equal(pl_buf_str(&got), want);
			}
		}
	}
	pl_buf_reset(&got);
	pl_buf_cat(&got, (char *)NULL);
	assert_string_equal(pl_buf_str(&got), "");
	pl_buf_cat(&got, "52", ".", "", "72", " / ", "100.00", (char *)NULL);
	assert_string_equal(pl_buf_str(&got), "52.72 / 100.00");
	pl_buf_free(&got);
}

static void test_buf_vprintf(void **state)
{
	(void)state;
	struct pl_buf b = {0};
	pl_buf_adds(&b, ">");
	vprintf_into(&b, "%s:%lu: %s", "method.conf", 10UL, "bad");
	assert_string_equal(pl_buf_str(&b), ">method.conf:10: bad");
	pl_buf_free(&b);

	/* Formatted into the room left, at and around its end: exactly
	 * filling it but the NUL, one byte too long, and into no room. */
	struct pl_buf c = {0};
	pl_grow((void **)&c.p, &c.cap, 16, 1);
	c.p[0] = '\0';
	vprintf_into(&c, "%s%d", "abcdefghijklm", 4); /* 14 bytes and the NUL: fits */
	assert_int_equal(c.cap, 16);
	assert_string_equal(pl_buf_str(&c), "abcdefghijklm4");
	vprintf_into(&c, "%c", 'x'); /* 15 and the NUL: fits exactly */
	assert_int_equal(c.cap, 16);
	vprintf_into(&c, "%d", 42); /* no room: grows */
	assert_string_equal(pl_buf_str(&c), "abcdefghijklm4x42");
	assert_int_equal(c.len, 17);
	vprintf_into(&c, "%s", ""); /* nothing */
	assert_int_equal(c.len, 17);
	pl_buf_free(&c);
	struct pl_buf d = {0};
	vprintf_into(&d, "%05d", 7); /* into an empty buffer */
	assert_string_equal(pl_buf_str(&d), "00007");
	pl_buf_free(&d);
}

static void test_is_blank(void **state)
{
	(void)state;
	assert_true(pl_is_blank(NULL));
	assert_true(pl_is_blank(""));
	assert_true(pl_is_blank(" "));
	assert_true(pl_is_blank(" \t\r\n\v\f"));
	assert_false(pl_is_blank("a"));
	assert_false(pl_is_blank("  a  "));
	assert_false(pl_is_blank("\t0"));
	assert_false(pl_is_blank("\xc2\xa0")); /* UTF-8 no-break space: not ASCII */
}

static void test_ascii_lower(void **state)
{
	(void)state;
	char s[] = "Kota BIMA 52.72 [AZ] @`{ \xc3\x80\xc3\x89";
	pl_ascii_lower(s);
	assert_string_equal(s, "kota bima 52.72 [az] @`{ \xc3\x80\xc3\x89");
	char e[] = "";
	pl_ascii_lower(e);
	assert_string_equal(e, "");
}

static void test_strcmp_null(void **state)
{
	(void)state;
	assert_int_equal(pl_strcmp_null(NULL, NULL), 0);
	assert_true(pl_strcmp_null(NULL, "") < 0);
	assert_true(pl_strcmp_null("", NULL) > 0);
	assert_true(pl_strcmp_null(NULL, "a") < 0);
	assert_true(pl_strcmp_null("a", "b") < 0);
	assert_true(pl_strcmp_null("b", "a") > 0);
	assert_int_equal(pl_strcmp_null("52.72", "52.72"), 0);
	assert_true(pl_strcmp_null("", "a") < 0);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static void int_is(long long v)
{
	char want[32], buf[PL_INT_BUF];
	snprintf(want, sizeof want, "%lld", v);
	assert_ptr_equal(pl_fmt_int(buf, v), buf);
	assert_string_equal(buf, want);
}

static void test_fmt_int(void **state)
{
	(void)state;
	int_is(0);
	int_is(LLONG_MIN);
	int_is(LLONG_MAX);
	int_is(LLONG_MIN + 1);
	/* Every power of ten, one either side, both signs. */
	for (long long p = 1; p <= LLONG_MAX / 10; p *= 10)
		for (long long d = -1; d <= 1; d++) {
			int_is(p + d);
			int_is(-(p + d));
		}
}

static void test_sort(void **state)
{
	(void)state;
	pl_sort(NULL, 0, sizeof(int), cmp_int); /* an empty array may be NULL */
	int one[] = {7};
	pl_sort(one, 1, sizeof one[0], cmp_int);
	assert_int_equal(one[0], 7);
	int v[] = {5, -1, 3, 3, 0, 9, -7};
	pl_sort(v, 7, sizeof v[0], cmp_int);
	const int want[] = {-7, -1, 0, 3, 3, 5, 9};
	assert_memory_equal(v, want, sizeof want);
}

static void test_arena_alloc(void **state)
{
	(void)state;
	struct pl_arena a = {0};
	enum { N = 2000 };
	static unsigned char *p[N];
	static size_t len[N];
	/* Sizes 1..97 bytes, over several 16 KiB blocks. */
	for (size_t i = 0; i < N; i++) {
		len[i] = 1 + (i * 37) % 97;
		p[i] = pl_arena_alloc(&a, len[i]);
		assert_non_null(p[i]);
		assert_int_equal((uintptr_t)p[i] % 16, 0);
		memset(p[i], (int)(i & 0xff), len[i]);
	}
	/* Nothing overlapped: every allocation still holds its own byte. */
	for (size_t i = 0; i < N; i++)
		for (size_t j = 0; j < len[i]; j++)
			assert_int_equal(p[i][j], i & 0xff);
	/* A block bigger than the usual one. */
	unsigned char *huge = pl_arena_alloc(&a, 100000);
	assert_int_equal((uintptr_t)huge % 16, 0);
	memset(huge, 0xab, 100000);
	assert_int_equal(p[N - 1][0], (N - 1) & 0xff);
	void *zero = pl_arena_alloc(&a, 0);
	(void)zero;
	pl_arena_free(&a);
	assert_null(a.head);
}

static void test_arena_strings(void **state)
{
	(void)state;
	struct pl_arena a = {0};
	char *s = pl_arena_strdup(&a, "Kabupaten Lampung Selatan");
	char *t = pl_arena_strndup(&a, "18.01,rest", 5);
	char *e = pl_arena_strdup(&a, "");
	char *n = pl_arena_strndup(&a, "a\0b", 3);
	assert_string_equal(s, "Kabupaten Lampung Selatan");
	assert_string_equal(t, "18.01");
	assert_string_equal(e, "");
	assert_memory_equal(n, "a\0b\0", 4);
	assert_true(s != t && t != e && e != n);
	pl_arena_free(&a);
}

/* Strings are packed one after another, objects still aligned, and
 * pl_arena_last holds what the newest block got. */
static void test_arena_packed(void **state)
{
	(void)state;
	struct pl_arena a = {0};
	size_t len = 1;
	assert_null(pl_arena_last(&a, &len));
	assert_int_equal(len, 0);
	char *s = pl_arena_strdup(&a, "2023");
	char *t = pl_arena_strndup(&a, "52,rest", 2);
	char *e = pl_arena_strdup(&a, "");
	assert_ptr_equal(t, s + 5);
	assert_ptr_equal(e, t + 3);
	void *obj = pl_arena_alloc(&a, 8);
	assert_int_equal((uintptr_t)obj % 16, 0);
	const char *last = pl_arena_last(&a, &len);
	assert_ptr_equal(last, s);
	assert_int_equal(len, (size_t)((char *)obj + 8 - s));
	/* Outgrown (blocks are 16 KiB): the newest block holds only what came
	 * after. */
	char big[10000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	char *b1 = pl_arena_strdup(&a, big);
	assert_ptr_equal(b1, (char *)obj + 8);
	char *b2 = pl_arena_strdup(&a, big);
	char *after = pl_arena_strdup(&a, "after");
	last = pl_arena_last(&a, &len);
	assert_ptr_equal(last, b2);
	assert_int_equal(len, sizeof big + 6);
	assert_ptr_equal(after, b2 + sizeof big);
	assert_string_equal(s, "2023"); /* the older block is kept until reset */
	pl_arena_reset(&a);
	last = pl_arena_last(&a, &len);
	assert_ptr_equal(last, s);
	assert_int_equal(len, 0);
	pl_arena_free(&a);
}

/* An arena that keeps growing takes larger blocks, up to 1 MiB: the
 * newest block's bytes (pl_arena_last) outgrow the first block's 16 KiB
 * and never pass 1 MiB, and everything stays where it was put. */
static void test_arena_blocks_grow(void **state)
{
	(void)state;
	struct pl_arena a = {0};
	enum { N = 6000, LEN = 999 };
	static char *p[N];
	char s[LEN + 1];
	size_t len, most = 0;
	for (size_t i = 0; i < N; i++) {
		memset(s, 'a' + (int)(i % 26), LEN);
		s[LEN] = '\0';
		p[i] = pl_arena_strdup(&a, s);
		pl_arena_last(&a, &len);
		if (len > most)
			most = len;
	}
	assert_true(most > 512 * 1024);
	assert_true(most <= 1024 * 1024);
	for (size_t i = 0; i < N; i++) {
		assert_int_equal(strlen(p[i]), LEN);
		assert_int_equal(p[i][0], 'a' + (int)(i % 26));
		assert_int_equal(p[i][LEN - 1], 'a' + (int)(i % 26));
	}
	pl_arena_free(&a);
}

static void test_arena_reset(void **state)
{
	(void)state;
	struct pl_arena a = {0};
	char *first = pl_arena_alloc(&a, 10);
	/* Fill several more blocks, including one oversized. */
	for (int i = 0; i < 1000; i++)
		memset(pl_arena_alloc(&a, 100), 1, 100);
	memset(pl_arena_alloc(&a, 50000), 2, 50000);
	pl_arena_reset(&a);
	assert_non_null(a.head);
	/* The first block is kept, emptied: the next allocation starts it. */
	char *again = pl_arena_alloc(&a, 10);
	assert_ptr_equal(again, first);
	memset(again, 3, 10);
	pl_arena_reset(&a);
	pl_arena_reset(&a); /* twice in a row is harmless */
	assert_ptr_equal(pl_arena_alloc(&a, 1), first);
	pl_arena_free(&a);
	assert_null(a.head);
	/* A freed arena can be used again, and reset on an empty one works. */
	pl_arena_reset(&a);
	assert_null(a.head);
	char *s = pl_arena_strdup(&a, "again");
	assert_string_equal(s, "again");
	pl_arena_free(&a);
	pl_arena_free(&a);
}

/* What pl_squeeze must make of s, by the rule and byte by byte. */
static void squeezed(const char *s, char *out)
{
	char *o = out;
	int gap = 0;
	for (; *s; s++) {
		if (strchr(" \t\n\v\f\r", *s)) {
			gap = o != out;
			continue;
		}
		if (gap)
			*o++ = ' ';
		gap = 0;
		*o++ = *s;
	}
	*o = '\0';
}

/* pl_squeeze looks at 16 bytes at a time: strings of every length up to
 * past that, of letters, spaces, other white space and a control byte
 * that is kept, ending at every distance from the end of a page that is
 * followed by one that cannot be read, so that a look past the string's
 * end onto the next page would crash. */
static void test_squeeze(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
	    {"", ""},
	    {" ", ""},
	    {"\t", ""},
	    {"7", "7"},
	    {"\x01", "\x01"},
	    {"Kota Bima", "Kota Bima"},
	    {"  Kota   Bima  ", "Kota Bima"},
	    {"Kota\tBima\r\n", "Kota Bima"},
	    {"\x01 a", "\x01 a"},
	    {"a \x01", "a \x01"},
	    {"a  \x01", "a \x01"},
	    {"Badan Pengelolaan Keuangan dan Aset Daerah",
	     "Badan Pengelolaan Keuangan dan Aset Daerah"},
	    {"fifteen bytes..  x", "fifteen bytes.. x"},
	    {"fifteen bytes.. ", "fifteen bytes.."},
	};
	char buf[64], want[64];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(buf, sizeof buf, "%s", cases[i].in);
		pl_squeeze(buf);
		assert_string_equal(buf, cases[i].want);
	}
	char *end = unit_guarded_end();
	static const char alphabet[] = {'a', 'b', ' ', ' ', ' ', '\t', '\n', '\x01'};
	unsigned long seed = 1;
	for (size_t len = 0; len <= 40; len++) {
		for (size_t gap = 0; gap <= 18; gap++) {
			char *s = end - gap - len - 1;
			for (int k = 0; k < 40; k++) {
				for (size_t i = 0; i < len; i++) {
					seed = seed * 6364136223846793005UL + 1442695040888963407UL;
					s[i] = alphabet[(seed >> 33) % sizeof alphabet];
				}
				s[len] = '\0';
				squeezed(s, want);
				pl_squeeze(s);
				assert_string_equal(s, want);
			}
		}
	}
	unit_guard_free(end);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_xalloc),
	    cmocka_unit_test(test_grow),
	    cmocka_unit_test(test_populate),
	    cmocka_unit_test(test_buf_basics),
	    cmocka_unit_test(test_buf_binary),
	    cmocka_unit_test(test_buf_grows_and_resets),
	    cmocka_unit_test(test_buf_pad_and_cat),
	    cmocka_unit_test(test_buf_vprintf),
	    cmocka_unit_test(test_is_blank),
	    cmocka_unit_test(test_ascii_lower),
	    cmocka_unit_test(test_strcmp_null),
	    cmocka_unit_test(test_fmt_int),
	    cmocka_unit_test(test_sort),
	    cmocka_unit_test(test_arena_alloc),
	    cmocka_unit_test(test_arena_strings),
	    cmocka_unit_test(test_arena_packed),
	    cmocka_unit_test(test_arena_blocks_grow),
	    cmocka_unit_test(test_arena_reset),
	    cmocka_unit_test(test_squeeze),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
