#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pl_gzip.h"
#include "pl_outdir.h"
#include "pl_testhook.h"

static int failed(struct pl_buf *err, const char *what, const char *path)
{
	pl_buf_reset(err);
	pl_buf_printf(err, "%s '%s': %s", what, path, strerror(errno));
	return -1;
}

int pl_outdir_begin(struct pl_outdir *o, const char *final, struct pl_buf *err)
{
	struct stat st;
	struct pl_buf tmp = {0};
	memset(o, 0, sizeof *o);
	if (lstat(final, &st) == 0) {
		errno = EEXIST;
		return failed(err, "will not overwrite", final);
	}
	/* Beside the target, so the final rename stays on one file system. */
	const char *slash = strrchr(final, '/');
	if (slash)
		pl_buf_printf(&tmp, "%.*s.%s.tmp-%ld", (int)(slash - final + 1), final,
			      slash + 1, (long)getpid());
	else
		pl_buf_printf(&tmp, ".%s.tmp-%ld", final, (long)getpid());
	if (mkdir(tmp.p, 0777) != 0) {
		failed(err, "cannot create", tmp.p);
		pl_buf_free(&tmp);
		return -1;
	}
	o->final = pl_xstrdup(final);
	o->tmp = tmp.p;
	return 0;
}

int pl_outdir_begin_into(struct pl_outdir *o, const char *dir, struct pl_buf *err)
{
	struct stat st;
	memset(o, 0, sizeof *o);
	if (stat(dir, &st) != 0)
		return failed(err, "cannot use", dir);
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return failed(err, "cannot use", dir);
	}
	struct pl_buf tmp = {0};
	pl_buf_printf(&tmp, "%s/.staging-%ld", dir, (long)getpid());
	if (mkdir(tmp.p, 0777) != 0) {
		failed(err, "cannot create", tmp.p);
		pl_buf_free(&tmp);
		return -1;
	}
	o->final = pl_xstrdup(dir);
	o->tmp = tmp.p;
	o->into = 1;
	return 0;
}

FILE *pl_outdir_create(struct pl_outdir *o, const char *name, struct pl_buf *err)
{
	struct pl_buf path = {0};
	pl_buf_printf(&path, "%s/%s", o->tmp, name);
	FILE *fp = fopen(path.p, "wx");
	if (!fp)
		failed(err, "cannot create", path.p);
	pl_buf_free(&path);
	return fp;
}

int pl_outdir_close(struct pl_outdir *o, FILE *fp, const char *name, struct pl_buf *err)
{
	int bad = fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0;
	int saved = errno;
	if (fclose(fp) != 0 && !bad) {
		bad = 1;
		saved = errno;
	}
	if (!bad)
		return 0;
	errno = saved ? saved : EIO;
	struct pl_buf path = {0};
	pl_buf_printf(&path, "%s/%s", o->final, name);
	failed(err, "cannot write", path.p);
	pl_buf_free(&path);
	return -1;
}

int pl_outdir_gzip(struct pl_outdir *o, const char *name, int level, struct pl_buf *err)
{
	if (level < 1 || level > 9) {
		pl_buf_reset(err);
		pl_buf_printf(err, "gzip level %d is not between 1 and 9", level);
		return -1;
	}
	struct pl_buf src = {0}, dst = {0};
	pl_buf_printf(&src, "%s/%s", o->tmp, name);
	pl_buf_printf(&dst, "%s/%s.gz", o->tmp, name);
	int rc = pl_gzip_file(src.p, dst.p, level, err);
	if (rc < 0) {
		/* Name the file as it would have been published, not the staging. */
		pl_buf_reset(&dst);
		pl_buf_printf(&dst, "%s/%s.gz", o->final, name);
		failed(err, "cannot write", dst.p);
	}
	pl_buf_free(&src);
	pl_buf_free(&dst);
	return rc;
}

int pl_outdir_gzip_as(struct pl_outdir *o, const char *src, const char *dst, int level,
		      struct pl_buf *err)
{
	struct pl_buf from = {0}, to = {0};
	pl_buf_printf(&from, "%s/%s", o->tmp, src);
	pl_buf_printf(&to, "%s/%s", o->tmp, dst);
	int rc = pl_gzip_file(from.p, to.p, level, err);
	if (rc < 0) {
		/* Name the file as it would have been published, not the staging. */
		pl_buf_reset(&to);
		pl_buf_printf(&to, "%s/%s", o->final, dst);
		failed(err, "cannot write", to.p);
	}
	pl_buf_free(&from);
	pl_buf_free(&to);
	return rc;
}

int pl_outdir_remove(struct pl_outdir *o, const char *name, struct pl_buf *err)
{
	struct pl_buf path = {0};
	pl_buf_printf(&path, "%s/%s", o->tmp, name);
	int rc = unlink(path.p) == 0 ? 0 : failed(err, "cannot remove", path.p);
	pl_buf_free(&path);
	return rc;
}

static void sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in the staging folder, sorted, into *out (*n of them); -1
 * with errno if it cannot be read. */
static int staged_names(const char *dir, char ***out, size_t *n)
{
	char **v = NULL;
	size_t cap = 0;
	*n = 0;
	*out = NULL;
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		pl_grow((void **)&v, &cap, *n + 1, sizeof *v);
		v[(*n)++] = pl_xstrdup(e->d_name);
	}
	closedir(d);
	pl_sort(v, *n, sizeof *v, cmp_name);
	*out = v;
	return 0;
}

/* Moves each staged file into the existing folder. A hard link, not a
 * rename: link refuses to replace a file that is there already, so an
 * output of another run is never overwritten. On failure the files moved
 * so far are taken out again. */
static int commit_into(struct pl_outdir *o, struct pl_buf *err)
{
	size_t n = 0, moved = 0;
	char **names;
	int rc = 0;
	if (staged_names(o->tmp, &names, &n) < 0) {
		failed(err, "cannot read", o->tmp);
		pl_outdir_abort(o);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		struct pl_buf from = {0}, to = {0};
		pl_buf_printf(&from, "%s/%s", o->tmp, names[i]);
		pl_buf_printf(&to, "%s/%s", o->final, names[i]);
		if (link(from.p, to.p) != 0) {
			failed(err, "cannot publish", to.p);
			rc = -1;
		} else {
			moved++;
			if (moved == 1)
				pl_testhook("mid-commit");
		}
		pl_buf_free(&from);
		pl_buf_free(&to);
		if (rc < 0)
			break;
	}
	if (rc < 0) {
		for (size_t i = 0; i < moved; i++) {
			struct pl_buf to = {0};
			pl_buf_printf(&to, "%s/%s", o->final, names[i]);
			unlink(to.p);
			pl_buf_free(&to);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	sync_dir(o->final);
	pl_outdir_abort(o); /* the staging folder and its links are no longer needed */
	return rc;
}

/* rename(2) replaces an empty folder at the target without a word, and a
 * run must never take the place of another: RENAME_NOREPLACE refuses.
 * File systems without it (EINVAL) get a check first, which leaves only
 * the moment between the check and the rename open. */
static int rename_noreplace(const char *from, const char *to)
{
	if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	struct stat st;
	if (lstat(to, &st) == 0) {
		errno = EEXIST;
		return -1;
	}
	return rename(from, to);
}

int pl_outdir_commit(struct pl_outdir *o, struct pl_buf *err)
{
	sync_dir(o->tmp);
	if (o->into)
		return commit_into(o, err);
	if (rename_noreplace(o->tmp, o->final) != 0) {
		failed(err, "cannot publish", o->final);
		pl_outdir_abort(o);
		return -1;
	}
	char *parent = pl_xstrdup(o->final);
	char *slash = strrchr(parent, '/');
	if (slash)
		*slash = '\0';
	sync_dir(slash ? parent : ".");
	free(parent);
	free(o->final);
	free(o->tmp);
	memset(o, 0, sizeof *o);
	return 0;
}

void pl_outdir_abort(struct pl_outdir *o)
{
	if (!o->tmp)
		return;
	/* The staging folder holds only the flat files this module created. */
	DIR *d = opendir(o->tmp);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			struct pl_buf p = {0};
			pl_buf_printf(&p, "%s/%s", o->tmp, e->d_name);
			unlink(p.p);
			pl_buf_free(&p);
		}
		closedir(d);
	}
	rmdir(o->tmp);
	free(o->final);
	free(o->tmp);
	memset(o, 0, sizeof *o);
}
