/*
 * pl_handoff.h: a stage boundary crossed by a thread, so that the stages
 * before it and the stages after it run on two cores at once.
 *
 * The handoff is a stage: its put copies each group into a batch of bytes
 * and queues full batches; a thread of its own takes them off the queue in
 * order and puts each group to the next stage. One producer, one consumer,
 * first in first out: the stages after the handoff see exactly the groups,
 * in exactly the order, they would see without it, so the outputs are the
 * same bytes (tests/e2e/jobs.sh checks that).
 *
 * finish sends the last batch, waits until the thread has put everything
 * on and ended, and returns; the stages after it are then finished by the
 * caller as usual, on its own thread. The queue holds at most
 * PL_HANDOFF_BATCHES batches of about PL_HANDOFF_BATCH_BYTES: memory is
 * bounded, and a producer faster than the consumer waits.
 *
 * Threads: the stages before the handoff run on the caller's thread, the
 * ones after it on the handoff's, until finish. Both read the shared
 * context (master, methods, vocabularies), which nothing changes during a
 * run. When the next stage fails (having written its own context's err
 * and exit_code), the thread stops putting; the next put or finish of the
 * handoff copies the reason into the producer's context and returns -1.
 *
 * Errors: pl_handoff_new returns a stage whose self is NULL when the
 * thread cannot be started (the caller then chains the stages directly).
 */
#ifndef PL_HANDOFF_H
#define PL_HANDOFF_H

#include "pl_stage.h"

enum { PL_HANDOFF_BATCH_BYTES = 256 * 1024, PL_HANDOFF_BATCHES = 16 };

/* ctx is the producer's context; inner the one the stages after the
 * handoff were made with (a copy of ctx with its own err), so that the
 * two threads never write the same buffer. */
struct pl_stage pl_handoff_new(struct pl_ctx *ctx, struct pl_ctx *inner, struct pl_sink next);

#endif
