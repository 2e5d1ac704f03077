#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pl_stream.h"

static const char MAGIC[] = "#indeks-stream 1";
/* The last line of a complete stream: a stage that dies mid-way leaves a
 * stream without it, and the next stage refuses to treat it as whole. */
static const char END[] = "#end";

void pl_writer_init(struct pl_writer *w, FILE *fp)
{
	memset(w, 0, sizeof *w);
	w->fp = fp;
}

void pl_stream_escape(struct pl_buf *b, const char *s)
{
	if (!s) {
		pl_buf_add(b, "\\N", 2);
		return;
	}
	const char *run = s;
	for (; *s; s++) {
		const char *esc = NULL;
		switch (*s) {
		case '\\': esc = "\\\\"; break;
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		default: continue;
		}
		pl_buf_add(b, run, (size_t)(s - run));
		pl_buf_add(b, esc, 2);
		run = s + 1;
	}
	pl_buf_add(b, run, (size_t)(s - run));
}

static void put_row(struct pl_writer *w, const struct pl_row *r)
{
	const struct pl_schema *sc = pl_schema_of(r->kind);
	if (!(w->declared & (1u << r->kind))) {
		w->declared |= 1u << r->kind;
		pl_buf_addc(&w->line, '#');
		pl_buf_adds(&w->line, sc->tag);
		for (size_t i = 0; i < sc->nf; i++) {
			pl_buf_addc(&w->line, '\t');
			pl_buf_adds(&w->line, sc->names[i]);
		}
		pl_buf_addc(&w->line, '\n');
	}
	pl_buf_adds(&w->line, sc->tag);
	for (size_t i = 0; i < sc->nf; i++) {
		pl_buf_addc(&w->line, '\t');
		pl_stream_escape(&w->line, r->f[i]);
	}
	pl_buf_addc(&w->line, '\n');
}

int pl_writer_put(struct pl_writer *w, const struct pl_group *g)
{
	if (w->failed)
		return -1;
	pl_buf_reset(&w->line);
	if (!w->started) {
		w->started = 1;
		pl_buf_adds(&w->line, MAGIC);
		pl_buf_addc(&w->line, '\n');
	}
	put_row(w, &g->head);
	for (size_t i = 0; i < g->nans; i++)
		put_row(w, &g->ans[i]);
	for (size_t i = 0; i < g->nraw; i++)
		put_row(w, &g->raw[i]);
	if (fwrite(w->line.p, 1, w->line.len, w->fp) != w->line.len) {
		w->failed = 1;
		return -1;
	}
	return 0;
}

int pl_writer_finish(struct pl_writer *w)
{
	if (!w->failed && !w->started) {
		/* An empty stream still says what it is. */
		if (fprintf(w->fp, "%s\n", MAGIC) < 0)
			w->failed = 1;
		w->started = 1;
	}
	if (!w->failed && fprintf(w->fp, "%s\n", END) < 0)
		w->failed = 1;
	if (fflush(w->fp) != 0 || ferror(w->fp))
		w->failed = 1;
	return w->failed ? -1 : 0;
}

void pl_writer_free(struct pl_writer *w)
{
	pl_buf_free(&w->line);
}

void pl_reader_init(struct pl_reader *r, FILE *fp)
{
	memset(r, 0, sizeof *r);
	r->fp = fp;
}

void pl_reader_free(struct pl_reader *r)
{
	free(r->line);
	pl_buf_free(&r->pending);
	pl_buf_free(&r->error);
}

static int fail(struct pl_reader *r, const char *what)
{
	pl_buf_reset(&r->error);
	pl_buf_printf(&r->error, "stream line %lu: %s", r->lineno, what);
	return -1;
}

/* Unescapes s[0..n) in place; returns the new length or -1. */
static long unescape(char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\') {
			s[o++] = s[i];
			continue;
		}
		if (++i == n)
			return -1;
		switch (s[i]) {
		case '\\': s[o++] = '\\'; break;
		case 't': s[o++] = '\t'; break;
		case 'n': s[o++] = '\n'; break;
		case 'r': s[o++] = '\r'; break;
		default: return -1;
		}
	}
	return (long)o;
}

/* Checks a "#tag<TAB>col..." declaration against the compiled schema. */
static int check_declaration(struct pl_reader *r, char *line)
{
	char *tab = strchr(line, '\t');
	if (tab)
		*tab = '\0';
	int kind = pl_kind_from_tag(line + 1);
	if (kind < 0)
		return fail(r, "declaration of an unknown record kind");
	const struct pl_schema *sc = pl_schema_of(kind);
	struct pl_buf want = {0};
	for (size_t i = 0; i < sc->nf; i++) {
		pl_buf_addc(&want, '\t');
		pl_buf_adds(&want, sc->names[i]);
	}
	int same = tab && strcmp(tab + 1, pl_buf_str(&want) + 1) == 0;
	pl_buf_free(&want);
	if (!same)
		return fail(r, "columns differ from this program's schema "
			       "(stages from different versions?)");
	r->declared |= 1u << kind;
	return 0;
}

/* Parses a record line into a row of g (head when !as_ans is irrelevant:
 * the kind decides). Returns the kind or -1. */
static int parse_row(struct pl_reader *r, struct pl_group *g, char *line,
		     size_t len, int start_group)
{
	char *tab = memchr(line, '\t', len);
	if (!tab)
		return fail(r, "record without fields");
	*tab = '\0';
	int kind = pl_kind_from_tag(line);
	if (kind < 0)
		return fail(r, "unknown record kind");
	if (!(r->declared & (1u << kind)))
		return fail(r, "record before its column declaration");
	int trailing = kind == PL_KIND_ANS || kind == PL_KIND_RAW;
	if (trailing == start_group)
		return fail(r, trailing ? "answer or raw value without a submission before it"
					: "internal: head expected");
	struct pl_row *row;
	if (kind == PL_KIND_ANS) {
		row = pl_group_add_ans(g);
	} else if (kind == PL_KIND_RAW) {
		row = pl_group_add_raw(g);
	} else {
		pl_group_start(g, kind);
		row = &g->head;
	}
	const struct pl_schema *sc = pl_schema_of(kind);
	char *p = tab + 1, *end = line + len;
	for (size_t i = 0; i < sc->nf; i++) {
		char *q = memchr(p, '\t', (size_t)(end - p));
		if (!q)
			q = end;
		if ((i + 1 < sc->nf) != (q < end))
			return fail(r, "wrong number of fields");
		size_t n = (size_t)(q - p);
		if (n == 2 && p[0] == '\\' && p[1] == 'N') {
			row->f[i] = NULL;
		} else {
			long m = unescape(p, n);
			if (m < 0)
				return fail(r, "bad backslash escape");
			pl_setn(g, row, i, p, (size_t)m);
		}
		p = q + 1;
	}
	return kind;
}

/* Reads the next non-comment line into r->line; 1, 0 at EOF, -1 error. */
static int read_line(struct pl_reader *r, size_t *len)
{
	for (;;) {
		errno = 0;
		ssize_t n = getline(&r->line, &r->linecap, r->fp);
		if (n < 0) {
			if (ferror(r->fp))
				return fail(r, "read error");
			if (!r->ended && r->lineno > 0)
				return fail(r, "the stream ends without its end marker "
					       "(did an earlier stage fail?)");
			return 0;
		}
		r->lineno++;
		if (r->ended)
			return fail(r, "data after the end marker");
		if (n > 0 && r->line[n - 1] == '\n')
			r->line[--n] = '\0';
		else
			return fail(r, "truncated stream (no final newline)");
		if (r->lineno == 1) {
			if (strcmp(r->line, MAGIC) != 0)
				return fail(r, "not an indeks stream");
			continue;
		}
		if (strcmp(r->line, END) == 0) {
			r->ended = 1;
			continue;
		}
		if (r->line[0] == '#') {
			if (check_declaration(r, r->line) < 0)
				return -1;
			continue;
		}
		*len = (size_t)n;
		return 1;
	}
}

int pl_reader_next(struct pl_reader *r, struct pl_group *g)
{
	size_t len;
	int rc;
	if (r->have_pending) {
		r->have_pending = 0;
		if (parse_row(r, g, r->pending.p, r->pending.len, 1) < 0)
			return -1;
	} else {
		rc = read_line(r, &len);
		if (rc <= 0) {
			if (rc == 0 && r->lineno == 0)
				return fail(r, "empty input: not an indeks stream");
			return rc;
		}
		if (parse_row(r, g, r->line, len, 1) < 0)
			return -1;
	}
	if (g->head.kind != PL_KIND_SUB)
		return 1;
	/* Answers and raw values follow their submission; the next head ends
	 * the group. */
	while ((rc = read_line(r, &len)) > 0) {
		if (strncmp(r->line, "ans\t", 4) != 0 && strncmp(r->line, "raw\t", 4) != 0) {
			pl_buf_reset(&r->pending);
			pl_buf_add(&r->pending, r->line, len);
			r->have_pending = 1;
			return 1;
		}
		if (parse_row(r, g, r->line, len, 0) < 0)
			return -1;
	}
	return rc < 0 ? -1 : 1;
}
