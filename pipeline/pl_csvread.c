#include <csv.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "pl_arena.h"
#include "pl_csvline.h"
#include "pl_csvread.h"
#include "pl_dialect.h"
#include "pl_util.h"

enum {
	SNIFF_MAX = 64 * 1024,      /* bytes of the file's start the dialect is read from */
	/* A file that must be read before it is parsed (detect, gzip) and
	 * holds at most this many bytes (after gunzip) is kept in memory by
	 * that first read and parsed from there, instead of being read (and
	 * inflated) a second time: most submission files are a few KB, and a
	 * run reads thousands of them. The largest file of the generated 4M
	 * set is 3.7 MB; a larger file is read twice through the chunk buffer,
	 * so what a file can cost in memory stays bounded whatever its size. */
	DEFAULT_WHOLE_MAX = 16 * 1024 * 1024,
	DEFAULT_CHUNK = 64 * 1024,
	DEFAULT_MAX_FIELD = 1024 * 1024,
	DEFAULT_MAX_FIELDS = 10000,
	DEFAULT_MAX_RECORD = 8 * 1024 * 1024,
	/* libcsv grows a field's buffer by a block at a time, and asks for
	 * room before it knows whether the next byte belongs to the field; when
	 * a block does not fit under the limit it tries half, and so on. So
	 * the allocation limit leaves a little room past the field limit, and
	 * the exact limit is checked per field. Blocks are large: libcsv's
	 * default (128 bytes) makes a 1 MiB field cost 8192 reallocations,
	 * each copying the field so far. */
	BLOCK = 64 * 1024,
	BLOCK_SLACK = 256,
};

/* libcsv's realloc hook takes no context, so the allocation limit of the
 * reader running on this thread is kept here. */
static _Thread_local size_t alloc_limit;

static void *limited_realloc(void *p, size_t n)
{
	if (n > alloc_limit)
		return NULL; /* libcsv reports CSV_ENOMEM: the field is too long */
	return realloc(p, n);
}

/* Where the bytes come from: a file through zlib, or memory. */
struct source {
	gzFile gz;
	const char *mem;
	size_t len, pos;
};

struct reader {
	struct csv_parser parser;
	struct pl_csv_info info;
	int check_nul;           /* the file has NUL bytes: look for them per field */
	int libcsv_only;	 /* every line through libcsv (opts.libcsv_only) */
	size_t max_field, max_fields, max_record;
	struct pl_arena arena;
	struct pl_csv_fields fields; /* the current record's */
	size_t rec_bytes;        /* bytes of the current record's fields */
	int rec_error;           /* a limit the current record broke */
	unsigned long line;      /* physical line being fed */
	unsigned long rec_line;  /* line where the current record started */
	int in_record;
	size_t skip;             /* bytes still to drop (BOM, sep= line) */
	int cr_pending;          /* the last chunk ended with a CR */
	int skipping;            /* after an error: drop the rest of the line */
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
	csv_set_delim(&r->parser, r->info.delim);
	csv_set_space_func(&r->parser, is_space);
	csv_set_realloc_func(&r->parser, limited_realloc);
	csv_set_blk_size(&r->parser, BLOCK);
}

/* Whether the record can take one more field of len bytes: sets the
 * record's error when it cannot or is lost already. */
static int take_field(struct reader *r, const char *s, size_t len)
{
	if (r->rec_error)
		return 0; /* the record is lost already: keep nothing more of it */
	if (r->check_nul && memchr(s, '\0', len)) {
		/* The copy would stop at a NUL; a NUL is never text anyway. */
		r->rec_error = PL_REJ_ENCODING_INVALID;
		return 0;
	}
	if (len > r->max_field) {
		r->rec_error = PL_REJ_FIELD_TOO_LONG;
		return 0;
	}
	if (r->fields.n >= r->max_fields || len > r->max_record - r->rec_bytes) {
		r->rec_error = PL_REJ_RECORD_TOO_LONG;
		return 0;
	}
	r->rec_bytes += len;
	return 1;
}

/* libcsv's field callback, with the field in libcsv's buffer: copied. s is
 * NULL for an empty field when libcsv has not needed its buffer yet. */
static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	const char *f = s ? s : "";
	if (!s)
		len = 0;
	if (take_field(r, f, len))
		pl_csv_fields_add(&r->fields, pl_arena_strndup(&r->arena, f, len), len);
}

/* The limits for a record split from its line, all at once: the fields
 * went in without a check. The line holds at most max_record bytes
 * (split_line), so with at most max_fields fields and no NUL to look for
 * it keeps all of them; otherwise they are taken one by one as libcsv's
 * would be. */
static void check_line_fields(struct reader *r)
{
	struct pl_csv_fields *fl = &r->fields;
	if (fl->n <= r->max_fields && !r->check_nul)
		return;
	size_t n = fl->n;
	fl->n = 0;
	for (size_t i = 0; i < n && take_field(r, fl->f[i], fl->len[i]); i++)
		fl->n++;
}

/* Makes the record's fields UTF-8: converts Windows-1252, or, in a file
 * that is not valid UTF-8 throughout, checks each field. Returns 0, or
 * ENCODING_INVALID. */
static int make_text(struct reader *r)
{
	for (size_t i = 0; i < r->fields.n; i++) {
		const char *v = r->fields.f[i];
		size_t n = strlen(v);
		if (r->info.encoding == PL_ENC_CP1252) {
			char *u = pl_arena_alloc(&r->arena, pl_cp1252_utf8_len(v, n) + 1);
			pl_cp1252_to_utf8(v, n, u);
			r->fields.f[i] = u;
		} else if (r->info.encoding == PL_ENC_UTF8_BAD && !pl_utf8_valid(v, n, NULL)) {
			return PL_REJ_ENCODING_INVALID;
		}
	}
	return 0;
}

/* Drops the current record: the next one starts empty. */
static void forget_record(struct reader *r)
{
	r->fields.n = 0;
	r->rec_bytes = 0;
	r->rec_error = 0;
	r->in_record = 0;
	pl_arena_reset(&r->arena);
}

static void deliver(struct reader *r, int error)
{
	if (!error)
		error = r->rec_error;
	int blank = !error;
	for (size_t i = 0; blank && i < r->fields.n; i++)
		if (!pl_is_blank(r->fields.f[i]))
			blank = 0;
	/* Most files are valid UTF-8 throughout (and without detect the
	 * encoding is taken to be): their fields need nothing. */
	if (!blank && !error && r->info.encoding != PL_ENC_UTF8)
		error = make_text(r);
	struct pl_csv_record rec = {
	    error ? 0 : r->fields.n, r->fields.f, r->rec_line, error, &r->info, NULL, 0};
	rec.block = pl_arena_last(&r->arena, &rec.nblock);
	if (!blank && !r->stop)
		r->stop = r->cb(r->ctx, &rec);
	forget_record(r);
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

/* A line that is a whole record in the common form is split by
 * pl_csvline.h, the same way as by libcsv and several times faster; any
 * other line goes to libcsv. buf holds the line and its line break.
 * Returns whether the line was split here. */
static int split_line(struct reader *r, const char *buf, size_t n)
{
	size_t len = n - 1 - (n >= 2 && buf[n - 1] == '\n' && buf[n - 2] == '\r');
	if (len == 0 || r->libcsv_only)
		return 0; /* a blank line: libcsv passes over it */
	/* A line longer than a record may be is left to libcsv, which keeps
	 * no more of it than max_record bytes: the copy below would. */
	if (len > r->max_record)
		return 0;
	r->in_record = 1;
	r->rec_line = r->line;
	/* The fields are cut from one copy of the line in the record's arena. */
	char *line = pl_arena_strndup(&r->arena, buf, len);
	if (pl_csv_split_line(line, len, r->info.delim, r->max_field, &r->fields) == 0) {
		check_line_fields(r);
		deliver(r, 0);
		return 1;
	}
	/* libcsv parses the line again from its start, from buf. */
	forget_record(r);
	return 0;
}

/* Feeds one piece of a line; ends says it closes with a line break. */
static void feed_segment(struct reader *r, const char *buf, size_t n, int ends)
{
	if (!r->skipping && !r->in_record && ends && split_line(r, buf, n)) {
		r->line++;
		return;
	}
	if (!r->skipping) {
		if (!r->in_record && !is_line_break(buf, n)) {
			r->in_record = 1;
			r->rec_line = r->line;
		}
		if (csv_parse(&r->parser, buf, n, on_field, on_row, r) != n) {
			parse_error(r);
			r->skipping = !ends;
		}
	} else if (ends) {
		r->skipping = 0;
	}
	if (ends)
		r->line++;
}

/* Feeds the chunk line by line so every record learns its start line. A
 * line ends at LF, CRLF or a CR alone (old Mac files; libcsv ends records
 * there too, so the lines must follow or two records would share one). A
 * CR at the end of a chunk waits for the next byte to say which it is. */
static void feed(struct reader *r, const char *buf, size_t len)
{
	if (r->skip) {
		size_t n = len < r->skip ? len : r->skip;
		buf += n;
		len -= n;
		r->skip -= n;
	}
	if (r->cr_pending && len) {
		r->cr_pending = 0;
		if (buf[0] == '\n') {
			feed_segment(r, buf, 1, 1);
			buf++;
			len--;
		} else {
			r->line++;
			r->skipping = 0;
		}
	}
	while (len && !r->stop) {
		const char *lf = memchr(buf, '\n', len);
		size_t upto = lf ? (size_t)(lf - buf) : len;
		const char *cr = memchr(buf, '\r', upto);
		size_t n;
		int ends = 1;
		if (cr && (size_t)(cr - buf) + 1 < len) {
			n = (size_t)(cr - buf) + 1 + (cr[1] == '\n');
		} else if (cr) {
			n = len; /* the chunk ends with this CR */
			ends = 0;
			r->cr_pending = 1;
		} else if (lf) {
			n = upto + 1;
		} else {
			n = len;
			ends = 0;
		}
		feed_segment(r, buf, n, ends);
		buf += n;
		len -= n;
	}
}

static void set_err(struct pl_csv_error *err, enum pl_reject_code code, const char *msg)
{
	err->code = code;
	snprintf(err->message, sizeof err->message, "%s", msg);
}

static int gz_failed(gzFile gz, struct pl_csv_error *err)
{
	int errnum = Z_OK;
	const char *msg = gzerror(gz, &errnum);
	if (errnum == Z_OK)
		return 0;
	if (errnum == Z_ERRNO) {
		set_err(err, PL_REJ_FILE_UNREADABLE, errno ? strerror(errno) : "read error");
	} else {
		/* zlib prefixes the path; the caller names the file its own way. */
		const char *colon = strstr(msg, ": ");
		set_err(err, PL_REJ_GZIP_CORRUPT, colon ? colon + 2 : msg);
	}
	return 1;
}

/* Reads up to n bytes; 0 at the end, -1 with *err on failure. */
static long source_read(struct source *s, char *buf, size_t n, struct pl_csv_error *err)
{
	if (!s->gz) {
		size_t left = s->len - s->pos;
		if (n > left)
			n = left;
		memcpy(buf, s->mem + s->pos, n);
		s->pos += n;
		return (long)n;
	}
	errno = 0;
	int got = gzread(s->gz, buf, (unsigned)n);
	if (got < 0 || (got == 0 && gz_failed(s->gz, err))) {
		if (got < 0 && !gz_failed(s->gz, err))
			set_err(err, PL_REJ_FILE_UNREADABLE, "read error");
		return -1;
	}
	return got;
}

/* Like source_read, but bytes in memory are passed where they are (*at)
 * instead of copied to buf. */
static long source_next(struct source *s, char *buf, size_t n, const char **at,
			struct pl_csv_error *err)
{
	if (!s->gz) {
		size_t left = s->len - s->pos;
		if (n > left)
			n = left;
		*at = s->mem + s->pos;
		s->pos += n;
		return (long)n;
	}
	*at = buf;
	return source_read(s, buf, n, err);
}

static int source_rewind(struct source *s, struct pl_csv_error *err)
{
	if (!s->gz) {
		s->pos = 0;
		return 0;
	}
	if (gzrewind(s->gz) != 0) {
		if (!gz_failed(s->gz, err))
			set_err(err, PL_REJ_FILE_UNREADABLE, "cannot rewind");
		return -1;
	}
	return 0;
}

/* The first pass: reads everything once, to check a gzip file whole and to
 * classify the encoding. A file of up to whole_max bytes is kept whole in
 * *kept (*whole set) to be parsed from there; of a larger one, and of bytes
 * that are in memory already, only the start is kept, for the dialect. */
static int scan(struct source *s, char *buf, size_t chunk, size_t whole_max,
		struct pl_buf *kept, int *whole, int *complete, struct pl_enc_scan *enc,
		struct pl_csv_error *err)
{
	long n;
	size_t total = 0;
	*whole = s->gz != NULL;
	pl_enc_scan_init(enc);
	for (;;) {
		const char *at;
		if (*whole) {
			/* Grown only when full: a small file fits the first
			 * allocation, the read that finds its end included. */
			if (kept->len == kept->cap)
				pl_grow((void **)&kept->p, &kept->cap, kept->len + chunk, 1);
			size_t room = kept->cap - kept->len;
			at = kept->p + kept->len;
			n = source_read(s, kept->p + kept->len, room < chunk ? room : chunk, err);
		} else {
			n = source_next(s, buf, chunk, &at, err);
		}
		if (n <= 0)
			break;
		pl_enc_scan_feed(enc, at, (size_t)n);
		total += (size_t)n;
		if (*whole) {
			kept->len += (size_t)n;
			if (kept->len > whole_max) {
				/* Too large to keep: the start only, as for any file. */
				*whole = 0;
				if (kept->len > SNIFF_MAX)
					kept->len = SNIFF_MAX;
				kept->p = pl_xrealloc(kept->p, kept->len + 1);
				kept->cap = kept->len + 1;
			}
		} else if (kept->len < SNIFF_MAX) {
			size_t take = (size_t)n;
			if (take > SNIFF_MAX - kept->len)
				take = SNIFF_MAX - kept->len;
			pl_buf_add(kept, at, take);
		}
	}
	pl_enc_scan_end(enc);
	*complete = total <= SNIFF_MAX;
	return n < 0 ? -1 : 0;
}

static int read_source(struct source *s, const struct pl_csv_opts *opts, pl_csv_cb cb,
		       void *ctx, struct pl_csv_error *err)
{
	size_t chunk = opts && opts->chunk ? opts->chunk : DEFAULT_CHUNK;
	if (chunk > UINT_MAX)
		chunk = UINT_MAX;
	int detect = opts && opts->detect;
	size_t whole_max = opts && opts->whole_max ? opts->whole_max : DEFAULT_WHOLE_MAX;
	struct reader r = {0};
	r.max_field = opts && opts->max_field ? opts->max_field : DEFAULT_MAX_FIELD;
	r.max_fields = opts && opts->max_fields ? opts->max_fields : DEFAULT_MAX_FIELDS;
	r.max_record = opts && opts->max_record ? opts->max_record : DEFAULT_MAX_RECORD;
	r.libcsv_only = opts && opts->libcsv_only;
	r.info.delim = opts && opts->delim ? opts->delim : ',';
	r.info.gzip = s->gz && !gzdirect(s->gz);
	r.info.encoding = PL_ENC_UTF8;
	r.line = 1;
	r.cb = cb;
	r.ctx = ctx;
	char *buf = pl_xmalloc(chunk);
	int rc = 0;
	struct pl_buf own = {0};
	struct pl_buf *kept = opts && opts->keep ? opts->keep : &own;
	struct source from_kept = {0}, *parse_from = s;
	kept->len = 0;
	if (detect || r.info.gzip) {
		struct pl_enc_scan enc;
		int whole = 0, complete = 0;
		rc = scan(s, buf, chunk, whole_max, kept, &whole, &complete, &enc, err);
		if (rc == 0 && detect) {
			struct pl_dialect d;
			pl_dialect_sniff(kept->p ? kept->p : "",
					 kept->len < SNIFF_MAX ? kept->len : SNIFF_MAX, complete, &d);
			const char *bad = pl_bom_unsupported(d.bom);
			if (bad || d.binary) {
				set_err(err, PL_REJ_ENCODING_UNSUPPORTED, bad ? bad : d.binary);
				rc = -1;
			}
			r.info.delim = d.delim;
			r.info.bom = d.bom == PL_BOM_UTF8;
			r.info.sep_line = d.sep_line;
			r.skip = d.skip;
			r.line += d.skip_lines;
			r.info.encoding = pl_enc_scan_verdict(&enc);
			/* The scan saw every byte: without a NUL in the file, no
			 * field needs looking at for one. */
			r.check_nul = enc.nul != 0;
		}
		if (rc == 0 && whole) {
			from_kept.mem = kept->p;
			from_kept.len = kept->len;
			parse_from = &from_kept;
		} else if (rc == 0) {
			rc = source_rewind(s, err);
		}
	}
	alloc_limit = r.max_field + BLOCK_SLACK;
	parser_start(&r);
	long n = 0;
	const char *at;
	while (rc == 0 && (n = source_next(parse_from, buf, chunk, &at, err)) > 0) {
		feed(&r, at, (size_t)n);
		if (r.stop)
			break;
	}
	if (n < 0)
		rc = -1;
	if (rc == 0 && !r.stop && !r.skipping) {
		if (csv_fini(&r.parser, on_field, on_row, &r) != 0)
			parse_error(&r);
	}
	csv_free(&r.parser);
	free(buf);
	pl_buf_free(&own);
	free(r.fields.f);
	free(r.fields.len);
	pl_arena_free(&r.arena);
	if (rc == 0 && r.stop)
		rc = r.stop;
	return rc;
}

int pl_csv_read(const char *path, const struct pl_csv_opts *opts, pl_csv_cb cb,
		void *ctx, struct pl_csv_error *err)
{
	err->message[0] = '\0';
	errno = 0;
	struct source s = {0};
	s.gz = gzopen(path, "rb");
	if (!s.gz) {
		set_err(err, PL_REJ_FILE_UNREADABLE, errno ? strerror(errno) : "cannot open");
		return -1;
	}
	int rc = read_source(&s, opts, cb, ctx, err);
	gzclose(s.gz);
	return rc;
}

int pl_csv_read_mem(const void *data, size_t len, const struct pl_csv_opts *opts,
		    pl_csv_cb cb, void *ctx, struct pl_csv_error *err)
{
	err->message[0] = '\0';
	struct source s = {.mem = data, .len = len};
	return read_source(&s, opts, cb, ctx, err);
}
