/*
 * cli.c: the command line of every stage program and of the driver.
 *
 * One binary, many names (like git): "indeks ingest ..." and
 * "indeks-ingest ..." are the same program. This file only parses options,
 * loads the shared inputs (master, methodology), wires stages to stream
 * readers and writers, and turns failures into exit codes; every decision
 * about records lives in the stage modules.
 */
#include <getopt.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emit.h"
#include "ingest.h"
#include "normalize.h"
#include "pl_exit.h"
#include "pl_stream.h"
#include "rank.h"
#include "score.h"
#include "validate.h"

#ifndef INDEKS_VERSION
#define INDEKS_VERSION "0.1.0"
#endif

struct options {
	const char *master;
	const char *methodology;
	const char *vocabulary;
	const char *out;
	size_t chunk;
	enum pl_lang lang;
	char **inputs;
	size_t ninputs;
};

/* Which shared inputs a command needs, and whether it reads a stream. */
enum {
	NEEDS_DATA = 1, /* master and methodology */
	READS_STREAM = 2,
	WRITES_STREAM = 4,
	NEEDS_OUT = 8,
	NEEDS_INPUT = 16,
	NEEDS_VOCAB = 32 /* the vocabulary (and the master it sits beside) */
};

struct command {
	const char *name;
	unsigned flags;
	struct pl_stage (*make)(struct pl_ctx *ctx, struct pl_sink next);
	const char *usage;
};

static const struct command commands[] = {
	{"ingest", WRITES_STREAM | NEEDS_INPUT, NULL,
	 "indeks-ingest [--chunk BYTES] [--lang id|en] INPUT...\n"
	 "  Reads every .csv and .csv.gz under each INPUT folder (or the INPUT file),\n"
	 "  in byte order of path, and writes canonical records to standard output.\n"},
	{"normalize", READS_STREAM | WRITES_STREAM | NEEDS_DATA | NEEDS_VOCAB, normalize_new,
	 "indeks-normalize [--master FILE] [--vocabulary FILE] [--lang id|en] < stream > stream\n"
	 "  Writes every value of every submission in its canonical form: regions\n"
	 "  by code or name, Indonesian numbers and dates, vocabularies; rejects\n"
	 "  what cannot be read.\n"},
	{"validate", READS_STREAM | WRITES_STREAM | NEEDS_DATA, validate_new,
	 "indeks-validate [--master FILE] [--methodology DIR] [--lang id|en] < stream > stream\n"
	 "  Rejects every record that breaks a rule, with a stable code and a reason.\n"},
	{"score", READS_STREAM | WRITES_STREAM | NEEDS_DATA, score_new,
	 "indeks-score [--master FILE] [--methodology DIR] [--lang id|en] < stream > stream\n"
	 "  Scores innovations and SPD records with each year's methodology, settles\n"
	 "  duplicates, and computes every master region's IID and predicate.\n"},
	{"rank", READS_STREAM | WRITES_STREAM, rank_new,
	 "indeks-rank < stream > stream\n"
	 "  Ranks regions nationally per level and within their province.\n"},
	{"emit", READS_STREAM | NEEDS_OUT, NULL,
	 "indeks-emit --out DIR [--lang id|en] < stream\n"
	 "  Checks the accounting and publishes the run's files into DIR (which must\n"
	 "  not exist), all at once or not at all.\n"},
	{"codes", 0, NULL,
	 "indeks codes\n"
	 "  Prints the table of reject and warning codes as tab-separated text:\n"
	 "  code, scope, message (id), message (en), example. docs/reject-codes.md\n"
	 "  is generated from it.\n"},
	{"run", NEEDS_DATA | NEEDS_VOCAB | NEEDS_OUT | NEEDS_INPUT, NULL,
	 "indeks run --out DIR [--master FILE] [--methodology DIR] [--lang id|en] INPUT...\n"
	 "  All six stages in one process: the same result as piping the stage\n"
	 "  programs, without serializing between them.\n"},
};
enum { NCOMMANDS = sizeof commands / sizeof commands[0] };

static const char common_help[] =
	"\nOptions:\n"
	"  --master FILE       region master list (default: master/regions.csv of this\n"
	"                      checkout)\n"
	"  --methodology DIR   a methodology folder, or a folder of them (default:\n"
	"                      methodology/ of this checkout)\n"
	"  --vocabulary FILE   synonyms of bentuk, jenis, inisiator, urusan, tahapan,\n"
	"                      status (default: vocabulary.csv beside the master)\n"
	"  --out DIR           run folder to create\n"
	"  --lang id|en        language of messages (default id, Bahasa Indonesia)\n"
	"  --chunk BYTES       read size (tests use it to vary chunking)\n"
	"  --help              this text\n"
	"\nExit codes: 0 success, 64 usage, 65 malformed stream or methodology,\n"
	"66 input missing, 70 internal error (accounting), 73 cannot create output,\n"
	"74 read or write failed. docs/exit-codes.md has the details.\n";

static void usage_error(const struct command *c, const char *msg)
{
	fprintf(stderr, "indeks-%s: error: %s\n", c ? c->name : "", msg);
	fprintf(stderr, "Try 'indeks-%s --help'.\n", c ? c->name : "run");
	exit(PL_EXIT_USAGE);
}

/* master/ and methodology/ of the checkout this program was built in: the
 * nearest folder above the binary that holds rel (binaries live in
 * build/bin or build/san/bin), so the programs work from any directory. */
static char *beside_binary(const char *rel)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return pl_xstrdup(rel);
	exe[n] = '\0';
	char *dir = dirname(exe);
	for (int up = 0; up < 4; up++) {
		struct pl_buf b = {0};
		pl_buf_printf(&b, "%s/%s", dir, rel);
		if (access(b.p, F_OK) == 0)
			return b.p;
		pl_buf_free(&b);
		dir = dirname(dir);
	}
	return pl_xstrdup(rel);
}

/* name in the folder of path. */
static char *beside_file(const char *path, const char *name)
{
	struct pl_buf b = {0};
	const char *slash = strrchr(path, '/');
	if (slash)
		pl_buf_printf(&b, "%.*s/%s", (int)(slash - path), path, name);
	else
		pl_buf_adds(&b, name);
	return b.p;
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void parse(int argc, char **argv, const struct command *c, struct options *o)
{
	static const struct option longopts[] = {
		{"master", required_argument, NULL, 'm'},
		{"methodology", required_argument, NULL, 'y'},
		{"vocabulary", required_argument, NULL, 'v'},
		{"out", required_argument, NULL, 'o'},
		{"lang", required_argument, NULL, 'l'},
		{"chunk", required_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int ch;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'm': o->master = optarg; break;
		case 'y': o->methodology = optarg; break;
		case 'v': o->vocabulary = optarg; break;
		case 'o': o->out = optarg; break;
		case 'l': {
			int lang = pl_lang_from_name(optarg);
			if (lang < 0)
				usage_error(c, "--lang takes 'id' or 'en'");
			o->lang = (enum pl_lang)lang;
			break;
		}
		case 'c': {
			char *end;
			unsigned long long v = strtoull(optarg, &end, 10);
			if (*end || v == 0 || v > (1u << 30))
				usage_error(c, "--chunk takes a number of bytes from 1 to 2^30");
			o->chunk = (size_t)v;
			break;
		}
		case 'h':
			fputs(c->usage, stdout);
			fputs(common_help, stdout);
			exit(PL_EXIT_OK);
		default:
			usage_error(c, "unknown option (see --help)");
		}
	}
	o->inputs = argv + optind;
	o->ninputs = (size_t)(argc - optind);
	if ((c->flags & NEEDS_INPUT) && o->ninputs == 0)
		usage_error(c, "no INPUT folder given");
	if (!(c->flags & NEEDS_INPUT) && o->ninputs)
		usage_error(c, "this stage reads standard input, not files");
	if ((c->flags & NEEDS_OUT) && !o->out)
		usage_error(c, "--out DIR is required");
}

/* The sink at the end of a stage program: the stream on standard output. */
struct stdout_sink {
	struct pl_writer w;
	struct pl_ctx *ctx;
};

static int stdout_put(void *self, struct pl_group *g)
{
	struct stdout_sink *s = self;
	if (pl_writer_put(&s->w, g) == 0)
		return 0;
	pl_buf_reset(&s->ctx->err);
	pl_buf_adds(&s->ctx->err, "cannot write the stream to standard output");
	s->ctx->exit_code = PL_EXIT_IOERR;
	return -1;
}

static int fatal(const struct command *c, struct pl_ctx *ctx)
{
	fprintf(stderr, "indeks-%s: error: %s\n", c->name, pl_buf_str(&ctx->err));
	return ctx->exit_code ? ctx->exit_code : PL_EXIT_SOFTWARE;
}

/* Feeds the stream on standard input to the first stage. */
static int pump_stdin(struct pl_ctx *ctx, struct pl_stage *first)
{
	struct pl_reader r;
	struct pl_group g = {0};
	pl_reader_init(&r, stdin);
	int rc;
	while ((rc = pl_reader_next(&r, &g)) > 0)
		if (first->put(first->self, &g) < 0)
			break;
	if (rc < 0) {
		pl_buf_reset(&ctx->err);
		pl_buf_printf(&ctx->err, "standard input: %s", pl_buf_str(&r.error));
		ctx->exit_code = PL_EXIT_DATAERR;
	}
	pl_group_free(&g);
	pl_reader_free(&r);
	return rc == 0 ? 0 : -1; /* rc > 0: a stage failed mid-stream */
}

static int run_command(const struct command *c, struct options *o)
{
	struct pl_ctx ctx = {.lang = o->lang};
	struct pl_master master = {0};
	struct pl_methods methods = {0};
	struct pl_vocab vocab = {0};
	char *def_master = NULL, *def_method = NULL, *def_vocab = NULL;
	int rc = 0;
	if (c->flags & NEEDS_DATA) {
		if (!o->master)
			o->master = def_master = beside_binary("master/regions.csv");
		if (!o->methodology)
			o->methodology = def_method = beside_binary("methodology");
		if (pl_master_load(&master, o->master, &ctx.err) < 0) {
			ctx.exit_code = PL_EXIT_DATAERR;
			rc = -1;
		} else if (pl_methods_load(&methods, o->methodology, &ctx.err) < 0) {
			ctx.exit_code = PL_EXIT_DATAERR;
			rc = -1;
		} else if (c->flags & NEEDS_VOCAB) {
			if (!o->vocabulary)
				o->vocabulary = def_vocab = beside_file(o->master, "vocabulary.csv");
			if (pl_vocab_load(&vocab, o->vocabulary, &ctx.err) < 0) {
				ctx.exit_code = PL_EXIT_DATAERR;
				rc = -1;
			}
		}
		ctx.master = &master;
		ctx.methods = &methods;
		ctx.vocab = &vocab;
	}
	struct stdout_sink out = {.ctx = &ctx};
	pl_writer_init(&out.w, stdout);
	struct pl_stage chain[6];
	size_t n = 0;
	struct pl_sink sink = {stdout_put, &out};
	struct emit_opts eo = {o->out};
	if (rc == 0) {
		/* Built from the last stage back, each feeding the one after. */
		if (c->flags & NEEDS_OUT)
			chain[n++] = emit_new(&ctx, &eo);
		if (strcmp(c->name, "run") == 0) {
			struct pl_stage (*const makers[])(struct pl_ctx *, struct pl_sink) = {
				rank_new, score_new, validate_new, normalize_new};
			for (size_t i = 0; i < 4; i++) {
				chain[n] = makers[i](&ctx, pl_stage_sink(&chain[n - 1]));
				n++;
			}
		} else if (c->make) {
			chain[n++] = c->make(&ctx, sink);
		}
		if (n)
			sink = pl_stage_sink(&chain[n - 1]);
		if (c->flags & NEEDS_INPUT) {
			struct ingest_opts io = {.chunk = o->chunk};
			rc = ingest_run((const char *const *)o->inputs, o->ninputs, &io, &ctx, sink);
		} else {
			rc = pump_stdin(&ctx, &chain[n - 1]);
		}
		/* Finish from the first stage to the last: each may still send. */
		for (size_t i = n; rc == 0 && i-- > 0;)
			rc = chain[i].finish(chain[i].self);
		if (rc == 0 && (c->flags & WRITES_STREAM) && pl_writer_finish(&out.w) < 0) {
			pl_buf_reset(&ctx.err);
			pl_buf_adds(&ctx.err, "cannot write the stream to standard output");
			ctx.exit_code = PL_EXIT_IOERR;
			rc = -1;
		}
		for (size_t i = 0; i < n; i++)
			chain[i].destroy(chain[i].self);
	}
	int code = rc < 0 ? fatal(c, &ctx) : PL_EXIT_OK;
	pl_writer_free(&out.w);
	pl_master_free(&master);
	pl_methods_free(&methods);
	pl_vocab_free(&vocab);
	pl_buf_free(&ctx.err);
	free(def_master);
	free(def_method);
	free(def_vocab);
	return code;
}

static int print_codes(void)
{
	for (int i = 0; i < PL_REJ_COUNT; i++)
		printf("%s\t%s\t%s\t%s\t%s\n", pl_reject_name(i),
		       pl_scope_name(pl_reject_scope(i)), pl_reject_message(i, PL_LANG_ID),
		       pl_reject_message(i, PL_LANG_EN), pl_reject_example(i));
	return fflush(stdout) == 0 && !ferror(stdout) ? PL_EXIT_OK : PL_EXIT_IOERR;
}

int main(int argc, char **argv)
{
	const char *base = strrchr(argv[0], '/');
	base = base ? base + 1 : argv[0];
	const struct command *c = NULL;
	if (strncmp(base, "indeks-", 7) == 0) {
		c = find_command(base + 7);
	} else if (argc > 1 && (strcmp(argv[1], "--version") == 0)) {
		printf("indeks %s\n", INDEKS_VERSION);
		return PL_EXIT_OK;
	} else if (argc > 1) {
		c = find_command(argv[1]);
		argv++;
		argc--;
	}
	if (!c) {
		fprintf(stderr, "usage: indeks COMMAND [OPTIONS]\ncommands:");
		for (size_t i = 0; i < NCOMMANDS; i++)
			fprintf(stderr, " %s", commands[i].name);
		fprintf(stderr, "\n'indeks COMMAND --help' describes one.\n");
		return PL_EXIT_USAGE;
	}
	struct options o = {0};
	parse(argc, argv, c, &o);
	if (strcmp(c->name, "codes") == 0)
		return print_codes();
	return run_command(c, &o);
}
