/*
 * runlog.h: what an operator reads about a run. One line per stage, with
 * the records it received and sent on and the time it took, to standard
 * error and appended to a log file (run.sh: the run folder's run.log);
 * and, only while standard error is a terminal, a progress line as
 * records are read. Under cron or systemd stderr is no terminal, so the
 * journal gets the stage lines and nothing else.
 *
 * The stages are wrapped, not changed: runlog_stage() puts a wrapper
 * around a stage that times its put and finish, runlog_sink() one around
 * the sink a stage sends to that counts what it sends, and
 * runlog_enter()/runlog_leave() time a call like ingest_run(). Calls nest
 * (a stage's put calls the next stage's put), so what a wrapped stage
 * after it spends is subtracted: each line has the stage's own time on
 * the calling thread (the work of ingest's reading threads, normalize's
 * included with ingest_opts.ahead, is in no line). Puts are timed one in
 * 16 and counted 16 times (runlog.c, SAMPLE): the seconds are an
 * estimate; finishes and spans are timed whole. In
 * the piped mode each program logs its own line; its time then includes
 * writing its output stream.
 *
 * What each line counts, from the records that flow anyway:
 *   ingest                       in: records its files held (src records);
 *                                out: submissions sent on
 *   normalize, validate, score   the sums of the stage's own acct records:
 *                                in, out, rejected, superseded
 *   rank                         regions in and out
 *   emit                         result rows in (innovations, SPD records,
 *                                regions, rejects, warnings); out the same
 *                                once published, else 0
 *
 * Memory: runlog_new allocates and runlog_free releases everything,
 * wrappers included (wrapped stages are destroyed through their own
 * destroy, as before). Errors: the log is for people; a log file that
 * cannot be opened or written is reported once on standard error and
 * never changes the run's outcome (a full disk fails the run in emit).
 */
#ifndef RUNLOG_H
#define RUNLOG_H

#include "pl_stage.h"

struct runlog;

/* path: the log file to append to, "-" for standard error only, NULL for
 * no stage lines at all. progress: show the progress line (the caller
 * passes isatty(2)). */
struct runlog *runlog_new(const char *path, int progress);
struct pl_stage runlog_stage(struct runlog *l, struct pl_stage inner);
struct pl_sink runlog_sink(struct runlog *l, const char *stage, struct pl_sink next);

struct runlog_span {
	double t0, saved;
};
void runlog_enter(struct runlog *l, struct runlog_span *s);
/* Ends a span: its own time is added to stage; failed marks the line. */
void runlog_leave(struct runlog *l, struct runlog_span *s, const char *stage, int failed);

/* Writes the line of every stage seen, in pipeline order. */
void runlog_report(struct runlog *l);
void runlog_free(struct runlog *l);

#endif
