/*
 * score.h: the fourth stage. Applies each year's methodology: scores every
 * innovation and SPD record, settles duplicates, and computes every master
 * region's SPD, SID, IID and predicate for every year seen.
 *
 * The arithmetic is exact (pipeline/pl_exact.h): points in hundredths, the
 * mean over D as a rational, one half-up rounding at the end, as
 * docs/scoring.md derives. Duplicates (same year, region and innovation id;
 * or year and region for SPD) are settled by the latest tanggal_kirim, file
 * order breaking ties; the others are passed on as SUPERSEDED rejects and
 * as records with disposition "superseded", so nothing is lost.
 *
 * Output: inn and spd records (one per input record it received), rejects
 * for superseded copies, and one reg record per master region and year,
 * unranked. inn records come by year, region and id, the copies of one id
 * in the order they arrived (file, then line): innovations.csv's order,
 * which emit then need not sort. Everything but sub records passes
 * through. It holds a compact copy of each record until the input ends,
 * because a later file may supersede an earlier one.
 *
 * Needs ctx->master and ctx->methods.
 */
#ifndef SCORE_H
#define SCORE_H

#include "pl_stage.h"

struct pl_stage score_new(struct pl_ctx *ctx, struct pl_sink next);

#endif
