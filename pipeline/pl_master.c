#include <stdarg.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

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

/* 1 for a region in the tag's cluster, 0 for one outside, -1 unreadable. */
static int tag_value(const char *s)
{
	static const char *const yes[] = {"1", "ya", "y", "yes", "true"};
	static const char *const no[] = {"", "0", "tidak", "t", "no", "n", "false"};
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	return -1;
}

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
		/* Every other column is a tag: a further ranking cluster. */
		struct pl_master *m = ld->m;
		m->tag_col = pl_xcalloc(rec->nf ? rec->nf : 1, sizeof *m->tag_col);
		for (size_t i = 0; i < rec->nf; i++) {
			int known = 0;
			for (int c = 0; c < 4; c++)
				known |= ld->col[c] == (int)i;
			if (known || !*rec->f[i])
				continue;
			m->tags = pl_xrealloc(m->tags, (m->ntags + 1) * sizeof *m->tags);
			m->tags[m->ntags] = pl_xstrdup(rec->f[i]);
			m->tag_col[m->ntags++] = i;
		}
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
	int ignored;
	r.bare = pl_region_fold(r.name, &ignored);
	struct pl_master *m = ld->m;
	r.tagged = pl_xcalloc(m->ntags ? m->ntags : 1, 1);
	for (size_t t = 0; t < m->ntags; t++) {
		int v = tag_value(rec->f[m->tag_col[t]]);
		if (v < 0) {
			free(r.code), free(r.name), free(r.province), free(r.bare), free(r.tagged);
			return fail(ld, rec->line, "tag values are 1/0, ya/tidak, yes/no or empty, not '%s'",
				    rec->f[m->tag_col[t]]);
		}
		r.tagged[t] = (unsigned char)v;
	}
	m->r = pl_xrealloc(m->r, (m->n + 1) * sizeof *m->r);
	m->r[m->n++] = r;
	return 0;
}

/* A two-column side table beside the master: legacy codes or aliases. */
struct side {
	struct pl_master *m;
	const char *path;
	struct pl_buf *err;
	int legacy; /* else aliases */
	int failed;
};

static int side_fail(struct side *sd, unsigned long line, const char *what, const char *arg)
{
	if (!sd->failed) {
		pl_buf_reset(sd->err);
		pl_buf_printf(sd->err, "%s:%lu: %s '%s'", sd->path, line, what, arg);
	}
	sd->failed = 1;
	return 1;
}

static int on_side(void *ctx, const struct pl_csv_record *rec)
{
	struct side *sd = ctx;
	struct pl_master *m = sd->m;
	if (rec->error || rec->nf < 2)
		return side_fail(sd, rec->line, "expected two columns", "");
	if (rec->line == 1)
		return 0; /* header */
	const char *key = rec->f[0], *code = rec->f[1];
	const struct pl_region *target = pl_master_find(m, code);
	if (!target)
		return side_fail(sd, rec->line, "code not in the master list:", code);
	if (sd->legacy) {
		if (pl_master_find(m, key))
			return side_fail(sd, rec->line, "a retired code is still in the master list:", key);
		m->legacy = pl_xrealloc(m->legacy, (m->nlegacy + 1) * sizeof *m->legacy);
		m->legacy[m->nlegacy].old_code = pl_xstrdup(key);
		m->legacy[m->nlegacy++].new_code = pl_xstrdup(code);
	} else {
		int level;
		m->alias = pl_xrealloc(m->alias, (m->nalias + 1) * sizeof *m->alias);
		char *folded = pl_region_fold(key, &level);
		m->alias[m->nalias].folded = folded;
		m->alias[m->nalias++].region = target;
	}
	return 0;
}

static int load_side_tables(struct pl_master *m, const char *path, struct pl_buf *err)
{
	static const char *const names[] = {"legacy-codes.csv", "region-aliases.csv"};
	const char *slash = strrchr(path, '/');
	for (int t = 0; t < 2; t++) {
		struct pl_buf side_path = {0};
		if (slash)
			pl_buf_printf(&side_path, "%.*s/%s", (int)(slash - path), path, names[t]);
		else
			pl_buf_adds(&side_path, names[t]);
		struct stat st;
		int rc = 0;
		if (stat(side_path.p, &st) == 0) {
			struct side sd = {m, side_path.p, err, t == 0, 0};
			struct pl_csv_error cerr;
			if (pl_csv_read(side_path.p, NULL, on_side, &sd, &cerr) < 0) {
				pl_buf_reset(err);
				pl_buf_printf(err, "%s: cannot read: %s", side_path.p, cerr.message);
				rc = -1;
			} else if (sd.failed) {
				rc = -1;
			}
		}
		pl_buf_free(&side_path);
		if (rc)
			return -1;
	}
	return 0;
}

static const struct {
	const char *prefix;
	int level;
} prefixes[] = {
	{"kabupaten administrasi ", PL_LEVEL_KABUPATEN}, {"kota administrasi ", PL_LEVEL_KOTA},
	{"kabupaten ", PL_LEVEL_KABUPATEN}, {"kab. ", PL_LEVEL_KABUPATEN},
	{"kab.", PL_LEVEL_KABUPATEN}, {"kab ", PL_LEVEL_KABUPATEN},
	{"kota ", PL_LEVEL_KOTA}, {"provinsi ", PL_LEVEL_PROVINSI},
	{"prov. ", PL_LEVEL_PROVINSI}, {"prov ", PL_LEVEL_PROVINSI},
};

/* Room fold() needs for a name of len bytes: "kep." (4) becomes
 * "kepulauan" (9), every other byte at most one. */
#define FOLD_ROOM(len) (3 * (len) + 1)

/* pl_region_fold into the caller's buffers: low has room for the name and
 * its NUL, out FOLD_ROOM(strlen(name)). */
static void fold(const char *name, int *level, char *low, char *out)
{
	/* Lower case with single spaces first, so prefixes compare simply. */
	size_t len = 0;
	int gap = 0;
	for (const char *p = name; *p; p++) {
		if (isspace((unsigned char)*p)) {
			gap = len > 0;
			continue;
		}
		if (gap)
			low[len++] = ' ';
		gap = 0;
		low[len++] = (char)tolower((unsigned char)*p);
	}
	low[len] = '\0';
	const char *s = low;
	size_t n = len;
	*level = -1;
	/* "Bima, Kota" and "Bima, Kabupaten": the level written last. */
	const char *comma = strrchr(s, ',');
	if (comma) {
		const char *tail = comma + 1;
		while (*tail == ' ')
			tail++;
		for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
			size_t pl = strlen(prefixes[i].prefix);
			/* compare without the prefix's trailing space or dot */
			while (pl && (prefixes[i].prefix[pl - 1] == ' ' || prefixes[i].prefix[pl - 1] == '.'))
				pl--;
			size_t tl = strlen(tail);
			while (tl && tail[tl - 1] == '.')
				tl--;
			if (tl == pl && strncmp(tail, prefixes[i].prefix, pl) == 0) {
				*level = prefixes[i].level;
				n = (size_t)(comma - s);
				break;
			}
		}
	}
	size_t start = 0;
	if (*level < 0) {
		for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
			size_t pl = strlen(prefixes[i].prefix);
			if (n > pl && strncmp(s, prefixes[i].prefix, pl) == 0) {
				*level = prefixes[i].level;
				start = pl;
				break;
			}
		}
	}
	char *o = out;
	for (size_t i = start; i < n; i++) {
		if (s[i] == 'k' && strncmp(s + i, "kep.", 4) == 0) {
			memcpy(o, "kepulauan", 9);
			o += 9;
			i += 3;
			continue;
		}
		if (isalnum((unsigned char)s[i]))
			*o++ = s[i];
	}
	*o = '\0';
}

char *pl_region_fold(const char *name, int *level)
{
	size_t len = strlen(name);
	char *low = pl_xmalloc(len + 1), *out = pl_xmalloc(FOLD_ROOM(len));
	fold(name, level, low, out);
	free(low);
	return out;
}

/* Regions whose bare name is `bare` (and of `level`, unless -1), in code
 * order, plus an alias match (the first in file order) when there is none;
 * returns how many, filling up to the candidates' room. */
static size_t by_name(const struct pl_master *m, const char *bare, int level,
		      const struct pl_region **out)
{
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(m->by_bare[mid]->bare, bare) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t n = 0;
	for (size_t i = lo; i < m->n && strcmp(m->by_bare[i]->bare, bare) == 0; i++) {
		const struct pl_region *r = m->by_bare[i];
		if (level < 0 || (int)r->level == level) {
			if (n < PL_RESOLVE_MAX_CANDIDATES)
				out[n] = r;
			n++;
		}
	}
	if (n)
		return n;
	lo = 0, hi = m->nalias;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(m->alias_by_name[mid]->folded, bare) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < m->nalias && strcmp(m->alias_by_name[lo]->folded, bare) == 0)
		out[n++] = m->alias_by_name[lo]->region;
	return n;
}

static enum pl_resolve resolve_name(const struct pl_master *m, const struct pl_region *by_code,
				    const char *bare, int level, struct pl_resolution *out)
{
	/* The code's own name, the usual case, needs no search: the code's
	 * region is then among the candidates by_name would give, unless more
	 * namesakes than the candidates' room come before it. */
	if (by_code && strcmp(by_code->bare, bare) == 0 &&
	    (level < 0 || (int)by_code->level == level) &&
	    by_code->namesakes <= PL_RESOLVE_MAX_CANDIDATES)
		return PL_RESOLVE_OK;
	size_t n = by_name(m, bare, level, out->candidates);
	out->ncandidates = n < PL_RESOLVE_MAX_CANDIDATES ? n : PL_RESOLVE_MAX_CANDIDATES;
	if (by_code) {
		/* The name must be the code's region: the same bare name (and
		 * level when the name says one), or an alias of it. */
		for (size_t i = 0; i < out->ncandidates; i++)
			if (out->candidates[i] == by_code) {
				out->ncandidates = 0;
				return PL_RESOLVE_OK;
			}
		return PL_RESOLVE_MISMATCH;
	}
	if (n == 1) {
		out->region = out->candidates[0];
		out->ncandidates = 0;
		return PL_RESOLVE_OK;
	}
	return n == 0 ? PL_RESOLVE_UNKNOWN : PL_RESOLVE_AMBIGUOUS;
}

enum pl_resolve pl_master_resolve(const struct pl_master *m, const char *code, const char *name,
				  struct pl_resolution *out)
{
	memset(out, 0, sizeof *out);
	int has_code = code && *code, has_name = name && *name;
	if (!has_code && !has_name)
		return PL_RESOLVE_NONE;
	const struct pl_region *by_code = NULL;
	if (has_code) {
		by_code = pl_master_find(m, code);
		for (size_t i = 0; !by_code && i < m->nlegacy; i++)
			if (strcmp(m->legacy[i].old_code, code) == 0) {
				by_code = pl_master_find(m, m->legacy[i].new_code);
				out->legacy_code = m->legacy[i].old_code;
			}
		if (!by_code)
			return PL_RESOLVE_UNKNOWN;
		out->region = by_code;
		if (!has_name)
			return PL_RESOLVE_OK;
	}
	/* Fold on the stack: this runs for every record. */
	char low[128], bare[FOLD_ROOM(sizeof low)];
	size_t len = strlen(name);
	char *lowp = len < sizeof low ? low : pl_xmalloc(len + 1);
	char *barep = len < sizeof low ? bare : pl_xmalloc(FOLD_ROOM(len));
	int level;
	fold(name, &level, lowp, barep);
	enum pl_resolve rc = resolve_name(m, by_code, barep, level, out);
	if (lowp != low)
		free(lowp), free(barep);
	return rc;
}

static int cmp_bare(const void *a, const void *b)
{
	const struct pl_region *x = *(const struct pl_region *const *)a;
	const struct pl_region *y = *(const struct pl_region *const *)b;
	int c = strcmp(x->bare, y->bare);
	return c ? c : (x > y) - (x < y); /* the regions are in code order */
}

static int cmp_alias(const void *a, const void *b)
{
	const struct pl_alias *x = *(const struct pl_alias *const *)a;
	const struct pl_alias *y = *(const struct pl_alias *const *)b;
	int c = strcmp(x->folded, y->folded);
	return c ? c : (x > y) - (x < y); /* the aliases are in file order */
}

static void index_names(struct pl_master *m)
{
	const struct pl_region **r = pl_xmalloc((m->n ? m->n : 1) * sizeof *r);
	for (size_t i = 0; i < m->n; i++)
		r[i] = &m->r[i];
	pl_sort(r, m->n, sizeof *r, cmp_bare);
	for (size_t i = 0, j; i < m->n; i = j) {
		for (j = i + 1; j < m->n && strcmp(r[j]->bare, r[i]->bare) == 0; j++)
			;
		for (size_t k = i; k < j; k++)
			m->r[r[k] - m->r].namesakes = j - i;
	}
	m->by_bare = r;
	const struct pl_alias **a = pl_xmalloc((m->nalias ? m->nalias : 1) * sizeof *a);
	for (size_t i = 0; i < m->nalias; i++)
		a[i] = &m->alias[i];
	pl_sort(a, m->nalias, sizeof *a, cmp_alias);
	m->alias_by_name = a;
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
	if (load_side_tables(m, path, err) < 0)
		return -1;
	index_names(m);
	return 0;
}

const struct pl_region *pl_master_find(const struct pl_master *m, const char *code)
{
	struct pl_region key = {.code = (char *)code};
	return bsearch(&key, m->r, m->n, sizeof *m->r, cmp_region);
}

const struct pl_region *pl_master_find_near(const struct pl_master *m,
					    const struct pl_region **last, const char *code)
{
	if (*last && strcmp((*last)->code, code) == 0)
		return *last;
	const struct pl_region *r = pl_master_find(m, code);
	if (r)
		*last = r;
	return r;
}

void pl_master_free(struct pl_master *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->r[i].code);
		free(m->r[i].name);
		free(m->r[i].province);
		free(m->r[i].bare);
		free(m->r[i].tagged);
	}
	for (size_t i = 0; i < m->ntags; i++)
		free(m->tags[i]);
	free(m->tags);
	free(m->tag_col);
	for (size_t i = 0; i < m->nlegacy; i++) {
		free(m->legacy[i].old_code);
		free(m->legacy[i].new_code);
	}
	for (size_t i = 0; i < m->nalias; i++)
		free(m->alias[i].folded);
	free(m->legacy);
	free(m->alias);
	free(m->by_bare);
	free(m->alias_by_name);
	free(m->r);
	memset(m, 0, sizeof *m);
}
