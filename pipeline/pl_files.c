#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pl_files.h"
#include "pl_util.h"

static void add(struct pl_file_list *l, const char *path, const char *rel, int error)
{
	pl_grow((void **)&l->e, &l->cap, l->n + 1, sizeof *l->e);
	l->e[l->n].path = pl_xstrdup(path);
	l->e[l->n].rel = pl_xstrdup(rel);
	l->e[l->n].error = error;
	l->n++;
}

static void walk(struct pl_file_list *l, const char *dir, const char *rel)
{
	DIR *d = opendir(dir);
	if (!d) {
		add(l, dir, rel, errno);
		return;
	}
	struct dirent *e;
	/* Joined by hand into buffers kept for the folder's entries: a
	 * national year is thousands of them, and two printf calls and two
	 * buffers an entry were a fifth of the walk. */
	struct pl_buf path = {0}, r = {0};
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		pl_buf_reset(&path);
		pl_buf_reset(&r);
		pl_buf_adds(&path, dir);
		pl_buf_addc(&path, '/');
		pl_buf_adds(&path, e->d_name);
		pl_buf_adds(&r, rel);
		if (*rel)
			pl_buf_addc(&r, '/');
		pl_buf_adds(&r, e->d_name);
		struct stat lst, st;
		/* The entry's type from the folder itself saves two calls per
		 * file (a national year is thousands of files); a link, or a
		 * file system that does not say, is asked as before. */
		if (e->d_type == DT_DIR)
			walk(l, path.p, r.p);
		else if (e->d_type == DT_REG)
			add(l, path.p, r.p, 0);
		else if (lstat(path.p, &lst) != 0)
			add(l, path.p, r.p, errno);
		else if (S_ISDIR(lst.st_mode))
			walk(l, path.p, r.p);
		else if (stat(path.p, &st) != 0)
			add(l, path.p, r.p, errno);
		else if (S_ISREG(st.st_mode))
			add(l, path.p, r.p, 0);
	}
	pl_buf_free(&path);
	pl_buf_free(&r);
	closedir(d);
}

static int cmp_rel(const void *a, const void *b)
{
	return strcmp(((const struct pl_file_entry *)a)->rel,
		      ((const struct pl_file_entry *)b)->rel);
}

int pl_file_list_build(struct pl_file_list *l, const char *root)
{
	struct stat st;
	memset(l, 0, sizeof *l);
	if (stat(root, &st) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		const char *slash = strrchr(root, '/');
		add(l, root, slash ? slash + 1 : root, 0);
		return 0;
	}
	size_t n = strlen(root);
	while (n > 1 && root[n - 1] == '/')
		n--;
	char *r = pl_xstrndup(root, n);
	walk(l, r, "");
	free(r);
	pl_sort(l->e, l->n, sizeof *l->e, cmp_rel);
	return 0;
}

void pl_file_list_free(struct pl_file_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->e[i].path);
		free(l->e[i].rel);
	}
	free(l->e);
	memset(l, 0, sizeof *l);
}
