#include "pl_job.h"

static void *job_main(void *arg)
{
	struct pl_job *j = arg;
	j->run(j->arg);
	return NULL;
}

void pl_job_start(struct pl_job *j, void (*run)(void *), void *arg)
{
	j->run = run;
	j->arg = arg;
	j->started = pthread_create(&j->thread, NULL, job_main, j) == 0;
}

void pl_job_wait(struct pl_job *j)
{
	if (j->started)
		pthread_join(j->thread, NULL);
	else
		j->run(j->arg);
	j->started = 0;
}
