/*
 * emit_changes.c: the year-over-year view, when the run is given an
 * earlier run folder (--previous): changes.csv with each region's IID and
 * rank changes and predicate move, and the lines of the summary that list
 * who entered or left each predicate.
 *
 * Each year of this run is compared with the latest year of the earlier
 * run that is not after it: last year's run for a new year, or the same
 * year for a re-run. Predicates are ordered by the methodology's bounds
 * (up means a better predicate). Regions are matched by code.
 */
#include <stdlib.h>
#include <string.h>

#include "emit_internal.h"
#include "pl_csvread.h"
#include "pl_csvwrite.h"
#include "pl_exact.h"
#include "pl_exit.h"
#include "pl_parse.h"

struct before {
	char *year, *code, *iid, *rank_national, *rank_province, *predicate;
};

struct previous {
	struct before *r;
	size_t n, cap;
	int col[6];
	int failed;
};

static const char *const wanted[] = {"year", "region_code", "iid", "rank_national",
				     "rank_province", "predicate"};

static int on_row(void *ctx, const struct pl_csv_record *rec)
{
	struct previous *p = ctx;
	if (rec->error)
		return p->failed = 1;
	if (rec->line == 1) {
		for (int c = 0; c < 6; c++) {
			p->col[c] = -1;
			for (size_t i = 0; i < rec->nf; i++)
				if (strcmp(rec->f[i], wanted[c]) == 0)
					p->col[c] = (int)i;
			if (p->col[c] < 0)
				return p->failed = 1;
		}
		return 0;
	}
	for (int c = 0; c < 6; c++)
		if ((size_t)p->col[c] >= rec->nf)
			return p->failed = 1;
	pl_grow((void **)&p->r, &p->cap, p->n + 1, sizeof *p->r);
	struct before *b = &p->r[p->n++];
	char **f[6] = {&b->year, &b->code, &b->iid, &b->rank_national, &b->rank_province,
		       &b->predicate};
	for (int c = 0; c < 6; c++)
		*f[c] = pl_xstrdup(rec->f[p->col[c]]);
	return 0;
}

static void free_previous(struct previous *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->r[i].year);
		free(p->r[i].code);
		free(p->r[i].iid);
		free(p->r[i].rank_national);
		free(p->r[i].rank_province);
		free(p->r[i].predicate);
	}
	free(p->r);
}

static int64_t number(const char *s)
{
	int neg = s[0] == '-';
	int64_t v = 0;
	if (pl_parse_hundredths(s + neg, &v))
		return 0;
	return neg ? -v : v;
}

static long whole(const char *s)
{
	int64_t v = 0;
	if (pl_parse_int(s, 0, INT64_MAX, &v))
		return 0;
	return (long)v;
}

/* The position of a predicate in the year's method, best first; -1 when
 * unknown (no method, or a name the method does not have). */
static int standing(const struct pl_ctx *ctx, const char *year, const char *predicate)
{
	if (!ctx->methods)
		return -1;
	const struct pl_method *m = pl_methods_find(ctx->methods, (int)whole(year));
	for (size_t i = 0; m && i < m->npred; i++)
		if (strcmp(m->pred[i].name, predicate) == 0)
			return (int)i;
	return -1;
}

/* The earlier run's latest year not after this one, or NULL. */
static const char *compared_year(const struct previous *p, const char *year)
{
	const char *best = NULL;
	for (size_t i = 0; i < p->n; i++)
		if (whole(p->r[i].year) <= whole(year) &&
		    (!best || whole(p->r[i].year) > whole(best)))
			best = p->r[i].year;
	return best;
}

static const struct before *find(const struct previous *p, const char *year, const char *code)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->r[i].year, year) && !strcmp(p->r[i].code, code))
			return &p->r[i];
	return NULL;
}

int write_changes(struct out *o, const char *previous_dir, struct pl_buf *text)
{
	struct emit *e = o->e;
	int en = e->ctx->lang == PL_LANG_EN;
	struct previous p = {0};
	struct pl_buf path = {0};
	struct pl_csv_error cerr;
	pl_buf_printf(&path, "%s/regions.csv", previous_dir);
	int rc = pl_csv_read(path.p, NULL, on_row, &p, &cerr);
	if (rc < 0 || p.failed) {
		pl_buf_reset(&o->err);
		pl_buf_printf(&o->err, "--previous: cannot read '%s'%s%s", path.p, rc < 0 ? ": " : "",
			      rc < 0 ? cerr.message : " (not a regions.csv of indeks)");
		pl_buf_free(&path);
		free_previous(&p);
		o->failed = 1;
		e->ctx->exit_code = PL_EXIT_NOINPUT;
		return -1;
	}
	pl_buf_free(&path);
	FILE *fp = emit_open(o, "changes.csv");
	if (!fp) {
		free_previous(&p);
		return -1;
	}
	struct pl_csvw w;
	pl_csvw_init(&w, fp, 1);
	static const char *const cols[] = {
		"year", "region_code", "region_name", "previous_year", "iid_previous", "iid",
		"iid_change", "rank_national_previous", "rank_national", "rank_national_change",
		"rank_province_previous", "rank_province", "predicate_previous", "predicate",
		"predicate_move"};
	for (size_t c = 0; c < sizeof cols / sizeof *cols; c++)
		pl_csvw_num(&w, cols[c]);
	pl_csvw_end(&w);
	struct pl_buf moves = {0};
	const struct held_list *l = &e->kind[PL_KIND_REG];
	for (size_t i = 0; i < l->n; i++) {
		char **f = l->v[i].f;
		const char *py = compared_year(&p, f[PL_REG_YEAR]);
		const struct before *b = py ? find(&p, py, f[PL_REG_CODE]) : NULL;
		char buf[PL_HUNDREDTHS_BUF];
		pl_csvw_num(&w, f[PL_REG_YEAR]);
		pl_csvw_num(&w, f[PL_REG_CODE]);
		pl_csvw_text(&w, f[PL_REG_NAME]);
		pl_csvw_num(&w, b ? py : "");
		pl_csvw_num(&w, b ? b->iid : "");
		pl_csvw_num(&w, f[PL_REG_IID]);
		pl_csvw_num(&w, b ? pl_fmt_hundredths(buf, number(f[PL_REG_IID]) - number(b->iid)) : "");
		pl_csvw_num(&w, b ? b->rank_national : "");
		pl_csvw_num(&w, f[PL_REG_RANK_NATIONAL]);
		if (b && *b->rank_national && *f[PL_REG_RANK_NATIONAL])
			/* positive: moved up the ranking */
			pl_csvw_long(&w, whole(b->rank_national) - whole(f[PL_REG_RANK_NATIONAL]));
		else
			pl_csvw_num(&w, "");
		pl_csvw_num(&w, b ? b->rank_province : "");
		pl_csvw_num(&w, f[PL_REG_RANK_PROVINCE]);
		pl_csvw_text(&w, b ? b->predicate : "");
		pl_csvw_text(&w, f[PL_REG_PREDICATE]);
		const char *move = "new";
		if (b) {
			int was = standing(e->ctx, f[PL_REG_YEAR], b->predicate);
			int now = standing(e->ctx, f[PL_REG_YEAR], f[PL_REG_PREDICATE]);
			if (!strcmp(b->predicate, f[PL_REG_PREDICATE]))
				move = "same";
			else if (was < 0 || now < 0)
				move = "changed";
			else
				move = now < was ? "up" : "down";
			/* Left one predicate, entered another. */
			if (strcmp(move, "same"))
				pl_buf_printf(&moves, "  %s %-6s %-32s %s -> %s\n", f[PL_REG_YEAR],
					      f[PL_REG_CODE], f[PL_REG_NAME], b->predicate,
					      f[PL_REG_PREDICATE]);
		}
		pl_csvw_text(&w, move);
		pl_csvw_end(&w);
	}
	emit_close(o, fp, "changes.csv", pl_csvw_flush(&w) < 0);
	pl_csvw_free(&w);
	pl_buf_adds(text, en ? "\nPredicate moves since the earlier run\n"
			     : "\nPerpindahan predikat sejak run sebelumnya\n");
	pl_buf_adds(text, moves.len ? moves.p : (en ? "  (none)\n" : "  (tidak ada)\n"));
	pl_buf_free(&moves);
	free_previous(&p);
	return o->failed ? -1 : 0;
}
