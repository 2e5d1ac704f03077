/*
 * validate.h: the third stage. Applies the rules a submission must meet and
 * rejects, whole, every record that breaks one.
 *
 * Rules (docs/reject-codes.md lists every code): a known year (one with a
 * methodology), a region code of the master list, an id and a name for an
 * innovation, ISO dates (tanggal_kirim required), a known verification
 * status, levels 0-3 or empty. A record is rejected with one reject row per
 * problem found, so the clerk sees them all at once; a record with any
 * invalid answer is rejected whole, because scoring part of an innovation
 * would misstate it. Answers for rows the year's methodology does not have,
 * or of the other aspect, are dropped with a warning.
 *
 * Needs ctx->master and ctx->methods.
 */
#ifndef VALIDATE_H
#define VALIDATE_H

#include "pl_stage.h"

struct pl_stage validate_new(struct pl_ctx *ctx, struct pl_sink next);

#endif
