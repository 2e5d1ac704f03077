/*
 * test_handoff.c: unit tests of pl_handoff.h, the stage boundary crossed
 * by a thread (rank and emit in indeks run).
 *
 * Covers: groups of every size (a missing field, an empty one, answers
 * and raw rows, fields past a batch's size) arriving after the handoff in
 * the order put, unchanged, across more batches than the queue holds; the
 * next stage failing part way: the producer's put or finish returns -1,
 * its context gets the next stage's reason and exit code, and nothing is
 * put after the failure; and a handoff destroyed before finish, with
 * batches still queued, dropping them (ASan checks nothing leaks).
 */
#include "stage_harness.h"

#include "pl_handoff.h"

enum { GROUPS = 20000 };

/* Group i, made from its number so it can be checked without keeping it:
 * a submission with i % 4 answers and, every 7th, a raw row; every 1000th
 * carries a field longer than a batch. */
static void make(struct pl_group *g, int i)
{
	char n[32];
	snprintf(n, sizeof n, "%d", i);
	pl_group_start(g, PL_KIND_SUB);
	pl_set(g, &g->head, PL_SUB_FILE, "a/b.csv");
	pl_set(g, &g->head, PL_SUB_LINE, n);
	pl_set(g, &g->head, PL_SUB_ID, i % 3 ? n : ""); /* empty, not missing */
	if (i % 1000 == 0) {
		size_t len = PL_HANDOFF_BATCH_BYTES + (size_t)i;
		char *big = pl_xmalloc(len + 1);
		memset(big, 'x', len);
		big[len] = '\0';
		pl_set(g, &g->head, PL_SUB_NAMA, big);
		free(big);
	}
	for (int k = 0; k < i % 4; k++) {
		struct pl_row *a = pl_group_add_ans(g);
		pl_setf(g, a, PL_ANS_ROW, "%d", k + 1);
		pl_set(g, a, PL_ANS_LEVEL, n);
	}
	if (i % 7 == 0)
		pl_group_keep_raw(g, PL_SUB_TAHUN, " 2023 ");
}

static void check(const struct hs_rec *r, int i)
{
	char n[32];
	snprintf(n, sizeof n, "%d", i);
	assert_int_equal(r->kind, PL_KIND_SUB);
	assert_string_equal(r->f[PL_SUB_LINE], n);
	assert_string_equal(r->f[PL_SUB_ID], i % 3 ? n : "");
	assert_null(r->f[PL_SUB_TAHUN]); /* missing stays missing */
	if (i % 1000 == 0)
		assert_int_equal(strlen(r->f[PL_SUB_NAMA]), PL_HANDOFF_BATCH_BYTES + (size_t)i);
	else
		assert_null(r->f[PL_SUB_NAMA]);
	assert_int_equal(r->nans, (size_t)(i % 4));
	for (size_t k = 0; k < r->nans; k++) {
		assert_string_equal(r->ans[k][PL_ANS_LEVEL], n);
		assert_null(r->ans[k][PL_ANS_BUKTI]);
	}
	assert_int_equal(r->nraw, (size_t)(i % 7 == 0));
	if (r->nraw)
		assert_string_equal(r->raw[0][PL_RAW_VALUE], " 2023 ");
}

/* The next stage: a capture that fails at put number fail_at (0: never),
 * reporting in its own context as a stage does. */
struct next {
	struct hs_cap cap;
	struct pl_ctx *ctx;
	size_t fail_at;
};

static int next_put(void *self, struct pl_group *g)
{
	struct next *x = self;
	if (x->fail_at && x->cap.puts + 1 == x->fail_at) {
		x->cap.puts++;
		pl_buf_adds(&x->ctx->err, "no room left on the device");
		x->ctx->exit_code = 74;
		return -1;
	}
	return hs_cap_put(&x->cap, g);
}

/* A handoff in front of a next stage failing at put fail_at (0: never). */
struct run {
	struct pl_ctx ctx, inner;
	struct next x;
	struct pl_stage h;
	struct pl_group g;
};

static void start(struct run *r, size_t fail_at)
{
	memset(r, 0, sizeof *r);
	r->x.ctx = &r->inner;
	r->x.fail_at = fail_at;
	r->h = pl_handoff_new(&r->ctx, &r->inner, (struct pl_sink){next_put, &r->x});
	assert_non_null(r->h.self);
}

/* Puts groups 0 to n - 1, stopping at the first that fails: 0 or -1. */
static int put_groups(struct run *r, int n)
{
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		make(&r->g, i);
		rc = r->h.put(r->h.self, &r->g);
	}
	return rc;
}

/* Destroys the handoff (ending its thread) and checks what arrived. */
static void end(struct run *r)
{
	r->h.destroy(r->h.self);
	for (size_t i = 0; i < r->x.cap.n; i++)
		check(&r->x.cap.v[i], (int)i);
	pl_group_free(&r->g);
	pl_buf_free(&r->ctx.err);
	pl_buf_free(&r->inner.err);
	hs_cap_clear(&r->x.cap);
}

static void test_order_and_contents(void **state)
{
	(void)state;
	struct run r;
	start(&r, 0);
	assert_int_equal(put_groups(&r, GROUPS), 0);
	assert_int_equal(r.h.finish(r.h.self), 0);
	assert_int_equal(r.x.cap.n, GROUPS);
	end(&r);
}

static void test_next_fails(void **state)
{
	(void)state;
	struct run r;
	start(&r, 5000);
	int rc = put_groups(&r, GROUPS);
	if (rc == 0)
		rc = r.h.finish(r.h.self);
	assert_int_equal(rc, -1);
	assert_string_equal(pl_buf_str(&r.ctx.err), "no room left on the device");
	assert_int_equal(r.ctx.exit_code, 74);
	/* Nothing after the failing put reached the next stage. */
	assert_int_equal(r.x.cap.puts, 5000);
	assert_int_equal(r.x.cap.n, 4999);
	end(&r);
}

static void test_destroy_before_finish(void **state)
{
	(void)state;
	struct run r;
	start(&r, 0);
	assert_int_equal(put_groups(&r, GROUPS / 4), 0);
	end(&r); /* a run that failed before it finished: what arrived is in order */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_order_and_contents),
	    cmocka_unit_test(test_next_fails),
	    cmocka_unit_test(test_destroy_before_finish),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
