/*
 * test_ingest_chunks.c: every bundled submission file gives the same
 * records whatever the read size.
 *
 * The read size reaches only the readers: pl_csvread for CSV (both its
 * passes: the whole-file scan and the parse) and pl_slurp for XML; what
 * ingest builds from their records cannot see it. So:
 *
 * - every CSV file under fixtures/submissions/ (plain or gzip, any
 *   dialect or layout) is read by pl_csvread, with detection on as ingest
 *   reads it, with every read size from 1 byte to one past its size
 *   (uncompressed, for a .gz), and must give the same records (fields,
 *   start lines, errors) as with the default size;
 * - every file, XML included, goes through the whole ingest stage with
 *   the read sizes 1 to 64, every 61st, and its size and one past, and
 *   everything ingest sends (records, answers, rejects, warnings, the src
 *   record) must be the same text each time.
 *
 * The sanitizer build (make test runs both) reads with every size up to
 * 256 and then every 61st: a memory error at a chunk boundary shows with
 * small chunks, and the full range, which costs the square of the sizes,
 * would take minutes there. The reader is also checked this way on made-up
 * inputs in test_csvread and test_csvdetect.
 */
#include "unit.h"

#include <dirent.h>
#include <zlib.h>

#include "ingest.h"
#include "pl_csvread.h"
#include "pl_record.h"

#if defined(__SANITIZE_ADDRESS__)
static const int sanitized = 1;
#else
static const int sanitized = 0;
#endif

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int is_csv(const char *path)
{
	return has_suffix(path, ".csv") || has_suffix(path, ".tsv") ||
	       has_suffix(path, ".csv.gz") || has_suffix(path, ".tsv.gz");
}

/* The bytes a reader sees: decompressed for a gzip file. */
static size_t content_size(const char *path)
{
	gzFile gz = gzopen(path, "rb");
	if (!gz)
		fail_msg("cannot open %s", path);
	char buf[8192];
	size_t n = 0;
	int got;
	while ((got = gzread(gz, buf, sizeof buf)) > 0)
		n += (size_t)got;
	gzclose(gz); /* a corrupt file's size is what could be read */
	return n;
}

/* ---------------------------------------------------------- the reader */

static int record_text(void *ctx, const struct pl_csv_record *rec)
{
	struct pl_buf *b = ctx;
	pl_buf_printf(b, "%lu:", rec->line);
	if (rec->error)
		pl_buf_printf(b, "!%s", pl_reject_name(rec->error));
	for (size_t i = 0; i < rec->nf; i++)
		pl_buf_printf(b, "[%s]", rec->f[i]);
	pl_buf_addc(b, '\n');
	return 0;
}

static char *reader_text(const char *path, size_t chunk)
{
	struct pl_buf b = {0};
	pl_buf_adds(&b, "");
	struct pl_csv_opts o = {.chunk = chunk, .detect = 1};
	struct pl_csv_error err = {0};
	int rc = pl_csv_read(path, &o, record_text, &b, &err);
	pl_buf_printf(&b, "rc %d %s\n", rc, rc < 0 ? pl_reject_name(err.code) : "");
	return b.p;
}

/* ---------------------------------------------------------- the stage */

static int group_text(void *self, struct pl_group *g)
{
	struct pl_buf *b = self;
	const struct pl_schema *sc = pl_schema_of(g->head.kind);
	pl_buf_adds(b, sc->tag);
	for (size_t i = 0; i < sc->nf; i++)
		pl_buf_printf(b, "|%s", g->head.f[i] ? g->head.f[i] : "\\N");
	pl_buf_addc(b, '\n');
	for (size_t a = 0; a < g->nans; a++) {
		pl_buf_adds(b, "  ans");
		for (size_t i = 0; i < PL_ANS_NF; i++)
			pl_buf_printf(b, "|%s", g->ans[a].f[i] ? g->ans[a].f[i] : "\\N");
		pl_buf_addc(b, '\n');
	}
	return 0;
}

static char *ingest_text(const char *path, size_t chunk)
{
	struct pl_buf b = {0};
	pl_buf_adds(&b, "");
	struct pl_ctx ctx = {.lang = PL_LANG_EN};
	struct pl_sink sink = {group_text, &b};
	struct ingest_opts o = {.chunk = chunk};
	const char *in[] = {path};
	if (ingest_run(in, 1, &o, &ctx, sink) != 0)
		fail_msg("%s: ingest failed: %s", path, pl_buf_str(&ctx.err));
	pl_buf_free(&ctx.err);
	return b.p;
}

/* ---------------------------------------------------------- the walk */

struct tally {
	size_t files, reads;
};

typedef void (*per_file)(const char *path, struct tally *t);

static void walk(const char *dir, per_file fn, struct tally *t)
{
	DIR *d = opendir(dir);
	if (!d)
		fail_msg("cannot open %s", dir);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		struct pl_buf p = {0};
		pl_buf_printf(&p, "%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(p.p, &st) == 0 && S_ISDIR(st.st_mode))
			walk(p.p, fn, t);
		else
			fn(p.p, t);
		pl_buf_free(&p);
	}
	closedir(d);
}

static void reader_every_size(const char *path, struct tally *t)
{
	if (!is_csv(path))
		return;
	char *want = reader_text(path, 0);
	size_t size = content_size(path);
	for (size_t chunk = 1; chunk <= size + 1; chunk++) {
		if (sanitized && chunk > 256 && chunk % 61 && chunk < size)
			continue;
		char *got = reader_text(path, chunk);
		if (strcmp(got, want) != 0)
			fail_msg("%s read %zu bytes at a time:\n--- got\n%s--- want\n%s", path, chunk,
				 got, want);
		free(got);
		t->reads++;
	}
	free(want);
	t->files++;
}

static void stage_sizes(const char *path, struct tally *t)
{
	char *want = ingest_text(path, 0);
	assert_non_null(strstr(want, "src|"));
	size_t size = content_size(path);
	for (size_t chunk = 1; chunk <= size + 1; chunk++) {
		if (chunk > 64 && chunk % 61 && chunk < size)
			continue;
		char *got = ingest_text(path, chunk);
		if (strcmp(got, want) != 0)
			fail_msg("%s read %zu bytes at a time:\n--- got\n%s--- want\n%s", path, chunk,
				 got, want);
		free(got);
		t->reads++;
	}
	free(want);
	t->files++;
}

static void test_reader_every_size(void **state)
{
	(void)state;
	char root[PATH_MAX];
	unit_find_up("fixtures/submissions", root);
	struct tally t = {0};
	walk(root, reader_every_size, &t);
	print_message("%zu CSV files, %zu reads\n", t.files, t.reads);
	assert_true(t.files >= 60);
}

static void test_stage_sizes(void **state)
{
	(void)state;
	char root[PATH_MAX];
	unit_find_up("fixtures/submissions", root);
	struct tally t = {0};
	walk(root, stage_sizes, &t);
	print_message("%zu files, %zu runs of ingest\n", t.files, t.reads);
	assert_true(t.files >= 70);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reader_every_size),
		cmocka_unit_test(test_stage_sizes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
