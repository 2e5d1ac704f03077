/*
 * pl_groupbytes.h: a group as bytes in memory, for passing groups between
 * threads without the text stream's escaping (pl_handoff.h, ingest's
 * readers).
 *
 * A group: five uint32_t (its kind, what normalize did to it
 * (pl_group.normalized), its counts of answer and raw rows, and the size
 * of its bulk bytes), the bulk bytes (pl_group.span, a CSV record's
 * fields, then pl_group.shared, its file's answer row names, each copied
 * at once), then its head, answer and raw rows. A row: per field a
 * uint32_t code: 0 when the field is missing; odd, 2 * p + 1, for a
 * string at place p of the bulk bytes; even, 2 * n, for a string of n
 * bytes with its NUL that follows the code. No string needs a strlen to
 * be read, and one a CSV record read ahead holds needs none to be
 * written either: of a submission's hundred fields, the few made
 * elsewhere (its file and line) are copied one by one. Groups are
 * appended one after another; the reader knows how many a buffer holds.
 *
 * Memory: pl_group_decode points the group's fields (and its span) into
 * the bytes, which must outlive every use of the group. A stage may still
 * change a field (a new string in g->arena, or the bytes of the string
 * itself) since it keeps no pointer past its put.
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
