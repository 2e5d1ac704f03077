#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pl_outdir.h"

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

static void sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int pl_outdir_commit(struct pl_outdir *o, struct pl_buf *err)
{
	sync_dir(o->tmp);
	if (rename(o->tmp, o->final) != 0) {
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
