/*
 * test_sha256.c: unit tests of pl_sha256.h against the FIPS 180-4 / NIST
 * test vectors.
 *
 * Covers: the FIPS 180-4 examples ("abc", the 448-bit and 896-bit
 * messages), the empty message, one million 'a' (fed in uneven pieces),
 * the NIST CAVS byte vectors of 1 and 4 bytes; messages of 55, 56, 63,
 * 64, 65, 119, 120, 127 and 128 bytes, where the padding spills into a
 * second block (expected digests from an independent implementation,
 * Python's hashlib); the same digest whatever the split of the input into
 * update calls; the hex form; a whole file and its size; a missing file.
 */
#include "unit.h"

#include "pl_sha256.h"

static void digest_is(const void *data, size_t n, const char *want)
{
	char hex[PL_SHA256_HEX];
	pl_sha256_hex_of(data, n, hex);
	assert_string_equal(hex, want);
}

static void test_fips_examples(void **state)
{
	(void)state;
	digest_is("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	digest_is("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	digest_is(m448, strlen(m448),
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	const char *m896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
			   "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	digest_is(m896, strlen(m896),
		  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void test_cavs_bytes(void **state)
{
	(void)state;
	const unsigned char one[] = {0xbd};
	digest_is(one, 1, "68325720aabd7c82f30f554b313d0570c95accbb7dc4b5aae11204c08ffe732b");
	const unsigned char four[] = {0xc9, 0x8c, 0x8e, 0x55};
	digest_is(four, 4, "7abc22c0ae5af26ce93dbb94433a0e0b2e119d014f8e7f65bd56c61ccccd9504");
}

static void test_million_a(void **state)
{
	(void)state;
	char *a = pl_xmalloc(1000000);
	memset(a, 'a', 1000000);
	digest_is(a, 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	/* The same in pieces of 1, 2, ... 999 bytes: every buffer offset. */
	struct pl_sha256 s;
	pl_sha256_init(&s);
	size_t off = 0;
	for (size_t k = 1; off < 1000000; k = k % 999 + 1) {
		size_t n = 1000000 - off < k ? 1000000 - off : k;
		pl_sha256_update(&s, a + off, n);
		off += n;
	}
	unsigned char d[PL_SHA256_LEN];
	char hex[PL_SHA256_HEX];
	pl_sha256_final(&s, d);
	pl_sha256_hex(d, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(a);
}

static void test_padding_boundaries(void **state)
{
	(void)state;
	static const struct {
		size_t n;
		const char *want;
	} cases[] = {
		{55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"},
		{56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"},
		{63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"},
		{64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"},
		{65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"},
		{119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"},
		{120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"},
		{127, "a8d23e75d936f303d248888d9b165ee543f4cbafcad3c9dd2a79bd84faa11d07"},
		{128, "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6"},
	};
	unsigned char m[128];
	for (size_t i = 0; i < sizeof m; i++)
		m[i] = (unsigned char)((i * 7 + 3) & 255);
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		digest_is(m, cases[c].n, cases[c].want);
		/* Split at every point: two update calls give the same digest. */
		for (size_t cut = 0; cut <= cases[c].n; cut++) {
			struct pl_sha256 s;
			unsigned char d[PL_SHA256_LEN];
			char hex[PL_SHA256_HEX];
			pl_sha256_init(&s);
			pl_sha256_update(&s, m, cut);
			pl_sha256_update(&s, m + cut, cases[c].n - cut);
			pl_sha256_final(&s, d);
			pl_sha256_hex(d, hex);
			if (strcmp(hex, cases[c].want))
				fail_msg("%zu bytes split at %zu: %s", cases[c].n, cut, hex);
		}
	}
}

static void test_file(void **state)
{
	(void)state;
	char dir[PATH_MAX];
	unit_tmpdir(dir);
	struct pl_buf p = unit_join(dir, "abc.txt");
	unit_write_str(p.p, "abc");
	char hex[PL_SHA256_HEX];
	uint64_t size = 0;
	assert_int_equal(pl_sha256_file(p.p, hex, &size), 0);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(size, 3);
	/* A file over the read chunk: 200000 bytes of 'a' and a newline. */
	struct pl_buf big = unit_join(dir, "big.txt");
	char *a = pl_xmalloc(200001);
	memset(a, 'a', 200000);
	a[200000] = '\n';
	unit_write(big.p, a, 200001);
	char want[PL_SHA256_HEX];
	pl_sha256_hex_of(a, 200001, want);
	assert_int_equal(pl_sha256_file(big.p, hex, &size), 0);
	assert_string_equal(hex, want);
	assert_int_equal(size, 200001);
	struct pl_buf none = unit_join(dir, "missing.txt");
	errno = 0;
	assert_int_equal(pl_sha256_file(none.p, hex, &size), -1);
	assert_int_equal(errno, ENOENT);
	free(a);
	pl_buf_free(&none);
	pl_buf_free(&big);
	pl_buf_free(&p);
	unit_rmrf(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fips_examples),
		cmocka_unit_test(test_cavs_bytes),
		cmocka_unit_test(test_million_a),
		cmocka_unit_test(test_padding_boundaries),
		cmocka_unit_test(test_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
