/*
 * pl_csvread.h: reads a CSV file, plain or gzip, one record at a time.
 *
 * Built on libcsv, read through zlib (gzread reads plain files as they
 * are). A line that is a record on its own, with its quotes closed on it
 * and at most max_record bytes, is split by pl_csvline.h instead, with
 * the same result, faster.
 *
 * Memory is bounded by the record limits and a fixed size, not by the
 * file: a file that must be read whole before its first record is passed
 * (with detect, or gzip) is kept in memory by that read when it holds at
 * most opts.whole_max bytes after gunzip (16 MiB) and parsed from there; a
 * larger one is read twice through a buffer of one chunk. The buffer it is
 * kept in grows by doubling (to about twice whole_max at most) and is
 * freed at the end of the read, or, lent by the caller (opts.keep), keeps
 * its capacity for the next file: a run of many files then allocates it
 * once instead of leaving holes in the heap. Each record carries the
 * physical line where it starts (1-based, header = 1),
 * which is what a clerk needs to find it. Blank rows are skipped: they are
 * not records. Fields are passed exactly as written (no trimming).
 *
 * A gzip file is read whole once before its first record is passed, so a
 * truncated or corrupt one fails (-1, GZIP_CORRUPT) having passed nothing:
 * records from a cut file could end mid-row and still look valid.
 *
 * With opts.detect the reader also works out the dialect from the file
 * (pl_dialect.h: UTF-8 byte-order mark, Excel's "sep=" line, the delimiter
 * among , ; tab |) and its encoding (pl_encoding.h, decided on the whole
 * file): Windows-1252 fields are passed converted to UTF-8; in a UTF-8
 * file, a record holding bytes that are not UTF-8 (or a NUL) is passed as
 * an ENCODING_INVALID record. A UTF-16 file or a spreadsheet saved under a
 * .csv name fails with ENCODING_UNSUPPORTED. What was found is in
 * rec->info. Without detect the delimiter is opts.delim and bytes pass as
 * they are.
 *
 * A record that cannot be parsed (unbalanced quotes, a field over
 * max_field bytes, more than max_fields fields or max_record bytes in all,
 * bytes that are not text) is passed to the callback with its error set
 * and no fields, and reading goes on after it; where the quoting itself
 * broke (or a field outgrew the buffer libcsv may have), at the next line.
 * Lines end at LF, CRLF or a CR alone. A file that
 * cannot be opened, a corrupt gzip or an unsupported encoding makes
 * pl_csv_read return -1 with the reason in *err.
 *
 * Memory: a record's fields are valid only during the callback.
 */
#ifndef PL_CSVREAD_H
#define PL_CSVREAD_H

#include <stddef.h>

#include "pl_encoding.h"
#include "pl_reject.h"
#include "pl_util.h"

/* How the file was written, as found (or as given, without detect). */
struct pl_csv_info {
	unsigned char delim;
	int bom;                   /* a UTF-8 byte-order mark was skipped */
	int sep_line;              /* an Excel "sep=" first line was skipped */
	int gzip;                  /* the bytes were gzip-compressed */
	enum pl_encoding encoding; /* PL_ENC_UTF8 without detect */
};

struct pl_csv_record {
	size_t nf;
	char **f;           /* NUL-terminated copies of the fields */
	unsigned long line; /* physical line where the record starts */
	int error;          /* 0, or a pl_reject_code for an unreadable record */
	const struct pl_csv_info *info;
	const char *block; /* nblock bytes holding the fields (all of them, or */
	size_t nblock;     /* the later ones when they outgrew one block) */
};

/* Return 0 to go on, non-zero to stop reading (returned by pl_csv_read). */
typedef int (*pl_csv_cb)(void *ctx, const struct pl_csv_record *rec);

struct pl_csv_opts {
	unsigned char delim; /* ',' if 0; ignored with detect */
	size_t chunk;        /* bytes per read; 64 KiB if 0 (tests vary it) */
	size_t max_field;    /* bytes; 1 MiB if 0 */
	int detect;          /* find the dialect and encoding from the file */
	size_t max_fields;   /* fields in one record; 10000 if 0 */
	size_t max_record;   /* bytes of all fields of a record; 8 MiB if 0 */
	size_t whole_max;    /* bytes up to which a file is read once; 16 MiB if 0
				(tests vary it) */
	struct pl_buf *keep; /* the caller's buffer to hold such a file in, or
				NULL; the caller frees it (pl_buf_free) */
	int libcsv_only;     /* every line through libcsv, none split by
				pl_csvline.h: tests compare the two */
};

struct pl_csv_error {
	enum pl_reject_code code; /* FILE_UNREADABLE, GZIP_CORRUPT, ENCODING_UNSUPPORTED */
	char message[256];        /* the system's reason, in English */
};

/* Reads path and calls cb per record. Returns 0 at the end of the file, the
 * callback's non-zero value if it stopped, or -1 with *err filled. */
int pl_csv_read(const char *path, const struct pl_csv_opts *opts, pl_csv_cb cb,
		void *ctx, struct pl_csv_error *err);

/* The same over bytes in memory (never gzip): for tests and fuzzing. */
int pl_csv_read_mem(const void *data, size_t len, const struct pl_csv_opts *opts,
		    pl_csv_cb cb, void *ctx, struct pl_csv_error *err);

#endif
