/*
 * ingest_csv.c: CSV submission files of every layout and dialect.
 *
 * The reader (pl_csvread, with detection on) finds the dialect and the
 * encoding; this module maps the header and sorts the file into one of
 * three layouts, decided by its columns once they are mapped:
 *
 * - long: an indikator column (one answer per row); with ind_<row>
 *   columns as well it is HEADER_MIXED;
 * - wide: ind_<row>, bukti_<row> or verif_<row> columns (one record per
 *   row, sent at once, as the canonical CSV always was);
 * - profile: neither (records without answers); its rows are held, to be
 *   joined with long answers of the same submission (ingest_long.c).
 */
#include <stdlib.h>
#include <string.h>

#include "ingest_internal.h"
#include "pl_csvread.h"

enum layout { WIDE, PROFILE, LONG };

/* The columns of the long layout other than the submission fields. */
enum { L_INDIKATOR, L_LEVEL, L_BUKTI, L_VERIF, L_N };
static const char *const long_names[L_N] = {"indikator", "level", "bukti", "level_verifikasi"};

/* Where the answers to one indicator row sit in a wide file. */
struct answer_cols {
	char *row;
	int level, bukti, verif;
	size_t row_at; /* where row is in ingest.csv_rows */
};

/* The columns the last few headers that mapped cleanly were given. The
 * files of one collection share their header (a region's agency files one,
 * its spd.csv another), so most files take the assignment with one
 * comparison instead of folding, looking up and placing every column
 * again. The assignment depends on nothing but the names (the table is
 * fixed for the run), so a file gets what the mapping would give it. A
 * header with a duplicate column is not kept: its reject is reported as
 * the columns are placed. */
struct known_header {
	char *names;        /* the header's fields, each with its NUL */
	size_t len, nf;
	int col[PL_SUB_NF];
	int lcol[L_N];
	struct answer_cols *ans;
	size_t nans;
	size_t *unknown;    /* header columns the table does not know */
	size_t nunknown;
};

enum { KNOWN_HEADERS = 4 };

struct ingest_csv_memo {
	struct known_header h[KNOWN_HEADERS]; /* the most recently used first */
};

struct csv_file {
	struct ingest *in;
	const char *rel, *shape;
	enum layout layout;
	int have_header, header_failed;
	enum pl_reject_code header_code;
	size_t ncols;
	int col[PL_SUB_NF]; /* header column of each sub field, or -1 */
	int lcol[L_N];      /* header column of each long field, or -1 */
	struct answer_cols *ans;
	size_t nans;
	const char *kind;   /* "inovasi", "spd" or, for a long file, "jawaban" */
	unsigned long records;
	unsigned held_file; /* the file's number in the held store (profile, long) */
};

static struct answer_cols *answer_for(struct csv_file *cf, const char *row)
{
	for (size_t i = 0; i < cf->nans; i++)
		if (strcmp(cf->ans[i].row, row) == 0)
			return &cf->ans[i];
	cf->ans = pl_xrealloc(cf->ans, (cf->nans + 1) * sizeof *cf->ans);
	struct answer_cols *a = &cf->ans[cf->nans++];
	a->row = pl_xstrdup(row);
	a->level = a->bukti = a->verif = -1;
	return a;
}

/* The slot a canonical name fills; NULL for a name that has none. */
static int *slot_for(struct csv_file *cf, const char *name)
{
	const struct pl_schema *sc = pl_schema_of(PL_KIND_SUB);
	for (size_t f = PL_SUB_TAHUN; f < sc->nf; f++)
		if (strcmp(name, sc->names[f]) == 0)
			return &cf->col[f];
	for (size_t k = 0; k < L_N; k++)
		if (strcmp(name, long_names[k]) == 0)
			return &cf->lcol[k];
	static const struct {
		const char *prefix;
		size_t off;
	} parts[] = {
		{"ind_", offsetof(struct answer_cols, level)},
		{"bukti_", offsetof(struct answer_cols, bukti)},
		{"verif_", offsetof(struct answer_cols, verif)},
	};
	for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++) {
		size_t n = strlen(parts[p].prefix);
		if (strncmp(name, parts[p].prefix, n) == 0 && name[n]) {
			struct answer_cols *a = answer_for(cf, name + n);
			return (int *)((char *)a + parts[p].off);
		}
	}
	return NULL;
}

static void known_clear(struct known_header *k)
{
	for (size_t i = 0; i < k->nans; i++)
		free(k->ans[i].row);
	free(k->ans);
	free(k->names);
	free(k->unknown);
	memset(k, 0, sizeof *k);
}

void ingest_csv_end(struct ingest *in)
{
	pl_buf_free(&in->csv_keep);
	pl_buf_free(&in->csv_rows);
	if (in->csv_memo) {
		for (size_t i = 0; i < KNOWN_HEADERS; i++)
			known_clear(&in->csv_memo->h[i]);
		free(in->csv_memo);
		in->csv_memo = NULL;
	}
}

static struct answer_cols *copy_answers(const struct answer_cols *ans, size_t n)
{
	if (!n)
		return NULL;
	struct answer_cols *c = pl_xmalloc(n * sizeof *c);
	for (size_t i = 0; i < n; i++) {
		c[i] = ans[i];
		c[i].row = pl_xstrdup(ans[i].row);
	}
	return c;
}

static int known_matches(const struct known_header *k, const struct pl_csv_record *rec)
{
	if (!k->names || k->nf != rec->nf)
		return 0;
	size_t off = 0;
	for (size_t i = 0; i < rec->nf; i++) {
		size_t n = strlen(rec->f[i]) + 1;
		if (n > k->len - off || memcmp(k->names + off, rec->f[i], n) != 0)
			return 0;
		off += n;
	}
	return off == k->len;
}

/* The header rec already placed, moved to the front; NULL if none. */
static const struct known_header *memo_find(struct ingest *in, const struct pl_csv_record *rec)
{
	struct ingest_csv_memo *m = in->csv_memo;
	for (size_t i = 0; m && i < KNOWN_HEADERS; i++)
		if (known_matches(&m->h[i], rec)) {
			struct known_header k = m->h[i];
			memmove(&m->h[1], &m->h[0], i * sizeof m->h[0]);
			m->h[0] = k;
			return &m->h[0];
		}
	return NULL;
}

/* Keeps the columns of cf, just placed from rec's names, in front of the
 * others, dropping the least recently used. */
static void memo_keep(struct ingest *in, const struct csv_file *cf,
		      const struct pl_csv_record *rec, const size_t *unknown, size_t nunknown)
{
	if (!in->csv_memo)
		in->csv_memo = pl_xcalloc(1, sizeof *in->csv_memo);
	struct ingest_csv_memo *m = in->csv_memo;
	known_clear(&m->h[KNOWN_HEADERS - 1]);
	memmove(&m->h[1], &m->h[0], (KNOWN_HEADERS - 1) * sizeof m->h[0]);
	struct known_header *k = &m->h[0];
	memset(k, 0, sizeof *k);
	for (size_t i = 0; i < rec->nf; i++)
		k->len += strlen(rec->f[i]) + 1;
	k->names = pl_xmalloc(k->len ? k->len : 1);
	size_t off = 0;
	for (size_t i = 0; i < rec->nf; i++) {
		size_t n = strlen(rec->f[i]) + 1;
		memcpy(k->names + off, rec->f[i], n);
		off += n;
	}
	k->nf = rec->nf;
	memcpy(k->col, cf->col, sizeof k->col);
	memcpy(k->lcol, cf->lcol, sizeof k->lcol);
	k->ans = copy_answers(cf->ans, cf->nans);
	k->nans = cf->nans;
	k->unknown = pl_xmalloc((nunknown ? nunknown : 1) * sizeof *k->unknown);
	memcpy(k->unknown, unknown, nunknown * sizeof *unknown);
	k->nunknown = nunknown;
}

static void header_failed(struct csv_file *cf, enum pl_reject_code code, unsigned long line,
			  const char *field, const char *value, const char *detail)
{
	cf->header_failed = 1;
	cf->header_code = code;
	ingest_report(cf->in, code, cf->rel, line, NULL, field, value, detail);
}

static const char *detail_lang(const struct csv_file *cf, const char *id, const char *en)
{
	return cf->in->ctx->lang == PL_LANG_EN ? en : id;
}

static int on_header(struct csv_file *cf, const struct pl_csv_record *rec)
{
	struct ingest *in = cf->in;
	cf->have_header = 1;
	cf->ncols = rec->nf;
	for (size_t f = 0; f < PL_SUB_NF; f++)
		cf->col[f] = -1;
	for (size_t k = 0; k < L_N; k++)
		cf->lcol[k] = -1;
	/* Unknown columns are only worth a warning in a file we can read. */
	size_t *unknown = pl_xmalloc((rec->nf ? rec->nf : 1) * sizeof *unknown);
	size_t nunknown = 0;
	const struct known_header *kh = memo_find(in, rec);
	if (kh) {
		memcpy(cf->col, kh->col, sizeof cf->col);
		memcpy(cf->lcol, kh->lcol, sizeof cf->lcol);
		cf->ans = copy_answers(kh->ans, kh->nans);
		cf->nans = kh->nans;
		memcpy(unknown, kh->unknown, kh->nunknown * sizeof *unknown);
		nunknown = kh->nunknown;
	} else {
		struct pl_buf name = {0};
		for (size_t i = 0; i < rec->nf && !cf->header_failed; i++) {
			int *slot = pl_headers_map(in->headers, rec->f[i], &name)
					    ? slot_for(cf, name.p)
					    : NULL;
			if (slot && *slot >= 0)
				header_failed(cf, PL_REJ_HEADER_DUPLICATE, rec->line, name.p,
					      rec->f[i], NULL);
			else if (slot)
				*slot = (int)i;
			else
				unknown[nunknown++] = i;
		}
		pl_buf_free(&name);
		if (!cf->header_failed)
			memo_keep(in, cf, rec, unknown, nunknown);
	}
	if (cf->header_failed)
		goto done;
	/* The region may be given by name alone: normalize resolves it. */
	if (cf->col[PL_SUB_TAHUN] < 0 ||
	    (cf->col[PL_SUB_KODE] < 0 && cf->col[PL_SUB_NAMA_WILAYAH] < 0)) {
		header_failed(cf, PL_REJ_HEADER_UNKNOWN, rec->line, "", rec->nf ? rec->f[0] : "",
			      NULL);
		goto done;
	}
	if (cf->lcol[L_INDIKATOR] >= 0 && cf->nans) {
		header_failed(cf, PL_REJ_HEADER_MIXED, rec->line, "indikator",
			      rec->f[cf->lcol[L_INDIKATOR]], NULL);
		goto done;
	}
	cf->layout = cf->lcol[L_INDIKATOR] >= 0 ? LONG : cf->nans ? WIDE : PROFILE;
	/* The answers' row names one after another: a record read ahead
	 * passes them at once (pl_group.shared), not name by name. */
	for (size_t i = 0; i < cf->nans; i++) {
		cf->ans[i].row_at = in->csv_rows.len;
		pl_buf_add(&in->csv_rows, cf->ans[i].row, strlen(cf->ans[i].row) + 1);
	}
	cf->kind = cf->layout == LONG ? "jawaban" : cf->col[PL_SUB_ID] >= 0 ? "inovasi" : "spd";
	for (size_t k = 0; k < nunknown; k++)
		ingest_report(in, PL_REJ_COLUMN_UNKNOWN, cf->rel, rec->line, NULL,
			      rec->f[unknown[k]], rec->f[unknown[k]], NULL);
	/* The long columns mean nothing in a wide or profile file. */
	for (size_t k = 0; cf->layout != LONG && k < L_N; k++)
		if (cf->lcol[k] >= 0)
			ingest_report(in, PL_REJ_COLUMN_UNKNOWN, cf->rel, rec->line, NULL,
				      rec->f[cf->lcol[k]], rec->f[cf->lcol[k]],
				      detail_lang(cf, "hanya untuk bentuk panjang (dengan kolom indikator)",
						  "only for the long layout (with an indikator column)"));
	if (rec->info && rec->info->encoding == PL_ENC_CP1252)
		ingest_report(in, PL_REJ_ENCODING_CONVERTED, cf->rel, 0, NULL, "",
			      pl_encoding_name(PL_ENC_CP1252), NULL);
	if (cf->layout != WIDE) {
		if (!in->held) {
			/* A reader thread's: the held store takes files in
			 * order only, so the run reads this one in its turn. */
			in->sink_failed = 1;
			goto done;
		}
		cf->held_file = ingest_long_file(in->held, cf->rel, cf->shape, cf->kind);
	}
done:
	free(unknown);
	return cf->header_failed || in->sink_failed;
}

/* The submission fields of a row into the head of in->g. */
static void fill_head(struct csv_file *cf, const struct pl_csv_record *rec)
{
	struct pl_group *g = &cf->in->g;
	pl_group_start(g, PL_KIND_SUB);
	g->span = rec->block;
	g->nspan = rec->nblock;
	g->shared = cf->in->csv_rows.p;
	g->nshared = cf->in->csv_rows.len;
	struct pl_row *h = &g->head;
	pl_set(g, h, PL_SUB_FILE, cf->rel);
	char line[PL_INT_BUF];
	pl_set(g, h, PL_SUB_LINE, pl_fmt_int(line, (long long)rec->line));
	if (cf->layout != LONG)
		pl_set(g, h, PL_SUB_KIND, cf->kind);
	/* The record's fields are the group's until its put returns: each
	 * column goes to one field, so they are not copied. */
	for (size_t f = PL_SUB_TAHUN; f < PL_SUB_NF; f++)
		if (cf->col[f] >= 0)
			pl_set_own(h, f, rec->f[cf->col[f]]);
}

static char *field_at(const struct pl_csv_record *rec, int col)
{
	return col >= 0 ? rec->f[col] : NULL;
}

/* A row that cannot be used as read: rejected at its line. */
static int reject_row(struct csv_file *cf, const struct pl_csv_record *rec,
		      enum pl_reject_code code, const char *detail)
{
	/* The row is known to be an innovation or an SPD record (or, in a
	 * long file, an answer): say which. */
	char *known[PL_SUB_NF] = {0};
	known[PL_SUB_KIND] = (char *)cf->kind;
	struct pl_row kind_only = {PL_KIND_SUB, known};
	if (cf->layout == WIDE)
		cf->records++;
	else
		ingest_long_count(cf->in->held, cf->held_file);
	return ingest_report(cf->in, code, cf->rel, rec->line, &kind_only, "", "", detail);
}

static int on_row(struct csv_file *cf, const struct pl_csv_record *rec)
{
	struct ingest *in = cf->in;
	if (rec->error)
		return reject_row(cf, rec, (enum pl_reject_code)rec->error, NULL);
	if (rec->nf != cf->ncols) {
		char detail[96];
		if (cf->in->ctx->lang == PL_LANG_EN)
			snprintf(detail, sizeof detail, "the row has %zu, the header %zu", rec->nf,
				 cf->ncols);
		else
			snprintf(detail, sizeof detail, "baris ini %zu kolom, baris judul %zu kolom",
				 rec->nf, cf->ncols);
		return reject_row(cf, rec, PL_REJ_FIELD_COUNT, detail);
	}
	fill_head(cf, rec);
	struct pl_group *g = &in->g;
	int rc = 0;
	if (cf->layout == LONG) {
		rc = ingest_long_answer(in->held, cf->held_file, rec->line, &g->head,
					field_at(rec, cf->lcol[L_INDIKATOR]),
					field_at(rec, cf->lcol[L_LEVEL]),
					field_at(rec, cf->lcol[L_BUKTI]),
					field_at(rec, cf->lcol[L_VERIF]));
	} else if (cf->layout == PROFILE) {
		rc = ingest_long_profile(in->held, cf->held_file, rec->line, &g->head);
	} else {
		cf->records++;
		for (size_t i = 0; i < cf->nans; i++) {
			const struct answer_cols *a = &cf->ans[i];
			struct pl_row *r = pl_group_add_ans(g);
			/* The header's, for every row, not copied (20 million
			 * answers at 1M): it outlives the file's records, and as
			 * a canonical name it has no white space, so normalize's
			 * squeeze never writes to it. */
			pl_set_own(r, PL_ANS_ROW, in->csv_rows.p + a->row_at);
			pl_set_own(r, PL_ANS_LEVEL, field_at(rec, a->level));
			pl_set_own(r, PL_ANS_BUKTI, field_at(rec, a->bukti));
			pl_set_own(r, PL_ANS_VERIF, field_at(rec, a->verif));
		}
		return ingest_put(in);
	}
	if (rc < 0) {
		/* The row was read: its key goes with the reject. */
		ingest_long_count(in->held, cf->held_file);
		pl_set(g, &g->head, PL_SUB_KIND, cf->kind);
		return ingest_report(in, PL_REJ_ASSEMBLY_LIMIT, cf->rel, rec->line, &g->head, "", "",
				     NULL);
	}
	return in->sink_failed;
}

static int on_record(void *ctx, const struct pl_csv_record *rec)
{
	struct csv_file *cf = ctx;
	if (cf->have_header)
		return on_row(cf, rec);
	if (rec->error) {
		header_failed(cf, PL_REJ_HEADER_UNKNOWN, rec->line, "",
			      pl_reject_name((enum pl_reject_code)rec->error), NULL);
		return 1;
	}
	return on_header(cf, rec);
}

int ingest_csv(struct ingest *in, const char *rel, const char *shape, const char *path,
	       const void *data, size_t len)
{
	struct csv_file cf = {.in = in, .rel = rel, .shape = shape, .kind = ""};
	pl_buf_reset(&in->csv_rows);
	struct pl_csv_error err = {0};
	struct pl_csv_opts co = {
		.chunk = in->chunk, .max_field = in->max_field, .detect = 1, .keep = &in->csv_keep};
	int rc = path ? pl_csv_read(path, &co, on_record, &cf, &err)
		      : pl_csv_read_mem(data, len, &co, on_record, &cf, &err);
	for (size_t i = 0; i < cf.nans; i++)
		free(cf.ans[i].row);
	free(cf.ans);
	if (in->sink_failed)
		return -1;
	if (rc < 0) {
		/* A file that fails while read (a changed file) has had records
		 * sent: they stay counted. Every other failure comes first. */
		ingest_report(in, err.code, rel, 0, NULL, "", "", err.message);
		if (cf.have_header && !cf.header_failed && cf.layout != WIDE) {
			ingest_long_file_failed(in->held, cf.held_file, pl_reject_name(err.code),
						err.message);
			return in->sink_failed ? -1 : 0; /* its src comes with the held files */
		}
		return ingest_src(in, rel, shape, "", cf.records, "unreadable",
				  pl_reject_name(err.code), err.message);
	}
	if (!cf.have_header || cf.header_failed) {
		/* An empty file or one whose header is not ours holds no records. */
		if (!cf.have_header)
			header_failed(&cf, PL_REJ_HEADER_UNKNOWN, 1, "", "", NULL);
		return ingest_src(in, rel, shape, "", 0, "unreadable",
				  pl_reject_name(cf.header_code), "");
	}
	if (cf.layout != WIDE)
		return in->sink_failed ? -1 : 0; /* its src comes with the held files */
	return ingest_src(in, rel, shape, cf.kind, cf.records, "ok", "", "");
}
