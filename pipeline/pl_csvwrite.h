/*
 * pl_csvwrite.h: writes RFC 4180 CSV for the published outputs.
 *
 * Text fields are quoted when they hold a comma, quote, CR or LF. When the
 * file is meant to be opened by people in a spreadsheet, a text field that
 * begins with '=', '+', '-', '@', tab or CR is prefixed with an apostrophe
 * so that no formula from an untrusted submission runs (OWASP's advice).
 * Numeric fields are written as given and never prefixed, so numbers stay
 * numbers.
 *
 * Errors: the writer buffers a row and writes it with fwrite; pl_csvw_end
 * returns -1 once a write failed, and stays failed.
 */
#ifndef PL_CSVWRITE_H
#define PL_CSVWRITE_H

#include <stdio.h>

#include "pl_util.h"

struct pl_csvw {
	FILE *fp;
	int neutralize; /* prefix formula-like text fields */
	int ncol;       /* fields in the row being built */
	int failed;
	struct pl_buf row;
};

void pl_csvw_init(struct pl_csvw *w, FILE *fp, int neutralize);
void pl_csvw_text(struct pl_csvw *w, const char *s); /* NULL writes empty */
void pl_csvw_num(struct pl_csvw *w, const char *s);
void pl_csvw_long(struct pl_csvw *w, long long v);
int pl_csvw_end(struct pl_csvw *w);
void pl_csvw_free(struct pl_csvw *w);

#endif
