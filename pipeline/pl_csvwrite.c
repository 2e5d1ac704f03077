#include <string.h>

#include "pl_csvwrite.h"

void pl_csvw_init(struct pl_csvw *w, FILE *fp, int neutralize)
{
	memset(w, 0, sizeof *w);
	w->fp = fp;
	w->neutralize = neutralize;
	w->sep = ',';
	w->eol = "\n";
}

void pl_csvw_init_excel(struct pl_csvw *w, FILE *fp)
{
	pl_csvw_init(w, fp, 1);
	w->sep = ';';
	w->decimal_comma = 1;
	w->eol = "\r\n";
	pl_buf_adds(&w->row, "\xEF\xBB\xBF"); /* the byte-order mark, sent with row 1 */
}

static void put(struct pl_csvw *w, const char *s, int may_neutralize)
{
	if (w->ncol++)
		pl_buf_addc(&w->row, w->sep);
	if (!s)
		return;
	int formula = may_neutralize && w->neutralize && strchr("=+-@\t\r", s[0]) && s[0];
	const char *special = w->sep == ';' ? ";\"\r\n" : ",\"\r\n";
	if (!formula && !strpbrk(s, special)) {
		pl_buf_adds(&w->row, s);
		return;
	}
	pl_buf_addc(&w->row, '"');
	if (formula)
		pl_buf_addc(&w->row, '\'');
	for (; *s; s++) {
		if (*s == '"')
			pl_buf_addc(&w->row, '"');
		pl_buf_addc(&w->row, *s);
	}
	pl_buf_addc(&w->row, '"');
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

int pl_csvw_end(struct pl_csvw *w)
{
	pl_buf_adds(&w->row, w->eol);
	if (!w->failed && fwrite(w->row.p, 1, w->row.len, w->fp) != w->row.len)
		w->failed = 1;
	pl_buf_reset(&w->row);
	w->ncol = 0;
	return w->failed ? -1 : 0;
}

void pl_csvw_free(struct pl_csvw *w)
{
	pl_buf_free(&w->row);
}
