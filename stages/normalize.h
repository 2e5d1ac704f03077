/*
 * normalize.h: the second stage. Writes each value of a submission in its
 * canonical form, so that validate can judge it strictly.
 *
 * What it does (docs/input-format.md has the rules): every field loses
 * surrounding white space and runs of inner white space become one space;
 * region codes written 5272, 52 72, 5272.0 or 52.0 become 52.72 or 52;
 * a year or level written as a spreadsheet float (2023.0, 2.0) becomes the
 * integer; the verification status is lower-cased. A value it does not
 * recognise is passed on as written, for validate to reject with the value
 * the clerk typed. Other records pass through untouched.
 */
#ifndef NORMALIZE_H
#define NORMALIZE_H

#include "pl_stage.h"

struct pl_stage normalize_new(struct pl_ctx *ctx, struct pl_sink next);

#endif
