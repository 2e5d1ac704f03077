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
 * The Excel flavour (pl_csvw_init_excel) writes what Excel opens right by
 * double-click in the Indonesian locale, whose list separator is ';' and
 * decimal separator ',': fields separated by ';', a UTF-8 byte-order mark
 * before the first row (without it Excel reads the bytes as the ANSI code
 * page), CRLF, and decimal numbers (pl_csvw_dec) with a decimal comma, so
 * that "60,01" is the number 60.01 there and not text. Formula-like text is
 * always neutralized in it: it is only ever meant for people.
 *
 * Errors: the writer gathers rows and writes them with fwrite about
 * PL_CSVW_BLOCK bytes at a time, and the rest at pl_csvw_flush, which must
 * come before fp is closed. pl_csvw_end and pl_csvw_flush return -1 once a
 * write failed, and stay failed.
 */
#ifndef PL_CSVWRITE_H
#define PL_CSVWRITE_H

#include <stdio.h>

#include "pl_util.h"

enum { PL_CSVW_BLOCK = 256 * 1024 };

struct pl_csvw {
	FILE *fp;
	int neutralize; /* prefix formula-like text fields */
	int ncol;       /* fields in the row being built */
	int failed;
	struct pl_buf rows; /* rows not yet written, the last one being built */
	char sep;          /* ',' or, in the Excel flavour, ';' */
	const char *quoted; /* the bytes that make a field quoted: '"', CR, LF, sep */
	int decimal_comma; /* pl_csvw_dec writes 60,01 */
	const char *eol;   /* "\n" or "\r\n" */
};

void pl_csvw_init(struct pl_csvw *w, FILE *fp, int neutralize);
/* The Excel flavour; the byte-order mark goes out with the first row. */
void pl_csvw_init_excel(struct pl_csvw *w, FILE *fp);
void pl_csvw_text(struct pl_csvw *w, const char *s); /* NULL writes empty */
void pl_csvw_num(struct pl_csvw *w, const char *s);
/* A decimal number ("60.01", "-1.25"): written like pl_csvw_num, but with
 * a decimal comma in the Excel flavour. Anything not shaped like a
 * decimal number is written as given. */
void pl_csvw_dec(struct pl_csvw *w, const char *s);
void pl_csvw_long(struct pl_csvw *w, long long v);
/* Ends the row; writes what is gathered once it reaches PL_CSVW_BLOCK. */
int pl_csvw_end(struct pl_csvw *w);
/* Writes every ended row; call it before closing fp. */
int pl_csvw_flush(struct pl_csvw *w);
/* Frees the writer; rows not flushed are dropped. */
void pl_csvw_free(struct pl_csvw *w);

#endif
