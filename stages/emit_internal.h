/*
 * emit_internal.h: what emit.c and its modules (emit_*.c) share. Not a
 * public interface: other stages see only emit.h.
 */
#ifndef EMIT_INTERNAL_H
#define EMIT_INTERNAL_H

#include <stdint.h>

#include "emit.h"
#include "pl_csvwrite.h"
#include "pl_intern.h"
#include "pl_outdir.h"
#include "pl_spill.h"
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

/* An innovations.csv row held until the end: what sorting, scoping and
 * the accounting need, in memory (48 bytes and the id); its other
 * fields in the spill (pl_spill.h), read back by emit_inn_fields. The
 * strings year, region, file, agency and disposition repeat across rows
 * and are interned (e->names). */
struct inn_ref {
	uint64_t spill;
	const char *id;
	long line;
	uint32_t seq;
	uint32_t year, region, file, opd, disp;
};

struct inn_list {
	struct inn_ref *v;
	size_t n, cap;
};

/* The stages that count records, in order; ingest counts through its
 * src records. Defined once, in emit.c: a definition here would put a copy
 * in every file that includes this one. The count is spelled out because
 * the size of an extern array is not known where it is declared; emit.c's
 * definition does not compile when the two disagree. */
enum { NSTAGES = 4 };
extern const char *const stages[NSTAGES];

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
	struct emit_opts opts;
	struct pl_arena keep;
	struct held_list kind[PL_KIND_COUNT]; /* all but PL_KIND_INN */
	struct inn_list inn;
	struct pl_intern names; /* strings of inn_ref */
	uint32_t last_name[5];  /* per interned field, the last row's */
	unsigned last_set;
	struct pl_spill spill;
	int spill_open;
	size_t seq;
	struct account *acc;
	size_t nacc;
	struct account **acc_of; /* by interned file number (inn_account) */
	size_t nacc_of;
	struct pl_buf changes_text; /* predicate moves, for summary.txt */
};

struct out {
	struct emit *e;
	struct pl_spill *spill; /* where it reads innovation rows; NULL: e->spill */
	const char *row[PL_INN_NF]; /* the row emit_inn_fields read last */
	struct pl_outdir dir;
	struct pl_buf err;
	int failed;
};

/* The PL_INN_NF fields of a held innovation row, valid until the next
 * call; -1 (and o->failed) when the spill cannot be read. */
int emit_inn_fields(struct out *o, const struct inn_ref *r, const char *const **f);
static inline const char *emit_name(const struct emit *e, uint32_t i)
{
	return pl_intern_str(&e->names, i);
}

/* Creates a file in the run folder; NULL (and o->failed) on failure. */
FILE *emit_open(struct out *o, const char *name);
/* Closes it; marks o failed if anything was lost. */
void emit_close(struct out *o, FILE *fp, const char *name, int write_failed);
/* The accounting of an input file (accounts are sorted by file), or NULL. */
struct account *account_of(struct emit *e, const char *file);
/* The same for an innovation row's file, each file searched once: valid
 * until the scope compacts the accounts (emit_finish). */
struct account *inn_account(struct emit *e, const struct inn_ref *r);
/* Attributes each file to the region and agency its records name. */
void attribute_files(struct emit *e);
/* Writes agencies.csv: the accounting per region and agency. */
void write_agencies(struct out *o);
/* Writes summary.txt and summary.json into the run folder. */
void write_summaries(struct out *o);
/* Writes report.html (emit_report.c, docs/report.md): the run as a page
 * for people; reads changes.csv from the staging folder when it was
 * written before it. */
void write_report(struct out *o);
/* Orders held regions (pointers) as the rank stage lists them: national
 * rank, then exact SID and SPD, highest first, then code. */
int emit_cmp_rank(const void *pa, const void *pb);

/* A published CSV and its copies (emit_csv.c): the file for people, with
 * --excel NAME.excel.csv, with --gzip-level the warehouse's NAME.csv.gz of
 * the raw values. Every field goes into all of them. open writes the
 * header and returns -1 (o failed) when a file cannot be created; close
 * marks o failed when anything was lost. */
enum { EMIT_CSV_COPIES = 3 };
struct emit_csv {
	struct out *o;
	const char *name;
	FILE *fp[EMIT_CSV_COPIES];
	struct pl_csvw w[EMIT_CSV_COPIES];
	struct pl_buf names[EMIT_CSV_COPIES];
	unsigned char *decimal; /* per column: a decimal number */
	size_t ncols, col;
};
int emit_csv_open(struct emit_csv *c, struct out *o, const char *name,
		  const char *const *cols, size_t ncols);
void emit_csv_text(struct emit_csv *c, const char *s);
void emit_csv_num(struct emit_csv *c, const char *s);
void emit_csv_long(struct emit_csv *c, long long v);
void emit_csv_end(struct emit_csv *c);
void emit_csv_close(struct emit_csv *c);

/* Writes changes.csv against the earlier run in previous_dir and appends
 * the predicate moves to text (for summary.txt); -1 with o->err set when
 * the earlier run cannot be read. */
int write_changes(struct out *o, const char *previous_dir, struct pl_buf *text);
/* Drops the records outside the provinces (two-digit codes) and year
 * asked for; nprov 0 and year NULL keep everything. */
void apply_scope(struct emit *e, const char *const *prov, size_t nprov, const char *year);

#endif
