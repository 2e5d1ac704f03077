#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "pl_exact.h"

enum { MAX_STEPS = 25 };

/* The level an answer would score with evidence attached. */
static int evidenced_level(const struct pl_method *m, const struct explain_answer *a)
{
	if (a->verified != EXPLAIN_BLANK)
		return a->scored; /* verifiers decided: evidence changes nothing */
	int claimed = a->claimed == EXPLAIN_BLANK ? 0 : a->claimed;
	return m->evidence_rule == PL_EVIDENCE_VERIFIED_ONLY ? a->scored : claimed;
}

static int send_variables(const struct explain_input *in, struct pl_sink next,
			  struct pl_group *g)
{
	const struct pl_method *m = in->m;
	char b[PL_HUNDREDTHS_BUF], mb[PL_HUNDREDTHS_BUF];
	/* Variables in the order the method lists them, each once. */
	for (size_t i = 0; i < m->nind; i++) {
		int first = 1;
		for (size_t k = 0; k < i && first; k++)
			if (m->ind[k].aspect == m->ind[i].aspect &&
			    strcmp(m->ind[k].variable, m->ind[i].variable) == 0)
				first = 0;
		if (!first)
			continue;
		int64_t points = 0, max = 0;
		for (size_t k = i; k < m->nind; k++) {
			const struct pl_indicator *ind = &m->ind[k];
			if (ind->aspect != m->ind[i].aspect || strcmp(ind->variable, m->ind[i].variable))
				continue;
			max += ind->weight * m->max_level;
			if (ind->aspect == PL_ASPECT_SPD) {
				if (in->spd)
					points += ind->weight * in->spd->ans[k].scored;
			} else {
				for (size_t j = 0; j < in->ninn; j++)
					points += ind->weight * in->inn[j]->ans[k].scored;
			}
		}
		int64_t shown = m->ind[i].aspect == PL_ASPECT_SPD
					? points
					: (int64_t)pl_round_half_up((pl_u128)points, (pl_u128)in->d);
		pl_group_start(g, PL_KIND_EXP);
		pl_set_int(g, &g->head, PL_EXP_YEAR, m->year);
		pl_set(g, &g->head, PL_EXP_REGION, in->region->code);
		pl_set(g, &g->head, PL_EXP_ASPECT, m->ind[i].aspect == PL_ASPECT_SPD ? "spd" : "sid");
		pl_set(g, &g->head, PL_EXP_VARIABLE, m->ind[i].variable);
		pl_set(g, &g->head, PL_EXP_POINTS, pl_fmt_hundredths(b, shown));
		pl_set(g, &g->head, PL_EXP_MAX, pl_fmt_hundredths(mb, max));
		if (next.put(next.self, g) < 0)
			return -1;
	}
	pl_group_start(g, PL_KIND_EXP);
	pl_set_int(g, &g->head, PL_EXP_YEAR, m->year);
	pl_set(g, &g->head, PL_EXP_REGION, in->region->code);
	pl_set(g, &g->head, PL_EXP_ASPECT, "sid");
	pl_set(g, &g->head, PL_EXP_VARIABLE, "Jumlah Inovasi");
	pl_set(g, &g->head, PL_EXP_POINTS, pl_fmt_hundredths(b, in->j_h));
	pl_set(g, &g->head, PL_EXP_MAX, pl_fmt_hundredths(mb, m->jumlah_per * m->jumlah_cap));
	return next.put(next.self, g);
}

enum change_kind { CHANGE_EVIDENCE, CHANGE_ANSWER, CHANGE_INNOVATION };

struct change {
	const struct explain_record *rec; /* NULL for a new innovation */
	int spd;      /* a row of the SPD record (worth x D in X) */
	enum change_kind answer;
	size_t row;
	int from, to;
	pl_u128 dx;   /* what it adds to X = SPD*D + sum S + J*D (hundredths) */
	size_t order; /* input order, for stable ties */
};

static int cmp_change(const void *pa, const void *pb)
{
	const struct change *a = pa, *b = pb;
	if (a->answer != b->answer)
		return (int)a->answer - (int)b->answer;
	if (a->dx != b->dx)
		return a->dx > b->dx ? -1 : 1;
	return (a->order > b->order) - (a->order < b->order);
}

/* The MAX_STEPS best changes so far, best first: only those can become
 * steps, so the rest are never kept or sorted. cmp_change is a total order
 * (input order breaks ties), so these are exactly the first MAX_STEPS of
 * the whole list sorted. */
struct best {
	struct change v[MAX_STEPS];
	size_t n;
	size_t seen; /* changes offered: the next one's input order */
};

static void offer(struct best *b, struct change c)
{
	c.order = b->seen++;
	if (b->n == MAX_STEPS && cmp_change(&c, &b->v[MAX_STEPS - 1]) >= 0)
		return;
	size_t i = b->n < MAX_STEPS ? b->n++ : MAX_STEPS - 1;
	for (; i > 0 && cmp_change(&c, &b->v[i - 1]) < 0; i--)
		b->v[i] = b->v[i - 1];
	b->v[i] = c;
}

static void consider(struct best *b, const struct explain_input *in,
		     const struct explain_record *rec, int spd)
{
	const struct pl_method *m = in->m;
	enum pl_aspect aspect = spd ? PL_ASPECT_SPD : PL_ASPECT_SID;
	for (size_t k = 0; k < m->nind; k++) {
		const struct explain_answer *a = &rec->ans[k];
		if (m->ind[k].aspect != aspect || a->verified != EXPLAIN_BLANK)
			continue;
		struct change c = {rec, spd, CHANGE_EVIDENCE, k, a->scored, 0, 0, 0};
		int with = evidenced_level(m, a);
		if (with > a->scored) {
			c.to = with;
		} else if ((a->claimed == EXPLAIN_BLANK || a->claimed == 0) && a->scored == 0) {
			c.answer = CHANGE_ANSWER;
			c.to = 1;
		} else {
			continue;
		}
		c.dx = (pl_u128)(m->ind[k].weight * (c.to - c.from)) * (spd ? (pl_u128)in->d : 1);
		offer(b, c);
	}
}

int explain_region(const struct explain_input *in, struct pl_sink next, struct pl_group *g)
{
	const struct pl_method *m = in->m;
	if (send_variables(in, next, g) < 0)
		return -1;
	/* The next bound above the rounded IID, if any. */
	const struct pl_predicate *goal = NULL;
	for (size_t i = 0; i + 1 < m->npred; i++)
		if (m->pred[i].from > in->iid_h)
			goal = &m->pred[i];
	if (!goal || (!in->spd && in->ninn == 0))
		return 0;
	pl_u128 d = (pl_u128)in->d, mt = (pl_u128)m->max_total;
	pl_u128 x = (pl_u128)in->spd_h * d + (pl_u128)in->sum_s_h + (pl_u128)in->j_h * d;
	/* Rounded half up, IID reaches the bound when
	 * 20000 X >= (2 bound - 1) D max_total. */
	pl_u128 want = (pl_u128)(2 * goal->from - 1) * d * mt;
	struct best best = {0};
	if (in->spd)
		consider(&best, in, in->spd, 1);
	for (size_t j = 0; j < in->ninn; j++)
		consider(&best, in, in->inn[j], 0);
	/* Under the divisor floor a new innovation adds its points without
	 * raising D: at the region's average maturity, and 0.38 (J) more
	 * while J counts. */
	int j_open = !m->gate_min || in->j_h > 0;
	for (int64_t k = in->n_div; in->ninn && k < m->divisor_floor; k++) {
		int64_t avg = (int64_t)pl_round_half_up((pl_u128)in->sum_s_h, (pl_u128)in->ninn);
		int64_t dj = j_open && in->n_count + (k - in->n_div) < m->jumlah_cap ? m->jumlah_per : 0;
		struct change c = {NULL, 0, CHANGE_INNOVATION, 0, 0, 0,
				   (pl_u128)avg + (pl_u128)dj * d, 0};
		offer(&best, c);
	}
	const struct change *v = best.v;
	size_t n = best.n;
	char b1[PL_HUNDREDTHS_BUF], b2[PL_HUNDREDTHS_BUF], b3[PL_HUNDREDTHS_BUF];
	int rc = 0;
	pl_u128 cum = 0;
	for (size_t s = 0; s < n && s < MAX_STEPS && 20000 * (x + cum) < want && rc == 0; s++) {
		const struct change *c = &v[s];
		cum += c->dx;
		int64_t after = (int64_t)pl_round_half_up((x + cum) * 10000, d * mt);
		int64_t gain = (int64_t)pl_round_half_up(c->dx * 10000, d * mt);
		pl_group_start(g, PL_KIND_SUG);
		struct pl_row *o = &g->head;
		pl_set_int(g, o, PL_SUG_YEAR, m->year);
		pl_set(g, o, PL_SUG_REGION, in->region->code);
		pl_set(g, o, PL_SUG_NEXT, goal->name);
		pl_set(g, o, PL_SUG_GAP, pl_fmt_hundredths(b1, goal->from - in->iid_h));
		pl_set_int(g, o, PL_SUG_STEP, (long long)(s + 1));
		static const char *const names[] = {"evidence", "answer", "innovation"};
		pl_set(g, o, PL_SUG_CHANGE, names[c->answer]);
		if (c->rec) {
			pl_set(g, o, PL_SUG_FILE, c->rec->file);
			pl_set(g, o, PL_SUG_LINE, c->rec->line);
			pl_set(g, o, PL_SUG_ID, c->spd ? "" : c->rec->id);
			pl_set(g, o, PL_SUG_ROW, m->ind[c->row].row);
			pl_set_int(g, o, PL_SUG_FROM, c->from);
			pl_set_int(g, o, PL_SUG_TO, c->to);
		} else {
			for (size_t f = PL_SUG_FILE; f <= PL_SUG_TO; f++)
				pl_set(g, o, f, "");
		}
		pl_set(g, o, PL_SUG_GAIN, pl_fmt_hundredths(b2, gain));
		pl_set(g, o, PL_SUG_IID_AFTER, pl_fmt_hundredths(b3, after));
		pl_set(g, o, PL_SUG_PRED_AFTER, pl_method_predicate(m, after));
		rc = next.put(next.self, g);
	}
	return rc;
}
