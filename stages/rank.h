/*
 * rank.h: the fifth stage. Ranks every region within its clusters.
 *
 * Clusters (docs/scoring.md): per year, provinsi, kabupaten and kota are
 * each ranked nationally (rank_national), and kabupaten and kota together
 * within their province (rank_province, empty for a province). Rank is by
 * rounded IID, highest first; equal IIDs share a rank and the next rank
 * skips (1, 2, 2, 4). Rows with equal IID are listed by SID, then SPD,
 * descending, then region code; the order never changes a rank.
 *
 * Each tag column of the master (tertinggal, perbatasan, ...) is a further
 * cluster: the regions carrying it, per year and level, ranked the same
 * way; sent as clu records. Needs ctx->master for tags (none without).
 *
 * Holds the reg records until the input ends; passes everything else on at
 * once and the ranked reg records, by year and region code, at the end.
 */
#ifndef RANK_H
#define RANK_H

#include "pl_stage.h"

struct pl_stage rank_new(struct pl_ctx *ctx, struct pl_sink next);

#endif
