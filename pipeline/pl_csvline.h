/*
 * pl_csvline.h: splits a line that is one whole CSV record into its
 * fields, as libcsv would, without libcsv.
 *
 * The reader (pl_csvread.h) must keep white space, so libcsv calls a
 * function for every byte it parses, on top of its state machine: at a
 * few instructions per byte, it was a third of a run's work. Nearly every
 * line of a submission file is a record on its own whose quoted fields
 * close on the same line. pl_csv_split_line finds such a line's
 * delimiters and quotes 16 bytes at a time and passes its fields exactly
 * as libcsv (CSV_STRICT, no byte taken for white space, quote '"') would.
 * It declines, so that the line goes to libcsv, whenever libcsv could do
 * anything else:
 *
 *   - a quoted field that does not close on the line (it holds a line
 *     break, or its quotes are unbalanced);
 *   - a quote inside an unquoted field, or anything but the delimiter
 *     after a closing quote (libcsv's strict errors, which it reports);
 *   - a field longer than max_field, where libcsv's own buffer limit
 *     decides between a field that is too long and a parse error;
 *   - a delimiter that is the quote itself.
 *
 * The line is cut where it lies, so it must be the caller's copy: each
 * field ends with a NUL written over the delimiter or the closing quote
 * after it (or at line[len], which must be writable), and a quoted
 * field's doubled quotes are made single in place. The copy is one
 * memcpy of the line instead of one copy per field.
 */
#ifndef PL_CSVLINE_H
#define PL_CSVLINE_H

#include <stddef.h>

#include "pl_util.h"

/* A record's fields: f[i] NUL-terminated, len[i] its length in bytes (a
 * field may hold a NUL). The arrays grow as needed; the owner frees both. */
struct pl_csv_fields {
	char **f;
	size_t *len;
	size_t n, cap;
};

static inline void pl_csv_fields_add(struct pl_csv_fields *o, char *s, size_t len)
{
	if (o->n == o->cap) {
		/* Both arrays grow alike from the same capacity; the first time
		 * to 128, so that a record of a hundred fields (the arrays are
		 * made for each file) takes one allocation, not five. */
		size_t cap = o->cap, need = o->n < 128 ? 128 : o->n + 1;
		pl_grow((void **)&o->f, &cap, need, sizeof *o->f);
		pl_grow((void **)&o->len, &o->cap, need, sizeof *o->len);
	}
	o->f[o->n] = s;
	o->len[o->n++] = len;
}

/* Splits line[0, len), which holds no line break and is not empty, at
 * delim, adding its fields to *out. Returns 0, or -1 when the line must
 * go to libcsv instead: then some of its first fields may have been added,
 * which the caller discards, and the line may have been cut, so libcsv
 * must be given the original bytes. */
int pl_csv_split_line(char *line, size_t len, unsigned char delim, size_t max_field,
		      struct pl_csv_fields *out);

#endif
