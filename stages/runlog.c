#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pl_parse.h"
#include "runlog.h"

/* The stages in pipeline order: the order of the lines. */
enum { INGEST, NORMALIZE, VALIDATE, SCORE, RANK, EMIT, NSTAGES };
static const char *const order[NSTAGES] = {"ingest", "normalize", "validate", "score",
					   "rank",   "emit"};

struct entry {
	int seen;
	int failed;
	double self; /* seconds of its own */
	long recv[PL_KIND_COUNT], sent[PL_KIND_COUNT];
	long src_records; /* ingest: records its files held */
	long acct[4];     /* its own acct records: in, out, rejected, superseded */
};

struct wrap_stage {
	struct runlog *l;
	struct entry *e;
	struct pl_stage inner;
};

struct wrap_sink {
	struct runlog *l;
	struct entry *e;
	const char *name;
	struct pl_sink next;
	struct wrap_sink *chain; /* all sink wrappers, freed together */
};

struct runlog {
	struct entry e[NSTAGES];
	int lines;     /* write stage lines */
	int fd;        /* the log file, or -1 */
	int progress;
	int progress_shown;
	long progress_n;
	double progress_at, t0;
	struct wrap_sink *sinks;
};

/* Time spent in wrapped calls inside the current one, per thread: with
 * the later stages on a thread of their own (pl_handoff.h), each thread
 * nests its own calls. One log per process, so one variable will do. */
static _Thread_local double nested;

/* Puts are timed one in SAMPLE, and each timed one counts SAMPLE times:
 * reading the clock twice per put of every stage cost 4% of a run's CPU
 * (1M innovations), and a stage's seconds are a sum over thousands of
 * puts, which the sample estimates without bias. Whether a put is timed
 * is decided where a chain of puts starts (put_depth 0), so that a timed
 * put's nested ones are timed too and its own time stays its own.
 * Finishes and spans (runlog_enter) are always timed. */
enum { SAMPLE = 16 };
static _Thread_local int put_depth, timing;
static _Thread_local unsigned long chains;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct entry *entry_of(struct runlog *l, const char *stage)
{
	for (int i = 0; i < NSTAGES; i++)
		if (strcmp(order[i], stage) == 0) {
			l->e[i].seen = 1;
			return &l->e[i];
		}
	return NULL;
}

struct runlog *runlog_new(const char *path, int progress)
{
	struct runlog *l = pl_xcalloc(1, sizeof *l);
	l->fd = -1;
	l->progress = progress;
	l->t0 = now();
	l->lines = path != NULL;
	if (path && strcmp(path, "-") != 0) {
		l->fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
		if (l->fd < 0)
			fprintf(stderr, "indeks: warning: cannot open the log '%s': %s\n", path,
				strerror(errno));
	}
	return l;
}

static int stage_put(void *self, struct pl_group *g)
{
	struct wrap_stage *w = self;
	if (g->head.kind < PL_KIND_COUNT)
		w->e->recv[g->head.kind]++;
	if (put_depth == 0)
		timing = chains++ % SAMPLE == 0;
	int rc;
	put_depth++;
	if (!timing) {
		rc = w->inner.put(w->inner.self, g);
	} else {
		double t0 = now(), saved = nested;
		nested = 0;
		rc = w->inner.put(w->inner.self, g);
		double dt = (now() - t0) * SAMPLE;
		w->e->self += dt - nested;
		nested = saved + dt;
	}
	put_depth--;
	if (rc < 0)
		w->e->failed = 1;
	return rc;
}

static int stage_finish(void *self)
{
	struct wrap_stage *w = self;
	double t0 = now(), saved = nested;
	nested = 0;
	int rc = w->inner.finish(w->inner.self);
	double dt = now() - t0;
	w->e->self += dt - nested;
	nested = saved + dt;
	if (rc < 0)
		w->e->failed = 1;
	return rc;
}

static void stage_destroy(void *self)
{
	struct wrap_stage *w = self;
	w->inner.destroy(w->inner.self);
	free(w);
}

struct pl_stage runlog_stage(struct runlog *l, struct pl_stage inner)
{
	struct entry *e = entry_of(l, inner.name);
	if (!e) /* a stage the log does not know: left as it is */
		return inner;
	struct wrap_stage *w = pl_xcalloc(1, sizeof *w);
	w->l = l;
	w->e = e;
	w->inner = inner;
	struct pl_stage s = {inner.name, w, stage_put, stage_finish, stage_destroy};
	return s;
}

static long number(const char *s)
{
	int64_t v = 0;
	if (!s || pl_parse_int(s, 0, INT64_MAX, &v))
		v = 0;
	return (long)v;
}

/* The progress line: from the first record on, at most four times a
 * second (the clock read once every 64 records); only on a terminal. */
static void progress(struct runlog *l)
{
	if (++l->progress_n % 64 && l->progress_shown)
		return;
	double t = now();
	if (t - l->progress_at < 0.25)
		return;
	l->progress_at = t;
	l->progress_shown = 1;
	fprintf(stderr, "\rindeks: records read: %ld (%.1f s)", l->progress_n, t - l->t0);
	fflush(stderr);
}

static int sink_put(void *self, struct pl_group *g)
{
	struct wrap_sink *w = self;
	struct entry *e = w->e;
	enum pl_kind k = g->head.kind;
	if (k < PL_KIND_COUNT)
		e->sent[k]++;
	if (k == PL_KIND_SRC)
		e->src_records += number(pl_get(&g->head, PL_SRC_RECORDS));
	if (k == PL_KIND_ACCT && strcmp(pl_get(&g->head, PL_ACCT_STAGE), w->name) == 0) {
		e->acct[0] += number(pl_get(&g->head, PL_ACCT_IN));
		e->acct[1] += number(pl_get(&g->head, PL_ACCT_OUT));
		e->acct[2] += number(pl_get(&g->head, PL_ACCT_REJECTED));
		e->acct[3] += number(pl_get(&g->head, PL_ACCT_SUPERSEDED));
	}
	if (k == PL_KIND_SUB && w->l->progress && e == &w->l->e[INGEST])
		progress(w->l);
	return w->next.put(w->next.self, g);
}

struct pl_sink runlog_sink(struct runlog *l, const char *stage, struct pl_sink next)
{
	struct entry *e = entry_of(l, stage);
	if (!e)
		return next;
	struct wrap_sink *w = pl_xcalloc(1, sizeof *w);
	w->l = l;
	w->e = e;
	w->name = stage;
	w->next = next;
	w->chain = l->sinks;
	l->sinks = w;
	struct pl_sink s = {sink_put, w};
	return s;
}

void runlog_enter(struct runlog *l, struct runlog_span *s)
{
	(void)l; /* the nesting is per thread, not per log */
	s->t0 = now();
	s->saved = nested;
	nested = 0;
}

void runlog_leave(struct runlog *l, struct runlog_span *s, const char *stage, int failed)
{
	double dt = now() - s->t0;
	struct entry *e = entry_of(l, stage);
	if (e) {
		e->self += dt - nested;
		e->failed |= failed;
	}
	nested = s->saved + dt;
}

/* One line, whole, to stderr and the log file: lines of programs running
 * side by side (the piped mode) never interleave within a line. */
static void emit_line(struct runlog *l, const char *line)
{
	fputs(line, stderr);
	fflush(stderr);
	if (l->fd < 0)
		return;
	size_t n = strlen(line);
	ssize_t w = write(l->fd, line, n);
	if (w < 0 || (size_t)w != n) {
		fprintf(stderr, "indeks: warning: cannot write the log: %s\n",
			w < 0 ? strerror(errno) : "short write");
		close(l->fd);
		l->fd = -1;
	}
}

void runlog_report(struct runlog *l)
{
	if (l->progress_shown) {
		fputs("\r\033[K", stderr); /* clear the progress line */
		l->progress_shown = 0;
	}
	if (!l->lines)
		return;
	char stamp[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	for (int i = 0; i < NSTAGES; i++) {
		struct entry *e = &l->e[i];
		if (!e->seen)
			continue;
		long in, out, rejected = 0, superseded = 0;
		if (i == INGEST) {
			in = e->src_records;
			out = e->sent[PL_KIND_SUB];
			rejected = in - out;
		} else if (i == RANK) {
			in = e->recv[PL_KIND_REG];
			out = e->sent[PL_KIND_REG];
		} else if (i == EMIT) {
			in = 0;
			for (int k = 0; k < PL_KIND_COUNT; k++)
				if (k != PL_KIND_SRC && k != PL_KIND_ACCT)
					in += e->recv[k];
			out = e->failed ? 0 : in;
		} else {
			in = e->acct[0];
			out = e->acct[1];
			rejected = e->acct[2];
			superseded = e->acct[3];
		}
		char line[256];
		snprintf(line, sizeof line,
			 "%s indeks stage=%s in=%ld out=%ld rejected=%ld superseded=%ld "
			 "seconds=%.3f%s\n",
			 stamp, order[i], in, out, rejected, superseded,
			 e->self > 0 ? e->self : 0.0, e->failed ? " failed=1" : "");
		emit_line(l, line);
	}
}

void runlog_free(struct runlog *l)
{
	if (!l)
		return;
	while (l->sinks) {
		struct wrap_sink *w = l->sinks;
		l->sinks = w->chain;
		free(w);
	}
	if (l->fd >= 0)
		close(l->fd);
	free(l);
}
