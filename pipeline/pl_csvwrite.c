#include <string.h>

#include "pl_csvwrite.h"

void pl_csvw_init(struct pl_csvw *w, FILE *fp, int neutralize)
{
	memset(w, 0, sizeof *w);
	w->fp = fp;
	w->neutralize = neutralize;
}

static void put(struct pl_csvw *w, const char *s, int may_neutralize)
{
	if (w->ncol++)
		pl_buf_addc(&w->row, ',');
	if (!s)
		return;
	int formula = may_neutralize && w->neutralize && strchr("=+-@\t\r", s[0]) && s[0];
	if (!formula && !strpbrk(s, ",\"\r\n")) {
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

void pl_csvw_long(struct pl_csvw *w, long long v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", v);
	put(w, buf, 0);
}

int pl_csvw_end(struct pl_csvw *w)
{
	pl_buf_addc(&w->row, '\n');
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
