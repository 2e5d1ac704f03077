/*
 * test_rank.c: unit tests of the rank stage (stages/rank.h), driven
 * in-process with reg records built directly (the fields rank reads: year,
 * region_code, level, province_code, spd, sid_num, sid_den, iid) into a
 * capture sink.
 *
 * Covers: competition ranking (1, 2, 2, 4) by rounded IID nationally per
 * level (provinsi, kabupaten, kota each on their own); kabupaten and kota
 * ranked together within their province; provinces get an empty
 * rank_province; a higher SID or SPD never beats a higher IID, and equal
 * IIDs share the rank whatever their SID, SPD and code (the listing order
 * inside a tie is not visible in rank's output, which is by year and code:
 * the test checks that it never changes a rank, whatever the arrival
 * order); output ordered by year then region code; separate years ranked
 * separately; every other field passed on as it came; other kinds pass on
 * at once and reg records only at the end; a failing sink fails finish.
 */
#include "stage_harness.h"

#include "rank.h"

struct fx {
	struct pl_ctx ctx;
	struct hs_cap cap;
	struct pl_stage st;
	struct pl_group g;
};

static int setup(void **state)
{
	struct fx *f = pl_xcalloc(1, sizeof *f);
	f->st = rank_new(&f->ctx, hs_sink(&f->cap));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	f->st.destroy(f->st.self);
	hs_cap_clear(&f->cap);
	pl_group_free(&f->g);
	pl_buf_free(&f->ctx.err);
	free(f);
	return 0;
}

/* A region's result as score sends it, unranked. */
struct region {
	const char *year, *code, *level, *province, *iid, *spd, *sid_num, *sid_den;
};

static void put_reg(struct fx *f, const struct region *r)
{
	struct pl_group *g = &f->g;
	pl_group_start(g, PL_KIND_REG);
	hs_set(g, PL_REG_YEAR, r->year);
	hs_set(g, PL_REG_CODE, r->code);
	pl_setf(g, &g->head, PL_REG_NAME, "Wilayah %s", r->code);
	hs_set(g, PL_REG_LEVEL, r->level);
	hs_set(g, PL_REG_PROVINCE, r->province);
	hs_set(g, PL_REG_SPD, r->spd ? r->spd : "0.00");
	hs_set(g, PL_REG_SID, "1.23");
	hs_set(g, PL_REG_SID_NUM, r->sid_num ? r->sid_num : "0");
	hs_set(g, PL_REG_SID_DEN, r->sid_den ? r->sid_den : "10");
	hs_set(g, PL_REG_JUMLAH, "0.38");
	hs_set(g, PL_REG_DIVISOR, "10");
	hs_set(g, PL_REG_N_DIV, "1");
	hs_set(g, PL_REG_N_COUNT, "1");
	hs_set(g, PL_REG_N_DITOLAK, "0");
	hs_set(g, PL_REG_N_EXCLUDED, "0");
	hs_set(g, PL_REG_AVG, "9.00");
	hs_set(g, PL_REG_AVG_PCT, "8.11");
	hs_set(g, PL_REG_IID, r->iid);
	hs_set(g, PL_REG_PREDICATE, "Predikat Uji");
	hs_set(g, PL_REG_RANK_NATIONAL, "");
	hs_set(g, PL_REG_RANK_PROVINCE, "");
	hs_put(&f->st, g);
}

static const struct hs_rec *out_reg(const struct fx *f, const char *year, const char *code)
{
	const struct hs_rec *r =
		hs_find2(&f->cap, PL_KIND_REG, PL_REG_YEAR, year, PL_REG_CODE, code);
	if (!r)
		fail_msg("no reg record for %s %s", year, code);
	return r;
}

static void expect_rank(const struct fx *f, const char *year, const char *code,
			const char *national, const char *province)
{
	const struct hs_rec *r = out_reg(f, year, code);
	if (strcmp(hs_get(r, PL_REG_RANK_NATIONAL), national) ||
	    strcmp(hs_get(r, PL_REG_RANK_PROVINCE), province))
		fail_msg("%s %s: rank %s / %s, expected %s / %s", year, code,
			 hs_get(r, PL_REG_RANK_NATIONAL), hs_get(r, PL_REG_RANK_PROVINCE), national,
			 province);
}

/* Two provinces with kabupaten and kota, and a third province alone. */
static const struct region basic[] = {
	/* kota, nationally: 50 > 40 = 40 > 30: 1, 2, 2, 4 */
	{"2023", "52.72", "kota", "52", "40.00"},
	{"2023", "18.72", "kota", "18", "30.00"},
	{"2023", "52.71", "kota", "52", "50.00"},
	{"2023", "18.71", "kota", "18", "40.00"},
	/* kabupaten, nationally: 45 = 45 > 10: 1, 1, 3 */
	{"2023", "52.02", "kabupaten", "52", "45.00"},
	{"2023", "18.01", "kabupaten", "18", "10.00"},
	{"2023", "52.01", "kabupaten", "52", "45.00"},
	/* provinsi: 25 > 20 = 20: 1, 2, 2 */
	{"2023", "52", "provinsi", "52", "20.00"},
	{"2023", "11", "provinsi", "11", "20.00"},
	{"2023", "18", "provinsi", "18", "25.00"},
};

static void put_all(struct fx *f, const struct region *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put_reg(f, &r[i]);
}

static void test_competition_ranking(void **state)
{
	struct fx *f = *state;
	put_all(f, basic, sizeof basic / sizeof basic[0]);
	assert_int_equal(f->st.finish(f->st.self), 0);
	assert_int_equal(hs_count(&f->cap, PL_KIND_REG), 10);
	/* within province 52 (kabupaten and kota together):
	 *   52.71 50 -> 1; 52.01 45, 52.02 45 -> 2, 2; 52.72 40 -> 4
	 * within province 18: 18.71 40 -> 1; 18.72 30 -> 2; 18.01 10 -> 3 */
	expect_rank(f, "2023", "52.71", "1", "1");
	expect_rank(f, "2023", "52.72", "2", "4");
	expect_rank(f, "2023", "18.71", "2", "1");
	expect_rank(f, "2023", "18.72", "4", "2");
	expect_rank(f, "2023", "52.01", "1", "2");
	expect_rank(f, "2023", "52.02", "1", "2");
	expect_rank(f, "2023", "18.01", "3", "3");
	/* provinces: national rank among provinces, no provincial rank */
	expect_rank(f, "2023", "18", "1", "");
	expect_rank(f, "2023", "52", "2", "");
	expect_rank(f, "2023", "11", "2", "");
}

static void test_output_order_and_fields(void **state)
{
	struct fx *f = *state;
	put_all(f, basic, sizeof basic / sizeof basic[0]);
	assert_int_equal(f->st.finish(f->st.self), 0);
	/* by region code, byte order */
	static const char *const order[] = {"11",    "18",    "18.01", "18.71", "18.72",
					    "52",    "52.01", "52.02", "52.71", "52.72"};
	assert_int_equal(f->cap.n, 10);
	for (size_t i = 0; i < 10; i++)
		assert_string_equal(hs_get(&f->cap.v[i], PL_REG_CODE), order[i]);
	/* every field but the ranks passes on as it came */
	const struct hs_rec *r = out_reg(f, "2023", "52.72");
	assert_string_equal(hs_get(r, PL_REG_NAME), "Wilayah 52.72");
	assert_string_equal(hs_get(r, PL_REG_LEVEL), "kota");
	assert_string_equal(hs_get(r, PL_REG_PROVINCE), "52");
	assert_string_equal(hs_get(r, PL_REG_IID), "40.00");
	assert_string_equal(hs_get(r, PL_REG_SID), "1.23");
	assert_string_equal(hs_get(r, PL_REG_JUMLAH), "0.38");
	assert_string_equal(hs_get(r, PL_REG_AVG_PCT), "8.11");
	assert_string_equal(hs_get(r, PL_REG_PREDICATE), "Predikat Uji");
}

/* Equal rounded IIDs with different exact SID, SPD and codes share a rank
 * (listing order inside the tie: SID, then SPD, then code); a higher SID
 * never beats a higher IID. Each arrival order gives the same ranks. */
static const struct region ties[] = {
	/* exact SID 12345/10 = 1234.5 vs 24690/20 = 1234.5 (equal), and
	 * 24691/20 = 1234.55 (higher); SPD 10 or 20 */
	{"2023", "32.71", "kota", "32", "33.33", "10.00", "12345", "10"},
	{"2023", "32.72", "kota", "32", "33.33", "20.00", "24690", "20"},
	{"2023", "32.73", "kota", "32", "33.33", "10.00", "24691", "20"},
	/* lower IID, far higher SID: ranked below all of them */
	{"2023", "32.74", "kota", "32", "33.32", "0.00", "99999999", "10"},
	/* higher IID, lowest SID: first */
	{"2023", "32.75", "kota", "32", "33.34", "50.00", "1", "200"},
	/* exact SID whose cross products need more than 64 bits (10^36) */
	{"2023", "32.76", "kota", "32", "33.33", "0.00", "999999999999999999",
	 "999999999999999999"},
};

static void test_ties_share_rank_any_order(void **state)
{
	struct fx *f = *state;
	enum { N = sizeof ties / sizeof ties[0] };
	/* a few arrival orders: as listed, reversed, rotated */
	static const size_t orders[][N] = {
		{0, 1, 2, 3, 4, 5}, {5, 4, 3, 2, 1, 0}, {3, 5, 1, 4, 0, 2}, {2, 0, 4, 1, 5, 3}};
	for (size_t o = 0; o < sizeof orders / sizeof orders[0]; o++) {
		f->st.destroy(f->st.self);
		hs_cap_clear(&f->cap);
		f->st = rank_new(&f->ctx, hs_sink(&f->cap));
		for (size_t i = 0; i < N; i++)
			put_reg(f, &ties[orders[o][i]]);
		assert_int_equal(f->st.finish(f->st.self), 0);
		/* 33.34 -> 1; four at 33.33 -> 2, 2, 2, 2; 33.32 -> 6 */
		expect_rank(f, "2023", "32.75", "1", "1");
		expect_rank(f, "2023", "32.71", "2", "2");
		expect_rank(f, "2023", "32.72", "2", "2");
		expect_rank(f, "2023", "32.73", "2", "2");
		expect_rank(f, "2023", "32.76", "2", "2");
		expect_rank(f, "2023", "32.74", "6", "6");
		for (size_t i = 0; i + 1 < f->cap.n; i++)
			assert_true(strcmp(hs_get(&f->cap.v[i], PL_REG_CODE),
					   hs_get(&f->cap.v[i + 1], PL_REG_CODE)) < 0);
	}
}

static void test_years_ranked_separately(void **state)
{
	struct fx *f = *state;
	static const struct region r[] = {
		/* 2024 first in arrival, with the order of 2023 reversed */
		{"2024", "52.71", "kota", "52", "10.00"},
		{"2024", "52.72", "kota", "52", "70.00"},
		{"2024", "52.01", "kabupaten", "52", "70.00"},
		{"2023", "52.72", "kota", "52", "10.00"},
		{"2023", "52.71", "kota", "52", "70.00"},
		{"2023", "52.01", "kabupaten", "52", "5.00"},
		{"2024", "52", "provinsi", "52", "1.00"},
		{"2023", "52", "provinsi", "52", "0.00"},
	};
	put_all(f, r, sizeof r / sizeof r[0]);
	assert_int_equal(f->st.finish(f->st.self), 0);
	/* 2023: kota 52.71 (70) 1, 52.72 (10) 2; kabupaten 52.01 1;
	 *       province 52: 52.71 1, 52.72 2, 52.01 (5) 3
	 * 2024: kota 52.72 (70) 1, 52.71 (10) 2; kabupaten 52.01 1;
	 *       province 52: 52.72 and 52.01 (70) 1, 1; 52.71 3 */
	expect_rank(f, "2023", "52.71", "1", "1");
	expect_rank(f, "2023", "52.72", "2", "2");
	expect_rank(f, "2023", "52.01", "1", "3");
	expect_rank(f, "2023", "52", "1", "");
	expect_rank(f, "2024", "52.72", "1", "1");
	expect_rank(f, "2024", "52.71", "2", "3");
	expect_rank(f, "2024", "52.01", "1", "1");
	expect_rank(f, "2024", "52", "1", "");
	/* output by year, then code */
	static const char *const order[][2] = {
		{"2023", "52"}, {"2023", "52.01"}, {"2023", "52.71"}, {"2023", "52.72"},
		{"2024", "52"}, {"2024", "52.01"}, {"2024", "52.71"}, {"2024", "52.72"}};
	assert_int_equal(f->cap.n, 8);
	for (size_t i = 0; i < 8; i++) {
		assert_string_equal(hs_get(&f->cap.v[i], PL_REG_YEAR), order[i][0]);
		assert_string_equal(hs_get(&f->cap.v[i], PL_REG_CODE), order[i][1]);
	}
}

static void test_all_zero_share_rank_one(void **state)
{
	struct fx *f = *state;
	/* regions that sent nothing all have 0.00: they share rank 1 */
	static const struct region r[] = {
		{"2023", "11.01", "kabupaten", "11", "0.00"},
		{"2023", "11.02", "kabupaten", "11", "0.00"},
		{"2023", "11.71", "kota", "11", "0.00"},
		{"2023", "11.03", "kabupaten", "11", "100.00"},
	};
	put_all(f, r, 4);
	assert_int_equal(f->st.finish(f->st.self), 0);
	/* kabupaten: 100 -> 1; 0, 0 -> 2, 2. kota: alone -> 1.
	 * province 11: 100 -> 1; three at 0 -> 2, 2, 2 */
	expect_rank(f, "2023", "11.03", "1", "1");
	expect_rank(f, "2023", "11.01", "2", "2");
	expect_rank(f, "2023", "11.02", "2", "2");
	expect_rank(f, "2023", "11.71", "1", "2");
}

static void test_pass_through_and_sink_failure(void **state)
{
	struct fx *f = *state;
	put_reg(f, &basic[0]);
	assert_int_equal(f->cap.n, 0); /* held until the end */
	static const enum pl_kind kinds[] = {PL_KIND_SRC, PL_KIND_REJ, PL_KIND_WARN,
					     PL_KIND_INN, PL_KIND_SPD};
	for (size_t k = 0; k < 5; k++) {
		pl_group_start(&f->g, kinds[k]);
		pl_set(&f->g, &f->g.head, 0, "k/a.csv");
		hs_put(&f->st, &f->g);
		assert_int_equal(f->cap.n, k + 1); /* at once */
		assert_int_equal(f->cap.v[k].kind, kinds[k]);
		assert_string_equal(hs_get(&f->cap.v[k], 0), "k/a.csv");
	}
	/* a failing sink: put of another kind and finish return -1 */
	f->cap.fail = 1;
	pl_group_start(&f->g, PL_KIND_SRC);
	assert_int_equal(f->st.put(f->st.self, &f->g), -1);
	assert_int_equal(f->st.finish(f->st.self), -1);
}

static void test_empty(void **state)
{
	struct fx *f = *state;
	assert_int_equal(f->st.finish(f->st.self), 0);
	assert_int_equal(f->cap.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_competition_ranking, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_order_and_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ties_share_rank_any_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_years_ranked_separately, setup, teardown),
		cmocka_unit_test_setup_teardown(test_all_zero_share_rank_one, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pass_through_and_sink_failure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
