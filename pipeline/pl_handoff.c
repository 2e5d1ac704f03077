#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "pl_exit.h"
#include "pl_groupbytes.h"
#include "pl_handoff.h"

/* A batch: groups encoded one after another (pl_groupbytes.h). */
struct batch {
	struct pl_buf bytes;
	size_t ngroups;
	struct batch *next_free;
};

/* A new batch, with room for what it takes before it is queued and a
 * group more: grown from 8 bytes it was reallocated 16 times. */
static struct batch *new_batch(void)
{
	struct batch *b = pl_xcalloc(1, sizeof *b);
	pl_grow((void **)&b->bytes.p, &b->bytes.cap, PL_HANDOFF_BATCH_BYTES + 64 * 1024, 1);
	return b;
}

struct handoff {
	struct pl_ctx *ctx;   /* the producer's */
	struct pl_ctx *inner; /* the stages' after the handoff */
	struct pl_sink next;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t can_put, can_take;
	struct batch *queue[PL_HANDOFF_BATCHES];
	size_t head, count;
	struct batch *pool; /* emptied batches, for reuse */
	struct batch *filling;
	int ended;   /* the producer sends nothing more */
	int failed;  /* the next stage failed: nothing more is put */
	int running; /* the thread exists and has not been joined */
	struct pl_group g; /* the thread's group, decoded from a batch */
};

static void *consume(void *arg)
{
	struct handoff *h = arg;
	int failed = 0;
	for (;;) {
		pthread_mutex_lock(&h->mu);
		while (!h->count && !h->ended)
			pthread_cond_wait(&h->can_take, &h->mu);
		if (!h->count) {
			pthread_mutex_unlock(&h->mu);
			break;
		}
		struct batch *b = h->queue[h->head];
		h->head = (h->head + 1) % PL_HANDOFF_BATCHES;
		h->count--;
		if (h->failed)
			failed = 1; /* or abandoned: see handoff_destroy */
		pthread_cond_signal(&h->can_put);
		pthread_mutex_unlock(&h->mu);
		char *p = b->bytes.p;
		for (size_t i = 0; i < b->ngroups && !failed; i++) {
			p = pl_group_decode(&h->g, p);
			if (h->next.put(h->next.self, &h->g) < 0)
				failed = 1;
		}
		pl_buf_reset(&b->bytes);
		b->ngroups = 0;
		pthread_mutex_lock(&h->mu);
		b->next_free = h->pool;
		h->pool = b;
		if (failed && !h->failed) {
			h->failed = 1;
			pthread_cond_signal(&h->can_put);
		}
		pthread_mutex_unlock(&h->mu);
	}
	pl_group_reset(&h->g);
	return NULL;
}

/* Called with h->mu held: carries the next stage's failure over to the
 * producer's context, where the caller reports it. */
static int producer_sees_failure(struct handoff *h)
{
	if (!h->failed)
		return 0;
	if (!h->ctx->err.len) {
		pl_buf_adds(&h->ctx->err, pl_buf_str(&h->inner->err));
		h->ctx->exit_code = h->inner->exit_code;
	}
	return -1;
}

/* Queues the filling batch (waiting for room) and starts another. */
static int push(struct handoff *h)
{
	pthread_mutex_lock(&h->mu);
	while (h->count == PL_HANDOFF_BATCHES && !h->failed)
		pthread_cond_wait(&h->can_put, &h->mu);
	if (producer_sees_failure(h) < 0) {
		pthread_mutex_unlock(&h->mu);
		return -1;
	}
	h->queue[(h->head + h->count) % PL_HANDOFF_BATCHES] = h->filling;
	h->count++;
	pthread_cond_signal(&h->can_take);
	h->filling = h->pool;
	if (h->pool)
		h->pool = h->pool->next_free;
	pthread_mutex_unlock(&h->mu);
	if (!h->filling)
		h->filling = new_batch();
	return 0;
}

static int handoff_put(void *self, struct pl_group *g)
{
	struct handoff *h = self;
	pl_group_encode(&h->filling->bytes, g);
	h->filling->ngroups++;
	if (h->filling->bytes.len >= PL_HANDOFF_BATCH_BYTES)
		return push(h);
	return 0;
}

/* Ends the thread: after everything queued was put on, or at once when
 * nothing was pushed. */
static void join(struct handoff *h)
{
	if (!h->running)
		return;
	pthread_mutex_lock(&h->mu);
	h->ended = 1;
	pthread_cond_signal(&h->can_take);
	pthread_mutex_unlock(&h->mu);
	pthread_join(h->thread, NULL);
	h->running = 0;
}

static int handoff_finish(void *self)
{
	struct handoff *h = self;
	int rc = h->filling->ngroups ? push(h) : 0;
	join(h);
	pthread_mutex_lock(&h->mu);
	if (producer_sees_failure(h) < 0)
		rc = -1;
	pthread_mutex_unlock(&h->mu);
	return rc;
}

static void free_batch(struct batch *b)
{
	if (!b)
		return;
	pl_buf_free(&b->bytes);
	free(b);
}

static void handoff_destroy(void *self)
{
	struct handoff *h = self;
	/* A run that failed before finish: what is queued is dropped, not
	 * put on to stages that are about to be destroyed. */
	pthread_mutex_lock(&h->mu);
	h->failed = 1;
	pthread_mutex_unlock(&h->mu);
	join(h);
	while (h->count) {
		free_batch(h->queue[h->head]);
		h->head = (h->head + 1) % PL_HANDOFF_BATCHES;
		h->count--;
	}
	while (h->pool) {
		struct batch *b = h->pool;
		h->pool = b->next_free;
		free_batch(b);
	}
	free_batch(h->filling);
	pl_group_free(&h->g);
	pthread_mutex_destroy(&h->mu);
	pthread_cond_destroy(&h->can_put);
	pthread_cond_destroy(&h->can_take);
	free(h);
}

struct pl_stage pl_handoff_new(struct pl_ctx *ctx, struct pl_ctx *inner, struct pl_sink next)
{
	struct pl_stage st = {"handoff", NULL, handoff_put, handoff_finish, handoff_destroy};
	struct handoff *h = pl_xcalloc(1, sizeof *h);
	h->ctx = ctx;
	h->inner = inner;
	h->next = next;
	h->filling = new_batch();
	pthread_mutex_init(&h->mu, NULL);
	pthread_cond_init(&h->can_put, NULL);
	pthread_cond_init(&h->can_take, NULL);
	if (pthread_create(&h->thread, NULL, consume, h) != 0) {
		handoff_destroy(h);
		return st;
	}
	h->running = 1;
	st.self = h;
	return st;
}
