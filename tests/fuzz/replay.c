/*
 * replay.c: runs a fuzz target, without libFuzzer, on every kept input.
 *
 * Built once per target (FUZZ_TARGET names it: csv, xml, headers) and
 * linked with fuzz/fuzz_<target>.c, so `make test` feeds each input that
 * once crashed or broke a check (tests/fuzz/<target>/) and each seed of
 * the corpus (fuzz/corpus/<target>/) to the same function libFuzzer
 * calls, in both builds (under ASan and UBSan in build/san). A failure
 * aborts, so the test fails with the input named last.
 *
 * Prints one line per input and, last, "[  PASSED  ] N test(s)." in
 * cmocka's words, so tests/run-suite.sh counts each input as one case.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pl_util.h"

#ifndef FUZZ_TARGET
#error "FUZZ_TARGET names the target"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Looks for dir from the working directory up (tests run from the root;
 * running the binary from build/tests works too). */
static DIR *open_up(const char *dir, struct pl_buf *found)
{
	const char *ups[] = {"", "../", "../../", "../../../"};
	for (size_t i = 0; i < sizeof ups / sizeof ups[0]; i++) {
		pl_buf_reset(found);
		pl_buf_printf(found, "%s%s", ups[i], dir);
		DIR *d = opendir(found->p);
		if (d)
			return d;
	}
	return NULL;
}

static int replay_dir(const char *dir, int *count)
{
	struct pl_buf path = {0};
	DIR *d = open_up(dir, &path);
	if (!d) {
		fprintf(stderr, "cannot find %s (run from the repository root)\n", dir);
		pl_buf_free(&path);
		return -1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || strcmp(e->d_name, "README.md") == 0)
			continue;
		pl_grow((void **)&names, &cap, n + 1, sizeof *names);
		names[n++] = pl_xstrdup(e->d_name);
	}
	closedir(d);
	pl_sort(names, n, sizeof *names, by_name);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		struct pl_buf file = {0}, data = {0};
		pl_buf_printf(&file, "%s/%s", path.p, names[i]);
		FILE *fp = fopen(file.p, "rb");
		if (!fp) {
			fprintf(stderr, "cannot open %s\n", file.p);
			rc = -1;
		} else {
			char buf[4096];
			size_t got;
			while ((got = fread(buf, 1, sizeof buf, fp)) > 0)
				pl_buf_add(&data, buf, got);
			fclose(fp);
			printf("replay %s (%zu bytes)\n", file.p, data.len);
			fflush(stdout);
			LLVMFuzzerTestOneInput((const uint8_t *)(data.p ? data.p : ""), data.len);
			(*count)++;
		}
		pl_buf_free(&file);
		pl_buf_free(&data);
		free(names[i]);
	}
	free(names);
	pl_buf_free(&path);
	return rc;
}

int main(void)
{
	int count = 0, rc = 0;
	/* The findings folder exists only once a fuzzer found something for
	 * this target (git keeps no empty folder); the seeds always exist, and
	 * finding them proves the replay runs from the repository root. */
	struct pl_buf findings = {0};
	DIR *d = open_up("tests/fuzz/" FUZZ_TARGET, &findings);
	pl_buf_free(&findings);
	if (d) {
		closedir(d);
		rc = replay_dir("tests/fuzz/" FUZZ_TARGET, &count);
	}
	if (replay_dir("fuzz/corpus/" FUZZ_TARGET, &count) < 0)
		rc = -1;
	if (rc < 0 || count == 0) {
		fprintf(stderr, "no inputs replayed\n");
		return 1;
	}
	printf("[  PASSED  ] %d test(s).\n", count);
	return 0;
}
