/*
 * test_files.c: unit tests of pl_files.h, the recursive listing of input
 * files.
 *
 * Builds a tree in a temp folder and checks: files are listed recursively
 * in byte order of their path relative to the root (so "B.csv" < "a-b.csv"
 * < "a.c" < "a/x.csv" < "a0.csv", which a per-folder sort would not give);
 * path is root + "/" + rel; hidden files and folders (leading '.') are
 * skipped at every depth; empty folders, FIFOs and links to folders give
 * nothing, links to files are listed; a dangling link and (when not root)
 * an unreadable folder are listed with error set; a trailing '/' on the
 * root is not doubled; a single file as root is listed alone under its
 * base name; a missing root returns -1 with errno.
 */
#include "unit.h"

#include "pl_files.h"

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

/* root/ with files, sub-folders, hidden entries and links. */
static struct pl_buf make_tree(const char *name)
{
	unit_mkdir_in(tmp, name);
	struct pl_buf root = unit_join(tmp, name);
	const char *r = root.p;
	unit_write_in(r, "B.csv", "B");
	unit_write_in(r, "a-b.csv", "a-b");
	unit_write_in(r, "a.c", "a.c");
	unit_write_in(r, "a0.csv", "a0");
	unit_write_in(r, ".hidden.csv", "h");
	unit_mkdir_in(r, "a");
	unit_write_in(r, "a/x.csv", "x");
	unit_write_in(r, "a/.tmp.csv", "h");
	unit_mkdir_in(r, "a/y");
	unit_write_in(r, "a/y/z.csv.gz", "z");
	unit_mkdir_in(r, ".git");
	unit_write_in(r, ".git/config", "h");
	unit_mkdir_in(r, "empty");
	unit_mkdir_in(r, "a/.cache");
	unit_write_in(r, "a/.cache/c.csv", "h");
	struct pl_buf p = unit_join(r, "link-to-file");
	assert_int_equal(symlink("a0.csv", p.p), 0);
	pl_buf_free(&p);
	p = unit_join(r, "link-to-dir");
	assert_int_equal(symlink("a", p.p), 0);
	pl_buf_free(&p);
	p = unit_join(r, "fifo");
	assert_int_equal(mkfifo(p.p, 0600), 0);
	pl_buf_free(&p);
	return root;
}

static const char *const want_rel[] = {
    "B.csv", "a-b.csv", "a.c", "a/x.csv", "a/y/z.csv.gz", "a0.csv", "link-to-file",
};
enum { NWANT = sizeof want_rel / sizeof want_rel[0] };

static void assert_listing(const struct pl_file_list *l, const char *root)
{
	if (l->n != NWANT) {
		for (size_t i = 0; i < l->n; i++)
			print_message("  %s (error %d)\n", l->e[i].rel, l->e[i].error);
		fail_msg("%zu entries, want %d", l->n, NWANT);
	}
	for (size_t i = 0; i < NWANT; i++) {
		assert_string_equal(l->e[i].rel, want_rel[i]);
		struct pl_buf path = unit_join(root, want_rel[i]);
		assert_string_equal(l->e[i].path, path.p);
		pl_buf_free(&path);
		assert_int_equal(l->e[i].error, 0);
	}
}

static void test_recursive_byte_order(void **state)
{
	(void)state;
	struct pl_buf root = make_tree("tree");
	struct pl_file_list l;
	assert_int_equal(pl_file_list_build(&l, root.p), 0);
	assert_listing(&l, root.p);
	/* The paths really open the files. */
	char *text = unit_read(l.e[3].path, NULL);
	assert_string_equal(text, "x");
	free(text);
	text = unit_read(l.e[6].path, NULL); /* through the link */
	assert_string_equal(text, "a0");
	free(text);
	pl_file_list_free(&l);
	assert_int_equal(l.n, 0);
	assert_null(l.e);
	pl_buf_free(&root);
}

static void test_trailing_slash(void **state)
{
	(void)state;
	struct pl_buf root = make_tree("slash");
	struct pl_buf with = {0};
	pl_buf_printf(&with, "%s//", root.p);
	struct pl_file_list l;
	assert_int_equal(pl_file_list_build(&l, with.p), 0);
	assert_listing(&l, root.p); /* "root/a.c", not "root///a.c" */
	pl_file_list_free(&l);
	pl_buf_free(&with);
	pl_buf_free(&root);
}

static void test_single_file_root(void **state)
{
	(void)state;
	unit_mkdir_in(tmp, "single");
	unit_write_in(tmp, "single/only.csv", "1");
	struct pl_buf path = unit_join(tmp, "single/only.csv");
	struct pl_file_list l;
	assert_int_equal(pl_file_list_build(&l, path.p), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.e[0].path, path.p);
	assert_string_equal(l.e[0].rel, "only.csv");
	assert_int_equal(l.e[0].error, 0);
	pl_file_list_free(&l);
	/* A hidden file given as the root is still listed: it was asked for. */
	unit_write_in(tmp, "single/.dot.csv", "1");
	struct pl_buf dot = unit_join(tmp, "single/.dot.csv");
	assert_int_equal(pl_file_list_build(&l, dot.p), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.e[0].rel, ".dot.csv");
	pl_file_list_free(&l);
	pl_buf_free(&dot);
	pl_buf_free(&path);
}

static void test_empty_and_missing_root(void **state)
{
	(void)state;
	unit_mkdir_in(tmp, "empty-root");
	unit_mkdir_in(tmp, "empty-root/.only-hidden");
	struct pl_buf root = unit_join(tmp, "empty-root");
	struct pl_file_list l;
	assert_int_equal(pl_file_list_build(&l, root.p), 0);
	assert_int_equal(l.n, 0);
	pl_file_list_free(&l);

	struct pl_buf missing = unit_join(tmp, "no-such-folder");
	errno = 0;
	assert_int_equal(pl_file_list_build(&l, missing.p), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(l.n, 0);
	pl_file_list_free(&l);
	pl_buf_free(&missing);
	pl_buf_free(&root);
}

static void test_errors_listed(void **state)
{
	(void)state;
	unit_mkdir_in(tmp, "errs");
	struct pl_buf root = unit_join(tmp, "errs");
	unit_write_in(root.p, "ok.csv", "1");
	struct pl_buf dangling = unit_join(root.p, "dangling.csv");
	assert_int_equal(symlink("nowhere.csv", dangling.p), 0);
	unit_mkdir_in(root.p, "locked");
	unit_write_in(root.p, "locked/in.csv", "1");
	struct pl_buf locked = unit_join(root.p, "locked");
	assert_int_equal(chmod(locked.p, 0), 0);
	int as_root = geteuid() == 0; /* root opens it anyway */

	struct pl_file_list l;
	assert_int_equal(pl_file_list_build(&l, root.p), 0);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.e[0].rel, "dangling.csv");
	assert_int_equal(l.e[0].error, ENOENT);
	assert_string_equal(l.e[0].path, dangling.p);
	if (as_root) {
		assert_string_equal(l.e[1].rel, "locked/in.csv");
		assert_int_equal(l.e[1].error, 0);
	} else {
		assert_string_equal(l.e[1].rel, "locked");
		assert_int_equal(l.e[1].error, EACCES);
		assert_string_equal(l.e[1].path, locked.p);
	}
	assert_string_equal(l.e[2].rel, "ok.csv");
	assert_int_equal(l.e[2].error, 0);
	pl_file_list_free(&l);
	assert_int_equal(chmod(locked.p, 0700), 0);
	pl_buf_free(&locked);
	pl_buf_free(&dangling);
	pl_buf_free(&root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_recursive_byte_order),
	    cmocka_unit_test(test_trailing_slash),
	    cmocka_unit_test(test_single_file_root),
	    cmocka_unit_test(test_empty_and_missing_root),
	    cmocka_unit_test(test_errors_listed),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
