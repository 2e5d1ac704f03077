#include <string.h>

#include "pl_csvwrite.h"

void pl_csvw_init(struct pl_csvw *w, FILE *fp, int neutralize)
{
	memset(w, 0, sizeof *w);
	w->fp = fp;
	w->neutralize = neutralize;
	w->sep = ',';
	w->quoted = "\"\r\n,";
	w->eol = "\n";
}

void pl_csvw_init_excel(struct pl_csvw *w, FILE *fp)
{
	pl_csvw_init(w, fp, 1);
	w->sep = ';';
	w->quoted = "\"\r\n;";
	w->decimal_comma = 1;
	w->eol = "\r\n";
	pl_buf_adds(&w->rows, "\xEF\xBB\xBF"); /* the byte-order mark, sent with row 1 */
}

/* Whether text starting with c is read as a formula by a spreadsheet
 * (pl_csvwrite.h). */
static int formula_start(char c)
{
	switch (c) {
	case '=':
	case '+':
	case '-':
	case '@':
	case '\t':
	case '\r':
		return 1;
	default:
		return 0;
	}
}

static void put(struct pl_csvw *w, const char *s, int may_neutralize)
{
	if (w->ncol++)
		pl_buf_addc(&w->rows, w->sep);
	if (!s)
		return;
	int formula = may_neutralize && w->neutralize && formula_start(s[0]);
	/* The part before the first byte that needs quotes: strcspn looks at
	 * 16 bytes at a time, a third faster than a byte loop on the fields
	 * of innovations.csv (13 bytes on average). */
	size_t n = strcspn(s, w->quoted);
	if (!formula && s[n] == '\0') {
		pl_buf_add(&w->rows, s, n);
		return;
	}
	pl_buf_addc(&w->rows, '"');
	if (formula)
		pl_buf_addc(&w->rows, '\'');
	/* Runs between quotes as they are, each quote doubled. */
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		pl_buf_add(&w->rows, s, (size_t)(q - s) + 1);
		pl_buf_addc(&w->rows, '"');
	}
	pl_buf_adds(&w->rows, s);
	pl_buf_addc(&w->rows, '"');
}

void pl_csvw_text(struct pl_csvw *w, const char *s)
{
	put(w, s, 1);
}

void pl_csvw_num(struct pl_csvw *w, const char *s)
{
	put(w, s, 0);
}

/* -digits.digits: the shape of every decimal column of the outputs. */
static int is_decimal(const char *s)
{
	const char *p = s + (*s == '-');
	size_t whole = strspn(p, "0123456789");
	if (!whole || p[whole] != '.')
		return 0;
	const char *frac = p + whole + 1;
	size_t nfrac = strspn(frac, "0123456789");
	return nfrac && frac[nfrac] == '\0';
}

void pl_csvw_dec(struct pl_csvw *w, const char *s)
{
	if (!w->decimal_comma || !s || !is_decimal(s)) {
		put(w, s, 0);
		return;
	}
	char buf[64];
	size_t n = strlen(s);
	if (n >= sizeof buf) {
		put(w, s, 0);
		return;
	}
	memcpy(buf, s, n + 1);
	*strchr(buf, '.') = ',';
	put(w, buf, 0);
}

void pl_csvw_long(struct pl_csvw *w, long long v)
{
	char buf[PL_INT_BUF];
	put(w, pl_fmt_int(buf, v), 0);
}

int pl_csvw_flush(struct pl_csvw *w)
{
	if (!w->failed && w->rows.len && fwrite(w->rows.p, 1, w->rows.len, w->fp) != w->rows.len)
		w->failed = 1;
	pl_buf_reset(&w->rows);
	return w->failed ? -1 : 0;
}

int pl_csvw_end(struct pl_csvw *w)
{
	pl_buf_adds(&w->rows, w->eol);
	w->ncol = 0;
	/* Rows go out in blocks: stdio's own buffer is one page, and a write
	 * system call per page costs more than the rows it carries. */
	if (w->failed || w->rows.len >= PL_CSVW_BLOCK)
		return pl_csvw_flush(w);
	return 0;
}

void pl_csvw_free(struct pl_csvw *w)
{
	pl_buf_free(&w->rows);
}
