/*
 * pl_job.h: a function run beside the caller, on a thread of its own.
 *
 * pl_job_start starts run(arg) on a new thread; pl_job_wait waits for it
 * to end. When no thread can be started, pl_job_wait runs it on the
 * caller's thread instead: the result is the same, only later. So a stage
 * that splits its work this way needs no second path for the case.
 *
 * Ownership: arg stays the caller's; run must not touch what the caller
 * changes between start and wait.
 */
#ifndef PL_JOB_H
#define PL_JOB_H

#include <pthread.h>

struct pl_job {
	void (*run)(void *);
	void *arg;
	pthread_t thread;
	int started;
};

void pl_job_start(struct pl_job *j, void (*run)(void *), void *arg);
void pl_job_wait(struct pl_job *j);

#endif
