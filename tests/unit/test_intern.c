/* pl_intern: one copy and one number per distinct string; pl_hash. */
#include "unit.h"

#include "pl_intern.h"

/* FNV-1a's published test vectors (64-bit). */
static void test_hash_vectors(void **state)
{
	(void)state;
	assert_true(pl_hash(PL_HASH_INIT, "", 0) == 0xcbf29ce484222325ULL);
	assert_true(pl_hash(PL_HASH_INIT, "a", 1) == 0xaf63dc4c8601ec8cULL);
	assert_true(pl_hash(PL_HASH_INIT, "foobar", 6) == 0x85944171f73967e8ULL);
	/* Continuing from a hash is hashing the concatenation. */
	uint64_t h = pl_hash(PL_HASH_INIT, "foo", 3);
	assert_true(pl_hash(h, "bar", 3) == 0x85944171f73967e8ULL);
}

static void test_numbers_in_order_of_first_appearance(void **state)
{
	(void)state;
	struct pl_intern t = {0};
	assert_int_equal(pl_intern_find(&t, "x"), -1);
	assert_int_equal(pl_intern_add(&t, "11.01"), 0);
	assert_int_equal(pl_intern_add(&t, "11.02"), 1);
	assert_int_equal(pl_intern_add(&t, "11.01"), 0);
	assert_int_equal(pl_intern_add(&t, NULL), 2); /* NULL is "" */
	assert_int_equal(pl_intern_add(&t, ""), 2);
	assert_int_equal(pl_intern_find(&t, "11.02"), 1);
	assert_int_equal(pl_intern_find(&t, NULL), 2);
	assert_int_equal(pl_intern_find(&t, "11.03"), -1);
	assert_string_equal(pl_intern_str(&t, 0), "11.01");
	assert_string_equal(pl_intern_str(&t, 2), "");
	pl_intern_free(&t);
	assert_int_equal(t.n, 0);
}

/* Enough strings to grow the table many times: every number and every
 * pointer stays what it was when the string was added. */
static void test_many_strings_keep_numbers_and_pointers(void **state)
{
	(void)state;
	enum { N = 50000 };
	struct pl_intern t = {0};
	const char **first = pl_xmalloc(N * sizeof *first);
	char buf[32];
	for (int i = 0; i < N; i++) {
		snprintf(buf, sizeof buf, "file-%d.csv", i);
		assert_int_equal(pl_intern_add(&t, buf), i);
		first[i] = pl_intern_str(&t, (uint32_t)i);
	}
	for (int i = N - 1; i >= 0; i--) {
		snprintf(buf, sizeof buf, "file-%d.csv", i);
		assert_int_equal(pl_intern_add(&t, buf), i);
		assert_int_equal(pl_intern_find(&t, buf), i);
		assert_ptr_equal(pl_intern_str(&t, (uint32_t)i), first[i]);
		assert_string_equal(first[i], buf);
	}
	assert_int_equal(t.n, N);
	assert_int_equal(pl_intern_find(&t, "file-50000.csv"), -1);
	free(first);
	pl_intern_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hash_vectors),
	    cmocka_unit_test(test_numbers_in_order_of_first_appearance),
	    cmocka_unit_test(test_many_strings_keep_numbers_and_pointers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
