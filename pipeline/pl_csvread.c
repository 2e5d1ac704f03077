#include <csv.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "pl_arena.h"
#include "pl_csvread.h"
#include "pl_util.h"

/* libcsv's realloc hook takes no context, so the field limit of the reader
 * running on this thread is kept here. */
static _Thread_local size_t field_limit;

static void *limited_realloc(void *p, size_t n)
{
	if (n > field_limit)
		return NULL; /* libcsv reports CSV_ENOMEM: the field is too long */
	return realloc(p, n);
}

struct reader {
	struct csv_parser parser;
	unsigned char delim;
	struct pl_arena arena;
	char **f;
	size_t nf, cap;
	unsigned long line;     /* physical line being fed */
	unsigned long rec_line; /* line where the current record started */
	int in_record;
	pl_csv_cb cb;
	void *ctx;
	int stop; /* the callback's non-zero return */
};

static int is_space(unsigned char c)
{
	(void)c;
	return 0; /* keep every byte: normalize decides what white space means */
}

static void parser_start(struct reader *r)
{
	csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_delim(&r->parser, r->delim);
	csv_set_space_func(&r->parser, is_space);
	csv_set_realloc_func(&r->parser, limited_realloc);
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	pl_grow((void **)&r->f, &r->cap, r->nf + 1, sizeof *r->f);
	r->f[r->nf++] = pl_arena_strndup(&r->arena, s ? s : "", s ? len : 0);
}

static void deliver(struct reader *r, int error)
{
	struct pl_csv_record rec = {error ? 0 : r->nf, r->f, r->rec_line, error};
	int blank = !error;
	for (size_t i = 0; blank && i < r->nf; i++)
		if (!pl_is_blank(r->f[i]))
			blank = 0;
	if (!blank && !r->stop)
		r->stop = r->cb(r->ctx, &rec);
	r->nf = 0;
	r->in_record = 0;
	pl_arena_reset(&r->arena);
}

static void on_row(int c, void *data)
{
	(void)c;
	deliver(data, 0);
}

/* A parse error: report the record, restart the parser after this line. */
static void parse_error(struct reader *r)
{
	int e = csv_error(&r->parser);
	csv_free(&r->parser);
	deliver(r, e == CSV_ENOMEM ? PL_REJ_FIELD_TOO_LONG : PL_REJ_CSV_MALFORMED);
	parser_start(r);
}

static int is_line_break(const char *s, size_t n)
{
	return (n == 1 && s[0] == '\n') || (n == 2 && s[0] == '\r' && s[1] == '\n') ||
	       (n == 1 && s[0] == '\r');
}

/* Feeds the chunk line by line so every record learns its start line.
 * skipping is set after an error until the end of the line. */
static void feed(struct reader *r, const char *buf, size_t len, int *skipping)
{
	while (len && !r->stop) {
		const char *nl = memchr(buf, '\n', len);
		size_t n = nl ? (size_t)(nl - buf) + 1 : len;
		if (!*skipping) {
			if (!r->in_record && !is_line_break(buf, n)) {
				r->in_record = 1;
				r->rec_line = r->line;
			}
			if (csv_parse(&r->parser, buf, n, on_field, on_row, r) != n) {
				parse_error(r);
				*skipping = nl == NULL;
			}
		} else if (nl) {
			*skipping = 0;
		}
		if (nl)
			r->line++;
		buf += n;
		len -= n;
	}
}

static int gz_failed(gzFile gz, struct pl_csv_error *err)
{
	int errnum = Z_OK;
	const char *msg = gzerror(gz, &errnum);
	if (errnum == Z_OK)
		return 0;
	if (errnum == Z_ERRNO) {
		err->code = PL_REJ_FILE_UNREADABLE;
		snprintf(err->message, sizeof err->message, "%s", strerror(errno));
	} else {
		/* zlib prefixes the path; the caller names the file its own way. */
		const char *colon = strstr(msg, ": ");
		err->code = PL_REJ_GZIP_CORRUPT;
		snprintf(err->message, sizeof err->message, "%s", colon ? colon + 2 : msg);
	}
	return 1;
}

int pl_csv_read(const char *path, const struct pl_csv_opts *opts, pl_csv_cb cb,
		void *ctx, struct pl_csv_error *err)
{
	size_t chunk = opts && opts->chunk ? opts->chunk : 64 * 1024;
	field_limit = opts && opts->max_field ? opts->max_field : 1024 * 1024;
	err->message[0] = '\0';
	errno = 0;
	gzFile gz = gzopen(path, "rb");
	if (!gz) {
		err->code = PL_REJ_FILE_UNREADABLE;
		snprintf(err->message, sizeof err->message, "%s",
			 errno ? strerror(errno) : "cannot open");
		return -1;
	}
	if (chunk > UINT_MAX)
		chunk = UINT_MAX;
	struct reader r = {0};
	r.delim = opts && opts->delim ? opts->delim : ',';
	r.line = 1;
	r.cb = cb;
	r.ctx = ctx;
	parser_start(&r);
	char *buf = pl_xmalloc(chunk);
	int skipping = 0, rc = 0;
	for (;;) {
		int n = gzread(gz, buf, (unsigned)chunk);
		if (n < 0 || (n == 0 && gz_failed(gz, err))) {
			rc = -1;
			break;
		}
		if (n == 0)
			break;
		feed(&r, buf, (size_t)n, &skipping);
		if (r.stop)
			break;
	}
	if (rc == 0 && !r.stop && !skipping) {
		if (csv_fini(&r.parser, on_field, on_row, &r) != 0)
			parse_error(&r);
	}
	if (rc == -1 && err->message[0] == '\0' && !gz_failed(gz, err)) {
		err->code = PL_REJ_FILE_UNREADABLE;
		snprintf(err->message, sizeof err->message, "read error");
	}
	csv_free(&r.parser);
	gzclose(gz);
	free(buf);
	free(r.f);
	pl_arena_free(&r.arena);
	if (rc == 0 && r.stop)
		rc = r.stop;
	return rc;
}
