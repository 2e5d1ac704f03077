#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "explain.h"
#include "pl_exact.h"
#include "pl_parse.h"
#include "pl_tally.h"
#include "pl_vocab.h"
#include "score.h"

static const char STAGE[] = "score";

/* Copied fields of an innovation record that its output row repeats. */
static const size_t kept_fields[] = {
	PL_SUB_FILE, PL_SUB_LINE, PL_SUB_ID, PL_SUB_NAMA, PL_SUB_OPD, PL_SUB_BENTUK,
	PL_SUB_JENIS, PL_SUB_INISIATOR, PL_SUB_URUSAN, PL_SUB_TAHAPAN, PL_SUB_TGL_TERAP,
	PL_SUB_TGL_KIRIM, PL_SUB_STATUS,
};
enum { NKEPT = sizeof kept_fields / sizeof kept_fields[0] };

struct scored_rec {
	size_t seq; /* arrival order: file order breaks ties */
	const struct pl_method *m;
	int year;
	size_t region;
	int64_t kirim;
	int innovation;
	unsigned disp; /* PL_DISP_*; 0 when superseded */
	int64_t claimed, scored; /* hundredths */
	int unevidenced;
	const char *f[NKEPT]; /* for SPD only file, line, tanggal_kirim are set */
	size_t winner;        /* the record that superseded this one */
	struct explain_answer *ans; /* indexed like the method's rows */
};

struct score {
	struct pl_ctx *ctx;
	struct pl_sink next;
	struct pl_arena keep; /* strings of the held records */
	struct scored_rec *rec;
	size_t n, cap;
	int *years;
	size_t nyears;
	struct pl_group out;
	struct pl_group scratch;
	struct pl_tally tally;
};

static const char *kept(const struct scored_rec *r, size_t sub_field)
{
	for (size_t i = 0; i < NKEPT; i++)
		if (kept_fields[i] == sub_field)
			return r->f[i] ? r->f[i] : "";
	return "";
}

static int64_t level_of(const char *s)
{
	int64_t v = 0;
	if (!pl_is_blank(s) && pl_parse_int(s, 0, 1000, &v))
		v = 0; /* validate rejected anything else; blank means unanswered */
	return v;
}

/* The level the method scores for one answer, by its evidence rule. */
static int64_t scored_level(const struct pl_method *m, const struct pl_row *a)
{
	if (!pl_is_blank(a->f[PL_ANS_VERIF]))
		return level_of(a->f[PL_ANS_VERIF]);
	switch (m->evidence_rule) {
	case PL_EVIDENCE_VERIFIED_OR_CLAIMED:
		return level_of(a->f[PL_ANS_LEVEL]);
	case PL_EVIDENCE_VERIFIED_OR_EVIDENCED:
		return pl_is_blank(a->f[PL_ANS_BUKTI]) ? 0 : level_of(a->f[PL_ANS_LEVEL]);
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
	const struct pl_region *reg = pl_master_find(s->ctx->master, pl_get(h, PL_SUB_KODE));
	if (!m || !reg)
		abort();
	pl_grow((void **)&s->rec, &s->cap, s->n + 1, sizeof *s->rec);
	struct scored_rec *r = &s->rec[s->n];
	memset(r, 0, sizeof *r);
	r->seq = s->n++;
	r->m = m;
	r->year = (int)year;
	r->region = (size_t)(reg - s->ctx->master->r);
	r->kirim = kirim;
	r->innovation = strcmp(pl_get(h, PL_SUB_KIND), "inovasi") == 0;
	r->disp = r->innovation ? disposition(m, h) : PL_DISP_SCORED;
	for (size_t i = 0; i < NKEPT; i++)
		if (r->innovation || kept_fields[i] == PL_SUB_FILE ||
		    kept_fields[i] == PL_SUB_LINE || kept_fields[i] == PL_SUB_TGL_KIRIM)
			r->f[i] = pl_arena_strdup(&s->keep, pl_get(h, kept_fields[i]));
	r->ans = pl_arena_alloc(&s->keep, m->nind * sizeof *r->ans);
	for (size_t k = 0; k < m->nind; k++)
		r->ans[k] = (struct explain_answer){EXPLAIN_BLANK, EXPLAIN_BLANK, 0, 0};
	for (size_t i = 0; i < g->nans; i++) {
		const struct pl_row *a = &g->ans[i];
		int idx = pl_method_row(m, pl_get(a, PL_ANS_ROW));
		if (idx < 0)
			abort(); /* validate dropped unknown rows */
		int64_t w = m->ind[idx].weight;
		int64_t claimed = level_of(a->f[PL_ANS_LEVEL]);
		int64_t scored = scored_level(m, a);
		r->claimed += w * claimed;
		r->scored += w * scored;
		if (claimed > 0 && pl_is_blank(a->f[PL_ANS_BUKTI]) && pl_is_blank(a->f[PL_ANS_VERIF]))
			r->unevidenced++;
		struct explain_answer *e = &r->ans[idx];
		e->claimed = pl_is_blank(a->f[PL_ANS_LEVEL]) ? EXPLAIN_BLANK : (int8_t)claimed;
		e->verified = pl_is_blank(a->f[PL_ANS_VERIF]) ? EXPLAIN_BLANK
							       : (int8_t)level_of(a->f[PL_ANS_VERIF]);
		e->evidenced = !pl_is_blank(a->f[PL_ANS_BUKTI]);
		e->scored = (uint8_t)scored;
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
	const struct scored_rec *a = &sort_base[*(const size_t *)pa];
	const struct scored_rec *b = &sort_base[*(const size_t *)pb];
	if (a->innovation != b->innovation)
		return b->innovation - a->innovation;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->region != b->region)
		return a->region < b->region ? -1 : 1;
	if (a->innovation) {
		int c = strcmp(kept(a, PL_SUB_ID), kept(b, PL_SUB_ID));
		if (c)
			return c;
	}
	if (a->kirim != b->kirim)
		return a->kirim < b->kirim ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int same_key(const struct scored_rec *a, const struct scored_rec *b)
{
	return a->innovation == b->innovation && a->year == b->year && a->region == b->region &&
	       (!a->innovation || strcmp(kept(a, PL_SUB_ID), kept(b, PL_SUB_ID)) == 0);
}

static const char *reason(const struct score *s, const struct scored_rec *r, char *buf,
			  size_t n)
{
	int en = s->ctx->lang == PL_LANG_EN;
	char from[16] = "", to[16] = "";
	if (!r->disp) {
		const struct scored_rec *w = &s->rec[r->winner];
		snprintf(buf, n, en ? "superseded by %s:%s" : "digantikan oleh %s:%s",
			 kept(w, PL_SUB_FILE), kept(w, PL_SUB_LINE));
		return buf;
	}
	switch (r->disp) {
	case PL_DISP_DITOLAK:
		return en ? "rejected by verifiers: counts in the divisor with score 0"
			  : "ditolak verifikator: dihitung dalam pembagi dengan nilai 0";
	case PL_DISP_EXCLUDED:
		if (r->m->eligible_from)
			snprintf(from, sizeof from, "%04d-%02d-%02d", r->m->eligible_from / 10000,
				 r->m->eligible_from / 100 % 100, r->m->eligible_from % 100);
		if (r->m->eligible_to)
			snprintf(to, sizeof to, "%04d-%02d-%02d", r->m->eligible_to / 10000,
				 r->m->eligible_to / 100 % 100, r->m->eligible_to % 100);
		snprintf(buf, n,
			 en ? "tanggal_penerapan %s is outside the eligible window %s..%s"
			    : "tanggal_penerapan %s di luar jendela penilaian %s..%s",
			 kept(r, PL_SUB_TGL_TERAP), from, to);
		return buf;
	default:
		if (strcmp(kept(r, PL_SUB_STATUS), "menunggu") == 0)
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
	char buf[512], h1[PL_HUNDREDTHS_BUF], h2[PL_HUNDREDTHS_BUF], h3[PL_HUNDREDTHS_BUF];
	const struct pl_region *reg = &s->ctx->master->r[r->region];
	int counted = r->disp == PL_DISP_SCORED || r->disp == PL_DISP_DITOLAK;
	int64_t counted_points = r->disp == PL_DISP_SCORED ? r->scored : 0;
	if (!r->disp) {
		/* The reject repeats what the record said, like validate's do. */
		const struct scored_rec *w = &s->rec[r->winner];
		char *f[PL_SUB_NF] = {0}, year[16];
		for (size_t i = 0; i < NKEPT; i++)
			f[kept_fields[i]] = (char *)r->f[i];
		snprintf(year, sizeof year, "%d", r->year);
		f[PL_SUB_KIND] = r->innovation ? "inovasi" : "spd";
		f[PL_SUB_TAHUN] = year;
		f[PL_SUB_KODE] = reg->code;
		struct pl_row sub = {PL_KIND_SUB, f};
		snprintf(buf, sizeof buf, "%s:%s", kept(w, PL_SUB_FILE), kept(w, PL_SUB_LINE));
		if (pl_report(s->next, &s->scratch, s->ctx, STAGE, PL_REJ_SUPERSEDED,
			      kept(r, PL_SUB_FILE), kept(r, PL_SUB_LINE), &sub, "tanggal_kirim",
			      kept(r, PL_SUB_TGL_KIRIM), buf) < 0)
			return -1;
	}
	if (!r->innovation) {
		pl_group_start(g, PL_KIND_SPD);
		struct pl_row *o = &g->head;
		pl_set(g, o, PL_SPD_FILE, kept(r, PL_SUB_FILE));
		pl_set(g, o, PL_SPD_LINE, kept(r, PL_SUB_LINE));
		pl_setf(g, o, PL_SPD_YEAR, "%d", r->year);
		pl_set(g, o, PL_SPD_REGION, reg->code);
		pl_set(g, o, PL_SPD_TGL_KIRIM, kept(r, PL_SUB_TGL_KIRIM));
		pl_set(g, o, PL_SPD_DISPOSITION, r->disp ? "used" : "superseded");
		pl_set(g, o, PL_SPD_REASON, r->disp ? "" : reason(s, r, buf, sizeof buf));
		pl_set(g, o, PL_SPD_CLAIMED, pl_fmt_hundredths(h1, r->claimed));
		pl_set(g, o, PL_SPD_SCORED, pl_fmt_hundredths(h2, r->scored));
		return send(s, g);
	}
	pl_group_start(g, PL_KIND_INN);
	struct pl_row *o = &g->head;
	static const size_t map[][2] = {
		{PL_INN_FILE, PL_SUB_FILE}, {PL_INN_LINE, PL_SUB_LINE},
		{PL_INN_ID, PL_SUB_ID}, {PL_INN_NAMA, PL_SUB_NAMA},
		{PL_INN_OPD, PL_SUB_OPD}, {PL_INN_BENTUK, PL_SUB_BENTUK},
		{PL_INN_JENIS, PL_SUB_JENIS}, {PL_INN_INISIATOR, PL_SUB_INISIATOR},
		{PL_INN_URUSAN, PL_SUB_URUSAN}, {PL_INN_TAHAPAN, PL_SUB_TAHAPAN},
		{PL_INN_TGL_TERAP, PL_SUB_TGL_TERAP}, {PL_INN_TGL_KIRIM, PL_SUB_TGL_KIRIM},
		{PL_INN_STATUS, PL_SUB_STATUS},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		pl_set(g, o, map[i][0], kept(r, map[i][1]));
	pl_setf(g, o, PL_INN_YEAR, "%d", r->year);
	pl_set(g, o, PL_INN_REGION, reg->code);
	pl_set(g, o, PL_INN_DISPOSITION, disp_name(r->disp));
	pl_set(g, o, PL_INN_REASON, reason(s, r, buf, sizeof buf));
	pl_set(g, o, PL_INN_CLAIMED, pl_fmt_hundredths(h1, r->claimed));
	pl_set(g, o, PL_INN_SCORED, pl_fmt_hundredths(h2, r->scored));
	pl_set(g, o, PL_INN_COUNTED, counted ? pl_fmt_hundredths(h3, counted_points) : "");
	pl_setf(g, o, PL_INN_UNEVIDENCED, "%d", r->unevidenced);
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

/* Hands explain the answers behind the region's score. */
static int explain(struct score *s, const struct pl_method *m, const struct pl_region *reg,
		   const struct tally *t, const struct scored_rec *const *scored, size_t nscored,
		   int64_t d, int64_t j, int64_t iid)
{
	struct explain_record spd = {0};
	struct explain_record *inn = pl_xmalloc((nscored ? nscored : 1) * sizeof *inn);
	const struct explain_record **innp = pl_xmalloc((nscored ? nscored : 1) * sizeof *innp);
	if (t->spd_rec)
		spd = (struct explain_record){kept(t->spd_rec, PL_SUB_FILE),
					      kept(t->spd_rec, PL_SUB_LINE), "", t->spd_rec->ans};
	for (size_t i = 0; i < nscored; i++) {
		inn[i] = (struct explain_record){kept(scored[i], PL_SUB_FILE),
						 kept(scored[i], PL_SUB_LINE),
						 kept(scored[i], PL_SUB_ID), scored[i]->ans};
		innp[i] = &inn[i];
	}
	struct explain_input in = {m, reg, t->spd_rec ? &spd : NULL, innp, nscored,
				   t->spd, t->sum_s, j, d, iid,
				   count_of(t, m->divisor_counts), count_of(t, m->jumlah_counts)};
	int rc = explain_region(&in, s->next, &s->out);
	free(inn);
	free(innp);
	return rc;
}

static int send_region(struct score *s, const struct pl_method *m, const struct pl_region *reg,
		       const struct tally *t, const struct scored_rec *const *scored, size_t nscored)
{
	struct pl_group *g = &s->out;
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
	pl_setf(g, o, PL_REG_YEAR, "%d", m->year);
	pl_set(g, o, PL_REG_CODE, reg->code);
	pl_set(g, o, PL_REG_NAME, reg->name);
	pl_set(g, o, PL_REG_LEVEL, pl_level_name(reg->level));
	pl_set(g, o, PL_REG_PROVINCE, reg->province);
	pl_set(g, o, PL_REG_SPD, pl_fmt_hundredths(b, t->spd));
	pl_set(g, o, PL_REG_SID, pl_fmt_hundredths(b, (int64_t)pl_round_half_up(sid_num, (pl_u128)d)));
	pl_setf(g, o, PL_REG_SID_NUM, "%llu", (unsigned long long)sid_num);
	pl_setf(g, o, PL_REG_SID_DEN, "%lld", (long long)d);
	pl_set(g, o, PL_REG_JUMLAH, pl_fmt_hundredths(b, j));
	pl_setf(g, o, PL_REG_DIVISOR, "%lld", (long long)d);
	pl_setf(g, o, PL_REG_N_DIV, "%lld", (long long)n_div);
	pl_setf(g, o, PL_REG_N_COUNT, "%lld", (long long)n_count);
	pl_setf(g, o, PL_REG_N_DITOLAK, "%lld", (long long)t->n[PL_DISP_DITOLAK]);
	pl_setf(g, o, PL_REG_N_EXCLUDED, "%lld", (long long)t->n[PL_DISP_EXCLUDED]);
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
	if (send(s, g) < 0)
		return -1;
	return explain(s, m, reg, t, scored, nscored, d, j, iid);
}

static int gate_bit(const struct pl_method *m, const char *urusan)
{
	for (size_t i = 0; i < m->ngate && i < 64; i++)
		if (strcasecmp(m->gate_urusan[i], urusan) == 0)
			return (int)i;
	return -1;
}

/* Innovations of one region and year with the same name and agency under
 * different ids are probably one innovation sent twice with a new id: a
 * warning for the later ones, never a drop (the ids say they differ). */
struct near_key {
	size_t rec;
	char *key; /* year, region, folded name and agency */
};

static int cmp_near(const void *a, const void *b)
{
	const struct near_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->rec > y->rec) - (x->rec < y->rec);
}

static int warn_near_duplicates(struct score *s)
{
	struct near_key *k = pl_xmalloc((s->n ? s->n : 1) * sizeof *k);
	size_t n = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct scored_rec *r = &s->rec[i];
		if (!r->innovation || !r->disp)
			continue;
		char *name = pl_vocab_fold(kept(r, PL_SUB_NAMA));
		char *opd = pl_vocab_fold(kept(r, PL_SUB_OPD));
		struct pl_buf b = {0};
		pl_buf_printf(&b, "%d\t%zu\t%s\t%s", r->year, r->region, name, opd);
		free(name);
		free(opd);
		k[n].rec = i;
		k[n++].key = b.p;
	}
	pl_sort(k, n, sizeof *k, cmp_near);
	int rc = 0;
	for (size_t i = 1; i < n && rc == 0; i++) {
		if (strcmp(k[i].key, k[i - 1].key) != 0)
			continue;
		size_t first = i - 1;
		while (first > 0 && strcmp(k[first - 1].key, k[i].key) == 0)
			first--;
		const struct scored_rec *a = &s->rec[k[first].rec], *r = &s->rec[k[i].rec];
		char detail[512];
		snprintf(detail, sizeof detail, "%s (%s:%s)", kept(a, PL_SUB_ID), kept(a, PL_SUB_FILE),
			 kept(a, PL_SUB_LINE));
		rc = pl_report(s->next, &s->scratch, s->ctx, STAGE, PL_REJ_NEAR_DUPLICATE,
			       kept(r, PL_SUB_FILE), kept(r, PL_SUB_LINE), NULL, "id_inovasi",
			       kept(r, PL_SUB_ID), detail);
	}
	for (size_t i = 0; i < n; i++)
		free(k[i].key);
	free(k);
	return rc;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int score_finish(void *self)
{
	struct score *s = self;
	size_t *order = pl_xmalloc((s->n ? s->n : 1) * sizeof *order);
	for (size_t i = 0; i < s->n; i++)
		order[i] = i;
	sort_base = s->rec;
	pl_sort(order, s->n, sizeof *order, cmp_key);
	/* The last of each run of equal keys wins; mark the others. */
	for (size_t i = 0; i + 1 < s->n; i++) {
		size_t end = i;
		while (end + 1 < s->n && same_key(&s->rec[order[i]], &s->rec[order[end + 1]]))
			end++;
		for (size_t k = i; k < end; k++) {
			s->rec[order[k]].disp = 0;
			s->rec[order[k]].winner = order[end];
		}
		i = end;
	}
	int rc = 0;
	for (size_t i = 0; i < s->n && rc == 0; i++)
		rc = send_record(s, &s->rec[order[i]]);
	free(order);
	if (rc == 0)
		rc = warn_near_duplicates(s);
	for (size_t i = 0; i < s->n; i++) {
		const char *file = kept(&s->rec[i], PL_SUB_FILE);
		pl_tally_count(&s->tally, file, PL_TALLY_IN);
		pl_tally_count(&s->tally, file, s->rec[i].disp ? PL_TALLY_OUT : PL_TALLY_SUPERSEDED);
	}
	if (rc == 0)
		rc = pl_tally_send(&s->tally, STAGE, s->next, &s->scratch);
	pl_sort(s->years, s->nyears, sizeof *s->years, cmp_int);
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
			int bit = (r->disp & m->jumlah_counts) ? gate_bit(m, kept(r, PL_SUB_URUSAN)) : -1;
			if (bit >= 0)
				rt->urusan |= (uint64_t)1 << bit;
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
			rc = send_region(s, m, &s->ctx->master->r[k], &t[k], scored + start[k],
					 start[k + 1] - start[k]);
		free(start);
		free(fill);
		free(scored);
	}
	free(t);
	return rc;
}

static void score_destroy(void *self)
{
	struct score *s = self;
	pl_arena_free(&s->keep);
	pl_group_free(&s->out);
	pl_group_free(&s->scratch);
	pl_tally_free(&s->tally);
	free(s->rec);
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
