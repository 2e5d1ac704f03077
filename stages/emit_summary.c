/*
 * emit_summary.c: summary.txt (for people) and summary.json (the same for
 * machines): what was read and what became of it, predicates per cluster,
 * the top regions, the rejects by code, and the per-file accounting.
 */
#include <stdlib.h>
#include <string.h>

#include "emit_internal.h"
#include "pl_exact.h"
#include "pl_json.h"
#include "pl_parse.h"

enum { TOP = 5 };

struct totals {
	long files, unreadable, skipped, read, used, rejected, superseded, warnings;
};

static const char *const dispositions[] = {"scored", "ditolak", "excluded", "superseded",
					   "invalid"};
enum { NDISP = sizeof dispositions / sizeof *dispositions };
static const char *const levels[] = {"provinsi", "kabupaten", "kota"};

static struct totals totals_of(const struct emit *e)
{
	struct totals t = {0};
	for (size_t i = 0; i < e->nacc; i++) {
		const struct account *a = &e->acc[i];
		const char *status = a->src->f[PL_SRC_STATUS];
		t.files++;
		t.unreadable += strcmp(status, "unreadable") == 0;
		t.skipped += strcmp(status, "skipped") == 0;
		t.read += a->read;
		t.used += a->used;
		t.rejected += a->rejected;
		t.superseded += a->superseded;
	}
	t.warnings = (long)e->kind[PL_KIND_WARN].n;
	return t;
}

static long count_disposition(const struct emit *e, const char *d)
{
	long n = 0;
	int64_t want = pl_intern_find(&e->names, d);
	for (size_t i = 0; i < e->inn.n && want >= 0; i++)
		n += e->inn.v[i].disp == (uint32_t)want;
	return n;
}

/* Distinct values of a reg column, for years and predicates. */
struct names {
	const char *v[64];
	long best[64]; /* for predicates: the highest IID (hundredths) seen */
	size_t n;
};

static int64_t iid_of(const struct held *h)
{
	int64_t v = 0;
	if (pl_parse_hundredths(h->f[PL_REG_IID], &v))
		v = 0;
	return v;
}

static void collect(const struct emit *e, size_t field, struct names *out)
{
	const struct held_list *l = &e->kind[PL_KIND_REG];
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < l->n; i++) {
		const char *v = l->v[i].f[field];
		size_t k = 0;
		while (k < out->n && strcmp(out->v[k], v))
			k++;
		if (k == out->n) {
			if (out->n == 64)
				continue;
			out->v[out->n] = v;
			out->best[out->n++] = -1;
		}
		if (iid_of(&l->v[i]) > out->best[k])
			out->best[k] = iid_of(&l->v[i]);
	}
}

/* Predicates from the best to the worst, by the highest IID each got. */
static void order_predicates(struct names *p)
{
	for (size_t i = 1; i < p->n; i++)
		for (size_t j = i; j > 0 && p->best[j] > p->best[j - 1]; j--) {
			const char *v = p->v[j];
			long b = p->best[j];
			p->v[j] = p->v[j - 1], p->best[j] = p->best[j - 1];
			p->v[j - 1] = v, p->best[j - 1] = b;
		}
}

static long count_regions(const struct emit *e, const char *year, const char *level,
			  const char *predicate)
{
	long n = 0;
	const struct held_list *l = &e->kind[PL_KIND_REG];
	for (size_t i = 0; i < l->n; i++) {
		char **f = l->v[i].f;
		n += !strcmp(f[PL_REG_YEAR], year) && !strcmp(f[PL_REG_LEVEL], level) &&
		     !strcmp(f[PL_REG_PREDICATE], predicate);
	}
	return n;
}

static long rank_of(const struct held *h)
{
	int64_t v = 0;
	if (pl_parse_int(h->f[PL_REG_RANK_NATIONAL], 0, INT64_MAX, &v))
		v = 0;
	return (long)v;
}

int emit_cmp_rank(const void *pa, const void *pb)
{
	const struct held *a = *(const struct held *const *)pa;
	const struct held *b = *(const struct held *const *)pb;
	long ra = rank_of(a), rb = rank_of(b);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	/* Equal ranks are listed as rank lists them: by exact SID, then SPD,
	 * both highest first, then by code. */
	int64_t sa_num = 0, sa_den = 1, sb_num = 0, sb_den = 1, spd_a = 0, spd_b = 0;
	if (pl_parse_int(a->f[PL_REG_SID_NUM], 0, INT64_MAX, &sa_num) ||
	    pl_parse_int(a->f[PL_REG_SID_DEN], 1, INT64_MAX, &sa_den) ||
	    pl_parse_int(b->f[PL_REG_SID_NUM], 0, INT64_MAX, &sb_num) ||
	    pl_parse_int(b->f[PL_REG_SID_DEN], 1, INT64_MAX, &sb_den))
		sa_num = sb_num = 0;
	int c = pl_cmp_frac((pl_u128)sb_num, (pl_u128)sb_den, (pl_u128)sa_num, (pl_u128)sa_den);
	if (c)
		return c;
	if (pl_parse_hundredths(a->f[PL_REG_SPD], &spd_a) ||
	    pl_parse_hundredths(b->f[PL_REG_SPD], &spd_b))
		spd_a = spd_b = 0;
	if (spd_a != spd_b)
		return spd_a > spd_b ? -1 : 1;
	return strcmp(a->f[PL_REG_CODE], b->f[PL_REG_CODE]);
}

/* The first TOP scored regions of a cluster by national rank, then code. */
static size_t top_regions(const struct emit *e, const char *year, const char *level,
			  const struct held **top)
{
	const struct held_list *l = &e->kind[PL_KIND_REG];
	const struct held **all = pl_xmalloc((l->n ? l->n : 1) * sizeof *all);
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct held *h = &l->v[i];
		if (!strcmp(h->f[PL_REG_YEAR], year) && !strcmp(h->f[PL_REG_LEVEL], level) &&
		    iid_of(h) > 0)
			all[n++] = h;
	}
	pl_sort(all, n, sizeof *all, emit_cmp_rank);
	if (n > TOP)
		n = TOP;
	memcpy(top, all, n * sizeof *top);
	free(all);
	return n;
}

static void reject_counts(const struct emit *e, const char **code, long *count, size_t *n)
{
	const struct held_list *l = &e->kind[PL_KIND_REJ];
	*n = 0;
	for (int c = 0; c < PL_REJ_COUNT; c++) {
		long k = 0;
		for (size_t i = 0; i < l->n; i++)
			k += strcmp(l->v[i].f[PL_REJ_CODE], pl_reject_name(c)) == 0;
		if (k) {
			code[*n] = pl_reject_name(c);
			count[(*n)++] = k;
		}
	}
}

static void write_json(struct out *o, const struct totals *t)
{
	struct emit *e = o->e;
	struct pl_buf b = {0};
	pl_buf_adds(&b, "{\n  \"tool\": \"indeks\",\n  \"accounting\": {");
	pl_buf_printf(&b,
		      "\"files\": %ld, \"files_unreadable\": %ld, \"files_skipped\": %ld, "
		      "\"records_read\": %ld, \"used\": %ld, \"rejected\": %ld, "
		      "\"superseded\": %ld, \"balanced\": true},\n",
		      t->files, t->unreadable, t->skipped, t->read, t->used, t->rejected,
		      t->superseded);
	pl_buf_printf(&b, "  \"warnings\": %ld,\n  \"innovations\": {", t->warnings);
	for (size_t d = 0; d < NDISP; d++) {
		pl_buf_adds(&b, d ? ", " : "");
		pl_json_key(&b, dispositions[d]);
		pl_buf_printf(&b, "%ld", count_disposition(e, dispositions[d]));
	}
	pl_buf_adds(&b, "},\n  \"reject_codes\": {");
	const char *code[PL_REJ_COUNT];
	long count[PL_REJ_COUNT];
	size_t nc;
	reject_counts(e, code, count, &nc);
	for (size_t i = 0; i < nc; i++) {
		pl_buf_adds(&b, i ? ", " : "");
		pl_json_key(&b, code[i]);
		pl_buf_printf(&b, "%ld", count[i]);
	}
	pl_buf_adds(&b, "},\n  \"years\": [");
	struct names years, preds;
	collect(e, PL_REG_YEAR, &years);
	collect(e, PL_REG_PREDICATE, &preds);
	order_predicates(&preds);
	for (size_t y = 0; y < years.n; y++) {
		pl_buf_adds(&b, y ? ",\n    {" : "\n    {");
		pl_json_key(&b, "year");
		pl_buf_printf(&b, "%s, ", years.v[y]);
		pl_json_key(&b, "clusters");
		pl_buf_adds(&b, "{");
		for (size_t lv = 0; lv < 3; lv++) {
			pl_buf_adds(&b, lv ? ",\n      " : "\n      ");
			pl_json_key(&b, levels[lv]);
			pl_buf_adds(&b, "{\"predicates\": {");
			for (size_t p = 0; p < preds.n; p++) {
				pl_buf_adds(&b, p ? ", " : "");
				pl_json_key(&b, preds.v[p]);
				pl_buf_printf(&b, "%ld",
					      count_regions(e, years.v[y], levels[lv], preds.v[p]));
			}
			pl_buf_adds(&b, "}, \"top\": [");
			const struct held *top[TOP];
			size_t nt = top_regions(e, years.v[y], levels[lv], top);
			for (size_t i = 0; i < nt; i++) {
				char **f = top[i]->f;
				pl_buf_adds(&b, i ? ", " : "");
				pl_buf_printf(&b, "{\"rank\": %s, \"region_code\": ",
					      f[PL_REG_RANK_NATIONAL]);
				pl_json_str(&b, f[PL_REG_CODE]);
				pl_buf_adds(&b, ", \"region_name\": ");
				pl_json_str(&b, f[PL_REG_NAME]);
				pl_buf_printf(&b, ", \"iid\": %s, \"predicate\": ", f[PL_REG_IID]);
				pl_json_str(&b, f[PL_REG_PREDICATE]);
				pl_buf_adds(&b, "}");
			}
			pl_buf_adds(&b, "]}");
		}
		pl_buf_adds(&b, "}}");
	}
	pl_buf_adds(&b, "\n  ],\n  \"files\": [");
	for (size_t i = 0; i < e->nacc; i++) {
		const struct account *a = &e->acc[i];
		pl_buf_adds(&b, i ? ",\n    {" : "\n    {");
		pl_json_key(&b, "file");
		pl_json_str(&b, a->file);
		pl_buf_adds(&b, ", ");
		pl_json_key(&b, "status");
		pl_json_str(&b, a->src->f[PL_SRC_STATUS]);
		pl_buf_adds(&b, ", ");
		pl_json_key(&b, "code");
		pl_json_str(&b, a->src->f[PL_SRC_CODE]);
		pl_buf_printf(&b,
			      ", \"read\": %ld, \"used\": %ld, \"rejected\": %ld, "
			      "\"superseded\": %ld, \"warnings\": %ld}",
			      a->read, a->used, a->rejected, a->superseded, a->warnings);
	}
	pl_buf_adds(&b, "\n  ]\n}\n");
	FILE *fp = emit_open(o, "summary.json");
	if (fp)
		emit_close(o, fp, "summary.json", fwrite(b.p, 1, b.len, fp) != b.len);
	pl_buf_free(&b);
}

/* The rows of one year and region in a list of them: with the regions and
 * the list both sorted by year and region (as they arrive), a cursor that
 * only moves forward finds them; otherwise every row is looked at. */
struct rows_of {
	const struct held_list *l;
	size_t year, region; /* the key's fields */
	int walk;            /* sorted like the regions */
	size_t at;
};

static int cmp_key(char **f, size_t year, size_t region, char **g, size_t gyear, size_t gregion)
{
	int c = strcmp(f[year], g[gyear]);
	return c ? c : strcmp(f[region], g[gregion]);
}

static int sorted_by_key(const struct held_list *l, size_t year, size_t region)
{
	for (size_t i = 1; i < l->n; i++)
		if (cmp_key(l->v[i - 1].f, year, region, l->v[i].f, year, region) > 0)
			return 0;
	return 1;
}

static void rows_init(struct rows_of *r, const struct held_list *l, size_t year, size_t region,
		      int regions_sorted)
{
	*r = (struct rows_of){l, year, region, regions_sorted && sorted_by_key(l, year, region), 0};
}

/* Where the rows of region f may start; rows_match says which are. */
static size_t rows_first(struct rows_of *r, char **f)
{
	if (!r->walk)
		return 0;
	while (r->at < r->l->n &&
	       cmp_key(r->l->v[r->at].f, r->year, r->region, f, PL_REG_YEAR, PL_REG_CODE) < 0)
		r->at++;
	return r->at;
}

/* 1: row k is region f's; 0: it is not; -1: neither is any after it. */
static int rows_match(const struct rows_of *r, size_t k, char **f)
{
	if (!cmp_key(r->l->v[k].f, r->year, r->region, f, PL_REG_YEAR, PL_REG_CODE))
		return 1;
	return r->walk ? -1 : 0;
}

/* The per-region section: for every region that sent anything, its
 * score by aspect and variable, and the cheapest way to the next
 * predicate (explain.csv and suggestions.csv in words). */
static void region_details(const struct emit *e, struct pl_buf *b, int en)
{
#define L(id, eng) (en ? (eng) : (id))
	const struct held_list *reg = &e->kind[PL_KIND_REG];
	const struct held_list *exp = &e->kind[PL_KIND_EXP];
	const struct held_list *sug = &e->kind[PL_KIND_SUG];
	int regions_sorted = sorted_by_key(reg, PL_REG_YEAR, PL_REG_CODE);
	struct rows_of exp_rows, sug_rows;
	rows_init(&exp_rows, exp, PL_EXP_YEAR, PL_EXP_REGION, regions_sorted);
	rows_init(&sug_rows, sug, PL_SUG_YEAR, PL_SUG_REGION, regions_sorted);
	pl_buf_adds(b, L("\nRincian per wilayah (yang mengirim data)\n",
			 "\nPer region (those that sent anything)\n"));
	size_t shown = 0;
	for (size_t i = 0; i < reg->n; i++) {
		char **f = reg->v[i].f;
		if (!strcmp(f[PL_REG_N_DIV], "0") && !strcmp(f[PL_REG_SPD], "0.00") &&
		    !strcmp(f[PL_REG_N_EXCLUDED], "0"))
			continue;
		shown++;
		pl_buf_printf(b, "\n%s %s %s (%s)\n", f[PL_REG_YEAR], f[PL_REG_CODE], f[PL_REG_NAME],
			      f[PL_REG_LEVEL]);
		pl_buf_printf(b, L("  IID %s, %s; peringkat nasional %s", "  IID %s, %s; national rank %s"),
			      f[PL_REG_IID], f[PL_REG_PREDICATE], f[PL_REG_RANK_NATIONAL]);
		if (*f[PL_REG_RANK_PROVINCE])
			pl_buf_printf(b, L(", di provinsi %s", ", in province %s"), f[PL_REG_RANK_PROVINCE]);
		pl_buf_printf(b, L("\n  SPD %s + SID %s (J %s, D %s, %s inovasi dalam pembagi)\n",
				   "\n  SPD %s + SID %s (J %s, D %s, %s innovations in the divisor)\n"),
			      f[PL_REG_SPD], f[PL_REG_SID], f[PL_REG_JUMLAH], f[PL_REG_DIVISOR],
			      f[PL_REG_N_DIV]);
		if (*f[PL_REG_AVG])
			pl_buf_printf(b, L("  rata-rata kematangan %s (%s%%)\n",
					   "  average maturity %s (%s%%)\n"),
				      f[PL_REG_AVG], f[PL_REG_AVG_PCT]);
		for (size_t k = rows_first(&exp_rows, f); k < exp->n; k++) {
			char **x = exp->v[k].f;
			int match = rows_match(&exp_rows, k, f);
			if (match < 0)
				break;
			if (!match)
				continue;
			/* "    %-4s %-36s %6s / %s\n", a line for each of every
			 * region's explanations, without printf. */
			pl_buf_adds(b, "    ");
			pl_buf_pad(b, x[PL_EXP_ASPECT], 4, 1);
			pl_buf_addc(b, ' ');
			pl_buf_pad(b, x[PL_EXP_VARIABLE], 36, 1);
			pl_buf_addc(b, ' ');
			pl_buf_pad(b, x[PL_EXP_POINTS], 6, 0);
			pl_buf_cat(b, " / ", x[PL_EXP_MAX], "\n", (char *)NULL);
		}
		int first = 1;
		for (size_t k = rows_first(&sug_rows, f); k < sug->n; k++) {
			char **x = sug->v[k].f;
			int match = rows_match(&sug_rows, k, f);
			if (match < 0)
				break;
			if (!match)
				continue;
			if (first)
				pl_buf_printf(b, L("  kurang %s poin menuju %s; perubahan termurah:\n",
						   "  %s points short of %s; the cheapest changes:\n"),
					      x[PL_SUG_GAP], x[PL_SUG_NEXT]);
			first = 0;
			const char *what = !strcmp(x[PL_SUG_CHANGE], "evidence")
						   ? L("lampirkan bukti", "attach evidence")
					   : !strcmp(x[PL_SUG_CHANGE], "answer")
						   ? L("isi indikator", "answer")
						   : L("tambah satu inovasi (rata-rata kematangan)",
						       "one more innovation (average maturity)");
			pl_buf_adds(b, "    ");
			pl_buf_pad(b, x[PL_SUG_STEP], 2, 0);
			pl_buf_cat(b, ". ", what, (char *)NULL);
			if (*x[PL_SUG_FILE])
				pl_buf_cat(b, " ", x[PL_SUG_FILE], ":", x[PL_SUG_LINE], " (",
					   *x[PL_SUG_ID] ? x[PL_SUG_ID] : "SPD", "), ",
					   L("indikator", "indicator"), " ", x[PL_SUG_ROW],
					   ", level ", x[PL_SUG_FROM], "->", x[PL_SUG_TO],
					   (char *)NULL);
			pl_buf_cat(b, ": +", x[PL_SUG_GAIN], " -> ", x[PL_SUG_IID_AFTER], " ",
				   x[PL_SUG_PRED_AFTER], "\n", (char *)NULL);
		}
	}
	if (!shown)
		pl_buf_adds(b, L("  (tidak ada)\n", "  (none)\n"));
#undef L
}

static void write_text(struct out *o, const struct totals *t)
{
	struct emit *e = o->e;
	int en = e->ctx->lang == PL_LANG_EN;
#define L(id, eng) (en ? (eng) : (id))
	struct pl_buf b = {0};
	pl_buf_printf(&b, "%s\n\n", L("indeks: Indeks Inovasi Daerah", "indeks: Regional Innovation Index"));
	pl_buf_printf(&b, L("Berkas: %ld (%ld tidak terbaca, %ld dilewati)\n",
			    "Files: %ld (%ld unreadable, %ld skipped)\n"),
		      t->files, t->unreadable, t->skipped);
	pl_buf_printf(&b, L("Rekaman dibaca: %ld = %ld dipakai + %ld ditolak + %ld digantikan\n",
			    "Records read: %ld = %ld used + %ld rejected + %ld superseded\n"),
		      t->read, t->used, t->rejected, t->superseded);
	pl_buf_printf(&b, L("Peringatan: %ld\n", "Warnings: %ld\n"), t->warnings);
	pl_buf_adds(&b, L("Inovasi:", "Innovations:"));
	for (size_t d = 0; d < NDISP; d++)
		pl_buf_printf(&b, " %s %ld", dispositions[d], count_disposition(e, dispositions[d]));
	pl_buf_adds(&b, "\n");
	struct names years, preds;
	collect(e, PL_REG_YEAR, &years);
	collect(e, PL_REG_PREDICATE, &preds);
	order_predicates(&preds);
	for (size_t y = 0; y < years.n; y++) {
		pl_buf_printf(&b, L("\nPredikat %s\n", "\nPredicates %s\n"), years.v[y]);
		pl_buf_printf(&b, "  %-22s %9s %9s %9s\n", "", levels[0], levels[1], levels[2]);
		for (size_t p = 0; p < preds.n; p++) {
			pl_buf_printf(&b, "  %-22s", preds.v[p]);
			for (size_t lv = 0; lv < 3; lv++)
				pl_buf_printf(&b, " %9ld", count_regions(e, years.v[y], levels[lv], preds.v[p]));
			pl_buf_adds(&b, "\n");
		}
		for (size_t lv = 0; lv < 3; lv++) {
			const struct held *top[TOP];
			size_t nt = top_regions(e, years.v[y], levels[lv], top);
			pl_buf_printf(&b, L("\nPeringkat teratas %s %s\n", "\nTop %s %s\n"), levels[lv],
				      years.v[y]);
			if (!nt)
				pl_buf_adds(&b, L("  (belum ada yang bernilai)\n", "  (none scored)\n"));
			for (size_t i = 0; i < nt; i++) {
				char **f = top[i]->f;
				pl_buf_printf(&b, "  %3s. %-6s %-40s %6s  %s\n", f[PL_REG_RANK_NATIONAL],
					      f[PL_REG_CODE], f[PL_REG_NAME], f[PL_REG_IID],
					      f[PL_REG_PREDICATE]);
			}
		}
	}
	const char *code[PL_REJ_COUNT];
	long count[PL_REJ_COUNT];
	size_t nc;
	reject_counts(e, code, count, &nc);
	pl_buf_adds(&b, L("\nPenolakan per kode\n", "\nRejects by code\n"));
	if (!nc)
		pl_buf_adds(&b, L("  (tidak ada)\n", "  (none)\n"));
	for (size_t i = 0; i < nc; i++)
		pl_buf_printf(&b, "  %-20s %ld\n", code[i], count[i]);
	pl_buf_adds(&b, L("\nBerkas bermasalah\n", "\nFiles with problems\n"));
	size_t shown = 0;
	for (size_t i = 0; i < e->nacc; i++) {
		const struct account *a = &e->acc[i];
		const char *status = a->src->f[PL_SRC_STATUS];
		if (!a->rejected && !a->superseded && !a->warnings && !strcmp(status, "ok"))
			continue;
		shown++;
		pl_buf_printf(&b, L("  %s: %s%s%s; %ld dibaca, %ld ditolak, %ld digantikan, %ld peringatan\n",
				    "  %s: %s%s%s; %ld read, %ld rejected, %ld superseded, %ld warnings\n"),
			      a->file, status, *a->src->f[PL_SRC_CODE] ? " " : "",
			      a->src->f[PL_SRC_CODE], a->read, a->rejected, a->superseded, a->warnings);
	}
	if (!shown)
		pl_buf_adds(&b, L("  (tidak ada)\n", "  (none)\n"));
	pl_buf_adds(&b, pl_buf_str(&e->changes_text));
	region_details(e, &b, en);
#undef L
	FILE *fp = emit_open(o, "summary.txt");
	if (fp)
		emit_close(o, fp, "summary.txt", fwrite(b.p, 1, b.len, fp) != b.len);
	pl_buf_free(&b);
}

void write_summaries(struct out *o)
{
	struct totals t = totals_of(o->e);
	write_text(o, &t);
	write_json(o, &t);
}
