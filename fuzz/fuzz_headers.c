/*
 * fuzz_headers.c: libFuzzer target for the header mapping.
 *
 * The input is used twice. As a list of header names (one per line), each
 * is folded and mapped through the shipped synonym table: folding must be
 * idempotent and give only lower-case letters, digits, non-ASCII bytes and
 * single inner underscores; a mapped name must fold to itself. As a
 * synonym table, it is loaded and, when it loads, every line is mapped
 * through it.
 *
 * Built with clang -fsanitize=fuzzer by `make fuzz`; tests/fuzz/replay.c
 * runs the same function on the kept inputs in `make test`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pl_headers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond, what)                                                       \
	do {                                                                    \
		if (!(cond)) {                                                  \
			fprintf(stderr, "fuzz check failed: %s\n", what);       \
			abort();                                                \
		}                                                               \
	} while (0)

static void check_folded(const char *s)
{
	size_t n = strlen(s);
	CHECK(n == 0 || (s[0] != '_' && s[n - 1] != '_'), "an underscore at an end");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		CHECK(c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_',
		      "a character folding should have removed");
		CHECK(!(c == '_' && i + 1 < n && s[i + 1] == '_'), "two underscores");
	}
}

static void check_name(const struct pl_headers *h, const char *name)
{
	struct pl_buf a = {0}, b = {0};
	pl_header_fold(name, &a);
	check_folded(pl_buf_str(&a));
	pl_header_fold(pl_buf_str(&a), &b);
	CHECK(strcmp(pl_buf_str(&a), pl_buf_str(&b)) == 0, "folding is not idempotent");
	if (pl_headers_map(h, name, &a)) {
		pl_header_fold(pl_buf_str(&a), &b);
		CHECK(strcmp(pl_buf_str(&a), pl_buf_str(&b)) == 0, "a canonical name that is not folded");
	}
	pl_buf_free(&a);
	pl_buf_free(&b);
}

static void each_line(const char *text, size_t size, const struct pl_headers *h)
{
	size_t i = 0;
	while (i <= size) {
		const char *nl = memchr(text + i, '\n', size - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : size - i;
		char *line = pl_xstrndup(text + i, n);
		check_name(h, line);
		free(line);
		i += n + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy with a NUL after it: names are C strings. */
	char *text = pl_xstrndup((const char *)data, size);
	size = strlen(text);
	const struct pl_headers *def = pl_headers_default(NULL);
	CHECK(def != NULL, "the shipped table does not load");
	each_line(text, size, def);
	struct pl_headers h;
	struct pl_buf err = {0};
	if (pl_headers_load(&h, text, size, &err) == 0) {
		each_line(text, size, &h);
		pl_headers_free(&h);
	} else {
		CHECK(err.len > 0, "a table refused without a reason");
	}
	pl_buf_free(&err);
	free(text);
	return 0;
}
