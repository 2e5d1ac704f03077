/*
 * pl_stage.h: how stages are chained, in one process or through pipes.
 *
 * Every stage after ingest is a module with the same three operations: put
 * one group, finish (the input ended), destroy. A stage passes its output
 * groups to the next stage's put through a pl_sink. The stage programs put
 * a stream reader before the module and a stream writer after it; the
 * driver (indeks run) connects the modules directly, so nothing is
 * serialized in between.
 *
 * put and finish return 0, or -1 when the environment failed (a write,
 * the disk): then ctx->err says why and ctx->exit_code what to exit with.
 * A bad record is never an error here: it becomes a reject record.
 * The context is shared by all stages of a run and outlives them.
 */
#ifndef PL_STAGE_H
#define PL_STAGE_H

#include "pl_master.h"
#include "pl_method.h"
#include "pl_record.h"
#include "pl_reject.h"
#include "pl_spill.h"
#include "pl_vocab.h"

struct pl_ctx {
	enum pl_lang lang;
	const struct pl_master *master;   /* NULL for stages that need none */
	const struct pl_methods *methods; /* likewise */
	const struct pl_vocab *vocab;     /* likewise */
	struct pl_buf err;
	int exit_code;
};

struct pl_sink {
	int (*put)(void *self, struct pl_group *g);
	void *self;
};

struct pl_stage {
	const char *name;
	void *self;
	int (*put)(void *self, struct pl_group *g);
	int (*finish)(void *self);
	void (*destroy)(void *self);
};

static inline struct pl_sink pl_stage_sink(const struct pl_stage *s)
{
	struct pl_sink k = {s->put, s->self};
	return k;
}

/* Sends a reject or a warning (the code's scope decides which) about a
 * record to sink, built in scratch. sub, when given, supplies the context
 * columns; detail, when given, is appended to the message. */
int pl_report(struct pl_sink sink, struct pl_group *scratch, const struct pl_ctx *ctx,
	      const char *stage, enum pl_reject_code code, const char *file,
	      const char *line, const struct pl_row *sub, const char *field,
	      const char *value, const char *detail);

/* A stage's spill (pl_spill.h), opened on first use: 0 when *s is open
 * (*open set), else -1 with the reason in ctx (exit 74) and nothing left
 * to free. */
int pl_stage_spill_open(struct pl_ctx *ctx, struct pl_spill *s, int *open);
/* Carries a spill's failure into ctx (exit 74); returns -1. */
int pl_stage_spill_failed(struct pl_ctx *ctx, const struct pl_spill *s);

#endif
