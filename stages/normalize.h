/*
 * normalize.h: the second stage. Turns every reasonable way of writing a
 * value into the canonical one, and rejects what cannot be read.
 *
 * docs/normalization.md has every rule with examples. In short:
 *   - white space trimmed and collapsed in every field;
 *   - regions: codes 52.72, 5272, 52 72, 5272.0, 52.0; names in any case,
 *     with or without Kabupaten/Kab./Kota, or "Bima, Kota"; the code
 *     decides and the name must agree (CODE_NAME_MISMATCH otherwise); a
 *     name alone resolves only when one region has it (REGION_AMBIGUOUS);
 *     retired Papua codes are mapped to today's (REGION_CODE_MAPPED);
 *   - numbers (year, levels) in Indonesian or plain notation (pl_idnum);
 *   - dates in ISO, day-first, with month names, or spreadsheet serials
 *     (pl_iddate); unreadable or impossible: DATE_MALFORMED; month-first
 *     looking: DATE_AMBIGUOUS;
 *   - bentuk, jenis, inisiator, urusan, tahapan, status_verifikasi through
 *     the synonym table (pl_vocab); unknown: VALUE_UNKNOWN or
 *     STATUS_UNKNOWN listing the accepted values.
 * A field it changes keeps its value as written (a raw row), so any later
 * reject quotes what the clerk typed. A record with a value it cannot
 * read is rejected whole, every such value listed. Other records pass
 * through. Needs ctx->master and ctx->vocab.
 */
#ifndef NORMALIZE_H
#define NORMALIZE_H

#include "pl_stage.h"

struct pl_stage normalize_new(struct pl_ctx *ctx, struct pl_sink next);

/* The same work, for a thread that reads files ahead of the run's
 * (ingest_opts.ahead): each submission is sent on marked with the outcome
 * (pl_group.normalized), a rejected one too, after its rejects; it counts
 * nothing and its finish sends nothing. The stage on the run's thread
 * then counts a marked submission and passes it on or drops it, without
 * normalizing it again, so the output is the same as when it does all
 * the work. ctx is only read: instances on several threads may share it.
 * A failure of next fails only that put. */
struct pl_stage normalize_ahead_new(struct pl_ctx *ctx, struct pl_sink next);

#endif
