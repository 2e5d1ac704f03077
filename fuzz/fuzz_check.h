/*
 * fuzz_check.h: the oracle the ingest fuzz targets share.
 *
 * A sink that checks what ingest sends as it arrives, and at the end the
 * accounting ingest owes emit: for every file, the src record's count of
 * records equals the records sent (sub) plus the distinct lines rejected
 * with a record-scope code. A crash is not the only bug a fuzzer can find:
 * a record lost or counted twice aborts here too. Every field of a sub
 * and its answers must be valid UTF-8 without NUL bytes (ingest promises
 * text), and every answer must name its row.
 *
 * Used by the libFuzzer targets and, through them, by the replay tests.
 * Everything is static: each target includes it once.
 */
#ifndef FUZZ_CHECK_H
#define FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pl_encoding.h"
#include "pl_reject.h"
#include "pl_stage.h"

struct fc_line {
	char *file;
	unsigned long line;
};

struct fc_file {
	char *file;
	long records; /* from src; -1 until it arrives */
	long subs;
};

struct fc_state {
	struct fc_file *files;
	size_t nfiles, fcap;
	struct fc_line *rejected; /* record-scope rejects, file and line */
	size_t nrej, rcap;
};

#define FC_ASSERT(cond, what)                                                   \
	do {                                                                    \
		if (!(cond)) {                                                  \
			fprintf(stderr, "fuzz check failed: %s\n", what);       \
			abort();                                                \
		}                                                               \
	} while (0)

static struct fc_file *fc_file(struct fc_state *s, const char *file)
{
	for (size_t i = 0; i < s->nfiles; i++)
		if (strcmp(s->files[i].file, file) == 0)
			return &s->files[i];
	pl_grow((void **)&s->files, &s->fcap, s->nfiles + 1, sizeof *s->files);
	struct fc_file *f = &s->files[s->nfiles++];
	f->file = pl_xstrdup(file);
	f->records = -1;
	f->subs = 0;
	return f;
}

static void fc_text(const char *v)
{
	if (v)
		FC_ASSERT(pl_utf8_valid(v, strlen(v), NULL), "a field that is not UTF-8");
}

static unsigned long fc_ulong(const char *s)
{
	char *end;
	unsigned long v = strtoul(s ? s : "", &end, 10);
	FC_ASSERT(s && *s && !*end, "a line or count that is not a number");
	return v;
}

static int fc_put(void *self, struct pl_group *g)
{
	struct fc_state *s = self;
	const struct pl_row *h = &g->head;
	switch (h->kind) {
	case PL_KIND_SUB:
		FC_ASSERT(h->f[PL_SUB_FILE] && h->f[PL_SUB_LINE] && h->f[PL_SUB_KIND],
			  "a sub without file, line or kind");
		FC_ASSERT(fc_ulong(h->f[PL_SUB_LINE]) > 0, "a sub at line 0");
		for (size_t f = 0; f < PL_SUB_NF; f++)
			fc_text(h->f[f]);
		for (size_t a = 0; a < g->nans; a++) {
			FC_ASSERT(g->ans[a].f[PL_ANS_ROW], "an answer without its row");
			for (size_t f = 0; f < PL_ANS_NF; f++)
				fc_text(g->ans[a].f[f]);
		}
		fc_file(s, h->f[PL_SUB_FILE])->subs++;
		break;
	case PL_KIND_SRC: {
		struct fc_file *f = fc_file(s, h->f[PL_SRC_FILE]);
		FC_ASSERT(f->records < 0, "two src records for one file");
		f->records = (long)fc_ulong(h->f[PL_SRC_RECORDS]);
		break;
	}
	case PL_KIND_REJ: {
		int code = pl_reject_from_name(h->f[PL_REJ_CODE]);
		FC_ASSERT(code >= 0, "an unknown reject code");
		if (pl_reject_scope(code) != PL_SCOPE_RECORD)
			break;
		pl_grow((void **)&s->rejected, &s->rcap, s->nrej + 1, sizeof *s->rejected);
		s->rejected[s->nrej].file = pl_xstrdup(h->f[PL_REJ_FILE]);
		s->rejected[s->nrej].line = fc_ulong(h->f[PL_REJ_LINE]);
		s->nrej++;
		break;
	}
	default:
		break;
	}
	return 0;
}

/* Checks the accounting and frees the state. */
static void fc_finish(struct fc_state *s)
{
	for (size_t i = 0; i < s->nfiles; i++) {
		struct fc_file *f = &s->files[i];
		FC_ASSERT(f->records >= 0, "a file without its src record");
		long rejected = 0;
		for (size_t r = 0; r < s->nrej; r++) {
			if (strcmp(s->rejected[r].file, f->file) != 0)
				continue;
			int seen = 0; /* a record rejected for several reasons counts once */
			for (size_t q = 0; q < r && !seen; q++)
				seen = strcmp(s->rejected[q].file, f->file) == 0 &&
				       s->rejected[q].line == s->rejected[r].line;
			rejected += !seen;
		}
		FC_ASSERT(f->records == f->subs + rejected, "the accounting does not balance");
		free(f->file);
	}
	for (size_t r = 0; r < s->nrej; r++)
		free(s->rejected[r].file);
	free(s->files);
	free(s->rejected);
	memset(s, 0, sizeof *s);
}

/* Runs ingest on data as a file called name and checks what it sends. */
static void fc_ingest(const char *name, const void *data, size_t len, size_t chunk)
{
	struct fc_state s = {0};
	struct pl_ctx ctx = {.lang = PL_LANG_EN};
	struct pl_sink sink = {fc_put, &s};
	struct ingest_opts o = {.chunk = chunk, .max_field = 4096, .max_held = 1 << 20};
	FC_ASSERT(ingest_memory(name, data, len, &o, &ctx, sink) == 0, "ingest failed");
	pl_buf_free(&ctx.err);
	fc_finish(&s);
}

#endif
