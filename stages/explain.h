/*
 * explain.h: why a region scores what it scores, and the cheapest way up.
 *
 * For one region and year, given what score computed and the answers of
 * the records that counted, explain_region sends:
 *   - exp records: the region's points by aspect and variable (SPD rows by
 *     variable; SID variables as their share of SID, that is the sum over
 *     scored innovations divided by D; J on its own line);
 *   - sug records: the changes, cheapest first, that would lift the region
 *     to the next predicate: evidence for answers claimed but not evidenced
 *     (the document usually exists: attach it), then level 1 for
 *     unanswered rows, then, for a region under the divisor floor, more
 *     innovations as mature as its average (each adds to the sum without
 *     raising D, and adds to J); each with the IID points it is worth and
 *     where the IID stands after it. Worth is exact: a change to an innovation adds
 *     its points over D, to the SPD record adds its points; the steps stop
 *     when the rounded IID reaches the next bound (docs/explain.md).
 * The caller keeps ownership of everything it passes.
 */
#ifndef EXPLAIN_H
#define EXPLAIN_H

#include <stddef.h>
#include <stdint.h>

#include "pl_stage.h"

enum { EXPLAIN_BLANK = -1 };

/* One answer as score saw it. */
struct explain_answer {
	int8_t claimed;   /* level, or EXPLAIN_BLANK */
	int8_t verified;  /* level, or EXPLAIN_BLANK */
	uint8_t evidenced;
	uint8_t scored;   /* the level the evidence rule scored */
};

/* A record that counts: its answers indexed like the method's rows. */
struct explain_record {
	const char *file, *line, *id;
	const struct explain_answer *ans;
};

struct explain_input {
	const struct pl_method *m;
	const struct pl_region *region;
	const struct explain_record *spd; /* the SPD record used, or NULL */
	const struct explain_record *const *inn; /* scored innovations */
	size_t ninn;
	int64_t spd_h, sum_s_h, j_h, d, iid_h; /* as score computed them */
	int64_t n_div, n_count;
};

/* Returns 0, or -1 when next failed. */
int explain_region(const struct explain_input *in, struct pl_sink next, struct pl_group *out);

#endif
