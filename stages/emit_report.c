/*
 * emit_report.c: report.html, the run as one page for people who look at
 * rankings rather than read tables (docs/report.md).
 *
 * Per assessment year, newest first: a national overview (the predicates
 * per cluster, the spread of the IID), a ranking table per cluster
 * (provinsi, kabupaten, kota) that sorts and filters, a panel per province
 * with its kabupaten and kota against the predicate bands, and a detail
 * view per region (its points by aspect and variable, its innovations, the
 * cheapest steps to the next predicate, the change since the earlier run
 * when changes.csv was written).
 *
 * The page stands alone: CSS and a small script inline, charts as SVG
 * written here, no fonts, images or scripts from anywhere, so it opens by
 * double-click without a network. Without the script everything is still
 * there in rank order; the script only sorts and filters. A detail view is
 * an element shown by the CSS :target rule, so links to it work without
 * the script too.
 *
 * Everything taken from the records is escaped (pl_html.h): names of
 * innovations and agencies come from submissions. The page holds no time
 * and is built from the records in a fixed order, so the same run gives
 * the same bytes. Geometry is computed in integers (hundredths of IID
 * points), never in floating point, for the same reason.
 *
 * The predicate bands come from the year's methodology when emit has it
 * (ctx->methods) and it names every predicate the regions have; otherwise
 * the bars are still coloured by predicate but no bands are drawn, since
 * the bounds cannot be told from the data.
 *
 * Memory: one page buffer and a few arrays of pointers to held records,
 * freed before write_report returns. Errors: those of the file, through
 * emit_open / emit_close (o->failed).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emit_internal.h"
#include "pl_csvread.h"
#include "pl_exact.h"
#include "pl_html.h"
#include "pl_method.h"
#include "pl_parse.h"

/* A label in the run's language: Bahasa Indonesia, or English. */
#define T(idn, eng) (p->english ? (eng) : (idn))

enum { MAX_PRED = 16 };

static const char *const levels[] = {"provinsi", "kabupaten", "kota"};
enum { NLEVELS = 3 };

/* A record with the year and region it is about, for lookups. */
struct keyed {
	const struct held *h;
	const char *year, *code;
};

struct index {
	struct keyed *v;
	size_t n;
};

struct pred {
	const char *name;
	int64_t from; /* hundredths; meaningful when the year has bands */
	int64_t best; /* the highest IID a region with it got, -1: none */
};

/* The columns of changes.csv (emit_changes.c) the page shows. */
static const char *const change_cols[] = {
    "year",
    "region_code",
    "previous_year",
    "iid_previous",
    "iid",
    "iid_change",
    "rank_national_previous",
    "rank_national",
    "predicate_previous",
    "predicate",
    "predicate_move",
};
enum {
	CH_YEAR,
	CH_CODE,
	CH_PREV_YEAR,
	CH_IID_PREV,
	CH_IID,
	CH_IID_CHANGE,
	CH_RANK_PREV,
	CH_RANK,
	CH_PRED_PREV,
	CH_PRED,
	CH_MOVE,
	CH_N
};

struct change {
	char *f[CH_N];
};

struct changes {
	struct change *v;
	size_t n, cap;
	int col[CH_N];
	int bad;
};

/* What the page is built from. */
struct page {
	struct emit *e;
	struct out *o;
	FILE *fp;        /* report.html, written as the page grows */
	struct pl_buf b; /* what is not yet written */
	int english;
	struct index exp, sug, clu, reg;
	struct changes chg;
	int have_changes;
	/* the year being written */
	const char *year;
	const struct held **regs; /* its regions, by code */
	size_t nregs;
	struct pred pred[MAX_PRED];
	size_t npred;
	int bands;
	/* Counts each region's details quote, made once rather than by a
	 * search of the year's regions per region: the year's regions by
	 * level (-1: not counted yet), and the kabupaten and kota of the
	 * province counted last. */
	long level_n[NLEVELS];
	const char *counted_prov;
	long counted_prov_n;
};

static int level_index(const char *level)
{
	for (int i = 0; i < NLEVELS; i++)
		if (!strcmp(level, levels[i]))
			return i;
	return -1;
}

enum level_form { COUNTED, TITLE_ONE, TITLE_MANY };

/* A level's name: COUNTED after a number ("98 kota", "98 cities"), or
 * as a title for one region or for all of them. */
static const char *level_label(const struct page *p, int lv, enum level_form form)
{
	static const char *const names[3][2][NLEVELS] = {
	    {{"provinsi", "kabupaten", "kota"}, {"provinces", "regencies", "cities"}},
	    {{"Provinsi", "Kabupaten", "Kota"}, {"Province", "Regency (kabupaten)", "City (kota)"}},
	    {{"Provinsi", "Kabupaten", "Kota"}, {"Provinces", "Regencies", "Cities"}},
	};
	return lv < 0 ? "" : names[form][p->english][lv];
}

/* ---------------------------------------------------------------- values */

static int64_t hundredths(const char *s)
{
	int64_t v = 0;
	if (!s || pl_parse_hundredths(s, &v))
		return 0;
	return v;
}

static int64_t whole(const char *s)
{
	int64_t v = 0;
	if (!s || pl_parse_int(s, INT64_MIN / 2, INT64_MAX / 2, &v))
		return 0;
	return v;
}

static void add(struct page *p, const char *s)
{
	pl_buf_adds(&p->b, s);
}

static void addf(struct page *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void addf(struct page *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pl_buf_vprintf(&p->b, fmt, ap);
	va_end(ap);
}

/* addf for formats whose only conversions are %d (checked by the
 * compiler as printf's): the charts' coordinates, five for each variable
 * of each region, without vsnprintf. */
static void addd(struct page *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void addd(struct page *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (const char *s = fmt;;) {
		const char *pct = strchr(s, '%');
		if (!pct) {
			pl_buf_adds(&p->b, s);
			break;
		}
		if (pct[1] != 'd')
			abort(); /* a conversion addd does not make: a bug */
		pl_buf_add(&p->b, s, (size_t)(pct - s));
		char n[PL_INT_BUF];
		pl_buf_adds(&p->b, pl_fmt_int(n, va_arg(ap, int)));
		s = pct + 2;
	}
	va_end(ap);
}

static void esc(struct page *p, const char *s)
{
	pl_html_text(&p->b, s);
}

/* A decimal as people of the language write it: 45,41 or 45.41. */
static void dec(struct page *p, const char *s)
{
	if (p->english || !s) {
		esc(p, s);
		return;
	}
	char *copy = pl_xstrdup(s);
	char *dot = strchr(copy, '.');
	if (dot && dot != copy && dot[1] >= '0' && dot[1] <= '9')
		*dot = ',';
	esc(p, copy);
	free(copy);
}

/* A signed change: +1,25, -0,50, 0,00. */
static void signed_dec(struct page *p, const char *s)
{
	if (s && *s && *s != '-' && hundredths(s) != 0)
		add(p, "+");
	dec(p, s);
}

static void dec_h(struct page *p, int64_t h)
{
	char buf[PL_HUNDREDTHS_BUF];
	dec(p, pl_fmt_hundredths(buf, h));
}

/* The id of a region's detail view, and a link to it. */
static void region_id(struct page *p, const char *year, const char *code)
{
	add(p, "r-");
	esc(p, year);
	add(p, "-");
	esc(p, code);
}

/* A link to a region's detail view, named by the region. */
static void region_link(struct page *p, const char *code, const char *name)
{
	add(p, "<a href=\"#");
	region_id(p, p->year, code);
	add(p, "\">");
	esc(p, name);
	add(p, "</a>");
}

/* ----------------------------------------------------------- the indexes */

static int cmp_keyed(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;
	int c = strcmp(a->year, b->year);
	if (c)
		return c;
	c = strcmp(a->code, b->code);
	if (c)
		return c;
	/* Within a region, the order they are held in. */
	return (a->h > b->h) - (a->h < b->h);
}

/* The records of a kind by year and region, each region's in the order
 * they are held (emit_finish sorted innovations by id already). */
static void index_kind(struct index *ix, const struct held_list *l, size_t year, size_t code)
{
	ix->n = l->n;
	ix->v = pl_xmalloc((l->n ? l->n : 1) * sizeof *ix->v);
	for (size_t i = 0; i < l->n; i++) {
		ix->v[i].h = &l->v[i];
		ix->v[i].year = l->v[i].f[year];
		ix->v[i].code = l->v[i].f[code];
	}
	pl_sort(ix->v, ix->n, sizeof *ix->v, cmp_keyed);
}

/* The first record of (year, code) and how many there are. */
static size_t lookup(const struct index *ix, const char *year, const char *code, size_t *count)
{
	size_t lo = 0, hi = ix->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(ix->v[mid].year, year);
		if (!c)
			c = strcmp(ix->v[mid].code, code);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < ix->n && !strcmp(ix->v[end].year, year) && !strcmp(ix->v[end].code, code))
		end++;
	*count = end - lo;
	return lo;
}

/* The first innovation row of (year, code) and how many there are: the
 * rows are sorted by year and region already (emit_finish). */
static size_t inn_lookup(const struct page *p, const char *year, const char *code,
			 size_t *count)
{
	const struct emit *e = p->e;
	size_t lo = 0, hi = e->inn.n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(emit_name(e, e->inn.v[mid].year), year);
		if (!c)
			c = strcmp(emit_name(e, e->inn.v[mid].region), code);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < e->inn.n && !strcmp(emit_name(e, e->inn.v[end].year), year) &&
	       !strcmp(emit_name(e, e->inn.v[end].region), code))
		end++;
	*count = end - lo;
	return lo;
}

static const struct held *region(const struct page *p, const char *code)
{
	size_t n, at = lookup(&p->reg, p->year, code, &n);
	return n ? p->reg.v[at].h : NULL;
}

/* Did the region send anything this year: an innovation record of any
 * disposition, or an SPD record. */
static int sent_anything(const struct page *p, char **f)
{
	size_t n;
	inn_lookup(p, f[PL_REG_YEAR], f[PL_REG_CODE], &n);
	return n || strcmp(f[PL_REG_N_DIV], "0") || hundredths(f[PL_REG_SPD]) ||
	       strcmp(f[PL_REG_N_EXCLUDED], "0");
}

/* ---------------------------------------------------------- changes.csv */

static int on_change(void *ctx, const struct pl_csv_record *rec)
{
	struct changes *c = ctx;
	if (rec->error)
		return c->bad = 1;
	if (rec->line == 1) {
		for (int k = 0; k < CH_N; k++) {
			c->col[k] = -1;
			for (size_t i = 0; i < rec->nf; i++)
				if (!strcmp(rec->f[i], change_cols[k]))
					c->col[k] = (int)i;
			if (c->col[k] < 0)
				return c->bad = 1;
		}
		return 0;
	}
	pl_grow((void **)&c->v, &c->cap, c->n + 1, sizeof *c->v);
	struct change *r = &c->v[c->n++];
	for (int k = 0; k < CH_N; k++)
		r->f[k] = pl_xstrdup((size_t)c->col[k] < rec->nf ? rec->f[c->col[k]] : "");
	return 0;
}

/* changes.csv, when emit_changes.c wrote it into the staging folder
 * before the report: the report shows what that file says rather than
 * comparing runs a second time. */
static void read_changes(struct page *p, struct out *o)
{
	struct pl_buf path = {0};
	pl_buf_printf(&path, "%s/changes.csv", o->dir.tmp);
	if (access(path.p, F_OK) == 0) {
		struct pl_csv_error err;
		if (pl_csv_read(path.p, NULL, on_change, &p->chg, &err) == 0 && !p->chg.bad)
			p->have_changes = 1;
	}
	pl_buf_free(&path);
}

static const struct change *change_of(const struct page *p, const char *year, const char *code)
{
	for (size_t i = 0; i < p->chg.n; i++)
		if (!strcmp(p->chg.v[i].f[CH_YEAR], year) && !strcmp(p->chg.v[i].f[CH_CODE], code))
			return &p->chg.v[i];
	return NULL;
}

/* ------------------------------------------------------------ predicates */

static int pred_index(const struct page *p, const char *name)
{
	for (size_t i = 0; i < p->npred; i++)
		if (!strcmp(p->pred[i].name, name))
			return (int)i;
	return -1;
}

/* The colour class of a predicate: k0 for the best, then k1.. k3; kz for
 * the one that means "not assessed" (bound 0, or only IIDs of 0 seen). */
static void pred_class(struct page *p, const char *name)
{
	int i = pred_index(p, name);
	if (i < 0) {
		add(p, "kz");
		return;
	}
	const struct pred *q = &p->pred[i];
	int last = (size_t)i == p->npred - 1;
	if (last && (p->bands ? q->from == 0 : q->best <= 0))
		add(p, "kz");
	else
		addf(p, "k%d", i > 3 ? 3 : i);
}

/* The predicates of the year, best first: the methodology's, with their
 * bounds, when it has the year and every predicate seen; else the ones
 * seen, by the highest IID each got. */
static void year_predicates(struct page *p)
{
	p->npred = 0;
	p->bands = 0;
	for (size_t i = 0; i < p->nregs; i++) {
		char **f = p->regs[i]->f;
		int k = pred_index(p, f[PL_REG_PREDICATE]);
		if (k < 0) {
			if (p->npred == MAX_PRED)
				continue;
			k = (int)p->npred++;
			p->pred[k].name = f[PL_REG_PREDICATE];
			p->pred[k].from = 0;
			p->pred[k].best = -1;
		}
		if (hundredths(f[PL_REG_IID]) > p->pred[k].best)
			p->pred[k].best = hundredths(f[PL_REG_IID]);
	}
	const struct pl_methods *ms = p->e->ctx->methods;
	const struct pl_method *m = ms ? pl_methods_find(ms, (int)whole(p->year)) : NULL;
	int all_known = m && m->npred <= MAX_PRED;
	for (size_t i = 0; all_known && i < p->npred; i++) {
		int found = 0;
		for (size_t k = 0; k < m->npred; k++)
			found |= !strcmp(m->pred[k].name, p->pred[i].name);
		all_known = found;
	}
	if (all_known) {
		struct pred seen[MAX_PRED];
		size_t nseen = p->npred;
		memcpy(seen, p->pred, sizeof seen);
		for (size_t k = 0; k < m->npred; k++) {
			p->pred[k].name = m->pred[k].name;
			p->pred[k].from = m->pred[k].from;
			p->pred[k].best = -1;
			for (size_t i = 0; i < nseen; i++)
				if (!strcmp(seen[i].name, m->pred[k].name))
					p->pred[k].best = seen[i].best;
		}
		p->npred = m->npred;
		p->bands = 1;
		return;
	}
	for (size_t i = 1; i < p->npred; i++)
		for (size_t j = i; j > 0; j--) {
			struct pred *a = &p->pred[j - 1], *b = &p->pred[j];
			if (b->best < a->best ||
			    (b->best == a->best && strcmp(b->name, a->name) >= 0))
				break;
			struct pred t = *a;
			*a = *b;
			*b = t;
		}
}

static void chip(struct page *p, const char *predicate)
{
	add(p, "<span class=\"chip ");
	pred_class(p, predicate);
	add(p, "\">");
	esc(p, predicate);
	add(p, "</span>");
}

/* -------------------------------------------------------------- charts */

/* The bands behind a chart whose IID axis runs from x0 (0) to x0 + w
 * (100), between y and y + h. The "not assessed" predicate (exactly 0)
 * has no width and gets none. */
static void bands(struct page *p, int x0, int w, int y, int h, int labels)
{
	if (!p->bands)
		return;
	int64_t upper = 10000;
	for (size_t i = 0; i < p->npred; i++) {
		int64_t from = p->pred[i].from;
		if (from <= 0 || from >= upper) {
			upper = from;
			continue;
		}
		/* A band starts at its bound (0.01 is drawn from 0) and ends at
		 * the next one up. */
		int64_t lo = from <= 1 ? 0 : from;
		int xa = x0 + (int)(lo * w / 10000), xb = x0 + (int)(upper * w / 10000);
		add(p, "<rect class=\"band ");
		pred_class(p, p->pred[i].name);
		addf(p, "\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>", xa, y, xb - xa, h);
		if (lo > 0) {
			addf(p, "<line class=\"bound\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
			     xa, y, xa, y + h);
		}
		if (labels && xb - xa >= 60) {
			addf(p,
			     "<text class=\"bandname\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">",
			     (xa + xb) / 2, y - 4);
			esc(p, p->pred[i].name);
			add(p, "</text>");
		}
		upper = from;
	}
}

/* Ticks of the IID axis (0, 20, ... 100) under a chart. */
static void iid_axis(struct page *p, int x0, int w, int y, int step)
{
	addf(p, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", x0, y, x0 + w, y);
	for (int v = 0; v <= 100; v += step)
		addf(p, "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>",
		     x0 + v * w / 100, y + 13, v);
}

/* The predicates per cluster as stacked bars, with the counts. */
static void chart_predicates(struct page *p, const long counts[NLEVELS][MAX_PRED],
			     const long totals[NLEVELS])
{
	enum { X0 = 96, W = 500, ROW = 34 };
	int h = NLEVELS * ROW + 6;
	addf(p,
	     "<div class=\"chart-box\"><svg class=\"chart preds\" viewBox=\"0 0 640 %d\" "
	     "role=\"img\" aria-label=\"",
	     h);
	add(p, T("Predikat per klaster", "Predicates per cluster"));
	add(p, "\">");
	for (int lv = 0; lv < NLEVELS; lv++) {
		int y = 4 + lv * ROW;
		addf(p, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", X0 - 8, y + 18,
		     level_label(p, lv, TITLE_MANY));
		long cum = 0;
		for (size_t k = 0; k < p->npred && totals[lv]; k++) {
			long c = counts[lv][k];
			if (!c)
				continue;
			int xa = X0 + (int)(cum * W / totals[lv]);
			cum += c;
			int xb = X0 + (int)(cum * W / totals[lv]);
			add(p, "<g><title>");
			esc(p, p->pred[k].name);
			addf(p, ": %ld</title><rect class=\"bar ", c);
			pred_class(p, p->pred[k].name);
			addf(p, "\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"26\"/>", xa, y,
			     xb - xa);
			if (xb - xa >= 24)
				addf(p,
				     "<text class=\"inbar\" x=\"%d\" y=\"%d\" "
				     "text-anchor=\"middle\">%ld</text>",
				     (xa + xb) / 2, y + 17, c);
			add(p, "</g>");
		}
		addf(p, "<text x=\"%d\" y=\"%d\">%ld</text>", X0 + W + 8, y + 18, totals[lv]);
	}
	add(p, "</svg></div>\n");
}

/* The spread of the IID of the regions that have one above 0, in bins of
 * five points, over the predicate bands. */
static void chart_histogram(struct page *p, long *zero, long *scored)
{
	enum { X0 = 36, W = 580, TOP = 22, H = 150, BINS = 20 };
	long bin[BINS] = {0}, max = 1;
	*zero = *scored = 0;
	for (size_t i = 0; i < p->nregs; i++) {
		int64_t v = hundredths(p->regs[i]->f[PL_REG_IID]);
		if (v <= 0) {
			(*zero)++;
			continue;
		}
		(*scored)++;
		int b = (int)(v / 500);
		bin[b >= BINS ? BINS - 1 : b]++;
	}
	for (int b = 0; b < BINS; b++)
		if (bin[b] > max)
			max = bin[b];
	addf(p,
	     "<div class=\"chart-box\"><svg class=\"chart hist\" viewBox=\"0 0 640 %d\" "
	     "role=\"img\" aria-label=\"",
	     TOP + H + 24);
	add(p, T("Sebaran IID", "IID distribution"));
	add(p, "\">");
	bands(p, X0, W, TOP, H, 1);
	for (int b = 0; b < BINS; b++) {
		if (!bin[b])
			continue;
		int bh = (int)(bin[b] * (H - 16) / max); /* room for the count above */
		int x = X0 + b * W / BINS;
		int bw = W / BINS - 2;
		addf(p, "<g><title>%d-%d: %ld</title>", b * 5, b * 5 + 5, bin[b]);
		addf(p, "<rect class=\"hbar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>",
		     x + 1, TOP + H - bh, bw, bh);
		addf(p, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%ld</text></g>",
		     x + 1 + bw / 2, TOP + H - bh - 3, bin[b]);
	}
	iid_axis(p, X0, W, TOP + H, 10);
	add(p, "</svg></div>\n");
}

/* Ranks within the province, then code. */
static int cmp_in_province(const void *pa, const void *pb)
{
	const struct held *a = *(const struct held *const *)pa;
	const struct held *b = *(const struct held *const *)pb;
	int64_t ra = whole(a->f[PL_REG_RANK_PROVINCE]), rb = whole(b->f[PL_REG_RANK_PROVINCE]);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	return strcmp(a->f[PL_REG_CODE], b->f[PL_REG_CODE]);
}

/* One bar per kabupaten and kota of a province, against the bands. */
static void chart_province(struct page *p, const struct held **v, size_t n)
{
	enum { X0 = 210, W = 370, TOP = 20, ROW = 20 };
	int h = TOP + (int)n * ROW + 22;
	addf(p,
	     "<div class=\"chart-box\"><svg class=\"chart prov\" viewBox=\"0 0 640 %d\" "
	     "role=\"img\" aria-label=\"",
	     h);
	add(p, T("IID kabupaten dan kota", "IID of the kabupaten and kota"));
	add(p, "\">");
	bands(p, X0, W, TOP, (int)n * ROW, 1);
	for (size_t i = 0; i < n; i++) {
		char **f = (char **)v[i]->f;
		int y = TOP + (int)i * ROW;
		int64_t iid = hundredths(f[PL_REG_IID]);
		int bw = (int)(iid * W / 10000);
		add(p, "<a href=\"#");
		region_id(p, p->year, f[PL_REG_CODE]);
		add(p, "\"><title>");
		esc(p, f[PL_REG_NAME]);
		add(p, ": ");
		dec(p, f[PL_REG_IID]);
		add(p, ", ");
		esc(p, f[PL_REG_PREDICATE]);
		addd(p, "</title><text x=\"%d\" y=\"%d\" text-anchor=\"end\">", X0 - 6, y + 14);
		/* "Kab." as Indonesians abbreviate it, so long names fit; the
		 * title above has the name in full. */
		const char *name = f[PL_REG_NAME];
		if (!strncmp(name, "Kabupaten ", 10)) {
			add(p, "Kab. ");
			name += 10;
		}
		pl_html_text_max(&p->b, name, 26);
		add(p, "</text><rect class=\"bar ");
		pred_class(p, f[PL_REG_PREDICATE]);
		addd(p, "\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\"/>", X0, y + 3, bw);
		addd(p, "<text x=\"%d\" y=\"%d\">", X0 + bw + 4, y + 14);
		dec(p, f[PL_REG_IID]);
		add(p, "</text></a>");
	}
	iid_axis(p, X0, W, TOP + (int)n * ROW, 20);
	add(p, "</svg></div>\n");
}

/* A region's points per variable against what the variable is worth. */
static void chart_variables(struct page *p, size_t at, size_t n)
{
	enum { X0 = 276, W = 250, ROW = 20 };
	addf(p,
	     "<div class=\"chart-box\"><svg class=\"chart vars\" viewBox=\"0 0 640 %d\" "
	     "role=\"img\" aria-label=\"",
	     (int)n * ROW + 6);
	add(p, T("Poin per variabel", "Points per variable"));
	add(p, "\">");
	for (size_t i = 0; i < n; i++) {
		char **x = p->exp.v[at + i].h->f;
		int y = 3 + (int)i * ROW;
		int64_t pts = hundredths(x[PL_EXP_POINTS]), max = hundredths(x[PL_EXP_MAX]);
		int bw = max > 0 ? (int)((pts > max ? max : pts) * W / max) : 0;
		addd(p, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", X0 - 6, y + 12);
		esc(p, !strcmp(x[PL_EXP_ASPECT], "spd") ? "SPD" : "SID");
		add(p, " \xC2\xB7 ");
		pl_html_text_max(&p->b, x[PL_EXP_VARIABLE], 34);
		addd(p,
		     "</text><rect class=\"track\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"12\"/>",
		     X0, y + 2, W);
		addd(p, "<rect class=\"fill\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"12\"/>", X0,
		     y + 2, bw);
		addd(p, "<text x=\"%d\" y=\"%d\">", X0 + W + 6, y + 12);
		dec(p, x[PL_EXP_POINTS]);
		add(p, " / ");
		dec(p, x[PL_EXP_MAX]);
		add(p, "</text>");
	}
	add(p, "</svg></div>\n");
}

/* ------------------------------------------------------------- sections */

static long level_total(struct page *p, const char *level)
{
	int lv = level_index(level);
	if (lv >= 0 && p->level_n[lv] >= 0)
		return p->level_n[lv];
	long n = 0;
	for (size_t i = 0; i < p->nregs; i++)
		n += !strcmp(p->regs[i]->f[PL_REG_LEVEL], level);
	if (lv >= 0)
		p->level_n[lv] = n;
	return n;
}

/* The kabupaten and kota of province prov this year. Regions come by
 * code, so a province's come one after another: counted once each. */
static long province_total(struct page *p, const char *prov)
{
	if (p->counted_prov && !strcmp(p->counted_prov, prov))
		return p->counted_prov_n;
	long n = 0;
	for (size_t i = 0; i < p->nregs; i++)
		n += !strcmp(p->regs[i]->f[PL_REG_PROVINCE], prov) &&
		     strcmp(p->regs[i]->f[PL_REG_LEVEL], "provinsi");
	p->counted_prov = prov;
	p->counted_prov_n = n;
	return n;
}

static const char *province_name(const struct page *p, const char *code)
{
	const struct held *h = region(p, code);
	return h ? h->f[PL_REG_NAME] : code;
}

static void legend(struct page *p)
{
	add(p, "<ul class=\"legend\">");
	for (size_t k = 0; k < p->npred; k++) {
		add(p, "<li>");
		chip(p, p->pred[k].name);
		if (p->bands) {
			add(p, " <span class=\"quiet\">");
			if (p->pred[k].from == 0) {
				add(p, "IID = 0");
			} else {
				add(p, "IID \xE2\x89\xA5 "); /* ≥ */
				dec_h(p, p->pred[k].from);
			}
			add(p, "</span>");
		}
		add(p, "</li>");
	}
	add(p, "</ul>\n");
}

static void overview(struct page *p)
{
	long counts[NLEVELS][MAX_PRED] = {{0}}, totals[NLEVELS] = {0};
	int64_t sum = 0;
	const struct held *best = NULL;
	for (size_t i = 0; i < p->nregs; i++) {
		char **f = p->regs[i]->f;
		int lv = level_index(f[PL_REG_LEVEL]), k = pred_index(p, f[PL_REG_PREDICATE]);
		if (lv < 0)
			continue;
		totals[lv]++;
		if (k >= 0)
			counts[lv][k]++;
		sum += hundredths(f[PL_REG_IID]);
		if (!best || hundredths(f[PL_REG_IID]) > hundredths(best->f[PL_REG_IID]))
			best = p->regs[i];
	}
	add(p, "<section class=\"overview\" id=\"overview-");
	esc(p, p->year);
	add(p, "\">\n<h3>");
	add(p, T("Ringkasan nasional", "National overview"));
	add(p, "</h3>\n<div class=\"cards\">");
	long zero = 0, scored = 0;
	for (size_t i = 0; i < p->nregs; i++)
		scored += hundredths(p->regs[i]->f[PL_REG_IID]) > 0;
	addf(p, "<div class=\"card\"><b>%zu</b>%s</div>", p->nregs, T("wilayah", "regions"));
	addf(p, "<div class=\"card\"><b>%ld</b>%s</div>", scored,
	     T("wilayah bernilai (IID &gt; 0)", "regions with an IID above 0"));
	if (scored) {
		add(p, "<div class=\"card\"><b>");
		dec_h(p, (sum * 2 + scored) / (2 * scored)); /* half up, in hundredths */
		addf(p, "</b>%s</div>", T("rata-rata IID wilayah bernilai", "mean IID of those"));
	}
	if (best && hundredths(best->f[PL_REG_IID]) > 0) {
		add(p, "<div class=\"card\"><b>");
		dec(p, best->f[PL_REG_IID]);
		addf(p, "</b>%s ", T("IID tertinggi:", "highest IID:"));
		region_link(p, best->f[PL_REG_CODE], best->f[PL_REG_NAME]);
		add(p, "</div>");
	}
	add(p, "</div>\n<h4>");
	add(p, T("Predikat per klaster", "Predicates per cluster"));
	add(p, "</h4>\n");
	chart_predicates(p, (const long(*)[MAX_PRED])counts, totals);
	legend(p);
	add(p, "<div class=\"scroll\"><table class=\"dist\"><thead><tr><th>");
	add(p, T("Predikat", "Predicate"));
	add(p, "</th>");
	for (int lv = 0; lv < NLEVELS; lv++)
		addf(p, "<th class=\"n\">%s</th>", level_label(p, lv, TITLE_MANY));
	add(p, "</tr></thead><tbody>");
	for (size_t k = 0; k < p->npred; k++) {
		add(p, "<tr><td>");
		chip(p, p->pred[k].name);
		add(p, "</td>");
		for (int lv = 0; lv < NLEVELS; lv++)
			addf(p, "<td class=\"n\">%ld</td>", counts[lv][k]);
		add(p, "</tr>");
	}
	addf(p, "<tr class=\"total\"><td>%s</td>", T("Jumlah", "Total"));
	for (int lv = 0; lv < NLEVELS; lv++)
		addf(p, "<td class=\"n\">%ld</td>", totals[lv]);
	add(p, "</tr></tbody></table></div>\n<h4>");
	add(p, T("Sebaran IID", "IID distribution"));
	add(p, "</h4>\n");
	chart_histogram(p, &zero, &scored);
	addf(p,
	     T("<p class=\"quiet\">%ld wilayah bernilai di atas 0, per rentang 5 poin; %ld "
	       "wilayah bernilai 0,00 tidak digambar.%s</p>\n",
	       "<p class=\"quiet\">%ld regions with an IID above 0, in steps of 5 points; %ld "
	       "regions at 0.00 are not drawn.%s</p>\n"),
	     scored, zero,
	     p->bands ? T(" Latar: rentang predikat menurut metodologi.",
			  " Background: the predicate bands of the methodology.")
		      : "");
	add(p, "</section>\n");
}

/* A header cell that sorts: num (data-v of the cells) or text; desc
 * columns sort highest first on the first click. */
static void th(struct page *p, const char *label, const char *sort, int desc, const char *cls,
	       const char *aria_sort)
{
	addf(p, "<th data-sort=\"%s\"%s%s%s%s%s%s%s><button type=\"button\">%s</button></th>", sort,
	     desc ? " data-desc" : "", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "",
	     aria_sort ? " aria-sort=\"" : "", aria_sort ? aria_sort : "", aria_sort ? "\"" : "",
	     label);
}

static void td_num(struct page *p, const char *v, int decimal, const char *cls)
{
	addf(p, "<td class=\"n%s%s\" data-v=\"", cls ? " " : "", cls ? cls : "");
	esc(p, v);
	add(p, "\">");
	if (decimal)
		dec(p, v);
	else
		esc(p, v);
	add(p, "</td>");
}

/* A text cell; cls NULL for none. */
static void td_text(struct page *p, const char *v, const char *cls)
{
	if (cls) {
		add(p, "<td class=\"");
		add(p, cls);
		add(p, "\">");
	} else {
		add(p, "<td>");
	}
	esc(p, v);
	add(p, "</td>");
}

static void ranking_table(struct page *p, int lv)
{
	const struct held **v = pl_xmalloc((p->nregs ? p->nregs : 1) * sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < p->nregs; i++)
		if (!strcmp(p->regs[i]->f[PL_REG_LEVEL], levels[lv]))
			v[n++] = p->regs[i];
	pl_sort(v, n, sizeof *v, emit_cmp_rank);
	addf(p, "<div class=\"scroll\"><table class=\"rank\" data-level=\"%s\">", levels[lv]);
	addf(p, "<caption>%s <span class=\"n\">%zu</span></caption><thead><tr>",
	     level_label(p, lv, TITLE_MANY), n);
	th(p, T("Peringkat", "Rank"), "num", 0, "n", "ascending");
	th(p, T("Wilayah", "Region"), "text", 0, NULL, NULL);
	th(p, T("Kode", "Code"), "text", 0, NULL, NULL);
	if (lv)
		th(p, T("Provinsi", "Province"), "text", 0, "opt", NULL);
	th(p, "IID", "num", 1, "n", NULL);
	th(p, T("Predikat", "Predicate"), "num", 0, NULL, NULL);
	th(p, "SPD", "num", 1, "n opt", NULL);
	th(p, "SID", "num", 1, "n opt", NULL);
	th(p, T("Inovasi", "Innovations"), "num", 1, "n opt", NULL);
	if (lv)
		th(p, T("Di provinsi", "In province"), "num", 0, "n opt", NULL);
	if (p->have_changes)
		th(p, T("Perubahan IID", "IID change"), "num", 1, "n", NULL);
	add(p, "</tr></thead><tbody>\n");
	for (size_t i = 0; i < n; i++) {
		char **f = (char **)v[i]->f;
		add(p, "<tr data-prov=\"");
		esc(p, f[PL_REG_PROVINCE]);
		add(p, "\">");
		td_num(p, f[PL_REG_RANK_NATIONAL], 0, NULL);
		add(p, "<td>");
		region_link(p, f[PL_REG_CODE], f[PL_REG_NAME]);
		add(p, "</td>");
		td_text(p, f[PL_REG_CODE], NULL);
		if (lv)
			td_text(p, province_name(p, f[PL_REG_PROVINCE]), "opt");
		td_num(p, f[PL_REG_IID], 1, NULL);
		int k = pred_index(p, f[PL_REG_PREDICATE]);
		addf(p, "<td data-v=\"%d\">", k < 0 ? MAX_PRED : k);
		chip(p, f[PL_REG_PREDICATE]);
		add(p, "</td>");
		td_num(p, f[PL_REG_SPD], 1, "opt");
		td_num(p, f[PL_REG_SID], 1, "opt");
		td_num(p, f[PL_REG_N_COUNT], 0, "opt");
		if (lv)
			td_num(p, f[PL_REG_RANK_PROVINCE], 0, "opt");
		if (p->have_changes) {
			const struct change *c = change_of(p, p->year, f[PL_REG_CODE]);
			const char *d = c ? c->f[CH_IID_CHANGE] : "";
			add(p, "<td class=\"n\" data-v=\"");
			esc(p, d);
			add(p, "\">");
			signed_dec(p, d);
			add(p, "</td>");
		}
		add(p, "</tr>\n");
	}
	add(p, "</tbody></table></div>\n");
	free(v);
}

static void ranking(struct page *p)
{
	add(p, "<section class=\"ranking\" id=\"ranking-");
	esc(p, p->year);
	add(p, "\">\n<h3>");
	add(p, T("Peringkat per klaster", "Rankings per cluster"));
	add(p, "</h3>\n<div class=\"controls\"><input type=\"search\" class=\"q\" placeholder=\"");
	add(p, T("Cari nama atau kode wilayah", "Search a region by name or code"));
	add(p, "\" aria-label=\"");
	add(p, T("Cari wilayah", "Search regions"));
	add(p, "\"><select class=\"prov\" aria-label=\"");
	add(p, T("Provinsi", "Province"));
	add(p, "\"><option value=\"\">");
	add(p, T("Semua provinsi", "All provinces"));
	add(p, "</option>");
	for (size_t i = 0; i < p->nregs; i++) {
		char **f = p->regs[i]->f;
		if (strcmp(f[PL_REG_LEVEL], "provinsi"))
			continue;
		add(p, "<option value=\"");
		esc(p, f[PL_REG_CODE]);
		add(p, "\">");
		esc(p, f[PL_REG_NAME]);
		add(p, "</option>");
	}
	add(p, "</select></div>\n<p class=\"shown\" aria-live=\"polite\" data-fmt=\"");
	add(p, T("%d wilayah ditampilkan", "%d regions shown"));
	addf(p, "\">%zu %s</p>\n", p->nregs, T("wilayah ditampilkan", "regions shown"));
	for (int lv = 0; lv < NLEVELS; lv++)
		ranking_table(p, lv);
	add(p, "</section>\n");
}

static void provinces(struct page *p)
{
	add(p, "<section class=\"provinces\" id=\"provinces-");
	esc(p, p->year);
	add(p, "\">\n<h3>");
	add(p, T("Per provinsi", "Per province"));
	add(p, "</h3>\n<p class=\"quiet\">");
	add(p, T("Batang: IID tiap kabupaten dan kota, diwarnai menurut predikatnya, urut "
		 "peringkat di provinsi.",
		 "Bars: the IID of each kabupaten and kota, coloured by its predicate, in "
		 "order of rank within the province."));
	if (p->bands)
		add(p, T(" Latar: rentang predikat menurut metodologi.",
			 " Background: the predicate bands of the methodology."));
	add(p, "</p>\n");
	legend(p);
	long nprov = level_total(p, "provinsi");
	const struct held **kids = pl_xmalloc((p->nregs ? p->nregs : 1) * sizeof *kids);
	struct pl_buf quiet = {0}; /* the provinces nothing was sent from */
	long nquiet = 0;
	add(p, "<div class=\"panels\">\n");
	for (size_t i = 0; i < p->nregs; i++) {
		char **f = p->regs[i]->f;
		if (strcmp(f[PL_REG_LEVEL], "provinsi"))
			continue;
		size_t n = 0;
		int any = sent_anything(p, f);
		for (size_t k = 0; k < p->nregs; k++) {
			char **g = p->regs[k]->f;
			if (k != i && !strcmp(g[PL_REG_PROVINCE], f[PL_REG_CODE])) {
				kids[n++] = p->regs[k];
				any |= sent_anything(p, g);
			}
		}
		if (!any) {
			/* A short entry that still links to the detail view and
			 * answers to the province filter. */
			struct pl_buf keep = p->b;
			p->b = quiet;
			add(p, "<li class=\"panel\" data-prov=\"");
			esc(p, f[PL_REG_CODE]);
			add(p, "\">");
			region_link(p, f[PL_REG_CODE], f[PL_REG_NAME]);
			add(p, "</li>");
			quiet = p->b;
			p->b = keep;
			nquiet++;
			continue;
		}
		pl_sort(kids, n, sizeof *kids, cmp_in_province);
		add(p, "<section class=\"panel\" id=\"p-");
		esc(p, p->year);
		add(p, "-");
		esc(p, f[PL_REG_CODE]);
		add(p, "\" data-prov=\"");
		esc(p, f[PL_REG_CODE]);
		add(p, "\"><h4>");
		region_link(p, f[PL_REG_CODE], f[PL_REG_NAME]);
		add(p, "</h4><p>IID <b>");
		dec(p, f[PL_REG_IID]);
		add(p, "</b> ");
		chip(p, f[PL_REG_PREDICATE]);
		add(p, " ");
		add(p, T("peringkat ", "rank "));
		esc(p, f[PL_REG_RANK_NATIONAL]);
		addf(p, T(" dari %ld provinsi", " of %ld provinces"), nprov);
		add(p, "</p>\n");
		if (n)
			chart_province(p, kids, n);
		add(p, "</section>\n");
	}
	add(p, "</div>\n");
	if (nquiet) {
		addf(p, "<h4>%s (%ld)</h4>\n<ul class=\"quietprov\">",
		     T("Belum ada kiriman dari provinsi ini maupun kabupaten dan kotanya",
		       "Nothing sent from these provinces or their kabupaten and kota"),
		     nquiet);
		pl_buf_add(&p->b, quiet.p, quiet.len);
		add(p, "</ul>\n");
	}
	pl_buf_free(&quiet);
	free(kids);
	add(p, "</section>\n");
}

static const char *disposition_label(const struct page *p, const char *d)
{
	static const struct {
		const char *key, *idn, *eng;
	} names[] = {
	    {"scored", "dinilai", "scored"},
	    {"ditolak", "ditolak verifikator", "rejected by verifiers"},
	    {"excluded", "di luar periode", "outside the window"},
	    {"superseded", "digantikan", "superseded"},
	    {"invalid", "tidak sah", "invalid"},
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (!strcmp(d, names[i].key))
			return p->english ? names[i].eng : names[i].idn;
	return d;
}

static void figure(struct page *p, const char *label)
{
	addf(p, "<div><dt>%s</dt><dd>", label);
}

static void change_line(struct page *p, char **f)
{
	const struct change *c = p->have_changes ? change_of(p, p->year, f[PL_REG_CODE]) : NULL;
	if (!c)
		return;
	char *const *x = c->f;
	add(p, "<p class=\"change\">");
	if (!strcmp(x[CH_MOVE], "new")) {
		add(p,
		    T("Belum ada pada run pembanding.", "Not in the earlier run compared with."));
		add(p, "</p>\n");
		return;
	}
	add(p, T("Dibanding ", "Compared with "));
	esc(p, x[CH_PREV_YEAR]);
	add(p, ": IID ");
	dec(p, x[CH_IID_PREV]);
	add(p, " \xE2\x86\x92 "); /* → */
	dec(p, x[CH_IID]);
	add(p, " (");
	signed_dec(p, x[CH_IID_CHANGE]);
	add(p, ")");
	if (*x[CH_RANK_PREV] && *x[CH_RANK]) {
		add(p, T("; peringkat nasional ", "; national rank "));
		esc(p, x[CH_RANK_PREV]);
		add(p, " \xE2\x86\x92 ");
		esc(p, x[CH_RANK]);
	}
	add(p, T("; predikat ", "; predicate "));
	if (!strcmp(x[CH_MOVE], "same")) {
		add(p, T("tetap ", "unchanged, "));
		esc(p, x[CH_PRED]);
	} else {
		esc(p, x[CH_PRED_PREV]);
		add(p, " \xE2\x86\x92 ");
		esc(p, x[CH_PRED]);
		if (!strcmp(x[CH_MOVE], "up"))
			add(p, T(" (naik)", " (up)"));
		else if (!strcmp(x[CH_MOVE], "down"))
			add(p, T(" (turun)", " (down)"));
	}
	add(p, ".</p>\n");
}

static void clusters_line(struct page *p, char **f)
{
	size_t n, at = lookup(&p->clu, f[PL_REG_YEAR], f[PL_REG_CODE], &n);
	if (!n)
		return;
	add(p, "<p>");
	for (size_t i = 0; i < n; i++) {
		char **c = p->clu.v[at + i].h->f;
		add(p, i ? "; " : T("Peringkat dalam klaster ", "Rank in the cluster "));
		esc(p, c[PL_CLU_CLUSTER]);
		add(p, ": ");
		esc(p, c[PL_CLU_RANK]);
	}
	add(p, ".</p>\n");
}

static void innovations(struct page *p, char **f)
{
	size_t n, at = inn_lookup(p, f[PL_REG_YEAR], f[PL_REG_CODE], &n);
	addf(p, "<h4>%s (%zu)</h4>\n", T("Inovasi yang dikirim", "Innovations sent"), n);
	if (!n) {
		addf(p, "<p class=\"quiet\">%s</p>\n", T("Tidak ada.", "None."));
		return;
	}
	add(p, "<div class=\"scroll\"><table class=\"inn\"><thead><tr>");
	addf(p,
	     "<th>ID</th><th>%s</th><th>%s</th><th class=\"opt\">%s</th><th>%s</th>"
	     "<th class=\"n\">%s</th></tr></thead><tbody>",
	     T("Nama inovasi", "Innovation"), T("Perangkat daerah", "Agency"),
	     T("Tahapan", "Stage"), T("Status", "Outcome"), T("Poin", "Points"));
	for (size_t i = 0; i < n; i++) {
		const char *const *x;
		if (emit_inn_fields(p->o, &p->e->inn.v[at + i], &x) < 0)
			break;
		add(p, "<tr>");
		td_text(p, x[PL_INN_ID], NULL);
		td_text(p, x[PL_INN_NAMA], NULL);
		td_text(p, x[PL_INN_OPD], NULL);
		td_text(p, x[PL_INN_TAHAPAN], "opt");
		add(p, "<td>");
		esc(p, disposition_label(p, x[PL_INN_DISPOSITION]));
		if (strcmp(x[PL_INN_DISPOSITION], "scored") && *x[PL_INN_REASON]) {
			add(p, "<br><span class=\"quiet\">");
			esc(p, x[PL_INN_REASON]);
			add(p, "</span>");
		}
		add(p, "</td><td class=\"n\">");
		dec(p, x[PL_INN_COUNTED]);
		add(p, "</td></tr>\n");
	}
	add(p, "</tbody></table></div>\n");
}

static void steps(struct page *p, char **f)
{
	size_t n, at = lookup(&p->sug, f[PL_REG_YEAR], f[PL_REG_CODE], &n);
	if (!n) {
		if (p->npred && !strcmp(f[PL_REG_PREDICATE], p->pred[0].name))
			addf(p, "<p>%s</p>\n",
			     T("Sudah pada predikat tertinggi.",
			       "Already at the highest predicate."));
		return;
	}
	char **first = p->sug.v[at].h->f, **last = p->sug.v[at + n - 1].h->f;
	add(p, "<h4>");
	add(p, T("Menuju ", "Towards "));
	esc(p, first[PL_SUG_NEXT]);
	add(p, "</h4>\n<p>");
	add(p, T("Kurang ", ""));
	dec(p, first[PL_SUG_GAP]);
	add(p, T(" poin. Perubahan termurah, berurutan:",
		 " points short. The cheapest changes, in order:"));
	add(p, "</p>\n<ol class=\"steps\">\n");
	for (size_t i = 0; i < n; i++) {
		char **x = p->sug.v[at + i].h->f;
		add(p, "<li>");
		if (!strcmp(x[PL_SUG_CHANGE], "evidence"))
			add(p, T("Lampirkan bukti", "Attach the evidence"));
		else if (!strcmp(x[PL_SUG_CHANGE], "answer"))
			add(p, T("Isi indikator", "Answer the indicator"));
		else
			add(p, T("Tambah satu inovasi dengan kematangan rata-rata",
				 "One more innovation of average maturity"));
		if (*x[PL_SUG_FILE]) {
			add(p, ": <code>");
			esc(p, x[PL_SUG_FILE]);
			add(p, "</code> ");
			add(p, T("baris ", "line "));
			esc(p, x[PL_SUG_LINE]);
			add(p, " (");
			esc(p, *x[PL_SUG_ID] ? x[PL_SUG_ID] : "SPD");
			add(p, T("), indikator ", "), indicator "));
			esc(p, x[PL_SUG_ROW]);
			add(p, T(", level ", ", level "));
			esc(p, x[PL_SUG_FROM]);
			add(p, " \xE2\x86\x92 ");
			esc(p, x[PL_SUG_TO]);
		}
		add(p, " <b>+");
		dec(p, x[PL_SUG_GAIN]);
		add(p, "</b> \xE2\x86\x92 ");
		dec(p, x[PL_SUG_IID_AFTER]);
		add(p, " ");
		chip(p, x[PL_SUG_PRED_AFTER]);
		add(p, "</li>\n");
	}
	add(p, "</ol>\n");
	if (strcmp(last[PL_SUG_PRED_AFTER], first[PL_SUG_NEXT])) {
		add(p, "<p class=\"quiet\">");
		add(p, T("Langkah-langkah ini saja belum cukup untuk mencapai ",
			 "These steps alone do not reach "));
		esc(p, first[PL_SUG_NEXT]);
		add(p, ".</p>\n");
	}
}

static void detail(struct page *p, const struct held *h)
{
	char **f = h->f;
	int sent = sent_anything(p, f);
	int lv = level_index(f[PL_REG_LEVEL]);
	add(p, "<section class=\"region");
	add(p, sent ? " has-data" : "");
	add(p, "\" id=\"");
	region_id(p, p->year, f[PL_REG_CODE]);
	add(p, "\" data-code=\"");
	esc(p, f[PL_REG_CODE]);
	add(p, "\">\n<p class=\"back\"><a href=\"#ranking-");
	esc(p, p->year);
	add(p, "\">\xE2\x86\x90 ");
	add(p, T("Kembali ke peringkat", "Back to the rankings"));
	add(p, "</a></p>\n<h3>");
	esc(p, f[PL_REG_NAME]);
	add(p, "</h3>\n<p class=\"quiet\">");
	esc(p, level_label(p, lv, TITLE_ONE));
	if (lv > 0) {
		add(p, T(", Provinsi ", ", province of "));
		esc(p, province_name(p, f[PL_REG_PROVINCE]));
	}
	add(p, T(" \xC2\xB7 kode ", " \xC2\xB7 code "));
	esc(p, f[PL_REG_CODE]);
	add(p, " \xC2\xB7 ");
	esc(p, p->year);
	add(p, "</p>\n<dl class=\"figs\">");
	figure(p, "IID");
	add(p, "<span class=\"big\">");
	dec(p, f[PL_REG_IID]);
	add(p, "</span></dd></div>");
	figure(p, T("Predikat", "Predicate"));
	chip(p, f[PL_REG_PREDICATE]);
	add(p, "</dd></div>");
	figure(p, T("Peringkat nasional", "National rank"));
	esc(p, f[PL_REG_RANK_NATIONAL]);
	addf(p, T(" dari %ld %s", " of %ld %s"), level_total(p, f[PL_REG_LEVEL]),
	     level_label(p, lv, COUNTED));
	add(p, "</dd></div>");
	if (*f[PL_REG_RANK_PROVINCE]) {
		figure(p, T("Peringkat di provinsi", "Rank in the province"));
		esc(p, f[PL_REG_RANK_PROVINCE]);
		addf(p, T(" dari %ld", " of %ld"), province_total(p, f[PL_REG_PROVINCE]));
		add(p, "</dd></div>");
	}
	if (!sent) {
		/* Every other figure is 0: the ranks and this say it all. */
		addf(p, "</dl>\n<p class=\"quiet\">%s</p>\n",
		     T("Wilayah ini tidak mengirim data untuk tahun ini.",
		       "This region sent nothing for this year."));
		change_line(p, f);
		clusters_line(p, f);
		add(p, "</section>\n");
		return;
	}
	figure(p, "SPD");
	dec(p, f[PL_REG_SPD]);
	add(p, "</dd></div>");
	figure(p, "SID");
	dec(p, f[PL_REG_SID]);
	add(p, " <span class=\"quiet\">(J ");
	dec(p, f[PL_REG_JUMLAH]);
	add(p, "; D ");
	esc(p, f[PL_REG_DIVISOR]);
	add(p, ")</span></dd></div>");
	figure(p, T("Inovasi dihitung", "Innovations counted"));
	esc(p, f[PL_REG_N_COUNT]);
	add(p, "</dd></div>");
	if (*f[PL_REG_AVG]) {
		figure(p, T("Rata-rata kematangan", "Average maturity"));
		dec(p, f[PL_REG_AVG]);
		add(p, " (");
		dec(p, f[PL_REG_AVG_PCT]);
		add(p, "%)</dd></div>");
	}
	add(p, "</dl>\n");
	change_line(p, f);
	clusters_line(p, f);
	size_t n, at = lookup(&p->exp, f[PL_REG_YEAR], f[PL_REG_CODE], &n);
	if (n) {
		addf(p, "<h4>%s</h4>\n",
		     T("Poin per aspek dan variabel", "Points by aspect and variable"));
		chart_variables(p, at, n);
	}
	innovations(p, f);
	steps(p, f);
	add(p, "</section>\n");
}

/* Writes out what the page holds once it is large: a page lists every
 * innovation (about 200 bytes each), so it is never held whole. Called
 * only where p->b is the page itself (provinces() borrows it). */
static void flush_page(struct page *p, size_t at_least)
{
	if (p->b.len < at_least || !p->fp || p->o->failed)
		return;
	if (fwrite(p->b.p, 1, p->b.len, p->fp) != p->b.len) {
		pl_buf_printf(&p->o->err, "cannot write 'report.html'");
		p->o->failed = 1;
	}
	pl_buf_reset(&p->b);
}

static void details(struct page *p)
{
	add(p, "<section class=\"details\" id=\"details-");
	esc(p, p->year);
	add(p, "\">\n");
	for (size_t i = 0; i < p->nregs; i++) {
		detail(p, p->regs[i]);
		flush_page(p, 1 << 20);
	}
	add(p, "</section>\n");
}

/* ------------------------------------------------------------ the page */

static const char css[] =
    ":root{--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\","
    "\"Liberation Sans\",\"DejaVu Sans\",Arial,sans-serif;color:var(--ink);background:#fff}\n"
    "a{color:#0a58a8}\n"
    "header.top{background:#0b3d6e;color:#fff;padding:14px 20px}\n"
    "header.top h1{margin:0;font-size:1.45rem}\n"
    "header.top p{margin:4px 0 0;color:#dbe7f5}\n"
    "nav.top{margin-top:8px;display:flex;flex-wrap:wrap;gap:4px 16px}\n"
    "nav.top a{color:#fff}\n"
    "main{max-width:1100px;margin:0 auto;padding:8px 16px 40px}\n"
    "h2{font-size:1.35rem;border-bottom:2px solid var(--line);padding-bottom:4px;margin:26px 0 "
    "8px}\n"
    "h3{font-size:1.2rem;margin:24px 0 8px}\n"
    "h4{font-size:1rem;margin:18px 0 6px}\n"
    ".quiet{color:var(--muted)}\n"
    ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:10px}\n"
    ".card{background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:8px 10px}\n"
    ".card b{display:block;font-size:1.4rem}\n"
    ".chart-box{overflow-x:auto;margin:4px 0}\n"
    "svg.chart{display:block;width:100%;height:auto;max-width:800px}\n"
    "svg text{font-size:12px;fill:var(--ink)}\n"
    "svg text.tick,svg text.bandname{fill:var(--muted);font-size:10px}\n"
    "svg text.inbar{fill:#fff;font-weight:600}\n"
    "svg a:hover text{text-decoration:underline}\n"
    ".k0{--c:#1b7f3b}.k1{--c:#2563a8}.k2{--c:#b7770a}.k3{--c:#b42318}.kz{--c:#8a9099}\n"
    ".bar{fill:var(--c)}.band{fill:var(--c);fill-opacity:.12}\n"
    ".hbar{fill:#44546a}.track{fill:#e8ecf0}.fill{fill:#2563a8}\n"
    ".bound{stroke:#6e7781;stroke-dasharray:3 3}.axis{stroke:#8c959f}\n"
    ".chip{display:inline-block;background:var(--c);color:#fff;border-radius:10px;"
    "padding:0 8px;font-size:.85em;white-space:nowrap}\n"
    ".legend{list-style:none;padding:0;margin:6px 0;display:flex;flex-wrap:wrap;gap:4px 16px}\n"
    ".scroll{overflow-x:auto}\n"
    "table{border-collapse:collapse;width:100%;font-size:.92rem;margin:4px 0 12px}\n"
    "th,td{padding:5px 8px;border-bottom:1px solid "
    "var(--line);text-align:left;vertical-align:top}\n"
    "th{background:var(--bg)}\n"
    ".n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;"
    "color:inherit;text-align:inherit}\n"
    "th[aria-sort=ascending] button::after{content:\" \\25B2\"}\n"
    "th[aria-sort=descending] button::after{content:\" \\25BC\"}\n"
    "caption{text-align:left;font-weight:600;padding:8px 0 4px}\n"
    "tr[hidden]{display:none}\n"
    "tr.total td{font-weight:600}\n"
    ".controls{display:flex;flex-wrap:wrap;gap:8px;position:sticky;top:0;background:#fff;"
    "padding:8px 0;z-index:2}\n"
    ".controls input,.controls select{font:inherit;padding:6px 8px;border:1px solid #8c959f;"
    "border-radius:6px;min-width:0;max-width:100%}\n"
    ".controls input{flex:1 1 240px}\n"
    ".panels{display:grid;grid-template-columns:minmax(0,820px);gap:12px}\n"
    ".quietprov{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px}\n"
    ".panel{border:1px solid var(--line);border-radius:8px;padding:8px 12px}\n"
    ".panel h4{margin:2px 0}.panel p{margin:4px 0}\n"
    ".panel[hidden]{display:none}.quietprov .panel{border:0;padding:0}\n"
    ".region{display:none}\n"
    ".region:target{display:block;position:fixed;inset:0;overflow:auto;background:#fff;"
    "z-index:10;padding:12px max(16px,calc((100% - 1100px)/2))}\n"
    ".region h3{margin-top:4px}\n"
    "dl.figs{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:8px;margin:"
    "8px 0}\n"
    "dl.figs div{background:var(--bg);border-radius:8px;padding:6px 10px}\n"
    "dl.figs dt{font-size:.8rem;color:var(--muted)}dl.figs dd{margin:0;font-weight:600}\n"
    ".big{font-size:1.5rem}\n"
    "ol.steps li{margin:3px 0}\n"
    "code{font-size:.85em;word-break:break-all}\n"
    "footer{max-width:1100px;margin:0 auto;padding:16px;color:var(--muted);font-size:.85rem}\n"
    "table.inn td:first-child{white-space:nowrap}\n"
    "@media (max-width:600px){body{font-size:14px}.opt{display:none}"
    "svg.chart{min-width:540px}th,td{padding:4px 5px}"
    "header.top{padding:10px 12px}header.top h1{font-size:1.15rem}main{padding:4px 10px 30px}}\n"
    "@media print{@page{margin:12mm}\n"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    "body{font-size:10pt}header.top{background:none;color:#000;padding:0}\n"
    "header.top p{color:#000}nav.top,.controls,.back{display:none}\n"
    ".scroll{overflow:visible}.panel,svg.chart,tr{break-inside:avoid}h2,h3,h4{break-after:avoid}\n"
    ".region:target{position:static;padding:0}\n"
    "body:has(.region:target) header.top,body:has(.region:target) footer,"
    "body:has(.region:target) .year>h2,"
    "body:has(.region:target) .year>section:not(.details),"
    "body:has(.region:target) .year:not(:has(.region:target)){display:none}}\n";

/* Sorts a ranking table by a column and filters all of a year's tables by
 * a search text and a province. Everything it needs is in the page. */
static const char script[] =
    "(function () {\n"
    "  \"use strict\";\n"
    "  var lang = document.documentElement.lang;\n"
    "  function value(cell) {\n"
    "    return cell.hasAttribute(\"data-v\") ? cell.getAttribute(\"data-v\") : cell.textContent;\n"
    "  }\n"
    "  function number(v) { return v === \"\" ? Infinity : parseFloat(v); }\n"
    "  function sortBy(table, th) {\n"
    "    var col = th.cellIndex, numeric = th.getAttribute(\"data-sort\") === \"num\";\n"
    "    var now = th.getAttribute(\"aria-sort\");\n"
    "    var asc = now ? now === \"descending\" : !th.hasAttribute(\"data-desc\");\n"
    "    var cells = table.tHead.rows[0].cells;\n"
    "    for (var i = 0; i < cells.length; i++) cells[i].removeAttribute(\"aria-sort\");\n"
    "    th.setAttribute(\"aria-sort\", asc ? \"ascending\" : \"descending\");\n"
    "    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);\n"
    "    rows.sort(function (a, b) {\n"
    "      var x = value(a.cells[col]), y = value(b.cells[col]), c;\n"
    "      if (numeric) {\n"
    "        x = number(x); y = number(y);\n"
    "        c = x === y ? 0 : (x === Infinity ? 1 : y === Infinity ? -1 : (asc ? x - y : y - "
    "x));\n"
    "      } else {\n"
    "        c = x.localeCompare(y, lang);\n"
    "        if (!asc) c = -c;\n"
    "      }\n"
    "      return c;\n"
    "    });\n"
    "    rows.forEach(function (r) { body.appendChild(r); });\n"
    "  }\n"
    "  document.querySelectorAll(\"section.year\").forEach(function (year) {\n"
    "    var q = year.querySelector(\"input.q\"), prov = year.querySelector(\"select.prov\");\n"
    "    var shown = year.querySelector(\".shown\");\n"
    "    var tables = year.querySelectorAll(\"table.rank\");\n"
    "    if (!q || !prov || !shown) return;\n"
    "    function apply() {\n"
    "      var s = q.value.trim().toLowerCase(), p = prov.value, total = 0;\n"
    "      tables.forEach(function (t) {\n"
    "        var k = 0;\n"
    "        Array.prototype.forEach.call(t.tBodies[0].rows, function (r) {\n"
    "          var text = (r.cells[1].textContent + \" \" + "
    "r.cells[2].textContent).toLowerCase();\n"
    "          var ok = (!s || text.indexOf(s) >= 0) && (!p || r.getAttribute(\"data-prov\") === "
    "p);\n"
    "          r.hidden = !ok;\n"
    "          if (ok) k++;\n"
    "        });\n"
    "        t.querySelector(\"caption .n\").textContent = k;\n"
    "        total += k;\n"
    "      });\n"
    "      year.querySelectorAll(\".panel\").forEach(function (panel) {\n"
    "        panel.hidden = !!p && panel.getAttribute(\"data-prov\") !== p;\n"
    "      });\n"
    "      shown.textContent = shown.getAttribute(\"data-fmt\").replace(\"%d\", total);\n"
    "    }\n"
    "    q.addEventListener(\"input\", apply);\n"
    "    prov.addEventListener(\"change\", apply);\n"
    "    if (q.value || prov.value) apply();\n"
    "    year.querySelectorAll(\"table.rank th[data-sort] button\").forEach(function (b) {\n"
    "      b.addEventListener(\"click\", function () { sortBy(b.closest(\"table\"), b.parentNode); "
    "});\n"
    "    });\n"
    "  });\n"
    "})();\n";

static int cmp_year_desc(const void *pa, const void *pb)
{
	const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;
	int64_t ya = whole(a), yb = whole(b);
	if (ya != yb)
		return ya > yb ? -1 : 1;
	return strcmp(a, b);
}

/* The years of the run, newest first. */
static size_t years_of(const struct emit *e, const char ***out)
{
	const struct held_list *l = &e->kind[PL_KIND_REG];
	const char **v = pl_xmalloc((l->n ? l->n : 1) * sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++) {
		size_t k = 0;
		while (k < n && strcmp(v[k], l->v[i].f[PL_REG_YEAR]))
			k++;
		if (k == n)
			v[n++] = l->v[i].f[PL_REG_YEAR];
	}
	pl_sort(v, n, sizeof *v, cmp_year_desc);
	*out = v;
	return n;
}

static void page_top(struct page *p, const char *const *years, size_t nyears)
{
	const struct emit *e = p->e;
	long files = (long)e->nacc, read = 0, used = 0, rejected = 0, superseded = 0;
	for (size_t i = 0; i < e->nacc; i++) {
		read += e->acc[i].read;
		used += e->acc[i].used;
		rejected += e->acc[i].rejected;
		superseded += e->acc[i].superseded;
	}
	addf(p, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
	     p->english ? "en" : "id");
	add(p, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
	/* An empty icon: the page asks for nothing, not even /favicon.ico. */
	add(p, "<link rel=\"icon\" href=\"data:,\">\n<title>");
	add(p, T("Indeks Inovasi Daerah", "Regional Innovation Index"));
	for (size_t y = 0; y < nyears; y++) {
		add(p, y ? ", " : " ");
		esc(p, years[y]);
	}
	addf(p, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header class=\"top\">\n<h1>",
	     css);
	add(p, T("Indeks Inovasi Daerah", "Regional Innovation Index (IID)"));
	for (size_t y = 0; y < nyears; y++) {
		add(p, y ? ", " : " ");
		esc(p, years[y]);
	}
	add(p, "</h1>\n<p>");
	addf(p,
	     T("%ld berkas, %ld rekaman dibaca: %ld dipakai, %ld ditolak, %ld digantikan.",
	       "%ld files, %ld records read: %ld used, %ld rejected, %ld superseded."),
	     files, read, used, rejected, superseded);
	add(p, "</p>\n<nav class=\"top\">");
	for (size_t y = 0; y < nyears; y++) {
		static const struct {
			const char *anchor, *idn, *eng;
		} links[] = {
		    {"overview", "Ringkasan", "Overview"},
		    {"ranking", "Peringkat", "Rankings"},
		    {"provinces", "Provinsi", "Provinces"},
		};
		for (size_t k = 0; k < sizeof links / sizeof *links; k++) {
			addf(p, "<a href=\"#%s-", links[k].anchor);
			esc(p, years[y]);
			addf(p, "\">%s", p->english ? links[k].eng : links[k].idn);
			if (nyears > 1) {
				add(p, " ");
				esc(p, years[y]);
			}
			add(p, "</a>");
		}
	}
	add(p, "</nav>\n</header>\n<main>\n");
}

static void page_bottom(struct page *p)
{
	add(p, "</main>\n<footer>");
	add(p, T("Dibuat oleh indeks dari berkas-berkas run ini. Angka lengkap: regions.csv, "
		 "innovations.csv, explain.csv, suggestions.csv; penolakan: rejects.csv.",
		 "Made by indeks from the files of this run. Every figure: regions.csv, "
		 "innovations.csv, explain.csv, suggestions.csv; rejects: rejects.csv."));
	addf(p, "</footer>\n<script>\n%s</script>\n</body>\n</html>\n", script);
}

void write_report(struct out *o)
{
	if (o->failed)
		return;
	struct emit *e = o->e;
	struct page pg = {.e = e, .o = o, .english = e->ctx->lang == PL_LANG_EN};
	struct page *p = &pg;
	p->fp = emit_open(o, "report.html");
	if (!p->fp)
		return;
	index_kind(&p->reg, &e->kind[PL_KIND_REG], PL_REG_YEAR, PL_REG_CODE);
	index_kind(&p->exp, &e->kind[PL_KIND_EXP], PL_EXP_YEAR, PL_EXP_REGION);
	index_kind(&p->sug, &e->kind[PL_KIND_SUG], PL_SUG_YEAR, PL_SUG_REGION);
	index_kind(&p->clu, &e->kind[PL_KIND_CLU], PL_CLU_YEAR, PL_CLU_REGION);
	read_changes(p, o);
	const char **years;
	size_t nyears = years_of(e, &years);
	page_top(p, years, nyears);
	if (!nyears)
		addf(p, "<p>%s</p>\n",
		     T("Tidak ada wilayah yang dinilai dalam run ini.",
		       "No region was assessed in this run."));
	p->regs = pl_xmalloc((p->reg.n ? p->reg.n : 1) * sizeof *p->regs);
	for (size_t y = 0; y < nyears; y++) {
		p->year = years[y];
		/* The year's regions, by code: the index is sorted that way. */
		p->nregs = 0;
		for (size_t i = 0; i < p->reg.n; i++)
			if (!strcmp(p->reg.v[i].year, p->year))
				p->regs[p->nregs++] = p->reg.v[i].h;
		for (int lv = 0; lv < NLEVELS; lv++)
			p->level_n[lv] = -1;
		p->counted_prov = NULL;
		year_predicates(p);
		add(p, "<section class=\"year\" id=\"y-");
		esc(p, p->year);
		add(p, "\">\n<h2>");
		esc(p, p->year);
		add(p, "</h2>\n");
		overview(p);
		ranking(p);
		provinces(p);
		details(p);
		add(p, "</section>\n");
	}
	page_bottom(p);
	flush_page(p, 0);
	emit_close(o, p->fp, "report.html", 0);
	free(p->regs);
	free(years);
	free(p->reg.v);
	free(p->exp.v);
	free(p->sug.v);
	free(p->clu.v);
	for (size_t i = 0; i < p->chg.n; i++)
		for (int k = 0; k < CH_N; k++)
			free(p->chg.v[i].f[k]);
	free(p->chg.v);
	pl_buf_free(&p->b);
}
