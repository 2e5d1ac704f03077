/*
 * pl_groupbytes.h: a group as bytes in memory, for passing groups between
 * threads without the text stream's escaping (pl_handoff.h, ingest's
 * readers).
 *
 * A row: per field a uint32_t, 0 when the field is missing, else the
 * string's length with its NUL, followed by the string and its NUL (so
 * reading needs no strlen). A group: its kind, what normalize did to it
 * (pl_group.normalized) and its counts of answer and raw rows (four
 * uint32_t), then its head, answer and raw rows. Groups are appended one
 * after another; the reader knows how many a buffer holds.
 *
 * Memory: pl_group_decode points the group's fields into the bytes, which
 * must outlive every use of the group. A stage may still change a field
 * (a new string in g->arena, or the bytes of the string itself) since it
 * keeps no pointer past its put.
 */
#ifndef PL_GROUPBYTES_H
#define PL_GROUPBYTES_H

#include "pl_record.h"
#include "pl_util.h"

/* Appends g to b. */
void pl_group_encode(struct pl_buf *b, const struct pl_group *g);
/* Decodes the group that starts at p into g (started again); returns
 * where the next group starts. */
char *pl_group_decode(struct pl_group *g, char *p);

#endif
