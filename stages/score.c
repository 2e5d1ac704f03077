#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "explain.h"
#include "pl_exact.h"
#include "pl_exit.h"
#include "pl_groupbytes.h"
#include "pl_intern.h"
#include "pl_job.h"
#include "pl_parse.h"
#include "pl_spill.h"
#include "pl_tally.h"
#include "pl_vocab.h"
#include "score.h"

static const char STAGE[] = "score";

/* The texts of a record that only its output row needs: kept in the spill
 * (pipeline/pl_spill.h) and read back once, at the end. The file, line
 * and id stay in memory: duplicates are settled and the winner named by
 * them. */
static const size_t spilled_fields[] = {
	PL_SUB_NAMA, PL_SUB_OPD, PL_SUB_BENTUK, PL_SUB_JENIS, PL_SUB_INISIATOR,
	PL_SUB_URUSAN, PL_SUB_TAHAPAN, PL_SUB_TGL_TERAP, PL_SUB_TGL_KIRIM, PL_SUB_STATUS,
};
enum { NSPILLED = sizeof spilled_fields / sizeof spilled_fields[0] };

/* What score holds per record until the input ends: 72 bytes and
 * the id and line (docs/performance.md, "Memory"). A record's number is
 * its place in arrival order, so file order breaks ties. */
struct scored_rec {
	uint64_t spill;          /* its texts and answers in the spill */
	int64_t kirim;
	int64_t claimed, scored; /* hundredths */
	uint64_t near;           /* hash of its folded name and agency */
	const char *id;          /* id, then the line after the id's NUL */
	uint32_t file;           /* in s->files */
	uint32_t winner;         /* the record that superseded this one */
	uint32_t region;
	int year;
	int unevidenced;
	int8_t gate;             /* its urusan's bit in the method's gate, or -1 */
	uint8_t disp;            /* PL_DISP_*; 0 when superseded */
	uint8_t innovation;
};

struct score {
	struct pl_ctx *ctx;
	struct pl_sink next;
	struct pl_arena keep; /* ids and lines of the held records */
	struct pl_intern files;
	const struct pl_region *last_region; /* the last record's */
	struct pl_spill spill;
	int spill_open;
	struct scored_rec *rec;
	size_t n, cap;
	int *years;
	size_t nyears;
	struct explain_answer *ans; /* answers of the record being put */
	size_t nans;
	struct pl_group out;
	struct pl_group scratch;
	struct pl_tally tally;
};

/* A held record's texts, read back from the spill. */
struct texts {
	const char *file, *line, *id;
	const char *const *f; /* indexed like spilled_fields */
	const struct explain_answer *ans;
	size_t nans;
};

static const char *rec_line(const struct scored_rec *r)
{
	return r->id + strlen(r->id) + 1;
}

static const char *rec_file(const struct score *s, const struct scored_rec *r)
{
	return pl_intern_str(&s->files, r->file);
}

/* Reads r's texts through sp (score's spill or a reader of it); they stay
 * valid until the next read. A failure is reported in ctx. */
static int load(const struct score *s, struct pl_spill *sp, struct pl_ctx *ctx,
		const struct scored_rec *r, struct texts *t)
{
	const void *ans;
	if (pl_spill_read(sp, r->spill, NSPILLED, &t->f, &ans, &t->nans) < 0)
		return pl_stage_spill_failed(ctx, sp);
	t->ans = ans;
	t->nans /= sizeof *t->ans;
	t->file = rec_file(s, r);
	t->line = rec_line(r);
	t->id = r->id;
	return 0;
}

static const char *text(const struct texts *t, size_t sub_field)
{
	switch (sub_field) {
	case PL_SUB_FILE: return t->file;
	case PL_SUB_LINE: return t->line;
	case PL_SUB_ID: return t->id;
	}
	for (size_t i = 0; i < NSPILLED; i++)
		if (spilled_fields[i] == sub_field)
			return t->f[i];
	return "";
}

/* A level that is not blank (read_answer sees to that). */
static int64_t level_of(const char *s)
{
	int64_t v = 0;
	if (pl_parse_int(s, 0, 1000, &v))
		v = 0; /* validate rejected anything else */
	return v;
}

/* What score reads of one answer: its levels (EXPLAIN_BLANK when blank)
 * and whether it has evidence, each field looked at once. */
struct answer_read {
	int64_t claimed, verified; /* EXPLAIN_BLANK when blank */
	int64_t level;		   /* claimed as a number: 0 when blank */
	int evidenced;
};

static struct answer_read read_answer(const struct pl_row *a)
{
	struct answer_read r;
	r.claimed = pl_is_blank(a->f[PL_ANS_LEVEL]) ? EXPLAIN_BLANK : level_of(a->f[PL_ANS_LEVEL]);
	r.level = r.claimed == EXPLAIN_BLANK ? 0 : r.claimed;
	r.verified = pl_is_blank(a->f[PL_ANS_VERIF]) ? EXPLAIN_BLANK : level_of(a->f[PL_ANS_VERIF]);
	r.evidenced = !pl_is_blank(a->f[PL_ANS_BUKTI]);
	return r;
}

/* The level the method scores for one answer, by its evidence rule. */
static int64_t scored_level(const struct pl_method *m, const struct answer_read *r)
{
	if (r->verified != EXPLAIN_BLANK)
		return r->verified;
	switch (m->evidence_rule) {
	case PL_EVIDENCE_VERIFIED_OR_CLAIMED:
		return r->level;
	case PL_EVIDENCE_VERIFIED_OR_EVIDENCED:
		return r->evidenced ? r->level : 0;
	case PL_EVIDENCE_VERIFIED_ONLY:
		break;
	}
	return 0;
}

static void note_year(struct score *s, int year)
{
	for (size_t i = 0; i < s->nyears; i++)
		if (s->years[i] == year)
			return;
	s->years = pl_xrealloc(s->years, (s->nyears + 1) * sizeof *s->years);
	s->years[s->nyears++] = year;
}

static unsigned disposition(const struct pl_method *m, const struct pl_row *h)
{
	/* The verifiers' rejection stands even outside the window: BSKDN
	 * counts rejected innovations in the divisor. */
	if (strcmp(pl_get(h, PL_SUB_STATUS), "ditolak") == 0)
		return PL_DISP_DITOLAK;
	int32_t d;
	if (pl_parse_date(h->f[PL_SUB_TGL_TERAP], &d) == 0 &&
	    ((m->eligible_from && d < m->eligible_from) || (m->eligible_to && d > m->eligible_to)))
		return PL_DISP_EXCLUDED;
	return PL_DISP_SCORED;
}

static int gate_bit(const struct pl_method *m, const char *urusan)
{
	for (size_t i = 0; i < m->ngate && i < 64; i++)
		if (strcasecmp(m->gate_urusan[i], urusan) == 0)
			return (int)i;
	return -1;
}

/* The near-duplicate key of an innovation (see warn_near_duplicates). */
static void fold_name_agency(const char *name, const char *agency, struct pl_buf *out)
{
	char *a = pl_vocab_fold(name), *b = pl_vocab_fold(agency);
	pl_buf_reset(out);
	pl_buf_adds(out, a);
	pl_buf_addc(out, '\t');
	pl_buf_adds(out, b);
	free(a);
	free(b);
}

static int score_put(void *self, struct pl_group *g)
{
	struct score *s = self;
	if (g->head.kind != PL_KIND_SUB)
		return s->next.put(s->next.self, g);
	const struct pl_row *h = &g->head;
	int64_t year, kirim;
	/* validate guarantees these parse and exist. */
	if (pl_parse_int(pl_get(h, PL_SUB_TAHUN), 1000, 9999, &year) ||
	    pl_parse_timestamp(pl_get(h, PL_SUB_TGL_KIRIM), &kirim))
		abort();
	const struct pl_method *m = pl_methods_find(s->ctx->methods, (int)year);
	const struct pl_region *reg =
	    pl_master_find_near(s->ctx->master, &s->last_region, pl_get(h, PL_SUB_KODE));
	if (!m || !reg)
		abort();
	if (pl_stage_spill_open(s->ctx, &s->spill, &s->spill_open) < 0)
		return -1;
	if (s->n >= UINT32_MAX)
		abort(); /* four billion records: not one run's input */
	pl_grow((void **)&s->rec, &s->cap, s->n + 1, sizeof *s->rec);
	struct scored_rec *r = &s->rec[s->n++];
	memset(r, 0, sizeof *r);
	r->year = (int)year;
	r->region = (uint32_t)(reg - s->ctx->master->r);
	r->kirim = kirim;
	r->innovation = strcmp(pl_get(h, PL_SUB_KIND), "inovasi") == 0;
	r->disp = r->innovation ? disposition(m, h) : PL_DISP_SCORED;
	r->gate = (int8_t)(r->innovation ? gate_bit(m, pl_get(h, PL_SUB_URUSAN)) : -1);
	r->file = pl_intern_add(&s->files, pl_get(h, PL_SUB_FILE));
	const char *id = r->innovation ? pl_get(h, PL_SUB_ID) : "";
	const char *line = pl_get(h, PL_SUB_LINE);
	size_t nid = strlen(id), nline = strlen(line);
	char *idline = pl_arena_alloc(&s->keep, nid + nline + 2);
	memcpy(idline, id, nid + 1);
	memcpy(idline + nid + 1, line, nline + 1);
	r->id = idline;
	pl_grow((void **)&s->ans, &s->nans, m->nind, sizeof *s->ans);
	for (size_t k = 0; k < m->nind; k++)
		s->ans[k] = (struct explain_answer){EXPLAIN_BLANK, EXPLAIN_BLANK, 0, 0};
	int idx = -1;
	for (size_t i = 0; i < g->nans; i++) {
		const struct pl_row *a = &g->ans[i];
		idx = pl_method_row_after(m, pl_get(a, PL_ANS_ROW), idx + 1);
		if (idx < 0)
			abort(); /* validate dropped unknown rows */
		int64_t w = m->ind[idx].weight;
		struct answer_read ar = read_answer(a);
		int64_t scored = scored_level(m, &ar);
		r->claimed += w * ar.level;
		r->scored += w * scored;
		if (ar.level > 0 && !ar.evidenced && ar.verified == EXPLAIN_BLANK)
			r->unevidenced++;
		struct explain_answer *e = &s->ans[idx];
		e->claimed = (int8_t)ar.claimed;
		e->verified = (int8_t)ar.verified;
		e->evidenced = ar.evidenced;
		e->scored = (uint8_t)scored;
	}
	const char *texts[NSPILLED];
	for (size_t i = 0; i < NSPILLED; i++)
		texts[i] = r->innovation || spilled_fields[i] == PL_SUB_TGL_KIRIM
				   ? pl_get(h, spilled_fields[i])
				   : "";
	if (pl_spill_add(&s->spill, texts, NSPILLED, s->ans, m->nind * sizeof *s->ans,
			 &r->spill) < 0)
		return pl_stage_spill_failed(s->ctx, &s->spill);
	if (r->innovation) {
		/* The hash of fold_name_agency's key, without making it. */
		uint64_t nh = pl_vocab_fold_hash(PL_HASH_INIT, pl_get(h, PL_SUB_NAMA));
		nh = pl_hash(nh, "\t", 1);
		r->near = pl_vocab_fold_hash(nh, pl_get(h, PL_SUB_OPD));
	}
	note_year(s, r->year);
	return 0;
}

/* Orders records so that copies of one innovation (or one region's SPD)
 * are adjacent, oldest first: the last of each run is the one that counts.
 * qsort has no context argument, hence the file-scope base; score_finish
 * is not reentrant. */
static const struct scored_rec *sort_base;

static int cmp_key(const void *pa, const void *pb)
{
	uint32_t ia = *(const uint32_t *)pa, ib = *(const uint32_t *)pb;
	const struct scored_rec *a = &sort_base[ia], *b = &sort_base[ib];
	if (a->innovation != b->innovation)
		return b->innovation - a->innovation;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->region != b->region)
		return a->region < b->region ? -1 : 1;
	if (a->innovation) {
		int c = strcmp(a->id, b->id);
		if (c)
			return c;
	}
	if (a->kirim != b->kirim)
		return a->kirim < b->kirim ? -1 : 1;
	return ia < ib ? -1 : ia > ib;
}

/* Buckets of records: order[start[b]] .. order[start[b + 1] - 1] is
 * bucket b. */
struct buckets {
	uint32_t *order;
	size_t *start; /* nb + 1 */
	size_t nb;
};

/* Some of the buckets, sorted on a thread of their own. */
struct sort_part {
	const struct buckets *bk;
	size_t from, to;
	int (*cmp)(const void *, const void *);
};

static void sort_part(void *arg)
{
	const struct sort_part *p = arg;
	const struct buckets *bk = p->bk;
	for (size_t b = p->from; b < p->to; b++)
		pl_sort(bk->order + bk->start[b], bk->start[b + 1] - bk->start[b],
			sizeof *bk->order, p->cmp);
}

/* Sorts each bucket by cmp, which must order records of different
 * buckets as the buckets are ordered: half of them beside the caller. */
static void sort_buckets(const struct score *s, const struct buckets *bk,
			 int (*cmp)(const void *, const void *))
{
	size_t n = bk->start[bk->nb], half = 0;
	while (half < bk->nb && bk->start[half] < n / 2)
		half++;
	sort_base = s->rec;
	struct sort_part first = {bk, 0, half, cmp}, second = {bk, half, bk->nb, cmp};
	struct pl_job job;
	pl_job_start(&job, sort_part, &first);
	sort_part(&second);
	pl_job_wait(&job);
}

/* Every record in cmp_key's order, in buckets of kind (innovations
 * first), year and region: cmp_key compares those first, and they are
 * small numbers, so the records are dealt into their buckets in one pass
 * and only each bucket is sorted, its share of the strcmp of ids and of
 * the cache misses much smaller than in a sort of all of them. s->years
 * is sorted. */
static void sort_records(const struct score *s, struct buckets *bk)
{
	size_t nreg = s->ctx->master->n, per_kind = s->nyears * nreg;
	bk->nb = 2 * per_kind;
	bk->start = pl_xcalloc(bk->nb + 1, sizeof *bk->start);
	bk->order = pl_xmalloc((s->n ? s->n : 1) * sizeof *bk->order);
	uint32_t *bucket = pl_xmalloc((s->n ? s->n : 1) * sizeof *bucket);
	for (size_t i = 0; i < s->n; i++) {
		const struct scored_rec *r = &s->rec[i];
		size_t y = 0;
		while (s->years[y] != r->year) /* note_year saw every record's */
			y++;
		bucket[i] = (uint32_t)((r->innovation ? 0 : per_kind) + y * nreg + r->region);
		bk->start[bucket[i] + 1]++;
	}
	for (size_t b = 0; b < bk->nb; b++)
		bk->start[b + 1] += bk->start[b];
	size_t *next = pl_xmalloc((bk->nb ? bk->nb : 1) * sizeof *next);
	memcpy(next, bk->start, bk->nb * sizeof *next);
	for (size_t i = 0; i < s->n; i++)
		bk->order[next[bucket[i]]++] = (uint32_t)i;
	free(next);
	free(bucket);
	sort_buckets(s, bk, cmp_key);
}

static void buckets_free(struct buckets *bk)
{
	free(bk->order);
	free(bk->start);
}

static int same_key(const struct scored_rec *a, const struct scored_rec *b)
{
	return a->innovation == b->innovation && a->year == b->year && a->region == b->region &&
	       (!a->innovation || strcmp(a->id, b->id) == 0);
}

static const char *reason(const struct score *s, const struct scored_rec *r,
			  const struct texts *t, char *buf, size_t n)
{
	int en = s->ctx->lang == PL_LANG_EN;
	char from[16] = "", to[16] = "";
	if (!r->disp) {
		const struct scored_rec *w = &s->rec[r->winner];
		snprintf(buf, n, en ? "superseded by %s:%s" : "digantikan oleh %s:%s",
			 rec_file(s, w), rec_line(w));
		return buf;
	}
	const struct pl_method *m = pl_methods_find(s->ctx->methods, r->year);
	switch (r->disp) {
	case PL_DISP_DITOLAK:
		return en ? "rejected by verifiers: counts in the divisor with score 0"
			  : "ditolak verifikator: dihitung dalam pembagi dengan nilai 0";
	case PL_DISP_EXCLUDED:
		if (m->eligible_from)
			snprintf(from, sizeof from, "%04d-%02d-%02d", m->eligible_from / 10000,
				 m->eligible_from / 100 % 100, m->eligible_from % 100);
		if (m->eligible_to)
			snprintf(to, sizeof to, "%04d-%02d-%02d", m->eligible_to / 10000,
				 m->eligible_to / 100 % 100, m->eligible_to % 100);
		snprintf(buf, n,
			 en ? "tanggal_penerapan %s is outside the eligible window %s..%s"
			    : "tanggal_penerapan %s di luar jendela penilaian %s..%s",
			 text(t, PL_SUB_TGL_TERAP), from, to);
		return buf;
	default:
		if (strcmp(text(t, PL_SUB_STATUS), "menunggu") == 0)
			return en ? "scored; awaiting verification" : "dinilai; menunggu verifikasi";
		return en ? "scored" : "dinilai";
	}
}

static const char *disp_name(unsigned disp)
{
	switch (disp) {
	case PL_DISP_SCORED: return "scored";
	case PL_DISP_DITOLAK: return "ditolak";
	case PL_DISP_EXCLUDED: return "excluded";
	default: return "superseded";
	}
}

static int send(struct score *s, struct pl_group *g)
{
	return s->next.put(s->next.self, g) < 0 ? -1 : 0;
}

static int send_record(struct score *s, const struct scored_rec *r)
{
	struct pl_group *g = &s->out;
	struct texts t;
	if (load(s, &s->spill, s->ctx, r, &t) < 0)
		return -1;
	char buf[512], h1[PL_HUNDREDTHS_BUF], h2[PL_HUNDREDTHS_BUF], h3[PL_HUNDREDTHS_BUF];
	char year[PL_INT_BUF], num[PL_INT_BUF];
	pl_fmt_int(year, r->year);
	const struct pl_region *reg = &s->ctx->master->r[r->region];
	int counted = r->disp == PL_DISP_SCORED || r->disp == PL_DISP_DITOLAK;
	int64_t counted_points = r->disp == PL_DISP_SCORED ? r->scored : 0;
	if (!r->disp) {
		/* The reject repeats what the record said, like validate's do. */
		const struct scored_rec *w = &s->rec[r->winner];
		char *f[PL_SUB_NF] = {0};
		f[PL_SUB_FILE] = (char *)t.file;
		f[PL_SUB_LINE] = (char *)t.line;
		if (r->innovation) {
			f[PL_SUB_ID] = (char *)t.id;
			for (size_t i = 0; i < NSPILLED; i++)
				f[spilled_fields[i]] = (char *)t.f[i];
		} else {
			f[PL_SUB_TGL_KIRIM] = (char *)text(&t, PL_SUB_TGL_KIRIM);
		}
		f[PL_SUB_KIND] = r->innovation ? "inovasi" : "spd";
		f[PL_SUB_TAHUN] = year;
		f[PL_SUB_KODE] = reg->code;
		struct pl_row sub = {PL_KIND_SUB, f};
		snprintf(buf, sizeof buf, "%s:%s", rec_file(s, w), rec_line(w));
		if (pl_report(s->next, &s->scratch, s->ctx, STAGE, PL_REJ_SUPERSEDED, t.file,
			      t.line, &sub, "tanggal_kirim", text(&t, PL_SUB_TGL_KIRIM), buf) < 0)
			return -1;
	}
	/* The rows lend their fields (pl_set_lent): the record's texts in the
	 * spill's block, the master's strings and the buffers above all
	 * outlive the put, and copying every field of a million rows cost the
	 * thread the rest of the run waits for. */
	if (!r->innovation) {
		pl_group_start(g, PL_KIND_SPD);
		struct pl_row *o = &g->head;
		pl_set_lent(o, PL_SPD_FILE, t.file);
		pl_set_lent(o, PL_SPD_LINE, t.line);
		pl_set_lent(o, PL_SPD_YEAR, year);
		pl_set_lent(o, PL_SPD_REGION, reg->code);
		pl_set_lent(o, PL_SPD_TGL_KIRIM, text(&t, PL_SUB_TGL_KIRIM));
		pl_set_lent(o, PL_SPD_DISPOSITION, r->disp ? "used" : "superseded");
		pl_set_lent(o, PL_SPD_REASON, r->disp ? "" : reason(s, r, &t, buf, sizeof buf));
		pl_set_lent(o, PL_SPD_CLAIMED, pl_fmt_hundredths(h1, r->claimed));
		pl_set_lent(o, PL_SPD_SCORED, pl_fmt_hundredths(h2, r->scored));
		return send(s, g);
	}
	pl_group_start(g, PL_KIND_INN);
	struct pl_row *o = &g->head;
	static const size_t map[][2] = {
		{PL_INN_NAMA, PL_SUB_NAMA}, {PL_INN_OPD, PL_SUB_OPD},
		{PL_INN_BENTUK, PL_SUB_BENTUK}, {PL_INN_JENIS, PL_SUB_JENIS},
		{PL_INN_INISIATOR, PL_SUB_INISIATOR}, {PL_INN_URUSAN, PL_SUB_URUSAN},
		{PL_INN_TAHAPAN, PL_SUB_TAHAPAN}, {PL_INN_TGL_TERAP, PL_SUB_TGL_TERAP},
		{PL_INN_TGL_KIRIM, PL_SUB_TGL_KIRIM}, {PL_INN_STATUS, PL_SUB_STATUS},
	};
	pl_set_lent(o, PL_INN_FILE, t.file);
	pl_set_lent(o, PL_INN_LINE, t.line);
	pl_set_lent(o, PL_INN_ID, t.id);
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		pl_set_lent(o, map[i][0], text(&t, map[i][1]));
	pl_set_lent(o, PL_INN_YEAR, year);
	pl_set_lent(o, PL_INN_REGION, reg->code);
	pl_set_lent(o, PL_INN_DISPOSITION, disp_name(r->disp));
	pl_set_lent(o, PL_INN_REASON, reason(s, r, &t, buf, sizeof buf));
	pl_set_lent(o, PL_INN_CLAIMED, pl_fmt_hundredths(h1, r->claimed));
	pl_set_lent(o, PL_INN_SCORED, pl_fmt_hundredths(h2, r->scored));
	pl_set_lent(o, PL_INN_COUNTED, counted ? pl_fmt_hundredths(h3, counted_points) : "");
	pl_set_lent(o, PL_INN_UNEVIDENCED, pl_fmt_int(num, r->unevidenced));
	return send(s, g);
}

/* What one region accumulates for one year. */
struct tally {
	int64_t spd;       /* hundredths, from its SPD record if any */
	const struct scored_rec *spd_rec;
	int64_t sum_s;     /* hundredths, over scored innovations */
	int64_t n[8];      /* innovations by PL_DISP_* bit */
	uint64_t urusan;   /* bit per gate urusan met by a jumlah-counted one */
};

static int64_t count_of(const struct tally *t, unsigned bits)
{
	int64_t c = 0;
	for (unsigned b = 1; b < 8; b <<= 1)
		if (bits & b)
			c += t->n[b];
	return c;
}

static int popcount64(uint64_t x)
{
	int c = 0;
	for (; x; x &= x - 1)
		c++;
	return c;
}

/* Where the part of the finish beside the records (struct side_job)
 * reads records and sends what it makes: a second reader of score's spill,
 * and bytes in memory. */
struct side_out {
	const struct score *s;
	struct pl_spill *spill;
	struct pl_ctx *ctx; /* for failures */
	struct pl_sink next;
	struct pl_group *g;
};

/* Copies the answers of r, indexed like m's rows, into dst. */
static int load_answers(const struct side_out *w, const struct pl_method *m,
			const struct scored_rec *r, struct explain_answer *dst)
{
	struct texts t;
	if (load(w->s, w->spill, w->ctx, r, &t) < 0)
		return -1;
	if (t.nans != m->nind)
		abort(); /* added with this year's method */
	memcpy(dst, t.ans, m->nind * sizeof *dst);
	return 0;
}

/* Hands explain the answers behind the region's score. */
static int explain(const struct side_out *w, const struct pl_method *m,
		   const struct pl_region *reg, const struct tally *t,
		   const struct scored_rec *const *scored, size_t nscored, int64_t d, int64_t j,
		   int64_t iid)
{
	const struct score *s = w->s;
	struct explain_record spd = {0};
	struct explain_record *inn = pl_xmalloc((nscored ? nscored : 1) * sizeof *inn);
	const struct explain_record **innp = pl_xmalloc((nscored ? nscored : 1) * sizeof *innp);
	struct explain_answer *ans = pl_xmalloc((nscored + 1) * (m->nind ? m->nind : 1) * sizeof *ans);
	int rc = 0;
	if (t->spd_rec) {
		rc = load_answers(w, m, t->spd_rec, ans + nscored * m->nind);
		spd = (struct explain_record){rec_file(s, t->spd_rec), rec_line(t->spd_rec), "",
					      ans + nscored * m->nind};
	}
	for (size_t i = 0; i < nscored && rc == 0; i++) {
		rc = load_answers(w, m, scored[i], ans + i * m->nind);
		inn[i] = (struct explain_record){rec_file(s, scored[i]), rec_line(scored[i]),
						 scored[i]->id, ans + i * m->nind};
		innp[i] = &inn[i];
	}
	struct explain_input in = {m, reg, t->spd_rec ? &spd : NULL, innp, nscored,
				   t->spd, t->sum_s, j, d, iid,
				   count_of(t, m->divisor_counts), count_of(t, m->jumlah_counts)};
	if (rc == 0)
		rc = explain_region(&in, w->next, w->g);
	free(ans);
	free(inn);
	free(innp);
	return rc;
}

static int send_region(const struct side_out *w, const struct pl_method *m,
		       const struct pl_region *reg, const struct tally *t,
		       const struct scored_rec *const *scored, size_t nscored)
{
	struct pl_group *g = w->g;
	char b[PL_HUNDREDTHS_BUF];
	int64_t n_div = count_of(t, m->divisor_counts);
	int64_t n_count = count_of(t, m->jumlah_counts);
	int64_t d = n_div > m->divisor_floor ? n_div : m->divisor_floor;
	int64_t j = m->jumlah_per * (n_count < m->jumlah_cap ? n_count : m->jumlah_cap);
	if (m->gate_min && popcount64(t->urusan) < m->gate_min)
		j = 0;
	/* All in hundredths: SID = (sum_s + J*D) / D, and
	 * IID = (SPD + SID) / max_total * 100, so in hundredths of a point
	 * IID = (SPD*D + sum_s + J*D) * 10000 / (D * max_total). */
	pl_u128 sid_num = (pl_u128)t->sum_s + (pl_u128)j * (pl_u128)d;
	pl_u128 total = (pl_u128)t->spd * (pl_u128)d + sid_num;
	int64_t iid = (int64_t)pl_round_half_up(total * 10000, (pl_u128)d * (pl_u128)m->max_total);
	int64_t max_s = 0;
	for (size_t i = 0; i < m->nind; i++)
		if (m->ind[i].aspect == PL_ASPECT_SID)
			max_s += m->ind[i].weight * m->max_level;
	pl_group_start(g, PL_KIND_REG);
	struct pl_row *o = &g->head;
	pl_set_int(g, o, PL_REG_YEAR, m->year);
	pl_set(g, o, PL_REG_CODE, reg->code);
	pl_set(g, o, PL_REG_NAME, reg->name);
	pl_set(g, o, PL_REG_LEVEL, pl_level_name(reg->level));
	pl_set(g, o, PL_REG_PROVINCE, reg->province);
	pl_set(g, o, PL_REG_SPD, pl_fmt_hundredths(b, t->spd));
	pl_set(g, o, PL_REG_SID, pl_fmt_hundredths(b, (int64_t)pl_round_half_up(sid_num, (pl_u128)d)));
	pl_setf(g, o, PL_REG_SID_NUM, "%llu", (unsigned long long)sid_num);
	pl_set_int(g, o, PL_REG_SID_DEN, (long long)d);
	pl_set(g, o, PL_REG_JUMLAH, pl_fmt_hundredths(b, j));
	pl_set_int(g, o, PL_REG_DIVISOR, (long long)d);
	pl_set_int(g, o, PL_REG_N_DIV, (long long)n_div);
	pl_set_int(g, o, PL_REG_N_COUNT, (long long)n_count);
	pl_set_int(g, o, PL_REG_N_DITOLAK, (long long)t->n[PL_DISP_DITOLAK]);
	pl_set_int(g, o, PL_REG_N_EXCLUDED, (long long)t->n[PL_DISP_EXCLUDED]);
	int64_t n_scored = t->n[PL_DISP_SCORED];
	if (n_scored && max_s) {
		/* The mean maturity over scored innovations, and as a share of
		 * the most one innovation can score. */
		pl_set(g, o, PL_REG_AVG,
		       pl_fmt_hundredths(b, (int64_t)pl_round_half_up((pl_u128)t->sum_s,
								      (pl_u128)n_scored)));
		pl_set(g, o, PL_REG_AVG_PCT,
		       pl_fmt_hundredths(b, (int64_t)pl_round_half_up(
						    (pl_u128)t->sum_s * 10000,
						    (pl_u128)n_scored * (pl_u128)max_s)));
	} else {
		pl_set(g, o, PL_REG_AVG, "");
		pl_set(g, o, PL_REG_AVG_PCT, "");
	}
	pl_set(g, o, PL_REG_IID, pl_fmt_hundredths(b, iid));
	pl_set(g, o, PL_REG_PREDICATE, pl_method_predicate(m, iid));
	pl_set(g, o, PL_REG_RANK_NATIONAL, "");
	pl_set(g, o, PL_REG_RANK_PROVINCE, "");
	if (w->next.put(w->next.self, g) < 0)
		return -1;
	return explain(w, m, reg, t, scored, nscored, d, j, iid);
}

/* Innovations of one region and year with the same name and agency under
 * different ids are probably one innovation sent twice with a new id: a
 * warning for the later ones, never a drop (the ids say they differ).
 * Records are sorted by year, region and a hash of the folded name and
 * agency; only records with equal hashes have their texts read back and
 * compared, so a collision of hashes cannot join two different names. */
static int cmp_near(const void *pa, const void *pb)
{
	uint32_t ia = *(const uint32_t *)pa, ib = *(const uint32_t *)pb;
	const struct scored_rec *a = &sort_base[ia], *b = &sort_base[ib];
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->region != b->region)
		return a->region < b->region ? -1 : 1;
	if (a->near != b->near)
		return a->near < b->near ? -1 : 1;
	return ia < ib ? -1 : ia > ib;
}

/* Warns about each record of a run of equal hashes (in arrival order)
 * that has the same folded name and agency as an earlier one of the run,
 * naming the first such. */
static int warn_run(const struct side_out *w, const uint32_t *run, size_t n)
{
	const struct score *s = w->s;
	struct pl_buf *key = pl_xcalloc(n, sizeof *key);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct texts t;
		rc = load(s, w->spill, w->ctx, &s->rec[run[i]], &t);
		if (rc == 0)
			fold_name_agency(text(&t, PL_SUB_NAMA), text(&t, PL_SUB_OPD), &key[i]);
	}
	for (size_t i = 1; i < n && rc == 0; i++) {
		size_t first = 0;
		while (first < i && strcmp(pl_buf_str(&key[first]), pl_buf_str(&key[i])) != 0)
			first++;
		if (first == i)
			continue;
		const struct scored_rec *a = &s->rec[run[first]], *r = &s->rec[run[i]];
		char detail[512];
		snprintf(detail, sizeof detail, "%s (%s:%s)", a->id, rec_file(s, a), rec_line(a));
		rc = pl_report(w->next, w->g, w->ctx, STAGE, PL_REJ_NEAR_DUPLICATE, rec_file(s, r),
			       rec_line(r), NULL, "id_inovasi", r->id, detail);
	}
	for (size_t i = 0; i < n; i++)
		pl_buf_free(&key[i]);
	free(key);
	return rc;
}

/* by_key is sort_records' buckets: its innovation buckets (the first
 * half), in year and region order, give the innovations still counted of
 * each year and region, which only need sorting by hash among themselves. */
static int warn_near_duplicates(const struct side_out *w, const struct buckets *by_key)
{
	const struct score *s = w->s;
	size_t ninn = by_key->nb / 2;
	struct buckets bk = {pl_xmalloc((s->n ? s->n : 1) * sizeof *bk.order),
			     pl_xcalloc(ninn + 1, sizeof *bk.start), ninn};
	size_t n = 0;
	for (size_t b = 0; b < ninn; b++) {
		for (size_t i = by_key->start[b]; i < by_key->start[b + 1]; i++)
			if (s->rec[by_key->order[i]].disp)
				bk.order[n++] = by_key->order[i];
		bk.start[b + 1] = n;
	}
	sort_buckets(s, &bk, cmp_near);
	const uint32_t *k = bk.order;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0;) {
		const struct scored_rec *a = &s->rec[k[i]];
		size_t end = i + 1;
		while (end < n && s->rec[k[end]].near == a->near &&
		       s->rec[k[end]].year == a->year && s->rec[k[end]].region == a->region)
			end++;
		if (end - i > 1)
			rc = warn_run(w, k + i, end - i);
		i = end;
	}
	buckets_free(&bk);
	return rc;
}

/* Every region's record and explanation, year by year (s->years sorted):
 * the last part of the finish, which reads only what is settled before it
 * starts. */
static int send_regions(const struct side_out *w)
{
	const struct score *s = w->s;
	int rc = 0;
	size_t nreg = s->ctx->master->n;
	struct tally *t = pl_xmalloc((nreg ? nreg : 1) * sizeof *t);
	for (size_t y = 0; y < s->nyears && rc == 0; y++) {
		const struct pl_method *m = pl_methods_find(s->ctx->methods, s->years[y]);
		memset(t, 0, nreg * sizeof *t);
		for (size_t i = 0; i < s->n; i++) {
			const struct scored_rec *r = &s->rec[i];
			if (r->year != s->years[y] || !r->disp)
				continue;
			struct tally *rt = &t[r->region];
			if (!r->innovation) {
				rt->spd = r->scored;
				rt->spd_rec = r;
				continue;
			}
			rt->n[r->disp]++;
			if (r->disp == PL_DISP_SCORED)
				rt->sum_s += r->scored;
			if ((r->disp & m->jumlah_counts) && r->gate >= 0)
				rt->urusan |= (uint64_t)1 << r->gate;
		}
		/* The scored innovations of each region, for the explanation:
		 * a counting sort by region keeps arrival order within one. */
		size_t *start = pl_xcalloc(nreg + 1, sizeof *start);
		const struct scored_rec **scored = pl_xmalloc((s->n ? s->n : 1) * sizeof *scored);
		for (size_t i = 0; i < s->n; i++)
			if (s->rec[i].year == s->years[y] && s->rec[i].disp == PL_DISP_SCORED &&
			    s->rec[i].innovation)
				start[s->rec[i].region + 1]++;
		for (size_t k = 0; k < nreg; k++)
			start[k + 1] += start[k];
		size_t *fill = pl_xmalloc((nreg ? nreg : 1) * sizeof *fill);
		memcpy(fill, start, nreg * sizeof *fill);
		for (size_t i = 0; i < s->n; i++)
			if (s->rec[i].year == s->years[y] && s->rec[i].disp == PL_DISP_SCORED &&
			    s->rec[i].innovation)
				scored[fill[s->rec[i].region]++] = &s->rec[i];
		for (size_t k = 0; k < nreg && rc == 0; k++)
			rc = send_region(w, m, &s->ctx->master->r[k], &t[k], scored + start[k],
					 start[k + 1] - start[k]);
		free(start);
		free(fill);
		free(scored);
	}
	free(t);
	return rc;
}

/* What the side thread makes, kept as bytes until it is sent. */
struct kept {
	struct pl_buf bytes;
	size_t ngroups;
};

/* The part of the finish that does not need the records sent: on a thread
 * of its own, beside them. It warns about near duplicates, counts the
 * records for the tally, and makes the regions and their explanations;
 * what it makes is kept as bytes and sent after the records (warnings,
 * then the tally, then the regions), so the order of everything score
 * sends does not change. */
struct side_job {
	struct side_out w;
	struct pl_tally *tally; /* score's: see side_run */
	const struct buckets *by_key;
	struct pl_spill reader;
	struct pl_ctx ctx; /* score's tables, an err of its own */
	struct pl_group g;
	struct kept warnings, regions;
	struct kept *into; /* where keep_bytes puts what it is given */
	int rc, reading;
	struct pl_job job;
};

static int keep_bytes(void *self, struct pl_group *g)
{
	struct side_job *j = self;
	pl_group_encode(&j->into->bytes, g);
	j->into->ngroups++;
	return 0;
}

static void count_records(const struct score *s, struct pl_tally *tally)
{
	for (size_t i = 0; i < s->n; i++) {
		const char *file = rec_file(s, &s->rec[i]);
		pl_tally_count(tally, file, PL_TALLY_IN);
		pl_tally_count(tally, file, s->rec[i].disp ? PL_TALLY_OUT : PL_TALLY_SUPERSEDED);
	}
}

static void side_run(void *arg)
{
	struct side_job *j = arg;
	j->into = &j->warnings;
	if (j->rc == 0)
		j->rc = warn_near_duplicates(&j->w, j->by_key);
	/* The tally is score's, which the thread sending records leaves alone
	 * until it has waited for this one. */
	count_records(j->w.s, j->tally);
	j->into = &j->regions;
	if (j->rc == 0)
		j->rc = send_regions(&j->w);
}

static void start_side(struct score *s, const struct buckets *by_key, struct side_job *j)
{
	memset(j, 0, sizeof *j);
	j->tally = &s->tally;
	j->ctx = *s->ctx;
	j->ctx.err = (struct pl_buf){0};
	j->w = (struct side_out){s, &j->reader, &j->ctx, {keep_bytes, j}, &j->g};
	j->by_key = by_key;
	if (s->spill_open) {
		if (pl_spill_reader(&j->reader, &s->spill) < 0)
			j->rc = pl_stage_spill_failed(&j->ctx, &s->spill);
		else
			j->reading = 1;
	}
	pl_job_start(&j->job, side_run, j);
}

/* Sends what k kept on, unless rc says the records before it failed. */
static int send_kept(struct score *s, struct side_job *j, struct kept *k, int rc)
{
	char *p = k->bytes.p;
	for (size_t i = 0; i < k->ngroups && rc == 0; i++) {
		p = pl_group_decode(&j->g, p);
		rc = s->next.put(s->next.self, &j->g) < 0 ? -1 : 0;
	}
	return rc;
}

/* Waits for the side thread, then sends after the records (when rc says
 * they were sent) the warnings, the tally and the regions; frees the
 * job. */
static int finish_side(struct score *s, struct side_job *j, int rc)
{
	pl_job_wait(&j->job);
	if (j->rc < 0 && rc == 0) {
		if (!s->ctx->err.len) {
			pl_buf_adds(&s->ctx->err, pl_buf_str(&j->ctx.err));
			s->ctx->exit_code = j->ctx.exit_code;
		}
		rc = -1;
	}
	rc = send_kept(s, j, &j->warnings, rc);
	if (rc == 0)
		rc = pl_tally_send(&s->tally, STAGE, s->next, &s->scratch);
	rc = send_kept(s, j, &j->regions, rc);
	if (j->reading)
		pl_spill_close(&j->reader);
	pl_buf_free(&j->warnings.bytes);
	pl_buf_free(&j->regions.bytes);
	pl_group_free(&j->g);
	pl_buf_free(&j->ctx.err);
	return rc;
}

static void release(struct score *s);

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int score_finish(void *self)
{
	struct score *s = self;
	pl_sort(s->years, s->nyears, sizeof *s->years, cmp_int);
	struct buckets by_key;
	sort_records(s, &by_key);
	uint32_t *order = by_key.order;
	/* The last of each run of equal keys wins; mark the others. Then the
	 * run goes out in arrival order, which is its files' order and then
	 * its lines': innovations.csv's, so emit finds its rows sorted. */
	for (size_t i = 0; i + 1 < s->n; i++) {
		size_t end = i;
		while (end + 1 < s->n && same_key(&s->rec[order[i]], &s->rec[order[end + 1]]))
			end++;
		for (size_t k = i; k < end; k++) {
			s->rec[order[k]].disp = 0;
			s->rec[order[k]].winner = order[end];
		}
		if (end > i)
			pl_sort(order + i, end - i + 1, sizeof *order, cmp_u32);
		i = end;
	}
	struct side_job side;
	start_side(s, &by_key, &side);
	int rc = 0;
	for (size_t i = 0; i < s->n && rc == 0; i++)
		rc = send_record(s, &s->rec[order[i]]);
	rc = finish_side(s, &side, rc);
	buckets_free(&by_key);
	release(s);
	return rc;
}

/* Frees what score held for the records: once score_finish has sent
 * everything on, so that the stages after it (emit keeps its own copy)
 * do not run beside it. */
static void release(struct score *s)
{
	pl_arena_free(&s->keep);
	pl_intern_free(&s->files);
	if (s->spill_open)
		pl_spill_close(&s->spill);
	s->spill_open = 0;
	free(s->rec);
	s->rec = NULL;
	s->n = s->cap = 0;
	free(s->ans);
	s->ans = NULL;
	s->nans = 0;
}

static void score_destroy(void *self)
{
	struct score *s = self;
	release(s);
	pl_group_free(&s->out);
	pl_group_free(&s->scratch);
	pl_tally_free(&s->tally);
	free(s->years);
	free(s);
}

struct pl_stage score_new(struct pl_ctx *ctx, struct pl_sink next)
{
	struct score *s = pl_xcalloc(1, sizeof *s);
	s->ctx = ctx;
	s->next = next;
	struct pl_stage st = {"score", s, score_put, score_finish, score_destroy};
	return st;
}
