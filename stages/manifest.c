#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "manifest.h"
#include "pl_exit.h"
#include "pl_files.h"
#include "pl_json.h"
#include "pl_jsonread.h"
#include "pl_outdir.h"
#include "pl_sha256.h"

int manifest_is_output(const char *name)
{
	return name[0] != '.' && strcmp(name, "manifest.json") != 0 &&
	       strcmp(name, "run.log") != 0 && strcmp(name, "status") != 0;
}

/* "bytes": N, "sha256": "HEX" of a file, or nulls and the error. */
static void file_facts(struct pl_buf *b, const char *path)
{
	char hex[PL_SHA256_HEX];
	uint64_t size = 0;
	if (pl_sha256_file(path, hex, &size) == 0) {
		pl_buf_printf(b, "\"bytes\": %llu, \"sha256\": \"%s\"", (unsigned long long)size,
			      hex);
		return;
	}
	pl_buf_adds(b, "\"bytes\": null, \"sha256\": null, \"error\": ");
	pl_json_str(b, strerror(errno));
}

static void named_file(struct pl_buf *b, const char *key, const char *path)
{
	pl_buf_adds(b, "  ");
	pl_json_key(b, key);
	if (!path) {
		pl_buf_adds(b, "null,\n");
		return;
	}
	pl_buf_adds(b, "{\"path\": ");
	pl_json_str(b, path);
	pl_buf_adds(b, ", ");
	file_facts(b, path);
	pl_buf_adds(b, "},\n");
}

/* Every file of the methodology, and one digest over their listing. */
static void methodology(struct pl_buf *b, const char *dir)
{
	struct pl_file_list l;
	pl_buf_adds(b, "  \"methodology\": {\"path\": ");
	pl_json_str(b, dir);
	if (pl_file_list_build(&l, dir) < 0) {
		pl_buf_adds(b, ", \"sha256\": null, \"error\": ");
		pl_json_str(b, strerror(errno));
		pl_buf_adds(b, ", \"files\": []},\n");
		return;
	}
	struct pl_buf files = {0}, listing = {0};
	for (size_t i = 0; i < l.n; i++) {
		char hex[PL_SHA256_HEX];
		uint64_t size = 0;
		pl_buf_adds(&files, i ? ",\n    {\"file\": " : "\n    {\"file\": ");
		pl_json_str(&files, l.e[i].rel);
		if (!l.e[i].error && pl_sha256_file(l.e[i].path, hex, &size) == 0) {
			pl_buf_printf(&files, ", \"bytes\": %llu, \"sha256\": \"%s\"}",
				      (unsigned long long)size, hex);
			pl_buf_printf(&listing, "%s  %s\n", hex, l.e[i].rel);
		} else {
			pl_buf_adds(&files, ", \"bytes\": null, \"sha256\": null, \"error\": ");
			pl_json_str(&files, strerror(l.e[i].error ? l.e[i].error : errno));
			pl_buf_adds(&files, "}");
			pl_buf_printf(&listing, "unreadable  %s\n", l.e[i].rel);
		}
	}
	char digest[PL_SHA256_HEX];
	pl_sha256_hex_of(listing.p ? listing.p : "", listing.len, digest);
	pl_buf_printf(b, ", \"sha256\": \"%s\", \"files\": [%s\n  ]},\n", digest,
		      files.p ? files.p : "");
	pl_buf_free(&files);
	pl_buf_free(&listing);
	pl_file_list_free(&l);
}

/* The per-file accounting of summary.json whose "file" is rel, or NULL. */
static const struct pl_jv *counts_of(const struct pl_jv *summary, const char *rel)
{
	const struct pl_jv *files = pl_json_get(summary, "files");
	if (!files || files->type != PL_J_ARR)
		return NULL;
	for (size_t i = 0; i < files->n; i++) {
		const char *f = pl_json_get_str(&files->v[i], "file");
		if (f && strcmp(f, rel) == 0)
			return &files->v[i];
	}
	return NULL;
}

/* What the run counted in a file: c, its entry in summary.json; NULL
 * when the file is not there (it came after the run read the folder), or
 * when the run wrote no summary (it failed first: nothing to say). */
static void counts(struct pl_buf *b, const struct pl_jv *summary, const struct pl_jv *c)
{
	if (!summary) {
		pl_buf_adds(b, ", \"records\": null");
		return;
	}
	if (!c) {
		pl_buf_adds(b, ", \"read_by_run\": false");
		return;
	}
	static const char *const text[] = {"status", "code"};
	for (size_t i = 0; i < 2; i++) {
		const struct pl_jv *v = pl_json_get(c, text[i]);
		if (v) {
			pl_buf_adds(b, ", ");
			pl_json_key(b, text[i]);
			pl_json_write(b, v);
		}
	}
	static const char *const nums[] = {"read", "used", "rejected", "superseded", "warnings"};
	pl_buf_adds(b, ", \"records\": {");
	for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
		const struct pl_jv *v = pl_json_get(c, nums[i]);
		pl_buf_adds(b, i ? ", " : "");
		pl_json_key(b, nums[i]);
		if (v)
			pl_json_write(b, v);
		else
			pl_buf_adds(b, "null");
	}
	pl_buf_adds(b, "}");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every file under the inputs now, with what the run counted in it; then
 * the files the run read that are gone. */
static void inputs(struct pl_buf *b, const struct manifest_opts *o, const struct pl_jv *summary)
{
	char **seen = NULL; /* the names listed, to find the gone ones */
	size_t n = 0, cap = 0;
	pl_buf_adds(b, "  \"inputs\": [");
	for (size_t r = 0; r < o->ninputs; r++) {
		struct pl_file_list l;
		if (pl_file_list_build(&l, o->inputs[r]) < 0)
			continue;
		for (size_t i = 0; i < l.n; i++) {
			pl_buf_adds(b, n ? ",\n    {\"file\": " : "\n    {\"file\": ");
			pl_json_str(b, l.e[i].rel);
			pl_buf_adds(b, ", ");
			if (l.e[i].error) {
				pl_buf_adds(b, "\"bytes\": null, \"sha256\": null, \"error\": ");
				pl_json_str(b, strerror(l.e[i].error));
			} else {
				file_facts(b, l.e[i].path);
			}
			counts(b, summary, counts_of(summary, l.e[i].rel));
			pl_buf_adds(b, "}");
			pl_grow((void **)&seen, &cap, n + 1, sizeof *seen);
			seen[n++] = pl_xstrdup(l.e[i].rel);
		}
		pl_file_list_free(&l);
	}
	size_t listed = n;
	pl_sort(seen, listed, sizeof *seen, cmp_str);
	const struct pl_jv *files = pl_json_get(summary, "files");
	for (size_t i = 0; files && files->type == PL_J_ARR && i < files->n; i++) {
		const char *f = pl_json_get_str(&files->v[i], "file");
		if (!f || (listed && bsearch(&f, seen, listed, sizeof *seen, cmp_str)))
			continue;
		pl_buf_adds(b, n++ ? ",\n    {\"file\": " : "\n    {\"file\": ");
		pl_json_str(b, f);
		pl_buf_adds(b, ", \"bytes\": null, \"sha256\": null, \"error\": \"gone since the run\"");
		counts(b, summary, &files->v[i]);
		pl_buf_adds(b, "}");
	}
	pl_buf_adds(b, n ? "\n  ],\n" : "],\n");
	for (size_t i = 0; i < listed; i++)
		free(seen[i]);
	free(seen);
}

static void outputs(struct pl_buf *b, const char *run_dir)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	DIR *d = opendir(run_dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		struct pl_buf p = {0};
		struct stat st;
		pl_buf_printf(&p, "%s/%s", run_dir, e->d_name);
		if (manifest_is_output(e->d_name) && lstat(p.p, &st) == 0 && S_ISREG(st.st_mode)) {
			pl_grow((void **)&names, &cap, n + 1, sizeof *names);
			names[n++] = pl_xstrdup(e->d_name);
		}
		pl_buf_free(&p);
	}
	if (d)
		closedir(d);
	pl_sort(names, n, sizeof *names, cmp_str);
	pl_buf_adds(b, "  \"outputs\": [");
	for (size_t i = 0; i < n; i++) {
		struct pl_buf p = {0};
		pl_buf_printf(&p, "%s/%s", run_dir, names[i]);
		pl_buf_adds(b, i ? ",\n    {\"file\": " : "\n    {\"file\": ");
		pl_json_str(b, names[i]);
		pl_buf_adds(b, ", ");
		file_facts(b, p.p);
		pl_buf_adds(b, "}");
		pl_buf_free(&p);
		free(names[i]);
	}
	pl_buf_adds(b, n ? "\n  ],\n" : "],\n");
	free(names);
}

/* summary.json of the run, when it wrote one (a failed run may not have):
 * 0 with *have set accordingly, or -1 when it is there but not JSON. */
static int read_summary(const char *run_dir, struct pl_arena *a, struct pl_jv *v, int *have,
			struct pl_buf *err)
{
	struct pl_buf path = {0}, text = {0};
	pl_buf_printf(&path, "%s/summary.json", run_dir);
	*have = 0;
	FILE *fp = fopen(path.p, "rb");
	int rc = 0;
	if (fp) {
		char chunk[65536];
		size_t got;
		while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
			pl_buf_add(&text, chunk, got);
		fclose(fp);
		struct pl_buf why = {0};
		if (pl_json_parse(a, text.p ? text.p : "", text.len, v, &why) < 0) {
			pl_buf_reset(err);
			pl_buf_printf(err, "'%s' is not JSON: %s", path.p, pl_buf_str(&why));
			rc = -1;
		} else {
			*have = 1;
		}
		pl_buf_free(&why);
	}
	pl_buf_free(&text);
	pl_buf_free(&path);
	return rc;
}

static const char *base_name(const char *path)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	const char *p = path + n;
	while (p > path && p[-1] != '/')
		p--;
	return p;
}

/* The manifest written through pl_outdir: whole or not at all. */
static int publish(const char *run_dir, const struct pl_buf *b, struct pl_buf *err)
{
	struct pl_outdir dir;
	if (pl_outdir_begin_into(&dir, run_dir, err) < 0)
		return PL_EXIT_IOERR;
	FILE *fp = pl_outdir_create(&dir, "manifest.json", err);
	if (!fp) {
		pl_outdir_abort(&dir);
		return PL_EXIT_IOERR;
	}
	int lost = fwrite(b->p, 1, b->len, fp) != b->len;
	if (pl_outdir_close(&dir, fp, "manifest.json", err) < 0 || lost) {
		if (lost && !err->len)
			pl_buf_printf(err, "cannot write '%s/manifest.json'", run_dir);
		pl_outdir_abort(&dir);
		return PL_EXIT_IOERR;
	}
	return pl_outdir_commit(&dir, err) < 0 ? PL_EXIT_IOERR : 0;
}

int manifest_write(const struct manifest_opts *o, struct pl_buf *err)
{
	struct stat st;
	if (stat(o->run_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		pl_buf_reset(err);
		pl_buf_printf(err, "no run folder '%s'", o->run_dir);
		return PL_EXIT_NOINPUT;
	}
	struct pl_buf mpath = {0};
	pl_buf_printf(&mpath, "%s/manifest.json", o->run_dir);
	int exists = lstat(mpath.p, &st) == 0;
	pl_buf_free(&mpath);
	if (exists) {
		pl_buf_reset(err);
		pl_buf_printf(err, "'%s' has a manifest already", o->run_dir);
		return PL_EXIT_CANTCREAT;
	}
	struct pl_arena a = {0};
	struct pl_jv summary;
	int have = 0;
	if (read_summary(o->run_dir, &a, &summary, &have, err) < 0) {
		pl_arena_free(&a);
		return PL_EXIT_DATAERR;
	}
	struct pl_buf b = {0};
	pl_buf_adds(&b, "{\n  \"manifest_version\": 1,\n  \"tool\": {\"name\": \"indeks\", \"version\": ");
	pl_json_str(&b, o->version);
	pl_buf_adds(&b, "},\n  \"run\": {\"id\": ");
	pl_json_str(&b, base_name(o->run_dir));
	pl_buf_adds(&b, ", \"started\": ");
	pl_json_str(&b, o->started);
	pl_buf_adds(&b, ", \"finished\": ");
	pl_json_str(&b, o->finished);
	pl_buf_printf(&b, ", \"exit_status\": %d, \"inputs\": [", o->exit_status);
	for (size_t i = 0; i < o->ninputs; i++) {
		pl_buf_adds(&b, i ? ", " : "");
		pl_json_str(&b, o->inputs[i]);
	}
	pl_buf_adds(&b, "]},\n");
	methodology(&b, o->methodology);
	named_file(&b, "master", o->master);
	named_file(&b, "vocabulary", o->vocabulary);
	inputs(&b, o, have ? &summary : NULL);
	outputs(&b, o->run_dir);
	pl_buf_adds(&b, "  \"accounting\": ");
	const struct pl_jv *acc = have ? pl_json_get(&summary, "accounting") : NULL;
	if (acc)
		pl_json_write(&b, acc);
	else
		pl_buf_adds(&b, "null");
	pl_buf_adds(&b, "\n}\n");
	int rc = publish(o->run_dir, &b, err);
	pl_buf_free(&b);
	pl_arena_free(&a);
	return rc;
}
