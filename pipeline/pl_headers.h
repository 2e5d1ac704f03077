/*
 * pl_headers.h: what a column header means, whatever way it is written.
 *
 * People type headers in many ways ("Kode Wilayah ", "KODE-WILAYAH",
 * "kode_wilayah") and with their own words (OPD, SKPD, instansi for the
 * agency). A name is first folded:
 *
 * - ASCII letters lower-cased (other bytes kept as they are);
 * - a part in parentheses dropped ("Kode Wilayah (Kemendagri)"), unless
 *   nothing else is left;
 * - every run of characters other than letters, digits and non-ASCII
 *   bytes (spaces, tabs, a no-break space, punctuation) made one "_", and
 *   none at either end;
 * - a "_" put between a letter and a digit that touch ("ind16" -> ind_16).
 *
 * and then looked up in a synonym table kept as data
 * (pipeline/data/headers.csv, compiled into the program), which maps each
 * folded variant to its canonical name. Variants ending in <row> are
 * patterns: "indikator <row>" maps "Indikator 16" to "ind_16", where a
 * row is 1-3 digits and at most one letter (16, 2a, 10b).
 *
 * Memory: a table owns its strings (pl_headers_free); the default table is
 * loaded once and lives as long as the process. Loading fails (-1, the
 * reason in err) on a line without two names or a variant that means two
 * different columns.
 */
#ifndef PL_HEADERS_H
#define PL_HEADERS_H

#include <stddef.h>

#include "pl_util.h"

struct pl_header_entry {
	char *variant;   /* folded; for a pattern, the part before <row> */
	char *canonical; /* for a pattern, the part before <row> ("ind_") */
	int pattern;
};

struct pl_headers {
	struct pl_header_entry *e; /* sorted: names before patterns, each by variant */
	size_t n, cap;
};

/* Folds a header name into out (reset first). */
void pl_header_fold(const char *name, struct pl_buf *out);

/* Loads a table from text: a first line "canonical,variant", then one
 * "canonical,variant" per line; lines starting with '#' and blank lines are
 * skipped. Each canonical name also maps to itself. */
int pl_headers_load(struct pl_headers *h, const char *text, size_t len, struct pl_buf *err);
void pl_headers_free(struct pl_headers *h);

/* The table shipped with the program, or NULL (err filled) if it does not
 * load, which a test rules out. */
const struct pl_headers *pl_headers_default(struct pl_buf *err);

/* The canonical name of a header (written to out) and 1, or 0 when the
 * table does not know it (out then holds the folded name). */
int pl_headers_map(const struct pl_headers *h, const char *name, struct pl_buf *out);

#endif
