/*
 * emit_internal.h: what emit.c and emit_summary.c share. Not a public
 * interface: other stages see only emit.h.
 */
#ifndef EMIT_INTERNAL_H
#define EMIT_INTERNAL_H

#include "pl_outdir.h"
#include "pl_stage.h"

/* A held record: its fields (in the emit arena) and arrival order. */
struct held {
	char **f;
	size_t seq;
	long line; /* numeric line for sorting, when the kind has one */
};

struct held_list {
	struct held *v;
	size_t n, cap;
};

/* The stages that count records, in order; ingest counts through its
 * src records. */
static const char *const stages[] = {"ingest", "normalize", "validate", "score"};
enum { NSTAGES = sizeof stages / sizeof stages[0] };

/* Per-file accounting, one per src record. */
struct account {
	const char *file;
	const struct held *src;
	long read, used, rejected, superseded, warnings;
	long rejected_by[NSTAGES]; /* distinct records rejected, by stage */
	const char *region;        /* whose file: from its records, "" if unknown */
	const char *agency;
	long flow[NSTAGES][4];     /* in, out, rejected, superseded per stage */
};

struct emit {
	struct pl_ctx *ctx;
	const char *out_dir;
	struct pl_arena keep;
	struct held_list kind[PL_KIND_COUNT];
	size_t seq;
	struct account *acc;
	size_t nacc;
};

struct out {
	struct emit *e;
	struct pl_outdir dir;
	struct pl_buf err;
	int failed;
};

/* Creates a file in the run folder; NULL (and o->failed) on failure. */
FILE *emit_open(struct out *o, const char *name);
/* Closes it; marks o failed if anything was lost. */
void emit_close(struct out *o, FILE *fp, const char *name, int write_failed);
/* Writes agencies.csv: the accounting per region and agency. */
void write_agencies(struct out *o);
/* Writes summary.txt and summary.json into the run folder. */
void write_summaries(struct out *o);

#endif
