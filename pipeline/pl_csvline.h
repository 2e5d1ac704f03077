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

/* Receives one field: len bytes at s, NUL-terminated, within the line. */
typedef void (*pl_csv_field_fn)(void *ctx, char *s, size_t len);

/* Splits line[0, len), which holds no line break and is not empty, at
 * delim. Returns 0 having passed every field to fn in order, or -1 when
 * the line must go to libcsv instead: then fn may have been passed some of
 * its first fields, which the caller discards, and the line may have been
 * cut, so libcsv must be given the original bytes. */
int pl_csv_split_line(char *line, size_t len, unsigned char delim, size_t max_field,
		      pl_csv_field_fn fn, void *ctx);

#endif
