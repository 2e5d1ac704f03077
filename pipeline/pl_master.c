#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "pl_csvread.h"
#include "pl_master.h"

static const char *const level_names[PL_LEVEL_COUNT] = {"provinsi", "kabupaten", "kota"};

const char *pl_level_name(enum pl_level level)
{
	return level_names[level];
}

struct loader {
	struct pl_master *m;
	const char *path;
	struct pl_buf *err;
	int col[4];
	size_t ncol;
	int failed;
};

static int fail(struct loader *ld, unsigned long line, const char *what, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct loader *ld, unsigned long line, const char *what, ...)
{
	if (!ld->failed) {
		va_list ap;
		va_start(ap, what);
		pl_buf_reset(ld->err);
		pl_buf_printf(ld->err, "%s:%lu: ", ld->path, line);
		pl_buf_vprintf(ld->err, what, ap);
		va_end(ap);
	}
	ld->failed = 1;
	return 1;
}

static const char *const cols[] = {"code", "name", "level", "parent_code"};

static int on_record(void *ctx, const struct pl_csv_record *rec)
{
	struct loader *ld = ctx;
	if (rec->error)
		return fail(ld, rec->line, "%s", "malformed CSV");
	if (rec->line == 1) {
		for (int c = 0; c < 4; c++) {
			ld->col[c] = -1;
			for (size_t i = 0; i < rec->nf; i++)
				if (strcmp(rec->f[i], cols[c]) == 0)
					ld->col[c] = (int)i;
			if (ld->col[c] < 0)
				return fail(ld, rec->line, "missing column '%s'", cols[c]);
		}
		ld->ncol = rec->nf;
		return 0;
	}
	if (rec->nf != ld->ncol)
		return fail(ld, rec->line, "%s", "wrong number of fields");
	const char *level = rec->f[ld->col[2]];
	struct pl_region r = {0};
	int lv = -1;
	for (int l = 0; l < PL_LEVEL_COUNT; l++)
		if (strcmp(level, level_names[l]) == 0)
			lv = l;
	if (lv < 0)
		return fail(ld, rec->line, "level must be provinsi, kabupaten or kota, not '%s'", level);
	const char *parent = rec->f[ld->col[3]];
	if ((lv == PL_LEVEL_PROVINSI) != (*parent == '\0'))
		return fail(ld, rec->line, "%s",
			    "parent_code must be empty for a province and set otherwise");
	if (!*rec->f[ld->col[0]] || !*rec->f[ld->col[1]])
		return fail(ld, rec->line, "%s", "code and name are required");
	r.level = (enum pl_level)lv;
	r.code = pl_xstrdup(rec->f[ld->col[0]]);
	r.name = pl_xstrdup(rec->f[ld->col[1]]);
	r.province = pl_xstrdup(lv == PL_LEVEL_PROVINSI ? r.code : parent);
	struct pl_master *m = ld->m;
	m->r = pl_xrealloc(m->r, (m->n + 1) * sizeof *m->r);
	m->r[m->n++] = r;
	return 0;
}

static int cmp_region(const void *a, const void *b)
{
	return strcmp(((const struct pl_region *)a)->code, ((const struct pl_region *)b)->code);
}

int pl_master_load(struct pl_master *m, const char *path, struct pl_buf *err)
{
	struct loader ld = {.m = m, .path = path, .err = err};
	struct pl_csv_error cerr;
	if (pl_csv_read(path, NULL, on_record, &ld, &cerr) < 0) {
		pl_buf_reset(err);
		pl_buf_printf(err, "%s: cannot read: %s", path, cerr.message);
		return -1;
	}
	if (ld.failed)
		return -1;
	pl_sort(m->r, m->n, sizeof *m->r, cmp_region);
	for (size_t i = 0; i < m->n; i++) {
		if (i && strcmp(m->r[i].code, m->r[i - 1].code) == 0)
			return fail(&ld, 0, "region code '%s' appears twice", m->r[i].code), -1;
		const struct pl_region *p = pl_master_find(m, m->r[i].province);
		if (!p || p->level != PL_LEVEL_PROVINSI)
			return fail(&ld, 0, "parent_code '%s' is not a province of the list",
				    m->r[i].province), -1;
	}
	if (m->n == 0)
		return fail(&ld, 0, "%s", "no regions"), -1;
	return 0;
}

const struct pl_region *pl_master_find(const struct pl_master *m, const char *code)
{
	struct pl_region key = {.code = (char *)code};
	return bsearch(&key, m->r, m->n, sizeof *m->r, cmp_region);
}

void pl_master_free(struct pl_master *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->r[i].code);
		free(m->r[i].name);
		free(m->r[i].province);
	}
	free(m->r);
	m->r = NULL;
	m->n = 0;
}
