/*
 * ingest_readers.c: reading the files of one input on several threads,
 * with every file's records put on in the list's order.
 *
 * The calling thread delivers: file by file, in order, it puts each file's
 * records to the run's sink, and so runs the stages after ingest. Reader
 * threads (and the caller, while it waits) read the files after it ahead
 * of time, each into a slot of bytes (pl_groupbytes.h) that the caller
 * decodes and puts on when the file's turn comes. The records thus cross
 * from the reading threads to the stages once, as these bytes. With
 * in->ahead, each reading thread first puts its records through a stage
 * of its own (normalize's work), so that the caller has less to do. A file's
 * records depend on nothing but the file and the run's fixed tables (a
 * reader has its own group, scratch and header cache), so the groups,
 * their order and therefore every output are the same bytes as when one
 * thread reads everything (tests/e2e/jobs.sh).
 *
 * Two kinds of file are read again by the caller in their turn, straight
 * into the sink, instead of ahead: long and profile files, whose rows go
 * to the held store (ingest_long.c), which depends on the order of files;
 * and a file whose records take more than max_ahead bytes, so that memory
 * stays bounded: at most WINDOW files are read ahead, readers stop taking
 * files while the slots hold over AHEAD_BYTES, and an emptied slot keeps
 * at most KEEP_BYTES for the next file. A slot starts with SLOT_START
 * bytes, so that most files' records go in without growing it.
 *
 * The caller is the slowest part while files are read, so reader threads
 * run at a lower priority than it, and a reader that ran out of room
 * sleeps until a quarter of the window is free rather than waking for
 * every file.
 *
 * Errors: a reader cannot fail (its sink is memory); only the run's sink
 * can, and then the caller stops the readers and returns -1.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ingest_internal.h"
#include "pl_groupbytes.h"

enum {
	/* Files read ahead of the one delivered: enough that a slow file (a
	 * large one, or one read from disk) does not leave the readers idle;
	 * 16 left them waiting a tenth of the time on two cores. */
	WINDOW = 64,
	AHEAD_BYTES = 32 * 1024 * 1024, /* readers wait while slots hold more */
	KEEP_BYTES = 256 * 1024,        /* a slot's buffer kept for reuse up to this */
	SLOT_START = 64 * 1024,         /* and made this large at once: most files fit */
	DEFAULT_MAX_AHEAD = 8 * 1024 * 1024,
	READER_NICE = 10, /* readers' nice above the caller's: see reader_main */
	MAX_THREADS = 64,
};

struct slot {
	struct pl_buf bytes;
	size_t ngroups;
	int done;     /* read ahead (or given up: in_order) */
	int in_order; /* to be read by the caller in its turn */
};

struct readers {
	struct ingest *in; /* the run's: its held store and its sink */
	const struct pl_file_list *list;
	size_t max_ahead;
	pthread_mutex_t mu;
	pthread_cond_t ready; /* a slot was filled: for the caller */
	pthread_cond_t room;  /* worth reading ahead again: for readers */
	int caller_waiting;
	unsigned readers_waiting;
	size_t next_read; /* the first file nobody has taken */
	size_t next_sent; /* the file being delivered */
	size_t ahead_bytes;
	int stop;
	struct slot slot[WINDOW];
};

/* One thread's reading: the caller's own or a reader thread's. */
struct reader {
	struct readers *r;
	struct ingest in; /* without a held store: see ingest_csv.c */
	struct pl_stage ahead; /* in->ahead's, between in and the slot, or none */
	struct slot *filling;
	pthread_t thread;
};

static int slot_put(void *self, struct pl_group *g)
{
	struct reader *rd = self;
	struct slot *s = rd->filling;
	pl_group_encode(&s->bytes, g);
	s->ngroups++;
	/* Too large to hold: given up, to be streamed in its turn. */
	return s->bytes.len > rd->r->max_ahead ? -1 : 0;
}

/* Called with mu held: whether a reader may take the next file. */
static int may_take(const struct readers *r)
{
	return !r->stop && r->next_read < r->list->n && r->next_read < r->next_sent + WINDOW &&
	       r->ahead_bytes < AHEAD_BYTES;
}

/* Called with mu held: whether readers waiting for room are worth waking.
 * Only once a quarter of the window is free (or nothing is left to read),
 * so that a wakeup reads several files: waking for every slot that came
 * free cost a futex call and a context switch per file. */
static int worth_waking(const struct readers *r)
{
	if (r->stop || r->next_read >= r->list->n)
		return 1;
	return r->next_read + WINDOW / 4 <= r->next_sent + WINDOW &&
	       r->ahead_bytes <= AHEAD_BYTES - AHEAD_BYTES / 4;
}

/* Reads file i (taken, with mu released) into its slot. */
static void read_ahead(struct reader *rd, size_t i)
{
	struct readers *r = rd->r;
	const struct pl_file_entry *e = &r->list->e[i];
	struct slot *s = &r->slot[i % WINDOW];
	pl_grow((void **)&s->bytes.p, &s->bytes.cap, SLOT_START, 1);
	rd->filling = s;
	rd->in.sink_failed = 0;
	int rc = ingest_file(&rd->in, e->rel, e->path, NULL, 0, e->error);
	pthread_mutex_lock(&r->mu);
	if (rc < 0) {
		s->in_order = 1;
		pl_buf_reset(&s->bytes);
		s->ngroups = 0;
	}
	s->done = 1;
	r->ahead_bytes += s->bytes.len;
	if (r->caller_waiting)
		pthread_cond_signal(&r->ready);
	pthread_mutex_unlock(&r->mu);
}

static void *reader_main(void *arg)
{
	struct reader *rd = arg;
	struct readers *r = rd->r;
	/* The caller, which runs validate and score on every record, is the
	 * slowest part while files are read; readers are ahead of it by
	 * design. With more threads than cores they would take the CPU from
	 * it in equal shares, so they yield to it: Linux gives each thread a
	 * nice value of its own. Failing that, they share. 1M on two cores:
	 * the caller busy 97% of the time instead of 92%, the reading 15%
	 * shorter. */
	id_t self = (id_t)syscall(SYS_gettid);
	errno = 0;
	int nice = getpriority(PRIO_PROCESS, self);
	if (errno == 0)
		setpriority(PRIO_PROCESS, self, nice + READER_NICE < 19 ? nice + READER_NICE : 19);
	pthread_mutex_lock(&r->mu);
	for (;;) {
		if (!may_take(r)) {
			if (r->stop || r->next_read >= r->list->n)
				break;
			r->readers_waiting++;
			do
				pthread_cond_wait(&r->room, &r->mu);
			while (!worth_waking(r));
			r->readers_waiting--;
			continue;
		}
		size_t i = r->next_read++;
		pthread_mutex_unlock(&r->mu);
		read_ahead(rd, i);
		pthread_mutex_lock(&r->mu);
	}
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

static void reader_init(struct reader *rd, struct readers *r)
{
	struct pl_sink slot = {slot_put, rd};
	if (r->in->ahead) {
		rd->ahead = r->in->ahead(r->in->ctx, slot);
		slot = pl_stage_sink(&rd->ahead);
	}
	ingest_fork(&rd->in, r->in, slot);
	rd->r = r;
}

static void reader_end(struct reader *rd)
{
	ingest_fork_end(&rd->in);
	if (rd->ahead.self)
		rd->ahead.destroy(rd->ahead.self);
}

/* Puts the records read ahead into file i's slot on to the run's sink. */
static int deliver(struct readers *r, struct slot *s, struct pl_group *g)
{
	char *p = s->bytes.p;
	for (size_t k = 0; k < s->ngroups; k++) {
		p = pl_group_decode(g, p);
		if (r->in->out.put(r->in->out.self, g) < 0) {
			r->in->sink_failed = 1;
			return -1;
		}
	}
	return 0;
}

/* Waits for file i's turn: returns 1 when the caller is to read it itself
 * (nobody took it, or it was given up), 0 when its slot is ready. While
 * waiting the caller reads ahead too. */
static int await(struct readers *r, struct reader *self, size_t i)
{
	struct slot *s = &r->slot[i % WINDOW];
	pthread_mutex_lock(&r->mu);
	r->next_sent = i; /* a slot came free */
	if (r->readers_waiting && worth_waking(r))
		pthread_cond_broadcast(&r->room);
	int own = 0;
	while (!s->done) {
		if (r->next_read == i) {
			r->next_read++;
			own = 1;
			break;
		}
		if (may_take(r)) {
			size_t j = r->next_read++;
			pthread_mutex_unlock(&r->mu);
			read_ahead(self, j);
			pthread_mutex_lock(&r->mu);
			continue;
		}
		r->caller_waiting = 1;
		pthread_cond_wait(&r->ready, &r->mu);
		r->caller_waiting = 0;
	}
	pthread_mutex_unlock(&r->mu);
	return own || s->in_order;
}

static void release(struct readers *r, struct slot *s)
{
	pthread_mutex_lock(&r->mu);
	r->ahead_bytes -= s->bytes.len;
	pthread_mutex_unlock(&r->mu);
	if (s->bytes.cap > KEEP_BYTES)
		pl_buf_free(&s->bytes);
	else
		pl_buf_reset(&s->bytes);
	s->ngroups = 0;
	s->done = s->in_order = 0;
}

int ingest_read_list(struct ingest *in, const struct pl_file_list *list)
{
	unsigned jobs = in->jobs;
	if (jobs > MAX_THREADS)
		jobs = MAX_THREADS;
	if (jobs < 2 || list->n < 2) {
		int rc = 0;
		for (size_t i = 0; i < list->n && rc == 0; i++)
			rc = ingest_file(in, list->e[i].rel, list->e[i].path, NULL, 0,
					 list->e[i].error);
		return rc;
	}
	struct readers r = {.in = in, .list = list,
			    .max_ahead = in->max_ahead ? in->max_ahead : DEFAULT_MAX_AHEAD};
	pthread_mutex_init(&r.mu, NULL);
	pthread_cond_init(&r.ready, NULL);
	pthread_cond_init(&r.room, NULL);
	/* rd[0] is the caller's, the others are the jobs reading threads'; a
	 * thread that cannot start leaves its share to the others. */
	unsigned nrd = jobs + 1;
	struct reader *rd = pl_xcalloc(nrd, sizeof *rd);
	for (unsigned t = 0; t < nrd; t++)
		reader_init(&rd[t], &r);
	unsigned started = 1;
	for (unsigned t = 1; t < nrd; t++)
		if (pthread_create(&rd[started].thread, NULL, reader_main, &rd[started]) == 0)
			started++;
	struct pl_group g = {0};
	int rc = 0;
	for (size_t i = 0; i < list->n && rc == 0; i++) {
		struct slot *s = &r.slot[i % WINDOW];
		if (await(&r, &rd[0], i))
			rc = ingest_file(in, list->e[i].rel, list->e[i].path, NULL, 0,
					 list->e[i].error);
		else
			rc = deliver(&r, s, &g);
		release(&r, s);
	}
	pthread_mutex_lock(&r.mu);
	r.stop = 1;
	pthread_cond_broadcast(&r.room);
	pthread_mutex_unlock(&r.mu);
	for (unsigned t = 1; t < started; t++)
		pthread_join(rd[t].thread, NULL);
	for (unsigned t = 0; t < nrd; t++)
		reader_end(&rd[t]);
	for (size_t k = 0; k < WINDOW; k++)
		pl_buf_free(&r.slot[k].bytes);
	pl_group_free(&g);
	free(rd);
	pthread_mutex_destroy(&r.mu);
	pthread_cond_destroy(&r.ready);
	pthread_cond_destroy(&r.room);
	return rc;
}
