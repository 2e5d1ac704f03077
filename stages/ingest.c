#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest_internal.h"
#include "pl_exit.h"
#include "pl_files.h"

static const char STAGE[] = "ingest";

enum {
	DEFAULT_MAX_XML = 32 * 1024 * 1024,
	DEFAULT_MAX_HELD = 256 * 1024 * 1024,
};

int ingest_report(struct ingest *in, enum pl_reject_code code, const char *rel,
		  unsigned long line, const struct pl_row *sub, const char *field,
		  const char *value, const char *detail)
{
	if (in->sink_failed)
		return -1;
	char ln[24];
	snprintf(ln, sizeof ln, "%lu", line);
	if (pl_report(in->out, &in->scratch, in->ctx, STAGE, code, rel, ln, sub, field, value,
		      detail) < 0)
		in->sink_failed = 1;
	return in->sink_failed ? -1 : 0;
}

int ingest_src(struct ingest *in, const char *rel, const char *shape, const char *kind,
	       unsigned long records, const char *status, const char *code, const char *message)
{
	if (in->sink_failed)
		return -1;
	struct pl_group *g = &in->scratch;
	pl_group_start(g, PL_KIND_SRC);
	pl_set(g, &g->head, PL_SRC_FILE, rel);
	pl_set(g, &g->head, PL_SRC_SHAPE, shape);
	pl_set(g, &g->head, PL_SRC_KIND, kind);
	pl_set_int(g, &g->head, PL_SRC_RECORDS, (long long)records);
	pl_set(g, &g->head, PL_SRC_STATUS, status);
	pl_set(g, &g->head, PL_SRC_CODE, code);
	pl_set(g, &g->head, PL_SRC_MESSAGE, message);
	if (in->out.put(in->out.self, g) < 0)
		in->sink_failed = 1;
	return in->sink_failed ? -1 : 0;
}

int ingest_put(struct ingest *in)
{
	if (in->sink_failed)
		return -1;
	if (in->out.put(in->out.self, &in->g) < 0)
		in->sink_failed = 1;
	return in->sink_failed ? -1 : 0;
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

enum reader { READ_NONE, READ_CSV, READ_XML };

/* The shape a file is read as, by its name (any case). */
static enum reader reader_for(const char *rel, const char **shape)
{
	static const struct {
		const char *suffix, *shape;
		enum reader reader;
	} shapes[] = {
		{".csv", "csv", READ_CSV},       {".tsv", "csv", READ_CSV},
		{".csv.gz", "csv.gz", READ_CSV}, {".tsv.gz", "csv.gz", READ_CSV},
		{".xml", "xml", READ_XML},       {".xml.gz", "xml.gz", READ_XML},
	};
	for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
		if (has_suffix(rel, shapes[i].suffix)) {
			*shape = shapes[i].shape;
			return shapes[i].reader;
		}
	*shape = "other";
	return READ_NONE;
}

int ingest_file(struct ingest *in, const char *rel, const char *path, const void *data,
			size_t len, int error)
{
	const char *shape;
	enum reader r = reader_for(rel, &shape);
	if (r == READ_NONE) {
		ingest_report(in, PL_REJ_FILE_SKIPPED, rel, 0, NULL, "", rel, NULL);
		return ingest_src(in, rel, shape, "", 0, "skipped", "FILE_SKIPPED", "");
	}
	if (error) {
		ingest_report(in, PL_REJ_FILE_UNREADABLE, rel, 0, NULL, "", "", strerror(error));
		return ingest_src(in, rel, shape, "", 0, "unreadable", "FILE_UNREADABLE",
				  strerror(error));
	}
	if (r == READ_XML)
		return ingest_xml(in, rel, shape, path, data, len);
	return ingest_csv(in, rel, shape, path, data, len);
}

/* The shared tables are built into the program; a broken one is a bug. */
static int setup(struct ingest *in, const struct ingest_opts *opts, struct pl_ctx *ctx,
		 struct pl_sink out)
{
	memset(in, 0, sizeof *in);
	in->ctx = ctx;
	in->out = out;
	in->chunk = opts ? opts->chunk : 0;
	in->max_field = opts ? opts->max_field : 0;
	in->max_xml = opts && opts->max_xml ? opts->max_xml : DEFAULT_MAX_XML;
	in->max_held = opts && opts->max_held ? opts->max_held : DEFAULT_MAX_HELD;
	pl_buf_reset(&ctx->err);
	in->headers = pl_headers_default(&ctx->err);
	if (in->headers)
		in->schema = pl_xml_submission_schema(&ctx->err);
	if (!in->headers || !in->schema) {
		ctx->exit_code = PL_EXIT_SOFTWARE;
		return -1;
	}
	in->held = ingest_long_new(in->max_held);
	in->jobs = opts && opts->jobs ? opts->jobs : 1;
	in->max_ahead = opts ? opts->max_ahead : 0;
	in->ahead = opts ? opts->ahead : NULL;
	return 0;
}

void ingest_fork(struct ingest *reader, const struct ingest *in, struct pl_sink out)
{
	memset(reader, 0, sizeof *reader);
	reader->ctx = in->ctx;
	reader->out = out;
	reader->chunk = in->chunk;
	reader->max_field = in->max_field;
	reader->max_xml = in->max_xml;
	reader->headers = in->headers;
	reader->schema = in->schema;
}

void ingest_fork_end(struct ingest *reader)
{
	ingest_csv_end(reader);
	pl_group_free(&reader->g);
	pl_group_free(&reader->scratch);
}

static int teardown(struct ingest *in, int rc)
{
	if (rc == 0 && ingest_long_finish(in->held, in) < 0)
		rc = -1;
	if (rc < 0 && in->sink_failed && !in->ctx->err.len) {
		pl_buf_adds(&in->ctx->err, "cannot pass records on");
		in->ctx->exit_code = PL_EXIT_IOERR;
	}
	ingest_long_free(in->held);
	ingest_fork_end(in);
	return rc;
}

int ingest_run(const char *const *inputs, size_t ninputs, const struct ingest_opts *opts,
	       struct pl_ctx *ctx, struct pl_sink out)
{
	struct ingest in;
	if (setup(&in, opts, ctx, out) < 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < ninputs && rc == 0; i++) {
		struct pl_file_list list;
		if (pl_file_list_build(&list, inputs[i]) < 0) {
			pl_buf_reset(&ctx->err);
			pl_buf_printf(&ctx->err, "cannot open input '%s'", inputs[i]);
			ctx->exit_code = PL_EXIT_NOINPUT;
			rc = -1;
			break;
		}
		rc = ingest_read_list(&in, &list);
		pl_file_list_free(&list);
	}
	return teardown(&in, rc);
}

int ingest_memory(const char *rel, const void *data, size_t len,
		  const struct ingest_opts *opts, struct pl_ctx *ctx, struct pl_sink out)
{
	struct ingest in;
	if (setup(&in, opts, ctx, out) < 0)
		return -1;
	int rc = ingest_file(&in, rel, NULL, data ? data : "", len, 0);
	return teardown(&in, rc);
}
