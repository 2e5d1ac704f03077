#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "emit_internal.h"
#include "pl_csvwrite.h"
#include "pl_exit.h"
#include "pl_json.h"
#include "pl_job.h"
#include "pl_parse.h"
#include "pl_testhook.h"

const char *const stages[] = {"ingest", "normalize", "validate", "score"};

static long line_of(const char *s)
{
	int64_t v = 0;
	if (s && pl_parse_int(s, 0, INT64_MAX, &v))
		v = 0;
	return (long)v;
}

/* The number of s as interned field k of a row: rows come region by
 * region, so the year, region and disposition mostly repeat the previous
 * row's, which one comparison finds without hashing. The file and agency
 * change from row to row (rows come in id order) and are looked up. */
static uint32_t intern(struct emit *e, int k, const char *s)
{
	if (e->last_set & (1u << k) && strcmp(emit_name(e, e->last_name[k]), s ? s : "") == 0)
		return e->last_name[k];
	e->last_set |= 1u << k;
	return e->last_name[k] = pl_intern_add(&e->names, s);
}

/* The fields of an innovations.csv row that its inn_ref does not hold:
 * only these go to the spill. The year, region, file, agency and
 * disposition are interned and the id is kept for sorting, so spilling
 * them too would write about a third more. */
static const unsigned char spilled[] = {
	PL_INN_LINE, PL_INN_NAMA, PL_INN_BENTUK, PL_INN_JENIS, PL_INN_INISIATOR,
	PL_INN_URUSAN, PL_INN_TAHAPAN, PL_INN_TGL_TERAP, PL_INN_TGL_KIRIM,
	PL_INN_STATUS, PL_INN_REASON, PL_INN_CLAIMED, PL_INN_SCORED,
	PL_INN_COUNTED, PL_INN_UNEVIDENCED,
};
enum { NSPILLED = sizeof spilled / sizeof spilled[0], NHELD = 6 };
/* A field added to innovations.csv must be spilled or held. */
_Static_assert(NSPILLED + NHELD == PL_INN_NF, "every innovations.csv field spilled or held");

/* Holds an innovations.csv row (fields f, PL_INN_NF of them) until the
 * end: its key in memory, its other fields in the spill. */
static int hold_innovation(struct emit *e, const char *const *f, size_t seq)
{
	if (pl_stage_spill_open(e->ctx, &e->spill, &e->spill_open) < 0)
		return -1;
	struct inn_list *l = &e->inn;
	pl_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v);
	struct inn_ref *r = &l->v[l->n];
	const char *texts[NSPILLED];
	for (size_t k = 0; k < NSPILLED; k++)
		texts[k] = f[spilled[k]];
	if (pl_spill_add(&e->spill, texts, NSPILLED, NULL, 0, &r->spill) < 0)
		return pl_stage_spill_failed(e->ctx, &e->spill);
	if (l->n >= UINT32_MAX)
		abort(); /* four billion rows: not one run's output */
	l->n++;
	r->id = pl_arena_strdup(&e->keep, f[PL_INN_ID] ? f[PL_INN_ID] : "");
	r->line = line_of(f[PL_INN_LINE]);
	r->seq = seq;
	r->year = intern(e, 0, f[PL_INN_YEAR]);
	r->region = intern(e, 1, f[PL_INN_REGION]);
	r->file = intern(e, 2, f[PL_INN_FILE]);
	r->opd = intern(e, 3, f[PL_INN_OPD]);
	r->disp = intern(e, 4, f[PL_INN_DISPOSITION]);
	return 0;
}

int emit_inn_fields(struct out *o, const struct inn_ref *r, const char *const **f)
{
	struct pl_spill *sp = o->spill ? o->spill : &o->e->spill;
	const char *const *texts;
	if (pl_spill_read(sp, r->spill, NSPILLED, &texts, NULL, NULL) < 0) {
		if (!o->failed)
			pl_buf_adds(&o->err, pl_buf_str(&sp->err));
		o->failed = 1;
		return -1;
	}
	for (size_t k = 0; k < NSPILLED; k++)
		o->row[spilled[k]] = texts[k];
	const struct emit *e = o->e;
	o->row[PL_INN_FILE] = emit_name(e, r->file);
	o->row[PL_INN_YEAR] = emit_name(e, r->year);
	o->row[PL_INN_REGION] = emit_name(e, r->region);
	o->row[PL_INN_ID] = r->id;
	o->row[PL_INN_OPD] = emit_name(e, r->opd);
	o->row[PL_INN_DISPOSITION] = emit_name(e, r->disp);
	*f = o->row;
	return 0;
}

static int emit_put(void *self, struct pl_group *g)
{
	struct emit *e = self;
	enum pl_kind k = g->head.kind;
	if (e->seq == 0)
		pl_testhook("mid-stream");
	if (k == PL_KIND_SUB) {
		/* A submission that reached emit was never scored: a wiring bug. */
		pl_buf_reset(&e->ctx->err);
		pl_buf_printf(&e->ctx->err, "internal: unscored submission %s:%s reached emit",
			      pl_get(&g->head, PL_SUB_FILE), pl_get(&g->head, PL_SUB_LINE));
		e->ctx->exit_code = PL_EXIT_SOFTWARE;
		return -1;
	}
	if (k == PL_KIND_INN) {
		const char *f[PL_INN_NF];
		for (size_t i = 0; i < PL_INN_NF; i++)
			f[i] = pl_get(&g->head, i);
		return hold_innovation(e, f, e->seq++);
	}
	size_t nf = pl_schema_of(k)->nf;
	struct held_list *l = &e->kind[k];
	pl_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v);
	struct held *h = &l->v[l->n++];
	h->f = pl_arena_alloc(&e->keep, nf * sizeof *h->f);
	for (size_t i = 0; i < nf; i++)
		h->f[i] = pl_arena_strdup(&e->keep, pl_get(&g->head, i));
	h->seq = e->seq++;
	/* file and line are the first two columns of every kind that has them */
	h->line = (k == PL_KIND_SRC || k == PL_KIND_REG) ? 0 : line_of(h->f[1]);
	return 0;
}

static int cmp_file_line(const void *pa, const void *pb)
{
	const struct held *a = pa, *b = pb;
	int c = strcmp(a->f[0], b->f[0]);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

struct account *account_of(struct emit *e, const char *file)
{
	size_t lo = 0, hi = e->nacc;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(e->acc[mid].file, file);
		if (c == 0)
			return &e->acc[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int fail(struct emit *e, int code, const char *what, const char *detail)
{
	pl_buf_reset(&e->ctx->err);
	pl_buf_printf(&e->ctx->err, "%s%s", what, detail ? detail : "");
	e->ctx->exit_code = code;
	return -1;
}

/* The flow check: every stage's counts of a file balance, each stage got
 * exactly what the one before sent on, and its rejects are the ones it
 * reported. ingest counts through its src record and its rejects. */
static int check_stages(struct emit *e)
{
	struct held_list *acct = &e->kind[PL_KIND_ACCT];
	for (size_t i = 0; i < acct->n; i++) {
		char **f = acct->v[i].f;
		struct account *a = account_of(e, f[PL_ACCT_FILE]);
		int st = -1;
		for (int k = 1; k < NSTAGES; k++)
			if (strcmp(f[PL_ACCT_STAGE], stages[k]) == 0)
				st = k;
		if (!a || st < 0)
			return fail(e, PL_EXIT_SOFTWARE, "internal: counts of an unknown file or stage: ",
				    f[PL_ACCT_FILE]);
		a->flow[st][0] += line_of(f[PL_ACCT_IN]);
		a->flow[st][1] += line_of(f[PL_ACCT_OUT]);
		a->flow[st][2] += line_of(f[PL_ACCT_REJECTED]);
		a->flow[st][3] += line_of(f[PL_ACCT_SUPERSEDED]);
	}
	for (size_t i = 0; i < e->nacc; i++) {
		struct account *a = &e->acc[i];
		long sent = a->read - a->rejected_by[0]; /* what ingest sent on */
		for (int st = 1; st < NSTAGES; st++) {
			const long *c = a->flow[st];
			char detail[600];
			const char *what = NULL;
			if (c[0] != sent)
				what = "a stage did not receive what the stage before sent on";
			else if (c[0] != c[1] + c[2] + c[3])
				what = "a stage's counts do not balance";
			else if (c[2] != a->rejected_by[st])
				what = "a stage's reject count differs from its rejects";
			if (what) {
				snprintf(detail, sizeof detail,
					 "%s: stage %s, file %s: received %ld (sent on before: %ld), "
					 "out %ld, rejected %ld (rejects listed: %ld), superseded %ld",
					 what, stages[st], a->file, c[0], sent, c[1], c[2],
					 a->rejected_by[st], c[3]);
				return fail(e, PL_EXIT_SOFTWARE, "accounting does not balance: ", detail);
			}
			sent = c[1];
		}
	}
	return 0;
}

/* Marks a file number whose account was not looked up yet. */
static struct account not_looked_up;

struct account *inn_account(struct emit *e, const struct inn_ref *r)
{
	if (r->file >= e->nacc_of) {
		size_t n = e->names.n;
		e->acc_of = pl_xrealloc(e->acc_of, n * sizeof *e->acc_of);
		for (size_t i = e->nacc_of; i < n; i++)
			e->acc_of[i] = &not_looked_up;
		e->nacc_of = n;
	}
	if (e->acc_of[r->file] == &not_looked_up)
		e->acc_of[r->file] = account_of(e, emit_name(e, r->file));
	return e->acc_of[r->file];
}

/* Counts a record that score passed on (used or superseded) against its
 * file's account a (NULL: a file ingest never reported). */
static int count_used(struct emit *e, struct account *a, const char *file, int superseded)
{
	if (!a)
		return fail(e, PL_EXIT_SOFTWARE, "internal: record of an unknown file: ", file);
	if (superseded)
		a->superseded++;
	else
		a->used++;
	return 0;
}

/* Counts every record against its file and checks the equation. */
static int account(struct emit *e)
{
	struct held_list *src = &e->kind[PL_KIND_SRC];
	pl_sort(src->v, src->n, sizeof *src->v, cmp_file_line);
	e->acc = pl_xcalloc(src->n ? src->n : 1, sizeof *e->acc);
	e->nacc = src->n;
	for (size_t i = 0; i < src->n; i++) {
		e->acc[i].file = src->v[i].f[PL_SRC_FILE];
		e->acc[i].src = &src->v[i];
		e->acc[i].read = line_of(src->v[i].f[PL_SRC_RECORDS]);
	}
	/* A million rows: their dispositions compared by number. */
	int64_t superseded = pl_intern_find(&e->names, "superseded");
	for (size_t i = 0; i < e->inn.n; i++) {
		const struct inn_ref *r = &e->inn.v[i];
		struct account *a = inn_account(e, r);
		if (count_used(e, a, a ? NULL : emit_name(e, r->file), r->disp == superseded) < 0)
			return -1;
	}
	const struct held_list *spd = &e->kind[PL_KIND_SPD];
	for (size_t i = 0; i < spd->n; i++)
		if (count_used(e, account_of(e, spd->v[i].f[PL_SPD_FILE]), spd->v[i].f[PL_SPD_FILE],
			       strcmp(spd->v[i].f[PL_SPD_DISPOSITION], "superseded") == 0) < 0)
			return -1;
	/* A record can have several rejects: count distinct lines. */
	struct held_list *rej = &e->kind[PL_KIND_REJ];
	pl_sort(rej->v, rej->n, sizeof *rej->v, cmp_file_line);
	const struct held *prev = NULL;
	for (size_t i = 0; i < rej->n; i++) {
		const struct held *h = &rej->v[i];
		int code = pl_reject_from_name(h->f[PL_REJ_CODE]);
		if (code < 0 || pl_reject_scope(code) != PL_SCOPE_RECORD || code == PL_REJ_SUPERSEDED)
			continue;
		if (prev && prev->line == h->line && strcmp(prev->f[0], h->f[0]) == 0)
			continue;
		prev = h;
		struct account *a = account_of(e, h->f[0]);
		if (!a)
			return fail(e, PL_EXIT_SOFTWARE, "internal: reject of an unknown file: ", h->f[0]);
		a->rejected++;
		for (int st = 0; st < NSTAGES; st++)
			if (strcmp(h->f[PL_REJ_STAGE], stages[st]) == 0)
				a->rejected_by[st]++;
	}
	struct held_list *warn = &e->kind[PL_KIND_WARN];
	for (size_t i = 0; i < warn->n; i++) {
		struct account *a = account_of(e, warn->v[i].f[0]);
		if (a)
			a->warnings++;
	}
	if (check_stages(e) < 0)
		return -1;
	for (size_t i = 0; i < e->nacc; i++) {
		struct account *a = &e->acc[i];
		if (a->read != a->used + a->rejected + a->superseded) {
			char detail[512];
			snprintf(detail, sizeof detail,
				 "%s: read %ld, used %ld, rejected %ld, superseded %ld", a->file,
				 a->read, a->used, a->rejected, a->superseded);
			return fail(e, PL_EXIT_SOFTWARE, "accounting does not balance for ", detail);
		}
	}
	return 0;
}

/* A published CSV: which records, which of their fields, in what order;
 * numeric columns are never neutralized (numbers stay numbers). */
struct column {
	size_t field;
	int numeric;
};

struct table {
	const char *name;
	enum pl_kind kind;
	const struct column *cols;
	size_t ncols;
};

#define TABLE(name, kind, cols) {name, kind, cols, sizeof cols / sizeof cols[0]}

static const struct column region_cols[] = {
	{PL_REG_YEAR, 1}, {PL_REG_CODE, 1}, {PL_REG_NAME, 0}, {PL_REG_LEVEL, 0},
	{PL_REG_PROVINCE, 1}, {PL_REG_SPD, 1}, {PL_REG_SID, 1}, {PL_REG_JUMLAH, 1},
	{PL_REG_DIVISOR, 1}, {PL_REG_N_DIV, 1}, {PL_REG_N_COUNT, 1}, {PL_REG_N_DITOLAK, 1},
	{PL_REG_N_EXCLUDED, 1}, {PL_REG_AVG, 1}, {PL_REG_AVG_PCT, 1}, {PL_REG_IID, 1},
	{PL_REG_PREDICATE, 0}, {PL_REG_RANK_NATIONAL, 1}, {PL_REG_RANK_PROVINCE, 1},
};

static const struct column innovation_cols[] = {
	{PL_INN_YEAR, 0}, {PL_INN_REGION, 0}, {PL_INN_ID, 0}, {PL_INN_NAMA, 0},
	{PL_INN_OPD, 0}, {PL_INN_BENTUK, 0}, {PL_INN_JENIS, 0}, {PL_INN_INISIATOR, 0},
	{PL_INN_URUSAN, 0}, {PL_INN_TAHAPAN, 0}, {PL_INN_TGL_TERAP, 0}, {PL_INN_TGL_KIRIM, 0},
	{PL_INN_STATUS, 0}, {PL_INN_DISPOSITION, 0}, {PL_INN_REASON, 0}, {PL_INN_CLAIMED, 1},
	{PL_INN_SCORED, 1}, {PL_INN_COUNTED, 1}, {PL_INN_UNEVIDENCED, 1}, {PL_INN_FILE, 0},
	{PL_INN_LINE, 1},
};

static const struct column reject_cols[] = {
	{PL_REJ_FILE, 0}, {PL_REJ_LINE, 1}, {PL_REJ_FIELD, 0},
	{PL_REJ_VALUE, 0}, {PL_REJ_CODE, 0}, {PL_REJ_MESSAGE, 0},
};

static const struct column explain_cols[] = {
	{PL_EXP_YEAR, 1}, {PL_EXP_REGION, 1}, {PL_EXP_ASPECT, 0},
	{PL_EXP_VARIABLE, 0}, {PL_EXP_POINTS, 1}, {PL_EXP_MAX, 1},
};

static const struct column suggestion_cols[] = {
	{PL_SUG_YEAR, 1}, {PL_SUG_REGION, 1}, {PL_SUG_NEXT, 0}, {PL_SUG_GAP, 1},
	{PL_SUG_STEP, 1}, {PL_SUG_CHANGE, 0}, {PL_SUG_FILE, 0}, {PL_SUG_LINE, 1},
	{PL_SUG_ID, 0}, {PL_SUG_ROW, 0}, {PL_SUG_FROM, 1}, {PL_SUG_TO, 1},
	{PL_SUG_GAIN, 1}, {PL_SUG_IID_AFTER, 1}, {PL_SUG_PRED_AFTER, 0},
};

static const struct column cluster_cols[] = {
	{PL_CLU_YEAR, 1}, {PL_CLU_CLUSTER, 0}, {PL_CLU_LEVEL, 0},
	{PL_CLU_REGION, 1}, {PL_CLU_IID, 1}, {PL_CLU_RANK, 1},
};

static const struct table tables[] = {
	TABLE("regions.csv", PL_KIND_REG, region_cols),
	TABLE("innovations.csv", PL_KIND_INN, innovation_cols),
	TABLE("rejects.csv", PL_KIND_REJ, reject_cols),
	TABLE("warnings.csv", PL_KIND_WARN, reject_cols),
	TABLE("explain.csv", PL_KIND_EXP, explain_cols),
	TABLE("suggestions.csv", PL_KIND_SUG, suggestion_cols),
	TABLE("clusters.csv", PL_KIND_CLU, cluster_cols),
};

FILE *emit_open(struct out *o, const char *name)
{
	if (o->failed)
		return NULL;
	FILE *fp = pl_outdir_create(&o->dir, name, &o->err);
	if (!fp)
		o->failed = 1;
	return fp;
}
/* The warehouse feed: a data CSV also gzip-compressed, when asked. The
 * .excel.csv copies are for people: the warehouse reads the canonical CSV. */
static void gzip_copy(struct out *o, const char *name)
{
	size_t len = strlen(name);
	int level = o->e->opts.gzip_level;
	if (level > 0 && len > 4 && strcmp(name + len - 4, ".csv") == 0 &&
	    !(len > 10 && strcmp(name + len - 10, ".excel.csv") == 0) &&
	    pl_outdir_gzip(&o->dir, name, level, &o->err) < 0)
		o->failed = 1;
}

void emit_close(struct out *o, FILE *fp, const char *name, int write_failed)
{
	if (!fp)
		return;
	if (pl_outdir_close(&o->dir, fp, name, &o->err) < 0 || write_failed) {
		if (!o->failed && write_failed && !o->err.len)
			pl_buf_printf(&o->err, "cannot write '%s'", name);
		o->failed = 1;
		return;
	}
	gzip_copy(o, name);
}

/* Writes one table from the records held, in their current order, with
 * its copies (emit_csv.c). */
static void write_table(struct out *o, const struct table *t)
{
	const struct pl_schema *sc = pl_schema_of(t->kind);
	const char **names = pl_xmalloc(t->ncols * sizeof *names);
	for (size_t c = 0; c < t->ncols; c++)
		names[c] = sc->names[t->cols[c].field];
	struct emit_csv csv;
	int rc = emit_csv_open(&csv, o, t->name, names, t->ncols);
	free(names);
	if (rc < 0)
		return;
	const struct emit *e = o->e;
	const struct held_list *l = &e->kind[t->kind];
	int inn = t->kind == PL_KIND_INN;
	size_t n = inn ? e->inn.n : l->n;
	for (size_t i = 0; i < n; i++) {
		const char *const *f;
		if (!inn)
			f = (const char *const *)l->v[i].f;
		else if (emit_inn_fields(o, &e->inn.v[i], &f) < 0)
			break;
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = f[t->cols[c].field];
			if (t->cols[c].numeric)
				emit_csv_num(&csv, v);
			else
				emit_csv_text(&csv, v);
		}
		emit_csv_end(&csv);
	}
	emit_csv_close(&csv);
}

/* innovations.csv's order: year, region, id, file, line (as numbers),
 * then arrival. */
static int cmp_name(const struct emit *e, uint32_t a, uint32_t b)
{
	return a == b ? 0 : strcmp(emit_name(e, a), emit_name(e, b));
}

static int cmp_inn(const struct emit *e, const struct inn_ref *a, const struct inn_ref *b)
{
	int c = cmp_name(e, a->year, b->year);
	if (!c)
		c = cmp_name(e, a->region, b->region);
	if (!c)
		c = strcmp(a->id, b->id);
	if (!c)
		c = cmp_name(e, a->file, b->file);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

static const struct emit *inn_base; /* for qsort, which has no context */

static int cmp_innovation(const void *pa, const void *pb)
{
	return cmp_inn(inn_base, &inn_base->inn.v[*(const uint32_t *)pa],
		       &inn_base->inn.v[*(const uint32_t *)pb]);
}

static int cmp_inn_ref(const void *pa, const void *pb)
{
	return cmp_inn(inn_base, pa, pb);
}

/* Sorts the rows into innovations.csv's order. qsort would copy the
 * whole array aside; sorting their numbers and then moving each row once,
 * cycle by cycle, needs 8 bytes per row instead of 48. */
static void sort_all_innovations(struct emit *e)
{
	size_t n = e->inn.n;
	uint32_t *order = pl_xmalloc((n ? n : 1) * sizeof *order);
	for (size_t i = 0; i < n; i++)
		order[i] = (uint32_t)i;
	inn_base = e;
	pl_sort(order, n, sizeof *order, cmp_innovation);
	struct inn_ref *v = e->inn.v;
	for (size_t i = 0; i < n; i++) {
		if (order[i] == i)
			continue;
		struct inn_ref first = v[i];
		size_t j = i;
		while (order[j] != i) {
			size_t from = order[j];
			v[j] = v[from];
			order[j] = (uint32_t)j;
			j = from;
		}
		v[j] = first;
		order[j] = (uint32_t)j;
	}
	free(order);
}

/* The rows in innovations.csv's order. score sends its rows in that
 * order, so the rows up to the first invalid one emit added
 * (add_invalid_innovations) are sorted already: only the rest are
 * sorted, and merged in from the back, which needs room for them alone.
 * When the rest are many (a stream in another order), all are sorted,
 * which needs less. */
static void sort_innovations(struct emit *e)
{
	struct inn_list *l = &e->inn;
	size_t m = l->n ? 1 : 0;
	while (m < l->n && cmp_inn(e, &l->v[m - 1], &l->v[m]) <= 0)
		m++;
	size_t k = l->n - m;
	if (k == 0)
		return;
	if (k > l->n / 16) {
		sort_all_innovations(e);
		return;
	}
	struct inn_ref *tail = pl_xmalloc(k * sizeof *tail);
	memcpy(tail, l->v + m, k * sizeof *tail);
	inn_base = e;
	pl_sort(tail, k, sizeof *tail, cmp_inn_ref);
	size_t i = m, j = k, w = l->n;
	while (j > 0) {
		if (i > 0 && cmp_inn(e, &l->v[i - 1], &tail[j - 1]) > 0)
			l->v[--w] = l->v[--i];
		else
			l->v[--w] = tail[--j];
	}
	free(tail);
}

/* An innovation record rejected by validation still gets its row in
 * innovations.csv, disposition invalid, so the list of innovations is
 * complete. One row per record, reasons joined. The rejects are sorted by
 * file and line (account()), so a record's rejects are adjacent. */
static int add_invalid_innovations(struct emit *e)
{
	struct held_list *rej = &e->kind[PL_KIND_REJ];
	struct pl_buf reason = {0};
	const struct held *first = NULL; /* the pending row's first reject */
	int rc = 0;
	for (size_t i = 0; i <= rej->n && rc == 0; i++) {
		const struct held *h = i < rej->n ? &rej->v[i] : NULL;
		if (h) {
			char **r = h->f;
			int code = pl_reject_from_name(r[PL_REJ_CODE]);
			if (strcmp(r[PL_REJ_REC_KIND], "inovasi") || code == PL_REJ_SUPERSEDED ||
			    code < 0 || pl_reject_scope(code) != PL_SCOPE_RECORD)
				continue;
			if (first && strcmp(first->f[PL_REJ_FILE], r[PL_REJ_FILE]) == 0 &&
			    first->line == h->line) {
				pl_buf_printf(&reason, "; %s", r[PL_REJ_CODE]);
				continue;
			}
		}
		if (first) {
			char **r = first->f;
			const char *f[PL_INN_NF];
			for (size_t k = 0; k < PL_INN_NF; k++)
				f[k] = "";
			f[PL_INN_FILE] = r[PL_REJ_FILE];
			f[PL_INN_LINE] = r[PL_REJ_LINE];
			f[PL_INN_YEAR] = r[PL_REJ_TAHUN];
			f[PL_INN_REGION] = r[PL_REJ_KODE];
			f[PL_INN_ID] = r[PL_REJ_ID];
			f[PL_INN_NAMA] = r[PL_REJ_NAMA];
			f[PL_INN_OPD] = r[PL_REJ_OPD];
			f[PL_INN_DISPOSITION] = "invalid";
			f[PL_INN_REASON] = pl_buf_str(&reason);
			rc = hold_innovation(e, f, first->seq);
		}
		first = h;
		pl_buf_reset(&reason);
		if (h)
			pl_buf_adds(&reason, h->f[PL_REJ_CODE]);
	}
	pl_buf_free(&reason);
	return rc;
}

static void write_files(struct out *o)
{
	static const char *const cols[] = {"file", "shape", "kind", "status", "code",
					   "read", "used", "rejected", "superseded", "warnings"};
	struct emit_csv csv;
	if (emit_csv_open(&csv, o, "files.csv", cols, sizeof cols / sizeof *cols) < 0)
		return;
	for (size_t i = 0; i < o->e->nacc; i++) {
		const struct account *a = &o->e->acc[i];
		char **s = a->src->f;
		emit_csv_text(&csv, a->file);
		emit_csv_text(&csv, s[PL_SRC_SHAPE]);
		emit_csv_text(&csv, s[PL_SRC_KIND]);
		emit_csv_text(&csv, s[PL_SRC_STATUS]);
		emit_csv_text(&csv, s[PL_SRC_CODE]);
		emit_csv_long(&csv, a->read);
		emit_csv_long(&csv, a->used);
		emit_csv_long(&csv, a->rejected);
		emit_csv_long(&csv, a->superseded);
		emit_csv_long(&csv, a->warnings);
		emit_csv_end(&csv);
	}
	emit_csv_close(&csv);
}

/* The policy of --max-reject-rate, on the records read and the records
 * rejected (each counted once, however many problems it had; superseded
 * records are not rejects). In integers: no rounding decides a run. */
static int check_reject_rate(struct emit *e)
{
	long read = 0, rejected = 0;
	for (size_t i = 0; i < e->nacc; i++) {
		read += e->acc[i].read;
		rejected += e->acc[i].rejected;
	}
	if ((long long)rejected * 1000000 <= (long long)e->opts.max_reject_ppm * read)
		return 0;
	long long pct = read ? (long long)rejected * 10000 / read : 0;
	char detail[300];
	snprintf(detail, sizeof detail,
		 "%ld of %ld records read were rejected (%lld.%02lld%%), more than "
		 "--max-reject-rate allows (%ld.%02ld%%); the outputs are in '%s' for "
		 "reading, but the run failed",
		 rejected, read, pct / 100, pct % 100, e->opts.max_reject_ppm / 10000,
		 e->opts.max_reject_ppm / 100 % 100, e->out_dir);
	return fail(e, PL_EXIT_REJECTS, detail, NULL);
}

/* A part of the writing on a thread of its own (see emit_finish). */
struct side_job {
	struct out o; /* a writer of its own: its own failure and reason */
	void (*write)(struct out *);
	struct pl_spill reader;
	struct pl_job job;
	int reading;
};

static void side_run(void *arg)
{
	struct side_job *j = arg;
	if (!j->o.failed)
		j->write(&j->o);
}

/* Starts write on a copy of o; reads_spill: it reads innovation rows,
 * through a spill reader of its own. */
static void start_side(struct side_job *j, const struct out *o, void (*write)(struct out *),
		       int reads_spill)
{
	struct emit *e = o->e;
	*j = (struct side_job){.o = *o, .write = write};
	j->o.err = (struct pl_buf){0};
	if (reads_spill && e->spill_open) {
		if (pl_spill_reader(&j->reader, &e->spill) < 0) {
			pl_buf_adds(&j->o.err, pl_buf_str(&e->spill.err));
			j->o.failed = 1;
		} else {
			j->reading = 1;
			j->o.spill = &j->reader;
		}
	}
	pl_job_start(&j->job, side_run, j);
}

/* Carries the failure of w, a writer of its own, over to o, unless o
 * failed first; frees w's reason. */
static void carry_failure(struct out *o, struct out *w)
{
	if (w->failed && !o->failed) {
		pl_buf_adds(&o->err, pl_buf_str(&w->err));
		o->failed = 1;
	}
	pl_buf_free(&w->err);
}

/* Waits for the job and carries its failure over to o. */
static void finish_side(struct side_job *j, struct out *o)
{
	pl_job_wait(&j->job);
	carry_failure(o, &j->o);
	if (j->reading)
		pl_spill_close(&j->reader);
}

/* Every file but innovations.csv and report.html. */
static void write_others(struct out *o)
{
	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
		if (tables[t].kind != PL_KIND_INN)
			write_table(o, &tables[t]);
	write_files(o);
	write_agencies(o);
	write_summaries(o);
}

static void write_innovations(struct out *o)
{
	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
		if (tables[t].kind == PL_KIND_INN)
			write_table(o, &tables[t]);
}

static int emit_finish(void *self)
{
	struct emit *e = self;
	if (account(e) < 0 || add_invalid_innovations(e) < 0)
		return -1;
	/* The analyst's scope cuts what is written, after the accounting was
	 * checked on everything and every rank computed nationally. */
	attribute_files(e);
	/* The scope compacts the accounts: the numbers' pointers go first. */
	free(e->acc_of);
	e->acc_of = NULL;
	e->nacc_of = 0;
	apply_scope(e, e->opts.provinces, e->opts.nprovinces, e->opts.year);
	struct out o = {.e = e};
	int begun = e->opts.into ? pl_outdir_begin_into(&o.dir, e->out_dir, &o.err)
				 : pl_outdir_begin(&o.dir, e->out_dir, &o.err);
	if (begun < 0) {
		fail(e, PL_EXIT_CANTCREAT, pl_buf_str(&o.err), NULL);
		pl_buf_free(&o.err);
		return -1;
	}
	/* Regions, explanations and suggestions arrive sorted (by year and
	 * region); the others are sorted here. */
	sort_innovations(e);
	pl_sort(e->kind[PL_KIND_REJ].v, e->kind[PL_KIND_REJ].n, sizeof(struct held),
		cmp_file_line);
	pl_sort(e->kind[PL_KIND_WARN].v, e->kind[PL_KIND_WARN].n, sizeof(struct held),
		cmp_file_line);
	/* changes.csv first: the report reads it. Then three writers at once,
	 * each reading the held records and none changing them: the report
	 * and the other files each on a thread of its own, innovations.csv
	 * (the largest) here. The report reads innovation rows through a
	 * spill reader of its own. A failure is reported from the first of
	 * them in this order: other files, innovations.csv, report. */
	if (e->opts.previous && !o.failed)
		write_changes(&o, e->opts.previous, &e->changes_text);
	struct side_job report, others;
	start_side(&report, &o, write_report, 1);
	start_side(&others, &o, write_others, 0);
	struct out inn = o;
	inn.err = (struct pl_buf){0};
	write_innovations(&inn);
	finish_side(&others, &o);
	carry_failure(&o, &inn);
	finish_side(&report, &o);
	int rc = 0;
	if (!o.failed)
		pl_testhook("before-commit");
	if (o.failed || pl_outdir_commit(&o.dir, &o.err) < 0) {
		pl_outdir_abort(&o.dir);
		fail(e, PL_EXIT_IOERR, pl_buf_str(&o.err), NULL);
		rc = -1;
	}
	pl_buf_free(&o.err);
	if (rc == 0 && e->opts.check_rejects)
		rc = check_reject_rate(e);
	return rc;
}

static void emit_destroy(void *self)
{
	struct emit *e = self;
	for (int k = 0; k < PL_KIND_COUNT; k++)
		free(e->kind[k].v);
	free(e->acc);
	free(e->acc_of);
	free(e->inn.v);
	pl_intern_free(&e->names);
	if (e->spill_open)
		pl_spill_close(&e->spill);
	pl_arena_free(&e->keep);
	pl_buf_free(&e->changes_text);
	free(e);
}

struct pl_stage emit_new(struct pl_ctx *ctx, const struct emit_opts *opts)
{
	struct emit *e = pl_xcalloc(1, sizeof *e);
	e->ctx = ctx;
	e->out_dir = opts->out_dir;
	e->opts = *opts;
	struct pl_stage s = {"emit", e, emit_put, emit_finish, emit_destroy};
	return s;
}
