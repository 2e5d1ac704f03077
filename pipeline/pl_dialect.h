/*
 * pl_dialect.h: how a CSV file is written, read off its first bytes.
 *
 * Excel and the regional systems write "CSV" in several dialects. From a
 * sample of the start of a file (pl_csvread passes the first 64 KiB) this
 * module finds:
 *
 * - a byte-order mark: UTF-8 (skipped), or UTF-16/UTF-32 (not accepted);
 * - a file that is not text at all but a spreadsheet or document saved
 *   under a .csv name (xlsx and other zip files, xls, pdf);
 * - Excel's delimiter hint, a first line "sep=;" (skipped; it names the
 *   delimiter);
 * - otherwise the delimiter, among ',' ';' tab and '|': for each candidate
 *   the sample is split into records (quotes respected, blank lines
 *   ignored, a last record cut off by the end of the sample dropped), and
 *   a candidate is eligible when it splits the first record (the header)
 *   into at least two fields. The eligible candidate whose later records
 *   most often have as many fields as the header wins; ties go to the one
 *   giving the header more fields, then to the order above. With no
 *   eligible candidate (a one-column file) the delimiter is ','.
 *
 * Pure functions over a buffer: no allocation beyond the stack, no errors.
 */
#ifndef PL_DIALECT_H
#define PL_DIALECT_H

#include <stddef.h>

enum pl_bom { PL_BOM_NONE, PL_BOM_UTF8, PL_BOM_UTF16LE, PL_BOM_UTF16BE, PL_BOM_UTF32LE,
	      PL_BOM_UTF32BE };

struct pl_dialect {
	enum pl_bom bom;
	const char *binary;     /* "xlsx/zip", "xls", "pdf" or NULL */
	int sep_line;           /* an Excel "sep=" line was found */
	unsigned char delim;    /* the field delimiter */
	size_t skip;            /* bytes before the first CSV byte: BOM, sep= line */
	unsigned long skip_lines; /* line breaks inside those bytes */
};

/* Reads the start of a file. sample holds its first n bytes; complete says
 * the sample is the whole file (so a last line without a line break is a
 * whole record). */
void pl_dialect_sniff(const char *sample, size_t n, int complete, struct pl_dialect *d);

/* The delimiter among the candidates for a sample that starts at the first
 * CSV byte (after any BOM or sep= line); exposed for tests. */
unsigned char pl_dialect_delimiter(const char *s, size_t n, int complete);

/* "UTF-16LE" and so on; NULL for none or UTF-8. */
const char *pl_bom_unsupported(enum pl_bom bom);

/* A printable name for a delimiter: "," ";" "tab" "|". */
const char *pl_delim_name(unsigned char delim);

#endif
