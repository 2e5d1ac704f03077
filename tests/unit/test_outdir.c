/*
 * test_outdir.c: unit tests of pl_outdir.h, publishing a folder of outputs
 * all at once or not at all.
 *
 * Covers: files are written into a hidden staging folder beside the target,
 * and the target does not exist until commit; commit publishes every file
 * with its content and leaves no staging folder; a watcher process that
 * polls for the target never sees it with only part of the files; an
 * existing target (folder, file or dangling link) is refused by begin and
 * left untouched; abort removes the staging folder and everything in it;
 * a second file of the same name is refused; a write that was lost (to
 * /dev/full) makes pl_outdir_close fail naming the file; a target that
 * appears between begin and commit makes commit fail and clean up (an
 * empty one too: a known bug, reported, see the test); a relative target
 * without a folder part; a parent folder that is missing.
 */
#include "unit.h"

#include <signal.h>
#include <sys/wait.h>
#include <time.h>

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

/* A fresh sub-folder of tmp, as the parent of a target. */
static struct pl_buf parent_dir(const char *name)
{
	unit_mkdir_in(tmp, name);
	return unit_join(tmp, name);
}

static void put_file(struct pl_outdir *o, const char *name, const char *text)
{
	struct pl_buf err = {0};
	FILE *fp = pl_outdir_create(o, name, &err);
	if (!fp)
		fail_msg("create %s: %s", name, pl_buf_str(&err));
	assert_int_equal(fputs(text, fp) >= 0, 1);
	if (pl_outdir_close(o, fp, name, &err) != 0)
		fail_msg("close %s: %s", name, pl_buf_str(&err));
	pl_buf_free(&err);
}

static void assert_file_is(const char *dir, const char *name, const char *want)
{
	struct pl_buf p = unit_join(dir, name);
	char *text = unit_read(p.p, NULL);
	assert_string_equal(text, want);
	free(text);
	pl_buf_free(&p);
}

/* The only entry of dir, which must have exactly one. */
static char *only_entry(const char *dir)
{
	assert_int_equal(unit_count_entries(dir), 1);
	DIR *d = opendir(dir);
	struct dirent *e;
	char *name = NULL;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			name = pl_xstrdup(e->d_name);
	closedir(d);
	return name;
}

static void test_commit_publishes(void **state)
{
	(void)state;
	struct pl_buf parent = parent_dir("commit");
	struct pl_buf final = unit_join(parent.p, "out-2023");
	struct pl_outdir o;
	struct pl_buf err = {0};
	if (pl_outdir_begin(&o, final.p, &err) != 0)
		fail_msg("%s", pl_buf_str(&err));

	/* Staging: hidden, beside the target, and the target not there yet. */
	char *staging = only_entry(parent.p);
	assert_int_equal(staging[0], '.');
	struct pl_buf staging_path = unit_join(parent.p, staging);
	assert_string_equal(o.tmp, staging_path.p);
	assert_string_equal(o.final, final.p);
	assert_false(unit_exists(final.p));

	put_file(&o, "regions.csv", "year,region_code\n2023,52.72\n");
	put_file(&o, "summary.json", "{}\n");
	put_file(&o, "empty.csv", "");
	assert_false(unit_exists(final.p));
	assert_int_equal(unit_count_entries(staging_path.p), 3);

	if (pl_outdir_commit(&o, &err) != 0)
		fail_msg("%s", pl_buf_str(&err));
	assert_null(o.tmp);
	assert_null(o.final);
	/* Only the target is left in the parent, with every file. */
	char *left = only_entry(parent.p);
	assert_string_equal(left, "out-2023");
	assert_int_equal(unit_count_entries(final.p), 3);
	assert_file_is(final.p, "regions.csv", "year,region_code\n2023,52.72\n");
	assert_file_is(final.p, "summary.json", "{}\n");
	assert_file_is(final.p, "empty.csv", "");
	assert_false(unit_exists(staging_path.p));
	pl_outdir_abort(&o); /* after commit: nothing to do, nothing removed */
	assert_int_equal(unit_count_entries(final.p), 3);

	free(left);
	free(staging);
	pl_buf_free(&staging_path);
	pl_buf_free(&err);
	pl_buf_free(&final);
	pl_buf_free(&parent);
}

/* A child process polls for the target and counts its files the moment it
 * appears: with an atomic publish it always sees all of them. */
static void test_commit_is_all_at_once(void **state)
{
	(void)state;
	enum { NFILES = 6 };
	struct pl_buf parent = parent_dir("atomic");
	struct pl_buf final = unit_join(parent.p, "out");
	fflush(NULL);
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		time_t give_up = time(NULL) + 10;
		while (time(NULL) < give_up) {
			DIR *d = opendir(final.p);
			if (!d)
				continue;
			int n = 0;
			struct dirent *e;
			while ((e = readdir(d)))
				if (e->d_name[0] != '.')
					n++;
			closedir(d);
			_exit(n == NFILES ? 0 : 10 + n);
		}
		_exit(2); /* never appeared */
	}
	struct pl_outdir o;
	struct pl_buf err = {0};
	assert_int_equal(pl_outdir_begin(&o, final.p, &err), 0);
	for (int i = 0; i < NFILES; i++) {
		char name[32];
		snprintf(name, sizeof name, "f%d.csv", i);
		put_file(&o, name, "x\n");
		struct timespec ts = {0, 5 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	assert_int_equal(pl_outdir_commit(&o, &err), 0);
	int status = 0;
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) != 0)
		fail_msg("the watcher saw %d files (exit %d)", WEXITSTATUS(status) - 10,
			 WEXITSTATUS(status));
	pl_buf_free(&err);
	pl_buf_free(&final);
	pl_buf_free(&parent);
}

static void begin_refused(const char *final, const char *parent, int entries_before)
{
	struct pl_outdir o;
	struct pl_buf err = {0};
	assert_int_equal(pl_outdir_begin(&o, final, &err), -1);
	assert_null(o.tmp);
	assert_null(o.final);
	const char *msg = pl_buf_str(&err);
	if (!strstr(msg, "will not overwrite") || !strstr(msg, final) ||
	    !strstr(msg, strerror(EEXIST)))
		fail_msg("message '%s'", msg);
	/* No staging folder was made. */
	assert_int_equal(unit_count_entries(parent), entries_before);
	pl_outdir_abort(&o); /* harmless on a failed begin */
	pl_buf_free(&err);
}

static void test_existing_target_refused(void **state)
{
	(void)state;
	struct pl_buf parent = parent_dir("exists");
	/* A folder with a file of an earlier run. */
	unit_mkdir_in(parent.p, "out");
	struct pl_buf out = unit_join(parent.p, "out");
	unit_write_in(out.p, "regions.csv", "earlier run\n");
	begin_refused(out.p, parent.p, 1);
	assert_file_is(out.p, "regions.csv", "earlier run\n");
	/* An empty folder, a file, a dangling symbolic link. */
	unit_mkdir_in(parent.p, "empty");
	struct pl_buf empty = unit_join(parent.p, "empty");
	begin_refused(empty.p, parent.p, 2);
	unit_write_in(parent.p, "file", "x");
	struct pl_buf file = unit_join(parent.p, "file");
	begin_refused(file.p, parent.p, 3);
	struct pl_buf link = unit_join(parent.p, "link");
	assert_int_equal(symlink("does-not-exist", link.p), 0);
	begin_refused(link.p, parent.p, 4);
	pl_buf_free(&link);
	pl_buf_free(&file);
	pl_buf_free(&empty);
	pl_buf_free(&out);
	pl_buf_free(&parent);
}

static void test_abort_leaves_nothing(void **state)
{
	(void)state;
	struct pl_buf parent = parent_dir("abort");
	struct pl_buf final = unit_join(parent.p, "out");
	struct pl_outdir o;
	struct pl_buf err = {0};
	assert_int_equal(pl_outdir_begin(&o, final.p, &err), 0);
	put_file(&o, "a.csv", "a\n");
	put_file(&o, "b.csv", "b\n");
	assert_int_equal(unit_count_entries(parent.p), 1);
	pl_outdir_abort(&o);
	assert_int_equal(unit_count_entries(parent.p), 0);
	assert_false(unit_exists(final.p));
	assert_null(o.tmp);
	assert_null(o.final);
	pl_outdir_abort(&o); /* twice is harmless */

	/* Abort right after begin, with no file written. */
	assert_int_equal(pl_outdir_begin(&o, final.p, &err), 0);
	assert_int_equal(unit_count_entries(parent.p), 1);
	pl_outdir_abort(&o);
	assert_int_equal(unit_count_entries(parent.p), 0);
	pl_buf_free(&err);
	pl_buf_free(&final);
	pl_buf_free(&parent);
}

static void test_create_twice_refused(void **state)
{
	(void)state;
	struct pl_buf parent = parent_dir("twice");
	struct pl_buf final = unit_join(parent.p, "out");
	struct pl_outdir o;
	struct pl_buf err = {0};
	assert_int_equal(pl_outdir_begin(&o, final.p, &err), 0);
	put_file(&o, "a.csv", "first\n");
	assert_null(pl_outdir_create(&o, "a.csv", &err));
	assert_non_null(strstr(pl_buf_str(&err), "cannot create"));
	assert_non_null(strstr(pl_buf_str(&err), "a.csv"));
	assert_int_equal(pl_outdir_commit(&o, &err), 0);
	assert_file_is(final.p, "a.csv", "first\n"); /* not truncated */
	pl_buf_free(&err);
	pl_buf_free(&final);
	pl_buf_free(&parent);
}

static void test_lost_write_fails_close(void **state)
{
	(void)state;
	struct pl_buf parent = parent_dir("full");
	struct pl_buf final = unit_join(parent.p, "out");
	struct pl_outdir o;
	struct pl_buf err = {0};
	assert_int_equal(pl_outdir_begin(&o, final.p, &err), 0);
	/* Any stream can be closed through the module: one whose buffered
	 * bytes cannot be written must make close fail. */
	FILE *fp = fopen("/dev/full", "w");
	assert_non_null(fp);
	fputs("year,region_code\n", fp);
	assert_int_equal(pl_outdir_close(&o, fp, "regions.csv", &err), -1);
	const char *msg = pl_buf_str(&err);
	if (!strstr(msg, "cannot write") || !strstr(msg, "out/regions.csv") ||
	    !strstr(msg, strerror(ENOSPC)))
		fail_msg("message '%s'", msg);
	pl_outdir_abort(&o);
	assert_int_equal(unit_count_entries(parent.p), 0);
	pl_buf_free(&err);
	pl_buf_free(&final);
	pl_buf_free(&parent);
}

static void test_target_appears_before_commit(void **state)
{
	(void)state;
	struct pl_buf parent = parent_dir("race");
	struct pl_buf final = unit_join(parent.p, "out");
	struct pl_outdir o;
	struct pl_buf err = {0};
	assert_int_equal(pl_outdir_begin(&o, final.p, &err), 0);
	put_file(&o, "mine.csv", "mine\n");
	/* Another run publishes first. */
	unit_mkdir_in(parent.p, "out");
	unit_write_in(final.p, "theirs.csv", "theirs\n");
	assert_int_equal(pl_outdir_commit(&o, &err), -1);
	assert_non_null(strstr(pl_buf_str(&err), "cannot publish"));
	assert_null(o.tmp);
	/* Theirs untouched, mine gone with the staging folder. */
	assert_int_equal(unit_count_entries(parent.p), 1);
	assert_int_equal(unit_count_entries(final.p), 1);
	assert_file_is(final.p, "theirs.csv", "theirs\n");
	pl_buf_free(&err);
	pl_buf_free(&final);
	pl_buf_free(&parent);
}

/* The same with an empty folder appearing at the target: it must not be
 * replaced either ("a run never overwrites another"). */
static void test_empty_target_appears_before_commit(void **state)
{
	(void)state;
	struct pl_buf parent = parent_dir("race-empty");
	struct pl_buf final = unit_join(parent.p, "out");
	struct pl_outdir o;
	struct pl_buf err = {0};
	assert_int_equal(pl_outdir_begin(&o, final.p, &err), 0);
	put_file(&o, "mine.csv", "mine\n");
	unit_mkdir_in(parent.p, "out");
	int rc = pl_outdir_commit(&o, &err);
	if (rc == 0) {
		pl_buf_free(&err);
		pl_buf_free(&final);
		pl_buf_free(&parent);
	}
	KNOWN_BUG(rc == 0, "pl_outdir_commit: rename(2) silently replaces an empty folder "
			   "created at the target after begin");
	assert_int_equal(rc, -1);
	assert_null(o.tmp);
	assert_int_equal(unit_count_entries(parent.p), 1);
	assert_int_equal(unit_count_entries(final.p), 0);
	pl_buf_free(&err);
	pl_buf_free(&final);
	pl_buf_free(&parent);
}

static void test_relative_target(void **state)
{
	(void)state;
	struct pl_buf parent = parent_dir("relative");
	char cwd[PATH_MAX];
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(parent.p), 0);
	struct pl_outdir o;
	struct pl_buf err = {0};
	int rc = pl_outdir_begin(&o, "out", &err);
	char *staging = rc == 0 ? pl_xstrdup(o.tmp) : NULL;
	if (rc == 0) {
		put_file(&o, "a.csv", "a\n");
		rc = pl_outdir_commit(&o, &err);
	}
	assert_int_equal(chdir(cwd), 0);
	if (rc != 0)
		fail_msg("%s", pl_buf_str(&err));
	assert_int_equal(staging[0], '.'); /* hidden, in the working folder */
	assert_null(strchr(staging, '/'));
	struct pl_buf out = unit_join(parent.p, "out");
	assert_file_is(out.p, "a.csv", "a\n");
	assert_int_equal(unit_count_entries(parent.p), 1);
	free(staging);
	pl_buf_free(&out);
	pl_buf_free(&err);
	pl_buf_free(&parent);
}

static void test_missing_parent(void **state)
{
	(void)state;
	struct pl_buf final = unit_join(tmp, "no-such-folder/out");
	struct pl_outdir o;
	struct pl_buf err = {0};
	assert_int_equal(pl_outdir_begin(&o, final.p, &err), -1);
	assert_non_null(strstr(pl_buf_str(&err), "cannot create"));
	assert_non_null(strstr(pl_buf_str(&err), strerror(ENOENT)));
	assert_null(o.tmp);
	pl_buf_free(&err);
	pl_buf_free(&final);
}

static void test_into_existing(void **state)
{
	(void)state;
	struct pl_buf run = parent_dir("into");
	unit_write_in(run.p, "status", "RUNNING\n");
	unit_write_in(run.p, "run.log", "started\n");
	struct pl_outdir o;
	struct pl_buf err = {0};
	if (pl_outdir_begin_into(&o, run.p, &err) != 0)
		fail_msg("%s", pl_buf_str(&err));
	assert_int_equal(unit_count_entries(run.p), 3); /* + the hidden staging */
	assert_true(strncmp(o.tmp, run.p, run.len) == 0 && o.tmp[run.len + 1] == '.');
	put_file(&o, "regions.csv", "year\n2023\n");
	put_file(&o, "summary.json", "{}\n");
	struct pl_buf regions = unit_join(run.p, "regions.csv");
	assert_false(unit_exists(regions.p)); /* nothing visible before commit */
	if (pl_outdir_commit(&o, &err) != 0)
		fail_msg("%s", pl_buf_str(&err));
	assert_null(o.tmp);
	assert_int_equal(unit_count_entries(run.p), 4); /* no staging left */
	assert_file_is(run.p, "regions.csv", "year\n2023\n");
	assert_file_is(run.p, "summary.json", "{}\n");
	assert_file_is(run.p, "status", "RUNNING\n");
	assert_file_is(run.p, "run.log", "started\n");
	pl_buf_free(&regions);
	pl_buf_free(&err);
	pl_buf_free(&run);
}

static void test_into_never_overwrites(void **state)
{
	(void)state;
	struct pl_buf run = parent_dir("into-clash");
	unit_write_in(run.p, "rejects.csv", "theirs\n");
	struct pl_outdir o;
	struct pl_buf err = {0};
	assert_int_equal(pl_outdir_begin_into(&o, run.p, &err), 0);
	/* Sorted, files.csv is moved before rejects.csv clashes. */
	put_file(&o, "files.csv", "mine\n");
	put_file(&o, "rejects.csv", "mine\n");
	put_file(&o, "summary.txt", "mine\n");
	assert_int_equal(pl_outdir_commit(&o, &err), -1);
	const char *msg = pl_buf_str(&err);
	if (!strstr(msg, "cannot publish") || !strstr(msg, "rejects.csv") ||
	    !strstr(msg, strerror(EEXIST)))
		fail_msg("message '%s'", msg);
	assert_null(o.tmp);
	/* Theirs kept; nothing of ours, no staging. */
	assert_int_equal(unit_count_entries(run.p), 1);
	assert_file_is(run.p, "rejects.csv", "theirs\n");
	pl_buf_free(&err);
	pl_buf_free(&run);
}

static void test_into_refused(void **state)
{
	(void)state;
	struct pl_outdir o;
	struct pl_buf err = {0};
	struct pl_buf none = unit_join(tmp, "no-such-run");
	assert_int_equal(pl_outdir_begin_into(&o, none.p, &err), -1);
	assert_non_null(strstr(pl_buf_str(&err), strerror(ENOENT)));
	assert_null(o.tmp);
	unit_write_in(tmp, "a-file", "x");
	struct pl_buf file = unit_join(tmp, "a-file");
	assert_int_equal(pl_outdir_begin_into(&o, file.p, &err), -1);
	assert_non_null(strstr(pl_buf_str(&err), strerror(ENOTDIR)));
	assert_null(o.tmp);
	pl_buf_free(&file);
	pl_buf_free(&none);
	pl_buf_free(&err);
}

static void test_gzip_copy(void **state)
{
	(void)state;
	struct pl_buf parent = parent_dir("gzip");
	struct pl_buf final = unit_join(parent.p, "out");
	struct pl_outdir o;
	struct pl_buf err = {0};
	assert_int_equal(pl_outdir_begin(&o, final.p, &err), 0);
	put_file(&o, "regions.csv", "year,region_code\n2023,52.72\n");
	assert_int_equal(pl_outdir_gzip(&o, "regions.csv", 0, &err), -1);
	assert_non_null(strstr(pl_buf_str(&err), "level 0"));
	if (pl_outdir_gzip(&o, "regions.csv", 6, &err) != 0)
		fail_msg("%s", pl_buf_str(&err));
	struct pl_buf staged = unit_join(o.tmp, "regions.csv.gz");
	assert_true(unit_exists(staged.p));
	assert_int_equal(pl_outdir_commit(&o, &err), 0);
	assert_int_equal(unit_count_entries(final.p), 2);
	struct pl_buf gz = unit_join(final.p, "regions.csv.gz");
	size_t n;
	char *back = unit_read_gz(gz.p, &n);
	assert_int_equal(n, 28);
	assert_string_equal(back, "year,region_code\n2023,52.72\n");
	free(back);
	pl_buf_free(&gz);
	pl_buf_free(&staged);
	pl_buf_free(&err);
	pl_buf_free(&final);
	pl_buf_free(&parent);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_commit_publishes),
	    cmocka_unit_test(test_commit_is_all_at_once),
	    cmocka_unit_test(test_existing_target_refused),
	    cmocka_unit_test(test_abort_leaves_nothing),
	    cmocka_unit_test(test_create_twice_refused),
	    cmocka_unit_test(test_lost_write_fails_close),
	    cmocka_unit_test(test_target_appears_before_commit),
	    cmocka_unit_test(test_empty_target_appears_before_commit),
	    cmocka_unit_test(test_relative_target),
	    cmocka_unit_test(test_missing_parent),
	    cmocka_unit_test(test_into_existing),
	    cmocka_unit_test(test_into_never_overwrites),
	    cmocka_unit_test(test_into_refused),
	    cmocka_unit_test(test_gzip_copy),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
