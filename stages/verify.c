#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "manifest.h"
#include "pl_exit.h"
#include "pl_jsonread.h"
#include "pl_sha256.h"
#include "verify.h"

static int malformed(struct pl_buf *err, const char *path, const char *what)
{
	pl_buf_reset(err);
	pl_buf_printf(err, "'%s' is malformed: %s", path, what);
	return PL_EXIT_DATAERR;
}

static int is_hex64(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
			return 0;
	return n == 64;
}

/* A name the manifest may list: a plain file of the run folder, never a
 * path that leads out of it. */
static int safe_name(const char *s)
{
	return *s && !strchr(s, '/') && manifest_is_output(s);
}

static int listed(const struct pl_jv *outs, const char *name)
{
	for (size_t i = 0; i < outs->n; i++)
		if (strcmp(pl_json_get_str(&outs->v[i], "file"), name) == 0)
			return 1;
	return 0;
}

/* Outputs in the folder that the manifest does not list. */
static size_t extras(const char *run_dir, const struct pl_jv *outs, FILE *out)
{
	size_t bad = 0;
	DIR *d = opendir(run_dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		struct pl_buf p = {0};
		struct stat st;
		pl_buf_printf(&p, "%s/%s", run_dir, e->d_name);
		if (manifest_is_output(e->d_name) && lstat(p.p, &st) == 0 && !S_ISDIR(st.st_mode) &&
		    !listed(outs, e->d_name)) {
			fprintf(out, "EXTRA %s: not in the manifest\n", e->d_name);
			bad++;
		}
		pl_buf_free(&p);
	}
	if (d)
		closedir(d);
	return bad;
}

static int check(const char *run_dir, const char *mpath, const struct pl_jv *m, FILE *out,
		 struct pl_buf *err)
{
	const struct pl_jv *outs = pl_json_get(m, "outputs");
	if (!outs || outs->type != PL_J_ARR)
		return malformed(err, mpath, "no \"outputs\" list");
	/* Check the whole list before reading any file. */
	for (size_t i = 0; i < outs->n; i++) {
		const char *name = pl_json_get_str(&outs->v[i], "file");
		const char *sha = pl_json_get_str(&outs->v[i], "sha256");
		int64_t bytes;
		if (!name || !safe_name(name))
			return malformed(err, mpath, "an output without a plain file name");
		if (!sha || !is_hex64(sha) || pl_json_int(pl_json_get(&outs->v[i], "bytes"), &bytes))
			return malformed(err, mpath, "an output without its bytes and sha256");
	}
	size_t bad = 0;
	for (size_t i = 0; i < outs->n; i++) {
		const char *name = pl_json_get_str(&outs->v[i], "file");
		const char *want = pl_json_get_str(&outs->v[i], "sha256");
		int64_t bytes = 0;
		pl_json_int(pl_json_get(&outs->v[i], "bytes"), &bytes);
		struct pl_buf p = {0};
		pl_buf_printf(&p, "%s/%s", run_dir, name);
		char hex[PL_SHA256_HEX];
		uint64_t size = 0;
		if (pl_sha256_file(p.p, hex, &size) < 0) {
			if (errno == ENOENT)
				fprintf(out, "MISSING %s\n", name);
			else
				fprintf(out, "UNREADABLE %s: %s\n", name, strerror(errno));
			bad++;
		} else if (strcmp(hex, want) != 0 || size != (uint64_t)bytes) {
			fprintf(out, "MISMATCH %s: %llu bytes, sha256 %s; the manifest says %lld bytes, sha256 %s\n",
				name, (unsigned long long)size, hex, (long long)bytes, want);
			bad++;
		}
		pl_buf_free(&p);
	}
	bad += extras(run_dir, outs, out);
	if (bad)
		fprintf(out, "verify: %s: %zu problem%s among %zu outputs listed\n", run_dir, bad,
			bad == 1 ? "" : "s", outs->n);
	else
		fprintf(out, "verify: %s: all %zu outputs match the manifest\n", run_dir, outs->n);
	return bad ? PL_EXIT_DATAERR : 0;
}

int verify_run(const char *run_dir, FILE *out, struct pl_buf *err)
{
	struct stat st;
	if (stat(run_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		pl_buf_reset(err);
		pl_buf_printf(err, "no run folder '%s'", run_dir);
		return PL_EXIT_NOINPUT;
	}
	struct pl_buf mpath = {0}, text = {0};
	pl_buf_printf(&mpath, "%s/manifest.json", run_dir);
	FILE *fp = fopen(mpath.p, "rb");
	if (!fp) {
		int e = errno;
		pl_buf_reset(err);
		pl_buf_printf(err, "cannot open '%s': %s", mpath.p, strerror(e));
		pl_buf_free(&mpath);
		return e == ENOENT ? PL_EXIT_NOINPUT : PL_EXIT_IOERR;
	}
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
		pl_buf_add(&text, chunk, got);
	int rd = ferror(fp);
	fclose(fp);
	struct pl_arena a = {0};
	struct pl_jv m;
	struct pl_buf why = {0};
	int rc;
	if (rd) {
		pl_buf_reset(err);
		pl_buf_printf(err, "cannot read '%s'", mpath.p);
		rc = PL_EXIT_IOERR;
	} else if (pl_json_parse(&a, text.p ? text.p : "", text.len, &m, &why) < 0) {
		rc = malformed(err, mpath.p, pl_buf_str(&why));
	} else {
		rc = check(run_dir, mpath.p, &m, out, err);
	}
	pl_buf_free(&why);
	pl_arena_free(&a);
	pl_buf_free(&text);
	pl_buf_free(&mpath);
	return rc;
}
