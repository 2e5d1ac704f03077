#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "ingest.h"
#include "pl_csvread.h"
#include "pl_exit.h"
#include "pl_files.h"

static const char STAGE[] = "ingest";

/* Where the answers to one indicator row sit in the file. */
struct answer_cols {
	char *row;
	int level, bukti, verif;
};

struct file_state {
	struct pl_ctx *ctx;
	struct pl_sink out;
	struct pl_group g;       /* the record being built */
	struct pl_group scratch; /* rejects and warnings */
	const char *rel;
	int have_header;
	int header_failed;
	enum pl_reject_code header_code; /* why, when header_failed */
	size_t ncols;
	int col[PL_SUB_NF]; /* header column of each sub field, or -1 */
	struct answer_cols *ans;
	size_t nans;
	const char *kind; /* "inovasi" or "spd" */
	unsigned long records;
	int sink_failed;
};

/* Lower case, surrounding white space dropped, and runs of space, '-' or
 * '_' made one '_', so "Kode Wilayah " and "kode_wilayah" are one name. */
static char *fold_header(const char *s)
{
	char *out = pl_xmalloc(strlen(s) + 1), *o = out;
	int gap = 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == ' ' || c == '\t' || c == '-' || c == '_' || c == '\r' || c == '\n') {
			gap = o != out;
			continue;
		}
		if (gap)
			*o++ = '_';
		gap = 0;
		*o++ = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	*o = '\0';
	return out;
}

static int report(struct file_state *st, enum pl_reject_code code, unsigned long line,
		  const struct pl_row *sub, const char *field, const char *value,
		  const char *detail)
{
	char ln[24];
	snprintf(ln, sizeof ln, "%lu", line);
	if (pl_report(st->out, &st->scratch, st->ctx, STAGE, code, st->rel, ln, sub, field,
		      value, detail) < 0)
		st->sink_failed = 1;
	return st->sink_failed;
}

static struct answer_cols *answer_for(struct file_state *st, const char *row)
{
	for (size_t i = 0; i < st->nans; i++)
		if (strcmp(st->ans[i].row, row) == 0)
			return &st->ans[i];
	st->ans = pl_xrealloc(st->ans, (st->nans + 1) * sizeof *st->ans);
	struct answer_cols *a = &st->ans[st->nans++];
	a->row = pl_xstrdup(row);
	a->level = a->bukti = a->verif = -1;
	return a;
}

/* Maps a folded header name to its slot; NULL if the name is unknown. */
static int *slot_for(struct file_state *st, const char *name)
{
	const struct pl_schema *sc = pl_schema_of(PL_KIND_SUB);
	for (size_t f = PL_SUB_TAHUN; f < sc->nf; f++)
		if (strcmp(name, sc->names[f]) == 0)
			return &st->col[f];
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
			struct answer_cols *a = answer_for(st, name + n);
			return (int *)((char *)a + parts[p].off);
		}
	}
	return NULL;
}

static void header_failed(struct file_state *st, enum pl_reject_code code,
			  unsigned long line, const char *field, const char *value)
{
	st->header_failed = 1;
	st->header_code = code;
	report(st, code, line, NULL, field, value, NULL);
}

static int on_header(struct file_state *st, const struct pl_csv_record *rec)
{
	st->have_header = 1;
	st->ncols = rec->nf;
	for (size_t f = 0; f < PL_SUB_NF; f++)
		st->col[f] = -1;
	/* Unknown columns are only worth a warning in a file we can read. */
	size_t *unknown = pl_xmalloc((rec->nf ? rec->nf : 1) * sizeof *unknown);
	size_t nunknown = 0;
	for (size_t i = 0; i < rec->nf && !st->header_failed; i++) {
		char *name = fold_header(rec->f[i]);
		int *slot = slot_for(st, name);
		if (slot && *slot >= 0)
			header_failed(st, PL_REJ_HEADER_DUPLICATE, rec->line, name, rec->f[i]);
		else if (slot)
			*slot = (int)i;
		else
			unknown[nunknown++] = i;
		free(name);
	}
	if (!st->header_failed && (st->col[PL_SUB_TAHUN] < 0 || st->col[PL_SUB_KODE] < 0))
		header_failed(st, PL_REJ_HEADER_UNKNOWN, rec->line, "", rec->nf ? rec->f[0] : "");
	for (size_t k = 0; k < nunknown && !st->header_failed; k++)
		report(st, PL_REJ_COLUMN_UNKNOWN, rec->line, NULL, rec->f[unknown[k]],
		       rec->f[unknown[k]], NULL);
	free(unknown);
	st->kind = st->col[PL_SUB_ID] >= 0 ? "inovasi" : "spd";
	return st->header_failed || st->sink_failed;
}

static int on_record(void *ctx, const struct pl_csv_record *rec)
{
	struct file_state *st = ctx;
	if (!st->have_header) {
		if (rec->error) {
			header_failed(st, PL_REJ_HEADER_UNKNOWN, rec->line, "",
				      pl_reject_name((enum pl_reject_code)rec->error));
			return 1;
		}
		return on_header(st, rec);
	}
	st->records++;
	/* A row that cannot be split into fields is still known to be an
	 * innovation or an SPD record: say which. */
	char *known[PL_SUB_NF] = {0};
	known[PL_SUB_KIND] = (char *)st->kind;
	struct pl_row kind_only = {PL_KIND_SUB, known};
	if (rec->error)
		return report(st, (enum pl_reject_code)rec->error, rec->line, &kind_only, "", "",
			      NULL);
	if (rec->nf != st->ncols) {
		char detail[96];
		snprintf(detail, sizeof detail,
			 st->ctx->lang == PL_LANG_EN ? "the row has %zu, the header %zu"
						     : "baris ini %zu kolom, baris judul %zu kolom",
			 rec->nf, st->ncols);
		return report(st, PL_REJ_FIELD_COUNT, rec->line, &kind_only, "", "", detail);
	}
	struct pl_group *g = &st->g;
	pl_group_start(g, PL_KIND_SUB);
	struct pl_row *h = &g->head;
	pl_set(g, h, PL_SUB_FILE, st->rel);
	pl_setf(g, h, PL_SUB_LINE, "%lu", rec->line);
	pl_set(g, h, PL_SUB_KIND, st->kind);
	for (size_t f = PL_SUB_TAHUN; f < PL_SUB_NF; f++)
		if (st->col[f] >= 0)
			pl_set(g, h, f, rec->f[st->col[f]]);
	for (size_t i = 0; i < st->nans; i++) {
		const struct answer_cols *a = &st->ans[i];
		struct pl_row *r = pl_group_add_ans(g);
		pl_set(g, r, PL_ANS_ROW, a->row);
		pl_set(g, r, PL_ANS_LEVEL, a->level >= 0 ? rec->f[a->level] : NULL);
		pl_set(g, r, PL_ANS_BUKTI, a->bukti >= 0 ? rec->f[a->bukti] : NULL);
		pl_set(g, r, PL_ANS_VERIF, a->verif >= 0 ? rec->f[a->verif] : NULL);
	}
	if (st->out.put(st->out.self, g) < 0)
		st->sink_failed = 1;
	return st->sink_failed;
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* A gzip file is checked whole before any record is used: records from a
 * truncated file could be cut mid-row and look valid. */
static int gzip_intact(const char *path, struct pl_csv_error *err)
{
	gzFile gz = gzopen(path, "rb");
	if (!gz) {
		err->code = PL_REJ_FILE_UNREADABLE;
		snprintf(err->message, sizeof err->message, "cannot open");
		return 0;
	}
	char buf[64 * 1024];
	int n, errnum = Z_OK;
	while ((n = gzread(gz, buf, sizeof buf)) > 0)
		;
	const char *msg = gzerror(gz, &errnum);
	int ok = n == 0 && errnum == Z_OK;
	if (!ok) {
		/* zlib prefixes the path; the record names the file already. */
		const char *colon = strstr(msg, ": ");
		err->code = errnum == Z_ERRNO ? PL_REJ_FILE_UNREADABLE : PL_REJ_GZIP_CORRUPT;
		snprintf(err->message, sizeof err->message, "%s", colon ? colon + 2 : msg);
	}
	gzclose(gz);
	return ok;
}

static int send_src(struct file_state *st, const char *shape, const char *status,
		    const char *code, const char *message)
{
	struct pl_group *g = &st->g;
	pl_group_start(g, PL_KIND_SRC);
	pl_set(g, &g->head, PL_SRC_FILE, st->rel);
	pl_set(g, &g->head, PL_SRC_SHAPE, shape);
	pl_set(g, &g->head, PL_SRC_KIND, st->have_header && !st->header_failed ? st->kind : "");
	pl_setf(g, &g->head, PL_SRC_RECORDS, "%lu", st->records);
	pl_set(g, &g->head, PL_SRC_STATUS, status);
	pl_set(g, &g->head, PL_SRC_CODE, code);
	pl_set(g, &g->head, PL_SRC_MESSAGE, message);
	if (st->out.put(st->out.self, g) < 0)
		st->sink_failed = 1;
	return st->sink_failed ? -1 : 0;
}

static int ingest_file(const struct pl_file_entry *e, const struct ingest_opts *opts,
		       struct file_state *st)
{
	st->rel = e->rel;
	int gz = has_suffix(e->rel, ".csv.gz");
	const char *shape = gz ? "csv.gz" : "csv";
	struct pl_csv_error err = {0};
	if (!gz && !has_suffix(e->rel, ".csv")) {
		report(st, PL_REJ_FILE_SKIPPED, 0, NULL, "", e->rel, NULL);
		return send_src(st, "other", "skipped", "FILE_SKIPPED", "");
	}
	int rc = -1;
	if (e->error) {
		err.code = PL_REJ_FILE_UNREADABLE;
		snprintf(err.message, sizeof err.message, "%s", strerror(e->error));
	} else if (!gz || gzip_intact(e->path, &err)) {
		struct pl_csv_opts co = {.chunk = opts->chunk, .max_field = opts->max_field};
		rc = pl_csv_read(e->path, &co, on_record, st, &err);
	}
	if (st->sink_failed)
		return -1;
	if (rc < 0) {
		/* Nothing of this file was used (a plain file fails only at open). */
		st->records = 0;
		report(st, err.code, 0, NULL, "", "", err.message);
		return send_src(st, shape, "unreadable", pl_reject_name(err.code), err.message);
	}
	if (!st->have_header || st->header_failed) {
		/* An empty file or one whose header is not ours holds no records. */
		if (!st->have_header)
			header_failed(st, PL_REJ_HEADER_UNKNOWN, 1, "", "");
		st->records = 0;
		return send_src(st, shape, "unreadable", pl_reject_name(st->header_code), "");
	}
	return send_src(st, shape, "ok", "", "");
}

static void reset_file(struct file_state *st)
{
	for (size_t i = 0; i < st->nans; i++)
		free(st->ans[i].row);
	free(st->ans);
	st->ans = NULL;
	st->nans = 0;
	st->have_header = st->header_failed = 0;
	st->records = 0;
	st->kind = "";
}

int ingest_run(const char *const *inputs, size_t ninputs, const struct ingest_opts *opts,
	       struct pl_ctx *ctx, struct pl_sink out)
{
	struct file_state st = {.ctx = ctx, .out = out, .kind = ""};
	int rc = 0;
	for (size_t i = 0; i < ninputs && rc == 0; i++) {
		struct pl_file_list list;
		if (pl_file_list_build(&list, inputs[i]) < 0) {
			pl_buf_reset(&ctx->err);
			pl_buf_printf(&ctx->err, "cannot open input '%s'", inputs[i]);
			ctx->exit_code = PL_EXIT_NOINPUT;
			rc = -1;
			break;
		}
		for (size_t j = 0; j < list.n && rc == 0; j++) {
			rc = ingest_file(&list.e[j], opts, &st);
			reset_file(&st);
		}
		pl_file_list_free(&list);
	}
	pl_group_free(&st.g);
	pl_group_free(&st.scratch);
	return rc;
}
