/*
 * cli.c: the command line of every stage program and of the driver.
 *
 * One binary, many names (like git): "indeks ingest ..." and
 * "indeks-ingest ..." are the same program. This file only parses options,
 * loads the shared inputs (master, methodology), wires stages to stream
 * readers and writers, and turns failures into exit codes; every decision
 * about records lives in the stage modules.
 */
#include <ctype.h>
#include <getopt.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emit.h"
#include "ingest.h"
#include "manifest.h"
#include "normalize.h"
#include "pl_exit.h"
#include "pl_handoff.h"
#include "pl_parse.h"
#include "pl_stream.h"
#include "rank.h"
#include "runlog.h"
#include "score.h"
#include "validate.h"
#include "verify.h"

#ifndef INDEKS_VERSION
#define INDEKS_VERSION "0.1.0"
#endif

/* --jobs: more threads than this would only wait on one another. */
enum { MAX_JOBS = 64 };

struct options {
	const char *master;
	const char *methodology;
	const char *vocabulary;
	const char *out;
	size_t chunk;
	enum pl_lang lang;
	char **inputs;
	size_t ninputs;
	const char *log;   /* --log: stage lines to stderr and this file */
	int into;          /* --into: out names an existing run folder */
	int gzip_level;    /* --gzip-level */
	int excel;         /* --excel */
	int check_rejects; /* --max-reject-rate given */
	long max_reject_ppm;
	const char *started, *finished; /* manifest */
	int exit_status;
	int have_exit_status;
	const char *previous;       /* --previous */
	const char *provinces[64];  /* --province, pointing into province_list */
	size_t nprovinces;
	char *province_list;
	const char *year;           /* --year */
	int jobs;                   /* --jobs: threads for indeks run; 0 = by CPUs */
};

/* Which shared inputs a command needs, and whether it reads a stream. */
enum {
	NEEDS_DATA = 1, /* master and methodology */
	READS_STREAM = 2,
	WRITES_STREAM = 4,
	NEEDS_OUT = 8,
	NEEDS_INPUT = 16,
	NEEDS_VOCAB = 32, /* the vocabulary (and the master it sits beside) */
	NEEDS_METHOD = 64 /* the methodology only: emit draws the predicate bands */
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
	 "  Reads every .csv, .tsv and .xml (each also .gz) under each INPUT folder\n"
	 "  (or the INPUT file), in any CSV dialect or long layout,\n"
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
	{"rank", READS_STREAM | WRITES_STREAM | NEEDS_DATA, rank_new,
	 "indeks-rank [--master FILE] < stream > stream\n"
	 "  Ranks regions nationally per level, within their province, and in each\n"
	 "  tag cluster of the master (tertinggal, perbatasan, ...).\n"},
	{"emit", READS_STREAM | NEEDS_OUT | NEEDS_METHOD, NULL,
	 "indeks-emit --out DIR|--into DIR [--lang id|en] [--gzip-level N] [--excel]\n"
	 "            [--methodology DIR] [--max-reject-rate R] [--log FILE] < stream\n"
	 "  Checks the accounting and publishes the run's files into DIR (which must\n"
	 "  not exist), all at once or not at all; with --into, into the existing\n"
	 "  run folder DIR.\n"},
	{"codes", 0, NULL,
	 "indeks codes\n"
	 "  Prints the table of reject and warning codes as tab-separated text:\n"
	 "  code, scope, message (id), message (en), example. docs/reject-codes.md\n"
	 "  is generated from it.\n"},
	{"run", NEEDS_DATA | NEEDS_VOCAB | NEEDS_OUT | NEEDS_INPUT, NULL,
	 "indeks run --out DIR|--into DIR [--master FILE] [--methodology DIR] [--lang id|en]\n"
	 "           [--gzip-level N] [--excel] [--max-reject-rate R] [--log FILE]\n"
	 "           [--jobs N] INPUT...\n"
	 "  All six stages in one process: the same result as piping the stage\n"
	 "  programs, without serializing between them.\n"},
	{"manifest", NEEDS_INPUT, NULL,
	 "indeks manifest --started TIME --finished TIME --exit-status N [--master FILE]\n"
	 "                [--methodology DIR] [--vocabulary FILE] RUN_DIR INPUT...\n"
	 "  Writes RUN_DIR/manifest.json: tool version, methodology, master and\n"
	 "  vocabulary with their sha256, every input file with size, sha256 and\n"
	 "  record counts, every output with size and sha256, the run's start, end\n"
	 "  (UTC, 2024-06-01T02:15:00Z) and exit status, and the accounting. run.sh\n"
	 "  calls it at the end of every run.\n"},
	{"verify", NEEDS_INPUT, NULL,
	 "indeks verify RUN_DIR\n"
	 "  Checks every output of RUN_DIR against its manifest.json and prints one\n"
	 "  line per output that is missing, differs, or is not listed. Exit 0 when\n"
	 "  all match, 65 when anything differs or the manifest is malformed, 66\n"
	 "  when there is no run folder or manifest.\n"},
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
	"  --into DIR          existing run folder to publish into (run.sh makes it)\n"
	"  --gzip-level N      also write every CSV as .csv.gz, at level 1-9\n"
	"  --excel             also write every CSV for people as NAME.excel.csv for\n"
	"                      Excel in the Indonesian locale (';', decimal comma)\n"
	"  --max-reject-rate R fail (exit 79, outputs kept, not published) when more\n"
	"                      than R (0 to 1, e.g. 0.05) of the records read were\n"
	"                      rejected\n"
	"  --previous DIR      an earlier run folder: changes.csv and predicate moves\n"
	"  --province LIST     only these provinces (52 or 52,53) and their kabupaten\n"
	"                      and kota in the files; ranks stay national\n"
	"  --year YYYY         only this year in the files\n"
	"  --log FILE          one line per stage (records in and out, time) to\n"
	"                      standard error and appended to FILE ('-': stderr only)\n"
	"  --lang id|en        language of messages (default id, Bahasa Indonesia)\n"
	"  --chunk BYTES       read size (tests use it to vary chunking)\n"
	"  --jobs N            run: with 2 or more, N threads read, parse and\n"
	"                      normalize files while validate and score run on\n"
	"                      the first, rank and emit on one more; 1: files\n"
	"                      read and every stage run on one thread, with\n"
	"                      only the finish of score and emit on threads\n"
	"                      beside it (default: the number of cores, at\n"
	"                      most 64); the outputs are the same bytes either\n"
	"                      way\n"
	"  --help              this text\n"
	"\nExit codes: 0 success, 64 usage, 65 malformed stream or methodology,\n"
	"66 input missing, 70 internal error (accounting), 73 cannot create output,\n"
	"74 read or write failed, 79 too many rejects (--max-reject-rate).\n"
	"docs/exit-codes.md has the details.\n";

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

/* A share of the records read, 0 to 1 with at most six decimals ("0.05",
 * "1"), as an exact number per million: no rounding decides a run. */
static int parse_rate(const char *s, long *ppm)
{
	long whole, frac = 0, scale = 100000;
	const char *p = s;
	if (*p != '0' && *p != '1')
		return -1;
	whole = *p++ - '0';
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		for (; *p >= '0' && *p <= '9'; p++) {
			if (!scale)
				return -1;
			frac += (*p - '0') * scale;
			scale /= 10;
		}
	}
	if (*p || (whole == 1 && frac))
		return -1;
	*ppm = whole * 1000000 + frac;
	return 0;
}

/* 2024-06-01T02:15:00Z, as run.sh writes it with date -u. */
static int utc_stamp(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	if (strlen(s) != sizeof shape - 1)
		return 0;
	for (size_t i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return 0;
	return 1;
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* "52" or "52,53": two-digit codes, kept as pointers into a copy. */
static int parse_provinces(const char *arg, struct options *o)
{
	free(o->province_list);
	o->nprovinces = 0;
	char *copy = o->province_list = pl_xstrdup(arg), *save = NULL;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (strlen(t) != 2 || !isdigit((unsigned char)t[0]) || !isdigit((unsigned char)t[1]) ||
		    o->nprovinces == sizeof o->provinces / sizeof o->provinces[0])
			return -1;
		o->provinces[o->nprovinces++] = t;
	}
	return o->nprovinces ? 0 : -1;
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
		{"into", required_argument, NULL, 'i'},
		{"log", required_argument, NULL, 'L'},
		{"gzip-level", required_argument, NULL, 'z'},
		{"excel", no_argument, NULL, 'X'},
		{"max-reject-rate", required_argument, NULL, 'r'},
		{"started", required_argument, NULL, 's'},
		{"finished", required_argument, NULL, 'f'},
		{"exit-status", required_argument, NULL, 'x'},
		{"previous", required_argument, NULL, 'P'},
		{"province", required_argument, NULL, 'p'},
		{"year", required_argument, NULL, 'Y'},
		{"jobs", required_argument, NULL, 'j'},
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
		case 'o':
			if (o->into)
				usage_error(c, "--out and --into exclude each other");
			o->out = optarg;
			break;
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
		case 'i':
			if (o->out && !o->into)
				usage_error(c, "--out and --into exclude each other");
			o->out = optarg;
			o->into = 1;
			break;
		case 'L': o->log = optarg; break;
		case 'z':
			if (strlen(optarg) != 1 || optarg[0] < '1' || optarg[0] > '9')
				usage_error(c, "--gzip-level takes a level from 1 to 9");
			o->gzip_level = optarg[0] - '0';
			break;
		case 'X': o->excel = 1; break;
		case 'r':
			if (parse_rate(optarg, &o->max_reject_ppm) < 0)
				usage_error(c, "--max-reject-rate takes a share from 0 to 1, "
					       "e.g. 0.05 for 5%");
			o->check_rejects = 1;
			break;
		case 's':
		case 'f':
			if (!utc_stamp(optarg))
				usage_error(c, "--started and --finished take a UTC time like "
					       "2024-06-01T02:15:00Z");
			*(ch == 's' ? &o->started : &o->finished) = optarg;
			break;
		case 'x': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end || v > 255)
				usage_error(c, "--exit-status takes the run's exit status, 0 to 255");
			o->exit_status = (int)v;
			o->have_exit_status = 1;
			break;
		}
		case 'P': o->previous = optarg; break;
		case 'p':
			if (parse_provinces(optarg, o) < 0)
				usage_error(c, "--province takes two-digit province codes, e.g. 52 or 52,53");
			break;
		case 'Y': {
			int64_t y;
			if (pl_parse_int(optarg, 1000, 9999, &y))
				usage_error(c, "--year takes a four-digit year");
			o->year = optarg;
			break;
		}
		case 'j': {
			int64_t j;
			if (pl_parse_int(optarg, 1, MAX_JOBS, &j))
				usage_error(c, "--jobs takes a number of threads from 1 to 64");
			o->jobs = (int)j;
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
	} else if (c->flags & NEEDS_METHOD) {
		/* emit alone: the bounds of the predicates for the report, the
		 * same methodology the driver would use. */
		if (!o->methodology)
			o->methodology = def_method = beside_binary("methodology");
		if (pl_methods_load(&methods, o->methodology, &ctx.err) < 0) {
			ctx.exit_code = PL_EXIT_DATAERR;
			rc = -1;
		}
		ctx.methods = &methods;
	}
	struct stdout_sink out = {.ctx = &ctx};
	pl_writer_init(&out.w, stdout);
	struct pl_stage chain[6]; /* emit, rank, a handoff, score, validate, normalize */
	size_t n = 0;
	struct pl_sink sink = {stdout_put, &out};
	struct emit_opts eo = {.out_dir = o->out,
			       .into = o->into,
			       .gzip_level = o->gzip_level,
			       .check_rejects = o->check_rejects,
			       .max_reject_ppm = o->max_reject_ppm};
	eo.excel = o->excel;
	eo.previous = o->previous;
	eo.provinces = o->provinces;
	eo.nprovinces = o->nprovinces;
	eo.year = o->year;
	/* Every stage is wrapped by the operator's log (runlog.h): counts and
	 * time per stage; a progress line only on a terminal. */
	struct runlog *log = runlog_new(o->log, isatty(STDERR_FILENO));
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int jobs = strcmp(c->name, "run") != 0 ? 1
		   : o->jobs                  ? o->jobs
		   : cores > MAX_JOBS         ? MAX_JOBS
		   : cores > 1                ? (int)cores
					      : 1;
	int threaded = jobs > 1;
	/* With threads, rank and emit run on a handoff's thread and report
	 * their failures in a context of their own (tail). */
	struct pl_ctx tail = ctx;
	memset(&tail.err, 0, sizeof tail.err);
	if (rc == 0) {
		/* Built from the last stage back, each feeding the one after. */
		if (c->flags & NEEDS_OUT)
			chain[n++] = runlog_stage(log, emit_new(threaded ? &tail : &ctx, &eo));
		if (strcmp(c->name, "run") == 0) {
			struct pl_stage (*const makers[])(struct pl_ctx *, struct pl_sink) = {
				rank_new, score_new, validate_new, normalize_new};
			static const char *const names[] = {"rank", "score", "validate", "normalize"};
			for (size_t i = 0; i < 4; i++) {
				/* The threads (docs/performance.md): ingest reads and
				 * normalizes files on jobs threads and puts their records,
				 * in order, through validate and score on this one (where
				 * normalize counts them); a handoff between score and rank
				 * lets emit hold the records score sends at its finish
				 * while score builds the next. */
				if (threaded && i == 1) {
					struct pl_stage h = pl_handoff_new(&ctx, &tail,
									   pl_stage_sink(&chain[n - 1]));
					if (h.self) /* else chained directly: no thread */
						chain[n++] = h;
				}
				struct pl_ctx *own = threaded && i == 0 ? &tail : &ctx;
				struct pl_sink next = runlog_sink(log, names[i], pl_stage_sink(&chain[n - 1]));
				chain[n++] = runlog_stage(log, makers[i](own, next));
			}
		} else if (c->make) {
			chain[n++] = runlog_stage(log, c->make(&ctx, runlog_sink(log, c->name, sink)));
		}
		if (n)
			sink = pl_stage_sink(&chain[n - 1]);
		if (c->flags & NEEDS_INPUT) {
			struct ingest_opts io = {.chunk = o->chunk, .jobs = (unsigned)jobs};
			/* The run's first stage is normalize: its work on what is
			 * read ahead is done by the reading threads. */
			if (strcmp(c->name, "run") == 0)
				io.ahead = normalize_ahead_new;
			struct runlog_span span;
			runlog_enter(log, &span);
			rc = ingest_run((const char *const *)o->inputs, o->ninputs, &io, &ctx,
					runlog_sink(log, "ingest", sink));
			runlog_leave(log, &span, "ingest", rc < 0);
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
		runlog_report(log);
		/* From the first stage on: a handoff ends its thread before the
		 * stages it feeds are freed. */
		for (size_t i = n; i-- > 0;)
			chain[i].destroy(chain[i].self);
	}
	runlog_free(log);
	/* rank's or emit's failure is the run's reason, not the "cannot pass
	 * records on" of the stages before them that followed from it. */
	if (rc < 0 && tail.err.len) {
		pl_buf_reset(&ctx.err);
		pl_buf_adds(&ctx.err, pl_buf_str(&tail.err));
		ctx.exit_code = tail.exit_code;
	}
	pl_buf_free(&tail.err);
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

static int write_manifest(const struct command *c, struct options *o)
{
	if (o->ninputs < 2)
		usage_error(c, "give the run folder and the run's INPUT");
	if (!o->started || !o->finished || !o->have_exit_status)
		usage_error(c, "--started, --finished and --exit-status are required");
	char *def_master = NULL, *def_method = NULL, *def_vocab = NULL;
	if (!o->master)
		o->master = def_master = beside_binary("master/regions.csv");
	if (!o->methodology)
		o->methodology = def_method = beside_binary("methodology");
	if (!o->vocabulary)
		o->vocabulary = def_vocab = beside_file(o->master, "vocabulary.csv");
	struct manifest_opts mo = {
		.run_dir = o->inputs[0],
		.inputs = (const char *const *)o->inputs + 1,
		.ninputs = o->ninputs - 1,
		.master = o->master,
		.vocabulary = o->vocabulary,
		.methodology = o->methodology,
		.started = o->started,
		.finished = o->finished,
		.exit_status = o->exit_status,
		.version = INDEKS_VERSION,
	};
	struct pl_buf err = {0};
	int code = manifest_write(&mo, &err);
	if (code)
		fprintf(stderr, "indeks-manifest: error: %s\n", pl_buf_str(&err));
	pl_buf_free(&err);
	free(def_master);
	free(def_method);
	free(def_vocab);
	return code;
}

static int verify(const struct command *c, const struct options *o)
{
	if (o->ninputs != 1)
		usage_error(c, "give one run folder");
	struct pl_buf err = {0};
	int code = verify_run(o->inputs[0], stdout, &err);
	if (fflush(stdout) != 0 && !code)
		code = PL_EXIT_IOERR;
	if (err.len)
		fprintf(stderr, "indeks-verify: error: %s\n", pl_buf_str(&err));
	pl_buf_free(&err);
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

/* --previous is checked before any work: a mistyped folder is the
 * operator's mistake, not a failed run. */
static int previous_readable(const struct command *c, const char *dir)
{
	struct pl_buf prev = {0};
	pl_buf_printf(&prev, "%s/regions.csv", dir);
	int readable = access(prev.p, R_OK) == 0;
	pl_buf_free(&prev);
	if (!readable)
		fprintf(stderr, "indeks-%s: error: --previous '%s' holds no readable regions.csv\n",
			c->name, dir);
	return readable;
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
	if (strcmp(c->name, "manifest") == 0)
		return write_manifest(c, &o);
	if (strcmp(c->name, "verify") == 0)
		return verify(c, &o);
	int rc = o.previous && !previous_readable(c, o.previous) ? PL_EXIT_NOINPUT
								 : run_command(c, &o);
	free(o.province_list);
	return rc;
}
