/*
 * test_outdir_copy.c: unit tests of the pl_outdir.h functions behind the
 * warehouse's raw copies: pl_outdir_gzip_as and pl_outdir_remove.
 *
 * Covers: a gzip copy made from a scratch file under another name holds
 * the scratch file's bytes (not those of the file published under the
 * plain name), and once the scratch file is removed only the file and its
 * copy are published; a copy whose source is missing fails naming the
 * copy as it would have been published; a copy whose name is taken fails
 * (never overwrites); a bad level fails; removing a file that is not
 * there fails naming it.
 */
#include "unit.h"

#include "pl_outdir.h"

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

static void put_file(struct pl_outdir *o, const char *name, const char *text)
{
	struct pl_buf err = {0};
	FILE *fp = pl_outdir_create(o, name, &err);
	if (!fp)
		fail_msg("create %s: %s", name, pl_buf_str(&err));
	assert_true(fputs(text, fp) >= 0);
	if (pl_outdir_close(o, fp, name, &err) != 0)
		fail_msg("close %s: %s", name, pl_buf_str(&err));
	pl_buf_free(&err);
}

static void test_copy_from_scratch(void **state)
{
	(void)state;
	struct pl_buf run = unit_join(tmp, "run"), err = {0};
	struct pl_outdir o;
	assert_int_equal(pl_outdir_begin(&o, run.p, &err), 0);
	put_file(&o, "innovations.csv", "nama\n\"'=HYPERLINK(1)\"\n");
	put_file(&o, ".innovations.csv.raw", "nama\n=HYPERLINK(1)\n");
	assert_int_equal(
	    pl_outdir_gzip_as(&o, ".innovations.csv.raw", "innovations.csv.gz", 6, &err), 0);
	assert_int_equal(pl_outdir_remove(&o, ".innovations.csv.raw", &err), 0);
	assert_int_equal(pl_outdir_commit(&o, &err), 0);
	assert_int_equal(unit_count_entries(run.p), 2);
	struct pl_buf gz = unit_join(run.p, "innovations.csv.gz");
	char *raw = unit_read_gz(gz.p, NULL);
	assert_string_equal(raw, "nama\n=HYPERLINK(1)\n");
	free(raw);
	pl_buf_free(&gz);
	pl_buf_free(&run);
	pl_buf_free(&err);
}

static void test_failures(void **state)
{
	(void)state;
	struct pl_buf run = unit_join(tmp, "run"), err = {0};
	struct pl_outdir o;
	assert_int_equal(pl_outdir_begin(&o, run.p, &err), 0);
	put_file(&o, "a.csv", "x\n");
	put_file(&o, "a.csv.gz", "taken\n");
	/* the source is missing: the copy is named as it would be published */
	assert_int_equal(pl_outdir_gzip_as(&o, ".missing.raw", "b.csv.gz", 6, &err), -1);
	assert_non_null(strstr(pl_buf_str(&err), "b.csv.gz"));
	assert_null(strstr(pl_buf_str(&err), ".tmp-"));
	/* the name is taken: refused, the file there is left alone */
	assert_int_equal(pl_outdir_gzip_as(&o, "a.csv", "a.csv.gz", 6, &err), -1);
	/* a level out of range */
	assert_int_equal(pl_outdir_gzip_as(&o, "a.csv", "c.csv.gz", 0, &err), -1);
	/* nothing to remove */
	assert_int_equal(pl_outdir_remove(&o, ".nothing.raw", &err), -1);
	assert_non_null(strstr(pl_buf_str(&err), ".nothing.raw"));
	assert_int_equal(pl_outdir_commit(&o, &err), 0);
	assert_int_equal(unit_count_entries(run.p), 2);
	struct pl_buf taken = unit_join(run.p, "a.csv.gz");
	size_t n;
	char *text = unit_read(taken.p, &n);
	assert_string_equal(text, "taken\n");
	free(text);
	pl_buf_free(&taken);
	pl_buf_free(&run);
	pl_buf_free(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_copy_from_scratch, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_failures, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
