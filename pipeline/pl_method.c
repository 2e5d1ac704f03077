#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pl_csvread.h"
#include "pl_method.h"
#include "pl_parse.h"

struct loader {
	struct pl_method *m;
	const char *file;
	struct pl_buf *err;
	int failed;
	size_t ncol;
	int col[10];
};

static int failf(struct loader *ld, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int failf(struct loader *ld, unsigned long line, const char *fmt, ...)
{
	if (!ld->failed) {
		va_list ap;
		va_start(ap, fmt);
		pl_buf_reset(ld->err);
		pl_buf_printf(ld->err, "%s/%s:%lu: ", ld->m->dir, ld->file, line);
		pl_buf_vprintf(ld->err, fmt, ap);
		va_end(ap);
	}
	ld->failed = 1;
	return 1;
}

static char *trimmed(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static int parse_counts(const char *v, unsigned *out)
{
	unsigned bits = 0;
	char *copy = pl_xstrdup(v), *save = NULL;
	int rc = 0;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		t = trimmed(t);
		if (strcmp(t, "scored") == 0)
			bits |= PL_DISP_SCORED;
		else if (strcmp(t, "ditolak") == 0)
			bits |= PL_DISP_DITOLAK;
		else
			rc = -1;
	}
	free(copy);
	*out = bits;
	return bits ? rc : -1;
}

static void parse_gate(struct pl_method *m, const char *v)
{
	char *copy = pl_xstrdup(v), *save = NULL;
	for (char *t = strtok_r(copy, "|", &save); t; t = strtok_r(NULL, "|", &save)) {
		t = trimmed(t);
		if (!*t)
			continue;
		m->gate_urusan = pl_xrealloc(m->gate_urusan, (m->ngate + 1) * sizeof *m->gate_urusan);
		m->gate_urusan[m->ngate] = pl_xstrdup(t);
		pl_ascii_lower(m->gate_urusan[m->ngate++]);
	}
	free(copy);
}

/* One "key = value" setting; returns non-zero on a bad value. */
static int conf_set(struct loader *ld, unsigned long ln, const char *k, const char *v)
{
	struct pl_method *m = ld->m;
	int64_t n;
	if (strcmp(k, "year") == 0) {
		if (pl_parse_int(v, 1900, 9999, &n))
			return failf(ld, ln, "year must be four digits, not '%s'", v);
		m->year = (int)n;
	} else if (strcmp(k, "name") == 0) {
		free(m->name);
		m->name = pl_xstrdup(v);
	} else if (strcmp(k, "max_total") == 0 || strcmp(k, "jumlah_per_innovation") == 0) {
		if (pl_parse_hundredths(v, &n) || n == 0)
			return failf(ld, ln, "expected a positive number with at most 2 decimals, not '%s'", v);
		*(k[0] == 'm' ? &m->max_total : &m->jumlah_per) = n;
	} else if (strcmp(k, "divisor_floor") == 0 || strcmp(k, "jumlah_cap") == 0) {
		if (pl_parse_int(v, 1, 1000000, &n))
			return failf(ld, ln, "expected a whole number of innovations, not '%s'", v);
		*(k[0] == 'd' ? &m->divisor_floor : &m->jumlah_cap) = n;
	} else if (strcmp(k, "max_level") == 0) {
		if (pl_parse_int(v, 1, 9, &n))
			return failf(ld, ln, "max_level must be a whole number from 1 to 9, not '%s'", v);
		m->max_level = n;
	} else if (strcmp(k, "jumlah_gate_min") == 0) {
		if (*v && pl_parse_int(v, 1, 1000, &n))
			return failf(ld, ln, "expected a whole number or nothing, not '%s'", v);
		m->gate_min = *v ? n : 0;
	} else if (strcmp(k, "jumlah_gate_urusan") == 0) {
		parse_gate(m, v);
	} else if (strcmp(k, "divisor_counts") == 0 || strcmp(k, "jumlah_counts") == 0) {
		if (parse_counts(v, k[0] == 'd' ? &m->divisor_counts : &m->jumlah_counts))
			return failf(ld, ln, "expected a list of 'scored' and 'ditolak', not '%s'", v);
	} else if (strcmp(k, "evidence_rule") == 0) {
		if (strcmp(v, "verified_or_evidenced") == 0)
			m->evidence_rule = PL_EVIDENCE_VERIFIED_OR_EVIDENCED;
		else if (strcmp(v, "verified_or_claimed") == 0)
			m->evidence_rule = PL_EVIDENCE_VERIFIED_OR_CLAIMED;
		else if (strcmp(v, "verified_only") == 0)
			m->evidence_rule = PL_EVIDENCE_VERIFIED_ONLY;
		else
			return failf(ld, ln, "unknown evidence_rule '%s'", v);
	} else if (strcmp(k, "eligible_from") == 0 || strcmp(k, "eligible_to") == 0) {
		int32_t d = 0;
		if (*v && pl_parse_date(v, &d))
			return failf(ld, ln, "expected a date YYYY-MM-DD or nothing, not '%s'", v);
		*(k[9] == 'f' ? &m->eligible_from : &m->eligible_to) = d;
	} else {
		return failf(ld, ln, "unknown setting '%s'", k);
	}
	return 0;
}

static int load_conf(struct loader *ld)
{
	struct pl_buf path = {0};
	pl_buf_printf(&path, "%s/method.conf", ld->m->dir);
	FILE *fp = fopen(path.p, "r");
	pl_buf_free(&path);
	ld->file = "method.conf";
	if (!fp)
		return failf(ld, 0, "cannot open: %s", strerror(errno));
	char *line = NULL;
	size_t cap = 0;
	unsigned long ln = 0;
	while (!ld->failed && getline(&line, &cap, fp) >= 0) {
		ln++;
		char *s = trimmed(line);
		size_t n = strlen(s);
		if (n && s[n - 1] == '\n')
			s[--n] = '\0';
		s = trimmed(s);
		if (!*s || *s == '#')
			continue;
		char *eq = strchr(s, '=');
		if (!eq) {
			failf(ld, ln, "expected 'key = value', not '%s'", s);
			break;
		}
		*eq = '\0';
		conf_set(ld, ln, trimmed(s), trimmed(eq + 1));
	}
	free(line);
	fclose(fp);
	if (!ld->failed && !ld->m->year)
		failf(ld, ln, "%s", "no 'year' setting");
	if (!ld->failed && (!ld->m->max_total || !ld->m->divisor_floor || !ld->m->max_level ||
			    !ld->m->jumlah_per || !ld->m->jumlah_cap ||
			    !ld->m->divisor_counts || !ld->m->jumlah_counts))
		failf(ld, ln, "%s",
		      "max_total, max_level, divisor_floor, jumlah_per_innovation, "
		      "jumlah_cap, divisor_counts and jumlah_counts are all required");
	if (!ld->failed && ld->m->gate_min && ld->m->gate_min > (int64_t)ld->m->ngate)
		failf(ld, ln, "%s", "jumlah_gate_min exceeds the number of jumlah_gate_urusan");
	return ld->failed ? -1 : 0;
}

/* Maps a header row to the wanted columns; every one must be present. */
static int map_header(struct loader *ld, const struct pl_csv_record *rec,
		      const char *const *want, size_t nwant)
{
	for (size_t w = 0; w < nwant; w++) {
		ld->col[w] = -1;
		for (size_t i = 0; i < rec->nf; i++)
			if (strcmp(trimmed(rec->f[i]), want[w]) == 0)
				ld->col[w] = (int)i;
		if (ld->col[w] < 0)
			return failf(ld, rec->line, "missing column '%s'", want[w]);
	}
	ld->ncol = rec->nf;
	return 0;
}

static const char *const ind_cols[] = {"row", "indicator", "aspect", "variable",
				       "weight", "mandatory", "name"};

static int on_indicator(void *ctx, const struct pl_csv_record *rec)
{
	struct loader *ld = ctx;
	struct pl_method *m = ld->m;
	if (rec->error)
		return failf(ld, rec->line, "%s", "malformed CSV");
	if (rec->line == 1)
		return map_header(ld, rec, ind_cols, 7);
	if (rec->nf != ld->ncol)
		return failf(ld, rec->line, "%s", "wrong number of fields");
	struct pl_indicator in = {0};
	const char *aspect = trimmed(rec->f[ld->col[2]]);
	const char *row = trimmed(rec->f[ld->col[0]]);
	int64_t mand;
	if (!*row)
		return failf(ld, rec->line, "%s", "empty row id");
	if (pl_method_row(m, row) >= 0)
		return failf(ld, rec->line, "row '%s' appears twice", row);
	if (strcmp(aspect, "spd") == 0)
		in.aspect = PL_ASPECT_SPD;
	else if (strcmp(aspect, "sid") == 0)
		in.aspect = PL_ASPECT_SID;
	else
		return failf(ld, rec->line, "aspect must be spd or sid, not '%s'", aspect);
	if (pl_parse_hundredths(trimmed(rec->f[ld->col[4]]), &in.weight))
		return failf(ld, rec->line, "weight must be a number with at most 2 decimals, not '%s'",
			     rec->f[ld->col[4]]);
	if (pl_parse_int(trimmed(rec->f[ld->col[5]]), 0, 1, &mand))
		return failf(ld, rec->line, "mandatory must be 0 or 1, not '%s'", rec->f[ld->col[5]]);
	in.mandatory = (int)mand;
	in.row = pl_xstrdup(row);
	in.indicator = pl_xstrdup(trimmed(rec->f[ld->col[1]]));
	in.variable = pl_xstrdup(trimmed(rec->f[ld->col[3]]));
	in.name = pl_xstrdup(trimmed(rec->f[ld->col[6]]));
	m->ind = pl_xrealloc(m->ind, (m->nind + 1) * sizeof *m->ind);
	m->ind[m->nind++] = in;
	return 0;
}

static const char *const pred_cols[] = {"predicate", "from_iid"};

static int on_predicate(void *ctx, const struct pl_csv_record *rec)
{
	struct loader *ld = ctx;
	struct pl_method *m = ld->m;
	if (rec->error)
		return failf(ld, rec->line, "%s", "malformed CSV");
	if (rec->line == 1)
		return map_header(ld, rec, pred_cols, 2);
	if (rec->nf != ld->ncol)
		return failf(ld, rec->line, "%s", "wrong number of fields");
	struct pl_predicate p;
	if (pl_parse_hundredths(trimmed(rec->f[ld->col[1]]), &p.from) || p.from > 10000)
		return failf(ld, rec->line, "from_iid must be 0.00 to 100.00, not '%s'",
			     rec->f[ld->col[1]]);
	if (m->npred && p.from >= m->pred[m->npred - 1].from)
		return failf(ld, rec->line, "%s", "bounds must be listed from high to low");
	p.name = pl_xstrdup(trimmed(rec->f[ld->col[0]]));
	m->pred = pl_xrealloc(m->pred, (m->npred + 1) * sizeof *m->pred);
	m->pred[m->npred++] = p;
	return 0;
}

static int load_table(struct loader *ld, const char *file, pl_csv_cb cb)
{
	struct pl_buf path = {0};
	struct pl_csv_error cerr;
	pl_buf_printf(&path, "%s/%s", ld->m->dir, file);
	ld->file = file;
	int rc = pl_csv_read(path.p, NULL, cb, ld, &cerr);
	pl_buf_free(&path);
	if (rc < 0)
		failf(ld, 0, "cannot read: %s", cerr.message);
	return ld->failed ? -1 : 0;
}

/* The tables must describe the method the settings claim. */
static int check_coherent(struct loader *ld)
{
	struct pl_method *m = ld->m;
	int64_t total = m->jumlah_per * m->jumlah_cap;
	for (size_t i = 0; i < m->nind; i++)
		total += m->ind[i].weight * m->max_level;
	ld->file = "method.conf";
	if (!m->nind)
		return failf(ld, 0, "%s", "indicators.csv lists no rows");
	if (!m->npred || m->pred[m->npred - 1].from != 0)
		return failf(ld, 0, "%s", "predicates.csv must end with a 0.00 bound");
	if (total != m->max_total) {
		char buf[64];
		snprintf(buf, sizeof buf, "%lld.%02lld", (long long)(total / 100),
			 (long long)(total % 100));
		return failf(ld, 0, "max_total does not equal the maxima of the rows (%s)", buf);
	}
	return 0;
}

static uint32_t row_hash(const char *row)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *row; row++)
		h = (h ^ (unsigned char)*row) * 16777619u;
	return h;
}

static void index_rows(struct pl_method *m)
{
	size_t size = 16;
	while (size < 4 * m->nind)
		size *= 2;
	m->row_slot = pl_xcalloc(size, sizeof *m->row_slot);
	m->row_mask = size - 1;
	for (size_t i = 0; i < m->nind; i++) {
		size_t s = row_hash(m->ind[i].row) & m->row_mask;
		while (m->row_slot[s])
			s = (s + 1) & m->row_mask;
		m->row_slot[s] = (unsigned)i + 1;
	}
}

static int load_one(struct pl_methods *ms, const char *dir, struct pl_buf *err)
{
	struct pl_method m = {0};
	m.dir = pl_xstrdup(dir);
	m.evidence_rule = PL_EVIDENCE_VERIFIED_OR_EVIDENCED;
	struct loader ld = {.m = &m, .err = err};
	if (load_conf(&ld) == 0 && load_table(&ld, "indicators.csv", on_indicator) == 0 &&
	    load_table(&ld, "predicates.csv", on_predicate) == 0)
		check_coherent(&ld);
	if (!ld.failed)
		index_rows(&m);
	if (!ld.failed && pl_methods_find(ms, m.year)) {
		ld.file = "method.conf";
		failf(&ld, 0, "%s", "a second methodology for the same year");
	}
	ms->m = pl_xrealloc(ms->m, (ms->n + 1) * sizeof *ms->m);
	ms->m[ms->n++] = m; /* kept even on failure, so pl_methods_free frees it */
	return ld.failed ? -1 : 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int pl_methods_load(struct pl_methods *ms, const char *dir, struct pl_buf *err)
{
	struct pl_buf path = {0};
	struct stat st;
	pl_buf_printf(&path, "%s/method.conf", dir);
	int single = stat(path.p, &st) == 0;
	pl_buf_free(&path);
	if (single)
		return load_one(ms, dir, err);
	DIR *d = opendir(dir);
	if (!d) {
		pl_buf_reset(err);
		pl_buf_printf(err, "%s: cannot open methodology folder: %s", dir, strerror(errno));
		return -1;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		struct pl_buf sub = {0};
		pl_buf_printf(&sub, "%s/%s/method.conf", dir, e->d_name);
		if (stat(sub.p, &st) == 0) {
			names = pl_xrealloc(names, (n + 1) * sizeof *names);
			names[n++] = pl_xstrdup(e->d_name);
		}
		pl_buf_free(&sub);
	}
	closedir(d);
	pl_sort(names, n, sizeof *names, cmp_str);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		struct pl_buf sub = {0};
		pl_buf_printf(&sub, "%s/%s", dir, names[i]);
		if (rc == 0 && load_one(ms, sub.p, err) < 0)
			rc = -1;
		pl_buf_free(&sub);
		free(names[i]);
	}
	free(names);
	if (rc == 0 && ms->n == 0) {
		pl_buf_reset(err);
		pl_buf_printf(err, "%s: no methodology folder (with method.conf) found", dir);
		rc = -1;
	}
	return rc;
}

const struct pl_method *pl_methods_find(const struct pl_methods *ms, int year)
{
	for (size_t i = 0; i < ms->n; i++)
		if (ms->m[i].year == year)
			return &ms->m[i];
	return NULL;
}

void pl_methods_years(const struct pl_methods *ms, struct pl_buf *out)
{
	for (size_t i = 0; i < ms->n; i++)
		pl_buf_printf(out, "%s%d", i ? ", " : "", ms->m[i].year);
}

void pl_methods_free(struct pl_methods *ms)
{
	for (size_t i = 0; i < ms->n; i++) {
		struct pl_method *m = &ms->m[i];
		for (size_t j = 0; j < m->nind; j++) {
			free(m->ind[j].row);
			free(m->ind[j].indicator);
			free(m->ind[j].variable);
			free(m->ind[j].name);
		}
		for (size_t j = 0; j < m->npred; j++)
			free(m->pred[j].name);
		for (size_t j = 0; j < m->ngate; j++)
			free(m->gate_urusan[j]);
		free(m->gate_urusan);
		free(m->ind);
		free(m->row_slot);
		free(m->pred);
		free(m->dir);
		free(m->name);
	}
	free(ms->m);
	ms->m = NULL;
	ms->n = 0;
}

int pl_method_row(const struct pl_method *m, const char *row)
{
	if (!m->row_slot) { /* still loading: the rows are few */
		for (size_t i = 0; i < m->nind; i++)
			if (strcmp(m->ind[i].row, row) == 0)
				return (int)i;
		return -1;
	}
	/* The table is at most a quarter full, so a probe ends soon. */
	for (size_t s = row_hash(row) & m->row_mask; m->row_slot[s]; s = (s + 1) & m->row_mask)
		if (strcmp(m->ind[m->row_slot[s] - 1].row, row) == 0)
			return (int)m->row_slot[s] - 1;
	return -1;
}

const char *pl_method_predicate(const struct pl_method *m, int64_t iid)
{
	/* The last bound (0) names exactly zero; every other bound is "from". */
	for (size_t i = 0; i + 1 < m->npred; i++)
		if (iid >= m->pred[i].from)
			return m->pred[i].name;
	return m->pred[m->npred - 1].name;
}
